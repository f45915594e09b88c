#include <config.h>
/*
 * test_corpus.c: unit tests of the article parser (src/corpus.c).
 *
 * The bundled corpus (the five files in corpus/) is the acceptance test; hand-made edge
 * cases cover each rule alone.  Every parse is also checked for the
 * structural invariants of struct corpus_article (spans, code points,
 * paragraph joins).  Data files are found through $top_srcdir (default ".").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "margo/corpus.h"

/* ---- helpers ----------------------------------------------------------- */

static const char *srcdir(void)
{
	const char *d = getenv("top_srcdir");
	return d && *d ? d : ".";
}

/* Read top_srcdir/rel into a malloc'd NUL-terminated buffer. */
static char *slurp(const char *rel, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", srcdir(), rel);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	assert_non_null(buf);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static size_t cps(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

static int is_space_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The invariants every parse must keep. */
static void check_article(const struct corpus_article *a)
{
	assert_non_null(a->title);
	assert_non_null(a->body);
	assert_int_equal(strlen(a->body), a->body_len);
	size_t next_sentence = 0;
	for (size_t i = 0; i < a->n_paras; i++) {
		const struct corpus_para *p = &a->paras[i];
		const struct corpus_span *s = &p->span;
		assert_true(s->start < s->end && s->end <= a->body_len);
		assert_false(is_space_byte(a->body[s->start]));
		assert_false(is_space_byte(a->body[s->end - 1]));
		assert_int_equal(s->cp_start, cps(a->body, s->start));
		assert_int_equal(s->cp_end, cps(a->body, s->end));
		if (i == 0)
			assert_int_equal(s->start, 0);
		else
			assert_int_equal(s->start, a->paras[i - 1].span.end + 2);
		if (i > 0)
			assert_memory_equal(a->body + s->start - 2, "\n\n", 2);
		if (i + 1 == a->n_paras)
			assert_int_equal(s->end, a->body_len);
		assert_int_equal(p->first_sentence, next_sentence);
		assert_true(p->n_sentences >= 1);
		size_t prev_end = s->start;
		for (size_t k = 0; k < p->n_sentences; k++) {
			const struct corpus_span *t = &a->sentences[p->first_sentence + k];
			assert_true(t->start >= prev_end && t->start < t->end);
			assert_true(t->end <= s->end);
			assert_false(is_space_byte(a->body[t->start]));
			assert_false(is_space_byte(a->body[t->end - 1]));
			assert_int_equal(t->cp_start, cps(a->body, t->start));
			assert_int_equal(t->cp_end, cps(a->body, t->end));
			prev_end = t->end;
		}
		next_sentence += p->n_sentences;
	}
	assert_int_equal(next_sentence, a->n_sentences);
	if (a->n_paras == 0)
		assert_int_equal(a->body_len, 0);
	for (size_t i = 0; i < a->n_dropped; i++)
		assert_non_null(a->dropped[i].text);
}

static void parse_hints(void **state, const char *text,
                        const struct corpus_hints *h, struct corpus_article *a)
{
	assert_int_equal(corpus_parse(*state, text, strlen(text), h, a), 0);
	check_article(a);
}

static void parse(void **state, const char *text, struct corpus_article *a)
{
	parse_hints(state, text, NULL, a);
}

static void parse_file(void **state, const char *rel, struct corpus_article *a)
{
	size_t n;
	char *text = slurp(rel, &n);
	assert_int_equal(corpus_parse(*state, text, n, NULL, a), 0);
	free(text);
	check_article(a);
}

static const char *para_text(const struct corpus_article *a, size_t i,
                             char *buf, size_t cap)
{
	const struct corpus_span *s = &a->paras[i].span;
	snprintf(buf, cap, "%.*s", (int)(s->end - s->start), a->body + s->start);
	return buf;
}

/* Index of the paragraph equal to text, or -1. */
static long find_para(const struct corpus_article *a, const char *text)
{
	for (size_t i = 0; i < a->n_paras; i++) {
		const struct corpus_span *s = &a->paras[i].span;
		if (s->end - s->start == strlen(text) &&
		    memcmp(a->body + s->start, text, strlen(text)) == 0)
			return (long)i;
	}
	return -1;
}

static void assert_heading(const struct corpus_article *a, const char *text)
{
	long i = find_para(a, text);
	if (i < 0)
		fail_msg("no paragraph \"%s\"", text);
	assert_int_equal(a->paras[i].kind, CORPUS_PARA_HEADING);
}

/* Number of dropped lines of a kind, and whether one contains `sub`. */
static size_t dropped_count(const struct corpus_article *a,
                            enum corpus_drop_kind kind, const char *sub)
{
	size_t k = 0;
	for (size_t i = 0; i < a->n_dropped; i++)
		if (a->dropped[i].kind == kind &&
		    (!sub || strstr(a->dropped[i].text, sub)))
			k++;
	return k;
}

static size_t heading_count(const struct corpus_article *a)
{
	size_t k = 0;
	for (size_t i = 0; i < a->n_paras; i++)
		k += a->paras[i].kind == CORPUS_PARA_HEADING;
	return k;
}

static int body_has(const struct corpus_article *a, const char *sub)
{
	return strstr(a->body, sub) != NULL;
}

/* ---- rules ------------------------------------------------------------- */

static int group_setup(void **state)
{
	char dir[4096], *warn = NULL;
	snprintf(dir, sizeof dir, "%s/data", srcdir());
	struct corpus_rules *r = corpus_rules_load(dir, &warn);
	if (!r || warn) {
		fprintf(stderr, "rules: %s\n", warn ? warn : "out of memory");
		free(warn);
		corpus_rules_free(&r);
		return -1;
	}
	*state = r;
	return 0;
}

static int group_teardown(void **state)
{
	struct corpus_rules *r = *state;
	corpus_rules_free(&r);
	return 0;
}

static void test_rules_missing_dir(void **state)
{
	(void)state;
	char *warn = NULL;
	struct corpus_rules *r = corpus_rules_load("/nonexistent/margo", &warn);
	assert_non_null(r);
	assert_non_null(warn);
	assert_non_null(strstr(warn, "boilerplate.txt"));
	assert_non_null(strstr(warn, "abbreviations.txt"));
	free(warn);
	/* The structural rules still work without lexicons. */
	struct corpus_article a;
	const char *text = "Titolo breve\n\nPrima frase. Seconda frase.\n×\n";
	assert_int_equal(corpus_parse(r, text, strlen(text), NULL, &a), 0);
	check_article(&a);
	assert_string_equal(a.title, "Titolo breve");
	assert_int_equal(a.n_sentences, 2);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_SYMBOL, "×"), 1);
	corpus_article_free(&a);
	corpus_rules_free(&r);
	assert_null(r);
	corpus_rules_free(&r);  /* twice is harmless */
	/* NULL rules parse too. */
	assert_int_equal(corpus_parse(NULL, text, strlen(text), NULL, &a), 0);
	check_article(&a);
	corpus_article_free(&a);
}

