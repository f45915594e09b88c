/*
 * feed.c: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 feeds into items, with
 * libxml2's XML parser, and HTML made plain text with its HTML parser.
 *
 * Nothing outside the bytes given is read: the parser runs with
 * XML_PARSE_NONET, never substitutes entities (no XML_PARSE_NOENT) nor
 * loads a DTD, and an entity loader that refuses everything is in place
 * while it runs.  An entity a feed declares for itself is left out of the
 * text (its reference is skipped), so an entity that grows a billion
 * times, or one naming a local file, gives nothing.  The trees are walked
 * without recursion, so a deep one costs no stack; libxml2's own limits
 * (depth 256, no XML_PARSE_HUGE) bound what is built.
 *
 * Following feedparser: an item's text is content:encoded, else
 * atom:content, else description (RSS) or summary (Atom); RSS texts are
 * HTML, Atom ones as their type says.  A guid that is a permalink is the
 * link when there is none; an Atom entry without an author takes the
 * feed's; an Atom link is made absolute against xml:base.
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include "margo/feed.h"
#include "margo/text.h"
#include "margo/lineread.h"
#include "margo/util.h"

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS1 "http://purl.org/rss/1.0/"
#define NS_RSS09 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"

/* ---- plain text out of a tree --------------------------------------------- */

/* Paragraphs being made: `out` holds the finished ones, `para` the one
 * under way; a space is put between words only when text follows it. */
struct plain {
	struct buf out, para;
	bool space;
	int pre;        /* inside <pre>: lines are kept */
	bool oom;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void plain_break(struct plain *p)
{
	size_t n = p->para.len;
	while (n > 0 && is_space(p->para.data[n - 1]))
		n--;
	if (n > 0) {
		if ((p->out.len && buf_puts(&p->out, "\n\n") < 0) ||
		    buf_append(&p->out, p->para.data, n) < 0)
			p->oom = true;
	}
	buf_reset(&p->para);
	p->space = false;
}

static void plain_text(struct plain *p, const char *s)
{
	size_t newlines = 0;
	for (; *s; s++) {
		if (p->pre && (*s == '\n' || *s == ' ' || *s == '\t')) {
			if (buf_putc(&p->para, *s) < 0)
				p->oom = true;
			continue;
		}
		if (is_space(*s)) {
			p->space = p->para.len > 0;
			if (*s == '\n' && ++newlines == 2)
				plain_break(p);  /* a blank line in plain text */
			continue;
		}
		newlines = 0;
		if ((p->space && buf_putc(&p->para, ' ') < 0) || buf_putc(&p->para, *s) < 0)
			p->oom = true;
		p->space = false;
	}
}

static bool name_in(const xmlChar *name, const char *const *list)
{
	for (; *list; list++)
		if (strcasecmp((const char *)name, *list) == 0)
			return true;
	return false;
}

static const char *const block_names[] = {
	"address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
	"details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
	"footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
	"main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th",
	"tr", "ul", NULL
};
static const char *const dropped_names[] = {
	"script", "style", "noscript", "template", "head", "svg", "math", "iframe",
	"object", NULL
};

/* Called entering (leave false) and leaving an element. */
static void plain_element(struct plain *p, xmlNode *n, bool leave)
{
	if (strcasecmp((const char *)n->name, "br") == 0) {
		if (!leave && p->para.len && buf_putc(&p->para, '\n') < 0)
			p->oom = true;
		p->space = false;
	} else if (name_in(n->name, block_names)) {
		plain_break(p);
		if (strcasecmp((const char *)n->name, "pre") == 0)
			p->pre += leave ? -1 : 1;
	}
}

/* Walk the nodes from `first` on and their children, in document order,
 * without recursion.  Only text and CDATA give text; entity references
 * are skipped, never expanded. */
static void plain_walk(struct plain *p, xmlNode *first, bool markup)
{
	xmlNode *n = first, *top = first ? first->parent : NULL;
	while (n && !p->oom) {
		bool descend = false;
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				plain_text(p, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE || n->type == XML_DOCUMENT_NODE ||
		           n->type == XML_HTML_DOCUMENT_NODE) {
			bool el = n->type == XML_ELEMENT_NODE;
			if (!(el && markup && name_in(n->name, dropped_names))) {
				if (el && markup)
					plain_element(p, n, false);
				descend = n->children != NULL;
				if (!descend && el && markup)
					plain_element(p, n, true);
			}
		}
		if (descend) {
			n = n->children;
			continue;
		}
		while (n && n != top && !n->next) {
			n = n->parent;
			if (n && n != top && n->type == XML_ELEMENT_NODE && markup)
				plain_element(p, n, true);
		}
		n = n && n != top ? n->next : NULL;
	}
}

static char *plain_done(struct plain *p)
{
	plain_break(p);
	buf_free(&p->para);
	if (p->oom) {
		buf_free(&p->out);
		return NULL;
	}
	if (!p->out.data && buf_puts(&p->out, "") < 0)
		return NULL;
	char *s = buf_steal(&p->out);
	if (s && !utf8_clean(s, strlen(s))) {
		size_t n, bad;
		char *r = utf8_repair(s, strlen(s), &n, &bad);
		free(s);
		s = r;
	}
	return s;
}

/* Also used on feed texts that hold no markup: the blank lines of a plain
 * text are its paragraphs. */
static char *tree_text(xmlNode *first, bool markup)
{
	struct plain p = { 0 };
	plain_walk(&p, first, markup);
	return plain_done(&p);
}

char *feed_html_text(const char *html, size_t len)
{
	if (len > (size_t)INT32_MAX)
		return NULL;
	htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
	                                HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	                                HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
	                                HTML_PARSE_NOIMPLIED);
	if (!doc) {
		/* Nothing the HTML parser could read: no text. */
		return util_strdup("");
	}
	char *s = tree_text(doc->children, true);
	xmlFreeDoc(doc);
	return s;
}

