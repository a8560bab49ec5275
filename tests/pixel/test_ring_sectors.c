/* test_ring_sectors: raster_ring_sectors draws exactly the pixels of the
 * reference copy of the implementation it replaced (ring_reference.h), over
 * many seeded random rings: fractional centres (some on a row's centre
 * exactly or a hair off it, some off the image), radii 3-40 px, widths 1-8,
 * 1-16 sectors with sorted ends in (0, 1] (some exactly 1, some repeated,
 * some at a quarter turn), colours of every kind of alpha, clips that cut
 * the ring, and random backgrounds; and 3,000 of inputs the atlas never
 * passes (unsorted, NaN or out-of-range ends, up to 20 sectors, rings far
 * larger than the image, hairlines). Every pixel must be identical. */
#include "raster.h"
#include "ring_reference.h"
#include "test_support.h"

#define W 100
#define H 90
#define INPUTS 30000

static uint32_t expected[W * H], actual[W * H], background[W * H];

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next_u32(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}
static float unit(void) { return (float)(next_u32() >> 8) / 16777216.0f; } /* [0, 1) */
static int below(int n) { return (int)(next_u32() % (uint32_t)n); }

static float coordinate(int size)
{
    switch (below(6)) {
    case 0: return (float)below(size) + 0.5f;                         /* on a pixel centre: rows and columns with dy, dx = 0 */
    case 1: return (float)below(size) + 0.5f + (unit() - 0.5f) * 1e-5f; /* a hair off it */
    case 2: return (float)below(size);                                /* on a pixel edge */
    case 3: return -30.0f + unit() * (float)(size + 60);              /* partly off the image */
    default: return unit() * (float)size;
    }
}

static float end_value(void)
{
    switch (below(8)) {
    case 0: return 1.0f;
    case 1: return (float)(1 + below(4)) / 4.0f; /* quarter turns: sector boundaries along the axes */
    case 2: return (float)(1 + below(8)) / 8.0f; /* diagonals */
    case 3: return unit() * 1e-4f + 1e-7f;       /* a sliver at the top */
    default: return 1e-6f + unit() * (1.0f - 1e-6f);
    }
}

