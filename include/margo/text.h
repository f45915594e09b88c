/*
 * text.h: Unicode text handling for margo, with no curses and no SQLite.
 *
 * Everything here is a pure function of its arguments (plus the process
 * locale for nothing: widths come from libunistring, not from wcwidth).
 * Three jobs:
 *   1. canonicalisation at ingest: strict UTF-8 decoding, line ends, NFC,
 *      invisible and bidi characters removed;
 *   2. display: the per-code-point cell rule shared by wrapping and drawing,
 *      and a renderer that turns any string into safe terminal text;
 *   3. wrapping: text -> lines of at most `width` cells.
 *
 * All strings are UTF-8.  Offsets are byte offsets unless a name says
 * "cp" (code points).
 */
#ifndef MARGO_TEXT_H
#define MARGO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What canonicalisation found, for reporting at ingest. */
struct text_stats {
	size_t invalid;      /* ill-formed subparts replaced by U+FFFD */
	size_t nuls;         /* NUL bytes dropped */
	size_t stripped;     /* bidi, zero-width and format characters removed */
	size_t controls;     /* C0/C1 controls kept (they are shown as ^X markers) */
	bool bom;            /* a UTF-8 byte-order mark was removed */
};

/*
 * Decode `len` bytes into canonical text: well-formed UTF-8 only (every
 * maximal ill-formed subpart becomes one U+FFFD; overlongs, surrogates and
 * values above U+10FFFF are ill-formed), a leading BOM removed, CRLF and lone
 * CR turned into LF, U+2028/U+2029 into LF, NUL dropped, bidi controls
 * (U+202A-202E, U+2066-2069, U+200E/F, U+061C) and zero-width/format
 * characters (U+200B-200D, U+2060-2064, U+FEFF, U+00AD) removed except a
 * ZWJ between two emoji, at most 4 combining marks kept after one base, and
 * the result normalised to NFC.  Other controls (TAB, ESC, ...) are kept:
 * the renderer shows them safely.
 *
 * Returns a NUL-terminated malloc'd string and its length in *out_len, or
 * NULL when memory runs out.  `st` may be NULL.
 */
char *text_canonicalize(const char *bytes, size_t len, size_t *out_len,
                        struct text_stats *st);

/* True when the bytes look like a binary file: a NUL byte in the first
 * 8 KiB, or a UTF-16 byte-order mark, or more than 10% of the first 8 KiB
 * being ill-formed UTF-8 or C0 controls other than TAB, LF, CR, FF. */
bool text_looks_binary(const char *bytes, size_t len);

/* A UTF-16 byte-order mark at the start of `bytes`: 1 little-endian
 * (FF FE), 2 big-endian (FE FF), 0 none. */
int text_utf16_bom(const char *bytes, size_t len);

/* Decode UTF-16 text (after its 2-byte mark) into UTF-8, strictly: a
 * lone surrogate, or an odd last byte, becomes one U+FFFD each (counted in
 * *invalid, which may be NULL).  The result is NUL-terminated, malloc'd,
 * its length in *out_len; NULL when memory runs out.  It still needs
 * text_canonicalize(). */
char *text_utf16_to_utf8(const char *bytes, size_t len, bool big_endian,
                         size_t *out_len, size_t *invalid);

/* Number of code points in the first `len` bytes of valid UTF-8 `s`. */
size_t text_cp_count(const char *s, size_t len);
/* Byte offset of code point number `cp` in `s` (clamped to len). */
size_t text_cp_to_byte(const char *s, size_t len, size_t cp);

/*
 * The display rule.  Cells taken by code point `c` when drawn at column
 * `col`: TAB advances to the next multiple of 8; C0 controls, DEL and C1
 * controls take 2 ("^[", "^?", and "~" plus a letter for C1); bidi and
 * zero-width characters take 0 and are not drawn; combining marks 0;
 * East Asian wide and emoji presentation characters 2; others 1.  LF,
 * U+2028 and U+2029 take 1: text_render() draws them as a space.
 */
int text_cp_cells(uint32_t c, int col);

