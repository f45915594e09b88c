/*
 * cli_impl.h: helpers shared by the files of the command line (cli.c,
 * cli_entity.c): safe output, option parsing, JSON Lines output.
 */
#ifndef MARGO_CLI_IMPL_H
#define MARGO_CLI_IMPL_H

#include <stdio.h>

#include "margo/cli.h"
#include "margo/entity.h"
#include "margo/util.h"

enum format { FORMAT_PLAIN, FORMAT_JSONL };

struct sub_opts {
	enum format format;
	int help;
	int dropped;      /* show --dropped */
	int fetch_pages;  /* -1 not said, 1 --fetch-pages, 0 --no-fetch-pages */
};
/* cli_parse_sub_flags(): the options a command takes beyond --format and
 * --help. */
#define SUB_DROPPED 1u   /* --dropped */
#define SUB_PAGES 2u     /* --fetch-pages */
#define SUB_NO_PAGES 4u  /* --no-fetch-pages */

/* Write `s` to `f` made safe for a terminal (one line; LF becomes space). */
void cli_put_safe(FILE *f, const char *s, size_t len);
void cli_puts_safe(FILE *f, const char *s);
/* Open the library, printing the reason on failure; 0 or -1. */
int cli_open_library(const struct cli_env *env, enum store_open_mode mode,
                     struct store **st);
/* Parse --format and --help; returns the index of the first operand, or -1
 * after printing a usage error (o->help set: usage printed, stop). */
int cli_parse_sub(int argc, char **argv, const char *usage, struct sub_opts *o);
/* The same, with the options of SUB_* `flags` too. */
int cli_parse_sub_flags(int argc, char **argv, const char *usage, struct sub_opts *o,
                        unsigned flags);
/* Append ,"name":"value" (or null) to a JSON object being built. */
void cli_json_field(struct buf *b, const char *name, const char *value, int first);
/* The entity extractor with margo's lexicons (warnings on stderr). */
struct entity_extractor *cli_load_extractor(void);
/* Write the buffer and a newline to stdout and empty it; 0 or -1. */
int cli_flush_line(struct buf *b);
/* cli_fetch.c: "margo add" of paths and web addresses. */
int cli_add_args(const struct cli_env *env, char *const *args, size_t n, bool fetch_pages,
                 char **summary, int quiet);

#endif
