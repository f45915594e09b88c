/*
 * entity_extract_names.c: the rules that find and type names.
 *
 * One pass over the tokens proposes candidates, in text order and never
 * overlapping:
 *   - dates (entity_date.c);
 *   - lower-case organisation words ("governo", "polizia locale",
 *     "governo cinese") and lower-case place heads ("provincia di
 *     Trapani", "via Padova");
 *   - runs of capitalised words joined by connectors when the run starts
 *     with a head word ("Corte di Cassazione", "Consiglio di Sicurezza
 *     delle Nazioni Unite") or by name particles ("Bill de Blasio");
 *     the first word of a sentence must not be a common Italian word
 *     unless the document also capitalises it elsewhere;
 *   - the longest gazetteer phrase at a position (aliases and acronyms
 *     carry the canonical name: "Usa" -> "Stati Uniti");
 *   - demonyms ("russo" -> Russia), as derived mentions.
 * Each run is typed by the strongest cue: gazetteer, head word, org
 * suffix, first name, particle, initials, a title before it ("il
 * presidente russo Vladimir Putin"), a cue word before or after ("la
 * morte di X", "ha detto"), a place preposition, an article, all
 * capitals, brackets; the rest default to PER.  Not names: inflected
 * common words at the start of a sentence, codes ("N2"), titles in
 * English, the office of a title ("ministro della Difesa"), pairs of
 * names ("Putin-Kim").  A known country ends a run ("Israele Ehud
 * Olmert").  The document-level pass that settles weak types is in
 * entity_extract_resolve.c.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "entity_impl.h"

size_t ent_phrase(struct ctx *cx, size_t s, size_t e)
{
	size_t need = 1;
	for (size_t i = s; i < e; i++)
		need += T(cx, i)->keylen + 1;
	if (need > cx->kcap) {
		size_t cap = cx->kcap ? cx->kcap : 256;
		while (cap < need)
			cap *= 2;
		char *k = realloc(cx->kb, cap);
		if (!k)
			return (size_t)-1;
		cx->kb = k;
		cx->kcap = cap;
	}
	size_t p = 0;
	for (size_t i = s; i < e; i++) {
		if (i > s)
			cx->kb[p++] = ' ';
		memcpy(cx->kb + p, tok_key(cx->tv, i), T(cx, i)->keylen);
		p += T(cx, i)->keylen;
	}
	cx->kb[p] = '\0';
	return p;
}


/* Longest gazetteer phrase starting at s: its length in tokens (0: none),
 * -1 out of memory. */
static long gaz_match(struct ctx *cx, size_t s, uint32_t *entry)
{
	uint32_t maxn;
	if (!lex_map_get(&cx->x->gaz_first, tok_key(cx->tv, s), T(cx, s)->keylen, &maxn))
		return 0;
	size_t lim = s + maxn;
	if (lim > cx->tv->n)
		lim = cx->tv->n;
	for (size_t e = s + 1; e < lim; e++)
		if (!same_line(cx, e)) {
			lim = e;
			break;
		}
	for (size_t e = lim; e > s; e--) {
		size_t kl = ent_phrase(cx, s, e);
		if (kl == (size_t)-1)
			return -1;
		/* "Il Mattino" the newspaper, not "il mattino successivo" */
		if (e - s >= 2 && (T(cx, s)->cue & CUE_ARTICLE) &&
		    !(T(cx, s + 1)->flags & (T_CAP | T_UPPER)))
			continue;
		/* A phrase ends on a word, not on "di" or an elided article. */
		if (!(T(cx, e - 1)->flags & (T_WORD | T_NUM)) || (T(cx, e - 1)->flags & T_ELISION))
			continue;
		if (lex_map_get(&cx->x->gaz, cx->kb, kl, entry))
			return (long)(e - s);
	}
	return 0;
}

static int add_cand(struct ctx *cx, size_t s, size_t e, int type, int strength,
                    int32_t gaz)
{
	if (cx->nc == cx->capc) {
		size_t cap = cx->capc ? cx->capc * 2 : 64;
		struct cand *c = realloc(cx->c, cap * sizeof *c);
		if (!c)
			return -1;
		cx->c = c;
		cx->capc = cap;
	}
	struct cand *c = &cx->c[cx->nc++];
	memset(c, 0, sizeof *c);
	c->s = s;
	c->e = e;
	c->type = (uint8_t)type;
	c->strength = (uint8_t)strength;
	c->gaz = gaz;
	return 0;
}

static bool demonym(const struct ctx *cx, size_t i, uint32_t *e)
{
	return is_lower_word(cx, i) &&
	       lex_map_get(&cx->x->demonyms, tok_key(cx->tv, i), T(cx, i)->keylen, e);
}

static bool key_in(const struct ctx *cx, size_t i, const char *const *set)
{
	for (; *set; set++)
		if (key_is(cx, i, *set))
			return true;
	return false;
}

/* Particles of surnames ("Di Pietro", "Dell'Utri", "Al Zarqawi"). */
static const char *const surname_particles[] = {
	"di", "de", "del", "della", "delle", "dalla", "dal", "da", "van", "von",
	"mac", "mc", "dell'", "d'", "al", "el", "abu", "ibn", "ben", "bin",
	"lo", "li", "la", "le", "du", "des", NULL,
};

static bool gaz_start(const struct ctx *cx, size_t i)
{
	return i < cx->tv->n && has(cx, &cx->x->gaz_first, i);
}

static bool cap_word(const struct ctx *cx, size_t i)
{
	return i < cx->tv->n && (T(cx, i)->flags & T_WORD) &&
	       (T(cx, i)->flags & (T_CAP | T_UPPER));
}

/* "(ministero) del tesoro", "(Consiglio) di amministrazione": a head
 * of CUE_ORG_OF, a connector and a common noun; the end, or 0. */
static size_t org_of(const struct ctx *cx, size_t i)
{
	size_t n = cx->tv->n;
	if (!(T(cx, i)->cue & CUE_ORG_OF) || i + 2 >= n || !connector(cx, i + 1) ||
	    !same_line(cx, i + 2) || !is_lower_word(cx, i + 2) ||
	    (T(cx, i + 2)->cue & (CUE_STOP | CUE_CONNECTOR)) || T(cx, i + 2)->keylen < 4)
		return 0;
	return i + 3;
}

