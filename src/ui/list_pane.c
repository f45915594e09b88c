/*
 * list_pane.c: the article list.
 *
 * Only the rows on screen are read from the library (LIMIT/OFFSET on the
 * order's index, store_list.c), so opening or paging costs the same at 5
 * or 100,000 articles; the count is one query at start and at each change
 * of the filter.  o changes the order, / narrows the list to the titles
 * holding a text as it is typed.  Enter opens the selected article in the
 * text pane and moves the focus there.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "margo/util.h"
#include "margo/config.h"
#include "mouse.h"
#include "ui.h"
#include "text_pane.h"

/* The article list: its rows, cursor and order (one reader a process). */
static struct list_state list;

void list_pane_invalidate(struct ui *ui)
{
	(void)ui;
	list.rows_top = -1;
}

static struct store_list_view view_of(const struct ui *ui)
{
	struct store_list_view v = { list.order, list.filter };
	return v;
}

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
	list.rows_top = -1;
	list.order = config_options()->list_order;
	list.w.pages_window = true;
	if (store_article_count(ui->st, &list.total) < 0)
		return -1;
	list.w.n = (size_t)list.total;
	return 0;
}

void list_pane_free(struct ui *ui)
{
	store_rows_free(list.rows, list.n_rows);
	list.rows = NULL;
	list.n_rows = 0;
}

int64_t list_pane_top(const struct ui *ui)
{
	(void)ui;
	return (int64_t)list.w.top;
}

void list_pane_close(struct ui *ui)
{
	list_pane_free(ui);
	free(list.filter);
	list.filter = NULL;
}

void list_pane_recount(struct ui *ui)
{
	struct list_state *l = &list;
	struct store_list_view v = view_of(ui);
	int64_t count = 0;
	if (store_article_count(ui->st, &l->total) < 0 || store_list_count(ui->st, &v, &count) < 0) {
		ui_message(ui, true, _("cannot read the article list: %s"), store_errmsg(ui->st));
		count = 0;
	}
	l->w.n = count > 0 ? (size_t)count : 0;
	l->rows_top = -1;  /* read the visible rows again */
	if (text_pane_state(ui)->loaded)
		text_pane_state(ui)->index = list_pane_index_of(ui, text_pane_state(ui)->art.id);
}

int64_t list_pane_count(const struct ui *ui) { return (int64_t)list.w.n; }
int64_t list_pane_cursor(const struct ui *ui) { return (int64_t)list.w.sel; }

void list_pane_select(struct ui *ui, int64_t i)
{
	struct listw *w = &list.w;
	w->sel = i < 0 || w->n == 0 ? 0 : (size_t)i < w->n ? (size_t)i : w->n - 1;
}

int64_t list_pane_index_of(struct ui *ui, int64_t id)
{
	struct store_list_view v = view_of(ui);
	return store_list_index(ui->st, &v, id);
}

int64_t list_pane_id_at(struct ui *ui, int64_t i)
{
	if (i < 0 || i >= list_pane_count(ui))
		return 0;
	struct list_state *l = &list;
	if (l->rows && l->rows_top >= 0 && i >= l->rows_top && i - l->rows_top < (int64_t)l->n_rows)
		return l->rows[i - l->rows_top].id;
	struct store_list_view v = view_of(ui);
	struct store_row *r;
	size_t n;
	if (store_list_rows(ui->st, &v, i, 1, &r, &n) < 0)
		return 0;
	int64_t id = n ? r[0].id : 0;
	store_rows_free(r, n);
	return id;
}

int64_t list_pane_step(struct ui *ui, int dir)
{
	int64_t from = text_pane_state(ui)->loaded && text_pane_state(ui)->index >= 0 ? text_pane_state(ui)->index : list_pane_cursor(ui);
	int64_t id = list_pane_id_at(ui, from + dir);
	if (id)
		list_pane_select(ui, from + dir);
	return id;
}

/* After the order or the filter changed: the list from its first row. */
static void reselect(struct ui *ui)
{
	list_pane_recount(ui);
	list.w.sel = 0;
	list.w.top = 0;
}

/* The order's name as the screen shows it: the configuration's word
 * (`set list-order date`), in the reader's language. */
static const char *order_label(enum store_order o)
{
	static const char *const labels[] = {
		/* TRANSLATORS: the article list's orders, "Articles (5) by added". */
		N_("added"), N_("date"), N_("title"), N_("source"), N_("annotated"), N_("unread"),
	};
	const char *name = store_order_name(o);
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (strcmp(labels[i], name) == 0)
			return _(labels[i]);
	return name;
}

