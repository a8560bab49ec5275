/* test_raster: exact pixels from the software rasteriser (pixel/raster.c). */
#include "raster.h"
#include "test_support.h"

#include <string.h>

#define W 32
#define H 24

static uint32_t pixels[W * H];
static RasterImage image = { pixels, W, H, W };

static const uint32_t BLACK = 0xFF000000u;

static void clear(uint32_t color)
{
    for (int i = 0; i < W * H; i++) pixels[i] = color;
}

static uint32_t at(int x, int y) { return pixels[y * W + x]; }

static int count(uint32_t color)
{
    int n = 0;
    for (int i = 0; i < W * H; i++) n += pixels[i] == color;
    return n;
}

static RasterVertex vtx(float x, float y, uint32_t rgba)
{
    return (RasterVertex){ x, y, (uint8_t)rgba, (uint8_t)(rgba >> 8), (uint8_t)(rgba >> 16), (uint8_t)(rgba >> 24), 0, 0 };
}

static void test_fill_rect(void)
{
    clear(BLACK);
    uint32_t red = raster_rgba(255, 0, 0, 255);
    /* Centres 2.5..5.5 lie in [2.2, 6.4): columns 2..5; of the row centres only 1.5 and 2.5 lie in [0.6, 3.4). */
    raster_fill_rect(&image, raster_bounds(&image), 2.2f, 0.6f, 6.4f, 3.4f, red);
    CHECK_EQ_U(count(red), 4 * 2);
    CHECK_EQ_U(at(2, 1), red);
    CHECK_EQ_U(at(5, 2), red);
    CHECK_EQ_U(at(6, 2), BLACK);
    CHECK_EQ_U(at(2, 0), BLACK);
    CHECK_EQ_U(at(1, 1), BLACK);

    /* Half-transparent white over black: 128 in every colour channel. */
    clear(BLACK);
    raster_fill_rect(&image, raster_bounds(&image), 0, 0, 1, 1, raster_rgba(255, 255, 255, 128));
    CHECK_EQ_U(at(0, 0), raster_rgba(128, 128, 128, 255));
    /* Alpha 0 changes nothing; a clip keeps the fill inside it; off-image and infinite is safe. */
    raster_fill_rect(&image, raster_bounds(&image), 0, 0, W, H, raster_rgba(255, 0, 0, 0));
    CHECK_EQ_U(count(BLACK), W * H - 1);
    clear(BLACK);
    RasterRect clip = { 4, 4, 8, 6 };
    raster_fill_rect(&image, clip, -1e30f, -INFINITY, INFINITY, 1e30f, red);
    CHECK_EQ_U(count(red), 4 * 2);
    CHECK_EQ_U(at(4, 4), red);
    CHECK_EQ_U(at(7, 5), red);
    raster_fill_rect(&image, raster_bounds(&image), NAN, 0, 5, 5, red); /* a NaN edge is taken as the clip's */
    CHECK_EQ_U(count(red), 8 + 25 - 1);
}

/* A translucent fan of triangles sharing edges, at awkward fractional
 * coordinates: every pixel is blended once or not at all. */
static void test_shared_edges_blend_once(void)
{
    clear(BLACK);
    uint32_t gray = raster_rgba(255, 255, 255, 100);
    RasterVertex v[9];
    v[0] = vtx(15.37f, 11.81f, gray);
    for (int i = 0; i < 8; i++) {
        double angle = i * 0.785398 + 0.3;
        v[1 + i] = vtx((float)(15.37 + 11.3 * cos(angle)), (float)(11.81 + 9.7 * sin(angle)), gray);
    }
    int idx[24];
    for (int i = 0; i < 8; i++) { idx[3 * i] = 0; idx[3 * i + 1] = 1 + i; idx[3 * i + 2] = 1 + (i + 1) % 8; }
    raster_triangles(&image, raster_bounds(&image), v, 9, idx, 24, NULL);
    uint32_t once = raster_rgba(100, 100, 100, 255);
    int blended_once = count(once), untouched = count(BLACK);
    CHECK_EQ_U(blended_once + untouched, W * H); /* nothing twice (156 would show) */
    /* The octagon's area is about 2 * 11.3 * 9.7 * sin(45°) * ... ~ 310 px; the centre is in. */
    CHECK(blended_once > 250 && blended_once < 340);
    CHECK_EQ_U(at(15, 11), once);
    CHECK_EQ_U(at(0, 0), BLACK);

    /* The same square as two triangles either way round: 8 x 6 pixels, once. */
    clear(BLACK);
    RasterVertex q[4] = { vtx(2, 3, gray), vtx(10, 3, gray), vtx(10, 9, gray), vtx(2, 9, gray) };
    int cw[6] = { 0, 1, 2, 0, 2, 3 }, ccw[6] = { 0, 2, 1, 0, 3, 2 };
    raster_triangles(&image, raster_bounds(&image), q, 4, cw, 6, NULL);
    CHECK_EQ_U(count(once), 8 * 6);
    clear(BLACK);
    raster_triangles(&image, raster_bounds(&image), q, 4, ccw, 6, NULL);
    CHECK_EQ_U(count(once), 8 * 6);
    CHECK_EQ_U(count(BLACK), W * H - 8 * 6);
}

