/*
 * entity_extract_resolve.c: the document-level pass of the name rules.
 *
 * After entity_extract_names.c has proposed candidates for a whole text,
 * weakly typed names take the type the same name, or a person's surname,
 * has where it is strongly typed; single common words that nothing
 * confirms are dropped; the contexts of a weak name vote across the
 * document ("a Capoterra", "di Capoterra"); a list shares the type of its
 * strongly typed members; a country or a city that stands for its team (a
 * text about sport) or its government becomes an organisation.  Then the
 * mentions are emitted with their norms: a person's is the form the text
 * writes, a known place's or organisation's the gazetteer's name.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "entity_impl.h"

/* Second pass: weakly typed names take the type that the same name,
 * or a person's surname, has elsewhere in the document. */
int ent_resolve(struct ctx *cx)
{
	for (size_t k = 0; k < cx->nc; k++) {
		struct cand *c = &cx->c[k];
		/* "August Wilson", however weakly typed, makes "Wilson" a person */
		if (!c->date && !c->derived && c->type == ENTITY_PER && c->e - c->s >= 2 &&
		    c->e - c->s <= 3 && (T(cx, c->e - 1)->flags & T_CAP) &&
		    !(T(cx, c->e - 1)->flags & T_UPPER) &&
		    lex_map_put(&cx->weak_surnames, tok_key(cx->tv, c->e - 1),
		                T(cx, c->e - 1)->keylen, 1, LEX_KEEP) < 0)
			return -1;
		if (c->date || c->derived || c->strength < MEDIUM)
			continue;
		size_t kl = ent_phrase(cx, c->s, c->e);
		if (kl == (size_t)-1 ||
		    lex_map_put(&cx->strong, cx->kb, kl, c->type + 1u, LEX_KEEP) < 0)
			return -1;
		if (c->type == ENTITY_PER && c->e - c->s >= 2 &&
		    lex_map_put(&cx->surnames, tok_key(cx->tv, c->e - 1),
		                T(cx, c->e - 1)->keylen, 1, LEX_KEEP) < 0)
			return -1;
	}
	/* Votes of the contexts of the same weak name across the document:
	 * "a Capoterra" and "di Capoterra" make "Capoterra" a place. */
	for (size_t k = 0; k < cx->nc; k++) {
		struct cand *c = &cx->c[k];
		if (c->date || c->derived || c->strength > CONTEXT)
			continue;
		size_t kl = ent_phrase(cx, c->s, c->e);
		uint32_t v = 0;
		if (kl == (size_t)-1)
			return -1;
		if (c->strength == WEAK) {
			if (lex_map_put(&cx->bare, cx->kb, kl, 1, LEX_ADD) < 0)
				return -1;
			continue;
		}
		lex_map_get(&cx->votes, cx->kb, kl, &v);
		if (((v >> (10 * c->type)) & 1023u) < 1023u &&
		    lex_map_put(&cx->votes, cx->kb, kl, 1u << (10 * c->type), LEX_ADD) < 0)
			return -1;
	}
	for (size_t k = 0; k < cx->nc; k++) {
		struct cand *c = &cx->c[k];
		if (c->date || c->derived || (c->strength >= MEDIUM && !c->common))
			continue;
		size_t kl = ent_phrase(cx, c->s, c->e);
		uint32_t v;
		if (kl == (size_t)-1)
			return -1;
		if (lex_map_get(&cx->strong, cx->kb, kl, &v))
			c->type = (uint8_t)(v - 1);
		else if (lex_map_get(&cx->surnames, tok_key(cx->tv, c->e - 1),
		                     T(cx, c->e - 1)->keylen, NULL))
			c->type = ENTITY_PER;
		else if (c->e - c->s == 1 && !c->common &&
		         lex_map_get(&cx->weak_surnames, tok_key(cx->tv, c->s), T(cx, c->s)->keylen, NULL))
			c->type = ENTITY_PER;
		else if (c->common)
			c->dropped = true;
		else if (lex_map_get(&cx->votes, cx->kb, kl, &v)) {
			int best = -1;
			uint32_t bv = 0;
			for (int t = 0; t < 3; t++)
				if (((v >> (10 * t)) & 1023u) > bv) {
					bv = (v >> (10 * t)) & 1023u;
					best = t;
				}
			uint32_t nb = 0;
			lex_map_get(&cx->bare, cx->kb, kl, &nb);
			/* "Alinghi vince", "Adobe pagherà" ... "di Adobe": a name
			 * mostly written on its own, a place only once or twice
			 * by its preposition, is a company or a team */
			if (best == ENTITY_LOC && nb >= 3 && nb >= 2 * bv)
				best = ENTITY_ORG;
			if (best >= 0)
				c->type = (uint8_t)best;
		}
	}
	/* "Breno, Sale Marasino e Brescia": a list shares the type of its
	 * strongly typed members; so does a route ("Parigi - Roubaix"). */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t j = 0; j < cx->nc; j++) {
			size_t k = pass ? cx->nc - 1 - j : j;
			struct cand *c = &cx->c[k];
			if (c->date || c->derived || c->strength >= MEDIUM)
				continue;
			size_t nb = pass ? k + 1 : k - 1;
			if ((pass && k + 1 >= cx->nc) || (!pass && k == 0))
				continue;
			const struct cand *o = &cx->c[nb];
			/* a weak name follows a neighbour typed by its context too,
			 * and passes the type on: "di Cattenom, Civaux, Flamanville" */
			if (o->date || o->derived || o->dropped ||
			    o->strength < (c->strength == WEAK ? CONTEXT : MEDIUM))
				continue;
			size_t a = pass ? c->e : o->e, b = pass ? o->s : c->s;
			size_t first = pass ? c->s : o->s;
			/* "da Bersani e da Diliberto": the preposition repeated */
			if (b == a + 2 && first > 0 && is_lower_word(cx, a + 1) &&
			    T(cx, a + 1)->keylen == T(cx, first - 1)->keylen &&
			    memcmp(tok_key(cx->tv, a + 1), tok_key(cx->tv, first - 1),
			           T(cx, a + 1)->keylen) == 0)
				b--;
			if (b != a + 1 || !(key_is(cx, a, ",") || key_is(cx, a, "e") ||
			                    key_is(cx, a, "ed") || key_is(cx, a, "o") ||
			                    ((key_is(cx, a, "-") || key_is(cx, a, "\xe2\x80\x93")) &&
			                     o->type == ENTITY_LOC)))
				continue;
			/* "il sindaco di Lovere, Vasco Vasconi": a person in apposition */
			if (key_is(cx, a, ",") && o->type == ENTITY_PER && pass == 1)
				continue;
			c->type = o->type;
			c->strength = o->strength == CONTEXT ? CONTEXT : MEDIUM;
			c->dropped = false;
		}
	}
	/* "Sandy" where the text says elsewhere "l'uragano Sandy" */
	for (size_t k = 0; k < cx->nc; k++) {
		struct cand *c = &cx->c[k];
		if (c->date || c->derived || c->strength == STRONG || !cx->none.n)
			continue;
		size_t kl = ent_phrase(cx, c->s, c->e);
		if (kl == (size_t)-1)
			return -1;
		if (lex_map_get(&cx->none, cx->kb, kl, NULL))
			c->dropped = true;
	}
	/* "a Oliviero Diliberto": a first name and a surname are a person,
	 * whatever the words around them say, unless a gazetteer or a place
	 * head ("Piazza", "San") makes the run a place. */
	for (size_t k = 0; k < cx->nc; k++) {
		struct cand *c = &cx->c[k];
		if (c->date || c->derived || c->gaz >= 0 || c->type != ENTITY_LOC ||
		    c->e - c->s < 2 || (T(cx, c->s)->cue & (CUE_LOC_HEAD | CUE_LOC_LOWER)) ||
		    !lex_map_get(&cx->x->first, tok_key(cx->tv, c->s), T(cx, c->s)->keylen, NULL) ||
		    !(T(cx, c->e - 1)->flags & T_CAP))
			continue;
		c->type = ENTITY_PER;
	}
	/* "Treviglio (BG)", "Cassano Magnago (VA)": a place with the code of
	 * its province after it (not "Miccoli (PD)", a person and a party) */
	for (size_t k = 1; k < cx->nc; k++) {
		struct cand *c = &cx->c[k], *o = &cx->c[k - 1];
		if (c->date || c->derived || c->e - c->s != 1 ||
		    !(T(cx, c->s)->flags & T_UPPER) || !(T(cx, c->s)->cue & CUE_PROVINCE) ||
		    o->dropped || o->date || o->e + 1 != c->s ||
		    !key_is(cx, o->e, "(") || !key_is(cx, c->e, ")"))
			continue;
		if (o->type != ENTITY_LOC && (o->strength >= MEDIUM || o->type == ENTITY_ORG))
			continue;
		/* "Scarperia (FI)", "Cittadella (PD)": a code that is also a
		 * party's acronym is the province after a place, but stays the
		 * party after a name nothing makes a place ("Miccoli (PD)") or
		 * after a region, which has no province ("Marche (PD)") */
		if (c->strength == STRONG && c->type != ENTITY_LOC &&
		    (o->type != ENTITY_LOC || o->strength < CONTEXT ||
		     (o->gaz >= 0 && (cx->x->ents[o->gaz].kind == GAZ_REGION ||
		                      cx->x->ents[o->gaz].kind == GAZ_COUNTRY))))
			continue;
		o->type = ENTITY_LOC;
		c->type = ENTITY_LOC;
		c->strength = MEDIUM;
		c->dropped = false;
	}
	return 0;
}

