/*
 * store_annot_edit.c: changing what was said of an annotation after it
 * was made: its tags (re-tagging), and removing a link between two.
 * Each is one journal entry in one transaction.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/store_annot.h"
#include "margo/store_journal.h"
#include "margo/store_share.h"
#include "margo/text.h"
#include "margo/util.h"
#include "store_impl.h"
#include "margo/i18n.h"

/* Is `id` a live annotation (1), a live bare anchor (2), or neither (0)?
 * -1 on a library error. */
static int annot_kind(struct store *st, const char *id)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT anchor FROM annotation WHERE id = ?1 AND deleted IS NULL",
	                  &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	int kind = rc == SQLITE_ROW ? (sqlite3_column_int(s, 0) ? 2 : 1) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? kind : -1;
}

/* Run `sql` with ?1 = a and ?2 = b (either may be NULL); the number of
 * rows it changed, or -1. */
static int run2(struct store *st, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *s;
	if (store_prepare(st, sql, &s) < 0)
		return -1;
	if (a)
		sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? sqlite3_changes(store_db(st)) : -1;
}

/* One integer from `sql` with ?1 = a. */
static int count_rows(struct store *st, const char *sql, const char *a, int64_t *n)
{
	sqlite3_stmt *s;
	if (store_prepare(st, sql, &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Give the annotation `id` exactly the tags of `list` (comma-separated),
 * inside the open transaction: the ones it keeps are not touched.  The
 * number of rows changed, or -1. */
static int replace_tags(struct store *st, const char *id, const char *list)
{
	sqlite3_stmt *old = NULL;
	int64_t *keep = NULL;
	size_t n = 0;
	int ret = -1;
	/* The tags attached anew: the count of its tags before and after. */
	static const char count_sql[] = "SELECT count(*) FROM annotation_tag WHERE annotation = ?1";
	int64_t before, after;
	if (count_rows(st, count_sql, id, &before) < 0 ||
	    store_annot_set_tags(st, id, list, ',', &keep, &n) < 0 ||
	    count_rows(st, count_sql, id, &after) < 0)
		goto out;
	int changed = (int)(after - before);
	/* The tags it had and is not given any more. */
	if (store_prepare(st, "SELECT tag FROM annotation_tag WHERE annotation = ?1", &old) < 0)
		goto out;
	sqlite3_bind_text(old, 1, id, -1, SQLITE_STATIC);
	int64_t *drop = NULL;
	size_t nd = 0, capd = 0;
	int rc;
	while ((rc = sqlite3_step(old)) == SQLITE_ROW) {
		int64_t t = sqlite3_column_int64(old, 0);
		bool kept = false;
		for (size_t i = 0; i < n && !kept; i++)
			kept = keep[i] == t;
		if (kept)
			continue;
		void *grown = util_grow(drop, &capd, nd, sizeof *drop);
		if (!grown) {
			rc = SQLITE_NOMEM;
			break;
		}
		drop = grown;
		drop[nd++] = t;
	}
	for (size_t i = 0; rc == SQLITE_DONE && i < nd; i++) {
		sqlite3_stmt *d;
		if (store_prepare(st, "DELETE FROM annotation_tag WHERE annotation = ?1 AND tag = ?2",
		                  &d) < 0) {
			rc = SQLITE_ERROR;
			break;
		}
		sqlite3_bind_text(d, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(d, 2, drop[i]);
		if (sqlite3_step(d) != SQLITE_DONE)
			rc = SQLITE_ERROR;
		else
			changed += sqlite3_changes(store_db(st));
		sqlite3_finalize(d);
	}
	free(drop);
	if (rc == SQLITE_DONE)
		ret = changed;
out:
	sqlite3_finalize(old);
	free(keep);
	return ret;
}

int store_annot_retag(struct store *st, const char *id, const char *tags, char **err)
{
	char now[21];
	*err = NULL;
	int kind = annot_kind(st, id);
	if (kind <= 0 || kind == 2) {
		*err = kind < 0 ? util_printf(_("cannot read the library: %s"), store_errmsg(st))
		     : kind == 0 ? util_printf(_("no annotation \"%s\" (margo annotations lists them)"), id)
		                 : util_printf(_("\"%s\" is the end of a link, not an annotation"), id);
		return kind < 0 ? -1 : -2;
	}
	int bad = store_tags_check(tags, ',', err);
	if (bad < 0)
		return bad;
	int may = store_annot_may_change(st, id, err);
	if (may < 0)
		return may;
	util_now_rfc3339(now);
	if (store_annot_journal_begin(st, "tags", "tags changed", id) < 0)
		goto fail;
	int changed = replace_tags(st, id, tags);
	if (changed < 0 ||
	    (changed > 0 && run2(st, "UPDATE annotation SET updated = ?2 WHERE id = ?1", id, now) < 0) ||
	    store_journal_commit(st) < 0)
		goto fail;
	return 0;
fail:
	*err = util_printf(_("cannot save the tags: %s"), store_errmsg(st));
	store_journal_rollback(st);
	return -1;
}

/* A bare anchor no link uses any more goes (a tombstone, as for one
 * whose link was never made). */
static int drop_unused_anchor(struct store *st, const char *id, const char *now)
{
	return run2(st, "UPDATE annotation SET deleted = ?2, updated = ?2 WHERE id = ?1"
	                " AND anchor = 1 AND deleted IS NULL AND NOT EXISTS"
	                " (SELECT 1 FROM annotation_link WHERE annotation = ?1 OR target = ?1)",
	            id, now) < 0 ? -1 : 0;
}

/* 'quote' of annotation `id` for a summary (malloc'd). */
static char *quote_of(struct store *st, const char *id)
{
	sqlite3_stmt *s;
	char *q = NULL;
	if (store_prepare(st, "SELECT quote FROM annotation WHERE id = ?1", &s) == 0) {
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			q = store_journal_quote((const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
	}
	return q ? q : util_strdup("''");
}

int store_annot_unlink(struct store *st, const char *from, const char *to, char **err)
{
	sqlite3_stmt *s;
	char now[21];
	*err = NULL;
	if (store_prepare(st, "SELECT count(*) FROM annotation_link WHERE (annotation = ?1"
	                      " AND target = ?2) OR (annotation = ?2 AND target = ?1)", &s) < 0) {
		*err = util_printf(_("cannot read the library: %s"), store_errmsg(st));
		return -1;
	}
	sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	int64_t found = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW) {
		*err = util_printf(_("cannot read the library: %s"), store_errmsg(st));
		return -1;
	}
	if (!found) {
		*err = util_printf(_("no link between \"%s\" and \"%s\""), from, to);
		return -2;
	}
	int may = store_link_may_change(st, from, to, err);
	if (may < 0)
		return may;
	char *qa = quote_of(st, from), *qb = quote_of(st, to);
	char *summary = util_printf("unlinked %s and %s", qa ? qa : "''", qb ? qb : "''");
	free(qa);
	free(qb);
	int begun = store_journal_begin(st, "unlink", summary ? summary : "unlinked");
	free(summary);
	util_now_rfc3339(now);
	if (begun < 0 ||
	    run2(st, "DELETE FROM annotation_link WHERE (annotation = ?1 AND target = ?2)"
	             " OR (annotation = ?2 AND target = ?1)", from, to) < 0 ||
	    drop_unused_anchor(st, from, now) < 0 || drop_unused_anchor(st, to, now) < 0 ||
	    store_journal_commit(st) < 0) {
		*err = util_printf(_("cannot unlink: %s"), store_errmsg(st));
		store_journal_rollback(st);
		return -1;
	}
	return 0;
}
