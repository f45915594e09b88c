/*
 * cli_search.c: searching the corpus and related passages from the shell.
 *
 *   margo search QUERY   {"article","passage","snippet","score"}
 *   margo related ID     {"passage","article","score","why","snippet","near_copy"}
 *
 * Hits in snippets are shown as **word** (plain and JSON alike).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/paths.h"
#include "margo/search.h"
#include "margo/store_search.h"
#include "cli_impl.h"
#include "margo/i18n.h"

#define RELATED_SNIPPET_COLUMNS 72  /* the snippet line of margo related */

/* A snippet with its hit markers turned into ** for output. */
static char *snippet_text(const char *s)
{
	struct buf b = { 0 };
	for (const char *p = s; p && *p; p++) {
		if (*p == STORE_HIT_OPEN || *p == STORE_HIT_CLOSE)
			buf_puts(&b, "**");
		else
			buf_putc(&b, *p);
	}
	if (!b.data)
		buf_puts(&b, "");
	return buf_steal(&b);
}

static const char search_usage[] =
	N_("Usage: margo search [--db FILE] [--format plain|jsonl] [--limit N] QUERY...\n"
	"Search every passage of the library, best first.  Words are found in any\n"
	"form (soldato finds soldati), without regard to case or accents; \"a phrase\"\n"
	"in double quotes is a phrase, word* a prefix; everything else is taken\n"
	"literally.  JSON Lines: {\"article\",\"passage\",\"snippet\",\"score\"}, hits\n"
	"in the snippet marked **like this**.\n");

/* Take "OPTION N" out of argv (N from 1 to 100000); -1 on a bad value. */
static int take_number(int *argc, char **argv, const char *option, int *value)
{
	int k = 1;
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], option) == 0) {
			int64_t v;
			if (i + 1 >= *argc || util_parse_id(argv[++i], &v) < 0 || v < 1 || v > 100000)
				return -1;
			*value = (int)v;
		} else {
			argv[k++] = argv[i];
		}
	}
	*argc = k;
	return 0;
}

int cli_search(const struct cli_env *env, int argc, char **argv)
{
	int limit = 20;
	if (take_number(&argc, argv, "--limit", &limit) < 0) {
		cli_error(_("search: --limit needs a number from 1 to 100000"));
		return CLI_USAGE;
	}
	struct sub_opts o;
	int first = cli_parse_sub(argc, argv, search_usage, &o);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	struct buf input = { 0 };
	for (int i = first; i < argc; i++)
		buf_printf(&input, "%s%s", i > first ? " " : "", argv[i]);
	bool oom = false;
	char *query = search_build_query(input.data ? input.data : "", &oom);
	buf_free(&input);
	if (!query) {
		cli_error("%s", oom ? _("out of memory") : _("search: nothing to search for (give some words)"));
		return oom ? CLI_FAILED : CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_READ, &st) < 0) {
		free(query);
		return CLI_FAILED;
	}
	struct store_hit *h;
	size_t n;
	int status = CLI_OK;
	if (store_search(st, query, limit, 0, &h, &n) < 0) {
		cli_error("%s: %s", env->db_path, store_errmsg(st));
		status = CLI_FAILED;
		n = 0;
		h = NULL;
	}
	struct buf b = { 0 };
	for (size_t i = 0; i < n && status == CLI_OK; i++) {
		char *snip = snippet_text(h[i].snippet);
		if (o.format == FORMAT_JSONL) {
			buf_printf(&b, "{\"article\":%lld,\"passage\":%lld,", (long long)h[i].article,
			           (long long)h[i].passage);
			cli_json_field(&b, "snippet", snip, 1);
			buf_printf(&b, ",\"score\":%.4f}", h[i].score);
			if (cli_flush_line(&b) < 0)
				status = CLI_FAILED;
		} else {
			printf("%6.2f  %lld:%d  ", h[i].score, (long long)h[i].article, h[i].n);
			cli_puts_safe(stdout, h[i].title);
			fputs("\n        ", stdout);
			cli_puts_safe(stdout, snip);
			fputc('\n', stdout);
		}
		free(snip);
	}
	buf_free(&b);
	store_hits_free(h, n);
	store_close(&st);
	free(query);
	return status;
}

