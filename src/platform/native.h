/* native: the native program's own parts (native_main.c, native_screenshot.c,
 * native_handouts.c, native_replay.c, native_bundle_swap.c, native_presenter.c). */
#ifndef STEPPE_NATIVE_H
#define STEPPE_NATIVE_H

#include <stdbool.h>

#include "platform/platform.h"

/* Reads a whole file into SDL_malloc'd memory (native_main.c). NULL if it
 * cannot, with *why the system's reason ("No such file or directory", "Is a
 * directory"), else *why is NULL. */
void *native_read_file(const char *path, size_t *size, const char **why);

/* Writes RGBA pixels as a PNG (stb_image_write). */
bool native_write_png(const char *path, int w, int h, const void *rgba, int pitch);
/* The atlas window's next frame as a PNG (a replay script's `screenshot FILE`). */
bool native_window_screenshot(Platform *p, const char *path);

/* Renders one frame offscreen with pixel/raster.c (no display, no window, no
 * GPU) and writes it as a PNG; prints, per probe (lon, lat pairs), the css
 * position there, and Kazakhstan's fill. theme (may be NULL) applies after
 * the state. Returns the exit status. */
int native_screenshot(Platform *p, const char *out_path, int width, int height, float dpr, const double *probes,
                      int probe_count, const char *select_iso3, const char *state_text, const Command *theme);

/* One headless frame (native_screenshot.c): an offscreen surface, a software
 * renderer, the UI and the app set up on p->bundle (begin; false, having
 * said why on stderr, if they cannot be), drawn and written as a PNG (write),
 * and all of it but the bundle torn down (end). --screenshot and --handouts
 * draw through these, so a handout's image is the screenshot of its state. */
typedef struct NativeFrame { SDL_Surface *surface; int pw, ph; } NativeFrame;
bool native_frame_begin(Platform *p, NativeFrame *f, int width, int height, float dpr);
bool native_frame_write(Platform *p, NativeFrame *f, const char *path);
void native_frame_end(Platform *p, NativeFrame *f);

/* --handouts DIR --tour ID (native_handouts.c): one PNG per stop
 * (stop-01.png, ...: the screenshot of tour=ID&stop=N, the flight landed),
 * index.html (printable: no script, nothing external, a page per stop) and
 * index.md, each with the tour's title and, per stop, its title, slide
 * text, sources (article and quoted passage), the teacher's notes and the
 * image. Creates DIR if missing. Returns the exit status: 1 (having said why
 * on stderr) for an unknown tour (the valid ids listed), a bundle that did
 * not open, or a DIR or file that cannot be written (its path named). */
int native_handouts(Platform *p, const char *dir, const char *tour_id, int width, int height, float dpr,
                    const Command *theme);

/* --replay FILE (native_replay.c): a recorded input script, played through the
 * open window's SDL event queue (tests/native/replay/README.md). */
typedef struct NativeReplay NativeReplay;
/* Reads and checks the whole script before any window opens. NULL if it
 * cannot be read or a line is malformed, having printed "FILE:LINE: message"
 * to stderr (the program then exits 2). */
NativeReplay *native_replay_load(const char *path);
/* Plays the script in the open window instead of the main loop, then prints
 * the final state JSON and the panel's text to stdout. Returns the exit
 * status: 0, or 1 if an expectation failed or a position could not be found
 * (reported as "FILE:LINE: ..." on stderr, with the state JSON). */
int native_replay_run(NativeReplay *r, Platform *p);
void native_replay_free(NativeReplay *r);

/* The presenter window (native_presenter.c): a second window for the
 * teacher's laptop while the projector shows the atlas — the tour, "stop N /
 * M", the current stop's title and notes, the next stop, a clock since the
 * tour started — whose keys step the one App as the atlas window's do.
 * install sets the Platform's hooks (before the first frame): from then on
 * 'p' in a tour opens it, and closing the atlas window quits. open opens it
 * (or raises it; false, having said why, if it cannot); close closes it,
 * leaving the atlas window. */
void native_presenter_install(Platform *p);
bool native_presenter_open(Platform *p);
void native_presenter_close(Platform *p);
bool native_presenter_is_open(void);
Uint32 native_presenter_window_id(void); /* 0 when closed */
/* What it shows now as plain text, a line each (tour, stop, clock, title,
 * notes, slide, next); "" when closed. Returns the length written. */
size_t native_presenter_text(const Platform *p, char *out, size_t size);
/* Draws it and writes the frame as a PNG; false (having said why) if closed
 * or the file cannot be written. */
bool native_presenter_screenshot(Platform *p, const char *path);
/* Around a bundle swap (native_bundle_swap.c): its fonts point into the bundle. */
void native_presenter_bundle_closing(Platform *p);
void native_presenter_bundle_opened(Platform *p);

#endif
