/* platform: what both targets share — the Platform struct, the one frame
 * function, bundle loading — and the small interface each target implements
 * (platform_* below: native_main.c natively, web_main.c in the browser).
 *
 * A frame turns SDL events into an AppInput (sdl_input.c), lets the UI queue
 * its commands, lets the gesture recogniser turn the rest into commands on
 * the map, carries out what the app asked the platform for (copy, export),
 * publishes the state string, and redraws only when something changed.
 * No file here but web_*.c knows it runs in a browser. */
#ifndef STEPPE_PLATFORM_H
#define STEPPE_PLATFORM_H

#include <SDL2/SDL.h>
#include <stdbool.h>

#include "core/app.h"
#include "core/command.h"
#include "core/gesture.h"
#include "core/bundle.h"
#include "render/render.h"
#include "ui/ui.h"

typedef struct Platform {
    SDL_Window *window;
    SDL_Renderer *sdl_renderer;  /* NULL while frames go to frame_surface */
    /* Where a GPU would be emulated (the web page), frames are drawn by
     * pixel/raster.c into this surface (RGBA bytes, device px). */
    SDL_Surface *frame_surface;
    bool software;
    Renderer renderer;
    Ui ui;
    Bundle bundle;
    void *bundle_file;            /* owned copy when loaded from a file, else NULL */
    char notice[640];             /* a problem to show the user once the app runs */
    App app;
    Gesture gesture;
    CommandQueue commands;        /* the UI's commands this frame */
    AppInput input;               /* accumulated between frames */
    double width_css, height_css; /* the atlas's css px: the window's, divided by the text scale */
    int text_scale_applied;       /* the App's text scale (percent) the sizes were computed for */
    float dpr;                    /* device px per css px */
    bool quit;
    bool first_frame_done;
    bool prewarm_pending;         /* glyphs to rasterise once the first frame is shown */
    bool press_on_ui;             /* the current press began on the UI */
    bool show_hint;               /* start with the first visit's hint (native --hint; first starts) */
    /* A file dropped onto the window (SDL_DROPFILE; SDL's allocation, the
     * last one if several), opened as a bundle once the frame is over. */
    char *dropped_file;
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
    /* The pointer to a fraction of a css px, where the target can tell
     * (the page reports it; SDL's mouse events carry whole pixels, and an
     * error of half a pixel is magnified by every wheel zoom about it). */
    bool precise_pointer_valid;
    double precise_x, precise_y;
    /* two-finger pinch tracking */
    SDL_FingerID fingers[2];
    float finger_x[2], finger_y[2];
    int finger_count;
    double pinch_last_dist;
    /* A target's other windows (natively the presenter: native_presenter.c;
     * NULL on the web): window_event sees each new SDL event first and
     * returns true if it took it (an event of its own window), after_frame
     * runs at the end of every frame. */
    bool (*window_event)(struct Platform *p, const SDL_Event *e);
    void (*after_frame)(struct Platform *p);
} Platform;

extern Platform g_platform;

/* The bundle built from assets/, LZMA-compressed (default_bundle.c, generated
 * at build time by tools/bundle/pack.mjs and embed.mjs: core/bundle_lzma.h). */
extern const unsigned char steppe_default_bundle_lzma[];
extern const unsigned long steppe_default_bundle_lzma_size;

/* The built-in bundle's plain bytes: unpacked on the first call, kept for the
 * program's life (the Bundle opened on it points into them). NULL, with why
 * in message, if it cannot be unpacked (out of memory; a corrupt embedded
 * copy would be a build fault). */
const unsigned char *platform_default_bundle(size_t *size, char *message, size_t message_size);
/* How long that unpacking took, ms (-1 before it ran). */
double platform_default_bundle_unpack_ms(void);

double platform_now_ms(void);
/* The App's text scale as a factor (1 before the App exists). */
double platform_text_scale(const Platform *p);

/* --- shared (frame.c) --- */

/* Opens a teacher's bundle (data, owned, may be NULL: none given) or else the
 * embedded default. A bad bundle is reported (stderr and on screen) and the
 * default opens instead: a broken file must never take the atlas down.
 * unreadable: why the file `name` could not be read (data is NULL then), as
 * strerror words it; NULL if it was read or none was named. */