/* "Milan - Lazio", "la partita Ecuador - Polonia": one side of a match
 * (not "la Parigi - Roubaix", a race between places). */
static bool match_side(const struct ctx *cx, const struct cand *c)
{
	static const char *const game[] = { "partita", "match", "incontro", "derby", "sfida", NULL };
	size_t k = (size_t)(c - cx->c);
	const struct cand *o = NULL, *first = c;
	if (c->e + 1 < cx->tv->n && (key_is(cx, c->e, "-") || key_is(cx, c->e, "\xe2\x80\x93")) &&
	    k + 1 < cx->nc && cx->c[k + 1].s == c->e + 1)
		o = &cx->c[k + 1];
	else if (c->s > 1 && (key_is(cx, c->s - 1, "-") || key_is(cx, c->s - 1, "\xe2\x80\x93")) &&
	         k > 0 && cx->c[k - 1].e + 1 == c->s)
		o = first = &cx->c[k - 1];
	if (!o || o->date || o->dropped)
		return false;
	if (o->type == ENTITY_ORG)
		return true;
	for (const char *const *w = game; *w && first->s > 0; w++)
		if (key_is(cx, first->s - 1, *w))
			return true;
	return false;
}

/* A country or a city that stands for its team or its government: "la
 * Roma", "il Milan" and "l'Italia" in a text about sport, "chiesto alla
 * Svizzera". */
