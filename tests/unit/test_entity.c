/*
 * test_entity.c: the rule-based entity extractor on hand-made sentences
 * and on the bundled corpus (lexicons from $top_srcdir/data).
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "margo/entity.h"
#include "margo/text.h"

static struct entity_extractor *load_default(void)
{
	const char *top = getenv("top_srcdir");
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/data", top ? top : ".");
	char *warn = NULL;
	struct entity_extractor *x = entity_extractor_load(dir, NULL, &warn);
	free(warn);
	return x;
}

static int setup(void **state)
{
	*state = load_default();
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	struct entity_extractor *x = *state;
	entity_extractor_free(&x);
	return 0;
}

struct got {
	struct entity_mention *m;
	size_t n;
	const char *text;
};

static struct got run(void **state, const char *text, const char *date)
{
	struct got g = { NULL, 0, text };
	assert_int_equal(entity_extract(*state, text, strlen(text), date, &g.m, &g.n), 0);
	/* sorted, never overlapping, offsets consistent */
	for (size_t i = 0; i < g.n; i++) {
		assert_true(g.m[i].start < g.m[i].end);
		assert_true(g.m[i].end <= strlen(text));
		assert_int_equal(g.m[i].cp_start, text_cp_count(text, g.m[i].start));
		assert_int_equal(g.m[i].cp_end, text_cp_count(text, g.m[i].end));
		assert_non_null(g.m[i].norm);
		if (i)
			assert_true(g.m[i - 1].end <= g.m[i].start);
	}
	return g;
}

/* The mention whose surface is `surface` (and derived as asked), or NULL. */
static const struct entity_mention *find(const struct got *g, const char *surface,
                                         bool derived)
{
	size_t n = strlen(surface);
	for (size_t i = 0; i < g->n; i++)
		if (g->m[i].end - g->m[i].start == n && g->m[i].derived == derived &&
		    memcmp(g->text + g->m[i].start, surface, n) == 0)
			return &g->m[i];
	return NULL;
}

static void expect(const struct got *g, const char *surface, enum entity_type t,
                   const char *norm)
{
	const struct entity_mention *m = find(g, surface, false);
	if (!m)
		fail_msg("no mention \"%s\"", surface);
	if (m->type != t)
		fail_msg("\"%s\" is %s, not %s", surface, entity_type_name(m->type),
		         entity_type_name(t));
	if (norm)
		assert_string_equal(m->norm, norm);
}

static bool any_starts_with(const struct got *g, const char *prefix)
{
	size_t n = strlen(prefix);
	for (size_t i = 0; i < g->n; i++)
		if (g->m[i].end - g->m[i].start >= n &&
		    memcmp(g->text + g->m[i].start, prefix, n) == 0)
			return true;
	return false;
}

static void done(struct got *g)
{
	entity_mentions_free(g->m, g->n);
}

static void test_title_and_demonym(void **state)
{
	struct got g = run(state, "Ieri il presidente russo Vladimir Putin è arrivato.", NULL);
	expect(&g, "Vladimir Putin", ENTITY_PER, "Vladimir Putin");
	assert_null(find(&g, "presidente russo Vladimir Putin", false));
	const struct entity_mention *d = find(&g, "russo", true);
	assert_non_null(d);
	assert_int_equal(d->type, ENTITY_LOC);
	assert_string_equal(d->norm, "Russia");
	done(&g);
	g = run(state, "Il leader nordcoreano Kim Jong-un ha parlato.", NULL);
	expect(&g, "Kim Jong-un", ENTITY_PER, NULL);
	assert_string_equal(find(&g, "nordcoreano", true)->norm, "Corea del Nord");
	done(&g);
}

static void test_elision_both_apostrophes(void **state)
{
	struct got g = run(state, "La guerra contro l’Ucraina e il voto dell'Onu.", NULL);
	expect(&g, "Ucraina", ENTITY_LOC, "Ucraina");
	expect(&g, "Onu", ENTITY_ORG, NULL);
	assert_null(find(&g, "l’Ucraina", false));
	assert_null(find(&g, "dell'Onu", false));
	done(&g);
	g = run(state, "Le truppe sono entrate nell’Iraq del nord.", NULL);
	expect(&g, "Iraq", ENTITY_LOC, NULL);
	done(&g);
}

