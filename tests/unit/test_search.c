/*
 * test_search.c: the Italian tokenizer (folding, elision, stemming,
 * offsets), a real FTS5 table using it, hostile queries, snippet and
 * highlight, in-article folding with its byte map, and stop words.
 */
#include <config.h>

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "margo/search.h"
#include "margo/util.h"

/* ---- helpers -------------------------------------------------------------- */

/* Collects "token@start-end" separated by spaces. */
static int collect(void *ctx, const char *tok, size_t len, size_t start, size_t end)
{
	struct buf *b = ctx;
	if (b->len)
		buf_putc(b, ' ');
	buf_append(b, tok, len);
	buf_printf(b, "@%zu-%zu", start, end);
	return 0;
}

/* Collects tokens only. */
static int collect_plain(void *ctx, const char *tok, size_t len, size_t start, size_t end)
{
	struct buf *b = ctx;
	(void)start;
	(void)end;
	if (b->len)
		buf_putc(b, ' ');
	buf_append(b, tok, len);
	return 0;
}

static void expect_tokens(const char *text, bool stem, const char *want)
{
	struct buf b = { 0 };
	assert_int_equal(search_tokenize(text, strlen(text), stem, collect, &b), 0);
	assert_string_equal(b.data ? b.data : "", want);
	buf_free(&b);
}

static char *plain_tokens(const char *text, bool stem)
{
	struct buf b = { 0 };
	assert_int_equal(search_tokenize(text, strlen(text), stem, collect_plain, &b), 0);
	if (!b.data)
		buf_puts(&b, "");
	return buf_steal(&b);
}

/* Two texts give the same stemmed tokens. */
static void expect_same_stems(const char *a, const char *b)
{
	char *ta = plain_tokens(a, true), *tb = plain_tokens(b, true);
	assert_string_equal(ta, tb);
	free(ta);
	free(tb);
}

static void expect_query(const char *input, const char *want)
{
	bool oom = true;
	char *q = search_build_query(input, &oom);
	assert_false(oom);
	if (!want) {
		assert_null(q);
		return;
	}
	assert_non_null(q);
	assert_string_equal(q, want);
	free(q);
}

static const char *const sentences[] = {
	/* 1 */ "La città di Kyiv è sotto attacco.",
	/* 2 */ "CITTÀ DEL VATICANO: il Papa parla dell'Ucraina.",
	/* 3 */ "I soldati nordcoreani combattono in Russia; un soldato è stato catturato.",
	/* 4 */ "Le forniture di artiglieria all\xe2\x80\x99Ucraina continuano.",
	/* 5 */ "Nel 2024 la fornitura di 155 proiettili è stata firmata a Mosca.",
	/* 6 */ "Il trattato di mutua assistenza fra Russia e Corea del Nord.",
	/* 7 */ "L'Italia e la Francia hanno firmato: l\xe2\x80\x99Italia guida.",
	/* 8 */ "Sputnik-V e i satelliti: tecnologia satellitare trasferita a Pyongyang.",
	/* 9 */ "Seul teme che domani Pyongyang fornirà razzi.",
};
#define N_SENTENCES (sizeof sentences / sizeof sentences[0])

