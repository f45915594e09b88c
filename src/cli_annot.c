/*
 * cli_annot.c: annotations from the shell.
 *
 *   margo annotate ARTICLE START END [--tag T,U] [--note TEXT] [--author A]
 *   margo annotations [--format plain|jsonl] [--tag T] [--article ID]
 *   margo export --format w3c|jsonl|csv|markdown [--tag T] [--article ID]
 *                [--separator ';'] [--raw] [-o FILE [--force]]
 *   margo import FILE
 *   margo retag ID TAGS / margo unlink ID ID
 *
 * JSON is the W3C Web Annotation model, built by SQLite; exports check
 * every anchor against the text and say which ones they could not place.
 * The listings and exports themselves are written by cli_export.c.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "margo/lineread.h"
#include "margo/store_annot.h"
#include "margo/text.h"
#include "cli_export.h"
#include "cli_impl.h"
#include "margo/i18n.h"

/* Take the known "--name VALUE" options out of argv; the rest stays. */
static int take_opts(int *argc, char **argv, struct annot_opts *o)
{
	int k = 1;
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		const char **slot = strcmp(a, "--tag") == 0 ? &o->tag
		                  : strcmp(a, "--note") == 0 ? &o->note
		                  : strcmp(a, "--author") == 0 ? &o->author
		                  : strcmp(a, "--coder") == 0 ? &o->coder
		                  : strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 ? &o->output
		                  : strcmp(a, "--format") == 0 ? &o->format : NULL;
		if (slot || strcmp(a, "--article") == 0 || strcmp(a, "--separator") == 0) {
			if (i + 1 >= *argc) {
				cli_error(_("%s needs a value"), a);
				return -1;
			}
			const char *v = argv[++i];
			if (slot) {
				*slot = v;
			} else if (strcmp(a, "--article") == 0) {
				if (util_parse_id(v, &o->article) < 0 || o->article == 0) {
					cli_error(_("--article needs an article ID (a number from \"margo list\")"));
					return -1;
				}
			} else if (strlen(v) != 1 || (v[0] != ',' && v[0] != ';' && v[0] != '\t')) {
				cli_error(_("--separator is one of , ; or a tab"));
				return -1;
			} else {
				o->separator = v[0];
			}
		} else if (strcmp(a, "--force") == 0) {
			o->force = true;
		} else if (strcmp(a, "--raw") == 0) {
			o->raw = true;
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
			fputs(_(usage), stdout);
			return true;
		}
	return false;
}

/* ---- annotate ---------------------------------------------------------------------- */

static const char annotate_usage[] =
	N_("Usage: margo annotate [--db FILE] ARTICLE START END [--tag T,U] [--note TEXT]\n"
	"                      [--as NAME]\n"
	"Annotate characters START to END (code points, end excluded) of ARTICLE\n"
	"with tags (comma-separated; \"a/b\" makes a hierarchy) and a note.  Prints\n"
	"the new annotation's id.  Its coder (and author) is NAME, else the\n"
	"configuration's \"set user\", else the login name; --author NAME is the\n"
	"older spelling of --as NAME.\n");

/* Argument or variable `v` (named `what` in messages, `hint` after) as
 * UTF-8 in *out (malloc'd; NULL when `v` is NULL): 0, or -1 after saying
 * why not. */
static int user_text(const char *cmd, const char *what, const char *v, const char *hint,
                     char **out)
{
	*out = NULL;
	if (!v)
		return 0;
	const char *cs = text_user_charset();
	int rc = text_from_user(v, strlen(v), cs, out);
	if (rc == -2)
		cli_error(_("%s: out of memory"), cmd);
	else if (rc < 0 && text_charset_is_utf8(cs))
		cli_error(*hint ? _("%s: %s is not valid UTF-8; nothing was saved (give --author NAME)")
		                : _("%s: %s is not valid UTF-8; nothing was saved"), cmd, what);
	else if (rc < 0)
		cli_error(*hint ? _("%s: %s is not valid %s text (the locale's charset); nothing was saved (give --author NAME)")
		                : _("%s: %s is not valid %s text (the locale's charset); nothing was saved"),
		          cmd, what, cs);
	return rc < 0 ? -1 : 0;
}

int cli_user_text(const char *cmd, const char *what, const char *v, char **out)
{
	return user_text(cmd, what, v, "", out);
}

/* The --tag of a listing as a tag path (levels trimmed, in *keep, which
 * o->tag then points to); -1 after saying why. */
