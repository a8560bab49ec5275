/* bench_frame: the app, the UI and the renderer driven frame by frame, as
 * src/platform/frame.c drives them (UI first, its commands, then the gesture
 * recogniser, then a draw if anything asks for one), on the direct-pixel path
 * (pixel/raster.c drawing into one window-sized buffer, the base map cached):
 * the path the web page takes where WebGL is emulated, and --screenshot.
 * Shared by bench_click.c and bench_scale.c. Include after defining
 * _POSIX_C_SOURCE (bench_support.h's clock). */
#ifndef STEPPE_BENCH_FRAME_H
#define STEPPE_BENCH_FRAME_H

#include <SDL.h>
#include <stdio.h>

#include "app.h"
#include "command.h"
#include "gesture.h"
#include "render/render.h"
#include "bench_support.h"
#include "ui/ui.h"

/* Frames bench_frame_settle runs at most (a flight home is a few hundred). */
#define BENCH_FRAME_SETTLE_CAP 8000

typedef struct BenchFrame {
    App app;
    Renderer renderer;
    Ui ui;
    Gesture gesture;
    CommandQueue commands;
    AppInput in;
    float dpr;
    SDL_Surface *surface;
    SDL_Renderer *sdl;
} BenchFrame;

static inline double bench_now_ms(void) { return bench_now_us() / 1000; }

/* One frame as frame.c runs it; returns its duration in ms and whether it drew. */
static inline double bench_frame_run(BenchFrame *B, bool *drew)
{
    double t0 = bench_now_ms();
    AppInput *in = &B->in;
    in->now_ms = t0;
    bool over_ui = ui_update(&B->ui, &B->app, in, &B->commands);
    command_queue_apply(&B->commands, &B->app, in->now_ms);
    AppInput map_input = *in;
    if (over_ui) {
        map_input.pointer_inside = false;
        map_input.pointer_pressed = false;
        map_input.double_clicks = 0;
        map_input.wheel_steps = 0;
    }
    gesture_update(&B->gesture, &B->app, &map_input);
    in->pointer_pressed = in->pointer_released = false;
    in->double_clicks = 0;
    in->wheel_steps = 0;
    in->keys_pressed = 0;
    in->text[0] = 0;
    if (ui_take_dirty(&B->ui)) {
        Command c = cmd_simple(CMD_REDRAW);
        app_apply(&B->app, &c, in->now_ms);
    }
    *drew = B->app.needs_redraw;
    if (!B->app.needs_redraw) ui_idle(&B->ui, &B->app); /* as frame.c does in a frame with nothing to draw */
    if (B->app.needs_redraw) {
        render_begin(&B->renderer, &B->app, B->dpr);
        render_map(&B->renderer, &B->app);
        ui_draw(&B->ui, &B->app);
        render_flush(&B->renderer);
        Command c = cmd_toggle(CMD_FRAME_DRAWN, render_busy(&B->renderer) ? TOGGLE_ON : TOGGLE_OFF);
        app_apply(&B->app, &c, bench_now_ms());
    }
    return bench_now_ms() - t0;
}

/* Frames until nothing moves or waits to be drawn; the durations of the
 * first `cap` that drew go to `times` (may be NULL); returns how many drew. */
static inline int bench_frame_settle(BenchFrame *B, double *times, int cap)
{
    int drawn = 0;
    for (int i = 0; i < BENCH_FRAME_SETTLE_CAP; i++) {
        bool drew;
        double t = bench_frame_run(B, &drew);
        if (!drew && !B->app.view.flight.active) return drawn;
        if (drew && times && drawn < cap) times[drawn] = t;
        if (drew) drawn++;
    }
    return drawn;
}

/* Sets up a w x h css px window (dpr 1) on `bundle` at its home view and runs
 * the first frames (and the UI's prewarm after them, as frame.c does); false
 * with a message if the renderer cannot start. */
static inline bool bench_frame_open(BenchFrame *B, Bundle *bundle, int w, int h, char *message, size_t message_size)
{
    B->dpr = 1.0f;
    B->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ABGR8888);
    B->sdl = B->surface ? SDL_CreateSoftwareRenderer(B->surface) : NULL;
    if (!B->sdl) {
        snprintf(message, message_size, "%s", SDL_GetError());
        return false;
    }
    if (!render_init(&B->renderer, B->sdl, bundle, message, message_size)) return false;
    render_set_pixels(&B->renderer, B->surface->pixels, w, h, B->surface->pitch);
    B->renderer.use_cache = true;
    ui_init(&B->ui, &B->renderer, bundle);
    if (!app_init(&B->app, bundle, w, h, bench_now_ms())) {
        snprintf(message, message_size, "app_init failed");
        return false;
    }
    gesture_init(&B->gesture, bench_now_ms());
    Command metrics = { .kind = CMD_SET_LABEL_METRICS };
    metrics.u.metrics = ui_edge_label_metrics(&B->ui);
    app_apply(&B->app, &metrics, bench_now_ms());
    B->in.width_css = w;
    B->in.height_css = h;
    bench_frame_settle(B, NULL, 0);
    ui_prewarm(&B->ui, B->dpr); /* as frame.c does one frame after the first map */
    return true;
}

static inline void bench_frame_close(BenchFrame *B)
{
    ui_shutdown(&B->ui);
    render_shutdown(&B->renderer);
    app_destroy(&B->app);
    SDL_DestroyRenderer(B->sdl);
    SDL_FreeSurface(B->surface);
}

#endif
