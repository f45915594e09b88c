/*
 * search_fold.c: folding, for the tokenizer (search.c) one code point at a
 * time, and for in-article search a whole text with the map back to it:
 * canonical decomposition, combining marks dropped, lower case, a few
 * letters with strokes and ligatures spelled out ("Città" -> "citta",
 * "Łódź" -> "lodz", "ß" -> "ss").
 */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "margo/search.h"
#include "search_impl.h"

/* ---- one code point --------------------------------------------------------- */

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

int search_fold_cp(ucs4_t c, bool lower, uint8_t *out, int depth)
{
	ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
	int nd;

	/* Hangul syllables decompose into letters, not marks: keep them. */
	if ((c >= 0xAC00 && c <= 0xD7A3) || depth > 4 ||
	    (nd = uc_canonical_decomposition(c, d)) <= 0)
		return fold_base(c, lower, out);
	int n = 0;
	for (int i = 0; i < nd && n + 8 <= FOLD_MAX; i++)
		n += i == 0 ? search_fold_cp(d[i], lower, out + n, depth + 1)
		            : fold_base(d[i], lower, out + n);
	return n;
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
			n = search_fold_cp(c, !keep_case, tmp, 0);
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
