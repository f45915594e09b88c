/*
 * test_journal.c: the journal of changes against a library file: each kind
 * of change to the user's work (annotation, note, colour, deletion, link,
 * re-tagging, unlinking, tag rename and merge, entity merge, split and
 * rename), undone and done
 * again, gives back exactly the rows it found and left; undo works after
 * the library is closed and opened again; a new change drops what could be
 * redone; an undo is refused when another connection changed the row.
 */
#include <config.h>

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

#include "margo/store_annot.h"
#include "margo/store_entity.h"
#include "margo/store_journal.h"
#include "margo/util.h"

static char dir[] = "/tmp/margo-journal-XXXXXX";
static struct store *st;
static int64_t art;

static char *lib_path(void)
{
	return util_printf("%s/lib.db", dir);
}

static struct store *open_lib(void)
{
	char *path = lib_path(), *err = NULL;
	struct store *s = NULL;
	if (store_open(path, STORE_OPEN_WRITE, &s, &err) < 0)
		fail_msg("%s", err ? err : "cannot open");
	free(path);
	free(err);
	return s;
}

/* One article of two paragraphs, with its people: "Vladimir Putin" and
 * "Putin" (one entity), "Kim Jong-un" and "Kim" (another), "Mosca". */
static const char body[] =
	"Vladimir Putin ha visto Kim Jong-un a Mosca.\n\nPutin e Kim hanno firmato.";
static const struct {
	const char *surface;
	enum entity_type type;
} names[] = {
	{ "Vladimir Putin", ENTITY_PER }, { "Kim Jong-un", ENTITY_PER }, { "Mosca", ENTITY_LOC },
	{ "Putin", ENTITY_PER }, { "Kim", ENTITY_PER },
};

