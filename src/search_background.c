/*
 * search_background.c: document frequencies of stems in general Italian
 * news, read from data/italian-df.txt, to weigh words in a small library.
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

struct search_background {
	struct bg_entry *v;
	size_t n;
	long passages;
};

static int by_stem(const void *a, const void *b)
{
	return strcmp(((const struct bg_entry *)a)->stem, ((const struct bg_entry *)b)->stem);
}

struct search_background *search_background_load(const char *datadir, char **warn)
{
	struct search_background *bg = calloc(1, sizeof *bg);
	if (warn)
		*warn = NULL;
	if (!bg)
		return NULL;
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
		if (bg->n == vcap) {
			vcap = vcap ? vcap * 2 : 4096;
			struct bg_entry *v = realloc(bg->v, vcap * sizeof *v);
			if (!v)
				break;
			bg->v = v;
		}
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
