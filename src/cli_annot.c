/*
 * cli_annot.c: annotations from the shell.
 *
 *   margo annotate ARTICLE START END [--tag T,U] [--note TEXT] [--author A]
 *   margo annotations [--format plain|jsonl] [--tag T] [--article ID]
 *   margo export --format w3c|jsonl|csv|markdown [--tag T] [--article ID]
 *                [--separator ';'] [-o FILE [--force]]
 *   margo import FILE
 *
 * JSON is the W3C Web Annotation model, built by SQLite; exports check
 * every anchor against the text and say which ones they could not place.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "margo/store_annot.h"
#include "margo/text.h"
#include "cli_impl.h"

/* Options of the annotation commands, taken out of argv. */
struct annot_opts {
	const char *tag, *note, *author, *output, *format;
	int64_t article;
	char separator;
	bool force;
};

/* Take the known "--name VALUE" options out of argv; the rest stays. */
static int take_opts(int *argc, char **argv, struct annot_opts *o)
{
	int k = 1;
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		const char **slot = strcmp(a, "--tag") == 0 ? &o->tag
		                  : strcmp(a, "--note") == 0 ? &o->note
		                  : strcmp(a, "--author") == 0 ? &o->author
		                  : strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 ? &o->output
		                  : strcmp(a, "--format") == 0 ? &o->format : NULL;
		if (slot || strcmp(a, "--article") == 0 || strcmp(a, "--separator") == 0) {
			if (i + 1 >= *argc) {
				cli_error("%s needs a value", a);
				return -1;
			}
			const char *v = argv[++i];
			if (slot) {
				*slot = v;
			} else if (strcmp(a, "--article") == 0) {
				if (util_parse_id(v, &o->article) < 0 || o->article == 0) {
					cli_error("--article needs an article ID (a number from \"margo list\")");
					return -1;
				}
			} else if (strlen(v) != 1 || (v[0] != ',' && v[0] != ';' && v[0] != '\t')) {
				cli_error("--separator is one of , ; or a tab");
				return -1;
			} else {
				o->separator = v[0];
			}
		} else if (strcmp(a, "--force") == 0) {
			o->force = true;
		} else {
			argv[k++] = argv[i];
		}
	}
	*argc = k;
	argv[k] = NULL;
	return 0;
}

static bool wants_help(int argc, char **argv, const char *usage)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			return true;
		}
	return false;
}

/* ---- annotate ---------------------------------------------------------------------- */

static const char annotate_usage[] =
	"Usage: margo annotate [--db FILE] ARTICLE START END [--tag T,U] [--note TEXT]\n"
	"                      [--author NAME]\n"
	"Annotate characters START to END (code points, end excluded) of ARTICLE\n"
	"with tags (comma-separated; \"a/b\" makes a hierarchy) and a note.  Prints\n"
	"the new annotation's id.\n";

/* Argument or variable `v` (named `what` in messages, `hint` after) as
 * UTF-8 in *out (malloc'd; NULL when `v` is NULL): 0, or -1 after saying
 * why not. */
static int user_text(const char *what, const char *v, const char *hint, char **out)
{
	*out = NULL;
	if (!v)
		return 0;
	const char *cs = text_user_charset();
	int rc = text_from_user(v, strlen(v), cs, out);
	if (rc == -2)
		cli_error("annotate: out of memory");
	else if (rc < 0)
		cli_error("annotate: %s is not valid %s%s; nothing was saved%s", what,
		          text_charset_is_utf8(cs) ? "UTF-8" : cs,
		          text_charset_is_utf8(cs) ? "" : " text (the locale's charset)", hint);
	return rc < 0 ? -1 : 0;
}

