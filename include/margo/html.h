/*
 * html.h: a web page's article and its metadata.
 *
 * html_extract() reads the bytes of a page (any charset: a byte-order
 * mark, then the page's own <meta> declaration, then the caller's hint,
 * else UTF-8 when the bytes are valid UTF-8, else Windows-1252), parses
 * them with libxml2's HTML parser (no network, no external entities) and
 * finds the article's body by scoring the page's blocks by their
 * paragraphs' text (html_body.c).  Metadata comes from JSON-LD, Open
 * Graph, <link rel=canonical>, <time datetime> and <title>.
 *
 * What the extraction leaves out is kept too, block by block in page
 * order (its kind: navigation, banner, share, related, comments, caption,
 * low-score, ...; and its text, white space as single spaces): at most
 * HTML_LEFT_MAX_BLOCKS blocks and HTML_LEFT_MAX_BYTES of text a page,
 * HTML_LEFT_BLOCK_BYTES a block (cut with an ellipsis); the blocks
 * beyond are counted in `more`.
 */
#ifndef MARGO_HTML_H
#define MARGO_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "margo/corpus.h"

#define HTML_LEFT_MAX_BLOCKS 200
#define HTML_LEFT_MAX_BYTES (64 * 1024)
#define HTML_LEFT_BLOCK_BYTES 4096

struct html_page {
	char *title;    /* each malloc'd UTF-8, or NULL when the page has none */
	char *author;
	char *date;     /* ISO 8601: "2023-09-12" */
	char *site;
	char *url;      /* the canonical address */
	char *text;     /* the body: paragraphs joined by "\n\n"; NULL: none found */
	struct corpus_dropped *dropped;  /* what was left out, in page order */
	size_t n_dropped;
	size_t more;    /* blocks left out beyond those kept in `dropped` */
};

/* 0 (out filled; out->text NULL when the page has no article body), -1
 * out of memory, -2 the bytes could not be parsed as a page at all. */
int html_extract(const char *data, size_t len, const char *charset_hint,
                 struct html_page *out);
void html_page_free(struct html_page *p);

/* True when `name` ends in .html, .htm or .xhtml, optionally followed by
 * .gz (*gz set then). */
bool html_is_page_name(const char *name, bool *gz);

/* Inflate gzip data, stopping at `max` bytes: 0 (malloc'd *out, *out_len),
 * -1 out of memory, -2 not gzip data or damaged, -3 larger than max. */
int html_gunzip(const char *data, size_t len, size_t max, char **out, size_t *out_len);

#endif
