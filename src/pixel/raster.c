/* raster: triangles, rectangles and copies straight into RGBA pixels. See raster.h. */
#include "raster.h"
#include "raster_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

RasterRect raster_bounds(const RasterImage *image)
{
    return (RasterRect){ 0, 0, image->width, image->height };
}

/* x / 255, rounded, for x up to 255 * 255 * 2. */
static inline uint32_t div255(uint32_t x)
{
    x += 128;
    return (x + (x >> 8)) >> 8;
}

/* SDL's "blend" mode: rgb = src * a + dst * (1 - a), alpha = a + dst_a * (1 - a). */
static inline uint32_t blend_over(uint32_t dst, uint32_t r, uint32_t g, uint32_t b, uint32_t a)
{
    uint32_t ia = 255 - a;
    uint32_t dr = dst & 255, dg = (dst >> 8) & 255, db = (dst >> 16) & 255, da = dst >> 24;
    return div255(r * a + dr * ia) | div255(g * a + dg * ia) << 8 | div255(b * a + db * ia) << 16 |
           div255(255 * a + da * ia) << 24;
}

static void fill_span(uint32_t *row, int x0, int x1, uint32_t color)
{
    uint32_t a = color >> 24;
    if (a == 255) {
        for (int x = x0; x < x1; x++) row[x] = color;
    } else if (a > 0) {
        uint32_t r = color & 255, g = (color >> 8) & 255, b = (color >> 16) & 255;
        for (int x = x0; x < x1; x++) row[x] = blend_over(row[x], r, g, b, a);
    }
}

void raster_fill_rect(RasterImage *dst, RasterRect clip, float x0, float y0, float x1, float y1, uint32_t color)
{
    clip = clip_to_image(dst, clip);
    if (clip.x1 <= clip.x0 || clip.y1 <= clip.y0) return;
    int px0 = first_centre_at_or_after(x0, clip.x0, clip.x1), px1 = first_centre_at_or_after(x1, clip.x0, clip.x1);
    int py0 = first_centre_at_or_after(y0, clip.y0, clip.y1), py1 = first_centre_at_or_after(y1, clip.y0, clip.y1);
    for (int y = py0; y < py1; y++) fill_span(dst->pixels + (size_t)y * (size_t)dst->stride, px0, px1, color);
}

/* --- triangles --------------------------------------------------------------- */

/* A non-horizontal edge, its ends ordered by y so that two triangles sharing
 * it compute bit-identical crossings; the interior lies to its right
 * (crossings are lower bounds, inclusive) or left (upper bounds, exclusive). */
typedef struct TriEdge {
    double ax, ay, slope; /* x at row centre yc = ax + (yc - ay) * slope */
    bool interior_right;
} TriEdge;

static int make_edges(const RasterVertex *p[3], TriEdge edges[3])
{
    int n = 0;
    for (int i = 0; i < 3; i++) {
        const RasterVertex *a = p[i], *b = p[(i + 1) % 3], *c = p[(i + 2) % 3];
        if (a->y == b->y) continue; /* horizontal: the row range bounds it */
        if (a->y > b->y) { const RasterVertex *t = a; a = b; b = t; }
        double cross = ((double)b->x - a->x) * ((double)c->y - a->y) - ((double)b->y - a->y) * ((double)c->x - a->x);
        edges[n++] = (TriEdge){ a->x, a->y, ((double)b->x - a->x) / ((double)b->y - a->y), cross < 0 };
    }
    return n;
}

/* An attribute's plane over the triangle: value = at0 + ddx * (x - x0) + ddy * (y - y0). */
typedef struct Plane {
    double at0, ddx, ddy;
} Plane;

static Plane make_plane(const RasterVertex *p[3], double a0, double a1, double a2, double area2)
{
    double x10 = (double)p[1]->x - p[0]->x, y10 = (double)p[1]->y - p[0]->y;
    double x20 = (double)p[2]->x - p[0]->x, y20 = (double)p[2]->y - p[0]->y;
    return (Plane){ a0, ((a1 - a0) * y20 - (a2 - a0) * y10) / area2, ((a2 - a0) * x10 - (a1 - a0) * x20) / area2 };
}

static inline uint32_t clamp_byte(float v)
{
    return v <= 0.0f ? 0u : v >= 255.0f ? 255u : (uint32_t)(v + 0.5f);
}

static inline uint32_t vertex_color(const RasterVertex *v)
{
    return raster_rgba(v->r, v->g, v->b, v->a);
}

