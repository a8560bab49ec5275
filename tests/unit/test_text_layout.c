/* test_text_layout: wrapping with a fake monospace font (10 units a character,
 * "AV" kerned by -4), so every break can be checked exactly. */
#include <string.h>

#include "test_support.h"
#include "text_layout.h"

static float mono_advance(void *user, uint32_t cp) { (void)user; (void)cp; return 10.0f; }
static float mono_kern(void *user, uint32_t a, uint32_t b) { (void)user; return a == 'A' && b == 'V' ? -4.0f : 0.0f; }
static const TextMetrics MONO = { mono_advance, mono_kern, NULL };

static TextLine lines[64];

static size_t wrap(const char *s, float width) { return text_wrap(s, strlen(s), width, &MONO, lines, 64); }

static void check_lines(const char *s, float width, const char *const *expect, size_t n, int line)
{
    size_t got = wrap(s, width);
    int ok = got == n;
    for (size_t i = 0; ok && i < n; i++) {
        size_t len = lines[i].end - lines[i].start;
        ok = len == strlen(expect[i]) && memcmp(s + lines[i].start, expect[i], len) == 0;
    }
    if (ok) test_passed++;
    else {
        test_failed++;
        printf("test_text_layout.c:%d: \"%s\" at %.0f wrapped into %zu lines:", line, s, width, got);
        for (size_t i = 0; i < got; i++) printf(" [%.*s]", (int)(lines[i].end - lines[i].start), s + lines[i].start);
        printf("\n");
    }
}
#define LINES(s, w, ...) do { const char *const e_[] = { __VA_ARGS__ }; check_lines(s, w, e_, sizeof e_ / sizeof e_[0], __LINE__); } while (0)

int main(void)
{
    LINES("the quick brown fox", 100, "the quick", "brown fox");
    LINES("the quick brown fox", 190, "the quick brown fox");
    LINES("the quick brown fox", 150, "the quick brown", "fox");
    LINES("well-known words", 60, "well-", "known", "words");
    LINES("Nur-Sultan", 60, "Nur-", "Sultan");
    LINES("Nur-Sultan", 50, "Nur-", "Sulta", "n"); /* a part longer than the line breaks where it must */
    LINES("and/or", 40, "and/", "or");
    LINES("abcdefghij", 40, "abcd", "efgh", "ij");          /* a word longer than the line */
    LINES("one\ntwo three", 200, "one", "two three");      /* forced break */
    LINES("trailing   spaces   ", 90, "trailing", "spaces");
    LINES("x", 1, "x");                                     /* narrower than a glyph: still progresses */
    LINES("ab", 1, "a", "b");
    /* Kerning counts: "AVAVAV" is 6*10 - 3*4 = 48 wide and fits in 50. */
    CHECK_EQ_U(wrap("AVAVAV", 50), 1);
    CHECK_NEAR(lines[0].width, 48.0, 1e-6);
    CHECK_NEAR(text_width("AV", 2, &MONO), 16.0, 1e-6);
    /* Widths exclude the spaces at a break. */
    CHECK_EQ_U(wrap("ab cd", 30), 2);
    CHECK_NEAR(lines[0].width, 20.0, 1e-6);
    /* UTF-8: a Cyrillic word counts characters, not bytes. */
    CHECK_EQ_U(wrap("Қазақстан", 90), 1);
    CHECK_NEAR(lines[0].width, 90.0, 1e-6);
    /* Bad bytes never stall the loop; empty text has no lines. */
    CHECK(wrap("\xff\xfe\xfd \x80", 10) >= 1);
    CHECK_EQ_U(wrap("", 100), 0);
    /* A full output array stops cleanly. */
    CHECK_EQ_U(text_wrap("a b c d e f", 11, 10, &MONO, lines, 3), 3);
    return test_finish();
}
