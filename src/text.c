/*
 * text.c: Unicode text handling (see include/margo/text.h).
 *
 * A strict UTF-8 decoder (each maximal ill-formed subpart -> one U+FFFD,
 * as in the Unicode Standard, section 3.9, Table 3-8), ingest
 * canonicalisation, the one per-code-point cell rule (text_cp_cells) that
 * the renderer and the wrapper (text_wrap.c) both use, and a
 * terminal-safe renderer.
 * Pure functions: no global mutable state, no curses, nothing of ours.
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "margo/text.h"
#include "text_impl.h"

#define BAD_CP       TEXT_BAD_CP
#define REPLACEMENT  0xFFFDu
#define ZWJ          0x200Du
#define MAX_MARKS    4		/* combining marks kept after one base */
#define BINARY_SCAN  8192	/* bytes text_looks_binary() looks at */
#define GB_WINDOW    4096	/* bytes each side of pos for grapheme look-ups */

/* ---- UTF-8 ------------------------------------------------------------ */

/*
 * Decode one unit at s[0..n) (n >= 1).  Stores the code point, or BAD_CP
 * for an ill-formed subpart, and returns the bytes taken: a well-formed
 * sequence, or the maximal subpart (the longest prefix of a well-formed
 * sequence, at least 1 byte), so that each subpart is one U+FFFD.
 */
