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
#include "margo/config.h"
#include "mouse.h"
#include "ui.h"
#include "text_pane.h"

static struct text_state text;

struct text_state *text_pane_state(const struct ui *ui)
{
	(void)ui;
	return &text;
}

bool text_pane_loaded(const struct ui *ui)
{
	(void)ui;
	return text.loaded;
}

void text_pane_free(struct ui *ui)
{
	struct text_state *t = text_pane_state(ui);
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
	struct text_state *t = text_pane_state(ui);
	store_mentions_free(t->mentions, t->n_mentions);
	t->mentions = NULL;
	t->n_mentions = 0;
	if (t->loaded && store_article_mentions(ui->st, t->art.id, &t->mentions, &t->n_mentions) < 0)
		ui_message(ui, true, _("cannot read the mentions: %s"), store_errmsg(ui->st));
}

/* Rows of text below the pane header. */
static int view_height(const struct ui *ui)
{
	int h = ui_pane_height(ui, LAYOUT_TEXT) - 1;
	return h > 0 ? h : 1;
}

/* Width available for wrapping: the pane minus a margin on the left, one
 * blank column on the right and the border when the sidebar follows, at
 * most the reading-width of the configuration (100 columns unless set:
 * longer lines are hard to follow back to their start). */
int text_pane_wrap_width(const struct ui *ui)
{
	int w = ui->layout.pane[LAYOUT_TEXT].w;
	if (layout_visible(&ui->layout, LAYOUT_SIDE))
		w--;
	w -= 2;
	int cap = config_options()->reading_width;  /* set reading-width */
	if (cap > 0 && w > cap)
		w = cap;
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
	struct text_state *t = text_pane_state(ui);
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
	return text_pane_state(ui)->n_rows > h ? text_pane_state(ui)->n_rows - h : 0;
}

/* Make sure the rows exist for the current width. */
void text_pane_ensure_rows(struct ui *ui)
{
	struct text_state *t = text_pane_state(ui);
	int width = text_pane_wrap_width(ui);
	if (!t->loaded || (t->rows && t->wrap_width == width))
		return;
	/* Keep the cursor's sentence in view across a re-wrap. */
	if (build_rows(ui, width) < 0) {
		ui_message(ui, true, _("out of memory"));
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
	struct text_state *t = text_pane_state(ui);
	if (!t->art.n_sentences)
		return;
	text_pane_ensure_rows(ui);
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
		ui_message(ui, true, rc == 0 ? _("article %lld is gone from the library")
		                             : _("cannot read article %lld"), (long long)article_id);
		return -1;
	}
	reading_leave(ui);  /* the article left keeps its position */
	char *query = text_pane_state(ui)->query;  /* the search carries over, like less */
	bool query_words = text_pane_state(ui)->query_words;
	text_pane_state(ui)->query = NULL;
	text_pane_free(ui);
	struct text_state *t = text_pane_state(ui);
	t->query = query;
	t->query_words = query_words;
	t->art = a;
	t->loaded = true;
	t->index = list_pane_index_of(ui, article_id);
	struct buf m = { 0 };
	if (a.author)
		buf_printf(&m, "di %s", a.author);
	if (a.date) {
		char *d = config_format_date(a.date);  /* set date-format */
		buf_printf(&m, "%s%s", m.len ? " \xc2\xb7 " : "", d ? d : a.date);
		free(d);
	}
	if (a.origin)
		buf_printf(&m, "%s%s", m.len ? " \xc2\xb7 " : "", a.origin);
	t->meta_line = buf_steal(&m);
	side_pane_state(ui)->outline.sel = 0;
	side_pane_state(ui)->outline.top = 0;
	text_pane_reload_mentions(ui);
	side_pane_load(ui);
	find_refresh(ui);
	annotate_load(ui);
	reading_opened(ui);
	return 0;
}

size_t text_pane_top_offset(struct ui *ui)
{
	struct text_state *t = text_pane_state(ui);
	text_pane_ensure_rows(ui);
	if (!t->loaded || t->top >= t->n_rows || t->rows[t->top].para < 0)
		return 0;
	return t->rows[t->top].start;
}

bool text_pane_read_enough(struct ui *ui)
{
	struct text_state *t = text_pane_state(ui);
	text_pane_ensure_rows(ui);
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
	struct text_state *t = text_pane_state(ui);
	if (!t->loaded || !t->art.n_sentences)
		return;
	t->cursor = sentence_at(t, offset);
	text_pane_ensure_rows(ui);
	/* The sentence a third of the way down, with context above it. */
	size_t r = row_of_offset(t, offset), h = (size_t)view_height(ui);
	t->top = r > h / 3 ? r - h / 3 : 0;
	if (t->top > max_top(ui))
		t->top = max_top(ui);
}

size_t text_pane_cursor_para(const struct ui *ui)
{
	const struct text_state *t = text_pane_state(ui);
	if (!t->loaded || !t->art.n_sentences)
		return 0;
	return (size_t)t->art.sentences[t->cursor].para;
}

void text_pane_goto_para(struct ui *ui, size_t para)
{
	struct text_state *t = text_pane_state(ui);
	for (size_t i = 0; i < t->art.n_sentences; i++) {
		if ((size_t)t->art.sentences[i].para >= para) {
			t->cursor = i;
			break;
		}
	}
	text_pane_ensure_rows(ui);
	if (t->art.n_sentences) {
		size_t r = row_of_offset(t, t->art.sentences[t->cursor].start);
		t->top = r > 0 ? r - 1 : 0;  /* the blank row above, as context */
		if (t->top > max_top(ui))
			t->top = max_top(ui);
	}
}

/* Put the cursor on the first sentence that starts in view. */
static void cursor_to_view(struct ui *ui)
{
	struct text_state *t = text_pane_state(ui);
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
	struct text_state *t = text_pane_state(ui);
	if (!t->loaded || !t->art.n_sentences)
		return;
	text_pane_ensure_rows(ui);
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
	struct text_state *t = text_pane_state(ui);
	if (!t->loaded || !t->art.n_sentences || y < 1)
		return false;
	text_pane_ensure_rows(ui);
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
	struct text_state *t = text_pane_state(ui);
	if (t->loaded && t->art.n_sentences)
		t->cursor = sentence_at(t, off);
}

/* Mouse wheel: scroll by n rows (up when negative), the cursor kept in
 * view. */
void text_pane_scroll_rows(struct ui *ui, int n)
{
	struct text_state *t = text_pane_state(ui);
	if (!t->loaded)
		return;
	text_pane_ensure_rows(ui);
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
	int64_t id = text_pane_state(ui)->art.id;
	bool done = text_move(ui, a);
	if (done && text_pane_state(ui)->loaded && text_pane_state(ui)->art.id == id) {
		text_pane_state(ui)->moved = true;
		reading_check(ui);
	}
	return done;
}

static bool text_move(struct ui *ui, enum ui_action a)
{
	struct text_state *t = text_pane_state(ui);
	if (!t->loaded)
		return false;
	text_pane_ensure_rows(ui);
	size_t n = t->art.n_sentences, h = (size_t)view_height(ui);
	switch (a) {
	case UI_ACTION_DOWN:
		if (n && t->cursor + 1 < n)
			t->cursor++;
		else if (t->top < max_top(ui))
			t->top++;  /* at the last sentence: show the rest */
		else
			ui_message(ui, false, _("end of article"));
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

const struct view_ops text_pane_ops = {
	.name = N_("text"),
	.draw = text_pane_draw,
	.key = text_handle,
	.status = text_pane_status,
};
