/*
 * list_pane.h: the article list's state (list_pane.c).  Its rows are
 * read from the library a page at a time; the list widget holds the
 * count (as filtered), the selection and the first row shown.
 */
#ifndef MARGO_UI_LIST_PANE_H
#define MARGO_UI_LIST_PANE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "margo/store_list.h"
#include "listw.h"

struct list_state {
	struct listw w;           /* n: articles in the list (as filtered) */
	int64_t total;            /* articles in the library */
	enum store_order order;
	char *filter;             /* titles holding it, or NULL */
	struct store_row *rows;   /* cached rows top .. top + n_rows - 1 */
	size_t n_rows;
	int64_t rows_top;         /* the `top` the cache was read for */
	int rows_h;               /* and the height */
};

struct ui;
/* Put the list's cursor on row i (kept inside the list). */
void list_pane_select(struct ui *ui, int64_t i);
/* Move the cursor by a movement action, `count` times (0: once); false
 * when `a` is not one or the list is empty. */
bool list_pane_move(struct ui *ui, enum ui_action a, int64_t count);

#endif
