/*
 * entity_lex.c: the lexicons of the entity extractor.
 *
 * Open-addressing hash tables of lower-cased UTF-8 keys (FNV-1a, linear
 * probing, keys back to back in one arena), and the loaders of the data
 * files under margo's data folder and of the Italian word list.  Every
 * file is read once, at load time; a missing file leaves its lexicon
 * empty and adds a line to the warning.
 *
 * Data files (format documented at the top of each):
 *   entity_places.txt, entity_orgs.txt, entity_people.txt   gazetteers
 *   entity_phrases.txt                                       phrases, titles (no entity)
 *   entity_demonyms.txt                                      demonyms
 *   entity_firstnames.txt                                    first names
 *   entity_english.txt                                       English words
 *   entity_cues.txt                                          cue words
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/entity.h"
#include "margo/util.h"
#include "entity_impl.h"
#include "margo/i18n.h"

#define EMPTY UINT32_MAX


static int lex_grow(struct lex_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct lex_slot *s = malloc(cap * sizeof *s);
	if (!s)
		return -1;
	for (size_t i = 0; i < cap; i++)
		s[i].off = EMPTY;
	for (size_t i = 0; i < m->cap; i++) {
		if (m->slots[i].off == EMPTY)
			continue;
		size_t j = m->slots[i].hash & (cap - 1);
		while (s[j].off != EMPTY)
			j = (j + 1) & (cap - 1);
		s[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = s;
	m->cap = cap;
	return 0;
}

static struct lex_slot *lex_find(const struct lex_map *m, const char *k,
                                 size_t n, uint32_t h)
{
	if (!m->cap)
		return NULL;
	size_t j = h & (m->cap - 1);
	for (;;) {
		struct lex_slot *s = &m->slots[j];
		if (s->off == EMPTY)
			return s;
		if (s->hash == h && s->len == n && memcmp(m->arena + s->off, k, n) == 0)
			return s;
		j = (j + 1) & (m->cap - 1);
	}
}

int lex_map_put(struct lex_map *m, const char *k, size_t n, uint32_t val,
                enum lex_merge how)
{
	if (n >= EMPTY / 2)
		return -1;
	if ((m->n + 1) * 2 > m->cap && lex_grow(m) < 0)
		return -1;
	uint32_t h = (uint32_t)util_fnv1a(k, n);
	struct lex_slot *s = lex_find(m, k, n, h);
	if (s->off != EMPTY) {
		switch (how) {
		case LEX_KEEP: break;
		case LEX_REPLACE: s->val = val; break;
		case LEX_OR: s->val |= val; break;
		case LEX_MAX: if (val > s->val) s->val = val; break;
		case LEX_ADD: s->val += val; break;
		}
		return 0;
	}
	if (m->alen + n + 1 > m->acap) {
		size_t cap = m->acap ? m->acap : 4096;
		while (m->alen + n + 1 > cap)
			cap *= 2;
		if (cap >= EMPTY)
			return -1;
		char *a = realloc(m->arena, cap);
		if (!a)
			return -1;
		m->arena = a;
		m->acap = cap;
	}
	memcpy(m->arena + m->alen, k, n);
	m->arena[m->alen + n] = '\0';
	s->off = (uint32_t)m->alen;
	s->len = (uint32_t)n;
	s->hash = h;
	s->val = val;
	m->alen += n + 1;
	m->n++;
	return 0;
}

bool lex_map_get(const struct lex_map *m, const char *k, size_t n,
                 uint32_t *val)
{
	const struct lex_slot *s = lex_find(m, k, n, (uint32_t)util_fnv1a(k, n));
	if (!s || s->off == EMPTY)
		return false;
	if (val)
		*val = s->val;
	return true;
}

void lex_map_free(struct lex_map *m)
{
	free(m->slots);
	free(m->arena);
	memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------------ */
/* Gazetteer entries                                                   */

