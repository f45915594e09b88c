/*
 * action.c: the table of actions (actions.h) and the one check of their
 * flags before they run.
 *
 * A writing action on a read-only library, an action that needs the open
 * article when none is open, and one that acts on the selected entry of a
 * list that shows none, are answered here with one message each, the same
 * for every key, instead of in each handler; and a count typed before an
 * action is for the actions that move, here too.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include "ui.h"

const struct ui_action_info ui_action_table[UI_ACTION_COUNT] = {
	[UI_ACTION_NONE] = { "none", 0, 0, "", "" },
#define UI_ACTION_INFO(id, name, views, flags, keys, help) \
	[UI_ACTION_##id] = { name, views, flags, keys, help },
	UI_ACTIONS(UI_ACTION_INFO)
#undef UI_ACTION_INFO
};

const char *const ui_view_names[UI_VIEW_COUNT] = {
	[UI_VIEW_LIST] = "list",
	[UI_VIEW_TEXT] = "text",
	[UI_VIEW_SIDE] = "side",
	[UI_VIEW_HELP] = "help",
	[UI_VIEW_MENTIONS] = "mentions",
	[UI_VIEW_RESULTS] = "results",
	[UI_VIEW_ANNOTATIONS] = "annotations",
	[UI_VIEW_CODEBOOK] = "codebook",
	[UI_VIEW_SELECT] = "select",
	[UI_VIEW_PROMPT] = "prompt",
};

enum ui_view ui_view_in_focus(const struct ui *ui, bool under_help)
{
	/* The top of the stack of views over the panes (view.c). */
	for (size_t i = ui->views.n; i-- > 0;) {
		const struct view_ops *o = ui->views.v[i];
		if (o == &help_view_ops) {
			if (under_help)
				continue;
			return UI_VIEW_HELP;
		}
		if (o == &mentions_view_ops)
			return UI_VIEW_MENTIONS;
		if (o == &results_view_ops)
			return UI_VIEW_RESULTS;
		if (o == &annot_view_ops)
			return UI_VIEW_ANNOTATIONS;
		if (o == &codebook_view_ops)
			return UI_VIEW_CODEBOOK;
	}
	switch (ui->focus) {
	case LAYOUT_LIST: return UI_VIEW_LIST;
	case LAYOUT_TEXT: return UI_VIEW_TEXT;
	default: return UI_VIEW_SIDE;
	}
}

bool ui_action_counted(enum ui_action a)
{
	return (ui_action_table[a].flags & UI_F_MOVES) != 0;
}

/* An action named to a person in a message: its description from the help
 * in the reader's language when that language has one (gettext hands back
 * the very string it was given when it has no translation), else its name,
 * which is English words already ("annotate"). */
static const char *action_shown(enum ui_action a)
{
	const char *help = ui_action_table[a].help;
	const char *shown = help ? _(help) : NULL;
	return shown && shown != help ? shown : ui_action_table[a].name;
}

bool ui_action_refused(struct ui *ui, enum ui_action a)
{
	unsigned flags = ui_action_table[a].flags;
	enum ui_view v = ui_view_in_focus(ui, false);
	/* The help takes every key for itself: nothing there writes. */
	if ((flags & UI_F_WRITES) && ui->readonly && v != UI_VIEW_HELP) {
		/* TRANSLATORS: %s is the action: its name in English, its
		 * description from the help in a translation. */
		ui_message(ui, true, _("read-only: the library cannot be written, so %s is not possible "
		           "(check its permissions, then start margo again)"), action_shown(a));
		return true;
	}
	/* In a view over the panes the action works on the view's entries. */
	bool in_pane = v == UI_VIEW_LIST || v == UI_VIEW_TEXT || v == UI_VIEW_SIDE;
	if ((flags & UI_F_NEEDS_ARTICLE) && in_pane && !text_pane_loaded(ui)) {
		/* TRANSLATORS: %s is the action: its name in English, its
		 * description from the help in a translation. */
		ui_message(ui, false, _("no article is open, so %s is not possible "
		           "(Enter in the list opens one)"), action_shown(a));
		return true;
	}
	/* A list with no entries has nothing selected to act on. */
	const struct view_ops *f = view_focused(ui);
	if ((flags & UI_F_NEEDS_SELECTION) && f->entries && f->entries(ui) == 0) {
		/* TRANSLATORS: the view, then the action: its name in English,
		 * its description from the help in a translation. */
		ui_message(ui, false, _("nothing selected: the %s view is empty, so %s is not possible"),
		           view_title(ui), action_shown(a));
		return true;
	}
	return false;
}
