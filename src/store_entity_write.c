/*
 * store_entity_write.c: an article's mentions written to the library, and
 * the entities rebuilt from them.
 *
 * A rebuild reads every form with its mention count and the corrections,
 * clusters them in memory (entity_cluster.c), then upserts entities by
 * (type, key) so that an entity keeps its id while its name is stable, and
 * points each form at its entity.  Only forms whose entity changed are
 * written.  It runs only when some article's forms changed since the last
 * one (store_entities_stale).
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "margo/store_entity.h"
#include "margo/util.h"
#include "store_impl.h"

/* Run a statement with one integer parameter to completion. */
static int exec_id(struct store *st, const char *sql, int64_t id)
{
	sqlite3_stmt *s;
	if (store_cached(st, sql, &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- writing mentions ------------------------------------------------------ */

/* Index of the paragraph holding byte `pos` (paragraphs are in order). */
static int para_of(const struct corpus_article *a, size_t pos, int from)
{
	int p = from;
	while ((size_t)p + 1 < a->n_paras && a->paras[p + 1].span.start <= pos)
		p++;
	return p;
}

static size_t form_hash(int type, const char *norm)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)type;
	for (const char *p = norm; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	return (size_t)(h ^ (h >> 29));
}

/* The slot of (type, norm): its own, or the empty one it would take. */
static struct form_slot *form_slot(struct form_cache *fc, int type, const char *norm)
{
	size_t i = form_hash(type, norm) & (fc->cap - 1);
	while (fc->slots[i].norm &&
	       (fc->slots[i].type != type || strcmp(fc->slots[i].norm, norm) != 0))
		i = (i + 1) & (fc->cap - 1);
	return &fc->slots[i];
}

static void form_remember(struct form_cache *fc, int type, const char *norm, int64_t id)
{
	if (2 * (fc->n + 1) > fc->cap) {
		size_t cap = fc->cap ? 2 * fc->cap : 1024;
		struct form_slot *old = fc->slots, *grown = calloc(cap, sizeof *grown);
		if (!grown)
			return;  /* no memory: no cache, the library is asked */
		size_t old_cap = fc->cap;
		fc->slots = grown;
		fc->cap = cap;
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].norm)
				*form_slot(fc, old[i].type, old[i].norm) = old[i];
		free(old);
	}
	char *copy = util_strdup(norm);
	if (!copy)
		return;
	*form_slot(fc, type, norm) = (struct form_slot){ copy, type, id };
	fc->n++;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The form ids of article `id`'s mentions, sorted (*n of them). */
static int article_forms(struct store *st, int64_t id, int64_t **out, size_t *n)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	if (store_cached(st, "SELECT form FROM mention WHERE article = ?1 ORDER BY form", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		void *grown = util_grow(*out, &cap, *n, sizeof **out);
		if (!grown)
			break;
		*out = grown;
		(*out)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_entities_stale(struct store *st)
{
	sqlite3_stmt *s;
	if (store_cached(st, "SELECT 1 FROM meta WHERE key = 'entities_stale'", &s) < 0)
		return -1;
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_mentions_put(struct store *st, int64_t id, const struct corpus_article *a,
                       const struct entity_mention *m, size_t n, bool fresh)
{
	int64_t *before = NULL, *after = NULL;
	size_t n_before = 0;
	if (!fresh && (article_forms(st, id, &before, &n_before) < 0 ||
	               exec_id(st, "DELETE FROM mention WHERE article = ?1", id) < 0)) {
		free(before);
		return -1;
	}
	sqlite3_stmt *find = NULL, *form = NULL, *ins = NULL;
	int ret = -1;
	if (n && !(after = malloc(n * sizeof *after)))
		goto out;
	/* Looked up before it is inserted: an upsert would write the row
	 * again every time. */
	if (store_cached(st, "SELECT id FROM form WHERE type = ?1 AND norm = ?2", &find) < 0 ||
	    store_cached(st, "INSERT INTO form(type, norm) VALUES (?1, ?2) RETURNING id", &form) < 0 ||
	    store_cached(st, "INSERT INTO mention(article, n, form, start, end, bstart, bend, para, derived, entity) "
	                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	                " (SELECT entity FROM form WHERE id = ?3))", &ins) < 0)
		goto out;
	int para = 0;
	struct form_cache *fc = store_forms(st);
	if (sqlite3_get_autocommit(store_db(st)))
		form_cache_clear(fc);  /* no transaction: others may change forms */
	for (size_t i = 0; i < n; i++) {
		struct form_slot *known = fc->cap ? form_slot(fc, (int)m[i].type, m[i].norm) : NULL;
		int64_t form_id;
		if (known && known->norm) {
			form_id = known->id;
		} else {
			sqlite3_bind_int(find, 1, (int)m[i].type);
			sqlite3_bind_text(find, 2, m[i].norm, -1, SQLITE_STATIC);
			int rc = sqlite3_step(find);
			sqlite3_stmt *got = find;
			if (rc == SQLITE_DONE) {
				sqlite3_bind_int(form, 1, (int)m[i].type);
				sqlite3_bind_text(form, 2, m[i].norm, -1, SQLITE_STATIC);
				rc = sqlite3_step(form);
				got = form;
			}
			if (rc != SQLITE_ROW)
				goto out;
			form_id = sqlite3_column_int64(got, 0);
			sqlite3_reset(find);
			sqlite3_reset(form);
			form_remember(fc, (int)m[i].type, m[i].norm, form_id);
		}
		after[i] = form_id;
		para = para_of(a, m[i].start, para);
		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_int64(ins, 2, (int64_t)i);
		sqlite3_bind_int64(ins, 3, form_id);
		sqlite3_bind_int64(ins, 4, (int64_t)m[i].cp_start);
		sqlite3_bind_int64(ins, 5, (int64_t)m[i].cp_end);
		sqlite3_bind_int64(ins, 6, (int64_t)m[i].start);
		sqlite3_bind_int64(ins, 7, (int64_t)m[i].end);
		sqlite3_bind_int(ins, 8, para);
		sqlite3_bind_int(ins, 9, m[i].derived);
		if (sqlite3_step(ins) != SQLITE_DONE)
			goto out;
		sqlite3_reset(ins);
	}
	/* The same forms as many times as before: clustering, which sees
	 * only forms and their counts, would give the same entities. */
	if (n)
		qsort(after, n, sizeof *after, cmp_i64);
	bool same = n == n_before && (!n || memcmp(before, after, n * sizeof *after) == 0);
	if (!same && store_mark_entities_stale(st) < 0)
		goto out;
	/* The same forms: the same entities, resolved in the article again. */
	if (same && n && store_entities_resolve(st, id) < 0)
		goto out;
	ret = 0;
out:
	free(before);
	free(after);
	sqlite3_reset(find);
	sqlite3_reset(form);
	sqlite3_reset(ins);
	return ret;
}

/* ---- rebuilding ------------------------------------------------------------- */

struct rebuild {
	struct entity_form *forms;
	int64_t *form_id, *old_entity;
	char **norms;
	size_t n, cap;
	struct entity_merge *merges;
	size_t n_merges;
	struct entity_rename *renames;
	size_t n_renames;
	char **rename_names;
};

static void rebuild_free(struct rebuild *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->norms[i]);
	for (size_t i = 0; i < r->n_renames; i++)
		free(r->rename_names[i]);
	free(r->forms);
	free(r->form_id);
	free(r->old_entity);
	free(r->norms);
	free(r->merges);
	free(r->renames);
	free(r->rename_names);
}

static int load_forms(struct store *st, struct rebuild *r)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT f.id, f.type, f.norm, f.entity, count(*) FROM form f "
	                "JOIN mention m ON m.form = f.id GROUP BY f.id ORDER BY f.type, f.norm", &s) < 0)
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (r->n == r->cap) {
			size_t cap = r->cap ? r->cap * 2 : 256;
			struct entity_form *f = realloc(r->forms, cap * sizeof *f);
			if (f)
				r->forms = f;
			int64_t *a = realloc(r->form_id, cap * sizeof *a);
			if (a)
				r->form_id = a;
			int64_t *b = realloc(r->old_entity, cap * sizeof *b);
			if (b)
				r->old_entity = b;
			char **c = realloc(r->norms, cap * sizeof *c);
			if (c)
				r->norms = c;
			if (!f || !a || !b || !c)
				break;
			r->cap = cap;
		}
		size_t i = r->n;
		r->form_id[i] = sqlite3_column_int64(s, 0);
		r->norms[i] = store_column_dup(s, 2);
		if (!r->norms[i])
			break;
		r->old_entity[i] = sqlite3_column_type(s, 3) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 3);
		r->forms[i] = (struct entity_form){
			.type = (enum entity_type)sqlite3_column_int(s, 1), .norm = r->norms[i],
			.count = (size_t)sqlite3_column_int64(s, 4), .retype = -1,
		};
		r->n++;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The form (type, norm) among the loaded ones: they are sorted by type,
 * then norm (SQLite's BINARY order is memcmp, like strcmp). */
static size_t find_form(const struct rebuild *r, int type, const char *norm)
{
	size_t lo = 0, hi = r->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = (int)r->forms[mid].type - type;
		if (c == 0)
			c = strcmp(r->forms[mid].norm, norm);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

/* Apply the corrections, oldest first, to the loaded forms. */
static int load_corrections(struct store *st, struct rebuild *r)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT kind, type, form, target_type, target FROM correction ORDER BY id", &s) < 0)
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(s, 0);
		size_t f = find_form(r, sqlite3_column_int(s, 1), (const char *)sqlite3_column_text(s, 2));
		if (f == SIZE_MAX)
			continue;  /* the form is gone from the corpus: keep the correction */
		const char *target = (const char *)sqlite3_column_text(s, 4);
		if (strcmp(kind, "reject") == 0) {
			r->forms[f].rejected = true;
		} else if (strcmp(kind, "split") == 0) {
			/* After the merges made so far: they no longer pull it back. */
			r->forms[f].split = true;
			r->forms[f].split_after = r->n_merges;
		} else if (strcmp(kind, "retype") == 0) {
			r->forms[f].retype = sqlite3_column_int(s, 3);
		} else if (strcmp(kind, "merge") == 0 && target) {
			size_t into = find_form(r, sqlite3_column_int(s, 3), target);
			struct entity_merge *m = realloc(r->merges, (r->n_merges + 1) * sizeof *m);
			if (!m)
				break;
			r->merges = m;
			if (into != SIZE_MAX)
				m[r->n_merges++] = (struct entity_merge){ f, into };
		} else if (strcmp(kind, "rename") == 0 && target) {
			struct entity_rename *m = realloc(r->renames, (r->n_renames + 1) * sizeof *m);
			if (!m)
				break;
			r->renames = m;
			char **names = realloc(r->rename_names, (r->n_renames + 1) * sizeof *names);
			if (!names)
				break;
			r->rename_names = names;
			if (!(names[r->n_renames] = util_strdup(target)))
				break;
			m[r->n_renames] = (struct entity_rename){ f, names[r->n_renames] };
			r->n_renames++;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Write the clusters: upsert entities, repoint changed forms, drop the
 * entities nothing points at, recount. */
static int write_clusters(struct store *st, struct rebuild *r,
                          const struct entity_cluster_out *c, size_t nc)
{
	int64_t *ids = malloc((nc + 1) * sizeof *ids);
	sqlite3_stmt *up = NULL, *point = NULL, *fits = NULL;
	struct buf json = { 0 };
	int ret = -1;
	if (!ids || sqlite3_exec(store_db(st), "UPDATE entity SET live = 0", NULL, NULL, NULL) != SQLITE_OK ||
	    store_prepare(st, "INSERT INTO entity(type, name, key, form, mentions, live)"
	                " VALUES (?1, ?2, ?3, ?5, ?4, 1) ON CONFLICT(type, key) DO UPDATE SET"
	                " name = excluded.name, form = excluded.form,"
	                " mentions = excluded.mentions, live = 1, fits = NULL RETURNING id", &up) < 0 ||
	    store_prepare(st, "UPDATE form SET entity = ?2 WHERE id = ?1", &point) < 0 ||
	    store_prepare(st, "UPDATE entity SET fits = json(?2) WHERE id = ?1", &fits) < 0)
		goto out;
	for (size_t j = 0; j < nc; j++) {
		sqlite3_bind_int(up, 1, (int)c[j].type);
		sqlite3_bind_text(up, 2, c[j].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(up, 3, c[j].key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(up, 4, (int64_t)c[j].count);
		sqlite3_bind_text(up, 5, c[j].form, -1, SQLITE_STATIC);
		if (sqlite3_step(up) != SQLITE_ROW)
			goto out;
		ids[j] = sqlite3_column_int64(up, 0);
		sqlite3_reset(up);
	}
	/* The people a bare name kept apart fits, by their entities' ids. */
	for (size_t j = 0; j < nc; j++) {
		if (!c[j].n_fits)
			continue;
		json.len = 0;
		int rc = buf_putc(&json, '[');
		for (size_t x = 0; x < c[j].n_fits && rc == 0; x++)
			rc = buf_printf(&json, "%s%lld", x ? "," : "", (long long)ids[c[j].fits[x]]);
		if (rc < 0 || buf_putc(&json, ']') < 0)
			goto out;
		sqlite3_bind_int64(fits, 1, ids[j]);
		sqlite3_bind_text(fits, 2, json.data, (int)json.len, SQLITE_STATIC);
		rc = sqlite3_step(fits);
		sqlite3_reset(fits);
		if (rc != SQLITE_DONE)
			goto out;
	}
	for (size_t i = 0; i < r->n; i++) {
		size_t j = r->forms[i].cluster;
		int64_t e = j == SIZE_MAX ? 0 : ids[j];
		if (e == r->old_entity[i])
			continue;
		sqlite3_bind_int64(point, 1, r->form_id[i]);
		if (e)
			sqlite3_bind_int64(point, 2, e);
		else
			sqlite3_bind_null(point, 2);
		if (sqlite3_step(point) != SQLITE_DONE)
			goto out;
		sqlite3_reset(point);
	}
	if (sqlite3_exec(store_db(st),
	        "DELETE FROM meta WHERE key = 'entities_stale';"
	        "DELETE FROM entity WHERE live = 0;"
	        "UPDATE form SET entity = NULL WHERE entity NOT IN (SELECT id FROM entity);",
	        NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	/* Each mention's entity in its article, then the counts from them;
	 * an entity all of whose mentions went to full names is gone. */
	if (store_entities_resolve(st, 0) < 0 ||
	    sqlite3_exec(store_db(st),
	        "UPDATE entity SET mentions = (SELECT count(*) FROM mention m WHERE m.entity = entity.id),"
	        " articles = (SELECT count(DISTINCT m.article) FROM mention m WHERE m.entity = entity.id);"
	        "DELETE FROM entity WHERE mentions = 0;"
	        "UPDATE form SET entity = NULL WHERE entity NOT IN (SELECT id FROM entity);",
	        NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	ret = 0;
out:
	sqlite3_finalize(up);
	sqlite3_finalize(point);
	sqlite3_finalize(fits);
	buf_free(&json);
	free(ids);
	return ret;
}

int store_entities_rebuild(struct store *st)
{
	struct rebuild r = { 0 };
	struct entity_cluster_out *c = NULL;
	size_t nc = 0;
	if (store_begin(st) < 0)
		return -1;
	form_cache_clear(store_forms(st));  /* forms no mention uses go */
	int ret = -1;
	if (sqlite3_exec(store_db(st), "DELETE FROM form WHERE id NOT IN (SELECT form FROM mention)",
	                 NULL, NULL, NULL) != SQLITE_OK ||
	    load_forms(st, &r) < 0 || load_corrections(st, &r) < 0 ||
	    entity_cluster(r.forms, r.n, r.merges, r.n_merges, r.renames, r.n_renames, &c, &nc) < 0 ||
	    write_clusters(st, &r, c, nc) < 0)
		goto out;
	ret = store_commit(st);
out:
	if (ret < 0)
		store_rollback(st);
	entity_clusters_free(c, nc);
	rebuild_free(&r);
	return ret;
}