static void test_gazetteer_aliases(void **state)
{
	struct got g = run(state, "Gli Stati Uniti e la Nato rispondono; gli Usa "
	                          "hanno chiesto alla NATO di agire.", NULL);
	expect(&g, "Stati Uniti", ENTITY_LOC, "Stati Uniti");
	expect(&g, "Usa", ENTITY_LOC, "Stati Uniti");
	expect(&g, "Nato", ENTITY_ORG, NULL);
	assert_string_equal(find(&g, "NATO", false)->norm, find(&g, "Nato", false)->norm);
	done(&g);
}

static void test_people(void **state)
{
	struct got g = run(state, "Il nuovo ministro della Difesa Andrei Belousov "
	                          "ha incontrato Kim Jong-un a Pyongyang.", NULL);
	expect(&g, "Andrei Belousov", ENTITY_PER, NULL);
	expect(&g, "Kim Jong-un", ENTITY_PER, NULL);
	expect(&g, "Pyongyang", ENTITY_LOC, NULL);
	done(&g);
}

static void test_sentence_initial_words(void **state)
{
	struct got g = run(state, "Questa collaborazione preoccupa Washington. "
	                          "Putin ha detto che Secondo lui no. Durante la visita "
	                          "nessuno ha parlato.", NULL);
	assert_false(any_starts_with(&g, "Questa"));
	assert_false(any_starts_with(&g, "Durante"));
	expect(&g, "Putin", ENTITY_PER, NULL);
	expect(&g, "Washington", ENTITY_LOC, NULL);
	done(&g);
	g = run(state, "Putin ha detto di no.", NULL);
	expect(&g, "Putin", ENTITY_PER, NULL);
	done(&g);
}

static void test_organisations(void **state)
{
	struct got g = run(state, "La Corte penale internazionale ha emesso un mandato. "
	                          "Lo ha scritto il New York Times durante l'Eastern "
	                          "Economic Forum, davanti al Consiglio di Sicurezza "
	                          "delle Nazioni Unite.", NULL);
	expect(&g, "Corte penale internazionale", ENTITY_ORG, NULL);
	expect(&g, "New York Times", ENTITY_ORG, NULL);
	expect(&g, "Eastern Economic Forum", ENTITY_ORG, NULL);
	expect(&g, "Consiglio di Sicurezza delle Nazioni Unite", ENTITY_ORG, NULL);
	done(&g);
}

/* People keep the form the text writes: the people list types a name,
 * clustering joins the forms. */
static void test_people_norm_is_surface(void **state)
{
	struct got g = run(state, "Putin ha parlato. Poi Vladimir Putin e il ministro della "
	                          "Difesa sudcoreano Shin Wonsik si sono visti; il "
	                          "consigliere per la sicurezza nazionale Jake Sullivan tace.",
	                   NULL);
	expect(&g, "Putin", ENTITY_PER, "Putin");
	expect(&g, "Vladimir Putin", ENTITY_PER, "Vladimir Putin");
	expect(&g, "Shin Wonsik", ENTITY_PER, "Shin Wonsik");
	expect(&g, "Jake Sullivan", ENTITY_PER, "Jake Sullivan");
	assert_false(any_starts_with(&g, "Difesa"));
	assert_false(any_starts_with(&g, "nazionale Jake"));
	done(&g);
	g = run(state, "Il ministro della Difesa Andrey Belousov e il Ministro dell'Interno, "
	               "Giuliano Amato.", NULL);
	expect(&g, "Andrey Belousov", ENTITY_PER, "Andrey Belousov");
	expect(&g, "Giuliano Amato", ENTITY_PER, NULL);
	assert_false(any_starts_with(&g, "Interno"));
	done(&g);
	/* places and organisations keep the canonical name */
	g = run(state, "Gli Usa e la NATO.", NULL);
	expect(&g, "Usa", ENTITY_LOC, "Stati Uniti");
	expect(&g, "NATO", ENTITY_ORG, "Nato");
	done(&g);
}

