/*
 * store.h: the library, one SQLite file holding every article's canonical
 * text, metadata, paragraphs and sentences (and, later, entities and
 * annotations).
 *
 * One connection set-up (WAL, synchronous=FULL, foreign keys, busy timeout,
 * defensive mode, no trusted schema), a versioned schema migrated under
 * BEGIN IMMEDIATE, prepared statements with bound parameters only.  A file
 * that is not margo's, or comes from a newer margo, is refused and left
 * untouched.
 */
#ifndef MARGO_STORE_H
#define MARGO_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "margo/corpus.h"

#define STORE_APPLICATION_ID 0x4d52474f  /* "MRGO" */
#define STORE_SCHEMA_VERSION 18

struct store;
struct store_annot_counts;

enum store_open_mode {
	STORE_OPEN_READ,      /* must exist; never written */
	STORE_OPEN_WRITE,     /* created (0600, folder 0700) when missing;
	                         refused when the file or folder is read-only */
	STORE_OPEN_WRITE_OR_READ,  /* as WRITE, but a library that cannot be
	                         written opens read-only (see store_readonly) */
};

/* Open the library at `path`.  On failure returns -1 and a malloc'd
 * message for the user in *err (which names the file). */
int store_open(const char *path, enum store_open_mode mode, struct store **out,
               char **err);
void store_close(struct store **st);
sqlite3 *store_db(struct store *st);
const char *store_path(const struct store *st);
/* True when the library was opened read-only. */
bool store_readonly(const struct store *st);
/* Who writes through this connection: the coder recorded with every
 * annotation, link and journal entry made from now on.  NULL or "":
 * the login name (the password database's, else $USER, else
 * "unknown").  The name must be text without control characters:
 * -2 with nothing changed when it is not; 0, or -1 out of memory. */
int store_set_coder(struct store *st, const char *name);
/* Whether `name` is a coder's name as store_set_coder takes it. */
bool store_coder_name_ok(const char *name);
/* The coder in force (never NULL while memory lasts). */
const char *store_coder(struct store *st);
/* The login name as above, malloc'd (NULL: no memory). */
char *store_login_name(void);

/* The last SQLite error, for messages: a full disk (or a file grown past
 * its size limit) and a read-only library are said in plain words. */
const char *store_errmsg(struct store *st);

/* Check the library: SQLite's integrity_check and foreign_key_check, and
 * every table, index, view and trigger of the schema present.
 * 1 sound, 0 damaged (what is wrong in *report, malloc'd, a line each),
 * -1 when the checks could not run. */
int store_check(struct store *st, char **report);
/* Loads that did not finish: files left loading (a load stopped part
 * way) and files recorded as loaded without any article (what an older
 * margo could leave).  Not damage: the next "margo add" of the same
 * files mends both.  1 none, 0 some (told in *report, malloc'd, a line
 * each), -1 when the check could not run. */
int store_check_loads(struct store *st, char **report);

/* Write transactions: BEGIN IMMEDIATE, COMMIT, ROLLBACK.  0 or -1. */
int store_begin(struct store *st);
/* A read transaction (BEGIN ... COMMIT), for many look-ups in a row.
 * 0 or -1. */
int store_read_begin(struct store *st);
int store_read_end(struct store *st);
/* A savepoint inside a write transaction, so one article's failure loses
 * nothing else: begun, released, or rolled back (and released).  Prepared
 * once, as a load takes one for every article.  0 or -1. */
int store_savepoint(struct store *st);
int store_savepoint_release(struct store *st);
int store_savepoint_rollback(struct store *st);
/* For a bulk load (margo add): commits no longer wait for the disk (in
 * WAL mode a crash still loses nothing committed before the last
 * checkpoint and never corrupts; a power cut may lose the last batches,
 * which the next "margo add" loads again), a larger page cache, and
 * temporary data (savepoints' page copies) kept in memory. */
int store_bulk_mode(struct store *st);
int store_commit(struct store *st);
int store_rollback(struct store *st);

/* ---- files seen by ingest ------------------------------------------ */
/* A file's row is loaded (size and hash set) only in the transaction that
 * writes its last article.  While it loads, its size is -1 and its hash
 * empty, so a load stopped at any moment is never taken for "unchanged";
 * a JSON Lines file also records how far it is committed (done_bytes,
 * done_lines, and the hash of those bytes), so the next load resumes there. */
