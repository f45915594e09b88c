/*
 * ui.c: the reader's main loop: layout, drawing the views (view.c), and
 * dispatching each action to the view in focus (the top view, else the
 * focused pane), then to the reader's own actions (reader.c).
 * The terminal, curses and signals are set up in session.c.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "margo/cli.h"
#include "margo/config.h"
#include "margo/store_annot.h"
#include "margo/text.h"
#include "margo/util.h"
#include "margo/config.h"
#include "mouse.h"
#include "ui.h"
#include "config_apply.h"
#include "keymap.h"

int ui_pane_height(const struct ui *ui, enum layout_pane p)
{
	return layout_visible(&ui->layout, p) ? ui->layout.pane[p].h : 0;
}

/* Recompute the layout and remake the windows for the current size. */
void ui_relayout(struct ui *ui)
{
	for (int p = 0; p < LAYOUT_PANES; p++) {
		if (ui->win[p])
			delwin(ui->win[p]);
		ui->win[p] = NULL;
	}
	if (ui->status_win)
		delwin(ui->status_win);
	ui->status_win = NULL;
	ui->cols = COLS;
	ui->lines = LINES;
	layout_compute(ui->cols, ui->lines, ui->focus, ui->zoom, &ui->layout);
	if (ui->layout.too_small)
		return;
	for (int p = 0; p < LAYOUT_PANES; p++) {
		const struct layout_rect *r = &ui->layout.pane[p];
		if (!layout_visible(&ui->layout, (enum layout_pane)p))
			continue;
		ui->win[p] = newwin(r->h, r->w, r->y, r->x);
		if (!ui->win[p]) {
			ui->layout.too_small = true;
			return;
		}
		keypad(ui->win[p], TRUE);
	}
	const struct layout_rect *s = &ui->layout.status;
	ui->status_win = newwin(s->h, s->w, s->y, s->x);
	if (!ui->status_win)
		ui->layout.too_small = true;
	/* A hidden focused pane (sidebar on a narrow screen) gives way. */
	if (!layout_visible(&ui->layout, ui->focus))
		ui->focus = LAYOUT_TEXT;
}

static void draw_too_small(struct ui *ui)
{
	erase();
	/* One line when it fits, else a word a line, as much as fits. */
	static const char *const words[] = { "terminal", "too", "small" };
	const char *msg = "terminal too small";
	int len = (int)strlen(msg);
	if (COLS >= len && LINES > 0) {
		mvaddstr(LINES / 2, (COLS - len) / 2, msg);
	} else {
		int top = LINES >= 3 ? (LINES - 3) / 2 : 0;
		for (int i = 0; i < 3 && top + i < LINES; i++) {
			int n = (int)strlen(words[i]);
			mvaddnstr(top + i, COLS > n ? (COLS - n) / 2 : 0, words[i], COLS);
		}
	}
	wnoutrefresh(stdscr);
	(void)ui;
}

void ui_draw_all(struct ui *ui)
{
	if (ui->layout.too_small) {
		draw_too_small(ui);
		doupdate();
		return;
	}
	view_draw_all(ui);  /* the panes, the view over them, the status line */
	doupdate();
}

static void dispatch(struct ui *ui, enum ui_action a)
{
	if (a == UI_ACTION_QUIT_NOW) {
		ui->quit = true;  /* from any view; drafts are saved on the way out */
		return;
	}
	if (ui_action_refused(ui, a))
		return;  /* read-only library, or no article open (action.c) */
	if (view_key(ui, a))
		return;  /* the view in focus took it: the top one, else the pane */
	reader_action(ui, a);  /* the reader's own (reader.c) */
}

/* When idle: if another process changed the library (PRAGMA data_version
 * moves), read again what is on screen. */
static void refresh_if_changed(struct ui *ui)
{
	static int64_t data_version;  /* the library's, when last looked at */
	int64_t v = 0;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(store_db(ui->st), "PRAGMA data_version", -1, &s, NULL) != SQLITE_OK)
		return;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (!data_version) {
		data_version = v;
		return;
	}
	if (v == data_version)
		return;
	data_version = v;
	list_pane_recount(ui);
	if (text_pane_loaded(ui)) {
		text_pane_reload_mentions(ui);
		side_pane_load(ui);
		annotate_load(ui);
	}
	if (view_is_open(ui, &annot_view_ops))
		annot_view_open(ui);
	ui_message(ui, false, _("the library changed: shown again"));
}

/* Elapsed milliseconds on a monotonic clock. */
static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

