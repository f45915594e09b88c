/*
 * annot_filter.c: the annotations list's filter ("/" in A): its words read
 * as a shell reads them, and the items that pass every one.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "margo/i18n.h"
#include "margo/store_annot.h"
#include "margo/store_timeline.h"
#include "margo/util.h"
#include "annot_filter.h"

void annot_item_free(struct annot_item *it)
{
	free(it->id), free(it->title), free(it->tags), free(it->quote);
	free(it->status), free(it->note), free(it->author), free(it->created);
	free(it->color), free(it->date), free(it->coder);
}

/* The period of a "date:" word: a year ("2023") or a month ("2023-09"),
 * or "none" for the articles without a date (year 0, which no date has);
 * false for anything else (a day too: the charts go by month). */
static bool date_word(const char *word, struct store_bin *bin)
{
	int y, m;
	if (strcmp(word, "none") == 0) {
		memset(bin, 0, sizeof *bin);
		return true;
	}
	if (strlen(word) > 7 || !store_period_of(word, STORE_BY_MONTH, &y, &m))
		return false;
	bin->year = y;
	bin->month = m;
	bin->count = 0;
	return true;
}

/* Does item `it` pass one filter word ("tag:T", "article:N", "author:A",
 * "coder:NAME", "status:S", "date:PERIOD", or a word of its quote, note, tags or title)? */
static bool passes(const struct annot_item *it, const char *word)
{
	bool ok = false;
	if (strncmp(word, "tag:", 4) == 0) {
		const char *t = word + 4;
		size_t tl = strlen(t);
		for (const char *p = it->tags; p && *p;) {
			const char *e = strstr(p, ", ");
			size_t len = e ? (size_t)(e - p) : strlen(p);
			if ((len == tl || (len > tl && p[tl] == '/')) && strncmp(p, t, tl) == 0)
				ok = true;
			p = e ? e + 2 : NULL;
		}
	} else if (strncmp(word, "article:", 8) == 0) {
		int64_t id;
		ok = util_parse_id(word + 8, &id) == 0 && id == it->article;
	} else if (strncmp(word, "author:", 7) == 0) {
		ok = strcasestr(it->author, word + 7) != NULL;
	} else if (strncmp(word, "coder:", 6) == 0) {
		ok = store_annot_coder_is(it->coder, word + 6);
	} else if (strncmp(word, "date:", 5) == 0) {
		struct store_bin bin;
		int y, m;
		/* none: no date, or one that no chart could place either */
		ok = date_word(word + 5, &bin) &&
		     (bin.year == 0 ? !store_period_of(it->date, STORE_BY_MONTH, &y, &m)
		                    : it->date && store_bin_holds(&bin, it->date));
	} else if (strncmp(word, "status:", 7) == 0) {
		ok = strcmp(word + 7, "conflict") == 0 ? it->conflicts > 0
		                                        : strcmp(it->status, word + 7) == 0;
	} else {
		ok = strcasestr(it->quote, word) || strcasestr(it->note, word) ||
		     strcasestr(it->tags, word) || strcasestr(it->title, word);
	}
	return ok;
}

static void words_free(char **w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

/* The words of a filter, read as a shell reads them: blanks part them;
 * "..." and '...' keep blanks inside a word (tag:"fonti aperte" is one);
 * a backslash outside single quotes takes the next character as it is.
 * 0; 1 with a message in *bad (an unclosed quote, a backslash at the
 * end); -1 out of memory. */
static int filter_words(const char *f, char ***out, size_t *n, const char **bad)
{
	char **w = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*bad = NULL;
	for (const char *p = f; *p;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		struct buf b = { 0 };
		char quote = 0;
		for (; *p && (quote || (*p != ' ' && *p != '\t')); p++) {
			if (quote == '\'' && *p == '\'') {
				quote = 0;
			} else if (quote != '\'' && *p == '\\') {
				if (!p[1]) {
					*bad = _("the filter ends with a backslash");
					break;
				}
				buf_putc(&b, *++p);
			} else if (quote == '"' && *p == '"') {
				quote = 0;
			} else if (!quote && (*p == '"' || *p == '\'')) {
				quote = *p;
			} else {
				buf_putc(&b, *p);
			}
		}
		if (quote && !*bad)
			*bad = quote == '"' ? _("the filter has an unclosed \" quote")
			                    : _("the filter has an unclosed ' quote");
		void *grown = *bad ? NULL : util_grow(w, &cap, *n, sizeof *w);
		char *word = grown ? buf_steal(&b) : NULL;
		if (!grown || !word) {
			buf_free(&b);
			free(word);
			words_free(w, *n);
			*n = 0;
			return *bad ? 1 : -1;
		}
		w = grown;
		w[(*n)++] = word;
		if (!*p)
			break;
	}
	*out = w;
	return 0;
}

int annot_filter(struct annot_item *v, size_t *n, const char *filter, const char **bad)
{
	char **words;
	size_t nw;
	int rc = filter_words(filter, &words, &nw, bad);
	if (rc != 0)
		return -1;
	struct store_bin bin;
	for (size_t j = 0; j < nw; j++) {
		/* tag:PATH as the tags are kept: its levels trimmed; an empty
		 * level is refused (tag:armi// would match nothing). */
		char *path = NULL, *err = NULL;
		int pr = strncmp(words[j], "tag:", 4) == 0
		       ? store_tag_path(words[j] + 4, strlen(words[j] + 4), &path, &err) : 0;
		char *word = path ? util_printf("tag:%s", path) : NULL;
		bool oom = pr == -1 || (path && !word);
		free(path);
		free(err);
		if (pr == -2 || oom) {
			*bad = pr == -2 ? _("tag: takes a tag with no empty level, e.g. tag:armi or tag:armi/munizioni")
			                : _("out of memory");
			words_free(words, nw);
			return -1;
		}
		if (word) {
			free(words[j]);
			words[j] = word;
		}
	}
	for (size_t j = 0; j < nw; j++)
		if (strncmp(words[j], "date:", 5) == 0 && !date_word(words[j] + 5, &bin)) {
			*bad = _("date: takes a year or a month, e.g. date:2023 or date:2023-09, or none for the undated");
			words_free(words, nw);
			return -1;
		}
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		bool keep = true;
		for (size_t j = 0; j < nw && keep; j++)
			keep = passes(&v[i], words[j]);
		if (keep)
			v[k++] = v[i];
		else
			annot_item_free(&v[i]);
	}
	*n = k;
	words_free(words, nw);
	return 0;
}
