/*
 * prompt.c: asking for a line of text, or one choice, on the status line.
 *
 * The prompt reads keys itself (so scripts drive it like any other key),
 * keeps drawing the screen on a resize, and treats a lost terminal like
 * Esc.  What the user types is shown through the sanitiser like any text.
 *
 * Editing has a cursor (Left/Right, Home/End, Ctrl-A/E/W/U/K, Delete), a
 * history a prompt (Up/Down, see prompt_history.c), all of them actions of
 * the prompt view that a configuration may bind again (actions.h), and takes a terminal's
 * bracketed paste in one piece.  Every step costs at most the text's
 * length (an insertion moves the bytes after it once), and drawing looks
 * only at the part of the text that is shown, so a long paste is instant;
 * while keys are waiting (a paste the terminal did not bracket) the
 * screen is not drawn between them.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <unictype.h>
#include <unistr.h>

#include "margo/lineread.h"
#include "margo/text.h"
#include "margo/util.h"
#include "ui.h"
#include "keymap.h"

#define DRAFT_MS 2000  /* a draft is saved this often while typing */

/* Append text[from, to) to `out`, a new line shown as "↵". */
static void shown_append(struct buf *out, const char *text, size_t from, size_t to)
{
	while (from < to) {
		const char *nl = memchr(text + from, '\n', to - from);
		size_t end = nl ? (size_t)(nl - text) : to;
		buf_append(out, text + from, end - from);
		if (!nl)
			break;
		buf_puts(out, "\xe2\x86\xb5");
		from = end + 1;
	}
}

/* Cells a slice takes as shown (a new line is one cell, "↵"). */
static int slice_cells(const char *text, size_t from, size_t to)
{
	return text_width(text + from, to - from);
}

/* What the prompt being drawn shows: the question, the text typed, the
 * cursor (a byte of it). */
struct prompt_shown {
	const char *question, *text;
	size_t len, cur;
};
static const struct prompt_shown *shown;

/*
 * The prompt as a view on the status line, w: "question text" with the
 * cursor at byte `cur`: a reversed "_" after the text, or the character
 * under it unreversed.  Only the graphemes around the cursor that fit are
 * measured.
 */
static void prompt_view_draw(struct ui *ui, WINDOW *w)
{
	(void)ui;
	if (!w || !shown)
		return;
	const char *question = shown->question, *text = shown->text;
	size_t len = shown->len, cur = shown->cur;
	int width = getmaxx(w);
	werase(w);
	draw_set_role(w, ROLE_STATUS);
	draw_fill(w, 0, 0);
	/* The question gets what the answer does not need (at least half). */
	int answer = len > (size_t)width * 8 ? width : (len ? slice_cells(text, 0, len) : 0) + 2;
	int qmax = width - 2 - answer > width / 2 ? width - 2 - answer : width / 2;
	int x = 1 + draw_str(w, 0, 1, question, qmax);
	int room = width - x - 2;  /* cells for the text and the cursor */
	if (room < 1) {
		draw_set_role(w, ROLE_NORMAL);
		return;
	}
	/* From the cursor back, as much as fits with the cursor's cell (and
	 * a "…" that says the text goes on to the left). */
	size_t s = cur;
	int used = 0;
	while (s > 0) {
		size_t p = text_grapheme_prev(text, len, s);
		int cw = slice_cells(text, p, s);
		if (used + cw > room - 1 - (p > 0))
			break;
		used += cw;
		s = p;
	}
	int col = x + 1;
	if (s > 0) {
		col += draw_str(w, 0, col, "\xe2\x80\xa6", 1);
		used++;
	}
	/* The cursor's grapheme, then forward while there is room. */
	size_t c_end = cur < len ? text_grapheme_next(text, len, cur) : cur;
	int cursor_cells = cur < len ? slice_cells(text, cur, c_end) : 1;
	if (cursor_cells < 1)
		cursor_cells = 1;
	size_t e = c_end;
	int after = used + cursor_cells;
	while (e < len) {
		size_t n = text_grapheme_next(text, len, e);
		int cw = slice_cells(text, e, n);
		if (after + cw > room - (n < len))
			break;
		after += cw;
		e = n;
	}
	struct buf part = { 0 };
	shown_append(&part, text, s, cur);
	if (part.len)
		col += draw_text(w, 0, col, part.data, part.len, room);
	buf_reset(&part);
	if (cur < len) {
		shown_append(&part, text, cur, c_end);
		draw_set_role(w, ROLE_NORMAL);
		col += draw_text(w, 0, col, part.data, part.len, width - col);
		draw_set_role(w, ROLE_STATUS);
		buf_reset(&part);
		shown_append(&part, text, c_end, e);
		if (part.len)
			col += draw_text(w, 0, col, part.data, part.len, width - col - 1);
		if (e < len)
			draw_str(w, 0, col, "\xe2\x80\xa6", 1);  /* it goes on */
	} else {
		draw_str(w, 0, col, "_", 1);
	}
	buf_free(&part);
	draw_set_role(w, ROLE_NORMAL);
}

