/* ui/cards: what lies over the map for a moment: the atlas's title beside
 * the search box, the first visit's hint, the '?' card of every key
 * (core/key_help.c), and the glyph buttons. See cards.h. */
#include "ui/cards.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/key_help.h"

/* Draws text over lines as wide as w from (x, y) down, breaking at spaces;
 * returns the baseline after the last line (at most max_lines; the last one
 * ends in "…" if the text goes on). */
float ui_draw_wrapped(Renderer *r, int face, float size, float x, float y, float w, float line_h, int max_lines,
                      const char *text, Rgba color)
{
    size_t len = strlen(text), at = 0;
    for (int line = 0; line < max_lines && at < len; line++) {
        size_t end = len;
        if (render_text_width_n(r, face, size, text + at, len - at) > w) {
            size_t fit = at;
            for (size_t i = at; i < len; i++)
                if (text[i] == ' ' && render_text_width_n(r, face, size, text + at, i - at) <= w) fit = i;
            end = fit > at ? fit : len;
        }
        if (line == max_lines - 1 && end < len) {
            char last[1024];
            size_t keep = end - at < sizeof last - 8 ? end - at : sizeof last - 8;
            while (keep > 0 && ((text[at + keep] & 0xC0) == 0x80 ||
                                render_text_width_n(r, face, size, text + at, keep) + render_text_width(r, face, size, " …") > w))
                keep--;
            snprintf(last, sizeof last, "%.*s …", (int)keep, text + at);
            render_text(r, face, size, x, y, last, color);
            return y + line_h;
        }
        render_text_n(r, face, size, x, y, text + at, end - at, color);
        y += line_h;
        at = end;
        while (at < len && text[at] == ' ') at++;
    }
    return y;
}

static Rgba with_alpha_ui(Rgba c, uint8_t a) { c.a = a; return c; }

/* A square button with a glyph for its icon ("?"). */
void cards_draw_button(Renderer *rr, RectCss r, bool hovered, const char *glyph)
{
    if (r.w <= 0) return;
    const Theme *t = rr->theme;
    render_fill_rect(rr, r.x, r.y, r.w, r.h, t->panel_rule);
    render_fill_rect(rr, r.x + 1, r.y + 1, r.w - 2, r.h - 2, hovered ? t->button_hover : t->panel_bg);
    float tw = render_text_width(rr, FACE_BOLD, TEXT_ICON_GLYPH_CSS, glyph);
    render_text(rr, FACE_BOLD, TEXT_ICON_GLYPH_CSS, r.x + (r.w - tw) / 2, r.y + r.h / 2 + 6.5f, glyph, t->panel_text);
}

/* The atlas's name beside the search box: in full where it fits, else short. */
void cards_draw_title(Renderer *rr, RectCss r)
{
    if (r.w <= 0) return;
    const Theme *t = rr->theme;
    static const char name[] = "Steppe Atlas", tail[] = " · Central Asia, 1991–2022";
    float nw = render_text_width(rr, FACE_BOLD, TEXT_MAP_TITLE_CSS, name);
    float tw = render_text_width(rr, FACE_REGULAR, TEXT_MAP_TITLE_CSS, tail);
    if (nw + 12 > r.w) return;
    bool full = nw + tw + 12 <= r.w;
    float y = r.y + r.h / 2 + 5.5f, w = nw + (full ? tw : 0);
    /* A backing the width of the text keeps it readable over any fill. */
    render_fill_rect(rr, r.x - 6, r.y + 5, w + 12, r.h - 10, with_alpha_ui(t->panel_bg, 220));
    float x = r.x + render_text(rr, FACE_BOLD, TEXT_MAP_TITLE_CSS, r.x, y, name, t->panel_text);
    if (full) render_text(rr, FACE_REGULAR, TEXT_MAP_TITLE_CSS, x, y, tail, t->panel_muted);
}

/* The first visit's hint under the search box (core/screen_layout.c places it). */
void cards_draw_hint(Renderer *rr, RectCss r, RectCss c, bool close_hovered)
{
    if (r.w <= 0) return;
    const Theme *t = rr->theme;
    render_fill_rect(rr, r.x + 1, r.y + 2, r.w, r.h, with_alpha_ui(t->panel_text, 40)); /* shadow */
    render_fill_rect(rr, r.x, r.y, r.w, r.h, t->link);
    render_fill_rect(rr, r.x + 1, r.y + 1, r.w - 2, r.h - 2, t->panel_bg);
    render_fill_rect(rr, r.x + 1, r.y + 1, 4, r.h - 2, t->link);
    float x = r.x + 14, w = r.w - 14 - 34;
    float y = ui_draw_wrapped(rr, FACE_BOLD, TEXT_HINT_CSS, x, r.y + 20, w, 19, 2,
                           "Click a country or a marker to read about it.", t->panel_text);
    ui_draw_wrapped(rr, FACE_REGULAR, TEXT_HINT_CSS, x, y, w, 19, 2, "Drag to move, wheel or pinch to zoom, ? for every key.",
                 t->panel_muted);
    if (close_hovered) render_fill_rect(rr, c.x, c.y, c.w, c.h, t->button_hover);
    float cw = render_text_width(rr, FACE_REGULAR, TEXT_ICON_GLYPH_CSS, "×");
    render_text(rr, FACE_REGULAR, TEXT_ICON_GLYPH_CSS, c.x + (c.w - cw) / 2, c.y + c.h / 2 + 6, "×", t->panel_text);
}

