/*
 * chart.c: small charts drawn with characters: a series over time as
 * vertical bars of eighth blocks (ASCII when the terminal's locale is not
 * UTF-8), and counts as horizontal bars.  Used by the mentions view and
 * the codebook; the series comes from store_timeline.c.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "margo/util.h"
#include "ui.h"

static bool ascii;

void chart_set_ascii(bool on)
{
	ascii = on;
}

bool chart_ascii(void)
{
	return ascii;
}

/* The character of a cell filled `eighths` eighths (1..8) from below. */
static const char *cell(int eighths)
{
	static const char *const blocks[8] = {
		"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
		"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
	};
	static const char *const plain[8] = { ".", ".", "_", "o", "o", "#", "#", "#" };
	int i = eighths < 1 ? 0 : eighths > 8 ? 7 : eighths - 1;
	return ascii ? plain[i] : blocks[i];
}

bool chart_move(size_t *bar, size_t n, enum ui_action a)
{
	switch (a) {
	case UI_ACTION_NEXT_PANE:
	case UI_ACTION_DOWN:
		if (*bar + 1 < n)
			(*bar)++;
		return true;
	case UI_ACTION_PREV_PANE:
	case UI_ACTION_UP:
		if (*bar > 0)
			(*bar)--;
		return true;
	case UI_ACTION_FIRST:
		*bar = 0;
		return true;
	case UI_ACTION_LAST:
		*bar = n ? n - 1 : 0;
		return true;
	default:
		return false;
	}
}

void chart_label(struct buf *b, const struct store_bin *bin)
{
	if (bin->month)
		buf_printf(b, "%04d-%02d", bin->year, bin->month);
	else
		buf_printf(b, "%04d", bin->year);
}

size_t chart_first(const struct store_series *s, size_t sel, int width)
{
	size_t cols = width > 0 ? (size_t)width : 1;
	return s->n <= cols || sel < cols ? 0 : sel - cols + 1;
}

int chart_draw(WINDOW *w, int y, int x, int width, int height,
               const struct store_series *s, size_t sel, bool focus, long picked)
{
	if (height < 2 || width < 8)
		return 0;
	int rows = height - 1;
	struct buf b = { 0 };
	if (!s->n) {
		draw_set_role(w, ROLE_DIM);
		/* TRANSLATORS: a chart by month when none of its articles has a date. */
		buf_printf(&b, _("Nothing dated (%lld undated)."), (long long)s->undated);
		draw_str(w, y, x, b.data, width);
		draw_set_role(w, ROLE_NORMAL);
		buf_free(&b);
		return 1;
	}
	/* One column a bar, up to six (and a gap) when there is room; the
	 * window follows sel. */
	size_t fit = (size_t)width / s->n;
	int bw = fit >= 7 ? 7 : fit < 1 ? 1 : (int)fit;
	int gap = bw >= 3 ? 1 : 0;
	size_t shown = (size_t)(width / bw);
	size_t first = chart_first(s, sel, (int)shown);
	int64_t max = s->max > 0 ? s->max : 1;
	for (size_t i = first; i < s->n && i < first + shown; i++) {
		int64_t c = s->bins[i].count;
		long level = c ? (long)((c * rows * 8 + max - 1) / max) : 0;
		bool here = focus && i == sel;
		draw_set_role(w, here ? ROLE_SELECTED : (long)i == picked ? ROLE_MENTION : ROLE_NORMAL);
		int cx = x + (int)(i - first) * bw;
		for (int r = 0; r < rows; r++) {
			long fill = level - r * 8;
			const char *ch = fill >= 8 ? cell(8) : fill > 0 ? cell((int)fill) : " ";
			if (here && fill <= 0)
				ch = " ";
			for (int k = 0; k < bw - gap; k++)
				draw_str(w, y + rows - 1 - r, cx + k, ch, 1);
		}
	}
	/* Under the bars: the first and last period shown; or the one
	 * selected (or listed) with its count, and the span. */
	draw_set_role(w, ROLE_DIM);
	mvwhline(w, y + rows, x, ' ', width);
	size_t last = first + shown < s->n ? first + shown - 1 : s->n - 1;
	if (focus || picked >= 0) {
		size_t at = focus ? sel : (size_t)picked;
		draw_set_role(w, ROLE_SELECTED);
		chart_label(&b, &s->bins[at]);
		buf_printf(&b, ": %lld", (long long)s->bins[at].count);
		int used = draw_str(w, y + rows, x, b.data, width);
		draw_set_role(w, ROLE_DIM);
		buf_reset(&b);
		buf_puts(&b, "  (");
		chart_label(&b, &s->bins[first]);
		buf_puts(&b, " \xe2\x80\x93 ");
		chart_label(&b, &s->bins[last]);
		buf_puts(&b, ")");
		draw_str(w, y + rows, x + used, b.data, width - used);
	} else {
		chart_label(&b, &s->bins[first]);
		draw_str(w, y + rows, x, b.data, width);
		int lw = (int)b.len;
		buf_reset(&b);
		chart_label(&b, &s->bins[last]);
		int end = x + (int)(last - first + 1) * bw - gap;
		if (end - (int)b.len > x + lw + 1)
			draw_str(w, y + rows, end - (int)b.len, b.data, (int)b.len);
	}
	draw_set_role(w, ROLE_NORMAL);
	buf_free(&b);
	return height;
}

void chart_hbar(WINDOW *w, int y, int x, int width, const char *name, int64_t count,
                int64_t max, bool sel)
{
	struct buf b = { 0 };
	int name_w = width / 2;
	draw_set_role(w, sel ? ROLE_SELECTED : ROLE_NORMAL);
	mvwhline(w, y, x, ' ', width);
	draw_str(w, y, x, name, name_w - 1);
	buf_printf(&b, "%lld", (long long)count);
	int nw = (int)strlen(b.data);
	int bar_w = width - name_w - nw - 1;
	int len = max > 0 && bar_w > 0 ? (int)((count * bar_w + max - 1) / max) : 0;
	draw_set_role(w, sel ? ROLE_SELECTED : ROLE_MENTION);
	for (int i = 0; i < len; i++)
		draw_str(w, y, x + name_w + i, cell(8), 1);
	draw_set_role(w, sel ? ROLE_SELECTED : ROLE_DIM);
	draw_str(w, y, x + name_w + len + 1, b.data, nw);
	draw_set_role(w, ROLE_NORMAL);
	buf_free(&b);
}
