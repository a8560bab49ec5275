/* frame: the one main-loop body and what both targets share. See platform.h. */
#include "platform/platform.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/bundle_lzma.h"
#include "core/deeplink.h"

Platform g_platform;

double platform_text_scale(const Platform *p)
{
    int ts = p->app.display.text_scale_percent;
    return ts >= 100 && ts <= 250 ? ts / 100.0 : 1.0;
}

double platform_now_ms(void)
{
    return (double)SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

void platform_command(Platform *p, Command c) { app_apply(&p->app, &c, platform_now_ms()); }

static void text_command(Platform *p, CommandKind kind, const char *text)
{
    Command c = { .kind = kind };
    c.u.text.text = text;
    platform_command(p, c);
}

/* --- bundle ------------------------------------------------------------------ */

static unsigned char *default_bundle;
static size_t default_bundle_size;
static double default_bundle_ms = -1;

const unsigned char *platform_default_bundle(size_t *size, char *message, size_t message_size)
{
    if (!default_bundle) {
        double t0 = platform_now_ms();
        BundleLzmaError e = bundle_lzma_unpack(steppe_default_bundle_lzma, steppe_default_bundle_lzma_size,
                                               &default_bundle, &default_bundle_size, message, message_size);
        if (e != BUNDLE_LZMA_OK) return NULL;
        default_bundle_ms = platform_now_ms() - t0;
    }
    *size = default_bundle_size;
    return default_bundle;
}

double platform_default_bundle_unpack_ms(void) { return default_bundle_ms; }

/* Opens the built-in bundle into b; false, with why in message, if it cannot. */
bool platform_open_default_bundle(Bundle *b, char *message, size_t message_size)
{
    size_t size = 0;
    const unsigned char *data = platform_default_bundle(&size, message, message_size);
    return data && bundle_open(b, data, size, message, message_size) == BUNDLE_OK;
}

bool platform_load_bundle(Platform *p, void *data, size_t size, const char *name, const char *unreadable)
{
    char message[512];
    if (data) {
        if (bundle_open(&p->bundle, data, size, message, sizeof message) == BUNDLE_OK) {
            p->bundle_file = data;
            return true;
        }
        fprintf(stderr, "steppe_atlas: %s: %s\n", name, message);
        SDL_snprintf(p->notice, sizeof p->notice, "Could not open %s: %s. Showing the built-in atlas.", name, message);
        SDL_free(data);
    } else if (unreadable) {
        SDL_snprintf(p->notice, sizeof p->notice, "Could not read %s: %s. Showing the built-in atlas.", name, unreadable);
    }
    if (!platform_open_default_bundle(&p->bundle, message, sizeof message)) {
        fprintf(stderr, "steppe_atlas: built-in bundle: %s\n", message);
        return false;
    }
    return true;
}

bool platform_open_window(Platform *p, int width, int height, Uint32 flags)
{
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "steppe_atlas: SDL_Init: %s\n", SDL_GetError());
        return false;
    }
    p->window = SDL_CreateWindow("Steppe Atlas", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height,
                                 SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI | flags);
    if (!p->window) fprintf(stderr, "steppe_atlas: window: %s\n", SDL_GetError());
    return p->window != NULL;
}

void platform_output_size(Platform *p, int *w, int *h)
{
    *w = *h = 0;
    if (p->frame_surface) {
        *w = p->frame_surface->w;
        *h = p->frame_surface->h;
    } else {
        SDL_GetRendererOutputSize(p->sdl_renderer, w, h);
    }
}

