/*
 * cli_entity.c: the entity commands.
 *
 *   margo tag        JSON Lines {"id","text"} in, {"id","entities":[...]}
 *                    out, offsets in code points into that text; for
 *                    measuring the extractor (tools/ner-score).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/entity.h"
#include "margo/paths.h"
#include "margo/store_entity.h"
#include "margo/text.h"
#include "cli_impl.h"

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
		cli_error("out of memory");
	return x;
}

/* Whether `len` bytes are well-formed UTF-8 with no NUL. */
static bool valid_utf8(const char *s, size_t len)
{
	size_t n;
	char *c = text_canonicalize(s, len, &n, NULL);
	bool same = c && n == len && memcmp(c, s, len) == 0;
	free(c);
	return same;
}

static const char tag_usage[] =
	"Usage: margo tag [--all] < IN.jsonl > OUT.jsonl\n"
	"Read JSON Lines {\"id\",\"text\"} and write {\"id\",\"entities\":[{\"start\",\n"
	"\"end\",\"type\",\"text\"}]} with code-point offsets into each text (types\n"
	"PER, LOC, ORG, DATE).  A text that is not canonical (NFC, LF line ends,\n"
	"valid UTF-8) is canonicalised first and the offsets refer to that.\n"
	"--all also lists mentions derived from other words (demonyms).\n";

int cli_tag(const struct cli_env *env, int argc, char **argv)
{
	(void)env;
	bool all = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(tag_usage, stdout);
			return CLI_OK;
		}
		if (strcmp(argv[i], "--all") == 0) {
			all = true;
			continue;
		}
		cli_error("tag: unexpected argument \"%s\"; see \"margo tag --help\"", argv[i]);
		return CLI_USAGE;
	}
	struct entity_extractor *x = cli_load_extractor();
	if (!x)
		return CLI_FAILED;
	sqlite3 *db;
	sqlite3_stmt *json = NULL;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT json_valid(?1) AND json_type(?1, '$.text') = 'text',"
	                           " json_extract(?1, '$.id') IS NULL,"
	                           " json_quote(json_extract(?1, '$.id')),"
	                           " json_extract(?1, '$.text')", -1, &json, NULL) != SQLITE_OK) {
		cli_error("cannot start SQLite's JSON functions");
		entity_extractor_free(&x);
		sqlite3_close(db);
		return CLI_FAILED;
	}
	int status = CLI_OK;
	char *line = NULL;
	size_t cap = 0, line_no = 0;
	ssize_t len;
	struct buf out = { 0 };
	while ((len = getline(&line, &cap, stdin)) >= 0) {
		line_no++;
		if (strspn(line, " \t\r\n") == (size_t)len)
			continue;
		sqlite3_reset(json);
		sqlite3_bind_text(json, 1, line, (int)len, SQLITE_STATIC);
		if (sqlite3_step(json) != SQLITE_ROW || !sqlite3_column_int(json, 0) ||
		    sqlite3_column_int(json, 1)) {
			cli_error("tag: line %zu: not a JSON object with \"id\" and \"text\"; skipped", line_no);
			status = CLI_PARTIAL;
			continue;
		}
		const char *id = (const char *)sqlite3_column_text(json, 2);
		const char *text = (const char *)sqlite3_column_text(json, 3);
		size_t tlen = (size_t)sqlite3_column_bytes(json, 3);
		char *canon = NULL;
		if (!valid_utf8(text, tlen)) {
			canon = text_canonicalize(text, tlen, &tlen, NULL);
			text = canon;
		}
		struct entity_mention *m = NULL;
		size_t n = 0;
		if (!text || entity_extract(x, text, tlen, NULL, &m, &n) < 0) {
			cli_error("out of memory");
			free(canon);
			status = CLI_FAILED;
			break;
		}
		buf_printf(&out, "{\"id\":%s,\"entities\":[", id);
		bool first = true;
		for (size_t i = 0; i < n; i++) {
			if (m[i].derived && !all)
				continue;
			buf_printf(&out, "%s{\"start\":%zu,\"end\":%zu,\"type\":\"%s\",\"text\":\"",
			           first ? "" : ",", m[i].cp_start, m[i].cp_end,
			           entity_type_name(m[i].type));
			buf_json_string(&out, text + m[i].start, m[i].end - m[i].start);
			buf_puts(&out, "\",\"norm\":\"");
			buf_json_string(&out, m[i].norm, strlen(m[i].norm));
			buf_puts(&out, "\"}");
			first = false;
		}
		buf_puts(&out, "]}");
		entity_mentions_free(m, n);
		free(canon);
		if (cli_flush_line(&out) < 0) {
			status = CLI_FAILED;
			break;
		}
	}
	free(line);
	buf_free(&out);
	sqlite3_finalize(json);
	sqlite3_close(db);
	entity_extractor_free(&x);
	return status;
}