static void test_gradient_and_clip(void)
{
    /* Alpha from 0 at x = 0 to 255 at x = 20: blended white grows along the row. */
    clear(BLACK);
    RasterVertex q[4] = { vtx(0, 0, 0x00FFFFFFu), vtx(20, 0, 0xFFFFFFFFu), vtx(20, 4, 0xFFFFFFFFu), vtx(0, 4, 0x00FFFFFFu) };
    int idx[6] = { 0, 1, 2, 0, 2, 3 };
    raster_triangles(&image, raster_bounds(&image), q, 4, idx, 6, NULL);
    int previous = -1;
    bool increasing = true;
    for (int x = 0; x < 20; x++) {
        int red = (int)(at(x, 2) & 255);
        if (red <= previous) increasing = false;
        previous = red;
    }
    CHECK(increasing);
    CHECK_NEAR(at(0, 2) & 255, 255.0 * 0.5 / 20, 1.0);  /* alpha at the first centre, 0.5 px in */
    CHECK_NEAR(at(10, 2) & 255, 255.0 * 10.5 / 20, 1.0);
    CHECK_EQ_U(at(20, 2), BLACK);
    CHECK_EQ_U(at(5, 1), at(5, 3)); /* rows agree */

    /* A clip keeps a large triangle inside it. */
    clear(BLACK);
    uint32_t blue = raster_rgba(0, 0, 255, 255);
    RasterVertex big[3] = { vtx(-100, -100, blue), vtx(300, -100, blue), vtx(-100, 300, blue) };
    int tri[3] = { 0, 1, 2 };
    RasterRect clip = { 3, 2, 9, 7 };
    raster_triangles(&image, clip, big, 3, tri, 3, NULL);
    CHECK_EQ_U(count(blue), 6 * 5);
    CHECK_EQ_U(at(3, 2), blue);
    CHECK_EQ_U(at(8, 6), blue);
}

static void test_texture(void)
{
    /* A 4 x 4 coverage texture on a quad at whole pixels: each pixel takes its texel. */
    uint8_t texels[16];
    for (int i = 0; i < 16; i++) texels[i] = (uint8_t)(i * 17);
    RasterCoverage texture = { texels, 4 };
    clear(BLACK);
    uint32_t white = 0xFFFFFFFFu;
    RasterVertex q[4] = { vtx(5, 6, white), vtx(9, 6, white), vtx(9, 10, white), vtx(5, 10, white) };
    q[1].u = 1; q[2].u = 1; q[2].v = 1; q[3].v = 1;
    int idx[6] = { 0, 1, 2, 0, 2, 3 };
    raster_triangles(&image, raster_bounds(&image), q, 4, idx, 6, &texture);
    bool all = true;
    for (int ty = 0; ty < 4; ty++)
        for (int tx = 0; tx < 4; tx++)
            if ((at(5 + tx, 6 + ty) & 255) != texels[ty * 4 + tx]) all = false;
    CHECK(all);
    CHECK_EQ_U(at(4, 6), BLACK);
    CHECK_EQ_U(at(9, 6), BLACK);

    /* The rectangle fast path (two triangles as a, b, c / a, c, d) draws the
     * same pixels as the triangles do, at a fractional place and scale too. */
    static uint32_t by_triangles[W * H];
    RasterVertex f[4] = { vtx(3.3f, 2.7f, 0xC0FF8040u), vtx(15.9f, 2.7f, 0xC0FF8040u), vtx(15.9f, 11.2f, 0xC0FF8040u),
                          vtx(3.3f, 11.2f, 0xC0FF8040u) };
    f[1].u = 1; f[2].u = 1; f[2].v = 1; f[3].v = 1;
    int other_way[6] = { 0, 1, 2, 2, 3, 0 }; /* not the fast path's pattern */
    clear(BLACK);
    raster_triangles(&image, raster_bounds(&image), f, 4, other_way, 6, &texture);
    memcpy(by_triangles, pixels, sizeof pixels);
    clear(BLACK);
    raster_triangles(&image, raster_bounds(&image), f, 4, idx, 6, &texture);
    CHECK(memcmp(by_triangles, pixels, sizeof pixels) == 0);
    CHECK(count(BLACK) < W * H - 60);
    RasterRect clip = { 5, 4, 12, 9 }; /* and clipped */
    clear(BLACK);
    raster_triangles(&image, clip, f, 4, other_way, 6, &texture);
    memcpy(by_triangles, pixels, sizeof pixels);
    clear(BLACK);
    raster_triangles(&image, clip, f, 4, idx, 6, &texture);
    CHECK(memcmp(by_triangles, pixels, sizeof pixels) == 0);

    /* Equal texture coordinates sample one texel: the shape is flat. */
    clear(BLACK);
    RasterVertex solid[3] = { vtx(0, 0, white), vtx(8, 0, white), vtx(0, 8, white) };
    for (int i = 0; i < 3; i++) { solid[i].u = 0.9f; solid[i].v = 0.9f; } /* texel (3, 3) = 255 */
    int tri[3] = { 0, 1, 2 };
    raster_triangles(&image, raster_bounds(&image), solid, 3, tri, 3, &texture);
    CHECK_EQ_U(at(1, 1), white);
    CHECK_EQ_U(count(white), 28); /* row y has 7 - y centres strictly inside the hypotenuse */
}