static void test_rules_unknown_section(void **state)
{
	(void)state;
	char dir[] = "/tmp/margo-corpus-XXXXXX", path[64], *warn = NULL;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/boilerplate.txt", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("# comment\nignored before any section\n[nonsense]\nx\n"
	      "[prompt]\n  =Vota ora  \n^Scopri di più\n", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/abbreviations.txt", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("# only one\nApprox.\n", f);
	fclose(f);
	struct corpus_rules *r = corpus_rules_load(dir, &warn);
	assert_non_null(r);
	assert_non_null(warn);
	assert_non_null(strstr(warn, "unknown section [nonsense]"));
	free(warn);
	struct corpus_article a;
	const char *text = "Un articolo di prova\nVota ora!\n"
	                   "Scopri di più: il nostro archivio\n"
	                   "Costa approx. Dieci euro al mese e piace a tutti.\n";
	assert_int_equal(corpus_parse(r, text, strlen(text), NULL, &a), 0);
	check_article(&a);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_PROMPT, NULL), 2);
	assert_int_equal(a.n_sentences, 1);  /* "approx." is an abbreviation */
	corpus_article_free(&a);
	corpus_rules_free(&r);
	snprintf(path, sizeof path, "%s/boilerplate.txt", dir);
	remove(path);
	snprintf(path, sizeof path, "%s/abbreviations.txt", dir);
	remove(path);
	rmdir(dir);
}

static void test_drop_kind_names(void **state)
{
	(void)state;
	assert_string_equal(corpus_drop_kind_name(CORPUS_DROP_BYLINE), "byline");
	assert_string_equal(corpus_drop_kind_name(CORPUS_DROP_DATE), "date");
	assert_string_equal(corpus_drop_kind_name(CORPUS_DROP_TITLE), "title");
	assert_string_equal(corpus_drop_kind_name(CORPUS_DROP_SUBTITLE), "subtitle");
	assert_string_equal(corpus_drop_kind_name(CORPUS_DROP_BANNER), "banner");
	assert_string_equal(corpus_drop_kind_name(CORPUS_DROP_SYMBOL), "symbol");
	assert_string_equal(corpus_drop_kind_name(CORPUS_DROP_CAPTION), "caption");
	assert_string_equal(corpus_drop_kind_name(CORPUS_DROP_PROMPT), "prompt");
}

/* ---- dates ------------------------------------------------------------- */

static void test_parse_date(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } cases[] = {
		{ "2023-09", "2023-09" },
		{ "2023-09-12", "2023-09-12" },
		{ "2023/9/2", "2023-09-02" },
		{ "12/09/2023", "2023-09-12" },
		{ "12.09.2023", "2023-09-12" },
		{ "1-9-2023", "2023-09-01" },
		{ "12 settembre 2023", "2023-09-12" },
		{ "12 Settembre 2023", "2023-09-12" },
		{ "1° gennaio 2024", "2024-01-01" },
		{ "1º maggio 2024", "2024-05-01" },
		{ "settembre 2023", "2023-09" },
		{ "Marzo 2020", "2020-03" },
		{ "lunedì 12 settembre 2023", "2023-09-12" },
		{ "Lunedì, 11 settembre 2023", "2023-09-11" },
		{ "domenica 3 dic. 2023", "2023-12-03" },
		{ "12 set 2023", "2023-09-12" },
		{ "September 12, 2023", "2023-09-12" },
		{ "12 September 2023", "2023-09-12" },
		{ "Tuesday, 12 September 2023", "2023-09-12" },
		{ "Sept. 2023", "2023-09" },
		{ "29 febbraio 2024", "2024-02-29" },
		{ "  2023-09-12  ", "2023-09-12" },
		{ "2024-06-01T10:20:30Z", "2024-06-01" },
		{ "12/09/2023 10:30", "2023-09-12" },
		{ "12 settembre 2023, ore 10:30", "2023-09-12" },
		{ "2023-13-40", NULL },
		{ "2023-02-30", NULL },
		{ "29 febbraio 2023", NULL },
		{ "31/04/2023", NULL },
		{ "00/09/2023", NULL },
		{ "2023-09-00", NULL },
		{ "2023", NULL },
		{ "12 settembre", NULL },
		{ "2023.09", NULL },
		{ "3.5", NULL },
		{ "10.000", NULL },
		{ "settembrino 2023", NULL },
		{ "il 12 settembre 2023", NULL },
		{ "12 settembre 2023 a Roma", NULL },
		{ "data 2023-09", NULL },   /* a label is not a date */
		{ "", NULL },
		{ "Di fronte alla crisi", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = corpus_parse_date(cases[i].in, strlen(cases[i].in));
		if (!cases[i].out && got)
			fail_msg("\"%s\" -> \"%s\", expected NULL", cases[i].in, got);
		if (cases[i].out && (!got || strcmp(got, cases[i].out)))
			fail_msg("\"%s\" -> \"%s\", expected \"%s\"", cases[i].in,
			         got ? got : "NULL", cases[i].out);
		free(got);
	}
	/* len is honoured: "2024-06-01T..." cut at 10 bytes. */
	char *got = corpus_parse_date("2024-06-01Tgarbage", 10);
	assert_string_equal(got, "2024-06-01");
	free(got);
}

/* ---- sentences --------------------------------------------------------- */

/* Split `s` and compare with the '|'-separated expected sentences. */
static void expect_sentences(void **state, const char *s, const char *want)
{
	struct corpus_span *sp;
	long n = corpus_split_sentences(*state, s, strlen(s), &sp);
	assert_true(n >= 0);
	char got[2048] = "";
	for (long i = 0; i < n; i++) {
		assert_int_equal(sp[i].cp_start, cps(s, sp[i].start));
		assert_int_equal(sp[i].cp_end, cps(s, sp[i].end));
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%.*s",
		         i ? "|" : "", (int)(sp[i].end - sp[i].start), s + sp[i].start);
	}
	free(sp);
	if (strcmp(got, want))
		fail_msg("split \"%s\"\n  got  \"%s\"\n  want \"%s\"", s, got, want);
}

