/*
 * search_find.c: finding a query inside one text the way the full-text
 * index does, for the reader's search in the article.
 *
 * The query and the text go through the index's tokenizer
 * (search_tokenize_stems): a text word matches a query word when they
 * share a stem (either may have two, for words ending in an accented
 * vowel), and a prefix (a last word ending in `*`) when the word or one of
 * its stems starts with it.  A phrase matches consecutive words.  The text
 * is read once, word by word: for each phrase, run[j] holds where a match
 * of its first j words ending at the previous word began, so each word
 * costs one step per query word, and no memory grows with the text but
 * the hits.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "margo/search.h"
#include "margo/util.h"
#include "search_impl.h"

#define NONE SIZE_MAX

struct qword {
	char *stem, *alt, *fold;
	size_t slen, alen, flen;
	bool prefix;
};

struct phrase {
	struct qword *w;
	size_t n, cap;
};

struct search_pattern {
	struct phrase *p;
	size_t n, cap;
};

/* ---- building ---------------------------------------------------------------- */

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		if (n)
			memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static int add_word(void *ctx, const char *folded, size_t flen, const char *stem, size_t slen,
                    const char *alt, size_t alen, size_t start, size_t end)
{
	struct phrase *ph = ctx;
	(void)start;
	(void)end;
	if (ph->n == ph->cap) {
		size_t cap = ph->cap ? ph->cap * 2 : 4;
		struct qword *v = realloc(ph->w, cap * sizeof *v);
		if (!v)
			return -1;
		ph->w = v;
		ph->cap = cap;
	}
	struct qword *w = &ph->w[ph->n];
	memset(w, 0, sizeof *w);
	w->stem = dup_n(stem, slen);
	w->alt = alen ? dup_n(alt, alen) : NULL;
	w->fold = dup_n(folded, flen);
	w->slen = slen;
	w->alen = alen;
	w->flen = flen;
	ph->n++;
	if (!w->stem || !w->fold || (alen && !w->alt))
		return -1;
	return 0;
}

static void phrase_free(struct phrase *ph)
{
	for (size_t i = 0; i < ph->n; i++) {
		free(ph->w[i].stem);
		free(ph->w[i].alt);
		free(ph->w[i].fold);
	}
	free(ph->w);
}

/* One item of the query: its words as a phrase, kept when it has any. */
static int add_item(void *ctx, const char *s, size_t n, bool prefix)
{
	struct search_pattern *p = ctx;
	struct phrase ph = { 0 };
	if (search_tokenize_stems(s, n, add_word, &ph) != 0) {
		phrase_free(&ph);
		return -1;
	}
	if (!ph.n)
		return 0;
	ph.w[ph.n - 1].prefix = prefix;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 4;
		struct phrase *v = realloc(p->p, cap * sizeof *v);
		if (!v) {
			phrase_free(&ph);
			return -1;
		}
		p->p = v;
		p->cap = cap;
	}
	p->p[p->n++] = ph;
	return 0;
}

void search_pattern_free(struct search_pattern *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		phrase_free(&p->p[i]);
	free(p->p);
	free(p);
}

struct search_pattern *search_pattern_new(const char *input, bool words, bool *oom)
{
	struct search_pattern *p = calloc(1, sizeof *p);
	int rc;
	if (oom)
		*oom = false;
	if (!p) {
		if (oom)
			*oom = true;
		return NULL;
	}
	if (words) {
		rc = search_query_items(input, add_item, p);
	} else {
		/* The whole input, one phrase; a `*` at its end makes a prefix. */
		size_t n = input ? strlen(input) : 0;
		while (n && (input[n - 1] == ' ' || input[n - 1] == '\t'))
			n--;
		rc = add_item(p, input ? input : "", n, n && input[n - 1] == '*');
	}
	if (rc != 0 || !p->n) {
		if (rc != 0 && oom)
			*oom = true;
		search_pattern_free(p);
		return NULL;
	}
	return p;
}

