/*
 * cli.c: margo's subcommands for scripts and pipelines.
 *
 * Every string that came from an article or a file name passes through
 * text_render() before it reaches a terminal, or through JSON escaping in
 * --format jsonl, so no escape sequence from the corpus is ever printed raw.
 */
#include <config.h>

#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "margo/cli.h"
#include "cli_impl.h"
#include "margo/store_share.h"
#include "margo/paths.h"
#include "margo/text.h"
#include "margo/util.h"
#include "margo/i18n.h"

/* Write `s` to `f` made safe for a terminal (one line; LF becomes space). */
void cli_put_safe(FILE *f, const char *s, size_t len)
{
	char *r = text_render(s, len, 0, -1, NULL);
	if (r) {
		fputs(r, f);
		free(r);
	}
}

void cli_puts_safe(FILE *f, const char *s)
{
	if (s)
		cli_put_safe(f, s, strlen(s));
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = util_vprintf(fmt, ap);
	va_end(ap);
	fputs("margo: ", stderr);
	cli_puts_safe(stderr, msg ? msg : _("out of memory"));
	fputc('\n', stderr);
	free(msg);
}

int cli_open_library(const struct cli_env *env, enum store_open_mode mode,
                     struct store **st)
{
	char *err = NULL;
	if (store_open(env->db_path, mode, st, &err) < 0) {
		cli_error("%s", err ? err : _("out of memory"));
		free(err);
		return -1;
	}
	/* Checked already: only memory can fail here. */
	if (store_set_coder(*st, env->coder) < 0) {
		cli_error("%s", _("out of memory"));
		store_close(st);
		return -1;
	}
	return 0;
}

/* The progress line of a long load, on a terminal only: rewritten in
 * place, cleared before any message and at the end. */
static bool progress_shown;

static void clear_progress(void)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		progress_shown = false;
	}
}

static void print_progress(void *ctx, const struct ingest_progress *p)
{
	(void)ctx;
	if (p->done || p->seconds < 1.0) {
		clear_progress();  /* a short load shows nothing */
		return;
	}
	double mb = (double)p->bytes / 1e6, total = (double)p->bytes_total / 1e6;
	double rate = mb / p->seconds;
	struct buf b = { 0 };
	if (p->files_total)
		buf_printf(&b, _("loading: %zu articles, %zu/%zu files, %.1f/%.1f MB, %.1f MB/s"),
		           p->articles, p->files, p->files_total, mb, total, rate);
	else  /* nothing written yet: no totals counted */
		buf_printf(&b, _("loading: %zu articles, %zu files, %.1f MB, %.1f MB/s"),
		           p->articles, p->files, mb, rate);
	if (p->entities) {
		buf_puts(&b, _("; building the entity index"));
	} else if (p->files_total && rate > 0 && total > mb) {
		long left = (long)((total - mb) / rate + 0.5);
		buf_printf(&b, _(", %ld:%02ld left"), left / 60, left % 60);
	}
	/* One line: a line that wraps could not be rewritten in place. */
	struct winsize ws;
	size_t cols = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1 ? ws.ws_col : 80;
	if (b.data && b.len >= cols)
		b.data[cols - 1] = '\0';
	fprintf(stderr, "\r\033[K%s", b.data ? b.data : "");
	buf_free(&b);
	fflush(stderr);
	progress_shown = true;
}

/* Ingest problems, printed as they come. */
static void print_problem(void *ctx, const char *path, const char *message)
{
	(void)ctx;
	clear_progress();
	if (path)
		cli_error("%s: %s", path, message);
	else
		cli_error("%s", message);
}

