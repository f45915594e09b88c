/*
 * mentions_view.c: every mention of one entity in the corpus, as
 * keyword-in-context lines sorted by date, under a chart of its mentions
 * by month (or year) and beside the entities that most often share a
 * paragraph with it.  Enter jumps to the mention; back (Ctrl-O) returns
 * here.  Tab (or B) moves from part to part: the list, the chart, the
 * entities named with it (Shift-Tab the other way).  In the chart
 * Left/Right pick a period, the last bar being the undated mentions, and
 * Enter lists only its mentions (Esc lists them all again); among the
 * entities named with it, Enter opens one's mentions.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/util.h"
#include "ui.h"

enum mv_focus { MV_LIST, MV_CHART, MV_WITH };

/* The mentions view: every mention of one entity, in context. */
struct mentions_view {
	struct store_entity entity;
	char *fits;                      /* a bare name kept apart: the people it
	                                  * fits, "A, B", else NULL */
	struct store_mention *m;
	size_t n;
	size_t *idx;                     /* the mentions listed: all, or a period's */
	struct listw l;                  /* idx's entries: the selection, the window */
	struct store_entity *with;       /* entities sharing its paragraphs */
	size_t n_with, with_sel;
	struct store_series series;      /* its mentions by month or year */
	size_t bar;                      /* the bar selected in the chart */
	long picked;                     /* the bar the list is narrowed to, or -1
	                                    (series.n: the undated mentions) */
	enum mv_focus focus;
};

static struct mentions_view mv;

#define CONTEXT_CP 80  /* code points of context read on each side */

static void mentions_view_close(struct ui *ui)
{
	struct mentions_view *v = &mv;
	free(v->entity.name);
	free(v->fits);
	store_mentions_free(v->m, v->n);
	store_entities_free(v->with, v->n_with);
	store_series_free(&v->series);
	free(v->idx);
	memset(v, 0, sizeof *v);
	v->picked = -1;
}

/* Whether mention i falls in bar `picked`: its period's, or the undated
 * one's (a date store_series_make could not place either). */
static bool in_bar(size_t i, long picked)
{
	struct mentions_view *v = &mv;
	int y, m;
	if ((size_t)picked == v->series.n)
		return !store_period_of(v->m[i].date, STORE_BY_MONTH, &y, &m);
	return store_bin_holds(&v->series.bins[picked], v->m[i].date);
}

/* List the mentions of bar `picked`, or all with -1; 0 or -1. */
static int narrow(long picked)
{
	struct mentions_view *v = &mv;
	size_t k = 0;
	for (size_t i = 0; i < v->n; i++)
		if (picked < 0 || in_bar(i, picked))
			v->idx[k++] = i;
	v->picked = picked;
	v->l.n = k;
	v->l.sel = v->l.top = 0;
	return 0;
}

/* The people a bare name kept apart fits, "A, B", in v->fits. */
static int read_fits(struct ui *ui)
{
	struct mentions_view *v = &mv;
	char **names;
	size_t n;
	if (!v->entity.apart)
		return 0;
	if (store_entity_fits(ui->st, v->entity.id, &names, &n) < 0)
		return -1;
	struct buf b = { 0 };
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	v->fits = b.data;
	return 0;
}

/* The series of the mentions read, by month or by year on a long corpus:
 * the same mentions the list shows, so a bar and its list agree. */
static int make_series(void)
{
	struct mentions_view *v = &mv;
	const char **dates = malloc((v->n ? v->n : 1) * sizeof *dates);
	v->idx = malloc((v->n ? v->n : 1) * sizeof *v->idx);
	if (!dates || !v->idx) {
		free(dates);
		return -1;
	}
	for (size_t i = 0; i < v->n; i++)
		dates[i] = v->m[i].date;
	int rc = store_series_make(dates, v->n, STORE_BY_AUTO, &v->series);
	free(dates);
	return rc < 0 ? -1 : narrow(-1);
}