static void test_sentences_basic(void **state)
{
	expect_sentences(state, "Prima frase. Seconda frase.",
	                 "Prima frase.|Seconda frase.");
	expect_sentences(state, "  Spazi prima.   E dopo.  ",
	                 "Spazi prima.|E dopo.");
	expect_sentences(state, "Domanda? Risposta! Fine… Altro",
	                 "Domanda?|Risposta!|Fine…|Altro");
	expect_sentences(state, "Attesa... Poi niente.", "Attesa...|Poi niente.");
	expect_sentences(state, "Nessun punto finale", "Nessun punto finale");
	expect_sentences(state, "minuscola. dopo il punto.",
	                 "minuscola. dopo il punto.");
	expect_sentences(state, "Nel 2019. 2020 fu peggio.",
	                 "Nel 2019.|2020 fu peggio.");
	expect_sentences(state, "", "");
	expect_sentences(state, "   \t ", "");
	expect_sentences(state, ".", ".");
}

static void test_sentences_abbreviations(void **state)
{
	expect_sentences(state,
	                 "Il sig. Rossi e il dott. Bianchi arrivano. Poi parte.",
	                 "Il sig. Rossi e il dott. Bianchi arrivano.|Poi parte.");
	expect_sentences(state, "La Sig.ra Verdi e la dott.ssa Neri. Poi basta.",
	                 "La Sig.ra Verdi e la dott.ssa Neri.|Poi basta.");
	expect_sentences(state, "Lo dice l'art. 18 dello Statuto. Fine.",
	                 "Lo dice l'art. 18 dello Statuto.|Fine.");
	expect_sentences(state, "Lavora alla Fiat S.p.A. Da anni.",
	                 "Lavora alla Fiat S.p.A. Da anni.");
	expect_sentences(state, "Parla con il Prof. Eco e l'avv. Agnelli. Ok.",
	                 "Parla con il Prof. Eco e l'avv. Agnelli.|Ok.");
	expect_sentences(state, "Vedi cfr. Capitolo 3, pag. 12. Chiaro.",
	                 "Vedi cfr. Capitolo 3, pag. 12.|Chiaro.");
	expect_sentences(state, "Mr. Smith met Dr. Jones. Then left.",
	                 "Mr. Smith met Dr. Jones.|Then left.");
	expect_sentences(state, "Parla dell'on. Rossi. Poi vota.",
	                 "Parla dell'on. Rossi.|Poi vota.");
}

static void test_sentences_initials_numbers(void **state)
{
	expect_sentences(state, "J. K. Rowling ha scritto. Fine.",
	                 "J. K. Rowling ha scritto.|Fine.");
	expect_sentences(state, "Lo scrisse J.R.R. Tolkien. Fine.",
	                 "Lo scrisse J.R.R. Tolkien.|Fine.");
	expect_sentences(state, "Costa 3.5 euro. Sì.", "Costa 3.5 euro.|Sì.");
	expect_sentences(state, "Erano 10.000 persone. Tante.",
	                 "Erano 10.000 persone.|Tante.");
	expect_sentences(state, "Il 75/o anniversario. Festa.",
	                 "Il 75/o anniversario.|Festa.");
	expect_sentences(state, "Vedi www.example.it. Ciao.",
	                 "Vedi www.example.it.|Ciao.");
}

static void test_sentences_quotes(void **state)
{
	expect_sentences(state, "Ha detto: «Basta!» Poi è uscito.",
	                 "Ha detto: «Basta!»|Poi è uscito.");
	expect_sentences(state, "«Basta!» disse lui. Poi uscì.",
	                 "«Basta!» disse lui.|Poi uscì.");
	expect_sentences(state, "Disse “no.” Poi tacque.",
	                 "Disse “no.”|Poi tacque.");
	expect_sentences(state, "Disse \"no.\" Poi tacque.",
	                 "Disse \"no.\"|Poi tacque.");
	expect_sentences(state, "Finito. “Ricominciamo” disse.",
	                 "Finito.|“Ricominciamo” disse.");
	expect_sentences(state, "Finito. (Era ora.) Bene.",
	                 "Finito.|(Era ora.)|Bene.");
	expect_sentences(state, "Chi è? «Nessuno» rispose.",
	                 "Chi è?|«Nessuno» rispose.");
	expect_sentences(state, "Perché? perché sì.", "Perché? perché sì.");
	expect_sentences(state, "È vero. È l’ultima.", "È vero.|È l’ultima.");
}

static void test_sentences_offsets(void **state)
{
	const char *s = "  Così è. Perché “sì”! Ωμέγα fine.";
	struct corpus_span *sp;
	long n = corpus_split_sentences(*state, s, strlen(s), &sp);
	assert_int_equal(n, 3);
	assert_int_equal(sp[0].start, 2);
	assert_int_equal(sp[0].cp_start, 2);
	assert_int_equal(sp[0].end, 2 + strlen("Così è."));
	assert_int_equal(sp[0].cp_end, 2 + 7);
	assert_int_equal(sp[1].cp_start, 10);
	assert_int_equal(sp[1].cp_end, 10 + 12);
	assert_memory_equal(s + sp[1].start, "Perché “sì”!", sp[1].end - sp[1].start);
	assert_int_equal(sp[2].cp_start, 23);
	assert_int_equal(sp[2].cp_end, 23 + 11);
	assert_int_equal(sp[2].end, strlen(s));
	free(sp);
	/* NULL text with length 0 and rules NULL. */
	assert_int_equal(corpus_split_sentences(NULL, NULL, 0, &sp), 0);
	free(sp);
}

/* ---- the bundled corpus ------------------------------------------------- */

static void test_corpus_000(void **state)
{
	struct corpus_article a;
	parse_file(state, "corpus/000_d4a5fe329111c680.txt", &a);
	assert_string_equal(a.author, "Giuseppe Gagliano");
	assert_int_equal(dropped_count(&a, CORPUS_DROP_BYLINE,
	                               "di Giuseppe Gagliano"), 1);
	assert_true(a.title_guessed);
	assert_true(strncmp(a.title, "L’incontro in corso a Pyongyang tra il "
	                    "presidente russo Vladimir Putin", 50) == 0);
	assert_true(cps(a.title, strlen(a.title)) <= 81);
	assert_non_null(strstr(a.title, "…"));
	assert_string_equal(a.title, "L’incontro in corso a Pyongyang tra il "
	                    "presidente russo Vladimir Putin e quello…");
	assert_null(a.subtitle);
	assert_null(a.date);
	assert_int_equal(a.n_paras, 7);
	assert_int_equal(heading_count(&a), 0);
	assert_true(strncmp(a.body, "L’incontro in corso a Pyongyang", 20) == 0);
	assert_false(body_has(&a, "Gagliano"));
	corpus_article_free(&a);
}

