/*
 * html_impl.h: what html_extract.c (charset, metadata) and html_body.c
 * (the article's body) share.
 */
#ifndef MARGO_HTML_IMPL_H
#define MARGO_HTML_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/HTMLparser.h>

/* The article's body in `doc` (which it changes: boilerplate is removed):
 * paragraphs joined by "\n\n", malloc'd; NULL when the page has none, or
 * when memory runs out (*oom set). */
char *html_body(htmlDocPtr doc, bool *oom);

/* All the text of `doc`, a paragraph per block, as html_body() reads the
 * article's: malloc'd; NULL when there is none or memory runs out (*oom). */
char *html_text(htmlDocPtr doc, bool *oom);

/* The name of an element, lowercase as the HTML parser gives it, or "". */
const char *html_name(const xmlNode *n);
/* The next node of a walk in document order below `root`, into the
 * children when `descend`; NULL at the end.  No recursion: a page of
 * 100,000 nested elements is walked like a flat one. */
xmlNode *html_next(xmlNode *n, const xmlNode *root, bool descend);
/* An attribute's value (malloc'd by libxml2: xmlFree it), or NULL. */
char *html_attr(const xmlNode *n, const char *name);

#endif
