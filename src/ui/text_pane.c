/*
 * text_pane.c: the full text of one article.
 *
 * The article is wrapped once per width into display rows (header: title,
 * subtitle, byline/date/source; then each paragraph, headings in bold, a
 * blank row between paragraphs).  Rows are byte slices of the stored
 * strings, so drawing reads nothing from the library.  The reading cursor
 * is a sentence: j/k move by sentence, the page keys scroll and put the
 * cursor on the first sentence in view.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/util.h"
#include "mouse.h"
#include "ui.h"

void text_pane_free(struct ui *ui)
{
	struct text_state *t = &ui->text;
	if (t->loaded)
		store_article_free(&t->art);
	free(t->meta_line);
	free(t->rows);
	store_mentions_free(t->mentions, t->n_mentions);
	find_clear(ui);
	annotate_free(ui);
	memset(t, 0, sizeof *t);
}

void text_pane_reload_mentions(struct ui *ui)
{
	struct text_state *t = &ui->text;
	store_mentions_free(t->mentions, t->n_mentions);
	t->mentions = NULL;
	t->n_mentions = 0;
	if (t->loaded && store_article_mentions(ui->st, t->art.id, &t->mentions, &t->n_mentions) < 0)
		ui_message(ui, true, "cannot read the mentions: %s", store_errmsg(ui->st));
}

/* Rows of text below the pane header. */
static int view_height(const struct ui *ui)
{
	int h = ui_pane_height(ui, LAYOUT_TEXT) - 1;
	return h > 0 ? h : 1;
}

/* Lines longer than this are hard to follow back to their start: a text
 * zoomed on a wide terminal keeps this measure (as the text pane of three
 * at 200 columns has it). */
#define TEXT_MAX_WIDTH 100

/* Width available for wrapping: the pane minus a margin on the left, one
 * blank column on the right and the border when the sidebar follows, at
 * most TEXT_MAX_WIDTH. */
static int wrap_width(const struct ui *ui)
{
	int w = ui->layout.pane[LAYOUT_TEXT].w;
	if (layout_visible(&ui->layout, LAYOUT_SIDE))
		w--;
	w -= 2;
	if (w > TEXT_MAX_WIDTH)
		w = TEXT_MAX_WIDTH;
	return w > 1 ? w : 1;
}

static int add_row(struct buf *rows, enum text_row_kind kind, const char *src,
                   size_t start, size_t end, int para)
{
	struct text_row r = { kind, src, start, end, para };
	return buf_append(rows, &r, sizeof r);
}

