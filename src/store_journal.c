/*
 * store_journal.c: the journal of changes to the user's work (undo, redo,
 * history).  See docs/JOURNAL.md.
 *
 * Capture: when a library is opened for writing, TEMP triggers are made
 * on this connection for every table of the user's work.  They fire only
 * while temp.journal_open holds the open entry, and write into journal_op
 * the SQL that undoes the row's change, the SQL that does it again, and a
 * query that tells whether the row is still as the change left it.  The
 * SQL is built with quote() from the columns PRAGMA table_info lists, so
 * a new column is covered without editing anything here; an UPDATE keeps
 * only the columns it changed.  Other connections (other tools, older
 * margos) and the loading of articles are never recorded.
 */
#include <config.h>

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unistr.h>
#include <uniwidth.h>

#include "margo/store_entity.h"
#include "margo/store_journal.h"
#include "margo/util.h"
#include "store_impl.h"
#include "margo/i18n.h"

/* The tables of the user's work.  Entities, forms and mentions are made
 * again from the corpus and the corrections at every rebuild: the
 * corrections are what is journaled, and a rebuild follows their undo. */
static const char *const journaled[] = {
	"annotation", "annotation_tag", "annotation_link", "tag", "correction",
	"annotation_conflict",
};
#define N_JOURNALED (sizeof journaled / sizeof *journaled)

static int exec(struct store *st, const char *sql)
{
	return sqlite3_exec(store_db(st), sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* ---- making the triggers ---------------------------------------------------- */

struct column {
	char *name;
	int pk;                   /* 0, or its place in the primary key */
};

/* "name" as an identifier, then as it reads inside a '...' literal. */
static void put_ident(struct buf *b, const char *name, bool in_literal)
{
	buf_puts(b, "\"");
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			buf_puts(b, "\"\"");
		else if (*p == '\'' && in_literal)
			buf_puts(b, "''");
		else
			buf_putc(b, *p);
	}
	buf_puts(b, "\"");
}

/* SQL text (a string expression) naming the row by its primary key as
 * `row` (OLD or NEW) has it: ' WHERE "id"=' || quote(NEW."id") ... */
static void put_where(struct buf *b, const struct column *c, size_t n, const char *row)
{
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (!c[i].pk)
			continue;
		buf_puts(b, first ? "' WHERE " : " || ' AND ");
		put_ident(b, c[i].name, true);
		buf_printf(b, "=' || quote(%s.", row);
		put_ident(b, c[i].name, false);
		buf_puts(b, ")");
		first = false;
	}
}

/* "name" as an identifier inside the '...' format of printf(). */
static void put_format_ident(struct buf *b, const char *name)
{
	buf_puts(b, "\"");
	for (const char *p = name; *p; p++)
		buf_puts(b, *p == '"' ? "\"\"" : *p == '\'' ? "''" : *p == '%' ? "%%" : (char[2]){ *p, 0 });
	buf_puts(b, "\"");
}

/* printf('INSERT INTO "t"("a","b") VALUES(%s,%s)', quote(row."a"), quote(row."b")):
 * one printf() rather than a chain of ||, each link of which would keep
 * a copy of a long text (a 12 MiB note) in a register of its own. */
static void put_insert(struct buf *b, const char *tbl, const struct column *c, size_t n,
                       const char *row)
{
	buf_puts(b, "printf('INSERT INTO ");
	put_format_ident(b, tbl);
	buf_puts(b, "(");
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, i ? "," : "");
		put_format_ident(b, c[i].name);
	}
	buf_puts(b, ") VALUES(");
	for (size_t i = 0; i < n; i++)
		buf_puts(b, i ? ",%s" : "%s");
	buf_puts(b, ")'");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, ", quote(%s.", row);
		put_ident(b, c[i].name, false);
		buf_puts(b, ")");
	}
	buf_puts(b, ")");
}

/* 'DELETE FROM "t"' || where */
static void put_delete(struct buf *b, const char *tbl, const struct column *c, size_t n,
                       const char *row)
{
	buf_puts(b, "'DELETE FROM ");
	put_ident(b, tbl, true);
	buf_puts(b, "' || ");
	put_where(b, c, n, row);
}

