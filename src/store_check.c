/*
 * store_check.c: what "margo check" looks at.  The library as SQLite sees
 * it (integrity and foreign keys), the schema as margo makes it (every
 * table, index, view and trigger), and the loads that did not finish.
 */
#include <config.h>

#include <string.h>

#include "margo/search.h"
#include "margo/store.h"
#include "margo/util.h"
#include "store_impl.h"
#include "margo/i18n.h"

/* Every table, index, view and trigger the schema makes, looked for in
 * the library: the schema is made in a database in memory, from the same
 * migrations, and its names compared. */
static int check_schema(struct store *st, struct buf *b)
{
	sqlite3 *mem = NULL;
	sqlite3_stmt *s = NULL;
	int ret = -1;
	if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    search_register_tokenizer(mem) < 0)
		goto out;
	for (size_t v = 0; v < STORE_SCHEMA_VERSION; v++)
		if (sqlite3_exec(mem, store_migrations[v], NULL, NULL, NULL) != SQLITE_OK)
			goto out;
	if (sqlite3_prepare_v2(mem, "SELECT type, name FROM sqlite_schema"
	                       " WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid", -1, &s, NULL) != SQLITE_OK)
		goto out;
	sqlite3_stmt *q;
	if (store_cached(st, "SELECT 1 FROM sqlite_schema WHERE type = ?1 AND name = ?2", &q) < 0)
		goto out;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		sqlite3_bind_value(q, 1, sqlite3_column_value(s, 0));
		sqlite3_bind_value(q, 2, sqlite3_column_value(s, 1));
		int qrc = sqlite3_step(q);
		sqlite3_reset(q);
		if (qrc == SQLITE_DONE)
			/* TRANSLATORS: the kind of a schema object as SQLite names
			 * it (table, index, view, trigger), then its name. */
			buf_printf(b, _("the %s %s is missing\n"), sqlite3_column_text(s, 0),
			           sqlite3_column_text(s, 1));
		else if (qrc != SQLITE_ROW)
			goto out;
	}
	ret = rc == SQLITE_DONE ? 0 : -1;
out:
	sqlite3_finalize(s);
	sqlite3_close(mem);
	return ret;
}

/* Files recorded as loaded without any article, and loads that did not
 * finish (a row still marked as loading).  Either is mended by the next
 * "margo add" of the same files. */
static int check_files(struct store *st, struct buf *b)
{
	static const char *const sql[] = {
		"SELECT count(*), min(path) FROM file WHERE hash != ''"
		" AND NOT EXISTS (SELECT 1 FROM article a WHERE a.file = file.id)",
		"SELECT count(*), min(path) FROM file WHERE hash = ''",
	};
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *s;
		if (store_prepare(st, sql[i], &s) < 0)
			return -1;
		int rc = sqlite3_step(s);
		int64_t n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		if (n > 0)
			buf_printf(b, i == 0 ? ngettext("%lld file recorded as loaded but none of their articles is in the library "
			                                "(first: %s); \"margo add\" of the same files loads it\n",
			                                "%lld files recorded as loaded but none of their articles is in the library "
			                                "(first: %s); \"margo add\" of the same files loads them\n", n)
			                     : ngettext("%lld file began loading but did not finish (the load was stopped) "
			                                "(first: %s); \"margo add\" of the same files loads it\n",
			                                "%lld files began loading but did not finish (the load was stopped) "
			                                "(first: %s); \"margo add\" of the same files loads them\n", n),
			           (long long)n, sqlite3_column_text(s, 1));
		sqlite3_finalize(s);
		if (rc != SQLITE_ROW)
			return -1;
	}
	return 0;
}

int store_check_loads(struct store *st, char **report)
{
	struct buf b = { 0 };
	*report = NULL;
	int rc = check_files(st, &b);
	if (rc < 0 || !b.len) {
		buf_free(&b);
		return rc < 0 ? -1 : 1;
	}
	*report = buf_steal(&b);
	return *report ? 0 : -1;
}

int store_check(struct store *st, char **report)
{
	sqlite3_stmt *s;
	struct buf b = { 0 };
	*report = NULL;
	if (store_prepare(st, "PRAGMA integrity_check", &s) < 0)
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(s, 0);
		if (line && strcmp(line, "ok") != 0)
			buf_printf(&b, "%s\n", line);
	}
	sqlite3_finalize(s);
	if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) {
		/* So damaged that the check itself stops: that is its answer. */
		buf_printf(&b, "%s\n", sqlite3_errstr(rc));
		*report = buf_steal(&b);
		return *report ? 0 : -1;
	}
	if (rc != SQLITE_DONE || check_schema(st, &b) < 0 ||
	    store_prepare(st, "PRAGMA foreign_key_check", &s) < 0) {
		buf_free(&b);
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		buf_printf(&b, _("row %lld of %s refers to a missing row of %s\n"),
		           (long long)sqlite3_column_int64(s, 1), sqlite3_column_text(s, 0),
		           sqlite3_column_text(s, 2));
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		buf_free(&b);
		return -1;
	}
	if (!b.len)
		return 1;
	*report = buf_steal(&b);
	return *report ? 0 : -1;
}
