/* render/batch: the vertex and line batches and the shapes drawn through
 * them (rectangles, circles, convex polygons, polylines, icons, ring
 * sectors), and the clip. See render_internal.h. */
#include "render/render_internal.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* --- batches ----------------------------------------------------------------- */

bool batch_reserve(VertexBatch *b, int verts, int indices)
{
    if (b->vert_count + verts > b->vert_cap) {
        int cap = b->vert_cap ? b->vert_cap : 4096;
        while (cap < b->vert_count + verts) cap *= 2;
        SDL_Vertex *grown = realloc(b->verts, (size_t)cap * sizeof *grown);
        if (!grown) return false;
        b->verts = grown;
        b->vert_cap = cap;
    }
    if (b->index_count + indices > b->index_cap) {
        int cap = b->index_cap ? b->index_cap : 8192;
        while (cap < b->index_count + indices) cap *= 2;
        int *grown = realloc(b->indices, (size_t)cap * sizeof *grown);
        if (!grown) return false;
        b->indices = grown;
        b->index_cap = cap;
    }
    return true;
}

/* RasterVertex mirrors SDL_Vertex, so a batch rasterises as it is. */
_Static_assert(sizeof(RasterVertex) == sizeof(SDL_Vertex) && offsetof(RasterVertex, r) == offsetof(SDL_Vertex, color) &&
               offsetof(RasterVertex, u) == offsetof(SDL_Vertex, tex_coord), "RasterVertex must match SDL_Vertex");

/* Draws a batch and empties it; textured batches sample the glyph atlas. */
void batch_flush(Renderer *r, VertexBatch *b, bool textured)
{
    if (b->index_count > 0) {
        if (direct_drawing(r)) {
            RasterCoverage atlas = { r->atlas.pixels, FONT_ATLAS_SIZE };
            raster_triangles(r->target, r->clip, (const RasterVertex *)b->verts, b->vert_count, b->indices,
                             b->index_count, textured ? &atlas : NULL);
        } else {
            SDL_RenderGeometry(r->sdl, textured ? r->atlas_texture : NULL, b->verts, b->vert_count, b->indices,
                               b->index_count);
        }
    }
    b->vert_count = b->index_count = 0;
}

/* Fills device px [x0, x1) x [y0, y1) with an opaque colour, no blending. */
void batch_fill_opaque(Renderer *r, float x0, float y0, float x1, float y1, Rgba color)
{
    if (direct_drawing(r)) {
        raster_fill_rect(r->target, r->clip, x0, y0, x1, y1, raster_rgba(color.r, color.g, color.b, 255));
        return;
    }
    SDL_FRect rect = { x0, y0, x1 - x0, y1 - y0 };
    SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r->sdl, color.r, color.g, color.b, 255);
    SDL_RenderFillRectF(r->sdl, &rect);
    SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_BLEND);
}

void batch_free(VertexBatch *b)
{
    free(b->verts);
    free(b->indices);
    memset(b, 0, sizeof *b);
}

void line_batch_free(LineBatch *b)
{
    free(b->xy);
    free(b->runs);
    memset(b, 0, sizeof *b);
}

/* Queues a polyline for raster_polyline; false if memory runs out. */
static bool line_batch_add(LineBatch *b, const SDL_FPoint *p, int n, bool closed, float width_px, Rgba color,
                           float casing_px, Rgba casing)
{
    if (b->point_count + n > b->point_cap) {
        int cap = b->point_cap ? b->point_cap : 4096;
        while (cap < b->point_count + n) cap *= 2;
        float *grown = realloc(b->xy, (size_t)cap * 2 * sizeof *grown);
        if (!grown) return false;
        b->xy = grown;
        b->point_cap = cap;
    }
    if (b->run_count == b->run_cap) {
        int cap = b->run_cap ? b->run_cap * 2 : 256;
        struct LineRun *grown = realloc(b->runs, (size_t)cap * sizeof *grown);
        if (!grown) return false;
        b->runs = grown;
        b->run_cap = cap;
    }
    for (int i = 0; i < n; i++) {
        b->xy[2 * (b->point_count + i)] = p[i].x;
        b->xy[2 * (b->point_count + i) + 1] = p[i].y;
    }
    /* Nearly straight runs of the one-point-per-pixel ring cost a pass each
     * and change nothing a third of a pixel away. */
    n = raster_simplify(b->xy + 2 * b->point_count, n, 0.3f);
    b->runs[b->run_count++] = (struct LineRun){ b->point_count, n, closed, width_px,
                                                raster_rgba(color.r, color.g, color.b, color.a), casing_px,
                                                raster_rgba(casing.r, casing.g, casing.b, casing.a) };
    b->point_count += n;
    return true;
}

