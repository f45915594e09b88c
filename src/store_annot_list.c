/*
 * store_annot_list.c: listing annotations (rows and their W3C Web
 * Annotation JSON, built by SQLite's JSON functions) and their links.
 *
 * What a listing tells of the text (whether the quote is still at its
 * offsets, and the offsets in bytes) is worked out in C from each
 * article's body, read once for all of its annotations and walked once
 * from start to end: asking SQLite with substr() reads the whole body
 * and counts its code points again for every annotation.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/store_annot.h"
#include "margo/text.h"
#include "margo/util.h"
#include "store_annot_impl.h"
#include "store_impl.h"
#include "margo/i18n.h"

/* The columns of one annotation for listings, and its W3C JSON; ?1 the
 * annotation's rowid, ?2 whether its quote is in place, ?3 and ?4 its
 * offsets in bytes (placed_in_bodies). */
#define ANNOT_SELECT \
	"SELECT a.id, a.article, ar.title, ar.date, a.quote, a.note, a.author, a.created," \
	" a.status, coalesce((SELECT group_concat(name, ', ') FROM (SELECT t.name FROM" \
	"   annotation_tag x JOIN tag t ON t.id = x.tag WHERE x.annotation = a.id" \
	"   ORDER BY t.name)), ''), a.start, a.end," \
	" ?2," \
	" json_patch(json_object(" ANNOT_W3C_HEAD \
	"  'target', json_object('source', ?5, 'selector'," \
	"    CASE WHEN ?2" \
	"    THEN json_array(json_object('type', 'TextQuoteSelector', 'exact', a.quote," \
	"      'prefix', a.prefix, 'suffix', a.suffix)," \
	"      json_object('type', 'TextPositionSelector', 'start', a.start, 'end', a.end))" \
	"    ELSE json_array(json_object('type', 'TextQuoteSelector', 'exact', a.quote," \
	"      'prefix', a.prefix, 'suffix', a.suffix)) END)," \
	"  'margo', json_object('article', a.article, 'title', ar.title, 'status', a.status," \
	"    'coder', a.coder," \
	"    'score', a.score, 'color', a.color, 'made', json_object('start', a.made_start," \
	"    'end', a.made_end, 'text', a.made_hash), 'links', json((SELECT" \
	"    json_group_array(json_patch(json_object('target', l.target, 'kind', l.kind)," \
	"     CASE WHEN o.anchor THEN json_object('anchor', json_object('type', 'SpecificResource'," \
	"      'margo', json_object('article', o.article), 'selector', json_array(" \
	"      json_object('type', 'TextQuoteSelector', 'exact', o.quote, 'prefix', o.prefix," \
	"       'suffix', o.suffix), json_object('type', 'TextPositionSelector'," \
	"       'start', o.start, 'end', o.end)))) ELSE '{}' END)) FROM" \
	"    (SELECT target, kind FROM annotation_link WHERE annotation = a.id" \
	"     UNION SELECT x.annotation, x.kind FROM annotation_link x JOIN annotation y" \
	"      ON y.id = x.annotation WHERE x.target = a.id AND y.anchor AND y.deleted IS NULL" \
	"     ORDER BY 1) l LEFT JOIN annotation o ON o.id = l.target))))," \
	"  json_object('creator', " ANNOT_CREATOR ", 'margo', json_object('conflicts'," \
	"   (SELECT json_group_array(json(" CONFLICT_OTHER_W3C ")) FROM annotation_conflict c" \
	"    WHERE c.annotation = a.id HAVING count(*) > 0))))," \
	" ?3, ?4, a.color, ar.url, a.anchor," \
	" (SELECT count(*) FROM annotation_link l JOIN annotation o ON o.id = CASE WHEN" \
	"   l.annotation = a.id THEN l.target ELSE l.annotation END" \
	"   WHERE (l.annotation = a.id OR l.target = a.id) AND o.deleted IS NULL)," \
	" (SELECT count(*) FROM annotation_conflict WHERE annotation = a.id), a.coder" \
	" FROM annotation a JOIN article ar ON ar.id = a.article WHERE a.rowid = ?1"

/* ---- code points to bytes ----------------------------------------------------- */

/* One annotation's span, as the library keeps it (code points) and as
 * a listing gives it (bytes), with its quote. */
struct placed {
	int64_t rowid, article;
	int64_t start, end;       /* code points */
	int64_t bstart, bend;     /* bytes, worked out */
	char *quote;              /* NULL: orphaned, never in place */
	char *source;             /* store_annot_row.source (listings only) */
	size_t quote_len;
	bool in_place;
};

struct cp_at {
	int64_t cp;
	int64_t *byte;
};

