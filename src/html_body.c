/*
 * html_body.c: the article's body in a parsed page.
 *
 * In the manner of Readability: first what is never the article goes
 * (scripts, styles, forms' controls, and navigation, headers, footers,
 * asides and the elements whose class or id names a menu, a cookie
 * banner, sharing buttons, related links, comments, advertising: unless
 * they hold the article itself).  Then every paragraph of 25 characters
 * or more gives points to its five nearest ancestors (1 + its commas + a
 * point per 100 characters, at most 3; halved for the grandparent, a third
 * of that further up); an ancestor starts from points for its kind and
 * its class (positive: article, content, story, entry, ...; negative
 * words as above), and its total is cut by the share of its text that is
 * in links.  The best-scoring element is the article; its siblings join
 * it when they score a fifth as well, or are paragraphs of text with few
 * links.  The text is then read block by block: each paragraph, heading
 * and list item one paragraph, lists and blocks mostly of links left out.
 * What is left out, at each step, goes to a struct html_left (html_left.c)
 * with its kind and its place on the page.
 *
 * Every walk goes through html_next() (no recursion), and each element's
 * totals are summed from the last element to the first, so the cost is
 * linear in the size of the page whatever its depth.
 */
#include <config.h>

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "margo/text.h"
#include "margo/util.h"
#include "html_impl.h"

#define MIN_PARAGRAPH 25    /* shorter paragraphs give no points */
#define ANCESTORS 5         /* how far up a paragraph's points go */

struct info {
	xmlNode *node;
	size_t parent;      /* index + 1 of the parent element, 0 none */
	size_t text;        /* bytes of text below, runs of spaces as one */
	size_t links;       /* of which inside <a> */
	size_t ptext;       /* of which inside <p> */
	size_t own;         /* text directly inside */
	unsigned commas;
	double score;
	bool scored;
	bool strong;        /* is or holds <article>, <main>, itemprop=articleBody */
	bool block_child;   /* has a block element among its children */
	bool drop;
	bool keep;          /* part of the article */
	bool inside;        /* is or is inside an element of the article */
	bool holds;         /* holds an element of the article */
	enum corpus_drop_kind why;  /* of a dropped element */
};

struct page {
	struct info *v;
	size_t n, cap;
};

const char *html_name(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE && n->name ? (const char *)n->name : "";
}

xmlNode *html_next(xmlNode *n, const xmlNode *root, bool descend)
{
	if (descend && n->children && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

char *html_attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp((xmlNode *)n, (const xmlChar *)name);
}

static bool is_one_of(const char *name, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(name, *set) == 0)
			return true;
	return false;
}

static const char *const never[] = {
	"script", "style", "noscript", "template", "iframe", "svg", "math", "button",
	"figcaption", "select", "textarea", "input", "option", "object", "embed",
	"canvas", "head", "audio", "video", "picture", "source", NULL,
};
static const char *const boiler_tags[] = {
	"nav", "header", "footer", "aside", "form", "dialog", "menu", NULL,
};
static const char *const boiler_roles[] = {
	"navigation", "menu", "menubar", "complementary", "banner", "contentinfo",
	"dialog", "alert", "alertdialog", "search", NULL,
};
static const char *const block_tags[] = {
	"p", "div", "section", "article", "main", "ul", "ol", "li", "dl", "dd", "dt",
	"table", "tbody", "thead", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
	"blockquote", "pre", "figure", "header", "footer", "aside", "nav", "form",
	"hr", "br", "address", "center", "details", "summary", NULL,
};

/* Words of a class or id that mark what is not the article. */
static const char *const negative_words[] = {
	"nav", "navbar", "navigation", "menu", "cookie", "cookies", "consent", "gdpr",
	"banner", "share", "sharing", "social", "related", "comment", "comments",
	"promo", "newsletter", "subscribe", "subscription", "footer", "sidebar",
	"breadcrumb", "breadcrumbs", "ad", "ads", "advert", "advertisement", "adv",
	"popup", "modal", "sponsor", "sponsored", "outbrain", "taboola", "masthead",
	"toolbar", "widget", "recommended", "trending", "paywall", "disclaimer", "byline",
	"caption", "gallery", "credit", "credits", "timestamp", "pagination", "pager",
	"replies", "disqus", "community", "rss", "supplemental", "skyscraper", NULL,
};
static const char *const negative_prefixes[] = {
	"share", "social", "comment", "related", "newsletter", "promo", "cookie",
	"sidebar", "footer", "breadcrumb", "subscri", "advert", "sponsor", NULL,
};
static const char *const positive_words[] = {
	"article", "content", "story", "entry", "main", "body", "text", "articlebody",
	"postbody", "blog", "page", NULL,
};

