/* render/countries: the countries' fills and borders, clipped to a guard
 * band around the view, and the hover and selection highlights. See
 * render_internal.h. */
#include "render/render_internal.h"

#include "core/country_triangles.h"

#include <math.h>
#include <stdlib.h>

/* Screen-space decimation: ring points closer than this (device px) to the last
 * kept one are skipped. At low zoom this drops most of the 50m detail that
 * would land on the same pixel anyway. */
#define DECIMATE_DEVICE_PX 1.0f

static void world_to_device(const App *app, float dpr, float wx, float wy, float *dx, float *dy)
{
    const View *v = &app->view;
    *dx = (float)(((wx - v->center_x) * v->scale_px + v->width_css * 0.5) * dpr);
    *dy = (float)(((wy - v->center_y) * v->scale_px + v->height_css * 0.5) * dpr);
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

void countries_free_triangles(Renderer *r)
{
    free(r->fill_tris.indices);
    free(r->fill_ranges);
    r->fill_tris = (TriangulateOut){ 0 };
    r->fill_ranges = NULL;
    r->fill_bundle = NULL;
    r->fill_country_count = 0;
}

/* Country id's fill triangles (3 indices each, into the bundle's vertices),
 * cut from its rings on the first call and kept: the bundle stores no
 * triangles (format 4), and cutting all 240 countries at load would cost
 * every start a few milliseconds (tests/unit/test_triangulate.c prints how
 * many) that the direct path never needs, nor a view of a few countries. Returns
 * false when out of memory (the country is then not filled this frame). */
static bool country_fill_triangles(Renderer *r, const Bundle *b, uint32_t id, const uint32_t **abc, uint32_t *count)
{
    if (r->fill_bundle != b || r->fill_country_count != b->country_count) {
        /* a renderer is set up again for a new bundle (bundle_swap.c), but
         * an App could be pointed at another one: start again */
        countries_free_triangles(r);
        r->fill_ranges = calloc(b->country_count ? b->country_count : 1, sizeof *r->fill_ranges);
        if (!r->fill_ranges) return false;
        r->fill_bundle = b;
        r->fill_country_count = b->country_count;
    }
    if (id == 0 || id > r->fill_country_count) return false;
    struct CountryFillRange *range = &r->fill_ranges[id - 1];
    if (!range->done) {
        size_t first = r->fill_tris.count;
        if (country_triangles(b, id, &r->fill_tris) != TRIANGULATE_OK) return false;
        size_t n = (r->fill_tris.count - first) / 3;
        if (first > UINT32_MAX || n > UINT32_MAX) return false;
        *range = (struct CountryFillRange){ (uint32_t)first, (uint32_t)n, true };
    }
    *abc = r->fill_tris.indices + range->first;
    *count = range->count;
    return true;
}

/* Adds a country's triangles to the fill batch (when drawing directly, fills
 * its rings instead, and never triangulates). A country's rings are stored
 * contiguously, so its vertices are one range and its triangles index into
 * it. */
static void add_country_fill(Renderer *r, const App *app, uint32_t id, const BundleCountry *c, Rgba color)
{
    if (direct_drawing(r)) {
        fill_country_rings(r, app, c, color);
        return;
    }
    const Bundle *b = app->bundle;
    const uint32_t *tris;
    uint32_t triangle_count;
    if (!country_fill_triangles(r, b, id, &tris, &triangle_count)) return;
    BundleRing first = bundle_ring(b, c->ring_first);
    BundleRing last = bundle_ring(b, c->ring_first + c->ring_count - 1);
    uint32_t v0 = first.vert_first, v1 = last.vert_first + last.vert_count;
    int nv = (int)(v1 - v0), ni = (int)triangle_count * 3;
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
    for (uint32_t t = 0; t < triangle_count; t++) {
        const uint32_t *abc = tris + 3 * (size_t)t;
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

/* Strokes a ring; parts beyond the guard band are cut away, leaving open runs. */
static void stroke_ring(Renderer *r, const GuardRect *g, int n, float width_px, Rgba color, float casing_px,
                        Rgba casing)
{
    const SDL_FPoint *p = r->ring_scratch;
    bool all_inside = true;
    for (int i = 0; i < n && all_inside; i++) all_inside = inside_guard(g, p[i].x, p[i].y);
    if (all_inside) {
        batch_stroke_run(r, p, n, true, width_px, color, casing_px, casing);
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
            if (run >= 2) batch_stroke_run(r, r->run_scratch, run, false, width_px, color, casing_px, casing);
            run = 0;
            continue;
        }
        if (run == 0 || ca) {
            if (run >= 2) batch_stroke_run(r, r->run_scratch, run, false, width_px, color, casing_px, casing);
            run = 0;
            r->run_scratch[run++] = a;
        }
        r->run_scratch[run++] = b;
        if (cb) {
            batch_stroke_run(r, r->run_scratch, run, false, width_px, color, casing_px, casing);
            run = 0;
        }
    }
    if (run >= 2) batch_stroke_run(r, r->run_scratch, run, false, width_px, color, casing_px, casing);
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

void countries_draw(Renderer *r, const App *app)
{
    const Bundle *b = app->bundle;
    const Theme *t = r->theme;
    double visible[4];
    view_visible_bounds(&app->view, visible);
    if (r->band_y1 > r->band_y0) {
        /* Only a part of the cache is drawn (a band of rows of the
         * progressive redraw, or a margin strip): skip what lies wholly
         * outside it, borders' width included. */
        view_screen_to_world(&app->view, r->band_x0 / r->dpr - 4.0, r->band_y0 / r->dpr - 4.0, &visible[0], &visible[1]);
        view_screen_to_world(&app->view, r->band_x1 / r->dpr + 4.0, r->band_y1 / r->dpr + 4.0, &visible[2], &visible[3]);
    }
    /* Borders scale gently with zoom so the region reads at every level. */
    float zoom_boost = (float)fmin(1.6, fmax(0.7, log2(app->view.scale_px / 400.0 + 1.0)));
    for (uint32_t id = 1; id <= b->country_count; id++) {
        BundleCountry c = bundle_country(b, id);
        if (!c.ring_count || !view_bbox_visible(c.bbox, visible)) continue;
        add_country_fill(r, app, id, &c, theme_country_fill(t, c.flags, c.color));
        bool focus = (c.flags & COUNTRY_FLAG_CENTRAL_ASIA) != 0;
        add_country_outline(r, app, &c, (focus ? 1.1f : 0.7f) * zoom_boost, focus ? t->border_focus : t->border);
    }
    /* The fills are opaque. Blending them costs the software renderer an
     * intermediate surface per triangle; without it, a plain fill. */
    bool unblended = r->software && !direct_drawing(r); /* the rasteriser stores opaque pixels by itself */
    if (unblended) SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_NONE);
    batch_flush(r, &r->fill, false);
    if (unblended) SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_BLEND);
    batch_flush_strokes(r);
}

/* The selected country's outline with a halo. */
void countries_draw_selection(Renderer *r, const App *app)
{
    if (app->select.current.kind != SELECTION_COUNTRY || !app->select.current.id) return;
    BundleCountry c = bundle_country(app->bundle, app->select.current.id);
    double visible[4];
    view_visible_bounds(&app->view, visible);
    if (!c.ring_count || !view_bbox_visible(c.bbox, visible)) return;
    add_country_outline_cased(r, app, &c, 2.4f, r->theme->selected_outline, 4.5f, r->theme->label_halo);
    batch_flush_strokes(r);
}

/* What changes often is drawn over the (possibly cached) base map every
 * frame: the hover tint and outline, and the selected country's outline
 * until the base map is drawn again with it (under the names). */
void countries_draw_highlights(Renderer *r, const App *app)
{
    const Bundle *b = app->bundle;
    const Theme *t = r->theme;
    double visible[4];
    view_visible_bounds(&app->view, visible);
    bool selection_drawn = r->base_shows_selection; /* under the names, in the base map */
    /* The selected country hovered: its outline covers the hover outline, so
     * that is not drawn, during a flight either (it took a fifth of a flight
     * frame and showed through the halo until the base map was redrawn). */
    bool hover_is_selection = app->select.current.kind == SELECTION_COUNTRY && app->select.current.id == app->hover.country;
    if (app->hover.country && !r->figure && !hover_is_selection) {
        BundleCountry c = bundle_country(b, app->hover.country);
        if (c.ring_count && view_bbox_visible(c.bbox, visible)) {
            /* A light tint where blending is cheap (a GPU); everywhere an
             * outline, which the software renderer draws in a fraction of
             * the time a translucent fill of a large country would take. */
            if (!r->software) {
                add_country_fill(r, app, app->hover.country, &c, t->hover_tint);
                batch_flush(r, &r->fill, false);
            }
            add_country_outline(r, app, &c, 2.6f, t->hover_outline);
            batch_flush_strokes(r);
        }
    }
    if (!selection_drawn) countries_draw_selection(r, app);
}
