/*
 * ingest_jsonl.c: JSON Lines files of {"title","text","date","author",
 * "url","id"}, one article a line.
 *
 * Each line is parsed once, by Jansson, which gives every string's exact
 * length: a "\u0000" inside a text is seen and reported (it becomes
 * U+FFFD), never a place where the text silently ends.  A file is read a
 * line at a time (after a first pass that hashes it, so an unchanged file
 * costs one read), never whole, and a line longer than INGEST_MAX_LINE is
 * skipped with a message without being held in memory.
 *
 * An article's identity comes from its content, never from its place in
 * the file: its "url" (the same article wherever it is found), else its
 * "id" (within the file), else a hash of its title and text.  Inserting or
 * moving lines changes nothing; articles of an older library, keyed by
 * their line number, are taken over by the line holding the same text.
 *
 * A file is loaded only in the transaction that writes its last article
 * (a marker follows its articles through the pipeline); until then each
 * article's transaction also records how far the file is committed, so a
 * load stopped at any moment resumes at the line after the last one kept.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "margo/lineread.h"
#include "margo/text.h"
#include "margo/util.h"
#include "ingest_impl.h"
#include "margo/i18n.h"

enum { F_TITLE, F_TEXT, F_DATE, F_AUTHOR, F_URL, F_ID, N_FIELDS };
static const char *const field_names[N_FIELDS] = { "title", "text", "date", "author", "url", "id" };

/* One field's value with every NUL made U+FFFD, canonicalised; NULL when
 * absent, not a string (a number, for "id"), or out of memory (*oom). */
static char *field_text(json_t *v, bool number_too, size_t *nuls, bool *oom)
{
	char num[32];
	const char *s;
	size_t len;
	if (json_is_string(v)) {
		s = json_string_value(v);
		len = json_string_length(v);
	} else if (number_too && json_is_integer(v)) {
		len = (size_t)snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		s = num;
	} else {
		return NULL;
	}
	size_t n = 0;
	for (const char *p = s, *e = s + len; (p = memchr(p, '\0', (size_t)(e - p))); p++)
		n++;
	char *copy = NULL;
	if (n) {
		*nuls += n;
		struct buf b = { 0 };
		for (size_t i = 0; i < len; i++) {
			if (s[i] == '\0' ? buf_puts(&b, "\xEF\xBF\xBD") < 0 : buf_putc(&b, s[i]) < 0) {
				buf_free(&b);
				*oom = true;
				return NULL;
			}
		}
		len = b.len;
		copy = buf_steal(&b);
		if (!copy) {
			*oom = true;
			return NULL;
		}
		s = copy;
	}
	size_t out_len;
	char *t = text_canonicalize(s, len, &out_len, NULL);
	free(copy);
	if (!t)
		*oom = true;
	return t;
}

/* A hash of an article's title and text, its identity in a file where it
 * has no url and no id. */
