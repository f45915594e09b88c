/*
 * status_line.c: the bottom line: where you are (article n of N, the pane,
 * paragraph and sentence, how far through the text), or a message.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/util.h"
#include "ui.h"
#include "keymap.h"
#include "text_pane.h"

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = util_vprintf(fmt, ap);
	va_end(ap);
	free(ui->message);
	ui->message = msg;
	ui->message_is_error = error;
}

/* "article 2/5 · text · ¶ 3/9 · sentence 5/40 · 34%" */
static void position(struct ui *ui, struct buf *b)
{
	const struct text_state *t = text_pane_state(ui);
	const struct view_ops *top = view_top(ui);
	const char *pane = view_title(ui);
	if (ui->focus == LAYOUT_LIST && top != &help_view_ops)
		buf_printf(b, _("article %lld/%lld"), (long long)(list_pane_count(ui) ? list_pane_cursor(ui) + 1 : 0),
		           (long long)list_pane_count(ui));
	else if (t->loaded)
		buf_printf(b, _("article %lld/%lld"), (long long)t->index + 1, (long long)list_pane_count(ui));
	else
		buf_printf(b, _("article 0/%lld"), (long long)list_pane_count(ui));
	buf_printf(b, " \xc2\xb7 %s", pane);
	if (count_pending()) {
		buf_puts(b, " \xc2\xb7 ");
		buf_printf(b, _("count %lld"), (long long)count_pending());
	}
	char *keys = ui_keymap_pending_keys();
	if (keys) {
		/* A sequence begun waits for its next key: say which keys
		 * were typed, as vim's showcmd does. */
		buf_puts(b, " \xc2\xb7 ");
		/* TRANSLATORS: the keys of a sequence begun ("keys g"), waiting
		 * for the next one. */
		buf_printf(b, _("keys %s"), keys);
		free(keys);
	}
	if (ui->readonly) {
		buf_puts(b, " \xc2\xb7 ");
		buf_puts(b, _("read-only"));
	}
	if (link_pending()) {
		buf_puts(b, " \xc2\xb7 ");
		buf_puts(b, _("linking (Esc cancels)"));
	}
	view_status(ui, b);  /* the view's own, else the text's */
}

void status_line_draw(struct ui *ui)
{
	WINDOW *w = ui->status_win;
	int width = getmaxx(w);
	werase(w);
	draw_set_role(w, ROLE_STATUS);
	draw_fill(w, 0, 0);
	struct buf b = { 0 };
	position(ui, &b);
	int left = 0;
	if (b.data)
		left = draw_str(w, 0, 1, b.data, width - 2) + 2;
	buf_free(&b);
	if (ui->message) {
		/* The message takes the right-hand side, or the whole line when
		 * it does not fit beside the position. */
		int mw = text_width(ui->message, strlen(ui->message));
		int x = width - mw - 1;
		if (x < left + 2) {
			draw_fill(w, 0, 0);
			x = 1;
		}
		draw_set_role(w, ui->message_is_error ? ROLE_ERROR : ROLE_STATUS);
		draw_str(w, 0, x, ui->message, width - x - 1);
	} else {
		const char *hint = _("? for help");
		int hw = text_width(hint, strlen(hint));
		if (width - left > hw + 2)
			draw_str(w, 0, width - hw - 1, hint, hw);
	}
	draw_set_role(w, ROLE_NORMAL);
}