void list_pane_next_order(struct ui *ui)
{
	list.order = (enum store_order)((list.order + 1) % STORE_ORDERS);
	reselect(ui);
	ui_message(ui, false, _("articles by %s"), order_label(list.order));
}

static void set_filter(struct ui *ui, const char *text)
{
	free(list.filter);
	list.filter = text && *text ? util_strdup(text) : NULL;
	reselect(ui);
}

static void filter_changed(struct ui *ui, const char *text, void *ctx)
{
	(void)ctx;
	set_filter(ui, text);
}

void list_pane_filter_prompt(struct ui *ui)
{
	char *before = list.filter ? util_strdup(list.filter) : NULL;
	char *got = prompt_line(ui, NULL, _("titles with: "), before, filter_changed, NULL);
	if (got) {
		set_filter(ui, got);  /* Enter keeps it */
		if (list.filter)
			ui_message(ui, false, _("%lld of %lld match: / again to change, / then Esc to show all"),
			           (long long)list_pane_count(ui), (long long)list.total);
	} else {
		set_filter(ui, NULL);  /* Esc shows the whole list again */
	}
	free(got);
	free(before);
}

/* Read the visible rows when the window moved or changed height. */
static void fetch_rows(struct ui *ui, int h)
{
	struct list_state *l = &list;
	int64_t top = (int64_t)l->w.top;
	if (l->rows_top == top && l->rows_h == h && l->rows)
		return;
	list_pane_free(ui);
	l->rows_top = -1;
	struct store_list_view v = view_of(ui);
	if (store_list_rows(ui->st, &v, top, h, &l->rows, &l->n_rows) < 0) {
		ui_message(ui, true, _("cannot read the article list: %s"), store_errmsg(ui->st));
		return;
	}
	l->rows_top = top;
	l->rows_h = h;
}

/* Keep the selection on screen. */
static void scroll_to_selection(struct ui *ui)
{
	listw_fit(&list.w, (size_t)body_height(ui));
}

/* A date in 7 cells: "3 mar" this year, "03/2024" a month of another,
 * "2024" a year alone; what is not an ISO date is shown as it is. */
static const char *compact_date(const char *iso, int this_year, char out[16])
{
	static const char *const months[12] = { "gen", "feb", "mar", "apr", "mag", "giu",
	                                        "lug", "ago", "set", "ott", "nov", "dic" };
	int y = 0, m = 0, d = 0, end = 0;
	if (sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &end) == 3 && end == 10 &&
	    m >= 1 && m <= 12 && d >= 1 && d <= 31) {
		if (y == this_year)
			snprintf(out, 16, "%d %s", d, months[m - 1]);
		else
			snprintf(out, 16, "%02d/%04d", m, y);
		return out;
	}
	end = 0;
	if (sscanf(iso, "%4d-%2d%n", &y, &m, &end) == 2 && end == 7 && m >= 1 && m <= 12) {
		snprintf(out, 16, "%02d/%04d", m, y);
		return out;
	}
	return iso;
}

