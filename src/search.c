/*
 * search.c: the Italian-aware tokenizer, for the full-text index (the FTS5
 * tokenizer "margo") and for C callers, and folding for in-article search.
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

#include <libstemmer.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "margo/search.h"

#define SURFACE_MARK '='
/* Longer words are not stemmed (no real word is this long; index and
 * query go through the same rule, so they still meet). */
#define STEM_MAX 512
/* Bytes one code point may fold to: a canonical decomposition, each part
 * at most two code points of four bytes after the spelling-out table. */
#define FOLD_MAX (UC_DECOMPOSITION_MAX_LENGTH * 8)
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

static inline uint8_t ascii_lower(uint8_t b)
{
	return b >= 'A' && b <= 'Z' ? (uint8_t)(b + 32) : b;
}

static inline bool is_apostrophe(ucs4_t c)
{
	return c == 0x2019 || c == 0x2018 || c == 0x02BC;
}

/* Letters that NFD leaves alone but a reader types without their stroke
 * or as two letters.  Writes the replacement and returns its length in
 * bytes, or 0 when `c` is not one of them. */
static int spell_out(ucs4_t c, uint8_t *out)
{
	const char *r;
	switch (c) {
	case 0x00DF: r = "ss"; break;   /* ß */
	case 0x1E9E: r = "SS"; break;   /* ẞ */
	case 0x00E6: r = "ae"; break;   /* æ */
	case 0x00C6: r = "AE"; break;
	case 0x0153: r = "oe"; break;   /* œ */
	case 0x0152: r = "OE"; break;
	case 0x00F8: r = "o"; break;    /* ø */
	case 0x00D8: r = "O"; break;
	case 0x0142: r = "l"; break;    /* ł */
	case 0x0141: r = "L"; break;
	case 0x0111: r = "d"; break;    /* đ */
	case 0x0110: r = "D"; break;
	case 0x0127: r = "h"; break;    /* ħ */
	case 0x0126: r = "H"; break;
	case 0x0131: r = "i"; break;    /* dotless ı */
	case 0x03C2: return u8_uctomb(out, 0x03C3, 4);   /* final sigma */
	default: return 0;
	}
	size_t n = strlen(r);
	memcpy(out, r, n);
	return (int)n;
}

/* Fold one code point that has no canonical decomposition left. */
static int fold_base(ucs4_t c, bool lower, uint8_t *out)
{
	uint32_t gc = uc_general_category(c).bitmask;
	if (gc & (UC_CATEGORY_MASK_Mn | UC_CATEGORY_MASK_Me))
		return 0;
	if (lower)
		c = uc_tolower(c);
	int n = spell_out(c, out);
	if (n)
		return n;
	n = u8_uctomb(out, c, 4);
	return n > 0 ? n : 0;
}

/* Fold one non-ASCII code point into `out` (FOLD_MAX bytes): decomposed
 * all the way down, marks dropped, lower-cased.  Returns the bytes
 * written (0 for a combining mark). */
static int fold_cp(ucs4_t c, bool lower, uint8_t *out, int depth)
{
	ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
	int nd;

	/* Hangul syllables decompose into letters, not marks: keep them. */
	if ((c >= 0xAC00 && c <= 0xD7A3) || depth > 4 ||
	    (nd = uc_canonical_decomposition(c, d)) <= 0)
		return fold_base(c, lower, out);
	int n = 0;
	for (int i = 0; i < nd && n + 8 <= FOLD_MAX; i++)
		n += i == 0 ? fold_cp(d[i], lower, out + n, depth + 1)
		            : fold_base(d[i], lower, out + n);
	return n;
}

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
			w->len += (size_t)fold_cp(c, true, w->p + w->len, 0);
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

/* The stem of a word whose last letter, as written, is the accented vowel
 * `acc` (its second UTF-8 byte): the folded word with that letter put
 * back, stemmed, and folded again ("fornirà" -> "forn", "città" -> "citt",
 * "più" -> "piu").  Written into `out` (room for flen + 2 bytes); its
 * length, or 0 when memory runs out. */
static size_t accented_stem(struct stemmer *st, const uint8_t *fold, size_t flen, uint8_t acc,
                            uint8_t *out)
{
	memcpy(out, fold, flen - 1);
	out[flen - 1] = 0xc3;
	out[flen] = acc | 0x20;
	size_t slen;
	const uint8_t *r = stem_word(st, out, flen + 1, &slen);
	if (!r || slen > flen + 1)
		return 0;
	memmove(out, r, slen);
	if (slen >= 2 && out[slen - 2] == 0xc3 && accented_vowel(out[slen - 1])) {
		out[slen - 2] = fold[flen - 1];  /* the vowel it folds to */
		slen--;
	}
	return slen;
}

/* Tokenize `len` bytes: each word folded, stemmed unless it is a prefix,
 * and handed to r->emit with its source span. */
