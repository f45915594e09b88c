/*
 * entity_extract.c: placeholder until the rule-based extractor lands.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "margo/entity.h"

const char *entity_type_name(enum entity_type t)
{
	static const char *const names[] = { "PER", "LOC", "ORG", "DATE" };
	return t < ENTITY_TYPES ? names[t] : "?";
}

int entity_type_parse(const char *s)
{
	for (int t = 0; t < ENTITY_TYPES; t++)
		if (strcmp(s, entity_type_name((enum entity_type)t)) == 0)
			return t;
	return -1;
}

struct entity_extractor {
	int unused;
};

struct entity_extractor *entity_extractor_load(const char *datadir,
                                               const char *wordlist, char **warn)
{
	(void)datadir; (void)wordlist;
	if (warn)
		*warn = NULL;
	return calloc(1, sizeof(struct entity_extractor));
}

void entity_extractor_free(struct entity_extractor **x)
{
	free(*x);
	*x = NULL;
}

int entity_extract(const struct entity_extractor *x, const char *text, size_t len,
                   const char *doc_date, struct entity_mention **out, size_t *n)
{
	(void)x; (void)text; (void)len; (void)doc_date;
	*out = NULL;
	*n = 0;
	return 0;
}

void entity_mentions_free(struct entity_mention *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(m[i].norm);
	free(m);
}
