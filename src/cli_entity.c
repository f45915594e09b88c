/*
 * cli_entity.c: the entity commands.
 *
 *   margo tag        JSON Lines {"id","text"} in, {"id","entities":[...]}
 *                    out, offsets in code points into that text; for
 *                    measuring the extractor (tools/ner-score).
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "margo/entity.h"
#include "margo/lineread.h"
#include "margo/paths.h"
#include "margo/store_entity.h"
#include "margo/text.h"
#include "cli_impl.h"
#include "margo/i18n.h"

/* The extractor with margo's lexicons; warnings go to stderr once. */
struct entity_extractor *cli_load_extractor(void)
{
	char *dir = paths_data_dir(), *warn = NULL;
	struct entity_extractor *x = dir ? entity_extractor_load(dir, NULL, &warn) : NULL;
	free(dir);
	if (warn) {
		cli_error("%s", warn);
		free(warn);
	}
	if (!x)
		cli_error(_("out of memory"));
	return x;
}

/* The longest line tag reads (an article of a corpus is far shorter); a
 * longer line is skipped without being held in memory. */
#define TAG_MAX_LINE ((size_t)16 << 20)

static const char tag_usage[] =
	N_("Usage: margo tag [--all] < IN.jsonl > OUT.jsonl\n"
	"Read JSON Lines {\"id\",\"text\"} and write {\"id\",\"entities\":[{\"start\",\n"
	"\"end\",\"type\",\"text\"}]} with code-point offsets into each text (types\n"
	"PER, LOC, ORG, DATE).  A text that is not canonical (NFC, LF line ends,\n"
	"valid UTF-8) is canonicalised first and the offsets refer to that.\n"
	"--all also lists mentions derived from other words (demonyms).  A line\n"
	"longer than 16 MiB is skipped.\n");

/* The members of one line's object, in one walk of json_each(): the id as
 * JSON (a scalar or, minified, an object or array), and the text. */
static const char tag_sql[] =
	"SELECT key, type, CASE WHEN type IN ('object', 'array') THEN json(value)"
	" WHEN type IN ('true', 'false', 'null') THEN type ELSE json_quote(atom) END, atom"
	" FROM json_each(?1) WHERE key IN ('id', 'text')";

/* The id (malloc'd JSON, made UTF-8) and text (malloc'd, canonical: see
 * text_canonicalize(); its bytes in *tlen) of one line: 1, 0 when the
 * line is not an object with both, -1 when the library or memory fails. */
static int tag_fields(sqlite3_stmt *s, const char *line, size_t len, char **id, char **text,
                      size_t *tlen)
{
	*id = *text = NULL;
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, line, (int)len, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_type(s, 0) != SQLITE_TEXT)
			continue;  /* an element of an array: the line is not an object */
		const char *key = (const char *)sqlite3_column_text(s, 0);
		const char *type = (const char *)sqlite3_column_text(s, 1);
		if (!key || !type)
			break;
		if (strcmp(key, "id") == 0 && !*id && strcmp(type, "null") != 0) {
			const char *v = (const char *)sqlite3_column_text(s, 2);
			size_t n = (size_t)sqlite3_column_bytes(s, 2), bad;
			if (!v || !(*id = utf8_repair(v, n, &n, &bad)))
				break;
		} else if (strcmp(key, "text") == 0 && !*text && strcmp(type, "text") == 0) {
			/* Canonical text straight from SQLite's (one copy, not two). */
			const char *v = (const char *)sqlite3_column_text(s, 3);
			size_t n = (size_t)sqlite3_column_bytes(s, 3);
			if (!v || !(*text = text_canonicalize(v, n, tlen, NULL)))
				break;
		}
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE && *id && *text)
		return 1;
	free(*id);
	free(*text);
	*id = *text = NULL;
	/* SQLITE_ERROR from json_each() is malformed JSON; the rest (memory)
	 * stops the command. */
	return rc == SQLITE_DONE || rc == SQLITE_ERROR ? 0 : -1;
}

/* Tag one canonical text: its line of output into `out`; 0, or -1 out of
 * memory. */