static char *summarise(const struct ingest_report *r)
{
	struct buf b = { 0 };
	buf_printf(&b, _("%zu added, %zu updated, %zu unchanged"), r->added, r->updated,
	           r->unchanged);
	if (r->problems)
		buf_printf(&b, _("; %zu skipped with a problem"), r->problems);
	if (r->skipped) {
		/* TRANSLATORS: followed by counts of file kinds, "3 .pdf, 1 .doc". */
		buf_printf(&b, ngettext("; %zu file skipped: ", "; %zu files skipped: ", r->skipped),
		           r->skipped);
		size_t rest = r->skipped;
		for (size_t i = 0; i < r->n_skipped_kinds; i++) {
			buf_printf(&b, "%s%zu %s", i ? ", " : "", r->skipped_kind[i].n,
			           r->skipped_kind[i].ext);
			rest -= r->skipped_kind[i].n;
		}
		if (rest)
			buf_printf(&b, r->n_skipped_kinds ? _(", %zu of other kinds") : _("%zu of other kinds"),
			           rest);
		buf_puts(&b, _(" (margo reads .txt, .jsonl, web pages and RSS or Atom feeds)"));
	}
	/* Files by kind, when a feed was among them or kinds were mixed. */
	size_t kinds = (r->text_files > 0) + (r->jsonl_files > 0) + (r->page_files > 0) +
	               (r->feed_files > 0);
	if (r->feed_files || kinds > 1) {
		const char *sep = "; ";
		if (r->text_files) {
			buf_printf(&b, ngettext("%s%zu text file", "%s%zu text files", r->text_files), sep,
			           r->text_files);
			sep = ", ";
		}
		if (r->jsonl_files) {
			buf_printf(&b, ngettext("%s%zu JSON Lines file", "%s%zu JSON Lines files",
			                        r->jsonl_files), sep, r->jsonl_files);
			sep = ", ";
		}
		if (r->page_files) {
			buf_printf(&b, ngettext("%s%zu web page", "%s%zu web pages", r->page_files), sep,
			           r->page_files);
			sep = ", ";
		}
		if (r->feed_files) {
			/* TRANSLATORS: feed files, then the items with text of those read. */
			buf_printf(&b, ngettext("%s%zu feed", "%s%zu feeds", r->feed_files), sep,
			           r->feed_files);
			if (r->feed_items)
				buf_printf(&b, ngettext(" (%zu item)", " (%zu items)", r->feed_items),
				           r->feed_items);
		}
	}
	const struct store_annot_counts *a = &r->anchors;
	if (a->exact + a->moved + a->fuzzy + a->orphan)
		buf_printf(&b, ngettext("; annotations: %zu exact, %zu moved, %zu fuzzy, %zu orphan",
		                        "; annotations: %zu exact, %zu moved, %zu fuzzy, %zu orphans",
		                        a->orphan),
		           a->exact, a->moved, a->fuzzy, a->orphan);
	return buf_steal(&b);
}

/* Ctrl-C or SIGTERM during a load: the first asks it to stop (what was
 * read is written and committed, see ingest_options.stop); a second ends
 * margo at once, which loses nothing committed either. */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	if (stop_signal) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	stop_signal = sig;
}

static void catch_stop_signals(struct sigaction old[2])
{
	struct sigaction sa = { 0 };
	sa.sa_handler = on_stop_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	stop_signal = 0;
	sigaction(SIGINT, &sa, &old[0]);
	sigaction(SIGTERM, &sa, &old[1]);
}

/* Put the handlers back; a load that was asked to stop ends margo by the
 * same signal, so whoever sent it sees margo stopped by it. */
static void release_stop_signals(const struct sigaction old[2])
{
	sigaction(SIGINT, &old[0], NULL);
	sigaction(SIGTERM, &old[1], NULL);
	int sig = stop_signal;
	if (sig) {
		fflush(stdout);
		signal(sig, SIG_DFL);
		raise(sig);
	}
}

int cli_ingest(const struct cli_env *env, char *const *paths, size_t n,
               char **summary, int quiet)
{
	return cli_ingest_ex(env, paths, n, NULL, 0, NULL, summary, quiet, NULL);
}

int cli_ingest_ex(const struct cli_env *env, char *const *paths, size_t n,
                  const struct ingest_buffer *bufs, size_t n_bufs,
                  const struct ingest_report *before,
                  char **summary, int quiet, struct ingest_report *out)
{
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_WRITE, &st) < 0)
		return CLI_FAILED;
	char *dir = paths_data_dir(), *warn = NULL;
	struct corpus_rules *rules = dir ? corpus_rules_load(dir, &warn) : NULL;
	free(dir);
	if (warn) {
		cli_error("%s", warn);
		free(warn);
	}
	if (!rules) {
		cli_error(_("out of memory"));
		store_close(&st);
		return CLI_FAILED;
	}
	struct entity_extractor *x = cli_load_extractor();
	struct ingest_options opt = { .rules = rules, .extractor = x, .message = print_problem };
	if (isatty(STDERR_FILENO) && getenv("TERM") && strcmp(getenv("TERM"), "dumb") != 0)
		opt.progress = print_progress;
	struct ingest_report rep = { 0 };
	struct sigaction old[2];
	catch_stop_signals(old);
	opt.buffers = bufs;
	opt.n_buffers = n_bufs;
	opt.stop = &stop_signal;
	int rc = x ? ingest_paths(st, &opt, paths, n, &rep) : -1;
	if (before) {
		rep.problems += before->problems;
		rep.unchanged += before->unchanged;
		rep.feed_files += before->feed_files;
	}
	if (out)
		*out = rep;
	entity_extractor_free(&x);
	char *sum = summarise(&rep);
	if (!quiet && sum)
		printf("%s\n", sum);
	if (rep.stopped)
		cli_error(_("stopped by %s: %zu articles added and %zu updated were saved; "
		          "\"margo add\" of the same paths goes on from there"),
		          stop_signal == SIGINT ? "Ctrl-C (SIGINT)" : "SIGTERM", rep.added, rep.updated);
	if (summary)
		*summary = sum;
	else
		free(sum);
	corpus_rules_free(&rules);
	store_close(&st);
	release_stop_signals(old);  /* a stopped load ends margo here */
	if (rc < 0)
		return CLI_FAILED;
	return rep.problems ? CLI_PARTIAL : CLI_OK;
}

