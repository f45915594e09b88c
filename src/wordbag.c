/*
 * wordbag.c: the words of a passage, for related passages (see wordbag.h):
 * tokenizing into a bag with hash tables, sentence bags, weighted cosine,
 * shared word pairs and word triples, and the ways a figure is written.
 */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/search.h"
#include "entity_impl.h"
#include "margo/util.h"
#include "wordbag.h"

void bag_free(struct bag *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->t[i].stem);
		free(b->t[i].surface);
	}
	for (size_t i = 0; i < b->n_seq; i++)
		free(b->seq[i]);
	free(b->t);
	free(b->seq);
	free(b->content);
	free(b->content_at);
	free(b->content_end);
	free(b->slots);
	free(b->kslots);
	memset(b, 0, sizeof *b);
}


/* Rebuild the hash table for a capacity of `cap` terms. */
static int bag_rehash(struct bag *b, size_t cap)
{
	size_t n = 16;
	while (n < 2 * cap)
		n *= 2;
	size_t *slots = malloc(n * sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; i < n; i++)
		slots[i] = SIZE_MAX;
	for (size_t i = 0; i < b->n; i++) {
		size_t j = util_fnv1a(b->t[i].stem, strlen(b->t[i].stem)) & (n - 1);
		while (slots[j] != SIZE_MAX)
			j = (j + 1) & (n - 1);
		slots[j] = i;
	}
	free(b->slots);
	b->slots = slots;
	b->n_slots = n;
	return 0;
}

/* The slot of `stem` in the hash table: holding it, or empty. */
static size_t bag_slot(const struct bag *b, const char *stem, size_t len)
{
	size_t j = util_fnv1a(stem, len) & (b->n_slots - 1);
	while (b->slots[j] != SIZE_MAX) {
		const char *t = b->t[b->slots[j]].stem;
		if (strlen(t) == len && memcmp(t, stem, len) == 0)
			break;
		j = (j + 1) & (b->n_slots - 1);
	}
	return j;
}

/* The folded words, in order (for stop words and triples). */
static int seq_add(struct bag *b, const char *token, size_t len)
{
	if (b->n_seq == b->cap_seq) {
		size_t c = b->cap_seq ? b->cap_seq * 2 : 64;
		char **p = realloc(b->seq, c * sizeof *p);
		if (!p)
			return -1;
		b->seq = p;
		b->cap_seq = c;
	}
	if (!(b->seq[b->n_seq] = util_strndup(token, len)))
		return -1;
	b->n_seq++;
	return 0;
}

/* Stems meet when their keys are equal: the stem itself, or its first six
 * bytes when it is longer: the stemmer leaves "satellitar" and "satell"
 * apart, and their keys meet. */
static size_t meet_len(size_t len)
{
	return len >= 6 ? 6 : len;
}

