/*
 * store.c: the SQLite library file.
 *
 * Opening follows HARDENING.md: the file is created 0600 in a 0700 folder,
 * opened with SQLITE_OPEN_NOFOLLOW, checked for SQLite's header and margo's
 * application_id before anything is written, then set up (WAL,
 * synchronous=FULL, foreign keys, busy timeout, defensive, no trusted
 * schema) and migrated under BEGIN IMMEDIATE.  Every statement is prepared
 * with bound parameters.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "margo/paths.h"
#include "margo/search.h"
#include "margo/store.h"
#include "margo/util.h"

struct store {
	sqlite3 *db;
	char *path;
	bool readonly;
};

/* Schema, one entry per version: entry i migrates from version i to i+1. */
static const char *const migrations[] = {
	/* 0 -> 1: articles, their parts and the files they came from. */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE file("
	"  id INTEGER PRIMARY KEY,"
	"  path TEXT NOT NULL UNIQUE,"
	"  size INTEGER NOT NULL,"
	"  mtime_ns INTEGER NOT NULL,"
	"  hash TEXT NOT NULL);"
	"CREATE TABLE article("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  file INTEGER REFERENCES file(id) ON DELETE SET NULL,"
	"  source_hash TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  title_guessed INTEGER NOT NULL DEFAULT 0,"
	"  subtitle TEXT, author TEXT, date TEXT, url TEXT, origin TEXT,"
	"  body TEXT NOT NULL,"
	"  body_chars INTEGER NOT NULL,"
	"  text_hash TEXT NOT NULL,"
	"  added TEXT NOT NULL,"
	"  updated TEXT NOT NULL);"
	"CREATE INDEX article_file ON article(file);"
	"CREATE TABLE paragraph("
	"  id INTEGER PRIMARY KEY,"
	"  article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
	"  n INTEGER NOT NULL,"
	"  kind INTEGER NOT NULL,"
	"  start INTEGER NOT NULL, end INTEGER NOT NULL,"
	"  bstart INTEGER NOT NULL, bend INTEGER NOT NULL,"
	"  UNIQUE(article, n));"
	"CREATE TABLE sentence("
	"  article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
	"  n INTEGER NOT NULL,"
	"  para INTEGER NOT NULL,"
	"  start INTEGER NOT NULL, end INTEGER NOT NULL,"
	"  bstart INTEGER NOT NULL, bend INTEGER NOT NULL,"
	"  PRIMARY KEY(article, n)) WITHOUT ROWID;"
	"CREATE TABLE dropped("
	"  article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
	"  n INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  PRIMARY KEY(article, n)) WITHOUT ROWID;"
	/* The article count, kept by triggers so start-up never counts rows. */
	"CREATE TABLE counter(name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO counter VALUES ('articles', 0);"
	"CREATE TRIGGER article_counted AFTER INSERT ON article BEGIN"
	"  UPDATE counter SET n = n + 1 WHERE name = 'articles'; END;"
	"CREATE TRIGGER article_uncounted AFTER DELETE ON article BEGIN"
	"  UPDATE counter SET n = n - 1 WHERE name = 'articles'; END;",

	/* 1 -> 2: the entity index.  A form is one distinct (type, normalised
	 * name); mentions point at forms, forms at entities, so clustering
	 * rewrites only the small form table.  Corrections name forms by
	 * their text, so they outlive re-extraction.  Files are marked
	 * changed so the next "margo add" extracts their entities. */
	"CREATE TABLE entity("
	"  id INTEGER PRIMARY KEY,"
	"  type INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  key TEXT NOT NULL,"
	"  form TEXT NOT NULL,"             /* the name it was given by its forms */
	"  mentions INTEGER NOT NULL DEFAULT 0,"
	"  articles INTEGER NOT NULL DEFAULT 0,"
	"  live INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE(type, key));"
	"CREATE TABLE form("
	"  id INTEGER PRIMARY KEY,"
	"  type INTEGER NOT NULL,"
	"  norm TEXT NOT NULL,"
	"  entity INTEGER REFERENCES entity(id) ON DELETE SET NULL,"
	"  UNIQUE(type, norm));"
	"CREATE INDEX form_entity ON form(entity);"
	"CREATE TABLE mention("
	"  article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
	"  n INTEGER NOT NULL,"
	"  form INTEGER NOT NULL REFERENCES form(id),"
	"  start INTEGER NOT NULL, end INTEGER NOT NULL,"
	"  bstart INTEGER NOT NULL, bend INTEGER NOT NULL,"
	"  para INTEGER NOT NULL,"
	"  derived INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY(article, n)) WITHOUT ROWID;"
	"CREATE INDEX mention_form ON mention(form, article, bstart);"
	"CREATE INDEX mention_para ON mention(article, para);"
	"CREATE TABLE correction("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('rename', 'merge', 'split', 'retype', 'reject')),"
	"  type INTEGER NOT NULL,"
	"  form TEXT NOT NULL,"
	"  target_type INTEGER,"
	"  target TEXT,"
	"  created TEXT NOT NULL);"
	"UPDATE file SET size = -1, hash = '';"
	"UPDATE article SET source_hash = '';",

	/* 2 -> 3: full-text search over passages.  The index reads the text
	 * from a view on the articles (external content), so the text is
	 * stored once; "margo" is the Italian tokenizer of search.c. */
	"CREATE VIEW passage_text(id, article, n, text) AS"
	"  SELECT p.id, p.article, p.n, substr(a.body, p.start + 1, p.end - p.start)"
	"  FROM paragraph p JOIN article a ON a.id = p.article;"
	"CREATE VIRTUAL TABLE passage_fts USING fts5(text, content='passage_text',"
	"  content_rowid='id', tokenize='margo');"
	"CREATE VIRTUAL TABLE passage_vocab USING fts5vocab(passage_fts, 'row');"
	"INSERT INTO passage_fts(passage_fts) VALUES ('rebuild');"
	"INSERT INTO counter SELECT 'passages', count(*) FROM paragraph;"
	"CREATE TRIGGER paragraph_counted AFTER INSERT ON paragraph BEGIN"
	"  UPDATE counter SET n = n + 1 WHERE name = 'passages'; END;"
	"CREATE TRIGGER paragraph_uncounted AFTER DELETE ON paragraph BEGIN"
	"  UPDATE counter SET n = n - 1 WHERE name = 'passages'; END;",
};