static int tag_text(struct entity_extractor *x, const char *id, const char *text, size_t tlen,
                    bool all, struct buf *out)
{
	struct entity_mention *m = NULL;
	size_t n = 0;
	if (entity_extract(x, text, tlen, NULL, &m, &n) < 0)
		return -1;
	int rc = buf_printf(out, "{\"id\":%s,\"entities\":[", id);
	bool first = true;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (m[i].derived && !all)
			continue;
		if (buf_printf(out, "%s{\"start\":%zu,\"end\":%zu,\"type\":\"%s\",\"text\":\"",
		               first ? "" : ",", m[i].cp_start, m[i].cp_end,
		               entity_type_name(m[i].type)) < 0 ||
		    buf_json_string(out, text + m[i].start, m[i].end - m[i].start) < 0 ||
		    buf_puts(out, "\",\"norm\":\"") < 0 ||
		    buf_json_string(out, m[i].norm, strlen(m[i].norm)) < 0 || buf_puts(out, "\"}") < 0)
			rc = -1;
		first = false;
	}
	if (rc == 0 && buf_puts(out, "]}") < 0)
		rc = -1;
	entity_mentions_free(m, n);
	return rc;
}

int cli_tag(const struct cli_env *env, int argc, char **argv)
{
	(void)env;
	bool all = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(_(tag_usage), stdout);
			return CLI_OK;
		}
		if (strcmp(argv[i], "--all") == 0) {
			all = true;
			continue;
		}
		cli_error(_("tag: unexpected argument \"%s\"; see \"margo tag --help\""), argv[i]);
		return CLI_USAGE;
	}
	struct entity_extractor *x = cli_load_extractor();
	if (!x)
		return CLI_FAILED;
	sqlite3 *db;
	sqlite3_stmt *json = NULL;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, tag_sql, -1, &json, NULL) != SQLITE_OK) {
		cli_error(_("cannot start SQLite's JSON functions"));
		entity_extractor_free(&x);
		sqlite3_close(db);
		return CLI_FAILED;
	}
	int status = CLI_OK;
	struct line_reader r;
	struct buf out = { 0 };
	line_reader_init(&r, stdin, TAG_MAX_LINE);
	for (;;) {
		enum line_status ls = line_read(&r);
		if (ls == LINE_EOF)
			break;
		if (ls == LINE_LONG) {
			cli_error(_("tag: line %zu: longer than %zu MiB; skipped"), r.line_no,
			          TAG_MAX_LINE >> 20);
			status = CLI_PARTIAL;
			continue;
		}
		if (ls != LINE_OK) {
			if (ls == LINE_BINARY)
				cli_error(_("tag: line %zu: not text (NUL bytes, UTF-16, or mostly not "
				          "UTF-8); not JSON Lines"), r.line_no + 1);
			else if (ls == LINE_ERROR)
				cli_error(_("tag: cannot read the input: %s"), strerror(r.err));
			else
				cli_error(_("out of memory"));
			status = CLI_FAILED;
			break;
		}
		if (strspn(r.line, " \t\r") == r.len)
			continue;
		char *id, *text;
		size_t tlen = 0;
		/* SQLite would cut a string at "\u0000": U+FFFD instead, said. */
		size_t nuls = json_nul_escapes(r.line, r.len, r.line);
		int got = r.has_nul ? 0 : tag_fields(json, r.line, r.len, &id, &text, &tlen);
		if (got < 0) {
			cli_error(_("tag: line %zu: %s"), r.line_no, sqlite3_errmsg(db));
			status = CLI_FAILED;
			break;
		}
		if (got == 0) {
			cli_error(_("tag: line %zu: not a JSON object with \"id\" and \"text\"; skipped"),
			          r.line_no);
			status = CLI_PARTIAL;
			continue;
		}
		if (nuls) {
			cli_error(ngettext("tag: line %zu: %zu NUL character (\\u0000) read as U+FFFD",
			                   "tag: line %zu: %zu NUL characters (\\u0000) read as U+FFFD", nuls),
			          r.line_no, nuls);
			status = CLI_PARTIAL;
		}
		int rc = tag_text(x, id, text, tlen, all, &out);
		free(id);
		free(text);
		if (rc < 0) {
			cli_error(_("out of memory"));
			status = CLI_FAILED;
			break;
		}
		if (cli_flush_line(&out) < 0) {
			cli_error(_("tag: cannot write the output: %s"), strerror(errno));
			status = CLI_FAILED;
			break;
		}
	}
	line_reader_free(&r);
	buf_free(&out);
	sqlite3_finalize(json);
	sqlite3_close(db);
	entity_extractor_free(&x);
	return status;
}

