/*
 * html_left.c: what the extraction of a web page leaves out, block by
 * block in page order, each with a kind a reader understands: its class
 * and id words first ("cookie-banner" is a banner whatever its element),
 * then its element or ARIA role (<nav> navigation, <footer> the footer).
 * A block's text is its text nodes' with white space as single spaces,
 * scripts and styles skipped; what it keeps is bounded (html.h): beyond
 * the limits, blocks are counted, not kept.
 */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "margo/html.h"
#include "margo/util.h"
#include "html_impl.h"

struct word_kind {
	const char *word;
	enum corpus_drop_kind kind;
};

/* Words of a class or id, whole; then prefixes (share-bar, comments-list). */
static const struct word_kind words[] = {
	{ "nav", CORPUS_DROP_NAVIGATION }, { "navbar", CORPUS_DROP_NAVIGATION },
	{ "navigation", CORPUS_DROP_NAVIGATION }, { "menu", CORPUS_DROP_NAVIGATION },
	{ "breadcrumb", CORPUS_DROP_NAVIGATION }, { "breadcrumbs", CORPUS_DROP_NAVIGATION },
	{ "pagination", CORPUS_DROP_NAVIGATION }, { "pager", CORPUS_DROP_NAVIGATION },
	{ "toolbar", CORPUS_DROP_NAVIGATION },
	{ "cookie", CORPUS_DROP_BANNER }, { "cookies", CORPUS_DROP_BANNER },
	{ "consent", CORPUS_DROP_BANNER }, { "gdpr", CORPUS_DROP_BANNER },
	{ "banner", CORPUS_DROP_BANNER }, { "popup", CORPUS_DROP_BANNER },
	{ "modal", CORPUS_DROP_BANNER }, { "paywall", CORPUS_DROP_BANNER },
	{ "share", CORPUS_DROP_SHARE }, { "sharing", CORPUS_DROP_SHARE },
	{ "social", CORPUS_DROP_SHARE },
	{ "related", CORPUS_DROP_RELATED }, { "recommended", CORPUS_DROP_RELATED },
	{ "trending", CORPUS_DROP_RELATED }, { "outbrain", CORPUS_DROP_RELATED },
	{ "taboola", CORPUS_DROP_RELATED },
	{ "comment", CORPUS_DROP_COMMENTS }, { "comments", CORPUS_DROP_COMMENTS },
	{ "replies", CORPUS_DROP_COMMENTS }, { "disqus", CORPUS_DROP_COMMENTS },
	{ "community", CORPUS_DROP_COMMENTS },
	{ "caption", CORPUS_DROP_CAPTION }, { "gallery", CORPUS_DROP_CAPTION },
	{ "credit", CORPUS_DROP_CREDIT }, { "credits", CORPUS_DROP_CREDIT },
	{ "ad", CORPUS_DROP_ADVERT }, { "ads", CORPUS_DROP_ADVERT },
	{ "adv", CORPUS_DROP_ADVERT }, { "advert", CORPUS_DROP_ADVERT },
	{ "advertisement", CORPUS_DROP_ADVERT }, { "sponsor", CORPUS_DROP_ADVERT },
	{ "sponsored", CORPUS_DROP_ADVERT }, { "promo", CORPUS_DROP_ADVERT },
	{ "skyscraper", CORPUS_DROP_ADVERT },
	{ "newsletter", CORPUS_DROP_PROMPT }, { "subscribe", CORPUS_DROP_PROMPT },
	{ "subscription", CORPUS_DROP_PROMPT },
	{ "byline", CORPUS_DROP_BYLINE }, { "timestamp", CORPUS_DROP_DATE },
	{ "footer", CORPUS_DROP_FOOTER }, { "masthead", CORPUS_DROP_HEADER },
	{ "sidebar", CORPUS_DROP_SIDEBAR },
	{ NULL, 0 },
};
static const struct word_kind prefixes[] = {
	{ "share", CORPUS_DROP_SHARE }, { "social", CORPUS_DROP_SHARE },
	{ "comment", CORPUS_DROP_COMMENTS }, { "related", CORPUS_DROP_RELATED },
	{ "newsletter", CORPUS_DROP_PROMPT }, { "subscri", CORPUS_DROP_PROMPT },
	{ "promo", CORPUS_DROP_ADVERT }, { "advert", CORPUS_DROP_ADVERT },
	{ "sponsor", CORPUS_DROP_ADVERT }, { "cookie", CORPUS_DROP_BANNER },
	{ "sidebar", CORPUS_DROP_SIDEBAR }, { "footer", CORPUS_DROP_FOOTER },
	{ "breadcrumb", CORPUS_DROP_NAVIGATION },
	{ NULL, 0 },
};
static const struct word_kind elements[] = {
	{ "nav", CORPUS_DROP_NAVIGATION }, { "menu", CORPUS_DROP_NAVIGATION },
	{ "header", CORPUS_DROP_HEADER }, { "footer", CORPUS_DROP_FOOTER },
	{ "aside", CORPUS_DROP_SIDEBAR }, { "form", CORPUS_DROP_FORM },
	{ "button", CORPUS_DROP_FORM }, { "select", CORPUS_DROP_FORM },
	{ "textarea", CORPUS_DROP_FORM }, { "dialog", CORPUS_DROP_BANNER },
	{ "figcaption", CORPUS_DROP_CAPTION },
	{ NULL, 0 },
};
static const struct word_kind roles[] = {
	{ "navigation", CORPUS_DROP_NAVIGATION }, { "menu", CORPUS_DROP_NAVIGATION },
	{ "menubar", CORPUS_DROP_NAVIGATION }, { "complementary", CORPUS_DROP_SIDEBAR },
	{ "banner", CORPUS_DROP_HEADER }, { "contentinfo", CORPUS_DROP_FOOTER },
	{ "dialog", CORPUS_DROP_BANNER }, { "alert", CORPUS_DROP_BANNER },
	{ "alertdialog", CORPUS_DROP_BANNER }, { "search", CORPUS_DROP_FORM },
	{ NULL, 0 },
};