sqlite3 *store_db(struct store *st) { return st->db; }
const char *store_path(const struct store *st) { return st->path; }
const char *store_errmsg(struct store *st) { return sqlite3_errmsg(st->db); }

static int exec(struct store *st, const char *sql)
{
	return sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int store_begin(struct store *st) { return exec(st, "BEGIN IMMEDIATE"); }
int store_commit(struct store *st) { return exec(st, "COMMIT"); }
int store_rollback(struct store *st)
{
	if (sqlite3_get_autocommit(st->db))
		return 0;
	return exec(st, "ROLLBACK");
}

/* Run a one-integer query such as "PRAGMA user_version". */
static int query_int(struct store *st, const char *sql, int64_t *out)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/*
 * Look at the file before SQLite does: refuse symlinks and anything that is
 * not a regular file, and anything non-empty without SQLite's header.  An
 * absent file is created 0600 in a 0700 folder when writing.
 */
static int check_file(const char *path, enum store_open_mode mode, char **err)
{
	struct stat sb;
	if (lstat(path, &sb) < 0) {
		if (errno != ENOENT) {
			*err = util_printf("%s: %s", path, strerror(errno));
			return -1;
		}
		if (mode == STORE_OPEN_READ) {
			*err = util_printf("%s: no library here yet (run \"margo add PATH\" first)", path);
			return -1;
		}
		if (paths_make_parent(path) < 0) {
			*err = util_printf("%s: cannot create its folder: %s", path, strerror(errno));
			return -1;
		}
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0) {
			*err = util_printf("%s: cannot create: %s", path, strerror(errno));
			return -1;
		}
		close(fd);
		return 0;
	}
	if (S_ISLNK(sb.st_mode)) {
		*err = util_printf("%s: is a symbolic link; margo opens only a real file (use --db with the link's target)", path);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		*err = util_printf("%s: not a regular file", path);
		return -1;
	}
	if (sb.st_size == 0)
		return 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		*err = util_printf("%s: %s", path, strerror(errno));
		return -1;
	}
	char head[16];
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	if (n != (ssize_t)sizeof head || memcmp(head, "SQLite format 3", 16) != 0) {
		*err = util_printf("%s: not a margo library (not an SQLite database); "
		                   "it was left untouched", path);
		return -1;
	}
	return 0;
}