static void set_key(struct term *t, size_t len)
{
	t->klen = meet_len(len);
	t->khash = util_fnv1a(t->stem, t->klen);
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

enum { NOT_FIGURE, FIGURE, PART_OF_FIGURE };

/* The first word after a number, as the tokenizer reads it. */
struct next_word {
	int month;                /* 1..12 when it names a month, else 0 */
	size_t start;             /* where it begins */
};

static int take_next_word(void *ctx, const char *folded, size_t flen, const char *stem,
                          size_t slen, size_t start, size_t end)
{
	(void)stem;
	(void)slen;
	(void)end;
	struct next_word *w = ctx;
	w->month = ent_month(folded, flen);
	w->start = start;
	return 1;  /* one word is enough */
}

/* The month named by the word right after byte `end` (only blanks between:
 * "19 febbraio"), or 0.  The look is bounded: a month's name is short. */
static int month_after(const char *text, size_t end)
{
	const char *t = text + end;
	size_t len = strnlen(t, 48);
	struct next_word w = { 0, 0 };
	if (search_tokenize_words(t, len, take_next_word, &w) != 1 || !w.month)
		return 0;
	for (size_t i = 0; i < w.start;) {
		if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n')
			i++;
		else if ((unsigned char)t[i] == 0xc2 && (unsigned char)t[i + 1] == 0xa0)
			i += 2;  /* a no-break space */
		else
			return 0;
	}
	return w.month;
}

/* A figure, as the digits of its value: "27", "ventisette"; "12.000",
 * "12mila" and "dodicimila" alike; "5,9" and "5.9", "3.42" and "3:42"
 * (a decimal or a time, one figure).  News tells a fact by its figures,
 * so they count as content words however short, from 10 up (a single
 * digit is too common to tell anything).  PART_OF_FIGURE for the second
 * part of a decimal or a time, and the "cento" of "per cento" (a
 * percentage, not a hundred of anything): words that tell nothing alone. */
static int figure(const struct bag *b, const char *folded, size_t flen, size_t start,
                   size_t end, char *out, size_t outsz)
{
	size_t d = 0;
	while (d < flen && digit(folded[d]))
		d++;
	if (d > 0 && start >= 2 && strchr(".,:", b->text[start - 1]) && digit(b->text[start - 2]))
		return PART_OF_FIGURE;  /* the "42" of "3.42" */
	if (d > 0 && folded[0] != '0' && d + 8 < outsz) {
		if (d < flen && !(flen - d == 4 && memcmp(folded + d, "mila", 4) == 0))
			return NOT_FIGURE;
		memcpy(out, folded, d);
		if (d < flen) {
			memcpy(out + d, "000", 4);  /* "4mila" */
			return FIGURE;
		}
		/* Thousands written with points: "12.000", "1.500.000". */
		const char *t = b->text + end;
		while (t[0] == '.' && digit(t[1]) && digit(t[2]) && digit(t[3]) && !digit(t[4]) &&
		       d + 8 < outsz) {
			memcpy(out + d, t + 1, 3);
			d += 3;
			t += 4;
		}
		/* A decimal or a time: "5,9", "3.42", "3:42". */
		if (t[0] && strchr(".,:", t[0]) && digit(t[1]) && !(digit(t[2]) && digit(t[3]))) {
			size_t n = digit(t[2]) ? 2 : 1;
			out[d++] = '.';
			memcpy(out + d, t + 1, n);
			out[d + n] = '\0';
			return FIGURE;
		}
		out[d] = '\0';
		/* A day of a date ("19 febbraio") is the date, not the figure
		 * 19: it meets the same date and no bare number. */
		int month = d <= 2 ? month_after(b->text, end) : 0;
		long day = strtol(out, NULL, 10);
		if (month && day >= 1 && day <= 31) {
			snprintf(out, outsz, "%ld/%02d", day, month);
			return FIGURE;
		}
		return d >= 2 ? FIGURE : NOT_FIGURE;
	}
	if (d > 0)
		return NOT_FIGURE;
	long v = search_number_word(folded, flen);
	if (v == 100 && flen == 5 && end >= 9 && memcmp(b->text + end - 9, "per ", 4) == 0)
		return PART_OF_FIGURE;
	if (v < 10)
		return NOT_FIGURE;
	snprintf(out, outsz, "%ld", v);
	return FIGURE;
}

/* One word: its folded form goes into the sequence, its stem into the bag.
 * A stem with synonyms counts as the one naming its group. */
static int bag_add(void *ctx, const char *folded, size_t flen, const char *token, size_t len,
                   size_t start, size_t end)
{
	struct bag *b = ctx;
	if (seq_add(b, folded, flen) < 0)
		return -1;
	folded = b->seq[b->n_seq - 1];
	char stem[64];
	if (b->bg && len < sizeof stem) {
		memcpy(stem, token, len);
		stem[len] = '\0';
		const char *group = search_background_synonym(b->bg, stem);
		if (group) {
			token = group;
			len = strlen(group);
		}
	}
	/* Words that carry the content: figures; no stop words, no words
	 * under four letters (however short their stems: "navi", "voti"
	 * count), and no capitalised words (names count through the
	 * entities, once). */
	size_t fl = strlen(folded);
	char number[32];
	int fig = figure(b, folded, fl, start, end, number, sizeof number);
	if (fig == PART_OF_FIGURE)
		return 0;
	if (fig == FIGURE) {
		token = number;
		len = strlen(number);
	}
	unsigned char first = (unsigned char)b->text[start];
	if (!fig && (fl < 4 || search_is_stopword(folded, fl) ||
	             (first >= 'A' && first <= 'Z') ||
	             (first == 0xc3 && start + 1 < end && (unsigned char)b->text[start + 1] >= 0x80 &&
	              (unsigned char)b->text[start + 1] <= 0x9e)))
		return 0;
	if (b->n_content == b->cap_content) {
		size_t c = b->cap_content ? b->cap_content * 2 : 64;
		const char **p = realloc(b->content, c * sizeof *p);
		if (p)
			b->content = p;
		size_t *at = realloc(b->content_at, c * sizeof *at);
		if (at)
			b->content_at = at;
		size_t *to = realloc(b->content_end, c * sizeof *to);
		if (to)
			b->content_end = to;
		if (!p || !at || !to)
			return -1;
		b->cap_content = c;
	}
	b->content_at[b->n_content] = start;
	b->content_end[b->n_content] = end;
	if (b->n == b->cap) {
		size_t c = b->cap ? b->cap * 2 : 64;
		struct term *p = realloc(b->t, c * sizeof *p);
		if (!p || (b->t = p, bag_rehash(b, c) < 0))
			return -1;
		b->cap = c;
	}
	size_t j = bag_slot(b, token, len);
	if (b->slots[j] != SIZE_MAX) {
		struct term *t = &b->t[b->slots[j]];
		t->tf++;
		b->content[b->n_content++] = t->stem;
		return 0;
	}
	struct term *t = &b->t[b->n];
	t->stem = util_strndup(token, len);
	t->surface = util_strndup(b->text + start, end - start);
	t->tf = 1;
	set_key(t, len);
	t->w = 0;
	t->df = 0;
	if (!t->stem || !t->surface) {
		free(t->stem);
		free(t->surface);
		return -1;
	}
	b->slots[j] = b->n;
	b->content[b->n_content++] = t->stem;
	b->n++;
	return 0;
}

/* Pairs of consecutive content words (same stems) that two passages
 * share, the mark of the same fact told twice ("supporto reciproco",
 * "caso di attacco"); each weighs as its rarer word does in `a`, relative
 * to a's best word, so common phrases count little.  Capped at 1. */
static uint64_t pair_hash(const char *x, const char *y)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (const char *p = x; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	h = (h ^ 0xff) * 0x100000001b3ULL;
	for (const char *p = y; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	return h;
}

static int cmp_u64(const void *a, const void *b);

double shared_pairs(const struct bag *a, const struct bag *b)
{
	double best = a->n ? a->t[0].w : 0, shared = 0;  /* a is sorted by w */
	if (best <= 0 || a->n_content < 2 || b->n_content < 2)
		return 0;
	/* b's pairs, hashed and sorted: one lookup for each pair of a. */
	size_t nb = b->n_content - 1;
	uint64_t *hb = malloc(nb * sizeof *hb);
	if (!hb)
		return 0;
	for (size_t j = 0; j < nb; j++)
		hb[j] = pair_hash(b->content[j], b->content[j + 1]);
	qsort(hb, nb, sizeof *hb, cmp_u64);
	for (size_t i = 0; i + 1 < a->n_content; i++) {
		const char *x = a->content[i], *y = a->content[i + 1];
		uint64_t h = pair_hash(x, y);
		if (bsearch(&h, hb, nb, sizeof *hb, cmp_u64)) {
			const struct term *tx = bag_find(a, x), *ty = bag_find(a, y);
			double wx = tx ? tx->w : 0, wy = ty ? ty->w : 0;
			shared += (wx < wy ? wx : wy) / best;
		}
	}
	free(hb);
	return shared < 1 ? shared : 1;
}


/* Index the terms by meeting key, for bag_find; after any reordering. */
int bag_index(struct bag *b)
{
	size_t n = 16;
	while (n < 2 * b->n + 2)
		n *= 2;
	size_t *k = malloc(n * sizeof *k);
	if (!k)
		return -1;
	for (size_t i = 0; i < n; i++)
		k[i] = SIZE_MAX;
	for (size_t i = 0; i < b->n; i++) {
		const struct term *s = &b->t[i];
		size_t j = s->khash & (n - 1);
		while (k[j] != SIZE_MAX) {
			const struct term *o = &b->t[k[j]];
			if (o->khash == s->khash && o->klen == s->klen &&
			    memcmp(o->stem, s->stem, s->klen) == 0)
				break;  /* the first term with this key stays */
			j = (j + 1) & (n - 1);
		}
		if (k[j] == SIZE_MAX)
			k[j] = i;
	}
	free(b->kslots);
	b->kslots = k;
	b->n_kslots = n;
	return 0;
}

static const struct term *find_key(const struct bag *b, const char *stem, size_t len,
                                   uint64_t hash)
{
	if (!b->n_kslots)
		return NULL;
	size_t j = hash & (b->n_kslots - 1);
	while (b->kslots[j] != SIZE_MAX) {
		const struct term *t = &b->t[b->kslots[j]];
		if (t->khash == hash && t->klen == len && memcmp(t->stem, stem, len) == 0)
			return t;
		j = (j + 1) & (b->n_kslots - 1);
	}
	return NULL;
}

const struct term *bag_find(const struct bag *b, const char *stem)
{
	size_t len = meet_len(strlen(stem));
	return find_key(b, stem, len, util_fnv1a(stem, len));
}

const struct term *bag_find_term(const struct bag *b, const struct term *x)
{
	return find_key(b, x->stem, x->klen, x->khash);
}

int bag_fill(struct bag *b, const char *text)
{
	b->text = text;
	size_t len = strlen(text);
	if (search_tokenize_words(text, len, bag_add, b) != 0)
		return -1;
	return bag_index(b);
}

/* Cosine of a source bag (its terms weighted by the source's idf) with a
 * candidate bag (tf only, its idf unknown). */
double bag_cosine(const struct bag *src, const struct bag *whole_src,
                         const struct bag *cand)
{
	double dot = 0, sn = 0, cn = 0;
	for (size_t i = 0; i < src->n; i++) {
		const struct term *w = bag_find_term(whole_src, &src->t[i]);
		double ws = (1 + log(src->t[i].tf)) * (w ? w->w : 0);
		sn += ws * ws;
		const struct term *ct = bag_find_term(cand, &src->t[i]);
		if (ct)
			dot += ws * (1 + log(ct->tf));
	}
	for (size_t i = 0; i < cand->n; i++)
		cn += (1 + log(cand->t[i].tf)) * (1 + log(cand->t[i].tf));
	return sn > 0 && cn > 0 ? dot / (sqrt(sn) * sqrt(cn)) : 0;
}

/* The bags of the sentences of a passage: spans come from the sentence
 * table, relative to the passage's text. */
/* Count one stem into a bag that has no text of its own (a sentence of a
 * passage already tokenized). */
static int bag_put(struct bag *b, const char *stem)
{
	if (b->n == b->cap) {
		size_t c = b->cap ? b->cap * 2 : 16;
		struct term *p = realloc(b->t, c * sizeof *p);
		if (!p || (b->t = p, bag_rehash(b, c) < 0))
			return -1;
		b->cap = c;
	}
	size_t len = strlen(stem), j = bag_slot(b, stem, len);
	if (b->slots[j] != SIZE_MAX) {
		b->t[b->slots[j]].tf++;
		return 0;
	}
	struct term *t = &b->t[b->n];
	memset(t, 0, sizeof *t);
	if (!(t->stem = util_strndup(stem, len)))
		return -1;
	t->tf = 1;
	set_key(t, len);
	b->slots[j] = b->n++;
	return 0;
}

/* The bags of the sentences of a passage, made from the passage's own
 * bag (no second tokenizing): spans come from the sentence table,
 * relative to the passage's text. */
size_t sentence_group(size_t sentences)
{
	return sentences > SENTENCE_BAGS ? (sentences + SENTENCE_BAGS - 1) / SENTENCE_BAGS : 1;
}

int sentence_bags(sqlite3_stmt *sents, int64_t article, int para, const struct bag *whole,
                  struct bag **out, size_t *n, size_t *sentences)
{
	*out = NULL;
	*n = 0;
	*sentences = 0;
	struct { size_t from, to; } *span = NULL;
	size_t cap = 0, ns = 0;
	sqlite3_bind_int64(sents, 1, article);
	sqlite3_bind_int(sents, 2, para);
	int rc;
	while ((rc = sqlite3_step(sents)) == SQLITE_ROW) {
		int64_t s = sqlite3_column_int64(sents, 0), e = sqlite3_column_int64(sents, 1);
		if (s < 0 || e < s)
			continue;
		void *grown = util_grow(span, &cap, ns, sizeof *span);
		if (!grown) {
			rc = SQLITE_NOMEM;
			break;
		}
		span = grown;
		span[ns].from = (size_t)s;
		span[ns].to = (size_t)e;
		ns++;
	}
	sqlite3_reset(sents);
	size_t g = sentence_group(ns), k = 0;
	if (rc == SQLITE_DONE && ns)
		*out = calloc((ns + g - 1) / g, sizeof **out);
	if (rc != SQLITE_DONE || (ns && !*out)) {
		free(span);
		return -1;
	}
	/* Sentences in groups of g, in order: one bag a group. */
	for (size_t i = 0; i < ns; i += g) {
		struct bag *b = &(*out)[(*n)++];
		b->from = span[i].from;
		b->to = span[i + g <= ns ? i + g - 1 : ns - 1].to;
		while (k < whole->n_content && whole->content_at[k] < b->from)
			k++;
		for (; k < whole->n_content && whole->content_at[k] < b->to; k++)
			if (bag_put(b, whole->content[k]) < 0)
				break;
		if (bag_index(b) < 0) {
			free(span);
			return -1;
		}
	}
	free(span);
	*sentences = ns;
	return 0;
}

void bags_free(struct bag *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		bag_free(&b[i]);
	free(b);
}

/* A hash of three consecutive words (FNV-1a over the folded words). */
static uint64_t triple_hash(char *const *w)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (int k = 0; k < 3; k++) {
		for (const char *p = w[k]; *p; p++) {
			h ^= (unsigned char)*p;
			h *= 0x100000001b3ULL;
		}
		h ^= 0xff;  /* word boundary */
		h *= 0x100000001b3ULL;
	}
	return h;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* The sorted triple hashes of a bag (malloc'd; NULL when it has none). */
uint64_t *triples(const struct bag *b, size_t *n)
{
	*n = b->n_seq >= 3 ? b->n_seq - 2 : 0;
	if (!*n)
		return NULL;
	uint64_t *v = malloc(*n * sizeof *v);
	if (!v) {
		*n = 0;
		return NULL;
	}
	for (size_t i = 0; i < *n; i++)
		v[i] = triple_hash(&b->seq[i]);
	qsort(v, *n, sizeof *v, cmp_u64);
	return v;
}

/* Share of the word triples of the shorter passage found in the other one
 * (a short passage copied into a long one counts); `src` holds the sorted
 * triples of a. */
double triple_overlap(const uint64_t *src, size_t ns, const struct bag *b)
{
	size_t nb;
	uint64_t *tb = triples(b, &nb);
	if (!ns || !nb) {
		free(tb);
		return 0;
	}
	size_t shared = 0;
	for (size_t i = 0; i < nb; i++)
		if ((i == 0 || tb[i] != tb[i - 1]) && bsearch(&tb[i], src, ns, sizeof *src, cmp_u64))
			shared++;
	free(tb);
	return (double)shared / (double)(ns < nb ? ns : nb);
}

/* A figure of the word bag ("27", "380000", "5.9"): its stem is digits. */
bool is_figure(const char *stem)
{
	return *stem >= '0' && *stem <= '9' && stem[strspn(stem, "0123456789.")] == '\0';
}

/* Append to an FTS5 OR query the ways a figure is written in digits:
 * "380000" as 380000, "380.000" (the phrase 380 000) and "380mila";
 * "5.9" as 5.9, 5,9 and 5:9 (the phrase 5 9). */
void figure_forms(struct buf *q, const char *stem)
{
	size_t n = strlen(stem);
	const char *dot = strchr(stem, '.');
	if (q->len)
		buf_puts(q, " OR ");
	if (dot) {
		buf_printf(q, "\"%.*s %s\"", (int)(dot - stem), stem, dot + 1);
		return;
	}
	buf_printf(q, "\"%s\"", stem);
	if (n <= 3 || n > 12 || strcmp(stem + n - 3, "000") != 0)
		return;
	buf_puts(q, " OR \"");
	size_t first = n % 3 ? n % 3 : 3;  /* groups of three from the right */
	buf_printf(q, "%.*s", (int)first, stem);
	for (size_t i = first; i < n; i += 3)
		buf_printf(q, " %.3s", stem + i);
	buf_putc(q, '"');
	if (n <= 6)
		buf_printf(q, " OR \"%.*smila\"", (int)(n - 3), stem);
}
