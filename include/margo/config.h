/*
 * config.h: the configuration file, read without a terminal.
 *
 * The file is $XDG_CONFIG_HOME/margo/config (~/.config/margo/config), or
 * the one --config FILE or $MARGO_CONFIG names; -n / --no-config reads
 * none.  Its lines, words split as a shell would for "..." quotes and
 * backslash escapes, a "#" word starting a comment:
 *
 *   set OPTION VALUE
 *   bind VIEW KEYS ACTION
 *   unbind VIEW KEYS
 *   color ELEMENT FG BG [ATTR...]
 *   source FILE              (relative to the file that says it; ~ works)
 *
 * Every line is checked here; one that is wrong is kept out and its
 * message, "FILE:LINE: what is wrong (valid: a, b, c)", collected, and
 * the rest is read all the same.  The reader applies what was read
 * (src/ui/config_apply.c).  docs/CONFIG.md says it all for users.
 */
#ifndef MARGO_CONFIG_H
#define MARGO_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "margo/store_list.h"

/* Keys: a character is its code point (control characters too: ^X is
 * 0x18, <Esc> 27, <Enter> 13); the keys without one are CONFIG_KEY_BASE
 * and up, in this order, which the reader maps to its terminal's codes. */
#define CONFIG_KEY_BASE 0x200000
enum config_named_key {
	CONFIG_KEY_UP = CONFIG_KEY_BASE, CONFIG_KEY_DOWN, CONFIG_KEY_LEFT, CONFIG_KEY_RIGHT,
	CONFIG_KEY_PGUP, CONFIG_KEY_PGDN, CONFIG_KEY_HOME, CONFIG_KEY_END, CONFIG_KEY_INSERT,
	CONFIG_KEY_DELETE, CONFIG_KEY_BACKSPACE, CONFIG_KEY_BTAB, CONFIG_KEY_KPENTER,
	CONFIG_KEY_F1,  /* .. CONFIG_KEY_F1 + 11: F12 */
	CONFIG_KEY_LAST = CONFIG_KEY_F1 + 11
};
/* The longest key sequence ("gg" is 2). */
#define CONFIG_SEQ_MAX 4

/* Parse a key sequence: "j", "gg", "^X", "<C-x>", "<Esc>", "<F1>",
 * "<PgDn>", "<Space>", "<Hash>" ("#"), "<Lt>" ("<").  The number of keys
 * (1 .. CONFIG_SEQ_MAX), or -1 with a message in *err (malloc'd). */
int config_parse_keys(const char *s, int keys[CONFIG_SEQ_MAX], char **err);
/* The name of one key as config_parse_keys() reads it ("j", "^O",
 * "<PgDn>"), malloc'd; NULL when memory runs out. */
char *config_key_name(int key);

/* Attributes of a colour line. */
#define CONFIG_ATTR_BOLD      (1u << 0)
#define CONFIG_ATTR_UNDERLINE (1u << 1)
#define CONFIG_ATTR_REVERSE   (1u << 2)
#define CONFIG_ATTR_DIM       (1u << 3)
#define CONFIG_ATTR_ITALIC    (1u << 4)
#define CONFIG_ATTR_STANDOUT  (1u << 5)
#define CONFIG_COLOR_DEFAULT  (-1)      /* the terminal's own colour */

struct config_options {
	bool mouse;               /* mouse: off */
	int reading_width;        /* reading-width: the text's widest measure,
	                           * in columns (100); 0, the whole pane */
	int sidebar_width;        /* sidebar-width: 0, as the layout decides */
	char *date_format;        /* date-format: strftime(3), NULL as stored */
	enum store_order list_order;  /* list-order: STORE_ORDER_DEFAULT */
	char *editor;             /* editor: NULL, $VISUAL then $EDITOR */
	bool confirm_quit;        /* confirm-quit: q asks before it loses work
	                           * (a selection, a link begun, a note not
	                           * saved); on */
	char *theme;              /* theme: the last one set, or NULL */
	char *user;               /* user: the coder's name recorded with what
	                           * is annotated (NULL: the login name) */
};

/* A bind or unbind line, in the order read. */
struct config_bind {
	char *view;               /* a view name or "generic" */
	int keys[CONFIG_SEQ_MAX];
	int n_keys;
	char *action;             /* NULL: unbind */
	char *where;              /* "FILE:LINE" */
};

/* A colour line. */
struct config_color {
	char *element;
	int fg, bg;               /* 0..255 or CONFIG_COLOR_DEFAULT */
	unsigned attrs;           /* CONFIG_ATTR_* */
	char *where;
};

/* The names the lines may use, which the reader knows (NULL-ended
 * lists); a NULL list takes any name. */
struct config_names {
	const char *const *views;     /* "generic" is always valid */
	const char *const *actions;
	const char *const *elements;
	/* NULL when ACTION works in VIEW (not "generic"), else the views it
	 * works in, "list, text" (malloc'd); may be NULL. */
	char *(*action_views)(const char *view, const char *action);
};

struct config {
	struct config_options opt;
	struct config_bind *binds;
	size_t n_binds, cap_binds;
	struct config_color *colors;
	size_t n_colors, cap_colors;
	char **errors;            /* "FILE:LINE: message" */
	size_t n_errors, cap_errors;
	char *path;               /* the file read, or NULL */
	/* private */
	const struct config_names *names;
	char *themes_dir;
	char **open_files;        /* the chain of files being read */
	size_t depth, cap_open;
};

/* Default options, nothing bound. */
void config_init(struct config *c, const struct config_names *names);
void config_free(struct config *c);

/* The file to read: `option` (--config) if given, else $MARGO_CONFIG, else
 * $XDG_CONFIG_HOME/margo/config or ~/.config/margo/config.  *explicit
 * says whether the user named it (then a missing file is an error).
 * malloc'd; NULL when no home folder is known. */
char *config_default_path(const char *option, bool *explicit_path);

/* Read `path` into `c`.  A missing file is an error only when
 * `must_exist`.  Problems are added to c->errors; returns their count.
 * -1 only when memory runs out. */
int config_read_file(struct config *c, const char *path, bool must_exist);
/* One line, as if read from FILE:LINE (for tests and the theme). */
int config_read_line(struct config *c, const char *file, size_t line_no, const char *text);

/* The themes folder (data/themes), malloc'd; tests may set it. */
void config_set_themes_dir(struct config *c, const char *dir);

/* The configuration the program runs with (set once by main()). */
void config_set_current(struct config *c);
const struct config *config_current(void);
const struct config_options *config_options(void);
/* The options when no file says otherwise. */
const struct config_options *config_options_default(void);

/* `iso` (YYYY-MM-DD, YYYY-MM or YYYY) as date-format says, malloc'd;
 * NULL when no format is set, the date is not a whole day, or memory
 * runs out (then show it as it is). */
char *config_format_date(const char *iso);

/* "on"/"off" and names of orders, for `margo keys` and the docs. */
const char *config_order_name(enum store_order o);

#endif
