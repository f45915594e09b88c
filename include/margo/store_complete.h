/*
 * store_complete.h: names for shell completion, read from the library:
 * tags, entity names and article ids that start with a prefix.
 */
#ifndef MARGO_STORE_COMPLETE_H
#define MARGO_STORE_COMPLETE_H

#include <stddef.h>

#include "margo/store.h"

enum store_complete_what {
	STORE_COMPLETE_TAGS,       /* tags some annotation has */
	STORE_COMPLETE_ENTITIES,   /* entity names, most mentioned first */
	STORE_COMPLETE_ARTICLES,   /* article ids, smallest first */
};

/* Call `out` with each name of kind `what` that starts with `prefix`
 * (byte for byte, as shells compare), at most `limit` of them; a name
 * holding a control character (a line break would make it two) is left
 * out.  A non-zero return of `out` stops the walk.  0, or -1 on a
 * library error. */
int store_complete(struct store *st, enum store_complete_what what, const char *prefix,
                   size_t limit, int (*out)(void *ctx, const char *name), void *ctx);

#endif