/* A word inside a web address ("http://www.gazzetta.it/Sport-Vari/Boxe/"):
 * the run of text without spaces around it has "://" or starts "www.".
 * Looks at most ADDRESS_SPAN bytes each way, so a text with no spaces
 * costs no more than that per word. */
#define ADDRESS_SPAN 256
static bool in_address(const struct ctx *cx, size_t i)
{
	const char *text = cx->text;
	size_t a = T(cx, i)->start, b = T(cx, i)->end;
	size_t lo = a > ADDRESS_SPAN ? a - ADDRESS_SPAN : 0;
	size_t last = T(cx, cx->tv->n - 1)->end;	/* the text is not NUL-terminated */
	size_t hi = b + ADDRESS_SPAN < last ? b + ADDRESS_SPAN : last;
	while (a > lo && text[a - 1] != ' ' && text[a - 1] != '\n' && text[a - 1] != '\t' &&
	       text[a - 1] != '(' && text[a - 1] != '[' && text[a - 1] != '"')
		a--;
	while (b < hi && text[b] != ' ' && text[b] != '\n' && text[b] != '\t')
		b++;
	if (b - a >= 4 && memcmp(text + a, "www.", 4) == 0)
		return true;
	for (size_t k = a; k + 3 <= b; k++)
		if (text[k] == ':' && text[k + 1] == '/' && text[k + 2] == '/')
			return true;
	return false;
}

/* "al-Maliki", "el-Azizia", "bin-Laden": an Arabic name with its article,
 * inside a name that began before it. */
static bool article_name(const struct ctx *cx, size_t i)
{
	static const char *const arts[] = { "al-", "el-", "ad-", "as-", "ash-", "ar-", "an-",
	                                    "at-", "az-", "ed-", "ul-", "bin-", "ibn-", NULL };
	if (i >= cx->tv->n || !(T(cx, i)->flags & T_WORD))
		return false;
	const char *b = cx->text + T(cx, i)->start;
	size_t n = T(cx, i)->end - T(cx, i)->start;
	for (const char *const *a = arts; *a; a++) {
		size_t l = strlen(*a);
		if (n > l + 1 && memcmp(b, *a, l) == 0)
			return (b[l] >= 'A' && b[l] <= 'Z') || (unsigned char)b[l] >= 0xc0;
	}
	return false;
}

/* A known place at i that ends the name: "di Milano", "dello Zimbabwe". */
static bool place_after(const struct ctx *cx, size_t i)
{
	uint32_t ge;
	long gl = gaz_match((struct ctx *)cx, i, &ge);	/* its key buffer only */
	if (gl <= 0 || cx->x->ents[ge].type != ENTITY_LOC)
		return false;
	size_t e = i + (size_t)gl;
	return !(e < cx->tv->n && same_line(cx, e) && namey(cx, e));
}

/* Particles in small letters inside a surname after a first name. */
static const char *const name_particles[] = {
	"de", "da", "dos", "das", "do", "van", "von", "der", "den", "la", "le", "du", "el", NULL,
};

/* The end of the capitalised run that starts at s. */
static size_t run_end(const struct ctx *cx, size_t s)
{
	static const char *const final_part[] = { "dalla", "della", "delle", NULL };
	static const char *const name_di[] = { "del", "della", "de", "da", "dei", NULL };
	size_t n = cx->tv->n, e = s + 1;
	uint32_t c0 = T(cx, s)->cue;
	bool join = (c0 & CUE_HEAD_JOIN) != 0;
	bool person = has(cx, &cx->x->first, s) && !join;
	bool joined_di = false;
	if (org_of(cx, s))
		return org_of(cx, s);
	for (;;) {
		if (e < n && same_line(cx, e) && (namey(cx, e) || article_name(cx, e)) &&
		    !((T(cx, e)->cue & CUE_TITLE) && !(T(cx, e)->flags & T_UPPER))) {
			e++;
			continue;
		}
		/* "Óscar de la Hoya", "Leonardo da Vinci": a first name, then a
		 * surname with its particles in small letters */
		if (person && e == s + 1 && e + 1 < n && same_line(cx, e) && is_lower_word(cx, e) &&
		    key_in(cx, e, name_particles)) {
			size_t q = e + 1;
			if (q + 1 < n && is_lower_word(cx, q) && key_in(cx, q, name_particles))
				q++;
			if (same_line(cx, q) && namey(cx, q) && !gaz_start(cx, q)) {
				e = q + 1;
				continue;
			}
		}
		/* "Antonio Di Pietro", "Lucio Dalla" */
		if (!join && same_line(cx, e) && cap_word(cx, e) && !(T(cx, e)->flags & T_SENT) &&
		    (T(cx, e)->cue & CUE_CAP_PART)) {
			if (e + 1 < n && same_line(cx, e + 1) && namey(cx, e + 1)) {
				e += 2;
				continue;
			}
			if (person && e == s + 1 && key_in(cx, e, final_part)) {
				e++;
				continue;
			}
		}
		/* "Organizzazione mondiale della Sanità", "Agenzia europea" */
		uint32_t dm;
		if (join && e < n && same_line(cx, e) && is_lower_word(cx, e) &&
		    ((T(cx, e)->cue & CUE_ORG_ADJ) || demonym(cx, e, &dm)) &&
		    e + 2 < n && (namey(cx, e + 1) || (connector(cx, e + 1) && namey(cx, e + 2)))) {
			e++;
			continue;
		}
		if ((join || key_is(cx, e, "of")) && e + 1 < n && same_line(cx, e) &&
		    same_line(cx, e + 1) && connector(cx, e) && namey(cx, e + 1)) {
			/* "Università Cattolica | di Milano", "Istituto Floriani |
			 * di Vimercate": a named body, then where it is (but
			 * "Università di Nottingham", "Comune di Vercelli") */
			if (join && e - s >= 2 && (c0 & CUE_ORG_HEAD) && !(c0 & CUE_LOC_HEAD) &&
			    place_after(cx, e + 1))
				break;
			e += 2;
			continue;
		}
		/* "San Pietro in Vincoli", "Piazza San Giovanni in Laterano",
		 * "San Carlo al Corso" */
		if ((c0 & CUE_LOC_HEAD) && e + 1 < n && same_line(cx, e + 1) &&
		    (key_is(cx, e, "in") || key_is(cx, e, "al") || key_is(cx, e, "sul")) &&
		    namey(cx, e + 1) && !gaz_start(cx, e + 1) &&
		    !(e + 2 < n && namey(cx, e + 2))) {
			e += 2;
			continue;
		}
		/* "Dipartimento di Stato per l'Energia", "Academy for Gifted
		 * Youth": an organisation's purpose */
		if (join && e + 1 < n && same_line(cx, e) && (key_is(cx, e, "per") || key_is(cx, e, "for"))) {
			size_t q = e + 1;
			if (q + 1 < n && (T(cx, q)->cue & CUE_ARTICLE) && !(T(cx, q)->flags & T_CAP))
				q++;
			if (namey(cx, q) && same_line(cx, q)) {
				e = q + 1;
				continue;
			}
		}
		if (e + 1 < n && same_line(cx, e) && is_lower_word(cx, e) &&
		    (T(cx, e)->cue & CUE_PARTICLE) && namey(cx, e + 1)) {
			e += 2;
			continue;
		}
		/* "Francesco del Giocondo", once, not before a known name */
		if (person && !joined_di && e + 1 < n && same_line(cx, e) &&
		    same_line(cx, e + 1) && is_lower_word(cx, e) && key_in(cx, e, name_di) &&
		    namey(cx, e + 1) && !gaz_start(cx, e + 1)) {
			e += 2;
			joined_di = true;
			continue;
		}
		break;
	}
	/* "Governo Prodi II": the government, then the person it is named
	 * after */
	if (e > s + 1 && key_is(cx, s, "governo") && !connector(cx, s + 1))
		return s + 1;
	/* "April Jones April Jones": a headline ran into the text. */
	if (e - s >= 2 && (e - s) % 2 == 0) {
		size_t h = (e - s) / 2, k = 0;
		while (k < h && T(cx, s + k)->keylen == T(cx, s + h + k)->keylen &&
		       memcmp(tok_key(cx->tv, s + k), tok_key(cx->tv, s + h + k),
		              T(cx, s + k)->keylen) == 0)
			k++;
		if (k == h)
			return s + h;
	}
	/* "Federica Guidi Ministero del Lavoro": a head word after a person's
	 * name starts another name. */
	if (person)
		for (size_t k = s + 2; k < e; k++)
			if ((T(cx, k)->cue & (CUE_ORG_HEAD | CUE_LOC_HEAD)) && T(cx, k)->flags & T_CAP)
				return k;
	/* "Steve Hansen AUSTRALIA": a word in capitals after a name */
	if (person && e - s >= 3 && (T(cx, e - 1)->flags & T_UPPER) && !(T(cx, e - 2)->flags & T_UPPER) &&
	    T(cx, e - 1)->keylen > 3)
		return e - 1;
	/* "Follini Marco Follini": a headline's last name, then the text. */
	for (size_t k = s + 1; k + 1 < e; k++)
		if (has(cx, &cx->x->first, k) && T(cx, k + 1)->keylen == T(cx, s)->keylen &&
		    memcmp(tok_key(cx->tv, k + 1), tok_key(cx->tv, s), T(cx, s)->keylen) == 0)
			return k;
	/* A person's name begins inside the run: "Consiglio Enrico Letta",
	 * "PD Matteo Renzi". */
	if ((c0 & (CUE_ORG_HEAD | CUE_LOC_HEAD)) || (T(cx, s)->flags & T_UPPER) ||
	    has(cx, &cx->x->words, s))
		for (size_t k = s + 1; k + 1 < e; k++)
			if (has(cx, &cx->x->first, k) && !has(cx, &cx->x->first, k - 1) &&
			    namey(cx, k - 1) && namey(cx, k + 1) &&
			    !(T(cx, k + 1)->flags & T_ROMAN))
				return k;
	return e;
}

