/* render/base_cache: the base map (fills, borders, names), drawn into a cache
 * and copied from it, redrawn in bands on a software renderer; and the
 * retained UI layers. See render_internal.h. */
#include "render/render_internal.h"

#include "core/event_markers.h"

#include <math.h>
#include <stdlib.h>

/* The base map: fills, borders and labels. */
static void draw_base_map(Renderer *r, const App *app)
{
    countries_draw(r, app);
    countries_draw_selection(r, app); /* under the names, so they stay legible */
    labels_draw(r, app);
    render_flush(r); /* the names */
}

/* The base map cache. Software WebGL takes longer to draw every border and
 * label than a frame lasts, so the base map is drawn into a texture a margin
 * larger than the viewport and, while the scale is unchanged, each frame only
 * copies it at an offset (a pan costs one textured quad). While the user is
 * zooming or a flight runs, the copy is scaled instead, and the map is redrawn
 * crisply once the motion stops (App.interacting turns false). */
#define CACHE_MARGIN_CSS 160.0
#define CACHE_MIN_REDRAW_MS 300.0 /* while moving, a partial copy may show for this long */

/* What fans out by itself or not, beyond the view: the names keep clear of fans. */
static uint32_t fanned_place(const App *app) { return app->markers ? app->markers->expanded_place : 0; }
static uint32_t selected_event(const App *app)
{
    return app->select.current.kind == SELECTION_EVENT ? app->select.current.id : 0;
}

static bool cache_key_matches(const Renderer *r, const App *app)
{
    return r->cache_fanned_place == fanned_place(app) && r->cache_selected_event == selected_event(app) &&
           r->cache_layers == app->display.layers && r->cache_local_names == app->display.local_names && r->cache_dpr == r->dpr &&
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

void base_cache_free(Renderer *r)
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
    r->cache_margin_todo = 0;
}

/* Draws the device px rectangle `part` of a cache texture for view (the
 * whole texture if it is all of it). The base map is laid out in full each
 * time, so labels land where they would in one pass; only what falls in the
 * rectangle is drawn. */
