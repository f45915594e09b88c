/*
 * html_extract.c: a web page's charset and metadata, and its article
 * (html_body.c finds the body).
 *
 * The charset is a byte-order mark's, else the one the page declares in
 * <meta charset> or <meta http-equiv=Content-Type> (read from a first
 * parse of the page's start as Latin-1, which any ASCII-based charset
 * reads alike), else the caller's hint (a server's Content-Type), else
 * UTF-8 when the bytes are valid UTF-8, else Windows-1252, as browsers
 * do.  The bytes are converted to UTF-8 (what is not valid becomes
 * U+FFFD) and parsed with the encoding fixed, so a late <meta> cannot
 * switch it.  Parsing never touches the network, loads no DTD and
 * substitutes no entity (a DOCTYPE naming a file is never read), and
 * keeps libxml2's limits of depth and size.
 */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <zlib.h>

#include "margo/html.h"
#include "margo/ingest.h"
#include "margo/text.h"
#include "margo/util.h"
#include "html_impl.h"

#define SNIFF_BYTES 65536   /* where a page declares its charset */
#define PARSE_OPTIONS (HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                       HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOBLANKS)

void html_page_free(struct html_page *p)
{
	free(p->title);
	free(p->author);
	free(p->date);
	free(p->site);
	free(p->url);
	free(p->text);
	for (size_t i = 0; i < p->n_dropped; i++)
		free(p->dropped[i].text);
	free(p->dropped);
	memset(p, 0, sizeof *p);
}

bool html_is_page_name(const char *name, bool *gz)
{
	static const char *const kinds[] = { ".html", ".htm", ".xhtml", NULL };
	size_t n = strlen(name);
	bool zipped = n > 3 && strcasecmp(name + n - 3, ".gz") == 0;
	if (zipped)
		n -= 3;
	for (const char *const *k = kinds; *k; k++) {
		size_t m = strlen(*k);
		if (n > m && strncasecmp(name + n - m, *k, m) == 0) {
			if (gz)
				*gz = zipped;
			return true;
		}
	}
	return false;
}

int html_gunzip(const char *data, size_t len, size_t max, char **out, size_t *out_len)
{
	z_stream z = { 0 };
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return -1;
	struct buf b = { 0 };
	unsigned char chunk[65536];
	z.next_in = (unsigned char *)data;
	z.avail_in = (uInt)(len > UINT32_MAX ? UINT32_MAX : len);
	int rc = -2, zr;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof chunk;
		zr = inflate(&z, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END)
			break;
		size_t got = sizeof chunk - z.avail_out;
		if (b.len + got > max) {
			rc = -3;
			break;
		}
		if (buf_append(&b, chunk, got) < 0) {
			rc = -1;
			break;
		}
		if (zr == Z_STREAM_END)
			rc = 0;
	} while (zr == Z_OK && (z.avail_in > 0 || z.avail_out == 0));
	inflateEnd(&z);
	if (rc == 0 && buf_putc(&b, '\0') == 0) {
		*out_len = b.len - 1;
		*out = buf_steal(&b);
		return *out ? 0 : -1;
	}
	buf_free(&b);
	return rc == 0 ? -1 : rc;
}

/* ---- the charset -------------------------------------------------------- */

/* A charset name as browsers read it: Latin-1 and ASCII are Windows-1252. */
static char *charset_name(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == '"' || s[n - 1] == '\''))
		n--;
	while (n && (*s == '"' || *s == '\''))
		s++, n--;
	if (n == 0 || n > 40)
		return NULL;
	char *c = util_strndup(s, n);
	if (c && (strcasecmp(c, "iso-8859-1") == 0 || strcasecmp(c, "latin1") == 0 ||
	          strcasecmp(c, "us-ascii") == 0 || strcasecmp(c, "ascii") == 0)) {
		free(c);
		c = util_strdup("WINDOWS-1252");
	}
	return c;
}

