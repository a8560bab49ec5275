/* platform: window, event pump, the one main loop, bundle loading, the JS bridge.
 *
 * This is the only file that knows whether it runs in a browser or natively;
 * every #ifdef __EMSCRIPTEN__ lives here. frame() is the single main-loop body:
 * the browser calls it from requestAnimationFrame (emscripten_set_main_loop),
 * the native build calls it in a plain loop. It turns SDL events into an
 * AppInput, lets the core update the App, and redraws only when something
 * changed.
 *
 * Native command line:
 *   steppe_atlas [--bundle FILE] [--size WxH]
 *   steppe_atlas --screenshot OUT.png [--size WxH] [--dpr N] [--probe LON,LAT]
 * --screenshot renders one frame on an offscreen surface (no display needed),
 * writes a PNG and prints, per --probe, the css position and colour there. */
#include <SDL2/SDL.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/app.h"
#include "core/bundle.h"
#include "core/deeplink.h"
#include "core/event_markers.h"
#include "render/render.h"
#include "ui/ui.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/html5.h>
#endif

extern const unsigned char steppe_default_bundle[];
extern const unsigned long steppe_default_bundle_size;

typedef struct Platform {
    SDL_Window *window;
    SDL_Renderer *sdl_renderer;
    /* Web only: where software WebGL would cost more than drawing ourselves
     * (see web/steppe.js), frames are drawn by core/raster.c into this
     * surface (RGBA bytes, device px) and shown with putImageData. */
    SDL_Surface *frame_surface;
    bool software;
    Renderer renderer;
    Ui ui;
    Bundle bundle;
    void *bundle_file;            /* owned copy when loaded from a file, else NULL */
    char notice[640];             /* a problem to show the user once the app runs */
    App app;
    AppInput input;               /* accumulated between frames */
    double width_css, height_css; /* logical size of the window / canvas */
    float dpr;                    /* device px per css px */
    bool quit;
    bool first_frame_done;
    bool prewarm_pending;         /* glyphs to rasterise once the first frame is shown */
    bool press_on_ui;             /* the current press began on the UI */
    /* keys_pressed holds one bit per key, so order within a frame is lost.
     * Where order matters, the rest of the frame's keyboard events wait for
     * the next frame: after a key pressed a second time (two quick Escapes:
     * close the panel, then clear the selection) and after a key that moves
     * the keyboard's focus (Enter, Escape, '/': "Enter, then '/' and type"
     * must not type into the box that Enter just closed). */
    bool key_boundary;            /* this frame took a key after which order matters */
    SDL_Event carried[64];        /* keyboard events for the next frame, in order */
    int carried_count;
    char last_hash[1024];         /* the state string last published to the URL */
    char last_selection[256];     /* its selection part: a change there is a new history entry */
    /* two-finger pinch tracking */
    SDL_FingerID fingers[2];
    float finger_x[2], finger_y[2];
    int finger_count;
    double pinch_last_dist;
} Platform;

static Platform g_platform;

static double now_ms(void) { return (double)SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency(); }

/* --- bundle ------------------------------------------------------------------ */

#ifdef __EMSCRIPTEN__
/* A teacher's bundle named by ?bundle=URL is fetched by web/steppe.js before
 * main runs (same origin only); these hand its bytes over. */
EM_JS(int, js_custom_bundle_size, (void), {
    return Module.steppeBundle ? Module.steppeBundle.length : 0;
});
EM_JS(void, js_custom_bundle_copy, (void *dst), {
    HEAPU8.set(Module.steppeBundle, dst);
    Module.steppeBundle = null;
});
EM_JS(void, js_custom_bundle_name, (char *dst, int size), {
    stringToUTF8(Module.steppeBundleName || 'bundle', dst, size);
});
#endif

/* Reads the teacher's bundle named on the command line (natively) or fetched
 * by the page (on the web). Returns NULL, having said nothing, if there is none. */
static void *read_custom_bundle(const char *path, size_t *size, char *name, size_t name_size)
{
#ifdef __EMSCRIPTEN__
    (void)path;
    int n = js_custom_bundle_size();
    if (n <= 0) return NULL;
    void *data = SDL_malloc((size_t)n);
    if (!data) return NULL;
    js_custom_bundle_copy(data);
    js_custom_bundle_name(name, (int)name_size);
    *size = (size_t)n;
    return data;
#else
    if (!path) return NULL;
    SDL_snprintf(name, name_size, "%s", path);
    void *data = SDL_LoadFile(path, size);
    if (!data) fprintf(stderr, "steppe_atlas: cannot read bundle %s: %s\n", path, SDL_GetError());
    return data;
#endif
}

/* Opens a teacher's bundle if one was given, else the embedded default. A bad
 * bundle is reported (on stderr and on screen) and the default atlas opens
 * instead: a broken file must never take the atlas down. */
