/*
 * entity_cluster.c: from the distinct names of a corpus to its entities.
 *
 * Forms are joined with a union-find in four steps: equal keys (case,
 * diacritics and transliteration variants), a one-word person name to the
 * single multi-word person it can belong to, an acronym to the single
 * multi-word name whose initials it spells, then the user's merges and
 * splits in the order they were made.  A split form keeps its place in
 * the union-find (what was joined through it stays joined) and takes a
 * new node of its own for its mentions and for the merges after it.  Work
 * is sorting and binary search over the forms: O(n log n), no quadratic
 * pass, so a corpus of a million distinct names clusters in seconds.
 */
#include <config.h>

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "margo/entity.h"
#include "margo/text.h"
#include "margo/util.h"

/* ---- keys ----------------------------------------------------------------- */

/* Replace `from` by `to` wherever it occurs in the NUL-terminated word
 * (`to` is never longer than `from`). */
static void replace_all(char *w, const char *from, const char *to)
{
	size_t fl = strlen(from), tl = strlen(to);
	char *p = w;
	while ((p = strstr(p, from))) {
		memmove(p + tl, p + fl, strlen(p + fl) + 1);
		memcpy(p, to, tl);
		p += tl;
	}
}

static bool ends_with(const char *w, const char *suffix)
{
	size_t n = strlen(w), k = strlen(suffix);
	return n > k && strcmp(w + n - k, suffix) == 0;
}

/* One word of a person's name, folded, with the usual transliterations of
 * Slavic and Korean names made one: Andrey/Andrei, Sergej/Sergey/Serghei,
 * Dmitry/Dmitrij/Dmitri, Yuri/Jurij, Mikhail/Michail, Aleksei/Alexei. */
static void translit_word(char *w)
{
	replace_all(w, "ks", "x");
	replace_all(w, "kh", "h");
	replace_all(w, "ch", "h");
	replace_all(w, "ghe", "ge");
	replace_all(w, "ghi", "gi");
	replace_all(w, "ii", "i");
	size_t n = strlen(w);
	if (ends_with(w, "ey") || ends_with(w, "ej"))
		w[n - 1] = 'i';
	else if (ends_with(w, "iy") || ends_with(w, "ij"))
		w[n - 1] = '\0';
	else if (n > 2 && w[n - 1] == 'y' && !strchr("aeiou", w[n - 2]))
		w[n - 1] = 'i';
	if (w[0] == 'y' && w[1])
		w[0] = 'j';
}

char *entity_key(enum entity_type type, const char *norm)
{
	size_t n;
	char *f = text_fold(norm, strlen(norm), &n);
	if (!f)
		return NULL;
	if (type == ENTITY_DATE)
		return f;
	struct buf b = { 0 };
	size_t i = 0;
	/* Words are runs of anything but space, hyphen and apostrophes;
	 * dots are dropped so U.S.A. and USA meet. */
	while (i < n) {
		while (i < n && strchr(" -'\t\n", f[i]))
			i++;
		size_t s = i;
		while (i < n && !strchr(" -'\t\n", f[i]))
			i++;
		if (i == s)
			break;
		char *w = util_strndup(f + s, i - s);
		if (!w)
			goto oom;
		replace_all(w, ".", "");
		replace_all(w, "\xe2\x80\x99", "");  /* a curly apostrophe */
		if (type == ENTITY_PER)
			translit_word(w);
		int rc = *w ? ((b.len ? buf_putc(&b, ' ') : 0) | buf_puts(&b, w)) : 0;
		free(w);
		if (rc < 0)
			goto oom;
	}
	free(f);
	if (!b.data && buf_puts(&b, "") < 0)
		return NULL;
	return buf_steal(&b);
oom:
	free(f);
	buf_free(&b);
	return NULL;
}

/* ---- union-find ------------------------------------------------------------- */

struct work {
	struct entity_form *forms;
	size_t n;
	size_t *parent;           /* n forms, then one node per split form */
	size_t *node;             /* the node holding each form's mentions */
	size_t n_nodes;
	char **keys;
	int *type;                /* the effective type: retype applied */
	size_t *words;            /* words in the key */
	size_t *fit_at, *fit_n;   /* a one-word person that several people fit:
	                           * its range of `fit` (fit_n 0: none) */
	size_t *fit;              /* the multi-word forms fitting such names */
	size_t n_fit, cap_fit;
};