static void content_hash(const char *title, const char *text, char out[17])
{
	uint64_t h = UTIL_FNV1A_INIT;
	if (title)
		h = util_fnv1a_more(h, title, strlen(title) + 1);  /* its NUL ends it */
	else
		h = util_fnv1a_more(h, "", 1);
	h = util_fnv1a_more(h, text, strlen(text));
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* ---- articles of an older library, keyed by their line number ---------- */

struct legacy {
	char hash[17];
	int64_t id;
	bool taken;
};

static int legacy_cmp(const void *a, const void *b)
{
	return strcmp(((const struct legacy *)a)->hash, ((const struct legacy *)b)->hash);
}

struct legacy_fill {
	struct walk *w;
	size_t cap;
};

static int legacy_add(void *ctx, int64_t id, const char *hash)
{
	struct legacy_fill *lf = ctx;
	struct walk *w = lf->w;
	void *grown = util_grow(w->legacy, &lf->cap, w->n_legacy, sizeof *w->legacy);
	if (!grown)
		return -1;
	w->legacy = grown;
	struct legacy *l = &w->legacy[w->n_legacy++];
	snprintf(l->hash, sizeof l->hash, "%s", hash);
	l->id = id;
	l->taken = false;
	return 0;
}

/* The articles of `path` still keyed "path#N" (as before identity came from
 * content), sorted by the hash of their text.  0 or -1. */
static int legacy_load(struct walk *w, const char *path)
{
	free(w->legacy);
	w->legacy = NULL;
	w->n_legacy = 0;
	struct legacy_fill lf = { .w = w };
	if (store_line_keyed(w->st, path, legacy_add, &lf) < 0)
		return -1;
	if (w->n_legacy)
		qsort(w->legacy, w->n_legacy, sizeof *w->legacy, legacy_cmp);
	return 0;
}

/* The article of an older library with this text, not yet taken, or 0. */
static int64_t legacy_take(struct walk *w, const char *text)
{
	if (!w->n_legacy)
		return 0;
	struct legacy key;
	util_hash_hex(text, strlen(text), key.hash);
	struct legacy *l = bsearch(&key, w->legacy, w->n_legacy, sizeof *w->legacy, legacy_cmp);
	if (!l)
		return 0;
	while (l > w->legacy && strcmp(l[-1].hash, key.hash) == 0)
		l--;
	for (; l < w->legacy + w->n_legacy && strcmp(l->hash, key.hash) == 0; l++)
		if (!l->taken) {
			l->taken = true;
			return l->id;
		}
	return 0;
}

/* ---- one line ------------------------------------------------------------ */

struct lines {
	size_t bad, first_bad;    /* not a JSON object with a text */
	size_t nul, first_nul;    /* lines whose strings held a NUL */
	size_t long_, first_long; /* longer than INGEST_MAX_LINE */
	size_t invalid, first_invalid;  /* holding ill-formed UTF-8 */
	size_t articles;          /* handed to the pipeline */
};

/* One line of a JSON Lines file (line_no counts from 1); `pos`, when not
 * NULL, is where the file is once this line is committed. */
static void jsonl_line(struct walk *w, const char *path, int64_t file_id, const char *line,
                       size_t n, size_t line_no, const struct ingest_pos *pos, struct lines *ls)
{
	size_t t = 0;
	while (t < n && (line[t] == ' ' || line[t] == '\t' || line[t] == '\r'))
		t++;
	if (t == n)
		return;
	/* Jansson takes only well-formed UTF-8: ill-formed bytes become
	 * U+FFFD first, as in any other text, and are told. */
	char *fixed = NULL;
	size_t fixed_len = 0, replaced = 0;
	bool rep = !utf8_clean(line, n);
	if (rep && !(fixed = utf8_repair(line, n, &fixed_len, &replaced))) {
		ingest_report(w, path, _("line %zu: out of memory; skipped"), line_no);
		w->rep->problems++;
		return;
	}
	if (rep && ls->invalid++ == 0)
		ls->first_invalid = line_no;
	json_error_t err;
	json_t *root = json_loadb(rep ? fixed : line, rep ? fixed_len : n,
	                          JSON_ALLOW_NUL | JSON_DECODE_ANY, &err);
	free(fixed);
	if (!root || !json_is_object(root) || !json_is_string(json_object_get(root, "text"))) {
		json_decref(root);
		if (ls->bad++ == 0)
			ls->first_bad = line_no;
		return;
	}
	char *f[N_FIELDS] = { 0 };
	size_t nuls = 0;
	bool oom = false;
	for (int i = 0; i < N_FIELDS; i++)
		f[i] = field_text(json_object_get(root, field_names[i]), i == F_ID, &nuls, &oom);
	json_decref(root);
	if (nuls && ls->nul++ == 0)
		ls->first_nul = line_no;
	if (oom) {
		ingest_report(w, path, _("line %zu: out of memory; skipped"), line_no);
		w->rep->problems++;
	} else if (!f[F_TEXT] || !*f[F_TEXT]) {
		if (ls->bad++ == 0)
			ls->first_bad = line_no;
	} else {
		char *date = f[F_DATE] ? corpus_parse_date(f[F_DATE], strlen(f[F_DATE])) : NULL;
		if (!date && f[F_DATE] && strlen(f[F_DATE]) >= 10)
			date = corpus_parse_date(f[F_DATE], 10);  /* "2024-06-01T..." */
		struct corpus_hints hints = { .title = f[F_TITLE], .author = f[F_AUTHOR], .date = date };
		const char *url = f[F_URL] && *f[F_URL] ? f[F_URL] : NULL;
		char h[17];
		char *key;
		if (url) {
			key = util_strdup(url);
		} else if (f[F_ID] && *f[F_ID]) {
			key = util_printf("%s#id:%s", path, f[F_ID]);
		} else {
			content_hash(f[F_TITLE], f[F_TEXT], h);
			key = util_printf("%s#text:%s", path, h);
		}
		struct ingest_pos p = pos ? *pos : (struct ingest_pos){ 0 };
		p.adopt = url ? 0 : legacy_take(w, f[F_TEXT]);
		if (key) {
			ingest_text(w, key, path, file_id, f[F_TEXT], strlen(f[F_TEXT]), &hints, url,
			            pos || p.adopt ? &p : NULL);
			ls->articles++;
		} else {
			ingest_report(w, path, _("line %zu: out of memory; skipped"), line_no);
			w->rep->problems++;
		}
		free(key);
		free(date);
	}
	for (int i = 0; i < N_FIELDS; i++)
		free(f[i]);
}

static void jsonl_report(struct walk *w, const char *path, const struct lines *ls)
{
	if (ls->bad) {
		ingest_report(w, path, ngettext("%zu line is not a JSON object with a \"text\" field (first: line %zu); skipped",
		                                "%zu lines are not a JSON object with a \"text\" field (first: line %zu); skipped",
		                                ls->bad),
		              ls->bad, ls->first_bad);
		w->rep->problems++;
	}
	if (ls->long_) {
		ingest_report(w, path, ngettext("%zu line is longer than %d MiB (first: line %zu); skipped",
		                                "%zu lines are longer than %d MiB (first: line %zu); skipped",
		                                ls->long_),
		              ls->long_, (int)(INGEST_MAX_LINE >> 20), ls->first_long);
		w->rep->problems++;
	}
	if (ls->invalid)
		ingest_report(w, path, ngettext("%zu line holds invalid UTF-8, replaced by U+FFFD (first: line %zu)",
		                                "%zu lines hold invalid UTF-8, replaced by U+FFFD (first: line %zu)",
		                                ls->invalid),
		              ls->invalid, ls->first_invalid);
	if (ls->nul)
		ingest_report(w, path, ngettext("%zu line holds a NUL character (\\u0000), kept as U+FFFD (first: line %zu)",
		                                "%zu lines hold a NUL character (\\u0000), kept as U+FFFD (first: line %zu)",
		                                ls->nul),
		              ls->nul, ls->first_nul);
}

/* A JSON Lines file already in memory (one decoded from UTF-16): read
 * whole each time, it records no place to resume from. */
int ingest_jsonl(struct walk *w, const char *path, int64_t file_id,
                 const char *data, size_t len)
{
	struct lines ls = { 0 };
	size_t line_no = 0;
	const char *p = data, *end = data + len;
	if (legacy_load(w, path) < 0) {
		ingest_library_error(w, _("cannot read the library"));
		return -1;
	}
	while (p < end && !w->failed && !ingest_stopping(w)) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		line_no++;
		if (n > INGEST_MAX_LINE) {
			if (ls.long_++ == 0)
				ls.first_long = line_no;
		} else {
			jsonl_line(w, path, file_id, p, n, line_no, NULL, &ls);
		}
		p = nl ? nl + 1 : end;
	}
	jsonl_report(w, path, &ls);
	return w->failed ? -1 : ls.articles > 0 ? 1 : 0;
}