/* The prompt's keys are read by its own loop below (prompt_run(),
 * prompt_choice()), which sees every key, the text's too: no action
 * reaches it. */
static bool prompt_view_key(struct ui *ui, enum ui_action a)
{
	(void)ui;
	(void)a;
	return true;
}

static const struct view_ops prompt_view_ops = {
	.name = "prompt",
	.draw = prompt_view_draw,
	.key = prompt_view_key,
};

/* Draw the screen with the prompt on the status line, drawn by the loop
 * like any view. */
static void draw_prompt(struct ui *ui, const char *question, const char *text, size_t len,
                        size_t cur)
{
	struct prompt_shown now = { question, text, len, cur };
	const struct prompt_shown *was = shown;
	shown = &now;
	const struct view_ops *below = view_line(ui, &prompt_view_ops);
	ui_draw_all(ui);
	view_line(ui, below);
	shown = was;
}

/* Insert n bytes at `at`. */
static int insert_at(struct buf *b, size_t at, const char *s, size_t n)
{
	size_t tail = b->len - at;
	if (buf_append(b, s, n) < 0)
		return -1;
	memmove(b->data + at + n, b->data + at, tail);
	memcpy(b->data + at, s, n);
	return 0;
}

/* Remove bytes [from, to). */
static void remove_range(struct buf *b, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(b->data + from, b->data + to, b->len - to);
	b->len -= to - from;
	b->data[b->len] = '\0';
}

/* Start of the word before `cur` (white space before it, then the word). */
static size_t word_start(const char *text, size_t cur)
{
	const uint8_t *u = (const uint8_t *)text;
	size_t p = cur;
	bool in_word = false;
	while (p > 0) {
		ucs4_t c;
		const uint8_t *prev = u8_prev(&c, u + p, u);
		if (!prev)
			return p - 1;
		bool space = uc_is_property_white_space(c);
		if (space && in_word)
			break;
		if (!space)
			in_word = true;
		p = (size_t)(prev - u);
	}
	return p;
}

/*
 * A paste made fit for the prompt: ill-formed bytes become U+FFFD, CR LF
 * and CR are a new line; a new line is itself in a note and a space in a
 * one-line prompt, a tab a space, other controls are dropped.
 */
static char *clean_paste(const char *raw, size_t len, bool multiline, size_t *out_len)
{
	size_t rlen, replaced;
	char *ok = utf8_repair(raw, len, &rlen, &replaced);
	if (!ok)
		return NULL;
	struct buf b = { 0 };
	const uint8_t *u = (const uint8_t *)ok;
	for (size_t i = 0; i < rlen;) {
		ucs4_t c;
		int n = u8_mbtouc(&c, u + i, rlen - i);
		if (n <= 0)
			n = 1;
		if (c == '\r' || c == '\n') {
			if (c == '\r' && i + 1 < rlen && u[i + 1] == '\n')
				n = 2;
			buf_putc(&b, multiline ? '\n' : ' ');
		} else if (c == '\t') {
			buf_putc(&b, ' ');
		} else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
			/* dropped */
		} else {
			buf_append(&b, u + i, (size_t)n);
		}
		i += (size_t)n;
	}
	free(ok);
	if (!b.data && buf_puts(&b, "") < 0)
		return NULL;
	*out_len = b.len;
	return buf_steal(&b);
}

