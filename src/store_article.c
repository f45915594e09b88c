/*
 * store_article.c: files, articles, their paragraphs and sentences in the
 * library, and the list the reader shows.
 *
 * Writing an article keeps its id across refreshes and keeps the
 * full-text index in step (passages are taken out while the old text is
 * still there, and put back after).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/store.h"
#include "margo/store_annot.h"
#include "margo/util.h"
#include "store_impl.h"

/* ---- files ------------------------------------------------------------ */

int store_file_get(struct store *st, const char *path, struct store_file *f)
{
	sqlite3_stmt *s;
	if (store_cached(st, "SELECT id, size, mtime_ns, hash, done_bytes, done_lines, done_hash,"
	                " EXISTS (SELECT 1 FROM article a WHERE a.file = file.id)"
	                " FROM file WHERE path = ?1", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s), ret = rc == SQLITE_DONE ? 0 : -1;
	if (rc == SQLITE_ROW) {
		f->id = sqlite3_column_int64(s, 0);
		f->size = sqlite3_column_int64(s, 1);
		f->mtime_ns = sqlite3_column_int64(s, 2);
		snprintf(f->hash, sizeof f->hash, "%s", (const char *)sqlite3_column_text(s, 3));
		f->done_bytes = sqlite3_column_int64(s, 4);
		f->done_lines = sqlite3_column_int64(s, 5);
		snprintf(f->done_hash, sizeof f->done_hash, "%s",
		         (const char *)sqlite3_column_text(s, 6));
		f->has_articles = sqlite3_column_int(s, 7) != 0;
		ret = 1;
	}
	sqlite3_reset(s);
	return ret;
}

int store_file_put(struct store *st, const char *path, struct store_file *f)
{
	sqlite3_stmt *s;
	if (store_cached(st, "INSERT INTO file(path, size, mtime_ns, hash, done_bytes, done_lines,"
	                " done_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
	                "ON CONFLICT(path) DO UPDATE SET size = excluded.size, "
	                "mtime_ns = excluded.mtime_ns, hash = excluded.hash, "
	                "done_bytes = excluded.done_bytes, done_lines = excluded.done_lines, "
	                "done_hash = excluded.done_hash RETURNING id", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, f->size);
	sqlite3_bind_int64(s, 3, f->mtime_ns);
	sqlite3_bind_text(s, 4, f->hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, f->done_bytes);
	sqlite3_bind_int64(s, 6, f->done_lines);
	sqlite3_bind_text(s, 7, f->done_hash, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		f->id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

int store_file_progress(struct store *st, int64_t id, int64_t bytes, int64_t lines,
                        const char *hash)
{
	sqlite3_stmt *s;
	if (store_cached(st, "UPDATE file SET done_bytes = ?2, done_lines = ?3, done_hash = ?4"
	                " WHERE id = ?1", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, bytes);
	sqlite3_bind_int64(s, 3, lines);
	sqlite3_bind_text(s, 4, hash, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_file_forget_if_empty(struct store *st, int64_t id)
{
	sqlite3_stmt *s;
	if (store_cached(st, "DELETE FROM file WHERE id = ?1"
	                " AND NOT EXISTS (SELECT 1 FROM article WHERE file = ?1)", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- articles ----------------------------------------------------------- */

static void bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* ---- passages ---------------------------------------------------------- */

int store_article_body(struct store *st, int64_t id, char **body, size_t *len)
{
	sqlite3_stmt *s;
	*body = NULL;
	*len = 0;
	if (store_cached(st, "SELECT body FROM article WHERE id = ?1", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s), found = rc == SQLITE_DONE ? 0 : -1;
	if (rc == SQLITE_ROW) {
		const void *b = sqlite3_column_blob(s, 0);
		*len = (size_t)sqlite3_column_bytes(s, 0);
		*body = util_strndup(b ? b : "", *len);
		found = *body ? 1 : -1;
	}
	sqlite3_reset(s);
	return found;
}

bool store_slice_ok(int64_t start, int64_t end, size_t len)
{
	return start >= 0 && start <= end && (uint64_t)end <= len;
}

/* Each passage of article `id` (its row: id, n, kind, bstart, bend) with
 * its text, cut from the article's `body` (len bytes) by the byte offsets
 * its row keeps, in order: the body is read once, not once a passage (an
 * article of megabytes would cost its size for each of its thousands of
 * passages).  Offsets that are not a span of the body give an empty text.
 * The callback's non-zero return stops the walk and is returned; -1 for a
 * library error.  The statement is cached: callbacks do not walk again. */
typedef int (*passage_slice_fn)(void *ctx, sqlite3_stmt *row, const char *text, size_t len);

static int each_passage_of(struct store *st, int64_t id, const char *body, size_t len,
                           passage_slice_fn fn, void *ctx)
{
	sqlite3_stmt *s;
	if (store_cached(st, "SELECT id, n, kind, bstart, bend FROM paragraph"
	                " WHERE article = ?1 ORDER BY n", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc, ret = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t b = sqlite3_column_int64(s, 3), e = sqlite3_column_int64(s, 4);
		bool in = store_slice_ok(b, e, len);
		if ((ret = fn(ctx, s, in ? body + b : "", in ? (size_t)(e - b) : 0)) != 0)
			break;
	}
	sqlite3_reset(s);
	return ret ? ret : rc == SQLITE_DONE ? 0 : -1;
}

/* One INSERT into the index a passage (see store_index_article). */
static int fts_put(void *ctx, sqlite3_stmt *row, const char *text, size_t len)
{
	sqlite3_stmt *ins = ctx;
	sqlite3_reset(ins);
	sqlite3_bind_int64(ins, 1, sqlite3_column_int64(row, 0));
	sqlite3_bind_text(ins, 2, text, (int)len, SQLITE_STATIC);
	int rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Take the passages of article `id` out of the full-text index.  Must run
 * while the paragraphs still have their old offsets, with the old text
 * (`body`, len bytes): the index is told which tokens to drop by reading
 * them again.  One statement for the article, each passage cut from the
 * body bound once (a blob: cut by bytes, only the passage copied), as
 * each_passage_of cuts it: a statement a passage costs, inside the
 * savepoint of a load, a walk of all that the savepoint has journalled
 * (an article's old pages) when it ends. */
static int unindex_passages(struct store *st, int64_t id, const char *body, size_t len)
{
	if (store_index_forget(st, id))
		return 0;  /* put in this transaction: not in the index yet */
	sqlite3_stmt *del;
	if (store_cached(st, "INSERT INTO passage_fts(passage_fts, rowid, text)"
	                " SELECT 'delete', id, CASE WHEN bstart >= 0 AND bstart <= bend"
	                "  AND bend <= length(?2)"
	                "  THEN CAST(substr(?2, bstart + 1, bend - bstart) AS TEXT) ELSE '' END"
	                " FROM paragraph WHERE article = ?1", &del) < 0)
		return -1;
	sqlite3_bind_int64(del, 1, id);
	sqlite3_bind_blob(del, 2, body, (int)len, SQLITE_STATIC);
	int rc = sqlite3_step(del);
	sqlite3_reset(del);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* One INSERT a passage, not one INSERT ... SELECT for the article: a
 * statement that writes several rows opens a statement savepoint, and
 * FTS5 writes its pending terms to disk at every savepoint (a new index
 * segment an article, and the merging that follows).  The text is the
 * one the passage_text view gives the index later (the same byte
 * offsets), cut from the body read once. */
int store_index_article(struct store *st, int64_t id)
{
	sqlite3_stmt *ins;
	char *body;
	size_t len;
	int found = store_article_body(st, id, &body, &len);
	if (found <= 0)
		return found;
	int ret = -1;
	if (store_cached(st, "INSERT INTO passage_fts(rowid, text) VALUES (?1, ?2)", &ins) == 0)
		ret = each_passage_of(st, id, body, len, fts_put, ins) == 0 ? 0 : -1;
	free(body);
	return ret;
}

/* Replace the paragraphs, sentences and dropped lines of article `id`
 * (`fresh`: just added, nothing to replace). */
static int put_parts(struct store *st, int64_t id, const struct corpus_article *a, bool fresh)
{
	sqlite3_stmt *s = NULL;
	struct buf rows = { 0 };
	int ret = -1;
	const char *wipe[] = {
		"DELETE FROM paragraph WHERE article = ?1",
		"DELETE FROM sentence WHERE article = ?1",
		"DELETE FROM dropped WHERE article = ?1",
	};
	for (size_t i = 0; !fresh && i < sizeof wipe / sizeof *wipe; i++) {
		if (store_cached(st, wipe[i], &s) < 0)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		int rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return -1;
	}
	/* The paragraphs in one statement, the sentences in another (rows
	 * as JSON arrays of integers): a statement a row costs, inside the
	 * savepoint of a load, a walk of all that the savepoint has
	 * journalled when it ends, and refreshing a long article journals
	 * all its old pages. */
	buf_putc(&rows, '[');
	for (size_t i = 0; i < a->n_paras; i++) {
		const struct corpus_para *p = &a->paras[i];
		buf_printf(&rows, "%s[%d,%zu,%zu,%zu,%zu]", i ? "," : "", (int)p->kind,
		           p->span.cp_start, p->span.cp_end, p->span.start, p->span.end);
	}
	buf_putc(&rows, ']');
	if (!rows.data || store_cached(st, "INSERT INTO paragraph(article, n, kind, start, end, bstart, bend)"
	                " SELECT ?1, key + 1, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4"
	                " FROM json_each(?2)", &s) < 0)
		goto out;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, rows.data, (int)rows.len, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		goto out;
	sqlite3_reset(s);
	buf_reset(&rows);
	buf_putc(&rows, '[');
	bool first = true;
	for (size_t i = 0; i < a->n_paras; i++) {
		const struct corpus_para *p = &a->paras[i];
		for (size_t k = 0; k < p->n_sentences; k++) {
			size_t j = p->first_sentence + k;
			const struct corpus_span *sp = &a->sentences[j];
			buf_printf(&rows, "%s[%zu,%zu,%zu,%zu,%zu,%zu]", first ? "" : ",", j, i,
			           sp->cp_start, sp->cp_end, sp->start, sp->end);
			first = false;
		}
	}
	buf_putc(&rows, ']');
	if (!rows.data || store_cached(st, "INSERT INTO sentence(article, n, para, start, end, bstart, bend)"
	                " SELECT ?1, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4,"
	                " value ->> 5 FROM json_each(?2)", &s) < 0)
		goto out;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, rows.data, (int)rows.len, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		goto out;
	sqlite3_reset(s);
	if (store_cached(st, "INSERT INTO dropped(article, n, kind, text) VALUES (?1, ?2, ?3, ?4)", &s) < 0)
		goto out;
	for (size_t i = 0; i < a->n_dropped; i++) {
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sqlite3_bind_text(s, 3, corpus_drop_kind_name(a->dropped[i].kind), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, a->dropped[i].text, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			goto out;
		sqlite3_reset(s);
	}
	ret = 0;
out:
	sqlite3_reset(s);
	buf_free(&rows);
	return ret;
}

int store_article_unchanged(struct store *st, const char *key, const char *source_hash)
{
	sqlite3_stmt *s;
	if (store_cached(st, "SELECT 1 FROM article WHERE key = ?1 AND source_hash = ?2", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, source_hash, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_article_rekey(struct store *st, int64_t id, const char *key)
{
	sqlite3_stmt *s;
	if (store_cached(st, "UPDATE OR IGNORE article SET key = ?2 WHERE id = ?1", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_line_keyed(struct store *st, const char *path,
                     int (*fn)(void *ctx, int64_t id, const char *source_hash), void *ctx)
{
	/* Keys "path#0..." to "path#9...": ':' follows '9', and the keys of
	 * today ("path#id:", "path#text:") sort after it, so a file whose
	 * articles were all taken over costs no scan. */
	char *lo = util_printf("%s#0", path), *hi = util_printf("%s#:", path);
	sqlite3_stmt *s = NULL;
	int ret = -1;
	size_t plen = strlen(path) + 1;
	if (!lo || !hi ||
	    store_prepare(st, "SELECT id, key, source_hash FROM article"
	                  " WHERE key >= ?1 AND key < ?2", &s) < 0)
		goto out;
	sqlite3_bind_text(s, 1, lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, hi, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(s, 1);
		const char *hash = (const char *)sqlite3_column_text(s, 2);
		size_t klen = (size_t)sqlite3_column_bytes(s, 1);
		if (key && hash && klen > plen && strspn(key + plen, "0123456789") == klen - plen &&
		    fn(ctx, sqlite3_column_int64(s, 0), hash) < 0)
			goto out;
	}
	ret = rc == SQLITE_DONE ? 0 : -1;
out:
	sqlite3_finalize(s);
	free(lo);
	free(hi);
	return ret;
}

int store_article_put(struct store *st, const struct store_article_in *in,
                      int64_t *id, enum store_put_result *result)
{
	sqlite3_stmt *s;
	int64_t old = 0;
	if (store_cached(st, "SELECT id, source_hash = ?2 FROM article WHERE key = ?1", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, in->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, in->source_hash, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	bool same = false;
	if (rc == SQLITE_ROW) {
		old = sqlite3_column_int64(s, 0);
		same = sqlite3_column_int(s, 1) != 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	if (same) {
		*id = old;
		*result = STORE_PUT_SAME;
		return 0;
	}

	const struct corpus_article *a = in->parsed;
	char text_hash[17], now[21];
	util_hash_hex(a->body, a->body_len, text_hash);
	util_now_rfc3339(now);
	const char *sql = old
		? "UPDATE article SET file = ?2, source_hash = ?3, title = ?4, title_guessed = ?5,"
		  " subtitle = ?6, author = ?7, date = ?8, url = ?9, origin = ?10, body = ?11,"
		  " body_chars = ?12, text_hash = ?13, updated = ?14 WHERE id = ?15 RETURNING id"
		: "INSERT INTO article(key, file, source_hash, title, title_guessed, subtitle,"
		  " author, date, url, origin, body, body_chars, text_hash, added, updated)"
		  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)"
		  " RETURNING id";
	/* The old text, for the index to forget and annotations to move. */
	char *old_body = NULL, old_hash[17];
	size_t old_len = 0;
	if (old && (store_article_text(st, old, &old_body, &old_len, old_hash) < 0 ||
	            unindex_passages(st, old, old_body, old_len) < 0)) {
		free(old_body);
		return -1;
	}
	if (store_cached(st, sql, &s) < 0) {
		free(old_body);
		return -1;
	}
	if (!old)
		sqlite3_bind_text(s, 1, in->key, -1, SQLITE_STATIC);
	if (in->file_id)
		sqlite3_bind_int64(s, 2, in->file_id);
	else
		sqlite3_bind_null(s, 2);
	sqlite3_bind_text(s, 3, in->source_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, a->title, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, a->title_guessed);
	bind_text_or_null(s, 6, a->subtitle);
	bind_text_or_null(s, 7, a->author);
	bind_text_or_null(s, 8, a->date);
	bind_text_or_null(s, 9, in->url);
	bind_text_or_null(s, 10, in->origin);
	sqlite3_bind_text(s, 11, a->body, (int)a->body_len, SQLITE_STATIC);
	size_t chars = a->n_paras ? a->paras[a->n_paras - 1].span.cp_end : 0;
	sqlite3_bind_int64(s, 12, (int64_t)chars);
	sqlite3_bind_text(s, 13, text_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 14, now, -1, SQLITE_STATIC);
	if (old)
		sqlite3_bind_int64(s, 15, old);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	int ret = -1;
	struct store_annot_counts counts = { 0 };
	if (rc != SQLITE_ROW || put_parts(st, *id, a, !old) < 0 || store_index_later(st, *id) < 0)
		goto out;
	if (old_body && strcmp(old_hash, text_hash) != 0 &&
	    store_annot_reanchor(st, *id, old_body, old_len, a->body, a->body_len, text_hash,
	                         &counts) < 0)
		goto out;
	if (in->anchors) {
		in->anchors->exact += counts.exact;
		in->anchors->moved += counts.moved;
		in->anchors->fuzzy += counts.fuzzy;
		in->anchors->orphan += counts.orphan;
	}
	*result = old ? STORE_PUT_UPDATED : STORE_PUT_ADDED;
	ret = 0;
out:
	free(old_body);
	return ret;
}

int store_article_count(struct store *st, int64_t *n)
{
	return store_query_int(st, "SELECT n FROM counter WHERE name = 'articles'", n);
}

/*
 * Ids without holes (the usual case: articles are only ever added) make a
 * list position an id: min(id) + position, found in O(log n).  Otherwise
 * fall back to counting.  Returns the first id, or -1 when there are holes.
 */
static int64_t dense_base(struct store *st)
{
	sqlite3_stmt *s;
	int64_t base = -1, count = 0;
	if (store_article_count(st, &count) < 0 ||
	    /* Two subqueries: SQLite reads min() or max() alone from the end
	     * of the index, but both in one SELECT by scanning the table. */
	    store_prepare(st, "SELECT (SELECT min(id) FROM article), (SELECT max(id) FROM article)",
	                  &s) < 0)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL &&
	    sqlite3_column_int64(s, 1) - sqlite3_column_int64(s, 0) + 1 == count)
		base = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return base;
}

/* A row's read mark (see store_reading.c). */
#define ROW_READ "EXISTS (SELECT 1 FROM reading r WHERE r.article = article.id" \
	" AND r.read IS NOT NULL)"

int store_rows(struct store *st, int64_t offset, int limit,
               struct store_row **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	if (limit <= 0 || offset < 0)
		return 0;
	int64_t base = dense_base(st);
	sqlite3_stmt *s;
	if (store_prepare(st, base >= 0
	        ? "SELECT id, title, date, origin, " ROW_READ " FROM article WHERE id >= ?3"
	          " ORDER BY id LIMIT ?1"
	        : "SELECT id, title, date, origin, " ROW_READ " FROM article"
	          " ORDER BY id LIMIT ?1 OFFSET ?2",
	        &s) < 0)
		return -1;
	sqlite3_bind_int(s, 1, limit);
	sqlite3_bind_int64(s, 2, offset);
	sqlite3_bind_int64(s, 3, base + offset);
	struct store_row *r = calloc((size_t)limit, sizeof *r);
	if (!r) {
		sqlite3_finalize(s);
		return -1;
	}
	size_t k = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && k < (size_t)limit) {
		r[k].id = sqlite3_column_int64(s, 0);
		r[k].title = store_column_dup(s, 1);
		r[k].date = store_column_dup(s, 2);
		r[k].origin = store_column_dup(s, 3);
		r[k].read = sqlite3_column_int(s, 4) != 0;
		k++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_rows_free(r, k);
		return -1;
	}
	*rows = r;
	*n = k;
	return 0;
}

void store_rows_free(struct store_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].title);
		free(rows[i].date);
		free(rows[i].origin);
	}
	free(rows);
}

int64_t store_article_index(struct store *st, int64_t id)
{
	int64_t base = dense_base(st);
	sqlite3_stmt *s;
	if (store_prepare(st, base >= 0
	        ? "SELECT ?1 - ?2 FROM article WHERE id = ?1"
	        : "SELECT (SELECT count(*) FROM article WHERE id < ?1) FROM article WHERE id = ?1",
	        &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, base);
	int64_t idx = -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		idx = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return idx;
}

void store_article_free(struct store_article *a)
{
	free(a->key);
	free(a->title);
	free(a->subtitle);
	free(a->author);
	free(a->date);
	free(a->url);
	free(a->origin);
	free(a->added);
	free(a->body);
	free(a->paras);
	free(a->sentences);
	memset(a, 0, sizeof *a);
}

static int load_paras(struct store *st, struct store_article *a)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT id, n, kind, start, end, bstart, bend FROM paragraph "
	                "WHERE article = ?1 ORDER BY n", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, a->id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		void *grown = util_grow(a->paras, &cap, a->n_paras, sizeof *a->paras);
		if (!grown)
			break;
		a->paras = grown;
		struct store_para *p = &a->paras[a->n_paras++];
		p->id = sqlite3_column_int64(s, 0);
		p->n = sqlite3_column_int(s, 1);
		p->kind = (enum corpus_para_kind)sqlite3_column_int(s, 2);
		p->cp_start = (size_t)sqlite3_column_int64(s, 3);
		p->cp_end = (size_t)sqlite3_column_int64(s, 4);
		p->start = (size_t)sqlite3_column_int64(s, 5);
		p->end = (size_t)sqlite3_column_int64(s, 6);
		if (p->end > a->body_len || p->start > p->end)
			p->start = p->end = 0;  /* never trust offsets for slicing */
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int load_sentences(struct store *st, struct store_article *a)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT para, start, end, bstart, bend FROM sentence "
	                "WHERE article = ?1 ORDER BY n", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, a->id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		void *grown = util_grow(a->sentences, &cap, a->n_sentences, sizeof *a->sentences);
		if (!grown)
			break;
		a->sentences = grown;
		struct store_sentence *p = &a->sentences[a->n_sentences++];
		p->para = sqlite3_column_int(s, 0);
		p->cp_start = (size_t)sqlite3_column_int64(s, 1);
		p->cp_end = (size_t)sqlite3_column_int64(s, 2);
		p->start = (size_t)sqlite3_column_int64(s, 3);
		p->end = (size_t)sqlite3_column_int64(s, 4);
		if (p->end > a->body_len || p->start > p->end || p->para < 0 ||
		    (size_t)p->para >= a->n_paras) {
			p->start = p->end = 0;
			p->para = 0;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_article_get(struct store *st, int64_t id, struct store_article *a)
{
	memset(a, 0, sizeof *a);
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT id, key, title, title_guessed, subtitle, author, date, url,"
	                " origin, added, body FROM article WHERE id = ?1", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(s);
		return rc == SQLITE_DONE ? 0 : -1;
	}
	a->id = sqlite3_column_int64(s, 0);
	a->key = store_column_dup(s, 1);
	a->title = store_column_dup(s, 2);
	a->title_guessed = sqlite3_column_int(s, 3) != 0;
	a->subtitle = store_column_dup(s, 4);
	a->author = store_column_dup(s, 5);
	a->date = store_column_dup(s, 6);
	a->url = store_column_dup(s, 7);
	a->origin = store_column_dup(s, 8);
	a->added = store_column_dup(s, 9);
	const void *body = sqlite3_column_blob(s, 10);
	a->body_len = (size_t)sqlite3_column_bytes(s, 10);
	a->body = util_strndup(body ? body : "", a->body_len);
	sqlite3_finalize(s);
	if (!a->body || !a->title || load_paras(st, a) < 0 || load_sentences(st, a) < 0) {
		store_article_free(a);
		return -1;
	}
	return 1;
}

/* The body of each article is read once for all its passages (the
 * passages come in article order). */
int store_passages(struct store *st, int64_t article, store_passage_fn fn,
                   void *ctx)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT id, article, n, kind, bstart, bend FROM paragraph"
	                " WHERE ?1 = 0 OR article = ?1 ORDER BY article, n", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	char *body = NULL;
	size_t len = 0;
	int64_t current = 0;
	int rc, ret = 0, found = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t a = sqlite3_column_int64(s, 1);
		if (!body || a != current) {
			free(body);
			current = a;
			if ((found = store_article_body(st, a, &body, &len)) < 0) {
				ret = -1;
				break;
			}
		}
		if (!found)
			continue;  /* a passage of no article: not shown */
		int64_t b = sqlite3_column_int64(s, 4), e = sqlite3_column_int64(s, 5);
		bool in = store_slice_ok(b, e, len);
		ret = fn(ctx, sqlite3_column_int64(s, 0), a, sqlite3_column_int(s, 2),
		         (enum corpus_para_kind)sqlite3_column_int(s, 3),
		         in ? body + b : "", in ? (size_t)(e - b) : 0);
		if (ret)
			break;
	}
	sqlite3_finalize(s);
	free(body);
	if (ret)
		return ret;
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_dropped(struct store *st, int64_t article, store_dropped_fn fn, void *ctx)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT kind, text FROM dropped WHERE article = ?1 ORDER BY n", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	int rc, ret = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ret = fn(ctx, (const char *)sqlite3_column_text(s, 0),
		         (const char *)sqlite3_column_text(s, 1));
		if (ret)
			break;
	}
	sqlite3_finalize(s);
	if (ret)
		return ret;
	return rc == SQLITE_DONE ? 0 : -1;
}
