/* render_internal: what the files of render/ share, for them only (nothing
 * outside src/render includes it). The renderer is split by job:
 *   render.c      the Renderer's life (init, retarget, direct pixels,
 *                 shutdown) and a frame's start and end (begin, flush, busy)
 *   batch.c       vertex and line batches and their flushing; the shapes
 *                 (rectangles, circles, convex polygons, polylines, icons,
 *                 ring sectors) and the clip
 *   text.c        text from the glyph atlas, its width, halos, display names
 *   countries.c   countries' fills and borders clipped to a guard band, and
 *                 the hover and selection highlights
 *   labels.c      country and place names, placed clear of each other
 *   base_cache.c  the base map, its cache and banded redraw; retained layers
 *   compose.c     render_map: the map part of a frame, in drawing order (the
 *                 only file that draws render/markers.c's overlays)
 *   markers.c     the overlays (render/markers.h), and the event symbols'
 *                 sprites where many show
 * Coordinates: css px unless a name says device px (css px times r->dpr). */
#ifndef STEPPE_RENDER_INTERNAL_H
#define STEPPE_RENDER_INTERNAL_H

#include "render/render.h"

/* Whether this renderer draws straight into pixels (render_set_pixels) with
 * pixel/raster.c rather than through the SDL renderer. */
static inline bool direct_drawing(const Renderer *r) { return r->frame.pixels != NULL; }

static inline SDL_Color to_sdl(Rgba c) { return (SDL_Color){ c.r, c.g, c.b, c.a }; }

/* The atlas's solid block: untextured shapes sample it, so shapes and text can
 * share one texture and one batch. */
static inline SDL_FPoint solid_uv(void)
{
    return (SDL_FPoint){ (FONT_ATLAS_SIZE - 1.5f) / FONT_ATLAS_SIZE, (FONT_ATLAS_SIZE - 1.5f) / FONT_ATLAS_SIZE };
}

/* --- batch.c --------------------------------------------------------------- */

/* Room for this many more vertices and indices; false if memory runs out. */
bool batch_reserve(VertexBatch *b, int verts, int indices);
/* Draws a batch and empties it; textured batches sample the glyph atlas. */
void batch_flush(Renderer *r, VertexBatch *b, bool textured);
void batch_free(VertexBatch *b);
void line_batch_free(LineBatch *b);
/* Fills device px [x0, x1) x [y0, y1) with an opaque colour, no blending. */
void batch_fill_opaque(Renderer *r, float x0, float y0, float x1, float y1, Rgba color);
/* A border run in device px: a distance-shaded polyline when drawing
 * directly, else an anti-aliased strip of triangles in the stroke batch;
 * casing_px > 0 adds a wider line in `casing` under it. */
void batch_stroke_run(Renderer *r, const SDL_FPoint *p, int n, bool closed, float width_px, Rgba color, float casing_px,
                      Rgba casing);
/* Draws and empties the stroke batch (and its polylines). */
void batch_flush_strokes(Renderer *r);

/* --- countries.c ----------------------------------------------------------- */

/* Every visible country's fill and border (the base map's first layer). */
void countries_draw(Renderer *r, const App *app);
/* Frees the fill triangles cut so far (render_shutdown, or a new bundle). */
void countries_free_triangles(Renderer *r);
/* The selected country's outline with a halo. */
void countries_draw_selection(Renderer *r, const App *app);
/* What changes often, drawn over the (possibly cached) base map every frame:
 * the hover tint and outline, and the selected country's outline until the
 * base map is drawn again with it. */
void countries_draw_highlights(Renderer *r, const App *app);

/* --- labels.c -------------------------------------------------------------- */

/* The base map's names (when App.display.layers has LAYER_LABELS): placed by
 * a redraw's first band (or its only pass), drawn where they reach the rows
 * being drawn; the names are batched as text (render_flush draws them). */
void labels_draw(Renderer *r, const App *app);

/* --- base_cache.c ---------------------------------------------------------- */

/* The base map for this frame: copied from the cache where it fits (moved or
 * scaled while the view moves), else drawn; sets r->cache_approximate and
 * r->base_shows_selection. */
void base_cache_draw(Renderer *r, const App *app);
/* Frees the cache textures and images and forgets the cache. */
void base_cache_free(Renderer *r);

/* --- markers.c ------------------------------------------------------------- */

/* Frees the event symbols' sprites (render_shutdown). */
void markers_sprites_free(Renderer *r);

#endif
