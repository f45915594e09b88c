/*
 * corpus.c: from the canonical text of one article to its parts.
 *
 * The parse runs in two passes over the lines of the text.  Pass one looks
 * at each non-blank line alone and marks what is not body text: lines with
 * no letter or digit, cookie banners, share/subscribe prompts and
 * breadcrumb menus, photo captions (phrase lexicons from boilerplate.txt),
 * bylines and date lines; it also strips a "date 2023-09" metadata label
 * from the first lines.
 * Pass two finds the title (and a subtitle) among what is left, drops lines
 * that repeat the title, joins the rest into the body and splits it into
 * paragraphs and sentences.  No rule names a site, a person or a file.
 *
 * Lexicon matching works on a folded copy of a line (simple lower case,
 * white space runs collapsed, curly apostrophes made straight) that keeps a
 * map back to the byte offsets of the original.  That and the rule files
 * are in corpus_lex.c, dates in corpus_date.c, sentences in
 * corpus_sentence.c; corpus_impl.h declares what the four files share.
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unictype.h>

#include "margo/corpus.h"
#include "margo/util.h"
#include "corpus_impl.h"

/* The thresholds of the structural rules. */
enum {
	TITLE_MAX_CP = 200,         /* a title line is at most this long */
	TITLE_MAX_SENTENCES = 2,    /* "Headline. Subtitle." */
	SUBTITLE_MAX_CP = 250,
	TITLE_TAIL_WORDS = 12,      /* "Title - Site.it - Foto ..." repeats */
	TITLE_TAIL_BYTES = 300,
	GUESS_MAX_CP = 80,          /* a guessed title, before the "…" */
	HEADING_MAX_CP = 100,
	HEADING_MAX_WORDS = 14,
	BANNER_MAX_WORDS = 12,      /* one banner phrase in a line this short */
	BANNER_MULTI_MAX_WORDS = 40,/* two distinct phrases in a longer line */
	PROMPT_MAX_WORDS = 16,
	CAPTION_MAX_WORDS = 30,
	BYLINE_MAX_WORDS = 12,      /* the whole line, a trailing date included */
	BYLINE_MAX_GROUP = 4,       /* capitalised words in one author's name */
	BYLINE_MAX_GROUPS = 3,      /* authors in one byline */
	LABEL_LINES = 3,            /* date labels are looked for in these */
	LABEL_PREFIX_BYTES = 160,   /* ... within this many bytes of the line */
};

/* ------------------------------------------------------------------ */
/* Bylines                                                              */

static const char *const name_particles[] = {
	"de", "di", "da", "del", "della", "dello", "dei", "degli", "delle",
	"dal", "dalla", "van", "von", "der", "den", "du", "des", "la", "le",
	"lo", "dos", "das", "do", "bin", "ibn", "al", "el", "y", "ter", "ten",
	NULL,
};
static const char *const name_connectors[] = { "e", "ed", "and", "&", NULL };

/* Is s[0..n) one of the (ASCII, lower case) words of list, in any case? */
static bool in_list(const char *const *list, const char *s, size_t n)
{
	for (int k = 0; list[k]; k++)
		if (strlen(list[k]) == n && strncasecmp(list[k], s, n) == 0)
			return true;
	return false;
}

/* A capitalised name word: "Rossi", "D’Alema", "Jean-Pierre", "J.". */
static bool name_word(const char *s, size_t n)
{
	size_t adv;
	if (!n || !cx_is_upper_cp(cx_dec(s, n, 0, &adv)))
		return false;
	for (size_t i = adv; i < n; i += adv) {
		ucs4_t c = cx_dec(s, n, i, &adv);
		if (!uc_is_property_alphabetic(c) && c != '\'' && c != 0x2019 &&
		    c != '-' && c != '.')
			return false;
	}
	return true;
}

