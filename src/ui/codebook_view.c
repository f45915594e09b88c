/*
 * codebook_view.c: the codebook (C) as a tree: each tag ("armi/munizioni"
 * is munizioni under armi) indented under its parent, the levels that are
 * only the beginning of tags shown too, each row with the count of its own
 * annotations and the count over its branch.  z folds or unfolds the
 * selected branch.  R renames a tag and its whole branch, or moves it
 * ("armi/munizioni" to "logistica/munizioni"); renaming onto a tag that
 * exists merges the two.  d deletes a tag no annotation has; Enter lists
 * the branch's annotations (A, filtered by tag:"PATH").  Above the list,
 * the selected branch's annotations by month (or year) of their articles,
 * the last bar those in undated articles: Tab (or B, Left, Right) moves
 * into it when it is drawn, Left/Right pick a bar, Enter lists the
 * branch's annotations of that period (A, filtered by tag:"PATH"
 * date:PERIOD, or date:none), Esc or Tab goes back to the tags.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/store_annot.h"
#include "margo/text.h"
#include "margo/util.h"
#include "ui.h"

/* The codebook (C). */
struct codebook_view {
	struct store_tag_node *nodes;  /* the tree, parents first */
	bool *folded;             /* per node: its branch is folded */
	size_t n;                 /* nodes */
	size_t n_tags;            /* nodes that are tags (not only a level) */
	size_t *rows;             /* the nodes shown (none under a folded one) */
	struct listw l;           /* the selection (a row), the window */
	struct store_series series;  /* the selected branch's annotations over time */
	size_t series_of;         /* the node it was read for, + 1 (0: none) */
	bool in_chart;            /* the keys go to the chart */
	bool chart_shown;         /* the last draw drew it: the screen has room */
	size_t bar;               /* the bar selected in the chart */
};

static struct codebook_view cb;

static void codebook_view_close(struct ui *ui)
{
	(void)ui;
	struct codebook_view *v = &cb;
	store_tag_tree_free(v->nodes, v->n);
	free(v->folded);
	free(v->rows);
	store_series_free(&v->series);
	memset(v, 0, sizeof *v);
}

/* The selected node (v->n when none). */
static size_t sel_node(const struct codebook_view *v)
{
	return v->l.n ? v->rows[v->l.sel] : v->n;
}

/* The rows shown: every node but those under a folded one; the
 * selection stays on node `keep` (or the row of its nearest parent shown). */
static void make_rows(struct codebook_view *v, size_t keep)
{
	size_t k = 0, sel = 0;
	size_t hide_below = SIZE_MAX;   /* the depth of a folded node met */
	for (size_t i = 0; i < v->n; i++) {
		if (hide_below != SIZE_MAX && v->nodes[i].depth > hide_below)
			continue;
		hide_below = v->folded[i] && v->nodes[i].children ? v->nodes[i].depth : SIZE_MAX;
		if (i <= keep)
			sel = k;
		v->rows[k++] = i;
	}
	v->l.n = k;
	v->l.sel = keep < v->n ? sel : (v->l.sel < k ? v->l.sel : 0);
	listw_resize(&v->l, k);
}

/* Read the selected tag's series when the selection moved to another. */
static void load_series(struct ui *ui)
{
	struct codebook_view *v = &cb;
	size_t node = sel_node(v);
	if (node == v->n || v->series_of == node + 1)
		return;
	store_series_free(&v->series);
	v->series_of = node + 1;
	v->bar = 0;
	if (store_timeline_tag(ui->st, v->nodes[node].path, STORE_BY_AUTO, &v->series) < 0)
		ui_message(ui, true, _("cannot read the codebook: %s"), store_errmsg(ui->st));
	else if (v->series.n)
		v->bar = v->series.n - 1;  /* the last period, else the undated */
}

/* Open the annotations list filtered by the selected tag and, when `bar`
 * is not -1, by the chart's bar `bar` (a period, or the undated): the name
 * in double quotes, its quotes and backslashes escaped. */
