/*
 * store_reading.c: the reader's state of each article (table reading):
 * read or not, the reading position, when it was last left.
 *
 * The reader writes here as it goes from article to article, so a write
 * waits a fifth of a second at most for another process's lock (not the
 * connection's usual wait): a busy library costs a message, never a
 * stalled screen.  Each write is one statement, its own transaction.
 */
#include <config.h>

#include <string.h>

#include "margo/store_reading.h"
#include "store_impl.h"

#define READING_WAIT_MS 200

#define NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

/* Run one write statement with the short wait; 0 or -1. */
static int write_short(struct store *st, sqlite3_stmt *s)
{
	sqlite3 *db = store_db(st);
	int64_t wait = 0;
	if (store_query_int(st, "PRAGMA busy_timeout", &wait) < 0)
		wait = 0;
	sqlite3_busy_timeout(db, READING_WAIT_MS);
	int rc = sqlite3_step(s);
	sqlite3_busy_timeout(db, (int)wait);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_reading_get(struct store *st, int64_t article, struct store_reading *r)
{
	memset(r, 0, sizeof *r);
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT read IS NOT NULL, pos FROM reading WHERE article = ?1", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		r->read = sqlite3_column_int(s, 0) != 0;
		r->pos = sqlite3_column_int64(s, 1);
		if (r->pos < 0)
			r->pos = 0;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_reading_leave(struct store *st, int64_t article, int64_t pos, bool read)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "INSERT INTO reading(article, read, pos, seen)"
	                  " VALUES (?1, CASE WHEN ?3 THEN " NOW " END, ?2, " NOW ")"
	                  " ON CONFLICT(article) DO UPDATE SET pos = excluded.pos,"
	                  " seen = excluded.seen, read = coalesce(read, excluded.read)", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	sqlite3_bind_int64(s, 2, pos < 0 ? 0 : pos);
	sqlite3_bind_int(s, 3, read);
	int rc = write_short(st, s);
	sqlite3_finalize(s);
	return rc;
}

int store_reading_mark(struct store *st, int64_t article, bool read)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "INSERT INTO reading(article, read) VALUES (?1, CASE WHEN ?2 THEN "
	                  NOW " END) ON CONFLICT(article) DO UPDATE SET read ="
	                  " CASE WHEN ?2 THEN coalesce(read, excluded.read) END", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	sqlite3_bind_int(s, 2, read);
	int rc = write_short(st, s);
	sqlite3_finalize(s);
	return rc;
}

int store_reading_last(struct store *st, int64_t *article)
{
	*article = 0;
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT r.article FROM reading r JOIN article a ON a.id = r.article"
	                  " WHERE r.seen IS NOT NULL ORDER BY r.seen DESC, r.rowid DESC LIMIT 1",
	                  &s) < 0)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*article = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_reading_unread(struct store *st, int64_t *n)
{
	return store_query_int(st, "SELECT (SELECT n FROM counter WHERE name = 'articles')"
	                       " - (SELECT count(*) FROM reading WHERE read IS NOT NULL)", n);
}
