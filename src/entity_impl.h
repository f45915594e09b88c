/*
 * entity_impl.h: private interface between the files of the entity
 * extractor (entity_lex.c, entity_extract.c, entity_extract_tok.c,
 * entity_extract_names.c, entity_extract_resolve.c, entity_date.c).
 *
 * The lexicons live in open-addressing hash tables keyed by lower-cased
 * UTF-8 strings; the text is cut into tokens once per call, and every
 * rule works on that token array.  Nothing here is global or mutable
 * after loading: one extractor can serve many threads.
 */
#ifndef MARGO_ENTITY_IMPL_H
#define MARGO_ENTITY_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "margo/entity.h"

/* ---- hash tables (entity_lex.c) ---------------------------------- */

struct lex_slot {
	uint32_t off;   /* key offset in the arena; UINT32_MAX: empty */
	uint32_t len;
	uint32_t hash;
	uint32_t val;
};

struct lex_map {
	struct lex_slot *slots;
	size_t cap, n;      /* cap is 0 or a power of two */
	char *arena;
	size_t alen, acap;
};

/* How lex_map_put combines a new value with an existing one. */
enum lex_merge { LEX_KEEP, LEX_REPLACE, LEX_OR, LEX_MAX, LEX_ADD };

int lex_map_put(struct lex_map *m, const char *k, size_t n, uint32_t val,
                enum lex_merge how);
bool lex_map_get(const struct lex_map *m, const char *k, size_t n,
                 uint32_t *val);
void lex_map_free(struct lex_map *m);

/* ---- cue words (data/entity_cues.txt) ----------------------------- */

enum {
	CUE_TITLE      = 1u << 0,  /* presidente, ministro: a PER follows   */
	CUE_ORG_HEAD   = 1u << 1,  /* Università, Ministero: heads an ORG   */
	CUE_LOC_HEAD   = 1u << 2,  /* Piazza, Lago: heads a LOC             */
	CUE_ORG_SUFFIX = 1u << 3,  /* S.p.A., Inc, FC: ends an ORG          */
	CUE_ORG_BEFORE = 1u << 4,  /* partito, quotidiano: an ORG follows   */
	CUE_LOC_BEFORE = 1u << 5,  /* città, capitale: a LOC follows        */
	CUE_ORG_WORD   = 1u << 6,  /* governo, polizia: an ORG on its own   */
	CUE_ORG_ADJ    = 1u << 7,  /* locale, comunale: joins an ORG word   */
	CUE_STOP       = 1u << 8,  /* never starts a name (Il, Questo)      */
	CUE_ABBR       = 1u << 9,  /* dott, sig: "." after it ends nothing  */
	CUE_PARTICLE   = 1u << 10, /* van, von, bin: inside a PER name      */
	CUE_PER_AFTER  = 1u << 11, /* "ha detto": a PER precedes            */
	CUE_LOC_PREP   = 1u << 12, /* a, in, nel: a place may follow        */
	CUE_HEAD_JOIN  = 1u << 13, /* head that joins "di X" (Corte di ...) */
	CUE_PER_HEAD   = 1u << 14, /* don, suor: inside the PER span        */
	CUE_NOT_NAME   = 1u << 15, /* capitalised, but not a name (Paese)   */
	CUE_LOC_LOWER  = 1u << 16, /* provincia, via: lower-case LOC head   */
	CUE_ORG_LOWER  = 1u << 17, /* ministero, comune: lower-case ORG head*/
	CUE_CONNECTOR  = 1u << 18, /* di, del, della: joins name words      */
	CUE_CAP_PART   = 1u << 19, /* Di, La, Al: a capitalised particle    */
	CUE_NONE_AFTER = 1u << 20, /* uragano: the name after is no entity  */
	CUE_ORG_TAIL   = 1u << 21, /* fuoco, porto: "vigili del fuoco"      */
	CUE_ARTICLE    = 1u << 22, /* il, del, nell': an article before it  */
	CUE_LOC_ADJ    = 1u << 23, /* orientale: "Ucraina orientale"         */
	CUE_PER_OF     = 1u << 24, /* morte: "la morte di X" is a person     */
	CUE_SPORT      = 1u << 25, /* partita, gol: the text is about sport  */
	CUE_ORG_ALONE  = 1u << 26, /* Ministero, Procura: an ORG on its own  */
	CUE_ORG_OF     = 1u << 27, /* ministero: "del tesoro" joins it       */
	CUE_EVENT      = 1u << 28, /* Tour, Giro: an event named by a place  */
	CUE_PROVINCE   = 1u << 29, /* MI, BG: "Treviglio (BG)"               */
	CUE_ORG_DI     = 1u << 30, /* azionisti: "gli azionisti di X" an ORG */
};
/* Classes past an enum's range (int): a token's cue is 64 bits, the
 * lexicon keeps the low and the high half in two maps (entity_lex.c). */
#define CUE_CONTRADA  (UINT64_C(1) << 31) /* Tartuca: a contrada in a Palio text */
#define CUE_ORG_NAMED (UINT64_C(1) << 32) /* università: "università di Nottingham" */