/* "(ministro) della Difesa", "(Segretario) di Stato": the office of a
 * title, a common word that is no name here. */
static bool office(const struct ctx *cx, size_t p)
{
	if (p < 2 || !namey(cx, p) || !connector(cx, p - 1) ||
	    !(T(cx, p - 2)->cue & CUE_TITLE) || (T(cx, p)->cue & (CUE_ORG_HEAD | CUE_LOC_HEAD)))
		return false;
	return ent_common_word(cx->x, tok_key(cx->tv, p), T(cx, p)->keylen);
}

/* An adjective by its ending: "speciale", "ortodossa", "rivoluzionaria". */
static bool adjective(const struct ctx *cx, size_t i)
{
	static const char *const endings[] = {
		"ale", "ali", "ile", "ili", "ico", "ica", "ici", "iche", "ese", "esi",
		"ivo", "iva", "ivi", "ive", "ario", "aria", "ari", "arie", "ense", "ensi",
		"osso", "ossa", "odossa", "odosso", NULL,
	};
	if (!is_lower_word(cx, i) || (T(cx, i)->cue & CUE_STOP))
		return false;
	const char *k = tok_key(cx->tv, i);
	size_t n = T(cx, i)->keylen;
	for (const char *const *w = endings; *w; w++) {
		size_t l = strlen(*w);
		if (n >= l + 3 && memcmp(k + n - l, *w, l) == 0)
			return true;
	}
	return false;
}

/* Skip back over adjectives between a cue and a name ("il presidente
 * russo Vladimir Putin", "il ministro degli Esteri"). */
static size_t cue_before(const struct ctx *cx, size_t s)
{
	if (s == 0)
		return (size_t)-1;
	size_t p = s - 1;
	uint32_t e;
	for (int k = 0; k < 2 && p > 0; k++) {
		if (demonym(cx, p, &e) || key_is(cx, p, "ex") || key_is(cx, p, "uscente") ||
		    key_is(cx, p, "neo") || key_is(cx, p, "nuovo") || key_is(cx, p, "attuale") ||
		    (adjective(cx, p) && p > 0 && !(T(cx, p - 1)->cue & CUE_STOP) &&
		     !(T(cx, p)->cue & (CUE_LOC_BEFORE | CUE_ORG_BEFORE | CUE_TITLE | CUE_PER_HEAD))))
			p--;
		else
			break;
	}
	/* "il ministro della Difesa (russo) Andrei Belousov": the office
	 * between the title and the name */
	if (office(cx, p))
		return p - 2;
	/* "l'agenzia di stampa (giapponese) Jiji", "la casa di produzione X":
	 * an organisation's word with its common noun */
	if (p >= 2 && is_lower_word(cx, p) && connector(cx, p - 1) &&
	    (T(cx, p - 2)->cue & CUE_ORG_BEFORE) && !(T(cx, p)->cue & CUE_STOP) &&
	    ent_common_word(cx->x, tok_key(cx->tv, p), T(cx, p)->keylen))
		return p - 2;
	return p;
}

