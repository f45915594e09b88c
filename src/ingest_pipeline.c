/*
 * ingest_pipeline.c: the write pipeline of a load.
 *
 * Reading an article's text into paragraphs and sentences and finding its
 * entities take as long as writing it, and the two need not wait for each
 * other: while article k is written (on the walking thread, the only one
 * that touches the library), the articles after it are canonicalised,
 * parsed and their entities found by a worker thread started once per
 * load.  Up to PIPELINE_DEPTH articles wait, so the worker keeps going
 * while a commit writes the index, and an article slow to prepare does
 * not stop the writing.  What an article's text gives rise to (invalid
 * UTF-8, no text at all) is told when it is written, so messages keep the
 * order of the input.  An article already in the library unchanged needs
 * no entities, so a refresh costs nothing more.
 */
#include <config.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "margo/html.h"
#include "margo/ingest.h"
#include "margo/store_entity.h"
#include "margo/text.h"
#include "margo/util.h"
#include "ingest_impl.h"
#include "margo/i18n.h"

struct pending {
	char *key, *url, *origin, *path;
	char hash[17];
	int64_t file_id;
	size_t utf16_invalid;     /* of its file, told with it */
	/* the worker's input */
	char *raw;
	size_t raw_len;
	char *hint[3];            /* title, author, date */
	bool hints;
	const struct corpus_rules *rules;
	const struct entity_extractor *x;
	bool same;                /* in the library as it is: no entities */
	struct corpus_dropped *left;  /* what a page's extraction left out */
	size_t n_left, more_left;
	/* the worker's output (read once ready) */
	int parsed;               /* 0, or -1: out of memory */
	struct text_stats stats;
	struct corpus_article a;
	bool extracted;           /* rc, m and n hold entity_extract's result */
	int rc;
	struct entity_mention *m;
	size_t n;
	bool ready;               /* under the worker's lock */
	bool has_pos;             /* a JSON Lines line: where its file stands */
	struct ingest_pos pos;
	bool marker;              /* no article: the file `rec` is all written */
	bool resumed;             /* ... some of it in a load before this one */
	struct store_file rec;
	struct pending *next;     /* in the worker's queue */
	struct pending *wnext;    /* in the writer's queue (struct walk) */
};

#define PIPELINE_DEPTH 16                   /* articles waiting, at most */
#define PIPELINE_BYTES (16L * 1024 * 1024)  /* and their text, unless one alone */

struct ingest_worker {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct pending *head, *tail;
	bool quit;
};

static void pending_entities_now(struct pending *p)
{
	p->rc = entity_extract(p->x, p->a.body, p->a.body_len, p->a.date, &p->m, &p->n);
	p->extracted = true;
}

/* What the page's extraction left out goes before the lines the parse
 * dropped, with the count of the blocks not kept ("not-kept") after it.
 * 0, or -1 when memory runs out. */
static int join_left(struct pending *p)
{
	size_t n = p->n_left + (p->more_left > 0) + p->a.n_dropped;
	struct corpus_dropped *v = calloc(n, sizeof *v);
	char *more = p->more_left ? util_printf("%zu", p->more_left) : NULL;
	if (!v || (p->more_left && !more)) {
		free(v);
		free(more);
		return -1;
	}
	if (p->n_left)
		memcpy(v, p->left, p->n_left * sizeof *v);
	size_t k = p->n_left;
	if (more)
		v[k++] = (struct corpus_dropped){ CORPUS_DROP_NOT_KEPT, more };
	if (p->a.n_dropped)
		memcpy(v + k, p->a.dropped, p->a.n_dropped * sizeof *v);
	free(p->a.dropped);
	free(p->left);
	p->left = NULL;
	p->n_left = 0;
	p->a.dropped = v;
	p->a.n_dropped = n;
	return 0;
}

/* The worker's part: canonical text, parse, entities. */
static void prepare(struct pending *p)
{
	size_t clen;
	char *canon = text_canonicalize(p->raw, p->raw_len, &clen, &p->stats);
	free(p->raw);
	p->raw = NULL;
	struct corpus_hints h = { .title = p->hint[0], .author = p->hint[1], .date = p->hint[2] };
	if (!canon || corpus_parse(p->rules, canon, clen, p->hints ? &h : NULL, &p->a) < 0) {
		free(canon);
		p->parsed = -1;
		return;
	}
	free(canon);
	if ((p->n_left || p->more_left) && join_left(p) < 0) {
		corpus_article_free(&p->a);
		p->parsed = -1;
		return;
	}
	if (p->x && !p->same && p->a.n_paras > 0)
		pending_entities_now(p);
}