static int cmp_cp(const void *a, const void *b)
{
	const struct cp_at *x = a, *y = b;
	return (x->cp > y->cp) - (x->cp < y->cp);
}

/* Each annotation of v[0..n) (all of one article, whose body is `body`,
 * len bytes) gets its offsets in bytes (code points past the end: the
 * end; before the start: the start) and whether its quote is at them:
 * the body is walked once, whatever the number of annotations. */
static int place_in_body(struct placed *const *v, size_t n, const char *body, size_t len)
{
	struct cp_at *at = malloc(2 * n * sizeof *at);
	if (!at)
		return -1;
	for (size_t i = 0; i < n; i++) {
		at[2 * i] = (struct cp_at){ v[i]->start < 0 ? 0 : v[i]->start, &v[i]->bstart };
		at[2 * i + 1] = (struct cp_at){ v[i]->end < 0 ? 0 : v[i]->end, &v[i]->bend };
	}
	qsort(at, 2 * n, sizeof *at, cmp_cp);
	size_t b = 0;
	int64_t cp = 0;
	for (size_t i = 0; i < 2 * n; i++) {
		if (at[i].cp > cp) {
			b += text_cp_to_byte(body + b, len - b, (size_t)(at[i].cp - cp));
			cp = at[i].cp;
		}
		*at[i].byte = (int64_t)b;
	}
	free(at);
	for (size_t i = 0; i < n; i++) {
		/* The text between the two offsets, whichever comes first. */
		struct placed *p = v[i];
		int64_t lo = p->bstart < p->bend ? p->bstart : p->bend;
		int64_t hi = p->bstart < p->bend ? p->bend : p->bstart;
		p->in_place = p->quote && (size_t)(hi - lo) == p->quote_len &&
		              memcmp(body + lo, p->quote, p->quote_len) == 0;
	}
	return 0;
}

static int cmp_article(const void *a, const void *b)
{
	const struct placed *x = *(struct placed *const *)a, *y = *(struct placed *const *)b;
	if (x->article != y->article)
		return (x->article > y->article) - (x->article < y->article);
	return (x > y) - (x < y);
}

/* Pointers to v[0..n) in the order of their articles (malloc'd), or NULL. */
static struct placed **by_article(struct placed *v, size_t n)
{
	struct placed **by = malloc(n * sizeof *by);
	if (!by)
		return NULL;
	for (size_t i = 0; i < n; i++)
		by[i] = &v[i];
	qsort(by, n, sizeof *by, cmp_article);
	return by;
}

/* place_in_body for annotations of any articles, each article's body
 * read once: 0, or -1 on a library error or no memory. */
static int placed_in_bodies(struct store *st, struct placed *v, size_t n)
{
	if (n == 0)
		return 0;
	struct placed **by = by_article(v, n);
	if (!by)
		return -1;
	int ret = 0;
	for (size_t i = 0, j; i < n && ret == 0; i = j) {
		for (j = i; j < n && by[j]->article == by[i]->article; j++)
			;
		char *body = NULL;
		size_t len = 0;
		int found = store_article_body(st, by[i]->article, &body, &len);
		if (found < 0 || (found && place_in_body(by + i, j - i, body, len) < 0))
			ret = -1;
		free(body);
	}
	free(by);
	return ret;
}

static void placed_free(struct placed *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].quote);
		free(v[i].source);
	}
	free(v);
}

/* ---- the article's source ---------------------------------------------------------- */

/* How many articles have a key that is `rel`, or ends with "/" and `rel`;
 * -1 on a library error. */
static int64_t keys_ending(struct store *st, const char *rel)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT count(*) FROM article WHERE substr(key, -length(?1)) = ?1"
	                      " AND (length(key) = length(?1) OR"
	                      "  substr(key, -length(?1) - 1, 1) = '/')", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, rel, -1, SQLITE_STATIC);
	int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_finalize(s);
	return n;
}

/* store_annot_row.source of article `id`: malloc'd, NULL on a library
 * error or no memory.  The key of an article read from a file is the
 * file's absolute path (and, for a line of JSON Lines, what picks the
 * line out); the source keeps of the path the shortest tail of folders
 * that no other article's key ends with. */
