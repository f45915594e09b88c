/*
 * search.c: the Italian-aware tokenizer, for the full-text index (the FTS5
 * tokenizer "margo") and for C callers.  Folding is in search_fold.c.
 *
 * A word is a run of letters and digits (combining marks inside a run
 * belong to it); everything else separates words, so both apostrophes
 * split elision ("dell'Ucraina" -> "dell" + "ucraina").  Ideographs and
 * kana, written without spaces, are one word each.  A word is folded
 * (canonical decomposition, combining marks dropped, lower case, a few
 * letters with strokes and ligatures spelled out: "Città" -> "citta",
 * "Łódź" -> "lodz", "ß" -> "ss") and then stemmed with Snowball's Italian
 * stemmer.  Folding comes first, so "citta" and "città" always meet, but
 * for one thing: Snowball knows the accented endings of the future and
 * the past ("fornirà", "parlerò"), which folding would hide ("fornira"
 * reads as a noun, stem "fornir", and so would never meet "fornito").  A
 * word ending in an accented vowel is therefore stemmed as written, its
 * stem folded ("forn"); when the folded word stems otherwise, that stem
 * is given too, at the same position (FTS5_TOKEN_COLOCATED), so a query
 * typed without the accent still finds it.
 *
 * Prefix queries.  Stems are not prefixes of their words ("soldati" ->
 * "sold"), so a prefix can not be matched against stems alone.  The index
 * therefore also holds, at the same position (FTS5_TOKEN_COLOCATED), the
 * folded unstemmed word marked with SURFACE_MARK ("=soldati") whenever it
 * differs from the stem; a prefix token in a query is looked up as that
 * marked prefix and, as a synonym, as a prefix of the stems (which covers
 * the words that are their own stem).  Ordinary tokens never start with
 * the mark, so exact queries and fts5vocab look-ups of stems are not
 * disturbed.  This nearly doubles the index; tokenize='margo nosurface'
 * leaves the surfaces out (prefixes then match stems only).
 */
#include <config.h>

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <libstemmer.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "margo/search.h"
#include "search_impl.h"

#define SURFACE_MARK '='
/* Longer words are not stemmed (no real word is this long; index and
 * query go through the same rule, so they still meet). */
#define STEM_MAX 512
/* A reused word buffer larger than this is given back after a call. */
#define KEEP_MAX 65536

/* ---- folding ------------------------------------------------------------ */

