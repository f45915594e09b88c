/*
 * store_impl.h: helpers shared by the files of the store (store.c,
 * store_article.c, store_entity.c, store_search.c).
 */
#ifndef MARGO_STORE_IMPL_H
#define MARGO_STORE_IMPL_H

#include <stdint.h>

#include <sqlite3.h>

#include "margo/store.h"

/* Prepare a statement on the library's connection: 0 or -1. */
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **s);
/* A malloc'd copy of a text column, or NULL (SQL NULL or no memory). */
char *store_column_dup(sqlite3_stmt *s, int i);
struct store_hit;
/* Free the strings of one hit and zero it. */
void store_hit_clear(struct store_hit *h);
/* The body (malloc'd) and text version of an article: 1, 0 none, -1. */
int store_article_text(struct store *st, int64_t article, char **body, size_t *len,
                       char hash[17]);
struct anchor_result;
/* Annotations (store_annot.c): one row, inside a transaction; the tags of
 * a list separated by `sep`. */
int store_annot_insert_row(struct store *st, bool replace, const char *id, int64_t article,
                           const char *quote, const char *prefix, const char *suffix,
                           int64_t made_start, int64_t made_end, const char *made_hash,
                           const struct anchor_result *at, const char *placed_hash,
                           const char *note, const char *color, const char *author,
                           const char *created, const char *updated);
int store_annot_set_tags(struct store *st, const char *id, const char *list, char sep);
/* Run a one-integer query: 0, or -1 when it returns no row. */
int store_query_int(struct store *st, const char *sql, int64_t *out);

#endif
