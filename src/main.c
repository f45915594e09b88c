/*
 * main.c: margo's command line.
 *
 *   margo [--db FILE] [PATH|URL...]   open the reader (adding them first)
 *   margo [--db FILE] COMMAND [ARGS]  run a subcommand (see --help)
 *
 * --db may appear anywhere before "--"; MARGO_DB is the fallback, then the
 * default under $XDG_DATA_HOME.
 */
#include <config.h>

#include <langinfo.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "margo/cli.h"
#include "margo/config.h"
#include "margo/layout.h"
#include "margo/i18n.h"
#include "margo/search.h"
#include "margo/paths.h"
#include "margo/text.h"
#include "margo/util.h"
#include "ui/ui.h"

static const char usage[] = N_(
	"Usage: margo [--db FILE] [--config FILE | -n] [PATH|URL...]\n"
	"       margo [--db FILE] [--config FILE | -n] COMMAND [ARGS...]\n"
	"A terminal reader for corpora of news articles.\n"
	"\n"
	"With no PATH, opens the library (adding the bundled corpus when it is\n"
	"empty).  With PATHs (.txt, .jsonl, web pages, feeds, folders) or the\n"
	"http(s) addresses of pages and feeds, adds or refreshes them first,\n"
	"then opens the reader.\n"
	"\n"
	"Commands:\n"
	"  add PATH|URL...        add or refresh articles without opening the reader\n"
	"  list                   list the articles\n"
	"  show ID                print one article\n"
	"  passages [ID]          print the passages of one article, or of all\n"
	"  entities [--article ID] list the people, places, organisations and dates\n"
	"  mentions ENTITY        every mention of an entity, in context\n"
	"  timeline ENTITY|tag:T  mentions (or a tag) by month or year; jsonl, svg\n"
	"  search QUERY           search every passage, best first\n"
	"  related PASSAGE        passages of other articles that tell the same\n"
	"  annotate ARTICLE START END  annotate a span (--tag, --note)\n"
	"  annotations            list the annotations\n"
	"  export --format F      annotations as w3c, jsonl, csv or markdown\n"
	"  import FILE            merge annotations from margo's JSON Lines\n"
	"  retag ID TAGS          replace the tags of an annotation (\"\" removes them)\n"
	"  tags                   the tags as a tree, with their counts\n"
	"  tag-rename FROM TO     rename or move a tag and the tags under it\n"
	"  agreement --coders A,B how far coders agree, per tag: percent, kappa, alpha\n"
	"  unlink ID ID           remove the link between two annotations\n"
	"  conflicts              what imports did not keep; --keep resolves one\n"
	"  check                  check the library for damage, without writing\n"
	"  share                  share the library with a Unix group, or not\n"
	"  history                the changes made to annotations, tags, entities\n"
	"  undo [N] / redo [N]    undo the last N changes, or redo them\n"
	"  tag                    find entities in JSON Lines texts on standard input\n"
	"  extract FILE|URL...    the article and metadata of web pages, as JSON Lines\n"
	"  subscribe URL...       subscribe to RSS or Atom feeds (each fetched once now)\n"
	"  feeds                  the feeds subscribed to: items, last fetch, errors\n"
	"  unsubscribe URL...     stop fetching feeds (their articles stay)\n"
	"  fetch                  fetch every feed subscribed to: new and changed items\n"
	"  keys                   the key bindings in force, in the configuration's syntax\n"
	"Each command takes --help; list, show and passages take --format jsonl.\n"
	"\n"
	"Options:\n"
	"      --db FILE          use this library file (default: $MARGO_DB, else\n"
	"                         $XDG_DATA_HOME/margo/library.db)\n"
	"      --config FILE      read this configuration file (default: $MARGO_CONFIG,\n"
	"                         else $XDG_CONFIG_HOME/margo/config)\n"
	"  -n, --no-config        read no configuration file (before the command)\n"
	"  -h, --help             show this help and exit\n"
	"  -V, --version          show the version and exit\n"
	"\n"
	"In the reader, press ? for the keys.  See margo(1).\n");