long gaz_add_entry(struct entity_extractor *x, const char *canon, size_t n,
                   enum entity_type t)
{
	if (x->nents == x->capents) {
		size_t cap = x->capents ? x->capents * 2 : 256;
		struct gaz_entry *e = realloc(x->ents, cap * sizeof *e);
		if (!e)
			return -1;
		x->ents = e;
		x->capents = cap;
	}
	if (x->nlen + n + 1 > x->ncap) {
		size_t cap = x->ncap ? x->ncap : 8192;
		while (x->nlen + n + 1 > cap)
			cap *= 2;
		char *s = realloc(x->names, cap);
		if (!s)
			return -1;
		x->names = s;
		x->ncap = cap;
	}
	memcpy(x->names + x->nlen, canon, n);
	x->names[x->nlen + n] = '\0';
	x->ents[x->nents].canon = (uint32_t)x->nlen;
	x->ents[x->nents].type = (uint8_t)t;
	x->ents[x->nents].kind = t == ENTITY_PER ? GAZ_PERSON : x->load_kind;
	x->nlen += n + 1;
	return (long)x->nents++;
}

/* ------------------------------------------------------------------ */
/* Common words                                                        */

static bool word_in(const struct entity_extractor *x, const char *k, size_t n,
                    const char *tail)
{
	char buf[64];
	size_t tl = strlen(tail);
	if (n + tl > sizeof buf)
		return false;
	memcpy(buf, k, n);
	memcpy(buf + n, tail, tl);
	return lex_map_get(&x->words, buf, n + tl, NULL);
}

static bool ends(const char *k, size_t n, const char *suf, size_t min_stem)
{
	size_t sl = strlen(suf);
	return n >= sl + min_stem && memcmp(k + n - sl, suf, sl) == 0;
}

/*
 * A lower-case key that is an Italian word, or an inflection of one the
 * word list leaves out: the other gender or number of a noun or an
 * adjective ("sorteggiate" from "sorteggiato"), a participle or a
 * gerund of a verb ("sorteggiate", "raccapricciante" from
 * "sorteggiare", "raccapricciare"), an adverb in -mente.
 */
bool ent_common_word(const struct entity_extractor *x, const char *k, size_t n)
{
	if (lex_map_get(&x->words, k, n, NULL))
		return true;
	if (n < 4 || n > 48)
		return false;
	if (ends(k, n, "mente", 4))
		return true;
	static const char *const vowels[] = { "o", "a", "e", "i" };
	char last = k[n - 1];
	if (last == 'o' || last == 'a' || last == 'e' || last == 'i')
		for (size_t v = 0; v < 4; v++)
			if (vowels[v][0] != last && word_in(x, k, n - 1, vowels[v]))
				return true;
	/* -ità / -zione words the list lacks */
	if (ends(k, n, "zione", 3) || ends(k, n, "zioni", 3) || ends(k, n, "ità", 3))
		return true;
	/* "razzismo", "cronologia", "paleoantropologia", "trasferitosi" */
	if (ends(k, n, "ismo", 3) || ends(k, n, "ismi", 3) || ends(k, n, "logia", 2) ||
	    ends(k, n, "logie", 2) || ends(k, n, "grafia", 2) || ends(k, n, "atosi", 3) ||
	    ends(k, n, "itosi", 3) || ends(k, n, "utosi", 3))
		return true;
	static const struct {
		const char *suf, *inf;
	} verb[] = {
		{ "ato", "are" }, { "ata", "are" }, { "ati", "are" }, { "ate", "are" },
		{ "ando", "are" }, { "ante", "are" }, { "anti", "are" },
		{ "uto", "ere" }, { "uta", "ere" }, { "uti", "ere" }, { "ute", "ere" },
		{ "endo", "ere" }, { "ente", "ere" }, { "enti", "ere" },
		{ "ito", "ire" }, { "ita", "ire" }, { "iti", "ire" }, { "ite", "ire" },
		{ "endo", "ire" }, { "ente", "ire" },
	};
	for (size_t v = 0; v < sizeof verb / sizeof verb[0]; v++)
		if (ends(k, n, verb[v].suf, 3) &&
		    word_in(x, k, n - strlen(verb[v].suf), verb[v].inf))
			return true;
	return false;
}

