/*
 * search_highlight.c: margo_highlight() and margo_hits(), FTS5 auxiliary
 * functions for the results of a corpus search.
 *
 * FTS5's highlight() builds its text with one sqlite3_mprintf() a hit,
 * copying what it has built each time, and snippet() scores each hit
 * against every other: both cost the square of the hits, and a passage
 * of 200,000 hits took minutes.  margo_highlight() marks the same spans
 * (each phrase match, overlapping ones merged) in one pass of the
 * tokenizer into one growing buffer; margo_hits() tells how many hits a
 * row has, so that snippet() is asked only when that is few
 * (store_search.c).
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>

#include "margo/search.h"
#include "margo/util.h"

/* Walking the tokens of a column and the hits in it, in order. */
struct mark {
	const Fts5ExtensionApi *x;
	Fts5Context *f;
	const char *text;
	int n_inst, next;         /* hits, and the next one to read */
	int pos;                  /* position of the token met */
	int from, to;             /* the hit being marked: tokens from..to */
	bool open;                /* its opening marker written */
	size_t done;              /* bytes of text copied */
	int rc;                   /* SQLITE_OK, or what FTS5 said */
	struct buf out;
};

/* The next span to mark, from the hits not yet passed, overlapping ones
 * merged (none: from is -1); m->rc is FTS5's error if it has one. */
static void next_span(struct mark *m)
{
	m->from = -1;
	while (m->next < m->n_inst) {
		int phrase, col, off;
		m->rc = m->x->xInst(m->f, m->next, &phrase, &col, &off);
		if (m->rc != SQLITE_OK)
			return;
		int size = m->x->xPhraseSize(m->f, phrase);
		int end = off + (size > 0 ? size : 1) - 1;
		if (col == 0 && end >= m->pos) {
			if (m->from < 0) {
				m->from = off;
				m->to = end;
			} else if (off > m->to) {
				break;   /* the span after this one */
			} else if (end > m->to) {
				m->to = end;
			}
		}
		m->next++;
	}
}

static int mark_token(void *ctx, int flags, const char *token, int n, int start, int end)
{
	(void)token;
	(void)n;
	struct mark *m = ctx;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	int pos = m->pos++;
	if (m->from < 0)
		return SQLITE_OK;
	if (pos >= m->from && !m->open) {
		if (buf_append(&m->out, m->text + m->done, (size_t)start - m->done) < 0 ||
		    buf_putc(&m->out, '\x01') < 0)
			return SQLITE_NOMEM;
		m->done = (size_t)start;
		m->open = true;
	}
	if (pos == m->to && m->open) {
		if (buf_append(&m->out, m->text + m->done, (size_t)end - m->done) < 0 ||
		    buf_putc(&m->out, '\x02') < 0)
			return SQLITE_NOMEM;
		m->done = (size_t)end;
		m->open = false;
		next_span(m);
	}
	return m->rc;
}

/* margo_highlight(passage_fts): column 0 with each hit between \x01 and
 * \x02, as highlight(passage_fts, 0, char(1), char(2)). */
static void margo_highlight(const Fts5ExtensionApi *x, Fts5Context *f, sqlite3_context *ctx,
                            int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	struct mark m = { .x = x, .f = f };
	int len = 0;
	int rc = x->xColumnText(f, 0, &m.text, &len);
	if (rc == SQLITE_OK && !m.text) {
		sqlite3_result_null(ctx);
		return;
	}
	if (rc == SQLITE_OK)
		rc = x->xInstCount(f, &m.n_inst);
	if (rc == SQLITE_OK) {
		next_span(&m);
		rc = m.rc;
	}
	if (rc == SQLITE_OK)
		rc = x->xTokenize(f, m.text, len, &m, mark_token);
	if (rc == SQLITE_OK && buf_append(&m.out, m.text + m.done, (size_t)len - m.done) < 0)
		rc = SQLITE_NOMEM;
	if (rc == SQLITE_OK && m.open && buf_putc(&m.out, '\x02') < 0)
		rc = SQLITE_NOMEM;
	if (rc != SQLITE_OK) {
		buf_free(&m.out);
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	size_t n = m.out.len;
	char *s = buf_steal(&m.out);
	if (!s)
		s = calloc(1, 1);
	if (!s) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text64(ctx, s, n, free, SQLITE_UTF8);
}

/* margo_hits(passage_fts): how many hits the row has. */
static void margo_hits(const Fts5ExtensionApi *x, Fts5Context *f, sqlite3_context *ctx,
                       int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	int n = 0;
	int rc = x->xInstCount(f, &n);
	if (rc != SQLITE_OK)
		sqlite3_result_error_code(ctx, rc);
	else
		sqlite3_result_int(ctx, n);
}

int search_register_highlight(sqlite3 *db, fts5_api *api)
{
	return api->xCreateFunction(api, "margo_highlight", db, margo_highlight, NULL) ==
	       SQLITE_OK &&
	       api->xCreateFunction(api, "margo_hits", db, margo_hits, NULL) == SQLITE_OK ? 0 : -1;
}
