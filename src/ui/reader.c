/*
 * reader.c: the actions of the whole reader, whichever view is in focus:
 * annotating, linking, searching, moving between articles and places,
 * the focus and the zoom, quitting.  An action comes here when the view
 * in focus (view.c: the top view, else the focused pane) did not take it.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdlib.h>

#include "margo/config.h"
#include "margo/util.h"
#include "ui.h"
#include "text_pane.h"

/* Cycle focus through the visible panes. */
static void move_focus(struct ui *ui, int dir)
{
	int p = ui->focus;
	for (int i = 0; i < LAYOUT_PANES; i++) {
		p = (p + dir + LAYOUT_PANES) % LAYOUT_PANES;
		if (layout_visible(&ui->layout, (enum layout_pane)p))
			break;
		/* On a one-pane screen the hidden panes can still take focus:
		 * the layout then shows them. */
		if (ui->zoom || (ui->cols >= LAYOUT_MIN_COLS && ui->cols < 40 && p != LAYOUT_SIDE))
			break;
	}
	if (ui->focus != (enum layout_pane)p) {
		ui->focus = (enum layout_pane)p;
		ui_relayout(ui);
	}
}

/* Whether to quit from the three panes: asked first when a selection
 * or a link begun with L would be lost. */
static bool quit_confirmed(struct ui *ui)
{
	if (!config_options()->confirm_quit)
		return true;  /* set confirm-quit off */
	/* One whole question for each set of things that would be lost:
	 * bit 1 the note not saved, 2 the selection, 4 the link begun. */
	static const char *const questions[8] = {
		NULL,
		N_("quit? the note not saved will be lost (y/n)"),
		N_("quit? the selection will be lost (y/n)"),
		N_("quit? the note not saved and the selection will be lost (y/n)"),
		N_("quit? the link begun with L will be lost (y/n)"),
		N_("quit? the note not saved and the link begun with L will be lost (y/n)"),
		N_("quit? the selection and the link begun with L will be lost (y/n)"),
		N_("quit? the note not saved, the selection and the link begun with L will be "
		   "lost (y/n)"),
	};
	int lost = (annotate_has_unsaved() ? 1 : 0) | (text_pane_state(ui)->selecting ? 2 : 0) |
	           (link_pending() ? 4 : 0);
	if (lost == 0)
		return true;
	if (prompt_yes(ui, _(questions[lost])))
		return true;
	ui_message(ui, false, _("not quitting"));
	return false;
}

/* = and Ctrl-G, as in less and vi: where the reader is. */
static void where(struct ui *ui)
{
	const struct text_state *t = text_pane_state(ui);
	size_t n = t->art.n_sentences, at = n ? t->cursor + 1 : 0;
	int pct = n ? (int)(at * 100 / n) : 100;
	const char *file = t->art.origin && *t->art.origin ? t->art.origin : t->art.key;
	if (t->index >= 0)
		ui_message(ui, false, _("article %lld of %lld · sentence %zu of %zu (%d%%) · %s"),
		           (long long)t->index + 1, (long long)list_pane_count(ui), at, n, pct,
		           file ? file : "");
	else
		ui_message(ui, false, _("article not in the list as filtered · sentence %zu of %zu "
		                        "(%d%%) · %s"), at, n, pct, file ? file : "");
}

