/*
 * reading.c: going from article to article, and what the reader keeps of
 * each one.
 *
 * J and K open the next or previous row of the article list, in the
 * list's own order (its cursor moves, then the row under it opens), and
 * Space at the end of an article goes on to the next, as a pager does.
 * Opening from the list, J and K are places in the jump history (Ctrl-O).
 * An article becomes read once it was opened and scrolled past its first
 * screen or to its end, or with U; the list marks the others.  Leaving an
 * article keeps its reading position (the code point at the top line, so
 * it holds at any width), and margo starts on the article left last.
 * None of this is coded work: a read-only or busy library only costs a
 * message.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <unistr.h>

#include "margo/store_reading.h"
#include "ui.h"
#include "text_pane.h"

/* Code points of the body before byte `off`. */
static int64_t cp_of_byte(const struct store_article *a, size_t off)
{
	for (size_t i = 0; i < a->n_paras; i++) {
		const struct store_para *p = &a->paras[i];
		if (off <= p->start)
			return (int64_t)p->cp_start;
		if (off <= p->end)
			return (int64_t)(p->cp_start +
			                 u8_mbsnlen((const uint8_t *)a->body + p->start, off - p->start));
	}
	return a->n_paras ? (int64_t)a->paras[a->n_paras - 1].cp_end : 0;
}

/* The byte of the body where code point `cp` starts. */
static size_t byte_of_cp(const struct store_article *a, int64_t cp)
{
	for (size_t i = 0; i < a->n_paras; i++) {
		const struct store_para *p = &a->paras[i];
		if ((int64_t)p->cp_start >= cp)
			return p->start;
		if ((int64_t)p->cp_end < cp)
			continue;
		const uint8_t *s = (const uint8_t *)a->body + p->start;
		const uint8_t *end = (const uint8_t *)a->body + p->end;
		for (int64_t k = cp - (int64_t)p->cp_start; k > 0 && s < end; k--) {
			ucs4_t uc;
			int n = u8_mbtouc(&uc, s, (size_t)(end - s));
			s += n > 0 ? n : 1;
		}
		return (size_t)(s - (const uint8_t *)a->body);
	}
	return a->n_paras ? a->paras[a->n_paras - 1].start : 0;
}

/* A write of the reader's state failed: said, nothing else. */
static void write_failed(struct ui *ui)
{
	if ((sqlite3_extended_errcode(store_db(ui->st)) & 0xff) == SQLITE_BUSY)
		ui_message(ui, true, _("the library is busy (another margo is writing to it): "
		           "the reading position and read mark are not kept this time"));
	else
		ui_message(ui, true, _("the reading position and read marks cannot be kept: %s"),
		           store_errmsg(ui->st));
}

void reading_opened(struct ui *ui)
{
	struct text_state *t = text_pane_state(ui);
	struct store_reading r;
	if (!t->loaded || store_reading_get(ui->st, t->art.id, &r) < 0)
		return;  /* unread, at the top */
	t->read = r.read;
	t->saved_pos = r.pos;
}

void reading_restore(struct ui *ui)
{
	struct text_state *t = text_pane_state(ui);
	if (t->loaded && t->saved_pos > 0)
		text_pane_scroll_to(ui, byte_of_cp(&t->art, t->saved_pos));
}

void reading_check(struct ui *ui)
{
	struct text_state *t = text_pane_state(ui);
	if (!t->loaded || t->read || !t->moved || !text_pane_read_enough(ui))
		return;
	t->read = true;
	if (ui->readonly)
		return;
	if (store_reading_mark(ui->st, t->art.id, true) < 0)
		write_failed(ui);
	list_pane_invalidate(ui);  /* the list shows the mark */
}

void reading_leave(struct ui *ui)
{
	struct text_state *t = text_pane_state(ui);
	if (!t->loaded || ui->readonly)
		return;
	bool read = t->read || (t->moved && text_pane_read_enough(ui));
	int64_t pos = cp_of_byte(&t->art, text_pane_top_offset(ui));
	if (store_reading_leave(ui->st, t->art.id, pos, read) < 0)
		write_failed(ui);
	list_pane_invalidate(ui);
}

void reading_toggle(struct ui *ui)
{
	struct text_state *t = text_pane_state(ui);
	int64_t id = ui->focus == LAYOUT_LIST ? list_pane_selected_id(ui)
	           : t->loaded ? t->art.id : 0;
	if (!id)
		return;
	struct store_reading r;
	if (store_reading_get(ui->st, id, &r) < 0) {
		write_failed(ui);
		return;
	}
	if (store_reading_mark(ui->st, id, !r.read) < 0) {
		write_failed(ui);
		return;
	}
	if (t->loaded && t->art.id == id) {
		t->read = !r.read;
		t->moved = false;  /* unread stays unread until scrolled again */
	}
	list_pane_invalidate(ui);
	ui_message(ui, false, r.read ? _("marked unread") : _("marked read"));
}

int reading_open(struct ui *ui, int64_t id, bool at_top)
{
	if (jump_leave_here(ui) < 0) {
		ui_message(ui, true, _("out of memory"));
		return -1;
	}
	if (text_pane_open(ui, id) < 0)
		return -1;
	view_close_all(ui);  /* the article is what is read now */
	if (!at_top)
		reading_restore(ui);
	jump_arrive_here(ui);
	return 0;
}

void reading_step(struct ui *ui, int dir, bool at_top)
{
	struct text_state *t = text_pane_state(ui);
	int64_t was = list_pane_cursor(ui);
	/* From the text, the row of the open article is the one to leave. */
	if (ui->focus != LAYOUT_LIST && t->loaded && list_pane_selected_id(ui) != t->art.id &&
	    t->index >= 0)
		list_pane_select(ui, t->index);
	int64_t from = list_pane_cursor(ui);
	list_pane_ops.key(ui, dir > 0 ? UI_ACTION_DOWN : UI_ACTION_UP);
	int64_t id = list_pane_cursor(ui) != from ? list_pane_selected_id(ui) : 0;
	if (!id) {
		list_pane_select(ui, was);
		ui_message(ui, false, dir > 0 ? _("last article") : _("first article"));
		return;
	}
	if (ui->focus == LAYOUT_TEXT && t->loaded)
		t->moved = true;  /* read on from here: it was looked at */
	if (reading_open(ui, id, at_top) < 0)
		list_pane_select(ui, was);
}

void reading_start(struct ui *ui)
{
	int64_t id = 0;
	if (store_reading_last(ui->st, &id) == 1 && text_pane_open(ui, id) == 0) {
		reading_restore(ui);
		if (text_pane_state(ui)->index >= 0)
			list_pane_select(ui, text_pane_state(ui)->index);
		return;
	}
	/* Never read: the first article, so all three panes speak. */
	struct store_row *first;
	size_t n;
	if (store_rows(ui->st, 0, 1, &first, &n) == 0 && n == 1)
		text_pane_open(ui, first[0].id);
	if (n)
		store_rows_free(first, n);
}
