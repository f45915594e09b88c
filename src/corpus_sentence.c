/*
 * corpus_sentence.c: splitting text into sentences.
 *
 * A sentence ends at a run of terminators (. ! ? …) and closing quotes
 * followed by white space and a capital, a digit or an opening quote,
 * except after an abbreviation from abbreviations.txt or a run of
 * capital initials ("J.K.").
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>

#include "margo/corpus.h"
#include "corpus_impl.h"

static int span_push(struct spanvec *sv, size_t a, size_t b)
{
	if (sv->n == sv->cap) {
		size_t cap = sv->cap ? 2 * sv->cap : 16;
		struct corpus_span *v = realloc(sv->v, cap * sizeof *v);
		if (!v)
			return -1;
		sv->v = v;
		sv->cap = cap;
	}
	sv->v[sv->n++] = (struct corpus_span){ a, b, 0, 0 };
	return 0;
}

/* Is the token ending with the period at s[dot] an abbreviation ("dott.",
 * "S.p.A.") or a run of capital initials ("J.", "J.K.")? */
bool cx_no_break_at_period(const struct corpus_rules *r, const char *s,
                        size_t lo, size_t dot)
{
	size_t w = dot, adv;
	while (w > lo) {
		size_t p = cx_prev_start(s, lo, w);
		ucs4_t c = cx_dec(s, dot + 1, p, &adv);
		if (cx_is_ws(c) || c == '\'' || c == 0x2019 || cx_is_opener(c))
			break;  /* an elided "dell'avv." counts as "avv." */
		w = p;
	}
	if (w == dot)
		return false;
	bool initials = true;   /* (Upper ".")+ */
	for (size_t i = w; i <= dot && initials; ) {
		ucs4_t c = cx_dec(s, dot + 1, i, &adv);
		initials = cx_is_upper_cp(c) && i + adv <= dot && s[i + adv] == '.';
		i += adv + 1;
	}
	if (initials)
		return true;
	if (!r || !r->n_abbr || dot + 1 - w > ABBR_MAX_BYTES)
		return false;
	char buf[4 * ABBR_MAX_BYTES + 1];
	const char *key = buf;
	cx_fold_into(s + w, dot + 1 - w, buf, NULL);
	return bsearch(&key, r->abbr, r->n_abbr, sizeof *r->abbr, cx_cmp_str) != NULL;
}

/* If a sentence may end at the terminator at s[i]: the byte offset just
 * after the terminators and closing quotes, else 0. */
static size_t sentence_end_at(const struct corpus_rules *r, const char *s,
                              size_t n, size_t lo, size_t i)
{
	size_t j = i, adv, dots = 0, terms = 0;
	ucs4_t c;
	while (j < n && cx_is_terminator(c = cx_dec(s, n, j, &adv)))
		dots += c == '.', terms++, j += adv;
	while (j < n && cx_is_closer(cx_dec(s, n, j, &adv)))
		j += adv;
	if (j >= n)
		return j;
	if (!cx_is_ws(cx_dec(s, n, j, &adv)))
		return 0;
	size_t k = cx_skip_ws(s, n, j);
	if (k >= n)
		return j;
	c = cx_dec(s, n, k, &adv);
	if (!cx_is_upper_cp(c) && !cx_is_digit_cp(c) && !cx_is_opener(c))
		return 0;
	if (terms == 1 && dots == 1 && cx_no_break_at_period(r, s, lo, i))
		return 0;
	return j;
}

/* Split s[0..n) into sentence byte spans appended to sv. */
int cx_split_into(const struct corpus_rules *r, const char *s, size_t n,
               struct spanvec *sv)
{
	size_t start = cx_skip_ws(s, n, 0), i = start, adv;
	while (i < n) {
		ucs4_t c = cx_dec(s, n, i, &adv);
		if (!cx_is_terminator(c)) {
			i += adv;
			continue;
		}
		size_t end = sentence_end_at(r, s, n, start, i);
		if (!end) {
			while (i < n && cx_is_terminator(cx_dec(s, n, i, &adv)))
				i += adv;
			continue;
		}
		if (span_push(sv, start, cx_trim_end(s, start, end)) < 0)
			return -1;
		start = i = cx_skip_ws(s, n, end);
	}
	size_t e = cx_trim_end(s, start, n);
	if (e > start && span_push(sv, start, e) < 0)
		return -1;
	return 0;
}

/* Fill the cp fields of spans (sorted, relative to s) with base added. */
void cx_fill_cp(const char *s, struct corpus_span *v, size_t k,
             size_t base)
{
	size_t at = 0, cp = base;
	for (size_t i = 0; i < k; i++) {
		cp += cx_cp_count(s + at, v[i].start - at);
		v[i].cp_start = cp;
		cp += cx_cp_count(s + v[i].start, v[i].end - v[i].start);
		v[i].cp_end = cp;
		at = v[i].end;
	}
}

long corpus_split_sentences(const struct corpus_rules *rules, const char *s,
                            size_t len, struct corpus_span **out)
{
	struct spanvec sv = { 0 };
	*out = NULL;
	if (s && cx_split_into(rules, s, len, &sv) < 0) {
		free(sv.v);
		return -1;
	}
	cx_fill_cp(s, sv.v, sv.n, 0);
	*out = sv.v;
	return (long)sv.n;
}

/* Number of sentences in s[0..n), or -1 on memory exhaustion. */
long cx_count_sentences(const struct corpus_rules *r, const char *s,
                     size_t n)
{
	struct spanvec sv = { 0 };
	int rc = cx_split_into(r, s, n, &sv);
	free(sv.v);
	return rc < 0 ? -1 : (long)sv.n;
}