int mentions_view_open(struct ui *ui, int64_t entity, size_t sel)
{
	view_open(ui, &mentions_view_ops);
	mentions_view_close(ui);
	struct mentions_view *v = &mv;
	int found = store_entity_get(ui->st, entity, &v->entity);
	if (found <= 0 || read_fits(ui) < 0 ||
	    store_entity_mentions(ui->st, entity, CONTEXT_CP, &v->m, &v->n) < 0 ||
	    store_entity_cooccurring(ui->st, entity, 6, &v->with, &v->n_with) < 0 ||
	    make_series() < 0) {
		view_close(ui, &mentions_view_ops);
		ui_message(ui, true, found == 0 ? _("that entity is gone from the library")
		                                 : _("cannot read the mentions: %s"), store_errmsg(ui->st));
		return -1;
	}
	v->l.sel = sel < v->n ? sel : 0;
	v->bar = v->series.n ? v->series.n - 1 : 0;
	return 0;
}

/* The header: name, type, counts. */
static int draw_head(struct ui *ui, WINDOW *w, int width)
{
	(void)ui;
	struct mentions_view *v = &mv;
	struct buf b = { 0 };
	buf_printf(&b, _("Mentions  %zu/%zu"), v->l.n ? v->l.sel + 1 : 0, v->l.n);
	/* The period the list is narrowed to, on the header: the line under
	 * it is cut first on a narrow screen. */
	if (v->picked >= 0) {
		buf_puts(&b, " \xc2\xb7 ");
		chart_label_at(&b, &v->series, (size_t)v->picked);
		/* TRANSLATORS: after the period the list is narrowed to. */
		buf_puts(&b, _(" only (Esc: all)"));
	}
	draw_header(w, b.data ? b.data : "", v->focus == MV_LIST);
	buf_reset(&b);
	/* TRANSLATORS: the entity's name, its type, then the counts. */
	buf_printf(&b, _("%s (%s): %lld mentions in %lld articles"), v->entity.name,
	           entity_type_shown(v->entity.type), (long long)v->entity.mentions,
	           (long long)v->entity.articles);
	draw_set_role(w, ROLE_TITLE);
	draw_str(w, 1, 1, b.data, width - 2);
	if (v->fits) {
		/* The row under the title, blank for other entities. */
		b.len = 0;
		/* TRANSLATORS: under a bare name ("Berlusconi") kept apart
		 * because several people's full names fit it: those people. */
		buf_printf(&b, _("(?) which of: %s"), v->fits);
		draw_set_role(w, ROLE_DIM);
		draw_str(w, 2, 1, b.data, width - 2);
	}
	draw_set_role(w, ROLE_NORMAL);
	buf_free(&b);
	return 2;
}

/* The entities named in the same paragraphs, one a row with its count as
 * a bar, under a heading; rows used. */
static int draw_with(WINDOW *w, int y, int x, int width, int rows)
{
	struct mentions_view *v = &mv;
	draw_set_role(w, v->focus == MV_WITH ? ROLE_SELECTED : ROLE_DIM);
	draw_str(w, y, x, v->n_with ? _("With: named in its paragraphs")
	                            : _("With: no other entity in its paragraphs"), width);
	draw_set_role(w, ROLE_NORMAL);
	int64_t max = v->n_with ? v->with[0].here : 1;
	int k = 0;
	for (size_t i = 0; i < v->n_with && k < rows - 1; i++, k++)
		chart_hbar(w, y + 1 + k, x, width, v->with[i].name, v->with[i].here, max,
		           v->focus == MV_WITH && i == v->with_sel);
	return k + 1;
}

/* One entry: "date · title" then "…left MENTION right…" with the mention
 * starting at a fixed column, so the eye runs down one column. */
