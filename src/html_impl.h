/*
 * html_impl.h: what html_extract.c (charset, metadata) and html_body.c
 * (the article's body) share.
 */
#ifndef MARGO_HTML_IMPL_H
#define MARGO_HTML_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/HTMLparser.h>

#include "margo/corpus.h"

/* What the extraction of a page leaves out (html_left.c). */
struct html_left {
	struct corpus_dropped *v;
	size_t n, cap;
	size_t bytes;     /* of text kept in v */
	size_t more;      /* blocks counted, not kept */
	bool failed;      /* memory ran out */
	size_t *place;    /* of each block on the page */
	size_t mark_n, mark_bytes, mark_more;  /* see html_left_mark() */
};

/* The article's body in `doc` (which it changes: boilerplate is removed):
 * paragraphs joined by "\n\n", malloc'd; NULL when the page has none, or
 * when memory runs out (*oom set).  What it leaves out goes to `left`
 * (when not NULL). */
char *html_body(htmlDocPtr doc, struct html_left *left, bool *oom);

/* The kind of a block that is never the article, by the words of its
 * class and id, else its element or role; else `fallback`. */
enum corpus_drop_kind html_left_kind(const xmlNode *n, enum corpus_drop_kind fallback);
/* Keep the text of `n` (an element, below which scripts and styles are
 * skipped, or a text node) as a block of that kind, within the limits of
 * html.h; a block with no text is not kept. */
void html_left_add(struct html_left *l, enum corpus_drop_kind kind, const xmlNode *n,
                   size_t place);
/* Put the blocks in the order of their places on the page. */
void html_left_sort(struct html_left *l);
/* Remember where the list stands; html_left_rewind() forgets what came
 * after (what the scoring left out, when the article comes from elsewhere). */
void html_left_mark(struct html_left *l);
void html_left_rewind(struct html_left *l);
void html_left_free(struct html_left *l);

/* All the text of `doc`, a paragraph per block, as html_body() reads the
 * article's: malloc'd; NULL when there is none or memory runs out (*oom). */
char *html_text(htmlDocPtr doc, bool *oom);

/* True for the elements that start a paragraph of text. */
bool html_is_block(const xmlNode *n);
/* The name of an element, lowercase as the HTML parser gives it, or "". */
const char *html_name(const xmlNode *n);
/* The next node of a walk in document order below `root`, into the
 * children when `descend`; NULL at the end.  No recursion: a page of
 * 100,000 nested elements is walked like a flat one. */
xmlNode *html_next(xmlNode *n, const xmlNode *root, bool descend);
/* An attribute's value (malloc'd by libxml2: xmlFree it), or NULL. */
char *html_attr(const xmlNode *n, const char *name);

#endif
