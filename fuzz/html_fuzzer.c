/*
 * html_fuzzer.c: the web page extractor (html_extract) on arbitrary bytes.
 *
 * The input is a page, put after a script and before a style whose texts
 * are markers.  Properties, as html.h promises them:
 *  - every field it gives (title, author, date, site, url, text) is
 *    well-formed UTF-8;
 *  - the text of a script or a style never reaches the output;
 *  - when the input has no '<' or '&' of its own, the output has no '<'
 *    (no markup is copied into the text);
 *  - what was left out obeys the same, and its bounds: at most
 *    HTML_LEFT_MAX_BLOCKS blocks, none empty, each of at most
 *    HTML_LEFT_BLOCK_BYTES and all of at most HTML_LEFT_MAX_BYTES (give or
 *    take the last character and an ellipsis).
 * The extractor must end on any input: libFuzzer's timeout catches a hang.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "margo/html.h"

const char fuzz_target_name[] = "html";

static const char head[] = "<html><head><script>var XSCRIPTMARKX = 1;</script>"
                           "<style>p { XSTYLEMARKX: 0 }</style></head><body>";

static bool marked;   /* the input itself holds a marker */

static void check_field(const char *what, const char *s, bool plain)
{
	if (!s)
		return;
	fuzz_require_utf8(what, s, strlen(s));
	if (!marked && (strstr(s, "XSCRIPTMARKX") || strstr(s, "XSTYLEMARKX")))
		fuzz_fail("%s: the text of a script or a style is in the output", what);
	if (plain && strchr(s, '<'))
		fuzz_fail("%s: markup in the output of an input with none", what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t hl = sizeof head - 1;
	char *page = malloc(hl + size + 1);
	if (!page)
		fuzz_fail("out of memory");
	memcpy(page, head, hl);
	if (size)
		memcpy(page + hl, data, size);
	page[hl + size] = '\0';
	bool plain = !memchr(data, '<', size) && !memchr(data, '&', size);
	/* The markers spelt by the input itself, perhaps with control
	 * characters or entities between their letters, prove nothing. */
	char *letters = malloc(size + 1);
	if (!letters)
		fuzz_fail("out of memory");
	size_t nl = 0;
	for (size_t i = 0; i < size; i++)
		if (data[i] > 0x20 && data[i] != 0x7f)
			letters[nl++] = (char)data[i];
	marked = memchr(data, '&', size) || memmem(letters, nl, "XSCRIPTMARKX", 12) ||
	         memmem(letters, nl, "XSTYLEMARKX", 11);
	free(letters);
	struct html_page p;
	memset(&p, 0, sizeof p);
	if (html_extract(page, hl + size, NULL, &p) == 0) {
		check_field("title", p.title, plain);
		check_field("author", p.author, plain);
		check_field("date", p.date, plain);
		check_field("site", p.site, plain);
		check_field("url", p.url, false);
		check_field("text", p.text, plain);
		if (p.n_dropped > HTML_LEFT_MAX_BLOCKS)
			fuzz_fail("%zu blocks left out kept", p.n_dropped);
		size_t total = 0;
		for (size_t i = 0; i < p.n_dropped; i++) {
			size_t n = strlen(p.dropped[i].text);
			if (n == 0 || n > HTML_LEFT_BLOCK_BYTES + 7)
				fuzz_fail("a block left out of %zu bytes", n);
			total += n;
			check_field("dropped", p.dropped[i].text, plain);
		}
		if (total > HTML_LEFT_MAX_BYTES + 7)
			fuzz_fail("%zu bytes left out kept", total);
	}
	html_page_free(&p);
	free(page);
	return 0;
}
