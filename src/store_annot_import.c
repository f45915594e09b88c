/*
 * store_annot_import.c: merging annotations from another copy of margo.
 *
 * Each W3C Web Annotation object is merged by id: a new one is added and
 * placed in this library's text of its article; an identical one is
 * skipped; a changed one keeps the newer version (by "modified") and
 * records the other as a conflict the user can see.  Importing the same
 * file twice changes nothing: a conflict already recorded is not recorded
 * again.  The JSON is read with SQLite's JSON functions.
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "margo/store_annot.h"
#include "margo/util.h"
#include "store_impl.h"

/*
 * An element of a json_each() array, when it is an object, else NULL.
 * json_each() gives a string element as SQL text, which json_extract()
 * would parse as JSON and fail on ("body": "x", "selector": ["x"]): an
 * error for the whole import.  A CASE, not a WHERE term, because SQLite
 * may evaluate WHERE terms in any order.
 */
#define ELEMENT "CASE WHEN type = 'object' THEN value END"
#define LINK "CASE WHEN l.type = 'object' THEN l.value END"

/* The fields of an incoming annotation. */
enum {
	F_VALID, F_ID, F_CREATED, F_MODIFIED, F_CREATOR, F_SOURCE, F_EXACT, F_PREFIX,
	F_SUFFIX, F_START, F_END, F_TAGS, F_NOTE, F_COLOR, F_MADE_START, F_MADE_END,
	F_MADE_TEXT, F_TITLE, F_COUNT
};

static const char parse_sql[] =
	"SELECT json_valid(?1) AND json_type(?1) = 'object',"
	" json_extract(?1, '$.id'), json_extract(?1, '$.created'),"
	" json_extract(?1, '$.modified'), json_extract(?1, '$.creator'),"
	" json_extract(?1, '$.target.source'),"
	" (SELECT json_extract(" ELEMENT ", '$.exact') FROM json_each(?1, '$.target.selector')"
	"   WHERE json_extract(" ELEMENT ", '$.type') = 'TextQuoteSelector'),"
	" (SELECT json_extract(" ELEMENT ", '$.prefix') FROM json_each(?1, '$.target.selector')"
	"   WHERE json_extract(" ELEMENT ", '$.type') = 'TextQuoteSelector'),"
	" (SELECT json_extract(" ELEMENT ", '$.suffix') FROM json_each(?1, '$.target.selector')"
	"   WHERE json_extract(" ELEMENT ", '$.type') = 'TextQuoteSelector'),"
	" (SELECT json_extract(" ELEMENT ", '$.start') FROM json_each(?1, '$.target.selector')"
	"   WHERE json_extract(" ELEMENT ", '$.type') = 'TextPositionSelector'),"
	" (SELECT json_extract(" ELEMENT ", '$.end') FROM json_each(?1, '$.target.selector')"
	"   WHERE json_extract(" ELEMENT ", '$.type') = 'TextPositionSelector'),"
	" (SELECT group_concat(json_extract(" ELEMENT ", '$.value'), char(31)) FROM"
	"   json_each(?1, '$.body') WHERE json_extract(" ELEMENT ", '$.purpose') = 'tagging'),"
	" (SELECT json_extract(" ELEMENT ", '$.value') FROM json_each(?1, '$.body')"
	"   WHERE json_extract(" ELEMENT ", '$.purpose') = 'commenting'),"
	" json_extract(?1, '$.margo.color'), json_extract(?1, '$.margo.made.start'),"
	" json_extract(?1, '$.margo.made.end'), json_extract(?1, '$.margo.made.text'),"
	" json_extract(?1, '$.margo.title')";

struct incoming {
	char *f[F_COUNT];
	int64_t start, end, made_start, made_end;
	bool has_position;
	bool bad_text;     /* a field is not well-formed UTF-8 */
};

static void incoming_free(struct incoming *in)
{
	for (int i = 0; i < F_COUNT; i++)
		free(in->f[i]);
}

