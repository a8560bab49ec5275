/* native_screenshot: --screenshot, one frame drawn offscreen. See native.h. */
#include "platform/native.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

/* PNGs are deflated by zlib rather than stb_image_write's own compressor,
 * which is simple and slow: three quarters of a 1280x800 --screenshot run
 * went to it (perf), more than drawing the frame took. The buffer returned
 * is freed by stb_image_write with STBIW_FREE, which is free(). */
static unsigned char *deflate_with_zlib(unsigned char *data, int data_len, int *out_len, int quality)
{
    (void)quality; /* stb's level 8 is zlib's slow end: its default suits a picture */
    uLongf size = compressBound((uLong)data_len);
    unsigned char *out = malloc(size);
    if (!out) return NULL;
    if (compress2(out, &size, data, (uLong)data_len, Z_DEFAULT_COMPRESSION) != Z_OK) {
        free(out);
        return NULL;
    }
    *out_len = (int)size;
    return out;
}
#define STBIW_ZLIB_COMPRESS deflate_with_zlib
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO_UNUSED
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wshadow"
#endif
#include <stb_image_write.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

bool native_write_png(const char *path, int w, int h, const void *rgba, int pitch)
{
    return stbi_write_png(path, w, h, 4, rgba, pitch) != 0;
}

bool native_frame_begin(Platform *p, NativeFrame *f, int width, int height, float dpr)
{
    f->pw = (int)lroundf(width * dpr);
    f->ph = (int)lroundf(height * dpr);
    f->surface = SDL_CreateRGBSurfaceWithFormat(0, f->pw, f->ph, 32, SDL_PIXELFORMAT_ABGR8888);
    if (!f->surface) { fprintf(stderr, "steppe_atlas: %s\n", SDL_GetError()); return false; }
    p->sdl_renderer = SDL_CreateSoftwareRenderer(f->surface);
    char message[256];
    if (!p->sdl_renderer || !render_init(&p->renderer, p->sdl_renderer, &p->bundle, message, sizeof message)) {
        fprintf(stderr, "steppe_atlas: %s\n", p->sdl_renderer ? message : SDL_GetError());
        if (p->sdl_renderer) SDL_DestroyRenderer(p->sdl_renderer);
        SDL_FreeSurface(f->surface);
        return false;
    }
    render_set_pixels(&p->renderer, f->surface->pixels, f->pw, f->ph, f->surface->pitch); /* pixel/raster.c draws it */
    ui_init(&p->ui, &p->renderer, &p->bundle);
    if (!platform_start_app(p, width, height, 0)) {
        ui_shutdown(&p->ui);
        render_shutdown(&p->renderer);
        SDL_DestroyRenderer(p->sdl_renderer);
        SDL_FreeSurface(f->surface);
        return false;
    }
    p->dpr = dpr;
    return true;
}

bool native_frame_write(Platform *p, NativeFrame *f, const char *path)
{
    platform_draw(p);
    SDL_RenderPresent(p->sdl_renderer);
    return native_write_png(path, f->pw, f->ph, f->surface->pixels, f->surface->pitch);
}

void native_frame_end(Platform *p, NativeFrame *f)
{
    app_destroy(&p->app);
    ui_shutdown(&p->ui);
    render_shutdown(&p->renderer);
    SDL_DestroyRenderer(p->sdl_renderer);
    p->sdl_renderer = NULL;
    SDL_FreeSurface(f->surface);
    f->surface = NULL;
}

int native_screenshot(Platform *p, const char *out_path, int width, int height, float dpr, const double *probes,
                      int probe_count, const char *select_iso3, const char *state_text, const Command *theme)
{
    NativeFrame frame;
    if (!native_frame_begin(p, &frame, width, height, dpr)) return 1;
    if (select_iso3) {
        uint32_t id = bundle_find_country(&p->bundle, select_iso3);
        if (!id) fprintf(stderr, "steppe_atlas: --select: no country '%s' in the bundle\n", select_iso3);
        Command c = cmd_select(id ? SELECTION_COUNTRY : SELECTION_NONE, id);
        app_apply(&p->app, &c, 0);
        /* Land the flight at once: a screenshot shows where it ends. */
        Command land = cmd_simple(CMD_LAND_FLIGHT);
        app_apply(&p->app, &land, 0);
    }
    platform_apply_initial_state(p, state_text);
    if (theme) app_apply(&p->app, theme, 0);
    Command hint = cmd_toggle(CMD_SET_HINT, TOGGLE_ON);
    if (p->show_hint) app_apply(&p->app, &hint, 0);
    /* A text scale: the same image size, laid out for a window that much
     * smaller and drawn that much larger (see platform_update_sizes). */
    double scale = platform_text_scale(p);
    if (scale != 1.0) {
        Command resize = { .kind = CMD_RESIZE };
        resize.u.size.width_css = width / scale;
        resize.u.size.height_css = height / scale;
        app_apply(&p->app, &resize, 0);
        platform_apply_initial_state(p, state_text); /* framed again in the new layout */
        if (theme) app_apply(&p->app, theme, 0);
        if (p->show_hint) app_apply(&p->app, &hint, 0);
        p->dpr = (float)(dpr * scale);
    }
    if (!native_frame_write(p, &frame, out_path)) {
        fprintf(stderr, "steppe_atlas: cannot write %s\n", out_path);
        return 1;
    }
    printf("screenshot %s %dx%d dpr %.2f\n", out_path, frame.pw, frame.ph, dpr);
    printf("text smallest %.1f css px\n", (double)p->renderer.smallest_text_css); /* core/text_sizes.h's minimum */
    for (int i = 0; i < probe_count; i++) {
        double x, y;
        app_project(&p->app, probes[2 * i], probes[2 * i + 1], &x, &y);
        printf("probe %.4f %.4f css %.2f %.2f\n", probes[2 * i], probes[2 * i + 1], x, y);
    }
    uint32_t kaz = bundle_find_country(&p->bundle, "KAZ");
    if (kaz) {
        BundleCountry c = bundle_country(&p->bundle, kaz);
        Rgba f = theme_country_fill(p->renderer.theme, c.flags, c.color);
        printf("fill KAZ #%02x%02x%02x\n", f.r, f.g, f.b);
    }
    native_frame_end(p, &frame);
    bundle_close(&p->bundle);
    SDL_free(p->bundle_file);
    return 0;
}

bool native_window_screenshot(Platform *p, const char *path)
{
    /* One more frame drawn, read back before it is presented away. */
    p->app.needs_redraw = true;
    platform_frame();
    int w, h;
    if (SDL_GetRendererOutputSize(p->sdl_renderer, &w, &h) != 0) return false;
    void *pixels = malloc((size_t)w * (size_t)h * 4);
    bool ok = pixels && SDL_RenderReadPixels(p->sdl_renderer, NULL, SDL_PIXELFORMAT_ABGR8888, pixels, w * 4) == 0 &&
              native_write_png(path, w, h, pixels, w * 4);
    if (!ok) fprintf(stderr, "steppe_atlas: screenshot %s: %s\n", path, pixels ? SDL_GetError() : "out of memory");
    free(pixels);
    return ok;
}
