/*
 * test_wordbag.c: the words related passages compare (src/wordbag.c):
 * figures count whichever way they were written, and parts of a figure do
 * not count on their own.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/wordbag.h"

/* The terms of a text, sorted, one string "a b c". */
static char *terms_of(const char *text)
{
	struct bag b = { 0 };
	assert_int_equal(bag_fill(&b, text), 0);
	size_t n = b.n, len = 1;
	char **v = calloc(n + 1, sizeof *v);
	assert_non_null(v);
	for (size_t i = 0; i < n; i++) {
		v[i] = b.t[i].stem;
		len += strlen(v[i]) + 1;
	}
	for (size_t i = 1; i < n; i++)  /* sort strings, not pointers */
		for (size_t j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
			char *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	char *out = calloc(len, 1);
	assert_non_null(out);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, " ");
		strcat(out, v[i]);
	}
	free(v);
	bag_free(&b);
	return out;
}

static void expect_terms(const char *text, const char *terms)
{
	char *got = terms_of(text);
	if (strcmp(got, terms) != 0)
		fail_msg("\"%s\": [%s], expected [%s]", text, got, terms);
	free(got);
}

static void test_figures_in_digits_and_letters(void **state)
{
	(void)state;
	expect_terms("27 morti", "27 mort");
	expect_terms("ventisette morti", "27 mort");
	expect_terms("Ventisette morti", "27 mort");  /* a capital does not hide it */
	expect_terms("12.000 container", "12000 container");
	expect_terms("12mila container", "12000 container");
	expect_terms("dodicimila container", "12000 container");
	expect_terms("una quarantina di navi", "40 nav");
	expect_terms("210 euro", "210 eur");
}

static void test_decimals_and_times(void **state)
{
	(void)state;
	expect_terms("magnitudo 5,9", "5.9 magnitud");
	expect_terms("magnitudo 5.9", "5.9 magnitud");
	expect_terms("scossa alle 3.42", "3.42 scoss");
	expect_terms("scossa alle 3:42", "3.42 scoss");
	expect_terms("scossa del 2012", "2012 scoss");
}

static void test_not_figures(void **state)
{
	(void)state;
	expect_terms("tre navi", "nav");            /* a single digit tells nothing */
	expect_terms("le navi", "nav");             /* a short stem is no short word */
	expect_terms("3 navi", "nav");
	expect_terms("il 95 per cento", "95");      /* a percentage, not a hundred */
	expect_terms("cento navi", "100 nav");
	expect_terms("007 agente", "agent");
	expect_terms("centrale elettrica", "central elettr");
	/* too long to be a figure: a word like any other */
	expect_terms("99999999999999999999999999 navi", "99999999999999999999999999 nav");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_figures_in_digits_and_letters),
		cmocka_unit_test(test_decimals_and_times),
		cmocka_unit_test(test_not_figures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
