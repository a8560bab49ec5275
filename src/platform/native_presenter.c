/* native_presenter: the presenter window, natively. See native.h.
 *
 * A second SDL window (issue 11, classroom mode) for the teacher's laptop
 * while the projector shows the atlas window: what core/tour.c's
 * tour_presenter_text says (the tour, "stop N / M", the clock, the current
 * stop and its notes, the next stop), drawn by ui/presenter_view.c with a
 * Renderer of its own on this window's SDL renderer. There is one App: the
 * presenter's keys become the commands the atlas window's keys give in a
 * tour (tour_presenter_commands), applied to it, so the two windows are
 * always in step. It redraws when what it shows changes (a step, the clock's
 * second, the theme, its size). Closing it leaves the atlas running; closing
 * the atlas window quits, the presenter with it.
 *
 * It joins the frame through two hooks of the Platform: window_event (the
 * events of its window, and the atlas window's close and 'p') and
 * after_frame (its drawing), so frame.c and sdl_input.c, which the web build
 * shares, know nothing of it. */
#include "platform/native.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/screen_layout.h"
#include "core/tour.h"
#include "ui/presenter_view.h"

typedef struct NativePresenter {
    SDL_Window *window;
    SDL_Renderer *sdl;
    Renderer renderer;
    bool renderer_ready;
    Uint32 window_id;
    bool dirty;                 /* redraw whatever the content */
    TourPresenterText shown;    /* what the last frame showed (compared, never read through after a bundle swap) */
    ThemeId shown_theme;
    int shown_text_scale;
} NativePresenter;

static NativePresenter presenter;

/* The window an event is for (0 if none). */
static Uint32 event_window(const SDL_Event *e)
{
    switch (e->type) {
    case SDL_WINDOWEVENT: return e->window.windowID;
    case SDL_KEYDOWN: case SDL_KEYUP: return e->key.windowID;
    case SDL_TEXTEDITING: return e->edit.windowID;
    case SDL_TEXTINPUT: return e->text.windowID;
    case SDL_MOUSEMOTION: return e->motion.windowID;
    case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP: return e->button.windowID;
    case SDL_MOUSEWHEEL: return e->wheel.windowID;
#if SDL_VERSION_ATLEAST(2, 0, 22)
    case SDL_FINGERDOWN: case SDL_FINGERUP: case SDL_FINGERMOTION: return e->tfinger.windowID;
#endif
    case SDL_DROPFILE: case SDL_DROPTEXT: case SDL_DROPBEGIN: case SDL_DROPCOMPLETE: return e->drop.windowID;
    default: return 0;
    }
}

bool native_presenter_is_open(void) { return presenter.window != NULL; }
Uint32 native_presenter_window_id(void) { return presenter.window_id; }

/* The presenter's renderer on the bundle shown; false (having said why) if the fonts fail. */
static bool start_renderer(Platform *p)
{
    char message[256];
    if (!render_init(&presenter.renderer, presenter.sdl, &p->bundle, message, sizeof message)) {
        fprintf(stderr, "steppe_atlas: presenter: %s\n", message);
        return false;
    }
    presenter.renderer.use_cache = false; /* it draws no map */
    presenter.renderer_ready = true;
    presenter.dirty = true;
    return true;
}

void native_presenter_close(Platform *p)
{
    (void)p;
    if (!presenter.window) return;
    if (presenter.renderer_ready) render_shutdown(&presenter.renderer);
    if (presenter.sdl) SDL_DestroyRenderer(presenter.sdl);
    SDL_DestroyWindow(presenter.window);
    memset(&presenter, 0, sizeof presenter);
}

bool native_presenter_open(Platform *p)
{
    if (presenter.window) {
        SDL_RaiseWindow(presenter.window);
        return true;
    }
    /* On the other display when there are two (the atlas full screen on
     * the projector, this on the laptop), a good part of it; else 800 x 600. */
    RectCss displays[8], place;
    int count = SDL_GetNumVideoDisplays();
    if (count > 8) count = 8;
    for (int i = 0; i < count; i++) {
        SDL_Rect u;
        if (SDL_GetDisplayUsableBounds(i, &u) != 0) { count = i; break; }
        displays[i] = (RectCss){ (float)u.x, (float)u.y, (float)u.w, (float)u.h };
    }
    int atlas_display = p->window ? SDL_GetWindowDisplayIndex(p->window) : 0;
    if (!screen_place_second_window(displays, count, atlas_display, &place))
        place = (RectCss){ SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 800, 600 };
    presenter.window = SDL_CreateWindow("Presenter — Steppe Atlas", (int)place.x, (int)place.y, (int)place.w, (int)place.h,
                                        SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!presenter.window) {
        fprintf(stderr, "steppe_atlas: presenter window: %s\n", SDL_GetError());
        return false;
    }
    presenter.window_id = SDL_GetWindowID(presenter.window);
    /* No vsync: the atlas window's present waits for the display already,
     * and this one redraws about once a second. */
    presenter.sdl = SDL_CreateRenderer(presenter.window, -1, SDL_RENDERER_ACCELERATED);
    if (!presenter.sdl) presenter.sdl = SDL_CreateRenderer(presenter.window, -1, 0);
    if (!presenter.sdl) fprintf(stderr, "steppe_atlas: presenter renderer: %s\n", SDL_GetError());
    if (!presenter.sdl || !start_renderer(p)) {
        native_presenter_close(p);
        return false;
    }
    /* The atlas window keeps the keyboard: the teacher opened this from there. */
    if (p->window) SDL_RaiseWindow(p->window);
    return true;
}

void native_presenter_bundle_closing(Platform *p)
{
    (void)p;
    if (presenter.renderer_ready) render_shutdown(&presenter.renderer);
    presenter.renderer_ready = false;
}

