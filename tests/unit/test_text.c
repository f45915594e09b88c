#include <config.h>
/*
 * test_text.c: unit tests for src/text.c (decoder, canonicalisation, the
 * cell rule, the renderer, wrapping, grapheme steps, trimming, folding).
 * Each test states what a reader of margo would see.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <unigbrk.h>
#include <unistr.h>

#include "margo/text.h"

/* UTF-8 spellings used throughout. */
#define FFFD "\xEF\xBF\xBD"
#define ZWJ_S "\xE2\x80\x8D"
#define MAN "\xF0\x9F\x91\xA8"
#define WOMAN "\xF0\x9F\x91\xA9"
#define GIRL "\xF0\x9F\x91\xA7"
#define FAMILY MAN ZWJ_S WOMAN ZWJ_S GIRL
#define GRIN "\xF0\x9F\x98\x80"
#define ZHONG "\xE4\xB8\xAD"	/* 中 */
#define ACUTE "\xCC\x81"	/* U+0301 */

/* ---- helpers ----------------------------------------------------------- */

/* Canonicalise a byte string (with explicit length) and compare. */
static void check_canon(const char *in, size_t len, const char *want,
                        struct text_stats *st)
{
	size_t n = 12345;
	char *out = text_canonicalize(in, len, &n, st);

	assert_non_null(out);
	assert_string_equal(out, want);
	assert_int_equal(n, strlen(want));
	free(out);
}

#define CANON(lit, want, st) check_canon(lit, sizeof(lit) - 1, want, st)

/* Render without limit and compare. */
static void check_render(const char *in, size_t len, int col, int max,
                         const char *want, int want_cells)
{
	int cells = -7;
	char *out = text_render(in, len, col, max, &cells);

	assert_non_null(out);
	assert_string_equal(out, want);
	assert_int_equal(cells, want_cells);
	free(out);
}

/* What may lie between lines: blanks, LF, and a CR just before an LF. */
static int is_gap(const char *s, size_t len, size_t j)
{
	return s[j] == ' ' || s[j] == '\t' || s[j] == '\n' ||
	       (s[j] == '\r' && j + 1 < len && s[j + 1] == '\n');
}

/*
 * The invariants every wrap must keep: each line's cells equal text_width
 * of its slice and fit the width (a single cluster wider than the line is
 * the one exception); lines come in order, do not overlap, start and end on
 * grapheme boundaries, contain no LF; what lies between lines is only
 * blanks and LFs; no text is lost.
 */
static void check_wrap_invariants(const char *s, size_t len, int width)
{
	struct text_line *v = NULL;
	size_t n = 0, i, j, prev = 0;
	char *gb = malloc(len + 1);

	assert_non_null(gb);
	if (len)
		u8_grapheme_breaks((const uint8_t *)s, len, gb);
	gb[len] = 1;
	assert_int_equal(text_wrap(s, len, width, &v, &n), 0);
	assert_true(n >= 1);
	for (i = 0; i < n; i++) {
		size_t a = v[i].start, b = v[i].end;

		assert_true(a >= prev);
		assert_true(a <= b && b <= len);
		for (j = prev; j < a; j++)
			assert_true(is_gap(s, len, j));
		assert_null(memchr(s + a, '\n', b - a));
		assert_true(gb[a] || a == len);
		assert_true(gb[b]);
		assert_int_equal(v[i].cells, text_width(s + a, b - a));
		if (v[i].cells > width)
			assert_int_equal(text_grapheme_next(s, len, a), b);
		prev = b;
	}
	for (j = prev; j < len; j++)
		assert_true(is_gap(s, len, j));
	free(v);
	free(gb);
}

/* Wrap and join the lines with "|" to compare with a readable string. */
static void check_wrap(const char *s, int width, const char *want)
{
	struct text_line *v = NULL;
	size_t n = 0, i, len = strlen(s), o = 0;
	char *got = malloc(2 * len + 16);

	assert_non_null(got);
	assert_int_equal(text_wrap(s, len, width, &v, &n), 0);
	for (i = 0; i < n; i++) {
		if (i)
			got[o++] = '|';
		memcpy(got + o, s + v[i].start, v[i].end - v[i].start);
		o += v[i].end - v[i].start;
	}
	got[o] = '\0';
	assert_string_equal(got, want);
	free(got);
	free(v);
	check_wrap_invariants(s, len, width);
}

/* ---- the decoder ------------------------------------------------------- */