/* An in-memory database with table t (the margo tokenizer) filled. */
static int setup_db(void **state)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return -1;
	if (search_register_tokenizer(db) != 0 ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(text, tokenize='margo');"
	                     "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row');",
	                 NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, "INSERT INTO t(rowid, text) VALUES (?1, ?2)", -1, &s,
	                       NULL) != SQLITE_OK)
		return -1;
	for (size_t i = 0; i < N_SENTENCES; i++) {
		sqlite3_bind_int(s, 1, (int)i + 1);
		sqlite3_bind_text(s, 2, sentences[i], -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			return -1;
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	*state = db;
	return 0;
}

static int teardown_db(void **state)
{
	sqlite3_close(*state);
	return 0;
}

/* Run an FTS5 expression; the matching rowids as "1,3", or "-" when the
 * expression is NULL.  Any SQLite error fails the test. */
static char *run_match(sqlite3 *db, const char *expr)
{
	sqlite3_stmt *s;
	struct buf b = { 0 };
	int rc;
	if (!expr)
		return util_strdup("-");
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1"
	                                        " ORDER BY rowid", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, expr, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		buf_printf(&b, "%s%lld", b.len ? "," : "", (long long)sqlite3_column_int64(s, 0));
	if (rc != SQLITE_DONE)
		fail_msg("MATCH %s: %s", expr, sqlite3_errmsg(db));
	sqlite3_finalize(s);
	if (!b.data)
		buf_puts(&b, "");
	return buf_steal(&b);
}

/* What the user typed -> the rows it finds. */
static void expect_rows(sqlite3 *db, const char *input, const char *want)
{
	bool oom = true;
	char *q = search_build_query(input, &oom);
	assert_false(oom);
	char *got = run_match(db, q);
	if (strcmp(got, want) != 0)
		fail_msg("query '%s' -> %s: rows %s, expected %s", input, q ? q : "NULL", got, want);
	free(got);
	free(q);
}

/* ---- the tokenizer ---------------------------------------------------------- */

static void test_fold_case_and_diacritics(void **state)
{
	(void)state;
	expect_tokens("Città CITTÀ citta", false, "citta@0-6 citta@7-13 citta@14-19");
	expect_tokens("È già più perché", false, "e@0-2 gia@3-7 piu@8-12 perche@13-20");
	/* decomposed input: marks stay inside the word's span */
	expect_tokens("e\xcc\x81 citta\xcc\x80", false, "e@0-3 citta@4-11");
	expect_tokens("Straße Łódź ΣΟΦΊΑ ςσ", false,
	              "strasse@0-7 lodz@8-15 σοφια@16-26 σσ@27-31");
}

static void test_elision(void **state)
{
	(void)state;
	expect_tokens("dell'Ucraina l\xe2\x80\x99Italia", false,
	              "dell@0-4 ucraina@5-12 l@13-14 italia@17-23");
	/* U+02BC, a letter for Unicode, is an apostrophe here too */
	expect_tokens("dell\xca\xbcUcraina", false, "dell@0-4 ucraina@6-13");
	expect_tokens("un po' nord-coreani", false, "un@0-2 po@3-5 nord@7-11 coreani@12-19");
}

static void test_stemming(void **state)
{
	(void)state;
	expect_same_stems("soldato", "soldati");
	expect_same_stems("forniture", "fornitura");
	expect_same_stems("satellite", "satelliti");
	expect_same_stems("trattato", "trattati");
	/* the stemmer gets folded words: accented and plain spellings meet */
	expect_same_stems("città", "citta");
	expect_same_stems("università", "universita");
	expect_same_stems("attività", "attivita");
	expect_same_stems("perché", "perche");
	expect_same_stems("CITTÀ", "città");
	/* but the future and the past keep their accented endings, which
	 * tell a verb from a noun: "fornirà" is "fornire", not "fornira" */
	expect_same_stems("fornirà", "fornito");
	expect_same_stems("FORNIRÀ", "fornire");
	expect_same_stems("parlerò", "parlare");
	expect_same_stems("venderà", "vendere");
	expect_tokens("fornirà più", true, "forn@0-8 piu@9-13");
	expect_tokens("Soldati", true, "sold@0-7");
	expect_tokens("dell'Ucraina", true, "dell@0-4 ucrain@5-12");
}

/* "folded|stem@start-end" for search_tokenize_words. */
static int collect_words(void *ctx, const char *folded, size_t flen, const char *stem,
                         size_t slen, size_t start, size_t end)
{
	struct buf *b = ctx;
	if (b->len)
		buf_putc(b, ' ');
	buf_append(b, folded, flen);
	buf_putc(b, '|');
	buf_append(b, stem, slen);
	buf_printf(b, "@%zu-%zu", start, end);
	return 0;
}

/* Both forms in one pass: each word as search_tokenize gives it
 * unstemmed and stemmed, a word that is its own stem too. */
static void test_words_in_one_pass(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"Soldati dell'Ucraina, 155mm e città: l’ONU",
		"Nel 2024 il patto di difesa \xe2\x80\x94 nord-coreani e Łódź",
		"re a un po' di",
		"",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		const char *t = texts[i];
		struct buf got = { 0 }, want = { 0 };
		assert_int_equal(search_tokenize_words(t, strlen(t), collect_words, &got), 0);
		char *plain = plain_tokens(t, false), *stems = plain_tokens(t, true);
		struct buf spans = { 0 };
		assert_int_equal(search_tokenize(t, strlen(t), false, collect, &spans), 0);
		/* Zip the two passes: "w1 w2" and "s1 s2" and "w1@a-b w2@c-d". */
		char *sp1, *sp2, *sp3;
		char *w = strtok_r(plain, " ", &sp1), *s = strtok_r(stems, " ", &sp2);
		char *at = strtok_r(spans.data ? spans.data : (char *)"", " ", &sp3);
		while (w && s && at) {
			buf_printf(&want, "%s%s|%s%s", want.len ? " " : "", w, s, strchr(at, '@'));
			w = strtok_r(NULL, " ", &sp1);
			s = strtok_r(NULL, " ", &sp2);
			at = strtok_r(NULL, " ", &sp3);
		}
		assert_null(w);
		assert_null(s);
		assert_string_equal(got.data ? got.data : "", want.data ? want.data : "");
		free(plain);
		free(stems);
		buf_free(&spans);
		buf_free(&got);
		buf_free(&want);
	}
	struct buf b = { 0 };
	assert_int_equal(search_tokenize_words("Soldati russi", 13, collect_words, &b), 0);
	assert_string_equal(b.data, "soldati|sold@0-7 russi|russ@8-13");
	buf_free(&b);
}

/* The general-news table: comments, the total, "DF STEM" lines (CRLF and
 * odd lines too); a stem listed twice keeps its first figure. */
static void test_background_table(void **state)
{
	(void)state;
	char dir[] = "/tmp/margo-bg-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = util_printf("%s/italian-df.txt", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("# a comment 99 x\npassages 1900\n1160 di\n12 sold\r\n"
	      "not a line\n7\n5  satell\n3 sold\n\n2 ucrain", f);
	fclose(f);
	char *warn = NULL;
	struct search_background *bg = search_background_load(dir, &warn);
	assert_non_null(bg);
	assert_null(warn);
	long n = 0;
	assert_int_equal(search_background_df(bg, "di", &n), 1160);
	assert_int_equal(n, 1900);
	assert_int_equal(search_background_df(bg, "sold", &n), 12);
	assert_int_equal(search_background_df(bg, "satell", &n), 5);
	assert_int_equal(search_background_df(bg, "ucrain", &n), 2);
	assert_int_equal(search_background_df(bg, "comment", &n), 0);
	assert_int_equal(search_background_df(bg, "", &n), 0);
	search_background_free(&bg);
	assert_null(bg);
	unlink(path);
	free(path);
	/* No file: an empty table and a message. */
	bg = search_background_load(dir, &warn);
	assert_non_null(bg);
	assert_non_null(warn);
	assert_int_equal(search_background_df(bg, "di", &n), 0);
	free(warn);
	search_background_free(&bg);
	rmdir(dir);
}

