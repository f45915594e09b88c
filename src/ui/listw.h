/*
 * listw.h: the list widget every list-shaped view uses (the article list,
 * the sidebar's entities and outline, the mentions, the results, the
 * annotations, the codebook, the help).
 *
 * It knows how many entries there are, which is selected, which is shown
 * first and how many fit; it moves the selection by an action (a count
 * before it: 5j), keeps the selection in view, and draws the entries in
 * view through the view's own function for one entry.  What an entry is,
 * and how it looks, stays with the view.
 */
#ifndef MARGO_UI_LISTW_H
#define MARGO_UI_LISTW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "actions.h"

struct listw {
	size_t n;          /* entries */
	size_t sel;        /* the selected one (0 when n is 0) */
	size_t top;        /* the first one shown */
	size_t page;       /* how many fit, from the window's height when drawn */
	/* Page down and up move the window with the selection, the window
	 * kept inside the list (the article list); else the selection moves
	 * and the window follows it. */
	bool pages_window;
	/* No selection: the movements scroll the window (the help). */
	bool scroll_only;
};

/* Move by a movement action (down, up, page down and up, first, last),
 * `count` times (0: once; before first and last, the entry to go to, from
 * 1).  False when `a` is not a movement or the list is empty: the view
 * then handles the action itself. */
bool listw_move(struct listw *l, enum ui_action a, int64_t count);

/* The list now holds n entries: the selection and the window kept in it. */
void listw_resize(struct listw *l, size_t n);

/* `fits` entries fit (at least one is counted): the selection scrolled
 * into view. */
void listw_fit(struct listw *l, size_t fits);

/* Draw one entry i at row y of w, selected or not. */
typedef void (*listw_row_fn)(WINDOW *w, int y, size_t i, bool selected, void *ctx);

/* Fit the list in rows y0 .. the bottom of w, `per` rows an entry (the
 * last of them may fall below the window), and draw the entries in view. */
void listw_draw(struct listw *l, WINDOW *w, int y0, int per, listw_row_fn row, void *ctx);

#endif