static int tag_filter(const char *cmd, struct annot_opts *o, char **keep)
{
	char *err = NULL;
	*keep = NULL;
	if (!o->tag)
		return 0;
	int rc = store_tag_path(o->tag, strlen(o->tag), keep, &err);
	if (rc != 0) {
		cli_error("%s: --tag: %s", cmd, rc == 1 ? _("a tag needs a name") : err ? err : _("out of memory"));
		free(err);
		return -1;
	}
	o->tag = *keep;
	return 0;
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
		cli_error(_("annotate: give ARTICLE START END; see \"margo annotate --help\""));
		return CLI_USAGE;
	}
	/* What is saved is UTF-8, so that every export reads elsewhere. */
	char *tag = NULL, *note = NULL, *author = NULL;
	if (user_text("annotate", "--tag", o.tag, "", &tag) < 0 || user_text("annotate", "--note", o.note, "", &note) < 0 ||
	    user_text("annotate", "--author", o.author, "", &author) < 0) {
		free(tag);
		free(note);
		return CLI_USAGE;
	}
	if (author && !store_coder_name_ok(author)) {
		cli_error(_("annotate: --author: \"%s\" is not a name (1 to 100 characters, none of "
		            "them a control character)"), author);
		free(tag);
		free(note);
		free(author);
		return CLI_USAGE;
	}
	/* --author is the coder, unless --as names another. */
	struct cli_env as_author = *env;
	if (author && !env->coder_named)
		as_author.coder = author;
	struct store *st;
	if (cli_open_library(&as_author, STORE_OPEN_WRITE, &st) < 0) {
		free(tag);
		free(note);
		free(author);
		return CLI_FAILED;
	}
	char *id = NULL, *err = NULL;
	int status = CLI_OK;
	int rc = store_annot_create(st, article, (size_t)start, (size_t)end, tag, note,
	                            author ? author : store_coder(st), &id, &err);
	free(tag);
	free(note);
	free(author);
	if (rc < 0) {
		cli_error(_("annotate: %s"), err ? err : _("out of memory"));
		status = rc == -2 ? CLI_USAGE : CLI_FAILED;
	} else {
		printf("%s\n", id);
	}
	free(id);
	free(err);
	store_close(&st);
	return status;
}

/* ---- listing and exporting (written by cli_export.c) ------------------------------ */

static const char annotations_usage[] =
	N_("Usage: margo annotations [--db FILE] [--format plain|jsonl] [--tag T]\n"
	"                         [--article ID] [--coder NAME]\n"
	"List the annotations (sorted by id), of one tag (and its children: \"a\"\n"
	"also gives \"a/b\"), one article or one coder (\"unknown\": those made\n"
	"before coders were kept).  JSON Lines: one W3C Web Annotation a line, the\n"
	"form margo export and import use; its coder is \"creator\" and\n"
	"\"margo\": {\"coder\"} (null: unknown).\n");

int cli_annotations(const struct cli_env *env, int argc, char **argv)
{
	struct annot_opts o = { 0 };
	if (wants_help(argc, argv, annotations_usage))
		return CLI_OK;
	if (take_opts(&argc, argv, &o) < 0)
		return CLI_USAGE;
	if (argc > 1) {
		cli_error(_("annotations: unexpected argument \"%s\""), argv[1]);
		return CLI_USAGE;
	}
	enum annot_format fm = AF_PLAIN;
	if (o.format && strcmp(o.format, "jsonl") == 0)
		fm = AF_JSONL;
	else if (o.format && strcmp(o.format, "plain") != 0) {
		cli_error(_("annotations: unknown format \"%s\" (use plain or jsonl)"), o.format);
		return CLI_USAGE;
	}
	char *tag;
	if (tag_filter("annotations", &o, &tag) < 0)
		return CLI_USAGE;
	int status = cli_write_annotations(env, &o, fm);
	free(tag);
	return status;
}