static int parse(struct store *st, const char *json, size_t len, struct incoming *in)
{
	sqlite3_stmt *s;
	int64_t valid = 0;
	memset(in, 0, sizeof *in);
	/* JSON functions fail on malformed text: ask first. */
	if (store_prepare(st, "SELECT json_valid(?1)", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, json, (int)len, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		valid = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (!valid)
		return 0;
	if (store_prepare(st, parse_sql, &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, json, (int)len, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_int(s, F_VALID)) {
		/* JSON may carry stray bytes, and "\ud800" escapes that
		 * json_extract() turns into surrogates: neither is text. */
		for (int i = 1; i < F_COUNT; i++) {
			in->f[i] = store_column_dup(s, i);
			if (in->f[i] && u8_check((const uint8_t *)in->f[i], strlen(in->f[i])))
				in->bad_text = true;
		}
		in->has_position = sqlite3_column_type(s, F_START) == SQLITE_INTEGER &&
		                   sqlite3_column_type(s, F_END) == SQLITE_INTEGER;
		in->start = sqlite3_column_int64(s, F_START);
		in->end = sqlite3_column_int64(s, F_END);
		in->made_start = sqlite3_column_type(s, F_MADE_START) == SQLITE_INTEGER
		               ? sqlite3_column_int64(s, F_MADE_START) : in->start;
		in->made_end = sqlite3_column_type(s, F_MADE_END) == SQLITE_INTEGER
		             ? sqlite3_column_int64(s, F_MADE_END) : in->end;
		in->f[F_VALID] = util_strdup("1");
		if (u8_check((const uint8_t *)json, len))
			in->bad_text = true;  /* kept whole in a conflict record */
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* The article an annotation is about: by URL, by margo's key, else by a
 * title that only one article has. */
static int64_t find_article(struct store *st, const struct incoming *in)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT id FROM article WHERE url = ?1 OR 'margo:' || key = ?1"
	                      " UNION ALL SELECT id FROM (SELECT id FROM article WHERE title = ?2"
	                      " LIMIT 2) WHERE (SELECT count(*) FROM article WHERE title = ?2) = 1"
	                      " LIMIT 1", &s) < 0)
		return -1;
	if (in->f[F_SOURCE])
		sqlite3_bind_text(s, 1, in->f[F_SOURCE], -1, SQLITE_STATIC);
	if (in->f[F_TITLE])
		sqlite3_bind_text(s, 2, in->f[F_TITLE], -1, SQLITE_STATIC);
	int64_t id = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return id;
}

/* Our version of annotation `id`: its "modified" and a fingerprint of what
 * a user wrote (quote, context, tags, note, colour, author). 1 found. */
static const char ours_sql[] =
	"SELECT a.updated, json_array(a.quote, a.prefix, a.suffix, a.note, a.color, a.author,"
	" (SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM annotation_tag x"
	"  JOIN tag t ON t.id = x.tag WHERE x.annotation = a.id ORDER BY t.name)))"
	" FROM annotation a WHERE a.id = ?1";

/* The same fingerprint of an incoming one (tags sorted the same way). */
static const char theirs_sql[] =
	"SELECT json_array(?1, ?2, ?3, ?4, ?5, ?6, (SELECT group_concat(v, char(31)) FROM"
	" (SELECT value AS v FROM json_each(json_array(?7)) WHERE 0"
	"  UNION ALL SELECT json_extract(" ELEMENT ", '$.value') FROM json_each(?8, '$.body')"
	"  WHERE json_extract(" ELEMENT ", '$.purpose') = 'tagging' ORDER BY 1)))";

static int fingerprints(struct store *st, const struct incoming *in, const char *json,
                        size_t len, char **updated, char **ours, char **theirs)
{
	sqlite3_stmt *s;
	*updated = *ours = *theirs = NULL;
	if (store_prepare(st, ours_sql, &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, in->f[F_ID], -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*updated = store_column_dup(s, 0);
		*ours = store_column_dup(s, 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : -1;
	if (store_prepare(st, theirs_sql, &s) < 0)
		return -1;
	const int fields[] = { F_EXACT, F_PREFIX, F_SUFFIX, F_NOTE, F_COLOR, F_CREATOR };
	for (int i = 0; i < 6; i++) {
		const char *v = in->f[fields[i]];
		if (!v && fields[i] != F_COLOR)
			v = "";
		if (v)
			sqlite3_bind_text(s, i + 1, v, -1, SQLITE_STATIC);
	}
	sqlite3_bind_text(s, 8, json, (int)len, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		*theirs = store_column_dup(s, 0);
	sqlite3_finalize(s);
	return *theirs && *updated && *ours ? 1 : -1;
}

/* Record the version not kept, `len` bytes of JSON (idempotent). */
static int record_conflict(struct store *st, const char *id, const char *other, size_t len)
{
	sqlite3_stmt *s;
	char now[21];
	util_now_rfc3339(now);
	if (store_prepare(st, "INSERT OR IGNORE INTO annotation_conflict(annotation, other, created)"
	                      " VALUES (?1, json(?2), ?3)", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, other, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Our annotation `id` as its JSON (for the conflict record). */
static char *our_json(struct store *st, const char *id)
{
	char *json = NULL;
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT json_object('id', a.id, 'modified', a.updated, 'quote', a.quote,"
	                      " 'note', a.note, 'color', a.color, 'author', a.author, 'tags',"
	                      " (SELECT json_group_array(t.name) FROM annotation_tag x JOIN tag t"
	                      "  ON t.id = x.tag WHERE x.annotation = a.id))"
	                      " FROM annotation a WHERE a.id = ?1", &s) == 0) {
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			json = store_column_dup(s, 0);
		sqlite3_finalize(s);
	}
	return json;
}

/* Place and insert (or replace) the incoming annotation. */
static int write_incoming(struct store *st, const struct incoming *in, int64_t article,
                          bool replace)
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
		sqlite3_bind_text(d, 1, in->f[F_ID], -1, SQLITE_STATIC);
		rc = sqlite3_step(d);
		sqlite3_finalize(d);
		if (rc != SQLITE_DONE)
			return -1;
	}
	if (store_annot_insert_row(st, replace, in->f[F_ID], article, in->f[F_EXACT], ev.prefix, ev.suffix,
	                           in->made_start, in->made_end, made_hash, &at, hash,
	                           in->f[F_NOTE], in->f[F_COLOR], in->f[F_CREATOR],
	                           in->f[F_CREATED] ? in->f[F_CREATED] : now,
	                           in->f[F_MODIFIED] ? in->f[F_MODIFIED] : now) < 0)
		return -1;
	return store_annot_set_tags(st, in->f[F_ID], in->f[F_TAGS], '\x1f');
}

int store_annot_import_links(struct store *st, const char *json, size_t len, size_t *added,
                             size_t *unplaced)
{
	sqlite3_stmt *s;
	if (len > INT_MAX)
		return 0;  /* never imported (store_annot_import skips it) */
	/* The links that cannot be made: an unknown kind or a missing end. */
	if (store_prepare(st, "SELECT count(*) FROM json_each(?1, '$.margo.links') l"
	                      " WHERE json_valid(?1) AND (json_extract(" LINK ", '$.kind')"
	                      "  NOT IN ('same claim', 'contradicts', 'follow-up') OR NOT EXISTS"
	                      "  (SELECT 1 FROM annotation WHERE id = json_extract(" LINK ", '$.target')))",
	                  &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, json, (int)len, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		*unplaced += (size_t)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	/* Only links between annotations this library has, of a known kind;
	 * a link it has already (of any kind) is kept as it is. */
	if (store_prepare(st, "INSERT OR IGNORE INTO annotation_link(annotation, target, kind)"
	                      " SELECT a.id, t.id, json_extract(" LINK ", '$.kind')"
	                      " FROM json_each(?1, '$.margo.links') l"
	                      " JOIN annotation a ON a.id = json_extract(?1, '$.id')"
	                      " JOIN annotation t ON t.id = json_extract(" LINK ", '$.target')"
	                      " WHERE json_valid(?1) AND json_extract(" LINK ", '$.kind')"
	                      "  IN ('same claim', 'contradicts', 'follow-up') AND t.id != a.id",
	                  &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, json, (int)len, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return -1;
	*added += (size_t)sqlite3_changes(store_db(st));
	return 0;
}

int store_annot_import(struct store *st, const char *json, size_t len,
                       enum store_import_result *result, char **err)
{
	struct incoming in;
	char *updated = NULL, *ours = NULL, *theirs = NULL, *mine = NULL;
	*err = NULL;
	*result = STORE_IMPORT_SKIPPED;
	if (len > INT_MAX) {  /* SQLite takes int lengths */
		*err = util_strdup("longer than 2 GiB");
		return 0;
	}
	if (parse(st, json, len, &in) < 0)
		return -1;
	int ret = 0;
	if (!in.f[F_VALID]) {
		*err = util_strdup("not a JSON object");
		goto out;
	}
	if (in.bad_text) {
		*err = util_strdup("holds text that is not valid UTF-8 (a stray byte, or a "
		                   "lone surrogate such as \\ud800)");
		goto out;
	}
	if (!in.f[F_ID] || !in.f[F_EXACT] || !*in.f[F_EXACT]) {
		*err = util_strdup("not an annotation: it needs an \"id\" and a TextQuoteSelector");
		goto out;
	}
	int64_t article = find_article(st, &in);
	if (article <= 0) {
		*err = util_printf("%s: its article (%s) is not in this library", in.f[F_ID],
		                   in.f[F_SOURCE] ? in.f[F_SOURCE] : "no source");
		goto out;
	}
	ret = -1;
	if (store_begin(st) < 0)
		goto out;
	int known = fingerprints(st, &in, json, len, &updated, &ours, &theirs);
	if (known < 0)
		goto fail;
	if (known == 0) {
		if (write_incoming(st, &in, article, false) < 0)
			goto fail;
		*result = STORE_IMPORT_ADDED;
	} else if (strcmp(ours, theirs) == 0) {
		*result = STORE_IMPORT_SAME;
	} else if (in.f[F_MODIFIED] && strcmp(in.f[F_MODIFIED], updated) > 0) {
		/* Theirs is newer: taken; ours becomes the conflict. */
		if (!(mine = our_json(st, in.f[F_ID])) || record_conflict(st, in.f[F_ID], mine, strlen(mine)) < 0 ||
		    write_incoming(st, &in, article, true) < 0)
			goto fail;
		*result = STORE_IMPORT_UPDATED;
	} else {
		if (record_conflict(st, in.f[F_ID], json, len) < 0)
			goto fail;
		*result = STORE_IMPORT_CONFLICT;
	}
	if (store_commit(st) < 0)
		goto fail;
	ret = 0;
	goto out;
fail:
	store_rollback(st);
out:
	free(updated);
	free(ours);
	free(theirs);
	free(mine);
	incoming_free(&in);
	return ret;
}