static void draw_entry(WINDOW *w, int y, const struct store_mention *m, int width,
                       bool sel, bool last_row_only)
{
	enum ui_role role = sel ? ROLE_SELECTED : ROLE_NORMAL;
	if (!last_row_only) {
		draw_set_role(w, sel ? ROLE_SELECTED : ROLE_DIM);
		mvwhline(w, y, 0, ' ', width);
		struct buf b = { 0 };
		buf_printf(&b, "%s \xc2\xb7 %s", m->date ? m->date : _("no date"), m->title);
		draw_str(w, y, 1, b.data, width - 2);
		buf_free(&b);
		y++;
	}
	draw_set_role(w, role);
	mvwhline(w, y, 0, ' ', width);
	int col = width * 2 / 5;
	/* The left context, right-aligned against the mention: skip code
	 * points from its start until it fits. */
	const char *left = m->left;
	size_t llen = strlen(left);
	while (llen && text_width(left, llen) > col - 2) {
		size_t step = text_grapheme_next(left, llen, 0);
		left += step;
		llen -= step;
	}
	int lw = text_width(left, llen);
	draw_text(w, y, col - lw, left, llen, lw);
	wattron(w, (int)draw_attr(ROLE_MENTION));
	int x = col + draw_str(w, y, col, m->text, width - col - 1);
	draw_set_role(w, role);
	draw_str(w, y, x, m->right, width - x - 1);
	draw_set_role(w, ROLE_NORMAL);
}

static void mentions_row(WINDOW *w, int y, size_t i, bool sel, void *ctx)
{
	draw_entry(w, y, &mv.m[mv.idx[i]], *(const int *)ctx, sel && mv.focus == MV_LIST, false);
}

static void mentions_view_draw(struct ui *ui, WINDOW *w)
{
	struct mentions_view *v = &mv;
	int width = getmaxx(w), height = getmaxy(w);
	werase(w);
	int y = draw_head(ui, w, width) + 1;
	/* The chart on top, the entities named with it beside it, or below
	 * it on a narrow screen. */
	int ch = height >= 40 ? 7 : height >= 24 ? 4 : 3;
	bool wide = width >= 60;
	int cw = wide ? width * (width >= 100 ? 3 : 2) / 5 - 2 : width - 2;
	chart_draw(w, y, 1, cw, ch, &v->series, v->bar, v->focus == MV_CHART, v->picked);
	if (wide) {
		draw_with(w, y, cw + 4, width - cw - 5, ch);
		y += ch + 1;
	} else {
		y += (chart_bars(&v->series) ? ch : 1) + 1;
		y += draw_with(w, y, 1, width - 2, 4) + 1;
	}
	/* Three rows an entry: where, context, a blank. */
	listw_draw(&v->l, w, y, 3, mentions_row, &width);
	if (!v->l.n) {
		draw_set_role(w, ROLE_DIM);
		draw_str(w, y, 1, _("No mentions."), width - 2);
		draw_set_role(w, ROLE_NORMAL);
	}
}

/* Keys while the chart has the focus: Left/Right pick a bar, Enter lists
 * its mentions, Esc goes back to the list. */
static void chart_key(struct ui *ui, enum ui_action a)
{
	struct mentions_view *v = &mv;
	size_t n = chart_bars(&v->series);
	if (chart_move(&v->bar, n, a))
		return;
	switch (a) {
	case UI_ACTION_OPEN:
		if (n) {
			narrow((long)v->bar);
			v->focus = MV_LIST;
			if (!v->l.n)
				ui_message(ui, false, _("no mentions in that period"));
		}
		break;
	case UI_ACTION_CLOSE:
		v->focus = MV_LIST;
		break;
	default:
		break;
	}
}

