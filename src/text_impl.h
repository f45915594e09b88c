/*
 * text_impl.h: what text.c shares with text_wrap.c and text_input.c, and
 * no one else.
 */
#ifndef MARGO_TEXT_IMPL_H
#define MARGO_TEXT_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_BAD_CP 0x110000u  /* decoder result for an ill-formed subpart */

/* Decode one code point of s[0..n) (n > 0): its length, the code point in
 * *out (TEXT_BAD_CP for an ill-formed subpart). */
size_t text_utf8_decode(const uint8_t *s, size_t n, uint32_t *out);
/* A blank a line may break and be trimmed at. */
bool text_is_blank(uint32_t c);
/* col + w cells, saturating. */
int text_add_cells(int col, int w);

#endif