size_t text_utf8_decode(const uint8_t *s, size_t n, uint32_t *out)
{
	uint8_t b = s[0], lo = 0x80, hi = 0xBF;
	size_t need, i;
	uint32_t c;

	if (b < 0x80) {
		*out = b;
		return 1;
	}
	if (b < 0xC2 || b > 0xF4) {	/* continuation, C0/C1 overlong, > F4 */
		*out = BAD_CP;
		return 1;
	}
	if (b < 0xE0) {
		need = 1;
		c = b & 0x1F;
	} else if (b < 0xF0) {
		need = 2;
		c = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (b == 0xED)
			hi = 0x9F;	/* surrogates */
	} else {
		need = 3;
		c = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;	/* overlong */
		else if (b == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
	}
	for (i = 1; i <= need; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*out = BAD_CP;
			return i;
		}
		c = (c << 6) | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*out = c;
	return need + 1;
}

/* Encode a valid scalar value; returns 1..4 bytes written to out. */
static size_t utf8_encode(uint32_t c, uint8_t out[4])
{
	if (c < 0x80) {
		out[0] = (uint8_t)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (uint8_t)(0xC0 | (c >> 6));
		out[1] = (uint8_t)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (uint8_t)(0xE0 | (c >> 12));
		out[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (uint8_t)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (uint8_t)(0xF0 | (c >> 18));
	out[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (uint8_t)(0x80 | (c & 0x3F));
	return 4;
}

/* ---- a private growable buffer (text depends on no other module) ------ */

struct tbuf {
	uint8_t *p;
	size_t n, cap;
};

/* Room for `extra` more bytes plus a NUL; false when memory runs out. */
static bool tbuf_reserve(struct tbuf *b, size_t extra)
{
	size_t need, cap;
	uint8_t *p;

	if (extra > SIZE_MAX / 2 - b->n)
		return false;
	need = b->n + extra + 1;
	if (need <= b->cap)
		return true;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	p = realloc(b->p, cap);
	if (!p)
		return false;
	b->p = p;
	b->cap = cap;
	return true;
}

static bool tbuf_put(struct tbuf *b, const void *s, size_t n)
{
	if (!tbuf_reserve(b, n))
		return false;
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
	return true;
}

static bool tbuf_putcp(struct tbuf *b, uint32_t c)
{
	uint8_t e[4];

	return tbuf_put(b, e, utf8_encode(c, e));
}

/* ---- classification ---------------------------------------------------- */

/* Bidi controls and zero-width/format characters: never drawn, stripped at
 * ingest (ZWJ excepted inside emoji sequences).  An explicit list: glibc
 * and libunistring call several of these printable. */
static bool is_invisible(uint32_t c)
{
	return c == 0x00AD || c == 0x061C || (c >= 0x200B && c <= 0x200F) ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
	       (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

static bool is_mark(uint32_t c)
{
	return c >= 0x300 && uc_is_general_category(c, UC_CATEGORY_M);
}

static bool is_control(uint32_t c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

/* What may follow an emoji base and still belong to it (besides marks such
 * as VS16): skin-tone modifiers and the tag characters of flag sequences. */
static bool is_emoji_extender(uint32_t c)
{
	return uc_is_property_emoji_modifier(c) || (c >= 0xE0020 && c <= 0xE007F);
}

bool text_is_blank(uint32_t c)
{
	return c == ' ' || c == '\t';
}

/* ---- canonicalisation -------------------------------------------------- */

/*
 * Drop, in place, combining marks past the fourth after a base.  Needed
 * after NFC as well as before: NFC decomposes the characters excluded
 * from composition (U+0958 is U+0915 U+093C), which adds a mark to what
 * was counted.  Removing trailing marks of a run leaves NFC text NFC.
 * Returns the new length; adds the marks removed to *stripped.
 */
static size_t cap_marks(uint8_t *s, size_t len, size_t *stripped)
{
	size_t i = 0, o = 0, k, marks = 0;
	uint32_t c;

	while (i < len) {
		k = text_utf8_decode(s + i, len - i, &c);
		if (is_mark(c)) {
			if (marks >= MAX_MARKS) {
				(*stripped)++;
				i += k;
				continue;
			}
			marks++;
		} else if (!is_emoji_extender(c)) {
			marks = 0;
		}
		memmove(s + o, s + i, k);
		o += k;
		i += k;
	}
	s[o] = '\0';
	return o;
}

/* Decode, clean and NFC-normalise ingested bytes; see text.h.  Marks past
 * the fourth after a base are counted in st->stripped. */
char *text_canonicalize(const char *bytes, size_t len, size_t *out_len,
                        struct text_stats *st)
{
	const uint8_t *s = (const uint8_t *)bytes;
	struct text_stats dummy;
	struct tbuf b = { 0 };
	size_t i = 0, k, marks = 0;
	bool pict = false;	/* last base was pictographic, only extenders since */
	uint32_t c, next, maxcp = 0;
	uint8_t *nfc;

	if (!st)
		st = &dummy;
	memset(st, 0, sizeof *st);
	if (!tbuf_reserve(&b, len))
		return NULL;
	b.p[0] = '\0';
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		st->bom = true;
		i = 3;
	}
	while (i < len) {
		if (s[i] == '\0') {
			st->nuls++;
			i++;
			continue;
		}
		k = text_utf8_decode(s + i, len - i, &c);
		if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
			k = 2;
		i += k;
		if (c == BAD_CP) {
			st->invalid++;
			c = REPLACEMENT;
		} else if (c == '\r' || c == 0x2028 || c == 0x2029) {
			c = '\n';
		}
		if (is_invisible(c)) {
			if (c == ZWJ && pict && i < len) {
				text_utf8_decode(s + i, len - i, &next);
				if (next != BAD_CP && uc_is_property_extended_pictographic(next)) {
					if (!tbuf_putcp(&b, c))
						goto oom;
					continue;
				}
			}
			st->stripped++;
			continue;
		}
		if (is_mark(c)) {
			if (marks >= MAX_MARKS) {
				st->stripped++;
				continue;
			}
			marks++;
		} else if (!is_emoji_extender(c)) {
			marks = 0;
			pict = uc_is_property_extended_pictographic(c);
		}
		if (is_control(c) && c != '\t' && c != '\n')
			st->controls++;
		if (c > maxcp)
			maxcp = c;
		if (!tbuf_putcp(&b, c))
			goto oom;
	}
	/* Below U+0300 every string is already NFC (no marks, no Hangul). */
	if (maxcp >= 0x300) {
		size_t n = 0;

		/* Normalise the terminating NUL too: it stays put and ends the
		 * result, which u8_normalize() does not do by itself. */
		nfc = u8_normalize(UNINORM_NFC, b.p, b.n + 1, NULL, &n);
		if (!nfc)
			goto oom;
		free(b.p);
		b.p = nfc;
		b.n = cap_marks(nfc, n - 1, &st->stripped);
	}
	if (out_len)
		*out_len = b.n;
	return (char *)b.p;
oom:
	free(b.p);
	return NULL;
}

/* NUL in the first 8 KiB, a UTF-16 BOM, or > 10% suspicious bytes. */
bool text_looks_binary(const char *bytes, size_t len)
{
	const uint8_t *s = (const uint8_t *)bytes;
	size_t n = len < BINARY_SCAN ? len : BINARY_SCAN, i = 0, bad = 0, k;
	uint32_t c;

	if (text_utf16_bom(bytes, len))
		return true;  /* decode it first (text_utf16_to_utf8) */
	while (i < n) {
		if (s[i] == '\0')
			return true;
		/* Decode against the whole input: a character straddling the
		 * 8 KiB mark is not ill-formed. */
		k = text_utf8_decode(s + i, len - i, &c);
		if (c == BAD_CP)
			bad += k;
		else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
			bad++;
		i += k;
	}
	return bad * 10 > n;
}

int text_utf16_bom(const char *bytes, size_t len)
{
	const uint8_t *s = (const uint8_t *)bytes;
	if (len < 2)
		return 0;
	if (s[0] == 0xFF && s[1] == 0xFE)
		return 1;
	if (s[0] == 0xFE && s[1] == 0xFF)
		return 2;
	return 0;
}

char *text_utf16_to_utf8(const char *bytes, size_t len, bool big_endian,
                         size_t *out_len, size_t *invalid)
{
	const uint8_t *s = (const uint8_t *)bytes;
	size_t units = len / 2, bad = 0, o = 0;
	/* A unit gives at most 3 bytes (a pair of them 4); an odd byte 3. */
	if (units > (SIZE_MAX - 8) / 3)
		return NULL;
	uint8_t *out = malloc(units * 3 + 8);
	if (!out)
		return NULL;
	for (size_t i = 0; i < units; i++) {
		uint32_t u = big_endian ? (uint32_t)s[2 * i] << 8 | s[2 * i + 1]
		                        : (uint32_t)s[2 * i + 1] << 8 | s[2 * i];
		uint32_t c = u;
		if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units) {
			uint32_t v = big_endian ? (uint32_t)s[2 * i + 2] << 8 | s[2 * i + 3]
			                        : (uint32_t)s[2 * i + 3] << 8 | s[2 * i + 2];
			if (v >= 0xDC00 && v <= 0xDFFF) {
				c = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
				i++;
			} else {
				c = REPLACEMENT;
				bad++;
			}
		} else if (u >= 0xD800 && u <= 0xDFFF) {
			c = REPLACEMENT;
			bad++;
		}
		o += (size_t)u8_uctomb(out + o, c, 4);
	}
	if (len % 2) {
		o += (size_t)u8_uctomb(out + o, REPLACEMENT, 4);
		bad++;
	}
	out[o] = '\0';
	*out_len = o;
	if (invalid)
		*invalid = bad;
	return (char *)out;
}

/* Code points (ill-formed subparts count one each, as drawn). */
size_t text_cp_count(const char *s, size_t len)
{
	size_t i = 0, n = 0;
	uint32_t c;

	while (i < len) {
		i += text_utf8_decode((const uint8_t *)s + i, len - i, &c);
		n++;
	}
	return n;
}

size_t text_cp_to_byte(const char *s, size_t len, size_t cp)
{
	size_t i = 0;
	uint32_t c;

	while (cp > 0 && i < len) {
		i += text_utf8_decode((const uint8_t *)s + i, len - i, &c);
		cp--;
	}
	return i;
}

/* ---- the display rule -------------------------------------------------- */

/*
 * The single cell rule, used by width, render and wrap alike.  Beyond
 * text.h: regional indicators take 1 each (a flag is 2 cells, as wcwidth()
 * and curses count it); text-style pictographs such as U+00A9 or U+2764
 * take 1, with VS16 or not (VS16 is a mark: 0), as wcwidth() counts them;
 * values that are not scalar values take 1: they are drawn as U+FFFD.
 */
int text_cp_cells(uint32_t c, int col)
{
	int w;

	if (c == '\t')
		return 8 - (col > 0 ? col % 8 : 0);
	if (c == '\n' || c == 0x2028 || c == 0x2029)
		return 1;
	if (is_control(c))
		return 2;
	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 1;
	if (is_invisible(c))
		return 0;
	if (c >= 0x1F1E6 && c <= 0x1F1FF)
		return 1;
	if (uc_is_property_emoji_presentation(c))
		return 2;
	w = uc_width(c, "UTF-8");
	return w < 0 ? 1 : w;
}

/* col + w, saturating: absurdly long inputs must not overflow an int. */
int text_add_cells(int col, int w)
{
	return col > INT_MAX - w ? INT_MAX : col + w;
}

int text_width_from(const char *s, size_t len, int col)
{
	size_t i = 0;
	uint32_t c;
	int start = col < 0 ? 0 : col, at = start;

	while (i < len) {
		i += text_utf8_decode((const uint8_t *)s + i, len - i, &c);
		at = text_add_cells(at, text_cp_cells(c == BAD_CP ? REPLACEMENT : c, at));
	}
	return at - start;
}

int text_width(const char *s, size_t len)
{
	return text_width_from(s, len, 0);
}

/*
 * Safe terminal text; see text.h.  Beyond it: ZWJ is dropped like the
 * other zero-width characters (so the terminal draws the emoji one by one,
 * as text_cp_cells counts them), combining marks past MAX_MARKS are
 * dropped, and output stops at the first character that does not fit.
 */
char *text_render(const char *s, size_t len, int col, int max_cells,
                  int *cells)
{
	const uint8_t *u = (const uint8_t *)s;
	struct tbuf b = { 0 };
	size_t i = 0, marks = 0;
	uint32_t c;
	int used = 0, w;
	uint8_t m[2];

	if (col < 0)
		col = 0;
	if (!tbuf_reserve(&b, len))
		return NULL;
	b.p[0] = '\0';
	while (i < len) {
		i += text_utf8_decode(u + i, len - i, &c);
		if (c == BAD_CP)
			c = REPLACEMENT;
		if (is_invisible(c) || (is_mark(c) && marks >= MAX_MARKS))
			continue;
		w = text_cp_cells(c, text_add_cells(col, used));
		if (used > INT_MAX - w - col || (max_cells >= 0 && w > max_cells - used))
			break;
		marks = is_mark(c) ? marks + 1 : 0;
		used += w;
		if (c == '\t') {
			while (w-- > 0)
				if (!tbuf_put(&b, " ", 1))
					goto oom;
			continue;
		}
		if (c == '\n' || c == 0x2028 || c == 0x2029) {
			m[0] = ' ';
			if (!tbuf_put(&b, m, 1))
				goto oom;
			continue;
		}
		if (is_control(c)) {
			if (c < 0x20 || c == 0x7F) {
				m[0] = '^';
				m[1] = c == 0x7F ? '?' : (uint8_t)(c + 0x40);
			} else {
				m[0] = '~';
				m[1] = (uint8_t)(c - 0x40);
			}
			if (!tbuf_put(&b, m, 2))
				goto oom;
			continue;
		}
		if (!tbuf_putcp(&b, c))
			goto oom;
	}
	if (cells)
		*cells = used;
	return (char *)b.p;
oom:
	free(b.p);
	return NULL;
}

/* ---- grapheme clusters, trimming, folding ----------------------------- */

/*
 * The boundary after (forward) or before pos.  Breaks are computed on a
 * window: from the LF before pos (a certain boundary) or GB_WINDOW bytes
 * back, to the LF after it or GB_WINDOW bytes on; a cluster or a run of
 * regional indicators longer than the window could be misjudged.  The
 * window is bounded, hence the fixed array.
 */
static size_t grapheme_find(const char *s, size_t len, size_t pos, bool forward)
{
	const uint8_t *u = (const uint8_t *)s;
	char gb[2 * GB_WINDOW + 2];
	size_t p = forward ? pos : pos - 1, a = p, b = p, i;

	while (a > 0 && u[a - 1] != '\n' && p - a < GB_WINDOW)
		a--;
	if (a > 0 && u[a - 1] != '\n')
		while (a < p && (u[a] & 0xC0) == 0x80)
			a++;
	while (b < len && u[b] != '\n' && b - p < GB_WINDOW)
		b++;
	if (b < len && u[b] == '\n')
		b++;
	else if (b < len)
		while (b > p + 1 && (u[b] & 0xC0) == 0x80)
			b--;
	u8_grapheme_breaks(u + a, b - a, gb);
	if (forward) {
		for (i = pos + 1; i < b; i++)
			if (gb[i - a])
				return i;
		return b;
	}
	for (i = pos - 1; i > a; i--)
		if (gb[i - a])
			return i;
	return a;
}

size_t text_grapheme_next(const char *s, size_t len, size_t pos)
{
	return pos >= len ? len : grapheme_find(s, len, pos, true);
}

size_t text_grapheme_prev(const char *s, size_t len, size_t pos)
{
	if (pos > len)
		pos = len;
	return pos == 0 ? 0 : grapheme_find(s, len, pos, false);
}

static bool is_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') ||
	       (c != BAD_CP && uc_is_property_white_space(c));
}

/* White space at both ends; ill-formed bytes count as text. */
size_t text_trim(const char **s, size_t len)
{
	const uint8_t *u = (const uint8_t *)*s;
	size_t i = 0, k, j;
	uint32_t c;

	while (i < len) {
		k = text_utf8_decode(u + i, len - i, &c);
		if (!is_space(c))
			break;
		i += k;
	}
	u += i;
	len -= i;
	*s += i;
	/* From the end: back up to a lead byte, and trim if it decodes to a
	 * white space character that ends exactly at len. */
	while (len > 0) {
		for (j = 1; j < 4 && j < len && (u[len - j] & 0xC0) == 0x80; j++)
			;
		k = text_utf8_decode(u + len - j, j, &c);
		if (k != j || !is_space(c))
			break;
		len -= j;
	}
	return len;
}

/* A well-formed copy of s when it is not well-formed (U+FFFD for each
 * ill-formed subpart), or NULL with *copy false when s already is. */
static uint8_t *utf8_repair(const char *s, size_t len, size_t *out_len, bool *copy)
{
	struct tbuf b = { 0 };
	size_t i = 0;
	uint32_t c;

	*copy = u8_check((const uint8_t *)s, len) != NULL;
	if (!*copy)
		return NULL;
	if (!tbuf_reserve(&b, len))
		return NULL;
	while (i < len) {
		i += text_utf8_decode((const uint8_t *)s + i, len - i, &c);
		if (!tbuf_putcp(&b, c == BAD_CP ? REPLACEMENT : c)) {
			free(b.p);
			return NULL;
		}
	}
	*out_len = b.n;
	return b.p;
}

/* Case-fold, decompose, drop non-spacing and enclosing marks, recompose
 * (so Hangul comes back whole).  Ill-formed input is repaired first. */
char *text_fold(const char *s, size_t len, size_t *out_len)
{
	const uint8_t *in = (const uint8_t *)s;
	uint8_t *fixed, *cf, *res;
	size_t n = len, cfn = 0, i = 0, o = 0, k, rn = 0;
	bool copy;
	uint32_t c;

	fixed = utf8_repair(s, len, &n, &copy);
	if (copy && !fixed)
		return NULL;
	if (fixed)
		in = fixed;
	cf = n ? u8_casefold(in, n, NULL, UNINORM_NFD, NULL, &cfn) : NULL;
	free(fixed);
	if (n && !cf)
		return NULL;
	while (i < cfn) {
		k = text_utf8_decode(cf + i, cfn - i, &c);
		if (!uc_is_general_category(c, UC_CATEGORY_Mn) &&
		    !uc_is_general_category(c, UC_CATEGORY_Me)) {
			memmove(cf + o, cf + i, k);
			o += k;
		}
		i += k;
	}
	res = o ? u8_normalize(UNINORM_NFC, cf, o, NULL, &rn) : NULL;
	free(cf);
	if (o && !res)
		return NULL;
	{
		uint8_t *r = realloc(res, rn + 1);

		if (!r) {
			free(res);
			return NULL;
		}
		r[rn] = '\0';
		if (out_len)
			*out_len = rn;
		return (char *)r;
	}
}
