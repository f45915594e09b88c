/*
 * config_apply.c: what the reader takes from the configuration file.
 *
 * The names a configuration may use (views, actions, colour elements) come
 * from here, so the parser (src/config.c) checks lines against the
 * reader's own tables.  The bindings in force are the defaults of
 * the action list (actions.h) with the file's bind and unbind lines over them,
 * per view.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/config.h"
#include "margo/util.h"
#include "ui.h"
#include "config_apply.h"
#include "keymap.h"

/* Element names of the colour roles, in the order of enum ui_role. */
const char *const ui_role_names[ROLE_COUNT + 1] = {
	"normal", "header", "header-focus", "selected", "cursor", "title", "heading", "dim",
	"status", "error", "mention", "hit", "annot", "annot-yellow", "annot-blue", "annot-red",
	"annot-magenta", "selection", NULL
};

static const char *view_list[UI_VIEW_COUNT + 1];
static const char *action_list[UI_ACTION_COUNT];

/* The views an action works in, when `view` is not one of them. */
static char *action_views(const char *view, const char *action)
{
	for (int a = 1; a < UI_ACTION_COUNT; a++) {
		if (strcmp(ui_action_table[a].name, action) != 0)
			continue;
		struct buf b = { 0 };
		bool here = false;
		for (int v = 0; v < UI_VIEW_COUNT; v++) {
			if (!ui_action_in_view((enum ui_action)a, (enum ui_view)v))
				continue;
			if (strcmp(ui_view_names[v], view) == 0)
				here = true;
			buf_printf(&b, "%s%s", b.len ? ", " : "", ui_view_names[v]);
		}
		if (here || !b.data) {
			buf_free(&b);
			return NULL;
		}
		return buf_steal(&b);
	}
	return NULL;
}

const struct config_names *ui_config_names(void)
{
	static struct config_names names;
	if (!names.views) {
		names.action_views = action_views;
		for (int v = 0; v < UI_VIEW_COUNT; v++)
			view_list[v] = ui_view_names[v];
		for (int a = 1; a < UI_ACTION_COUNT; a++)
			action_list[a - 1] = ui_action_table[a].name;
		names.views = view_list;
		names.actions = action_list;
		names.elements = ui_role_names;
	}
	return &names;
}

void ui_config_report(struct ui *ui)
{
	const struct config *c = config_current();
	if (!c || !c->n_errors)
		return;
	/* How many, and the first (they were all printed on standard error
	 * before the screen started; margo keys prints them again). */
	const char *first = c->errors[0];
	/* The file's own name is enough here: the folder takes the room. */
	const char *colon = strstr(first, ": ");
	for (const char *p = first; colon && p < colon; p++)
		if (*p == '/')
			first = p + 1;
	ui_message(ui, true, ngettext("config: %zu error (all on standard error): %s",
	                              "config: %zu errors (all on standard error): %s", c->n_errors),
	           c->n_errors, first);
}

/* Colour pairs of the configuration: after the ones draw.c uses. */
#define FIRST_PAIR 32

static short terminal_color(int c)
{
	if (c == CONFIG_COLOR_DEFAULT)
		return -1;
	if (c >= COLORS)
		c = c < 16 ? c - 8 : c % 8;  /* bright-red on 8 colours: red */
	return (short)c;
}

void ui_config_colors(attr_t *role_attr)
{
	const struct config *c = config_current();
	for (size_t i = 0; c && i < c->n_colors; i++) {
		const struct config_color *col = &c->colors[i];
		int role = -1;
		for (int r = 0; r < ROLE_COUNT; r++)
			if (strcmp(ui_role_names[r], col->element) == 0)
				role = r;
		if (role < 0)
			continue;
		/* Each role its own pair: a later line for it replaces it. */
		short pair = (short)(FIRST_PAIR + role);
		if (pair >= COLOR_PAIRS)
			continue;
		init_pair(pair, terminal_color(col->fg), terminal_color(col->bg));
		attr_t a = COLOR_PAIR(pair);
		if (col->attrs & CONFIG_ATTR_BOLD)
			a |= A_BOLD;
		if (col->attrs & CONFIG_ATTR_UNDERLINE)
			a |= A_UNDERLINE;
		if (col->attrs & CONFIG_ATTR_REVERSE)
			a |= A_REVERSE;
		if (col->attrs & CONFIG_ATTR_DIM)
			a |= A_DIM;
		if (col->attrs & CONFIG_ATTR_ITALIC)
			a |= A_ITALIC;
		if (col->attrs & CONFIG_ATTR_STANDOUT)
			a |= A_STANDOUT;
		role_attr[role] = a;
	}
}
