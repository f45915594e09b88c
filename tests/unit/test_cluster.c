/*
 * test_cluster.c: names of a corpus grouped into entities: surnames,
 * transliterations, case variants and acronyms join; ambiguous surnames do
 * not; the user's corrections (reject, split, retype, merge, rename) win.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "margo/entity.h"

#define FORM(t, s, c) { ENTITY_##t, s, c, false, false, 0, -1, 0, false }

static struct entity_cluster_out *clusters;
static size_t n_clusters;

static void run(struct entity_form *f, size_t n, const struct entity_merge *m, size_t nm,
                const struct entity_rename *r, size_t nr)
{
	assert_int_equal(entity_cluster(f, n, m, nm, r, nr, &clusters, &n_clusters), 0);
}

static int teardown(void **state)
{
	(void)state;
	entity_clusters_free(clusters, n_clusters);
	clusters = NULL;
	n_clusters = 0;
	return 0;
}

static const char *name_of(const struct entity_form *f)
{
	return f->cluster == SIZE_MAX ? "(none)" : clusters[f->cluster].name;
}

static void test_keys(void **state)
{
	(void)state;
	const char *pairs[][2] = {
		{ "Andrey Belousov", "Andrei Belousov" },
		{ "Sergei Shoigu", "Serghei Shoigu" },
		{ "Sergey Shoigu", "Sergej Shoigu" },
		{ "Dmitry Peskov", "Dmitri Peskov" },
		{ "Dmitrij Medvedev", "Dmitry Medvedev" },
		{ "Mikhail Gorbaciov", "Michail Gorbaciov" },
		{ "Kim Jong-un", "Kim Jong Un" },
		{ "Aleksei Navalny", "Alexei Navalny" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		char *a = entity_key(ENTITY_PER, pairs[i][0]), *b = entity_key(ENTITY_PER, pairs[i][1]);
		if (strcmp(a, b) != 0)
			fail_msg("\"%s\" -> \"%s\" but \"%s\" -> \"%s\"", pairs[i][0], a, pairs[i][1], b);
		free(a);
		free(b);
	}
	char *k = entity_key(ENTITY_ORG, "N.A.T.O.");
	char *l = entity_key(ENTITY_ORG, "NATO");
	assert_string_equal(k, l);
	free(k);
	free(l);
	k = entity_key(ENTITY_LOC, "Città del Vaticano");
	assert_string_equal(k, "citta del vaticano");
	free(k);
	/* Different people stay different. */
	k = entity_key(ENTITY_PER, "Andrea Rossi");
	l = entity_key(ENTITY_PER, "Andrei Rossi");
	assert_string_not_equal(k, l);
	free(k);
	free(l);
}

static void test_people_join(void **state)
{
	(void)state;
	struct entity_form f[] = {
		FORM(PER, "Vladimir Putin", 5), FORM(PER, "Putin", 30),
		FORM(PER, "Kim Jong-un", 8), FORM(PER, "Kim", 12),
		FORM(PER, "Andrey Belousov", 1), FORM(PER, "Andrei Belousov", 1), FORM(PER, "Belousov", 2),
		FORM(PER, "Serghei Shoigu", 1), FORM(PER, "Sergei Shoigu", 2),
		FORM(PER, "Dmitry Peskov", 1),
	};
	run(f, 10, NULL, 0, NULL, 0);
	assert_int_equal(n_clusters, 5);
	assert_int_equal(f[0].cluster, f[1].cluster);
	assert_string_equal(name_of(&f[1]), "Vladimir Putin");
	assert_int_equal(clusters[f[1].cluster].count, 35);
	assert_int_equal(clusters[f[1].cluster].type, ENTITY_PER);
	assert_int_equal(f[2].cluster, f[3].cluster);
	assert_string_equal(name_of(&f[3]), "Kim Jong-un");
	assert_int_equal(f[4].cluster, f[5].cluster);
	assert_int_equal(f[4].cluster, f[6].cluster);
	assert_int_equal(f[7].cluster, f[8].cluster);
	assert_string_equal(name_of(&f[7]), "Sergei Shoigu");  /* the commoner spelling */
	assert_int_not_equal(f[9].cluster, f[0].cluster);
}