/* Cells taken by the UTF-8 string when drawn from column 0 (or `col`). */
int text_width(const char *s, size_t len);
int text_width_from(const char *s, size_t len, int col);

/*
 * Render `len` bytes of (possibly untrusted, possibly invalid) UTF-8 as text
 * that is safe to hand to curses or a terminal: ill-formed bytes become
 * U+FFFD, controls become visible markers (ESC -> "^[", DEL -> "^?", C1 ->
 * "~@".."~_"), TAB becomes spaces up to the next stop counted from `col`,
 * LF becomes a space, bidi and zero-width characters are dropped.  At most
 * `max_cells` cells are produced (-1: no limit); a wide character that
 * would not fit is replaced by nothing.  *cells (may be NULL) receives the
 * cells used.  Returns a malloc'd NUL-terminated string, or NULL when memory
 * runs out.
 */
char *text_render(const char *s, size_t len, int col, int max_cells,
                  int *cells);

/* One line of wrapped text: bytes [start, end) of the source, which take
 * `cells` cells.  Breaking spaces at the end of a line are outside it. */
struct text_line {
	size_t start;
	size_t end;
	int cells;
};

/*
 * Wrap `len` bytes of canonical text into lines of at most `width` cells
 * (width >= 1) with the Unicode line-breaking algorithm (libunistring):
 * LF forces a break, a word wider than the line is cut at grapheme cluster
 * boundaries, a cluster wider than the whole line (a wide character at
 * width 1) gets a line of its own.  No other line ever takes more than
 * `width` cells by text_cp_cells(); that one keeps its real width in
 * `cells`, and the renderer clips it with max_cells.  Empty text gives one
 * empty line.
 *
 * On success stores a malloc'd array in *lines, its length in *n and returns
 * 0; returns -1 when memory runs out.
 */
int text_wrap(const char *s, size_t len, int width, struct text_line **lines,
              size_t *n);

/* Previous / next grapheme cluster boundary around byte `pos` of `s`. */
size_t text_grapheme_prev(const char *s, size_t len, size_t pos);
size_t text_grapheme_next(const char *s, size_t len, size_t pos);

/* Trim ASCII and Unicode white space at both ends: returns the new length
 * and moves *s forward. */
size_t text_trim(const char **s, size_t len);

/* Case-fold and remove diacritics (NFD, drop combining marks), for
 * comparisons and matching.  malloc'd; NULL on memory exhaustion. */
char *text_fold(const char *s, size_t len, size_t *out_len);

/*
 * Text from the user (text_input.c): arguments, the environment, notes
 * written in an editor, in the charset of the user's locale.  A UTF-8
 * charset, or the C locale's ASCII (no charset named), means UTF-8; any
 * other is converted from.  `charset` is what nl_langinfo(CODESET) said
 * in the user's locale: main() remembers it before the reader sets a
 * UTF-8 locale of its own; text_user_charset() gives it ("UTF-8" when
 * none was remembered).
 */
void text_remember_user_charset(const char *charset);
const char *text_user_charset(void);
bool text_charset_is_utf8(const char *charset);
/* `len` bytes as UTF-8 text, strictly: a malloc'd NUL-terminated copy in
 * *out and 0; -1 when they are not text in `charset` (ill-formed, or
 * holding a NUL byte), -2 when memory runs out. */
int text_from_user(const char *s, size_t len, const char *charset, char **out);
/* The same, keeping everything: each ill-formed subpart (counted in
 * *invalid) and each NUL byte (in *nuls) becomes U+FFFD; bytes that are
 * not text in `charset` are read as UTF-8.  malloc'd; NULL out of memory. */
char *text_from_user_repair(const char *s, size_t len, const char *charset,
                            size_t *invalid, size_t *nuls);
/* UTF-8 `s` in `charset`, for an editor that shows text in it: malloc'd,
 * or NULL when a character has no place in that charset (or memory runs
 * out). */
char *text_to_user(const char *s, const char *charset);
/* $USER, the default author of an annotation, as UTF-8 (what is not text
 * in the user's charset as U+FFFD): malloc'd, NULL when unset. */
char *text_user_name(void);

#endif
