/*
 * keymap.c: the key bindings in force, and key sequences.
 *
 * The default keys of the action list (actions.h), read once by the
 * configuration's key parser, are bound in every view ("generic"), those
 * of a mode's actions in the mode's view (select, prompt: a generic
 * binding reaches a mode only with an action of the mode), and those of
 * an action flagged UI_F_OWN_KEYS in its own views, where they win over
 * the generic ones (Right picks the chart's next bar in the mentions and
 * moves to the next pane elsewhere); the configuration's bind and unbind lines change them in
 * the order they come: a binding for one view wins over a generic one for
 * the same keys there, and "unbind VIEW KEYS" hides a generic binding in
 * that view ("unbind generic KEYS" removes the keys everywhere).
 *
 * A key that begins a longer sequence waits for the next: when that
 * continues a sequence the sequence runs; when it does not, the keys
 * typed so far run as they would alone, then the new key does.  Esc
 * forgets a sequence begun.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/config.h"
#include "margo/util.h"
#include "ui.h"
#include "keymap.h"

#define GENERIC UI_VIEW_COUNT

static struct keymap_entry *map;
static size_t n_map, cap_map;
static bool built;

/* Pending keys of a sequence begun. */
static int pending[CONFIG_SEQ_MAX];
static int n_pending;

/* A configuration key as the reader reads it from the terminal. */
int ui_key_from_config(int key)
{
	static const struct {
		int config, curses;
	} fn[] = {
		{ CONFIG_KEY_UP, KEY_UP }, { CONFIG_KEY_DOWN, KEY_DOWN },
		{ CONFIG_KEY_LEFT, KEY_LEFT }, { CONFIG_KEY_RIGHT, KEY_RIGHT },
		{ CONFIG_KEY_PGUP, KEY_PPAGE }, { CONFIG_KEY_PGDN, KEY_NPAGE },
		{ CONFIG_KEY_HOME, KEY_HOME }, { CONFIG_KEY_END, KEY_END },
		{ CONFIG_KEY_INSERT, KEY_IC }, { CONFIG_KEY_DELETE, KEY_DC },
		{ CONFIG_KEY_BACKSPACE, KEY_BACKSPACE }, { CONFIG_KEY_BTAB, KEY_BTAB },
		{ CONFIG_KEY_KPENTER, KEY_ENTER },
	};
	for (size_t i = 0; i < sizeof fn / sizeof *fn; i++)
		if (fn[i].config == key)
			return UI_FN(fn[i].curses);
	if (key >= CONFIG_KEY_F1 && key <= CONFIG_KEY_LAST)
		return UI_FN(KEY_F(1 + key - CONFIG_KEY_F1));
	return key;
}

/* The other way, for printing. */
int ui_key_to_config(int key)
{
	for (int k = CONFIG_KEY_BASE; k <= CONFIG_KEY_LAST; k++)
		if (ui_key_from_config(k) == key)
			return k;
	return key;
}

/* The other codes a key arrives as: <Enter> is '\r', '\n' on some
 * terminals and KEY_ENTER on the keypad; <Backspace> is KEY_BACKSPACE,
 * ^? or ^H.  Bound together, as one key. */
static int aliases(int key, int out[2])
{
	if (key == '\r') {
		out[0] = '\n';
		out[1] = UI_FN(KEY_ENTER);
		return 2;
	}
	if (key == UI_FN(KEY_BACKSPACE)) {
		out[0] = 127;
		out[1] = 'h' & 0x1f;
		return 2;
	}
	return 0;
}

static struct ui_default_key *defaults;
static size_t n_defaults, cap_defaults;

static void add_default(int view, const int *keys, int n, enum ui_action a, const char *label)
{
	struct ui_default_key *grown = util_grow(defaults, &cap_defaults, n_defaults + 1,
	                                         sizeof *defaults);
	if (!grown)
		abort();
	defaults = grown;
	struct ui_default_key *d = &defaults[n_defaults++];
	memset(d, 0, sizeof *d);
	d->e.view = view;
	d->e.n_keys = n;
	memcpy(d->e.keys, keys, (size_t)n * sizeof *keys);
	d->e.action = a;
	d->label = label;
}

/* How the help shows a key written `word` in the table: "<Down>" as
 * "Down", "^R" as "Ctrl-R", "<Hash>" as "#". */
static const char *label_of(const char *word)
{
	size_t n = strlen(word);
	if (strcmp(word, "<Hash>") == 0)
		return util_strdup("#");
	if (strcmp(word, "<Lt>") == 0)
		return util_strdup("<");
	if (n > 2 && word[0] == '<' && word[n - 1] == '>')
		return util_strndup(word + 1, n - 2);
	if (n == 2 && word[0] == '^')
		return util_printf("Ctrl-%c", word[1]);
	return util_strdup(word);
}

