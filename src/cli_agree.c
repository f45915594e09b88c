/*
 * cli_agree.c: how far coders agree, from the shell.
 *
 *   margo agreement --coders A,B[,C...] [--tag T] [--article ID]
 *                   [--unit sentence|character] [--format plain|jsonl] [--units]
 *
 * Each unit (a sentence, or a character, of an article some listed coder
 * annotated) and each tag make one row of reliability data: whether each
 * coder gave the tag to an annotation over the unit (missing where the
 * coder annotated nothing in the article).  src/agreement.c computes the
 * statistics, per tag and over all tags' rows together.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "margo/agreement.h"
#include "margo/store_agree.h"
#include "margo/store_annot.h"
#include "cli_export.h"
#include "cli_impl.h"
#include "margo/i18n.h"

static const char agreement_usage[] =
	N_("Usage: margo agreement [--db FILE] --coders A,B[,C...] [--tag T] [--article ID]\n"
	"                       [--unit sentence|character] [--format plain|jsonl]\n"
	"                       [--units]\n"
	"How far coders agree, per tag and over all tags: percent agreement,\n"
	"Cohen's kappa (exactly two coders) and Krippendorff's alpha (nominal, any\n"
	"number of coders).  Each unit is a sentence (or, with --unit character, a\n"
	"character) of the articles any of the coders annotated (or of --article);\n"
	"for each tag a coder said yes when an annotation of theirs with the tag\n"
	"covers some of the unit.  A coder who annotated nothing in an article is\n"
	"missing there: alpha allows it, kappa leaves those units out (the count\n"
	"is given).  --tag T takes T and the tags under it as one tag.  \"-\": the\n"
	"data cannot give the statistic (no unit both coded, or no variation).\n"
	"--units lists each unit's values instead (JSON Lines: tag, article,\n"
	"unit, values in the order of --coders, null for missing).\n");

struct agree_opts {
	const char *coders, *tag, *unit, *format;
	int64_t article;
	bool units;
};

static int take_agree_opts(int argc, char **argv, struct agree_opts *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = strcmp(a, "--coders") == 0 ? &o->coders
		                  : strcmp(a, "--tag") == 0 ? &o->tag
		                  : strcmp(a, "--unit") == 0 ? &o->unit
		                  : strcmp(a, "--format") == 0 ? &o->format : NULL;
		if (slot || strcmp(a, "--article") == 0) {
			if (i + 1 >= argc) {
				cli_error(_("%s needs a value"), a);
				return -1;
			}
			const char *v = argv[++i];
			if (slot) {
				*slot = v;
			} else if (util_parse_id(v, &o->article) < 0 || o->article == 0) {
				cli_error(_("--article needs an article ID (a number from \"margo list\")"));
				return -1;
			}
		} else if (strcmp(a, "--units") == 0) {
			o->units = true;
		} else {
			cli_error(_("agreement: unexpected argument \"%s\""), a);
			return -1;
		}
	}
	return 0;
}

/* The names of --coders (comma-separated, blanks around each trimmed):
 * at least two, distinct, each a coder's name.  0, or -1 after saying why. */