/* Adds a polyline (device px) as an anti-aliased strip: a solid core of
 * width_px - 1 and a 1px feather on each side whose alpha falls to zero.
 * Lines of 1px or less have no core: three vertices across (clear, solid,
 * clear) and a faded alpha, which halves their triangles — borders are most
 * of what the map draws, and software WebGL pays for every triangle. */
static void add_stroke(VertexBatch *batch, const SDL_FPoint *p, int n, bool closed, float width_px, Rgba color)
{
    if (n < 2) return;
    bool thin = width_px <= 1.0f;
    int across = thin ? 3 : 4;
    float core = thin ? 0.0f : (width_px - 1.0f) * 0.5f;
    float outer = core + 1.0f;
    float alpha_scale = thin ? width_px : 1.0f;
    int segments = closed ? n : n - 1;
    int quads = across - 1;
    if (!batch_reserve(batch, n * across, segments * quads * 6)) return;
    SDL_Vertex *v = batch->verts + batch->vert_count;
    SDL_Color solid = to_sdl(color), clear = solid;
    solid.a = (uint8_t)(color.a * alpha_scale);
    clear.a = 0;
    SDL_FPoint uv = solid_uv();
    const float offsets4[4] = { outer, core, -core, -outer }, offsets3[3] = { outer, 0.0f, -outer };
    const float *offsets = thin ? offsets3 : offsets4;
    for (int i = 0; i < n; i++) {
        int ip = i > 0 ? i - 1 : (closed ? n - 1 : 0);
        int in = i < n - 1 ? i + 1 : (closed ? 0 : n - 1);
        float ax = p[i].x - p[ip].x, ay = p[i].y - p[ip].y;
        float bx = p[in].x - p[i].x, by = p[in].y - p[i].y;
        float la = sqrtf(ax * ax + ay * ay), lb = sqrtf(bx * bx + by * by);
        if (la > 0) { ax /= la; ay /= la; } else { ax = bx / (lb > 0 ? lb : 1); ay = by / (lb > 0 ? lb : 1); }
        if (lb > 0) { bx /= lb; by /= lb; } else { bx = ax; by = ay; }
        /* Miter: the average of the two segment normals, lengthened so the
         * strip keeps its width at the corner, capped so spikes stay short. */
        float nx = -(ay + by), ny = ax + bx;
        float ln = sqrtf(nx * nx + ny * ny);
        if (ln < 1e-4f) { nx = -ay; ny = ax; ln = 1; }
        nx /= ln; ny /= ln;
        float cosine = nx * -ay + ny * ax;
        float miter = cosine > 0.5f ? 1.0f / cosine : 2.0f;
        nx *= miter; ny *= miter;
        for (int k = 0; k < across; k++) {
            SDL_Vertex *out = &v[i * across + k];
            out->position.x = p[i].x + nx * offsets[k];
            out->position.y = p[i].y + ny * offsets[k];
            out->color = (k == 0 || k == across - 1) ? clear : solid;
            out->tex_coord = uv;
        }
    }
    int base = batch->vert_count;
    int *idx = batch->indices + batch->index_count;
    for (int s = 0; s < segments; s++) {
        int a = base + s * across, b = base + ((s + 1) % n) * across;
        for (int k = 0; k < quads; k++) {
            int a0 = a + k, a1 = a + k + 1, b0 = b + k, b1 = b + k + 1;
            *idx++ = a0; *idx++ = a1; *idx++ = b0;
            *idx++ = a1; *idx++ = b1; *idx++ = b0;
        }
    }
    batch->vert_count += n * across;
    batch->index_count += segments * quads * 6;
}

/* A border run: a distance-shaded polyline when drawing directly, else an
 * anti-aliased strip of triangles in the stroke batch. */
