/*
 * store_feed.h: the feeds subscribed to (the feed table), with what the
 * last fetch of each gave: the validators for a conditional request, when
 * it was, and its error.  A feed's items are the articles of the file row
 * keyed by its address.
 */
#ifndef MARGO_STORE_FEED_H
#define MARGO_STORE_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "margo/store.h"

struct store_feed {
	char *url, *title, *etag, *last_modified, *last_fetch, *last_error;
	int64_t items;   /* articles loaded from it */
	bool pages;      /* its items' linked pages are fetched (--fetch-pages) */
};

/* Add a subscription, or keep the one there: 1 added, 0 there already, -1. */
int store_feed_add(struct store *st, const char *url);
/* The outcome of a fetch: title, etag and last_modified are changed only
 * when not NULL; error NULL clears the last error.  last_fetch is now. */
int store_feed_fetched(struct store *st, const char *url, const char *title, const char *etag,
                       const char *last_modified, const char *error);
/* Whether the linked pages of a feed's items are fetched: 0 or -1. */
int store_feed_set_pages(struct store *st, const char *url, bool pages);
/* Whether the item keyed `key` was loaded with its linked page in place
 * of the summary hashed `summary`, and holds that page's text still: 1,
 * 0, or -1. */
int store_feed_page_kept(struct store *st, const char *key, const char *summary);
/* The item `key` is loaded with the page whose text hashes to `page` in
 * place of the summary hashed `summary`: 0 or -1. */
int store_feed_page_put(struct store *st, const char *key, const char *summary,
                        const char *page);
/* 1 removed, 0 no such subscription, -1. */
int store_feed_remove(struct store *st, const char *url);
/* Every subscription, by address: 0 or -1. */
int store_feed_list(struct store *st, struct store_feed **out, size_t *n);
void store_feed_list_free(struct store_feed *f, size_t n);

#endif