bool platform_start_drawing(Platform *p)
{
    /* Software frames (p->frame_surface) are drawn without an SDL renderer. */
    if (!p->sdl_renderer && !p->frame_surface) {
        p->sdl_renderer = SDL_CreateRenderer(p->window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
        if (!p->sdl_renderer) p->sdl_renderer = SDL_CreateRenderer(p->window, -1, 0);
        if (!p->sdl_renderer) { fprintf(stderr, "steppe_atlas: renderer: %s\n", SDL_GetError()); return false; }
    }
    char message[256];
    if (!render_init(&p->renderer, p->sdl_renderer, &p->bundle, message, sizeof message)) {
        fprintf(stderr, "steppe_atlas: %s\n", message);
        return false;
    }
    if (p->frame_surface) { /* frames drawn by pixel/raster.c into it */
        SDL_Surface *f = p->frame_surface;
        render_set_pixels(&p->renderer, f->pixels, f->w, f->h, f->pitch);
    }
    p->renderer.use_cache = true;
    ui_init(&p->ui, &p->renderer, &p->bundle);
    platform_update_sizes(p);
    return true;
}

bool platform_start_app(Platform *p, double width_css, double height_css, double now_ms)
{
    if (!app_init(&p->app, &p->bundle, width_css, height_css, now_ms)) {
        fprintf(stderr, "steppe_atlas: cannot set up the map (unusable projection in the bundle, or out of memory)\n");
        return false;
    }
    gesture_init(&p->gesture, now_ms);
    if (p->notice[0]) text_command(p, CMD_NOTICE, p->notice);
    /* The edge badges' names are measured in the font they are drawn in. */
    Command metrics = { .kind = CMD_SET_LABEL_METRICS };
    metrics.u.metrics = ui_edge_label_metrics(&p->ui);
    platform_command(p, metrics);
    return true;
}

int platform_apply_initial_state(Platform *p, const char *text)
{
    int ignored = 0;
    if (text && text[0]) {
        DeeplinkReport report;
        Command c = { .kind = CMD_APPLY_STATE };
        c.u.text.text = text;
        c.u.text.report = &report;
        platform_command(p, c);
        if (report.ignored)
            fprintf(stderr, "steppe_atlas: state: ignored %d field(s), first: %s\n", report.ignored, report.first_problem);
        ignored = report.ignored;
        platform_command(p, cmd_simple(CMD_LAND_FLIGHT));
    }
    deeplink_write(&p->app, p->last_hash, sizeof p->last_hash);
    deeplink_selection(&p->app, p->last_selection, sizeof p->last_selection);
    return ignored;
}

/* --- a frame ------------------------------------------------------------------- */

/* Publishes the state string when it changed and the view is at rest. */
static void publish_state(Platform *p)
{
    if (p->app.interacting || p->app.view.flight.active) return;
    char hash[sizeof p->last_hash];
    deeplink_write(&p->app, hash, sizeof hash);
    if (!strcmp(hash, p->last_hash)) return;
    char selection[sizeof p->last_selection];
    deeplink_selection(&p->app, selection, sizeof selection);
    bool push = p->first_frame_done && strcmp(selection, p->last_selection) != 0;
    platform_publish_state(p, hash, push);
    snprintf(p->last_hash, sizeof p->last_hash, "%s", hash);
    snprintf(p->last_selection, sizeof p->last_selection, "%s", selection);
}

void platform_draw(Platform *p)
{
    render_begin(&p->renderer, &p->app, p->dpr);
    render_map(&p->renderer, &p->app);
    ui_draw(&p->ui, &p->app);
    render_flush(&p->renderer);
}

void platform_draw_figure(Platform *p, int rect_px[4])
{
    p->renderer.figure = true;
    render_begin(&p->renderer, &p->app, p->dpr);
    render_map(&p->renderer, &p->app);
    ui_draw_figure(&p->ui, &p->app);
    render_flush(&p->renderer);
    p->renderer.figure = false;
    RectCss f = p->app.screen.figure;
    double s = p->dpr;
    int w = 0, h = 0;
    platform_output_size(p, &w, &h);
    int x0 = (int)lround(f.x * s), y0 = (int)lround(f.y * s);
    int x1 = (int)lround((f.x + f.w) * s), y1 = (int)lround((f.y + f.h) * s);
    rect_px[0] = x0 < 0 ? 0 : x0;
    rect_px[1] = y0 < 0 ? 0 : y0;
    rect_px[2] = (x1 > w ? w : x1) - rect_px[0];
    rect_px[3] = (y1 > h ? h : y1) - rect_px[1];
}

/* Carries out what the app asked for this frame. */
static void handle_requests(Platform *p)
{
    uint32_t req = p->app.requests;
    if (!req) return;
    platform_command(p, cmd_simple(CMD_REQUESTS_TAKEN));
    if (req & APP_REQUEST_COPY_TEXT) {
        static char text[PANEL_TEXT_SIZE + 4096];
        if (ui_panel_text(&p->ui, &p->app, text, sizeof text) > 0) {
            platform_copy_text(p, text);
            text_command(p, CMD_TOAST, "Panel text copied");
        }
    }
    if (req & APP_REQUEST_COPY_LINK) {
        char hash[1024];
        deeplink_write(&p->app, hash, sizeof hash);
        platform_copy_link(p, hash);
        text_command(p, CMD_TOAST, "Link copied");
    }
    if (req & APP_REQUEST_FULLSCREEN) platform_toggle_fullscreen(p);
    if (req & APP_REQUEST_EXPORT_PNG) {
        /* The figure is drawn, saved and drawn over again within this frame:
         * the screen never shows it. */
        int rect[4];
        platform_draw_figure(p, rect);
        platform_export_png(p, rect);
        platform_command(p, cmd_simple(CMD_REDRAW));
    }
}

void platform_frame(void)
{
    Platform *p = &g_platform;
    /* One frame after the first map is up, rasterise the panel's glyphs ahead
     * of time, so the first click does not pay for them. */
    if (p->prewarm_pending && !p->app.needs_redraw) {
        p->prewarm_pending = false;
        ui_prewarm(&p->ui, p->dpr);
    }
    if ((int)lround(platform_text_scale(p) * 100) != p->text_scale_applied) platform_update_sizes(p);
    platform_poll_events(p);
    AppInput *in = &p->input;
    in->now_ms = platform_now_ms();
    in->width_css = p->width_css;
    in->height_css = p->height_css;
    /* The UI sees the input first; what lands on the panel or a button does
     * not also reach the map. */
    bool over_ui = ui_update(&p->ui, &p->app, in, &p->commands); /* may take keys and text from *in */
    command_queue_apply(&p->commands, &p->app, in->now_ms);
    AppInput map_input = *in;
    /* A press that began on the UI (a timeline drag, a scrolled panel) stays
     * the UI's until release: the map must not pan along. */
    if (in->pointer_pressed) p->press_on_ui = over_ui;
    if (p->press_on_ui) {
        map_input.pointer_down = false;
        map_input.pointer_released = false;
        if (!in->pointer_down) p->press_on_ui = false;
    }
    if (over_ui) {
        map_input.pointer_inside = false;
        map_input.pointer_pressed = false;
        map_input.double_clicks = 0;
        map_input.wheel_steps = 0;
    }
    gesture_update(&p->gesture, &p->app, &map_input);
    handle_requests(p);
    publish_state(p);
    /* Edge-triggered input is consumed by this frame; held state carries over. */
    in->pointer_pressed = in->pointer_released = false;
    in->double_clicks = 0;
    in->wheel_steps = 0;
    in->pinch_factor = 0;
    in->keys_pressed = 0;
    in->text[0] = 0;
    in->edit_count = 0;

    if (ui_take_dirty(&p->ui)) platform_command(p, cmd_simple(CMD_REDRAW));
    /* A frame with nothing to draw finishes the map cache's margin, else
     * lays out ahead the panel a click on what the pointer rests on would
     * open (the click's frame only swaps it in). */
    if (!p->app.needs_redraw && p->first_frame_done && !render_idle(&p->renderer, &p->app)) ui_idle(&p->ui, &p->app);
    if (p->app.needs_redraw) {
        platform_draw(p);
        platform_present(p);
        /* A map still being redrawn (in bands) needs more frames. */
        platform_command(p, cmd_toggle(CMD_FRAME_DRAWN, render_busy(&p->renderer) ? TOGGLE_ON : TOGGLE_OFF));
        if (!p->first_frame_done) {
            p->first_frame_done = true;
            p->prewarm_pending = true;
            platform_first_frame_shown(p);
        }
    }
    /* A dropped bundle replaces the atlas between frames: nothing of this
     * frame still points into the old one. */
    if (p->dropped_file) {
        char *path = p->dropped_file;
        p->dropped_file = NULL;
        platform_open_bundle_file(p, path);
        SDL_free(path);
    }
    if (p->after_frame) p->after_frame(p);
}
