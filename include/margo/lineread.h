/*
 * lineread.h: reading text that comes from elsewhere, line by line.
 *
 * A line reader keeps at most `max` bytes of a line: a longer line is read
 * to its end and skipped, never held whole, so memory stays bounded
 * whatever the input.  An input that starts like a binary file (NUL
 * bytes, UTF-16; text_looks_binary()) is refused at once, and so is a
 * skipped line that holds NUL bytes (reading /dev/zero would never end).
 * Read errors are reported, never taken for the end of the input.
 */
#ifndef MARGO_LINEREAD_H
#define MARGO_LINEREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum line_status {
	LINE_EOF,       /* no more lines */
	LINE_OK,        /* a line in line/len */
	LINE_LONG,      /* line line_no is longer than max: skipped */
	LINE_BINARY,    /* not text (NUL bytes, UTF-16): stop */
	LINE_ERROR,     /* a read error (errno in err): stop */
	LINE_NOMEM,     /* memory ran out: stop */
};

struct line_reader {
	FILE *f;
	size_t max;       /* longest line kept, in bytes, newline not counted */
	char *line;       /* the line, NUL-terminated, without its newline */
	size_t len;
	size_t line_no;   /* of the line just read, from 1 */
	bool has_nul;     /* the line holds a NUL byte */
	int err;
	/* Every byte read through, newlines too, is added to `hash` (FNV-1a:
	 * set it to UTIL_FNV1A_INIT, or to where an earlier reading left it)
	 * and counted in `offset`: so a caller knows where each line ends and
	 * what came before it. */
	uint64_t hash;
	int64_t offset;
	/* private */
	size_t cap;
	char *chunk;
	size_t pos, end;
	bool eof, started;
};

/* Read from `f`, lines of at most `max` bytes. */
void line_reader_init(struct line_reader *r, FILE *f, size_t max);
enum line_status line_read(struct line_reader *r);
void line_reader_free(struct line_reader *r);

/*
 * Well-formed UTF-8 from `len` bytes: every maximal ill-formed subpart
 * (a stray byte, a surrogate, an overlong form) and every NUL becomes one
 * U+FFFD; nothing else changes.  A malloc'd NUL-terminated copy, its
 * length in *out_len, how many were replaced in *replaced; NULL when
 * memory runs out.
 */
char *utf8_repair(const char *s, size_t len, size_t *out_len, size_t *replaced);
/* Whether `len` bytes are well-formed UTF-8 without a NUL. */
bool utf8_clean(const char *s, size_t len);

/*
 * SQLite (3.40) ends a JSON string at a "\u0000" escape, silently: what
 * follows is lost.  This counts such escapes inside the strings of the
 * JSON text `s` and, when `out` is a copy of `s`, turns each into "\ufffd"
 * there (the same length).  It reads the text as JSON's strings are
 * written (a backslash escapes the next character), so "\\u0000" is
 * left alone.
 */
size_t json_nul_escapes(const char *s, size_t len, char *out);

#endif
