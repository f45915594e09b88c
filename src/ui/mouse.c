/*
 * mouse.c: the mouse, off unless the configuration says `set mouse on`.
 *
 * With it on: a click focuses the pane (or the view) under the pointer
 * and puts its cursor on the row, or in the text on the sentence, under
 * it; a second click on the same row soon after runs the open action
 * (Enter) there; the wheel scrolls the pane under the pointer by three
 * rows without moving the focus; a drag in the text selects from where
 * the button went down to where it came up, the same selection v makes,
 * so a annotates it.  With it off nothing asks the terminal for mouse
 * reports, and the terminal's own selection keeps working.
 *
 * Clicks are told from presses here rather than by curses (mouseinterval
 * 0), so a press, a drag and a release each come at once.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <time.h>

#include "margo/i18n.h"
#include "mouse.h"
#include "ui.h"
#include "text_pane.h"

#define WHEEL_ROWS 3
#define DOUBLE_CLICK_MS 400

#ifndef BUTTON5_PRESSED
#define BUTTON5_PRESSED 0
#endif

enum where { NOWHERE, IN_PANE, IN_VIEW };

static struct {
	bool on;
	bool down;                /* button 1 is held */
	bool in_text;             /* ... since a press on the text */
	bool dragged;             /* ... and the pointer left that grapheme */
	size_t from, from_end;    /* the pressed grapheme (body bytes) */
	int64_t article;          /* ... of this article */
	long last_ms;             /* the last click: when, where */
	int last_y, last_x;
	enum where last_where;
} m;

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static mmask_t wanted(void)
{
	return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED |
	       REPORT_MOUSE_POSITION;
}

void mouse_set(struct ui *ui, bool on)
{
	if (ui->script)
		return;  /* a scripted run reads no terminal */
	if (on) {
		mouseinterval(0);
		mousemask(wanted(), NULL);
	} else if (m.on) {
		mousemask(0, NULL);
	}
	m.on = on;
	m.down = false;
}

void mouse_resume(struct ui *ui)
{
	if (m.on && !ui->script)
		mousemask(wanted(), NULL);
	m.down = false;
}

/* The left column of the open view, as view_draw() places it. */
static int view_x(const struct ui *ui)
{
	const struct view_ops *v = view_top(ui);
	return ui->win[LAYOUT_TEXT] && !v->over ? ui->layout.pane[LAYOUT_TEXT].x : 0;
}

/* What is under screen cell (y, x): the open view, or pane *p. */
static enum where under(const struct ui *ui, int y, int x, enum layout_pane *p)
{
	if (ui->layout.too_small || y < 0 || x < 0 || y >= ui->lines - 1)
		return NOWHERE;  /* the status line takes no clicks */
	if (view_top(ui) && x >= view_x(ui))
		return IN_VIEW;
	for (int i = 0; i < LAYOUT_PANES; i++) {
		const struct layout_rect *r = &ui->layout.pane[i];
		if (!layout_visible(&ui->layout, (enum layout_pane)i) || !ui->win[i] ||
		    view_covers(ui, (enum layout_pane)i))
			continue;
		if (y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w) {
			*p = (enum layout_pane)i;
			return IN_PANE;
		}
	}
	return NOWHERE;
}

static void focus(struct ui *ui, enum layout_pane p)
{
	if (ui->focus != p) {
		ui->focus = p;
		ui_relayout(ui);
	}
}

/* Whether screen row y of the view shows its selected entry: a cell
 * drawn in the selection's colours (as the view was just drawn). */
static bool row_selected(const struct ui *ui, int y)
{
	attr_t want = draw_attr(ROLE_SELECTED);
	for (int x = view_x(ui); x < ui->cols; x++) {
		cchar_t cc;
		wchar_t wch[CCHARW_MAX + 1];
		attr_t a = 0;
		short pair = 0;
		if (mvwin_wch(newscr, y, x, &cc) == ERR || getcchar(&cc, wch, &a, &pair, NULL) == ERR)
			continue;
		if ((a & ~(A_COLOR | A_ALTCHARSET)) == (want & ~A_COLOR) && pair == PAIR_NUMBER(want))
			return true;
	}
	return false;
}

/* The selected entry's rows in the view: false when none is shown. */
static bool selected_rows(struct ui *ui, int *first, int *last)
{
	view_draw(ui);  /* into curses' next screen, not to the terminal */
	*first = -1;
	for (int y = 1; y < ui->lines - 1; y++) {
		if (!row_selected(ui, y))
			continue;
		if (*first < 0)
			*first = y;
		*last = y;
	}
	return *first >= 0;
}

/* A click in a view: its selection moved, entry by entry, onto row y, so
 * every view's own notion of an entry (one row or several) holds. */