static int parse_coders(const char *arg, char ***names, size_t *n)
{
	char *all = NULL;
	*names = NULL;
	*n = 0;
	if (cli_user_text("agreement", "--coders", arg, &all) < 0)
		return -1;
	char **v = NULL;
	size_t k = 0;
	int rc = 0;
	for (char *p = all; rc == 0;) {
		char *comma = strchr(p, ',');
		char *end = comma ? comma : p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		char *name = util_strndup(p, (size_t)(end - p));
		char **nv = name ? realloc(v, (k + 1) * sizeof *v) : NULL;
		if (!nv) {
			free(name);
			cli_error(_("%s: out of memory"), "agreement");
			rc = -1;
			break;
		}
		v = nv;
		v[k++] = name;
		if (!store_coder_name_ok(name)) {
			cli_error(_("agreement: --coders: \"%s\" is not a name (1 to 100 characters, none of "
			            "them a control character)"), name);
			rc = -1;
		}
		for (size_t i = 0; rc == 0 && i + 1 < k; i++)
			if (strcmp(v[i], name) == 0) {
				cli_error(_("agreement: --coders names \"%s\" twice"), name);
				rc = -1;
			}
		if (!comma)
			break;
		p = comma + 1;
	}
	if (rc == 0 && k < 2) {
		cli_error(_("agreement: --coders needs two coders or more, comma-separated"));
		rc = -1;
	}
	free(all);
	if (rc < 0) {
		for (size_t i = 0; i < k; i++)
			free(v[i]);
		free(v);
		return -1;
	}
	*names = v;
	*n = k;
	return 0;
}

/* The statistics of one tag, fed an article at a time. */
struct agree_tag {
	const char *name;
	struct agree_acc *acc;
};

/* A statistic as text, rounded to `places` decimals whatever the locale
 * ("-" or null when not defined). */
