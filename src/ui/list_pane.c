/*
 * list_pane.c: the article list.
 *
 * Only the rows on screen are read from the library (LIMIT/OFFSET on the
 * id order), so opening or paging costs the same at 5 or 100,000 articles;
 * the count is one query at start.  Enter opens the selected article in the
 * text pane and moves the focus there.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui.h"

/* Rows of the list body: the pane minus its header. */
static int body_height(const struct ui *ui)
{
	int h = ui_pane_height(ui, LAYOUT_LIST) - 1;
	if (h <= 0)
		h = ui->lines > 2 ? ui->lines - 2 : 1;  /* hidden: page by screen */
	return h;
}

int list_pane_init(struct ui *ui)
{
	ui->list.rows_top = -1;
	return store_article_count(ui->st, &ui->list.count);
}

void list_pane_free(struct ui *ui)
{
	store_rows_free(ui->list.rows, ui->list.n_rows);
	ui->list.rows = NULL;
	ui->list.n_rows = 0;
}

/* Read the visible rows when the window moved or changed height. */
static void fetch_rows(struct ui *ui, int h)
{
	struct list_state *l = &ui->list;
	if (l->rows_top == l->top && l->rows_h == h && l->rows)
		return;
	list_pane_free(ui);
	l->rows_top = -1;
	if (store_rows(ui->st, l->top, h, &l->rows, &l->n_rows) < 0) {
		ui_message(ui, true, "cannot read the article list: %s", store_errmsg(ui->st));
		return;
	}
	l->rows_top = l->top;
	l->rows_h = h;
}

/* Keep the selection on screen. */
static void scroll_to_selection(struct ui *ui)
{
	struct list_state *l = &ui->list;
	int h = body_height(ui);
	if (l->sel < l->top)
		l->top = l->sel;
	else if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	if (l->top < 0)
		l->top = 0;
}

static void list_draw(struct ui *ui, WINDOW *w)
{
	struct list_state *l = &ui->list;
	int width = getmaxx(w), height = getmaxy(w);
	bool border = layout_visible(&ui->layout, LAYOUT_TEXT) &&
	              ui->layout.pane[LAYOUT_TEXT].x > ui->layout.pane[LAYOUT_LIST].x;
	int cw = border ? width - 1 : width;
	werase(w);
	char label[64];
	snprintf(label, sizeof label, "Articles (%lld)", (long long)l->count);
	draw_header(w, label, ui->focus == LAYOUT_LIST);
	scroll_to_selection(ui);
	fetch_rows(ui, height - 1);
	for (size_t i = 0; i < l->n_rows && (int)i < height - 1; i++) {
		const struct store_row *r = &l->rows[i];
		int y = (int)i + 1;
		bool sel = l->top + (int64_t)i == l->sel;
		bool open = ui->text.loaded && ui->text.art.id == r->id;
		draw_set_role(w, sel ? ROLE_SELECTED : ROLE_NORMAL);
		mvwhline(w, y, 0, ' ', cw);
		/* "▸" marks the article open in the text pane, "•" one unread. */
		mvwaddstr(w, y, 0, open ? "\xe2\x96\xb8" : r->read ? " " : "\xe2\x80\xa2");
		int x = 1;
		/* Columns are the same on every row, so dates line up. */
		int date_w = cw >= 40 ? 10 : 0;
		int src_w = cw >= 70 ? 16 : 0;
		int title_w = cw - x - (date_w ? date_w + 1 : 0) - (src_w ? src_w + 1 : 0);
		if (title_w > 0)
			draw_str(w, y, x, r->title, title_w);
		if (date_w) {
			if (!sel)
				draw_set_role(w, ROLE_DIM);
			draw_str(w, y, cw - date_w - (src_w ? src_w + 1 : 0), r->date, date_w);
		}
		if (src_w)
			draw_str(w, y, cw - src_w, r->origin, src_w);
		draw_set_role(w, ROLE_NORMAL);
	}
	if (border)
		draw_border(w);
}

static bool list_handle(struct ui *ui, enum ui_action a)
{
	struct list_state *l = &ui->list;
	int h = body_height(ui);
	switch (a) {
	case UI_ACTION_DOWN: l->sel++; break;
	case UI_ACTION_UP: l->sel--; break;
	case UI_ACTION_PAGE_DOWN: l->sel += h; l->top += h; break;
	case UI_ACTION_PAGE_UP: l->sel -= h; l->top -= h; break;
	case UI_ACTION_FIRST: l->sel = 0; break;
	case UI_ACTION_LAST: l->sel = l->count - 1; break;
	case UI_ACTION_OPEN: {
		if (l->count == 0)
			return true;
		scroll_to_selection(ui);
		fetch_rows(ui, h);
		int64_t i = l->sel - l->rows_top;
		if (l->rows && i >= 0 && (size_t)i < l->n_rows &&
		    reading_open(ui, l->rows[i].id, false) == 0) {
			ui->focus = LAYOUT_TEXT;
			ui_relayout(ui);
		}
		return true;
	}
	default:
		return false;
	}
	if (l->sel >= l->count)
		l->sel = l->count - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->top > l->count - h)
		l->top = l->count - h;
	if (l->top < 0)
		l->top = 0;
	return true;
}

int64_t list_pane_selected_id(struct ui *ui)
{
	struct list_state *l = &ui->list;
	if (l->count == 0)
		return 0;
	scroll_to_selection(ui);
	fetch_rows(ui, body_height(ui));
	int64_t i = l->sel - l->rows_top;
	return l->rows && i >= 0 && (size_t)i < l->n_rows ? l->rows[i].id : 0;
}

const struct pane_ops list_pane_ops = { list_draw, list_handle };