/* ---- gazetteer ---------------------------------------------------- */

/* What kind of thing a gazetteer entry is ("@kind" lines of the data
 * files): a country or a city can also stand for its government or its
 * sports team. */
enum gaz_kind { GAZ_OTHER, GAZ_COUNTRY, GAZ_CITY, GAZ_REGION, GAZ_PERSON,
		GAZ_PHRASE /* a phrase or title that names no entity */ };

struct gaz_entry {
	uint32_t canon;            /* offset of the canonical name in names */
	uint8_t type;              /* enum entity_type */
	uint8_t kind;              /* enum gaz_kind */
};

struct entity_extractor {
	struct lex_map words;      /* Italian word list, lower case */
	struct lex_map gaz;        /* phrase key -> gaz_entry index */
	struct lex_map gaz_first;  /* first token -> longest phrase (tokens) */
	struct lex_map demonyms;   /* adjective -> gaz_entry index */
	struct lex_map first;      /* first names */
	struct lex_map english;    /* common English words (titles) */
	struct lex_map cues;       /* word -> CUE_* bits, the low 32 */
	struct lex_map cues_hi;    /* word -> CUE_* bits, the high 32 */
	struct gaz_entry *ents;
	size_t nents, capents;
	char *names;               /* canonical names, NUL-separated */
	size_t nlen, ncap;
	bool have_words;
	uint8_t load_kind;         /* while loading: the current "@kind" */
};

/* A lower-case key that is an Italian word or an inflection of one. */
bool ent_common_word(const struct entity_extractor *x, const char *k, size_t n);

/* Index of the canonical name `s` (adding it), or -1 out of memory. */
long gaz_add_entry(struct entity_extractor *x, const char *canon, size_t n,
                   enum entity_type t);

/* ---- tokens (entity_extract_tok.c) -------------------------------- */

enum {
	T_WORD    = 1u << 0,   /* letters (maybe digits, hyphens, ')       */
	T_NUM     = 1u << 1,   /* digits only (maybe 1° 1º)                */
	T_PUNCT   = 1u << 2,   /* one punctuation or symbol character      */
	T_CAP     = 1u << 3,   /* starts with an upper-case letter         */
	T_UPPER   = 1u << 4,   /* two or more letters, all upper case      */
	T_ELISION = 1u << 5,   /* "l'", "dell'": elided article/preposition */
	T_SENT    = 1u << 6,   /* first word of a sentence                 */
	T_NL      = 1u << 7,   /* a line break before it                   */
	T_SPACE   = 1u << 8,   /* white space before it                    */
	T_INITIAL = 1u << 9,   /* "W." a capital initial with its period   */
	T_DOTTED  = 1u << 10,  /* "S.p.A.", "U.S.A." with periods          */
	T_ROMAN   = 1u << 11,  /* II, XVI: a Roman numeral                 */
	T_DIGIT   = 1u << 12,  /* a word that contains digits (M5S)        */
};

/* 32 bytes a token (a text has one every six bytes or so): offsets fit in
 * 32 bits, as ent_tokenize() takes no text of 4 GiB or more. */
struct tok {
	uint32_t start, end;   /* bytes */
	uint32_t cps, cpe;     /* code points */
	uint32_t flags;
	uint64_t cue;          /* CUE_* bits of the lower-case form */
	uint32_t keyoff, keylen; /* lower-case form in the key buffer */
};

struct tokvec {
	struct tok *t;
	size_t n, cap;
	char *keys;            /* lower-case forms, back to back */
	size_t klen, kcap;
};

/* Cut `len` bytes of text into tokens, with lower-case keys and cue
 * bits (x may be NULL while loading).  0, or -1 out of memory. */
int ent_tokenize(const struct entity_extractor *x, const char *text,
                 size_t len, struct tokvec *tv);
void ent_tokvec_free(struct tokvec *tv);

static inline const char *tok_key(const struct tokvec *tv, size_t i)
{
	return tv->keys + tv->t[i].keyoff;
}

/* ---- mentions under construction ---------------------------------- */

struct mvec {
	struct entity_mention *m;
	size_t n, cap;
};

/* Append a mention over tokens [s, e) with a copy of norm[0..nlen).  */
int mvec_add(struct mvec *v, const struct tokvec *tv, size_t s, size_t e,
             enum entity_type type, const char *norm, size_t nlen,
             bool derived);

/* ---- dates (entity_date.c) ---------------------------------------- */

/*
 * A date expression starting at token i: returns the number of tokens it
 * takes (0: none) and stores its ISO form in iso (at least 32 bytes).
 */
size_t ent_date_at(const struct tokvec *tv, const char *text, size_t i,
                   int doc_year, int doc_month, char *iso);
/* The month (1-12) a lower-case key names, or 0. */
int ent_month(const char *k, size_t n);

/* ---- the name rules (entity_extract_names.c, _resolve.c) ---------- */

