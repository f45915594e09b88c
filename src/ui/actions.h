/*
 * actions.h: every action of the reader, in one list.
 *
 * The list is expanded once into an enum and once into the table of names
 * and help texts; the key bindings point at these actions, and the help
 * screen is generated from both, so keys, help and docs cannot drift.
 */
#ifndef MARGO_UI_ACTIONS_H
#define MARGO_UI_ACTIONS_H

#define UI_ACTIONS(X) \
	X(DOWN,      "down",      "Move down: next article, sentence or entry; a count first (5j) moves that many") \
	X(UP,        "up",        "Move up: previous article, sentence or entry") \
	X(PAGE_DOWN, "page-down", "Page down; at the end of an article, on to the next") \
	X(PAGE_UP,   "page-up",   "Page up") \
	X(FIRST,     "first",     "Go to the first article, sentence or entry") \
	X(LAST,      "last",      "Go to the last article, sentence or entry; a count first (500G): to that one") \
	X(OPEN,      "open",      "Open the selected article, entity, mention or outline entry") \
	X(NEXT_ARTICLE, "next-article", "Open the next article of the list (where it was left)") \
	X(PREV_ARTICLE, "prev-article", "Open the previous article of the list") \
	X(TOGGLE_READ, "toggle-read", "Mark the article read, or unread again (the list marks unread ones \xe2\x80\xa2)") \
	X(SEARCH,    "search",    "Text: search in the article as S matches words (soldato finds Soldati); empty: repeat. List: show the titles holding what is typed (Esc: all)") \
	X(NEXT_HIT,  "next-hit",  "Next hit of the search in the article, or of S after a jump") \
	X(PREV_HIT,  "prev-hit",  "Previous hit of the search in the article, or of S after a jump") \
	X(SEARCH_CORPUS, "search-corpus", "Search every article: \"a phrase\", prefix*") \
	X(RELATED,   "related",   "Passages of other articles that tell the same as this one, best first; again: as this sentence") \
	X(SELECT,    "select",    "Start a selection (then w b ( ) { } extend it, Esc cancels)") \
	X(SELECT_MENTION, "select-mention", "Select the entity mention at the cursor (then a annotates it)") \
	X(ANNOTATE,  "annotate",  "Annotate the selection, or the sentence at the cursor: tags") \
	X(ANNOTATIONS, "annotations", "List the annotations (colour, tags, links, note; Enter jumps, t re-tags, d deletes)") \
	X(UNDO,      "undo",      "Undo the last change to annotations, tags or entities (kept in the library)") \
	X(REDO,      "redo",      "Redo the last change undone") \
	X(LINK,      "link",      "Link the selection or sentence to another (L here, L there; or L in the related list)") \
	X(FOLLOW,    "follow",    "Follow the link of the annotation at the cursor") \
	X(UNLINK,    "unlink",    "Remove a link of the annotation at the cursor (asks which when several; u brings it back)") \
	X(RETAG,     "retag",     "Change the tags of the annotation (at the cursor, or in the list); empty removes them") \
	X(CODEBOOK,  "codebook",  "The codebook: tags with counts (R renames or merges, d deletes unused, Enter lists)") \
	X(DELETE,    "delete",    "Delete the annotation (list, at the cursor) or an unused tag (codebook)") \
	X(SORT,      "sort",      "Annotations list: sort by date or by place") \
	X(CONFLICT,  "conflict",  "Annotations list: both versions of an import conflict; keep mine, theirs or both") \
	X(ACCEPT,    "accept",    "Annotations list: accept where a fuzzy annotation was found") \
	X(COLOR,     "colour",    "Choose the colour of the annotation (at the cursor, or in the list)") \
	X(NOTE_INLINE, "note-inline", "Write the note of the annotation here (Ctrl-J new line, Enter saves)") \
	X(NOTE,      "note",      "Write the note of the annotation (list, or at the cursor) in $EDITOR") \
	X(NEXT_MENTION, "next-mention", "Next mention of the entity at the cursor (sidebar: the one selected), across articles") \
	X(PREV_MENTION, "prev-mention", "Previous mention of the entity at the cursor (sidebar: the one selected)") \
	X(BACK,      "back",      "Go back to where you were before the last jump") \
	X(FORWARD,   "forward",   "Go forward again after going back") \
	X(OUTLINE,   "outline",   "Sidebar: switch between entities and the paragraph outline. List: the next order (added, date, title, source, annotated)") \
	X(RENAME,    "rename",    "Sidebar: rename the selected entity") \
	X(MARK,      "mark",      "Sidebar: mark the selected entity (to merge it)") \
	X(MERGE,     "merge",     "Sidebar: merge the marked entity into the selected one") \
	X(SPLIT,     "split",     "Sidebar: split one of its names off the selected entity") \
	X(RETYPE,    "retype",    "Sidebar: change the type of the selected entity") \
	X(REJECT,    "reject",    "Sidebar: this is not an entity") \
	X(NEXT_PANE, "next-pane", "Move to the next pane") \
	X(PREV_PANE, "prev-pane", "Move to the previous pane") \
	X(HELP,      "help",      "Show or hide this help") \
	X(ZOOM,      "zoom",      "The pane in focus takes the whole screen, or gives it back") \
	X(REDRAW,    "redraw",    "Redraw the screen") \
	X(CLOSE,     "close",     "Close the help or the mentions view") \
	X(QUIT,      "quit",      "Close the view in focus; in the three panes quit (asks if a selection or link would be lost)") \
	X(QUIT_NOW,  "quit-now",  "Quit margo at once, from any view")

enum ui_action {
	UI_ACTION_NONE = 0,
#define UI_ACTION_ENUM(id, name, help) UI_ACTION_##id,
	UI_ACTIONS(UI_ACTION_ENUM)
#undef UI_ACTION_ENUM
	UI_ACTION_COUNT
};

struct ui_action_info {
	const char *name;
	const char *help;
};

/* Indexed by enum ui_action. */
extern const struct ui_action_info ui_action_table[UI_ACTION_COUNT];

/* Keys are Unicode code points, or curses function keys moved above
 * Unicode so the two never collide (KEY_DOWN is also U+0102). */
#define UI_FN(k) ((k) + 0x110000)

/* One key binding: a key (see UI_FN) and its action. */
struct ui_binding {
	int key;
	const char *label;        /* as shown in help: "j", "Down", "Space" */
	enum ui_action action;
};

extern const struct ui_binding ui_bindings[];
extern const unsigned ui_binding_count;

/* The action bound to `key`, or UI_ACTION_NONE. */
enum ui_action ui_action_for_key(int key);

#endif