static void test_decoder_table(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		const char *want;
		size_t invalid;
	} t[] = {
		{ "\xC0\x80", 2, FFFD FFFD, 2 },	/* overlong NUL: C0 is never a lead */
		{ "\xE0\x80\x80", 3, FFFD FFFD FFFD, 3 },	/* overlong: E0 needs A0..BF */
		{ "\xED\xA0\x80", 3, FFFD FFFD FFFD, 3 },	/* surrogate D800 */
		{ "\xF4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD, 4 },	/* U+110000 */
		{ "ab\xE2\x82", 4, "ab" FFFD, 1 },	/* truncated at the end */
		{ "a\xE2\x82z", 4, "a" FFFD "z", 1 },	/* truncated in the middle */
		{ "\xF0\x9F\x98x", 4, FFFD "x", 1 },	/* 3 of 4 bytes, one U+FFFD */
		{ "\x80\xBF", 2, FFFD FFFD, 2 },	/* lone continuation bytes */
		{ "\xF5\x80\xFF", 3, FFFD FFFD FFFD, 3 },
		/* Unicode Table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 */
		{ "a\xF1\x80\x80\xE1\x80\xC2" "b\x80" "c\x80\xBF" "d", 13,
		  "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d", 6 },
		{ GRIN, 4, GRIN, 0 },	/* valid 4-byte emoji kept */
		{ "\xF4\x8F\xBF\xBF", 4, "\xF4\x8F\xBF\xBF", 0 },	/* U+10FFFF */
		{ "\xED\x9F\xBF", 3, "\xED\x9F\xBF", 0 },	/* U+D7FF */
		{ "\xE2\x82\xAC 5", 5, "\xE2\x82\xAC 5", 0 },	/* euro */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct text_stats st;

		check_canon(t[i].in, t[i].len, t[i].want, &st);
		assert_int_equal(st.invalid, t[i].invalid);
	}
}

static void test_nul_dropped(void **state)
{
	struct text_stats st;

	(void)state;
	CANON("a\0b\0\0c", "abc", &st);
	assert_int_equal(st.nuls, 3);
	assert_int_equal(st.invalid, 0);
}

static void test_bom_removed(void **state)
{
	struct text_stats st;

	(void)state;
	CANON("\xEF\xBB\xBF" "Roma", "Roma", &st);
	assert_true(st.bom);
	/* A BOM further on is a zero-width no-break space: stripped. */
	CANON("Ro\xEF\xBB\xBFma", "Roma", &st);
	assert_false(st.bom);
	assert_int_equal(st.stripped, 1);
}

static void test_line_ends(void **state)
{
	(void)state;
	CANON("uno\r\ndue\rtre\n", "uno\ndue\ntre\n", NULL);
	CANON("a\r\r\nb", "a\n\nb", NULL);
	CANON("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", "a\nb\nc", NULL);
}

static void test_invisible_stripped(void **state)
{
	struct text_stats st;

	(void)state;
	/* RLO, LRI, PDI, LRM, ZWSP, soft hyphen, word joiner, ALM */
	CANON("\xE2\x80\xAE" "abc\xE2\x81\xA6" "d\xE2\x81\xA9\xE2\x80\x8E"
	      "e\xE2\x80\x8B" "f\xC2\xAD" "g\xE2\x81\xA0" "h\xD8\x9C",
	      "abcdefgh", &st);
	assert_int_equal(st.stripped, 8);
}

static void test_zwj_in_emoji_kept(void **state)
{
	struct text_stats st;

	(void)state;
	CANON(FAMILY, FAMILY, &st);
	assert_int_equal(st.stripped, 0);
	/* Heart on fire: U+2764 VS16 ZWJ U+1F525. */
	CANON("\xE2\x9D\xA4\xEF\xB8\x8F" ZWJ_S "\xF0\x9F\x94\xA5",
	      "\xE2\x9D\xA4\xEF\xB8\x8F" ZWJ_S "\xF0\x9F\x94\xA5", NULL);
	/* Between letters, or at an end of the sequence: gone. */
	CANON("a" ZWJ_S "b", "ab", &st);
	assert_int_equal(st.stripped, 1);
	CANON(MAN ZWJ_S "b", MAN "b", NULL);
	CANON("a" ZWJ_S MAN, "a" MAN, NULL);
	CANON(MAN ZWJ_S, MAN, NULL);
}