/* "YouTube", "ThyssenKrupp", "AstraZeneca": a capital after small
 * letters inside a word names a company or a product, not a person
 * ("McCartney", "DeLillo", "MacArthur" are names). */
static bool camel_case(const struct ctx *cx, size_t i)
{
	static const char *const prefixes[] = { "Mc", "Mac", "De", "Di", "Da", "Del", "Della",
	                                        "La", "Le", "Lo", "Van", "Von", "Du", "El", "Al", NULL };
	const char *b = cx->text + T(cx, i)->start;
	size_t n = T(cx, i)->end - T(cx, i)->start;
	if (!(T(cx, i)->flags & T_WORD) || (T(cx, i)->flags & T_UPPER) || n < 4)
		return false;
	for (size_t k = 1; k + 1 < n; k++) {
		if (!(b[k] >= 'a' && b[k] <= 'z') || !(b[k + 1] >= 'A' && b[k + 1] <= 'Z'))
			continue;
		for (const char *const *p = prefixes; *p; p++)
			if (strlen(*p) == k + 1 && memcmp(b, *p, k + 1) == 0)
				return false;
		/* the rest in small letters again: "YouTube", not "PdL" */
		return k + 2 < n && b[k + 2] >= 'a' && b[k + 2] <= 'z';
	}
	return false;
}

/* One word with the ending of a country's or a region's name in Italian
 * ("Ossezia", "Mauritania", "Gloucestershire"), not a first name. */
static bool place_like(const struct ctx *cx, size_t s, size_t e)
{
	if (e - s != 1 || (T(cx, s)->flags & T_UPPER) || has(cx, &cx->x->first, s))
		return false;
	const char *k = tok_key(cx->tv, s);
	size_t n = T(cx, s)->keylen;
	return (n >= 5 && memcmp(k + n - 2, "ia", 2) == 0) ||
	       (n >= 8 && memcmp(k + n - 5, "shire", 5) == 0);
}

static void type_run(struct ctx *cx, size_t s, size_t e, int *type, int *strength)
{
	const struct tok *t0 = T(cx, s);
	size_t n = cx->tv->n;
	*strength = STRONG;
	cx->unconfirmed = false;
	if ((t0->cue & CUE_ORG_HEAD) && e - s >= 2) {
		*type = ENTITY_ORG;
		return;
	}
	/* "il Ministero", "la Procura" on their own inside a sentence */
	if ((t0->cue & CUE_ORG_ALONE) && !(t0->flags & (T_SENT | T_UPPER))) {
		*type = ENTITY_ORG;
		return;
	}
	if (((t0->cue & CUE_LOC_HEAD) && e - s >= 2) ||
	    (t0->keylen > 5 && memcmp(tok_key(cx->tv, s), "sant'", 5) == 0)) {
		*type = ENTITY_LOC;
		return;
	}
	for (size_t k = s + 1; k < e; k++)
		if (T(cx, k)->cue & CUE_ORG_SUFFIX) {
			*type = ENTITY_ORG;
			return;
		}
	for (size_t k = s; k < e; k++)
		if (camel_case(cx, k)) {
			*type = ENTITY_ORG;
			*strength = MEDIUM;
			return;
		}
	*type = ENTITY_PER;
	if (has(cx, &cx->x->first, s) && !(t0->flags & T_UPPER)) {
		if (e - s == 1)
			*strength = MEDIUM;
		return;
	}
	if ((t0->cue & CUE_PARTICLE) && e - s >= 2)
		return;
	for (size_t k = s; k + 1 < e; k++)
		if (T(cx, k)->flags & (T_INITIAL | T_DOTTED))
			if (T(cx, k)->keylen <= 4)
				return;
	size_t p = cue_before(cx, s);
	if (p != (size_t)-1) {
		uint32_t c = T(cx, p)->cue;
		if (c & (CUE_TITLE | CUE_PER_HEAD))
			return;
		if (c & CUE_ORG_BEFORE) {
			*type = ENTITY_ORG;
			return;
		}
		if (c & CUE_LOC_BEFORE) {
			*type = ENTITY_LOC;
			return;
		}
		if (p > 0 && connector(cx, p) && (T(cx, p - 1)->cue & CUE_LOC_BEFORE)) {
			*type = ENTITY_LOC;
			return;
		}
	}
	/* ", presidente", "ha detto" after the name */
	if (e < n) {
		size_t q = e;
		if (key_is(cx, q, ",")) {
			q++;
			if (key_is(cx, q, "il") || key_is(cx, q, "la") || key_is(cx, q, "l'") ||
			    key_is(cx, q, "ex") || key_is(cx, q, "un") || key_is(cx, q, "una"))
				q++;
			if (q < n && (T(cx, q)->cue & CUE_TITLE)) {
				*strength = MEDIUM;
				return;
			}
		} else if (T(cx, q)->cue & CUE_PER_AFTER) {
			*strength = MEDIUM;
			return;
		} else if ((key_is(cx, q, "ha") || key_is(cx, q, "aveva") || key_is(cx, q, "avrebbe") ||
		            key_is(cx, q, "è")) && q + 1 < n && (T(cx, q + 1)->cue & CUE_PER_AFTER)) {
			*strength = MEDIUM;
			return;
		}
	}
	*strength = CONTEXT;
	if ((t0->flags & T_UPPER) && e - s == 1) {
		*type = ENTITY_ORG;
		return;
	}
	if (p != (size_t)-1 && p == s - 1 && (T(cx, p)->cue & CUE_LOC_PREP)) {
		*type = ENTITY_LOC;
		return;
	}
	/* "la morte di X", "insieme a X": a person */
	if (s > 1 && (key_is(cx, s - 1, "di") || key_is(cx, s - 1, "a") || key_is(cx, s - 1, "ad")) &&
	    (T(cx, s - 2)->cue & CUE_PER_OF)) {
		*type = ENTITY_PER;
		return;
	}
	if (s > 0 && key_is(cx, s - 1, "di")) {
		*type = ENTITY_LOC;
		return;
	}
	if (s > 0 && (T(cx, s - 1)->cue & CUE_ARTICLE)) {
		static const char *const loc_art[] = { "al", "allo", "sul", "sullo", NULL };
		*type = key_in(cx, s - 1, loc_art) || place_like(cx, s, e) ? ENTITY_LOC : ENTITY_ORG;
		/* "la Crew Dragon", "il Telegiornale Regionale": more often a
		 * thing, an event or a title than an organisation */
		static const char *const plural[] = { "i", "gli", "dei", "degli", "ai", "agli", "dai",
		                                      "dagli", "nei", "negli", "sui", "sugli", "coi", NULL };
		const char *lk = tok_key(cx->tv, e - 1);
		size_t ln = T(cx, e - 1)->keylen;
		/* but "i Rolling Stones", "dei Black Eyed Peas": a band */
		bool band = key_in(cx, s - 1, plural) && ln > 3 && lk[ln - 1] == 's';
		cx->unconfirmed = *type == ENTITY_ORG && e - s >= 2 && !band;
		return;
	}
	/* "(Cnir)", "(Assogestioni)": an acronym or a short name in brackets */
	if (s > 0 && key_is(cx, s - 1, "(") && e - s <= 2) {
		*type = ENTITY_ORG;
		return;
	}
	*strength = WEAK;
	*type = ENTITY_PER;
}