/* Elements whose text no reader sees. */
static const char *const silent[] = {
	"script", "style", "template", "head", "svg", "math", "noscript", NULL,
};

static const struct word_kind *find(const struct word_kind *t, const char *w, bool prefix)
{
	for (; t->word; t++)
		if (prefix ? strncmp(w, t->word, strlen(t->word)) == 0 : strcmp(w, t->word) == 0)
			return t;
	return NULL;
}

/* The kind the words of `v` (lowered in place) name: the first word that
 * names one, whole words before prefixes; NULL none. */
static const struct word_kind *kind_of_words(char *v)
{
	const struct word_kind *hit = NULL, *pre = NULL;
	for (char *p = v; *p && !hit;) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		char *w = p;
		while (*p && isalnum((unsigned char)*p)) {
			*p = (char)tolower((unsigned char)*p);
			p++;
		}
		char end = *p;
		*p = '\0';
		if (*w) {
			hit = find(words, w, false);
			if (!pre)
				pre = find(prefixes, w, true);
		}
		*p = end;
	}
	return hit ? hit : pre;
}

enum corpus_drop_kind html_left_kind(const xmlNode *n, enum corpus_drop_kind fallback)
{
	static const char *const attrs[] = { "class", "id", NULL };
	for (const char *const *a = attrs; *a; a++) {
		char *v = html_attr(n, *a);
		const struct word_kind *k = v ? kind_of_words(v) : NULL;
		xmlFree(v);
		if (k)
			return k->kind;
	}
	const struct word_kind *k = find(elements, html_name(n), false);
	if (k)
		return k->kind;
	char *role = html_attr(n, "role");
	if (role) {
		for (char *p = role; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		k = find(roles, role, false);
		xmlFree(role);
	}
	return k ? k->kind : fallback;
}

static bool is_silent(const xmlNode *n)
{
	const char *name = html_name(n);
	for (const char *const *s = silent; *s; s++)
		if (strcmp(name, *s) == 0)
			return true;
	return false;
}

/* Text of `s` onto `b`, white space as single spaces, stopping at the
 * first character to start past `max` bytes (*full then); -1 when memory
 * runs out. */
static int put_text(struct buf *b, const char *s, size_t max, bool *space, bool *full)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
		    (c == 0xC2 && (unsigned char)s[1] == 0xA0)) {
			s += c == 0xC2;
			*space = true;
			continue;
		}
		if ((c & 0xC0) != 0x80 && b->len >= max) {
			*full = true;
			return 0;
		}
		if (*space && b->len && buf_putc(b, ' ') < 0)
			return -1;
		*space = false;
		if (buf_putc(b, *s) < 0)
			return -1;
	}
	return 0;
}