void batch_stroke_run(Renderer *r, const SDL_FPoint *p, int n, bool closed, float width_px, Rgba color, float casing_px,
                      Rgba casing)
{
    if (direct_drawing(r)) {
        line_batch_add(&r->lines, p, n, closed, width_px, color, casing_px, casing);
        return;
    }
    if (casing_px > 0) add_stroke(&r->stroke, p, n, closed, casing_px, casing);
    add_stroke(&r->stroke, p, n, closed, width_px, color);
}

/* Draws and empties the stroke batch (and its polylines). */
void batch_flush_strokes(Renderer *r)
{
    batch_flush(r, &r->stroke, false);
    LineBatch *b = &r->lines;
    for (int i = 0; i < b->run_count && direct_drawing(r); i++) {
        const struct LineRun *run = &b->runs[i];
        raster_polyline_cased(r->target, r->clip, b->xy + 2 * run->first, run->count, run->closed, run->width_px,
                              run->color, run->casing_px, run->casing_color);
    }
    b->point_count = b->run_count = 0;
}

/* --- shapes, batched with the text (drawn in call order) ----------------------- */

/* A fan of n corners with a feathered rim, batched as text: the centre at
 * (cx, cy) device px, corners 1..n solid and n+1..2n (their rim) clear, their
 * positions left to the caller to set in the vertices returned; NULL if
 * memory runs out. */
static SDL_Vertex *feathered_fan(Renderer *r, int n, float cx, float cy, Rgba color)
{
    if (!batch_reserve(&r->text, 1 + 2 * n, n * 9)) return NULL;
    SDL_Vertex *v = r->text.verts + r->text.vert_count;
    SDL_Color solid = to_sdl(color), clear = solid;
    clear.a = 0;
    SDL_FPoint uv = solid_uv();
    v[0] = (SDL_Vertex){ { cx, cy }, solid, uv };
    for (int i = 0; i < n; i++) {
        v[1 + i] = (SDL_Vertex){ { cx, cy }, solid, uv };
        v[1 + n + i] = (SDL_Vertex){ { cx, cy }, clear, uv };
    }
    int base = r->text.vert_count, *idx = r->text.indices + r->text.index_count;
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        *idx++ = base; *idx++ = base + 1 + i; *idx++ = base + 1 + j;
        *idx++ = base + 1 + i; *idx++ = base + 1 + n + i; *idx++ = base + 1 + j;
        *idx++ = base + 1 + j; *idx++ = base + 1 + n + i; *idx++ = base + 1 + n + j;
    }
    r->text.vert_count += 1 + 2 * n;
    r->text.index_count += n * 9;
    return v;
}

/* A filled circle as a triangle fan with a feathered rim (css px). */
void render_fill_circle(Renderer *r, float cx, float cy, float radius, Rgba color)
{
    if (direct_drawing(r)) { /* the same rim, without sixty triangles */
        render_flush(r); /* what was batched lies under it */
        raster_fill_circle(r->target, r->clip, cx * r->dpr, cy * r->dpr, radius * r->dpr,
                           raster_rgba(color.r, color.g, color.b, color.a));
        return;
    }
    enum { SEGMENTS = 20 };
    float d = r->dpr, rin = radius * d - 0.5f, rout = radius * d + 0.5f;
    SDL_Vertex *v = feathered_fan(r, SEGMENTS, cx * d, cy * d, color);
    if (!v) return;
    for (int i = 0; i < SEGMENTS; i++) {
        float a = (float)i * 6.2831853f / SEGMENTS, ca = cosf(a), sa = sinf(a);
        v[1 + i].position = (SDL_FPoint){ cx * d + ca * rin, cy * d + sa * rin };
        v[1 + SEGMENTS + i].position = (SDL_FPoint){ cx * d + ca * rout, cy * d + sa * rout };
    }
}

