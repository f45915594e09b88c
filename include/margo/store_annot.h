/*
 * store_annot.h: annotations in the library.
 *
 * An annotation is a span of an article (code points), its evidence (the
 * quote with its context and the text version it was made on), tags from
 * a codebook ("militare/munizioni"), a note, a colour, an author and UTC
 * times, under a random UUID.  Every change is one short BEGIN IMMEDIATE
 * transaction.  The JSON form is the W3C Web Annotation model (one
 * object; built with SQLite's JSON functions), which is also what margo
 * exports and imports.
 */
#ifndef MARGO_STORE_ANNOT_H
#define MARGO_STORE_ANNOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "margo/anchor.h"
#include "margo/store.h"

/* What a re-anchoring did. */
struct store_annot_counts {
	size_t exact, moved, fuzzy, orphan;
};

/*
 * Place again every live annotation of article `article`, whose text went
 * from old_text to new_text (version hash new_hash), inside the caller's
 * transaction.  Adds to *counts.  0 or -1.
 */
int store_annot_reanchor(struct store *st, int64_t article, const char *old_text,
                         size_t old_len, const char *new_text, size_t new_len,
                         const char *new_hash, struct store_annot_counts *counts);

/*
 * Annotate [start, end) (code points) of article `article` with the tags
 * in `tags` (comma-separated, may be NULL or empty), a note and an author
 * (may be NULL).  Its own transaction.  Returns 0 with the new id in
 * *id (malloc'd), or a message in *err (malloc'd) and -2 when the article
 * or the span does not exist, -1 when the library failed.
 */
int store_annot_create(struct store *st, int64_t article, size_t start, size_t end,
                       const char *tags, const char *note, const char *author,
                       char **id, char **err);

/* One annotation as listings and exports see it. */
struct store_annot_row {
	const char *id;
	int64_t article;
	const char *title, *date;
	const char *quote, *note, *author, *created, *status;
	const char *tags;         /* tags joined by ", " (may be "") */
	int64_t start, end;
	int64_t bstart, bend;     /* the same in bytes */
	bool in_place;            /* the quote is at start..end of the text now */
	const char *json;         /* the W3C Web Annotation object */
	const char *color;        /* "yellow"...; NULL: the default */
	const char *url;          /* the article's address, as its file gave it (may be NULL) */
	/* What names the article elsewhere: its address, else "margo:" and
	 * its file's path with as many folders above the file as it takes to
	 * tell it from the other articles of this library (never the path on
	 * this machine: a library that loaded the same files from another
	 * folder finds the article by it), then what picks the article out
	 * of its file ("#id:..." for a line of JSON Lines). */
	const char *source;
	bool anchor;              /* a bare anchor: only a link's end */
	int64_t n_links;          /* its links, from either end */
	int64_t conflicts;        /* open conflicts (margo conflicts) */
	const char *coder;        /* who coded it; NULL: unknown (made before
	                           * coders were kept) */
};

/* Whether an annotation's coder (NULL: unknown) is the one `name` says:
 * the same name, or "unknown" (or its translation) for none. */
bool store_annot_coder_is(const char *coder, const char *name);

typedef int (*store_annot_fn)(void *ctx, const struct store_annot_row *row);

/* Visit the live annotations, sorted by id, of one tag (or its children:
 * "militare" also gives "militare/munizioni") and/or one article (0: all).
 * A non-zero return of fn stops the walk and is returned. */
int store_annot_each(struct store *st, const char *tag, int64_t article,
                     store_annot_fn fn, void *ctx);
/* The same for the reader, with the bare anchors (links' ends) too. */
int store_annot_each_anchored(struct store *st, int64_t article, store_annot_fn fn, void *ctx);

enum store_import_result {
	STORE_IMPORT_ADDED,       /* new */
	STORE_IMPORT_SAME,        /* identical: nothing done */
	STORE_IMPORT_UPDATED,     /* newer than ours: taken, ours kept as a conflict */
	STORE_IMPORT_CONFLICT,    /* older than ours: ours kept, it is a conflict */
	STORE_IMPORT_SKIPPED,     /* not usable: *err says why */
};

/*
 * Importing one file of annotations (W3C JSON objects, one a line, as
 * margo writes them): open, each line in turn, then the links, then close.
 * An annotation is merged by id, each in its own transaction.  An id that
 * is not a UUID URN ("urn:uuid:" and 8-4-4-4-12 lowercase hex) is replaced
 * by one made from it (the same again when the file is imported again),
 * and the links of the file that name the old id follow it.  Characters
 * that are not text in what a user wrote (note, author, tags...) become
 * U+FFFD, said in *warn; a quote that is not text is refused.
 */