/* The class and id of an element, as their words: -1 negative, +1
 * positive, 0 neither (positive wins over negative, as in "article-related"). */
static int class_weight(const xmlNode *n)
{
	int neg = 0, pos = 0;
	static const char *const attrs[] = { "class", "id", NULL };
	for (const char *const *a = attrs; *a; a++) {
		char *v = html_attr(n, *a);
		if (!v)
			continue;
		for (char *p = v; *p;) {
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
				if (is_one_of(w, positive_words))
					pos = 1;
				else if (is_one_of(w, negative_words))
					neg = 1;
				else
					for (const char *const *q = negative_prefixes; *q; q++)
						if (strncmp(w, *q, strlen(*q)) == 0)
							neg = 1;
			}
			*p = end;
		}
		xmlFree(v);
	}
	return pos ? 1 : neg ? -1 : 0;
}

static bool attr_is(const xmlNode *n, const char *name, const char *const *values)
{
	char *v = html_attr(n, name);
	if (!v)
		return false;
	for (char *p = v; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	bool r = is_one_of(v, values);
	xmlFree(v);
	return r;
}

/* An inline style that hides the element: its declarations (name: value;
 * ...) read one by one, display: none or visibility: hidden among them. */
static bool hidden_by_style(const xmlNode *n)
{
	char *style = html_attr(n, "style");
	if (!style)
		return false;
	bool hidden = false;
	for (char *decl = style, *next; decl && !hidden; decl = next) {
		next = strchr(decl, ';');
		if (next)
			*next++ = '\0';
		char *colon = strchr(decl, ':');
		if (!colon)
			continue;
		*colon = '\0';
		const char *name = decl, *value = colon + 1;
		size_t nl = text_trim(&name, strlen(name)), vl = text_trim(&value, strlen(value));
		if ((nl == 7 && strncasecmp(name, "display", 7) == 0 && vl >= 4 &&
		     strncasecmp(value, "none", 4) == 0) ||
		    (nl == 10 && strncasecmp(name, "visibility", 10) == 0 && vl >= 6 &&
		     strncasecmp(value, "hidden", 6) == 0))
			hidden = true;
	}
	xmlFree(style);
	return hidden;
}

static bool is_article_body(const xmlNode *n)
{
	char *v = html_attr(n, "itemprop");
	bool r = v && strstr(v, "articleBody");
	xmlFree(v);
	return r;
}

/* Bytes of `s` with runs of white space counted as one; commas too. */
static size_t text_len(const char *s, unsigned *commas)
{
	size_t n = 0;
	bool space = true;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f') {
			if (!space)
				n++;
			space = true;
		} else {
			n++;
			space = false;
			if (*s == ',')
				(*commas)++;
		}
	}
	return n;
}

static struct info *info_of(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE ? (struct info *)n->_private : NULL;
}

/* Every element below `root`, in document order, with the totals of
 * their text.  0 or -1 (memory). */
