/*
 * store_impl.h: helpers shared by the files of the store (store.c,
 * store_article.c, store_entity.c, store_search.c).
 */
#ifndef MARGO_STORE_IMPL_H
#define MARGO_STORE_IMPL_H

#include <stdint.h>
#include <sys/types.h>

#include <sqlite3.h>

#include "margo/store.h"

/* The schema, one entry per version: entry i migrates from version i to
 * i+1 (store.c); store_check.c makes it again to compare. */
extern const char *const store_migrations[];

/* The file, before SQLite opens it (store_file.c).  store_check_file
 * refuses symlinks, what is not a regular file and a non-empty file
 * without SQLite's header, and makes an absent one (0600, its folder
 * 0700) unless reading; 0, or -1 with a malloc'd message in *err.
 * store_why_readonly says why the library cannot be written (a static
 * phrase), NULL when it can.  store_immutable_uri gives the "file:" URI
 * that opens a lone read-only library as immutable, or NULL. */
int store_check_file(const char *path, enum store_open_mode mode, char **err);
const char *store_why_readonly(const char *path);
char *store_immutable_uri(const char *path);

/* Prepare a statement on the library's connection: 0 or -1. */
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **s);
/* A statement prepared once for the connection's life, found again by the
 * address of `sql` (a string literal): reset, bindings cleared.  The
 * caller resets it when done and never finalizes it; for statements run
 * over and over (loading articles), never nested with themselves. */
int store_cached(struct store *st, const char *sql, sqlite3_stmt **s);
/* The full-text index takes article `article`'s passages at the next
 * store_commit (store_index_later), or forgets that it was to
 * (store_index_forget: true when it was); store_index_article indexes
 * them now (store_article.c). */
int store_index_later(struct store *st, int64_t article);

/* The ids of forms (type, norm) met while loading, so that loading does
 * not ask the library again for every mention.  Kept from one transaction
 * to the next only while no other connection has written the library in
 * between (PRAGMA data_version); emptied at a rollback (of the
 * transaction or of a savepoint) and by a rebuild
 * (which deletes the forms no mention uses). */
struct form_slot {
	char *norm;               /* NULL: empty */
	int type;
	int64_t id;
};
struct form_cache {
	struct form_slot *slots;
	size_t n, cap;            /* cap: 0 or a power of two */
	int64_t version;          /* data_version when last known current */
};
struct form_cache *store_forms(struct store *st);
void form_cache_clear(struct form_cache *fc);
bool store_index_forget(struct store *st, int64_t article);
int store_index_article(struct store *st, int64_t article);
/* A malloc'd copy of a text column, or NULL (SQL NULL or no memory). */
char *store_column_dup(sqlite3_stmt *s, int i);
struct store_hit;
/* Free the strings of one hit and zero it. */
void store_hit_clear(struct store_hit *h);
/* Order the `limit` best of k related hits (related_rank.c), given each
 * one's cover of the source's m sentences (k x m) and the sentence asked
 * about (focus, or -1); returns how many are placed, -1 out of memory. */
ssize_t related_diversify(struct store_hit *v, size_t k, const double *cover, size_t m,
                          size_t limit, int focus);
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
                           const char *coder, const char *created, const char *updated);
/* store.c: the slot of the coder store_set_coder keeps. */
char **store_coder_slot(struct store *st);
/* store_list.c: the list's SQL function, registered when a connection opens. */
int store_list_setup(struct store *st);

int store_annot_set_tags(struct store *st, const char *id, const char *list, char sep,
                         int64_t **ids, size_t *n_ids);
/* Open a journal entry "<what> on '<quote>'" for annotation `id` (and the
 * write transaction, as store_journal_begin); 0 or -1. */
int store_annot_journal_begin(struct store *st, const char *kind, const char *what,
                              const char *id);
/* A new random (version 4) UUID as "urn:uuid:..."; 0 or -1. */
int store_annot_new_id(char out[46]);
/* The body of an article, malloc'd and NUL-terminated (len bytes, read
 * by a cached statement): 1, 0 when there is no such article, -1 on a
 * library error or no memory (store_article.c). */
int store_article_body(struct store *st, int64_t id, char **body, size_t *len);
/* Whether bytes [start, end) as a row keeps them are a span of a body of
 * len bytes, fit for cutting it. */
bool store_slice_ok(int64_t start, int64_t end, size_t len);
/* Run a one-integer query: 0, or -1 when it returns no row. */
int store_query_int(struct store *st, const char *sql, int64_t *out);

#endif
