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
/* Run a one-integer query: 0, or -1 when it returns no row. */
int store_query_int(struct store *st, const char *sql, int64_t *out);

#endif
