/*
 * config.c: reading the configuration file (config.h) into plain data.
 *
 * Lines come through the bounded line reader; each is split into words,
 * checked whole, and either kept (an option set, a binding, a colour) or
 * reported with its file and line.  `source` reads another file in place,
 * relative to the one that names it, at most CONFIG_DEPTH deep and never
 * one that is already being read (a cycle).
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "margo/config.h"
#include "margo/i18n.h"
#include "margo/lineread.h"
#include "margo/paths.h"
#include "margo/util.h"

#define CONFIG_LINE_MAX 4096  /* a longer line is reported and skipped */
#define CONFIG_DEPTH 8        /* source inside source ... */
#define CONFIG_WORDS 16       /* more words on a line are an error */

static struct config *current;

void config_set_current(struct config *c)
{
	current = c;
}

const struct config *config_current(void)
{
	return current;
}

const struct config_options *config_options_default(void)
{
	static const struct config_options defaults = {
		.reading_width = 100,
		.list_order = STORE_ORDER_DEFAULT,
		.confirm_quit = true,
	};
	return &defaults;
}

const struct config_options *config_options(void)
{
	return current ? &current->opt : config_options_default();
}

const char *config_order_name(enum store_order o)
{
	return store_order_name(o);
}

void config_init(struct config *c, const struct config_names *names)
{
	memset(c, 0, sizeof *c);
	c->opt = *config_options_default();
	c->names = names;
}

void config_free(struct config *c)
{
	for (size_t i = 0; i < c->n_binds; i++) {
		free(c->binds[i].view);
		free(c->binds[i].action);
		free(c->binds[i].where);
	}
	free(c->binds);
	for (size_t i = 0; i < c->n_colors; i++) {
		free(c->colors[i].element);
		free(c->colors[i].where);
	}
	free(c->colors);
	for (size_t i = 0; i < c->n_errors; i++)
		free(c->errors[i]);
	free(c->errors);
	free(c->opt.date_format);
	free(c->opt.editor);
	free(c->opt.theme);
	free(c->opt.user);
	free(c->path);
	free(c->themes_dir);
	free(c->open_files);
	if (current == c)
		current = NULL;
	memset(c, 0, sizeof *c);
}

void config_set_themes_dir(struct config *c, const char *dir)
{
	free(c->themes_dir);
	c->themes_dir = dir ? util_strdup(dir) : NULL;
}

/* ---- errors ------------------------------------------------------------- */

static int add_error(struct config *c, const char *file, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int add_error(struct config *c, const char *file, size_t line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = util_vprintf(fmt, ap);
	va_end(ap);
	char *full = msg ? (line ? util_printf("%s:%zu: %s", file, line, msg)
	                         : util_printf("%s: %s", file, msg)) : NULL;
	free(msg);
	char **grown = full ? util_grow(c->errors, &c->cap_errors, c->n_errors + 1,
	                                sizeof *c->errors) : NULL;
	if (!grown) {
		free(full);
		return -1;
	}
	c->errors = grown;
	c->errors[c->n_errors++] = full;
	return 0;
}

/* "a, b, c" of a NULL-ended list. */
static char *join(const char *const *names)
{
	struct buf b = { 0 };
	for (size_t i = 0; names && names[i]; i++) {
		if (i)
			buf_puts(&b, ", ");
		buf_puts(&b, names[i]);
	}
	if (!b.data)
		buf_puts(&b, "");
	return buf_steal(&b);
}

static bool in_list(const char *const *names, const char *s)
{
	if (!names)
		return true;
	for (size_t i = 0; names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return true;
	return false;
}

/* ---- words -------------------------------------------------------------- */

/* Split `s` into words: "..." and '...' quote, a backslash escapes the
 * next character (in "..." too, where \n and \t are a new line and a tab),
 * a "#" at the start of a word starts a comment.  The number of words, or
 * -1 with *err set (a static message). */
static int split_words(const char *s, char **words, int max, const char **err)
{
	int n = 0;
	const char *p = s;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			return n;
		if (n == max) {
			*err = _("too many words on the line");
			goto fail;
		}
		struct buf w = { 0 };
		buf_puts(&w, "");
		char quote = 0;
		while (*p && (quote || (*p != ' ' && *p != '\t' && *p != '\r'))) {
			if (quote && *p == quote) {
				quote = 0;
				p++;
			} else if (!quote && (*p == '"' || *p == '\'')) {
				quote = *p++;
			} else if (*p == '\\' && quote != '\'') {
				p++;
				if (!*p) {
					*err = _("a backslash ends the line");
					buf_free(&w);
					goto fail;
				}
				char e = *p++;
				if (quote && e == 'n')
					e = '\n';
				else if (quote && e == 't')
					e = '\t';
				buf_putc(&w, e);
			} else {
				buf_putc(&w, *p++);
			}
		}
		if (quote) {
			*err = _("a quote is not closed");
			buf_free(&w);
			goto fail;
		}
		if (!w.data) {
			*err = _("out of memory");
			goto fail;
		}
		words[n++] = buf_steal(&w);
	}
fail:
	for (int i = 0; i < n; i++)
		free(words[i]);
	return -1;
}

/* ---- paths -------------------------------------------------------------- */

static const char *home_dir(void)
{
	const char *home = getenv("HOME");
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : NULL;
	}
	return home && *home ? home : NULL;
}

