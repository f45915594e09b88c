/*
 * lineread.c: bounded lines from a file, and ill-formed UTF-8 repaired.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "margo/lineread.h"
#include "margo/text.h"
#include "margo/util.h"

enum { CHUNK = 64 * 1024, SNIFF = 8192 };

void line_reader_init(struct line_reader *r, FILE *f, size_t max)
{
	memset(r, 0, sizeof *r);
	r->f = f;
	r->max = max;
	r->hash = UTIL_FNV1A_INIT;
}

void line_reader_free(struct line_reader *r)
{
	free(r->line);
	free(r->chunk);
	r->line = r->chunk = NULL;
}

/* More bytes into the chunk: 1, 0 at the end, -1 on a read error. */
static int fill(struct line_reader *r)
{
	if (r->eof)
		return 0;
	if (!r->chunk && !(r->chunk = malloc(CHUNK)))
		return -2;
	size_t n = fread(r->chunk, 1, CHUNK, r->f);
	r->pos = 0;
	r->end = n;
	if (n == 0) {
		if (ferror(r->f)) {
			r->err = errno ? errno : EIO;
			return -1;
		}
		r->eof = true;
		return 0;
	}
	return 1;
}

enum line_status line_read(struct line_reader *r)
{
	bool too_long = false, any = false;
	r->len = 0;
	r->has_nul = false;
	if (!r->line) {
		r->cap = 256;
		if (!(r->line = malloc(r->cap)))
			return LINE_NOMEM;
	}
	for (;;) {
		if (r->pos == r->end) {
			int rc = fill(r);
			if (rc == -2)
				return LINE_NOMEM;
			if (rc < 0)
				return LINE_ERROR;
			if (rc == 0)
				break;
			if (!r->started) {
				r->started = true;
				if (text_looks_binary(r->chunk, r->end < SNIFF ? r->end : SNIFF))
					return LINE_BINARY;
			}
		}
		any = true;
		const char *p = r->chunk + r->pos;
		size_t avail = r->end - r->pos;
		const char *nl = memchr(p, '\n', avail);
		size_t take = nl ? (size_t)(nl - p) : avail;
		r->hash = util_fnv1a_more(r->hash, p, take + (nl != NULL));
		r->offset += (int64_t)(take + (nl != NULL));
		r->pos += take + (nl != NULL);
		if (memchr(p, '\0', take))
			r->has_nul = true;
		if (too_long) {
			if (r->has_nul)
				return LINE_BINARY;
		} else if (take > r->max - r->len) {
			too_long = true;
			if (r->has_nul)
				return LINE_BINARY;
		} else {
			if (r->len + take + 1 > r->cap) {
				size_t cap = r->cap;
				while (cap < r->len + take + 1)
					cap = cap > r->max / 2 + 1 ? r->max + 1 : cap * 2;
				char *grown = realloc(r->line, cap);
				if (!grown)
					return LINE_NOMEM;
				r->line = grown;
				r->cap = cap;
			}
			memcpy(r->line + r->len, p, take);
			r->len += take;
		}
		if (nl)
			break;
	}
	if (!any)
		return LINE_EOF;
	r->line_no++;
	r->line[r->len] = '\0';
	return too_long ? LINE_LONG : LINE_OK;
}

char *utf8_repair(const char *s, size_t len, size_t *out_len, size_t *replaced)
{
	static const char fffd[] = "\xef\xbf\xbd";
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	struct buf b = { 0 };
	*replaced = 0;
	if (buf_append(&b, "", 0) < 0)
		return NULL;
	while (p < end) {
		/* The well-formed run, copied at once. */
		const uint8_t *bad = u8_check(p, (size_t)(end - p));
		const uint8_t *nul = memchr(p, '\0', (size_t)((bad ? bad : end) - p));
		const uint8_t *stop = nul ? nul : bad ? bad : end;
		if (buf_append(&b, p, (size_t)(stop - p)) < 0)
			goto oom;
		p = stop;
		if (p == end)
			break;
		ucs4_t c;
		int n = nul ? 1 : u8_mbtouc(&c, p, (size_t)(end - p));
		if (buf_append(&b, fffd, 3) < 0)
			goto oom;
		(*replaced)++;
		p += n > 0 ? n : 1;
	}
	*out_len = b.len;
	return buf_steal(&b);
oom:
	buf_free(&b);
	return NULL;
}

bool utf8_clean(const char *s, size_t len)
{
	return !u8_check((const uint8_t *)s, len) && !memchr(s, '\0', len);
}

size_t json_nul_escapes(const char *s, size_t len, char *out)
{
	size_t n = 0;
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"') {
			in_string = !in_string;
		} else if (in_string && s[i] == '\\' && i + 1 < len) {
			if (s[i + 1] == 'u' && len - i >= 6 && memcmp(s + i + 2, "0000", 4) == 0) {
				if (out)
					memcpy(out + i + 2, "fffd", 4);
				n++;
			}
			i++;  /* the escaped character (for \uXXXX, its hex digits follow) */
		}
	}
	return n;
}
