/* text_layout: word wrapping of UTF-8 text with any font's metrics.
 *
 * The metrics come in as callbacks (advance of a character, kerning of a
 * pair), so the same code wraps with stb_truetype in the app and with a fake
 * monospace font in the tests. Lines break after spaces (which are dropped at
 * the break), after hyphens, slashes and dashes, and at '\n'; a word longer
 * than a line is broken where it must be. Widths are in the metrics' units.
 * Depends on the C library and utf8.h. */
#ifndef STEPPE_TEXT_LAYOUT_H
#define STEPPE_TEXT_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

typedef struct TextMetrics {
    float (*advance)(void *user, uint32_t codepoint);
    float (*kern)(void *user, uint32_t left, uint32_t right); /* may be NULL */
    void *user;
} TextMetrics;

typedef struct TextLine {
    uint32_t start, end; /* byte range of the line (trailing spaces excluded) */
    float width;
} TextLine;

/* Wraps text[0..len) to max_width. Writes at most max_lines lines and returns
 * how many it wrote (0 for empty text). Always makes progress: a width too
 * small for one character gives one character per line. */
size_t text_wrap(const char *text, size_t len, float max_width, const TextMetrics *metrics, TextLine *out,
                 size_t max_lines);

/* The width of text[0..len) on one line, with kerning. */
float text_width(const char *text, size_t len, const TextMetrics *metrics);

#endif
