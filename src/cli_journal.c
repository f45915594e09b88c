/*
 * cli_journal.c: the journal of changes from the shell.
 *
 *   margo history [--format jsonl] [-n N]   the changes, newest last
 *   margo undo [N] / margo redo [N]         undo or redo the last N
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "margo/store_journal.h"
#include "cli_impl.h"
#include "margo/i18n.h"

static const char history_usage[] =
	N_("Usage: margo history [--db FILE] [--format plain|jsonl] [-n N]\n"
	"List the changes made to annotations, tags and entities, oldest first:\n"
	"time, coder (\"unknown\" for changes made before coders were kept),\n"
	"state (undone ones are marked) and what changed.\n"
	"  -n N      only the last N\n"
	"JSON Lines: {\"id\",\"time\",\"author\",\"kind\",\"summary\",\"state\",\"coder\"};\n"
	"\"author\" is the login, \"coder\" null when unknown.\n");

static const char undo_usage[] =
	N_("Usage: margo undo [--db FILE] [--as NAME] [N]\n"
	"Undo the last N changes (default 1), saying each.  Exits 1 when there\n"
	"is nothing to undo.\n");

static const char redo_usage[] =
	N_("Usage: margo redo [--db FILE] [--as NAME] [N]\n"
	"Redo the last N changes undone (default 1), saying each.  Exits 1 when\n"
	"there is nothing to redo.\n");

/* A count of 1 or more from `s`: 0, or -1 after saying what is wrong. */
static int parse_count(const char *cmd, const char *s, int64_t *n)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < 1) {
		cli_error(_("%s: \"%s\" is not a number of changes (1 or more)"), cmd, s);
		return -1;
	}
	*n = v;
	return 0;
}

struct history_out {
	enum format format;
	struct buf line;
	int failed;
};

static int put_entry(const struct store_journal_entry *e, void *ctx)
{
	struct history_out *h = ctx;
	if (h->format == FORMAT_JSONL) {
		buf_printf(&h->line, "{\"id\":%lld", (long long)e->id);
		cli_json_field(&h->line, "time", e->time, 0);
		cli_json_field(&h->line, "author", e->author, 0);
		cli_json_field(&h->line, "kind", e->kind, 0);
		cli_json_field(&h->line, "summary", e->summary, 0);
		cli_json_field(&h->line, "state", e->state, 0);
		cli_json_field(&h->line, "coder", e->coder, 0);
		buf_puts(&h->line, "}");
		if (cli_flush_line(&h->line) < 0)
			return h->failed = 1;
		return 0;
	}
	/* The coder and the summary come from the library: made safe. */
	const char *coder = e->coder ? e->coder : _("unknown");
	cli_puts_safe(stdout, e->time);
	fputs("  ", stdout);
	cli_puts_safe(stdout, coder);
	for (size_t w = strlen(coder); w < 10; w++)
		putchar(' ');
	printf("  %-7s  ", strcmp(e->state, "done") == 0 ? "" : e->state);
	cli_puts_safe(stdout, e->summary);
	putchar('\n');
	return 0;
}

int cli_history(const struct cli_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct history_out h = { FORMAT_PLAIN, { 0 }, 0 };
	int64_t limit = 0;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hf:n:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(_(history_usage), stdout);
			return CLI_OK;
		case 'f':
			if (strcmp(optarg, "jsonl") == 0)
				h.format = FORMAT_JSONL;
			else if (strcmp(optarg, "plain") != 0) {
				cli_error(_("history: unknown format \"%s\" (plain or jsonl)"), optarg);
				return CLI_USAGE;
			}
			break;
		case 'n':
			if (parse_count("history", optarg, &limit) < 0)
				return CLI_USAGE;
			break;
		default:
			cli_error(_("history: unknown option or missing value \"%s\"; see \"margo history --help\""),
			          argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	if (optind < argc) {
		cli_error(_("history: unexpected argument \"%s\""), argv[optind]);
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_READ, &st) < 0)
		return CLI_FAILED;
	int rc = store_journal_each(st, limit, put_entry, &h);
	if (rc < 0)
		cli_error(_("%s: cannot read the history: %s"), env->db_path, store_errmsg(st));
	buf_free(&h.line);
	store_close(&st);
	return rc < 0 || h.failed ? CLI_FAILED : CLI_OK;
}

static int undo_redo(const struct cli_env *env, int argc, char **argv, bool undo)
{
	const char *cmd = undo ? "undo" : "redo";
	int64_t n = 1;
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		fputs(undo ? _(undo_usage) : _(redo_usage), stdout);
		return CLI_OK;
	}
	if (argc > 2) {
		cli_error(_("%s: unexpected argument \"%s\""), cmd, argv[2]);
		return CLI_USAGE;
	}
	if (argc == 2 && parse_count(cmd, argv[1], &n) < 0)
		return CLI_USAGE;
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_WRITE, &st) < 0)
		return CLI_FAILED;
	int status = CLI_OK;
	for (int64_t i = 0; i < n; i++) {
		char *summary = NULL, *err = NULL;
		int rc = undo ? store_journal_undo(st, &summary, NULL, &err)
		              : store_journal_redo(st, &summary, NULL, &err);
		if (rc == 1) {
			printf("%s: ", undo ? "undone" : "redone");
			cli_puts_safe(stdout, summary);
			putchar('\n');
		} else if (rc == 0) {
			cli_error("%s", undo ? _("nothing to undo") : _("nothing to redo"));
			status = i ? CLI_OK : CLI_PARTIAL;
		} else {
			cli_error("%s", err ? err : _("out of memory"));
			status = CLI_FAILED;
		}
		free(summary);
		free(err);
		if (rc != 1)
			break;
	}
	store_close(&st);
	return status;
}

int cli_undo(const struct cli_env *env, int argc, char **argv)
{
	return undo_redo(env, argc, argv, true);
}

int cli_redo(const struct cli_env *env, int argc, char **argv)
{
	return undo_redo(env, argc, argv, false);
}