struct store_import;
int store_import_open(struct store *st, struct store_import **imp);
/* Line number `line` (for the report of ids replaced): 0 with *result and
 * maybe a message in *err (why it was skipped) or *warn (what was
 * repaired), both malloc'd; or -1 on a library error or no memory. */
int store_import_line(struct store_import *imp, size_t line, const char *json, size_t len,
                      enum store_import_result *result, char **err, char **warn);
/* The links the annotations taken carry ("margo": {"links": [...]}), to
 * annotations this library has; after the last line.  *added the links
 * made, *unplaced those that cannot be (an unknown kind, or an end not in
 * the library).  0, or -1 on a library error. */
int store_import_links(struct store_import *imp, size_t *added, size_t *unplaced);
/* How many ids were replaced so far, and the first line that had one. */
size_t store_import_renamed(struct store_import *imp, size_t *first_line);
void store_import_close(struct store_import **imp);

/* What a JSON text to import is: not JSON (or not one of these), one
 * annotation (an object), a JSON array of them, a W3C AnnotationPage
 * ({"type": "AnnotationPage", "items": [...]}) or AnnotationCollection
 * (its annotations in "first": {"items": [...]}, as margo export --format
 * w3c writes it). */
enum store_import_form {
	STORE_IMPORT_NOT_JSON,
	STORE_IMPORT_ONE,
	STORE_IMPORT_ARRAY,
	STORE_IMPORT_PAGE,
	STORE_IMPORT_COLLECTION,
};
/* The form of `len` bytes of well-formed UTF-8; -1 on a library error. */
int store_import_form(struct store *st, const char *json, size_t len,
                      enum store_import_form *form);
typedef int (*store_import_item_fn)(void *ctx, size_t n, const char *json, size_t len);
/* Each annotation of a JSON text of that form, in order, from 1, as JSON
 * text; a non-zero return of fn stops and is returned; -1 on a library
 * error. */
int store_import_items(struct store *st, const char *json, size_t len,
                       enum store_import_form form, store_import_item_fn fn, void *ctx);

/* The user's placement: put an annotation on [start, end) of its article
 * (accepting where a fuzzy one was found, or re-attaching an orphan),
 * taking the quote and context from there (place == true); or only mark
 * a fuzzy one as seen (place == false).  Its status becomes "manual".
 * Own transaction; 0 or -1. */
int store_annot_place(struct store *st, const char *id, bool place, size_t start, size_t end,
                      char **err);

/* Replace the note of one annotation; its own transaction.  0, or -1
 * with a message in *err. */
int store_annot_set_note(struct store *st, const char *id, const char *note, char **err);
/* The same for its colour (a name: "yellow", "blue"...; NULL: the default). */
int store_annot_set_color(struct store *st, const char *id, const char *color, char **err);

/* Give annotation `id` exactly the tags of `tags` (comma-separated,
 * trimmed; empty: none, the annotation stays): one journal entry "tags
 * changed on '...'", its own transaction.  0 (also when nothing changed),
 * -2 with a message when there is no such annotation, -1 with one on a
 * library error. */
int store_annot_retag(struct store *st, const char *id, const char *tags, char **err);

/* Delete (write a tombstone) or bring back one annotation; each its own
 * transaction.  0, or -1 with a message in *err. */
int store_annot_set_deleted(struct store *st, const char *id, bool deleted, char **err);

/*
 * The draft of an annotation being typed (one at a time): its article, its
 * span (code points), whether it is the note of the annotation there (or
 * the tags of a new one) and the text typed so far.  Saved every few seconds
 * while typing and when margo is told to end, so that a crash, a kill or a
 * dropped connection loses nothing; offered again at the next start.
 * save/clear: their own transactions, 0 or -1; load: 1 found, 0 none, -1.
 */
int store_annot_draft_save(struct store *st, int64_t article, size_t start, size_t end,
                           bool note, const char *text);
int store_annot_draft_load(struct store *st, int64_t *article, size_t *start, size_t *end,
                           bool *note, char **text);
int store_annot_draft_clear(struct store *st);

/* The codebook: every tag with its count of live annotations, by name
 * (names and counts in malloc'd arrays). */
int store_tags(struct store *st, char ***names, int64_t **counts, size_t *n);
/* Rename a tag and every tag under it ("a" -> "b" takes "a/x" to "b/x"),
 * merging into the tags of the new names that exist; one journal entry.
 * 0; -2 a bad name (an empty level, no such tag, a move under itself) or
 * -1 with a message in *err. */
int store_tag_rename(struct store *st, const char *from, const char *to, char **err);

/* A tag path from `len` bytes of `in`: its levels ("/" between them)
 * trimmed of blanks, in *out (malloc'd).  0; 1 nothing but blanks (no
 * tag, *out NULL); -2 an empty level, with a message in *err (err may be
 * NULL); -1 out of memory. */