static int collect(struct page *pg, xmlNode *root)
{
	pg->n = 0;
	for (xmlNode *n = root; n; n = html_next(n, root, true)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		void *grown = util_grow(pg->v, &pg->cap, pg->n, sizeof *pg->v);
		if (!grown)
			return -1;
		pg->v = grown;
		struct info *in = &pg->v[pg->n++];
		memset(in, 0, sizeof *in);
		in->node = n;
		n->_private = (void *)(uintptr_t)pg->n;  /* set to pointers below */
	}
	for (size_t i = 0; i < pg->n; i++)
		pg->v[i].node->_private = &pg->v[i];
	for (size_t i = 0; i < pg->n; i++) {
		struct info *in = &pg->v[i];
		xmlNode *n = in->node;
		struct info *up = n != root ? info_of(n->parent) : NULL;
		in->parent = up ? (size_t)(up - pg->v) + 1 : 0;
		const char *name = html_name(n);
		if (up && is_one_of(name, block_tags))
			up->block_child = true;
		in->strong = strcmp(name, "article") == 0 || strcmp(name, "main") == 0 ||
		             is_article_body(n);
		for (xmlNode *c = n->children; c; c = c->next)
			if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
				in->own += text_len((const char *)c->content, &in->commas);
		in->text = in->own;
	}
	for (size_t i = pg->n; i-- > 0;) {
		struct info *in = &pg->v[i];
		const char *name = html_name(in->node);
		if (strcmp(name, "a") == 0)
			in->links = in->text;
		if (strcmp(name, "p") == 0)
			in->ptext = in->text;
		if (in->parent) {
			struct info *up = &pg->v[in->parent - 1];
			up->text += in->text;
			up->links += in->links;
			up->ptext += in->ptext;
			up->commas += in->commas;
			up->strong |= in->strong;
		}
	}
	return 0;
}

/* Take the dropped elements out of the tree, what they held to `left`;
 * *place: for each element that stays, in order, its place on the page
 * as it was (or NULL: memory). */
static void unlink_dropped(struct page *pg, struct html_left *left, size_t **place)
{
	for (size_t i = 0; i < pg->n; i++) {
		struct info *in = &pg->v[i];
		struct info *up = in->parent ? &pg->v[in->parent - 1] : NULL;
		if (up && up->drop) {
			in->drop = false;  /* goes with its ancestor */
			in->keep = true;   /* (marks it gone for what follows) */
			continue;
		}
		if (up && up->keep) {
			in->keep = true;
			in->drop = false;
		}
	}
	size_t *stays = left ? malloc((pg->n ? pg->n : 1) * sizeof *stays) : NULL;
	for (size_t i = 0, k = 0; stays && i < pg->n; i++)
		if (!pg->v[i].drop && !pg->v[i].keep)
			stays[k++] = i;
	*place = stays;
	for (size_t i = 0; i < pg->n; i++)
		if (pg->v[i].drop) {
			html_left_add(left, pg->v[i].why, pg->v[i].node, 2 * i);
			xmlUnlinkNode(pg->v[i].node);
			xmlFreeNode(pg->v[i].node);
		}
}

/* Mark what is never the article, and take it out of the tree.  What
 * holds the article is kept whatever it is called: the itemprop=articleBody
 * element with the most paragraph text (else such an <article>, else such
 * a <main>) and its ancestors, or, on a page with none, an element with most of the page's
 * paragraph text. */
static void clean(struct page *pg, size_t body_ptext, struct html_left *left, size_t **place)
{
	static const char *const yes[] = { "true", NULL };
	struct info *primary = NULL;
	int rank = 0;  /* itemprop=articleBody 3, <article> 2, <main> 1 */
	for (size_t i = 0; i < pg->n; i++) {
		struct info *in = &pg->v[i];
		const char *name = html_name(in->node);
		int r = is_article_body(in->node) ? 3 : strcmp(name, "article") == 0 ? 2 :
		        strcmp(name, "main") == 0 ? 1 : 0;
		if (r && in->ptext > 0 && (r > rank || (r == rank && in->ptext > primary->ptext))) {
			primary = in;
			rank = r;
		}
	}
	for (struct info *a = primary; a; a = a->parent ? &pg->v[a->parent - 1] : NULL)
		a->keep = true;  /* (reset before unlink_dropped) */
	for (size_t i = 0; i < pg->n; i++) {
		struct info *in = &pg->v[i];
		const char *name = html_name(in->node);
		bool never_here = is_one_of(name, never);
		if (never_here || xmlHasProp(in->node, (const xmlChar *)"hidden") ||
		    attr_is(in->node, "aria-hidden", yes) || hidden_by_style(in->node)) {
			in->drop = true;
			if (left)
				in->why = html_left_kind(in->node, never_here ? CORPUS_DROP_BOILERPLATE :
				                                              CORPUS_DROP_HIDDEN);
			continue;
		}
		if (strcmp(name, "body") == 0 || strcmp(name, "html") == 0 || in->keep)
			continue;
		if (body_ptext > 0 && in->ptext * 2 > body_ptext)
			continue;
		if (is_one_of(name, boiler_tags) || attr_is(in->node, "role", boiler_roles) ||
		    class_weight(in->node) < 0) {
			in->drop = true;
			if (left)
				in->why = html_left_kind(in->node, CORPUS_DROP_BOILERPLATE);
		}
	}
	for (size_t i = 0; i < pg->n; i++)
		pg->v[i].keep = false;
	unlink_dropped(pg, left, place);
}

