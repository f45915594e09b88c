/*
 * query_fuzzer.c: the search-query builder (search_build_query) against
 * a real FTS5 index.
 *
 * Once per process a library holding the bundled corpus is made through
 * the project's own store (so passage_fts and the "margo" tokenizer are
 * the real ones).  Each input, up to its first NUL, is what a user typed.
 * Properties: the builder reports no memory shortage it did not have;
 * what it builds is well-formed UTF-8; FTS5 accepts it: a MATCH with it,
 * bound as a parameter, prepares and steps to the end without any SQLite
 * error, and so does the project's own store_search() with snippets and
 * highlights.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "margo/search.h"
#include "margo/store_search.h"

const char fuzz_target_name[] = "query";

static struct store *library;
static sqlite3_stmt *match;

static void setup(void)
{
	library = fuzz_library("query.db", true, false);
	if (sqlite3_prepare_v2(store_db(library),
	                       "SELECT rowid, bm25(passage_fts) FROM passage_fts"
	                       " WHERE passage_fts MATCH ?1", -1, &match, NULL) != SQLITE_OK)
		fuzz_fail("cannot prepare the MATCH: %s", sqlite3_errmsg(store_db(library)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!library)
		setup();
	char *typed = fuzz_strndup(data, size);
	bool oom = false;
	char *q = search_build_query(typed, &oom);
	if (!q) {
		free(typed);
		return 0;  /* nothing searchable (or out of memory) */
	}
	fuzz_require_utf8("the built query", q, strlen(q));

	sqlite3_reset(match);
	sqlite3_bind_text(match, 1, q, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(match)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE)
		fuzz_fail("FTS5 refused the query built from \"%s\": %s\n  query: %s", typed,
		          sqlite3_errmsg(store_db(library)), q);
	sqlite3_reset(match);

	struct store_hit *hits = NULL;
	size_t n = 0;
	if (store_search(library, q, 20, 0, &hits, &n) < 0)
		fuzz_fail("store_search failed on the query built from \"%s\": %s\n  query: %s",
		          typed, store_errmsg(library), q);
	store_hits_free(hits, n);
	free(q);
	free(typed);
	return 0;
}