static void draw_triangle(RasterImage *dst, RasterRect clip, const RasterVertex *p[3], const RasterCoverage *texture)
{
    for (int i = 0; i < 3; i++)
        if (!isfinite(p[i]->x) || !isfinite(p[i]->y)) return;
    double x0 = p[0]->x, y0 = p[0]->y;
    double area2 = ((double)p[1]->x - x0) * ((double)p[2]->y - y0) - ((double)p[2]->x - x0) * ((double)p[1]->y - y0);
    if (area2 == 0 || !isfinite(area2)) return;
    double ymin = min_d(y0, min_d(p[1]->y, p[2]->y)), ymax = max_d(y0, max_d(p[1]->y, p[2]->y));
    int row0 = first_centre_at_or_after(ymin, clip.y0, clip.y1), row1 = first_centre_at_or_after(ymax, clip.y0, clip.y1);
    if (row1 <= row0) return;
    TriEdge edges[3];
    int edge_count = make_edges(p, edges);

    bool flat_color = vertex_color(p[0]) == vertex_color(p[1]) && vertex_color(p[0]) == vertex_color(p[2]);
    bool one_texel = p[0]->u == p[1]->u && p[0]->u == p[2]->u && p[0]->v == p[1]->v && p[0]->v == p[2]->v;
    bool textured = texture && texture->texels && texture->size > 0;
    uint32_t flat = vertex_color(p[0]);
    double coverage = 1.0; /* of the one texel sampled, scaling the vertices' alpha */
    if (textured && one_texel) { /* e.g. shapes sampling the atlas's solid block */
        int size = texture->size;
        int tx = (int)fmin(fmax(floor(p[0]->u * size), 0), size - 1), ty = (int)fmin(fmax(floor(p[0]->v * size), 0), size - 1);
        coverage = texture->texels[(size_t)ty * (size_t)size + (size_t)tx] / 255.0;
        uint32_t alpha = div255((flat >> 24) * texture->texels[(size_t)ty * (size_t)size + (size_t)tx]);
        flat = (flat & 0x00FFFFFFu) | alpha << 24;
        textured = false;
    }
    bool flat_fill = flat_color && !textured;
    if (flat_fill && (flat >> 24) == 0) return;

    /* Only what varies is interpolated: an anti-aliased stroke's feather
     * varies in alpha alone, a glyph in its texture coordinates alone. */
    bool flat_rgb = (vertex_color(p[0]) & 0x00FFFFFFu) == (vertex_color(p[1]) & 0x00FFFFFFu) &&
                    (vertex_color(p[0]) & 0x00FFFFFFu) == (vertex_color(p[2]) & 0x00FFFFFFu);
    Plane alpha_plane = { 0, 0, 0 }, planes[5] = { { 0, 0, 0 } };
    if (!flat_fill) {
        alpha_plane = make_plane(p, p[0]->a * coverage, p[1]->a * coverage, p[2]->a * coverage, area2);
        if (!flat_rgb) {
            planes[0] = make_plane(p, p[0]->r, p[1]->r, p[2]->r, area2);
            planes[1] = make_plane(p, p[0]->g, p[1]->g, p[2]->g, area2);
            planes[2] = make_plane(p, p[0]->b, p[1]->b, p[2]->b, area2);
        }
        if (textured) {
            planes[3] = make_plane(p, p[0]->u, p[1]->u, p[2]->u, area2);
            planes[4] = make_plane(p, p[0]->v, p[1]->v, p[2]->v, area2);
        }
    }

    for (int y = row0; y < row1; y++) {
        double yc = y + 0.5, lo = -INFINITY, hi = INFINITY;
        for (int e = 0; e < edge_count; e++) {
            double x = edges[e].ax + (yc - edges[e].ay) * edges[e].slope;
            if (edges[e].interior_right) lo = max_d(lo, x);
            else hi = min_d(hi, x);
        }
        int px0 = first_centre_at_or_after(lo, clip.x0, clip.x1), px1 = first_centre_at_or_after(hi, clip.x0, clip.x1);
        if (px1 <= px0) continue;
        uint32_t *row = dst->pixels + (size_t)y * (size_t)dst->stride;
        if (flat_fill) {
            fill_span(row, px0, px1, flat);
            continue;
        }
        /* Attributes at the first pixel centre, then stepped per pixel. */
        double dx0 = px0 + 0.5 - x0, dy0 = yc - y0;
        float alpha = (float)(alpha_plane.at0 + alpha_plane.ddx * dx0 + alpha_plane.ddy * dy0);
        float alpha_step = (float)alpha_plane.ddx;
        if (flat_rgb && !textured) { /* a feathered edge: alpha varies, colour does not */
            uint32_t r = flat & 255, g = (flat >> 8) & 255, b = (flat >> 16) & 255;
            for (int x = px0; x < px1; x++, alpha += alpha_step) {
                uint32_t a = clamp_byte(alpha);
                if (a == 255) row[x] = flat | 0xFF000000u;
                else if (a > 0) row[x] = blend_over(row[x], r, g, b, a);
            }
            continue;
        }
        float value[5], step[5];
        for (int k = 0; k < 5; k++) {
            value[k] = (float)(planes[k].at0 + planes[k].ddx * dx0 + planes[k].ddy * dy0);
            step[k] = (float)planes[k].ddx;
        }
        int size = textured ? texture->size : 0;
        for (int x = px0; x < px1; x++, alpha += alpha_step) {
            uint32_t a = clamp_byte(alpha);
            if (textured) {
                int tx = (int)(value[3] * (float)size), ty = (int)(value[4] * (float)size);
                tx = tx < 0 ? 0 : tx >= size ? size - 1 : tx;
                ty = ty < 0 ? 0 : ty >= size ? size - 1 : ty;
                a = div255(a * texture->texels[(size_t)ty * (size_t)size + (size_t)tx]);
            }
            uint32_t r = flat & 255, g = (flat >> 8) & 255, b = (flat >> 16) & 255;
            if (!flat_rgb) { r = clamp_byte(value[0]); g = clamp_byte(value[1]); b = clamp_byte(value[2]); }
            if (a == 255) row[x] = raster_rgba((uint8_t)r, (uint8_t)g, (uint8_t)b, 255);
            else if (a > 0) row[x] = blend_over(row[x], r, g, b, a);
            for (int k = 0; k < 5; k++) value[k] += step[k];
        }
    }
}

