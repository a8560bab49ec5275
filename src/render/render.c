/* render: the map, its labels and the chrome, with SDL_RenderGeometry or pixel/raster.c. See render.h. */
#include "render/render.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/shape.h"
#include "core/event_markers.h"
#include "render/markers.h"

/* Screen-space decimation: ring points closer than this (device px) to the last
 * kept one are skipped. At low zoom this drops most of the 50m detail that
 * would land on the same pixel anyway. */
#define DECIMATE_DEVICE_PX 1.0f

static bool batch_reserve(VertexBatch *b, int verts, int indices)
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

static bool direct(const Renderer *r) { return r->frame.pixels != NULL; }

/* Draws a batch and empties it; textured batches sample the glyph atlas. */
static void batch_flush(Renderer *r, VertexBatch *b, bool textured)
{
    if (b->index_count > 0) {
        if (direct(r)) {
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
static void fill_opaque(Renderer *r, float x0, float y0, float x1, float y1, Rgba color)
{
    if (direct(r)) {
        raster_fill_rect(r->target, r->clip, x0, y0, x1, y1, raster_rgba(color.r, color.g, color.b, 255));
        return;
    }
    SDL_FRect rect = { x0, y0, x1 - x0, y1 - y0 };
    SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r->sdl, color.r, color.g, color.b, 255);
    SDL_RenderFillRectF(r->sdl, &rect);
    SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_BLEND);
}

static void batch_free(VertexBatch *b)
{
    free(b->verts);
    free(b->indices);
    memset(b, 0, sizeof *b);
}

static void line_batch_free(LineBatch *b)
{
    free(b->xy);
    free(b->runs);
    memset(b, 0, sizeof *b);
}

static SDL_Color to_sdl(Rgba c) { return (SDL_Color){ c.r, c.g, c.b, c.a }; }

/* The atlas's solid block: untextured shapes sample it, so shapes and text can
 * share one texture and one batch. */
static SDL_FPoint solid_uv(void)
{
    return (SDL_FPoint){ (FONT_ATLAS_SIZE - 1.5f) / FONT_ATLAS_SIZE, (FONT_ATLAS_SIZE - 1.5f) / FONT_ATLAS_SIZE };
}

static bool create_atlas_texture(Renderer *r);
static void destroy_cache_textures(Renderer *r);

bool render_init(Renderer *r, SDL_Renderer *sdl, const Bundle *bundle, char *message, size_t message_size)
{
    memset(r, 0, sizeof *r);
    r->sdl = sdl;
    r->theme = &THEME_DEFAULT;
    r->dpr = 1.0f;
    r->faces[FACE_REGULAR] = font_create(bundle->font_regular.data, bundle->font_regular.size);
    r->faces[FACE_BOLD] = font_create(bundle->font_bold.data, bundle->font_bold.size);
    if (!r->faces[FACE_REGULAR] || !r->faces[FACE_BOLD]) {
        SDL_snprintf(message, message_size, "render: the bundle's %s font cannot be parsed",
                     r->faces[FACE_REGULAR] ? "bold" : "regular");
        render_shutdown(r);
        return false;
    }
    if (!font_atlas_init(&r->atlas)) {
        SDL_snprintf(message, message_size, "render: out of memory for the glyph atlas");
        render_shutdown(r);
        return false;
    }
    if (!create_atlas_texture(r)) {
        SDL_snprintf(message, message_size, "render: cannot create the glyph texture: %s", SDL_GetError());
        render_shutdown(r);
        return false;
    }
    return true;
}

/* The glyph atlas texture for r->sdl, filled from the atlas on the next upload. */
static bool create_atlas_texture(Renderer *r)
{
    r->atlas_texture = SDL_CreateTexture(r->sdl, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC,
                                         FONT_ATLAS_SIZE, FONT_ATLAS_SIZE);
    if (!r->atlas_texture) return false;
    SDL_SetTextureBlendMode(r->atlas_texture, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(r->atlas_texture, SDL_ScaleModeLinear);
    SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_BLEND);
    font_atlas_mark_all_dirty(&r->atlas);
    SDL_RendererInfo info;
    r->software = SDL_GetRendererInfo(r->sdl, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE);
    return true;
}

void render_set_pixels(Renderer *r, void *pixels, int width, int height, int pitch)
{
    bool resized = r->frame.width != width || r->frame.height != height;
    r->frame = (RasterImage){ pixels, width, height, pitch / 4 };
    r->target = &r->frame;
    r->clip = raster_bounds(&r->frame);
    r->software = true;
    if (resized) destroy_cache_textures(r);
    for (int i = 0; i < RENDER_LAYER_COUNT; i++) r->layers[i].valid = false;
}

bool render_retarget(Renderer *r, SDL_Renderer *sdl)
{
    if (r->atlas_texture) SDL_DestroyTexture(r->atlas_texture);
    r->atlas_texture = NULL;
    destroy_cache_textures(r);
    r->sdl = sdl;
    return create_atlas_texture(r);
}

void render_shutdown(Renderer *r)
{
    if (r->atlas_texture) SDL_DestroyTexture(r->atlas_texture);
    destroy_cache_textures(r);
    for (int i = 0; i < RENDER_LAYER_COUNT; i++) free(r->layers[i].image.pixels);
    font_atlas_free(&r->atlas);
    for (int i = 0; i < 2; i++) font_destroy(r->faces[i]);
    batch_free(&r->fill);
    batch_free(&r->stroke);
    line_batch_free(&r->lines);
    free(r->polygon_xy);
    free(r->polygon_ends);
    free(r->polygon_scratch.edges);
    free(r->polygon_scratch.active);
    free(r->polygon_scratch.crossings);
    batch_free(&r->text);
    free(r->ring_scratch);
    free(r->run_scratch);
    free(r->label_boxes);
    free(r->label_cell_head);
    free(r->label_entries);
    free(r->place_rank);
    free(r->placed_labels);
    memset(r, 0, sizeof *r);
}

/* Uploads the atlas rows that changed since the last frame (white + alpha). */
static void upload_atlas(Renderer *r)
{
    int y0, y1;
    if (!font_atlas_take_dirty(&r->atlas, &y0, &y1) || direct(r)) return; /* direct: read in place */
    int rows = y1 - y0;
    uint32_t *rgba = malloc((size_t)rows * FONT_ATLAS_SIZE * 4);
    if (!rgba) return;
    const uint8_t *src = r->atlas.pixels + (size_t)y0 * FONT_ATLAS_SIZE;
    for (int i = 0; i < rows * FONT_ATLAS_SIZE; i++)
        rgba[i] = 0x00FFFFFFu | ((uint32_t)src[i] << 24); /* ABGR8888 little-endian: R,G,B,A bytes */
    SDL_Rect rect = { 0, y0, FONT_ATLAS_SIZE, rows };
    SDL_UpdateTexture(r->atlas_texture, &rect, rgba, FONT_ATLAS_SIZE * 4);
    free(rgba);
}

/* --- countries ------------------------------------------------------------- */

static void world_to_device(const App *app, float dpr, float wx, float wy, float *dx, float *dy)
{
    const View *v = &app->view;
    *dx = (float)(((wx - v->center_x) * v->scale_px + v->width_css * 0.5) * dpr);
    *dy = (float)(((wy - v->center_y) * v->scale_px + v->height_css * 0.5) * dpr);
}

static bool bbox_visible(const float bbox[4], const double visible[4])
{
    return !(bbox[2] < visible[0] || bbox[0] > visible[2] || bbox[3] < visible[1] || bbox[1] > visible[3]);
}

/* Geometry far off screen is clipped to a guard band around the viewport
 * before it is drawn: at high zoom a country's far vertices lie millions of
 * pixels away, which overflows the integer maths of SDL's software renderer
 * (used for screenshots) and wastes precision on GPUs. The band is wide
 * enough that the clipped edges are never seen. */
#define GUARD_DEVICE_PX 1024.0f

typedef struct GuardRect { float x0, y0, x1, y1; } GuardRect;

static GuardRect guard_rect(const Renderer *r, const App *app)
{
    return (GuardRect){ -GUARD_DEVICE_PX, -GUARD_DEVICE_PX,
                        (float)app->view.width_css * r->dpr + GUARD_DEVICE_PX,
                        (float)app->view.height_css * r->dpr + GUARD_DEVICE_PX };
}

static bool inside_guard(const GuardRect *g, float x, float y)
{
    return x >= g->x0 && x <= g->x1 && y >= g->y0 && y <= g->y1;
}

/* Sutherland–Hodgman against one edge of the guard rect (axis 0 = x, 1 = y). */
static int clip_polygon_edge(const SDL_FPoint *in, int n, SDL_FPoint *out, int axis, float limit, bool keep_below)
{
    int m = 0;
    for (int i = 0; i < n; i++) {
        SDL_FPoint a = in[i], b = in[(i + 1) % n];
        float va = axis ? a.y : a.x, vb = axis ? b.y : b.x;
        bool ia = keep_below ? va <= limit : va >= limit, ib = keep_below ? vb <= limit : vb >= limit;
        if (ia) out[m++] = a;
        if (ia != ib) {
            float t = (limit - va) / (vb - va);
            out[m++] = (SDL_FPoint){ a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t };
        }
    }
    return m;
}

/* Clips a triangle to the guard rect; returns the polygon's vertex count (0..9). */
static int clip_triangle(const GuardRect *g, SDL_FPoint tri[3], SDL_FPoint out[9])
{
    SDL_FPoint a[9], b[9];
    int n = clip_polygon_edge(tri, 3, a, 0, g->x0, false);
    n = clip_polygon_edge(a, n, b, 0, g->x1, true);
    n = clip_polygon_edge(b, n, a, 1, g->y0, false);
    n = clip_polygon_edge(a, n, out, 1, g->y1, true);
    return n;
}

/* Adds a country's triangles to the fill batch. A country's rings are stored
 * contiguously, so its vertices are one range and its triangles index into it. */
static int ring_to_device(Renderer *r, const App *app, BundleRing ring);

/* Grows the polygon buffers to hold `points` points in `rings` rings. */
static bool polygon_reserve(Renderer *r, int points, int rings)
{
    if (points > r->polygon_cap) {
        int cap = r->polygon_cap ? r->polygon_cap : 4096;
        while (cap < points) cap *= 2;
        float *xy = realloc(r->polygon_xy, (size_t)cap * 2 * sizeof *xy);
        if (xy) r->polygon_xy = xy;
        RasterPolygonScratch *s = &r->polygon_scratch;
        RasterEdge *edges = realloc(s->edges, (size_t)cap * sizeof *edges);
        if (edges) s->edges = edges;
        int *active = realloc(s->active, (size_t)cap * sizeof *active);
        if (active) s->active = active;
        double *crossings = realloc(s->crossings, (size_t)cap * sizeof *crossings);
        if (crossings) s->crossings = crossings;
        if (!xy || !edges || !active || !crossings) return false;
        r->polygon_cap = s->capacity = cap;
    }
    if (rings > r->polygon_ring_cap) {
        int cap = r->polygon_ring_cap ? r->polygon_ring_cap * 2 : 64;
        while (cap < rings) cap *= 2;
        int *ends = realloc(r->polygon_ends, (size_t)cap * sizeof *ends);
        if (!ends) return false;
        r->polygon_ends = ends;
        r->polygon_ring_cap = cap;
    }
    return true;
}

/* Direct drawing: a country filled from its rings, as the borders are drawn
 * from them (one point per pixel), scanned row by row; its triangles would
 * cost a span setup each, and large countries have thousands. */
static void fill_country_rings(Renderer *r, const App *app, const BundleCountry *c, Rgba color)
{
    int points = 0, rings = 0;
    for (uint32_t k = 0; k < c->ring_count; k++) {
        int n = ring_to_device(r, app, bundle_ring(app->bundle, c->ring_first + k));
        if (n < 3 || !polygon_reserve(r, points + n, rings + 1)) continue;
        for (int i = 0; i < n; i++) {
            r->polygon_xy[2 * (points + i)] = r->ring_scratch[i].x;
            r->polygon_xy[2 * (points + i) + 1] = r->ring_scratch[i].y;
        }
        points += n;
        r->polygon_ends[rings++] = points;
    }
    if (rings > 0)
        raster_fill_polygon(r->target, r->clip, r->polygon_xy, r->polygon_ends, rings,
                            raster_rgba(color.r, color.g, color.b, color.a), &r->polygon_scratch);
}

static void add_country_fill(Renderer *r, const App *app, const BundleCountry *c, Rgba color)
{
    if (direct(r)) {
        fill_country_rings(r, app, c, color);
        return;
    }
    const Bundle *b = app->bundle;
    BundleRing first = bundle_ring(b, c->ring_first);
    BundleRing last = bundle_ring(b, c->ring_first + c->ring_count - 1);
    uint32_t v0 = first.vert_first, v1 = last.vert_first + last.vert_count;
    int nv = (int)(v1 - v0), ni = (int)c->tri_count * 3;
    if (nv <= 0 || !batch_reserve(&r->fill, nv, ni)) return;
    SDL_Vertex *out = r->fill.verts + r->fill.vert_count;
    SDL_Color col = to_sdl(color);
    SDL_FPoint uv = solid_uv();
    for (int i = 0; i < nv; i++) {
        float wx, wy;
        bundle_vertex(b, v0 + (uint32_t)i, &wx, &wy);
        world_to_device(app, r->dpr, wx, wy, &out[i].position.x, &out[i].position.y);
        out[i].color = col;
        out[i].tex_coord = uv;
    }
    int base = r->fill.vert_count;
    r->fill.vert_count += nv;
    GuardRect g = guard_rect(r, app);
    float view_w = (float)app->view.width_css * r->dpr, view_h = (float)app->view.height_css * r->dpr;
    for (uint32_t t = 0; t < c->tri_count; t++) {
        uint32_t abc[3];
        bundle_triangle(b, c->tri_first + t, abc);
        if (abc[0] < v0 || abc[1] < v0 || abc[2] < v0 || abc[0] >= v1 || abc[1] >= v1 || abc[2] >= v1)
            continue; /* a triangle outside the country's range: skip rather than draw garbage */
        int i0 = base + (int)(abc[0] - v0), i1 = base + (int)(abc[1] - v0), i2 = base + (int)(abc[2] - v0);
        SDL_FPoint tri[3] = { r->fill.verts[i0].position, r->fill.verts[i1].position, r->fill.verts[i2].position };
        float min_x = fminf(tri[0].x, fminf(tri[1].x, tri[2].x)), max_x = fmaxf(tri[0].x, fmaxf(tri[1].x, tri[2].x));
        float min_y = fminf(tri[0].y, fminf(tri[1].y, tri[2].y)), max_y = fmaxf(tri[0].y, fmaxf(tri[1].y, tri[2].y));
        if (max_x < 0 || max_y < 0 || min_x > view_w || min_y > view_h) continue; /* off screen */
        if (!batch_reserve(&r->fill, 9, 21)) return;
        int *idx = r->fill.indices + r->fill.index_count;
        if (inside_guard(&g, min_x, min_y) && inside_guard(&g, max_x, max_y)) {
            idx[0] = i0; idx[1] = i1; idx[2] = i2;
            r->fill.index_count += 3;
            continue;
        }
        SDL_FPoint poly[9];
        int n = clip_triangle(&g, tri, poly);
        int clip_base = r->fill.vert_count;
        for (int k = 0; k < n; k++) r->fill.verts[clip_base + k] = (SDL_Vertex){ poly[k], col, uv };
        for (int k = 1; k + 1 < n; k++) {
            *idx++ = clip_base; *idx++ = clip_base + k; *idx++ = clip_base + k + 1;
            r->fill.index_count += 3;
        }
        r->fill.vert_count += n;
    }
}

/* Adds a polyline (device px) as an anti-aliased strip: a solid core of
 * width_px - 1 and a 1px feather on each side whose alpha falls to zero.
 * Lines of 1px or less have no core: three vertices across (clear, solid,
 * clear) and a faded alpha, which halves their triangles — borders are most
 * of what the map draws, and software WebGL pays for every triangle. */
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

/* Transforms one ring to device px, dropping points that land on the same spot. */
static int ring_to_device(Renderer *r, const App *app, BundleRing ring)
{
    if ((int)ring.vert_count > r->ring_scratch_cap) {
        int cap = (int)ring.vert_count * 2;
        SDL_FPoint *grown = realloc(r->ring_scratch, (size_t)cap * sizeof *grown);
        if (!grown) return 0;
        r->ring_scratch = grown;
        r->ring_scratch_cap = cap;
    }
    int n = 0;
    for (uint32_t i = 0; i < ring.vert_count; i++) {
        float wx, wy, x, y;
        bundle_vertex(app->bundle, ring.vert_first + i, &wx, &wy);
        world_to_device(app, r->dpr, wx, wy, &x, &y);
        if (n > 0 && fabsf(x - r->ring_scratch[n - 1].x) < DECIMATE_DEVICE_PX &&
            fabsf(y - r->ring_scratch[n - 1].y) < DECIMATE_DEVICE_PX)
            continue;
        r->ring_scratch[n++] = (SDL_FPoint){ x, y };
    }
    return n;
}

/* Liang–Barsky: clips segment a-b to the guard rect. Returns false if it lies
 * wholly outside; sets *clipped_a / *clipped_b when an end moved. */
static bool clip_segment(const GuardRect *g, SDL_FPoint *a, SDL_FPoint *b, bool *clipped_a, bool *clipped_b)
{
    float t0 = 0, t1 = 1, dx = b->x - a->x, dy = b->y - a->y;
    float p[4] = { -dx, dx, -dy, dy }, q[4] = { a->x - g->x0, g->x1 - a->x, a->y - g->y0, g->y1 - a->y };
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0) return false;
            continue;
        }
        float t = q[i] / p[i];
        if (p[i] < 0) { if (t > t1) return false; if (t > t0) t0 = t; }
        else { if (t < t0) return false; if (t < t1) t1 = t; }
    }
    SDL_FPoint a0 = *a;
    *clipped_a = t0 > 0;
    *clipped_b = t1 < 1;
    if (*clipped_a) *a = (SDL_FPoint){ a0.x + dx * t0, a0.y + dy * t0 };
    if (*clipped_b) *b = (SDL_FPoint){ a0.x + dx * t1, a0.y + dy * t1 };
    return true;
}