bool platform_load_bundle(Platform *p, void *data, size_t size, const char *name, const char *unreadable);
/* Opens the built-in bundle into b (platform_default_bundle); false, with why
 * in message, if it cannot. */
bool platform_open_default_bundle(Bundle *b, char *message, size_t message_size);
/* Opens the bundle DATA (SIZE bytes, owned: freed or kept), read from PATH
 * (named so on stderr; NAME on screen), in place of the one shown, between
 * frames (bundle_swap.c). A good one replaces the atlas
 * (app, UI, search, renderer and fonts set up on it anew, at its home view;
 * a toast "Opened NAME" says so); a bad one is refused with the reader's
 * message as the notice ("Could not open NAME: ... The atlas shown stays
 * open.") and the atlas shown stays as it was. closing/opened (may be NULL)
 * run just before the old bundle is closed and once the new one is up.
 * Returns true if the new bundle is shown. */
bool platform_swap_bundle(Platform *p, void *data, size_t size, const char *path, const char *name,
                          void (*closing)(Platform *), void (*opened)(Platform *));
/* SDL, and the window (flags added to resizable and high-DPI). */
bool platform_open_window(Platform *p, int width, int height, Uint32 flags);
/* The SDL renderer (unless the target made one), the Renderer, the UI and
 * the sizes: everything the app draws with. */
bool platform_start_drawing(Platform *p);
/* Sets up the app on the loaded bundle and hands it any notice for the user. */
bool platform_start_app(Platform *p, double width_css, double height_css, double now_ms);
/* Applies a state string given at start (--state, or the page's URL hash),
 * landing any flight: a link shows where it points from the first frame.
 * Returns how many of its fields were ignored (malformed, unknown, naming nothing). */
int platform_apply_initial_state(Platform *p, const char *text);
/* Applies one command now. */
void platform_command(Platform *p, Command c);
void platform_draw(Platform *p);
/* Draws the map as a figure to export (the map, selection, map key and a
 * caption strip with title, sources and attribution; nothing transient:
 * no tooltip, hover, search box, buttons, timeline or panel) and gives the
 * part of the frame it covers, device px: x, y, w, h. */
void platform_draw_figure(Platform *p, int rect_px[4]);
/* The one main-loop body, for both targets. */
void platform_frame(void);

/* --- SDL events -> AppInput (sdl_input.c) --- */
void platform_poll_events(Platform *p);
/* The APP_KEY_* bit of a key with its modifiers (0 for none). */
uint64_t platform_key_bit(SDL_Keycode key, Uint16 mod);
void platform_update_sizes(Platform *p);
/* The size in device px frames are drawn at: the software frame's, else the SDL renderer's. */
void platform_output_size(Platform *p, int *w, int *h);

/* --- per target (native_main.c, web_main.c) --- */

/* The frame is drawn: show it. */
void platform_present(Platform *p);
/* The first complete map frame is up (the page resolves its ready promise). */
void platform_first_frame_shown(Platform *p);
/* The state string changed (at rest): push a history entry or replace it. */
void platform_publish_state(Platform *p, const char *hash, bool push);
void platform_copy_text(Platform *p, const char *text);
/* Copies a link to this state (natively, the state string itself). */
void platform_copy_link(Platform *p, const char *hash);
/* Fullscreen and back. */
void platform_toggle_fullscreen(Platform *p);
/* Saves rect_px (x, y, w, h, device px) of the frame just drawn by
 * platform_draw_figure as a PNG (called before presenting; the frame is
 * drawn again for the screen afterwards). */
void platform_export_png(Platform *p, const int rect_px[4]);
/* (Re)makes the software frame at the output's device size, if there is one. */
void platform_resize_target(Platform *p);
/* Opens the bundle at path in place of the one shown (a file dropped onto the
 * window; called between frames). A good one replaces the atlas (app, UI,
 * search, renderer and fonts set up on it anew, a toast says so); a bad one
 * is refused with the reader's message as the notice, and the atlas shown
 * stays as it was. Natively native_bundle_swap.c. */
void platform_open_bundle_file(Platform *p, const char *path);

#endif