static double link_density(const struct info *in)
{
	return in->text ? (double)in->links / (double)in->text : 0.0;
}

static double base_score(const struct info *in)
{
	const char *name = html_name(in->node);
	double s = 0;
	if (strcmp(name, "div") == 0)
		s = 5;
	else if (is_one_of(name, (const char *const[]){ "pre", "td", "blockquote", NULL }))
		s = 3;
	else if (is_one_of(name, (const char *const[]){ "address", "ol", "ul", "dl", "dd",
	                                                  "dt", "li", "form", NULL }))
		s = -3;
	else if (is_one_of(name, (const char *const[]){ "h1", "h2", "h3", "h4", "h5", "h6",
	                                                  "th", NULL }))
		s = -5;
	if (in->strong && (strcmp(name, "article") == 0 || strcmp(name, "main") == 0 ||
	                   is_article_body(in->node)))
		s += 25;
	return s + 25 * class_weight(in->node);
}

/* A paragraph's points to its ancestors, from `up` (index + 1) on. */
static void give_points(struct page *pg, size_t up, size_t len, unsigned commas)
{
	if (len < MIN_PARAGRAPH)
		return;
	double points = 1 + commas + (len / 100 < 3 ? (double)(len / 100) : 3);
	for (int level = 0; up && level < ANCESTORS; level++) {
		struct info *a = &pg->v[up - 1];
		if (!a->scored) {
			a->scored = true;
			a->score = base_score(a);
		}
		a->score += points / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
		up = a->parent;
	}
}

bool html_is_block(const xmlNode *n)
{
	return is_one_of(html_name(n), block_tags);
}
#define is_block html_is_block

/* Each <p> and <pre> is a paragraph; so is each run of text and inline
 * elements inside another element, between its blocks and line breaks
 * (text written in a <div> with <br>s), whose points go to that element
 * first. */
static void score(struct page *pg)
{
	for (size_t i = 0; i < pg->n; i++) {
		struct info *in = &pg->v[i];
		const char *name = html_name(in->node);
		if (strcmp(name, "p") == 0 || strcmp(name, "pre") == 0) {
			give_points(pg, in->parent, in->text, in->commas);
			continue;
		}
		if (in->own == 0 || strcmp(name, "a") == 0 || !is_block(in->node))
			continue;
		size_t run = 0;
		unsigned commas = 0;
		for (xmlNode *c = in->node->children; c; c = c->next) {
			if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
				run += text_len((const char *)c->content, &commas);
			} else if (c->type == XML_ELEMENT_NODE && !is_block(c)) {
				struct info *ci = info_of(c);
				run += ci ? ci->text : 0;
				commas += ci ? ci->commas : 0;
			} else if (c->type == XML_ELEMENT_NODE) {
				give_points(pg, i + 1, run, commas);
				run = 0;
				commas = 0;
			}
		}
		give_points(pg, i + 1, run, commas);
	}
	for (size_t i = 0; i < pg->n; i++)
		if (pg->v[i].scored)
			pg->v[i].score *= 1 - link_density(&pg->v[i]);
}

static struct info *parent_of(struct page *pg, const struct info *in)
{
	return in->parent ? &pg->v[in->parent - 1] : NULL;
}

/* The best-scoring element, moved up while its parent scores better or
 * it is an only child (Readability's rules); NULL when none scored. */
