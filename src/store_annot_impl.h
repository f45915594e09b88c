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
	F_NOTE, F_COLOR, F_MADE_TEXT, F_TITLE, F_COUNT
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

#endif
