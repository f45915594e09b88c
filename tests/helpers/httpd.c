/*
 * httpd: a small HTTP/1.1 server for the tests, on 127.0.0.1 only.
 *
 *   httpd DIR LOG [ANSWERS]
 *                    binds an ephemeral port, prints it on a line, and
 *                    serves the files of DIR until killed, one process a
 *                    connection (one request each, then closed); each
 *                    answer's status is appended to ANSWERS, when given, as
 *                    a line "STATUS PATH".
 *
 * A file's ETag is a hash of its content and its Last-Modified its time;
 * If-None-Match (first) or If-Modified-Since make a 304.  NAME.ctype beside
 * a file holds its Content-Type (else by suffix).  Each request is logged
 * to LOG as one line: "METHOD PATH inm=VALUE ims=VALUE ua=VALUE" ("-" when
 * absent).
 * NAME.gz is sent instead, with Content-Encoding: gzip, when the client
 * accepts gzip.
 * Paths for the hostile cases: /loop redirects to itself, /stall sends a
 * little of its body and then nothing, /endless sends a body without end.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *dir, *logpath, *answerpath;

/* The status of the answer to `path`, in ANSWERS. */
static void answered(int status, const char *path)
{
	if (!answerpath)
		return;
	FILE *f = fopen(answerpath, "a");
	if (f) {
		fprintf(f, "%d %s\n", status, path);
		fclose(f);
	}
}

static void put(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, s, n);
		if (k <= 0) {
			if (k < 0 && errno == EINTR)
				continue;
			_exit(0);
		}
		s += k;
		n -= (size_t)k;
	}
}