/* Whether indices[i..i+5] are a rectangle split along a diagonal as (a, b, c),
 * (a, c, d), axis-aligned, one colour, with texture coordinates that follow
 * the axes (a glyph, a UI box). Such a pair covers exactly the pixel centres
 * in its rectangle, so it can be drawn as one. */
static bool is_axis_quad(const RasterVertex *vertices, int vertex_count, const int *idx, int i)
{
    int a = idx[i], b = idx[i + 1], c = idx[i + 2];
    if (idx[i + 3] != a || idx[i + 4] != c) return false;
    int d = idx[i + 5];
    if (a < 0 || b < 0 || c < 0 || d < 0 || a >= vertex_count || b >= vertex_count || c >= vertex_count ||
        d >= vertex_count)
        return false;
    const RasterVertex *p = &vertices[a], *q = &vertices[b], *r = &vertices[c], *s = &vertices[d];
    uint32_t color = vertex_color(p);
    if (vertex_color(q) != color || vertex_color(r) != color || vertex_color(s) != color) return false;
    /* a-b along x, b-c along y (or a-b along y, b-c along x). */
    bool x_first = p->y == q->y && q->x == r->x && r->y == s->y && s->x == p->x;
    bool y_first = p->x == q->x && q->y == r->y && r->x == s->x && s->y == p->y;
    if (x_first) return p->v == q->v && q->u == r->u && r->v == s->v && s->u == p->u;
    if (y_first) return p->u == q->u && q->v == r->v && r->u == s->u && s->v == p->v;
    return false;
}

static void draw_axis_quad(RasterImage *dst, RasterRect clip, const RasterVertex *vertices, const int *idx,
                           const RasterCoverage *texture)
{
    const RasterVertex *a = &vertices[idx[0]], *c = &vertices[idx[2]];
    if (!isfinite(a->x) || !isfinite(a->y) || !isfinite(c->x) || !isfinite(c->y) || a->x == c->x || a->y == c->y) return;
    /* Corners a and c are opposite; texture coordinates are linear in x and y. */
    double x0 = min_d(a->x, c->x), x1 = max_d(a->x, c->x), y0 = min_d(a->y, c->y), y1 = max_d(a->y, c->y);
    double du_dx = ((double)c->u - a->u) / ((double)c->x - a->x), dv_dy = ((double)c->v - a->v) / ((double)c->y - a->y);
    int px0 = first_centre_at_or_after(x0, clip.x0, clip.x1), px1 = first_centre_at_or_after(x1, clip.x0, clip.x1);
    int py0 = first_centre_at_or_after(y0, clip.y0, clip.y1), py1 = first_centre_at_or_after(y1, clip.y0, clip.y1);
    if (px1 <= px0 || py1 <= py0) return;
    uint32_t color = vertex_color(a), alpha = color >> 24;
    bool textured = texture && texture->texels && texture->size > 0;
    int size = textured ? texture->size : 0;
    if (textured && (du_dx == 0 || !isfinite(du_dx)) && (dv_dy == 0 || !isfinite(dv_dy))) {
        /* One texel for the whole rectangle (shapes sampling the solid block). */
        int tx = (int)fmin(fmax(floor(a->u * size), 0), size - 1), ty = (int)fmin(fmax(floor(a->v * size), 0), size - 1);
        alpha = div255(alpha * texture->texels[(size_t)ty * (size_t)size + (size_t)tx]);
        color = (color & 0x00FFFFFFu) | alpha << 24;
        textured = false;
    }
    if (!textured) {
        for (int y = py0; y < py1; y++) fill_span(dst->pixels + (size_t)y * (size_t)dst->stride, px0, px1, color);
        return;
    }
    if (alpha == 0) return;
    uint32_t r = color & 255, g = (color >> 8) & 255, b = (color >> 16) & 255;
    for (int y = py0; y < py1; y++) {
        double v = a->v + (y + 0.5 - a->y) * dv_dy;
        int ty = (int)floor(v * size);
        ty = ty < 0 ? 0 : ty >= size ? size - 1 : ty;
        const uint8_t *texels = texture->texels + (size_t)ty * (size_t)size;
        uint32_t *row = dst->pixels + (size_t)y * (size_t)dst->stride;
        double u = a->u + (px0 + 0.5 - a->x) * du_dx;
        for (int x = px0; x < px1; x++, u += du_dx) {
            int tx = (int)floor(u * size);
            tx = tx < 0 ? 0 : tx >= size ? size - 1 : tx;
            uint32_t coverage = texels[tx];
            if (coverage == 0) continue;
            uint32_t pixel_alpha = alpha == 255 ? coverage : div255(alpha * coverage);
            row[x] = pixel_alpha == 255 ? (color | 0xFF000000u) : blend_over(row[x], r, g, b, pixel_alpha);
        }
    }
}

