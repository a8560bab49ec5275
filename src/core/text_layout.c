/* text_layout: greedy word wrap. See text_layout.h. */
#include "text_layout.h"

#include "utf8.h"

static float pair_advance(const TextMetrics *m, uint32_t prev, uint32_t cp)
{
    return m->advance(m->user, cp) + (prev && m->kern ? m->kern(m->user, prev, cp) : 0.0f);
}

float text_width(const char *text, size_t len, const TextMetrics *m)
{
    float w = 0;
    uint32_t prev = 0;
    size_t pos = 0;
    while (pos < len) {
        uint32_t cp = utf8_next(text, len, &pos);
        w += pair_advance(m, prev, cp);
        prev = cp;
    }
    return w;
}

static int is_break_after(uint32_t cp) { return cp == '-' || cp == '/' || cp == 0x2013 || cp == 0x2014; }

/* Width of [start, end) without trailing spaces, and that end. */
static size_t trim_end(const char *text, size_t start, size_t end)
{
    while (end > start && text[end - 1] == ' ') end--;
    return end;
}

size_t text_wrap(const char *text, size_t len, float max_width, const TextMetrics *m, TextLine *out, size_t max_lines)
{
    size_t count = 0, line_start = 0, pos = 0, last_break = 0;
    float width = 0;
    uint32_t prev = 0;
    if (!len || !max_lines) return 0;
    while (pos < len && count < max_lines) {
        size_t cp_start = pos;
        uint32_t cp = utf8_next(text, len, &pos);
        if (cp == '\n') { /* a forced break */
            size_t end = trim_end(text, line_start, cp_start);
            out[count++] = (TextLine){ (uint32_t)line_start, (uint32_t)end, text_width(text + line_start, end - line_start, m) };
            line_start = last_break = pos;
            width = 0;
            prev = 0;
            continue;
        }
        float adv = pair_advance(m, prev, cp);
        if (width + adv > max_width && cp != ' ' && cp_start > line_start) {
            /* Break at the last opportunity on this line, else right here. */
            size_t cut = last_break > line_start ? last_break : cp_start;
            size_t end = trim_end(text, line_start, cut);
            out[count++] = (TextLine){ (uint32_t)line_start, (uint32_t)end, text_width(text + line_start, end - line_start, m) };
            line_start = cut;
            while (line_start < len && text[line_start] == ' ') line_start++;
            last_break = line_start;
            /* Re-measure what moved to the new line, up to and including cp. */
            pos = line_start;
            width = 0;
            prev = 0;
            continue;
        }
        width += adv;
        prev = cp;
        if (cp == ' ' || is_break_after(cp)) last_break = pos;
    }
    if (line_start < len && count < max_lines) {
        size_t end = trim_end(text, line_start, len);
        if (end > line_start) out[count++] = (TextLine){ (uint32_t)line_start, (uint32_t)end, text_width(text + line_start, end - line_start, m) };
    }
    return count;
}
