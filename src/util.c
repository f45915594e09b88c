/*
 * util.c: growable buffers, checked string copies, hashing and time stamps.
 */
#include <config.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unistr.h>

#include "margo/util.h"

/* Make room for `extra` more bytes plus the terminating NUL. */
static int buf_grow(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return 0;
	if (extra > SIZE_MAX / 2 - b->len)
		return -1;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p)
		return -1;
	b->data = p;
	b->cap = cap;
	return 0;
}

int buf_append(struct buf *b, const void *data, size_t len)
{
	if (buf_grow(b, len) < 0)
		return -1;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int buf_putc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(b, (size_t)n) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

/* Characters a JSON string should carry as \uXXXX although JSON allows
 * them raw: DEL and the C1 controls (a terminal acts on them), the bidi
 * controls (they reorder what is shown around them: an id or a note can
 * look like another) and the line and paragraph separators (JavaScript
 * takes them for line ends). */
static bool json_must_escape(ucs4_t c)
{
	return c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x061c || c == 0x200e ||
	       c == 0x200f || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

static int buf_json_escape(struct buf *b, ucs4_t c)
{
	static const char hex[] = "0123456789abcdef";
	char esc[6] = { '\\', 'u', hex[(c >> 12) & 15], hex[(c >> 8) & 15], hex[(c >> 4) & 15],
	                hex[c & 15] };
	return buf_append(b, esc, sizeof esc);
}

int buf_json_harden(struct buf *b, const char *json, size_t len)
{
	bool in_string = false;
	size_t i = 0, run = 0;  /* bytes [run, i) are still to be copied */
	while (i < len) {
		unsigned char c = (unsigned char)json[i];
		if (c == '"') {
			in_string = !in_string;
			i++;
		} else if (in_string && c == '\\') {
			i += i + 1 < len ? 2 : 1;  /* an escape: never a string's end */
		} else if (in_string && c >= 0x7f) {
			ucs4_t uc;
			int n = u8_mbtoucr(&uc, (const uint8_t *)json + i, len - i);
			if (n > 0 && json_must_escape(uc)) {
				if (buf_append(b, json + run, i - run) < 0 || buf_json_escape(b, uc) < 0)
					return -1;
				run = i + (size_t)n;
			}
			i += n > 0 ? (size_t)n : 1;
		} else {
			i++;
		}
	}
	return buf_append(b, json + run, len - run);
}

int buf_json_string(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int rc;
		switch (c) {
		case '"': rc = buf_puts(b, "\\\""); break;
		case '\\': rc = buf_puts(b, "\\\\"); break;
		case '\n': rc = buf_puts(b, "\\n"); break;
		case '\t': rc = buf_puts(b, "\\t"); break;
		case '\r': rc = buf_puts(b, "\\r"); break;
		default:
			if (c < 0x20 || c == 0x7f) {
				char esc[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
				rc = buf_append(b, esc, 6);
			} else if (c < 0x80) {
				rc = buf_putc(b, (char)c);
			} else {
				/* Only well-formed UTF-8 leaves (a raw file name may not
				 * be): a bad byte is U+FFFD; C1 controls are escaped. */
				ucs4_t uc;
				int n = u8_mbtoucr(&uc, (const uint8_t *)s + i, len - i);
				if (n < 0) {
					rc = buf_puts(b, "\xef\xbf\xbd");
				} else if (json_must_escape(uc)) {
					rc = buf_json_escape(b, uc);
					i += (size_t)n - 1;
				} else {
					rc = buf_append(b, s + i, (size_t)n);
					i += (size_t)n - 1;
				}
			}
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *buf_steal(struct buf *b)
{
	if (!b->data) {
		if (buf_grow(b, 0) < 0)
			return NULL;
		b->data[0] = '\0';  /* an empty buffer gives "" */
	}
	char *p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void *util_grow(void *array, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return array;
	size_t want = *cap ? *cap : 8;
	while (want <= n) {
		if (want > SIZE_MAX / 2)
			return NULL;
		want *= 2;
	}
	if (size && want > SIZE_MAX / size)
		return NULL;
	void *p = realloc(array, want * size);
	if (p)
		*cap = want;
	return p;
}

char *util_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

char *util_strndup(const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *p = malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *util_vprintf(const char *fmt, va_list ap)
{
	char *p = NULL;
	if (vasprintf(&p, fmt, ap) < 0)
		p = NULL;
	return p;
}

char *util_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = util_vprintf(fmt, ap);
	va_end(ap);
	return p;
}

uint64_t util_fnv1a_more(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t util_fnv1a(const void *data, size_t len)
{
	return util_fnv1a_more(UTIL_FNV1A_INIT, data, len);
}

void util_hash_hex(const void *data, size_t len, char out[17])
{
	snprintf(out, 17, "%016llx", (unsigned long long)util_fnv1a(data, len));
}

void util_now_rfc3339(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int util_parse_id(const char *s, int64_t *out)
{
	if (!s || !*s)
		return -1;
	int64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		if (v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return 0;
}
