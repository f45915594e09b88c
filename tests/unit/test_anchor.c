/*
 * test_anchor.c: unit tests for src/anchor.c: capturing a selection's
 * evidence and placing it again after the article's text changed.  The
 * texts are the bundled corpus's first article (read through $top_srcdir,
 * default ".", its lines joined by blank lines as canonical text is) and
 * Italian written inline; a generated 10,000-word article measures speed.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "margo/anchor.h"
#include "margo/text.h"
#include "margo/util.h"

/* ---- helpers ----------------------------------------------------------- */

static const char *srcdir(void)
{
	const char *d = getenv("top_srcdir");
	return d && *d ? d : ".";
}

/* The first corpus article as canonical text: paragraphs (the file's
 * lines) separated by a blank line. */
static char *article(void)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/corpus/000_d4a5fe329111c680.txt", srcdir());
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct buf b = { 0 };
	char line[8192];
	while (fgets(line, sizeof line, f)) {
		size_t n = strlen(line);
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (n == 0)
			continue;
		if (b.len)
			assert_int_equal(buf_puts(&b, "\n\n"), 0);
		assert_int_equal(buf_append(&b, line, n), 0);
	}
	fclose(f);
	char *s = buf_steal(&b);
	assert_non_null(s);
	return s;
}

/* Code point offset of the nth (0-based) occurrence of needle in s. */
static size_t cp_of_nth(const char *s, const char *needle, int nth)
{
	const char *p = s;
	for (;;) {
		p = strstr(p, needle);
		assert_non_null(p);
		if (nth-- == 0)
			return text_cp_count(s, (size_t)(p - s));
		p++;
	}
}

static size_t cp_of(const char *s, const char *needle)
{
	return cp_of_nth(s, needle, 0);
}

static size_t cplen(const char *s)
{
	return text_cp_count(s, strlen(s));
}

/* s with the first occurrence of `from` replaced by `to` (malloc'd). */
static char *replace(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);
	assert_non_null(p);
	char *r = util_printf("%.*s%s%s", (int)(p - s), s, to, p + strlen(from));
	assert_non_null(r);
	return r;
}

/* Evidence captured from a text, owning its strings. */
struct ev {
	struct anchor_evidence e;
	char *q, *p, *s;
};

static void capture(struct ev *ev, const char *text, size_t start, size_t end)
{
	assert_int_equal(anchor_capture(text, strlen(text), start, end,
	                                &ev->q, &ev->p, &ev->s), 0);
	ev->e = (struct anchor_evidence){ ev->q, ev->p, ev->s, start, end };
}

/* Evidence for the first occurrence of quote in text. */
static void capture_quote(struct ev *ev, const char *text, const char *quote)
{
	size_t s = cp_of(text, quote);
	capture(ev, text, s, s + cplen(quote));
	assert_string_equal(ev->q, quote);
}

static void ev_free(struct ev *ev)
{
	free(ev->q);
	free(ev->p);
	free(ev->s);
}

static struct anchor_result locate(const char *old, const char *new,
                                   const struct ev *ev)
{
	struct anchor_result r;
	assert_int_equal(anchor_locate(old, old ? strlen(old) : 0, new,
	                               strlen(new), &ev->e, &r), 0);
	return r;
}

/* The text [start, end) (code points) of s, malloc'd. */
static char *slice(const char *s, size_t start, size_t end)
{
	size_t len = strlen(s);
	size_t b = text_cp_to_byte(s, len, start);
	size_t e = text_cp_to_byte(s, len, end);
	char *r = util_strndup(s + b, e - b);
	assert_non_null(r);
	return r;
}