static void test_numbers(void **state)
{
	(void)state;
	expect_tokens("Nel 2024, 3,5 milioni; 155mm G7", true,
	              "nel@0-3 2024@4-8 3@10-11 5@12-13 milion@14-21 155mm@23-28 g7@29-31");
	expect_tokens("0001", true, "0001@0-4");
}

/* Figures written in letters read as their value, so "27" meets
 * "ventisette" in related passages. */
static void test_number_words(void **state)
{
	(void)state;
	static const struct {
		const char *word;
		long value;
	} cases[] = {
		{ "dieci", 10 }, { "diciassette", 17 }, { "venti", 20 }, { "ventuno", 21 },
		{ "ventitre", 23 }, { "ventisette", 27 }, { "trentotto", 38 }, { "novantanove", 99 },
		{ "cento", 100 }, { "centouno", 101 }, { "centotto", 108 }, { "centoquaranta", 140 },
		{ "centottanta", 180 }, { "trecento", 300 }, { "novecentonovantanove", 999 },
		{ "mille", 1000 }, { "millecento", 1100 }, { "duemila", 2000 },
		{ "duemilatrecento", 2300 }, { "quattromila", 4000 }, { "dodicimila", 12000 },
		{ "seicentomila", 600000 }, { "quarantina", 40 }, { "centinaio", 100 },
		{ "migliaio", 1000 }, { "tre", 3 }, { "sei", 6 },
		/* words that begin or hide like numbers and are not */
		{ "centro", -1 }, { "centrale", -1 }, { "settembre", -1 }, { "ottobre", -1 },
		{ "trentino", -1 }, { "familiare", -1 }, { "similare", -1 }, { "ventilatore", -1 },
		{ "unocento", -1 }, { "milano", -1 }, { "mila", -1 }, { "", -1 }, { "diecimilacento", 10100 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		long v = search_number_word(cases[i].word, strlen(cases[i].word));
		if (v != cases[i].value)
			fail_msg("%s: %ld, expected %ld", cases[i].word, v, cases[i].value);
	}
	char big[200];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(search_number_word(big, strlen(big)), -1);
}

static void test_odd_text(void **state)
{
	(void)state;
	/* ideographs are one word each; emoji and symbols separate */
	expect_tokens("東京tokyo", false, "東@0-3 京@3-6 tokyo@6-11");
	expect_tokens("a\xf0\x9f\x98\x80" "b", false, "a@0-1 b@5-6");
	/* ill-formed bytes separate words and are never copied */
	expect_tokens("ab\xff" "cd\xc3", false, "ab@0-2 cd@3-5");
	expect_tokens("\xc3\xa8\xe2\x82", false, "e@0-2");
	expect_tokens("", true, "");
	expect_tokens("  ... !!! ", true, "");
	/* a combining mark with no letter before it is not a word */
	expect_tokens(" \xcc\x81" "a", false, "a@3-4");
}

static int stop_at_first(void *ctx, const char *tok, size_t len, size_t start, size_t end)
{
	(void)tok;
	(void)len;
	(void)start;
	(void)end;
	(*(int *)ctx)++;
	return 7;
}

static void test_callback_stops(void **state)
{
	int n = 0;
	(void)state;
	assert_int_equal(search_tokenize("uno due tre", 11, true, stop_at_first, &n), 7);
	assert_int_equal(n, 1);
}

static int check_huge(void *ctx, const char *tok, size_t len, size_t start, size_t end)
{
	size_t *seen = ctx;
	if (seen[0] == 0) {
		assert_int_equal(len, 1 << 20);
		assert_int_equal(start, 0);
		assert_int_equal(end, (1 << 20) + (1 << 20));   /* "à" is two bytes */
		assert_true(tok[0] == 'a' && tok[len - 1] == 'a');
	} else {
		assert_int_equal(len, 1);
		assert_int_equal(tok[0], 'b');
	}
	seen[0]++;
	return 0;
}

static char *huge_word(void)
{
	size_t n = 1 << 20;
	char *s = malloc(2 * n + 3);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + 2 * i, "\xc3\xa0", 2);     /* à */
	memcpy(s + 2 * n, " b", 3);
	return s;
}

static void test_megabyte_word(void **state)
{
	size_t seen = 0;
	char *s = huge_word();
	(void)state;
	assert_int_equal(search_tokenize(s, strlen(s), true, check_huge, &seen), 0);
	assert_int_equal(seen, 2);
	seen = 0;
	assert_int_equal(search_tokenize(s, strlen(s), false, check_huge, &seen), 0);
	assert_int_equal(seen, 2);
	free(s);
}

/* ---- the query builder -------------------------------------------------------- */