static size_t find(struct work *w, size_t i)
{
	while (w->parent[i] != i) {
		w->parent[i] = w->parent[w->parent[i]];
		i = w->parent[i];
	}
	return i;
}

static void join(struct work *w, size_t a, size_t b)
{
	a = find(w, a);
	b = find(w, b);
	if (a != b)
		w->parent[a] = b;
}

/* Forms that take part in automatic joins (a split form does, in its
 * old place: its entity stays whole without it). */
static bool joinable(const struct work *w, size_t i)
{
	return !w->forms[i].rejected;
}

static int by_key(const void *a, const void *b, void *ctx)
{
	const struct work *w = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	bool dx = w->type[x] == ENTITY_DATE, dy = w->type[y] == ENTITY_DATE;
	if (dx != dy)
		return dx ? 1 : -1;  /* dates never meet names */
	return strcmp(w->keys[x], w->keys[y]);
}

/* Step 1: equal keys join, whatever the type (a place named as an
 * organisation now and then is one entity). */
static void join_equal_keys(struct work *w, size_t *order)
{
	size_t k = 0;
	for (size_t i = 0; i < w->n; i++)
		if (joinable(w, i))
			order[k++] = i;
	qsort_r(order, k, sizeof *order, by_key, w);
	for (size_t i = 1; i < k; i++)
		if (by_key(&order[i - 1], &order[i], w) == 0)
			join(w, order[i - 1], order[i]);
}

struct word_ref {
	const char *word;         /* points into a key */
	size_t len;
	size_t form;
	bool first;               /* the first word of a longer person's name */
};

static int word_cmp(const void *a, const void *b)
{
	const struct word_ref *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->word, y->word, n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Join form i to the forms the sorted index lists under its key, when they
 * all belong to one entity (the join must be unambiguous).  A first name
 * alone ("Francesco") joins only by a last word ("papa Francesco"), never
 * by the first word of a longer name: it says nothing about which
 * Francesco Rossi or Bianchi it is, so across the corpus it joins none of
 * them (its article may still give it to its one full name). */
static const struct word_ref *join_if_one(struct work *w, const struct word_ref *idx, size_t k,
                                          size_t i, size_t *n_hits)
{
	struct word_ref probe = { w->keys[i], strlen(w->keys[i]), 0, false };
	const struct word_ref *hit = bsearch(&probe, idx, k, sizeof *idx, word_cmp);
	*n_hits = 0;
	if (!hit)
		return NULL;
	while (hit > idx && word_cmp(hit - 1, &probe) == 0)
		hit--;  /* the first equal entry */
	size_t root = find(w, hit->form), n = 0;
	bool by_last = false, several = false;
	for (const struct word_ref *h = hit; h < idx + k && word_cmp(h, &probe) == 0; h++, n++) {
		several |= find(w, h->form) != root;
		by_last |= !h->first;
	}
	if (several) {
		*n_hits = n;  /* kept apart: the names that fit it */
		return hit;
	}
	if (by_last || !w->forms[i].first_name_only)
		join(w, i, root);
	return NULL;
}

/* Note the multi-word forms that fit one-word person i, which is kept
 * apart (forms of one key, joined already, share one list). */
static int note_fits(struct work *w, size_t i, const struct word_ref *hit, size_t n,
                     size_t *noted)
{
	size_t r = find(w, i);
	if (noted[r] != SIZE_MAX) {
		w->fit_at[i] = w->fit_at[noted[r]];
		w->fit_n[i] = w->fit_n[noted[r]];
		return 0;
	}
	void *grown = util_grow(w->fit, &w->cap_fit, w->n_fit + n, sizeof *w->fit);
	if (!grown)
		return -1;
	w->fit = grown;
	w->fit_at[i] = w->n_fit;
	w->fit_n[i] = n;
	for (size_t h = 0; h < n; h++)
		w->fit[w->n_fit++] = hit[h].form;
	noted[r] = i;
	return 0;
}

/* The key of one space-separated word of a person's name ("Jong-un"
 * stays one word here: a hyphen joins, "Putin-Kim" is not a full name). */
static char *name_word_key(const char *s, size_t len)
{
	char *word = util_strndup(s, len);
	char *key = word ? entity_key(ENTITY_PER, word) : NULL;
	free(word);
	return key;
}

/*
 * Step 2: "Putin" joins "Vladimir Putin" when the multi-word people whose
 * first or last word is "Putin" are all one entity.  An index of those
 * words, sorted, is searched for each one-word person.
 */
static int join_surnames(struct work *w)
{
	struct word_ref *idx = malloc(2 * w->n * sizeof *idx + 1);
	char **words = calloc(2 * w->n + 1, sizeof *words);
	size_t *noted = malloc((w->n + 1) * sizeof *noted);
	size_t k = 0;
	int rc = -1;
	if (!idx || !words || !noted)
		goto out;
	for (size_t i = 0; i < w->n; i++)
		noted[i] = SIZE_MAX;
	for (size_t i = 0; i < w->n; i++) {
		const char *norm = w->forms[i].norm, *sp = strchr(norm, ' ');
		if (!joinable(w, i) || w->type[i] != ENTITY_PER || !sp)
			continue;
		const char *last = strrchr(norm, ' ') + 1;
		char *a = name_word_key(norm, (size_t)(sp - norm));
		char *b = name_word_key(last, strlen(last));
		words[k] = a;
		words[k + 1] = b;
		if (!a || !b)
			goto out;
		idx[k] = (struct word_ref){ a, strlen(a), i, true };
		idx[k + 1] = (struct word_ref){ b, strlen(b), i, false };
		k += 2;
	}
	qsort(idx, k, sizeof *idx, word_cmp);
	for (size_t i = 0; i < w->n; i++) {
		if (!joinable(w, i) || w->type[i] != ENTITY_PER || strchr(w->forms[i].norm, ' '))
			continue;
		size_t n_hits;
		const struct word_ref *hit = join_if_one(w, idx, k, i, &n_hits);
		if (hit && note_fits(w, i, hit, n_hits, noted) < 0)
			goto out;
	}
	rc = 0;
out:
	if (words)
		for (size_t i = 0; i < 2 * w->n; i++)
			free(words[i]);
	free(words);
	free(noted);
	free(idx);
	return rc;
}

static bool is_connector(const char *word, size_t len)
{
	static const char *const words[] = {
		"di", "del", "della", "dello", "dei", "degli", "delle", "de", "da",
		"e", "ed", "per", "of", "the", "and", "for", "la", "il", "lo", "le",
		"gli", "i", "l", "d", "des", "du", "et", "van", "von", "al", "a", "in",
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i]) == len && memcmp(words[i], word, len) == 0)
			return true;
	return false;
}

