/*
 * editor.c: writing an annotation's note in the user's editor.
 *
 * The note goes to a new temporary file (0600); $VISUAL, else $EDITOR,
 * else vi, runs on it as an argument vector (the variable split at
 * spaces), never through a shell, so nothing in a note or a file name is
 * ever interpreted.  The terminal is handed over and taken back.  The
 * note is given in the charset of the user's locale and read back as
 * UTF-8, whole: NUL bytes and ill-formed bytes become U+FFFD, and the
 * message says so.
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
#include "margo/text.h"
#include "margo/util.h"
#include "margo/config.h"
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
	const char *cmd = config_options()->editor;  /* set editor */
	if (!cmd || !*cmd)
		cmd = getenv("VISUAL");
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
		ui_message(ui, true, _("no editor: set EDITOR"));
		return -1;
	}
	argv[n] = (char *)path;
	argv[n + 1] = NULL;
	def_prog_mode();
	endwin();
	input_paste_mode(ui, false);
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
	input_paste_mode(ui, true);
	clearok(curscr, TRUE);
	free(argv);
	free(store);
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		ui_message(ui, true, pid < 0 ? _("cannot start the editor")
		           : _("the editor (%s) failed: the note is unchanged"), cmd);
		return -1;
	}
	return 0;
}

/* Read a whole small file, its length in *len. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;
	int failed = 0;
	while (!failed && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		failed = buf_append(&b, chunk, n);
	bool bad = ferror(f) || failed;
	fclose(f);
	if (bad) {
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return buf_steal(&b);
}

/* What was repaired in a note read back, said after "note saved"; "" when
 * nothing was.  malloc'd. */
static char *repairs(size_t invalid, size_t nuls, const char *charset)
{
	struct buf b = { 0 };
	if (invalid)
		buf_printf(&b, ngettext("; %zu ill-formed byte sequence (not %s) became U+FFFD",
		                        "; %zu ill-formed byte sequences (not %s) became U+FFFD", invalid),
		           invalid, text_charset_is_utf8(charset) ? "UTF-8" : charset);
	if (nuls)
		buf_printf(&b, ngettext("; %zu NUL byte became U+FFFD", "; %zu NUL bytes became U+FFFD", nuls),
		           nuls);
	return buf_steal(&b);
}

void editor_edit_note(struct ui *ui, const char *id, const char *note)
{
	/* The editor shows text in the charset of the user's locale: the note
	 * is written in it and read back from it, unless it holds characters
	 * that charset lacks (then it is UTF-8 both ways). */
	const char *charset = text_user_charset();
	char *given = text_to_user(note, charset);
	if (!given) {
		charset = "UTF-8";
		given = util_strdup(note);
	}
	const char *dir = getenv("TMPDIR");
	char *path = util_printf("%s/margo-note-XXXXXX.md", dir && *dir ? dir : "/tmp");
	int fd = path && given ? mkstemps(path, 3) : -1;
	if (fd < 0) {
		ui_message(ui, true, _("cannot make a temporary file: %s"), strerror(errno));
		free(path);
		free(given);
		return;
	}
	size_t len = strlen(given);
	bool ok = write(fd, given, len) == (ssize_t)len;
	close(fd);
	free(given);
	if (ok && run_editor(ui, path) == 0) {
		size_t raw_len = 0;
		char *raw = slurp(path, &raw_len);
		/* Editors end files with a newline: the note does not keep it. */
		while (raw && raw_len && (raw[raw_len - 1] == '\n' || raw[raw_len - 1] == '\r'))
			raw[--raw_len] = '\0';
		/* Kept whole as UTF-8: a NUL byte no longer cuts the note short,
		 * and what is not text becomes U+FFFD, said in the message. */
		size_t invalid = 0, nuls = 0;
		char *text = raw ? text_from_user_repair(raw, raw_len, charset, &invalid, &nuls) : NULL;
		char *said = text ? repairs(invalid, nuls, charset) : NULL;
		char *err = NULL;
		if (!raw)
			ui_message(ui, true, _("cannot read the note back"));
		else if (!text || !said)
			ui_message(ui, true, _("cannot read the note back: out of memory"));
		else if (strcmp(text, note) == 0)
			ui_message(ui, false, _("note unchanged"));
		else if (store_annot_set_note(ui->st, id, text, &err) < 0)
			ui_message(ui, true, "%s", err ? err : _("out of memory"));
		else
			/* TRANSLATORS: after it, what was repaired in the note ("; 1 NUL byte
			 * became U+FFFD"), or nothing. */
			ui_message(ui, *said != '\0', _("note saved%s"), said);
		free(err);
		free(said);
		free(text);
		free(raw);
	}
	unlink(path);
	free(path);
}
