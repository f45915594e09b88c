/*
 * store_annot_import.c: merging annotations from another copy of margo.
 *
 * Each W3C Web Annotation object is merged by id: a new one is added and
 * placed in this library's text of its article; an identical one is
 * skipped; a changed one keeps the newer version (by "modified") and
 * records the other as a conflict the user can see.  Importing the same
 * file twice changes nothing: a conflict already recorded is not recorded
 * again.
 *
 * Each line is parsed once, by one walk of SQLite's json_tree() over it,
 * so that memory stays within a few times the line however it is built.
 * Its links wait in a temporary table until every line of the file is in
 * (a target may come later), and so does the new id given to an
 * annotation whose id is not a UUID URN, which the links naming the old
 * id follow.
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "margo/lineread.h"
#include "margo/store_annot.h"
#include "margo/util.h"
#include "store_annot_impl.h"
#include "margo/store_journal.h"
#include "store_impl.h"
#include "margo/i18n.h"

/* The kinds of link margo knows. */
#define KNOWN_KINDS "('same claim', 'contradicts', 'follow-up')"

struct store_import {
	struct store *st;
	int64_t entry;            /* the journal's entry of this import, 0 before */
	size_t changed;           /* annotations added or taken */
};

/* An import is one entry of the journal (one undo takes it all back),
 * though each annotation is its own transaction: the first opens it,
 * the next go on with it, unless something else came in between. */
static int begin_entry(struct store_import *imp)
{
	if (imp->entry) {
		int rc = store_journal_resume(imp->st, imp->entry);
		if (rc <= 0)
			return rc;
	}
	if (store_journal_begin(imp->st, "import", "annotations imported") < 0)
		return -1;
	imp->entry = store_journal_open_entry(imp->st);
	return imp->entry < 0 ? -1 : 0;
}

/* "imported 12 annotations", in the entry open now. */
static int name_entry(struct store_import *imp, size_t links)
{
	char *summary = links ? util_printf("imported %zu annotation%s and %zu link%s", imp->changed,
	                                    imp->changed == 1 ? "" : "s", links, links == 1 ? "" : "s")
	                      : util_printf("imported %zu annotation%s", imp->changed,
	                                    imp->changed == 1 ? "" : "s");
	int rc = summary ? store_journal_set_summary(imp->st, summary) : -1;
	free(summary);
	return rc;
}

/* ---- ids ------------------------------------------------------------------------------ */

/* Whether `id` is a UUID URN as margo writes them: "urn:uuid:" and the
 * 8-4-4-4-12 lowercase hexadecimal form. */
static bool canonical_id(const char *id, size_t len)
{
	static const char prefix[] = "urn:uuid:";
	if (len != 9 + 36 || memcmp(id, prefix, 9) != 0)
		return false;
	for (size_t i = 0; i < 36; i++) {
		char c = id[9 + i];
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return false;
	}
	return true;
}

/*
 * The id given to an annotation whose own is not a UUID URN: made from
 * that id, its article and its creation time, so that importing the file
 * again finds it again (a UUID of version 8, RFC 9562's custom kind).
 */
static void derived_id(const struct incoming *in, char out[46])
{
	static const char sep = '\0';
	uint64_t h[2] = { UTIL_FNV1A_INIT, UTIL_FNV1A_INIT ^ 0x9e3779b97f4a7c15ULL };
	const int parts[] = { F_ID, F_SOURCE, F_TITLE, F_CREATED };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
			const char *v = in->f[parts[i]];
			if (v)
				h[k] = util_fnv1a_more(h[k], v, in->n[parts[i]]);
			h[k] = util_fnv1a_more(h[k], &sep, 1);
		}
	unsigned char r[16];
	for (int i = 0; i < 8; i++) {
		r[i] = (unsigned char)(h[0] >> (56 - 8 * i));
		r[8 + i] = (unsigned char)(h[1] >> (56 - 8 * i));
	}
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x80);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	snprintf(out, 46, "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	         "%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
	         r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]);
}

/* The id the annotation of line `line` is kept under: its own, or the one
 * given to its id earlier in this file, or a new one (remembered for the
 * links that name the old id).  A malloc'd string, NULL on an error. */
