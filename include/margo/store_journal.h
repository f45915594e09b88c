/*
 * store_journal.h: the journal of changes to the user's work, for undo
 * and redo (docs/JOURNAL.md).
 *
 * A change is one entry: the store function that makes it opens the entry
 * with store_journal_begin (which opens the write transaction, as
 * store_begin), writes its rows, and closes it with store_journal_commit.
 * While an entry is open, triggers of this connection record, for every
 * row written in the tables of the user's work, the SQL that undoes it
 * and the SQL that does it again.  The journal is kept in the library.
 */
#ifndef MARGO_STORE_JOURNAL_H
#define MARGO_STORE_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "margo/store.h"

/* Open the write transaction and an entry of `kind` ("note", "merge", ...)
 * that a person reads as `summary`.  0 or -1. */
int store_journal_begin(struct store *st, const char *kind, const char *summary);
/* Close the entry and commit.  An entry that changed nothing is not kept;
 * one that did drops what could be redone.  0 or -1 (rolled back). */
int store_journal_commit(struct store *st);
/* Open the write transaction and go on with entry `entry` (a change made
 * of several transactions, such as an import, is one entry): 0; 1 when
 * that entry is no longer the latest one done (nothing is open: begin a
 * new entry); -1 on an error. */
int store_journal_resume(struct store *st, int64_t entry);
/* The entry open now (0: none; -1: error), and a new summary for it. */
int64_t store_journal_open_entry(struct store *st);
int store_journal_set_summary(struct store *st, const char *summary);
/* Give the entry and the transaction up. */
int store_journal_rollback(struct store *st);

/* Undo the latest change still done, or redo the earliest undone one, in
 * one transaction: 1 done (its summary, malloc'd, in *summary), 0 nothing
 * to undo or redo, -1 refused or failed (a one-line message in *err).  An
 * undo is refused, changing nothing, when a row it would restore was
 * changed since by something else.  After a change of entity corrections
 * the entities are rebuilt. */
int store_journal_undo(struct store *st, char **summary, char **kind, char **err);
int store_journal_redo(struct store *st, char **summary, char **kind, char **err);

/* What the reader says after an undo of `kind`/`summary` ("note restored
 * on '...'", "merge undone: ..."), malloc'd. */
char *store_journal_undo_message(const char *kind, const char *summary);

struct store_journal_entry {
	int64_t id;
	const char *time, *author, *kind, *summary, *state;
	const char *coder;        /* NULL: unknown (made before coders were kept) */
};
/* Every entry, oldest first (the last `limit` when limit > 0): fn is
 * called with each, and stops the walk by returning non-zero.  0 or -1. */
int store_journal_each(struct store *st, int64_t limit,
                       int (*fn)(const struct store_journal_entry *e, void *ctx), void *ctx);

/* 'quote' of at most ~30 columns with "…", for summaries; malloc'd. */
char *store_journal_quote(const char *text);

/* Internal: the capture triggers of a connection open for writing. */
int store_journal_setup(struct store *st);

#endif