/* Elapsed milliseconds on a monotonic clock. */
static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Whether the terminal has more keys waiting (then drawing can wait). */
static bool keys_waiting(const struct ui *ui)
{
	if (ui->script)
		return false;
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	return poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN);
}

/* Replace the text with `s`, the cursor at its end. */
static void set_text(struct buf *b, size_t *cur, const char *s)
{
	buf_reset(b);
	buf_puts(b, s);
	*cur = b->len;
}

/*
 * What a key does in a prompt: its binding in the prompt view (actions.h,
 * keymap.c).  Esc and Enter unbound there still cancel and take the line,
 * so that a prompt can always be left; a printable character unbound is
 * text.
 */
static enum ui_action prompt_action(int key)
{
	if (key < 0 || key == UI_FN(KEY_RESIZE) || key == UI_KEY_PASTE)
		return UI_ACTION_NONE;
	enum ui_action a = ui_keymap_mode_action(UI_VIEW_PROMPT, key);
	if (a != UI_ACTION_NONE)
		return a;
	if (key == 27)
		return UI_ACTION_PROMPT_CANCEL;
	if (key == '\r' || key == '\n' || key == UI_FN(KEY_ENTER))
		return UI_ACTION_PROMPT_ACCEPT;
	return UI_ACTION_NONE;
}

/*
 * The prompt's loop.  With a draft function, what is typed is handed to it
 * every DRAFT_MS while it changes, and once more when margo is told to end
 * (a signal, or a terminal that is gone), so nothing typed is lost.
 */