/* ---- entities and mentions ---------------------------------------------- */

static const char entities_usage[] =
	N_("Usage: margo entities [--db FILE] [--format plain|jsonl] [--article ID]\n"
	"List the entities of the library (or of one article): people (PER),\n"
	"places (LOC), organisations (ORG) and dates (DATE), with how often they\n"
	"are mentioned and in how many articles.  JSON Lines: {\"id\",\"type\",\n"
	"\"name\",\"mentions\",\"articles\"} (and \"here\" with --article).\n"
	"A bare name kept apart because several people's full names fit it is\n"
	"marked \"(?)\" and followed by those people (JSON: \"ambiguous\":true and\n"
	"\"fits\", their names).\n");

/* How many of the people a bare name fits the plain listing names. */
#define FITS_SHOWN 5

/* After a bare name kept apart: the people it fits, in `b` (plain: "(?)
 * which of: A, B", JSON: the members "ambiguous" and "fits").  0, or -1
 * when the library fails. */
static int put_fits(struct store *st, const struct store_entity *e, bool json, struct buf *b)
{
	char **names;
	size_t n;
	if (!e->apart)
		return 0;
	if (store_entity_fits(st, e->id, &names, &n) < 0)
		return -1;
	if (json) {
		buf_puts(b, ",\"ambiguous\":true,\"fits\":[");
		for (size_t i = 0; i < n; i++) {
			buf_puts(b, i ? ",\"" : "\"");
			buf_json_string(b, names[i], strlen(names[i]));
			buf_putc(b, '"');
		}
		buf_putc(b, ']');
	} else {
		/* TRANSLATORS: after a bare name ("Berlusconi") that several
		 * people's full names fit; the list of them follows. */
		buf_puts(b, n ? _(" (?) which of: ") : " (?)");
		for (size_t i = 0; i < n && i < FITS_SHOWN; i++)
			buf_printf(b, "%s%s", i ? ", " : "", names[i]);
		if (n > FITS_SHOWN)
			buf_printf(b, ngettext(" and %zu more", " and %zu more", n - FITS_SHOWN),
			           n - FITS_SHOWN);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return 0;
}

int cli_entities(const struct cli_env *env, int argc, char **argv)
{
	int64_t article = 0;
	/* --article ID is ours; the rest is the common options. */
	int k = 1;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--article") == 0 || strncmp(argv[i], "--article=", 10) == 0) {
			const char *v = argv[i][9] == '=' ? argv[i] + 10 : (i + 1 < argc ? argv[++i] : "");
			if (util_parse_id(v, &article) < 0 || article == 0) {
				cli_error(_("entities: --article needs an article ID (a number from \"margo list\")"));
				return CLI_USAGE;
			}
		} else {
			argv[k++] = argv[i];
		}
	}
	argc = k;
	struct sub_opts o;
	int first = cli_parse_sub(argc, argv, entities_usage, &o);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	if (first < argc) {
		cli_error(_("entities: unexpected argument \"%s\""), argv[first]);
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_READ, &st) < 0)
		return CLI_FAILED;
	struct store_entity *e;
	size_t n;
	int status = CLI_OK;
	if (store_entities_of(st, article, &e, &n) < 0) {
		cli_error("%s: %s", env->db_path, store_errmsg(st));
		store_close(&st);
		return CLI_FAILED;
	}
	int type_width = 0;
	for (int t = 0; t < ENTITY_TYPES; t++) {
		const char *shown = entity_type_shown((enum entity_type)t);
		int tw = text_width(shown, strlen(shown));
		if (tw > type_width)
			type_width = tw;
	}
	struct buf b = { 0 };
	for (size_t i = 0; i < n && status == CLI_OK; i++) {
		if (o.format == FORMAT_JSONL) {
			buf_printf(&b, "{\"id\":%lld,\"type\":\"%s\",", (long long)e[i].id,
			           entity_type_name(e[i].type));
			cli_json_field(&b, "name", e[i].name, 1);
			if (article)
				buf_printf(&b, ",\"here\":%lld", (long long)e[i].here);
			buf_printf(&b, ",\"mentions\":%lld,\"articles\":%lld", (long long)e[i].mentions,
			           (long long)e[i].articles);
			if (put_fits(st, &e[i], true, &b) < 0) {
				cli_error("%s: %s", env->db_path, store_errmsg(st));
				status = CLI_FAILED;
				break;
			}
			buf_putc(&b, '}');
			if (cli_flush_line(&b) < 0)
				status = CLI_FAILED;
		} else {
			/* The type in the reader's language, padded to the
			 * widest of the types in display columns. */
			const char *type = entity_type_shown(e[i].type);
			int pad = type_width - text_width(type, strlen(type));
			printf("%5lld  %s%*s ", (long long)e[i].id, type, pad > 0 ? pad : 0, "");
			if (article)
				printf("%4lld ", (long long)e[i].here);
			printf("%6lld %5lld  ", (long long)e[i].mentions, (long long)e[i].articles);
			cli_puts_safe(stdout, e[i].name);
			b.len = 0;
			if (put_fits(st, &e[i], false, &b) < 0) {
				fputc('\n', stdout);
				cli_error("%s: %s", env->db_path, store_errmsg(st));
				status = CLI_FAILED;
				break;
			}
			if (b.len) {
				buf_putc(&b, '\0');
				cli_puts_safe(stdout, b.data);
			}
			fputc('\n', stdout);
		}
	}
	buf_free(&b);
	store_entities_free(e, n);
	store_close(&st);
	return status;
}

