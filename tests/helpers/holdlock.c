/*
 * holdlock.c: hold the write lock of an SQLite file for a while, as
 * another margo writing to the library would, for the tests of what
 * margo says when it has waited for a busy library.
 *
 *   holdlock DB SECONDS
 *
 * Says "held" on standard output (flushed) once the lock is taken, keeps
 * it SECONDS seconds, then lets it go without writing anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <sqlite3.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: holdlock DB SECONDS\n");
		return 2;
	}
	sqlite3 *db;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "holdlock: %s: %s\n", argv[1], sqlite3_errmsg(db));
		return 1;
	}
	sqlite3_busy_timeout(db, 10000);
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "holdlock: %s: %s\n", argv[1], sqlite3_errmsg(db));
		sqlite3_close(db);
		return 1;
	}
	printf("held\n");
	fflush(stdout);
	sleep((unsigned)atoi(argv[2]));
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(db);
	return 0;
}
