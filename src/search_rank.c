/*
 * search_rank.c: margo_rank(), the rank of a passage for a corpus search:
 * FTS5's own bm25 (k1 = 1.2, b = 0.75, the same idf), computed the same
 * way but faster on a word that many passages hold.
 *
 * bm25 needs each match's length.  FTS5's xColumnSize reads it with a
 * statement run once a row (a third of the time of ranking a common
 * word); here one BLOB handle on the table's %_docsize is moved from row
 * to row (sqlite3_blob_reopen), which seeks the same B-tree without a
 * statement.  The handle is checked against xColumnSize on the first row
 * of each query, and any doubt (no such table, a row it cannot read, a
 * length that differs) falls back to xColumnSize: the rank is bm25's in
 * every case.
 */
#include <config.h>

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "margo/search.h"

#define K1 1.2
#define B 0.75
#define DOCSIZE "passage_fts_docsize"   /* the lengths of passage_fts */

struct rank_state {
	sqlite3 *db;
	sqlite3_blob *blob;       /* on DOCSIZE, moved from row to row */
	bool checked, blob_ok;
	double *idf;              /* per phrase */
	int n_phrases;
	double avgdl;
};

static void rank_state_free(void *p)
{
	struct rank_state *r = p;
	if (r->blob)
		sqlite3_blob_close(r->blob);
	free(r->idf);
	free(r);
}

static int count_hit(const Fts5ExtensionApi *x, Fts5Context *f, void *n)
{
	(void)x;
	(void)f;
	++*(sqlite3_int64 *)n;
	return SQLITE_OK;
}

/* What a query's rows share: each phrase's idf, the average length.
 * SQLITE_OK and *out, or an SQLite error code. */
static int rank_state_new(const Fts5ExtensionApi *x, Fts5Context *f, struct rank_state **out)
{
	struct rank_state *r = calloc(1, sizeof *r);
	*out = NULL;
	if (!r)
		return SQLITE_NOMEM;
	r->db = x->xUserData(f);
	r->n_phrases = x->xPhraseCount(f);
	r->idf = calloc((size_t)r->n_phrases + 1, sizeof *r->idf);
	sqlite3_int64 rows = 0, tokens = 0;
	int rc = r->idf ? x->xRowCount(f, &rows) : SQLITE_NOMEM;
	if (rc == SQLITE_OK)
		rc = x->xColumnTotalSize(f, -1, &tokens);
	if (rc != SQLITE_OK) {
		rank_state_free(r);
		return rc;
	}
	r->avgdl = rows > 0 ? (double)tokens / (double)rows : 1;
	for (int i = 0; i < r->n_phrases; i++) {
		sqlite3_int64 hits = 0;
		if ((rc = x->xQueryPhrase(f, i, &hits, count_hit)) != SQLITE_OK) {
			rank_state_free(r);
			return rc;
		}
		double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
		r->idf[i] = idf > 0 ? idf : 1e-6;   /* as FTS5's bm25 */
	}
	*out = r;
	return SQLITE_OK;
}

/* The length of the current row from the BLOB handle (the first varint of
 * its %_docsize row, the only column's size), or -1. */
static int blob_length(struct rank_state *r, sqlite3_int64 rowid)
{
	int rc = r->blob ? sqlite3_blob_reopen(r->blob, rowid)
	                 : sqlite3_blob_open(r->db, "main", DOCSIZE, "sz", rowid, 0, &r->blob);
	if (rc != SQLITE_OK) {
		if (r->blob)
			sqlite3_blob_close(r->blob);
		r->blob = NULL;
		return -1;
	}
	unsigned char b[9];
	int n = sqlite3_blob_bytes(r->blob);
	if (n <= 0)
		return -1;
	if (n > (int)sizeof b)
		n = (int)sizeof b;
	if (sqlite3_blob_read(r->blob, b, n, 0) != SQLITE_OK)
		return -1;
	unsigned long v = 0;
	for (int i = 0; i < n && i < 4; i++) {
		v = (v << 7) | (b[i] & 0x7f);
		if (!(b[i] & 0x80))
			return (int)v;
	}
	return -1;  /* longer than a passage can be: not ours to read */
}

static void margo_rank(const Fts5ExtensionApi *x, Fts5Context *f, sqlite3_context *ctx,
                       int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	struct rank_state *r = x->xGetAuxdata(f, 0);
	if (!r) {
		int rc = rank_state_new(x, f, &r);
		if (rc == SQLITE_OK)
			rc = x->xSetAuxdata(f, r, rank_state_free);  /* frees r when it fails */
		if (rc != SQLITE_OK) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
	}
	int len = -1;
	if (!r->checked || r->blob_ok)
		len = blob_length(r, x->xRowid(f));
	if (!r->checked) {  /* the first row: the handle must agree with FTS5 */
		int size = 0;
		r->checked = true;
		r->blob_ok = len >= 0 && x->xColumnSize(f, -1, &size) == SQLITE_OK && size == len;
	}
	if (!r->blob_ok || len < 0) {
		int size = 0;
		if (x->xColumnSize(f, -1, &size) != SQLITE_OK) {
			sqlite3_result_error(ctx, "margo_rank: no length", -1);
			return;
		}
		len = size;
	}
	double score = 0;
	for (int i = 0; i < r->n_phrases; i++) {
		Fts5PhraseIter it;
		int col, off, tf = 0;
		if (x->xPhraseFirst(f, i, &it, &col, &off) != SQLITE_OK)
			continue;
		for (; col >= 0; x->xPhraseNext(f, &it, &col, &off))
			tf++;
		if (tf)
			score += r->idf[i] * ((double)tf * (K1 + 1)) /
			         ((double)tf + K1 * (1 - B + B * (double)len / r->avgdl));
	}
	sqlite3_result_double(ctx, -score);  /* like bm25: better is lower */
}

int search_register_rank(sqlite3 *db, fts5_api *api)
{
	return api->xCreateFunction(api, "margo_rank", db, margo_rank, NULL) == SQLITE_OK ? 0 : -1;
}