static void team_or_state(struct ctx *cx, struct cand *c)
{
	static const char *const art[] = { "il", "lo", "la", "l'", "i", "gli", "le", NULL };
	static const char *const artprep[] = {
		"del", "dello", "della", "dell'", "dei", "degli", "delle", "dal", "dallo",
		"dalla", "dall'", "dai", "dagli", "al", "allo", "alla", "all'", "ai", "agli",
		"sul", "sulla", "sull'", "col", "contro", NULL,
	};
	static const char *const fem[] = { "la", "della", "alla", "dalla", "sulla", "nella",
	                                   "colla", NULL };
	if (c->gaz < 0 || c->type != ENTITY_LOC || c->s == 0)
		return;
	uint8_t kind = cx->x->ents[c->gaz].kind;
	/* "i tifosi della Lazio": a country or a region whose name is
	 * masculine ("il Lazio", "il Brasile"), with a feminine article, is
	 * the team ("la squadra") or the company named after it */
	if ((kind == GAZ_COUNTRY || kind == GAZ_REGION) && c->e - c->s == 1 &&
	    ent_key_in(cx, c->s - 1, fem) && (T(cx, c->s)->flags & T_CAP)) {
		const char *k = tok_key(cx->tv, c->s);
		size_t n = T(cx, c->s)->keylen;
		if (n >= 3 && (k[n - 1] == 'o' || k[n - 1] == 'e')) {
			c->type = ENTITY_ORG;
			return;
		}
	}
	if (kind != GAZ_COUNTRY && kind != GAZ_CITY)
		return;
	size_t p = c->s - 1;
	bool a = false, ap = false;
	for (const char *const *w = art; *w && !a; w++)
		a = key_is(cx, p, *w);
	for (const char *const *w = artprep; *w && !ap; w++)
		ap = key_is(cx, p, *w);
	if (cx->sport && (a || (ap && kind == GAZ_CITY) || match_side(cx, c)))
		c->type = ENTITY_ORG;
	else if (cx->sport_dense && kind == GAZ_COUNTRY && !(T(cx, p)->cue & CUE_LOC_PREP) &&
	         !key_is(cx, p, "di"))
		c->type = ENTITY_ORG;
	else if (!cx->sport && kind == GAZ_CITY && a)
		c->type = ENTITY_ORG;
	else if (!cx->sport && kind == GAZ_COUNTRY && key_is(cx, p, "alla"))
		c->type = ENTITY_ORG;
	else if (kind == GAZ_COUNTRY && a && p > 0 && !key_is(cx, c->e, "è") &&
	         (key_is(cx, p - 1, ",") || key_is(cx, p - 1, ".") || key_is(cx, p - 1, "che") ||
	          key_is(cx, p - 1, "anche") || key_is(cx, p - 1, "tuttavia") ||
	          key_is(cx, p - 1, "ma") || (T(cx, p)->flags & T_SENT)))
		c->type = ENTITY_ORG;	/* "che la Francia", ". La Cina": the state acts */
}

