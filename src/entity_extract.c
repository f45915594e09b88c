/*
 * entity_extract.c: the entry points of the entity extractor.
 *
 * entity_extract() cuts the text into tokens (entity_extract_tok.c),
 * runs the name and date rules (entity_extract_names.c, entity_date.c)
 * and hands back the mentions with byte and code-point offsets.  The
 * lexicons are loaded by entity_lex.c.  The work is linear in the text:
 * one token array and one candidate array per call, grown by doubling.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/entity.h"
#include "margo/i18n.h"
#include "entity_impl.h"

const char *entity_type_name(enum entity_type t)
{
	static const char *const names[] = { "PER", "LOC", "ORG", "DATE" };
	return t < ENTITY_TYPES ? names[t] : "?";
}

const char *entity_type_shown(enum entity_type t)
{
	/* TRANSLATORS: the types of an entity, which English shows by the
	 * codes a filter takes (PER a person, LOC a place, ORG an
	 * organisation, DATE a date): translate each as a word, lower case
	 * (persona, luogo...), as the reader shows it after a name. */
	static const char *const names[] = { N_("PER"), N_("LOC"), N_("ORG"), N_("DATE") };
	return t < ENTITY_TYPES ? _(names[t]) : "?";
}

int entity_type_parse(const char *s)
{
	for (int t = 0; t < ENTITY_TYPES; t++)
		if (strcmp(s, entity_type_name((enum entity_type)t)) == 0)
			return t;
	return -1;
}

int mvec_add(struct mvec *v, const struct tokvec *tv, size_t s, size_t e,
             enum entity_type type, const char *norm, size_t nlen, bool derived)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 32;
		struct entity_mention *m = realloc(v->m, cap * sizeof *m);
		if (!m)
			return -1;
		v->m = m;
		v->cap = cap;
	}
	char *copy = malloc(nlen + 1);
	if (!copy)
		return -1;
	memcpy(copy, norm, nlen);
	copy[nlen] = '\0';
	struct entity_mention *m = &v->m[v->n++];
	m->start = tv->t[s].start;
	m->end = tv->t[e - 1].end;
	m->cp_start = tv->t[s].cps;
	m->cp_end = tv->t[e - 1].cpe;
	m->type = type;
	m->norm = copy;
	m->derived = derived;
	m->first_name_only = false;
	return 0;
}

int entity_extract(const struct entity_extractor *x, const char *text, size_t len,
                   const char *doc_date, struct entity_mention **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!x || !text || !len)
		return 0;
	struct tokvec tv = { 0 };
	struct mvec v = { 0 };
	int rc = ent_tokenize(x, text, len, &tv);
	if (rc == 0)
		rc = ent_find_names(x, text, &tv, doc_date, &v);
	ent_tokvec_free(&tv);
	if (rc < 0) {
		entity_mentions_free(v.m, v.n);
		return -1;
	}
	*out = v.m;
	*n = v.n;
	return 0;
}

void entity_mentions_free(struct entity_mention *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(m[i].norm);
	free(m);
}
