/*
 * anchor.h: keeping an annotation on the words it was made on when the
 * article's text changes (the steps and their scores: src/anchor.c).
 *
 * Offsets are Unicode code points into an article's canonical text, end
 * exclusive.  An annotation keeps its evidence (the exact quote, up to
 * ANCHOR_CONTEXT code points of prefix and suffix clipped at the
 * paragraph, and the offsets it was made at) and is placed again in a new
 * text by, in order: the offsets still holding the quote (exact); the
 * offsets mapped through a diff of old and new text (moved); exact and
 * approximate occurrences of the quote scored together by quote, prefix,
 * suffix and closeness to the mapped place, accepted only with a clear
 * margin over the runner-up (fuzzy); else an orphan, kept, never deleted.
 * Pure functions: no SQLite, no curses.
 */
#ifndef MARGO_ANCHOR_H
#define MARGO_ANCHOR_H

#include <stdbool.h>
#include <stddef.h>

#define ANCHOR_CONTEXT 48   /* code points of prefix and of suffix kept */

enum anchor_status {
	ANCHOR_EXACT,       /* the stored offsets still hold the quote */
	ANCHOR_MOVED,       /* the quote, exactly, where the diff maps it */
	ANCHOR_FUZZY,       /* found approximately, or exactly elsewhere */
	ANCHOR_ORPHAN,      /* not found well enough: kept for the user */
	ANCHOR_MANUAL,      /* placed by the user (never moved by margo) */
};

/* "exact", "moved", "fuzzy", "orphan", "manual"; parse gives -1 if not. */
const char *anchor_status_name(enum anchor_status s);
int anchor_status_parse(const char *s);

struct anchor_evidence {
	const char *quote;        /* UTF-8 */
	const char *prefix;       /* may be "" */
	const char *suffix;       /* may be "" */
	size_t start, end;        /* code points in the text it was made on */
};

/*
 * Capture the evidence of a selection [start, end) (code points) of
 * `text` (len bytes, valid UTF-8): malloc'd quote, prefix and suffix
 * (prefix and suffix at most ANCHOR_CONTEXT code points, never crossing a
 * blank line).  Returns 0, or -1 when the range is outside the text or
 * memory runs out.
 */
int anchor_capture(const char *text, size_t len, size_t start, size_t end,
                   char **quote, char **prefix, char **suffix);

struct anchor_result {
	enum anchor_status status;
	size_t start, end;        /* code points in the new text (orphan: 0, 0) */
	double score;             /* 1 for exact and moved; 0..1 otherwise */
};

/*
 * Place an annotation in `new_text`.  `old_text` is the text the evidence
 * offsets refer to (NULL when unknown: no diff mapping is tried).  Very
 * short quotes (under 8 code points, a surname) are placed only by an
 * exact match whose context also matches.  Returns 0 (see out->status),
 * or -1 when memory runs out.
 */
int anchor_locate(const char *old_text, size_t old_len, const char *new_text,
                  size_t new_len, const struct anchor_evidence *ev,
                  struct anchor_result *out);

#endif
