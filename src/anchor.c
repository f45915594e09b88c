/*
 * anchor.c: capturing an annotation's evidence and placing it again in a
 * changed text (see include/margo/anchor.h).
 *
 * Everything works on arrays of code points (uint32_t), so offsets at the
 * interface and inside are the same unit.  anchor_locate() tries, in order:
 *
 *   1. the stored offsets: the exact quote there -> exact;
 *   2. the offsets mapped through a word diff of old and new text (common
 *      prefix and suffix trimmed, then Myers' greedy O(ND) diff on word
 *      tokens, up to 1024 token edits; beyond that only the trimmed prefix
 *      and suffix map exactly and the middle maps proportionally: see
 *      anchor_diff.c) -> the exact quote there -> moved;
 *   3. every place where the quote occurs with at most 20% edits (Myers'
 *      1999 bit-parallel edit-distance search, blocked in 64-bit words for
 *      quotes of any length; exact occurrences are the ones at distance 0),
 *      each scored
 *          0.50 quote similarity + 0.175 prefix similarity
 *        + 0.175 suffix similarity + 0.15 nearness
 *      where a similarity is 1 - edit distance / longer length and
 *      nearness is 1 / (1 + distance / 250 code points) from the mapped
 *      place (the stored start when there is no old text).  The best is
 *      taken when it scores at least ANCHOR_FLOOR (0.60; LONG_FLOOR, 0.55,
 *      for quotes of LONG_QUOTE, 32, code points or more, whose own words
 *      are evidence enough: found exactly, once, with a new context, such a
 *      quote scores about 0.58, while one with 10% of it changed and a new
 *      context scores about 0.53) and beats the runner-up (another place,
 *      not overlapping it) by ANCHOR_MARGIN (0.05) -> fuzzy;
 *   4. otherwise orphan, with the best score seen.
 * Quotes under SHORT_QUOTE (8) code points are matched exactly only, never
 * inside a longer word, and only where their context matches (see
 * context_ok()), in every step; in step 2, quotes under LONG_QUOTE (32)
 * need a matching context too, since a diff also lines up common phrases
 * inside a rewritten paragraph.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "margo/anchor.h"
#include "anchor_impl.h"
#include "margo/text.h"

#define SHORT_QUOTE 8        /* code points: shorter quotes are "short" */
#define CONTEXT_MATCH 0.6    /* prefix/suffix similarity that "matches" */
#define W_QUOTE 0.50         /* weights of the candidate score */
#define W_PREFIX 0.175
#define W_SUFFIX 0.175
#define W_NEAR 0.15
#define NEAR_SCALE 250.0     /* code points at which nearness is 1/2 */
#define ANCHOR_FLOOR 0.60    /* lowest score accepted as fuzzy */
#define LONG_QUOTE 32        /* code points: quotes this long ... */
#define LONG_FLOOR 0.55      /* ... are accepted from this score */
#define ANCHOR_MARGIN 0.05   /* lead needed over the runner-up */
#define MAX_CANDIDATES 256   /* places scored at most */

/* ---- status names ------------------------------------------------------ */

static const char *const status_names[] = {
	[ANCHOR_EXACT] = "exact",
	[ANCHOR_MOVED] = "moved",
	[ANCHOR_FUZZY] = "fuzzy",
	[ANCHOR_ORPHAN] = "orphan",
	[ANCHOR_MANUAL] = "manual",
};

const char *anchor_status_name(enum anchor_status s)
{
	if ((unsigned)s < sizeof status_names / sizeof status_names[0])
		return status_names[s];
	return "orphan";
}

int anchor_status_parse(const char *s)
{
	if (!s)
		return -1;
	for (size_t i = 0; i < sizeof status_names / sizeof status_names[0]; i++)
		if (strcmp(s, status_names[i]) == 0)
			return (int)i;
	return -1;
}

/* ---- code points ------------------------------------------------------- */

/* A decoded string: n code points in a malloc'd array (never NULL after a
 * successful decode, even when n is 0). */
struct cps {
	uint32_t *c;
	size_t n;
};

/* Decode len bytes of valid UTF-8 into `out`; 0, or -1 when memory runs
 * out.  (Ill-formed input would give U+FFFD, never a crash.) */