struct store_file {
	int64_t id;
	int64_t size;             /* -1 while loading */
	int64_t mtime_ns;
	char hash[17];            /* "" while loading */
	int64_t done_bytes;       /* JSON Lines: bytes committed, 0 when none */
	int64_t done_lines;       /* ... the lines they hold */
	char done_hash[17];       /* ... the hash of those bytes */
	bool has_articles;        /* some article comes from it (store_file_get) */
};
/* 1 found, 0 not found, -1 error. */
int store_file_get(struct store *st, const char *path, struct store_file *f);
/* Insert or update every field but has_articles; sets f->id. */
int store_file_put(struct store *st, const char *path, struct store_file *f);
/* A JSON Lines file committed up to `bytes` (its first `lines` lines,
 * whose hash is `hash`), in the transaction of the article of its last
 * line.  0 or -1. */
int store_file_progress(struct store *st, int64_t id, int64_t bytes, int64_t lines,
                        const char *hash);
/* Forget the row of a file that gave no article, unless some article
 * still comes from it.  0 or -1. */
int store_file_forget_if_empty(struct store *st, int64_t id);

/* ---- articles ------------------------------------------------------- */
struct store_article_in {
	const char *key;          /* unique: the file path, url, path#id:ID or path#text:HASH */
	int64_t file_id;          /* 0 for none */
	const char *source_hash;  /* hash of the input the article came from */
	const char *url;          /* or NULL */
	const char *origin;       /* outlet or file name shown in the list */
	const struct corpus_article *parsed;
	struct store_annot_counts *anchors;  /* re-anchoring tallies, or NULL */
};

enum store_put_result { STORE_PUT_ADDED, STORE_PUT_UPDATED, STORE_PUT_SAME };

/* Whether the article of `key` is in the library from the same source
 * (source_hash): 1 yes, 0 no (absent or changed), -1 on error. */
int store_article_unchanged(struct store *st, const char *key, const char *source_hash);

/* Give article `id` the key `key` (an article of an older library, known
 * by its line number, taken over by the line of the same text), unless
 * another article has that key already.  0 or -1. */
int store_article_rekey(struct store *st, int64_t id, const char *key);
/* The articles of JSON Lines file `path` still keyed by their line number
 * ("path#N"): each one's id and source hash, through fn (which returns
 * 0, or -1 to stop).  0 or -1. */
int store_line_keyed(struct store *st, const char *path,
                     int (*fn)(void *ctx, int64_t id, const char *source_hash), void *ctx);

/* Add or refresh one article (inside the caller's transaction).  An article
 * whose source_hash is unchanged is left alone.  The id is stable across
 * refreshes.  Returns 0 or -1. */
int store_article_put(struct store *st, const struct store_article_in *in,
                      int64_t *id, enum store_put_result *result);

int store_article_count(struct store *st, int64_t *n);

/* One row of the article list. */
struct store_row {
	int64_t id;
	char *title;
	char *date;               /* or NULL */
	char *origin;             /* or NULL */
	bool read;                /* marked read (store_reading.h) */
};
/* Rows `offset` .. offset+limit-1 of the list (ordered by id). */
int store_rows(struct store *st, int64_t offset, int limit,
               struct store_row **rows, size_t *n);
void store_rows_free(struct store_row *rows, size_t n);
/* Position (0-based) of article `id` in the list; -1 if absent. */
int64_t store_article_index(struct store *st, int64_t id);

struct store_para {
	int64_t id;               /* the passage id */
	int n;                    /* 1-based number in the article */
	enum corpus_para_kind kind;
	size_t start, end;        /* bytes into body */
	size_t cp_start, cp_end;  /* code points into body */
};

struct store_sentence {
	int para;                 /* index into paras */
	size_t start, end;        /* bytes into body */
	size_t cp_start, cp_end;
};

struct store_article {
	int64_t id;
	char *key;
	char *title;
	bool title_guessed;
	char *subtitle;
	char *author;
	char *date;
	char *url;
	char *origin;
	char *added;
	char *body;
	size_t body_len;
	struct store_para *paras;
	size_t n_paras;
	struct store_sentence *sentences;
	size_t n_sentences;
};

/* Load one article with its paragraphs and sentences.  1 found, 0 not
 * found, -1 error. */
int store_article_get(struct store *st, int64_t id, struct store_article *a);
void store_article_free(struct store_article *a);

/* Visit passages (paragraphs) of one article, or of all when article is 0,
 * in order.  The callback's text is the paragraph.  A non-zero return from
 * the callback stops the walk and is returned. */
typedef int (*store_passage_fn)(void *ctx, int64_t id, int64_t article, int n,
                                enum corpus_para_kind kind, const char *text,
                                size_t len);
int store_passages(struct store *st, int64_t article, store_passage_fn fn,
                   void *ctx);

/* Boilerplate lines dropped from an article, for `show`. */
typedef int (*store_dropped_fn)(void *ctx, const char *kind, const char *text);
int store_dropped(struct store *st, int64_t article, store_dropped_fn fn,
                  void *ctx);

#endif
