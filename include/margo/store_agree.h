/*
 * store_agree.h: what the coders marked, for margo agreement.
 */
#ifndef MARGO_STORE_AGREE_H
#define MARGO_STORE_AGREE_H

#include <stddef.h>
#include <stdint.h>

#include "margo/store.h"

/* One tag of one placed annotation: its article, coder (NULL: unknown),
 * tag path and span (code points). */
struct store_mark {
	int64_t article;
	char *coder;
	char *tag;
	int64_t start, end;
};

/* Where each coder annotated anything (a live annotation, not a link's
 * bare end): pairs (article, coder), by article. */
struct store_coded {
	int64_t article;
	char *coder;
};

/*
 * The tags of the live, placed (not orphan) annotations, of tag `tag` and
 * the tags under it (NULL: all), of article `article` (0: all), by
 * article; and the (article, coder) pairs of every live annotation.
 * 0, or -1 (library error or no memory).
 */
int store_agree_marks(struct store *st, const char *tag, int64_t article,
                      struct store_mark **marks, size_t *n_marks,
                      struct store_coded **coded, size_t *n_coded);
void store_agree_free(struct store_mark *marks, size_t n_marks, struct store_coded *coded,
                      size_t n_coded);

#endif
