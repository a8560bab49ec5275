/* utf8: a strict, bounds-checked UTF-8 decoder. See utf8.h. */
#include "utf8.h"

uint32_t utf8_next(const char *s, size_t len, size_t *pos)
{
    size_t i = *pos;
    if (i >= len) return 0;
    const unsigned char *u = (const unsigned char *)s;
    unsigned char c = u[i];
    if (c < 0x80) {
        *pos = i + 1;
        return c;
    }
    int extra;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) { extra = 1; cp = c & 0x1Fu; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { extra = 2; cp = c & 0x0Fu; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { extra = 3; cp = c & 0x07u; min = 0x10000; }
    else { *pos = i + 1; return UTF8_REPLACEMENT; } /* continuation byte, C0/C1 or F5..FF */
    for (int k = 1; k <= extra; k++) {
        if (i + (size_t)k >= len || (u[i + (size_t)k] & 0xC0) != 0x80) {
            *pos = i + (size_t)k; /* resume at the byte that broke the sequence */
            return UTF8_REPLACEMENT;
        }
        cp = (cp << 6) | (u[i + (size_t)k] & 0x3Fu);
    }
    *pos = i + (size_t)extra + 1;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return UTF8_REPLACEMENT;
    return cp;
}
