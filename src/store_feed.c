/*
 * store_feed.c: the subscriptions to feeds (see store_feed.h).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "margo/store_feed.h"
#include "margo/util.h"

static int run(struct store *st, const char *sql, const char *const *args, size_t n,
               int *changes)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	for (size_t i = 0; i < n; i++)
		sqlite3_bind_text(s, (int)i + 1, args[i], -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return -1;
	if (changes)
		*changes = sqlite3_changes(store_db(st));
	return 0;
}

int store_feed_add(struct store *st, const char *url)
{
	int changes = 0;
	const char *args[] = { url };
	if (run(st, "INSERT OR IGNORE INTO feed(url) VALUES (?1)", args, 1, &changes) < 0)
		return -1;
	return changes > 0;
}

int store_feed_fetched(struct store *st, const char *url, const char *title, const char *etag,
                       const char *last_modified, const char *error)
{
	char now[21];
	util_now_rfc3339(now);
	const char *args[] = { url, title, etag, last_modified, now, error };
	return run(st, "UPDATE feed SET title = coalesce(?2, title), etag = coalesce(?3, etag),"
	               " last_modified = coalesce(?4, last_modified), last_fetch = ?5,"
	               " last_error = ?6 WHERE url = ?1", args, 6, NULL);
}

int store_feed_set_pages(struct store *st, const char *url, bool pages)
{
	const char *args[] = { url, pages ? "1" : "0" };
	return run(st, "UPDATE feed SET pages = ?2 WHERE url = ?1", args, 2, NULL);
}

int store_feed_page_kept(struct store *st, const char *key, const char *summary)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(store_db(st),
	        "SELECT 1 FROM feed_page p JOIN article a ON a.key = p.key"
	        " WHERE p.key = ?1 AND p.summary = ?2 AND a.source_hash = p.page",
	        -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, summary, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_feed_page_put(struct store *st, const char *key, const char *summary,
                        const char *page)
{
	const char *args[] = { key, summary, page };
	return run(st, "INSERT OR REPLACE INTO feed_page(key, summary, page) VALUES (?1, ?2, ?3)",
	           args, 3, NULL);
}

int store_feed_remove(struct store *st, const char *url)
{
	int changes = 0;
	const char *args[] = { url };
	if (run(st, "DELETE FROM feed WHERE url = ?1", args, 1, &changes) < 0)
		return -1;
	return changes > 0;
}

static char *col(sqlite3_stmt *s, int i, bool *oom)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	if (!t)
		return NULL;
	char *c = util_strdup((const char *)t);
	if (!c)
		*oom = true;
	return c;
}

void store_feed_list_free(struct store_feed *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].url), free(f[i].title), free(f[i].etag), free(f[i].last_modified);
		free(f[i].last_fetch), free(f[i].last_error);
	}
	free(f);
}

int store_feed_list(struct store *st, struct store_feed **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(store_db(st),
	        "SELECT url, title, etag, last_modified, last_fetch, last_error,"
	        " (SELECT count(*) FROM article JOIN file ON file.id = article.file"
	        "  WHERE file.path = feed.url)"
	        " , pages FROM feed ORDER BY url", -1, &s, NULL) != SQLITE_OK)
		return -1;
	struct store_feed *v = NULL;
	size_t k = 0, cap = 0;
	bool oom = false;
	int rc = SQLITE_DONE;
	while (!oom && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		void *grown = util_grow(v, &cap, k, sizeof *v);
		if (!grown) {
			oom = true;
			break;
		}
		v = grown;
		struct store_feed *f = &v[k++];
		f->url = col(s, 0, &oom);
		f->title = col(s, 1, &oom);
		f->etag = col(s, 2, &oom);
		f->last_modified = col(s, 3, &oom);
		f->last_fetch = col(s, 4, &oom);
		f->last_error = col(s, 5, &oom);
		f->items = sqlite3_column_int64(s, 6);
		f->pages = sqlite3_column_int(s, 7) != 0;
	}
	sqlite3_finalize(s);
	if (oom || rc != SQLITE_DONE) {
		store_feed_list_free(v, k);
		return -1;
	}
	*out = v;
	*n = k;
	return 0;
}