/* A text about the Palio of Siena: it names the Palio and a contrada. */
static bool palio_text(const struct ctx *cx)
{
	bool palio = false, contrada = false;
	for (size_t i = 0; i < cx->tv->n && !(palio && contrada); i++) {
		if (key_is(cx, i, "palio") && (T(cx, i)->flags & T_CAP))
			palio = true;
		else if (key_is(cx, i, "contrada") || key_is(cx, i, "contrade"))
			contrada = true;
	}
	return palio && contrada;
}

int ent_emit(struct ctx *cx, struct mvec *out)
{
	/* "Chiocciola, Drago e Tartuca": in a text about the Palio the
	 * contrade that run it are organisations, not places or people */
	bool palio = palio_text(cx);
	for (size_t k = 0; k < cx->nc; k++) {
		struct cand *c = &cx->c[k];
		if (palio && !c->date && !c->derived && c->e - c->s == 1 &&
		    (T(cx, c->s)->cue & CUE_CONTRADA)) {
			c->type = ENTITY_ORG;
			continue;
		}
		team_or_state(cx, c);
	}
	for (size_t k = 0; k < cx->nc; k++) {
		const struct cand *c = &cx->c[k];
		const char *norm;
		size_t nl;
		if (c->dropped)
			continue;
		if (c->date) {
			norm = c->iso;
			nl = strlen(norm);
		} else if (c->gaz >= 0 && c->type != ENTITY_PER) {
			/* places and organisations: the gazetteer's canonical name;
			 * people keep the form the text gives them, for clustering
			 * to join "Putin" and "Vladimir Putin" */
			norm = cx->x->names + cx->x->ents[c->gaz].canon;
			nl = strlen(norm);
		} else {
			norm = cx->text + T(cx, c->s)->start;
			nl = T(cx, c->e - 1)->end - T(cx, c->s)->start;
		}
		if (mvec_add(out, cx->tv, c->s, c->e, (enum entity_type)c->type,
		             norm, nl, c->derived) < 0)
			return -1;
		if (c->type == ENTITY_PER && c->e - c->s == 1 &&
		    lex_map_get(&cx->x->first, tok_key(cx->tv, c->s), T(cx, c->s)->keylen, NULL))
			out->m[out->n - 1].first_name_only = true;
	}
	return 0;
}

void ent_parse_doc_date(const char *d, int *y, int *m)
{
	*y = *m = 0;
	if (!d)
		return;
	int k = 0;
	while (k < 4 && d[k] >= '0' && d[k] <= '9')
		*y = *y * 10 + (d[k++] - '0');
	if (k != 4) {
		*y = 0;
		return;
	}
	if (d[4] == '-' && d[5] >= '0' && d[5] <= '1' && d[6] >= '0' && d[6] <= '9')
		*m = (d[5] - '0') * 10 + (d[6] - '0');
}

