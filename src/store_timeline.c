/*
 * store_timeline.c: series of mentions and of tagged annotations by month
 * or year (store_timeline.h).  The entity series counts what
 * store_entity_mentions lists, so it follows however mentions resolve to
 * entities.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/store_entity.h"
#include "margo/store_timeline.h"
#include "margo/util.h"
#include "store_impl.h"

#define AUTO_MONTHS 36   /* above this span, a series is drawn by year */

void store_series_free(struct store_series *s)
{
	free(s->bins);
	memset(s, 0, sizeof *s);
}

/* Read `len` ASCII digits at *p into *v; 0, or -1 when they are not there. */
static int digits(const char **p, int len, int *v)
{
	int x = 0;
	for (int i = 0; i < len; i++) {
		char c = (*p)[i];
		if (c < '0' || c > '9')
			return -1;
		x = x * 10 + (c - '0');
	}
	*p += len;
	*v = x;
	return 0;
}

int store_period_of(const char *date, enum store_period by, int *year, int *month)
{
	/* Stored dates are ISO 8601 as corpus_parse_date writes them:
	 * YYYY, YYYY-MM or YYYY-MM-DD, maybe followed by a time. */
	const char *p = date;
	int y, m = 0;
	if (!p || digits(&p, 4, &y) < 0 || y == 0)
		return 0;
	if (*p == '-') {
		p++;
		if (digits(&p, 2, &m) < 0 || m < 1 || m > 12)
			return 0;
		int d;
		if (*p == '-' && (p++, digits(&p, 2, &d) < 0 || d < 1 || d > 31))
			return 0;
		if (*p != '\0' && *p != 'T' && *p != ' ')
			return 0;
	} else if (*p != '\0') {
		return 0;
	}
	*year = y;
	*month = by == STORE_BY_YEAR ? 0 : m;
	return 1;
}

int store_bin_holds(const struct store_bin *b, const char *date)
{
	int y, m;
	if (!store_period_of(date, b->month ? STORE_BY_MONTH : STORE_BY_YEAR, &y, &m))
		return 0;
	return y == b->year && m == b->month;
}

/* A month's place on one line of months; a year's is the year. */
static long key_of(int y, int m, enum store_period by)
{
	return by == STORE_BY_YEAR ? y : (long)y * 12 + (m ? m - 1 : 0);
}

int store_series_make(const char *const *dates, size_t n, enum store_period by,
                      struct store_series *out)
{
	memset(out, 0, sizeof *out);
	long lo = 0, hi = 0;
	size_t dated = 0;
	/* The span by month first: it decides the period of STORE_BY_AUTO. */
	for (size_t i = 0; i < n; i++) {
		int y, m;
		if (!store_period_of(dates[i], STORE_BY_MONTH, &y, &m))
			continue;
		long k = key_of(y, m, STORE_BY_MONTH);
		if (!dated++ || k < lo)
			lo = k;
		if (dated == 1 || k > hi)
			hi = k;
	}
	if (by == STORE_BY_AUTO)
		by = dated && hi - lo + 1 > AUTO_MONTHS ? STORE_BY_YEAR : STORE_BY_MONTH;
	out->by = by;
	out->total = (int64_t)n;
	out->undated = (int64_t)(n - dated);
	if (!dated)
		return 0;
	if (by == STORE_BY_YEAR) {
		lo /= 12;
		hi /= 12;
	}
	out->n = (size_t)(hi - lo + 1);
	out->bins = calloc(out->n, sizeof *out->bins);
	if (!out->bins) {
		out->n = 0;
		return -1;
	}
	for (size_t i = 0; i < out->n; i++) {
		long k = lo + (long)i;
		out->bins[i].year = by == STORE_BY_YEAR ? (int)k : (int)(k / 12);
		out->bins[i].month = by == STORE_BY_YEAR ? 0 : (int)(k % 12) + 1;
	}
	for (size_t i = 0; i < n; i++) {
		int y, m;
		if (!store_period_of(dates[i], by, &y, &m))
			continue;
		struct store_bin *b = &out->bins[key_of(y, m, by) - lo];
		if (++b->count > out->max)
			out->max = b->count;
	}
	return 0;
}

int store_timeline_entity(struct store *st, int64_t entity, enum store_period by,
                          struct store_series *out)
{
	struct store_mention *m;
	size_t n;
	memset(out, 0, sizeof *out);
	if (store_entity_mentions(st, entity, 0, &m, &n) < 0)
		return -1;
	const char **dates = malloc((n ? n : 1) * sizeof *dates);
	int rc = -1;
	if (dates) {
		for (size_t i = 0; i < n; i++)
			dates[i] = m[i].date;
		rc = store_series_make(dates, n, by, out);
	}
	free(dates);
	store_mentions_free(m, n);
	return rc;
}

int store_timeline_tag(struct store *st, const char *tag, enum store_period by,
                       struct store_series *out)
{
	sqlite3_stmt *s;
	memset(out, 0, sizeof *out);
	/* The tag's whole branch ("a" and "a/b"), each annotation once. */
	if (store_prepare(st, "SELECT DISTINCT an.id, a.date"
	                  " FROM tag t JOIN annotation_tag x ON x.tag = t.id"
	                  " JOIN annotation an ON an.id = x.annotation AND an.deleted IS NULL"
	                  " JOIN article a ON a.id = an.article"
	                  " WHERE t.name = ?1 OR substr(t.name, 1, length(?1) + 1) = ?1 || '/'", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, tag, -1, SQLITE_TRANSIENT);
	char **dates = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		void *grown = util_grow(dates, &cap, n, sizeof *dates);
		if (!grown)
			break;
		dates = grown;
		dates[n] = NULL;
		if (sqlite3_column_type(s, 1) != SQLITE_NULL && !(dates[n] = store_column_dup(s, 1)))
			break;
		n++;
	}
	sqlite3_finalize(s);
	int result = -1;
	if (rc == SQLITE_DONE && store_series_make((const char *const *)dates, n, by, out) == 0)
		result = 1;
	for (size_t i = 0; i < n; i++)
		free(dates[i]);
	free(dates);
	if (result == 1 && n == 0) {
		/* No annotation: is there such a tag at all? */
		if (store_prepare(st, "SELECT 1 FROM tag WHERE name = ?1"
		                      " OR substr(name, 1, length(?1) + 1) = ?1 || '/' LIMIT 1", &s) < 0)
			return -1;
		sqlite3_bind_text(s, 1, tag, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(s);
		sqlite3_finalize(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return -1;
		result = rc == SQLITE_ROW;
	}
	return result;
}
