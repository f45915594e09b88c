/*
 * test_config.c: the configuration file's parser and key names.
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "margo/config.h"
#include "margo/util.h"

static const char *const views[] = { "list", "text", NULL };
static const char *const actions[] = { "down", "up", "first", "quit", NULL };
static const char *const elements[] = { "title", "status", NULL };
/* "first" works in the list only. */
static char *first_in_list(const char *view, const char *action)
{
	if (strcmp(action, "first") == 0 && strcmp(view, "list") != 0)
		return util_strdup("list");
	return NULL;
}
static const struct config_names names = { views, actions, elements, first_in_list };

static char dir[] = "/tmp/margo-config-test.XXXXXX";

static char *write_file(const char *name, const char *text)
{
	char *path = util_printf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void test_keys(void **state)
{
	(void)state;
	int k[CONFIG_SEQ_MAX];
	char *err;
	assert_int_equal(config_parse_keys("j", k, &err), 1);
	assert_int_equal(k[0], 'j');
	assert_int_equal(config_parse_keys("gg", k, &err), 2);
	assert_int_equal(k[0], 'g');
	assert_int_equal(k[1], 'g');
	assert_int_equal(config_parse_keys("^X", k, &err), 1);
	assert_int_equal(k[0], 0x18);
	assert_int_equal(config_parse_keys("<C-o>", k, &err), 1);
	assert_int_equal(k[0], 0x0f);
	assert_int_equal(config_parse_keys("<Esc>", k, &err), 1);
	assert_int_equal(k[0], 27);
	assert_int_equal(config_parse_keys("<F1>", k, &err), 1);
	assert_int_equal(k[0], CONFIG_KEY_F1);
	assert_int_equal(config_parse_keys("<f12>", k, &err), 1);
	assert_int_equal(k[0], CONFIG_KEY_F1 + 11);
	assert_int_equal(config_parse_keys("<PgDn>", k, &err), 1);
	assert_int_equal(k[0], CONFIG_KEY_PGDN);
	assert_int_equal(config_parse_keys("<Space>", k, &err), 1);
	assert_int_equal(k[0], ' ');
	assert_int_equal(config_parse_keys("<Esc>x", k, &err), 2);
	assert_int_equal(k[1], 'x');
	assert_int_equal(config_parse_keys("\xc3\xa8", k, &err), 1);  /* è */
	assert_int_equal(k[0], 0xe8);
	assert_int_equal(config_parse_keys("<", k, &err), 1);
	assert_int_equal(k[0], '<');

	assert_int_equal(config_parse_keys("<Foo>", k, &err), -1);
	assert_non_null(strstr(err, "<Foo>"));
	assert_non_null(strstr(err, "<PgDn>"));
	free(err);
	assert_int_equal(config_parse_keys("abcde", k, &err), -1);
	free(err);
	assert_int_equal(config_parse_keys("", k, &err), -1);
	free(err);
	assert_int_equal(config_parse_keys("^1", k, &err), -1);
	free(err);
}

static void test_key_names_round_trip(void **state)
{
	(void)state;
	int keys[] = { 'j', 'G', ' ', '\r', '\t', 27, 0x0f, '#', '<', 127, 0xe8,
	               CONFIG_KEY_PGDN, CONFIG_KEY_F1 + 4, CONFIG_KEY_BTAB };
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		char *name = config_key_name(keys[i]);
		int k[CONFIG_SEQ_MAX];
		char *err;
		assert_int_equal(config_parse_keys(name, k, &err), 1);
		assert_int_equal(k[0], keys[i]);
		free(name);
	}
	char *n = config_key_name(CONFIG_KEY_PGDN);
	assert_string_equal(n, "<PgDn>");
	free(n);
	n = config_key_name(0x12);
	assert_string_equal(n, "^R");
	free(n);
}

static void test_set_options(void **state)
{
	(void)state;
	struct config c;
	config_init(&c, &names);
	assert_false(c.opt.mouse);
	assert_int_equal(c.opt.list_order, STORE_ORDER_DEFAULT);
	char *p = write_file("opts",
		"# a comment\n"
		"set mouse on   # and one after\n"
		"set reading-width 90\n"
		"set sidebar-width 30\n"
		"set date-format \"%d %b %Y\"\n"
		"set list-order date\n"
		"set editor 'vi -c \"set tw=72\"'\n"
		"set confirm-quit yes\n"
		"set user \"Anna Maria\"\n"
		"set user \"a\tb\"\n"
		"\n");
	/* A coder's name with a control character is refused, the one
	 * before it kept. */
	assert_int_equal(config_read_file(&c, p, true), 1);
	assert_non_null(strstr(c.errors[0], ":10: user: \"a\tb\" is not a name"));
	assert_string_equal(c.opt.user, "Anna Maria");
	assert_true(c.opt.mouse);
	assert_int_equal(c.opt.reading_width, 90);
	assert_int_equal(c.opt.sidebar_width, 30);
	assert_string_equal(c.opt.date_format, "%d %b %Y");
	assert_int_equal(c.opt.list_order, STORE_ORDER_DATE);
	assert_string_equal(c.opt.editor, "vi -c \"set tw=72\"");
	assert_true(c.opt.confirm_quit);
	config_free(&c);
	free(p);
}

