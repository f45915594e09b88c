#include <config.h>
/*
 * test_dateline.c: the dateline that opens an Italian article ("Roma, 3
 * marzo 2024 — di Mario Rossi") gives the article's date and author when
 * the file gives none (src/corpus_dateline.c), and the text is kept.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "margo/corpus.h"

static int group_setup(void **state)
{
	const char *top = getenv("top_srcdir");
	char dir[4096], *warn = NULL;
	snprintf(dir, sizeof dir, "%s/data", top && *top ? top : ".");
	struct corpus_rules *r = corpus_rules_load(dir, &warn);
	if (!r || warn) {
		fprintf(stderr, "rules: %s\n", warn ? warn : "out of memory");
		free(warn);
		corpus_rules_free(&r);
		return -1;
	}
	*state = r;
	return 0;
}

static int group_teardown(void **state)
{
	struct corpus_rules *r = *state;
	corpus_rules_free(&r);
	return 0;
}

/* Does a paragraph of the body read exactly `text`? */
static bool has_para(const struct corpus_article *a, const char *text)
{
	for (size_t i = 0; i < a->n_paras; i++) {
		const struct corpus_span *s = &a->paras[i].span;
		if (s->end - s->start == strlen(text) && !memcmp(a->body + s->start, text, strlen(text)))
			return true;
	}
	return false;
}

static const char BODY[] = "Il testo dell'articolo, con una frase abbastanza lunga da valere.";

/* Title, the line, then a paragraph of text; parsed with `hints`. */
static void parse_with(void **state, const char *line, const struct corpus_hints *h,
                       struct corpus_article *a)
{
	char text[1024];
	snprintf(text, sizeof text, "Un titolo qualsiasi\n%s\n%s\n", line, BODY);
	assert_int_equal(corpus_parse(*state, text, strlen(text), h, a), 0);
}

static void test_datelines(void **state)
{
	static const struct {
		const char *line, *date, *author;
		bool kept;               /* the line stays a paragraph (text follows) */
	} cases[] = {
		{ "Roma, 3 marzo 2024 — di Mario Rossi", "2024-03-03", "Mario Rossi", false },
		{ "ROMA, 3 mar. 2024 - Il governo ha approvato la riforma.", "2024-03-03", NULL, true },
		{ "Milano, 12 gennaio - Il sindaco ha parlato ai cronisti.", NULL, NULL, true },
		{ "Milano, 12 gennaio –", NULL, NULL, false },
		{ "Reggio Emilia, 1° aprile 2023 -- di Anna Bianchi", "2023-04-01", "Anna Bianchi", false },
		{ "Città del Vaticano, 5 maggio 2024 ‒ Il Papa ha parlato.", "2024-05-05", NULL, true },
		{ "L'Aquila, 6 aprile 2009 —", "2009-04-06", NULL, false },
		{ "NAPOLI, 20 dic. 2022 ― di Luca Verdi e Anna Neri", "2022-12-20",
		  "Luca Verdi e Anna Neri", false },
		{ "Torino, 7 settembre 2021", "2021-09-07", NULL, false },
		{ "Firenze, 2 febbraio 2020 − Una mostra apre oggi.", "2020-02-02", NULL, true },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct corpus_article a;
		parse_with(state, cases[i].line, NULL, &a);
		if (cases[i].date && (!a.date || strcmp(a.date, cases[i].date)))
			fail_msg("\"%s\": date %s, expected %s", cases[i].line, a.date ? a.date : "NULL",
			         cases[i].date);
		if (!cases[i].date && a.date)
			fail_msg("\"%s\": date %s, expected none", cases[i].line, a.date);
		if (cases[i].author && (!a.author || strcmp(a.author, cases[i].author)))
			fail_msg("\"%s\": author %s, expected %s", cases[i].line,
			         a.author ? a.author : "NULL", cases[i].author);
		if (!cases[i].author && a.author)
			fail_msg("\"%s\": author %s, expected none", cases[i].line, a.author);
		if (has_para(&a, cases[i].line) != cases[i].kept)
			fail_msg("\"%s\": %s", cases[i].line,
			         cases[i].kept ? "the paragraph is not kept" : "left in the text");
		bool kept_whole = false;  /* a line that goes is kept among the dropped */
		for (size_t k = 0; k < a.n_dropped; k++)
			kept_whole |= !strcmp(a.dropped[k].text, cases[i].line);
		if (!cases[i].kept && !kept_whole)
			fail_msg("\"%s\": neither in the text nor among the lines set aside", cases[i].line);
		assert_true(has_para(&a, BODY));
		corpus_article_free(&a);
	}
}

/* A byline on its own line, then the dateline. */
static void test_byline_then_dateline(void **state)
{
	struct corpus_article a;
	const char *text = "Un titolo qualsiasi\ndi Mario Rossi\n"
	                   "Roma, 3 marzo 2024 - Il governo ha approvato la riforma.\n";
	assert_int_equal(corpus_parse(*state, text, strlen(text), NULL, &a), 0);
	assert_string_equal(a.author, "Mario Rossi");
	assert_string_equal(a.date, "2024-03-03");
	assert_true(has_para(&a, "Roma, 3 marzo 2024 - Il governo ha approvato la riforma."));
	corpus_article_free(&a);
}

/* What only looks like one: no date, no place, a date in the text. */
static void test_not_datelines(void **state)
{
	static const char *const lines[] = {
		"Roma, la città eterna, accoglie i turisti.",
		"Il 3 marzo 2024, a Roma, il governo ha deciso.",
		"2024, 3 marzo 2024 - un anno.",
		"roma, 3 marzo 2024 - il governo ha deciso.",
		"Roma, 3 marzo 2024 il governo ha deciso.",
		"Roma, 3 marzolino - un nome.",
		"Roma Milano Napoli Torino Firenze Bari, 3 marzo 2024 -",
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		struct corpus_article a;
		parse_with(state, lines[i], NULL, &a);
		if (a.date || a.author)
			fail_msg("\"%s\" taken as a dateline: %s %s", lines[i], a.date ? a.date : "",
			         a.author ? a.author : "");
		/* In the text, or taken as the subtitle: not lost. */
		assert_true(has_para(&a, lines[i]) || (a.subtitle && !strcmp(a.subtitle, lines[i])));
		corpus_article_free(&a);
	}
}

/* The file's own date and author win; only the first lines are looked at. */
static void test_dateline_hints_and_place(void **state)
{
	struct corpus_hints h = { .date = "2020-01-02", .author = "Anna Neri" };
	struct corpus_article a;
	parse_with(state, "Roma, 3 marzo 2024 — di Mario Rossi", &h, &a);
	assert_string_equal(a.date, "2020-01-02");
	assert_string_equal(a.author, "Anna Neri");
	corpus_article_free(&a);

	const char *text = "Un titolo qualsiasi\nPrimo paragrafo. Con due frasi.\n"
	                   "Secondo paragrafo. Con due frasi.\nTerzo paragrafo. Con due frasi.\n"
	                   "Roma, 3 marzo 2024 - Una frase che cita un luogo e una data.\n";
	assert_int_equal(corpus_parse(*state, text, strlen(text), NULL, &a), 0);
	assert_null(a.date);
	corpus_article_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_datelines),
		cmocka_unit_test(test_byline_then_dateline),
		cmocka_unit_test(test_not_datelines),
		cmocka_unit_test(test_dateline_hints_and_place),
	};
	return cmocka_run_group_tests_name("dateline", tests, group_setup, group_teardown);
}
