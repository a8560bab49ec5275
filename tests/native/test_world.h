/* test_world: an App, Renderer and Ui over one bundle, drawing 1x frames
 * into a surface, for the native tests that compare two ways of drawing
 * the same thing (test_ui_idle, test_cache_margin). Include once per test. */
#ifndef STEPPE_TEST_WORLD_H
#define STEPPE_TEST_WORLD_H

#include <SDL.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "test_support.h"
#include "command.h"
#include "render/render.h"
#include "ui/ui.h"

typedef struct World {
    App app;
    Renderer renderer;
    Ui ui;
    SDL_Surface *surface;
    SDL_Renderer *sdl;
} World;

/* How a world draws: through SDL's software renderer, into pixels with one
 * beside (native screenshots), or into pixels with none (the page). */
enum { THROUGH_SDL, DIRECT, DIRECT_NO_SDL };

/* Reads and opens the bundle named by the test's first argument into b (its
 * bytes in *data, for the caller to free after bundle_close). Returns false
 * with "skip" printed when none is given; a bundle that does not open fails
 * the test (CHECK) and returns false too. */
static inline bool world_read_bundle(int argc, char **argv, Bundle *b, uint8_t **data)
{
    size_t size;
    *data = test_read_file(argc > 1 ? argv[1] : NULL, &size);
    if (!*data) {
        printf("skip: no bundle given\n");
        return false;
    }
    char message[256];
    bool opened = bundle_open(b, *data, size, message, sizeof message) == BUNDLE_OK;
    CHECK(opened);
    return opened;
}

static inline void world_apply(World *w, Command c) { app_apply(&w->app, &c, 0); }

static inline bool world_open(World *w, const Bundle *bundle, int width, int height, int how)
{
    char message[256];
    w->surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ABGR8888);
    if (!w->surface) return false;
    w->sdl = how == DIRECT_NO_SDL ? NULL : SDL_CreateSoftwareRenderer(w->surface);
    if ((how != DIRECT_NO_SDL && !w->sdl) || !render_init(&w->renderer, w->sdl, bundle, message, sizeof message))
        return false;
    if (how != THROUGH_SDL) render_set_pixels(&w->renderer, w->surface->pixels, width, height, w->surface->pitch);
    w->renderer.use_cache = true;
    ui_init(&w->ui, &w->renderer, bundle);
    if (!app_init(&w->app, bundle, width, height, 0)) return false;
    Command metrics = { .kind = CMD_SET_LABEL_METRICS };
    metrics.u.metrics = ui_edge_label_metrics(&w->ui);
    world_apply(w, metrics);
    return true;
}

static inline void world_close(World *w)
{
    ui_shutdown(&w->ui);
    render_shutdown(&w->renderer);
    app_destroy(&w->app);
    if (w->sdl) SDL_DestroyRenderer(w->sdl);
    SDL_FreeSurface(w->surface);
    memset(w, 0, sizeof *w);
}

/* A frame: the map, the UI, flushed. */
static inline void world_draw(World *w)
{
    render_begin(&w->renderer, &w->app, 1.0f);
    render_map(&w->renderer, &w->app);
    ui_draw(&w->ui, &w->app);
    render_flush(&w->renderer);
}

#endif