/* A border run: a distance-shaded polyline when drawing directly, else an
 * anti-aliased strip of triangles in the stroke batch. */
static void stroke_run(Renderer *r, const SDL_FPoint *p, int n, bool closed, float width_px, Rgba color,
                       float casing_px, Rgba casing)
{
    if (direct(r)) {
        line_batch_add(&r->lines, p, n, closed, width_px, color, casing_px, casing);
        return;
    }
    if (casing_px > 0) add_stroke(&r->stroke, p, n, closed, casing_px, casing);
    add_stroke(&r->stroke, p, n, closed, width_px, color);
}

/* Draws and empties the stroke batch (and its polylines). */
static void flush_strokes(Renderer *r)
{
    batch_flush(r, &r->stroke, false);
    LineBatch *b = &r->lines;
    for (int i = 0; i < b->run_count && direct(r); i++) {
        const struct LineRun *run = &b->runs[i];
        raster_polyline_cased(r->target, r->clip, b->xy + 2 * run->first, run->count, run->closed, run->width_px,
                              run->color, run->casing_px, run->casing_color);
    }
    b->point_count = b->run_count = 0;
}

/* Strokes a ring; parts beyond the guard band are cut away, leaving open runs. */
static void stroke_ring(Renderer *r, const GuardRect *g, int n, float width_px, Rgba color, float casing_px,
                        Rgba casing)
{
    const SDL_FPoint *p = r->ring_scratch;
    bool all_inside = true;
    for (int i = 0; i < n && all_inside; i++) all_inside = inside_guard(g, p[i].x, p[i].y);
    if (all_inside) {
        stroke_run(r, p, n, true, width_px, color, casing_px, casing);
        return;
    }
    if (r->run_scratch_cap < n + 2) {
        SDL_FPoint *grown = realloc(r->run_scratch, (size_t)(n + 2) * 2 * sizeof *grown);
        if (!grown) return;
        r->run_scratch = grown;
        r->run_scratch_cap = (n + 2) * 2;
    }
    int run = 0;
    for (int i = 0; i < n; i++) {
        SDL_FPoint a = p[i], b = p[(i + 1) % n];
        bool ca = false, cb = false;
        if (!clip_segment(g, &a, &b, &ca, &cb)) {
            if (run >= 2) stroke_run(r, r->run_scratch, run, false, width_px, color, casing_px, casing);
            run = 0;
            continue;
        }
        if (run == 0 || ca) {
            if (run >= 2) stroke_run(r, r->run_scratch, run, false, width_px, color, casing_px, casing);
            run = 0;
            r->run_scratch[run++] = a;
        }
        r->run_scratch[run++] = b;
        if (cb) {
            stroke_run(r, r->run_scratch, run, false, width_px, color, casing_px, casing);
            run = 0;
        }
    }
    if (run >= 2) stroke_run(r, r->run_scratch, run, false, width_px, color, casing_px, casing);
}

