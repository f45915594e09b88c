/*
 * actions.h: every action of the reader, in one list.
 *
 * Each action has its name, the views it applies to, its flags, its
 * default keys and its help text.  The list is expanded once into an enum
 * and once into the table (action.c); the default keys are read once at
 * start by the configuration's key parser (keymap.c), and the help screen,
 * `margo keys`, the README's key table and margo(1)'s KEYS list are
 * generated from this list alone, so keys, help and docs cannot drift.
 * The flags are checked in one place before an action runs
 * (ui_action_refused() in action.c).  The keys of the two modes, a
 * selection being made (select) and a line being typed (prompt), are
 * actions here too.
 */
#ifndef MARGO_UI_ACTIONS_H
#define MARGO_UI_ACTIONS_H

#include "margo/i18n.h"

/* The views an action applies to: the three panes, and the views over
 * them.  An action of the help is one it takes while open.  The last two
 * are modes: select while a selection is made in the text, prompt while
 * a line is typed on the status line; "generic" reaches them only with
 * their own actions. */
enum ui_view {
	UI_VIEW_LIST, UI_VIEW_TEXT, UI_VIEW_SIDE, UI_VIEW_HELP, UI_VIEW_MENTIONS,
	UI_VIEW_RESULTS, UI_VIEW_ANNOTATIONS, UI_VIEW_CODEBOOK, UI_VIEW_SELECT,
	UI_VIEW_PROMPT, UI_VIEW_COUNT
};
#define UI_V_LIST        (1u << UI_VIEW_LIST)
#define UI_V_TEXT        (1u << UI_VIEW_TEXT)
#define UI_V_SIDE        (1u << UI_VIEW_SIDE)
#define UI_V_HELP        (1u << UI_VIEW_HELP)
#define UI_V_MENTIONS    (1u << UI_VIEW_MENTIONS)
#define UI_V_RESULTS     (1u << UI_VIEW_RESULTS)
#define UI_V_ANNOTATIONS (1u << UI_VIEW_ANNOTATIONS)
#define UI_V_CODEBOOK    (1u << UI_VIEW_CODEBOOK)
#define UI_V_PANES       (UI_V_LIST | UI_V_TEXT | UI_V_SIDE)
#define UI_V_VIEWS       (UI_V_MENTIONS | UI_V_RESULTS | UI_V_ANNOTATIONS | UI_V_CODEBOOK)
#define UI_V_SELECT      (1u << UI_VIEW_SELECT)
#define UI_V_PROMPT      (1u << UI_VIEW_PROMPT)
#define UI_V_ALL         ((1u << UI_VIEW_SELECT) - 1)  /* "generic": all but the modes */
#define UI_V_MODES       (UI_V_SELECT | UI_V_PROMPT)

/* What an action needs and does. */
#define UI_F_WRITES          (1u << 0)  /* writes to the library: refused when read-only */
#define UI_F_NEEDS_ARTICLE   (1u << 1)  /* in the panes, acts on the open article */
#define UI_F_NEEDS_SELECTION (1u << 2)  /* acts on the entry selected in a list */
#define UI_F_MOVES           (1u << 3)  /* moves the cursor or the place read */
#define UI_F_OWN_KEYS        (1u << 4)  /* its default keys are bound in its views only,
                                           over a generic action on the same keys */

/* X(ID, "name", views, flags, "keys", N_("help")): "keys" are the default
 * keys, blank-separated, as a configuration file writes them ("j <Down>",
 * "^O", "gg"); <Enter> also binds ^J and <KpEnter>, <Backspace> also ^?
 * and ^H (keymap.c).  The help is translated where it is shown
 * (help_view.c, keys.c); the name never is. */