void raster_triangles(RasterImage *dst, RasterRect clip, const RasterVertex *vertices, int vertex_count,
                      const int *indices, int index_count, const RasterCoverage *texture)
{
    clip = clip_to_image(dst, clip);
    if (clip.x1 <= clip.x0 || clip.y1 <= clip.y0) return;
    for (int i = 0; i + 2 < index_count; i += 3) {
        if (i + 5 < index_count && is_axis_quad(vertices, vertex_count, indices, i)) {
            draw_axis_quad(dst, clip, vertices, indices + i, texture);
            i += 3; /* and the loop's 3: both triangles */
            continue;
        }
        const RasterVertex *p[3];
        bool valid = true;
        for (int k = 0; k < 3; k++) {
            int index = indices[i + k];
            if (index < 0 || index >= vertex_count) { valid = false; break; }
            p[k] = &vertices[index];
        }
        if (valid) draw_triangle(dst, clip, p, texture);
    }
}

/* --- discs -------------------------------------------------------------------- */

void raster_fill_circle(RasterImage *dst, RasterRect clip, float cx, float cy, float radius, uint32_t color)
{
    clip = clip_to_image(dst, clip);
    uint32_t alpha = color >> 24;
    if (clip.x1 <= clip.x0 || clip.y1 <= clip.y0 || alpha == 0 || !(radius > 0) || !isfinite(cx) || !isfinite(cy)) return;
    uint32_t r = color & 255, g = (color >> 8) & 255, b = (color >> 16) & 255;
    float outer = radius + 0.5f, inner = radius - 0.5f; /* coverage 0 beyond outer, 1 within inner */
    int row0 = first_centre_at_or_after(cy - outer, clip.y0, clip.y1), row1 = first_centre_at_or_after(cy + outer, clip.y0, clip.y1);
    for (int y = row0; y < row1; y++) {
        float dy = (float)y + 0.5f - cy, dy2 = dy * dy;
        if (dy2 >= outer * outer) continue;
        float half = sqrtf(outer * outer - dy2);
        float solid_half = inner > 0 && dy2 < inner * inner ? sqrtf(inner * inner - dy2) : -1.0f;
        int x0 = first_centre_at_or_after(cx - half, clip.x0, clip.x1), x1 = first_centre_at_or_after(cx + half, clip.x0, clip.x1);
        int s0 = x1, s1 = x1; /* the run of whole coverage, drawn as a span */
        if (solid_half > 0) {
            s0 = first_centre_at_or_after(cx - solid_half, x0, x1);
            s1 = first_centre_at_or_after(cx + solid_half, s0, x1);
        }
        uint32_t *row = dst->pixels + (size_t)y * (size_t)dst->stride;
        for (int x = x0; x < x1; x++) {
            if (x == s0 && s1 > s0) {
                fill_span(row, s0, s1, color);
                x = s1 - 1;
                continue;
            }
            float dx = (float)x + 0.5f - cx;
            float coverage = outer - sqrtf(dx * dx + dy2);
            if (coverage <= 0.0f) continue;
            if (coverage > 1.0f) coverage = 1.0f;
            uint32_t a = (uint32_t)(coverage * (float)alpha + 0.5f);
            if (a >= 255) row[x] = color | 0xFF000000u;
            else if (a > 0) row[x] = blend_over(row[x], r, g, b, a);
        }
    }
}

/* --- polygons ----------------------------------------------------------------- */

/* Sorts edges by top_y. Not qsort: its comparator calls made it most of a
 * country fill's setup in the web page's first frame (about 12 ms of it;
 * issue 15). Quicksort, median of three, the smaller side first (so the
 * stack holds at most log2 n ranges), insertion sort below 16. Edges with
 * the same top_y may end up in any order: the scan sorts each row's
 * crossings itself, so the pixels do not depend on it. */
