/*
 * ui.h: what the loop and the views share.
 *
 * struct ui holds only what the loop needs (the library, the screen and
 * its windows, the focus, the view stack, the status message, scripted
 * input).  Each view keeps its own state in its own file (text_pane.h,
 * list_pane.h, side_pane.h, and static state in the overlays' files) and
 * is reached through the view_ops of view.c.  Pane state is plain data, so
 * a script can dump it (:save-state) for tests.
 */
#ifndef MARGO_UI_H
#define MARGO_UI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "margo/layout.h"
#include "margo/store.h"
#include "margo/store_entity.h"
#include "margo/store_list.h"
#include "margo/store_search.h"
#include "margo/text.h"
#include "margo/i18n.h"

#include "actions.h"

/* Entry point used by main(): returns an exit status. */
int ui_run(const char *db_path, const char *locale_warning, const char *notice);

/* `margo keys [--format config|markdown|man]` (keys.c): an exit status. */
int ui_keys_command(int argc, char **argv);

/* The views, actions and colour elements a configuration file may name
 * (config_apply.c). */
struct config_names;
const struct config_names *ui_config_names(void);

#ifdef MARGO_UI_INTERNAL
#include <curses.h>

#include "list_pane.h"
#include "listw.h"
#include "side_pane.h"



enum view_kind { VIEW_NONE, VIEW_MENTIONS, VIEW_SEARCH, VIEW_RELATED, VIEW_ANNOTATIONS };

/* A place to go back to: the article, the reading position, the focus,
 * the span jumped to, and the view that was open (re-read on return). */
struct ui_place {
	int64_t article;
	size_t cursor, top;
	enum layout_pane focus;
	bool has_target;
	struct store_mention target;
	enum view_kind view;
	int64_t view_id;          /* the entity or passage of the view */
	char *view_query;         /* the search of the view (malloc'd) */
	int view_sentence;        /* related: the sentence asked about, or -1 */
	size_t view_sel;
};


/* A view (view.c): a pane (the list, the text, the sidebar) or one over
 * the panes (the mentions, the results, the annotations, the codebook, the
 * help). */
struct ui;
struct buf;
struct view_ops {
	const char *name;                       /* on the status line */
	const char *(*title)(struct ui *ui);    /* or this, when it varies */
	void (*draw)(struct ui *ui, WINDOW *w);
	/* An action; false for those it leaves to the views below and the
	 * loop (help, back, forward, redraw).  q and Esc never reach it. */
	bool (*key)(struct ui *ui, enum ui_action a);
	void (*close)(struct ui *ui);           /* frees its state (NULL: a pane) */
	/* The status line's part for it (" 3/40"), or NULL. */
	void (*status)(struct ui *ui, struct buf *b);
	/* Where it is, for the jump history (Ctrl-O reopens it), or NULL. */
	void (*place)(struct ui *ui, struct ui_place *p);
	/* How many entries its list shows (0: nothing to select), or NULL
	 * when it is not a list. */
	size_t (*entries)(struct ui *ui);
	bool over;        /* opens over the open view, on the whole screen */
	bool keeps_esc;   /* Esc does not close it */
};

#define VIEW_DEPTH 4
struct view_stack {
	const struct view_ops *v[VIEW_DEPTH];  /* bottom first */
	size_t n;
	const struct view_ops *line;  /* on the status line (a prompt), or NULL */
};

struct ui {
	struct store *st;
	struct layout layout;
	enum layout_pane focus;
	int cols, lines;
	WINDOW *win[LAYOUT_PANES];
	WINDOW *status_win;
	bool zoom;                 /* the focused pane takes the whole screen */
	struct view_stack views;  /* the views open over the panes */
	bool quit;
	bool gone;                /* the terminal went away */
	bool readonly;            /* the library cannot be written */
	char *message;            /* transient status message */
	bool message_is_error;

	/* Scripted runs (MARGO_SCRIPT): input comes from a file. */
	FILE *script;
	int script_line;
	int script_keys[64];      /* keys queued from one script line */
	int n_script_keys, next_script_key;
};

