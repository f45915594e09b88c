/*
 * cli_fetch.c: web addresses on the command line: "margo add URL", and
 * the subscriptions to feeds ("margo subscribe", "feeds", "unsubscribe",
 * "fetch").  What is fetched is loaded by ingest_paths() as a document in
 * memory (ingest_url.c).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "margo/feed.h"
#include "margo/fetch.h"
#include "margo/fetch_pages.h"
#include "margo/store_feed.h"
#include "margo/i18n.h"
#include "cli_impl.h"

/* An argument written as an address that is not also a file's name. */
static bool is_address(const char *arg, bool *web)
{
	return fetch_is_url(arg, web) && access(arg, F_OK) != 0;
}

/* ---- linked pages ------------------------------------------------------ */

static void page_message(void *ctx, const char *url, const char *message)
{
	(void)ctx;
	if (!url) {
		cli_error("%s", message);
		return;
	}
	fputs("margo: ", stderr);
	cli_puts_safe(stderr, url);
	fprintf(stderr, ": %s\n", message);
}

static void page_progress(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	fputc('\r', stderr);
	fprintf(stderr, _("fetching linked pages: %zu of %zu"), done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

static bool stderr_tty(void)
{
	return isatty(STDERR_FILENO) && getenv("TERM") && strcmp(getenv("TERM"), "dumb") != 0;
}

/* The linked pages of the feeds among bufs[i] with want[i], fetched and
 * given to their buffers (fp holds them): 0, or -1 (said). */
static int load_pages(const struct cli_env *env, struct ingest_buffer *bufs, const bool *want,
                      size_t n, struct feed_pages *fp, struct fetch_pages_report *rep)
{
	bool any = false;
	for (size_t i = 0; i < n; i++)
		any = any || want[i];
	if (!any)
		return 0;
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_WRITE, &st) < 0)
		return -1;
	int rc = fetch_pages(st, bufs, want, n, fp, stderr_tty() ? page_progress : NULL, NULL,
	                     page_message, rep);
	store_close(&st);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		bufs[i].pages = fp[i].pages;
		bufs[i].n_pages = fp[i].n;
	}
	return rc;
}

static void pages_said(const struct fetch_pages_report *rep)
{
	if (rep->read + rep->failed == 0)
		return;
	printf(ngettext("linked pages: %zu read", "linked pages: %zu read", rep->read), rep->read);
	if (rep->failed)
		printf(ngettext(", %zu failed (its item keeps its summary)",
		                ", %zu failed (their items keep their summaries)", rep->failed),
		       rep->failed);
	putchar('\n');
}

int cli_add_args(const struct cli_env *env, char *const *args, size_t n, bool fetch_pages,
                 char **summary, int quiet)
{
	char **paths = calloc(n, sizeof *paths);
	struct fetch_request *req = calloc(n, sizeof *req);
	struct fetch_result *res = calloc(n, sizeof *res);
	struct ingest_buffer *bufs = calloc(n, sizeof *bufs);
	struct feed_pages *fp = calloc(n, sizeof *fp);
	bool *want = calloc(n, sizeof *want);
	struct fetch_pages_report pages = { 0 };
	int rc = CLI_FAILED;
	size_t np = 0, nr = 0, nb = 0, problems = 0;
	if (!paths || !req || !res || !bufs || !fp || !want) {
		cli_error(_("out of memory"));
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		bool web;
		if (!is_address(args[i], &web)) {
			paths[np++] = args[i];
		} else if (!web) {
			cli_error(_("%s: only http and https addresses are read; skipped"), args[i]);
			problems++;
		} else {
			req[nr++].url = args[i];
		}
	}
	fetch_many(req, nr, res, NULL, NULL);
	for (size_t i = 0; i < nr; i++) {
		if (res[i].ok) {
			want[nb] = fetch_pages;
			bufs[nb++] = (struct ingest_buffer){ req[i].url, res[i].data, res[i].len,
			                                     res[i].charset, NULL, 0 };
		} else {
			cli_error(_("%s: %s; skipped"), req[i].url,
			          res[i].error ? res[i].error : _("not modified"));
			problems++;
		}
	}
	if (np + nb == 0) {
		rc = CLI_PARTIAL;
		goto out;
	}
	if (load_pages(env, bufs, want, nb, fp, &pages) < 0)
		goto out;
	struct ingest_report before = { .problems = problems };
	rc = cli_ingest_ex(env, paths, np, bufs, nb, &before, summary, quiet, NULL);
	if (rc != CLI_FAILED)
		pages_said(&pages);
	if (rc == CLI_OK && problems)
		rc = CLI_PARTIAL;
out:
	feed_pages_free(fp, nb);
	free(fp);
	free(want);
	for (size_t i = 0; res && i < nr; i++)
		fetch_result_free(&res[i]);
	free(paths);
	free(req);
	free(res);
	free(bufs);
	return rc;
}

