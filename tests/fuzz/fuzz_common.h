/* fuzz_common: what the fuzz target bodies (tests/fuzz/fuzz_*_body.h) share.
 *
 * FUZZ_CHECK(cond) is an invariant, not a test count: when it fails it prints
 * file:line and the condition and aborts, so libFuzzer saves the input as a
 * crash and the replay driver (fuzz_replay.c) reports the file that broke it.
 * fuzz_utf8_put encodes a code point the way the core's writers do, for
 * bodies that build inputs from other inputs. Everything is static inline so
 * a body that uses part of it compiles without unused-function warnings. */
#ifndef STEPPE_FUZZ_COMMON_H
#define STEPPE_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, what);
    fflush(stderr);
    abort();
}

#define FUZZ_CHECK(cond)                                        \
    do {                                                        \
        if (!(cond)) fuzz_fail(__FILE__, __LINE__, #cond);      \
    } while (0)

/* Writes cp as UTF-8 at out (room for 4 bytes); returns the byte count. */
static inline size_t fuzz_utf8_put(uint32_t cp, char *out)
{
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A strict reference for one UTF-8 sequence (Unicode 15, table 3-7): whether
 * s[p..len) starts with a well-formed sequence, and its code point and length. */
static inline int fuzz_utf8_well_formed(const unsigned char *s, size_t len, size_t p, uint32_t *cp, size_t *n)
{
    unsigned c = s[p];
    if (c < 0x80) { *cp = c; *n = 1; return 1; }
    size_t k;
    unsigned lo = 0x80, hi = 0xBF;
    uint32_t v;
    if (c >= 0xC2 && c <= 0xDF) { k = 2; v = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) {
        k = 3; v = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4; v = c & 0x07;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else return 0;
    if (p + k > len) return 0;
    for (size_t i = 1; i < k; i++) {
        unsigned b = s[p + i];
        if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF)) return 0;
        v = (v << 6) | (b & 0x3F);
    }
    *cp = v;
    *n = k;
    return 1;
}

#endif