/* Colour/attribute roles. */
enum ui_role {
	ROLE_NORMAL,
	ROLE_HEADER,          /* pane header, unfocused */
	ROLE_HEADER_FOCUS,    /* pane header, focused */
	ROLE_SELECTED,        /* selected row in a list */
	ROLE_CURSOR,          /* reading cursor in the text */
	ROLE_TITLE,
	ROLE_HEADING,
	ROLE_DIM,             /* metadata, dates */
	ROLE_STATUS,
	ROLE_ERROR,
	ROLE_MENTION,         /* an entity's mention in the text */
	ROLE_HIT,             /* a search hit */
	ROLE_ANNOT,           /* an annotated span (green, the default) */
	ROLE_ANNOT_YELLOW,    /* ... in the colour chosen with H */
	ROLE_ANNOT_BLUE,
	ROLE_ANNOT_RED,
	ROLE_ANNOT_MAGENTA,
	ROLE_SELECTION,       /* the selection being made */
	ROLE_COUNT
};

/* draw.c */
void draw_init_roles(bool use_color);
attr_t draw_attr(enum ui_role role);
void draw_set_role(WINDOW *w, enum ui_role role);
/* Draw bytes [s, s+len) of untrusted text at (y, x) with at most max
 * cells; returns the cells used. */
int draw_text(WINDOW *w, int y, int x, const char *s, size_t len, int max);
int draw_str(WINDOW *w, int y, int x, const char *s, int max);
/* Clear row y from x to the window's right edge with the current attrs. */
void draw_fill(WINDOW *w, int y, int x);
/* A pane header on row 0; returns the content width (w minus a border). */
void draw_header(WINDOW *w, const char *label, bool focused);
/* The separator column at the right edge of a pane. */
void draw_border(WINDOW *w);

/* The three panes are views as well (view.c keeps them beneath the stack):
 * a pane's `key` gets the actions no open view took. */
extern const struct view_ops list_pane_ops;
extern const struct view_ops text_pane_ops;
extern const struct view_ops side_pane_ops;

/* list_pane.c */
int list_pane_init(struct ui *ui);
void list_pane_free(struct ui *ui);
/* Count the list again (after the library changed). */
void list_pane_recount(struct ui *ui);
/* The list as sorted and filtered: its rows, the id of row i (0 when
 * out of range), the selected row, the row of article id (-1: not in it). */
int64_t list_pane_count(const struct ui *ui);
int64_t list_pane_id_at(struct ui *ui, int64_t i);
int64_t list_pane_cursor(const struct ui *ui);
int64_t list_pane_index_of(struct ui *ui, int64_t id);
/* The article dir (+1, -1) rows from the open one (else the selected
 * one), the selection moved onto it; 0 at either end. */
int64_t list_pane_step(struct ui *ui, int dir);
/* o: the next order; /: filter the titles as the user types. */
void list_pane_next_order(struct ui *ui);
void list_pane_filter_prompt(struct ui *ui);
/* count.c: digits before a motion ("5j", "500G"). */
bool count_key(struct ui *ui, int key);
/* The count typed so far, or 0. */
int64_t count_pending(void);
void count_dispatch(struct ui *ui, enum ui_action a,
                    void (*dispatch)(struct ui *ui, enum ui_action a));
/* The id of the article under the list's cursor, or 0. */
int64_t list_pane_selected_id(struct ui *ui);
/* text_pane.c: whether an article is open (text_pane.h has the rest). */
bool text_pane_loaded(const struct ui *ui);
void text_pane_free(struct ui *ui);
/* Read the open article's mentions again (after a correction). */
void text_pane_reload_mentions(struct ui *ui);
/* side_pane.c */
int side_pane_load(struct ui *ui);
void side_pane_anchor(struct ui *ui, struct side_anchor *at, const char *except);
int side_pane_load_at(struct ui *ui, struct side_anchor *at);
void side_pane_free(struct ui *ui);
int64_t side_pane_selected_entity(const struct ui *ui);
/* view.c: the views over the panes, on a stack */
/* Open `ops`: over the open view when it opens over (the help), else in
 * place of it; nothing when it is open already (it reads its state anew). */
void view_open(struct ui *ui, const struct view_ops *ops);
/* Close it (and free its state, open or not). */
void view_close(struct ui *ui, const struct view_ops *ops);
void view_close_all(struct ui *ui);
const struct view_ops *view_top(const struct ui *ui);   /* NULL: none */
bool view_is_open(const struct ui *ui, const struct view_ops *ops);
/* An action for the view in focus: the open views, top first (q and Esc
 * close the top one), then the focused pane; false when none took it. */
bool view_key(struct ui *ui, enum ui_action a);
/* The pane p as a view; the view in focus (the top one, else the focused
 * pane). */
const struct view_ops *view_pane(enum layout_pane p);
const struct view_ops *view_focused(const struct ui *ui);
/* Draw the panes not covered, then the top view, then the status line
 * (the view on it, else the reader's position and message). */
