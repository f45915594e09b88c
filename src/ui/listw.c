/*
 * listw.c: the list widget (listw.h): one way to move a selection, keep
 * it in view and page, for every list-shaped view.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include "listw.h"

/* The window kept inside the list when it pages with the selection. */
static void clamp_top(struct listw *l)
{
	size_t page = l->page ? l->page : 1;
	if (l->top + page > l->n)
		l->top = l->n > page ? l->n - page : 0;
}

/* `by` entries down or up from `at`, inside the n (> 0) entries. */
static size_t step(size_t at, size_t by, bool down, size_t n)
{
	if (at >= n)
		at = n - 1;
	if (down)
		return by < n - at ? at + by : n - 1;
	return at > by ? at - by : 0;
}

bool listw_move(struct listw *l, enum ui_action a, int64_t count)
{
	if (l->n == 0)
		return false;
	if (l->sel >= l->n)
		l->sel = l->n - 1;  /* the list shrank since */
	size_t page = l->page ? l->page : 1;
	size_t times = count > 0 ? (size_t)count : 1;
	if (l->scroll_only) {
		/* The window moves; it is kept on the last page when drawn. */
		switch (a) {
		case UI_ACTION_DOWN: l->top = step(l->top, times, true, l->n); break;
		case UI_ACTION_UP: l->top = step(l->top, times, false, l->n); break;
		case UI_ACTION_PAGE_DOWN: l->top += page; break;
		case UI_ACTION_PAGE_UP: l->top = l->top > page ? l->top - page : 0; break;
		case UI_ACTION_FIRST: l->top = 0; break;
		case UI_ACTION_LAST: l->top = l->n; break;
		default: return false;
		}
		return true;
	}
	switch (a) {
	case UI_ACTION_DOWN: l->sel = step(l->sel, times, true, l->n); break;
	case UI_ACTION_UP: l->sel = step(l->sel, times, false, l->n); break;
	case UI_ACTION_PAGE_DOWN:
		l->sel = step(l->sel, page, true, l->n);
		if (l->pages_window) {
			l->top += page;
			clamp_top(l);
		}
		break;
	case UI_ACTION_PAGE_UP:
		l->sel = step(l->sel, page, false, l->n);
		if (l->pages_window)
			l->top = l->top > page ? l->top - page : 0;
		break;
	case UI_ACTION_FIRST:
	case UI_ACTION_LAST:
		/* 500G, 500g: entry 500; else the first or the last. */
		if (count > 0)
			l->sel = step(0, times - 1, true, l->n);
		else
			l->sel = a == UI_ACTION_FIRST ? 0 : l->n - 1;
		if (l->pages_window)
			clamp_top(l);
		break;
	default:
		return false;
	}
	if (l->pages_window)
		clamp_top(l);
	return true;
}

void listw_resize(struct listw *l, size_t n)
{
	l->n = n;
	if (l->sel >= n)
		l->sel = n ? n - 1 : 0;
	if (l->top >= n)
		l->top = 0;
}

void listw_fit(struct listw *l, size_t fits)
{
	l->page = fits ? fits : 1;
	if (l->scroll_only) {
		/* The last page shown whole, not a last line alone. */
		if (l->top + l->page > l->n)
			l->top = l->n > l->page ? l->n - l->page : 0;
		return;
	}
	if (l->sel < l->top)
		l->top = l->sel;
	else if (l->sel >= l->top + l->page)
		l->top = l->sel - l->page + 1;
}

void listw_draw(struct listw *l, WINDOW *w, int y0, int per, listw_row_fn row, void *ctx)
{
	int height = getmaxy(w);
	if (per < 1)
		per = 1;
	listw_fit(l, height > y0 ? (size_t)((height - y0) / per) : 1);
	for (size_t i = l->top; i < l->n && i < l->top + l->page; i++) {
		int y = y0 + (int)(i - l->top) * per;
		if (y + per - 1 > height)
			break;
		row(w, y, i, !l->scroll_only && i == l->sel, ctx);
	}
}
