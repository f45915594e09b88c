/*
 * store_related.c: the passages of other articles that tell the same thing.
 *
 * Found in two cheap steps and scored in a third: candidates come from the
 * full-text index (an OR of the source passage's most telling words) and
 * from the mentions of its rarest entities; each candidate (a few hundred
 * at most, whatever the corpus size) is then tokenized and scored by the
 * entities it shares (weighted by rarity), a tf-idf cosine of stemmed
 * words, and the word pairs both have.  Near-copies are found by the
 * overlap of word triples.  See docs/SEARCH.md.
 */
#include <config.h>

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "margo/i18n.h"
#include "margo/search.h"
#include "margo/store_search.h"
#include "margo/text.h"
#include "margo/util.h"
#include "store_impl.h"
#include "wordbag.h"

#define LEX_TERMS 8          /* words of the source put in the OR query */
#define LEX_FIGURES 4         /* figures of the source put in it too */
#define LEX_CANDIDATES 60     /* best passages taken from that query */
#define ENT_ENTITIES 8        /* rarest entities of the source used */
#define ENT_CANDIDATES 15     /* passages taken per entity */
#define VOCAB_LOOKUPS 24      /* source words whose frequency is asked */
#define SECOND_PAIR 0.5       /* weight of a second pair of sentences alike */

/* ---- related passages --------------------------------------------------------- */

struct source_entity {
	int64_t id;
	char *name;
	double idf;
	int64_t articles;
	bool in_focus;            /* named in the sentence asked about */
};

/* An entity mentioned at a byte of a passage. */
struct placed {
	int64_t entity;
	size_t at;
};

struct sentence_vec;

struct related_ctx {
	struct store *st;
	const struct search_background *bg;
	int64_t passage, article;
	int focus;                /* the sentence asked about, or -1 */
	int para;
	char *text;
	struct bag bag;
	uint64_t *triples;        /* its word triples, sorted */
	size_t n_triples;
	struct bag *sbags;        /* the source's sentences */
	size_t n_sbags;
	sqlite3_stmt *sents;      /* sentence spans of a passage */
	double norm;              /* |source vector| */
	struct source_entity *ents;
	size_t n_ents;
	double ent_total;
	int64_t n_articles, n_passages;
	struct placed *at;        /* the source's entity mentions */
	size_t n_at;
	int64_t *cand;            /* candidate passage ids */
	size_t n_cand, cap_cand;
	struct sentence_vec *svec;/* per source sentence */
	double *cover;            /* per scored candidate, per source sentence:
	                           * how well it tells that sentence, 0..1 */
	double *pair;             /* per source sentence, scratch: its best
	                           * cosine with a candidate's sentence, and which */
};

static int add_candidate(struct related_ctx *c, int64_t id)
{
	if (id == c->passage)
		return 0;
	for (size_t i = 0; i < c->n_cand; i++)
		if (c->cand[i] == id)
			return 0;
	if (c->n_cand == c->cap_cand) {
		size_t cap = c->cap_cand ? c->cap_cand * 2 : 128;
		int64_t *p = realloc(c->cand, cap * sizeof *p);
		if (!p)
			return -1;
		c->cand = p;
		c->cap_cand = cap;
	}
	c->cand[c->n_cand++] = id;
	return 0;
}