int cli_annotate(const struct cli_env *env, int argc, char **argv)
{
	struct annot_opts o = { 0 };
	if (wants_help(argc, argv, annotate_usage))
		return CLI_OK;
	if (take_opts(&argc, argv, &o) < 0)
		return CLI_USAGE;
	int64_t article, start, end;
	if (argc != 4 || util_parse_id(argv[1], &article) < 0 || util_parse_id(argv[2], &start) < 0 ||
	    util_parse_id(argv[3], &end) < 0) {
		cli_error("annotate: give ARTICLE START END; see \"margo annotate --help\"");
		return CLI_USAGE;
	}
	/* What is saved is UTF-8, so that every export reads elsewhere. */
	char *tag = NULL, *note = NULL, *author = NULL;
	if (user_text("--tag", o.tag, "", &tag) < 0 || user_text("--note", o.note, "", &note) < 0 ||
	    (o.author ? user_text("--author", o.author, "", &author)
	              : user_text("$USER, the default author,", getenv("USER"),
	                          " (give --author NAME)", &author)) < 0) {
		free(tag);
		free(note);
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_WRITE, &st) < 0) {
		free(tag);
		free(note);
		free(author);
		return CLI_FAILED;
	}
	char *id = NULL, *err = NULL;
	int status = CLI_OK;
	int rc = store_annot_create(st, article, (size_t)start, (size_t)end, tag, note,
	                            author, &id, &err);
	free(tag);
	free(note);
	free(author);
	if (rc < 0) {
		cli_error("annotate: %s", err ? err : "out of memory");
		status = rc == -2 ? CLI_USAGE : CLI_FAILED;
	} else {
		printf("%s\n", id);
	}
	free(id);
	free(err);
	store_close(&st);
	return status;
}

/* ---- listing and exporting ------------------------------------------------------- */

enum annot_format { AF_PLAIN, AF_JSONL, AF_W3C, AF_CSV, AF_MARKDOWN };

struct out_ctx {
	FILE *f;
	enum annot_format format;
	char sep;
	size_t n, misplaced;
	struct buf md;             /* markdown: collected rows, grouped at the end */
	struct store *st;          /* markdown: for the links */
};