const struct ui_default_key *ui_default_keys(size_t *n)
{
	static bool read;
	if (!read) {
		read = true;
		for (int a = 1; a < UI_ACTION_COUNT; a++) {
			const char *p = ui_action_table[a].keys;
			unsigned views = ui_action_table[a].views;
			while (*p) {
				size_t len = strcspn(p, " ");
				if (len == 0) {
					p++;
					continue;
				}
				char *word = util_strndup(p, len);
				char *err = NULL;
				int keys[CONFIG_SEQ_MAX];
				int nk = word ? config_parse_keys(word, keys, &err) : -1;
				if (nk < 0) {
					/* The table is margo's own: a wrong key is a bug. */
					fprintf(stderr, "margo: action %s: bad default key \"%s\": %s\n",
					        ui_action_table[a].name, word ? word : "", err ? err : "");
					abort();
				}
				for (int k = 0; k < nk; k++)
					keys[k] = ui_key_from_config(keys[k]);
				const char *label = label_of(word);
				int alt[2], n_alt = nk == 1 ? aliases(keys[0], alt) : 0;
				for (int v = 0; v <= UI_VIEW_COUNT; v++) {
					bool mode = (views & UI_V_MODES) != 0 ||
					            (ui_action_table[a].flags & UI_F_OWN_KEYS);
					if (mode ? !(v < UI_VIEW_COUNT && (views >> v & 1u)) : v != UI_VIEW_COUNT)
						continue;
					add_default(v, keys, nk, (enum ui_action)a, label);
					for (int i = 0; i < n_alt; i++)
						add_default(v, &alt[i], 1, (enum ui_action)a, NULL);
				}
				free(word);
				p += len;
			}
		}
	}
	*n = n_defaults;
	return defaults;
}

static bool same_keys(const struct keymap_entry *e, const int *keys, int n)
{
	return e->n_keys == n && memcmp(e->keys, keys, (size_t)n * sizeof *keys) == 0;
}

static int add(int view, const int *keys, int n, enum ui_action a)
{
	struct keymap_entry *grown = util_grow(map, &cap_map, n_map + 1, sizeof *map);
	if (!grown)
		return -1;
	map = grown;
	struct keymap_entry *e = &map[n_map++];
	memset(e, 0, sizeof *e);
	e->view = view;
	e->n_keys = n;
	memcpy(e->keys, keys, (size_t)n * sizeof *keys);
	e->action = a;
	return 0;
}

/* Remove the entries of `view` (or of every view, for GENERIC when
 * `all`) for these keys. */
static void drop(int view, const int *keys, int n, bool all)
{
	size_t out = 0;
	for (size_t i = 0; i < n_map; i++)
		if (!(same_keys(&map[i], keys, n) && (all || map[i].view == view)))
			map[out++] = map[i];
	n_map = out;
}

static enum ui_action action_named(const char *name)
{
	for (int a = 1; a < UI_ACTION_COUNT; a++)
		if (strcmp(ui_action_table[a].name, name) == 0)
			return (enum ui_action)a;
	return UI_ACTION_NONE;
}

static int view_named(const char *name)
{
	for (int v = 0; v < UI_VIEW_COUNT; v++)
		if (strcmp(ui_view_names[v], name) == 0)
			return v;
	return GENERIC;
}

/* One bind or unbind line; Enter is both of the codes a terminal sends. */
static void apply(const struct config_bind *b)
{
	int keys[CONFIG_SEQ_MAX];
	for (int i = 0; i < b->n_keys; i++)
		keys[i] = ui_key_from_config(b->keys[i]);
	int view = view_named(b->view);
	int alt[2], n_alt = b->n_keys == 1 ? aliases(keys[0], alt) : 0;
	for (int pass = 0; pass <= n_alt; pass++) {
		if (pass > 0)
			keys[0] = alt[pass - 1];  /* the key's other codes go with it */
		drop(view, keys, b->n_keys, view == GENERIC);
		if (b->action)
			add(view, keys, b->n_keys, action_named(b->action));
		else if (view != GENERIC)
			add(view, keys, b->n_keys, UI_ACTION_NONE);  /* hides the generic one */
	}
}

void ui_keymap_build(void)
{
	if (built)
		return;
	built = true;
	size_t n;
	const struct ui_default_key *d = ui_default_keys(&n);
	for (size_t i = 0; i < n; i++)
		add(d[i].e.view, d[i].e.keys, d[i].e.n_keys, d[i].e.action);
	const struct config *c = config_current();
	for (size_t i = 0; c && i < c->n_binds; i++)
		apply(&c->binds[i]);
}

const struct keymap_entry *ui_keymap(size_t *n)
{
	ui_keymap_build();
	*n = n_map;
	return map;
}

/* The entry for exactly these keys in view v: its own, else the generic
 * one; NULL when none. */
const struct keymap_entry *ui_keymap_find(int v, const int *keys, int n)
{
	const struct keymap_entry *generic = NULL;
	bool mode = v == UI_VIEW_SELECT || v == UI_VIEW_PROMPT;
	for (size_t i = 0; i < n_map; i++) {
		if (!same_keys(&map[i], keys, n))
			continue;
		if (map[i].view == v)
			return &map[i];
		/* In a mode a generic line counts for the mode's own actions. */
		if (map[i].view == GENERIC &&
		    (!mode || ui_action_in_view(map[i].action, (enum ui_view)v)))
			generic = &map[i];
	}
	return generic;
}

