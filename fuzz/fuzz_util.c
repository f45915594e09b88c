/*
 * fuzz_util.c: the helpers of fuzz.h: failing loudly, UTF-8 checks, a
 * private temporary folder, and libraries made and reset through the
 * project's own store.
 */
#include <config.h>

#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unistr.h>

#include "fuzz.h"
#include "margo/corpus.h"
#include "margo/entity.h"
#include "margo/ingest.h"
#include "margo/util.h"

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: property violated: ", fuzz_target_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	abort();
}

void fuzz_require_utf8(const char *what, const char *s, size_t n)
{
	const uint8_t *bad = u8_check((const uint8_t *)s, n);
	if (bad)
		fuzz_fail("%s is not valid UTF-8 (at byte %zu of %zu)", what,
		          (size_t)(bad - (const uint8_t *)s), n);
}

char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* ---- the temporary folder ------------------------------------------------ */

static char *tmpdir;

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);  /* best effort: what cannot go stays */
	return 0;
}

static void remove_tmpdir(void)
{
	if (tmpdir)
		nftw(tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(tmpdir);
	tmpdir = NULL;
}

const char *fuzz_tmpdir(void)
{
	if (tmpdir)
		return tmpdir;
	const char *base = getenv("TMPDIR");
	tmpdir = util_printf("%s/margo-fuzz.XXXXXX", base && *base ? base : "/tmp");
	if (!tmpdir || !mkdtemp(tmpdir)) {
		perror("fuzz: cannot make a temporary folder");
		abort();
	}
	atexit(remove_tmpdir);
	return tmpdir;
}

char *fuzz_tmp_path(const char *name)
{
	char *p = util_printf("%s/%s", fuzz_tmpdir(), name);
	if (!p)
		abort();
	return p;
}

/* ---- libraries ----------------------------------------------------------- */

/* The source tree: $top_srcdir when `make check` runs us, else the one
 * this program was configured in. */
static const char *srcdir(void)
{
	const char *s = getenv("top_srcdir");
	return s && *s == '/' ? s : MARGO_ABS_SRCDIR;
}

static void print_problem(void *ctx, const char *path, const char *message)
{
	(void)ctx;
	(void)path;
	(void)message;
}

struct store *fuzz_library(const char *name, bool corpus, bool entities)
{
	char *path = fuzz_tmp_path(name), *err = NULL;
	struct store *st = NULL;
	if (store_open(path, STORE_OPEN_WRITE, &st, &err) < 0) {
		fprintf(stderr, "fuzz: %s\n", err ? err : "cannot open a library");
		abort();
	}
	free(path);
	if (!corpus)
		return st;
	char *data = util_printf("%s/data", srcdir());
	char *dir = util_printf("%s/corpus", srcdir());
	if (!data || !dir)
		abort();
	struct corpus_rules *rules = corpus_rules_load(data, NULL);
	struct entity_extractor *x = entities ? entity_extractor_load(data, NULL, NULL) : NULL;
	if (!rules || (entities && !x))
		abort();
	struct ingest_options opt = { .rules = rules, .extractor = x, .message = print_problem };
	struct ingest_report rep;
	char *paths[] = { dir };
	if (ingest_paths(st, &opt, paths, 1, &rep) < 0 || rep.added == 0) {
		fprintf(stderr, "fuzz: cannot add the corpus in %s\n", dir);
		abort();
	}
	entity_extractor_free(&x);
	corpus_rules_free(&rules);
	free(data);
	free(dir);
	return st;
}

/* ---- snapshots ------------------------------------------------------------ */

static sqlite3 *snapshot;

static void copy_db(sqlite3 *to, sqlite3 *from)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE) {
		fprintf(stderr, "fuzz: cannot copy a library: %s\n", sqlite3_errmsg(to));
		abort();
	}
	if (sqlite3_backup_finish(b) != SQLITE_OK)
		abort();
}

static void close_snapshot(void)
{
	sqlite3_close(snapshot);
	snapshot = NULL;
}

void fuzz_library_snapshot(struct store *st)
{
	if (!snapshot) {
		if (sqlite3_open(":memory:", &snapshot) != SQLITE_OK)
			abort();
		atexit(close_snapshot);
	}
	copy_db(snapshot, store_db(st));
}

void fuzz_library_restore(struct store *st)
{
	copy_db(store_db(st), snapshot);
}

void fuzz_require_sound(struct store *st)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(store_db(st), "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
		fuzz_fail("integrity_check: %s", sqlite3_errmsg(store_db(st)));
	int rc = sqlite3_step(s);
	const char *r = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
	if (!r || strcmp(r, "ok") != 0)
		fuzz_fail("integrity_check says \"%s\"", r ? r : sqlite3_errmsg(store_db(st)));
	sqlite3_finalize(s);
	if (sqlite3_prepare_v2(store_db(st), "PRAGMA foreign_key_check", -1, &s, NULL) != SQLITE_OK)
		fuzz_fail("foreign_key_check: %s", sqlite3_errmsg(store_db(st)));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		fuzz_fail("foreign_key_check: a row of %s breaks a foreign key to %s",
		          (const char *)sqlite3_column_text(s, 0),
		          (const char *)sqlite3_column_text(s, 2));
	if (rc != SQLITE_DONE)
		fuzz_fail("foreign_key_check: %s", sqlite3_errmsg(store_db(st)));
	sqlite3_finalize(s);
}