/* ---- fields -------------------------------------------------------------- */

static bool ns_is(const xmlNode *n, const char *ns)
{
	return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

/* An element named `name`: in namespace `ns`, or (ns NULL) in none or
 * the RSS 1.0 / 0.90 one. */
static bool is_el(const xmlNode *n, const char *ns, const char *name)
{
	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name) != 0)
		return false;
	if (ns)
		return ns_is(n, ns);
	return !n->ns || ns_is(n, NS_RSS1) || ns_is(n, NS_RSS09);
}

/* The raw text of an element (its text and CDATA), trimmed; NULL when
 * empty.  *oom on failure. */
static char *raw_text(xmlNode *e, bool *oom)
{
	struct buf b = { 0 };
	xmlNode *n = e->children;
	while (n) {
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content &&
		    buf_puts(&b, (const char *)n->content) < 0) {
			*oom = true;
			break;
		}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n != e && !n->next)
			n = n->parent;
		n = n && n != e ? n->next : NULL;
	}
	size_t a = 0, z = b.len;
	while (a < z && is_space(b.data[a]))
		a++;
	while (z > a && is_space(b.data[z - 1]))
		z--;
	char *s = NULL;
	if (!*oom && z > a && !(s = util_strndup(b.data + a, z - a)))
		*oom = true;
	buf_free(&b);
	return s;
}

/* One line: every run of spaces and line ends made one space. */
static char *one_line(char *s)
{
	if (!s)
		return NULL;
	size_t k = 0;
	bool space = false;
	for (char *p = s; *p; p++) {
		if (is_space(*p)) {
			space = k > 0;
			continue;
		}
		if (space)
			s[k++] = ' ';
		s[k++] = *p;
		space = false;
	}
	s[k] = '\0';
	if (k == 0) {
		free(s);
		return NULL;
	}
	return s;
}

enum text_type { TEXT_PLAIN, TEXT_HTML, TEXT_XHTML };

/* Atom's type attribute (RSS texts are HTML). */
static enum text_type atom_type(xmlNode *e)
{
	xmlChar *t = xmlGetNoNsProp(e, (const xmlChar *)"type");
	enum text_type r = TEXT_PLAIN;
	if (t && strstr((const char *)t, "xhtml"))
		r = TEXT_XHTML;
	else if (t && strstr((const char *)t, "html"))
		r = TEXT_HTML;
	xmlFree(t);
	return r;
}

/* The plain text of an element holding text of type `type`; NULL when
 * empty or out of memory (*oom). */
static char *element_text(xmlNode *e, enum text_type type, bool *oom)
{
	char *s;
	if (type == TEXT_XHTML) {
		s = tree_text(e->children, true);
	} else {
		char *raw = raw_text(e, oom);
		if (!raw)
			return NULL;
		s = type == TEXT_HTML ? feed_html_text(raw, strlen(raw)) : NULL;
		if (type != TEXT_HTML) {
			struct plain p = { 0 };
			plain_text(&p, raw);
			s = plain_done(&p);
		}
		free(raw);
	}
	if (!s)
		*oom = true;
	else if (!*s) {
		free(s);
		s = NULL;
	}
	return s;
}

