/*
 * corpus.h: from the canonical text of one article to its parts.
 *
 * Pure functions, no I/O except loading the rule files once: given the
 * canonical (NFC, LF) text of a file, find the title, a subtitle, the byline
 * and the date, drop boilerplate lines (cookie banners, lone symbols, photo
 * captions, share/newsletter prompts), and split the body into paragraphs
 * and sentences.  The rules are general: lexicons of phrases live in data
 * files (`boilerplate.txt`, `abbreviations.txt`) under margo's data folder.
 */
#ifndef MARGO_CORPUS_H
#define MARGO_CORPUS_H

#include <stdbool.h>
#include <stddef.h>

struct corpus_rules;  /* opaque: lexicons loaded from the data folder */

/* Load the rule files from `datadir`.  A missing file leaves its lexicon
 * empty (the built-in structural rules still work) and, when `warn` is not
 * NULL, stores a malloc'd message there.  NULL only on memory exhaustion. */
struct corpus_rules *corpus_rules_load(const char *datadir, char **warn);
void corpus_rules_free(struct corpus_rules **rules);

enum corpus_para_kind {
	CORPUS_PARA_BODY,     /* running text */
	CORPUS_PARA_HEADING,  /* a section heading inside the article */
};

/* Offsets are into `body`: bytes [start, end) and code points
 * [cp_start, cp_end). */
struct corpus_span {
	size_t start, end;
	size_t cp_start, cp_end;
};

struct corpus_para {
	struct corpus_span span;
	enum corpus_para_kind kind;
	size_t first_sentence;   /* index into corpus_article.sentences */
	size_t n_sentences;
};

enum corpus_drop_kind {
	CORPUS_DROP_BYLINE,
	CORPUS_DROP_DATE,
	CORPUS_DROP_TITLE,
	CORPUS_DROP_SUBTITLE,
	CORPUS_DROP_BANNER,      /* cookie/privacy/consent banner text */
	CORPUS_DROP_SYMBOL,      /* a line with no letter or digit (a lone "×") */
	CORPUS_DROP_CAPTION,     /* photo caption or credit */
	CORPUS_DROP_PROMPT,      /* share, subscribe, read also, copyright */
	/* What a web page's extraction leaves out (html_body.c): */
	CORPUS_DROP_NAVIGATION,  /* menus, breadcrumbs, pagination */
	CORPUS_DROP_SHARE,       /* sharing buttons and links */
	CORPUS_DROP_RELATED,     /* read also, recommended, lists of links */
	CORPUS_DROP_COMMENTS,
	CORPUS_DROP_CREDIT,      /* a photo's credit */
	CORPUS_DROP_ADVERT,      /* advertising, sponsored, promotions */
	CORPUS_DROP_HEADER,      /* the site's header */
	CORPUS_DROP_FOOTER,      /* the site's footer */
	CORPUS_DROP_SIDEBAR,
	CORPUS_DROP_FORM,        /* forms, search boxes, buttons */
	CORPUS_DROP_HIDDEN,      /* elements the page hides */
	CORPUS_DROP_LOW_SCORE,   /* blocks that scored too low to be the article */
	CORPUS_DROP_BOILERPLATE, /* anything else that is never the article */
	CORPUS_DROP_NOT_KEPT,    /* the text: how many more blocks were left out */
};

struct corpus_dropped {
	enum corpus_drop_kind kind;
	char *text;              /* the line as it was */
};

struct corpus_article {
	char *title;             /* never NULL after a successful parse */
	bool title_guessed;      /* true when taken from the first sentence */
	char *subtitle;          /* or NULL */
	char *author;            /* or NULL: "Giuseppe Gagliano" */
	char *date;              /* or NULL: ISO 8601, "2023-09" or "2023-09-12" */
	char *body;              /* the cleaned text: paragraphs joined by "\n\n" */
	size_t body_len;
	struct corpus_para *paras;
	size_t n_paras;
	struct corpus_span *sentences;
	size_t n_sentences;
	struct corpus_dropped *dropped;
	size_t n_dropped;
};

/* Metadata known from elsewhere (JSON Lines fields): each may be NULL.
 * Known fields win over what the text suggests; the text is still
 * cleaned of a byline or title line that repeats them. */
struct corpus_hints {
	const char *title;
	const char *author;
	const char *date;
};

/*
 * Parse canonical text (as made by text_canonicalize) into `out`.
 * `hints` may be NULL.  Returns 0, or -1 when memory runs out (then `out`
 * holds nothing to free).  An article with no body text at all still
 * parses (n_paras == 0) so the caller can report it.
 */
int corpus_parse(const struct corpus_rules *rules, const char *text,
                 size_t len, const struct corpus_hints *hints,
                 struct corpus_article *out);
void corpus_article_free(struct corpus_article *a);

/* Split one paragraph of text into sentences (byte spans relative to `s`;
 * cp fields relative to `s` too).  Exposed for tests and for later use on
 * JSONL text.  Returns the number of sentences stored in a malloc'd *out,
 * or -1 on memory exhaustion. */
long corpus_split_sentences(const struct corpus_rules *rules, const char *s,
                            size_t len, struct corpus_span **out);

/* Normalise a date written in Italian or ISO form ("12 settembre 2023",
 * "12/09/2023", "2023-09", "settembre 2023") to ISO 8601; NULL if `s` is
 * not a date.  malloc'd. */
char *corpus_parse_date(const char *s, size_t len);

const char *corpus_drop_kind_name(enum corpus_drop_kind kind);

#endif
