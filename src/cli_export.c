/*
 * cli_export.c: the annotations written out: a listing (plain or JSON
 * Lines) and the exports (W3C JSON-LD, JSON Lines, CSV, Markdown).
 *
 * What is written cannot be turned against its reader: JSON escapes every
 * character a terminal or a viewer would act on, CSV fields that a
 * spreadsheet would take for a formula start with a quote mark (unless
 * --raw), Markdown escapes HTML and whatever would make a heading, a
 * quote, a list or a link of the text, and links only to http(s)
 * addresses.  To a terminal, CSV and Markdown are shown as the rest of
 * the command line shows text (text_render), each line on its own.
 *
 * A file named with -o is written to a temporary file beside it, flushed
 * to the disk and then renamed over the target, so that a failed export
 * (a full disk) leaves the previous file as it was.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "margo/store_annot.h"
#include "margo/text.h"
#include "cli_export.h"
#include "cli_impl.h"
#include "margo/i18n.h"

/* ---- the file written ------------------------------------------------------------ */


static const char *write_error(int err)
{
	return err == ENOSPC || err == EFBIG || err == EDQUOT ? _("disk full or file too large")
	                                                      : strerror(err);
}

/* Open the output: standard output, or a temporary file (0600) in the
 * target's folder.  An existing target is refused without --force, a
 * folder always.  0, or -1 after saying why. */
static int out_open(struct out_file *o, const struct annot_opts *opts)
{
	*o = (struct out_file) { .f = stdout };
	if (!opts->output || strcmp(opts->output, "-") == 0)
		return 0;
	o->path = opts->output;
	size_t len = strlen(o->path);
	struct stat sb;
	if (len == 0) {
		cli_error(_("-o needs a file name"));
		return -1;
	}
	if (o->path[len - 1] == '/' || (stat(o->path, &sb) == 0 && S_ISDIR(sb.st_mode))) {
		cli_error(_("%s: is a folder; give the name of a file to write"), o->path);
		return -1;
	}
	if (lstat(o->path, &sb) == 0) {
		o->existed = true;
		if (!opts->force) {
			cli_error(_("%s: exists already; give --force to replace it"), o->path);
			return -1;
		}
	} else if (errno != ENOENT) {
		cli_error("%s: %s", o->path, strerror(errno));
		return -1;
	}
	const char *slash = strrchr(o->path, '/');
	o->dir = slash ? util_strndup(o->path, slash == o->path ? 1 : (size_t)(slash - o->path))
	               : util_strdup(".");
	o->tmp = util_printf("%s/.%s.XXXXXX", o->dir ? o->dir : "", slash ? slash + 1 : o->path);
	if (!o->dir || !o->tmp) {
		cli_error(_("out of memory"));
		goto fail;
	}
	int fd = mkostemp(o->tmp, O_CLOEXEC);
	if (fd < 0) {
		cli_error(_("%s: cannot make a file in %s: %s"), o->path, o->dir, strerror(errno));
		goto fail;
	}
	if (fchmod(fd, 0600) < 0 || !(o->f = fdopen(fd, "w"))) {
		cli_error("%s: %s", o->path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		goto fail;
	}
	return 0;
fail:
	free(o->tmp);
	free(o->dir);
	o->tmp = o->dir = NULL;
	return -1;
}

/* Give up: the temporary file goes, the target stays as it was. */
static void out_abandon(struct out_file *o)
{
	if (o->path && o->f)
		fclose(o->f);
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->dir);
	o->tmp = o->dir = NULL;
	o->f = NULL;
}

/* Put the finished output in place: flushed, synced, renamed over the
 * target (linked, so that a file made meanwhile is not replaced, without
 * --force), and the folder synced.  0, or -1 after saying why. */