static void test_bad_input(void)
{
    clear(BLACK);
    uint32_t red = raster_rgba(255, 0, 0, 255);
    RasterVertex v[4] = { vtx(0, 0, red), vtx(NAN, 5, red), vtx(5, 5, red), vtx(1e6f, -1e6f, red) };
    int idx[12] = { 0, 1, 2, 0, 2, 7, -1, 0, 2, 0, 2, 3 };
    raster_triangles(&image, raster_bounds(&image), v, 4, idx, 12, NULL); /* NaN, out of range, negative, large */
    /* Only the last is drawn: the part of it in the image is (0,0)-(5,5)-(10,0), 25 centres and the one
     * on its edge x = y counted where the fill rule puts it. */
    CHECK(count(red) >= 20 && count(red) <= 30);
    CHECK_EQ_U(at(4, 1), raster_rgba(255, 0, 0, 255));
    CHECK_EQ_U(at(1, 4), BLACK);
    v[3] = vtx(1e30f, -1e30f, red); /* beyond double precision: drawn wrongly perhaps, but inside the image */
    raster_triangles(&image, raster_bounds(&image), v, 4, idx + 9, 3, NULL);
    raster_triangles(&image, raster_bounds(&image), v, 4, idx, 2, NULL); /* not a whole triangle */
    RasterVertex line[3] = { vtx(0, 0, red), vtx(5, 5, red), vtx(10, 10, red) };
    clear(BLACK);
    raster_triangles(&image, raster_bounds(&image), line, 3, (int[]){ 0, 1, 2 }, 3, NULL); /* zero area */
    CHECK_EQ_U(count(BLACK), W * H);
    RasterRect empty = { 10, 10, 5, 5 };
    raster_fill_rect(&image, empty, 0, 0, W, H, red);
    CHECK_EQ_U(count(BLACK), W * H);
}

