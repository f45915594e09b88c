/*
 * store_annot_conflict.c: the conflicts an import leaves, read and
 * resolved.
 *
 * When an import meets a changed version of an annotation, the newer
 * version is kept and the other is recorded (annotation_conflict) as a
 * W3C Web Annotation object.  Here they are listed with both versions
 * as a user reads them (quote, tags, note, colour, author, modified),
 * and resolved: keep ours (the other is dropped), take theirs (it
 * replaces ours in place, so that links to the annotation stay), or keep
 * both (theirs becomes a new annotation on the same article).  Each
 * resolution is one transaction.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/store_annot.h"
#include "margo/store_journal.h"
#include "margo/util.h"
#include "store_annot_impl.h"
#include "store_impl.h"
#include "margo/i18n.h"

/* What a user reads of one W3C object ?1: quote, tags, note, colour,
 * author, modified.  Bodies may be an array or one object. */
static const char side_sql[] =
	"WITH body(v) AS (SELECT value FROM json_each(?1, '$.body')"
	"  WHERE json_type(?1, '$.body') = 'array' AND type = 'object'"
	"  UNION ALL SELECT json_extract(?1, '$.body') WHERE json_type(?1, '$.body') = 'object')"
	" SELECT coalesce((SELECT json_extract(value, '$.exact') FROM json_each(?1, '$.target.selector')"
	"  WHERE json_type(?1, '$.target.selector') = 'array' AND CASE WHEN type = 'object'"
	"  THEN json_extract(value, '$.type') = 'TextQuoteSelector' END LIMIT 1),"
	"  CASE WHEN json_type(?1, '$.target.selector') = 'object'"
	"  THEN json_extract(?1, '$.target.selector.exact') END),"
	" (SELECT group_concat(t, ', ') FROM (SELECT json_extract(v, '$.value') AS t FROM body"
	"  WHERE json_extract(v, '$.purpose') = 'tagging' ORDER BY t)),"
	" (SELECT group_concat(json_extract(v, '$.value'), char(10)) FROM body"
	"  WHERE json_extract(v, '$.purpose') = 'commenting'),"
	" json_extract(?1, '$.margo.color'),"
	" CASE json_type(?1, '$.creator') WHEN 'text' THEN json_extract(?1, '$.creator')"
	"  WHEN 'object' THEN json_extract(?1, '$.creator.name') END,"
	" json_extract(?1, '$.modified')";

static int read_side(sqlite3_stmt *q, char *json, struct store_conflict_side *side)
{
	side->json = json;
	if (!json)
		return -1;
	sqlite3_reset(q);
	sqlite3_bind_text(q, 1, json, -1, SQLITE_STATIC);
	if (sqlite3_step(q) != SQLITE_ROW)
		return -1;
	char **f[] = { &side->quote, &side->tags, &side->note, &side->color, &side->author,
	               &side->updated };
	for (int i = 0; i < 6; i++)
		if (sqlite3_column_type(q, i) != SQLITE_NULL && !(*f[i] = store_column_dup(q, i)))
			return -1;
	return 0;
}

static void side_free(struct store_conflict_side *s)
{
	free(s->json);
	free(s->quote);
	free(s->tags);
	free(s->note);
	free(s->color);
	free(s->author);
	free(s->updated);
}

void store_conflicts_free(struct store_conflict *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].annotation);
		free(v[i].title);
		free(v[i].created);
		side_free(&v[i].mine);
		side_free(&v[i].theirs);
	}
	free(v);
}

int store_conflicts_list(struct store *st, const char *annotation, struct store_conflict **out,
                         size_t *n)
{
	sqlite3_stmt *s, *q = NULL;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT c.id, c.annotation, a.article, ar.title, c.created, "
	                      ANNOT_MINE_W3C ", " CONFLICT_OTHER_W3C
	                      " FROM annotation_conflict c JOIN annotation a ON a.id = c.annotation"
	                      " JOIN article ar ON ar.id = a.article"
	                      " WHERE a.deleted IS NULL AND (?1 IS NULL OR c.annotation = ?1)"
	                      " ORDER BY c.id", &s) < 0)
		return -1;
	if (store_prepare(st, side_sql, &q) < 0) {
		sqlite3_finalize(s);
		return -1;
	}
	if (annotation)
		sqlite3_bind_text(s, 1, annotation, -1, SQLITE_STATIC);
	struct store_conflict *v = NULL;
	size_t k = 0, cap = 0;
	int rc, ret = 0;
	while (ret == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		void *grown = util_grow(v, &cap, k, sizeof *v);
		if (!grown) {
			ret = -1;
			break;
		}
		v = grown;
		struct store_conflict *c = &v[k++];
		memset(c, 0, sizeof *c);
		c->id = sqlite3_column_int64(s, 0);
		c->article = sqlite3_column_int64(s, 2);
		if (!(c->annotation = store_column_dup(s, 1)) || !(c->title = store_column_dup(s, 3)) ||
		    !(c->created = store_column_dup(s, 4)) ||
		    read_side(q, store_column_dup(s, 5), &c->mine) < 0 ||
		    read_side(q, store_column_dup(s, 6), &c->theirs) < 0)
			ret = -1;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = -1;
	sqlite3_finalize(s);
	sqlite3_finalize(q);
	if (ret < 0) {
		store_conflicts_free(v, k);
		return -1;
	}
	*out = v;
	*n = k;
	return 0;
}