static char *article_source(struct store *st, int64_t id)
{
	sqlite3_stmt *s;
	if (store_prepare(st, "SELECT ar.url, ar.key, f.path FROM article ar"
	                      " LEFT JOIN file f ON f.id = ar.file WHERE ar.id = ?1", &s) < 0)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	char *out = NULL;
	if (sqlite3_step(s) != SQLITE_ROW)
		goto done;
	const char *url = (const char *)sqlite3_column_text(s, 0);
	if (url && *url) {
		out = util_strdup(url);
		goto done;
	}
	const char *key = (const char *)sqlite3_column_text(s, 1);
	const char *file = (const char *)sqlite3_column_text(s, 2);
	key = key ? key : "";
	/* The part of the key that is a path: the file's, when the key
	 * starts with it; else the key up to its last slash's name. */
	size_t plen = file && strncmp(key, file, strlen(file)) == 0 ? strlen(file) : strlen(key);
	if (key[0] != '/') {
		out = util_printf("margo:%s", key);
		goto done;
	}
	for (size_t i = plen; i-- > 0;) {
		if (key[i] != '/')
			continue;
		int64_t n = keys_ending(st, key + i + 1);
		if (n < 0)
			goto done;
		if (n <= 1 || i == 0) {
			out = util_printf("margo:%s", key + i + 1);
			goto done;
		}
	}
	out = util_printf("margo:%s", key);
done:
	sqlite3_finalize(s);
	return out;
}

/* The source of each annotation of v[0..n), each article's worked out
 * once: 0, or -1. */
static int sources_of(struct store *st, struct placed *v, size_t n)
{
	if (n == 0)
		return 0;
	struct placed **by = by_article(v, n);
	if (!by)
		return -1;
	int ret = 0;
	for (size_t i = 0, j; i < n && ret == 0; i = j) {
		char *src = article_source(st, by[i]->article);
		ret = src ? 0 : -1;
		for (j = i; j < n && by[j]->article == by[i]->article; j++)
			if (src && !(by[j]->source = util_strdup(src)))
				ret = -1;
		free(src);
	}
	free(by);
	return ret;
}

/* ---- listing ------------------------------------------------------------------- */

static int each(struct store *st, const char *tag, int64_t article, bool anchors,
                store_annot_fn fn, void *ctx)
{
	sqlite3_stmt *s, *row = NULL;
	if (store_prepare(st, "SELECT a.rowid, a.article, a.start, a.end,"
	                  " CASE WHEN a.status != 'orphan' THEN a.quote END"
	                  " FROM annotation a"
	                  " WHERE a.deleted IS NULL AND (?4 OR a.anchor = 0) AND (?3 = 0 OR a.article = ?3)"
	                  " AND (?1 IS NULL OR EXISTS (SELECT 1 FROM annotation_tag x"
	                  "  JOIN tag t ON t.id = x.tag WHERE x.annotation = a.id"
	                  "  AND (t.name = ?1 OR substr(t.name, 1, length(?1) + 1) = ?1 || '/')))"
	                  " ORDER BY a.id", &s) < 0)
		return -1;
	if (tag)
		sqlite3_bind_text(s, 1, tag, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, article);
	sqlite3_bind_int(s, 4, anchors);
	/* One snapshot for both steps. */
	bool own = sqlite3_get_autocommit(store_db(st));
	if (own && store_read_begin(st) < 0) {
		sqlite3_finalize(s);
		return -1;
	}
	struct placed *v = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		void *grown = util_grow(v, &cap, n, sizeof *v);
		if (!grown)
			break;
		v = grown;
		struct placed *p = &v[n++];
		*p = (struct placed){ .rowid = sqlite3_column_int64(s, 0),
		                      .article = sqlite3_column_int64(s, 1),
		                      .start = sqlite3_column_int64(s, 2),
		                      .end = sqlite3_column_int64(s, 3) };
		if (sqlite3_column_type(s, 4) != SQLITE_NULL) {
			p->quote_len = (size_t)sqlite3_column_bytes(s, 4);
			if (!(p->quote = store_column_dup(s, 4)))
				break;
		}
	}
	sqlite3_finalize(s);
	int ret = -1;
	if (rc != SQLITE_DONE || placed_in_bodies(st, v, n) < 0 || sources_of(st, v, n) < 0 ||
	    store_prepare(st, ANNOT_SELECT, &row) < 0)
		goto out;
	ret = 0;
	for (size_t i = 0; i < n && ret == 0; i++) {
		sqlite3_bind_int64(row, 1, v[i].rowid);
		sqlite3_bind_int(row, 2, v[i].in_place);
		sqlite3_bind_int64(row, 3, v[i].bstart);
		sqlite3_bind_int64(row, 4, v[i].bend);
		sqlite3_bind_text(row, 5, v[i].source, -1, SQLITE_STATIC);
		rc = sqlite3_step(row);
		if (rc == SQLITE_DONE) {
			sqlite3_reset(row);
			continue;  /* gone since (another connection) */
		}
		if (rc != SQLITE_ROW) {
			ret = -1;
			break;
		}
		struct store_annot_row r = {
			.id = (const char *)sqlite3_column_text(row, 0),
			.article = sqlite3_column_int64(row, 1),
			.title = (const char *)sqlite3_column_text(row, 2),
			.date = (const char *)sqlite3_column_text(row, 3),
			.quote = (const char *)sqlite3_column_text(row, 4),
			.note = (const char *)sqlite3_column_text(row, 5),
			.author = (const char *)sqlite3_column_text(row, 6),
			.created = (const char *)sqlite3_column_text(row, 7),
			.status = (const char *)sqlite3_column_text(row, 8),
			.tags = (const char *)sqlite3_column_text(row, 9),
			.start = sqlite3_column_int64(row, 10),
			.end = sqlite3_column_int64(row, 11),
			.in_place = sqlite3_column_int(row, 12) != 0,
			.json = (const char *)sqlite3_column_text(row, 13),
			.bstart = sqlite3_column_int64(row, 14),
			.bend = sqlite3_column_int64(row, 15),
			.color = (const char *)sqlite3_column_text(row, 16),
			.url = (const char *)sqlite3_column_text(row, 17),
			.source = v[i].source,
			.anchor = sqlite3_column_int(row, 18) != 0,
			.n_links = sqlite3_column_int64(row, 19),
			.conflicts = sqlite3_column_int64(row, 20),
			.coder = (const char *)sqlite3_column_text(row, 21),
		};
		ret = fn(ctx, &r);
		sqlite3_reset(row);
	}