static void test_polyline(void)
{
    uint32_t red = raster_rgba(255, 0, 0, 255);
    /* Three px wide along y = 10.5: rows 9, 10 and 11 fully covered (centres 0 and 1 px away, reach 2). */
    clear(BLACK);
    float straight[4] = { 2, 10.5f, 20, 10.5f };
    raster_polyline(&image, raster_bounds(&image), straight, 2, false, 3.0f, red);
    CHECK_EQ_U(at(10, 9), red);
    CHECK_EQ_U(at(10, 10), red);
    CHECK_EQ_U(at(10, 11), red);
    CHECK_EQ_U(at(10, 8), BLACK);
    CHECK_EQ_U(at(10, 12), BLACK);
    CHECK_EQ_U(at(25, 10), BLACK);

    /* Many short segments on the same line draw exactly what one does: each
     * pixel once, even translucent. */
    uint32_t glaze = raster_rgba(255, 255, 255, 90);
    static uint32_t one_segment[W * H];
    float line[4] = { 1.3f, 3.7f, 29.1f, 17.2f };
    clear(BLACK);
    raster_polyline(&image, raster_bounds(&image), line, 2, false, 2.4f, glaze);
    memcpy(one_segment, pixels, sizeof pixels);
    float many[2 * 41];
    for (int i = 0; i <= 40; i++) {
        many[2 * i] = line[0] + (line[2] - line[0]) * (float)i / 40;
        many[2 * i + 1] = line[1] + (line[3] - line[1]) * (float)i / 40;
    }
    clear(BLACK);
    raster_polyline(&image, raster_bounds(&image), many, 41, false, 2.4f, glaze);
    int differing = 0;
    for (int i = 0; i < W * H; i++)
        differing += abs((int)(pixels[i] & 255) - (int)(one_segment[i] & 255)) > 1; /* float rounding only */
    CHECK_EQ_U(differing, 0);
    CHECK(count(BLACK) < W * H - 50);

    /* A right-angle corner: the pixel inside it is as near to both legs and
     * blended once. */
    clear(BLACK);
    float corner[6] = { 2, 2, 10, 2, 10, 10 };
    raster_polyline(&image, raster_bounds(&image), corner, 3, false, 2.0f, glaze);
    uint32_t once = raster_rgba(90, 90, 90, 255);
    CHECK_EQ_U(at(9, 2), once);  /* centre (9.5, 2.5): 0.5 from both legs */
    CHECK_EQ_U(at(9, 1), once);
    CHECK_EQ_U(at(10, 5), once);

    /* Closed: the ring's first and last segments meet like the others. */
    clear(BLACK);
    float square[8] = { 4, 4, 14, 4, 14, 14, 4, 14 };
    raster_polyline(&image, raster_bounds(&image), square, 4, true, 2.0f, glaze);
    CHECK_EQ_U(at(4, 4), once);
    CHECK_EQ_U(at(3, 9), once);  /* on the closing segment */
    CHECK_EQ_U(at(9, 9), BLACK); /* inside, not filled */

    /* Thinner than a pixel: one pixel wide, its alpha scaled by the width. */
    clear(BLACK);
    float thin[4] = { 0, 20.5f, 30, 20.5f };
    raster_polyline(&image, raster_bounds(&image), thin, 2, false, 0.5f, raster_rgba(255, 255, 255, 255));
    CHECK_NEAR(at(12, 20) & 255, 128, 1);
    CHECK_EQ_U(at(12, 19), BLACK);

    /* A cased line in one pass equals its casing and then the line. */
    static uint32_t two_passes[W * H];
    float zigzag[10] = { 2, 3, 9.5f, 12.25f, 15, 4, 22.7f, 18, 29, 6 };
    uint32_t halo = raster_rgba(250, 250, 240, 200), ink = raster_rgba(180, 20, 30, 255);
    clear(BLACK);
    raster_polyline(&image, raster_bounds(&image), zigzag, 5, false, 4.5f, halo);
    raster_polyline(&image, raster_bounds(&image), zigzag, 5, false, 2.4f, ink);
    memcpy(two_passes, pixels, sizeof pixels);
    clear(BLACK);
    raster_polyline_cased(&image, raster_bounds(&image), zigzag, 5, false, 2.4f, ink, 4.5f, halo);
    differing = 0;
    for (int i = 0; i < W * H; i++) differing += pixels[i] != two_passes[i];
    CHECK_EQ_U(differing, 0);

    /* Clipped; bad points and sizes are skipped. */
    clear(BLACK);
    RasterRect clip = { 0, 0, 6, H };
    raster_polyline(&image, clip, straight, 2, false, 3.0f, red);
    CHECK_EQ_U(at(5, 10), red);
    CHECK_EQ_U(at(6, 10), BLACK);
    float bad[6] = { 1, 1, NAN, 5, 8, 8 };
    raster_polyline(&image, raster_bounds(&image), bad, 3, true, 2.0f, red);
    raster_polyline(&image, raster_bounds(&image), straight, 1, false, 2.0f, red);
    raster_polyline(&image, raster_bounds(&image), straight, 2, false, 0.0f, red);
    raster_polyline(&image, raster_bounds(&image), straight, 2, false, NAN, red);
    float huge[4] = { -1e30f, 5, 1e30f, 5 };
    raster_polyline(&image, raster_bounds(&image), huge, 2, false, 2.0f, red);
    CHECK(count(red) > 0);
}

