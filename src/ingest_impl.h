/*
 * ingest_impl.h: what ingest.c (files, folders, the write pipeline) and
 * ingest_jsonl.c (JSON Lines files) share.  Private to the two.
 */
#ifndef MARGO_INGEST_IMPL_H
#define MARGO_INGEST_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <sqlite3.h>

#include "margo/corpus.h"
#include "margo/ingest.h"
#include "margo/store.h"

#define INGEST_MAX_FILE (256L * 1024 * 1024)  /* larger files are refused */
#define INGEST_MAX_LINE (64L * 1024 * 1024)   /* longer JSON Lines lines too */

/* Where a JSON Lines file stands once an article is committed (its line
 * ends `bytes` into the file, the `lines`th line; `hash` of those bytes),
 * and the article of an older library it takes over (adopt, or 0). */
struct ingest_pos {
	int64_t bytes, lines;
	char hash[17];
	int64_t adopt;
};

struct visited {
	dev_t dev;
	ino_t ino;
};

struct pending;
struct ingest_worker;
struct legacy;

/* One ingest_paths() call. */
struct walk {
	struct store *st;
	const struct ingest_options *opt;
	struct ingest_report *rep;
	struct visited *seen;     /* folders entered, to stop loops */
	size_t n_seen, cap_seen;
	const char *root;         /* real path of the folder given, or NULL */
	int in_batch;             /* articles written in the open transaction */
	bool failed;              /* a library error: stop */
	size_t utf16_invalid;     /* lone surrogates of the file being read */
	size_t saved_added, saved_updated;  /* counts at the last commit */
	sqlite3_stmt *json;       /* JSON field extraction through SQLite */
	struct pending *queue, *queue_tail;  /* handed to the worker, not yet
	                           * written, in input order (see put_article) */
	size_t queued, queued_bytes;  /* articles, and their bytes of text */
	bool draining;            /* writing from the queue */
	struct ingest_worker *worker;  /* prepares articles (NULL: this thread does) */
	bool counting;            /* the first walk: sizes only, no reports */
	double batch_started;     /* when the open transaction began */
	bool reading;             /* a read transaction is open (see read_begin) */
	double read_started;
	struct ingest_progress pr;
	double started, last_shown;
	char *const *paths;       /* what was given, for count_totals() */
	size_t n_paths;
	bool counted;             /* pr holds the totals */
	struct legacy *legacy;    /* the JSON Lines file's articles keyed by line */
	size_t n_legacy;
	int64_t put_file;         /* the file of the last article written ... */
	size_t put_count;         /* ... and how many of its articles in a row */
	struct ingest_skipped_kind *skipped;  /* files of kinds margo does not read */
	size_t n_skipped, cap_skipped;
	const struct ingest_buffer *buffer;  /* the document in memory being read */
};

/* A problem with one input, told once through the caller's callback. */
void ingest_report(struct walk *w, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The library failed: told once, and the walk stops. */
void ingest_library_error(struct walk *w, const char *what);
/* Open the batch's transaction if none is open: 0 or -1 (reported). */
int ingest_batch_open(struct walk *w);
/* Commit the open batch, if any: 0 or -1 (reported). */
int ingest_batch_close(struct walk *w);
/* One article written in the open batch, which is committed when it is
 * full or half a second old: 0 or -1 (reported). */
int ingest_article_done(struct walk *w);
bool ingest_has_suffix(const char *name, const char *suffix);
/* ingest_pipeline.c: the worker that prepares articles (NULL when no
 * thread can be started: then this thread does), handing one article's
 * text to the pipeline, and writing all that waits in it. */
struct ingest_worker *ingest_worker_start(void);
void ingest_worker_stop(struct ingest_worker *k);
int ingest_pipeline_flush(struct walk *w);
int ingest_text(struct walk *w, const char *key, const char *path, int64_t file_id,
                const char *raw, size_t len, const struct corpus_hints *hints,
                const char *url, const struct ingest_pos *pos);
/* The same for a web page's article: what its extraction left out
 * (page->dropped, taken from it) is stored with the lines the parse drops. */
struct html_page;
int ingest_page_text(struct walk *w, const char *key, const char *path, int64_t file_id,
                     const char *raw, size_t len, const struct corpus_hints *hints,
                     const char *url, const struct ingest_pos *pos, struct html_page *page);
/* A file's row while it loads (f->size -1, f->hash ""), written in the
 * open batch; sets f->id.  0 or -1 (reported). */
int ingest_file_begin(struct walk *w, const char *path, struct store_file *f);
/* The file's articles are all handed to the pipeline: once they are
 * written, its row is recorded as loaded (`f` as it is on disk) in the
 * same transaction, or forgotten when it gave no article (`resumed`: some
 * came in a load before). */
void ingest_file_done(struct walk *w, const char *path, const struct store_file *f,
                      bool resumed);
/* The caller asked the load to stop (a signal): nothing more is read. */
bool ingest_stopping(const struct walk *w);

/* ingest_jsonl.c: a JSON Lines file in memory (one decoded from UTF-16:
 * 1 when it gave articles, 0 none, -1 library error), or read from fd a
 * line at a time (1 done, 0 when it must be read whole: a UTF-16
 * byte-order mark). */
int ingest_jsonl(struct walk *w, const char *path, int64_t file_id, const char *data,
                 size_t len);
int ingest_jsonl_stream(struct walk *w, const char *path, int fd, int known,
                        const struct store_file *prev, struct store_file *cur);

/* ingest_html.c: a web page's bytes as read (gz: compressed), its article
 * handed to the pipeline, or the page reported. */
void ingest_html(struct walk *w, const char *path, struct store_file *cur,
                 const char *data, size_t len, bool gz);
/* A file margo reads, by its name: .txt, .jsonl, or a web page. */
bool ingest_readable_name(const char *name);
/* ingest_feed.c: whether a file's name is one a feed may have (.rss,
 * .atom, .xml), and a feed file in memory, one article an item (1 when it
 * gave articles, 0 none or not a feed, reported; -1 library error). */
bool ingest_is_feed_name(const char *name);
int ingest_feed(struct walk *w, const char *path, int64_t file_id, const char *data,
                size_t len);
/* ingest_url.c: a document in memory (fetched), a feed or a web page. */
void ingest_buffer(struct walk *w, const struct ingest_buffer *b);

#endif