static int decode(const char *s, size_t len, struct cps *out)
{
	size_t n = s ? text_cp_count(s, len) : 0, i = 0, k = 0;

	out->n = 0;
	out->c = malloc((n + 1) * sizeof *out->c);
	if (!out->c)
		return -1;
	while (s && i < len && k < n) {
		ucs4_t uc;
		int l = u8_mbtouc(&uc, (const uint8_t *)s + i, len - i);
		out->c[k++] = uc;
		i += l > 0 ? (size_t)l : 1;
	}
	out->n = k;
	return 0;
}

static bool cp_equal(const uint32_t *a, const uint32_t *b, size_t n)
{
	return n == 0 || memcmp(a, b, n * sizeof *a) == 0;
}

/* Letters, digits and combining marks make words. */
static bool is_word(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	return uc_is_alnum(c) || uc_is_general_category(c, UC_CATEGORY_M);
}

static bool is_blank(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F || c == 0x2009;
}

static bool is_space(uint32_t c)
{
	return is_blank(c) || c == '\n';
}

/* ---- context: up to ANCHOR_CONTEXT code points, never across "\n\n" ---- */

/* Start of the prefix of a selection starting at code point s. */
static size_t context_before(const uint32_t *t, size_t s)
{
	size_t p = s, k = 0;

	while (p > 0 && k < ANCHOR_CONTEXT) {
		if (t[p - 1] == '\n' && p >= 2 && t[p - 2] == '\n')
			break;
		p--;
		k++;
	}
	return p;
}

/* End of the suffix of a selection ending at code point e of n. */
static size_t context_after(const uint32_t *t, size_t n, size_t e)
{
	size_t p = e, k = 0;

	while (p < n && k < ANCHOR_CONTEXT) {
		if (t[p] == '\n' && p + 1 < n && t[p + 1] == '\n')
			break;
		p++;
		k++;
	}
	return p;
}

/* The same rule on bytes, for anchor_capture(): byte offset where the
 * prefix of a selection starting at byte b starts. */
static size_t context_before_bytes(const char *t, size_t b)
{
	size_t p = b, k = 0;

	while (p > 0 && k < ANCHOR_CONTEXT) {
		if (t[p - 1] == '\n' && p >= 2 && t[p - 2] == '\n')
			break;
		p--;
		while (p > 0 && ((unsigned char)t[p] & 0xC0) == 0x80)
			p--;
		k++;
	}
	return p;
}

/* Byte offset where the suffix of a selection ending at byte b ends. */
static size_t context_after_bytes(const char *t, size_t len, size_t b)
{
	size_t p = b, k = 0;

	while (p < len && k < ANCHOR_CONTEXT) {
		if (t[p] == '\n' && p + 1 < len && t[p + 1] == '\n')
			break;
		p++;
		while (p < len && ((unsigned char)t[p] & 0xC0) == 0x80)
			p++;
		k++;
	}
	return p;
}

int anchor_capture(const char *text, size_t len, size_t start, size_t end,
                   char **quote, char **prefix, char **suffix)
{
	if (!quote || !prefix || !suffix)
		return -1;
	*quote = *prefix = *suffix = NULL;
	/* An empty selection is no selection: nothing could find it again. */
	if (!text || start >= end || end > text_cp_count(text, len))
		return -1;
	size_t bs = text_cp_to_byte(text, len, start);
	size_t be = bs + text_cp_to_byte(text + bs, len - bs, end - start);
	size_t pb = context_before_bytes(text, bs);
	size_t se = context_after_bytes(text, len, be);
	char *q = malloc(be - bs + 1), *p = malloc(bs - pb + 1),
	     *s = malloc(se - be + 1);
	if (!q || !p || !s) {
		free(q);
		free(p);
		free(s);
		return -1;
	}
	memcpy(q, text + bs, be - bs);
	q[be - bs] = '\0';
	memcpy(p, text + pb, bs - pb);
	p[bs - pb] = '\0';
	memcpy(s, text + be, se - be);
	s[se - be] = '\0';
	*quote = q;
	*prefix = p;
	*suffix = s;
	return 0;
}

/* ---- bit-parallel edit distance (Myers 1999, blocked) ------------------ */

/*
 * A pattern prepared for Myers' bit-vector algorithm: for each distinct
 * code point of the pattern, one bit mask per 64-bit word; the vertical
 * delta vectors pv/mv of the current column.  Works for any length m >= 1
 * by carrying the horizontal delta from word to word.
 */