static int out_commit(struct out_file *o, bool force)
{
	if (!o->path) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			cli_error(_("standard output: cannot write: %s"), write_error(errno));
			return -1;
		}
		return 0;
	}
	int err = 0;
	errno = 0;
	if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0)
		err = errno ? errno : EIO;
	int rc = fclose(o->f);
	o->f = NULL;
	if (!err && rc != 0)
		err = errno;
	if (!err) {
		if (force) {
			rc = rename(o->tmp, o->path);
		} else if ((rc = link(o->tmp, o->path)) == 0) {
			unlink(o->tmp);
		} else if (errno != EEXIST) {
			/* A file system without hard links: the target was not there
			 * when the export began. */
			struct stat sb;
			rc = lstat(o->path, &sb) == 0 ? (errno = EEXIST, -1) : rename(o->tmp, o->path);
		}
		if (rc == 0) {
			free(o->tmp);  /* it is the target now */
			o->tmp = NULL;
		} else {
			if (errno == EEXIST)
				cli_error(_("%s: exists already; give --force to replace it"), o->path);
			else
				cli_error(_("%s: cannot put the file in place: %s"), o->path, strerror(errno));
			out_abandon(o);
			return -1;
		}
		int dfd = open(o->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0 || (fsync(dfd) != 0 && errno != EINVAL && errno != EROFS))
			err = errno;
		if (dfd >= 0)
			close(dfd);
		if (err) {
			cli_error(_("%s: written, but its folder could not be synced: %s"), o->path,
			          strerror(err));
			out_abandon(o);
			return -1;
		}
		free(o->tmp);
		free(o->dir);
		o->tmp = o->dir = NULL;
		return 0;
	}
	cli_error(o->existed ? _("%s: cannot write: %s; the file is as it was")
	                     : _("%s: cannot write: %s; no file was made"), o->path, write_error(err));
	out_abandon(o);
	return -1;
}

/* ---- the text written ------------------------------------------------------------ */

/* One markdown entry: an annotation under one of its tags. */
struct md_entry {
	char *tag, *title, *date, *url, *source, *quote, *note, *id;
	int64_t article, conflicts;
	struct store_annot_linked *links;
	size_t n_links;
};

struct out_ctx {
	FILE *f;
	enum annot_format format;
	char sep;
	bool raw;              /* CSV: no quote mark before formula-like fields */
	bool tty;              /* CSV and Markdown: shown as on a terminal */
	bool oom;
	int err;               /* the first write error */
	size_t n, misplaced;
	struct buf b;          /* the text of the row being written */
	struct md_entry *md;   /* markdown: the entries, grouped at the end */
	size_t n_md, cap_md;
	struct store *st;      /* markdown: for the links */
	const char *tag;       /* --tag: only rows of this tag and the tags under it */
	const char *coder;            /* --coder: only this coder's, or NULL */
};

static void put(struct out_ctx *c, const char *s, size_t len)
{
	if (buf_append(&c->b, s, len) < 0)
		c->oom = true;
}

static void puts_(struct out_ctx *c, const char *s)
{
	put(c, s, strlen(s));
}

/* Write the text built so far; 0, or -1 (c->err or c->oom set). */
static int flush_row(struct out_ctx *c)
{
	if (!c->oom && c->b.len && fwrite(c->b.data, 1, c->b.len, c->f) != c->b.len && !c->err)
		c->err = errno ? errno : EIO;
	buf_reset(&c->b);
	return c->oom || c->err ? -1 : 0;
}

/* `s` as it is, or as a terminal may be given it: each line through
 * text_render (controls shown as ^X, bidi controls dropped), line ends
 * kept.  malloc'd; NULL (c->oom set) when memory runs out. */
static char *shown(struct out_ctx *c, const char *s)
{
	s = s ? s : "";
	if (!c->tty) {
		char *d = util_strdup(s);
		c->oom |= !d;
		return d;
	}
	struct buf b = { 0 };
	bool ok = buf_puts(&b, "") == 0;
	for (const char *p = s; ok;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *r = text_render(p, n, 0, -1, NULL);
		ok = r && buf_puts(&b, r) == 0 && (!e || buf_putc(&b, '\n') == 0);
		free(r);
		if (!e)
			break;
		p = e + 1;
	}
	if (!ok) {
		buf_free(&b);
		c->oom = true;
		return NULL;
	}
	return buf_steal(&b);
}

/* ---- CSV ---------------------------------------------------------------------------- */

/* A CSV field, quoted when it must be (RFC 4180).  One that a spreadsheet
 * would take for a formula (starting with = + - @, a tab or a carriage
 * return) gets a ' before it, inside quotes, unless --raw. */
