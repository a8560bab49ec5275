/* fuzz_text_layout_body: the body of the UTF-8 + text layout fuzz target,
 * shared by the libFuzzer entry (fuzz_text_layout.c) and the replay driver
 * (fuzz_replay.c). The input is arbitrary bytes, read as UTF-8 text.
 *
 * utf8_next, against a strict reference decoder (fuzz_common.h):
 *  - every call advances 1..4 bytes and never past the end; at the end it
 *    returns 0 and stays;
 *  - it never returns a surrogate or anything above U+10FFFF;
 *  - every well-formed sequence in the input is found, at a decode boundary,
 *    with its code point (no valid text is swallowed by a malformed neighbour);
 *    anything else it returns is U+FFFD, made of a lead byte and continuation
 *    bytes only (it resumes at the byte that broke the sequence).
 * text_wrap, with a fake font (advances of 0..4 units, zero for combining
 * marks, and optionally kerning of -0.375..0.375 with every pair advance
 * still positive), at widths 0 (nothing fits), 2.5, 6, 13, 40 and infinity:
 *  - lines are in order, disjoint, on code point boundaries, and their
 *    widths are text_width of their bytes;
 *  - every byte is accounted for: the bytes between lines are spaces, plus
 *    exactly one '\n' at a forced break; lines hold no '\n', do not end in a
 *    space, and after a soft break do not start with one;
 *  - no line is wider than the width unless it is a single code point;
 *  - greedy: at every soft break the line plus the next word (up to its
 *    first break opportunity) would not have fitted;
 *  - a line cut inside a word holds no break opportunity (space, hyphen,
 *    slash, en or em dash) it could have broken at instead;
 *  - at infinite width lines break only at '\n';
 *  - asking for fewer lines gives a prefix of the same lines. */
#ifndef STEPPE_FUZZ_TEXT_LAYOUT_BODY_H
#define STEPPE_FUZZ_TEXT_LAYOUT_BODY_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "text_layout.h"
#include "utf8.h"

#define FUZZ_TEXT_MAX 1024 /* longer inputs are cut: wrapping bugs need no more, and it keeps the target fast */

static float fuzz_tl_advance(void *user, uint32_t cp)
{
    int kerning = *(const int *)user;
    if (cp >= 0x300 && cp <= 0x36F && !kerning) return 0; /* combining marks */
    float a = (float)((cp * 2654435761u) >> 30);            /* 0..3 */
    if (cp == ' ') a = 1;
    return kerning ? a + 0.5f : a + (cp % 3 == 0 ? 0.0f : 1.0f);
}

static float fuzz_tl_kern(void *user, uint32_t left, uint32_t right)
{
    (void)user;
    return (float)((int)((left * 31u + right) % 7u) - 3) * 0.125f; /* -0.375..0.375 */
}

static inline bool fuzz_tl_break_after(uint32_t cp) { return cp == '-' || cp == '/' || cp == 0x2013 || cp == 0x2014; }