/* ------------------------------------------------------------------ */
/* Reading the files                                                   */

struct warnbuf {
	char **warn;
	int oom;
};

static void add_warning(struct warnbuf *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Append one line to *w->warn (a warning names a file: no fixed buffer). */
static void add_warning(struct warnbuf *w, const char *fmt, ...)
{
	if (!w->warn)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *line = util_vprintf(fmt, ap);
	va_end(ap);
	if (!line) {
		w->oom = 1;
		return;
	}
	size_t old = *w->warn ? strlen(*w->warn) : 0, add = strlen(line);
	char *s = realloc(*w->warn, old + add + 2);
	if (!s) {
		free(line);
		w->oom = 1;
		return;
	}
	if (old)
		s[old++] = '\n';
	memcpy(s + old, line, add + 1);
	free(line);
	*w->warn = s;
}

/* Call fn on every non-blank, non-comment line of a file (trimmed,
 * NUL-terminated).  1 if the file could not be opened, -1 on fn error. */
typedef int (*line_fn)(struct entity_extractor *x, char *line, size_t n,
                       struct tokvec *tv);

static int read_lines(struct entity_extractor *x, const char *path, line_fn fn,
                      struct tokvec *tv)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 1;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		size_t n = (size_t)len;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' ||
		             line[n - 1] == ' ' || line[n - 1] == '\t'))
			n--;
		line[n] = '\0';
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		n -= (size_t)(p - line);
		if (!n || *p == '#')
			continue;
		if (fn(x, p, n, tv) < 0) {
			rc = -1;
			break;
		}
	}
	free(line);
	fclose(f);
	return rc;
}

/* The key of a phrase: its tokens' lower-case forms joined by spaces.
 * Returns the number of tokens (0: none); the key goes to *key. */
static size_t phrase_key(const struct entity_extractor *x, const char *s,
                         size_t n, struct tokvec *tv, char **key, size_t *klen,
                         int *err)
{
	*err = 0;
	if (ent_tokenize(x, s, n, tv) < 0) {
		*err = -1;
		return 0;
	}
	size_t total = 0;
	for (size_t i = 0; i < tv->n; i++)
		total += tv->t[i].keylen + 1;
	char *k = malloc(total + 1);
	if (!k) {
		*err = -1;
		return 0;
	}
	size_t p = 0;
	for (size_t i = 0; i < tv->n; i++) {
		if (i)
			k[p++] = ' ';
		memcpy(k + p, tok_key(tv, i), tv->t[i].keylen);
		p += tv->t[i].keylen;
	}
	k[p] = '\0';
	*key = k;
	*klen = p;
	return tv->n;
}

static int add_phrase(struct entity_extractor *x, const char *s, size_t n,
                      uint32_t entry, struct tokvec *tv)
{
	char *k;
	size_t kl;
	int err;
	size_t nt = phrase_key(x, s, n, tv, &k, &kl, &err);
	if (err)
		return -1;
	if (!nt)
		return 0;
	int rc = lex_map_put(&x->gaz, k, kl, entry, LEX_KEEP);
	if (rc == 0)
		rc = lex_map_put(&x->gaz_first, tok_key(tv, 0), tv->t[0].keylen,
		                 (uint32_t)nt, LEX_MAX);
	free(k);
	return rc;
}

