/*
 * find.c: searching inside the open article (`/`, `n`, `N`), like less.
 *
 * The article is searched the way the corpus search (`S`) matches
 * (search_pattern_find): case, accents, elision and endings are ignored,
 * so "/soldato" finds "Soldati", and what `S` finds in an article `/`
 * finds there too.  What `/` reads is one phrase (consecutive words);
 * after a jump from `S`, the search is that one, each of its words or
 * quoted phrases on its own.  The matched words are highlighted and
 * visited in order with a message when the search wraps around.  Hits
 * show as you type; Esc puts things back; an empty `/` repeats the last
 * search.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/search.h"
#include "margo/util.h"
#include "ui.h"
#include "text_pane.h"

void find_clear(struct ui *ui)
{
	struct text_state *t = text_pane_state(ui);
	free(t->query);
	free(t->hits);
	t->query = NULL;
	t->query_words = false;
	t->hits = NULL;
	t->n_hits = t->hit = 0;
}

/* Every hit of `query` in the article, as byte pairs (`words`: read as
 * the corpus search reads it, else as one phrase). */
static int find_all(struct ui *ui, const char *query, bool words)
{
	struct text_state *t = text_pane_state(ui);
	free(t->hits);
	t->hits = NULL;
	t->n_hits = t->hit = 0;
	if (!t->loaded || !query || !*query)
		return 0;
	bool oom;
	struct search_pattern *p = search_pattern_new(query, words, &oom);
	if (!p)
		return oom ? -1 : 0;
	int rc = search_pattern_find(p, t->art.body, t->art.body_len, &t->hits, &t->n_hits);
	search_pattern_free(p);
	return rc;
}

void find_refresh(struct ui *ui)
{
	if (text_pane_state(ui)->query && find_all(ui, text_pane_state(ui)->query, text_pane_state(ui)->query_words) < 0)
		ui_message(ui, true, _("out of memory"));
}

/* Move the cursor to hit i and show it. */
static void show_hit(struct ui *ui, size_t i)
{
	struct text_state *t = text_pane_state(ui);
	t->hit = i;
	text_pane_goto_offset(ui, t->hits[2 * i]);
}

/* The first hit at or after byte `from` (or the last before, backwards);
 * wraps around; *wrapped says so. */
static size_t hit_from(const struct text_state *t, size_t from, int dir, bool *wrapped)
{
	*wrapped = false;
	if (dir > 0) {
		for (size_t i = 0; i < t->n_hits; i++)
			if (t->hits[2 * i] >= from)
				return i;
		*wrapped = true;
		return 0;
	}
	for (size_t i = t->n_hits; i-- > 0;)
		if (t->hits[2 * i] < from)
			return i;
	*wrapped = true;
	return t->n_hits - 1;
}

/* Where a search starts: the cursor's sentence. */
static size_t cursor_offset(const struct ui *ui)
{
	const struct text_state *t = text_pane_state(ui);
	return t->art.n_sentences ? t->art.sentences[t->cursor].start : 0;
}

struct live {
	size_t cursor, top;       /* where the search started */
	const char *old;          /* the search before, for an empty line */
	bool old_words;
};

/* As the user types: find, and show the first hit after the start (an
 * empty line shows the last search's hits). */
static void typed(struct ui *ui, const char *text, void *ctx)
{
	struct live *l = ctx;
	struct text_state *t = text_pane_state(ui);
	t->cursor = l->cursor;
	t->top = l->top;
	bool empty = !*text;
	if (find_all(ui, empty ? l->old : text, empty && l->old_words) < 0) {
		ui_message(ui, true, _("out of memory"));
		return;
	}
	if (t->n_hits && !empty) {
		bool wrapped;
		size_t from = t->art.n_sentences ? t->art.sentences[l->cursor].start : 0;
		show_hit(ui, hit_from(t, from, 1, &wrapped));
	}
}

void find_prompt(struct ui *ui)
{
	struct text_state *t = text_pane_state(ui);
	if (!t->loaded)
		return;
	char *old = t->query;
	bool old_words = t->query_words;
	t->query = NULL;
	struct live l = { t->cursor, t->top, old, old_words };
	char *q = prompt_line(ui, "find", "/", NULL, typed, &l);
	if (!q || !*q) {
		/* Esc: the previous search and place come back.  An empty line:
		 * the previous search goes on to its next hit. */
		t->cursor = l.cursor;
		t->top = l.top;
		if (find_all(ui, old, old_words) < 0)
			ui_message(ui, true, _("out of memory"));
		t->query = old;
		t->query_words = old_words;
		if (q)
			find_next(ui, 1);
		free(q);
		return;
	}
	free(old);
	t->query = q;
	t->query_words = false;
	bool oom = false;
	struct search_pattern *p = search_pattern_new(q, false, &oom);
	search_pattern_free(p);
	if (!p && !oom)
		ui_message(ui, true, _("nothing to search for: type some words"));
	else if (find_all(ui, q, false) < 0)
		ui_message(ui, true, _("out of memory"));
	else if (!t->n_hits)
		ui_message(ui, true, _("not found: %s"), q);
	else
		ui_message(ui, false, ngettext("%zu match", "%zu matches", t->n_hits), t->n_hits);
}

void find_set(struct ui *ui, const char *query, bool words, size_t at)
{
	struct text_state *t = text_pane_state(ui);
	char *q = util_strdup(query);
	if (!q) {
		ui_message(ui, true, _("out of memory"));
		return;
	}
	free(t->query);
	t->query = q;
	t->query_words = words;
	if (find_all(ui, q, words) < 0) {
		ui_message(ui, true, _("out of memory"));
		return;
	}
	/* The current hit: the one at `at`, or the first after it. */
	t->hit = 0;
	while (t->hit + 1 < t->n_hits && t->hits[2 * t->hit + 1] <= at)
		t->hit++;
}

void find_next(struct ui *ui, int dir)
{
	struct text_state *t = text_pane_state(ui);
	if (!t->query || !*t->query) {
		ui_message(ui, false, _("no search yet: press / to search the article"));
		return;
	}
	if (!t->n_hits) {
		ui_message(ui, true, _("not found: %s"), t->query);
		return;
	}
	/* From the current hit if the cursor is still on it, else from the
	 * cursor. */
	size_t from = cursor_offset(ui);
	const struct store_sentence *s = &t->art.sentences[t->cursor];
	size_t cur = t->hits[2 * t->hit];
	if (cur >= s->start && cur < s->end)
		from = dir > 0 ? cur + 1 : cur;
	else if (dir < 0)
		from = s->start;
	bool wrapped;
	size_t i = hit_from(t, from, dir, &wrapped);
	show_hit(ui, i);
	if (wrapped)
		ui_message(ui, false, dir > 0 ? _("search hit BOTTOM, continuing at TOP")
		                              : _("search hit TOP, continuing at BOTTOM"));
	else
		ui_message(ui, false, _("match %zu of %zu"), i + 1, t->n_hits);
}

bool find_is_hit(const struct ui *ui, size_t pos)
{
	const struct text_state *t = text_pane_state(ui);
	size_t lo = 0, hi = t->n_hits;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->hits[2 * mid + 1] <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n_hits && t->hits[2 * lo] <= pos;
}

size_t find_next_edge(const struct ui *ui, size_t pos, size_t end)
{
	const struct text_state *t = text_pane_state(ui);
	size_t lo = 0, hi = t->n_hits;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->hits[2 * mid + 1] <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= t->n_hits)
		return end;
	size_t e = t->hits[2 * lo] > pos ? t->hits[2 * lo] : t->hits[2 * lo + 1];
	return e < end ? e : end;
}
