/*
 * store_search.h: full-text search over passages and related passages.
 *
 * Search runs a query built by search_build_query() against the FTS5
 * index, best first (bm25), with a snippet.  Related passages combine the
 * entities two passages share (rarer ones weigh more) with the similarity
 * of their stemmed words (tf-idf cosine), and say why.
 */
#ifndef MARGO_STORE_SEARCH_H
#define MARGO_STORE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "margo/search.h"
#include "margo/store.h"

/* Snippets and highlighted texts mark hits with these two bytes. */
#define STORE_HIT_OPEN '\x01'
#define STORE_HIT_CLOSE '\x02'

struct store_hit {
	int64_t passage;          /* paragraph id */
	int64_t article;
	int n;                    /* paragraph number in the article (1-based) */
	char *title, *date;
	char *snippet;            /* hits between STORE_HIT_OPEN/CLOSE */
	double score;             /* higher is better */
	size_t hit_start, hit_end;/* bytes into the article body: the first hit */
	size_t para_start;        /* bytes: where the passage starts */
	char *why;                /* related passages: the reason; else NULL */
	char *why_shown;          /* ... the same in the reader's language */
	bool near_copy;           /* related passages: nearly the same text */
	size_t told_from, told_to;/* related passages: bytes of the snippet
	                           * (the whole passage, shared words marked)
	                           * of the sentence most like the source; its
	                           * place in the article is hit_start..hit_end */
};
void store_hits_free(struct store_hit *h, size_t n);

/* Search the corpus with an FTS5 expression (from search_build_query).
 * Returns 0 with up to `limit` hits from `offset`, or -1 (the query is
 * always well-formed, so -1 means the library failed). */
int store_search(struct store *st, const char *fts_query, int limit, int offset,
                 struct store_hit **out, size_t *n);

/* The passages of other articles most related to passage `passage`, best
 * first, at most `limit`.  `bg` (may be NULL) weighs words while the
 * library is small.  `sentence` (from 0; -1 for none) puts first the
 * passages that tell what that sentence of the passage tells.  0, 1 when
 * the passage has no such sentence (the list is for the whole passage),
 * or -1. */
int store_related(struct store *st, const struct search_background *bg, int64_t passage,
                  int sentence, int limit, struct store_hit **out, size_t *n);

/* Text of `s` (hits marked) that fits in `width` display columns, centred
 * on bytes [from, to) (a sentence): cut with "…" at either end as needed;
 * a sentence wider than that is shown from its start, or from a little
 * before its first hit when that would not show.  Malloc'd, or NULL
 * when memory runs out. */
char *store_snippet_around(const char *s, size_t from, size_t to, int width);

/* A passage's article and span in code points: 1 found, 0 not, -1. */
int store_passage_span(struct store *st, int64_t passage, int64_t *article, size_t *start,
                       size_t *end);

/* The passage (paragraph id) holding byte `offset` of article `article`;
 * 0 when none. */
int64_t store_passage_at(struct store *st, int64_t article, size_t offset);

#endif