char *config_default_path(const char *option, bool *explicit_path)
{
	*explicit_path = true;
	if (option)
		return util_strdup(option);
	const char *env = getenv("MARGO_CONFIG");
	if (env && *env)
		return util_strdup(env);
	*explicit_path = false;
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && *xdg == '/')
		return util_printf("%s/margo/config", xdg);
	const char *home = home_dir();
	return home ? util_printf("%s/.config/margo/config", home) : NULL;
}

/* `name` as a path: ~ and ~/ are the home folder, a relative path is
 * relative to the folder of `from` (the including file). */
static char *resolve(const char *name, const char *from)
{
	if (name[0] == '~' && (name[1] == '/' || name[1] == '\0')) {
		const char *home = home_dir();
		return home ? util_printf("%s%s", home, name + 1) : NULL;
	}
	if (name[0] == '/' || !from)
		return util_strdup(name);
	const char *slash = strrchr(from, '/');
	if (!slash)
		return util_strdup(name);
	return util_printf("%.*s/%s", (int)(slash - from), from, name);
}

/* ---- lines -------------------------------------------------------------- */

struct option_def {
	const char *name;
	enum { OPT_BOOL, OPT_WIDTH, OPT_STRING, OPT_ORDER, OPT_THEME } kind;
	size_t offset;
	int lo, hi;               /* OPT_WIDTH: 0 or lo..hi */
};

