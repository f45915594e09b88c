/*
 * ingest_jsonl.c: JSON Lines files of {"title","text","date","author","url"},
 * one article a line.  The fields come out through SQLite's JSON
 * functions; a file is read a line at a time (after a first pass that
 * hashes it, so an unchanged file costs one read), never whole.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "margo/text.h"
#include "margo/util.h"
#include "ingest_impl.h"

/* Pull the string fields of one JSON Lines record through SQLite's JSON
 * functions.  Returns 1 when the line is a JSON object with a text. */
static int json_fields(struct walk *w, const char *line, size_t len, char *out[5])
{
	sqlite3_stmt *s = w->json;
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, line, (int)len, SQLITE_STATIC);
	memset(out, 0, 5 * sizeof *out);
	if (sqlite3_step(s) != SQLITE_ROW || sqlite3_column_int(s, 0) != 1)
		return 0;
	for (int i = 0; i < 5; i++) {
		const unsigned char *t = sqlite3_column_text(s, i + 1);
		if (t) {
			size_t tl = (size_t)sqlite3_column_bytes(s, i + 1);
			out[i] = text_canonicalize((const char *)t, tl, &tl, NULL);
		}
	}
	return out[1] && *out[1];
}

/* One line of a JSON Lines file (line_no counts from 1); bad lines are
 * counted for one report at the end of the file. */
static void jsonl_line(struct walk *w, const char *path, int64_t file_id, const char *line,
                       size_t n, size_t line_no, size_t *bad, size_t *first_bad)
{
	size_t t = n;
	const char *trimmed = line;
	while (t && (*trimmed == ' ' || *trimmed == '\t' || *trimmed == '\r')) {
		trimmed++;
		t--;
	}
	if (t == 0)
		return;
	char *f[5];  /* title, text, date, author, url */
	if (!json_fields(w, line, n, f)) {
		if ((*bad)++ == 0)
			*first_bad = line_no;
	} else {
		char *date = f[2] ? corpus_parse_date(f[2], strlen(f[2])) : NULL;
		if (!date && f[2] && strlen(f[2]) >= 10)
			date = corpus_parse_date(f[2], 10);  /* "2024-06-01T..." */
		struct corpus_hints hints = { .title = f[0], .author = f[3], .date = date };
		char *key = f[4] && *f[4] ? util_strdup(f[4]) : util_printf("%s#%zu", path, line_no);
		if (key)
			ingest_text(w, key, path, file_id, f[1], strlen(f[1]), &hints,
			            f[4] && *f[4] ? f[4] : NULL);
		free(key);
		free(date);
	}
	for (int i = 0; i < 5; i++)
		free(f[i]);
}

static void jsonl_bad_lines(struct walk *w, const char *path, size_t bad, size_t first_bad)
{
	if (!bad)
		return;
	ingest_report(w, path, "%zu line%s not a JSON object with a \"text\" field (first: line %zu); skipped",
	       bad, bad == 1 ? " is" : "s are", first_bad);
	w->rep->problems++;
}

/* A JSON Lines file already in memory (one decoded from UTF-16). */
int ingest_jsonl(struct walk *w, const char *path, int64_t file_id,
                        const char *data, size_t len)
{
	size_t line_no = 0, bad = 0, first_bad = 0;
	const char *p = data, *end = data + len;
	while (p < end && !w->failed) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		line_no++;
		jsonl_line(w, path, file_id, p, n, line_no, &bad, &first_bad);
		p = nl ? nl + 1 : end;
	}
	jsonl_bad_lines(w, path, bad, first_bad);
	return w->failed ? -1 : 0;
}

/* A UTF-8 JSON Lines file read twice from `fd`, never whole: once for its
 * hash (unchanged files stop there), once a line at a time, so a file of
 * any size loads in the memory of its longest line.  Returns 1 when done,
 * 0 when the file is not plain UTF-8 (a UTF-16 byte-order mark) and must
 * be read whole. */
int ingest_jsonl_stream(struct walk *w, const char *path, int fd, int known,
                               const struct store_file *prev, struct store_file *cur)
{
	size_t cap = 65536, total = 0;
	char *chunk = malloc(cap);
	if (!chunk) {
		ingest_report(w, path, "out of memory; skipped");
		w->rep->problems++;
		return 1;
	}
	uint64_t h = UTIL_FNV1A_INIT;
	bool binary = false;
	size_t line = 0, longest = 0;  /* bytes since the last newline */
	for (;;) {
		ssize_t n = read(fd, chunk, cap);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ingest_report(w, path, "%s; skipped", strerror(errno));
			w->rep->problems++;
			free(chunk);
			return 1;
		}
		if (n == 0)
			break;
		if (total == 0 && text_utf16_bom(chunk, (size_t)n)) {
			free(chunk);
			return 0;
		}
		if (total == 0)
			binary = text_looks_binary(chunk, (size_t)n);
		h = util_fnv1a_more(h, chunk, (size_t)n);
		total += (size_t)n;
		for (const char *p = chunk, *end = chunk + n; p < end;) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			line += (size_t)((nl ? nl : end) - p);
			if (line > longest)
				longest = line;
			if (nl)
				line = 0;
			p = nl ? nl + 1 : end;
		}
	}
	free(chunk);
	if (longest > INGEST_MAX_FILE) {
		ingest_report(w, path, "a line longer than 256 MiB; skipped");
		w->rep->problems++;
		return 1;
	}
	snprintf(cur->hash, sizeof cur->hash, "%016llx", (unsigned long long)h);
	if (ingest_batch_open(w) < 0)
		return 1;
	if (known == 1 && strcmp(prev->hash, cur->hash) == 0) {
		if (store_file_put(w->st, path, cur) < 0)
			ingest_library_error(w, "cannot write to the library");
		w->rep->unchanged++;
		return 1;
	}
	if (total == 0 || binary) {
		ingest_report(w, path, total == 0 ? "empty file; skipped" : "not a text file (binary); skipped");
		w->rep->problems++;
		return 1;
	}
	if (store_file_put(w->st, path, cur) < 0) {
		ingest_library_error(w, "cannot write to the library");
		return 1;
	}
	int fd2 = dup(fd);
	FILE *f = fd2 >= 0 ? fdopen(fd2, "rb") : NULL;
	if (!f || fseeko(f, 0, SEEK_SET) != 0) {
		ingest_report(w, path, "cannot read again: %s; skipped", strerror(errno));
		w->rep->problems++;
		if (f)
			fclose(f);
		else if (fd2 >= 0)
			close(fd2);
		return 1;
	}
	char *text = NULL;
	size_t text_cap = 0, line_no = 0, bad = 0, first_bad = 0;
	ssize_t n;
	while (!w->failed && (n = getline(&text, &text_cap, f)) >= 0) {
		line_no++;
		size_t len = (size_t)n;
		if (len && text[len - 1] == '\n')
			len--;
		jsonl_line(w, path, cur->id, text, len, line_no, &bad, &first_bad);
	}
	free(text);
	fclose(f);
	jsonl_bad_lines(w, path, bad, first_bad);
	return 1;
}

