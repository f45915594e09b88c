/*
 * cli_timeline.c: "margo timeline", how often an entity is mentioned (or a
 * tag used) by month or year: a table, JSON Lines for scripts, or an SVG
 * chart for a report.
 */
#include <config.h>

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "margo/store_entity.h"
#include "margo/store_timeline.h"
#include "cli_export.h"
#include "cli_impl.h"
#include "margo/i18n.h"

static const char timeline_usage[] =
	N_("Usage: margo timeline [--db FILE] [--by month|year] [--format plain|jsonl|svg]\n"
	"                      [-o FILE] [--force] ENTITY|tag:TAG\n"
	"How often an entity (an id or a name from \"margo entities\") is mentioned,\n"
	"or a tag used, by month or by year of the articles' dates (by default by\n"
	"month, by year when the dates span more than three years); undated ones\n"
	"are counted apart.  JSON Lines: {\"period\",\"count\"}, period null for the\n"
	"undated.  svg: a bar chart with its axis, labels and title.  -o writes FILE\n"
	"(an existing one only with --force).\n");

enum tl_format { TL_PLAIN, TL_JSONL, TL_SVG };

/* The period's label: "2024-03" or "2024". */
static void period_label(struct buf *b, const struct store_bin *bin)
{
	if (bin->month)
		buf_printf(b, "%04d-%02d", bin->year, bin->month);
	else
		buf_printf(b, "%04d", bin->year);
}

/* Text for XML: the five special characters escaped, characters XML
 * cannot carry (controls, broken UTF-8) as U+FFFD. */
static void xml_text(struct buf *b, const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	while (p < end) {
		ucs4_t c;
		int len = u8_mbtoucr(&c, p, (size_t)(end - p));
		if (len <= 0) {
			buf_puts(b, "\xef\xbf\xbd");
			p++;
			continue;
		}
		switch (c) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&apos;"); break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe ||
			    c == 0xffff || (c >= 0xd800 && c <= 0xdfff))
				buf_puts(b, "\xef\xbf\xbd");
			else
				buf_append(b, p, (size_t)len);
		}
		p += len;
	}
}

static void write_svg(struct buf *b, const struct store_series *s, const char *title)
{
	const int left = 56, right = 24, top = 40, plot_h = 200, bottom = 76;
	/* Bars of 8 to 40 pixels filling at least 480, or the title's width
	 * (about 8 pixels a character at 14 points). */
	size_t chars = u8_mbsnlen((const uint8_t *)title, strlen(title));
	int min_w = chars * 8 > 480 ? (int)(chars * 8 < 4000 ? chars * 8 : 4000) : 480;
	int bar = s->n ? min_w / (int)(s->n < 1000000 ? s->n : 1000000) : 40;
	bar = bar < 8 ? 8 : bar > 40 ? 40 : bar;
	int plot_w = (int)s->n * bar;
	if (plot_w < min_w)
		plot_w = min_w;
	int width = left + plot_w + right, height = top + plot_h + bottom;
	int64_t max = s->max > 0 ? s->max : 1;
	buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	           "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
	           " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n",
	           width, height, width, height);
	buf_puts(b, "<title>");
	xml_text(b, title);
	buf_puts(b, "</title>\n");
	buf_printf(b, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height);
	buf_printf(b, "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">", left);
	xml_text(b, title);
	buf_puts(b, "</text>\n");
	/* The axes, the count at the top and at zero. */
	int x0 = left, y0 = top + plot_h;
	buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", x0, top,
	           x0, y0);
	buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", x0, y0,
	           x0 + plot_w, y0);
	buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%lld</text>\n", x0 - 4, top + 4,
	           (long long)max);
	buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n", x0 - 4, y0 + 4);
	/* A label every `step` bars, so they do not overlap. */
	size_t step = (size_t)(bar >= 24 ? 1 : (24 + bar - 1) / bar);
	struct buf label = { 0 };
	for (size_t i = 0; i < s->n; i++) {
		const struct store_bin *bin = &s->bins[i];
		int h = (int)(bin->count * plot_h / max);
		int x = x0 + (int)i * bar;
		buf_reset(&label);
		period_label(&label, bin);
		buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#3b6ea5\">"
		           "<title>%s: %lld</title></rect>\n", x + 1, y0 - h, bar - 2, h,
		           label.data, (long long)bin->count);
		if (i % step == 0)
			buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\""
			           " transform=\"rotate(-45 %d %d)\">%s</text>\n", x + bar / 2, y0 + 14,
			           x + bar / 2, y0 + 14, label.data);
	}
	buf_free(&label);
	buf_printf(b, "<text x=\"%d\" y=\"%d\">", x0, height - 6);
	struct buf foot = { 0 };
	buf_printf(&foot, _("%lld in all, %lld undated"), (long long)s->total,
	           (long long)s->undated);
	xml_text(b, foot.data);
	buf_free(&foot);
	buf_puts(b, "</text>\n</svg>\n");
}

