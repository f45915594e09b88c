/*
 * entity_extract_type.c: the word tests the name rules share, where a run
 * of capitalised words ends, and how a run is typed (the strongest cue
 * wins: gazetteer, head word, org suffix, first name, particle, initials,
 * a title or cue word around it, a place preposition, an article; the
 * rest default to a weak PER).  The rules that find the runs are in
 * entity_extract_names.c.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "entity_impl.h"

bool ent_demonym(const struct ctx *cx, size_t i, uint32_t *e)
{
	return is_lower_word(cx, i) &&
	       lex_map_get(&cx->x->demonyms, tok_key(cx->tv, i), T(cx, i)->keylen, e);
}

bool ent_key_in(const struct ctx *cx, size_t i, const char *const *set)
{
	for (; *set; set++)
		if (key_is(cx, i, *set))
			return true;
	return false;
}

/* Particles of surnames ("Di Pietro", "Dell'Utri", "Al Zarqawi"). */
const char *const ent_surname_particles[] = {
	"di", "de", "del", "della", "delle", "dalla", "dal", "da", "van", "von",
	"mac", "mc", "dell'", "d'", "al", "el", "abu", "ibn", "ben", "bin",
	"lo", "li", "la", "le", "du", "des", NULL,
};

bool ent_gaz_start(const struct ctx *cx, size_t i)
{
	return i < cx->tv->n && has(cx, &cx->x->gaz_first, i);
}

bool ent_cap_word(const struct ctx *cx, size_t i)
{
	return i < cx->tv->n && (T(cx, i)->flags & T_WORD) &&
	       (T(cx, i)->flags & (T_CAP | T_UPPER));
}

/* "(ministero) del tesoro", "(Consiglio) di amministrazione": a head
 * of CUE_ORG_OF, a connector and a common noun; the end, or 0. */
size_t ent_org_of(const struct ctx *cx, size_t i)
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
bool ent_in_address(const struct ctx *cx, size_t i)
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
	long gl = ent_gaz_match((struct ctx *)cx, i, &ge);	/* its key buffer only */
	if (gl <= 0 || cx->x->ents[ge].type != ENTITY_LOC)
		return false;
	size_t e = i + (size_t)gl;
	return !(e < cx->tv->n && same_line(cx, e) && namey(cx, e));
}

/* Particles in small letters inside a surname after a first name. */
static const char *const name_particles[] = {
	"de", "da", "dos", "das", "do", "van", "von", "der", "den", "la", "le", "du", "el", NULL,
};

/* An article inside a run that is no person's starts a new sentence the
 * text ran into: "MotoGP | La FIM ha pubblicato" ("Ignazio La Russa"
 * keeps it). */
static const char *const run_articles[] = { "la", "il", "lo", "le", "gli", NULL };