static void put_article(void)
{
	size_t split = strstr(body, "\n\n") - body, len = strlen(body);
	struct corpus_span sents[2] = {
		{ 0, split, 0, split }, { split + 2, len, split + 2, len },
	};
	struct corpus_para paras[2] = {
		{ sents[0], CORPUS_PARA_BODY, 0, 1 }, { sents[1], CORPUS_PARA_BODY, 1, 1 },
	};
	struct corpus_article a = {
		.title = (char *)"a1", .date = (char *)"2024-06", .body = (char *)body, .body_len = len,
		.paras = paras, .n_paras = 2, .sentences = sents, .n_sentences = 2,
	};
	struct entity_mention m[5];
	size_t from = 0;
	for (size_t i = 0; i < 5; i++) {
		size_t s = (size_t)(strstr(body + from, names[i].surface) - body);
		size_t e = s + strlen(names[i].surface);
		m[i] = (struct entity_mention){ s, e, s, e, names[i].type, (char *)names[i].surface, false, false };
		from = i == 2 ? split : e;
	}
	char hash[17];
	util_hash_hex(body, len, hash);
	struct store_article_in in = { .key = "a1", .source_hash = hash, .parsed = &a };
	enum store_put_result res;
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_article_put(st, &in, &art, &res), 0);
	assert_int_equal(store_mentions_put(st, art, &a, m, 5, false), 0);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(store_entities_rebuild(st), 0);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	st = open_lib();
	put_article();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(&st);
	static const char *const ends[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < 3; i++) {
		char *p = util_printf("%s/lib.db%s", dir, ends[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every row of the user's work, and which entity each name is in now, as
 * text: what an undo must give back exactly. */
static char *snapshot(struct store *on)
{
	static const char *const queries[] = {
		"SELECT * FROM annotation", "SELECT * FROM annotation_tag",
		"SELECT * FROM annotation_link", "SELECT * FROM tag", "SELECT * FROM correction",
		"SELECT f.type, f.norm, e.type, e.name, e.mentions FROM form f"
		" LEFT JOIN entity e ON e.id = f.entity",
	};
	struct buf out = { 0 };
	for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
		sqlite3_stmt *s;
		assert_int_equal(sqlite3_prepare_v2(store_db(on), queries[q], -1, &s, NULL), SQLITE_OK);
		char **rows = NULL;
		size_t n = 0, cap = 0;
		while (sqlite3_step(s) == SQLITE_ROW) {
			struct buf r = { 0 };
			for (int c = 0; c < sqlite3_column_count(s); c++) {
				const char *v = (const char *)sqlite3_column_text(s, c);
				buf_printf(&r, "%s%s", c ? "|" : "", v ? v : "NULL");
			}
			rows = util_grow(rows, &cap, n, sizeof *rows);
			assert_non_null(rows);
			rows[n++] = buf_steal(&r);
		}
		sqlite3_finalize(s);
		if (n)
			qsort(rows, n, sizeof *rows, cmp_str);
		buf_printf(&out, "%s:\n", queries[q]);
		for (size_t i = 0; i < n; i++) {
			buf_printf(&out, "  %s\n", rows[i] ? rows[i] : "");
			free(rows[i]);
		}
		free(rows);
	}
	return buf_steal(&out);
}

static void undo_ok(struct store *on, const char *kind)
{
	char *summary = NULL, *k = NULL, *err = NULL;
	int rc = store_journal_undo(on, &summary, &k, &err);
	if (rc != 1)
		fail_msg("undo: %d %s", rc, err ? err : "");
	if (kind)
		assert_string_equal(k, kind);
	free(summary);
	free(k);
	free(err);
}

static void redo_ok(struct store *on)
{
	char *summary = NULL, *k = NULL, *err = NULL;
	int rc = store_journal_redo(on, &summary, &k, &err);
	if (rc != 1)
		fail_msg("redo: %d %s", rc, err ? err : "");
	free(summary);
	free(k);
	free(err);
}

/* Undo gives back the rows before, redo the rows after, twice over. */
static void check_undo_redo(const char *before, const char *kind)
{
	char *after = snapshot(st);
	assert_string_not_equal(before, after);
	for (int round = 0; round < 2; round++) {
		undo_ok(st, kind);
		char *now = snapshot(st);
		assert_string_equal(now, before);
		free(now);
		redo_ok(st);
		now = snapshot(st);
		assert_string_equal(now, after);
		free(now);
	}
	free(after);
}

static char *annot(size_t start, size_t end, const char *tags)
{
	char *id = NULL, *err = NULL;
	if (store_annot_create(st, art, start, end, tags, NULL, NULL, &id, &err) < 0)
		fail_msg("%s", err);
	return id;
}

static char *first_id, *second_id;

static void test_annotation_create(void **state)
{
	(void)state;
	char *before = snapshot(st);
	first_id = annot(0, 14, "persone, russia");
	check_undo_redo(before, NULL);
	free(before);
}

static void test_note_colour_delete(void **state)
{
	(void)state;
	char *err = NULL;
	char *before = snapshot(st);
	assert_int_equal(store_annot_set_note(st, first_id, "il presidente", &err), 0);
	check_undo_redo(before, NULL);
	free(before);
	before = snapshot(st);
	assert_int_equal(store_annot_set_color(st, first_id, "blue", &err), 0);
	check_undo_redo(before, NULL);
	free(before);
	before = snapshot(st);
	assert_int_equal(store_annot_set_deleted(st, first_id, true, &err), 0);
	check_undo_redo(before, NULL);
	free(before);
	assert_int_equal(store_annot_set_deleted(st, first_id, false, &err), 0);
}

/* A load sets the connection up for bulk writes; the journal's
 * temporary table and triggers must outlive that (a PRAGMA temp_store
 * after them dropped them all, and the next change failed). */
static void test_journal_after_bulk_mode(void **state)
{
	(void)state;
	assert_int_equal(store_bulk_mode(st), 0);
	char *before = snapshot(st);
	char *id = annot(15, 30, "dopo");
	check_undo_redo(before, NULL);
	undo_ok(st, NULL);
	free(before);
	free(id);
}

static void test_link(void **state)
{
	(void)state;
	char *err = NULL;
	second_id = annot(24, 35, "persone");
	char *before = snapshot(st);
	if (store_annot_link(st, first_id, second_id, "follow-up", &err) < 0)
		fail_msg("%s", err);
	check_undo_redo(before, NULL);
	free(before);
}

static void test_tag_rename_and_merge(void **state)
{
	(void)state;
	char *err = NULL;
	char *before = snapshot(st);
	if (store_tag_rename(st, "russia", "Russia", &err) < 0)   /* a new name */
		fail_msg("%s", err);
	check_undo_redo(before, NULL);
	free(before);
	before = snapshot(st);
	if (store_tag_rename(st, "Russia", "persone", &err) < 0)  /* onto a tag in use */
		fail_msg("%s", err);
	check_undo_redo(before, NULL);
	free(before);
}

static int64_t entity_named(const char *name)
{
	int64_t id = 0;
	assert_int_equal(store_entity_find(st, name, &id), 1);
	return id;
}

static void test_entity_corrections(void **state)
{
	(void)state;
	char *err = NULL;
	char *before = snapshot(st);
	if (store_entity_correct(st, STORE_FIX_MERGE, entity_named("Kim Jong-un"), NULL,
	                         entity_named("Vladimir Putin"), 0, &err) < 0)
		fail_msg("%s", err);
	check_undo_redo(before, "merge");
	free(before);
	before = snapshot(st);
	if (store_entity_correct(st, STORE_FIX_SPLIT, entity_named("Putin"), "Kim Jong-un", 0, 0, &err) < 0)
		fail_msg("%s", err);
	/* The name split off is an entity of its own, with its one mention;
	 * the merged entity keeps the rest, "Kim" too. */
	struct store_entity e;
	assert_int_not_equal(entity_named("Kim Jong-un"), entity_named("Vladimir Putin"));
	assert_int_equal(store_entity_get(st, entity_named("Kim Jong-un"), &e), 1);
	assert_int_equal(e.mentions, 1);
	free(e.name);
	assert_int_equal(entity_named("Kim"), entity_named("Vladimir Putin"));
	check_undo_redo(before, "split");
	free(before);
	before = snapshot(st);
	if (store_entity_correct(st, STORE_FIX_RENAME, entity_named("Mosca"), "Mosca (città)", 0, 0, &err) < 0)
		fail_msg("%s", err);
	check_undo_redo(before, "rename");
	free(before);
}

/* The journal is in the library: closed and opened again, u still works. */
static void test_undo_after_reopen(void **state)
{
	(void)state;
	char *err = NULL;
	char *before = snapshot(st);
	assert_int_equal(store_annot_set_note(st, second_id, "dopo la chiusura", &err), 0);
	char *after = snapshot(st);
	store_close(&st);
	st = open_lib();
	char *reopened = snapshot(st);
	assert_string_equal(reopened, after);
	undo_ok(st, NULL);
	char *now = snapshot(st);
	assert_string_equal(now, before);
	free(before);
	free(after);
	free(reopened);
	free(now);
}

/* After an undo, a new change: nothing to redo, and the rows stay. */
static void test_new_change_drops_redo(void **state)
{
	(void)state;
	char *err = NULL, *summary = NULL, *kind = NULL;
	assert_int_equal(store_annot_set_note(st, second_id, "prima", &err), 0);
	undo_ok(st, NULL);
	assert_int_equal(store_annot_set_color(st, second_id, "green", &err), 0);
	char *before = snapshot(st);
	assert_int_equal(store_journal_redo(st, &summary, &kind, &err), 0);
	char *now = snapshot(st);
	assert_string_equal(now, before);
	free(before);
	free(now);
	free(summary);
	free(kind);
	free(err);
}

/* Another connection changed the note since: the undo is refused with a
 * message, and nothing changes. */
static void test_undo_refused_after_other_change(void **state)
{
	(void)state;
	char *err = NULL, *summary = NULL, *kind = NULL;
	assert_int_equal(store_annot_set_note(st, first_id, "mia", &err), 0);
	struct store *other = open_lib();
	char *sql = util_printf("UPDATE annotation SET note = 'altrui' WHERE id = '%s'", first_id);
	assert_int_equal(sqlite3_exec(store_db(other), sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	store_close(&other);
	char *before = snapshot(st);
	assert_int_equal(store_journal_undo(st, &summary, &kind, &err), -1);
	assert_non_null(err);
	assert_null(strchr(err, '\n'));
	char *now = snapshot(st);
	assert_string_equal(now, before);
	assert_non_null(strstr(now, "altrui"));
	free(before);
	free(now);
	free(summary);
	free(kind);
	free(err);
	free(first_id);
	free(second_id);
}

static int64_t journal_entries(void)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(store_db(st), "SELECT count(*) FROM journal", -1, &s,
	                                    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* New tags, then none: each one entry, undone and redone exactly; the
 * same tags again change nothing and make no entry. */
static void test_retag(void **state)
{
	(void)state;
	char *err = NULL;
	char *id = annot(46, 51, "uno, due");
	char *before = snapshot(st);
	if (store_annot_retag(st, id, " due, tre , nuovo/sotto", &err) < 0)
		fail_msg("%s", err);
	check_undo_redo(before, "tags");
	free(before);
	int64_t n = journal_entries();
	assert_int_equal(store_annot_retag(st, id, "nuovo/sotto,tre,due", &err), 0);
	assert_int_equal(journal_entries(), n);
	before = snapshot(st);
	assert_int_equal(store_annot_retag(st, id, "", &err), 0);
	char *now = snapshot(st);
	assert_non_null(strstr(now, id));  /* the annotation stays */
	free(now);
	check_undo_redo(before, "tags");
	free(before);
	assert_int_equal(store_annot_retag(st, "urn:uuid:00000000-0000-4000-8000-000000000000", "x",
	                                   &err), -2);
	assert_non_null(err);
	free(err);
	free(id);
}

static int anchor_live(const char *id)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(store_db(st), "SELECT deleted IS NULL FROM annotation"
	                                    " WHERE id = ?1", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int live = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return live;
}

/* A link between two annotations, removed from the end it was not made
 * from; a bare anchor goes with its last link, not before. */
static void test_unlink(void **state)
{
	(void)state;
	char *err = NULL, *end = NULL;
	char *a = annot(52, 53, "e"), *b = annot(54, 57, "kim");
	assert_int_equal(store_annot_link(st, a, b, "same claim", &err), 0);
	char *before = snapshot(st);
	if (store_annot_unlink(st, b, a, &err) < 0)
		fail_msg("%s", err);
	check_undo_redo(before, "unlink");
	free(before);
	assert_int_equal(store_annot_unlink(st, a, b, &err), -2);
	free(err);
	assert_int_equal(store_annot_at(st, art, 58, 72, &end, &err), 1);
	assert_int_equal(store_annot_link(st, a, end, "follow-up", &err), 0);
	assert_int_equal(store_annot_link(st, b, end, "contradicts", &err), 0);
	before = snapshot(st);
	assert_int_equal(store_annot_unlink(st, a, end, &err), 0);
	assert_true(anchor_live(end));          /* b still uses it */
	check_undo_redo(before, "unlink");
	free(before);
	before = snapshot(st);
	assert_int_equal(store_annot_unlink(st, end, b, &err), 0);
	assert_false(anchor_live(end));         /* its last link: it goes */
	check_undo_redo(before, "unlink");
	free(before);
	free(a);
	free(b);
	free(end);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_annotation_create),
		cmocka_unit_test(test_note_colour_delete),
		cmocka_unit_test(test_journal_after_bulk_mode),
		cmocka_unit_test(test_link),
		cmocka_unit_test(test_tag_rename_and_merge),
		cmocka_unit_test(test_entity_corrections),
		cmocka_unit_test(test_undo_after_reopen),
		cmocka_unit_test(test_new_change_drops_redo),
		cmocka_unit_test(test_undo_refused_after_other_change),
		cmocka_unit_test(test_retag),
		cmocka_unit_test(test_unlink),
	};
	return cmocka_run_group_tests_name("journal", tests, setup, teardown);
}
