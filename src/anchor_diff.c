/*
 * anchor_diff.c: where an old text's offsets land in a new text, for
 * re-anchoring (see anchor.c).  Both texts are split into word tokens;
 * the common token prefix and suffix are trimmed, and Myers' greedy
 * O(ND) diff (Myers 1986) aligns the middle, up to DIFF_MAX_D token edits
 * and DIFF_BUDGET steps.  Beyond those limits the diff gives up on the
 * middle, which then maps proportionally: a rough place that anchor.c
 * only uses as a hint of where to look.
 */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include "anchor_impl.h"

#define DIFF_MAX_D 1024      /* token edits before the diff gives up */
#define DIFF_BUDGET 20000000 /* diagonal and snake steps, likewise */

/* Letters, digits and combining marks make words (as in anchor.c). */
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

/* A stretch that the diff found equal: old [o, o+len) = new [nw, nw+len),
 * in code points. */
struct run {
	size_t o, nw, len;
};

struct dmap {
	struct run *r;
	size_t n, cap;
	size_t olen, nlen;     /* code points of old and new text */
};

/* Word tokens: a run of word characters, or one other character, with the
 * blanks after it; a line end is a token of its own.  hash[i] identifies
 * token i (FNV-1a of its code points; equal hashes are taken as equal
 * tokens), at[i] is its first code point, at[n] the text's length. */
struct tokens {
	uint64_t *hash;
	size_t *at;
	size_t n;
};

static void tokens_free(struct tokens *tk)
{
	free(tk->hash);
	free(tk->at);
}

/* Split t into tokens; 0, or -1 when out of memory (tk then holds
 * nothing). */
static int tokenize(const uint32_t *c, size_t n, struct tokens *tk)
{
	tk->n = 0;
	tk->hash = malloc((n + 1) * sizeof *tk->hash);
	tk->at = malloc((n + 1) * sizeof *tk->at);
	if (!tk->hash || !tk->at) {
		tokens_free(tk);
		tk->hash = NULL;
		tk->at = NULL;
		return -1;
	}
	size_t i = 0;
	while (i < n) {
		size_t j = i + 1;
		if (is_word(c[i]))
			while (j < n && is_word(c[j]))
				j++;
		if (c[i] != '\n')
			while (j < n && is_blank(c[j]))
				j++;
		uint64_t h = UINT64_C(1469598103934665603);
		for (size_t k = i; k < j; k++) {
			h ^= c[k];
			h *= UINT64_C(1099511628211);
		}
		tk->hash[tk->n] = h;
		tk->at[tk->n++] = i;
		i = j;
	}
	tk->at[tk->n] = n;
	return 0;
}

/* Append a token run (old token a, new token b, len tokens) in code points. */
static int add_run(struct dmap *m, const struct tokens *to,
                   const struct tokens *tn, size_t a, size_t b, size_t len)
{
	if (len == 0)
		return 0;
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 16;
		struct run *r = realloc(m->r, cap * sizeof *r);
		if (!r)
			return -1;
		m->r = r;
		m->cap = cap;
	}
	m->r[m->n++] = (struct run){ to->at[a], tn->at[b],
	                             to->at[a + len] - to->at[a] };
	return 0;
}

/*
 * Myers' greedy diff of token hashes a[0..na) and b[0..nb), keeping each
 * round's furthest-reaching points for the trace back (d*d int32s before
 * round d).  Appends the equal runs (offset by `off` tokens in both texts)
 * to m in order.  Returns 1 when done, 0 when the edit distance or the
 * work exceeds the limits (m untouched), -1 when out of memory.
 */
static int myers(const uint64_t *a, size_t na, const uint64_t *b, size_t nb,
                 size_t off, const struct tokens *to, const struct tokens *tn,
                 struct dmap *m)
{
	long max_d = DIFF_MAX_D, budget = DIFF_BUDGET;
	long lna = (long)na, lnb = (long)nb;
	int32_t *v = NULL, *hist = NULL;
	size_t hist_cap = 0;
	long found = -1;
	int rc = -1;

