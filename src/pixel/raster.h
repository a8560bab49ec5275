/* raster: draws triangles, rectangles and image copies straight into 32-bit
 * pixels, for where no GPU draws the frame (headless browsers with software
 * WebGL, offscreen screenshots).
 *
 * SDL's own software renderer is general but slow for the map's workload: it
 * makes a temporary surface for every blended triangle, and the map's
 * anti-aliased borders are thousands of them. This rasteriser handles just
 * what the renderer batches (triangles with per-vertex colours, optionally
 * sampling an 8-bit coverage texture, blended "over" the target) with spans
 * per row and no allocation.
 *
 * Pixels are RGBA bytes in memory order (SDL_PIXELFORMAT_ABGR8888 on a
 * little-endian machine, as wasm and x86 are). Coordinates are in pixels,
 * pixel centres at +0.5. Triangles follow a fill rule like a GPU's: a pixel
 * whose centre lies on an edge shared by two triangles is drawn by exactly
 * one of them, so translucent strips have no double-blended seams.
 * Depends on the C library only. */
#ifndef STEPPE_RASTER_H
#define STEPPE_RASTER_H

#include <stdbool.h>
#include <stdint.h>

typedef struct RasterImage {
    uint32_t *pixels;
    int width, height;
    int stride;                  /* pixels from one row to the next */
} RasterImage;

/* A pixel rectangle, x0/y0 inclusive, x1/y1 exclusive. */
typedef struct RasterRect {
    int x0, y0, x1, y1;
} RasterRect;

/* Laid out like SDL_Vertex (position, colour, texture coordinate), so the
 * renderer's batches can be passed as they are. */
typedef struct RasterVertex {
    float x, y;
    uint8_t r, g, b, a;
    float u, v;                  /* 0..1 across the texture */
} RasterVertex;

/* A square coverage texture: one byte per texel, used as alpha with the
 * vertex colour (a glyph atlas). */
typedef struct RasterCoverage {
    const uint8_t *texels;
    int size;
} RasterCoverage;

static inline uint32_t raster_rgba(uint8_t r, uint8_t g, uint8_t b, uint8_t a)
{
    return (uint32_t)r | (uint32_t)g << 8 | (uint32_t)b << 16 | (uint32_t)a << 24;
}

/* The whole image as a rectangle. */
RasterRect raster_bounds(const RasterImage *image);

/* Fills the pixels whose centres lie in [x0, x1) x [y0, y1), within clip,
 * with colour (RGBA as raster_rgba makes it) blended over them; alpha 255
 * stores, alpha 0 leaves them. */
void raster_fill_rect(RasterImage *dst, RasterRect clip, float x0, float y0, float x1, float y1, uint32_t color);

/* Draws triangles (index_count / 3 of them, by index into vertices) blended
 * over dst within clip. With a texture, each pixel's colour is the vertex
 * colour interpolated, its alpha multiplied by the nearest texel; a triangle
 * whose three texture coordinates are equal samples one texel. Indices
 * outside [0, vertex_count) and degenerate or non-finite triangles are
 * skipped. */
void raster_triangles(RasterImage *dst, RasterRect clip, const RasterVertex *vertices, int vertex_count,
                      const int *indices, int index_count, const RasterCoverage *texture);

/* Draws an anti-aliased polyline of `width` px through n points (x, y
 * pairs), closed back to the first if `closed`, blended over dst within clip.
 * A pixel's coverage falls from 1 to 0 over the pixel at the line's edge:
 * clamp(width / 2 + 0.5 - distance, 0, 1) for the distance from its centre to
 * the line; lines thinner than a pixel are drawn one pixel wide with their
 * alpha scaled by the width. Joins and ends are round. Where two consecutive
 * segments meet, each pixel is drawn once, by the nearer segment, so a line
 * of many short segments is as light as a straight one. Segments with a
 * non-finite end are skipped. */
void raster_polyline(RasterImage *dst, RasterRect clip, const float *xy, int n, bool closed, float width, uint32_t color);
/* The same with a casing: a wider line of casing_color under it, drawn in
 * the same pass (a halo around a selection's outline). */
