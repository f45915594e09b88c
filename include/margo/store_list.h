/*
 * store_list.h: the article list in the order the user chose, narrowed to
 * the titles holding a text; read in pages.
 */
#ifndef MARGO_STORE_LIST_H
#define MARGO_STORE_LIST_H

#include <stdint.h>

#include "margo/store.h"

/* The orders of the list; one more is one more entry in the table of
 * store_list.c (its name and its ORDER BY). */
enum store_order {
	STORE_ORDER_ADDED,        /* as loaded */
	STORE_ORDER_DATE,         /* newest first, undated last */
	STORE_ORDER_TITLE,
	STORE_ORDER_SOURCE,       /* the site or file it came from */
	STORE_ORDER_ANNOTATED,    /* most annotations first */
	STORE_ORDER_UNREAD,       /* not read yet first, then as loaded */
	STORE_ORDERS
};
/* The order the reader starts with. */
#define STORE_ORDER_DEFAULT STORE_ORDER_ADDED

/* "date", "title" ...; NULL out of range. */
const char *store_order_name(enum store_order o);

struct store_list_view {
	enum store_order order;
	const char *filter;       /* titles holding this text, case and
	                           * accents aside; NULL or "": all */
};

/* How many articles the view shows: 0 or -1. */
int store_list_count(struct store *st, const struct store_list_view *v, int64_t *n);
/* Rows offset .. offset+limit-1 of the view (store_rows_free them). */
int store_list_rows(struct store *st, const struct store_list_view *v, int64_t offset,
                    int limit, struct store_row **rows, size_t *n);
/* Position (0-based) of article `id` in the view; -1 if not in it. */
int64_t store_list_index(struct store *st, const struct store_list_view *v, int64_t id);

#endif