/* An organisation's adjectives after it: "Governo italiano", "Chiesa
 * ortodossa", "polizia locale". */
static size_t org_adjectives(const struct ctx *cx, size_t e)
{
	uint32_t d;
	size_t lim = e + 2;
	while (e < cx->tv->n && e < lim && same_line(cx, e) &&
	       (demonym(cx, e, &d) ||
	        (is_lower_word(cx, e) && (T(cx, e)->cue & CUE_ORG_ADJ))))
		e++;
	return e;
}


/* An institution named by its head and its adjectives: "Corte
 * rivoluzionaria", "Tribunale speciale iracheno", "Chiesa ortodossa". */
static size_t head_adjectives(const struct ctx *cx, size_t e)
{
	uint32_t d;
	size_t lim = e + 2;
	while (e < cx->tv->n && e < lim && same_line(cx, e) &&
	       (demonym(cx, e, &d) || adjective(cx, e) ||
	        (is_lower_word(cx, e) && (T(cx, e)->cue & CUE_ORG_ADJ))))
		e++;
	return e;
}

/* "Floyd Mayweather Jr." takes its period, "Megaupload.com" its domain. */
static size_t take_period(const struct ctx *cx, size_t e)
{
	static const char *const domains[] = { "com", "it", "org", "net", "eu", "info", NULL };
	if (e < cx->tv->n && (key_is(cx, e - 1, "jr") || key_is(cx, e - 1, "sr")) &&
	    key_is(cx, e, ".") && !(T(cx, e)->flags & T_SPACE))
		return e + 1;
	if (e + 1 < cx->tv->n && key_is(cx, e, ".") && !(T(cx, e)->flags & T_SPACE) &&
	    !(T(cx, e + 1)->flags & T_SPACE) && key_in(cx, e + 1, domains))
		return e + 2;
	return e;
}

static int add_run(struct ctx *cx, size_t s, size_t e, int type, int strength,
                   int32_t gaz, bool common)
{
	if (take_period(cx, e) > e + 1 && strength < STRONG) {
		type = ENTITY_ORG;	/* a web site */
		strength = MEDIUM;
	}
	if (type == ENTITY_ORG && e - s <= 2 && (T(cx, s)->cue & CUE_ORG_HEAD) && (T(cx, s)->flags & T_CAP))
		e = head_adjectives(cx, e);
	else if (type == ENTITY_ORG)
		e = org_adjectives(cx, e);
	else if (type == ENTITY_LOC && e < cx->tv->n && same_line(cx, e) &&
	         is_lower_word(cx, e) && (T(cx, e)->cue & CUE_LOC_ADJ))
		e++;
	e = take_period(cx, e);
	/* "Yahoo!", "Jeopardy!": a name that ends in "!" inside the sentence */
	if (e - s == 1 && e + 1 < cx->tv->n && key_is(cx, e, "!") && !(T(cx, e)->flags & T_SPACE) &&
	    same_line(cx, e + 1) && (is_lower_word(cx, e + 1) || key_is(cx, e + 1, ".") ||
	                             key_is(cx, e + 1, ",") || key_is(cx, e + 1, ":") ||
	                             key_is(cx, e + 1, ";")))
		e++;
	if (add_cand(cx, s, e, type, strength, gaz) < 0)
		return -1;
	cx->c[cx->nc - 1].common = common;
	return 0;
}

/* A known place ends the run that goes on after it: "Paesi Bassi Sanne
 * Wevers", "il premier di Israele Ehud Olmert", a headline that ran into
 * the text ("sindaco di Messina Concluso lo spoglio"). */
static bool gaz_stops(struct ctx *cx, uint32_t ge, size_t ge_end, size_t e)
{
	const struct gaz_entry *g = &cx->x->ents[ge];
	if (g->type != ENTITY_LOC)
		return false;
	if (g->kind == GAZ_COUNTRY || g->kind == GAZ_REGION)
		return true;
	uint32_t next;
	if (gaz_match(cx, ge_end, &next) > 0)	/* "a Vladivostok Putin ha detto" */
		return true;
	if (e - ge_end >= 2)
		return true;
	return has(cx, &cx->x->words, ge_end);
}

/* A hyphenated word made of names: -1 for a pair of known names ("il
 * vertice Putin-Kim", "Usa-Cina"), which is no entity; 1 when only its
 * last part is a known place ("Indo-Pacifico"); 0 otherwise. */
static int hyphen_pair(const struct ctx *cx, size_t i)
{
	const char *k = tok_key(cx->tv, i), *end = k + T(cx, i)->keylen;
	const char *h = memchr(k, '-', (size_t)(end - k));
	if (!h || memchr(h + 1, '-', (size_t)(end - h - 1)) || !namey(cx, i))
		return 0;
	const char *b = cx->text + T(cx, i)->start;
	const char *bh = memchr(b, '-', T(cx, i)->end - T(cx, i)->start);
	if (!bh || !(bh[1] >= 'A' && bh[1] <= 'Z'))
		return 0;
	size_t n1 = (size_t)(h - k), n2 = (size_t)(end - h - 1);
	uint32_t e1, e2;
	bool g1 = lex_map_get(&cx->x->gaz, k, n1, &e1), g2 = lex_map_get(&cx->x->gaz, h + 1, n2, &e2);
	bool k1 = g1 || lex_map_get(&cx->x->first, k, n1, NULL);
	bool k2 = g2 || lex_map_get(&cx->x->first, h + 1, n2, NULL);
	if (k1 && k2)
		return -1;
	if ((g2 && !k1 && cx->x->ents[e2].type == ENTITY_LOC) ||
	    (g1 && !k2 && cx->x->ents[e1].type == ENTITY_LOC))
		return 1;
	return 0;
}

