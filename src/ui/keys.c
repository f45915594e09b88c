/*
 * keys.c: `margo keys`, the key bindings in force as text.
 *
 *   margo keys                    one "bind VIEW KEY ACTION" line per binding,
 *                                 in the syntax of a configuration file
 *   margo keys --format markdown  the README's key table
 *   margo keys --format man       margo(1)'s KEYS list
 *
 * The first is the bindings in force: the default keys of actions.h with the
 * configuration file's bind and unbind lines over them (keymap.c); the
 * other two, the documents, are the defaults.  All three come from the
 * action list (actions.h), as the in-app help does, so the documents cannot drift from
 * the code: `make update-keys` rewrites them and tests/cli/keys.sh fails
 * when they differ.  Nothing here needs a terminal or a library.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "margo/cli.h"
#include "margo/i18n.h"
#include "ui.h"
#include "keymap.h"

/* Names of the keys that are not one printable character. */
static const struct {
	int key;
	const char *name;
} key_names[] = {
	{ ' ', "<Space>" }, { '\r', "<Enter>" }, { '\n', "^J" }, { '\t', "<Tab>" },
	{ 27, "<Esc>" }, { 127, "^?" }, { '#', "<Hash>" }, { '<', "<Lt>" },
	{ UI_FN(KEY_ENTER), "<KpEnter>" }, { UI_FN(KEY_DOWN), "<Down>" },
	{ UI_FN(KEY_UP), "<Up>" }, { UI_FN(KEY_LEFT), "<Left>" },
	{ UI_FN(KEY_RIGHT), "<Right>" }, { UI_FN(KEY_BTAB), "<S-Tab>" },
	{ UI_FN(KEY_NPAGE), "<PgDn>" }, { UI_FN(KEY_PPAGE), "<PgUp>" },
	{ UI_FN(KEY_HOME), "<Home>" }, { UI_FN(KEY_END), "<End>" },
	{ UI_FN(KEY_BACKSPACE), "<Backspace>" }, { UI_FN(KEY_F(1)), "<F1>" },
};

/* The config-file name of `key` into `b`: "j", "^O", "<PgDn>". */
static void print_key(FILE *b, int key)
{
	for (size_t i = 0; i < sizeof key_names / sizeof *key_names; i++)
		if (key_names[i].key == key)
			{
			fputs(key_names[i].name, b);
			return;
		}
	if (key >= 0 && key < 0x20) {
		fprintf(b, "^%c", '@' + key);
		return;
	}
	if (key > 0x20 && key < 0x110000) {
		uint8_t s[6];
		int n = u8_uctomb(s, (ucs4_t)key, (int)sizeof s);
		if (n > 0) {
			fwrite(s, 1, (size_t)n, b);
			return;
		}
	}
	int named = ui_key_to_config(key);
	if (named != key) {
		char *name = config_key_name(named);
		fputs(name ? name : "?", b);
		free(name);
		return;
	}
	/* A function key without a name of its own. */
	fprintf(b, "<Key%d>", key >= 0x110000 ? key - 0x110000 : key);
}

/* The keys of a binding, each as print_key() names it. */
static void print_keys(FILE *out, const struct keymap_entry *e)
{
	for (int k = 0; k < e->n_keys; k++)
		print_key(out, e->keys[k]);
}

static void print_bind(FILE *out, const char *view, const struct keymap_entry *e,
                       enum ui_action a)
{
	fputs("bind ", out);
	fputs(view, out);
	fputc(' ', out);
	print_keys(out, e);
	fputc(' ', out);
	fputs(ui_action_table[a].name, out);
	fputc('\n', out);
}

/* The bindings in force: the defaults with the configuration's bind and
 * unbind lines over them (keymap.c). */
