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
	case UI_ACTION_NEXT_BAR:
	case UI_ACTION_DOWN:
		if (*bar + 1 < n)
			(*bar)++;
		return true;
	case UI_ACTION_PREV_BAR:
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

size_t chart_bars(const struct store_series *s)
{
	return s->n + (s->undated > 0);
}

void chart_label_at(struct buf *b, const struct store_series *s, size_t i)
{
	if (i < s->n)
		chart_label(b, &s->bins[i]);
	else
		/* TRANSLATORS: the chart's bar of the mentions or annotations
		 * in articles without a date. */
		buf_puts(b, _("undated"));
}

int64_t chart_count(const struct store_series *s, size_t i)
{
	return i < s->n ? s->bins[i].count : s->undated;
}

size_t chart_first(size_t n, size_t sel, int width)
{
	size_t cols = width > 0 ? (size_t)width : 1;
	return n <= cols || sel < cols ? 0 : sel - cols + 1;
}

int chart_draw(WINDOW *w, int y, int x, int width, int height,
               const struct store_series *s, size_t sel, bool focus, long picked)
{
	if (height < 2 || width < 8)
		return 0;
	int rows = height - 1;
	struct buf b = { 0 };
	size_t nb = chart_bars(s);
	if (!nb) {
		draw_set_role(w, ROLE_DIM);
		/* TRANSLATORS: a chart by month when none of its articles has a date. */
		buf_printf(&b, _("Nothing dated (%lld undated)."), (long long)s->undated);
		draw_str(w, y, x, b.data, width);
		draw_set_role(w, ROLE_NORMAL);
		buf_free(&b);
		return 1;
	}
	/* One column a bar, up to six (and a gap) when there is room; the
	 * undated bar one column apart from the periods; the window follows
	 * sel. */
	int sep = s->undated > 0 && s->n ? 1 : 0;
	int room = width - sep;
	size_t fit = (size_t)room / nb;
	int bw = fit >= 7 ? 7 : fit < 1 ? 1 : (int)fit;
	int gap = bw >= 3 ? 1 : 0;
	size_t shown = (size_t)(room / bw);
	size_t first = chart_first(nb, sel, (int)shown);
	int64_t max = s->max > s->undated ? s->max : s->undated;
	if (max < 1)
		max = 1;
	for (size_t i = first; i < nb && i < first + shown; i++) {
		int64_t c = chart_count(s, i);
		long level = c ? (long)((c * rows * 8 + max - 1) / max) : 0;
		bool here = focus && i == sel;
		draw_set_role(w, here ? ROLE_SELECTED : (long)i == picked ? ROLE_MENTION : ROLE_NORMAL);
		int cx = x + (int)(i - first) * bw + (i == s->n ? sep : 0);
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
	 * selected (or listed) with its count, and the span.  The undated
	 * are named with their count. */
	draw_set_role(w, ROLE_DIM);
	mvwhline(w, y + rows, x, ' ', width);
	size_t last = first + shown < nb ? first + shown - 1 : nb - 1;
	bool undated_shown = last == s->n;
	size_t last_dated = undated_shown ? last - 1 : last;  /* when first < s->n */
	if (focus || picked >= 0 || undated_shown) {
		/* From the left: "2024-01: 2  (2023-11 – 2024-01)" for the bar
		 * selected or listed, else "2023-11 – 2024-01 · undated 12";
		 * the span shortened, then left out, when it does not fit. */
		long at = focus ? (long)sel : picked;
		struct buf head = { 0 };
		if (at >= 0) {
			chart_label_at(&head, s, (size_t)at);
			buf_printf(&head, ": %lld", (long long)chart_count(s, (size_t)at));
		}
		int hw = head.len ? text_width(head.data, head.len) : 0;
		for (int tries = 0; tries < 3; tries++) {
			buf_reset(&b);
			if (first < s->n && tries < 2) {
				buf_puts(&b, at >= 0 ? "  (" : "");
				chart_label(&b, &s->bins[first]);
				if (last_dated > first && tries == 0) {
					buf_puts(&b, " \xe2\x80\x93 ");
					chart_label(&b, &s->bins[last_dated]);
				}
				buf_puts(&b, at >= 0 ? ")" : " \xc2\xb7 ");
			}
			if (at < 0) {
				chart_label_at(&b, s, s->n);
				buf_printf(&b, " %lld", (long long)s->undated);
			}
			if (hw + (b.len ? text_width(b.data, b.len) : 0) <= width)
				break;
		}
		int used = 0;
		if (head.len) {
			draw_set_role(w, ROLE_SELECTED);
			used = draw_str(w, y + rows, x, head.data, width);
		}
		draw_set_role(w, ROLE_DIM);
		if (b.len)
			draw_str(w, y + rows, x + used, b.data, width - used);
		buf_free(&head);
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