static const char version[] = N_(
	"Copyright (C) 2026 the margo authors.\n"
	"License GPL-3.0-or-later: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
	"This is free software: you are free to change and redistribute it.\n"
	"There is NO WARRANTY, to the extent permitted by law.\n");

/* Take --db FILE / --db=FILE and --config FILE / --config=FILE out of
 * argv wherever they are (before "--"), and -n / --no-config before the
 * command. */
static int extract_db(int *argc, char **argv, const char **db, const char **config,
                      bool *no_config)
{
	int out = 1;
	int rc = 0;
	bool literal = false, command = false;
	for (int i = 1; i < *argc; i++) {
		if (!literal && strcmp(argv[i], "--") == 0) {
			literal = true;
			argv[out++] = argv[i];
		} else if (!literal && strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= *argc) {
				cli_error(_("--db needs a FILE"));
				rc = -1;
			} else {
				*db = argv[++i];
			}
		} else if (!literal && strncmp(argv[i], "--db=", 5) == 0) {
			*db = argv[i] + 5;
		} else if (!literal && strcmp(argv[i], "--config") == 0) {
			if (i + 1 >= *argc || !argv[i + 1][0]) {
				cli_error(_("--config needs a FILE"));
				rc = -1;
				i++;
			} else {
				*config = argv[++i];
			}
		} else if (!literal && strncmp(argv[i], "--config=", 9) == 0) {
			*config = argv[i] + 9;
			if (!**config) {
				cli_error(_("--config needs a FILE"));
				rc = -1;
			}
		} else if (!literal && !command && (strcmp(argv[i], "-n") == 0 ||
		                                    strcmp(argv[i], "--no-config") == 0)) {
			*no_config = true;  /* before the command: history has a -n N */
		} else {
			if (argv[i][0] != '-')
				command = true;
			argv[out++] = argv[i];
		}
	}
	*argc = out;
	argv[out] = NULL;
	if (*db && !**db) {
		cli_error(_("--db needs a FILE"));
		rc = -1;
	}
	return rc;
}

/* The reader needs a UTF-8 locale; fall back to C.UTF-8 and say so. */
static const char *ensure_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	if (cs && strcasecmp(cs, "UTF-8") == 0)
		return NULL;
	if (setlocale(LC_CTYPE, "C.UTF-8"))
		return _("the locale is not UTF-8: margo uses C.UTF-8; set LANG to a UTF-8 locale if text looks wrong");
	return _("the locale is not UTF-8 and C.UTF-8 is missing: accented text may look wrong");
}

/* Take --as NAME / --as=NAME out of the arguments of a command that
 * writes (argv[0] the command; up to "--"): *as the name as UTF-8,
 * malloc'd, or NULL.  -1 after saying what is wrong. */
static int extract_as(int *argc, char **argv, char **as)
{
	*as = NULL;
	const char *v = NULL;
	int k = 1, i;
	for (i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--as") == 0) {
			if (i + 1 >= *argc) {
				cli_error(_("--as needs a NAME"));
				return -1;
			}
			v = argv[++i];
		} else if (strncmp(argv[i], "--as=", 5) == 0) {
			v = argv[i] + 5;
		} else {
			argv[k++] = argv[i];
		}
	}
	while (i < *argc)
		argv[k++] = argv[i++];
	*argc = k;
	argv[k] = NULL;
	if (!v)
		return 0;
	int rc = text_from_user(v, strlen(v), text_user_charset(), as);
	if (rc < 0 || !store_coder_name_ok(*as)) {
		cli_error(rc == -2 ? _("out of memory")
		          : _("--as: \"%s\" is not a name (1 to 100 characters, none of them a "
		              "control character, in the locale's charset)"), v);
		free(*as);
		*as = NULL;
		return -1;
	}
	return 0;
}

/* Read the configuration file; its problems go to standard error now,
 * and the reader's status line says how many there were.  -1 only when
 * memory runs out. */