static void assert_placed(const char *text, struct anchor_result r,
                          enum anchor_status st, size_t start,
                          const char *want)
{
	assert_string_equal(anchor_status_name(r.status), anchor_status_name(st));
	assert_int_equal(r.start, start);
	assert_int_equal(r.end, start + cplen(want));
	char *got = slice(text, r.start, r.end);
	assert_string_equal(got, want);
	free(got);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Sentences used in several tests. */
#define Q_COOP "La cooperazione militare, come evidenziato dalle forniture di artiglieria nordcoreane alla Russia, è cruciale per il Cremlino"
#define Q_COOP_EDIT "La cooperazione militare, come evidenziato dalle forniture di munizioni nordcoreane alla Russia, è cruciale per il Cremlino"
#define NEW_PARA "Aggiornamento delle 18: la delegazione russa è ripartita da Pyongyang dopo una cena di Stato, secondo l’agenzia ufficiale KCNA."

/* ---- status names ------------------------------------------------------ */

static void test_status_names(void **state)
{
	(void)state;
	const char *names[] = { "exact", "moved", "fuzzy", "orphan", "manual" };
	for (int i = 0; i < 5; i++) {
		assert_string_equal(anchor_status_name((enum anchor_status)i), names[i]);
		assert_int_equal(anchor_status_parse(names[i]), i);
	}
	assert_int_equal(anchor_status_parse("Exact"), -1);
	assert_int_equal(anchor_status_parse(""), -1);
	assert_int_equal(anchor_status_parse(NULL), -1);
}

/* ---- capture ----------------------------------------------------------- */

/* In mid-paragraph: 48 code points each side, counted in code points
 * (the prefix holds a curly apostrophe, three bytes). */
static void test_capture_context_lengths(void **state)
{
	(void)state;
	char *t = article();
	size_t s = cp_of(t, "Vladimir Putin");
	struct ev ev;
	capture(&ev, t, s, s + 14);
	assert_string_equal(ev.q, "Vladimir Putin");
	assert_int_equal(cplen(ev.p), ANCHOR_CONTEXT);
	assert_int_equal(cplen(ev.s), ANCHOR_CONTEXT);
	assert_string_equal(ev.p, "ro in corso a Pyongyang tra il presidente russo ");
	assert_string_equal(ev.s, " e quello nordcoreano Kim Jong-un rappresenta un");
	ev_free(&ev);
	/* 48 code points, 50 bytes: "’" is three bytes. */
	capture_quote(&ev, t, "russo per il suo programma");
	assert_string_equal(ev.p, "a parte sua Pyongyang ha beneficiato dell’aiuto ");
	assert_int_equal(cplen(ev.p), ANCHOR_CONTEXT);
	assert_int_equal(strlen(ev.p), ANCHOR_CONTEXT + 2);
	ev_free(&ev);
	free(t);
}

/* Prefix and suffix stop at the blank line between paragraphs. */
static void test_capture_clipped_at_blank_line(void **state)
{
	(void)state;
	char *t = article();
	struct ev ev;
	/* A paragraph's first words: no prefix at all. */
	capture_quote(&ev, t, "L’incontro a Pyongyang");
	assert_string_equal(ev.p, "");
	assert_int_equal(cplen(ev.s), ANCHOR_CONTEXT);
	ev_free(&ev);
	/* Eleven code points into the paragraph. */
	capture_quote(&ev, t, "a Pyongyang tra Putin");
	assert_string_equal(ev.p, "L’incontro ");
	ev_free(&ev);
	/* A paragraph's last words: the suffix is the full stop only. */
	capture_quote(&ev, t, "sostenere i rispettivi regimi");
	assert_string_equal(ev.s, ".");
	assert_int_equal(cplen(ev.p), ANCHOR_CONTEXT);
	ev_free(&ev);
	free(t);
}

/* At the text's start and end; accented letters counted once. */
static void test_capture_text_edges(void **state)
{
	(void)state;
	const char *t = "È già così: perché?";
	struct ev ev;
	capture(&ev, t, 0, 7);
	assert_string_equal(ev.q, "È già c");
	assert_string_equal(ev.p, "");
	assert_string_equal(ev.s, "osì: perché?");
	ev_free(&ev);
	capture(&ev, t, 12, 19);
	assert_string_equal(ev.q, "perché?");
	assert_string_equal(ev.p, "È già così: ");
	assert_string_equal(ev.s, "");
	ev_free(&ev);
	/* The whole text. */
	capture(&ev, t, 0, 19);
	assert_string_equal(ev.q, t);
	ev_free(&ev);
}

/* Ranges outside the text and empty selections are refused. */
static void test_capture_rejects(void **state)
{
	(void)state;
	const char *t = "è già così";   /* 10 code points, 13 bytes */
	char *q = (char *)1, *p = (char *)1, *s = (char *)1;
	assert_int_equal(anchor_capture(t, strlen(t), 0, 11, &q, &p, &s), -1);
	assert_null(q);
	assert_null(p);
	assert_null(s);
	assert_int_equal(anchor_capture(t, strlen(t), 5, 4, &q, &p, &s), -1);
	assert_int_equal(anchor_capture(t, strlen(t), 3, 3, &q, &p, &s), -1);
	assert_int_equal(anchor_capture(t, strlen(t), 2, 10, &q, &p, &s), 0);
	assert_string_equal(q, "già così");
	free(q);
	free(p);
	free(s);
}

/* ---- locate ------------------------------------------------------------ */

static void test_same_text_exact(void **state)
{
	(void)state;
	char *t = article();
	struct ev ev;
	capture_quote(&ev, t, Q_COOP);
	struct anchor_result r = locate(t, t, &ev);
	assert_placed(t, r, ANCHOR_EXACT, ev.e.start, Q_COOP);
	assert_true(r.score == 1.0);
	/* Without the old text too. */
	r = locate(NULL, t, &ev);
	assert_int_equal(r.status, ANCHOR_EXACT);
	ev_free(&ev);
	free(t);
}

/* A paragraph inserted before the quote: the diff carries it along. */
static void test_paragraph_inserted_moved(void **state)
{
	(void)state;
	char *t = article();
	struct ev ev;
	capture_quote(&ev, t, Q_COOP);
	char *n = replace(t, "La decisione di Putin", NEW_PARA "\n\nLa decisione di Putin");
	struct anchor_result r = locate(t, n, &ev);
	assert_placed(n, r, ANCHOR_MOVED, ev.e.start + cplen(NEW_PARA) + 2, Q_COOP);
	assert_true(r.score == 1.0);
	/* A short quote moves the same way. */
	struct ev ev2;
	size_t s = cp_of(t, "Putin e quello");
	capture(&ev2, t, s, s + 5);
	char *n2 = replace(t, "L’incontro in corso", NEW_PARA "\n\nL’incontro in corso");
	r = locate(t, n2, &ev2);
	assert_placed(n2, r, ANCHOR_MOVED, s + cplen(NEW_PARA) + 2, "Putin");
	ev_free(&ev2);
	free(n2);
	ev_free(&ev);
	free(n);
	free(t);
}

/* A word changed inside the quote (and a paragraph inserted before it). */
static void test_word_changed_fuzzy(void **state)
{
	(void)state;
	char *t = article();
	struct ev ev;
	capture_quote(&ev, t, Q_COOP);
	char *n1 = replace(t, "artiglieria", "munizioni");
	char *n = replace(n1, "Questa collaborazione", NEW_PARA "\n\nQuesta collaborazione");
	char *n2 = replace(n, "La decisione di Putin", NEW_PARA "\n\nLa decisione di Putin");
	struct anchor_result r = locate(t, n2, &ev);
	assert_placed(n2, r, ANCHOR_FUZZY, ev.e.start + cplen(NEW_PARA) + 2, Q_COOP_EDIT);
	print_message("# word changed: fuzzy, score %.3f\n", r.score);
	assert_true(r.score > 0.9 && r.score < 1.0);
	/* The first word changed: the place still takes whole words. */
	struct ev ev2;
	capture_quote(&ev2, t, "ha limitato i suoi viaggi internazionali ai paesi amici");
	char *n3 = replace(t, "ha limitato i suoi", "aveva limitato i suoi");
	r = locate(t, n3, &ev2);
	assert_placed(n3, r, ANCHOR_FUZZY, ev2.e.start,
	              "aveva limitato i suoi viaggi internazionali ai paesi amici");
	ev_free(&ev2);
	free(n3);
	ev_free(&ev);
	free(n1);
	free(n);
	free(n2);
	free(t);
}

/* The quoted sentence appears again in another paragraph: the original
 * place is kept, by the diff, and by context without the old text even
 * when the copy comes first. */
static void test_duplicate_keeps_original(void **state)
{
	(void)state;
	char *t = article();
	struct ev ev;
	capture_quote(&ev, t, Q_COOP);
	/* The copy after the original, a paragraph inserted before both. */
	char *n1 = replace(t, "Questa collaborazione non si limita",
	                   "Questa collaborazione non si limita, come si è detto: " Q_COOP ". Ma non si limita");
	char *n = replace(n1, "La decisione di Putin", NEW_PARA "\n\nLa decisione di Putin");
	struct anchor_result r = locate(t, n, &ev);
	assert_placed(n, r, ANCHOR_MOVED, ev.e.start + cplen(NEW_PARA) + 2, Q_COOP);
	/* The copy before the original, in the first paragraph. */
	char *n2 = replace(t, "La visita di Putin in Corea del Nord, la prima",
	                   "Lo ripetono gli analisti: " Q_COOP ". La visita di Putin in Corea del Nord, la prima");
	size_t copy = cp_of_nth(n2, Q_COOP, 0), orig = cp_of_nth(n2, Q_COOP, 1);
	assert_true(copy < orig);
	r = locate(t, n2, &ev);
	assert_placed(n2, r, ANCHOR_MOVED, orig, Q_COOP);
	r = locate(NULL, n2, &ev);
	assert_placed(n2, r, ANCHOR_FUZZY, orig, Q_COOP);
	print_message("# duplicate without old text: fuzzy, score %.3f\n", r.score);
	assert_true(r.score > 0.8 && r.score < 1.0);
	/* The original edited, the copy exact: still the original. */
	char *n3 = replace(n2, "di artiglieria nordcoreane alla Russia, è cruciale per il Cremlino, che",
	                   "di munizioni nordcoreane alla Russia, è cruciale per il Cremlino, che");
	r = locate(t, n3, &ev);
	assert_placed(n3, r, ANCHOR_FUZZY, orig, Q_COOP_EDIT);
	r = locate(NULL, n3, &ev);
	assert_placed(n3, r, ANCHOR_FUZZY, orig, Q_COOP_EDIT);
	free(n3);
	ev_free(&ev);
	free(n1);
	free(n);
	free(n2);
	free(t);
}

/* The quoted sentence deleted: an orphan, with offsets 0, 0. */
static void test_quote_deleted_orphan(void **state)
{
	(void)state;
	char *t = article();
	struct ev ev;
	capture_quote(&ev, t, Q_COOP);
	char *n = replace(t, Q_COOP ", che cerca disperatamente di mantenere la pressione militare in Ucraina. ", "");
	struct anchor_result r = locate(t, n, &ev);
	assert_int_equal(r.status, ANCHOR_ORPHAN);
	assert_int_equal(r.start, 0);
	assert_int_equal(r.end, 0);
	assert_true(r.score < 0.6);
	r = locate(NULL, n, &ev);
	assert_int_equal(r.status, ANCHOR_ORPHAN);
	ev_free(&ev);
	free(n);
	free(t);
}

/* A sentence moved to another paragraph is found there. */
static void test_sentence_moved_elsewhere_fuzzy(void **state)
{
	(void)state;
	char *t = article();
	const char *q = "Questo isolamento ha spinto la Russia a rafforzare i legami con paesi come la Corea del Nord e l’Iran";
	struct ev ev;
	capture_quote(&ev, t, q);
	char *full = util_printf(" %s, che hanno fornito droni e altre attrezzature militari vitali.", q);
	char *n1 = replace(t, full, "");
	char *moved = util_printf("Questa collaborazione non si limita solo al sostegno bellico. %s.", q);
	char *n = replace(n1, "Questa collaborazione non si limita solo al sostegno bellico.", moved);
	struct anchor_result r = locate(t, n, &ev);
	assert_placed(n, r, ANCHOR_FUZZY, cp_of(n, q), q);
	print_message("# sentence moved to another paragraph: fuzzy, score %.3f\n", r.score);
	ev_free(&ev);
	free(full);
	free(moved);
	free(n1);
	free(n);
	free(t);
}

/* A common phrase inside a rewritten paragraph: the diff lines it up with
 * the same words in a new sentence, which is not "moved" but fuzzy, for
 * the user to review. */
static void test_rewritten_paragraph_not_moved(void **state)
{
	(void)state;
	char *t = article();
	const char *q = "la Corea del Nord ha fornito";
	struct ev ev;
	capture_quote(&ev, t, q);
	const char *p = strstr(t, "L’incontro a Pyongyang tra Putin");
	const char *pe = strstr(p, "\n\n");
	assert_non_null(pe);
	char *n = util_printf("%.*s%s%s", (int)(p - t), t,
		"Secondo Seul, la Corea del Nord ha fornito a Mosca milioni di proiettili. "
		"Il Cremlino, dal canto suo, offre tecnologia satellitare e petrolio a Pyongyang.",
		pe);
	struct anchor_result r = locate(t, n, &ev);
	assert_placed(n, r, ANCHOR_FUZZY, cp_of(n, q), q);
	print_message("# phrase in a rewritten paragraph: fuzzy, score %.3f\n", r.score);
	assert_true(r.score < 0.9);
	ev_free(&ev);
	free(n);
	free(t);
}

/* A surname whose paragraph was rewritten: no other Putin is taken, not
 * even one the diff lines up with it. */
static void test_short_quote_context_changed_orphan(void **state)
{
	(void)state;
	char *t = article();
	size_t s = cp_of(t, "Putin e quello nordcoreano");
	struct ev ev;
	capture(&ev, t, s, s + 5);
	assert_string_equal(ev.q, "Putin");
	const char *para_end = "sostenere i rispettivi regimi.";
	const char *p = strstr(t, para_end);
	assert_non_null(p);
	const char *rewritten =
		"Il vertice di Pyongyang segna una svolta nei rapporti tra Mosca e il regime "
		"nordcoreano, entrambi isolati dalle sanzioni. Secondo fonti diplomatiche, "
		"Putin vuole garantirsi nuove forniture di proiettili per il fronte ucraino.";
	char *n = util_printf("di Giuseppe Gagliano –\n\n%s%s", rewritten, p + strlen(para_end));
	struct anchor_result r = locate(t, n, &ev);
	assert_int_equal(r.status, ANCHOR_ORPHAN);
	assert_int_equal(r.start, 0);
	assert_int_equal(r.end, 0);
	print_message("# short quote, context gone: orphan, best score %.3f\n", r.score);
	r = locate(NULL, n, &ev);
	assert_int_equal(r.status, ANCHOR_ORPHAN);
	/* Never inside a longer word, even at the same offsets. */
	const char *k1 = "Ieri ha parlato Kim davanti ai generali.";
	const char *k2 = "Ieri ha parlato Kimura davanti ai generali.";
	struct ev ek;
	capture_quote(&ek, k1, "Kim");
	r = locate(k1, k2, &ek);
	assert_int_equal(r.status, ANCHOR_ORPHAN);
	r = locate(NULL, k2, &ek);
	assert_int_equal(r.status, ANCHOR_ORPHAN);
	ev_free(&ek);
	/* Its context kept, the same surname is found without the old text. */
	char *n2 = replace(t, "L’incontro in corso", NEW_PARA "\n\nL’incontro in corso");
	r = locate(NULL, n2, &ev);
	assert_placed(n2, r, ANCHOR_FUZZY, s + cplen(NEW_PARA) + 2, "Putin");
	ev_free(&ev);
	free(n);
	free(n2);
	free(t);
}

/* Two places equally good (the edited paragraph twice, the stored offset
 * half-way between them, slightly different edits): no clear margin, so
 * an orphan rather than a guess. */
static void test_no_margin_orphan(void **state)
{
	(void)state;
	char *t = article();
	struct ev ev;
	capture_quote(&ev, t, Q_COOP);
	const char *para_start = strstr(t, "La decisione di Putin");
	const char *para_end = strstr(para_start, "\n\n");
	assert_non_null(para_end);
	char *para = util_strndup(para_start, (size_t)(para_end - para_start));
	char *p1 = replace(para, "artiglieria", "munizioni");
	char *p2 = replace(para, "artiglieria", "munizione");
	char *n = util_printf("%s\n\n%s\n\n%s", p1, NEW_PARA, p2);
	size_t a = cp_of_nth(n, "La cooperazione militare", 0);
	size_t b = cp_of_nth(n, "La cooperazione militare", 1);
	ev.e.start = (a + b) / 2;
	ev.e.end = ev.e.start + cplen(Q_COOP);
	struct anchor_result r = locate(NULL, n, &ev);
	assert_int_equal(r.status, ANCHOR_ORPHAN);
	assert_int_equal(r.start, 0);
	print_message("# two near-identical places: orphan, best score %.3f\n", r.score);
	assert_true(r.score > 0.6);
	/* Much nearer to one of them: that one. */
	ev.e.start = b;
	ev.e.end = b + cplen(Q_COOP);
	r = locate(NULL, n, &ev);
	assert_placed(n, r, ANCHOR_FUZZY, b,
	              "La cooperazione militare, come evidenziato dalle forniture di munizione nordcoreane alla Russia, è cruciale per il Cremlino");
	free(para);
	free(p1);
	free(p2);
	free(n);
	ev_free(&ev);
	free(t);
}

/* No old text: found by quote and context alone. */
static void test_no_old_text(void **state)
{
	(void)state;
	char *t = article();
	struct ev ev;
	capture_quote(&ev, t, Q_COOP);
	char *n1 = replace(t, "La decisione di Putin", NEW_PARA "\n\nLa decisione di Putin");
	char *n = replace(n1, "Vladimir Putin", "Vladimir Vladimirovič Putin");
	struct anchor_result r = locate(NULL, n, &ev);
	assert_placed(n, r, ANCHOR_FUZZY, cp_of(n, Q_COOP), Q_COOP);
	char *n2 = replace(n, "artiglieria", "munizioni");
	r = locate(NULL, n2, &ev);
	assert_placed(n2, r, ANCHOR_FUZZY, cp_of(n, Q_COOP), Q_COOP_EDIT);
	ev_free(&ev);
	free(n1);
	free(n);
	free(n2);
	free(t);
}

/* Accents, curly quotes and apostrophes: offsets are code points. */
static void test_code_points_not_bytes(void **state)
{
	(void)state;
	const char *old =
		"Perché l’accordo è così importante? «È una novità», dice l’analista.\n\n"
		"Il ministro ha detto: “Non c’è più tempo”, e la città è rimasta in silenzio.";
	const char *q = "“Non c’è più tempo”, e la città";
	struct ev ev;
	capture_quote(&ev, old, q);
	assert_int_equal(ev.e.end - ev.e.start, 31);
	assert_true(strlen(q) > 31);
	char *n = replace(old, "Il ministro", "Già martedì, però, il ministro");
	struct anchor_result r = locate(old, n, &ev);
	assert_placed(n, r, ANCHOR_MOVED, ev.e.start + 19, q);
	r = locate(NULL, n, &ev);
	assert_placed(n, r, ANCHOR_FUZZY, ev.e.start + 19, q);
	/* And an accent changed inside the quote. */
	char *n2 = replace(n, "città", "citta");
	r = locate(old, n2, &ev);
	assert_placed(n2, r, ANCHOR_FUZZY, ev.e.start + 19, "“Non c’è più tempo”, e la citta");
	free(n2);
	free(n);
	ev_free(&ev);
}

/* An empty quote is refused: an orphan, never a place. */
static void test_empty_quote_rejected(void **state)
{
	(void)state;
	const char *t = "La visita di Putin in Corea del Nord.";
	struct anchor_evidence e = { "", "La visita di ", "Putin", 13, 13 };
	struct anchor_result r;
	assert_int_equal(anchor_locate(t, strlen(t), t, strlen(t), &e, &r), 0);
	assert_int_equal(r.status, ANCHOR_ORPHAN);
	assert_int_equal(r.start, 0);
	assert_int_equal(r.end, 0);
	e.quote = NULL;
	assert_int_equal(anchor_locate(NULL, 0, t, strlen(t), &e, &r), 0);
	assert_int_equal(r.status, ANCHOR_ORPHAN);
}

/* ---- a long article ---------------------------------------------------- */

/* A deterministic generator: no global state. */
static uint32_t lcg(uint64_t *st)
{
	*st = *st * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
	return (uint32_t)(*st >> 33);
}

/* Words of the bundled article, to make text of. */
struct words {
	char **w;
	size_t n;
};

static void words_load(struct words *ws)
{
	char *t = article();
	ws->n = 0;
	ws->w = malloc(strlen(t) * sizeof *ws->w);
	assert_non_null(ws->w);
	for (char *tok = strtok(t, " \n"); tok; tok = strtok(NULL, " \n")) {
		ws->w[ws->n] = util_strdup(tok);
		assert_non_null(ws->w[ws->n]);
		ws->n++;
	}
	free(t);
}

static void words_free(struct words *ws)
{
	for (size_t i = 0; i < ws->n; i++)
		free(ws->w[i]);
	free(ws->w);
}

/* One paragraph of 3 to 6 sentences of 8 to 25 words. */
static char *paragraph(const struct words *ws, uint64_t *st, size_t *nwords)
{
	struct buf b = { 0 };
	int ns = 3 + (int)(lcg(st) % 4);
	for (int i = 0; i < ns; i++) {
		int nw = 8 + (int)(lcg(st) % 18);
		for (int j = 0; j < nw; j++) {
			if (b.len)
				assert_int_equal(buf_putc(&b, ' '), 0);
			assert_int_equal(buf_puts(&b, ws->w[lcg(st) % ws->n]), 0);
		}
		assert_int_equal(buf_putc(&b, '.'), 0);
		*nwords += (size_t)nw;
	}
	char *s = buf_steal(&b);
	assert_non_null(s);
	return s;
}

static char *join(char **paras, size_t n)
{
	struct buf b = { 0 };
	for (size_t i = 0; i < n; i++) {
		if (i)
			assert_int_equal(buf_puts(&b, "\n\n"), 0);
		assert_int_equal(buf_puts(&b, paras[i]), 0);
	}
	char *s = buf_steal(&b);
	assert_non_null(s);
	return s;
}

/* The first sentence of paragraph p of text, as a malloc'd string. */
static char *first_sentence(char **paras, size_t p)
{
	const char *dot = strchr(paras[p], '.');
	assert_non_null(dot);
	return util_strndup(paras[p], (size_t)(dot - paras[p]));
}

/* Replace the word after the kth space of a paragraph. */
static void change_word(char **para, int k, const char *w)
{
	char *s = *para, *p = s;
	for (int i = 0; i < k; i++) {
		p = strchr(p, ' ');
		assert_non_null(p);
		p++;
	}
	char *e = p + strcspn(p, " .");
	char *r = util_printf("%.*s%s%s", (int)(p - s), s, w, e);
	assert_non_null(r);
	free(s);
	*para = r;
}

static struct anchor_result timed(const char *old, const char *new,
                                  const struct ev *ev, const char *what)
{
	double t0 = now_ms();
	struct anchor_result r = locate(old, new, ev);
	double ms = now_ms() - t0;
	print_message("# %s: %s in %.2f ms (score %.3f)\n", what,
	              anchor_status_name(r.status), ms, r.score);
	return r;
}

/* A 10,000-word article, a paragraph inserted near the top, a sentence
 * deleted near the end and words changed here and there. */
static void test_long_article_speed(void **state)
{
	(void)state;
	struct words ws;
	words_load(&ws);
	uint64_t st = 20240619;
	size_t np = 0, cap = 1024, nwords = 0;
	char **paras = malloc(cap * sizeof *paras);
	assert_non_null(paras);
	while (nwords < 10000)
		paras[np++] = paragraph(&ws, &st, &nwords);
	char *old = join(paras, np);
	print_message("# long article: %zu words, %zu paragraphs, %zu code points\n",
	              nwords, np, cplen(old));

	size_t keep = np * 2 / 3, edit = np / 2;
	char *q1 = first_sentence(paras, keep), *q2 = first_sentence(paras, edit);
	struct ev e1, e2;
	capture_quote(&e1, old, q1);
	capture_quote(&e2, old, q2);
	assert_int_equal(e1.e.start, cp_of(old, q1));

	/* The edits, in new paragraphs. */
	size_t nn = 0, dummy = 0;
	char **np2 = malloc((np + 1) * sizeof *np2);
	assert_non_null(np2);
	for (size_t i = 0; i < np; i++) {
		if (i == 3)
			np2[nn++] = paragraph(&ws, &st, &dummy);
		np2[nn] = util_strdup(paras[i]);
		assert_non_null(np2[nn]);
		if (i == 10 || i == np / 3 || i == np - 5)
			change_word(&np2[nn], 4, "modificato");
		if (i == edit)
			change_word(&np2[nn], 3, "cambiato");
		if (i == np - 2) {
			const char *dot = strchr(np2[nn], '.');
			char *r = util_strdup(dot + 2);
			free(np2[nn]);
			np2[nn] = r;
		}
		nn++;
	}
	char *new = join(np2, nn);
	char *q2e = first_sentence(np2, edit + 1);

	struct anchor_result r = timed(old, new, &e1, "long article, untouched sentence");
	assert_placed(new, r, ANCHOR_MOVED, cp_of(new, q1), q1);
	r = timed(old, new, &e2, "long article, a word changed in the quote");
	assert_placed(new, r, ANCHOR_FUZZY, cp_of(new, q2e), q2e);
	r = timed(NULL, new, &e1, "long article, no old text");
	assert_placed(new, r, ANCHOR_FUZZY, cp_of(new, q1), q1);
	r = timed(NULL, new, &e2, "long article, no old text, a word changed");
	assert_placed(new, r, ANCHOR_FUZZY, cp_of(new, q2e), q2e);

	/* Heavily rewritten: the paragraphs in reverse order, the diff gives
	 * up and the quote is found by its words and context. */
	for (size_t i = 0; i < nn / 2; i++) {
		char *tmp = np2[i];
		np2[i] = np2[nn - 1 - i];
		np2[nn - 1 - i] = tmp;
	}
	char *rev = join(np2, nn);
	r = timed(old, rev, &e1, "long article, paragraphs reversed");
	assert_placed(rev, r, ANCHOR_FUZZY, cp_of(rev, q1), q1);
	r = timed(old, rev, &e2, "long article, paragraphs reversed, a word changed");
	assert_placed(rev, r, ANCHOR_FUZZY, cp_of(rev, q2e), q2e);

	ev_free(&e1);
	ev_free(&e2);
	free(q1);
	free(q2);
	free(q2e);
	free(old);
	free(new);
	free(rev);
	for (size_t i = 0; i < np; i++)
		free(paras[i]);
	for (size_t i = 0; i < nn; i++)
		free(np2[i]);
	free(paras);
	free(np2);
	words_free(&ws);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_names),
		cmocka_unit_test(test_capture_context_lengths),
		cmocka_unit_test(test_capture_clipped_at_blank_line),
		cmocka_unit_test(test_capture_text_edges),
		cmocka_unit_test(test_capture_rejects),
		cmocka_unit_test(test_same_text_exact),
		cmocka_unit_test(test_paragraph_inserted_moved),
		cmocka_unit_test(test_word_changed_fuzzy),
		cmocka_unit_test(test_duplicate_keeps_original),
		cmocka_unit_test(test_quote_deleted_orphan),
		cmocka_unit_test(test_sentence_moved_elsewhere_fuzzy),
		cmocka_unit_test(test_rewritten_paragraph_not_moved),
		cmocka_unit_test(test_short_quote_context_changed_orphan),
		cmocka_unit_test(test_no_margin_orphan),
		cmocka_unit_test(test_no_old_text),
		cmocka_unit_test(test_code_points_not_bytes),
		cmocka_unit_test(test_empty_quote_rejected),
		cmocka_unit_test(test_long_article_speed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
