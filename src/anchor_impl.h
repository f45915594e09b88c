/*
 * anchor_impl.h: what anchor.c and anchor_diff.c share.
 */
#ifndef MARGO_ANCHOR_IMPL_H
#define MARGO_ANCHOR_IMPL_H

#include <stddef.h>
#include <stdint.h>

/* The old range [start, end) of o (code points) mapped into n through a
 * word diff.  0, or -1 when out of memory. */
int anchor_diff_map(const uint32_t *o, size_t olen, const uint32_t *n,
                    size_t nlen, size_t start, size_t end, size_t *mstart,
                    size_t *mend);

#endif