int store_conflict_find(struct store *st, const char *ref, int64_t *conflict, char **err)
{
	sqlite3_stmt *s;
	*err = NULL;
	int64_t number = 0;
	bool by_number = util_parse_id(ref, &number) == 0;
	char *id = strncmp(ref, "urn:", 4) == 0 || by_number ? util_strdup(ref)
	                                                     : util_printf("urn:uuid:%s", ref);
	if (!id)
		return -1;
	if (store_prepare(st, "SELECT count(*), min(c.id) FROM annotation_conflict c"
	                      " JOIN annotation a ON a.id = c.annotation WHERE a.deleted IS NULL"
	                      " AND (c.id = ?1 OR c.annotation = ?2)", &s) < 0) {
		free(id);
		return -1;
	}
	sqlite3_bind_int64(s, 1, by_number ? number : -1);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	int64_t count = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	*conflict = rc == SQLITE_ROW ? sqlite3_column_int64(s, 1) : 0;
	sqlite3_finalize(s);
	free(id);
	if (rc != SQLITE_ROW)
		return -1;
	if (count == 1)
		return 1;
	*err = count == 0
	     ? util_printf(_("no open conflict \"%s\" (margo conflicts lists them)"), ref)
	     : util_printf(_("annotation %s has %lld open conflicts; give the number of one "
	                   "(margo conflicts lists them)"), ref, (long long)count);
	return *err ? 0 : -1;
}

/* The other version of conflict `conflict` written under `id` (in place
 * of ours with `replace`) on the annotation's article. */
static int take_other(struct store *st, const char *other, size_t len, const char *id,
                      int64_t article, bool replace, char **err)
{
	struct incoming in;
	memset(&in, 0, sizeof in);
	int parsed = annot_parse(st, other, len, &in);
	int ret = -1;
	if (parsed > 0 && in.object && (!in.f[F_EXACT] || !*in.f[F_EXACT]))
		*err = util_strdup(_("the imported version has no quote to place; keep this library's"));
	else if (parsed > 0 && in.object && annot_repair_fields(&in) == 0 &&
	         annot_write_incoming(st, &in, id, article, replace) == 0)
		ret = 0;
	annot_incoming_free(&in);
	return ret;
}

int store_conflict_resolve(struct store *st, int64_t conflict, enum store_conflict_keep keep,
                           char **made, char **err)
{
	sqlite3_stmt *s;
	*made = *err = NULL;
	char *summary = util_printf("conflict %lld resolved: kept %s", (long long)conflict,
	                            keep == STORE_KEEP_MINE ? "this library's version"
	                            : keep == STORE_KEEP_THEIRS ? "the imported version" : "both");
	int begun = store_journal_begin(st, "conflict", summary ? summary : "conflict resolved");
	free(summary);
	if (begun < 0)
		goto fail;
	if (store_prepare(st, "SELECT c.annotation, a.article, " CONFLICT_OTHER_W3C
	                      " FROM annotation_conflict c JOIN annotation a ON a.id = c.annotation"
	                      " WHERE c.id = ?1 AND a.deleted IS NULL", &s) < 0)
		goto fail;
	sqlite3_bind_int64(s, 1, conflict);
	int rc = sqlite3_step(s);
	char *id = rc == SQLITE_ROW ? store_column_dup(s, 0) : NULL;
	int64_t article = rc == SQLITE_ROW ? sqlite3_column_int64(s, 1) : 0;
	char *other = rc == SQLITE_ROW ? store_column_dup(s, 2) : NULL;
	sqlite3_finalize(s);
	int ret = -1;
	if (rc == SQLITE_DONE) {
		*err = util_printf(_("no open conflict %lld"), (long long)conflict);
	} else if (rc == SQLITE_ROW && id && other) {
		char uuid[46];
		if (keep == STORE_KEEP_MINE)
			ret = 0;
		else if (keep == STORE_KEEP_THEIRS)
			ret = take_other(st, other, strlen(other), id, article, true, err);
		else if (store_annot_new_id(uuid) == 0 &&
		         take_other(st, other, strlen(other), uuid, article, false, err) == 0 &&
		         (*made = util_strdup(uuid)))
			ret = 0;
	}
	free(id);
	free(other);
	if (ret == 0 && store_prepare(st, "DELETE FROM annotation_conflict WHERE id = ?1", &s) == 0) {
		sqlite3_bind_int64(s, 1, conflict);
		ret = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
		sqlite3_finalize(s);
	} else {
		ret = -1;
	}
	if (ret == 0 && store_journal_commit(st) == 0)
		return 0;
fail:
	store_journal_rollback(st);
	free(*made);
	*made = NULL;
	if (!*err)
		*err = util_printf(_("the library failed: %s"), store_errmsg(st));
	return -1;
}