static int load_config(struct config *c, const char *option)
{
	bool explicit_path;
	char *path = config_default_path(option, &explicit_path);
	if (!path)
		return 0;  /* no home folder: no file to read */
	int n = config_read_file(c, path, explicit_path);
	free(path);
	if (n < 0) {
		cli_error(_("out of memory reading the configuration"));
		return -1;
	}
	for (size_t i = 0; i < c->n_errors; i++)
		fprintf(stderr, "margo: %s\n", c->errors[i]);
	return 0;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	i18n_init();
	/* Arguments, $USER and notes written in an editor are in this
	 * charset, whatever locale the reader sets for itself later. */
	text_remember_user_charset(nl_langinfo(CODESET));
	const char *db = NULL, *config_file = NULL;
	bool no_config = false;
	if (extract_db(&argc, argv, &db, &config_file, &no_config) < 0)
		return CLI_USAGE;
	if (no_config && config_file) {
		cli_error(_("--config and --no-config cannot go together"));
		return CLI_USAGE;
	}

	const char *first = argc > 1 ? argv[1] : NULL;
	if (first && (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0)) {
		fputs(_(usage), stdout);
		return CLI_OK;
	}
	if (first && (strcmp(first, "--version") == 0 || strcmp(first, "-V") == 0)) {
		printf("%s\n%s", PACKAGE_STRING, _(version));
		return CLI_OK;
	}
	if (first && first[0] == '-' && strcmp(first, "--") != 0) {
		cli_error(_("unknown option \"%s\"; see \"margo --help\""), first);
		return CLI_USAGE;
	}

	/* The configuration: for the reader and `margo keys` only. */
	struct config config;
	config_init(&config, ui_config_names());
	bool reader = !first || strcmp(first, "keys") == 0 || strcmp(first, "--") == 0;
	bool writes = false;
	for (size_t i = 0; first && i < cli_n_commands; i++)
		if (strcmp(first, cli_commands[i].name) == 0) {
			reader = false;
			writes = cli_command_writes(&cli_commands[i]);
		}
	/* A command that writes coded work takes its coder from --as, else
	 * from the configuration's "set user". */
	char *as = NULL;
	if (writes && extract_as(&argc, argv, &as) < 0) {
		config_free(&config);
		return CLI_USAGE;
	}
	if ((reader || writes) && !no_config && load_config(&config, config_file) < 0) {
		free(as);
		config_free(&config);
		return CLI_FAILED;
	}
	config_set_current(&config);
	layout_set_side_width(config.opt.sidebar_width);

	/* Needs no library: before the library's path is looked for. */
	if (first && strcmp(first, "keys") == 0) {
		int rc = ui_keys_command(argc - 1, argv + 1);
		config_free(&config);
		return rc;
	}

	char *default_db = NULL;
	if (!db) {
		const char *env = getenv("MARGO_DB");
		if (env && *env) {
			db = env;
		} else {
			char *err = NULL;
			default_db = paths_default_db(&err);
			if (!default_db) {
				cli_error("%s", err ? err : _("out of memory"));
				free(err);
				free(as);
				config_free(&config);
				return CLI_FAILED;
			}
			db = default_db;
		}
	}
	struct cli_env env = { .db_path = db, .prog = "margo",
	                       .coder = as ? as : config.opt.user, .coder_named = as != NULL };

	int status = -1;
	for (size_t i = 0; first && i < cli_n_commands; i++)
		if (strcmp(first, cli_commands[i].name) == 0)
			status = cli_commands[i].run(&env, argc - 1, argv + 1);

	if (status < 0) {
		/* The reader: add the PATHs given, or the bundled corpus when the
		 * library is empty, then open it. */
		char *summary = NULL;
		int skip = first && strcmp(first, "--") == 0 ? 2 : 1;
		if (argc > skip)
			status = cli_ingest_args(&env, argv + skip, (size_t)(argc - skip), &summary, 1);
		else
			status = cli_ingest_bundled_if_empty(&env, &summary);
		if (status != CLI_FAILED)
			status = ui_run(env.db_path, ensure_utf8(), summary);
		free(summary);
	}
	free(default_db);
	free(as);
	config_free(&config);
	search_tokenize_release();
	return status;
}