int cli_ingest_bundled_if_empty(const struct cli_env *env, char **summary)
{
	struct store *st;
	int64_t count = 0;
	/* A read-only library with articles still opens (read-only) in the
	 * reader; an empty one would need writing, which then says why not. */
	if (cli_open_library(env, STORE_OPEN_WRITE_OR_READ, &st) < 0)
		return CLI_FAILED;
	int rc = store_article_count(st, &count);
	store_close(&st);
	if (rc < 0) {
		cli_error(_("%s: cannot read the library"), env->db_path);
		return CLI_FAILED;
	}
	if (count > 0)
		return CLI_OK;
	char *corpus = paths_corpus_dir();
	if (!corpus)
		return CLI_FAILED;
	char *paths[] = { corpus };
	rc = cli_ingest(env, paths, 1, summary, 1);
	free(corpus);
	return rc;
}

/* ---- option parsing shared by the subcommands ------------------------- */

int cli_parse_sub_flags(int argc, char **argv, const char *usage, struct sub_opts *o,
                        unsigned flags)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "dropped", no_argument, NULL, 'd' },
		{ "fetch-pages", no_argument, NULL, 'P' },
		{ "no-fetch-pages", no_argument, NULL, 'N' },
		{ NULL, 0, NULL, 0 },
	};
	o->format = FORMAT_PLAIN;
	o->help = 0;
	o->dropped = 0;
	o->fetch_pages = -1;
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "hf:", longopts, NULL)) != -1) {
		/* Each command takes only the options its flags allow. */
		if ((c == 'd' && !(flags & SUB_DROPPED)) || (c == 'P' && !(flags & SUB_PAGES)) ||
		    (c == 'N' && !(flags & SUB_NO_PAGES)))
			c = '?';
		switch (c) {
		case 'd':
			o->dropped = 1;
			break;
		case 'P':
			o->fetch_pages = 1;
			break;
		case 'N':
			o->fetch_pages = 0;
			break;
		case 'f':
			if (strcmp(optarg, "jsonl") == 0)
				o->format = FORMAT_JSONL;
			else if (strcmp(optarg, "plain") == 0 || strcmp(optarg, "text") == 0)
				o->format = FORMAT_PLAIN;
			else {
				cli_error(_("%s: unknown format \"%s\" (use plain or jsonl)"), argv[0], optarg);
				return -1;
			}
			break;
		case 'h':
			fputs(_(usage), stdout);
			o->help = 1;
			return argc;
		default:
			cli_error(_("%s: unknown option \"%s\"; see \"margo %s --help\""), argv[0],
			          argv[optind - 1], argv[0]);
			return -1;
		}
	}
	return optind;
}

int cli_parse_sub(int argc, char **argv, const char *usage, struct sub_opts *o)
{
	return cli_parse_sub_flags(argc, argv, usage, o, 0);
}

void cli_json_field(struct buf *b, const char *name, const char *value, int first)
{
	buf_printf(b, "%s\"%s\":", first ? "" : ",", name);
	if (!value) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	buf_json_string(b, value, strlen(value));
	buf_putc(b, '"');
}

int cli_flush_line(struct buf *b)
{
	if (buf_putc(b, '\n') < 0)
		return -1;
	size_t len = b->len, w = fwrite(b->data, 1, len, stdout);
	buf_reset(b);
	return w == len ? 0 : -1;
}