static const char mentions_usage[] =
	N_("Usage: margo mentions [--db FILE] [--format plain|jsonl] ENTITY\n"
	"Every mention of an entity (an id from \"margo entities\", or a name),\n"
	"by date, in context.  JSON Lines: {\"entity\",\"article\",\"paragraph\",\n"
	"\"start\",\"end\",\"text\",\"left\",\"right\",\"title\",\"date\"}, offsets in\n"
	"code points into the article's text.\n");

int cli_mentions(const struct cli_env *env, int argc, char **argv)
{
	struct sub_opts o;
	int first = cli_parse_sub(argc, argv, mentions_usage, &o);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	if (first != argc - 1) {
		cli_error(_("mentions: give one ENTITY (an id or a name from \"margo entities\")"));
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_READ, &st) < 0)
		return CLI_FAILED;
	int64_t id = 0;
	int found = store_entity_find(st, argv[first], &id);
	int status = CLI_OK;
	struct store_mention *m = NULL;
	size_t n = 0;
	if (found < 0 || (found == 1 && store_entity_mentions(st, id, 40, &m, &n) < 0)) {
		cli_error("%s: %s", env->db_path, store_errmsg(st));
		status = CLI_FAILED;
	} else if (found == 0) {
		cli_error(_("mentions: no entity \"%s\""), argv[first]);
		status = CLI_USAGE;
	} else if (found == 2) {
		cli_error(_("mentions: \"%s\" names more than one entity; give its id"), argv[first]);
		status = CLI_USAGE;
	}
	struct buf b = { 0 };
	for (size_t i = 0; i < n && status == CLI_OK; i++) {
		if (o.format == FORMAT_JSONL) {
			buf_printf(&b, "{\"entity\":%lld,\"article\":%lld,\"paragraph\":%d,"
			           "\"start\":%zu,\"end\":%zu,", (long long)m[i].entity,
			           (long long)m[i].article, m[i].para + 1, m[i].cp_start, m[i].cp_end);
			cli_json_field(&b, "text", m[i].text, 1);
			cli_json_field(&b, "left", m[i].left, 0);
			cli_json_field(&b, "right", m[i].right, 0);
			cli_json_field(&b, "title", m[i].title, 0);
			cli_json_field(&b, "date", m[i].date, 0);
			buf_putc(&b, '}');
			if (cli_flush_line(&b) < 0)
				status = CLI_FAILED;
		} else {
			printf("%-10s %4lld:%-3d ", m[i].date ? m[i].date : "-",
			       (long long)m[i].article, m[i].para + 1);
			cli_puts_safe(stdout, m[i].left);
			fputs(" [", stdout);
			cli_puts_safe(stdout, m[i].text);
			fputs("] ", stdout);
			cli_puts_safe(stdout, m[i].right);
			fputc('\n', stdout);
		}
	}
	buf_free(&b);
	store_mentions_free(m, n);
	store_close(&st);
	return status;
}