static bool ends_in(const char *k, size_t n, const char *const *endings)
{
	for (; *endings; endings++) {
		size_t l = strlen(*endings);
		if (n > l + 2 && memcmp(k + n - l, *endings, l) == 0)
			return true;
	}
	return false;
}

/* "Helicobacter pylori", "Staphylococcus aureus", "Homo sapiens": a
 * genus, then a Latin epithet that is no Italian word. */
static bool species(const struct ctx *cx, size_t i, size_t e)
{
	static const char *const endings[] = { "us", "um", "ae", "is", "ii", "ens", "ex", "i", NULL };
	if (e != i + 1 || !is_lower_word(cx, e) || !same_line(cx, e) || has(cx, &cx->x->first, i) ||
	    (T(cx, i)->flags & T_UPPER))
		return false;
	const char *k = tok_key(cx->tv, e);
	size_t n = T(cx, e)->keylen;
	if (n < 4 || (T(cx, e)->cue & CUE_STOP) || ent_common_word(cx->x, k, n) ||
	    has(cx, &cx->x->english, e))
		return false;
	static const char *const genus[] = { "us", "um", "er", "es", "ia", "o", NULL };
	if (!ends_in(k, n, endings) || memchr(k, '-', n) ||
	    !ends_in(tok_key(cx->tv, i), T(cx, i)->keylen, genus))
		return false;
	return true;
}

/* "Sandy, l'uragano": the name of a thing in apposition before it */
static bool none_apposition(const struct ctx *cx, size_t e)
{
	size_t q = e;
	if (!key_is(cx, q, ","))
		return false;
	q++;
	if (q < cx->tv->n && (T(cx, q)->cue & CUE_ARTICLE))
		q++;
	return q < cx->tv->n && is_lower_word(cx, q) && (T(cx, q)->cue & CUE_NONE_AFTER) &&
	       !key_is(cx, q, "the") && !key_is(cx, q, "of");
}

static bool open_quote(const struct ctx *cx, size_t i)
{
	return key_is(cx, i, "\"") || key_is(cx, i, "\xc2\xab") || key_is(cx, i, "\xe2\x80\x9c");
}

static bool close_quote(const struct ctx *cx, size_t i)
{
	return key_is(cx, i, "\"") || key_is(cx, i, "\xc2\xbb") || key_is(cx, i, "\xe2\x80\x9d");
}

/* The run [s, e) is the whole of a quotation. */
static bool quoted(const struct ctx *cx, size_t s, size_t e)
{
	if (s == 0 || e >= cx->tv->n)
		return false;
	size_t p = s - 1;
	if ((T(cx, p)->flags & T_ELISION) && p > 0)
		p--;
	return open_quote(cx, p) && close_quote(cx, e);
}