void raster_polyline_cased(RasterImage *dst, RasterRect clip, const float *xy, int n, bool closed, float width,
                           uint32_t color, float casing_width, uint32_t casing_color);

/* Fills a disc centred at (cx, cy) with an anti-aliased rim: coverage
 * clamp(radius + 0.5 - distance, 0, 1) from each pixel centre, blended over
 * dst within clip. Markers draw a thousand of these a frame with many events. */
void raster_fill_circle(RasterImage *dst, RasterRect clip, float cx, float cy, float radius, uint32_t color);

/* Draws a ring of `width` px centred on a circle of `radius` around (cx, cy),
 * shaded like a polyline across it (clamp(width / 2 + 0.5 - |distance -
 * radius|, 0, 1)) and divided into `sectors` coloured sectors: sector k runs
 * clockwise (screen y down) from the top, from fraction ends[k - 1] (0 for
 * the first) to ends[k] of the turn. A cluster's rim of categories, in one
 * pass instead of an arc of short segments per category. */
void raster_ring_sectors(RasterImage *dst, RasterRect clip, float cx, float cy, float radius, float width,
                         const float *ends, const uint32_t *colors, int sectors);

/* Scratch for raster_fill_polygon, sized by the caller for at least as many
 * edges as the polygon has points. */
typedef struct RasterEdge {
    float top_y, bottom_y;       /* top_y < bottom_y */
    float top_x, slope;          /* x at top_y, and dx / dy */
} RasterEdge;
typedef struct RasterPolygonScratch {
    RasterEdge *edges;
    int *active;
    double *crossings;
    int capacity;                /* of each array */
} RasterPolygonScratch;

/* Fills a polygon of one or more rings (holes included, even-odd) with an
 * opaque or translucent colour: ring k is points ring_ends[k - 1] (0 for the
 * first) to ring_ends[k] - 1 of xy (x, y pairs), closed. A pixel is filled if
 * its centre is inside, so polygons sharing an edge (neighbouring countries)
 * meet without gap or overlap. Rows are scanned with the edges crossing
 * them, so a large country costs its area and its outline, not its
 * triangles. Does nothing if scratch is too small for the points. */
void raster_fill_polygon(RasterImage *dst, RasterRect clip, const float *xy, const int *ring_ends, int ring_count,
                         uint32_t color, RasterPolygonScratch *scratch);

/* Drops points of a polyline (n x, y pairs, in place) that lie within
 * `tolerance` px of the straight line the kept points make in their stead:
 * a border decimated to one point per pixel still has many nearly straight
 * runs, and every segment costs raster_polyline a pass. The first and last
 * points stay. Returns the new count. */
int raster_simplify(float *xy, int n, float tolerance);

/* Makes `shown` equal to `now` (two images of the same size) and returns the
 * smallest rectangle holding every pixel that differed (empty, x1 <= x0,
 * when none did). For a page that shows its frames with putImageData: only
 * that rectangle needs to reach the canvas, and a frame that changed
 * nothing needs no upload at all. */
RasterRect raster_update_changed(RasterImage *shown, const RasterImage *now);

/* Copies src (opaque; alpha is copied too) so that its top left lands at
 * (x, y) in dst, scaled by `scale` dst px per src px with nearest sampling:
 * each dst pixel centre inside the placed image takes the src pixel under it.
 * Only dst pixels within clip are written. */
void raster_copy(RasterImage *dst, RasterRect clip, const RasterImage *src, double x, double y, double scale);

/* A sprite: drawing done once over opaque black (on_black) and once over
 * opaque white (on_white), the same size, becomes in on_black what that
 * drawing gives over nothing: premultiplied colour, alpha in the top byte
 * (the difference between the two, so any of the "over" drawing above
 * works unchanged). Exact to a unit per channel. */
void raster_unblend_black_white(RasterImage *on_black, const RasterImage *on_white);

/* Composites a sprite (raster_unblend_black_white's premultiplied pixels)
 * over dst with its top left at the whole pixel (x, y), within clip; its
 * fully transparent pixels cost a test each. */
void raster_composite(RasterImage *dst, RasterRect clip, const RasterImage *sprite, int x, int y);

#endif
