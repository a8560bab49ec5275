/* raster_ring: raster_ring_sectors (raster.h), the category ring around a
 * marker cluster, apart from the rest of the rasteriser for its size. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "raster.h"
#include "raster_internal.h"

/* A pseudo-angle of (x, y): 0..4, rising with atan2(y, x) from the +x axis
 * over the turn, without trigonometry (a "diamond angle"). */
static inline float diamond_angle(float x, float y)
{
    if (x == 0.0f && y == 0.0f) return 0.0f;
    if (y >= 0.0f) return x >= 0.0f ? y / (x + y) : 1.0f - x / (-x + y);
    return x < 0.0f ? 2.0f - y / (-x - y) : 3.0f + x / (x - y);
}

/* The sector lookup of raster_ring_sectors without a division at every pixel.
 *
 * A pixel's sector is k = the number of sector ends e[j] (j < sectors - 1)
 * with t >= e[j], the first that fails ending the count, where t is the
 * float diamond_angle(X, Y) of X = -dy, Y = dx. With e made non-decreasing
 * (each the largest so far, NaN as +inf) that is simply the k with
 * e[k - 1] <= t < e[k], so it can be found by stepping k up or down from
 * any start.
 *
 * Along a row X is fixed, and on each side of the centre column (Y < 0,
 * Y >= 0) the exact pseudo-angle tau of (X, Y) is monotonic in Y: a quarter
 * ("piece") of the turn, A = [0, 1) (X > 0, Y >= 0), B = (1, 2] (X < 0,
 * Y >= 0), C = (2, 3) (X < 0, Y < 0), D = (3, 4) (X > 0, Y < 0); rising
 * with Y on A and D, falling on B and C. Where tau crosses a value q the
 * row's Y is X * f(q) for a constant f of the piece. The float t differs
 * from tau by at most 4 units in the last place (< 2.5e-7: one sum of two
 * like-signed terms, one quotient in [0, 1], one add of 0..3), so a pixel
 * whose tau is more than RING_EPS inside sector k's ends has t inside them
 * too. Each row keeps the open Y interval where that holds for the sector
 * last found; pixels in it take the sector with no angle, and the others
 * (a run's first pixel, one entering a sector, one within RING_EPS of a
 * boundary, the centre row) evaluate t exactly as before and step k to it.
 * Every pixel's sector is thus the one the per-pixel search gave:
 * test_ring_sectors compares the two over many random rings. (Trying the
 * next sector's interval before the angle, or a run's sector on the row
 * before, was a little faster natively but did not fit the web budget.) */
#define RING_EPS 4e-6
enum { RING_A, RING_B, RING_C, RING_D };

/* The v with Y = X * v where tau crosses q on the piece; for q beyond the
 * piece's range, a v whose product with X (positive on A and D, negative on
 * B and C) is the infinity on the side all the piece's Y are on. On A and
 * D, tau < q iff Y < X * v; on B and C, tau > q iff Y < X * v. */
static double ring_cross(int piece, double q)
{
    switch (piece) {
    case RING_A: return q <= 0 ? -INFINITY : q >= 1 ? INFINITY : q / (1 - q);
    case RING_D: return q <= 3 ? -INFINITY : q >= 4 ? INFINITY : (q - 4) / (q - 3);
    case RING_B: return q >= 2 ? INFINITY : q <= 1 ? -INFINITY : (q - 2) / (q - 1);
    default:     return q >= 3 ? INFINITY : q <= 2 ? -INFINITY : (q - 2) / (3 - q);
    }
}

/* blend_over on four 16-bit lanes of one 64-bit word: the channels of a
 * pixel spread out (lane i = byte i), each lane computing exactly
 * div255(src * a + dst * (255 - a)) as raster.c's blend_over does. No lane carries into
 * the next: src * a + dst * (255 - a) <= 65025, + 128 + 254 <= 65407. With
 * a = 0 it returns dst and with a = 255 the source, so callers need not
 * branch on coverage. src_lanes = spread_lanes(rgb | 255 << 24). */
static inline uint64_t spread_lanes(uint32_t c)
{
    uint64_t x = c;
    x = (x | x << 16) & 0x0000FFFF0000FFFFull;
    return (x | x << 8) & 0x00FF00FF00FF00FFull;
}

static inline uint32_t blend_lanes(uint32_t dst, uint64_t src_lanes, uint32_t a)
{
    uint64_t x = src_lanes * a + spread_lanes(dst) * (255 - a) + 0x0080008000800080ull;
    x = ((x + ((x >> 8) & 0x00FF00FF00FF00FFull)) >> 8) & 0x00FF00FF00FF00FFull;
    x = (x | x >> 8) & 0x0000FFFF0000FFFFull;
    return (uint32_t)(x | x >> 16);
}

/* The open interval of dx (lo, hi) on a row (x_d = -dy, not 0) where
 * sector k certainly holds, on the piece p (the row's side of the centre
 * column, `right` for dx >= 0). */
static inline void ring_interval(int p, int k, int last, double x_d, const double below[4][16],
                                 const double above[4][16], bool right, double *lo, double *hi)
{
    if (p == RING_A || p == RING_D) { /* tau rises with dx */
        *lo = k > 0 ? x_d * above[p][k - 1] : -INFINITY;
        *hi = k < last ? x_d * below[p][k] : INFINITY;
    } else {                          /* tau falls with dx */
        *lo = k < last ? x_d * below[p][k] : -INFINITY;
        *hi = k > 0 ? x_d * above[p][k - 1] : INFINITY;
    }
    if (right) *lo = *lo < -1e-300 ? -1e-300 : *lo;
    else *hi = *hi > 0.0 ? 0.0 : *hi;
}

