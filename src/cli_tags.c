/*
 * cli_tags.c: the codebook from the shell.
 *
 *   margo tags [--format plain|jsonl]
 *   margo tag-rename FROM TO
 *
 * The tags are a tree ("armi/munizioni" under "armi"): tags lists it with
 * each tag's own count and its branch's; tag-rename renames or moves a
 * whole branch as one change of the journal.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/store_annot.h"
#include "cli_export.h"
#include "cli_impl.h"
#include "margo/i18n.h"

static const char tags_usage[] =
	N_("Usage: margo tags [--db FILE] [--format plain|jsonl]\n"
	"The codebook as a tree: each tag (\"a/b\" is b under a) indented under its\n"
	"parent, with the count of annotations that have the tag itself and the\n"
	"count over its whole branch (\"-\": a level no annotation has, above\n"
	"tags that some have).  JSON Lines: one object a tag, with its path\n"
	"(\"tag\"), its last level, its parent, its depth and both counts.\n");

int cli_tags(const struct cli_env *env, int argc, char **argv)
{
	struct sub_opts o;
	int first = cli_parse_sub(argc, argv, tags_usage, &o);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	if (first < argc) {
		cli_error(_("tags: unexpected argument \"%s\""), argv[first]);
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_READ, &st) < 0)
		return CLI_FAILED;
	struct store_tag_node *v;
	size_t n;
	if (store_tag_tree(st, &v, &n) < 0) {
		cli_error(_("%s: cannot read the codebook: %s"), env->db_path, store_errmsg(st));
		store_close(&st);
		return CLI_FAILED;
	}
	struct buf b = { 0 };
	int failed = 0;
	for (size_t i = 0; i < n && !failed; i++) {
		const struct store_tag_node *t = &v[i];
		if (o.format == FORMAT_JSONL) {
			char *parent = t->depth ? util_strndup(t->path, (size_t)(t->name - 1 - t->path)) : NULL;
			cli_json_field(&b, "tag", t->path, 1);
			cli_json_field(&b, "name", t->name, 0);
			cli_json_field(&b, "parent", parent, 0);
			buf_printf(&b, ",\"depth\":%zu,\"count\":%lld,\"total\":%lld,\"is_tag\":%s}",
			           t->depth, (long long)t->own, (long long)t->total,
			           t->exists ? "true" : "false");
			free(parent);
			/* The object's opening brace, before what was built. */
			struct buf line = { 0 };
			if (buf_putc(&line, '{') < 0 || buf_append(&line, b.data, b.len) < 0 ||
			    cli_flush_line(&line) < 0)
				failed = 1;
			buf_free(&line);
			buf_reset(&b);
			continue;
		}
		for (size_t d = 0; d < t->depth; d++)
			fputs("  ", stdout);
		cli_puts_safe(stdout, t->name);
		if (t->exists)
			printf("  %lld", (long long)t->own);
		else
			fputs("  -", stdout);
		printf("  %lld\n", (long long)t->total);
	}
	buf_free(&b);
	store_tag_tree_free(v, n);
	store_close(&st);
	if (fflush(stdout) != 0)
		failed = 1;
	return failed ? CLI_FAILED : CLI_OK;
}

static const char rename_usage[] =
	N_("Usage: margo tag-rename [--db FILE] FROM TO\n"
	"Rename the tag FROM and every tag under it (\"a\" to \"b\" takes \"a/x\" to\n"
	"\"b/x\"), or move the branch under another (\"a/x\" to \"c/x\"); where a new\n"
	"name exists already the two merge.  Blanks around each level are trimmed;\n"
	"an empty level, or a move of a branch under itself, is refused.  One change:\n"
	"\"margo undo\" gives every old name back.\n");

int cli_tag_rename(const struct cli_env *env, int argc, char **argv)
{
	struct sub_opts o;
	int first = cli_parse_sub(argc, argv, rename_usage, &o);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	if (argc - first != 2) {
		cli_error(_("%s: give %s; see \"margo %s --help\""), "tag-rename", "FROM TO", "tag-rename");
		return CLI_USAGE;
	}
	char *given = NULL, *to = NULL, *from = NULL, *err = NULL;
	if (cli_user_text("tag-rename", "FROM", argv[first], &given) < 0 ||
	    cli_user_text("tag-rename", "TO", argv[first + 1], &to) < 0) {
		free(given);
		return CLI_USAGE;
	}
	int pr = store_tag_path(given, strlen(given), &from, &err);
	free(given);
	if (pr != 0) {
		cli_error("tag-rename: %s", pr == 1 ? _("a tag needs a name") : err ? err : _("out of memory"));
		free(err);
		free(to);
		return pr == -1 ? CLI_FAILED : CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_WRITE, &st) < 0) {
		free(from);
		free(to);
		return CLI_FAILED;
	}
	int rc = store_tag_rename(st, from, to, &err);
	int status = CLI_OK;
	if (rc == -2) {
		cli_error("tag-rename: %s", err ? err : _("out of memory"));
		status = CLI_USAGE;
	} else if (rc < 0) {
		cli_error(_("%s: %s; nothing was changed"), "tag-rename", err ? err : _("out of memory"));
		status = CLI_FAILED;
	} else {
		char *shown = NULL;
		/* The new name as it was kept (its levels trimmed). */
		if (store_tag_path(to, strlen(to), &shown, NULL) != 0) {
			free(shown);
			shown = NULL;
		}
		char *line = util_printf(_("\xe2\x80\x9c%s\xe2\x80\x9d is now \xe2\x80\x9c%s\xe2\x80\x9d"),
		                         from, shown ? shown : to);
		cli_puts_safe(stdout, line ? line : _("out of memory"));
		putchar('\n');
		free(line);
		free(shown);
	}
	free(err);
	free(from);
	free(to);
	store_close(&st);
	return status;
}
