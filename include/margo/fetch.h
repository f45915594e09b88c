/*
 * fetch.h: web addresses read into memory, with libcurl.
 *
 * Only http and https, also after a redirect (at most 5); a body larger
 * than FETCH_MAX_BODY (once uncompressed) is abandoned; 15 seconds to
 * connect and 60 in all (MARGO_FETCH_TIMEOUT, in seconds, shortens the
 * total, for tests); gzip and deflate accepted.  A stored ETag or
 * Last-Modified makes the request conditional: an answer of 304 is
 * "unchanged".  Several addresses are fetched at once, FETCH_PARALLEL at
 * most.
 */
#ifndef MARGO_FETCH_H
#define MARGO_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#define FETCH_MAX_BODY (32L * 1024 * 1024)
#define FETCH_PARALLEL 8

struct fetch_request {
	const char *url;
	const char *etag;           /* NULL: none stored */
	const char *last_modified;  /* NULL: none stored */
};

struct fetch_result {
	bool ok;              /* a body was read (status 2xx) */
	bool not_modified;    /* 304: what is stored is current */
	long status;          /* the HTTP status, 0 when none came */
	char *data;           /* the body (ok), NUL-terminated */
	size_t len;
	char *content_type;   /* the media type, lowercase, no parameters */
	char *charset;        /* its charset parameter, or NULL */
	char *etag, *last_modified;  /* as the server sent them, or NULL */
	char *error;          /* one line, when neither ok nor not_modified */
};

/* Called after each address is done (done of total), for a progress line. */
typedef void (*fetch_progress_fn)(void *ctx, size_t done, size_t total);

/* Whether `s` is written as an address with a scheme ("x://..."): then
 * *web is set when that scheme is http or https. */
bool fetch_is_url(const char *s, bool *web);

/* Fetch each request into res[i] (zeroed first).  Returns 0, or -1 when
 * libcurl cannot be started at all (every res[i].error says so). */
int fetch_many(const struct fetch_request *req, size_t n, struct fetch_result *res,
               fetch_progress_fn progress, void *ctx);
void fetch_result_free(struct fetch_result *r);

/* "text/html; charset=UTF-8": the type ("text/html") and the charset
 * parameter's value (unquoted), each NULL when absent; -1 out of memory. */
int fetch_parse_content_type(const char *s, char **type, char **charset);

#endif
