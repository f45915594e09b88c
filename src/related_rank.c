/*
 * related_rank.c: the order of a related list.  A long passage tells
 * several facts, one a sentence or two, and its best-scoring neighbours
 * tend to share its main fact; so the list gives each sentence its best
 * tellers (the sub-topic balance of xQuAD).  See docs/SEARCH.md.
 */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "margo/store_search.h"
#include "store_impl.h"

#define DIVERSITY 0.5         /* weight of covering the source's other facts */

static int by_score(const void *a, const void *b)
{
	double x = ((const struct store_hit *)a)->score, y = ((const struct store_hit *)b)->score;
	if (x != y)
		return (x < y) - (x > y);
	int64_t i = ((const struct store_hit *)a)->passage, j = ((const struct store_hit *)b)->passage;
	return (i > j) - (i < j);
}

/* The score as the list shows it (two decimals), as a number. */
static double shown(double score)
{
	char s[64];
	snprintf(s, sizeof s, "%.2f", score);
	return strtod(s, NULL);
}

/* The hits placed, in the order of the score the list shows, highest
 * first, then of the exact score: what the eye reads is ordered.  Equal
 * scores keep the order the balance gave them (a stable insertion sort:
 * the list is short). */
static void order_as_shown(struct store_hit *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct store_hit h = v[i];
		double hs = shown(h.score);
		size_t j = i;
		while (j > 0) {
			double ps = shown(v[j - 1].score);
			if (ps > hs || (ps == hs && v[j - 1].score >= h.score))
				break;
			v[j] = v[j - 1];
			j--;
		}
		v[j] = h;
	}
}

/* Put the `limit` best hits first, in an order that gives each sentence
 * (each fact) of a long source its best tellers: greedily, the hit whose
 * own score, plus how much it tells of what the hits before it left
 * untold, is highest (the sub-topic balance of xQuAD); with a `focus`
 * sentence, plus how well it tells that one (and then the score is for
 * that sentence); the hits so chosen are then shown by score.  A source of one sentence is chosen by score alone.
 * Returns how many hits are placed
 * (the rest are cleared), or -1 when memory runs out. */
ssize_t related_diversify(struct store_hit *v, size_t k, const double *cover, size_t m,
                          size_t limit, int focus)
{
	size_t pick = k < limit ? k : limit;
	if (m < 2 || k < 2) {
		qsort(v, k, sizeof *v, by_score);
		for (size_t i = pick; i < k; i++)
			store_hit_clear(&v[i]);
		return (ssize_t)pick;
	}
	double top = 0;
	for (size_t h = 0; h < k; h++)
		if (v[h].score > top)
			top = v[h].score;
	double *left = malloc(m * sizeof *left);
	bool *taken = calloc(k, sizeof *taken);
	struct store_hit *w = calloc(pick + 1, sizeof *w);
	if (!left || !taken || !w) {
		free(left);
		free(taken);
		free(w);
		return -1;
	}
	for (size_t i = 0; i < m; i++)
		left[i] = 1;
	/* The sentence asked about: its tellers first, each by how well it
	 * tells it against the best of them, less as they accumulate. */
	double fbest = 0, fleft = 1;
	size_t f = (size_t)focus;
	if (focus >= 0 && f < m)
		for (size_t h = 0; h < k; h++)
			if (cover[h * m + f] > fbest)
				fbest = cover[h * m + f];
	for (size_t p = 0; p < pick; p++) {
		size_t bi = k;
		double bg = -1;
		for (size_t h = 0; h < k; h++) {
			if (taken[h])
				continue;
			double told = 0;
			for (size_t i = 0; i < m; i++)
				told += left[i] * cover[h * m + i];
			double g = (1 - DIVERSITY) * v[h].score / top + DIVERSITY * told / (double)m;
			if (fbest > 0)
				g += fleft * cover[h * m + f] / fbest;
			if (bi == k || g > bg || (g == bg && by_score(&v[h], &v[bi]) < 0)) {
				bi = h;
				bg = g;
			}
		}
		taken[bi] = true;
		w[p] = v[bi];
		/* For a sentence asked about, the score shown is for it: a
		 * third the passage's own, two thirds how well it tells that
		 * sentence (against its best teller, on the scale of scores). */
		if (fbest > 0)
			w[p].score = (v[bi].score + 2 * top * cover[bi * m + f] / fbest) / 3;
		for (size_t i = 0; i < m; i++)
			left[i] *= 1 - cover[bi * m + i];
		if (fbest > 0)
			fleft *= 1 - 0.5 * cover[bi * m + f] / fbest;
	}
	for (size_t h = 0; h < k; h++)
		if (!taken[h])
			store_hit_clear(&v[h]);
	memcpy(v, w, pick * sizeof *v);
	order_as_shown(v, pick);
	free(w);
	free(taken);
	free(left);
	return (ssize_t)pick;
}
