/*
 * fetch_pages.h: the pages that the items of feeds link to, for the items
 * that carry only a summary (feed_item.teaser), fetched and made into
 * articles to be read in place of their summaries (ingest_buffer.pages).
 */
#ifndef MARGO_FETCH_PAGES_H
#define MARGO_FETCH_PAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "margo/fetch.h"
#include "margo/ingest.h"
#include "margo/store.h"

/* The pages of one feed, sorted by item. */
struct feed_pages {
	struct ingest_page *pages;
	size_t n;
};

/* A page that failed: `url` is raw (sanitise before showing), `message`
 * one line. */
typedef void (*fetch_pages_message_fn)(void *ctx, const char *url, const char *message);

struct fetch_pages_report {
	size_t read;     /* pages whose article was read */
	size_t failed;   /* pages that failed: their items keep the summary */
};

/* For each feed[i] with want[i] set: the teaser items with an http or
 * https link, but for those loaded with their page before and unchanged
 * since (store_feed_page_kept), have their page fetched, all together,
 * FETCH_PARALLEL at a time, with fetch_many()'s limits; each page is read
 * by html_extract() (the charset its server gives as the hint), and out[i]
 * gets the articles.  A page that is not 2xx, not HTML, or holds no
 * article is told through `message` once.  0, or -1: out of memory or a
 * library error (said through `message` with url NULL). */
int fetch_pages(struct store *st, const struct ingest_buffer *feed, const bool *want, size_t n,
                struct feed_pages *out, fetch_progress_fn progress, void *ctx,
                fetch_pages_message_fn message, struct fetch_pages_report *rep);
void feed_pages_free(struct feed_pages *p, size_t n);

#endif