int cli_ingest_args(const struct cli_env *env, char *const *args, size_t n,
                    char **summary, int quiet)
{
	return cli_add_args(env, args, n, false, summary, quiet);
}

/* ---- subscriptions ---------------------------------------------------- */

static const char subscribe_usage[] =
	N_("Usage: margo subscribe [--db FILE] [--fetch-pages|--no-fetch-pages] URL...\n"
	"Subscribe to RSS or Atom feeds: each is fetched once and its items\n"
	"loaded; \"margo fetch\" fetches them all again.  An address that cannot\n"
	"be fetched, or is not a feed, is said in one line and not subscribed.\n"
	"--fetch-pages: for each item that carries only a summary, the page it\n"
	"links to is fetched and its article read in place of the summary, now\n"
	"and at every fetch (--no-fetch-pages stops it); a page that fails is\n"
	"said in one line and its item keeps the summary.\n"
	"Exit status: 0 all subscribed, 1 some not, 3 library error.\n");

static const char feeds_usage[] =
	N_("Usage: margo feeds [--db FILE] [--format jsonl]\n"
	"The feeds subscribed to: address, title, items loaded, when last\n"
	"fetched, \"with linked pages\" when they are fetched (--fetch-pages),\n"
	"and the error of that fetch, if any.\n");

static const char unsubscribe_usage[] =
	N_("Usage: margo unsubscribe [--db FILE] URL...\n"
	"Stop fetching these feeds; the articles loaded from them stay.\n");

static const char fetch_usage[] =
	N_("Usage: margo fetch [--db FILE] [--fetch-pages]\n"
	"Fetch every feed subscribed to, eight at a time, and load new and\n"
	"changed items.  A feed's server is asked for changes only (the ETag\n"
	"and Last-Modified of its last answer): one unchanged loads nothing.  A\n"
	"feed that cannot be fetched is said in one line, and kept for the\n"
	"next fetch, while the rest loads.\n"
	"--fetch-pages: in the feeds that changed, each item that carries only\n"
	"a summary has the page it links to read in place of the summary, as\n"
	"for a feed subscribed to with --fetch-pages (this time only).\n"
	"Exit status: 0 all fetched, 1 some failed, 3 library error.\n");

/* The feed's title, or NULL (not a feed, or none). */
static char *feed_title(const struct fetch_result *r, bool *is_feed)
{
	struct feed f;
	int rc = feed_parse(r->data, r->len, &f);
	*is_feed = rc != 0;
	if (rc <= 0)
		return NULL;
	char *t = f.title;
	f.title = NULL;
	feed_free(&f);
	return t;
}

