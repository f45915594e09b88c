/*
 * annot_import_fuzzer.c: the annotation importer (store_import_line and
 * store_import_links) on arbitrary bytes.
 *
 * Once per process: a library holding the bundled corpus and the three
 * annotations of fuzz/annot_base.jsonl (fixed ids, one link each way,
 * imported through the importer itself), saved and put back before each
 * input.  The input is read as `margo import` reads a file: one
 * annotation per line, then the links of every line that was taken.
 * Properties: the importer never fails with a library error; afterwards
 * PRAGMA integrity_check is "ok", PRAGMA foreign_key_check is empty, every
 * annotation present before is still there and not deleted, and every
 * text the annotation tables hold is well-formed UTF-8.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "margo/store_annot.h"
#include "margo/util.h"

const char fuzz_target_name[] = "annot_import";

#define N_BASE 3
static const char *const base_ids[N_BASE] = {
	"urn:uuid:00000000-0000-4000-8000-000000000001",
	"urn:uuid:00000000-0000-4000-8000-000000000002",
	"urn:uuid:00000000-0000-4000-8000-000000000003",
};

static struct store *library;

static void teardown(void)
{
	store_close(&library);
}

/* Import `len` bytes as `margo import` would; returns how many were taken
 * (added or updated or same or conflicting). */
static size_t import_lines(const char *data, size_t len, bool must_work)
{
	size_t taken = 0, links = 0, unplaced = 0, line_no = 0;
	const char *p = data, *end = data + len;
	struct store_import *imp;
	if (store_import_open(library, &imp) < 0)
		fuzz_fail("cannot start an import: %s", store_errmsg(library));
	/* First the annotations, then their links (a target may come later). */
	for (p = data; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		const char *line = p;
		p += n;
		line_no++;
		if (n > INT32_MAX)
			continue;  /* SQLite takes int lengths; `margo import` lines fit */
		enum store_import_result r;
		char *err = NULL, *warn = NULL;
		if (store_import_line(imp, line_no, line, n, &r, &err, &warn) < 0)
			fuzz_fail("import failed with a library error: %s", store_errmsg(library));
		if (must_work && r != STORE_IMPORT_ADDED)
			fuzz_fail("a base annotation was not added: %s", err ? err : "?");
		taken += r != STORE_IMPORT_SKIPPED;
		free(err);
		free(warn);
	}
	if (store_import_links(imp, &links, &unplaced) < 0)
		fuzz_fail("importing links failed with a library error: %s", store_errmsg(library));
	store_import_close(&imp);
	if (must_work && (links != 2 || unplaced != 0))
		fuzz_fail("the base annotations' links: %zu made, %zu not", links, unplaced);
	return taken;
}

static void setup(void)
{
	const char *top = getenv("top_srcdir");
	char *path = util_printf("%s/fuzz/annot_base.jsonl", top && *top == '/' ? top : MARGO_ABS_SRCDIR);
	FILE *f = path ? fopen(path, "rb") : NULL;
	if (!f) {
		perror(path ? path : "fuzz/annot_base.jsonl");
		abort();
	}
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_append(&b, chunk, n) < 0)
			abort();
	fclose(f);
	free(path);
	library = fuzz_library("annot.db", true, false);
	if (import_lines(b.data, b.len, true) != N_BASE)
		fuzz_fail("the base annotations were not all imported");
	buf_free(&b);
	fuzz_require_sound(library);
	fuzz_library_snapshot(library);
	atexit(teardown);
}

static void check_after(void)
{
	sqlite3 *db = store_db(library);
	sqlite3_stmt *s;
	fuzz_require_sound(library);
	if (sqlite3_prepare_v2(db, "SELECT deleted IS NULL FROM annotation WHERE id = ?1", -1, &s,
	                       NULL) != SQLITE_OK)
		fuzz_fail("%s", sqlite3_errmsg(db));
	for (int i = 0; i < N_BASE; i++) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, base_ids[i], -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_ROW)
			fuzz_fail("annotation %s was lost", base_ids[i]);
		if (!sqlite3_column_int(s, 0))
			fuzz_fail("annotation %s was marked deleted", base_ids[i]);
	}
	sqlite3_finalize(s);
	static const char *const texts[] = {
		"SELECT * FROM annotation", "SELECT * FROM tag", "SELECT * FROM annotation_tag",
		"SELECT * FROM annotation_link", "SELECT * FROM annotation_conflict",
	};
	for (size_t q = 0; q < sizeof texts / sizeof *texts; q++) {
		if (sqlite3_prepare_v2(db, texts[q], -1, &s, NULL) != SQLITE_OK)
			fuzz_fail("%s: %s", texts[q], sqlite3_errmsg(db));
		while (sqlite3_step(s) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(s); c++)
				if (sqlite3_column_type(s, c) == SQLITE_TEXT)
					fuzz_require_utf8(sqlite3_column_name(s, c),
					                  (const char *)sqlite3_column_text(s, c),
					                  (size_t)sqlite3_column_bytes(s, c));
		sqlite3_finalize(s);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!library)
		setup();
	fuzz_library_restore(library);
	import_lines((const char *)data, size, false);
	check_after();
	return 0;
}
