/*
 * test_store_entity.c: the entity index in a library file: mentions
 * written per article, entities rebuilt over the corpus, counts, mentions
 * in context sorted by date, stepping from mention to mention across
 * articles, co-occurrence, and corrections that survive re-extraction.
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

#include "margo/store_entity.h"
#include "margo/store_journal.h"
#include "margo/util.h"

static char dir[] = "/tmp/margo-entity-XXXXXX";
static struct store *st;

/* An article of one paragraph per string, with mentions given as
 * "surface=TYPE:norm" found by search in the body. */
struct spec {
	const char *date;
	const char *paras[3];
	const char *mentions[6];
};

/* Write one article and its mentions inside the open transaction: the
 * store functions' results. */
static int put_in_transaction(const char *key, const struct spec *sp, int64_t *id_out)
{
	struct buf body = { 0 };
	struct corpus_para paras[3];
	struct corpus_span sents[3];
	size_t np = 0;
	for (size_t i = 0; i < 3 && sp->paras[i]; i++) {
		if (np)
			buf_puts(&body, "\n\n");
		size_t s = body.len;
		buf_puts(&body, sp->paras[i]);
		/* ASCII only here: bytes and code points agree. */
		sents[np] = (struct corpus_span){ s, body.len, s, body.len };
		paras[np] = (struct corpus_para){ sents[np], CORPUS_PARA_BODY, np, 1 };
		np++;
	}
	struct corpus_article a = {
		.title = (char *)key, .date = (char *)sp->date, .body = body.data,
		.body_len = body.len, .paras = paras, .n_paras = np,
		.sentences = sents, .n_sentences = np,
	};
	struct entity_mention m[6];
	size_t nm = 0;
	size_t from = 0;
	for (size_t i = 0; i < 6 && sp->mentions[i]; i++) {
		const char *spec = sp->mentions[i], *eq = strchr(spec, '='), *colon = strchr(eq, ':');
		char *surface = util_strndup(spec, (size_t)(eq - spec));
		char *type = util_strndup(eq + 1, (size_t)(colon - eq - 1));
		const char *at = strstr(body.data + from, surface);
		assert_non_null(at);
		size_t s = (size_t)(at - body.data);
		m[nm] = (struct entity_mention){ s, s + strlen(surface), s, s + strlen(surface),
		                                 (enum entity_type)entity_type_parse(type),
		                                 (char *)(colon + 1), false, false };
		from = s + strlen(surface);
		nm++;
		free(surface);
		free(type);
	}
	char hash[17];
	util_hash_hex(body.data, body.len, hash);
	struct store_article_in in = { .key = key, .source_hash = hash, .parsed = &a };
	enum store_put_result res;
	int rc = store_article_put(st, &in, id_out, &res);
	if (rc == 0)
		rc = store_mentions_put(st, *id_out, &a, m, nm, false);
	buf_free(&body);
	return rc;
}

static int64_t put_article(const char *key, const struct spec *sp)
{
	int64_t id;
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(put_in_transaction(key, sp, &id), 0);
	assert_int_equal(store_commit(st), 0);
	return id;
}

static const struct spec art1 = {
	"2024-06",
	{ "Il presidente Vladimir Putin ha visto Kim Jong-un a Pyongyang.",
	  "Putin e Kim hanno firmato un trattato." },
	{ "Vladimir Putin=PER:Vladimir Putin", "Kim Jong-un=PER:Kim Jong-un",
	  "Pyongyang=LOC:Pyongyang", "Putin=PER:Putin", "Kim=PER:Kim" },
};
static const struct spec art2 = {
	"2023-09",
	{ "A Mosca Putin ha parlato con Andrei Belousov.", "La Nato protesta." },
	{ "Mosca=LOC:Mosca", "Putin=PER:Putin", "Andrei Belousov=PER:Andrei Belousov",
	  "Nato=ORG:Nato" },
};
static const struct spec art3 = {
	NULL,
	{ "Andrey Belousov e la NATO.", "Belousov ha visitato Pyongyang con Putin." },
	{ "Andrey Belousov=PER:Andrey Belousov", "NATO=ORG:NATO", "Belousov=PER:Belousov",
	  "Pyongyang=LOC:Pyongyang", "Putin=PER:Putin" },
};

