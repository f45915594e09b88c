/*
 * fetch.c: web addresses into memory, several at once, with libcurl's
 * multi interface (see fetch.h for the limits).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "margo/fetch.h"
#include "margo/i18n.h"
#include "margo/util.h"

#define FETCH_CONNECT_TIMEOUT 15L
#define FETCH_TIMEOUT 60L
#define FETCH_MAX_REDIRECTS 5L

bool fetch_is_url(const char *s, bool *web)
{
	*web = false;
	if (!strstr(s, "://"))
		return false;
	CURLU *u = curl_url();
	if (!u)
		return false;
	char *scheme = NULL;
	bool url = curl_url_set(u, CURLUPART_URL, s, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
	           curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK;
	if (url)
		*web = strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0;
	curl_free(scheme);
	curl_url_cleanup(u);
	return url;
}

/* RFC 9110 token characters. */
static bool tchar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

static void skip_ows(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
}

static char *lower_token(const char **p)
{
	const char *s = *p;
	while (tchar(**p))
		(*p)++;
	char *t = util_strndup(s, (size_t)(*p - s));
	for (char *q = t; q && *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	return t;
}

/* media-type = type "/" subtype *( OWS ";" OWS parameter ), parameter =
 * token "=" ( token / quoted-string ).  What does not follow the grammar
 * ends the reading: what came before stands. */
int fetch_parse_content_type(const char *s, char **type, char **charset)
{
	*type = *charset = NULL;
	if (!s)
		return 0;
	const char *p = s;
	skip_ows(&p);
	const char *start = p;
	while (tchar(*p))
		p++;
	if (*p != '/' || p == start)
		return 0;
	p++;
	if (!tchar(*p))
		return 0;
	p = start;
	char *t = lower_token(&p);  /* type */
	if (!t)
		return -1;
	p++;
	char *sub = lower_token(&p);
	*type = sub ? util_printf("%s/%s", t, sub) : NULL;
	free(t);
	free(sub);
	if (!*type)
		return -1;
	for (;;) {
		skip_ows(&p);
		if (*p != ';')
			break;
		p++;
		skip_ows(&p);
		char *name = lower_token(&p);
		if (!name)
			return -1;
		if (*p != '=' || !*name) {
			free(name);
			break;
		}
		p++;
		struct buf v = { 0 };
		if (*p == '"') {
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && p[1])
					p++;
				buf_putc(&v, *p);
			}
			if (*p == '"')
				p++;
		} else {
			const char *vs = p;
			while (tchar(*p))
				p++;
			buf_append(&v, vs, (size_t)(p - vs));
		}
		if (strcmp(name, "charset") == 0 && !*charset && v.len)
			*charset = buf_steal(&v);
		buf_free(&v);
		free(name);
	}
	return 0;
}

struct transfer {
	CURL *h;
	struct curl_slist *headers;
	struct buf body;
	bool too_big;
	char errbuf[CURL_ERROR_SIZE];
};

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct transfer *t = ud;
	size_t n = size * nmemb;
	if (t->body.len + n > (size_t)FETCH_MAX_BODY) {
		t->too_big = true;
		return 0;  /* abandons the transfer */
	}
	if (buf_append(&t->body, ptr, n) < 0)
		return 0;
	return n;
}

static char *header_value(CURL *h, const char *name)
{
	struct curl_header *hd = NULL;
	if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hd) != CURLHE_OK || !hd->value ||
	    !*hd->value)
		return NULL;
	return util_strdup(hd->value);
}

static long total_timeout(void)
{
	const char *e = getenv("MARGO_FETCH_TIMEOUT");
	if (e && *e) {
		char *end;
		long v = strtol(e, &end, 10);
		if (!*end && v > 0 && v < FETCH_TIMEOUT)
			return v;
	}
	return FETCH_TIMEOUT;
}

static int setup(struct transfer *t, const struct fetch_request *rq)
{
	t->h = curl_easy_init();
	if (!t->h)
		return -1;
	CURL *h = t->h;
	curl_easy_setopt(h, CURLOPT_URL, rq->url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, FETCH_MAX_REDIRECTS);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)FETCH_MAX_BODY);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, FETCH_CONNECT_TIMEOUT);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, total_timeout());
	curl_easy_setopt(h, CURLOPT_USERAGENT, "margo/" PACKAGE_VERSION);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(h, CURLOPT_PRIVATE, t);
	char *line;
	if (rq->etag && *rq->etag) {
		if (!(line = util_printf("If-None-Match: %s", rq->etag)))
			return -1;
		struct curl_slist *l = curl_slist_append(t->headers, line);
		free(line);
		if (!l)
			return -1;
		t->headers = l;
	}
	if (rq->last_modified && *rq->last_modified) {
		if (!(line = util_printf("If-Modified-Since: %s", rq->last_modified)))
			return -1;
		struct curl_slist *l = curl_slist_append(t->headers, line);
		free(line);
		if (!l)
			return -1;
		t->headers = l;
	}
	if (t->headers)
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, t->headers);
	return 0;
}