static bool load_bundle(Platform *p, const char *path)
{
    char message[512], name[256] = "";
    size_t size = 0;
    void *data = read_custom_bundle(path, &size, name, sizeof name);
    if (data) {
        if (bundle_open(&p->bundle, data, size, message, sizeof message) == BUNDLE_OK) {
            p->bundle_file = data;
            return true;
        }
        fprintf(stderr, "steppe_atlas: %s: %s\n", name, message);
        SDL_snprintf(p->notice, sizeof p->notice, "Could not open %s: %s. Showing the built-in atlas.", name, message);
        SDL_free(data);
    } else if (path) {
        SDL_snprintf(p->notice, sizeof p->notice, "Could not read %s. Showing the built-in atlas.", path);
    }
    if (bundle_open(&p->bundle, steppe_default_bundle, steppe_default_bundle_size, message, sizeof message) != BUNDLE_OK) {
        fprintf(stderr, "steppe_atlas: built-in bundle: %s\n", message);
        return false;
    }
    return true;
}

/* Sets up the app on the loaded bundle and hands it any notice for the user. */
static bool start_app(Platform *p, double width_css, double height_css, double now)
{
    if (!app_init(&p->app, &p->bundle, width_css, height_css, now)) {
        fprintf(stderr, "steppe_atlas: cannot set up the map (unusable projection in the bundle, or out of memory)\n");
        return false;
    }
    SDL_snprintf(p->app.notice, sizeof p->app.notice, "%s", p->notice);
    return true;
}

/* Applies a state string given at start (--state, or the page's URL hash).
 * Malformed fields are reported and skipped; the rest applies. */
static void apply_initial_state(Platform *p, const char *text)
{
    if (!text || !text[0]) return;
    DeeplinkReport report;
    deeplink_apply(&p->app, text, &report);
    if (report.ignored)
        fprintf(stderr, "steppe_atlas: state: ignored %d field(s), first: %s\n", report.ignored, report.first_problem);
    /* Land any flight at once: a link shows where it points from the first frame. */
    view_step(&p->app.view, 1e12);
    view_cancel_flight(&p->app.view);
    deeplink_write(&p->app, p->last_hash, sizeof p->last_hash);
    deeplink_selection(&p->app, p->last_selection, sizeof p->last_selection);
}

/* --- input ------------------------------------------------------------------- */

static uint32_t key_bit(SDL_Keycode key, Uint16 mod)
{
    if (mod & KMOD_ALT) {
        if (key == SDLK_LEFT) return APP_KEY_BACK;
        if (key == SDLK_RIGHT) return APP_KEY_FORWARD;
    }
    if ((mod & KMOD_CTRL) && key == SDLK_f) return APP_KEY_SEARCH;
    if ((mod & (KMOD_CTRL | KMOD_GUI)) && key == SDLK_c) return APP_KEY_COPY;
    if (mod & (KMOD_CTRL | KMOD_GUI)) return 0; /* leave shortcuts (copy, reload) to the system */
    switch (key) {
    case SDLK_BACKSPACE: return APP_KEY_BACK | APP_KEY_DELETE;
    case SDLK_SLASH: return APP_KEY_SEARCH;
    case SDLK_RETURN: case SDLK_KP_ENTER: return APP_KEY_ENTER;
    case SDLK_PAGEUP: return APP_KEY_PAGE_UP;
    case SDLK_PAGEDOWN: return APP_KEY_PAGE_DOWN;
    case SDLK_p: return APP_KEY_PLAY;
    case SDLK_l: return APP_KEY_LANGUAGE;
    case SDLK_e: return APP_KEY_EXPORT;
    case SDLK_k: return APP_KEY_COPY_LINK;
    case SDLK_r: return APP_KEY_RELATIONS;
    case SDLK_h: return APP_KEY_CONTRAST;
    case SDLK_LEFTBRACKET: return APP_KEY_YEAR_EARLIER;
    case SDLK_RIGHTBRACKET: return APP_KEY_YEAR_LATER;
    case SDLK_LEFT: return APP_KEY_LEFT;
    case SDLK_RIGHT: return APP_KEY_RIGHT;
    case SDLK_UP: return APP_KEY_UP;
    case SDLK_DOWN: return APP_KEY_DOWN;
    case SDLK_PLUS: case SDLK_EQUALS: case SDLK_KP_PLUS: return APP_KEY_ZOOM_IN;
    case SDLK_MINUS: case SDLK_KP_MINUS: return APP_KEY_ZOOM_OUT;
    case SDLK_0: case SDLK_HOME: case SDLK_KP_0: return APP_KEY_RESET;
    case SDLK_ESCAPE: return APP_KEY_ESCAPE;
    default: return 0;
    }
}

static int finger_slot(Platform *p, SDL_FingerID id)
{
    for (int i = 0; i < p->finger_count; i++)
        if (p->fingers[i] == id) return i;
    return -1;
}

