/* utf8: decoding UTF-8 that never reads past the end.
 * Every malformed sequence (overlong, surrogate, above U+10FFFF, truncated,
 * a stray continuation byte) decodes to U+FFFD and consumes at least one
 * byte, so loops over untrusted text always advance.
 * Depends on the C library only. */
#ifndef STEPPE_UTF8_H
#define STEPPE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes the codepoint at s[*pos] (pos < len) and advances *pos past it.
 * Returns U+FFFD for a malformed sequence. At or past the end returns 0. */
uint32_t utf8_next(const char *s, size_t len, size_t *pos);

#endif