void view_draw_all(struct ui *ui);
/* The top view alone, into curses' next screen (not yet to the terminal). */
void view_draw(struct ui *ui);
/* Put `ops` on the status line (NULL: the status line's own); returns the
 * view it replaces. */
const struct view_ops *view_line(struct ui *ui, const struct view_ops *ops);
/* Whether pane p is hidden under the top view; the name of the view in
 * focus for the status line. */
bool view_covers(const struct ui *ui, enum layout_pane p);
const char *view_title(struct ui *ui);
/* The top view's part of the status line, else the text pane's (where
 * the reading is); false when it has none. */
bool view_status(struct ui *ui, struct buf *b);
/* The open view's place in p (p->view stays VIEW_NONE when none). */
void view_place(struct ui *ui, struct ui_place *p);
/* chart.c: a series as vertical bars at (y, x), `height` rows with the
 * labels' row, the bar `sel` shown selected when `focus`, bar `picked`
 * (or -1) marked; rows used.  The bars are the series' periods, then,
 * when some dates are missing, one more for the undated (index s->n).
 * chart_hbar: one name and its count as a horizontal bar scaled to max.
 * ASCII instead of blocks when the locale was not UTF-8 (chart_set_ascii,
 * from ui_run). */
#include "margo/store_timeline.h"
void chart_set_ascii(bool on);
bool chart_ascii(void);
void chart_label(struct buf *b, const struct store_bin *bin);
/* The bars of a series: its periods and the undated one, if any. */
size_t chart_bars(const struct store_series *s);
/* Bar i's label ("2023-09", "2023", or "undated" translated) and count. */
void chart_label_at(struct buf *b, const struct store_series *s, size_t i);
int64_t chart_count(const struct store_series *s, size_t i);
size_t chart_first(size_t n, size_t sel, int width);
/* The chart's keys that pick a bar (Right, Left, first, last) move *bar
 * among n; false for any other action. */
bool chart_move(size_t *bar, size_t n, enum ui_action a);
int chart_draw(WINDOW *w, int y, int x, int width, int height,
               const struct store_series *s, size_t sel, bool focus, long picked);
void chart_hbar(WINDOW *w, int y, int x, int width, const char *name, int64_t count,
                int64_t max, bool sel);

/* mentions_view.c */
extern const struct view_ops mentions_view_ops;
int mentions_view_open(struct ui *ui, int64_t entity, size_t sel);
void mentions_view_save_state(struct ui *ui, FILE *f);
/* annotate.c: selecting, annotating, the annotations list, undo */
bool annotate_key(struct ui *ui, int key);     /* keys while selecting */
void annotate_start_selection(struct ui *ui);
void annotate_select_mention(struct ui *ui);
void annotate_selection(struct ui *ui);
/* What a and L take: the selection, else the cursor's sentence, without
 * blanks at either end, in code points; false when that is empty. */
bool annotate_span_here(struct ui *ui, size_t *cs, size_t *ce);
void annotate_load(struct ui *ui);             /* spans of the open article */
void annotate_free(struct ui *ui);
/* The role of the annotation at byte pos (the last begun), or ROLE_NORMAL. */
enum ui_role annotate_role_at(const struct ui *ui, size_t pos);
/* H: choose the colour of the annotation at the cursor or in the list. */
void annotate_color(struct ui *ui, const char *id);
/* The spans over the cursor's sentence (or the selection), by start:
 * their indexes in *out (malloc'd); with `anchors` the links' bare ends
 * too, with `linked` only those with a link. */
size_t annotate_here(struct ui *ui, bool anchors, bool linked, size_t **out);
/* "[gre]": the colour `name` (stored, English) as shown, appended to b. */
void annotate_swatch(struct buf *b, const char *name);
/* The role of a colour by name. */
enum ui_role annotate_role_of(const char *name);
/* d in the text: delete the annotation at the cursor (u takes it back). */
void annotate_delete_here(struct ui *ui);
extern const struct view_ops annot_view_ops;
/* Open the annotations list (again: read anew, its selection kept), at
 * row sel, or filtered by `filter` (taken; the selection on the first). */