/* Punctuation trimmed around a byline's names ("di Mario Rossi –"). */
static bool name_trim_char(ucs4_t c)
{
	return c == ',' || c == ';' || c == ':' || c == '|' || c == '-' ||
	       c == 0x2013 || c == 0x2014 || c == 0x2022 || c == '"' ||
	       c == 0xAB || c == 0xBB || c == 0x201C || c == 0x201D ||
	       c == '(' || c == ')' || cx_is_ws(c);
}

/* Check that s[0..n) is 1..BYLINE_MAX_GROUPS author names of at most
 * BYLINE_MAX_GROUP capitalised words (particles allowed inside), joined
 * by commas or "e"/"and"; at least min_words capitalised words. */
static bool author_names(const char *s, size_t n, size_t min_words)
{
	size_t i = 0, total = 0, group = 0, groups = 0, adv;
	bool dangling = false;  /* a particle or connector still open */
	while ((i = cx_skip_ws(s, n, i)) < n) {
		size_t a = i, b = i;
		while (b < n && !cx_is_ws(cx_dec(s, n, b, &adv)))
			b += adv;
		i = b;
		bool comma = s[b - 1] == ',';
		while (a < b && name_trim_char(cx_dec(s, b, a, &adv)))
			a += adv;
		while (b > a && name_trim_char(cx_last_cp(s + a, b - a)))
			b = cx_prev_start(s, a, b);
		if (a == b)
			return false;  /* a dash or pipe inside the name */
		bool conn = in_list(name_connectors, s + a, b - a);
		bool part = !conn && in_list(name_particles, s + a, b - a);
		if ((conn || part) && (group == 0 || comma))
			return false;
		dangling = conn || part;
		if (conn)
			group = 0;
		if (dangling)
			continue;
		if (!name_word(s + a, b - a))
			return false;
		groups += group == 0;
		if (++group > BYLINE_MAX_GROUP || groups > BYLINE_MAX_GROUPS)
			return false;
		total++;
		if (comma)
			group = 0;
	}
	return total >= min_words && !dangling;
}

/* The longest byline lead phrase the folded line starts with; the folded
 * offset just past it (and an optional colon) in *after. */
static const struct phrase *byline_lead(const struct corpus_rules *r,
                                        const struct folded *f, size_t *after,
                                        bool *colon)
{
	const struct phrase *best = NULL;
	for (size_t k = 0; r && k < r->lex[LEX_BYLINE].n; k++) {
		const struct phrase *p = &r->lex[LEX_BYLINE].v[k];
		if (p->len && p->len <= f->len && !memcmp(f->s, p->s, p->len) &&
		    !cx_alnum_at(f->s, f->len, p->len) &&
		    (!best || p->len > best->len))
			best = p;
	}
	if (!best)
		return NULL;
	size_t p = cx_spaces(f->s, f->len, best->len);
	*colon = p < f->len && f->s[p] == ':';
	*after = cx_spaces(f->s, f->len, p + *colon);
	return best;
}

/*
 * Recognise a byline in the line s[0..n) (folded as f): a lead ("di",
 * "by", "a cura di", "autore:") then author names, then maybe a date.
 * Returns 1 and sets *author (and *date when a date follows and *date is
 * NULL), 0 when not a byline, -1 on memory exhaustion.
 */
