/*
 * keymap.h: the key bindings in force (keymap.c): the default keys of
 * the action list (actions.h) with the configuration's bind and unbind
 * lines over them.
 */
#ifndef MARGO_UI_KEYMAP_H
#define MARGO_UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "margo/config.h"
#include "actions.h"

struct ui;

/* Keys bound in one view (enum ui_view), or in every view when `view`
 * is UI_VIEW_COUNT ("generic").  UI_ACTION_NONE: unbound in that view. */
struct keymap_entry {
	int view;
	int keys[CONFIG_SEQ_MAX];    /* the reader's key codes (UI_FN) */
	int n_keys;
	enum ui_action action;
};

/* One default key of the action list, read from its "keys".  `label` is
 * how the help and the documents show it ("j", "Down", "Ctrl-R"), NULL
 * for another code of the key before it (^J of <Enter>, ^? of
 * <Backspace>).  The keys of a mode's actions are bound in that mode's
 * view, the others in every view (view UI_VIEW_COUNT, "generic"). */
struct ui_default_key {
	struct keymap_entry e;
	const char *label;
};
const struct ui_default_key *ui_default_keys(size_t *n);

/* The action of one key in a mode's view (UI_VIEW_SELECT, UI_VIEW_PROMPT),
 * or UI_ACTION_NONE; the configuration's lines counted. */
enum ui_action ui_keymap_mode_action(int view, int key);

/* Build the bindings in force from config_current(), once. */
void ui_keymap_build(void);
const struct keymap_entry *ui_keymap(size_t *n);
/* The binding of these keys in view v (its own, else the generic one),
 * or NULL; an entry with UI_ACTION_NONE hides the generic one there. */
const struct keymap_entry *ui_keymap_find(int v, const int *keys, int n);
/* Whether `e` is the binding of its keys in view v (not hidden there by
 * the view's own binding or unbinding). */
bool ui_keymap_shown_in(const struct keymap_entry *e, int v);

/* One key typed, in the view in focus: the actions it completes (0 while
 * a sequence waits for its next key; more than one when keys begun as a
 * sequence turn out to be keys of their own). */
size_t ui_keymap_feed(struct ui *ui, int key, enum ui_action out[CONFIG_SEQ_MAX + 1]);
/* A sequence has begun and waits for its next key. */
bool ui_keymap_pending(void);
/* The keys of a sequence begun, as a configuration writes them ("g"),
 * malloc'd; NULL when none has begun (or memory runs out). */
char *ui_keymap_pending_keys(void);

/* "j, Down, x" for an action: the keys in force for it, the defaults by
 * their labels, each once (malloc'd); when it applies to view `v`, not
 * the keys that view binds to another action of its own (Right is not
 * next-pane in the mentions). */
char *ui_keymap_labels(enum ui_action a, int v);
/* A default key's label ("Down") as the help shows it, in the user's
 * language (help_view.c); the configuration keeps the English names. */
const char *help_key_label(const char *label);

/* Key codes: the configuration's (config.h) to the reader's and back. */
int ui_key_from_config(int key);
int ui_key_to_config(int key);

#endif