static char *prompt_run(struct ui *ui, const char *hist_name, const char *question,
                        const char *initial, prompt_changed_fn changed, void *ctx,
                        prompt_changed_fn draft, void *draft_ctx, prompt_complete_fn complete,
                        bool multiline)
{
	struct buf b = { 0 };
	if (buf_puts(&b, initial ? initial : "") < 0)
		return NULL;
	size_t cur = b.len;
	struct prompt_history hist = { 0 };
	if (hist_name)
		prompt_history_load(hist_name, &hist);
	size_t hpos = hist.n;      /* hist.n: the line being typed */
	char *pending = NULL;      /* that line, while looking at older ones */
	unsigned long version = 0, seen = (unsigned long)-1;
	long saved_at = now_ms();
	bool dirty = false;
	int quick = 0;
	char *result = NULL;
	for (;;) {
		if (draft && dirty && now_ms() - saved_at >= DRAFT_MS) {
			draft(ui, b.data, draft_ctx);
			saved_at = now_ms();
			dirty = false;
		}
		if (ui_exit_requested(ui)) {
			if (draft && b.len)
				draft(ui, b.data, draft_ctx);
			break;
		}
		if (!keys_waiting(ui)) {
			/* Tell the caller what is typed so far, as it changes. */
			if (changed && version != seen) {
				changed(ui, b.data, ctx);
				seen = version;
			}
			draw_prompt(ui, question, b.data, b.len, cur);
		}
		long t0 = now_ms();
		int key = input_next_key(ui);
		enum ui_action a = prompt_action(key);
		if (key == -2 || a == UI_ACTION_PROMPT_CANCEL)
			break;
		if (key == ERR) {
			/* ERR at once, again and again: the terminal is gone. */
			if (!ui->script && now_ms() - t0 < 5 && ++quick > 50)
				ui->gone = true;
			continue;
		}
		quick = 0;
		size_t len0 = b.len;
		if (key == UI_FN(KEY_RESIZE)) {
			ui_relayout(ui);
		} else if (key == UI_KEY_PASTE) {
			size_t rn, n;
			char *raw = input_read_paste(ui, &rn);
			char *clean = raw ? clean_paste(raw, rn, multiline, &n) : NULL;
			if (clean && insert_at(&b, cur, clean, n) == 0)
				cur += n;
			free(raw);
			free(clean);
			version++;
			dirty = true;
		} else if (key == '\n' && multiline) {
			if (insert_at(&b, cur, "\n", 1) == 0)
				cur++;  /* Ctrl-J: a new line of the note */
		} else if (a == UI_ACTION_PROMPT_ACCEPT) {
			if (hist_name) {
				char *err = NULL;
				if (prompt_history_add(hist_name, b.data, &err) < 0 && err)
					ui_message(ui, true, "%s", err);
				free(err);
			}
			result = buf_steal(&b);
			break;
		} else if (a == UI_ACTION_PROMPT_DELETE_BACK) {
			size_t p = text_grapheme_prev(b.data, b.len, cur);
			remove_range(&b, p, cur);
			cur = p;
		} else if (a == UI_ACTION_PROMPT_DELETE) {
			remove_range(&b, cur, text_grapheme_next(b.data, b.len, cur));
		} else if (a == UI_ACTION_PROMPT_LEFT) {
			cur = text_grapheme_prev(b.data, b.len, cur);
		} else if (a == UI_ACTION_PROMPT_RIGHT) {
			cur = text_grapheme_next(b.data, b.len, cur);
		} else if (a == UI_ACTION_PROMPT_HOME) {
			cur = 0;
		} else if (a == UI_ACTION_PROMPT_END) {
			cur = b.len;
		} else if (a == UI_ACTION_PROMPT_KILL_WORD) {
			size_t p = word_start(b.data, cur);
			remove_range(&b, p, cur);
			cur = p;
		} else if (a == UI_ACTION_PROMPT_KILL_START) {
			remove_range(&b, 0, cur);
			cur = 0;
		} else if (a == UI_ACTION_PROMPT_KILL_LINE) {
			remove_range(&b, cur, b.len);
		} else if (a == UI_ACTION_PROMPT_HISTORY_BACK && hpos > 0 && !multiline) {
			if (hpos == hist.n) {
				free(pending);
				pending = util_strdup(b.data);
			}
			set_text(&b, &cur, hist.items[--hpos]);
			version++;
		} else if (a == UI_ACTION_PROMPT_HISTORY_FORWARD && hpos < hist.n && !multiline) {
			hpos++;
			set_text(&b, &cur, hpos < hist.n ? hist.items[hpos] : pending ? pending : "");
			version++;
		} else if (a == UI_ACTION_PROMPT_COMPLETE && complete) {
			char *more = complete(ui, b.data);
			if (more) {
				set_text(&b, &cur, more);
				free(more);
				version++;
			}
		} else if (a == UI_ACTION_NONE && key >= 0x20 && key < 0x110000 && key != 127) {
			char mb[8];
			mbstate_t st;
			memset(&st, 0, sizeof st);
			size_t n = wcrtomb(mb, (wchar_t)key, &st);
			if (n != (size_t)-1 && insert_at(&b, cur, mb, n) == 0)
				cur += n;
		}
		if (b.len != len0) {
			version++;
			dirty = true;
		}
		if (!b.data)
			break;  /* out of memory */
	}
	free(pending);
	prompt_history_free(&hist);
	buf_free(&b);
	return result;
}

char *prompt_line(struct ui *ui, const char *history, const char *question, const char *initial,
                  prompt_changed_fn changed, void *ctx)
{
	return prompt_run(ui, history, question, initial, changed, ctx, NULL, NULL, NULL, false);
}

char *prompt_line_drafted(struct ui *ui, const char *history, const char *question,
                          const char *initial, prompt_changed_fn draft, void *ctx,
                          prompt_complete_fn complete)
{
	return prompt_run(ui, history, question, initial, NULL, NULL, draft, ctx, complete, false);
}

char *prompt_text_drafted(struct ui *ui, const char *question, const char *initial,
                          prompt_changed_fn draft, void *ctx)
{
	return prompt_run(ui, NULL, question, initial, NULL, NULL, draft, ctx, NULL, true);
}

int prompt_choice(struct ui *ui, const char *question, const char *choices)
{
	for (;;) {
		draw_prompt(ui, question, "", 0, 0);
		int key = input_next_key(ui);
		if (key == -2 || prompt_action(key) == UI_ACTION_PROMPT_CANCEL || ui_exit_requested(ui))
			return 0;
		if (key == UI_FN(KEY_RESIZE))
			ui_relayout(ui);
		else if (key == UI_KEY_PASTE) {
			size_t n;
			free(input_read_paste(ui, &n));  /* a paste is no choice */
		} else if (key > 0 && key < 128 && strchr(choices, key | 0x20))
			return key | 0x20;
	}
}