void raster_ring_sectors(RasterImage *dst, RasterRect clip, float cx, float cy, float radius, float width,
                         const float *ends, const uint32_t *colors, int sectors)
{
    clip = clip_to_image(dst, clip);
    if (clip.x1 <= clip.x0 || clip.y1 <= clip.y0 || sectors <= 0 || !(width > 0) || !(radius > 0) ||
        !isfinite(cx) || !isfinite(cy) || !isfinite(radius + width))
        return;
    float reach = width * 0.5f + 0.5f, outer = radius + reach, inner = radius - reach;
    int row0 = first_centre_at_or_after(cy - outer, clip.y0, clip.y1);
    int row1 = first_centre_at_or_after(cy + outer, clip.y0, clip.y1);
    /* Sector ends as pseudo-angles of the vector (-dy, dx), which points
     * along +x at the top of the ring and turns clockwise on screen; made
     * non-decreasing (see above), and where each boundary j crosses a row:
     * below[p][j] for tau = e[j] - RING_EPS (the last of sector j that is
     * certain), above[p][j] for e[j] + RING_EPS (the first of j + 1). And
     * each sector's colour as blend_lanes takes it, and its alpha. */
    if (sectors > 16) sectors = 16;
    int last = sectors - 1;
    float end_angle[16], alpha[16];
    double below[4][16], above[4][16];
    uint64_t lanes[16];
    for (int k = 0; k < sectors; k++) {
        double a = (double)ends[k] * 6.283185307179586;
        float e = ends[k] >= 1.0f ? 4.0f : diamond_angle((float)cos(a), (float)sin(a));
        if (k < last) {
            e = e != e ? INFINITY : e;
            e = k > 0 && end_angle[k - 1] > e ? end_angle[k - 1] : e;
            for (int p = 0; p < 4; p++) {
                below[p][k] = ring_cross(p, (double)e - RING_EPS);
                above[p][k] = ring_cross(p, (double)e + RING_EPS);
            }
        }
        end_angle[k] = e;
        lanes[k] = spread_lanes(colors[k] | 0xFF000000u);
        alpha[k] = (float)(colors[k] >> 24);
    }
    /* Beyond 1e15 px the sums in diamond_angle could overflow; such rings take the angle everywhere. */
    bool certain = last > 0 && outer < 1e15f;
    /* Where the whole width covers, coverage is 1 whatever the square root says. */
    float core = reach - 1.0f, core_lo2 = -1.0f, core_hi2 = -1.0f;
    if (core > 0.0f && radius - core > 0.0f) {
        core_lo2 = (radius - core) * (radius - core);
        core_hi2 = (radius + core) * (radius + core);
    }
    for (int y = row0; y < row1; y++) {
        float dy = (float)y + 0.5f - cy, dy2 = dy * dy;
        if (dy2 >= outer * outer) continue;
        uint32_t *row = dst->pixels + (size_t)y * (size_t)dst->stride;
        /* The row crosses the ring in one run, or two either side of the hole. */
        float half = sqrtf(outer * outer - dy2);
        float hole = inner > 0 && dy2 < inner * inner ? sqrtf(inner * inner - dy2) : 0.0f;
        int runs[2][2] = { { first_centre_at_or_after(cx - half, clip.x0, clip.x1),
                             first_centre_at_or_after(cx - hole, clip.x0, clip.x1) },
                           { first_centre_at_or_after(cx + hole, clip.x0, clip.x1),
                             first_centre_at_or_after(cx + half, clip.x0, clip.x1) } };
        if (hole == 0.0f) { runs[0][1] = runs[1][1]; runs[1][0] = runs[1][1]; }
        /* The sector found last, and the open interval of dx where it certainly holds on this row. */
        float X = -dy;
        double x_d = (double)X;
        bool row_certain = certain && X != 0.0f;
        int k = 0;
        double lo = last > 0 ? 0.0 : -INFINITY, hi = last > 0 ? 0.0 : INFINITY;
        for (int run = 0; run < 2; run++)
        for (int x = runs[run][0], x1 = runs[run][1]; x < x1; x++) {
            float dx = (float)x + 0.5f - cx, d2 = dx * dx + dy2;
            if (last > 0 && !((double)dx > lo && (double)dx < hi)) {
                float t = diamond_angle(X, dx);
                while (k < last && t >= end_angle[k]) k++;
                while (k > 0 && t < end_angle[k - 1]) k--;
                if (row_certain) {
                    bool right = dx >= 0.0f;
                    ring_interval(X > 0.0f ? (right ? RING_A : RING_D) : (right ? RING_B : RING_C), k, last, x_d,
                                  below, above, right, &lo, &hi);
                }
            }
            bool in_core = (d2 >= core_lo2) & (d2 <= core_hi2);
            if (in_core && alpha[k] == 255.0f) { /* whole coverage of an opaque sector */
                row[x] = colors[k] | 0xFF000000u;
                continue;
            }
            /* Coverage as clamp(reach - |distance - radius|, 0, 1), 1 in the
             * core; no branches on it (see blend_lanes). */
            float coverage = max_f(min_f(reach - fabsf(sqrtf(d2) - radius), 1.0f), 0.0f);
            coverage = in_core ? 1.0f : coverage;
            uint32_t a = (uint32_t)(coverage * alpha[k] + 0.5f);
            row[x] = blend_lanes(row[x], lanes[k], a);
        }
    }
}
