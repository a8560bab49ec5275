/* render: draws the App with SDL2's renderer.
 *
 * Reads state, never changes it. On a GPU, filled country polygons are
 * triangulated from their rings the first time each is drawn (core/
 * country_triangles.h) and kept, so a frame only transforms the visible ones
 * to device pixels and hands them to SDL_RenderGeometry in one batch; drawing
 * directly, they are filled from their rings and never triangulated. Borders are
 * anti-aliased by drawing each ring as a strip with a one-pixel alpha feather on
 * both sides, which looks the same in WebGL, OpenGL and the software renderer.
 * Text comes from a glyph atlas (pixel/font.c) uploaded to one texture.
 * Works on any SDL_Renderer. Where no GPU draws (headless browsers with
 * software WebGL, offscreen screenshots) it can instead draw the same batches
 * straight into a pixel buffer with pixel/raster.c (render_set_pixels), which
 * is several times faster than SDL's software renderer for the map.
 * The files of src/render/ each do one job; render_internal.h lists them. */
#ifndef STEPPE_RENDER_H
#define STEPPE_RENDER_H

#include <SDL2/SDL.h>
#include <stdbool.h>

#include "core/app.h"
#include "core/triangulate.h"
#include "pixel/font.h"
#include "pixel/raster.h"
#include "core/labels.h"
#include "core/relations_layer.h"
#include "core/text_sizes.h"
#include "render/theme.h"

enum { FACE_REGULAR = 0, FACE_BOLD = 1 };
/* RENDER_LAYER_PANEL_AHEAD: the panel a click would open, drawn in idle time.
 * RENDER_LAYER_LEGEND: the map key above its scale bar (render/markers.c). */
enum { RENDER_LAYER_PANEL = 0, RENDER_LAYER_TIMELINE, RENDER_LAYER_PANEL_AHEAD, RENDER_LAYER_LEGEND,
       RENDER_LAYER_COUNT };

typedef struct VertexBatch {
    SDL_Vertex *verts;
    int *indices;
    int vert_count, index_count;
    int vert_cap, index_cap;
} VertexBatch;

/* Polylines waiting to be drawn by pixel/raster.c (direct drawing): borders
 * there are distance-shaded lines, not strips of triangles. */
typedef struct LineBatch {
    float *xy;                   /* points, device px */
    int point_count, point_cap;
    struct LineRun {
        int first, count;
        bool closed;
        float width_px;
        uint32_t color;          /* raster_rgba */
        float casing_px;         /* a wider line under it, 0 for none */
        uint32_t casing_color;
    } *runs;
    int run_count, run_cap;
} LineBatch;

