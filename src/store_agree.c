/*
 * store_agree.c: the tags the coders gave where, for the statistics of
 * agreement (src/agreement.c, margo agreement).
 */
#include <config.h>

#include <stdlib.h>

#include "margo/store_agree.h"
#include "store_impl.h"

void store_agree_free(struct store_mark *marks, size_t n_marks, struct store_coded *coded,
                      size_t n_coded)
{
	for (size_t i = 0; i < n_marks; i++) {
		free(marks[i].coder);
		free(marks[i].tag);
	}
	free(marks);
	for (size_t i = 0; i < n_coded; i++)
		free(coded[i].coder);
	free(coded);
}

/* Grow *v (of elements of `size`) to hold one more; 0 or -1. */
static int grow(void **v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 64;
	void *p = realloc(*v, nc * size);
	if (!p)
		return -1;
	*v = p;
	*cap = nc;
	return 0;
}

int store_agree_marks(struct store *st, const char *tag, int64_t article,
                      struct store_mark **marks, size_t *n_marks,
                      struct store_coded **coded, size_t *n_coded)
{
	*marks = NULL;
	*coded = NULL;
	*n_marks = *n_coded = 0;
	sqlite3_stmt *s = NULL;
	size_t cap = 0;
	if (store_prepare(st, "SELECT a.article, a.coder, t.name, a.start, a.end FROM annotation a"
	                      " JOIN annotation_tag x ON x.annotation = a.id JOIN tag t ON t.id = x.tag"
	                      " WHERE a.deleted IS NULL AND NOT a.anchor AND a.status != 'orphan'"
	                      " AND a.end > a.start AND (?2 = 0 OR a.article = ?2)"
	                      " AND (?1 IS NULL OR t.name = ?1 OR substr(t.name, 1, length(?1) + 1) = ?1 || '/')"
	                      " ORDER BY a.article, a.id, t.name", &s) < 0)
		goto fail;
	sqlite3_bind_text(s, 1, tag, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, article);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (grow((void **)marks, *n_marks, &cap, sizeof **marks) < 0)
			goto fail;
		struct store_mark *m = &(*marks)[*n_marks];
		*m = (struct store_mark){ .article = sqlite3_column_int64(s, 0),
		                          .coder = store_column_dup(s, 1),
		                          .tag = store_column_dup(s, 2),
		                          .start = sqlite3_column_int64(s, 3),
		                          .end = sqlite3_column_int64(s, 4) };
		++*n_marks;
		if ((!m->coder && sqlite3_column_type(s, 1) != SQLITE_NULL) || !m->tag)
			goto fail;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(s);
	s = NULL;
	cap = 0;
	if (store_prepare(st, "SELECT DISTINCT article, coder FROM annotation"
	                      " WHERE deleted IS NULL AND NOT anchor AND (?1 = 0 OR article = ?1)"
	                      " ORDER BY article, coder", &s) < 0)
		goto fail;
	sqlite3_bind_int64(s, 1, article);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (grow((void **)coded, *n_coded, &cap, sizeof **coded) < 0)
			goto fail;
		struct store_coded *c = &(*coded)[*n_coded];
		*c = (struct store_coded){ .article = sqlite3_column_int64(s, 0),
		                           .coder = store_column_dup(s, 1) };
		++*n_coded;
		if (!c->coder && sqlite3_column_type(s, 1) != SQLITE_NULL)
			goto fail;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(s);
	return 0;
fail:
	sqlite3_finalize(s);
	store_agree_free(*marks, *n_marks, *coded, *n_coded);
	*marks = NULL;
	*coded = NULL;
	*n_marks = *n_coded = 0;
	return -1;
}
