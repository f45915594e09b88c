/*
 * ingest.c: walking files and folders, reading them safely, and storing the
 * parsed articles.
 *
 * Files are opened with O_NOFOLLOW|O_NONBLOCK and checked with fstat, so a
 * FIFO, socket or device never blocks the walk.  Folders are walked in name
 * order (repeatable ids); symbolic links are followed only when their target
 * stays under the folder given, and a folder already visited (a loop) is
 * skipped.  Writes go in batches of BEGIN IMMEDIATE ... COMMIT of half a
 * second, with a savepoint per article so one failure loses nothing else;
 * articles are prepared on a second thread while the ones before are
 * written (ingest_pipeline.c).  JSON Lines files: ingest_jsonl.c.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "margo/html.h"
#include "margo/ingest.h"
#include "margo/store_entity.h"
#include "margo/text.h"
#include "margo/util.h"
#include "ingest_impl.h"
#include "margo/i18n.h"

/* A transaction ends after half a second of writing, or INGEST_BATCH
 * articles: few commits make loading fast (each one writes a segment of
 * the full-text index, and merges follow), short ones keep the write lock
 * free often enough for annotations saved beside a load. */
#define INGEST_BATCH 4096                     /* articles per transaction, at most */
#define INGEST_BATCH_SECONDS 0.5

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Tell the caller where the load is, at most four times a second. */
static void walk_paths(struct walk *w, char *const *paths, size_t n);

/* The totals, from a walk that only looks at sizes: taken once a load has
 * written for a second, so a short load or a refresh with nothing to
 * write never pays for it. */
static void count_totals(struct walk *w)
{
	struct ingest_report none = { 0 };
	struct walk c = { .st = w->st, .opt = w->opt, .rep = &none, .counting = true };
	walk_paths(&c, w->paths, w->n_paths);
	free(c.seen);
	w->pr.files_total = c.pr.files_total;
	w->pr.bytes_total = c.pr.bytes_total;
	w->counted = true;
}

static void progress(struct walk *w, bool done)
{
	if (!w->opt->progress || w->counting)
		return;
	double t = now_s();
	if (!done && t - w->last_shown < 0.25)
		return;
	if (!done && !w->counted && t - w->started >= 1.0 && w->rep->added + w->rep->updated > 0) {
		count_totals(w);
		t = now_s();
	}
	w->last_shown = t;
	w->pr.seconds = t - w->started;
	w->pr.articles = w->rep->added + w->rep->updated;
	w->pr.done = done;
	w->opt->progress(w->opt->ctx, &w->pr);
}

/* Messages keep the order of the input: an article still in the pipeline
 * is written, and its own messages told, before anything that came after
 * it is. */
void ingest_report(struct walk *w, const char *path, const char *fmt, ...)
{
	if (w->counting)
		return;
	if (!w->draining)
		ingest_pipeline_flush(w);
	va_list ap;
	va_start(ap, fmt);
	char *msg = util_vprintf(fmt, ap);
	va_end(ap);
	if (w->opt->message)
		w->opt->message(w->opt->ctx, path, msg ? msg : _("out of memory"));
	free(msg);
}

void ingest_library_error(struct walk *w, const char *what)
{
	w->failed = true;  /* first: what waits in the pipeline is not written */
	ingest_report(w, NULL, "%s: %s", what, store_errmsg(w->st));
}

/* ---- transactions ------------------------------------------------------- */

/* Files found unchanged are looked up inside one read transaction (of at
 * most half a second, so checkpoints are not held back): a statement
 * outside any transaction opens and ends one of its own, which for a
 * refresh of 100,000 unchanged files is a quarter of its time.  Ended
 * before a write transaction begins. */
static void read_end(struct walk *w)
{
	if (w->reading && store_read_end(w->st) == 0)
		w->reading = false;
}

static void read_begin(struct walk *w)
{
	if (w->reading && now_s() - w->read_started >= INGEST_BATCH_SECONDS)
		read_end(w);
	if (w->in_batch > 0 || w->reading)
		return;
	if (store_read_begin(w->st) == 0) {
		w->reading = true;
		w->read_started = now_s();
	}
}

