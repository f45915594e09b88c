/*
 * search_impl.h: what the tokenizer (search.c) and folding (search_fold.c)
 * share inside the library.
 */
#ifndef MARGO_SEARCH_IMPL_H
#define MARGO_SEARCH_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include <unictype.h>
#include <unitypes.h>

/* Bytes one code point may fold to: a canonical decomposition, each part
 * at most two code points of four bytes after the spelling-out table. */
#define FOLD_MAX (UC_DECOMPOSITION_MAX_LENGTH * 8)

static inline uint8_t ascii_lower(uint8_t b)
{
	return b >= 'A' && b <= 'Z' ? (uint8_t)(b + 32) : b;
}

static inline bool is_apostrophe(ucs4_t c)
{
	return c == 0x2019 || c == 0x2018 || c == 0x02BC;
}

/* Fold one non-ASCII code point into `out` (FOLD_MAX bytes): decomposed
 * all the way down, marks dropped, lower-cased when `lower`.  Returns the
 * bytes written (0 for a combining mark); `depth` is 0. */
int search_fold_cp(ucs4_t c, bool lower, uint8_t *out, int depth);

/* The items of a query as search_build_query reads them (search_query.c):
 * each bare word run or "quoted phrase", with whether it ends in `*`.  A
 * non-zero return from fn stops and is returned. */
typedef int (*search_item_fn)(void *ctx, const char *s, size_t n, bool prefix);
int search_query_items(const char *input, search_item_fn fn, void *ctx);

#endif