static void test_errors_name_file_line_and_choices(void **state)
{
	(void)state;
	struct config c;
	config_init(&c, &names);
	char *p = write_file("bad",
		"set mouse maybe\n"
		"set wrap 3\n"
		"bind list x jump\n"
		"bind nowhere x down\n"
		"color title pink default\n"
		"color nothing red default\n"
		"frobnicate\n"
		"set editor \"vi\n"
		"set list-order size\n"
		"set reading-width 5\n"
		"bind list q quit\n");
	assert_int_equal(config_read_file(&c, p, true), 10);
	char *want0 = util_printf("%s:1: mouse: \"maybe\" is not on or off (valid: on, off)", p);
	assert_string_equal(c.errors[0], want0);
	free(want0);
	assert_non_null(strstr(c.errors[1], ":2: unknown option \"wrap\" (valid: mouse,"));
	assert_non_null(strstr(c.errors[2], ":3: bind: unknown action \"jump\" (valid: down, up, first, quit)"));
	assert_non_null(strstr(c.errors[3], ":4: bind: unknown view \"nowhere\" (valid: generic, list, text)"));
	assert_non_null(strstr(c.errors[4], ":5: color: unknown colour \"pink\""));
	assert_non_null(strstr(c.errors[5], ":6: color: unknown element \"nothing\" (valid: title, status)"));
	assert_non_null(strstr(c.errors[6], ":7: unknown command \"frobnicate\""));
	assert_non_null(strstr(c.errors[7], ":8: a quote is not closed"));
	assert_non_null(strstr(c.errors[8], ":9: list-order: unknown order \"size\" (valid: added, date,"));
	assert_non_null(strstr(c.errors[9], ":10: reading-width"));
	/* The good line after them is kept. */
	assert_int_equal(c.n_binds, 1);
	assert_string_equal(c.binds[0].action, "quit");
	assert_false(c.opt.mouse);
	config_free(&c);
	free(p);
}

static void test_bind_unbind_color(void **state)
{
	(void)state;
	struct config c;
	config_init(&c, &names);
	assert_int_equal(config_read_line(&c, "f", 1, "bind generic gg first"), 0);
	assert_int_equal(config_read_line(&c, "f", 2, "unbind list <PgDn>"), 0);
	assert_int_equal(config_read_line(&c, "f", 3, "color status bright-white color17 bold reverse"), 0);
	assert_int_equal(config_read_line(&c, "f", 4, "color title default default"), 0);
	assert_int_equal(c.n_errors, 0);
	assert_int_equal(config_read_line(&c, "f", 5, "bind text x first"), 0);
	assert_int_equal(c.n_errors, 1);
	assert_string_equal(c.errors[0], "f:5: bind: first does not work in the text view "
	                    "(valid: generic, list)");
	assert_int_equal(c.n_binds, 2);
	assert_int_equal(c.binds[0].n_keys, 2);
	assert_string_equal(c.binds[0].view, "generic");
	assert_string_equal(c.binds[0].where, "f:1");
	assert_null(c.binds[1].action);
	assert_int_equal(c.binds[1].keys[0], CONFIG_KEY_PGDN);
	assert_int_equal(c.n_colors, 2);
	assert_int_equal(c.colors[0].fg, 15);
	assert_int_equal(c.colors[0].bg, 17);
	assert_int_equal(c.colors[0].attrs, CONFIG_ATTR_BOLD | CONFIG_ATTR_REVERSE);
	assert_int_equal(c.colors[1].fg, CONFIG_COLOR_DEFAULT);
	config_free(&c);
}