static const char export_usage[] =
	N_("Usage: margo export [--db FILE] --format w3c|jsonl|csv|markdown [--tag T]\n"
	"                    [--article ID] [--separator ';'] [--raw]\n"
	"                    [-o FILE [--force]]\n"
	"Write the annotations: W3C Web Annotation JSON-LD (a collection) or one\n"
	"annotation a line (JSONL, sorted by id), each target with a\n"
	"TextQuoteSelector and a TextPositionSelector in code points; CSV (RFC 4180,\n"
	"one row per annotation and tag); a Markdown report grouped by tag.  Every\n"
	"anchor is checked against the text; one that is not in its place is\n"
	"written without a position and reported (exit status 1).\n"
	"A CSV field starting with = + - @, a tab or a carriage return, which a\n"
	"spreadsheet could run as a formula, is written with a ' before it; --raw\n"
	"writes such fields as they are.  To a terminal, CSV and Markdown show\n"
	"control and bidi characters as the other commands do.\n"
	"-o writes a file (0600) through a temporary file beside it, so a failed\n"
	"export leaves what was there; an existing file is replaced only with\n"
	"--force.\n");

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
	char *tag;
	for (size_t i = 0; o.format && i < sizeof formats / sizeof *formats; i++)
		if (strcmp(o.format, formats[i].name) == 0) {
			if (argc > 1) {
				cli_error(_("export: unexpected argument \"%s\""), argv[1]);
				return CLI_USAGE;
			}
			if (tag_filter("export", &o, &tag) < 0)
				return CLI_USAGE;
			int status = cli_write_annotations(env, &o, formats[i].f);
			free(tag);
			return status;
		}
	cli_error(_("export: give --format w3c, jsonl, csv or markdown"));
	return CLI_USAGE;
}

/* ---- import -------------------------------------------------------------------------- */

/* The longest line import reads: an annotation is a quote and a note, far
 * shorter; a longer line is skipped without being held in memory. */
#define IMPORT_MAX_LINE ((size_t)16 << 20)

static const char import_usage[] =
	N_("Usage: margo import [--db FILE] [--as NAME] FILE\n"
	"Merge annotations by id from margo's JSON Lines (margo export --format\n"
	"jsonl), or from one JSON text: W3C JSON as margo export --format w3c\n"
	"writes it (an AnnotationCollection), an AnnotationPage, an array of\n"
	"annotations or one annotation (it says which it read): new\n"
	"ones are added, identical ones skipped, changed ones keep the\n"
	"newer version and record the other as a conflict.  Importing a file twice\n"
	"changes nothing.  Links between annotations are added once both ends are\n"
	"in the library, whatever their order in the file.  An id that is not a\n"
	"UUID URN is replaced by a new one (the file's links follow it); a line\n"
	"longer than 16 MiB is skipped.\n");

/* The largest JSON document import reads whole (W3C JSON written by
 * margo export --format w3c, an array, one annotation); JSON Lines are
 * read a line at a time, whatever their size. */
#define IMPORT_MAX_DOCUMENT ((size_t)256 << 20)

struct import_run {
	struct store *st;
	struct store_import *imp;
	const char *name;
	const char *unit;      /* "line" or "item" */
	size_t *count;
	int status;
};

/* Merge one annotation, saying why when it is skipped; 0, or -1 when the
 * library fails (the import stops). */
static int import_one(void *vrun, size_t no, const char *json, size_t len)
{
	struct import_run *run = vrun;
	enum store_import_result res;
	char *err = NULL, *warn = NULL;
	if (store_import_line(run->imp, no, json, len, &res, &err, &warn) < 0) {
		cli_error("%s: %s", run->name, store_errmsg(run->st));
		run->status = CLI_FAILED;
		return -1;
	}
	if (res == STORE_IMPORT_SKIPPED) {
		cli_error(_("%s: %s %zu: %s; skipped"), run->name, run->unit, no, err ? err : _("not usable"));
		run->status = CLI_PARTIAL;
	} else if (warn) {
		cli_error("%s: %s %zu: %s", run->name, run->unit, no, warn);
		run->status = CLI_PARTIAL;
	}
	free(err);
	free(warn);
	run->count[res]++;
	return 0;
}

/* Whether the lines of `doc` after its first hold annotations of their
 * own (JSON Lines whose first line is broken), not parts of one JSON text. */
static bool lines_of_their_own(struct import_run *run, const char *doc, size_t len)
{
	const char *p = memchr(doc, '\n', len);
	while (p && p < doc + len) {
		const char *line = p + 1, *e = memchr(line, '\n', (size_t)(doc + len - line));
		size_t n = e ? (size_t)(e - line) : (size_t)(doc + len - line);
		enum store_import_form form;
		if (n > strspn(line, " \t\r") && store_import_form(run->st, line, n, &form) == 0)
			return form == STORE_IMPORT_ONE;
		p = e;
	}
	return false;
}

