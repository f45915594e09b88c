/*
 * store_annot_parse.c: an incoming annotation from its W3C JSON, in one
 * walk of SQLite's json_tree() over the line (json_extract() for each
 * field parsed the line again each time: 15 times for one annotation).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/lineread.h"
#include "margo/util.h"
#include "store_annot_impl.h"
#include "store_impl.h"


static void element_clear(struct element *e)
{
	free(e->path);
	free(e->type);
	free(e->exact);
	free(e->prefix);
	free(e->suffix);
	free(e->purpose);
	free(e->value);
	memset(e, 0, sizeof *e);
}

void annot_incoming_free(struct incoming *in)
{
	for (int i = 0; i < F_COUNT; i++)
		free(in->f[i]);
	for (size_t i = 0; i < in->n_tags; i++)
		free(in->tags[i]);
	free(in->tags);
	for (size_t i = 0; i < in->n_links; i++) {
		free(in->links[i].kind);
		free(in->links[i].target);
	}
	free(in->links);
	free(in->link_path);
	element_clear(&in->sel);
	element_clear(&in->body);
}

/* A copy of a scalar's value as text (NULL for null, an object or an
 * array: SQLite gives their atom as NULL); *len its bytes.  -1 out of
 * memory. */
static int atom_dup(sqlite3_stmt *s, int col, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return 0;
	const char *t = (const char *)sqlite3_column_text(s, col);
	if (!t)
		return -1;
	*len = (size_t)sqlite3_column_bytes(s, col);
	*out = util_strndup(t, *len);
	return *out ? 0 : -1;
}

/* Well-formed text without NUL: bad bytes and NULs become U+FFFD,
 * counted in in->repaired.  -1 out of memory. */
int annot_repair(struct incoming *in, char **s, size_t *len)
{
	if (!*s || utf8_clean(*s, *len))
		return 0;
	size_t n, k;
	char *fixed = utf8_repair(*s, *len, &n, &k);
	if (!fixed)
		return -1;
	free(*s);
	*s = fixed;
	*len = n;
	in->repaired += k;
	return 0;
}

/* A member of the root, of "target", "margo" or "margo.made", into field i
 * (the first of a repeated key wins, as json_extract() would have it). */
static int take_field(struct incoming *in, int i, sqlite3_stmt *s)
{
	if (in->f[i])
		return 0;
	return atom_dup(s, 3, &in->f[i], &in->n[i]);
}

/* The element just read is complete: take what it gives. */
static int end_selector(struct incoming *in)
{
	struct element *e = &in->sel;
	if (e->type && strcmp(e->type, "TextQuoteSelector") == 0 && !in->has_quote) {
		in->has_quote = true;
		in->f[F_EXACT] = e->exact, in->n[F_EXACT] = e->exact_len, e->exact = NULL;
		in->f[F_PREFIX] = e->prefix, in->n[F_PREFIX] = e->prefix_len, e->prefix = NULL;
		in->f[F_SUFFIX] = e->suffix, in->n[F_SUFFIX] = e->suffix_len, e->suffix = NULL;
	} else if (e->type && strcmp(e->type, "TextPositionSelector") == 0 && !in->has_tps) {
		in->has_tps = true;
		in->has_position = e->has_start && e->has_end;
		in->start = e->start;
		in->end = e->end;
	}
	element_clear(e);
	return 0;
}

static int end_body(struct incoming *in)
{
	struct element *e = &in->body;
	int rc = 0;
	if (e->purpose && strcmp(e->purpose, "tagging") == 0 && e->value) {
		char **grown = util_grow(in->tags, &in->cap_tags, in->n_tags, sizeof *in->tags);
		if (!grown || annot_repair(in, &e->value, &e->value_len) < 0) {
			rc = -1;
		} else {
			in->tags = grown;
			in->tags[in->n_tags++] = e->value;
			e->value = NULL;
		}
	} else if (e->purpose && strcmp(e->purpose, "commenting") == 0 && !in->has_note) {
		in->has_note = true;
		in->f[F_NOTE] = e->value, in->n[F_NOTE] = e->value_len, e->value = NULL;
	}
	element_clear(e);
	return rc;
}

/* A new element of "selector", "body" or "margo.links" (key: its index):
 * its members will come with path "$.body[3]". */
static int start_element(struct element *e, const char *path, sqlite3_stmt *s)
{
	e->path = util_printf("%s[%lld]", path, (long long)sqlite3_column_int64(s, 1));
	return e->path ? 0 : -1;
}