static void print_config(FILE *out)
{
	fputs("# The key bindings of the margo reader, as a configuration file says them:\n"
	      "# bind VIEW KEY ACTION (VIEW list, text, side, help, mentions, results,\n"
	      "# annotations, codebook, or generic: in every one of these; select and\n"
	      "# prompt, the keys while a selection is made and while a line is typed).\n", out);
	size_t n;
	const struct keymap_entry *map = ui_keymap(&n);
	for (int a = 1; a < UI_ACTION_COUNT; a++) {
		fputs("\n# ", out);
		fputs(ui_action_table[a].name, out);
		fputs(": ", out);
		fputs(_(ui_action_table[a].help), out);
		fputc('\n', out);
		unsigned views = ui_action_table[a].views;
		for (size_t i = 0; i < n; i++) {
			const struct keymap_entry *e = &map[i];
			if (e->action != (enum ui_action)a)
				continue;
			if (e->view != UI_VIEW_COUNT) {
				print_bind(out, ui_view_names[e->view], e, (enum ui_action)a);
				continue;
			}
			/* One line for every view the action applies to and the
			 * keys are not bound otherwise in, or one "generic" line
			 * when that is all of them. */
			bool everywhere = views == UI_V_ALL;
			for (int v = 0; everywhere && v < UI_VIEW_SELECT; v++)
				everywhere = ui_keymap_shown_in(e, v);
			if (everywhere) {
				print_bind(out, "generic", e, (enum ui_action)a);
				continue;
			}
			for (int v = 0; v < UI_VIEW_COUNT; v++)
				if ((views & (1u << v)) && ui_keymap_shown_in(e, v))
					print_bind(out, ui_view_names[v], e, (enum ui_action)a);
		}
	}
	/* Default keys the configuration unbound, so that the output read
	 * as a configuration gives these bindings again. */
	bool said = false;
	size_t n_def;
	const struct ui_default_key *def = ui_default_keys(&n_def);
	for (size_t i = 0; i < n_def; i++) {
		const struct keymap_entry *k = &def[i].e;
		unsigned gone = 0;
		for (int v = 0; v < UI_VIEW_COUNT; v++) {
			/* A generic key is for the views but the modes; a mode's,
			 * for its mode. */
			if (k->view == UI_VIEW_COUNT ? v >= UI_VIEW_SELECT : v != k->view)
				continue;
			const struct keymap_entry *e = ui_keymap_find(v, k->keys, k->n_keys);
			if (!e || e->action == UI_ACTION_NONE)
				gone |= 1u << v;
		}
		for (int v = 0; gone && v < UI_VIEW_COUNT; v++) {
			if (!(gone & (1u << v)))
				continue;
			if (!said)
				fputs("\n# Keys of the defaults unbound\n", out);
			said = true;
			fputs("unbind ", out);
			fputs(gone == UI_V_ALL ? "generic" : ui_view_names[v], out);
			fputc(' ', out);
			print_keys(out, k);
			fputc('\n', out);
			if (gone == UI_V_ALL)
				break;
		}
	}
}

/* "list, text, side" for an action, or "all" when it applies to every view. */
static void print_views(FILE *out, enum ui_action a)
{
	unsigned views = ui_action_table[a].views;
	if (views == UI_V_ALL) {
		fputs("all", out);
		return;
	}
	const char *sep = "";
	for (int v = 0; v < UI_VIEW_COUNT; v++) {
		if (!(views & (1u << v)))
			continue;
		fputs(sep, out);
		fputs(ui_view_names[v], out);
		sep = ", ";
	}
}

/* Whether default key i was listed already for its action: the keys of
 * an action bound in each of its views come once a view. */
static bool said_before(const struct ui_default_key *def, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (def[j].e.action == def[i].e.action && def[j].label &&
		    strcmp(def[j].label, def[i].label) == 0)
			return true;
	return false;
}

/* Markdown: `|` would end a table cell. */
static void md_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputc('\\', out);
		fputc(*s, out);
	}
}

