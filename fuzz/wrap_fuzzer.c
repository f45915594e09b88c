/*
 * wrap_fuzzer.c: the line wrapper (text_wrap) on canonical text.
 *
 * The first byte chooses the width (1..200); the rest is canonicalised
 * (text_wrap's documented input) and wrapped.  Properties, as text.h and
 * text_wrap.c promise them:
 *  - lines are in order, inside the text, and never split a grapheme
 *    cluster or hold a LF;
 *  - each line's `cells` is its width by text_width() (from column 0);
 *  - no line is wider than the width, except one holding a single cluster
 *    that is wider than the whole line;
 *  - no text is lost: between two lines (and before the first and after
 *    the last) there is only what the wrapper drops: blanks (SP, TAB) that
 *    are clusters of their own, and the LF that ends a paragraph; every LF
 *    starts a new line.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>

#include "fuzz.h"
#include "margo/text.h"

const char fuzz_target_name[] = "wrap";

/* s[a..b) holds only blanks that are clusters of their own and LFs; it
 * returns the number of LFs. */
static size_t check_gap(const char *s, size_t a, size_t b, const char *gb, size_t len)
{
	size_t lfs = 0;
	for (size_t i = a; i < b; i++) {
		if (s[i] == '\n') {
			lfs++;
			continue;
		}
		if (s[i] != ' ' && s[i] != '\t')
			fuzz_fail("wrapping lost byte 0x%02x at %zu (between lines, %zu..%zu)",
			          (unsigned char)s[i], i, a, b);
		if (i + 1 < len && !gb[i + 1])
			fuzz_fail("wrapping dropped a blank at %zu that is part of a cluster", i);
	}
	return lfs;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	int width = 1 + data[0] % 200;
	size_t len = 0;
	char *s = text_canonicalize((const char *)data + 1, size - 1, &len, NULL);
	if (!s)
		return 0;
	char *gb = malloc(len + 1);
	if (!gb)
		abort();
	if (len)
		u8_grapheme_breaks((const uint8_t *)s, len, gb);
	gb[0] = 1;
	gb[len] = 1;  /* the end is a boundary */

	struct text_line *lines = NULL;
	size_t n = 0;
	if (text_wrap(s, len, width, &lines, &n) < 0) {
		free(gb);
		free(s);
		return 0;  /* out of memory: allowed */
	}
	if (n == 0)
		fuzz_fail("text_wrap gave no line (width %d, %zu bytes)", width, len);
	size_t prev_end = 0, lfs = 0, lfs_in_text = 0;
	for (size_t i = 0; i < len; i++)
		lfs_in_text += s[i] == '\n';
	for (size_t i = 0; i < n; i++) {
		const struct text_line *l = &lines[i];
		if (l->start < prev_end || l->end < l->start || l->end > len)
			fuzz_fail("line %zu is [%zu, %zu): out of order or outside the text (%zu bytes, "
			          "previous end %zu)", i, l->start, l->end, len, prev_end);
		if (!gb[l->start] || !gb[l->end])
			fuzz_fail("line %zu [%zu, %zu) splits a grapheme cluster", i, l->start, l->end);
		if (memchr(s + l->start, '\n', l->end - l->start))
			fuzz_fail("line %zu holds a LF", i);
		size_t gap_lfs = check_gap(s, prev_end, l->start, gb, len);
		if (i > 0 && gap_lfs > 1)
			fuzz_fail("lines %zu and %zu are %zu LFs apart: an empty line is missing",
			          i - 1, i, gap_lfs);
		if (i == 0 && gap_lfs > 0)
			fuzz_fail("the first line starts after a LF");
		lfs += gap_lfs;
		int w = text_width(s + l->start, l->end - l->start);
		if (w != l->cells)
			fuzz_fail("line %zu says %d cells, text_width says %d", i, l->cells, w);
		if (l->cells > width) {
			for (size_t k = l->start + 1; k < l->end; k++)
				if (gb[k])
					fuzz_fail("line %zu is %d cells wide at width %d and holds more than "
					          "one cluster", i, l->cells, width);
		}
		prev_end = l->end;
	}
	if (check_gap(s, prev_end, len, gb, len) > 0)
		fuzz_fail("a LF after the last line starts no line");
	if (lfs != lfs_in_text)
		fuzz_fail("%zu LFs in the text, %zu between lines", lfs_in_text, lfs);
	free(lines);
	free(gb);
	free(s);
	return 0;
}