static char *final_id(struct store *st, const struct incoming *in, size_t line)
{
	if (canonical_id(in->f[F_ID], in->n[F_ID]))
		return util_strdup(in->f[F_ID]);
	sqlite3_stmt *s;
	char *id = NULL;
	if (store_prepare(st, "SELECT new FROM temp.import_id WHERE old = ?1", &s) < 0)
		return NULL;
	sqlite3_bind_text(s, 1, in->f[F_ID], (int)in->n[F_ID], SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		id = store_column_dup(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return id;
	char made[46];
	derived_id(in, made);
	if (store_prepare(st, "INSERT INTO temp.import_id(old, new, line) VALUES (?1, ?2, ?3)",
	                  &s) < 0)
		return NULL;
	sqlite3_bind_text(s, 1, in->f[F_ID], (int)in->n[F_ID], SQLITE_STATIC);
	sqlite3_bind_text(s, 2, made, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, (int64_t)line);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? util_strdup(made) : NULL;
}

/* ---- merging ---------------------------------------------------------------------------- */

/* The article an annotation is about: by URL, by margo's key (as an
 * older export wrote it), by the path of its file under the corpus folder
 * when one article only has it, else by a title that only one article
 * has. */
static int64_t find_article(struct store *st, const struct incoming *in)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT id FROM article WHERE url = ?1 OR 'margo:' || key = ?1"
	                      " UNION ALL SELECT max(id) FROM article"
	                      " WHERE substr(key, -length(?3)) = ?3 AND (length(key) = length(?3)"
	                      "  OR substr(key, -length(?3) - 1, 1) = '/') HAVING count(*) = 1"
	                      " UNION ALL SELECT id FROM (SELECT id FROM article WHERE title = ?2"
	                      " LIMIT 2) WHERE (SELECT count(*) FROM article WHERE title = ?2) = 1"
	                      " LIMIT 1", &s) < 0)
		return -1;
	if (in->f[F_SOURCE])
		sqlite3_bind_text(s, 1, in->f[F_SOURCE], -1, SQLITE_STATIC);
	if (in->f[F_TITLE])
		sqlite3_bind_text(s, 2, in->f[F_TITLE], -1, SQLITE_STATIC);
	/* "margo:" and a path under the corpus folder: the one article whose
	 * file (wherever this library loaded it from) ends with that path. */
	const char *src = in->f[F_SOURCE];
	if (src && strncmp(src, "margo:", 6) == 0 && src[6] && src[6] != '/')
		sqlite3_bind_text(s, 3, src + 6, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : rc == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(s);
	return id;
}

/* Our version of annotation `id`: its "modified" and a fingerprint of what
 * a user wrote (quote, context, tags, note, colour, author, coder). 1 found. */
static const char ours_sql[] =
	"SELECT a.updated, json_array(a.quote, a.prefix, a.suffix, a.note, a.color, a.author,"
	" a.coder, (SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM annotation_tag x"
	"  JOIN tag t ON t.id = x.tag WHERE x.annotation = a.id ORDER BY t.name)))"
	" FROM annotation a WHERE a.id = ?1";

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The tags joined by char(31), in the order given or sorted; NULL with
 * *none when there are none; NULL alone when memory runs out. */
