/*
 * test_agreement.c: the statistics of agreement against published worked
 * examples: Krippendorff's reliability data (4 observers, 12 units, values
 * missing; nominal alpha 0.743, "Computing Krippendorff's
 * Alpha-Reliability", 2011) and Cohen's two raters of 50 items (yes/yes
 * 20, yes/no 5, no/yes 10, no/no 15: kappa 0.4).
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "margo/agreement.h"

#define M AGREE_MISSING

static void test_krippendorff_example(void **state)
{
	(void)state;
	/* Observers A-D (columns) of units 1-12 (rows), values 1-5 less one. */
	static const int obs[4][12] = {
		{ 1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0 },
		{ 1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3 },
		{ 0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0 },
		{ 1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0 },
	};
	int data[12 * 4];
	for (int u = 0; u < 12; u++)
		for (int c = 0; c < 4; c++)
			data[u * 4 + c] = obs[c][u] ? obs[c][u] - 1 : M;
	struct agree_result r;
	assert_int_equal(agree_compute(data, 12, 4, 5, &r), 0);
	assert_int_equal(r.units, 12);
	assert_int_equal(r.pairable, 11);   /* unit 12 has one value */
	assert_int_equal(r.values, 40);     /* n of the coincidence matrix */
	assert_true(r.alpha.defined);
	assert_true(r.alpha.value > 0.7425 && r.alpha.value < 0.7435);
	assert_false(r.kappa.defined);      /* four coders */
	/* The same rows added in two parts, as margo agreement adds them an
	 * article at a time. */
	struct agree_acc *a = agree_acc_new(4, 5);
	assert_non_null(a);
	assert_int_equal(agree_acc_add(a, data, 5), 0);
	assert_int_equal(agree_acc_add(a, data + 5 * 4, 7), 0);
	int bad[4] = { 5, 0, 0, 0 };
	assert_int_equal(agree_acc_add(a, bad, 1), -1);   /* refused, nothing added */
	struct agree_result parts;
	agree_acc_result(a, &parts);
	agree_acc_free(a);
	assert_int_equal(parts.units, 12);
	assert_int_equal(parts.values, 40);
	assert_true(parts.alpha.value == r.alpha.value);
}

static void test_cohen_example(void **state)
{
	(void)state;
	int data[50 * 2];
	size_t u = 0;
	static const struct { int a, b, n; } cells[] = { { 1, 1, 20 }, { 1, 0, 5 }, { 0, 1, 10 },
	                                                 { 0, 0, 15 } };
	for (size_t i = 0; i < 4; i++)
		for (int j = 0; j < cells[i].n; j++, u++) {
			data[u * 2] = cells[i].a;
			data[u * 2 + 1] = cells[i].b;
		}
	struct agree_result r;
	assert_int_equal(agree_compute(data, 50, 2, 2, &r), 0);
	assert_true(r.kappa.defined);
	assert_true(r.kappa.value > 0.3999 && r.kappa.value < 0.4001);
	assert_int_equal(r.both, 50);
	assert_true(r.percent.defined);
	assert_true(r.percent.value > 0.6999 && r.percent.value < 0.7001);
	double table[4] = { 15, 10, 5, 20 };
	struct agree_value k = agree_kappa_table(table, 2);
	assert_true(k.defined && k.value > 0.3999 && k.value < 0.4001);
}

static void test_missing_left_out_of_kappa(void **state)
{
	(void)state;
	/* The Cohen example plus units one coder left: kappa is unchanged;
	 * alpha counts only pairable units. */
	int data[52 * 2];
	size_t u = 0;
	for (; u < 20; u++)
		data[u * 2] = 1, data[u * 2 + 1] = 1;
	for (; u < 25; u++)
		data[u * 2] = 1, data[u * 2 + 1] = 0;
	for (; u < 35; u++)
		data[u * 2] = 0, data[u * 2 + 1] = 1;
	for (; u < 50; u++)
		data[u * 2] = 0, data[u * 2 + 1] = 0;
	data[100] = 1, data[101] = M;
	data[102] = M, data[103] = 0;
	struct agree_result r;
	assert_int_equal(agree_compute(data, 52, 2, 2, &r), 0);
	assert_int_equal(r.both, 50);
	assert_int_equal(r.pairable, 50);
	assert_true(r.kappa.value > 0.3999 && r.kappa.value < 0.4001);
	assert_true(r.alpha.defined);
	/* Alpha with two coders, no values missing: 1 - (n-1) * D / E. */
	assert_true(r.alpha.value > 0.39 && r.alpha.value < 0.41);
}

static void test_undefined(void **state)
{
	(void)state;
	int same[3 * 2] = { 1, 1, 1, 1, 1, 1 };
	struct agree_result r;
	assert_int_equal(agree_compute(same, 3, 2, 2, &r), 0);
	assert_true(r.percent.defined && r.percent.value == 1);
	assert_false(r.kappa.defined);      /* chance agreement is 1 */
	assert_false(r.alpha.defined);      /* no variation */
	int lone[2 * 2] = { 1, M, M, 0 };
	assert_int_equal(agree_compute(lone, 2, 2, 2, &r), 0);
	assert_false(r.percent.defined);
	assert_int_equal(r.pairable, 0);
	int bad[2] = { 2, 0 };
	assert_int_equal(agree_compute(bad, 1, 2, 2, &r), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_krippendorff_example),
		cmocka_unit_test(test_cohen_example),
		cmocka_unit_test(test_missing_left_out_of_kappa),
		cmocka_unit_test(test_undefined),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