int ui_run(const char *db_path, const char *locale_warning, const char *notice)
{
	struct ui ui;
	memset(&ui, 0, sizeof ui);
	ui.focus = LAYOUT_LIST;
	char *err = NULL;
	if (store_open(db_path, STORE_OPEN_WRITE_OR_READ, &ui.st, &err) < 0) {
		cli_error("%s", err ? err : _("out of memory"));
		free(err);
		return 3;
	}
	/* Who codes: "set user", else the login (checked when read). */
	if (store_set_coder(ui.st, config_options()->user) == -1) {
		cli_error("%s", _("out of memory"));
		store_close(&ui.st);
		return 3;
	}
	ui_install_signals();
	const char *script = getenv("MARGO_SCRIPT");
	int start_status;
	SCREEN *scr = ui_start_curses(&ui, script && *script ? script : NULL, &err, &start_status);
	if (!scr) {
		/* Made safe: TERM and the script's name come from outside. */
		cli_error("%s", err ? err : _("cannot start the terminal"));
		free(err);
		if (ui.script)
			fclose(ui.script);
		store_close(&ui.st);
		return start_status;
	}
	ui_setup_curses(&ui);
	mouse_set(&ui, config_options()->mouse);  /* set mouse on: else no reports asked */
	if (list_pane_init(&ui) < 0)
		ui_message(&ui, true, _("cannot read the library: %s"), store_errmsg(ui.st));
	else if (list_pane_count(&ui) > 0) {
		ui_relayout(&ui);  /* the position is found at the text's width */
		reading_start(&ui);  /* where the reader left off, else the first */
	}
	if (list_pane_count(&ui) == 0)
		ui_message(&ui, false, _("the library is empty: quit and run \"margo add PATH\""));
	if (notice && *notice)
		ui_message(&ui, false, "%s", notice);
	chart_set_ascii(locale_warning != NULL);
	if (locale_warning)
		ui_message(&ui, true, "%s", locale_warning);
	ui_relayout(&ui);
	refresh_if_changed(&ui);  /* the library's version, to notice others' changes */
	int64_t review = 0;
	if (store_annot_to_review(ui.st, &review) == 0 && review > 0)
		ui_message(&ui, false, ngettext("%lld annotation moved with an edited text: A, then "
		                                "/ status:fuzzy or status:orphan, to review",
		                                "%lld annotations moved with an edited text: A, then "
		                                "/ status:fuzzy or status:orphan, to review",
		                                (unsigned long)review), (long long)review);
	ui.readonly = store_readonly(ui.st);
	if (ui.readonly)
		ui_message(&ui, false, _("read-only: this library cannot be written; reading only"));
	else
		annotate_offer_draft(&ui);
	ui_config_report(&ui);  /* errors of the configuration file */

	int status = 0, quick_errs = 0;
	input_paste_mode(&ui, true);
	timeout(ui.script ? 0 : 250);
	while (!ui.quit && !ui_exit_requested(&ui)) {
		ui_draw_all(&ui);
		long t0 = now_ms();
		int key = input_next_key(&ui);
		if (key == -2)
			break;  /* end of the script */
		if (key == ERR) {
			/* ERR at once, again and again: the terminal is gone. */
			if (!ui.script && now_ms() - t0 < 5 && ++quick_errs > 50)
				break;
			refresh_if_changed(&ui);
			continue;
		}
		quick_errs = 0;
		if (key == UI_FN(KEY_RESIZE)) {
			ui_relayout(&ui);
			continue;
		}
		if (key == UI_FN(KEY_MOUSE)) {
			mouse_event(&ui, dispatch);  /* nothing when the mouse is off */
			continue;
		}
		if (key == UI_KEY_PASTE) {
			/* Pasted text is not a row of commands. */
			size_t n;
			free(input_read_paste(&ui, &n));
			ui_message(&ui, false, _("a paste goes into a prompt (/, S, a ...), not to the reader's keys"));
			continue;
		}
		if (annotate_key(&ui, key))
			continue;  /* a key that moves the selection */
		if (!ui_keymap_pending() && count_key(&ui, key))
			continue;  /* a digit of a count */
		enum ui_action acts[CONFIG_SEQ_MAX + 1];
		for (size_t i = 0, n = ui_keymap_feed(&ui, key, acts); i < n && !ui.quit; i++) {
			free(ui.message);
			ui.message = NULL;
			count_dispatch(&ui, acts[i], dispatch);
		}
	}
	/* A link begun with L and not made: the annotation made for its end
	 * alone goes with it. */
	if (link_pending())
		link_cancel(&ui);
	reading_leave(&ui);  /* also on SIGTERM and SIGHUP */
	for (int p = 0; p < LAYOUT_PANES; p++)
		if (ui.win[p])
			delwin(ui.win[p]);
	if (ui.status_win)
		delwin(ui.status_win);
	struct buf unsaved = { 0 };
	for (char *line; (line = annotate_unsaved_at_exit(&ui)); free(line)) {
		/* Said after the screen is gone, so what was typed is not lost. */
		char *safe = text_render(line, strlen(line), 0, -1, NULL);
		buf_printf(&unsaved, _("margo: %s\n"), safe ? safe : _("out of memory"));
		free(safe);
	}
	endwin();
	input_paste_mode(&ui, false);
	delscreen(scr);
	if (ui.script)
		fclose(ui.script);
	view_close_all(&ui);
	annot_view_free();
	annotate_edit_free();
	results_view_free();
	jump_free(&ui);
	side_pane_free(&ui);
	free(side_pane_state(&ui)->acted.norm);
	side_pane_state(&ui)->acted.norm = NULL;
	text_pane_free(&ui);
	list_pane_free(&ui);
	list_pane_close(&ui);
	free(ui.message);
	store_close(&ui.st);
	if (unsaved.len) {
		fputs(unsaved.data, stderr);
		status = 3;
	}
	buf_free(&unsaved);
	int sig = ui_exit_signal();
	if (sig == SIGHUP || sig == SIGTERM || sig == SIGINT)
		status = 128 + sig;
	return status;
}