static void open_annotations(struct ui *ui, long bar)
{
	struct codebook_view *v = &cb;
	struct buf f = { 0 };
	buf_puts(&f, "tag:\"");
	for (const char *p = v->nodes[sel_node(v)].path; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_putc(&f, '\\');
		buf_putc(&f, *p);
	}
	buf_putc(&f, '"');
	if (bar >= 0 && (size_t)bar < v->series.n) {
		buf_puts(&f, " date:");
		chart_label(&f, &v->series.bins[bar]);
	} else if (bar >= 0) {
		buf_puts(&f, " date:none");
	}
	char *filter = buf_steal(&f);
	if (filter)
		annot_view_open_filtered(ui, filter);  /* in place of the codebook */
	else
		ui_message(ui, true, "%s", _("out of memory"));
}

/* Keys while the chart has the focus: Left/Right pick a bar, Enter lists
 * its annotations, Esc (or B, Tab) goes back to the tags. */
static void chart_key(struct ui *ui, enum ui_action a)
{
	struct codebook_view *v = &cb;
	size_t n = chart_bars(&v->series);
	if (chart_move(&v->bar, n, a))
		return;
	switch (a) {
	case UI_ACTION_OPEN:
		if (n && v->bar < n) {
			v->in_chart = false;
			if (!chart_count(&v->series, v->bar))
				ui_message(ui, false, _("no annotations in that period"));
			else
				open_annotations(ui, (long)v->bar);
		}
		break;
	case UI_ACTION_CHART:
	case UI_ACTION_NEXT_PANE:
	case UI_ACTION_PREV_PANE:
	case UI_ACTION_CLOSE:
		v->in_chart = false;
		break;
	default:
		break;
	}
}

/* Open (or read again) the codebook, the selection on the node of path
 * `select` when given, else on the same row; the folded branches stay. */
static int open_at(struct ui *ui, const char *select)
{
	struct codebook_view *v = &cb;
	size_t sel = v->l.sel, n_kept = 0;
	char **kept = NULL;
	for (size_t i = 0; i < v->n; i++)
		if (v->folded[i] && (kept || (kept = calloc(v->n, sizeof *kept))))
			kept[n_kept++] = v->nodes[i].path, v->nodes[i].path = NULL;
	view_open(ui, &codebook_view_ops);
	codebook_view_close(ui);
	int rc = store_tag_tree(ui->st, &v->nodes, &v->n);
	if (rc == 0 && v->n && (!(v->folded = calloc(v->n, sizeof *v->folded)) ||
	                        !(v->rows = calloc(v->n, sizeof *v->rows)))) {
		codebook_view_close(ui);
		rc = -1;
	}
	size_t keep = SIZE_MAX;
	for (size_t i = 0; rc == 0 && i < v->n; i++) {
		v->n_tags += v->nodes[i].exists;
		for (size_t j = 0; j < n_kept; j++)
			if (strcmp(kept[j], v->nodes[i].path) == 0)
				v->folded[i] = true;
		if (select && strcmp(select, v->nodes[i].path) == 0)
			keep = i;
	}
	for (size_t j = 0; j < n_kept; j++)
		free(kept[j]);
	free(kept);
	if (rc < 0) {
		view_close(ui, &codebook_view_ops);
		ui_message(ui, true, _("cannot read the codebook: %s"), store_errmsg(ui->st));
		return -1;
	}
	v->l.sel = sel;
	make_rows(v, keep);
	if (!v->n)
		ui_message(ui, false, _("the codebook is empty: tags are made when you annotate"));
	load_series(ui);
	return 0;
}

int codebook_view_open(struct ui *ui)
{
	return open_at(ui, NULL);
}

/* The width of the count columns: their labels' and the largest count's. */
static int count_width(const struct codebook_view *v, const char *own, const char *branch)
{
	int w = 3;
	int lo = (int)text_cp_count(own, strlen(own)), lb = (int)text_cp_count(branch, strlen(branch));
	w = lo > w ? lo : w;
	w = lb > w ? lb : w;
	for (size_t i = 0; i < v->n; i++) {
		char c[24];
		int cw = snprintf(c, sizeof c, "%lld", (long long)v->nodes[i].total);
		w = cw > w ? cw : w;
	}
	return w;
}

struct row_ctx {
	int width;                /* the window's */
	int cw;                   /* a count column's */
};

