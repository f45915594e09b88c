/*
 * cli_export.h: what cli_annot.c (the commands) shares with cli_export.c
 * (the writers of listings and exports, and of the file they go to).
 */
#ifndef MARGO_CLI_EXPORT_H
#define MARGO_CLI_EXPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "margo/cli.h"

/* Options of the annotation commands, taken out of argv. */
struct annot_opts {
	const char *tag, *note, *author, *output, *format;
	const char *coder;  /* --coder: only this coder's ("unknown": those without) */
	int64_t article;
	char separator;
	bool force;
	bool raw;      /* CSV: fields as they are, not made safe for spreadsheets */
};

enum annot_format { AF_PLAIN, AF_JSONL, AF_W3C, AF_CSV, AF_MARKDOWN };

/* List or export the annotations `o` asks for in `format`, to standard
 * output or to o->output; a CLI_* status. */
int cli_write_annotations(const struct cli_env *env, const struct annot_opts *o,
                          enum annot_format format);

/* Text given on the command line, checked and made UTF-8 (*out malloc'd,
 * NULL for NULL); -1 after saying why (cli_annot.c). */
int cli_user_text(const char *cmd, const char *what, const char *v, char **out);

/* A file written whole or not at all: a temporary file beside the target,
 * renamed over it when complete (standard output when path is NULL or
 * "-").  An existing target is replaced only with `force`.  Each says why
 * it failed; 0 or -1. */
struct out_file {
	FILE *f;
	const char *path;     /* NULL: standard output */
	char *tmp, *dir;      /* the temporary file beside the target, its folder */
	bool existed;         /* the target was there before */
};
int cli_out_open(struct out_file *o, const char *path, bool force);
int cli_out_commit(struct out_file *o, bool force);
void cli_out_abandon(struct out_file *o);

#endif