static int take_member(struct incoming *in, const char *path, const char *key, sqlite3_stmt *s)
{
	struct element *e;
	size_t ignored;
	if (in->sel.path && strcmp(path, in->sel.path) == 0) {
		e = &in->sel;
		if (strcmp(key, "type") == 0 && !e->type)
			return atom_dup(s, 3, &e->type, &ignored);
		if (strcmp(key, "exact") == 0 && !e->exact)
			return atom_dup(s, 3, &e->exact, &e->exact_len);
		if (strcmp(key, "prefix") == 0 && !e->prefix)
			return atom_dup(s, 3, &e->prefix, &e->prefix_len);
		if (strcmp(key, "suffix") == 0 && !e->suffix)
			return atom_dup(s, 3, &e->suffix, &e->suffix_len);
		bool integer = sqlite3_column_type(s, 3) == SQLITE_INTEGER;
		if (strcmp(key, "start") == 0 && !e->has_start && integer) {
			e->has_start = true;
			e->start = sqlite3_column_int64(s, 3);
		} else if (strcmp(key, "end") == 0 && !e->has_end && integer) {
			e->has_end = true;
			e->end = sqlite3_column_int64(s, 3);
		}
		return 0;
	}
	if (in->body.path && strcmp(path, in->body.path) == 0) {
		e = &in->body;
		if (strcmp(key, "purpose") == 0 && !e->purpose)
			return atom_dup(s, 3, &e->purpose, &ignored);
		if (strcmp(key, "value") == 0 && !e->value)
			return atom_dup(s, 3, &e->value, &e->value_len);
		return 0;
	}
	if (in->link_path && strcmp(path, in->link_path) == 0) {
		struct link *l = &in->links[in->n_links - 1];
		char **slot = strcmp(key, "kind") == 0 ? &l->kind
		            : strcmp(key, "target") == 0 ? &l->target : NULL;
		size_t len;
		/* Only compared (with the known kinds, with ids), never stored:
		 * kept as written, so that a target names an id byte for byte. */
		if (slot && !*slot && atom_dup(s, 3, slot, &len) < 0)
			return -1;
	}
	return 0;
}

/* One row of json_tree(): path, key, type, atom, whether it is the root. */
static int take_row(struct incoming *in, sqlite3_stmt *s)
{
	const char *path = (const char *)sqlite3_column_text(s, 0);
	const char *type = (const char *)sqlite3_column_text(s, 2);
	if (!path || !type)
		return -1;
	if (sqlite3_column_int(s, 4)) {
		in->object = strcmp(type, "object") == 0;
		return 0;
	}
	if (sqlite3_column_type(s, 1) == SQLITE_INTEGER) {
		/* An element of an array. */
		if (strcmp(path, "$.target.selector") == 0)
			return end_selector(in) < 0 ? -1 : start_element(&in->sel, path, s);
		if (strcmp(path, "$.body") == 0)
			return end_body(in) < 0 ? -1 : start_element(&in->body, path, s);
		if (strcmp(path, "$.margo.links") == 0) {
			struct link *grown = util_grow(in->links, &in->cap_links, in->n_links,
			                               sizeof *in->links);
			if (!grown)
				return -1;
			in->links = grown;
			in->links[in->n_links++] = (struct link){ NULL, NULL };
			free(in->link_path);
			in->link_path = util_printf("%s[%lld]", path, (long long)sqlite3_column_int64(s, 1));
			return in->link_path ? 0 : -1;
		}
		return 0;
	}
	const char *key = (const char *)sqlite3_column_text(s, 1);
	if (!key)
		return -1;
	static const struct {
		const char *path, *key;
		int field;
	} fields[] = {
		{ "$", "id", F_ID }, { "$", "created", F_CREATED }, { "$", "modified", F_MODIFIED },
		{ "$", "creator", F_CREATOR }, { "$.target", "source", F_SOURCE },
		{ "$.margo", "color", F_COLOR }, { "$.margo", "title", F_TITLE },
		{ "$.margo.made", "text", F_MADE_TEXT }, { "$.creator", "name", F_CODER },
	};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		if (strcmp(path, fields[i].path) == 0 && strcmp(key, fields[i].key) == 0)
			return take_field(in, fields[i].field, s);
	if (strcmp(path, "$.margo.made") == 0 && sqlite3_column_type(s, 3) == SQLITE_INTEGER) {
		if (strcmp(key, "start") == 0 && !in->has_made_start) {
			in->has_made_start = true;
			in->made_start = sqlite3_column_int64(s, 3);
		} else if (strcmp(key, "end") == 0 && !in->has_made_end) {
			in->has_made_end = true;
			in->made_end = sqlite3_column_int64(s, 3);
		}
		return 0;
	}
	return take_member(in, path, key, s);
}

/* The rows asked for are the members of the objects margo reads and the
 * elements of its three arrays; the walk itself is one parse of the line. */
int annot_parse(struct store *st, const char *json, size_t len, struct incoming *in)
{
	sqlite3_stmt *s;
	memset(in, 0, sizeof *in);
	if (store_prepare(st, "SELECT path, key, type, atom, parent IS NULL FROM json_tree(?1)"
	                      " WHERE parent IS NULL OR path IN ('$', '$.target', '$.margo', '$.creator',"
	                      "  '$.margo.made', '$.target.selector', '$.body', '$.margo.links')"
	                      " OR path GLOB '$.target.selector[[]*' OR path GLOB '$.body[[]*'"
	                      " OR path GLOB '$.margo.links[[]*'", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, json, (int)len, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (take_row(in, s) < 0)
			break;
	sqlite3_finalize(s);
	/* SQLITE_ERROR from json_tree() is malformed JSON (or too deep);
	 * memory running out is SQLITE_NOMEM, a library error. */
	if (rc == SQLITE_ERROR)
		return 0;
	if (rc != SQLITE_DONE || end_selector(in) < 0 || end_body(in) < 0)
		return -1;
	/* A creator given as an agent ({"type": "Person", "name": ...}) is
	 * the coder, and its name the author; a bare name (as libraries that
	 * kept no coder wrote it) is the author alone. */
	if (in->f[F_CODER] && !in->f[F_CREATOR]) {
		in->f[F_CREATOR] = util_strndup(in->f[F_CODER], in->n[F_CODER]);
		in->n[F_CREATOR] = in->n[F_CODER];
		if (!in->f[F_CREATOR])
			return -1;
	}
	in->made_start = in->has_made_start ? in->made_start : in->start;
	in->made_end = in->has_made_end ? in->made_end : in->end;
	return 1;
}