static void *worker_main(void *arg)
{
	struct ingest_worker *k = arg;
	pthread_mutex_lock(&k->mu);
	for (;;) {
		while (!k->head && !k->quit)
			pthread_cond_wait(&k->cv, &k->mu);
		struct pending *p = k->head;
		if (!p)
			break;
		pthread_mutex_unlock(&k->mu);
		prepare(p);
		pthread_mutex_lock(&k->mu);
		k->head = p->next;
		if (!k->head)
			k->tail = NULL;
		p->ready = true;
		pthread_cond_broadcast(&k->cv);
	}
	pthread_mutex_unlock(&k->mu);
	return NULL;
}

struct ingest_worker *ingest_worker_start(void)
{
	struct ingest_worker *k = calloc(1, sizeof *k);
	if (!k)
		return NULL;
	if (pthread_mutex_init(&k->mu, NULL) != 0) {
		free(k);
		return NULL;
	}
	if (pthread_cond_init(&k->cv, NULL) != 0) {
		pthread_mutex_destroy(&k->mu);
		free(k);
		return NULL;
	}
	if (pthread_create(&k->thread, NULL, worker_main, k) != 0) {
		pthread_cond_destroy(&k->cv);
		pthread_mutex_destroy(&k->mu);
		free(k);
		return NULL;
	}
	return k;
}

/* Stop the worker once its queue is empty. */
void ingest_worker_stop(struct ingest_worker *k)
{
	if (!k)
		return;
	pthread_mutex_lock(&k->mu);
	k->quit = true;
	pthread_cond_broadcast(&k->cv);
	pthread_mutex_unlock(&k->mu);
	pthread_join(k->thread, NULL);
	pthread_cond_destroy(&k->cv);
	pthread_mutex_destroy(&k->mu);
	free(k);
}

static void worker_submit(struct ingest_worker *k, struct pending *p)
{
	if (!k) {
		prepare(p);
		p->ready = true;
		return;
	}
	pthread_mutex_lock(&k->mu);
	if (k->tail)
		k->tail->next = p;
	else
		k->head = p;
	k->tail = p;
	pthread_cond_broadcast(&k->cv);
	pthread_mutex_unlock(&k->mu);
}

static void worker_wait(struct ingest_worker *k, struct pending *p)
{
	if (!k)
		return;
	pthread_mutex_lock(&k->mu);
	while (!p->ready)
		pthread_cond_wait(&k->cv, &k->mu);
	pthread_mutex_unlock(&k->mu);
}

/* The entities of p, found now if the worker did not (the article was
 * unchanged when it was queued, and changed before its turn). */
static int pending_entities(struct pending *p)
{
	if (!p->x)
		return 0;
	if (!p->extracted)
		pending_entities_now(p);
	return p->rc;
}

static void pending_free(struct pending *p)
{
	if (!p)
		return;
	if (p->extracted && p->rc == 0)
		entity_mentions_free(p->m, p->n);
	if (p->parsed == 0)
		corpus_article_free(&p->a);
	for (int i = 0; i < 3; i++)
		free(p->hint[i]);
	for (size_t i = 0; i < p->n_left; i++)
		free(p->left[i].text);
	free(p->left);
	free(p->raw);
	free(p->key);
	free(p->url);
	free(p->origin);
	free(p->path);
	free(p);
}

