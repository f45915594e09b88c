/*
 * corpus_date.c: finding dates in article text.
 *
 * Numeric ("2023-09-12", "12/09/2023") and worded ("12 settembre 2023",
 * "September 12, 2023") dates, with an optional weekday, metadata label
 * ("pubblicato il", "date:") and time, in Italian or English.  Dates are
 * normalised to "YYYY-MM-DD" or "YYYY-MM".
 */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "margo/corpus.h"
#include "corpus_impl.h"

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
		    cx_alnum_at(s, n, *i + k))
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
	return !cx_alnum_at(s, n, i);
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
		if (p < n && s[p] == 'o' && !cx_alnum_at(s, n, p + 1))
			p++;                                  /* "1o" */
		else if (p + 1 < n && !memcmp(s + p, "\xc2\xb0", 2))
			p += 2;                               /* "1°" */
		else if (p + 1 < n && !memcmp(s + p, "\xc2\xba", 2))
			p += 2;                               /* "1º" */
		if (d == 0)
			return false;
		p = cx_spaces(s, n, p);
	}
	int m = word_at(months, s, n, &p);
	if (!m)
		return false;
	p = cx_spaces(s, n, p);
	if (d < 0) {  /* "September 12, 2023" or "settembre 2023" */
		size_t q = p;
		long dd = num_at(s, n, &q, 1, 2);
		if (dd > 0 && q < n && (s[q] == ',' || s[q] == ' ')) {
			q = cx_spaces(s, n, q + (s[q] == ','));
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
		p = cx_spaces(s, n, p);
		ok = numeric_date(s, n, &p, ymd) || worded_date(s, n, &p, ymd);
	}
	if (!ok) {
		p = *i;
		ok = numeric_date(s, n, &p, ymd) || worded_date(s, n, &p, ymd);
	}
	if (!ok || !valid_ymd(ymd[0], ymd[1], ymd[2]) || !date_end_ok(s, n, p))
		return false;
	/* In range (valid_ymd): the casts only tell the compiler so. */
	unsigned y = (unsigned)ymd[0] % 10000u, m = (unsigned)ymd[1] % 100u,
	         d = (unsigned)ymd[2] % 100u;
	if (d)
		snprintf(iso, 11, "%04u-%02u-%02u", y, m, d);
	else
		snprintf(iso, 11, "%04u-%02u", y, m);
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
		p = cx_spaces(s, n, p + 3);
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
		    cx_alnum_at(s, n, *i + len))
			continue;
		size_t p = cx_spaces(s, n, *i + len);
		if (p < n && s[p] == ':')
			p = cx_spaces(s, n, p + 1);
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
		ucs4_t c = cx_dec(s, n, i, &adv);
		if (c != ' ' && c != ',' && c != ':' && !cx_is_separator(c))
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
int cx_date_text(const char *s, size_t n, bool label_ok, size_t *body,
              char iso[11])
{
	struct folded f;
	if (cx_fold(s, n, true, &f) < 0)
		return -1;
	size_t p = skip_seps(f.s, f.len, 0);
	bool label = label_at(f.s, f.len, &p);
	int ok = 0;
	if ((label && !label_ok) || (body && !label) ||
	    !date_at(f.s, f.len, &p, iso))
		goto out;
	p = time_after(f.s, f.len, p);
	if (body) {
		if (cx_alnum_at(f.s, f.len, p))
			goto out;
		p = skip_seps(f.s, f.len, p);
		if (p < f.len) {
			*body = f.map[p];
			ok = 1;
		}
	} else {
		ok = !cx_has_alnum(f.s + p, f.len - p);
	}
out:
	cx_folded_free(&f);
	return ok;
}

int cx_date_prefix(const char *s, size_t n, size_t *i, char iso[11])
{
	size_t p = *i;
	if (date_at(s, n, &p, iso)) {
		*i = p;
		return 1;
	}
	/* "12 gennaio": a day and a month, the year left unsaid. */
	p = *i;
	long d = num_at(s, n, &p, 1, 2);
	if (d < 1 || d > 31)
		return 0;
	p = cx_spaces(s, n, p);
	if (!word_at(months, s, n, &p) || !date_end_ok(s, n, p))
		return 0;
	iso[0] = '\0';
	*i = p;
	return 2;
}

char *corpus_parse_date(const char *s, size_t len)
{
	char iso[11];
	if (!s)
		return NULL;
	int ok = cx_date_text(s, len, false, NULL, iso);
	return ok == 1 ? cx_dupn(iso, strlen(iso)) : NULL;
}
