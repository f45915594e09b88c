/*
 * store_search.c: searching passages with the full-text index, best first,
 * with snippets and the place of the first hit.  Related passages are in
 * store_related.c.
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "margo/search.h"
#include "margo/store_search.h"
#include "margo/text.h"
#include "margo/util.h"
#include "store_impl.h"

#define SEARCH_PAGE_ROWS 50   /* up to this many rows: a page (see store_search) */
#define SNIPPET_HITS 1000     /* beyond, FTS5's snippet() is too slow (its cost
                               * is the square of the hits) */
#define SNIPPET_WORDS 24      /* words of a snippet, as asked of snippet() */
#define SNIPPET_BYTES 400     /* and at most this many bytes of them */
#define STR_(x) #x
#define STR(x) STR_(x)
#define SNIPPET_SQL \
	"CASE WHEN margo_hits(passage_fts) > " STR(SNIPPET_HITS) " THEN NULL ELSE" \
	" snippet(passage_fts, 0, char(1), char(2), '\xe2\x80\xa6', " STR(SNIPPET_WORDS) ") END"



void store_hit_clear(struct store_hit *h)
{
	free(h->title);
	free(h->date);
	free(h->snippet);
	free(h->why);
	free(h->why_shown);
	memset(h, 0, sizeof *h);
}

void store_hits_free(struct store_hit *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_hit_clear(&h[i]);
	free(h);
}

static int hits_grow(struct store_hit **v, size_t n, size_t *cap)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 32;
	struct store_hit *p = realloc(*v, c * sizeof *p);
	if (!p)
		return -1;
	*v = p;
	*cap = c;
	return 0;
}

/* ---- search ------------------------------------------------------------------ */

/* The snippet of a passage with too many hits for snippet(), from its
 * highlighted text `hl`: from four words before the first hit,
 * SNIPPET_WORDS words (at most SNIPPET_BYTES bytes, cut between
 * characters), marked as snippet() marks them, "…" where text is left
 * out.  NULL when memory runs out. */
static char *snippet_of_highlight(const char *hl)
{
	const char *o = strchr(hl, STORE_HIT_OPEN);
	const char *b = o ? o : hl, *e;
	int words = 0;
	while (b > hl && !(b[-1] == ' ' && ++words > 4))
		b--;
	words = 0;
	for (e = b; *e && e - b < SNIPPET_BYTES; e++)
		if (*e == ' ' && e > b && e[-1] != ' ' && ++words == SNIPPET_WORDS)
			break;
	while (e > b && ((unsigned char)*e & 0xC0) == 0x80)
		e--;
	/* A hit begun before b, or not closed before e, is marked still. */
	int depth = 0;
	bool open_first = false;
	for (const char *p = b; p < e; p++)
		if (*p == STORE_HIT_OPEN)
			depth = 1;
		else if (*p == STORE_HIT_CLOSE && !depth)
			open_first = true;
		else if (*p == STORE_HIT_CLOSE)
			depth = 0;
	struct buf out = { 0 };
	buf_printf(&out, "%s%s%.*s%s%s", b > hl ? "\xe2\x80\xa6" : "",
	           open_first ? "\x01" : "", (int)(e - b), b, depth ? "\x02" : "",
	           *e ? "\xe2\x80\xa6" : "");
	return buf_steal(&out);
}