/* Store one parsed article inside the current batch. */
static int put_article(struct walk *w, struct pending *p)
{
	struct store_article_in in = {
		.key = p->key, .file_id = p->file_id, .source_hash = p->hash, .url = p->url,
		.origin = p->origin, .parsed = &p->a, .anchors = &w->rep->anchors,
	};
	if (ingest_batch_open(w) < 0)
		return -1;
	if (store_savepoint(w->st) < 0) {
		ingest_library_error(w, "cannot write to the library");
		return -1;
	}
	int64_t id;
	enum store_put_result res;
	if ((p->pos.adopt && store_article_rekey(w->st, p->pos.adopt, p->key) < 0) ||
	    store_article_put(w->st, &in, &id, &res) < 0 ||
	    (p->has_pos && p->pos.bytes > 0 &&
	     store_file_progress(w->st, p->file_id, p->pos.bytes, p->pos.lines, p->pos.hash) < 0) ||
	    (res != STORE_PUT_SAME && p->x &&
	     (pending_entities(p) < 0 ||
	      store_mentions_put(w->st, id, &p->a, p->m, p->n, res == STORE_PUT_ADDED) < 0))) {
		ingest_library_error(w, _("cannot store an article"));
		store_savepoint_rollback(w->st);
		return -1;
	}
	store_savepoint_release(w->st);
	if (w->put_file != p->file_id) {
		w->put_file = p->file_id;
		w->put_count = 0;
	}
	w->put_count++;
	if (res == STORE_PUT_ADDED)
		w->rep->added++;
	else if (res == STORE_PUT_UPDATED)
		w->rep->updated++;
	else
		w->rep->unchanged++;
	return ingest_article_done(w);
}

/* A file's articles are written (in this batch or one before): its row
 * says it is loaded, in the transaction of its last article.  A file that
 * gave none is not recorded, unless articles from it are there already. */
static int put_marker(struct walk *w, struct pending *p)
{
	if (ingest_batch_open(w) < 0)
		return -1;
	bool wrote = w->put_file == p->rec.id && w->put_count > 0;
	struct store_file rec = p->rec;
	rec.done_bytes = rec.done_lines = 0;
	rec.done_hash[0] = '\0';
	if (wrote || p->resumed ? store_file_put(w->st, p->path, &rec) < 0
	                        : store_file_forget_if_empty(w->st, p->rec.id) < 0) {
		ingest_library_error(w, "cannot write to the library");
		return -1;
	}
	w->put_file = 0;
	w->put_count = 0;
	return 0;
}

/* What an article's text gave rise to, told as it is written; false
 * when there is nothing to write. */
static bool pending_usable(struct walk *w, struct pending *p)
{
	if (p->parsed < 0) {
		ingest_report(w, p->path, _("out of memory"));
		w->rep->problems++;
		return false;
	}
	if (p->a.n_paras == 0) {
		ingest_report(w, p->path, _("no article text found; skipped"));
		w->rep->problems++;
		return false;
	}
	if (p->stats.invalid)
		ingest_report(w, p->path, ngettext("%zu invalid UTF-8 sequence replaced by U+FFFD",
		                                   "%zu invalid UTF-8 sequences replaced by U+FFFD",
		                                   p->stats.invalid), p->stats.invalid);
	if (p->utf16_invalid)
		ingest_report(w, p->path, ngettext("%zu invalid UTF-16 unit replaced by U+FFFD",
		                                   "%zu invalid UTF-16 units replaced by U+FFFD",
		                                   p->utf16_invalid), p->utf16_invalid);
	return true;
}

/* Write the articles waiting in the pipeline, oldest first, until at most
 * `keep` wait and their text is within PIPELINE_BYTES (after a library
 * error, only let them go).  0 or -1. */
static int pipeline_drain(struct walk *w, size_t keep)
{
	int ret = 0;
	bool was = w->draining;
	w->draining = true;  /* messages told from here are in order already */
	while (w->queued > keep || (w->queued && w->queued_bytes > PIPELINE_BYTES)) {
		struct pending *p = w->queue;
		w->queue = p->wnext;
		if (!w->queue)
			w->queue_tail = NULL;
		w->queued--;
		w->queued_bytes -= p->raw_len;
		worker_wait(w->worker, p);
		if (p->marker) {
			if (!w->failed && put_marker(w, p) < 0)
				ret = -1;
		} else if (!w->failed && pending_usable(w, p) && put_article(w, p) < 0) {
			ret = -1;
		}
		pending_free(p);
	}
	w->draining = was;
	return ret;
}

