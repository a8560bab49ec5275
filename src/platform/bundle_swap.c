/* bundle_swap: a teacher's bundle opened in place of the atlas shown, for
 * both targets (natively a file dropped onto the window:
 * native_bundle_swap.c; in the browser a file dropped onto the page or
 * picked: web_bundle_drop.c). See platform.h (platform_swap_bundle).
 *
 * Called between frames, never in the middle of one. The bytes are checked
 * (bundle_open) while the atlas shown still stands, so a bad bundle changes
 * nothing but the notice. A good one replaces it: the App, the Ui (its search
 * index, its layout) and the Renderer (its fonts, glyph atlas and base-map
 * cache) all point into the old bundle, so they are torn down in the reverse
 * order of their setup (app, UI, renderer), then the bundle is swapped, then
 * they are set up again in the order the window set them up (renderer, UI,
 * app), on the window's size and dpr. The new atlas opens as --bundle and
 * ?bundle= open it: at its home view, nothing selected (the old state names
 * things of the old atlas). */
#include "platform/platform.h"

#include <stdio.h>
#include <stdlib.h>

static void show_notice(Platform *p, CommandKind kind, const char *text)
{
    Command c = { .kind = kind };
    c.u.text.text = text;
    platform_command(p, c);
}

/* Renderer, UI and app on p->bundle; false (having said why) if one fails. */
static bool set_up(Platform *p, char *message, size_t message_size)
{
    if (!render_init(&p->renderer, p->sdl_renderer, &p->bundle, message, message_size)) return false;
    if (p->frame_surface) { /* software frames (the page, where WebGL is emulated) */
        SDL_Surface *f = p->frame_surface;
        render_set_pixels(&p->renderer, f->pixels, f->w, f->h, f->pitch);
    }
    p->renderer.use_cache = true;
    ui_init(&p->ui, &p->renderer, &p->bundle);
    if (!platform_start_app(p, p->width_css, p->height_css, platform_now_ms())) {
        ui_shutdown(&p->ui);
        render_shutdown(&p->renderer);
        SDL_snprintf(message, message_size, "cannot set up the map on it");
        return false;
    }
    return true;
}

bool platform_swap_bundle(Platform *p, void *data, size_t size, const char *path, const char *name,
                          void (*closing)(Platform *), void (*opened)(Platform *))
{
    char message[512], notice[sizeof p->notice];
    Bundle next;
    if (bundle_open(&next, data, size, message, sizeof message) != BUNDLE_OK) {
        fprintf(stderr, "steppe_atlas: %s: %s\n", path, message);
        SDL_snprintf(notice, sizeof notice, "Could not open %s: %s. The atlas shown stays open.", name, message);
        show_notice(p, CMD_NOTICE, notice);
        SDL_free(data);
        return false;
    }
    /* Down in the reverse order of setup, then the bundle, then up again. */
    app_destroy(&p->app);
    ui_shutdown(&p->ui);
    render_shutdown(&p->renderer);
    if (closing) closing(p);
    bundle_close(&p->bundle);
    SDL_free(p->bundle_file);
    p->bundle = next;
    p->bundle_file = data;
    p->notice[0] = '\0';
    p->press_on_ui = false;
    p->finger_count = 0;
    p->pinch_last_dist = 0;
    p->carried_count = 0;
    bool ok = set_up(p, message, sizeof message);
    if (!ok) {
        /* Valid, but not drawable (its fonts): the built-in atlas rather than none. */
        fprintf(stderr, "steppe_atlas: %s: %s\n", path, message);
        bundle_close(&p->bundle);
        SDL_free(p->bundle_file);
        p->bundle_file = NULL;
        SDL_snprintf(p->notice, sizeof p->notice, "Could not open %s: %s. Showing the built-in atlas.", name, message);
        if (!platform_open_default_bundle(&p->bundle, message, sizeof message) || !set_up(p, message, sizeof message)) {
            /* Only when memory has run out (the built-in bundle opened at
             * start): nothing is left standing to draw or to tear down. */
            fprintf(stderr, "steppe_atlas: built-in bundle: %s\n", message);
            exit(1);
        }
    }
    if (opened) opened(p);
    platform_apply_initial_state(p, NULL); /* the state string to compare the next one with */
    p->prewarm_pending = true; /* the new fonts' panel glyphs, once the first frame is up */
    platform_command(p, cmd_simple(CMD_REDRAW));
    if (ok) {
        fprintf(stderr, "steppe_atlas: opened %s\n", path);
        SDL_snprintf(notice, sizeof notice, "Opened %s", name);
        show_notice(p, CMD_TOAST, notice);
    }
    return ok;
}