static void sort_edges_by_top(RasterEdge *e, int n)
{
    int stack[2 * 64], depth = 0, lo = 0, hi = n - 1;
    for (;;) {
        while (hi - lo >= 16) {
            int mid = lo + (hi - lo) / 2;
            if (e[mid].top_y < e[lo].top_y) { RasterEdge t = e[mid]; e[mid] = e[lo]; e[lo] = t; }
            if (e[hi].top_y < e[lo].top_y) { RasterEdge t = e[hi]; e[hi] = e[lo]; e[lo] = t; }
            if (e[hi].top_y < e[mid].top_y) { RasterEdge t = e[hi]; e[hi] = e[mid]; e[mid] = t; }
            float pivot = e[mid].top_y;
            int i = lo, j = hi;
            while (i <= j) {
                while (e[i].top_y < pivot) i++;
                while (e[j].top_y > pivot) j--;
                if (i <= j) { RasterEdge t = e[i]; e[i] = e[j]; e[j] = t; i++; j--; }
            }
            /* [lo, j] and [i, hi] are left; the larger waits on the stack. */
            if (j - lo < hi - i) { stack[depth++] = i; stack[depth++] = hi; hi = j; }
            else { stack[depth++] = lo; stack[depth++] = j; lo = i; }
        }
        for (int i = lo + 1; i <= hi; i++) {
            RasterEdge x = e[i];
            int k = i;
            while (k > lo && e[k - 1].top_y > x.top_y) { e[k] = e[k - 1]; k--; }
            e[k] = x;
        }
        if (depth == 0) return;
        hi = stack[--depth];
        lo = stack[--depth];
    }
}

void raster_fill_polygon(RasterImage *dst, RasterRect clip, const float *xy, const int *ring_ends, int ring_count,
                         uint32_t color, RasterPolygonScratch *scratch)
{
    clip = clip_to_image(dst, clip);
    if (clip.x1 <= clip.x0 || clip.y1 <= clip.y0 || ring_count <= 0 || (color >> 24) == 0) return;
    int total = ring_ends[ring_count - 1];
    if (total > scratch->capacity) return;
    /* Edges, each from its upper end: two polygons sharing an edge compute
     * the same crossings whichever way their rings run. Horizontal edges
     * add nothing to a scan at row centres. */
    int edge_count = 0;
    float min_y = INFINITY, max_y = -INFINITY;
    for (int k = 0, start = 0; k < ring_count; start = ring_ends[k], k++) {
        int end = ring_ends[k];
        if (end - start < 3 || end > total || end < start) continue;
        for (int i = start; i < end; i++) {
            int j = i + 1 < end ? i + 1 : start;
            float ax = xy[2 * i], ay = xy[2 * i + 1], bx = xy[2 * j], by = xy[2 * j + 1];
            if (!isfinite(ax) || !isfinite(ay) || !isfinite(bx) || !isfinite(by) || ay == by) continue;
            if (ay > by) { float t = ax; ax = bx; bx = t; t = ay; ay = by; by = t; }
            scratch->edges[edge_count++] = (RasterEdge){ ay, by, ax, (float)(((double)bx - ax) / ((double)by - ay)) };
            min_y = min_f(min_y, ay);
            max_y = max_f(max_y, by);
        }
    }
    if (edge_count < 2) return;
    sort_edges_by_top(scratch->edges, edge_count);
    int row0 = first_centre_at_or_after(min_y, clip.y0, clip.y1), row1 = first_centre_at_or_after(max_y, clip.y0, clip.y1);
    int next = 0, active_count = 0;
    for (int y = row0; y < row1; y++) {
        float yc = (float)y + 0.5f;
        /* Edges reaching this row join; those that ended leave. An edge
         * covers the rows whose centres lie in [top, bottom). */
        while (next < edge_count && scratch->edges[next].top_y <= yc) scratch->active[active_count++] = next++;
        int kept = 0;
        for (int a = 0; a < active_count; a++)
            if (scratch->edges[scratch->active[a]].bottom_y > yc) scratch->active[kept++] = scratch->active[a];
        active_count = kept;
        /* Crossings, sorted (few per row: insertion sort). */
        int n = 0;
        for (int a = 0; a < active_count; a++) {
            const RasterEdge *e = &scratch->edges[scratch->active[a]];
            double x = (double)e->top_x + ((double)yc - e->top_y) * e->slope;
            int k = n++;
            while (k > 0 && scratch->crossings[k - 1] > x) { scratch->crossings[k] = scratch->crossings[k - 1]; k--; }
            scratch->crossings[k] = x;
        }
        uint32_t *row = dst->pixels + (size_t)y * (size_t)dst->stride;
        for (int k = 0; k + 1 < n; k += 2) {
            int x0 = first_centre_at_or_after(scratch->crossings[k], clip.x0, clip.x1);
            int x1 = first_centre_at_or_after(scratch->crossings[k + 1], clip.x0, clip.x1);
            if (x1 > x0) fill_span(row, x0, x1, color);
        }
    }
}

/* --- polylines ---------------------------------------------------------------- */

/* Squared distance from (x, y) to the segment from (ax, ay) by (dx, dy), whose
 * squared length's inverse is inv_len2 (0 for a point). */
static inline float segment_distance2(float x, float y, float ax, float ay, float dx, float dy, float inv_len2)
{
    float px = x - ax, py = y - ay;
    float t = (px * dx + py * dy) * inv_len2;
    t = t < 0.0f ? 0.0f : t > 1.0f ? 1.0f : t;
    float ex = px - t * dx, ey = py - t * dy;
    return ex * ex + ey * ey;
}