/* A title: markup stripped (an RSS title holding some is HTML), one line. */
static char *title_text(xmlNode *e, bool atom, bool *oom)
{
	enum text_type type = atom ? atom_type(e) : TEXT_PLAIN;
	if (type == TEXT_PLAIN && !atom) {
		char *raw = raw_text(e, oom);
		bool markup = raw && (strchr(raw, '<') || strchr(raw, '&'));
		free(raw);
		if (markup)
			type = TEXT_HTML;
	}
	return one_line(element_text(e, type, oom));
}

/* Set *field to `v` unless it is set already (the first wins). */
static void take(char **field, char *v)
{
	if (*field || !v)
		free(v);
	else
		*field = v;
}

static bool looks_like_url(const char *s)
{
	return s && (strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0);
}

/* An Atom link: rel "alternate" (or none), href made absolute. */
static char *atom_link(xmlNode *e)
{
	xmlChar *rel = xmlGetNoNsProp(e, (const xmlChar *)"rel");
	bool alt = !rel || strcmp((const char *)rel, "alternate") == 0;
	xmlFree(rel);
	if (!alt)
		return NULL;
	xmlChar *href = xmlGetNoNsProp(e, (const xmlChar *)"href");
	if (!href)
		return NULL;
	xmlChar *base = xmlNodeGetBase(e->doc, e);
	xmlChar *abs = base ? xmlBuildURI(href, base) : NULL;
	char *s = one_line(util_strdup((const char *)(abs ? abs : href)));
	xmlFree(abs);
	xmlFree(base);
	xmlFree(href);
	return s;
}

/* ---- items --------------------------------------------------------------- */

struct texts {
	char *encoded, *content, *summary;  /* by preference */
};

static void item_field(xmlNode *c, struct feed_item *it, struct texts *t, bool atom, bool *oom)
{
	if (atom) {
		if (is_el(c, NS_ATOM, "title"))
			take(&it->title, title_text(c, true, oom));
		else if (is_el(c, NS_ATOM, "link"))
			take(&it->link, atom_link(c));
		else if (is_el(c, NS_ATOM, "id"))
			take(&it->id, one_line(raw_text(c, oom)));
		else if (is_el(c, NS_ATOM, "published") || is_el(c, NS_ATOM, "updated")) {
			char *raw = raw_text(c, oom);
			char *d = raw ? feed_parse_date(raw) : NULL;
			free(raw);
			/* published before updated, wherever they come */
			if (d && is_el(c, NS_ATOM, "published")) {
				free(it->date);
				it->date = d;
			} else {
				take(&it->date, d);
			}
		} else if (is_el(c, NS_ATOM, "author")) {
			for (xmlNode *a = c->children; a; a = a->next)
				if (is_el(a, NS_ATOM, "name"))
					take(&it->author, one_line(raw_text(a, oom)));
		} else if (is_el(c, NS_ATOM, "content"))
			take(&t->content, element_text(c, atom_type(c), oom));
		else if (is_el(c, NS_ATOM, "summary"))
			take(&t->summary, element_text(c, atom_type(c), oom));
	} else {
		if (is_el(c, NULL, "title"))
			take(&it->title, title_text(c, false, oom));
		else if (is_el(c, NULL, "link"))
			take(&it->link, one_line(raw_text(c, oom)));
		else if (is_el(c, NULL, "guid")) {
			char *g = one_line(raw_text(c, oom));
			xmlChar *perma = xmlGetNoNsProp(c, (const xmlChar *)"isPermaLink");
			if (g && looks_like_url(g) && !(perma && strcmp((const char *)perma, "false") == 0) &&
			    !it->link && !(it->link = util_strdup(g)))
				*oom = true;
			xmlFree(perma);
			take(&it->id, g);
		} else if (is_el(c, NULL, "pubDate") || is_el(c, NS_DC, "date")) {
			char *raw = raw_text(c, oom);
			take(&it->date, raw ? feed_parse_date(raw) : NULL);
			free(raw);
		} else if (is_el(c, NULL, "author") || is_el(c, NS_DC, "creator"))
			take(&it->author, one_line(raw_text(c, oom)));
		else if (is_el(c, NS_CONTENT, "encoded"))
			take(&t->encoded, element_text(c, TEXT_HTML, oom));
		else if (is_el(c, NULL, "description"))
			take(&t->summary, element_text(c, TEXT_HTML, oom));
	}
}

