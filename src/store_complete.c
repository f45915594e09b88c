/*
 * store_complete.c: names for shell completion (see store_complete.h).
 *
 * Every query is a range on an index: a name starts with PREFIX when it
 * sorts between PREFIX and PREFIX with its last byte raised by one (the
 * BINARY collation compares bytes); an article id starts with the digits
 * PREFIX when it lies in one of the ranges PREFIX, PREFIX0..PREFIX9,
 * PREFIX00..PREFIX99 and so on.
 */
#include <config.h>

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "margo/store_complete.h"
#include "margo/util.h"
#include "store_impl.h"

/* Whether `s` holds a control character (C0, DEL). */
static bool has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return true;
	return false;
}

/* Run `s` (its names in column 0) through `out`; 0, 1 when `out` or the
 * limit stopped it, -1 on error.  `*left` counts down the limit. */
static int emit_rows(sqlite3_stmt *s, size_t *left,
                     int (*out)(void *, const char *), void *ctx)
{
	int rc = SQLITE_DONE;
	while (*left > 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);
		if (!name || has_control(name))
			continue;
		(*left)--;
		if (out(ctx, name))
			return 1;
	}
	if (*left == 0)
		return 1;
	return rc == SQLITE_DONE ? 0 : -1;
}

static int complete_names(struct store *st, const char *sql_all, const char *sql_range,
                          const char *prefix, size_t limit,
                          int (*out)(void *, const char *), void *ctx)
{
	size_t len = strlen(prefix);
	/* The first string past every name that starts with prefix: the
	 * prefix with its last byte raised (no UTF-8 byte is 0xff). */
	char *upper = NULL;
	if (len) {
		if (!(upper = util_strdup(prefix)))
			return -1;
		upper[len - 1] = (char)((unsigned char)upper[len - 1] + 1);
	}
	sqlite3_stmt *s;
	int rc = store_prepare(st, len ? sql_range : sql_all, &s);
	if (rc == 0) {
		if (len) {
			sqlite3_bind_text(s, 1, prefix, (int)len, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, upper, (int)len, SQLITE_STATIC);
		}
		sqlite3_bind_int64(s, 3, (sqlite3_int64)limit);
		size_t left = limit;
		rc = emit_rows(s, &left, out, ctx) < 0 ? -1 : 0;
		sqlite3_finalize(s);
	}
	free(upper);
	return rc;
}

static int complete_articles(struct store *st, const char *prefix, size_t limit,
                             int (*out)(void *, const char *), void *ctx)
{
	size_t len = strlen(prefix);
	if (len && (strspn(prefix, "0123456789") != len || prefix[0] == '0' || len > 18))
		return 0;  /* no id is written that way */
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT CAST(id AS TEXT) FROM article WHERE id BETWEEN ?1 AND ?2"
	                      " ORDER BY id LIMIT ?3", &s) < 0)
		return -1;
	int64_t lo = len ? strtoll(prefix, NULL, 10) : 1, hi = len ? lo : INT64_MAX;
	size_t left = limit;
	int rc = 0;
	for (;;) {
		sqlite3_bind_int64(s, 1, lo);
		sqlite3_bind_int64(s, 2, hi);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)left);
		rc = emit_rows(s, &left, out, ctx);
		sqlite3_reset(s);
		if (rc != 0 || !len || lo > (INT64_MAX - 9) / 10)
			break;
		/* The ids one digit longer that start with the same digits. */
		lo *= 10;
		hi = hi > (INT64_MAX - 9) / 10 ? INT64_MAX : hi * 10 + 9;
	}
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}

int store_complete(struct store *st, enum store_complete_what what, const char *prefix,
                   size_t limit, int (*out)(void *ctx, const char *name), void *ctx)
{
	if (!prefix)
		prefix = "";
	switch (what) {
	case STORE_COMPLETE_TAGS:
		return complete_names(st,
			"SELECT name FROM tag t WHERE EXISTS (SELECT 1 FROM annotation_tag a"
			" WHERE a.tag = t.id) ORDER BY name LIMIT ?3",
			"SELECT name FROM tag t WHERE name >= ?1 AND name < ?2 AND EXISTS"
			" (SELECT 1 FROM annotation_tag a WHERE a.tag = t.id) ORDER BY name LIMIT ?3",
			prefix, limit, out, ctx);
	case STORE_COMPLETE_ENTITIES:
		/* One name a line however many entities (of different types)
		 * bear it; the most mentioned first. */
		return complete_names(st,
			"SELECT name FROM entity GROUP BY name ORDER BY max(mentions) DESC, name LIMIT ?3",
			"SELECT name FROM entity WHERE name >= ?1 AND name < ?2"
			" GROUP BY name ORDER BY max(mentions) DESC, name LIMIT ?3",
			prefix, limit, out, ctx);
	case STORE_COMPLETE_ARTICLES:
		return complete_articles(st, prefix, limit, out, ctx);
	}
	return -1;
}