/* One node: indented by its depth, a mark when it has a branch (folded or
 * not), its own count and its branch's at the right. */
static void codebook_row(WINDOW *w, int y, size_t row, bool selected, void *ctx)
{
	const struct codebook_view *v = &cb;
	const struct row_ctx *c = ctx;
	size_t i = v->rows[row];
	const struct store_tag_node *t = &v->nodes[i];
	draw_set_role(w, selected ? ROLE_SELECTED : ROLE_NORMAL);
	mvwhline(w, y, 0, ' ', c->width);
	int x = 1 + 2 * (int)(t->depth < 12 ? t->depth : 12);
	const char *mark = !t->children ? "  " : v->folded[i] ? "\xe2\x96\xb8 " : "\xe2\x96\xbe ";
	int counts = 2 * c->cw + 3;
	x += draw_str(w, y, x, mark, c->width - x - counts);
	draw_str(w, y, x, t->name, c->width - x - counts - 1);
	char own[24], total[48];
	snprintf(own, sizeof own, "%lld", (long long)t->own);
	snprintf(total, sizeof total, "%*lld", c->cw, (long long)t->total);
	int ow = t->exists ? (int)strlen(own) : 1;
	if (c->width - counts > 0) {
		draw_str(w, y, c->width - counts + c->cw - ow, t->exists ? own : "-", ow);
		draw_str(w, y, c->width - c->cw - 2, total, c->cw);
	}
}

static void codebook_view_draw(struct ui *ui, WINDOW *w)
{
	struct codebook_view *v = &cb;
	int width = getmaxx(w);
	werase(w);
	char label[64];
	snprintf(label, sizeof label, ngettext("Codebook  %zu tag", "Codebook  %zu tags", v->n_tags),
	         v->n_tags);
	draw_header(w, label, true);
	/* TRANSLATORS: the headings of the codebook's two counts: the
	 * annotations of the tag itself, and of its whole branch. */
	const char *own = _("own"), *branch = _("branch");
	struct row_ctx rc = { width, count_width(v, own, branch) };
	int counts = 2 * rc.cw + 3;
	if (v->n && width - counts > 24) {
		draw_set_role(w, ROLE_HEADER_FOCUS);
		int ow = (int)text_cp_count(own, strlen(own)), bw = (int)text_cp_count(branch, strlen(branch));
		draw_str(w, 0, width - counts + rc.cw - ow, own, ow);
		draw_str(w, 0, width - bw - 2, branch, bw);
		draw_set_role(w, ROLE_NORMAL);
	}
	int y = 1, height = getmaxy(w);
	/* Too few rows for the chart: it is not drawn, and the focus is not
	 * left in it (nor let in, codebook_view_key). */
	v->chart_shown = v->n && height >= 12;
	if (!v->chart_shown)
		v->in_chart = false;
	if (v->chart_shown) {
		/* The selected tag's annotations by month, on top. */
		int ch = height >= 24 ? 5 : 3;
		chart_draw(w, y, 1, width - 2, ch, &v->series, v->bar, v->in_chart, -1);
		y += (chart_bars(&v->series) ? ch : 1) + 1;
	}
	listw_draw(&v->l, w, y, 1, codebook_row, &rc);
	draw_set_role(w, ROLE_NORMAL);
}

