/*
 * codebook_view.c: the codebook (C): every tag with its count of
 * annotations, children under their parents ("militare/munizioni" under
 * "militare").  R renames a tag and its children; renaming onto a tag that
 * exists merges the two.  d deletes a tag no annotation has; Enter lists
 * the tag's annotations (A, filtered by tag:"NAME").  Above the list, the
 * selected tag's annotations by month (or year) of their articles, the
 * last bar those in undated articles: Tab (or B) moves into it when it is
 * drawn, Left/Right pick a bar, Enter lists the tag's annotations of that
 * period (A, filtered by tag:"NAME" date:PERIOD, or date:none), Esc or Tab
 * goes back to the tags.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/store_annot.h"
#include "margo/util.h"
#include "ui.h"

/* The codebook (C). */
struct codebook_view {
	char **names;
	int64_t *counts;
	size_t n;
	struct listw l;           /* the selection, the window */
	struct store_series series;  /* the selected tag's annotations over time */
	size_t series_of;         /* the tag it was read for, + 1 (0: none) */
	bool in_chart;            /* the keys go to the chart */
	bool chart_shown;         /* the last draw drew it: the screen has room */
	size_t bar;               /* the bar selected in the chart */
};

static struct codebook_view cb;

static void codebook_view_close(struct ui *ui)
{
	struct codebook_view *v = &cb;
	for (size_t i = 0; i < v->n; i++)
		free(v->names[i]);
	free(v->names);
	free(v->counts);
	store_series_free(&v->series);
	memset(v, 0, sizeof *v);
}

/* Read the selected tag's series when the selection moved to another. */
static void load_series(struct ui *ui)
{
	struct codebook_view *v = &cb;
	if (!v->n || v->series_of == v->l.sel + 1)
		return;
	store_series_free(&v->series);
	v->series_of = v->l.sel + 1;
	v->bar = 0;
	if (store_timeline_tag(ui->st, v->names[v->l.sel], STORE_BY_AUTO, &v->series) < 0)
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
	for (const char *p = v->names[v->l.sel]; *p; p++) {
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

int codebook_view_open(struct ui *ui)
{
	size_t sel = cb.l.sel;
	view_open(ui, &codebook_view_ops);
	codebook_view_close(ui);
	struct codebook_view *v = &cb;
	if (store_tags(ui->st, &v->names, &v->counts, &v->n) < 0) {
		view_close(ui, &codebook_view_ops);
		ui_message(ui, true, _("cannot read the codebook: %s"), store_errmsg(ui->st));
		return -1;
	}
	v->l.n = v->n;
	v->l.sel = sel < v->n ? sel : 0;
	if (!v->n)
		ui_message(ui, false, _("the codebook is empty: tags are made when you annotate"));
	load_series(ui);
	return 0;
}

/* One tag: a child right under its parent indented, its count at the right. */
static void codebook_row(WINDOW *w, int y, size_t i, bool selected, void *ctx)
{
	const struct codebook_view *v = &cb;
	int width = *(const int *)ctx;
	/* A child right under its parent shows its last part, indented;
	 * otherwise the whole name. */
	const char *name = v->names[i], *leaf = strrchr(name, '/');
	int depth = 0;
	for (const char *p = name; *p; p++)
		depth += *p == '/';
	if (leaf && !(i > 0 && strncmp(v->names[i - 1], name, (size_t)(leaf - name)) == 0 &&
	              (v->names[i - 1][leaf - name] == '\0' || v->names[i - 1][leaf - name] == '/'))) {
		leaf = NULL;
		depth = 0;
	}
	draw_set_role(w, selected ? ROLE_SELECTED : ROLE_NORMAL);
	mvwhline(w, y, 0, ' ', width);
	int x = 1 + 2 * (depth < 8 ? depth : 8);
	char count[24];
	snprintf(count, sizeof count, "%lld", (long long)v->counts[i]);
	int cw = (int)strlen(count);
	draw_str(w, y, x, leaf ? leaf + 1 : name, width - x - cw - 3);
	draw_str(w, y, width - cw - 2, count, cw);
}

static void codebook_view_draw(struct ui *ui, WINDOW *w)
{
	struct codebook_view *v = &cb;
	int width = getmaxx(w);
	werase(w);
	char label[64];
	snprintf(label, sizeof label, ngettext("Codebook  %zu tag", "Codebook  %zu tags", v->n), v->n);
	draw_header(w, label, true);
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
	listw_draw(&v->l, w, y, 1, codebook_row, &width);
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
		if (v->n) {
			char *from = util_strdup(v->names[v->l.sel]);
			char *to = from ? prompt_line(ui, "tag-rename", _("Rename the tag (an existing name merges):"),
			                              from, NULL, NULL) : NULL;
			char *err = NULL;
			if (to && *to && strcmp(to, from) != 0) {
				if (store_tag_rename(ui->st, from, to, &err) < 0) {
					ui_message(ui, true, "%s", err ? err : _("out of memory"));
				} else {
					codebook_view_open(ui);
					annotate_load(ui);
					ui_message(ui, false, _("\xe2\x80\x9c%s\xe2\x80\x9d is now \xe2\x80\x9c%s\xe2\x80\x9d"), from, to);
				}
			}
			free(err);
			free(from);
			free(to);
		}
		return true;
	case UI_ACTION_DELETE:
		if (v->n) {
			char *name = util_strdup(v->names[v->l.sel]), *err = NULL;
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
		if (v->n)
			open_annotations(ui, -1);
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
	        "codebook.focus=%s\ncodebook.bar=%zu\n",
	        view_is_open(ui, &codebook_view_ops), cb.n, cb.series.n,
	        (long long)cb.series.undated, cb.in_chart ? "chart" : "list", cb.bar);
}

static size_t codebook_view_entries(struct ui *ui)
{
	(void)ui;
	return cb.n;
}

const struct view_ops codebook_view_ops = {
	.entries = codebook_view_entries,
	.name = N_("codebook"),
	.draw = codebook_view_draw,
	.key = codebook_view_key,
	.close = codebook_view_close,
	.keeps_esc = true,   /* Esc leaves the chart first */
};