/* The initials of a multi-word key, connectors skipped, into `out`. */
static void initials(const char *key, char *out, size_t size)
{
	size_t o = 0;
	for (const char *p = key; *p && o + 1 < size;) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (!is_connector(p, len))
			out[o++] = *p;
		p += len + (e ? 1 : 0);
	}
	out[o] = '\0';
}

/* Step 3: an acronym (one word of 2 to 8 letters written in capitals in
 * the text) joins the one multi-word organisation or place it spells. */
static int join_acronyms(struct work *w)
{
	struct word_ref *idx = malloc(w->n * sizeof *idx + 1);
	char **ini = calloc(w->n + 1, sizeof *ini);
	int rc = -1;
	if (!idx || !ini)
		goto out;
	size_t k = 0;
	for (size_t i = 0; i < w->n; i++) {
		if (!joinable(w, i) || w->type[i] == ENTITY_DATE || w->type[i] == ENTITY_PER ||
		    w->words[i] < 2)
			continue;
		char tmp[16];
		initials(w->keys[i], tmp, sizeof tmp);
		if (strlen(tmp) < 2 || !(ini[i] = util_strdup(tmp)))
			continue;
		idx[k++] = (struct word_ref){ ini[i], strlen(ini[i]), i, false };
	}
	qsort(idx, k, sizeof *idx, word_cmp);
	for (size_t i = 0; i < w->n; i++) {
		const char *norm = w->forms[i].norm;
		size_t len = strlen(w->keys[i]), caps = 0;
		if (!joinable(w, i) || w->type[i] == ENTITY_DATE || w->words[i] != 1 ||
		    len < 2 || len > 8)
			continue;
		for (const char *p = norm; *p; p++)
			caps += isupper((unsigned char)*p) != 0;
		if (caps < 2)
			continue;  /* "Onu" is handled by the gazetteer, "Roma" is a word */
		size_t n_hits;
		join_if_one(w, idx, k, i, &n_hits);
	}
	rc = 0;
out:
	if (ini)
		for (size_t i = 0; i < w->n; i++)
			free(ini[i]);
	free(ini);
	free(idx);
	return rc;
}