static void test_combining_marks_trimmed(void **state)
{
	struct text_stats st;

	(void)state;
	/* x with six marks (acute, circumflex, tilde, macron, breve, dot). */
	CANON("x\xCC\x81\xCC\x82\xCC\x83\xCC\x84\xCC\x86\xCC\x87y",
	      "x\xCC\x81\xCC\x82\xCC\x83\xCC\x84y", &st);
	assert_int_equal(st.stripped, 2);
	/* Four marks are fine. */
	CANON("x\xCC\x81\xCC\x82\xCC\x83\xCC\x84", "x\xCC\x81\xCC\x82\xCC\x83\xCC\x84", NULL);
	/* NFC decomposes U+0958 (excluded from composition) into U+0915
	 * U+093C: that nukta is a fifth mark, and goes. */
	CANON("\xE0\xA5\x98\xCC\x81\xCC\x82\xCC\x83\xCC\x84",
	      "\xE0\xA4\x95\xE0\xA4\xBC\xCC\x81\xCC\x82\xCC\x83", &st);
	assert_int_equal(st.stripped, 1);
}

static void test_nfc(void **state)
{
	(void)state;
	CANON("e" ACUTE, "\xC3\xA9", NULL);
	CANON("Citta\xCC\x80 e\xCC\x80 bella", "Citt\xC3\xA0 \xC3\xA8 bella", NULL);
	/* A stripped character between base and mark does not stop composition. */
	CANON("e\xE2\x80\x8B" ACUTE, "\xC3\xA9", NULL);
}

static void test_controls_kept_and_counted(void **state)
{
	struct text_stats st;

	(void)state;
	CANON("a\tb\x1b[1mc\x7f\xC2\x9B", "a\tb\x1b[1mc\x7f\xC2\x9B", &st);
	assert_int_equal(st.controls, 3);	/* ESC, DEL, CSI; not TAB */
}

static void test_canonicalize_empty(void **state)
{
	struct text_stats st;

	(void)state;
	CANON("", "", &st);
	CANON("\xEF\xBB\xBF", "", &st);
	assert_true(st.bom);
}

/* ---- binary detection -------------------------------------------------- */

static void test_looks_binary(void **state)
{
	static const char italian[] =
		"Il Presidente della Repubblica \xC3\xA8 intervenuto ieri a Roma:\n"
		"\xE2\x80\x9C" "L\xE2\x80\x99Italia non si ferma\xE2\x80\x9D, ha detto.\r\n";
	char big[9000];

	(void)state;
	assert_false(text_looks_binary(italian, sizeof italian - 1));
	assert_false(text_looks_binary("", 0));
	assert_true(text_looks_binary("abc\0def", 7));
	assert_true(text_looks_binary("\xFF\xFE" "c\0i\0a\0o\0", 10));
	assert_true(text_looks_binary("\xFE\xFF\0c\0i", 6));
	/* Mostly escapes and invalid bytes. */
	assert_true(text_looks_binary("\x1b\x1b\x01\x02 ab\xFF\xFE\x80", 11));
	/* One bad byte in a long text is not binary. */
	memset(big, 'a', sizeof big);
	big[100] = '\xFF';
	assert_false(text_looks_binary(big, sizeof big));
	/* A NUL past 8 KiB is not looked at. */
	big[8500] = '\0';
	assert_false(text_looks_binary(big, sizeof big));
	big[8000] = '\0';
	assert_true(text_looks_binary(big, sizeof big));
}

/* ---- widths ------------------------------------------------------------ */

static void test_cp_cells(void **state)
{
	(void)state;
	assert_int_equal(text_cp_cells(0xE0, 0), 1);	/* à */
	assert_int_equal(text_cp_cells(0x4E2D, 0), 2);	/* 中 */
	assert_int_equal(text_cp_cells(0x1F600, 0), 2);	/* grinning face */
	assert_int_equal(text_cp_cells(0x1F468, 0), 2);
	assert_int_equal(text_cp_cells(0x301, 0), 0);	/* combining acute */
	assert_int_equal(text_cp_cells(0xFE0F, 0), 0);	/* VS16 */
	assert_int_equal(text_cp_cells(0x200D, 0), 0);	/* ZWJ */
	assert_int_equal(text_cp_cells(0x200B, 0), 0);	/* ZWSP */
	assert_int_equal(text_cp_cells(0x202E, 0), 0);	/* RLO */
	assert_int_equal(text_cp_cells('\t', 0), 8);
	assert_int_equal(text_cp_cells('\t', 3), 5);
	assert_int_equal(text_cp_cells('\t', 7), 1);
	assert_int_equal(text_cp_cells('\t', 8), 8);
	assert_int_equal(text_cp_cells(0x1B, 0), 2);	/* ^[ */
	assert_int_equal(text_cp_cells(0x7F, 0), 2);	/* ^? */
	assert_int_equal(text_cp_cells(0x85, 0), 2);	/* ~E */
	assert_int_equal(text_cp_cells('\n', 0), 1);	/* drawn as a space */
	assert_int_equal(text_cp_cells(0x1F1EE, 0), 1);	/* half a flag */
	assert_int_equal(text_cp_cells(0xA9, 0), 1);	/* © stays narrow */
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("Citt\xC3\xA0", 6), 5);
	assert_int_equal(text_width(ZHONG "\xE6\x96\x87", 6), 4);
	assert_int_equal(text_width("e" ACUTE, 3), 1);
	assert_int_equal(text_width(FAMILY, strlen(FAMILY)), 6);
	assert_int_equal(text_width("a\tb", 3), 9);
	assert_int_equal(text_width_from("\t", 1, 5), 3);
	assert_int_equal(text_width("\x1b[0m", 4), 5);
	assert_int_equal(text_width("a\xC0\x80", 3), 3);	/* two U+FFFD */
	assert_int_equal(text_width("", 0), 0);
}

