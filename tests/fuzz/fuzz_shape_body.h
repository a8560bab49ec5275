/* fuzz_shape_body: the body of the Arabic shaping fuzz target, shared by the
 * libFuzzer entry (fuzz_shape.c) and the replay driver (fuzz_replay.c). The
 * input is arbitrary bytes, read as logical-order UTF-8.
 *
 * shape_display, into exact-size heap buffers (so ASan sees any write past
 * cap):
 *  - SHAPE_CAPACITY(len) is always enough, the result is NUL-terminated;
 *  - the result does not depend on cap: any cap above its length gives the
 *    same bytes, one at or below it gives SHAPE_TOO_SMALL and "";
 *  - when shape_needed is false the result is the input, byte for byte;
 *  - the input's U+FFFD replacements survive in number (malformed bytes are
 *    copied, not merged with their new neighbours into other characters);
 *  - the left-to-right characters (as the header's simplified bidi classes
 *    them) come out in the same order, none lost or added;
 *  - Arabic-script code points are kept in number (a lam-alef ligature
 *    counts as the two letters it replaces): shaping substitutes forms;
 *  - Hebrew letters (which have no joining forms) between two left-to-right
 *    characters come out in reverse order: the right-to-left run is reversed;
 *  - the direction and joiner controls (ZWNJ, ZWJ, LRM, RLM) are dropped;
 *  - joining is mutual: of two presentation forms side by side in the
 *    output (marks between them skipped), the right one (logically first)
 *    joins towards the left one exactly when the left one joins back (for
 *    input without ZWJ, LRM, RLM or presentation forms of its own, which may
 *    ask for a one-sided form).
 * shape_form: every form it returns is a presentation form (U+FB50..U+FDFF,
 * U+FE70..U+FEFF). */
#ifndef STEPPE_FUZZ_SHAPE_BODY_H
#define STEPPE_FUZZ_SHAPE_BODY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "shape.h"
#include "utf8.h"

#define FUZZ_SHAPE_MAX 4096

/* The header's direction classes, written again: 0 left-to-right, 1 right-to-left,
 * 2 digit, 3 mark, 4 neutral. */
static inline int fuzz_shape_dir(uint32_t cp)
{
    if ((cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9)) return 2;
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0591 && cp <= 0x05BD) || cp == 0x05BF ||
        (cp >= 0x05C1 && cp <= 0x05C2) || (cp >= 0x05C4 && cp <= 0x05C5) || cp == 0x05C7 ||
        (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
        (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E4) || (cp >= 0x06E7 && cp <= 0x06E8) ||
        (cp >= 0x06EA && cp <= 0x06ED))
        return 3;
    if ((cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE)) return 1;
    if ((cp >= 0x20 && cp < 0x7F && !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')) || cp == 0xA0 || cp == 0xAB ||
        cp == 0xBB || (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x203A))
        return 4;
    return 0;
}

static inline bool fuzz_shape_control(uint32_t cp) { return cp >= 0x200C && cp <= 0x200F; }
static inline bool fuzz_shape_hebrew(uint32_t cp) { return cp >= 0x05D0 && cp <= 0x05EA; }

/* Arabic-script code points, weighted: a lam-alef ligature stands for two. */
static inline size_t fuzz_shape_arabic_weight(uint32_t cp)
{
    if (cp >= 0xFEF5 && cp <= 0xFEFC) return 2;
    return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) || (cp >= 0x08A0 && cp <= 0x08FF) ||
           (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
}

typedef struct FuzzShapeStats {
    size_t replacements, arabic, controls;
    size_t ltr_count, hebrew_count;
    uint32_t *ltr;    /* the left-to-right code points in order */
    uint32_t *hebrew; /* Hebrew letters, in the expected display order for the input */
} FuzzShapeStats;

/* Decodes s; for the input (reverse_runs) lists Hebrew letters with each
 * stretch between left-to-right characters (or LRM) reversed. */
static inline void fuzz_shape_stats(const char *s, size_t len, bool reverse_runs, FuzzShapeStats *st)
{
    size_t pos = 0, seg = 0;
    st->replacements = st->arabic = st->controls = st->ltr_count = st->hebrew_count = 0;
    while (pos < len) {
        uint32_t cp = utf8_next(s, len, &pos);
        st->replacements += cp == UTF8_REPLACEMENT;
        st->arabic += fuzz_shape_arabic_weight(cp);
        if (fuzz_shape_control(cp)) {
            st->controls++;
            if (cp == 0x200E) seg = st->hebrew_count; /* LRM ends a run */
            continue;
        }
        if (fuzz_shape_dir(cp) == 0) {
            st->ltr[st->ltr_count++] = cp;
            seg = st->hebrew_count;
        } else if (fuzz_shape_hebrew(cp)) {
            if (reverse_runs) {
                memmove(st->hebrew + seg + 1, st->hebrew + seg, (st->hebrew_count - seg) * sizeof *st->hebrew);
                st->hebrew[seg] = cp;
            } else {
                st->hebrew[st->hebrew_count] = cp;
            }
            st->hebrew_count++;
        }
    }
}

