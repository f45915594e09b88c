/*
 * cli.h: the non-interactive subcommands (add, list, show, passages) over
 * the same library file the reader uses.  Output is plain text for people
 * or JSON Lines (--format jsonl) for programs; errors go to standard error
 * with a non-zero exit status.
 */
#ifndef MARGO_CLI_H
#define MARGO_CLI_H

#include <stdio.h>

#include "margo/ingest.h"
#include "margo/store.h"

/* Exit statuses shared by every command. */
enum cli_status {
	CLI_OK = 0,
	CLI_PARTIAL = 1,    /* done, but some inputs were reported and skipped */
	CLI_USAGE = 2,      /* bad command line */
	CLI_FAILED = 3,     /* the library could not be opened or written */
};

struct cli_env {
	const char *db_path;      /* the library file */
	const char *prog;         /* "margo", for messages */
	const char *coder;        /* who codes: --as, else "set user"; NULL:
	                           * the login name (store_set_coder) */
	bool coder_named;         /* by --as */
};

/* Print "margo: <sanitised message>" on standard error. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Open the library for writing and ingest `paths` (the bundled corpus when
 * n == 0 and the library is empty and `bundled` is set).  Prints problems
 * on stderr as they happen; `summary` (may be NULL) gets a malloc'd
 * one-line summary.  Returns a cli_status. */
int cli_ingest(const struct cli_env *env, char *const *paths, size_t n,
               char **summary, int quiet);

/* The same for `margo PATH|URL...`: http and https addresses among `args`
 * are fetched first, a page giving its article and a feed its items
 * (cli_fetch.c); one that cannot be fetched is said, and the rest loads. */
int cli_ingest_args(const struct cli_env *env, char *const *args, size_t n,
                    char **summary, int quiet);

/* The same, with documents in memory besides (see ingest_options), and
 * the counts of `before` (fetches that failed, feeds unchanged) added;
 * `out` (may be NULL) gets the report. */
int cli_ingest_ex(const struct cli_env *env, char *const *paths, size_t n,
                  const struct ingest_buffer *bufs, size_t n_bufs,
                  const struct ingest_report *before,
                  char **summary, int quiet, struct ingest_report *out);

/* Ingest the bundled corpus when the library is empty. */
int cli_ingest_bundled_if_empty(const struct cli_env *env, char **summary);

/* The subcommands: argv[0] is the subcommand name. */
int cli_add(const struct cli_env *env, int argc, char **argv);
int cli_list(const struct cli_env *env, int argc, char **argv);
int cli_show(const struct cli_env *env, int argc, char **argv);
int cli_passages(const struct cli_env *env, int argc, char **argv);
int cli_tag(const struct cli_env *env, int argc, char **argv);
/* cli_fetch.c: subscriptions to feeds. */
int cli_subscribe(const struct cli_env *env, int argc, char **argv);
int cli_unsubscribe(const struct cli_env *env, int argc, char **argv);
int cli_feeds(const struct cli_env *env, int argc, char **argv);
int cli_fetch(const struct cli_env *env, int argc, char **argv);
/* margo extract FILE...: web pages' articles as JSON Lines (cli_extract.c). */
int cli_extract(const struct cli_env *env, int argc, char **argv);
int cli_entities(const struct cli_env *env, int argc, char **argv);
int cli_mentions(const struct cli_env *env, int argc, char **argv);
/* Mentions or tagged annotations by month or year (cli_timeline.c). */
int cli_timeline(const struct cli_env *env, int argc, char **argv);
int cli_search(const struct cli_env *env, int argc, char **argv);
int cli_related(const struct cli_env *env, int argc, char **argv);
int cli_annotate(const struct cli_env *env, int argc, char **argv);
int cli_annotations(const struct cli_env *env, int argc, char **argv);
int cli_export(const struct cli_env *env, int argc, char **argv);
int cli_import(const struct cli_env *env, int argc, char **argv);
/* margo retag ID TAGS, margo unlink ID ID. */
int cli_retag(const struct cli_env *env, int argc, char **argv);
int cli_unlink(const struct cli_env *env, int argc, char **argv);
int cli_tags(const struct cli_env *env, int argc, char **argv);
int cli_tag_rename(const struct cli_env *env, int argc, char **argv);
int cli_agreement(const struct cli_env *env, int argc, char **argv);
int cli_conflicts(const struct cli_env *env, int argc, char **argv);
int cli_check(const struct cli_env *env, int argc, char **argv);
int cli_share(const struct cli_env *env, int argc, char **argv);
/* The journal of changes (cli_journal.c). */
int cli_history(const struct cli_env *env, int argc, char **argv);
int cli_undo(const struct cli_env *env, int argc, char **argv);
int cli_redo(const struct cli_env *env, int argc, char **argv);
/* margo complete WHAT [PREFIX]: candidates for shell completion. */
int cli_complete(const struct cli_env *env, int argc, char **argv);

/* The subcommands, in the order of the usage: the one list main()
 * dispatches on and completion offers (cli_commands.c).  `options` is a
 * NULL-ended list of the options the command takes; `hidden` ones are
 * left out of completion. */
struct cli_command {
	const char *name;
	int (*run)(const struct cli_env *env, int argc, char **argv);
	const char *const *options;
	int hidden;
};
extern const struct cli_command cli_commands[];
extern const size_t cli_n_commands;
/* Whether the command writes coded work: it takes --as NAME, and reads
 * the configuration file for "set user". */
bool cli_command_writes(const struct cli_command *c);
/* The options before any command. */
extern const char *const cli_global_options[];
/* The values an option takes from a fixed set (NULL-ended), or NULL. */
const char *const *cli_option_values(const char *command, const char *option);

#endif