int ingest_batch_open(struct walk *w)
{
	if (w->in_batch > 0)
		return 0;
	read_end(w);
	if (store_begin(w->st) < 0) {
		ingest_library_error(w, _("cannot write to the library"));
		return -1;
	}
	w->in_batch = 1;
	w->batch_started = now_s();
	return 0;
}

/* One article written in the open batch: the batch is committed when it
 * is full or half a second old.  0 or -1 (reported). */
int ingest_article_done(struct walk *w)
{
	if (++w->in_batch > INGEST_BATCH || now_s() - w->batch_started >= INGEST_BATCH_SECONDS)
		return ingest_batch_close(w);
	return 0;
}

int ingest_batch_close(struct walk *w)
{
	if (w->in_batch == 0)
		return 0;
	w->in_batch = 0;
	if (store_commit(w->st) < 0) {
		ingest_library_error(w, _("cannot save to the library"));
		store_rollback(w->st);
		return -1;
	}
	w->saved_added = w->rep->added;
	w->saved_updated = w->rep->updated;
	return 0;
}

int ingest_file_begin(struct walk *w, const char *path, struct store_file *f)
{
	if (ingest_batch_open(w) < 0)
		return -1;
	if (store_file_put(w->st, path, f) < 0) {
		ingest_library_error(w, _("cannot write to the library"));
		return -1;
	}
	return 0;
}

bool ingest_stopping(const struct walk *w)
{
	return w->opt->stop && *w->opt->stop;
}

/* ---- reading ------------------------------------------------------------ */

/* Read a whole file from an open descriptor; never trusts st_size (the file
 * may shrink or grow while read). */
static char *read_all(int fd, size_t *len, int *err)
{
	struct buf b = { 0 };
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*err = errno;
			buf_free(&b);
			return NULL;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > INGEST_MAX_FILE) {
			*err = EFBIG;
			buf_free(&b);
			return NULL;
		}
		if (buf_append(&b, chunk, (size_t)n) < 0) {
			*err = ENOMEM;
			buf_free(&b);
			return NULL;
		}
	}
	*len = b.len;
	char *p = buf_steal(&b);
	if (!p)
		*err = ENOMEM;
	return p;
}

bool ingest_has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);
	return n > k && strcasecmp(name + n - k, suffix) == 0;
}

/* Files read by their kind: .txt, .jsonl and web pages (ingest_html.c). */
bool ingest_readable_name(const char *name)
{
	return ingest_has_suffix(name, ".txt") || ingest_has_suffix(name, ".jsonl") ||
	       html_is_page_name(name, NULL) || ingest_is_feed_name(name);
}