static void csv_field(struct out_ctx *c, const char *value, bool last)
{
	char *s = shown(c, value);
	if (s) {
		bool formula = !c->raw && *s && strchr("=+-@\t\r", *s);
		if (!formula && !strchr(s, c->sep) && !strpbrk(s, "\"\r\n")) {
			puts_(c, s);
		} else {
			puts_(c, formula ? "\"'" : "\"");
			for (const char *p = s, *q; *p; p = q + 1) {
				q = strchr(p, '"');
				put(c, p, q ? (size_t)(q - p) + 1 : strlen(p));
				if (!q)
					break;
				put(c, "\"", 1);
			}
			put(c, "\"", 1);
		}
	}
	free(s);
	puts_(c, last ? "\r\n" : (char[]) { c->sep, '\0' });
}

static void csv_num(struct out_ctx *c, int64_t v, bool shown_at_all)
{
	char num[32];
	snprintf(num, sizeof num, "%lld", (long long)v);
	csv_field(c, shown_at_all ? num : "", false);
}

static void csv_row(struct out_ctx *c, const struct store_annot_row *r, const char *tag)
{
	csv_field(c, r->id, false);
	csv_num(c, r->article, true);
	csv_field(c, r->title, false);
	csv_field(c, r->source, false);
	csv_field(c, r->date, false);
	csv_num(c, r->start, r->in_place);
	csv_num(c, r->end, r->in_place);
	csv_field(c, r->quote, false);
	csv_field(c, tag, false);
	csv_field(c, r->note, false);
	csv_field(c, r->author, false);
	csv_field(c, r->created, false);
	/* An open conflict is said in the status ("exact, conflict"). */
	char *status = r->conflicts ? util_printf("%s, conflict", r->status ? r->status : "") : NULL;
	if (r->conflicts && !status)
		c->oom = true;
	csv_field(c, status ? status : r->status, true);
	free(status);
}

/* ---- Markdown ------------------------------------------------------------------------ */

/* Keep one annotation under one tag for the report (copies: the row's
 * strings last only for the call). */
static void md_collect(struct out_ctx *c, const struct store_annot_row *r, const char *tag)
{
	struct md_entry *more = util_grow(c->md, &c->cap_md, c->n_md, sizeof *c->md);
	if (!more) {
		c->oom = true;
		return;
	}
	c->md = more;
	struct md_entry *m = &c->md[c->n_md];
	*m = (struct md_entry) {
		.tag = shown(c, tag), .title = shown(c, r->title), .date = shown(c, r->date),
		.url = util_strdup(r->url), .source = shown(c, r->source), .quote = shown(c, r->quote), .note = shown(c, r->note),
		.id = util_strdup(r->id), .article = r->article, .conflicts = r->conflicts,
	};
	c->n_md++;
	if (!m->tag || !m->title || !m->date || (r->url && !m->url) || !m->source || !m->quote ||
	    !m->note ||
	    !m->id)
		c->oom = true;
	if (store_annot_links(c->st, r->id, &m->links, &m->n_links) < 0) {
		m->links = NULL;
		m->n_links = 0;
	}
	for (size_t i = 0; i < m->n_links && c->tty; i++) {
		char *t = shown(c, m->links[i].title);
		free(m->links[i].title);
		m->links[i].title = t;
	}
}