static void test_build_query(void **state)
{
	(void)state;
	expect_query("", NULL);
	expect_query("   ", NULL);
	expect_query("!!!", NULL);
	expect_query("*", NULL);
	expect_query("\xf0\x9f\x98\x80", NULL);
	expect_query("\"\"", NULL);
	expect_query("Città", "\"Città\"");
	expect_query("\"a phrase\" word*", "\"a phrase\" AND \"word\"*");
	expect_query("\"unclosed", "\"unclosed\"");
	expect_query("NOT", "\"NOT\"");
	expect_query("body:x", "\"body x\"");
	expect_query("NEAR(", "\"NEAR\"");
	expect_query("a'b", "\"a b\"");
	expect_query("' OR 1=1 --", "\"OR\" AND \"1 1\"");
	expect_query("AND OR", "\"AND\" AND \"OR\"");
	expect_query("^x", "\"x\"");
	expect_query("x -y", "\"x\" AND \"y\"");
	expect_query("(a) [b] {c}", "\"a\" AND \"b\" AND \"c\"");
	expect_query("dell\xe2\x80\x99Ucraina", "\"dell Ucraina\"");
	expect_query("\"mutua assistenza\"* x", "\"mutua assistenza\"* AND \"x\"");
	expect_query("a\"b c\"d", "\"a\" AND \"b c\" AND \"d\"");
	expect_query("\xff\xfe" "abc\xc3", "\"abc\"");
	expect_query("uno\xc2\xa0" "due\xe3\x80\x80tre", "\"uno\" AND \"due\" AND \"tre\"");
	expect_query(NULL, NULL);
}

/* ---- a real FTS5 table ---------------------------------------------------------- */

static void test_fts_folding_and_elision(void **state)
{
	sqlite3 *db = *state;
	expect_rows(db, "citta", "1,2");
	expect_rows(db, "CITTÀ", "1,2");
	expect_rows(db, "Città", "1,2");
	expect_rows(db, "Ucraina", "2,4");
	expect_rows(db, "dell'Ucraina", "2");
	expect_rows(db, "dell\xe2\x80\x99ucraina", "2");
	expect_rows(db, "all'ucraina", "4");
	expect_rows(db, "italia", "7");
	expect_rows(db, "L'Italia", "7");
}

static void test_fts_stemming(void **state)
{
	sqlite3 *db = *state;
	expect_rows(db, "soldato", "3");
	expect_rows(db, "soldati", "3");
	expect_rows(db, "fornitura", "4,5");
	expect_rows(db, "forniture", "4,5");
	expect_rows(db, "satellite", "8");
	expect_rows(db, "trattati", "6");
	/* a verb in the future meets its other forms, accent typed or not */
	expect_rows(db, "fornito", "9");
	expect_rows(db, "fornirà", "9");
	expect_rows(db, "fornira", "9");
	expect_rows(db, "FORNIRA", "9");
	expect_rows(db, "\"pyongyang fornira razzi\"", "9");
	expect_rows(db, "2024", "5");
	expect_rows(db, "155", "5");
	expect_rows(db, "15", "");
}

/* margo_rank() gives bm25's figure for every row, on passage_fts (where
 * it reads lengths through its BLOB handle) and on any other table (where
 * it asks FTS5), for words, several words, phrases and prefixes. */
static void expect_rank_is_bm25(sqlite3 *db, const char *table, const char *query)
{
	char *sql = sqlite3_mprintf("SELECT rowid, bm25(%s), margo_rank(%s) FROM %s"
	                            " WHERE %s MATCH ?1", table, table, table, table);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_free(sql);
	sqlite3_bind_text(s, 1, query, -1, SQLITE_STATIC);
	int rows = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		double a = sqlite3_column_double(s, 1), b = sqlite3_column_double(s, 2);
		if (fabs(a - b) > 1e-9 * (fabs(a) + 1))
			fail_msg("%s, %s, row %lld: bm25 %.12f, margo_rank %.12f", table, query,
			         (long long)sqlite3_column_int64(s, 0), a, b);
		rows++;
	}
	sqlite3_finalize(s);
	assert_true(rows > 0);
	/* and the order the rank gives is bm25's */
	sql = sqlite3_mprintf("SELECT group_concat(rowid) FROM (SELECT rowid FROM %s WHERE %s"
	                      " MATCH ?1 ORDER BY bm25(%s), rowid)", table, table, table);
	char *sql2 = sqlite3_mprintf("SELECT group_concat(rowid) FROM (SELECT rowid FROM %s WHERE %s"
	                             " MATCH ?1 AND rank MATCH 'margo_rank()' ORDER BY rank, rowid)",
	                             table, table);
	sqlite3_stmt *x, *y;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &x, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql2, -1, &y, NULL), SQLITE_OK);
	sqlite3_free(sql);
	sqlite3_free(sql2);
	sqlite3_bind_text(x, 1, query, -1, SQLITE_STATIC);
	sqlite3_bind_text(y, 1, query, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(x), SQLITE_ROW);
	assert_int_equal(sqlite3_step(y), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(x, 0), sqlite3_column_text(y, 0));
	sqlite3_finalize(x);
	sqlite3_finalize(y);
}