/* ---- add ---------------------------------------------------------------- */

static const char add_usage[] =
	N_("Usage: margo add [--db FILE] [--fetch-pages] PATH|URL...\n"
	"Add or refresh articles from .txt files, folders (searched recursively\n"
	"for .txt, .jsonl, .rss, .atom and .xml files), JSON Lines files of\n"
	"{\"title\",\"text\",\"date\",\"author\",\"url\",\"id\"} and RSS or Atom feeds\n"
	"(.rss, .atom, .xml; one article an item).  Unchanged files are skipped.\n"
	"Web pages (.html, .htm, .xhtml, and each of them .gz, in folders too)\n"
	"give their article, with its title, author, date and address.\n"
	"An http or https address is fetched: a feed loads its items, a page its\n"
	"article (with the address as its url); one that cannot be fetched is\n"
	"said in one line, and the rest still loads.  --fetch-pages: a feed's\n"
	"items that carry only a summary read the page they link to instead\n"
	"(see \"margo subscribe --help\").\n"
	"Ctrl-C or SIGTERM stops a load: what was read is saved, and the next\n"
	"\"margo add\" of the same paths goes on where it stopped.\n"
	"Exit status: 0 all loaded, 1 some inputs skipped, 3 library error;\n"
	"a stopped load ends by the signal that stopped it.\n");

int cli_add(const struct cli_env *env, int argc, char **argv)
{
	struct sub_opts o;
	int first = cli_parse_sub_flags(argc, argv, add_usage, &o, SUB_PAGES);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	if (first >= argc) {
		cli_error(_("add: no PATH given; see \"margo add --help\""));
		return CLI_USAGE;
	}
	return cli_add_args(env, argv + first, (size_t)(argc - first), o.fetch_pages == 1, NULL, 0);
}

/* ---- check -------------------------------------------------------------- */

static const char check_usage[] =
	N_("Usage: margo check [--db FILE]\n"
	"Check the library (SQLite's integrity and foreign key checks, every table,\n"
	"index, view and trigger there) without writing to it: prints \"ok\", or\n"
	"what is wrong and exits 3.  Files whose load did not finish (margo add was\n"
	"stopped) are told and exit 1: \"margo add\" of the same files loads them.\n");

int cli_check(const struct cli_env *env, int argc, char **argv)
{
	struct sub_opts o;
	int first = cli_parse_sub(argc, argv, check_usage, &o);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	if (first < argc) {
		cli_error(_("check: unexpected argument \"%s\""), argv[first]);
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_READ, &st) < 0)
		return CLI_FAILED;
	char *report = NULL, *loads = NULL;
	int rc = store_check(st, &report);
	int lrc = rc == 1 ? store_check_loads(st, &loads) : 1;
	if (rc < 0 || lrc < 0)
		cli_error(_("%s: cannot be checked: %s"), env->db_path, store_errmsg(st));
	else if (rc == 0)
		cli_error(_("%s is damaged:\n%s"), env->db_path, report);
	else if (lrc == 0)
		cli_error(_("%s is sound, but not all its files are loaded:\n%s"), env->db_path, loads);
	else
		puts("ok");
	/* A shared library says so (margo share); a private one, the
	 * default, says nothing more. */
	char *group = NULL;
	if (rc == 1 && store_share_state(env->db_path, &group) == 1)
		printf(_("shared with the group %s\n"), group);
	free(group);
	free(report);
	free(loads);
	store_close(&st);
	return rc < 0 || lrc < 0 || rc == 0 ? CLI_FAILED : lrc == 0 ? CLI_PARTIAL : CLI_OK;
}

/* ---- list --------------------------------------------------------------- */

static const char list_usage[] =
	N_("Usage: margo list [--db FILE] [--format plain|jsonl] [--unread]\n"
	"List the articles of the library: id, date, source and title.\n"
	"--unread: only the articles not read yet in the reader.\n"
	"JSON Lines: {\"id\",\"title\",\"date\",\"source\"}.\n");