static void handle_finger(Platform *p, const SDL_TouchFingerEvent *e)
{
    int slot = finger_slot(p, e->fingerId);
    float x = e->x * (float)p->width_css, y = e->y * (float)p->height_css;
    if (e->type == SDL_FINGERDOWN && slot < 0 && p->finger_count < 2) {
        slot = p->finger_count++;
        p->fingers[slot] = e->fingerId;
    } else if (e->type == SDL_FINGERUP && slot >= 0) {
        p->fingers[slot] = p->fingers[p->finger_count - 1];
        p->finger_x[slot] = p->finger_x[p->finger_count - 1];
        p->finger_y[slot] = p->finger_y[p->finger_count - 1];
        p->finger_count--;
        p->pinch_last_dist = 0;
        return;
    }
    if (slot < 0) return;
    p->finger_x[slot] = x;
    p->finger_y[slot] = y;
    if (p->finger_count == 2) {
        double d = hypot(p->finger_x[0] - p->finger_x[1], p->finger_y[0] - p->finger_y[1]);
        if (p->pinch_last_dist > 0 && d > 0) {
            double f = d / p->pinch_last_dist;
            p->input.pinch_factor = (p->input.pinch_factor > 0 ? p->input.pinch_factor : 1.0) * f;
            p->input.pinch_x = (p->finger_x[0] + p->finger_x[1]) / 2;
            p->input.pinch_y = (p->finger_y[0] + p->finger_y[1]) / 2;
        }
        p->pinch_last_dist = d;
    }
}

#ifdef __EMSCRIPTEN__
/* The canvas's size in device px (SDL sets it from the css size and the
 * devicePixelRatio when the window is created or resized). */
static void canvas_pixel_size(int *w, int *h)
{
    if (emscripten_get_canvas_element_size("#canvas", w, h) != EMSCRIPTEN_RESULT_SUCCESS || *w < 1 || *h < 1)
        *w = *h = 1;
}

EM_JS(int, js_wants_software, (void), {
    return Module.steppeRenderer === "software" ? 1 : 0;
});

/* Shows the software frame: one copy of the surface's bytes into the canvas.
 * The ImageData is a view of wasm memory, so nothing else is copied. */
EM_JS(void, js_present_pixels, (const void *pixels, int w, int h), {
    var c = Module.canvas;
    if (!Module.steppeCtx2d) Module.steppeCtx2d = c.getContext("2d", { alpha: false });
    var ctx = Module.steppeCtx2d;
    if (!ctx) return;
    if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
    ctx.putImageData(new ImageData(new Uint8ClampedArray(HEAPU8.buffer, pixels, w * h * 4), w, h), 0, 0);
});

/* (Re)creates the software frame at the canvas's device size; the Renderer
 * moves its textures to the new SDL renderer. Returns false, keeping what
 * there was, if memory runs out. */
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
#endif

static void update_sizes(Platform *p)
{
    int w, h, ow, oh;
    SDL_GetWindowSize(p->window, &w, &h);
#ifdef __EMSCRIPTEN__
    if (p->software) make_software_target(p);
#endif
    SDL_GetRendererOutputSize(p->sdl_renderer, &ow, &oh);
    p->width_css = w > 0 ? w : 1;
    p->height_css = h > 0 ? h : 1;
    p->dpr = w > 0 ? (float)ow / (float)w : 1.0f;
    p->app.needs_redraw = true;
}

static void handle_event(Platform *p, const SDL_Event *event);

/* Keeps a keyboard event for the next frame if this frame already took a key
 * after which order matters (see Platform.key_boundary). */
static bool carry_key_event(Platform *p, const SDL_Event *e, SDL_Event *next, int *next_count)
{
    bool keyboard = e->type == SDL_KEYDOWN || e->type == SDL_KEYUP || e->type == SDL_TEXTINPUT;
    if (!keyboard) return false;
    if (e->type == SDL_KEYDOWN && !e->key.repeat) { /* a second press of a key: its own frame */
        uint32_t bit = key_bit(e->key.keysym.sym, e->key.keysym.mod);
        if (bit && (p->input.keys_pressed & bit)) p->key_boundary = true;
    }
    /* The text of the key that set the boundary ('/') belongs to its frame. */
    bool started = *next_count > 0 || (p->key_boundary && e->type == SDL_KEYDOWN);
    if (!started) return false;
    if (*next_count < (int)(sizeof p->carried / sizeof p->carried[0])) next[(*next_count)++] = *e;
    return true;
}

static void poll_events(Platform *p)
{
    SDL_Event next[sizeof p->carried / sizeof p->carried[0]];
    int next_count = 0;
    p->key_boundary = false;
    /* Last frame's carried events first, then new ones, all in order. */
    for (int i = 0; i < p->carried_count; i++)
        if (!carry_key_event(p, &p->carried[i], next, &next_count)) handle_event(p, &p->carried[i]);
    SDL_Event e;
    while (SDL_PollEvent(&e))
        if (!carry_key_event(p, &e, next, &next_count)) handle_event(p, &e);
    memcpy(p->carried, next, (size_t)next_count * sizeof next[0]);
    p->carried_count = next_count;
}

