/*
 * test_wordbag.c: the words related passages compare (src/wordbag.c):
 * figures count whichever way they were written, and parts of a figure do
 * not count on their own, and a day of a date is that date; the sentences
 * of a very long passage are compared in groups; a related passage's
 * snippet is centred on its sentence.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "margo/store_search.h"
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

static bool is_number(const char *s)
{
	return *s >= '0' && *s <= '9';
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

/* A number that is the day of a date is that date: "19 febbraio" meets
 * "19 febbraio" and not a bare 19 ("19 navi"); a single-digit day counts
 * too. */
static void test_days_of_dates(void **state)
{
	(void)state;
	expect_terms("il 19 febbraio", "19/02 febbrai");
	expect_terms("il 19\xc2\xa0" "Febbraio 2024", "19/02 2024");
	expect_terms("il 3 marzo", "3/03 marz");
	expect_terms("19 navi", "19 nav");
	expect_terms("19, febbraio", "19 febbrai");      /* not one date */
	expect_terms("45 febbraio", "45 febbrai");       /* no such day */
	struct bag date = { 0 }, bare = { 0 }, same = { 0 };
	assert_int_equal(bag_fill(&date, "Accordo firmato il 19 febbraio a Roma"), 0);
	assert_int_equal(bag_fill(&bare, "Arrivate 19 navi nel porto"), 0);
	assert_int_equal(bag_fill(&same, "Il 19 febbraio la firma"), 0);
	for (size_t i = 0; i < bare.n; i++)
		if (is_number(bare.t[i].stem))
			assert_null(bag_find_term(&date, &bare.t[i]));
	assert_non_null(bag_find(&same, "19/02"));
	assert_non_null(bag_find(&date, "19/02"));
	assert_null(bag_find(&date, "19"));
	bag_free(&date);
	bag_free(&bare);
	bag_free(&same);
}

/* The snippet of a related passage: centred on its sentence by display
 * columns, "…" where it is cut; a sentence too wide shows from its start,
 * or from a little before its first hit. */
static void expect_around(const char *s, const char *sentence, int width, const char *want)
{
	const char *at = strstr(s, sentence);
	assert_non_null(at);
	size_t from = (size_t)(at - s);
	char *got = store_snippet_around(s, from, from + strlen(sentence), width);
	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("width %d: [%s], expected [%s]", width, got, want);
	free(got);
}

static void test_snippet_around_sentence(void **state)
{
	(void)state;
	const char *p = "Uno due tre. Quattro cinque. Sei sette otto.";
	expect_around(p, "Quattro cinque.", 80, p);           /* all of it fits */
	expect_around(p, "Quattro cinque.", 23, "\xe2\x80\xa6" "e. Quattro cinque. Se\xe2\x80\xa6");
	expect_around(p, "Uno due tre.", 16, "Uno due tre. Qu\xe2\x80\xa6");  /* all room to the right */
	expect_around(p, "Sei sette otto.", 20, "\xe2\x80\xa6" "ue. Sei sette otto.");
	/* Wide characters take two columns; hit marks none. */
	expect_around("\xe6\x97\xa5\xe6\x9c\xac. \x01Kim\x02 ok. Fine.", "\x01Kim\x02 ok.", 15,
	              "\xe2\x80\xa6. \x01Kim\x02 ok. Fin\xe2\x80\xa6");
	/* Too wide: its start, or a little before its first hit. */
	expect_around("Prima. Una frase molto lunga davvero. Dopo.", "Una frase molto lunga davvero.",
	              12, "\xe2\x80\xa6Una frase \xe2\x80\xa6");
	expect_around("Prima. Una frase molto lunga con la \x01parola\x02 dentro. Dopo.",
	              "Una frase molto lunga con la \x01parola\x02 dentro.", 24,
	              "\xe2\x80\xa6la \x01parola\x02 dentro. Dopo\xe2\x80\xa6");
}

/* A passage of n sentences "Arrivano 10 navi.", "Arrivano 11 navi." ...:
 * the bags sentence_bags() makes of it, each sentence's figure telling
 * which sentences a bag holds. */
static struct bag *bags_of(size_t n, size_t *nb, size_t *sentences, struct bag *whole)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE s(a, p, b, e)", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO s VALUES (1, 0, ?1, ?2)", -1, &st, NULL),
	                 SQLITE_OK);
	char *text = calloc(n * 24 + 1, 1);
	assert_non_null(text);
	for (size_t i = 0; i < n; i++) {
		size_t at = strlen(text);
		sprintf(text + at, "%sArrivano %zu navi.", i ? " " : "", i + 10);
		sqlite3_bind_int64(st, 1, (sqlite3_int64)(at + (i ? 1 : 0)));
		sqlite3_bind_int64(st, 2, (sqlite3_int64)strlen(text));
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	assert_int_equal(bag_fill(whole, text), 0);
	free(text);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT b, e FROM s WHERE a = ?1 AND p = ?2"
	                                     " ORDER BY rowid", -1, &st, NULL), SQLITE_OK);
	struct bag *b;
	assert_int_equal(sentence_bags(st, 1, 0, whole, &b, nb, sentences), 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return b;
}

static bool holds(const struct bag *b, size_t figure)
{
	char s[24];
	snprintf(s, sizeof s, "%zu", figure);
	return bag_find(b, s) != NULL;
}

static void test_long_passage_sentences_grouped(void **state)
{
	(void)state;
	assert_int_equal(sentence_group(1), 1);
	assert_int_equal(sentence_group(SENTENCE_BAGS), 1);
	assert_int_equal(sentence_group(SENTENCE_BAGS + 1), 2);
	struct bag whole = { 0 };
	size_t n, sentences;
	/* Up to SENTENCE_BAGS sentences: one bag each. */
	struct bag *b = bags_of(SENTENCE_BAGS, &n, &sentences, &whole);
	assert_int_equal(n, SENTENCE_BAGS);
	assert_int_equal(sentences, SENTENCE_BAGS);
	assert_true(holds(&b[0], 10) && !holds(&b[0], 11));
	assert_true(holds(&b[n - 1], 10 + SENTENCE_BAGS - 1));
	bags_free(b, n);
	bag_free(&whole);
	/* 100: groups of four in order, the last sentence in the last. */
	memset(&whole, 0, sizeof whole);
	b = bags_of(100, &n, &sentences, &whole);
	assert_int_equal(sentences, 100);
	assert_int_equal(n, 25);
	assert_true(holds(&b[0], 10) && holds(&b[0], 13) && !holds(&b[0], 14));
	assert_true(holds(&b[1], 14) && holds(&b[1], 17));
	assert_true(holds(&b[24], 106) && holds(&b[24], 109));
	assert_int_equal(b[0].from, 0);
	assert_true(b[0].to < b[1].from);
	bags_free(b, n);
	bag_free(&whole);
	/* 4,000: at most SENTENCE_BAGS bags, whatever the length. */
	memset(&whole, 0, sizeof whole);
	b = bags_of(4000, &n, &sentences, &whole);
	assert_int_equal(sentences, 4000);
	assert_true(n <= SENTENCE_BAGS);
	assert_true(holds(&b[n - 1], 4009));
	bags_free(b, n);
	bag_free(&whole);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_figures_in_digits_and_letters),
		cmocka_unit_test(test_decimals_and_times),
		cmocka_unit_test(test_not_figures),
		cmocka_unit_test(test_days_of_dates),
		cmocka_unit_test(test_snippet_around_sentence),
		cmocka_unit_test(test_long_passage_sentences_grouped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