int cli_list(const struct cli_env *env, int argc, char **argv)
{
	/* --unread is list's own: taken out before the common options. */
	bool unread = false;
	int kept = 1;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				argv[kept++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--unread") == 0)
			unread = true;
		else
			argv[kept++] = argv[i];
	}
	argc = kept;
	struct sub_opts o;
	int first = cli_parse_sub(argc, argv, list_usage, &o);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	if (first < argc) {
		cli_error(_("list: unexpected argument \"%s\""), argv[first]);
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_READ, &st) < 0)
		return CLI_FAILED;
	int status = CLI_OK;
	struct buf b = { 0 };
	for (int64_t off = 0;; off += 256) {
		struct store_row *rows;
		size_t n;
		if (store_rows(st, off, 256, &rows, &n) < 0) {
			cli_error("%s: %s", env->db_path, store_errmsg(st));
			status = CLI_FAILED;
			break;
		}
		for (size_t i = 0; i < n; i++) {
			if (unread && rows[i].read)
				continue;
			if (o.format == FORMAT_JSONL) {
				buf_printf(&b, "{\"id\":%lld,", (long long)rows[i].id);
				cli_json_field(&b, "title", rows[i].title, 1);
				cli_json_field(&b, "date", rows[i].date, 0);
				cli_json_field(&b, "source", rows[i].origin, 0);
				buf_putc(&b, '}');
				cli_flush_line(&b);
			} else {
				printf("%4lld  %-10s  ", (long long)rows[i].id,
				       rows[i].date ? rows[i].date : "-");
				cli_puts_safe(stdout, rows[i].title);
				fputs("  (", stdout);
				cli_puts_safe(stdout, rows[i].origin);
				fputs(")\n", stdout);
			}
		}
		store_rows_free(rows, n);
		if (n < 256)
			break;
	}
	buf_free(&b);
	store_close(&st);
	return status;
}

/* ---- show --------------------------------------------------------------- */

static const char show_usage[] =
	N_("Usage: margo show [--db FILE] [--format plain|jsonl] [--dropped] ID\n"
	"Print one article: its title, subtitle, byline, date and source, then\n"
	"its text, paragraph by paragraph.  --dropped: then what was left out of\n"
	"it, one \"kind: text\" a line (a text file's boilerplate lines; a web\n"
	"page's navigation, banners, share bars, related links, comments,\n"
	"captions, low-score blocks, ...).  JSON Lines: one object with \"id\",\n"
	"\"title\", \"subtitle\", \"author\", \"date\", \"source\", \"url\",\n"
	"\"paragraphs\", \"text\" and \"dropped\" (what was left out, as\n"
	"{\"kind\", \"text\"}).\n");

static int dropped_json(void *ctx, const char *kind, const char *text)
{
	struct buf *b = ctx;
	if (b->data[b->len - 1] != '[')
		buf_putc(b, ',');
	buf_putc(b, '{');
	cli_json_field(b, "kind", kind, 1);
	cli_json_field(b, "text", text, 0);
	buf_putc(b, '}');
	return 0;
}

/* One line of what was left out: "kind: text"; the count of the blocks
 * not kept as a sentence. */
static int dropped_plain(void *ctx, const char *kind, const char *text)
{
	size_t *n = ctx;
	kind = kind ? kind : "";
	text = text ? text : "";
	if ((*n)++ == 0)
		printf("\n%s\n", _("Left out:"));
	if (strcmp(kind, "not-kept") == 0) {
		fputs(_("more blocks left out, not kept: "), stdout);
	} else {
		cli_puts_safe(stdout, kind);
		fputs(": ", stdout);
	}
	cli_puts_safe(stdout, text);
	fputc('\n', stdout);
	return 0;
}

static void show_plain(const struct store_article *a)
{
	cli_puts_safe(stdout, a->title);
	fputc('\n', stdout);
	if (a->subtitle) {
		cli_puts_safe(stdout, a->subtitle);
		fputc('\n', stdout);
	}
	if (a->author) {
		fputs("di ", stdout);
		cli_puts_safe(stdout, a->author);
		fputc('\n', stdout);
	}
	printf("%s", a->date ? a->date : "");
	if (a->origin) {
		fputs(a->date ? "  " : "", stdout);
		cli_puts_safe(stdout, a->origin);
	}
	fputs("\n\n", stdout);
	for (size_t i = 0; i < a->n_paras; i++) {
		const struct store_para *p = &a->paras[i];
		cli_put_safe(stdout, a->body + p->start, p->end - p->start);
		fputs(i + 1 < a->n_paras ? "\n\n" : "\n", stdout);
	}
}

