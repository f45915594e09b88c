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
#include "margo/text.h"
#include "cli_impl.h"

/* The extractor with margo's lexicons; warnings go to stderr once. */
static struct entity_extractor *load_extractor(void)
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
	struct entity_extractor *x = load_extractor();
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