static void write_plain(struct buf *b, const struct store_series *s)
{
	int64_t max = s->max > 0 ? s->max : 1;
	for (size_t i = 0; i < s->n; i++) {
		period_label(b, &s->bins[i]);
		buf_printf(b, "  %6lld  ", (long long)s->bins[i].count);
		for (int64_t k = 0, w = (s->bins[i].count * 50 + max - 1) / max; k < w; k++)
			buf_putc(b, '#');
		buf_putc(b, '\n');
	}
	if (s->undated || !s->n)
		buf_printf(b, _("undated  %lld\n"), (long long)s->undated);
}

static void write_jsonl(struct buf *b, const struct store_series *s)
{
	for (size_t i = 0; i < s->n; i++) {
		buf_puts(b, "{\"period\":\"");
		period_label(b, &s->bins[i]);
		buf_printf(b, "\",\"count\":%lld}\n", (long long)s->bins[i].count);
	}
	if (s->undated)
		buf_printf(b, "{\"period\":null,\"count\":%lld}\n", (long long)s->undated);
}

int cli_timeline(const struct cli_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum store_period by = STORE_BY_AUTO;
	enum tl_format format = TL_PLAIN;
	const char *output = NULL;
	bool force = false;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hb:f:o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(_(timeline_usage), stdout);
			return CLI_OK;
		case 'b':
			if (strcmp(optarg, "month") == 0)
				by = STORE_BY_MONTH;
			else if (strcmp(optarg, "year") == 0)
				by = STORE_BY_YEAR;
			else {
				cli_error(_("timeline: --by takes month or year, not \"%s\""), optarg);
				return CLI_USAGE;
			}
			break;
		case 'f':
			if (strcmp(optarg, "plain") == 0)
				format = TL_PLAIN;
			else if (strcmp(optarg, "jsonl") == 0)
				format = TL_JSONL;
			else if (strcmp(optarg, "svg") == 0)
				format = TL_SVG;
			else {
				cli_error(_("timeline: unknown format \"%s\" (plain, jsonl or svg)"), optarg);
				return CLI_USAGE;
			}
			break;
		case 'o':
			output = optarg;
			break;
		case 'F':
			force = true;
			break;
		default:
			cli_error(_("timeline: unknown option or missing value \"%s\"; see \"margo timeline --help\""),
			          argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	if (optind != argc - 1) {
		cli_error(_("timeline: give one ENTITY (an id or a name from \"margo entities\") or tag:TAG"));
		return CLI_USAGE;
	}
	const char *what = argv[optind];
	bool is_tag = strncmp(what, "tag:", 4) == 0;
	if (is_tag && what[4] == '\0') {
		cli_error(_("timeline: tag: needs the name of a tag"));
		return CLI_USAGE;
	}
	struct store *st;
	if (cli_open_library(env, STORE_OPEN_READ, &st) < 0)
		return CLI_FAILED;
	struct store_series s = { 0 };
	char *title = NULL;
	int status = CLI_OK, found;
	if (is_tag) {
		found = store_timeline_tag(st, what + 4, by, &s);
		if (found == 0) {
			cli_error(_("timeline: no tag \"%s\" (see \"margo tag\")"), what + 4);
			status = CLI_USAGE;
		} else if (found == 1) {
			title = util_printf(s.by == STORE_BY_YEAR ? _("Annotations tagged %s, by year")
			                                          : _("Annotations tagged %s, by month"),
			                    what + 4);
		}
	} else {
		int64_t id = 0;
		struct store_entity e = { 0 };
		found = store_entity_find(st, what, &id);
		if (found == 1 && (store_entity_get(st, id, &e) < 0 ||
		                   store_timeline_entity(st, id, by, &s) < 0))
			found = -1;
		if (found == 0) {
			cli_error(_("timeline: no entity \"%s\" (see \"margo entities\")"), what);
			status = CLI_USAGE;
		} else if (found == 2) {
			cli_error(_("timeline: \"%s\" names more than one entity; give its id"), what);
			status = CLI_USAGE;
		} else if (found == 1) {
			title = util_printf(s.by == STORE_BY_YEAR ? _("Mentions of %s, by year")
			                                          : _("Mentions of %s, by month"),
			                    e.name ? e.name : what);
		}
		free(e.name);
	}
	if (found < 0) {
		cli_error("%s: %s", env->db_path, store_errmsg(st));
		status = CLI_FAILED;
	} else if (found == 1 && !title) {
		cli_error(_("out of memory"));
		status = CLI_FAILED;
	}
	if (status == CLI_OK) {
		struct buf b = { 0 };
		if (format == TL_SVG)
			write_svg(&b, &s, title);
		else if (format == TL_JSONL)
			write_jsonl(&b, &s);
		else
			write_plain(&b, &s);
		struct out_file out;
		if (cli_out_open(&out, output, force) < 0) {
			status = CLI_FAILED;
		} else {
			/* A failed write leaves the stream in error: the commit
			 * says so and keeps the target as it was. */
			if (b.len)
				(void)!fwrite(b.data, 1, b.len, out.f);
			if (cli_out_commit(&out, force) < 0)
				status = CLI_FAILED;
		}
		buf_free(&b);
	}
	free(title);
	store_series_free(&s);
	store_close(&st);
	return status;
}
