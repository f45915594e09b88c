/*
 * search_background.c: what margo knows of Italian news in general:
 * document frequencies of stems (data/italian-df.txt), to weigh words in a
 * small library, and groups of synonyms (data/synonyms.txt), so two
 * tellings of one fact meet.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/search.h"
#include "margo/util.h"

struct bg_entry {
	char *stem;
	long df;
};

struct syn_entry {
	char *stem;
	char *group;              /* the stem naming its group */
};

struct search_background {
	struct bg_entry *v;
	size_t n;
	long passages;
	struct syn_entry *syn;    /* sorted by stem */
	size_t n_syn;
};

static int by_stem(const void *a, const void *b)
{
	return strcmp(((const struct bg_entry *)a)->stem, ((const struct bg_entry *)b)->stem);
}

static int by_syn(const void *a, const void *b)
{
	return strcmp(((const struct syn_entry *)a)->stem, ((const struct syn_entry *)b)->stem);
}

struct syn_ctx {
	struct search_background *bg;
	size_t cap;
	char *group;              /* the first stem of the line being read */
	int failed;
};

/* One stemmed word of a synonym line. */
static int syn_word(void *vctx, const char *token, size_t len, size_t start, size_t end)
{
	struct syn_ctx *c = vctx;
	(void)start;
	(void)end;
	char *stem = util_strndup(token, len);
	if (!stem)
		return -1;
	if (!c->group) {
		c->group = stem;
		return 0;
	}
	struct search_background *bg = c->bg;
	if (bg->n_syn == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 128;
		struct syn_entry *v = realloc(bg->syn, cap * sizeof *v);
		if (!v) {
			free(stem);
			return -1;
		}
		bg->syn = v;
		c->cap = cap;
	}
	bg->syn[bg->n_syn].stem = stem;
	if (!(bg->syn[bg->n_syn].group = util_strdup(c->group))) {
		free(stem);
		return -1;
	}
	bg->n_syn++;
	return 0;
}

/* Read data/synonyms.txt: each word of a line maps to the line's first. */
static void load_synonyms(struct search_background *bg, const char *datadir)
{
	char *path = util_printf("%s/synonyms.txt", datadir);
	FILE *f = path ? fopen(path, "r") : NULL;
	free(path);
	if (!f)
		return;  /* optional: related passages only match words as written */
	char *line = NULL;
	size_t cap = 0;
	struct syn_ctx c = { .bg = bg };
	while (getline(&line, &cap, f) > 0) {
		if (line[0] == '#')
			continue;
		c.group = NULL;
		search_tokenize(line, strlen(line), true, syn_word, &c);
		free(c.group);
	}
	free(line);
	fclose(f);
	qsort(bg->syn, bg->n_syn, sizeof *bg->syn, by_syn);
}

const char *search_background_synonym(const struct search_background *bg,
                                      const char *stem)
{
	if (!bg || !bg->n_syn)
		return NULL;
	struct syn_entry key = { (char *)stem, NULL };
	const struct syn_entry *e = bsearch(&key, bg->syn, bg->n_syn, sizeof *bg->syn, by_syn);
	return e ? e->group : NULL;
}

struct search_background *search_background_load(const char *datadir, char **warn)
{
	struct search_background *bg = calloc(1, sizeof *bg);
	if (warn)
		*warn = NULL;
	if (!bg)
		return NULL;
	load_synonyms(bg, datadir);
	char *path = util_printf("%s/italian-df.txt", datadir);
	FILE *f = path ? fopen(path, "r") : NULL;
	if (!f) {
		if (warn)
			*warn = util_printf("%s: %s; related passages weigh words by this library only",
			                    path ? path : "italian-df.txt", strerror(errno));
		free(path);
		return bg;
	}
	free(path);
	char *line = NULL;
	size_t cap = 0, vcap = 0;
	while (getline(&line, &cap, f) > 0) {
		long df;
		char stem[256];
		if (line[0] == '#')
			continue;
		if (sscanf(line, "passages %ld", &bg->passages) == 1)
			continue;
		if (sscanf(line, "%ld %255s", &df, stem) != 2)
			continue;
		void *grown = util_grow(bg->v, &vcap, bg->n, sizeof *bg->v);
		if (!grown)
			break;
		bg->v = grown;
		if (!(bg->v[bg->n].stem = util_strdup(stem)))
			break;
		bg->v[bg->n++].df = df;
	}
	free(line);
	fclose(f);
	qsort(bg->v, bg->n, sizeof *bg->v, by_stem);
	return bg;
}

void search_background_free(struct search_background **pbg)
{
	struct search_background *bg = *pbg;
	if (!bg)
		return;
	for (size_t i = 0; i < bg->n; i++)
		free(bg->v[i].stem);
	free(bg->v);
	for (size_t i = 0; i < bg->n_syn; i++) {
		free(bg->syn[i].stem);
		free(bg->syn[i].group);
	}
	free(bg->syn);
	free(bg);
	*pbg = NULL;
}

long search_background_df(const struct search_background *bg, const char *stem,
                          long *passages)
{
	*passages = bg ? bg->passages : 0;
	if (!bg || !bg->n)
		return 0;
	struct bg_entry key = { (char *)stem, 0 };
	const struct bg_entry *e = bsearch(&key, bg->v, bg->n, sizeof *bg->v, by_stem);
	return e ? e->df : 0;
}
