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
	X(DOWN,      "down",      "Move down: next article, sentence or entry") \
	X(UP,        "up",        "Move up: previous article, sentence or entry") \
	X(PAGE_DOWN, "page-down", "Page down") \
	X(PAGE_UP,   "page-up",   "Page up") \
	X(FIRST,     "first",     "Go to the first article, sentence or entry") \
	X(LAST,      "last",      "Go to the last article, sentence or entry") \
	X(OPEN,      "open",      "Open the selected article or outline entry") \
	X(NEXT_PANE, "next-pane", "Move to the next pane") \
	X(PREV_PANE, "prev-pane", "Move to the previous pane") \
	X(HELP,      "help",      "Show or hide this help") \
	X(REDRAW,    "redraw",    "Redraw the screen") \
	X(QUIT,      "quit",      "Close the help, or quit margo")

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

/* One key binding: a curses key code (or character) and its action. */
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
