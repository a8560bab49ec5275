/* web_main: the browser build — the canvas, the software frame, the main loop.
 * The browser calls platform_frame from requestAnimationFrame
 * (emscripten_set_main_loop). This file is compiled into the web build only,
 * so it needs no #ifdef. */
#include <emscripten.h>
#include <emscripten/html5.h>
#include <stdio.h>
#include <time.h>

#include "core/deeplink.h"
#include "platform/web.h"

/* The canvas's size in device px (SDL sets it from the css size and the
 * devicePixelRatio when the window is created or resized). */
static void canvas_pixel_size(int *w, int *h)
{
    if (emscripten_get_canvas_element_size("#canvas", w, h) != EMSCRIPTEN_RESULT_SUCCESS || *w < 1 || *h < 1)
        *w = *h = 1;
}

/* (Re)creates the software frame at the canvas's device size; the Renderer
 * moves its textures to the new SDL renderer. Returns false, keeping what
 * there was, if memory runs out. Where software WebGL would cost more than
 * drawing ourselves (see web/steppe.js), frames are drawn by pixel/raster.c
 * into this surface and shown with putImageData. */
static bool make_software_target(Platform *p)
{
    int w, h;
    canvas_pixel_size(&w, &h);
    if (p->frame_surface && p->frame_surface->w == w && p->frame_surface->h == h) return true;
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ABGR8888);
    SDL_Renderer *sdl = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    if (!sdl) {
        SDL_FreeSurface(surface);
        return false;
    }
    if (p->sdl_renderer) {
        if (!render_retarget(&p->renderer, sdl)) {
            SDL_DestroyRenderer(sdl);
            SDL_FreeSurface(surface);
            return false;
        }
        render_set_pixels(&p->renderer, surface->pixels, w, h, surface->pitch);
        SDL_DestroyRenderer(p->sdl_renderer);
        SDL_FreeSurface(p->frame_surface);
    }
    p->sdl_renderer = sdl;
    p->frame_surface = surface;
    return true;
}

/* --- the platform interface, in the browser ------------------------------------- */

void platform_resize_target(Platform *p)
{
    if (p->software) make_software_target(p);
}

/* The page opens no dropped file (SDL_DROPFILE does not reach it from a
 * browser's drop; a teacher's bundle is the page's ?bundle= instead). */
void platform_open_bundle_file(Platform *p, const char *path)
{
    (void)path;
    Command c = { .kind = CMD_NOTICE };
    c.u.text.text = "The web page cannot open a dropped file: use the native program, or the page's bundle link.";
    platform_command(p, c);
}

void platform_present(Platform *p)
{
    SDL_RenderPresent(p->sdl_renderer);
    if (p->software) js_present_pixels(p->frame_surface->pixels, p->frame_surface->w, p->frame_surface->h);
}

void platform_toggle_fullscreen(Platform *p)
{
    (void)p;
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
    char name[64];
    time_t now = time(NULL);
    strftime(name, sizeof name, "steppe-atlas-%Y%m%d-%H%M%S.png", localtime(&now));
    platform_present(p); /* the figure onto the canvas (software frames); the next draw replaces it in this task */
    js_download_canvas(name, rect_px[0], rect_px[1], rect_px[2], rect_px[3]);
    Command c = { .kind = CMD_TOAST };
    c.u.text.text = "PNG downloaded";
    platform_command(p, c);
}

/* A teacher's bundle named by ?bundle=URL is fetched by web/steppe.js before
 * main runs (same origin only). Returns NULL if there is none. */
static void *read_page_bundle(size_t *size, char *name, int name_size)
{
    int n = js_custom_bundle_size();
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
    void *data = read_page_bundle(&size, name, (int)sizeof name);
    if (!platform_load_bundle(p, data, size, name, false)) return 1;
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
    platform_apply_initial_state(p, initial_hash);
    /* The first frame now rather than at the next animation frame: the map
     * shows one frame sooner. */
    platform_frame();
    emscripten_set_main_loop(platform_frame, 0, 0);
    return 0;
}