/* The query that is 1 when the row is as `row` left it: every column (or
 * only the changed ones), compared as quote() writes them, so that a real
 * compares equal to itself. */
static void put_check(struct buf *b, const char *tbl, const struct column *c, size_t n,
                      const char *row, bool changed_only, bool gone, bool short_text)
{
	buf_printf(b, "'SELECT %sEXISTS(SELECT 1 FROM ", gone ? "NOT " : "");
	put_ident(b, tbl, true);
	buf_puts(b, "' || ");
	put_where(b, c, n, row);
	if (!gone)
		for (size_t i = 0; i < n; i++) {
			if (changed_only) {
				buf_puts(b, " || (CASE WHEN OLD.");
				put_ident(b, c[i].name, false);
				buf_puts(b, " IS NOT NEW.");
				put_ident(b, c[i].name, false);
				buf_puts(b, " THEN ' AND quote(");
			} else {
				buf_puts(b, " || ' AND quote(");
			}
			/* A new row: a long text (an imported quote) is compared by
			 * its length, so the check is not one more copy of it. */
			if (short_text) {
				buf_puts(b, "CASE WHEN length(");
				put_ident(b, c[i].name, true);
				buf_puts(b, ") > 4096 THEN length(");
				put_ident(b, c[i].name, true);
				buf_puts(b, ") ELSE ");
			}
			put_ident(b, c[i].name, true);
			buf_puts(b, short_text ? " END" : "");
			buf_puts(b, ") IS ' || quote(quote(");
			if (short_text) {
				buf_printf(b, "CASE WHEN length(%s.", row);
				put_ident(b, c[i].name, false);
				buf_printf(b, ") > 4096 THEN length(%s.", row);
				put_ident(b, c[i].name, false);
				buf_puts(b, ") ELSE ");
			}
			buf_printf(b, "%s.", row);
			put_ident(b, c[i].name, false);
			buf_puts(b, short_text ? " END" : "");
			buf_puts(b, changed_only ? ")) ELSE '' END)" : "))");
		}
	buf_puts(b, " || ')'");
}

/* 'UPDATE "t" SET ' || substr(changed columns as row has them, 2) || where */
static void put_update(struct buf *b, const char *tbl, const struct column *c, size_t n,
                       const char *vals, const char *key)
{
	buf_puts(b, "'UPDATE ");
	put_ident(b, tbl, true);
	buf_puts(b, " SET ' || substr(''");
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, " || (CASE WHEN OLD.");
		put_ident(b, c[i].name, false);
		buf_puts(b, " IS NOT NEW.");
		put_ident(b, c[i].name, false);
		buf_puts(b, " THEN ',");
		put_ident(b, c[i].name, true);
		buf_printf(b, "=' || quote(%s.", vals);
		put_ident(b, c[i].name, false);
		buf_puts(b, ") ELSE '' END)");
	}
	buf_puts(b, ", 2) || ");
	put_where(b, c, n, key);
}

static void put_op(struct buf *b, const char *tbl)
{
	buf_puts(b, " BEGIN INSERT INTO journal_op(entry, n, tbl, undo_sql, redo_sql, check_sql)"
	            " VALUES ((SELECT entry FROM temp.journal_open),"
	            " (SELECT coalesce(max(n), 0) + 1 FROM main.journal_op WHERE entry ="
	            " (SELECT entry FROM temp.journal_open)), ");
	buf_puts(b, "'");
	for (const char *p = tbl; *p; p++)
		buf_puts(b, *p == '\'' ? "''" : (char[2]){ *p, 0 });
	buf_puts(b, "', ");
}

