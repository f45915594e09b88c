/*
 * util.h: small helpers shared by every module: a growable byte buffer,
 * checked string duplication, a content hash and UTC time stamps.
 * Nothing here knows about articles, SQLite or curses.
 */
#ifndef MARGO_UTIL_H
#define MARGO_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* A growable, always NUL-terminated byte buffer.  All appends return 0, or
 * -1 when memory runs out (the buffer then keeps what it had). */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

int buf_append(struct buf *b, const void *data, size_t len);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append `s` as the inside of a JSON string (quotes not included). */
int buf_json_string(struct buf *b, const char *s, size_t len);
/* Append the JSON text `json` (as SQLite's JSON functions write it) with
 * DEL, the C1 controls, the bidi controls and U+2028/U+2029 inside its
 * strings written as \uXXXX escapes: the same values, but nothing a
 * terminal or a viewer would act on.  Bytes outside strings, ill-formed
 * UTF-8 and every other character are copied as they are. */
int buf_json_harden(struct buf *b, const char *json, size_t len);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Hand the contents over (the buffer is left empty); never NULL unless the
 * buffer could not allocate its first byte. */
char *buf_steal(struct buf *b);

/* strdup/strndup that return NULL (not abort) when memory runs out and
 * accept NULL input. */
char *util_strdup(const char *s);
/* Room for element n of an array of *cap elements of `size` bytes: the
 * array itself when n < *cap, else a larger one (capacity doubled, *cap
 * updated), or NULL (the array untouched) when memory or size_t runs out. */
void *util_grow(void *array, size_t *cap, size_t n, size_t size);
char *util_strndup(const char *s, size_t n);
/* A malloc'd printf result, or NULL. */
char *util_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *util_vprintf(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

/* 64-bit FNV-1a of the bytes (for hash tables and change detection). */
uint64_t util_fnv1a(const void *data, size_t len);
/* The same hash over data given in pieces: h starts at UTIL_FNV1A_INIT. */
#define UTIL_FNV1A_INIT 0xcbf29ce484222325ULL
uint64_t util_fnv1a_more(uint64_t h, const void *data, size_t len);

/* 64-bit FNV-1a of the bytes, as 16 lowercase hex digits in `out` (17
 * bytes).  Used to tell whether a file or a text changed, never for
 * security. */
void util_hash_hex(const void *data, size_t len, char out[17]);

/* The current time as RFC 3339 UTC ("2026-11-21T23:19:57Z") in `out`. */
void util_now_rfc3339(char out[21]);

/* Parse a non-negative decimal integer that fills the whole string. */
int util_parse_id(const char *s, int64_t *out);

#endif
