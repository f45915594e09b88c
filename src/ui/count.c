/*
 * count.c: digits typed before an action that moves repeat it ("5j", "3J",
 * "2n": ui_action_counted()), and before g or G name the row to go to
 * ("500G"); the pending count shows on the status line, and Esc, or any
 * other action, forgets it.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include "ui.h"

/* Above this the count stops growing: more rows than any list holds. */
#define COUNT_MAX 100000000LL

bool count_key(struct ui *ui, int key)
{
	if (key < '0' || key > '9' || (key == '0' && !ui->count))
		return false;
	if (ui->count <= COUNT_MAX / 10)
		ui->count = ui->count * 10 + (key - '0');
	return true;
}

/* The pane the motion goes to: a view open on the text, or the focus. */
static bool in_list(const struct ui *ui)
{
	return ui->focus == LAYOUT_LIST && !view_top(ui);
}

void count_dispatch(struct ui *ui, enum ui_action a,
                    void (*dispatch)(struct ui *ui, enum ui_action a))
{
	int64_t n = ui->count;
	ui->count = 0;
	if (n == 0 || a == UI_ACTION_CLOSE) {
		if (n == 0)
			dispatch(ui, a);
		return;  /* Esc forgets the count */
	}
	if (!ui_action_counted(a)) {
		dispatch(ui, a);  /* no count for the actions that do not move */
		return;
	}
	if (in_list(ui) && (a == UI_ACTION_DOWN || a == UI_ACTION_UP || a == UI_ACTION_FIRST ||
	                    a == UI_ACTION_LAST)) {
		list_pane_move(ui, a, n);  /* at once, however many rows */
		return;
	}
	switch (a) {
	case UI_ACTION_FIRST:
	case UI_ACTION_LAST:
		/* The n-th entry: from the first, n - 1 steps down. */
		dispatch(ui, UI_ACTION_FIRST);
		a = UI_ACTION_DOWN;
		n--;
		break;
	default:
		break;
	}
	/* Each step as the pane takes it, up to the end of what it shows. */
	if ((a == UI_ACTION_DOWN || a == UI_ACTION_UP) && ui->focus == LAYOUT_TEXT &&
	    ui->text.loaded && !view_top(ui) && ui->text.art.n_sentences &&
	    n > (int64_t)ui->text.art.n_sentences)
		n = (int64_t)ui->text.art.n_sentences;
	if (n > 100000)
		n = 100000;
	for (int64_t i = 0; i < n && !ui->quit && !ui_exit_requested(ui); i++)
		dispatch(ui, a);
}