static int load_source(struct related_ctx *c)
{
	sqlite3_stmt *s;
	if (store_prepare(c->st, "SELECT t.article, t.n - 1, t.text,"
	                   " (SELECT n FROM counter WHERE name = 'articles'),"
	                   " (SELECT n FROM counter WHERE name = 'passages')"
	                   " FROM passage_text t WHERE t.id = ?1", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, c->passage);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		c->article = sqlite3_column_int64(s, 0);
		c->para = sqlite3_column_int(s, 1);
		c->text = store_column_dup(s, 2);
		c->n_articles = sqlite3_column_int64(s, 3);
		c->n_passages = sqlite3_column_int64(s, 4);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : -1;
	return c->text ? 1 : -1;
}

/* Heaviest first; ties by stem, so the words chosen never depend on the
 * order they were met in. */
static int cmp_weight(const void *a, const void *b)
{
	const struct term *s = a, *t = b;
	if (s->w != t->w)
		return (s->w < t->w) - (s->w > t->w);
	return strcmp(s->stem, t->stem);
}

/* Sort order for the first guess of a word's weight (in t->w). */
static int cmp_guess(const void *a, const void *b, void *ctx)
{
	const struct term *t = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	if (t[i].w != t[j].w)
		return (t[i].w < t[j].w) - (t[i].w > t[j].w);
	return strcmp(t[i].stem, t[j].stem);
}

/* Document frequencies in the library of the source's words.  Asking a
 * large index costs a fraction of a millisecond a word, so there only the
 * words that general Italian news says may be telling are asked; for the
 * others the library is assumed to be like general news. */
static int library_df(struct related_ctx *c)
{
	size_t n = c->bag.n, *order = malloc((n + 1) * sizeof *order);
	sqlite3_stmt *df;
	if (!order || store_prepare(c->st, "SELECT doc FROM passage_vocab WHERE term = ?1", &df) < 0) {
		free(order);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		struct term *t = &c->bag.t[i];
		long bn = 0, bd = search_background_df(c->bg, t->stem, &bn);
		t->w = (1 + log(t->tf)) * (bn ? log((double)(bn + 1) / (double)(bd + 1)) : 1.0);
		t->df = bn ? (int64_t)((double)bd / (double)bn * (double)c->n_passages) : -1;
		order[i] = i;
	}
	qsort_r(order, n, sizeof *order, cmp_guess, c->bag.t);
	for (size_t k = 0; k < n; k++) {
		struct term *t = &c->bag.t[order[k]];
		if (k >= VOCAB_LOOKUPS && t->df >= 0 && c->n_passages >= 20000)
			continue;  /* a common word of general news: the estimate */
		sqlite3_bind_text(df, 1, t->stem, -1, SQLITE_STATIC);
		t->df = sqlite3_step(df) == SQLITE_ROW ? sqlite3_column_int64(df, 0) : 0;
		sqlite3_reset(df);
	}
	sqlite3_finalize(df);
	free(order);
	return 0;
}

/* Weigh the source's words by tf-idf, then take candidates from an OR of
 * the best, and of its figures in every way they are written. */
static int lexical_candidates(struct related_ctx *c)
{
	if (library_df(c) < 0)
		return -1;
	double sum = 0;
	for (size_t i = 0; i < c->bag.n; i++) {
		struct term *t = &c->bag.t[i];
		int64_t d = t->df;
		/* A word common in Italian news says little, and so does one
		 * common in this library (its topic): while the library is
		 * small its own idf has little range, so it damps the general
		 * idf rather than replacing it. */
		long bn = 0, bd = search_background_df(c->bg, t->stem, &bn);
		double own = log((double)(c->n_passages + 1) / (double)(d + 1));
		double idf = own;
		if (bn && c->n_passages < 20000) {
			double general = log((double)(bn + 1) / (double)(bd + 1));
			idf = general * own / log((double)(c->n_passages + 1));
		}
		t->w = (1 + log(t->tf)) * idf;
		if (t->w < 0)
			t->w = 0;
		sum += t->w * t->w;
	}
	c->norm = sqrt(sum);
	qsort(c->bag.t, c->bag.n, sizeof *c->bag.t, cmp_weight);
	if (bag_index(&c->bag) < 0)  /* the terms moved */
		return -1;
	/* The best words found in other passages too (a word of this
	 * passage alone finds nothing), but not in so many that ranking
	 * their passages costs more than it tells. */
	int64_t common = c->n_passages / 100 > 50 ? c->n_passages / 100 : 50;
	if (common > 1000)
		common = 1000;  /* ranking is per passage matched: keep it bounded */
	struct buf q = { 0 };
	for (size_t i = 0, used = 0; i < c->bag.n && used < LEX_FIGURES; i++)
		if (c->bag.t[i].w > 0 && is_figure(c->bag.t[i].stem) &&
		    c->bag.t[i].df <= common) {
			figure_forms(&q, c->bag.t[i].stem);
			used++;
		}
	for (size_t i = 0, used = 0; i < c->bag.n && used < LEX_TERMS; i++) {
		if (c->bag.t[i].w <= 0 || c->bag.t[i].df < 2 || c->bag.t[i].df > common ||
		    is_figure(c->bag.t[i].stem))
			continue;
		used++;
		if (q.len)
			buf_puts(&q, " OR ");
		buf_putc(&q, '"');
		for (const char *p = c->bag.t[i].surface; *p; p++) {
			if (*p == '"')
				buf_putc(&q, '"');  /* a quote inside is doubled */
			buf_putc(&q, *p);
		}
		buf_putc(&q, '"');
	}
	if (!q.len) {
		buf_free(&q);
		return 0;
	}
	sqlite3_stmt *s;
	int ret = -1;
	if (store_prepare(c->st, "SELECT rowid, margo_rank(passage_fts) AS r FROM passage_fts"
	                   " WHERE passage_fts MATCH ?1 ORDER BY r, rowid LIMIT ?2", &s) == 0) {
		sqlite3_bind_text(s, 1, q.data, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, LEX_CANDIDATES);
		int rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			if (add_candidate(c, sqlite3_column_int64(s, 0)) < 0)
				break;
		ret = rc == SQLITE_DONE ? 0 : -1;
		sqlite3_finalize(s);
	}
	buf_free(&q);
	return ret;
}

/* The source's entities, rarest first, and the passages that share them. */
static int entity_candidates(struct related_ctx *c)
{
	sqlite3_stmt *s, *p;
	if (store_prepare(c->st, "SELECT DISTINCT e.id, e.name, e.articles FROM mention m"
	                   " JOIN entity e ON e.id = m.entity"
	                   " WHERE m.article = ?1 AND m.para = ?2 ORDER BY e.articles", &s) < 0)
		return -1;
	sqlite3_bind_int64(s, 1, c->article);
	sqlite3_bind_int(s, 2, c->para);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		void *grown = util_grow(c->ents, &cap, c->n_ents, sizeof *c->ents);
		if (!grown)
			break;
		c->ents = grown;
		struct source_entity *e = &c->ents[c->n_ents];
		e->id = sqlite3_column_int64(s, 0);
		e->name = store_column_dup(s, 1);
		int64_t arts = sqlite3_column_int64(s, 2);
		e->articles = arts;
		e->in_focus = false;
		/* An entity in every article says nothing: near zero. */
		e->idf = log((double)c->n_articles / (double)(arts > 0 ? arts : 1));
		if (e->idf < 0)
			e->idf = 0;
		if (!e->name)
			break;
		c->ent_total += e->idf;
		c->n_ents++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return -1;
	if (store_prepare(c->st, "SELECT DISTINCT p.id FROM mention m"
	                   " JOIN paragraph p ON p.article = m.article AND p.n = m.para + 1"
	                   " WHERE m.entity = ?1 AND m.article != ?2 LIMIT ?3", &p) < 0)
		return -1;
	for (size_t i = 0, used = 0; i < c->n_ents && used < ENT_ENTITIES; i++) {
		if (c->ents[i].articles < 2)
			continue;  /* only in this article: no other passage has it */
		used++;
		sqlite3_bind_int64(p, 1, c->ents[i].id);
		sqlite3_bind_int64(p, 2, c->article);
		sqlite3_bind_int(p, 3, ENT_CANDIDATES);
		while ((rc = sqlite3_step(p)) == SQLITE_ROW)
			if (add_candidate(c, sqlite3_column_int64(p, 0)) < 0)
				break;
		sqlite3_reset(p);
	}
	sqlite3_finalize(p);
	return 0;
}

/* The entity mentions of a passage, at bytes from its start (through
 * `s`, the placed-mentions statement).  0 or -1. */
static int passage_mentions(sqlite3_stmt *s, int64_t article, int para, struct placed **out,
                            size_t *n)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(s, 1, article);
	sqlite3_bind_int(s, 2, para);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t at = sqlite3_column_int64(s, 1);
		if (at < 0)
			continue;
		void *grown = util_grow(*out, &cap, *n, sizeof **out);
		if (!grown) {
			rc = SQLITE_NOMEM;
			break;
		}
		*out = grown;
		(*out)[(*n)++] = (struct placed){ sqlite3_column_int64(s, 0), (size_t)at };
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static struct source_entity *source_entity(const struct related_ctx *c, int64_t id)
{
	for (size_t i = 0; i < c->n_ents; i++)
		if (c->ents[i].id == id)
			return &c->ents[i];
	return NULL;
}

static bool placed_in(const struct placed *m, const struct bag *sentence)
{
	return m->at >= sentence->from && m->at < sentence->to;
}

/* A source sentence's words as the comparisons need them, computed once:
 * each word's weight in the cosine ((1 + ln tf) x its weight in the
 * passage) and in the share (its weight in the passage), and the sums. */
struct sentence_vec {
	double *cos_w, *share_w;
	double norm, all;
	int64_t *ent;             /* the entities it names that other articles */
	double *ent_w;            /* name too, sorted, and their weights */
	size_t n_ent;
	double ent_total;
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The entities each sentence of a passage names, distinct and sorted:
 * sentence j's are ids[off[j]] to ids[off[j + 1]].  0 or -1. */
static int sentence_entity_ids(const struct bag *sb, size_t nsb, const struct placed *at,
                               size_t n_at, int64_t **ids, size_t **off)
{
	*ids = malloc((n_at + 1) * sizeof **ids);
	*off = malloc((nsb + 1) * sizeof **off);
	if (!*ids || !*off)
		return -1;
	size_t k = 0;
	for (size_t j = 0; j < nsb; j++) {
		size_t from = k;
		(*off)[j] = k;
		for (size_t i = 0; i < n_at; i++)
			if (placed_in(&at[i], &sb[j]))
				(*ids)[k++] = at[i].entity;
		qsort(*ids + from, k - from, sizeof **ids, cmp_id);
		size_t d = from;
		for (size_t i = from; i < k; i++)
			if (i == from || (*ids)[i] != (*ids)[d - 1])
				(*ids)[d++] = (*ids)[i];
		k = d;
	}
	(*off)[nsb] = k;
	return 0;
}

/* Each source sentence's entities with their weights (those that other
 * articles name too, and not every article). */
static int sentence_entities_of_source(struct related_ctx *c)
{
	int64_t *ids;
	size_t *off;
	int rc = sentence_entity_ids(c->sbags, c->n_sbags, c->at, c->n_at, &ids, &off);
	for (size_t i = 0; rc == 0 && i < c->n_sbags; i++) {
		struct sentence_vec *v = &c->svec[i];
		v->ent = malloc((off[i + 1] - off[i] + 1) * sizeof *v->ent);
		v->ent_w = malloc((off[i + 1] - off[i] + 1) * sizeof *v->ent_w);
		if (!v->ent || !v->ent_w) {
			rc = -1;
			break;
		}
		for (size_t j = off[i]; j < off[i + 1]; j++) {
			const struct source_entity *e = source_entity(c, ids[j]);
			if (!e || e->articles < 2 || e->idf <= 0)
				continue;
			v->ent[v->n_ent] = ids[j];
			v->ent_w[v->n_ent++] = e->idf;
			v->ent_total += e->idf;
		}
	}
	free(ids);
	free(off);
	return rc;
}

/* The share of the weight of the entities a source sentence names that a
 * candidate's sentence (its sorted entities ids[0..n)) names as well; -1
 * when the source sentence names none. */
static double sentence_entities(const struct sentence_vec *v, const int64_t *ids, size_t n)
{
	if (v->ent_total <= 0)
		return -1;
	double shared = 0;
	for (size_t a = 0, b = 0; a < v->n_ent && b < n;) {
		if (v->ent[a] == ids[b])
			shared += v->ent_w[a++];
		else if (v->ent[a] < ids[b])
			a++;
		else
			b++;
	}
	return shared / (v->ent_total + 1.0);
}

static int sentence_vectors(struct related_ctx *c)
{
	c->svec = calloc(c->n_sbags + 1, sizeof *c->svec);
	if (!c->svec)
		return -1;
	for (size_t i = 0; i < c->n_sbags; i++) {
		const struct bag *ss = &c->sbags[i];
		struct sentence_vec *v = &c->svec[i];
		v->cos_w = malloc((ss->n + 1) * sizeof *v->cos_w);
		v->share_w = malloc((ss->n + 1) * sizeof *v->share_w);
		if (!v->cos_w || !v->share_w)
			return -1;
		double sn = 0;
		for (size_t t = 0; t < ss->n; t++) {
			const struct term *w = bag_find_term(&c->bag, &ss->t[t]);
			v->share_w[t] = w ? w->w : 0;
			v->cos_w[t] = (1 + log(ss->t[t].tf)) * v->share_w[t];
			sn += v->cos_w[t] * v->cos_w[t];
			v->all += v->share_w[t];
		}
		v->norm = sqrt(sn);
	}
	return 0;
}

static void sentence_vectors_free(struct related_ctx *c)
{
	for (size_t i = 0; c->svec && i < c->n_sbags; i++) {
		free(c->svec[i].cos_w);
		free(c->svec[i].share_w);
		free(c->svec[i].ent);
		free(c->svec[i].ent_w);
	}
	free(c->svec);
}

/* Compare the sentences of the source with those of a candidate: returns
 * the best word cosine of a pair, plus SECOND_PAIR times the best of a
 * pair of two other sentences (a candidate telling two of the source's
 * facts tells more than one telling one), and fills cover[i] with how
 * well the candidate tells source sentence i: the share of the sentence's
 * word weight its best sentence has (however many other words it has),
 * with the entities that sentence names.  `pair` is scratch room for two
 * numbers a source sentence. */
static double compare_sentences(const struct related_ctx *c, const struct bag *cb, size_t ncb,
                                const int64_t *ids, const size_t *off, double *cover,
                                double *pair)
{
	double best = 0;
	size_t bi = 0;
	for (size_t i = 0; i < c->n_sbags; i++) {
		const struct bag *ss = &c->sbags[i];
		const struct sentence_vec *v = &c->svec[i];
		cover[i] = 0;
		pair[2 * i] = 0;          /* its best cosine */
		pair[2 * i + 1] = 0;      /* with that candidate sentence */
		for (size_t j = 0; j < ncb; j++) {
			double cn = 0, dot = 0, shared = 0;
			for (size_t t = 0; t < cb[j].n; t++)
				cn += (1 + log(cb[j].t[t].tf)) * (1 + log(cb[j].t[t].tf));
			for (size_t t = 0; t < ss->n; t++) {
				const struct term *ct = bag_find_term(&cb[j], &ss->t[t]);
				if (ct) {
					dot += v->cos_w[t] * (1 + log(ct->tf));
					shared += v->share_w[t];
				}
			}
			/* A sentence of few words matches too easily. */
			size_t k = ss->n < cb[j].n ? ss->n : cb[j].n;
			double x = v->norm > 0 && cn > 0 ? dot / (v->norm * sqrt(cn)) : 0;
			x *= k >= 6 ? 1.0 : (double)k / 6.0;
			if (x > best) {
				best = x;
				bi = i;
			}
			if (x > pair[2 * i]) {
				pair[2 * i] = x;
				pair[2 * i + 1] = (double)j;
			}
			double share = v->all > 0 ? shared / v->all : 0;
			double e = sentence_entities(v, ids + off[j], off[j + 1] - off[j]);
			double y = e < 0 ? share : 0.5 * share + 0.5 * e;
			if (y > cover[i])
				cover[i] = y;
		}
	}
	double second = 0;
	for (size_t i = 0; i < c->n_sbags; i++)
		if (i != bi && pair[2 * i + 1] != pair[2 * bi + 1] && pair[2 * i] > second)
			second = pair[2 * i];
	return best + SECOND_PAIR * second;
}

/* For each sentence of a candidate (mentions `ca`), the weight of the
 * source's entities it names (only those of the sentence asked about,
 * with `focus`), each once. */
static void sentence_names(const struct related_ctx *c, const struct bag *cb, size_t ncb,
                             const struct placed *ca, size_t n_ca, bool focus, double *names)
{
	for (size_t j = 0; j < ncb; j++) {
		names[j] = 0;
		for (size_t i = 0; i < n_ca; i++) {
			const struct source_entity *e = source_entity(c, ca[i].entity);
			bool again = false;
			for (size_t k = 0; k < i && !again; k++)
				again = ca[k].entity == ca[i].entity && placed_in(&ca[k], &cb[j]);
			if (e && (!focus || e->in_focus) && !again && placed_in(&ca[i], &cb[j]))
				names[j] += e->idf;
		}
	}
}

/* Score one candidate; fills h (title etc. are read here) and cover (one
 * figure per source sentence).  0 skip, 1 scored, -1 error. */
static int score_candidate(struct related_ctx *c, int64_t id, sqlite3_stmt *get,
                           sqlite3_stmt *ents, struct store_hit *h, double *cover)
{
	sqlite3_bind_int64(get, 1, id);
	int rc = sqlite3_step(get);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(get);
		return rc == SQLITE_DONE ? 0 : -1;
	}
	int64_t article = sqlite3_column_int64(get, 0);
	if (article == c->article) {
		sqlite3_reset(get);
		return 0;
	}
	memset(h, 0, sizeof *h);
	h->passage = id;
	h->article = article;
	h->n = sqlite3_column_int(get, 1);
	char *text = store_column_dup(get, 2);
	h->title = store_column_dup(get, 3);
	h->date = store_column_dup(get, 4);
	h->para_start = (size_t)sqlite3_column_int64(get, 5);
	sqlite3_reset(get);
	struct bag b = { .bg = c->bg };
	struct placed *ca = NULL;
	size_t n_ca = 0;
	if (!text || !h->title || bag_fill(&b, text) < 0 ||
	    passage_mentions(ents, article, h->n - 1, &ca, &n_ca) < 0) {
		free(text);
		free(ca);
		bag_free(&b);
		return -1;
	}
	/* Words: the whole passages, and the best pairs of sentences (one
	 * sentence of a long passage may tell the same fact as another). */
	double whole = bag_cosine(&c->bag, &c->bag, &b), best = 0;
	struct bag *cb = NULL;
	size_t ncb = 0, ns;
	int64_t *ids = NULL;
	size_t *off = NULL;
	memset(cover, 0, c->n_sbags * sizeof *cover);
	bool ok = sentence_bags(c->sents, article, h->n - 1, &b, &cb, &ncb, &ns) == 0 &&
	          sentence_entity_ids(cb, ncb, ca, n_ca, &ids, &off) == 0;
	if (ok)
		best = compare_sentences(c, cb, ncb, ids, off, cover, c->pair);
	/* The sentence it is listed for: the snippet is centred on it and a
	 * jump lands on it. */
	const struct bag *fs = c->focus >= 0 && (size_t)c->focus < c->n_sbags
	                       ? &c->sbags[c->focus] : NULL;
	double shares = 0, *name_w = ok ? calloc(ncb + 1, sizeof *name_w) : NULL;
	if (name_w)
		sentence_names(c, cb, ncb, ca, n_ca, fs != NULL, name_w);
	size_t told = name_w ? related_best_sentence(&c->bag, fs, cb, ncb, name_w, &shares) : 0;
	if (name_w && fs && shares <= 0) {
		fs = NULL;  /* nothing of that sentence: what the passage shares */
		sentence_names(c, cb, ncb, ca, n_ca, false, name_w);
		told = related_best_sentence(&c->bag, NULL, cb, ncb, name_w, &shares);
	}
	ok = ok && name_w;
	free(name_w);
	size_t from = told < ncb ? cb[told].from : 0, to = told < ncb ? cb[told].to : strlen(text);
	char *marked = ok ? related_marked(&b, &c->bag, fs, from, to, &h->told_from, &h->told_to)
	                  : NULL;
	h->hit_start = h->para_start + from;
	h->hit_end = h->para_start + to;
	bags_free(cb, ncb);
	free(ids);
	free(off);
	/* Its entities sorted, to be looked up by the source's. */
	int64_t *has = ok && marked ? malloc((n_ca + 1) * sizeof *has) : NULL;
	if (!has) {
		free(marked);
		free(text);
		free(ca);
		bag_free(&b);
		return -1;
	}
	for (size_t j = 0; j < n_ca; j++)
		has[j] = ca[j].entity;
	qsort(has, n_ca, sizeof *has, cmp_id);
	free(ca);
	double lexical = 0.4 * whole + 0.6 * best;
	/* The reason: shared words and names, best first, and those of the
	 * sentence asked about before the others. */
	fs = c->focus >= 0 && (size_t)c->focus < c->n_sbags ? &c->sbags[c->focus] : NULL;
	struct buf terms = { 0 };
	int n_terms = 0;
	for (int pass = fs ? 0 : 1; pass < 2; pass++)
		for (size_t i = 0; i < c->bag.n && n_terms < 4; i++) {
			const struct term *t = &c->bag.t[i];
			if (t->w <= 0 || !bag_find_term(&b, t) ||
			    (fs && (bag_find_term(fs, t) != NULL) != (pass == 0)))
				continue;
			buf_printf(&terms, "%s%s", n_terms ? ", " : "", t->surface);
			n_terms++;
		}
	/* Entities: the share of the source's entity weight found here. */
	double shared = 0;
	struct buf names = { 0 };
	int n_names = 0;
	for (int pass = fs ? 0 : 1; pass < 2; pass++)
		for (size_t i = 0; i < c->n_ents; i++) {
			bool here = bsearch(&c->ents[i].id, has, n_ca, sizeof *has, cmp_id) != NULL;
			if (!here || (fs && c->ents[i].in_focus != (pass == 0)))
				continue;
			shared += c->ents[i].idf;
			if (n_names < 4) {
				buf_printf(&names, "%s%s", n_names ? ", " : "", c->ents[i].name);
				n_names++;
			}
		}
	free(has);
	double entity = shared / (c->ent_total + 2.0);
	double pairs = shared_pairs(&c->bag, &b);
	h->score = 0.7 * lexical + 0.15 * entity + 0.15 * pairs;
	h->near_copy = triple_overlap(c->triples, c->n_triples, &b) >= 0.5;
	h->snippet = marked;
	free(text);
	/* The reason twice: in English for JSON Lines (what scripts read),
	 * and in the reader's language for a person. */
	struct buf why = { 0 };
	if (h->near_copy)
		buf_puts(&why, "near copy; ");
	buf_printf(&why, "shared: %s; terms: %s", n_names ? names.data : "none",
	           n_terms ? terms.data : "none");
	h->why = buf_steal(&why);
	/* TRANSLATORS: "none" where no name or no word is shared. */
	const char *none = _("none");
	h->why_shown = h->near_copy
	               /* TRANSLATORS: why a passage is related: the names
	                * (people, places...) both passages tell of, then
	                * their words in common; it nearly copies this one. */
	               ? util_printf(_("near copy; shared: %s; terms: %s"),
	                             n_names ? names.data : none, n_terms ? terms.data : none)
	               /* TRANSLATORS: why a passage is related: the names
	                * both passages tell of, then their words in common. */
	               : util_printf(_("shared: %s; terms: %s"), n_names ? names.data : none,
	                             n_terms ? terms.data : none);
	buf_free(&names);
	buf_free(&terms);
	bag_free(&b);
	return h->why && h->why_shown ? 1 : -1;
}

int store_related(struct store *st, const struct search_background *bg, int64_t passage,
                  int sentence, int limit, struct store_hit **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct related_ctx c = { .st = st, .bg = bg, .passage = passage, .focus = -1,
	                         .bag = { .bg = bg } };
	size_t sentences = 0;
	sqlite3_stmt *get = NULL, *ents = NULL;
	int ret = -1;
	int found = load_source(&c);
	if (found <= 0) {
		ret = found;
		goto out;
	}
	if (store_prepare(st, "SELECT s.bstart - p.bstart, s.bend - p.bstart FROM sentence s"
	                " JOIN paragraph p ON p.article = s.article AND p.n = s.para + 1"
	                " WHERE s.article = ?1 AND s.para = ?2 ORDER BY s.n", &c.sents) < 0 ||
	    bag_fill(&c.bag, c.text) < 0 ||
	    (c.triples = triples(&c.bag, &c.n_triples), false) ||
	    sentence_bags(c.sents, c.article, c.para, &c.bag, &c.sbags, &c.n_sbags, &sentences) < 0 ||
	    lexical_candidates(&c) < 0 || sentence_vectors(&c) < 0 || entity_candidates(&c) < 0)
		goto out;
	/* Headings are not passages that tell anything: left out. */
	if (store_prepare(st, "SELECT t.article, t.n, t.text, a.title, a.date, p.bstart"
	                " FROM passage_text t JOIN article a ON a.id = t.article"
	                " JOIN paragraph p ON p.id = t.id WHERE t.id = ?1 AND p.kind = 0", &get) < 0 ||
	    store_prepare(st, "SELECT m.entity, m.bstart - p.bstart FROM mention m"
	                " JOIN paragraph p ON p.article = m.article AND p.n = m.para + 1"
	                " WHERE m.article = ?1 AND m.para = ?2 AND m.entity IS NOT NULL", &ents) < 0 ||
	    passage_mentions(ents, c.article, c.para, &c.at, &c.n_at) < 0 ||
	    sentence_entities_of_source(&c) < 0)
		goto out;
	/* The sentence asked about, in its group of a very long passage, and
	 * the entities it names. */
	if (sentence >= 0 && (size_t)sentence < sentences) {
		c.focus = (int)((size_t)sentence / sentence_group(sentences));
		for (size_t j = 0; j < c.n_at; j++) {
			struct source_entity *e = source_entity(&c, c.at[j].entity);
			if (e && placed_in(&c.at[j], &c.sbags[c.focus]))
				e->in_focus = true;
		}
	}
	size_t m = c.n_sbags;
	struct store_hit *v = calloc(c.n_cand + 1, sizeof *v);
	c.cover = calloc((c.n_cand + 1) * (m + 1), sizeof *c.cover);
	c.pair = calloc(2 * (m + 1), sizeof *c.pair);
	if (!v || !c.cover || !c.pair) {
		free(v);
		goto out;
	}
	size_t k = 0;
	for (size_t i = 0; i < c.n_cand; i++) {
		int rc = score_candidate(&c, c.cand[i], get, ents, &v[k], &c.cover[k * m]);
		if (rc < 0) {
			store_hit_clear(&v[k]);
			store_hits_free(v, k);
			goto out;
		}
		if (rc == 1 && v[k].score > 0)
			k++;
		else if (rc == 1)
			store_hit_clear(&v[k]);
	}
	ssize_t placed = related_diversify(v, k, c.cover, m, (size_t)limit, c.focus);
	if (placed < 0) {
		store_hits_free(v, k);
		goto out;
	}
	*out = v;
	*n = (size_t)placed;
	ret = sentence >= 0 && (size_t)sentence >= sentences ? 1 : 0;
out:
	sqlite3_finalize(get);
	sqlite3_finalize(ents);
	sqlite3_finalize(c.sents);
	sentence_vectors_free(&c);
	bags_free(c.sbags, c.n_sbags);
	free(c.triples);
	for (size_t i = 0; i < c.n_ents; i++)
		free(c.ents[i].name);
	free(c.ents);
	free(c.cand);
	free(c.cover);
	free(c.pair);
	free(c.at);
	free(c.text);
	bag_free(&c.bag);
	return ret;
}