static void test_rank_is_bm25(void **state)
{
	sqlite3 *db = *state;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE passage_fts USING fts5(text,"
	                                  " tokenize='margo')", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO passage_fts(rowid, text)"
	                                        " VALUES (?1, ?2)", -1, &s, NULL), SQLITE_OK);
	/* rows of many lengths, some far apart, one long */
	struct buf long_text = { 0 };
	for (int i = 0; i < 400; i++)
		buf_puts(&long_text, "il governo e le forniture di proiettili ");
	for (int i = 0; i < 60; i++) {
		sqlite3_bind_int64(s, 1, i < 50 ? i + 1 : 1000 * i);
		sqlite3_bind_text(s, 2, i == 7 ? long_text.data : sentences[(size_t)i % N_SENTENCES],
		                  -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(s), SQLITE_DONE);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	buf_free(&long_text);
	const char *queries[] = { "soldati", "governo", "forniture proiettili",
	                          "\"di artiglieria\"", "fornit*", "governo OR satellite",
	                          "fornira", "\"domani pyongyang fornirà\"" };
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
		expect_rank_is_bm25(db, "passage_fts", queries[i]);
		if (i != 1)  /* table t has no "governo" */
			expect_rank_is_bm25(db, "t", queries[i]);
	}
}

static void test_fts_phrase_prefix_and(void **state)
{
	sqlite3 *db = *state;
	expect_rows(db, "\"mutua assistenza\"", "6");
	expect_rows(db, "\"assistenza mutua\"", "");
	expect_rows(db, "mutua assistenza", "6");
	expect_rows(db, "\"Corea del Nord\" trattato", "6");
	expect_rows(db, "russia", "3,6");
	expect_rows(db, "russia soldati", "3");
	expect_rows(db, "russia corea", "6");
	expect_rows(db, "kyiv mosca", "");
	/* prefixes match the words, whatever their stems */
	expect_rows(db, "soldat*", "3");
	expect_rows(db, "soldati*", "3");
	expect_rows(db, "sold*", "3");
	expect_rows(db, "citt*", "1,2");
	expect_rows(db, "citta*", "1,2");
	expect_rows(db, "forn*", "4,5,9");
	expect_rows(db, "fornir*", "9");
	expect_rows(db, "satellit*", "8");
	expect_rows(db, "ucr*", "2,4");
	expect_rows(db, "202*", "5");
	expect_rows(db, "nordcor* russia", "3");
	expect_rows(db, "\"mutua assist\"*", "6");
	expect_rows(db, "\"assist mutua\"*", "");
	/* everything else is literal: no operators, no columns */
	expect_rows(db, "russia -corea", "6");
	expect_rows(db, "russia OR kyiv", "");
	expect_rows(db, "NOT russia", "");
	expect_rows(db, "text:russia", "");
	expect_rows(db, "Sputnik-V", "8");
}

/* ---- search inside one text (search_find.c) --------------------------------- */

/* The sentences in which the pattern finds something, as "1,3". */
static char *pattern_rows(const char *input, bool words)
{
	struct buf b = { 0 };
	bool oom = true;
	struct search_pattern *p = search_pattern_new(input, words, &oom);
	assert_false(oom);
	if (!p)
		return util_strdup("-");
	for (size_t i = 0; i < N_SENTENCES; i++) {
		size_t *hits, n;
		assert_int_equal(search_pattern_find(p, sentences[i], strlen(sentences[i]), &hits,
		                                     &n), 0);
		if (n)
			buf_printf(&b, "%s%zu", b.len ? "," : "", i + 1);
		free(hits);
	}
	search_pattern_free(p);
	if (!b.data)
		buf_puts(&b, "");
	return buf_steal(&b);
}

/* Whatever the index finds for a word or a phrase, the search in one text
 * finds in the same sentences: as S reads it, and typed after / (a phrase
 * without its quotes). */
static void test_pattern_agrees_with_index(void **state)
{
	sqlite3 *db = *state;
	static const char *const q[] = {
		"soldato", "SOLDATI", "soldat*", "sold*", "citta", "Città", "CITT*", "citt*",
		"ucraina", "dell'ucraina", "dell\xe2\x80\x99Ucraina", "\"mutua assistenza\"",
		"\"assistenza mutua\"", "\"corea del nord\"", "fornira", "fornirà", "fornitura",
		"forn*", "fornir*", "satellite", "satellit*", "202*", "2024", "155", "Sputnik-V",
		"\"mutua assist\"*", "russia", "kyiv", "mosca", "l'italia", "italia", "firmare",
		"è", "la", "\"nordcoreani combattono\"", "pyongyang", "xyz",
	};
	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
		bool oom = true;
		char *expr = search_build_query(q[i], &oom);
		char *want = run_match(db, expr);
		char *got = pattern_rows(q[i], true);
		if (strcmp(got, want) != 0)
			fail_msg("'%s': the index finds %s, the text search %s", q[i], want, got);
		free(got);
		/* / reads the same words as one phrase */
		size_t n = strlen(q[i]);
		char *bare = q[i][0] == '"' ? util_strndup(q[i] + 1, n - 1) : util_strdup(q[i]);
		char *qq = strchr(bare, '"');
		if (qq)
			memmove(qq, qq + 1, strlen(qq));
		got = pattern_rows(bare, false);
		if (strcmp(got, want) != 0)
			fail_msg("/%s: the index finds %s, the text search %s", bare, want, got);
		free(got);
		free(bare);
		free(want);
		free(expr);
	}
}

