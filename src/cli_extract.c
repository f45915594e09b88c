/*
 * cli_extract.c: margo extract FILE|URL...: the article and metadata of
 * web pages, one JSON line each, without opening any library.  The http
 * and https addresses among the arguments are fetched first, all at once
 * (fetch.c, with its limits); the lines come in the arguments' order.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "margo/fetch.h"
#include "margo/html.h"
#include "margo/i18n.h"
#include "margo/util.h"
#include "cli_impl.h"

#define EXTRACT_MAX (256L * 1024 * 1024)  /* larger pages are refused */

static const char extract_usage[] =
	N_("Usage: margo extract FILE|URL...\n"
	"Print the article of each web page (.html, .htm, .xhtml, or any of them\n"
	"compressed as .gz, or an http or https address) as one JSON line of\n"
	"{\"path\",\"url\",\"title\",\"author\",\"date\",\"site\",\"text\"}: the text is the\n"
	"article's body, its paragraphs separated by a blank line (null when the\n"
	"page has none).  No library is opened.\n"
	"\"path\" is null for an address, and \"url\" the page's canonical address,\n"
	"else the one fetched.\n"
	"Exit status: 0 every page read, 1 some skipped or without an article.\n");

/* A file's bytes (the inflated ones of a .gz): 0, or -1 after saying why. */
static int read_page(const char *path, bool gz, char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat sb;
	if (fd < 0) {
		cli_error(_("%s: cannot open: %s; skipped"), path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		cli_error(_("%s: not a regular file; skipped"), path);
		close(fd);
		return -1;
	}
	struct buf b = { 0 };
	char chunk[65536];
	ssize_t n;
	int err = 0;
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			err = errno;
		else if (b.len + (size_t)n > EXTRACT_MAX)
			err = EFBIG;
		else if (buf_append(&b, chunk, (size_t)n) < 0)
			err = ENOMEM;
		if (err)
			break;
	}
	close(fd);
	if (err) {
		cli_error(_("%s: %s; skipped"), path,
		          err == EFBIG ? _("larger than 256 MiB") : strerror(err));
		buf_free(&b);
		return -1;
	}
	if (!gz) {
		*len = b.len;
		if (buf_putc(&b, '\0') < 0 || !(*data = buf_steal(&b))) {
			cli_error(_("%s: out of memory; skipped"), path);
			buf_free(&b);
			return -1;
		}
		return 0;
	}
	int rc = html_gunzip(b.data ? b.data : "", b.len, EXTRACT_MAX, data, len);
	buf_free(&b);
	if (rc == 0)
		return 0;
	cli_error(_("%s: %s; skipped"), path,
	          rc == -1 ? _("out of memory") :
	          rc == -3 ? _("larger than 256 MiB once uncompressed") :
	          _("not gzip data, or damaged"));
	return -1;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* The page's line, for `path` (a file) or `url` (an address fetched):
 * 0 printed, -1 reported.  Takes `data`. */
static int print_page(const char *path, const char *url, char *data, size_t len,
                      const char *charset)
{
	const char *name = path ? path : url;
	struct html_page p;
	int rc = html_extract(data, len, charset, &p);
	free(data);
	if (rc < 0) {
		cli_error(_("%s: %s; skipped"), name,
		          rc == -1 ? _("out of memory") : _("not a web page that can be read"));
		return -1;
	}
	json_t *o = json_object();
	json_object_set_new(o, "path", str_or_null(path));
	json_object_set_new(o, "url", str_or_null(p.url ? p.url : url));
	json_object_set_new(o, "title", str_or_null(p.title));
	json_object_set_new(o, "author", str_or_null(p.author));
	json_object_set_new(o, "date", str_or_null(p.date));
	json_object_set_new(o, "site", str_or_null(p.site));
	json_object_set_new(o, "text", str_or_null(p.text));
	char *line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	bool body = p.text != NULL;
	html_page_free(&p);
	if (!line) {
		cli_error(_("%s: out of memory; skipped"), name);
		return -1;
	}
	puts(line);
	free(line);
	if (!body) {
		cli_error(_("%s: no article text found"), name);
		return -1;
	}
	return 0;
}

/* 0 printed, -1 reported. */
static int extract_one(const char *path)
{
	bool gz = false;
	if (!html_is_page_name(path, &gz)) {
		cli_error(_("%s: not a web page (.html, .htm, .xhtml, or one of them .gz); skipped"),
		          path);
		return -1;
	}
	char *data = NULL;
	size_t len = 0;
	if (read_page(path, gz, &data, &len) < 0)
		return -1;
	return print_page(path, NULL, data, len, NULL);
}

int cli_extract(const struct cli_env *env, int argc, char **argv)
{
	(void)env;
	int first = 1;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			first = i + 1;
			break;
		}
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(_(extract_usage), stdout);
			return CLI_OK;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			cli_error(_("extract: unknown option \"%s\"; see \"margo extract --help\""),
			          argv[i]);
			return CLI_USAGE;
		}
	}
	if (first >= argc) {
		cli_error(_("extract: no FILE given; see \"margo extract --help\""));
		return CLI_USAGE;
	}
	/* The addresses (an argument that is also a file's name is the file). */
	size_t n = (size_t)(argc - first), nr = 0;
	struct fetch_request *req = calloc(n, sizeof *req);
	struct fetch_result *res = calloc(n, sizeof *res);
	if (!req || !res) {
		free(req);
		free(res);
		cli_error(_("out of memory"));
		return CLI_FAILED;
	}
	for (int i = first; i < argc; i++) {
		bool web;
		if (fetch_is_url(argv[i], &web) && web && access(argv[i], F_OK) != 0)
			req[nr++].url = argv[i];
	}
	fetch_many(req, nr, res, NULL, NULL);
	int status = CLI_OK;
	size_t k = 0;
	for (int i = first; i < argc; i++) {
		if (i == first && strcmp(argv[i], "--") == 0)
			continue;
		int rc;
		if (k < nr && argv[i] == req[k].url) {
			struct fetch_result *r = &res[k++];
			if (r->ok) {
				rc = print_page(NULL, argv[i], r->data, r->len, r->charset);
				r->data = NULL;  /* taken */
			} else {
				cli_error(_("%s: %s; skipped"), argv[i], r->error ? r->error : "?");
				rc = -1;
			}
		} else {
			rc = extract_one(argv[i]);
		}
		if (rc < 0)
			status = CLI_PARTIAL;
	}
	for (size_t i = 0; i < nr; i++)
		fetch_result_free(&res[i]);
	free(req);
	free(res);
	if (fflush(stdout) != 0) {
		cli_error(_("cannot write the output: %s"), strerror(errno));
		return CLI_FAILED;
	}
	return status;
}
