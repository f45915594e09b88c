/*
 * test_store.c: the library file and ingest, against SQLite files in a
 * temporary folder: creation modes, refusing foreign, newer, damaged and
 * symlinked files without touching them, article round trips with stable
 * ids, and ingest of good and bad inputs (each bad one reported once, the
 * rest loaded, unchanged files skipped on refresh).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "margo/ingest.h"
#include "margo/store.h"
#include "margo/store_annot.h"
#include "margo/util.h"

static char tmp_root[] = "/tmp/margo-store-XXXXXX";

static char *tmp_path(const char *name)
{
	return util_printf("%s/%s", tmp_root, name);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_steal(&b);
}

/* Open must fail, mention `word`, and leave the file's bytes as they were. */
static void expect_refused(const char *path, const char *word)
{
	size_t before_len, after_len;
	char *before = read_file(path, &before_len);
	struct store *st = NULL;
	char *err = NULL;
	assert_int_equal(store_open(path, STORE_OPEN_WRITE, &st, &err), -1);
	assert_null(st);
	assert_non_null(err);
	if (!strstr(err, word))
		fail_msg("message \"%s\" does not say \"%s\"", err, word);
	assert_non_null(strstr(err, "untouched"));
	char *after = read_file(path, &after_len);
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, before_len);
	free(err);
	free(before);
	free(after);
}