/* Outlines a country's rings; a casing (casing_css > 0) is a wider line under
 * the outline, as a halo. */
static void add_country_outline_cased(Renderer *r, const App *app, const BundleCountry *c, float width_css, Rgba color,
                                      float casing_css, Rgba casing)
{
    GuardRect g = guard_rect(r, app);
    for (uint32_t k = 0; k < c->ring_count; k++) {
        BundleRing ring = bundle_ring(app->bundle, c->ring_first + k);
        int n = ring_to_device(r, app, ring);
        if (n >= 3) stroke_ring(r, &g, n, width_css * r->dpr, color, casing_css * r->dpr, casing);
    }
}

static void add_country_outline(Renderer *r, const App *app, const BundleCountry *c, float width_css, Rgba color)
{
    add_country_outline_cased(r, app, c, width_css, color, 0.0f, color);
}

static void draw_countries(Renderer *r, const App *app)
{
    const Bundle *b = app->bundle;
    const Theme *t = r->theme;
    double visible[4];
    view_visible_bounds(&app->view, visible);
    if (r->band_y1 > r->band_y0) {
        /* Only a band of rows is drawn (the progressive cache): skip what
         * lies wholly above or below it, borders' width included. */
        double x;
        view_screen_to_world(&app->view, 0, r->band_y0 / r->dpr - 4.0, &x, &visible[1]);
        view_screen_to_world(&app->view, 0, r->band_y1 / r->dpr + 4.0, &x, &visible[3]);
    }
    /* Borders scale gently with zoom so the region reads at every level. */
    float zoom_boost = (float)fmin(1.6, fmax(0.7, log2(app->view.scale_px / 400.0 + 1.0)));
    for (uint32_t id = 1; id <= b->country_count; id++) {
        BundleCountry c = bundle_country(b, id);
        if (!c.ring_count || !bbox_visible(c.bbox, visible)) continue;
        add_country_fill(r, app, &c, theme_country_fill(t, c.flags, c.color));
        bool focus = (c.flags & COUNTRY_FLAG_CENTRAL_ASIA) != 0;
        add_country_outline(r, app, &c, (focus ? 1.1f : 0.7f) * zoom_boost, focus ? t->border_focus : t->border);
    }
    /* The fills are opaque. Blending them costs the software renderer an
     * intermediate surface per triangle; without it, a plain fill. */
    bool unblended = r->software && !direct(r); /* the rasteriser stores opaque pixels by itself */
    if (unblended) SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_NONE);
    batch_flush(r, &r->fill, false);
    if (unblended) SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_BLEND);
    flush_strokes(r);
}

