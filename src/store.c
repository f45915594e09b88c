/*
 * store.c: the SQLite library file.
 *
 * Opening follows docs/HARDENING.md ("Opening the library, the terminal,
 * and text the user types") and README.md ("Where data lives"): the file
 * is created 0600 in a 0700 folder, opened with SQLITE_OPEN_NOFOLLOW,
 * checked for SQLite's header and margo's application_id before anything
 * is written, then set up (WAL, synchronous=FULL, foreign keys, busy
 * timeout, defensive, no trusted schema) and migrated under BEGIN
 * IMMEDIATE.  Every statement is prepared with bound parameters.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "margo/search.h"
#include "margo/store.h"
#include "margo/store_entity.h"
#include "margo/store_journal.h"
#include "margo/store_share.h"
#include "margo/util.h"
#include "store_impl.h"
#include "margo/i18n.h"

/* How long a statement waits for another process's lock before it gives
 * up with SQLITE_BUSY, and the same said to the user. */
#define BUSY_WAIT_MS 5000

/* A prepared statement kept for the connection's life, by its SQL's
 * address (see store_cached). */
struct cached_stmt {
	const char *sql;
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	char *path;
	bool readonly;
	int64_t *to_index;        /* articles whose passages the full-text index
	                           * takes at the next commit */
	size_t n_to_index, cap_to_index;
	struct cached_stmt *cache;
	size_t n_cache, cap_cache;
	struct form_cache forms;
	char *undone;             /* the error a rollback cleared, or NULL */
	bool stale_marked;        /* entities_stale written in this transaction */
	char *coder;              /* who writes (store_set_coder), or NULL */
};

char **store_coder_slot(struct store *st) { return &st->coder; }

struct form_cache *store_forms(struct store *st) { return &st->forms; }

void form_cache_clear(struct form_cache *fc)
{
	for (size_t i = 0; i < fc->cap; i++)
		free(fc->slots[i].norm);
	free(fc->slots);
	memset(fc, 0, sizeof *fc);
}