static void put_value(struct buf *b, struct agree_value v, int places, bool json)
{
	if (!v.defined) {
		buf_printf(b, "%s", json ? "null" : "-");
		return;
	}
	long scale = places == 3 ? 1000 : 1000000;
	double x = v.value * (double)scale;
	long r = (long)(x < 0 ? x - 0.5 : x + 0.5);
	const char *sign = r < 0 ? "-" : "";
	if (r < 0)
		r = -r;
	buf_printf(b, "%s%ld.%0*ld", sign, r / scale, places, r % scale);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct agree_run {
	char **coders;
	size_t nc;
	struct agree_tag *tags;
	size_t nt;
	struct agree_acc *all;              /* every tag's rows together */
	size_t articles, units, left_out;   /* left_out: rows kappa leaves (per tag) */
	bool list;                          /* --units: print each row */
	bool out_failed;                    /* writing the rows failed */
	int *rows;                          /* one article's rows of one tag */
	size_t cap;                         /* rows' room, in rows */
};

/* With --units, the rows of one tag of one article as JSON Lines. */
static void list_rows(struct agree_run *r, const char *tag, int64_t article, size_t n)
{
	struct buf b = { 0 };
	for (size_t u = 0; u < n && !r->out_failed; u++) {
		buf_printf(&b, "{");
		cli_json_field(&b, "tag", tag, 1);
		buf_printf(&b, ",\"article\":%lld,\"unit\":%zu,\"values\":[", (long long)article, u);
		for (size_t c = 0; c < r->nc; c++) {
			int v = r->rows[u * r->nc + c];
			if (v == AGREE_MISSING)
				buf_printf(&b, "%snull", c ? "," : "");
			else
				buf_printf(&b, "%s%d", c ? "," : "", v);
		}
		buf_printf(&b, "]}");
		if (cli_flush_line(&b) < 0)
			r->out_failed = true;
	}
	buf_free(&b);
}

/* Add the rows of every tag for one article, whose marks are marks[0..nm)
 * and whose coders are those of coded[0..ncoded): 1, 0 no such article,
 * -1 error. */
static int add_article(struct store *st, struct agree_run *r, int64_t id, bool by_char,
                       const struct store_mark *marks, size_t nm, const struct store_coded *coded,
                       size_t ncoded, bool whole_tag)
{
	struct store_article a = { 0 };
	int got = store_article_get(st, id, &a);
	if (got <= 0)
		return got;
	size_t n = by_char ? u8_mbsnlen((const uint8_t *)a.body, a.body_len) : a.n_sentences;
	bool *present = calloc(r->nc, sizeof *present);
	if (present && n > r->cap) {
		int *rows = realloc(r->rows, n * r->nc * sizeof *rows);
		if (rows) {
			r->rows = rows;
			r->cap = n;
		}
	}
	if (!present || n > r->cap) {
		free(present);
		store_article_free(&a);
		return -1;
	}
	bool all = true;
	for (size_t c = 0; c < r->nc; c++) {
		for (size_t i = 0; i < ncoded; i++)
			if (store_annot_coder_is(coded[i].coder, r->coders[c]))
				present[c] = true;
		all = all && present[c];
	}
	int rc = 0;
	for (size_t t = 0; t < r->nt && rc == 0; t++) {
		struct agree_tag *tg = &r->tags[t];
		for (size_t u = 0; u < n; u++)
			for (size_t c = 0; c < r->nc; c++)
				r->rows[u * r->nc + c] = present[c] ? 0 : AGREE_MISSING;
		for (size_t i = 0; i < nm; i++) {
			const struct store_mark *m = &marks[i];
			if (!whole_tag && strcmp(m->tag, tg->name) != 0)
				continue;
			for (size_t c = 0; c < r->nc; c++) {
				if (!present[c] || !store_annot_coder_is(m->coder, r->coders[c]))
					continue;
				if (by_char) {
					size_t s = m->start < 0 ? 0 : (size_t)m->start;
					size_t e = (size_t)m->end < n ? (size_t)m->end : n;
					for (size_t u = s; u < e; u++)
						r->rows[u * r->nc + c] = 1;
					continue;
				}
				for (size_t u = 0; u < n; u++)
					if ((int64_t)a.sentences[u].cp_start < m->end &&
					    (int64_t)a.sentences[u].cp_end > m->start)
						r->rows[u * r->nc + c] = 1;
			}
		}
		if (agree_acc_add(tg->acc, r->rows, n) < 0 || agree_acc_add(r->all, r->rows, n) < 0)
			rc = -1;
		else if (r->list)
			list_rows(r, tg->name, id, n);
	}
	r->articles++;
	r->units += n;
	if (!all)
		r->left_out += n;
	free(present);
	store_article_free(&a);
	return rc < 0 ? -1 : 1;
}

static void put_row(struct buf *b, const struct agree_run *r, const char *tag,
                    const struct agree_result *res, bool json, bool overall)
{
	if (json) {
		buf_printf(b, "{");
		cli_json_field(b, "tag", tag, 1);
		buf_printf(b, ",\"overall\":%s,\"units\":%zu,\"pairable\":%zu,\"kappa_units\":%zu,"
		           "\"left_out_of_kappa\":%zu,\"agreement\":", overall ? "true" : "false",
		           res->units, res->pairable, r->nc == 2 ? res->both : 0,
		           r->nc == 2 ? res->units - res->both : 0);
		put_value(b, res->percent, 6, true);
		buf_printf(b, ",\"kappa\":");
		put_value(b, res->kappa, 6, true);
		buf_printf(b, ",\"alpha\":");
		put_value(b, res->alpha, 6, true);
		buf_printf(b, "}");
		return;
	}
	buf_printf(b, "%8zu %8zu  ", res->units, res->pairable);
	const struct agree_value *v[] = { &res->percent, &res->kappa, &res->alpha };
	for (size_t i = 0; i < 3; i++) {
		size_t before = b->len;
		put_value(b, *v[i], 3, false);
		/* Each column 7 wide, a sign or "-" included. */
		for (size_t w = b->len - before; w < 7; w++)
			buf_printf(b, " ");
	}
	buf_printf(b, "%s", tag);
}

/* A line of the plain report, made safe for a terminal (a tag or a name
 * could hold control characters). */
static int plain_line(struct buf *b)
{
	cli_put_safe(stdout, b->data ? b->data : "", b->len);
	buf_reset(b);
	return putchar('\n') == EOF ? -1 : 0;
}

static int report(const struct agree_run *r, bool json, const char *unit_name)
{
	int failed = 0;
	struct buf b = { 0 };
	if (!json) {
		buf_printf(&b, _("coders: "));
		for (size_t c = 0; c < r->nc; c++)
			buf_printf(&b, "%s%s", c ? ", " : "", r->coders[c]);
		buf_printf(&b, _("; unit: %s; articles: %zu; units: %zu"), unit_name, r->articles, r->units);
		failed |= plain_line(&b) < 0;
		buf_printf(&b, "%s", _("   units pairable  agree  kappa  alpha  tag"));
		failed |= plain_line(&b) < 0;
	}
	for (size_t t = 0; t < r->nt && !failed; t++) {
		struct agree_result res;
		agree_acc_result(r->tags[t].acc, &res);
		put_row(&b, r, r->tags[t].name, &res, json, false);
		failed |= (json ? cli_flush_line(&b) : plain_line(&b)) < 0;
	}
	if (!failed) {
		struct agree_result res;
		agree_acc_result(r->all, &res);
		put_row(&b, r, json ? NULL : _("(all tags)"), &res, json, true);
		failed |= (json ? cli_flush_line(&b) : plain_line(&b)) < 0;
	}
	if (!json && !failed) {
		if (r->nc != 2)
			buf_printf(&b, "%s", _("kappa is for two coders only; alpha takes any number"));
		else if (r->left_out)
			buf_printf(&b, _("%zu units of each tag left out of kappa: a coder annotated nothing in their article"),
			           r->left_out);
		if (b.len)
			failed |= plain_line(&b) < 0;
	}
	buf_free(&b);
	return failed ? -1 : 0;
}

int cli_agreement(const struct cli_env *env, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(_(agreement_usage), stdout);
			return CLI_OK;
		}
	struct agree_opts o = { 0 };
	if (take_agree_opts(argc, argv, &o) < 0)
		return CLI_USAGE;
	bool json = false, by_char = false;
	if (o.format && strcmp(o.format, "jsonl") == 0)
		json = true;
	else if (o.format && strcmp(o.format, "plain") != 0) {
		cli_error(_("agreement: unknown format \"%s\" (use plain or jsonl)"), o.format);
		return CLI_USAGE;
	}
	if (o.unit && strcmp(o.unit, "character") == 0)
		by_char = true;
	else if (o.unit && strcmp(o.unit, "sentence") != 0) {
		cli_error(_("agreement: unknown unit \"%s\" (use sentence or character)"), o.unit);
		return CLI_USAGE;
	}
	if (!o.coders) {
		cli_error(_("agreement: give --coders A,B; see \"margo agreement --help\""));
		return CLI_USAGE;
	}
	struct agree_run r = { 0 };
	if (parse_coders(o.coders, &r.coders, &r.nc) < 0)
		return CLI_USAGE;
	char *tag = NULL;
	int status = CLI_OK;
	if (o.tag) {
		char *given = NULL, *err = NULL;
		int pr = cli_user_text("agreement", "--tag", o.tag, &given);
		pr = pr < 0 ? 2 : store_tag_path(given, strlen(given), &tag, &err);
		free(given);
		if (pr != 0) {
			if (pr != 2)
				cli_error("agreement: --tag: %s",
				          pr == 1 ? _("a tag needs a name") : err ? err : _("out of memory"));
			free(err);
			status = CLI_USAGE;
			goto out_coders;
		}
	}
	struct store *st = NULL;
	if (cli_open_library(env, STORE_OPEN_READ, &st) < 0) {
		status = CLI_FAILED;
		goto out_coders;
	}
	struct store_mark *marks = NULL;
	struct store_coded *coded = NULL;
	size_t nm = 0, ncoded = 0;
	if (store_agree_marks(st, tag, o.article, &marks, &nm, &coded, &ncoded) < 0) {
		cli_error(_("%s: cannot read the annotations: %s"), env->db_path, store_errmsg(st));
		status = CLI_FAILED;
		goto out_store;
	}
	/* The tags: --tag as one, else each tag the coders gave, in order. */
	char **names = calloc(nm + 1, sizeof *names);
	size_t nn = 0;
	if (!names)
		goto oom;
	if (tag) {
		names[nn++] = tag;
	} else {
		for (size_t i = 0; i < nm; i++)
			for (size_t c = 0; c < r.nc; c++)
				if (store_annot_coder_is(marks[i].coder, r.coders[c])) {
					names[nn++] = marks[i].tag;
					break;
				}
		qsort(names, nn, sizeof *names, cmp_str);
		size_t k = 0;
		for (size_t i = 0; i < nn; i++)
			if (!k || strcmp(names[k - 1], names[i]) != 0)
				names[k++] = names[i];
		nn = k;
	}
	r.tags = calloc(nn ? nn : 1, sizeof *r.tags);
	if (!r.tags)
		goto oom;
	r.nt = nn;
	r.list = o.units;
	r.all = agree_acc_new(r.nc, 2);
	if (!r.all)
		goto oom;
	for (size_t i = 0; i < nn; i++) {
		r.tags[i].name = names[i];
		if (!(r.tags[i].acc = agree_acc_new(r.nc, 2)))
			goto oom;
	}
	/* The articles: --article, else those a listed coder annotated. */
	int64_t last = 0;
	for (size_t i = 0; i <= ncoded && status == CLI_OK; i++) {
		int64_t id = 0;
		if (o.article) {
			if (i)
				break;
			id = o.article;
		} else {
			if (i == ncoded)
				break;
			bool listed = false;
			for (size_t c = 0; c < r.nc; c++)
				listed = listed || store_annot_coder_is(coded[i].coder, r.coders[c]);
			if (!listed || coded[i].article == last)
				continue;
			id = last = coded[i].article;
		}
		/* The article's marks and coders (both lists are by article). */
		size_t m0 = 0, m1, c0 = 0, c1;
		for (size_t lo = 0, hi = nm; lo < hi;) {
			size_t mid = lo + (hi - lo) / 2;
			if (marks[mid].article < id)
				lo = m0 = mid + 1;
			else
				hi = mid;
		}
		for (m1 = m0; m1 < nm && marks[m1].article == id; m1++)
			;
		for (size_t lo = 0, hi = ncoded; lo < hi;) {
			size_t mid = lo + (hi - lo) / 2;
			if (coded[mid].article < id)
				lo = c0 = mid + 1;
			else
				hi = mid;
		}
		for (c1 = c0; c1 < ncoded && coded[c1].article == id; c1++)
			;
		int got = add_article(st, &r, id, by_char, marks + m0, m1 - m0, coded + c0, c1 - c0,
		                      tag != NULL);
		if (r.out_failed)
			status = CLI_FAILED;
		if (got < 0) {
			cli_error(_("%s: cannot read article %lld: %s"), env->db_path, (long long)id,
			          store_errmsg(st));
			status = CLI_FAILED;
		} else if (got == 0 && o.article) {
			cli_error(_("agreement: no article %lld; see \"margo list\""), (long long)id);
			status = CLI_USAGE;
		}
	}
	if (status == CLI_OK) {
		int rc = o.units ? 0 : report(&r, json, by_char ? _("character") : _("sentence"));
		if (rc < 0 || fflush(stdout) != 0)
			status = CLI_FAILED;
	}
	goto out_tags;
oom:
	cli_error(_("%s: out of memory"), "agreement");
	status = CLI_FAILED;
out_tags:
	for (size_t i = 0; r.tags && i < r.nt; i++)
		agree_acc_free(r.tags[i].acc);
	free(r.tags);
	agree_acc_free(r.all);
	free(r.rows);
	free(names);
	store_agree_free(marks, nm, coded, ncoded);
out_store:
	store_close(&st);
out_coders:
	for (size_t i = 0; i < r.nc; i++)
		free(r.coders[i]);
	free(r.coders);
	free(tag);
	return status;
}