bool ui_keymap_shown_in(const struct keymap_entry *e, int v)
{
	return ui_keymap_find(v, e->keys, e->n_keys) == e && e->action != UI_ACTION_NONE;
}

/* Whether keys[0..n) begins a longer sequence bound in view v. */
static bool is_prefix(int v, const int *keys, int n)
{
	for (size_t i = 0; i < n_map; i++) {
		const struct keymap_entry *e = &map[i];
		if (e->n_keys > n && memcmp(e->keys, keys, (size_t)n * sizeof *keys) == 0 &&
		    (e->view == v || e->view == GENERIC) && ui_keymap_find(v, e->keys, e->n_keys) == e &&
		    e->action != UI_ACTION_NONE)
			return true;
	}
	return false;
}

enum ui_action ui_keymap_mode_action(int view, int key)
{
	ui_keymap_build();
	const struct keymap_entry *e = ui_keymap_find(view, &key, 1);
	return e ? e->action : UI_ACTION_NONE;
}

static enum ui_action alone(int v, int key)
{
	const struct keymap_entry *e = ui_keymap_find(v, &key, 1);
	return e ? e->action : UI_ACTION_NONE;
}

size_t ui_keymap_feed(struct ui *ui, int key, enum ui_action out[CONFIG_SEQ_MAX + 1])
{
	ui_keymap_build();
	int v = (int)ui_view_in_focus(ui, false);
	size_t n_out = 0;
	if (n_pending && key == 27) {
		n_pending = 0;  /* Esc forgets the sequence */
		return 0;
	}
	if (n_pending < CONFIG_SEQ_MAX)
		pending[n_pending++] = key;
	const struct keymap_entry *e = ui_keymap_find(v, pending, n_pending);
	if (n_pending < CONFIG_SEQ_MAX && is_prefix(v, pending, n_pending))
		return 0;  /* wait for the next key */
	if (e && n_pending > 0) {
		n_pending = 0;
		if (e->action != UI_ACTION_NONE)
			out[n_out++] = e->action;
		return n_out;
	}
	/* No sequence: each key typed as it would be alone. */
	for (int i = 0; i < n_pending; i++) {
		enum ui_action a = alone(v, pending[i]);
		if (a != UI_ACTION_NONE)
			out[n_out++] = a;
	}
	n_pending = 0;
	return n_out;
}

bool ui_keymap_pending(void)
{
	return n_pending > 0;
}

char *ui_keymap_pending_keys(void)
{
	if (!n_pending)
		return NULL;
	struct buf b = { 0 };
	for (int i = 0; i < n_pending; i++) {
		char *name = config_key_name(pending[i]);
		if (!name) {
			buf_free(&b);
			return NULL;
		}
		buf_puts(&b, name);
		free(name);
	}
	return buf_steal(&b);
}

/* The label of a default key ("Down", "Ctrl-R"), NULL for another
 * spelling of a listed key, "" when it is no default. */
static const char *default_label(const struct keymap_entry *e)
{
	size_t n;
	const struct ui_default_key *d = ui_default_keys(&n);
	for (size_t i = 0; i < n; i++)
		if (d[i].e.view == e->view && d[i].e.action == e->action &&
		    same_keys(&d[i].e, e->keys, e->n_keys))
			return d[i].label;
	return "";
}

char *ui_keymap_labels(enum ui_action a, int view)
{
	ui_keymap_build();
	struct buf b = { 0 };
	bool here = view >= 0 && view < UI_VIEW_COUNT && ui_action_in_view(a, (enum ui_view)view);
	for (size_t i = 0; i < n_map; i++) {
		const struct keymap_entry *e = &map[i];
		if (e->action != a)
			continue;
		bool shown = false;
		for (int v = 0; v < UI_VIEW_COUNT && !shown; v++)
			shown = ui_keymap_shown_in(e, v);
		if (!shown)
			continue;
		/* Keys the view binds to something else of its own are not
		 * the action's keys there (Right picks a bar in the mentions). */
		const struct keymap_entry *there = here ? ui_keymap_find(view, e->keys, e->n_keys) : NULL;
		if (there && there->view == view && there->action != a)
			continue;
		/* The same keys bound in several views are shown once. */
		bool again = false;
		for (size_t j = 0; j < i && !again; j++)
			again = map[j].action == a && same_keys(&map[j], e->keys, e->n_keys);
		if (again)
			continue;
		const char *label = default_label(e);
		if (!label)
			continue;
		if (b.len)
			buf_puts(&b, ", ");
		if (*label) {
			buf_puts(&b, help_key_label(label));
			continue;
		}
		for (int k = 0; k < e->n_keys; k++) {
			char *name = config_key_name(ui_key_to_config(e->keys[k]));
			buf_puts(&b, name ? name : "?");
			free(name);
		}
	}
	if (!b.data)
		buf_puts(&b, "");
	return buf_steal(&b);
}