static void handle_event(Platform *p, const SDL_Event *event)
{
    AppInput *in = &p->input;
    SDL_Event e = *event;
    switch (e.type) {
    case SDL_QUIT: p->quit = true; break;
    case SDL_WINDOWEVENT:
        if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e.window.event == SDL_WINDOWEVENT_RESIZED)
            update_sizes(p);
        else if (e.window.event == SDL_WINDOWEVENT_LEAVE) in->pointer_inside = false;
        else if (e.window.event == SDL_WINDOWEVENT_EXPOSED) p->app.needs_redraw = true;
        break;
    case SDL_MOUSEMOTION:
        in->pointer_x = e.motion.x;
        in->pointer_y = e.motion.y;
        in->pointer_inside = true;
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e.button.button != SDL_BUTTON_LEFT) break;
        in->pointer_x = e.button.x;
        in->pointer_y = e.button.y;
        in->pointer_inside = true;
        in->pointer_down = true;
        in->pointer_pressed = true;
        if (e.button.clicks == 2) in->double_clicks++;
        break;
    case SDL_MOUSEBUTTONUP:
        if (e.button.button != SDL_BUTTON_LEFT) break;
        in->pointer_x = e.button.x;
        in->pointer_y = e.button.y;
        in->pointer_down = false;
        in->pointer_released = true;
        break;
    case SDL_MOUSEWHEEL: {
        float y = e.wheel.preciseY != 0 ? e.wheel.preciseY : (float)e.wheel.y;
        if (e.wheel.direction == SDL_MOUSEWHEEL_FLIPPED) y = -y;
        in->wheel_steps += y;
        break;
    }
    case SDL_FINGERDOWN: case SDL_FINGERUP: case SDL_FINGERMOTION:
        handle_finger(p, &e.tfinger);
        break;
    case SDL_KEYDOWN: {
        uint32_t bit = key_bit(e.key.keysym.sym, e.key.keysym.mod);
        if (!e.key.repeat) {
            in->keys_pressed |= bit;
            if (bit & (APP_KEY_ENTER | APP_KEY_ESCAPE | APP_KEY_SEARCH)) p->key_boundary = true;
        }
        in->keys_down |= bit;
        break;
    }
    case SDL_TEXTINPUT: {
        size_t used = strlen(in->text), add = strlen(e.text.text);
        if (used + add < sizeof in->text) memcpy(in->text + used, e.text.text, add + 1);
        break;
    }
    case SDL_KEYUP:
        in->keys_down &= ~(key_bit(e.key.keysym.sym, 0) | key_bit(e.key.keysym.sym, KMOD_ALT));
        break;
    default: break;
    }
}

/* --- the main loop --------------------------------------------------------------- */

#ifdef __EMSCRIPTEN__
/* Resolves window.steppeAtlas.ready (web/index.html) after the first full map frame. */
EM_JS(void, js_first_frame_done, (void), {
    if (typeof window.steppeAtlasFirstFrame === 'function') window.steppeAtlasFirstFrame();
});
#endif

#ifdef __EMSCRIPTEN__
/* The URL hash mirrors the state: a new selection is a new history entry (so
 * the browser's back button walks the selections), anything else replaces it. */
EM_JS(void, js_publish_hash, (const char *hash, int push), {
    var h = "#" + UTF8ToString(hash);
    if (location.hash === h) return;
    if (push) history.pushState(null, "", h); else history.replaceState(null, "", h);
});
EM_JS(void, js_initial_hash, (char *out, int size), {
    stringToUTF8(location.hash.replace(/^#/, ""), out, size);
});
#endif

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
#ifdef __EMSCRIPTEN__
    js_publish_hash(hash, push);
#else
    (void)push;
#endif
    snprintf(p->last_hash, sizeof p->last_hash, "%s", hash);
    snprintf(p->last_selection, sizeof p->last_selection, "%s", selection);
}

static void draw_frame(Platform *p)
{
    render_begin(&p->renderer, &p->app, p->dpr);
    render_map(&p->renderer, &p->app);
    ui_draw(&p->ui, &p->app);
    render_flush(&p->renderer);
}

/* --- clipboard and export ----------------------------------------------------- */

#ifdef __EMSCRIPTEN__
EM_JS(void, js_copy_link, (const char *hash), {
    var url = location.origin + location.pathname + location.search + "#" + UTF8ToString(hash);
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).catch(function () {});
});
EM_JS(void, js_copy_text, (const char *text), {
    var s = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(s).catch(function () {});
});
/* Called right after drawing, before the browser composites, so the WebGL
 * drawing buffer still holds the frame that toBlob snapshots. */