int store_tag_path(const char *in, size_t len, char **out, char **err);
/* Tree order of two tag paths: level by level, a parent first. */
int store_tag_cmp(const char *a, const char *b);
/* Check every tag of a list separated by `sep`: 0, or -2 with a message. */
int store_tags_check(const char *list, char sep, char **err);

/* One node of the codebook's tree: a tag, or a level that exists only
 * as the beginning of tags ("a" of "a/b" when no annotation has "a"). */
struct store_tag_node {
	char *path;               /* "armi/munizioni" */
	const char *name;         /* its last level, in path: "munizioni" */
	size_t depth;             /* levels above it */
	size_t children;          /* nodes right under it */
	bool exists;              /* a tag of its own, not only a level */
	int64_t own;              /* live annotations with this tag */
	int64_t total;            /* live annotations with it or a tag under it */
};
/* The tree in order (a parent before its children, depth first). */
int store_tag_tree(struct store *st, struct store_tag_node **v, size_t *n);
void store_tag_tree_free(struct store_tag_node *v, size_t n);
/* Delete a tag no live annotation has (one transaction): 0 deleted; 1
 * in use, nothing done (*used: by how many); -1 with a message. */
int store_tag_delete(struct store *st, const char *name, int64_t *used, char **err);

/* The annotation placed exactly on [start, end) of an article (one the
 * user made first), or a new bare anchor there (a link's end, listed
 * nowhere as an annotation): its id in *id (malloc'd).
 * Own transaction when it creates.  0 found, 1 made, or -1 with a message
 * in *err. */
int store_annot_at(struct store *st, int64_t article, size_t start, size_t end, char **id,
                   char **err);

/* Link two annotations with a kind ("same claim", "contradicts",
 * "follow-up"); a link is one, seen from both ends.  Own transaction;
 * 0, or -1 with a message. */
int store_annot_link(struct store *st, const char *from, const char *to, const char *kind,
                     char **err);

/* Remove the link between `from` and `to` (made from either end): one
 * journal entry "unlinked '...' and '...'", its own transaction.  A bare
 * anchor no other link uses goes with it.  0, -2 with a message when
 * there is no such link, -1 with one on a library error. */
int store_annot_unlink(struct store *st, const char *from, const char *to, char **err);

/* The links of an annotation, from either end: the other end's id,
 * article, span (bytes), the kind, and its article's title. */
struct store_annot_linked {
	char *other, *kind, *title;
	int64_t article;
	int64_t start, end;       /* bytes */
};
int store_annot_links(struct store *st, const char *id, struct store_annot_linked **out,
                      size_t *n);
void store_annot_links_free(struct store_annot_linked *l, size_t n);

/* Annotations found only approximately, or not at all, after their text
 * changed: the ones a user should look at. */
int store_annot_to_review(struct store *st, int64_t *n);

/* Conflicts recorded so far (for listings). */
int store_annot_conflicts(struct store *st, int64_t *n);

/* One version of a conflicted annotation, as a user reads it. */
struct store_conflict_side {
	char *json;               /* the W3C Web Annotation object */
	char *quote, *tags, *note, *color, *author, *updated;  /* tags joined by ", " */
};

/* An open conflict: the version this library keeps ("mine") and the
 * version an import brought that was not kept ("theirs"). */
struct store_conflict {
	int64_t id;               /* the conflict's number */
	char *annotation;
	int64_t article;
	char *title, *created;
	struct store_conflict_side mine, theirs;
};

/* The open conflicts of live annotations, oldest first; of one
 * annotation only when `annotation` is not NULL.  0 or -1. */
int store_conflicts_list(struct store *st, const char *annotation, struct store_conflict **out,
                         size_t *n);
void store_conflicts_free(struct store_conflict *v, size_t n);

/* Which conflict `ref` names: its number, or the id of an annotation with
 * one open conflict ("urn:uuid:" may be left out).  1 with *conflict,
 * 0 with a message in *err (malloc'd), -1 on a library error. */
int store_conflict_find(struct store *st, const char *ref, int64_t *conflict, char **err);

enum store_conflict_keep {
	STORE_KEEP_MINE,          /* the other version is dropped */
	STORE_KEEP_THEIRS,        /* the other version replaces ours (ours is dropped) */
	STORE_KEEP_BOTH,          /* the other version becomes a new annotation, same article */
};

/* Resolve conflict `conflict`: one transaction; the conflict is closed.
 * With STORE_KEEP_BOTH the new annotation's id is in *made (malloc'd).
 * 0, or -1 with a message in *err. */
int store_conflict_resolve(struct store *st, int64_t conflict, enum store_conflict_keep keep,
                           char **made, char **err);

#endif