/* One regular file, opened without following links or blocking. */
static void ingest_file(struct walk *w, const char *path, bool explicit_arg)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY |
	                    (explicit_arg ? 0 : O_NOFOLLOW));
	if (fd < 0) {
		ingest_report(w, path, _("cannot open: %s; skipped"), strerror(errno));
		w->rep->problems++;
		return;
	}
	struct stat sb;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		ingest_report(w, path, _("not a regular file; skipped"));
		w->rep->problems++;
		close(fd);
		return;
	}
	w->rep->files++;
	/* A feed is counted once known to be one: loaded before, or read. */
	bool feed = !ingest_has_suffix(path, ".jsonl") && ingest_is_feed_name(path);
	if (ingest_has_suffix(path, ".jsonl"))
		w->rep->jsonl_files++;
	else if (html_is_page_name(path, NULL))
		w->rep->page_files++;
	else if (!feed)
		w->rep->text_files++;
	struct store_file prev, cur = {
		.size = sb.st_size,
		.mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec,
	};
	read_begin(w);
	int known = store_file_get(w->st, path, &prev);
	if (known < 0) {
		close(fd);
		ingest_library_error(w, _("cannot read the library"));
		return;
	}
	/* Loaded (a row still loading has size -1), and not changed since. */
	if (known == 1 && prev.has_articles && prev.size == cur.size &&
	    prev.mtime_ns == cur.mtime_ns) {
		close(fd);
		w->rep->unchanged++;
		w->rep->feed_files += feed;
		return;
	}
	if (ingest_has_suffix(path, ".jsonl")) {
		int done = ingest_jsonl_stream(w, path, fd, known, &prev, &cur);
		if (done || lseek(fd, 0, SEEK_SET) != 0) {
			close(fd);
			return;
		}
	}
	size_t len = 0;
	int err = 0;
	char *data = read_all(fd, &len, &err);
	close(fd);
	if (!data) {
		ingest_report(w, path, _("%s; skipped"),
		       err == EFBIG ? _("larger than 256 MiB") : strerror(err));
		w->rep->problems++;
		return;
	}
	util_hash_hex(data, len, cur.hash);
	if (ingest_batch_open(w) < 0)
		goto out;
	if (known == 1 && prev.has_articles && strcmp(prev.hash, cur.hash) == 0) {
		/* Touched but not changed: remember the new time only. */
		if (store_file_put(w->st, path, &cur) < 0)
			ingest_library_error(w, _("cannot write to the library"));
		w->rep->unchanged++;
		w->rep->feed_files += feed;
		goto out;
	}
	bool gz = false;
	if (html_is_page_name(path, &gz)) {
		ingest_html(w, path, &cur, data, len, gz);
		goto out;
	}
	int bom = text_utf16_bom(data, len);
	if (bom) {
		/* UTF-16 with its byte-order mark: read as UTF-8 from here on. */
		size_t dlen, bad = 0;
		char *d = text_utf16_to_utf8(data + 2, len - 2, bom == 2, &dlen, &bad);
		if (!d) {
			ingest_report(w, path, _("out of memory; skipped"));
			w->rep->problems++;
			goto out;
		}
		free(data);
		data = d;
		len = dlen;
		w->utf16_invalid = bad;  /* reported with the article, once */
	}
	if (len == 0) {
		ingest_report(w, path, _("empty file; skipped"));
		w->rep->problems++;
		goto out;
	}
	if (text_looks_binary(data, len)) {
		ingest_report(w, path, _("not a text file (binary); skipped"));
		w->rep->problems++;
		goto out;
	}
	struct store_file rec = cur;
	rec.size = -1;
	rec.hash[0] = '\0';
	if (ingest_file_begin(w, path, &rec) < 0)
		goto out;
	cur.id = rec.id;
	if (ingest_has_suffix(path, ".jsonl")) {
		if (ingest_jsonl(w, path, cur.id, data, len) >= 0 && !ingest_stopping(w))
			ingest_file_done(w, path, &cur, false);
	} else if (ingest_is_feed_name(path)) {
		if (ingest_feed(w, path, cur.id, data, len) >= 0 && !ingest_stopping(w))
			ingest_file_done(w, path, &cur, false);
	} else if (ingest_text(w, path, path, cur.id, data, len, NULL, NULL, NULL) == 0) {
		ingest_file_done(w, path, &cur, false);
	}
out:
	w->utf16_invalid = 0;
	free(data);
}

/* ---- walking ------------------------------------------------------------ */

static bool seen_before(struct walk *w, const struct stat *sb)
{
	for (size_t i = 0; i < w->n_seen; i++)
		if (w->seen[i].dev == sb->st_dev && w->seen[i].ino == sb->st_ino)
			return true;
	if (w->n_seen == w->cap_seen) {
		size_t cap = w->cap_seen ? w->cap_seen * 2 : 16;
		struct visited *v = realloc(w->seen, cap * sizeof *v);
		if (!v)
			return true;  /* out of memory: do not descend */
		w->seen = v;
		w->cap_seen = cap;
	}
	w->seen[w->n_seen++] = (struct visited){ sb->st_dev, sb->st_ino };
	return false;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* True when `path` resolves to somewhere under the root folder. */
static bool inside_root(struct walk *w, const char *path)
{
	char *real = realpath(path, NULL);
	if (!real)
		return false;
	size_t n = strlen(w->root);
	bool ok = strncmp(real, w->root, n) == 0 && (real[n] == '/' || real[n] == '\0');
	free(real);
	return ok;
}

static void walk_dir(struct walk *w, const char *dir, bool nested);

/* A file of a kind margo does not read, counted by its suffix (lowercase
 * letters and digits only, at most 10; any other is counted as odd, ""). */
static void count_skipped(struct walk *w, const char *name)
{
	char ext[12] = "";
	const char *dot = strrchr(name, '.');
	if (dot && dot != name && dot[1] && strlen(dot) < sizeof ext) {
		size_t k = 0;
		ext[k++] = '.';
		for (const char *p = dot + 1; *p; p++) {
			char ch = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
			if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
				k = 0;
				break;
			}
			ext[k++] = ch;
		}
		ext[k] = '\0';
	}
	w->rep->skipped++;
	if (!*ext)
		return;
	for (size_t i = 0; i < w->n_skipped; i++)
		if (strcmp(w->skipped[i].ext, ext) == 0) {
			w->skipped[i].n++;
			return;
		}
	void *grown = util_grow(w->skipped, &w->cap_skipped, w->n_skipped, sizeof *w->skipped);
	if (!grown)
		return;  /* counted, not told by kind */
	w->skipped = grown;
	struct ingest_skipped_kind *k = &w->skipped[w->n_skipped++];
	memcpy(k->ext, ext, sizeof ext);
	k->n = 1;
}

