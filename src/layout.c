/*
 * layout.c: terminal size -> pane rectangles.  Pure geometry, no curses.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "margo/layout.h"

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static int side_width;

void layout_set_side_width(int width)
{
	side_width = width > 0 ? width : 0;
}

void layout_compute(int cols, int lines, enum layout_pane focus, bool zoom,
                    struct layout *out)
{
	memset(out, 0, sizeof *out);
	if (cols < LAYOUT_MIN_COLS || lines < LAYOUT_MIN_LINES) {
		out->too_small = true;
		return;
	}
	int h = lines - 1;
	out->status = (struct layout_rect){ 0, h, cols, 1 };
	struct layout_rect *list = &out->pane[LAYOUT_LIST];
	struct layout_rect *text = &out->pane[LAYOUT_TEXT];
	struct layout_rect *side = &out->pane[LAYOUT_SIDE];
	if (zoom) {
		out->pane[focus < LAYOUT_PANES ? focus : LAYOUT_TEXT] = (struct layout_rect){ 0, 0, cols, h };
	} else if (cols >= 72) {
		/* About a third for the list, a quarter for the sidebar, with
		 * caps so the text gets the room on wide terminals. */
		int lw = clamp((cols * 32 + 50) / 100, 20, 60);
		int sw = side_width ? clamp(side_width, 10, cols - lw - 20) : clamp(cols / 4, 20, 40);
		*list = (struct layout_rect){ 0, 0, lw, h };
		*text = (struct layout_rect){ lw, 0, cols - lw - sw, h };
		*side = (struct layout_rect){ cols - sw, 0, sw, h };
	} else if (cols >= 40) {
		int lw = clamp((cols * 35 + 50) / 100, 14, 24);
		*list = (struct layout_rect){ 0, 0, lw, h };
		*text = (struct layout_rect){ lw, 0, cols - lw, h };
	} else {
		/* One pane: the focused one (the sidebar falls back to text). */
		struct layout_rect *only = focus == LAYOUT_LIST ? list : text;
		*only = (struct layout_rect){ 0, 0, cols, h };
	}
}

bool layout_visible(const struct layout *l, enum layout_pane p)
{
	return !l->too_small && l->pane[p].w > 0 && l->pane[p].h > 0;
}

const char *layout_pane_name(enum layout_pane p)
{
	static const char *const names[] = { "list", "text", "side" };
	return p < LAYOUT_PANES ? names[p] : "?";
}

void layout_describe(const struct layout *l, char *buf, size_t size)
{
	if (l->too_small) {
		snprintf(buf, size, "too small");
		return;
	}
	size_t used = 0;
	buf[0] = '\0';
	for (int p = 0; p < LAYOUT_PANES; p++) {
		if (!layout_visible(l, (enum layout_pane)p))
			continue;
		const struct layout_rect *r = &l->pane[p];
		int n = snprintf(buf + used, size - used, "%s%s %d,%d %dx%d",
		                 used ? " | " : "", layout_pane_name((enum layout_pane)p),
		                 r->x, r->y, r->w, r->h);
		if (n < 0 || (size_t)n >= size - used)
			return;
		used += (size_t)n;
	}
	snprintf(buf + used, size - used, " | status %d,%d %dx%d", l->status.x,
	         l->status.y, l->status.w, l->status.h);
}
