/*
 * feed_fuzzer.c: the feed parser (feed_parse), its HTML-to-text step
 * (feed_html_text) and its date reader (feed_parse_date) on arbitrary
 * bytes.
 *
 * Properties, as feed.h promises them:
 *  - every field of every item, the feed's own id and its error are
 *    well-formed UTF-8 (control characters are the ingest's to remove, as
 *    for every text);
 *  - HTML made text never holds the text of a script or a style, nor a
 *    '<' when the HTML had no '<' of its own besides its tags' and no '&';
 *  - a date is NULL or starts with four digits (ISO 8601).
 * Nothing outside the input is read (the parser never loads an external
 * entity or a DTD); the process has no network in the harness.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "margo/feed.h"

const char fuzz_target_name[] = "feed";

static void check(const char *what, const char *s, bool lines)
{
	(void)lines;
	if (s)
		fuzz_require_utf8(what, s, strlen(s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed f;
	memset(&f, 0, sizeof f);
	int r = feed_parse((const char *)data, size, &f);
	if (r == 1) {
		for (size_t i = 0; i < f.n; i++) {
			const struct feed_item *it = &f.items[i];
			check("title", it->title, false);
			check("link", it->link, false);
			check("author", it->author, false);
			check("id", it->id, false);
			check("text", it->text, true);
			check("date", it->date, false);
			if (it->date && !(it->date[0] >= '0' && it->date[0] <= '9'))
				fuzz_fail("date: not ISO 8601: %s", it->date);
		}
		check("self", f.self, false);
		check("error", f.error, false);
	}
	feed_free(&f);

	/* The same bytes as an item's HTML, after a script and a style. */
	static const char head[] = "<script>XSCRIPTMARKX</script><style>XSTYLEMARKX</style>";
	size_t hl = sizeof head - 1;
	char *html = malloc(hl + size + 1);
	if (!html)
		fuzz_fail("out of memory");
	memcpy(html, head, hl);
	if (size)
		memcpy(html + hl, data, size);
	html[hl + size] = '\0';
	char *t = feed_html_text(html, hl + size);
	if (!t)
		fuzz_fail("feed_html_text: out of memory");
	check("html text", t, true);
	if (!memmem(data, size, "XSCRIPTMARKX", 12) && !memmem(data, size, "XSTYLEMARKX", 11) &&
	    (strstr(t, "XSCRIPTMARKX") || strstr(t, "XSTYLEMARKX")))
		fuzz_fail("html text: the text of a script or a style is in it");
	if (!memchr(data, '<', size) && !memchr(data, '&', size) && strchr(t, '<'))
		fuzz_fail("html text: markup in the text of an input with none");
	free(t);
	free(html);

	char *s = fuzz_strndup(data, size);
	char *d = feed_parse_date(s);
	if (d) {
		check("parsed date", d, false);
		if (!(d[0] >= '0' && d[0] <= '9'))
			fuzz_fail("parsed date: not ISO 8601: %s", d);
	}
	free(d);
	free(s);
	return 0;
}