/* ---- rendering --------------------------------------------------------- */

static void test_render_escape_sequence(void **state)
{
	static const char evil[] = "\x1b]0;evil\x07";
	int cells = 0;
	char *out;
	size_t i;

	(void)state;
	out = text_render(evil, sizeof evil - 1, 0, -1, &cells);
	assert_non_null(out);
	assert_string_equal(out, "^[]0;evil^G");
	assert_int_equal(cells, 11);
	for (i = 0; out[i]; i++)
		assert_true((unsigned char)out[i] >= 0x20 && out[i] != 0x7F);
	free(out);
	/* OSC 52 clipboard, CSI in its C1 form, DEL, BS and CR. */
	check_render("\x1b]52;c;aGk=\x1b\\", 13, 0, -1, "^[]52;c;aGk=^[\\", 15);
	check_render("\xC2\x9B" "2J\x7f\b\r", 7, 0, -1, "~[2J^?^H^M", 10);
}

static void test_render_invalid(void **state)
{
	int cells;
	char *out;

	(void)state;
	check_render("a\xC0\x80" "b\xE2\x82", 6, 0, -1, "a" FFFD FFFD "b" FFFD, 5);
	out = text_render("\xFF\xFE\xED\xA0\x80", 5, 0, -1, &cells);
	assert_non_null(out);
	assert_null(u8_check((const uint8_t *)out, strlen(out)));
	assert_int_equal(cells, 5);
	free(out);
}

static void test_render_bidi_and_zero_width(void **state)
{
	(void)state;
	check_render("\xE2\x80\xAE" "abc\xE2\x81\xA6\xE2\x80\x8B\xC2\xAD", 14, 0, -1,
	             "abc", 3);
	/* ZWJ is dropped at render time: the emoji are drawn one by one. */
	check_render(FAMILY, strlen(FAMILY), 0, -1, MAN WOMAN GIRL, 6);
	check_render("\xE2\x80\xAE", 3, 0, -1, "", 0);
}

static void test_render_tabs_and_lines(void **state)
{
	(void)state;
	check_render("a\tb", 3, 0, -1, "a       b", 9);
	check_render("a\tb", 3, 3, -1, "a    b", 6);
	check_render("a\nb", 3, 0, -1, "a b", 3);
	check_render("x", 1, -4, -1, "x", 1);
}

static void test_render_clipping(void **state)
{
	static const char cjk[] = ZHONG "\xE6\x96\x87\xE5\xAD\x97";	/* 中文字 */

	(void)state;
	check_render(cjk, 9, 0, 5, ZHONG "\xE6\x96\x87", 4);
	check_render(cjk, 9, 0, 1, "", 0);
	check_render(cjk, 9, 0, 0, "", 0);
	check_render("ab" ZHONG "c", 6, 0, 3, "ab", 2);
	check_render("ab" ZHONG "c", 6, 0, 4, "ab" ZHONG, 4);
	/* A mark stays with the base that fitted; nothing after a miss. */
	check_render("e" ACUTE "x", 4, 0, 1, "e" ACUTE, 1);
	check_render("abc", 3, 0, 2, "ab", 2);
	/* A TAB that does not fit is not drawn in part. */
	check_render("ab\tc", 4, 0, 5, "ab", 2);
	check_render("\x1b", 1, 0, 1, "", 0);
	check_render("", 0, 0, 10, "", 0);
	/* The grin never loses half of itself. */
	check_render("a" GRIN, 5, 0, 2, "a", 1);
}