static int make_triggers(struct store *st, const char *tbl)
{
	sqlite3_stmt *s;
	struct column *c = NULL;
	size_t n = 0, cap = 0;
	bool has_pk = false;
	int ret = -1;
	if (store_prepare(st, "SELECT name, pk FROM pragma_table_info(?1, 'main')", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, tbl, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		void *grown = util_grow(c, &cap, n, sizeof *c);
		if (!grown)
			goto out;
		c = grown;
		c[n].pk = sqlite3_column_int(s, 1);
		if (!(c[n].name = store_column_dup(s, 0)))
			goto out;
		has_pk |= c[n].pk > 0;
		n++;
	}
	if (!n || !has_pk)
		goto out;
	struct buf b = { 0 };
	const char *open = " WHEN EXISTS (SELECT 1 FROM temp.journal_open)";
	/* INSERT: undone by a DELETE, done again by the INSERT. */
	buf_printf(&b, "CREATE TEMP TRIGGER IF NOT EXISTS journal_%s_i AFTER INSERT ON main.", tbl);
	put_ident(&b, tbl, false);
	buf_puts(&b, open);
	put_op(&b, tbl);
	put_delete(&b, tbl, c, n, "NEW");
	buf_puts(&b, ", ");
	put_insert(&b, tbl, c, n, "NEW");
	buf_puts(&b, ", ");
	put_check(&b, tbl, c, n, "NEW", false, false, true);
	buf_puts(&b, "); END;");
	/* DELETE: undone by the INSERT of the old row. */
	buf_printf(&b, "CREATE TEMP TRIGGER IF NOT EXISTS journal_%s_d AFTER DELETE ON main.", tbl);
	put_ident(&b, tbl, false);
	buf_puts(&b, open);
	put_op(&b, tbl);
	put_insert(&b, tbl, c, n, "OLD");
	buf_puts(&b, ", ");
	put_delete(&b, tbl, c, n, "OLD");
	buf_puts(&b, ", ");
	put_check(&b, tbl, c, n, "OLD", false, true, false);
	buf_puts(&b, "); END;");
	/* UPDATE: only the columns that changed, when any did. */
	buf_printf(&b, "CREATE TEMP TRIGGER IF NOT EXISTS journal_%s_u AFTER UPDATE ON main.", tbl);
	put_ident(&b, tbl, false);
	buf_printf(&b, "%s AND (0", open);
	for (size_t i = 0; i < n; i++) {
		buf_puts(&b, " OR OLD.");
		put_ident(&b, c[i].name, false);
		buf_puts(&b, " IS NOT NEW.");
		put_ident(&b, c[i].name, false);
	}
	buf_puts(&b, ")");
	put_op(&b, tbl);
	put_update(&b, tbl, c, n, "OLD", "NEW");
	buf_puts(&b, ", ");
	put_update(&b, tbl, c, n, "NEW", "OLD");
	buf_puts(&b, ", ");
	put_check(&b, tbl, c, n, "NEW", true, false, false);
	buf_puts(&b, "); END;");
	ret = b.data && exec(st, b.data) == 0 ? 0 : -1;
	buf_free(&b);
out:
	sqlite3_finalize(s);
	for (size_t i = 0; i < n; i++)
		free(c[i].name);
	free(c);
	return ret;
}

int store_journal_setup(struct store *st)
{
	if (exec(st, "CREATE TEMP TABLE IF NOT EXISTS journal_open(entry INTEGER NOT NULL)") < 0)
		return -1;
	for (size_t i = 0; i < N_JOURNALED; i++)
		if (make_triggers(st, journaled[i]) < 0)
			return -1;
	return 0;
}

/* ---- entries ------------------------------------------------------------------ */

static char *login_name(void)
{
	struct passwd *pw = getpwuid(getuid());
	const char *name = pw && pw->pw_name ? pw->pw_name : getenv("USER");
	return util_strdup(name ? name : "");
}

/* A coder's name: text (UTF-8) of 1 to 100 characters, none of them a
 * control character, which a listing could not show on one line. */
static bool text_is_name(const char *name)
{
	const uint8_t *p = (const uint8_t *)name;
	size_t len = strlen(name), n = 0;
	if (!len || u8_check(p, len))
		return false;
	while (len) {
		ucs4_t u;
		int k = u8_mbtouc(&u, p, len);
		if (u < 0x20 || (u >= 0x7f && u < 0xa0) || u == 0x2028 || u == 0x2029 || ++n > 100)
			return false;
		p += k;
		len -= (size_t)k;
	}
	return true;
}

bool store_coder_name_ok(const char *name)
{
	return name && text_is_name(name);
}

char *store_login_name(void)
{
	struct passwd *pw = getpwuid(getuid());
	const char *name = pw && pw->pw_name && *pw->pw_name ? pw->pw_name : getenv("USER");
	if (!name || !*name || !text_is_name(name))
		name = "unknown";
	return util_strdup(name);
}

int store_set_coder(struct store *st, const char *name)
{
	if (name && *name && !text_is_name(name))
		return -2;
	char *copy = name && *name ? util_strdup(name) : store_login_name();
	if (!copy)
		return -1;
	char **slot = store_coder_slot(st);
	free(*slot);
	*slot = copy;
	return 0;
}

const char *store_coder(struct store *st)
{
	char **slot = store_coder_slot(st);
	if (!*slot)
		*slot = store_login_name();
	return *slot;
}

char *store_journal_quote(const char *text)
{
	struct buf b = { 0 };
	const uint8_t *p = (const uint8_t *)(text ? text : "");
	size_t len = strlen((const char *)p), cols = 0;
	buf_puts(&b, "'");
	while (len) {
		ucs4_t u;
		int k = u8_mbtouc(&u, p, len);
		int w = u == '\n' || u == '\t' ? 1 : uc_width(u, "UTF-8");
		if (w < 0)
			w = 0;
		if (cols + (size_t)w > 29 && len > (size_t)k) {
			buf_puts(&b, "\xe2\x80\xa6");
			break;
		}
		if (u == '\n' || u == '\t')
			buf_puts(&b, " ");
		else
			buf_printf(&b, "%.*s", k, (const char *)p);
		cols += (size_t)w;
		p += k;
		len -= (size_t)k;
	}
	buf_puts(&b, "'");
	return buf_steal(&b);
}

int store_journal_begin(struct store *st, const char *kind, const char *summary)
{
	sqlite3_stmt *s;
	char now[21];
	util_now_rfc3339(now);
	if (store_begin(st) < 0)
		return -1;
	char *author = login_name();
	if (store_prepare(st, "INSERT INTO journal(time, author, kind, summary, state, coder)"
	                      " VALUES (?1, ?2, ?3, ?4, 'done', ?5)", &s) < 0)
		goto fail;
	sqlite3_bind_text(s, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, author ? author : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, summary ? summary : kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, store_coder(st), -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto fail;
	int64_t id = sqlite3_last_insert_rowid(store_db(st));
	if (exec(st, "DELETE FROM temp.journal_open") < 0 ||
	    store_prepare(st, "INSERT INTO temp.journal_open(entry) VALUES (?1)", &s) < 0)
		goto fail;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto fail;
	free(author);
	return 0;
fail:
	free(author);
	store_journal_rollback(st);
	return -1;
}

int store_journal_resume(struct store *st, int64_t entry)
{
	sqlite3_stmt *s;
	if (store_begin(st) < 0)
		return -1;
	/* Only the latest entry, still done, goes on: after anything else
	 * (another process's change, an undo) a new entry begins. */
	if (store_prepare(st, "SELECT id = ?1 AND state = 'done' FROM journal"
	                      " ORDER BY id DESC LIMIT 1", &s) < 0)
		goto fail;
	sqlite3_bind_int64(s, 1, entry);
	int rc = sqlite3_step(s);
	int latest = rc == SQLITE_ROW && sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		goto fail;
	if (!latest) {
		store_rollback(st);
		return 1;
	}
	if (exec(st, "DELETE FROM temp.journal_open") < 0 ||
	    store_prepare(st, "INSERT INTO temp.journal_open(entry) VALUES (?1)", &s) < 0)
		goto fail;
	sqlite3_bind_int64(s, 1, entry);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto fail;
	return 0;
fail:
	store_journal_rollback(st);
	return -1;
}

int64_t store_journal_open_entry(struct store *st)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT entry FROM temp.journal_open", &s) < 0)
		return -1;
	int64_t id = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return id;
}

int store_journal_set_summary(struct store *st, const char *summary)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "UPDATE journal SET summary = ?1 WHERE id ="
	                      " (SELECT entry FROM temp.journal_open)", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, summary, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_journal_commit(struct store *st)
{
	/* No row changed: no entry.  A change: nothing undone can be redone. */
	if (exec(st, "DELETE FROM journal WHERE id = (SELECT entry FROM temp.journal_open)"
	             " AND NOT EXISTS (SELECT 1 FROM journal_op WHERE entry = journal.id);"
	             "UPDATE journal SET state = 'dropped' WHERE state = 'undone'"
	             " AND EXISTS (SELECT 1 FROM journal j, temp.journal_open o WHERE j.id = o.entry"
	             " AND (journal.coder IS NULL OR j.coder IS NULL OR journal.coder = j.coder));"
	             "DELETE FROM temp.journal_open") < 0 ||
	    store_commit(st) < 0) {
		store_journal_rollback(st);
		return -1;
	}
	return 0;
}

int store_journal_rollback(struct store *st)
{
	int rc = store_rollback(st);
	/* The temp table is rolled back with the rest; empty it all the same. */
	exec(st, "DELETE FROM temp.journal_open");
	return rc;
}

/* ---- undo and redo ----------------------------------------------------------- */

/* While undoing or redoing, the SQL read from the library may only read,
 * and write the tables of the user's work: a library made by someone else
 * cannot run anything else through its journal. */
static int authorize(void *ctx, int action, const char *a, const char *b, const char *db,
                     const char *trigger)
{
	(void)ctx;
	(void)b;
	(void)db;
	(void)trigger;
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_FUNCTION:
		return SQLITE_OK;
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
		for (size_t i = 0; i < N_JOURNALED; i++)
			if (a && strcmp(a, journaled[i]) == 0)
				return SQLITE_OK;
		if (a && (strcmp(a, "journal_op") == 0 || strcmp(a, "journal_open") == 0))
			return SQLITE_OK;  /* the capture triggers (idle here) */
		return SQLITE_DENY;
	default:
		return SQLITE_DENY;
	}
}