static int configure_connection(struct store *st, char **err)
{
	int on = 1;
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &on);
	sqlite3_busy_timeout(st->db, 5000);
	sqlite3_extended_result_codes(st->db, 1);
	if (exec(st, "PRAGMA foreign_keys=ON") < 0 ||
	    exec(st, "PRAGMA trusted_schema=OFF") < 0)
		goto fail;
	if (st->readonly)
		return 0;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode=WAL", -1, &s, NULL) != SQLITE_OK)
		goto fail;
	int rc = sqlite3_step(s);
	bool wal = rc == SQLITE_ROW &&
	           strcmp((const char *)sqlite3_column_text(s, 0), "wal") == 0;
	sqlite3_finalize(s);
	if (!wal) {
		*err = util_printf("%s: cannot switch to write-ahead logging: %s",
		                   st->path, sqlite3_errmsg(st->db));
		return -1;
	}
	if (exec(st, "PRAGMA synchronous=FULL") < 0)
		goto fail;
	return 0;
fail:
	*err = util_printf("%s: %s", st->path, sqlite3_errmsg(st->db));
	return -1;
}

/* Decide whether the file is margo's, empty, or someone else's. */
static int check_identity(struct store *st, int64_t *version, char **err)
{
	int64_t app = 0, tables = 0;
	if (query_int(st, "PRAGMA application_id", &app) < 0 ||
	    query_int(st, "PRAGMA user_version", version) < 0 ||
	    query_int(st, "SELECT count(*) FROM sqlite_schema", &tables) < 0) {
		int code = sqlite3_errcode(st->db) & 0xff;
		if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
			*err = util_printf("%s: damaged or not a margo library (%s); it was left untouched",
			                   st->path, sqlite3_errmsg(st->db));
		else
			*err = util_printf("%s: %s", st->path, sqlite3_errmsg(st->db));
		return -1;
	}
	if (app == 0 && tables == 0 && *version == 0)
		return 0;  /* a new, empty file */
	if (app != STORE_APPLICATION_ID) {
		*err = util_printf("%s: an SQLite database that is not a margo library; "
		                   "it was left untouched", st->path);
		return -1;
	}
	if (*version > STORE_SCHEMA_VERSION) {
		*err = util_printf("%s: made by a newer margo (library version %lld, this margo "
		                   "reads up to %d); it was left untouched: upgrade margo",
		                   st->path, (long long)*version, STORE_SCHEMA_VERSION);
		return -1;
	}
	return 0;
}

