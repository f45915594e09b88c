/*
 * sqlexec.c: run SQL statements on a library file, for the tests that
 * must put into a library what margo itself would not write there (an
 * annotation whose id is not ours).  The sqlite3 shell is not always
 * installed; SQLite is.
 */
#include <stdio.h>

#include <sqlite3.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: sqlexec DATABASE SQL\n");
		return 2;
	}
	sqlite3 *db;
	char *err = NULL;
	int rc = sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, argv[2], NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fprintf(stderr, "sqlexec: %s: %s\n", argv[1], err ? err : sqlite3_errmsg(db));
	sqlite3_free(err);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : 1;
}