/* Most first, then by suffix. */
static int cmp_skipped(const void *va, const void *vb)
{
	const struct ingest_skipped_kind *a = va, *b = vb;
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->ext, b->ext);
}

/* The commonest kinds into the report. */
static void skipped_kinds(struct walk *w)
{
	if (w->n_skipped)
		qsort(w->skipped, w->n_skipped, sizeof *w->skipped, cmp_skipped);
	for (size_t i = 0; i < w->n_skipped && i < INGEST_SKIPPED_KINDS; i++)
		w->rep->skipped_kind[w->rep->n_skipped_kinds++] = w->skipped[i];
}

/* A file margo reads: text, JSON Lines, or (by its content) a feed. */
static void walk_entry(struct walk *w, const char *path, const char *name)
{
	struct stat lsb, sb;
	if (lstat(path, &lsb) < 0) {
		ingest_report(w, path, _("%s; skipped"), strerror(errno));
		w->rep->problems++;
		return;
	}
	if (S_ISLNK(lsb.st_mode)) {
		if (stat(path, &sb) < 0) {
			ingest_report(w, path, "%s", errno == ELOOP ? _("symbolic link loop; skipped")
			                               : _("broken symbolic link; skipped"));
			w->rep->problems++;
			return;
		}
		if (!inside_root(w, path)) {
			ingest_report(w, path, _("symbolic link that leads outside the folder; skipped"));
			w->rep->problems++;
			return;
		}
	} else {
		sb = lsb;
	}
	if (name[0] == '.' && (S_ISDIR(sb.st_mode) || ingest_readable_name(name))) {
		/* Said, not counted as a problem: a corpus kept in git has one. */
		ingest_report(w, path, _("hidden %s; skipped (give its name to load it)"),
		              S_ISDIR(sb.st_mode) ? "folder" : "file");
		return;
	}
	if (S_ISDIR(sb.st_mode)) {
		walk_dir(w, path, true);
	} else if (S_ISREG(sb.st_mode)) {
		if (!ingest_readable_name(name)) {
			if (!w->counting)
				count_skipped(w, name);
			return;
		}
		if (w->counting) {
			w->pr.files_total++;
			w->pr.bytes_total += (unsigned long long)sb.st_size;
			return;
		}
		ingest_file(w, path, S_ISLNK(lsb.st_mode));
		w->pr.files++;
		w->pr.bytes += (unsigned long long)sb.st_size;
		progress(w, false);
	} else if (ingest_readable_name(name)) {
		ingest_report(w, path, _("not a regular file (FIFO, socket or device); skipped"));
		w->rep->problems++;
	}
}

static void walk_dir(struct walk *w, const char *dir, bool nested)
{
	struct stat sb;
	if (stat(dir, &sb) < 0)
		return;
	if (seen_before(w, &sb)) {
		if (nested && !w->counting) {
			ingest_report(w, dir, _("a folder already read (a link to it, or to a folder above it); skipped"));
			w->rep->problems++;
		}
		return;
	}
	DIR *d = opendir(dir);
	if (!d) {
		ingest_report(w, dir, _("cannot open folder: %s; skipped"), strerror(errno));
		w->rep->problems++;
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;  /* hidden ones are told of in walk_entry */
		void *grown = util_grow(names, &cap, n, sizeof *names);
		if (!grown)
			break;
		names = grown;
		if (!(names[n] = util_strdup(e->d_name)))
			break;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		if (!w->failed && !ingest_stopping(w)) {
			char *path = util_printf("%s/%s", strcmp(dir, "/") ? dir : "", names[i]);
			if (path)
				walk_entry(w, path, names[i]);
			free(path);
		}
		free(names[i]);
	}
	free(names);
}

