/* native_main: the native program — a window, or --screenshot.
 *
 * Command line:
 *   steppe_atlas [--bundle FILE] [--size WxH] [--state STATE]
 *   steppe_atlas --screenshot OUT.png [--size WxH] [--dpr N] [--probe LON,LAT] [--select ISO3] [--state STATE]
 * --screenshot renders one frame on an offscreen surface (no display needed),
 * writes a PNG and prints, per --probe, the css position and colour there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "platform/native.h"

/* --- the platform interface, natively ----------------------------------------- */

void platform_present(Platform *p) { SDL_RenderPresent(p->sdl_renderer); }
void platform_first_frame_shown(Platform *p) { (void)p; }
void platform_publish_state(Platform *p, const char *hash, bool push) { (void)p; (void)hash; (void)push; }
void platform_copy_text(Platform *p, const char *text) { (void)p; SDL_SetClipboardText(text); }
/* Natively the state string itself: steppe_atlas --state '...' opens it. */
void platform_copy_link(Platform *p, const char *hash) { platform_copy_text(p, hash); }
void platform_resize_target(Platform *p) { (void)p; }

void platform_export_png(Platform *p)
{
    char name[64];
    time_t now = time(NULL);
    strftime(name, sizeof name, "steppe-atlas-%Y%m%d-%H%M%S.png", localtime(&now));
    int w, h;
    SDL_GetRendererOutputSize(p->sdl_renderer, &w, &h);
    void *pixels = malloc((size_t)w * (size_t)h * 4);
    char msg[128];
    if (pixels && SDL_RenderReadPixels(p->sdl_renderer, NULL, SDL_PIXELFORMAT_ABGR8888, pixels, w * 4) == 0 &&
        native_write_png(name, w, h, pixels, w * 4)) {
        SDL_snprintf(msg, sizeof msg, "Saved %s", name);
        printf("steppe_atlas: saved %s\n", name);
    } else {
        SDL_snprintf(msg, sizeof msg, "Could not save the PNG");
    }
    free(pixels);
    Command c = { .kind = CMD_TOAST };
    c.u.text.text = msg;
    platform_command(p, c);
}

/* --- the program ------------------------------------------------------------------- */

/* Reads the teacher's bundle named on the command line; NULL if none or unreadable. */
static void *read_bundle_file(const char *path, size_t *size)
{
    if (!path) return NULL;
    void *data = SDL_LoadFile(path, size);
    if (!data) fprintf(stderr, "steppe_atlas: cannot read bundle %s: %s\n", path, SDL_GetError());
    return data;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: steppe_atlas [--bundle FILE] [--size WxH] [--state STATE]\n"
            "       steppe_atlas --screenshot OUT.png [--size WxH] [--dpr N] [--probe LON,LAT]... [--select ISO3] [--state STATE]\n"
            "STATE is the page's URL hash, e.g. 'c=KAZ&t=2018-2019' (see src/core/deeplink.h).\n");
}

static int run_window(Platform *p, int width, int height, const char *state_text)
{
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "steppe_atlas: SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    p->window = SDL_CreateWindow("Steppe Atlas", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height,
                                 SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!p->window) { fprintf(stderr, "steppe_atlas: window: %s\n", SDL_GetError()); return 1; }
    p->sdl_renderer = SDL_CreateRenderer(p->window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!p->sdl_renderer) p->sdl_renderer = SDL_CreateRenderer(p->window, -1, 0);
    if (!p->sdl_renderer) { fprintf(stderr, "steppe_atlas: renderer: %s\n", SDL_GetError()); return 1; }
    char message[256];
    if (!render_init(&p->renderer, p->sdl_renderer, &p->bundle, message, sizeof message)) {
        fprintf(stderr, "steppe_atlas: %s\n", message);
        return 1;
    }
    p->renderer.use_cache = true;
    ui_init(&p->ui, &p->renderer, &p->bundle);
    platform_update_sizes(p);
    if (!platform_start_app(p, p->width_css, p->height_css, platform_now_ms())) return 1;
    platform_apply_initial_state(p, state_text);
    while (!p->quit) {
        platform_frame();
        if (!p->app.needs_redraw && !p->app.view.flight.active) SDL_Delay(4);
    }
    app_destroy(&p->app);
    ui_shutdown(&p->ui);
    render_shutdown(&p->renderer);
    SDL_DestroyRenderer(p->sdl_renderer);
    SDL_DestroyWindow(p->window);
    bundle_close(&p->bundle);
    SDL_free(p->bundle_file);
    SDL_Quit();
    return 0;
}

int main(int argc, char **argv)
{
    Platform *p = &g_platform;
    const char *bundle_path = NULL, *screenshot_path = NULL, *select_iso3 = NULL, *state_text = NULL;
    int width = 1280, height = 800;
    float dpr = 1.0f;
    double probes[16];
    int probe_count = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--bundle") && next) { bundle_path = next; i++; }
        else if (!strcmp(a, "--screenshot") && next) { screenshot_path = next; i++; }
        else if (!strcmp(a, "--select") && next) { select_iso3 = next; i++; }
        else if (!strcmp(a, "--state") && next) { state_text = next; i++; }
        else if (!strcmp(a, "--size") && next && sscanf(next, "%dx%d", &width, &height) == 2) { i++; }
        else if (!strcmp(a, "--dpr") && next && sscanf(next, "%f", &dpr) == 1) { i++; }
        else if (!strcmp(a, "--probe") && next && probe_count < 8 &&
                 sscanf(next, "%lf,%lf", &probes[2 * probe_count], &probes[2 * probe_count + 1]) == 2) {
            probe_count++;
            i++;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) { usage(); return 0; }
        else { fprintf(stderr, "steppe_atlas: unknown or incomplete option '%s'\n", a); usage(); return 2; }
    }
    if (width < 64 || height < 64 || width > 8192 || height > 8192 || dpr < 0.5f || dpr > 4.0f) {
        fprintf(stderr, "steppe_atlas: --size must be 64..8192 px a side and --dpr 0.5..4\n");
        return 2;
    }
    size_t size = 0;
    void *data = read_bundle_file(bundle_path, &size);
    if (!platform_load_bundle(p, data, size, bundle_path ? bundle_path : "", bundle_path != NULL)) return 1;
    if (screenshot_path)
        return native_screenshot(p, screenshot_path, width, height, dpr, probes, probe_count, select_iso3, state_text);
    return run_window(p, width, height, state_text);
}