/* Schema, one entry per version: entry i migrates from version i to i+1. */
const char *const store_migrations[] = {
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

	/* 3 -> 4: annotations.  The evidence (quote, prefix, suffix, the
	 * offsets and text version it was made on) is never rewritten; the
	 * placement (start, end, status, score) is recomputed when the text
	 * changes.  Deleting writes a tombstone; articles cannot be deleted
	 * from under annotations (no cascade). */
	"CREATE TABLE annotation("
	"  id TEXT PRIMARY KEY,"
	"  article INTEGER NOT NULL REFERENCES article(id),"
	"  quote TEXT NOT NULL,"
	"  prefix TEXT NOT NULL DEFAULT '',"
	"  suffix TEXT NOT NULL DEFAULT '',"
	"  made_start INTEGER NOT NULL,"
	"  made_end INTEGER NOT NULL,"
	"  made_hash TEXT NOT NULL,"
	"  start INTEGER NOT NULL,"
	"  end INTEGER NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'exact'"
	"    CHECK (status IN ('exact', 'moved', 'fuzzy', 'orphan', 'manual')),"
	"  score REAL NOT NULL DEFAULT 1,"
	"  placed_hash TEXT NOT NULL,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  color TEXT,"
	"  author TEXT NOT NULL DEFAULT '',"
	"  created TEXT NOT NULL,"
	"  updated TEXT NOT NULL,"
	"  deleted TEXT);"
	"CREATE INDEX annotation_article ON annotation(article, start);"
	"CREATE TABLE tag(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE annotation_tag("
	"  annotation TEXT NOT NULL REFERENCES annotation(id) ON DELETE CASCADE,"
	"  tag INTEGER NOT NULL REFERENCES tag(id),"
	"  PRIMARY KEY(annotation, tag)) WITHOUT ROWID;"
	"CREATE INDEX annotation_tag_tag ON annotation_tag(tag);"
	"CREATE TABLE annotation_link("
	"  annotation TEXT NOT NULL REFERENCES annotation(id) ON DELETE CASCADE,"
	"  target TEXT NOT NULL REFERENCES annotation(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('same claim', 'contradicts', 'follow-up')),"
	"  PRIMARY KEY(annotation, target)) WITHOUT ROWID;"
	"CREATE TABLE annotation_conflict("
	"  id INTEGER PRIMARY KEY,"
	"  annotation TEXT NOT NULL,"
	"  other TEXT NOT NULL,"          /* the version not kept, as JSON */
	"  created TEXT NOT NULL,"
	"  UNIQUE(annotation, other));"
	"CREATE TABLE draft(name TEXT PRIMARY KEY, text TEXT NOT NULL, updated TEXT NOT NULL);",
	/* v5: links are looked up from either end. */
	"CREATE INDEX annotation_link_target ON annotation_link(target);",
	/* v6: a passage's mentions are found through the primary key (an
	 * article has a few dozen); an index on (article, para) cost a
	 * B-tree insert per mention while loading. */
	"DROP INDEX mention_para;",
	/* v7: the tokenizer stems a word ending in an accented vowel as
	 * written ("fornirà" -> "forn"): the index is made again. */
	"INSERT INTO passage_fts(passage_fts) VALUES ('rebuild');",
	/* v8: a file's row is loaded (size and hash) only with its last
	 * article; a JSON Lines file records how far it is committed, to
	 * resume there.  Files recorded without any article, and every JSON
	 * Lines file (a load stopped part way was recorded whole, and their
	 * lines are now known by their content, not their number), are read
	 * again by the next "margo add". */
	"ALTER TABLE file ADD COLUMN done_bytes INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE file ADD COLUMN done_lines INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE file ADD COLUMN done_hash TEXT NOT NULL DEFAULT '';"
	"UPDATE file SET size = -1, hash = '' WHERE path LIKE '%.jsonl'"
	"  OR NOT EXISTS (SELECT 1 FROM article a WHERE a.file = file.id);",
	/* v9: a passage's text is cut from the body by its byte offsets, as
	 * margo cuts it when it indexes the article (the same text: the
	 * offsets in bytes and in code points mark the same span), so the
	 * index finds a passage's text without counting the code points of
	 * the body up to it.  The index stays as it is. */
	"DROP VIEW passage_text;"
	"CREATE VIEW passage_text(id, article, n, text) AS"
	"  SELECT p.id, p.article, p.n,"
	"    CAST(substr(CAST(a.body AS BLOB), p.bstart + 1, p.bend - p.bstart) AS TEXT)"
	"  FROM paragraph p JOIN article a ON a.id = p.article;",
	/* v10: an end of a link that is not an annotation the user made (L
	 * on a sentence with none) is a bare anchor: it holds a place in the
	 * text for the link and is listed nowhere as an annotation. */
	"ALTER TABLE annotation ADD COLUMN anchor INTEGER NOT NULL DEFAULT 0;",
	/* v11: the journal of changes to the user's work (store_journal.c):
	 * an entry per change, and per row it wrote the SQL that undoes it,
	 * the SQL that does it again, and the query that tells whether the
	 * row is still as the change left it. */
	"CREATE TABLE journal("
	"  id INTEGER PRIMARY KEY,"
	"  time TEXT NOT NULL,"
	"  author TEXT NOT NULL DEFAULT '',"
	"  kind TEXT NOT NULL,"
	"  summary TEXT NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'dropped')),"
	"  undone_time TEXT);"
	"CREATE INDEX journal_state ON journal(state, id);"
	"CREATE TABLE journal_op("
	"  entry INTEGER NOT NULL REFERENCES journal(id) ON DELETE CASCADE,"
	"  n INTEGER NOT NULL,"
	"  tbl TEXT NOT NULL,"
	"  undo_sql TEXT NOT NULL,"
	"  redo_sql TEXT NOT NULL,"
	"  check_sql TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY(entry, n)) WITHOUT ROWID;",
	/* v12: the article list is read in pages in the order the user
	 * chose (store_list.c): each order walks an index, so a page costs
	 * the same at any place of a list of 100,000. */
	"CREATE INDEX article_date ON article(date, id);"
	"CREATE INDEX article_title ON article(title COLLATE NOCASE, id);"
	"CREATE INDEX article_origin ON article(origin, id);",
	/* v13: the reader's state of each article: when it became read
	 * (NULL: unread), the reading position (a code point of the body,
	 * the top line's, so that it holds at any width) and when the reader
	 * last left it.  Not coded work: outside the undo journal. */
	"CREATE TABLE reading("
	"  article INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,"
	"  read TEXT,"
	"  pos INTEGER NOT NULL DEFAULT 0,"
	"  seen TEXT);"
	"CREATE INDEX reading_seen ON reading(seen);",
	/* v14: each mention's own entity, decided in its article (a bare
	 * surname goes to the one full name of its article that it fits);
	 * filled here from its form's entity, resolved by the next rebuild
	 * (run when the migration ends).  Corrections are kept as they are. */
	"ALTER TABLE mention ADD COLUMN entity INTEGER;"
	"UPDATE mention SET entity = (SELECT entity FROM form WHERE form.id = mention.form);"
	"CREATE INDEX mention_entity ON mention(entity, article, bstart);"
	"INSERT OR REPLACE INTO meta(key, value) VALUES ('entities_stale', '1');",
	/* v15: a bare person's name kept apart because several people's full
	 * names fit it ("Berlusconi": Silvio, Pier Silvio) lists them, as a
	 * JSON array of entity ids (NULL: not kept apart so); filled by the
	 * rebuild run when the migration ends. */
	"ALTER TABLE entity ADD COLUMN fits TEXT;"
	"INSERT OR REPLACE INTO meta(key, value) VALUES ('entities_stale', '1');",
	/* v16: the feeds subscribed to (margo subscribe), fetched again by
	 * margo fetch: the validators of the last answer (ETag, Last-Modified,
	 * sent back to ask for changes only), when it was last fetched (UTC,
	 * ISO 8601) and what went wrong then (NULL: nothing).  Its items are
	 * the articles of the file row keyed by the same address. */
	"CREATE TABLE feed("
	"  url TEXT PRIMARY KEY,"
	"  title TEXT,"
	"  etag TEXT,"
	"  last_modified TEXT,"
	"  last_fetch TEXT,"
	"  last_error TEXT);",
	/* v17: linked pages.  A feed's `pages` is 1 when the pages its items
	 * link to are fetched for the items that carry only a summary (margo
	 * subscribe --fetch-pages).  feed_page holds each item loaded with
	 * its page: the hash of the summary it stood for and of the page's
	 * text loaded in its place, so that an unchanged item keeps its page
	 * and is not fetched again. */
	"ALTER TABLE feed ADD COLUMN pages INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE feed_page("
	"  key TEXT PRIMARY KEY,"
	"  summary TEXT NOT NULL,"
	"  page TEXT NOT NULL);",
	/* v18: who coded each annotation, link and change (the name set by
	 * "set user", --as or the login); NULL for what was made before,
	 * shown as unknown and never guessed. */
	"ALTER TABLE annotation ADD COLUMN coder TEXT;"
	"ALTER TABLE annotation_link ADD COLUMN coder TEXT;"
	"ALTER TABLE journal ADD COLUMN coder TEXT;",
};