/* How sure a type is: a default, a context word next to the name ("a",
 * "di", an article), a cue (title, "ha detto"), a lexicon or head word. */
enum { WEAK = 0, CONTEXT = 1, MEDIUM = 2, STRONG = 3 };

/* Sport words ("partita", "gol") that make a text about sport. */
enum { SPORT_WORDS = 4 };

struct cand {
	size_t s, e;
	int32_t gaz;          /* gazetteer entry, or -1 */
	uint8_t type;
	uint8_t strength;
	bool derived;
	bool date;
	bool common;          /* one common Italian word: kept only if the
	                       * document confirms it */
	bool dropped;
	char iso[40];
};

struct ctx {
	const struct entity_extractor *x;
	const char *text;
	const struct tokvec *tv;
	struct lex_map doc;       /* capitalised mid-sentence words */
	struct lex_map lower;     /* words the text writes in lower case */
	struct lex_map strong;    /* phrase -> type + 1, typed strongly */
	struct lex_map surnames;  /* last words of strong PER names */
	struct lex_map weak_surnames; /* ... of PER names of two words or more */
	bool unconfirmed;         /* type_run: a name kept only if confirmed */
	struct lex_map votes;     /* phrase -> votes of its contexts by type */
	struct lex_map bare;      /* phrase -> its mentions that no context types */
	struct lex_map none;      /* names the text says are no entity
	                           * ("l'uragano Sandy") */
	char *kb;
	size_t kcap;
	struct cand *c;
	size_t nc, capc;
	int doc_year, doc_month;
	bool sport;               /* the text is about sport */
	bool sport_dense;         /* ... and little else: 2% of its words */
};

static inline const struct tok *T(const struct ctx *cx, size_t i)
{
	return &cx->tv->t[i];
}

static inline bool has(const struct ctx *cx, const struct lex_map *m, size_t i)
{
	return lex_map_get(m, tok_key(cx->tv, i), T(cx, i)->keylen, NULL);
}

static inline bool key_is(const struct ctx *cx, size_t i, const char *w)
{
	size_t n = strlen(w);
	return i < cx->tv->n && T(cx, i)->keylen == n &&
	       memcmp(tok_key(cx->tv, i), w, n) == 0;
}

static inline bool is_lower_word(const struct ctx *cx, size_t i)
{
	return i < cx->tv->n && (T(cx, i)->flags & T_WORD) &&
	       !(T(cx, i)->flags & (T_CAP | T_UPPER));
}

/* A word that can be part of a name. */
static inline bool namey(const struct ctx *cx, size_t i)
{
	if (i >= cx->tv->n)
		return false;
	const struct tok *t = T(cx, i);
	if (!(t->flags & T_WORD) || (t->flags & T_ELISION))
		return false;
	if (!(t->flags & (T_CAP | T_UPPER)))
		return false;
	if ((t->cue & CUE_STOP) && !(t->flags & T_UPPER))
		return false;
	return true;
}

/* di, del, della, d', dell' ... */
static inline bool connector(const struct ctx *cx, size_t i)
{
	if (i >= cx->tv->n || !is_lower_word(cx, i))
		return false;
	const struct tok *t = T(cx, i);
	if (t->cue & CUE_CONNECTOR)
		return true;
	return (t->flags & T_ELISION) && tok_key(cx->tv, i)[0] == 'd';
}

/* Token i continues the line of token i-1. */
static inline bool same_line(const struct ctx *cx, size_t i)
{
	return i < cx->tv->n && !(T(cx, i)->flags & T_NL);
}


/* The lower-case forms of tokens [s, e) joined by spaces, in cx->kb;
 * its length, or (size_t)-1 out of memory. */
size_t ent_phrase(struct ctx *cx, size_t s, size_t e);

int ent_resolve(struct ctx *cx);
int ent_emit(struct ctx *cx, struct mvec *out);
void ent_parse_doc_date(const char *d, int *y, int *m);


/* Shared by entity_extract_names.c and entity_extract_type.c. */
extern const char *const ent_surname_particles[];
bool ent_demonym(const struct ctx *cx, size_t i, uint32_t *e);
bool ent_key_in(const struct ctx *cx, size_t i, const char *const *set);
bool ent_gaz_start(const struct ctx *cx, size_t i);
bool ent_cap_word(const struct ctx *cx, size_t i);
size_t ent_org_of(const struct ctx *cx, size_t i);
bool ent_in_address(const struct ctx *cx, size_t i);
size_t ent_run_end(const struct ctx *cx, size_t s);
bool ent_office(const struct ctx *cx, size_t p);
void ent_type_run(struct ctx *cx, size_t s, size_t e, int *type, int *strength);
size_t ent_org_adjectives(const struct ctx *cx, size_t e);
size_t ent_head_adjectives(const struct ctx *cx, size_t e);
long ent_gaz_match(struct ctx *cx, size_t s, uint32_t *entry);

int ent_find_names(const struct entity_extractor *x, const char *text,
                   struct tokvec *tv, const char *doc_date, struct mvec *out);

#endif