typedef struct Segment {
    float ax, ay, dx, dy, inv_len2;
    bool valid;
} Segment;

static Segment make_segment(const float *xy, int i, int j)
{
    Segment s = { xy[2 * i], xy[2 * i + 1], xy[2 * j] - xy[2 * i], xy[2 * j + 1] - xy[2 * i + 1], 0.0f, false };
    s.valid = isfinite(s.ax) && isfinite(s.ay) && isfinite(s.dx) && isfinite(s.dy);
    float len2 = s.dx * s.dx + s.dy * s.dy;
    s.inv_len2 = len2 > 0.0f ? 1.0f / len2 : 0.0f;
    return s;
}

/* A line's shading: coverage = clamp(reach - distance, 0, 1) * scale. */
typedef struct LineShade {
    float reach, scale;
    uint32_t color, r, g, b, alpha;
} LineShade;

static LineShade line_shade(float width, uint32_t color)
{
    LineShade s = { width > 1.0f ? width * 0.5f + 0.5f : 1.0f, width > 1.0f ? 1.0f : width, color,
                    color & 255, (color >> 8) & 255, (color >> 16) & 255, color >> 24 };
    if (!(width > 0)) s.alpha = 0;
    return s;
}

static inline void shade_pixel(uint32_t *pixel, const LineShade *s, float distance)
{
    float coverage = s->reach - distance;
    if (coverage <= 0.0f || s->alpha == 0) return;
    if (coverage > 1.0f) coverage = 1.0f;
    uint32_t a = (uint32_t)(coverage * s->scale * (float)s->alpha + 0.5f);
    if (a >= 255) *pixel = s->color | 0xFF000000u;
    else if (a > 0) *pixel = blend_over(*pixel, s->r, s->g, s->b, a);
}

void raster_polyline(RasterImage *dst, RasterRect clip, const float *xy, int n, bool closed, float width, uint32_t color)
{
    raster_polyline_cased(dst, clip, xy, n, closed, width, color, 0.0f, 0);
}

void raster_polyline_cased(RasterImage *dst, RasterRect clip, const float *xy, int n, bool closed, float width,
                           uint32_t color, float casing_width, uint32_t casing_color)
{
    clip = clip_to_image(dst, clip);
    LineShade line = line_shade(width, color), casing = line_shade(casing_width, casing_color);
    if (clip.x1 <= clip.x0 || clip.y1 <= clip.y0 || n < 2 || (line.alpha == 0 && casing.alpha == 0)) return;
    float reach = max_f(line.alpha ? line.reach : 0.0f, casing.alpha ? casing.reach : 0.0f);
    float reach2 = reach * reach;
    if (n < 3) closed = false; /* two points closed are one segment drawn twice */
    int segments = closed ? n : n - 1;
    /* The previous, current and next segments, rolled along. */
    Segment prev = closed ? make_segment(xy, n - 1, 0) : (Segment){ 0 };
    Segment cur = make_segment(xy, 0, 1 % n);
    for (int s = 0; s < segments; s++) {
        bool has_next = s + 1 < segments || (closed && segments > 1);
        Segment next = has_next ? make_segment(xy, (s + 1) % n, (s + 2) % n) : (Segment){ 0 };
        if (cur.valid) {
            float x0 = min_f(cur.ax, cur.ax + cur.dx) - reach, x1 = max_f(cur.ax, cur.ax + cur.dx) + reach;
            float y0 = min_f(cur.ay, cur.ay + cur.dy) - reach, y1 = max_f(cur.ay, cur.ay + cur.dy) + reach;
            int px0 = first_centre_at_or_after(x0, clip.x0, clip.x1), px1 = first_centre_at_or_after(x1, clip.x0, clip.x1);
            int py0 = first_centre_at_or_after(y0, clip.y0, clip.y1), py1 = first_centre_at_or_after(y1, clip.y0, clip.y1);
            for (int y = py0; y < py1; y++) {
                uint32_t *row = dst->pixels + (size_t)y * (size_t)dst->stride;
                float yc = (float)y + 0.5f;
                /* Only the part of the segment within reach of this row, so a
                 * long diagonal costs its length, not its bounding box. */
                float t_lo = 0.0f, t_hi = 1.0f;
                if (cur.dy != 0.0f) {
                    float t1 = (yc - reach - cur.ay) / cur.dy, t2 = (yc + reach - cur.ay) / cur.dy;
                    t_lo = max_f(0.0f, min_f(t1, t2));
                    t_hi = min_f(1.0f, max_f(t1, t2));
                    if (t_lo > t_hi) continue;
                }
                float xa = cur.ax + t_lo * cur.dx, xb = cur.ax + t_hi * cur.dx;
                int row_x0 = first_centre_at_or_after(min_f(xa, xb) - reach, px0, px1);
                int row_x1 = first_centre_at_or_after(max_f(xa, xb) + reach, px0, px1);
                for (int x = row_x0; x < row_x1; x++) {
                    float xc = (float)x + 0.5f;
                    float d2 = segment_distance2(xc, yc, cur.ax, cur.ay, cur.dx, cur.dy, cur.inv_len2);
                    if (d2 >= reach2) continue;
                    /* Drawn once where segments meet: by the nearer one, and
                     * on a tie by the earlier (this one against the next,
                     * the previous against this). */
                    if (prev.valid && (s > 0 || closed) &&
                        segment_distance2(xc, yc, prev.ax, prev.ay, prev.dx, prev.dy, prev.inv_len2) <= d2)
                        continue;
                    if (next.valid && has_next &&
                        segment_distance2(xc, yc, next.ax, next.ay, next.dx, next.dy, next.inv_len2) < d2)
                        continue;
                    float d = sqrtf(d2);
                    shade_pixel(&row[x], &casing, d);
                    shade_pixel(&row[x], &line, d);
                }
            }
        }
        prev = cur;
        cur = next;
    }
}