#define UI_ACTIONS(X) \
	X(DOWN, "down", UI_V_ALL, UI_F_MOVES, "j <Down>", \
	  N_("Move down: next article, sentence or entry; a count first (5j) moves that many")) \
	X(UP, "up", UI_V_ALL, UI_F_MOVES, "k <Up>", \
	  N_("Move up: previous article, sentence or entry")) \
	X(PAGE_DOWN, "page-down", UI_V_ALL, UI_F_MOVES, "<PgDn> <Space>", \
	  N_("Page down; at the end of an article, on to the next")) \
	X(PAGE_UP, "page-up", UI_V_ALL, UI_F_MOVES, "<PgUp> b", \
	  N_("Page up")) \
	X(FIRST, "first", UI_V_ALL, UI_F_MOVES, "g <Home>", \
	  N_("Go to the first article, sentence or entry")) \
	X(LAST, "last", UI_V_ALL, UI_F_MOVES, "G <End>", \
	  N_("Go to the last article, sentence or entry; a count first (500G): to that one")) \
	X(OPEN, "open", UI_V_LIST | UI_V_SIDE | UI_V_VIEWS, UI_F_NEEDS_SELECTION, "<Enter>", \
	  N_("Open the selected article, entity, mention or outline entry (an entity marked ? is a bare name that several people's full names fit, kept apart: its mentions say which)")) \
	X(NEXT_ARTICLE, "next-article", UI_V_PANES, UI_F_MOVES, "J", \
	  N_("Open the next article of the list (where it was left)")) \
	X(PREV_ARTICLE, "prev-article", UI_V_PANES, UI_F_MOVES, "K", \
	  N_("Open the previous article of the list")) \
	X(TOGGLE_READ, "toggle-read", UI_V_PANES, UI_F_WRITES, "U", \
	  N_("Mark the article read, or unread again (the list marks unread ones \xe2\x80\xa2)")) \
	X(SEARCH, "search", UI_V_PANES | UI_V_ANNOTATIONS, 0, "/", \
	  N_("Text: search in the article as S matches words (soldato finds Soldati); empty: repeat. List: show the titles holding what is typed (Esc: all)")) \
	X(NEXT_HIT, "next-hit", UI_V_PANES, UI_F_NEEDS_ARTICLE | UI_F_MOVES, "n", \
	  N_("Next hit of the search in the article, or of S after a jump")) \
	X(PREV_HIT, "prev-hit", UI_V_PANES, UI_F_NEEDS_ARTICLE | UI_F_MOVES, "N", \
	  N_("Previous hit of the search in the article, or of S after a jump")) \
	X(SEARCH_CORPUS, "search-corpus", UI_V_PANES | UI_V_RESULTS, 0, "S", \
	  N_("Search every article: \"a phrase\", prefix*")) \
	X(RELATED, "related", UI_V_PANES | UI_V_RESULTS, UI_F_NEEDS_ARTICLE, "r", \
	  N_("Passages of other articles that tell the same as this one, best first; again: as this sentence")) \
	X(SELECT, "select", UI_V_PANES, UI_F_NEEDS_ARTICLE, "v", \
	  N_("Start a selection (then w b ( ) { } extend it, Esc cancels)")) \
	X(SELECT_MENTION, "select-mention", UI_V_PANES, UI_F_NEEDS_ARTICLE, "e", \
	  N_("Select the entity mention at the cursor (then a annotates it)")) \
	X(ANNOTATE, "annotate", UI_V_PANES, UI_F_WRITES | UI_F_NEEDS_ARTICLE, "a", \
	  N_("Annotate the selection, or the sentence at the cursor: tags")) \
	X(ANNOTATIONS, "annotations", UI_V_PANES, 0, "A", \
	  N_("List the annotations (colour, tags, links, note; Enter jumps, t re-tags, d deletes)")) \
	X(UNDO, "undo", UI_V_PANES | UI_V_ANNOTATIONS | UI_V_CODEBOOK, UI_F_WRITES, "u", \
	  N_("Undo the last change to annotations, tags or entities (kept in the library)")) \
	X(REDO, "redo", UI_V_PANES | UI_V_ANNOTATIONS | UI_V_CODEBOOK, UI_F_WRITES, "^R", \
	  N_("Redo the last change undone")) \
	X(LINK, "link", UI_V_PANES | UI_V_RESULTS, UI_F_WRITES | UI_F_NEEDS_ARTICLE, "L", \
	  N_("Link the selection or sentence to another (L here, L there; or L in the related list)")) \
	X(FOLLOW, "follow", UI_V_PANES, UI_F_NEEDS_ARTICLE | UI_F_MOVES, "F", \
	  N_("Follow the link of the annotation at the cursor")) \
	X(UNLINK, "unlink", UI_V_PANES, UI_F_WRITES | UI_F_NEEDS_ARTICLE, "D", \
	  N_("Remove a link of the annotation at the cursor (asks which when several; u brings it back)")) \
	X(RETAG, "retag", UI_V_PANES | UI_V_ANNOTATIONS, UI_F_WRITES | UI_F_NEEDS_ARTICLE, "t", \
	  N_("Change the tags of the annotation (at the cursor, or in the list); empty removes them")) \
	X(CODEBOOK, "codebook", UI_V_PANES, 0, "C", \
	  N_("The codebook: a tree of the tags with counts (z folds, R renames or moves a branch, d deletes unused, Enter lists)")) \
	X(DELETE, "delete", UI_V_TEXT | UI_V_SIDE | UI_V_ANNOTATIONS | UI_V_CODEBOOK, UI_F_WRITES | UI_F_NEEDS_ARTICLE, "d", \
	  N_("Delete the annotation (list, at the cursor) or an unused tag (codebook)")) \
	X(SORT, "sort", UI_V_ANNOTATIONS, 0, "s", \
	  N_("Annotations list: sort by date or by place")) \
	X(CONFLICT, "conflict", UI_V_ANNOTATIONS, UI_F_NEEDS_SELECTION, "!", \
	  N_("Annotations list: both versions of an import conflict; keep mine, theirs or both")) \
	X(ACCEPT, "accept", UI_V_ANNOTATIONS, UI_F_WRITES | UI_F_NEEDS_SELECTION, "y", \
	  N_("Annotations list: accept where a fuzzy annotation was found")) \
	X(COLOR, "colour", UI_V_PANES | UI_V_ANNOTATIONS, UI_F_WRITES | UI_F_NEEDS_ARTICLE, "H", \
	  N_("Choose the colour of the annotation (at the cursor, or in the list)")) \
	X(NOTE_INLINE, "note-inline", UI_V_PANES | UI_V_ANNOTATIONS, UI_F_WRITES | UI_F_NEEDS_ARTICLE, "c", \
	  N_("Write the note of the annotation here (Ctrl-J new line, Enter saves)")) \
	X(NOTE, "note", UI_V_PANES | UI_V_ANNOTATIONS, UI_F_WRITES | UI_F_NEEDS_ARTICLE, "E", \
	  N_("Write the note of the annotation (list, or at the cursor) in $EDITOR")) \
	X(NEXT_MENTION, "next-mention", UI_V_PANES, UI_F_NEEDS_ARTICLE | UI_F_MOVES, "*", \
	  N_("Next mention of the entity at the cursor (sidebar: the one selected), across articles")) \
	X(PREV_MENTION, "prev-mention", UI_V_PANES, UI_F_NEEDS_ARTICLE | UI_F_MOVES, "<Hash>", \
	  N_("Previous mention of the entity at the cursor (sidebar: the one selected)")) \
	X(BACK, "back", UI_V_PANES | UI_V_MENTIONS | UI_V_RESULTS | UI_V_ANNOTATIONS, UI_F_MOVES, "^O <Backspace>", \
	  N_("Go back to where you were before the last jump")) \
	X(FORWARD, "forward", UI_V_PANES | UI_V_MENTIONS | UI_V_RESULTS | UI_V_ANNOTATIONS, UI_F_MOVES, "^N", \
	  N_("Go forward again after going back")) \
	X(OUTLINE, "outline", UI_V_LIST | UI_V_SIDE, 0, "o", \
	  N_("Sidebar: switch between entities and the paragraph outline. List: the next order (added, date, title, source, annotated)")) \
	X(RENAME, "rename", UI_V_SIDE | UI_V_CODEBOOK, UI_F_WRITES | UI_F_NEEDS_ARTICLE | UI_F_NEEDS_SELECTION, "R", \
	  N_("Sidebar: rename the selected entity")) \
	X(MARK, "mark", UI_V_SIDE, UI_F_NEEDS_ARTICLE | UI_F_NEEDS_SELECTION, "m", \
	  N_("Sidebar: mark the selected entity (to merge it)")) \
	X(MERGE, "merge", UI_V_SIDE, UI_F_WRITES | UI_F_NEEDS_ARTICLE | UI_F_NEEDS_SELECTION, "M", \
	  N_("Sidebar: merge the marked entity into the selected one")) \
	X(SPLIT, "split", UI_V_SIDE, UI_F_WRITES | UI_F_NEEDS_ARTICLE | UI_F_NEEDS_SELECTION, "x", \
	  N_("Sidebar: split one of its names off the selected entity")) \
	X(RETYPE, "retype", UI_V_SIDE, UI_F_WRITES | UI_F_NEEDS_ARTICLE | UI_F_NEEDS_SELECTION, "T", \
	  N_("Sidebar: change the type of the selected entity")) \
	X(REJECT, "reject", UI_V_SIDE, UI_F_WRITES | UI_F_NEEDS_ARTICLE | UI_F_NEEDS_SELECTION, "X", \
	  N_("Sidebar: this is not an entity")) \
	X(CHART, "chart", UI_V_MENTIONS | UI_V_CODEBOOK, 0, "B", \
	  N_("Mentions and codebook: move into the chart by month (in the mentions, then to the entities named with it, then back to the list); in the chart Enter lists only the period's mentions or annotations, Esc leaves it")) \
	X(FOLD, "fold", UI_V_CODEBOOK, UI_F_OWN_KEYS, "z", \
	  N_("Codebook: fold or unfold the branch of the selected tag (the tags under it)")) \
	X(NEXT_BAR, "next-bar", UI_V_MENTIONS | UI_V_CODEBOOK, UI_F_OWN_KEYS, "<Right> l", \
	  N_("Mentions and codebook: move into the chart, then pick the next period (the last bar counts the undated)")) \
	X(PREV_BAR, "prev-bar", UI_V_MENTIONS | UI_V_CODEBOOK, UI_F_OWN_KEYS, "<Left> h", \
	  N_("Mentions and codebook: move into the chart, then pick the period before")) \
	X(NEXT_PANE, "next-pane", UI_V_PANES | UI_V_MENTIONS | UI_V_CODEBOOK, 0, "<Tab> <Right>", \
	  N_("Move to the next pane; in the mentions and the codebook Tab moves to the next part (list, chart, entities named with it), Right picks the next bar")) \
	X(PREV_PANE, "prev-pane", UI_V_PANES | UI_V_MENTIONS | UI_V_CODEBOOK, 0, "<S-Tab> <Left>", \
	  N_("Move to the previous pane; in the mentions and the codebook, Shift-Tab: the part before, Left: the bar before")) \
	X(HELP, "help", UI_V_ALL, 0, "? <F1>", \
	  N_("Show or hide this help")) \
	X(WHERE, "where", UI_V_PANES, UI_F_NEEDS_ARTICLE, "= ^G", \
	  N_("Say where you are: the article's place in the list, the sentence, how far read, its file")) \
	X(ZOOM, "zoom", UI_V_PANES, 0, "z", \
	  N_("The pane in focus takes the whole screen, or gives it back")) \
	X(REDRAW, "redraw", UI_V_ALL, 0, "^L", \
	  N_("Redraw the screen")) \
	X(CLOSE, "close", UI_V_PANES | UI_V_VIEWS, 0, "<Esc>", \
	  N_("Close the view in focus (in the mentions, Esc first shows all mentions again after a period was picked)")) \
	X(QUIT, "quit", UI_V_ALL, 0, "q", \
	  N_("Close the view in focus; in the three panes quit (asks if a selection or link would be lost)")) \
	X(QUIT_NOW, "quit-now", UI_V_ALL, 0, "Q", \
	  N_("Quit margo at once, from any view")) \
	X(SELECT_WORD_FORWARD, "select-word-forward", UI_V_SELECT, 0, "w", \
	  N_("Selection: extend it to the end of the next word")) \
	X(SELECT_WORD_BACK, "select-word-back", UI_V_SELECT, 0, "b", \
	  N_("Selection: take it back to the start of the word before")) \
	X(SELECT_SENTENCE_FORWARD, "select-sentence-forward", UI_V_SELECT, 0, ")", \
	  N_("Selection: extend it to the end of the next sentence")) \
	X(SELECT_SENTENCE_BACK, "select-sentence-back", UI_V_SELECT, 0, "(", \
	  N_("Selection: take it back to the start of the sentence before")) \
	X(SELECT_PARAGRAPH_FORWARD, "select-paragraph-forward", UI_V_SELECT, 0, "}", \
	  N_("Selection: extend it to the end of the next paragraph")) \
	X(SELECT_PARAGRAPH_BACK, "select-paragraph-back", UI_V_SELECT, 0, "{", \
	  N_("Selection: take it back to the start of the paragraph before")) \
	X(SELECT_CANCEL, "select-cancel", UI_V_SELECT, 0, "v <Esc>", \
	  N_("Selection: cancel it (other keys work as usual: a annotates it)")) \
	X(PROMPT_ACCEPT, "prompt-accept", UI_V_PROMPT, 0, "<Enter>", \
	  N_("Prompt: take the line typed")) \
	X(PROMPT_CANCEL, "prompt-cancel", UI_V_PROMPT, 0, "<Esc> ^G ^C", \
	  N_("Prompt: give up, nothing is done")) \
	X(PROMPT_DELETE_BACK, "prompt-delete-back", UI_V_PROMPT, 0, "<Backspace>", \
	  N_("Prompt: delete the character before the cursor")) \
	X(PROMPT_DELETE, "prompt-delete", UI_V_PROMPT, 0, "<Delete> ^D", \
	  N_("Prompt: delete the character at the cursor")) \
	X(PROMPT_LEFT, "prompt-left", UI_V_PROMPT, 0, "<Left> ^B", \
	  N_("Prompt: move the cursor one character left")) \
	X(PROMPT_RIGHT, "prompt-right", UI_V_PROMPT, 0, "<Right> ^F", \
	  N_("Prompt: move the cursor one character right")) \
	X(PROMPT_HOME, "prompt-home", UI_V_PROMPT, 0, "<Home> ^A", \
	  N_("Prompt: move the cursor to the start of the line")) \
	X(PROMPT_END, "prompt-end", UI_V_PROMPT, 0, "<End> ^E", \
	  N_("Prompt: move the cursor to the end of the line")) \
	X(PROMPT_KILL_WORD, "prompt-kill-word", UI_V_PROMPT, 0, "^W", \
	  N_("Prompt: delete the word before the cursor")) \
	X(PROMPT_KILL_START, "prompt-kill-start", UI_V_PROMPT, 0, "^U", \
	  N_("Prompt: delete from the start of the line to the cursor")) \
	X(PROMPT_KILL_LINE, "prompt-kill-line", UI_V_PROMPT, 0, "^K", \
	  N_("Prompt: delete from the cursor to the end of the line")) \
	X(PROMPT_HISTORY_BACK, "prompt-history-back", UI_V_PROMPT, 0, "<Up> ^P", \
	  N_("Prompt: the line typed before this one (its history)")) \
	X(PROMPT_HISTORY_FORWARD, "prompt-history-forward", UI_V_PROMPT, 0, "<Down> ^N", \
	  N_("Prompt: the line typed after this one in its history")) \
	X(PROMPT_COMPLETE, "prompt-complete", UI_V_PROMPT, 0, "<Tab>", \
	  N_("Prompt: complete the tag or name typed"))

enum ui_action {
	UI_ACTION_NONE = 0,
#define UI_ACTION_ENUM(id, name, views, flags, keys, help) UI_ACTION_##id,
	UI_ACTIONS(UI_ACTION_ENUM)
#undef UI_ACTION_ENUM
	UI_ACTION_COUNT
};

struct ui_action_info {
	const char *name;
	unsigned views;   /* UI_V_* */
	unsigned flags;   /* UI_F_* */
	const char *keys; /* the default keys, as a configuration writes them */
	const char *help;
};

/* Indexed by enum ui_action. */
extern const struct ui_action_info ui_action_table[UI_ACTION_COUNT];

/* The names of the views, as `margo keys` prints them ("list", "text" ...),
 * indexed by enum ui_view. */
extern const char *const ui_view_names[UI_VIEW_COUNT];

/* Whether action `a` applies to view `v`. */
static inline bool ui_action_in_view(enum ui_action a, enum ui_view v)
{
	return (ui_action_table[a].views >> v) & 1u;
}

/* Keys are Unicode code points, or curses function keys moved above
 * Unicode so the two never collide (KEY_DOWN is also U+0102). */
#define UI_FN(k) ((k) + 0x110000)

#endif
