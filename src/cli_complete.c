/*
 * cli_complete.c: margo complete WHAT [PREFIX], the candidates the shell
 * completion scripts (completions/) offer, one a line:
 *
 *   commands              the subcommands
 *   options [COMMAND]     the options of COMMAND (of margo itself without)
 *   values COMMAND OPTION the values OPTION takes, when they are a fixed set
 *   tags | entities | articles   tags, entity names, article ids
 *
 * Only those starting with PREFIX (byte for byte, as shells compare).  The
 * library is opened read-only and never created: with no library there is
 * nothing to offer, and completion stays quiet (exit 0).
 */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "margo/store_complete.h"
#include "cli_impl.h"
#include "margo/i18n.h"

/* How many names at most: a shell shows no more usefully. */
#define COMPLETE_LIMIT 300

static const char complete_usage[] =
	N_("Usage: margo complete [--db FILE] WHAT [PREFIX]\n"
	"For shell completion scripts: print the candidates starting with PREFIX,\n"
	"one a line.  WHAT is commands, options [COMMAND], values COMMAND OPTION,\n"
	"tags, entities or articles.  Reads the library without writing it.\n");

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void put_list(const char *const *list, const char *prefix)
{
	for (; list && *list; list++)
		if (starts_with(*list, prefix))
			puts(*list);
}

static int put_name(void *ctx, const char *name)
{
	(void)ctx;
	return puts(name) < 0 ? 1 : 0;
}

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < cli_n_commands; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

static int complete_from_library(const struct cli_env *env, enum store_complete_what what,
                                 const char *prefix)
{
	/* No library: nothing to offer, and nothing made. */
	if (access(env->db_path, F_OK) != 0)
		return CLI_OK;
	struct store *st;
	char *err = NULL;
	if (store_open(env->db_path, STORE_OPEN_READ, &st, &err) < 0) {
		free(err);  /* a library that cannot be read offers nothing */
		return CLI_OK;
	}
	int rc = store_complete(st, what, prefix, COMPLETE_LIMIT, put_name, NULL);
	store_close(&st);
	return rc < 0 ? CLI_FAILED : CLI_OK;
}

int cli_complete(const struct cli_env *env, int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(_(complete_usage), stdout);
		return CLI_OK;
	}
	if (argc < 2) {
		cli_error(_("complete: say what to complete; see \"margo complete --help\""));
		return CLI_USAGE;
	}
	const char *what = argv[1];
	/* WHAT's own arguments, then the prefix (empty when not given). */
	int nargs = strcmp(what, "values") == 0 ? 2 : strcmp(what, "options") == 0 ? 1 : 0;
	if (argc > 2 + nargs + 1) {
		cli_error(_("complete: unexpected argument \"%s\""), argv[2 + nargs + 1]);
		return CLI_USAGE;
	}
	const char *prefix = argc > 2 + nargs ? argv[2 + nargs] : "";
	if (strcmp(what, "commands") == 0) {
		for (size_t i = 0; i < cli_n_commands; i++)
			if (!cli_commands[i].hidden && starts_with(cli_commands[i].name, prefix))
				puts(cli_commands[i].name);
	} else if (strcmp(what, "options") == 0) {
		const char *name = argc > 2 ? argv[2] : "";
		const struct cli_command *c = *name ? find_command(name) : NULL;
		if (*name && (!c || c->hidden))
			return CLI_OK;  /* a word that is no command has no options */
		put_list(c ? c->options : cli_global_options, prefix);
	} else if (strcmp(what, "values") == 0) {
		if (argc < 4) {
			cli_error(_("complete: values needs a COMMAND and an OPTION"));
			return CLI_USAGE;
		}
		put_list(cli_option_values(argv[2], argv[3]), prefix);
	} else if (strcmp(what, "tags") == 0) {
		return complete_from_library(env, STORE_COMPLETE_TAGS, prefix);
	} else if (strcmp(what, "entities") == 0) {
		return complete_from_library(env, STORE_COMPLETE_ENTITIES, prefix);
	} else if (strcmp(what, "articles") == 0) {
		return complete_from_library(env, STORE_COMPLETE_ARTICLES, prefix);
	} else {
		cli_error(_("complete: unknown WHAT \"%s\" (commands, options, values, tags,"
		          " entities or articles)"), what);
		return CLI_USAGE;
	}
	return CLI_OK;
}
