/*
 * fts5_peer: the ingest peer of the benchmark, SQLite alone on the same
 * work: every file under DIR read and inserted, title (first line) and
 * body, into one FTS5 table with Unicode folding, in batched transactions.
 * With --margo the table uses margo's Italian tokenizer instead (folding,
 * elision, stems and marked surfaces): how much of an ingest is the
 * full-text index alone.
 *
 *   fts5_peer [--margo] DB DIR
 */
#include <config.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "margo/search.h"

static sqlite3 *db;
static sqlite3_stmt *ins;
static long done;

static int fail(const char *what)
{
	fprintf(stderr, "fts5_peer: %s: %s\n", what, sqlite3_errmsg(db));
	return 1;
}

static int one(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)ftw;
	if (type != FTW_F || sb->st_size <= 0)
		return 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char *data = malloc((size_t)sb->st_size + 1);
	size_t len = data ? fread(data, 1, (size_t)sb->st_size, f) : 0;
	fclose(f);
	if (!data)
		return 1;
	data[len] = '\0';
	char *nl = strchr(data, '\n');
	size_t tlen = nl ? (size_t)(nl - data) : len;
	sqlite3_bind_text(ins, 1, data, (int)tlen, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, nl ? nl + 1 : "", -1, SQLITE_STATIC);
	int rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	free(data);
	if (rc != SQLITE_DONE)
		return fail("insert");
	if (++done % 1000 == 0 &&
	    (sqlite3_exec(db, "COMMIT; BEGIN", NULL, NULL, NULL) != SQLITE_OK))
		return fail("commit");
	return 0;
}

int main(int argc, char **argv)
{
	int margo = argc == 4 && strcmp(argv[1], "--margo") == 0;
	if (argc != 3 + margo) {
		fprintf(stderr, "usage: fts5_peer [--margo] DB DIR\n");
		return 2;
	}
	argv += margo;
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		return fail(argv[1]);
	if (margo && search_register_tokenizer(db) < 0)
		return fail("tokenizer");
	if (sqlite3_exec(db, margo
	                 ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	                   "CREATE VIRTUAL TABLE doc USING fts5(title, body, tokenize = 'margo'); BEGIN"
	                 : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	                   "CREATE VIRTUAL TABLE doc USING fts5(title, body,"
	                   " tokenize = 'unicode61 remove_diacritics 2'); BEGIN",
	                 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO doc(title, body) VALUES (?1, ?2)", -1, &ins,
	                       NULL) != SQLITE_OK)
		return fail("schema");
	if (nftw(argv[2], one, 64, FTW_PHYS) != 0)
		return 1;
	sqlite3_finalize(ins);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return fail("commit");
	sqlite3_close(db);
	printf("%ld files\n", done);
	return 0;
}