static int run_tokens(const struct run *r, const char *text, size_t len)
{
	struct scan sc = { (const uint8_t *)text, len, 0 };
	struct wbuf *w = r->w;
	size_t ws, we;
	int got, rc = 0;
	uint8_t *acc = NULL;      /* the accented word's stem, when there is one */
	size_t acc_cap = 0;

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
			size_t slen, alen = 0;
			const uint8_t *b = sc.s;
			if (flen >= 2 && we - ws >= 2 && b[we - 2] == 0xc3 && accented_vowel(b[we - 1]) &&
			    fold[flen - 1] < 0x80) {
				if (acc_cap < flen + 2) {
					uint8_t *grown = realloc(acc, flen + 2);
					if (!grown) {
						rc = -1;
						break;
					}
					acc = grown;
					acc_cap = flen + 2;
				}
				if (!(alen = accented_stem(r->stemmer, fold, flen, b[we - 1], acc))) {
					rc = -1;
					break;
				}
			}
			const uint8_t *st = stem_word(r->stemmer, fold, flen, &slen);
			if (!st) {
				rc = -1;
				break;
			}
			bool other = alen && (alen != slen || memcmp(acc, st, slen) != 0);
			if (other) {
				/* the stem as written first, the folded word's beside it */
				rc = r->emit(r->ctx, 0, acc, alen, ws, we);
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
	free(acc);
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
	if ((tflags & FTS5_TOKEN_COLOCATED) && (n == 0 || tok[0] != SURFACE_MARK))
		return 0;  /* the folded word's other stem: the word has one */
	if (tflags & FTS5_TOKEN_COLOCATED) {
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

int search_tokenize_words(const char *text, size_t len, search_word_fn fn, void *ctx)
{
	struct wbuf w = { 0 };
	struct words_ctx c = { .fn = fn, .ctx = ctx };
	struct run r = { &c_stemmer, &w, true, false, emit_words, &c };

	if (!text || !len)
		return 0;
	if (!c_stemmer.sb && stemmer_open(&c_stemmer, CACHE_SLOTS_FTS) < 0)
		return -1;
	int rc = run_tokens(&r, text, len);
	if (rc == 0)
		rc = words_flush(&c);
	free(w.p);
	free(c.stem);
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
	return search_register_rank(db, api);
}

/* ---- in-article folding ------------------------------------------------------ */

/* Grow the folded text and its map together to hold `more` bytes. */
static int folded_reserve(struct search_folded *f, size_t *cap, size_t more)
{
	if (*cap - f->len >= more)
		return 0;
	size_t c = *cap;
	while (c - f->len < more) {
		if (c > SIZE_MAX / 2 / sizeof *f->map)
			return -1;
		c = c + c / 2 + 16;
	}
	char *t = realloc(f->text, c + 1);
	if (!t)
		return -1;
	f->text = t;
	size_t *m = realloc(f->map, (c + 1) * sizeof *m);
	if (!m)
		return -1;
	f->map = m;
	*cap = c;
	return 0;
}

int search_fold(const char *s, size_t len, bool keep_case, struct search_folded *out)
{
	const uint8_t *u = (const uint8_t *)s;
	struct search_folded f = { NULL, 0, NULL };
	size_t cap = 0, i = 0;
	uint8_t tmp[FOLD_MAX];

	memset(out, 0, sizeof *out);
	if (!s)
		len = 0;
	if (folded_reserve(&f, &cap, len + 16) < 0)
		goto fail;
	while (i < len) {
		if (u[i] < 0x80) {
			if (f.len == cap && folded_reserve(&f, &cap, 1) < 0)
				goto fail;
			f.text[f.len] = (char)(keep_case ? u[i] : ascii_lower(u[i]));
			f.map[f.len++] = i++;
			continue;
		}
		ucs4_t c;
		int k = u8_mbtouc(&c, u + i, len - i), n;
		if (is_apostrophe(c)) {
			tmp[0] = '\'';
			n = 1;
		} else {
			n = fold_cp(c, !keep_case, tmp, 0);
		}
		if (folded_reserve(&f, &cap, (size_t)n) < 0)
			goto fail;
		for (int j = 0; j < n; j++) {
			f.text[f.len] = (char)tmp[j];
			f.map[f.len++] = i;
		}
		i += (size_t)k;
	}
	f.text[f.len] = '\0';
	f.map[f.len] = len;
	*out = f;
	return 0;
fail:
	search_folded_free(&f);
	return -1;
}

void search_folded_free(struct search_folded *f)
{
	if (!f)
		return;
	free(f->text);
	free(f->map);
	f->text = NULL;
	f->map = NULL;
	f->len = 0;
}

bool search_has_upper(const char *s, size_t len)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i = 0;

	while (s && i < len) {
		if (u[i] < 0x80) {
			if (u[i] >= 'A' && u[i] <= 'Z')
				return true;
			i++;
			continue;
		}
		ucs4_t c;
		i += (size_t)u8_mbtouc(&c, u + i, len - i);
		if (c != 0xFFFD && (uc_is_upper(c) || uc_tolower(c) != c))
			return true;
	}
	return false;
}
