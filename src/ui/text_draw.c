/*
 * text_draw.c: drawing the text pane: the header, the rows of the open
 * article with the reading cursor, the mentions, the annotations, the
 * search hits and the selection, and its part of the status line.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/util.h"
#include "ui.h"
#include "text_pane.h"

/* Attributes of byte `pos` of the body beyond the row's own role: the
 * reading cursor, the mentions of the highlighted entity, the mention
 * jumped to. */
static attr_t body_attr(const struct ui *ui, size_t pos, bool focused, int64_t entity)
{
	const struct text_state *t = text_pane_state(ui);
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
	const struct text_state *t = text_pane_state(ui);
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
	const struct text_state *t = text_pane_state(ui);
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

void text_pane_draw(struct ui *ui, WINDOW *w)
{
	struct text_state *t = text_pane_state(ui);
	int height = getmaxy(w);
	werase(w);
	char label[96];
	if (t->loaded && t->index >= 0)
		snprintf(label, sizeof label, _("Text  %lld/%lld"), (long long)t->index + 1,
		         (long long)list_pane_count(ui));
	else if (t->loaded)  /* the list's filter leaves it out */
		snprintf(label, sizeof label, "%s", _("Text  (not in the list)"));
	else
		snprintf(label, sizeof label, "%s", _("Text"));
	draw_header(w, label, ui->focus == LAYOUT_TEXT);
	if (layout_visible(&ui->layout, LAYOUT_SIDE))
		draw_border(w);
	if (!t->loaded) {
		draw_set_role(w, ROLE_DIM);
		if (list_pane_count(ui)) {
			draw_str(w, 2, 1, _("Press Enter on an article to read it."), text_pane_wrap_width(ui));
		} else {
			/* An empty library: how to fill it, each paragraph wrapped to
			 * the pane. */
			static const char *const paras[] = {
				N_("The library has no articles. To add some, quit and run"),
				N_("  margo add PATH"),
				N_("PATH: a .txt, .jsonl, web page or feed file, a folder of them, "
				   "or the address of a page or feed."),
			};
			int width = text_pane_wrap_width(ui), y = 2;
			for (size_t i = 0; i < sizeof paras / sizeof *paras && y < height; i++, y++) {
				const char *s = _(paras[i]);
				struct text_line *ln = NULL;
				size_t n = 0;
				if (width < 1 || text_wrap(s, strlen(s), width, &ln, &n) < 0)
					n = 0;
				for (size_t k = 0; k < n && y < height; k++, y++)
					draw_text(w, y, 1, s + ln[k].start, ln[k].end - ln[k].start, width);
				free(ln);
			}
		}
		draw_set_role(w, ROLE_NORMAL);
		return;
	}
	text_pane_ensure_rows(ui);
	int width = text_pane_wrap_width(ui);
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

/* "· ¶ 3/9 · sentence 5/40 · 34%": where the reading is. */
void text_pane_status(struct ui *ui, struct buf *b)
{
	const struct text_state *t = text_pane_state(ui);
	if (!t->loaded || !t->art.n_sentences)
		return;
	const struct store_sentence *s = &t->art.sentences[t->cursor];
	buf_printf(b, " \xc2\xb7 \xc2\xb6 %d/%zu \xc2\xb7 ", s->para + 1, t->art.n_paras);
	buf_printf(b, _("sentence %zu/%zu"), t->cursor + 1, t->art.n_sentences);
	size_t h = (size_t)(ui_pane_height(ui, LAYOUT_TEXT) > 1 ? ui_pane_height(ui, LAYOUT_TEXT) - 1 : 1);
	size_t seen = t->top + h < t->n_rows ? t->top + h : t->n_rows;
	int pct = t->n_rows ? (int)(seen * 100 / t->n_rows) : 100;
	buf_printf(b, " \xc2\xb7 %d%%", pct);
}
