/*
 * results_view.c: the corpus search results (`S`) and the passages related
 * to the one at the cursor (`r`), as one list view.
 *
 * Search results come best first (bm25), each with its article, date and a
 * snippet with the hits highlighted; related passages come with their
 * score and reason ("shared: ...; terms: ...").  Enter jumps to the hit or
 * passage, highlighted; back (Ctrl-O) returns to the list.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/paths.h"
#include "margo/search.h"
#include "margo/util.h"
#include "ui.h"
#include "text_pane.h"

/* The corpus search results, or the passages related to one passage. */
enum results_kind { RESULTS_SEARCH, RESULTS_RELATED };

struct results_view {
	enum results_kind kind;
	char *query;              /* search: what the user typed */
	int64_t passage;          /* related: the passage asked about */
	int sentence;             /* related: its sentence asked about
	                           * (from 0), or -1 for all of it */
	char *about;              /* related: the heading, naming what was asked */
	struct store_hit *h;
	size_t n;
	struct listw l;           /* the selection, the window */
};

static struct results_view rv;

#define SEARCH_LIMIT 200
#define RELATED_LIMIT 20

static struct search_background *background;  /* loaded on first use */

void results_view_free(void)
{
	search_background_free(&background);
}

static void results_view_close(struct ui *ui)
{
	struct results_view *v = &rv;
	free(v->query);
	free(v->about);
	store_hits_free(v->h, v->n);
	memset(v, 0, sizeof *v);
}

int results_view_search(struct ui *ui, const char *input, size_t sel)
{
	bool oom = false;
	char *q = search_build_query(input, &oom);
	if (!q) {
		ui_message(ui, !oom ? false : true, oom ? _("out of memory")
		                                        : _("nothing to search for: type some words"));
		return -1;
	}
	struct store_hit *h;
	size_t n;
	int rc = store_search(ui->st, q, SEARCH_LIMIT, 0, &h, &n);
	free(q);
	if (rc < 0) {
		ui_message(ui, true, _("cannot search: %s"), store_errmsg(ui->st));
		return -1;
	}
	view_open(ui, &results_view_ops);
	results_view_close(ui);
	struct results_view *v = &rv;
	v->kind = RESULTS_SEARCH;
	v->query = util_strdup(input);
	v->h = h;
	v->n = v->l.n = n;
	v->l.sel = sel < n ? sel : 0;
	if (!n)
		ui_message(ui, false, _("no passage matches \"%s\""), input);
	return 0;
}

/* The text of sentence `sentence` of passage `passage`, when the article
 * in the reader holds it (malloc'd), else NULL. */
static char *sentence_text(const struct ui *ui, int64_t passage, int sentence)
{
	const struct store_article *a = &text_pane_state(ui)->art;
	if (!text_pane_state(ui)->loaded)
		return NULL;
	int k = 0;
	for (size_t i = 0; i < a->n_sentences; i++) {
		if (a->paras[a->sentences[i].para].id != passage)
			continue;
		if (k++ == sentence)
			return util_strndup(a->body + a->sentences[i].start,
			                    a->sentences[i].end - a->sentences[i].start);
	}
	return NULL;
}

int results_view_related(struct ui *ui, int64_t passage, int sentence, size_t sel)
{
	struct store_hit *h;
	size_t n;
	if (!background) {
		char *dir = paths_data_dir(), *warn = NULL;
		background = dir ? search_background_load(dir, &warn) : NULL;
		free(dir);
		if (warn) {
			ui_message(ui, true, "%s", warn);
			free(warn);
		}
	}
	if (store_related(ui->st, background, passage, sentence, RELATED_LIMIT, &h, &n) < 0) {
		ui_message(ui, true, _("cannot find related passages: %s"), store_errmsg(ui->st));
		return -1;
	}
	view_open(ui, &results_view_ops);
	results_view_close(ui);
	struct results_view *v = &rv;
	v->kind = RESULTS_RELATED;
	v->passage = passage;
	v->sentence = sentence;
	char *said = sentence >= 0 ? sentence_text(ui, passage, sentence) : NULL;
	const char *title = text_pane_state(ui)->loaded ? text_pane_state(ui)->art.title : "";
	if (said)
		v->about = util_printf(_("Passages of other articles like \xe2\x80\x9c%s\xe2\x80\x9d"), said);
	else if (sentence >= 0)
		v->about = util_printf(_("Passages of other articles like sentence %d of a passage of "
		                       "\xe2\x80\x9c%s\xe2\x80\x9d"), sentence + 1, title);
	else
		v->about = util_printf(_("Passages of other articles like this one of "
		                       "\xe2\x80\x9c%s\xe2\x80\x9d"), title);
	free(said);
	v->h = h;
	v->n = v->l.n = n;
	v->l.sel = sel < n ? sel : 0;
	if (!n)
		ui_message(ui, false, _("no related passage in other articles"));
	return 0;
}

void results_prompt(struct ui *ui)
{
	char *input = prompt_line(ui, "search", _("Search all articles:"), rv.query, NULL, NULL);
	if (input && *input)
		results_view_search(ui, input, 0);
	free(input);
}

