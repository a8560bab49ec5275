/* render: the renderer's life (fonts, glyph texture, direct pixels) and a
 * frame's start and end. See render.h; the drawing is in the other files of
 * render/ (render_internal.h lists them). */
#include "render/render.h"

#include <stdlib.h>
#include <string.h>

#include "render/render_internal.h"

/* Whether r->sdl draws on the CPU, which decides several drawing paths;
 * without one, everything is drawn into pixels on the CPU. */
static void note_renderer(Renderer *r)
{
    if (!r->sdl) {
        r->software = true;
        return;
    }
    SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_BLEND);
    SDL_RendererInfo info;
    r->software = SDL_GetRendererInfo(r->sdl, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE);
}

/* The glyph atlas texture for r->sdl, filled from the atlas on the next upload. */
static bool create_atlas_texture(Renderer *r)
{
    r->atlas_texture = SDL_CreateTexture(r->sdl, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC,
                                         FONT_ATLAS_SIZE, FONT_ATLAS_SIZE);
    if (!r->atlas_texture) return false;
    SDL_SetTextureBlendMode(r->atlas_texture, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(r->atlas_texture, SDL_ScaleModeLinear);
    font_atlas_mark_all_dirty(&r->atlas);
    return true;
}

/* A software renderer gets its glyph texture only when something draws
 * through SDL rather than straight into pixels (render_set_pixels), which
 * on the web page is never: the texture is 4 MB, cleared by SDL, on the
 * first load's path and again on every resize (issue 15). */
static bool prepare_atlas_texture(Renderer *r)
{
    note_renderer(r);
    return r->software || create_atlas_texture(r);
}

bool render_init(Renderer *r, SDL_Renderer *sdl, const Bundle *bundle, char *message, size_t message_size)
{
    memset(r, 0, sizeof *r);
    r->sdl = sdl;
    r->theme = &THEME_DEFAULT;
    r->dpr = 1.0f;
    r->smallest_text_css = 1e9f; /* none drawn yet */
    r->sprites_from_glyphs = RENDER_SPRITES_FROM_GLYPHS;
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
    if (!prepare_atlas_texture(r)) {
        SDL_snprintf(message, message_size, "render: cannot create the glyph texture: %s", SDL_GetError());
        render_shutdown(r);
        return false;
    }
    return true;
}

void render_set_pixels(Renderer *r, void *pixels, int width, int height, int pitch)
{
    bool resized = r->frame.width != width || r->frame.height != height;
    r->frame = (RasterImage){ pixels, width, height, pitch / 4 };
    r->target = &r->frame;
    r->clip = raster_bounds(&r->frame);
    r->software = true;
    if (resized) base_cache_free(r);
    for (int i = 0; i < RENDER_LAYER_COUNT; i++) r->layers[i].valid = false;
}

bool render_retarget(Renderer *r, SDL_Renderer *sdl)
{
    if (r->atlas_texture) SDL_DestroyTexture(r->atlas_texture);
    r->atlas_texture = NULL;
    base_cache_free(r);
    r->sdl = sdl;
    return prepare_atlas_texture(r);
}

void render_release_textures(Renderer *r)
{
    if (r->atlas_texture) SDL_DestroyTexture(r->atlas_texture);
    r->atlas_texture = NULL;
    base_cache_free(r);
}

void render_shutdown(Renderer *r)
{
    if (r->atlas_texture) SDL_DestroyTexture(r->atlas_texture);
    base_cache_free(r);
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
    countries_free_triangles(r);
    labels_free(&r->labels);
    markers_sprites_free(r);
    memset(r, 0, sizeof *r);
}

/* Uploads the atlas rows that changed since the last frame (white + alpha). */
static void upload_atlas(Renderer *r)
{
    int y0, y1;
    if (direct_drawing(r)) return; /* read in place; the dirty rows wait for a texture, if one is ever made */
    if (!r->atlas_texture && !create_atlas_texture(r)) return; /* a software renderer's, made on first need */
    if (!font_atlas_take_dirty(&r->atlas, &y0, &y1)) return;
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

void render_begin(Renderer *r, const App *app, float dpr)
{
    r->dpr = dpr > 0 ? dpr : 1.0f;
    const Theme *theme = theme_for(app->display.theme);
    if (theme != r->theme) { /* a new theme: everything cached is in the old colours */
        r->theme = theme;
        r->cache_valid = false;
    }
    const Theme *t = r->theme;
    if (direct_drawing(r)) {
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

bool render_busy(const Renderer *r) { return r->cache_approximate; }

void render_flush(Renderer *r)
{
    upload_atlas(r);
    batch_flush(r, &r->text, true);
}