static const char related_usage[] =
	N_("Usage: margo related [--db FILE] [--format plain|jsonl] [--limit N] [--sentence N]\n"
	"                     PASSAGE\n"
	"The passages of other articles most related to PASSAGE (an id from\n"
	"\"margo passages\"), best first, scored by the entities they share (rarer\n"
	"ones weigh more) and the words they share (stemmed), with the reason.\n"
	"--sentence N puts first the passages that tell what the Nth sentence of\n"
	"PASSAGE tells (a long passage tells several things).\n"
	"Each comes with the sentence most like PASSAGE (or its Nth sentence),\n"
	"with the words they share marked **like this**, and the text around it.\n"
	"JSON Lines: {\"passage\",\"article\",\"score\",\"why\",\"snippet\",\"near_copy\"}.\n");

int cli_related(const struct cli_env *env, int argc, char **argv)
{
	int limit = 10, sentence = 0;
	if (take_number(&argc, argv, "--limit", &limit) < 0) {
		cli_error(_("related: --limit needs a number from 1 to 100000"));
		return CLI_USAGE;
	}
	if (take_number(&argc, argv, "--sentence", &sentence) < 0) {
		cli_error(_("related: --sentence needs a number from 1 to 100000"));
		return CLI_USAGE;
	}
	struct sub_opts o;
	int first = cli_parse_sub(argc, argv, related_usage, &o);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	int64_t id;
	if (first != argc - 1 || util_parse_id(argv[first], &id) < 0 || id == 0) {
		cli_error(_("related: give one PASSAGE id (a number from \"margo passages\")"));
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_READ, &st) < 0)
		return CLI_FAILED;
	struct store_hit *h = NULL;
	size_t n = 0;
	int status = CLI_OK;
	char *dir = paths_data_dir(), *warn = NULL;
	struct search_background *bg = dir ? search_background_load(dir, &warn) : NULL;
	free(dir);
	if (warn) {
		cli_error("%s", warn);
		free(warn);
	}
	int rc = store_related(st, bg, id, sentence - 1, limit, &h, &n);
	search_background_free(&bg);
	if (rc < 0) {
		cli_error("%s: %s", env->db_path, store_errmsg(st));
		status = CLI_FAILED;
	} else if (rc == 1) {
		cli_error(_("related: passage %lld has no sentence %d"), (long long)id, sentence);
		status = CLI_USAGE;
	}
	struct buf b = { 0 };
	for (size_t i = 0; i < n && status == CLI_OK; i++) {
		char *around = store_snippet_around(h[i].snippet, h[i].told_from, h[i].told_to,
		                                    RELATED_SNIPPET_COLUMNS);
		char *snip = around ? snippet_text(around) : NULL;
		free(around);
		if (!snip) {
			cli_error(_("out of memory"));
			status = CLI_FAILED;
			break;
		}
		if (o.format == FORMAT_JSONL) {
			buf_printf(&b, "{\"passage\":%lld,\"article\":%lld,\"score\":%.4f,",
			           (long long)h[i].passage, (long long)h[i].article, h[i].score);
			cli_json_field(&b, "why", h[i].why, 1);
			buf_putc(&b, ',');
			cli_json_field(&b, "snippet", snip, 1);
			buf_puts(&b, h[i].near_copy ? ",\"near_copy\":true}" : ",\"near_copy\":false}");
			if (cli_flush_line(&b) < 0)
				status = CLI_FAILED;
		} else {
			printf("%6.3f  %lld  %lld:%d  ", h[i].score, (long long)h[i].passage,
			       (long long)h[i].article, h[i].n);
			cli_puts_safe(stdout, h[i].title);
			fputs("\n        ", stdout);
			cli_puts_safe(stdout, h[i].why_shown);
			fputs("\n        ", stdout);
			cli_puts_safe(stdout, snip);
			fputc('\n', stdout);
		}
		free(snip);
	}
	buf_free(&b);
	store_hits_free(h, n);
	store_close(&st);
	return status;
}
