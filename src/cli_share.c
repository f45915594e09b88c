/*
 * cli_share.c: margo share, a library shared by a Unix group on one
 * server (README, "Working together").
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/cli.h"
#include "margo/store_share.h"
#include "cli_impl.h"
#include "margo/i18n.h"

static const char share_usage[] =
	N_("Usage: margo share [--db FILE] [--group GROUP | --private]\n"
	"                   [--anyone-edits | --coders-only]\n"
	"Share the library with a Unix group on this machine, or make it private.\n"
	"--group GROUP: its folder becomes 2770 and its files (the library, its -wal,\n"
	"-shm and -journal) 0660, all of GROUP, which must be one of yours; what margo\n"
	"makes there later is the group's too.  --private: folder 0700, files 0600.\n"
	"--anyone-edits: anyone may change or delete others' annotations;\n"
	"--coders-only (the default): only an annotation's coder may.\n"
	"Without options: says whether the library is shared, and with whom.\n"
	"A library on a network file system (NFS, SMB/CIFS, sshfs) is refused:\n"
	"SQLite's locking is not safe there.\n");

static void say_state(const struct cli_env *env, struct store *st)
{
	char *group = NULL, *anyone = NULL;
	int shared = store_share_state(env->db_path, &group);
	bool edits = store_setting_get(st, "anyone_edits", &anyone) > 0 && strcmp(anyone, "1") == 0;
	if (shared == 1)
		printf(_("shared with the group %s\n"), group);
	else
		printf("%s\n", _("private"));
	printf("%s\n", edits ? _("anyone may change others' annotations")
	                     : _("only an annotation's coder may change it"));
	free(group);
	free(anyone);
}

int cli_share(const struct cli_env *env, int argc, char **argv)
{
	const char *group = NULL;
	int private = 0, edits = -1;
	int kept = 1;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				argv[kept++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--group") == 0 || strncmp(argv[i], "--group=", 8) == 0) {
			if (argv[i][7] == '=')
				group = argv[i] + 8;
			else if (i + 1 < argc)
				group = argv[++i];
			else {
				cli_error("%s", _("share: --group needs a group's name"));
				return CLI_USAGE;
			}
		} else if (strcmp(argv[i], "--private") == 0)
			private = 1;
		else if (strcmp(argv[i], "--anyone-edits") == 0)
			edits = 1;
		else if (strcmp(argv[i], "--coders-only") == 0)
			edits = 0;
		else
			argv[kept++] = argv[i];
	}
	argc = kept;
	struct sub_opts o;
	int first = cli_parse_sub(argc, argv, share_usage, &o);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	if (first < argc) {
		cli_error(_("share: unexpected argument \"%s\""), argv[first]);
		return CLI_USAGE;
	}
	if (group && (private || !*group)) {
		cli_error("%s", !*group ? _("share: --group needs a group's name")
		                        : _("share: --group and --private go one at a time"));
		return CLI_USAGE;
	}
	bool writes = group || private || edits >= 0;
	struct store *st;
	if (cli_open_library(env, writes ? STORE_OPEN_WRITE : STORE_OPEN_READ, &st) < 0)
		return CLI_FAILED;
	int status = CLI_OK;
	char *err = NULL;
	if (edits >= 0 && store_setting_set(st, "anyone_edits", edits ? "1" : NULL) < 0) {
		cli_error(_("%s: cannot save the setting: %s"), env->db_path, store_errmsg(st));
		status = CLI_FAILED;
	}
	/* Closed first: the -wal and -shm are gone or settled when the
	 * files change hands. */
	if (status == CLI_OK && (group || private)) {
		store_close(&st);
		int rc = group ? store_share_make(env->db_path, group, &err)
		               : store_share_make_private(env->db_path, &err);
		if (rc < 0) {
			cli_error("%s", err ? err : _("out of memory"));
			free(err);
			return rc == -2 ? CLI_USAGE : CLI_FAILED;
		}
		if (cli_open_library(env, STORE_OPEN_READ, &st) < 0)
			return CLI_FAILED;
	}
	if (status == CLI_OK)
		say_state(env, st);
	store_close(&st);
	return status;
}