static void fetch_progress(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	fputc('\r', stderr);
	fprintf(stderr, _("fetching feeds: %zu of %zu"), done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* Fetch `n` feeds (validators given), load what came (with the linked
 * pages of those with pages[i]), and record each outcome; `subscribing`:
 * a feed is recorded only once it has loaded, its choice of pages stored
 * when `store_pages` is 0 or 1. */
static int fetch_feeds(const struct cli_env *env, struct fetch_request *req, size_t n,
                       const bool *pages, bool subscribing, int store_pages)
{
	struct fetch_result *res = calloc(n ? n : 1, sizeof *res);
	struct ingest_buffer *bufs = calloc(n ? n : 1, sizeof *bufs);
	char **titles = calloc(n ? n : 1, sizeof *titles);
	bool *keep = calloc(n ? n : 1, sizeof *keep);
	bool *want = calloc(n ? n : 1, sizeof *want);
	struct feed_pages *fp = calloc(n ? n : 1, sizeof *fp);
	struct fetch_pages_report prep = { 0 };
	int rc = CLI_FAILED;
	size_t nb = 0;
	struct ingest_report before = { 0 };
	if (!res || !bufs || !titles || !keep || !want || !fp) {
		cli_error(_("out of memory"));
		goto out;
	}
	fetch_many(req, n, res, stderr_tty() && n > 1 ? fetch_progress : NULL, NULL);
	for (size_t i = 0; i < n; i++) {
		if (res[i].not_modified) {
			before.unchanged++;
			before.feed_files++;
			keep[i] = true;
		} else if (!res[i].ok) {
			cli_error(subscribing ? _("%s: %s; not subscribed") : _("%s: %s"), req[i].url,
			          res[i].error);
			before.problems++;
			keep[i] = !subscribing;
		} else {
			bool is_feed;
			titles[i] = feed_title(&res[i], &is_feed);
			if (!is_feed) {
				free(res[i].error);
				res[i].error = util_strdup(_("not an RSS or Atom feed"));
				cli_error(subscribing ? _("%s: %s; not subscribed") : _("%s: %s"),
				          req[i].url, res[i].error);
				before.problems++;
				keep[i] = !subscribing;
				continue;
			}
			want[nb] = pages[i];
			bufs[nb++] = (struct ingest_buffer){ req[i].url, res[i].data, res[i].len,
			                                     res[i].charset, NULL, 0 };
			keep[i] = true;
		}
	}
	if (load_pages(env, bufs, want, nb, fp, &prep) < 0)
		goto out;
	rc = cli_ingest_ex(env, NULL, 0, bufs, nb, &before, NULL, 0, NULL);
	if (rc == CLI_FAILED)
		goto out;
	pages_said(&prep);
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_WRITE, &st) < 0) {
		rc = CLI_FAILED;
		goto out;
	}
	bool failed = store_begin(st) < 0;
	for (size_t i = 0; i < n && !failed; i++) {
		if (!keep[i])
			continue;
		if (subscribing && store_feed_add(st, req[i].url) < 0)
			failed = true;
		else if (subscribing && store_pages >= 0 &&
		         store_feed_set_pages(st, req[i].url, store_pages == 1) < 0)
			failed = true;
		else if (store_feed_fetched(st, req[i].url, titles[i], res[i].etag,
		                            res[i].last_modified, res[i].error) < 0)
			failed = true;
	}
	if (failed || store_commit(st) < 0) {
		cli_error(_("%s: cannot save the feeds: %s"), env->db_path, store_errmsg(st));
		store_rollback(st);
		rc = CLI_FAILED;
	}
	store_close(&st);
	if (rc == CLI_OK && before.problems)
		rc = CLI_PARTIAL;
out:
	for (size_t i = 0; res && i < n; i++) {
		fetch_result_free(&res[i]);
		if (titles)
			free(titles[i]);
	}
	free(res);
	free(bufs);
	free(titles);
	free(keep);
	free(want);
	feed_pages_free(fp, nb);
	free(fp);
	return rc;
}

/* The operands, each an http or https address (else said, and left out). */
static size_t web_operands(char **argv, int first, int argc, struct fetch_request *req,
                           size_t *bad)
{
	size_t n = 0;
	for (int i = first; i < argc; i++) {
		bool web;
		if (fetch_is_url(argv[i], &web) && web)
			req[n++].url = argv[i];
		else {
			cli_error(_("%s: not an http or https address"), argv[i]);
			(*bad)++;
		}
	}
	return n;
}

/* Whether each feed's linked pages are fetched: as `said` (0 or 1), else
 * as its subscription stored it (none: not).  0 or -1 (said). */
static int pages_chosen(const struct cli_env *env, const struct fetch_request *req, size_t n,
                        bool *pages, int said)
{
	for (size_t i = 0; i < n; i++)
		pages[i] = said == 1;
	if (said == 0 || access(env->db_path, F_OK) != 0)
		return 0;
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_WRITE, &st) < 0)
		return -1;
	struct store_feed *f;
	size_t nf;
	int r = store_feed_list(st, &f, &nf);
	if (r < 0)
		cli_error(_("%s: cannot read the library: %s"), env->db_path, store_errmsg(st));
	store_close(&st);
	if (r < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < nf; k++)
			if (strcmp(req[i].url, f[k].url) == 0)
				pages[i] = f[k].pages;
	store_feed_list_free(f, nf);
	return 0;
}

int cli_subscribe(const struct cli_env *env, int argc, char **argv)
{
	struct sub_opts o;
	int first = cli_parse_sub_flags(argc, argv, subscribe_usage, &o, SUB_PAGES | SUB_NO_PAGES);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	if (first >= argc) {
		cli_error(_("subscribe: no URL given; see \"margo subscribe --help\""));
		return CLI_USAGE;
	}
	struct fetch_request *req = calloc((size_t)(argc - first), sizeof *req);
	if (!req) {
		cli_error(_("out of memory"));
		return CLI_FAILED;
	}
	size_t bad = 0, n = web_operands(argv, first, argc, req, &bad);
	bool *pages = calloc((size_t)(argc - first), sizeof *pages);
	int rc = CLI_FAILED;
	if (!pages) {
		cli_error(_("out of memory"));
	} else if (n && o.fetch_pages != 1) {
		/* Unsaid: a feed subscribed to already keeps its choice. */
		if (pages_chosen(env, req, n, pages, o.fetch_pages) < 0)
			rc = CLI_FAILED;
		else
			rc = fetch_feeds(env, req, n, pages, true, o.fetch_pages);
	} else {
		for (size_t i = 0; i < n; i++)
			pages[i] = true;
		rc = n ? fetch_feeds(env, req, n, pages, true, o.fetch_pages) : CLI_PARTIAL;
	}
	free(pages);
	free(req);
	return rc == CLI_OK && bad ? CLI_PARTIAL : rc;
}