static void list_draw(struct ui *ui, WINDOW *w)
{
	struct list_state *l = &list;
	int width = getmaxx(w), height = getmaxy(w);
	bool border = layout_visible(&ui->layout, LAYOUT_TEXT) &&
	              ui->layout.pane[LAYOUT_TEXT].x > ui->layout.pane[LAYOUT_LIST].x;
	int cw = border ? width - 1 : width;
	werase(w);
	/* The longest label that fits: the count first, then the filter,
	 * then the order ("12 of 950 match 'putin' · by date"). */
	char *label = NULL;
	for (int k = 0; k < 3; k++) {
		free(label);
		if (l->filter)
			label = k == 0 ? util_printf(_("%lld of %lld match '%s' \xc2\xb7 by %s"),
			                             (long long)l->w.n, (long long)l->total, l->filter,
			                             order_label(l->order))
			      : k == 1 ? util_printf(_("%lld of %lld match '%s'"), (long long)l->w.n,
			                             (long long)l->total, l->filter)
			      : util_printf(_("%lld of %lld"), (long long)l->w.n, (long long)l->total);
		else
			label = k == 0 ? util_printf(_("Articles (%lld) by %s"), (long long)l->w.n,
			                             order_label(l->order))
			      : util_printf(_("Articles (%lld)"), (long long)l->w.n);
		if (!label || text_width(label, strlen(label)) + 2 <= cw || (!l->filter && k == 1))
			break;
	}
	draw_header(w, label ? label : _("Articles"), ui->focus == LAYOUT_LIST);
	free(label);
	int this_year = 0;
	time_t now = time(NULL);
	struct tm tm;
	if (localtime_r(&now, &tm))
		this_year = tm.tm_year + 1900;
	scroll_to_selection(ui);
	fetch_rows(ui, height - 1);
	for (size_t i = 0; i < l->n_rows && (int)i < height - 1; i++) {
		const struct store_row *r = &l->rows[i];
		int y = (int)i + 1;
		bool sel = l->w.top + i == l->w.sel;
		bool open = text_pane_state(ui)->loaded && text_pane_state(ui)->art.id == r->id;
		draw_set_role(w, sel ? ROLE_SELECTED : ROLE_NORMAL);
		mvwhline(w, y, 0, ' ', cw);
		/* "▸" marks the article open in the text pane, "•" one unread. */
		mvwaddstr(w, y, 0, open ? "\xe2\x96\xb8" : r->read ? " " : "\xe2\x80\xa2");
		int x = 1;
		/* Columns are the same on every row, so dates line up. */
		int date_w = cw >= 40 ? 10 : cw >= 20 ? 7 : 0;
		int src_w = cw >= 70 ? 16 : 0;
		int title_w = cw - x - (date_w ? date_w + 1 : 0) - (src_w ? src_w + 1 : 0);
		if (title_w > 0)
			draw_str(w, y, x, r->title, title_w);
		if (date_w) {
			if (!sel)
				draw_set_role(w, ROLE_DIM);
			char compact[16];
			const char *d = r->date;
			if (d && date_w < 10)
				d = compact_date(d, this_year, compact);
			char *fd = date_w == 10 ? config_format_date(d) : NULL;  /* set date-format */
			draw_str(w, y, cw - date_w - (src_w ? src_w + 1 : 0), fd ? fd : d, date_w);
			free(fd);
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
	struct list_state *l = &list;
	int h = body_height(ui);
	if (list_pane_move(ui, a, 0))
		return true;
	switch (a) {
	case UI_ACTION_OUTLINE:
		list_pane_next_order(ui);
		return true;
	case UI_ACTION_DOWN:
	case UI_ACTION_UP:
	case UI_ACTION_PAGE_DOWN:
	case UI_ACTION_PAGE_UP:
	case UI_ACTION_FIRST:
	case UI_ACTION_LAST:
		return true;  /* an empty list */
	case UI_ACTION_OPEN: {
		if (l->w.n == 0)
			return true;
		scroll_to_selection(ui);
		fetch_rows(ui, h);
		int64_t i = (int64_t)l->w.sel - l->rows_top;
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
}

bool list_pane_move(struct ui *ui, enum ui_action a, int64_t count)
{
	/* A page is the rows on screen, or the screen's when the list is hidden. */
	list.w.page = (size_t)body_height(ui);
	return listw_move(&list.w, a, count);
}

int64_t list_pane_selected_id(struct ui *ui)
{
	struct list_state *l = &list;
	if (l->w.n == 0)
		return 0;
	scroll_to_selection(ui);
	fetch_rows(ui, body_height(ui));
	int64_t i = (int64_t)l->w.sel - l->rows_top;
	return l->rows && i >= 0 && (size_t)i < l->n_rows ? l->rows[i].id : 0;
}

/* Mouse (mouse.c): the selection on the row drawn at window row y;
 * false when no article is drawn there. */
bool list_pane_click(struct ui *ui, int y)
{
	struct listw *w = &list.w;
	if (y < 1 || w->top + (size_t)(y - 1) >= w->n)
		return false;
	list_pane_select(ui, (int64_t)(w->top + (size_t)(y - 1)));
	return true;
}

/* Mouse wheel: the window moved by n rows, the selection kept in it. */
void list_pane_scroll(struct ui *ui, int n)
{
	struct listw *w = &list.w;
	size_t h = (size_t)body_height(ui);
	size_t last = w->n > h ? w->n - h : 0;
	if (n < 0)
		w->top = w->top > (size_t)-n ? w->top - (size_t)-n : 0;
	else
		w->top = w->top + (size_t)n < last ? w->top + (size_t)n : last;
	if (w->sel < w->top)
		w->sel = w->top;
	else if (w->sel >= w->top + h)
		w->sel = w->top + h - 1;
	listw_resize(w, w->n);
}

static size_t list_entries(struct ui *ui)
{
	return list_pane_count(ui) > 0 ? (size_t)list_pane_count(ui) : 0;
}

const struct view_ops list_pane_ops = {
	.name = N_("list"), .draw = list_draw, .key = list_handle, .entries = list_entries,
};