static void view_click(struct ui *ui, int y)
{
	int first, last;
	for (int steps = 0; steps < 1000 && selected_rows(ui, &first, &last); steps++) {
		if (y >= first && y <= last)
			return;
		view_key(ui, y < first ? UI_ACTION_UP : UI_ACTION_DOWN);
		int f2, l2;
		if (!selected_rows(ui, &f2, &l2) || (f2 == first && l2 == last))
			return;  /* it did not move: the first or the last entry */
	}
}

static void wheel(struct ui *ui, enum where w, enum layout_pane p, int dir)
{
	if (w == IN_VIEW) {
		for (int i = 0; i < WHEEL_ROWS; i++)
			view_key(ui, dir > 0 ? UI_ACTION_DOWN : UI_ACTION_UP);
	} else if (p == LAYOUT_LIST) {
		list_pane_scroll(ui, dir * WHEEL_ROWS);
	} else if (p == LAYOUT_TEXT) {
		text_pane_scroll_rows(ui, dir * WHEEL_ROWS);
	} else {
		for (int i = 0; i < WHEEL_ROWS; i++)
			side_pane_ops.key(ui, dir > 0 ? UI_ACTION_DOWN : UI_ACTION_UP);
	}
}

/* The pointer at (y, x) while the button is held after a press on the
 * text: the selection runs from the pressed grapheme to this one. */
static bool drag(struct ui *ui, int y, int x)
{
	const struct layout_rect *r = &ui->layout.pane[LAYOUT_TEXT];
	size_t off, end;
	if (!text_pane_state(ui)->loaded || text_pane_state(ui)->art.id != m.article)
		return false;  /* another article opened since the press */
	if (!ui->win[LAYOUT_TEXT] || !text_pane_byte_at(ui, y - r->y, x - r->x, &off, &end))
		return false;
	if (off == m.from && !m.dragged)
		return false;
	m.dragged = true;
	if (off >= m.from)
		annotate_select_span(ui, m.from, end);
	else
		annotate_select_span(ui, m.from_end, off);
	return true;
}

static bool press(struct ui *ui, enum where w, enum layout_pane p, int y, int x,
                  void (*dispatch)(struct ui *ui, enum ui_action a))
{
	long now = now_ms();
	bool twice = m.last_where == w && m.last_y == y && now - m.last_ms <= DOUBLE_CLICK_MS;
	m.last_ms = twice ? 0 : now;
	m.last_y = y;
	m.last_x = x;
	m.last_where = w;
	m.down = true;
	m.in_text = false;
	m.dragged = false;
	if (w == IN_VIEW) {
		view_click(ui, y);
	} else {
		focus(ui, p);
		if (!layout_visible(&ui->layout, p) || !ui->win[p])
			return true;
		const struct layout_rect *r = &ui->layout.pane[p];
		int ly = y - r->y, lx = x - r->x;
		size_t off, end;
		if (p == LAYOUT_LIST) {
			list_pane_click(ui, ly);
		} else if (p == LAYOUT_SIDE) {
			side_pane_click(ui, ly);
		} else if (text_pane_byte_at(ui, ly, lx, &off, &end)) {
			annotate_select_span(ui, 0, 0);  /* a click ends a selection */
			text_pane_cursor_at(ui, off);
			m.in_text = true;
			m.from = off;
			m.from_end = end;
			m.article = text_pane_state(ui)->art.id;
		}
	}
	if (twice) {
		m.down = false;  /* what opens may move the text under the pointer */
		dispatch(ui, UI_ACTION_OPEN);
	}
	return true;
}

bool mouse_event(struct ui *ui, void (*dispatch)(struct ui *ui, enum ui_action a))
{
	MEVENT e;
	if (getmouse(&e) != OK || !m.on)
		return false;
	enum layout_pane p = LAYOUT_LIST;
	enum where w = under(ui, e.y, e.x, &p);
	if (e.bstate & BUTTON4_PRESSED) {
		if (w != NOWHERE)
			wheel(ui, w, p, -1);
		return w != NOWHERE;
	}
	if (BUTTON5_PRESSED && (e.bstate & BUTTON5_PRESSED)) {
		if (w != NOWHERE)
			wheel(ui, w, p, 1);
		return w != NOWHERE;
	}
	if (e.bstate & BUTTON1_PRESSED) {
		if (w == NOWHERE)
			return false;
		return press(ui, w, p, e.y, e.x, dispatch);
	}
	bool moved = false;
	if ((e.bstate & (REPORT_MOUSE_POSITION | BUTTON1_RELEASED)) && m.down && m.in_text)
		moved = drag(ui, e.y, e.x);
	if (e.bstate & BUTTON1_RELEASED) {
		if (m.down && m.dragged) {
			m.last_ms = 0;  /* a drag is not the first half of a double click */
			ui_message(ui, false, _("selected: a annotates, Esc cancels"));
			moved = true;
		}
		m.down = false;
	}
	return moved;
}