static bool codebook_view_key(struct ui *ui, enum ui_action a)
{
	struct codebook_view *v = &cb;
	if (a == UI_ACTION_HELP || a == UI_ACTION_REDRAW)
		return false;
	if (v->in_chart) {
		chart_key(ui, a);
		return true;
	}
	if (listw_move(&v->l, a, 0)) {
		load_series(ui);
		return true;
	}
	switch (a) {
	case UI_ACTION_RENAME:
		if (v->l.n) {
			char *from = util_strdup(v->nodes[sel_node(v)].path);
			char *to = from ? prompt_line(ui, "tag-rename", _("Rename the tag (an existing name merges):"),
			                              from, NULL, NULL) : NULL;
			char *err = NULL;
			if (to && *to && strcmp(to, from) != 0) {
				char *path = NULL;
				if (store_tag_rename(ui->st, from, to, &err) < 0) {
					ui_message(ui, true, "%s", err ? err : _("out of memory"));
				} else {
					/* The selection follows the branch to its new name. */
					if (store_tag_path(to, strlen(to), &path, NULL) != 0) {
						free(path);
						path = NULL;
					}
					open_at(ui, path ? path : to);
					annotate_load(ui);
					ui_message(ui, false, _("\xe2\x80\x9c%s\xe2\x80\x9d is now \xe2\x80\x9c%s\xe2\x80\x9d"),
					           from, path ? path : to);
				}
				free(path);
			}
			free(err);
			free(from);
			free(to);
		}
		return true;
	case UI_ACTION_DELETE:
		if (v->l.n) {
			char *name = util_strdup(v->nodes[sel_node(v)].path), *err = NULL;
			int64_t used = 0;
			int rc = name ? store_tag_delete(ui->st, name, &used, &err) : -1;
			if (rc < 0) {
				ui_message(ui, true, "%s", err ? err : _("out of memory"));
			} else if (rc == 1) {
				ui_message(ui, false, ngettext("\xe2\x80\x9c%s\xe2\x80\x9d is kept: %lld annotation "
				                               "uses it (Enter lists them)",
				                               "\xe2\x80\x9c%s\xe2\x80\x9d is kept: %lld annotations "
				                               "use it (Enter lists them)", (unsigned long)used),
				           name, (long long)used);
			} else {
				codebook_view_open(ui);
				ui_message(ui, false, _("tag \xe2\x80\x9c%s\xe2\x80\x9d deleted"), name);
			}
			free(err);
			free(name);
		}
		return true;
	case UI_ACTION_OPEN:
		if (v->l.n)
			open_annotations(ui, -1);
		return true;
	case UI_ACTION_UNDO:
	case UI_ACTION_REDO:
		/* A rename of a branch is one change: one u takes it all back. */
		annotate_undo(ui, a == UI_ACTION_REDO);
		codebook_view_open(ui);
		return true;
	case UI_ACTION_FOLD:
		if (v->l.n) {
			size_t i = sel_node(v);
			if (!v->nodes[i].children) {
				ui_message(ui, false, _("\xe2\x80\x9c%s\xe2\x80\x9d has no tags under it"),
				           v->nodes[i].path);
			} else {
				v->folded[i] = !v->folded[i];
				make_rows(v, i);
			}
		}
		return true;
	case UI_ACTION_CLOSE:
		view_close(ui, &codebook_view_ops);
		return true;
	case UI_ACTION_CHART:
	case UI_ACTION_NEXT_PANE:
	case UI_ACTION_PREV_PANE:
	case UI_ACTION_NEXT_BAR:
	case UI_ACTION_PREV_BAR:
		/* Into the chart, only when it is drawn. */
		if (v->n && chart_bars(&v->series) && v->chart_shown)
			v->in_chart = true;
		else if (v->n && !v->chart_shown)
			ui_message(ui, false, _("the chart needs a taller terminal (12 rows)"));
		return true;
	case UI_ACTION_HELP:
	case UI_ACTION_REDRAW:
		return false;
	default:
		return true;
	}
}

void codebook_view_save_state(struct ui *ui, FILE *f)
{
	fprintf(f, "codebook.open=%d\ncodebook.n=%zu\ncodebook.bars=%zu\ncodebook.undated=%lld\n"
	        "codebook.focus=%s\ncodebook.bar=%zu\ncodebook.rows=%zu\ncodebook.sel=%s\n",
	        view_is_open(ui, &codebook_view_ops), cb.n_tags, cb.series.n,
	        (long long)cb.series.undated, cb.in_chart ? "chart" : "list", cb.bar, cb.l.n,
	        cb.l.n ? cb.nodes[sel_node(&cb)].path : "");
}

static size_t codebook_view_entries(struct ui *ui)
{
	(void)ui;
	return cb.l.n;
}

const struct view_ops codebook_view_ops = {
	.entries = codebook_view_entries,
	.name = N_("codebook"),
	.draw = codebook_view_draw,
	.key = codebook_view_key,
	.close = codebook_view_close,
	.keeps_esc = true,   /* Esc leaves the chart first */
};