/* The charset="..." parameter of a Content-Type value. */
static char *content_type_charset(const char *v)
{
	for (const char *p = v; (p = strchr(p, ';'));) {
		p++;
		while (isspace((unsigned char)*p))
			p++;
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		p += 7;
		while (isspace((unsigned char)*p))
			p++;
		if (*p != '=')
			continue;
		p++;
		size_t n = strcspn(p, ";");
		return charset_name(p, n);
	}
	return NULL;
}

/* The charset a page's <meta> declares, from a parse of its first bytes. */
static char *declared_charset(const char *data, size_t len)
{
	htmlDocPtr doc = htmlReadMemory(data, (int)(len < SNIFF_BYTES ? len : SNIFF_BYTES), NULL,
	                                "ISO-8859-1", PARSE_OPTIONS);
	if (!doc)
		return NULL;
	char *cs = NULL;
	xmlNode *root = xmlDocGetRootElement(doc);
	for (xmlNode *n = root; n && !cs; n = html_next(n, root, true)) {
		if (strcmp(html_name(n), "meta") != 0)
			continue;
		char *v = html_attr(n, "charset");
		if (v) {
			cs = charset_name(v, strlen(v));
		} else {
			char *eq = html_attr(n, "http-equiv");
			if (eq && strcasecmp(eq, "content-type") == 0 && (v = html_attr(n, "content")))
				cs = content_type_charset(v);
			xmlFree(eq);
		}
		xmlFree(v);
	}
	xmlFreeDoc(doc);
	return cs;
}

static bool valid_utf8(const char *s, size_t len)
{
	char *out = NULL;
	int rc = text_from_user(s, len, "UTF-8", &out);
	free(out);
	return rc == 0;
}

/* The page as UTF-8: malloc'd, NULL out of memory. */
static char *page_utf8(const char *data, size_t len, const char *hint, size_t *out_len)
{
	char *cs = NULL;
	const char *use;
	int bom = text_utf16_bom(data, len);
	if (bom) {
		char *u = text_utf16_to_utf8(data + 2, len - 2, bom == 2, out_len, NULL);
		return u;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		use = "UTF-8";
		data += 3;
		len -= 3;
	} else if ((cs = declared_charset(data, len)) || (hint && (cs = charset_name(hint, strlen(hint))))) {
		use = cs;
	} else {
		use = valid_utf8(data, len) ? "UTF-8" : "WINDOWS-1252";
	}
	size_t invalid, nuls;
	char *u = text_from_user_repair(data, len, use, &invalid, &nuls);
	free(cs);
	if (u)
		*out_len = strlen(u);
	return u;
}

/* ---- metadata ----------------------------------------------------------- */

/* `s` trimmed and with runs of white space made one space; malloc'd, or
 * NULL when empty (or out of memory). */
static char *clean_field(const char *s)
{
	if (!s)
		return NULL;
	struct buf b = { 0 };
	bool space = false;
	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			space = b.len > 0;
			continue;
		}
		if (space && buf_putc(&b, ' ') < 0)
			break;
		space = false;
		if (buf_putc(&b, *s) < 0)
			break;
	}
	if (!b.len) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

static void set_once(char **field, const char *value)
{
	if (!*field && value)
		*field = clean_field(value);
}

/* "2023-09-12T10:00:00Z" and the like: the day, as margo keeps dates. */
static char *iso_date(const char *s)
{
	int y, m, d, used = 0;
	while (s && isspace((unsigned char)*s))
		s++;
	if (!s || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 ||
	    y < 1000 || m < 1 || m > 12 || d < 1 || d > 31)
		return NULL;
	return util_printf("%04d-%02d-%02d", y, m, d);
}

static void set_date(char **field, const char *value)
{
	if (!*field && value)
		*field = iso_date(value);
}

static bool news_type(json_t *t)
{
	static const char *const types[] = { "NewsArticle", "Article", "ReportageNewsArticle",
	                                     "AnalysisNewsArticle", "OpinionNewsArticle",
	                                     "BlogPosting", "ReviewNewsArticle", NULL };
	if (json_is_array(t)) {
		size_t i;
		json_t *v;
		json_array_foreach(t, i, v)
			if (news_type(v))
				return true;
		return false;
	}
	if (!json_is_string(t))
		return false;
	for (const char *const *k = types; *k; k++)
		if (strcmp(json_string_value(t), *k) == 0)
			return true;
	return false;
}