typedef struct Renderer {
    SDL_Renderer *sdl;
    SDL_Texture *atlas_texture;  /* white RGB, glyph coverage in alpha */
    uint32_t atlas_generation;
    FontAtlas atlas;
    Font *faces[2];
    const Theme *theme;
    float dpr;                   /* device px per css px for this frame */
    float smallest_text_css;     /* the smallest size text was drawn at since render_init (core/text_sizes.h) */
    VertexBatch fill, stroke, text;
    LineBatch lines;             /* what `stroke` holds when drawing directly */
    /* a country's rings in device px, for raster_fill_polygon (direct drawing) */
    float *polygon_xy;
    int *polygon_ends;
    int polygon_cap, polygon_ring_cap;
    RasterPolygonScratch polygon_scratch;
    SDL_FPoint *ring_scratch;    /* one ring in device px, after decimation */
    int ring_scratch_cap;
    SDL_FPoint *run_scratch;     /* a ring's runs inside the guard band */
    int run_scratch_cap;
    /* The countries' fill triangles on the GPU path (countries.c), cut from
     * their rings the first time each country is filled and kept until the
     * renderer shuts down or is handed another bundle: country id i's are
     * fill_tris.indices[fill_ranges[i - 1].first ..] (3 per triangle,
     * 0-based vertex indices), once fill_ranges[i - 1].done. */
    const Bundle *fill_bundle;   /* the bundle they were cut from (NULL: none yet) */
    uint32_t fill_country_count;
    TriangulateOut fill_tris;
    struct CountryFillRange { uint32_t first, count; bool done; } *fill_ranges;
    /* base map cache (render/base_cache.c) */
    bool use_cache;              /* off for one-shot offscreen renders */
    bool software;               /* no GPU: whole-pixel glyphs, progressive cache redraw */
    bool figure;                 /* drawing an exported figure: nothing the pointer causes (hover
                                    outlines, tooltips, the hovered marker), no controls */
    /* Direct drawing (render_set_pixels): frame.pixels is set, and batches,
     * fills and copies go to `target` within `clip` through pixel/raster.c. */
    RasterImage frame;
    RasterImage *target;         /* the frame or a cache image being drawn */
    RasterRect clip;
    bool frame_cleared;          /* water laid under this frame already */
    RasterImage cache_image, next_image; /* the caches, as map_cache/map_next are for SDL */
    SDL_Texture *map_cache;
    SDL_Texture *map_next;       /* the next cache, drawn a band per frame (software) */
    View next_view;              /* the view it is drawn for */
    int next_band;               /* its next band; 0 when none is under way */
    float band_x0, band_y0, band_x1, band_y1; /* the device px rectangle being drawn into a cache
                                    (band_y0 == band_y1: all of it) */
    /* A cache drawn for a new size or look holds at first only the part the
     * viewport shows (the first frame's cost); its margin follows in idle
     * frames (render_idle), or at once before the view moves. */
    RasterRect cache_core;       /* device px of the cache drawn first */
    unsigned cache_margin_todo;  /* bits 0..3: the top, bottom, left and right strips not yet drawn */
    bool keep_label_places;      /* a margin strip draws the names its cache's first pass placed */
    bool cache_in_one_pass;      /* draws a new cache whole at once (tests compare the two ways) */
    int cache_w, cache_h;        /* device px */
    bool cache_valid, cache_approximate;
    View cache_view;             /* the view the cache was drawn for */
    uint32_t cache_layers;
    bool cache_local_names;
    uint32_t cache_fanned_place, cache_selected_event; /* the markers' forced fans the names kept clear of */
    float cache_dpr;
    double cache_rendered_ms;    /* App.now_ms when the cache was last drawn */
    /* The selected country's outline lies in the base map, under the names,
     * once the base map is drawn again; until then it is drawn over it. */
    Selection cache_selection;   /* the selection the cache shows */
    Selection next_selection;    /* ... and the one the next cache is drawn with */
    bool base_shows_selection;   /* this frame's base map has the current selection's outline */
    /* Retained layers (direct drawing only): the pixels of an opaque part of
     * the UI, kept while what it shows is unchanged (render_layer_reuse). */
    struct RenderLayer {
        RasterImage image;
        RasterRect rect;         /* where it was taken from, device px */
        uint64_t key;
        bool valid;
    } layers[RENDER_LAYER_COUNT];
    /* The names placed for the redraw under way (core/labels.c): its first
     * band places them, the others draw them. */
    LabelPlacer labels;
    RelationsLayer relations;    /* the trade arcs and their labels, laid out each frame they show */
    /* Event symbols as sprites (direct drawing, many symbols on screen:
     * render/markers.c): each look drawn once, then composited wherever it
     * shows; an open-addressed table of looks, emptied when it fills or
     * the theme, scale or glyphs change. */
    struct MarkerSprite {
        uint64_t key;            /* 0: empty slot */
        RasterImage image;       /* premultiplied, its symbol's centre at its middle */
    } *sprites;
    int sprites_from_glyphs;     /* with this many symbols laid out, sprites (render_init: RENDER_SPRITES_FROM_GLYPHS) */
    int sprite_slots, sprite_count;
    size_t sprite_bytes;
    uint64_t sprite_look;        /* the theme, dpr and glyph atlas the sprites were drawn with */
    RasterImage sprite_on_white; /* scratch for the drawing over white, the largest sprite's size */
} Renderer;

/* Event symbols are composited as sprites from this many symbols laid out
 * (render/markers.c). */
#define RENDER_SPRITES_FROM_GLYPHS 200

/* Creates textures and fonts for a validated bundle. Returns false and writes
 * a message if the fonts cannot be loaded. sdl may be NULL: then frames are
 * drawn only into pixels (render_set_pixels before the first frame), as on
 * the page where WebGL is emulated, whose SDL has no software renderer. */
bool render_init(Renderer *r, SDL_Renderer *sdl, const Bundle *bundle, char *message, size_t message_size);
void render_shutdown(Renderer *r);
/* Moves to another SDL renderer, or to none (sdl NULL; see render_init):
 * textures of the old one are destroyed (call while it still exists) and
 * made again for the new one. Returns false if the glyph texture cannot be made. */
bool render_retarget(Renderer *r, SDL_Renderer *sdl);
/* Destroys the textures (the SDL renderer is about to go: the web's WebGL
 * context was lost); render_retarget makes them again on the next one. */
void render_release_textures(Renderer *r);
/* From now on draws into these pixels (RGBA bytes, SDL_PIXELFORMAT_ABGR8888;
 * pitch in bytes, a multiple of 4) instead of through the SDL renderer, which
 * is then not drawn with. Call again when the buffer moves or is resized; the
 * pixels must outlive the frames drawn into them. */
void render_set_pixels(Renderer *r, void *pixels, int width, int height, int pitch);

/* A frame is render_begin, render_map, anything drawn on top (the UI, which
 * draws the map key with render/markers.h's render_legend), then
 * render_flush. None presents.
 * dpr = output px / css px. */
void render_begin(Renderer *r, const App *app, float dpr);
/* The map (render/compose.c): the base map, the hover and selection
 * highlights, the relations layer, the event markers and the hovered
 * country's name. */
void render_map(Renderer *r, const App *app);
/* Whether the last frame showed an approximate map (moved, scaled or still
 * being redrawn): another frame is needed to finish it. */