static void test_polygon(void)
{
    RasterEdge edges[32];
    int active[32];
    double crossings[32];
    RasterPolygonScratch scratch = { edges, active, crossings, 32 };
    uint32_t red = raster_rgba(255, 0, 0, 255);

    /* A square with a square hole: centres inside the outer ring and outside the inner one. */
    clear(BLACK);
    float rings[16] = { 2, 2, 14, 2, 14, 12, 2, 12, /* hole, the other way round */ 5, 5, 5, 9, 9, 9, 9, 5 };
    int ends[2] = { 4, 8 };
    raster_fill_polygon(&image, raster_bounds(&image), rings, ends, 2, red, &scratch);
    CHECK_EQ_U(count(red), 12 * 10 - 4 * 4);
    CHECK_EQ_U(at(2, 2), red);
    CHECK_EQ_U(at(13, 11), red);
    CHECK_EQ_U(at(14, 11), BLACK);
    CHECK_EQ_U(at(6, 6), BLACK);
    CHECK_EQ_U(at(4, 6), red);

    /* Two polygons sharing a slanted edge, translucent: together they fill
     * what their union does, each pixel once. */
    uint32_t glaze = raster_rgba(255, 255, 255, 100), once = raster_rgba(100, 100, 100, 255);
    float left[8] = { 1.2f, 1.7f, 17.3f, 1.7f, 9.9f, 20.6f, 1.2f, 20.6f };
    float right[8] = { 17.3f, 1.7f, 30.1f, 1.7f, 30.1f, 20.6f, 9.9f, 20.6f };
    float whole[8] = { 1.2f, 1.7f, 30.1f, 1.7f, 30.1f, 20.6f, 1.2f, 20.6f };
    int four[1] = { 4 };
    clear(BLACK);
    raster_fill_polygon(&image, raster_bounds(&image), whole, four, 1, glaze, &scratch);
    int union_count = count(once);
    clear(BLACK);
    raster_fill_polygon(&image, raster_bounds(&image), left, four, 1, glaze, &scratch);
    raster_fill_polygon(&image, raster_bounds(&image), right, four, 1, glaze, &scratch);
    CHECK_EQ_U(count(once), union_count);
    CHECK_EQ_U(count(once) + count(BLACK), W * H);

    /* Clipped, huge, non-finite and too-large input. */
    clear(BLACK);
    RasterRect clip = { 3, 3, 6, 5 };
    raster_fill_polygon(&image, clip, whole, four, 1, red, &scratch);
    CHECK_EQ_U(count(red), 3 * 2);
    float far[8] = { -1e7f, -1e7f, 1e7f, -1e7f, 1e7f, 1e7f, NAN, 1e7f };
    clear(BLACK);
    raster_fill_polygon(&image, raster_bounds(&image), far, four, 1, red, &scratch); /* the NaN's edges drop out */
    RasterPolygonScratch small = { edges, active, crossings, 3 };
    clear(BLACK);
    raster_fill_polygon(&image, raster_bounds(&image), whole, four, 1, red, &small);
    CHECK_EQ_U(count(BLACK), W * H);
}

/* A polygon with hundreds of edges, many sharing a top y (the edge sort's
 * quicksort, not only its insertion sort, and its ties): every pixel centre
 * is filled exactly when an odd number of edges cross the row at or left of
 * it, computed here edge by edge as the fill's own rule states it. */
static void test_polygon_many_edges(void)
{
    enum { N = 400 };
    static float xy[2 * N];
    static RasterEdge edges[N];
    static int active[N];
    static double crossings[N];
    RasterPolygonScratch scratch = { edges, active, crossings, N };
    uint32_t red = raster_rgba(255, 0, 0, 255);
    unsigned seed = 12345u;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        double a = 2.0 * 3.14159265358979 * i / N, radius = 3.0 + (double)((seed >> 16) % 90) / 10.0;
        xy[2 * i] = (float)(16.0 + radius * cos(a) * 1.4);
        /* y on a quarter-pixel grid: many edges start at the same height */
        xy[2 * i + 1] = (float)(floor((12.0 + radius * sin(a)) * 4.0) / 4.0);
    }
    int ends[1] = { N };
    clear(BLACK);
    raster_fill_polygon(&image, raster_bounds(&image), xy, ends, 1, red, &scratch);
    int wrong = 0, filled = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            double xc = x + 0.5, yc = y + 0.5;
            int crossed = 0;
            for (int i = 0; i < N; i++) {
                int j = (i + 1) % N;
                float ax = xy[2 * i], ay = xy[2 * i + 1], bx = xy[2 * j], by = xy[2 * j + 1];
                if (ay == by) continue;
                if (ay > by) { float t = ax; ax = bx; bx = t; t = ay; ay = by; by = t; }
                if (!(ay <= yc && yc < by)) continue;
                float slope = (float)(((double)bx - ax) / ((double)by - ay));
                if ((double)ax + (yc - ay) * slope <= xc) crossed++;
            }
            bool inside = crossed % 2 == 1;
            filled += inside;
            if (inside != (at(x, y) == red)) wrong++;
        }
    CHECK(filled > 100);
    CHECK_EQ_U(wrong, 0);
}

/* raster_update_changed: the smallest rectangle around what differs, and
 * `shown` equal to `now` afterwards; nothing differs, nothing to show. */