void native_presenter_bundle_opened(Platform *p)
{
    if (presenter.window && !start_renderer(p)) native_presenter_close(p);
}

/* A key in the presenter window: the tour's keys, as the atlas's commands. */
static void presenter_key(Platform *p, const SDL_KeyboardEvent *k)
{
    if (k->repeat) return;
    Command out[3];
    int n = tour_presenter_commands(&p->app, platform_key_bit(k->keysym.sym, k->keysym.mod), out);
    for (int i = 0; i < n; i++) platform_command(p, out[i]);
}

/* Platform.window_event: takes the presenter window's events; of the atlas
 * window's, closing it quits (with two windows SDL sends SDL_QUIT only when
 * both are closed) and 'p' in a tour opens the presenter. */
static bool window_event(Platform *p, const SDL_Event *e)
{
    Uint32 id = event_window(e);
    if (presenter.window && id == presenter.window_id) {
        if (e->type == SDL_WINDOWEVENT) {
            if (e->window.event == SDL_WINDOWEVENT_CLOSE) native_presenter_close(p);
            else presenter.dirty = true; /* resized, exposed, ... */
        } else if (e->type == SDL_KEYDOWN) {
            presenter_key(p, &e->key);
        }
        return true; /* nothing of its window reaches the map */
    }
    if (p->window && id == SDL_GetWindowID(p->window)) {
        if (e->type == SDL_WINDOWEVENT && e->window.event == SDL_WINDOWEVENT_CLOSE) {
            p->quit = true;
            return true;
        }
        /* 'p' plays the timeline, except in a tour, where it opens this. */
        if (e->type == SDL_KEYDOWN && !e->key.repeat && e->key.keysym.sym == SDLK_p &&
            !(e->key.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) && tour_playing(&p->app) && !p->ui.search.focused)
            native_presenter_open(p);
    }
    return false;
}

static bool same_text(const TourPresenterText *a, const TourPresenterText *b)
{
    return a->playing == b->playing && a->blank == b->blank && a->tour_title == b->tour_title && a->title == b->title &&
           a->text == b->text && a->notes == b->notes && a->message == b->message && !strcmp(a->where, b->where) &&
           !strcmp(a->next, b->next) && !strcmp(a->clock, b->clock);
}

/* Draws the presenter's frame (not presented). */
static void draw(Platform *p, const TourPresenterText *t)
{
    int w, h, ow, oh;
    SDL_GetWindowSize(presenter.window, &w, &h);
    SDL_GetRendererOutputSize(presenter.sdl, &ow, &oh);
    /* The atlas's text scale, as its own window does: laid out smaller, drawn larger. */
    double scale = platform_text_scale(p);
    float width = (float)(w > 0 ? w / scale : 1), height = (float)(h > 0 ? h / scale : 1);
    float dpr = w > 0 ? (float)(ow / width) : 1.0f;
    presenter_view_draw(&presenter.renderer, &p->app, t, width, height, dpr);
}

/* Platform.after_frame: redraws when what it shows changed. */
static void after_frame(Platform *p)
{
    if (!presenter.window || !presenter.renderer_ready) return;
    TourPresenterText t;
    tour_presenter_text(&p->app, platform_now_ms(), &t);
    int text_scale = (int)lround(platform_text_scale(p) * 100);
    if (!presenter.dirty && same_text(&t, &presenter.shown) && presenter.shown_theme == p->app.display.theme &&
        presenter.shown_text_scale == text_scale)
        return;
    draw(p, &t);
    SDL_RenderPresent(presenter.sdl);
    presenter.shown = t;
    presenter.shown_theme = p->app.display.theme;
    presenter.shown_text_scale = text_scale;
    presenter.dirty = false;
}

void native_presenter_install(Platform *p)
{
    p->window_event = window_event;
    p->after_frame = after_frame;
}

size_t native_presenter_text(const Platform *p, char *out, size_t size)
{
    if (!size) return 0;
    out[0] = '\0';
    if (!presenter.window) return 0;
    TourPresenterText t;
    tour_presenter_text(&p->app, platform_now_ms(), &t);
    int n = t.playing ? SDL_snprintf(out, size, "%s\n%s\n%s\n%s%s\nNotes for the teacher\n%s\nOn the slide\n%s\n%s\n",
                                     t.tour_title, t.where, t.clock,
                                     t.blank ? "The atlas window is blanked\n" : "", t.title, t.notes, t.text, t.next)
                      : SDL_snprintf(out, size, "%s\n", t.message);
    return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

bool native_presenter_screenshot(Platform *p, const char *path)
{
    if (!presenter.window || !presenter.renderer_ready) {
        fprintf(stderr, "steppe_atlas: --presenter-screenshot: the presenter window is not open\n");
        return false;
    }
    TourPresenterText t;
    tour_presenter_text(&p->app, platform_now_ms(), &t);
    draw(p, &t);
    int w, h;
    SDL_GetRendererOutputSize(presenter.sdl, &w, &h);
    void *pixels = malloc((size_t)w * (size_t)h * 4);
    bool ok = pixels && SDL_RenderReadPixels(presenter.sdl, NULL, SDL_PIXELFORMAT_ABGR8888, pixels, w * 4) == 0 &&
              native_write_png(path, w, h, pixels, w * 4);
    free(pixels);
    SDL_RenderPresent(presenter.sdl);
    presenter.dirty = true;
    if (!ok) fprintf(stderr, "steppe_atlas: --presenter-screenshot: cannot write %s\n", path);
    else fprintf(stderr, "steppe_atlas: presenter %dx%d written to %s\n", w, h, path);
    return ok;
}