static int64_t a1, a2, a3;

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	char *path = util_printf("%s/lib.db", dir), *err = NULL;
	int rc = store_open(path, STORE_OPEN_WRITE, &st, &err);
	free(path);
	free(err);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	char *path = util_printf("%s/lib.db", dir);
	store_close(&st);
	unlink(path);
	free(path);
	path = util_printf("%s/lib.db-wal", dir);
	unlink(path);
	free(path);
	path = util_printf("%s/lib.db-shm", dir);
	unlink(path);
	free(path);
	rmdir(dir);
	return 0;
}

static int64_t article_id(const char *key)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(store_db(st), "SELECT id FROM article WHERE key = ?1",
	                                    -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return id;
}

static int64_t entity_named(const char *name)
{
	int64_t id = 0;
	assert_int_equal(store_entity_find(st, name, &id), 1);
	return id;
}

static void test_rebuild_clusters_the_corpus(void **state)
{
	(void)state;
	a1 = put_article("a1", &art1);
	a2 = put_article("a2", &art2);
	a3 = put_article("a3", &art3);
	assert_int_equal(store_entities_rebuild(st), 0);
	struct store_entity *e;
	size_t n;
	assert_int_equal(store_entities_of(st, 0, &e, &n), 0);
	/* Putin, Kim Jong-un, Belousov, Pyongyang, Mosca, Nato. */
	assert_int_equal(n, 6);
	int64_t putin = entity_named("Putin");
	assert_int_equal(entity_named("vladimir putin"), putin);
	struct store_entity one;
	assert_int_equal(store_entity_get(st, putin, &one), 1);
	assert_string_equal(one.name, "Vladimir Putin");
	assert_int_equal(one.mentions, 4);
	assert_int_equal(one.articles, 3);
	free(one.name);
	assert_int_equal(entity_named("Andrey Belousov"), entity_named("Belousov"));
	assert_int_equal(entity_named("NATO"), entity_named("Nato"));
	store_entities_free(e, n);

	/* The sidebar of article 1: people first, most mentioned first. */
	assert_int_equal(store_entities_of(st, a1, &e, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(e[0].name, "Vladimir Putin");
	assert_int_equal(e[0].here, 2);
	assert_int_equal(e[1].type, ENTITY_PER);
	assert_int_equal(e[2].type, ENTITY_LOC);
	store_entities_free(e, n);
}

static void test_mentions_in_context_by_date(void **state)
{
	(void)state;
	struct store_mention *m;
	size_t n;
	assert_int_equal(store_entity_mentions(st, entity_named("Putin"), 12, &m, &n), 0);
	assert_int_equal(n, 4);
	/* 2023-09 first, then 2024-06, then the undated article. */
	assert_int_equal(m[0].article, a2);
	assert_int_equal(m[1].article, a1);
	assert_int_equal(m[3].article, a3);
	assert_string_equal(m[1].text, "Vladimir Putin");
	assert_string_equal(m[1].left, " presidente ");  /* 12 code points */
	assert_string_equal(m[1].right, " ha visto Ki");
	assert_string_equal(m[2].left, "");              /* paragraph start */
	assert_int_equal(m[2].para, 1);
	assert_string_equal(m[0].title, "a2");
	assert_string_equal(m[0].date, "2023-09");
	store_mentions_free(m, n);
}

static void test_step_across_articles(void **state)
{
	(void)state;
	int64_t putin = entity_named("Putin");
	struct store_mention m;
	bool wrapped;
	assert_int_equal(store_mention_step(st, putin, a1, 0, 1, &m, &wrapped), 1);
	assert_int_equal(m.article, a1);
	assert_false(wrapped);
	size_t first = m.start;
	assert_int_equal(store_mention_step(st, putin, a1, first, 1, &m, &wrapped), 1);
	assert_int_equal(m.article, a1);
	assert_true(m.start > first);
	assert_int_equal(store_mention_step(st, putin, a1, m.start, 1, &m, &wrapped), 1);
	assert_int_equal(m.article, a2);
	assert_int_equal(store_mention_step(st, putin, a3, 9999, 1, &m, &wrapped), 1);
	assert_int_equal(m.article, a1);  /* past the last: around to the first */
	assert_true(wrapped);
	assert_int_equal(store_mention_step(st, putin, a1, first, -1, &m, &wrapped), 1);
	assert_int_equal(m.article, a3);
	assert_true(wrapped);
}

static void test_cooccurring(void **state)
{
	(void)state;
	struct store_entity *e;
	size_t n;
	assert_int_equal(store_entity_cooccurring(st, entity_named("Putin"), 10, &e, &n), 0);
	assert_true(n >= 3);
	/* Belousov, Kim and Pyongyang share two paragraphs each with Putin
	 * (the most mentioned first, then by name); Mosca and Nato one. */
	assert_string_equal(e[0].name, "Andrei Belousov");
	assert_int_equal(e[0].here, 2);
	assert_string_equal(e[1].name, "Kim Jong-un");
	assert_int_equal(e[1].here, 2);
	assert_string_equal(e[2].name, "Pyongyang");
	assert_int_equal(e[2].here, 2);
	assert_int_equal(e[3].here, 1);
	store_entities_free(e, n);
}

static void test_corrections_last(void **state)
{
	(void)state;
	char *err = NULL;
	int64_t putin = entity_named("Putin");
	if (store_entity_correct(st, STORE_FIX_RENAME, putin, "V. V. Putin", 0, 0, &err) < 0)
		fail_msg("%s", err);
	assert_int_equal(store_entity_correct(st, STORE_FIX_REJECT, entity_named("Mosca"), NULL, 0, 0, &err), 0);
	assert_int_equal(store_entity_correct(st, STORE_FIX_RETYPE, entity_named("Pyongyang"), NULL, 0,
	                                      ENTITY_ORG, &err), 0);
	assert_int_equal(store_entity_correct(st, STORE_FIX_SPLIT, entity_named("Kim Jong-un"), "Kim", 0, 0, &err), 0);
	assert_int_equal(store_entity_correct(st, STORE_FIX_MERGE, entity_named("Nato"), NULL,
	                                      entity_named("Belousov"), 0, &err), 0);
	assert_int_equal(store_entity_correct(st, STORE_FIX_SPLIT, putin, "Nobody", 0, 0, &err), -1);
	assert_non_null(strstr(err, "not a name of this entity"));
	free(err);

	/* Re-extraction: article 1 written again, then a rebuild. */
	put_article("a1-again", &art1);
	assert_int_equal(store_entities_rebuild(st), 0);
	struct store_entity e;
	assert_int_equal(store_entity_get(st, entity_named("Putin"), &e), 1);
	assert_string_equal(e.name, "V. V. Putin");
	free(e.name);
	int64_t id;
	assert_int_equal(store_entity_find(st, "Mosca", &id), 0);
	assert_int_equal(store_entity_get(st, entity_named("Pyongyang"), &e), 1);
	assert_int_equal(e.type, ENTITY_ORG);
	free(e.name);
	assert_int_not_equal(entity_named("Kim"), entity_named("Kim Jong-un"));
	assert_int_equal(entity_named("Nato"), entity_named("Belousov"));
}

/* The number of mentions `margo mentions` lists for the entity named so,
 * each of them with the text `text` when that is given. */
static size_t mentions_of(const char *name, const char *text)
{
	struct store_mention *m;
	size_t n;
	assert_int_equal(store_entity_mentions(st, entity_named(name), 0, &m, &n), 0);
	for (size_t i = 0; text && i < n; i++)
		assert_string_equal(m[i].text, text);
	store_mentions_free(m, n);
	return n;
}

static const struct spec gov1 = {
	"2022-10",
	{ "Giorgia Meloni ha incontrato Mario Draghi.", "Poi Meloni ha parlato." },
	{ "Giorgia Meloni=PER:Giorgia Meloni", "Mario Draghi=PER:Mario Draghi", "Meloni=PER:Meloni" },
};
static const struct spec gov2 = {
	"2022-11",
	{ "Draghi lascia, Giorgia Meloni arriva.", "Giorgia Meloni giura." },
	{ "Draghi=PER:Draghi", "Giorgia Meloni=PER:Giorgia Meloni", "Giorgia Meloni=PER:Giorgia Meloni" },
};

/* A name split off an entity takes its mentions with it, also when it is
 * the name an earlier merge was recorded under; the rest of the entity
 * (what was joined through the name) stays; re-extraction, undo and redo
 * agree. */
static void test_split_moves_the_mentions(void **state)
{
	(void)state;
	char *err = NULL, *summary = NULL, *kind = NULL;
	put_article("gov1", &gov1);
	put_article("gov2", &gov2);
	assert_int_equal(store_entities_rebuild(st), 0);
	assert_int_equal(entity_named("Meloni"), entity_named("Giorgia Meloni"));
	/* Meloni (with "Meloni") merged into Draghi, then "Giorgia Meloni" split off. */
	assert_int_equal(store_entity_correct(st, STORE_FIX_MERGE, entity_named("Giorgia Meloni"), NULL,
	                                      entity_named("Mario Draghi"), 0, &err), 0);
	assert_int_equal(mentions_of("Mario Draghi", NULL), 6);
	if (store_entity_correct(st, STORE_FIX_SPLIT, entity_named("Mario Draghi"), "Giorgia Meloni",
	                         0, 0, &err) < 0)
		fail_msg("%s", err);
	assert_int_not_equal(entity_named("Giorgia Meloni"), entity_named("Mario Draghi"));
	assert_int_equal(mentions_of("Giorgia Meloni", "Giorgia Meloni"), 3);
	assert_int_equal(mentions_of("Mario Draghi", NULL), 3);   /* Mario Draghi, Draghi, Meloni */
	assert_int_equal(entity_named("Meloni"), entity_named("Mario Draghi"));
	struct store_entity e;
	assert_int_equal(store_entity_get(st, entity_named("Giorgia Meloni"), &e), 1);
	assert_int_equal(e.mentions, 3);
	assert_int_equal(e.articles, 2);
	free(e.name);
	/* The sidebar of gov2 counts them apart. */
	struct store_entity *side;
	size_t n;
	assert_int_equal(store_entities_of(st, article_id("gov2"), &side, &n), 0);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(side[i].here, strcmp(side[i].name, "Giorgia Meloni") == 0 ? 2 : 1);
	store_entities_free(side, n);

	/* Re-extraction. */
	put_article("gov1", &gov1);
	assert_int_equal(store_entities_rebuild(st), 0);
	assert_int_equal(mentions_of("Giorgia Meloni", "Giorgia Meloni"), 3);
	assert_int_equal(mentions_of("Mario Draghi", NULL), 3);

	/* Undo gives the mentions back to the merged entity, redo takes them. */
	assert_int_equal(store_journal_undo(st, &summary, &kind, &err), 1);
	assert_string_equal(kind, "split");
	free(summary);
	free(kind);
	assert_int_equal(entity_named("Giorgia Meloni"), entity_named("Mario Draghi"));
	assert_int_equal(mentions_of("Mario Draghi", NULL), 6);
	assert_int_equal(store_journal_redo(st, &summary, &kind, &err), 1);
	free(summary);
	free(kind);
	assert_int_equal(mentions_of("Giorgia Meloni", "Giorgia Meloni"), 3);
	assert_int_equal(mentions_of("Mario Draghi", NULL), 3);
}

/* Splitting the name of a one-key entity ("PUTIN" off "Putin") makes two
 * entities, not one written twice. */
static void test_split_a_variant_of_the_same_key(void **state)
{
	(void)state;
	static const struct spec caps = {
		NULL, { "ZELENSKY parla. Zelensky risponde. Zelensky tace." },
		{ "ZELENSKY=PER:ZELENSKY", "Zelensky=PER:Zelensky", "Zelensky=PER:Zelensky" },
	};
	char *err = NULL;
	put_article("caps", &caps);
	assert_int_equal(store_entities_rebuild(st), 0);
	assert_int_equal(entity_named("ZELENSKY"), entity_named("Zelensky"));
	if (store_entity_correct(st, STORE_FIX_SPLIT, entity_named("Zelensky"), "ZELENSKY", 0, 0, &err) < 0)
		fail_msg("%s", err);
	struct store_entity *side;
	size_t n;
	assert_int_equal(store_entities_of(st, article_id("caps"), &side, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(side[0].here, 2);
	assert_int_equal(side[1].here, 1);
	assert_int_not_equal(side[0].id, side[1].id);
	store_entities_free(side, n);
}

/* A second handle on the test library, as another process has. */
static struct store *open_again(void)
{
	char *path = util_printf("%s/lib.db", dir), *err = NULL;
	struct store *other = NULL;
	assert_int_equal(store_open(path, STORE_OPEN_WRITE, &other, &err), 0);
	free(path);
	free(err);
	return other;
}

/* The norm of the form of article `key`'s first mention, through `on`. */
static char *first_form(struct store *on, const char *key)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(store_db(on),
	                 "SELECT f.norm FROM mention m JOIN form f ON f.id = m.form"
	                 " JOIN article a ON a.id = m.article WHERE a.key = ?1 AND m.n = 0",
	                 -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	char *norm = util_strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return norm;
}

/* A loader remembers form ids from one transaction to the next; when
 * another process deletes a form in between (a rebuild removes the forms
 * no mention uses) and its id is given to a new form, the loader must not
 * point a mention at the new one. */
static void test_forms_remembered_only_while_nobody_else_writes(void **state)
{
	(void)state;
	static const struct spec zorro = { NULL, { "Zorro a cavallo." }, { "Zorro=PER:Zorro" } };
	static const struct spec other = { NULL, { "Bernardo muto." }, { "Bernardo=PER:Bernardo" } };
	put_article("cache-1", &zorro);
	struct store *st2 = open_again();
	/* The other process: drops the article, rebuilds (Zorro's form
	 * goes), and adds a form that takes the freed id. */
	assert_int_equal(sqlite3_exec(store_db(st2), "DELETE FROM article WHERE key = 'cache-1'",
	                              NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_entities_rebuild(st2), 0);
	struct store *mine = st;
	st = st2;
	put_article("cache-other", &other);
	st = mine;
	/* This loader, again: its Zorro is Zorro. */
	put_article("cache-2", &zorro);
	char *norm = first_form(st, "cache-2");
	assert_string_equal(norm, "Zorro");
	free(norm);
	norm = first_form(st2, "cache-other");
	assert_string_equal(norm, "Bernardo");
	free(norm);
	store_close(&st2);
}

/* A rebuild is needed only when some article's forms changed; the need
 * is kept in the library until a rebuild meets it. */
static void test_rebuild_needed_only_when_forms_change(void **state)
{
	(void)state;
	static const struct spec riding = { NULL, { "Diego de la Vega a cavallo." },
	                                    { "Diego de la Vega=PER:Diego de la Vega" } };
	static const struct spec walking = { NULL, { "Diego de la Vega a piedi, poi a cena." },
	                                     { "Diego de la Vega=PER:Diego de la Vega" } };
	static const struct spec twice = { NULL, { "Diego de la Vega e ancora Diego de la Vega." },
	                                   { "Diego de la Vega=PER:Diego de la Vega",
	                                     "Diego de la Vega=PER:Diego de la Vega" } };
	put_article("stale-1", &riding);
	assert_int_equal(store_entities_stale(st), 1);
	assert_int_equal(store_entities_rebuild(st), 0);
	assert_int_equal(store_entities_stale(st), 0);
	/* Another text, the same forms: nothing to rebuild. */
	put_article("stale-1", &walking);
	assert_int_equal(store_entities_stale(st), 0);
	/* The same form twice: its count changed. */
	put_article("stale-1", &twice);
	assert_int_equal(store_entities_stale(st), 1);
	/* A second handle (the next load) sees it too. */
	struct store *st2 = open_again();
	assert_int_equal(store_entities_stale(st2), 1);
	assert_int_equal(store_entities_rebuild(st2), 0);
	assert_int_equal(store_entities_stale(st), 0);
	store_close(&st2);
	/* A mark undone by a rollback is written again by the next change. */
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_mark_entities_stale(st), 0);
	assert_int_equal(store_rollback(st), 0);
	assert_int_equal(store_entities_stale(st), 0);
	put_article("stale-1", &riding);
	assert_int_equal(store_entities_stale(st), 1);
	assert_int_equal(store_entities_rebuild(st), 0);
	/* The same inside one transaction, by a savepoint's rollback. */
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_savepoint(st), 0);
	assert_int_equal(store_mark_entities_stale(st), 0);
	assert_int_equal(store_entities_stale(st), 1);
	assert_int_equal(store_savepoint_rollback(st), 0);
	assert_int_equal(store_entities_stale(st), 0);
	assert_int_equal(store_mark_entities_stale(st), 0);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(store_entities_stale(st), 1);
	assert_int_equal(store_entities_rebuild(st), 0);
}

/* An article rolled back to its savepoint takes the forms it made with
 * it: the next article naming them must make them again, not point at
 * ids that are gone. */
static void test_forms_of_a_rolled_back_article(void **state)
{
	(void)state;
	static const struct spec first = { NULL, { "Bernardo Nuovo parla." },
	                                   { "Bernardo Nuovo=PER:Bernardo Nuovo" } };
	static const struct spec second = { NULL, { "Ancora Bernardo Nuovo." },
	                                    { "Bernardo Nuovo=PER:Bernardo Nuovo" } };
	int64_t id;
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_savepoint(st), 0);
	assert_int_equal(put_in_transaction("rolled-1", &first, &id), 0);
	assert_int_equal(store_savepoint_rollback(st), 0);
	assert_int_equal(store_savepoint(st), 0);
	assert_int_equal(put_in_transaction("rolled-2", &second, &id), 0);
	assert_int_equal(store_savepoint_release(st), 0);
	assert_int_equal(store_commit(st), 0);
	char *norm = first_form(st, "rolled-2");
	assert_string_equal(norm, "Bernardo Nuovo");
	free(norm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rebuild_clusters_the_corpus),
		cmocka_unit_test(test_mentions_in_context_by_date),
		cmocka_unit_test(test_step_across_articles),
		cmocka_unit_test(test_cooccurring),
		cmocka_unit_test(test_corrections_last),
		cmocka_unit_test(test_split_moves_the_mentions),
		cmocka_unit_test(test_split_a_variant_of_the_same_key),
		cmocka_unit_test(test_forms_remembered_only_while_nobody_else_writes),
		cmocka_unit_test(test_rebuild_needed_only_when_forms_change),
		cmocka_unit_test(test_forms_of_a_rolled_back_article),
	};
	return cmocka_run_group_tests_name("store_entity", tests, setup, teardown);
}