/* The hash of a file's bytes, and of its first `upto` bytes (when upto is
 * > 0 and the file is that long: *prefix_ok).  Returns 0, or -1 with
 * errno; *binary when its start is not text, *utf16 when it has a UTF-16
 * byte-order mark (then nothing else is set). */
static int hash_file(int fd, int64_t upto, uint64_t *whole, uint64_t *prefix, bool *prefix_ok,
                     int64_t *total, bool *binary, bool *utf16)
{
	char *chunk = malloc(65536);
	if (!chunk) {
		errno = ENOMEM;
		return -1;
	}
	uint64_t h = UTIL_FNV1A_INIT;
	int64_t t = 0;
	*prefix_ok = false;
	for (;;) {
		ssize_t n = read(fd, chunk, 65536);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			free(chunk);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		if (t == 0 && text_utf16_bom(chunk, (size_t)n)) {
			*utf16 = true;
			free(chunk);
			return 0;
		}
		if (t == 0)
			*binary = text_looks_binary(chunk, (size_t)n);
		if (upto > 0 && t < upto && t + n >= upto) {
			*prefix = util_fnv1a_more(h, chunk, (size_t)(upto - t));
			*prefix_ok = true;
		}
		h = util_fnv1a_more(h, chunk, (size_t)n);
		t += n;
	}
	free(chunk);
	*whole = h;
	*total = t;
	return 0;
}