static void md_free(struct out_ctx *c)
{
	for (size_t i = 0; i < c->n_md; i++) {
		struct md_entry *m = &c->md[i];
		free(m->tag), free(m->title), free(m->date), free(m->url), free(m->source);
		free(m->quote), free(m->note), free(m->id);
		store_annot_links_free(m->links, m->n_links);
	}
	free(c->md);
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* By tag, then article (title first), then quote, note and id. */
static int cmp_entry(const void *va, const void *vb)
{
	const struct md_entry *a = va, *b = vb;
	int d;
	if ((d = a->tag && b->tag ? store_tag_cmp(a->tag, b->tag) : cmp_str(a->tag, b->tag)) ||
	    (d = cmp_str(a->title, b->title)))
		return d;
	if (a->article != b->article)
		return a->article < b->article ? -1 : 1;
	if ((d = cmp_str(a->quote, b->quote)) || (d = cmp_str(a->note, b->note)))
		return d;
	return cmp_str(a->id, b->id);
}

/*
 * `len` bytes of text as Markdown that shows them and nothing more: HTML's
 * & < > " as entities; the characters of emphasis, code, links, tables,
 * strike-through and headings (\ ` * _ [ ] # | ~) escaped; at the start
 * of a line, whatever would open a list, a heading underline or a quote
 * (- + = "1." "1)"), and the blanks of an indented code block, escaped.
 * `one_line`: line ends become spaces (headings, list items).
 */
static void md_text(struct out_ctx *c, const char *s, size_t len, bool one_line)
{
	bool line_start = true;
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		if (ch == '\n') {
			put(c, one_line ? " " : "\n", 1);
			line_start = !one_line;
			continue;
		}
		if (line_start) {
			line_start = false;
			if (ch == ' ' || ch == '\t') {
				puts_(c, ch == ' ' ? "&#32;" : "&#9;");
				continue;
			}
			if (ch == '-' || ch == '+' || ch == '=') {
				put(c, "\\", 1);
				put(c, &ch, 1);
				continue;
			}
			size_t d = i;
			while (d < len && s[d] >= '0' && s[d] <= '9')
				d++;
			if (d > i && d < len && (s[d] == '.' || s[d] == ')')) {
				put(c, s + i, d - i);
				put(c, "\\", 1);
				put(c, s + d, 1);
				i = d;
				continue;
			}
		}
		switch (ch) {
		case '&': puts_(c, "&amp;"); break;
		case '<': puts_(c, "&lt;"); break;
		case '>': puts_(c, "&gt;"); break;
		case '"': puts_(c, "&quot;"); break;
		case '\\': case '`': case '*': case '_': case '[': case ']': case '#': case '|':
		case '~':
			put(c, "\\", 1);
			put(c, &ch, 1);
			break;
		default:
			put(c, &ch, 1);
		}
	}
}

static void md_line(struct out_ctx *c, const char *s)
{
	md_text(c, s ? s : "", s ? strlen(s) : 0, true);
}

/* Only http and https addresses are linked. */
static bool md_linkable(const char *url)
{
	return url && ((strncasecmp(url, "http://", 7) == 0 && url[7]) ||
	               (strncasecmp(url, "https://", 8) == 0 && url[8]));
}

/* An address as a link's destination: nothing in it may end the link or
 * make another (blanks, controls, quotes, brackets, backslashes and bytes
 * past ASCII are percent-encoded). */
static void md_url(struct out_ctx *c, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7f || strchr("<>\"'()\\`", *p)) {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			put(c, e, 3);
		} else {
			put(c, (const char *)p, 1);
		}
	}
}

/* The quote as one blockquote: every line of it after "> ". */
static void md_quote(struct out_ctx *c, const char *q)
{
	for (const char *p = q;;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		puts_(c, n ? "> " : ">");
		md_text(c, p, n, true);
		put(c, "\n", 1);
		if (!e)
			break;
		p = e + 1;
	}
	put(c, "\n", 1);
}

/* The levels of tag path `s` ("a/b/c": 3; "": 1). */
static size_t md_levels(const char *s)
{
	size_t n = 1;
	for (; *s; s++)
		n += *s == '/';
	return n;
}

/* A heading of `level` #s (at most 6). */
static void md_heading(struct out_ctx *c, size_t level)
{
	puts_(c, "\n");
	for (size_t i = 0; i < level && i < 6; i++)
		put(c, "#", 1);
	put(c, " ", 1);
}

/* The headings of a tag, nested by its levels ("## armi", then "###
 * munizioni" under it), from the first level it does not share with the
 * tag before it (NULL: none before). */
static void md_tag_headings(struct out_ctx *c, const char *tag, const char *before)
{
	size_t level = 0;
	const char *p = tag, *q = before;
	/* Skip the parents both have: their headings are written. */
	while (q) {
		size_t lp = strcspn(p, "/"), lq = strcspn(q, "/");
		if (p[lp] != '/' || lp != lq || strncmp(p, q, lp) != 0)
			break;
		level++;
		p += lp + 1;
		q = q[lq] == '/' ? q + lq + 1 : NULL;
	}
	for (;; level++) {
		size_t n = strcspn(p, "/");
		md_heading(c, 2 + level);
		if (!*tag)
			md_line(c, "(no tag)");
		else
			md_text(c, p, n, true);
		put(c, "\n", 1);
		if (!p[n])
			break;
		p += n + 1;
	}
}

/* The Markdown report: by tag (nested by its levels), then article,
 * quotes and notes. */
