/*
 * agreement.h: how far coders agree.
 *
 * Reliability data are a table of units (rows) by coders (columns), each
 * cell a category 0..k-1 or AGREE_MISSING.  From it: percent agreement
 * (the share of agreeing pairs of values within units), Cohen's kappa for
 * exactly two coders (from their k x k table, units both coded) and
 * Krippendorff's alpha for nominal data, any number of coders, values
 * missing allowed (from the coincidence matrix, as in Krippendorff 2011,
 * "Computing Krippendorff's Alpha-Reliability").
 */
#ifndef MARGO_AGREEMENT_H
#define MARGO_AGREEMENT_H

#include <stdbool.h>
#include <stddef.h>

#define AGREE_MISSING (-1)

/* One statistic: `defined` false when the data cannot give it (no pairable
 * values, or no variation to tell chance from agreement). */
struct agree_value {
	bool defined;
	double value;
};

struct agree_result {
	size_t units;             /* rows */
	size_t pairable;          /* rows with at least two values */
	size_t values;            /* pairable values (n of alpha) */
	size_t both;              /* rows the first two coders both coded (kappa's) */
	struct agree_value percent, kappa, alpha;
};

/*
 * The statistics of `units` rows of `coders` cells each (row-major), values
 * 0..k-1 or AGREE_MISSING; kappa only when coders == 2 (its units: those
 * both coded).  0, or -1 when a value is out of range or memory ran out.
 */
int agree_compute(const int *data, size_t units, size_t coders, int k, struct agree_result *r);

/* The same, rows added a few at a time: an accumulator for `coders`
 * coders and k categories (NULL: no memory, or k < 1), rows added (0, or
 * -1 with nothing added when a value is out of range), the statistics of
 * all rows added so far. */
struct agree_acc;
struct agree_acc *agree_acc_new(size_t coders, int k);
int agree_acc_add(struct agree_acc *a, const int *data, size_t units);
void agree_acc_result(const struct agree_acc *a, struct agree_result *r);
void agree_acc_free(struct agree_acc *a);

/* Cohen's kappa from a k x k table of counts (row: the first coder's
 * category, column: the second's). */
struct agree_value agree_kappa_table(const double *table, int k);

#endif
