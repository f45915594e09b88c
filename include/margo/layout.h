/*
 * layout.h: the screen layout as a pure function of the terminal size.
 *
 * Wide terminals get three panes (article list, text, entity sidebar) above
 * a one-line status bar; from 40 to 71 columns the sidebar hides; from 20
 * to 39 columns only the focused pane shows; below 20x4 the screen says
 * "terminal too small".  Zoomed, the focused pane takes the whole screen
 * at any size.  No curses here: tests compare the serialised form,
 * e.g. "list 0,0 26x23 | text 26,0 34x23 | side 60,0 20x23 | status 0,23 80x1".
 */
#ifndef MARGO_LAYOUT_H
#define MARGO_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#define LAYOUT_MIN_COLS 20
#define LAYOUT_MIN_LINES 4

enum layout_pane { LAYOUT_LIST, LAYOUT_TEXT, LAYOUT_SIDE, LAYOUT_PANES };

struct layout_rect {
	int x, y, w, h;       /* w == 0 or h == 0: not shown */
};

struct layout {
	bool too_small;
	struct layout_rect pane[LAYOUT_PANES];
	struct layout_rect status;
};

/* Compute the layout for a cols x lines terminal.  `focus` matters only
 * when a single pane shows (it fits alone, or `zoom` asks for it): that
 * pane is the one shown. */
void layout_compute(int cols, int lines, enum layout_pane focus, bool zoom,
                    struct layout *out);

/* True when the pane is shown. */
bool layout_visible(const struct layout *l, enum layout_pane p);

/* Serialise for tests and debugging into `buf` (at least 128 bytes). */
void layout_describe(const struct layout *l, char *buf, size_t size);

const char *layout_pane_name(enum layout_pane p);

/* The sidebar's width when three panes show (set sidebar-width), or 0
 * for a quarter of the screen, 20 to 40 columns.  The text keeps at
 * least 20 columns whatever it says. */
void layout_set_side_width(int width);

#endif
