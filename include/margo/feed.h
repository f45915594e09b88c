/*
 * feed.h: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 feeds into items.
 *
 * A feed is parsed from bytes by libxml2's XML parser, which never loads
 * anything from outside (no network, no external entity, no DTD) and
 * keeps its own limits on depth and size.  Each item's text comes from
 * content:encoded, else atom:content, else description or summary; text
 * given as HTML (escaped, CDATA, type="html" or "xhtml") is made plain:
 * one paragraph per block, separated by blank lines, scripts and styles
 * dropped, entities decoded, no markup left.  Everything returned is
 * valid UTF-8.
 */
#ifndef MARGO_FEED_H
#define MARGO_FEED_H

#include <stdbool.h>
#include <stddef.h>

enum feed_kind { FEED_NONE, FEED_RSS, FEED_RDF, FEED_ATOM };

/* Any field may be NULL (absent or empty). */
struct feed_item {
	char *title;   /* markup stripped, spaces collapsed */
	char *link;    /* the item's web page */
	char *date;    /* ISO 8601: "2024-03-05T10:00:00+01:00", or a date alone */
	char *author;
	char *id;      /* guid, rdf:about or atom:id */
	char *text;    /* paragraphs separated by blank lines */
	/* The text stands for an article it does not hold: the item has only
	 * a summary (description, atom:summary), or its content is no longer
	 * than its summary, or it is shorter than FEED_TEASER_CHARS characters
	 * and ends in an ellipsis ("...", "…", "[…]"). */
	bool teaser;
};

#define FEED_TEASER_CHARS 600

struct feed {
	enum feed_kind kind;
	struct feed_item *items;
	size_t n;
	char *self;    /* the feed's own id or page: atom:id, else its link */
	char *title;   /* the feed's title (channel or feed), one line, or NULL */
	/* Not well-formed: libxml2's first error (one line, no control
	 * characters) and its line; what was read before it is in items. */
	char *error;
	int error_line;
};

/* Parse `data`: 1 a feed (out filled; it may hold no item), 0 not a feed
 * (not XML, or its root is not rss, rdf:RDF or feed), -1 out of memory. */
int feed_parse(const char *data, size_t len, struct feed *out);
void feed_free(struct feed *f);

/* HTML made plain text (as item texts are); NULL when out of memory. */
char *feed_html_text(const char *html, size_t len);

/* An RFC 822 date (with the variants found in feeds) or an RFC 3339 /
 * ISO 8601 one as ISO 8601, keeping the zone given; NULL when it cannot
 * be read for certain. */
char *feed_parse_date(const char *s);

#endif