out:
	sqlite3_finalize(row);
	placed_free(v, n);
	if (own && store_read_end(st) < 0 && ret == 0)
		ret = -1;
	return ret;
}

int store_annot_each(struct store *st, const char *tag, int64_t article,
                     store_annot_fn fn, void *ctx)
{
	return each(st, tag, article, false, fn, ctx);
}

int store_annot_each_anchored(struct store *st, int64_t article, store_annot_fn fn, void *ctx)
{
	return each(st, NULL, article, true, fn, ctx);
}

int store_annot_to_review(struct store *st, int64_t *n)
{
	return store_query_int(st, "SELECT count(*) FROM annotation WHERE deleted IS NULL AND anchor = 0"
	                           " AND status IN ('fuzzy', 'orphan')", n);
}

int store_annot_conflicts(struct store *st, int64_t *n)
{
	return store_query_int(st, "SELECT count(*) FROM annotation_conflict c JOIN annotation a"
	                           " ON a.id = c.annotation WHERE a.deleted IS NULL", n);
}

/* ---- links ---------------------------------------------------------------------- */

void store_annot_links_free(struct store_annot_linked *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(l[i].other);
		free(l[i].kind);
		free(l[i].title);
	}
	free(l);
}

int store_annot_links(struct store *st, const char *id, struct store_annot_linked **out,
                      size_t *n)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT o.id, l.kind, ar.title, o.article, o.start, o.end"
	                      " FROM annotation_link l JOIN annotation o"
	                      "  ON o.id = CASE WHEN l.annotation = ?1 THEN l.target ELSE l.annotation END"
	                      " JOIN article ar ON ar.id = o.article"
	                      " WHERE (l.annotation = ?1 OR l.target = ?1) AND o.deleted IS NULL"
	                      " ORDER BY o.article, o.start", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	size_t cap = 0;
	struct placed *v = NULL;
	size_t nv = 0, capv = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		void *grown = util_grow(*out, &cap, *n, sizeof **out);
		void *grown_v = grown ? util_grow(v, &capv, nv, sizeof *v) : NULL;
		if (grown)
			*out = grown;
		if (!grown_v)
			break;
		v = grown_v;
		struct store_annot_linked *l = &(*out)[(*n)++];
		l->other = store_column_dup(s, 0);
		l->kind = store_column_dup(s, 1);
		l->title = store_column_dup(s, 2);
		l->article = sqlite3_column_int64(s, 3);
		v[nv++] = (struct placed){ .article = l->article,
		                           .start = sqlite3_column_int64(s, 4),
		                           .end = sqlite3_column_int64(s, 5) };
	}
	sqlite3_finalize(s);
	int ret = rc == SQLITE_DONE && placed_in_bodies(st, v, nv) == 0 ? 0 : -1;
	for (size_t i = 0; i < nv && ret == 0; i++) {
		(*out)[i].start = v[i].bstart;
		(*out)[i].end = v[i].bend;
	}
	free(v);
	return ret;
}

bool store_annot_coder_is(const char *coder, const char *name)
{
	if (!coder)  /* kept before coders were: only "unknown" names it */
		return strcmp(name, "unknown") == 0 || strcmp(name, _("unknown")) == 0;
	return strcmp(coder, name) == 0;
}
