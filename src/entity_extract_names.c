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
 * Each run is typed by the strongest cue (entity_extract_type.c: a
 * gazetteer entry, a head word, a title before it, "ha detto" after it
 * ...; the rest default to PER).  Not names: inflected
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
long ent_gaz_match(struct ctx *cx, size_t s, uint32_t *entry)
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


/* "Floyd Mayweather Jr." and "Right Media Inc." take their period,
 * "Megaupload.com" its domain. */
static size_t take_period(const struct ctx *cx, size_t e)
{
	static const char *const domains[] = { "com", "it", "org", "net", "eu", "info", NULL };
	static const char *const abbr[] = { "jr", "sr", "inc", "ltd", "corp", "co", NULL };
	if (e < cx->tv->n && e - 1 > 0 && ent_key_in(cx, e - 1, abbr) &&
	    (T(cx, e - 1)->flags & T_CAP) &&
	    key_is(cx, e, ".") && !(T(cx, e)->flags & T_SPACE))
		return e + 1;
	if (e + 1 < cx->tv->n && key_is(cx, e, ".") && !(T(cx, e)->flags & T_SPACE) &&
	    !(T(cx, e + 1)->flags & T_SPACE) && ent_key_in(cx, e + 1, domains))
		return e + 2;
	return e;
}

/* What an institution named by its head and an adjective is for, in
 * small letters: "Corte suprema | di cassazione", "Commissione
 * internazionale | per la caccia alle balene", "Consiglio nazionale | per
 * la pace e l'ordine"; the end of the name, or e for none. */
static size_t org_purpose(const struct ctx *cx, size_t e)
{
	static const char *const prep[] = { "alle", "alla", "ai", "al", "agli", "sulla", "sul", NULL };
	size_t q = e, n = cx->tv->n;
	for (int seg = 0; seg < 3; seg++) {
		size_t p = q;
		if (seg > 0 && (key_is(cx, p, "e") || key_is(cx, p, "ed")))
			p++;
		if (connector(cx, p))
			p++;
		else if (p + 1 < n && key_is(cx, p, "per") && (T(cx, p + 1)->cue & CUE_ARTICLE) &&
		         is_lower_word(cx, p + 1))
			p += 2;	/* "per la", never "per quattro anni" */
		else if (seg > 0 && p < n && ent_key_in(cx, p, prep))
			p++;
		else if (p > q && (T(cx, p)->cue & CUE_ARTICLE) && is_lower_word(cx, p))
			p++;	/* "e l'ordine" */
		else if (p == q)
			break;
		if (p >= n || !same_line(cx, p) || p == q)
			break;
		if (seg > 0 && namey(cx, p) && !(T(cx, p)->cue & CUE_TITLE)) {
			q = p + 1;	/* "per la liberazione del Ruanda" */
			break;
		}
		if (!is_lower_word(cx, p) ||
		    (T(cx, p)->cue & (CUE_STOP | CUE_ARTICLE | CUE_CONNECTOR | CUE_LOC_BEFORE | CUE_LOC_LOWER)) ||
		    T(cx, p)->keylen < 3 || !has(cx, &cx->x->words, p))
			break;
		q = ent_head_adjectives(cx, p + 1);
	}
	return q;
}

/* A body named by two things it deals with: "Ministero delle
 * Infrastrutture | e dei Trasporti", "Ministero del lavoro | e delle
 * politiche sociali"; the end of the name. */
static size_t org_and(const struct ctx *cx, size_t e)
{
	size_t n = cx->tv->n;
	while (e + 2 < n && key_is(cx, e, "e") && same_line(cx, e + 2) && connector(cx, e + 1) &&
	       !key_is(cx, e + 1, "di") && !key_is(cx, e + 1, "da")) {
		size_t p = e + 2;
		/* but "Capitaneria di Porto e dell'Ente Parco", "Princeton e
		 * dell'Iowa", "Vigili del Fuoco e delle forze dell'ordine":
		 * another body, or a place */
		if (namey(cx, p) && !(T(cx, p)->cue & (CUE_TITLE | CUE_ORG_HEAD | CUE_LOC_HEAD)) &&
		    !has(cx, &cx->x->first, p) && !ent_gaz_start(cx, p))
			e = ent_run_end(cx, p);
		else if (is_lower_word(cx, p) && T(cx, p)->keylen >= 4 && has(cx, &cx->x->words, p) &&
		         !(T(cx, p)->cue & (CUE_STOP | CUE_CONNECTOR | CUE_ARTICLE | CUE_ORG_WORD |
		                            CUE_ORG_LOWER | CUE_ORG_NAMED)))
			e = ent_head_adjectives(cx, p + 1);
		else
			break;
	}
	return e;
}

