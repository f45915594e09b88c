/*
 * test_tag_path.c: a tag's name read as a path (its levels trimmed, an
 * empty level refused with a message naming the tag) and the tree order
 * of paths (a parent right before its children, "a-b" after the branch
 * of "a").
 */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "margo/store_annot.h"

static void expect_path(const char *in, const char *want)
{
	char *out = NULL, *err = NULL;
	assert_int_equal(store_tag_path(in, strlen(in), &out, &err), 0);
	assert_null(err);
	assert_string_equal(out, want);
	free(out);
}

static void test_levels_trimmed(void **state)
{
	(void)state;
	expect_path("armi", "armi");
	expect_path(" armi / munizioni ", "armi/munizioni");
	expect_path("armi/munizioni/proiettili", "armi/munizioni/proiettili");
	expect_path("fonti aperte / siti", "fonti aperte/siti");
	expect_path("\xc3\xa0 / \xc3\xa8", "\xc3\xa0/\xc3\xa8");
}

static void test_empty_level_refused(void **state)
{
	(void)state;
	const char *bad[] = { "armi//x", "/armi", "armi/", "armi/ /x", " / " };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *out = NULL, *err = NULL;
		assert_int_equal(store_tag_path(bad[i], strlen(bad[i]), &out, &err), -2);
		assert_null(out);
		assert_non_null(err);
		assert_non_null(strstr(err, "empty level"));
		free(err);
		/* Without a place for the message, the same answer. */
		assert_int_equal(store_tag_path(bad[i], strlen(bad[i]), &out, NULL), -2);
	}
	char *out = NULL, *err = NULL;
	assert_int_equal(store_tag_path("   ", 3, &out, &err), 1);  /* no tag at all */
	assert_null(out);
	assert_null(err);
	/* Only the bytes given are read. */
	assert_int_equal(store_tag_path("armi/x", 4, &out, &err), 0);
	assert_string_equal(out, "armi");
	free(out);
}

static void test_list_check(void **state)
{
	(void)state;
	char *err = NULL;
	assert_int_equal(store_tags_check("a, b/c ,, d", ',', &err), 0);
	assert_null(err);
	assert_int_equal(store_tags_check("a, b//c", ',', &err), -2);
	assert_non_null(strstr(err, "b//c"));
	free(err);
	assert_int_equal(store_tags_check(NULL, ',', &err), 0);
}

static void test_tree_order(void **state)
{
	(void)state;
	assert_true(store_tag_cmp("armi", "armi/munizioni") < 0);
	assert_true(store_tag_cmp("armi/munizioni", "armi-x") < 0);   /* strcmp says > */
	assert_true(store_tag_cmp("armi/z", "armistizio") < 0);
	assert_true(store_tag_cmp("b", "a/z") > 0);
	assert_int_equal(store_tag_cmp("a/b", "a/b"), 0);
	assert_true(store_tag_cmp("", "a") < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels_trimmed),
		cmocka_unit_test(test_empty_level_refused),
		cmocka_unit_test(test_list_check),
		cmocka_unit_test(test_tree_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