static void cache_draw_part(Renderer *r, const App *app, bool next, const View *view, Selection selection,
                            RasterRect part)
{
    App enlarged = *app;
    enlarged.view = *view;
    enlarged.select.current = selection; /* all bands of a redraw show the same one */
    enlarged.view.width_css += 2 * CACHE_MARGIN_CSS;
    enlarged.view.height_css += 2 * CACHE_MARGIN_CSS;
    if (direct_drawing(r)) {
        r->target = next ? &r->next_image : &r->cache_image;
        r->clip = part;
    } else {
        SDL_SetRenderTarget(r->sdl, next ? r->map_next : r->map_cache);
        SDL_Rect rect = { part.x0, part.y0, part.x1 - part.x0, part.y1 - part.y0 };
        SDL_RenderSetClipRect(r->sdl, &rect); /* and SDL_RenderClear would ignore it: a fill */
    }
    batch_fill_opaque(r, (float)part.x0, (float)part.y0, (float)part.x1, (float)part.y1, r->theme->water);
    if (part.x0 > 0 || part.y0 > 0 || part.x1 < r->cache_w || part.y1 < r->cache_h) {
        r->band_x0 = (float)part.x0;
        r->band_y0 = (float)part.y0;
        r->band_x1 = (float)part.x1;
        r->band_y1 = (float)part.y1;
    }
    draw_base_map(r, &enlarged);
    r->band_x0 = r->band_y0 = r->band_x1 = r->band_y1 = 0;
    if (direct_drawing(r)) {
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
    r->cache_fanned_place = fanned_place(app);
    r->cache_selected_event = selected_event(app);
    r->cache_dpr = r->dpr;
    r->cache_valid = true;
    r->cache_rendered_ms = app->now_ms;
}

/* The part of a cache of w x h device px that the viewport shows when the
 * view has not moved, with a pixel to spare at each side for rounding. */
static RasterRect cache_core_rect(const Renderer *r, const App *app, int w, int h)
{
    double margin_px = CACHE_MARGIN_CSS * r->dpr;
    RasterRect c = { (int)floor(margin_px) - 1, (int)floor(margin_px) - 1,
                     (int)ceil(margin_px + app->view.width_css * r->dpr) + 1,
                     (int)ceil(margin_px + app->view.height_css * r->dpr) + 1 };
    if (c.x0 < 0) c.x0 = 0;
    if (c.y0 < 0) c.y0 = 0;
    if (c.x1 > w) c.x1 = w;
    if (c.y1 > h) c.y1 = h;
    return c;
}

/* Margin strip k (0..3: top, bottom, left, right) around the cache's core. */
static RasterRect margin_strip(const Renderer *r, int k)
{
    RasterRect c = r->cache_core;
    switch (k) {
    case 0: return (RasterRect){ 0, 0, r->cache_w, c.y0 };
    case 1: return (RasterRect){ 0, c.y1, r->cache_w, r->cache_h };
    case 2: return (RasterRect){ 0, c.y0, c.x0, c.y1 };
    default: return (RasterRect){ c.x1, c.y0, r->cache_w, c.y1 };
    }
}

/* Draws the next margin strip still to draw, with the names the cache's
 * first pass placed (r->labels holds them until a redraw places others,
 * which the margin is always finished before: base_cache_draw). */
static void cache_draw_margin_strip(Renderer *r, const App *app)
{
    int k = 0;
    while (!(r->cache_margin_todo & (1u << k))) k++;
    r->cache_margin_todo &= ~(1u << k); /* only strips with pixels have their bit (cache_render) */
    r->keep_label_places = true;
    cache_draw_part(r, app, false, &r->cache_view, r->cache_selection, margin_strip(r, k));
    r->keep_label_places = false;
}

static bool same_view(const View *a, const View *b)
{
    return a->center_x == b->center_x && a->center_y == b->center_y && a->scale_px == b->scale_px &&
           a->width_css == b->width_css && a->height_css == b->height_css;
}

/* Draws the cache for the current view (a new size, theme, layer or
 * language, or the first frame): with direct drawing only the part the
 * viewport shows, the margin later (render_idle). */
static bool cache_render(Renderer *r, const App *app)
{
    int w = (int)ceil((app->view.width_css + 2 * CACHE_MARGIN_CSS) * r->dpr);
    int h = (int)ceil((app->view.height_css + 2 * CACHE_MARGIN_CSS) * r->dpr);
    bool have = direct_drawing(r) ? r->cache_image.pixels != NULL : r->map_cache != NULL;
    if (!have || r->cache_w != w || r->cache_h != h) {
        base_cache_free(r);
        if (direct_drawing(r) ? !create_cache_image(&r->cache_image, w, h) : !(r->map_cache = create_cache_texture(r, w, h)))
            return false;
        r->cache_w = w;
        r->cache_h = h;
    }
    r->next_band = 0;
    RasterRect all = { 0, 0, w, h };
    r->cache_core = direct_drawing(r) && !r->cache_in_one_pass ? cache_core_rect(r, app, w, h) : all;
    r->cache_margin_todo = 0;
    cache_draw_part(r, app, false, &app->view, app->select.current, r->cache_core);
    for (int k = 0; k < 4; k++) {
        RasterRect strip = margin_strip(r, k);
        if (strip.x1 > strip.x0 && strip.y1 > strip.y0) r->cache_margin_todo |= 1u << k;
    }
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
    if (direct_drawing(r) ? !r->next_image.pixels && !create_cache_image(&r->next_image, r->cache_w, r->cache_h)
                  : !r->map_next && !(r->map_next = create_cache_texture(r, r->cache_w, r->cache_h)))
        return false;
    if (r->next_band == 0) {
        r->next_view = app->view;
        r->next_selection = app->select.current;
    }
    int band = r->next_band;
    RasterRect rows = { 0, band * r->cache_h / CACHE_BANDS, r->cache_w, (band + 1) * r->cache_h / CACHE_BANDS };
    cache_draw_part(r, app, true, &r->next_view, r->next_selection, rows);
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
    if (!direct_drawing(r) || r->frame_cleared) return;
    batch_fill_opaque(r, 0, 0, (float)r->frame.width, (float)r->frame.height, r->theme->water);
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
    if (direct_drawing(r)) {
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

/* The country a selection outlines in the base map, 0 for none. */
static uint32_t outlined_country(Selection s)
{
    return s.kind == SELECTION_COUNTRY ? s.id : 0;
}

bool render_idle(Renderer *r, const App *app)
{
    if (!r->cache_margin_todo || !r->cache_valid || !cache_key_matches(r, app)) return false;
    cache_draw_margin_strip(r, app);
    return true;
}

void base_cache_draw(Renderer *r, const App *app)
{
    bool drawn = false;
    r->cache_approximate = false;
    r->base_shows_selection = true;
    if (r->use_cache) {
        bool key = r->cache_valid && cache_key_matches(r, app);
        /* The margin shows once the view moves, and a redraw for another
         * view or selection places other names: finish it first. */
        if (key && r->cache_margin_todo &&
            (!same_view(&r->cache_view, &app->view) ||
             outlined_country(r->cache_selection) != outlined_country(app->select.current)))
            while (r->cache_margin_todo) cache_draw_margin_strip(r, app);
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
}

/* --- retained layers ------------------------------------------------------------ */

/* The device px rectangle a css rectangle covers, within the frame: the
 * pixels whose centres it holds, as an opaque fill of it paints them
 * (raster_fill_rect). A pixel it only cuts shows what lies beneath, which
 * the layer must not keep: at a fractional edge (a panel at x = 844.8) the
 * map under it changes while the layer stays. */
static int pixel_edge(float v) { return (int)ceilf(v - 0.5f); }
static RasterRect layer_rect(const Renderer *r, const float rect_css[4])
{
    RasterRect d = { pixel_edge(rect_css[0] * r->dpr), pixel_edge(rect_css[1] * r->dpr),
                     pixel_edge((rect_css[0] + rect_css[2]) * r->dpr), pixel_edge((rect_css[1] + rect_css[3]) * r->dpr) };
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
    if (!direct_drawing(r) || layer < 0 || layer >= RENDER_LAYER_COUNT) return false;
    struct RenderLayer *l = &r->layers[layer];
    RasterRect d = layer_rect(r, rect_css);
    if (!l->valid || l->key != key || !same_rect(l->rect, d) || d.x1 <= d.x0 || d.y1 <= d.y0) return false;
    render_flush(r); /* what was batched before lies under the layer */
    raster_copy(&r->frame, d, &l->image, d.x0, d.y0, 1.0);
    return true;
}

void render_layer_keep(Renderer *r, int layer, const float rect_css[4], uint64_t key)
{
    if (!direct_drawing(r) || layer < 0 || layer >= RENDER_LAYER_COUNT) return;
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

void render_layer_draw_ahead(Renderer *r, int layer, const float rect_css[4], uint64_t key, void (*draw)(void *user),
                             void *user)
{
    if (!direct_drawing(r) || layer < 0 || layer >= RENDER_LAYER_COUNT) return;
    RasterRect d = layer_rect(r, rect_css);
    int w = d.x1 - d.x0, h = d.y1 - d.y0;
    if (w <= 0 || h <= 0) return;
    RasterImage saved;
    if (!create_cache_image(&saved, w, h)) return;
    RasterImage region = { r->frame.pixels + (size_t)d.y0 * (size_t)r->frame.stride + (size_t)d.x0, w, h, r->frame.stride };
    raster_copy(&saved, raster_bounds(&saved), &region, 0, 0, 1.0);
    r->target = &r->frame;
    r->clip = raster_bounds(&r->frame);
    draw(user);
    render_layer_keep(r, layer, rect_css, key);
    raster_copy(&r->frame, d, &saved, d.x0, d.y0, 1.0);
    free(saved.pixels);
}

void render_layer_swap(Renderer *r, int a, int b)
{
    if (a < 0 || b < 0 || a >= RENDER_LAYER_COUNT || b >= RENDER_LAYER_COUNT) return;
    struct RenderLayer t = r->layers[a];
    r->layers[a] = r->layers[b];
    r->layers[b] = t;
}
