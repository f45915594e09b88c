/*
 * jump.c: the jump history (like a browser's) and moving from mention to
 * mention of an entity across articles.
 *
 * Every jump (a mention from the mentions view, a search hit, a related
 * passage, `*`, `#`, an article opened from the list, J, K) records where the reader was: article, reading
 * position, focus, the span highlighted, and the view that was open.  Back (Ctrl-O, Backspace) and
 * forward (Ctrl-N) walk the record; a new jump after going back drops the
 * places ahead, as in a browser.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/util.h"
#include "ui.h"
#include "text_pane.h"

/* A mention without its strings: what a place keeps. */
/* The places visited, the current one at `at`. */
struct history {
	struct ui_place *v;
	size_t n, cap;
	size_t at;                /* index of the current place */
};
static struct history history;

void jump_position(size_t *at, size_t *n)
{
	*at = history.n ? history.at + 1 : 0;
	*n = history.n;
}

static struct store_mention bare(const struct store_mention *m)
{
	struct store_mention b = *m;
	b.title = b.date = b.left = b.text = b.right = NULL;
	return b;
}

/* Where the reader is now.  The view's query is copied (malloc'd): free
 * a place with place_clear(). */
static struct ui_place here(struct ui *ui)
{
	struct ui_place p;
	memset(&p, 0, sizeof p);
	p.article = text_pane_state(ui)->loaded ? text_pane_state(ui)->art.id : 0;
	p.cursor = text_pane_state(ui)->cursor;
	p.top = text_pane_state(ui)->top;
	p.focus = ui->focus;
	p.has_target = text_pane_state(ui)->has_target;
	if (p.has_target)
		p.target = bare(&text_pane_state(ui)->target);
	view_place(ui, &p);
	return p;
}

static void place_clear(struct ui_place *p)
{
	free(p->view_query);
	p->view_query = NULL;
}

static void restore(struct ui *ui, const struct ui_place *p)
{
	if (p->article && (!text_pane_state(ui)->loaded || text_pane_state(ui)->art.id != p->article) &&
	    text_pane_open(ui, p->article) < 0)
		return;
	struct text_state *t = text_pane_state(ui);
	if (t->loaded) {
		t->cursor = p->cursor < t->art.n_sentences ? p->cursor : 0;
		t->top = p->top;
		t->has_target = p->has_target;
		if (p->has_target)
			t->target = p->target;
	}
	view_close_all(ui);
	/* A view is read again: it shows the library as it is now. */
	if (p->view == VIEW_MENTIONS)
		mentions_view_open(ui, p->view_id, p->view_sel);
	else if (p->view == VIEW_SEARCH && p->view_query)
		results_view_search(ui, p->view_query, p->view_sel);
	else if (p->view == VIEW_RELATED)
		results_view_related(ui, p->view_id, p->view_sentence, p->view_sel);
	else if (p->view == VIEW_ANNOTATIONS)
		annot_view_open_at(ui, p->view_sel);
	if (ui->focus != p->focus) {
		ui->focus = p->focus;
		ui_relayout(ui);
	}
}

/* Make room for one more place. */
static int reserve(struct history *h)
{
	if (h->n < h->cap)
		return 0;
	size_t cap = h->cap ? h->cap * 2 : 16;
	struct ui_place *v = realloc(h->v, cap * sizeof *v);
	if (!v)
		return -1;
	h->v = v;
	h->cap = cap;
	return 0;
}

/* Replace place i with where the reader is now. */
static void save_here(struct ui *ui, size_t i)
{
	place_clear(&history.v[i]);
	history.v[i] = here(ui);
}

void jump_to_span(struct ui *ui, int64_t article, size_t start, size_t end)
{
	struct store_mention m;
	memset(&m, 0, sizeof m);
	m.article = article;
	m.start = start;
	m.end = end;
	jump_to_mention(ui, &m);
}

int jump_leave_here(struct ui *ui)
{
	struct history *h = &history;
	if (h->n == 0) {
		if (reserve(h) < 0)
			return -1;
		memset(&h->v[0], 0, sizeof h->v[0]);
		h->n = 1;
		h->at = 0;
	}
	save_here(ui, h->at);
	while (h->n > h->at + 1)  /* a new jump forgets the places ahead */
		place_clear(&h->v[--h->n]);
	return reserve(h);
}

void jump_arrive_here(struct ui *ui)
{
	struct history *h = &history;
	h->v[h->n++] = here(ui);
	h->at = h->n - 1;
}

void jump_to_mention(struct ui *ui, const struct store_mention *m)
{
	if (jump_leave_here(ui) < 0)
		goto oom;
	struct store_mention target = bare(m);
	view_close_all(ui);
	if ((!text_pane_state(ui)->loaded || text_pane_state(ui)->art.id != target.article) &&
	    text_pane_open(ui, target.article) < 0)
		return;
	text_pane_goto_offset(ui, target.start);
	text_pane_state(ui)->has_target = true;
	text_pane_state(ui)->target = target;
	if (ui->focus != LAYOUT_TEXT) {
		ui->focus = LAYOUT_TEXT;
		ui_relayout(ui);
	}
	/* Keep the list's selection on the article now open. */
	if (text_pane_state(ui)->index >= 0)
		list_pane_select(ui, text_pane_state(ui)->index);
	jump_arrive_here(ui);
	return;
oom:
	ui_message(ui, true, _("out of memory"));
}

