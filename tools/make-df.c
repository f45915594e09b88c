/*
 * make-df.c: writes, for each stem, how many passages of the given text
 * files contain it, as margo's tokenizer sees them (one passage per
 * paragraph).  data/italian-df.txt was made with it:
 *
 *   gcc -I. -Iinclude tools/make-df.c src/search*.c src/text.c src/util.c \
 *       -lsqlite3 -lstemmer -lunistring -o make-df
 *   ./make-df ARTICLES/*.txt | sort | uniq -c | sort -rn
 *
 * Not built by default: it is how a data file came to be.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "margo/search.h"
#include "margo/util.h"

struct seen {
	char **stems;
	size_t n;
};

/* Print each distinct stem of one passage once. */
static int once(void *ctx, const char *tok, size_t len, size_t start, size_t end)
{
	struct seen *s = ctx;
	(void)start;
	(void)end;
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->stems[i]) == len && memcmp(s->stems[i], tok, len) == 0)
			return 0;
	char **v = realloc(s->stems, (s->n + 1) * sizeof *v);
	if (!v || !(v[s->n] = util_strndup(tok, len)))
		return -1;
	s->stems = v;
	s->n++;
	printf("%.*s\n", (int)len, tok);
	return 0;
}

int main(int argc, char **argv)
{
	size_t passages = 0;
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		char *text = NULL;
		size_t cap = 0;
		ssize_t n = getdelim(&text, &cap, '\0', f);
		fclose(f);
		for (char *p = n > 0 ? text : NULL; p && *p;) {
			char *q = strstr(p, "\n\n");
			size_t len = q ? (size_t)(q - p) : strlen(p);
			struct seen s = { 0 };
			search_tokenize(p, len, true, once, &s);
			for (size_t k = 0; k < s.n; k++)
				free(s.stems[k]);
			free(s.stems);
			passages++;
			p = q ? q + 2 : NULL;
		}
		free(text);
	}
	fprintf(stderr, "passages %zu\n", passages);
	return 0;
}