EM_JS(void, js_download_canvas, (const char *name), {
    var file = UTF8ToString(name);
    Module.canvas.toBlob(function (blob) {
        if (!blob) return;
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = file;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }, 'image/png');
});
#endif

static void copy_text(const char *text)
{
#ifdef __EMSCRIPTEN__
    js_copy_text(text);
#else
    SDL_SetClipboardText(text);
#endif
}

#ifndef __EMSCRIPTEN__
static bool write_png(const char *path, int w, int h, const void *rgba, int pitch);
#endif

/* Saves what the window shows now (call after draw_frame, before present). */
static void export_png(Platform *p)
{
    char name[64];
    time_t now = time(NULL);
    strftime(name, sizeof name, "steppe-atlas-%Y%m%d-%H%M%S.png", localtime(&now));
#ifdef __EMSCRIPTEN__
    js_download_canvas(name);
    app_toast(&p->app, "PNG downloaded", now_ms());
#else
    int w, h;
    SDL_GetRendererOutputSize(p->sdl_renderer, &w, &h);
    void *pixels = malloc((size_t)w * (size_t)h * 4);
    if (pixels && SDL_RenderReadPixels(p->sdl_renderer, NULL, SDL_PIXELFORMAT_ABGR8888, pixels, w * 4) == 0 &&
        write_png(name, w, h, pixels, w * 4)) {
        char msg[128];
        SDL_snprintf(msg, sizeof msg, "Saved %s", name);
        app_toast(&p->app, msg, now_ms());
        printf("steppe_atlas: saved %s\n", name);
    } else {
        app_toast(&p->app, "Could not save the PNG", now_ms());
    }
    free(pixels);
#endif
}

/* Carries out what the app asked for this frame. */
static void handle_requests(Platform *p)
{
    uint32_t req = p->app.requests;
    p->app.requests = 0;
    if (req & APP_REQUEST_COPY_TEXT) {
        static char text[PANEL_TEXT_SIZE + 4096];
        if (ui_panel_text(&p->ui, &p->app, text, sizeof text) > 0) {
            copy_text(text);
            app_toast(&p->app, "Panel text copied", now_ms());
        }
    }
    if (req & APP_REQUEST_COPY_LINK) {
        char hash[1024];
        deeplink_write(&p->app, hash, sizeof hash);
#ifdef __EMSCRIPTEN__
        js_copy_link(hash);
#else
        copy_text(hash); /* natively the state string itself: steppe_atlas --state '...' */
#endif
        app_toast(&p->app, "Link copied", now_ms());
    }
    if (req & APP_REQUEST_EXPORT_PNG) {
        draw_frame(p);
        export_png(p);
        p->app.needs_redraw = true;
    }
}

static void frame(void)
{
    Platform *p = &g_platform;
    /* One frame after the first map is up, rasterise the panel's glyphs ahead
     * of time, so the first click does not pay for them. */
    if (p->prewarm_pending && !p->app.needs_redraw) {
        p->prewarm_pending = false;
        ui_prewarm(&p->ui, p->dpr);
    }
    poll_events(p);
    AppInput *in = &p->input;
    in->now_ms = now_ms();
    in->width_css = p->width_css;
    in->height_css = p->height_css;
    /* The UI sees the input first; what lands on the panel or a button does
     * not also reach the map. */
    bool over_ui = ui_update(&p->ui, &p->app, in); /* may take keys and text from *in */
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
    app_update(&p->app, &map_input);
    handle_requests(p);
    publish_state(p);
    /* Edge-triggered input is consumed by this frame; held state carries over. */
    in->pointer_pressed = in->pointer_released = false;
    in->double_clicks = 0;
    in->wheel_steps = 0;
    in->pinch_factor = 0;
    in->keys_pressed = 0;
    in->text[0] = 0;

    if (p->app.needs_redraw) {
        draw_frame(p);
        SDL_RenderPresent(p->sdl_renderer);
#ifdef __EMSCRIPTEN__
        if (p->software) js_present_pixels(p->frame_surface->pixels, p->frame_surface->w, p->frame_surface->h);
#endif
        p->app.needs_redraw = render_busy(&p->renderer); /* a map still being redrawn needs more frames */
        if (!p->first_frame_done) {
            p->first_frame_done = true;
            p->prewarm_pending = true;
#ifdef __EMSCRIPTEN__
            js_first_frame_done();
#endif
        }
    }
}

/* --- JS bridge (web) ------------------------------------------------------------ */

#ifdef __EMSCRIPTEN__
EMSCRIPTEN_KEEPALIVE double steppe_project_x(double lon, double lat);
EMSCRIPTEN_KEEPALIVE double steppe_project_y(double lon, double lat);
EMSCRIPTEN_KEEPALIVE const char *steppe_state_json(void);
EMSCRIPTEN_KEEPALIVE int steppe_country_fill(const char *iso3);
EMSCRIPTEN_KEEPALIVE void steppe_resize(double width_css, double height_css);
EMSCRIPTEN_KEEPALIVE const char *steppe_panel_text(void);
EMSCRIPTEN_KEEPALIVE void steppe_apply_hash(const char *hash);
EMSCRIPTEN_KEEPALIVE const char *steppe_hash(void);
EMSCRIPTEN_KEEPALIVE const char *steppe_markers_json(void);
EMSCRIPTEN_KEEPALIVE const char *steppe_events_json(void);

