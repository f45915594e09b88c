/*
 * prompt.c: asking for a line of text, or one choice, on the status line.
 *
 * The prompt reads keys itself (so scripts drive it like any other key),
 * keeps drawing the screen on a resize, and treats a lost terminal like
 * Esc.  What the user types is shown through the sanitiser like any text.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "margo/util.h"
#include "ui.h"

#define DRAFT_MS 2000  /* a draft is saved this often while typing */

/* Draw "question text_" on the status line, the end of the text visible. */
static void draw_prompt(struct ui *ui, const char *question, const struct buf *typed)
{
	/* A note's new lines show as "↵" on the one line there is. */
	struct buf shown = { 0 }, *b = &shown;
	for (size_t i = 0; i < typed->len; i++) {
		if (typed->data[i] == '\n')
			buf_puts(&shown, "\xe2\x86\xb5");
		else
			buf_append(&shown, typed->data + i, 1);
	}
	ui_draw_all(ui);
	WINDOW *w = ui->status_win;
	if (!w) {
		buf_free(&shown);
		return;
	}
	int width = getmaxx(w);
	werase(w);
	draw_set_role(w, ROLE_STATUS);
	draw_fill(w, 0, 0);
	/* The question gets what the answer does not need (at least half). */
	int answer = b->len ? text_width(b->data, b->len) + 2 : 2;
	int qmax = width - 2 - answer > width / 2 ? width - 2 - answer : width / 2;
	int x = 1 + draw_str(w, 0, 1, question, qmax);
	const char *text = b->data ? b->data : "";
	size_t len = b->len;
	/* Show the tail when the text is wider than the room left. */
	while (len && text_width(text, len) > width - x - 2) {
		size_t next = text_grapheme_next(text, len, 0);
		text += next;
		len -= next;
	}
	x += draw_text(w, 0, x + 1, text, len, width - x - 2) + 1;
	draw_str(w, 0, x, "_", 1);
	draw_set_role(w, ROLE_NORMAL);
	wnoutrefresh(w);
	doupdate();
	buf_free(&shown);
}

/* Remove the last code point. */
static void erase_last(struct buf *b)
{
	while (b->len > 0) {
		unsigned char c = (unsigned char)b->data[--b->len];
		if ((c & 0xc0) != 0x80)
			break;
	}
	if (b->data)
		b->data[b->len] = '\0';
}

/* Elapsed milliseconds on a monotonic clock. */
static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/*
 * The prompt's loop.  With a draft function, what is typed is handed to it
 * every DRAFT_MS while it changes, and once more when margo is told to end
 * (a signal, or a terminal that is gone), so nothing typed is lost.
 */
static char *prompt_run(struct ui *ui, const char *question, const char *initial,
                        prompt_changed_fn changed, void *ctx, prompt_changed_fn draft,
                        void *draft_ctx, prompt_complete_fn complete, bool multiline)
{
	struct buf b = { 0 };
	if (initial)
		buf_puts(&b, initial);
	size_t seen = (size_t)-1;
	long saved_at = now_ms();
	bool dirty = false;
	int quick = 0;
	for (;;) {
		/* Tell the caller what is typed so far, as it changes. */
		if (changed && b.len != seen) {
			changed(ui, b.data ? b.data : "", ctx);
			seen = b.len;
		}
		if (draft && dirty && now_ms() - saved_at >= DRAFT_MS) {
			draft(ui, b.data ? b.data : "", draft_ctx);
			saved_at = now_ms();
			dirty = false;
		}
		if (ui_exit_requested(ui)) {
			if (draft && b.len)
				draft(ui, b.data, draft_ctx);
			break;
		}
		draw_prompt(ui, question, &b);
		long t0 = now_ms();
		int key = input_next_key(ui);
		if (key == -2 || key == 27 || key == ('g' & 0x1f) || key == ('c' & 0x1f))
			break;
		if (key == ERR) {
			/* ERR at once, again and again: the terminal is gone. */
			if (!ui->script && now_ms() - t0 < 5 && ++quick > 50)
				ui->gone = true;
			continue;
		}
		quick = 0;
		if (key == UI_FN(KEY_RESIZE)) {
			ui_relayout(ui);
		} else if (key == '\n' && multiline) {
			buf_puts(&b, "\n");  /* Ctrl-J: a new line of the note */
			dirty = true;
		} else if (key == '\r' || key == '\n' || key == UI_FN(KEY_ENTER)) {
			if (!b.data && buf_puts(&b, "") < 0)
				break;
			return buf_steal(&b);
		} else if (key == UI_FN(KEY_BACKSPACE) || key == 127 || key == ('h' & 0x1f)) {
			erase_last(&b);
			dirty = true;
		} else if (key == ('u' & 0x1f)) {
			buf_reset(&b);
			seen = (size_t)-1;
			dirty = true;
		} else if (key == '\t' && complete) {
			char *more = complete(ui, b.data ? b.data : "");
			if (more) {
				buf_reset(&b);
				buf_puts(&b, more);
				free(more);
				dirty = true;
			}
		} else if (key >= 0x20 && key < 0x110000 && key != 127) {
			char mb[8];
			mbstate_t st;
			memset(&st, 0, sizeof st);
			size_t n = wcrtomb(mb, (wchar_t)key, &st);
			if (n != (size_t)-1)
				buf_append(&b, mb, n);
			dirty = true;
		}
	}
	buf_free(&b);
	return NULL;
}

char *prompt_line(struct ui *ui, const char *question, const char *initial,
                  prompt_changed_fn changed, void *ctx)
{
	return prompt_run(ui, question, initial, changed, ctx, NULL, NULL, NULL, false);
}

char *prompt_line_drafted(struct ui *ui, const char *question, const char *initial,
                          prompt_changed_fn draft, void *ctx, prompt_complete_fn complete)
{
	return prompt_run(ui, question, initial, NULL, NULL, draft, ctx, complete, false);
}

char *prompt_text_drafted(struct ui *ui, const char *question, const char *initial,
                          prompt_changed_fn draft, void *ctx)
{
	return prompt_run(ui, question, initial, NULL, NULL, draft, ctx, NULL, true);
}

int prompt_choice(struct ui *ui, const char *question, const char *choices)
{
	struct buf none = { 0 };
	for (;;) {
		draw_prompt(ui, question, &none);
		int key = input_next_key(ui);
		if (key == -2 || key == 27 || key == ('g' & 0x1f) || key == ('c' & 0x1f) ||
		    ui_exit_requested(ui))
			return 0;
		if (key == UI_FN(KEY_RESIZE))
			ui_relayout(ui);
		else if (key > 0 && key < 128 && strchr(choices, key | 0x20))
			return key | 0x20;
	}
}