static void md_write(struct out_ctx *c)
{
	puts_(c, "# Annotations\n");
	qsort(c->md, c->n_md, sizeof *c->md, cmp_entry);
	for (size_t i = 0; i < c->n_md && flush_row(c) == 0; i++) {
		const struct md_entry *m = &c->md[i], *prev = i ? &c->md[i - 1] : NULL;
		bool new_tag = !prev || cmp_str(m->tag, prev->tag) != 0;
		if (new_tag)
			md_tag_headings(c, m->tag, prev ? prev->tag : NULL);
		if (new_tag || m->article != prev->article) {
			/* The article's heading one level under its tag's. */
			md_heading(c, 2 + md_levels(m->tag));
			if (md_linkable(m->url)) {
				puts_(c, "[");
				md_line(c, m->title);
				puts_(c, "](");
				md_url(c, m->url);
				put(c, ")", 1);
			} else {
				md_line(c, m->title);
			}
			if (m->date && *m->date) {
				puts_(c, " (");
				md_line(c, m->date);
				put(c, ")", 1);
			}
			puts_(c, "\n\n");
			if (!md_linkable(m->url) && m->source && *m->source) {
				/* What names the article elsewhere, when no link does. */
				puts_(c, "Source: ");
				md_line(c, m->source);
				puts_(c, "\n\n");
			}
		} else {
			/* The next annotation of the same article: a rule between. */
			puts_(c, "---\n\n");
		}
		md_quote(c, m->quote ? m->quote : "");
		if (m->note && *m->note) {
			md_text(c, m->note, strlen(m->note), false);
			puts_(c, "\n\n");
		}
		if (m->conflicts)
			puts_(c, "**Conflict:** an imported version of this annotation was not kept "
			         "(margo conflicts shows both)\n\n");
		if (m->n_links)
			puts_(c, "Linked:\n\n");
		for (size_t j = 0; j < m->n_links; j++) {
			puts_(c, "- ");
			md_line(c, m->links[j].kind);
			char num[48];
			snprintf(num, sizeof num, ": article %lld, ", (long long)m->links[j].article);
			puts_(c, num);
			md_line(c, m->links[j].title);
			puts_(c, j + 1 < m->n_links ? "\n" : "\n\n");
		}
	}
	flush_row(c);
}

/* ---- JSON and the listing ------------------------------------------------------------ */

static void json_put(struct out_ctx *c, const char *json)
{
	if (json && buf_json_harden(&c->b, json, strlen(json)) < 0)
		c->oom = true;
}

static void safe_put(struct out_ctx *c, const char *s)
{
	char *r = text_render(s ? s : "", s ? strlen(s) : 0, 0, -1, NULL);
	if (r)
		puts_(c, r);
	else
		c->oom = true;
	free(r);
}

/* Whether a row under `tag` belongs in an export asked for --tag: the
 * tag itself, or one under it ("a/b" under "a"). */
static bool tag_wanted(const struct out_ctx *c, const char *tag)
{
	if (!c->tag)
		return true;
	size_t n = strlen(c->tag);
	return strncmp(tag, c->tag, n) == 0 && (tag[n] == '\0' || tag[n] == '/');
}

