/*
 * store_list.c: the article list, ordered and filtered, in pages.
 *
 * Every order is one row of a table: its name and its ORDER BY.  The
 * orders of plain columns walk an index (made in schema v12), so a page
 * at any place costs a walk of the index, not a sort.  The filter folds
 * case and accents of each title as the search does (search_fold) and
 * looks for the folded text in it.
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "margo/search.h"
#include "margo/store_list.h"
#include "store_impl.h"

/* An order: its ORDER BY, walking an index.  An order that puts some
 * articles first (`head`, a WHERE clause that finds them through an
 * index) reads them apart, ordered by `head_order`, then the others
 * by `order_by`: so the few annotated articles are sorted, not all.
 * With `head_last` the others come first ("unread": the articles read
 * are the head, listed after those not read yet). */
static const struct {
	const char *name;
	const char *order_by;
	const char *head, *head_order;
	bool head_last;           /* the others first, then the head */
} orders[STORE_ORDERS] = {
	[STORE_ORDER_ADDED] = { "added", "a.id", NULL, NULL },
	[STORE_ORDER_DATE] = { "date", "a.date DESC, a.id DESC", NULL, NULL },
	[STORE_ORDER_TITLE] = { "title", "a.title COLLATE NOCASE, a.id", NULL, NULL },
	[STORE_ORDER_SOURCE] = { "source", "a.origin, a.id", NULL, NULL },
	[STORE_ORDER_ANNOTATED] = { "annotated", "a.date DESC, a.id DESC",
		"a.id IN (SELECT article FROM annotation WHERE deleted IS NULL)",
		"(SELECT count(*) FROM annotation n WHERE n.article = a.id AND n.deleted IS NULL) DESC,"
		" a.date DESC, a.id DESC", false },
	[STORE_ORDER_UNREAD] = { "unread", "a.id",
		"a.id IN (SELECT article FROM reading WHERE read IS NOT NULL)", "a.id", true },
};

const char *store_order_name(enum store_order o)
{
	return (unsigned)o < STORE_ORDERS ? orders[o].name : NULL;
}

/* margo_title_has(title, folded): 1 when the folded title holds folded. */
static void title_has(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *t = (const char *)sqlite3_value_text(argv[0]);
	const char *q = (const char *)sqlite3_value_text(argv[1]);
	if (!t || !q) {
		sqlite3_result_int(c, 0);
		return;
	}
	struct search_folded f;
	if (search_fold(t, (size_t)sqlite3_value_bytes(argv[0]), false, &f) < 0) {
		sqlite3_result_error_nomem(c);
		return;
	}
	sqlite3_result_int(c, strstr(f.text, q) != NULL);
	search_folded_free(&f);
}

/* Once per connection, when it opens (registering a function again would
 * expire every prepared statement of the connection at each page). */
int store_list_setup(struct store *st)
{
	return sqlite3_create_function(store_db(st), "margo_title_has", 2,
	                               SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, title_has, NULL,
	                               NULL) == SQLITE_OK ? 0 : -1;
}

static bool filtered(const struct store_list_view *v)
{
	return v->filter && *v->filter;
}

/* Which articles of an order with a head a statement reads. */
enum part { ALL, HEAD, REST };

/* Prepare "SELECT cols FROM article a [WHERE part AND filter] [ORDER BY
 * ...] tail", the folded filter bound to ?9.  Only constants of the
 * orders table and of this file are formatted in: what the user typed
 * is bound. */
static int prepare(struct store *st, const struct store_list_view *v, enum part part,
                   const char *cols, bool ordered, const char *tail, sqlite3_stmt **s)
{
	if ((unsigned)v->order >= STORE_ORDERS)
		return -1;
	struct search_folded q = { NULL, 0, NULL };
	if (filtered(v)) {
		if (search_fold(v->filter, strlen(v->filter), false, &q) < 0)
			return -1;
	}
	const char *head = orders[v->order].head;
	char *sql = sqlite3_mprintf("SELECT %s FROM article a WHERE %s%s%s%s %s%s %s", cols,
	                            part == ALL ? "" : part == HEAD ? "(" : "NOT (",
	                            part == ALL ? "1" : head, part == ALL ? "" : ")",
	                            filtered(v) ? " AND margo_title_has(a.title, ?9)" : "",
	                            ordered ? "ORDER BY " : "",
	                            !ordered ? "" : part == HEAD ? orders[v->order].head_order
	                                                         : orders[v->order].order_by,
	                            tail);
	int rc = sql ? store_prepare(st, sql, s) : -1;
	sqlite3_free(sql);
	if (rc == 0 && filtered(v) &&
	    sqlite3_bind_text(*s, 9, q.text, (int)q.len, SQLITE_TRANSIENT) != SQLITE_OK) {
		sqlite3_finalize(*s);
		rc = -1;
	}
	search_folded_free(&q);
	return rc;
}

