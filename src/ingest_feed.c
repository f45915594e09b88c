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
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/feed.h"
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

static char *item_key(const char *path, const struct feed *f, const struct feed_item *it)
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
		char *key = item_key(path, &f, it);
		if (key && (!it->date || date)) {
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
