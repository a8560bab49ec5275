/* text_out: the one writer of text and JSON.
 *
 * Either into a fixed buffer (counting on past the end, like snprintf, and
 * always leaving a NUL-terminated prefix) or into one that grows (a large
 * bundle's lists run to megabytes; a cut-off list would be silently wrong).
 * Strings from the bundle or the user go through text_out_json_string, which
 * escapes them: a teacher's key with a quote in it must not break the JSON
 * (text_out_html_text and text_out_markdown_text do the same for handouts).
 * Depends on the C library only. */
#ifndef STEPPE_TEXT_OUT_H
#define STEPPE_TEXT_OUT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct TextOut {
    char *data;
    size_t len;                /* what was written, or would have been (fixed buffers) */
    size_t cap;
    bool grows;                /* the buffer is the writer's own (malloc) */
    bool failed;               /* out of memory or an encoding error: the text is incomplete */
} TextOut;

/* Writes into buf[size]. */
void text_out_fixed(TextOut *o, char *buf, size_t size);
/* Starts (or restarts, keeping the memory) a growing buffer. */
void text_out_reset_growing(TextOut *o);
void text_out_free(TextOut *o);

void text_out_raw(TextOut *o, const char *s);
void text_out_raw_n(TextOut *o, const char *s, size_t n);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void text_out_printf(TextOut *o, const char *format, ...);
/* A JSON string literal with every quote, backslash and control escaped. */
void text_out_json_string(TextOut *o, const char *s);
/* The same, or null for NULL or "". */
void text_out_json_string_or_null(TextOut *o, const char *s);
void text_out_json_bool(TextOut *o, bool b);
/* Text for HTML, in an element or a quoted attribute: & < > " ' escaped. */
void text_out_html_text(TextOut *o, const char *s);
/* Text for Markdown: each character Markdown could read as markup
 * (\ ` * _ [ ] < > # | !) backslash-escaped, so it shows as written. */
void text_out_markdown_text(TextOut *o, const char *s);

/* The text so far (NUL-terminated), or fallback if it is incomplete (a
 * growing buffer that ran out of memory). */
const char *text_out_result(const TextOut *o, const char *fallback);
/* Length of the text actually in the buffer. */
size_t text_out_stored(const TextOut *o);

#endif