static void test_corpus_001(void **state)
{
	struct corpus_article a;
	parse_file(state, "corpus/001_1ac69eb9278de9e8.txt", &a);
	assert_false(a.title_guessed);
	assert_string_equal(a.title, "Putin rafforza i legami con Kim Jong-un in "
	                    "una nuova alleanza che preoccupa il mondo");
	assert_string_equal(a.subtitle,
	                    "Soldati nordcoreani in Ucraina e cooperazione nucleare.");
	assert_null(a.author);
	assert_null(a.date);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_TITLE, NULL), 1);
	assert_int_equal(a.n_paras, 9);
	assert_heading(&a, "La partnership tra Russia e Corea del Nord: quali "
	               "implicazioni?");
	assert_heading(&a, "Impatto globale dell’alleanza Putin-Kim");
	assert_int_equal(heading_count(&a), 2);
	assert_true(strncmp(a.body, "Le relazioni tra Russia e Corea del Nord", 30) == 0);
	assert_false(body_has(&a, "Soldati nordcoreani in Ucraina e cooperazione"));
	corpus_article_free(&a);
}

static void test_corpus_002(void **state)
{
	struct corpus_article a;
	parse_file(state, "corpus/002_13a9d03e822ca098.txt", &a);
	assert_false(a.title_guessed);
	assert_string_equal(a.title, "Kim Jong-un si rivolge a Putin: messaggi "
	                    "forti in un periodo di alleanze globali");
	assert_non_null(a.subtitle);
	assert_true(strncmp(a.subtitle, "Il rafforzamento delle relazioni", 30) == 0);
	assert_non_null(strstr(a.subtitle, "a livello globale."));
	assert_int_equal(dropped_count(&a, CORPUS_DROP_TITLE, NULL), 1);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_SUBTITLE, NULL), 1);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_CAPTION,
	                               "Tendenzediviaggio.it - Foto generata con AI"), 1);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_BANNER,
	                               "Change privacy settings"), 1);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_SYMBOL, "×"), 1);
	assert_int_equal(a.n_dropped, 5);
	assert_int_equal(a.n_paras, 10);
	assert_heading(&a, "Rafforzamento delle relazioni tra Corea del Nord e Russia");
	assert_heading(&a, "Messaggi affettuosi e riferimenti alla guerra in Ucraina");
	assert_heading(&a, "Le conseguenze delle nuove alleanze sulla scena globale");
	assert_int_equal(heading_count(&a), 3);
	assert_true(strncmp(a.body, "Nell’ambito delle attuali dinamiche", 20) == 0);
	corpus_article_free(&a);
}

static void test_corpus_003(void **state)
{
	struct corpus_article a;
	parse_file(state, "corpus/003_e93fc955fd364e9c.txt", &a);
	assert_string_equal(a.date, "2023-09");
	assert_int_equal(dropped_count(&a, CORPUS_DROP_DATE, "date 2023-09"), 1);
	assert_true(strncmp(a.body, "Il Cremlino ha annunciato", 25) == 0);
	assert_true(a.title_guessed);
	assert_true(strncmp(a.title, "Il Cremlino ha annunciato", 25) == 0);
	assert_int_equal(a.n_paras, 2);
	assert_int_equal(heading_count(&a), 0);
	assert_int_equal(a.n_sentences, 13);
	assert_int_equal(a.paras[0].n_sentences, 6);
	/* "75/o anniversario" and "New York Times" stay inside one sentence. */
	const struct corpus_span *s = &a.sentences[0];
	char first[1024];
	snprintf(first, sizeof first, "%.*s", (int)(s->end - s->start),
	         a.body + s->start);
	assert_non_null(strstr(first, "75/o anniversario della proclamazione"));
	assert_true(strncmp(first, "Il Cremlino", 11) == 0);
	assert_non_null(strstr(first, "“su tutti i fronti“."));
	for (size_t i = 0; i < a.n_sentences; i++) {
		s = &a.sentences[i];
		const char *t = a.body + s->start;
		assert_false(s->end - s->start > 3 && !strncmp(t, "York", 4));
		assert_false(s->end - s->start > 5 && !strncmp(t, "Times", 5));
	}
	corpus_article_free(&a);
}

static void test_corpus_004(void **state)
{
	struct corpus_article a;
	parse_file(state, "corpus/004_942992882ba05f51.txt", &a);
	assert_true(a.title_guessed);
	assert_true(strncmp(a.title, "Il leader nordcoreano Kim Jong-un", 30) == 0);
	assert_true(cps(a.title, strlen(a.title)) <= 81);
	assert_null(a.subtitle);
	assert_int_equal(a.n_dropped, 0);
	assert_int_equal(a.n_paras, 17);
	assert_heading(&a, "La posizione di Kim sulla guerra in Ucraina");
	assert_heading(&a, "La cooperazione militare bilaterale tra Mosca e Pyongyang");
	assert_heading(&a, "Le implicazioni internazionali del sostegno di Kim alla Russia");
	assert_heading(&a, "La retorica di Kim: “Una guerra per la difesa della sovranità”");
	assert_heading(&a, "La possibile evoluzione dell’alleanza");
	assert_int_equal(heading_count(&a), 5);
	assert_int_equal(a.paras[0].kind, CORPUS_PARA_BODY);
	corpus_article_free(&a);
}

static void test_corpus_nothing_left_behind(void **state)
{
	static const char *const files[] = {
		"corpus/000_d4a5fe329111c680.txt", "corpus/001_1ac69eb9278de9e8.txt",
		"corpus/002_13a9d03e822ca098.txt", "corpus/003_e93fc955fd364e9c.txt",
		"corpus/004_942992882ba05f51.txt",
	};
	static const char *const banned[] = {
		"Foto generata", "privacy settings", "di Giuseppe Gagliano",
		"date 2023",
	};
	char buf[8192];
	for (size_t f = 0; f < 5; f++) {
		struct corpus_article a;
		parse_file(state, files[f], &a);
		assert_true(a.n_paras > 0);
		for (size_t i = 0; i < a.n_paras; i++) {
			para_text(&a, i, buf, sizeof buf);
			for (size_t b = 0; b < 4; b++)
				if (strstr(buf, banned[b]))
					fail_msg("%s: paragraph %zu holds \"%s\"", files[f], i,
					         banned[b]);
			assert_string_not_equal(buf, "×");
		}
		/* The title line is not left in the body either. */
		if (!a.title_guessed)
			assert_null(strstr(a.body, a.title));
		corpus_article_free(&a);
	}
}

/* ---- hand-made articles ------------------------------------------------- */

static void test_empty(void **state)
{
	struct corpus_article a;
	parse(state, "", &a);
	assert_int_equal(a.n_paras, 0);
	assert_int_equal(a.n_sentences, 0);
	assert_string_equal(a.body, "");
	assert_string_equal(a.title, "");
	assert_true(a.title_guessed);
	corpus_article_free(&a);
	parse(state, "\n\n  \t\n \n", &a);
	assert_int_equal(a.n_paras, 0);
	assert_int_equal(a.n_dropped, 0);
	corpus_article_free(&a);
	assert_int_equal(corpus_parse(*state, NULL, 0, NULL, &a), 0);
	check_article(&a);
	corpus_article_free(&a);
	corpus_article_free(&a);  /* freeing a freed article is harmless */
}

