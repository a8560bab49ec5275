/* bundle_internal: what the bundle reader's two files share — bundle.c
 * (validation, opening) and bundle_access.c (the accessors). Only they
 * include this. */
#ifndef STEPPE_BUNDLE_INTERNAL_H
#define STEPPE_BUNDLE_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "bundle.h"

/* --- little-endian readers: byte assembly, so no unaligned loads and no UB -- */

static inline uint32_t rd_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint16_t rd_u16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline float rd_f32(const uint8_t *p)
{
    uint32_t u = rd_u32(p);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}
static inline double rd_f64(const uint8_t *p)
{
    uint64_t u = (uint64_t)rd_u32(p) | (uint64_t)rd_u32(p + 4) << 32;
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}
/* TrueType is big-endian. */
static inline uint32_t rd_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}
static inline uint16_t rd_be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

#endif