int annot_view_open(struct ui *ui);
int annot_view_open_at(struct ui *ui, size_t sel);
int annot_view_open_filtered(struct ui *ui, char *filter);
/* Where the listed annotation `id` is (code points); false if not listed. */
bool annot_view_find(const char *id, int64_t *article, size_t *cs, size_t *ce);
void annot_view_save_state(struct ui *ui, FILE *f);
/* At exit: what the list keeps from one opening to the next. */
void annot_view_free(void);
void annotate_undo(struct ui *ui, bool redo);   /* u, Ctrl-R: the library's journal */
/* t: ask the tags of annotation `id` (prefilled with `tags`) and save them. */
void annotate_retag(struct ui *ui, const char *id, const char *tags);
/* The orphan annotation `id` (taken) is placed by the next a. */
void annotate_reattach_next(char *id);
/* At exit: the orphan waiting to be placed is forgotten. */
void annotate_edit_free(void);
/* codebook_view.c */
extern const struct view_ops codebook_view_ops;
int codebook_view_open(struct ui *ui);
void codebook_view_save_state(struct ui *ui, FILE *f);
/* link.c: linking passages (L) and following links (F) */
void link_here(struct ui *ui);
/* Forget a link begun with L (and an end made for it alone). */
void link_cancel(struct ui *ui);
/* Whether a link begun with L waits for its other end. */
bool link_pending(void);
/* A link's kind (stored in English) as shown in the user's language. */
const char *link_kind_shown(const char *kind);
void link_passages(struct ui *ui, int64_t from, int64_t to);
void link_follow(struct ui *ui);
void link_remove(struct ui *ui);   /* D: remove a link of the annotation at the cursor */
/* editor.c: the note of annotation `id` in $VISUAL/$EDITOR. */
void editor_edit_note(struct ui *ui, const char *id, const char *note);
/* At start: a draft left by a crash or a hang-up is offered again. */
void annotate_offer_draft(struct ui *ui);
/* At exit: what could not be saved, one malloc'd line for the user (raw
 * text: sanitise it) a piece, the last kept as a draft when the library
 * takes it; NULL when nothing is left. */
char *annotate_unsaved_at_exit(struct ui *ui);
/* A tag or note whose save failed is still kept (asked about at quit). */
bool annotate_has_unsaved(void);
/* Write the note of annotation `id` on the status line (drafted). */
void annotate_note_inline(struct ui *ui, const char *id, const char *note);
/* results_view.c: corpus search (S) and related passages (r) */
int results_view_search(struct ui *ui, const char *input, size_t sel);
int results_view_related(struct ui *ui, int64_t passage, int sentence, size_t sel);
extern const struct view_ops results_view_ops;
void results_view_save_state(struct ui *ui, FILE *f);
/* At exit: what the related passages keep from one opening to the next. */
void results_view_free(void);
void results_prompt(struct ui *ui);
void results_for_cursor(struct ui *ui);
/* jump.c: the jump history and moving by entity */
void jump_to_mention(struct ui *ui, const struct store_mention *m);
/* Jump to bytes [start, end) of an article, highlighted; records history. */
void jump_to_span(struct ui *ui, int64_t article, size_t start, size_t end);
void jump_back(struct ui *ui);
void jump_forward(struct ui *ui);
void jump_step_mention(struct ui *ui, int dir);
void jump_free(struct ui *ui);
/* Where the reader is in the jump history: *at of *n places (0 of 0). */
void jump_position(size_t *at, size_t *n);
/* Going elsewhere by hand: where the reader is becomes the current place
 * (the places ahead are forgotten; -1: out of memory), then, once there,
 * the new place is recorded. */
int jump_leave_here(struct ui *ui);
void jump_arrive_here(struct ui *ui);
/* reading.c: next and previous article, read marks, reading positions */
/* Open the article, recorded in the jump history, at its saved position
 * or (at_top) at its top; 0 or -1. */
int reading_open(struct ui *ui, int64_t id, bool at_top);
/* J, K (dir 1, -1) and Space at the end (at_top): the next row of the list. */
void reading_step(struct ui *ui, int dir, bool at_top);
/* U: mark the article read, or unread again. */
void reading_toggle(struct ui *ui);
/* At start: the article left last at its position, else the first. */
void reading_start(struct ui *ui);
/* The open article was read (after it opened) / is being left (keeps its
 * position); reading_check marks it read when scrolled enough. */
void reading_opened(struct ui *ui);
void reading_restore(struct ui *ui);
void reading_leave(struct ui *ui);
void reading_check(struct ui *ui);
/* prompt.c: a line of input on the status line; NULL when cancelled.
 * `changed` (may be NULL) hears the text after every edit. */
typedef void (*prompt_changed_fn)(struct ui *ui, const char *text, void *ctx);
/* `history` names the prompt's history (Up/Down; kept across sessions,
 * see prompt_history.c); NULL: none. */