/* JSON for the page, in a buffer that grows: with a large bundle the lists
 * run to megabytes, and a cut-off list would be silently wrong. */
typedef struct JsonText {
    char *data;
    size_t used, cap;
    bool failed;               /* out of memory: the text is incomplete */
} JsonText;

static void json_reset(JsonText *j)
{
    j->used = 0;
    j->failed = false;
    if (j->data) j->data[0] = 0;
}

static void json_printf(JsonText *j, const char *format, ...)
{
    if (j->failed) return;
    for (;;) {
        va_list args;
        va_start(args, format);
        size_t room = j->cap - j->used;
        int n = j->data ? vsnprintf(j->data + j->used, room, format, args) : -1;
        va_end(args);
        if (j->data && n < 0) { /* an encoding error: growing would not help */
            j->failed = true;
            return;
        }
        if (j->data && (size_t)n < room) {
            j->used += (size_t)n;
            return;
        }
        size_t need = j->used + (n > 0 ? (size_t)n : 0) + 1, cap = j->cap ? j->cap : 4096;
        while (cap < need) cap *= 2;
        char *grown = realloc(j->data, cap);
        if (!grown) {
            j->failed = true;
            return;
        }
        j->data = grown;
        j->cap = cap;
    }
}

/* The text, or `fallback` if memory ran out. */
static const char *json_result(const JsonText *j, const char *fallback)
{
    return j->failed || !j->data ? fallback : j->data;
}

/* The markers and edge indicators as drawn now, in css px (for tests and
 * embedders): a glyph's event is its earliest; place is its shared place or
 * null; an edge names its place with most events, its event if it stands for
 * exactly one, and how many places it groups; key is the map key's box (its
 * header row, header px tall, folds it). */
EMSCRIPTEN_KEEPALIVE const char *steppe_markers_json(void)
{
    static JsonText json;
    const App *app = &g_platform.app;
    const EventMarkers *m = app->markers;
    const Bundle *b = app->bundle;
    json_reset(&json);
    json_printf(&json, "{\"markers\":[");
    for (size_t i = 0; m && i < m->glyph_count; i++) {
        const MarkerGlyph *g = &m->glyphs[i];
        const char *place = g->place ? bundle_place(b, g->place).key : "";
        json_printf(&json, "%s{\"x\":%.1f,\"y\":%.1f,\"count\":%u,\"event\":\"%s\",\"place\":%s%s%s,\"fanned\":%s}",
                    i ? "," : "", g->x, g->y, g->count, bundle_event(b, g->event).key, place[0] ? "\"" : "",
                    place[0] ? place : "null", place[0] ? "\"" : "", g->fanned ? "true" : "false");
    }
    json_printf(&json, "],\"edges\":[");
    for (size_t i = 0; m && i < m->edge_count; i++) {
        const EdgeIndicator *e = &m->edges[i];
        const char *event = e->event ? bundle_event(b, e->event).key : "";
        json_printf(&json, "%s{\"x\":%.1f,\"y\":%.1f,\"count\":%u,\"place\":\"%s\",\"places\":%u,\"event\":%s%s%s}",
                    i ? "," : "", e->x, e->y, e->count, bundle_place(b, e->place).key, e->place_count,
                    event[0] ? "\"" : "", event[0] ? event : "null", event[0] ? "\"" : "");
    }
    if (m)
        json_printf(&json, "],\"key\":{\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f,\"header\":%.1f}}", m->legend.x,
                    m->legend.y, m->legend.w, m->legend.h, m->legend.toggle[3]);
    else
        json_printf(&json, "],\"key\":null}");
    return json_result(&json, "null");
}

/* The events passing the year range and categories, wherever they are:
 * [{key, lon, lat, year, category}]. */
EMSCRIPTEN_KEEPALIVE const char *steppe_events_json(void)
{
    static JsonText json;
    const App *app = &g_platform.app;
    const Bundle *b = app->bundle;
    json_reset(&json);
    json_printf(&json, "[");
    bool first = true;
    for (uint32_t id = 1; id <= b->event_count; id++) {
        if (!app_event_visible(app, id)) continue;
        BundleEvent e = bundle_event(b, id);
        BundlePlace p = bundle_place(b, e.place);
        json_printf(&json, "%s{\"key\":\"%s\",\"lon\":%.4f,\"lat\":%.4f,\"year\":%u,\"category\":\"%s\"}",
                    first ? "" : ",", e.key, (double)p.lon_deg, (double)p.lat_deg, e.year, bundle_category_name(e.category));
        first = false;
    }
    json_printf(&json, "]");
    return json_result(&json, "null");
}