/* The hits: the words matched, by byte; phrases span their words;
 * overlapping hits are one. */
static void expect_hits(const char *input, bool words, const char *text, const char *want)
{
	struct search_pattern *p = search_pattern_new(input, words, NULL);
	assert_non_null(p);
	size_t *hits, n;
	assert_int_equal(search_pattern_find(p, text, strlen(text), &hits, &n), 0);
	struct buf b = { 0 };
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%.*s", i ? "|" : "", (int)(hits[2 * i + 1] - hits[2 * i]),
		           text + hits[2 * i]);
	if (!b.data)
		buf_puts(&b, "");
	if (strcmp(b.data, want) != 0)
		fail_msg("'%s' in '%s': %s, expected %s", input, text, b.data, want);
	buf_free(&b);
	free(hits);
	search_pattern_free(p);
}

static void test_pattern_hits(void **state)
{
	(void)state;
	expect_hits("soldato", false, sentences[2], "soldati|soldato");
	expect_hits("soldati nordcoreani", false, sentences[2], "soldati nordcoreani");
	expect_hits("soldati russia", false, sentences[2], "");
	expect_hits("soldati russia", true, sentences[2], "soldati|Russia|soldato");
	expect_hits("ucraina", false, "dell'Ucraina e l\xe2\x80\x99UCRAINA, non Ucronia",
	            "Ucraina|UCRAINA");
	expect_hits("fornira", false, sentences[8], "fornirà");
	expect_hits("citt*", false, "Città e cittadini; la cit", "Città|cittadini");
	/* a phrase of one word twice: overlapping hits make one */
	expect_hits("molto molto", false, "molto molto molto, e molto", "molto molto molto");
	expect_hits("nord corea", true, "Corea del Nord", "Corea|Nord");
	/* nothing to search: no pattern */
	bool oom = true;
	assert_null(search_pattern_new("  ... -- '' ", false, &oom));
	assert_false(oom);
	assert_null(search_pattern_new("\"\" *", true, &oom));
	assert_false(oom);
	assert_null(search_pattern_new(NULL, false, &oom));
}

static void test_fts_vocab(void **state)
{
	sqlite3 *db = *state;
	sqlite3_stmt *s;
	/* the stem holds both forms; the marked surface forms are apart */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT doc, cnt FROM v WHERE term = ?1", -1,
	                                    &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, "sold", -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), 1);
	assert_int_equal(sqlite3_column_int(s, 1), 2);
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, "=soldati", -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 1), 1);
	sqlite3_finalize(s);
}

static const char *const hostile[] = {
	"\"unclosed", "NOT", "body:x", "NEAR(", "*", "a'b", "' OR 1=1 --", "", "   ",
	"!!!", "\"a phrase\" word*", "AND OR", "^x", "x -y", "(a) [b] {c}",
	"\xf0\x9f\x98\x80 \xf0\x9f\x87\xae\xf0\x9f\x87\xb9", "\xff\xfe\xc3\x28\xed\xa0\x80 x",
	"\"", "\"\"\"", "**", "a**", "\"x\"*y", "NEAR(a b, 2)", "{text}: x", "- x",
	"x:", ":", "+", "\\", "'", "\xe2\x80\x99", "OR", "AND", "NEAR", "a AND", "(",
	")", "\"NEAR(\"", "x\"", "col:\"x y\"*", "\x01\x02\x1b[31m",
};

static void test_fts_hostile_queries(void **state)
{
	sqlite3 *db = *state;
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		bool oom = true;
		char *q = search_build_query(hostile[i], &oom);
		assert_false(oom);
		free(run_match(db, q));
		free(q);
	}
}

/* Deterministic mixed text: words, accents, operators, quotes, emoji,
 * stray bytes; `bytes` allows ill-formed UTF-8. */
static char *mixed_text(size_t n, unsigned seed, bool bytes)
{
	static const char *const parts[] = {
		"città ", "soldati ", "NOT ", "AND ", "OR ", "NEAR(", ")", "\"", "*", "'",
		"\xe2\x80\x99", ":", "^", "-", "(", "{", "}", "[", "]", " ", "x", "body:",
		"\xf0\x9f\x98\x80", "dell'", "2024", "È", ",", "\\", "russia ", "\t",
	};
	char *s = malloc(n + 8);
	size_t len = 0;
	unsigned r = seed;
	assert_non_null(s);
	while (len < n) {
		r = r * 1103515245u + 12345u;
		if (bytes && (r >> 16) % 7 == 0) {
			s[len++] = (char)((r >> 8) | 1);
			continue;
		}
		const char *p = parts[(r >> 16) % (sizeof parts / sizeof parts[0])];
		size_t k = strlen(p);
		if (len + k > n)
			break;
		memcpy(s + len, p, k);
		len += k;
	}
	s[len] = '\0';
	return s;
}

static void test_fts_long_and_random_queries(void **state)
{
	sqlite3 *db = *state;
	for (unsigned seed = 1; seed <= 60; seed++) {
		size_t n = seed % 3 == 0 ? 10000 : seed * 7 % 200;
		char *s = mixed_text(n, seed, seed % 2 == 0);
		bool oom = true;
		char *q = search_build_query(s, &oom);
		assert_false(oom);
		free(run_match(db, q));
		free(q);
		free(s);
	}
	/* the 10,000 characters of one word and of one phrase */
	char *w = malloc(10001);
	assert_non_null(w);
	memset(w, 'a', 10000);
	w[10000] = '\0';
	expect_rows(db, w, "");
	w[0] = '"';
	expect_rows(db, w, "");
	for (size_t i = 1; i < 10000; i += 2)
		w[i] = ' ';
	expect_rows(db, w, "");
	free(w);
}

