/*
 * ingest_fuzzer.c: the ingester (ingest_paths: reading, canonicalising,
 * parsing an article or a JSON Lines file, storing it with its entity
 * mentions) on arbitrary bytes.
 *
 * Once per process: an empty library (through the project's store), the
 * rule files and the entity extractor; its content is saved, and put back
 * before each input.  The first byte says how the rest is offered: as a
 * .txt file (even) or a .jsonl file (odd).  Properties: ingesting never
 * fails with a library error; every text the library then holds (every
 * TEXT value of the article, paragraph, sentence, dropped, entity, form
 * and mention tables) is well-formed UTF-8; each stored article loads,
 * and its paragraphs and sentences are in order, inside its body, on
 * character boundaries, with code-point offsets that match the bytes;
 * the library stays sound (integrity and foreign keys).
 */
#include <config.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "margo/corpus.h"
#include "margo/entity.h"
#include "margo/ingest.h"
#include "margo/text.h"
#include "margo/util.h"

const char fuzz_target_name[] = "ingest";

static struct store *library;
static struct corpus_rules *rules;
static struct entity_extractor *extractor;
static char *txt_path, *jsonl_path;

static void quiet(void *ctx, const char *path, const char *message)
{
	(void)ctx;
	(void)path;
	(void)message;
}

static void teardown(void)
{
	store_close(&library);
	corpus_rules_free(&rules);
	entity_extractor_free(&extractor);
	free(txt_path);
	free(jsonl_path);
}

static void setup(void)
{
	const char *top = getenv("top_srcdir");
	char *data = util_printf("%s/data", top && *top == '/' ? top : MARGO_ABS_SRCDIR);
	if (!data)
		abort();
	library = fuzz_library("ingest.db", false, false);
	rules = corpus_rules_load(data, NULL);
	extractor = entity_extractor_load(data, NULL, NULL);
	if (!rules || !extractor)
		abort();
	free(data);
	txt_path = fuzz_tmp_path("article.txt");
	jsonl_path = fuzz_tmp_path("articles.jsonl");
	fuzz_library_snapshot(library);
	atexit(teardown);
}

static void write_input(const char *path, const uint8_t *data, size_t size)
{
	unlink(path);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		abort();
	while (size > 0) {
		ssize_t n = write(fd, data, size);
		if (n <= 0)
			abort();
		data += n;
		size -= (size_t)n;
	}
	close(fd);
}

/* Every TEXT value these queries return is well-formed UTF-8. */
static void check_tables_utf8(void)
{
	static const char *const queries[] = {
		"SELECT * FROM article", "SELECT * FROM paragraph", "SELECT * FROM sentence",
		"SELECT * FROM dropped", "SELECT * FROM entity", "SELECT * FROM form",
		"SELECT * FROM mention", "SELECT * FROM file",
	};
	for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
		sqlite3_stmt *s;
		if (sqlite3_prepare_v2(store_db(library), queries[q], -1, &s, NULL) != SQLITE_OK)
			fuzz_fail("%s: %s", queries[q], sqlite3_errmsg(store_db(library)));
		int rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(s); c++) {
				if (sqlite3_column_type(s, c) != SQLITE_TEXT)
					continue;
				const char *t = (const char *)sqlite3_column_text(s, c);
				size_t n = (size_t)sqlite3_column_bytes(s, c);
				if (strlen(t) != n)
					fuzz_fail("%s: column %s holds a NUL", queries[q],
					          sqlite3_column_name(s, c));
				fuzz_require_utf8(sqlite3_column_name(s, c), t, n);
			}
		}
		if (rc != SQLITE_DONE)
			fuzz_fail("%s: %s", queries[q], sqlite3_errmsg(store_db(library)));
		sqlite3_finalize(s);
	}
}

/* A span of the body: in order, inside, on character boundaries, with
 * code-point offsets that count the bytes before them. */
static void check_span(const struct store_article *a, const char *what, size_t i, size_t start,
                       size_t end, size_t cp_start, size_t cp_end, size_t lo, size_t hi)
{
	if (start > end || start < lo || end > hi)
		fuzz_fail("article %lld: %s %zu is [%zu, %zu), outside [%zu, %zu)",
		          (long long)a->id, what, i, start, end, lo, hi);
	fuzz_require_utf8(what, a->body + start, end - start);
	if (text_cp_count(a->body, start) != cp_start || text_cp_count(a->body, end) != cp_end)
		fuzz_fail("article %lld: %s %zu: code points [%zu, %zu) do not match bytes [%zu, %zu)",
		          (long long)a->id, what, i, cp_start, cp_end, start, end);
}

static void check_article(int64_t id)
{
	struct store_article a;
	if (store_article_get(library, id, &a) != 1)
		fuzz_fail("article %lld was stored but does not load", (long long)id);
	if (!a.title || !a.body)
		fuzz_fail("article %lld has no title or no body", (long long)id);
	if (strlen(a.body) != a.body_len)
		fuzz_fail("article %lld: body length %zu, strlen %zu", (long long)id, a.body_len,
		          strlen(a.body));
	fuzz_require_utf8("body", a.body, a.body_len);
	size_t prev = 0;
	for (size_t i = 0; i < a.n_paras; i++) {
		const struct store_para *p = &a.paras[i];
		check_span(&a, "paragraph", i, p->start, p->end, p->cp_start, p->cp_end, prev,
		           a.body_len);
		prev = p->end;
	}
	prev = 0;
	for (size_t i = 0; i < a.n_sentences; i++) {
		const struct store_sentence *s = &a.sentences[i];
		if (s->para < 0 || (size_t)s->para >= a.n_paras)
			fuzz_fail("article %lld: sentence %zu is in paragraph %d of %zu",
			          (long long)id, i, s->para, a.n_paras);
		const struct store_para *p = &a.paras[s->para];
		check_span(&a, "sentence", i, s->start, s->end, s->cp_start, s->cp_end,
		           prev > p->start ? prev : p->start, p->end);
		prev = s->end;
	}
	store_article_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	if (!library)
		setup();
	fuzz_library_restore(library);
	char *path = data[0] & 1 ? jsonl_path : txt_path;
	write_input(path, data + 1, size - 1);

	struct ingest_options opt = { .rules = rules, .extractor = extractor, .message = quiet };
	struct ingest_report rep;
	char *paths[] = { path };
	if (ingest_paths(library, &opt, paths, 1, &rep) < 0)
		fuzz_fail("ingest failed with a library error: %s", store_errmsg(library));

	check_tables_utf8();
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(store_db(library), "SELECT id FROM article ORDER BY id", -1, &s,
	                       NULL) != SQLITE_OK)
		fuzz_fail("cannot list articles: %s", store_errmsg(library));
	while (sqlite3_step(s) == SQLITE_ROW)
		check_article(sqlite3_column_int64(s, 0));
	sqlite3_finalize(s);
	fuzz_require_sound(library);
	return 0;
}