int raster_simplify(float *xy, int n, float tolerance)
{
    if (n < 3 || !(tolerance > 0)) return n;
    /* Runs grow from an anchor while every point they skip stays near the
     * chord; a run is capped so a long straight stretch costs linear time. */
    enum { MAX_RUN = 48 };
    float tol2 = tolerance * tolerance;
    int kept = 1, anchor = 0;
    for (int end = 2; end < n; end++) {
        float ax = xy[2 * anchor], ay = xy[2 * anchor + 1];
        float dx = xy[2 * end] - ax, dy = xy[2 * end + 1] - ay;
        float len2 = dx * dx + dy * dy, inv_len2 = len2 > 0.0f ? 1.0f / len2 : 0.0f;
        bool near = end - anchor <= MAX_RUN;
        for (int k = anchor + 1; k < end && near; k++)
            near = segment_distance2(xy[2 * k], xy[2 * k + 1], ax, ay, dx, dy, inv_len2) <= tol2;
        if (near) continue;
        /* end - 1 is the last point the run could reach: keep it, start anew. */
        anchor = end - 1;
        xy[2 * kept] = xy[2 * anchor];
        xy[2 * kept + 1] = xy[2 * anchor + 1];
        kept++;
    }
    xy[2 * kept] = xy[2 * (n - 1)];
    xy[2 * kept + 1] = xy[2 * (n - 1) + 1];
    return kept + 1;
}

/* --- copies ------------------------------------------------------------------ */

void raster_copy(RasterImage *dst, RasterRect clip, const RasterImage *src, double x, double y, double scale)
{
    clip = clip_to_image(dst, clip);
    if (clip.x1 <= clip.x0 || clip.y1 <= clip.y0 || !(scale > 0) || !isfinite(x) || !isfinite(y)) return;
    int px0 = first_centre_at_or_after(x, clip.x0, clip.x1);
    int px1 = first_centre_at_or_after(x + src->width * scale, clip.x0, clip.x1);
    int py0 = first_centre_at_or_after(y, clip.y0, clip.y1);
    int py1 = first_centre_at_or_after(y + src->height * scale, clip.y0, clip.y1);
    if (px1 <= px0 || py1 <= py0) return;
    double inverse = 1.0 / scale;
    /* Scaled: every row reads the same source columns, so they are worked
     * out once (32.32 fixed point, an add and a shift each) and each row is
     * a gather through them; NULL (out of memory) works them out per row. */
    int32_t *columns = NULL;
    int64_t column0 = 0, column_step = 0;
    if (scale != 1.0) {
        double sx = (px0 + 0.5 - x) * inverse;
        if (sx < 0) sx = 0;
        column0 = (int64_t)(sx * 4294967296.0);
        column_step = (int64_t)(inverse * 4294967296.0);
        columns = malloc((size_t)(px1 - px0) * sizeof *columns);
        int64_t column = column0, last = src->width - 1;
        for (int px = px0; columns && px < px1; px++, column += column_step) {
            int64_t i = column >> 32;
            columns[px - px0] = (int32_t)(i > last ? last : i);
        }
    }
    int previous_sy = -1;
    for (int py = py0; py < py1; py++) {
        int sy = (int)floor((py + 0.5 - y) * inverse);
        if (sy < 0) sy = 0;
        if (sy >= src->height) sy = src->height - 1;
        const uint32_t *from = src->pixels + (size_t)sy * (size_t)src->stride;
        uint32_t *to = dst->pixels + (size_t)py * (size_t)dst->stride;
        if (sy == previous_sy) { /* enlarged: this row repeats the one above */
            memcpy(to + px0, to - dst->stride + px0, (size_t)(px1 - px0) * sizeof *to);
            continue;
        }
        previous_sy = sy;
        if (scale == 1.0) {
            /* One offset for the whole row: a plain copy. */
            int sx0 = (int)floor(px0 + 0.5 - x);
            if (sx0 < 0) sx0 = 0;
            int n = px1 - px0;
            if (sx0 + n > src->width) n = src->width - sx0;
            if (n > 0) memcpy(to + px0, from + sx0, (size_t)n * sizeof *to);
            continue;
        }
        if (columns) {
            uint32_t *out = to + px0;
            for (int k = 0, n = px1 - px0; k < n; k++) out[k] = from[columns[k]];
            continue;
        }
        /* Source columns in 32.32 fixed point: exact enough for any image
         * size, and an add and a shift per pixel. */
        int64_t column = column0;
        int last = src->width - 1;
        for (int px = px0; px < px1; px++, column += column_step) {
            int64_t i = column >> 32;
            to[px] = from[i > last ? last : i];
        }
    }
    free(columns);
}

