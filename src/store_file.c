/*
 * store_file.c: the library's file, looked at before SQLite opens it
 * (store_open in store.c): what it is, whether it can be written, and how
 * to read it when it cannot.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "margo/paths.h"
#include "margo/store_share.h"
#include "margo/util.h"
#include "store_impl.h"
#include "margo/i18n.h"

/*
 * Look at the file before SQLite does: refuse symlinks and anything that is
 * not a regular file, and anything non-empty without SQLite's header.  An
 * absent file is created 0600 in a 0700 folder when writing.
 */
int store_check_file(const char *path, enum store_open_mode mode, char **err)
{
	struct stat sb;
	int tries = 0;
	/* SQLite's locks do not hold on a network file system. */
	if (store_share_fs_check(path, err) < 0)
		return -1;
again:
	if (lstat(path, &sb) < 0) {
		if (errno != ENOENT) {
			*err = util_printf("%s: %s", path, strerror(errno));
			return -1;
		}
		if (mode == STORE_OPEN_READ) {
			*err = util_printf(_("%s: no library here yet (run \"margo add PATH\" first)"), path);
			return -1;
		}
		if (paths_make_parent(path) < 0) {
			*err = util_printf(_("%s: cannot create its folder: %s"), path, strerror(errno));
			return -1;
		}
		/* In a shared folder (umask 007, store_share_umask) the group's. */
		char *group = NULL;
		int shared = store_share_state(path, &group);
		free(group);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		              shared == 1 ? 0660 : 0600);
		/* Another margo made it first: look at what it made. */
		if (fd < 0 && errno == EEXIST && ++tries < 100)
			goto again;
		if (fd < 0) {
			*err = util_printf(_("%s: cannot create: %s"), path, strerror(errno));
			return -1;
		}
		close(fd);
		return 0;
	}
	if (S_ISLNK(sb.st_mode)) {
		*err = util_printf(_("%s: is a symbolic link; margo opens only a real file (use --db with the link's target)"), path);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		*err = util_printf(_("%s: not a regular file"), path);
		return -1;
	}
	if (sb.st_size == 0)
		return 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		*err = util_printf("%s: %s", path, strerror(errno));
		return -1;
	}
	char head[16];
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	if (n != (ssize_t)sizeof head || memcmp(head, "SQLite format 3", 16) != 0) {
		*err = util_printf(_("%s: not a margo library (not an SQLite database); "
		                   "it was left untouched"), path);
		return -1;
	}
	return 0;
}

/* Why the library at `path` cannot be written (a static phrase), or NULL
 * when it can: the file itself, and its folder, where SQLite keeps the
 * -wal and -shm files beside it. */
const char *store_why_readonly(const char *path)
{
	if (access(path, F_OK) < 0)
		return NULL;  /* created later, or refused with its own message */
	if (access(path, W_OK) < 0)
		return errno == EROFS ? _("it is on a read-only file system")
		                      : _("you have no permission to write it");
	char *wal = util_printf("%s-wal", path), *shm = util_printf("%s-shm", path);
	char *dir = util_strdup(path);
	const char *why = NULL;
	if (!wal || !shm || !dir) {
		why = NULL;  /* let SQLite find out */
	} else {
		char *slash = strrchr(dir, '/');
		if (!slash)
			strcpy(dir, ".");
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
		if (access(dir, W_OK) < 0 &&
		    (access(wal, W_OK) < 0 || access(shm, W_OK) < 0))
			why = errno == EROFS ? _("it is on a read-only file system")
			                     : _("you have no permission to write in its folder");
	}
	free(wal);
	free(shm);
	free(dir);
	return why;
}

/* A read-only library whose folder is read-only too, with no -wal or -shm
 * beside it: SQLite cannot make its shared-memory file there, so the file
 * is opened as immutable (no one can be writing it: a writer needs that
 * folder too).  Returns a "file:" URI, or NULL when the plain path does. */
char *store_immutable_uri(const char *path)
{
	char *wal = util_printf("%s-wal", path), *shm = util_printf("%s-shm", path);
	bool lone = wal && shm && access(wal, F_OK) < 0 && access(shm, F_OK) < 0;
	free(wal);
	free(shm);
	if (!lone)
		return NULL;
	struct buf b = { 0 };
	buf_puts(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._~-", *p))
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	buf_puts(&b, "?immutable=1");
	return buf_steal(&b);
}
