/*
 * store_timeline.h: how often an entity is mentioned (or a tag used) over
 * time, by month or by year of the articles' dates, and the entities named
 * in the same paragraphs.  No curses: the reader's chart and
 * "margo timeline" both read these.
 */
#ifndef MARGO_STORE_TIMELINE_H
#define MARGO_STORE_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "margo/store.h"

enum store_period {
	STORE_BY_AUTO,    /* months, or years when the dates span more than 36 months */
	STORE_BY_MONTH,
	STORE_BY_YEAR,
};

/* One period: a month (month 1..12) or a year (month 0). */
struct store_bin {
	int year, month;
	int64_t count;
};

struct store_series {
	enum store_period by;     /* what was used: never STORE_BY_AUTO */
	struct store_bin *bins;   /* every period from the first to the last, empty ones too */
	size_t n;
	int64_t undated;          /* counted apart: no date, or one that is no ISO date */
	int64_t total;            /* dated + undated */
	int64_t max;              /* the largest count of a bin */
};

void store_series_free(struct store_series *s);

/* The period an ISO 8601 date ("2024", "2024-03", "2024-03-07...") falls
 * in: 1 (year and month, month 0 when by year or the date gives none), or
 * 0 when `date` is NULL or no such date. */
int store_period_of(const char *date, enum store_period by, int *year, int *month);
/* Whether a date falls in the bin. */
int store_bin_holds(const struct store_bin *b, const char *date);

/* The series of `n` dates (NULL for none); pure.  0, or -1 out of memory. */
int store_series_make(const char *const *dates, size_t n, enum store_period by,
                      struct store_series *out);

/* The series of an entity's mentions, read through store_entity_mentions
 * (the mentions "margo mentions" lists).  0 or -1. */
int store_timeline_entity(struct store *st, int64_t entity, enum store_period by,
                          struct store_series *out);
/* The series of the annotations tagged `tag` (by their articles' dates):
 * 1, 0 when there is no such tag, -1 on error. */
int store_timeline_tag(struct store *st, const char *tag, enum store_period by,
                       struct store_series *out);

#endif
