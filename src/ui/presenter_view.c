/* presenter_view: the presenter view drawn from TourPresenterText. See presenter_view.h. */
#include "ui/presenter_view.h"

#include <math.h>
#include <string.h>

#include "core/text_layout.h"
#include "ui/ui.h"

enum { MAX_LINES = 160 };
static const char *const KEYS_HINT = "Next: Space, Right, PageDown    Previous: Left, PageUp    First, last: Home, End    "
                                     "b: blank the map    Esc: leave the tour";

typedef struct TextStyle { int face; float size, line_height; } TextStyle;
static const TextStyle STYLE_TOUR = { FACE_BOLD, TEXT_PRESENTER_TOUR_CSS, 21 };
static const TextStyle STYLE_WHERE = { FACE_BOLD, TEXT_PRESENTER_WHERE_CSS, 27 };
static const TextStyle STYLE_CLOCK = { FACE_BOLD, TEXT_PRESENTER_CLOCK_CSS, 40 };
static const TextStyle STYLE_TITLE = { FACE_BOLD, TEXT_PRESENTER_TITLE_CSS, 34 };
static const TextStyle STYLE_HEADING = { FACE_BOLD, TEXT_PRESENTER_HEADING_CSS, 20 };
static const TextStyle STYLE_NOTES = { FACE_REGULAR, TEXT_PRESENTER_NOTES_CSS, 27 };
static const TextStyle STYLE_TEXT = { FACE_REGULAR, TEXT_PANEL_BODY_CSS, 22 };
static const TextStyle STYLE_NEXT = { FACE_BOLD, TEXT_PRESENTER_NEXT_CSS, 23 };
static const TextStyle STYLE_HINT = { FACE_REGULAR, TEXT_PRESENTER_HINT_CSS, 18 };
static const float MARGIN = 24;

static float wrap_advance(void *user, uint32_t cp)
{
    const UiFontSize *f = user;
    return font_advance(f->font, f->px, cp);
}
static float wrap_kern(void *user, uint32_t a, uint32_t b)
{
    const UiFontSize *f = user;
    return font_kern(f->font, f->px, a, b);
}

/* Lines of text wrapped to width css px (core/text_layout.c, with the face's metrics). */
static size_t wrap(Renderer *r, const TextStyle *s, const char *text, float width, TextLine *lines, size_t max)
{
    UiFontSize f = { r->faces[s->face], s->size * r->dpr };
    TextMetrics m = { wrap_advance, wrap_kern, &f };
    return text_wrap(text, strlen(text), width * r->dpr, &m, lines, max);
}

/* A column being filled from the top: x, width and the next line's top, css px. */
typedef struct Pen { Renderer *r; float x, w, y, bottom; bool full; } Pen;

/* Draws text wrapped to the pen's width from its y down, at most max_lines
 * lines; what does not fit above pen->bottom is left out (and the pen is
 * full). A line with more text after it that is not shown ends in an ellipsis. */
static void draw_block(Pen *p, const TextStyle *s, const char *text, Rgba color, size_t max_lines)
{
    if (p->full || !text[0]) return;
    TextLine lines[MAX_LINES + 1];
    if (max_lines > MAX_LINES) max_lines = MAX_LINES;
    size_t n = wrap(p->r, s, text, p->w, lines, max_lines + 1);
    bool more = n > max_lines;
    if (more) n = max_lines;
    for (size_t i = 0; i < n; i++) {
        if (p->y + s->line_height > p->bottom) { p->full = true; return; }
        if (i + 1 < n && p->y + 2 * s->line_height > p->bottom) { /* the last line that fits */
            more = true;
            n = i + 1;
            p->full = true;
        }
        float baseline = p->y + s->line_height * 0.72f;
        float w = render_text_n(p->r, s->face, s->size, p->x, baseline, text + lines[i].start,
                                lines[i].end - lines[i].start, color);
        if (more && i + 1 == n) render_text(p->r, s->face, s->size, p->x + w, baseline, "…", color);
        p->y += s->line_height;
    }
}

static void space(Pen *p, float gap) { p->y += gap; }