static void test_fts_megabyte_word(void **state)
{
	sqlite3 *db = *state;
	sqlite3_stmt *s;
	char *w = huge_word();
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t(rowid, text) VALUES (99, ?1)", -1,
	                                    &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, w, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	expect_rows(db, w, "99");
	expect_rows(db, "b", "99");
	assert_int_equal(sqlite3_exec(db, "DELETE FROM t WHERE rowid = 99", NULL, NULL, NULL),
	                 SQLITE_OK);
	free(w);
}

/* The first row of `sql` with the built query bound to ?1. */
static char *first_text(sqlite3 *db, const char *sql, const char *input)
{
	sqlite3_stmt *s;
	char *q = search_build_query(input, NULL), *res = NULL;
	assert_non_null(q);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		res = util_strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	free(q);
	assert_non_null(res);
	return res;
}

static void expect_highlight(sqlite3 *db, const char *input, const char *want)
{
	char *got = first_text(db, "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1"
	                           " ORDER BY rowid", input);
	assert_string_equal(got, want);
	free(got);
}

static void test_fts_highlight_and_snippet(void **state)
{
	sqlite3 *db = *state;
	expect_highlight(db, "citta", "La [città] di Kyiv è sotto attacco.");
	expect_highlight(db, "cittÀ vaticano",
	                 "[CITTÀ] DEL [VATICANO]: il Papa parla dell'Ucraina.");
	expect_highlight(db, "ucraina forniture",
	                 "Le [forniture] di artiglieria all\xe2\x80\x99[Ucraina] continuano.");
	expect_highlight(db, "soldat*",
	                 "I [soldati] nordcoreani combattono in Russia; un [soldato] è stato"
	                 " catturato.");
	expect_highlight(db, "\"l'italia\"",
	                 "[L'Italia] e la Francia hanno firmato: [l\xe2\x80\x99Italia] guida.");
	char *snip = first_text(db, "SELECT snippet(t, 0, '[', ']', '...', 4) FROM t"
	                            " WHERE t MATCH ?1", "catturato");
	assert_string_equal(snip, "...soldato è stato [catturato].");
	free(snip);
}

static void test_tokenizer_arguments(void **state)
{
	sqlite3 *db = *state;
	assert_int_not_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE u USING fts5(x,"
	                                      " tokenize='margo bogus')", NULL, NULL, NULL),
	                     SQLITE_OK);
	/* without surface forms: stems only, prefixes match stems */
	assert_int_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE u USING fts5(x,"
	                                  " tokenize='margo nosurface');"
	                                  "CREATE VIRTUAL TABLE uv USING fts5vocab(u, 'row');"
	                                  "INSERT INTO u(rowid, x) VALUES (3, 'I soldati sono"
	                                  " soldati');", NULL, NULL, NULL), SQLITE_OK);
	char *n = first_text(db, "SELECT count(*) FROM uv WHERE ?1 <> '' AND term LIKE '=%'",
	                     "x");
	assert_string_equal(n, "0");
	free(n);
	n = first_text(db, "SELECT count(*) || ' ' || group_concat(rowid) FROM u WHERE u MATCH ?1",
	               "sold*");
	assert_string_equal(n, "1 3");
	free(n);
	n = first_text(db, "SELECT count(*) FROM u WHERE u MATCH ?1", "soldati");
	assert_string_equal(n, "1");
	free(n);
	n = first_text(db, "SELECT count(*) FROM u WHERE u MATCH ?1", "soldati*");
	assert_string_equal(n, "0");
	free(n);
	/* registering again is harmless */
	assert_int_equal(search_register_tokenizer(db), 0);
}

/* ---- folding for in-article search ------------------------------------------------ */

static void expect_map(const struct search_folded *f, const size_t *want, size_t n)
{
	assert_int_equal(f->len + 1, n);
	for (size_t i = 0; i < n; i++)
		if (f->map[i] != want[i])
			fail_msg("map[%zu] = %zu, expected %zu", i, f->map[i], want[i]);
}

static void test_search_fold_map(void **state)
{
	struct search_folded f;
	const char *src = "Città l\xe2\x80\x99Italia È";
	static const size_t want[] = { 0, 1, 2, 3, 4, 6, 7, 8, 11, 12, 13, 14, 15, 16, 17,
	                               18, 20 };
	(void)state;
	assert_int_equal(search_fold(src, strlen(src), false, &f), 0);
	assert_string_equal(f.text, "citta l'italia e");
	expect_map(&f, want, sizeof want / sizeof want[0]);
	/* a hit in the folded text maps back to the source word */
	const char *hit = strstr(f.text, "italia");
	size_t a = (size_t)(hit - f.text), b = a + 6;
	assert_int_equal(f.map[a], 11);
	assert_int_equal(f.map[b], 17);
	search_folded_free(&f);

	assert_int_equal(search_fold(src, strlen(src), true, &f), 0);
	assert_string_equal(f.text, "Citta l'Italia E");
	expect_map(&f, want, sizeof want / sizeof want[0]);
	search_folded_free(&f);
}

