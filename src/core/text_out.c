/* text_out: bounded and growing text writers. See text_out.h. */
#include "text_out.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void text_out_fixed(TextOut *o, char *buf, size_t size)
{
    *o = (TextOut){ buf, 0, size, false, false };
    if (size) buf[0] = 0;
}

void text_out_reset_growing(TextOut *o)
{
    if (!o->grows) *o = (TextOut){ NULL, 0, 0, true, false };
    o->len = 0;
    o->failed = false;
    if (o->data) o->data[0] = 0;
}

void text_out_free(TextOut *o)
{
    if (o->grows) free(o->data);
    *o = (TextOut){ 0 };
}

/* Makes room for n more bytes and the NUL; false if it cannot. */
static bool reserve(TextOut *o, size_t n)
{
    if (o->failed) return false;
    if (!o->grows) return true; /* fixed: write what fits, count the rest */
    size_t need = o->len + n + 1;
    if (need <= o->cap) return true;
    size_t cap = o->cap ? o->cap : 4096;
    while (cap < need) cap *= 2;
    char *grown = realloc(o->data, cap);
    if (!grown) {
        o->failed = true;
        return false;
    }
    o->data = grown;
    o->cap = cap;
    return true;
}

void text_out_raw_n(TextOut *o, const char *s, size_t n)
{
    if (!reserve(o, n)) return;
    if (o->grows) {
        memcpy(o->data + o->len, s, n);
        o->len += n;
        o->data[o->len] = 0;
        return;
    }
    if (o->cap > 0 && o->len < o->cap - 1) {
        size_t room = o->cap - 1 - o->len, copy = n < room ? n : room;
        memcpy(o->data + o->len, s, copy);
        o->data[o->len + copy] = 0;
    }
    o->len += n;
}

void text_out_raw(TextOut *o, const char *s) { text_out_raw_n(o, s, strlen(s)); }

void text_out_printf(TextOut *o, const char *format, ...)
{
    char small[256];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(small, sizeof small, format, args);
    va_end(args);
    if (n < 0) { o->failed = true; return; }
    if ((size_t)n < sizeof small) { text_out_raw_n(o, small, (size_t)n); return; }
    char *big = malloc((size_t)n + 1);
    if (!big) { o->failed = true; return; }
    va_start(args, format);
    vsnprintf(big, (size_t)n + 1, format, args);
    va_end(args);
    text_out_raw_n(o, big, (size_t)n);
    free(big);
}

void text_out_json_string(TextOut *o, const char *s)
{
    text_out_raw_n(o, "\"", 1);
    const char *run = s;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch != '"' && ch != '\\' && ch >= 0x20) continue;
        text_out_raw_n(o, run, (size_t)(s - run));
        char esc[8];
        if (ch == '"' || ch == '\\') snprintf(esc, sizeof esc, "\\%c", ch);
        else if (ch == '\n') snprintf(esc, sizeof esc, "\\n");
        else snprintf(esc, sizeof esc, "\\u%04x", ch);
        text_out_raw(o, esc);
        run = s + 1;
    }
    text_out_raw_n(o, run, (size_t)(s - run));
    text_out_raw_n(o, "\"", 1);
}

void text_out_json_string_or_null(TextOut *o, const char *s)
{
    if (!s || !*s) text_out_raw_n(o, "null", 4);
    else text_out_json_string(o, s);
}

void text_out_html_text(TextOut *o, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        const char *esc = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '"' ? "&quot;"
                        : *s == '\'' ? "&#39;" : NULL;
        if (!esc) continue;
        text_out_raw_n(o, run, (size_t)(s - run));
        text_out_raw(o, esc);
        run = s + 1;
    }
    text_out_raw_n(o, run, (size_t)(s - run));
}

void text_out_markdown_text(TextOut *o, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        if (!strchr("\\`*_[]<>#|!", *s)) continue;
        text_out_raw_n(o, run, (size_t)(s - run));
        text_out_raw_n(o, "\\", 1);
        run = s; /* the character itself follows its backslash */
    }
    text_out_raw_n(o, run, (size_t)(s - run));
}

void text_out_json_bool(TextOut *o, bool b) { text_out_raw(o, b ? "true" : "false"); }

const char *text_out_result(const TextOut *o, const char *fallback)
{
    return o->failed || !o->data ? fallback : o->data;
}

size_t text_out_stored(const TextOut *o)
{
    if (o->grows || !o->cap) return o->grows ? o->len : 0;
    return o->len < o->cap ? o->len : o->cap - 1;
}