char *prompt_line(struct ui *ui, const char *history, const char *question,
                  const char *initial, prompt_changed_fn changed, void *ctx);
/* The same, handing what is typed to `draft` every few seconds and when
 * margo must end: NULL then, with ui_exit_requested() true.  Tab asks
 * `complete` (may be NULL) for a longer text (malloc'd; NULL: no change). */
typedef char *(*prompt_complete_fn)(struct ui *ui, const char *text);
char *prompt_line_drafted(struct ui *ui, const char *history, const char *question,
                          const char *initial, prompt_changed_fn draft, void *ctx,
                          prompt_complete_fn complete);
/* One key from `choices` (lower case), or 0 when cancelled. */
/* The same for text of several lines (a note): Ctrl-J starts a new line. */
char *prompt_text_drafted(struct ui *ui, const char *question, const char *initial,
                          prompt_changed_fn draft, void *ctx);
int prompt_choice(struct ui *ui, const char *question, const char *choices);
/* A question ending in "(y/n)": true for yes, answered by the letters the
 * user's language shows ("(s/n)" in Italian; y is yes in every language). */
bool prompt_yes(struct ui *ui, const char *question);
/* prompt_history.c: the entries of the history `name`, oldest first. */
struct prompt_history {
	char **items;
	size_t n;
};
void prompt_history_load(const char *name, struct prompt_history *h);
void prompt_history_free(struct prompt_history *h);
/* Add `entry` (newest); -1 with a one-line message in *err (malloc'd). */
int prompt_history_add(const char *name, const char *entry, char **err);
/* status_line.c */
void status_line_draw(struct ui *ui);
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* action.c */
/* The view in focus: an open view over the panes (the help first, or with
 * `under_help` the one beneath it), else the focused pane. */
enum ui_view ui_view_in_focus(const struct ui *ui, bool under_help);
/* The one check of an action's flags before it runs: true when it may
 * not run here and now (it said why on the status line). */
bool ui_action_refused(struct ui *ui, enum ui_action a);
/* Whether a count typed before the action repeats it: the actions that
 * move the cursor or the place read (UI_F_MOVES: 5j, 3J, 2n, 2 Ctrl-O);
 * before any other the count is forgotten and the action runs once. */
bool ui_action_counted(enum ui_action a);

/* help_view.c */
extern const struct view_ops help_view_ops;
void help_view_open(struct ui *ui);
/* input.c */
int input_open_script(struct ui *ui, const char *path);
/* The next key: a curses key code, ERR on timeout, or -2 at the end of a
 * script.  Script commands (":save-display FILE" ...) run inside. */
int input_next_key(struct ui *ui);
/* The key a terminal's bracketed paste starts with (ESC [ 200 ~); then
 * input_read_paste() reads what was pasted, raw and in one go, up to the
 * terminal's end mark: malloc'd, its length in *len (NULL: out of memory). */
#define UI_KEY_PASTE UI_FN(KEY_MAX + 2000)
#define UI_KEY_PASTE_END UI_FN(KEY_MAX + 2001)
char *input_read_paste(struct ui *ui, size_t *len);
/* Bracketed paste on (at start, after a suspension) and off (before the
 * terminal is handed back); nothing for scripted runs. */
void input_paste_mode(struct ui *ui, bool on);
void ui_save_state(struct ui *ui, FILE *f);

/* session.c: the terminal, curses and signals */
void ui_install_signals(void);
/* Start curses on the terminal, or on /dev/null for a scripted run (the
 * script opened); NULL on failure, the message in *err (malloc'd) and the
 * exit status in *status: 2 for a terminal that cannot show the reader,
 * 3 otherwise. */
SCREEN *ui_start_curses(struct ui *ui, const char *script, char **err, int *status);
void ui_setup_curses(struct ui *ui);
/* The signal that asked margo to end, or 0. */
int ui_exit_signal(void);
/* A signal (SIGHUP, SIGTERM, SIGINT) came, or the terminal is gone. */
bool ui_exit_requested(const struct ui *ui);
/* After ^Z (SIGTSTP): hand the terminal back, stop, and take it again on
 * fg; true when that happened (the screen must be laid out again). */
bool ui_suspend_if_asked(struct ui *ui);

/* reader.c: an action of the whole reader, which no view took. */
void reader_action(struct ui *ui, enum ui_action a);

/* ui.c */
void ui_relayout(struct ui *ui);
void ui_draw_all(struct ui *ui);
int ui_pane_height(const struct ui *ui, enum layout_pane p);
#endif

#endif
