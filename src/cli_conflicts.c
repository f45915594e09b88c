/*
 * cli_conflicts.c: the conflicts imports leave, from the shell.
 *
 *   margo conflicts [--format plain|jsonl]
 *   margo conflicts --keep mine|theirs|both ID
 *
 * Lists the open conflicts with both versions (this library's and the
 * imported one), or resolves one.
 */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "margo/store_annot.h"
#include "cli_impl.h"
#include "margo/i18n.h"

static const char conflicts_usage[] =
	N_("Usage: margo conflicts [--db FILE] [--format plain|jsonl]\n"
	"       margo conflicts [--db FILE] --keep mine|theirs|both [--as NAME] ID\n"
	"List the conflicts imports left: an annotation changed both here and in\n"
	"the file imported; the newer version was kept and the other recorded.\n"
	"Each shows its number, the annotation, its article, and both versions\n"
	"(\"this library\" and \"imported\": modified, tags, colour, author, quote,\n"
	"note).  JSON Lines: {\"conflict\",\"annotation\",\"article\",\"title\",\n"
	"\"mine\",\"theirs\",\"created\"}, the versions as W3C Web Annotations.\n"
	"--keep resolves the conflict ID (its number, or the id of an annotation\n"
	"with one conflict): mine drops the imported version, theirs puts it in\n"
	"place of this library's, both makes it a new annotation on the same\n"
	"article.  A resolved conflict is no longer listed.\n");

static void side_plain(const char *label, const struct store_conflict_side *s)
{
	printf("  %-13s %s  [", label, s->updated ? s->updated : "?");
	cli_puts_safe(stdout, s->tags ? s->tags : "");
	fputs("]", stdout);
	if (s->color) {
		fputs("  ", stdout);
		cli_puts_safe(stdout, s->color);
	}
	if (s->author && *s->author) {
		fputs(_("  by "), stdout);
		cli_puts_safe(stdout, s->author);
	}
	fputs("  \"", stdout);
	cli_puts_safe(stdout, s->quote ? s->quote : "");
	fputs("\"", stdout);
	if (s->note && *s->note) {
		fputs(_("  note: "), stdout);
		cli_puts_safe(stdout, s->note);
	}
	fputc('\n', stdout);
}

static int list(struct store *st, enum format format)
{
	struct store_conflict *v;
	size_t n;
	if (store_conflicts_list(st, NULL, &v, &n) < 0)
		return -1;
	struct buf b = { 0 };
	int ret = 0;
	for (size_t i = 0; i < n && ret == 0; i++) {
		const struct store_conflict *c = &v[i];
		if (format == FORMAT_JSONL) {
			buf_printf(&b, "{\"conflict\":%lld,", (long long)c->id);
			cli_json_field(&b, "annotation", c->annotation, 1);
			buf_printf(&b, ",\"article\":%lld", (long long)c->article);
			cli_json_field(&b, "title", c->title, 0);
			buf_puts(&b, ",\"mine\":");
			buf_json_harden(&b, c->mine.json, strlen(c->mine.json));
			buf_puts(&b, ",\"theirs\":");
			buf_json_harden(&b, c->theirs.json, strlen(c->theirs.json));
			cli_json_field(&b, "created", c->created, 0);
			buf_putc(&b, '}');
			ret = cli_flush_line(&b) < 0 ? 1 : 0;
			continue;
		}
		const char *id = c->annotation;
		printf("#%lld  ", (long long)c->id);
		cli_puts_safe(stdout, strncmp(id, "urn:uuid:", 9) == 0 ? id + 9 : id);
		printf(_("  article %lld: "), (long long)c->article);
		cli_puts_safe(stdout, c->title ? c->title : "");
		fputc('\n', stdout);
		side_plain(_("this library"), &c->mine);
		side_plain(_("imported"), &c->theirs);
	}
	buf_free(&b);
	store_conflicts_free(v, n);
	return ret;
}

static int resolve(struct store *st, const char *how, const char *ref)
{
	static const struct { const char *name; enum store_conflict_keep keep; } kinds[] = {
		{ "mine", STORE_KEEP_MINE }, { "theirs", STORE_KEEP_THEIRS }, { "both", STORE_KEEP_BOTH },
	};
	size_t k = 0;
	while (k < 3 && strcmp(how, kinds[k].name) != 0)
		k++;
	if (k == 3) {
		cli_error(_("conflicts: --keep takes mine, theirs or both, not \"%s\""), how);
		return CLI_USAGE;
	}
	int64_t conflict;
	char *err = NULL, *made = NULL;
	int found = store_conflict_find(st, ref, &conflict, &err);
	if (found <= 0) {
		if (found == 0)
			cli_error(_("conflicts: %s"), err);
		free(err);
		return found == 0 ? CLI_PARTIAL : -1;
	}
	if (store_conflict_resolve(st, conflict, kinds[k].keep, &made, &err) < 0) {
		cli_error(_("conflicts: %s; nothing was changed"), err ? err : _("out of memory"));
		free(err);
		return CLI_FAILED;
	}
	if (kinds[k].keep == STORE_KEEP_MINE)
		printf(_("conflict #%lld: kept this library's version; the imported one is dropped\n"),
		       (long long)conflict);
	else if (kinds[k].keep == STORE_KEEP_THEIRS)
		printf(_("conflict #%lld: the imported version replaces this library's\n"),
		       (long long)conflict);
	else
		printf(_("conflict #%lld: kept both; the imported version is annotation %s\n"),
		       (long long)conflict, made + 9);
	free(made);
	return CLI_OK;
}

int cli_conflicts(const struct cli_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "keep", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum format format = FORMAT_PLAIN;
	const char *keep = NULL;
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "hf:k:", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "jsonl") == 0) {
				format = FORMAT_JSONL;
			} else if (strcmp(optarg, "plain") == 0) {
				format = FORMAT_PLAIN;
			} else {
				cli_error(_("conflicts: unknown format \"%s\" (use plain or jsonl)"), optarg);
				return CLI_USAGE;
			}
			break;
		case 'k':
			keep = optarg;
			break;
		case 'h':
			fputs(_(conflicts_usage), stdout);
			return CLI_OK;
		default:
			cli_error(_("conflicts: unknown option \"%s\"; see \"margo conflicts --help\""),
			          argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	if (keep ? optind != argc - 1 : optind != argc) {
		cli_error(keep ? _("conflicts: --keep takes one conflict ID (see margo conflicts)")
		               : _("conflicts: unexpected argument \"%s\"; resolve with --keep"),
		          keep ? "" : argv[optind]);
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, keep ? STORE_OPEN_WRITE : STORE_OPEN_READ, &st) < 0)
		return CLI_FAILED;
	int status = keep ? resolve(st, keep, argv[optind]) : list(st, format);
	if (status == 1 && !keep) {
		status = CLI_FAILED;  /* standard output is gone */
	} else if (status < 0) {
		cli_error("%s: %s", env->db_path, store_errmsg(st));
		status = CLI_FAILED;
	}
	store_close(&st);
	return status;
}