sqlite3 *store_db(struct store *st) { return st->db; }
const char *store_path(const struct store *st) { return st->path; }
bool store_readonly(const struct store *st) { return st->readonly; }

const char *store_errmsg(struct store *st)
{
	int code = sqlite3_extended_errcode(st->db), sys = sqlite3_system_errno(st->db);
	if (code == SQLITE_OK && st->undone)
		return st->undone;  /* the ROLLBACK after it succeeded */
	if ((code & 0xff) == SQLITE_FULL ||
	    ((code & 0xff) == SQLITE_IOERR && (sys == ENOSPC || sys == EFBIG || sys == EDQUOT)))
		return _("disk full or file too large");
	/* SQLite does not always keep errno: a write that fails is most often
	 * a full disk or a file-size limit. */
	if (code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC ||
	    code == SQLITE_IOERR_TRUNCATE || code == SQLITE_IOERR_SHMSIZE)
		return _("disk full or file too large (the write failed)");
	if ((code & 0xff) == SQLITE_READONLY)
		return _("the library is read-only");
	if (code == SQLITE_BUSY_SNAPSHOT)
		return _("the library is busy: another margo wrote to it while this one was "
		         "reading it; try again");
	if ((code & 0xff) == SQLITE_BUSY)
		return _("the library is busy: another margo is writing to it (waited 5 s)");
	return sqlite3_errmsg(st->db);
}

