/*
 * store_feed.h: the feeds subscribed to (the feed table), with what the
 * last fetch of each gave: the validators for a conditional request, when
 * it was, and its error.  A feed's items are the articles of the file row
 * keyed by its address.
 */
#ifndef MARGO_STORE_FEED_H
#define MARGO_STORE_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "margo/store.h"

struct store_feed {
	char *url, *title, *etag, *last_modified, *last_fetch, *last_error;
	int64_t items;   /* articles loaded from it */
};

/* Add a subscription, or keep the one there: 1 added, 0 there already, -1. */
int store_feed_add(struct store *st, const char *url);
/* The outcome of a fetch: title, etag and last_modified are changed only
 * when not NULL; error NULL clears the last error.  last_fetch is now. */
int store_feed_fetched(struct store *st, const char *url, const char *title, const char *etag,
                       const char *last_modified, const char *error);
/* 1 removed, 0 no such subscription, -1. */
int store_feed_remove(struct store *st, const char *url);
/* Every subscription, by address: 0 or -1. */
int store_feed_list(struct store *st, struct store_feed **out, size_t *n);
void store_feed_list_free(struct store_feed *f, size_t n);

#endif