/* The end of the capitalised run that starts at s. */
size_t ent_run_end(const struct ctx *cx, size_t s)
{
	static const char *const final_part[] = { "dalla", "della", "delle", NULL };
	static const char *const name_di[] = { "del", "della", "de", "da", "dei", NULL };
	size_t n = cx->tv->n, e = s + 1;
	uint64_t c0 = T(cx, s)->cue;
	bool join = (c0 & CUE_HEAD_JOIN) != 0;
	bool person = has(cx, &cx->x->first, s) && !join;
	bool joined_di = false;
	if (ent_org_of(cx, s))
		return ent_org_of(cx, s);
	for (;;) {
		if (e < n && same_line(cx, e) && (namey(cx, e) || article_name(cx, e)) &&
		    !((T(cx, e)->cue & CUE_TITLE) && !(T(cx, e)->flags & T_UPPER))) {
			e++;
			continue;
		}
		/* "Óscar de la Hoya", "Leonardo da Vinci": a first name, then a
		 * surname with its particles in small letters */
		if (person && e == s + 1 && e + 1 < n && same_line(cx, e) && is_lower_word(cx, e) &&
		    ent_key_in(cx, e, name_particles)) {
			size_t q = e + 1;
			if (q + 1 < n && is_lower_word(cx, q) && ent_key_in(cx, q, name_particles))
				q++;
			if (same_line(cx, q) && namey(cx, q) && !ent_gaz_start(cx, q)) {
				e = q + 1;
				continue;
			}
		}
		/* "Antonio Di Pietro", "Lucio Dalla" */
		if (!join && same_line(cx, e) && ent_cap_word(cx, e) && !(T(cx, e)->flags & T_SENT) &&
		    (T(cx, e)->cue & CUE_CAP_PART) && (person || !ent_key_in(cx, e, run_articles))) {
			if (e + 1 < n && same_line(cx, e + 1) && namey(cx, e + 1)) {
				e += 2;
				continue;
			}
			if (person && e == s + 1 && ent_key_in(cx, e, final_part)) {
				e++;
				continue;
			}
		}
		/* "Organizzazione mondiale della Sanità", "Agenzia europea" */
		uint32_t dm;
		if (join && e < n && same_line(cx, e) && is_lower_word(cx, e) &&
		    ((T(cx, e)->cue & CUE_ORG_ADJ) || ent_demonym(cx, e, &dm)) &&
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
		    namey(cx, e + 1) && !ent_gaz_start(cx, e + 1) &&
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
		    same_line(cx, e + 1) && is_lower_word(cx, e) && ent_key_in(cx, e, name_di) &&
		    namey(cx, e + 1) && !ent_gaz_start(cx, e + 1)) {
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
bool ent_office(const struct ctx *cx, size_t p)
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
		if (ent_demonym(cx, p, &e) || key_is(cx, p, "ex") || key_is(cx, p, "uscente") ||
		    key_is(cx, p, "neo") || key_is(cx, p, "nuovo") || key_is(cx, p, "attuale") ||
		    (adjective(cx, p) && p > 0 && !(T(cx, p - 1)->cue & CUE_STOP) &&
		     !(T(cx, p)->cue & (CUE_LOC_BEFORE | CUE_ORG_BEFORE | CUE_TITLE | CUE_PER_HEAD))))
			p--;
		else
			break;
	}
	/* "il ministro della Difesa (russo) Andrei Belousov": the office
	 * between the title and the name */
	if (ent_office(cx, p))
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

/* "Wikivoyage", "Wikiversità": a project named after the wiki it is
 * (but "Wikimediani", the people of one). */
static bool wiki_name(const struct ctx *cx, size_t i)
{
	static const char *const people[] = { "iano", "iana", "iani", "iane", NULL };
	const char *k = tok_key(cx->tv, i);
	size_t n = T(cx, i)->keylen;
	if (!(T(cx, i)->flags & T_WORD) || n < 7 || memcmp(k, "wiki", 4) != 0 ||
	    memcmp(cx->text + T(cx, i)->start, "Wiki", 4) != 0)
		return false;
	for (const char *const *p = people; *p; p++)
		if (memcmp(k + n - 4, *p, 4) == 0)
			return false;
	return true;
}

void ent_type_run(struct ctx *cx, size_t s, size_t e, int *type, int *strength)
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
	if (e - s == 1 && wiki_name(cx, s)) {
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
		uint64_t c = T(cx, p)->cue;
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
	/* "gli azionisti di X", "la fusione con X": a company, and the
	 * other mentions of X in the text with it (not in a text about sport:
	 * "l'acquisto di X" is a player's there) */
	if (s > 1 && !cx->sport && (key_is(cx, s - 1, "di") || key_is(cx, s - 1, "con")) &&
	    (T(cx, s - 2)->cue & CUE_ORG_DI)) {
		*type = ENTITY_ORG;
		*strength = MEDIUM;
		return;
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
		*type = ent_key_in(cx, s - 1, loc_art) || place_like(cx, s, e) ? ENTITY_LOC : ENTITY_ORG;
		/* "la Crew Dragon", "il Telegiornale Regionale": more often a
		 * thing, an event or a title than an organisation */
		static const char *const plural[] = { "i", "gli", "dei", "degli", "ai", "agli", "dai",
		                                      "dagli", "nei", "negli", "sui", "sugli", "coi", NULL };
		const char *lk = tok_key(cx->tv, e - 1);
		size_t ln = T(cx, e - 1)->keylen;
		/* but "i Rolling Stones", "dei Black Eyed Peas": a band */
		bool band = ent_key_in(cx, s - 1, plural) && ln > 3 && lk[ln - 1] == 's';
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
size_t ent_org_adjectives(const struct ctx *cx, size_t e)
{
	uint32_t d;
	size_t lim = e + 2;
	while (e < cx->tv->n && e < lim && same_line(cx, e) &&
	       (ent_demonym(cx, e, &d) ||
	        (is_lower_word(cx, e) && (T(cx, e)->cue & CUE_ORG_ADJ))))
		e++;
	return e;
}


/* An institution named by its head and its adjectives: "Corte
 * rivoluzionaria", "Tribunale speciale iracheno", "Chiesa ortodossa". */
size_t ent_head_adjectives(const struct ctx *cx, size_t e)
{
	uint32_t d;
	size_t lim = e + 2;
	while (e < cx->tv->n && e < lim && same_line(cx, e) &&
	       (ent_demonym(cx, e, &d) || adjective(cx, e) ||
	        (is_lower_word(cx, e) && (T(cx, e)->cue & CUE_ORG_ADJ))))
		e++;
	return e;
}