static void test_only_boilerplate(void **state)
{
	struct corpus_article a;
	parse(state, "Questo sito utilizza cookie.\nAccetta tutti\n×\n"
	      "Leggi anche: le ultime notizie\n© Riproduzione riservata\n", &a);
	assert_int_equal(a.n_paras, 0);
	assert_int_equal(a.n_dropped, 5);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_BANNER, NULL), 2);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_SYMBOL, NULL), 1);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_PROMPT, NULL), 2);
	assert_string_equal(a.title, "");
	corpus_article_free(&a);
}

static void test_body_mentions_cookie(void **state)
{
	struct corpus_article a;
	const char *cookie = "Il Garante ha multato il sito perché usava i cookie "
	                     "senza il consenso degli utenti.";
	const char *privacy = "Per il Garante la privacy policy è chiara.";
	char text[1024];
	snprintf(text, sizeof text, "Multa al sito\n\nIl caso è aperto. Lo "
	         "segue il Garante.\n\n%s\n\n%s\n\nIl caso continua.\n",
	         cookie, privacy);
	parse(state, text, &a);
	assert_int_equal(a.n_dropped, 1);  /* the title */
	assert_true(find_para(&a, cookie) >= 0);
	assert_true(find_para(&a, privacy) >= 0);
	corpus_article_free(&a);
	/* A short heading-like line that mentions cookies is kept too. */
	parse(state, "Titolo\nIl testo. Breve.\nI biscotti e i cookie\nUn lungo "
	      "paragrafo che "
	      "parla di biscotti e di tante altre cose buone da mangiare.\n", &a);
	assert_heading(&a, "I biscotti e i cookie");
	corpus_article_free(&a);
}

static void test_not_a_byline(void **state)
{
	static const char *const lines[] = {
		"Di fronte alla crisi, il governo ha deciso.",
		"Di Maio ha parlato a lungo.",
		"di recente",
		"By the way",
		"Di Maio",
		"di Mario rossi",
		"Di Mario Rossi Verdi Bianchi Neri",
		"di Mario Rossi – Roma, centro",
	};
	char text[512];
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		struct corpus_article a;
		snprintf(text, sizeof text, "Un titolo qualsiasi\nIl testo. Con due "
		         "frasi.\n%s\nIl testo dell'articolo, con una frase abbastanza "
		         "lunga da valere.\n", lines[i]);
		parse(state, text, &a);
		if (a.author)
			fail_msg("\"%s\" taken as a byline: %s", lines[i], a.author);
		assert_int_equal(dropped_count(&a, CORPUS_DROP_BYLINE, NULL), 0);
		assert_true(find_para(&a, lines[i]) >= 0);
		corpus_article_free(&a);
	}
}

static void test_bylines(void **state)
{
	static const struct { const char *line, *author, *date; } cases[] = {
		{ "di Giuseppe Gagliano –", "Giuseppe Gagliano", NULL },
		{ "Di Mario Rossi", "Mario Rossi", NULL },
		{ "DI MARIO ROSSI", "MARIO ROSSI", NULL },
		{ "by Jane Doe", "Jane Doe", NULL },
		{ "By Jane Doe |", "Jane Doe", NULL },
		{ "A cura di Redazione", "Redazione", NULL },
		{ "di Redazione", "Redazione", NULL },
		{ "Autore: Luca Bianchi", "Luca Bianchi", NULL },
		{ "Autore: Redazione", "Redazione", NULL },
		{ "Testo di Anna Maria De Luca", "Anna Maria De Luca", NULL },
		{ "di Massimo D’Alema", "Massimo D’Alema", NULL },
		{ "di J. K. Rowling,", "J. K. Rowling", NULL },
		{ "di Mario Rossi e Luca Bianchi", "Mario Rossi e Luca Bianchi", NULL },
		{ "di Mario Rossi, 12 settembre 2023", "Mario Rossi", "2023-09-12" },
		{ "di Mario Rossi - 12/09/2023 10:30", "Mario Rossi", "2023-09-12" },
		{ "By Jane Doe, September 12, 2023", "Jane Doe", "2023-09-12" },
	};
	char text[512];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct corpus_article a;
		snprintf(text, sizeof text, "Un titolo qualsiasi\n%s\nIl testo "
		         "dell'articolo, con una frase abbastanza lunga da valere.\n",
		         cases[i].line);
		parse(state, text, &a);
		if (!a.author || strcmp(a.author, cases[i].author))
			fail_msg("\"%s\": author \"%s\", expected \"%s\"", cases[i].line,
			         a.author ? a.author : "NULL", cases[i].author);
		if (cases[i].date)
			assert_string_equal(a.date, cases[i].date);
		else
			assert_null(a.date);
		assert_int_equal(dropped_count(&a, CORPUS_DROP_BYLINE, NULL), 1);
		assert_string_equal(a.dropped[1].text, cases[i].line);
		assert_int_equal(a.n_paras, 1);
		corpus_article_free(&a);
	}
}

static void test_date_lines(void **state)
{
	struct corpus_article a;
	parse(state, "Un titolo\nlunedì 12 settembre 2023\nPrimo paragrafo. "
	      "Con due frasi.\n", &a);
	assert_string_equal(a.date, "2023-09-12");
	assert_int_equal(dropped_count(&a, CORPUS_DROP_DATE, "lunedì"), 1);
	assert_int_equal(a.n_paras, 1);
	corpus_article_free(&a);
	/* Label at the start of the first line, text kept. */
	parse(state, "Data: 12/09/2023 Il consiglio ha approvato. Bene. Si "
	      "parte.\n\nAltro paragrafo del testo.\n", &a);
	assert_string_equal(a.date, "2023-09-12");
	assert_int_equal(dropped_count(&a, CORPUS_DROP_DATE, "Data: 12/09/2023"), 1);
	assert_true(strncmp(a.body, "Il consiglio ha approvato.", 26) == 0);
	corpus_article_free(&a);
	parse(state, "Published: September 12, 2023 — The council met today "
	      "and agreed on a plan that pleased nobody at all.\n", &a);
	assert_string_equal(a.date, "2023-09-12");
	assert_true(strncmp(a.body, "The council met today", 21) == 0);
	corpus_article_free(&a);
	/* The first date wins; an update line is dropped too. */
	parse(state, "Un titolo\nPubblicato il 12 settembre 2023\nAggiornato il "
	      "13 settembre 2023 alle 9:05\nTesto del paragrafo.\n", &a);
	assert_string_equal(a.date, "2023-09-12");
	assert_int_equal(dropped_count(&a, CORPUS_DROP_DATE, NULL), 2);
	corpus_article_free(&a);
	/* Not a label: "Data la situazione ..." stays. */
	parse(state, "Data la situazione, il 12 settembre 2023 si vota. Poi si "
	      "vedrà.\n", &a);
	assert_null(a.date);
	assert_true(strncmp(a.body, "Data la situazione", 18) == 0);
	corpus_article_free(&a);
	/* An invalid date is no date. */
	parse(state, "Un titolo\n2023-13-40\nTesto del paragrafo.\n", &a);
	assert_null(a.date);
	assert_true(find_para(&a, "2023-13-40") >= 0);
	corpus_article_free(&a);
}

