/* native: the native program's own parts (native_main.c, native_screenshot.c). */
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

#endif