bool render_busy(const Renderer *r);
/* Work for a frame that draws nothing (the cache's margin, render/base_cache.c);
 * true if it did some, and the frame should do nothing else. */
bool render_idle(Renderer *r, const App *app);
void render_flush(Renderer *r);

/* Clips what follows to a css px rectangle {x, y, w, h}; NULL removes the clip.
 * Flushes what was batched before, so call it between groups, not per item. */
void render_set_clip(Renderer *r, const float *rect_css);

/* A ring of `width` css px around a circle of `radius`, in coloured sectors
 * clockwise from the top: sector k ends at fraction ends[k] of the turn.
 * Returns false where it is not drawn this way (a GPU draws arcs instead). */
bool render_ring_sectors(Renderer *r, float cx, float cy, float radius, float width, const float *ends,
                         const Rgba *colors, int sectors);

/* Retained layers, for opaque parts of the UI that stay the same while the
 * map moves under them (the panel during a flight). The caller sums up all
 * that its drawing depends on in `key`. render_layer_reuse draws the kept
 * pixels and returns true if the layer holds this key for this rectangle
 * {x, y, w, h} (css px); otherwise the caller draws as usual and then calls
 * render_layer_keep with the same arguments. Where the GPU draws (no direct
 * pixels) reuse always returns false and keep does nothing. What the caller
 * draws between the two must cover the rectangle with opaque colour. */
bool render_layer_reuse(Renderer *r, int layer, const float rect_css[4], uint64_t key);
/* Folds the bytes of a value into a layer key (FNV-1a); start from
 * RENDER_LAYER_KEY_SEED. The renderer's own state (theme, dpr, glyph atlas)
 * is folded in by render_layer_key_renderer. */
#define RENDER_LAYER_KEY_SEED 0xCBF29CE484222325ull
uint64_t render_layer_key(uint64_t key, const void *data, size_t size);
uint64_t render_layer_key_renderer(uint64_t key, const Renderer *r);
#define RENDER_LAYER_KEY_VALUE(key, value) render_layer_key((key), &(value), sizeof(value))
void render_layer_keep(Renderer *r, int layer, const float rect_css[4], uint64_t key);
/* Draws a layer ahead of need (idle time): draw(user) draws it as it would
 * in a frame and the pixels are kept as render_layer_keep keeps them; the
 * frame's own pixels there are put back afterwards. Nothing where the GPU
 * draws, or if memory runs out. */
void render_layer_draw_ahead(Renderer *r, int layer, const float rect_css[4], uint64_t key, void (*draw)(void *user),
                             void *user);
/* Exchanges what two layers hold (a layer drawn ahead becomes the one shown). */
void render_layer_swap(Renderer *r, int a, int b);

/* Shapes in css px, batched with the text (drawn in call order). */
void render_fill_rect(Renderer *r, float x, float y, float w, float h, Rgba color);
void render_fill_circle(Renderer *r, float cx, float cy, float radius, Rgba color);

/* Small vector icons (our font has no arrows or geometric shapes), centred on
 * (cx, cy) and size css px tall. */
typedef enum RenderIcon {
    ICON_HOME, ICON_PLAY, ICON_PAUSE, ICON_UP, ICON_DOWN, ICON_LEFT, ICON_RIGHT, ICON_PLUS, ICON_MINUS
} RenderIcon;
void render_icon(Renderer *r, RenderIcon icon, float cx, float cy, float size, Rgba color);

/* A polyline (at most 256 points) and a convex polygon (at most 32 corners)
 * in css px, anti-aliased and batched with the text (drawn in call order). */
void render_polyline(Renderer *r, const float *xy_css, int n, bool closed, float width_css, Rgba color);
void render_fill_convex(Renderer *r, const float *xy_css, int n, Rgba color);
/* A name in the local language if asked for and the font can draw it, else English. */
const char *render_display_name(const Renderer *r, const App *app, const char *english, const char *local);

/* Text in css px at a baseline; returns the advance width in css px. */
float render_text(Renderer *r, int face, float size_css, float x_css, float y_css, const char *utf8, Rgba color);
float render_text_width(Renderer *r, int face, float size_css, const char *utf8);
/* The same for the first len bytes of utf8 (need not be NUL-terminated). */
float render_text_n(Renderer *r, int face, float size_css, float x_css, float y_css, const char *utf8, size_t len,
                    Rgba color);
float render_text_width_n(Renderer *r, int face, float size_css, const char *utf8, size_t len);
/* Text with a light halo around it, for labels over the map. */
/* Text that is part of a drawn symbol (the key's sample cluster count): as
 * render_text, but not held to TEXT_MIN_CSS in smallest_text_css. */
/* The renderer's fonts as core/labels.h asks for them (names and relation labels). */
LabelFonts render_label_fonts(Renderer *r);
float render_symbol_text(Renderer *r, int face, float size_css, float x_css, float y_css, const char *utf8, Rgba color);
void render_text_halo(Renderer *r, int face, float size_css, float x, float y, const char *utf8,
                      Rgba color, Rgba halo);

#endif