/* Run one statement of the journal: one statement only, nothing left over. */
static int run_one(struct store *st, const char *sql, int64_t *answer)
{
	sqlite3 *db = store_db(st);
	sqlite3_stmt *s = NULL;
	const char *tail = NULL;
	sqlite3_set_authorizer(db, authorize, NULL);
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, &tail);
	sqlite3_set_authorizer(db, NULL, NULL);
	if (rc != SQLITE_OK || !s || (tail && *tail)) {
		sqlite3_finalize(s);
		return -1;
	}
	rc = sqlite3_step(s);
	if (answer)
		*answer = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static int step(struct store *st, bool undo, char **summary, char **kind, char **err)
{
	sqlite3_stmt *s = NULL;
	*summary = NULL;
	if (kind)
		*kind = NULL;
	*err = NULL;
	if (store_begin(st) < 0) {
		*err = util_printf(_("cannot write to the library: %s"), store_errmsg(st));
		return -1;
	}
	exec(st, "DELETE FROM temp.journal_open");
	int64_t id = 0, corrections = 0;
	char *k = NULL;
	/* Each coder undoes and redoes their own changes (and those made
	 * before coders were kept), not another's in a shared library. */
	if (store_prepare(st, undo ? "SELECT id, summary, kind FROM journal WHERE state = 'done'"
	                             " AND (coder IS NULL OR coder = ?1) ORDER BY id DESC LIMIT 1"
	                           : "SELECT id, summary, kind FROM journal WHERE state = 'undone'"
	                             " AND (coder IS NULL OR coder = ?1) ORDER BY id LIMIT 1", &s) < 0)
		goto fail;
	sqlite3_bind_text(s, 1, store_coder(st), -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		*summary = store_column_dup(s, 1);
		k = store_column_dup(s, 2);
	}
	sqlite3_finalize(s);
	s = NULL;
	if (!id) {
		store_rollback(st);
		return 0;
	}
	if (!*summary || !k)
		goto fail;
	if (store_prepare(st, undo ? "SELECT tbl, undo_sql, check_sql FROM journal_op"
	                             " WHERE entry = ?1 ORDER BY n DESC"
	                           : "SELECT tbl, redo_sql, '' FROM journal_op"
	                             " WHERE entry = ?1 ORDER BY n", &s) < 0)
		goto fail;
	sqlite3_bind_int64(s, 1, id);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *tbl = (const char *)sqlite3_column_text(s, 0);
		const char *sql = (const char *)sqlite3_column_text(s, 1);
		const char *check = (const char *)sqlite3_column_text(s, 2);
		if (tbl && strcmp(tbl, "correction") == 0)
			corrections++;
		if (undo && check && *check) {
			int64_t same = 0;
			if (run_one(st, check, &same) < 0)
				goto bad;
			if (same != 1) {
				*err = util_printf(_("cannot undo \"%s\": it was changed since "
				                   "(by another margo or tool); nothing was undone"), *summary);
				goto fail;
			}
		}
		if (!sql || run_one(st, sql, NULL) < 0)
			goto bad;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(s);
	s = NULL;
	char now[21];
	util_now_rfc3339(now);
	if (store_prepare(st, undo ? "UPDATE journal SET state = 'undone', undone_time = ?2 WHERE id = ?1"
	                           : "UPDATE journal SET state = 'done', undone_time = NULL WHERE id = ?1",
	                  &s) < 0)
		goto fail;
	sqlite3_bind_int64(s, 1, id);
	if (undo)
		sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	s = NULL;
	if (rc != SQLITE_DONE || store_commit(st) < 0)
		goto fail;
	if (corrections && store_entities_rebuild(st) < 0) {
		*err = util_printf(_("%s, but the entities could not be rebuilt: %s"),
		                   undo ? "undone" : "redone", store_errmsg(st));
		free(k);
		return -1;
	}
	if (kind)
		*kind = k;
	else
		free(k);
	return 1;
bad:
	if (!*err)
		*err = util_printf(undo ? _("cannot undo \"%s\": the journal holds a change margo cannot apply (%s); "
		                            "nothing was changed")
		                        : _("cannot redo \"%s\": the journal holds a change margo cannot apply (%s); "
		                            "nothing was changed"),
		                   *summary ? *summary : "?", sqlite3_errmsg(store_db(st)));
fail:
	if (!*err)
		*err = util_printf(undo ? _("cannot undo: %s") : _("cannot redo: %s"), store_errmsg(st));
	sqlite3_finalize(s);
	store_rollback(st);
	free(*summary);
	*summary = NULL;
	free(k);
	return -1;
}