static void say(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(int fd, const char *fmt, ...)
{
	char *s = NULL;
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		_exit(1);
	put(fd, s, (size_t)n);
	free(s);
}

/* The value of header `name` in the request's header lines, or NULL. */
static char *header(char *head, const char *name)
{
	size_t k = strlen(name);
	for (char *line = strstr(head, "\r\n"); line; line = strstr(line, "\r\n")) {
		line += 2;
		if (strncasecmp(line, name, k) == 0 && line[k] == ':') {
			char *v = line + k + 1;
			while (*v == ' ')
				v++;
			char *end = strstr(v, "\r\n");
			return strndup(v, end ? (size_t)(end - v) : strlen(v));
		}
	}
	return NULL;
}

static void serve(int c)
{
	char head[16384];
	size_t len = 0;
	while (len < sizeof head - 1) {
		ssize_t k = read(c, head + len, sizeof head - 1 - len);
		if (k <= 0)
			_exit(0);
		len += (size_t)k;
		head[len] = '\0';
		if (strstr(head, "\r\n\r\n"))
			break;
	}
	char method[16], path[4096];
	if (sscanf(head, "%15s %4095s", method, path) != 2)
		_exit(0);
	char *inm = header(head, "If-None-Match"), *ims = header(head, "If-Modified-Since");
	char *ua = header(head, "User-Agent");
	char *line = NULL;
	int n = asprintf(&line, "%s %s inm=%s ims=%s ua=%s\n", method, path, inm ? inm : "-",
	                 ims ? ims : "-", ua ? ua : "-");
	int lf = open(logpath, O_WRONLY | O_APPEND | O_CREAT, 0644);
	if (n > 0 && lf >= 0)
		put(lf, line, (size_t)n);
	if (lf >= 0)
		close(lf);
	free(line);
	if (strcmp(path, "/loop") == 0) {
		answered(302, path);
		say(c, "HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n"
		       "Connection: close\r\n\r\n");
		return;
	}
	if (strcmp(path, "/stall") == 0) {
		answered(200, path);
		say(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n"
		       "Connection: close\r\n\r\n<html><body><p>");
		sleep(120);
		return;
	}
	if (strcmp(path, "/endless") == 0) {
		answered(200, path);
		say(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n");
		char chunk[65536];
		memset(chunk, 'a', sizeof chunk);
		for (;;)
			put(c, chunk, sizeof chunk);
	}
	char *file = NULL;
	if (strstr(path, "..") || asprintf(&file, "%s%s", dir, path) < 0)
		_exit(1);
	/* A NAME.gz beside (or instead of) NAME is sent compressed to a client
	 * that accepts gzip. */
	char *ae = header(head, "Accept-Encoding"), *gz = NULL;
	int fd = -1;
	bool zipped = false;
	if (ae && strstr(ae, "gzip") && asprintf(&gz, "%s.gz", file) > 0 &&
	    (fd = open(gz, O_RDONLY)) >= 0)
		zipped = true;
	if (fd < 0)
		fd = open(file, O_RDONLY);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		answered(404, path);
		say(c, "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n"
		       "Connection: close\r\n\r\nnot found\n");
		return;
	}
	char *body = malloc((size_t)sb.st_size + 1);
	if (!body || read(fd, body, (size_t)sb.st_size) != sb.st_size)
		_exit(1);
	close(fd);
	unsigned long long h = 1469598103934665603ULL;
	for (off_t i = 0; i < sb.st_size; i++)
		h = (h ^ (unsigned char)body[i]) * 1099511628211ULL;
	char etag[40], lm[64];
	snprintf(etag, sizeof etag, "\"%016llx\"", h);
	struct tm tm;
	gmtime_r(&sb.st_mtime, &tm);
	strftime(lm, sizeof lm, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	bool fresh = false;
	if (inm) {
		fresh = strcmp(inm, etag) == 0;
	} else if (ims) {
		struct tm t = { 0 };
		char *end = strptime(ims, "%a, %d %b %Y %H:%M:%S GMT", &t);
		fresh = end && !*end && timegm(&t) >= sb.st_mtime;
	}
	if (fresh) {
		answered(304, path);
		say(c, "HTTP/1.1 304 Not Modified\r\nETag: %s\r\nLast-Modified: %s\r\n"
		       "Connection: close\r\n\r\n", etag, lm);
		return;
	}
	char ctype[256] = "application/octet-stream";
	char *side = NULL;
	if (asprintf(&side, "%s.ctype", file) > 0) {
		FILE *f = fopen(side, "r");
		if (f) {
			if (fgets(ctype, sizeof ctype, f))
				ctype[strcspn(ctype, "\r\n")] = '\0';
			fclose(f);
		} else if (strstr(path, ".html")) {
			strcpy(ctype, "text/html; charset=utf-8");
		} else if (strstr(path, ".rss") || strstr(path, ".xml")) {
			strcpy(ctype, "application/rss+xml");
		} else if (strstr(path, ".atom")) {
			strcpy(ctype, "application/atom+xml");
		}
	}
	answered(200, path);
	say(c, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %lld\r\nETag: %s\r\n"
	       "Last-Modified: %s\r\n%sConnection: close\r\n\r\n", ctype, (long long)sb.st_size,
	    etag, lm, zipped ? "Content-Encoding: gzip\r\n" : "");
	put(c, body, (size_t)sb.st_size);
}

int main(int argc, char **argv)
{
	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: httpd DIR LOG [ANSWERS]\n");
		return 2;
	}
	dir = argv[1];
	logpath = argv[2];
	answerpath = argc == 4 ? argv[3] : NULL;
	signal(SIGCHLD, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = 0 };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t al = sizeof a;
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) < 0 || listen(s, 64) < 0 ||
	    getsockname(s, (struct sockaddr *)&a, &al) < 0) {
		perror("httpd");
		return 1;
	}
	printf("%d\n", ntohs(a.sin_port));
	fflush(stdout);
	for (;;) {
		int c = accept(s, NULL, NULL);
		if (c < 0) {
			if (errno == EINTR)
				continue;
			perror("httpd: accept");
			return 1;
		}
		pid_t p = fork();
		if (p == 0) {
			close(s);
			alarm(20);  /* a stalled answer ends by itself */
			serve(c);
			shutdown(c, SHUT_WR);
			close(c);
			_exit(0);
		}
		close(c);
	}
}