/* ---- finding ----------------------------------------------------------------- */

static bool same(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && an && memcmp(a, b, an) == 0;
}

static bool starts(const char *s, size_t n, const char *pre, size_t pn)
{
	return n >= pn && memcmp(s, pre, pn) == 0;
}

struct found {
	const struct search_pattern *p;
	size_t *run;          /* each phrase's n + 1 entries, one after another */
	size_t *hits;         /* pairs */
	size_t n, cap;
};

static bool word_matches(const struct qword *q, const char *folded, size_t flen,
                         const char *stem, size_t slen, const char *alt, size_t alen)
{
	if (q->prefix)
		return starts(folded, flen, q->fold, q->flen) || starts(stem, slen, q->fold, q->flen) ||
		       (alen && starts(alt, alen, q->fold, q->flen));
	return same(stem, slen, q->stem, q->slen) || same(alt, alen, q->stem, q->slen) ||
	       same(stem, slen, q->alt, q->alen) || same(alt, alen, q->alt, q->alen);
}

static int add_hit(struct found *f, size_t start, size_t end)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 32;
		if (cap > SIZE_MAX / (2 * sizeof *f->hits))
			return -1;
		size_t *v = realloc(f->hits, 2 * cap * sizeof *v);
		if (!v)
			return -1;
		f->hits = v;
		f->cap = cap;
	}
	f->hits[2 * f->n] = start;
	f->hits[2 * f->n + 1] = end;
	f->n++;
	return 0;
}

static int text_word(void *ctx, const char *folded, size_t flen, const char *stem, size_t slen,
                     const char *alt, size_t alen, size_t start, size_t end)
{
	struct found *f = ctx;
	size_t *run = f->run;
	for (size_t i = 0; i < f->p->n; i++) {
		const struct phrase *ph = &f->p->p[i];
		for (size_t j = ph->n; j >= 1; j--) {
			size_t from = j == 1 ? start : run[j - 1];
			run[j] = from != NONE &&
			         word_matches(&ph->w[j - 1], folded, flen, stem, slen, alt, alen)
			         ? from : NONE;
		}
		if (run[ph->n] != NONE && add_hit(f, run[ph->n], end) < 0)
			return -1;
		run += ph->n + 1;
	}
	return 0;
}

static int by_start(const void *a, const void *b)
{
	const size_t *x = a, *y = b;
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

int search_pattern_find(const struct search_pattern *p, const char *text, size_t len,
                        size_t **hits, size_t *n)
{
	struct found f = { p, NULL, NULL, 0, 0 };
	size_t slots = 0;
	*hits = NULL;
	*n = 0;
	for (size_t i = 0; i < p->n; i++)
		slots += p->p[i].n + 1;
	f.run = malloc(slots * sizeof *f.run);
	if (!f.run)
		return -1;
	for (size_t i = 0; i < slots; i++)
		f.run[i] = NONE;
	int rc = search_tokenize_stems(text, len, text_word, &f);
	free(f.run);
	if (rc != 0) {
		free(f.hits);
		return -1;
	}
	/* Hits end in order; the starts of a long phrase and a short word
	 * may not be: sort by start, and merge hits that overlap. */
	if (f.n > 1 && (p->n > 1 || p->p[0].n > 1))
		qsort(f.hits, f.n, 2 * sizeof *f.hits, by_start);
	size_t k = 0;
	for (size_t i = 0; i < f.n; i++) {
		size_t s = f.hits[2 * i], e = f.hits[2 * i + 1];
		if (k && s < f.hits[2 * k - 1]) {
			if (e > f.hits[2 * k - 1])
				f.hits[2 * k - 1] = e;
			continue;
		}
		f.hits[2 * k] = s;
		f.hits[2 * k + 1] = e;
		k++;
	}
	if (!k) {
		free(f.hits);
		f.hits = NULL;
	}
	*hits = f.hits;
	*n = k;
	return 0;
}
