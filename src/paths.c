/*
 * paths.c: locating the library file, the rule files and the bundled corpus.
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "margo/paths.h"
#include "margo/util.h"
#include "margo/i18n.h"

char *paths_default_db(char **err)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/')
		return util_printf("%s/margo/library.db", xdg);
	const char *home = getenv("HOME");
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home || !*home) {
		*err = util_strdup(_("no home folder: set HOME, XDG_DATA_HOME or MARGO_DB, or use --db FILE"));
		return NULL;
	}
	return util_printf("%s/.local/share/margo/library.db", home);
}

int paths_make_parent(const char *file)
{
	char *dir = util_strdup(file);
	if (!dir)
		return -1;
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	/* Create each missing component; existing ones are left as they are. */
	for (char *p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
				int e = errno;
				free(dir);
				errno = e;
				return -1;
			}
			*p = c;
			if (c == '\0')
				break;
		}
	}
	free(dir);
	return 0;
}

/* True when the running executable sits in the build tree. */
static int running_uninstalled(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	char real_build[PATH_MAX];
	if (!realpath(MARGO_ABS_BUILDDIR, real_build))
		return 0;
	return strcmp(exe, real_build) == 0;
}

static char *data_root(const char *installed_sub, const char *source_sub)
{
	const char *env = getenv("MARGO_DATADIR");
	if (env && *env)
		return util_printf("%s/%s", env, installed_sub);
	if (running_uninstalled())
		return util_printf("%s/%s", MARGO_ABS_SRCDIR, source_sub);
	return util_printf("%s/%s", MARGO_PKGDATADIR, installed_sub);
}

char *paths_data_dir(void)
{
	return data_root("data", "data");
}

char *paths_corpus_dir(void)
{
	return data_root("corpus", "corpus");
}