/* The browser's back/forward buttons (popstate) or an edited hash. */
EMSCRIPTEN_KEEPALIVE void steppe_apply_hash(const char *hash)
{
    Platform *p = &g_platform;
    if (hash[0] == '#') hash++;
    if (!strcmp(hash, p->last_hash)) return;
    App *app = &p->app;
    /* Fields the string leaves out return to their defaults. */
    app->selection = (Selection){ SELECTION_NONE, 0 };
    app->panel_open = false;
    app_set_years(app, app->first_year, app->last_year);
    app->filter.category_mask = (1u << CATEGORY_COUNT) - 1;
    app->layers = LAYER_MARKERS | LAYER_LABELS;
    app->local_names = false;
    deeplink_apply(app, hash, NULL);
    deeplink_write(app, p->last_hash, sizeof p->last_hash);
    deeplink_selection(app, p->last_selection, sizeof p->last_selection);
}

EMSCRIPTEN_KEEPALIVE const char *steppe_hash(void)
{
    static char hash[1024];
    deeplink_write(&g_platform.app, hash, sizeof hash);
    return hash;
}

/* What the panel shows, as plain text ("" when it is closed). */
EMSCRIPTEN_KEEPALIVE const char *steppe_panel_text(void)
{
    static char text[PANEL_TEXT_SIZE + 4096];
    ui_panel_text(&g_platform.ui, &g_platform.app, text, sizeof text);
    return text;
}

EMSCRIPTEN_KEEPALIVE double steppe_project_x(double lon, double lat)
{
    double x, y;
    app_project(&g_platform.app, lon, lat, &x, &y);
    return x;
}

EMSCRIPTEN_KEEPALIVE double steppe_project_y(double lon, double lat)
{
    double x, y;
    app_project(&g_platform.app, lon, lat, &x, &y);
    return y;
}

EMSCRIPTEN_KEEPALIVE const char *steppe_state_json(void)
{
    static char json[4096];
    int len = app_state_json(&g_platform.app, json, (int)sizeof json - 200);
    /* The UI's layout is the platform's to report: where the timeline's years
     * lie, so tests and embedders can drive it like a user. */
    const TimelineBar *t = &g_platform.ui.timeline;
    if (len > 0 && json[len - 1] == '}')
        snprintf(json + len - 1, sizeof json - (size_t)len + 1,
                 ",\"timeline\":{\"x0\":%.1f,\"x1\":%.1f,\"y\":%.1f,\"firstYear\":%d,\"lastYear\":%d}}",
                 t->track_x0, t->track_x1, t->track_y, g_platform.app.first_year, g_platform.app.last_year);
    return json;
}

/* The theme's fill of a country as 0xRRGGBB, or -1 if unknown (for tests). */
EMSCRIPTEN_KEEPALIVE int steppe_country_fill(const char *iso3)
{
    uint32_t id = bundle_find_country(&g_platform.bundle, iso3);
    if (!id) return -1;
    BundleCountry c = bundle_country(&g_platform.bundle, id);
    Rgba f = theme_country_fill(g_platform.app.high_contrast ? &THEME_HIGH_CONTRAST : &THEME_DEFAULT, c.flags, c.color);
    return (f.r << 16) | (f.g << 8) | f.b;
}

/* The page calls this when the canvas's css size or the pixel ratio changes. */
EMSCRIPTEN_KEEPALIVE void steppe_resize(double width_css, double height_css)
{
    Platform *p = &g_platform;
    if (width_css < 1 || height_css < 1) return;
    SDL_SetWindowSize(p->window, (int)width_css, (int)height_css);
    update_sizes(p);
}
#endif

/* --- native screenshot ------------------------------------------------------------ */

#ifndef __EMSCRIPTEN__
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

static bool write_png(const char *path, int w, int h, const void *rgba, int pitch)
{
    return stbi_write_png(path, w, h, 4, rgba, pitch) != 0;
}

/* Renders one frame into an offscreen surface (with core/raster.c, as the web
 * build draws without a GPU) and writes it as a PNG: needs no display, no
 * window and no GPU. */