static void test_boilerplate_kinds(void **state)
{
	static const struct { const char *line; enum corpus_drop_kind kind; } cases[] = {
		{ "Change privacy settings", CORPUS_DROP_BANNER },
		{ "Accetta tutti i cookie", CORPUS_DROP_BANNER },
		{ "Gestisci le preferenze", CORPUS_DROP_BANNER },
		{ "We use cookies to improve your experience.", CORPUS_DROP_BANNER },
		{ "OK, ho capito", CORPUS_DROP_BANNER },
		{ "×", CORPUS_DROP_SYMBOL },
		{ "✕", CORPUS_DROP_SYMBOL },
		{ "***", CORPUS_DROP_SYMBOL },
		{ "—", CORPUS_DROP_SYMBOL },
		{ "• • •", CORPUS_DROP_SYMBOL },
		{ "Foto: Ansa", CORPUS_DROP_CAPTION },
		{ "Il presidente a Roma (foto Ansa)", CORPUS_DROP_CAPTION },
		{ "Il vertice di ieri | Photo: Reuters", CORPUS_DROP_CAPTION },
		{ "Una vista del porto - Getty Images", CORPUS_DROP_CAPTION },
		{ "Il porto di Genova - Foto generata con AI", CORPUS_DROP_CAPTION },
		{ "© Mario Rossi", CORPUS_DROP_CAPTION },
		{ "Immagine di repertorio", CORPUS_DROP_CAPTION },
		{ "Leggi anche: Putin e Kim, la nuova alleanza", CORPUS_DROP_PROMPT },
		{ "Condividi", CORPUS_DROP_PROMPT },
		{ "Condividi su WhatsApp", CORPUS_DROP_PROMPT },
		{ "Iscriviti alla newsletter", CORPUS_DROP_PROMPT },
		{ "Riproduzione riservata ©", CORPUS_DROP_PROMPT },
		{ "Tutti i diritti riservati.", CORPUS_DROP_PROMPT },
		{ "Seguici su Telegram", CORPUS_DROP_PROMPT },
		{ "Share this", CORPUS_DROP_PROMPT },
		{ "Read more", CORPUS_DROP_PROMPT },
		{ "— Advertisement —", CORPUS_DROP_PROMPT },
	};
	char text[512];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct corpus_article a;
		snprintf(text, sizeof text, "Un titolo qualsiasi\nIl testo "
		         "dell'articolo. Con una frase abbastanza lunga.\n%s\n"
		         "Un altro paragrafo di testo, anche questo lungo.\n",
		         cases[i].line);
		parse(state, text, &a);
		if (dropped_count(&a, cases[i].kind, cases[i].line) != 1)
			fail_msg("\"%s\" not dropped as %s", cases[i].line,
			         corpus_drop_kind_name(cases[i].kind));
		assert_int_equal(a.n_paras, 2);
		corpus_article_free(&a);
	}
}

static void test_kept_lines(void **state)
{
	/* Ordinary lines that only look a little like boilerplate. */
	static const char *const lines[] = {
		"La fotografia di guerra cambia il giornalismo",
		"Il sindaco accetta tutti i ricorsi presentati",
		"Credit Suisse ha chiuso l'anno in perdita",
		"Il Garante della privacy ha aperto un'istruttoria su un'app che "
		"raccoglie dati e cookie senza consenso, con sanzioni fino a venti "
		"milioni di euro e l'obbligo di informare gli utenti coinvolti.",
		"Leggere anche i giornali locali aiuta a capire",
		"Reuters e Ansa hanno confermato la notizia",
		"Condivide la scelta del governo",
	};
	char text[1024];
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		struct corpus_article a;
		snprintf(text, sizeof text, "Un titolo qualsiasi\nIl testo "
		         "dell'articolo. Breve.\n%s\nUn altro paragrafo di testo, anche questo "
		         "molto lungo, più lungo di tutte le righe di prova.\n", lines[i]);
		parse(state, text, &a);
		if (find_para(&a, lines[i]) < 0)
			fail_msg("\"%s\" was dropped", lines[i]);
		assert_int_equal(a.n_dropped, 1);
		corpus_article_free(&a);
	}
}

static void test_title_rules(void **state)
{
	struct corpus_article a;
	/* A title alone, with nothing after it, is body text. */
	parse(state, "Solo una riga\n", &a);
	assert_true(a.title_guessed);
	assert_string_equal(a.title, "Solo una riga");
	assert_int_equal(a.n_paras, 1);
	corpus_article_free(&a);
	/* Three sentences: not a title. */
	parse(state, "Uno. Due. Tre.\nAltro testo.\n", &a);
	assert_true(a.title_guessed);
	assert_string_equal(a.title, "Uno");
	assert_int_equal(a.n_paras, 2);
	corpus_article_free(&a);
	/* A line ending with a colon continues: not a title. */
	parse(state, "Ecco le novità:\nTutto il resto.\n", &a);
	assert_true(a.title_guessed);
	corpus_article_free(&a);
	/* Title then a one-sentence subtitle then body. */
	parse(state, "Nuovo record\n\nIl titolo sale del dieci per cento.\n\n"
	      "La borsa ha chiuso in rialzo. Gli analisti sono sorpresi.\n", &a);
	assert_string_equal(a.title, "Nuovo record");
	assert_string_equal(a.subtitle, "Il titolo sale del dieci per cento.");
	assert_int_equal(a.n_paras, 1);
	corpus_article_free(&a);
	/* No subtitle when nothing follows it, or without a full stop. */
	parse(state, "Nuovo record\n\nIl titolo sale del dieci per cento.\n", &a);
	assert_null(a.subtitle);
	assert_int_equal(a.n_paras, 1);
	corpus_article_free(&a);
	parse(state, "Nuovo record\nIl titolo sale, dice;\nLa borsa ha chiuso in "
	      "rialzo dopo una settimana difficile.\n", &a);
	assert_null(a.subtitle);
	corpus_article_free(&a);
	/* A standfirst with no full stop, shaped like a heading. */
	parse(state, "Nuovo record\nIl titolo sale ancora\nLa borsa ha chiuso in "
	      "rialzo dopo una settimana difficile.\n", &a);
	assert_string_equal(a.subtitle, "Il titolo sale ancora");
	assert_int_equal(heading_count(&a), 0);
	corpus_article_free(&a);
	/* The title repeated later in the body is dropped. */
	parse(state, "Nuovo record in borsa\nLa borsa ha chiuso in rialzo. Bene.\n"
	      "Nuovo record in borsa - Economia.it\nAltro testo della notizia.\n"
	      "NUOVO RECORD IN BORSA.\n", &a);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_TITLE, NULL), 3);
	assert_int_equal(a.n_paras, 2);
	corpus_article_free(&a);
	/* A paragraph that merely starts with the title word stays. */
	parse(state, "Roma\nIl sindaco parla. Poi vota.\nRoma - Il sindaco ha "
	      "detto che la città avrà nuove linee di tram entro il prossimo anno "
	      "e che i lavori partiranno a maggio.\n", &a);
	assert_string_equal(a.title, "Roma");
	assert_int_equal(a.n_paras, 2);
	corpus_article_free(&a);
	/* A title keeps the period of an abbreviation. */
	parse(state, "Tre agenti uccisi negli U.S.A.\nIl fatto è avvenuto ieri.\n", &a);
	assert_string_equal(a.title, "Tre agenti uccisi negli U.S.A.");
	corpus_article_free(&a);
}