/* r in the related list: the sentence at the cursor, when it is one of
 * the passage's, and the whole passage again. */
static void related_sentence(struct ui *ui)
{
	struct results_view *v = &rv;
	const struct text_state *t = text_pane_state(ui);
	if (v->sentence >= 0) {
		if (results_view_related(ui, v->passage, -1, 0) == 0)
			ui_message(ui, false, _("related to the whole passage (r: to the sentence at the cursor)"));
		return;
	}
	if (!t->loaded || !t->art.n_sentences ||
	    t->art.paras[text_pane_cursor_para(ui)].id != v->passage) {
		ui_message(ui, false, _("r: the cursor is not in the passage of this list"));
		return;
	}
	size_t first = t->cursor, para = text_pane_cursor_para(ui);
	while (first > 0 && (size_t)t->art.sentences[first - 1].para == para)
		first--;
	size_t last = t->cursor;
	while (last + 1 < t->art.n_sentences && (size_t)t->art.sentences[last + 1].para == para)
		last++;
	if (first == last) {
		ui_message(ui, false, _("the passage is one sentence: this list is already for it"));
		return;
	}
	if (results_view_related(ui, v->passage, (int)(t->cursor - first), 0) == 0)
		ui_message(ui, false, _("related to sentence %zu of %zu first (r: to the whole passage)"),
		           t->cursor - first + 1, last - first + 1);
}

void results_for_cursor(struct ui *ui)
{
	const struct text_state *t = text_pane_state(ui);
	if (!t->loaded || !t->art.n_sentences)
		return;
	size_t para = text_pane_cursor_para(ui);
	results_view_related(ui, t->art.paras[para].id, -1, 0);
}

/* Draw text with hit markers: the marked parts in the hit role.  When the
 * first hit would fall past a third of the room, the text before it is cut
 * (shown as "…") so the hit is in view. */
static int draw_marked(WINDOW *w, int y, int x, const char *s, int max, enum ui_role base,
                       bool cut)
{
	int used = 0;
	const char *hit = strchr(s, STORE_HIT_OPEN);
	if (cut && hit && text_width(s, (size_t)(hit - s)) > max / 3) {
		/* Keep about a sixth of the room of text before the hit. */
		const char *from = s;
		while (from < hit && text_width(from, (size_t)(hit - from)) > max / 6)
			from += text_grapheme_next(from, (size_t)(hit - from), 0);
		draw_set_role(w, base);
		used += draw_str(w, y, x, "\xe2\x80\xa6", 1);
		s = from;
	}
	bool in_hit = false;
	while (*s && used < max) {
		size_t n = strcspn(s, "\x01\x02");
		draw_set_role(w, in_hit ? ROLE_HIT : base);
		used += draw_text(w, y, x + used, s, n, max - used);
		s += n;
		if (*s)
			in_hit = *s++ == STORE_HIT_OPEN;
	}
	draw_set_role(w, base);
	return used;
}

static void draw_entry(struct ui *ui, WINDOW *w, int y, const struct store_hit *h,
                       int width, bool sel)
{
	enum ui_role base = sel ? ROLE_SELECTED : ROLE_NORMAL;
	struct buf b = { 0 };
	if (h->date)
		buf_printf(&b, "%s \xc2\xb7 ", h->date);
	buf_printf(&b, "%s \xc2\xb7 \xc2\xb6 %d", h->title, h->n);
	char score[32];
	snprintf(score, sizeof score, "%.2f", h->score);
	int sw = (int)strlen(score);
	draw_set_role(w, base);
	mvwhline(w, y, 0, ' ', width);
	draw_str(w, y, 1, b.data, width - sw - 3);
	draw_set_role(w, sel ? ROLE_SELECTED : ROLE_DIM);
	draw_str(w, y, width - sw - 1, score, sw);
	buf_free(&b);
	int row = y + 1;
	if (rv.kind == RESULTS_RELATED) {
		draw_set_role(w, ROLE_DIM);
		mvwhline(w, row, 0, ' ', width);
		draw_str(w, row, 2, h->why_shown, width - 3);
		row++;
	}
	draw_set_role(w, ROLE_NORMAL);
	mvwhline(w, row, 0, ' ', width);
	/* A related passage: the text around the sentence it is listed for. */
	char *around = rv.kind == RESULTS_RELATED && h->snippet
	               ? store_snippet_around(h->snippet, h->told_from, h->told_to, width - 3)
	               : NULL;
	draw_marked(w, row, 2, around ? around : h->snippet ? h->snippet : "", width - 3,
	            ROLE_NORMAL, !around);
	free(around);
	draw_set_role(w, ROLE_NORMAL);
}

struct row_ctx {
	struct ui *ui;
	int width;
};

static void results_row(WINDOW *w, int y, size_t i, bool sel, void *ctx)
{
	const struct row_ctx *c = ctx;
	draw_entry(c->ui, w, y, &rv.h[i], c->width, sel);
}

