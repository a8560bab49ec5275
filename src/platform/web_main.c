/* web_main: the browser build — the canvas, the software frame, the main loop.
 * The browser calls platform_frame from requestAnimationFrame
 * (emscripten_set_main_loop). This file is compiled into the web build only,
 * so it needs no #ifdef. */
#include <emscripten.h>
#include <emscripten/html5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deeplink.h"
#include "pixel/raster.h"
#include "platform/web.h"

/* The canvas's size in device px (SDL sets it from the css size and the
 * devicePixelRatio when the window is created or resized). */
static void canvas_pixel_size(int *w, int *h)
{
    if (emscripten_get_canvas_element_size("#canvas", w, h) != EMSCRIPTEN_RESULT_SUCCESS || *w < 1 || *h < 1)
        *w = *h = 1;
}

/* (Re)creates the software frame at the canvas's device size. Returns
 * false, keeping what there was, if memory runs out. Where software WebGL
 * would cost more than drawing ourselves (see web/steppe.js), frames are
 * drawn by pixel/raster.c into this surface and shown with putImageData, with
 * no SDL renderer at all: the page's SDL is built without its software
 * renderer (tools/setup.sh), which the page never drew with. */
static bool make_software_target(Platform *p)
{
    int w, h;
    canvas_pixel_size(&w, &h);
    if (p->frame_surface && p->frame_surface->w == w && p->frame_surface->h == h) return true;
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ABGR8888);
    if (!surface) return false;
    if (p->frame_surface) { /* the Renderer is drawing into the old one */
        render_set_pixels(&p->renderer, surface->pixels, w, h, surface->pitch);
        SDL_FreeSurface(p->frame_surface);
    }
    p->frame_surface = surface;
    web_present_whole_next();
    return true;
}

/* --- WebGL context loss ------------------------------------------------------------
 * The browser may take the WebGL context away (a GPU reset, too many contexts,
 * a driver update) and give it back empty: every texture, buffer and shader
 * gone. web/steppe.js tells us both. While it is lost nothing is drawn (the
 * main loop pauses; the App, and so the state, stands). When it is back, the
 * SDL renderer is made again on a new window: destroying the old renderer
 * deletes its GL context, which in Emscripten also removes every handler on
 * the canvas (SDL's mouse and touch among them), and a new window registers
 * them again. The Renderer's textures are made again from its own copies
 * (glyph atlas, base-map cache redrawn). Software frames need no WebGL. */
static bool s_context_lost;

EMSCRIPTEN_KEEPALIVE void steppe_context_lost(void);
EMSCRIPTEN_KEEPALIVE int steppe_context_restored(void);

EMSCRIPTEN_KEEPALIVE void steppe_context_lost(void)
{
    if (g_platform.software || s_context_lost) return;
    s_context_lost = true;
    emscripten_pause_main_loop();
}

/* Returns 1 once the map is drawn again, 0 if it cannot be (said on stderr). */
EMSCRIPTEN_KEEPALIVE int steppe_context_restored(void)
{
    Platform *p = &g_platform;
    if (!s_context_lost) return 1;
    int w = 0, h = 0;
    SDL_GetWindowSize(p->window, &w, &h);
    render_release_textures(&p->renderer);
    SDL_DestroyRenderer(p->sdl_renderer);
    p->sdl_renderer = NULL;
    SDL_DestroyWindow(p->window);
    p->window = NULL;
    if (!platform_open_window(p, w, h, SDL_WINDOW_OPENGL)) return 0;
    p->sdl_renderer = SDL_CreateRenderer(p->window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!p->sdl_renderer) p->sdl_renderer = SDL_CreateRenderer(p->window, -1, 0);
    if (!p->sdl_renderer || !render_retarget(&p->renderer, p->sdl_renderer)) {
        fprintf(stderr, "steppe_atlas: cannot draw again after the WebGL context came back: %s\n", SDL_GetError());
        return 0;
    }
    s_context_lost = false;
    platform_update_sizes(p);
    platform_command(p, cmd_simple(CMD_REDRAW));
    emscripten_resume_main_loop();
    return 1;
}

/* --- the platform interface, in the browser ------------------------------------- */

void platform_resize_target(Platform *p)
{
    if (p->software) make_software_target(p);
}

/* SDL_DROPFILE does not reach the page from a browser's drop: a file dropped
 * onto the page comes as bytes, through web_bundle_drop.c. */
void platform_open_bundle_file(Platform *p, const char *path)
{
    (void)p;
    (void)path;
}

/* What the canvas shows of the software frames: a copy of the last frame
 * put there. putImageData of a whole frame costs 5-10 ms in Chromium (4 MB
 * at 1280 x 800); a hover, a click or a panel scroll changes a part of the
 * frame, and a frame drawn again as it was changes nothing (issue 15). */
static RasterImage s_shown;
static bool s_shown_valid;
static bool s_first_put_done; /* the first frame makes no copy: its time is the first load's */

void web_present_whole_next(void) { s_shown_valid = false; }