static void test_render_caps_combining_marks(void **state)
{
	(void)state;
	check_render("x\xCC\x81\xCC\x82\xCC\x83\xCC\x84\xCC\x86\xCC\x87y", 14, 0, -1,
	             "x\xCC\x81\xCC\x82\xCC\x83\xCC\x84y", 2);
}

/* ---- wrapping ---------------------------------------------------------- */

static void test_wrap_italian_apostrophes(void **state)
{
	static const char s[] =
		"Secondo l\xE2\x80\x99Ucraina e i dati dell'Anac, la \xE2\x80\x9C"
		"citazione\xE2\x80\x9D \xC3\xA8 chiara.";
	const char *words[] = { "l\xE2\x80\x99Ucraina", "dell'Anac,",
	                        ("\xE2\x80\x9C" "citazione\xE2\x80\x9D") };
	size_t w, i, k, n;
	struct text_line *v;

	(void)state;
	check_wrap(s, 20, "Secondo l\xE2\x80\x99Ucraina e|i dati dell'Anac, la|"
	           "\xE2\x80\x9C" "citazione\xE2\x80\x9D \xC3\xA8|chiara.");
	check_wrap(s, 21, "Secondo l\xE2\x80\x99Ucraina e i|dati dell'Anac, la|"
	           "\xE2\x80\x9C" "citazione\xE2\x80\x9D \xC3\xA8 chiara.");
	check_wrap(s, 9, "Secondo|l\xE2\x80\x99Ucraina|e i dati|dell'Anac|,"
	           " la|\xE2\x80\x9C" "citazion|e\xE2\x80\x9D \xC3\xA8|chiara.");
	/* No width that can hold a word splits it. */
	for (w = 1; w <= 60; w++) {
		check_wrap_invariants(s, sizeof s - 1, (int)w);
		assert_int_equal(text_wrap(s, sizeof s - 1, (int)w, &v, &n), 0);
		for (k = 0; k < 3; k++) {
			const char *p = strstr(s, words[k]);
			size_t a = (size_t)(p - s), b = a + strlen(words[k]);

			if ((int)w < text_width(words[k], strlen(words[k])))
				continue;
			for (i = 0; i < n; i++) {
				assert_false(v[i].end > a && v[i].end < b);
				assert_false(v[i].start > a && v[i].start < b);
			}
		}
		free(v);
	}
}

static void test_wrap_cjk(void **state)
{
	(void)state;
	/* 中文字符测试 without spaces: breaks between ideographs. */
	check_wrap(ZHONG "\xE6\x96\x87\xE5\xAD\x97\xE7\xAC\xA6\xE6\xB5\x8B\xE8\xAF\x95", 5,
	           ZHONG "\xE6\x96\x87|\xE5\xAD\x97\xE7\xAC\xA6|\xE6\xB5\x8B\xE8\xAF\x95");
	check_wrap(ZHONG "\xE6\x96\x87\xE5\xAD\x97\xE7\xAC\xA6\xE6\xB5\x8B\xE8\xAF\x95", 6,
	           ZHONG "\xE6\x96\x87\xE5\xAD\x97|\xE7\xAC\xA6\xE6\xB5\x8B\xE8\xAF\x95");
}

static void test_wrap_emoji_zwj_never_split(void **state)
{
	static const char s[] = "ab " FAMILY " cd " FAMILY FAMILY;
	int w;

	(void)state;
	check_wrap(s, 6, "ab|" FAMILY "|cd|" FAMILY "|" FAMILY);
	check_wrap(s, 9, "ab " FAMILY "|cd " FAMILY "|" FAMILY);
	/* At width 4 the family (6 cells) gets a line of its own. */
	check_wrap(s, 4, "ab|" FAMILY "|cd|" FAMILY "|" FAMILY);
	for (w = 1; w <= 20; w++)
		check_wrap_invariants(s, sizeof s - 1, w);
	/* Flags are pairs of regional indicators: never split either. */
	check_wrap("\xF0\x9F\x87\xAE\xF0\x9F\x87\xB9\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7", 3,
	           "\xF0\x9F\x87\xAE\xF0\x9F\x87\xB9|\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7");
}

static void test_wrap_combining_marks(void **state)
{
	(void)state;
	check_wrap("e" ACUTE "e" ACUTE "e" ACUTE, 2, "e" ACUTE "e" ACUTE "|e" ACUTE);
	check_wrap("e" ACUTE "e" ACUTE "e" ACUTE, 1, "e" ACUTE "|e" ACUTE "|e" ACUTE);
}

