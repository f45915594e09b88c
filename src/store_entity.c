/*
 * store_entity.c: reading entities and mentions from the library, and the
 * user's corrections (written there, applied by a rebuild).  Writing
 * mentions and rebuilding entities: store_entity_write.c.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "margo/store_entity.h"
#include "margo/store_journal.h"
#include "margo/text.h"
#include "margo/util.h"
#include "store_impl.h"
#include "margo/i18n.h"

/* ---- reading ---------------------------------------------------------------- */

void store_entities_free(struct store_entity *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].name);
	free(e);
}

/* Collect rows of (id, type, name, here, mentions, articles[, kept apart]). */
static int collect_entities(sqlite3_stmt *s, struct store_entity **out, size_t *n)
{
	struct store_entity *v = NULL;
	size_t k = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		void *grown = util_grow(v, &cap, k, sizeof *v);
		if (!grown)
			break;
		v = grown;
		v[k] = (struct store_entity){
			.id = sqlite3_column_int64(s, 0),
			.type = (enum entity_type)sqlite3_column_int(s, 1),
			.name = store_column_dup(s, 2),
			.here = sqlite3_column_int64(s, 3),
			.mentions = sqlite3_column_int64(s, 4),
			.articles = sqlite3_column_int64(s, 5),
			.apart = sqlite3_column_count(s) > 6 && sqlite3_column_int(s, 6) != 0,
		};
		if (!v[k].name)
			break;
		k++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_entities_free(v, k);
		return -1;
	}
	*out = v;
	*n = k;
	return 0;
}

int store_entities_of(struct store *st, int64_t article, struct store_entity **out,
                      size_t *n)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	int rc = article
		? store_prepare(st, "SELECT e.id, e.type, e.name, count(*) AS here, e.mentions, e.articles,"
		              " e.fits IS NOT NULL FROM mention m JOIN entity e ON e.id = m.entity"
		              " WHERE m.article = ?1 GROUP BY e.id"
		              " ORDER BY e.type, here DESC, e.mentions DESC, e.name", &s)
		: store_prepare(st, "SELECT id, type, name, mentions, mentions, articles, fits IS NOT NULL"
		              " FROM entity ORDER BY type, mentions DESC, name", &s);
	if (rc < 0)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	return collect_entities(s, out, n);
}

int store_entity_get(struct store *st, int64_t id, struct store_entity *out)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT id, type, name, mentions, mentions, articles, fits IS NOT NULL"
	                " FROM entity WHERE id = ?1", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	struct store_entity *v;
	size_t n;
	if (collect_entities(s, &v, &n) < 0)
		return -1;
	if (n == 0) {
		free(v);
		return 0;
	}
	*out = v[0];
	free(v);
	return 1;
}