	if (max_d > lna + lnb)
		max_d = lna + lnb;
	v = malloc((size_t)(2 * max_d + 3) * sizeof *v);
	if (!v)
		return -1;
	long voff = max_d + 1;
	v[voff + 1] = 0;
	for (long d = 0; d <= max_d && found < 0; d++) {
		for (long k = -d; k <= d; k += 2) {
			long x;
			if (k == -d || (k != d && v[voff + k - 1] < v[voff + k + 1]))
				x = v[voff + k + 1];
			else
				x = v[voff + k - 1] + 1;
			long y = x - k;
			while (x < lna && y < lnb && a[x] == b[y]) {
				x++;
				y++;
				budget--;
			}
			v[voff + k] = (int32_t)x;
			if (x >= lna && y >= lnb) {
				found = d;
				break;
			}
			if (--budget < 0)
				break;
		}
		size_t need = (size_t)(d + 1) * (size_t)(d + 1);
		if (need > hist_cap) {
			size_t cap = hist_cap ? hist_cap : 1024;
			while (cap < need)
				cap *= 2;
			int32_t *h = realloc(hist, cap * sizeof *h);
			if (!h)
				goto out;
			hist = h;
			hist_cap = cap;
		}
		memcpy(hist + (size_t)d * (size_t)d, v + voff - d,
		       (size_t)(2 * d + 1) * sizeof *v);
		if (budget < 0)
			break;
	}
	if (found < 0) {
		rc = 0;
		goto out;
	}
	/* Trace back from (na, nb), collecting snakes from the end. */
	size_t first = m->n;
	long x = lna, y = lnb;
	for (long d = found; d > 0; d--) {
		const int32_t *pv = hist + (size_t)(d - 1) * (size_t)(d - 1);
		long k = x - y;
		bool down = k == -d || (k != d && pv[k - 1 + d - 1] < pv[k + 1 + d - 1]);
		long pk = down ? k + 1 : k - 1;
		long px = pv[pk + d - 1], py = px - pk;
		long mx = down ? px : px + 1;
		long my = down ? py + 1 : py;
		if (x > mx && add_run(m, to, tn, off + (size_t)mx,
		                      off + (size_t)my, (size_t)(x - mx)) < 0)
			goto out;
		x = px;
		y = py;
	}
	if (x > 0 && add_run(m, to, tn, off, off, (size_t)x) < 0)
		goto out;
	/* The runs were collected backwards. */
	for (size_t i = first, j = m->n; i + 1 < j; i++, j--) {
		struct run t = m->r[i];
		m->r[i] = m->r[j - 1];
		m->r[j - 1] = t;
	}
	rc = 1;
out:
	free(v);
	free(hist);
	return rc;
}

/*
 * Diff old and new text by word tokens into equal runs: the common token
 * prefix and suffix, and in between Myers' diff when it stays within its
 * limits (otherwise the middle is left unmatched and maps
 * proportionally).  0, or -1 when out of memory.
 */
static int diff_map(const uint32_t *o, size_t olen, const uint32_t *n,
                    size_t nlen, struct dmap *m)
{
	struct tokens to = { 0 }, tn = { 0 };
	int rc = -1;

	memset(m, 0, sizeof *m);
	m->olen = olen;
	m->nlen = nlen;
	if (tokenize(o, olen, &to) < 0 || tokenize(n, nlen, &tn) < 0)
		goto out;
	size_t p = 0, s = 0;
	while (p < to.n && p < tn.n && to.hash[p] == tn.hash[p])
		p++;
	while (s < to.n - p && s < tn.n - p &&
	       to.hash[to.n - 1 - s] == tn.hash[tn.n - 1 - s])
		s++;
	if (add_run(m, &to, &tn, 0, 0, p) < 0)
		goto out;
	if (to.n - p - s > 0 && tn.n - p - s > 0 &&
	    myers(to.hash + p, to.n - p - s, tn.hash + p, tn.n - p - s, p,
	          &to, &tn, m) < 0)
		goto out;
	if (add_run(m, &to, &tn, to.n - s, tn.n - s, s) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0) {
		free(m->r);
		m->r = NULL;
		m->n = m->cap = 0;
	}
	tokens_free(&to);
	tokens_free(&tn);
	return rc;
}

/*
 * Where old code point x lands in the new text.  Inside an equal run it
 * moves with the run (a start belongs to the run it opens, an end to the
 * run it closes); inside a changed stretch it lands proportionally in the
 * stretch that replaced it.
 */
static size_t map_pos(const struct dmap *m, size_t x, bool is_end)
{
	size_t g0 = 0, h0 = 0;

	if (x > m->olen)
		x = m->olen;
	for (size_t i = 0; i < m->n; i++) {
		const struct run *r = &m->r[i];
		if (!is_end && r->o <= x && x < r->o + r->len)
			return r->nw + (x - r->o);
		if (is_end && r->o < x && x <= r->o + r->len)
			return r->nw + (x - r->o);
		if (x < r->o || (x == r->o && is_end)) {
			if (r->o == g0)
				return is_end ? h0 : r->nw;
			return h0 + (size_t)((double)(x - g0) * (double)(r->nw - h0) /
			                     (double)(r->o - g0));
		}
		g0 = r->o + r->len;
		h0 = r->nw + r->len;
	}
	if (m->olen == g0)
		return is_end ? h0 : m->nlen;
	return h0 + (size_t)((double)(x - g0) * (double)(m->nlen - h0) /
	                     (double)(m->olen - g0));
}

/*
 * Map the old range [start, end) of o (olen code points) into n (nlen
 * code points): *mstart and *mend.  0, or -1 when out of memory.
 */
int anchor_diff_map(const uint32_t *o, size_t olen, const uint32_t *n,
                    size_t nlen, size_t start, size_t end, size_t *mstart,
                    size_t *mend)
{
	struct dmap dm;

	if (diff_map(o, olen, n, nlen, &dm) < 0)
		return -1;
	*mstart = map_pos(&dm, start, false);
	*mend = map_pos(&dm, end, true);
	free(dm.r);
	return 0;
}
