/*
 * ingest.h: files and folders into the library.
 *
 * Reads .txt files, folders (recursively: .txt, .jsonl and web pages
 * inside, hidden entries skipped, symbolic links followed only when they
 * stay inside the folder given, loops detected), JSON Lines files of
 * {"title","text","date","author","url"} and web pages (.html, .htm,
 * .xhtml, each perhaps .gz: their article, see html.h).  Every file is read (never
 * mapped), decoded strictly, canonicalised and parsed; unchanged files are
 * skipped by size, time and content hash.  A file that cannot be used is
 * reported once through the callback and skipped; the rest still loads.
 */
#ifndef MARGO_INGEST_H
#define MARGO_INGEST_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "margo/corpus.h"
#include "margo/entity.h"
#include "margo/store.h"
#include "margo/store_annot.h"

#define INGEST_SKIPPED_KINDS 6

struct ingest_report {
	size_t files;       /* files looked at */
	size_t added;       /* articles new to the library */
	size_t updated;     /* articles whose text changed */
	size_t unchanged;   /* articles or files skipped as unchanged */
	size_t problems;    /* files (or JSONL lines) reported and skipped */
	/* Files looked at by kind (feeds: .rss, .atom and .xml files that are
	 * feeds, or were when loaded), and the items with text of the feeds
	 * read (not those found unchanged). */
	size_t text_files, jsonl_files, page_files, feed_files, feed_items;
	struct store_annot_counts anchors;  /* annotations placed again */
	bool stopped;       /* asked to stop: what was read is saved, not the rest */
	/* Files inside the folders given that margo does not read (not .txt
	 * or .jsonl), and the commonest kinds of them by suffix (".pdf", the
	 * most first; a suffix other than letters and digits, or longer than
	 * 10, is not among them): "10 .pdf, 2 .html". */
	size_t skipped;
	struct ingest_skipped_kind {
		char ext[12];
		size_t n;
	} skipped_kind[INGEST_SKIPPED_KINDS];
	size_t n_skipped_kinds;
};

/* Where a long load is: called about four times a second while loading
 * (and once at the end with done set) when ingest_options.progress is
 * set.  The totals (0 until then) come from a walk that only looks at
 * sizes, made once a load has written articles for a second. */
struct ingest_progress {
	size_t files, files_total;
	unsigned long long bytes, bytes_total;
	size_t articles;          /* added or updated so far */
	double seconds;           /* since the load began */
	bool entities;            /* every file read: the entity index is built */
	bool done;
};
typedef void (*ingest_progress_fn)(void *ctx, const struct ingest_progress *p);

/* Called once per problem: `path` is raw (sanitise before showing). */
typedef void (*ingest_message_fn)(void *ctx, const char *path, const char *message);

/* A document in memory: `key` names it in the library (its address) and
 * is a web page's url; `charset` is what its server said, or NULL. */
struct ingest_buffer {
	const char *key;
	const char *data;
	size_t len;
	const char *charset;
	/* A feed's items whose linked page was fetched: the article of each
	 * page read in place of the item's summary (sorted by item). */
	const struct ingest_page *pages;
	size_t n_pages;
};

/* The article of the page an item links to; title, author and date NULL
 * when the page has none (the feed's are taken then). */
struct ingest_page {
	char *item;   /* the item's key (ingest_feed_item_key) */
	char *text, *title, *author, *date;
};

struct feed;
struct feed_item;
/* The key of a feed's item in the library: its id when that is a URI,
 * else its id within the feed, its link, or a hash of its title and text
 * within the feed's file `path`.  NULL when out of memory. */
char *ingest_feed_item_key(const char *path, const struct feed *f, const struct feed_item *it);

struct ingest_options {
	const struct corpus_rules *rules;
	const struct entity_extractor *extractor;  /* NULL: no entity index */
	ingest_message_fn message;
	ingest_progress_fn progress;               /* NULL: none */
	void *ctx;
	/* When set and non-zero (a signal handler sets it), the load reads
	 * nothing more: the articles already read are written and committed,
	 * the files begun are left to resume, and ingest_paths returns. */
	volatile sig_atomic_t *stop;
	/* Documents already in memory (fetched from the web), read after the
	 * paths: each a feed by its content, else a web page. */
	const struct ingest_buffer *buffers;
	size_t n_buffers;
};

/* Ingest each path.  Returns 0 when the library could be written (even if
 * some files were reported), -1 on a library error (message through the
 * callback with path NULL). */
int ingest_paths(struct store *st, const struct ingest_options *opt,
                 char *const *paths, size_t n, struct ingest_report *rep);

#endif
