#include <config.h>
/*
 * corpus.c: from the canonical text of one article to its parts.
 *
 * The parse runs in two passes over the lines of the text.  Pass one looks
 * at each non-blank line alone and marks what is not body text: lines with
 * no letter or digit, cookie banners, share/subscribe prompts and
 * breadcrumb menus, photo captions (phrase lexicons from boilerplate.txt),
 * bylines and date lines; it also strips a "date 2023-09" metadata label
 * from the first lines.
 * Pass two finds the title (and a subtitle) among what is left, drops lines
 * that repeat the title, joins the rest into the body and splits it into
 * paragraphs and sentences.  No rule names a site, a person or a file.
 *
 * Lexicon matching works on a folded copy of a line (simple lower case,
 * white space runs collapsed, curly apostrophes made straight) that keeps a
 * map back to the byte offsets of the original.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "margo/corpus.h"

/* The thresholds of the structural rules. */
enum {
	TITLE_MAX_CP = 200,         /* a title line is at most this long */
	TITLE_MAX_SENTENCES = 2,    /* "Headline. Subtitle." */
	SUBTITLE_MAX_CP = 250,
	TITLE_TAIL_WORDS = 12,      /* "Title - Site.it - Foto ..." repeats */
	TITLE_TAIL_BYTES = 300,
	GUESS_MAX_CP = 80,          /* a guessed title, before the "…" */
	HEADING_MAX_CP = 100,
	HEADING_MAX_WORDS = 14,
	BANNER_MAX_WORDS = 12,      /* one banner phrase in a line this short */
	BANNER_MULTI_MAX_WORDS = 40,/* two distinct phrases in a longer line */
	PROMPT_MAX_WORDS = 16,
	CAPTION_MAX_WORDS = 30,
	BYLINE_MAX_WORDS = 12,      /* the whole line, a trailing date included */
	BYLINE_MAX_GROUP = 4,       /* capitalised words in one author's name */
	BYLINE_MAX_GROUPS = 3,      /* authors in one byline */
	LABEL_LINES = 3,            /* date labels are looked for in these */
	LABEL_PREFIX_BYTES = 160,   /* ... within this many bytes of the line */
	ABBR_MAX_BYTES = 32,        /* longer abbreviations are not loaded */
};

/* ------------------------------------------------------------------ */
/* Rules: phrase lexicons and abbreviations                             */

enum match_mode {
	MATCH_ANY,       /* anywhere in the line, at word boundaries */
	MATCH_ANCHORED,  /* "^": at line start or right after a separator */
	MATCH_WHOLE,     /* "=": the whole line, outer punctuation ignored */
};

struct phrase {
	char *s;         /* folded */
	size_t len;
	enum match_mode mode;
};

struct lexicon {
	struct phrase *v;
	size_t n, cap;
};

enum { LEX_BANNER, LEX_CAPTION, LEX_PROMPT, LEX_BYLINE, LEX_COUNT };
static const char *const lex_names[LEX_COUNT] = {
	"banner", "caption", "prompt", "byline",
};

struct corpus_rules {
	struct lexicon lex[LEX_COUNT];
	char **abbr;     /* folded, sorted for bsearch */
	size_t n_abbr, cap_abbr;
};

/* A folded copy of some text: map[i] is the byte offset in the original
 * of folded byte i (map[len] is the original length). */
struct folded {
	char *s;
	size_t len;
	size_t *map;
};

/* ------------------------------------------------------------------ */
/* Small UTF-8 helpers (input is valid UTF-8; invalid bytes decode as
 * U+FFFD one byte at a time, so nothing here can run off the end).    */

/* Decode the code point at s[i] (i < n); its byte length in *adv. */
static ucs4_t dec(const char *s, size_t n, size_t i, size_t *adv)
{
	ucs4_t c;
	int k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
	*adv = k > 0 ? (size_t)k : 1;
	return c;
}

