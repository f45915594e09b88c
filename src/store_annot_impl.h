/*
 * store_annot_impl.h: what store_annot_parse.c shares with
 * store_annot_import.c: an incoming annotation, read from its JSON.
 */
#ifndef MARGO_STORE_ANNOT_IMPL_H
#define MARGO_STORE_ANNOT_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "margo/store.h"

/* The fields of an incoming annotation. */
enum {
	F_ID, F_CREATED, F_MODIFIED, F_CREATOR, F_SOURCE, F_EXACT, F_PREFIX, F_SUFFIX,
	F_NOTE, F_COLOR, F_MADE_TEXT, F_TITLE,
	F_CODER,                   /* creator.name: who coded it (NULL: unknown) */
	F_COUNT
};

struct link {
	char *kind, *target;
};

/* One element of "selector" or "body" while its members are read. */
struct element {
	char *path;                /* "$.body[3]": its members' path */
	char *type, *exact, *prefix, *suffix, *purpose, *value;
	size_t exact_len, prefix_len, suffix_len, value_len;
	int64_t start, end;
	bool has_start, has_end;
};

struct incoming {
	char *f[F_COUNT];
	size_t n[F_COUNT];         /* bytes (a "\u0000" makes them differ from strlen) */
	int64_t start, end, made_start, made_end;
	bool object, has_position, has_made_start, has_made_end, has_quote, has_note;
	bool has_tps;
	char **tags;               /* the tagging bodies' values, in order */
	size_t n_tags, cap_tags;
	struct link *links;        /* the elements of margo.links */
	size_t n_links, cap_links;
	char *link_path;           /* the last link's members' path */
	struct element sel, body;
	size_t repaired;           /* characters made U+FFFD */
};

/*
 * Parse one line: 1 a JSON value (in->object says whether an object),
 * 0 not JSON, -1 a library error or no memory.  One walk of json_tree().
 * Tags are made text already (U+FFFD, counted in in->repaired); the
 * other fields, and the links, are as the JSON has them (see in->n).
 */
int annot_parse(struct store *st, const char *json, size_t len, struct incoming *in);
void annot_incoming_free(struct incoming *in);
/* Make field text well-formed (U+FFFD), counted in in->repaired; -1 no memory. */
int annot_repair(struct incoming *in, char **s, size_t *len);

/*
 * The version not kept of conflict row `c` of annotation `a`, as a W3C
 * Web Annotation object: recorded so since conflicts carry whole
 * objects; an older library recorded our own version as a flat object
 * ({"quote", "note", "color", "author", "tags", "modified"}), which is
 * made into one here (its context taken from `a` when the quote is the
 * same).  A conflict's own conflicts are never carried.
 */
#define CONFLICT_OTHER_W3C \
	"CASE WHEN json_type(c.other, '$.target') IS NOT NULL" \
	" THEN json_remove(c.other, '$.margo.conflicts') ELSE json_patch(json_object(" \
	"  '@context', 'http://www.w3.org/ns/anno.jsonld', 'id', a.id, 'type', 'Annotation'," \
	"  'created', a.created, 'modified', json_extract(c.other, '$.modified')," \
	"  'body', json((SELECT json_group_array(json(b)) FROM (" \
	"   SELECT json_object('type', 'TextualBody', 'purpose', 'tagging', 'value', t.value) AS b" \
	"   FROM json_each(c.other, '$.tags') t UNION ALL SELECT json_object('type', 'TextualBody'," \
	"   'purpose', 'commenting', 'value', json_extract(c.other, '$.note'))" \
	"   WHERE coalesce(json_extract(c.other, '$.note'), '') != ''))), 'target', json_object(" \
	"   'selector', json_array(json_object('type', 'TextQuoteSelector'," \
	"   'exact', json_extract(c.other, '$.quote'), 'prefix', CASE WHEN" \
	"   json_extract(c.other, '$.quote') = a.quote THEN a.prefix ELSE '' END, 'suffix', CASE" \
	"   WHEN json_extract(c.other, '$.quote') = a.quote THEN a.suffix ELSE '' END)))," \
	"  'margo', json_object('color', json_extract(c.other, '$.color')))," \
	"  json_object('creator', nullif(json_extract(c.other, '$.author'), ''))) END"

/* Annotation `a` as this library keeps it, as a W3C Web Annotation
 * object (what a conflict records of ours, and shows as "this library"). */
/* The head every W3C object of annotation `a` starts with: context, id,
 * times, and the body (its tags, then its note), up to "'target', ". */
#define ANNOT_W3C_HEAD \
	"  '@context', 'http://www.w3.org/ns/anno.jsonld', 'id', a.id, 'type', 'Annotation'," \
	"  'created', a.created, 'modified', a.updated," \
	"  'body', json((SELECT json_group_array(json(b)) FROM (" \
	"   SELECT json_object('type', 'TextualBody', 'purpose', 'tagging', 'value', t.name) AS b" \
	"   FROM annotation_tag x JOIN tag t ON t.id = x.tag WHERE x.annotation = a.id" \
	"   UNION ALL SELECT json_object('type', 'TextualBody', 'purpose', 'commenting'," \
	"   'value', a.note) WHERE a.note != ''))), "

/* The W3C creator of annotation `a`: its coder as a Person; one made
 * before coders were kept gives its author's name as it was (or none). */
#define ANNOT_CREATOR \
	"CASE WHEN a.coder IS NOT NULL THEN json_object('type', 'Person', 'name', a.coder)" \
	" ELSE nullif(a.author, '') END"

#define ANNOT_MINE_W3C \
	"json_patch(json_object(" ANNOT_W3C_HEAD \
	"  'target', json_object('selector', json_array(" \
	"   json_object('type', 'TextQuoteSelector', 'exact', a.quote, 'prefix', a.prefix," \
	"   'suffix', a.suffix), json_object('type', 'TextPositionSelector', 'start', a.start," \
	"   'end', a.end)))," \
	"  'margo', json_object('color', a.color))," \
	"  json_object('creator', " ANNOT_CREATOR "))"

/* Place and write an incoming annotation under `id` on `article` (inside
 * the caller's transaction); `replace` overwrites ours in place. */
int annot_write_incoming(struct store *st, const struct incoming *in, const char *id,
                         int64_t article, bool replace);
/* Make every field of `in` text (U+FFFD); -1 no memory. */
int annot_repair_fields(struct incoming *in);

#endif
