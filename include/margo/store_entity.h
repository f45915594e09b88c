/*
 * store_entity.h: the entity index in the library.
 *
 * Mentions are written per article at ingest; entities are rebuilt from the
 * distinct forms of the whole corpus (entity_cluster) after each ingest and
 * each correction.  Corrections are user data: kept forever and applied
 * again on every rebuild.
 */
#ifndef MARGO_STORE_ENTITY_H
#define MARGO_STORE_ENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "margo/entity.h"
#include "margo/store.h"

/* Replace the mentions of article `id` (inside the caller's transaction);
 * `fresh`: the article was just added, so it has none to remove.
 * Paragraph numbers come from the parse; offsets are into its body.
 * When the forms the article names change (a new article that names any,
 * or one whose forms or their counts differ from before), the library
 * notes in the same transaction that its entities need a rebuild. */
int store_mentions_put(struct store *st, int64_t id, const struct corpus_article *a,
                       const struct entity_mention *m, size_t n, bool fresh);

/* Whether mentions changed since the last rebuild: 1, 0, or -1.  Kept in
 * the library, so a load stopped before its rebuild is caught up by the
 * next one, and a load that changed no article's forms skips it. */
int store_entities_stale(struct store *st);
/* Note in the library, once per transaction, that its entities need a
 * rebuild (done by store_mentions_put; after a rollback, again).  0 or -1. */
int store_mark_entities_stale(struct store *st);

/* Re-cluster every form into entities, applying the corrections.  Runs its
 * own BEGIN IMMEDIATE transaction.  0 or -1. */
int store_entities_rebuild(struct store *st);
/* Give each mention of `article` (of every article when 0) its entity in
 * its article: its form's, or for a bare name the one full person name of
 * the article it fits (store_entity_resolve.c).  Inside the caller's
 * transaction; entity counts are the caller's.  0 or -1. */
int store_entities_resolve(struct store *st, int64_t article);

struct store_entity {
	int64_t id;
	enum entity_type type;
	char *name;
	int64_t here;             /* mentions in the article asked about */
	int64_t mentions;         /* in the corpus */
	int64_t articles;         /* articles that mention it */
	bool apart;               /* a bare name kept apart: several people's
	                           * full names fit it (store_entity_fits) */
};

void store_entities_free(struct store_entity *e, size_t n);

/* The entities of one article, by type then mentions (most first); or of
 * the whole corpus when article is 0 (here == mentions). */
int store_entities_of(struct store *st, int64_t article, struct store_entity **out,
                      size_t *n);
/* One entity by id: 1 found, 0 not, -1 error. */
int store_entity_get(struct store *st, int64_t id, struct store_entity *out);
/* Look an entity up by id ("12") or by name or alias (case-insensitive);
 * 1 found (id in *id), 0 not found, -1 error, 2 ambiguous. */
int store_entity_find(struct store *st, const char *what, int64_t *id);
/* The other names (forms) an entity was found under, malloc'd array. */
int store_entity_aliases(struct store *st, int64_t id, char ***names, size_t *n);
/* The names of the people a bare name kept apart fits (entity.apart),
 * most mentioned first; none for any other entity.  malloc'd array. */
int store_entity_fits(struct store *st, int64_t id, char ***names, size_t *n);

/* A name that keeps standing for an entity across a correction or an undo
 * (ids change when entities are made again): its commonest form, or the
 * one its name came from, other than `except` (may be NULL).  1 found (type
 * and malloc'd norm), 0 none, -1 error. */
int store_entity_anchor(struct store *st, int64_t id, const char *except, int *type, char **norm);
/* The entity the form (type, norm) belongs to now: 1 found, 0 none (or the
 * form is rejected), -1 error. */
int store_entity_of_form(struct store *st, int type, const char *norm, int64_t *id);

/* One mention, with its place and a window of context. */
struct store_mention {
	int64_t article;
	int64_t entity;
	int para;                 /* paragraph index in the article */
	size_t start, end;        /* bytes into the article's body */
	size_t cp_start, cp_end;
	char *title, *date;       /* the article's (for listings) */
	char *left, *text, *right;/* context, the mention, context */
};
void store_mentions_free(struct store_mention *m, size_t n);

/* Every mention of an entity, by article date (undated last) then place,
 * each with up to `context` code points either side (clipped to its
 * paragraph). */
int store_entity_mentions(struct store *st, int64_t entity, int context,
                          struct store_mention **out, size_t *n);

/* Mentions inside one article, by start (no context, no titles). */
int store_article_mentions(struct store *st, int64_t article,
                           struct store_mention **out, size_t *n);

/* The next (dir > 0) or previous mention of `entity` after/before byte
 * `pos` of article `article`, in library order, wrapping around the
 * corpus.  1 found (in *out; *wrapped says if it wrapped), 0 none. */
int store_mention_step(struct store *st, int64_t entity, int64_t article,
                       size_t pos, int dir, struct store_mention *out,
                       bool *wrapped);

/* Where the mention of `entity` at byte `pos` of article `article` stands
 * in library order (the order of store_mention_step): its number among
 * the entity's mentions and its article's among their articles, from 1,
 * and the totals; the entity's name (malloc'd) in *name.  0 or -1. */
struct store_mention_place {
	int64_t mention, mentions;
	int64_t article, articles;
};
int store_mention_place(struct store *st, int64_t entity, int64_t article, size_t pos,
                        struct store_mention_place *out, char **name);

/* The entities most often in the same paragraph as `entity`: ids and
 * counts, most first, at most `limit`. */
int store_entity_cooccurring(struct store *st, int64_t entity, int limit,
                             struct store_entity **out, size_t *n);

/* ---- corrections -------------------------------------------------------- */
enum store_correction {
	STORE_FIX_RENAME,         /* entity -> name */
	STORE_FIX_MERGE,          /* entity -> into other */
	STORE_FIX_SPLIT,          /* one alias (form) out of its entity */
	STORE_FIX_RETYPE,         /* entity -> type */
	STORE_FIX_REJECT,         /* entity is not an entity */
};

/*
 * Record a correction and rebuild.  `entity` is the entity corrected;
 * `arg` is the new name (RENAME), the alias to split off (SPLIT);
 * `other` the entity to merge into (MERGE); `type` the new type (RETYPE).
 * Returns 0, or -1 with a message in *err (malloc'd).
 */
int store_entity_correct(struct store *st, enum store_correction kind,
                         int64_t entity, const char *arg, int64_t other,
                         enum entity_type type, char **err);

#endif