int cli_show(const struct cli_env *env, int argc, char **argv)
{
	struct sub_opts o;
	int first = cli_parse_sub_flags(argc, argv, show_usage, &o, SUB_DROPPED);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	int64_t id;
	if (first != argc - 1 || util_parse_id(argv[first], &id) < 0) {
		cli_error(_("show: give one article ID (a number from \"margo list\")"));
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_READ, &st) < 0)
		return CLI_FAILED;
	struct store_article a;
	int found = store_article_get(st, id, &a);
	int status = CLI_OK;
	if (found < 0) {
		cli_error("%s: %s", env->db_path, store_errmsg(st));
		status = CLI_FAILED;
	} else if (found == 0) {
		cli_error(_("show: no article %lld in %s"), (long long)id, env->db_path);
		status = CLI_USAGE;
	} else if (o.format == FORMAT_JSONL) {
		struct buf b = { 0 };
		buf_printf(&b, "{\"id\":%lld,", (long long)a.id);
		cli_json_field(&b, "title", a.title, 1);
		cli_json_field(&b, "subtitle", a.subtitle, 0);
		cli_json_field(&b, "author", a.author, 0);
		cli_json_field(&b, "date", a.date, 0);
		cli_json_field(&b, "source", a.origin, 0);
		cli_json_field(&b, "url", a.url, 0);
		buf_printf(&b, ",\"title_guessed\":%s,\"paragraphs\":%zu,\"text\":\"",
		           a.title_guessed ? "true" : "false", a.n_paras);
		buf_json_string(&b, a.body, a.body_len);
		buf_puts(&b, "\",\"dropped\":[");
		store_dropped(st, a.id, dropped_json, &b);
		buf_puts(&b, "]}");
		cli_flush_line(&b);
		buf_free(&b);
	} else {
		show_plain(&a);
		size_t n = 0;
		if (o.dropped && store_dropped(st, a.id, dropped_plain, &n) < 0) {
			cli_error("%s: %s", env->db_path, store_errmsg(st));
			status = CLI_FAILED;
		} else if (o.dropped && n == 0) {
			printf("\n%s\n", _("Left out: nothing."));
		}
	}
	if (found > 0)
		store_article_free(&a);
	store_close(&st);
	return status;
}

/* ---- passages ----------------------------------------------------------- */

static const char passages_usage[] =
	N_("Usage: margo passages [--db FILE] [--format plain|jsonl] [ID]\n"
	"Print the passages (paragraphs) of article ID, or of every article.\n"
	"JSON Lines: {\"id\",\"article\",\"n\",\"kind\",\"text\"}; \"id\" is the\n"
	"passage id other commands take.\n");

struct passages_ctx {
	enum format format;
	struct buf b;
	size_t count;
};

static int passage_out(void *vctx, int64_t id, int64_t article, int n,
                       enum corpus_para_kind kind, const char *text, size_t len)
{
	struct passages_ctx *c = vctx;
	c->count++;
	const char *k = kind == CORPUS_PARA_HEADING ? "heading" : "body";
	if (c->format == FORMAT_JSONL) {
		buf_printf(&c->b, "{\"id\":%lld,\"article\":%lld,\"n\":%d,\"kind\":\"%s\",\"text\":\"",
		           (long long)id, (long long)article, n, k);
		buf_json_string(&c->b, text, len);
		buf_puts(&c->b, "\"}");
		return cli_flush_line(&c->b) < 0 ? 1 : 0;
	}
	printf("%lld\t%lld:%d\t", (long long)id, (long long)article, n);
	cli_put_safe(stdout, text, len);
	fputc('\n', stdout);
	return 0;
}

int cli_passages(const struct cli_env *env, int argc, char **argv)
{
	struct sub_opts o;
	int first = cli_parse_sub(argc, argv, passages_usage, &o);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	int64_t id = 0;
	if (first < argc - 1 || (first == argc - 1 && (util_parse_id(argv[first], &id) < 0 || id == 0))) {
		cli_error(_("passages: give at most one article ID (a number from \"margo list\")"));
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_READ, &st) < 0)
		return CLI_FAILED;
	struct passages_ctx c = { .format = o.format };
	int rc = store_passages(st, id, passage_out, &c);
	int status = CLI_OK;
	if (rc == 1) {
		status = CLI_FAILED;  /* standard output is gone; nothing to say */
	} else if (rc < 0) {
		cli_error("%s: %s", env->db_path, store_errmsg(st));
		status = CLI_FAILED;
	} else if (id && c.count == 0) {
		cli_error(_("passages: no article %lld in %s"), (long long)id, env->db_path);
		status = CLI_USAGE;
	}
	buf_free(&c.b);
	store_close(&st);
	return status;
}
