/*
 * agreement.c: percent agreement, Cohen's kappa and Krippendorff's alpha
 * (nominal) of a units-by-coders table.
 *
 * Alpha follows Krippendorff (2011): the coincidence matrix o[c][k] adds,
 * for every unit with m >= 2 values, each ordered pair of its values from
 * different coders weighted 1 / (m - 1); n_c are its margins and n their
 * sum; alpha = 1 - (n - 1) * sum_{c!=k} o[c][k] / sum_{c!=k} n_c n_k.
 * Everything is a sum over units, so rows can be added a few at a time.
 */
#include <config.h>

#include <stdlib.h>

#include "margo/agreement.h"

struct agree_acc {
	size_t coders, k;
	double *o;                /* k x k coincidences */
	double *table;            /* k x k, the first two coders' (kappa) */
	size_t *count;            /* a unit's values of each category */
	double pairs, agreeing;   /* ordered pairs of values within units */
	size_t units, pairable, values, both;
};

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

struct agree_acc *agree_acc_new(size_t coders, int k)
{
	if (k < 1 || coders < 1)
		return NULL;
	struct agree_acc *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->coders = coders;
	a->k = (size_t)k;
	a->o = calloc(a->k * a->k, sizeof *a->o);
	a->table = calloc(a->k * a->k, sizeof *a->table);
	a->count = calloc(a->k, sizeof *a->count);
	if (!a->o || !a->table || !a->count) {
		agree_acc_free(a);
		return NULL;
	}
	return a;
}

void agree_acc_free(struct agree_acc *a)
{
	if (!a)
		return;
	free(a->o);
	free(a->table);
	free(a->count);
	free(a);
}

int agree_acc_add(struct agree_acc *a, const int *data, size_t units)
{
	size_t kk = a->k, coders = a->coders;
	/* Check first, so that a bad table adds nothing. */
	for (size_t i = 0; i < units * coders; i++)
		if (data[i] != AGREE_MISSING && (data[i] < 0 || (size_t)data[i] >= kk))
			return -1;
	for (size_t u = 0; u < units; u++) {
		const int *row = data + u * coders;
		size_t m = 0;
		for (size_t c = 0; c < kk; c++)
			a->count[c] = 0;
		for (size_t i = 0; i < coders; i++)
			if (row[i] != AGREE_MISSING) {
				a->count[row[i]]++;
				m++;
			}
		a->units++;
		if (coders == 2 && row[0] != AGREE_MISSING && row[1] != AGREE_MISSING) {
			a->table[(size_t)row[0] * kk + (size_t)row[1]] += 1;
			a->both++;
		}
		if (m < 2)
			continue;
		a->pairable++;
		a->values += m;
		a->pairs += (double)m * (double)(m - 1);
		for (size_t c = 0; c < kk; c++) {
			double nc = (double)a->count[c];
			double same = a->count[c] ? nc * (nc - 1) : 0;
			a->agreeing += same;
			for (size_t d = 0; d < kk; d++) {
				double p = c == d ? same : nc * (double)a->count[d];
				a->o[c * kk + d] += p / (double)(m - 1);
			}
		}
	}
	return 0;
}

void agree_acc_result(const struct agree_acc *a, struct agree_result *r)
{
	size_t kk = a->k;
	*r = (struct agree_result){ .units = a->units, .pairable = a->pairable,
	                            .values = a->values, .both = a->both };
	if (a->pairs > 0) {
		r->percent.defined = true;
		r->percent.value = a->agreeing / a->pairs;
	}
	if (a->coders == 2)
		r->kappa = agree_kappa_table(a->table, (int)kk);
	double n = 0, disagree = 0, expected = 0;
	for (size_t c = 0; c < kk; c++) {
		double nc = 0;
		for (size_t d = 0; d < kk; d++)
			nc += a->o[c * kk + d];
		n += nc;
		for (size_t d = 0; d < kk; d++) {
			if (c == d)
				continue;
			double nd = 0;
			for (size_t e = 0; e < kk; e++)
				nd += a->o[d * kk + e];
			disagree += a->o[c * kk + d];
			expected += nc * nd;
		}
	}
	if (n > 1 && expected > 0) {
		r->alpha.defined = true;
		r->alpha.value = 1 - (n - 1) * disagree / expected;
	}
}

int agree_compute(const int *data, size_t units, size_t coders, int k, struct agree_result *r)
{
	*r = (struct agree_result){ .units = units };
	struct agree_acc *a = agree_acc_new(coders, k);
	if (!a)
		return -1;
	int rc = agree_acc_add(a, data, units);
	if (rc == 0)
		agree_acc_result(a, r);
	agree_acc_free(a);
	return rc;
}