#define OFF(f) offsetof(struct config_options, f)
static const struct option_def option_defs[] = {
	{ "mouse", OPT_BOOL, OFF(mouse), 0, 0 },
	{ "reading-width", OPT_WIDTH, OFF(reading_width), 20, 1000 },
	{ "sidebar-width", OPT_WIDTH, OFF(sidebar_width), 10, 200 },
	{ "date-format", OPT_STRING, OFF(date_format), 0, 0 },
	{ "list-order", OPT_ORDER, OFF(list_order), 0, 0 },
	{ "editor", OPT_STRING, OFF(editor), 0, 0 },
	{ "confirm-quit", OPT_BOOL, OFF(confirm_quit), 0, 0 },
	{ "theme", OPT_THEME, OFF(theme), 0, 0 },
	{ "user", OPT_STRING, OFF(user), 0, 0 },
};
char *config_format_date(const char *iso)
{
	const char *fmt = config_options()->date_format;
	if (!fmt || !iso)
		return NULL;
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	const char *end = strptime(iso, "%Y-%m-%d", &tm);
	if (!end || *end)
		return NULL;
	tm.tm_isdst = -1;
	for (size_t cap = 64; cap <= 4096; cap *= 4) {
		char *out = malloc(cap);
		if (!out)
			return NULL;
		/* The user's own format: strftime() reads nothing but tm. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		size_t n = strftime(out, cap, fmt, &tm);
#pragma GCC diagnostic pop
		if (n > 0 || !*fmt)
			return out;
		free(out);
	}
	return NULL;
}

static const char option_list[] =
	"mouse, reading-width, sidebar-width, date-format, list-order, editor, confirm-quit, theme, "
	"user";

static int read_file(struct config *c, const char *path, bool must_exist,
                     const char *file, size_t line);

/* The themes folder (malloc'd), or NULL. */
static char *themes_dir(const struct config *c)
{
	if (c->themes_dir)
		return util_strdup(c->themes_dir);
	char *data = paths_data_dir();
	char *dir = data ? util_printf("%s/themes", data) : NULL;
	free(data);
	return dir;
}

/* Whether `name` is a theme of the themes folder. */
static bool is_theme(const struct config *c, const char *name)
{
	char *dir = themes_dir(c);
	char *path = dir ? util_printf("%s/%s", dir, name) : NULL;
	struct stat sb;
	bool yes = path && stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
	free(path);
	free(dir);
	return yes;
}

static int do_set(struct config *c, const char *file, size_t line, char **w, int n)
{
	if (n != 3)
		return add_error(c, file, line, _("set needs an option and one value: set OPTION VALUE "
		                 "(valid options: %s)"), option_list);
	const struct option_def *d = NULL;
	for (size_t i = 0; i < sizeof option_defs / sizeof *option_defs; i++)
		if (strcmp(w[1], option_defs[i].name) == 0)
			d = &option_defs[i];
	if (!d)
		return add_error(c, file, line, _("unknown option \"%s\" (valid: %s)"), w[1], option_list);
	char *field = (char *)&c->opt + d->offset;
	const char *v = w[2];
	switch (d->kind) {
	case OPT_BOOL: {
		static const char *const yes[] = { "on", "yes", "true", "1", NULL };
		static const char *const no[] = { "off", "no", "false", "0", NULL };
		bool b;
		if (in_list(yes, v))
			b = true;
		else if (in_list(no, v))
			b = false;
		else
			return add_error(c, file, line, _("%s: \"%s\" is not on or off (valid: on, off)"),
			                 d->name, v);
		memcpy(field, &b, sizeof b);
		return 0;
	}
	case OPT_WIDTH: {
		char *end;
		errno = 0;
		long x = strtol(v, &end, 10);
		if (errno || end == v || *end || (x != 0 && (x < d->lo || x > d->hi)))
			return add_error(c, file, line, _("%s: \"%s\" is not a width (valid: 0 for "
			                 "automatic, or %d to %d columns)"), d->name, v, d->lo, d->hi);
		int i = (int)x;
		memcpy(field, &i, sizeof i);
		return 0;
	}
	case OPT_STRING: {
		if (d->offset == OFF(user) && *v && !store_coder_name_ok(v))
			return add_error(c, file, line, _("user: \"%s\" is not a name (1 to 100 characters, "
			                 "none of them a control character)"), v);
		char **s = (char **)(void *)field;
		free(*s);
		*s = *v ? util_strdup(v) : NULL;
		return 0;
	}
	case OPT_ORDER: {
		for (int o = 0; o < STORE_ORDERS; o++)
			if (strcmp(v, store_order_name((enum store_order)o)) == 0) {
				c->opt.list_order = (enum store_order)o;
				return 0;
			}
		struct buf b = { 0 };
		for (int o = 0; o < STORE_ORDERS; o++)
			buf_printf(&b, "%s%s", o ? ", " : "", store_order_name((enum store_order)o));
		int rc = add_error(c, file, line, _("list-order: unknown order \"%s\" (valid: %s)"), v,
		                   b.data ? b.data : "");
		buf_free(&b);
		return rc;
	}
	case OPT_THEME: {
		if (!*v || strchr(v, '/') || v[0] == '.')
			return add_error(c, file, line, _("theme: \"%s\" is not a theme name "
			                 "(a file of the themes folder)"), v);
		char *dir = themes_dir(c);
		char *path = dir ? util_printf("%s/%s", dir, v) : NULL;
		if (!path) {
			free(dir);
			return -1;
		}
		struct stat sb;
		int rc;
		if (stat(path, &sb) < 0) {
			rc = add_error(c, file, line, _("theme: no theme \"%s\" in %s"), v, dir);
		} else {
			free(c->opt.theme);
			c->opt.theme = util_strdup(v);
			rc = read_file(c, path, true, file, line);
		}
		free(path);
		free(dir);
		return rc;
	}
	}
	return 0;
}

static int add_bind(struct config *c, const char *file, size_t line, char **w, int n, bool bind)
{
	const char *cmd = bind ? "bind" : "unbind";
	if (n != (bind ? 4 : 3))
		return add_error(c, file, line, bind ? _("bind needs a view, keys and an action: "
		                 "bind VIEW KEYS ACTION") : _("unbind needs a view and keys: unbind "
		                 "VIEW KEYS"));
	const struct config_names *nm = c->names;
	if (strcmp(w[1], "generic") != 0 && nm && !in_list(nm->views, w[1])) {
		char *valid = join(nm->views);
		int rc = add_error(c, file, line, _("%s: unknown view \"%s\" (valid: generic, %s)"), cmd,
		                   w[1], valid ? valid : "");
		free(valid);
		return rc;
	}
	struct config_bind b = { 0 };
	char *err = NULL;
	b.n_keys = config_parse_keys(w[2], b.keys, &err);
	if (b.n_keys < 0) {
		int rc = add_error(c, file, line, "%s: %s", cmd, err ? err : _("bad key"));
		free(err);
		return rc;
	}
	if (bind && nm && !in_list(nm->actions, w[3])) {
		char *valid = join(nm->actions);
		int rc = add_error(c, file, line, _("bind: unknown action \"%s\" (valid: %s)"), w[3],
		                   valid ? valid : "");
		free(valid);
		return rc;
	}
	char *views = bind && nm && nm->action_views && strcmp(w[1], "generic") != 0
	              ? nm->action_views(w[1], w[3]) : NULL;
	if (views) {
		int rc = add_error(c, file, line, _("bind: %s does not work in the %s view (valid: "
		                   "generic, %s)"), w[3], w[1], views);
		free(views);
		return rc;
	}
	struct config_bind *grown = util_grow(c->binds, &c->cap_binds, c->n_binds + 1,
	                                      sizeof *c->binds);
	if (!grown)
		return -1;
	c->binds = grown;
	b.view = util_strdup(w[1]);
	b.action = bind ? util_strdup(w[3]) : NULL;
	b.where = util_printf("%s:%zu", file, line);
	c->binds[c->n_binds++] = b;
	return 0;
}

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white", NULL
};
static const char *const attr_names[] = {
	"bold", "underline", "reverse", "dim", "italic", "standout", NULL
};

/* A colour word: default, black..white, bright-black..bright-white,
 * color0..color255; -2 when it is none. */
static int parse_color(const char *s)
{
	if (strcmp(s, "default") == 0)
		return CONFIG_COLOR_DEFAULT;
	int base = 0;
	if (strncmp(s, "bright-", 7) == 0) {
		base = 8;
		s += 7;
	}
	for (int i = 0; color_names[i]; i++)
		if (strcmp(s, color_names[i]) == 0)
			return base + i;
	if (!base && strncmp(s, "color", 5) == 0 && s[5] >= '0' && s[5] <= '9') {
		char *end;
		long n = strtol(s + 5, &end, 10);
		if (!*end && n >= 0 && n <= 255 && (s[5] != '0' || s[6] == '\0'))
			return (int)n;
	}
	return -2;
}

static int add_color(struct config *c, const char *file, size_t line, char **w, int n)
{
	if (n < 4)
		return add_error(c, file, line, _("color needs an element and two colours: "
		                 "color ELEMENT FG BG [ATTRS]"));
	const struct config_names *nm = c->names;
	if (nm && !in_list(nm->elements, w[1])) {
		char *valid = join(nm->elements);
		int rc = add_error(c, file, line, _("color: unknown element \"%s\" (valid: %s)"), w[1],
		                   valid ? valid : "");
		free(valid);
		return rc;
	}
	struct config_color col = { 0 };
	col.fg = parse_color(w[2]);
	col.bg = parse_color(w[3]);
	for (int i = 2; i < 4; i++)
		if (parse_color(w[i]) == -2)
			return add_error(c, file, line, _("color: unknown colour \"%s\" (valid: default, "
			                 "black, red, green, yellow, blue, magenta, cyan, white, "
			                 "bright-black .. bright-white, color0 .. color255)"), w[i]);
	for (int i = 4; i < n; i++) {
		int a = -1;
		for (int k = 0; attr_names[k]; k++)
			if (strcmp(w[i], attr_names[k]) == 0)
				a = k;
		if (a < 0 && strcmp(w[i], "normal") != 0)
			return add_error(c, file, line, _("color: unknown attribute \"%s\" (valid: normal, "
			                 "bold, underline, reverse, dim, italic, standout)"), w[i]);
		if (a >= 0)
			col.attrs |= 1u << a;
	}
	struct config_color *grown = util_grow(c->colors, &c->cap_colors, c->n_colors + 1,
	                                       sizeof *c->colors);
	if (!grown)
		return -1;
	c->colors = grown;
	col.element = util_strdup(w[1]);
	col.where = util_printf("%s:%zu", file, line);
	c->colors[c->n_colors++] = col;
	return 0;
}

int config_read_line(struct config *c, const char *file, size_t line, const char *text)
{
	char *w[CONFIG_WORDS];
	const char *err = NULL;
	int n = split_words(text, w, CONFIG_WORDS, &err);
	if (n < 0)
		return add_error(c, file, line, "%s", err);
	int rc = 0;
	if (n == 0)
		return 0;
	if (strcmp(w[0], "set") == 0) {
		rc = do_set(c, file, line, w, n);
	} else if (strcmp(w[0], "bind") == 0) {
		rc = add_bind(c, file, line, w, n, true);
	} else if (strcmp(w[0], "unbind") == 0) {
		rc = add_bind(c, file, line, w, n, false);
	} else if (strcmp(w[0], "color") == 0 || strcmp(w[0], "colour") == 0) {
		rc = add_color(c, file, line, w, n);
	} else if (strcmp(w[0], "source") == 0) {
		if (n != 2) {
			rc = add_error(c, file, line, _("source needs one file: source FILE"));
		} else {
			char *path = resolve(w[1], file);
			/* A bare name with no such file beside the including one is
			 * a theme of the themes folder: "source solarized". */
			struct stat sb;
			if (path && !strchr(w[1], '/') && w[1][0] != '.' && w[1][0] != '~' &&
			    stat(path, &sb) < 0 && errno == ENOENT && is_theme(c, w[1])) {
				free(path);
				char *as_theme[3] = { (char *)"set", (char *)"theme", w[1] };
				rc = do_set(c, file, line, as_theme, 3);
				for (int i = 0; i < n; i++)
					free(w[i]);
				return rc;
			}
			rc = path ? read_file(c, path, true, file, line)
			          : add_error(c, file, line, _("source: no home folder for \"%s\""), w[1]);
			free(path);
		}
	} else {
		rc = add_error(c, file, line, _("unknown command \"%s\" (valid: set, bind, unbind, "
		               "color, source)"), w[0]);
	}
	for (int i = 0; i < n; i++)
		free(w[i]);
	return rc;
}

/* Read one file; `from`:`at` is the line that named it (for messages). */
static int read_file(struct config *c, const char *path, bool must_exist,
                     const char *from, size_t at)
{
	const char *who = from ? from : path;
	if (c->depth >= CONFIG_DEPTH)
		return add_error(c, who, at, _("source: \"%s\" is nested too deep (more than %d files)"),
		                 path, CONFIG_DEPTH);
	char *real = realpath(path, NULL);
	for (size_t i = 0; real && i < c->depth; i++)
		if (strcmp(c->open_files[i], real) == 0) {
			free(real);
			return add_error(c, who, at, _("source: \"%s\" is already being read (a cycle)"),
			                 path);
		}
	FILE *f = fopen(path, "r");
	if (!f) {
		int e = errno;
		free(real);
		if (e == ENOENT && !must_exist)
			return 0;
		if (!from)
			return add_error(c, path, 0, "%s", strerror(e));
		return add_error(c, who, at, _("cannot read \"%s\": %s"), path, strerror(e));
	}
	struct stat sb;
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(f);
		free(real);
		return add_error(c, who, at, _("cannot read \"%s\": it is a folder"), path);
	}
	char **grown = util_grow(c->open_files, &c->cap_open, c->depth + 1,
	                         sizeof *c->open_files);
	if (!grown) {
		fclose(f);
		free(real);
		return -1;
	}
	c->open_files = grown;
	c->open_files[c->depth++] = real ? real : util_strdup(path);
	struct line_reader r;
	line_reader_init(&r, f, CONFIG_LINE_MAX);
	int rc = 0;
	for (;;) {
		enum line_status s = line_read(&r);
		if (s == LINE_EOF)
			break;
		if (s == LINE_OK) {
			if (r.has_nul)
				rc = add_error(c, path, r.line_no, _("the line holds a NUL byte"));
			else if (!utf8_clean(r.line, r.len))
				rc = add_error(c, path, r.line_no, _("the line is not valid UTF-8"));
			else
				rc = config_read_line(c, path, r.line_no, r.line);
		} else if (s == LINE_LONG) {
			rc = add_error(c, path, r.line_no, _("the line is longer than %d bytes"),
			               CONFIG_LINE_MAX);
		} else {
			rc = add_error(c, path, r.line_no, "%s", s == LINE_BINARY ? _("not a text file")
			               : s == LINE_NOMEM ? "out of memory" : strerror(r.err));
			break;
		}
		if (rc < 0)
			break;
	}
	line_reader_free(&r);
	fclose(f);
	c->depth--;
	free(c->open_files[c->depth]);
	return rc < 0 ? -1 : 0;
}

int config_read_file(struct config *c, const char *path, bool must_exist)
{
	size_t before = c->n_errors;
	if (!c->path)
		c->path = util_strdup(path);
	if (read_file(c, path, must_exist, NULL, 0) < 0)
		return -1;
	return (int)(c->n_errors - before);
}