/* A JSON document read whole: its annotations, one by one; or, when it is
 * not one JSON text but lines of their own, each line. */
static void import_document(struct import_run *run, char *doc, size_t len)
{
	size_t fixed_len = 0, repaired = 0;
	char *fixed = NULL;
	if (!utf8_clean(doc, len)) {
		if (!(fixed = utf8_repair(doc, len, &fixed_len, &repaired))) {
			cli_error(_("out of memory"));
			run->status = CLI_FAILED;
			return;
		}
		doc = fixed;
		len = fixed_len;
	}
	repaired += json_nul_escapes(doc, len, doc);
	enum store_import_form form;
	if (store_import_form(run->st, doc, len, &form) < 0) {
		cli_error("%s: %s", run->name, store_errmsg(run->st));
		run->status = CLI_FAILED;
	} else if (form == STORE_IMPORT_NOT_JSON && lines_of_their_own(run, doc, len)) {
		for (size_t no = 1; len && run->status != CLI_FAILED; no++) {
			char *e = memchr(doc, '\n', len);
			size_t n = e ? (size_t)(e - doc) : len;
			if (n > strspn(doc, " \t\r") && import_one(run, no, doc, n) < 0)
				break;
			len -= e ? n + 1 : n;
			doc = e ? e + 1 : doc + n;
		}
	} else if (form == STORE_IMPORT_NOT_JSON) {
		cli_error(_("%s: neither JSON Lines (one annotation a line, as margo export --format "
		          "jsonl writes) nor one JSON text (W3C JSON, as margo export --format w3c "
		          "writes): not valid JSON; nothing imported"), run->name);
		run->status = CLI_FAILED;
	} else {
		if (repaired) {
			cli_error(ngettext("%s: %zu character that was not valid UTF-8 (a stray byte or a NUL) "
			                   "replaced with U+FFFD",
			                   "%s: %zu characters that were not valid UTF-8 (a stray byte or a NUL) "
			                   "replaced with U+FFFD", repaired), run->name, repaired);
			run->status = CLI_PARTIAL;
		}
		run->unit = "item";
		if (store_import_items(run->st, doc, len, form, import_one, run) < 0 &&
		    run->status != CLI_FAILED) {
			cli_error("%s: %s", run->name, store_errmsg(run->st));
			run->status = CLI_FAILED;
		}
		size_t n = 0;
		for (int i = 0; i < 5; i++)
			n += run->count[i];
		if (form == STORE_IMPORT_ONE)
			printf(_("%s: read one annotation\n"), run->name);
		else if (form == STORE_IMPORT_ARRAY)
			printf(ngettext("%s: read a JSON array of %zu annotation\n",
			                "%s: read a JSON array of %zu annotations\n", n), run->name, n);
		else if (form == STORE_IMPORT_PAGE)
			printf(ngettext("%s: read a W3C AnnotationPage of %zu annotation\n",
			                "%s: read a W3C AnnotationPage of %zu annotations\n", n), run->name, n);
		else
			printf(ngettext("%s: read a W3C AnnotationCollection of %zu annotation\n",
			                "%s: read a W3C AnnotationCollection of %zu annotations\n", n),
			       run->name, n);
	}
	free(fixed);
}

/* Read and merge every annotation of `f`: JSON Lines, a line at a time,
 * or, when its first line is not a whole annotation but opens a JSON
 * text (an array, an AnnotationPage or AnnotationCollection, an object
 * written over several lines), the whole of it.  The counts in count[];
 * CLI_OK, CLI_PARTIAL or CLI_FAILED. */
