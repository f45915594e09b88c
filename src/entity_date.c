/*
 * entity_date.c: Italian date expressions, normalised to ISO 8601.
 *
 *   12 settembre 2023, lunedì 12 settembre 2023  -> 2023-09-12
 *   febbraio 2022                                -> 2022-02
 *   giugno (article dated 2024)                  -> 2024-06
 *   dal 10 al 13 settembre (dated 2023)          -> 2023-09-10/2023-09-13
 *   dal 30 agosto al 2 settembre, tra il 3 e il 5 maggio
 *   nel 2019, dal 2019, entro il 2030            -> 2019 (the year only)
 *   12/09/2023, 12.09.2023, 2023-09-12           -> 2023-09-12
 *
 * Without a year in the text or the article's date, the ISO form leaves
 * the year out ("--09-12", "--06").  Works on the token array of
 * entity_extract_tok.c; no allocation.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entity_impl.h"
#include "margo/util.h"

static bool date_key_is(const struct tokvec *tv, size_t i, const char *w)
{
	size_t n = strlen(w);
	return i < tv->n && tv->t[i].keylen == n && memcmp(tok_key(tv, i), w, n) == 0;
}

int ent_month(const char *k, size_t n)
{
	static const char *const months[] = {
		"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
		"luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
	};
	for (int m = 0; m < 12; m++)
		if (strlen(months[m]) == n && memcmp(months[m], k, n) == 0)
			return m + 1;
	return 0;
}

static int month_at(const struct tokvec *tv, size_t i)
{
	if (i >= tv->n || !(tv->t[i].flags & T_WORD))
		return 0;
	return ent_month(tok_key(tv, i), tv->t[i].keylen);
}

static bool weekday_at(const struct tokvec *tv, size_t i)
{
	static const char *const days[] = {
		"lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato",
		"domenica", "lunedi", "martedi", "mercoledi", "giovedi", "venerdi",
	};
	for (size_t d = 0; d < sizeof days / sizeof days[0]; d++)
		if (date_key_is(tv, i, days[d]))
			return true;
	return false;
}

/* The value of a number token of at most `maxd` digits (1° and 1º
 * count as 1), or -1. */
static long num_at(const struct tokvec *tv, size_t i, size_t maxd)
{
	if (i >= tv->n)
		return -1;
	const struct tok *t = &tv->t[i];
	if (!(t->flags & (T_NUM | T_DIGIT)))
		return -1;
	const char *k = tok_key(tv, i);
	size_t n = t->keylen, d = 0;
	long v = 0;
	while (d < n && k[d] >= '0' && k[d] <= '9' && d < 9)
		v = v * 10 + (k[d++] - '0');
	if (!d || d > maxd)
		return -1;
	if (d < n && !(strcmp(k + d, "°") == 0 || strcmp(k + d, "º") == 0))
		return -1;
	return v;
}

static long day_at(const struct tokvec *tv, size_t i)
{
	long d = num_at(tv, i, 2);
	return d >= 1 && d <= 31 ? d : -1;
}

static long year_at(const struct tokvec *tv, size_t i)
{
	if (i >= tv->n || tv->t[i].keylen != 4)
		return -1;
	long y = num_at(tv, i, 4);
	return y >= 1000 && y <= 2999 ? y : -1;
}

static void put_date(char *iso, long y, long m, long d)
{
	char *p = iso + strlen(iso);
	if (y > 0)
		p += sprintf(p, "%04ld", y);
	else
		p += sprintf(p, "-");
	if (m > 0)
		p += sprintf(p, "-%02ld", m);
	if (d > 0)
		sprintf(p, "-%02ld", d);
}

/* "D month [YYYY]" at i: tokens taken (0: none); values in *d *m *y. */
static size_t day_month(const struct tokvec *tv, size_t i, long *d, long *m,
                        long *y)
{
	*d = day_at(tv, i);
	if (*d < 0)
		return 0;
	*m = month_at(tv, i + 1);
	if (!*m)
		return 0;
	*y = year_at(tv, i + 2);
	return *y > 0 ? 3 : 2;
}

/* A numeric date in one token ("2023-09-12", "12-09-2023") or three
 * numbers joined by "/" or "." with no space ("12/09/2023"). */