void reader_action(struct ui *ui, enum ui_action a)
{
	switch (a) {
	case UI_ACTION_SELECT_MENTION:
		if (ui->focus != LAYOUT_TEXT) {
			ui->focus = LAYOUT_TEXT;
			ui_relayout(ui);
		}
		annotate_select_mention(ui);
		return;
	case UI_ACTION_SELECT:
	case UI_ACTION_ANNOTATE:
		if (ui->focus != LAYOUT_TEXT) {
			ui->focus = LAYOUT_TEXT;  /* annotations are made in the text */
			ui_relayout(ui);
		}
		if (a == UI_ACTION_SELECT)
			annotate_start_selection(ui);
		else
			annotate_selection(ui);
		return;
	case UI_ACTION_ANNOTATIONS:
		annot_view_open(ui);
		return;
	case UI_ACTION_LINK:
		if (ui->focus != LAYOUT_TEXT) {
			ui->focus = LAYOUT_TEXT;
			ui_relayout(ui);
		}
		link_here(ui);
		return;
	case UI_ACTION_FOLLOW:
		link_follow(ui);
		return;
	case UI_ACTION_UNLINK:
		link_remove(ui);
		return;
	case UI_ACTION_CODEBOOK:
		codebook_view_open(ui);
		return;
	case UI_ACTION_COLOR:
	case UI_ACTION_RETAG:
	case UI_ACTION_NOTE_INLINE:
	case UI_ACTION_NOTE: {
		bool asked;
		const struct annot_span *at = annotate_choose(ui, false, false, &asked);
		if (!at) {
			ui_message(ui, false, asked ? _("nothing changed")
			           : _("no annotation at the cursor: a annotates, A lists them"));
			return;
		}
		char *id = util_strdup(at->id), *note = util_strdup(at->note);
		char *tags = a == UI_ACTION_RETAG ? util_strdup(at->tags) : NULL;
		if (id && a == UI_ACTION_COLOR)
			annotate_color(ui, id);
		else if (id && a == UI_ACTION_RETAG)
			annotate_retag(ui, id, tags ? tags : "");
		else if (id && note && a == UI_ACTION_NOTE)
			editor_edit_note(ui, id, note);
		else if (id && note)
			annotate_note_inline(ui, id, note);
		free(id);
		free(note);
		free(tags);
		annotate_load(ui);
		return;
	}
	case UI_ACTION_DELETE:
		if (ui->focus != LAYOUT_LIST)
			annotate_delete_here(ui);
		return;
	case UI_ACTION_UNDO:
	case UI_ACTION_REDO:
		annotate_undo(ui, a == UI_ACTION_REDO);
		return;
	case UI_ACTION_SEARCH:
	case UI_ACTION_NEXT_HIT:
	case UI_ACTION_PREV_HIT:
		if (a == UI_ACTION_SEARCH && ui->focus == LAYOUT_LIST) {
			list_pane_filter_prompt(ui);  /* the titles of the list */
			return;
		}
		if (!text_pane_state(ui)->loaded)
			return;
		if (ui->focus != LAYOUT_TEXT) {
			ui->focus = LAYOUT_TEXT;  /* the search is in the text */
			ui_relayout(ui);
		}
		if (a == UI_ACTION_SEARCH)
			find_prompt(ui);
		else
			find_next(ui, a == UI_ACTION_NEXT_HIT ? 1 : -1);
		return;
	case UI_ACTION_SEARCH_CORPUS:
		results_prompt(ui);
		return;
	case UI_ACTION_RELATED:
		results_for_cursor(ui);
		return;
	case UI_ACTION_NEXT_ARTICLE:
	case UI_ACTION_PREV_ARTICLE:
		reading_step(ui, a == UI_ACTION_NEXT_ARTICLE ? 1 : -1, false);
		return;
	case UI_ACTION_TOGGLE_READ:
		reading_toggle(ui);
		return;
	case UI_ACTION_BACK:
		jump_back(ui);
		return;
	case UI_ACTION_FORWARD:
		jump_forward(ui);
		return;
	case UI_ACTION_NEXT_MENTION:
	case UI_ACTION_PREV_MENTION:
		if (text_pane_state(ui)->art.n_sentences)
			jump_step_mention(ui, a == UI_ACTION_NEXT_MENTION ? 1 : -1);
		return;
	case UI_ACTION_CLOSE:
		if (link_pending()) {  /* a link begun with L */
			link_cancel(ui);
			ui_message(ui, false, _("link cancelled"));
		}
		return;
	case UI_ACTION_QUIT:
		ui->quit = quit_confirmed(ui);
		return;
	case UI_ACTION_HELP:
		help_view_open(ui);
		return;
	case UI_ACTION_NEXT_PANE:
		move_focus(ui, 1);
		return;
	case UI_ACTION_PREV_PANE:
		move_focus(ui, -1);
		return;
	case UI_ACTION_REDRAW:
		clearok(curscr, TRUE);
		return;
	case UI_ACTION_WHERE:
		where(ui);
		return;
	case UI_ACTION_ZOOM:
		ui->zoom = !ui->zoom;
		ui_relayout(ui);
		return;
	default:
		break;
	}
}
