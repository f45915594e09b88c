/*
 * find.c: searching inside the open article (`/`, `n`, `N`), like less.
 *
 * Hits are found on a folded copy of the text (case and accents ignored,
 * unless the query has a capital letter: smart case), mapped back to the
 * text's bytes, highlighted, and visited in order with a message when the
 * search wraps around.  Hits show as you type; Esc puts things back.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/search.h"
#include "margo/util.h"
#include "ui.h"

void find_clear(struct ui *ui)
{
	struct text_state *t = &ui->text;
	free(t->query);
	free(t->hits);
	t->query = NULL;
	t->hits = NULL;
	t->n_hits = t->hit = 0;
}

/* Every occurrence of `query` in the article, as byte pairs. */
static int find_all(struct ui *ui, const char *query)
{
	struct text_state *t = &ui->text;
	free(t->hits);
	t->hits = NULL;
	t->n_hits = t->hit = 0;
	if (!t->loaded || !*query)
		return 0;
	bool keep_case = search_has_upper(query, strlen(query));
	struct search_folded body, q;
	if (search_fold(t->art.body, t->art.body_len, keep_case, &body) < 0)
		return -1;
	if (search_fold(query, strlen(query), keep_case, &q) < 0) {
		search_folded_free(&body);
		return -1;
	}
	size_t cap = 0;
	int rc = 0;
	if (q.len > 0) {
		const char *p = body.text, *end = body.text + body.len;
		while (p < end && (p = memmem(p, (size_t)(end - p), q.text, q.len))) {
			if (t->n_hits == cap) {
				cap = cap ? cap * 2 : 32;
				size_t *v = realloc(t->hits, 2 * cap * sizeof *v);
				if (!v) {
					rc = -1;
					break;
				}
				t->hits = v;
			}
			size_t at = (size_t)(p - body.text);
			t->hits[2 * t->n_hits] = body.map[at];
			t->hits[2 * t->n_hits + 1] = body.map[at + q.len];
			t->n_hits++;
			p += q.len;
		}
	}
	search_folded_free(&body);
	search_folded_free(&q);
	return rc;
}

void find_refresh(struct ui *ui)
{
	if (ui->text.query && find_all(ui, ui->text.query) < 0)
		ui_message(ui, true, "out of memory");
}

/* Move the cursor to hit i and show it. */
static void show_hit(struct ui *ui, size_t i)
{
	struct text_state *t = &ui->text;
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
	const struct text_state *t = &ui->text;
	return t->art.n_sentences ? t->art.sentences[t->cursor].start : 0;
}

struct live {
	size_t cursor, top;       /* where the search started */
};

/* As the user types: find, and show the first hit after the start. */
static void typed(struct ui *ui, const char *text, void *ctx)
{
	struct live *l = ctx;
	struct text_state *t = &ui->text;
	t->cursor = l->cursor;
	t->top = l->top;
	if (find_all(ui, text) < 0) {
		ui_message(ui, true, "out of memory");
		return;
	}
	if (t->n_hits) {
		bool wrapped;
		size_t from = t->art.n_sentences ? t->art.sentences[l->cursor].start : 0;
		show_hit(ui, hit_from(t, from, 1, &wrapped));
	}
}

void find_prompt(struct ui *ui)
{
	struct text_state *t = &ui->text;
	if (!t->loaded)
		return;
	struct live l = { t->cursor, t->top };
	char *old = util_strdup(t->query);
	char *q = prompt_line(ui, "find", "/", NULL, typed, &l);
	if (!q) {
		/* Esc: the previous search and place come back. */
		t->cursor = l.cursor;
		t->top = l.top;
		find_all(ui, old ? old : "");
		free(t->query);
		t->query = old;
		return;
	}
	free(old);
	free(t->query);
	t->query = q;
	if (!*q) {
		find_clear(ui);
		return;
	}
	if (find_all(ui, q) < 0)
		ui_message(ui, true, "out of memory");
	else if (!t->n_hits)
		ui_message(ui, true, "not found: %s", q);
	else
		ui_message(ui, false, "%zu match%s", t->n_hits, t->n_hits == 1 ? "" : "es");
}

void find_next(struct ui *ui, int dir)
{
	struct text_state *t = &ui->text;
	if (!t->query || !*t->query) {
		ui_message(ui, false, "no search yet: press / to search the article");
		return;
	}
	if (!t->n_hits) {
		ui_message(ui, true, "not found: %s", t->query);
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
		ui_message(ui, false, dir > 0 ? "search hit BOTTOM, continuing at TOP"
		                              : "search hit TOP, continuing at BOTTOM");
	else
		ui_message(ui, false, "match %zu of %zu", i + 1, t->n_hits);
}

bool find_is_hit(const struct ui *ui, size_t pos)
{
	const struct text_state *t = &ui->text;
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
	const struct text_state *t = &ui->text;
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