static struct info *top_candidate(struct page *pg)
{
	struct info *top = NULL;
	for (size_t i = 0; i < pg->n; i++)
		if (pg->v[i].scored && (!top || pg->v[i].score > top->score))
			top = &pg->v[i];
	if (!top)
		return NULL;
	double last = top->score, threshold = last / 3;
	for (struct info *p = parent_of(pg, top); p && strcmp(html_name(p->node), "body");
	     p = parent_of(pg, p)) {
		if (!p->scored)
			continue;
		if (p->score < threshold)
			break;
		if (p->score > last) {
			top = p;
			break;
		}
		last = p->score;
	}
	for (struct info *p = parent_of(pg, top); p && strcmp(html_name(p->node), "body");
	     p = parent_of(pg, p)) {
		size_t kids = 0;
		for (xmlNode *c = p->node->children; c; c = c->next)
			kids += c->type == XML_ELEMENT_NODE;
		if (kids != 1)
			break;
		top = p;
	}
	return top;
}

static bool ends_sentence(const xmlNode *n)
{
	xmlChar *s = xmlNodeGetContent(n);
	if (!s)
		return false;
	size_t k = strlen((const char *)s);
	while (k > 0 && isspace(s[k - 1]))
		k--;
	bool r = k > 0 && s[k - 1] == '.';
	xmlFree(s);
	return r;
}

/* The top candidate and the siblings that belong with it. */
static void mark_article(struct page *pg, struct info *top)
{
	double threshold = top->score * 0.2 > 10 ? top->score * 0.2 : 10;
	xmlNode *first = top->node->parent ? top->node->parent->children : top->node;
	char *top_class = html_attr(top->node, "class");
	for (xmlNode *c = first; c; c = c->next) {
		struct info *in = info_of(c);
		if (!in)
			continue;
		if (in == top) {
			in->keep = true;
			continue;
		}
		double bonus = 0;
		char *cls = html_attr(c, "class");
		if (cls && top_class && *cls && strcmp(cls, top_class) == 0)
			bonus = top->score * 0.2;
		xmlFree(cls);
		if (in->scored && in->score + bonus >= threshold) {
			in->keep = true;
		} else if (strcmp(html_name(c), "p") == 0) {
			double ld = link_density(in);
			if ((in->text > 80 && ld < 0.25) ||
			    (in->text > 0 && in->text <= 80 && ld == 0 && ends_sentence(c)))
				in->keep = true;
		}
	}
	xmlFree(top_class);
	if (!top->node->parent)
		top->keep = true;
}

/* ---- the text ----------------------------------------------------------- */

struct out {
	struct buf all, cur;
	bool space;
	int failed;
};

static void flush(struct out *o)
{
	while (o->cur.len && o->cur.data[o->cur.len - 1] == ' ')
		o->cur.len--;
	if (o->cur.len) {
		if (o->all.len)
			o->failed |= buf_puts(&o->all, "\n\n");
		o->failed |= buf_append(&o->all, o->cur.data, o->cur.len);
	}
	o->cur.len = 0;
	o->space = true;
}

static void put_text(struct out *o, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f') {
			o->space = true;
			continue;
		}
		if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
			o->space = true;  /* a no-break space: a space, or nothing */
			s++;
			continue;
		}
		if (o->space && o->cur.len)
			o->failed |= buf_putc(&o->cur, ' ');
		o->space = false;
		o->failed |= buf_putc(&o->cur, *s);
	}
}

/* Left out of the article's text: its title (given apart), and lists or
 * blocks that are mostly links (read also, tags, more from the site). */
static bool skip_in_text(const struct info *in)
{
	const char *name = html_name(in->node);
	if (strcmp(name, "h1") == 0)
		return true;
	if (in->text == 0)
		return false;
	double ld = link_density(in);
	if (is_one_of(name, (const char *const[]){ "ul", "ol", "dl", "div", "section",
	                                           "table", "li", NULL }))
		return ld > 0.5;
	if (strcmp(name, "p") == 0)
		return ld > 0.8;
	return false;
}

static void emit(struct out *o, xmlNode *root)
{
	flush(o);
	xmlNode *n = root;
	while (n) {
		bool descend = true;
		if (n->type == XML_ELEMENT_NODE) {
			struct info *in = info_of(n);
			if (n != root && in && skip_in_text(in)) {
				descend = false;
			} else if (is_block(n)) {
				flush(o);
				if (!n->children)
					descend = false;
			}
		} else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			put_text(o, (const char *)n->content);
		}
		/* Onwards: into the children, or past the blocks being left. */
		if (descend && n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next) {
			n = n->parent;
			if (is_block(n))
				flush(o);
		}
		n = n && n != root ? n->next : NULL;
	}
	flush(o);
}