static void test_ambiguous_surname_stays_alone(void **state)
{
	(void)state;
	struct entity_form f[] = {
		FORM(PER, "Kim Jong-un", 8), FORM(PER, "Kim Yo-jong", 3), FORM(PER, "Kim", 12),
	};
	run(f, 3, NULL, 0, NULL, 0);
	assert_int_equal(n_clusters, 3);
	assert_string_equal(name_of(&f[2]), "Kim");
	/* kept apart, it lists the two people it fits; they list none */
	const struct entity_cluster_out *kim = &clusters[f[2].cluster];
	assert_int_equal(kim->n_fits, 2);
	assert_true((kim->fits[0] == f[0].cluster && kim->fits[1] == f[1].cluster) ||
	            (kim->fits[0] == f[1].cluster && kim->fits[1] == f[0].cluster));
	assert_int_equal(clusters[f[0].cluster].n_fits, 0);
	assert_null(clusters[f[1].cluster].fits);
}

/* A first name alone (struct entity_form.first_name_only). */
#define FIRST_NAME(s, c) { ENTITY_PER, s, c, false, false, 0, -1, 0, true }

/* The user's word wins: a bare name the user renamed is not marked, nor
 * one whose entity took part in a merge; one person it fits is no choice. */
static void test_kept_apart_corrected_or_alone(void **state)
{
	(void)state;
	struct entity_form f[] = {
		FORM(PER, "Kim Jong-un", 8), FORM(PER, "Kim Yo-jong", 3), FORM(PER, "Kim", 12),
	};
	struct entity_rename r = { 2, "Kim (?)" };
	run(f, 3, NULL, 0, &r, 1);
	assert_string_equal(name_of(&f[2]), "Kim (?)");
	assert_int_equal(clusters[f[2].cluster].n_fits, 0);
	entity_clusters_free(clusters, n_clusters);
	clusters = NULL;
	n_clusters = 0;
	struct entity_merge m = { 2, 1 };
	run(f, 3, &m, 1, NULL, 0);
	assert_int_equal(n_clusters, 2);
	assert_int_equal(clusters[f[2].cluster].n_fits, 0);
	entity_clusters_free(clusters, n_clusters);
	clusters = NULL;
	n_clusters = 0;
	struct entity_form g[] = {
		FORM(PER, "Francesco Rossi", 2), FIRST_NAME("Francesco", 3),
	};
	run(g, 2, NULL, 0, NULL, 0);
	assert_int_equal(n_clusters, 2);
	assert_int_equal(clusters[g[1].cluster].n_fits, 0);
}

/* A first name alone: "Francesco Rossi" named in one article, "Francesco
 * Bianchi" in another, a bare "Francesco" in a third that names neither. */
static void test_first_name_alone_joins_no_one(void **state)
{
	(void)state;
	struct entity_form f[] = {
		FORM(PER, "Francesco Rossi", 2), FORM(PER, "Francesco Bianchi", 2),
		FIRST_NAME("Francesco", 3),
	};
	run(f, 3, NULL, 0, NULL, 0);
	assert_int_equal(n_clusters, 3);
	assert_string_equal(name_of(&f[2]), "Francesco");
	assert_int_equal(clusters[f[2].cluster].count, 3);
}

/* Even with one Francesco in full in the whole corpus, a bare "Francesco"
 * is not taken to be him; a surname still joins, and so does a first name
 * that is the last word of the longer name ("papa Francesco"). */