void presenter_view_draw(Renderer *r, const App *app, const TourPresenterText *t, float width, float height, float dpr)
{
    render_begin(r, app, dpr);
    const Theme *th = r->theme;
    render_fill_rect(r, 0, 0, width, height, th->panel_bg);
    float inner = fmaxf(width - 2 * MARGIN, 40);
    if (!t->playing) {
        Pen p = { r, MARGIN, inner, MARGIN, height - MARGIN, false };
        draw_block(&p, &STYLE_HEADING, "PRESENTER VIEW", th->panel_muted, 1);
        space(&p, 8);
        draw_block(&p, &STYLE_NOTES, t->message, th->panel_text, MAX_LINES);
        render_flush(r);
        return;
    }

    /* The header: the tour and the stop on the left, the clock on the right;
     * in a narrow window (or large text) the clock goes under the stop, so
     * neither is cut. A short one keeps the room for the notes: the tour's
     * title on one line, no list of keys. */
    TextLine lines[MAX_LINES];
    bool roomy = height >= 420 && wrap(r, &STYLE_HINT, KEYS_HINT, inner, lines, 3) <= 2;
    float clock_w = render_text_width(r, STYLE_CLOCK.face, STYLE_CLOCK.size, t->clock);
    float where_w = render_text_width(r, STYLE_WHERE.face, STYLE_WHERE.size, t->where);
    bool clock_beside = where_w + clock_w + 24 <= inner;
    Pen head = { r, MARGIN, clock_beside ? inner - clock_w - 24 : inner, MARGIN - 4, height, false };
    draw_block(&head, &STYLE_TOUR, t->tour_title, th->panel_muted, roomy ? 2 : 1);
    draw_block(&head, &STYLE_WHERE, t->where, th->panel_text, 1);
    float header_bottom;
    if (clock_beside) {
        render_text(r, STYLE_CLOCK.face, STYLE_CLOCK.size, width - MARGIN - clock_w, MARGIN + STYLE_CLOCK.size * 0.9f,
                    t->clock, th->panel_text);
        header_bottom = fmaxf(head.y, MARGIN + STYLE_CLOCK.line_height) + 10;
    } else {
        draw_block(&head, &STYLE_CLOCK, t->clock, th->panel_text, 1);
        header_bottom = head.y + 6;
    }
    render_fill_rect(r, MARGIN, header_bottom, inner, 1, th->panel_rule);

    /* The footer, from the bottom up: the keys, then the next stop. */
    size_t hint_lines = roomy ? wrap(r, &STYLE_HINT, KEYS_HINT, inner, lines, 3) : 0;
    size_t next_lines = wrap(r, &STYLE_NEXT, t->next, inner, lines, 2);
    float footer_top = height - MARGIN - (float)hint_lines * (STYLE_HINT.line_height + 2) -
                       (float)next_lines * STYLE_NEXT.line_height - 10;
    if (footer_top < header_bottom + 60) footer_top = header_bottom + 60; /* a tiny window: the body first */
    render_fill_rect(r, MARGIN, footer_top, inner, 1, th->panel_rule);
    Pen foot = { r, MARGIN, inner, footer_top + 10, height, false };
    draw_block(&foot, &STYLE_NEXT, t->next, th->link, 2);
    if (roomy) {
        space(&foot, 6);
        draw_block(&foot, &STYLE_HINT, KEYS_HINT, th->panel_muted, 3);
    }

    /* The body: the stop, the notes, the slide. */
    Pen p = { r, MARGIN, inner, header_bottom + 14, footer_top - 8, false };
    if (t->blank) {
        float h = STYLE_TEXT.line_height + 12;
        render_fill_rect(r, MARGIN, p.y, inner, h, th->link);
        Pen band = { r, MARGIN + 10, inner - 20, p.y + 6, p.y + h, false };
        draw_block(&band, &STYLE_TEXT, "The atlas window is blanked: b shows the map again.", th->panel_bg, 1);
        p.y += h + 12;
    }
    draw_block(&p, &STYLE_TITLE, t->title, th->panel_text, 2);
    space(&p, 12);
    draw_block(&p, &STYLE_HEADING, "NOTES FOR THE TEACHER", th->panel_muted, 1);
    space(&p, 2);
    draw_block(&p, &STYLE_NOTES, t->notes, th->panel_text, MAX_LINES);
    space(&p, 16);
    draw_block(&p, &STYLE_HEADING, "ON THE SLIDE", th->panel_muted, 1);
    space(&p, 2);
    draw_block(&p, &STYLE_TEXT, t->text, th->panel_muted, MAX_LINES);
    render_flush(r);
}
