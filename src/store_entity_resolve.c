/*
 * store_entity_resolve.c: each mention's entity, decided in its article.
 *
 * Forms join into entities over the whole corpus (entity_cluster.c), so a
 * bare surname shared by two people ("Berlusconi": Silvio, Pier Silvio)
 * can belong to no one there.  In one article it usually can: a one-word
 * name goes to the one full person name of the article whose last word
 * it is (else whose first word it is: "papa Benedetto"), whatever it
 * means elsewhere.  A mention with no such name, or with two, keeps its
 * form's entity: the corpus-wide one when that was unambiguous, else the
 * name's own entity, kept apart.  A name moves neither from nor to an
 * entity the user merged or split: it stays where the corrections put it.  One pass over the
 * mentions in article order; in each article, a sorted table of its full
 * names' words is searched for each bare name: O(n log n).
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "margo/store_entity.h"
#include "margo/util.h"
#include "store_impl.h"

struct name {
	int64_t n;                /* the mention's number in its article */
	int64_t entity;           /* its entity so far */
	char *first, *last;       /* keys of its first and last words */
	bool full;                /* a person's name of two words or more */
	bool fixed;               /* of an entity the user merged or split */
};

struct article_names {
	struct name *v;
	size_t n, cap;
};

static void names_clear(struct article_names *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].first);
		free(a->v[i].last);
	}
	a->n = 0;
}

/* The key of a span of a person's name. */
static char *word_key(const char *s, size_t len)
{
	char *w = util_strndup(s, len);
	char *k = w ? entity_key(ENTITY_PER, w) : NULL;
	free(w);
	return k;
}

/* A full name's word and its entity, for look-ups by word. */
struct fit {
	const char *key;
	const struct name *name;
};

static int fit_cmp(const void *a, const void *b)
{
	const struct fit *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return (x->name->entity > y->name->entity) - (x->name->entity < y->name->entity);
}

static int fit_key_cmp(const void *key, const void *b)
{
	return strcmp(key, ((const struct fit *)b)->key);
}

/* The article's full names by first (`last` false) or last word, sorted,
 * one entry per (word, entity): a long article repeats its names by the
 * thousand. */
static struct fit *fits_of(const struct article_names *a, bool last, size_t *n)
{
	struct fit *v = malloc((a->n + 1) * sizeof *v);
	size_t k = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].full && a->v[i].entity)
			v[k++] = (struct fit){ last ? a->v[i].last : a->v[i].first, &a->v[i] };
	qsort(v, k, sizeof *v, fit_cmp);
	size_t u = 0;
	for (size_t i = 0; i < k; i++)
		if (!u || fit_cmp(&v[u - 1], &v[i]) != 0)
			v[u++] = v[i];
	*n = u;
	return v;
}

/* The one full name whose word has the key, or NULL when none, or when
 * names of two entities have it. */
static const struct name *one_fitting(const struct fit *v, size_t n, const char *key)
{
	const struct fit *hit = bsearch(key, v, n, sizeof *v, fit_key_cmp);
	if (!hit)
		return NULL;
	if ((hit > v && strcmp(hit[-1].key, key) == 0) ||
	    (hit + 1 < v + n && strcmp(hit[1].key, key) == 0))
		return NULL;
	return hit->name;
}

/* Decide the bare names of one article and write those that change.  A
 * name moves neither from nor to an entity the user merged or split. */
static int resolve_article(struct article_names *a, int64_t article, sqlite3_stmt *set)
{
	size_t n_last = 0, n_first = 0;
	struct fit *by_last = fits_of(a, true, &n_last), *by_first = fits_of(a, false, &n_first);
	int ret = -1;
	if (!by_last || !by_first)
		goto out;
	for (size_t i = 0; i < a->n; i++) {
		struct name *b = &a->v[i];
		if (b->full || b->fixed)
			continue;
		const struct name *to = one_fitting(by_last, n_last, b->last);
		if (!to)
			to = one_fitting(by_first, n_first, b->first);
		if (!to || to->fixed || to->entity == b->entity)
			continue;
		sqlite3_bind_int64(set, 1, article);
		sqlite3_bind_int64(set, 2, b->n);
		sqlite3_bind_int64(set, 3, to->entity);
		int rc = sqlite3_step(set);
		sqlite3_reset(set);
		if (rc != SQLITE_DONE)
			goto out;
	}
	ret = 0;
out:
	free(by_last);
	free(by_first);
	return ret;
}

