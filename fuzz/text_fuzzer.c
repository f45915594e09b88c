/*
 * text_fuzzer.c: the decoder (text_canonicalize) and the terminal
 * sanitiser (text_render) on arbitrary bytes.
 *
 * Properties, as text.h promises them:
 *  - canonical text is well-formed UTF-8 with no NUL, no CR, no U+2028/9,
 *    no bidi control and no zero-width or format character, except a ZWJ
 *    between an emoji (and its marks or modifiers) and another emoji; no
 *    base carries more than 4 combining marks; it is NFC; and
 *    canonicalising it again changes nothing;
 *  - rendered text is well-formed UTF-8 with no control character at all
 *    (C0, DEL, C1: those are shown as two-character markers), no bidi or
 *    zero-width character (ZWJ included), no more than 4 marks on a base;
 *    it fits in max_cells, and its width by text_width_from() is the cells
 *    text_render() reported.
 * The first two bytes choose the render's starting column and max_cells;
 * the whole input is what is decoded and rendered.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "fuzz.h"
#include "margo/text.h"

const char fuzz_target_name[] = "text";

#define MAX_MARKS 4

static bool is_invisible(ucs4_t c)
{
	return c == 0x00AD || c == 0x061C || (c >= 0x200B && c <= 0x200F) ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
	       (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

static bool is_control(ucs4_t c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

static bool is_mark(ucs4_t c)
{
	return uc_is_general_category(c, UC_CATEGORY_M);
}

static bool is_emoji_extender(ucs4_t c)
{
	return uc_is_property_emoji_modifier(c) || (c >= 0xE0020 && c <= 0xE007F);
}

/* Decode well-formed s into a malloc'd array of code points. */
static ucs4_t *code_points(const char *s, size_t len, size_t *n)
{
	ucs4_t *v = malloc((len + 1) * sizeof *v);
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	size_t k = 0;
	if (!v)
		abort();
	while (p < end) {
		int m = u8_mbtouc(&v[k++], p, (size_t)(end - p));
		p += m;
	}
	*n = k;
	return v;
}

/* The longest run of marks after one base. */
static size_t max_marks(const ucs4_t *v, size_t n)
{
	size_t run = 0, most = 0;
	for (size_t i = 0; i < n; i++) {
		run = is_mark(v[i]) ? run + 1 : 0;
		if (run > most)
			most = run;
	}
	return most;
}

static void check_canonical(const uint8_t *data, size_t size)
{
	size_t len = 0, again_len = 0, n;
	struct text_stats st;
	char *out = text_canonicalize((const char *)data, size, &len, &st);
	if (!out)
		return;  /* out of memory: allowed */
	fuzz_require_utf8("canonical text", out, len);
	if (strlen(out) != len)
		fuzz_fail("canonical text holds a NUL (length %zu, strlen %zu)", len, strlen(out));
	ucs4_t *v = code_points(out, len, &n);
	for (size_t i = 0; i < n; i++) {
		ucs4_t c = v[i];
		if (c == '\r' || c == 0x2028 || c == 0x2029)
			fuzz_fail("canonical text keeps U+%04X at code point %zu", (unsigned)c, i);
		if (c == 0x200D) {
			/* A kept ZWJ joins two emoji: the base before it (past
			 * marks and modifiers) and the code point after it. */
			size_t j = i;
			while (j > 0 && (is_mark(v[j - 1]) || is_emoji_extender(v[j - 1])))
				j--;
			if (j == 0 || !uc_is_property_extended_pictographic(v[j - 1]) ||
			    i + 1 >= n || !uc_is_property_extended_pictographic(v[i + 1]))
				fuzz_fail("canonical text keeps a ZWJ outside an emoji sequence at code point %zu", i);
		} else if (is_invisible(c)) {
			fuzz_fail("canonical text keeps invisible U+%04X at code point %zu", (unsigned)c, i);
		}
	}
	if (max_marks(v, n) > MAX_MARKS)
		fuzz_fail("canonical text keeps %zu combining marks on one base", max_marks(v, n));
	free(v);

	size_t nfc_len = 0;
	uint8_t *nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)out, len, NULL, &nfc_len);
	if (nfc && (nfc_len != len || memcmp(nfc, out, len) != 0))
		fuzz_fail("canonical text is not NFC");
	free(nfc);

	char *again = text_canonicalize(out, len, &again_len, NULL);
	if (again && (again_len != len || memcmp(again, out, len) != 0))
		fuzz_fail("canonicalising canonical text changed it (%zu -> %zu bytes)", len, again_len);
	free(again);
	free(out);
}

static void check_render(const uint8_t *data, size_t size, int col, int max_cells)
{
	int cells = -1;
	char *out = text_render((const char *)data, size, col, max_cells, &cells);
	if (!out)
		return;
	size_t len = strlen(out), n;
	fuzz_require_utf8("rendered text", out, len);
	ucs4_t *v = code_points(out, len, &n);
	for (size_t i = 0; i < n; i++) {
		if (is_control(v[i]))
			fuzz_fail("rendered text holds control U+%04X at code point %zu", (unsigned)v[i], i);
		if (is_invisible(v[i]))
			fuzz_fail("rendered text holds invisible U+%04X at code point %zu", (unsigned)v[i], i);
	}
	if (max_marks(v, n) > MAX_MARKS)
		fuzz_fail("rendered text draws %zu combining marks on one base", max_marks(v, n));
	free(v);
	if (cells < 0 || (max_cells >= 0 && cells > max_cells))
		fuzz_fail("rendered text takes %d cells, more than the %d allowed", cells, max_cells);
	int w = text_width_from(out, len, col);
	if (w != cells)
		fuzz_fail("rendered text is %d cells wide by text_width_from, text_render says %d", w, cells);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int col = size > 0 ? data[0] % 80 : 0;
	int max_cells = size > 1 ? (data[1] & 0x80 ? -1 : data[1] % 100) : -1;
	check_canonical(data, size);
	check_render(data, size, col, max_cells);
	return 0;
}