/* ASCII letters and digits: 1.  The word characters of the fast path. */
static const unsigned char ascii_word[128] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
	['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
	['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
	['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/* ---- words -------------------------------------------------------------- */

enum cp_class { CP_SEP, CP_WORD, CP_MARK, CP_SINGLE };

/* What a non-ASCII code point does to words. */
static enum cp_class cp_class(ucs4_t c)
{
	if (is_apostrophe(c))
		return CP_SEP;
	uint32_t gc = uc_general_category(c).bitmask;
	if (gc & (UC_CATEGORY_MASK_L | UC_CATEGORY_MASK_N)) {
		if (c >= 0x2E80 && ((c >= 0x3040 && c <= 0x30FF) ||
		                    (c >= 0xFF66 && c <= 0xFF9F) ||
		                    uc_is_property_ideographic(c)))
			return CP_SINGLE;
		return CP_WORD;
	}
	return gc & UC_CATEGORY_MASK_M ? CP_MARK : CP_SEP;
}

/* A growable byte buffer for one folded word; byte 0 is kept free for
 * SURFACE_MARK so the marked form needs no copy. */
struct wbuf {
	uint8_t *p;
	size_t len;
	size_t cap;
};

static int wbuf_reserve(struct wbuf *w, size_t more)
{
	if (w->cap - w->len >= more)
		return 0;
	size_t c = w->cap ? w->cap : 64;
	while (c - w->len < more) {
		if (c > SIZE_MAX / 2)
			return -1;
		c *= 2;
	}
	uint8_t *p = realloc(w->p, c);
	if (!p)
		return -1;
	w->p = p;
	w->cap = c;
	return 0;
}

/* Give back a buffer that one huge word made huge. */
static void wbuf_trim(struct wbuf *w)
{
	if (w->cap > KEEP_MAX) {
		free(w->p);
		w->p = NULL;
		w->cap = w->len = 0;
	}
}

/* A position in the text being split into words. */
struct scan {
	const uint8_t *s;
	size_t len;
	size_t pos;
};

/*
 * The next word: its source span in [*ws, *we) and, when `w` is not NULL,
 * its folded form in w->p[1 .. w->len) (w->p[0] is left for the mark).
 * Returns 1, 0 at the end of the text, -1 when memory runs out.
 */
static int next_word(struct scan *sc, struct wbuf *w, size_t *ws, size_t *we)
{
	const uint8_t *s = sc->s;
	size_t n = sc->len, i = sc->pos;
	ucs4_t c;
	int k;
	enum cp_class cl = CP_WORD;

	for (;;) {             /* find the start of a word */
		if (i >= n) {
			sc->pos = n;
			return 0;
		}
		if (s[i] < 0x80) {
			if (ascii_word[s[i]])
				break;
			i++;
			continue;
		}
		k = u8_mbtouc(&c, s + i, n - i);
		cl = cp_class(c);
		if (cl == CP_WORD || cl == CP_SINGLE)
			break;
		i += (size_t)k;
	}
	*ws = i;
	if (w) {
		w->len = 0;
		if (wbuf_reserve(w, 1 + FOLD_MAX) < 0)
			return -1;
		w->p[w->len++] = SURFACE_MARK;
	}
	bool first = true;
	while (i < n) {
		if (s[i] < 0x80) {
			/* the fast path: a run of ASCII letters and digits */
			size_t j = i;
			while (j < n && s[j] < 0x80 && ascii_word[s[j]])
				j++;
			if (j == i)
				break;
			if (w) {
				if (wbuf_reserve(w, j - i + FOLD_MAX) < 0)
					return -1;
				for (size_t m = i; m < j; m++)
					w->p[w->len++] = ascii_lower(s[m]);
			}
			i = j;
			first = false;
			continue;
		}
		k = u8_mbtouc(&c, s + i, n - i);
		if (!first)
			cl = cp_class(c);
		first = false;
		if (cl == CP_SINGLE) {
			if (i > *ws)
				break;   /* it will be the next word */
		} else if (cl != CP_WORD && cl != CP_MARK) {
			break;
		}
		if (w) {
			if (wbuf_reserve(w, FOLD_MAX) < 0)
				return -1;
			w->len += (size_t)search_fold_cp(c, true, w->p + w->len, 0);
		}
		i += (size_t)k;
		if (cl == CP_SINGLE) {
			/* marks after an ideograph stay with it */
			while (i < n && s[i] >= 0x80) {
				k = u8_mbtouc(&c, s + i, n - i);
				if (cp_class(c) != CP_MARK)
					break;
				i += (size_t)k;
			}
			break;
		}
	}
	*we = i;
	sc->pos = i;
	return 1;
}

/* ---- stemming, with a cache ------------------------------------------------ */

/*
 * Snowball takes most of the tokenizer's time, and news text repeats its
 * words, so each stemmer has a direct-mapped cache of short words and
 * their stems (a slot is overwritten on collision).  It belongs to one
 * tokenizer instance, or to one thread's search_tokenize() calls (kept
 * for the thread's life, so that scoring a hundred passages stems each
 * common word once).
 */
#define CACHE_WORD 31          /* words and stems up to 30 bytes are cached */
#define CACHE_SLOTS_FTS 16384  /* per FTS5 tokenizer instance (1 MiB) */

struct stem_slot {
	uint8_t wlen;              /* 0: empty */
	uint8_t slen;
	uint8_t w[CACHE_WORD];
	uint8_t s[CACHE_WORD];
};

struct stemmer {
	struct sb_stemmer *sb;
	struct stem_slot *slots;   /* NULL: no cache */
	size_t mask;               /* slots - 1, a power of two minus one */
};

/* A stemmer with a cache of `slots` entries (a power of two, or 0). */
static int stemmer_open(struct stemmer *st, size_t slots)
{
	st->slots = NULL;
	st->mask = 0;
	if (!(st->sb = sb_stemmer_new("italian", "UTF_8")))
		return -1;
	if (slots && (st->slots = calloc(slots, sizeof *st->slots)))
		st->mask = slots - 1;      /* without memory, no cache */
	return 0;
}

static void stemmer_close(struct stemmer *st)
{
	if (st->sb)
		sb_stemmer_delete(st->sb);
	free(st->slots);
	st->sb = NULL;
	st->slots = NULL;
}

/* The stem of folded word `w`; valid until the next call.  NULL when
 * memory runs out. */
static const uint8_t *stem_word(struct stemmer *st, const uint8_t *w, size_t n,
                                size_t *slen)
{
	struct stem_slot *slot = NULL;
	if (st->slots && n < CACHE_WORD) {
		uint32_t h = 2166136261u;
		for (size_t i = 0; i < n; i++)
			h = (h ^ w[i]) * 16777619u;
		slot = &st->slots[(h ^ (h >> 15)) & st->mask];
		if (slot->wlen == n && memcmp(slot->w, w, n) == 0) {
			*slen = slot->slen;
			return slot->s;
		}
	}
	const sb_symbol *r = sb_stemmer_stem(st->sb, w, (int)n);
	if (!r)
		return NULL;
	*slen = (size_t)sb_stemmer_length(st->sb);
	if (slot && *slen < CACHE_WORD) {
		slot->wlen = (uint8_t)n;
		slot->slen = (uint8_t)*slen;
		memcpy(slot->w, w, n);
		memcpy(slot->s, r, *slen);
	}
	return r;
}

/* ---- the pipeline --------------------------------------------------------- */

/* Where tokens go: the FTS5 callback or a search_token_fn. */
typedef int (*emit_fn)(void *ctx, int tflags, const uint8_t *tok, size_t n,
                       size_t start, size_t end);

struct run {
	struct stemmer *stemmer;      /* NULL: no stemming */
	struct wbuf *w;
	bool surfaces;                /* add the marked unstemmed form */
	bool prefix;                  /* the last word is a prefix */
	emit_fn emit;
	void *ctx;
};

static bool all_digits(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

/* The Latin-1 accented vowels' second UTF-8 byte (after 0xc3), lower
 * case, that Snowball's Italian stemmer reads: à á è é ì í ò ó ù ú. */
static bool accented_vowel(uint8_t b)
{
	b |= 0x20;  /* À (0x80) -> à (0xa0) and so on */
	return b == 0xa0 || b == 0xa1 || b == 0xa8 || b == 0xa9 || b == 0xac || b == 0xad ||
	       b == 0xb2 || b == 0xb3 || b == 0xb9 || b == 0xba;
}

/* The stem of a word as written, when its last letter is an accented
 * vowel (w[we - 2 .. we) of the text): the folded word with that letter
 * put back, stemmed, and folded again ("fornirà" -> "forn", "città" ->
 * "citt", "più" -> "piu"), in `out`.  Its length; 0 when the word does
 * not end so; -1 when memory runs out. */
static ssize_t stem_as_written(struct stemmer *st, const uint8_t *text, size_t ws, size_t we,
                               const uint8_t *fold, size_t flen, struct wbuf *out)
{
	if (flen < 2 || we - ws < 2 || text[we - 2] != 0xc3 || !accented_vowel(text[we - 1]) ||
	    fold[flen - 1] >= 0x80)
		return 0;
	out->len = 0;
	if (wbuf_reserve(out, flen + 1) < 0)
		return -1;
	memcpy(out->p, fold, flen - 1);
	out->p[flen - 1] = 0xc3;
	out->p[flen] = text[we - 1] | 0x20;
	size_t slen;
	const uint8_t *r = stem_word(st, out->p, flen + 1, &slen);
	if (!r)
		return -1;
	memmove(out->p, r, slen);  /* a stem is never longer than its word */
	if (slen >= 2 && out->p[slen - 2] == 0xc3 && accented_vowel(out->p[slen - 1])) {
		out->p[slen - 2] = fold[flen - 1];  /* the vowel it folds to */
		slen--;
	}
	return (ssize_t)slen;
}

/* Tokenize `len` bytes: each word folded, stemmed unless it is a prefix,
 * and handed to r->emit with its source span. */
static int run_tokens(const struct run *r, const char *text, size_t len)
{
	struct scan sc = { (const uint8_t *)text, len, 0 };
	struct wbuf *w = r->w;
	size_t ws, we;
	int got, rc = 0;
	struct wbuf acc = { 0 };  /* the stem as written, when it is another */

	while ((got = next_word(&sc, w, &ws, &we)) > 0) {
		const uint8_t *fold = w->p + 1;
		size_t flen = w->len - 1;
		bool is_prefix = false;

		if (r->prefix) {
			/* only the last word of a prefix string is a prefix */
			struct scan peek = sc;
			size_t a, b;
			is_prefix = next_word(&peek, NULL, &a, &b) == 0;
		}
		if (is_prefix) {
			rc = r->emit(r->ctx, 0, fold, flen, ws, we);
			if (!rc)
				rc = r->emit(r->ctx, FTS5_TOKEN_COLOCATED, w->p, w->len, ws, we);
		} else if (r->stemmer && flen <= STEM_MAX && !all_digits(fold, flen)) {
			size_t slen;
			ssize_t alen = stem_as_written(r->stemmer, sc.s, ws, we, fold, flen, &acc);
			if (alen < 0) {
				rc = -1;
				break;
			}
			const uint8_t *st = stem_word(r->stemmer, fold, flen, &slen);
			if (!st) {
				rc = -1;
				break;
			}
			bool other = alen && ((size_t)alen != slen || memcmp(acc.p, st, slen) != 0);
			if (other) {
				/* the stem as written first, the folded word's beside it */
				rc = r->emit(r->ctx, 0, acc.p, (size_t)alen, ws, we);
				if (!rc)
					rc = r->emit(r->ctx, FTS5_TOKEN_COLOCATED, st, slen, ws, we);
			} else {
				rc = r->emit(r->ctx, 0, st, slen, ws, we);
			}
			if (!rc && r->surfaces && (slen != flen || memcmp(st, fold, slen) != 0 || other))
				rc = r->emit(r->ctx, FTS5_TOKEN_COLOCATED, w->p, w->len, ws, we);
		} else {
			rc = r->emit(r->ctx, 0, fold, flen, ws, we);
		}
		if (rc)
			break;
	}
	if (got < 0)
		rc = -1;
	free(acc.p);
	wbuf_trim(w);
	return rc;
}

/* ---- search_tokenize ------------------------------------------------------ */

struct c_ctx {
	search_token_fn fn;
	void *ctx;
};

static int emit_c(void *ctx, int tflags, const uint8_t *tok, size_t n,
                  size_t start, size_t end)
{
	struct c_ctx *c = ctx;
	if (tflags & FTS5_TOKEN_COLOCATED)
		return 0;  /* one token a word: the stem as written */
	return c->fn(c->ctx, (const char *)tok, n, start, end);
}

/* The stemmer of this thread's search_tokenize() calls. */
static _Thread_local struct stemmer c_stemmer;

void search_tokenize_release(void)
{
	stemmer_close(&c_stemmer);
}

/* The index's pipeline for C callers. */
int search_tokenize(const char *text, size_t len, bool stem, search_token_fn fn,
                    void *ctx)
{
	struct wbuf w = { 0 };
	struct c_ctx c = { fn, ctx };
	struct run r = { NULL, &w, false, false, emit_c, &c };

	if (!text || !len)
		return 0;
	if (stem) {
		if (!c_stemmer.sb && stemmer_open(&c_stemmer, CACHE_SLOTS_FTS) < 0)
			return -1;
		r.stemmer = &c_stemmer;
	}
	int rc = run_tokens(&r, text, len);
	free(w.p);
	return rc;
}

/* search_tokenize_words: the document tokens (a stem, then its marked
 * surface when the two differ) paired up again.  A stem waits until the
 * next token tells whether a surface of its own follows. */
struct words_ctx {
	search_word_fn fn;
	void *ctx;
	uint8_t *stem;
	size_t slen, cap, start, end;
	bool waiting;
};

static int words_flush(struct words_ctx *c)
{
	if (!c->waiting)
		return 0;
	c->waiting = false;
	return c->fn(c->ctx, (const char *)c->stem, c->slen, (const char *)c->stem, c->slen,
	             c->start, c->end);
}

static int emit_words(void *ctx, int tflags, const uint8_t *tok, size_t n,
                      size_t start, size_t end)
{
	struct words_ctx *c = ctx;
	if (tflags & FTS5_TOKEN_COLOCATED) {
		if (n == 0 || tok[0] != SURFACE_MARK)
			return 0;  /* the folded word's other stem: the word has one */
		/* The surface of the waiting stem: the mark, then the word. */
		c->waiting = false;
		return c->fn(c->ctx, (const char *)tok + 1, n - 1, (const char *)c->stem, c->slen,
		             c->start, c->end);
	}
	int rc = words_flush(c);
	if (rc)
		return rc;
	if (n + 1 > c->cap) {
		uint8_t *grown = realloc(c->stem, n + 64);
		if (!grown)
			return -1;
		c->stem = grown;
		c->cap = n + 64;
	}
	memcpy(c->stem, tok, n);
	c->slen = n;
	c->start = start;
	c->end = end;
	c->waiting = true;
	return 0;
}

/* A document's tokens, as the index takes them, through emit. */
static int run_document(const char *text, size_t len, emit_fn emit, void *ctx)
{
	struct wbuf w = { 0 };
	struct run r = { &c_stemmer, &w, true, false, emit, ctx };
	if (!c_stemmer.sb && stemmer_open(&c_stemmer, CACHE_SLOTS_FTS) < 0)
		return -1;
	int rc = run_tokens(&r, text, len);
	free(w.p);
	return rc;
}

int search_tokenize_words(const char *text, size_t len, search_word_fn fn, void *ctx)
{
	struct words_ctx c = { .fn = fn, .ctx = ctx };
	if (!text || !len)
		return 0;
	int rc = run_document(text, len, emit_words, &c);
	if (rc == 0)
		rc = words_flush(&c);
	free(c.stem);
	return rc;
}

/* search_tokenize_stems: the document tokens of each word (its stem, the
 * folded word's other stem, its marked surface) gathered until the next
 * word begins. */
struct stems_ctx {
	search_stems_fn fn;
	void *ctx;
	struct wbuf stem, alt, fold;
	size_t start, end;
	bool waiting;
};

static int stems_flush(struct stems_ctx *c)
{
	if (!c->waiting)
		return 0;
	c->waiting = false;
	const struct wbuf *f = c->fold.len ? &c->fold : &c->stem;
	return c->fn(c->ctx, (const char *)f->p, f->len, (const char *)c->stem.p, c->stem.len,
	             (const char *)c->alt.p, c->alt.len, c->start, c->end);
}

static int stems_put(struct wbuf *w, const uint8_t *tok, size_t n)
{
	w->len = 0;
	if (wbuf_reserve(w, n + 1) < 0)
		return -1;
	memcpy(w->p, tok, n);
	w->len = n;
	return 0;
}

static int emit_stems(void *ctx, int tflags, const uint8_t *tok, size_t n,
                      size_t start, size_t end)
{
	struct stems_ctx *c = ctx;
	if (tflags & FTS5_TOKEN_COLOCATED) {
		if (n && tok[0] == SURFACE_MARK)
			return stems_put(&c->fold, tok + 1, n - 1);
		return stems_put(&c->alt, tok, n);
	}
	int rc = stems_flush(c);
	if (rc)
		return rc;
	c->alt.len = c->fold.len = 0;
	if (stems_put(&c->stem, tok, n) < 0)
		return -1;
	c->start = start;
	c->end = end;
	c->waiting = true;
	return 0;
}

int search_tokenize_stems(const char *text, size_t len, search_stems_fn fn, void *ctx)
{
	struct stems_ctx c = { .fn = fn, .ctx = ctx };
	if (!text || !len)
		return 0;
	int rc = run_document(text, len, emit_stems, &c);
	if (rc == 0)
		rc = stems_flush(&c);
	free(c.stem.p);
	free(c.alt.p);
	free(c.fold.p);
	return rc;
}

/* ---- the FTS5 tokenizer ----------------------------------------------------- */

/* One instance per table that uses tokenize='margo'. */
struct margo_tok {
	struct stemmer stemmer;
	struct wbuf w;
	bool surfaces;             /* index marked surface forms (default) */
};

typedef int (*fts5_token_cb)(void *, int, const char *, int, int, int);

struct fts_ctx {
	fts5_token_cb xToken;
	void *pCtx;
};

static int emit_fts(void *ctx, int tflags, const uint8_t *tok, size_t n,
                    size_t start, size_t end)
{
	struct fts_ctx *f = ctx;
	/* FTS5 keeps at most 32 KiB of a token; never overflow an int. */
	if (n > INT_MAX)
		n = INT_MAX;
	return f->xToken(f->pCtx, tflags, (const char *)tok, (int)n, (int)start, (int)end);
}

/* xCreate.  One optional argument, "nosurface": index stems only (about
 * half the index and twice the insert speed; prefix queries then only
 * match words whose stem starts with the prefix). */
static int tok_create(void *unused, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct margo_tok *t;
	bool surfaces = true;

	(void)unused;
	*out = NULL;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "nosurface") != 0)
			return SQLITE_ERROR;
		surfaces = false;
	}
	if (!(t = calloc(1, sizeof *t)))
		return SQLITE_NOMEM;
	t->surfaces = surfaces;
	if (stemmer_open(&t->stemmer, CACHE_SLOTS_FTS) < 0) {
		free(t);
		return SQLITE_NOMEM;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

/* xDelete: the stemmer and the word buffer go with the instance. */
static void tok_delete(Fts5Tokenizer *p)
{
	struct margo_tok *t = (struct margo_tok *)p;
	if (!t)
		return;
	stemmer_close(&t->stemmer);
	free(t->w.p);
	free(t);
}

/* xTokenize: documents get stems plus marked surfaces, queries stems,
 * the last word of a prefix string its marked and plain folded prefix;
 * highlight and snippet (AUX) only need one token per position. */
static int tok_tokenize(Fts5Tokenizer *p, void *pCtx, int flags, const char *text,
                        int len, fts5_token_cb xToken)
{
	struct margo_tok *t = (struct margo_tok *)p;
	struct fts_ctx f = { xToken, pCtx };
	struct run r = {
		&t->stemmer, &t->w,
		t->surfaces && (flags & FTS5_TOKENIZE_DOCUMENT) != 0,
		(flags & FTS5_TOKENIZE_PREFIX) != 0,
		emit_fts, &f,
	};
	int rc;

	if (!text || len <= 0)
		return SQLITE_OK;
	rc = run_tokens(&r, text, (size_t)len);
	return rc == -1 ? SQLITE_NOMEM : rc;
}

/* The FTS5 API of a connection, or NULL when SQLite has no FTS5. */
static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int search_register_tokenizer(sqlite3 *db)
{
	fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };   /* copied */
	fts5_api *api = fts5_api_of(db);

	if (!api || api->iVersion < 2)
		return -1;
	if (api->xCreateTokenizer(api, "margo", NULL, &tok, NULL) != SQLITE_OK)
		return -1;
	return search_register_rank(db, api) < 0 ? -1 : search_register_highlight(db, api);
}