/* "la Roma", "l'Italia" are teams in a text about sport; a state that
 * acts is an organisation. */
static void test_teams_and_states(void **state)
{
	struct got g = run(state, "Nella partita di campionato la Roma ha battuto il Sassuolo "
	                          "2-0: gol di Dybala, poi l'allenatore ha parlato della "
	                          "vittoria. La squadra torna a Roma.", NULL);
	expect(&g, "Roma", ENTITY_ORG, NULL);
	assert_int_equal(find(&g, "Roma", false)->start, strstr(g.text, "Roma") - g.text);
	const char *city = strstr(strstr(g.text, "Roma") + 1, "Roma");
	bool loc = false;
	for (size_t i = 0; i < g.n; i++)
		if (g.m[i].start == (size_t)(city - g.text))
			loc = g.m[i].type == ENTITY_LOC;
	assert_true(loc);
	done(&g);
	g = run(state, "Il governo ha chiesto alla Svizzera di indagare. A Berna piove.", NULL);
	expect(&g, "Svizzera", ENTITY_ORG, "Svizzera");
	expect(&g, "Berna", ENTITY_LOC, NULL);
	done(&g);
}

/* A known country ends the run before a person's name; a pair of names
 * joined by a hyphen is no entity. */
static void test_run_boundaries(void **state)
{
	struct got g = run(state, "Ha parlato il premier di Israele Ehud Olmert. Il vertice "
	                          "Putin-Kim si è chiuso. A Vladivostok Putin ha detto di sì.",
	                   NULL);
	expect(&g, "Israele", ENTITY_LOC, NULL);
	expect(&g, "Ehud Olmert", ENTITY_PER, NULL);
	assert_false(any_starts_with(&g, "Putin-Kim"));
	expect(&g, "Vladivostok", ENTITY_LOC, NULL);
	done(&g);
	g = run(state, "Il Governo Prodi ha deciso. Lo dice il Dipartimento di Stato per "
	               "l'Energia. Lo scrive SpaceWeather.com oggi.", NULL);
	expect(&g, "Governo", ENTITY_ORG, NULL);
	expect(&g, "Prodi", ENTITY_PER, NULL);
	expect(&g, "Dipartimento di Stato per l'Energia", ENTITY_ORG, NULL);
	expect(&g, "SpaceWeather.com", ENTITY_ORG, NULL);
	done(&g);
}

/* Sentence-initial words that are inflections of Italian words, codes,
 * elided articles and brackets. */
static void test_unknown_words(void **state)
{
	struct got g = run(state, "Sorteggiate le squadre. Comprensibilmente nessuno parla. "
	                          "Il bus della linea N2 è fermo. Il portavoce dell'Unitre "
	                          "e il Centro nazionale (Cnir) hanno parlato.", NULL);
	assert_false(any_starts_with(&g, "Sorteggiate"));
	assert_false(any_starts_with(&g, "Comprensibilmente"));
	assert_false(any_starts_with(&g, "N2"));
	expect(&g, "Unitre", ENTITY_ORG, NULL);
	expect(&g, "Cnir", ENTITY_ORG, NULL);
	done(&g);
	/* a route shares the type of its known end; a person in apposition
	 * does not make a place a person */
	g = run(state, "Si è corsa la classica Parigi - Roubaix. Il sindaco di Lovere, "
	               "Vasco Vasconi, è morto. Il brano Purple Rain è celebre.", NULL);
	expect(&g, "Roubaix", ENTITY_LOC, NULL);
	expect(&g, "Lovere", ENTITY_LOC, NULL);
	expect(&g, "Vasco Vasconi", ENTITY_PER, NULL);
	assert_false(any_starts_with(&g, "Purple"));
	done(&g);
	/* organisations on their own and with their purpose */
	g = run(state, "Ne ha parlato il Ministero. La nazionale italiana ha vinto e il "
	               "ministero del tesoro tace.", NULL);
	expect(&g, "Ministero", ENTITY_ORG, NULL);
	expect(&g, "nazionale italiana", ENTITY_ORG, NULL);
	expect(&g, "ministero del tesoro", ENTITY_ORG, NULL);
	done(&g);
	/* a century is no organisation, whatever article it follows */
	g = run(state, "Case del Settecento e dell'Ottocento. Nel Novecento crebbe.", NULL);
	assert_false(any_starts_with(&g, "Settecento"));
	assert_false(any_starts_with(&g, "Ottocento"));
	assert_false(any_starts_with(&g, "Novecento"));
	done(&g);
}