int store_search(struct store *st, const char *fts_query, int limit, int offset,
                 struct store_hit **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s;
	/* A page (a few rows): the rank of every match in SQLite's sorter,
	 * which keeps only the page (FTS5's own ORDER BY rank sorts them
	 * all), then the snippet and highlight of the page's rows, each found
	 * again by rowid.  Many rows: those lookups would cost more than the
	 * sort, so FTS5 sorts and makes them as it goes.  Same rows, same
	 * order. */
	static const char page[] =
		"SELECT p.id, p.article, p.n, a.title, a.date,"
		" " SNIPPET_SQL ", -f.r,"
		" margo_highlight(passage_fts), p.bstart"
		" FROM (SELECT rowid AS id, margo_rank(passage_fts) AS r"
		"  FROM passage_fts WHERE passage_fts MATCH ?1 ORDER BY r, rowid"
		"  LIMIT ?2 OFFSET ?3) f"
		" CROSS JOIN passage_fts ON passage_fts.rowid = f.id AND passage_fts MATCH ?1"
		" JOIN paragraph p ON p.id = f.id JOIN article a ON a.id = p.article"
		" ORDER BY f.r, f.id";
	static const char many[] =
		"SELECT p.id, p.article, p.n, a.title, a.date, f.snip, -f.rank, f.hl, p.bstart"
		" FROM (SELECT rowid, rank,"
		"  " SNIPPET_SQL " AS snip,"
		"  margo_highlight(passage_fts) AS hl"
		"  FROM passage_fts WHERE passage_fts MATCH ?1 AND rank MATCH 'margo_rank()'"
		"  ORDER BY rank LIMIT ?2 OFFSET ?3) f"
		" JOIN paragraph p ON p.id = f.rowid JOIN article a ON a.id = p.article"
		" ORDER BY f.rank";
	if (store_prepare(st, limit <= SEARCH_PAGE_ROWS ? page : many, &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, fts_query, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, limit);
	sqlite3_bind_int(s, 3, offset);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (hits_grow(out, *n, &cap) < 0)
			break;
		struct store_hit *h = &(*out)[*n];
		memset(h, 0, sizeof *h);
		h->passage = sqlite3_column_int64(s, 0);
		h->article = sqlite3_column_int64(s, 1);
		h->n = sqlite3_column_int(s, 2);
		h->title = store_column_dup(s, 3);
		h->date = store_column_dup(s, 4);
		const char *hl = (const char *)sqlite3_column_text(s, 7);
		/* snippet() of few hits, unless its words are too long to show
		 * (a word of megabytes is all of a snippet of one word). */
		if (sqlite3_column_type(s, 5) != SQLITE_NULL &&
		    sqlite3_column_bytes(s, 5) <= 4 * SNIPPET_BYTES)
			h->snippet = store_column_dup(s, 5);
		else
			h->snippet = snippet_of_highlight(hl ? hl : "");
		h->score = sqlite3_column_double(s, 6);
		h->para_start = (size_t)sqlite3_column_int64(s, 8);
		(*n)++;
		if (!h->title || !h->snippet)
			break;
		/* The first hit: bytes before the first marker of the
		 * highlighted passage (one marker precedes its end). */
		const char *o = hl ? strchr(hl, STORE_HIT_OPEN) : NULL;
		const char *e = o ? strchr(o, STORE_HIT_CLOSE) : NULL;
		h->hit_start = h->hit_end = h->para_start;
		if (o && e) {
			h->hit_start = h->para_start + (size_t)(o - hl);
			h->hit_end = h->para_start + (size_t)(e - hl) - 1;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_hits_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int64_t store_passage_at(struct store *st, int64_t article, size_t offset)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT id FROM paragraph WHERE article = ?1 AND bstart <= ?2"
	                " ORDER BY n DESC LIMIT 1", &s) < 0)
		return 0;
	sqlite3_bind_int64(s, 1, article);
	sqlite3_bind_int64(s, 2, (int64_t)offset);
	int64_t id = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return id;
}

int store_passage_span(struct store *st, int64_t passage, int64_t *article, size_t *start,
                       size_t *end)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT article, start, end FROM paragraph WHERE id = ?1", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, passage);
	int rc = sqlite3_step(s), found = 0;
	if (rc == SQLITE_ROW) {
		*article = sqlite3_column_int64(s, 0);
		*start = (size_t)sqlite3_column_int64(s, 1);
		*end = (size_t)sqlite3_column_int64(s, 2);
		found = 1;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? found : -1;
}