static void test_first_name_alone_not_joined_by_first_word(void **state)
{
	(void)state;
	struct entity_form f[] = {
		FORM(PER, "Francesco Rossi", 2), FIRST_NAME("Francesco", 3), FORM(PER, "Rossi", 4),
		FORM(PER, "Benedetto XVI", 5), FORM(PER, "Benedetto", 1),
		FORM(PER, "Jorge Bergoglio", 1), FORM(PER, "Papa Giovanni", 2),
		FIRST_NAME("Giovanni", 1),
	};
	run(f, 8, NULL, 0, NULL, 0);
	assert_int_not_equal(f[1].cluster, f[0].cluster);
	assert_string_equal(name_of(&f[1]), "Francesco");
	assert_int_equal(f[2].cluster, f[0].cluster);
	assert_int_equal(f[4].cluster, f[3].cluster);  /* not marked: joins as before */
	assert_int_equal(f[7].cluster, f[6].cluster);  /* by the last word */
}

static void test_case_acronyms_and_types(void **state)
{
	(void)state;
	struct entity_form f[] = {
		FORM(ORG, "NATO", 4), FORM(ORG, "Nato", 9),
		FORM(ORG, "Parliamentary Assembly of the Council of Europe", 1), FORM(ORG, "PACE", 3),
		FORM(LOC, "Roma", 10), FORM(ORG, "Roma", 2),
		FORM(DATE, "2024-06", 2), FORM(LOC, "Stati Uniti", 4),
		FORM(ORG, "Ue", 3),
	};
	run(f, 9, NULL, 0, NULL, 0);
	assert_int_equal(f[0].cluster, f[1].cluster);
	assert_string_equal(name_of(&f[0]), "Nato");
	assert_int_equal(f[2].cluster, f[3].cluster);
	assert_string_equal(name_of(&f[3]), "PACE");
	assert_int_equal(f[4].cluster, f[5].cluster);
	assert_int_equal(clusters[f[5].cluster].type, ENTITY_LOC);  /* the commoner type */
	assert_string_equal(name_of(&f[6]), "2024-06");
	assert_int_equal(clusters[f[6].cluster].type, ENTITY_DATE);
	/* "Ue" is not written in capitals: no initials join by accident. */
	assert_int_not_equal(f[8].cluster, f[7].cluster);
}

static void test_corrections(void **state)
{
	(void)state;
	struct entity_form f[] = {
		FORM(PER, "Vladimir Putin", 5), FORM(PER, "Putin", 30),
		FORM(LOC, "Cremlino", 6), FORM(PER, "Peskov", 2),
		FORM(ORG, "Questa", 1), FORM(LOC, "Mosca", 7),
	};
	f[1].split = true;      /* the user split "Putin" off */
	f[4].rejected = true;   /* and rejected "Questa" */
	f[2].retype = ENTITY_ORG;
	struct entity_merge m[] = { { 3, 0 } };             /* Peskov into Vladimir Putin (a test) */
	struct entity_rename r[] = { { 5, "Mosca (città)" } };
	run(f, 6, m, 1, r, 1);
	assert_int_not_equal(f[0].cluster, f[1].cluster);
	assert_int_equal(f[4].cluster, SIZE_MAX);
	assert_int_equal(clusters[f[2].cluster].type, ENTITY_ORG);
	assert_int_equal(f[3].cluster, f[0].cluster);
	assert_string_equal(name_of(&f[5]), "Mosca (città)");
	assert_int_equal(n_clusters, 4);
}

static void test_empty(void **state)
{
	(void)state;
	run(NULL, 0, NULL, 0, NULL, 0);
	assert_int_equal(n_clusters, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test_teardown(test_people_join, teardown),
		cmocka_unit_test_teardown(test_ambiguous_surname_stays_alone, teardown),
		cmocka_unit_test_teardown(test_kept_apart_corrected_or_alone, teardown),
		cmocka_unit_test_teardown(test_first_name_alone_joins_no_one, teardown),
		cmocka_unit_test_teardown(test_first_name_alone_not_joined_by_first_word, teardown),
		cmocka_unit_test_teardown(test_case_acronyms_and_types, teardown),
		cmocka_unit_test_teardown(test_corrections, teardown),
		cmocka_unit_test_teardown(test_empty, teardown),
	};
	return cmocka_run_group_tests_name("cluster", tests, NULL, NULL);
}
