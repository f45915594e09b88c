/*
 * search_background.c: what margo knows of Italian news in general:
 * document frequencies of stems (data/italian-df.txt), to weigh words in a
 * small library, and groups of synonyms (data/synonyms.txt), so two
 * tellings of one fact meet.
 */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/search.h"
#include "margo/util.h"
#include "margo/i18n.h"

struct bg_entry {
	char *stem;
	long df;
};

struct syn_entry {
	char *stem;
	char *group;              /* the stem naming its group */
};

struct search_background {
	struct bg_entry *v;       /* stems point into text */
	size_t n;
	char *text;               /* italian-df.txt, read whole */
	size_t *slots;            /* hash table of v (SIZE_MAX: empty) */
	size_t n_slots;           /* a power of two, or 0 */
	long passages;
	struct syn_entry *syn;    /* sorted by stem */
	size_t n_syn;
};

/* The slot of `stem`: holding it, or the empty one it would take. */
static size_t bg_slot(const struct search_background *bg, const char *stem)
{
	size_t j = util_fnv1a(stem, strlen(stem)) & (bg->n_slots - 1);
	while (bg->slots[j] != SIZE_MAX && strcmp(bg->v[bg->slots[j]].stem, stem) != 0)
		j = (j + 1) & (bg->n_slots - 1);
	return j;
}

/* Index the stems read (the first of a stem listed twice counts). */
static void bg_index(struct search_background *bg)
{
	size_t n = 16;
	while (n < 2 * bg->n)
		n *= 2;
	if (!(bg->slots = malloc(n * sizeof *bg->slots)))
		return;  /* no memory: no background, as without the file */
	bg->n_slots = n;
	for (size_t i = 0; i < n; i++)
		bg->slots[i] = SIZE_MAX;
	for (size_t i = 0; i < bg->n; i++) {
		size_t j = bg_slot(bg, bg->v[i].stem);
		if (bg->slots[j] == SIZE_MAX)
			bg->slots[j] = i;
	}
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
			*warn = util_printf(_("%s: %s; related passages weigh words by this library only"),
			                    path ? path : "italian-df.txt", strerror(errno));
		free(path);
		return bg;
	}
	free(path);
	/* Read whole and parsed in place: a reader starts with it. */
	struct buf all = { 0 };
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_append(&all, chunk, got) < 0)
			break;
	fclose(f);
	bg->text = buf_steal(&all);
	size_t vcap = 0;
	for (char *line = bg->text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (line[0] == '#')
			continue;
		char *end;
		if (strncmp(line, "passages ", 9) == 0) {
			bg->passages = strtol(line + 9, NULL, 10);
			continue;
		}
		long df = strtol(line, &end, 10);
		if (end == line || *end != ' ')
			continue;
		char *stem = end + strspn(end, " ");
		stem[strcspn(stem, " \t\r")] = '\0';
		if (!*stem)
			continue;
		void *grown = util_grow(bg->v, &vcap, bg->n, sizeof *bg->v);
		if (!grown)
			break;
		bg->v = grown;
		bg->v[bg->n].stem = stem;
		bg->v[bg->n++].df = df;
	}
	bg_index(bg);
	return bg;
}

void search_background_free(struct search_background **pbg)
{
	struct search_background *bg = *pbg;
	if (!bg)
		return;
	free(bg->text);
	free(bg->slots);
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
	if (!bg || !bg->n_slots)
		return 0;
	size_t j = bg_slot(bg, stem);
	return bg->slots[j] == SIZE_MAX ? 0 : bg->v[bg->slots[j]].df;
}