/* The '?' card: every row of core/key_help.c, in two columns where the map
 * is wide enough, an action wrapping to a second line where it must; what
 * does not fit (a large text scale) is said to be left out, not cut silently. */
RectCss cards_draw_help(Renderer *rr, const App *app, float window_h)
{
    const Theme *t = rr->theme;
    const RectCss m = app->screen.map;
    const float row_h = 21, head_h = 50, pad = 16;
    float w = fminf(m.w - 24, 920);
    int columns = w >= 640 ? 2 : 1;
    float col_w = (w - 2 * pad) / (float)columns, keys_w = 0;
    for (size_t i = 0; i < KEY_HELP_ROW_COUNT; i++)
        keys_w = fmaxf(keys_w, render_text_width(rr, FACE_BOLD, TEXT_HELP_CSS, KEY_HELP_ROWS[i].keys) + 14);
    keys_w = fminf(keys_w, col_w * 0.4f);
    float action_w = col_w - keys_w - 12;
    /* Each row's height (its group's name before it, one or two lines), then
     * the columns balanced by height. */
    float heights[64], total = 0;
    size_t n = KEY_HELP_ROW_COUNT < 64 ? KEY_HELP_ROW_COUNT : 64;
    for (size_t i = 0; i < n; i++) {
        bool new_group = i == 0 || KEY_HELP_ROWS[i].group != KEY_HELP_ROWS[i - 1].group;
        bool two = render_text_width(rr, FACE_REGULAR, TEXT_HELP_CSS, KEY_HELP_ROWS[i].action) > action_w ||
                   render_text_width(rr, FACE_BOLD, TEXT_HELP_CSS, KEY_HELP_ROWS[i].keys) > keys_w - 10;
        heights[i] = (new_group ? row_h + (i ? 6 : 0) : 0) + (two ? 2 : 1) * row_h;
        total += heights[i];
    }
    float per_column = total / (float)columns, tallest = 0, run = 0;
    for (size_t i = 0, column = 0; i < n; i++) {
        if (run > 0 && run + heights[i] > per_column + row_h && column + 1 < (size_t)columns) { column++; run = 0; }
        run += heights[i];
        tallest = fmaxf(tallest, run);
    }
    float h = fminf(head_h + tallest + pad, window_h - 24); /* over the timeline too, if it must */
    float x0 = m.x + (m.w - w) / 2, y0 = m.y + fmaxf(12, (m.h - h) / 2);
    render_fill_rect(rr, 0, 0, m.x + m.w, m.y + m.h, with_alpha_ui(t->panel_text, 60)); /* the map steps back */
    render_fill_rect(rr, x0, y0, w, h, t->panel_rule);
    render_fill_rect(rr, x0 + 1, y0 + 1, w - 2, h - 2, t->panel_bg);
    render_text(rr, FACE_BOLD, TEXT_HELP_TITLE_CSS, x0 + pad, y0 + 31, "Keys and gestures", t->panel_text);
    const char *close = "Esc, ? or a click closes";
    float cw = render_text_width(rr, FACE_REGULAR, TEXT_HELP_CSS, close);
    if (cw + 220 < w) render_text(rr, FACE_REGULAR, TEXT_HELP_CSS, x0 + w - pad - cw, y0 + 30, close, t->panel_muted);
    float top = y0 + head_h + 12, bottom = y0 + h - pad / 2, y = top;
    size_t column = 0;
    run = 0;
    for (size_t i = 0; i < n; i++) {
        const KeyHelpRow *row = &KEY_HELP_ROWS[i];
        if (run > 0 && run + heights[i] > per_column + row_h && column + 1 < (size_t)columns) { column++; run = 0; y = top; }
        run += heights[i];
        if (y + heights[i] - 12 > bottom - (columns == 1 ? row_h : 0)) {
            ui_draw_wrapped(rr, FACE_REGULAR, TEXT_HELP_CSS, x0 + pad, bottom - row_h - 2, w - 2 * pad, row_h, 2,
                         "… and more: make the text smaller (Ctrl and -) to see every key", t->panel_muted);
            break;
        }
        float x = x0 + pad + col_w * (float)column;
        if (i == 0 || row->group != KEY_HELP_ROWS[i - 1].group) {
            if (i && y > top) y += 6;
            render_text(rr, FACE_BOLD, TEXT_HELP_CSS, x, y, key_help_group_name(row->group), t->link);
            y += row_h;
        }
        float keys_end = ui_draw_wrapped(rr, FACE_BOLD, TEXT_HELP_CSS, x, y, keys_w - 10, row_h, 2, row->keys, t->panel_text);
        y = fmaxf(keys_end, ui_draw_wrapped(rr, FACE_REGULAR, TEXT_HELP_CSS, x + keys_w, y, action_w, row_h, 2, row->action,
                                         t->panel_text));
    }
    return (RectCss){ x0, y0, w, h };
}

