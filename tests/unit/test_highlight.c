/*
 * test_highlight.c: margo_highlight() and margo_hits() (src/search_highlight.c)
 * give what FTS5's highlight() gives, hit for hit, for words, stems,
 * prefixes, phrases and elisions, and stay linear on a passage of
 * 200,000 hits (where highlight() takes minutes).
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "margo/search.h"
#include "margo/util.h"

static const char *const rows[] = {
	"La città di Kyiv è sotto attacco.",
	"CITTÀ DEL VATICANO: il Papa parla dell'Ucraina.",
	"I soldati nordcoreani combattono in Russia; un soldato è stato catturato.",
	"Le forniture di artiglieria all\xe2\x80\x99Ucraina continuano: forniture, forniture.",
	"Il trattato di mutua assistenza fra Russia e Corea del Nord, la mutua assistenza.",
	"L'Italia e la Francia hanno firmato: l\xe2\x80\x99Italia guida.",
	"Seul teme che domani Pyongyang fornirà razzi; ha fornito razzi e razzi.",
	"",
	"   spazi   e\ttab\n e a capo   ",
};

static int setup_db(void **state)
{
	sqlite3 *db;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || search_register_tokenizer(db) != 0 ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE passage_fts USING fts5(text, tokenize='margo')",
	                 NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		char *sql = sqlite3_mprintf("INSERT INTO passage_fts(text) VALUES (%Q)", rows[i]);
		int rc = sql ? sqlite3_exec(db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			return -1;
	}
	*state = db;
	return 0;
}

static int teardown_db(void **state)
{
	sqlite3_close(*state);
	return 0;
}

/* For every row an FTS5 expression matches: both highlights are equal,
 * and margo_hits() is the number of FTS5's markers.  Returns the rows. */
static int expect_same(sqlite3 *db, const char *expr)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT highlight(passage_fts, 0, char(1), char(2)),"
	                                        " margo_highlight(passage_fts), margo_hits(passage_fts)"
	                                        " FROM passage_fts WHERE passage_fts MATCH ?1",
	                                    -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, expr, -1, SQLITE_STATIC);
	int n = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *want = (const char *)sqlite3_column_text(s, 0);
		const char *got = (const char *)sqlite3_column_text(s, 1);
		assert_non_null(want);
		assert_non_null(got);
		if (strcmp(want, got) != 0)
			fail_msg("%s: margo_highlight [%s], highlight [%s]", expr, got, want);
		int opens = 0;
		for (const char *p = want; *p; p++)
			opens += *p == '\x01';
		assert_true(sqlite3_column_int(s, 2) >= opens);
		n++;
	}
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_finalize(s);
	return n;
}

static void test_same_as_highlight(void **state)
{
	sqlite3 *db = *state;
	static const char *const exprs[] = {
		"\"citta\"", "\"citta\" OR \"vaticano\"", "\"ucraina\"", "\"soldato\"",
		"\"soldat\" *", "\"=soldat\" *", "\"forniture\"", "\"forniture\" AND \"ucraina\"",
		"\"mutua assistenza\"", "\"assistenza\" OR \"mutua\"", "\"mutua\" OR \"mutua assistenza\"",
		"\"l'italia\"", "\"italia\"", "\"fornito\"", "\"fornira\"", "\"razzi\"",
		"\"razzi e razzi\"", "\"la\"", "\"e\"", "\"tab\" OR \"capo\"", "\"di\" OR \"la\"",
	};
	int rows_seen = 0;
	for (size_t i = 0; i < sizeof exprs / sizeof *exprs; i++)
		rows_seen += expect_same(db, exprs[i]);
	assert_true(rows_seen >= 20);
}

/* 200,000 hits in one row: the same text as highlight() would give,
 * built in one pass (highlight() itself is not asked: minutes). */
static void test_many_hits(void **state)
{
	sqlite3 *db = *state;
	struct buf text = { 0 }, want = { 0 };
	for (int i = 0; i < 200000; i++) {
		buf_puts(&text, i ? " ciao" : "ciao");
		buf_puts(&want, i ? " \x01" "ciao\x02" : "\x01" "ciao\x02");
	}
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO passage_fts(rowid, text)"
	                                        " VALUES (1000, ?1)", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, text.data, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT margo_highlight(passage_fts),"
	                                        " margo_hits(passage_fts) FROM passage_fts"
	                                        " WHERE passage_fts MATCH '\"ciao\"'", -1, &s, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), want.data);
	assert_int_equal(sqlite3_column_int(s, 1), 200000);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	buf_free(&text);
	buf_free(&want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_as_highlight, setup_db, teardown_db),
		cmocka_unit_test_setup_teardown(test_many_hits, setup_db, teardown_db),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