/* Wrap [start, end) of src into rows of one kind. */
static int add_wrapped(struct buf *rows, enum text_row_kind kind, const char *src,
                       size_t start, size_t end, int para, int width)
{
	struct text_line *lines;
	size_t n;
	if (text_wrap(src + start, end - start, width, &lines, &n) < 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = add_row(rows, kind, src, start + lines[i].start, start + lines[i].end, para);
	free(lines);
	return rc;
}

/* Build the display rows for the current width. */
static int build_rows(struct ui *ui, int width)
{
	struct text_state *t = &ui->text;
	struct store_article *a = &t->art;
	struct buf rows = { 0 };
	/* A title guessed from the first sentence would only repeat it. */
	int rc = a->title_guessed ? 0
	       : add_wrapped(&rows, TEXT_ROW_TITLE, a->title, 0, strlen(a->title), -1, width);
	if (rc == 0 && a->subtitle)
		rc = add_wrapped(&rows, TEXT_ROW_SUBTITLE, a->subtitle, 0, strlen(a->subtitle), -1, width);
	if (rc == 0 && t->meta_line && *t->meta_line)
		rc = add_wrapped(&rows, TEXT_ROW_META, t->meta_line, 0, strlen(t->meta_line), -1, width);
	for (size_t i = 0; rc == 0 && i < a->n_paras; i++) {
		const struct store_para *p = &a->paras[i];
		rc = add_row(&rows, TEXT_ROW_BLANK, a->body, p->start, p->start, (int)i);
		if (rc == 0)
			rc = add_wrapped(&rows, p->kind == CORPUS_PARA_HEADING ? TEXT_ROW_HEADING
			                                                     : TEXT_ROW_BODY,
			                 a->body, p->start, p->end, (int)i, width);
	}
	if (rc < 0) {
		buf_free(&rows);
		return -1;
	}
	free(t->rows);
	t->n_rows = rows.len / sizeof(struct text_row);
	t->rows = (struct text_row *)(void *)buf_steal(&rows);
	t->wrap_width = width;
	return 0;
}

/* The row showing byte `off` of the body (first body row at or after). */
static size_t row_of_offset(const struct text_state *t, size_t off)
{
	size_t lo = 0, hi = t->n_rows;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct text_row *r = &t->rows[mid];
		/* Header rows come first; a body or blank row ending at or
		 * before `off` is above it.  Monotonic over the rows. */
		if (r->para < 0 || r->end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n_rows ? lo : (t->n_rows ? t->n_rows - 1 : 0);
}

static size_t max_top(const struct ui *ui)
{
	size_t h = (size_t)view_height(ui);
	return ui->text.n_rows > h ? ui->text.n_rows - h : 0;
}

/* Make sure the rows exist for the current width. */
static void ensure_rows(struct ui *ui)
{
	struct text_state *t = &ui->text;
	int width = wrap_width(ui);
	if (!t->loaded || (t->rows && t->wrap_width == width))
		return;
	/* Keep the cursor's sentence in view across a re-wrap. */
	if (build_rows(ui, width) < 0) {
		ui_message(ui, true, "out of memory");
		return;
	}
	if (t->cursor == 0) {
		t->top = 0;  /* the header belongs with the first sentence */
	} else if (t->art.n_sentences) {
		size_t r = row_of_offset(t, t->art.sentences[t->cursor].start);
		if (r < t->top || r >= t->top + (size_t)view_height(ui))
			t->top = r > 2 ? r - 2 : 0;
	}
	if (t->top > max_top(ui))
		t->top = max_top(ui);
}

/* Scroll so the cursor sentence is visible. */
static void show_cursor(struct ui *ui)
{
	struct text_state *t = &ui->text;
	if (!t->art.n_sentences)
		return;
	ensure_rows(ui);
	const struct store_sentence *s = &t->art.sentences[t->cursor];
	size_t first = row_of_offset(t, s->start);
	size_t last = row_of_offset(t, s->end > s->start ? s->end - 1 : s->start);
	size_t h = (size_t)view_height(ui);
	if (last >= t->top + h)
		t->top = last - h + 1;
	if (first < t->top || last - first >= h)
		t->top = first;
	if (t->cursor == 0)
		t->top = 0;  /* show the header with the first sentence */
	if (t->top > max_top(ui) && first <= max_top(ui))
		t->top = max_top(ui);
}

int text_pane_open(struct ui *ui, int64_t article_id)
{
	struct store_article a;
	int rc = store_article_get(ui->st, article_id, &a);
	if (rc <= 0) {
		ui_message(ui, true, rc == 0 ? "article %lld is gone from the library"
		                             : "cannot read article %lld", (long long)article_id);
		return -1;
	}
	reading_leave(ui);  /* the article left keeps its position */
	char *query = ui->text.query;  /* the search carries over, like less */
	bool query_words = ui->text.query_words;
	ui->text.query = NULL;
	text_pane_free(ui);
	struct text_state *t = &ui->text;
	t->query = query;
	t->query_words = query_words;
	t->art = a;
	t->loaded = true;
	t->index = list_pane_index_of(ui, article_id);
	struct buf m = { 0 };
	if (a.author)
		buf_printf(&m, "di %s", a.author);
	if (a.date)
		buf_printf(&m, "%s%s", m.len ? " \xc2\xb7 " : "", a.date);
	if (a.origin)
		buf_printf(&m, "%s%s", m.len ? " \xc2\xb7 " : "", a.origin);
	t->meta_line = buf_steal(&m);
	ui->side.outline.sel = 0;
	ui->side.outline.top = 0;
	text_pane_reload_mentions(ui);
	side_pane_load(ui);
	find_refresh(ui);
	annotate_load(ui);
	reading_opened(ui);
	return 0;
}

size_t text_pane_top_offset(struct ui *ui)
{
	struct text_state *t = &ui->text;
	ensure_rows(ui);
	if (!t->loaded || t->top >= t->n_rows || t->rows[t->top].para < 0)
		return 0;
	return t->rows[t->top].start;
}

bool text_pane_read_enough(struct ui *ui)
{
	struct text_state *t = &ui->text;
	ensure_rows(ui);
	return t->top >= (size_t)view_height(ui) || t->top >= max_top(ui);
}

/* The sentence holding byte `off` of the body. */
static size_t sentence_at(const struct text_state *t, size_t off)
{
	size_t lo = 0, hi = t->art.n_sentences;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->art.sentences[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->art.n_sentences ? lo : (t->art.n_sentences ? t->art.n_sentences - 1 : 0);
}

void text_pane_goto_offset(struct ui *ui, size_t offset)
{
	struct text_state *t = &ui->text;
	if (!t->loaded || !t->art.n_sentences)
		return;
	t->cursor = sentence_at(t, offset);
	ensure_rows(ui);
	/* The sentence a third of the way down, with context above it. */
	size_t r = row_of_offset(t, offset), h = (size_t)view_height(ui);
	t->top = r > h / 3 ? r - h / 3 : 0;
	if (t->top > max_top(ui))
		t->top = max_top(ui);
}

int64_t text_pane_entity_at_cursor(struct ui *ui, size_t *at, bool *known)
{
	struct text_state *t = &ui->text;
	*known = false;
	if (!t->loaded || !t->art.n_sentences)
		return 0;
	const struct store_sentence *s = &t->art.sentences[t->cursor];
	/* With the focus, the sidebar's selection is the one followed, and
	 * nothing else (none selected: none). */
	bool side = ui->focus == LAYOUT_SIDE && ui->side.mode == SIDE_ENTITIES;
	int64_t want = side ? side_pane_selected_entity(ui) : 0;
	if (side && !want)
		return 0;
	if (t->has_target && t->target.entity && (!want || t->target.entity == want) &&
	    t->target.start >= s->start && t->target.start < s->end) {
		*at = t->target.start;
		*known = true;
		return t->target.entity;
	}
	const struct store_mention *first = NULL;
	for (size_t i = 0; i < t->n_mentions; i++) {
		const struct store_mention *m = &t->mentions[i];
		if (m->start < s->start || m->start >= s->end)
			continue;
		if (!first)
			first = m;
		if (m->entity == want) {
			first = m;
			break;
		}
	}
	/* The sidebar's choice wins when it has the focus, in the sentence
	 * or not. */
	if (first && (!want || first->entity == want)) {
		*at = first->start;
		*known = true;
		return first->entity;
	}
	return want;
}

size_t text_pane_cursor_para(const struct ui *ui)
{
	const struct text_state *t = &ui->text;
	if (!t->loaded || !t->art.n_sentences)
		return 0;
	return (size_t)t->art.sentences[t->cursor].para;
}

void text_pane_goto_para(struct ui *ui, size_t para)
{
	struct text_state *t = &ui->text;
	for (size_t i = 0; i < t->art.n_sentences; i++) {
		if ((size_t)t->art.sentences[i].para >= para) {
			t->cursor = i;
			break;
		}
	}
	ensure_rows(ui);
	if (t->art.n_sentences) {
		size_t r = row_of_offset(t, t->art.sentences[t->cursor].start);
		t->top = r > 0 ? r - 1 : 0;  /* the blank row above, as context */
		if (t->top > max_top(ui))
			t->top = max_top(ui);
	}
}

/* Attributes of byte `pos` of the body beyond the row's own role: the
 * reading cursor, the mentions of the highlighted entity, the mention
 * jumped to. */
static attr_t body_attr(const struct ui *ui, size_t pos, bool focused, int64_t entity)
{
	const struct text_state *t = &ui->text;
	attr_t a = 0;
	const struct store_sentence *s = &t->art.sentences[t->cursor];
	if (t->selecting) {
		/* The selection shows instead of the cursor's sentence. */
		size_t lo = t->sel_anchor < t->sel_head ? t->sel_anchor : t->sel_head;
		size_t hi = t->sel_anchor < t->sel_head ? t->sel_head : t->sel_anchor;
		if (pos >= lo && pos < hi)
			return draw_attr(ROLE_SELECTION);
	} else if (pos >= s->start && pos < s->end) {
		a |= focused ? draw_attr(ROLE_CURSOR) : A_UNDERLINE;
	}
	enum ui_role ar = t->n_annots ? annotate_role_at(ui, pos) : ROLE_NORMAL;
	if (ar != ROLE_NORMAL)
		a |= draw_attr(ar);
	if (t->n_hits && find_is_hit(ui, pos))
		/* Inside the (reverse) cursor a hit shows by its underline. */
		return a ? a | A_BOLD | A_UNDERLINE : draw_attr(ROLE_HIT);
	if (t->has_target && pos >= t->target.start && pos < t->target.end)
		return a | draw_attr(ROLE_MENTION) | A_BOLD | A_UNDERLINE;
	if (entity) {
		for (size_t i = 0; i < t->n_mentions; i++) {
			const struct store_mention *m = &t->mentions[i];
			if (m->start > pos)
				break;
			if (m->entity == entity && pos < m->end)
				return a | draw_attr(ROLE_MENTION);
		}
	}
	return a;
}

/* The next byte after `pos` (within [pos, end)) where body_attr may
 * change: a boundary of the cursor, the target or a mention. */
static size_t next_change(const struct ui *ui, size_t pos, size_t end)
{
	const struct text_state *t = &ui->text;
	size_t best = end;
	const struct store_sentence *s = &t->art.sentences[t->cursor];
	size_t cand[4] = { s->start, s->end, t->has_target ? t->target.start : end,
	                   t->has_target ? t->target.end : end };
	for (int i = 0; i < 4; i++)
		if (cand[i] > pos && cand[i] < best)
			best = cand[i];
	if (t->selecting) {
		size_t sel[2] = { t->sel_anchor, t->sel_head };
		for (int i = 0; i < 2; i++)
			if (sel[i] > pos && sel[i] < best)
				best = sel[i];
	}
	for (size_t i = 0; i < t->n_annots; i++) {
		if (t->annots[i].start > pos && t->annots[i].start < best)
			best = t->annots[i].start;
		if (t->annots[i].end > pos && t->annots[i].end < best)
			best = t->annots[i].end;
	}
	if (t->n_hits)
		best = find_next_edge(ui, pos, best);
	for (size_t i = 0; i < t->n_mentions; i++) {
		const struct store_mention *m = &t->mentions[i];
		if (m->start > pos && m->start < best)
			best = m->start;
		if (m->end > pos && m->end < best)
			best = m->end;
	}
	return best;
}

/* Draw one row; the cursor sentence and entity mentions are marked. */
static void draw_row(struct ui *ui, WINDOW *w, int y, const struct text_row *r,
                     int width, bool focused)
{
	static const enum ui_role kind_role[] = {
		[TEXT_ROW_TITLE] = ROLE_TITLE, [TEXT_ROW_SUBTITLE] = ROLE_NORMAL,
		[TEXT_ROW_META] = ROLE_DIM, [TEXT_ROW_HEADING] = ROLE_HEADING,
		[TEXT_ROW_BODY] = ROLE_NORMAL, [TEXT_ROW_BLANK] = ROLE_NORMAL,
	};
	const struct text_state *t = &ui->text;
	enum ui_role base = kind_role[r->kind];
	int x = 1, end = 1 + width;
	draw_set_role(w, base);
	if (r->src != t->art.body || !t->art.n_sentences || r->kind == TEXT_ROW_BLANK) {
		draw_text(w, y, x, r->src + r->start, r->end - r->start, end - x);
		return;
	}
	/* The sidebar's entity is highlighted while the sidebar has focus. */
	int64_t entity = ui->focus == LAYOUT_SIDE ? side_pane_selected_entity(ui) : 0;
	for (size_t pos = r->start; pos < r->end && x < end;) {
		size_t next = next_change(ui, pos, r->end);
		attr_t attr = draw_attr(base), extra = body_attr(ui, pos, focused, entity);
		if (extra & A_COLOR)
			attr &= ~A_COLOR;  /* two colour pairs do not mix */
		wattrset(w, (int)(attr | extra));
		x += draw_text(w, y, x, r->src + pos, next - pos, end - x);
		pos = next;
	}
	draw_set_role(w, base);
}

static void text_draw(struct ui *ui, WINDOW *w)
{
	struct text_state *t = &ui->text;
	int height = getmaxy(w);
	werase(w);
	char label[96];
	if (t->loaded && t->index >= 0)
		snprintf(label, sizeof label, "Text  %lld/%lld", (long long)t->index + 1,
		         (long long)list_pane_count(ui));
	else if (t->loaded)  /* the list's filter leaves it out */
		snprintf(label, sizeof label, "Text  (not in the list)");
	else
		snprintf(label, sizeof label, "Text");
	draw_header(w, label, ui->focus == LAYOUT_TEXT);
	if (layout_visible(&ui->layout, LAYOUT_SIDE))
		draw_border(w);
	if (!t->loaded) {
		draw_set_role(w, ROLE_DIM);
		if (list_pane_count(ui)) {
			draw_str(w, 2, 1, "Press Enter on an article to read it.", wrap_width(ui));
		} else {
			/* An empty library: how to fill it. */
			static const char *const lines[] = {
				"The library has no articles.", "To add some, quit and run", "",
				"  margo add PATH", "", "PATH: a .txt or .jsonl file,", "or a folder of them.",
			};
			for (int i = 0; i < (int)(sizeof lines / sizeof *lines); i++)
				draw_str(w, 2 + i, 1, lines[i], wrap_width(ui));
		}
		draw_set_role(w, ROLE_NORMAL);
		return;
	}
	ensure_rows(ui);
	int width = wrap_width(ui);
	bool focused = ui->focus == LAYOUT_TEXT;
	for (int y = 1; y < height; y++) {
		size_t i = t->top + (size_t)(y - 1);
		if (i >= t->n_rows)
			break;
		draw_row(ui, w, y, &t->rows[i], width, focused);
		/* A mark in the margin beside every row with an annotation. */
		const struct text_row *r = &t->rows[i];
		for (size_t k = 0; r->src == t->art.body && k < t->n_annots; k++) {
			if (t->annots[k].start < r->end && t->annots[k].end > r->start) {
				draw_set_role(w, (enum ui_role)t->annots[k].role);
				mvwaddstr(w, y, 0, "\xe2\x96\x8e");
				break;
			}
		}
	}
	draw_set_role(w, ROLE_NORMAL);
}

/* Put the cursor on the first sentence that starts in view. */
static void cursor_to_view(struct ui *ui)
{
	struct text_state *t = &ui->text;
	size_t h = (size_t)view_height(ui);
	for (size_t i = 0; i < t->art.n_sentences; i++) {
		size_t r = row_of_offset(t, t->art.sentences[i].start);
		if (r >= t->top) {
			if (r < t->top + h)
				t->cursor = i;
			return;
		}
	}
}

void text_pane_scroll_to(struct ui *ui, size_t off)
{
	struct text_state *t = &ui->text;
	if (!t->loaded || !t->art.n_sentences)
		return;
	ensure_rows(ui);
	size_t r = row_of_offset(t, off);
	t->top = r < max_top(ui) ? r : max_top(ui);
	t->cursor = sentence_at(t, off);
	cursor_to_view(ui);
}

/* Mouse (mouse.c): the body byte drawn at row y, column x of the pane's
 * window, counted as draw_row() draws (from column 1), and the end of its
 * grapheme; false on the header, a blank row or past the text. */
bool text_pane_byte_at(struct ui *ui, int y, int x, size_t *off, size_t *end)
{
	struct text_state *t = &ui->text;
	if (!t->loaded || !t->art.n_sentences || y < 1)
		return false;
	ensure_rows(ui);
	size_t i = t->top + (size_t)(y - 1);
	if (i >= t->n_rows || t->rows[i].src != t->art.body || t->rows[i].kind == TEXT_ROW_BLANK)
		return false;
	const struct text_row *r = &t->rows[i];
	size_t pos = r->start;
	int col = 1;
	while (pos < r->end) {
		size_t next = text_grapheme_next(r->src, r->end, pos);
		if (next <= pos)
			next = pos + 1;
		int w = text_width_from(r->src + pos, next - pos, col);
		if (x < col + (w > 0 ? w : 1) || next >= r->end) {
			*off = pos;
			*end = next;
			return true;
		}
		col += w;
		pos = next;
	}
	return false;
}

/* Mouse: the cursor on the sentence of body byte off, the view unmoved. */
void text_pane_cursor_at(struct ui *ui, size_t off)
{
	struct text_state *t = &ui->text;
	if (t->loaded && t->art.n_sentences)
		t->cursor = sentence_at(t, off);
}

/* Mouse wheel: scroll by n rows (up when negative), the cursor kept in
 * view. */
void text_pane_scroll_rows(struct ui *ui, int n)
{
	struct text_state *t = &ui->text;
	if (!t->loaded)
		return;
	ensure_rows(ui);
	size_t m = max_top(ui);
	if (n < 0)
		t->top = t->top > (size_t)-n ? t->top + (size_t)n : 0;
	else
		t->top = t->top + (size_t)n < m ? t->top + (size_t)n : m;
	if (!t->art.n_sentences)
		return;
	size_t h = (size_t)view_height(ui);
	const struct store_sentence *s = &t->art.sentences[t->cursor];
	size_t first = row_of_offset(t, s->start);
	size_t last = row_of_offset(t, s->end > s->start ? s->end - 1 : s->start);
	if (last < t->top || first >= t->top + h)
		cursor_to_view(ui);
	t->moved = true;
	reading_check(ui);
}

static bool text_move(struct ui *ui, enum ui_action a);

/* A move in the text; the article becomes read once scrolled enough. */
static bool text_handle(struct ui *ui, enum ui_action a)
{
	int64_t id = ui->text.art.id;
	bool done = text_move(ui, a);
	if (done && ui->text.loaded && ui->text.art.id == id) {
		ui->text.moved = true;
		reading_check(ui);
	}
	return done;
}

static bool text_move(struct ui *ui, enum ui_action a)
{
	struct text_state *t = &ui->text;
	if (!t->loaded)
		return false;
	ensure_rows(ui);
	size_t n = t->art.n_sentences, h = (size_t)view_height(ui);
	switch (a) {
	case UI_ACTION_DOWN:
		if (n && t->cursor + 1 < n)
			t->cursor++;
		else if (t->top < max_top(ui))
			t->top++;  /* at the last sentence: show the rest */
		else
			ui_message(ui, false, "end of article");
		show_cursor(ui);
		return true;
	case UI_ACTION_UP:
		if (t->cursor > 0)
			t->cursor--;
		show_cursor(ui);
		return true;
	case UI_ACTION_PAGE_DOWN:
		if (t->top >= max_top(ui)) {
			/* At the end: on to the next article, at its top. */
			t->moved = true;
			reading_step(ui, 1, true);
			return true;
		}
		t->top = t->top + h < max_top(ui) ? t->top + h : max_top(ui);
		cursor_to_view(ui);
		return true;
	case UI_ACTION_PAGE_UP:
		t->top = t->top > h ? t->top - h : 0;
		cursor_to_view(ui);
		if (t->top == 0)
			t->cursor = 0;
		return true;
	case UI_ACTION_FIRST:
		t->cursor = 0;
		t->top = 0;
		return true;
	case UI_ACTION_LAST:
		t->cursor = n ? n - 1 : 0;
		t->top = max_top(ui);
		show_cursor(ui);
		return true;
	default:
		return false;
	}
}

const struct pane_ops text_pane_ops = { text_draw, text_handle };