/* ---- naming ----------------------------------------------------------------- */

/* Is form a a better name for its cluster than form b?  People: the most
 * words, then the most mentions; others: the most mentions, then the
 * longest; ties by text, so the choice never depends on input order. */
static bool better_name(const struct work *w, size_t a, size_t b)
{
	const struct entity_form *fa = &w->forms[a], *fb = &w->forms[b];
	if (w->type[a] == ENTITY_PER && w->words[a] != w->words[b])
		return w->words[a] > w->words[b];
	if (fa->count != fb->count)
		return fa->count > fb->count;
	size_t la = strlen(fa->norm), lb = strlen(fb->norm);
	if (la != lb)
		return la > lb;
	return strcmp(fa->norm, fb->norm) < 0;
}

static size_t word_count(const char *key)
{
	size_t n = *key ? 1 : 0;
	for (const char *p = key; *p; p++)
		n += *p == ' ';
	return n;
}

struct key_order {
	const struct entity_cluster_out *c;
	const struct work *w;
	const size_t *best;
};

/* Clusters by type and key; of equal ones, first the one named by a form
 * in its old place, then by name. */
static int by_cluster_key(const void *a, const void *b, void *ctx)
{
	const struct key_order *o = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	if (o->c[x].type != o->c[y].type)
		return (int)o->c[x].type - (int)o->c[y].type;
	int cmp = strcmp(o->c[x].key, o->c[y].key);
	if (cmp)
		return cmp;
	bool sx = o->w->node[o->best[x]] != o->best[x], sy = o->w->node[o->best[y]] != o->best[y];
	if (sx != sy)
		return sx ? 1 : -1;
	cmp = strcmp(o->c[x].name, o->c[y].name);
	return cmp ? cmp : (x > y) - (x < y);
}

/* An entity is kept from one rebuild to the next by (type, key): a name
 * split off may leave two clusters with one key, so the second and later
 * get a numbered key of their own (never a key a name can have). */
static int unique_keys(const struct work *w, struct entity_cluster_out *c, const size_t *best,
                       size_t k)
{
	size_t *order = malloc((k + 1) * sizeof *order);
	if (!order)
		return -1;
	for (size_t j = 0; j < k; j++)
		order[j] = j;
	struct key_order o = { c, w, best };
	qsort_r(order, k, sizeof *order, by_cluster_key, &o);
	for (size_t j = 0; j < k;) {
		size_t e = j + 1;
		while (e < k && c[order[e]].type == c[order[j]].type &&
		       strcmp(c[order[e]].key, c[order[j]].key) == 0)
			e++;
		for (size_t d = j + 1; d < e; d++) {
			char *key = util_printf("%s\x1f%zu", c[order[d]].key, d - j + 1);
			if (!key) {
				free(order);
				return -1;
			}
			free(c[order[d]].key);
			c[order[d]].key = key;
		}
		j = e;
	}
	free(order);
	return 0;
}

void entity_clusters_free(struct entity_cluster_out *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].fits);
		free(c[i].name);
		free(c[i].key);
	}
	free(c);
}

/* Give each root a cluster, named by its best form, typed by the type its
 * forms have most often (weighted by mentions). */
