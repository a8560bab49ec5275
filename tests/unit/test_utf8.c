/* test_utf8: decoding of good and bad UTF-8. */
#include <string.h>

#include "test_support.h"
#include "utf8.h"

typedef struct Case { const char *bytes; size_t len; uint32_t expect[8]; int count; } Case;

static void check_case(const Case *c, int line)
{
    size_t pos = 0;
    int n = 0;
    uint32_t got[16];
    while (pos < c->len && n < 16) {
        size_t before = pos;
        got[n++] = utf8_next(c->bytes, c->len, &pos);
        if (pos <= before) { printf("test_utf8.c:%d: decoder did not advance\n", line); test_failed++; return; }
    }
    if (n != c->count) { printf("test_utf8.c:%d: %d codepoints, expected %d\n", line, n, c->count); test_failed++; return; }
    for (int i = 0; i < n; i++)
        if (got[i] != c->expect[i]) {
            printf("test_utf8.c:%d: codepoint %d is U+%04X, expected U+%04X\n", line, i, got[i], c->expect[i]);
            test_failed++;
            return;
        }
    test_passed++;
}

#define CASE(bytes, ...) do { Case c = { bytes, sizeof(bytes) - 1, { __VA_ARGS__ }, 0 }; \
    uint32_t tmp[] = { __VA_ARGS__ }; c.count = (int)(sizeof tmp / sizeof tmp[0]); check_case(&c, __LINE__); } while (0)
#define R UTF8_REPLACEMENT

int main(void)
{
    CASE("abc", 'a', 'b', 'c');
    CASE("Қазақ", 0x049A, 0x0430, 0x0437, 0x0430, 0x049B);
    CASE("O\xCA\xBBzbek", 'O', 0x02BB, 'z', 'b', 'e', 'k');
    CASE("\xF0\x9F\x98\x80", 0x1F600);                  /* 4-byte */
    CASE("\x80", R);                                     /* stray continuation */
    CASE("\xC0\xAF", R, R);                              /* overlong '/' (C0 is never valid) */
    CASE("\xE0\x80\xAF", R);                             /* overlong 3-byte */
    CASE("\xED\xA0\x80", R);                             /* surrogate U+D800 */
    CASE("\xF4\x90\x80\x80", R);                         /* above U+10FFFF */
    CASE("\xF5\x80\x80\x80", R, R, R, R);                /* F5 never starts a sequence */
    CASE("\xE2\x82", R);                                 /* truncated at the end */
    CASE("\xE2\x82x", R, 'x');                           /* broken by an ASCII byte, which survives */
    CASE("\xFF", R);
    CASE("a\xC3", 'a', R);
    /* Past the end: 0 and no movement. */
    size_t pos = 3;
    CHECK(utf8_next("abc", 3, &pos) == 0 && pos == 3);
    /* Never reads beyond len even when the buffer continues. */
    const char buf[] = "\xE2\x82\xAC";
    pos = 0;
    CHECK(utf8_next(buf, 2, &pos) == R && pos == 2);
    pos = 0;
    CHECK(utf8_next(buf, 3, &pos) == 0x20AC && pos == 3);
    return test_finish();
}