static void test_update_changed(void)
{
    enum { UW = 37, UH = 19 }; /* odd width: the last pixel of a row is compared alone */
    static uint32_t a[UW * UH], b[UW * UH];
    RasterImage shown = { a, UW, UH, UW }, now = { b, UW, UH, UW };
    unsigned seed = 7u;
    for (int i = 0; i < UW * UH; i++) { seed = seed * 1103515245u + 12345u; a[i] = b[i] = seed; }
    RasterRect d = raster_update_changed(&shown, &now);
    CHECK(d.x1 <= d.x0 || d.y1 <= d.y0);
    bool all_right = true;
    for (int round = 0; round < 200; round++) {
        int changes = 1 + round % 5, x0 = UW, y0 = UH, x1 = 0, y1 = 0;
        for (int k = 0; k < changes; k++) {
            seed = seed * 1103515245u + 12345u;
            int x = (int)((seed >> 8) % UW), y = (int)((seed >> 20) % UH);
            b[y * UW + x] ^= 1u << (seed % 32);
            if (b[y * UW + x] == a[y * UW + x]) continue;
            x0 = x < x0 ? x : x0; y0 = y < y0 ? y : y0; x1 = x + 1 > x1 ? x + 1 : x1; y1 = y + 1 > y1 ? y + 1 : y1;
        }
        d = raster_update_changed(&shown, &now);
        if (x1 > x0 && (d.x0 != x0 || d.y0 != y0 || d.x1 != x1 || d.y1 != y1)) all_right = false;
        if (memcmp(a, b, sizeof a) != 0) all_right = false;
    }
    CHECK(all_right);
    /* Every pixel changed: the whole image. Sizes that differ: nothing. */
    for (int i = 0; i < UW * UH; i++) b[i] = ~a[i];
    d = raster_update_changed(&shown, &now);
    CHECK(d.x0 == 0 && d.y0 == 0 && d.x1 == UW && d.y1 == UH && memcmp(a, b, sizeof a) == 0);
    RasterImage smaller = { b, UW - 1, UH, UW };
    d = raster_update_changed(&shown, &smaller);
    CHECK(d.x1 <= d.x0);
}

static void test_circle(void)
{
    /* Radius 5 at (10, 10): centres within 4.5 fully covered, beyond 5.5 untouched, the rim between. */
    clear(BLACK);
    uint32_t white = raster_rgba(255, 255, 255, 255);
    raster_fill_circle(&image, raster_bounds(&image), 10, 10, 5, white);
    bool right = true;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            float d = hypotf((float)x + 0.5f - 10, (float)y + 0.5f - 10);
            int expected = d <= 4.5f ? 255 : d >= 5.5f ? 0 : (int)((5.5f - d) * 255 + 0.5f);
            if (abs((int)(at(x, y) & 255) - expected) > 1) right = false;
        }
    CHECK(right);
    CHECK_EQ_U(at(10, 10), white);
    CHECK_EQ_U(at(10, 16), BLACK);
    /* Translucent: each pixel blended once (the span and the rim do not overlap). */
    clear(BLACK);
    raster_fill_circle(&image, raster_bounds(&image), 15.3f, 11.7f, 8.2f, raster_rgba(255, 255, 255, 100));
    CHECK_EQ_U(at(15, 11), raster_rgba(100, 100, 100, 255));
    int over = 0;
    for (int i = 0; i < W * H; i++) over += (pixels[i] & 255) > 100;
    CHECK_EQ_U(over, 0);
    /* Tiny, clipped, off-image and bad input. */
    clear(BLACK);
    raster_fill_circle(&image, raster_bounds(&image), 3, 3, 0.3f, white);
    CHECK(count(BLACK) < W * H && count(BLACK) > W * H - 5);
    RasterRect clip = { 0, 0, 10, 10 };
    clear(BLACK);
    raster_fill_circle(&image, clip, 10, 10, 5, white);
    CHECK_EQ_U(at(10, 10), BLACK);
    CHECK_EQ_U(at(9, 9), white);
    raster_fill_circle(&image, raster_bounds(&image), -100, 5, 5, white);
    raster_fill_circle(&image, raster_bounds(&image), NAN, 5, 5, white);
    raster_fill_circle(&image, raster_bounds(&image), 5, 5, -1, white);
    raster_fill_circle(&image, raster_bounds(&image), 5, 5, INFINITY, white);
}

