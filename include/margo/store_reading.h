/*
 * store_reading.h: the reader's state of each article: whether it was
 * read (and when), where the reader left it, when it was last left.
 *
 * This is not coded work: it is written outside the undo journal, one
 * statement at a time, and a write never waits long on a busy library.
 */
#ifndef MARGO_STORE_READING_H
#define MARGO_STORE_READING_H

#include <stdbool.h>
#include <stdint.h>

#include "margo/store.h"

struct store_reading {
	bool read;
	int64_t pos;              /* code point of the body at the top line */
};

/* 1 found, 0 never opened (r zeroed), -1 error. */
int store_reading_get(struct store *st, int64_t article, struct store_reading *r);
/* The reader leaves `article` at `pos`: kept with the time; `read` marks
 * it read too (a read article stays read).  0 or -1. */
int store_reading_leave(struct store *st, int64_t article, int64_t pos, bool read);
/* Mark `article` read or unread.  0 or -1. */
int store_reading_mark(struct store *st, int64_t article, bool read);
/* The article left last: 1 (in *article), 0 none, -1 error. */
int store_reading_last(struct store *st, int64_t *article);
/* How many articles are unread.  0 or -1. */
int store_reading_unread(struct store *st, int64_t *n);

#endif
