/* ring_reference: raster_ring_sectors as it was before its sector lookup was
 * made incremental (a pseudo-angle and a linear search over the sector ends
 * at every pixel), kept verbatim as the reference the pixel-identity test
 * (test_ring_sectors.c) and the benchmark (bench_rings.c) compare against.
 * Everything is static so each includer gets its own copy. */
#ifndef STEPPE_RING_REFERENCE_H
#define STEPPE_RING_REFERENCE_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "raster.h"

static RasterRect ref_clip_to_image(const RasterImage *image, RasterRect clip)
{
    if (clip.x0 < 0) clip.x0 = 0;
    if (clip.y0 < 0) clip.y0 = 0;
    if (clip.x1 > image->width) clip.x1 = image->width;
    if (clip.y1 > image->height) clip.y1 = image->height;
    return clip;
}

static int ref_first_centre_at_or_after(double c, int lo, int hi)
{
    if (!(c > lo)) return lo; /* also NaN */
    if (c > hi) return hi;
    int i = (int)ceil(c - 0.5);
    return i < lo ? lo : i > hi ? hi : i;
}

static inline uint32_t ref_div255(uint32_t x)
{
    x += 128;
    return (x + (x >> 8)) >> 8;
}

static inline uint32_t ref_blend_over(uint32_t dst, uint32_t r, uint32_t g, uint32_t b, uint32_t a)
{
    uint32_t ia = 255 - a;
    uint32_t dr = dst & 255, dg = (dst >> 8) & 255, db = (dst >> 16) & 255, da = dst >> 24;
    return ref_div255(r * a + dr * ia) | ref_div255(g * a + dg * ia) << 8 | ref_div255(b * a + db * ia) << 16 |
           ref_div255(255 * a + da * ia) << 24;
}

static inline float ref_diamond_angle(float x, float y)
{
    if (x == 0.0f && y == 0.0f) return 0.0f;
    if (y >= 0.0f) return x >= 0.0f ? y / (x + y) : 1.0f - x / (-x + y);
    return x < 0.0f ? 2.0f - y / (-x - y) : 3.0f + x / (x - y);
}

static void ref_ring_sectors(RasterImage *dst, RasterRect clip, float cx, float cy, float radius, float width,
                             const float *ends, const uint32_t *colors, int sectors)
{
    clip = ref_clip_to_image(dst, clip);
    if (clip.x1 <= clip.x0 || clip.y1 <= clip.y0 || sectors <= 0 || !(width > 0) || !(radius > 0) ||
        !isfinite(cx) || !isfinite(cy) || !isfinite(radius + width))
        return;
    float reach = width * 0.5f + 0.5f, outer = radius + reach, inner = radius - reach;
    int row0 = ref_first_centre_at_or_after(cy - outer, clip.y0, clip.y1), row1 = ref_first_centre_at_or_after(cy + outer, clip.y0, clip.y1);
    float end_angle[16];
    if (sectors > 16) sectors = 16;
    for (int k = 0; k < sectors; k++) {
        double a = (double)ends[k] * 6.283185307179586;
        end_angle[k] = ends[k] >= 1.0f ? 4.0f : ref_diamond_angle((float)cos(a), (float)sin(a));
    }
    float core = reach - 1.0f, core_lo2 = -1.0f, core_hi2 = -1.0f;
    if (core > 0.0f && radius - core > 0.0f) {
        core_lo2 = (radius - core) * (radius - core);
        core_hi2 = (radius + core) * (radius + core);
    }
    for (int y = row0; y < row1; y++) {
        float dy = (float)y + 0.5f - cy, dy2 = dy * dy;
        if (dy2 >= outer * outer) continue;
        uint32_t *row = dst->pixels + (size_t)y * (size_t)dst->stride;
        float half = sqrtf(outer * outer - dy2), hole = inner > 0 && dy2 < inner * inner ? sqrtf(inner * inner - dy2) : 0.0f;
        int runs[2][2] = { { ref_first_centre_at_or_after(cx - half, clip.x0, clip.x1), ref_first_centre_at_or_after(cx - hole, clip.x0, clip.x1) },
                           { ref_first_centre_at_or_after(cx + hole, clip.x0, clip.x1), ref_first_centre_at_or_after(cx + half, clip.x0, clip.x1) } };
        if (hole == 0.0f) { runs[0][1] = runs[1][1]; runs[1][0] = runs[1][1]; }
        for (int run = 0; run < 2; run++)
        for (int x = runs[run][0]; x < runs[run][1]; x++) {
            float dx = (float)x + 0.5f - cx, d2 = dx * dx + dy2;
            float coverage = 1.0f;
            if (!(d2 >= core_lo2 && d2 <= core_hi2)) {
                coverage = reach - fabsf(sqrtf(d2) - radius);
                if (coverage <= 0.0f) continue;
                if (coverage > 1.0f) coverage = 1.0f;
            }
            int k = 0;
            if (sectors > 1) {
                float t = ref_diamond_angle(-dy, dx);
                while (k < sectors - 1 && t >= end_angle[k]) k++;
            }
            uint32_t color = colors[k], alpha = color >> 24;
            uint32_t a = (uint32_t)(coverage * (float)alpha + 0.5f);
            if (a >= 255) row[x] = color | 0xFF000000u;
            else if (a > 0) row[x] = ref_blend_over(row[x], color & 255, (color >> 8) & 255, (color >> 16) & 255, a);
        }
    }
}

#endif
