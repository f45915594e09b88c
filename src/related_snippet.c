/*
 * related_snippet.c: what a related passage shows of itself.  Of its
 * sentences, the one that shares the most word weight with the source is
 * the one it is listed for: its snippet is centred on it, with the words
 * it shares marked, and a jump to the passage lands on it.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/store_search.h"
#include "margo/text.h"
#include "margo/util.h"
#include "wordbag.h"

/* The weight in the source of a word, when the source (or its sentence
 * `focus`) has it; else 0. */
static double shared_weight(const struct bag *src, const struct bag *focus, const char *stem)
{
	if (focus && !bag_find(focus, stem))
		return 0;
	const struct term *t = bag_find(src, stem);
	return t && t->w > 0 ? t->w : 0;
}

size_t related_best_sentence(const struct bag *src, const struct bag *focus,
                             const struct bag *cb, size_t ncb, const double *names,
                             double *weight)
{
	size_t best = 0;
	double most = 0;
	for (size_t j = 0; j < ncb; j++) {
		double w = names ? names[j] : 0;
		for (size_t t = 0; t < cb[j].n; t++)
			w += shared_weight(src, focus, cb[j].t[t].stem);
		if (w > most) {
			most = w;
			best = j;
		}
	}
	*weight = most;
	return best;
}

char *related_marked(const struct bag *cand, const struct bag *src, const struct bag *focus,
                     size_t from, size_t to, size_t *mfrom, size_t *mto)
{
	const char *text = cand->text;
	size_t len = strlen(text), at = 0;
	if (to > len)
		to = len;
	if (from > to)
		from = to;
	struct buf b = { 0 };
	int rc = buf_append(&b, text, from);
	*mfrom = from;
	at = from;
	for (size_t k = 0; k < cand->n_content; k++) {
		size_t s = cand->content_at[k], e = cand->content_end[k];
		if (s < at || e > to || shared_weight(src, focus, cand->content[k]) <= 0)
			continue;
		rc |= buf_append(&b, text + at, s - at);
		rc |= buf_putc(&b, STORE_HIT_OPEN);
		rc |= buf_append(&b, text + s, e - s);
		rc |= buf_putc(&b, STORE_HIT_CLOSE);
		at = e;
	}
	rc |= buf_append(&b, text + at, to - at);
	*mto = b.len;
	rc |= buf_append(&b, text + to, len - to);
	rc |= buf_puts(&b, "");
	if (rc) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* Columns of one grapheme at byte i of s (a hit mark takes none), and
 * where the next one starts. */
static int cells_at(const char *s, size_t len, size_t i, size_t *next)
{
	if (s[i] == STORE_HIT_OPEN || s[i] == STORE_HIT_CLOSE) {
		*next = i + 1;
		return 0;
	}
	*next = text_grapheme_next(s, len, i);
	if (*next <= i)
		*next = i + 1;
	return text_width(s + i, *next - i);
}

/* Move *a left over graphemes taking at most `room` columns; returns the
 * columns taken. */
static int grow_left(const char *s, size_t len, size_t *a, int room)
{
	int used = 0;
	while (*a > 0) {
		size_t p = text_grapheme_prev(s, len, *a), nx;
		if (p >= *a)
			p = *a - 1;
		int w = cells_at(s, len, p, &nx);
		if (used + w > room)
			break;
		used += w;
		*a = p;
	}
	return used;
}

/* The same rightwards from *z. */
static int grow_right(const char *s, size_t len, size_t *z, int room)
{
	int used = 0;
	for (size_t nx; *z < len; *z = nx) {
		int w = cells_at(s, len, *z, &nx);
		if (used + w > room)
			break;
		used += w;
	}
	return used;
}

char *store_snippet_around(const char *s, size_t from, size_t to, int width)
{
	size_t len = strlen(s);
	if (to > len)
		to = len;
	if (from > to)
		from = to;
	if (width < 1)
		width = 1;
	int told = 0;
	for (size_t i = from, nx; i < to; i = nx)
		told += cells_at(s, len, i, &nx);
	size_t a = from, z = to;
	if (told + (from > 0) + (to < len) > width) {
		/* Too wide: from its start, as much as fits; or, when its
		 * first shared word would come past a third of the room, from
		 * a little before that word. */
		const char *mark = memchr(s + from, STORE_HIT_OPEN, to - from);
		if (mark) {
			size_t m = (size_t)(mark - s), pre = m;
			int before = 0;
			for (size_t i = from, nx; i < m; i = nx)
				before += cells_at(s, len, i, &nx);
			if (before > width / 3) {
				grow_left(s, len, &pre, width / 6);
				/* from the start of a word */
				const char *sp = memchr(s + pre, ' ', m - pre);
				a = sp && pre > from ? (size_t)(sp - s) + 1 : pre;
			}
		}
		z = a;
		grow_right(s, len, &z, width - (a > 0) - 1);
	} else {
		/* Context either side, as evenly as the passage allows: what
		 * one side cannot use goes to the other. */
		int room = width - told - (from > 0) - (to < len), left = room / 2;
		int l1 = grow_left(s, len, &a, left);
		int r = grow_right(s, len, &z, room - l1);
		grow_left(s, len, &a, room - l1 - r);
	}
	struct buf b = { 0 };
	int rc = buf_puts(&b, a > 0 ? "\xe2\x80\xa6" : "");
	rc |= buf_append(&b, s + a, z - a);
	rc |= buf_puts(&b, z < len ? "\xe2\x80\xa6" : "");
	if (rc) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}