/* Columns: article, n, entity, norm, whether the entity is a person,
 * whether the user merged or split its entity. */
static int add_name(struct article_names *a, sqlite3_stmt *s)
{
	const char *norm = (const char *)sqlite3_column_text(s, 3);
	bool person = sqlite3_column_int(s, 4) != 0;
	const char *sp = strchr(norm, ' '), *last = strrchr(norm, ' ');
	if (sp && !person)
		return 0;  /* only people's full names claim bare ones */
	void *grown = util_grow(a->v, &a->cap, a->n, sizeof *a->v);
	if (!grown)
		return -1;
	a->v = grown;
	struct name *m = &a->v[a->n];
	*m = (struct name){
		.n = sqlite3_column_int64(s, 1), .entity = sqlite3_column_int64(s, 2),
		.full = sp != NULL, .fixed = sqlite3_column_int(s, 5) != 0,
	};
	m->first = word_key(norm, sp ? (size_t)(sp - norm) : strlen(norm));
	m->last = sp ? word_key(last + 1, strlen(last + 1)) : util_strdup(m->first ? m->first : "");
	a->n++;
	return m->first && m->last ? 0 : -1;
}

int store_entities_resolve(struct store *st, int64_t article)
{
	sqlite3_stmt *s = NULL, *set = NULL;
	struct article_names a = { 0 };
	int ret = -1, rc;
	/* Every mention starts at its form's entity. */
	if (store_prepare(st, "UPDATE mention SET entity = f.entity FROM form f"
	                " WHERE f.id = mention.form AND mention.entity IS NOT f.entity"
	                " AND (?1 = 0 OR mention.article = ?1)", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	s = NULL;
	if (rc != SQLITE_DONE)
		return -1;
	/* The entities the user merged into or split from (by a name of
	 * theirs): their names stay where the user put them. */
	if (store_prepare(st, "WITH fixed(entity) AS MATERIALIZED ("
	                "  SELECT g.entity FROM correction c JOIN form g"
	                "   ON g.type = c.type AND g.norm = c.form WHERE c.kind IN ('split', 'merge')"
	                "  UNION SELECT g.entity FROM correction c JOIN form g"
	                "   ON g.type = c.target_type AND g.norm = c.target WHERE c.kind = 'merge')"
	                " SELECT m.article, m.n, coalesce(m.entity, 0), f.norm, coalesce(e.type = ?2, 0),"
	                " f.entity IN fixed"
	                " FROM mention m JOIN form f ON f.id = m.form LEFT JOIN entity e ON e.id = m.entity"
	                " WHERE m.derived = 0 AND f.type != ?3 AND (?1 = 0 OR m.article = ?1)"
	                /* a name whose entity went to full names is resolved
	                 * again; a rejected one is none */
	                " AND (m.entity IS NOT NULL OR NOT EXISTS (SELECT 1 FROM correction c"
	                "  WHERE c.type = f.type AND c.form = f.norm AND c.kind = 'reject'))"
	                " ORDER BY m.article", &s) < 0 ||
	    store_prepare(st, "UPDATE mention SET entity = ?3 WHERE article = ?1 AND n = ?2", &set) < 0)
		goto out;
	sqlite3_bind_int64(s, 1, article);
	sqlite3_bind_int(s, 2, ENTITY_PER);
	sqlite3_bind_int(s, 3, ENTITY_DATE);
	int64_t at = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t art = sqlite3_column_int64(s, 0);
		if (art != at) {
			if (a.n && resolve_article(&a, at, set) < 0)
				goto out;
			names_clear(&a);
			at = art;
		}
		if (add_name(&a, s) < 0)
			goto out;
	}
	if (rc != SQLITE_DONE || (a.n && resolve_article(&a, at, set) < 0))
		goto out;
	ret = 0;
out:
	names_clear(&a);
	free(a.v);
	sqlite3_finalize(s);
	sqlite3_finalize(set);
	return ret;
}
