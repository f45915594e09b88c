/*
 * paths.h: where margo's files are.
 *
 * The library file: --db FILE, else $MARGO_DB, else
 * $XDG_DATA_HOME/margo/library.db (XDG_DATA_HOME defaults to
 * ~/.local/share).  Data files (rules, lexicons) and the bundled corpus:
 * $MARGO_DATADIR if set, else the source tree when the running binary is the
 * one in the build tree (so `./margo` works uninstalled), else
 * $(pkgdatadir).
 */
#ifndef MARGO_PATHS_H
#define MARGO_PATHS_H

/* The default library path (malloc'd), or NULL with a message in *err
 * (malloc'd) when no home folder is known. */
char *paths_default_db(char **err);

/* Create the folder that will hold `file` (and its parents) with mode 0700
 * where missing.  0 on success, -1 with errno set. */
int paths_make_parent(const char *file);

/* The folder holding boilerplate.txt and the other rule files. */
char *paths_data_dir(void);
/* The folder holding the bundled corpus. */
char *paths_corpus_dir(void);

#endif