static void results_view_draw(struct ui *ui, WINDOW *w)
{
	struct results_view *v = &rv;
	int width = getmaxx(w);
	werase(w);
	char label[64];
	snprintf(label, sizeof label, v->kind == RESULTS_SEARCH ? _("Search  %zu/%zu") : _("Related  %zu/%zu"),
	         v->n ? v->l.sel + 1 : 0, v->n);
	draw_header(w, label, true);
	struct buf b = { 0 };
	if (v->kind == RESULTS_SEARCH)
		buf_printf(&b, ngettext("\xe2\x80\x9c%s\xe2\x80\x9d: %zu passage, best first",
		                        "\xe2\x80\x9c%s\xe2\x80\x9d: %zu passages, best first", v->n),
		           v->query, v->n);
	else
		buf_puts(&b, v->about ? v->about : "");
	draw_set_role(w, ROLE_TITLE);
	draw_str(w, 1, 1, b.data, width - 2);
	draw_set_role(w, ROLE_NORMAL);
	buf_free(&b);
	struct row_ctx c = { ui, width };
	listw_draw(&v->l, w, 3, v->kind == RESULTS_RELATED ? 4 : 3, results_row, &c);
}

/* Enter on a related passage: to the sentence it is listed for, the words
 * it shares with the source highlighted as search hits (n and N step
 * through them). */
static void open_related(struct ui *ui, const struct store_hit *h)
{
	struct buf q = { 0 };
	const char *s = h->snippet ? h->snippet : "";
	size_t end = h->told_to <= strlen(s) ? h->told_to : strlen(s);
	for (size_t i = h->told_from; i < end; i++) {
		if (s[i] != STORE_HIT_OPEN)
			continue;
		size_t n = strcspn(s + i + 1, "\x02\"");
		buf_printf(&q, "%s\"%.*s\"", q.len ? " " : "", (int)n, s + i + 1);
		i += n;
	}
	int64_t article = h->article;  /* the jump closes the list */
	size_t at = h->hit_start;
	jump_to_span(ui, article, at, h->hit_end);
	if (q.len && text_pane_state(ui)->loaded && text_pane_state(ui)->art.id == article)
		find_set(ui, q.data, true, at);
	buf_free(&q);
}

static bool results_view_key(struct ui *ui, enum ui_action a)
{
	struct results_view *v = &rv;
	if (listw_move(&v->l, a, 0))
		return true;
	switch (a) {
	case UI_ACTION_OPEN:
		if (v->n) {
			const struct store_hit *h = &v->h[v->l.sel];
			if (v->kind == RESULTS_SEARCH) {
				/* n and N then walk this search's hits in the article */
				char *q = util_strdup(v->query);
				int64_t article = h->article;  /* the jump closes the list */
				size_t at = h->hit_start;
				jump_to_span(ui, article, at, h->hit_end);
				if (q && text_pane_state(ui)->loaded && text_pane_state(ui)->art.id == article)
					find_set(ui, q, true, at);
				free(q);
			} else
				open_related(ui, h);
		}
		return true;
	case UI_ACTION_SEARCH_CORPUS:
		results_prompt(ui);
		return true;
	case UI_ACTION_RELATED:
		if (v->kind == RESULTS_RELATED)
			related_sentence(ui);
		else
			results_for_cursor(ui);
		return true;
	case UI_ACTION_LINK:
		if (v->kind == RESULTS_RELATED && v->n)
			link_passages(ui, v->passage, v->h[v->l.sel].passage);
		else
			ui_message(ui, false, _("L links from the related list (r)"));
		return true;
	case UI_ACTION_HELP:
	case UI_ACTION_BACK:
	case UI_ACTION_FORWARD:
	case UI_ACTION_REDRAW:
		return false;
	default:
		return true;
	}
}

static const char *results_view_title(struct ui *ui)
{
	return rv.kind == RESULTS_SEARCH ? _("search") : _("related");
}

static void results_view_status(struct ui *ui, struct buf *b)
{
	(void)ui;
	buf_printf(b, " %zu/%zu", rv.n ? rv.l.sel + 1 : 0, rv.n);
}

static void results_view_place(struct ui *ui, struct ui_place *p)
{
	(void)ui;
	p->view = rv.kind == RESULTS_SEARCH ? VIEW_SEARCH : VIEW_RELATED;
	p->view_id = rv.passage;
	p->view_sentence = rv.sentence;
	p->view_query = util_strdup(rv.query);
	p->view_sel = rv.l.sel;
}

void results_view_save_state(struct ui *ui, FILE *f)
{
	bool open = view_is_open(ui, &results_view_ops);
	fprintf(f, "results.open=%d\n", open);
	if (open)
		fprintf(f, "results.kind=%s\nresults.n=%zu\nresults.sel=%zu\nresults.sentence=%d\n",
		        rv.kind == RESULTS_SEARCH ? "search" : "related", rv.n, rv.l.sel,
		        rv.kind == RESULTS_RELATED ? rv.sentence + 1 : 0);
}

static size_t results_view_entries(struct ui *ui)
{
	(void)ui;
	return rv.n;
}

const struct view_ops results_view_ops = {
	.entries = results_view_entries,
	.name = N_("results"),
	.title = results_view_title,
	.draw = results_view_draw,
	.key = results_view_key,
	.close = results_view_close,
	.status = results_view_status,
	.place = results_view_place,
};