void render_fill_rect(Renderer *r, float x, float y, float w, float h, Rgba color)
{
    if (r->software && color.a == 255) {
        /* The software renderer blends a batched rectangle pixel by pixel
         * even when it is opaque; a direct fill without blending is a plain
         * store. What was batched before it is drawn first, keeping the order. */
        render_flush(r);
        float d = r->dpr;
        batch_fill_opaque(r, x * d, y * d, (x + w) * d, (y + h) * d, color);
        return;
    }
    if (!batch_reserve(&r->text, 4, 6)) return;
    SDL_Vertex *v = r->text.verts + r->text.vert_count;
    SDL_Color c = to_sdl(color);
    SDL_FPoint uv = solid_uv();
    float d = r->dpr;
    v[0] = (SDL_Vertex){ { x * d, y * d }, c, uv };
    v[1] = (SDL_Vertex){ { (x + w) * d, y * d }, c, uv };
    v[2] = (SDL_Vertex){ { (x + w) * d, (y + h) * d }, c, uv };
    v[3] = (SDL_Vertex){ { x * d, (y + h) * d }, c, uv };
    int base = r->text.vert_count, *idx = r->text.indices + r->text.index_count;
    idx[0] = base; idx[1] = base + 1; idx[2] = base + 2;
    idx[3] = base; idx[4] = base + 2; idx[5] = base + 3;
    r->text.vert_count += 4;
    r->text.index_count += 6;
}

static void fill_triangle(Renderer *r, float x0, float y0, float x1, float y1, float x2, float y2, Rgba color)
{
    if (!batch_reserve(&r->text, 3, 3)) return;
    SDL_Vertex *v = r->text.verts + r->text.vert_count;
    SDL_Color c = to_sdl(color);
    SDL_FPoint uv = solid_uv();
    float d = r->dpr;
    v[0] = (SDL_Vertex){ { x0 * d, y0 * d }, c, uv };
    v[1] = (SDL_Vertex){ { x1 * d, y1 * d }, c, uv };
    v[2] = (SDL_Vertex){ { x2 * d, y2 * d }, c, uv };
    int base = r->text.vert_count, *idx = r->text.indices + r->text.index_count;
    idx[0] = base; idx[1] = base + 1; idx[2] = base + 2;
    r->text.vert_count += 3;
    r->text.index_count += 3;
}

void render_icon(Renderer *r, RenderIcon icon, float cx, float cy, float size, Rgba color)
{
    float h = size / 2;
    switch (icon) {
    case ICON_HOME:
        fill_triangle(r, cx - h, cy - h * 0.05f, cx, cy - h, cx + h, cy - h * 0.05f, color);
        render_fill_rect(r, cx - h * 0.65f, cy - h * 0.1f, h * 1.3f, h * 0.95f, color);
        break;
    case ICON_PLAY: fill_triangle(r, cx - h * 0.6f, cy - h, cx + h * 0.8f, cy, cx - h * 0.6f, cy + h, color); break;
    case ICON_PAUSE:
        render_fill_rect(r, cx - h * 0.7f, cy - h, h * 0.5f, size, color);
        render_fill_rect(r, cx + h * 0.2f, cy - h, h * 0.5f, size, color);
        break;
    case ICON_UP: fill_triangle(r, cx - h, cy + h * 0.5f, cx, cy - h * 0.5f, cx + h, cy + h * 0.5f, color); break;
    case ICON_DOWN: fill_triangle(r, cx - h, cy - h * 0.5f, cx + h, cy - h * 0.5f, cx, cy + h * 0.5f, color); break;
    case ICON_LEFT: fill_triangle(r, cx + h * 0.5f, cy - h, cx + h * 0.5f, cy + h, cx - h * 0.5f, cy, color); break;
    case ICON_RIGHT: fill_triangle(r, cx - h * 0.5f, cy - h, cx + h * 0.5f, cy, cx - h * 0.5f, cy + h, color); break;
    case ICON_PLUS:
        render_fill_rect(r, cx - h, cy - h * 0.12f, size, h * 0.24f, color);
        render_fill_rect(r, cx - h * 0.12f, cy - h, h * 0.24f, size, color);
        break;
    case ICON_MINUS: render_fill_rect(r, cx - h, cy - h * 0.12f, size, h * 0.24f, color); break;
    }
}

/* A polyline in css px (at most 256 points) as an anti-aliased strip, batched
 * with the shapes and text so it keeps its place in the drawing order. */
void render_polyline(Renderer *r, const float *xy_css, int n, bool closed, float width_css, Rgba color)
{
    SDL_FPoint pts[256];
    if (n > 256) n = 256;
    if (direct_drawing(r)) { /* a distance-shaded line, in its place in the drawing order */
        float xy[2 * 256];
        for (int i = 0; i < 2 * n; i++) xy[i] = xy_css[i] * r->dpr;
        render_flush(r);
        raster_polyline(r->target, r->clip, xy, n, closed, width_css * r->dpr, raster_rgba(color.r, color.g, color.b, color.a));
        return;
    }
    for (int i = 0; i < n; i++) pts[i] = (SDL_FPoint){ xy_css[2 * i] * r->dpr, xy_css[2 * i + 1] * r->dpr };
    add_stroke(&r->text, pts, n, closed, width_css * r->dpr, color);
}