static void test_wrap_tabs(void **state)
{
	struct text_line *v;
	size_t n;

	(void)state;
	check_wrap("a\tb", 10, "a\tb");
	check_wrap("a\tb", 4, "a|b");
	check_wrap("a\tb\tc", 12, "a\tb|c");
	/* A leading TAB wider than the line is dropped, not drawn in part. */
	check_wrap("\tx", 4, "x");
	check_wrap("\tx", 9, "\tx");
	assert_int_equal(text_wrap("a\tb", 3, 10, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].cells, 9);
	free(v);
}

static void test_wrap_wide_at_last_column(void **state)
{
	struct text_line *v;
	size_t n;

	(void)state;
	check_wrap("abcd" ZHONG, 5, "abcd|" ZHONG);
	check_wrap("abc" ZHONG, 5, "abc" ZHONG);
	check_wrap("abcd" GRIN "x", 5, "abcd|" GRIN "x");
	/* Width 1: a wide character gets its own line and its real width. */
	assert_int_equal(text_wrap("a" ZHONG "b", 5, 1, &v, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(v[1].start, 1);
	assert_int_equal(v[1].end, 4);
	assert_int_equal(v[1].cells, 2);
	free(v);
}

static void test_wrap_spaces_and_long_words(void **state)
{
	struct text_line *v;
	size_t n;

	(void)state;
	assert_int_equal(text_wrap("aa   bb", 7, 2, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].start, 0);
	assert_int_equal(v[0].end, 2);	/* the spaces are outside */
	assert_int_equal(v[0].cells, 2);
	assert_int_equal(v[1].start, 5);	/* the next line starts after them */
	assert_int_equal(v[1].end, 7);
	free(v);
	check_wrap("abcdefgh", 3, "abc|def|gh");
	check_wrap("uno due  tre", 7, "uno due|tre");
	check_wrap("  rientro", 20, "  rientro");
	check_wrap("fine   ", 10, "fine");
	check_wrap("ciao !", 4, "ciao|!");
}

static void test_wrap_empty_and_newlines(void **state)
{
	struct text_line *v;
	size_t n;

	(void)state;
	assert_int_equal(text_wrap("", 0, 10, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].start, 0);
	assert_int_equal(v[0].end, 0);
	assert_int_equal(v[0].cells, 0);
	free(v);
	assert_int_equal(text_wrap("\n\n", 2, 10, &v, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].start, 0);
	assert_int_equal(v[1].start, 1);
	assert_int_equal(v[2].start, 2);
	assert_int_equal(v[2].end, 2);
	free(v);
	check_wrap("uno\n\ndue tre", 3, "uno||due|tre");
	check_wrap("a\n", 5, "a|");
}

static void test_wrap_mixed_widths_1_to_4(void **state)
{
	static const char s[] =
		"Citt\xC3\xA0 " ZHONG "\xE6\x96\x87 e" ACUTE "x " GRIN "y\tz "
		FAMILY " l\xE2\x80\x99Ucraina \xE2\x80\x9C" "ok\xE2\x80\x9D\n"
		"\xE2\x80\xAE" "bidi a" ZHONG "b\x1b" "c  ";
	int w;

	(void)state;
	for (w = 1; w <= 4; w++)
		check_wrap_invariants(s, sizeof s - 1, w);
	check_wrap("a " ZHONG "b", 2, "a|" ZHONG "|b");
}

static void test_wrap_invalid_and_bidi(void **state)
{
	int w;

	(void)state;
	for (w = 1; w <= 5; w++)
		check_wrap_invariants("ab\xC0\x80" "cd\xE2\x82 \xFF" "ef", 11, w);
	check_wrap("ab\xC0\x80" "cd", 2, "ab|\xC0\x80|cd");
	/* An RLO takes no cells and does not push text onto a new line. */
	check_wrap("\xE2\x80\xAE" "abc", 3, "\xE2\x80\xAE" "abc");
}

/* ---- code points and graphemes ----------------------------------------- */

static void test_cp_counting(void **state)
{
	static const char s[] = "a\xC3\xA0" ZHONG GRIN;	/* 1 + 2 + 3 + 4 bytes */

	(void)state;
	assert_int_equal(text_cp_count(s, 10), 4);
	assert_int_equal(text_cp_count(s, 0), 0);
	assert_int_equal(text_cp_to_byte(s, 10, 0), 0);
	assert_int_equal(text_cp_to_byte(s, 10, 1), 1);
	assert_int_equal(text_cp_to_byte(s, 10, 2), 3);
	assert_int_equal(text_cp_to_byte(s, 10, 3), 6);
	assert_int_equal(text_cp_to_byte(s, 10, 4), 10);
	assert_int_equal(text_cp_to_byte(s, 10, 99), 10);
	assert_int_equal(text_cp_count("e" ACUTE, 3), 2);
}

static void test_grapheme_steps(void **state)
{
	static const char s[] = "a" FAMILY "b";	/* the family is bytes 1..19 */
	size_t len = sizeof s - 1;

	(void)state;
	assert_int_equal(len, 20);
	assert_int_equal(text_grapheme_next(s, len, 0), 1);
	assert_int_equal(text_grapheme_next(s, len, 1), 19);
	assert_int_equal(text_grapheme_next(s, len, 5), 19);
	assert_int_equal(text_grapheme_next(s, len, 19), 20);
	assert_int_equal(text_grapheme_next(s, len, 20), 20);
	assert_int_equal(text_grapheme_prev(s, len, 20), 19);
	assert_int_equal(text_grapheme_prev(s, len, 19), 1);
	assert_int_equal(text_grapheme_prev(s, len, 12), 1);
	assert_int_equal(text_grapheme_prev(s, len, 1), 0);
	assert_int_equal(text_grapheme_prev(s, len, 0), 0);
	assert_int_equal(text_grapheme_next("e" ACUTE "x", 4, 0), 3);
	assert_int_equal(text_grapheme_prev("e" ACUTE "x", 4, 3), 0);
	assert_int_equal(text_grapheme_next("a\r\nb", 4, 1), 3);
	assert_int_equal(text_grapheme_next("a\nb", 3, 1), 2);
}

static void test_grapheme_steps_long_line(void **state)
{
	size_t len = 19998, i;
	char *s = malloc(len);

	(void)state;
	assert_non_null(s);
	for (i = 0; i < len; i += 3)
		memcpy(s + i, i % 2 ? ZHONG : "e" ACUTE, 3);
	assert_int_equal(text_grapheme_next(s, len, 12000), 12003);
	assert_int_equal(text_grapheme_prev(s, len, 12000), 11997);
	assert_int_equal(text_grapheme_prev(s, len, 12001), 12000);
	assert_int_equal(text_grapheme_prev(s, len, len), len - 3);
	free(s);
}

/* ---- trimming and folding ---------------------------------------------- */

static void test_trim(void **state)
{
	const char *s = "  \t ciao mondo \xC2\xA0\n";
	const char *t = "\xE3\x80\x80x\xE3\x80\x80";
	const char *u = " a\x80 ";
	size_t n;

	(void)state;
	n = text_trim(&s, strlen(s));
	assert_int_equal(n, 10);
	assert_memory_equal(s, "ciao mondo", 10);
	n = text_trim(&t, strlen(t));
	assert_int_equal(n, 1);
	assert_memory_equal(t, "x", 1);
	n = text_trim(&u, strlen(u));
	assert_int_equal(n, 2);
	assert_memory_equal(u, "a\x80", 2);
	s = " \t\n";
	assert_int_equal(text_trim(&s, 3), 0);
}

static void check_fold(const char *in, size_t len, const char *want)
{
	size_t n = 999;
	char *out = text_fold(in, len, &n);

	assert_non_null(out);
	assert_string_equal(out, want);
	assert_int_equal(n, strlen(want));
	free(out);
}

static void test_fold(void **state)
{
	(void)state;
	check_fold("Citt\xC3\xA0", 6, "citta");
	check_fold("\xC3\x88UNA", 5, "euna");
	check_fold("Stra\xC3\x9F" "e", 7, "strasse");
	check_fold("PERCH\xC3\x89 cos\xC3\xAC", 13, "perche cosi");
	check_fold("e" ACUTE, 3, "e");
	check_fold("\xED\x95\x9C", 3, "\xED\x95\x9C");	/* Hangul comes back whole */
	check_fold("A\xC0", 2, "a" FFFD);
	check_fold("", 0, "");
}

/* ---- properties on generated text ------------------------------------- */

/* No byte a terminal would act on, and valid UTF-8. */
static void assert_safe(const char *s)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t n = strlen(s), i = 0;
	ucs4_t c;

	assert_null(u8_check(u, n));
	while (i < n) {
		i += (size_t)u8_mbtouc(&c, u + i, n - i);
		assert_true(c >= 0x20 && c != 0x7F && !(c >= 0x80 && c <= 0x9F));
		assert_false(c >= 0x202A && c <= 0x202E);
		assert_false(c >= 0x2066 && c <= 0x2069);
		assert_false(c >= 0x200B && c <= 0x200F);
	}
}

static void test_generated_text(void **state)
{
	static const char *pieces[] = {
		"a", "Citt\xC3\xA0", " ", "  ", "\t", "\n", "\r\n", "\r", ZHONG,
		GRIN, FAMILY, ZWJ_S, ACUTE, "\xCC\x82", "\xEF\xB8\x8F", "\xE2\x80\xAE",
		"\xE2\x80\x8B", "\x1b", "\x7f", "\xC2\x85", "\xC0", "\x80", "\xE2\x82",
		"\xF4\x90", "\xED\xA0\x80", "l\xE2\x80\x99Ucraina", "\xE2\x80\x9C",
		"\0", "\xEF\xBB\xBF", "\xE2\x80\xA8", "\xF0\x9F\x87\xAE", "-", ",",
	};
	uint32_t seed = 12345;
	int round, k, w;

	(void)state;
	for (round = 0; round < 300; round++) {
		char raw[1024];
		size_t len = 0, n, i;
		int parts = (int)(seed % 40), cells = -1;
		char *canon, *out;

		for (k = 0; k < parts; k++) {
			const char *p;
			size_t pl;

			seed = seed * 1103515245u + 12345u;
			i = (seed >> 8) % (sizeof pieces / sizeof pieces[0]);
			p = pieces[i];
			pl = p[0] ? strlen(p) : 1;
			memcpy(raw + len, p, pl);
			len += pl;
		}
		seed = seed * 1103515245u + 12345u;
		/* Canonical text is valid, NUL-free, CR-free, bidi-free. */
		canon = text_canonicalize(raw, len, &n, NULL);
		assert_non_null(canon);
		assert_null(u8_check((const uint8_t *)canon, n));
		assert_int_equal(strlen(canon), n);
		assert_null(memchr(canon, '\r', n));
		assert_null(strstr(canon, "\xE2\x80\xAE"));
		assert_null(strstr(canon, "\xE2\x80\x8B"));
		/* Rendering raw or canonical text is safe, and its cells are the
		 * width of the text. */
		out = text_render(raw, len, 0, -1, &cells);
		assert_non_null(out);
		assert_safe(out);
		assert_int_equal(cells, text_width(raw, len));
		assert_int_equal(cells, text_width(out, strlen(out)));
		free(out);
		out = text_render(canon, n, 3, 7, &cells);
		assert_non_null(out);
		assert_safe(out);
		assert_true(cells <= 7);
		assert_int_equal(cells, text_width_from(out, strlen(out), 3));
		free(out);
		for (w = 1; w <= 6; w++) {
			check_wrap_invariants(canon, n, w);
			check_wrap_invariants(raw, len, w);
		}
		free(canon);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decoder_table),
		cmocka_unit_test(test_nul_dropped),
		cmocka_unit_test(test_bom_removed),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_invisible_stripped),
		cmocka_unit_test(test_zwj_in_emoji_kept),
		cmocka_unit_test(test_combining_marks_trimmed),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_controls_kept_and_counted),
		cmocka_unit_test(test_canonicalize_empty),
		cmocka_unit_test(test_looks_binary),
		cmocka_unit_test(test_cp_cells),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_render_escape_sequence),
		cmocka_unit_test(test_render_invalid),
		cmocka_unit_test(test_render_bidi_and_zero_width),
		cmocka_unit_test(test_render_tabs_and_lines),
		cmocka_unit_test(test_render_clipping),
		cmocka_unit_test(test_render_caps_combining_marks),
		cmocka_unit_test(test_wrap_italian_apostrophes),
		cmocka_unit_test(test_wrap_cjk),
		cmocka_unit_test(test_wrap_emoji_zwj_never_split),
		cmocka_unit_test(test_wrap_combining_marks),
		cmocka_unit_test(test_wrap_tabs),
		cmocka_unit_test(test_wrap_wide_at_last_column),
		cmocka_unit_test(test_wrap_spaces_and_long_words),
		cmocka_unit_test(test_wrap_empty_and_newlines),
		cmocka_unit_test(test_wrap_mixed_widths_1_to_4),
		cmocka_unit_test(test_wrap_invalid_and_bidi),
		cmocka_unit_test(test_cp_counting),
		cmocka_unit_test(test_grapheme_steps),
		cmocka_unit_test(test_grapheme_steps_long_line),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_generated_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