static int compare_floats(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static uint32_t random_color(void)
{
    uint32_t rgb = next_u32() & 0x00FFFFFFu, alpha;
    switch (below(5)) {
    case 0: alpha = 255; break;
    case 1: alpha = 0; break;
    case 2: alpha = 1 + (uint32_t)below(254); break;
    default: alpha = 255; break;
    }
    return rgb | alpha << 24;
}

static void test_identical_to_reference(void)
{
    int mismatched_inputs = 0, first_bad = -1;
    long long pixels_touched = 0;
    for (int input = 0; input < INPUTS; input++) {
        if (input % 500 == 0) /* a new background now and then: random pixels, some translucent */
            for (int i = 0; i < W * H; i++) background[i] = next_u32() | (below(3) ? 0xFF000000u : 0);
        float cx = coordinate(W), cy = coordinate(H);
        float radius = 3.0f + unit() * 37.0f, width = 1.0f + unit() * 7.0f;
        if (below(4) == 0) radius = (float)(3 + below(38));
        if (below(4) == 0) width = (float)(1 + below(8));
        int sectors = 1 + below(16);
        float ends[16];
        uint32_t colors[16];
        for (int k = 0; k < sectors; k++) {
            ends[k] = end_value();
            colors[k] = random_color();
        }
        qsort(ends, (size_t)sectors, sizeof ends[0], compare_floats);
        if (below(2)) ends[sectors - 1] = 1.0f;
        if (sectors > 2 && below(6) == 0) ends[1] = ends[0]; /* an empty sector */
        RasterRect clip = { 0, 0, W, H };
        if (below(3) == 0) {
            clip.x0 = (int)(cx - radius * unit() * 1.5f);
            clip.y0 = (int)(cy - radius * unit() * 1.5f);
            clip.x1 = (int)(cx + radius * unit() * 1.5f) + 1;
            clip.y1 = (int)(cy + radius * unit() * 1.5f) + 1;
        }
        memcpy(expected, background, sizeof expected);
        memcpy(actual, background, sizeof actual);
        RasterImage want = { expected, W, H, W }, got = { actual, W, H, W };
        ref_ring_sectors(&want, clip, cx, cy, radius, width, ends, colors, sectors);
        raster_ring_sectors(&got, clip, cx, cy, radius, width, ends, colors, sectors);
        bool same = memcmp(expected, actual, sizeof expected) == 0;
        if (!same) {
            if (first_bad < 0) {
                first_bad = input;
                for (int i = 0; i < W * H; i++)
                    if (expected[i] != actual[i]) {
                        printf("input %d: centre (%.9g, %.9g) radius %.9g width %.9g sectors %d: pixel (%d, %d) %08x, want %08x\n",
                               input, (double)cx, (double)cy, (double)radius, (double)width, sectors, i % W, i / W,
                               (unsigned)actual[i], (unsigned)expected[i]);
                        break;
                    }
            }
            mismatched_inputs++;
        }
        for (int i = 0; i < W * H; i++) pixels_touched += expected[i] != background[i];
    }
    printf("%d inputs, %lld pixels changed by the reference, %d inputs differ\n", INPUTS, pixels_touched, mismatched_inputs);
    CHECK_EQ_U(mismatched_inputs, 0);
    CHECK(pixels_touched > (long long)INPUTS * 100);
}

/* Inputs the atlas never passes, still drawn as the reference draws them:
 * unsorted ends, NaN, negative and beyond-1 ends, more than 16 sectors,
 * rings much larger than the image, hairlines. */
static void test_odd_inputs(void)
{
    int mismatched_inputs = 0;
    for (int input = 0; input < 3000; input++) {
        if (input % 500 == 0)
            for (int i = 0; i < W * H; i++) background[i] = next_u32() | 0xFF000000u;
        float cx = coordinate(W), cy = coordinate(H);
        float radius = below(3) == 0 ? 40.0f + unit() * 400.0f : 0.5f + unit() * 30.0f;
        float width = below(3) == 0 ? 0.05f + unit() * 0.5f : 1.0f + unit() * 30.0f;
        int sectors = 1 + below(20);
        float ends[20];
        uint32_t colors[20];
        for (int k = 0; k < sectors; k++) {
            switch (below(6)) {
            case 0: ends[k] = NAN; break;
            case 1: ends[k] = -unit(); break;
            case 2: ends[k] = 1.0f + unit() * 3.0f; break;
            default: ends[k] = unit(); break;
            }
            colors[k] = random_color();
        }
        memcpy(expected, background, sizeof expected);
        memcpy(actual, background, sizeof actual);
        RasterImage want = { expected, W, H, W }, got = { actual, W, H, W };
        ref_ring_sectors(&want, raster_bounds(&want), cx, cy, radius, width, ends, colors, sectors);
        raster_ring_sectors(&got, raster_bounds(&got), cx, cy, radius, width, ends, colors, sectors);
        mismatched_inputs += memcmp(expected, actual, sizeof expected) != 0;
    }
    CHECK_EQ_U(mismatched_inputs, 0);
}

/* The same with stride > width: rows are found through the stride. */
static void test_stride(void)
{
    static uint32_t want_px[40 * 64], got_px[40 * 64];
    for (int i = 0; i < 40 * 64; i++) want_px[i] = got_px[i] = 0xFF000000u | (uint32_t)i * 2654435761u;
    RasterImage want = { want_px, 50, 40, 64 }, got = { got_px, 50, 40, 64 };
    float ends[3] = { 0.3f, 0.6f, 1.0f };
    uint32_t colors[3] = { 0xFF0000FFu, 0x8000FF00u, 0xFFFF0000u };
    ref_ring_sectors(&want, raster_bounds(&want), 25.3f, 19.7f, 14, 5, ends, colors, 3);
    raster_ring_sectors(&got, raster_bounds(&got), 25.3f, 19.7f, 14, 5, ends, colors, 3);
    CHECK(memcmp(want_px, got_px, sizeof want_px) == 0);
}

int main(void)
{
    test_identical_to_reference();
    test_odd_inputs();
    test_stride();
    return test_finish();
}
