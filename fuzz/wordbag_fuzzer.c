/*
 * wordbag_fuzzer.c: the words related passages compare (src/wordbag.c)
 * and the Italian number words (search_number_word) on arbitrary text.
 *
 * Properties: filling a bag reports no memory shortage it did not have;
 * every term has a non-empty stem and a count of at least one, the counts
 * add up to the content words in order, and each term is found again by
 * its own key; a stem with a point is a figure (digits, a point, digits);
 * a bag holds its own
 * word triples; a number word, whatever the bytes, is
 * -1 or a value from 0 to 999,999.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "margo/search.h"
#include "../src/wordbag.h"

const char fuzz_target_name[] = "wordbag";

static void check_terms(const struct bag *b)
{
	size_t total = 0;
	for (size_t i = 0; i < b->n; i++) {
		const struct term *t = &b->t[i];
		if (!t->stem || !*t->stem)
			fuzz_fail("term %zu has an empty stem", i);
		if (t->tf < 1)
			fuzz_fail("term \"%s\" counted %d times", t->stem, t->tf);
		total += (size_t)t->tf;
		const struct term *again = bag_find_term(b, t);
		if (!again || again->klen != t->klen ||
		    memcmp(again->stem, t->stem, t->klen) != 0)
			fuzz_fail("term \"%s\" is not found by its own key", t->stem);
		/* A point is only ever a figure's: "5.9", "3.42". */
		const char *dot = strchr(t->stem, '.');
		if (dot && (dot == t->stem || strspn(t->stem, "0123456789") != (size_t)(dot - t->stem) ||
		            !dot[1] || strspn(dot + 1, "0123456789") != strlen(dot + 1)))
			fuzz_fail("\"%s\" has a point and is no figure", t->stem);
	}
	if (total != b->n_content)
		fuzz_fail("counts add up to %zu, content words are %zu", total, b->n_content);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);
	struct bag b = { 0 };
	if (bag_fill(&b, text) != 0)
		fuzz_fail("bag_fill failed on %zu bytes", size);
	check_terms(&b);
	size_t n = 0;
	uint64_t *tr = triples(&b, &n);
	if (n && !tr)
		fuzz_fail("triples: %zu without an array", n);
	if (n && triple_overlap(tr, n, &b) <= 0)
		fuzz_fail("a bag holds none of its own word triples");
	free(tr);
	bag_free(&b);
	/* Each run of letters, as a number word. */
	for (size_t i = 0; i < size;) {
		size_t j = i;
		while (j < size && data[j] >= 'a' && data[j] <= 'z')
			j++;
		if (j > i) {
			long v = search_number_word((const char *)data + i, j - i);
			if (v < -1 || v > 999999)
				fuzz_fail("number word of %zu letters: %ld", j - i, v);
			i = j;
		} else {
			i++;
		}
	}
	free(text);
	return 0;
}