/* What a presentation form is: 0 none, 1 isolated, 2 final, 3 initial, 4 medial. */
static inline int fuzz_shape_form_type(uint32_t cp)
{
    static unsigned char types[0xFF00 - 0xFB50];
    static bool ready;
    if (!ready) {
        for (uint32_t letter = 0x0600; letter <= 0x06FF; letter++)
            for (int form = 0; form < 4; form++) {
                uint32_t f = shape_form(letter, form);
                if (f >= 0xFB50 && f < 0xFF00) types[f - 0xFB50] = (unsigned char)(form + 1);
            }
        for (uint32_t f = 0xFEF5; f <= 0xFEFC; f++) types[f - 0xFB50] = (f & 1) ? 1 : 2; /* lam-alef */
        ready = true;
    }
    return cp >= 0xFB50 && cp < 0xFF00 ? types[cp - 0xFB50] : 0;
}

/* Checks that joining is mutual in shaped output (see the header comment). */
static inline void fuzz_shape_check_joining(const char *out, size_t n)
{
    size_t pos = 0;
    int left = 0; /* form type of the previous code point that is not a mark, 0 if not a form */
    while (pos < n) {
        uint32_t cp = utf8_next(out, n, &pos);
        if (fuzz_shape_dir(cp) == 3) continue; /* marks are transparent */
        int right = fuzz_shape_form_type(cp);
        if (left && right) {
            bool right_joins_next = right == 3 || right == 4, left_joins_prev = left == 2 || left == 4;
            FUZZ_CHECK(right_joins_next == left_joins_prev);
        }
        left = right;
    }
}

static inline void fuzz_shape_one(const uint8_t *data, size_t size)
{
    if (size > FUZZ_SHAPE_MAX) size = FUZZ_SHAPE_MAX;
    char *text = malloc(size ? size : 1);
    if (!text) abort();
    if (size) memcpy(text, data, size);
    size_t cap = SHAPE_CAPACITY(size);
    char *out = malloc(cap);
    if (!out) abort();
    size_t n = shape_display(text, size, out, cap);
    FUZZ_CHECK(n != SHAPE_TOO_SMALL); /* SHAPE_CAPACITY is enough */
    FUZZ_CHECK(n < cap && out[n] == 0);
    if (!shape_needed(text, size)) FUZZ_CHECK(n == size && memcmp(out, text, size) == 0);

    /* The same result for any cap that fits; SHAPE_TOO_SMALL and "" for any that does not. */
    size_t caps[3] = { n + 1, n, n / 2 };
    for (int k = 0; k < 3; k++) {
        size_t c = caps[k];
        char *o = malloc(c ? c : 1);
        if (!o) abort();
        if (c) o[0] = 'x';
        size_t m = shape_display(text, size, o, c);
        if (c > n) FUZZ_CHECK(m == n && memcmp(o, out, n + 1) == 0);
        else FUZZ_CHECK(m == SHAPE_TOO_SMALL && (c == 0 || o[0] == 0));
        free(o);
    }

    FuzzShapeStats in, sh;
    in.ltr = malloc((size + 1) * sizeof *in.ltr);
    in.hebrew = malloc((size + 1) * sizeof *in.hebrew);
    sh.ltr = malloc((n + 1) * sizeof *sh.ltr);
    sh.hebrew = malloc((n + 1) * sizeof *sh.hebrew);
    if (!in.ltr || !in.hebrew || !sh.ltr || !sh.hebrew) abort();
    fuzz_shape_stats(text, size, true, &in);
    fuzz_shape_stats(out, n, false, &sh);
    FUZZ_CHECK(sh.controls == 0);
    FUZZ_CHECK(sh.replacements == in.replacements);
    FUZZ_CHECK(sh.arabic == in.arabic);
    FUZZ_CHECK(sh.ltr_count == in.ltr_count &&
               (in.ltr_count == 0 || memcmp(sh.ltr, in.ltr, in.ltr_count * sizeof *in.ltr) == 0));
    FUZZ_CHECK(sh.hebrew_count == in.hebrew_count &&
               (in.hebrew_count == 0 || memcmp(sh.hebrew, in.hebrew, in.hebrew_count * sizeof *in.hebrew) == 0));

    /* shape_form of whatever code points the input holds. */
    bool one_sided = false; /* ZWJ, LRM, RLM or presentation forms in the input */
    size_t pos = 0;
    while (pos < size) {
        uint32_t cp = utf8_next(text, size, &pos);
        one_sided |= cp == 0x200D || cp == 0x200E || cp == 0x200F || (cp >= 0xFB50 && cp <= 0xFEFF);
        for (int form = -1; form <= 4; form++) {
            uint32_t f = shape_form(cp, form);
            FUZZ_CHECK(f == 0 || (form >= 0 && form <= 3 && ((f >= 0xFB50 && f <= 0xFDFF) || (f >= 0xFE70 && f <= 0xFEFF))));
        }
    }
    if (!one_sided) fuzz_shape_check_joining(out, n);
    free(sh.hebrew);
    free(sh.ltr);
    free(in.hebrew);
    free(in.ltr);
    free(out);
    free(text);
}

#endif