static void test_search_fold_odd(void **state)
{
	struct search_folded f;
	(void)state;
	/* decomposed marks belong to the letter before them */
	static const size_t m1[] = { 0, 3, 4 };
	assert_int_equal(search_fold("e\xcc\x81x", 4, false, &f), 0);
	assert_string_equal(f.text, "ex");
	expect_map(&f, m1, 3);
	search_folded_free(&f);
	/* one source letter, two folded bytes */
	static const size_t m2[] = { 0, 1, 2, 3, 4, 4, 6, 7 };
	assert_int_equal(search_fold("STRAßE", 7, false, &f), 0);
	assert_string_equal(f.text, "strasse");
	expect_map(&f, m2, 8);
	search_folded_free(&f);
	/* ill-formed bytes become U+FFFD; both quotes and ʼ become ' */
	static const size_t m3[] = { 0, 1, 1, 1, 2, 3 };
	assert_int_equal(search_fold("a\xff" "b", 3, false, &f), 0);
	assert_string_equal(f.text, "a\xef\xbf\xbd" "b");
	expect_map(&f, m3, 6);
	search_folded_free(&f);
	assert_int_equal(search_fold("\xe2\x80\x98x\xe2\x80\x99\xca\xbc", 9, false, &f), 0);
	assert_string_equal(f.text, "'x''");
	search_folded_free(&f);
	/* empty text */
	assert_int_equal(search_fold("", 0, false, &f), 0);
	assert_int_equal(f.len, 0);
	assert_string_equal(f.text, "");
	assert_int_equal(f.map[0], 0);
	search_folded_free(&f);
	/* a megabyte */
	char *w = huge_word();
	assert_int_equal(search_fold(w, strlen(w), false, &f), 0);
	assert_int_equal(f.len, (1 << 20) + 2);
	assert_int_equal(f.map[1 << 20], 2 << 20);
	assert_int_equal(f.map[f.len], strlen(w));
	search_folded_free(&f);
	free(w);
}

static void test_has_upper(void **state)
{
	(void)state;
	assert_false(search_has_upper("citta", 5));
	assert_false(search_has_upper("città dell'ucraina 2024 !", 26));
	assert_true(search_has_upper("Città", 6));
	assert_true(search_has_upper("cittÀ", 6));
	assert_true(search_has_upper("\xc3\x88", 2));         /* È */
	assert_true(search_has_upper("\xce\xa9", 2));         /* Ω */
	assert_false(search_has_upper("\xc3\xbc\xff", 3));    /* ü, a bad byte */
	assert_false(search_has_upper("", 0));
	assert_false(search_has_upper("ABC", 0));
}

static void test_stopwords(void **state)
{
	static const char *const yes[] = {
		"a", "abbia", "ad", "al", "all", "anche", "avrebbero", "c", "che", "cosi",
		"d", "degli", "dell", "della", "di", "e", "era", "fosse", "fra", "gia", "gli",
		"il", "l", "la", "nell", "non", "per", "perche", "piu", "po", "quest", "sara",
		"si", "sono", "sull", "tra", "un", "una", "the", "and", "of", "yourselves",
		"wouldn", "t", "vostro", "del",
	};
	static const char *const no[] = {
		"citta", "soldati", "ucraina", "stato", "governo", "russia", "aa", "dello_",
		"zzz", "perché", "secondo", "trattato", "thee",
	};
	(void)state;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!search_is_stopword(yes[i], strlen(yes[i])))
			fail_msg("'%s' should be a stop word", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (search_is_stopword(no[i], strlen(no[i])))
			fail_msg("'%s' should not be a stop word", no[i]);
	assert_false(search_is_stopword("", 0));
	assert_true(search_is_stopword("della città", 5));
	assert_false(search_is_stopword("de", 2));
	assert_false(search_is_stopword("dellx", 5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_case_and_diacritics),
		cmocka_unit_test(test_elision),
		cmocka_unit_test(test_stemming),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_number_words),
		cmocka_unit_test(test_words_in_one_pass),
		cmocka_unit_test(test_background_table),
		cmocka_unit_test(test_odd_text),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_megabyte_word),
		cmocka_unit_test(test_build_query),
		cmocka_unit_test_setup_teardown(test_fts_folding_and_elision, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(test_fts_stemming, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(test_rank_is_bm25, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(test_fts_phrase_prefix_and, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(test_fts_vocab, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(test_pattern_agrees_with_index, setup_db, teardown_db),
		cmocka_unit_test(test_pattern_hits),
		cmocka_unit_test_setup_teardown(test_fts_hostile_queries, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(test_fts_long_and_random_queries, setup_db,
		                                teardown_db),
		cmocka_unit_test_setup_teardown(test_fts_megabyte_word, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(test_fts_highlight_and_snippet, setup_db,
		                                teardown_db),
		cmocka_unit_test_setup_teardown(test_tokenizer_arguments, setup_db, teardown_db),
		cmocka_unit_test(test_search_fold_map),
		cmocka_unit_test(test_search_fold_odd),
		cmocka_unit_test(test_has_upper),
		cmocka_unit_test(test_stopwords),
	};
	return cmocka_run_group_tests_name("search", tests, NULL, NULL);
}