/* Bring the schema up to date, all in one write transaction. */
static int migrate(struct store *st, char **err)
{
	int64_t version = 0;
	if (store_begin(st) < 0)
		goto fail;
	/* Re-read inside the transaction: another process may have migrated. */
	if (query_int(st, "PRAGMA user_version", &version) < 0)
		goto fail;
	if (version >= STORE_SCHEMA_VERSION)
		return store_commit(st) < 0 ? (store_rollback(st), -1) : 0;
	for (int64_t v = version; v < STORE_SCHEMA_VERSION; v++)
		if (exec(st, migrations[v]) < 0)
			goto fail;
	char sql[96];
	snprintf(sql, sizeof sql, "PRAGMA application_id=%d", STORE_APPLICATION_ID);
	if (exec(st, sql) < 0)
		goto fail;
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d", STORE_SCHEMA_VERSION);
	if (exec(st, sql) < 0)
		goto fail;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db,
	        "INSERT OR REPLACE INTO meta(key, value) VALUES ('created_by', ?1)",
	        -1, &s, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(s, 1, PACKAGE_STRING, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE || store_commit(st) < 0)
		goto fail;
	return 0;
fail:
	*err = util_printf("%s: cannot set up the library: %s", st->path,
	                   sqlite3_errmsg(st->db));
	store_rollback(st);
	return -1;
}