static void test_dates_of_an_ingested_article(void **state)
{
	/* ingest passes the article's date, as the corpus gives it */
	struct got g = run(state, "Il vertice di giugno è stato rinviato.", "2023-09");
	expect(&g, "giugno", ENTITY_DATE, "2023-06");
	done(&g);
	g = run(state, "Il vertice di giugno è stato rinviato.", NULL);
	expect(&g, "giugno", ENTITY_DATE, "--06");
	done(&g);
}

static void test_dates(void **state)
{
	struct got g = run(state, "Il vertice di giugno è stato rinviato.", "2024-03-01");
	expect(&g, "giugno", ENTITY_DATE, "2024-06");
	done(&g);
	g = run(state, "Il forum si terrà dal 10 al 13 settembre a Vladivostok.", "2023");
	expect(&g, "dal 10 al 13 settembre", ENTITY_DATE, "2023-09-10/2023-09-13");
	expect(&g, "Vladivostok", ENTITY_LOC, NULL);
	done(&g);
	g = run(state, "L'invasione è cominciata nel febbraio 2022; nel 2019 "
	               "era tutto diverso. Lunedì 12 settembre 2023 ci fu l'incontro.", NULL);
	expect(&g, "febbraio 2022", ENTITY_DATE, "2022-02");
	expect(&g, "2019", ENTITY_DATE, "2019");
	expect(&g, "Lunedì 12 settembre 2023", ENTITY_DATE, "2023-09-12");
	done(&g);
	g = run(state, "Firmato il 3 maggio.", NULL);
	expect(&g, "3 maggio", ENTITY_DATE, "--05-03");
	done(&g);
}

static void test_code_points_with_accents(void **state)
{
	struct got g = run(state, "Perché è così? La città di Forlì e Città del Messico.", NULL);
	const struct entity_mention *m = find(&g, "Forlì", false);
	assert_non_null(m);
	/* "Perché è così? La città di " is 27 code points, more bytes */
	assert_int_equal(m->cp_start, 27);
	assert_int_equal(m->cp_end, 32);
	assert_true(m->start > m->cp_start);
	expect(&g, "Città del Messico", ENTITY_LOC, NULL);
	done(&g);
}

static void test_empty_and_nothing(void **state)
{
	struct entity_mention *m = (void *)1;
	size_t n = 7;
	assert_int_equal(entity_extract(*state, "", 0, NULL, &m, &n), 0);
	assert_int_equal(n, 0);
	assert_null(m);
	struct got g = run(state, "non c'è niente da vedere qui, solo parole comuni.", NULL);
	for (size_t i = 0; i < g.n; i++)
		assert_true(g.m[i].derived || g.m[i].type == ENTITY_DATE);
	done(&g);
}