static int add_run(struct ctx *cx, size_t s, size_t e, int type, int strength,
                   int32_t gaz, bool common)
{
	/* "Uber Italy s.r.l.": a company's form in small letters */
	static const char *const form[] = { "s.r.l.", "s.p.a.", "s.a.s.", "s.n.c.", "srl", "spa", "plc", NULL };
	if (e < cx->tv->n && same_line(cx, e) && is_lower_word(cx, e) && ent_key_in(cx, e, form)) {
		e++;
		type = ENTITY_ORG;
		strength = STRONG;
	}
	if (take_period(cx, e) > e + 1 && strength < STRONG) {
		type = ENTITY_ORG;	/* a web site */
		strength = MEDIUM;
	}
	if (type == ENTITY_ORG && e - s <= 2 && (T(cx, s)->cue & CUE_ORG_HEAD) && (T(cx, s)->flags & T_CAP)) {
		size_t a = ent_head_adjectives(cx, e);
		uint32_t d;
		/* "Parlamento ellenico": a nation's body ends with its nation */
		e = a > e && !ent_demonym(cx, a - 1, &d) ? org_purpose(cx, a) : a;
	}
	else if (type == ENTITY_ORG)
		e = ent_org_adjectives(cx, e);
	else if (type == ENTITY_LOC && e < cx->tv->n && same_line(cx, e) &&
	         is_lower_word(cx, e) && (T(cx, e)->cue & CUE_LOC_ADJ))
		e++;
	if (type == ENTITY_ORG && (T(cx, s)->cue & CUE_HEAD_JOIN) && (T(cx, s)->flags & T_CAP) &&
	    e - s >= 3 && connector(cx, s + 1))
		e = org_and(cx, e);
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
	if (ent_gaz_match(cx, ge_end, &next) > 0)	/* "a Vladivostok Putin ha detto" */
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

/* One unknown word after an article that would make it a thing: "i
 * Beatles", "dei Barbarians" (a foreign plural after a plural article: a
 * band or a team), "il Feyenoord" in a text about sport (a club). */
static bool band_or_club(const struct ctx *cx, size_t i)
{
	static const char *const plural[] = {
		"i", "gli", "dei", "degli", "ai", "agli", "dai", "dagli", "nei", "negli",
		"sui", "sugli", NULL,
	};
	const struct tok *t = T(cx, i);
	const char *k = tok_key(cx->tv, i);
	if ((t->flags & (T_UPPER | T_DIGIT)) || t->keylen < 4 ||
	    ent_common_word(cx->x, k, t->keylen) || has(cx, &cx->x->words, i))
		return false;
	if (ent_key_in(cx, i - 1, plural))
		return k[t->keylen - 1] == 's' && k[t->keylen - 2] != 's';
	return cx->sport && key_is(cx, i - 1, "il");
}

/* A name starting at capitalised token i; returns the next token. */
static size_t name_at(struct ctx *cx, size_t i, int *err)
{
	cx->unconfirmed = false;
	const struct tok *t = T(cx, i);
	size_t n = cx->tv->n;
	uint32_t ge;
	if (ent_in_address(cx, i))
		return i + 1;
	long gl = ent_gaz_match(cx, i, &ge);
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
	/* "il capo dello Stato": the state as an institution */
	if (key_is(cx, i, "stato") && i >= 2 && key_is(cx, i - 1, "dello") &&
	    key_is(cx, i - 2, "capo") && !namey(cx, i + 1)) {
		if (add_run(cx, i, i + 1, ENTITY_ORG, STRONG, -1, false) < 0)
			*err = -1;
		return i + 1;
	}
	if (!gl) {
		/* "Don Zeno", "Lord Buddha": the form of address is inside. */
		if ((t->cue & CUE_PER_HEAD) && namey(cx, i + 1) && same_line(cx, i + 1)) {
			size_t e = ent_run_end(cx, i + 1);
			if (add_run(cx, i, e, ENTITY_PER, STRONG, -1, false) < 0)
				*err = -1;
			return e;
		}
		/* "Di Pietro", "Al Zarqawi", "Il Volo" inside a sentence */
		if (!(t->flags & T_SENT) && (t->cue & CUE_CAP_PART) && i > 0 &&
		    !(T(cx, i - 1)->flags & T_PUNCT && !key_is(cx, i - 1, ",")) &&
		    namey(cx, i + 1) && same_line(cx, i + 1) && !ent_gaz_start(cx, i + 1)) {
			size_t e = ent_run_end(cx, i + 1);
			if (ent_key_in(cx, i, ent_surname_particles)) {
				type = ENTITY_PER;
				strength = STRONG;
			} else {
				ent_type_run(cx, i + 1, e, &type, &strength);
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
	if (!gl && ent_office(cx, i))
		return i + 1;
	int hy = gl ? 0 : hyphen_pair(cx, i);
	if (hy < 0)
		return i + 1;
	size_t e = ent_run_end(cx, i);
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
		ent_type_run(cx, i, e, &qt, &qs);
		if (qs == WEAK)
			return e;
	}
	/* "Giro d'Italia", "Gran Premio di Monza": the place an event is
	 * named after stays a place; "Tour de France" is a foreign title */
	bool event = i >= 2 && connector(cx, i - 1) && same_line(cx, i - 1) &&
	             same_line(cx, i) && ent_cap_word(cx, i - 2) && (T(cx, i - 2)->cue & CUE_EVENT);
	if (event) {
		static const char *const foreign[] = { "de", "du", "des", "of", NULL };
		if (ent_key_in(cx, i - 1, foreign))
			return e;
		if (!(gl > 0 && cx->x->ents[ge].type == ENTITY_LOC)) {
			if (add_run(cx, i, e, ENTITY_LOC, MEDIUM, -1, false) < 0)
				*err = -1;
			return e;
		}
	}
	/* "Coppa Italia", "Giro d'Italia": the name of an event */
	size_t pv = i > 0 && (T(cx, i - 1)->flags & T_ELISION) ? i - 1 : i;
	if (!event && pv > 0 && ent_cap_word(cx, pv - 1) && same_line(cx, pv) &&
	    (T(cx, pv - 1)->cue & CUE_NOT_NAME) && !(T(cx, pv - 1)->cue & CUE_TITLE))
		return e;
	/* "il segretario dell'Onu Ban Ki-moon", "il leader di SEL Vendola":
	 * the body of a title, then the person who holds it */
	bool of_title = i >= 2 && connector(cx, i - 1) && (T(cx, i - 2)->cue & CUE_TITLE) &&
	                is_lower_word(cx, i - 2);
	if (of_title && !gl && e - i >= 2 && (t->flags & T_UPPER) && namey(cx, i + 1) &&
	    !(T(cx, i + 1)->flags & T_UPPER))
		e = i + 1;
	if (gl > 0) {
		size_t ge_end = i + (size_t)gl;
		if (ge_end >= e || has(cx, &cx->x->first, ge_end) || gaz_stops(cx, ge, ge_end, e) ||
		    (of_title && cx->x->ents[ge].type == ENTITY_ORG && namey(cx, ge_end) &&
		     !ent_gaz_start(cx, ge_end) && !connector(cx, ge_end) &&
		     !(e == ge_end + 1 && has(cx, &cx->x->words, ge_end)))) {
			if (add_run(cx, i, ge_end, cx->x->ents[ge].type, STRONG, (int32_t)ge, false) < 0)
				*err = -1;
			return ge_end;
		}
		/* "New York Times", "Roma Termini": the run goes on. */
		ent_type_run(cx, i, e, &type, &strength);
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
	ent_type_run(cx, i, e, &type, &strength);
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
		if (i > 0 && (ent_key_in(cx, i - 1, no_art) || key_is(cx, i - 1, "il"))) {
			if (!band_or_club(cx, i))
				return e;
			type = ENTITY_ORG;
			strength = MEDIUM;
		}
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
			long gl = ent_gaz_match(cx, j, &ge);
			size_t e = gl > 0 ? j + (size_t)gl : ent_run_end(cx, j);
			if (gl < 0 || add_cand(cx, i, e, ENTITY_LOC, STRONG, -1) < 0)
				*err = -1;
			return e;
		}
	}
	/* "università di Nottingham", "fondazione Wikimedia": the head
	 * belongs to the name, a known place after it too */
	if (t->cue & CUE_ORG_NAMED) {
		size_t j = i + 1;
		if (j + 1 < n && connector(cx, j) && same_line(cx, j))
			j++;
		if (j < n && namey(cx, j) && same_line(cx, j) && !(T(cx, j)->cue & CUE_TITLE) &&
		    (j > i + 1 || !has(cx, &cx->x->first, j))) {
			uint32_t ge;
			long gl = ent_gaz_match(cx, j, &ge);
			if (gl < 0) {
				*err = -1;
				return i + 1;
			}
			size_t e = gl > 0 ? j + (size_t)gl : ent_run_end(cx, j);
			if (add_run(cx, i, e, ENTITY_ORG, STRONG, -1, false) < 0)
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
			long gl = ent_gaz_match(cx, i + 2, &ge);
			if (gl < 0) {
				*err = -1;
				return i + 1;
			}
			e = gl > 0 ? i + 2 + (size_t)gl : ent_run_end(cx, i + 2);
		} else if (is_lower_word(cx, i + 2) && (T(cx, i + 2)->cue & CUE_ORG_TAIL)) {
			e = i + 3;
		}
		if (!e)
			e = ent_org_of(cx, i);
		if (e) {
			if (add_run(cx, i, e, ENTITY_ORG, STRONG, -1, false) < 0)
				*err = -1;
			return ent_org_adjectives(cx, e);
		}
	}
	/* "governo", "polizia locale", "governo cinese" */
	if (t->cue & (CUE_ORG_WORD | CUE_ORG_LOWER)) {
		size_t e = ent_org_adjectives(cx, i + 1);
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
		    same_line(&cx, i + 1) && !(i > 0 && ent_cap_word(&cx, i - 1)) &&
		    !ent_gaz_start(&cx, i + 1)) {
			size_t e = ent_run_end(&cx, i + 1);
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
		if (ent_demonym(&cx, i, &ge)) {
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