static bool is_busy(struct store *st)
{
	return (sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_BUSY;
}

static int exec(struct store *st, const char *sql)
{
	return sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* PRAGMA data_version: changes when another connection commits. */
static int64_t data_version(struct store *st)
{
	sqlite3_stmt *s;
	if (store_cached(st, "PRAGMA data_version", &s) < 0)
		return -1;
	int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_reset(s);
	return v;
}

int store_begin(struct store *st)
{
	free(st->undone);
	st->undone = NULL;
	st->stale_marked = false;
	if (exec(st, "BEGIN IMMEDIATE") < 0)
		return -1;
	/* Holding the write lock: nobody changes forms from here on. */
	if (st->forms.n && (st->forms.version < 0 || data_version(st) != st->forms.version))
		form_cache_clear(&st->forms);
	return 0;
}
int store_bulk_mode(struct store *st)
{
	/* (temp_store=MEMORY is set for every connection when it opens.) */
	return exec(st, "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384");
}
static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

int store_index_later(struct store *st, int64_t article)
{
	void *grown = util_grow(st->to_index, &st->cap_to_index, st->n_to_index,
	                        sizeof *st->to_index);
	if (!grown)
		return -1;
	st->to_index = grown;
	st->to_index[st->n_to_index++] = article;
	return 0;
}

bool store_index_forget(struct store *st, int64_t article)
{
	size_t kept = 0;
	for (size_t i = 0; i < st->n_to_index; i++)
		if (st->to_index[i] != article)
			st->to_index[kept++] = st->to_index[i];
	bool found = kept < st->n_to_index;
	st->n_to_index = kept;
	return found;
}

/* The passages waiting for the index go in last, once each: FTS5 writes
 * what it holds at every statement savepoint, so indexing while the
 * transaction still has other statements to run makes a segment an
 * article. */
static int flush_index(struct store *st)
{
	if (st->n_to_index == 0)
		return 0;
	qsort(st->to_index, st->n_to_index, sizeof *st->to_index, cmp_id);
	int ret = 0;
	for (size_t i = 0; i < st->n_to_index && ret == 0; i++)
		if (i == 0 || st->to_index[i] != st->to_index[i - 1])
			ret = store_index_article(st, st->to_index[i]);
	st->n_to_index = 0;
	return ret;
}

int store_commit(struct store *st)
{
	if (flush_index(st) < 0 || exec(st, "COMMIT") < 0)
		return -1;
	if (st->forms.n)
		st->forms.version = data_version(st);
	return 0;
}

int store_rollback(struct store *st)
{
	st->n_to_index = 0;
	st->stale_marked = false;
	form_cache_clear(&st->forms);
	/* Keep what went wrong: the ROLLBACK's own success, or the next
	 * statement's after SQLite rolled back by itself (a COMMIT that
	 * failed on a full disk), would clear it. */
	if (sqlite3_errcode(st->db) != SQLITE_OK) {
		free(st->undone);
		st->undone = util_strdup(store_errmsg(st));
	}
	if (sqlite3_get_autocommit(st->db))
		return 0;
	return exec(st, "ROLLBACK");
}

/* Run a one-integer query such as "PRAGMA user_version". */
int store_query_int(struct store *st, const char *sql, int64_t *out)
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

/* The message for a failure while opening: a busy library is said as
 * such (with, when writing, that nothing was changed), anything else
 * after `what` ("cannot set up the library"), or alone when `what` is
 * NULL. */
static char *open_error(struct store *st, const char *what)
{
	if (is_busy(st))
		return st->readonly ? util_printf("%s: %s", st->path, store_errmsg(st))
		                    : util_printf(_("%s: %s; nothing was changed"), st->path, store_errmsg(st));
	if (what)
		return util_printf("%s: %s: %s", st->path, what, store_errmsg(st));
	return util_printf("%s: %s", st->path, store_errmsg(st));
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* PRAGMA journal_mode=WAL, waiting for another process as any write
 * does.  SQLite does not always call the busy handler for the switch (a
 * connection that must upgrade a lock it holds while another holds a
 * greater one is answered SQLITE_BUSY at once, lest the two wait for each
 * other), which is what two margos creating the same library at once
 * meet: the switch is tried again, a few milliseconds apart, for as long
 * as a write would wait.  Returns 1 when the library is in WAL mode, 0 when SQLite
 * refused (and said why), -1 on an error. */
static int switch_to_wal(struct store *st)
{
	int64_t deadline = now_ms() + BUSY_WAIT_MS;
	for (int attempt = 0;; attempt++) {
		sqlite3_stmt *s;
		if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode=WAL", -1, &s, NULL) != SQLITE_OK)
			return -1;
		int rc = sqlite3_step(s);
		bool wal = rc == SQLITE_ROW &&
		           strcmp((const char *)sqlite3_column_text(s, 0), "wal") == 0;
		sqlite3_finalize(s);
		if (wal)
			return 1;
		if (rc == SQLITE_ROW)
			return 0;
		if (!is_busy(st) || now_ms() >= deadline)
			return -1;
		sqlite3_sleep(attempt < 10 ? 2 : 20);
	}
}

static int configure_connection(struct store *st, char **err)
{
	int on = 1;
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &on);
	sqlite3_busy_timeout(st->db, BUSY_WAIT_MS);
	sqlite3_extended_result_codes(st->db, 1);
	/* temp_store=MEMORY: the per-article savepoints of a load keep the
	 * pages they change in memory rather than in a temporary file (a
	 * tenth of the load's time went to writing those files).  Set here,
	 * before anything temporary exists: setting it later drops every
	 * temporary table and trigger of the connection (the journal's). */
	if (exec(st, "PRAGMA foreign_keys=ON") < 0 ||
	    exec(st, "PRAGMA trusted_schema=OFF") < 0 ||
	    exec(st, "PRAGMA temp_store=MEMORY") < 0)
		goto fail;
	if (st->readonly)
		return exec(st, "PRAGMA query_only=ON") < 0 ? (*err = open_error(st, NULL), -1) : 0;
	int wal = switch_to_wal(st);
	if (wal == 0) {
		*err = util_printf(_("%s: cannot switch to write-ahead logging"), st->path);
		return -1;
	}
	if (wal < 0) {
		*err = open_error(st, _("cannot switch to write-ahead logging"));
		return -1;
	}
	if (exec(st, "PRAGMA synchronous=FULL") < 0)
		goto fail;
	return 0;
fail:
	*err = open_error(st, NULL);
	return -1;
}

/* Decide whether the file is margo's, empty, or someone else's. */
static int check_identity(struct store *st, int64_t *version, char **err)
{
	int64_t app = 0, tables = 0;
	/* One read transaction, so that the three answers are of the same
	 * moment, not of before and after another margo set the file up. */
	if (exec(st, "BEGIN") < 0 ||
	    store_query_int(st, "PRAGMA application_id", &app) < 0 ||
	    store_query_int(st, "PRAGMA user_version", version) < 0 ||
	    store_query_int(st, "SELECT count(*) FROM sqlite_schema", &tables) < 0 ||
	    exec(st, "COMMIT") < 0) {
		int code = sqlite3_errcode(st->db) & 0xff;
		if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
			*err = util_printf(_("%s: damaged or not a margo library (%s); it was left untouched"),
			                   st->path, sqlite3_errmsg(st->db));
		else
			*err = open_error(st, NULL);
		if (!sqlite3_get_autocommit(st->db))
			exec(st, "ROLLBACK");
		return -1;
	}
	if (app == 0 && tables == 0 && *version == 0)
		return 0;  /* a new, empty file */
	if (app != STORE_APPLICATION_ID) {
		*err = util_printf(_("%s: an SQLite database that is not a margo library; "
		                   "it was left untouched"), st->path);
		return -1;
	}
	if (*version > STORE_SCHEMA_VERSION) {
		*err = util_printf(_("%s: made by a newer margo (library version %lld, this margo "
		                   "reads up to %d); it was left untouched: upgrade margo"),
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
	if (store_query_int(st, "PRAGMA user_version", &version) < 0)
		goto fail;
	if (version >= STORE_SCHEMA_VERSION)
		return store_commit(st) < 0 ? (store_rollback(st), -1) : 0;
	for (int64_t v = version; v < STORE_SCHEMA_VERSION; v++)
		if (exec(st, store_migrations[v]) < 0)
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
	/* A library from before v15: its mentions are resolved in their
	 * articles now, with the corrections it has, and its bare names kept
	 * apart list the people they fit. */
	if (version > 0 && version < 15 && store_entities_rebuild(st) < 0)
		goto fail;
	return 0;
fail:
	*err = open_error(st, _("cannot set up the library"));
	store_rollback(st);
	return -1;
}

int store_open(const char *path, enum store_open_mode mode, struct store **out,
               char **err)
{
	*out = NULL;
	*err = NULL;
	const char *ro = mode == STORE_OPEN_READ ? NULL : store_why_readonly(path);
	if (ro && mode == STORE_OPEN_WRITE) {
		*err = util_printf(_("%s: the library is read-only (%s); nothing was changed"),
		                   path, ro);
		return -1;
	}
	if (ro)
		mode = STORE_OPEN_READ;
	/* A shared library: every file made beside it is the group's. */
	store_share_umask(path);
	if (store_check_file(path, mode, err) < 0)
		return -1;
	struct store *st = calloc(1, sizeof *st);
	if (!st || !(st->path = util_strdup(path))) {
		free(st);
		*err = util_strdup(_("out of memory"));
		return -1;
	}
	st->readonly = mode == STORE_OPEN_READ;
	/* Reading a library that could be written: the connection is opened
	 * read-write all the same, with query_only set (configure_connection),
	 * so that as the last one to close it SQLite removes the -wal and -shm
	 * files it made on opening; a read-only connection cannot, and would
	 * leave them beside the library. */
	bool writable = !ro && (mode != STORE_OPEN_READ || !store_why_readonly(path));
	int flags = SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_FULLMUTEX |
	            (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY);
	char *uri = !writable ? store_immutable_uri(path) : NULL;
	if (uri)
		flags |= SQLITE_OPEN_URI;
	int orc = sqlite3_open_v2(uri ? uri : path, &st->db, flags, NULL);
	free(uri);
	if (orc != SQLITE_OK) {
		*err = util_printf(_("%s: cannot open: %s"), path,
		                   st->db ? sqlite3_errmsg(st->db) : _("out of memory"));
		goto fail;
	}
	int64_t version = 0;
	/* Wait for another process's lock from the very first query. */
	sqlite3_busy_timeout(st->db, BUSY_WAIT_MS);
	if (search_register_tokenizer(st->db) < 0) {
		*err = util_printf(_("%s: cannot set up full-text search (FTS5)"), path);
		goto fail;
	}
	if (store_list_setup(st) < 0) {
		*err = util_printf(_("%s: cannot set up the article list"), path);
		goto fail;
	}
	if (check_identity(st, &version, err) < 0 ||
	    configure_connection(st, err) < 0)
		goto fail;
	if (st->readonly) {
		if (version == 0) {
			/* Empty: just made by a margo that has not set it up yet. */
			*err = util_printf(_("%s: no library here yet (run \"margo add PATH\" first)"), path);
			goto fail;
		}
		if (version < STORE_SCHEMA_VERSION) {
			*err = util_printf(_("%s: library needs an upgrade; open it once for writing"), path);
			goto fail;
		}
	} else if (migrate(st, err) < 0) {
		goto fail;
	} else if (store_journal_setup(st) < 0) {
		*err = open_error(st, _("cannot set up the journal of changes"));
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
	for (size_t i = 0; i < st->n_cache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	free(st->cache);
	free(st->to_index);
	free(st->undone);
	free(st->coder);
	form_cache_clear(&st->forms);
	if (st->db)
		sqlite3_close_v2(st->db);
	free(st->path);
	free(st);
	*pst = NULL;
}

int store_prepare(struct store *st, const char *sql, sqlite3_stmt **s)
{
	return sqlite3_prepare_v2(st->db, sql, -1, s, NULL) == SQLITE_OK ? 0 : -1;
}

int store_cached(struct store *st, const char *sql, sqlite3_stmt **s)
{
	for (size_t i = 0; i < st->n_cache; i++)
		if (st->cache[i].sql == sql) {
			*s = st->cache[i].stmt;
			sqlite3_reset(*s);
			sqlite3_clear_bindings(*s);
			return 0;
		}
	void *grown = util_grow(st->cache, &st->cap_cache, st->n_cache, sizeof *st->cache);
	if (!grown)
		return -1;
	st->cache = grown;
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, s, NULL) != SQLITE_OK)
		return -1;
	st->cache[st->n_cache++] = (struct cached_stmt){ sql, *s };
	return 0;
}

/* Run one statement without results, prepared once per handle (`sql` is
 * a string constant, known by its address). */
static int run_cached(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	if (store_cached(st, sql, &s) < 0)
		return -1;
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

int store_mark_entities_stale(struct store *st)
{
	if (st->stale_marked)
		return 0;
	if (run_cached(st, "INSERT OR REPLACE INTO meta(key, value) VALUES ('entities_stale', '1')") < 0)
		return -1;
	st->stale_marked = true;
	return 0;
}

int store_read_begin(struct store *st)
{
	return run_cached(st, "BEGIN");
}

int store_read_end(struct store *st)
{
	return run_cached(st, "COMMIT");
}

int store_savepoint(struct store *st)
{
	return run_cached(st, "SAVEPOINT one");
}

int store_savepoint_release(struct store *st)
{
	return run_cached(st, "RELEASE one");
}

int store_savepoint_rollback(struct store *st)
{
	/* What was written inside it goes: the mark, and forms made there. */
	st->stale_marked = false;
	form_cache_clear(&st->forms);
	int rc = run_cached(st, "ROLLBACK TO one");
	return run_cached(st, "RELEASE one") < 0 || rc < 0 ? -1 : 0;
}

char *store_column_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? util_strdup((const char *)t) : NULL;
}