int cli_unsubscribe(const struct cli_env *env, int argc, char **argv)
{
	struct sub_opts o;
	int first = cli_parse_sub(argc, argv, unsubscribe_usage, &o);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	if (first >= argc) {
		cli_error(_("unsubscribe: no URL given; see \"margo unsubscribe --help\""));
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_WRITE, &st) < 0)
		return CLI_FAILED;
	int rc = CLI_OK;
	for (int i = first; i < argc; i++) {
		int r = store_feed_remove(st, argv[i]);
		if (r < 0) {
			cli_error(_("%s: cannot write to the library: %s"), env->db_path, store_errmsg(st));
			rc = CLI_FAILED;
			break;
		}
		if (r == 0) {
			cli_error(_("%s: not subscribed"), argv[i]);
			rc = CLI_PARTIAL;
		} else {
			printf(_("unsubscribed from %s (its articles stay)\n"), argv[i]);
		}
	}
	store_close(&st);
	return rc;
}

int cli_fetch(const struct cli_env *env, int argc, char **argv)
{
	struct sub_opts o;
	int first = cli_parse_sub_flags(argc, argv, fetch_usage, &o, SUB_PAGES);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	if (first < argc) {
		cli_error(_("fetch: unexpected argument \"%s\""), argv[first]);
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_WRITE, &st) < 0)
		return CLI_FAILED;
	struct store_feed *f;
	size_t n;
	int r = store_feed_list(st, &f, &n);
	if (r < 0)
		cli_error(_("%s: cannot read the library: %s"), env->db_path, store_errmsg(st));
	store_close(&st);
	if (r < 0)
		return CLI_FAILED;
	if (n == 0) {
		printf("%s\n", _("no feeds subscribed to; see \"margo subscribe --help\""));
		store_feed_list_free(f, n);
		return CLI_OK;
	}
	struct fetch_request *req = calloc(n, sizeof *req);
	bool *pages = calloc(n, sizeof *pages);
	int rc = CLI_FAILED;
	if (req && pages) {
		for (size_t i = 0; i < n; i++) {
			req[i] = (struct fetch_request){ f[i].url, f[i].etag, f[i].last_modified };
			pages[i] = f[i].pages || o.fetch_pages == 1;
		}
		rc = fetch_feeds(env, req, n, pages, false, -1);
	} else {
		cli_error(_("out of memory"));
	}
	free(req);
	free(pages);
	store_feed_list_free(f, n);
	return rc;
}

int cli_feeds(const struct cli_env *env, int argc, char **argv)
{
	struct sub_opts o;
	int first = cli_parse_sub(argc, argv, feeds_usage, &o);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	if (first < argc) {
		cli_error(_("feeds: unexpected argument \"%s\""), argv[first]);
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_READ, &st) < 0)
		return CLI_FAILED;
	struct store_feed *f;
	size_t n;
	int r = store_feed_list(st, &f, &n);
	if (r < 0)
		cli_error(_("%s: cannot read the library: %s"), env->db_path, store_errmsg(st));
	store_close(&st);
	if (r < 0)
		return CLI_FAILED;
	struct buf b = { 0 };
	for (size_t i = 0; i < n; i++) {
		if (o.format == FORMAT_JSONL) {
			buf_putc(&b, '{');
			cli_json_field(&b, "url", f[i].url, 1);
			cli_json_field(&b, "title", f[i].title, 0);
			buf_printf(&b, ",\"items\":%lld", (long long)f[i].items);
			cli_json_field(&b, "last_fetch", f[i].last_fetch, 0);
			cli_json_field(&b, "last_error", f[i].last_error, 0);
			buf_printf(&b, ",\"fetch_pages\":%s}", f[i].pages ? "true" : "false");
			cli_flush_line(&b);
			continue;
		}
		cli_puts_safe(stdout, f[i].url);
		fputs("  ", stdout);
		cli_puts_safe(stdout, f[i].title ? f[i].title : _("(no title)"));
		printf(ngettext("  %lld item", "  %lld items", (unsigned long)f[i].items),
		       (long long)f[i].items);
		printf(_("  fetched %s"), f[i].last_fetch ? f[i].last_fetch : _("never"));
		if (f[i].pages)
			fputs(_("  with linked pages"), stdout);
		if (f[i].last_error) {
			fputs(_("  error: "), stdout);
			cli_puts_safe(stdout, f[i].last_error);
		}
		putchar('\n');
	}
	buf_free(&b);
	store_feed_list_free(f, n);
	return CLI_OK;
}