/* "TYPE|Canonical|alias|alias", or "@kind country" for the lines after it */
static int gaz_line(struct entity_extractor *x, char *line, size_t n,
                    struct tokvec *tv)
{
	(void)n;
	if (strncmp(line, "@kind ", 6) == 0) {
		static const char *const kinds[] = { "other", "country", "city", "region" };
		x->load_kind = GAZ_OTHER;
		for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
			if (strcmp(line + 6, kinds[i]) == 0)
				x->load_kind = (uint8_t)i;
		return 0;
	}
	char *bar = strchr(line, '|');
	if (!bar)
		return 0;
	*bar = '\0';
	int t = entity_type_parse(line);
	if (t < 0 || t == ENTITY_DATE)
		return 0;
	char *canon = bar + 1, *next = strchr(canon, '|');
	size_t cl = next ? (size_t)(next - canon) : strlen(canon);
	if (!cl)
		return 0;
	long e = gaz_add_entry(x, canon, cl, (enum entity_type)t);
	if (e < 0 || add_phrase(x, canon, cl, (uint32_t)e, tv) < 0)
		return -1;
	while (next) {
		char *a = next + 1;
		next = strchr(a, '|');
		size_t al = next ? (size_t)(next - a) : strlen(a);
		if (al && add_phrase(x, a, al, (uint32_t)e, tv) < 0)
			return -1;
	}
	return 0;
}

/* "Habemus Papam": a phrase or a title that is no entity, one a line */
static int phrase_line(struct entity_extractor *x, char *line, size_t n,
                       struct tokvec *tv)
{
	x->load_kind = GAZ_PHRASE;
	long e = gaz_add_entry(x, line, n, ENTITY_ORG);
	if (e < 0 || add_phrase(x, line, n, (uint32_t)e, tv) < 0)
		return -1;
	return 0;
}

/* "form form form|Place" */
static int demonym_line(struct entity_extractor *x, char *line, size_t n,
                        struct tokvec *tv)
{
	(void)n;
	char *bar = strchr(line, '|');
	if (!bar || !bar[1])
		return 0;
	*bar = '\0';
	const char *place = bar + 1;
	size_t pl = strlen(place);
	/* The place's gazetteer entry, or a new LOC entry. */
	char *k;
	size_t kl;
	int err;
	uint32_t e;
	size_t nt = phrase_key(x, place, pl, tv, &k, &kl, &err);
	if (err)
		return -1;
	if (!nt)
		return 0;
	bool known = lex_map_get(&x->gaz, k, kl, &e);
	free(k);
	if (!known) {
		long ne = gaz_add_entry(x, place, pl, ENTITY_LOC);
		if (ne < 0)
			return -1;
		e = (uint32_t)ne;
	}
	char *sp = NULL;
	for (char *w = strtok_r(line, " \t", &sp); w; w = strtok_r(NULL, " \t", &sp))
		if (lex_map_put(&x->demonyms, w, strlen(w), e, LEX_KEEP) < 0)
			return -1;
	return 0;
}

/* Words separated by spaces, each a key of `m`. */
static int word_list_line(struct lex_map *m, char *line, struct tokvec *tv)
{
	char *sp = NULL;
	for (char *w = strtok_r(line, " \t", &sp); w; w = strtok_r(NULL, " \t", &sp)) {
		if (ent_tokenize(NULL, w, strlen(w), tv) < 0)
			return -1;
		if (tv->n == 1 && lex_map_put(m, tok_key(tv, 0), tv->t[0].keylen, 1, LEX_KEEP) < 0)
			return -1;
	}
	return 0;
}

/* One name per line, or several separated by spaces. */
static int first_line(struct entity_extractor *x, char *line, size_t n,
                      struct tokvec *tv)
{
	(void)n;
	return word_list_line(&x->first, line, tv);
}

static int english_line(struct entity_extractor *x, char *line, size_t n,
                        struct tokvec *tv)
{
	(void)n;
	return word_list_line(&x->english, line, tv);
}