/* The selected country's outline with a halo. */
static void draw_selection_outline(Renderer *r, const App *app)
{
    if (app->select.current.kind != SELECTION_COUNTRY || !app->select.current.id) return;
    BundleCountry c = bundle_country(app->bundle, app->select.current.id);
    double visible[4];
    view_visible_bounds(&app->view, visible);
    if (!c.ring_count || !bbox_visible(c.bbox, visible)) return;
    add_country_outline_cased(r, app, &c, 2.4f, r->theme->selected_outline, 4.5f, r->theme->label_halo);
    flush_strokes(r);
}

/* What changes often is drawn over the (possibly cached) base map every
 * frame: the hover tint and outline, and the selected country's outline
 * until the base map is drawn again with it (under the names). */
static void draw_country_highlights(Renderer *r, const App *app)
{
    const Bundle *b = app->bundle;
    const Theme *t = r->theme;
    double visible[4];
    view_visible_bounds(&app->view, visible);
    bool selection_drawn = r->base_shows_selection; /* under the names, in the base map */
    bool hover_is_selection = app->select.current.kind == SELECTION_COUNTRY && app->select.current.id == app->hover.country;
    if (app->hover.country && !(selection_drawn && hover_is_selection)) {
        BundleCountry c = bundle_country(b, app->hover.country);
        if (c.ring_count && bbox_visible(c.bbox, visible)) {
            /* A light tint where blending is cheap (a GPU); everywhere an
             * outline, which the software renderer draws in a fraction of
             * the time a translucent fill of a large country would take. */
            if (!r->software) {
                add_country_fill(r, app, &c, t->hover_tint);
                batch_flush(r, &r->fill, false);
            }
            add_country_outline(r, app, &c, 2.6f, t->hover_outline);
            flush_strokes(r);
        }
    }
    if (!selection_drawn) draw_selection_outline(r, app);
}

/* --- text -------------------------------------------------------------------- */

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

