/*
 * prompt_history.c: what was entered at each prompt, kept across sessions.
 *
 * One file a prompt, $XDG_STATE_HOME/margo/history/NAME (by default
 * ~/.local/state/margo/history/NAME), one entry a line, the newest last.
 * It is the reader's habit, not the corpus's: it lives with the user, not
 * in the library (which may be read-only or shared), where the XDG base
 * directory specification puts histories.  Lines that are not clean UTF-8
 * are left out; a long entry (a pasted article) is not kept.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "margo/lineread.h"
#include "margo/util.h"
#include "ui.h"

#define HISTORY_KEEP 200          /* entries kept a prompt */
#define HISTORY_ENTRY_MAX 4096    /* longer entries are not kept */

/* The folder, made if missing when `make` is set; NULL without HOME. */
static char *history_dir(bool make)
{
	const char *state = getenv("XDG_STATE_HOME");
	char *base;
	if (state && state[0] == '/') {
		base = util_printf("%s/margo", state);
	} else {
		const char *home = getenv("HOME");
		if (!home || !*home)
			return NULL;
		base = util_printf("%s/.local/state/margo", home);
	}
	if (!base)
		return NULL;
	char *dir = util_printf("%s/history", base);
	if (make && dir) {
		/* Each level in turn, private to the user. */
		for (char *p = dir + 1; *p; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
				*p = '/';
				goto fail;
			}
			*p = '/';
		}
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			goto fail;
	}
	free(base);
	return dir;
fail:
	free(base);
	free(dir);
	return NULL;
}

void prompt_history_free(struct prompt_history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->items[i]);
	free(h->items);
	h->items = NULL;
	h->n = 0;
}

static int push(struct prompt_history *h, const char *s, size_t len)
{
	char **items = realloc(h->items, (h->n + 1) * sizeof *items);
	if (!items)
		return -1;
	h->items = items;
	char *copy = malloc(len + 1);
	if (!copy)
		return -1;
	memcpy(copy, s, len);
	copy[len] = '\0';
	h->items[h->n++] = copy;
	return 0;
}

void prompt_history_load(const char *name, struct prompt_history *h)
{
	h->items = NULL;
	h->n = 0;
	char *dir = history_dir(false);
	char *path = dir ? util_printf("%s/%s", dir, name) : NULL;
	FILE *f = path ? fopen(path, "r") : NULL;
	free(dir);
	free(path);
	if (!f)
		return;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (len == 0 || len > HISTORY_ENTRY_MAX || !utf8_clean(line, (size_t)len) ||
		    memchr(line, '\r', (size_t)len))
			continue;
		if (push(h, line, (size_t)len) < 0)
			break;
	}
	free(line);
	fclose(f);
	/* Only the newest are offered. */
	if (h->n > HISTORY_KEEP) {
		size_t drop = h->n - HISTORY_KEEP;
		for (size_t i = 0; i < drop; i++)
			free(h->items[i]);
		memmove(h->items, h->items + drop, HISTORY_KEEP * sizeof *h->items);
		h->n = HISTORY_KEEP;
	}
}

int prompt_history_add(const char *name, const char *entry, char **err)
{
	size_t len = strlen(entry);
	*err = NULL;
	if (len == 0 || len > HISTORY_ENTRY_MAX || strchr(entry, '\n') || !utf8_clean(entry, len))
		return 0;
	struct prompt_history h;
	prompt_history_load(name, &h);
	char *dir = history_dir(true);
	char *path = dir ? util_printf("%s/%s", dir, name) : NULL;
	char *tmp = path ? util_printf("%s.%ld.tmp", path, (long)getpid()) : NULL;
	int rc = -1;
	FILE *f = tmp ? fopen(tmp, "w") : NULL;
	if (f) {
		/* The entry moves to the end; older copies of it go. */
		size_t from = h.n + 1 > HISTORY_KEEP ? h.n + 1 - HISTORY_KEEP : 0;
		for (size_t i = from; i < h.n; i++)
			if (strcmp(h.items[i], entry) != 0)
				fprintf(f, "%s\n", h.items[i]);
		fprintf(f, "%s\n", entry);
		if (fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0)
			rc = 0;
		if (fclose(f) != 0)
			rc = -1;
		if (rc == 0 && rename(tmp, path) < 0)
			rc = -1;
		if (rc < 0)
			*err = util_printf(_("cannot keep the prompt's history in %s: %s"), path,
			                   strerror(errno));
		if (rc < 0)
			unlink(tmp);
	} else {
		*err = util_printf(_("cannot keep the prompt's history in %s: %s"),
		                   dir ? dir : "$XDG_STATE_HOME/margo (no HOME)",
		                   dir ? strerror(errno) : _("not set"));
	}
	prompt_history_free(&h);
	free(tmp);
	free(path);
	free(dir);
	return rc;
}