/* Characters of a UTF-8 text (what is not valid counts a byte each). */
static size_t chars(const char *s)
{
	return s ? u8_mbsnlen((const uint8_t *)s, strlen(s)) : 0;
}

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), k = strlen(end);
	return n >= k && memcmp(s + n - k, end, k) == 0;
}

/* See feed_item.teaser. */
static bool is_teaser(const struct texts *t)
{
	const char *content = t->encoded ? t->encoded : t->content;
	if (!content)
		return t->summary != NULL;
	size_t n = chars(content);
	if (t->summary && n <= chars(t->summary))
		return true;
	return n < FEED_TEASER_CHARS &&
	       (ends_with(content, "...") || ends_with(content, "\xe2\x80\xa6") ||  /* … */
	        ends_with(content, "[\xe2\x80\xa6]") || ends_with(content, "[...]"));
}

static int add_item(struct feed *f, size_t *cap, xmlNode *e, bool atom, const char *feed_author)
{
	struct feed_item it = { 0 };
	struct texts t = { 0 };
	bool oom = false;
	if (!atom) {
		xmlChar *about = xmlGetNsProp(e, (const xmlChar *)"about", (const xmlChar *)NS_RDF);
		if (about && !(it.id = one_line(util_strdup((const char *)about))) && *about)
			oom = true;
		xmlFree(about);
	}
	for (xmlNode *c = e->children; c && !oom; c = c->next)
		item_field(c, &it, &t, atom, &oom);
	it.teaser = is_teaser(&t);
	it.text = t.encoded ? t.encoded : t.content ? t.content : t.summary;
	if (it.text != t.encoded)
		free(t.encoded);
	if (it.text != t.content)
		free(t.content);
	if (it.text != t.summary)
		free(t.summary);
	if (!oom && !it.author && feed_author && !(it.author = util_strdup(feed_author)))
		oom = true;
	void *grown = oom ? NULL : util_grow(f->items, cap, f->n, sizeof *f->items);
	if (!grown) {
		free(it.title), free(it.link), free(it.date), free(it.author), free(it.id), free(it.text);
		return -1;
	}
	f->items = grown;
	f->items[f->n++] = it;
	return 0;
}

/* ---- the document -------------------------------------------------------- */

static xmlParserInputPtr refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url, (void)id, (void)ctxt;
	return NULL;
}

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx, (void)msg;
}

/* An RSS channel's link (RSS 1.0: its rdf:about) as the feed's own. */
static int channel_self(struct feed *f, xmlNode *ch)
{
	bool oom = false;
	xmlChar *about = xmlGetNsProp(ch, (const xmlChar *)"about", (const xmlChar *)NS_RDF);
	if (about)
		take(&f->self, one_line(util_strdup((const char *)about)));
	xmlFree(about);
	for (xmlNode *c = ch->children; c && !f->self && !oom; c = c->next)
		if (is_el(c, NULL, "link"))
			take(&f->self, one_line(raw_text(c, &oom)));
	for (xmlNode *c = ch->children; c && !f->title && !oom; c = c->next)
		if (is_el(c, NULL, "title"))
			take(&f->title, title_text(c, false, &oom));
	return oom ? -1 : 0;
}

static int items_under(struct feed *f, size_t *cap, xmlNode *parent, bool atom,
                       const char *feed_author)
{
	for (xmlNode *c = parent->children; c; c = c->next)
		if ((atom ? is_el(c, NS_ATOM, "entry") : is_el(c, NULL, "item")) &&
		    add_item(f, cap, c, atom, feed_author) < 0)
			return -1;
	return 0;
}

/* *s made well-formed UTF-8 (each ill-formed part a U+FFFD); 0, or -1
 * out of memory. */
static int fix_utf8(char **s)
{
	if (!*s || !u8_check((const uint8_t *)*s, strlen(*s)))
		return 0;
	size_t n;
	char *v = text_canonicalize(*s, strlen(*s), &n, NULL);
	if (!v)
		return -1;
	free(*s);
	*s = v;
	return 0;
}

