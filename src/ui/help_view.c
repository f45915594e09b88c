/*
 * help_view.c: the help screen, generated from the action table and the key
 * bindings (actions.h), so it always says what the keys do.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/util.h"
#include "ui.h"

/* "j, Down" for an action: every key bound to it. */
static char *keys_for(enum ui_action a)
{
	struct buf b = { 0 };
	for (unsigned i = 0; i < ui_binding_count; i++) {
		if (ui_bindings[i].action != a || !ui_bindings[i].label)
			continue;  /* unlabelled: another spelling of a listed key */
		if (b.len)
			buf_puts(&b, ", ");
		buf_puts(&b, ui_bindings[i].label);
	}
	return buf_steal(&b);
}

void help_view_draw(struct ui *ui, WINDOW *w)
{
	int width = getmaxx(w), height = getmaxy(w);
	werase(w);
	draw_header(w, "Help: keys (q or ? closes)", true);
	int key_w = 22;
	if (key_w > width / 2)
		key_w = width / 2;
	/* G asks for the end: show the last page, not a last line alone. */
	size_t rows = height > 1 ? (size_t)height - 1 : 1;
	if (ui->help_top + rows > UI_ACTION_COUNT - 1)
		ui->help_top = UI_ACTION_COUNT - 1 > rows ? UI_ACTION_COUNT - 1 - rows : 0;
	int y = 1;
	size_t line = 0;
	for (int a = 1; a < UI_ACTION_COUNT && y < height; a++, line++) {
		if (line < ui->help_top)
			continue;
		char *keys = keys_for((enum ui_action)a);
		draw_set_role(w, ROLE_TITLE);
		draw_str(w, y, 1, keys ? keys : "", key_w - 1);
		draw_set_role(w, ROLE_NORMAL);
		draw_str(w, y, key_w + 1, ui_action_table[a].help, width - key_w - 2);
		free(keys);
		y++;
	}
	if (y + 1 < height) {
		draw_set_role(w, ROLE_DIM);
		draw_str(w, y + 1, 1, "In the list, Enter opens an article; in the text, j and k move "
		         "the reading cursor by sentence.", width - 2);
		draw_set_role(w, ROLE_NORMAL);
	}
}

bool help_view_handle(struct ui *ui, enum ui_action a)
{
	switch (a) {
	case UI_ACTION_QUIT:
	case UI_ACTION_HELP:
		ui->help_open = false;
		return true;
	case UI_ACTION_DOWN:
		if (ui->help_top + 1 < UI_ACTION_COUNT - 1)
			ui->help_top++;
		return true;
	case UI_ACTION_UP:
		if (ui->help_top > 0)
			ui->help_top--;
		return true;
	case UI_ACTION_FIRST:
		ui->help_top = 0;
		return true;
	case UI_ACTION_LAST:
		ui->help_top = UI_ACTION_COUNT;  /* clamped when drawn */
		return true;
	case UI_ACTION_REDRAW:
		return false;
	default:
		return true;  /* other keys do nothing while the help is open */
	}
}