static int build_clusters(struct work *w, const struct entity_rename *renames,
                          size_t n_renames, struct entity_cluster_out **out, size_t *n_out)
{
	size_t *slot = malloc((w->n_nodes + 1) * sizeof *slot), *best = NULL;
	size_t (*votes)[ENTITY_TYPES] = NULL;
	struct entity_cluster_out *c = NULL;
	size_t k = 0;
	if (!slot)
		return -1;
	for (size_t i = 0; i < w->n_nodes; i++)
		slot[i] = SIZE_MAX;
	for (size_t i = 0; i < w->n; i++) {
		if (w->forms[i].rejected)
			continue;
		size_t r = find(w, w->node[i]);
		if (slot[r] == SIZE_MAX)
			slot[r] = k++;
	}
	c = calloc(k + 1, sizeof *c);
	best = malloc((k + 1) * sizeof *best);
	votes = calloc(k + 1, sizeof *votes);
	if (!c || !best || !votes)
		goto oom;
	for (size_t j = 0; j < k; j++)
		best[j] = SIZE_MAX;
	for (size_t i = 0; i < w->n; i++) {
		struct entity_form *f = &w->forms[i];
		if (f->rejected) {
			f->cluster = SIZE_MAX;
			continue;
		}
		size_t j = slot[find(w, w->node[i])];
		f->cluster = j;
		c[j].count += f->count;
		votes[j][w->type[i]] += f->count ? f->count : 1;
		if (best[j] == SIZE_MAX || better_name(w, i, best[j]))
			best[j] = i;
	}
	for (size_t j = 0; j < k; j++) {
		int t = 0;
		for (int x = 1; x < ENTITY_TYPES; x++)
			if (votes[j][x] > votes[j][t])
				t = x;
		c[j].type = (enum entity_type)t;
		c[j].name = util_strdup(w->forms[best[j]].norm);
		c[j].form = w->forms[best[j]].norm;
		c[j].key = util_strdup(w->keys[best[j]]);
		if (!c[j].name || !c[j].key)
			goto oom;
	}
	if (unique_keys(w, c, best, k) < 0)
		goto oom;
	for (size_t r = 0; r < n_renames; r++) {
		size_t f = renames[r].form;
		if (f >= w->n || w->forms[f].cluster == SIZE_MAX)
			continue;
		char *name = util_strdup(renames[r].name);
		if (!name)
			goto oom;
		free(c[w->forms[f].cluster].name);
		c[w->forms[f].cluster].name = name;
	}
	free(slot);
	free(best);
	free(votes);
	*out = c;
	*n_out = k;
	return 0;
oom:
	free(slot);
	free(best);
	free(votes);
	if (c)
		entity_clusters_free(c, k);
	return -1;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* The people each kept-apart bare name fits, as clusters: two or more,
 * else none.  The user's word wins: a cluster with a form renamed,
 * merged, split or retyped lists none. */
static int cluster_fits(struct work *w, const struct entity_merge *merges, size_t n_merges,
                        const struct entity_rename *renames, size_t n_renames,
                        struct entity_cluster_out *c, size_t k)
{
	bool *fixed = calloc(k + 1, sizeof *fixed);
	size_t *seen = malloc((k + 1) * sizeof *seen), *cap = calloc(k + 1, sizeof *cap);
	int rc = -1;
	if (!fixed || !seen || !cap)
		goto out;
	const struct entity_form *f = w->forms;
	for (size_t i = 0; i < w->n; i++)
		if (f[i].cluster != SIZE_MAX && (f[i].split || f[i].retype >= 0))
			fixed[f[i].cluster] = true;
	for (size_t m = 0; m < n_merges; m++)
		for (int end = 0; end < 2; end++) {
			size_t x = end ? merges[m].into : merges[m].from;
			if (x < w->n && f[x].cluster != SIZE_MAX)
				fixed[f[x].cluster] = true;
		}
	for (size_t r = 0; r < n_renames; r++)
		if (renames[r].form < w->n && f[renames[r].form].cluster != SIZE_MAX)
			fixed[f[renames[r].form].cluster] = true;
	for (size_t j = 0; j < k; j++)
		seen[j] = SIZE_MAX;
	for (size_t i = 0; i < w->n; i++) {
		size_t j = f[i].cluster;
		if (!w->fit_n[i] || j == SIZE_MAX || fixed[j] || c[j].type != ENTITY_PER ||
		    seen[j] == w->fit_at[i])
			continue;
		seen[j] = w->fit_at[i];  /* forms of one key share their list */
		for (size_t h = w->fit_at[i]; h < w->fit_at[i] + w->fit_n[i]; h++) {
			size_t to = f[w->fit[h]].cluster;
			if (to == SIZE_MAX || to == j)
				continue;
			void *grown = util_grow(c[j].fits, &cap[j], c[j].n_fits, sizeof *c[j].fits);
			if (!grown)
				goto out;
			c[j].fits = grown;
			c[j].fits[c[j].n_fits++] = to;
		}
	}
	for (size_t j = 0; j < k; j++) {
		if (!c[j].fits)
			continue;
		qsort(c[j].fits, c[j].n_fits, sizeof *c[j].fits, cmp_size);
		size_t u = 0;
		for (size_t x = 0; x < c[j].n_fits; x++)
			if (!u || c[j].fits[u - 1] != c[j].fits[x])
				c[j].fits[u++] = c[j].fits[x];
		c[j].n_fits = u;
		if (u < 2) {
			free(c[j].fits);
			c[j].fits = NULL;
			c[j].n_fits = 0;
		}
	}
	rc = 0;
out:
	free(fixed);
	free(seen);
	free(cap);
	return rc;
}

/* Split forms by the point they were split at, then key. */
static int by_split(const void *a, const void *b, void *ctx)
{
	const struct work *w = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	size_t px = w->forms[x].split_after, py = w->forms[y].split_after;
	if (px != py)
		return (px > py) - (px < py);
	int c = by_key(a, b, ctx);
	return c ? c : (x > y) - (x < y);
}

/* Step 4: the user's merges, in order, with the splits made between them:
 * a split form's mentions move to a new node, so a merge made before the
 * split (which joined its old node) no longer pulls them back.  Forms of
 * one key split at one point share the new node. */
static void apply_corrections(struct work *w, size_t *split, size_t n_split,
                              const struct entity_merge *merges, size_t n_merges)
{
	qsort_r(split, n_split, sizeof *split, by_split, w);
	size_t s = 0;
	for (size_t m = 0; m <= n_merges; m++) {
		for (; s < n_split && w->forms[split[s]].split_after <= m; s++) {
			w->node[split[s]] = w->n + s;
			if (s > 0 && w->forms[split[s - 1]].split_after == w->forms[split[s]].split_after &&
			    by_key(&split[s - 1], &split[s], w) == 0)
				join(w, w->node[split[s - 1]], w->node[split[s]]);
		}
		if (m == n_merges)
			break;
		size_t from = merges[m].from, into = merges[m].into;
		if (from < w->n && into < w->n && !w->forms[from].rejected && !w->forms[into].rejected)
			join(w, w->node[from], w->node[into]);
	}
}

int entity_cluster(struct entity_form *forms, size_t n,
                   const struct entity_merge *merges, size_t n_merges,
                   const struct entity_rename *renames, size_t n_renames,
                   struct entity_cluster_out **clusters, size_t *n_clusters)
{
	struct work w = { .forms = forms, .n = n };
	int rc = -1;
	size_t *order = NULL, n_split = 0;
	*clusters = NULL;
	*n_clusters = 0;
	for (size_t i = 0; i < n; i++)
		n_split += forms[i].split && !forms[i].rejected;
	w.n_nodes = n + n_split;
	w.parent = malloc((w.n_nodes + 1) * sizeof *w.parent);
	w.node = malloc((n + 1) * sizeof *w.node);
	w.keys = calloc(n + 1, sizeof *w.keys);
	w.type = malloc((n + 1) * sizeof *w.type);
	w.words = malloc((n + 1) * sizeof *w.words);
	w.fit_at = calloc(n + 1, sizeof *w.fit_at);
	w.fit_n = calloc(n + 1, sizeof *w.fit_n);
	order = malloc((n + 1) * sizeof *order);
	if (!w.parent || !w.node || !w.keys || !w.type || !w.words || !w.fit_at || !w.fit_n ||
	    !order)
		goto out;
	for (size_t i = 0; i < w.n_nodes; i++)
		w.parent[i] = i;
	for (size_t i = 0; i < n; i++) {
		w.node[i] = i;
		w.type[i] = forms[i].retype >= 0 && forms[i].retype < ENTITY_TYPES
		          ? forms[i].retype : (int)forms[i].type;
		if (!(w.keys[i] = entity_key((enum entity_type)w.type[i], forms[i].norm)))
			goto out;
		w.words[i] = word_count(w.keys[i]);
	}
	join_equal_keys(&w, order);
	if (join_surnames(&w) < 0 || join_acronyms(&w) < 0)
		goto out;
	/* The split forms, listed in `order` (no longer needed for keys). */
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (forms[i].split && !forms[i].rejected)
			order[k++] = i;
	apply_corrections(&w, order, k, merges, n_merges);
	rc = build_clusters(&w, renames, n_renames, clusters, n_clusters);
	if (rc == 0 && cluster_fits(&w, merges, n_merges, renames, n_renames, *clusters,
	                            *n_clusters) < 0) {
		entity_clusters_free(*clusters, *n_clusters);
		*clusters = NULL;
		*n_clusters = 0;
		rc = -1;
	}
out:
	if (w.keys)
		for (size_t i = 0; i < n; i++)
			free(w.keys[i]);
	free(w.keys);
	free(w.parent);
	free(w.node);
	free(w.type);
	free(w.words);
	free(w.fit_at);
	free(w.fit_n);
	free(w.fit);
	free(order);
	return rc;
}