/* One transfer done: its result, in one line when it failed. */
static void finish(struct transfer *t, CURLcode rc, struct fetch_result *r)
{
	curl_easy_getinfo(t->h, CURLINFO_RESPONSE_CODE, &r->status);
	if (rc == CURLE_OK && r->status == 304) {
		r->not_modified = true;
		return;
	}
	if (rc == CURLE_OK && r->status >= 200 && r->status < 300) {
		if (buf_putc(&t->body, '\0') < 0) {
			r->error = util_strdup(_("out of memory"));
			return;
		}
		r->len = t->body.len - 1;
		r->data = buf_steal(&t->body);
		r->ok = r->data != NULL;
		char *ct = NULL;
		curl_easy_getinfo(t->h, CURLINFO_CONTENT_TYPE, &ct);
		fetch_parse_content_type(ct, &r->content_type, &r->charset);
		r->etag = header_value(t->h, "ETag");
		r->last_modified = header_value(t->h, "Last-Modified");
		if (!r->ok)
			r->error = util_strdup(_("out of memory"));
		return;
	}
	if (rc == CURLE_OK)
		r->error = util_printf(_("the server answered %ld"), r->status);
	else if (t->too_big || rc == CURLE_FILESIZE_EXCEEDED)
		r->error = util_printf(_("larger than %d MiB; abandoned"),
		                       (int)(FETCH_MAX_BODY >> 20));
	else if (rc == CURLE_OPERATION_TIMEDOUT)
		r->error = util_strdup(_("no answer in time (timed out)"));
	else if (rc == CURLE_TOO_MANY_REDIRECTS)
		r->error = util_printf(_("more than %ld redirects"), FETCH_MAX_REDIRECTS);
	else if (rc == CURLE_UNSUPPORTED_PROTOCOL)
		r->error = util_strdup(_("only http and https addresses are read"));
	else if (rc == CURLE_COULDNT_RESOLVE_HOST)
		r->error = util_strdup(_("no such host"));
	else if (rc == CURLE_COULDNT_CONNECT)
		r->error = util_strdup(_("cannot connect (refused or unreachable)"));
	else
		r->error = util_strdup(t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc));
	/* One line: what a server or libcurl says may hold control characters. */
	for (char *p = r->error; p && *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
}

static void transfer_free(struct transfer *t)
{
	if (t->h)
		curl_easy_cleanup(t->h);
	t->h = NULL;
	curl_slist_free_all(t->headers);
	t->headers = NULL;
	buf_free(&t->body);
}

int fetch_many(const struct fetch_request *req, size_t n, struct fetch_result *res,
               fetch_progress_fn progress, void *ctx)
{
	for (size_t i = 0; i < n; i++)
		memset(&res[i], 0, sizeof res[i]);
	if (n == 0)
		return 0;
	struct transfer *t = calloc(n, sizeof *t);
	CURLM *m = NULL;
	if (!t || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(m = curl_multi_init())) {
		for (size_t i = 0; i < n; i++)
			res[i].error = util_strdup(_("cannot start the web client"));
		free(t);
		return -1;
	}
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)FETCH_PARALLEL);
	size_t next = 0, running = 0, done = 0;
	while (done < n) {
		/* Keep FETCH_PARALLEL transfers going. */
		while (next < n && running < FETCH_PARALLEL) {
			size_t i = next++;
			bool web;
			if (!fetch_is_url(req[i].url, &web) || !web) {
				res[i].error = util_strdup(_("only http and https addresses are read"));
				done++;
				if (progress)
					progress(ctx, done, n);
				continue;
			}
			if (setup(&t[i], &req[i]) < 0 || curl_multi_add_handle(m, t[i].h) != CURLM_OK) {
				res[i].error = util_strdup(_("out of memory"));
				done++;
				continue;
			}
			running++;
		}
		if (running == 0)
			continue;
		int still = 0;
		if (curl_multi_perform(m, &still) != CURLM_OK)
			break;
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(m, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			struct transfer *tr = NULL;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&tr);
			size_t i = (size_t)(tr - t);
			finish(tr, msg->data.result, &res[i]);
			curl_multi_remove_handle(m, tr->h);
			transfer_free(tr);
			running--;
			done++;
			if (progress)
				progress(ctx, done, n);
		}
		if (still > 0 && curl_multi_poll(m, NULL, 0, 1000, NULL) != CURLM_OK)
			break;
	}
	for (size_t i = 0; i < n; i++) {
		if (t[i].h) {
			curl_multi_remove_handle(m, t[i].h);
			if (!res[i].error && !res[i].ok && !res[i].not_modified)
				res[i].error = util_strdup(_("the web client failed"));
		}
		transfer_free(&t[i]);
	}
	free(t);
	curl_multi_cleanup(m);
	curl_global_cleanup();
	return 0;
}

void fetch_result_free(struct fetch_result *r)
{
	free(r->data);
	free(r->content_type);
	free(r->charset);
	free(r->etag);
	free(r->last_modified);
	free(r->error);
	memset(r, 0, sizeof *r);
}
