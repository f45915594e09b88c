/*
 * corpus_dateline.c: the dateline that opens an Italian article,
 *
 *     Roma, 3 marzo 2024 — di Mario Rossi
 *     ROMA, 3 mar. 2024 - Il governo ha deciso ...
 *     Milano, 12 gennaio –
 *
 * a place (capitalised words, "del", "di" ... between them), a comma, a
 * date (a month in Italian, in full or abbreviated; the year may be left
 * unsaid), then a dash of any kind, the end of the line, or a byline.
 * It gives the article's date and author when the file gives none.
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>

#include "margo/corpus.h"
#include "corpus_impl.h"

enum { PLACE_MAX_WORDS = 5 };

/* Lower-case words a place's name may hold between its capitalised ones. */
static bool particle(const char *s, size_t n)
{
	static const char *const words[] = { "del", "della", "dei", "degli", "delle",
	                                     "di", "de", "da", "sul", "sulla", "in", "al",
	                                     "sotto", "a", NULL };
	for (int k = 0; words[k]; k++)
		if (strlen(words[k]) == n && !memcmp(words[k], s, n))
			return true;
	return false;
}

static bool apostrophe(ucs4_t c)
{
	return c == '\'' || c == 0x2019;
}

static bool dash(ucs4_t c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

/* One word of the place at s[*i]: letters, apostrophes, hyphens, dots.
 * 1 capitalised ("Roma", "ROMA", "dell'Aquila"), 2 a particle, 0 not a
 * word of a place.  *i moves past it. */
static int place_word(const char *s, size_t n, size_t *i)
{
	size_t start = *i, adv, cap_at = start;
	while (*i < n) {
		ucs4_t c = cx_dec(s, n, *i, &adv);
		if (cx_is_ws(c) || c == ',')
			break;
		if (apostrophe(c) && cap_at == start)
			cap_at = *i + adv;  /* "dell'Aquila": the capital after it */
		else if (!uc_is_alpha(c) && !apostrophe(c) && c != '-' && c != '.')
			return 0;
		*i += adv;
	}
	if (*i == start)
		return 0;
	if (cap_at < *i && cx_is_upper_cp(cx_dec(s, n, cap_at, &adv)))
		return 1;
	if (cx_is_upper_cp(cx_dec(s, n, start, &adv)))
		return 1;
	return particle(s + start, *i - start) ? 2 : 0;
}

/* The place up to its comma: the offset of the comma, or 0. */
static size_t place(const char *s, size_t n)
{
	size_t i = 0;
	for (int words = 1; words <= PLACE_MAX_WORDS; words++) {
		int w = place_word(s, n, &i);
		if (!w || (w == 2 && words == 1))
			return 0;
		if (i < n && s[i] == ',')
			return w == 1 ? i : 0;
		if (i >= n || s[i] != ' ')
			return 0;
		i++;
	}
	return 0;
}

int cx_dateline(const struct corpus_rules *r, const char *s, size_t n, char **author,
                char **date, bool *whole)
{
	*whole = false;
	size_t comma = place(s, n);
	if (!comma)
		return 0;
	size_t c = comma + 1;
	struct folded f;
	if (cx_fold(s + c, n - c, true, &f) < 0)
		return -1;
	char iso[11];
	size_t p = cx_spaces(f.s, f.len, 0);
	int d = cx_date_prefix(f.s, f.len, &p, iso);
	size_t q = c + f.map[p];
	cx_folded_free(&f);
	if (!d)
		return 0;
	/* A dash, or the end of the line. */
	size_t adv;
	q = cx_skip_ws(s, n, q);
	if (q < n) {
		if (!dash(cx_dec(s, n, q, &adv)))
			return 0;
		while (q < n && dash(cx_dec(s, n, q, &adv)))
			q += adv;
		q = cx_skip_ws(s, n, q);
	}
	if (d == 1 && !*date && !(*date = cx_dupn(iso, strlen(iso))))
		return -1;
	if (q >= n) {
		*whole = true;
		return 1;
	}
	/* "— di Mario Rossi": a byline fills the rest. */
	if (cx_fold(s + q, n - q, true, &f) < 0)
		return -1;
	int b = cx_byline(r, s + q, n - q, &f, author, date);
	cx_folded_free(&f);
	if (b < 0)
		return -1;
	*whole = b == 1;
	return 1;
}
