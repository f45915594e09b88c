/*
 * entity.h: people, places, organisations and dates in a text.
 *
 * Extraction is rules and lexicons, no model: runs of capitalised words
 * joined by Italian connectors, sentence-initial words checked against an
 * Italian word list, trigger words (presidente, ministro, città di,
 * partito, ministero ...), gazetteers of countries, capitals and
 * international organisations, demonyms and acronyms, and Italian date
 * expressions.  The lexicons are data files under margo's data folder.
 * Pure functions: no SQLite, no curses.
 *
 * Clustering (entity_cluster.c) then groups the mentions of a whole corpus
 * into entities: a surname joins the one full name it can belong to,
 * transliteration and case variants join, an acronym joins its full form.
 */
#ifndef MARGO_ENTITY_H
#define MARGO_ENTITY_H

#include <stdbool.h>
#include <stddef.h>

enum entity_type {
	ENTITY_PER,
	ENTITY_LOC,
	ENTITY_ORG,
	ENTITY_DATE,
	ENTITY_TYPES
};

/* "PER", "LOC", "ORG", "DATE"; entity_type_parse returns -1 if unknown. */
const char *entity_type_name(enum entity_type t);
/* The type as a person reads it, in the reader's language: the code in
 * English, a word elsewhere ("persona" in Italian).  Never for JSON Lines
 * or the lexicon files: those take entity_type_name. */
const char *entity_type_shown(enum entity_type t);

/* An entity's name as a reader should see it (malloc'd; NULL when memory
 * runs out): a date without its year, stored "--06" or "--09-12", reads
 * "June, no year" or "12 September, no year"; every other name
 * is itself. */
char *entity_display_name(enum entity_type t, const char *name);
int entity_type_parse(const char *s);

struct entity_mention {
	size_t start, end;         /* bytes into the text, end exclusive */
	size_t cp_start, cp_end;   /* the same in code points */
	enum entity_type type;
	/*
	 * What the mention names, normalised (malloc'd, never NULL):
	 *  - people: the name as written (clustering joins "Putin" and
	 *    "Vladimir Putin", so corrections can tell them apart);
	 *  - places and organisations: the surface form without elision
	 *    ("dell'Onu" -> "Onu"), or the gazetteer's canonical name when the
	 *    surface is a known alias or acronym ("Usa" -> "Stati Uniti");
	 *  - demonyms: the place ("nordcoreano" -> "Corea del Nord");
	 *  - dates: ISO 8601 ("2024-06", "2023-09-12"), or a range
	 *    "2023-09-10/2023-09-13" ("dal 10 al 13 settembre").
	 */
	char *norm;
	/* True for mentions derived from a word that is not a name (a
	 * demonym, "russo"): indexed, but not a named-entity span. */
	bool derived;
	/* True for a person named by a first name alone ("Francesco"): it
	 * says nothing about which Francesco, so it is no reason to join
	 * the entities of different people. */
	bool first_name_only;
};

struct entity_extractor;

/*
 * Load the lexicons from `datadir` and the Italian word list from
 * `wordlist` (NULL: /usr/share/dict/italian).  Missing files leave their
 * lexicon empty and add a line to *warn (malloc'd; may be NULL when there
 * is nothing to say): extraction still works, less well.  NULL only when
 * memory runs out.
 */
struct entity_extractor *entity_extractor_load(const char *datadir,
                                               const char *wordlist,
                                               char **warn);
void entity_extractor_free(struct entity_extractor **x);

/*
 * Find the mentions in `len` bytes of valid UTF-8 `text` (canonical: NFC,
 * LF line ends; paragraphs separated by blank lines).  `doc_date` (ISO,
 * "2024" or "2024-06-12", may be NULL) anchors dates that lack a year.
 * Mentions come out sorted by start and never overlap.  Returns 0 and a
 * malloc'd array (free with entity_mentions_free), or -1 when memory runs
 * out.
 */
int entity_extract(const struct entity_extractor *x, const char *text,
                   size_t len, const char *doc_date,
                   struct entity_mention **out, size_t *n);
void entity_mentions_free(struct entity_mention *m, size_t n);

/* ---- clustering --------------------------------------------------------- */

/* One distinct (type, norm) of the corpus, with the corrections that apply
 * to it; entity_cluster() fills `cluster`. */
struct entity_form {
	enum entity_type type;
	const char *norm;
	size_t count;             /* its mentions */
	bool rejected;            /* "not an entity": no cluster */
	bool split;               /* the user split it off its entity */
	size_t split_after;       /* ... after this many of the merges (those
	                           * earlier ones keep its old entity whole) */
	int retype;               /* -1, or the type the user gave it */
	size_t cluster;           /* out: index of its cluster, or SIZE_MAX */
	bool first_name_only;     /* a person's first name alone ("Francesco"):
	                           * never joined by the first word of a longer
	                           * name, which would join different people */
};

/* A user's merge: the cluster of form `from` joins the cluster of `into`. */
struct entity_merge {
	size_t from, into;
};

/* A user's name for the cluster holding form `form`. */
struct entity_rename {
	size_t form;
	const char *name;
};

struct entity_cluster_out {
	enum entity_type type;    /* the most frequent type of its forms */
	char *name;               /* canonical name (malloc'd) */
	const char *form;         /* the form the name came from (a norm of the
	                           * input; differs from name after a rename) */
	char *key;                /* stable key: type-specific normal form */
	size_t count;             /* mentions of all its forms */
	size_t *fits;             /* a bare person's name kept apart because
	                           * several people's full names fit it: those
	                           * clusters (malloc'd, two or more), else NULL */
	size_t n_fits;
};

/* The matching key of a name: case and diacritics folded, hyphens and
 * apostrophes as spaces, dots dropped, and for people transliteration
 * variants made one (Andrey/Andrei, Sergei/Serghei/Sergey, Dmitry/Dmitri).
 * malloc'd, NULL when memory runs out. */
char *entity_key(enum entity_type type, const char *norm);

/*
 * Group forms into entities: forms with the same key join (case and
 * transliteration variants; a name seen as PER and as LOC takes the
 * type it has most often); a one-word person name joins the one
 * multi-word person whose first or last word it is, when there is exactly
 * one; an acronym joins the one multi-word name whose initials it spells;
 * then the user's merges and renames apply.  A one-word person name that
 * two or more multi-word people fit stays alone and lists them in `fits`,
 * unless the user corrected its entity (renamed, merged, split, retyped).  A split form leaves its
 * entity with its own mentions only: what was joined through it stays
 * joined, merges made before the split no longer pull it back, merges
 * made after it apply to it.  Split forms of one name (and key) split at
 * the same point are one entity.  Rejected forms get no cluster.  Returns 0 with a malloc'd array of
 * clusters (free with entity_clusters_free), or -1 when memory runs out.
 */
int entity_cluster(struct entity_form *forms, size_t n,
                   const struct entity_merge *merges, size_t n_merges,
                   const struct entity_rename *renames, size_t n_renames,
                   struct entity_cluster_out **clusters, size_t *n_clusters);
void entity_clusters_free(struct entity_cluster_out *c, size_t n);

#endif