int store_open(const char *path, enum store_open_mode mode, struct store **out,
               char **err)
{
	*out = NULL;
	*err = NULL;
	if (check_file(path, mode, err) < 0)
		return -1;
	struct store *st = calloc(1, sizeof *st);
	if (!st || !(st->path = util_strdup(path))) {
		free(st);
		*err = util_strdup("out of memory");
		return -1;
	}
	st->readonly = mode == STORE_OPEN_READ;
	int flags = SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_FULLMUTEX |
	            (st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		*err = util_printf("%s: cannot open: %s", path,
		                   st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	int64_t version = 0;
	if (search_register_tokenizer(st->db) < 0) {
		*err = util_printf("%s: cannot set up full-text search (FTS5)", path);
		goto fail;
	}
	if (check_identity(st, &version, err) < 0 ||
	    configure_connection(st, err) < 0)
		goto fail;
	if (st->readonly) {
		if (version < STORE_SCHEMA_VERSION) {
			*err = util_printf("%s: library needs an upgrade; open it once for writing", path);
			goto fail;
		}
	} else if (migrate(st, err) < 0) {
		goto fail;
	}
	*out = st;
	return 0;
fail:
	store_close(&st);
	return -1;
}

void store_close(struct store **pst)
{
	struct store *st = *pst;
	if (!st)
		return;
	if (st->db)
		sqlite3_close_v2(st->db);
	free(st->path);
	free(st);
	*pst = NULL;
}

/* ---- files ------------------------------------------------------------ */

static int prepare(struct store *st, const char *sql, sqlite3_stmt **s)
{
	return sqlite3_prepare_v2(st->db, sql, -1, s, NULL) == SQLITE_OK ? 0 : -1;
}

int store_file_get(struct store *st, const char *path, struct store_file *f)
{
	sqlite3_stmt *s;
	if (prepare(st, "SELECT id, size, mtime_ns, hash FROM file WHERE path = ?1", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s), ret = rc == SQLITE_DONE ? 0 : -1;
	if (rc == SQLITE_ROW) {
		f->id = sqlite3_column_int64(s, 0);
		f->size = sqlite3_column_int64(s, 1);
		f->mtime_ns = sqlite3_column_int64(s, 2);
		snprintf(f->hash, sizeof f->hash, "%s", (const char *)sqlite3_column_text(s, 3));
		ret = 1;
	}
	sqlite3_finalize(s);
	return ret;
}

int store_file_put(struct store *st, const char *path, struct store_file *f)
{
	sqlite3_stmt *s;
	if (prepare(st, "INSERT INTO file(path, size, mtime_ns, hash) VALUES (?1, ?2, ?3, ?4) "
	                "ON CONFLICT(path) DO UPDATE SET size = excluded.size, "
	                "mtime_ns = excluded.mtime_ns, hash = excluded.hash "
	                "RETURNING id", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, f->size);
	sqlite3_bind_int64(s, 3, f->mtime_ns);
	sqlite3_bind_text(s, 4, f->hash, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		f->id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* ---- articles ----------------------------------------------------------- */

static void bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* Take the passages of article `id` out of the full-text index.  Must run
 * while the article still has its old text: the index is told which
 * tokens to drop by reading them again. */
static int unindex_passages(struct store *st, int64_t id)
{
	sqlite3_stmt *s;
	if (prepare(st, "INSERT INTO passage_fts(passage_fts, rowid, text)"
	                " SELECT 'delete', id, text FROM passage_text WHERE article = ?1", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int index_passages(struct store *st, int64_t id)
{
	sqlite3_stmt *s;
	if (prepare(st, "INSERT INTO passage_fts(rowid, text)"
	                " SELECT id, text FROM passage_text WHERE article = ?1", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Replace the paragraphs, sentences and dropped lines of article `id`. */
static int put_parts(struct store *st, int64_t id, const struct corpus_article *a)
{
	sqlite3_stmt *s = NULL;
	int ret = -1;
	const char *wipe[] = {
		"DELETE FROM paragraph WHERE article = ?1",
		"DELETE FROM sentence WHERE article = ?1",
		"DELETE FROM dropped WHERE article = ?1",
	};
	for (size_t i = 0; i < sizeof wipe / sizeof *wipe; i++) {
		if (prepare(st, wipe[i], &s) < 0)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		int rc = sqlite3_step(s);
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			return -1;
	}
	if (prepare(st, "INSERT INTO paragraph(article, n, kind, start, end, bstart, bend) "
	                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &s) < 0)
		return -1;
	for (size_t i = 0; i < a->n_paras; i++) {
		const struct corpus_para *p = &a->paras[i];
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (int64_t)i + 1);
		sqlite3_bind_int(s, 3, (int)p->kind);
		sqlite3_bind_int64(s, 4, (int64_t)p->span.cp_start);
		sqlite3_bind_int64(s, 5, (int64_t)p->span.cp_end);
		sqlite3_bind_int64(s, 6, (int64_t)p->span.start);
		sqlite3_bind_int64(s, 7, (int64_t)p->span.end);
		if (sqlite3_step(s) != SQLITE_DONE)
			goto out;
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	if (prepare(st, "INSERT INTO sentence(article, n, para, start, end, bstart, bend) "
	                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &s) < 0)
		return -1;
	for (size_t i = 0; i < a->n_paras; i++) {
		const struct corpus_para *p = &a->paras[i];
		for (size_t k = 0; k < p->n_sentences; k++) {
			size_t j = p->first_sentence + k;
			const struct corpus_span *sp = &a->sentences[j];
			sqlite3_bind_int64(s, 1, id);
			sqlite3_bind_int64(s, 2, (int64_t)j);
			sqlite3_bind_int64(s, 3, (int64_t)i);
			sqlite3_bind_int64(s, 4, (int64_t)sp->cp_start);
			sqlite3_bind_int64(s, 5, (int64_t)sp->cp_end);
			sqlite3_bind_int64(s, 6, (int64_t)sp->start);
			sqlite3_bind_int64(s, 7, (int64_t)sp->end);
			if (sqlite3_step(s) != SQLITE_DONE)
				goto out;
			sqlite3_reset(s);
		}
	}
	sqlite3_finalize(s);
	if (prepare(st, "INSERT INTO dropped(article, n, kind, text) VALUES (?1, ?2, ?3, ?4)", &s) < 0)
		return -1;
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
	sqlite3_finalize(s);
	return ret;
}

int store_article_put(struct store *st, const struct store_article_in *in,
                      int64_t *id, enum store_put_result *result)
{
	sqlite3_stmt *s;
	int64_t old = 0;
	if (prepare(st, "SELECT id, source_hash = ?2 FROM article WHERE key = ?1", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, in->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, in->source_hash, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	bool same = false;
	if (rc == SQLITE_ROW) {
		old = sqlite3_column_int64(s, 0);
		same = sqlite3_column_int(s, 1) != 0;
	}
	sqlite3_finalize(s);
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
	if (old && unindex_passages(st, old) < 0)
		return -1;
	if (prepare(st, sql, &s) < 0)
		return -1;
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
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return -1;
	if (put_parts(st, *id, a) < 0 || index_passages(st, *id) < 0)
		return -1;
	*result = old ? STORE_PUT_UPDATED : STORE_PUT_ADDED;
	return 0;
}

int store_article_count(struct store *st, int64_t *n)
{
	return query_int(st, "SELECT n FROM counter WHERE name = 'articles'", n);
}

static char *column_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? util_strdup((const char *)t) : NULL;
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
	    prepare(st, "SELECT min(id), max(id) FROM article", &s) < 0)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL &&
	    sqlite3_column_int64(s, 1) - sqlite3_column_int64(s, 0) + 1 == count)
		base = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return base;
}

int store_rows(struct store *st, int64_t offset, int limit,
               struct store_row **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	if (limit <= 0 || offset < 0)
		return 0;
	int64_t base = dense_base(st);
	sqlite3_stmt *s;
	if (prepare(st, base >= 0
	        ? "SELECT id, title, date, origin FROM article WHERE id >= ?3 ORDER BY id LIMIT ?1"
	        : "SELECT id, title, date, origin FROM article ORDER BY id LIMIT ?1 OFFSET ?2",
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
		r[k].title = column_dup(s, 1);
		r[k].date = column_dup(s, 2);
		r[k].origin = column_dup(s, 3);
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
	if (prepare(st, base >= 0
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
	if (prepare(st, "SELECT id, n, kind, start, end, bstart, bend FROM paragraph "
	                "WHERE article = ?1 ORDER BY n", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, a->id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (a->n_paras == cap) {
			cap = cap ? cap * 2 : 16;
			struct store_para *p = realloc(a->paras, cap * sizeof *p);
			if (!p)
				break;
			a->paras = p;
		}
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
	if (prepare(st, "SELECT para, start, end, bstart, bend FROM sentence "
	                "WHERE article = ?1 ORDER BY n", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, a->id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (a->n_sentences == cap) {
			cap = cap ? cap * 2 : 32;
			struct store_sentence *p = realloc(a->sentences, cap * sizeof *p);
			if (!p)
				break;
			a->sentences = p;
		}
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
	if (prepare(st, "SELECT id, key, title, title_guessed, subtitle, author, date, url,"
	                " origin, added, body FROM article WHERE id = ?1", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(s);
		return rc == SQLITE_DONE ? 0 : -1;
	}
	a->id = sqlite3_column_int64(s, 0);
	a->key = column_dup(s, 1);
	a->title = column_dup(s, 2);
	a->title_guessed = sqlite3_column_int(s, 3) != 0;
	a->subtitle = column_dup(s, 4);
	a->author = column_dup(s, 5);
	a->date = column_dup(s, 6);
	a->url = column_dup(s, 7);
	a->origin = column_dup(s, 8);
	a->added = column_dup(s, 9);
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

int store_passages(struct store *st, int64_t article, store_passage_fn fn,
                   void *ctx)
{
	sqlite3_stmt *s;
	if (prepare(st, "SELECT p.id, p.article, p.n, p.kind,"
	                " substr(a.body, p.start + 1, p.end - p.start)"
	                " FROM paragraph p JOIN article a ON a.id = p.article"
	                " WHERE ?1 = 0 OR p.article = ?1 ORDER BY p.article, p.n", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	int rc, ret = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(s, 4);
		ret = fn(ctx, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
		         sqlite3_column_int(s, 2), (enum corpus_para_kind)sqlite3_column_int(s, 3),
		         text ? text : "", (size_t)sqlite3_column_bytes(s, 4));
		if (ret)
			break;
	}
	sqlite3_finalize(s);
	if (ret)
		return ret;
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_dropped(struct store *st, int64_t article, store_dropped_fn fn, void *ctx)
{
	sqlite3_stmt *s;
	if (prepare(st, "SELECT kind, text FROM dropped WHERE article = ?1 ORDER BY n", &s) < 0)
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