/* Checks utf8_next over the whole text; marks decode boundaries in boundary[0..len]. */
static inline void fuzz_utf8_check(const char *text, size_t len, unsigned char *boundary)
{
    const unsigned char *u = (const unsigned char *)text;
    memset(boundary, 0, len + 1);
    size_t pos = 0;
    while (pos < len) {
        size_t start = pos;
        boundary[start] = 1;
        uint32_t cp = utf8_next(text, len, &pos);
        FUZZ_CHECK(pos > start && pos - start <= 4 && pos <= len);
        FUZZ_CHECK(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
        uint32_t ref;
        size_t n;
        if (fuzz_utf8_well_formed(u, len, start, &ref, &n)) {
            FUZZ_CHECK(cp == ref && pos - start == n); /* valid text decodes as itself */
        } else {
            FUZZ_CHECK(cp == UTF8_REPLACEMENT);
            for (size_t k = start + 1; k < pos; k++) FUZZ_CHECK((u[k] & 0xC0) == 0x80);
        }
    }
    boundary[len] = 1;
    size_t end = len;
    FUZZ_CHECK(utf8_next(text, len, &end) == 0 && end == len);
    /* Every well-formed sequence starts at a boundary. */
    for (size_t p = 0; p < len; p++) {
        uint32_t ref;
        size_t n;
        if (fuzz_utf8_well_formed(u, len, p, &ref, &n)) FUZZ_CHECK(boundary[p]);
    }
}

/* The end of the first word at or after p: after the first break-after
 * character, or at the first space or '\n', or the end. */
static inline size_t fuzz_tl_word_end(const char *text, size_t len, size_t p)
{
    while (p < len) {
        size_t at = p;
        uint32_t cp = utf8_next(text, len, &p);
        if (cp == ' ' || cp == '\n') return at;
        if (fuzz_tl_break_after(cp)) return p;
    }
    return len;
}

static inline void fuzz_wrap_check(const char *text, size_t len, const unsigned char *boundary, float max_width,
                                   const TextMetrics *m, TextLine *lines, TextLine *few)
{
    size_t cap = len + 2;
    size_t count = text_wrap(text, len, max_width, m, lines, cap);
    FUZZ_CHECK(count < cap); /* each line but the last consumes at least one byte */
    size_t newlines = 0;
    for (size_t i = 0; i < len; i++) newlines += text[i] == '\n';
    if (count == 0) {
        for (size_t i = 0; i < len; i++) FUZZ_CHECK(text[i] == ' '); /* nothing but spaces */
        return;
    }
    FUZZ_CHECK(lines[0].start == 0);
    size_t forced = 0;
    for (size_t i = 0; i < count; i++) {
        const TextLine *l = &lines[i];
        FUZZ_CHECK(l->start <= l->end && l->end <= len);
        FUZZ_CHECK(boundary[l->start] && boundary[l->end]);
        FUZZ_CHECK(memchr(text + l->start, '\n', l->end - l->start) == NULL);
        FUZZ_CHECK(l->end == l->start || text[l->end - 1] != ' ');
        float w = text_width(text + l->start, l->end - l->start, m);
        FUZZ_CHECK(l->width == w);
        if (!(w <= max_width)) {
            size_t p = l->start;
            utf8_next(text, len, &p);
            FUZZ_CHECK(p == l->end); /* only a single code point may overflow */
        }
        /* The gap up to the next line (or the end). */
        size_t gap_end = i + 1 < count ? lines[i + 1].start : len;
        FUZZ_CHECK(gap_end >= l->end);
        size_t nl = 0;
        for (size_t k = l->end; k < gap_end; k++) {
            FUZZ_CHECK(text[k] == ' ' || text[k] == '\n');
            if (text[k] == '\n') {
                nl++;
                if (i + 1 < count) FUZZ_CHECK(k + 1 == gap_end); /* the next line starts right after it */
            }
        }
        if (i + 1 < count) FUZZ_CHECK(nl <= 1);
        forced += nl;
        if (i + 1 == count || nl) continue;
        /* A soft break. */
        const TextLine *next = &lines[i + 1];
        FUZZ_CHECK(isfinite(max_width)); /* at infinite width only '\n' breaks */
        FUZZ_CHECK(next->start < len && text[next->start] != ' ');
        /* Widths only grow, so measuring up to the next line's end first
         * (where the overflowing character almost always is) keeps this linear. */
        size_t near = fuzz_tl_word_end(text, next->end, next->start);
        if (!(text_width(text + l->start, near - l->start, m) > max_width)) {
            size_t word_end = fuzz_tl_word_end(text, len, next->start);
            FUZZ_CHECK(text_width(text + l->start, word_end - l->start, m) > max_width);
        }
        bool at_opportunity = gap_end > l->end; /* spaces dropped at the break */
        if (!at_opportunity && l->end > l->start) {
            size_t p = l->start, last = l->start;
            uint32_t cp = 0;
            while (p < l->end) { last = p; cp = utf8_next(text, len, &p); }
            (void)last;
            at_opportunity = fuzz_tl_break_after(cp);
        }
        if (!at_opportunity) { /* cut inside a word: there was nowhere better */
            size_t p = l->start;
            while (p < l->end) {
                uint32_t cp = utf8_next(text, len, &p);
                FUZZ_CHECK(cp != ' ' && !fuzz_tl_break_after(cp));
            }
        }
    }
    FUZZ_CHECK(forced == newlines); /* every '\n' is a forced break */
    /* Fewer lines asked for: the same lines, cut (one cut per width, wherever the text puts it). */
    size_t want = 1 + (size_t)(unsigned char)text[len / 2] % count;
    size_t got = text_wrap(text, len, max_width, m, few, want);
    FUZZ_CHECK(got == want);
    for (size_t i = 0; i < got; i++)
        FUZZ_CHECK(few[i].start == lines[i].start && few[i].end == lines[i].end && few[i].width == lines[i].width);
}

static inline void fuzz_text_layout_one(const uint8_t *data, size_t size)
{
    if (size > FUZZ_TEXT_MAX) size = FUZZ_TEXT_MAX;
    /* Exact-size copies, so ASan catches a read one past the end. */
    char *text = malloc(size ? size : 1);
    unsigned char *boundary = malloc(size + 1);
    TextLine *lines = malloc((size + 2) * sizeof *lines), *few = malloc((size + 2) * sizeof *few);
    if (!text || !boundary || !lines || !few) abort();
    if (size) memcpy(text, data, size);
    fuzz_utf8_check(text, size, boundary);
    static const float widths[] = { 0.0f, 2.5f, 6.0f, 13.0f, 40.0f, INFINITY };
    for (int kerning = 0; kerning < 2; kerning++) {
        TextMetrics m = { fuzz_tl_advance, kerning ? fuzz_tl_kern : NULL, &kerning };
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
            fuzz_wrap_check(text, size, boundary, widths[w], &m, lines, few);
    }
    FUZZ_CHECK(text_wrap(text, size, 10.0f, &(TextMetrics){ fuzz_tl_advance, NULL, &(int){ 0 } }, lines, 0) == 0);
    free(few);
    free(lines);
    free(boundary);
    free(text);
}

#endif