static void test_ring_sectors(void)
{
    /* Two halves, red on the right (from the top, clockwise), blue on the left. */
    uint32_t red = raster_rgba(255, 0, 0, 255), blue = raster_rgba(0, 0, 255, 255);
    float ends[2] = { 0.5f, 1.0f };
    uint32_t colors[2] = { red, blue };
    clear(BLACK);
    raster_ring_sectors(&image, raster_bounds(&image), 12, 12, 8, 3, ends, colors, 2);
    CHECK_EQ_U(at(20, 12), red);   /* 8 px right of the centre, on the ring */
    CHECK_EQ_U(at(3, 12), blue);   /* left */
    CHECK_EQ_U(at(12, 12), BLACK); /* the hole */
    CHECK_EQ_U(at(12, 23), BLACK); /* beyond it */
    /* Across the ring it is shaded like a line of the same width. */
    static uint32_t as_line[W * H];
    float circle[2 * 200];
    for (int i = 0; i < 200; i++) {
        circle[2 * i] = 12 + 8 * cosf((float)i * 6.2831853f / 200);
        circle[2 * i + 1] = 12 + 8 * sinf((float)i * 6.2831853f / 200);
    }
    clear(BLACK);
    raster_polyline(&image, raster_bounds(&image), circle, 200, true, 3, red);
    memcpy(as_line, pixels, sizeof pixels);
    clear(BLACK);
    uint32_t all_red[1] = { red };
    float whole[1] = { 1.0f };
    raster_ring_sectors(&image, raster_bounds(&image), 12, 12, 8, 3, whole, all_red, 1);
    int far_off = 0;
    for (int i = 0; i < W * H; i++) far_off += abs((int)(pixels[i] & 255) - (int)(as_line[i] & 255)) > 12;
    CHECK_EQ_U(far_off, 0);
    raster_ring_sectors(&image, raster_bounds(&image), NAN, 12, 8, 3, whole, all_red, 1);
    raster_ring_sectors(&image, raster_bounds(&image), 12, 12, 8, 3, whole, all_red, 0);
}

static void test_simplify(void)
{
    /* Points on a straight line go; corners stay; nothing moves more than the tolerance. */
    float line[12] = { 0, 0, 1, 1, 2, 2.1f, 3, 3, 4, 4, 5, 5 };
    CHECK_EQ_U(raster_simplify(line, 6, 0.3f), 2);
    CHECK_NEAR(line[2], 5, 0);
    CHECK_NEAR(line[3], 5, 0);
    float corner[10] = { 0, 0, 1, 0, 2, 0, 2, 1, 2, 2 };
    int n = raster_simplify(corner, 5, 0.3f);
    CHECK_EQ_U(n, 3);
    CHECK(corner[2] == 2 && corner[3] == 0);
    /* A gentle arc: every dropped point lies within the tolerance of what is kept. */
    float arc[2 * 200], kept[2 * 200];
    for (int i = 0; i < 200; i++) { arc[2 * i] = (float)i; arc[2 * i + 1] = 40.0f * sinf((float)i / 60.0f); }
    memcpy(kept, arc, sizeof arc);
    int m = raster_simplify(kept, 200, 0.3f);
    CHECK(m > 2 && m < 60);
    float worst = 0;
    for (int i = 0; i < 200; i++) {
        float best = 1e9f;
        for (int k = 0; k + 1 < m; k++) {
            float ax = kept[2 * k], ay = kept[2 * k + 1], dx = kept[2 * k + 2] - ax, dy = kept[2 * k + 3] - ay;
            float t = ((arc[2 * i] - ax) * dx + (arc[2 * i + 1] - ay) * dy) / (dx * dx + dy * dy);
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            float ex = arc[2 * i] - ax - t * dx, ey = arc[2 * i + 1] - ay - t * dy;
            best = fminf(best, sqrtf(ex * ex + ey * ey));
        }
        worst = fmaxf(worst, best);
    }
    CHECK(worst <= 0.3f + 1e-4f);
    float two[4] = { 0, 0, 1, 1 };
    CHECK_EQ_U(raster_simplify(two, 2, 0.3f), 2);
}

static void test_copy(void)
{
    uint32_t src_pixels[4 * 3];
    for (int i = 0; i < 12; i++) src_pixels[i] = 0xFF000000u | (uint32_t)(i + 1);
    RasterImage src = { src_pixels, 4, 3, 4 };

    clear(BLACK);
    raster_copy(&image, raster_bounds(&image), &src, 2, 1, 1.0);
    CHECK_EQ_U(at(2, 1), src_pixels[0]);
    CHECK_EQ_U(at(5, 3), src_pixels[11]);
    CHECK_EQ_U(at(6, 3), BLACK);
    CHECK_EQ_U(count(BLACK), W * H - 12);

    /* Twice the size: each source pixel covers 2 x 2. */
    clear(BLACK);
    raster_copy(&image, raster_bounds(&image), &src, 0, 0, 2.0);
    CHECK_EQ_U(at(0, 0), src_pixels[0]);
    CHECK_EQ_U(at(1, 1), src_pixels[0]);
    CHECK_EQ_U(at(2, 0), src_pixels[1]);
    CHECK_EQ_U(at(7, 5), src_pixels[11]);
    CHECK_EQ_U(count(BLACK), W * H - 48);

    /* Half the size, partly off the image to the left and clipped at the top. */
    clear(BLACK);
    RasterRect clip = { 0, 1, W, H };
    raster_copy(&image, clip, &src, -1.0, 0, 0.5); /* covers x -1..1, y 0..1.5: only pixel (0, 0), clipped away */
    CHECK_EQ_U(at(0, 0), BLACK);
    CHECK_EQ_U(count(BLACK), W * H);
    raster_copy(&image, raster_bounds(&image), &src, -1.0, 0, 0.5);
    CHECK_EQ_U(at(0, 0), src_pixels[7]); /* centre (0.5, 0.5) is source (3, 1) */
    CHECK_EQ_U(count(BLACK), W * H - 1);

    /* A fractional offset at scale 1 shifts by the pixel whose centre lands. */
    clear(BLACK);
    raster_copy(&image, raster_bounds(&image), &src, 0.6, 0, 1.0);
    CHECK_EQ_U(at(0, 0), BLACK);          /* centre 0.5 is before 0.6 */
    CHECK_EQ_U(at(1, 0), src_pixels[0]);  /* centre 1.5 is 0.9 px in */
    CHECK_EQ_U(at(4, 0), src_pixels[3]);
    CHECK_EQ_U(at(5, 0), BLACK);
    raster_copy(&image, raster_bounds(&image), &src, NAN, 0, 1.0);
    raster_copy(&image, raster_bounds(&image), &src, 0, 0, 0.0);
    CHECK_EQ_U(count(BLACK), W * H - 12);
}