void html_left_add(struct html_left *l, enum corpus_drop_kind kind, const xmlNode *n,
                   size_t place)
{
	if (!l || l->failed || is_silent(n))
		return;
	if (l->n >= HTML_LEFT_MAX_BLOCKS || l->bytes >= HTML_LEFT_MAX_BYTES) {
		l->more++;
		return;
	}
	size_t room = HTML_LEFT_MAX_BYTES - l->bytes;
	size_t max = room < HTML_LEFT_BLOCK_BYTES ? room : HTML_LEFT_BLOCK_BYTES;
	struct buf b = { 0 };
	bool space = false, full = false;
	int err = 0;
	for (const xmlNode *c = n; c && !full && !err;
	     c = html_next((xmlNode *)c, n, c->type == XML_ELEMENT_NODE && !is_silent(c))) {
		bool text = c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE;
		if ((c->type == XML_ELEMENT_NODE && html_is_block(c)) ||
		    (text && c->prev && html_is_block(c->prev)))
			space = true;  /* blocks apart: "Comments" "Mario: ..." */
		if (text)
			err = put_text(&b, (const char *)c->content, max, &space, &full);
	}
	if (!err && full)
		err = buf_puts(&b, "\xe2\x80\xa6");  /* cut: an ellipsis says so */
	if (err) {
		buf_free(&b);
		l->failed = true;
		return;
	}
	if (!b.len) {
		buf_free(&b);
		return;
	}
	size_t cap = l->cap;
	void *grown = util_grow(l->v, &l->cap, l->n, sizeof *l->v);
	if (grown)
		l->v = grown;
	if (grown && l->cap != cap) {
		size_t *p = realloc(l->place, l->cap * sizeof *p);
		if (p)
			l->place = p;
		else
			grown = NULL;
	}
	size_t len = b.len;
	char *text = grown ? buf_steal(&b) : NULL;
	if (!text) {
		buf_free(&b);
		l->failed = true;
		return;
	}
	l->bytes += len;
	l->place[l->n] = place;
	l->v[l->n].kind = kind;
	l->v[l->n++].text = text;
}

/* Sorted by place, and by the order they came in within a place. */
static int by_place(const void *a, const void *b)
{
	const size_t *x = a, *y = b;
	return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : (x[1] < y[1] ? -1 : x[1] > y[1]);
}

void html_left_sort(struct html_left *l)
{
	if (l->n < 2)
		return;
	size_t (*order)[2] = malloc(l->n * sizeof *order);
	struct corpus_dropped *v = malloc(l->n * sizeof *v);
	if (!order || !v) {
		free(order);
		free(v);
		return;  /* the order they came in: dropped ones first, then the rest */
	}
	for (size_t i = 0; i < l->n; i++) {
		order[i][0] = l->place[i];
		order[i][1] = i;
	}
	qsort(order, l->n, sizeof *order, by_place);
	for (size_t i = 0; i < l->n; i++) {
		v[i] = l->v[order[i][1]];
		l->place[i] = order[i][0];
	}
	memcpy(l->v, v, l->n * sizeof *v);
	free(v);
	free(order);
}

void html_left_mark(struct html_left *l)
{
	l->mark_n = l->n;
	l->mark_bytes = l->bytes;
	l->mark_more = l->more;
}

void html_left_rewind(struct html_left *l)
{
	while (l->n > l->mark_n)
		free(l->v[--l->n].text);
	l->bytes = l->mark_bytes;
	l->more = l->mark_more;
}

void html_left_free(struct html_left *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	free(l->place);
	memset(l, 0, sizeof *l);
}
