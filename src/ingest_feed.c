/*
 * ingest_feed.c: RSS and Atom feed files, one article an item.
 *
 * A file ending .rss, .atom or .xml is a feed when its root element says
 * so (rss, rdf:RDF or Atom's feed); a .xml that is not one is skipped with
 * a line.  Each item is handed to the pipeline as a JSON Lines article is:
 * its text, its title, date and author as hints, its link as the url.
 * Its identity is its id (guid, rdf:about, atom:id), else its link, else
 * a hash of its title and text: an id that is a URI (it has a scheme, as
 * "http:", "urn:" or "tag:") is the item's wherever it is found (the same
 * item in two saved copies of a feed is one article), any other only
 * within its feed (named by its atom:id or link, else by the file).  Loading a feed again changes nothing; an item whose
 * text changed is updated (its annotations placed again); items gone from
 * the feed stay, as a feed shows only its latest items.
 *
 * An item that carries only a summary (feed_item.teaser) may come with
 * the article of the page it links to (ingest_buffer.pages, fetched by
 * margo fetch --fetch-pages): that article is its text, with the page's
 * title, author and date (else the feed's), and the feed_page table
 * remembers it.  Such an item, its summary unchanged, keeps its page in
 * every later load, with or without a page given.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/feed.h"
#include "margo/store_feed.h"
#include "margo/text.h"
#include "margo/util.h"
#include "ingest_impl.h"
#include "margo/i18n.h"

bool ingest_is_feed_name(const char *name)
{
	return ingest_has_suffix(name, ".rss") || ingest_has_suffix(name, ".atom") ||
	       ingest_has_suffix(name, ".xml");
}

/* "scheme:" at the start (RFC 3986: a letter, then letters, digits, + - .). */
static bool has_scheme(const char *s)
{
	size_t i = 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	for (i = 1; s[i] && s[i] != ':'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == '.'))
			return false;
	return s[i] == ':' && s[i + 1];
}

char *ingest_feed_item_key(const char *path, const struct feed *f, const struct feed_item *it)
{
	if (it->id && has_scheme(it->id))
		return util_strdup(it->id);
	if (it->id)
		return util_printf("%s#id:%s", f->self ? f->self : path, it->id);
	if (it->link)
		return util_strdup(it->link);
	uint64_t h = util_fnv1a_more(UTIL_FNV1A_INIT, it->title ? it->title : "",
	                             it->title ? strlen(it->title) + 1 : 1);
	h = util_fnv1a_more(h, it->text, strlen(it->text));
	return util_printf("%s#text:%016llx", path, (unsigned long long)h);
}

static int by_item(const void *key, const void *elem)
{
	return strcmp(key, ((const struct ingest_page *)elem)->item);
}

/* The page fetched for the item keyed `key`, or NULL. */
static const struct ingest_page *page_of(const struct walk *w, const char *key)
{
	const struct ingest_buffer *b = w->buffer;
	if (!b || !b->n_pages)
		return NULL;
	return bsearch(key, b->pages, b->n_pages, sizeof *b->pages, by_item);
}

/* A teaser item: left as it is when loaded with its page before (1), read
 * from the page given (1), or neither (0); -1 library error. */
static int item_page(struct walk *w, const char *path, int64_t file_id, const char *key,
                     const struct feed_item *it, const char *date)
{
	char summary[17];
	util_hash_hex(it->text, strlen(it->text), summary);
	const struct ingest_page *pg = page_of(w, key);
	if (!pg) {
		int kept = store_feed_page_kept(w->st, key, summary);
		if (kept < 0) {
			ingest_library_error(w, _("cannot read the library"));
			return -1;
		}
		if (kept)
			w->rep->unchanged++;
		return kept;
	}
	char page[17];
	util_hash_hex(pg->text, strlen(pg->text), page);
	if (ingest_batch_open(w) < 0)
		return -1;
	if (store_feed_page_put(w->st, key, summary, page) < 0) {
		ingest_library_error(w, _("cannot write to the library"));
		return -1;
	}
	struct corpus_hints hints = { .title = pg->title ? pg->title : it->title,
	                              .author = pg->author ? pg->author : it->author,
	                              .date = pg->date ? pg->date : date };
	ingest_text(w, key, path, file_id, pg->text, strlen(pg->text), &hints, it->link, NULL);
	return 1;
}

int ingest_feed(struct walk *w, const char *path, int64_t file_id, const char *data, size_t len)
{
	struct feed f;
	int rc = feed_parse(data, len, &f);
	if (rc < 0) {
		ingest_report(w, path, _("out of memory; skipped"));
		w->rep->problems++;
		return 0;
	}
	if (rc == 0) {
		ingest_report(w, path, _("not an RSS or Atom feed; skipped"));
		w->rep->problems++;
		return 0;
	}
	w->rep->feed_files++;
	if (f.error) {
		ingest_report(w, path, _("not well-formed XML (line %d: %s); what comes before is read"),
		              f.error_line, f.error);
		w->rep->problems++;
	}
	size_t articles = 0, empty = 0;
	for (size_t i = 0; i < f.n && !w->failed && !ingest_stopping(w); i++) {
		const struct feed_item *it = &f.items[i];
		if (!it->text || !*it->text) {
			empty++;
			continue;
		}
		w->rep->feed_items++;
		/* The date of the day the feed gives, in its own zone. */
		char *date = it->date ? util_strndup(it->date, 10) : NULL;
		struct corpus_hints hints = { .title = it->title, .author = it->author, .date = date };
		const char *url = it->link ? it->link : NULL;
		char *key = ingest_feed_item_key(path, &f, it);
		int paged = 0;
		if (key && (!it->date || date) && it->teaser &&
		    (paged = item_page(w, path, file_id, key, it, date)) < 0) {
			free(key);
			free(date);
			break;
		}
		if (paged) {
			articles++;
		} else if (key && (!it->date || date)) {
			ingest_text(w, key, path, file_id, it->text, strlen(it->text), &hints, url, NULL);
			articles++;
		} else {
			ingest_report(w, path, _("out of memory; skipped"));
			w->rep->problems++;
		}
		free(key);
		free(date);
	}
	if (empty)
		ingest_report(w, path, ngettext("%zu item without text skipped",
		                                "%zu items without text skipped", empty),
		              empty);
	if (f.n == 0)
		ingest_report(w, path, _("a feed with no items; nothing added"));
	feed_free(&f);
	return w->failed ? -1 : articles > 0 ? 1 : 0;
}
