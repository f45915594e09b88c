/*
 * feed_date.c: the dates of feeds, RFC 822 (RSS) and RFC 3339 / ISO 8601
 * (Atom, Dublin Core), read into ISO 8601 keeping the zone given.
 *
 * RFC 822 as feeds write it: the weekday optional (and not checked), the
 * day before or after the month, month names in any case, whole or
 * short, a two-digit year (00-49 is 20xx, 50-99 19xx), seconds optional,
 * the zone as +0200, +02:00 or a name (UT, UTC, GMT, Z and the North
 * American ones); no zone, or one unknown, gives a time without zone.
 * Each part is checked (a 31st of April, a 25th hour): anything not
 * understood makes no date, never a wrong one.
 */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "margo/feed.h"
#include "margo/util.h"

struct when {
	int y, mo, d, h, mi, s;
	bool time;
	bool zone;
	int off;   /* minutes east of UTC */
	bool z;    /* written as UTC */
};

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Exactly `n` digits at *p (then moved on), or -1. */
static int digits(const char **p, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!digit((*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return v;
}

static int run_len(const char *p, bool (*cls)(char))
{
	int n = 0;
	while (cls(p[n]))
		n++;
	return n;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool valid(const struct when *w)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (w->y < 1 || w->y > 9999 || w->mo < 1 || w->mo > 12 || w->d < 1)
		return false;
	if (w->d > mdays[w->mo - 1] + (w->mo == 2 && leap(w->y)))
		return false;
	if (w->time && (w->h > 23 || w->mi > 59 || w->s > 60))
		return false;
	return !w->zone || (w->off > -24 * 60 && w->off < 24 * 60);
}

static char *format(const struct when *w)
{
	if (!valid(w))
		return NULL;
	if (!w->time)
		return util_printf("%04d-%02d-%02d", w->y, w->mo, w->d);
	if (!w->zone)
		return util_printf("%04d-%02d-%02dT%02d:%02d:%02d", w->y, w->mo, w->d, w->h, w->mi,
		                   w->s);
	if (w->z)
		return util_printf("%04d-%02d-%02dT%02d:%02d:%02dZ", w->y, w->mo, w->d, w->h, w->mi,
		                   w->s);
	int a = w->off < 0 ? -w->off : w->off;
	return util_printf("%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", w->y, w->mo, w->d, w->h,
	                   w->mi, w->s, w->off < 0 ? '-' : '+', a / 60, a % 60);
}

/* "+0200", "-05:00", "+02": 0 and moved on, or -1. */
static int numeric_zone(const char **p, struct when *w)
{
	const char *q = *p;
	int sign = *q == '-' ? -1 : 1;
	q++;
	int h = digits(&q, 2), m = 0;
	if (h < 0)
		return -1;
	if (*q == ':')
		q++;
	if (digit(*q) && (m = digits(&q, 2)) < 0)
		return -1;
	if (m > 59)
		return -1;
	w->zone = true;
	w->off = sign * (h * 60 + m);
	w->z = false;
	*p = q;
	return 0;
}

/* ---- RFC 3339 / ISO 8601 ------------------------------------------------- */

static char *iso_date(const char *s)
{
	struct when w = { 0 };
	const char *p = s;
	if ((w.y = digits(&p, 4)) < 0 || *p++ != '-' || (w.mo = digits(&p, 2)) < 0)
		return NULL;
	if (*p == '-') {
		p++;
		if ((w.d = digits(&p, 2)) < 0)
			return NULL;
	} else {
		return NULL;
	}
	if (*p == 'T' || *p == 't' || (*p == ' ' && digit(p[1]))) {
		p++;
		w.time = true;
		if ((w.h = digits(&p, 2)) < 0 || *p++ != ':' || (w.mi = digits(&p, 2)) < 0)
			return NULL;
		if (*p == ':') {
			p++;
			if ((w.s = digits(&p, 2)) < 0)
				return NULL;
			if (*p == '.' || *p == ',') {
				p++;
				if (!digit(*p))
					return NULL;
				p += run_len(p, digit);  /* fractions of a second: dropped */
			}
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
			w.zone = w.z = true;
		} else if ((*p == '+' || *p == '-') && numeric_zone(&p, &w) < 0) {
			return NULL;
		}
	}
	while (*p == ' ' || *p == '\t')
		p++;
	return *p ? NULL : format(&w);
}

/* ---- RFC 822 ------------------------------------------------------------- */

static int month_of(const char *p, int n)
{
	static const char *const names[] = { "january", "february", "march", "april", "may",
		"june", "july", "august", "september", "october", "november", "december" };
	if (n < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if ((size_t)n <= strlen(names[i]) && strncasecmp(p, names[i], (size_t)n) == 0)
			return i + 1;
	if (n == 4 && strncasecmp(p, "sept", 4) == 0)
		return 9;
	return 0;
}

static bool weekday(const char *p, int n)
{
	static const char *const names[] = { "monday", "tuesday", "wednesday", "thursday",
		"friday", "saturday", "sunday" };
	if (n < 3)
		return false;
	for (int i = 0; i < 7; i++)
		if ((size_t)n <= strlen(names[i]) && strncasecmp(p, names[i], (size_t)n) == 0)
			return true;
	return false;
}

static const struct { const char *name; int off; } zones[] = {
	{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
	{ "EST", -300 }, { "EDT", -240 }, { "CST", -360 }, { "CDT", -300 },
	{ "MST", -420 }, { "MDT", -360 }, { "PST", -480 }, { "PDT", -420 },
};

static void skip_space(const char **p)
{
	while (**p == ' ' || **p == '\t' || **p == ',' || **p == '\n' || **p == '\r')
		(*p)++;
}

static char *rfc822_date(const char *s)
{
	struct when w = { 0 };
	const char *p = s;
	skip_space(&p);
	int n = run_len(p, alpha);
	if (n && weekday(p, n)) {
		p += n;
		if (*p == '.')
			p++;
		skip_space(&p);
	}
	/* day month or month day */
	n = run_len(p, digit);
	if (n >= 1 && n <= 2) {
		w.d = digits(&p, n);
		skip_space(&p);
		if (*p == '-')
			p++;
		n = run_len(p, alpha);
		if (!(w.mo = month_of(p, n)))
			return NULL;
		p += n;
		if (*p == '.')
			p++;
		if (*p == '-')
			p++;
	} else if ((n = run_len(p, alpha)) && (w.mo = month_of(p, n))) {
		p += n;
		if (*p == '.')
			p++;
		skip_space(&p);
		n = run_len(p, digit);
		if (n < 1 || n > 2)
			return NULL;
		w.d = digits(&p, n);
	} else {
		return NULL;
	}
	skip_space(&p);
	n = run_len(p, digit);
	if (n == 4)
		w.y = digits(&p, 4);
	else if (n == 2)
		w.y = (w.y = digits(&p, 2)) < 50 ? 2000 + w.y : 1900 + w.y;
	else
		return NULL;
	skip_space(&p);
	if (digit(*p)) {
		w.time = true;
		n = run_len(p, digit);
		if (n < 1 || n > 2)
			return NULL;
		w.h = digits(&p, n);
		if (*p++ != ':' || (w.mi = digits(&p, 2)) < 0)
			return NULL;
		if (*p == ':') {
			p++;
			if ((w.s = digits(&p, 2)) < 0)
				return NULL;
		}
		skip_space(&p);
		if (*p == '+' || *p == '-') {
			if (numeric_zone(&p, &w) < 0)
				return NULL;
		} else if ((n = run_len(p, alpha))) {
			for (size_t i = 0; i < sizeof zones / sizeof *zones; i++)
				if ((size_t)n == strlen(zones[i].name) &&
				    strncasecmp(p, zones[i].name, (size_t)n) == 0) {
					w.zone = true;
					w.off = zones[i].off;
					w.z = w.off == 0;
				}
			p += n;  /* an unknown name: a time without zone */
		}
	}
	skip_space(&p);
	/* "(PDT)" and the like after a zone: a comment */
	if (*p == '(') {
		const char *e = strchr(p, ')');
		if (!e)
			return NULL;
		p = e + 1;
		skip_space(&p);
	}
	return *p ? NULL : format(&w);
}

char *feed_parse_date(const char *s)
{
	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (digit(s[0]) && digit(s[1]) && digit(s[2]) && digit(s[3]) && s[4] == '-')
		return iso_date(s);
	return rfc822_date(s);
}