int feed_parse(const char *data, size_t len, struct feed *out)
{
	memset(out, 0, sizeof *out);
	if (len > (size_t)INT32_MAX)
		return 0;
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet);
	/* Bytes that are UTF-8 are read as UTF-8 whatever the feed declares
	 * (a feed saying ISO-8859-1 that holds UTF-8 is common, and one that
	 * was UTF-16 reaches here as UTF-8); others as declared. */
	bool utf8 = utf8_clean(data, len);
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return -1;
	xmlExternalEntityLoader was = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(refuse_entity);
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, utf8 ? "UTF-8" : NULL,
	                                  XML_PARSE_NONET | XML_PARSE_NOERROR |
	                                  XML_PARSE_NOWARNING | XML_PARSE_RECOVER);
	xmlSetExternalEntityLoader(was);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root && !ctxt->wellFormed) {
		xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
		/* The two limits in words of our own, any other as libxml2 says. */
		const char *msg = !e || !e->message ? "not well-formed" :
		                  e->code == XML_ERR_ENTITY_LOOP ? "an entity that expands without bound" :
		                  e->code == XML_ERR_INTERNAL_ERROR ? "elements nested too deep" :
		                  e->message;
		out->error = one_line(util_strdup(msg));
		for (char *p = out->error; p && *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = '?';
		out->error_line = e ? e->line : 0;
	}
	xmlFreeParserCtxt(ctxt);
	if (!root) {
		xmlFreeDoc(doc);
		return 0;
	}
	int rc = 1;
	size_t cap = 0;
	if (strcmp((const char *)root->name, "rss") == 0) {
		out->kind = FEED_RSS;
		for (xmlNode *c = root->children; c && rc > 0; c = c->next)
			if (is_el(c, NULL, "channel") && (channel_self(out, c) < 0 ||
			                                  items_under(out, &cap, c, false, NULL) < 0))
				rc = -1;
		if (rc > 0 && items_under(out, &cap, root, false, NULL) < 0)
			rc = -1;
	} else if (strcmp((const char *)root->name, "RDF") == 0 && ns_is(root, NS_RDF)) {
		out->kind = FEED_RDF;
		for (xmlNode *c = root->children; c && rc > 0; c = c->next)
			if (is_el(c, NULL, "channel") && channel_self(out, c) < 0)
				rc = -1;
		if (rc > 0 && items_under(out, &cap, root, false, NULL) < 0)
			rc = -1;
	} else if (strcmp((const char *)root->name, "feed") == 0 && ns_is(root, NS_ATOM)) {
		out->kind = FEED_ATOM;
		char *author = NULL;
		bool oom = false;
		for (xmlNode *c = root->children; c; c = c->next)
			if (is_el(c, NS_ATOM, "id"))
				take(&out->self, one_line(raw_text(c, &oom)));
			else if (is_el(c, NS_ATOM, "link") && !out->self)
				take(&out->self, atom_link(c));
			else if (is_el(c, NS_ATOM, "title") && !out->title)
				take(&out->title, title_text(c, true, &oom));
		for (xmlNode *c = root->children; c && !author; c = c->next)
			if (is_el(c, NS_ATOM, "author"))
				for (xmlNode *a = c->children; a; a = a->next)
					if (is_el(a, NS_ATOM, "name"))
						take(&author, one_line(raw_text(a, &oom)));
		if (oom || items_under(out, &cap, root, true, author) < 0)
			rc = -1;
		free(author);
	} else {
		rc = 0;
	}
	xmlFreeDoc(doc);
	/* A feed that declares UTF-8 and holds other bytes comes through the
	 * parser's recovery as it is: every field is made valid here. */
	for (size_t i = 0; i < out->n && rc > 0; i++) {
		struct feed_item *it = &out->items[i];
		if (fix_utf8(&it->title) < 0 || fix_utf8(&it->link) < 0 || fix_utf8(&it->date) < 0 ||
		    fix_utf8(&it->author) < 0 || fix_utf8(&it->id) < 0 || fix_utf8(&it->text) < 0)
			rc = -1;
	}
	if (rc > 0 && (fix_utf8(&out->self) < 0 || fix_utf8(&out->error) < 0))
		rc = -1;
	if (rc <= 0)
		feed_free(out);
	return rc;
}

void feed_free(struct feed *f)
{
	for (size_t i = 0; i < f->n; i++) {
		struct feed_item *it = &f->items[i];
		free(it->title), free(it->link), free(it->date), free(it->author), free(it->id),
			free(it->text);
	}
	free(f->items);
	free(f->error);
	free(f->self);
	free(f->title);
	memset(f, 0, sizeof *f);
}