int store_journal_undo(struct store *st, char **summary, char **kind, char **err)
{
	return step(st, true, summary, kind, err);
}

int store_journal_redo(struct store *st, char **summary, char **kind, char **err)
{
	return step(st, false, summary, kind, err);
}

char *store_journal_undo_message(const char *kind, const char *summary)
{
	static const char changed[] = " changed on ";
	const char *p = strstr(summary, changed);
	if (p && p - summary < 12)
		return util_printf(_("%.*s restored on %s"), (int)(p - summary), summary,
		                   p + sizeof changed - 1);
	if (strcmp(kind, "merge") == 0)
		return util_printf(_("merge undone: %s"), summary);
	static const char unlinked[] = "unlinked ";
	if (strcmp(kind, "unlink") == 0 && strncmp(summary, unlinked, sizeof unlinked - 1) == 0)
		return util_printf(_("link restored between %s"), summary + sizeof unlinked - 1);
	return util_printf(_("undone: %s"), summary);
}

int store_journal_each(struct store *st, int64_t limit,
                       int (*fn)(const struct store_journal_entry *e, void *ctx), void *ctx)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT id, time, author, kind, summary, state, coder FROM ("
	                      " SELECT * FROM journal ORDER BY id DESC LIMIT ?1) ORDER BY id", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, limit > 0 ? limit : -1);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_journal_entry e = {
			sqlite3_column_int64(s, 0),
			(const char *)sqlite3_column_text(s, 1), (const char *)sqlite3_column_text(s, 2),
			(const char *)sqlite3_column_text(s, 3), (const char *)sqlite3_column_text(s, 4),
			(const char *)sqlite3_column_text(s, 5), (const char *)sqlite3_column_text(s, 6),
		};
		if (!e.time || !e.author || !e.kind || !e.summary || !e.state)
			continue;
		if (fn(&e, ctx))
			break;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}
