/*
 * store_annot.c: annotations in the library: creating, editing, tags and
 * links, and placing them again when their article's text changes.
 * Listing them (and their W3C Web Annotation JSON) is in
 * store_annot_list.c, merging imports by id in store_annot_import.c.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "margo/store_annot.h"
#include "margo/store_journal.h"
#include "margo/store_share.h"
#include "margo/text.h"
#include "margo/util.h"
#include "store_impl.h"
#include "margo/i18n.h"

/* ---- ids and tags ----------------------------------------------------------- */

/* A random (version 4) UUID as "urn:uuid:...". */
int store_annot_new_id(char out[46])
{
	unsigned char r[16];
	size_t got = 0;
	while (got < sizeof r) {
		ssize_t n = getrandom(r + got, sizeof r - got, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		got += (size_t)n;
	}
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	snprintf(out, 46, "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	         "%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
	         r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]);
	return 0;
}

/* Attach the tags of a list separated by `sep` (trimmed, empty ones
 * skipped; new tags join the codebook); with `ids`, the ids of the tags
 * of the list go in *ids (malloc'd), *n_ids of them. */
int store_annot_set_tags(struct store *st, const char *id, const char *list, char sep,
                         int64_t **ids, size_t *n_ids)
{
	sqlite3_stmt *tag = NULL, *link = NULL;
	size_t cap = 0;
	int ret = -1;
	if (ids) {
		*ids = NULL;
		*n_ids = 0;
	}
	if (store_prepare(st, "INSERT INTO tag(name) VALUES (?1) ON CONFLICT(name)"
	                      " DO UPDATE SET name = name RETURNING id", &tag) < 0 ||
	    store_prepare(st, "INSERT OR IGNORE INTO annotation_tag(annotation, tag)"
	                      " VALUES (?1, ?2)", &link) < 0)
		goto out;
	for (const char *p = list ? list : ""; *p;) {
		const char *e = strchr(p, sep);
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const char *s = p;
		size_t len = text_trim(&s, n);
		char *path = NULL;
		/* A path's levels trimmed; one with an empty level (which only
		 * an import brings: the others check first) is kept as it is. */
		int pr = store_tag_path(s, len, &path, NULL);
		p += n + (e ? 1 : 0);
		if (pr == -1)
			goto out;
		if (!len)
			continue;
		if (path)
			sqlite3_bind_text(tag, 1, path, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_text(tag, 1, s, (int)len, SQLITE_STATIC);
		free(path);
		if (sqlite3_step(tag) != SQLITE_ROW)
			goto out;
		int64_t t = sqlite3_column_int64(tag, 0);
		sqlite3_reset(tag);
		if (ids) {
			void *grown = util_grow(*ids, &cap, *n_ids, sizeof **ids);
			if (!grown)
				goto out;
			*ids = grown;
			(*ids)[(*n_ids)++] = t;
		}
		sqlite3_bind_text(link, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(link, 2, t);
		if (sqlite3_step(link) != SQLITE_DONE)
			goto out;
		sqlite3_reset(link);
	}
	ret = 0;
out:
	if (ret < 0 && ids) {
		free(*ids);
		*ids = NULL;
		*n_ids = 0;
	}
	sqlite3_finalize(tag);
	sqlite3_finalize(link);
	return ret;
}

/* ---- creating ------------------------------------------------------------------ */

int store_article_text(struct store *st, int64_t article, char **body, size_t *len, char hash[17])
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT body, text_hash FROM article WHERE id = ?1", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	int rc = sqlite3_step(s), found = 0;
	if (rc == SQLITE_ROW) {
		*len = (size_t)sqlite3_column_bytes(s, 0);
		*body = util_strndup((const char *)sqlite3_column_text(s, 0), *len);
		snprintf(hash, 17, "%s", (const char *)sqlite3_column_text(s, 1));
		found = *body ? 1 : -1;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? found : -1;
}

/* Insert one annotation row (inside a transaction); with `replace`, an
 * annotation with the same id is overwritten in place (not deleted and
 * inserted again), so the links that point at it and its own links stay. */
int store_annot_insert_row(struct store *st, bool replace, const char *id, int64_t article,
                           const char *quote, const char *prefix, const char *suffix,
                           int64_t made_start, int64_t made_end, const char *made_hash,
                           const struct anchor_result *at, const char *placed_hash,
                           const char *note, const char *color, const char *author,
                           const char *coder, const char *created, const char *updated)
{
	static const char insert_sql[] =
		"INSERT INTO annotation(id, article, quote, prefix, suffix,"
		" made_start, made_end, made_hash, start, end, status, score,"
		" placed_hash, note, color, author, created, updated, coder)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		" ?14, ?15, ?16, ?17, ?18, ?19)";
	static const char replace_sql[] =
		"INSERT INTO annotation(id, article, quote, prefix, suffix,"
		" made_start, made_end, made_hash, start, end, status, score,"
		" placed_hash, note, color, author, created, updated, coder)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		" ?14, ?15, ?16, ?17, ?18, ?19)"
		" ON CONFLICT(id) DO UPDATE SET article = excluded.article,"
		" quote = excluded.quote, prefix = excluded.prefix, suffix = excluded.suffix,"
		" made_start = excluded.made_start, made_end = excluded.made_end,"
		" made_hash = excluded.made_hash, start = excluded.start, end = excluded.end,"
		" status = excluded.status, score = excluded.score,"
		" placed_hash = excluded.placed_hash, note = excluded.note, color = excluded.color,"
		" author = excluded.author, created = excluded.created, updated = excluded.updated,"
		" coder = excluded.coder, deleted = NULL";
	sqlite3_stmt *s;
	if (store_prepare(st, replace ? replace_sql : insert_sql, &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, article);
	sqlite3_bind_text(s, 3, quote, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, prefix ? prefix : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, suffix ? suffix : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, made_start);
	sqlite3_bind_int64(s, 7, made_end);
	sqlite3_bind_text(s, 8, made_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 9, (int64_t)at->start);
	sqlite3_bind_int64(s, 10, (int64_t)at->end);
	sqlite3_bind_text(s, 11, anchor_status_name(at->status), -1, SQLITE_STATIC);
	sqlite3_bind_double(s, 12, at->score);
	sqlite3_bind_text(s, 13, placed_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 14, note ? note : "", -1, SQLITE_STATIC);
	if (color)
		sqlite3_bind_text(s, 15, color, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 15);
	sqlite3_bind_text(s, 16, author ? author : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 17, created, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 18, updated, -1, SQLITE_STATIC);
	if (coder)
		sqlite3_bind_text(s, 19, coder, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 19);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int mark_anchor(struct store *st, const char *id)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "UPDATE annotation SET anchor = 1 WHERE id = ?1", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* store_annot_create, or with `anchor` a bare anchor (a link's end). */
static int create(struct store *st, int64_t article, size_t start, size_t end,
                  const char *tags, const char *note, const char *author, bool anchor,
                  char **id, char **err)
{
	*id = NULL;
	*err = NULL;
	int bad = store_tags_check(tags, ',', err);
	if (bad < 0)
		return bad;
	char *body = NULL, *quote = NULL, *prefix = NULL, *suffix = NULL, hash[17], now[21];
	size_t len = 0;
	char uuid[46];
	int found = store_article_text(st, article, &body, &len, hash);
	if (found <= 0) {
		*err = found == 0 ? util_printf(_("no article %lld"), (long long)article)
		                  : util_printf(_("cannot read the library: %s"), store_errmsg(st));
		return found == 0 ? -2 : -1;
	}
	if (start >= end || anchor_capture(body, len, start, end, &quote, &prefix, &suffix) < 0) {
		*err = util_printf(_("%zu..%zu is not a span of article %lld (it has %zu characters)"),
		                   start, end, (long long)article, text_cp_count(body, len));
		free(body);
		return -2;
	}
	util_now_rfc3339(now);
	struct anchor_result at = { ANCHOR_EXACT, start, end, 1 };
	int ret = -1;
	if (store_annot_new_id(uuid) < 0) {
		*err = util_printf(_("no random numbers for an id: %s"), strerror(errno));
		goto out;
	}
	char *what = store_journal_quote(quote);
	char *summary = util_printf("annotated %s", what ? what : "");
	free(what);
	int begun = store_journal_begin(st, "annotate", summary ? summary : "annotated");
	free(summary);
	if (begun < 0 ||
	    store_annot_insert_row(st, false, uuid, article, quote, prefix, suffix, (int64_t)start, (int64_t)end,
	               hash, &at, hash, note, NULL, author, store_coder(st), now, now) < 0 ||
	    store_annot_set_tags(st, uuid, tags, ',', NULL, NULL) < 0 ||
	    (anchor && mark_anchor(st, uuid) < 0) || store_journal_commit(st) < 0) {
		*err = util_printf(_("cannot save the annotation: %s"), store_errmsg(st));
		store_journal_rollback(st);
		goto out;
	}
	*id = util_strdup(uuid);
	ret = *id ? 0 : -1;
out:
	free(body);
	free(quote);
	free(prefix);
	free(suffix);
	return ret;
}

int store_annot_create(struct store *st, int64_t article, size_t start, size_t end,
                       const char *tags, const char *note, const char *author,
                       char **id, char **err)
{
	return create(st, article, start, end, tags, note, author, false, id, err);
}

/* ---- re-anchoring ---------------------------------------------------------------- */

int store_annot_reanchor(struct store *st, int64_t article, const char *old_text,
                         size_t old_len, const char *new_text, size_t new_len,
                         const char *new_hash, struct store_annot_counts *counts)
{
	sqlite3_stmt *s = NULL, *u = NULL;
	int ret = -1;
	/* Read them all before writing: an update moves a row in the index
	 * the reading walks, and it would be met twice. */
	if (store_prepare(st, "SELECT id, quote, prefix, suffix, start, end FROM annotation"
	                      " WHERE article = ?1 AND deleted IS NULL ORDER BY id", &s) < 0 ||
	    store_prepare(st, "UPDATE annotation SET start = ?2, end = ?3, status = ?4,"
	                      " score = ?5, placed_hash = ?6 WHERE id = ?1", &u) < 0)
		goto out;
	sqlite3_bind_int64(s, 1, article);
	struct placed {
		char *id, *quote, *prefix, *suffix;
		size_t start, end;
	} *v = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		void *grown = util_grow(v, &cap, n, sizeof *v);
		if (!grown)
			break;
		v = grown;
		struct placed *p = &v[n++];
		p->id = store_column_dup(s, 0);
		p->quote = store_column_dup(s, 1);
		p->prefix = store_column_dup(s, 2);
		p->suffix = store_column_dup(s, 3);
		p->start = (size_t)sqlite3_column_int64(s, 4);
		p->end = (size_t)sqlite3_column_int64(s, 5);
		if (!p->id || !p->quote || !p->prefix || !p->suffix) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	for (size_t i = 0; rc == SQLITE_DONE && i < n; i++) {
		struct anchor_evidence ev = { v[i].quote, v[i].prefix, v[i].suffix, v[i].start, v[i].end };
		struct anchor_result r;
		if (anchor_locate(old_text, old_len, new_text, new_len, &ev, &r) < 0) {
			rc = SQLITE_NOMEM;
			break;
		}
		switch (r.status) {
		case ANCHOR_EXACT: counts->exact++; break;
		case ANCHOR_MOVED: counts->moved++; break;
		case ANCHOR_FUZZY: counts->fuzzy++; break;
		default: counts->orphan++; break;
		}
		/* An orphan keeps its last offsets: they say where it was. */
		sqlite3_bind_text(u, 1, v[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(u, 2, (int64_t)(r.status == ANCHOR_ORPHAN ? ev.start : r.start));
		sqlite3_bind_int64(u, 3, (int64_t)(r.status == ANCHOR_ORPHAN ? ev.end : r.end));
		sqlite3_bind_text(u, 4, anchor_status_name(r.status), -1, SQLITE_STATIC);
		sqlite3_bind_double(u, 5, r.score);
		sqlite3_bind_text(u, 6, new_hash, -1, SQLITE_STATIC);
		if (sqlite3_step(u) != SQLITE_DONE)
			rc = SQLITE_ERROR;
		sqlite3_reset(u);
	}
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].quote);
		free(v[i].prefix);
		free(v[i].suffix);
	}
	free(v);
	ret = rc == SQLITE_DONE ? 0 : -1;
out:
	sqlite3_finalize(s);
	sqlite3_finalize(u);
	return ret;
}

int store_annot_journal_begin(struct store *st, const char *kind, const char *what,
                              const char *id)
{
	sqlite3_stmt *s;
	char *quote = NULL;
	if (store_prepare(st, "SELECT quote FROM annotation WHERE id = ?1", &s) == 0) {
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			quote = store_journal_quote((const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
	}
	char *summary = util_printf("%s on %s", what, quote ? quote : "''");
	int rc = store_journal_begin(st, kind, summary ? summary : what);
	free(summary);
	free(quote);
	return rc;
}

int store_annot_set_deleted(struct store *st, const char *id, bool deleted, char **err)
{
	sqlite3_stmt *s;
	char now[21];
	*err = NULL;
	int may = store_annot_may_change(st, id, err);
	if (may < 0)
		return may;
	util_now_rfc3339(now);
	if (store_annot_journal_begin(st, deleted ? "delete" : "undelete",
	                  deleted ? "annotation deleted" : "annotation restored", id) < 0)
		goto fail;
	if (store_prepare(st, "UPDATE annotation SET deleted = ?2, updated = ?3 WHERE id = ?1", &s) < 0)
		goto fail;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if (deleted)
		sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 2);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE || store_journal_commit(st) < 0)
		goto fail;
	return 0;
fail:
	*err = util_printf(_("cannot save: %s"), store_errmsg(st));
	store_journal_rollback(st);
	return -1;
}

/* ---- drafts ---------------------------------------------------------------------- */

int store_annot_draft_save(struct store *st, int64_t article, size_t start, size_t end,
                           bool note, const char *text)
{
	sqlite3_stmt *s;
	char now[21];
	util_now_rfc3339(now);
	if (store_begin(st) < 0)
		return -1;
	/* Each coder's own draft: 'annotation/NAME' (in a shared library
	 * one person's half-typed annotation is not offered to another). */
	if (store_prepare(st, "INSERT OR REPLACE INTO draft(name, text, updated) VALUES ('annotation/' || ?7,"
	                      " json_object('article', ?1, 'start', ?2, 'end', ?3, 'text', ?4,"
	                      " 'what', ?6), ?5)",
	                  &s) < 0) {
		store_rollback(st);
		return -1;
	}
	sqlite3_bind_int64(s, 1, article);
	sqlite3_bind_int64(s, 2, (int64_t)start);
	sqlite3_bind_int64(s, 3, (int64_t)end);
	sqlite3_bind_text(s, 4, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, note ? "note" : "tags", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, store_coder(st), -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE || store_commit(st) < 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

int store_annot_draft_load(struct store *st, int64_t *article, size_t *start, size_t *end,
                           bool *note, char **text)
{
	sqlite3_stmt *s;
	*text = NULL;
	if (store_prepare(st, "SELECT json_extract(text, '$.article'), json_extract(text, '$.start'),"
	                      " json_extract(text, '$.end'), json_extract(text, '$.text'),"
	                      " json_extract(text, '$.what') IS 'note' FROM draft WHERE name IN ('annotation/' || ?1,"
	                      " 'annotation') AND json_valid(text) ORDER BY name = 'annotation' LIMIT 1", &s) < 0)
		return -1;
	/* 'annotation' alone: a draft kept before drafts were each coder's. */
	sqlite3_bind_text(s, 1, store_coder(st), -1, SQLITE_STATIC);
	int rc = sqlite3_step(s), found = 0;
	if (rc == SQLITE_ROW) {
		*article = sqlite3_column_int64(s, 0);
		*start = (size_t)sqlite3_column_int64(s, 1);
		*end = (size_t)sqlite3_column_int64(s, 2);
		*text = store_column_dup(s, 3);
		*note = sqlite3_column_int(s, 4) != 0;
		found = *text ? 1 : -1;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? found : -1;
}

int store_annot_draft_clear(struct store *st)
{
	if (store_begin(st) < 0)
		return -1;
	sqlite3_stmt *s;
	if (store_prepare(st, "DELETE FROM draft WHERE name IN ('annotation/' || ?1, 'annotation')",
	                  &s) < 0) {
		store_rollback(st);
		return -1;
	}
	sqlite3_bind_text(s, 1, store_coder(st), -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE || store_commit(st) < 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

/* Set the note or the colour of one annotation, and its modified time. */
static int set_field(struct store *st, const char *id, bool color, const char *value,
                     char **err)
{
	sqlite3_stmt *s;
	char now[21];
	*err = NULL;
	int may = store_annot_may_change(st, id, err);
	if (may < 0)
		return may;
	util_now_rfc3339(now);
	if (store_annot_journal_begin(st, color ? "colour" : "note",
	                  color ? "colour changed" : "note changed", id) < 0)
		goto fail;
	if (store_prepare(st, color ? "UPDATE annotation SET color = ?2, updated = ?3 WHERE id = ?1"
	                            : "UPDATE annotation SET note = ?2, updated = ?3 WHERE id = ?1",
	                  &s) < 0)
		goto fail;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if (value)
		sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE || store_journal_commit(st) < 0)
		goto fail;
	return 0;
fail:
	*err = util_printf(color ? _("cannot save the colour: %s") : _("cannot save the note: %s"),
	                   store_errmsg(st));
	store_journal_rollback(st);
	return -1;
}

int store_annot_set_note(struct store *st, const char *id, const char *note, char **err)
{
	return set_field(st, id, false, note, err);
}

int store_annot_set_color(struct store *st, const char *id, const char *color, char **err)
{
	return set_field(st, id, true, color, err);
}

/* ---- the codebook --------------------------------------------------------------- */

static int rename_branch(struct store *st, const char *from, const char *to, char **err);

int store_tags(struct store *st, char ***names, int64_t **counts, size_t *n)
{
	sqlite3_stmt *s;
	*names = NULL;
	*counts = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT t.name, count(a.id) FROM tag t LEFT JOIN annotation_tag x"
	                      " ON x.tag = t.id LEFT JOIN annotation a ON a.id = x.annotation"
	                      " AND a.deleted IS NULL GROUP BY t.id ORDER BY t.name", &s) < 0)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			char **nv = realloc(*names, cap * sizeof *nv);
			if (nv)
				*names = nv;
			int64_t *cv = realloc(*counts, cap * sizeof *cv);
			if (cv)
				*counts = cv;
			if (!nv || !cv)
				break;
		}
		if (!((*names)[*n] = store_column_dup(s, 0)))
			break;
		(*counts)[(*n)++] = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Whether `from` names a tag or a level above tags: 1, 0, -1. */
static int tag_branch_exists(struct store *st, const char *from)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT 1 FROM tag WHERE name = ?1"
	                      " OR substr(name, 1, length(?1) + 1) = ?1 || '/' LIMIT 1", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_tag_rename(struct store *st, const char *from, const char *given, char **err)
{
	*err = NULL;
	char *to = NULL;
	int pr = store_tag_path(given, strlen(given), &to, err);
	if (pr != 0) {
		if (pr == 1)
			*err = util_strdup(_("a tag needs a name"));
		return pr == -1 ? -1 : -2;
	}
	size_t fl = strlen(from);
	int there = tag_branch_exists(st, from);
	if (there <= 0 || strcmp(from, to) == 0 || (strncmp(to, from, fl) == 0 && to[fl] == '/')) {
		if (there < 0)
			*err = util_printf(_("cannot read the library: %s"), store_errmsg(st));
		else if (!there)
			*err = util_printf(_("there is no tag \xe2\x80\x9c%s\xe2\x80\x9d"), from);
		else if (strcmp(from, to) != 0)
			*err = util_printf(_("\xe2\x80\x9c%s\xe2\x80\x9d cannot move under itself"
			                     " (to \xe2\x80\x9c%s\xe2\x80\x9d)"), from, to);
		int same = strcmp(from, to) == 0;
		free(to);
		return there < 0 ? -1 : same && there ? 0 : -2;
	}
	int ret = rename_branch(st, from, to, err);
	free(to);
	return ret;
}

static int rename_branch(struct store *st, const char *from, const char *to, char **err)
{
	char *qf = store_journal_quote(from), *qt = store_journal_quote(to);
	char *summary = util_printf("tag %s renamed %s", qf ? qf : "", qt ? qt : "");
	free(qf);
	free(qt);
	int begun = store_journal_begin(st, "tag", summary ? summary : "tag renamed");
	free(summary);
	if (begun < 0)
		goto fail;
	/* The tag and its children ("a" -> "b" takes "a/x" to "b/x"); where the
	 * new name exists the annotations join it (a merge). */
	const char *steps[] = {
		"INSERT OR IGNORE INTO tag(name) SELECT ?2 || substr(name, length(?1) + 1) FROM tag"
		" WHERE name = ?1 OR substr(name, 1, length(?1) + 1) = ?1 || '/'",
		"INSERT OR IGNORE INTO annotation_tag(annotation, tag) SELECT x.annotation, n.id"
		" FROM annotation_tag x JOIN tag o ON o.id = x.tag JOIN tag n"
		" ON n.name = ?2 || substr(o.name, length(?1) + 1)"
		" WHERE o.name = ?1 OR substr(o.name, 1, length(?1) + 1) = ?1 || '/'",
		"DELETE FROM annotation_tag WHERE tag IN (SELECT id FROM tag WHERE"
		" (name = ?1 OR substr(name, 1, length(?1) + 1) = ?1 || '/') AND ?1 != ?2)",
		"DELETE FROM tag WHERE (name = ?1 OR substr(name, 1, length(?1) + 1) = ?1 || '/')"
		" AND ?1 != ?2",
	};
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		sqlite3_stmt *s;
		if (store_prepare(st, steps[i], &s) < 0)
			goto fail;
		sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
		int rc = sqlite3_step(s);
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			goto fail;
	}
	if (store_journal_commit(st) < 0)
		goto fail;
	return 0;
fail:
	*err = util_printf(_("cannot rename the tag: %s"), store_errmsg(st));
	store_journal_rollback(st);
	return -1;
}

int store_tag_delete(struct store *st, const char *name, int64_t *used, char **err)
{
	sqlite3_stmt *s = NULL;
	*err = NULL;
	*used = 0;
	char *summary = util_printf("deleted the tag \xe2\x80\x9c%s\xe2\x80\x9d", name);
	int begun = store_journal_begin(st, "tag delete", summary ? summary : "deleted a tag");
	free(summary);
	if (begun < 0)
		goto fail;
	if (store_prepare(st, "SELECT t.id, (SELECT count(*) FROM annotation_tag x JOIN annotation a"
	                      "  ON a.id = x.annotation WHERE x.tag = t.id AND a.deleted IS NULL)"
	                      " FROM tag t WHERE t.name = ?1", &s) < 0)
		goto fail;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	*used = rc == SQLITE_ROW ? sqlite3_column_int64(s, 1) : 0;
	sqlite3_finalize(s);
	s = NULL;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		goto fail;
	if (rc == SQLITE_DONE || *used) {
		store_journal_rollback(st);
		if (rc == SQLITE_DONE)
			*err = util_printf(_("there is no tag \xe2\x80\x9c%s\xe2\x80\x9d"), name);
		return rc == SQLITE_DONE ? -1 : 1;
	}
	/* Unused: only deleted annotations (tombstones) still name it. */
	const char *steps[] = { "DELETE FROM annotation_tag WHERE tag = ?1",
	                        "DELETE FROM tag WHERE id = ?1" };
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		if (store_prepare(st, steps[i], &s) < 0)
			goto fail;
		sqlite3_bind_int64(s, 1, id);
		rc = sqlite3_step(s);
		sqlite3_finalize(s);
		s = NULL;
		if (rc != SQLITE_DONE)
			goto fail;
	}
	if (store_journal_commit(st) < 0)
		goto fail;
	return 0;
fail:
	*err = util_printf(_("cannot delete the tag: %s"), store_errmsg(st));
	sqlite3_finalize(s);
	store_journal_rollback(st);
	return -1;
}

int store_annot_place(struct store *st, const char *id, bool place, size_t start, size_t end,
                      char **err)
{
	sqlite3_stmt *s = NULL;
	char *body = NULL, *quote = NULL, *prefix = NULL, *suffix = NULL, hash[17], now[21];
	size_t len = 0;
	int64_t article = 0;
	*err = NULL;
	util_now_rfc3339(now);
	if (store_annot_journal_begin(st, "place", place ? "placed again" : "placing accepted", id) < 0)
		goto fail;
	if (place) {
		if (store_prepare(st, "SELECT article FROM annotation WHERE id = ?1", &s) < 0)
			goto fail;
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			article = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
		s = NULL;
		if (store_article_text(st, article, &body, &len, hash) <= 0 || start >= end ||
		    anchor_capture(body, len, start, end, &quote, &prefix, &suffix) < 0) {
			*err = util_strdup(_("that is not a span of the annotation's article"));
			goto fail;
		}
		if (store_prepare(st, "UPDATE annotation SET start = ?2, end = ?3, quote = ?4,"
		                      " prefix = ?5, suffix = ?6, placed_hash = ?7, status = 'manual',"
		                      " score = 1, updated = ?8 WHERE id = ?1", &s) < 0)
			goto fail;
		sqlite3_bind_int64(s, 2, (int64_t)start);
		sqlite3_bind_int64(s, 3, (int64_t)end);
		sqlite3_bind_text(s, 4, quote, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, prefix, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, suffix, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 7, hash, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
	} else if (store_prepare(st, "UPDATE annotation SET status = 'manual', score = 1,"
	                             " updated = ?8 WHERE id = ?1 AND status = 'fuzzy'", &s) == 0) {
		sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
	} else {
		goto fail;
	}
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	s = NULL;
	if (rc != SQLITE_DONE || store_journal_commit(st) < 0)
		goto fail;
	free(body);
	free(quote);
	free(prefix);
	free(suffix);
	return 0;
fail:
	if (!*err)
		*err = util_printf(_("cannot place the annotation: %s"), store_errmsg(st));
	sqlite3_finalize(s);
	store_journal_rollback(st);
	free(body);
	free(quote);
	free(prefix);
	free(suffix);
	return -1;
}

/* ---- links --------------------------------------------------------------------------- */

int store_annot_at(struct store *st, int64_t article, size_t start, size_t end, char **id,
                   char **err)
{
	sqlite3_stmt *s;
	*id = NULL;
	*err = NULL;
	if (store_prepare(st, "SELECT id FROM annotation WHERE article = ?1 AND start = ?2"
	                      " AND end = ?3 AND deleted IS NULL ORDER BY anchor, created LIMIT 1", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	sqlite3_bind_int64(s, 2, (int64_t)start);
	sqlite3_bind_int64(s, 3, (int64_t)end);
	if (sqlite3_step(s) == SQLITE_ROW)
		*id = store_column_dup(s, 0);
	sqlite3_finalize(s);
	if (*id)
		return 0;
	int rc = create(st, article, start, end, NULL, NULL, store_coder(st), true, id, err);
	return rc < 0 ? -1 : 1;
}

int store_annot_link(struct store *st, const char *from, const char *to, const char *kind,
                     char **err)
{
	sqlite3_stmt *s;
	*err = NULL;
	if (strcmp(from, to) == 0) {
		*err = util_strdup(_("a passage cannot be linked to itself"));
		return -1;
	}
	int rc = SQLITE_ERROR;
	char *summary = util_printf("linked (%s)", kind);
	int begun = store_annot_journal_begin(st, "link", summary ? summary : "linked", from);
	free(summary);
	if (begun == 0 && store_prepare(st, "INSERT OR REPLACE INTO annotation_link(annotation, target, kind,"
	                      " coder) VALUES (?1, ?2, ?3, ?4)", &s) == 0) {
		sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, store_coder(st), -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		sqlite3_finalize(s);
	}
	if (rc != SQLITE_DONE || store_journal_commit(st) < 0) {
		*err = util_printf(_("cannot link: %s"), store_errmsg(st));
		store_journal_rollback(st);
		return -1;
	}
	return 0;
}