static int count_part(struct store *st, const struct store_list_view *v, enum part part,
                      int64_t *n)
{
	*n = 0;
	sqlite3_stmt *s;
	if (prepare(st, v, part, "count(*)", false, "", &s) < 0)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

int store_list_count(struct store *st, const struct store_list_view *v, int64_t *n)
{
	if ((unsigned)v->order >= STORE_ORDERS)
		return -1;
	if (!filtered(v))
		return store_article_count(st, n);
	return count_part(st, v, ALL, n);
}

/* Rows of one part, appended to r[*k ..] up to limit in all. */
static int rows_part(struct store *st, const struct store_list_view *v, enum part part,
                     int64_t offset, int limit, struct store_row *r, size_t *k)
{
	sqlite3_stmt *s;
	if (prepare(st, v, part, "a.id, a.title, a.date, a.origin, EXISTS (SELECT 1 FROM reading r"
	                         " WHERE r.article = a.id AND r.read IS NOT NULL)", true,
	            "LIMIT ?1 OFFSET ?2", &s) < 0)
		return -1;
	sqlite3_bind_int(s, 1, limit - (int)*k);
	sqlite3_bind_int64(s, 2, offset);
	int rc = SQLITE_DONE;
	while (*k < (size_t)limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		r[*k].id = sqlite3_column_int64(s, 0);
		r[*k].title = store_column_dup(s, 1);
		r[*k].date = store_column_dup(s, 2);
		r[*k].origin = store_column_dup(s, 3);
		r[*k].read = sqlite3_column_int(s, 4) != 0;
		(*k)++;
	}
	if (*k == (size_t)limit)
		rc = SQLITE_DONE;
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_list_rows(struct store *st, const struct store_list_view *v, int64_t offset,
                    int limit, struct store_row **rows, size_t *n)
{
	if (v->order == STORE_ORDER_ADDED && !filtered(v))
		return store_rows(st, offset, limit, rows, n);
	*rows = NULL;
	*n = 0;
	if ((unsigned)v->order >= STORE_ORDERS)
		return -1;
	if (limit <= 0 || offset < 0)
		return 0;
	struct store_row *r = calloc((size_t)limit, sizeof *r);
	if (!r)
		return -1;
	size_t k = 0;
	int rc;
	if (!orders[v->order].head) {
		rc = rows_part(st, v, ALL, offset, limit, r, &k);
	} else {
		enum part first = orders[v->order].head_last ? REST : HEAD;
		enum part second = first == HEAD ? REST : HEAD;
		int64_t heads;
		rc = count_part(st, v, first, &heads);
		if (rc == 0 && offset < heads)
			rc = rows_part(st, v, first, offset, limit, r, &k);
		if (rc == 0 && k < (size_t)limit)
			rc = rows_part(st, v, second, offset + (int64_t)k - heads, limit, r, &k);
	}
	if (rc < 0) {
		store_rows_free(r, k);
		return -1;
	}
	*rows = r;
	*n = k;
	return 0;
}

/* Look for id among the ids of one part, counting the rows passed. */
static int find_part(struct store *st, const struct store_list_view *v, enum part part,
                     int64_t id, int64_t *i)
{
	sqlite3_stmt *s;
	if (prepare(st, v, part, "a.id", true, "", &s) < 0)
		return -1;
	int found = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (sqlite3_column_int64(s, 0) == id) {
			found = 1;
			break;
		}
		(*i)++;
	}
	sqlite3_finalize(s);
	return found;
}

int64_t store_list_index(struct store *st, const struct store_list_view *v, int64_t id)
{
	if (v->order == STORE_ORDER_ADDED && !filtered(v))
		return store_article_index(st, id);
	if ((unsigned)v->order >= STORE_ORDERS)
		return -1;
	int64_t i = 0;
	if (!orders[v->order].head) {
		int found = find_part(st, v, ALL, id, &i);
		return found == 1 ? i : -1;
	}
	enum part first = orders[v->order].head_last ? REST : HEAD;
	int found = find_part(st, v, first, id, &i);
	if (found == 0)
		found = find_part(st, v, first == HEAD ? REST : HEAD, id, &i);
	return found == 1 ? i : -1;
}