int ingest_pipeline_flush(struct walk *w)
{
	return pipeline_drain(w, 0);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The host part of a URL, for the list's source column. */
static char *url_host(const char *url)
{
	const char *p = strstr(url, "://");
	if (!p)
		return NULL;
	p += 3;
	size_t n = strcspn(p, "/?#:");
	if (n == 0)
		return NULL;
	if (n > 4 && strncasecmp(p, "www.", 4) == 0) {
		p += 4;
		n -= 4;
	}
	return util_strndup(p, n);
}

/* After what waits already, in input order; the oldest are written while
 * the newer ones are prepared. */
static int enqueue(struct walk *w, struct pending *p)
{
	if (w->queue_tail)
		w->queue_tail->wnext = p;
	else
		w->queue = p;
	w->queue_tail = p;
	w->queued++;
	w->queued_bytes += p->raw_len;
	return pipeline_drain(w, PIPELINE_DEPTH);
}

/* Hand the text of one article to the pipeline: it is canonicalised,
 * parsed and its entities found on the worker while the articles before
 * it are written. */
int ingest_text(struct walk *w, const char *key, const char *path, int64_t file_id,
                const char *raw, size_t len, const struct corpus_hints *hints,
                const char *url, const struct ingest_pos *pos)
{
	return ingest_page_text(w, key, path, file_id, raw, len, hints, url, pos, NULL);
}

int ingest_page_text(struct walk *w, const char *key, const char *path, int64_t file_id,
                     const char *raw, size_t len, const struct corpus_hints *hints,
                     const char *url, const struct ingest_pos *pos, struct html_page *page)
{
	struct pending *p = calloc(1, sizeof *p);
	char *host = url ? url_host(url) : NULL;
	bool ok = p && (p->key = util_strdup(key)) && (p->path = util_strdup(path)) &&
	          (!url || (p->url = util_strdup(url))) &&
	          (p->origin = host ? host : util_strdup(base_name(path))) &&
	          (p->raw = malloc(len + 1));
	if (ok && hints) {
		const char *h[3] = { hints->title, hints->author, hints->date };
		p->hints = true;
		for (int i = 0; i < 3 && ok; i++)
			ok = !h[i] || (p->hint[i] = util_strdup(h[i]));
	}
	if (!ok) {
		if (!p || !p->origin)
			free(host);
		pending_free(p);
		ingest_report(w, path, _("out of memory"));
		w->rep->problems++;
		return 0;
	}
	memcpy(p->raw, raw, len);
	p->raw[len] = '\0';
	p->raw_len = len;
	p->file_id = file_id;
	if (pos) {
		p->has_pos = true;
		p->pos = *pos;
	}
	p->utf16_invalid = w->utf16_invalid;
	util_hash_hex(raw, len, p->hash);
	if (page && (page->n_dropped || page->more)) {
		/* What was left out is part of what is stored: when it changes,
		 * the article is written again. */
		uint64_t h = util_fnv1a_more(UTIL_FNV1A_INIT, raw, len);
		for (size_t i = 0; i < page->n_dropped; i++) {
			const char *kind = corpus_drop_kind_name(page->dropped[i].kind);
			h = util_fnv1a_more(h, kind, strlen(kind) + 1);
			h = util_fnv1a_more(h, page->dropped[i].text, strlen(page->dropped[i].text) + 1);
		}
		h = util_fnv1a_more(h, &page->more, sizeof page->more);
		snprintf(p->hash, sizeof p->hash, "%016llx", (unsigned long long)h);
		p->left = page->dropped;
		p->n_left = page->n_dropped;
		p->more_left = page->more;
		page->dropped = NULL;
		page->n_dropped = 0;
	}
	p->rules = w->opt->rules;
	p->x = w->opt->extractor;
	/* An article already there as it is needs no entities (were it to
	 * change before its turn, they are found then). */
	p->same = store_article_unchanged(w->st, p->key, p->hash) == 1;
	worker_submit(w->worker, p);
	return enqueue(w, p);
}

void ingest_file_done(struct walk *w, const char *path, const struct store_file *f,
                      bool resumed)
{
	struct pending *p = calloc(1, sizeof *p);
	if (!p || !(p->path = util_strdup(path))) {
		free(p);
		ingest_report(w, path, _("out of memory"));
		w->rep->problems++;
		return;
	}
	p->marker = true;
	p->resumed = resumed;
	p->rec = *f;
	p->ready = true;  /* nothing for the worker */
	enqueue(w, p);
}
