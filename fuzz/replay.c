/*
 * replay.c: a main() for a fuzz target without libFuzzer.
 *
 * Runs every file of fuzz/seeds/<target> and fuzz/crashes/<target> (or of
 * the files and folders named on the command line) through
 * LLVMFuzzerTestOneInput(), in name order, and speaks TAP: one "ok" per
 * file.  A violated property aborts the program, so the test harness sees
 * the crash; the "# FILE" line before it names the input.  Files whose
 * names start with "." or "README" are not inputs.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "margo/util.h"

static int n_run, n_failed;

/* Read a whole file; NULL with errno set on failure. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b = { 0 };
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (buf_append(&b, chunk, n) < 0) {
			buf_free(&b);
			fclose(f);
			errno = ENOMEM;
			return NULL;
		}
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		buf_free(&b);
		errno = EIO;
		return NULL;
	}
	*len = b.len;
	char *p = buf_steal(&b);
	if (!p)  /* an empty file */
		p = calloc(1, 1);
	return p;
}

static void run_file(const char *path, const char *label)
{
	size_t len = 0;
	char *data = read_file(path, &len);
	n_run++;
	if (!data) {
		n_failed++;
		printf("not ok %d - %s\n# cannot read: %s\n", n_run, label, strerror(errno));
		return;
	}
	printf("# %s (%zu bytes)\n", label, len);
	fflush(stdout);
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	free(data);
	printf("ok %d - %s\n", n_run, label);
	fflush(stdout);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every input file in `dir`, in name order.  `must_exist`: a missing
 * folder is a failure (the seeds), else nothing to do (crashes). */
static void run_dir(const char *dir, const char *label, bool must_exist)
{
	DIR *d = opendir(dir);
	if (!d) {
		if (must_exist || errno != ENOENT) {
			n_run++;
			n_failed++;
			printf("not ok %d - %s\n# cannot open %s: %s\n", n_run, label, dir,
			       strerror(errno));
		}
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || strncmp(e->d_name, "README", 6) == 0)
			continue;
		char **v = util_grow(names, &cap, n, sizeof *names);
		char *name = util_strdup(e->d_name);
		if (!v || !name)
			abort();
		names = v;
		names[n++] = name;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		char *path = util_printf("%s/%s", dir, names[i]);
		char *lab = util_printf("%s/%s", label, names[i]);
		if (!path || !lab)
			abort();
		struct stat sb;
		if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
			run_file(path, lab);
		free(path);
		free(lab);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		for (int i = 1; i < argc; i++) {
			struct stat sb;
			if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
				run_dir(argv[i], argv[i], true);
			else
				run_file(argv[i], argv[i]);
		}
	} else {
		const char *top = getenv("top_srcdir");
		if (!top || !*top)
			top = MARGO_ABS_SRCDIR;
		const char *kinds[] = { "seeds", "crashes" };
		for (int k = 0; k < 2; k++) {
			char *dir = util_printf("%s/fuzz/%s/%s", top, kinds[k], fuzz_target_name);
			char *label = util_printf("%s/%s", kinds[k], fuzz_target_name);
			if (!dir || !label)
				abort();
			run_dir(dir, label, k == 0);
			free(dir);
			free(label);
		}
	}
	if (n_run == 0) {
		printf("1..0 # SKIP no inputs for %s\n", fuzz_target_name);
		return 0;
	}
	printf("1..%d\n", n_run);
	return n_failed ? 1 : 0;
}