/* A name starting at capitalised token i; returns the next token. */
static size_t name_at(struct ctx *cx, size_t i, int *err)
{
	cx->unconfirmed = false;
	const struct tok *t = T(cx, i);
	size_t n = cx->tv->n;
	uint32_t ge;
	if (in_address(cx, i))
		return i + 1;
	long gl = gaz_match(cx, i, &ge);
	int type, strength;
	if (gl < 0) {
		*err = -1;
		return i + 1;
	}
	/* "Habemus Papam", "Urbi et Orbi", "Ave Maria": a phrase or a title
	 * of data/entity_phrases.txt names nothing */
	if (gl > 0 && cx->x->ents[ge].kind == GAZ_PHRASE)
		return i + (size_t)gl;
	/* "Nato a Roma": a common word that starts a sentence; "Oggi": a
	 * function word, not the magazine. */
	if (gl == 1 && (t->flags & T_SENT) && has(cx, &cx->x->words, i) &&
	    ((is_lower_word(cx, i + 1) && (T(cx, i + 1)->cue & CUE_STOP)) ||
	     ((t->cue & CUE_STOP) && !(t->flags & T_UPPER))))
		return i + 1;
	if (!gl) {
		/* "Don Zeno", "Lord Buddha": the form of address is inside. */
		if ((t->cue & CUE_PER_HEAD) && namey(cx, i + 1) && same_line(cx, i + 1)) {
			size_t e = run_end(cx, i + 1);
			if (add_run(cx, i, e, ENTITY_PER, STRONG, -1, false) < 0)
				*err = -1;
			return e;
		}
		/* "Di Pietro", "Al Zarqawi", "Il Volo" inside a sentence */
		if (!(t->flags & T_SENT) && (t->cue & CUE_CAP_PART) && i > 0 &&
		    !(T(cx, i - 1)->flags & T_PUNCT && !key_is(cx, i - 1, ",")) &&
		    namey(cx, i + 1) && same_line(cx, i + 1) && !gaz_start(cx, i + 1)) {
			size_t e = run_end(cx, i + 1);
			if (key_in(cx, i, surname_particles)) {
				type = ENTITY_PER;
				strength = STRONG;
			} else {
				type_run(cx, i + 1, e, &type, &strength);
			}
			if (add_run(cx, i, e, type, strength, -1, false) < 0)
				*err = -1;
			return e;
		}
		if ((t->cue & CUE_STOP) && !(t->flags & T_UPPER))
			return i + 1;
		if ((t->cue & (CUE_TITLE | CUE_NOT_NAME)) &&
		    !(has(cx, &cx->x->first, i) && namey(cx, i + 1)))
			return i + 1;
		if (t->flags & T_ROMAN)
			return i + 1;
		if ((t->cue & CUE_CONNECTOR) && (t->flags & T_SENT))
			return i + 1;
		if ((t->flags & T_SENT) && !(t->flags & T_UPPER) &&
		    !(t->cue & (CUE_ORG_HEAD | CUE_LOC_HEAD)) &&
		    !has(cx, &cx->x->first, i) && !has(cx, &cx->doc, i) &&
		    (has(cx, &cx->lower, i) || (cx->x->have_words &&
		     ent_common_word(cx->x, tok_key(cx->tv, i), t->keylen))))
			return i + 1;
	}
	if (!gl && office(cx, i))
		return i + 1;
	int hy = gl ? 0 : hyphen_pair(cx, i);
	if (hy < 0)
		return i + 1;
	size_t e = run_end(cx, i);
	/* "l'uragano Sandy", "Sandy, l'uragano": named things that are not
	 * entities, here and wherever else the text names them */
	if (!gl && ((i > 0 && (T(cx, i - 1)->cue & CUE_NONE_AFTER)) || none_apposition(cx, e) ||
	            species(cx, i, e))) {
		size_t kl = ent_phrase(cx, i, e);
		if (kl == (size_t)-1 || lex_map_put(&cx->none, cx->kb, kl, 1, LEX_KEEP) < 0)
			*err = -1;
		return e;
	}
	/* «Aspettando Godot», "Jolly Nero": a quoted run that nothing types
	 * is a title */
	if (!gl && quoted(cx, i, e)) {
		int qt, qs;
		type_run(cx, i, e, &qt, &qs);
		if (qs == WEAK)
			return e;
	}
	/* "Giro d'Italia", "Gran Premio di Monza": the place an event is
	 * named after stays a place; "Tour de France" is a foreign title */
	bool event = i >= 2 && connector(cx, i - 1) && same_line(cx, i - 1) &&
	             same_line(cx, i) && cap_word(cx, i - 2) && (T(cx, i - 2)->cue & CUE_EVENT);
	if (event) {
		static const char *const foreign[] = { "de", "du", "des", "of", NULL };
		if (key_in(cx, i - 1, foreign))
			return e;
		if (!(gl > 0 && cx->x->ents[ge].type == ENTITY_LOC)) {
			if (add_run(cx, i, e, ENTITY_LOC, MEDIUM, -1, false) < 0)
				*err = -1;
			return e;
		}
	}
	/* "Coppa Italia", "Giro d'Italia": the name of an event */
	size_t pv = i > 0 && (T(cx, i - 1)->flags & T_ELISION) ? i - 1 : i;
	if (!event && pv > 0 && cap_word(cx, pv - 1) && same_line(cx, pv) &&
	    (T(cx, pv - 1)->cue & CUE_NOT_NAME) && !(T(cx, pv - 1)->cue & CUE_TITLE))
		return e;
	if (gl > 0) {
		size_t ge_end = i + (size_t)gl;
		if (ge_end >= e || has(cx, &cx->x->first, ge_end) || gaz_stops(cx, ge, ge_end, e)) {
			if (add_run(cx, i, ge_end, cx->x->ents[ge].type, STRONG, (int32_t)ge, false) < 0)
				*err = -1;
			return ge_end;
		}
		/* "New York Times", "Roma Termini": the run goes on. */
		type_run(cx, i, e, &type, &strength);
		if (strength < STRONG) {
			type = cx->x->ents[ge].type;
			strength = MEDIUM;
			/* "Miami Marlins", "New York Mets": a city's team */
			const char *lk = tok_key(cx->tv, e - 1);
			size_t ln = T(cx, e - 1)->keylen;
			if (type == ENTITY_LOC && e == ge_end + 1 && ln > 3 && lk[ln - 1] == 's' &&
			    !(T(cx, e - 1)->flags & T_UPPER) && !has(cx, &cx->x->first, e - 1))
				type = ENTITY_ORG;
		}
		if (add_run(cx, i, e, type, strength, -1, false) < 0)
			*err = -1;
		return e;
	}
	type_run(cx, i, e, &type, &strength);
	if (hy > 0 && e - i == 1 && strength < STRONG) {
		type = ENTITY_LOC;
		strength = MEDIUM;
	}
	if (strength < STRONG && e - i == 1) {
		/* a single capital letter; a quoted word ("Gomorra") */
		if (t->end - t->start == 1)
			return e;
		if (i > 0 && (key_is(cx, i - 1, "\"") || key_is(cx, i - 1, "«") ||
		              key_is(cx, i - 1, "“")))
			return e;
		/* "un Boeing", "il Titanic", "i Verdi": a thing or a group */
		static const char *const no_art[] = {
			"un", "uno", "una", "un'", "i", "gli", "le", "dei", "degli", "delle",
			"ai", "agli", "alle", "dai", "dagli", "dalle", "nei", "negli", "nelle",
			"sui", "sugli", "sulle", NULL,
		};
		if (i > 0 && (key_in(cx, i - 1, no_art) || key_is(cx, i - 1, "il")))
			return e;
	}
	/* "il brano Purple Rain", "Everybody Lies": a title in English */
	if (strength < STRONG && !has(cx, &cx->x->first, i)) {
		size_t k = i;
		while (k < e && has(cx, &cx->x->english, k))
			k++;
		if (k == e)
			return e;
	}
	/* "sulla A14", "l'A4": a motorway */
	if (e - i == 1 && (t->flags & T_DIGIT) && strength < STRONG && t->keylen >= 2 &&
	    t->keylen <= 3 && tok_key(cx->tv, i)[0] == 'a' && cx->text[t->start] == 'A') {
		const char *k = tok_key(cx->tv, i);
		if (k[1] >= '1' && k[1] <= '9' && (t->keylen == 2 || (k[2] >= '0' && k[2] <= '9'))) {
			if (add_run(cx, i, e, ENTITY_LOC, MEDIUM, -1, false) < 0)
				*err = -1;
			return e;
		}
	}
	/* "N2", "S5", "O157": codes, not names */
	if (e - i == 1 && (t->flags & T_DIGIT) && strength < STRONG) {
		size_t letters = 0;
		for (size_t k = 0; k < t->keylen; k++)
			letters += tok_key(cx->tv, i)[k] >= 'a' && tok_key(cx->tv, i)[k] <= 'z';
		if (letters < 2)
			return e;
	}
	bool common = (e - i == 1 && strength < STRONG &&
	               ent_common_word(cx->x, tok_key(cx->tv, i), t->keylen)) || cx->unconfirmed;
	(void)n;
	if (add_run(cx, i, e, type, strength, -1, common) < 0)
		*err = -1;
	return e;
}

/* Lower-case organisation words and place heads at i; the next token,
 * or i when nothing matched. */
