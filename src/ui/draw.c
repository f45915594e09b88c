/*
 * draw.c: drawing helpers shared by the panes: attribute roles (colour, or
 * plain attributes on monochrome terminals and under NO_COLOR), and text
 * output that always goes through text_render(), the one sanitiser in front
 * of the terminal.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "config_apply.h"

static attr_t role_attr[ROLE_COUNT];

void draw_init_roles(bool use_color)
{
	/* Monochrome first: every role must read well without colour. */
	role_attr[ROLE_NORMAL] = A_NORMAL;
	role_attr[ROLE_HEADER] = A_BOLD | A_UNDERLINE;
	role_attr[ROLE_HEADER_FOCUS] = A_REVERSE | A_BOLD;
	role_attr[ROLE_SELECTED] = A_REVERSE;
	role_attr[ROLE_CURSOR] = A_REVERSE;
	role_attr[ROLE_TITLE] = A_BOLD;
	role_attr[ROLE_HEADING] = A_BOLD;
	role_attr[ROLE_DIM] = A_DIM;
	role_attr[ROLE_STATUS] = A_REVERSE;
	role_attr[ROLE_ERROR] = A_REVERSE | A_BOLD;
	role_attr[ROLE_MENTION] = A_BOLD | A_UNDERLINE;
	role_attr[ROLE_HIT] = A_REVERSE | A_BOLD;
	for (int r = ROLE_ANNOT; r <= ROLE_ANNOT_MAGENTA; r++)
		role_attr[r] = A_UNDERLINE;  /* colours need a colour terminal */
	role_attr[ROLE_SELECTION] = A_REVERSE | A_UNDERLINE;
	if (!use_color || COLORS < 8)
		return;
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_CYAN, -1);
	init_pair(3, COLOR_YELLOW, -1);
	init_pair(4, COLOR_WHITE, COLOR_RED);
	init_pair(5, COLOR_BLACK, COLOR_CYAN);
	role_attr[ROLE_HEADER_FOCUS] = COLOR_PAIR(1) | A_BOLD;
	role_attr[ROLE_SELECTED] = COLOR_PAIR(5);
	role_attr[ROLE_HEADING] = COLOR_PAIR(3) | A_BOLD;
	role_attr[ROLE_DIM] = COLOR_PAIR(2);
	role_attr[ROLE_STATUS] = COLOR_PAIR(1);
	role_attr[ROLE_ERROR] = COLOR_PAIR(4) | A_BOLD;
	init_pair(6, COLOR_MAGENTA, -1);
	role_attr[ROLE_MENTION] = COLOR_PAIR(6) | A_BOLD | A_UNDERLINE;
	init_pair(7, COLOR_BLACK, COLOR_YELLOW);
	role_attr[ROLE_HIT] = COLOR_PAIR(7) | A_BOLD;
	init_pair(8, COLOR_GREEN, -1);
	role_attr[ROLE_ANNOT] = COLOR_PAIR(8) | A_UNDERLINE;
	init_pair(9, COLOR_BLACK, COLOR_GREEN);
	role_attr[ROLE_SELECTION] = COLOR_PAIR(9);
	init_pair(10, COLOR_YELLOW, -1);
	role_attr[ROLE_ANNOT_YELLOW] = COLOR_PAIR(10) | A_UNDERLINE;
	init_pair(11, COLOR_BLUE, -1);
	role_attr[ROLE_ANNOT_BLUE] = COLOR_PAIR(11) | A_UNDERLINE;
	init_pair(12, COLOR_RED, -1);
	role_attr[ROLE_ANNOT_RED] = COLOR_PAIR(12) | A_UNDERLINE;
	role_attr[ROLE_ANNOT_MAGENTA] = COLOR_PAIR(6) | A_UNDERLINE;
	ui_config_colors(role_attr);  /* color lines of the configuration */
}

attr_t draw_attr(enum ui_role role)
{
	return role_attr[role];
}

void draw_set_role(WINDOW *w, enum ui_role role)
{
	wattrset(w, (int)role_attr[role]);
}

int draw_text(WINDOW *w, int y, int x, const char *s, size_t len, int max)
{
	if (max <= 0)
		return 0;
	/* Text cut at the edge ends with "…" so the reader knows. */
	bool cut = text_width_from(s, len, x) > max;
	int cells = 0;
	char *r = text_render(s, len, x, cut ? max - 1 : max, &cells);
	if (!r)
		return 0;
	mvwaddstr(w, y, x, r);
	free(r);
	if (cut) {
		waddstr(w, "\xe2\x80\xa6");
		cells++;
	}
	return cells;
}

int draw_str(WINDOW *w, int y, int x, const char *s, int max)
{
	return s ? draw_text(w, y, x, s, strlen(s), max) : 0;
}

void draw_fill(WINDOW *w, int y, int x)
{
	int width = getmaxx(w);
	if (x < width)
		mvwhline(w, y, x, ' ', width - x);
}

void draw_header(WINDOW *w, const char *label, bool focused)
{
	int width = getmaxx(w);
	draw_set_role(w, focused ? ROLE_HEADER_FOCUS : ROLE_HEADER);
	draw_fill(w, 0, 0);
	mvwaddch(w, 0, 0, ' ');
	draw_str(w, 0, 1, label, width - 2);
	draw_set_role(w, ROLE_NORMAL);
}

void draw_border(WINDOW *w)
{
	int width = getmaxx(w), height = getmaxy(w);
	draw_set_role(w, ROLE_DIM);
	mvwvline(w, 1, width - 1, ACS_VLINE, height - 1);
	draw_set_role(w, ROLE_NORMAL);
}