static void test_new_library_is_private(void **state)
{
	(void)state;
	char *path = tmp_path("new/deeper/library.db");
	struct store *st;
	char *err = NULL;
	assert_int_equal(store_open(path, STORE_OPEN_WRITE, &st, &err), 0);
	int64_t n = -1;
	assert_int_equal(store_article_count(st, &n), 0);
	assert_int_equal(n, 0);
	store_close(&st);
	assert_null(st);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	char *dir = tmp_path("new/deeper");
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	/* Opening again finds margo's own file. */
	assert_int_equal(store_open(path, STORE_OPEN_WRITE, &st, &err), 0);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(store_db(st), "PRAGMA application_id", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), STORE_APPLICATION_ID);
	sqlite3_finalize(s);
	assert_int_equal(sqlite3_prepare_v2(store_db(st), "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	store_close(&st);
	free(dir);
	free(path);
}

static void test_missing_library_for_reading(void **state)
{
	(void)state;
	char *path = tmp_path("absent.db");
	struct store *st;
	char *err = NULL;
	assert_int_equal(store_open(path, STORE_OPEN_READ, &st, &err), -1);
	assert_non_null(strstr(err, "margo add"));
	assert_int_equal(access(path, F_OK), -1);  /* nothing created */
	free(err);
	free(path);
}

static void test_refuses_text_file(void **state)
{
	(void)state;
	char *path = tmp_path("notes.db");
	const char text[] = "these are my notes, not a database\n";
	write_file(path, text, sizeof text - 1);
	expect_refused(path, "not a margo library");
	free(path);
}

static void make_sqlite(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void test_refuses_foreign_database(void **state)
{
	(void)state;
	char *path = tmp_path("foreign.db");
	make_sqlite(path, "CREATE TABLE accounts(id, balance); INSERT INTO accounts VALUES (1, 100);");
	expect_refused(path, "not a margo library");
	free(path);
}

static void test_refuses_newer_library(void **state)
{
	(void)state;
	char *path = tmp_path("newer.db");
	char sql[160];
	snprintf(sql, sizeof sql, "CREATE TABLE t(x); PRAGMA application_id=%d; PRAGMA user_version=%d;",
	         STORE_APPLICATION_ID, STORE_SCHEMA_VERSION + 7);
	make_sqlite(path, sql);
	expect_refused(path, "newer margo");
	free(path);
}

/* The shared helpers every store function leans on. */
static void test_util_grow_and_empty_buffer(void **state)
{
	(void)state;
	int *v = NULL;
	size_t cap = 0, n;
	for (n = 0; n < 1000; n++) {
		int *g = util_grow(v, &cap, n, sizeof *v);
		assert_non_null(g);
		v = g;
		v[n] = (int)n;
		assert_true(cap > n);
	}
	for (n = 0; n < 1000; n++)
		assert_int_equal(v[n], (int)n);
	size_t before = cap;
	assert_null(util_grow(v, &cap, cap, SIZE_MAX / 2));  /* too big: refused, kept */
	assert_int_equal(cap, before);
	assert_int_equal(v[999], 999);
	free(v);
	struct buf b = { 0 };
	char *s = buf_steal(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

/* One integer from a query, -1 on error. */
static int64_t one_int(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v = -1;
	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The full-text index agrees with the passages' text as the library
 * gives it (FTS5's check, against the external content too). */
static void expect_index_agrees(struct store *st)
{
	assert_int_equal(sqlite3_exec(store_db(st), "INSERT INTO passage_fts(passage_fts, rank)"
	                              " VALUES ('integrity-check', 1)", NULL, NULL, NULL), SQLITE_OK);
}

/* A hand-built parse: two paragraphs, three sentences. */
static void sample_article(struct corpus_article *a, const char *body)
{
	static struct corpus_para paras[2];
	static struct corpus_span sents[3];
	memset(a, 0, sizeof *a);
	a->title = "Titolo";
	a->author = "Maria Rossi";
	a->date = "2024-06";
	a->body = (char *)body;
	a->body_len = strlen(body);
	/* "Città di là. Poi qui.\n\nSecondo." */
	sents[0] = (struct corpus_span){ 0, 14, 0, 12 };
	sents[1] = (struct corpus_span){ 15, 23, 13, 21 };
	sents[2] = (struct corpus_span){ 25, 33, 23, 31 };
	paras[0] = (struct corpus_para){ { 0, 23, 0, 21 }, CORPUS_PARA_BODY, 0, 2 };
	paras[1] = (struct corpus_para){ { 25, 33, 23, 31 }, CORPUS_PARA_BODY, 2, 1 };
	a->paras = paras;
	a->n_paras = 2;
	a->sentences = sents;
	a->n_sentences = 3;
}

/* A library of the previous schema is brought up to date on opening, and
 * what it held is kept. */
static void test_migrates_previous_schema(void **state)
{
	(void)state;
	char *path = tmp_path("v4.db");
	struct store *st;
	char *err = NULL;
	assert_int_equal(store_open(path, STORE_OPEN_WRITE, &st, &err), 0);
	struct corpus_article a;
	/* the layout of sample_article's text, a verb in the future in it */
	sample_article(&a, "Fornir\xc3\xa0, l\xc3\xa0. Poi qui.\n\nSecondo.");
	struct store_article_in in = { .key = "/x/a.txt", .source_hash = "h1", .origin = "a.txt",
	                               .parsed = &a };
	int64_t id;
	enum store_put_result res;
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_article_put(st, &in, &id, &res), 0);
	assert_int_equal(store_commit(st), 0);
	/* What a version 4 library had: no index of link targets (nor of
	 * the list's orders), no table of the reader's state, an index
	 * of mentions by paragraph, and a full-text index of older stems
	 * (here none at all: made again, it has today's). */
	/* (the column on a connection of its own: the journal's triggers of
	 * the store's connection name it) */
	store_close(&st);
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "ALTER TABLE annotation DROP COLUMN anchor;"
	                              " ALTER TABLE annotation DROP COLUMN coder;"
	                              " ALTER TABLE annotation_link DROP COLUMN coder;",
	                              NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(store_open(path, STORE_OPEN_WRITE, &st, &err), 0);
	assert_int_equal(sqlite3_exec(store_db(st), "ALTER TABLE file DROP COLUMN done_hash;"
	                              " ALTER TABLE file DROP COLUMN done_lines;"
	                              " ALTER TABLE file DROP COLUMN done_bytes;"
	                              " DROP INDEX annotation_link_target;"
	                              " DROP INDEX article_date; DROP INDEX article_title;"
	                              " DROP INDEX article_origin;"
	                              " DROP TABLE reading;"
	                              " CREATE INDEX mention_para ON mention(article, para);"
	                              " INSERT INTO tag(name) VALUES ('kept');"
	                              " INSERT INTO passage_fts(passage_fts) VALUES ('delete-all');"
	                              /* mentions pointing only at forms, and
	                               * a correction of the user's */
	                              " DROP INDEX mention_entity;"
	                              " ALTER TABLE mention DROP COLUMN entity;"
	                              " ALTER TABLE entity DROP COLUMN fits;"
	                              " INSERT INTO form(id, type, norm) VALUES"
	                              "  (1, 0, 'Mario Rossi'), (2, 0, 'Rossi');"
	                              " INSERT INTO mention(article, n, form, start, end, bstart,"
	                              "  bend, para) VALUES (1, 0, 1, 0, 5, 0, 5, 0),"
	                              "  (1, 1, 2, 6, 8, 6, 8, 0), (1, 2, 2, 10, 12, 10, 12, 0);"
	                              " INSERT INTO correction(kind, type, form, target, created)"
	                              "  VALUES ('rename', 0, 'Mario Rossi', 'Mario Rossi (sindaco)',"
	                              "  '2026-01-01T00:00:00Z');"
	                              " DROP TABLE feed; DROP TABLE feed_page;"
                              " DROP TABLE journal_op; DROP TABLE journal;"
	                              " PRAGMA user_version=4;", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(one_int(st, "SELECT count(*) FROM passage_fts WHERE passage_fts"
	                             " MATCH 'fornito'"), 0);
	store_close(&st);
	assert_int_equal(store_open(path, STORE_OPEN_WRITE, &st, &err), 0);
	assert_int_equal(one_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(one_int(st, "SELECT count(*) FROM pragma_table_info('annotation')"
	                             " WHERE name = 'anchor'"), 1);
	assert_int_equal(one_int(st, "SELECT count(*) FROM pragma_table_info('entity')"
	                             " WHERE name = 'fits'"), 1);
	assert_int_equal(one_int(st, "SELECT (SELECT count(*) FROM pragma_table_info('annotation')"
	                             " WHERE name = 'coder') + (SELECT count(*) FROM"
	                             " pragma_table_info('annotation_link') WHERE name = 'coder') +"
	                             " (SELECT count(*) FROM pragma_table_info('journal')"
	                             " WHERE name = 'coder')"), 3);
	assert_int_equal(one_int(st, "SELECT count(*) FROM sqlite_schema WHERE"
	                             " name = 'reading'"), 1);
	assert_int_equal(one_int(st, "SELECT count(*) FROM pragma_table_info('feed')"
	                             " WHERE name IN ('url', 'etag', 'last_modified', 'last_error',"
	                             " 'pages')"), 5);
	assert_int_equal(one_int(st, "SELECT count(*) FROM pragma_table_info('feed_page')"
	                             " WHERE name IN ('key', 'summary', 'page')"), 3);
	assert_int_equal(one_int(st, "SELECT count(*) FROM sqlite_schema WHERE"
	                             " name = 'annotation_link_target'"), 1);
	assert_int_equal(one_int(st, "SELECT count(*) FROM sqlite_schema WHERE"
	                             " name = 'mention_para'"), 0);
	assert_int_equal(one_int(st, "SELECT count(*) FROM sqlite_schema WHERE"
	                             " name IN ('article_date', 'article_title', 'article_origin')"), 3);
	assert_int_equal(one_int(st, "SELECT count(*) FROM tag WHERE name = 'kept'"), 1);
	/* Each mention has its entity, decided in its article; the user's
	 * correction is kept and applied: the bare surname is the renamed
	 * person's. */
	assert_int_equal(one_int(st, "SELECT count(*) FROM correction"), 1);
	assert_int_equal(one_int(st, "SELECT count(*) FROM mention m JOIN entity e ON e.id = m.entity"
	                             " WHERE e.name = 'Mario Rossi (sindaco)'"), 3);
	assert_int_equal(one_int(st, "SELECT mentions FROM entity WHERE name = 'Mario Rossi (sindaco)'"), 3);
	assert_int_equal(one_int(st, "SELECT count(*) FROM passage_fts WHERE passage_fts"
	                             " MATCH 'fornito'"), 1);
	/* The index reads passages cut by bytes, and agrees with them. */
	assert_int_equal(one_int(st, "SELECT instr(sql, 'p.bstart + 1') > 0 FROM sqlite_schema"
	                             " WHERE name = 'passage_text'"), 1);
	expect_index_agrees(st);
	char *report = NULL;
	assert_int_equal(store_check(st, &report), 1);
	store_close(&st);
	free(path);
}

static int count_coder(void *ctx, const struct store_annot_row *r)
{
	int *n = ctx;
	n[r->coder ? 1 : 0]++;
	if (r->coder)
		assert_string_equal(r->coder, "ana");
	/* Its W3C creator: a Person, or the author's bare name from before. */
	assert_non_null(strstr(r->json, r->coder ? "\"creator\":{\"type\":\"Person\",\"name\":\"ana\"}"
	                                          : "\"creator\":\"old\""));
	return 0;
}

/* A library of the schema before coders (the one before this margo's)
 * opened by this margo: its annotations, links and journal entries keep
 * what they had and have no coder (NULL, never guessed); what is made
 * from then on has one. */
static void test_migrates_library_without_coders(void **state)
{
	(void)state;
	char *path = tmp_path("nocoders.db");
	struct store *st;
	char *err = NULL, *id = NULL, *id2 = NULL;
	assert_int_equal(store_open(path, STORE_OPEN_WRITE, &st, &err), 0);
	struct corpus_article a;
	sample_article(&a, "Fornir\xc3\xa0, l\xc3\xa0. Poi qui.\n\nSecondo.");
	struct store_article_in in = { .key = "/x/a.txt", .source_hash = "h1", .origin = "a.txt",
	                               .parsed = &a };
	int64_t art;
	enum store_put_result res;
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_article_put(st, &in, &art, &res), 0);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(store_annot_create(st, art, 0, 7, "vecchio", "nota", "old", &id, &err), 0);
	assert_int_equal(store_annot_create(st, art, 9, 11, NULL, NULL, "old", &id2, &err), 0);
	assert_int_equal(store_annot_link(st, id, id2, "same claim", &err), 0);
	store_close(&st);
	/* Back to the schema before, on a connection of its own. */
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "ALTER TABLE annotation DROP COLUMN coder;"
	                              " ALTER TABLE annotation_link DROP COLUMN coder;"
	                              " ALTER TABLE journal DROP COLUMN coder;",
	                              NULL, NULL, NULL), SQLITE_OK);
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", STORE_SCHEMA_VERSION - 1);
	assert_int_equal(sqlite3_exec(raw, pragma, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(store_open(path, STORE_OPEN_WRITE, &st, &err), 0);
	assert_int_equal(one_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(one_int(st, "SELECT count(*) FROM annotation WHERE coder IS NULL"
	                             " AND author = 'old'"), 2);
	assert_int_equal(one_int(st, "SELECT count(*) FROM annotation_link WHERE coder IS NULL"), 1);
	assert_int_equal(one_int(st, "SELECT count(*) FROM journal WHERE coder IS NULL"), 3);
	assert_int_equal(one_int(st, "SELECT count(*) FROM annotation_tag"), 1);
	/* Made now: the coder in force. */
	assert_int_equal(store_set_coder(st, "ana"), 0);
	assert_int_equal(store_set_coder(st, "a\nb"), -2);
	assert_string_equal(store_coder(st), "ana");
	char *id3 = NULL;
	assert_int_equal(store_annot_create(st, art, 13, 16, "nuovo", NULL, "ana", &id3, &err), 0);
	assert_int_equal(one_int(st, "SELECT count(*) FROM journal WHERE coder = 'ana'"), 1);
	assert_int_equal(store_annot_link(st, id3, id, "follow-up", &err), 0);
	assert_int_equal(one_int(st, "SELECT count(*) FROM annotation_link WHERE coder = 'ana'"
	                             " AND kind = 'follow-up'"), 1);
	assert_int_equal(one_int(st, "SELECT count(*) FROM journal WHERE coder = 'ana'"), 2);
	int n[2] = { 0, 0 };
	assert_int_equal(store_annot_each(st, NULL, 0, count_coder, n), 0);
	assert_int_equal(n[0], 2);
	assert_int_equal(n[1], 1);
	char *report = NULL;
	assert_int_equal(store_check(st, &report), 1);
	free(report);
	free(id), free(id2), free(id3);
	store_close(&st);
	free(path);
}

static void test_refuses_damaged_file(void **state)
{
	(void)state;
	/* A real library with its pages overwritten after the header. */
	char *path = tmp_path("damaged.db");
	struct store *st;
	char *err = NULL;
	assert_int_equal(store_open(path, STORE_OPEN_WRITE, &st, &err), 0);
	store_close(&st);
	size_t len;
	char *data = read_file(path, &len);
	assert_true(len > 200);
	memset(data + 100, 0xA5, len - 100);
	write_file(path, data, len);
	free(data);
	char *wal = util_printf("%s-wal", path), *shm = util_printf("%s-shm", path);
	unlink(wal);
	unlink(shm);
	free(wal);
	free(shm);
	expect_refused(path, path);
	free(path);
}

static void test_refuses_symlink(void **state)
{
	(void)state;
	char *real = tmp_path("real.db"), *link = tmp_path("link.db");
	struct store *st;
	char *err = NULL;
	assert_int_equal(store_open(real, STORE_OPEN_WRITE, &st, &err), 0);
	store_close(&st);
	assert_int_equal(symlink(real, link), 0);
	assert_int_equal(store_open(link, STORE_OPEN_WRITE, &st, &err), -1);
	assert_non_null(strstr(err, "symbolic link"));
	free(err);
	free(real);
	free(link);
}

/* ---- articles ----------------------------------------------------------- */

static struct store *open_fresh(const char *name)
{
	char *path = tmp_path(name);
	struct store *st;
	char *err = NULL;
	assert_int_equal(store_open(path, STORE_OPEN_WRITE, &st, &err), 0);
	free(path);
	return st;
}

static int count_passages(void *ctx, int64_t id, int64_t article, int n,
                          enum corpus_para_kind kind, const char *text, size_t len)
{
	(void)id; (void)article; (void)kind;
	struct buf *b = ctx;
	buf_printf(b, "%d:%.*s|", n, (int)len, text);
	return 0;
}

static void test_article_round_trip(void **state)
{
	(void)state;
	struct store *st = open_fresh("articles.db");
	const char *body = "Citt\xc3\xa0 di l\xc3\xa0. Poi qui.\n\nSecondo.";
	struct corpus_article a;
	sample_article(&a, body);
	struct store_article_in in = { .key = "/x/a.txt", .source_hash = "h1", .origin = "a.txt", .parsed = &a };
	int64_t id, id2;
	enum store_put_result res;
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_article_put(st, &in, &id, &res), 0);
	assert_int_equal(res, STORE_PUT_ADDED);
	assert_int_equal(store_commit(st), 0);

	struct store_article got;
	assert_int_equal(store_article_get(st, id, &got), 1);
	assert_string_equal(got.title, "Titolo");
	assert_string_equal(got.author, "Maria Rossi");
	assert_string_equal(got.date, "2024-06");
	assert_null(got.subtitle);
	assert_int_equal(got.body_len, strlen(body));
	assert_int_equal(got.n_paras, 2);
	assert_int_equal(got.n_sentences, 3);
	assert_int_equal(got.sentences[2].para, 1);
	assert_int_equal(got.paras[1].start, 25);
	assert_int_equal(got.paras[1].cp_start, 23);
	store_article_free(&got);

	/* Passages are cut by their byte offsets: accents stay whole. */
	struct buf b = { 0 };
	assert_int_equal(store_passages(st, id, count_passages, &b), 0);
	assert_string_equal(b.data, "1:Citt\xc3\xa0 di l\xc3\xa0. Poi qui.|2:Secondo.|");
	buf_free(&b);

	/* Same source: nothing written.  Changed source: same id. */
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_article_put(st, &in, &id2, &res), 0);
	assert_int_equal(res, STORE_PUT_SAME);
	assert_int_equal(id2, id);
	in.source_hash = "h2";
	a.title = "Titolo nuovo";
	assert_int_equal(store_article_put(st, &in, &id2, &res), 0);
	assert_int_equal(res, STORE_PUT_UPDATED);
	assert_int_equal(id2, id);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(store_article_get(st, id, &got), 1);
	assert_string_equal(got.title, "Titolo nuovo");
	assert_int_equal(got.n_paras, 2);  /* parts replaced, not doubled */
	store_article_free(&got);
	assert_int_equal(store_article_get(st, id + 100, &got), 0);

	int64_t count;
	assert_int_equal(store_article_count(st, &count), 0);
	assert_int_equal(count, 1);
	assert_int_equal(store_article_index(st, id), 0);
	store_close(&st);
}

/* Passages are cut from the body by their byte offsets wherever they
 * are read: listed, put in the index, taken out of it when the text
 * changes (the index then still agrees with the text), and read back by
 * the index (the view); offsets in code points play no part, and byte
 * offsets that are not a span of the body give an empty passage. */
static void test_passages_cut_by_bytes(void **state)
{
	(void)state;
	struct store *st = open_fresh("bytes.db");
	struct corpus_article a;
	sample_article(&a, "Citt\xc3\xa0 di l\xc3\xa0. Poi qui.\n\nSecondo.");
	struct store_article_in in = { .key = "/x/a.txt", .source_hash = "h1", .origin = "a.txt",
	                               .parsed = &a };
	int64_t id;
	enum store_put_result res;
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_article_put(st, &in, &id, &res), 0);
	assert_int_equal(store_commit(st), 0);
	expect_index_agrees(st);
	assert_int_equal(one_int(st, "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'citta'"), 1);

	/* The same layout, other words: the old ones are forgotten. */
	sample_article(&a, "Per\xc3\xb2 l\xc3\xa0 mai. Ora qua.\n\nDavvero.");
	in.source_hash = "h2";
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_article_put(st, &in, &id, &res), 0);
	assert_int_equal(res, STORE_PUT_UPDATED);
	assert_int_equal(store_commit(st), 0);
	expect_index_agrees(st);
	assert_int_equal(one_int(st, "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'citta'"), 0);
	assert_int_equal(one_int(st, "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'davvero'"), 1);

	/* Code points out of step with the bytes: the same text everywhere. */
	assert_int_equal(sqlite3_exec(store_db(st), "UPDATE paragraph SET start = start + 5,"
	                              " end = end + 2", NULL, NULL, NULL), SQLITE_OK);
	struct buf b = { 0 };
	assert_int_equal(store_passages(st, id, count_passages, &b), 0);
	assert_string_equal(b.data, "1:Per\xc3\xb2 l\xc3\xa0 mai. Ora qua.|2:Davvero.|");
	buf_free(&b);
	assert_int_equal(one_int(st, "SELECT text = 'Davvero.' FROM passage_text WHERE n = 2"), 1);
	expect_index_agrees(st);

	/* Bytes beyond the body: an empty passage, nothing read past it. */
	assert_int_equal(sqlite3_exec(store_db(st), "UPDATE paragraph SET bstart = 30, bend = 100000"
	                              " WHERE n = 2", NULL, NULL, NULL), SQLITE_OK);
	memset(&b, 0, sizeof b);
	assert_int_equal(store_passages(st, id, count_passages, &b), 0);
	assert_string_equal(b.data, "1:Per\xc3\xb2 l\xc3\xa0 mai. Ora qua.|2:|");
	buf_free(&b);
	store_close(&st);
}

/* ---- ingest ------------------------------------------------------------- */

struct messages {
	struct buf all;
	int count;
};

static void collect(void *ctx, const char *path, const char *message)
{
	struct messages *m = ctx;
	const char *base = path ? strrchr(path, '/') : NULL;
	buf_printf(&m->all, "%s: %s\n", base ? base + 1 : path ? path : "-", message);
	m->count++;
}

static struct corpus_rules *rules(void)
{
	const char *top = getenv("top_srcdir");
	char *dir = util_printf("%s/data", top ? top : ".");
	struct corpus_rules *r = corpus_rules_load(dir, NULL);
	free(dir);
	assert_non_null(r);
	return r;
}

static void test_ingest_reports_bad_files_and_loads_the_rest(void **state)
{
	(void)state;
	char *dir = tmp_path("in");
	assert_int_equal(mkdir(dir, 0700), 0);
	char *p;
#define MAKE(name, data, len) (p = util_printf("%s/%s", dir, name), write_file(p, data, len), free(p))
	const char good[] = "Un titolo di prova\n\nIl corpo dell\xe2\x80\x99" "articolo parla di Roma. Poi finisce qui.\n";
	MAKE("good.txt", good, sizeof good - 1);
	MAKE("empty.txt", "", 0);
	MAKE("binary.txt", "\x7f" "ELF\0\0\0\1\2\3", 10);
	/* UTF-16 with its mark is decoded, not refused. */
	MAKE("utf16.txt", "\xff\xfeT\0i\0t\0o\0l\0o\0\n\0\n\0T\0e\0s\0t\0o\0.\0\n\0", 32);
	MAKE("image.png", "\x89PNG", 4);   /* not .txt: ignored in folders */
	const char jl[] = "{\"title\":\"Da JSON\",\"text\":\"Testo della riga uno. Seconda frase.\",\"date\":\"2024-06-01\",\"author\":\"Ada Neri\",\"url\":\"https://www.example.org/a/1\"}\n"
	                  "this line is not json\n"
	                  "\n"
	                  "{\"title\":\"Senza testo\"}\n";
	MAKE("feed.jsonl", jl, sizeof jl - 1);
#undef MAKE
	p = util_printf("%s/pipe.txt", dir);
	assert_int_equal(mkfifo(p, 0600), 0);
	free(p);
	p = util_printf("%s/outside.txt", dir);
	assert_int_equal(symlink("/etc/hostname", p), 0);
	free(p);
	p = util_printf("%s/loop", dir);
	assert_int_equal(symlink(dir, p), 0);  /* a folder link back to itself */
	free(p);
	p = util_printf("%s/self.txt", dir);
	assert_int_equal(symlink(p, p), 0);
	free(p);

	struct store *st = open_fresh("ingest.db");
	struct corpus_rules *r = rules();
	struct messages m = { { 0 }, 0 };
	struct ingest_options opt = { .rules = r, .message = collect, .ctx = &m };
	struct ingest_report rep;
	char *paths[] = { dir };
	assert_int_equal(ingest_paths(st, &opt, paths, 1, &rep), 0);
	assert_int_equal(rep.added, 3);  /* good.txt, utf16.txt and the JSON line */
	const char *want[] = { "empty.txt: empty file", "binary.txt: not a text file",
	                       "pipe.txt: not a regular file",
	                       "outside.txt: symbolic link that leads outside",
	                       "self.txt: symbolic link loop", "feed.jsonl: 2 lines are not",
	                       "loop: a folder already read" };
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!strstr(m.all.data, want[i]))
			fail_msg("no message \"%s\" in:\n%s", want[i], m.all.data);
	assert_int_equal(m.count, (int)(sizeof want / sizeof *want));
	assert_null(strstr(m.all.data, "image.png"));

	/* The JSON article kept its fields. */
	struct store_row *rows;
	size_t n;
	assert_int_equal(store_rows(st, 0, 10, &rows, &n), 0);
	assert_int_equal(n, 3);
	/* Folder order: feed.jsonl, good.txt, utf16.txt. */
	assert_string_equal(rows[2].title, "Titolo");
	int json_row = strcmp(rows[0].title, "Da JSON") == 0 ? 0 : 1;
	assert_string_equal(rows[json_row].title, "Da JSON");
	assert_string_equal(rows[json_row].date, "2024-06-01");
	assert_string_equal(rows[json_row].origin, "example.org");
	assert_string_equal(rows[1 - json_row].title, "Un titolo di prova");
	store_rows_free(rows, n);

	/* A refresh reads nothing new; the bad files are reported again, once. */
	buf_reset(&m.all);
	m.count = 0;
	assert_int_equal(ingest_paths(st, &opt, paths, 1, &rep), 0);
	assert_int_equal(rep.added, 0);
	assert_int_equal(rep.updated, 0);
	assert_true(rep.unchanged >= 2);

	/* A changed file is updated in place. */
	p = util_printf("%s/good.txt", dir);
	const char changed[] = "Un titolo di prova\n\nIl corpo \xc3\xa8 cambiato. Davvero.\n";
	write_file(p, changed, sizeof changed - 1);
	char *one[] = { p };
	assert_int_equal(ingest_paths(st, &opt, one, 1, &rep), 0);
	assert_int_equal(rep.updated, 1);
	assert_int_equal(rep.added, 0);
	free(p);
	int64_t count;
	assert_int_equal(store_article_count(st, &count), 0);
	assert_int_equal(count, 3);

	buf_free(&m.all);
	corpus_rules_free(&r);
	store_close(&st);
	free(dir);
}

/* A file recorded as loaded without its articles (what an interrupted load
 * of an older margo left) and a missing table are found by the check; the
 * next load of the file loads its article. */
static void test_check_finds_lost_loads_and_missing_tables(void **state)
{
	(void)state;
	char *dir = tmp_path("lost");
	assert_int_equal(mkdir(dir, 0700), 0);
	char *p = util_printf("%s/a.txt", dir);
	const char text[] = "Un titolo perso\n\nIl testo di un articolo mai scritto. Davvero.\n";
	write_file(p, text, sizeof text - 1);
	struct store *st = open_fresh("lost.db");
	struct corpus_rules *r = rules();
	struct messages m = { { 0 }, 0 };
	struct ingest_options opt = { .rules = r, .message = collect, .ctx = &m };
	struct ingest_report rep;
	char *paths[] = { p };
	assert_int_equal(ingest_paths(st, &opt, paths, 1, &rep), 0);
	assert_int_equal(rep.added, 1);
	char *report = NULL;
	assert_int_equal(store_check_loads(st, &report), 1);
	/* The article goes, its file's row stays as loaded. */
	assert_int_equal(sqlite3_exec(store_db(st), "DELETE FROM article", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_check_loads(st, &report), 0);
	assert_non_null(strstr(report, "1 file recorded as loaded but none of their articles"));
	assert_non_null(strstr(report, "a.txt"));
	free(report);
	report = NULL;
	assert_int_equal(ingest_paths(st, &opt, paths, 1, &rep), 0);
	assert_int_equal(rep.added, 1);
	assert_int_equal(rep.unchanged, 0);
	assert_int_equal(store_check_loads(st, &report), 1);
	/* A row left loading (a load stopped part way) is told too. */
	assert_int_equal(sqlite3_exec(store_db(st), "UPDATE file SET size = -1, hash = ''",
	                              NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_check_loads(st, &report), 0);
	assert_non_null(strstr(report, "1 file began loading but did not finish"));
	free(report);
	report = NULL;
	assert_int_equal(ingest_paths(st, &opt, paths, 1, &rep), 0);
	assert_int_equal(store_check_loads(st, &report), 1);
	assert_int_equal(one_int(st, "SELECT count(*) FROM article"), 1);
	/* A table, an index and a trigger gone. */
	assert_int_equal(sqlite3_exec(store_db(st), "DROP TABLE draft; DROP INDEX form_entity;"
	                              " DROP TRIGGER article_counted", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_check(st, &report), 0);
	assert_non_null(strstr(report, "the table draft is missing"));
	assert_non_null(strstr(report, "the index form_entity is missing"));
	assert_non_null(strstr(report, "the trigger article_counted is missing"));
	free(report);
	buf_free(&m.all);
	corpus_rules_free(&r);
	store_close(&st);
	free(p);
	free(dir);
}

/* A library of before identity came from content knows JSON Lines
 * articles as "path#N": the next load gives each such article the key of
 * the line holding its text, wherever that line now is, and keeps its id
 * (and so its annotations). */
static void test_line_keyed_articles_are_taken_over(void **state)
{
	(void)state;
	char *dir = tmp_path("legacy");
	assert_int_equal(mkdir(dir, 0700), 0);
	char *p = util_printf("%s/feed.jsonl", dir);
	const char v1[] = "{\"title\":\"Uno\",\"text\":\"Il primo articolo del file, breve.\"}\n"
	                  "{\"title\":\"Due\",\"text\":\"Il secondo articolo del file, breve.\"}\n";
	write_file(p, v1, sizeof v1 - 1);
	struct store *st = open_fresh("legacy.db");
	struct corpus_rules *r = rules();
	struct messages m = { { 0 }, 0 };
	struct ingest_options opt = { .rules = r, .message = collect, .ctx = &m };
	struct ingest_report rep;
	char *paths[] = { p };
	assert_int_equal(ingest_paths(st, &opt, paths, 1, &rep), 0);
	assert_int_equal(rep.added, 2);
	/* As an older margo keyed them, and as its migration left the file. */
	char *sql = util_printf("UPDATE article SET key = '%s#' || id;"
	                        " UPDATE file SET size = -1, hash = ''", p);
	assert_int_equal(sqlite3_exec(store_db(st), sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	const char v2[] = "{\"title\":\"Zero\",\"text\":\"Un articolo nuovo, in cima.\"}\n"
	                  "{\"title\":\"Uno\",\"text\":\"Il primo articolo del file, breve.\"}\n"
	                  "{\"title\":\"Due\",\"text\":\"Il secondo articolo del file, breve.\"}\n";
	write_file(p, v2, sizeof v2 - 1);
	assert_int_equal(ingest_paths(st, &opt, paths, 1, &rep), 0);
	assert_int_equal(rep.added, 1);
	assert_int_equal(rep.updated, 0);
	assert_int_equal(one_int(st, "SELECT count(*) FROM article"), 3);
	/* Article 1 keeps its id and now has the key of its text. */
	assert_int_equal(one_int(st, "SELECT count(*) FROM article WHERE key LIKE '%#text:%'"), 3);
	assert_int_equal(one_int(st, "SELECT id FROM article WHERE title = 'Uno'"), 1);
	assert_int_equal(one_int(st, "SELECT id FROM article WHERE title = 'Due'"), 2);
	buf_free(&m.all);
	corpus_rules_free(&r);
	store_close(&st);
	free(p);
	free(dir);
}

static void test_ingest_missing_path(void **state)
{
	(void)state;
	struct store *st = open_fresh("missing.db");
	struct corpus_rules *r = rules();
	struct messages m = { { 0 }, 0 };
	struct ingest_options opt = { .rules = r, .message = collect, .ctx = &m };
	struct ingest_report rep;
	char *paths[] = { "/nonexistent/margo/file.txt" };
	assert_int_equal(ingest_paths(st, &opt, paths, 1, &rep), 0);
	assert_int_equal(rep.problems, 1);
	assert_non_null(strstr(m.all.data, "No such file"));
	buf_free(&m.all);
	corpus_rules_free(&r);
	store_close(&st);
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(path) < 0 ? 0 : 0;
}

static int teardown_all(void **state)
{
	(void)state;
	nftw(tmp_root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

int main(void)
{
	if (!mkdtemp(tmp_root)) {
		perror("mkdtemp");
		return 99;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_library_is_private),
		cmocka_unit_test(test_missing_library_for_reading),
		cmocka_unit_test(test_refuses_text_file),
		cmocka_unit_test(test_refuses_foreign_database),
		cmocka_unit_test(test_refuses_newer_library),
		cmocka_unit_test(test_util_grow_and_empty_buffer),
		cmocka_unit_test(test_migrates_previous_schema),
		cmocka_unit_test(test_migrates_library_without_coders),
		cmocka_unit_test(test_refuses_damaged_file),
		cmocka_unit_test(test_refuses_symlink),
		cmocka_unit_test(test_article_round_trip),
		cmocka_unit_test(test_passages_cut_by_bytes),
		cmocka_unit_test(test_ingest_reports_bad_files_and_loads_the_rest),
		cmocka_unit_test(test_ingest_missing_path),
		cmocka_unit_test(test_check_finds_lost_loads_and_missing_tables),
		cmocka_unit_test(test_line_keyed_articles_are_taken_over),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, teardown_all);
}