/* A CSV field, quoted when it must be (RFC 4180). */
static void csv_field(FILE *f, const char *s, char sep)
{
	s = s ? s : "";
	if (!strchr(s, sep) && !strpbrk(s, "\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void csv_row(FILE *f, const struct store_annot_row *r, const char *tag, char sep)
{
	char num[32];
	csv_field(f, r->id, sep), fputc(sep, f);
	snprintf(num, sizeof num, "%lld", (long long)r->article);
	csv_field(f, num, sep), fputc(sep, f);
	csv_field(f, r->title, sep), fputc(sep, f);
	csv_field(f, r->date, sep), fputc(sep, f);
	snprintf(num, sizeof num, "%lld", (long long)r->start);
	csv_field(f, r->in_place ? num : "", sep), fputc(sep, f);
	snprintf(num, sizeof num, "%lld", (long long)r->end);
	csv_field(f, r->in_place ? num : "", sep), fputc(sep, f);
	csv_field(f, r->quote, sep), fputc(sep, f);
	csv_field(f, tag, sep), fputc(sep, f);
	csv_field(f, r->note, sep), fputc(sep, f);
	csv_field(f, r->author, sep), fputc(sep, f);
	csv_field(f, r->created, sep), fputc(sep, f);
	csv_field(f, r->status, sep);
	fputs("\r\n", f);
}

/* Markdown rows are kept as "tag US title US date US quote US note US id
 * US links" records ended by RS (notes may hold newlines) and grouped when
 * all are in; the links are lines of "- kind: article N, title". */
static void md_collect(struct out_ctx *c, const struct store_annot_row *r, const char *tag)
{
	buf_printf(&c->md, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f", tag, r->title,
	           r->date ? r->date : "", r->quote, r->note ? r->note : "", r->id);
	struct store_annot_linked *l = NULL;
	size_t n = 0;
	if (store_annot_links(c->st, r->id, &l, &n) == 0)
		for (size_t i = 0; i < n; i++)
			buf_printf(&c->md, "- %s: article %lld, %s\n", l[i].kind, (long long)l[i].article,
			           l[i].title);
	store_annot_links_free(l, n);
	buf_putc(&c->md, '\x1e');
}

static int emit(void *vctx, const struct store_annot_row *r)
{
	struct out_ctx *c = vctx;
	if (!r->in_place) {
		c->misplaced++;
		cli_error("%s (article %lld): its quote is not at its place (%s); written without "
		          "a position", r->id, (long long)r->article, r->status);
	}
	switch (c->format) {
	case AF_PLAIN:
		fprintf(c->f, "%s  %lld:%lld-%lld  %-6s  [", r->id + 9, (long long)r->article,
		        (long long)r->start, (long long)r->end, r->status);
		cli_puts_safe(c->f, r->tags);
		fputs("]  ", c->f);
		cli_puts_safe(c->f, r->quote);
		fputc('\n', c->f);
		break;
	case AF_JSONL:
		fprintf(c->f, "%s\n", r->json);
		break;
	case AF_W3C:
		fprintf(c->f, "%s\n      %s", c->n ? "," : "", r->json);
		break;
	case AF_CSV:
	case AF_MARKDOWN: {
		/* One row per tag; an annotation without tags gets one row. */
		const char *p = r->tags && *r->tags ? r->tags : "";
		do {
			const char *e = strstr(p, ", ");
			char *tag = util_strndup(p, e ? (size_t)(e - p) : strlen(p));
			if (c->format == AF_CSV)
				csv_row(c->f, r, tag ? tag : "", c->sep);
			else
				md_collect(c, r, tag && *tag ? tag : "(no tag)");
			free(tag);
			p = e ? e + 2 : NULL;
		} while (p);
		break;
	}
	}
	c->n++;
	return ferror(c->f) ? 1 : 0;
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The Markdown report: by tag, then article, quotes and notes. */
static void md_write(struct out_ctx *c)
{
	fputs("# Annotations\n", c->f);
	size_t n = 0;
	for (char *p = c->md.data; p && *p; p++)
		n += *p == '\x1e';
	char **lines = calloc(n + 1, sizeof *lines);
	if (!lines)
		return;
	size_t k = 0;
	for (char *p = c->md.data, *e; p && (e = strchr(p, '\x1e')); p = e + 1) {
		*e = '\0';
		lines[k++] = p;
	}
	qsort(lines, k, sizeof *lines, cmp_line);
	const char *last_tag = "", *last_title = "";
	for (size_t i = 0; i < k; i++) {
		char *f[7] = { lines[i] };
		int j = 1;
		for (char *p = lines[i]; j < 7 && (p = strchr(p, '\x1f')); j++) {
			*p++ = '\0';
			f[j] = p;
		}
		if (j < 7)
			continue;
		if (strcmp(f[0], last_tag) != 0) {
			fprintf(c->f, "\n## %s\n", f[0]);
			last_title = "";
		}
		if (strcmp(f[1], last_title) != 0)
			fprintf(c->f, "\n### %s%s%s%s\n\n", f[1], *f[2] ? " (" : "", f[2], *f[2] ? ")" : "");
		fprintf(c->f, "> %s\n\n", f[3]);
		if (*f[4])
			fprintf(c->f, "%s\n\n", f[4]);
		if (*f[6])
			fprintf(c->f, "Linked:\n\n%s\n", f[6]);
		last_tag = f[0];
		last_title = f[1];
	}
	free(lines);
}

/* Open the output: standard output, or a new file made 0600 (an existing
 * file is replaced only with --force). */
static FILE *open_output(const struct annot_opts *o)
{
	if (!o->output || strcmp(o->output, "-") == 0)
		return stdout;
	int fd = open(o->output, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC |
	              (o->force ? O_TRUNC : O_EXCL), 0600);
	if (fd < 0) {
		cli_error(errno == EEXIST ? "%s: exists already; give --force to replace it"
		                          : "%s: %s", o->output, strerror(errno));
		return NULL;
	}
	FILE *f = fdopen(fd, "w");
	if (!f)
		close(fd);
	return f;
}

static int write_annotations(const struct cli_env *env, const struct annot_opts *o,
                             enum annot_format format)
{
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_READ, &st) < 0)
		return CLI_FAILED;
	FILE *f = open_output(o);
	if (!f) {
		store_close(&st);
		return CLI_FAILED;
	}
	struct out_ctx c = { .f = f, .format = format, .sep = o->separator ? o->separator : ',',
	                     .st = st };
	if (format == AF_W3C)
		fputs("{\n  \"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n"
		      "  \"type\": \"AnnotationCollection\",\n  \"label\": \"margo annotations\",\n"
		      "  \"first\": {\n    \"type\": \"AnnotationPage\",\n    \"items\": [", f);
	if (format == AF_CSV) {
		const char *h[] = { "id", "article", "title", "date", "start", "end", "quote", "tag",
		                    "note", "author", "created", "status" };
		for (int i = 0; i < 12; i++) {
			fputs(h[i], f);
			fputc(i < 11 ? c.sep : '\r', f);
		}
		fputc('\n', f);
	}
	int rc = store_annot_each(st, o->tag, o->article, emit, &c);
	if (format == AF_W3C)
		fprintf(f, "\n    ]\n  },\n  \"total\": %zu\n}\n", c.n);
	if (format == AF_MARKDOWN)
		md_write(&c);
	buf_free(&c.md);
	int status = CLI_OK;
	if (rc < 0) {
		cli_error("%s: %s", env->db_path, store_errmsg(st));
		status = CLI_FAILED;
	} else if (rc > 0 || (f != stdout ? fclose(f) : fflush(f)) != 0) {
		cli_error("%s: cannot write: %s", o->output ? o->output : "standard output",
		          strerror(errno));
		status = CLI_FAILED;
		f = stdout;
	} else if (c.misplaced) {
		status = CLI_PARTIAL;
	}
	if (rc != 0 && f != stdout)
		fclose(f);
	store_close(&st);
	return status;
}

static const char annotations_usage[] =
	"Usage: margo annotations [--db FILE] [--format plain|jsonl] [--tag T]\n"
	"                         [--article ID]\n"
	"List the annotations (sorted by id), of one tag (and its children: \"a\"\n"
	"also gives \"a/b\") or one article.  JSON Lines: one W3C Web Annotation a\n"
	"line, the form margo export and import use.\n";

int cli_annotations(const struct cli_env *env, int argc, char **argv)
{
	struct annot_opts o = { 0 };
	if (wants_help(argc, argv, annotations_usage))
		return CLI_OK;
	if (take_opts(&argc, argv, &o) < 0)
		return CLI_USAGE;
	if (argc > 1) {
		cli_error("annotations: unexpected argument \"%s\"", argv[1]);
		return CLI_USAGE;
	}
	enum annot_format fm = AF_PLAIN;
	if (o.format && strcmp(o.format, "jsonl") == 0)
		fm = AF_JSONL;
	else if (o.format && strcmp(o.format, "plain") != 0) {
		cli_error("annotations: unknown format \"%s\" (use plain or jsonl)", o.format);
		return CLI_USAGE;
	}
	return write_annotations(env, &o, fm);
}

static const char export_usage[] =
	"Usage: margo export [--db FILE] --format w3c|jsonl|csv|markdown [--tag T]\n"
	"                    [--article ID] [--separator ';'] [-o FILE [--force]]\n"
	"Write the annotations: W3C Web Annotation JSON-LD (a collection) or one\n"
	"annotation a line (JSONL, sorted by id), each target with a\n"
	"TextQuoteSelector and a TextPositionSelector in code points; CSV (RFC 4180,\n"
	"one row per annotation and tag); a Markdown report grouped by tag.  Every\n"
	"anchor is checked against the text; one that is not in its place is\n"
	"written without a position and reported (exit status 1).  -o writes a new\n"
	"file (0600); an existing one is replaced only with --force.\n";

int cli_export(const struct cli_env *env, int argc, char **argv)
{
	struct annot_opts o = { 0 };
	if (wants_help(argc, argv, export_usage))
		return CLI_OK;
	if (take_opts(&argc, argv, &o) < 0)
		return CLI_USAGE;
	static const struct { const char *name; enum annot_format f; } formats[] = {
		{ "w3c", AF_W3C }, { "jsonl", AF_JSONL }, { "csv", AF_CSV }, { "markdown", AF_MARKDOWN },
	};
	for (size_t i = 0; o.format && i < sizeof formats / sizeof *formats; i++)
		if (strcmp(o.format, formats[i].name) == 0)
			return argc > 1 ? (cli_error("export: unexpected argument \"%s\"", argv[1]), CLI_USAGE)
			                : write_annotations(env, &o, formats[i].f);
	cli_error("export: give --format w3c, jsonl, csv or markdown");
	return CLI_USAGE;
}

/* ---- import -------------------------------------------------------------------------- */

static const char import_usage[] =
	"Usage: margo import [--db FILE] FILE\n"
	"Merge annotations from margo's JSON Lines (margo export --format jsonl) by\n"
	"id: new ones are added, identical ones skipped, changed ones keep the\n"
	"newer version and record the other as a conflict.  Importing a file twice\n"
	"changes nothing.  Links between annotations are added once both ends are\n"
	"in the library, whatever their order in the file.\n";

int cli_import(const struct cli_env *env, int argc, char **argv)
{
	if (wants_help(argc, argv, import_usage))
		return CLI_OK;
	if (argc != 2) {
		cli_error("import: give one FILE; see \"margo import --help\"");
		return CLI_USAGE;
	}
	FILE *f = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "r");
	if (!f) {
		cli_error("%s: %s", argv[1], strerror(errno));
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_WRITE, &st) < 0) {
		if (f != stdin)
			fclose(f);
		return CLI_FAILED;
	}
	size_t count[5] = { 0 }, line_no = 0, n_linked = 0, links = 0, unplaced = 0;
	char **linked = NULL;  /* the lines with links: their targets may come later */
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int status = CLI_OK;
	while ((len = getline(&line, &cap, f)) >= 0) {
		line_no++;
		if (strspn(line, " \t\r\n") == (size_t)len)
			continue;
		enum store_import_result r;
		char *err = NULL;
		if (store_annot_import(st, line, (size_t)len, &r, &err) < 0) {
			cli_error("%s: %s", env->db_path, store_errmsg(st));
			status = CLI_FAILED;
			break;
		}
		if (r == STORE_IMPORT_SKIPPED) {
			cli_error("%s: line %zu: %s; skipped", argv[1], line_no, err ? err : "not usable");
			status = CLI_PARTIAL;
		}
		free(err);
		count[r]++;
		if (r != STORE_IMPORT_SKIPPED && strstr(line, "\"links\":[{")) {
			char **more = realloc(linked, (n_linked + 1) * sizeof *linked);
			if (!more || !(more[n_linked] = util_strdup(line))) {
				linked = more ? more : linked;
				cli_error("out of memory");
				status = CLI_FAILED;
				break;
			}
			linked = more;
			n_linked++;
		}
	}
	for (size_t i = 0; i < n_linked; i++) {
		if (status != CLI_FAILED &&
		    store_annot_import_links(st, linked[i], strlen(linked[i]), &links, &unplaced) < 0) {
			cli_error("%s: %s", env->db_path, store_errmsg(st));
			status = CLI_FAILED;
		}
		free(linked[i]);
	}
	free(linked);
	free(line);
	if (f != stdin)
		fclose(f);
	printf("%zu added, %zu unchanged, %zu updated, %zu conflicts, %zu skipped\n",
	       count[STORE_IMPORT_ADDED], count[STORE_IMPORT_SAME], count[STORE_IMPORT_UPDATED],
	       count[STORE_IMPORT_UPDATED] + count[STORE_IMPORT_CONFLICT], count[STORE_IMPORT_SKIPPED]);
	if (links)
		printf("%zu link%s added\n", links, links == 1 ? "" : "s");
	if (unplaced) {
		cli_error("%s: %zu link%s skipped: an end is not in this library, or the kind is "
		          "unknown", argv[1], unplaced, unplaced == 1 ? "" : "s");
		status = status == CLI_OK ? CLI_PARTIAL : status;
	}
	store_close(&st);
	return status;
}