int store_entity_find(struct store *st, const char *what, int64_t *id)
{
	int64_t num;
	if (util_parse_id(what, &num) == 0) {
		struct store_entity e;
		int rc = store_entity_get(st, num, &e);
		if (rc == 1) {
			free(e.name);
			*id = num;
		}
		return rc;
	}
	sqlite3_stmt *s;
	/* The entity's own name first, then any of its forms. */
	if (store_prepare(st, "SELECT DISTINCT id FROM ("
	                " SELECT id, 0 AS rank FROM entity WHERE name = ?1 COLLATE NOCASE"
	                " UNION ALL SELECT entity, 1 FROM form"
	                "  WHERE norm = ?1 COLLATE NOCASE AND entity IS NOT NULL)"
	                " ORDER BY rank LIMIT 2", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, what, -1, SQLITE_STATIC);
	int found = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (found == 0)
			*id = sqlite3_column_int64(s, 0);
		found++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return -1;
	return found == 0 ? 0 : found == 1 ? 1 : 2;
}

int store_entity_aliases(struct store *st, int64_t id, char ***names, size_t *n)
{
	sqlite3_stmt *s;
	*names = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT DISTINCT f.norm FROM mention m JOIN form f ON f.id = m.form"
	                " WHERE m.entity = ?1 ORDER BY f.norm", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc;
	size_t cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		void *grown = util_grow(*names, &cap, *n, sizeof **names);
		if (!grown)
			break;
		*names = grown;
		if (!((*names)[*n] = store_column_dup(s, 0)))
			break;
		(*n)++;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_entity_fits(struct store *st, int64_t id, char ***names, size_t *n)
{
	sqlite3_stmt *s;
	*names = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT p.name FROM entity e, json_each(CASE WHEN json_valid(e.fits) THEN e.fits END) j"
	                " JOIN entity p ON p.id = j.value"
	                " WHERE e.id = ?1"
	                " ORDER BY p.mentions DESC, p.name", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc;
	size_t cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		void *grown = util_grow(*names, &cap, *n, sizeof **names);
		if (!grown)
			break;
		*names = grown;
		if (!((*names)[*n] = store_column_dup(s, 0)))
			break;
		(*n)++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < *n; i++)
			free((*names)[i]);
		free(*names);
		*names = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void store_mentions_free(struct store_mention *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].title);
		free(m[i].date);
		free(m[i].left);
		free(m[i].text);
		free(m[i].right);
	}
	free(m);
}

/* The start of the code point before byte `pos` of s, never before lo
 * (a byte that ends no character counts as one). */
static size_t cp_prev(const char *s, size_t lo, size_t pos)
{
	ucs4_t uc;
	const uint8_t *p = u8_prev(&uc, (const uint8_t *)s + pos, (const uint8_t *)s + lo);
	return p ? (size_t)(p - (const uint8_t *)s) : pos - 1;
}

/* A mention's context, cut from its article's body (read once for all
 * the article's mentions): up to `context` code points each side, never
 * beyond its paragraph.  Row columns 9-12: the paragraph's start and end
 * in code points and in bytes. */
static int cut_context(struct store_mention *m, sqlite3_stmt *s, const char *body,
                       size_t len, int context)
{
	int64_t pcs = sqlite3_column_int64(s, 9), pce = sqlite3_column_int64(s, 10);
	int64_t pbs = sqlite3_column_int64(s, 11), pbe = sqlite3_column_int64(s, 12);
	int64_t ms = sqlite3_column_int64(s, 3), me = sqlite3_column_int64(s, 4);
	size_t l = 0, r = 0;
	bool in = store_slice_ok(pbs, pbe, len) && pbs <= ms && store_slice_ok(ms, me, (size_t)pbe);
	if (in) {
		/* As many code points as the paragraph has before and after,
		 * up to `context`. */
		int64_t before = (int64_t)m->cp_start - pcs, after = pce - (int64_t)m->cp_end;
		int64_t lw = before < context ? before : context, rw = after < context ? after : context;
		for (l = (size_t)ms; lw > 0 && l > (size_t)pbs; lw--)
			l = cp_prev(body, (size_t)pbs, l);
		r = (size_t)me;
		if (rw > 0)
			r += text_cp_to_byte(body + me, (size_t)(pbe - me), (size_t)rw);
	}
	m->left = in ? util_strndup(body + l, (size_t)ms - l) : util_strdup("");
	m->text = in ? util_strndup(body + ms, (size_t)(me - ms)) : util_strdup("");
	m->right = in ? util_strndup(body + me, r - (size_t)me) : util_strdup("");
	return m->left && m->text && m->right ? 0 : -1;
}

/* Columns: article, entity, para, bstart, bend, start, end, then with
 * `context` >= 0 title, date and the paragraph's start, end, bstart,
 * bend: the title, date and context (cut_context) are filled in. */