static int import_lines(struct store *st, struct store_import *imp, FILE *f, const char *name,
                        size_t count[5])
{
	struct line_reader r;
	struct import_run run = { .st = st, .imp = imp, .name = name, .unit = "line",
	                          .count = count, .status = CLI_OK };
	struct buf doc = { 0 };
	bool first = true, whole = false;
	line_reader_init(&r, f, IMPORT_MAX_LINE);
	for (;;) {
		enum line_status ls = line_read(&r);
		if (ls == LINE_EOF)
			break;
		if (ls == LINE_LONG) {
			cli_error(_("%s: line %zu: longer than %zu MiB; skipped"), name, r.line_no,
			          IMPORT_MAX_LINE >> 20);
			if (whole) {
				cli_error(_("%s: a JSON text with a line cut out cannot be read; nothing "
				          "imported"), name);
				run.status = CLI_FAILED;
				break;
			}
			count[STORE_IMPORT_SKIPPED]++;
			run.status = CLI_PARTIAL;
			continue;
		}
		if (ls != LINE_OK) {
			if (ls == LINE_BINARY)
				cli_error(_("%s: line %zu: not text (NUL bytes, UTF-16, or mostly not "
				          "UTF-8); not a file of JSON Lines"), name, r.line_no + 1);
			else if (ls == LINE_ERROR)
				cli_error("%s: %s", name, strerror(r.err));
			else
				cli_error(_("out of memory"));
			run.status = CLI_FAILED;
			break;
		}
		if (whole) {
			if (doc.len + r.len + 1 > IMPORT_MAX_DOCUMENT) {
				cli_error(_("%s: a JSON text larger than %zu MiB; give it as JSON Lines (one "
				          "annotation a line); nothing imported"), name,
				          IMPORT_MAX_DOCUMENT >> 20);
				run.status = CLI_FAILED;
				break;
			}
			if (buf_append(&doc, r.line, r.len) < 0 || buf_putc(&doc, '\n') < 0) {
				cli_error(_("out of memory"));
				run.status = CLI_FAILED;
				break;
			}
			continue;
		}
		size_t blank = strspn(r.line, " \t\r");
		if (blank == r.len)
			continue;
		if (first) {
			first = false;
			/* Its form, read as the line itself will be: repaired. */
			enum store_import_form form = STORE_IMPORT_NOT_JSON;
			size_t flen = r.len, nfixed;
			char *fixed = utf8_clean(r.line, r.len) ? NULL
			            : utf8_repair(r.line, r.len, &flen, &nfixed);
			int rc = utf8_clean(r.line, r.len) || fixed
			       ? store_import_form(st, fixed ? fixed : r.line, flen, &form) : -2;
			free(fixed);
			if (rc < 0) {
				cli_error("%s: %s", name, rc == -2 ? "out of memory" : store_errmsg(st));
				run.status = CLI_FAILED;
				break;
			}
			bool opens = r.line[blank] == '{' || r.line[blank] == '[';
			if (form != STORE_IMPORT_ONE && (form != STORE_IMPORT_NOT_JSON || opens)) {
				whole = true;
				if (buf_append(&doc, r.line, r.len) < 0 || buf_putc(&doc, '\n') < 0) {
					cli_error(_("out of memory"));
					run.status = CLI_FAILED;
					break;
				}
				continue;
			}
		}
		if (import_one(&run, r.line_no, r.line, r.len) < 0)
			break;
	}
	line_reader_free(&r);
	if (whole && run.status != CLI_FAILED)
		import_document(&run, doc.data, doc.len);
	buf_free(&doc);
	return run.status;
}

int cli_import(const struct cli_env *env, int argc, char **argv)
{
	if (wants_help(argc, argv, import_usage))
		return CLI_OK;
	if (argc != 2) {
		cli_error(_("import: give one FILE; see \"margo import --help\""));
		return CLI_USAGE;
	}
	FILE *f = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "r");
	if (!f) {
		cli_error("%s: %s", argv[1], strerror(errno));
		return CLI_USAGE;
	}
	struct store *st;
	struct store_import *imp = NULL;
	if (cli_open_library(env, STORE_OPEN_WRITE, &st) < 0) {
		if (f != stdin)
			fclose(f);
		return CLI_FAILED;
	}
	if (store_import_open(st, &imp) < 0) {
		cli_error("%s: %s", env->db_path, store_errmsg(st));
		store_close(&st);
		if (f != stdin)
			fclose(f);
		return CLI_FAILED;
	}
	size_t count[5] = { 0 }, links = 0, unplaced = 0, first = 0;
	int status = import_lines(st, imp, f, argv[1], count);
	if (f != stdin)
		fclose(f);
	/* The links, once every annotation of the file is in (also after a
	 * failure: the annotations taken are in the library). */
	if (store_import_links(imp, &links, &unplaced) < 0) {
		cli_error("%s: %s", env->db_path, store_errmsg(st));
		status = CLI_FAILED;
	}
	size_t renamed = store_import_renamed(imp, &first);
	printf(_("%zu added, %zu unchanged, %zu updated, %zu conflicts, %zu skipped\n"),
	       count[STORE_IMPORT_ADDED], count[STORE_IMPORT_SAME], count[STORE_IMPORT_UPDATED],
	       count[STORE_IMPORT_UPDATED] + count[STORE_IMPORT_CONFLICT], count[STORE_IMPORT_SKIPPED]);
	if (links)
		printf(ngettext("%zu link added\n", "%zu links added\n", links), links);
	if (renamed) {
		cli_error(ngettext("%s: %zu annotation had an id that is not a UUID URN (the first on "
		                   "line %zu) and was given a new one; the file's links follow it",
		                   "%s: %zu annotations had an id that is not a UUID URN (the first on "
		                   "line %zu) and were given a new one; the file's links follow it", renamed),
		          argv[1], renamed, first);
		status = status == CLI_OK ? CLI_PARTIAL : status;
	}
	if (unplaced) {
		cli_error(ngettext("%s: %zu link skipped: an end is not in this library, or the kind is "
		                   "unknown",
		                   "%s: %zu links skipped: an end is not in this library, or the kind is "
		                   "unknown", unplaced), argv[1], unplaced);
		status = status == CLI_OK ? CLI_PARTIAL : status;
	}
	store_import_close(&imp);
	store_close(&st);
	return status;
}