static void test_guessed_title(void **state)
{
	struct corpus_article a;
	char text[1024];
	/* A long first sentence: cut at a word boundary, "…" appended. */
	snprintf(text, sizeof text, "%s", "Questa è una frase molto lunga, che "
	         "parla di molte cose diverse, tutte importanti, e che continua "
	         "ancora a lungo fino alla fine. Seconda frase.");
	parse(state, text, &a);
	assert_true(a.title_guessed);
	size_t n = cps(a.title, strlen(a.title));
	assert_true(n <= 81);
	assert_string_equal(a.title + strlen(a.title) - 3, "…");
	assert_true(strncmp(a.title, text, strlen(a.title) - 3) == 0);
	assert_true(a.title[strlen(a.title) - 4] != ' ');
	assert_true(a.title[strlen(a.title) - 4] != ',');
	corpus_article_free(&a);
	/* One endless word: cut at 80 code points. */
	memset(text, 0, sizeof text);
	for (int i = 0; i < 100; i++)
		strcat(text, "è");
	parse(state, text, &a);
	assert_int_equal(cps(a.title, strlen(a.title)), 81);
	corpus_article_free(&a);
	/* Short: taken whole, final full stop dropped. */
	parse(state, "Piove su Roma. Nient'altro.", &a);
	assert_string_equal(a.title, "Piove su Roma");
	corpus_article_free(&a);
}

static void test_hints(void **state)
{
	struct corpus_article a;
	struct corpus_hints h = { .title = "Il titolo vero", .author = "Anna Neri",
	                          .date = "2024-06-01T10:00:00Z" };
	parse_hints(state, "  il TITOLO vero \n\ndi Mario Rossi\nData: 12/09/2023 "
	            "Il testo. Con due frasi.\n", &h, &a);
	assert_string_equal(a.title, "Il titolo vero");
	assert_false(a.title_guessed);
	assert_string_equal(a.author, "Anna Neri");
	assert_string_equal(a.date, "2024-06-01");
	assert_int_equal(dropped_count(&a, CORPUS_DROP_TITLE, NULL), 1);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_BYLINE, NULL), 1);
	assert_int_equal(a.n_paras, 1);
	assert_true(strncmp(a.body, "Il testo.", 9) == 0);
	corpus_article_free(&a);
	/* A first line that differs from the known title stays. */
	h = (struct corpus_hints){ .title = "Altro titolo" };
	parse_hints(state, "Una riga breve\nIl testo dell'articolo.\n", &h, &a);
	assert_string_equal(a.title, "Altro titolo");
	assert_int_equal(a.n_paras, 2);
	assert_null(a.subtitle);
	corpus_article_free(&a);
	/* An unparsable date hint leaves the text's date. */
	h = (struct corpus_hints){ .date = "ieri" };
	parse_hints(state, "Titolo\n12 settembre 2023\nTesto.\n", &h, &a);
	assert_string_equal(a.date, "2023-09-12");
	corpus_article_free(&a);
}

static void test_headings(void **state)
{
	struct corpus_article a;
	parse(state, "Il titolo\n"
	      "Primo paragrafo della notizia con diverse parole dentro.\n"
	      "Una sezione\n"
	      "Il paragrafo che segue la sezione, ben più lungo di essa.\n"
	      "Finisce con un punto.\n"
	      "Un paragrafo successivo, molto più lungo della riga prima.\n"
	      "minuscola all'inizio\n"
	      "Un paragrafo successivo, molto più lungo della riga prima.\n"
	      "“Tra virgolette”\n"
	      "Un paragrafo successivo, molto più lungo della riga prima.\n"
	      "Chi vince?\n"
	      "Un paragrafo successivo, molto più lungo della riga prima.\n"
	      "Coda di una citazione»\n"
	      "Un paragrafo successivo, molto più lungo della riga prima.\n"
	      "Ultima riga breve\n", &a);
	assert_heading(&a, "Una sezione");
	assert_heading(&a, "“Tra virgolette”");
	assert_heading(&a, "Chi vince?");
	assert_int_equal(a.paras[find_para(&a, "Finisce con un punto.")].kind,
	                 CORPUS_PARA_BODY);
	assert_int_equal(a.paras[find_para(&a, "minuscola all'inizio")].kind,
	                 CORPUS_PARA_BODY);
	assert_int_equal(a.paras[find_para(&a, "Coda di una citazione»")].kind,
	                 CORPUS_PARA_BODY);
	assert_int_equal(a.paras[find_para(&a, "Ultima riga breve")].kind,
	                 CORPUS_PARA_BODY);
	assert_int_equal(heading_count(&a), 3);
	corpus_article_free(&a);
}