static const struct {
	const char *name;
	uint64_t bit;
} cue_names[] = {
	{ "title", CUE_TITLE }, { "org-head", CUE_ORG_HEAD },
	{ "loc-head", CUE_LOC_HEAD }, { "org-suffix", CUE_ORG_SUFFIX },
	{ "org-before", CUE_ORG_BEFORE }, { "loc-before", CUE_LOC_BEFORE },
	{ "org-word", CUE_ORG_WORD }, { "org-adj", CUE_ORG_ADJ },
	{ "stop", CUE_STOP }, { "abbr", CUE_ABBR }, { "particle", CUE_PARTICLE },
	{ "per-after", CUE_PER_AFTER }, { "loc-prep", CUE_LOC_PREP },
	{ "join", CUE_HEAD_JOIN }, { "per-head", CUE_PER_HEAD },
	{ "not-name", CUE_NOT_NAME }, { "loc-lower", CUE_LOC_LOWER },
	{ "org-lower", CUE_ORG_LOWER }, { "connector", CUE_CONNECTOR },
	{ "cap-particle", CUE_CAP_PART }, { "none-after", CUE_NONE_AFTER },
	{ "org-tail", CUE_ORG_TAIL }, { "article", CUE_ARTICLE },
	{ "loc-adj", CUE_LOC_ADJ }, { "per-of", CUE_PER_OF },
	{ "sport", CUE_SPORT }, { "org-alone", CUE_ORG_ALONE },
	{ "org-of", CUE_ORG_OF }, { "event", CUE_EVENT }, { "province", CUE_PROVINCE },
	{ "org-di", CUE_ORG_DI }, { "contrada", CUE_CONTRADA },
	{ "org-named", CUE_ORG_NAMED },
};

/* Word k takes the cue bits `bits`, the low half in one map and the high
 * in the other. */
static int cue_put(struct entity_extractor *x, const char *k, size_t n, uint64_t bits)
{
	if ((uint32_t)bits && lex_map_put(&x->cues, k, n, (uint32_t)bits, LEX_OR) < 0)
		return -1;
	if ((uint32_t)(bits >> 32) && lex_map_put(&x->cues_hi, k, n, (uint32_t)(bits >> 32), LEX_OR) < 0)
		return -1;
	return 0;
}

/* "class: word word word" */
static int cue_line(struct entity_extractor *x, char *line, size_t n,
                    struct tokvec *tv)
{
	(void)n;
	char *colon = strchr(line, ':');
	if (!colon)
		return 0;
	*colon = '\0';
	uint64_t bits = 0;
	for (size_t i = 0; i < sizeof cue_names / sizeof cue_names[0]; i++)
		if (strcmp(line, cue_names[i].name) == 0)
			bits = cue_names[i].bit;
	if (!bits)
		return 0;
	char *sp = NULL;
	for (char *w = strtok_r(colon + 1, " \t", &sp); w; w = strtok_r(NULL, " \t", &sp)) {
		if (ent_tokenize(NULL, w, strlen(w), tv) < 0)
			return -1;
		if (tv->n == 1 && cue_put(x, tok_key(tv, 0), tv->t[0].keylen, bits) < 0)
			return -1;
		/* "dell'", "l'": an elided word, keyed with its apostrophe as the
		 * tokenizer keys it before a vowel */
		if (tv->n == 2 && (tv->t[0].flags & T_WORD) &&
		    (strcmp(tok_key(tv, 1), "'") == 0 || strcmp(tok_key(tv, 1), "\xe2\x80\x99") == 0)) {
			size_t kl = tv->t[0].keylen;
			char k[64];
			if (kl + 1 < sizeof k) {
				memcpy(k, tok_key(tv, 0), kl);
				k[kl] = '\'';
				if (cue_put(x, k, kl + 1, bits) < 0)
					return -1;
			}
		}
	}
	return 0;
}

/* The word list: lower-case entries only (capitalised ones are names). */
static int word_line(struct entity_extractor *x, char *line, size_t n,
                     struct tokvec *tv)
{
	(void)tv;
	unsigned char c = (unsigned char)line[0];
	if (c >= 'A' && c <= 'Z')
		return 0;
	/* Entries with a '/' (hunspell flags) keep only the word. */
	char *sl = memchr(line, '/', n);
	if (sl)
		n = (size_t)(sl - line);
	return lex_map_put(&x->words, line, n, 1, LEX_KEEP);
}