static int emit(void *vctx, const struct store_annot_row *r)
{
	struct out_ctx *c = vctx;
	if (c->coder && !store_annot_coder_is(r->coder, c->coder))
		return 0;
	if (!r->in_place) {
		c->misplaced++;
		cli_error(_("%s (article %lld): its quote is not at its place (%s); written without "
		          "a position"), r->id, (long long)r->article, r->status);
	}
	switch (c->format) {
	case AF_PLAIN: {
		/* Our ids are "urn:uuid:..."; one imported may be anything. */
		const char *id = r->id ? r->id : "";
		safe_put(c, strncmp(id, "urn:uuid:", 9) == 0 ? id + 9 : id);
		char num[96];
		snprintf(num, sizeof num, "  %lld:%lld-%lld  ", (long long)r->article,
		         (long long)r->start, (long long)r->end);
		puts_(c, num);
		safe_put(c, r->status);
		for (size_t w = strlen(r->status ? r->status : ""); w < 6; w++)
			put(c, " ", 1);
		puts_(c, "  [");
		safe_put(c, r->tags);
		puts_(c, "]  ");
		safe_put(c, r->quote);
		if (r->conflicts)
			puts_(c, _("  ! conflict (margo conflicts)"));
		put(c, "\n", 1);
		break;
	}
	case AF_JSONL:
		json_put(c, r->json);
		put(c, "\n", 1);
		break;
	case AF_W3C:
		puts_(c, c->n ? ",\n      " : "\n      ");
		json_put(c, r->json);
		break;
	case AF_CSV:
	case AF_MARKDOWN: {
		/* One row per tag; an annotation without tags gets one row. */
		const char *p = r->tags && *r->tags ? r->tags : "";
		do {
			const char *e = strstr(p, ", ");
			char *tag = util_strndup(p, e ? (size_t)(e - p) : strlen(p));
			if (!tag)
				c->oom = true;
			else if (!tag_wanted(c, tag))
				;  /* another tag of an annotation that has the one asked for */
			else if (c->format == AF_CSV)
				csv_row(c, r, tag);
			else
				md_collect(c, r, tag);
			free(tag);
			p = e ? e + 2 : NULL;
		} while (p && !c->oom);
		break;
	}
	}
	c->n++;
	return flush_row(c) < 0 ? 1 : 0;
}

int cli_write_annotations(const struct cli_env *env, const struct annot_opts *o,
                          enum annot_format format)
{
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_READ, &st) < 0)
		return CLI_FAILED;
	struct out_file out;
	if (out_open(&out, o) < 0) {
		store_close(&st);
		return CLI_FAILED;
	}
	struct out_ctx c = { .f = out.f, .format = format, .sep = o->separator ? o->separator : ',',
	                     .raw = o->raw, .st = st, .tag = o->tag, .coder = o->coder,
	                     .tty = !out.path && isatty(STDOUT_FILENO) };
	if (format == AF_W3C)
		puts_(&c, "{\n  \"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n"
		          "  \"type\": \"AnnotationCollection\",\n  \"label\": \"margo annotations\",\n"
		          "  \"first\": {\n    \"type\": \"AnnotationPage\",\n    \"items\": [");
	if (format == AF_CSV) {
		const char *h[] = { "id", "article", "title", "source", "date", "start", "end", "quote",
		                    "tag", "note", "author", "created", "status" };
		for (int i = 0; i < 13; i++) {
			puts_(&c, h[i]);
			puts_(&c, i < 12 ? (char[]) { c.sep, '\0' } : "\r\n");
		}
	}
	int rc = flush_row(&c) < 0 ? 1 : store_annot_each(st, o->tag, o->article, emit, &c);
	if (rc == 0 && format == AF_W3C) {
		char tail[96];
		snprintf(tail, sizeof tail, "\n    ]\n  },\n  \"total\": %zu\n}\n", c.n);
		puts_(&c, tail);
		rc = flush_row(&c) < 0;
	}
	if (rc == 0 && format == AF_MARKDOWN) {
		md_write(&c);
		rc = c.oom || c.err;
	}
	md_free(&c);
	buf_free(&c.b);
	int status = CLI_OK;
	if (rc < 0) {
		cli_error("%s: %s", env->db_path, store_errmsg(st));
		status = CLI_FAILED;
	} else if (c.oom) {
		cli_error("%s", out.path ? _("out of memory; no file was written") : _("out of memory"));
		status = CLI_FAILED;
	} else if (c.err) {
		if (out.path)
			cli_error(out.existed ? _("%s: cannot write: %s; the file is as it was")
			                      : _("%s: cannot write: %s; no file was made"), out.path, write_error(c.err));
		else
			cli_error(_("standard output: cannot write: %s"), write_error(c.err));
		status = CLI_FAILED;
	} else if (out_commit(&out, o->force) < 0) {
		status = CLI_FAILED;
	} else if (c.misplaced) {
		status = CLI_PARTIAL;
	}
	if (status == CLI_FAILED)
		out_abandon(&out);
	store_close(&st);
	return status;
}

int cli_out_open(struct out_file *o, const char *path, bool force)
{
	struct annot_opts a = { .output = path, .force = force };
	return out_open(o, &a);
}

int cli_out_commit(struct out_file *o, bool force)
{
	return out_commit(o, force);
}

void cli_out_abandon(struct out_file *o)
{
	out_abandon(o);
}