/* A person or an organisation: its name, or the string itself. */
static void add_author(struct buf *b, json_t *a)
{
	if (json_is_array(a)) {
		size_t i;
		json_t *v;
		json_array_foreach(a, i, v)
			add_author(b, v);
		return;
	}
	json_t *name = json_is_object(a) ? json_object_get(a, "name") : a;
	if (!json_is_string(name) || !*json_string_value(name))
		return;
	if (b->len)
		buf_puts(b, ", ");
	buf_puts(b, json_string_value(name));
}

struct meta {
	char *ld_title, *ld_author, *ld_date, *ld_body, *ld_site, *ld_url;
};

static void ld_article(struct meta *m, json_t *o)
{
	json_t *v;
	if ((v = json_object_get(o, "headline")) && json_is_string(v))
		set_once(&m->ld_title, json_string_value(v));
	if ((v = json_object_get(o, "datePublished")) && json_is_string(v))
		set_date(&m->ld_date, json_string_value(v));
	if (!m->ld_author && (v = json_object_get(o, "author"))) {
		struct buf b = { 0 };
		add_author(&b, v);
		if (b.len && buf_putc(&b, '\0') == 0)
			set_once(&m->ld_author, b.data);
		buf_free(&b);
	}
	if ((v = json_object_get(o, "articleBody")) && json_is_string(v) && !m->ld_body)
		m->ld_body = util_strdup(json_string_value(v));
	if ((v = json_object_get(o, "publisher")) && json_is_object(v) &&
	    (v = json_object_get(v, "name")) && json_is_string(v))
		set_once(&m->ld_site, json_string_value(v));
	if ((v = json_object_get(o, "url")) && json_is_string(v))
		set_once(&m->ld_url, json_string_value(v));
}

/* An article object at the top, in an array or in "@graph". */
static void ld_walk(struct meta *m, json_t *v, int depth)
{
	if (depth > 4)
		return;
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e)
			ld_walk(m, e, depth + 1);
	} else if (json_is_object(v)) {
		if (news_type(json_object_get(v, "@type")))
			ld_article(m, v);
		json_t *g = json_object_get(v, "@graph");
		if (g)
			ld_walk(m, g, depth + 1);
	}
}

static void read_meta(xmlNode *root, struct html_page *p, struct meta *m)
{
	char *og_title = NULL, *html_title = NULL, *og_author = NULL, *og_date = NULL,
	     *time_date = NULL, *og_url = NULL, *canonical = NULL, *name_author = NULL;
	for (xmlNode *n = root; n; n = html_next(n, root, true)) {
		const char *name = html_name(n);
		if (strcmp(name, "script") == 0) {
			char *type = html_attr(n, "type");
			if (type && strcasecmp(type, "application/ld+json") == 0) {
				xmlChar *s = xmlNodeGetContent(n);
				json_t *j = s ? json_loads((const char *)s, JSON_DECODE_ANY, NULL) : NULL;
				if (j)
					ld_walk(m, j, 0);
				json_decref(j);
				xmlFree(s);
			}
			xmlFree(type);
		} else if (strcmp(name, "meta") == 0) {
			char *prop = html_attr(n, "property");
			if (!prop)
				prop = html_attr(n, "name");
			char *content = prop ? html_attr(n, "content") : NULL;
			if (content) {
				if (strcasecmp(prop, "og:title") == 0)
					set_once(&og_title, content);
				else if (strcasecmp(prop, "og:site_name") == 0)
					set_once(&p->site, content);
				else if (strcasecmp(prop, "og:url") == 0)
					set_once(&og_url, content);
				else if (strcasecmp(prop, "article:published_time") == 0)
					set_date(&og_date, content);
				else if (strcasecmp(prop, "article:author") == 0 &&
				         strncasecmp(content, "http", 4) != 0)
					set_once(&og_author, content);
				else if (strcasecmp(prop, "author") == 0)
					set_once(&name_author, content);
			}
			xmlFree(content);
			xmlFree(prop);
		} else if (strcmp(name, "link") == 0) {
			char *rel = html_attr(n, "rel");
			if (rel && strcasecmp(rel, "canonical") == 0) {
				char *href = html_attr(n, "href");
				set_once(&canonical, href);
				xmlFree(href);
			}
			xmlFree(rel);
		} else if (strcmp(name, "time") == 0) {
			char *dt = html_attr(n, "datetime");
			set_date(&time_date, dt);
			xmlFree(dt);
		} else if (strcmp(name, "title") == 0 && !html_title) {
			xmlChar *s = xmlNodeGetContent(n);
			set_once(&html_title, (const char *)s);
			xmlFree(s);
		}
	}
	char **order[][4] = {
		{ &m->ld_title, &og_title, &html_title, NULL },
		{ &m->ld_author, &og_author, &name_author, NULL },
		{ &m->ld_date, &og_date, &time_date, NULL },
		{ &canonical, &og_url, &m->ld_url, NULL },
	};
	char **dest[] = { &p->title, &p->author, &p->date, &p->url };
	for (size_t f = 0; f < 4; f++)
		for (size_t k = 0; order[f][k]; k++)
			if (!*dest[f] && *order[f][k]) {
				*dest[f] = *order[f][k];
				*order[f][k] = NULL;
			}
	if (!p->site) {
		p->site = m->ld_site;
		m->ld_site = NULL;
	}
	free(og_title), free(html_title), free(og_author), free(og_date);
	free(time_date), free(og_url), free(canonical), free(name_author);
	free(m->ld_title), free(m->ld_author), free(m->ld_date), free(m->ld_site), free(m->ld_url);
}

