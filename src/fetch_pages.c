/*
 * fetch_pages.c: the linked pages of feed items that carry only a summary
 * (see fetch_pages.h).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/feed.h"
#include "margo/fetch_pages.h"
#include "margo/html.h"
#include "margo/i18n.h"
#include "margo/store_feed.h"
#include "margo/util.h"

struct job {
	size_t feed;
	char *item, *url;
};

static void jobs_free(struct job *j, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(j[i].item), free(j[i].url);
	free(j);
}

/* The pages feed `i` wants, appended to *jobs: 0, -1 out of memory, -2
 * library error. */
static int plan(struct store *st, const struct ingest_buffer *b, size_t i, struct job **jobs,
                size_t *n, size_t *cap)
{
	struct feed f;
	int rc = feed_parse(b->data, b->len, &f);
	if (rc <= 0)
		return rc;
	int r = 0;
	for (size_t k = 0; k < f.n && r == 0; k++) {
		const struct feed_item *it = &f.items[k];
		bool web;
		if (!it->teaser || !it->text || !*it->text || !it->link ||
		    !fetch_is_url(it->link, &web) || !web)
			continue;
		char *key = ingest_feed_item_key(b->key, &f, it);
		char summary[17];
		util_hash_hex(it->text, strlen(it->text), summary);
		int kept = key ? store_feed_page_kept(st, key, summary) : -1;
		void *grown = NULL;
		if (!key)
			r = -1;
		else if (kept < 0)
			r = -2;
		else if (kept == 0 && !(grown = util_grow(*jobs, cap, *n, sizeof **jobs)))
			r = -1;
		if (r < 0 || kept) {
			free(key);
			continue;
		}
		*jobs = grown;
		struct job *j = &(*jobs)[(*n)++];
		j->feed = i;
		j->item = key;
		if (!(j->url = util_strdup(it->link)))
			r = -1;
	}
	feed_free(&f);
	return r;
}

/* The article of a page fetched, or NULL with *why set (a static string). */
static int page_article(const struct fetch_result *r, struct html_page *page, const char **why,
                        char **why_owned)
{
	*why = NULL;
	*why_owned = NULL;
	if (!r->ok) {
		*why = r->error ? r->error : _("not modified");
		return -1;
	}
	if (r->content_type && strcmp(r->content_type, "text/html") != 0 &&
	    strcmp(r->content_type, "application/xhtml+xml") != 0) {
		*why_owned = util_printf(_("not a web page (%s)"), r->content_type);
		*why = *why_owned ? *why_owned : _("out of memory");
		return -1;
	}
	int rc = html_extract(r->data, r->len, r->charset, page);
	if (rc < 0 || !page->text) {
		*why = rc == -1 ? _("out of memory") : rc == -2 ? _("not a web page that can be read") :
		       _("no article text found");
		if (rc == 0)
			html_page_free(page);
		return -1;
	}
	return 0;
}

static int by_item(const void *a, const void *b)
{
	return strcmp(((const struct ingest_page *)a)->item, ((const struct ingest_page *)b)->item);
}

int fetch_pages(struct store *st, const struct ingest_buffer *feed, const bool *want, size_t n,
                struct feed_pages *out, fetch_progress_fn progress, void *ctx,
                fetch_pages_message_fn message, struct fetch_pages_report *rep)
{
	memset(out, 0, n * sizeof *out);
	memset(rep, 0, sizeof *rep);
	struct job *jobs = NULL;
	size_t nj = 0, cap = 0;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		if (want[i])
			rc = plan(st, &feed[i], i, &jobs, &nj, &cap);
	if (rc < 0) {
		message(ctx, NULL, rc == -2 ? _("cannot read the library") : _("out of memory"));
		jobs_free(jobs, nj);
		return -1;
	}
	struct fetch_request *req = calloc(nj ? nj : 1, sizeof *req);
	struct fetch_result *res = calloc(nj ? nj : 1, sizeof *res);
	size_t *count = calloc(n ? n : 1, sizeof *count);
	if (!req || !res || !count) {
		rc = -1;
		goto out;
	}
	for (size_t j = 0; j < nj; j++) {
		req[j].url = jobs[j].url;
		count[jobs[j].feed]++;
	}
	for (size_t i = 0; i < n; i++)
		if (count[i] && !(out[i].pages = calloc(count[i], sizeof *out[i].pages))) {
			rc = -1;
			goto out;
		}
	fetch_many(req, nj, res, progress, ctx);
	for (size_t j = 0; j < nj && rc == 0; j++) {
		struct html_page page;
		const char *why;
		char *owned;
		if (page_article(&res[j], &page, &why, &owned) < 0) {
			char *line = util_printf(_("%s; the summary is kept"), why);
			message(ctx, jobs[j].url, line ? line : why);
			free(line);
			free(owned);
			rep->failed++;
			continue;
		}
		struct feed_pages *fp = &out[jobs[j].feed];
		struct ingest_page *pg = &fp->pages[fp->n++];
		pg->item = jobs[j].item;
		jobs[j].item = NULL;
		pg->text = page.text;
		pg->title = page.title;
		pg->author = page.author;
		pg->date = page.date;
		page.text = page.title = page.author = page.date = NULL;
		html_page_free(&page);
		rep->read++;
	}
	for (size_t i = 0; i < n; i++)
		if (out[i].n)
			qsort(out[i].pages, out[i].n, sizeof *out[i].pages, by_item);
out:
	if (rc < 0)
		message(ctx, NULL, _("out of memory"));
	for (size_t j = 0; res && j < nj; j++)
		fetch_result_free(&res[j]);
	free(req);
	free(res);
	free(count);
	jobs_free(jobs, nj);
	return rc;
}

void feed_pages_free(struct feed_pages *p, size_t n)
{
	for (size_t i = 0; p && i < n; i++) {
		for (size_t k = 0; k < p[i].n; k++) {
			struct ingest_page *g = &p[i].pages[k];
			free(g->item), free(g->text), free(g->title), free(g->author), free(g->date);
		}
		free(p[i].pages);
		p[i].pages = NULL;
		p[i].n = 0;
	}
}
