/* bench_rings: how fast raster_ring_sectors draws the category rings of marker
 * clusters, against the reference copy of the implementation it replaced
 * (tests/pixel/ring_reference.h), interleaved in one run so both see the same
 * machine load.
 *
 * Each trial draws 1,000 rings (radius 12 px, width 4, 5 sectors, centres at
 * fractional positions, a few colours translucent) into a 1280x800 image;
 * old and new alternate trial by trial and the median time per ring of each
 * is printed, with the single-sector and wider-ring cases too; first the
 * two rings markers.c draws around a cluster. A benchmark,
 * not a test: it prints figures and always succeeds; it is not registered
 * with ctest. Build it optimised (the native preset):
 *   cmake --build --preset native --target bench_rings && build/native/tests/bench_rings */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_support.h"
#include "raster.h"
#include "ring_reference.h"

#define W 1280
#define H 800
#define RINGS 1000
#define TRIALS 41

static uint32_t pixels[W * H];

typedef struct Ring {
    float cx, cy, ends[16];
    uint32_t colors[16];
} Ring;
static Ring rings[RINGS];

static uint32_t state = 12345u;
static float rnd(void)
{
    state = state * 1664525u + 1013904223u;
    return (float)(state >> 8) / 16777216.0f;
}

static int spread_w = W, spread_h = H; /* where the centres fall: the whole image, or a patch that stays in cache */

static uint32_t only_alpha; /* when not 0, every colour gets this alpha (the clusters' soft rim) */

static void make_rings(int sectors, bool translucent)
{
    for (int i = 0; i < RINGS; i++) {
        Ring *r = &rings[i];
        r->cx = 40 + rnd() * (float)(spread_w - 80);
        r->cy = 40 + rnd() * (float)(spread_h - 80);
        float sum = 0, parts[16];
        for (int k = 0; k < sectors; k++) sum += parts[k] = 0.2f + rnd();
        float acc = 0;
        for (int k = 0; k < sectors; k++) {
            acc += parts[k];
            r->ends[k] = k == sectors - 1 ? 1.0f : acc / sum;
            uint32_t alpha = only_alpha ? only_alpha : translucent && k % 2 ? 200u : 255u;
            r->colors[k] = raster_rgba((uint8_t)(rnd() * 255), (uint8_t)(rnd() * 255), (uint8_t)(rnd() * 255), (uint8_t)alpha);
        }
    }
}

static double trial(bool reference, float radius, float width, int sectors)
{
    RasterImage image = { pixels, W, H, W };
    RasterRect clip = { 0, 0, W, H };
    double t0 = bench_now_us();
    for (int i = 0; i < RINGS; i++) {
        const Ring *r = &rings[i];
        if (reference) ref_ring_sectors(&image, clip, r->cx, r->cy, radius, width, r->ends, r->colors, sectors);
        else raster_ring_sectors(&image, clip, r->cx, r->cy, radius, width, r->ends, r->colors, sectors);
    }
    return (bench_now_us() - t0) * 1000.0 / RINGS; /* ns per ring */
}

static void compare(const char *label, float radius, float width, int sectors, bool translucent)
{
    make_rings(sectors, translucent);
    double old_ns[TRIALS], new_ns[TRIALS];
    for (int i = 0; i < W * H; i++) pixels[i] = 0xFF202020u;
    trial(true, radius, width, sectors); /* warm up */
    trial(false, radius, width, sectors);
    for (int t = 0; t < TRIALS; t++) {
        if (t % 2) { old_ns[t] = trial(true, radius, width, sectors); new_ns[t] = trial(false, radius, width, sectors); }
        else { new_ns[t] = trial(false, radius, width, sectors); old_ns[t] = trial(true, radius, width, sectors); }
    }
    double o = bench_median(old_ns, TRIALS), n = bench_median(new_ns, TRIALS);
    printf("%-44s old %8.0f ns/ring  new %8.0f ns/ring  old/new %.2fx\n", label, o, n, o / n);
}

int main(void)
{
    /* What markers.c draws around a cluster (radius 11-15.5 css px): the
     * soft rim, then the categories' ring. */
    only_alpha = 90;
    compare("cluster rim: radius 14.3, width 0.6, alpha 90", 14.3f, 0.6f, 1, false);
    only_alpha = 0;
    compare("cluster ring: radius 11.2, width 3.6, 4 sectors", 11.2f, 3.6f, 4, false);
    compare("cluster ring: radius 11.2, width 3.6, 1 sector", 11.2f, 3.6f, 1, false);
    compare("radius 12, width 4, 5 sectors, opaque", 12, 4, 5, false);
    compare("radius 12, width 4, 5 sectors, some alpha 200", 12, 4, 5, true);
    compare("radius 12, width 4, 1 sector", 12, 4, 1, false);
    compare("radius 12, width 4, 2 sectors", 12, 4, 2, false);
    compare("radius 12, width 4, 16 sectors", 12, 4, 16, false);
    compare("radius 30, width 8, 5 sectors", 30, 8, 5, false);
    compare("radius 6, width 2, 5 sectors", 6, 2, 5, false);
    spread_w = spread_h = 160;
    printf("centres within a 160x160 patch (the pixels stay in cache):\n");
    compare("radius 12, width 4, 5 sectors, opaque", 12, 4, 5, false);
    compare("radius 12, width 4, 5 sectors, some alpha 200", 12, 4, 5, true);
    compare("radius 12, width 4, 1 sector", 12, 4, 1, false);
    return 0;
}