static size_t numeric_date(const struct tokvec *tv, const char *text, size_t i,
                           char *iso)
{
	const struct tok *t = &tv->t[i];
	long a, b, c;
	char sep1, sep2;
	if ((t->flags & T_NUM) && t->end - t->start == 10) {
		char buf[11];
		memcpy(buf, text + t->start, 10);
		buf[10] = '\0';
		if (sscanf(buf, "%4ld-%2ld-%2ld", &a, &b, &c) == 3 && buf[4] == '-' &&
		    a >= 1000 && b >= 1 && b <= 12 && c >= 1 && c <= 31) {
			put_date(iso, a, b, c);
			return 1;
		}
		if (sscanf(buf, "%2ld-%2ld-%4ld", &c, &b, &a) == 3 && buf[2] == '-' &&
		    a >= 1000 && b >= 1 && b <= 12 && c >= 1 && c <= 31) {
			put_date(iso, a, b, c);
			return 1;
		}
		return 0;
	}
	if (i + 4 >= tv->n)
		return 0;
	c = day_at(tv, i);
	b = num_at(tv, i + 2, 2);
	a = year_at(tv, i + 4);
	if (c < 0 || b < 1 || b > 12 || a < 0)
		return 0;
	sep1 = text[tv->t[i + 1].start];
	sep2 = text[tv->t[i + 3].start];
	if (sep1 != sep2 || (sep1 != '/' && sep1 != '.'))
		return 0;
	for (size_t k = i + 1; k <= i + 4; k++)
		if (tv->t[k].flags & (T_SPACE | T_NL))
			return 0;
	put_date(iso, a, b, c);
	return 5;
}

size_t ent_date_at(const struct tokvec *tv, const char *text, size_t i,
                   int doc_year, int doc_month, char *iso)
{
	(void)doc_month;
	iso[0] = '\0';
	if (i >= tv->n)
		return 0;
	const struct tok *t = &tv->t[i];
	long d1, m1, y1, d2, m2, y2;
	size_t k;

	/* Ranges: "dal 10 al 13 settembre", "dal 30 agosto al 2 settembre",
	 * "tra il 3 e il 5 maggio". */
	bool dal = date_key_is(tv, i, "dal"), tra = date_key_is(tv, i, "tra") || date_key_is(tv, i, "fra");
	if ((dal || tra) && (d1 = day_at(tv, i + 1 + tra)) > 0) {
		size_t j = i + 1 + tra + 1;
		m1 = month_at(tv, j);
		y1 = -1;
		if (m1) {
			j++;
			if ((y1 = year_at(tv, j)) > 0)
				j++;
		}
		bool link = dal ? date_key_is(tv, j, "al") : date_key_is(tv, j, "e");
		if (link && tra && date_key_is(tv, j + 1, "il"))
			j++;
		if (link && (k = day_month(tv, j + 1, &d2, &m2, &y2)) > 0) {
			long y = y2 > 0 ? y2 : doc_year > 0 ? doc_year : -1;
			if (y1 < 0)
				y1 = y;
			if (!m1)
				m1 = m2;
			if (d1 <= 31 && (m1 < m2 || (m1 == m2 && d1 < d2) || y1 < y)) {
				put_date(iso, y1, m1, d1);
				strcat(iso, "/");
				put_date(iso, y, m2, d2);
				return j + 1 + k - i;
			}
		}
	}

	/* "lunedì 12 settembre 2023" */
	size_t w = weekday_at(tv, i) ? 1 : 0;
	if ((k = day_month(tv, i + w, &d1, &m1, &y1)) > 0) {
		long y = y1 > 0 ? y1 : doc_year > 0 ? doc_year : -1;
		put_date(iso, y, m1, d1);
		return w + k;
	}
	if (w)
		return 0;

	if (t->flags & T_NUM) {
		if ((k = numeric_date(tv, text, i, iso)) > 0)
			return k;
		/* "nel 2019": the year after a preposition of time. */
		static const char *const before[] = {
			"nel", "del", "dal", "al", "entro", "anno", "nell'", "dell'",
			"dall'", "all'", "sino", "fino", "estate", "inverno", "autunno",
			"primavera", "inizio", "fine", "metà", "il",
		};
		long y = year_at(tv, i);
		if (y > 0 && i > 0 && !(i + 1 < tv->n && (tv->t[i + 1].flags & T_NUM))) {
			for (size_t b = 0; b < sizeof before / sizeof before[0]; b++)
				if (date_key_is(tv, i - 1, before[b])) {
					sprintf(iso, "%04ld", y);
					return 1;
				}
		}
		return 0;
	}

	/* "febbraio 2022", "giugno" */
	if ((m1 = month_at(tv, i)) > 0) {
		if ((y1 = year_at(tv, i + 1)) > 0) {
			put_date(iso, y1, m1, -1);
			return 2;
		}
		put_date(iso, doc_year > 0 ? doc_year : -1, m1, -1);
		return 1;
	}
	return 0;
}

char *entity_display_name(enum entity_type t, const char *name)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December",
	};
	int m = 0, d = 0, used = 0;
	if (t == ENTITY_DATE && strncmp(name, "--", 2) == 0) {
		size_t n = strlen(name);
		if (n == 4 && sscanf(name, "--%2d%n", &m, &used) == 1 && used == 4 && m >= 1 && m <= 12)
			return util_printf("%s, no year", months[m - 1]);
		if (n == 7 && sscanf(name, "--%2d-%2d%n", &m, &d, &used) == 2 && used == 7 &&
		    m >= 1 && m <= 12 && d >= 1 && d <= 31)
			return util_printf("%d %s, no year", d, months[m - 1]);
	}
	return util_strdup(name);
}
