/* raster_internal: helpers the rasteriser's files share (raster.c and
 * raster_ring.c); included only from src/pixel. */
#ifndef STEPPE_RASTER_INTERNAL_H
#define STEPPE_RASTER_INTERNAL_H

#include <math.h>

#include "raster.h"

/* min and max for finite operands. fmin/fminf are calls in WebAssembly (its
 * f32.min/f64.min differ from them on NaN), and these run per row and per
 * pixel; every caller's operands are checked finite first. */
static inline double min_d(double a, double b) { return b < a ? b : a; }
static inline double max_d(double a, double b) { return b > a ? b : a; }
static inline float min_f(float a, float b) { return b < a ? b : a; }
static inline float max_f(float a, float b) { return b > a ? b : a; }

/* clip narrowed to the image; empty (x1 <= x0 or y1 <= y0) if they miss. */
static inline RasterRect clip_to_image(const RasterImage *image, RasterRect clip)
{
    if (clip.x0 < 0) clip.x0 = 0;
    if (clip.y0 < 0) clip.y0 = 0;
    if (clip.x1 > image->width) clip.x1 = image->width;
    if (clip.y1 > image->height) clip.y1 = image->height;
    return clip;
}

/* The first pixel index whose centre (i + 0.5) is at or after coordinate c,
 * clamped to [lo, hi] before converting so huge or infinite c are safe. */
static inline int first_centre_at_or_after(double c, int lo, int hi)
{
    if (!(c > lo)) return lo; /* also NaN */
    if (c > hi) return hi;
    int i = (int)ceil(c - 0.5);
    return i < lo ? lo : i > hi ? hi : i;
}

#endif