static void test_no_data_folder(void **state)
{
	(void)state;
	char *warn = NULL;
	struct entity_extractor *x = entity_extractor_load("/nonexistent/margo-data",
	                                                   "/nonexistent/words", &warn);
	assert_non_null(x);
	assert_non_null(warn);
	assert_non_null(strstr(warn, "entity_places.txt"));
	assert_non_null(strstr(warn, "word list"));
	free(warn);
	const char *t = "ieri Mario Rossi ha incontrato Vladimir Putin a Mosca.";
	struct entity_mention *m;
	size_t n;
	assert_int_equal(entity_extract(x, t, strlen(t), NULL, &m, &n), 0);
	bool putin = false, rossi = false;
	for (size_t i = 0; i < n; i++) {
		if (m[i].end - m[i].start == 14 && memcmp(t + m[i].start, "Vladimir Putin", 14) == 0)
			putin = true;
		if (m[i].end - m[i].start == 11 && memcmp(t + m[i].start, "Mario Rossi", 11) == 0)
			rossi = true;
	}
	assert_true(putin && rossi);
	entity_mentions_free(m, n);
	entity_extractor_free(&x);
	assert_null(x);
}

/* The bundled corpus: the names a reader would list are found. */
static char *read_corpus(const char *name, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof path, "%s/corpus/%s", top ? top : ".", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0, k;
	char chunk[4096];
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (n + k + 1 > cap) {
			cap = (n + k + 1) * 2;
			char *nb = realloc(buf, cap);
			assert_non_null(nb);
			buf = nb;
		}
		memcpy(buf + n, chunk, k);
		n += k;
	}
	fclose(f);
	if (!buf)
		return NULL;
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void test_bundled_corpus(void **state)
{
	size_t len;
	char *raw = read_corpus("000_d4a5fe329111c680.txt", &len);
	assert_non_null(raw);
	size_t clen;
	char *text = text_canonicalize(raw, len, &clen, NULL);
	free(raw);
	assert_non_null(text);
	struct got g = run(state, text, "2024-06-19");
	expect(&g, "Vladimir Putin", ENTITY_PER, NULL);
	expect(&g, "Kim Jong-un", ENTITY_PER, NULL);
	expect(&g, "Pyongyang", ENTITY_LOC, NULL);
	expect(&g, "Corea del Nord", ENTITY_LOC, NULL);
	expect(&g, "Russia", ENTITY_LOC, NULL);
	expect(&g, "Andrey Belousov", ENTITY_PER, "Andrey Belousov");
	expect(&g, "Denis Manturov", ENTITY_PER, "Denis Manturov");
	expect(&g, "Cremlino", ENTITY_LOC, NULL);
	assert_false(any_starts_with(&g, "La decisione"));
	done(&g);
	free(text);
}