/* ---- retag and unlink --------------------------------------------------------------- */

static const char retag_usage[] =
	N_("Usage: margo retag [--db FILE] [--as NAME] ID TAGS\n"
	"Give the annotation ID (as \"margo annotations\" shows it; \"urn:uuid:\" may\n"
	"be left out) exactly the tags TAGS (comma-separated; \"\" removes them all,\n"
	"the annotation stays).  One change: \"margo undo\" gives the old tags back.\n");

static const char unlink_usage[] =
	N_("Usage: margo unlink [--db FILE] [--as NAME] ID ID\n"
	"Remove the link between two annotations (either may be the end it was\n"
	"made from; \"urn:uuid:\" may be left out).  A bare link end no other link\n"
	"uses goes with it.  One change: \"margo undo\" brings the link back.\n");

/* An annotation id as the library writes it, "urn:uuid:" added when it
 * was left out (malloc'd). */
static char *full_id(const char *ref)
{
	return strncmp(ref, "urn:", 4) == 0 ? util_strdup(ref) : util_printf("urn:uuid:%s", ref);
}

/* Run one change on two arguments: retag (ID, TAGS) or unlink (ID, ID). */
static int edit(const struct cli_env *env, int argc, char **argv, bool retag)
{
	const char *cmd = retag ? "retag" : "unlink";
	if (wants_help(argc, argv, retag ? retag_usage : unlink_usage))
		return CLI_OK;
	if (argc != 3) {
		cli_error(_("%s: give %s; see \"margo %s --help\""), cmd, retag ? "ID TAGS" : "ID ID", cmd);
		return CLI_USAGE;
	}
	char *a = full_id(argv[1]), *b = NULL;
	if (!a || (retag ? user_text(cmd, "TAGS", argv[2], "", &b) < 0 : !(b = full_id(argv[2])))) {
		free(a);
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_WRITE, &st) < 0) {
		free(a);
		free(b);
		return CLI_FAILED;
	}
	char *err = NULL;
	int rc = retag ? store_annot_retag(st, a, b, &err) : store_annot_unlink(st, a, b, &err);
	int status = CLI_OK;
	if (rc < 0) {
		if (rc == -2)
			cli_error("%s: %s", cmd, err ? err : _("out of memory"));
		else
			cli_error(_("%s: %s; nothing was changed"), cmd, err ? err : _("out of memory"));
		status = rc == -2 ? CLI_PARTIAL : CLI_FAILED;
	} else if (retag) {
		/* TRANSLATORS: an annotation's id, then its tags. */
		char *line = util_printf(_("tags of %s: %s"), a, *b ? b : _("(none)"));
		cli_puts_safe(stdout, line ? line : _("out of memory"));
		putchar('\n');
		free(line);
	} else {
		char *line = util_printf(_("unlinked %s and %s"), a, b);
		cli_puts_safe(stdout, line ? line : _("out of memory"));
		putchar('\n');
		free(line);
	}
	free(err);
	free(a);
	free(b);
	store_close(&st);
	return status;
}

int cli_retag(const struct cli_env *env, int argc, char **argv)
{
	return edit(env, argc, argv, true);
}

int cli_unlink(const struct cli_env *env, int argc, char **argv)
{
	return edit(env, argc, argv, false);
}