static bool mentions_view_key(struct ui *ui, enum ui_action a)
{
	struct mentions_view *v = &mv;
	switch (a) {
	case UI_ACTION_HELP:
	case UI_ACTION_BACK:
	case UI_ACTION_FORWARD:
	case UI_ACTION_REDRAW:
		return false;  /* the loop's own */
	case UI_ACTION_CHART:
	case UI_ACTION_NEXT_PANE:
	case UI_ACTION_PREV_PANE:
		/* The parts in turn: list, chart, entities named with it. */
		if (a == UI_ACTION_PREV_PANE)
			v->focus = v->focus == MV_LIST ? MV_WITH : v->focus == MV_WITH ? MV_CHART : MV_LIST;
		else
			v->focus = v->focus == MV_LIST ? MV_CHART : v->focus == MV_CHART ? MV_WITH : MV_LIST;
		if (v->focus == MV_CHART && v->picked >= 0)
			v->bar = (size_t)v->picked;
		return true;
	case UI_ACTION_NEXT_BAR:
	case UI_ACTION_PREV_BAR:
		/* From the list or the entities, Left/Right move into the
		 * chart; there they pick a bar. */
		if (v->focus != MV_CHART) {
			v->focus = MV_CHART;
			if (v->picked >= 0)
				v->bar = (size_t)v->picked;
			return true;
		}
		break;
	default:
		break;
	}
	if (v->focus == MV_CHART) {
		chart_key(ui, a);
		return true;
	}
	if (v->focus == MV_WITH) {
		if (a == UI_ACTION_DOWN && v->with_sel + 1 < v->n_with)
			v->with_sel++;
		else if (a == UI_ACTION_UP && v->with_sel > 0)
			v->with_sel--;
		else if (a == UI_ACTION_CLOSE)
			v->focus = MV_LIST;
		else if (a == UI_ACTION_OPEN && v->n_with)
			mentions_view_open(ui, v->with[v->with_sel].id, 0);
		return true;
	}
	if (listw_move(&v->l, a, 0))
		return true;
	switch (a) {
	case UI_ACTION_OPEN:
		if (v->l.n)
			jump_to_mention(ui, &v->m[v->idx[v->l.sel]]);
		return true;
	case UI_ACTION_CLOSE:
		if (v->picked >= 0)
			narrow(-1);  /* Esc widens the list first */
		else
			view_close(ui, &mentions_view_ops);
		return true;
	default:
		return true;   /* the panes' keys wait until the view closes */
	}
}

static void mentions_view_status(struct ui *ui, struct buf *b)
{
	(void)ui;
	buf_printf(b, " %zu/%zu", mv.l.n ? mv.l.sel + 1 : 0, mv.l.n);
}

static void mentions_view_place(struct ui *ui, struct ui_place *p)
{
	(void)ui;
	p->view = VIEW_MENTIONS;
	p->view_id = mv.entity.id;
	p->view_sel = mv.l.n ? mv.idx[mv.l.sel] : 0;
}

void mentions_view_save_state(struct ui *ui, FILE *f)
{
	bool open = view_is_open(ui, &mentions_view_ops);
	fprintf(f, "mentions.open=%d\n", open);
	if (open) {
		struct buf b = { 0 };
		if (mv.picked >= 0 && (size_t)mv.picked == mv.series.n)
			buf_puts(&b, "undated");
		else if (mv.picked >= 0)
			chart_label(&b, &mv.series.bins[mv.picked]);
		fprintf(f, "mentions.entity=%s\nmentions.sel=%zu\nmentions.n=%zu\n"
		        "mentions.listed=%zu\nmentions.focus=%s\nmentions.bars=%zu\n"
		        "mentions.bar=%zu\nmentions.period=%s\nmentions.with=%zu\n"
		        "mentions.undated=%lld\n",
		        mv.entity.name, mv.l.sel, mv.n, mv.l.n,
		        mv.focus == MV_CHART ? "chart" : mv.focus == MV_WITH ? "with" : "list",
		        mv.series.n, mv.bar, b.data ? b.data : "", mv.with_sel,
		        (long long)mv.series.undated);
		fprintf(f, "mentions.fits=%s\n", mv.fits ? mv.fits : "");
		buf_free(&b);
	}
}

static size_t mentions_view_entries(struct ui *ui)
{
	(void)ui;
	return mv.focus == MV_CHART ? chart_bars(&mv.series) : mv.focus == MV_WITH ? mv.n_with : mv.l.n;
}

const struct view_ops mentions_view_ops = {
	.entries = mentions_view_entries,
	.name = N_("mentions"),
	.draw = mentions_view_draw,
	.key = mentions_view_key,
	.close = mentions_view_close,
	.status = mentions_view_status,
	.place = mentions_view_place,
	.keeps_esc = true,
};