static void test_display_name_of_a_date_without_year(void **state)
{
	(void)state;
	const struct { enum entity_type t; const char *name, *want; } cases[] = {
		{ ENTITY_DATE, "--06", "June, no year" },
		{ ENTITY_DATE, "--09-12", "12 September, no year" },
		{ ENTITY_DATE, "2023-09-12", "2023-09-12" },
		{ ENTITY_DATE, "--13", "--13" },          /* not a month: as stored */
		{ ENTITY_DATE, "--06-xx", "--06-xx" },
		{ ENTITY_PER, "--06", "--06" },           /* only dates are read */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = entity_display_name(cases[i].t, cases[i].name);
		assert_non_null(got);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

/* Latin formulas, prayers and titles of data/entity_phrases.txt name no
 * one, nor does any word inside them. */
static void test_phrases_are_no_entities(void **state)
{
	struct got g = run(state, "Dal balcone il pontefice ha letto l'Habemus Papam, poi "
	                          "la benedizione Urbi et Orbi e il coro ha intonato "
	                          "l'Ave Maria davanti a Mario Bianchi.", NULL);
	assert_false(any_starts_with(&g, "Habemus"));
	assert_false(any_starts_with(&g, "Papam"));
	assert_false(any_starts_with(&g, "Urbi"));
	assert_false(any_starts_with(&g, "Orbi"));
	assert_false(any_starts_with(&g, "Ave"));
	assert_false(any_starts_with(&g, "Maria"));
	expect(&g, "Mario Bianchi", ENTITY_PER, NULL);
	done(&g);
}

/* An event named after a place: the place stays a place in Italian, a
 * title in another language names no one. */
static void test_events_named_after_places(void **state)
{
	struct got g = run(state, "Dopo il Tour de France il corridore correrà il "
	                          "Giro d'Italia e il Gran Premio di Valdorcia.", NULL);
	assert_false(any_starts_with(&g, "France"));
	expect(&g, "Italia", ENTITY_LOC, NULL);
	expect(&g, "Valdorcia", ENTITY_LOC, NULL);
	done(&g);
}

/* "da X e da Y": a person listed with a person is one too, not a place. */
static void test_person_is_no_place(void **state)
{
	struct got g = run(state, "Le critiche sono arrivate da Pier Luigi Bersani e "
	                          "da Oliviero Diliberto.", NULL);
	expect(&g, "Oliviero Diliberto", ENTITY_PER, NULL);
	done(&g);
}

/* A first name alone is marked, so that it joins no one's entity. */
static void test_first_name_alone_is_marked(void **state)
{
	struct got g = run(state, "Ieri Francesco Rossi ha parlato con Francesco Verdi; "
	                          "poi Francesco ha lasciato la sala.", NULL);
	const struct entity_mention *m = find(&g, "Francesco", false);
	assert_non_null(m);
	assert_int_equal(m->type, ENTITY_PER);
	assert_true(m->first_name_only);
	assert_false(find(&g, "Francesco Rossi", false)->first_name_only);
	done(&g);
}

/* A name the text calls a thing ("l'uragano Ofelia", "Ofelia, la nave")
 * is no entity anywhere in that text. */
static void test_things_named_once_are_no_entities(void **state)
{
	struct got g = run(state, "Ofelia arriverà domani sulla costa. Secondo gli esperti "
	                          "l'uragano Ofelia porterà piogge, ha detto Marco Neri.", NULL);
	assert_false(any_starts_with(&g, "Ofelia"));
	expect(&g, "Marco Neri", ENTITY_PER, NULL);
	done(&g);
	g = run(state, "I soccorsi hanno raggiunto la Stella Polare, la nave rimasta "
	                "senza motore al largo.", NULL);
	assert_false(any_starts_with(&g, "Stella"));
	done(&g);
}

/* A quoted run that no cue types is the title of a work. */
static void test_quoted_titles(void **state)
{
	struct got g = run(state, "Stasera va in scena «Aspettando Pioggia Lunga» al "
	                          "teatro e domani \"Vento Ghiacciato Nord\" con Luca Bassi.", NULL);
	assert_false(any_starts_with(&g, "Aspettando"));
	assert_false(any_starts_with(&g, "Vento"));
	expect(&g, "Luca Bassi", ENTITY_PER, NULL);
	done(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_and_demonym),
		cmocka_unit_test(test_elision_both_apostrophes),
		cmocka_unit_test(test_gazetteer_aliases),
		cmocka_unit_test(test_people),
		cmocka_unit_test(test_sentence_initial_words),
		cmocka_unit_test(test_organisations),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_code_points_with_accents),
		cmocka_unit_test(test_empty_and_nothing),
		cmocka_unit_test(test_no_data_folder),
		cmocka_unit_test(test_people_norm_is_surface),
		cmocka_unit_test(test_teams_and_states),
		cmocka_unit_test(test_run_boundaries),
		cmocka_unit_test(test_unknown_words),
		cmocka_unit_test(test_dates_of_an_ingested_article),
		cmocka_unit_test(test_bundled_corpus),
		cmocka_unit_test(test_display_name_of_a_date_without_year),
		cmocka_unit_test(test_phrases_are_no_entities),
		cmocka_unit_test(test_events_named_after_places),
		cmocka_unit_test(test_person_is_no_place),
		cmocka_unit_test(test_first_name_alone_is_marked),
		cmocka_unit_test(test_things_named_once_are_no_entities),
		cmocka_unit_test(test_quoted_titles),
	};
	return cmocka_run_group_tests_name("entity", tests, setup, teardown);
}
