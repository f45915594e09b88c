/*
 * agreement.c: percent agreement, Cohen's kappa and Krippendorff's alpha
 * (nominal) of a units-by-coders table.
 *
 * Alpha follows Krippendorff (2011): the coincidence matrix o[c][k] adds,
 * for every unit with m >= 2 values, each ordered pair of its values from
 * different coders weighted 1 / (m - 1); n_c are its margins and n their
 * sum; alpha = 1 - (n - 1) * sum_{c!=k} o[c][k] / sum_{c!=k} n_c n_k.
 */
#include <config.h>

#include <stdlib.h>

#include "margo/agreement.h"

struct agree_value agree_kappa_table(const double *table, int k)
{
	struct agree_value v = { false, 0 };
	double n = 0, agree = 0, chance = 0;
	for (int i = 0; i < k; i++)
		for (int j = 0; j < k; j++)
			n += table[i * k + j];
	if (n <= 0)
		return v;
	for (int i = 0; i < k; i++) {
		double row = 0, col = 0;
		for (int j = 0; j < k; j++) {
			row += table[i * k + j];
			col += table[j * k + i];
		}
		agree += table[i * k + i];
		chance += (row / n) * (col / n);
	}
	if (chance >= 1)
		return v;
	v.defined = true;
	v.value = (agree / n - chance) / (1 - chance);
	return v;
}

int agree_compute(const int *data, size_t units, size_t coders, int k, struct agree_result *r)
{
	*r = (struct agree_result){ .units = units };
	if (k < 1)
		return -1;
	size_t kk = (size_t)k;
	double *o = calloc(kk * kk, sizeof *o);
	double *table = calloc(kk * kk, sizeof *table);
	size_t *count = calloc(kk, sizeof *count);
	if (!o || !table || !count) {
		free(o);
		free(table);
		free(count);
		return -1;
	}
	double pairs = 0, agreeing = 0;
	int rc = 0;
	for (size_t u = 0; u < units && rc == 0; u++) {
		const int *row = data + u * coders;
		size_t m = 0;
		for (size_t c = 0; c < kk; c++)
			count[c] = 0;
		for (size_t i = 0; i < coders; i++) {
			if (row[i] == AGREE_MISSING)
				continue;
			if (row[i] < 0 || row[i] >= k) {
				rc = -1;
				break;
			}
			count[row[i]]++;
			m++;
		}
		if (rc < 0)
			break;
		if (coders == 2 && row[0] != AGREE_MISSING && row[1] != AGREE_MISSING) {
			table[(size_t)row[0] * kk + (size_t)row[1]] += 1;
			r->both++;
		}
		if (m < 2)
			continue;
		r->pairable++;
		r->values += m;
		/* Ordered pairs of values from different coders. */
		pairs += (double)m * (double)(m - 1);
		for (size_t c = 0; c < kk; c++) {
			agreeing += (double)count[c] * (double)(count[c] ? count[c] - 1 : 0);
			for (size_t d = 0; d < kk; d++) {
				double p = c == d ? (double)count[c] * (double)(count[c] ? count[c] - 1 : 0)
				                  : (double)count[c] * (double)count[d];
				o[c * kk + d] += p / (double)(m - 1);
			}
		}
	}
	if (rc == 0) {
		if (pairs > 0) {
			r->percent.defined = true;
			r->percent.value = agreeing / pairs;
		}
		if (coders == 2)
			r->kappa = agree_kappa_table(table, k);
		double n = 0, disagree = 0, expected = 0;
		double *margin = table; /* reused: the n_c */
		for (size_t c = 0; c < kk; c++) {
			margin[c] = 0;
			for (size_t d = 0; d < kk; d++)
				margin[c] += o[c * kk + d];
			n += margin[c];
		}
		for (size_t c = 0; c < kk; c++)
			for (size_t d = 0; d < kk; d++)
				if (c != d) {
					disagree += o[c * kk + d];
					expected += margin[c] * margin[d];
				}
		if (n > 1 && expected > 0) {
			r->alpha.defined = true;
			r->alpha.value = 1 - (n - 1) * disagree / expected;
		}
	}
	free(o);
	free(table);
	free(count);
	return rc;
}
