/*
 * fuzz.h: what every fuzz target and the replay driver share.
 *
 * A target is one file, fuzz/NAME_fuzzer.c, that defines
 * LLVMFuzzerTestOneInput() and checks a property of the project's code on
 * the bytes it is given, calling fuzz_fail() (which aborts) when the
 * property does not hold.  It is linked either with libFuzzer
 * (configure --enable-fuzzing: fuzz/NAME_fuzzer) or with fuzz/replay.c
 * (always: fuzz/NAME_replay, run by `make check` on fuzz/seeds/NAME and
 * fuzz/crashes/NAME).
 */
#ifndef MARGO_FUZZ_H
#define MARGO_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "margo/store.h"

/* The entry point libFuzzer calls; the replay driver calls it too. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The target's name: its seed folder is fuzz/seeds/<name>. */
extern const char fuzz_target_name[];

/* Report a violated property on stderr and abort(). */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Abort unless s[0..n) is well-formed UTF-8 (libunistring's u8_check). */
void fuzz_require_utf8(const char *what, const char *s, size_t n);

/* A NUL-terminated copy of the input (abort when memory runs out). */
char *fuzz_strndup(const uint8_t *data, size_t size);

/* A private temporary folder for this process, removed at exit. */
const char *fuzz_tmpdir(void);

/* A path inside fuzz_tmpdir() (malloc'd). */
char *fuzz_tmp_path(const char *name);

/* Open a new library in fuzz_tmpdir() under `name`, through the project's
 * own store_open(); with `corpus`, the bundled corpus is added to it (no
 * entity index unless `entities`).  Aborts on failure: that is the
 * harness failing, not the code under test. */
struct store *fuzz_library(const char *name, bool corpus, bool entities);

/* Save the library's current content (in memory) so that
 * fuzz_library_restore() can put it back before each input. */
void fuzz_library_snapshot(struct store *st);
void fuzz_library_restore(struct store *st);

/* PRAGMA integrity_check is "ok" and PRAGMA foreign_key_check is empty,
 * or fuzz_fail(). */
void fuzz_require_sound(struct store *st);

#endif
