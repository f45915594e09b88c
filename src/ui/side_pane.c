/*
 * side_pane.c: the sidebar.
 *
 * Until the entity index exists it shows the open article's metadata and
 * its outline: every paragraph, headings in bold, the one holding the
 * reading cursor marked.  j/k move in the outline; Enter moves the reading
 * cursor to that paragraph and the focus to the text.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "ui.h"

/* Draw "Label  value" on row y; returns the next row. */
static int meta_row(WINDOW *w, int y, const char *label, const char *value, int width)
{
	if (!value || y >= getmaxy(w))
		return y;
	draw_set_role(w, ROLE_DIM);
	draw_str(w, y, 1, label, width);
	draw_set_role(w, ROLE_NORMAL);
	int x = 8;  /* values line up after the longest label, "Source" */
	draw_str(w, y, x, value, width - x);
	return y + 1;
}

/* First row of the outline entries, after the metadata block. */
static int outline_first_row(const struct ui *ui)
{
	const struct store_article *a = &ui->text.art;
	return 1 + (a->date != NULL) + (a->author != NULL) + (a->origin != NULL) + 1 + 1 + 1;
}

static void side_draw(struct ui *ui, WINDOW *w)
{
	int width = getmaxx(w) - 1, height = getmaxy(w);
	werase(w);
	draw_header(w, "Article", ui->focus == LAYOUT_SIDE);
	const struct text_state *t = &ui->text;
	if (!t->loaded)
		return;
	const struct store_article *a = &t->art;
	int y = 1;
	y = meta_row(w, y, "Date", a->date, width);
	y = meta_row(w, y, "By", a->author, width);
	y = meta_row(w, y, "Source", a->origin, width);
	char counts[64];
	snprintf(counts, sizeof counts, "%zu paragraphs, %zu sentences", a->n_paras,
	         a->n_sentences);
	if (y < height) {
		draw_set_role(w, ROLE_DIM);
		draw_str(w, y++, 1, counts, width);
	}
	y++;
	if (y < height) {
		draw_set_role(w, ROLE_TITLE);
		draw_str(w, y++, 1, "Outline", width);
	}
	draw_set_role(w, ROLE_NORMAL);
	int rows = height - y;
	if (rows <= 0 || !a->n_paras)
		return;
	struct side_state *s = &ui->side;
	if (s->sel >= a->n_paras)
		s->sel = a->n_paras - 1;
	if (s->sel < s->top)
		s->top = s->sel;
	else if (s->sel >= s->top + (size_t)rows)
		s->top = s->sel - (size_t)rows + 1;
	size_t here = text_pane_cursor_para(ui);
	bool focused = ui->focus == LAYOUT_SIDE;
	for (int i = 0; i < rows && s->top + (size_t)i < a->n_paras; i++) {
		size_t k = s->top + (size_t)i;
		const struct store_para *p = &a->paras[k];
		bool sel = focused && k == s->sel;
		enum ui_role role = sel ? ROLE_SELECTED
		                  : p->kind == CORPUS_PARA_HEADING ? ROLE_HEADING : ROLE_NORMAL;
		draw_set_role(w, role);
		mvwhline(w, y + i, 0, ' ', width);
		mvwaddstr(w, y + i, 0, k == here ? "\xe2\x96\xb8" : " ");
		char num[16];
		int x = 1;
		if (p->kind != CORPUS_PARA_HEADING) {
			snprintf(num, sizeof num, "%d ", p->n);
			if (!sel)
				draw_set_role(w, ROLE_DIM);
			x += draw_str(w, y + i, x, num, width - x);
			draw_set_role(w, role);
		}
		draw_text(w, y + i, x, a->body + p->start, p->end - p->start, width - x);
	}
	draw_set_role(w, ROLE_NORMAL);
}

static bool side_handle(struct ui *ui, enum ui_action a)
{
	struct side_state *s = &ui->side;
	size_t n = ui->text.loaded ? ui->text.art.n_paras : 0;
	int rows = ui_pane_height(ui, LAYOUT_SIDE) - outline_first_row(ui);
	size_t page = rows > 1 ? (size_t)rows : 1;
	if (!n)
		return false;
	switch (a) {
	case UI_ACTION_DOWN: if (s->sel + 1 < n) s->sel++; return true;
	case UI_ACTION_UP: if (s->sel > 0) s->sel--; return true;
	case UI_ACTION_PAGE_DOWN: s->sel = s->sel + page < n ? s->sel + page : n - 1; return true;
	case UI_ACTION_PAGE_UP: s->sel = s->sel > page ? s->sel - page : 0; return true;
	case UI_ACTION_FIRST: s->sel = 0; return true;
	case UI_ACTION_LAST: s->sel = n - 1; return true;
	case UI_ACTION_OPEN:
		ui->focus = LAYOUT_TEXT;
		text_pane_goto_para(ui, s->sel);
		return true;
	default:
		return false;
	}
}

const struct pane_ops side_pane_ops = { side_draw, side_handle };