static int collect_mentions(struct store *st, sqlite3_stmt *s, int context,
                            struct store_mention **out, size_t *n)
{
	struct store_mention *v = NULL;
	size_t k = 0, cap = 0;
	char *body = NULL;
	size_t len = 0;
	int64_t article = 0;
	int rc, found = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		void *grown = util_grow(v, &cap, k, sizeof *v);
		if (!grown)
			break;
		v = grown;
		struct store_mention *m = &v[k++];
		memset(m, 0, sizeof *m);
		m->article = sqlite3_column_int64(s, 0);
		m->entity = sqlite3_column_int64(s, 1);
		m->para = sqlite3_column_int(s, 2);
		m->start = (size_t)sqlite3_column_int64(s, 3);
		m->end = (size_t)sqlite3_column_int64(s, 4);
		m->cp_start = (size_t)sqlite3_column_int64(s, 5);
		m->cp_end = (size_t)sqlite3_column_int64(s, 6);
		if (context < 0)
			continue;
		m->title = store_column_dup(s, 7);
		m->date = store_column_dup(s, 8);
		if (!body || m->article != article) {
			free(body);
			article = m->article;
			if ((found = store_article_body(st, article, &body, &len)) < 0)
				break;
		}
		if (!m->title || cut_context(m, s, body ? body : "", len, context) < 0)
			break;
	}
	sqlite3_finalize(s);
	free(body);
	if (rc != SQLITE_DONE) {
		store_mentions_free(v, k);
		return -1;
	}
	*out = v;
	*n = k;
	return 0;
}

int store_entity_mentions(struct store *st, int64_t entity, int context,
                          struct store_mention **out, size_t *n)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	/* The rows of an article come together: its body is read once. */
	if (store_prepare(st, "SELECT m.article, m.entity, m.para, m.bstart, m.bend, m.start, m.end,"
	                " a.title, a.date, p.start, p.end, p.bstart, p.bend"
	                " FROM mention m"
	                " JOIN article a ON a.id = m.article"
	                " JOIN paragraph p ON p.article = m.article AND p.n = m.para + 1"
	                " WHERE m.entity = ?1"
	                " ORDER BY a.date IS NULL, a.date, m.article, m.bstart", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, entity);
	return collect_mentions(st, s, context < 0 ? 0 : context, out, n);
}

int store_article_mentions(struct store *st, int64_t article,
                           struct store_mention **out, size_t *n)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT m.article, m.entity, m.para, m.bstart, m.bend, m.start, m.end"
	                " FROM mention m"
	                " WHERE m.article = ?1 AND m.entity IS NOT NULL ORDER BY m.bstart", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	return collect_mentions(st, s, -1, out, n);
}

int store_mention_step(struct store *st, int64_t entity, int64_t article,
                       size_t pos, int dir, struct store_mention *out, bool *wrapped)
{
	static const char *const sql[2][2] = {
		{ /* backwards: before the place, then from the end */
		  "SELECT m.article, m.entity, m.para, m.bstart, m.bend, m.start, m.end"
		  " FROM mention m WHERE m.entity = ?1"
		  " AND (m.article < ?2 OR (m.article = ?2 AND m.bstart < ?3))"
		  " ORDER BY m.article DESC, m.bstart DESC LIMIT 1",
		  "SELECT m.article, m.entity, m.para, m.bstart, m.bend, m.start, m.end"
		  " FROM mention m WHERE m.entity = ?1"
		  " ORDER BY m.article DESC, m.bstart DESC LIMIT 1" },
		{ /* forwards */
		  "SELECT m.article, m.entity, m.para, m.bstart, m.bend, m.start, m.end"
		  " FROM mention m WHERE m.entity = ?1"
		  " AND (m.article > ?2 OR (m.article = ?2 AND m.bstart > ?3))"
		  " ORDER BY m.article, m.bstart LIMIT 1",
		  "SELECT m.article, m.entity, m.para, m.bstart, m.bend, m.start, m.end"
		  " FROM mention m WHERE m.entity = ?1"
		  " ORDER BY m.article, m.bstart LIMIT 1" },
	};
	int fwd = dir > 0;
	for (int pass = 0; pass < 2; pass++) {
		sqlite3_stmt *s;
		if (store_prepare(st, sql[fwd][pass], &s) < 0)
			return -1;
		sqlite3_bind_int64(s, 1, entity);
		sqlite3_bind_int64(s, 2, article);
		sqlite3_bind_int64(s, 3, (int64_t)pos);
		struct store_mention *v;
		size_t n;
		if (collect_mentions(st, s, -1, &v, &n) < 0)
			return -1;
		if (n) {
			*out = v[0];
			free(v);
			*wrapped = pass == 1;
			return 1;
		}
		free(v);
	}
	return 0;
}

