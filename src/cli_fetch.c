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

#include "margo/fetch.h"
#include "margo/i18n.h"
#include "cli_impl.h"

/* An argument written as an address that is not also a file's name. */
static bool is_address(const char *arg, bool *web)
{
	return fetch_is_url(arg, web) && access(arg, F_OK) != 0;
}

int cli_add_args(const struct cli_env *env, char *const *args, size_t n)
{
	char **paths = calloc(n, sizeof *paths);
	struct fetch_request *req = calloc(n, sizeof *req);
	struct fetch_result *res = calloc(n, sizeof *res);
	struct ingest_buffer *bufs = calloc(n, sizeof *bufs);
	int rc = CLI_FAILED;
	size_t np = 0, nr = 0, nb = 0, problems = 0;
	if (!paths || !req || !res || !bufs) {
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
			bufs[nb++] = (struct ingest_buffer){ req[i].url, res[i].data, res[i].len,
			                                     res[i].charset };
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
	rc = cli_ingest_ex(env, paths, np, bufs, nb, problems, NULL, 0, NULL);
	if (rc == CLI_OK && problems)
		rc = CLI_PARTIAL;
out:
	for (size_t i = 0; res && i < nr; i++)
		fetch_result_free(&res[i]);
	free(paths);
	free(req);
	free(res);
	free(bufs);
	return rc;
}
