/*
 * test_layout.c: terminal sizes -> pane rectangles, compared as text.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "margo/layout.h"

static void expect_layout(int cols, int lines, enum layout_pane focus,
                          const char *want)
{
	struct layout l;
	char got[256];
	layout_compute(cols, lines, focus, false, &l);
	layout_describe(&l, got, sizeof got);
	assert_string_equal(got, want);
}

static void test_80x24_three_panes(void **state)
{
	(void)state;
	expect_layout(80, 24, LAYOUT_TEXT,
	              "list 0,0 26x23 | text 26,0 34x23 | side 60,0 20x23 | status 0,23 80x1");
}

static void test_200x60_text_gets_the_room(void **state)
{
	(void)state;
	expect_layout(200, 60, LAYOUT_LIST,
	              "list 0,0 60x59 | text 60,0 100x59 | side 160,0 40x59 | status 0,59 200x1");
}

static void test_120x40(void **state)
{
	(void)state;
	expect_layout(120, 40, LAYOUT_LIST,
	              "list 0,0 38x39 | text 38,0 52x39 | side 90,0 30x39 | status 0,39 120x1");
}

static void test_40x12_sidebar_hidden(void **state)
{
	(void)state;
	expect_layout(40, 12, LAYOUT_SIDE,
	              "list 0,0 14x11 | text 14,0 26x11 | status 0,11 40x1");
}

static void test_narrow_shows_focused_pane_only(void **state)
{
	(void)state;
	expect_layout(30, 10, LAYOUT_LIST, "list 0,0 30x9 | status 0,9 30x1");
	expect_layout(30, 10, LAYOUT_TEXT, "text 0,0 30x9 | status 0,9 30x1");
	expect_layout(30, 10, LAYOUT_SIDE, "text 0,0 30x9 | status 0,9 30x1");
}

static void test_zoom_gives_the_focused_pane_the_screen(void **state)
{
	(void)state;
	struct layout l;
	char got[256];
	layout_compute(80, 24, LAYOUT_TEXT, true, &l);
	layout_describe(&l, got, sizeof got);
	assert_string_equal(got, "text 0,0 80x23 | status 0,23 80x1");
	layout_compute(200, 60, LAYOUT_SIDE, true, &l);
	layout_describe(&l, got, sizeof got);
	assert_string_equal(got, "side 0,0 200x59 | status 0,59 200x1");
	layout_compute(10, 3, LAYOUT_TEXT, true, &l);
	assert_true(l.too_small);  /* zoom or not, too small is too small */
}

static void test_10x3_too_small(void **state)
{
	(void)state;
	expect_layout(10, 3, LAYOUT_TEXT, "too small");
	expect_layout(1, 1, LAYOUT_TEXT, "too small");
	expect_layout(0, 0, LAYOUT_TEXT, "too small");
	expect_layout(200, 3, LAYOUT_TEXT, "too small");
}

static void test_every_size_tiles_the_screen(void **state)
{
	(void)state;
	/* Visible panes never overlap, never leave the screen, and cover every
	 * column of the rows above the status line. */
	for (int cols = LAYOUT_MIN_COLS; cols <= 300; cols++) {
		for (int lines = LAYOUT_MIN_LINES; lines <= 80; lines += 7) {
			struct layout l;
			layout_compute(cols, lines, LAYOUT_LIST, false, &l);
			assert_false(l.too_small);
			int covered = 0;
			for (int p = 0; p < LAYOUT_PANES; p++) {
				if (!layout_visible(&l, (enum layout_pane)p))
					continue;
				const struct layout_rect *r = &l.pane[p];
				assert_int_equal(r->x, covered);
				assert_int_equal(r->h, lines - 1);
				assert_true(r->w >= 10);
				covered += r->w;
			}
			assert_int_equal(covered, cols);
			assert_int_equal(l.status.y, lines - 1);
		}
	}
}

static void test_sidebar_width_set(void **state)
{
	(void)state;
	layout_set_side_width(30);
	expect_layout(120, 40, LAYOUT_TEXT,
	              "list 0,0 38x39 | text 38,0 52x39 | side 90,0 30x39 | status 0,39 120x1");
	/* Too wide for the screen: the text keeps 20 columns. */
	layout_set_side_width(200);
	expect_layout(80, 24, LAYOUT_TEXT,
	              "list 0,0 26x23 | text 26,0 20x23 | side 46,0 34x23 | status 0,23 80x1");
	layout_set_side_width(0);
	expect_layout(80, 24, LAYOUT_TEXT,
	              "list 0,0 26x23 | text 26,0 34x23 | side 60,0 20x23 | status 0,23 80x1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_80x24_three_panes),
		cmocka_unit_test(test_200x60_text_gets_the_room),
		cmocka_unit_test(test_120x40),
		cmocka_unit_test(test_40x12_sidebar_hidden),
		cmocka_unit_test(test_narrow_shows_focused_pane_only),
		cmocka_unit_test(test_zoom_gives_the_focused_pane_the_screen),
		cmocka_unit_test(test_10x3_too_small),
		cmocka_unit_test(test_every_size_tiles_the_screen),
		cmocka_unit_test(test_sidebar_width_set),
	};
	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
