/*
 * wordbag.h: the words of a passage as related-passage scoring sees them
 * (private to store_related.c and wordbag.c).
 *
 * A bag holds the passage's content words by stem (stop words, short and
 * capitalised words left out; synonyms made one), their counts and, for the
 * source passage, tf-idf weights; the folded words in order (for word
 * triples); and the content stems in order with their byte offsets (for
 * sentence bags and word pairs).
 */
#ifndef MARGO_WORDBAG_H
#define MARGO_WORDBAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "margo/search.h"

/* One word of a passage: its stem, the first surface form seen, counts. */
struct term {
	char *stem;
	char *surface;
	int tf;
	double w;                 /* source only: (1 + ln tf) * idf */
	int64_t df;               /* source only: passages that have it */
	size_t klen;              /* its meeting key: the first klen bytes */
	uint64_t khash;           /* and their hash */
};

struct bag {
	struct term *t;
	size_t n, cap;
	char **seq;               /* folded surface words in order (near copies) */
	size_t n_seq, cap_seq;
	const char **content;     /* stems of the content words, in order (the
	                           * strings of t, which may be reordered) */
	size_t *content_at;       /* and the byte where each one starts */
	size_t *content_end;      /* and ends */
	size_t *slots;            /* hash table of t by stem (while filling) */
	size_t n_slots;
	size_t *kslots;           /* hash table of t by meeting key (bag_find) */
	size_t n_kslots;
	const struct search_background *bg;  /* synonyms, or NULL */
	size_t n_content, cap_content;
	const char *text;
	size_t from, to;          /* a sentence bag: its bytes in the passage */
};

/* Stems meet when equal, or when both are long and begin alike: the
 * Italian stemmer leaves "satellitar" (satellitare) and "satell"
 * (satelliti) apart.  See meet_len() and bag_find(). */

void bag_free(struct bag *b);
void bags_free(struct bag *b, size_t n);
/* Tokenize `text` into the bag (b->bg set first for synonyms); 0 or -1. */
int bag_fill(struct bag *b, const char *text);
/* Index the terms by meeting key again after reordering them. */
int bag_index(struct bag *b);
/* The term meeting `stem` (equal, or the same first six bytes). */
const struct term *bag_find(const struct bag *b, const char *stem);
/* The same for a term of another bag (its key already computed). */
const struct term *bag_find_term(const struct bag *b, const struct term *x);
/* Cosine of a source bag (weights from whole_src) with a candidate bag. */
double bag_cosine(const struct bag *src, const struct bag *whole_src, const struct bag *cand);
/* Bags of the sentences of a passage from its own bag (spans from the
 * sentence table through `sents`), *sentences of them; beyond
 * SENTENCE_BAGS sentences, one bag for each sentence_group() of them in
 * order, so that comparing two passages stays bounded however long
 * they are.  0 or -1 (*out may then hold bags to free). */
#define SENTENCE_BAGS 32
size_t sentence_group(size_t sentences);
int sentence_bags(sqlite3_stmt *sents, int64_t article, int para, const struct bag *whole,
                  struct bag **out, size_t *n, size_t *sentences);
/* Weighted word pairs of `a` (sorted by weight) also in `b`, capped at 1. */
double shared_pairs(const struct bag *a, const struct bag *b);
/* Sorted hashes of the word triples of a bag; share of them in another. */
uint64_t *triples(const struct bag *b, size_t *n);
double triple_overlap(const uint64_t *src, size_t ns, const struct bag *b);

/* A figure of the word bag ("27", "380000", "5.9"): its stem is digits. */
bool is_figure(const char *stem);
/* Append to an FTS5 OR query (q) the ways the figure `stem` is written. */
struct buf;
void figure_forms(struct buf *q, const char *stem);

/* related_snippet.c: the sentence of a candidate (one of its ncb
 * sentence bags) that shares the most word weight with the source (its
 * sentence `focus` when not NULL, else all of it; weights from src),
 * plus names[j] for sentence j (the weight of the names it shares; may
 * be NULL), the first of equals, 0 when none shares anything; *weight
 * receives the weight it shares. */
size_t related_best_sentence(const struct bag *src, const struct bag *focus,
                             const struct bag *cb, size_t ncb, const double *names,
                             double *weight);
/* The candidate's text (cand->text) with the words of bytes [from, to)
 * that the source (or its sentence `focus`) has marked between
 * STORE_HIT_OPEN and STORE_HIT_CLOSE; *mfrom and *mto receive where
 * [from, to) is in the marked text.  NULL when memory runs out. */
char *related_marked(const struct bag *cand, const struct bag *src, const struct bag *focus,
                     size_t from, size_t to, size_t *mfrom, size_t *mto);

#endif
