/*
 * search_query.c: what a user typed -> an FTS5 MATCH expression that FTS5
 * always accepts.
 *
 * The input is cut into items: a double-quoted phrase (an unclosed quote
 * runs to the end) or a run of non-space characters.  Each item is put
 * through the tokenizer (folded, not stemmed) and only its words are
 * written, as one FTS5 string: `"dell ucraina"`.  So no operator, column
 * filter, parenthesis, quote, apostrophe or invalid byte the user typed
 * can reach the FTS5 parser; FTS5 tokenizes the string again with the
 * "margo" tokenizer (folding is idempotent) and treats several words as a
 * phrase.  An item ending in `*` becomes a prefix string (`"soldat"*`).
 * Items without words are dropped; the rest are joined with AND.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "margo/search.h"
#include "margo/util.h"
#include "search_impl.h"

/* The item being built, and the text it is read from. */
struct item_ctx {
	struct buf *b;
	const char *s;
};

/* Append each word to the item, separated by spaces: as written (a word
 * is letters, digits and marks only), so the index's tokenizer sees its
 * accents ("fornirà" stems as a verb). */
static int add_token(void *ctx, const char *tok, size_t len, size_t start, size_t end)
{
	struct item_ctx *c = ctx;
	(void)tok;
	(void)len;
	if (c->b->len && buf_putc(c->b, ' ') < 0)
		return -1;
	for (size_t i = start; i < end; i++)
		if (c->s[i] == '"' && buf_putc(c->b, '"') < 0)
			return -1;  /* never in a word; doubled to be safe */
	return buf_append(c->b, c->s + start, end - start);
}

/* Tokenize one item and, when it has words, append it to `out`.  Returns
 * 0, or -1 when memory runs out. */
static int add_item(struct buf *out, struct buf *item, const char *s, size_t n,
                    bool prefix)
{
	buf_reset(item);
	struct item_ctx c = { item, s };
	if (search_tokenize(s, n, false, add_token, &c) != 0)
		return -1;
	if (!item->len)
		return 0;
	if (out->len && buf_puts(out, " AND ") < 0)
		return -1;
	if (buf_putc(out, '"') < 0 || buf_append(out, item->data, item->len) < 0 ||
	    buf_putc(out, '"') < 0 || (prefix && buf_putc(out, '*') < 0))
		return -1;
	return 0;
}

/* Length of the character (or ill-formed byte run) at s[0]. */
static size_t cp_len(const uint8_t *s, size_t n)
{
	ucs4_t c;
	return s[0] < 0x80 ? 1 : (size_t)u8_mbtouc(&c, s, n);
}

/* Length of the white-space character at s[0], or 0. */
static size_t space_at(const uint8_t *s, size_t n)
{
	if (s[0] < 0x80)
		return s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r') ? 1 : 0;
	ucs4_t c;
	int k = u8_mbtouc(&c, s, n);
	return uc_is_property_white_space(c) ? (size_t)k : 0;
}

int search_query_items(const char *input, search_item_fn fn, void *ctx)
{
	const uint8_t *s = (const uint8_t *)input;
	size_t n = input ? strlen(input) : 0, i = 0, k;
	int rc = 0;

	while (i < n && rc == 0) {
		if ((k = space_at(s + i, n - i)) > 0) {
			i += k;
			continue;
		}
		size_t start = i, end;
		bool prefix;
		if (s[i] == '"') {
			/* a phrase, to the closing quote or the end */
			const uint8_t *q = memchr(s + i + 1, '"', n - i - 1);
			start = i + 1;
			end = q ? (size_t)(q - s) : n;
			i = q ? end + 1 : n;
			prefix = i < n && s[i] == '*';
			while (i < n && s[i] == '*')
				i++;
		} else {
			/* a bare run, to white space or a quote */
			while (i < n && s[i] != '"' && !space_at(s + i, n - i))
				i += cp_len(s + i, n - i);
			end = i;
			prefix = s[end - 1] == '*';
		}
		rc = fn(ctx, (const char *)s + start, end - start, prefix);
	}
	return rc;
}

struct build_ctx {
	struct buf out, item;
};

static int build_item(void *ctx, const char *s, size_t n, bool prefix)
{
	struct build_ctx *c = ctx;
	return add_item(&c->out, &c->item, s, n, prefix);
}

char *search_build_query(const char *input, bool *oom)
{
	struct build_ctx c = { { 0 }, { 0 } };

	if (oom)
		*oom = false;
	int rc = search_query_items(input, build_item, &c);
	buf_free(&c.item);
	if (rc != 0 || !c.out.len) {
		if (rc != 0 && oom)
			*oom = true;
		buf_free(&c.out);
		return NULL;
	}
	char *res = buf_steal(&c.out);
	if (!res && oom)
		*oom = true;
	return res;
}