int cx_byline(const struct corpus_rules *r, const char *s, size_t n,
              const struct folded *f, char **author, char **date)
{
	size_t after, adv;
	bool colon;
	const struct phrase *lead = byline_lead(r, f, &after, &colon);
	if (!lead || after >= f->len || cx_word_count(s, n) > BYLINE_MAX_WORDS)
		return 0;
	size_t o = f->map[after], name_end = n;
	char iso[11];
	bool dated = false;
	for (size_t i = o; i < n; ) {  /* a trailing date ends the name */
		while (i < n && !cx_is_ws(cx_dec(s, n, i, &adv)))
			i += adv;
		if ((i = cx_skip_ws(s, n, i)) >= n)
			break;
		int d = cx_date_text(s + i, n - i, false, NULL, iso);
		if (d < 0)
			return -1;
		if (d) {
			name_end = i, dated = true;
			break;
		}
	}
	while (name_end > o && name_trim_char(cx_last_cp(s + o, name_end - o)))
		name_end = cx_prev_start(s, o, name_end);
	/* "Di Maio ...": a capitalised one-word lead takes two names. */
	bool one_word = memchr(lead->s, ' ', lead->len) == NULL;
	bool capital = cx_is_upper_cp(cx_dec(s, n, 0, &adv));
	size_t min_words = one_word && !colon && capital ? 2 : 1;
	if (name_end <= o || !author_names(s + o, name_end - o, min_words))
		return 0;
	if (!*author && !(*author = cx_dupn(s + o, name_end - o)))
		return -1;
	if (dated && !*date && !(*date = cx_dupn(iso, strlen(iso))))
		return -1;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Pass one: what each line is                                          */

enum { LINE_CONTENT = -1, LINE_BLANK = -2 };

struct line {
	size_t raw_s, raw_e;   /* the line without its LF */
	size_t s, e;           /* trimmed content (after a cut label) */
	size_t cut_s, cut_e;   /* a removed date label, when cut_e > cut_s */
	int kind;              /* LINE_* or enum corpus_drop_kind */
	bool dateline;         /* opens with "Roma, 3 marzo 2024 -": text */
};

struct parse {
	const struct corpus_rules *r;
	const struct corpus_hints *hints;
	const char *text;
	struct line *lines;
	size_t n_lines;
	struct corpus_article *a;
	char *text_date;       /* first date seen in the text */
	char *text_author;     /* first byline seen */
};

/* Number of spaced breadcrumb or menu separators (" › ", " > ", " » ",
 * " | ") in the folded line. */
static size_t nav_separators(const struct folded *f)
{
	static const char *const seps[] = { " \xe2\x80\xba ", " > ",
	                                    " \xc2\xbb ", " | ", NULL };
	size_t k = 0;
	for (int j = 0; seps[j]; j++)
		for (const char *q = f->s; (q = strstr(q, seps[j])) != NULL; q++)
			k++;
	return k;
}

/* The kind of a short line from the lexicons (banner, prompt, caption),
 * or a breadcrumb/menu line ("Home › Politica › Esteri"): a prompt. */
static int boiler_kind(const struct corpus_rules *r, const struct folded *f,
                       size_t words)
{
	size_t banner = cx_lex_hits(r, LEX_BANNER, f,
	                         words <= BANNER_MAX_WORDS ? 1 : 2);
	if ((banner && words <= BANNER_MAX_WORDS) ||
	    (banner >= 2 && words <= BANNER_MULTI_MAX_WORDS))
		return CORPUS_DROP_BANNER;
	if (words <= PROMPT_MAX_WORDS &&
	    (cx_lex_hits(r, LEX_PROMPT, f, 1) || nav_separators(f) >= 2))
		return CORPUS_DROP_PROMPT;
	if (words <= CAPTION_MAX_WORDS && cx_lex_hits(r, LEX_CAPTION, f, 1))
		return CORPUS_DROP_CAPTION;
	return LINE_CONTENT;
}

/* Set ln->kind for one non-blank line; cut a leading date label when
 * `label_ok`.  Returns 0, or -1 on memory exhaustion. */
static int classify(struct parse *ps, struct line *ln, bool label_ok)
{
	const char *s = ps->text + ln->s;
	size_t n = ln->e - ln->s, words = cx_word_count(s, n);
	char iso[11];
	if (!cx_has_alnum(s, n)) {
		ln->kind = CORPUS_DROP_SYMBOL;
		return 0;
	}
	if (words <= BANNER_MULTI_MAX_WORDS) {
		struct folded f;
		if (cx_fold(s, n, true, &f) < 0)
			return -1;
		ln->kind = boiler_kind(ps->r, &f, words);
		int b = ln->kind == LINE_CONTENT ?
		        cx_byline(ps->r, s, n, &f, &ps->text_author, &ps->text_date) : 0;
		cx_folded_free(&f);
		if (b < 0)
			return -1;
		if (b)
			ln->kind = CORPUS_DROP_BYLINE;
		if (ln->kind != LINE_CONTENT)
			return 0;
	}
	int d = words <= BYLINE_MAX_WORDS ? cx_date_text(s, n, true, NULL, iso) : 0;
	if (d == 0 && label_ok) {
		size_t body = 0, pre = n < LABEL_PREFIX_BYTES ? n : LABEL_PREFIX_BYTES;
		while (pre < n && ((unsigned char)s[pre] & 0xC0) == 0x80)
			pre++;
		if ((d = cx_date_text(s, pre, true, &body, iso)) == 1) {
			ln->cut_s = ln->s;
			ln->cut_e = cx_trim_end(ps->text, ln->s, ln->s + body);
			ln->s += body;
		}
	} else if (d == 1) {
		ln->kind = CORPUS_DROP_DATE;
	}
	if (d < 0)
		return -1;
	if (d == 1 && !ps->text_date && !(ps->text_date = cx_dupn(iso, strlen(iso))))
		return -1;
	return 0;
}

/* A dateline opening the text after the title ("Roma, 3 marzo 2024 —
 * di Mario Rossi"): its date and author; the line goes as a date line
 * when it holds nothing else.  0, or -1 out of memory. */
static int dateline(struct parse *ps, struct line *ln)
{
	bool whole;
	int d = cx_dateline(ps->r, ps->text + ln->s, ln->e - ln->s, &ps->text_author,
	                    &ps->text_date, &whole);
	if (d == 1 && whole)
		ln->kind = CORPUS_DROP_DATE;
	ln->dateline = d == 1;
	return d < 0 ? -1 : 0;
}

/* Split the text into lines, trim them and classify them. */
static int pass_one(struct parse *ps, size_t len)
{
	size_t n = 1, content = 0;
	for (size_t i = 0; i < len; i++)
		n += ps->text[i] == '\n';
	ps->lines = calloc(n, sizeof *ps->lines);
	if (!ps->lines)
		return -1;
	for (size_t i = 0; i <= len; ) {
		const char *nl = memchr(ps->text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - ps->text) : len;
		struct line *ln = &ps->lines[ps->n_lines++];
		ln->raw_s = i, ln->raw_e = e;
		ln->s = cx_skip_ws(ps->text, e, i);
		ln->e = cx_trim_end(ps->text, ln->s, e);
		ln->kind = ln->e > ln->s ? LINE_CONTENT : LINE_BLANK;
		if (ln->kind == LINE_CONTENT &&
		    classify(ps, ln, content < LABEL_LINES) < 0)
			return -1;
		if (ln->kind == LINE_CONTENT && content >= 1 && content < LABEL_LINES &&
		    dateline(ps, ln) < 0)
			return -1;
		content += ln->kind == LINE_CONTENT;
		i = e + 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Pass two: title, subtitle, repeats                                   */

/* Index of the first content line at or after i (n_lines if none). */
static size_t content_from(const struct parse *ps, size_t i)
{
	while (i < ps->n_lines && ps->lines[i].kind != LINE_CONTENT)
		i++;
	return i;
}

/* Index of the next content line after i (n_lines if none). */
static size_t next_content(const struct parse *ps, size_t i)
{
	return i < ps->n_lines ? content_from(ps, i + 1) : ps->n_lines;
}

/* Copy s[0..n) without one final full stop ("…", "...", and the period
 * of an abbreviation or initial stay). */
static char *dup_no_stop(const struct corpus_rules *r, const char *s,
                         size_t n)
{
	if (n >= 1 && s[n - 1] == '.' && (n < 2 || s[n - 2] != '.') &&
	    !cx_no_break_at_period(r, s, 0, n - 1))
		n = cx_trim_end(s, 0, n - 1);
	return cx_dupn(s, n);
}

/* Does the line repeat the title: equal (case and a final "." aside), or
 * the title then a separator and a short tail ("Title - Site.it - Foto")? */
static int repeats_title(const char *title, const char *s, size_t n)
{
	struct folded t, l;
	int rc = 0;
	if (n > 2 * strlen(title) + TITLE_TAIL_BYTES)
		return 0;  /* far too long to be the title and a short tail */
	if (cx_fold(title, strlen(title), false, &t) < 0)
		return -1;
	if (cx_fold(s, n, false, &l) < 0) {
		cx_folded_free(&t);
		return -1;
	}
	while (t.len && t.s[t.len - 1] == '.')
		t.len--;
	size_t ll = l.len, adv;
	while (ll && l.s[ll - 1] == '.')
		ll--;
	if (t.len && ll >= t.len && !memcmp(l.s, t.s, t.len)) {
		size_t p = cx_spaces(l.s, ll, t.len);
		rc = p == ll || (p > t.len && cx_is_separator(cx_dec(l.s, ll, p, &adv)) &&
		                 l.s[p] != '(' && l.s[p] != '[' &&
		                 cx_word_count(l.s + p, ll - p) <= TITLE_TAIL_WORDS);
	}
	cx_folded_free(&t);
	cx_folded_free(&l);
	return rc;
}

/* Try line i as the title line: short, at most two sentences, not ending
 * as if continued, more text after it.  Sets title and maybe subtitle. */
static int title_line(struct parse *ps, size_t i)
{
	const struct line *ln = &ps->lines[i];
	const char *s = ps->text + ln->s;
	size_t n = ln->e - ln->s;
	ucs4_t last = cx_last_cp(s, n);
	if (cx_cp_count(s, n) > TITLE_MAX_CP || last == ',' || last == ';' ||
	    last == ':' || next_content(ps, i) >= ps->n_lines)
		return 0;
	struct spanvec sv = { 0 };
	if (cx_split_into(ps->r, s, n, &sv) < 0)
		return -1;
	int rc = 0;
	if (sv.n >= 1 && sv.n <= TITLE_MAX_SENTENCES) {
		size_t e = sv.n == 2 ? sv.v[0].end : n;
		rc = 1;
		if (!(ps->a->title = dup_no_stop(ps->r, s, e)))
			rc = -1;
		else if (sv.n == 2 && !(ps->a->subtitle = cx_dupn(s + sv.v[1].start,
		                                   sv.v[1].end - sv.v[1].start)))
			rc = -1;
	}
	free(sv.v);
	return rc;
}

/* Does s[0..n) end like a heading: no . ; , : … before any closing
 * quotes, and no more closing than opening quotes (not a quote's tail)? */
static bool heading_end(const char *s, size_t n)
{
	size_t e = n, adv;
	long depth = 0;
	while (e > 0 && cx_is_closer(cx_last_cp(s, e)) && cx_last_cp(s, e) != '"' &&
	       cx_last_cp(s, e) != '\'')
		e = cx_prev_start(s, 0, e);
	ucs4_t last = cx_last_cp(s, e);
	if (last == '.' || last == ';' || last == ',' || last == ':' ||
	    last == 0x2026)
		return false;
	for (size_t i = 0; i < n; i += adv) {
		ucs4_t c = cx_dec(s, n, i, &adv);
		depth += (c == 0xAB || c == 0x201C || c == '(') -
		         (c == 0xBB || c == 0x201D || c == ')');
		if (depth < 0)
			return false;
	}
	return true;
}

/* Is line i a subtitle: one short sentence with more text after it,
 * ending with a full stop, or shaped like a heading (a standfirst with no
 * full stop would otherwise be a heading before any text)? */
static int subtitle_line(struct parse *ps, size_t i)
{
	const struct line *ln = &ps->lines[i];
	const char *s = ps->text + ln->s;
	size_t n = ln->e - ln->s;
	size_t adv;
	ucs4_t first = cx_dec(s, n, 0, &adv);
	bool stop = s[n - 1] == '.' && (n < 2 || s[n - 2] != '.');
	bool head = heading_end(s, n) && (cx_is_upper_cp(first) || cx_is_opener(first));
	if (ln->dateline || cx_cp_count(s, n) > SUBTITLE_MAX_CP || !(stop || head) ||
	    next_content(ps, i) >= ps->n_lines)
		return 0;
	long k = cx_count_sentences(ps->r, s, n);
	if (k < 0)
		return -1;
	if (k != 1)
		return 0;
	return (ps->a->subtitle = cx_dupn(s, n)) ? 1 : -1;
}

/* Find the title (from the hints or the first content line), a subtitle,
 * and later lines that repeat the title. */
static int pass_two(struct parse *ps)
{
	size_t f = content_from(ps, 0);
	const char *hint = ps->hints ? ps->hints->title : NULL;
	int rc = 0;
	bool in_text = false;
	if (hint) {
		if (!(ps->a->title = cx_dupn(hint, strlen(hint))))
			return -1;
		if (f < ps->n_lines)
			rc = repeats_title(hint, ps->text + ps->lines[f].s,
			                   ps->lines[f].e - ps->lines[f].s);
	} else if (f < ps->n_lines) {
		rc = title_line(ps, f);
	}
	if (rc < 0)
		return -1;
	if (rc) {
		ps->lines[f].kind = CORPUS_DROP_TITLE;
		in_text = true;
	}
	size_t g = next_content(ps, f);
	if (in_text && !ps->a->subtitle && g < ps->n_lines) {
		if ((rc = subtitle_line(ps, g)) < 0)
			return -1;
		if (rc)
			ps->lines[g].kind = CORPUS_DROP_SUBTITLE;
	}
	for (size_t i = f; ps->a->title && i < ps->n_lines; i = next_content(ps, i)) {
		struct line *ln = &ps->lines[i];
		if (ln->kind != LINE_CONTENT)
			continue;
		if ((rc = repeats_title(ps->a->title, ps->text + ln->s,
		                        ln->e - ln->s)) < 0)
			return -1;
		if (rc)
			ln->kind = CORPUS_DROP_TITLE;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Building the article                                                 */


static int add_dropped(struct corpus_article *a, size_t *cap,
                       enum corpus_drop_kind kind, const char *s, size_t n)
{
	if (a->n_dropped == *cap) {
		size_t c = *cap ? 2 * *cap : 8;
		struct corpus_dropped *v = realloc(a->dropped, c * sizeof *v);
		if (!v)
			return -1;
		a->dropped = v;
		*cap = c;
	}
	char *t = cx_dupn(s, n);
	if (!t)
		return -1;
	a->dropped[a->n_dropped++] = (struct corpus_dropped){ kind, t };
	return 0;
}

/* List the dropped lines (and cut labels) in text order. */
static int collect_dropped(struct parse *ps)
{
	size_t cap = 0;
	for (size_t i = 0; i < ps->n_lines; i++) {
		const struct line *ln = &ps->lines[i];
		if (ln->cut_e > ln->cut_s &&
		    add_dropped(ps->a, &cap, CORPUS_DROP_DATE, ps->text + ln->cut_s,
		                ln->cut_e - ln->cut_s) < 0)
			return -1;
		if (ln->kind >= 0 &&
		    add_dropped(ps->a, &cap, (enum corpus_drop_kind)ln->kind,
		                ps->text + ln->raw_s, ln->raw_e - ln->raw_s) < 0)
			return -1;
	}
	return 0;
}

/* Append one paragraph s[0..n) to the body with its sentences. */
static int add_para(struct parse *ps, struct buf *body, struct spanvec *sents,
                    size_t *para_cap, size_t *body_cp, const char *s, size_t n)
{
	struct corpus_article *a = ps->a;
	if (a->n_paras && buf_append(body, "\n\n", 2) < 0)
		return -1;
	*body_cp += a->n_paras ? 2 : 0;
	if (a->n_paras == *para_cap) {
		size_t c = *para_cap ? 2 * *para_cap : 16;
		struct corpus_para *v = realloc(a->paras, c * sizeof *v);
		if (!v)
			return -1;
		a->paras = v;
		*para_cap = c;
	}
	size_t at = body->len, first = sents->n;
	if (buf_append(body, s, n) < 0 || cx_split_into(ps->r, s, n, sents) < 0)
		return -1;
	cx_fill_cp(s, sents->v + first, sents->n - first, *body_cp);
	for (size_t k = first; k < sents->n; k++)
		sents->v[k].start += at, sents->v[k].end += at;
	size_t cp = cx_cp_count(s, n);
	a->paras[a->n_paras++] = (struct corpus_para){
		{ at, at + n, *body_cp, *body_cp + cp },
		CORPUS_PARA_BODY, first, sents->n - first,
	};
	*body_cp += cp;
	return 0;
}

/* Join the kept lines into the body, paragraphs and sentences. */
static int build_body(struct parse *ps)
{
	struct buf body = { 0 };
	struct spanvec sents = { 0 };
	size_t para_cap = 0, body_cp = 0;
	int rc = buf_append(&body, "", 0);
	for (size_t i = 0; rc == 0 && i < ps->n_lines; i++) {
		const struct line *ln = &ps->lines[i];
		if (ln->kind == LINE_CONTENT)
			rc = add_para(ps, &body, &sents, &para_cap, &body_cp,
			              ps->text + ln->s, ln->e - ln->s);
	}
	ps->a->body = body.data;
	ps->a->body_len = body.len;
	ps->a->sentences = sents.v;
	ps->a->n_sentences = sents.n;
	return rc;
}

/* A heading: one short sentence that ends like a heading, starting with
 * a capital or an opening quote, followed by a longer paragraph. */
static void mark_headings(struct corpus_article *a)
{
	for (size_t i = 0; i + 1 < a->n_paras; i++) {
		struct corpus_para *p = &a->paras[i];
		const char *s = a->body + p->span.start;
		size_t n = p->span.end - p->span.start, adv;
		size_t cp = p->span.cp_end - p->span.cp_start;
		ucs4_t first = cx_dec(s, n, 0, &adv);
		if (cp > HEADING_MAX_CP || cx_word_count(s, n) > HEADING_MAX_WORDS ||
		    p->n_sentences != 1 || !heading_end(s, n) ||
		    !(cx_is_upper_cp(first) || cx_is_opener(first)))
			continue;
		const struct corpus_para *q = &a->paras[i + 1];
		if (q->span.cp_end - q->span.cp_start > cp)
			p->kind = CORPUS_PARA_HEADING;
	}
}

/* The first sentence of the body, cut at a word boundary to at most
 * GUESS_MAX_CP code points and "…" appended when cut. */
static char *guess_title(const struct corpus_rules *r,
                         const struct corpus_article *a)
{
	if (!a->n_sentences)
		return cx_dupn("", 0);
	const char *s = a->body + a->sentences[0].start;
	size_t n = a->sentences[0].end - a->sentences[0].start;
	if (cx_cp_count(s, n) <= GUESS_MAX_CP)
		return dup_no_stop(r, s, n);
	size_t i = 0, cp = 0, cut = 0, adv;
	for (; i < n && cp <= GUESS_MAX_CP; i += adv, cp++)
		if (cx_is_ws(cx_dec(s, n, i, &adv)))
			cut = i;
	if (cut == 0) {  /* one long word: cut at the limit */
		for (i = 0, cp = 0; cp < GUESS_MAX_CP; i += adv, cp++)
			cx_dec(s, n, i, &adv);
		cut = i;
	}
	while (cut > 0 && name_trim_char(cx_last_cp(s, cut)))
		cut = cx_prev_start(s, 0, cut);
	char *t = malloc(cut + sizeof "\xe2\x80\xa6");
	if (t) {
		memcpy(t, s, cut);
		memcpy(t + cut, "\xe2\x80\xa6", sizeof "\xe2\x80\xa6");
	}
	return t;
}

/* Author and date: hints win, then what the text said. */
static int settle_meta(struct parse *ps)
{
	const struct corpus_hints *h = ps->hints;
	struct corpus_article *a = ps->a;
	if (h && h->author) {
		if (!(a->author = cx_dupn(h->author, strlen(h->author))))
			return -1;
	} else {
		a->author = ps->text_author;
		ps->text_author = NULL;
	}
	if (h && h->date && (a->date = corpus_parse_date(h->date,
	                                                 strlen(h->date))))
		return 0;
	a->date = ps->text_date;
	ps->text_date = NULL;
	return 0;
}

int corpus_parse(const struct corpus_rules *rules, const char *text,
                 size_t len, const struct corpus_hints *hints,
                 struct corpus_article *out)
{
	struct parse ps = { .r = rules, .hints = hints, .a = out,
	                    .text = text ? text : "" };
	memset(out, 0, sizeof *out);
	if (!text)
		len = 0;
	if (pass_one(&ps, len) < 0 || pass_two(&ps) < 0 || build_body(&ps) < 0 ||
	    collect_dropped(&ps) < 0 || settle_meta(&ps) < 0)
		goto fail;
	mark_headings(out);
	if (!out->title) {
		out->title_guessed = true;
		if (!(out->title = guess_title(rules, out)))
			goto fail;
	}
	free(ps.lines);
	free(ps.text_author);  /* unused when the hints won */
	free(ps.text_date);
	return 0;
fail:
	free(ps.lines);
	free(ps.text_author);
	free(ps.text_date);
	corpus_article_free(out);
	return -1;
}

void corpus_article_free(struct corpus_article *a)
{
	if (!a)
		return;
	free(a->title);
	free(a->subtitle);
	free(a->author);
	free(a->date);
	free(a->body);
	free(a->paras);
	free(a->sentences);
	for (size_t i = 0; i < a->n_dropped; i++)
		free(a->dropped[i].text);
	free(a->dropped);
	memset(a, 0, sizeof *a);
}

const char *corpus_drop_kind_name(enum corpus_drop_kind kind)
{
	switch (kind) {
	case CORPUS_DROP_BYLINE: return "byline";
	case CORPUS_DROP_DATE: return "date";
	case CORPUS_DROP_TITLE: return "title";
	case CORPUS_DROP_SUBTITLE: return "subtitle";
	case CORPUS_DROP_BANNER: return "banner";
	case CORPUS_DROP_SYMBOL: return "symbol";
	case CORPUS_DROP_CAPTION: return "caption";
	case CORPUS_DROP_PROMPT: return "prompt";
	case CORPUS_DROP_NAVIGATION: return "navigation";
	case CORPUS_DROP_SHARE: return "share";
	case CORPUS_DROP_RELATED: return "related";
	case CORPUS_DROP_COMMENTS: return "comments";
	case CORPUS_DROP_CREDIT: return "credit";
	case CORPUS_DROP_ADVERT: return "advert";
	case CORPUS_DROP_HEADER: return "header";
	case CORPUS_DROP_FOOTER: return "footer";
	case CORPUS_DROP_SIDEBAR: return "sidebar";
	case CORPUS_DROP_FORM: return "form";
	case CORPUS_DROP_HIDDEN: return "hidden";
	case CORPUS_DROP_LOW_SCORE: return "low-score";
	case CORPUS_DROP_BOILERPLATE: return "boilerplate";
	case CORPUS_DROP_NOT_KEPT: return "not-kept";
	}
	return "unknown";
}