int store_mention_place(struct store *st, int64_t entity, int64_t article, size_t pos,
                        struct store_mention_place *out, char **name)
{
	sqlite3_stmt *s;
	memset(out, 0, sizeof *out);
	*name = NULL;
	if (store_prepare(st, "WITH m AS (SELECT m.article, m.bstart FROM mention m"
	                  " WHERE m.entity = ?1)"
	                  " SELECT (SELECT count(*) FROM m WHERE article < ?2"
	                  "         OR (article = ?2 AND bstart <= ?3)),"
	                  " (SELECT count(*) FROM m),"
	                  " (SELECT count(DISTINCT article) FROM m WHERE article <= ?2),"
	                  " (SELECT count(DISTINCT article) FROM m),"
	                  " (SELECT name FROM entity WHERE id = ?1)", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, entity);
	sqlite3_bind_int64(s, 2, article);
	sqlite3_bind_int64(s, 3, (int64_t)pos);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->mention = sqlite3_column_int64(s, 0);
		out->mentions = sqlite3_column_int64(s, 1);
		out->article = sqlite3_column_int64(s, 2);
		out->articles = sqlite3_column_int64(s, 3);
		*name = store_column_dup(s, 4);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW && *name ? 0 : -1;
}

int store_entity_cooccurring(struct store *st, int64_t entity, int limit,
                             struct store_entity **out, size_t *n)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	/* The paragraphs of its mentions, then each of their articles'
	 * mentions once, kept when in one of those paragraphs (looked up in
	 * the index SQLite makes for the IN): joining its mentions to their
	 * paragraphs' mentions read all of an article's mentions for each
	 * of its mentions there, thousands squared in a long article. */
	if (store_prepare(st, "WITH paras(article, para) AS MATERIALIZED ("
	                "  SELECT DISTINCT m1.article, m1.para FROM mention m1"
	                "  WHERE m1.entity = ?1)"
	                " SELECT e.id, e.type, e.name, count(DISTINCT m2.article || ':' || m2.para) AS shared,"
	                " e.mentions, e.articles"
	                " FROM (SELECT DISTINCT article FROM paras) x"
	                " CROSS JOIN mention m2 ON m2.article = x.article"
	                " CROSS JOIN entity e ON e.id = m2.entity"
	                " WHERE e.id != ?1 AND (m2.article, m2.para) IN (SELECT article, para FROM paras)"
	                " GROUP BY e.id ORDER BY shared DESC, e.mentions DESC, e.name LIMIT ?2", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, entity);
	sqlite3_bind_int(s, 2, limit);
	return collect_entities(s, out, n);
}

/* ---- corrections ------------------------------------------------------------ */

/* The form that stands for an entity in a correction: the one its name
 * came from before any rename, else its commonest.  Anchoring there keeps
 * a correction on the entity when one of its other names is split off. */
static char *representative_form(struct store *st, int64_t entity, int *type)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT f.type, f.norm FROM form f JOIN entity e ON e.id = f.entity"
	                " LEFT JOIN mention m ON m.form = f.id WHERE f.entity = ?1"
	                " GROUP BY f.id ORDER BY f.norm = e.form DESC, count(m.form) DESC, f.norm"
	                " LIMIT 1", &s) < 0)
		return NULL;
	sqlite3_bind_int64(s, 1, entity);
	char *norm = NULL;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*type = sqlite3_column_int(s, 0);
		norm = store_column_dup(s, 1);
	}
	sqlite3_finalize(s);
	return norm;
}