static int load_file(struct entity_extractor *x, const char *dir,
                     const char *name, line_fn fn, struct tokvec *tv,
                     bool *missing)
{
	size_t dl = strlen(dir), nl = strlen(name);
	char *path = malloc(dl + nl + 2);
	if (!path)
		return -1;
	memcpy(path, dir, dl);
	path[dl] = '/';
	memcpy(path + dl + 1, name, nl + 1);
	int rc = read_lines(x, path, fn, tv);
	*missing = rc == 1;
	free(path);
	return rc < 0 ? -1 : 0;
}

struct entity_extractor *entity_extractor_load(const char *datadir,
                                               const char *wordlist,
                                               char **warn)
{
	if (warn)
		*warn = NULL;
	struct warnbuf w = { warn, 0 };
	struct entity_extractor *x = calloc(1, sizeof *x);
	if (!x)
		return NULL;
	struct tokvec tv = { 0 };
	int rc = 0;
	/* Cues first: the tokenizer of the other files uses none, but the
	 * order of gazetteers matters (the first file wins a shared alias). */
	static const struct {
		const char *name;
		line_fn fn;
	} files[] = {
		{ "entity_cues.txt", cue_line },
		{ "entity_places.txt", gaz_line },
		{ "entity_orgs.txt", gaz_line },
		{ "entity_people.txt", gaz_line },
		{ "entity_phrases.txt", phrase_line },
		{ "entity_demonyms.txt", demonym_line },
		{ "entity_firstnames.txt", first_line },
		{ "entity_english.txt", english_line },
	};
	if (!datadir) {
		add_warning(&w, "%s", _("entities: no data folder; extracting without lexicons"));
	} else {
		char missing[512] = "";
		size_t nmiss = 0;
		for (size_t i = 0; rc == 0 && i < sizeof files / sizeof files[0]; i++) {
			bool miss = false;
			x->load_kind = GAZ_OTHER;
			rc = load_file(x, datadir, files[i].name, files[i].fn, &tv, &miss);
			if (miss && strlen(missing) + strlen(files[i].name) + 3 < sizeof missing) {
				if (nmiss++)
					strcat(missing, ", ");
				strcat(missing, files[i].name);
			}
		}
		if (nmiss)
			add_warning(&w, _("entities: cannot read %s in %s; extracting without %s"),
			            missing, datadir, nmiss > 1 ? "them" : "it");
	}
	if (rc == 0) {
		const char *wl = wordlist ? wordlist : "/usr/share/dict/italian";
		int r = read_lines(x, wl, word_line, &tv);
		if (r == 1)
			add_warning(&w, _("entities: cannot read the Italian word list %s (%s);"
			                  " sentence-initial words are not checked (install the"
			                  " Debian package witalian)"), wl, strerror(errno));
		else if (r < 0)
			rc = -1;
		else
			x->have_words = true;
	}
	ent_tokvec_free(&tv);
	if (rc < 0 || w.oom) {
		entity_extractor_free(&x);
		if (warn) {
			free(*warn);
			*warn = NULL;
		}
		return NULL;
	}
	return x;
}

void entity_extractor_free(struct entity_extractor **xp)
{
	struct entity_extractor *x = *xp;
	if (!x)
		return;
	lex_map_free(&x->words);
	lex_map_free(&x->gaz);
	lex_map_free(&x->gaz_first);
	lex_map_free(&x->demonyms);
	lex_map_free(&x->first);
	lex_map_free(&x->english);
	lex_map_free(&x->cues);
	lex_map_free(&x->cues_hi);
	free(x->ents);
	free(x->names);
	free(x);
	*xp = NULL;
}
