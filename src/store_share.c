/*
 * store_share.c: a library shared by a Unix group on one machine, and the
 * file systems a library is refused on.
 *
 * A shared library's folder is 2770 (setgid, so what is made in it takes
 * the group) and its files 0660, of the group; a private one's folder is
 * 0700 and its files 0600.  While the folder is shared, margo writes with
 * umask 007, so that the -wal and -shm files SQLite makes later are the
 * group's too.  Network file systems are refused: SQLite's locking is not
 * safe on them (see README, "Working together").
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/types.h>
#include <unistd.h>

#include "margo/store_share.h"
#include "margo/util.h"
#include "store_impl.h"
#include "margo/i18n.h"

/* The files SQLite keeps beside a library, after its own. */
static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
#define N_SUFFIXES (sizeof suffixes / sizeof *suffixes)

/* The folder of `path` (malloc'd). */
static char *folder_of(const char *path)
{
	char *dir = util_strdup(path);
	if (!dir)
		return NULL;
	char *slash = strrchr(dir, '/');
	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	return dir;
}

/* The network file systems, by statfs() f_type, with their names. */
static const struct {
	unsigned long magic;
	const char *name;
} network_fs[] = {
	{ 0x6969UL, "nfs" },
	{ 0x517BUL, "smb" },
	{ 0xFF534D42UL, "cifs" },
	{ 0xFE534D42UL, "smb2" },
	{ 0x5346414FUL, "afs" },
	{ 0x6B414653UL, "afs" },
	{ 0x73757245UL, "coda" },
	{ 0x01021997UL, "9p" },
	{ 0x00C36400UL, "ceph" },
	{ 0x47504653UL, "gpfs" },
	{ 0x0BD00BD0UL, "lustre" },
};
#define FUSE_MAGIC 0x65735546UL

/* Names a test may give in MARGO_TEST_FSTYPE (read for tests only). */
static const char *const network_names[] = {
	"nfs", "nfs4", "smb", "smb2", "smb3", "cifs", "afs", "coda", "9p", "ceph",
	"gpfs", "lustre", "sshfs", "fuse.sshfs",
};

/* The type of a FUSE file system holding `dir`, from /proc/self/mountinfo
 * (the mount whose point is the longest prefix of the folder's real
 * path): malloc'd, or NULL when it cannot be told. */
static char *fuse_type(const char *dir)
{
	char *real = realpath(dir, NULL);
	FILE *f = real ? fopen("/proc/self/mountinfo", "re") : NULL;
	char *line = NULL, *best = NULL;
	size_t cap = 0, best_len = 0;
	while (f && getline(&line, &cap, f) > 0) {
		/* id parent major:minor root point options... - type source ... */
		char *save = NULL, *field = strtok_r(line, " ", &save);
		char *point = NULL, *type = NULL;
		for (int i = 0; field; i++, field = strtok_r(NULL, " ", &save)) {
			if (i == 4)
				point = field;
			if (strcmp(field, "-") == 0) {
				type = strtok_r(NULL, " ", &save);
				break;
			}
		}
		if (!point || !type || strchr(point, '\\'))
			continue;  /* an escaped mount point: not ours to decode here */
		size_t n = strlen(point);
		bool under = strcmp(point, "/") == 0 ||
		             (strncmp(real, point, n) == 0 && (real[n] == '/' || real[n] == '\0'));
		if (under && n >= best_len) {
			free(best);
			best = util_strdup(type);
			best_len = n;
		}
	}
	if (f)
		fclose(f);
	free(line);
	free(real);
	return best;
}

int store_share_fs_check(const char *path, char **err)
{
	*err = NULL;
	char *dir = folder_of(path);
	if (!dir)
		return 0;
	const char *name = NULL;
	char *fuse = NULL;
	const char *test = getenv("MARGO_TEST_FSTYPE");
	if (test && *test) {
		for (size_t i = 0; i < sizeof network_names / sizeof *network_names; i++)
			if (strcmp(test, network_names[i]) == 0)
				name = network_names[i];
	} else {
		struct statfs sf;
		if (statfs(dir, &sf) == 0) {
			unsigned long type = (unsigned long)sf.f_type & 0xFFFFFFFFUL;
			for (size_t i = 0; i < sizeof network_fs / sizeof *network_fs; i++)
				if (type == network_fs[i].magic)
					name = network_fs[i].name;
			if (type == FUSE_MAGIC && (fuse = fuse_type(dir)) &&
			    strcmp(fuse, "fuse.sshfs") == 0)
				name = "sshfs";
		}
	}
	free(fuse);
	free(dir);
	if (!name)
		return 0;
	*err = util_printf(_("%s: on a network file system (%s), where SQLite's locking is not "
	                   "safe; keep the library on a local disk of the server"), path, name);
	return -1;
}

int store_share_state(const char *path, char **group)
{
	*group = NULL;
	char *dir = folder_of(path);
	struct stat sb;
	int rc = dir && stat(dir, &sb) == 0 ? 0 : -1;
	free(dir);
	if (rc < 0)
		return -1;
	if (!(sb.st_mode & S_ISGID) || (sb.st_mode & S_IRWXG) != S_IRWXG)
		return 0;
	struct group *gr = getgrgid(sb.st_gid);
	*group = gr ? util_strdup(gr->gr_name) : util_printf("%ld", (long)sb.st_gid);
	return 1;
}

void store_share_umask(const char *path)
{
	char *group = NULL;
	if (store_share_state(path, &group) == 1)
		umask(007);
	free(group);
}

