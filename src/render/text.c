/* render/text: text drawn from the glyph atlas (pixel/font.c), its width,
 * halos, and names in the local language. See render.h. */
#include "render/render_internal.h"

#include <math.h>
#include <string.h>

#include "core/shape.h"
#include "core/utf8.h"

float render_text_width(Renderer *r, int face, float size_css, const char *utf8)
{
    return render_text_width_n(r, face, size_css, utf8, strlen(utf8));
}

/* Text as drawn: Arabic joined and right-to-left runs in visual order
 * (core/shape.h), in buf; the text itself if it needs no shaping or is too
 * long for buf. */
static const char *display_text(const char *utf8, size_t *len, char *buf, size_t cap)
{
    if (!shape_needed(utf8, *len)) return utf8;
    size_t n = shape_display(utf8, *len, buf, cap);
    if (n == SHAPE_TOO_SMALL) return utf8;
    *len = n;
    return buf;
}

float render_text_width_n(Renderer *r, int face, float size_css, const char *utf8, size_t len)
{
    char shaped[1024];
    utf8 = display_text(utf8, &len, shaped, sizeof shaped);
    const Font *font = r->faces[face];
    float px = size_css * r->dpr, width = 0;
    uint32_t prev = 0;
    size_t pos = 0;
    while (pos < len) {
        uint32_t cp = utf8_next(utf8, len, &pos);
        if (prev) width += font_kern(font, px, prev, cp);
        width += font_advance(font, px, cp);
        prev = cp;
    }
    return width / r->dpr;
}

static void add_glyph_quad(Renderer *r, float x, float y, const AtlasGlyph *g, SDL_Color col)
{
    if (!g->w || !g->h || !batch_reserve(&r->text, 4, 6)) return;
    SDL_Vertex *v = r->text.verts + r->text.vert_count;
    float x0 = x + g->off_x, y0 = y + g->off_y;
    /* SDL's software renderer turns a quad into a copy of whole pixels; at a
     * fractional position the rounded size can differ from the glyph's and
     * the copy becomes a (slow, blurry) scaled one. */
    if (r->software) { x0 = roundf(x0); y0 = roundf(y0); }
    float x1 = x0 + g->w, y1 = y0 + g->h;
    float s = 1.0f / FONT_ATLAS_SIZE;
    float u0 = g->x * s, v0 = g->y * s, u1 = (g->x + g->w) * s, v1 = (g->y + g->h) * s;
    v[0] = (SDL_Vertex){ { x0, y0 }, col, { u0, v0 } };
    v[1] = (SDL_Vertex){ { x1, y0 }, col, { u1, v0 } };
    v[2] = (SDL_Vertex){ { x1, y1 }, col, { u1, v1 } };
    v[3] = (SDL_Vertex){ { x0, y1 }, col, { u0, v1 } };
    int base = r->text.vert_count, *idx = r->text.indices + r->text.index_count;
    idx[0] = base; idx[1] = base + 1; idx[2] = base + 2;
    idx[3] = base; idx[4] = base + 2; idx[5] = base + 3;
    r->text.vert_count += 4;
    r->text.index_count += 6;
}

float render_text(Renderer *r, int face, float size_css, float x_css, float y_css, const char *utf8, Rgba color)
{
    return render_text_n(r, face, size_css, x_css, y_css, utf8, strlen(utf8), color);
}

static float draw_text(Renderer *r, int face, float size_css, float x_css, float y_css, const char *utf8, size_t len,
                       Rgba color);

float render_text_n(Renderer *r, int face, float size_css, float x_css, float y_css, const char *utf8, size_t len,
                    Rgba color)
{
    if (len && size_css < r->smallest_text_css) r->smallest_text_css = size_css;
    return draw_text(r, face, size_css, x_css, y_css, utf8, len, color);
}

float render_symbol_text(Renderer *r, int face, float size_css, float x_css, float y_css, const char *utf8, Rgba color)
{
    return draw_text(r, face, size_css, x_css, y_css, utf8, strlen(utf8), color);
}

static float draw_text(Renderer *r, int face, float size_css, float x_css, float y_css, const char *utf8, size_t len,
                       Rgba color)
{
    char shaped[1024];
    utf8 = display_text(utf8, &len, shaped, sizeof shaped);
    const Font *font = r->faces[face];
    float px = size_css * r->dpr;
    /* Snap the baseline to whole device pixels: glyphs are rasterised at
     * integer positions, and a fractional baseline would blur every label. */
    float x = floorf(x_css * r->dpr + 0.5f), y = floorf(y_css * r->dpr + 0.5f), start = x;
    SDL_Color col = to_sdl(color);
    uint32_t prev = 0;
    size_t pos = 0;
    while (pos < len) {
        uint32_t cp = utf8_next(utf8, len, &pos);
        if (prev) x += font_kern(font, px, prev, cp);
        /* Whole pixels plus a quarter-pixel phase baked into the glyph:
         * sharp, and evenly spaced (rounding each glyph to a whole pixel
         * made gaps inside words). */
        float whole = floorf(x);
        int phase = (int)((x - whole) * 4.0f + 0.5f);
        if (phase == 4) { whole += 1.0f; phase = 0; }
        AtlasGlyph g;
        if (font_atlas_glyph_at(&r->atlas, font, face, px, cp, phase, &g)) {
            add_glyph_quad(r, whole, y, &g, col);
            x += g.advance;
        }
        prev = cp;
    }
    return (x - start) / r->dpr;
}

/* Whether the face can draw every character of a string as drawn (Arabic in
 * presentation forms; the bundle compiler puts the glyphs the content needs
 * into the subset font). */
static bool can_draw(const Renderer *r, int face, const char *utf8)
{
    char shaped[1024];
    size_t len = strlen(utf8), pos = 0;
    utf8 = display_text(utf8, &len, shaped, sizeof shaped);
    while (pos < len)
        if (!font_has_glyph(r->faces[face], utf8_next(utf8, len, &pos))) return false;
    return true;
}

const char *render_display_name(const Renderer *r, const App *app, const char *english, const char *local)
{
    return app->display.local_names && local[0] && can_draw(r, FACE_REGULAR, local) ? local : english;
}

/* Text with a soft halo so it reads over any fill: the halo is the same text
 * drawn around the position in the halo colour first. */
void render_text_halo(Renderer *r, int face, float size_css, float x, float y, const char *utf8, Rgba color,
                      Rgba halo)
{
    /* Eight copies around the text: a halo even on every side, so a name
     * over a dark border still reads (labels are drawn into the cached base
     * map, not every frame). */
    static const float offsets[8][2] = { { -0.8f, -0.8f }, { 0.8f, -0.8f }, { -0.8f, 0.8f }, { 0.8f, 0.8f },
                                         { -1.0f, 0.0f },  { 1.0f, 0.0f },  { 0.0f, -1.0f }, { 0.0f, 1.0f } };
    float d = 1.0f / r->dpr * (r->dpr > 1.5f ? 1.5f : 1.0f);
    for (int i = 0; i < 8; i++)
        render_text(r, face, size_css, x + offsets[i][0] * d, y + offsets[i][1] * d, utf8, halo);
    render_text(r, face, size_css, x, y, utf8, color);
}
