/* native: the native program's own parts (native_main.c, native_screenshot.c,
 * native_replay.c). */
#ifndef STEPPE_NATIVE_H
#define STEPPE_NATIVE_H

#include <stdbool.h>

#include "platform/platform.h"

/* Writes RGBA pixels as a PNG (stb_image_write). */
bool native_write_png(const char *path, int w, int h, const void *rgba, int pitch);

/* Renders one frame offscreen with pixel/raster.c (no display, no window, no
 * GPU) and writes it as a PNG; prints, per probe (lon, lat pairs), the css
 * position there, and Kazakhstan's fill. theme (may be NULL) applies after
 * the state. Returns the exit status. */
int native_screenshot(Platform *p, const char *out_path, int width, int height, float dpr, const double *probes,
                      int probe_count, const char *select_iso3, const char *state_text, const Command *theme);

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

#endif
