/*
 * text_input.c: text that comes from the user rather than from a corpus
 * file (command-line arguments, the environment, a note written in an
 * editor), made into the UTF-8 the library keeps, so that everything
 * saved can be exported and read again elsewhere.
 *
 * The bytes are in the charset of the user's locale.  A UTF-8 locale,
 * and the C locale (which names no charset beyond ASCII), take them as
 * UTF-8 and check them; any other charset (ISO-8859-1, ...) is converted
 * from, with libunistring's iconv.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <uniconv.h>
#include <unistr.h>

#include "margo/text.h"
#include "margo/util.h"
#include "text_impl.h"

static char *user_charset;  /* NULL: UTF-8 */

void text_remember_user_charset(const char *charset)
{
	free(user_charset);
	user_charset = charset && *charset ? util_strdup(charset) : NULL;
}

const char *text_user_charset(void)
{
	return user_charset ? user_charset : "UTF-8";
}

bool text_charset_is_utf8(const char *charset)
{
	static const char *const utf8ish[] = {
		"UTF-8", "UTF8", "ANSI_X3.4-1968", "ASCII", "US-ASCII",
	};
	if (!charset || !*charset)
		return true;
	for (size_t i = 0; i < sizeof utf8ish / sizeof *utf8ish; i++)
		if (strcasecmp(charset, utf8ish[i]) == 0)
			return true;
	return false;
}

/* A NUL-terminated malloc'd copy of n bytes. */
static char *dup_n(const void *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* Convert from a charset that is not UTF-8: a NUL-terminated malloc'd
 * result and 0, -1 when the bytes are not text in that charset, -2 out of
 * memory. */
static int convert(const char *s, size_t len, const char *charset, char **out, size_t *out_len)
{
	*out = NULL;
	if (len == 0) {
		*out = dup_n("", 0);
		*out_len = 0;
		return *out ? 0 : -2;
	}
	size_t n = 0;
	uint8_t *u = u8_conv_from_encoding(charset, iconveh_error, s, len, NULL, NULL, &n);
	if (!u)
		return errno == ENOMEM ? -2 : -1;
	*out = dup_n(u, n);
	free(u);
	*out_len = n;
	return *out ? 0 : -2;
}

int text_from_user(const char *s, size_t len, const char *charset, char **out)
{
	*out = NULL;
	if (memchr(s, '\0', len))
		return -1;
	if (text_charset_is_utf8(charset)) {
		if (u8_check((const uint8_t *)s, len))
			return -1;
		*out = dup_n(s, len);
		return *out ? 0 : -2;
	}
	size_t n;
	int rc = convert(s, len, charset, out, &n);
	if (rc == 0 && memchr(*out, '\0', n)) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return rc;
}

char *text_from_user_repair(const char *s, size_t len, const char *charset,
                            size_t *invalid, size_t *nuls)
{
	*invalid = *nuls = 0;
	char *conv = NULL;
	size_t n = len;
	if (!text_charset_is_utf8(charset)) {
		int rc = convert(s, len, charset, &conv, &n);
		if (rc == -2)
			return NULL;
		if (rc == 0)
			s = conv;
		else
			n = len;  /* not that charset after all: repaired as UTF-8 */
	}
	struct buf b = { 0 };
	const uint8_t *p = (const uint8_t *)s;
	int failed = 0;
	for (size_t i = 0; i < n && !failed;) {
		uint32_t c = 0;
		size_t k = p[i] ? text_utf8_decode(p + i, n - i, &c) : 1;
		if (p[i] == '\0') {
			(*nuls)++;
			failed = buf_puts(&b, "\xef\xbf\xbd");
		} else if (c == TEXT_BAD_CP) {
			(*invalid)++;
			failed = buf_puts(&b, "\xef\xbf\xbd");
		} else {
			failed = buf_append(&b, p + i, k);
		}
		i += k;
	}
	free(conv);
	if (failed) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

char *text_to_user(const char *s, const char *charset)
{
	if (text_charset_is_utf8(charset))
		return util_strdup(s);
	size_t len = strlen(s), n = 0;
	if (len == 0)
		return util_strdup("");
	char *t = u8_conv_to_encoding(charset, iconveh_error, (const uint8_t *)s, len,
	                              NULL, NULL, &n);
	if (!t)
		return NULL;
	char *d = dup_n(t, n);
	free(t);
	return d;
}

char *text_user_name(void)
{
	const char *user = getenv("USER");
	if (!user)
		return NULL;
	size_t invalid, nuls;
	return text_from_user_repair(user, strlen(user), text_user_charset(), &invalid, &nuls);
}