static void print_markdown(FILE *out)
{
	size_t n_def;
	const struct ui_default_key *def = ui_default_keys(&n_def);
	fputs("| keys | action | views | what it does |\n|---|---|---|---|\n", out);
	for (int a = 1; a < UI_ACTION_COUNT; a++) {
		fputs("|", out);
		for (size_t i = 0; i < n_def; i++) {
			if (def[i].e.action != (enum ui_action)a || !def[i].label || said_before(def, i))
				continue;
			fputs(" `", out);
			/* a backtick in a key is not one of margo's keys */
			md_text(out, def[i].label);
			fputs("`", out);
		}
		fputs(" | ", out);
		fputs(ui_action_table[a].name, out);
		fputs(" | ", out);
		print_views(out, (enum ui_action)a);
		fputs(" | ", out);
		md_text(out, _(ui_action_table[a].help));
		fputs(" |\n", out);
	}
}

/* roff: a backslash is \e, a minus \-, a line starting with . or ' is
 * text (\&), and a character beyond ASCII is named by its code point. */
static void man_text(FILE *out, const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	bool line_start = true;
	while (p < end) {
		ucs4_t uc;
		int n = u8_mbtouc(&uc, p, (size_t)(end - p));
		if (line_start && (uc == '.' || uc == '\''))
			fputs("\\&", out);
		line_start = false;
		if (uc == '\\') {
			fputs("\\e", out);
		} else if (uc == '-') {
			fputs("\\-", out);
		} else if (uc < 0x80) {
			fputc((char)uc, out);
		} else {
			fprintf(out, "\\[u%04X]", (unsigned)uc);
		}
		p += n;
	}
}

static void print_man(FILE *out)
{
	size_t n_def;
	const struct ui_default_key *def = ui_default_keys(&n_def);
	for (int a = 1; a < UI_ACTION_COUNT; a++) {
		fputs(".TP\n", out);
		bool first = true;
		for (size_t i = 0; i < n_def; i++) {
			if (def[i].e.action != (enum ui_action)a || !def[i].label || said_before(def, i))
				continue;
			fputs(first ? "\\fB" : ", \\fB", out);
			man_text(out, def[i].label);
			fputs("\\fR", out);
			first = false;
		}
		fputs(first ? "(" : " (", out);
		man_text(out, ui_action_table[a].name);
		fputs("; ", out);
		print_views(out, (enum ui_action)a);
		fputs(")\n", out);
		man_text(out, _(ui_action_table[a].help));
		fputs(".\n", out);
	}
}

static const char keys_usage[] =
	N_("Usage: margo keys [--format config|markdown|man]\n"
	"Print the key bindings of the reader: as a configuration file says them\n"
	"(\"bind VIEW KEY ACTION\", the default), as the README's table (markdown)\n"
	"or as margo(1)'s KEYS list (man).  Needs no terminal and no library.\n");

int ui_keys_command(int argc, char **argv)
{
	const char *format = "config";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(_(keys_usage), stdout);
			return CLI_OK;
		}
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			format = argv[++i];
		} else if (strncmp(argv[i], "--format=", 9) == 0) {
			format = argv[i] + 9;
		} else if (strcmp(argv[i], "--format") == 0) {
			cli_error(_("keys: --format needs config, markdown or man"));
			return CLI_USAGE;
		} else {
			cli_error(_("keys: unexpected argument \"%s\"; see \"margo keys --help\""), argv[i]);
			return CLI_USAGE;
		}
	}
	void (*print)(FILE *);
	if (strcmp(format, "config") == 0)
		print = print_config;
	else if (strcmp(format, "markdown") == 0)
		print = print_markdown;
	else if (strcmp(format, "man") == 0)
		print = print_man;
	else {
		cli_error(_("keys: unknown format \"%s\"; use config, markdown or man"), format);
		return CLI_USAGE;
	}
	print(stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error(_("keys: cannot write the key bindings"));
		return CLI_FAILED;
	}
	return CLI_OK;
}
