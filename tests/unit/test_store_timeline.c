/*
 * test_store_timeline.c: the series of dates by month or year
 * (store_series_make, store_period_of): every period from the first to the
 * last, empty ones too; dates that are no ISO dates counted with the
 * undated; months or years chosen by the span.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "margo/store_timeline.h"

static void test_months_with_gaps(void **state)
{
	(void)state;
	const char *dates[] = { "2023-11-02", "2024-01-15", NULL, "2024-01", "2023-11-30T10:00" };
	struct store_series s;
	assert_int_equal(store_series_make(dates, 5, STORE_BY_MONTH, &s), 0);
	assert_int_equal(s.by, STORE_BY_MONTH);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.bins[0].year, 2023);
	assert_int_equal(s.bins[0].month, 11);
	assert_int_equal(s.bins[0].count, 2);  /* a time after the day is allowed */
	assert_int_equal(s.bins[1].month, 12);
	assert_int_equal(s.bins[1].count, 0);
	assert_int_equal(s.bins[2].year, 2024);
	assert_int_equal(s.bins[2].month, 1);
	assert_int_equal(s.bins[2].count, 2);
	assert_int_equal(s.max, 2);
	assert_int_equal(s.undated, 1);
	assert_int_equal(s.total, 5);
	store_series_free(&s);
}

static void test_not_dates_are_undated(void **state)
{
	(void)state;
	const char *dates[] = { "2024-13-01", "24-01-01", "0000-01", "2024/01/01", "abcd", "",
	                        "2024-01-32", "2024-01x", "2024" };
	struct store_series s;
	assert_int_equal(store_series_make(dates, 9, STORE_BY_MONTH, &s), 0);
	/* "2024" alone counts in its year's first month */
	assert_int_equal(s.n, 1);
	assert_int_equal(s.bins[0].count, 1);
	assert_int_equal(s.undated, 8);
	store_series_free(&s);
	struct store_series none;
	assert_int_equal(store_series_make(dates, 8, STORE_BY_AUTO, &none), 0);
	assert_int_equal(none.n, 0);
	assert_null(none.bins);
	assert_int_equal(none.by, STORE_BY_MONTH);
	store_series_free(&none);
}

static void test_auto_by_year_on_a_long_span(void **state)
{
	(void)state;
	const char *short_span[] = { "2021-01-01", "2023-12-31" };  /* 36 months */
	const char *long_span[] = { "2021-01-01", "2024-01-01" };   /* 37 months */
	struct store_series s;
	assert_int_equal(store_series_make(short_span, 2, STORE_BY_AUTO, &s), 0);
	assert_int_equal(s.by, STORE_BY_MONTH);
	assert_int_equal(s.n, 36);
	store_series_free(&s);
	assert_int_equal(store_series_make(long_span, 2, STORE_BY_AUTO, &s), 0);
	assert_int_equal(s.by, STORE_BY_YEAR);
	assert_int_equal(s.n, 4);
	assert_int_equal(s.bins[0].month, 0);
	assert_int_equal(s.bins[3].year, 2024);
	assert_int_equal(s.bins[3].count, 1);
	struct store_bin b = s.bins[3];
	assert_true(store_bin_holds(&b, "2024-06-01"));
	assert_false(store_bin_holds(&b, "2023-06-01"));
	assert_false(store_bin_holds(&b, NULL));
	store_series_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_months_with_gaps),
		cmocka_unit_test(test_not_dates_are_undated),
		cmocka_unit_test(test_auto_by_year_on_a_long_span),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