/* JSON-LD's articleBody as text: some pages put HTML in it (markup is seen
 * by parsing it: elements beyond the html, body and p the parser supplies
 * around plain text). */
static char *ld_body_text(char *body)
{
	htmlDocPtr doc = htmlReadMemory(body, (int)strlen(body), NULL, "UTF-8", PARSE_OPTIONS);
	if (!doc)
		return body;
	size_t elements = 0;
	xmlNode *root = xmlDocGetRootElement(doc);
	for (xmlNode *n = root; n; n = html_next(n, root, true))
		elements += n->type == XML_ELEMENT_NODE;
	if (elements > 3) {
		bool oom;
		char *text = html_text(doc, &oom);
		if (text) {
			free(body);
			body = text;
		}
	}
	xmlFreeDoc(doc);
	return body;
}

/* Characters that are not white space, for comparing lengths of text. */
static size_t solid_len(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += !isspace((unsigned char)*s);
	return n;
}

int html_extract(const char *data, size_t len, const char *charset_hint,
                 struct html_page *out)
{
	memset(out, 0, sizeof *out);
	if (len > INT32_MAX)
		return -2;
	size_t ulen = 0;
	char *u = page_utf8(data, len, charset_hint, &ulen);
	if (!u)
		return -1;
	htmlDocPtr doc = htmlReadMemory(u, (int)ulen, NULL, "UTF-8", PARSE_OPTIONS);
	free(u);
	if (!doc)
		return -2;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root) {
		xmlFreeDoc(doc);
		return -2;
	}
	struct meta m = { 0 };
	read_meta(root, out, &m);
	bool oom;
	struct html_left left = { 0 };
	out->text = html_body(doc, &left, &oom);
	xmlFreeDoc(doc);
	/* JSON-LD's articleBody when it is the whole article (some pages give
	 * only its first lines there). */
	if (m.ld_body)
		m.ld_body = ld_body_text(m.ld_body);
	if (m.ld_body && solid_len(m.ld_body) >= solid_len(out->text) * 9 / 10 &&
	    solid_len(m.ld_body) > 0) {
		free(out->text);
		out->text = m.ld_body;
		m.ld_body = NULL;
		html_left_rewind(&left);  /* what the scoring left out may be in it */
	}
	free(m.ld_body);
	if (oom || left.failed) {
		html_left_free(&left);
		html_page_free(out);
		return -1;
	}
	html_left_sort(&left);
	free(left.place);
	out->dropped = left.v;
	out->n_dropped = left.n;
	out->more = left.more;
	return 0;
}