/* A sprite drawn over black and over white, unblended, then composited over
 * a coloured image, gives what drawing straight onto it gives (to 2 units a
 * channel); its transparent corners leave the image as it was, and a clip
 * and an image edge cut it. */
static void test_sprite(void)
{
    enum { S = 20 };
    static uint32_t on_black[S * S], on_white[S * S];
    RasterImage b = { on_black, S, S, S }, w = { on_white, S, S, S };
    uint32_t ring = raster_rgba(30, 120, 200, 255), disc = raster_rgba(250, 250, 240, 255), shade = raster_rgba(20, 20, 20, 90);
    for (int k = 0; k < 2; k++) {
        RasterImage *t = k ? &w : &b;
        for (int i = 0; i < S * S; i++) t->pixels[i] = k ? 0xFFFFFFFFu : BLACK;
        raster_fill_circle(t, raster_bounds(t), 10, 10, 8.6f, shade);
        raster_fill_circle(t, raster_bounds(t), 10, 10, 7.3f, ring);
        raster_fill_circle(t, raster_bounds(t), 10, 10, 4.2f, disc);
    }
    raster_unblend_black_white(&b, &w);
    CHECK_EQ_U(on_black[0], 0); /* a corner: nothing */
    CHECK_EQ_U(on_black[10 * S + 10] >> 24, 255);
    uint32_t ground = raster_rgba(200, 120, 90, 255);
    static uint32_t direct[W * H];
    RasterImage d = { direct, W, H, W };
    for (int i = 0; i < W * H; i++) direct[i] = ground;
    raster_fill_circle(&d, raster_bounds(&d), 13, 12, 8.6f, shade);
    raster_fill_circle(&d, raster_bounds(&d), 13, 12, 7.3f, ring);
    raster_fill_circle(&d, raster_bounds(&d), 13, 12, 4.2f, disc);
    clear(ground);
    raster_composite(&image, raster_bounds(&image), &b, 3, 2);
    int worst = 0, changed = 0;
    for (int i = 0; i < W * H; i++) {
        changed += pixels[i] != ground;
        for (int k = 0; k < 32; k += 8) {
            int diff = (int)((pixels[i] >> k) & 255) - (int)((direct[i] >> k) & 255);
            if (diff < 0) diff = -diff;
            if (diff > worst) worst = diff;
        }
    }
    CHECK(worst <= 2);
    CHECK(changed > 200);
    CHECK_EQ_U(at(0, 0), ground);
    /* Clipped to the left half, and hanging over the image's bottom right. */
    clear(ground);
    raster_composite(&image, (RasterRect){ 0, 0, 13, H }, &b, 3, 2);
    CHECK_EQ_U(at(14, 12), ground);
    CHECK(at(12, 12) != ground);
    clear(ground);
    raster_composite(&image, raster_bounds(&image), &b, W - 5, H - 5);
    raster_composite(&image, raster_bounds(&image), &b, -8, -8);
    CHECK(at(W - 1, H - 1) != ground && at(2, 2) != ground);
    raster_composite(&image, raster_bounds(&image), NULL, 0, 0);
}

int main(void)
{
    test_fill_rect();
    test_shared_edges_blend_once();
    test_gradient_and_clip();
    test_texture();
    test_bad_input();
    test_polyline();
    test_polygon();
    test_polygon_many_edges();
    test_update_changed();
    test_circle();
    test_ring_sectors();
    test_simplify();
    test_copy();
    test_sprite();
    return test_finish();
}
