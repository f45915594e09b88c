/*
 * search_number.c: Italian numbers written in words ("ventisette",
 * "centoquaranta", "quattromila", "una quarantina"), so that two tellings
 * of one figure meet whether they wrote it in digits or in letters.
 *
 * Words are folded (lower case, no accents) as the tokenizer gives them.
 * Cardinals are read up to 999,999: units, tens with their elisions
 * ("ventuno", "trentotto"), "cento" ("centottanta"), "mille"/"mila".
 */
#include <config.h>

#include <stdbool.h>
#include <string.h>

#include "margo/search.h"

static const char *const small[] = {
	"zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove",
	"dieci", "undici", "dodici", "tredici", "quattordici", "quindici", "sedici",
	"diciassette", "diciotto", "diciannove",
};

static const char *const tens[] = {
	"venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta",
};

/* Nouns of about so many ("una quarantina", "un centinaio"). */
static const struct {
	const char *word;
	long value;
} about[] = {
	{ "decina", 10 }, { "dozzina", 12 }, { "ventina", 20 }, { "trentina", 30 },
	{ "quarantina", 40 }, { "cinquantina", 50 }, { "sessantina", 60 },
	{ "settantina", 70 }, { "ottantina", 80 }, { "novantina", 90 },
	{ "centinaio", 100 }, { "migliaio", 1000 },
};

static bool is(const char *s, size_t len, const char *word)
{
	return len > 0 && s[0] == word[0] && strlen(word) == len && memcmp(s, word, len) == 0;
}

/* 0..99, or -1. */
static long below_100(const char *s, size_t len)
{
	if (len == 0)
		return -1;
	for (size_t i = 0; i < sizeof small / sizeof *small; i++)
		if (is(s, len, small[i]))
			return (long)i;
	for (size_t i = 0; i < sizeof tens / sizeof *tens; i++) {
		if (s[0] != tens[i][0])
			continue;
		size_t t = strlen(tens[i]);
		long v = 20 + 10 * (long)i;
		if (len >= t && memcmp(s, tens[i], t) == 0) {
			if (len == t)
				return v;
			for (size_t u = 2; u < 10; u++)  /* "uno" and "otto" elide */
				if (u != 8 && is(s + t, len - t, small[u]))
					return v + (long)u;
		}
		/* "ventuno", "trentotto": the final vowel of the tens goes. */
		if (len > t - 1 && memcmp(s, tens[i], t - 1) == 0) {
			if (is(s + t - 1, len - t + 1, "uno"))
				return v + 1;
			if (is(s + t - 1, len - t + 1, "otto"))
				return v + 8;
		}
	}
	return -1;
}

/* 0..999, or -1; an empty string is 0. */
static long below_1000(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	const char *c = NULL;
	for (size_t i = 0; i + 4 <= len; i++)
		if (memcmp(s + i, "cent", 4) == 0) {
			c = s + i;
			break;
		}
	if (!c)
		return below_100(s, len);
	size_t left = (size_t)(c - s);
	long h = left == 0 ? 1 : below_100(s, left);
	if (h < 2 && left != 0)
		return -1;  /* "duecento" .. "novecento"; "unocento" is not a number */
	if (h > 9)
		return -1;
	const char *r = c + 4;
	size_t rlen = len - left - 4;
	/* "cento" + rest, or "cent" before "otto"/"ottanta". */
	if (rlen >= 1 && r[0] == 'o') {
		long v = below_100(r + 1, rlen - 1);
		if (rlen == 1)
			return h * 100;
		if (v > 0)
			return h * 100 + v;
	}
	if (rlen > 0 && r[0] == 'o') {
		long v = below_100(r, rlen);
		if (v > 0)
			return h * 100 + v;
	}
	return -1;
}

long search_number_word(const char *s, size_t len)
{
	/* Every number word begins with one of these: most words end here. */
	if (len < 3 || !strchr("cdmnoqstuvz", s[0]))
		return -1;
	for (size_t i = 0; i < sizeof about / sizeof *about; i++)
		if (is(s, len, about[i].word))
			return about[i].value;
	if (len < 3 || len > 60)
		return -1;
	if (len >= 5 && memcmp(s, "mille", 5) == 0) {
		long r = below_1000(s + 5, len - 5);
		return r < 0 ? -1 : 1000 + r;
	}
	for (size_t i = 0; i + 4 <= len; i++)
		if (memcmp(s + i, "mila", 4) == 0) {
			long k = below_1000(s, i), r = below_1000(s + i + 4, len - i - 4);
			return i == 0 || k < 2 || r < 0 ? -1 : k * 1000 + r;
		}
	return below_1000(s, len);
}