static void present_software(const SDL_Surface *frame)
{
    int w = frame->w, h = frame->h;
    RasterImage now = { frame->pixels, w, h, frame->pitch / 4 };
    if (s_shown_valid && s_shown.width == w && s_shown.height == h) {
        RasterRect d = raster_update_changed(&s_shown, &now);
        if (d.x1 > d.x0 && d.y1 > d.y0) js_present_pixels(frame->pixels, w, h, d.x0, d.y0, d.x1 - d.x0, d.y1 - d.y0);
        return;
    }
    js_present_pixels(frame->pixels, w, h, 0, 0, w, h);
    if (!s_first_put_done) {
        s_first_put_done = true;
        return;
    }
    if (s_shown.width != w || s_shown.height != h || !s_shown.pixels) {
        free(s_shown.pixels);
        s_shown = (RasterImage){ malloc((size_t)w * (size_t)h * 4), w, h, w };
    }
    s_shown_valid = s_shown.pixels != NULL; /* without the copy, every frame is shown whole */
    for (int y = 0; s_shown_valid && y < h; y++)
        memcpy(s_shown.pixels + (size_t)y * (size_t)w, now.pixels + (size_t)y * (size_t)now.stride, (size_t)w * 4);
}

void platform_present(Platform *p)
{
    if (p->sdl_renderer) SDL_RenderPresent(p->sdl_renderer);
    if (p->software) present_software(p->frame_surface);
}

void platform_toggle_fullscreen(Platform *p)
{
    (void)p;
    web_present_whole_next();
    js_toggle_fullscreen();
}

void platform_first_frame_shown(Platform *p)
{
    (void)p;
    js_first_frame_done();
}

/* The URL hash mirrors the state: a new selection is a new history entry (so
 * the browser's back button walks the selections), anything else replaces it. */
void platform_publish_state(Platform *p, const char *hash, bool push)
{
    (void)p;
    js_publish_hash(hash, push);
}

void platform_copy_text(Platform *p, const char *text)
{
    (void)p;
    js_copy_text(text);
}

void platform_copy_link(Platform *p, const char *hash)
{
    (void)p;
    js_copy_link(hash);
}

/* Called right after drawing, before the browser composites, so the WebGL
 * drawing buffer still holds the frame that toBlob snapshots. */
void platform_export_png(Platform *p, const int rect_px[4])
{
    platform_present(p); /* the figure onto the canvas (software frames); the next draw replaces it in this task */
    js_download_canvas(rect_px[0], rect_px[1], rect_px[2], rect_px[3]);
    Command c = { .kind = CMD_TOAST };
    c.u.text.text = "PNG downloaded";
    platform_command(p, c);
}

/* The URL's hash holds text other than the state shown (a link with fields
 * the atlas ignored): recorded as what was last published, so the next
 * frame at rest writes the state actually shown over it, replacing the
 * history entry (the selection is the one shown, so it is no new entry). */
void web_url_holds(Platform *p, const char *hash)
{
    snprintf(p->last_hash, sizeof p->last_hash, "%s", hash);
}

/* A teacher's bundle named by ?bundle=URL is fetched by web/steppe.js before
 * main runs (same origin only). Returns NULL if there is none; if one was
 * named but could not be fetched, p->notice says why. */
static void *read_page_bundle(Platform *p, size_t *size, char *name, int name_size)
{
    int n = js_custom_bundle_size();
    char problem[sizeof p->notice - 40];
    if (n <= 0 && js_custom_bundle_problem(problem, (int)sizeof problem)) {
        /* Named but not fetched (404, another site, the network): said on
         * the page as a bundle that does not open is. */
        fprintf(stderr, "steppe_atlas: %s\n", problem);
        snprintf(p->notice, sizeof p->notice, "%s. Showing the built-in atlas.", problem);
    }
    if (n <= 0) return NULL;
    void *data = SDL_malloc((size_t)n);
    if (!data) return NULL;
    js_custom_bundle_copy(data);
    js_custom_bundle_name(name, name_size);
    *size = (size_t)n;
    return data;
}

int main(void)
{
    Platform *p = &g_platform;
    char name[256] = "";
    size_t size = 0;
    void *data = read_page_bundle(p, &size, name, (int)sizeof name);
    if (!platform_load_bundle(p, data, size, name, NULL)) return 1;
    int width = 1280, height = 800;
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    if (css_w >= 1 && css_h >= 1) { width = (int)css_w; height = (int)css_h; }

    if (!platform_open_window(p, width, height, 0)) return 1;
    p->software = js_wants_software();
    if (p->software && !make_software_target(p)) { fprintf(stderr, "steppe_atlas: out of memory for the frame\n"); return 1; }
    if (!platform_start_drawing(p)) return 1;
    if (!platform_start_app(p, p->width_css, p->height_css, platform_now_ms())) return 1;
    static char initial_hash[DEEPLINK_MAX_INPUT];
    js_initial_hash(initial_hash, (int)sizeof initial_hash);
    if (platform_apply_initial_state(p, initial_hash) > 0) web_url_holds(p, initial_hash);
    /* The first frame now rather than at the next animation frame: the map
     * shows one frame sooner. */
    platform_frame();
    emscripten_set_main_loop(platform_frame, 0, 0);
    return 0;
}
