/*
 * config_apply.c: what the reader takes from the configuration file.
 *
 * The names a configuration may use (views, actions, colour elements) come
 * from here, so the parser (src/config.c) checks lines against the
 * reader's own tables.  The bindings in force are the defaults of
 * ui_bindings[] with the file's bind and unbind lines over them, per view.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/config.h"
#include "ui.h"

/* Element names of the colour roles, in the order of enum ui_role. */
const char *const ui_role_names[ROLE_COUNT + 1] = {
	"normal", "header", "header-focus", "selected", "cursor", "title", "heading", "dim",
	"status", "error", "mention", "hit", "annot", "annot-yellow", "annot-blue", "annot-red",
	"annot-magenta", "selection", NULL
};

static const char *view_list[UI_VIEW_COUNT + 1];
static const char *action_list[UI_ACTION_COUNT];

const struct config_names *ui_config_names(void)
{
	static struct config_names names;
	if (!names.views) {
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
