/*
 * ingest_url.c: a document fetched from the web, held in memory, into the
 * library under its address: a feed (its root element says so, as
 * feed_parse() reads it) loads its items as a feed file's do, anything
 * else is read as a web page whose url is the address.  The same bytes
 * fetched again change nothing; a changed feed item is updated.  A feed
 * given with the linked pages of its items is read again all the same.
 */
#include <config.h>

#include <string.h>

#include "margo/feed.h"
#include "margo/i18n.h"
#include "margo/util.h"
#include "ingest_impl.h"

void ingest_buffer(struct walk *w, const struct ingest_buffer *b)
{
	w->rep->files++;
	struct store_file prev, cur = { .size = (int64_t)b->len, .mtime_ns = 0 };
	util_hash_hex(b->data, b->len, cur.hash);
	int known = store_file_get(w->st, b->key, &prev);
	if (known < 0) {
		ingest_library_error(w, _("cannot read the library"));
		return;
	}
	struct feed f;
	int feed = feed_parse(b->data, b->len, &f);
	if (feed < 0) {
		ingest_report(w, b->key, _("out of memory; skipped"));
		w->rep->problems++;
		return;
	}
	if (feed)
		feed_free(&f);
	/* (pages fetched for its items make a feed read again) */
	if (known == 1 && prev.has_articles && strcmp(prev.hash, cur.hash) == 0 && !b->n_pages) {
		w->rep->unchanged++;
		if (feed)
			w->rep->feed_files++;
		else
			w->rep->page_files++;
		return;
	}
	if (ingest_batch_open(w) < 0)
		return;
	w->buffer = b;
	if (!feed) {
		w->rep->page_files++;
		ingest_html(w, b->key, &cur, b->data, b->len, false);
	} else {
		struct store_file rec = cur;
		rec.size = -1;
		rec.hash[0] = '\0';
		if (ingest_file_begin(w, b->key, &rec) == 0) {
			cur.id = rec.id;
			if (ingest_feed(w, b->key, cur.id, b->data, b->len) >= 0 && !ingest_stopping(w))
				ingest_file_done(w, b->key, &cur, false);
		}
	}
	w->buffer = NULL;
}