static void test_paragraphs_and_offsets(void **state)
{
	struct corpus_article a;
	/* Blank lines, white space around lines, a control character inside. */
	parse(state, "\n\n \tTitolo\t \n\nPrima riga. È qui.\t \nSeconda: perché "
	      "“no”. Sì!\n\n\nTerza \x1b riga.\n", &a);
	assert_string_equal(a.title, "Titolo");
	assert_int_equal(a.n_paras, 3);
	assert_string_equal(a.body, "Prima riga. È qui.\n\nSeconda: perché “no”. "
	                    "Sì!\n\nTerza \x1b riga.");
	assert_int_equal(a.n_sentences, 5);
	const struct corpus_span *s = &a.sentences[3];
	assert_memory_equal(a.body + s->start, "Sì!", s->end - s->start);
	assert_int_equal(s->cp_start, 42);
	assert_int_equal(s->cp_end, 45);
	assert_int_equal(a.paras[1].span.cp_start, 20);
	assert_int_equal(a.paras[1].span.cp_end, 45);
	assert_int_equal(a.paras[2].span.cp_start, 47);
	corpus_article_free(&a);
}

static void test_fixture_web_it(void **state)
{
	struct corpus_article a;
	parse_file(state, "tests/fixtures/corpus/web_it.txt", &a);
	assert_string_equal(a.title,
	                    "Nuovo piano per i trasporti a Milano: più tram e meno auto");
	assert_string_equal(a.subtitle, "Il Comune presenta un progetto da due "
	                    "miliardi per la mobilità sostenibile.");
	assert_string_equal(a.author, "Anna Maria De Luca");
	assert_string_equal(a.date, "2023-09-12");
	assert_int_equal(dropped_count(&a, CORPUS_DROP_BANNER, NULL), 3);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_CAPTION, "(foto Ansa)"), 1);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_PROMPT, NULL), 4);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_SYMBOL, "***"), 1);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_DATE, "alle 10:30"), 1);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_BYLINE, NULL), 1);
	assert_int_equal(a.n_paras, 4);
	assert_heading(&a, "Le critiche dell'opposizione");
	assert_true(find_para(&a, "Il Garante della privacy ha chiesto al Comune "
	                      "di spiegare come saranno trattati i dati raccolti "
	                      "dalle telecamere e se i cookie del sito del progetto "
	                      "rispettano le regole.") >= 0);
	assert_int_equal(a.n_sentences, 7);
	corpus_article_free(&a);
}

static void test_fixture_web_en(void **state)
{
	struct corpus_article a;
	parse_file(state, "tests/fixtures/corpus/web_en.txt", &a);
	assert_string_equal(a.title, "Storm leaves thousands without power");
	assert_null(a.subtitle);
	assert_string_equal(a.author, "Jane Doe and John Smith");
	assert_string_equal(a.date, "2023-09-12");
	assert_int_equal(dropped_count(&a, CORPUS_DROP_CAPTION, "Photo: Reuters"), 1);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_PROMPT, NULL), 2);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_BANNER, NULL), 2);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_SYMBOL, "✕"), 1);
	assert_int_equal(a.n_paras, 2);
	assert_int_equal(a.n_sentences, 5);
	corpus_article_free(&a);
}

static void test_fixture_web_nav(void **state)
{
	struct corpus_article a;
	parse_file(state, "tests/fixtures/corpus/web_nav.txt", &a);
	assert_string_equal(a.title, "Meloni incontra Biden alla Casa Bianca");
	assert_string_equal(a.subtitle,
	                    "La premier a Washington per parlare di Ucraina e Cina");
	assert_string_equal(a.author, "Redazione");
	assert_string_equal(a.date, "2023-09-12");
	assert_int_equal(dropped_count(&a, CORPUS_DROP_PROMPT,
	                               "Home › Politica › Esteri"), 1);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_PROMPT,
	                               "Politica | Esteri | Economia | Cronaca"), 1);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_PROMPT, NULL), 8);
	assert_int_equal(dropped_count(&a, CORPUS_DROP_DATE, "18:45"), 1);
	assert_int_equal(a.n_paras, 2);
	assert_int_equal(heading_count(&a), 0);
	assert_true(strncmp(a.body, "Giorgia Meloni è arrivata", 20) == 0);
	corpus_article_free(&a);
}

static void test_robust_input(void **state)
{
	struct corpus_article a;
	/* Invalid UTF-8 and embedded odd bytes: no crash, invariants kept. */
	static const char bad[] = "Titolo \xff\xfe rotto\n\xc3\nTesto \xe2\x80 qui. "
	                          "Altro.\n\xf0\x9f\x98\x80\n";
	assert_int_equal(corpus_parse(*state, bad, sizeof bad - 1, NULL, &a), 0);
	assert_non_null(a.title);
	assert_non_null(a.body);
	corpus_article_free(&a);
	/* The length is honoured: nothing past len is read. */
	const char *text = "Titolo\nTesto dell'articolo.\nNON LETTO";
	assert_int_equal(corpus_parse(*state, text, 27, NULL, &a), 0);
	check_article(&a);
	assert_false(body_has(&a, "NON"));
	corpus_article_free(&a);
	/* A very long line of one repeated word. */
	size_t n = 200000;
	char *big = malloc(n + 1);
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = i % 6 == 5 ? ' ' : 'a';
	big[n] = '\0';
	assert_int_equal(corpus_parse(*state, big, n, NULL, &a), 0);
	check_article(&a);
	assert_int_equal(a.n_paras, 1);
	corpus_article_free(&a);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_missing_dir),
		cmocka_unit_test(test_rules_unknown_section),
		cmocka_unit_test(test_drop_kind_names),
		cmocka_unit_test(test_parse_date),
		cmocka_unit_test(test_sentences_basic),
		cmocka_unit_test(test_sentences_abbreviations),
		cmocka_unit_test(test_sentences_initials_numbers),
		cmocka_unit_test(test_sentences_quotes),
		cmocka_unit_test(test_sentences_offsets),
		cmocka_unit_test(test_corpus_000),
		cmocka_unit_test(test_corpus_001),
		cmocka_unit_test(test_corpus_002),
		cmocka_unit_test(test_corpus_003),
		cmocka_unit_test(test_corpus_004),
		cmocka_unit_test(test_corpus_nothing_left_behind),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_only_boilerplate),
		cmocka_unit_test(test_body_mentions_cookie),
		cmocka_unit_test(test_not_a_byline),
		cmocka_unit_test(test_bylines),
		cmocka_unit_test(test_date_lines),
		cmocka_unit_test(test_boilerplate_kinds),
		cmocka_unit_test(test_kept_lines),
		cmocka_unit_test(test_title_rules),
		cmocka_unit_test(test_guessed_title),
		cmocka_unit_test(test_hints),
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_paragraphs_and_offsets),
		cmocka_unit_test(test_fixture_web_it),
		cmocka_unit_test(test_fixture_web_en),
		cmocka_unit_test(test_fixture_web_nav),
		cmocka_unit_test(test_robust_input),
	};
	return cmocka_run_group_tests_name("corpus", tests, group_setup,
	                                   group_teardown);
}
