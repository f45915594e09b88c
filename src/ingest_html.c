/*
 * ingest_html.c: a web page (.html, .htm, .xhtml, each perhaps .gz) into
 * the library: its article's body, found by html_extract(), goes to the
 * pipeline like a .txt file's text, with the page's title, author and
 * date as hints and its canonical address as the article's url.  A page
 * with no article body is reported and skipped.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/html.h"
#include "margo/i18n.h"
#include "ingest_impl.h"

void ingest_html(struct walk *w, const char *path, struct store_file *cur,
                 const char *data, size_t len, bool gz)
{
	char *inflated = NULL;
	if (gz) {
		size_t n = 0;
		int rc = html_gunzip(data, len, INGEST_MAX_FILE, &inflated, &n);
		if (rc < 0) {
			ingest_report(w, path, _("%s; skipped"),
			              rc == -1 ? _("out of memory") :
			              rc == -3 ? _("larger than 256 MiB once uncompressed") :
			              _("not gzip data, or damaged"));
			w->rep->problems++;
			return;
		}
		data = inflated;
		len = n;
	}
	struct html_page page;
	const struct ingest_buffer *b = w->buffer;
	int rc = html_extract(data, len, b ? b->charset : NULL, &page);
	free(inflated);
	if (rc < 0 || !page.text) {
		ingest_report(w, path, "%s", rc == -1 ? _("out of memory; skipped") :
		              rc == -2 ? _("not a web page that can be read; skipped") :
		              _("no article text found; skipped"));
		w->rep->problems++;
		if (rc == 0)
			html_page_free(&page);
		return;
	}
	struct store_file rec = *cur;
	rec.size = -1;
	rec.hash[0] = '\0';
	if (ingest_file_begin(w, path, &rec) == 0) {
		cur->id = rec.id;
		struct corpus_hints hints = { page.title, page.author, page.date };
		if (ingest_page_text(w, path, path, cur->id, page.text, strlen(page.text), &hints,
		                     b ? b->key : page.url, NULL, &page) == 0)
			ingest_file_done(w, path, cur, false);
	}
	html_page_free(&page);
}