char *html_text(htmlDocPtr doc, bool *oom)
{
	*oom = false;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root)
		return NULL;
	struct out o = { .space = true };
	emit(&o, root);
	buf_free(&o.cur);
	if (o.failed) {
		buf_free(&o.all);
		*oom = true;
		return NULL;
	}
	if (!o.all.len) {
		buf_free(&o.all);
		return NULL;
	}
	char *text = buf_steal(&o.all);
	*oom = !text;
	return text;
}

/* What the article leaves out, in page order: in it, the lists and blocks
 * of links its text skips (the title, <h1>, is given apart); around it,
 * each block that holds none of it (low-score) and loose text. */
static void record_left(struct page *pg, xmlNode *root, struct html_left *left,
                        const size_t *place)
{
	for (size_t i = 0; i < pg->n; i++) {
		struct info *in = &pg->v[i], *up = parent_of(pg, in);
		in->inside = in->keep || (up && up->inside);
	}
	for (size_t i = pg->n; i-- > 0;) {
		struct info *up = parent_of(pg, &pg->v[i]);
		if (up && (pg->v[i].keep || pg->v[i].holds))
			up->holds = true;
	}
	/* Each block's place on the page as it was: twice that of its element
	 * (as for what clean() dropped), loose text one more than the last
	 * element before it. */
	size_t at = 0;
	xmlNode *n = root;
	while (n) {
		bool descend = true;
		struct info *in = info_of(n), *up = info_of(n->parent);
		bool h1 = strcmp(html_name(n), "h1") == 0;
		if (in)
			at = 2 * place[in - pg->v];
		if (in && in->inside) {
			if (!in->keep && skip_in_text(in)) {
				html_left_add(left, h1 ? CORPUS_DROP_TITLE : CORPUS_DROP_RELATED, n, at);
				descend = false;
			}
		} else if (in && !in->holds) {
			html_left_add(left, h1 ? CORPUS_DROP_TITLE : CORPUS_DROP_LOW_SCORE, n, at);
			descend = false;
		} else if (!in && (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		           up && !up->inside) {
			html_left_add(left, CORPUS_DROP_LOW_SCORE, n, at + 1);
		}
		n = html_next(n, root, descend);
	}
}

char *html_body(htmlDocPtr doc, struct html_left *left, bool *oom)
{
	*oom = false;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root)
		return NULL;
	struct page pg = { 0 };
	char *text = NULL;
	size_t *place = NULL;  /* see unlink_dropped() */
	if (collect(&pg, root) < 0)
		goto fail;
	size_t body_ptext = 0;
	for (size_t i = 0; i < pg.n; i++)
		if (strcmp(html_name(pg.v[i].node), "body") == 0)
			body_ptext = pg.v[i].ptext;
	clean(&pg, body_ptext, left, &place);
	if (left && !place)
		left->failed = true;
	if (left)
		html_left_mark(left);
	if (collect(&pg, root) < 0)
		goto fail;
	score(&pg);
	struct info *top = top_candidate(&pg);
	if (top) {
		mark_article(&pg, top);
		if (left && place)
			record_left(&pg, root, left, place);
		struct out o = { .space = true };
		for (size_t i = 0; i < pg.n; i++)
			if (pg.v[i].keep)
				emit(&o, pg.v[i].node);
		buf_free(&o.cur);
		if (o.failed) {
			buf_free(&o.all);
			goto fail;
		}
		if (o.all.len)
			text = buf_steal(&o.all);
		else
			buf_free(&o.all);
		if (!text && o.all.len)
			*oom = true;
	}
	for (size_t i = 0; i < pg.n; i++)
		pg.v[i].node->_private = NULL;
	free(pg.v);
	free(place);
	return text;
fail:
	for (size_t i = 0; i < pg.n; i++)
		pg.v[i].node->_private = NULL;
	free(pg.v);
	free(place);
	*oom = true;
	return NULL;
}
