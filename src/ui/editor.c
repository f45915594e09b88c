/*
 * editor.c: writing an annotation's note in the user's editor.
 *
 * The note goes to a new temporary file (0600); $VISUAL, else $EDITOR,
 * else vi, runs on it as an argument vector (the variable split at
 * spaces), never through a shell, so nothing in a note or a file name is
 * ever interpreted.  The terminal is handed over and taken back.
 */
#define MARGO_UI_INTERNAL 1
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "margo/store_annot.h"
#include "margo/util.h"
#include "ui.h"

/* Split `cmd` at blanks into a NULL-ended vector with room for one more
 * argument (the file); malloc'd, the strings in *store. */
static char **split_words(const char *cmd, char **store, size_t *n)
{
	*store = util_strdup(cmd);
	char **argv = calloc(strlen(cmd) / 2 + 3, sizeof *argv);
	*n = 0;
	if (!*store || !argv) {
		free(*store);
		free(argv);
		return NULL;
	}
	for (char *p = strtok(*store, " \t"); p; p = strtok(NULL, " \t"))
		argv[(*n)++] = p;
	return argv;
}

/* Run the editor on `path`; 0 when it ran and exited with status 0. */
static int run_editor(struct ui *ui, const char *path)
{
	const char *cmd = getenv("VISUAL");
	if (!cmd || !*cmd)
		cmd = getenv("EDITOR");
	if (!cmd || !*cmd)
		cmd = "vi";
	char *store;
	size_t n;
	char **argv = split_words(cmd, &store, &n);
	if (!argv || n == 0) {
		free(argv);
		free(store);
		ui_message(ui, true, "no editor: set EDITOR");
		return -1;
	}
	argv[n] = (char *)path;
	argv[n + 1] = NULL;
	def_prog_mode();
	endwin();
	int status = -1;
	pid_t pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "margo: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	reset_prog_mode();
	clearok(curscr, TRUE);
	free(argv);
	free(store);
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		ui_message(ui, true, pid < 0 ? "cannot start the editor"
		           : "the editor (%s) failed: the note is unchanged", cmd);
		return -1;
	}
	return 0;
}

/* Read a whole small file. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	if (!b.data)
		buf_puts(&b, "");
	return buf_steal(&b);
}

void editor_edit_note(struct ui *ui, const char *id, const char *note)
{
	const char *dir = getenv("TMPDIR");
	char *path = util_printf("%s/margo-note-XXXXXX.md", dir && *dir ? dir : "/tmp");
	int fd = path ? mkstemps(path, 3) : -1;
	if (fd < 0) {
		ui_message(ui, true, "cannot make a temporary file: %s", strerror(errno));
		free(path);
		return;
	}
	size_t len = strlen(note);
	bool ok = write(fd, note, len) == (ssize_t)len;
	close(fd);
	if (ok && run_editor(ui, path) == 0) {
		char *text = slurp(path);
		/* Editors end files with a newline: the note does not keep it. */
		size_t tl = text ? strlen(text) : 0;
		while (tl && (text[tl - 1] == '\n' || text[tl - 1] == '\r'))
			text[--tl] = '\0';
		char *err = NULL;
		if (!text)
			ui_message(ui, true, "cannot read the note back");
		else if (strcmp(text, note) == 0)
			ui_message(ui, false, "note unchanged");
		else if (store_annot_set_note(ui->st, id, text, &err) < 0)
			ui_message(ui, true, "%s", err ? err : "out of memory");
		else
			ui_message(ui, false, "note saved");
		free(err);
		free(text);
	}
	unlink(path);
	free(path);
}
