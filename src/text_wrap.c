/*
 * text_wrap.c: the greedy line wrapper (text_wrap, include/margo/text.h),
 * on libunistring's line and grapheme break rules and the one cell rule
 * of text.c, so what is wrapped is what the renderer draws.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

#include "margo/text.h"
#include "text_impl.h"

/* ---- wrapping ---------------------------------------------------------- */

struct wrap {
	const uint8_t *s;	/* the whole text */
	size_t ps, pe;		/* the paragraph being wrapped */
	char *lb, *gb;		/* break arrays for s[ps..pe) */
	size_t brk_cap;
	int width;
	struct text_line *v;
	size_t n, cap;
};

static int wrap_emit(struct wrap *w, size_t start, size_t end, int cells)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		struct text_line *v;

		if (cap > SIZE_MAX / sizeof *v)
			return -1;
		v = realloc(w->v, cap * sizeof *v);
		if (!v)
			return -1;
		w->v = v;
		w->cap = cap;
	}
	w->v[w->n].start = start;
	w->v[w->n].end = end;
	w->v[w->n].cells = cells;
	w->n++;
	return 0;
}

/*
 * The grapheme cluster starting at q, drawn at column `col`: returns its
 * end and stores its cells, whether it is one blank (SP or TAB), and
 * whether the line-break algorithm puts a mandatory break after it.
 */
static size_t wrap_cluster(const struct wrap *w, size_t q, int col, int *cells,
                           bool *blank, bool *mandatory)
{
	size_t e = q, k;
	uint32_t c, first = 0;
	int acc = 0;

	do {
		k = text_utf8_decode(w->s + e, w->pe - e, &c);
		if (c == TEXT_BAD_CP)
			c = 0xFFFDu;  /* U+FFFD, as the renderer draws it */
		if (e == q)
			first = c;
		acc = text_add_cells(acc, text_cp_cells(c, text_add_cells(col, acc)));
		e += k;
	} while (e < w->pe && !w->gb[e - w->ps]);
	*cells = acc;
	*blank = e - q == 1 && text_is_blank(first);
	*mandatory = w->lb[q - w->ps] == UC_BREAK_MANDATORY ||
	             w->lb[q - w->ps] == UC_BREAK_CR_BEFORE_LF;
	return e;
}

/*
 * Greedy fill of one LF-free paragraph [ps, pe).  A line ends at the last
 * break opportunity that fits, with its trailing blanks left out; blanks
 * after a soft break start no line; a word with no opportunity is cut at a
 * grapheme boundary; a cluster wider than the line gets a line of its own
 * (its real width: the one case where cells > width).  A mandatory break
 * other than LF (VT, FF, NEL in non-canonical text) is an opportunity.
 */
static int wrap_paragraph(struct wrap *w)
{
	size_t pos = w->ps, q, e, line_start, content_end, opp_end, opp_next;
	int col, cw, content_cells, opp_cells;
	bool blank, mand, prev_mand, have_opp;

	for (;;) {
		line_start = content_end = q = pos;
		col = content_cells = opp_cells = 0;
		opp_end = opp_next = pos;
		have_opp = prev_mand = false;
		while (q < w->pe) {
			char lb = w->lb[q - w->ps];

			if (q > line_start && content_end > line_start &&
			    (lb == UC_BREAK_POSSIBLE || lb == UC_BREAK_HYPHENATION || prev_mand)) {
				have_opp = true;
				opp_end = content_end;
				opp_cells = content_cells;
				opp_next = q;
			}
			e = wrap_cluster(w, q, col, &cw, &blank, &mand);
			if (!blank && cw > w->width - col) {
				if (content_end == line_start && q > line_start) {
					/* Only leading blanks so far: drop them. */
					line_start = content_end = q;
					col = 0;
					e = wrap_cluster(w, q, col, &cw, &blank, &mand);
				}
				if (content_end == line_start && cw > w->width) {
					if (wrap_emit(w, q, e, cw) < 0)
						return -1;
					pos = e;
					goto next_line;
				}
				if (content_end > line_start) {
					if (have_opp) {
						if (wrap_emit(w, line_start, opp_end, opp_cells) < 0)
							return -1;
						pos = opp_next;
					} else {
						if (wrap_emit(w, line_start, content_end, content_cells) < 0)
							return -1;
						pos = q;
					}
					goto next_line;
				}
			}
			col = text_add_cells(col, cw);
			if (!blank) {
				content_end = e;
				content_cells = col;
			}
			prev_mand = mand;
			q = e;
		}
		return wrap_emit(w, line_start, content_end, content_cells);
next_line:
		/* Skip blank clusters (a space carrying a mark is text). */
		while (pos < w->pe && text_is_blank(w->s[pos]) &&
		       (pos + 1 == w->pe || w->gb[pos + 1 - w->ps]))
			pos++;
		if (pos == w->pe)
			return 0;
	}
}

/* Wrap into lines of at most `width` cells; see text.h and wrap_paragraph. */
int text_wrap(const char *s, size_t len, int width, struct text_line **lines,
              size_t *n)
{
	struct wrap w = { 0 };
	size_t ps = 0, pe;
	const char *lf;

	w.s = (const uint8_t *)s;
	w.width = width < 1 ? 1 : width;
	*lines = NULL;
	*n = 0;
	for (;;) {
		lf = len > ps ? memchr(s + ps, '\n', len - ps) : NULL;
		pe = lf ? (size_t)(lf - s) : len;
		if (lf && pe > ps && s[pe - 1] == '\r')
			pe--;	/* CRLF in raw text: the CR goes with the LF */
		if (pe == ps) {
			if (wrap_emit(&w, ps, ps, 0) < 0)
				goto oom;
		} else {
			if (pe - ps > w.brk_cap) {
				char *lb = realloc(w.lb, pe - ps), *gb;

				if (!lb)
					goto oom;
				w.lb = lb;
				gb = realloc(w.gb, pe - ps);
				if (!gb)
					goto oom;
				w.gb = gb;
				w.brk_cap = pe - ps;
			}
			w.ps = ps;
			w.pe = pe;
			u8_possible_linebreaks(w.s + ps, pe - ps, "UTF-8", w.lb);
			u8_grapheme_breaks(w.s + ps, pe - ps, w.gb);
			if (wrap_paragraph(&w) < 0)
				goto oom;
		}
		if (!lf)
			break;
		ps = (size_t)(lf - s) + 1;
	}
	free(w.lb);
	free(w.gb);
	*lines = w.v;
	*n = w.n;
	return 0;
oom:
	free(w.lb);
	free(w.gb);
	free(w.v);
	return -1;
}