/* Start of the code point before byte i (i > lo), never below lo. */
static size_t prev_start(const char *s, size_t lo, size_t i)
{
	size_t j = i - 1;
	while (j > lo && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	return j;
}

static size_t cp_count(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

static bool is_ws(ucs4_t c)
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

static bool is_upper_cp(ucs4_t c)
{
	return uc_is_general_category_withtable(c, UC_CATEGORY_MASK_Lu |
	                                              UC_CATEGORY_MASK_Lt);
}

static bool is_digit_cp(ucs4_t c)
{
	return uc_is_general_category(c, UC_DECIMAL_DIGIT_NUMBER);
}

static bool is_opener(ucs4_t c)
{
	return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0xAB ||
	       c == 0x2018 || c == 0x201C || c == 0x201E || c == 0x2039 ||
	       c == 0xBF || c == 0xA1;
}

static bool is_closer(ucs4_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0xBB ||
	       c == 0x2019 || c == 0x201D || c == 0x203A;
}

static bool is_terminator(ucs4_t c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

/* Dashes, pipes and bullets that separate a caption or credit part. */
static bool is_separator(ucs4_t c)
{
	return c == '-' || c == 0x2013 || c == 0x2014 || c == '|' ||
	       c == '/' || c == 0xB7 || c == 0x2022 || c == '(' || c == '[';
}

/* Index of the first non-space byte at or after i. */
static size_t skip_ws(const char *s, size_t n, size_t i)
{
	size_t adv;
	while (i < n && is_ws(dec(s, n, i, &adv)))
		i += adv;
	return i;
}

/* End of s[lo..hi) with trailing white space removed. */
static size_t trim_end(const char *s, size_t lo, size_t hi)
{
	size_t adv;
	while (hi > lo) {
		size_t p = prev_start(s, lo, hi);
		if (!is_ws(dec(s, hi, p, &adv)))
			break;
		hi = p;
	}
	return hi;
}

/* Number of white-space separated words holding a letter or digit. */
static size_t word_count(const char *s, size_t n)
{
	size_t words = 0, adv;
	bool in_word = false, counted = false;
	for (size_t i = 0; i < n; i += adv) {
		ucs4_t c = dec(s, n, i, &adv);
		if (is_ws(c)) {
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

static bool has_alnum(const char *s, size_t n)
{
	size_t adv;
	for (size_t i = 0; i < n; i += adv)
		if (is_alnum_cp(dec(s, n, i, &adv)))
			return true;
	return false;
}

static ucs4_t last_cp(const char *s, size_t n)
{
	size_t adv;
	return n ? dec(s, n, prev_start(s, 0, n), &adv) : 0;
}

static char *dupn(const char *s, size_t n)
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
static size_t fold_into(const char *s, size_t n, char *out, size_t *map)
{
	size_t len = 0, adv;
	for (size_t i = 0; i < n; i += adv) {
		ucs4_t c = dec(s, n, i, &adv);
		if (is_ws(c)) {
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
static int fold(const char *s, size_t n, bool want_map, struct folded *f)
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
	f->len = fold_into(s, n, f->s, f->map);
	return 0;
}

static void folded_free(struct folded *f)
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
	if (fold(s, n, false, &f) < 0)
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
			warn_add(ctx, "%s:%zu: unknown section %.*s", path,
			         lineno, (int)n, s);
		return;
	}
	if (ctx->section < 0)
		return;
	enum match_mode mode = MATCH_ANY;
	if (s[0] == '^' || s[0] == '=') {
		mode = s[0] == '^' ? MATCH_ANCHORED : MATCH_WHOLE;
		s++, n--;
		size_t t = skip_ws(s, n, 0);
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
		warn_add(ctx, "%s:%zu: abbreviation longer than %d bytes ignored",
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
	if (fold(s, n, false, &f) < 0) {
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
		a = skip_ws(buf, n, 0);
		n = trim_end(buf, a, n);
		if (n > a && buf[a] != '#')
			fn(ctx, buf + a, n - a, path, lineno);
	}
	if (ferror(fp))
		warn_add(ctx, "%s: read error", path);
	free(buf);
	fclose(fp);
	free(path);
}

static int cmp_str(const void *a, const void *b)
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
		qsort(ctx.r->abbr, ctx.r->n_abbr, sizeof *ctx.r->abbr, cmp_str);
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
	return i > 0 && is_alnum_cp(dec(s, i, prev_start(s, 0, i), &adv));
}

static bool alnum_at(const char *s, size_t n, size_t i)
{
	size_t adv;
	return i < n && is_alnum_cp(dec(s, n, i, &adv));
}

/* True when s[0..i) is empty or ends (spaces aside) with a separator. */
static bool after_separator(const char *s, size_t i)
{
	size_t adv;
	i = trim_end(s, 0, i);
	return i == 0 || is_separator(dec(s, i, prev_start(s, 0, i), &adv));
}

/* Does phrase p occur in the folded line under its match mode? */
static bool phrase_hit(const struct phrase *p, const char *s, size_t n)
{
	if (p->mode == MATCH_WHOLE) {
		size_t a = 0, b = n, adv;
		while (a < b && !is_alnum_cp(dec(s, b, a, &adv)))
			a += adv;
		while (b > a && !alnum_before(s, b))
			b = prev_start(s, a, b);
		return b - a == p->len && memcmp(s + a, p->s, p->len) == 0;
	}
	bool check_l = alnum_at(p->s, p->len, 0);
	bool check_r = alnum_before(p->s, p->len);
	for (const char *q = s; (q = memmem(q, n - (size_t)(q - s), p->s,
	                                    p->len)) != NULL; q++) {
		size_t at = (size_t)(q - s);
		if (check_l && alnum_before(s, at))
			continue;
		if (check_r && alnum_at(s, n, at + p->len))
			continue;
		if (p->mode == MATCH_ANCHORED && !after_separator(s, at))
			continue;
		return true;
	}
	return false;
}

/* Number of distinct phrases of lexicon k found in the folded line,
 * counting up to `enough`. */
static size_t lex_hits(const struct corpus_rules *r, int k,
                       const struct folded *f, size_t enough)
{
	size_t hits = 0;
	for (size_t i = 0; r && i < r->lex[k].n && hits < enough; i++)
		if (r->lex[k].v[i].len && phrase_hit(&r->lex[k].v[i], f->s, f->len))
			hits++;
	return hits;
}

/* ------------------------------------------------------------------ */
/* Dates                                                                */

struct name_num {
	const char *name;
	int num;
};

/* Longest first where one name is a prefix of another. */
static const struct name_num months[] = {
	{ "gennaio", 1 }, { "febbraio", 2 }, { "marzo", 3 }, { "aprile", 4 },
	{ "maggio", 5 }, { "giugno", 6 }, { "luglio", 7 }, { "agosto", 8 },
	{ "settembre", 9 }, { "ottobre", 10 }, { "novembre", 11 },
	{ "dicembre", 12 },
	{ "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 },
	{ "may", 5 }, { "june", 6 }, { "july", 7 }, { "august", 8 },
	{ "september", 9 }, { "october", 10 }, { "november", 11 },
	{ "december", 12 }, { "sept", 9 },
	{ "gen", 1 }, { "feb", 2 }, { "mar", 3 }, { "apr", 4 }, { "mag", 5 },
	{ "giu", 6 }, { "lug", 7 }, { "ago", 8 }, { "set", 9 }, { "ott", 10 },
	{ "nov", 11 }, { "dic", 12 }, { "jan", 1 }, { "jun", 6 }, { "jul", 7 },
	{ "aug", 8 }, { "sep", 9 }, { "oct", 10 }, { "dec", 12 },
	{ NULL, 0 },
};

static const struct name_num weekdays[] = {
	{ "lunedì", 1 }, { "martedì", 2 }, { "mercoledì", 3 }, { "giovedì", 4 },
	{ "venerdì", 5 }, { "lunedi", 1 }, { "martedi", 2 }, { "mercoledi", 3 },
	{ "giovedi", 4 }, { "venerdi", 5 }, { "sabato", 6 }, { "domenica", 7 },
	{ "monday", 1 }, { "tuesday", 2 }, { "wednesday", 3 }, { "thursday", 4 },
	{ "friday", 5 }, { "saturday", 6 }, { "sunday", 7 },
	{ "lun", 1 }, { "mar", 2 }, { "mer", 3 }, { "gio", 4 }, { "ven", 5 },
	{ "sab", 6 }, { "dom", 7 }, { "mon", 1 }, { "tue", 2 }, { "wed", 3 },
	{ "thu", 4 }, { "fri", 5 }, { "sat", 6 }, { "sun", 7 },
	{ NULL, 0 },
};

static const char *const date_labels[] = {
	"pubblicato il", "pubblicata il", "aggiornato il", "aggiornata il",
	"pubblicato", "pubblicata", "aggiornato", "aggiornata",
	"published on", "updated on", "published", "updated", "posted on",
	"posted", "date", "data", NULL,
};

/* Match a word from `tab` at s[i] (folded); a word must end there.
 * An abbreviation may carry a period.  Returns its number, 0 if none. */
static int word_at(const struct name_num *tab, const char *s, size_t n,
                   size_t *i)
{
	for (const struct name_num *t = tab; t->name; t++) {
		size_t k = strlen(t->name);
		if (k > n - *i || memcmp(s + *i, t->name, k) != 0 ||
		    alnum_at(s, n, *i + k))
			continue;
		*i += k;
		if (*i < n && s[*i] == '.')
			(*i)++;
		return t->num;
	}
	return 0;
}

/* Read 1 to `max` ASCII digits at s[*i], not preceded by a digit nor
 * followed by one; -1 if none. */
static long num_at(const char *s, size_t n, size_t *i, size_t min, size_t max)
{
	size_t k = 0;
	long v = 0;
	if (*i > 0 && s[*i - 1] >= '0' && s[*i - 1] <= '9')
		return -1;
	while (*i + k < n && s[*i + k] >= '0' && s[*i + k] <= '9' && k <= max)
		v = v * 10 + (s[*i + k] - '0'), k++;
	if (k < min || k > max)
		return -1;
	*i += k;
	return v;
}

static size_t spaces(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

static bool valid_ymd(long y, long m, long d)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	                               31, 30, 31 };
	if (y < 1000 || y > 2999 || m < 1 || m > 12)
		return false;
	if (d == 0)
		return true;  /* month precision */
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d >= 1 && d <= mdays[m - 1] && !(m == 2 && d == 29 && !leap);
}

/* A date must not run on into a letter or digit, except an ISO "T". */
static bool date_end_ok(const char *s, size_t n, size_t i)
{
	if (i < n && s[i] == 't' && i + 1 < n && s[i + 1] >= '0' &&
	    s[i + 1] <= '9')
		return true;
	return !alnum_at(s, n, i);
}

/* Numeric forms: 2023-09, 2023-09-12, 12/09/2023, 12.09.2023.  A day
 * is 0 in ymd[2] when absent. */
static bool numeric_date(const char *s, size_t n, size_t *i, long ymd[3])
{
	size_t p = *i;
	long a = num_at(s, n, &p, 1, 4), c = -1;
	size_t alen = p - *i, clen = 0;
	if (a < 0 || p >= n || !s[p] || !strchr("-/.", s[p]))
		return false;
	char sep = s[p++];
	long b = num_at(s, n, &p, 1, 2);
	if (b < 0)
		return false;
	if (p + 1 < n && s[p] == sep) {
		size_t r = p + 1;
		c = num_at(s, n, &r, 1, 4);
		if (c >= 0)
			clen = r - p - 1, p = r;
	}
	if (c == 0 || (alen <= 2 && a == 0))
		return false;
	if (alen == 4 && clen <= 2) {
		if (sep == '.' && c < 0)
			return false;  /* "2023.09" is a number */
		ymd[0] = a, ymd[1] = b, ymd[2] = c < 0 ? 0 : c;
	} else if (alen <= 2 && clen == 4) {
		ymd[0] = c, ymd[1] = b, ymd[2] = a;
	} else {
		return false;
	}
	*i = p;
	return true;
}

/* Worded forms: "12 settembre 2023", "settembre 2023", "September 12,
 * 2023", with Italian or English month names or their abbreviations. */
static bool worded_date(const char *s, size_t n, size_t *i, long ymd[3])
{
	size_t p = *i;
	long d = num_at(s, n, &p, 1, 2);
	if (d >= 0) {
		if (p < n && s[p] == 'o' && !alnum_at(s, n, p + 1))
			p++;                                  /* "1o" */
		else if (p + 1 < n && !memcmp(s + p, "\xc2\xb0", 2))
			p += 2;                               /* "1°" */
		else if (p + 1 < n && !memcmp(s + p, "\xc2\xba", 2))
			p += 2;                               /* "1º" */
		if (d == 0)
			return false;
		p = spaces(s, n, p);
	}
	int m = word_at(months, s, n, &p);
	if (!m)
		return false;
	p = spaces(s, n, p);
	if (d < 0) {  /* "September 12, 2023" or "settembre 2023" */
		size_t q = p;
		long dd = num_at(s, n, &q, 1, 2);
		if (dd > 0 && q < n && (s[q] == ',' || s[q] == ' ')) {
			q = spaces(s, n, q + (s[q] == ','));
			d = dd;
			p = q;
		}
	}
	long y = num_at(s, n, &p, 4, 4);
	if (y < 0)
		return false;
	ymd[0] = y, ymd[1] = m, ymd[2] = d < 0 ? 0 : d;
	*i = p;
	return true;
}

/* Parse a date at s[*i] (folded text), optionally after a weekday name.
 * Writes "YYYY-MM[-DD]" into iso and advances *i. */
static bool date_at(const char *s, size_t n, size_t *i, char iso[11])
{
	size_t p = *i;
	long ymd[3];
	bool ok = false;
	if (word_at(weekdays, s, n, &p)) {
		if (p < n && s[p] == ',')
			p++;
		p = spaces(s, n, p);
		ok = numeric_date(s, n, &p, ymd) || worded_date(s, n, &p, ymd);
	}
	if (!ok) {
		p = *i;
		ok = numeric_date(s, n, &p, ymd) || worded_date(s, n, &p, ymd);
	}
	if (!ok || !valid_ymd(ymd[0], ymd[1], ymd[2]) || !date_end_ok(s, n, p))
		return false;
	if (ymd[2])
		snprintf(iso, 11, "%04ld-%02ld-%02ld", ymd[0], ymd[1], ymd[2]);
	else
		snprintf(iso, 11, "%04ld-%02ld", ymd[0], ymd[1]);
	*i = p;
	return true;
}

/* Skip an optional time after a date: "T10:00:00Z", ", ore 10:30",
 * "- 10.30", "alle 9:05", "at 10:30 am". */
static size_t time_after(const char *s, size_t n, size_t i)
{
	size_t p = i;
	if (p < n && s[p] == 't') {
		p++;
		while (p < n && (strchr("0123456789:.+-z", s[p]) != NULL))
			p++;
		return p;
	}
	while (p < n && (s[p] == ' ' || s[p] == ',' || s[p] == '-' ||
	                 s[p] == '|'))
		p++;
	if (!strncmp(s + p, "\xe2\x80\x93", 3) || !strncmp(s + p, "\xe2\x80\x94", 3))
		p = spaces(s, n, p + 3);
	static const char *const words[] = { "ore ", "alle ", "at ", "h ", NULL };
	for (int k = 0; words[k]; k++)
		if (!strncmp(s + p, words[k], strlen(words[k])))
			p += strlen(words[k]);
	size_t q = p;
	long h = num_at(s, n, &q, 1, 2);
	if (h < 0 || h > 23 || q >= n || (s[q] != ':' && s[q] != '.'))
		return i;
	q++;
	long mi = num_at(s, n, &q, 2, 2);
	if (mi < 0 || mi > 59)
		return i;
	if (q + 2 < n && s[q] == ':' && (q++, num_at(s, n, &q, 2, 2) < 0))
		return i;
	return q;
}

/* A metadata label ("data:", "pubblicato il") at s[*i], then spaces. */
static bool label_at(const char *s, size_t n, size_t *i)
{
	for (int k = 0; date_labels[k]; k++) {
		size_t len = strlen(date_labels[k]);
		if (len > n - *i || memcmp(s + *i, date_labels[k], len) != 0 ||
		    alnum_at(s, n, *i + len))
			continue;
		size_t p = spaces(s, n, *i + len);
		if (p < n && s[p] == ':')
			p = spaces(s, n, p + 1);
		*i = p;
		return true;
	}
	return false;
}

/* Skip spaces and separator punctuation in folded text. */
static size_t skip_seps(const char *s, size_t n, size_t i)
{
	size_t adv;
	while (i < n) {
		ucs4_t c = dec(s, n, i, &adv);
		if (c != ' ' && c != ',' && c != ':' && !is_separator(c))
			break;
		i += adv;
	}
	return i;
}

/*
 * Recognise a date in s[0..n).  With body == NULL the whole text must be
 * "[label] [weekday] date [time]" with nothing else but punctuation; with
 * body != NULL a label is required and body text must follow: *body is set
 * to its byte offset in s.  label_ok allows the label in the first form.
 * Returns 1 and fills iso, 0 if not a date, -1 on memory exhaustion.
 */
static int date_text(const char *s, size_t n, bool label_ok, size_t *body,
                     char iso[11])
{
	struct folded f;
	if (fold(s, n, true, &f) < 0)
		return -1;
	size_t p = skip_seps(f.s, f.len, 0);
	bool label = label_at(f.s, f.len, &p);
	int ok = 0;
	if ((label && !label_ok) || (body && !label) ||
	    !date_at(f.s, f.len, &p, iso))
		goto out;
	p = time_after(f.s, f.len, p);
	if (body) {
		if (alnum_at(f.s, f.len, p))
			goto out;
		p = skip_seps(f.s, f.len, p);
		if (p < f.len) {
			*body = f.map[p];
			ok = 1;
		}
	} else {
		ok = !has_alnum(f.s + p, f.len - p);
	}
out:
	folded_free(&f);
	return ok;
}

char *corpus_parse_date(const char *s, size_t len)
{
	char iso[11];
	if (!s)
		return NULL;
	int ok = date_text(s, len, false, NULL, iso);
	return ok == 1 ? dupn(iso, strlen(iso)) : NULL;
}

/* ------------------------------------------------------------------ */
/* Sentences                                                            */

struct spanvec {
	struct corpus_span *v;
	size_t n, cap;
};

static int span_push(struct spanvec *sv, size_t a, size_t b)
{
	if (sv->n == sv->cap) {
		size_t cap = sv->cap ? 2 * sv->cap : 16;
		struct corpus_span *v = realloc(sv->v, cap * sizeof *v);
		if (!v)
			return -1;
		sv->v = v;
		sv->cap = cap;
	}
	sv->v[sv->n++] = (struct corpus_span){ a, b, 0, 0 };
	return 0;
}

/* Is the token ending with the period at s[dot] an abbreviation ("dott.",
 * "S.p.A.") or a run of capital initials ("J.", "J.K.")? */
static bool no_break_at_period(const struct corpus_rules *r, const char *s,
                               size_t lo, size_t dot)
{
	size_t w = dot, adv;
	while (w > lo) {
		size_t p = prev_start(s, lo, w);
		ucs4_t c = dec(s, dot + 1, p, &adv);
		if (is_ws(c) || c == '\'' || c == 0x2019 || is_opener(c))
			break;  /* an elided "dell'avv." counts as "avv." */
		w = p;
	}
	if (w == dot)
		return false;
	bool initials = true;   /* (Upper ".")+ */
	for (size_t i = w; i <= dot && initials; ) {
		ucs4_t c = dec(s, dot + 1, i, &adv);
		initials = is_upper_cp(c) && i + adv <= dot && s[i + adv] == '.';
		i += adv + 1;
	}
	if (initials)
		return true;
	if (!r || !r->n_abbr || dot + 1 - w > ABBR_MAX_BYTES)
		return false;
	char buf[4 * ABBR_MAX_BYTES + 1];
	const char *key = buf;
	fold_into(s + w, dot + 1 - w, buf, NULL);
	return bsearch(&key, r->abbr, r->n_abbr, sizeof *r->abbr, cmp_str) != NULL;
}

/* If a sentence may end at the terminator at s[i]: the byte offset just
 * after the terminators and closing quotes, else 0. */
static size_t sentence_end_at(const struct corpus_rules *r, const char *s,
                              size_t n, size_t lo, size_t i)
{
	size_t j = i, adv, dots = 0, terms = 0;
	ucs4_t c;
	while (j < n && is_terminator(c = dec(s, n, j, &adv)))
		dots += c == '.', terms++, j += adv;
	while (j < n && is_closer(dec(s, n, j, &adv)))
		j += adv;
	if (j >= n)
		return j;
	if (!is_ws(dec(s, n, j, &adv)))
		return 0;
	size_t k = skip_ws(s, n, j);
	if (k >= n)
		return j;
	c = dec(s, n, k, &adv);
	if (!is_upper_cp(c) && !is_digit_cp(c) && !is_opener(c))
		return 0;
	if (terms == 1 && dots == 1 && no_break_at_period(r, s, lo, i))
		return 0;
	return j;
}

/* Split s[0..n) into sentence byte spans appended to sv. */
static int split_into(const struct corpus_rules *r, const char *s, size_t n,
                      struct spanvec *sv)
{
	size_t start = skip_ws(s, n, 0), i = start, adv;
	while (i < n) {
		ucs4_t c = dec(s, n, i, &adv);
		if (!is_terminator(c)) {
			i += adv;
			continue;
		}
		size_t end = sentence_end_at(r, s, n, start, i);
		if (!end) {
			while (i < n && is_terminator(dec(s, n, i, &adv)))
				i += adv;
			continue;
		}
		if (span_push(sv, start, trim_end(s, start, end)) < 0)
			return -1;
		start = i = skip_ws(s, n, end);
	}
	size_t e = trim_end(s, start, n);
	if (e > start && span_push(sv, start, e) < 0)
		return -1;
	return 0;
}

/* Fill the cp fields of spans (sorted, relative to s) with base added. */
static void fill_cp(const char *s, struct corpus_span *v, size_t k,
                    size_t base)
{
	size_t at = 0, cp = base;
	for (size_t i = 0; i < k; i++) {
		cp += cp_count(s + at, v[i].start - at);
		v[i].cp_start = cp;
		cp += cp_count(s + v[i].start, v[i].end - v[i].start);
		v[i].cp_end = cp;
		at = v[i].end;
	}
}

long corpus_split_sentences(const struct corpus_rules *rules, const char *s,
                            size_t len, struct corpus_span **out)
{
	struct spanvec sv = { 0 };
	*out = NULL;
	if (s && split_into(rules, s, len, &sv) < 0) {
		free(sv.v);
		return -1;
	}
	fill_cp(s, sv.v, sv.n, 0);
	*out = sv.v;
	return (long)sv.n;
}

/* Number of sentences in s[0..n), or -1 on memory exhaustion. */
static long count_sentences(const struct corpus_rules *r, const char *s,
                            size_t n)
{
	struct spanvec sv = { 0 };
	int rc = split_into(r, s, n, &sv);
	free(sv.v);
	return rc < 0 ? -1 : (long)sv.n;
}

/* ------------------------------------------------------------------ */
/* Bylines                                                              */

static const char *const name_particles[] = {
	"de", "di", "da", "del", "della", "dello", "dei", "degli", "delle",
	"dal", "dalla", "van", "von", "der", "den", "du", "des", "la", "le",
	"lo", "dos", "das", "do", "bin", "ibn", "al", "el", "y", "ter", "ten",
	NULL,
};
static const char *const name_connectors[] = { "e", "ed", "and", "&", NULL };

/* Is s[0..n) one of the (ASCII, lower case) words of list, in any case? */
static bool in_list(const char *const *list, const char *s, size_t n)
{
	for (int k = 0; list[k]; k++)
		if (strlen(list[k]) == n && strncasecmp(list[k], s, n) == 0)
			return true;
	return false;
}

/* A capitalised name word: "Rossi", "D’Alema", "Jean-Pierre", "J.". */
static bool name_word(const char *s, size_t n)
{
	size_t adv;
	if (!n || !is_upper_cp(dec(s, n, 0, &adv)))
		return false;
	for (size_t i = adv; i < n; i += adv) {
		ucs4_t c = dec(s, n, i, &adv);
		if (!uc_is_property_alphabetic(c) && c != '\'' && c != 0x2019 &&
		    c != '-' && c != '.')
			return false;
	}
	return true;
}

/* Punctuation trimmed around a byline's names ("di Mario Rossi –"). */
static bool name_trim_char(ucs4_t c)
{
	return c == ',' || c == ';' || c == ':' || c == '|' || c == '-' ||
	       c == 0x2013 || c == 0x2014 || c == 0x2022 || c == '"' ||
	       c == 0xAB || c == 0xBB || c == 0x201C || c == 0x201D ||
	       c == '(' || c == ')' || is_ws(c);
}

/* Check that s[0..n) is 1..BYLINE_MAX_GROUPS author names of at most
 * BYLINE_MAX_GROUP capitalised words (particles allowed inside), joined
 * by commas or "e"/"and"; at least min_words capitalised words. */
static bool author_names(const char *s, size_t n, size_t min_words)
{
	size_t i = 0, total = 0, group = 0, groups = 0, adv;
	bool dangling = false;  /* a particle or connector still open */
	while ((i = skip_ws(s, n, i)) < n) {
		size_t a = i, b = i;
		while (b < n && !is_ws(dec(s, n, b, &adv)))
			b += adv;
		i = b;
		bool comma = s[b - 1] == ',';
		while (a < b && name_trim_char(dec(s, b, a, &adv)))
			a += adv;
		while (b > a && name_trim_char(last_cp(s + a, b - a)))
			b = prev_start(s, a, b);
		if (a == b)
			return false;  /* a dash or pipe inside the name */
		bool conn = in_list(name_connectors, s + a, b - a);
		bool part = !conn && in_list(name_particles, s + a, b - a);
		if ((conn || part) && (group == 0 || comma))
			return false;
		dangling = conn || part;
		if (conn)
			group = 0;
		if (dangling)
			continue;
		if (!name_word(s + a, b - a))
			return false;
		groups += group == 0;
		if (++group > BYLINE_MAX_GROUP || groups > BYLINE_MAX_GROUPS)
			return false;
		total++;
		if (comma)
			group = 0;
	}
	return total >= min_words && !dangling;
}

/* The longest byline lead phrase the folded line starts with; the folded
 * offset just past it (and an optional colon) in *after. */
static const struct phrase *byline_lead(const struct corpus_rules *r,
                                        const struct folded *f, size_t *after,
                                        bool *colon)
{
	const struct phrase *best = NULL;
	for (size_t k = 0; r && k < r->lex[LEX_BYLINE].n; k++) {
		const struct phrase *p = &r->lex[LEX_BYLINE].v[k];
		if (p->len && p->len <= f->len && !memcmp(f->s, p->s, p->len) &&
		    !alnum_at(f->s, f->len, p->len) &&
		    (!best || p->len > best->len))
			best = p;
	}
	if (!best)
		return NULL;
	size_t p = spaces(f->s, f->len, best->len);
	*colon = p < f->len && f->s[p] == ':';
	*after = spaces(f->s, f->len, p + *colon);
	return best;
}

/*
 * Recognise a byline in the line s[0..n) (folded as f): a lead ("di",
 * "by", "a cura di", "autore:") then author names, then maybe a date.
 * Returns 1 and sets *author (and *date when a date follows and *date is
 * NULL), 0 when not a byline, -1 on memory exhaustion.
 */
static int byline(const struct corpus_rules *r, const char *s, size_t n,
                  const struct folded *f, char **author, char **date)
{
	size_t after, adv;
	bool colon;
	const struct phrase *lead = byline_lead(r, f, &after, &colon);
	if (!lead || after >= f->len || word_count(s, n) > BYLINE_MAX_WORDS)
		return 0;
	size_t o = f->map[after], name_end = n;
	char iso[11];
	bool dated = false;
	for (size_t i = o; i < n; ) {  /* a trailing date ends the name */
		while (i < n && !is_ws(dec(s, n, i, &adv)))
			i += adv;
		if ((i = skip_ws(s, n, i)) >= n)
			break;
		int d = date_text(s + i, n - i, false, NULL, iso);
		if (d < 0)
			return -1;
		if (d) {
			name_end = i, dated = true;
			break;
		}
	}
	while (name_end > o && name_trim_char(last_cp(s + o, name_end - o)))
		name_end = prev_start(s, o, name_end);
	/* "Di Maio ...": a capitalised one-word lead takes two names. */
	bool one_word = memchr(lead->s, ' ', lead->len) == NULL;
	bool capital = is_upper_cp(dec(s, n, 0, &adv));
	size_t min_words = one_word && !colon && capital ? 2 : 1;
	if (name_end <= o || !author_names(s + o, name_end - o, min_words))
		return 0;
	if (!*author && !(*author = dupn(s + o, name_end - o)))
		return -1;
	if (dated && !*date && !(*date = dupn(iso, strlen(iso))))
		return -1;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Pass one: what each line is                                          */

enum { LINE_CONTENT = -1, LINE_BLANK = -2 };

struct line {
	size_t raw_s, raw_e;   /* the line without its LF */
	size_t s, e;           /* trimmed content (after a cut label) */
	size_t cut_s, cut_e;   /* a removed date label, when cut_e > cut_s */
	int kind;              /* LINE_* or enum corpus_drop_kind */
};

struct parse {
	const struct corpus_rules *r;
	const struct corpus_hints *hints;
	const char *text;
	struct line *lines;
	size_t n_lines;
	struct corpus_article *a;
	char *text_date;       /* first date seen in the text */
	char *text_author;     /* first byline seen */
};

/* Number of spaced breadcrumb or menu separators (" › ", " > ", " » ",
 * " | ") in the folded line. */
static size_t nav_separators(const struct folded *f)
{
	static const char *const seps[] = { " \xe2\x80\xba ", " > ",
	                                    " \xc2\xbb ", " | ", NULL };
	size_t k = 0;
	for (int j = 0; seps[j]; j++)
		for (const char *q = f->s; (q = strstr(q, seps[j])) != NULL; q++)
			k++;
	return k;
}

/* The kind of a short line from the lexicons (banner, prompt, caption),
 * or a breadcrumb/menu line ("Home › Politica › Esteri"): a prompt. */
static int boiler_kind(const struct corpus_rules *r, const struct folded *f,
                       size_t words)
{
	size_t banner = lex_hits(r, LEX_BANNER, f,
	                         words <= BANNER_MAX_WORDS ? 1 : 2);
	if ((banner && words <= BANNER_MAX_WORDS) ||
	    (banner >= 2 && words <= BANNER_MULTI_MAX_WORDS))
		return CORPUS_DROP_BANNER;
	if (words <= PROMPT_MAX_WORDS &&
	    (lex_hits(r, LEX_PROMPT, f, 1) || nav_separators(f) >= 2))
		return CORPUS_DROP_PROMPT;
	if (words <= CAPTION_MAX_WORDS && lex_hits(r, LEX_CAPTION, f, 1))
		return CORPUS_DROP_CAPTION;
	return LINE_CONTENT;
}

/* Set ln->kind for one non-blank line; cut a leading date label when
 * `label_ok`.  Returns 0, or -1 on memory exhaustion. */
static int classify(struct parse *ps, struct line *ln, bool label_ok)
{
	const char *s = ps->text + ln->s;
	size_t n = ln->e - ln->s, words = word_count(s, n);
	char iso[11];
	if (!has_alnum(s, n)) {
		ln->kind = CORPUS_DROP_SYMBOL;
		return 0;
	}
	if (words <= BANNER_MULTI_MAX_WORDS) {
		struct folded f;
		if (fold(s, n, true, &f) < 0)
			return -1;
		ln->kind = boiler_kind(ps->r, &f, words);
		int b = ln->kind == LINE_CONTENT ?
		        byline(ps->r, s, n, &f, &ps->text_author, &ps->text_date) : 0;
		folded_free(&f);
		if (b < 0)
			return -1;
		if (b)
			ln->kind = CORPUS_DROP_BYLINE;
		if (ln->kind != LINE_CONTENT)
			return 0;
	}
	int d = words <= BYLINE_MAX_WORDS ? date_text(s, n, true, NULL, iso) : 0;
	if (d == 0 && label_ok) {
		size_t body = 0, pre = n < LABEL_PREFIX_BYTES ? n : LABEL_PREFIX_BYTES;
		while (pre < n && ((unsigned char)s[pre] & 0xC0) == 0x80)
			pre++;
		if ((d = date_text(s, pre, true, &body, iso)) == 1) {
			ln->cut_s = ln->s;
			ln->cut_e = trim_end(ps->text, ln->s, ln->s + body);
			ln->s += body;
		}
	} else if (d == 1) {
		ln->kind = CORPUS_DROP_DATE;
	}
	if (d < 0)
		return -1;
	if (d == 1 && !ps->text_date && !(ps->text_date = dupn(iso, strlen(iso))))
		return -1;
	return 0;
}

/* Split the text into lines, trim them and classify them. */
static int pass_one(struct parse *ps, size_t len)
{
	size_t n = 1, content = 0;
	for (size_t i = 0; i < len; i++)
		n += ps->text[i] == '\n';
	ps->lines = calloc(n, sizeof *ps->lines);
	if (!ps->lines)
		return -1;
	for (size_t i = 0; i <= len; ) {
		const char *nl = memchr(ps->text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - ps->text) : len;
		struct line *ln = &ps->lines[ps->n_lines++];
		ln->raw_s = i, ln->raw_e = e;
		ln->s = skip_ws(ps->text, e, i);
		ln->e = trim_end(ps->text, ln->s, e);
		ln->kind = ln->e > ln->s ? LINE_CONTENT : LINE_BLANK;
		if (ln->kind == LINE_CONTENT &&
		    classify(ps, ln, content < LABEL_LINES) < 0)
			return -1;
		content += ln->kind == LINE_CONTENT;
		i = e + 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Pass two: title, subtitle, repeats                                   */

/* Index of the first content line at or after i (n_lines if none). */
static size_t content_from(const struct parse *ps, size_t i)
{
	while (i < ps->n_lines && ps->lines[i].kind != LINE_CONTENT)
		i++;
	return i;
}

/* Index of the next content line after i (n_lines if none). */
static size_t next_content(const struct parse *ps, size_t i)
{
	return i < ps->n_lines ? content_from(ps, i + 1) : ps->n_lines;
}

/* Copy s[0..n) without one final full stop ("…", "...", and the period
 * of an abbreviation or initial stay). */
static char *dup_no_stop(const struct corpus_rules *r, const char *s,
                         size_t n)
{
	if (n >= 1 && s[n - 1] == '.' && (n < 2 || s[n - 2] != '.') &&
	    !no_break_at_period(r, s, 0, n - 1))
		n = trim_end(s, 0, n - 1);
	return dupn(s, n);
}

/* Does the line repeat the title: equal (case and a final "." aside), or
 * the title then a separator and a short tail ("Title - Site.it - Foto")? */
static int repeats_title(const char *title, const char *s, size_t n)
{
	struct folded t, l;
	int rc = 0;
	if (n > 2 * strlen(title) + TITLE_TAIL_BYTES)
		return 0;  /* far too long to be the title and a short tail */
	if (fold(title, strlen(title), false, &t) < 0)
		return -1;
	if (fold(s, n, false, &l) < 0) {
		folded_free(&t);
		return -1;
	}
	while (t.len && t.s[t.len - 1] == '.')
		t.len--;
	size_t ll = l.len, adv;
	while (ll && l.s[ll - 1] == '.')
		ll--;
	if (t.len && ll >= t.len && !memcmp(l.s, t.s, t.len)) {
		size_t p = spaces(l.s, ll, t.len);
		rc = p == ll || (p > t.len && is_separator(dec(l.s, ll, p, &adv)) &&
		                 l.s[p] != '(' && l.s[p] != '[' &&
		                 word_count(l.s + p, ll - p) <= TITLE_TAIL_WORDS);
	}
	folded_free(&t);
	folded_free(&l);
	return rc;
}

/* Try line i as the title line: short, at most two sentences, not ending
 * as if continued, more text after it.  Sets title and maybe subtitle. */
static int title_line(struct parse *ps, size_t i)
{
	const struct line *ln = &ps->lines[i];
	const char *s = ps->text + ln->s;
	size_t n = ln->e - ln->s;
	ucs4_t last = last_cp(s, n);
	if (cp_count(s, n) > TITLE_MAX_CP || last == ',' || last == ';' ||
	    last == ':' || next_content(ps, i) >= ps->n_lines)
		return 0;
	struct spanvec sv = { 0 };
	if (split_into(ps->r, s, n, &sv) < 0)
		return -1;
	int rc = 0;
	if (sv.n >= 1 && sv.n <= TITLE_MAX_SENTENCES) {
		size_t e = sv.n == 2 ? sv.v[0].end : n;
		rc = 1;
		if (!(ps->a->title = dup_no_stop(ps->r, s, e)))
			rc = -1;
		else if (sv.n == 2 && !(ps->a->subtitle = dupn(s + sv.v[1].start,
		                                   sv.v[1].end - sv.v[1].start)))
			rc = -1;
	}
	free(sv.v);
	return rc;
}

/* Does s[0..n) end like a heading: no . ; , : … before any closing
 * quotes, and no more closing than opening quotes (not a quote's tail)? */
static bool heading_end(const char *s, size_t n)
{
	size_t e = n, adv;
	long depth = 0;
	while (e > 0 && is_closer(last_cp(s, e)) && last_cp(s, e) != '"' &&
	       last_cp(s, e) != '\'')
		e = prev_start(s, 0, e);
	ucs4_t last = last_cp(s, e);
	if (last == '.' || last == ';' || last == ',' || last == ':' ||
	    last == 0x2026)
		return false;
	for (size_t i = 0; i < n; i += adv) {
		ucs4_t c = dec(s, n, i, &adv);
		depth += (c == 0xAB || c == 0x201C || c == '(') -
		         (c == 0xBB || c == 0x201D || c == ')');
		if (depth < 0)
			return false;
	}
	return true;
}

/* Is line i a subtitle: one short sentence with more text after it,
 * ending with a full stop, or shaped like a heading (a standfirst with no
 * full stop would otherwise be a heading before any text)? */
static int subtitle_line(struct parse *ps, size_t i)
{
	const struct line *ln = &ps->lines[i];
	const char *s = ps->text + ln->s;
	size_t n = ln->e - ln->s;
	size_t adv;
	ucs4_t first = dec(s, n, 0, &adv);
	bool stop = s[n - 1] == '.' && (n < 2 || s[n - 2] != '.');
	bool head = heading_end(s, n) && (is_upper_cp(first) || is_opener(first));
	if (cp_count(s, n) > SUBTITLE_MAX_CP || !(stop || head) ||
	    next_content(ps, i) >= ps->n_lines)
		return 0;
	long k = count_sentences(ps->r, s, n);
	if (k < 0)
		return -1;
	if (k != 1)
		return 0;
	return (ps->a->subtitle = dupn(s, n)) ? 1 : -1;
}

/* Find the title (from the hints or the first content line), a subtitle,
 * and later lines that repeat the title. */
static int pass_two(struct parse *ps)
{
	size_t f = content_from(ps, 0);
	const char *hint = ps->hints ? ps->hints->title : NULL;
	int rc = 0;
	bool in_text = false;
	if (hint) {
		if (!(ps->a->title = dupn(hint, strlen(hint))))
			return -1;
		if (f < ps->n_lines)
			rc = repeats_title(hint, ps->text + ps->lines[f].s,
			                   ps->lines[f].e - ps->lines[f].s);
	} else if (f < ps->n_lines) {
		rc = title_line(ps, f);
	}
	if (rc < 0)
		return -1;
	if (rc) {
		ps->lines[f].kind = CORPUS_DROP_TITLE;
		in_text = true;
	}
	size_t g = next_content(ps, f);
	if (in_text && !ps->a->subtitle && g < ps->n_lines) {
		if ((rc = subtitle_line(ps, g)) < 0)
			return -1;
		if (rc)
			ps->lines[g].kind = CORPUS_DROP_SUBTITLE;
	}
	for (size_t i = f; ps->a->title && i < ps->n_lines; i = next_content(ps, i)) {
		struct line *ln = &ps->lines[i];
		if (ln->kind != LINE_CONTENT)
			continue;
		if ((rc = repeats_title(ps->a->title, ps->text + ln->s,
		                        ln->e - ln->s)) < 0)
			return -1;
		if (rc)
			ln->kind = CORPUS_DROP_TITLE;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Building the article                                                 */

struct buf {
	char *p;
	size_t len, cap;
};

static int buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

static int add_dropped(struct corpus_article *a, size_t *cap,
                       enum corpus_drop_kind kind, const char *s, size_t n)
{
	if (a->n_dropped == *cap) {
		size_t c = *cap ? 2 * *cap : 8;
		struct corpus_dropped *v = realloc(a->dropped, c * sizeof *v);
		if (!v)
			return -1;
		a->dropped = v;
		*cap = c;
	}
	char *t = dupn(s, n);
	if (!t)
		return -1;
	a->dropped[a->n_dropped++] = (struct corpus_dropped){ kind, t };
	return 0;
}

/* List the dropped lines (and cut labels) in text order. */
static int collect_dropped(struct parse *ps)
{
	size_t cap = 0;
	for (size_t i = 0; i < ps->n_lines; i++) {
		const struct line *ln = &ps->lines[i];
		if (ln->cut_e > ln->cut_s &&
		    add_dropped(ps->a, &cap, CORPUS_DROP_DATE, ps->text + ln->cut_s,
		                ln->cut_e - ln->cut_s) < 0)
			return -1;
		if (ln->kind >= 0 &&
		    add_dropped(ps->a, &cap, (enum corpus_drop_kind)ln->kind,
		                ps->text + ln->raw_s, ln->raw_e - ln->raw_s) < 0)
			return -1;
	}
	return 0;
}

/* Append one paragraph s[0..n) to the body with its sentences. */
static int add_para(struct parse *ps, struct buf *body, struct spanvec *sents,
                    size_t *para_cap, size_t *body_cp, const char *s, size_t n)
{
	struct corpus_article *a = ps->a;
	if (a->n_paras && buf_add(body, "\n\n", 2) < 0)
		return -1;
	*body_cp += a->n_paras ? 2 : 0;
	if (a->n_paras == *para_cap) {
		size_t c = *para_cap ? 2 * *para_cap : 16;
		struct corpus_para *v = realloc(a->paras, c * sizeof *v);
		if (!v)
			return -1;
		a->paras = v;
		*para_cap = c;
	}
	size_t at = body->len, first = sents->n;
	if (buf_add(body, s, n) < 0 || split_into(ps->r, s, n, sents) < 0)
		return -1;
	fill_cp(s, sents->v + first, sents->n - first, *body_cp);
	for (size_t k = first; k < sents->n; k++)
		sents->v[k].start += at, sents->v[k].end += at;
	size_t cp = cp_count(s, n);
	a->paras[a->n_paras++] = (struct corpus_para){
		{ at, at + n, *body_cp, *body_cp + cp },
		CORPUS_PARA_BODY, first, sents->n - first,
	};
	*body_cp += cp;
	return 0;
}

/* Join the kept lines into the body, paragraphs and sentences. */
static int build_body(struct parse *ps)
{
	struct buf body = { 0 };
	struct spanvec sents = { 0 };
	size_t para_cap = 0, body_cp = 0;
	int rc = buf_add(&body, "", 0);
	for (size_t i = 0; rc == 0 && i < ps->n_lines; i++) {
		const struct line *ln = &ps->lines[i];
		if (ln->kind == LINE_CONTENT)
			rc = add_para(ps, &body, &sents, &para_cap, &body_cp,
			              ps->text + ln->s, ln->e - ln->s);
	}
	ps->a->body = body.p;
	ps->a->body_len = body.len;
	ps->a->sentences = sents.v;
	ps->a->n_sentences = sents.n;
	return rc;
}

/* A heading: one short sentence that ends like a heading, starting with
 * a capital or an opening quote, followed by a longer paragraph. */
static void mark_headings(struct corpus_article *a)
{
	for (size_t i = 0; i + 1 < a->n_paras; i++) {
		struct corpus_para *p = &a->paras[i];
		const char *s = a->body + p->span.start;
		size_t n = p->span.end - p->span.start, adv;
		size_t cp = p->span.cp_end - p->span.cp_start;
		ucs4_t first = dec(s, n, 0, &adv);
		if (cp > HEADING_MAX_CP || word_count(s, n) > HEADING_MAX_WORDS ||
		    p->n_sentences != 1 || !heading_end(s, n) ||
		    !(is_upper_cp(first) || is_opener(first)))
			continue;
		const struct corpus_para *q = &a->paras[i + 1];
		if (q->span.cp_end - q->span.cp_start > cp)
			p->kind = CORPUS_PARA_HEADING;
	}
}

/* The first sentence of the body, cut at a word boundary to at most
 * GUESS_MAX_CP code points and "…" appended when cut. */
static char *guess_title(const struct corpus_rules *r,
                         const struct corpus_article *a)
{
	if (!a->n_sentences)
		return dupn("", 0);
	const char *s = a->body + a->sentences[0].start;
	size_t n = a->sentences[0].end - a->sentences[0].start;
	if (cp_count(s, n) <= GUESS_MAX_CP)
		return dup_no_stop(r, s, n);
	size_t i = 0, cp = 0, cut = 0, adv;
	for (; i < n && cp <= GUESS_MAX_CP; i += adv, cp++)
		if (is_ws(dec(s, n, i, &adv)))
			cut = i;
	if (cut == 0) {  /* one long word: cut at the limit */
		for (i = 0, cp = 0; cp < GUESS_MAX_CP; i += adv, cp++)
			dec(s, n, i, &adv);
		cut = i;
	}
	while (cut > 0 && name_trim_char(last_cp(s, cut)))
		cut = prev_start(s, 0, cut);
	char *t = malloc(cut + sizeof "\xe2\x80\xa6");
	if (t) {
		memcpy(t, s, cut);
		memcpy(t + cut, "\xe2\x80\xa6", sizeof "\xe2\x80\xa6");
	}
	return t;
}

/* Author and date: hints win, then what the text said. */
static int settle_meta(struct parse *ps)
{
	const struct corpus_hints *h = ps->hints;
	struct corpus_article *a = ps->a;
	if (h && h->author) {
		if (!(a->author = dupn(h->author, strlen(h->author))))
			return -1;
	} else {
		a->author = ps->text_author;
		ps->text_author = NULL;
	}
	if (h && h->date && (a->date = corpus_parse_date(h->date,
	                                                 strlen(h->date))))
		return 0;
	a->date = ps->text_date;
	ps->text_date = NULL;
	return 0;
}

int corpus_parse(const struct corpus_rules *rules, const char *text,
                 size_t len, const struct corpus_hints *hints,
                 struct corpus_article *out)
{
	struct parse ps = { .r = rules, .hints = hints, .a = out,
	                    .text = text ? text : "" };
	memset(out, 0, sizeof *out);
	if (!text)
		len = 0;
	if (pass_one(&ps, len) < 0 || pass_two(&ps) < 0 || build_body(&ps) < 0 ||
	    collect_dropped(&ps) < 0 || settle_meta(&ps) < 0)
		goto fail;
	mark_headings(out);
	if (!out->title) {
		out->title_guessed = true;
		if (!(out->title = guess_title(rules, out)))
			goto fail;
	}
	free(ps.lines);
	free(ps.text_author);  /* unused when the hints won */
	free(ps.text_date);
	return 0;
fail:
	free(ps.lines);
	free(ps.text_author);
	free(ps.text_date);
	corpus_article_free(out);
	return -1;
}

void corpus_article_free(struct corpus_article *a)
{
	if (!a)
		return;
	free(a->title);
	free(a->subtitle);
	free(a->author);
	free(a->date);
	free(a->body);
	free(a->paras);
	free(a->sentences);
	for (size_t i = 0; i < a->n_dropped; i++)
		free(a->dropped[i].text);
	free(a->dropped);
	memset(a, 0, sizeof *a);
}

const char *corpus_drop_kind_name(enum corpus_drop_kind kind)
{
	switch (kind) {
	case CORPUS_DROP_BYLINE: return "byline";
	case CORPUS_DROP_DATE: return "date";
	case CORPUS_DROP_TITLE: return "title";
	case CORPUS_DROP_SUBTITLE: return "subtitle";
	case CORPUS_DROP_BANNER: return "banner";
	case CORPUS_DROP_SYMBOL: return "symbol";
	case CORPUS_DROP_CAPTION: return "caption";
	case CORPUS_DROP_PROMPT: return "prompt";
	}
	return "unknown";
}
