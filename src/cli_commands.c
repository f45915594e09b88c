/*
 * cli_commands.c: the one list of margo's subcommands and their options.
 * main() runs a command from it; "margo complete" offers its names and
 * options to the shells' completion scripts, which ask for them instead of
 * keeping lists of their own.
 */
#include <config.h>

#include <string.h>

#include "margo/cli.h"

/* The options of a command; every command takes --db and --help. */
#define OPTS(...) (const char *const[]){ __VA_ARGS__, "--db", "--help", NULL }
#define COMMON (const char *const[]){ "--db", "--help", NULL }

const char *const cli_global_options[] = { "--db", "--config", "--no-config", "-n", "--help",
                                           "--version", NULL };

const struct cli_command cli_commands[] = {
	{ "add", cli_add, OPTS("--fetch-pages"), 0 },
	{ "list", cli_list, OPTS("--format", "--unread"), 0 },
	{ "show", cli_show, OPTS("--format", "--dropped"), 0 },
	{ "passages", cli_passages, OPTS("--format"), 0 },
	{ "entities", cli_entities, OPTS("--format", "--article"), 0 },
	{ "mentions", cli_mentions, OPTS("--format"), 0 },
	{ "timeline", cli_timeline, OPTS("--by", "--format", "-o", "--output", "--force"), 0 },
	{ "search", cli_search, OPTS("--format", "--limit"), 0 },
	{ "related", cli_related, OPTS("--format", "--limit", "--sentence"), 0 },
	{ "annotate", cli_annotate, OPTS("--tag", "--note", "--author", "--as"), 0 },
	{ "annotations", cli_annotations, OPTS("--format", "--tag", "--article", "--coder"), 0 },
	{ "export", cli_export, OPTS("--format", "--tag", "--article", "--separator", "--raw",
	                             "-o", "--output", "--force"), 0 },
	{ "import", cli_import, OPTS("--as"), 0 },
	{ "retag", cli_retag, OPTS("--as"), 0 },
	{ "unlink", cli_unlink, OPTS("--as"), 0 },
	{ "tags", cli_tags, OPTS("--format"), 0 },
	{ "tag-rename", cli_tag_rename, COMMON, 0 },
	{ "agreement", cli_agreement, OPTS("--coders", "--tag", "--article", "--unit", "--format",
	                                   "--units"), 0 },
	{ "conflicts", cli_conflicts, OPTS("--format", "--keep", "--as"), 0 },
	{ "check", cli_check, COMMON, 0 },
	{ "share", cli_share, OPTS("--group", "--private", "--anyone-edits", "--coders-only"), 0 },
	{ "history", cli_history, OPTS("--format", "-n"), 0 },
	{ "undo", cli_undo, OPTS("--as"), 0 },
	{ "redo", cli_redo, OPTS("--as"), 0 },
	{ "tag", cli_tag, OPTS("--all"), 0 },
	{ "extract", cli_extract, COMMON, 0 },
	{ "subscribe", cli_subscribe, OPTS("--fetch-pages", "--no-fetch-pages"), 0 },
	{ "feeds", cli_feeds, OPTS("--format"), 0 },
	{ "unsubscribe", cli_unsubscribe, COMMON, 0 },
	{ "fetch", cli_fetch, OPTS("--fetch-pages"), 0 },
	{ "complete", cli_complete, COMMON, 1 },
};
const size_t cli_n_commands = sizeof cli_commands / sizeof *cli_commands;

bool cli_command_writes(const struct cli_command *c)
{
	for (const char *const *o = c->options; *o; o++)
		if (strcmp(*o, "--as") == 0)
			return true;
	return false;
}

const char *const *cli_option_values(const char *command, const char *option)
{
	static const char *const plain_jsonl[] = { "plain", "jsonl", NULL };
	static const char *const exports[] = { "w3c", "jsonl", "csv", "markdown", NULL };
	static const char *const keep[] = { "mine", "theirs", "both", NULL };
	static const char *const keys[] = { "config", "markdown", "man", NULL };
	static const char *const timeline[] = { "plain", "jsonl", "svg", NULL };
	static const char *const periods[] = { "month", "year", NULL };
	static const char *const units[] = { "sentence", "character", NULL };
	if (strcmp(option, "--by") == 0)
		return periods;
	if (strcmp(option, "--format") == 0 && command && strcmp(command, "timeline") == 0)
		return timeline;
	if (strcmp(option, "--format") == 0 && command && strcmp(command, "keys") == 0)
		return keys;
	if (strcmp(option, "--format") == 0)
		return command && strcmp(command, "export") == 0 ? exports : plain_jsonl;
	if (strcmp(option, "--keep") == 0)
		return keep;
	if (strcmp(option, "--unit") == 0)
		return units;
	return NULL;
}
