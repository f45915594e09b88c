/*
 * view.c: the views opened over the panes, on a stack.
 *
 * A view is a `struct view_ops`: its name on the status line, how it
 * draws, how it takes an action, how it frees its state.  The three panes
 * (the list, the text, the sidebar) are views that are always there,
 * beneath the stack; the others (the mentions, the search or related
 * results, the annotations, the codebook, the help) open on the stack.
 * An action goes to the view in focus: the top of the stack first, then
 * the views beneath it, then the focused pane.
 * Opening a view closes the one open before (one view at a time over the
 * text), except a view that opens over it (the help), which goes on top and
 * gives the screen back to it when closed.  q closes the top view, and Esc
 * too unless the view keeps it; both are handled here, for every view.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <string.h>

#include "ui.h"

static const struct view_ops *const panes[LAYOUT_PANES] = {
	[LAYOUT_LIST] = &list_pane_ops,
	[LAYOUT_TEXT] = &text_pane_ops,
	[LAYOUT_SIDE] = &side_pane_ops,
};

const struct view_ops *view_pane(enum layout_pane p)
{
	return panes[p < LAYOUT_PANES ? p : LAYOUT_TEXT];
}

const struct view_ops *view_focused(const struct ui *ui)
{
	const struct view_ops *v = view_top(ui);
	return v ? v : view_pane(ui->focus);
}

const struct view_ops *view_top(const struct ui *ui)
{
	return ui->views.n ? ui->views.v[ui->views.n - 1] : NULL;
}

bool view_is_open(const struct ui *ui, const struct view_ops *ops)
{
	for (size_t i = 0; i < ui->views.n; i++)
		if (ui->views.v[i] == ops)
			return true;
	return false;
}

void view_close(struct ui *ui, const struct view_ops *ops)
{
	struct view_stack *s = &ui->views;
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i] != ops)
			continue;
		memmove(&s->v[i], &s->v[i + 1], (s->n - i - 1) * sizeof *s->v);
		s->n--;
		break;
	}
	if (ops->close)
		ops->close(ui);  /* its state is freed even when it was not shown */
}

void view_close_all(struct ui *ui)
{
	while (ui->views.n)
		view_close(ui, view_top(ui));
}

void view_open(struct ui *ui, const struct view_ops *ops)
{
	if (view_is_open(ui, ops))
		return;  /* opened again: it reads its state anew, in place */
	if (!ops->over)
		view_close_all(ui);  /* one view at a time */
	struct view_stack *s = &ui->views;
	if (s->n == VIEW_DEPTH)
		view_close(ui, s->v[0]);
	s->v[s->n++] = ops;
}

bool view_key(struct ui *ui, enum ui_action a)
{
	for (size_t i = ui->views.n; i-- > 0;) {
		const struct view_ops *v = ui->views.v[i];
		if (i + 1 == ui->views.n &&
		    (a == UI_ACTION_QUIT || (a == UI_ACTION_CLOSE && !v->keeps_esc))) {
			view_close(ui, v);
			return true;
		}
		if (v->key(ui, a))
			return true;
		if (i > ui->views.n)
			return false;  /* the view changed the stack */
	}
	if (ui->layout.too_small)
		return false;
	return view_pane(ui->focus)->key(ui, a);
}

bool view_covers(const struct ui *ui, enum layout_pane p)
{
	const struct view_ops *v = view_top(ui);
	return v && (p != LAYOUT_LIST || v->over);
}

void view_draw(struct ui *ui)
{
	const struct view_ops *v = view_top(ui);
	if (!v)
		return;
	/* Views cover the text and the sidebar (or the one pane); a view
	 * opened over them (the help), the whole screen. */
	WINDOW *w = ui->win[LAYOUT_TEXT] ? ui->win[LAYOUT_TEXT] : ui->win[LAYOUT_LIST];
	int x = w == ui->win[LAYOUT_TEXT] && !v->over ? ui->layout.pane[LAYOUT_TEXT].x : 0;
	WINDOW *vw = newwin(ui->lines - 1, ui->cols - x, 0, x);
	if (vw) {
		v->draw(ui, vw);
		wnoutrefresh(vw);
		delwin(vw);
	}
}

void view_draw_all(struct ui *ui)
{
	for (int p = 0; p < LAYOUT_PANES; p++) {
		WINDOW *w = ui->win[p];
		if (!w || view_covers(ui, (enum layout_pane)p))
			continue;
		panes[p]->draw(ui, w);
		wnoutrefresh(w);
	}
	view_draw(ui);
	if (ui->views.line)
		ui->views.line->draw(ui, ui->status_win);
	else
		status_line_draw(ui);
	wnoutrefresh(ui->status_win);
}

const struct view_ops *view_line(struct ui *ui, const struct view_ops *ops)
{
	const struct view_ops *was = ui->views.line;
	ui->views.line = ops;
	return was;
}

const char *view_title(struct ui *ui)
{
	const struct view_ops *v = view_focused(ui);
	/* The name is shown in the user's language; the configuration's view
	 * names (ui_view_names) stay as they are. */
	return v->title ? v->title(ui) : _(v->name);
}

bool view_status(struct ui *ui, struct buf *b)
{
	const struct view_ops *v = view_top(ui);
	if (!v || !v->status)
		v = &text_pane_ops;  /* where the reading is, whatever the focus */
	if (!v->status)
		return false;
	v->status(ui, b);
	return true;
}

void view_place(struct ui *ui, struct ui_place *p)
{
	/* The view under the help, if the help is open over it. */
	for (size_t i = 0; i < ui->views.n; i++)
		if (ui->views.v[i]->place) {
			ui->views.v[i]->place(ui, p);
			return;
		}
}