/* A UTF-8 JSON Lines file read twice from `fd`, never whole: once for its
 * hash (unchanged files stop there), once a line at a time, so a file of
 * any size loads in the memory of its longest line.  Returns 1 when done,
 * 0 when the file is not plain UTF-8 (a UTF-16 byte-order mark) and must
 * be read whole. */
int ingest_jsonl_stream(struct walk *w, const char *path, int fd, int known,
                        const struct store_file *prev, struct store_file *cur)
{
	uint64_t whole = 0, prefix = 0;
	bool prefix_ok = false, binary = false, utf16 = false;
	int64_t total = 0;
	bool loading = known == 1 && prev->hash[0] == '\0';
	if (hash_file(fd, loading ? prev->done_bytes : 0, &whole, &prefix, &prefix_ok, &total,
	              &binary, &utf16) < 0) {
		ingest_report(w, path, _("%s; skipped"), strerror(errno));
		w->rep->problems++;
		return 1;
	}
	if (utf16)
		return 0;
	snprintf(cur->hash, sizeof cur->hash, "%016llx", (unsigned long long)whole);
	if (ingest_batch_open(w) < 0)
		return 1;
	if (known == 1 && prev->has_articles && strcmp(prev->hash, cur->hash) == 0) {
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
	/* Resume after the last line a stopped load committed, when the file
	 * still begins with the same bytes. */
	char ph[17];
	snprintf(ph, sizeof ph, "%016llx", (unsigned long long)prefix);
	bool resume = loading && prefix_ok && prev->done_bytes > 0 && strcmp(ph, prev->done_hash) == 0;
	struct store_file rec = *cur;
	rec.size = -1;
	rec.hash[0] = '\0';
	rec.done_bytes = resume ? prev->done_bytes : 0;
	rec.done_lines = resume ? prev->done_lines : 0;
	snprintf(rec.done_hash, sizeof rec.done_hash, "%s", resume ? prev->done_hash : "");
	if (ingest_file_begin(w, path, &rec) < 0)
		return 1;
	cur->id = rec.id;
	if (legacy_load(w, path) < 0) {
		ingest_library_error(w, _("cannot read the library"));
		return 1;
	}
	int fd2 = dup(fd);
	FILE *f = fd2 >= 0 ? fdopen(fd2, "rb") : NULL;
	if (!f || fseeko(f, resume ? (off_t)prev->done_bytes : 0, SEEK_SET) != 0) {
		ingest_report(w, path, _("cannot read again: %s; skipped"), strerror(errno));
		w->rep->problems++;
		if (f)
			fclose(f);
		else if (fd2 >= 0)
			close(fd2);
		return 1;
	}
	struct line_reader r;
	line_reader_init(&r, f, INGEST_MAX_LINE);
	r.hash = resume ? prefix : UTIL_FNV1A_INIT;
	r.offset = resume ? prev->done_bytes : 0;
	size_t first = resume ? (size_t)prev->done_lines : 0, line_no = first;
	if (resume)
		ingest_report(w, path, _("going on after line %zu, where a stopped load left it"), first);
	struct lines ls = { 0 };
	enum line_status st = LINE_EOF;
	while (!w->failed && !ingest_stopping(w) && (st = line_read(&r)) != LINE_EOF) {
		line_no = first + r.line_no;
		if (st == LINE_LONG) {
			if (ls.long_++ == 0)
				ls.first_long = line_no;
		} else if (st != LINE_OK) {
			break;
		} else {
			struct ingest_pos pos = { .bytes = r.offset, .lines = (int64_t)line_no };
			snprintf(pos.hash, sizeof pos.hash, "%016llx", (unsigned long long)r.hash);
			jsonl_line(w, path, cur->id, r.line, r.len, line_no, &pos, &ls);
		}
	}
	bool done = !w->failed && !ingest_stopping(w);
	if (done && st != LINE_EOF) {
		ingest_report(w, path, _("%s at line %zu; the rest is not loaded"),
		              st == LINE_BINARY ? _("not text (NUL bytes)") :
		              st == LINE_NOMEM ? "out of memory" : strerror(r.err), line_no + 1);
		w->rep->problems++;
		done = false;
	}
	line_reader_free(&r);
	fclose(f);
	jsonl_report(w, path, &ls);
	if (done)
		ingest_file_done(w, path, cur, resume);
	return 1;
}
