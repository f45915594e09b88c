/*
 * store_tag_tree.c: the codebook as a tree.  A tag's name is a path,
 * "armi/munizioni" under "armi": its levels are trimmed of blanks, and
 * an empty level is refused.  The tree lists every tag and every level
 * that exists only as the beginning of one, each with its own count of
 * live annotations and the count over its whole branch.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/store_annot.h"
#include "margo/text.h"
#include "margo/util.h"
#include "store_impl.h"
#include "margo/i18n.h"

int store_tag_path(const char *in, size_t len, char **out, char **err)
{
	*out = NULL;
	if (err)
		*err = NULL;
	const char *all = in;
	size_t all_len = text_trim(&all, len);
	if (!all_len)
		return 1;
	struct buf b = { 0 };
	for (const char *p = all, *end = all + all_len; p <= end;) {
		const char *e = memchr(p, '/', (size_t)(end - p));
		size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
		const char *s = p;
		size_t sl = text_trim(&s, n);
		if (!sl) {
			buf_free(&b);
			if (err)
				*err = util_printf(_("the tag \xe2\x80\x9c%.*s\xe2\x80\x9d has an empty level"
				                     " (nothing between two \xe2\x80\x9c/\xe2\x80\x9d or at an end)"),
				                   (int)all_len, all);
			return err && !*err ? -1 : -2;
		}
		if ((b.len && buf_putc(&b, '/') < 0) || buf_append(&b, s, sl) < 0) {
			buf_free(&b);
			return -1;
		}
		if (!e)
			break;
		p = e + 1;
	}
	*out = buf_steal(&b);
	return *out ? 0 : -1;
}

int store_tags_check(const char *list, char sep, char **err)
{
	*err = NULL;
	for (const char *p = list ? list : ""; *p;) {
		const char *e = strchr(p, sep);
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *path = NULL;
		int rc = store_tag_path(p, n, &path, err);
		free(path);
		if (rc < 0)
			return rc;
		p += n + (e ? 1 : 0);
	}
	return 0;
}

/* Tree order: level by level, a parent before its children, "a/b"
 * before "a-b/c" (which a plain sort of the names would mix). */
int store_tag_cmp(const char *a, const char *b)
{
	for (;;) {
		size_t la = strcspn(a, "/"), lb = strcspn(b, "/");
		int d = memcmp(a, b, la < lb ? la : lb);
		if (d)
			return d;
		if (la != lb)
			return la < lb ? -1 : 1;
		a += la, b += lb;
		if (!*a || !*b)
			return !*a && !*b ? 0 : !*a ? -1 : 1;
		a++, b++;
	}
}

static int node_cmp(const void *x, const void *y)
{
	return store_tag_cmp(((const struct store_tag_node *)x)->path,
	                 ((const struct store_tag_node *)y)->path);
}

void store_tag_tree_free(struct store_tag_node *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

/* Add `path` (its first `len` bytes) as a node: a tag, or a level above one. */
static int add_node(struct store_tag_node **v, size_t *n, size_t *cap, const char *path,
                    size_t len, bool exists, int64_t own)
{
	void *grown = util_grow(*v, cap, *n, sizeof **v);
	if (!grown)
		return -1;
	*v = grown;
	struct store_tag_node *t = &(*v)[*n];
	memset(t, 0, sizeof *t);
	if (!(t->path = util_strndup(path, len)))
		return -1;
	t->exists = exists;
	t->own = own;
	(*n)++;
	return 0;
}

int store_tag_tree(struct store *st, struct store_tag_node **out, size_t *n_out)
{
	char **names = NULL;
	int64_t *counts = NULL;
	size_t n = 0, cap = 0, k = 0;
	struct store_tag_node *v = NULL;
	sqlite3_stmt *s = NULL;
	*out = NULL;
	*n_out = 0;
	if (store_tags(st, &names, &counts, &n) < 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		if (add_node(&v, &k, &cap, names[i], strlen(names[i]), true, counts[i]) < 0)
			goto fail;
		/* Each level above it, as a node of its own (duplicates go below). */
		for (const char *p = strchr(names[i], '/'); p; p = strchr(p + 1, '/'))
			if (add_node(&v, &k, &cap, names[i], (size_t)(p - names[i]), false, 0) < 0)
				goto fail;
	}
	if (k)
		qsort(v, k, sizeof *v, node_cmp);
	/* One node a path: a tag wins over the same path as a level above. */
	size_t m = 0;
	for (size_t i = 0; i < k; i++) {
		if (m && strcmp(v[m - 1].path, v[i].path) == 0) {
			if (v[i].exists) {
				v[m - 1].exists = true;
				v[m - 1].own = v[i].own;
			}
			free(v[i].path);
			continue;
		}
		v[m++] = v[i];
	}
	k = m;
	if (store_prepare(st, "SELECT count(DISTINCT a.id) FROM tag t JOIN annotation_tag x"
	                      " ON x.tag = t.id JOIN annotation a ON a.id = x.annotation"
	                      " AND a.deleted IS NULL"
	                      " WHERE t.name = ?1 OR substr(t.name, 1, length(?1) + 1) = ?1 || '/'",
	                  &s) < 0)
		goto fail;
	for (size_t i = 0; i < k; i++) {
		struct store_tag_node *t = &v[i];
		const char *leaf = strrchr(t->path, '/');
		t->name = leaf ? leaf + 1 : t->path;
		for (const char *p = t->path; *p; p++)
			t->depth += *p == '/';
		size_t pl = strlen(t->path);
		for (size_t j = i + 1; j < k && strncmp(v[j].path, t->path, pl) == 0 &&
		                       v[j].path[pl] == '/'; j++)
			t->children += strchr(v[j].path + pl + 1, '/') == NULL;
		sqlite3_bind_text(s, 1, t->path, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_ROW)
			goto fail;
		t->total = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(counts);
	*out = v;
	*n_out = k;
	return 0;
fail:
	sqlite3_finalize(s);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(counts);
	store_tag_tree_free(v, k);
	return -1;
}