/* A filled convex polygon in css px (at most 32 corners) with a feathered rim
 * of one device pixel, like render_fill_circle's. */
void render_fill_convex(Renderer *r, const float *xy_css, int n, Rgba color)
{
    if (n < 3) return;
    if (n > 32) n = 32;
    float d = r->dpr, cx = 0, cy = 0;
    for (int i = 0; i < n; i++) { cx += xy_css[2 * i]; cy += xy_css[2 * i + 1]; }
    cx /= (float)n;
    cy /= (float)n;
    SDL_Vertex *v = feathered_fan(r, n, cx * d, cy * d, color);
    if (!v) return;
    for (int i = 0; i < n; i++) {
        int ip = (i + n - 1) % n, in = (i + 1) % n;
        float px = xy_css[2 * i], py = xy_css[2 * i + 1];
        /* Outward normals of the two edges meeting here, and their miter. */
        float e1x = px - xy_css[2 * ip], e1y = py - xy_css[2 * ip + 1];
        float e2x = xy_css[2 * in] - px, e2y = xy_css[2 * in + 1] - py;
        float l1 = sqrtf(e1x * e1x + e1y * e1y), l2 = sqrtf(e2x * e2x + e2y * e2y);
        float n1x = l1 > 0 ? e1y / l1 : 0, n1y = l1 > 0 ? -e1x / l1 : 0;
        float n2x = l2 > 0 ? e2y / l2 : 0, n2y = l2 > 0 ? -e2x / l2 : 0;
        if (n1x * (px - cx) + n1y * (py - cy) < 0) { n1x = -n1x; n1y = -n1y; }
        if (n2x * (px - cx) + n2y * (py - cy) < 0) { n2x = -n2x; n2y = -n2y; }
        float mx = n1x + n2x, my = n1y + n2y, lm = sqrtf(mx * mx + my * my);
        if (lm < 1e-4f) { mx = px - cx; my = py - cy; lm = sqrtf(mx * mx + my * my); }
        if (lm < 1e-4f) { mx = 0; my = -1; lm = 1; }
        mx /= lm;
        my /= lm;
        float cosine = mx * n1x + my * n1y, k = 0.5f / (cosine > 0.25f ? cosine : 0.25f);
        v[1 + i].position = (SDL_FPoint){ px * d - mx * k, py * d - my * k };
        v[1 + n + i].position = (SDL_FPoint){ px * d + mx * k, py * d + my * k };
    }
}

bool render_ring_sectors(Renderer *r, float cx, float cy, float radius, float width, const float *ends,
                         const Rgba *colors, int sectors)
{
    if (!direct_drawing(r) || sectors <= 0 || sectors > 16) return false;
    uint32_t packed[16];
    for (int k = 0; k < sectors; k++) packed[k] = raster_rgba(colors[k].r, colors[k].g, colors[k].b, colors[k].a);
    render_flush(r); /* what was batched lies under it */
    raster_ring_sectors(r->target, r->clip, cx * r->dpr, cy * r->dpr, radius * r->dpr, width * r->dpr, ends, packed,
                        sectors);
    return true;
}

void render_set_clip(Renderer *r, const float *rect_css)
{
    render_flush(r);
    if (direct_drawing(r)) {
        r->clip = raster_bounds(r->target);
        if (rect_css) {
            int x = (int)floorf(rect_css[0] * r->dpr), y = (int)floorf(rect_css[1] * r->dpr);
            r->clip = (RasterRect){ x, y, x + (int)ceilf(rect_css[2] * r->dpr), y + (int)ceilf(rect_css[3] * r->dpr) };
        }
        return;
    }
    if (!rect_css) { SDL_RenderSetClipRect(r->sdl, NULL); return; }
    SDL_Rect clip = { (int)floorf(rect_css[0] * r->dpr), (int)floorf(rect_css[1] * r->dpr),
                      (int)ceilf(rect_css[2] * r->dpr), (int)ceilf(rect_css[3] * r->dpr) };
    SDL_RenderSetClipRect(r->sdl, &clip);
}