/* --- what changed ------------------------------------------------------------ */

/* Compared two pixels at a time: the page's libc compares byte by byte. */
static int first_difference(const uint32_t *a, const uint32_t *b, int n)
{
    int i = 0;
    for (; i + 2 <= n; i += 2) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y) return a[i] != b[i] ? i : i + 1;
    }
    return i < n && a[i] != b[i] ? i : n;
}

static int last_difference(const uint32_t *a, const uint32_t *b, int n) /* n > 0, and some pixel differs */
{
    int i = n - 1;
    while (a[i] == b[i]) i--;
    return i;
}

RasterRect raster_update_changed(RasterImage *shown, const RasterImage *now)
{
    RasterRect dirty = { 0, 0, 0, 0 };
    if (!shown->pixels || !now->pixels || shown->width != now->width || shown->height != now->height) return dirty;
    int w = now->width;
    bool any = false;
    for (int y = 0; y < now->height; y++) {
        uint32_t *to = shown->pixels + (size_t)y * (size_t)shown->stride;
        const uint32_t *from = now->pixels + (size_t)y * (size_t)now->stride;
        int x0 = first_difference(from, to, w);
        if (x0 == w) continue;
        int x1 = last_difference(from, to, w) + 1;
        memcpy(to + x0, from + x0, (size_t)(x1 - x0) * 4);
        if (!any) dirty = (RasterRect){ x0, y, x1, y + 1 };
        any = true;
        if (x0 < dirty.x0) dirty.x0 = x0;
        if (x1 > dirty.x1) dirty.x1 = x1;
        dirty.y1 = y + 1;
    }
    return dirty;
}

/* --- sprites ------------------------------------------------------------------ */

void raster_unblend_black_white(RasterImage *on_black, const RasterImage *on_white)
{
    if (!on_black || !on_white || on_black->width != on_white->width || on_black->height != on_white->height) return;
    for (int y = 0; y < on_black->height; y++) {
        uint32_t *b = on_black->pixels + (size_t)y * (size_t)on_black->stride;
        const uint32_t *w = on_white->pixels + (size_t)y * (size_t)on_white->stride;
        for (int x = 0; x < on_black->width; x++) {
            /* Over black a channel is c * a; over white c * a + 255 - a. */
            uint32_t pb = b[x], pw = w[x];
            int a = 0;
            for (int k = 0; k < 24; k += 8) a += 255 - ((int)((pw >> k) & 255) - (int)((pb >> k) & 255));
            a = (a + 1) / 3;
            if (a < 0) a = 0;
            if (a > 255) a = 255;
            uint32_t out = (uint32_t)a << 24;
            for (int k = 0; k < 24; k += 8) {
                uint32_t c = (pb >> k) & 255;
                out |= (c > (uint32_t)a ? (uint32_t)a : c) << k; /* premultiplied: never above alpha */
            }
            b[x] = a ? out : 0;
        }
    }
}

void raster_composite(RasterImage *dst, RasterRect clip, const RasterImage *sprite, int x, int y)
{
    clip = clip_to_image(dst, clip);
    if (!sprite || !sprite->pixels) return;
    int x0 = x > clip.x0 ? x : clip.x0, y0 = y > clip.y0 ? y : clip.y0;
    int x1 = x + sprite->width < clip.x1 ? x + sprite->width : clip.x1;
    int y1 = y + sprite->height < clip.y1 ? y + sprite->height : clip.y1;
    for (int row = y0; row < y1; row++) {
        uint32_t *d = dst->pixels + (size_t)row * (size_t)dst->stride;
        const uint32_t *s = sprite->pixels + (size_t)(row - y) * (size_t)sprite->stride;
        for (int col = x0; col < x1; col++) {
            uint32_t p = s[col - x], a = p >> 24;
            if (a == 0) continue;
            if (a == 255) { d[col] = p; continue; }
            uint32_t ia = 255 - a, q = d[col];
            d[col] = ((p & 255) + div255((q & 255) * ia)) | (((p >> 8) & 255) + div255(((q >> 8) & 255) * ia)) << 8 |
                     (((p >> 16) & 255) + div255(((q >> 16) & 255) * ia)) << 16 | (a + div255((q >> 24) * ia)) << 24;
        }
    }
}