static int screenshot(Platform *p, const char *out_path, int width, int height, float dpr,
                      const double *probes, int probe_count, const char *select_iso3, const char *state_text)
{
    int pw = (int)lroundf(width * dpr), ph = (int)lroundf(height * dpr);
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, pw, ph, 32, SDL_PIXELFORMAT_ABGR8888);
    if (!surface) { fprintf(stderr, "steppe_atlas: %s\n", SDL_GetError()); return 1; }
    p->sdl_renderer = SDL_CreateSoftwareRenderer(surface);
    char message[256];
    if (!p->sdl_renderer || !render_init(&p->renderer, p->sdl_renderer, &p->bundle, message, sizeof message)) {
        fprintf(stderr, "steppe_atlas: %s\n", p->sdl_renderer ? message : SDL_GetError());
        return 1;
    }
    render_set_pixels(&p->renderer, surface->pixels, pw, ph, surface->pitch); /* core/raster.c draws it */
    if (!start_app(p, width, height, 0)) return 1;
    ui_init(&p->ui, &p->renderer, &p->bundle);
    p->dpr = dpr;
    AppInput none = { .width_css = width, .height_css = height };
    ui_update(&p->ui, &p->app, &none); /* lays out the UI, so flights know the panel's size */
    if (select_iso3) {
        uint32_t id = bundle_find_country(&p->bundle, select_iso3);
        if (!id) fprintf(stderr, "steppe_atlas: --select: no country '%s' in the bundle\n", select_iso3);
        app_select_country(&p->app, id, 0);
        /* Land the flight at once: a screenshot shows where it ends. */
        view_step(&p->app.view, 1e9);
    }
    apply_initial_state(p, state_text);
    draw_frame(p);
    SDL_RenderPresent(p->sdl_renderer);
    int ok = write_png(out_path, pw, ph, surface->pixels, surface->pitch);
    if (!ok) { fprintf(stderr, "steppe_atlas: cannot write %s\n", out_path); return 1; }
    printf("screenshot %s %dx%d dpr %.2f\n", out_path, pw, ph, dpr);
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
    app_destroy(&p->app);
    ui_shutdown(&p->ui);
    render_shutdown(&p->renderer);
    SDL_DestroyRenderer(p->sdl_renderer);
    SDL_FreeSurface(surface);
    bundle_close(&p->bundle);
    SDL_free(p->bundle_file);
    return 0;
}
#endif

static void usage(void)
{
    fprintf(stderr,
            "usage: steppe_atlas [--bundle FILE] [--size WxH] [--state STATE]\n"
            "       steppe_atlas --screenshot OUT.png [--size WxH] [--dpr N] [--probe LON,LAT]... [--select ISO3] [--state STATE]\n"
            "STATE is the page's URL hash, e.g. 'c=KAZ&t=2018-2019' (see src/core/deeplink.h).\n");
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
    if (!load_bundle(p, bundle_path)) return 1;

#ifndef __EMSCRIPTEN__
    if (screenshot_path) return screenshot(p, screenshot_path, width, height, dpr, probes, probe_count, select_iso3, state_text);
#else
    (void)screenshot_path;
    (void)select_iso3;
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    if (css_w >= 1 && css_h >= 1) { width = (int)css_w; height = (int)css_h; }
#endif

    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "steppe_atlas: SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    p->window = SDL_CreateWindow("Steppe Atlas", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height,
                                 SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!p->window) { fprintf(stderr, "steppe_atlas: window: %s\n", SDL_GetError()); return 1; }
#ifdef __EMSCRIPTEN__
    p->software = js_wants_software();
    if (p->software && !make_software_target(p)) { fprintf(stderr, "steppe_atlas: out of memory for the frame\n"); return 1; }
#endif
    if (!p->software) {
        p->sdl_renderer = SDL_CreateRenderer(p->window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
        if (!p->sdl_renderer) p->sdl_renderer = SDL_CreateRenderer(p->window, -1, 0);
    }
    if (!p->sdl_renderer) { fprintf(stderr, "steppe_atlas: renderer: %s\n", SDL_GetError()); return 1; }
    char message[256];
    if (!render_init(&p->renderer, p->sdl_renderer, &p->bundle, message, sizeof message)) {
        fprintf(stderr, "steppe_atlas: %s\n", message);
        return 1;
    }
#ifdef __EMSCRIPTEN__
    if (p->software) {
        SDL_Surface *f = p->frame_surface;
        render_set_pixels(&p->renderer, f->pixels, f->w, f->h, f->pitch);
    }
#endif
    p->renderer.use_cache = true;
    ui_init(&p->ui, &p->renderer, &p->bundle);
    update_sizes(p);
    if (!start_app(p, p->width_css, p->height_css, now_ms())) return 1;
#ifdef __EMSCRIPTEN__
    static char initial_hash[DEEPLINK_MAX_INPUT];
    js_initial_hash(initial_hash, (int)sizeof initial_hash);
    state_text = initial_hash;
#endif
    /* Lay the UI out first, so a linked selection is framed in the part of
     * the map its panel leaves (above the bottom sheet on a phone). */
    AppInput none = { .width_css = p->width_css, .height_css = p->height_css };
    ui_update(&p->ui, &p->app, &none);
    apply_initial_state(p, state_text);
#ifdef __EMSCRIPTEN__
    /* The first frame now rather than at the next animation frame: the map
     * shows one frame sooner. */
    frame();
    emscripten_set_main_loop(frame, 0, 0);
#else
    while (!p->quit) {
        frame();
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
#endif
    return 0;
}