static char *join_tags(const struct incoming *in, bool sorted, bool *none)
{
	*none = in->n_tags == 0;
	if (*none)
		return NULL;
	char **v = malloc(in->n_tags * sizeof *v);
	struct buf b = { 0 };
	if (!v)
		return NULL;
	memcpy(v, in->tags, in->n_tags * sizeof *v);
	if (sorted)
		qsort(v, in->n_tags, sizeof *v, by_name);
	int rc = 0;
	for (size_t i = 0; i < in->n_tags && rc == 0; i++)
		rc = (i ? buf_putc(&b, '\x1f') : 0) < 0 || buf_puts(&b, v[i]) < 0 ? -1 : 0;
	free(v);
	if (rc < 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

static int fingerprints(struct store *st, const struct incoming *in, const char *id,
                        char **updated, char **ours, char **theirs)
{
	sqlite3_stmt *s;
	*updated = *ours = *theirs = NULL;
	if (store_prepare(st, ours_sql, &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*updated = store_column_dup(s, 0);
		*ours = store_column_dup(s, 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : -1;
	bool none;
	char *tags = join_tags(in, true, &none);
	if ((!tags && !none) || store_prepare(st, "SELECT json_array(?1, ?2, ?3, ?4, ?5, ?6, ?8, ?7)",
	                                      &s) < 0) {
		free(tags);
		return -1;
	}
	const int fields[] = { F_EXACT, F_PREFIX, F_SUFFIX, F_NOTE, F_COLOR, F_CREATOR };
	for (int i = 0; i < 6; i++) {
		const char *v = in->f[fields[i]];
		if (!v && fields[i] != F_COLOR)
			v = "";
		if (v)
			sqlite3_bind_text(s, i + 1, v, -1, SQLITE_STATIC);
	}
	if (tags)
		sqlite3_bind_text(s, 7, tags, -1, SQLITE_STATIC);
	if (in->f[F_CODER])
		sqlite3_bind_text(s, 8, in->f[F_CODER], -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		*theirs = store_column_dup(s, 0);
	sqlite3_finalize(s);
	free(tags);
	return *theirs && *updated && *ours ? 1 : -1;
}

/* Record the version not kept, `len` bytes of JSON (idempotent). */
static int record_conflict(struct store *st, const char *id, const char *other, size_t len)
{
	sqlite3_stmt *s;
	char now[21];
	util_now_rfc3339(now);
	if (store_prepare(st, "INSERT OR IGNORE INTO annotation_conflict(annotation, other, created)"
	                      " VALUES (?1, json_remove(json(?2), '$.margo.conflicts'), ?3)", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, other, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Our annotation `id` as its W3C JSON (for the conflict record). */
static char *our_json(struct store *st, const char *id)
{
	char *json = NULL;
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT " ANNOT_MINE_W3C " FROM annotation a WHERE a.id = ?1",
	                  &s) == 0) {
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			json = store_column_dup(s, 0);
		sqlite3_finalize(s);
	}
	return json;
}

/* Place and insert (or replace) the incoming annotation. */
int annot_write_incoming(struct store *st, const struct incoming *in, const char *id,
                          int64_t article, bool replace)
{
	char *body = NULL, hash[17];
	size_t len = 0;
	if (store_article_text(st, article, &body, &len, hash) <= 0)
		return -1;
	/* Placed in this library's text: the offsets if they hold the quote
	 * here, else found by quote and context. */
	struct anchor_evidence ev = {
		in->f[F_EXACT], in->f[F_PREFIX] ? in->f[F_PREFIX] : "",
		in->f[F_SUFFIX] ? in->f[F_SUFFIX] : "",
		(size_t)(in->has_position ? in->start : 0), (size_t)(in->has_position ? in->end : 0),
	};
	struct anchor_result at;
	int rc = anchor_locate(NULL, 0, body, len, &ev, &at);
	free(body);
	if (rc < 0)
		return -1;
	char now[21];
	util_now_rfc3339(now);
	const char *made_hash = in->f[F_MADE_TEXT] ? in->f[F_MADE_TEXT] : hash;
	if (replace) {
		/* Theirs brings its own tags.  The row itself is overwritten in
		 * place: deleting it would break the links that point at it. */
		sqlite3_stmt *d;
		if (store_prepare(st, "DELETE FROM annotation_tag WHERE annotation = ?1", &d) < 0)
			return -1;
		sqlite3_bind_text(d, 1, id, -1, SQLITE_STATIC);
		rc = sqlite3_step(d);
		sqlite3_finalize(d);
		if (rc != SQLITE_DONE)
			return -1;
	}
	if (store_annot_insert_row(st, replace, id, article, in->f[F_EXACT], ev.prefix, ev.suffix,
	                           in->made_start, in->made_end, made_hash, &at, hash,
	                           in->f[F_NOTE], in->f[F_COLOR], in->f[F_CREATOR], in->f[F_CODER],
	                           in->f[F_CREATED] ? in->f[F_CREATED] : now,
	                           in->f[F_MODIFIED] ? in->f[F_MODIFIED] : now) < 0)
		return -1;
	bool none;
	char *tags = join_tags(in, false, &none);
	if (!tags && !none)
		return -1;
	rc = store_annot_set_tags(st, id, tags, '\x1f', NULL, NULL);
	free(tags);
	return rc;
}

int annot_repair_fields(struct incoming *in)
{
	const int fields[] = { F_CREATED, F_MODIFIED, F_CREATOR, F_SOURCE, F_NOTE, F_COLOR,
	                       F_MADE_TEXT, F_TITLE, F_EXACT, F_PREFIX, F_SUFFIX, F_CODER };
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		if (annot_repair(in, &in->f[fields[i]], &in->n[fields[i]]) < 0)
			return -1;
	return 0;
}

/* The versions not kept that an annotation carries from the library it
 * was exported from ("margo": {"conflicts": [...]}), recorded here too
 * (idempotent), so that an export and its import keep them. */
static int carried_conflicts(struct store *st, const char *id, const char *json, size_t len)
{
	sqlite3_stmt *s;
	char now[21];
	util_now_rfc3339(now);
	if (store_prepare(st, "INSERT OR IGNORE INTO annotation_conflict(annotation, other, created)"
	                      " SELECT ?1, json_remove(json(value), '$.margo.conflicts'), ?3"
	                      " FROM json_each(?2, '$.margo.conflicts')"
	                      " WHERE json_type(?2, '$.margo.conflicts') = 'array' AND type = 'object'",
	                  &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, json, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Keep the links of an annotation taken, for store_import_links(). */
static int keep_links(struct store *st, const struct incoming *in, const char *id)
{
	sqlite3_stmt *s;
	if (!in->n_links)
		return 0;
	if (store_prepare(st, "INSERT INTO temp.import_link(source, target, kind) VALUES (?1, ?2, ?3)",
	                  &s) < 0)
		return -1;
	int rc = SQLITE_DONE;
	for (size_t i = 0; i < in->n_links && rc == SQLITE_DONE; i++) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, in->links[i].target, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, in->links[i].kind, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- a file --------------------------------------------------------------------------- */

static int exec(struct store *st, const char *sql)
{
	return sqlite3_exec(store_db(st), sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int store_import_open(struct store *st, struct store_import **imp)
{
	*imp = NULL;
	if (exec(st, "CREATE TEMP TABLE IF NOT EXISTS import_id(old TEXT PRIMARY KEY,"
	             " new TEXT NOT NULL, line INTEGER NOT NULL);"
	             "CREATE TEMP TABLE IF NOT EXISTS import_link(source TEXT NOT NULL,"
	             " target TEXT, kind TEXT);"
	             "DELETE FROM temp.import_id; DELETE FROM temp.import_link") < 0)
		return -1;
	if (!(*imp = calloc(1, sizeof **imp)))
		return -1;
	(*imp)->st = st;
	return 0;
}

void store_import_close(struct store_import **imp)
{
	if (!*imp)
		return;
	exec((*imp)->st, "DROP TABLE IF EXISTS temp.import_id; DROP TABLE IF EXISTS temp.import_link");
	free(*imp);
	*imp = NULL;
}

/* Why an annotation has no article here, and what to do: add the file
 * its source names (the path under the corpus folder, or its address). */
static char *missing_article(const struct incoming *in)
{
	const char *who = canonical_id(in->f[F_ID], in->n[F_ID]) ? in->f[F_ID] : "an annotation";
	const char *src = in->f[F_SOURCE];
	if (!src || !*src)
		return util_printf(_("%s: its article is not in this library, and it names no source "
		                   "(target.source) to find it by; add the article with \"margo add "
		                   "PATH\", then import again"), who);
	if (strncmp(src, "margo:", 6) == 0)
		return util_printf(_("%s: its article (%s) is not in this library; add it with \"margo "
		                   "add %s%s\" (from your copy of the corpus), then import again"), who,
		                   src, src[6] == '/' ? "" : "FOLDER/", src + 6);
	return util_printf(_("%s: its article (%s) is not in this library; add the file that holds "
	                   "it with \"margo add PATH\", then import again"), who, src);
}

int store_import_line(struct store_import *imp, size_t line, const char *json, size_t len,
                      enum store_import_result *result, char **err, char **warn)
{
	struct store *st = imp->st;
	struct incoming in;
	char *updated = NULL, *ours = NULL, *theirs = NULL, *mine = NULL, *id = NULL;
	char *fixed = NULL;
	size_t repaired_bytes = 0;
	*err = *warn = NULL;
	*result = STORE_IMPORT_SKIPPED;
	memset(&in, 0, sizeof in);
	if (len > INT_MAX) {  /* SQLite takes int lengths */
		*err = util_strdup(_("longer than 2 GiB"));
		return 0;
	}
	if (memchr(json, '\0', len)) {
		*err = util_strdup(_("it holds a NUL byte: not JSON text"));
		return 0;
	}
	/* Stray bytes and "\u0000" (which SQLite would cut the string at):
	 * each becomes U+FFFD before anything reads the line, so that every
	 * field and a conflict record are whole text. */
	if (!utf8_clean(json, len)) {
		if (!(fixed = utf8_repair(json, len, &len, &repaired_bytes)))
			return -1;
		json = fixed;
	}
	size_t nuls = json_nul_escapes(json, len, NULL);
	if (nuls) {
		if (!fixed && !(fixed = util_strndup(json, len)))
			return -1;
		json_nul_escapes(fixed, len, fixed);
		json = fixed;
		repaired_bytes += nuls;
	}
	int ret = -1;
	int parsed = annot_parse(st, json, len, &in);
	if (parsed < 0)
		goto out;
	in.repaired += repaired_bytes;
	ret = 0;
	if (!parsed || !in.object) {
		*err = util_strdup("not a JSON object");
		goto out;
	}
	if (!in.f[F_ID] || !in.f[F_EXACT] || !*in.f[F_EXACT]) {
		*err = util_strdup(_("not an annotation: it needs an \"id\" and a TextQuoteSelector"));
		goto out;
	}
	/* What is not text (a "\ud800" escape) becomes U+FFFD: kept, said.
	 * A quote so changed is placed by its context, or is an orphan. */
	ret = -1;
	if (annot_repair_fields(&in) < 0)
		goto out;
	ret = 0;
	int64_t article = find_article(st, &in);
	if (article <= 0) {
		ret = article < 0 ? -1 : 0;
		if (article == 0 && !(*err = missing_article(&in)))
			ret = -1;
		goto out;
	}
	ret = -1;
	if (begin_entry(imp) < 0)
		goto out;
	if (!(id = final_id(st, &in, line)))
		goto fail;
	int known = fingerprints(st, &in, id, &updated, &ours, &theirs);
	if (known < 0)
		goto fail;
	if (known == 0) {
		if (annot_write_incoming(st, &in, id, article, false) < 0)
			goto fail;
		*result = STORE_IMPORT_ADDED;
	} else if (strcmp(ours, theirs) == 0) {
		*result = STORE_IMPORT_SAME;
	} else if (in.f[F_MODIFIED] && strcmp(in.f[F_MODIFIED], updated) > 0) {
		/* Theirs is newer: taken; ours becomes the conflict. */
		if (!(mine = our_json(st, id)) || record_conflict(st, id, mine, strlen(mine)) < 0 ||
		    annot_write_incoming(st, &in, id, article, true) < 0)
			goto fail;
		*result = STORE_IMPORT_UPDATED;
	} else {
		if (record_conflict(st, id, json, len) < 0)
			goto fail;
		*result = STORE_IMPORT_CONFLICT;
	}
	if (*result == STORE_IMPORT_ADDED || *result == STORE_IMPORT_UPDATED)
		imp->changed++;
	if (keep_links(st, &in, id) < 0 || carried_conflicts(st, id, json, len) < 0 ||
	    name_entry(imp, 0) < 0 || store_journal_commit(st) < 0) {
		if (*result == STORE_IMPORT_ADDED || *result == STORE_IMPORT_UPDATED)
			imp->changed--;
		goto fail;
	}
	if (in.repaired &&
	    !(*warn = util_printf(ngettext("%zu character that was not valid UTF-8 (a stray byte, a lone "
	                                   "surrogate such as \\ud800, or a NUL, \\u0000) replaced with U+FFFD",
	                                   "%zu characters that were not valid UTF-8 (a stray byte, a lone "
	                                   "surrogate such as \\ud800, or a NUL, \\u0000) replaced with U+FFFD",
	                                   in.repaired), in.repaired)))
		goto out_oom;
	ret = 0;
	goto out;
fail:
	store_journal_rollback(st);
	*result = STORE_IMPORT_SKIPPED;
	goto out;
out_oom:
	ret = -1;
out:
	free(updated);
	free(ours);
	free(theirs);
	free(mine);
	free(id);
	free(fixed);
	annot_incoming_free(&in);
	return ret;
}

size_t store_import_renamed(struct store_import *imp, size_t *first_line)
{
	sqlite3_stmt *s;
	size_t n = 0;
	*first_line = 0;
	if (store_prepare(imp->st, "SELECT count(*), min(line) FROM temp.import_id", &s) < 0)
		return 0;
	if (sqlite3_step(s) == SQLITE_ROW) {
		n = (size_t)sqlite3_column_int64(s, 0);
		*first_line = (size_t)sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return n;
}

/* A link's target as this file names it, or the id given in its place. */
#define TARGET "coalesce((SELECT new FROM temp.import_id WHERE old = l.target), l.target)"

int store_import_links(struct store_import *imp, size_t *added, size_t *unplaced)
{
	struct store *st = imp->st;
	sqlite3_stmt *s;
	*added = *unplaced = 0;
	if (begin_entry(imp) < 0)
		return -1;
	/* The links that cannot be made: an unknown kind or a missing end. */
	if (store_prepare(st, "SELECT count(*) FROM temp.import_link l WHERE l.kind IS NULL"
	                      " OR l.kind NOT IN " KNOWN_KINDS " OR NOT EXISTS"
	                      " (SELECT 1 FROM annotation WHERE id = " TARGET ")", &s) < 0)
		goto fail;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*unplaced = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		goto fail;
	/* Only links between annotations this library has, of a known kind;
	 * a link it has already (of any kind) is kept as it is.  A link comes
	 * with its annotation: it has that annotation's coder. */
	if (store_prepare(st, "INSERT OR IGNORE INTO annotation_link(annotation, target, kind, coder)"
	                      " SELECT a.id, t.id, l.kind, a.coder FROM temp.import_link l"
	                      " JOIN annotation a ON a.id = l.source"
	                      " JOIN annotation t ON t.id = " TARGET
	                      " WHERE l.kind IN " KNOWN_KINDS " AND t.id != a.id", &s) < 0)
		goto fail;
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto fail;
	*added = (size_t)sqlite3_changes(store_db(st));
	if (*added && name_entry(imp, *added) < 0)
		goto fail;
	if (store_journal_commit(st) < 0)
		goto fail;
	return 0;
fail:
	store_journal_rollback(st);
	return -1;
}

/* ---- a JSON document ------------------------------------------------------------------ */

int store_import_form(struct store *st, const char *json, size_t len,
                      enum store_import_form *form)
{
	sqlite3_stmt *s;
	*form = STORE_IMPORT_NOT_JSON;
	if (len > INT_MAX)
		return 0;
	if (store_prepare(st, "SELECT CASE WHEN NOT json_valid(?1) THEN 0"
	                      " WHEN json_type(?1) = 'array' THEN 2"
	                      " WHEN json_type(?1) != 'object' THEN 0"
	                      " WHEN json_type(?1, '$.type') = 'text' AND"
	                      "  json_extract(?1, '$.type') = 'AnnotationPage' THEN 3"
	                      " WHEN json_type(?1, '$.type') = 'text' AND"
	                      "  json_extract(?1, '$.type') = 'AnnotationCollection' THEN 4"
	                      " ELSE 1 END", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, json, (int)len, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*form = (enum store_import_form)sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

int store_import_items(struct store *st, const char *json, size_t len,
                       enum store_import_form form, store_import_item_fn fn, void *ctx)
{
	if (form == STORE_IMPORT_NOT_JSON)
		return 0;
	if (form == STORE_IMPORT_ONE)
		return fn(ctx, 1, json, len);
	const char *path = form == STORE_IMPORT_ARRAY ? "$"
	                 : form == STORE_IMPORT_PAGE  ? "$.items"
	                                              : "$.first.items";
	sqlite3_stmt *s;
	/* An object or an array is given as its JSON text; anything else
	 * (a number, a string) as JSON too, so that it is told apart. */
	if (store_prepare(st, "SELECT CASE WHEN type IN ('object', 'array') THEN value"
	                      " ELSE json_quote(value) END FROM json_each(?1, ?2)"
	                      " WHERE json_type(?1, ?2) = 'array' ORDER BY key", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, json, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, path, -1, SQLITE_STATIC);
	int rc, ret = 0;
	size_t n = 0;
	while (ret == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(s, 0);
		size_t ilen = (size_t)sqlite3_column_bytes(s, 0);
		ret = fn(ctx, ++n, item ? item : "null", item ? ilen : 4);
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = -1;
	sqlite3_finalize(s);
	return ret;
}