static void test_source_relative_cycle_and_depth(void **state)
{
	(void)state;
	char *sub = util_printf("%s/sub", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	char *inner = write_file("sub/inner", "set mouse on\nsource ../loop\n");
	char *loop = write_file("loop", "source sub/inner\n");
	char *top = write_file("top", "source sub/inner\nset sidebar-width 25\n");
	struct config c;
	config_init(&c, &names);
	assert_int_equal(config_read_file(&c, top, true), 1);
	assert_true(c.opt.mouse);
	assert_int_equal(c.opt.sidebar_width, 25);
	assert_non_null(strstr(c.errors[0], "already being read (a cycle)"));
	char *want = util_printf("%s/sub/../loop:1: source: \"%s/sub/../sub/inner\"", dir, dir);
	assert_non_null(strstr(c.errors[0], want));
	free(want);
	config_free(&c);

	/* ~ is the home folder. */
	setenv("HOME", dir, 1);
	char *tilde = write_file("tilde", "source ~/sub/inner\n");
	config_init(&c, &names);
	config_read_file(&c, tilde, true);
	assert_true(c.opt.mouse);
	config_free(&c);

	/* A file that sources itself through a symlink-free chain of new
	 * names is stopped by depth. */
	char *deep = write_file("deep", "source deep2\n");
	for (int i = 2; i < 12; i++) {
		char *name = util_printf("deep%d", i);
		char *text = util_printf("source deep%d\n", i + 1);
		free(write_file(name, text));
		free(name);
		free(text);
	}
	free(write_file("deep12", "set mouse on\n"));
	config_init(&c, &names);
	assert_int_equal(config_read_file(&c, deep, true), 1);
	assert_non_null(strstr(c.errors[0], "nested too deep"));
	config_free(&c);
	free(deep);
	free(tilde);
	free(inner);
	free(loop);
	free(top);
	free(sub);
}

static void test_missing_file(void **state)
{
	(void)state;
	struct config c;
	config_init(&c, &names);
	char *p = util_printf("%s/none", dir);
	assert_int_equal(config_read_file(&c, p, false), 0);
	assert_int_equal(config_read_file(&c, p, true), 1);
	assert_non_null(strstr(c.errors[0], "No such file"));
	config_free(&c);
	free(p);
}

static void test_theme(void **state)
{
	(void)state;
	char *themes = util_printf("%s/themes", dir);
	mkdir(themes, 0700);
	free(write_file("themes/ink", "color title red default bold\n"));
	struct config c;
	config_init(&c, &names);
	config_set_themes_dir(&c, themes);
	assert_int_equal(config_read_line(&c, "f", 1, "set theme ink"), 0);
	assert_int_equal(config_read_line(&c, "f", 2, "set theme ../ink"), 0);
	assert_int_equal(config_read_line(&c, "f", 3, "set theme paper"), 0);
	assert_int_equal(c.n_colors, 1);
	assert_string_equal(c.opt.theme, "ink");
	assert_int_equal(c.n_errors, 2);
	assert_non_null(strstr(c.errors[0], "f:2: theme: \"../ink\" is not a theme name"));
	assert_non_null(strstr(c.errors[1], "f:3: theme: no theme \"paper\""));
	config_free(&c);
	free(themes);
}

/* "source NAME" reads the theme NAME when no file of that name is beside
 * the including file; a file of that name wins; neither is an error. */
static void test_source_theme(void **state)
{
	(void)state;
	char *themes = util_printf("%s/themes", dir);
	mkdir(themes, 0700);
	free(write_file("themes/ink", "color title red default bold\n"));
	free(write_file("themes/near", "color title blue default\n"));
	free(write_file("near", "color status green default\n"));
	char *p = write_file("sourcing", "source ink\nsource near\nsource nowhere\n");
	struct config c;
	config_init(&c, &names);
	config_set_themes_dir(&c, themes);
	assert_int_equal(config_read_file(&c, p, true), 1);
	assert_int_equal(c.n_colors, 2);
	assert_string_equal(c.colors[0].element, "title");
	assert_string_equal(c.colors[1].element, "status");   /* the file beside, not the theme */
	assert_string_equal(c.opt.theme, "ink");
	assert_int_equal(c.n_errors, 1);
	assert_non_null(strstr(c.errors[0], ":3: cannot read"));
	config_free(&c);
	free(p);
	free(themes);
}

static void test_long_and_binary_lines(void **state)
{
	(void)state;
	struct buf b = { 0 };
	for (int i = 0; i < 5000; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, "\nset mouse on\n");
	char *p = write_file("long", b.data);
	buf_free(&b);
	struct config c;
	config_init(&c, &names);
	assert_int_equal(config_read_file(&c, p, true), 1);
	assert_non_null(strstr(c.errors[0], ":1: the line is longer than"));
	assert_true(c.opt.mouse);
	config_free(&c);
	free(p);

	p = util_printf("%s/bin", dir);
	FILE *f = fopen(p, "w");
	fwrite("set\0mouse on\n", 1, 13, f);
	fclose(f);
	config_init(&c, &names);
	assert_int_equal(config_read_file(&c, p, true), 1);
	assert_false(c.opt.mouse);
	config_free(&c);
	free(p);
}

static void test_default_path(void **state)
{
	(void)state;
	bool ex;
	char *p = config_default_path("/x/y", &ex);
	assert_string_equal(p, "/x/y");
	assert_true(ex);
	free(p);
	setenv("MARGO_CONFIG", "/from/env", 1);
	p = config_default_path(NULL, &ex);
	assert_string_equal(p, "/from/env");
	assert_true(ex);
	free(p);
	unsetenv("MARGO_CONFIG");
	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	p = config_default_path(NULL, &ex);
	assert_string_equal(p, "/xdg/margo/config");
	assert_false(ex);
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/someone", 1);
	p = config_default_path(NULL, &ex);
	assert_string_equal(p, "/home/someone/.config/margo/config");
	free(p);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_key_names_round_trip),
		cmocka_unit_test(test_set_options),
		cmocka_unit_test(test_errors_name_file_line_and_choices),
		cmocka_unit_test(test_bind_unbind_color),
		cmocka_unit_test(test_source_relative_cycle_and_depth),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_theme),
		cmocka_unit_test(test_source_theme),
		cmocka_unit_test(test_long_and_binary_lines),
		cmocka_unit_test(test_default_path),
	};
	int rc = cmocka_run_group_tests_name("config", tests, NULL, NULL);
	char *cmd = util_printf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = 1;
	free(cmd);
	return rc;
}
