/*
 * annot_filter.h: an entry of the annotations list (annot_view.c) and the
 * list's filter (annot_filter.c).
 */
#ifndef MARGO_UI_ANNOT_FILTER_H
#define MARGO_UI_ANNOT_FILTER_H

#include <stddef.h>
#include <stdint.h>

struct annot_item {
	char *id, *title, *tags, *quote, *status, *note, *author, *created, *color;
	char *date;           /* the article's date, or NULL */
	int64_t article, n_links;
	int64_t start, end;   /* bytes of the article's text */
	int64_t cp_start, cp_end;  /* the same in code points */
	int64_t conflicts;    /* open import conflicts */
	char *coder;          /* who coded it; NULL: unknown */
};

void annot_item_free(struct annot_item *it);

/* Keep the n items of v that pass every word of `filter` ("tag:T",
 * "article:N", "author:A", "coder:NAME" (the whole name; coder:unknown
 * for those made before coders were kept), "status:S" or status:conflict, "date:2023" or
 * "date:2023-09" (the article's year or month; "date:none": it has none), else a word of
 * the quote, note, tags or title; "..." and '...' hold blanks); the others
 * are freed and *n is what is left.  -1 when the filter cannot be read,
 * its one-line reason in *bad (NULL: out of memory), the items untouched. */
int annot_filter(struct annot_item *v, size_t *n, const char *filter, const char **bad);

#endif