/* Each path given: a folder is walked, a file read. */
static void walk_paths(struct walk *w, char *const *paths, size_t n)
{
	for (size_t i = 0; i < n && !w->failed && !ingest_stopping(w); i++) {
		/* Store absolute, resolved paths so a refresh from elsewhere
		 * finds the same articles. */
		char *real = realpath(paths[i], NULL);
		if (!real) {
			ingest_report(w, paths[i], _("%s; skipped"), strerror(errno));
			w->rep->problems++;
			continue;
		}
		struct stat sb;
		size_t files = w->pr.files, problems = w->rep->problems;
		bool folder = stat(real, &sb) == 0 && S_ISDIR(sb.st_mode);
		if (folder) {
			w->root = real;
			walk_dir(w, real, false);
			w->root = NULL;
		} else if (w->counting) {
			w->pr.files_total++;
			w->pr.bytes_total += (unsigned long long)sb.st_size;
		} else {
			ingest_file(w, real, true);
			w->pr.files++;
			w->pr.bytes += (unsigned long long)sb.st_size;
			progress(w, false);
		}
		/* A folder that gave nothing, and said nothing of why. */
		if (folder && !w->counting && !w->failed && !ingest_stopping(w) &&
		    w->pr.files == files && w->rep->problems == problems) {
			ingest_report(w, paths[i], _("no file margo reads in it (.txt, .jsonl, web pages: "
			                             ".html, .htm or .xhtml, each perhaps .gz, RSS or "
			                             "Atom feeds: .rss, .atom or .xml); nothing added"));
			w->rep->problems++;
		}
		free(real);
	}
}

int ingest_paths(struct store *st, const struct ingest_options *opt,
                 char *const *paths, size_t n, struct ingest_report *rep)
{
	struct walk w = { .st = st, .opt = opt, .rep = rep };
	memset(rep, 0, sizeof *rep);
	if (store_bulk_mode(st) < 0) {
		ingest_library_error(&w, _("cannot set up the library for loading"));
		return -1;
	}
	if (sqlite3_prepare_v2(store_db(st),
	        "SELECT json_valid(?1) AND json_type(?1) = 'object',"
	        " json_extract(?1, '$.title'), json_extract(?1, '$.text'),"
	        " json_extract(?1, '$.date'), json_extract(?1, '$.author'),"
	        " json_extract(?1, '$.url')", -1, &w.json, NULL) != SQLITE_OK) {
		ingest_library_error(&w, _("cannot read JSON"));
		return -1;
	}
	w.paths = paths;
	w.n_paths = n;
	w.started = w.last_shown = now_s();
	w.worker = ingest_worker_start();
	walk_paths(&w, paths, n);
	for (size_t i = 0; i < opt->n_buffers && !w.failed && !ingest_stopping(&w); i++)
		ingest_buffer(&w, &opt->buffers[i]);
	ingest_pipeline_flush(&w);
	read_end(&w);
	ingest_worker_stop(w.worker);
	if (!w.failed)
		ingest_batch_close(&w);
	if (w.failed) {
		/* What the rolled-back batch held was not saved after all. */
		store_rollback(st);
		rep->added = w.saved_added;
		rep->updated = w.saved_updated;
	}
	rep->stopped = ingest_stopping(&w);
	free(w.legacy);
	/* Entities are clustered over the whole corpus, once per ingest. */
	w.pr.entities = true;
	w.last_shown = 0;
	/* Only when some article's forms changed, in this load or in one
	 * that stopped before this point (a load asked to stop leaves it to
	 * the next one). */
	int stale = w.failed || rep->stopped || !opt->extractor ? 0 : store_entities_stale(st);
	if (stale)
		progress(&w, false);
	if (stale < 0 || (stale && store_entities_rebuild(st) < 0))
		ingest_library_error(&w, _("cannot rebuild the entity index"));
	progress(&w, true);
	sqlite3_finalize(w.json);
	free(w.seen);
	skipped_kinds(&w);
	free(w.skipped);
	return w.failed ? -1 : 0;
}