static size_t lower_at(struct ctx *cx, size_t i, int *err)
{
	const struct tok *t = T(cx, i);
	size_t n = cx->tv->n;
	/* "provincia di Trapani", "via Padova" */
	if (t->cue & CUE_LOC_LOWER) {
		size_t j = i + 1;
		if (j + 1 < n && connector(cx, j) && namey(cx, j + 1) && same_line(cx, j + 1))
			j++;
		if (j < n && namey(cx, j) && same_line(cx, j) &&
		    !(T(cx, j)->cue & CUE_TITLE)) {
			uint32_t ge;
			long gl = gaz_match(cx, j, &ge);
			size_t e = gl > 0 ? j + (size_t)gl : run_end(cx, j);
			if (gl < 0 || add_cand(cx, i, e, ENTITY_LOC, STRONG, -1) < 0)
				*err = -1;
			return e;
		}
	}
	/* "ministero degli Esteri", "vigili del fuoco" */
	if ((t->cue & (CUE_ORG_LOWER | CUE_ORG_OF)) && i + 2 < n && connector(cx, i + 1) &&
	    same_line(cx, i + 1) && same_line(cx, i + 2)) {
		size_t e = 0;
		if (namey(cx, i + 2) && !(T(cx, i + 2)->cue & CUE_TITLE)) {
			uint32_t ge;
			long gl = gaz_match(cx, i + 2, &ge);
			if (gl < 0) {
				*err = -1;
				return i + 1;
			}
			e = gl > 0 ? i + 2 + (size_t)gl : run_end(cx, i + 2);
		} else if (is_lower_word(cx, i + 2) && (T(cx, i + 2)->cue & CUE_ORG_TAIL)) {
			e = i + 3;
		}
		if (!e)
			e = org_of(cx, i);
		if (e) {
			if (add_run(cx, i, e, ENTITY_ORG, STRONG, -1, false) < 0)
				*err = -1;
			return org_adjectives(cx, e);
		}
	}
	/* "governo", "polizia locale", "governo cinese" */
	if (t->cue & (CUE_ORG_WORD | CUE_ORG_LOWER)) {
		size_t e = org_adjectives(cx, i + 1);
		/* "il governo", not "crisi di governo" or "pubblico ministero"
		 * (but "le forze di polizia" are as often named as not) */
		bool art = !(i > 0 && key_is(cx, i - 1, "pubblico")) &&
		           !(i > 0 && key_is(cx, i - 1, "di") && !key_is(cx, i, "polizia"));
		if (e > i + 1 || ((t->cue & CUE_ORG_WORD) && art)) {
			if (add_cand(cx, i, e, ENTITY_ORG, STRONG, -1) < 0)
				*err = -1;
			return e;
		}
	}
	return i;
}

int ent_find_names(const struct entity_extractor *x, const char *text,
                   struct tokvec *tv, const char *doc_date, struct mvec *out)
{
	struct ctx cx = { .x = x, .text = text, .tv = tv };
	ent_parse_doc_date(doc_date, &cx.doc_year, &cx.doc_month);
	int err = 0;
	size_t n = tv->n, nsport = 0, nwords = 0;
	for (size_t i = 0; i < n && !err; i++) {
		const struct tok *t = &tv->t[i];
		if (t->cue & CUE_SPORT)
			nsport++;
		if (t->flags & T_WORD)
			nwords++;
		if ((t->flags & T_WORD) && (t->flags & (T_CAP | T_UPPER)) && !(t->flags & T_SENT))
			err = lex_map_put(&cx.doc, tok_key(tv, i), t->keylen, 1, LEX_KEEP);
		else if ((t->flags & T_WORD) && !(t->flags & (T_CAP | T_UPPER | T_ELISION)))
			err = lex_map_put(&cx.lower, tok_key(tv, i), t->keylen, 1, LEX_KEEP);
	}
	cx.sport = nsport >= SPORT_WORDS;
	cx.sport_dense = cx.sport && nsport * 50 >= nwords;
	size_t i = 0;
	while (i < n && !err) {
		const struct tok *t = &tv->t[i];
		char iso[40];
		size_t dl = (t->flags & (T_WORD | T_NUM))
		            ? ent_date_at(tv, text, i, cx.doc_year, cx.doc_month, iso) : 0;
		if (dl) {
			if (add_cand(&cx, i, i + dl, ENTITY_DATE, STRONG, -1) < 0)
				err = -1;
			else {
				cx.c[cx.nc - 1].date = true;
				memcpy(cx.c[cx.nc - 1].iso, iso, sizeof iso);
			}
			i += dl;
			continue;
		}
		if ((t->flags & T_NUM) && i > 0 && (key_is(&cx, i, "118") || key_is(&cx, i, "112") ||
		    key_is(&cx, i, "113") || key_is(&cx, i, "115")) &&
		    (key_is(&cx, i - 1, "il") || key_is(&cx, i - 1, "del") || key_is(&cx, i - 1, "al") ||
		     key_is(&cx, i - 1, "dal") || key_is(&cx, i - 1, "col"))) {
			if (add_cand(&cx, i, i + 1, ENTITY_ORG, STRONG, -1) < 0)
				err = -1;
			i++;
			continue;
		}
		if (!(t->flags & T_WORD) || (t->flags & T_ELISION)) {
			i++;
			continue;
		}
		if (t->flags & (T_CAP | T_UPPER)) {
			i = name_at(&cx, i, &err);
			continue;
		}
		/* lower case */
		if ((t->cue & (CUE_PARTICLE | CUE_PER_HEAD)) && namey(&cx, i + 1) &&
		    same_line(&cx, i + 1) && !(i > 0 && cap_word(&cx, i - 1)) &&
		    !gaz_start(&cx, i + 1)) {
			size_t e = run_end(&cx, i + 1);
			if (add_cand(&cx, i, e, ENTITY_PER, STRONG, -1) < 0)
				err = -1;
			i = e;
			continue;
		}
		size_t j = lower_at(&cx, i, &err);
		if (j > i) {
			i = j;
			continue;
		}
		uint32_t ge;
		if (demonym(&cx, i, &ge)) {
			if (add_cand(&cx, i, i + 1, ENTITY_LOC, STRONG, (int32_t)ge) < 0)
				err = -1;
			else
				cx.c[cx.nc - 1].derived = true;
		}
		i++;
	}
	if (!err)
		err = ent_resolve(&cx);
	if (!err)
		err = ent_emit(&cx, out);
	lex_map_free(&cx.doc);
	lex_map_free(&cx.lower);
	lex_map_free(&cx.strong);
	lex_map_free(&cx.surnames);
	lex_map_free(&cx.weak_surnames);
	lex_map_free(&cx.votes);
	lex_map_free(&cx.bare);
	lex_map_free(&cx.none);
	free(cx.kb);
	free(cx.c);
	return err;
}