int store_entity_anchor(struct store *st, int64_t id, const char *except, int *type, char **norm)
{
	sqlite3_stmt *s;
	*norm = NULL;
	if (store_prepare(st, "SELECT f.type, f.norm FROM form f JOIN entity e ON e.id = f.entity"
	                " LEFT JOIN mention m ON m.form = f.id WHERE f.entity = ?1 AND f.norm IS NOT ?2"
	                " GROUP BY f.id ORDER BY f.norm = e.form DESC, count(m.form) DESC, f.norm"
	                " LIMIT 1", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (except)
		sqlite3_bind_text(s, 2, except, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s), ret = rc == SQLITE_DONE ? 0 : -1;
	if (rc == SQLITE_ROW) {
		*type = sqlite3_column_int(s, 0);
		*norm = store_column_dup(s, 1);
		ret = *norm ? 1 : -1;
	}
	sqlite3_finalize(s);
	return ret;
}

int store_entity_of_form(struct store *st, int type, const char *norm, int64_t *id)
{
	sqlite3_stmt *s;
	if (store_cached(st, "SELECT entity FROM form WHERE type = ?1 AND norm = ?2 AND entity IS NOT NULL",
	                 &s) < 0)
		return -1;
	sqlite3_bind_int(s, 1, type);
	sqlite3_bind_text(s, 2, norm, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s), ret = rc == SQLITE_DONE ? 0 : -1;
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		ret = 1;
	}
	sqlite3_reset(s);
	return ret;
}

static int add_correction(struct store *st, const char *kind, int type, const char *form,
                          int target_type, const char *target)
{
	sqlite3_stmt *s;
	char now[21];
	util_now_rfc3339(now);
	if (store_prepare(st, "INSERT INTO correction(kind, type, form, target_type, target, created)"
	                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, type);
	sqlite3_bind_text(s, 3, form, -1, SQLITE_STATIC);
	if (target_type >= 0)
		sqlite3_bind_int(s, 4, target_type);
	else
		sqlite3_bind_null(s, 4);
	if (target)
		sqlite3_bind_text(s, 5, target, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 5);
	sqlite3_bind_text(s, 6, now, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Record `kind` for every form of the entity (reject, retype). */
static int correct_all_forms(struct store *st, int64_t entity, const char *kind, int target_type)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT type, norm FROM form WHERE entity = ?1", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, entity);
	int rc, ret = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && ret == 0)
		ret = add_correction(st, kind, sqlite3_column_int(s, 0),
		                     (const char *)sqlite3_column_text(s, 1), target_type, NULL);
	sqlite3_finalize(s);
	return ret == 0 && rc == SQLITE_DONE ? 0 : -1;
}

/* The entity's name as a summary quotes it, malloc'd. */
static char *quoted_name(struct store *st, int64_t id)
{
	struct store_entity e = { 0 };
	char *q = store_entity_get(st, id, &e) == 1 ? store_journal_quote(e.name)
	                                            : util_printf("entity %lld", (long long)id);
	free(e.name);
	return q;
}

/* What a person reads of a correction in the journal, malloc'd. */
static char *correction_summary(struct store *st, enum store_correction kind, int64_t entity,
                                const char *arg, int64_t other, enum entity_type type)
{
	static const char *const kinds[] = { "a person", "a place", "an organisation", "a date" };
	char *a = quoted_name(st, entity), *b = NULL, *s = NULL;
	switch (kind) {
	case STORE_FIX_RENAME:
		b = store_journal_quote(arg);
		s = util_printf("renamed %s to %s", a, b);
		break;
	case STORE_FIX_MERGE:
		b = quoted_name(st, other);
		s = util_printf("merged %s into %s", a, b);
		break;
	case STORE_FIX_SPLIT:
		b = store_journal_quote(arg);
		s = util_printf("split %s off %s", b, a);
		break;
	case STORE_FIX_RETYPE:
		s = util_printf("%s made %s", a, (unsigned)type < 4 ? kinds[type] : "another type");
		break;
	case STORE_FIX_REJECT:
		s = util_printf("%s rejected as an entity", a);
		break;
	}
	free(a);
	free(b);
	return s;
}

/* Split the name `norm` off the entity: one correction for each type the
 * name was found with in it, so all its mentions leave together. */
static int split_name(struct store *st, int64_t entity, const char *norm, char **err)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT DISTINCT f.type FROM mention m JOIN form f ON f.id = m.form"
	                " WHERE m.entity = ?1 AND f.norm = ?2 ORDER BY f.type", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, entity);
	sqlite3_bind_text(s, 2, norm, -1, SQLITE_STATIC);
	int rc, ret = 0, found = 0;
	while (ret == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		found++;
		ret = add_correction(st, "split", sqlite3_column_int(s, 0), norm, -1, NULL);
	}
	sqlite3_finalize(s);
	if (ret == 0 && rc != SQLITE_DONE)
		ret = -1;
	if (ret == 0 && !found) {
		*err = util_printf(_("\"%s\" is not a name of this entity"), norm);
		ret = -1;
	}
	return ret;
}

