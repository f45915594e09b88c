/*
 * test_text_input.c: text the user gives (arguments, $USER, editor notes)
 * made into UTF-8: checked under UTF-8 and C locales, converted from
 * another charset, repaired with U+FFFD when it must be kept.
 */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "margo/text.h"

#define FFFD "\xEF\xBF\xBD"

static void test_utf8_checked(void **state)
{
	(void)state;
	char *out;
	assert_int_equal(text_from_user("caff\xC3\xA8", 6, "UTF-8", &out), 0);
	assert_string_equal(out, "caff\xC3\xA8");
	free(out);
	/* The C locale names no charset: UTF-8 is taken, and checked. */
	assert_int_equal(text_from_user("caff\xC3\xA8", 6, "ANSI_X3.4-1968", &out), 0);
	free(out);
	assert_int_equal(text_from_user("caff\xE8", 5, "UTF-8", &out), -1);
	assert_null(out);
	assert_int_equal(text_from_user("caff\xE8", 5, "ANSI_X3.4-1968", &out), -1);
	assert_int_equal(text_from_user("\xED\xA0\x80", 3, "UTF-8", &out), -1);  /* a surrogate */
	assert_int_equal(text_from_user("a\0b", 3, "UTF-8", &out), -1);
	assert_int_equal(text_from_user("", 0, "UTF-8", &out), 0);
	assert_string_equal(out, "");
	free(out);
}

static void test_latin1_converted(void **state)
{
	(void)state;
	char *out;
	assert_int_equal(text_from_user("citt\xE0", 5, "ISO-8859-1", &out), 0);
	assert_string_equal(out, "citt\xC3\xA0");
	free(out);
	/* Under Latin-1, bytes that would be UTF-8 are two Latin-1 letters. */
	assert_int_equal(text_from_user("\xC3\xA8", 2, "ISO-8859-1", &out), 0);
	assert_string_equal(out, "\xC3\x83\xC2\xA8");
	free(out);
	out = text_to_user("caff\xC3\xA8", "ISO-8859-1");
	assert_string_equal(out, "caff\xE8");
	free(out);
	assert_null(text_to_user("5 \xE2\x82\xAC", "ISO-8859-1"));  /* no euro sign */
	out = text_to_user("5 \xE2\x82\xAC", "UTF-8");
	assert_string_equal(out, "5 \xE2\x82\xAC");
	free(out);
}

static void test_repair(void **state)
{
	(void)state;
	size_t invalid, nuls;
	char *out = text_from_user_repair("caff\xE8 e\0poi", 11, "UTF-8", &invalid, &nuls);
	assert_string_equal(out, "caff" FFFD " e" FFFD "poi");
	assert_int_equal(invalid, 1);
	assert_int_equal(nuls, 1);
	free(out);
	out = text_from_user_repair("caff\xE8", 5, "ISO-8859-1", &invalid, &nuls);
	assert_string_equal(out, "caff\xC3\xA8");
	assert_int_equal(invalid + nuls, 0);
	free(out);
	/* A truncated sequence at the end is one replacement. */
	out = text_from_user_repair("ok\xE2\x82", 4, "UTF-8", &invalid, &nuls);
	assert_string_equal(out, "ok" FFFD);
	assert_int_equal(invalid, 1);
	free(out);
	out = text_from_user_repair("", 0, "UTF-8", &invalid, &nuls);
	assert_string_equal(out, "");
	free(out);
}

static void test_user_name(void **state)
{
	(void)state;
	text_remember_user_charset("UTF-8");
	setenv("USER", "r\xE9my", 1);
	char *name = text_user_name();
	assert_string_equal(name, "r" FFFD "my");
	free(name);
	text_remember_user_charset("ISO-8859-1");
	name = text_user_name();
	assert_string_equal(name, "r\xC3\xA9my");
	free(name);
	unsetenv("USER");
	assert_null(text_user_name());
	text_remember_user_charset(NULL);
	assert_string_equal(text_user_charset(), "UTF-8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_checked),
		cmocka_unit_test(test_latin1_converted),
		cmocka_unit_test(test_repair),
		cmocka_unit_test(test_user_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