struct bp {
	size_t m, nw;
	uint32_t *sym;      /* sorted distinct code points of the pattern */
	size_t nsym;
	uint64_t *peq;      /* nsym * nw masks */
	uint64_t *pv, *mv;  /* nw each */
	uint64_t last;      /* the bit of row m in the last word */
};

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Index of c in b->sym, or SIZE_MAX when the pattern does not hold it. */
static size_t bp_find(const struct bp *b, uint32_t c)
{
	size_t lo = 0, hi = b->nsym;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->sym[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < b->nsym && b->sym[lo] == c ? lo : SIZE_MAX;
}

static void bp_free(struct bp *b)
{
	free(b->sym);
	free(b->peq);
	free(b->pv);
	free(b->mv);
	memset(b, 0, sizeof *b);
}

/* Prepare pattern p (m code points; m may be 0: then only bp_distance()
 * may be used, and gives the text's length).  0, or -1 when out of memory. */
static int bp_init(struct bp *b, const uint32_t *p, size_t m)
{
	memset(b, 0, sizeof *b);
	b->m = m;
	if (m == 0)
		return 0;
	b->nw = (m + 63) / 64;
	b->sym = malloc(m * sizeof *b->sym);
	b->pv = malloc(b->nw * sizeof *b->pv);
	b->mv = malloc(b->nw * sizeof *b->mv);
	if (!b->sym || !b->pv || !b->mv)
		goto fail;
	memcpy(b->sym, p, m * sizeof *p);
	qsort(b->sym, m, sizeof *b->sym, cmp_u32);
	size_t k = 0;
	for (size_t i = 0; i < m; i++)
		if (k == 0 || b->sym[k - 1] != b->sym[i])
			b->sym[k++] = b->sym[i];
	b->nsym = k;
	b->peq = calloc(k * b->nw, sizeof *b->peq);
	if (!b->peq)
		goto fail;
	for (size_t i = 0; i < m; i++)
		b->peq[bp_find(b, p[i]) * b->nw + i / 64] |= UINT64_C(1) << (i % 64);
	b->last = UINT64_C(1) << ((m - 1) % 64);
	return 0;
fail:
	bp_free(b);
	return -1;
}

/* Column 0 of the dynamic programming matrix: D[i][0] = i. */
static void bp_reset(struct bp *b)
{
	for (size_t w = 0; w < b->nw; w++) {
		b->pv[w] = ~UINT64_C(0);
		b->mv[w] = 0;
	}
}

/*
 * Advance one column with text code point c.  `top` is the horizontal
 * delta of row 0 (0: the match may start anywhere, search; +1: it starts
 * at the first code point read, global distance).  Returns the change of
 * D[m][j] from the previous column (-1, 0 or +1).
 */
static int bp_step(struct bp *b, uint32_t c, int top)
{
	size_t si = bp_find(b, c);
	int h = top;

	for (size_t w = 0; w < b->nw; w++) {
		uint64_t eq = si == SIZE_MAX ? 0 : b->peq[si * b->nw + w];
		uint64_t high = w + 1 == b->nw ? b->last : UINT64_C(1) << 63;
		uint64_t pv = b->pv[w], mv = b->mv[w];
		uint64_t xv = eq | mv;
		if (h < 0)
			eq |= 1;
		uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
		uint64_t ph = mv | ~(xh | pv);
		uint64_t mh = pv & xh;
		int hout = (ph & high) ? 1 : (mh & high) ? -1 : 0;
		ph <<= 1;
		mh <<= 1;
		if (h < 0)
			mh |= 1;
		else if (h > 0)
			ph |= 1;
		b->pv[w] = mh | ~(xv | ph);
		b->mv[w] = ph & xv;
		h = hout;
	}
	return h;
}

/* Levenshtein distance between the pattern and t[0..n). */
static size_t bp_distance(struct bp *b, const uint32_t *t, size_t n)
{
	if (b->m == 0)
		return n;
	bp_reset(b);
	size_t d = b->m;
	for (size_t i = 0; i < n; i++)
		d = (size_t)((ptrdiff_t)d + bp_step(b, t[i], 1));
	return d;
}

/* 1 - distance / longer length: 1 for equal strings (two empty ones too),
 * 0 when one is empty and the other not. */
static double bp_similarity(struct bp *b, const uint32_t *t, size_t n)
{
	size_t longer = b->m > n ? b->m : n;

	if (longer == 0)
		return 1.0;
	return 1.0 - (double)bp_distance(b, t, n) / (double)longer;
}

/* ---- candidates -------------------------------------------------------- */

/* What one locate call works on. */
struct work {
	struct cps q, p, s, nt, ot;
	struct bp bq, brev, bpre, bsuf;
	size_t ref;             /* where the quote is expected in the new text */
	bool word_start;        /* the quote began at the start of a word */
	bool word_end;          /* the quote ended at the end of a word */
};

struct cand {
	size_t s, e;
	double score, qs, ps, ss;
};

/* Score the place [s, e) of the new text (see the top of the file). */
static void score_place(struct work *w, size_t s, size_t e, struct cand *c)
{
	const uint32_t *t = w->nt.c;
	size_t pb = context_before(t, s), se = context_after(t, w->nt.n, e);
	double dist = s > w->ref ? (double)(s - w->ref) : (double)(w->ref - s);

	c->s = s;
	c->e = e;
	c->qs = bp_similarity(&w->bq, t + s, e - s);
	c->ps = bp_similarity(&w->bpre, t + pb, s - pb);
	c->ss = bp_similarity(&w->bsuf, t + e, se - e);
	c->score = W_QUOTE * c->qs + W_PREFIX * c->ps + W_SUFFIX * c->ss +
	           W_NEAR / (1.0 + dist / NEAR_SCALE);
}

/*
 * Whether a place's context matches the evidence, the condition for short
 * quotes: a prefix or suffix of at least SHORT_QUOTE code points that is
 * CONTEXT_MATCH similar; when both are shorter (a quote that is nearly a
 * whole paragraph), both must be.
 */
static bool context_ok(const struct work *w, const struct cand *c)
{
	if (w->p.n >= SHORT_QUOTE && c->ps >= CONTEXT_MATCH)
		return true;
	if (w->s.n >= SHORT_QUOTE && c->ss >= CONTEXT_MATCH)
		return true;
	if (w->p.n < SHORT_QUOTE && w->s.n < SHORT_QUOTE)
		return c->ps >= CONTEXT_MATCH && c->ss >= CONTEXT_MATCH;
	return false;
}

/* Whether [s, e) cuts a word where the quote's own edges did not. */
static bool cuts_word(const struct work *w, size_t s, size_t e)
{
	const uint32_t *t = w->nt.c;

	return (w->word_start && s > 0 && is_word(t[s - 1])) ||
	       (w->word_end && e < w->nt.n && is_word(t[e]));
}

/* The exact quote at [s, s+q) of the new text, not inside a longer word
 * if short, with matching context (context_ok()) when the quote is
 * shorter than `context_below`. */
static bool exact_at(struct work *w, size_t s, size_t context_below)
{
	struct cand c;

	if (s > w->nt.n || w->nt.n - s < w->q.n ||
	    !cp_equal(w->nt.c + s, w->q.c, w->q.n))
		return false;
	if (w->q.n < SHORT_QUOTE && cuts_word(w, s, s + w->q.n))
		return false;
	if (w->q.n >= context_below)
		return true;
	score_place(w, s, s + w->q.n, &c);
	return context_ok(w, &c);
}

/*
 * Widen or narrow an approximate place to the quote's kind of edges:
 * blanks the quote does not have are dropped; when the quote started
 * (ended) on a word boundary and the place cuts a word, it takes the whole
 * word if that costs at most k code points.
 */
static void snap(const struct work *w, size_t *s, size_t *e, size_t k)
{
	const uint32_t *t = w->nt.c, *q = w->q.c;
	size_t n = w->nt.n, m = w->q.n;

	while (*s < *e && is_space(t[*s]) && !is_space(q[0]))
		(*s)++;
	while (*e > *s && is_space(t[*e - 1]) && !is_space(q[m - 1]))
		(*e)--;
	if (*s == *e)
		return;
	if (w->word_start && *s > 0 && is_word(t[*s]) && is_word(t[*s - 1])) {
		size_t b = *s;
		while (b > 0 && is_word(t[b - 1]) && *s - b <= k)
			b--;
		if (*s - b <= k && (b == 0 || !is_word(t[b - 1])))
			*s = b;
	}
	if (w->word_end && *e < n && is_word(t[*e - 1]) && is_word(t[*e])) {
		size_t b = *e;
		while (b < n && is_word(t[b]) && b - *e <= k)
			b++;
		if (b - *e <= k && (b == n || !is_word(t[b])))
			*e = b;
	}
}

struct hit {
	size_t end, dist;
};

static int cmp_hit(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	if (x->dist != y->dist)
		return x->dist < y->dist ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->s < y->s ? -1 : x->s > y->s;
}

/*
 * Find the places where the quote occurs with at most k edits (k = 0 for
 * short quotes), one per neighbourhood (the best end within half a quote),
 * at most MAX_CANDIDATES of them, scored and sorted best first with places
 * overlapping a better one dropped.  0, or -1 when out of memory.
 */
static int find_candidates(struct work *w, struct cand **out, size_t *nout)
{
	size_t m = w->q.n, n = w->nt.n;
	size_t k = m < SHORT_QUOTE ? 0 : m / 5;
	size_t win = m / 2 > 0 ? m / 2 : 1;
	struct hit *hits = NULL, *keep = NULL;
	size_t nhits = 0, cap = 0, nkeep = 0;
	struct cand *c = NULL;
	size_t nc = 0;
	int rc = -1;

	*out = NULL;
	*nout = 0;
	/* Pass 1: ends of approximate occurrences. */
	bp_reset(&w->bq);
	size_t d = m;
	for (size_t j = 0; j < n; j++) {
		d = (size_t)((ptrdiff_t)d + bp_step(&w->bq, w->nt.c[j], 0));
		if (d > k)
			continue;
		if (nhits == cap) {
			size_t ncap = cap ? 2 * cap : 64;
			struct hit *h = realloc(hits, ncap * sizeof *h);
			if (!h)
				goto out;
			hits = h;
			cap = ncap;
		}
		hits[nhits++] = (struct hit){ j + 1, d };
	}
	/* Best ends first; drop the ends near one already kept. */
	if (nhits > 1)
		qsort(hits, nhits, sizeof *hits, cmp_hit);
	keep = malloc(MAX_CANDIDATES * sizeof *keep);
	if (!keep)
		goto out;
	for (size_t i = 0; i < nhits && nkeep < MAX_CANDIDATES; i++) {
		bool near = false;
		for (size_t j = 0; j < nkeep && !near; j++) {
			size_t a = hits[i].end, b = keep[j].end;
			near = (a > b ? a - b : b - a) < win;
		}
		if (!near)
			keep[nkeep++] = hits[i];
	}
	c = malloc((nkeep ? nkeep : 1) * sizeof *c);
	if (!c)
		goto out;
	/* Pass 2: the start of each, by the reversed quote read backwards from
	 * the end (the closest length to the quote's among the best). */
	for (size_t i = 0; i < nkeep; i++) {
		size_t e = keep[i].end, lim = m + k, best_t = 0, best = SIZE_MAX;
		bp_reset(&w->brev);
		size_t dd = m;
		for (size_t t = 1; t <= lim && t <= e; t++) {
			dd = (size_t)((ptrdiff_t)dd + bp_step(&w->brev, w->nt.c[e - t], 1));
			size_t gap = t > m ? t - m : m - t;
			size_t bgap = best_t > m ? best_t - m : m - best_t;
			if (dd < best || (dd == best && gap < bgap)) {
				best = dd;
				best_t = t;
			}
		}
		if (best_t == 0)
			continue;
		size_t s = e - best_t;
		if (k > 0)
			snap(w, &s, &e, k);
		else if (cuts_word(w, s, e))
			continue;   /* "Kim" in "Kimberly" */
		if (s >= e)
			continue;
		score_place(w, s, e, &c[nc++]);
	}
	if (nc > 1)
		qsort(c, nc, sizeof *c, cmp_cand);
	/* Places overlapping a better one are the same place. */
	size_t nd = 0;
	for (size_t i = 0; i < nc; i++) {
		bool overlap = false;
		for (size_t j = 0; j < nd && !overlap; j++)
			overlap = c[i].s < c[j].e && c[j].s < c[i].e;
		if (!overlap)
			c[nd++] = c[i];
	}
	*out = c;
	*nout = nd;
	c = NULL;
	rc = 0;
out:
	free(hits);
	free(keep);
	free(c);
	return rc;
}

/* ---- locate ------------------------------------------------------------ */

static void work_free(struct work *w)
{
	free(w->q.c);
	free(w->p.c);
	free(w->s.c);
	free(w->nt.c);
	free(w->ot.c);
	bp_free(&w->bq);
	bp_free(&w->brev);
	bp_free(&w->bpre);
	bp_free(&w->bsuf);
}

/* Decode the evidence (a non-empty quote) and the new text and prepare
 * the patterns.  0, or -1 when out of memory. */
static int work_init(struct work *w, const char *new_text, size_t new_len,
                     const struct anchor_evidence *ev)
{
	const char *p = ev->prefix ? ev->prefix : "";
	const char *s = ev->suffix ? ev->suffix : "";

	if (decode(ev->quote, strlen(ev->quote), &w->q) < 0 ||
	    decode(p, strlen(p), &w->p) < 0 || decode(s, strlen(s), &w->s) < 0 ||
	    decode(new_text, new_len, &w->nt) < 0)
		return -1;
	if (bp_init(&w->bq, w->q.c, w->q.n) < 0 ||
	    bp_init(&w->bpre, w->p.c, w->p.n) < 0 ||
	    bp_init(&w->bsuf, w->s.c, w->s.n) < 0)
		return -1;
	w->word_start = is_word(w->q.c[0]) &&
	                (w->p.n == 0 || !is_word(w->p.c[w->p.n - 1]));
	w->word_end = is_word(w->q.c[w->q.n - 1]) &&
	              (w->s.n == 0 || !is_word(w->s.c[0]));
	uint32_t *rev = malloc((w->q.n + 1) * sizeof *rev);
	if (!rev)
		return -1;
	for (size_t i = 0; i < w->q.n; i++)
		rev[i] = w->q.c[w->q.n - 1 - i];
	int rc = bp_init(&w->brev, rev, w->q.n);
	free(rev);
	return rc;
}

int anchor_locate(const char *old_text, size_t old_len, const char *new_text,
                  size_t new_len, const struct anchor_evidence *ev,
                  struct anchor_result *out)
{
	struct work w;
	struct cand *c = NULL;
	size_t nc = 0;
	int rc = -1;

	*out = (struct anchor_result){ ANCHOR_ORPHAN, 0, 0, 0.0 };
	/* An empty quote cannot be found again: an orphan. */
	if (!ev || !ev->quote || !ev->quote[0] || (!new_text && new_len))
		return 0;
	memset(&w, 0, sizeof w);
	if (work_init(&w, new_text, new_len, ev) < 0)
		goto out;
	size_t m = w.q.n;
	bool sane = ev->start <= ev->end;

	/* 1. The stored offsets. */
	if (sane && ev->end - ev->start == m && exact_at(&w, ev->start, SHORT_QUOTE)) {
		*out = (struct anchor_result){ ANCHOR_EXACT, ev->start, ev->end, 1.0 };
		rc = 0;
		goto out;
	}
	/* 2. The offsets mapped through the diff. */
	w.ref = ev->start < w.nt.n ? ev->start : w.nt.n;
	if (old_text && sane) {
		size_t ms, me;
		if (decode(old_text, old_len, &w.ot) < 0 ||
		    anchor_diff_map(w.ot.c, w.ot.n, w.nt.c, w.nt.n, ev->start,
		                    ev->end, &ms, &me) < 0)
			goto out;
		/* A diff also lines up common phrases inside a rewritten
		 * paragraph: quotes under LONG_QUOTE need their context to be
		 * "moved" (else they are scored below, and reviewed if fuzzy). */
		w.ref = ms;
		size_t at = SIZE_MAX;
		if (exact_at(&w, ms, LONG_QUOTE))
			at = ms;
		else if (me >= m && exact_at(&w, me - m, LONG_QUOTE))
			at = me - m;
		if (at != SIZE_MAX) {
			*out = (struct anchor_result){ ANCHOR_MOVED, at, at + m, 1.0 };
			rc = 0;
			goto out;
		}
	}
	/* 3. Exact and approximate occurrences scored together. */
	if (find_candidates(&w, &c, &nc) < 0)
		goto out;
	rc = 0;
	if (nc == 0)
		goto out;
	double second = nc > 1 ? c[1].score : 0.0;
	double lowest = m >= LONG_QUOTE ? LONG_FLOOR : ANCHOR_FLOOR;
	bool ok = c[0].score >= lowest && c[0].score - second >= ANCHOR_MARGIN &&
	          (m >= SHORT_QUOTE || context_ok(&w, &c[0]));
	if (ok)
		*out = (struct anchor_result){ ANCHOR_FUZZY, c[0].s, c[0].e, c[0].score };
	else
		out->score = c[0].score;   /* 4. an orphan, with the best seen */
out:
	free(c);
	work_free(&w);
	return rc;
}