/* Whether this process may give files to group `gid`. */
static bool member_of(gid_t gid)
{
	if (geteuid() == 0 || getegid() == gid)
		return true;
	int n = getgroups(0, NULL);
	if (n <= 0)
		return false;
	gid_t *list = calloc((size_t)n, sizeof *list);
	bool found = false;
	if (list && (n = getgroups(n, list)) > 0)
		for (int i = 0; i < n; i++)
			if (list[i] == gid)
				found = true;
	free(list);
	return found;
}

/* Give one file (not a symbolic link) to `gid` with `mode`; an absent
 * file is no error.  0, or -1 with errno. */
static int set_file(const char *path, gid_t gid, mode_t mode)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	struct stat sb;
	int rc = fstat(fd, &sb);
	if (rc == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
		errno = EINVAL;
		rc = -1;
	}
	if (rc == 0 && sb.st_gid != gid)
		rc = fchown(fd, (uid_t)-1, gid);
	if (rc == 0)
		rc = fchmod(fd, mode);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

static int apply(const char *path, gid_t gid, mode_t dir_mode, mode_t file_mode, char **err)
{
	char *dir = folder_of(path);
	if (!dir) {
		*err = util_strdup(_("out of memory"));
		return -1;
	}
	if (set_file(dir, gid, dir_mode) < 0) {
		*err = util_printf(_("%s: cannot change its folder %s: %s"), path, dir, strerror(errno));
		free(dir);
		return -1;
	}
	free(dir);
	for (size_t i = 0; i < N_SUFFIXES; i++) {
		char *file = util_printf("%s%s", path, suffixes[i]);
		if (!file || set_file(file, gid, file_mode) < 0) {
			*err = util_printf(_("%s: cannot change: %s"), file ? file : path,
			                   file ? strerror(errno) : _("out of memory"));
			free(file);
			return -1;
		}
		free(file);
	}
	return 0;
}

int store_share_make(const char *path, const char *group, char **err)
{
	*err = NULL;
	struct group *gr = getgrnam(group);
	if (!gr) {
		*err = util_printf(_("no group \"%s\" on this machine"), group);
		return -2;
	}
	if (!member_of(gr->gr_gid)) {
		*err = util_printf(_("you are not in the group \"%s\"; a library is shared only with "
		                   "a group of yours (ask to be added, then log in again)"), group);
		return -2;
	}
	return apply(path, gr->gr_gid, 02770, 0660, err);
}

int store_share_make_private(const char *path, char **err)
{
	*err = NULL;
	return apply(path, getegid(), 0700, 0600, err);
}

/* ---- settings kept in the library (table meta) -------------------------- */

int store_setting_get(struct store *st, const char *key, char **value)
{
	sqlite3_stmt *s;
	*value = NULL;
	if (store_prepare(st, "SELECT value FROM meta WHERE key = ?1", &s) < 0)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = store_column_dup(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? (*value ? 1 : -1) : rc == SQLITE_DONE ? 0 : -1;
}

int store_setting_set(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt *s;
	if (store_begin(st) < 0)
		return -1;
	if (store_prepare(st, value ? "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)"
	                            : "DELETE FROM meta WHERE key = ?1", &s) < 0) {
		store_rollback(st);
		return -1;
	}
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (value)
		sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE || store_commit(st) < 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

/* ---- whose annotation ----------------------------------------------------- */

/* 0 when the coder of this connection may change a row whose coder is
 * `owner`; -2 with the refusal; -1 when the library cannot be read. */
static int may_change(struct store *st, const char *owner, const char *what, char **err)
{
	if (!owner || strcmp(owner, store_coder(st)) == 0)
		return 0;
	char *anyone = NULL;
	int rc = store_setting_get(st, "anyone_edits", &anyone);
	bool allowed = rc > 0 && strcmp(anyone, "1") == 0;
	free(anyone);
	if (rc < 0) {
		*err = util_printf(_("cannot read the library: %s"), store_errmsg(st));
		return -1;
	}
	if (allowed)
		return 0;
	*err = util_printf(_("%s is %s's: only %s may change it (margo share --anyone-edits "
	                   "lets everyone)"), what, owner, owner);
	return -2;
}

int store_annot_may_change(struct store *st, const char *id, char **err)
{
	sqlite3_stmt *s;
	*err = NULL;
	if (store_prepare(st, "SELECT coder FROM annotation WHERE id = ?1", &s) < 0) {
		*err = util_printf(_("cannot read the library: %s"), store_errmsg(st));
		return -1;
	}
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	char *owner = rc == SQLITE_ROW ? store_column_dup(s, 0) : NULL;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*err = util_printf(_("cannot read the library: %s"), store_errmsg(st));
		return -1;
	}
	char *what = util_printf(_("annotation %.8s"), id);
	int ret = may_change(st, owner, what ? what : id, err);
	free(what);
	free(owner);
	return ret;
}

int store_link_may_change(struct store *st, const char *from, const char *to, char **err)
{
	sqlite3_stmt *s;
	*err = NULL;
	if (store_prepare(st, "SELECT coder FROM annotation_link WHERE ((annotation = ?1 AND"
	                      " target = ?2) OR (annotation = ?2 AND target = ?1))"
	                      " AND coder IS NOT NULL AND coder IS NOT ?3 LIMIT 1", &s) < 0) {
		*err = util_printf(_("cannot read the library: %s"), store_errmsg(st));
		return -1;
	}
	sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, store_coder(st), -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	char *owner = rc == SQLITE_ROW ? store_column_dup(s, 0) : NULL;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*err = util_printf(_("cannot read the library: %s"), store_errmsg(st));
		return -1;
	}
	int ret = may_change(st, owner, _("the link"), err);
	free(owner);
	return ret;
}
