/*
 * search.h: finding words the Italian way.
 *
 * One tokenizer serves the full-text index (an FTS5 tokenizer named
 * "margo"), the query builder and related-passage term statistics: words
 * are split by Unicode word boundaries, elision is split off ("dell'Ucraina"
 * and "dell’Ucraina" give "dell" and "ucraina"), case and diacritics are
 * folded ("Città" -> "citta"), and words are stemmed with Snowball's
 * Italian stemmer (libstemmer): "soldati" and "soldato" meet.
 */
#ifndef MARGO_SEARCH_H
#define MARGO_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

/* Register the "margo" FTS5 tokenizer on a connection (call once after
 * opening).  0, or -1 when SQLite has no FTS5 or memory runs out. */
int search_register_tokenizer(sqlite3 *db);
/* margo_rank() (search_rank.c), registered with the tokenizer: FTS5's
 * bm25 for passage_fts, the same figures, with each match's length read
 * through one BLOB handle instead of a statement a row.  Use it as
 * `SELECT rowid, margo_rank(passage_fts) AS r ... MATCH ?1 ORDER BY r LIMIT n`
 * (SQLite's sorter keeps only n rows; FTS5's rank sorts them all). */
int search_register_rank(sqlite3 *db, fts5_api *api);
/* margo_highlight(passage_fts), highlight()'s text with \x01 and \x02
 * around each hit, and margo_hits(passage_fts), the number of hits, both
 * in time linear in the hits (search_highlight.c). */
int search_register_highlight(sqlite3 *db, fts5_api *api);

/* Called once per token: `token` (folded and, when asked, stemmed; not
 * NUL-terminated) and the byte span [start, end) of the source word. */
typedef int (*search_token_fn)(void *ctx, const char *token, size_t len,
                               size_t start, size_t end);

/* Tokenize like the index does (stem=true) or without stemming.  A
 * non-zero return from fn stops and is returned; -1 on memory exhaustion. */
int search_tokenize(const char *text, size_t len, bool stem, search_token_fn fn,
                    void *ctx);
/* Both forms of each word in one pass: `folded` (unstemmed) and `stem`
 * (as search_tokenize with stem=true gives it), neither NUL-terminated. */
typedef int (*search_word_fn)(void *ctx, const char *folded, size_t flen, const char *stem,
                              size_t slen, size_t start, size_t end);
int search_tokenize_words(const char *text, size_t len, search_word_fn fn, void *ctx);
/* Each word with every form the index holds of it: `folded` (unstemmed),
 * `stem` (as search_tokenize with stem=true gives it) and `alt`, the
 * folded word's own stem when a word ending in an accented vowel stems
 * otherwise as written (alen 0 when there is none); none NUL-terminated. */
typedef int (*search_stems_fn)(void *ctx, const char *folded, size_t flen, const char *stem,
                               size_t slen, const char *alt, size_t alen, size_t start,
                               size_t end);
int search_tokenize_stems(const char *text, size_t len, search_stems_fn fn, void *ctx);
/* Free the calling thread's stemmer of search_tokenize (optional: at
 * exit, or when a thread ends). */
void search_tokenize_release(void);

/* True for an Italian (or English) stop word, given folded and unstemmed
 * ("di", "della", "che", "the" ...): left out of related-passage terms. */
bool search_is_stopword(const char *folded, size_t len);

/*
 * Build an FTS5 MATCH expression from what a user typed.  Every word is
 * searched literally (quoted, so NOT, OR, NEAR(, col:x, *, quotes and
 * apostrophes are plain text); "a phrase" in double quotes is a phrase;
 * a word ending in * is a prefix.  Terms are all required (AND).  An
 * unclosed quote runs to the end.  Returns a malloc'd string, or NULL
 * when nothing searchable is left (empty, only punctuation); *oom is set
 * when memory ran out.
 */
char *search_build_query(const char *input, bool *oom);

/*
 * Search inside one text the way the index matches (search_find.c): each
 * word of the text is matched by its stems against the query's, so case,
 * accents, elision and endings do not matter ("soldato" finds "Soldati").
 * A pattern made with `words` is what search_build_query reads: each word,
 * or "phrase" in double quotes, is found on its own; without, the whole
 * input is one phrase (consecutive words).  A last word ending in `*` is
 * a prefix of the words or of their stems.  NULL when nothing searchable
 * is left (*oom set when memory ran out).
 */
struct search_pattern;
struct search_pattern *search_pattern_new(const char *input, bool words, bool *oom);
void search_pattern_free(struct search_pattern *p);
/* Every hit in `text`, in one pass over its words: *hits gets byte pairs
 * (start, end) of the words matched, by start, overlapping hits merged
 * (malloc'd, NULL when none), *n their number.  0, or -1 when memory runs
 * out. */
int search_pattern_find(const struct search_pattern *p, const char *text, size_t len,
                        size_t **hits, size_t *n);

/*
 * Fold text for search inside an article: lower case (unless keep_case),
 * diacritics removed, both apostrophes made "'", with a map from each byte
 * of the folded text to the byte of the source it came from (map has
 * len + 1 entries; map[len] == source length).
 */
struct search_folded {
	char *text;
	size_t len;
	size_t *map;
};
int search_fold(const char *s, size_t len, bool keep_case, struct search_folded *out);
void search_folded_free(struct search_folded *f);

/* Smart case: true when the query has an upper-case letter. */
bool search_has_upper(const char *s, size_t len);

/*
 * How common each stem is in general Italian news (data/italian-df.txt),
 * so words can be weighed when the library is too small to say.  Load
 * returns NULL when memory runs out; a missing file gives an empty table
 * and a message in *warn (malloc'd).
 */
/* The value of an Italian number written in letters, folded
 * ("ventisette" 27, "centoquaranta" 140, "quattromila" 4000, "quarantina"
 * 40), or -1 when the word is not one. */
long search_number_word(const char *folded, size_t len);

struct search_background;
struct search_background *search_background_load(const char *datadir, char **warn);
void search_background_free(struct search_background **bg);
/* Passages of the background corpus holding `stem` (0 when unknown);
 * *passages gets their total. */
long search_background_df(const struct search_background *bg, const char *stem,
                          long *passages);
/* The stem that names the synonym group of `stem` (data/synonyms.txt:
 * "trattato" -> the stem of "accordo"), or NULL when it has none. */
const char *search_background_synonym(const struct search_background *bg,
                                      const char *stem);

#endif
