/*
 * corpus_impl.h: private declarations shared by the corpus module.
 *
 * Not part of margo's interface (see include/margo/corpus.h): only
 * corpus.c (the article parse), corpus_lex.c (characters, folding, rule
 * files), corpus_date.c (dates) and corpus_sentence.c (sentences) include
 * it.  The functions keep their short names; they are defined in the file
 * named above each group.
 */
#ifndef MARGO_CORPUS_IMPL_H
#define MARGO_CORPUS_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <unitypes.h>

#include "margo/corpus.h"

enum {
	ABBR_MAX_BYTES = 32,  /* longer abbreviations are not loaded */
};

/* ------------------------------------------------------------------ */
/* Rules: phrase lexicons and abbreviations                             */

enum match_mode {
	MATCH_ANY,       /* anywhere in the line, at word boundaries */
	MATCH_ANCHORED,  /* "^": at line start or right after a separator */
	MATCH_WHOLE,     /* "=": the whole line, outer punctuation ignored */
};

struct phrase {
	char *s;         /* folded */
	size_t len;
	enum match_mode mode;
};

struct lexicon {
	struct phrase *v;
	size_t n, cap;
};

enum { LEX_BANNER, LEX_CAPTION, LEX_PROMPT, LEX_BYLINE, LEX_COUNT };

struct corpus_rules {
	struct lexicon lex[LEX_COUNT];
	char **abbr;     /* folded, sorted for bsearch */
	size_t n_abbr, cap_abbr;
};

/* A folded copy of some text: map[i] is the byte offset in the original
 * of folded byte i (map[len] is the original length). */
struct folded {
	char *s;
	size_t len;
	size_t *map;
};

/* ------------------------------------------------------------------ */
/* corpus_lex.c: small UTF-8 helpers (input is valid UTF-8; invalid
 * bytes decode as U+FFFD one byte at a time), folding, lexicons.      */

ucs4_t cx_dec(const char *s, size_t n, size_t i, size_t *adv);
size_t cx_prev_start(const char *s, size_t lo, size_t i);
size_t cx_cp_count(const char *s, size_t n);
ucs4_t cx_last_cp(const char *s, size_t n);

bool cx_is_ws(ucs4_t c);
bool cx_is_upper_cp(ucs4_t c);
bool cx_is_digit_cp(ucs4_t c);
bool cx_is_opener(ucs4_t c);
bool cx_is_closer(ucs4_t c);
bool cx_is_terminator(ucs4_t c);
bool cx_is_separator(ucs4_t c);

size_t cx_skip_ws(const char *s, size_t n, size_t i);
size_t cx_trim_end(const char *s, size_t lo, size_t hi);
size_t cx_spaces(const char *s, size_t n, size_t i);
size_t cx_word_count(const char *s, size_t n);
bool cx_has_alnum(const char *s, size_t n);
bool cx_alnum_at(const char *s, size_t n, size_t i);
char *cx_dupn(const char *s, size_t n);
int cx_cmp_str(const void *a, const void *b);

size_t cx_fold_into(const char *s, size_t n, char *out, size_t *map);
int cx_fold(const char *s, size_t n, bool want_map, struct folded *f);
void cx_folded_free(struct folded *f);

size_t cx_lex_hits(const struct corpus_rules *r, int k, const struct folded *f,
                size_t enough);

/* ------------------------------------------------------------------ */
/* corpus_date.c                                                        */

int cx_date_text(const char *s, size_t n, bool label_ok, size_t *body,
              char iso[11]);
/* A date at s[*i] of folded text, *i moved past it: 1 with the date in
 * iso, 2 for a day and month without a year (iso empty), 0 none. */
int cx_date_prefix(const char *s, size_t n, size_t *i, char iso[11]);

/* corpus.c: a byline ("di Mario Rossi[, date]"), the whole of s[0..n),
 * folded as f: 1 and *author (and *date when NULL and one follows), 0,
 * or -1 out of memory. */
int cx_byline(const struct corpus_rules *r, const char *s, size_t n,
              const struct folded *f, char **author, char **date);

/* corpus_dateline.c: a dateline at the start of a paragraph, "Roma, 3
 * marzo 2024 — di Mario Rossi" or "ROMA, 3 mar. 2024 - Il testo": 1 when
 * found (*date set when it has a year and *date was NULL; *author when a
 * byline fills the rest of the line and *author was NULL; *whole true
 * when nothing but the dateline and byline is on the line), 0 when not,
 * -1 out of memory. */
int cx_dateline(const struct corpus_rules *r, const char *s, size_t n, char **author,
                char **date, bool *whole);

/* ------------------------------------------------------------------ */
/* corpus_sentence.c                                                    */

struct spanvec {
	struct corpus_span *v;
	size_t n, cap;
};

bool cx_no_break_at_period(const struct corpus_rules *r, const char *s,
                        size_t lo, size_t dot);
int cx_split_into(const struct corpus_rules *r, const char *s, size_t n,
               struct spanvec *sv);
void cx_fill_cp(const char *s, struct corpus_span *v, size_t k, size_t base);
long cx_count_sentences(const struct corpus_rules *r, const char *s, size_t n);

#endif