/* ---- entities and mentions ---------------------------------------------- */

static const char entities_usage[] =
	"Usage: margo entities [--db FILE] [--format plain|jsonl] [--article ID]\n"
	"List the entities of the library (or of one article): people (PER),\n"
	"places (LOC), organisations (ORG) and dates (DATE), with how often they\n"
	"are mentioned and in how many articles.  JSON Lines: {\"id\",\"type\",\n"
	"\"name\",\"mentions\",\"articles\"} (and \"here\" with --article).\n";

int cli_entities(const struct cli_env *env, int argc, char **argv)
{
	int64_t article = 0;
	/* --article ID is ours; the rest is the common options. */
	int k = 1;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--article") == 0 || strncmp(argv[i], "--article=", 10) == 0) {
			const char *v = argv[i][9] == '=' ? argv[i] + 10 : (i + 1 < argc ? argv[++i] : "");
			if (util_parse_id(v, &article) < 0 || article == 0) {
				cli_error("entities: --article needs an article ID (a number from \"margo list\")");
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
		cli_error("entities: unexpected argument \"%s\"", argv[first]);
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
	struct buf b = { 0 };
	for (size_t i = 0; i < n && status == CLI_OK; i++) {
		if (o.format == FORMAT_JSONL) {
			buf_printf(&b, "{\"id\":%lld,\"type\":\"%s\",", (long long)e[i].id,
			           entity_type_name(e[i].type));
			cli_json_field(&b, "name", e[i].name, 1);
			if (article)
				buf_printf(&b, ",\"here\":%lld", (long long)e[i].here);
			buf_printf(&b, ",\"mentions\":%lld,\"articles\":%lld}", (long long)e[i].mentions,
			           (long long)e[i].articles);
			if (cli_flush_line(&b) < 0)
				status = CLI_FAILED;
		} else {
			if (article)
				printf("%5lld  %-4s %4lld %6lld %5lld  ", (long long)e[i].id,
				       entity_type_name(e[i].type), (long long)e[i].here,
				       (long long)e[i].mentions, (long long)e[i].articles);
			else
				printf("%5lld  %-4s %6lld %5lld  ", (long long)e[i].id,
				       entity_type_name(e[i].type), (long long)e[i].mentions,
				       (long long)e[i].articles);
			cli_puts_safe(stdout, e[i].name);
			fputc('\n', stdout);
		}
	}
	buf_free(&b);
	store_entities_free(e, n);
	store_close(&st);
	return status;
}

static const char mentions_usage[] =
	"Usage: margo mentions [--db FILE] [--format plain|jsonl] ENTITY\n"
	"Every mention of an entity (an id from \"margo entities\", or a name),\n"
	"by date, in context.  JSON Lines: {\"entity\",\"article\",\"paragraph\",\n"
	"\"start\",\"end\",\"text\",\"left\",\"right\",\"title\",\"date\"}, offsets in\n"
	"code points into the article's text.\n";

int cli_mentions(const struct cli_env *env, int argc, char **argv)
{
	struct sub_opts o;
	int first = cli_parse_sub(argc, argv, mentions_usage, &o);
	if (first < 0)
		return CLI_USAGE;
	if (o.help)
		return CLI_OK;
	if (first != argc - 1) {
		cli_error("mentions: give one ENTITY (an id or a name from \"margo entities\")");
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
		cli_error("mentions: no entity \"%s\"", argv[first]);
		status = CLI_USAGE;
	} else if (found == 2) {
		cli_error("mentions: \"%s\" names more than one entity; give its id", argv[first]);
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
