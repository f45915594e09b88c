/*
 * corpus_lex.c: the character and rule-file layer of the corpus parser.
 *
 * Small UTF-8 and Unicode helpers, case folding with a map back to the
 * original bytes, loading the rule files (boilerplate.txt lexicons and
 * abbreviations.txt) and matching lexicon phrases on folded lines.
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "margo/corpus.h"
#include "corpus_impl.h"
#include "margo/i18n.h"

static const char *const lex_names[LEX_COUNT] = {
	"banner", "caption", "prompt", "byline",
};

/* ------------------------------------------------------------------ */
/* Small UTF-8 helpers (input is valid UTF-8; invalid bytes decode as
 * U+FFFD one byte at a time, so nothing here can run off the end).    */

/* Decode the code point at s[i] (i < n); its byte length in *adv. */
ucs4_t cx_dec(const char *s, size_t n, size_t i, size_t *adv)
{
	ucs4_t c;
	int k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
	*adv = k > 0 ? (size_t)k : 1;
	return c;
}

/* Start of the code point before byte i (i > lo), never below lo. */
size_t cx_prev_start(const char *s, size_t lo, size_t i)
{
	size_t j = i - 1;
	while (j > lo && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	return j;
}

size_t cx_cp_count(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

bool cx_is_ws(ucs4_t c)
{
	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r');
	return c == 0x200B || c == 0xFEFF || uc_is_property_white_space(c);
}

static bool is_alnum_cp(ucs4_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	return uc_is_general_category_withtable(c, UC_CATEGORY_MASK_L |
	                                              UC_CATEGORY_MASK_N);
}

bool cx_is_upper_cp(ucs4_t c)
{
	return uc_is_general_category_withtable(c, UC_CATEGORY_MASK_Lu |
	                                              UC_CATEGORY_MASK_Lt);
}

bool cx_is_digit_cp(ucs4_t c)
{
	return uc_is_general_category(c, UC_DECIMAL_DIGIT_NUMBER);
}

bool cx_is_opener(ucs4_t c)
{
	return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0xAB ||
	       c == 0x2018 || c == 0x201C || c == 0x201E || c == 0x2039 ||
	       c == 0xBF || c == 0xA1;
}

bool cx_is_closer(ucs4_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0xBB ||
	       c == 0x2019 || c == 0x201D || c == 0x203A;
}

bool cx_is_terminator(ucs4_t c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

/* Dashes, pipes and bullets that separate a caption or credit part. */
bool cx_is_separator(ucs4_t c)
{
	return c == '-' || c == 0x2013 || c == 0x2014 || c == '|' ||
	       c == '/' || c == 0xB7 || c == 0x2022 || c == '(' || c == '[';
}

/* Index of the first non-space byte at or after i. */
size_t cx_skip_ws(const char *s, size_t n, size_t i)
{
	size_t adv;
	while (i < n && cx_is_ws(cx_dec(s, n, i, &adv)))
		i += adv;
	return i;
}

/* End of s[lo..hi) with trailing white space removed. */
size_t cx_trim_end(const char *s, size_t lo, size_t hi)
{
	size_t adv;
	while (hi > lo) {
		size_t p = cx_prev_start(s, lo, hi);
		if (!cx_is_ws(cx_dec(s, hi, p, &adv)))
			break;
		hi = p;
	}
	return hi;
}

/* Index of the first byte at or after i that is not an ASCII space
 * (folded text has no other white space). */
size_t cx_spaces(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* Number of white-space separated words holding a letter or digit. */
size_t cx_word_count(const char *s, size_t n)
{
	size_t words = 0, adv;
	bool in_word = false, counted = false;
	for (size_t i = 0; i < n; i += adv) {
		ucs4_t c = cx_dec(s, n, i, &adv);
		if (cx_is_ws(c)) {
			in_word = counted = false;
			continue;
		}
		in_word = true;
		if (in_word && !counted && is_alnum_cp(c)) {
			words++;
			counted = true;
		}
	}
	return words;
}

bool cx_has_alnum(const char *s, size_t n)
{
	size_t adv;
	for (size_t i = 0; i < n; i += adv)
		if (is_alnum_cp(cx_dec(s, n, i, &adv)))
			return true;
	return false;
}

ucs4_t cx_last_cp(const char *s, size_t n)
{
	size_t adv;
	return n ? cx_dec(s, n, cx_prev_start(s, 0, n), &adv) : 0;
}

char *cx_dupn(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (p) {
		if (n)
			memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* Fold s[0..n) into out (room for 4 * n + 1 bytes): simple lower case per
 * code point, white space runs made one space, U+2018/U+2019 made "'".
 * Fills map (same room) when not NULL.  Returns the folded length. */
size_t cx_fold_into(const char *s, size_t n, char *out, size_t *map)
{
	size_t len = 0, adv;
	for (size_t i = 0; i < n; i += adv) {
		ucs4_t c = cx_dec(s, n, i, &adv);
		if (cx_is_ws(c)) {
			if (len && out[len - 1] == ' ')
				continue;
			c = ' ';
		} else if (c == 0x2018 || c == 0x2019) {
			c = '\'';
		} else {
			c = uc_tolower(c);
		}
		int k = u8_uctomb((uint8_t *)out + len, c, 4);
		if (k <= 0)
			continue;
		for (int j = 0; j < k && map; j++)
			map[len + (size_t)j] = i;
		len += (size_t)k;
	}
	if (map)
		map[len] = n;
	out[len] = '\0';
	return len;
}

/* fold_into a malloc'd struct folded.  Returns 0, or -1 on memory
 * exhaustion (then f holds nothing). */
int cx_fold(const char *s, size_t n, bool want_map, struct folded *f)
{
	f->s = malloc(4 * n + 1);
	f->map = want_map ? malloc((4 * n + 1) * sizeof *f->map) : NULL;
	f->len = 0;
	if (!f->s || (want_map && !f->map)) {
		free(f->s);
		free(f->map);
		f->s = NULL;
		f->map = NULL;
		return -1;
	}
	f->len = cx_fold_into(s, n, f->s, f->map);
	return 0;
}

void cx_folded_free(struct folded *f)
{
	free(f->s);
	free(f->map);
	f->s = NULL;
	f->map = NULL;
}

/* ------------------------------------------------------------------ */
/* Loading the rule files                                               */

struct load_ctx {
	struct corpus_rules *r;
	int section;      /* LEX_*, or -1 before any or in an unknown one */
	char *warn;
	bool oom;
};

/* Append a formatted message to *warn ("; " between messages). */
static void warn_add(struct load_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void warn_add(struct load_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	size_t old = ctx->warn ? strlen(ctx->warn) : 0;
	char *w = realloc(ctx->warn, old + (old ? 2 : 0) + (size_t)k + 1);
	if (!w) {
		ctx->oom = true;
		return;
	}
	if (old)
		memcpy(w + old, "; ", 2), old += 2;
	va_start(ap, fmt);
	vsnprintf(w + old, (size_t)k + 1, fmt, ap);
	va_end(ap);
	ctx->warn = w;
}

static int lex_add(struct lexicon *lx, const char *s, size_t n,
                   enum match_mode mode)
{
	if (lx->n == lx->cap) {
		size_t cap = lx->cap ? 2 * lx->cap : 32;
		struct phrase *v = realloc(lx->v, cap * sizeof *v);
		if (!v)
			return -1;
		lx->v = v;
		lx->cap = cap;
	}
	struct folded f;
	if (cx_fold(s, n, false, &f) < 0)
		return -1;
	lx->v[lx->n++] = (struct phrase){ f.s, f.len, mode };
	return 0;
}

/* One line of boilerplate.txt: "# comment", "[section]" or a phrase. */
static void boiler_line(struct load_ctx *ctx, const char *s, size_t n,
                        const char *path, size_t lineno)
{
	if (s[0] == '[' && s[n - 1] == ']') {
		ctx->section = -1;
		for (int k = 0; k < LEX_COUNT; k++)
			if (strlen(lex_names[k]) == n - 2 &&
			    memcmp(lex_names[k], s + 1, n - 2) == 0)
				ctx->section = k;
		if (ctx->section < 0)
			warn_add(ctx, _("%s:%zu: unknown section %.*s"), path,
			         lineno, (int)n, s);
		return;
	}
	if (ctx->section < 0)
		return;
	enum match_mode mode = MATCH_ANY;
	if (s[0] == '^' || s[0] == '=') {
		mode = s[0] == '^' ? MATCH_ANCHORED : MATCH_WHOLE;
		s++, n--;
		size_t t = cx_skip_ws(s, n, 0);
		s += t, n -= t;
	}
	if (n && lex_add(&ctx->r->lex[ctx->section], s, n, mode) < 0)
		ctx->oom = true;
}

/* One line of abbreviations.txt: an abbreviation with its final period. */
static void abbr_line(struct load_ctx *ctx, const char *s, size_t n,
                      const char *path, size_t lineno)
{
	struct corpus_rules *r = ctx->r;
	if (n > ABBR_MAX_BYTES) {
		warn_add(ctx, _("%s:%zu: abbreviation longer than %d bytes ignored"),
		         path, lineno, ABBR_MAX_BYTES);
		return;
	}
	if (r->n_abbr == r->cap_abbr) {
		size_t cap = r->cap_abbr ? 2 * r->cap_abbr : 64;
		char **v = realloc(r->abbr, cap * sizeof *v);
		if (!v) {
			ctx->oom = true;
			return;
		}
		r->abbr = v;
		r->cap_abbr = cap;
	}
	struct folded f;
	if (cx_fold(s, n, false, &f) < 0) {
		ctx->oom = true;
		return;
	}
	r->abbr[r->n_abbr++] = f.s;
}

typedef void line_fn(struct load_ctx *, const char *, size_t, const char *,
                     size_t);

/* Feed every trimmed, non-empty, non-comment line of datadir/name to fn.
 * A missing or unreadable file adds a warning. */
static void load_file(struct load_ctx *ctx, const char *datadir,
                      const char *name, line_fn *fn)
{
	size_t plen = strlen(datadir) + strlen(name) + 2;
	char *path = malloc(plen);
	if (!path) {
		ctx->oom = true;
		return;
	}
	snprintf(path, plen, "%s/%s", datadir, name);
	FILE *fp = fopen(path, "r");
	if (!fp) {
		warn_add(ctx, "%s: %s", path, strerror(errno));
		free(path);
		return;
	}
	char *buf = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t got;
	while (!ctx->oom && (got = getline(&buf, &cap, fp)) >= 0) {
		size_t n = (size_t)got, a;
		lineno++;
		a = cx_skip_ws(buf, n, 0);
		n = cx_trim_end(buf, a, n);
		if (n > a && buf[a] != '#')
			fn(ctx, buf + a, n - a, path, lineno);
	}
	if (ferror(fp))
		warn_add(ctx, _("%s: read error"), path);
	free(buf);
	fclose(fp);
	free(path);
}

int cx_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct corpus_rules *corpus_rules_load(const char *datadir, char **warn)
{
	struct load_ctx ctx = { .section = -1 };
	ctx.r = calloc(1, sizeof *ctx.r);
	if (!ctx.r)
		return NULL;
	if (!datadir)
		datadir = ".";
	load_file(&ctx, datadir, "boilerplate.txt", boiler_line);
	ctx.section = -1;
	load_file(&ctx, datadir, "abbreviations.txt", abbr_line);
	if (ctx.oom) {
		free(ctx.warn);
		corpus_rules_free(&ctx.r);
		return NULL;
	}
	if (ctx.r->n_abbr)
		qsort(ctx.r->abbr, ctx.r->n_abbr, sizeof *ctx.r->abbr, cx_cmp_str);
	if (warn)
		*warn = ctx.warn;
	else
		free(ctx.warn);
	return ctx.r;
}

void corpus_rules_free(struct corpus_rules **rules)
{
	if (!rules || !*rules)
		return;
	struct corpus_rules *r = *rules;
	for (int k = 0; k < LEX_COUNT; k++) {
		for (size_t i = 0; i < r->lex[k].n; i++)
			free(r->lex[k].v[i].s);
		free(r->lex[k].v);
	}
	for (size_t i = 0; i < r->n_abbr; i++)
		free(r->abbr[i]);
	free(r->abbr);
	free(r);
	*rules = NULL;
}

/* ------------------------------------------------------------------ */
/* Lexicon matching on folded lines                                     */

static bool alnum_before(const char *s, size_t i)
{
	size_t adv;
	return i > 0 && is_alnum_cp(cx_dec(s, i, cx_prev_start(s, 0, i), &adv));
}

bool cx_alnum_at(const char *s, size_t n, size_t i)
{
	size_t adv;
	return i < n && is_alnum_cp(cx_dec(s, n, i, &adv));
}

/* True when s[0..i) is empty or ends (spaces aside) with a separator. */
static bool after_separator(const char *s, size_t i)
{
	size_t adv;
	i = cx_trim_end(s, 0, i);
	return i == 0 || cx_is_separator(cx_dec(s, i, cx_prev_start(s, 0, i), &adv));
}

/* Does phrase p occur in the folded line under its match mode? */
static bool phrase_hit(const struct phrase *p, const char *s, size_t n)
{
	if (p->mode == MATCH_WHOLE) {
		size_t a = 0, b = n, adv;
		while (a < b && !is_alnum_cp(cx_dec(s, b, a, &adv)))
			a += adv;
		while (b > a && !alnum_before(s, b))
			b = cx_prev_start(s, a, b);
		return b - a == p->len && memcmp(s + a, p->s, p->len) == 0;
	}
	bool check_l = cx_alnum_at(p->s, p->len, 0);
	bool check_r = alnum_before(p->s, p->len);
	for (const char *q = s; (q = memmem(q, n - (size_t)(q - s), p->s,
	                                    p->len)) != NULL; q++) {
		size_t at = (size_t)(q - s);
		if (check_l && alnum_before(s, at))
			continue;
		if (check_r && cx_alnum_at(s, n, at + p->len))
			continue;
		if (p->mode == MATCH_ANCHORED && !after_separator(s, at))
			continue;
		return true;
	}
	return false;
}

/* Number of distinct phrases of lexicon k found in the folded line,
 * counting up to `enough`. */
size_t cx_lex_hits(const struct corpus_rules *r, int k,
                const struct folded *f, size_t enough)
{
	size_t hits = 0;
	for (size_t i = 0; r && i < r->lex[k].n && hits < enough; i++)
		if (r->lex[k].v[i].len && phrase_hit(&r->lex[k].v[i], f->s, f->len))
			hits++;
	return hits;
}