float render_text_n(Renderer *r, int face, float size_css, float x_css, float y_css, const char *utf8, size_t len,
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

/* A name in the local language if asked for and drawable, else in English. */
static const char *display_name(const Renderer *r, const App *app, const char *english, const char *local)
{
    return app->display.local_names && local[0] && can_draw(r, FACE_REGULAR, local) ? local : english;
}

/* Text with a soft halo so it reads over any fill: the halo is the same text
 * drawn around the position in the halo colour first. */
void render_text_halo(Renderer *r, int face, float size_css, float x, float y, const char *utf8,
                             Rgba color, Rgba halo)
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

#define LABEL_CELL_CSS 32.0f
#define LABEL_GRID_MARGIN_CSS 64.0f

/* Empties the placed boxes and lays the grid over a view of w x h css px. */
static void label_boxes_reset(Renderer *r, double w, double h)
{
    r->label_box_count = 0;
    r->label_entry_count = 0;
    r->label_grid_x0 = r->label_grid_y0 = -LABEL_GRID_MARGIN_CSS;
    int cw = (int)ceil((w + 2 * LABEL_GRID_MARGIN_CSS) / LABEL_CELL_CSS);
    int ch = (int)ceil((h + 2 * LABEL_GRID_MARGIN_CSS) / LABEL_CELL_CSS);
    if (cw < 1) cw = 1;
    if (ch < 1) ch = 1;
    if (cw * ch > r->label_cell_cap) {
        int *grown = realloc(r->label_cell_head, (size_t)cw * (size_t)ch * sizeof *grown);
        if (!grown) { r->label_cells_w = r->label_cells_h = 0; return; }
        r->label_cell_head = grown;
        r->label_cell_cap = cw * ch;
    }
    r->label_cells_w = cw;
    r->label_cells_h = ch;
    for (int i = 0; i < cw * ch; i++) r->label_cell_head[i] = -1;
}

/* The grid cells a box overlaps (clamped: boxes beyond the grid land in its border cells). */
static void label_cells_of(const Renderer *r, SDL_FRect box, int *cx0, int *cy0, int *cx1, int *cy1)
{
    float fx0 = (box.x - r->label_grid_x0) / LABEL_CELL_CSS, fy0 = (box.y - r->label_grid_y0) / LABEL_CELL_CSS;
    float fx1 = (box.x + box.w - r->label_grid_x0) / LABEL_CELL_CSS, fy1 = (box.y + box.h - r->label_grid_y0) / LABEL_CELL_CSS;
    int w = r->label_cells_w, h = r->label_cells_h;
    *cx0 = fx0 < 0 ? 0 : fx0 >= (float)w ? w - 1 : (int)fx0;
    *cy0 = fy0 < 0 ? 0 : fy0 >= (float)h ? h - 1 : (int)fy0;
    *cx1 = fx1 < 0 ? 0 : fx1 >= (float)w ? w - 1 : (int)fx1;
    *cy1 = fy1 < 0 ? 0 : fy1 >= (float)h ? h - 1 : (int)fy1;
}

/* Adds a box labels must keep clear of; false if memory runs out. */
static bool label_box_reserve(Renderer *r, SDL_FRect box)
{
    if (!(box.x == box.x) || !(box.y == box.y) || r->label_cells_w == 0) return false; /* NaN, or no grid */
    int cx0, cy0, cx1, cy1;
    label_cells_of(r, box, &cx0, &cy0, &cx1, &cy1);
    int cells = (cx1 - cx0 + 1) * (cy1 - cy0 + 1);
    if (r->label_entry_count + cells > r->label_entry_cap) {
        int cap = r->label_entry_cap ? r->label_entry_cap : 1024;
        while (cap < r->label_entry_count + cells) cap *= 2;
        struct LabelEntry *grown = realloc(r->label_entries, (size_t)cap * sizeof *grown);
        if (!grown) return false;
        r->label_entries = grown;
        r->label_entry_cap = cap;
    }
    if (r->label_box_count == r->label_box_cap) {
        int cap = r->label_box_cap ? r->label_box_cap * 2 : 128;
        SDL_FRect *grown = realloc(r->label_boxes, (size_t)cap * sizeof *grown);
        if (!grown) return false;
        r->label_boxes = grown;
        r->label_box_cap = cap;
    }
    int index = r->label_box_count++;
    r->label_boxes[index] = box;
    for (int cy = cy0; cy <= cy1; cy++)
        for (int cx = cx0; cx <= cx1; cx++) {
            int cell = cy * r->label_cells_w + cx;
            r->label_entries[r->label_entry_count] = (struct LabelEntry){ index, r->label_cell_head[cell] };
            r->label_cell_head[cell] = r->label_entry_count++;
        }
    return true;
}

/* Whether a box overlaps one reserved, except those in [skip_first, skip_end). */
static bool label_box_collides(const Renderer *r, SDL_FRect box, int skip_first, int skip_end)
{
    if (r->label_cells_w == 0) return true; /* no grid (out of memory): place nothing */
    int cx0, cy0, cx1, cy1;
    label_cells_of(r, box, &cx0, &cy0, &cx1, &cy1);
    for (int cy = cy0; cy <= cy1; cy++)
        for (int cx = cx0; cx <= cx1; cx++)
            for (int e = r->label_cell_head[cy * r->label_cells_w + cx]; e >= 0; e = r->label_entries[e].next) {
                int i = r->label_entries[e].box;
                if (i >= skip_first && i < skip_end) continue;
                SDL_FRect o = r->label_boxes[i];
                if (box.x < o.x + o.w && o.x < box.x + box.w && box.y < o.y + o.h && o.y < box.y + box.h) return true;
            }
    return false;
}

/* Whether a label's box touches the rows being drawn (all when not banded):
 * labels are placed in full every band, so they land where a one-pass
 * drawing puts them, but only drawn in the bands they reach. */
static bool label_in_band(const Renderer *r, SDL_FRect box)
{
    if (!(r->band_y1 > r->band_y0)) return true;
    float y0 = (box.y - 3) * r->dpr, y1 = (box.y + box.h + 3) * r->dpr;
    return y1 >= r->band_y0 && y0 <= r->band_y1;
}

/* Draws a placed name (and its place's dot) if it reaches the rows being
 * drawn, and keeps it for the redraw's other bands. */
static void emit_label(Renderer *r, const struct PlacedLabel *label)
{
    if (r->placed_label_count == r->placed_label_cap) {
        int cap = r->placed_label_cap ? r->placed_label_cap * 2 : 128;
        struct PlacedLabel *grown = realloc(r->placed_labels, (size_t)cap * sizeof *grown);
        if (grown) {
            r->placed_labels = grown;
            r->placed_label_cap = cap;
        }
    }
    if (r->placed_label_count < r->placed_label_cap) r->placed_labels[r->placed_label_count++] = *label;
    if (!label_in_band(r, label->box)) return;
    const Theme *t = r->theme;
    if (label->dot_radius > 0) {
        render_fill_circle(r, label->dot_x, label->dot_y, label->dot_halo, t->label_halo);
        render_fill_circle(r, label->dot_x, label->dot_y, label->dot_radius, t->label);
    }
    render_text_halo(r, label->face, label->size, label->x, label->y, label->text, label->color, t->label_halo);
}

/* Each place's naming pass, worked out once per bundle. */
static const uint8_t *place_ranks(Renderer *r, const Bundle *b)
{
    if (r->place_rank && r->place_rank_count == b->place_count) return r->place_rank;
    free(r->place_rank);
    r->place_rank = malloc((size_t)b->place_count + 1);
    r->place_rank_count = r->place_rank ? b->place_count : 0;
    if (!r->place_rank) return NULL;
    r->place_rank[0] = 3;
    for (uint32_t id = 1; id <= b->place_count; id++) {
        BundlePlace p = bundle_place(b, id);
        bool capital = strcmp(p.kind, "capital") == 0;
        bool focus = (bundle_country(b, p.country).flags & COUNTRY_FLAG_CENTRAL_ASIA) != 0;
        bool never = !capital && (strcmp(p.kind, "sea") == 0 || strcmp(p.kind, "region") == 0);
        r->place_rank[id] = never ? 3 : capital && focus ? 0 : capital ? 1 : 2;
    }
    return r->place_rank;
}

/* Whether a label's box is clear of those placed; if so it is placed. */
static bool label_box_free(Renderer *r, SDL_FRect box)
{
    return !label_box_collides(r, box, 0, 0) && label_box_reserve(r, box);
}

/* Country names, most important first; a label that would overlap one already
 * placed, or that is much wider than its country on screen, is dropped. */
static void draw_country_labels(Renderer *r, const App *app, int first_rank, int last_rank)
{
    const Bundle *b = app->bundle;
    const Theme *t = r->theme;
    double visible[4];
    view_visible_bounds(&app->view, visible);
    for (int rank = first_rank; rank <= last_rank; rank++) {
        for (uint32_t id = 1; id <= b->country_count; id++) {
            BundleCountry c = bundle_country(b, id);
            int crank = c.label_rank < 1.5f ? 1 : c.label_rank < 2.5f ? 2 : c.label_rank < 3.5f ? 3 : 4;
            if (crank != rank || !c.ring_count || !c.name[0] || !bbox_visible(c.bbox, visible)) continue;
            const char *name = display_name(r, app, c.name, c.name_local);
            float size = rank == 1 ? 15.0f : rank == 2 ? 13.0f : rank == 3 ? 11.5f : 10.5f;
            int face = rank == 1 ? FACE_BOLD : FACE_REGULAR;
            double x, y;
            view_world_to_screen(&app->view, c.label_x, c.label_y, &x, &y);
            if (x < 0 || y < 0 || x > app->view.width_css || y > app->view.height_css) {
                /* The anchor is off screen (Russia, China at the region's zoom): label
                 * the visible part instead, if its middle lies inside the country. */
                static const double tries[5][2] = { { .5, .5 }, { .5, .12 }, { .5, .88 }, { .2, .12 }, { .8, .12 } };
                double x0 = fmax(c.bbox[0], visible[0]), x1 = fmin(c.bbox[2], visible[2]);
                double y0 = fmax(c.bbox[1], visible[1]), y1 = fmin(c.bbox[3], visible[3]);
                int k = 0;
                for (; k < 5; k++) {
                    double cx = x0 + (x1 - x0) * tries[k][0], cy = y0 + (y1 - y0) * tries[k][1];
                    if (hit_country_contains(b, id, cx, cy)) {
                        view_world_to_screen(&app->view, cx, cy, &x, &y);
                        break;
                    }
                }
                if (k == 5) continue;
            }
            double width_on_screen = (c.bbox[2] - c.bbox[0]) * app->view.scale_px;
            float w = render_text_width(r, face, size, name);
            if (rank > 1 && w > width_on_screen * 1.3) continue;
            SDL_FRect box = { (float)x - w / 2 - 3, (float)y - size * 0.8f, w + 6, size * 1.3f };
            if (box.x + box.w < 0 || box.y + box.h < 0 || box.x > app->view.width_css || box.y > app->view.height_css) continue;
            if (!label_box_free(r, box)) continue;
            emit_label(r, &(struct PlacedLabel){ .box = box, .x = (float)x - w / 2, .y = (float)y + size * 0.35f,
                                                 .size = size, .face = face, .text = name,
                                                 .color = rank <= 2 ? t->label : t->label_minor });
        }
    }
}


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
    if (direct(r)) { /* the same rim, without sixty triangles */
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

/* How far a place's name starts from its point: clear of the event marker or
 * cluster drawn there, if the place has events (whatever the filter, so the
 * cached base map need not change with it). */
static float place_label_gap(const App *app, uint32_t place)
{
    bool marked = app->markers && (app->display.layers & LAYER_MARKERS) && place <= app->markers->place_capacity &&
                  app->markers->place_events[place] > 0;
    return marked ? 14.0f : 5.0f;
}

/* Capitals always (Central Asian ones first), other named places once zoomed in
 * enough; each as a dot and a name to its right, dropped if it would collide. */
static void draw_place_labels(Renderer *r, const App *app)
{
    const Bundle *b = app->bundle;
    const Theme *t = r->theme;
    double home_scale = app->home_scale_px > 0 ? app->home_scale_px : app->view.scale_px;
    double zoom = app->view.scale_px / home_scale;
    /* Event markers are drawn over the labels every frame: keep names clear
     * of every place that has events (a checkpoint's marker beside a capital
     * would hide the capital's name). Its own name is set off by its gap. */
    const uint8_t *ranks = place_ranks(r, b);
    if (!ranks) return;
    double view_w = app->view.width_css, view_h = app->view.height_css;
    int markers_first = r->label_box_count;
    for (uint32_t id = 1; id <= b->place_count; id++) {
        if (place_label_gap(app, id) <= 5.0f) continue;
        BundlePlace p = bundle_place(b, id);
        double x, y;
        view_world_to_screen(&app->view, p.x, p.y, &x, &y);
        if (x < -30 || y < -30 || x > view_w + 30 || y > view_h + 30) continue; /* no name goes that far */
        SDL_FRect marker = { (float)x - 9, (float)y - 9, 18, 18 };
        label_box_reserve(r, marker);
    }
    int markers_end = r->label_box_count;
    for (int pass = 0; pass < 3; pass++) {
        if (pass == 2 && zoom < 2.0) break;
        for (uint32_t id = 1; id <= b->place_count; id++) {
            if (ranks[id] != pass) continue;
            BundlePlace p = bundle_place(b, id);
            bool capital = pass < 2;
            double x, y;
            view_world_to_screen(&app->view, p.x, p.y, &x, &y);
            if (x < -50 || y < -20 || x > view_w + 50 || y > view_h + 20) continue;
            SDL_FRect dot = { (float)x - 3, (float)y - 3, 6, 6 };
            float gap = place_label_gap(app, id);
            /* A dot may lie under another place's marker (a checkpoint by a
             * capital): the name, set beside it, still reads. Tested before
             * the name is measured: among many places most stop here. */
            bool marked = gap > 5.0f; /* its dot lies under its own marker */
            if (!marked && label_box_collides(r, dot, markers_first, markers_end)) continue;
            if (marked) { /* if a speck of each place a name could go is taken, none fits */
                float fx = (float)x, fy = (float)y;
                SDL_FRect specks[4] = { { fx + gap + 1, fy - 2, 2, 2 }, { fx - gap - 3, fy - 2, 2, 2 },
                                        { fx - 1, fy + gap + 2, 2, 2 }, { fx - 1, fy - gap - 4, 2, 2 } };
                bool all_taken = true;
                for (int k = 0; k < 4 && all_taken; k++) all_taken = label_box_collides(r, specks[k], 0, 0);
                if (all_taken) continue;
            }
            if (!marked && !label_box_reserve(r, dot)) continue;
            const char *name = display_name(r, app, p.name, p.name_local);
            float size = pass == 0 ? 12.5f : 11.5f;
            float w = render_text_width(r, FACE_REGULAR, size, name);
            /* To the right, else the left, else below or above, else dropped. */
            float h = size * 1.2f, right = (float)x + gap, left = (float)x - gap - 4 - w;
            float centred = (float)x - (w + 4) / 2, below = (float)y + gap - 2, above = (float)y - gap - h + 2;
            SDL_FRect candidates[4] = { { right, (float)y - size * 0.75f, w + 4, h }, { left, (float)y - size * 0.75f, w + 4, h },
                                        { centred, below, w + 4, h }, { centred, above, w + 4, h } };
            int chosen = -1;
            for (int k = 0; k < 4 && chosen < 0; k++)
                if (label_box_free(r, candidates[k])) chosen = k;
            if (chosen < 0) continue;
            SDL_FRect box = candidates[chosen];
            emit_label(r, &(struct PlacedLabel){ .box = box, .x = box.x + 2, .y = box.y + size * 0.75f + size * 0.35f,
                                                 .size = size, .face = FACE_REGULAR, .text = name,
                                                 .color = pass == 2 ? t->label_minor : t->label, .dot_x = (float)x,
                                                 .dot_y = (float)y, .dot_halo = capital ? 3.6f : 2.8f,
                                                 .dot_radius = capital ? 2.6f : 1.9f });
        }
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
        fill_opaque(r, x * d, y * d, (x + w) * d, (y + h) * d, color);
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

/* The name of the country under the pointer, beside the pointer. */
static void draw_chrome(Renderer *r, const App *app)
{
    const Theme *t = r->theme;
    const Bundle *b = app->bundle;

    if (app->hover.country && !app->hover.dragging) {
        BundleCountry c = bundle_country(b, app->hover.country);
        const char *name = display_name(r, app, c.name, c.name_local);
        float tw = render_text_width(r, FACE_BOLD, 13, name);
        /* Beside the pointer, flipped to stay on screen. */
        float x = (float)app->hover.x_css + 14, y = (float)app->hover.y_css + 16;
        if (x + tw + 16 > app->view.width_css) x = (float)app->hover.x_css - tw - 22;
        if (y + 26 > app->view.height_css) y = (float)app->hover.y_css - 36;
        render_fill_rect(r, x, y, tw + 16, 26, t->panel_rule);
        render_fill_rect(r, x + 1, y + 1, tw + 14, 24, t->panel_bg);
        render_text(r, FACE_BOLD, 13, x + 8, y + 18, name, t->panel_text);
    }
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

void render_begin(Renderer *r, const App *app, float dpr)
{
    r->dpr = dpr > 0 ? dpr : 1.0f;
    const Theme *theme = theme_for(app->display.theme);
    if (theme != r->theme) { /* a new theme: everything cached is in the old colours */
        r->theme = theme;
        r->cache_valid = false;
    }
    const Theme *t = r->theme;
    if (direct(r)) {
        /* Cleared by render_map where the map does not cover the frame: a
         * full clear under a full copy of the cache is a megapixel for nothing. */
        r->target = &r->frame;
        r->clip = raster_bounds(&r->frame);
        r->frame_cleared = false;
    } else {
        SDL_SetRenderDrawColor(r->sdl, t->water.r, t->water.g, t->water.b, 255);
        SDL_RenderClear(r->sdl);
    }
    upload_atlas(r); /* shapes sample the atlas's solid block too */
}

/* The base map: fills, borders and labels. */
static void draw_base_map(Renderer *r, const App *app)
{
    draw_countries(r, app);
    draw_selection_outline(r, app); /* under the names, so they stay legible */
    bool later_band = r->band_y1 > r->band_y0 && r->next_band > 0;
    if (later_band) { /* placed by the first band of this redraw: draw what reaches these rows */
        int count = r->placed_label_count;
        r->placed_label_count = 0;
        for (int i = 0; i < count; i++) emit_label(r, &r->placed_labels[i]);
    } else if (app->display.layers & LAYER_LABELS) {
        label_boxes_reset(r, app->view.width_css, app->view.height_css);
        r->placed_label_count = 0;
        /* Order is priority: earlier labels win collisions. */
        draw_country_labels(r, app, 1, 2);
        draw_place_labels(r, app);
        draw_country_labels(r, app, 3, 4);
    } else {
        r->placed_label_count = 0;
    }
    upload_atlas(r);
    batch_flush(r, &r->text, true);
}

/* The base map cache. Software WebGL takes longer to draw every border and
 * label than a frame lasts, so the base map is drawn into a texture a margin
 * larger than the viewport and, while the scale is unchanged, each frame only
 * copies it at an offset (a pan costs one textured quad). While the user is
 * zooming or a flight runs, the copy is scaled instead, and the map is redrawn
 * crisply once the motion stops (App.interacting turns false). */
#define CACHE_MARGIN_CSS 160.0
#define CACHE_MIN_REDRAW_MS 300.0 /* while moving, a partial copy may show for this long */

static bool cache_key_matches(const Renderer *r, const App *app)
{
    return r->cache_layers == app->display.layers && r->cache_local_names == app->display.local_names && r->cache_dpr == r->dpr &&
           r->cache_view.width_css == app->view.width_css && r->cache_view.height_css == app->view.height_css;
}

/* A cache image of w x h device px for direct drawing; false if out of memory. */
static bool create_cache_image(RasterImage *image, int w, int h)
{
    image->pixels = malloc((size_t)w * (size_t)h * 4);
    if (!image->pixels) return false;
    image->width = image->stride = w;
    image->height = h;
    return true;
}

/* A cache texture of w x h device px, or NULL. */
static SDL_Texture *create_cache_texture(Renderer *r, int w, int h)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(r->sdl, &info) != 0 || !(info.flags & SDL_RENDERER_TARGETTEXTURE) ||
        (info.max_texture_width && (w > info.max_texture_width || h > info.max_texture_height)))
        return NULL;
    SDL_Texture *texture = SDL_CreateTexture(r->sdl, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_TARGET, w, h);
    if (texture) SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_NONE); /* opaque: a plain copy */
    return texture;
}

static void destroy_cache_textures(Renderer *r)
{
    if (r->map_cache) SDL_DestroyTexture(r->map_cache);
    if (r->map_next) SDL_DestroyTexture(r->map_next);
    r->map_cache = r->map_next = NULL;
    free(r->cache_image.pixels);
    free(r->next_image.pixels);
    r->cache_image = r->next_image = (RasterImage){ 0 };
    r->cache_w = r->cache_h = 0;
    r->cache_valid = false;
    r->next_band = 0;
}

/* Draws rows [y0, y1) of a cache texture for view (the whole texture if
 * y0 = 0 and y1 = its height). The base map is laid out in full each time,
 * so labels land where they would in one pass; only what falls in the rows
 * is drawn. */
static void cache_draw_rows(Renderer *r, const App *app, bool next, const View *view, Selection selection, int y0,
                            int y1)
{
    App enlarged = *app;
    enlarged.view = *view;
    enlarged.select.current = selection; /* all bands of a redraw show the same one */
    enlarged.view.width_css += 2 * CACHE_MARGIN_CSS;
    enlarged.view.height_css += 2 * CACHE_MARGIN_CSS;
    if (direct(r)) {
        r->target = next ? &r->next_image : &r->cache_image;
        r->clip = (RasterRect){ 0, y0, r->cache_w, y1 };
    } else {
        SDL_SetRenderTarget(r->sdl, next ? r->map_next : r->map_cache);
        SDL_Rect rows = { 0, y0, r->cache_w, y1 - y0 };
        SDL_RenderSetClipRect(r->sdl, &rows); /* and SDL_RenderClear would ignore it: a fill */
    }
    fill_opaque(r, 0, (float)y0, (float)r->cache_w, (float)y1, r->theme->water);
    if (y0 > 0 || y1 < r->cache_h) { r->band_y0 = (float)y0; r->band_y1 = (float)y1; }
    draw_base_map(r, &enlarged);
    r->band_y0 = r->band_y1 = 0;
    if (direct(r)) {
        r->target = &r->frame;
        r->clip = raster_bounds(&r->frame);
    } else {
        SDL_RenderSetClipRect(r->sdl, NULL);
        SDL_SetRenderTarget(r->sdl, NULL);
    }
}

static void cache_set_key(Renderer *r, const App *app, const View *view)
{
    r->cache_view = *view;
    r->cache_layers = app->display.layers;
    r->cache_local_names = app->display.local_names;
    r->cache_dpr = r->dpr;
    r->cache_valid = true;
    r->cache_rendered_ms = app->now_ms;
}

/* Draws the cache for the current view in one go (a new size, theme, layer
 * or language, or the first frame). */
static bool cache_render(Renderer *r, const App *app)
{
    int w = (int)ceil((app->view.width_css + 2 * CACHE_MARGIN_CSS) * r->dpr);
    int h = (int)ceil((app->view.height_css + 2 * CACHE_MARGIN_CSS) * r->dpr);
    bool have = direct(r) ? r->cache_image.pixels != NULL : r->map_cache != NULL;
    if (!have || r->cache_w != w || r->cache_h != h) {
        destroy_cache_textures(r);
        if (direct(r) ? !create_cache_image(&r->cache_image, w, h) : !(r->map_cache = create_cache_texture(r, w, h)))
            return false;
        r->cache_w = w;
        r->cache_h = h;
    }
    r->next_band = 0;
    cache_draw_rows(r, app, false, &app->view, app->select.current, 0, h);
    cache_set_key(r, app, &app->view);
    r->cache_selection = app->select.current;
    return true;
}

/* The progressive redraw (software renderer): the next cache is drawn a band
 * of rows per frame into a second texture while the current one is shown
 * moved and scaled; when the last band is done the two swap. A full redraw
 * takes the software renderer two or three frames' time, so spreading it
 * keeps every frame of a pan or zoom within the frame budget. Returns false
 * if the second texture cannot be made. */
#define CACHE_BANDS 8
static bool cache_step(Renderer *r, const App *app)
{
    if (direct(r) ? !r->next_image.pixels && !create_cache_image(&r->next_image, r->cache_w, r->cache_h)
                  : !r->map_next && !(r->map_next = create_cache_texture(r, r->cache_w, r->cache_h)))
        return false;
    if (r->next_band == 0) {
        r->next_view = app->view;
        r->next_selection = app->select.current;
    }
    int band = r->next_band;
    cache_draw_rows(r, app, true, &r->next_view, r->next_selection, band * r->cache_h / CACHE_BANDS,
                    (band + 1) * r->cache_h / CACHE_BANDS);
    if (++r->next_band < CACHE_BANDS) return true;
    SDL_Texture *done = r->map_next;
    r->map_next = r->map_cache;
    r->map_cache = done;
    RasterImage done_image = r->next_image;
    r->next_image = r->cache_image;
    r->cache_image = done_image;
    r->next_band = 0;
    cache_set_key(r, app, &r->next_view);
    r->cache_selection = r->next_selection;
    return true;
}

/* Direct drawing: water under the whole frame, once per frame. */
static void clear_frame(Renderer *r)
{
    if (!direct(r) || r->frame_cleared) return;
    fill_opaque(r, 0, 0, (float)r->frame.width, (float)r->frame.height, r->theme->water);
    r->frame_cleared = true;
}

/* Where the cache lies in the current view (css px: top left, size) and
 * the fraction of the viewport it covers. */
static double cache_placement(const Renderer *r, const App *app, double *x, double *y, double *w, double *h)
{
    const View *cv = &r->cache_view, *v = &app->view;
    double ratio = v->scale_px / cv->scale_px;
    double left_w = cv->center_x - (cv->width_css / 2 + CACHE_MARGIN_CSS) / cv->scale_px;
    double top_w = cv->center_y - (cv->height_css / 2 + CACHE_MARGIN_CSS) / cv->scale_px;
    view_world_to_screen(v, left_w, top_w, x, y);
    *w = (cv->width_css + 2 * CACHE_MARGIN_CSS) * ratio;
    *h = (cv->height_css + 2 * CACHE_MARGIN_CSS) * ratio;
    double cover_w = fmin(*x + *w, v->width_css) - fmax(*x, 0), cover_h = fmin(*y + *h, v->height_css) - fmax(*y, 0);
    return cover_w > 0 && cover_h > 0 ? cover_w * cover_h / (v->width_css * v->height_css) : 0;
}

/* While the view moves (a flight, a drag, the wheel), a copy of the cache
 * moved and scaled by under a fifth and covering the whole view passes for
 * the map: starting a redraw for a view that is gone a frame later would only
 * take time from the frames (and from the page's other work). */
static bool cache_good_enough_while_moving(const Renderer *r, const App *app, double ratio)
{
    double x, y, w, h;
    return app->interacting && r->next_band == 0 && fabs(log2(ratio)) < 0.25 && cache_placement(r, app, &x, &y, &w, &h) > 0.999;
}

/* Copies the cache to where its world rectangle lies in the current view.
 * Returns false if it would cover less than min_coverage (0..1) of the
 * viewport; what it leaves uncovered shows the water behind. */
static bool cache_blit(Renderer *r, const App *app, double min_coverage)
{
    const View *v = &app->view;
    double ratio = v->scale_px / r->cache_view.scale_px;
    double x, y, w, h;
    if (cache_placement(r, app, &x, &y, &w, &h) < min_coverage - 1e-9) return false;
    SDL_FRect dst = { (float)(x * r->dpr), (float)(y * r->dpr), (float)(w * r->dpr), (float)(h * r->dpr) };
    if (ratio == 1.0) { /* whole device pixels keep the copy sharp */
        dst.x = roundf(dst.x);
        dst.y = roundf(dst.y);
    }
    if (direct(r)) {
        bool covers = dst.x <= 0 && dst.y <= 0 && dst.x + dst.w >= r->frame.width && dst.y + dst.h >= r->frame.height;
        if (!covers) clear_frame(r); /* water where the copy ends */
        raster_copy(r->target, r->clip, &r->cache_image, dst.x, dst.y, ratio == 1.0 ? 1.0 : (double)dst.w / r->cache_w);
        return true;
    }
    /* Copy only what lands in the viewport: the software renderer would
     * otherwise scale the whole texture into a temporary surface first. The
     * source rectangle is whole texels, rounded inwards, so the copy never
     * spills over the viewport; what it misses at an edge (under a texel
     * while scaled) is covered by the next crisp redraw. */
    double k = (double)dst.w / r->cache_w; /* device px per texel */
    double view_w = v->width_css * r->dpr, view_h = v->height_css * r->dpr;
    int sx0 = (int)fmax(0, ceil((0 - dst.x) / k - 1e-6)), sy0 = (int)fmax(0, ceil((0 - dst.y) / k - 1e-6));
    int sx1 = (int)fmin(r->cache_w, floor((view_w - dst.x) / k + 1e-6));
    int sy1 = (int)fmin(r->cache_h, floor((view_h - dst.y) / k + 1e-6));
    if (sx1 <= sx0 || sy1 <= sy0) return true;
    SDL_Rect src = { sx0, sy0, sx1 - sx0, sy1 - sy0 };
    SDL_FRect clipped = { dst.x + (float)(sx0 * k), dst.y + (float)(sy0 * k), (float)(src.w * k), (float)(src.h * k) };
    if (ratio == 1.0) { clipped.w = (float)src.w; clipped.h = (float)src.h; }
    if (r->software) SDL_SetTextureScaleMode(r->map_cache, ratio == 1.0 ? SDL_ScaleModeLinear : SDL_ScaleModeNearest);
    SDL_RenderCopyF(r->sdl, r->map_cache, &src, &clipped);
    return true;
}

/* --- primitives for the overlays (render/markers.c) ------------------------------- */

/* A polyline in css px (at most 256 points) as an anti-aliased strip, batched
 * with the shapes and text so it keeps its place in the drawing order. */
void render_polyline(Renderer *r, const float *xy_css, int n, bool closed, float width_css, Rgba color)
{
    SDL_FPoint pts[256];
    if (n > 256) n = 256;
    if (direct(r)) { /* a distance-shaded line, in its place in the drawing order */
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

const char *render_display_name(const Renderer *r, const App *app, const char *english, const char *local)
{
    return display_name(r, app, english, local);
}

/* The country a selection outlines in the base map, 0 for none. */
static uint32_t outlined_country(Selection s)
{
    return s.kind == SELECTION_COUNTRY ? s.id : 0;
}

void render_map(Renderer *r, const App *app)
{
    bool drawn = false;
    r->cache_approximate = false;
    r->base_shows_selection = true;
    if (r->use_cache) {
        bool key = r->cache_valid && cache_key_matches(r, app);
        /* A cache outlining another country than the selected one is shown
         * only while a redraw is under way (the outline over it meanwhile). */
        bool same_selection = outlined_country(r->cache_selection) == outlined_country(app->select.current);
        bool same_scale = key && same_selection && r->cache_view.scale_px == app->view.scale_px;
        double ratio = key ? app->view.scale_px / r->cache_view.scale_px : 0;
        if (same_scale) drawn = cache_blit(r, app, 1.0);
        if (drawn) {
            r->next_band = 0; /* the cache fits: a redraw under way is not needed */
        } else if (key && r->software && ratio > 0.125 && ratio < 8.0 &&
                   (cache_good_enough_while_moving(r, app, ratio) || cache_step(r, app))) {
            /* Show the current cache moved and scaled (water where it ends,
             * as with map tiles still loading) while the next is drawn. */
            drawn = cache_blit(r, app, 0.0);
            r->cache_approximate = true;
        } else {
            /* While the view moves, a scaled or partial copy is fine for a
             * moment: a redraw takes longer than a frame. */
            bool redrawn_recently = app->now_ms - r->cache_rendered_ms < CACHE_MIN_REDRAW_MS;
            if (key && app->interacting && ratio > 0.25 && ratio < 4.0) {
                drawn = cache_blit(r, app, redrawn_recently ? 0.6 : 1.0);
                r->cache_approximate = drawn;
            }
        }
        if (!drawn && cache_render(r, app)) drawn = cache_blit(r, app, 1.0);
        if (drawn) r->base_shows_selection = outlined_country(r->cache_selection) == outlined_country(app->select.current);
    }
    if (!drawn) {
        clear_frame(r);
        draw_base_map(r, app);
    }
    draw_country_highlights(r, app);
    render_relations(r, app);
    render_markers(r, app);
    draw_chrome(r, app);
}

bool render_busy(const Renderer *r) { return r->cache_approximate; }

void render_invalidate(Renderer *r)
{
    r->cache_valid = false;
    for (int i = 0; i < RENDER_LAYER_COUNT; i++) r->layers[i].valid = false;
}

void render_flush(Renderer *r)
{
    upload_atlas(r);
    batch_flush(r, &r->text, true);
}

/* The device px rectangle a css rectangle covers, within the frame. */
static RasterRect layer_rect(const Renderer *r, const float rect_css[4])
{
    RasterRect d = { (int)floorf(rect_css[0] * r->dpr), (int)floorf(rect_css[1] * r->dpr),
                     (int)ceilf((rect_css[0] + rect_css[2]) * r->dpr), (int)ceilf((rect_css[1] + rect_css[3]) * r->dpr) };
    if (d.x0 < 0) d.x0 = 0;
    if (d.y0 < 0) d.y0 = 0;
    if (d.x1 > r->frame.width) d.x1 = r->frame.width;
    if (d.y1 > r->frame.height) d.y1 = r->frame.height;
    return d;
}

static bool same_rect(RasterRect a, RasterRect b)
{
    return a.x0 == b.x0 && a.y0 == b.y0 && a.x1 == b.x1 && a.y1 == b.y1;
}

uint64_t render_layer_key(uint64_t key, const void *data, size_t size)
{
    const unsigned char *b = data;
    for (size_t i = 0; i < size; i++) key = (key ^ b[i]) * 0x100000001B3ull;
    return key;
}

uint64_t render_layer_key_renderer(uint64_t key, const Renderer *r)
{
    key = RENDER_LAYER_KEY_VALUE(key, r->theme);
    key = RENDER_LAYER_KEY_VALUE(key, r->dpr);
    return RENDER_LAYER_KEY_VALUE(key, r->atlas.generation); /* glyphs re-rasterised */
}

bool render_layer_reuse(Renderer *r, int layer, const float rect_css[4], uint64_t key)
{
    if (!direct(r) || layer < 0 || layer >= RENDER_LAYER_COUNT) return false;
    struct RenderLayer *l = &r->layers[layer];
    RasterRect d = layer_rect(r, rect_css);
    if (!l->valid || l->key != key || !same_rect(l->rect, d) || d.x1 <= d.x0 || d.y1 <= d.y0) return false;
    render_flush(r); /* what was batched before lies under the layer */
    raster_copy(&r->frame, d, &l->image, d.x0, d.y0, 1.0);
    return true;
}

void render_layer_keep(Renderer *r, int layer, const float rect_css[4], uint64_t key)
{
    if (!direct(r) || layer < 0 || layer >= RENDER_LAYER_COUNT) return;
    struct RenderLayer *l = &r->layers[layer];
    RasterRect d = layer_rect(r, rect_css);
    int w = d.x1 - d.x0, h = d.y1 - d.y0;
    l->valid = false;
    if (w <= 0 || h <= 0) return;
    render_flush(r); /* the layer's own drawing, into the frame */
    if (l->image.width != w || l->image.height != h) {
        free(l->image.pixels);
        l->image = (RasterImage){ 0 };
        if (!create_cache_image(&l->image, w, h)) return;
    }
    RasterImage region = { r->frame.pixels + (size_t)d.y0 * (size_t)r->frame.stride + (size_t)d.x0, w, h, r->frame.stride };
    raster_copy(&l->image, raster_bounds(&l->image), &region, 0, 0, 1.0);
    l->rect = d;
    l->key = key;
    l->valid = true;
}

bool render_ring_sectors(Renderer *r, float cx, float cy, float radius, float width, const float *ends,
                         const Rgba *colors, int sectors)
{
    if (!direct(r) || sectors <= 0 || sectors > 16) return false;
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
    if (direct(r)) {
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

void render_frame(Renderer *r, const App *app, float dpr)
{
    render_begin(r, app, dpr);
    render_map(r, app);
    render_flush(r);
}