static const char *const correction_kinds[] = {
	[STORE_FIX_RENAME] = "rename", [STORE_FIX_MERGE] = "merge", [STORE_FIX_SPLIT] = "split",
	[STORE_FIX_RETYPE] = "retype", [STORE_FIX_REJECT] = "reject",
};

int store_entity_correct(struct store *st, enum store_correction kind,
                         int64_t entity, const char *arg, int64_t other,
                         enum entity_type type, char **err)
{
	*err = NULL;
	int ftype = 0, otype = 0, ret = -1;
	char *form = NULL, *into = NULL;
	char *summary = correction_summary(st, kind, entity, arg, other, type);
	int begun = store_journal_begin(st, correction_kinds[kind],
	                                summary ? summary : correction_kinds[kind]);
	free(summary);
	if (begun < 0) {
		*err = util_printf(_("cannot write to the library: %s"), store_errmsg(st));
		return -1;
	}
	if (!(form = representative_form(st, entity, &ftype))) {
		*err = util_printf(_("no entity %lld"), (long long)entity);
		goto out;
	}
	int rc = -1;
	switch (kind) {
	case STORE_FIX_RENAME:
		if (!arg || !*arg) {
			*err = util_strdup(_("a new name cannot be empty"));
			goto out;
		}
		rc = add_correction(st, "rename", ftype, form, -1, arg);
		break;
	case STORE_FIX_MERGE:
		if (other == entity || !(into = representative_form(st, other, &otype))) {
			*err = util_strdup("merge into another entity");
			goto out;
		}
		rc = add_correction(st, "merge", ftype, form, otype, into);
		break;
	case STORE_FIX_SPLIT:
		rc = split_name(st, entity, arg ? arg : "", err);
		break;
	case STORE_FIX_RETYPE:
		rc = correct_all_forms(st, entity, "retype", (int)type);
		break;
	case STORE_FIX_REJECT:
		rc = correct_all_forms(st, entity, "reject", -1);
		break;
	}
	if (rc < 0 || store_journal_commit(st) < 0) {
		if (!*err)
			*err = util_printf(_("cannot save the correction: %s"), store_errmsg(st));
		goto out;
	}
	ret = 0;
out:
	if (ret < 0)
		store_journal_rollback(st);
	free(form);
	free(into);
	if (ret == 0 && store_entities_rebuild(st) < 0) {
		*err = util_printf(_("the correction is saved, but the index could not be rebuilt: %s"),
		                   store_errmsg(st));
		ret = -1;
	}
	return ret;
}