void jump_back(struct ui *ui)
{
	struct history *h = &history;
	if (h->at == 0 || h->n == 0) {
		ui_message(ui, false, _("no earlier place to go back to"));
		return;
	}
	save_here(ui, h->at);
	h->at--;
	restore(ui, &h->v[h->at]);
	if (text_pane_state(ui)->index >= 0)
		list_pane_select(ui, text_pane_state(ui)->index);
}

void jump_forward(struct ui *ui)
{
	struct history *h = &history;
	if (h->at + 1 >= h->n) {
		ui_message(ui, false, _("no later place to go forward to"));
		return;
	}
	save_here(ui, h->at);
	h->at++;
	restore(ui, &h->v[h->at]);
	if (text_pane_state(ui)->index >= 0)
		list_pane_select(ui, text_pane_state(ui)->index);
}

void jump_free(struct ui *ui)
{
	for (size_t i = 0; i < history.n; i++)
		place_clear(&history.v[i]);
	free(history.v);
	memset(&history, 0, sizeof history);
}

void jump_step_mention(struct ui *ui, int dir)
{
	struct text_state *t = text_pane_state(ui);
	size_t at = 0;
	bool known;
	int64_t entity = text_pane_entity_at_cursor(ui, &at, &known);
	if (!entity) {
		ui_message(ui, false, ui->focus == LAYOUT_SIDE && side_pane_state(ui)->mode == SIDE_ENTITIES
		           ? _("no entity selected in the sidebar: select one, or press * in the text")
		           : _("no entity at the cursor: move to a sentence with a name, "
		             "or select one in the sidebar"));
		return;
	}
	size_t pos = at;
	if (!known) {
		/* From the cursor's sentence: forward includes its start. */
		size_t start = t->art.sentences[t->cursor].start;
		pos = dir > 0 ? start - 1 : start;  /* start 0: (size_t)-1 binds as -1 */
	}
	struct store_mention m;
	bool wrapped = false;
	int rc = store_mention_step(ui->st, entity, t->art.id, pos, dir, &m, &wrapped);
	if (rc < 0) {
		ui_message(ui, true, _("cannot read the mentions: %s"), store_errmsg(ui->st));
		return;
	}
	if (rc == 0) {
		ui_message(ui, false, _("no other mention"));
		return;
	}
	jump_to_mention(ui, &m);
	/* The status line names the entity followed and where it stands. */
	struct store_mention_place p;
	char *name = NULL;
	if (store_mention_place(ui->st, entity, m.article, m.start, &p, &name) < 0) {
		free(name);
		ui_message(ui, true, _("cannot read the mentions: %s"), store_errmsg(ui->st));
		return;
	}
	/* TRANSLATORS: the entity's name, then where its mention is. */
	ui_message(ui, false, !wrapped ? _("%s: mention %lld of %lld (article %lld of %lld)")
	                  : dir > 0 ? _("%s: mention %lld of %lld (article %lld of %lld); search hit "
	                                "the last mention, continuing at the first")
	                  : _("%s: mention %lld of %lld (article %lld of %lld); search hit the first "
	                      "mention, continuing at the last"), name, (long long)p.mention, (long long)p.mentions,
	           (long long)p.article, (long long)p.articles);
	free(name);
}

/* (text_pane.h) The entity the cursor is on, for *, #, r and the sidebar. */
int64_t text_pane_entity_at_cursor(struct ui *ui, size_t *at, bool *known)
{
	struct text_state *t = text_pane_state(ui);
	*known = false;
	if (!t->loaded || !t->art.n_sentences)
		return 0;
	const struct store_sentence *s = &t->art.sentences[t->cursor];
	/* With the focus, the sidebar's selection is the one followed, and
	 * nothing else (none selected: none). */
	bool side = ui->focus == LAYOUT_SIDE && side_pane_state(ui)->mode == SIDE_ENTITIES;
	int64_t want = side ? side_pane_selected_entity(ui) : 0;
	if (side && !want)
		return 0;
	if (t->has_target && t->target.entity && (!want || t->target.entity == want) &&
	    t->target.start >= s->start && t->target.start < s->end) {
		*at = t->target.start;
		*known = true;
		return t->target.entity;
	}
	const struct store_mention *first = NULL;
	for (size_t i = 0; i < t->n_mentions; i++) {
		const struct store_mention *m = &t->mentions[i];
		if (m->start < s->start || m->start >= s->end)
			continue;
		if (!first)
			first = m;
		if (m->entity == want) {
			first = m;
			break;
		}
	}
	/* The sidebar's choice wins when it has the focus, in the sentence
	 * or not. */
	if (first && (!want || first->entity == want)) {
		*at = first->start;
		*known = true;
		return first->entity;
	}
	return want;
}
