/*
 * help_view.c: the help screen, generated from the action table and the key
 * bindings (actions.h), so it always says what the keys do: the actions of
 * the view beneath it first, then the others.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/text.h"
#include "margo/i18n.h"
#include "margo/util.h"
#include "ui.h"
#include "keymap.h"

/* The help's place: its rows when last drawn (n), the first shown (top);
 * it has no selection, the movements scroll it. */
static struct listw place = { .scroll_only = true };

const char *help_key_label(const char *label)
{
	/* TRANSLATORS: the names of keys in the help's column of keys, as
	 * they are written on the keyboards of the language (22 cells wide
	 * for all the keys of an action). */
	static const char *const names[] = {
		N_("Backspace"), N_("Delete"), N_("Down"), N_("End"), N_("Enter"), N_("Esc"),
		N_("Home"), N_("Left"), N_("PgDn"), N_("PgUp"), N_("Right"), N_("S-Tab"),
		N_("Space"), N_("Tab"), N_("Up"),
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(label, names[i]) == 0)
			return _(names[i]);
	return label;
}

/* "j, Down" for an action: every key bound to it in view v (the one
 * beneath the help), the configuration's bind and unbind lines counted
 * (keymap.c). */
static char *keys_for(enum ui_action a, enum ui_view v)
{
	return ui_keymap_labels(a, (int)v);
}

/* Draw (or only count, when w is NULL) the help's rows from row `top`:
 * an action's keys, then its description wrapped beside them; first the
 * actions of view `v` (the one beneath the help), then the others.
 * Returns the number of rows of the whole help. */
static size_t help_rows(WINDOW *w, int width, int height, size_t top, enum ui_view v)
{
	int key_w = 22;
	if (key_w > width / 2)
		key_w = width / 2;
	int desc_w = width - key_w - 2 > 1 ? width - key_w - 2 : 1;
	size_t row = 0;
	for (int k = 0; k < 2 * (UI_ACTION_COUNT - 1); k++) {
		int a = 1 + k % (UI_ACTION_COUNT - 1);
		if (ui_action_in_view((enum ui_action)a, v) != (k < UI_ACTION_COUNT - 1))
			continue;  /* first pass: this view's; second: the rest */
		const char *help = _(ui_action_table[a].help);
		struct text_line *lines = NULL;
		size_t n = 0;
		if (text_wrap(help, strlen(help), desc_w, &lines, &n) < 0 || n == 0) {
			free(lines);
			n = 0;
		}
		char *keys = w ? keys_for((enum ui_action)a, v) : NULL;
		for (size_t i = 0; i < (n ? n : 1); i++, row++) {
			int y = (int)(row - top) + 1;
			if (!w || row < top || y >= height)
				continue;
			if (i == 0) {
				draw_set_role(w, ROLE_TITLE);
				draw_str(w, y, 1, keys ? keys : "", key_w - 1);
				draw_set_role(w, ROLE_NORMAL);
			}
			if (n) {
				char *part = util_strndup(help + lines[i].start, lines[i].end - lines[i].start);
				draw_str(w, y, key_w + 1, part ? part : "", desc_w);
				free(part);
			}
		}
		free(keys);
		free(lines);
	}
	return row + 3;  /* a blank row and the closing hints */
}

static void help_view_draw(struct ui *ui, WINDOW *w)
{
	(void)ui;
	int width = getmaxx(w), height = getmaxy(w);
	werase(w);
	draw_header(w, _("Help: keys (q or ? closes)"), true);
	/* G asks for the end: show the last page, not a last line alone. */
	enum ui_view v = ui_view_in_focus(ui, true);
	place.n = help_rows(NULL, width, height, 0, v);
	listw_fit(&place, height > 1 ? (size_t)height - 1 : 1);
	help_rows(w, width, height, place.top, v);
	int y = (int)(place.n - 2 - place.top) + 1;
	draw_set_role(w, ROLE_DIM);
	if (y >= 1 && y < height)
		draw_str(w, y, 1, _("In the list Enter opens an article; in the text j and k move "
		           "by sentence."), width - 2);
	if (y + 1 >= 1 && y + 1 < height)
		draw_str(w, y + 1, 1, _("In a prompt: Left Right Home End, Ctrl-A/E/W/U/K edit; Up Down "
		           "give earlier entries; a paste goes in whole."), width - 2);
	draw_set_role(w, ROLE_NORMAL);
}

static bool help_view_key(struct ui *ui, enum ui_action a)
{
	/* A page keeps one row of the last in view; the window is kept on
	 * the last page when drawn. */
	size_t shown = place.page;
	place.page = shown > 1 ? shown - 1 : 1;
	bool moved = listw_move(&place, a, 0);
	place.page = shown;
	if (moved)
		return true;
	switch (a) {
	case UI_ACTION_HELP:
		view_close(ui, &help_view_ops);
		return true;
	case UI_ACTION_REDRAW:
		return false;
	default:
		return true;  /* other keys do nothing while the help is open */
	}
}

static void help_view_close(struct ui *ui)
{
	(void)ui;
}

/* The help opens over a view (the whole screen), and Esc does not close it. */
const struct view_ops help_view_ops = {
	.name = N_("help"),
	.draw = help_view_draw,
	.key = help_view_key,
	.close = help_view_close,
	.over = true,
	.keeps_esc = true,
};

void help_view_open(struct ui *ui)
{
	place.top = 0;
	view_open(ui, &help_view_ops);
}
