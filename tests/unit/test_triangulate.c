/* test_triangulate: earcut's port (core/triangulate.h) on small shapes with
 * known answers, on bad input, and on every country of the real bundle
 * (argv[1]) through country_triangles: the triangles cover exactly the
 * rings' area and index only the country's vertices. Prints the time to
 * triangulate the whole world (median of several runs). */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#include "test_support.h"

#include <time.h>

#include "country_triangles.h"
#include "triangulate.h"

/* Twice the signed area of triangle t of out over points xy (y down: > 0 is
 * clockwise on screen). */
static double tri_area2(const float *xy, const uint32_t *abc)
{
    double ax = xy[2 * abc[0]], ay = xy[2 * abc[0] + 1], bx = xy[2 * abc[1]], by = xy[2 * abc[1] + 1];
    double cx = xy[2 * abc[2]], cy = xy[2 * abc[2] + 1];
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/* Twice the signed area of a ring [first, end) (shoelace). */
static double ring_area2(const float *xy, uint32_t first, uint32_t end)
{
    double s = 0;
    for (uint32_t i = first, j = end - 1; i < end; j = i++)
        s += (double)xy[2 * j] * xy[2 * i + 1] - (double)xy[2 * i] * xy[2 * j + 1];
    return s;
}

/* Triangulates, checks every index < n and every triangle wound the same way
 * (clockwise on a y-down screen: area2 >= 0 here), returns the
 * triangles' total |area| (times 2) and their count. */
static double run(const float *xy, const uint32_t *ends, size_t rings, size_t *triangles, TriangulateError *error)
{
    TriangulateOut out = { 0 };
    *error = triangulate_polygon(xy, ends, rings, 0, &out);
    *triangles = out.count / 3;
    double total = 0;
    uint32_t n = ends[rings - 1];
    for (size_t t = 0; t < out.count / 3; t++) {
        const uint32_t *abc = out.indices + 3 * t;
        CHECK(abc[0] < n && abc[1] < n && abc[2] < n);
        double a = tri_area2(xy, abc);
        CHECK(a >= 0);
        total += fabs(a);
    }
    free(out.indices);
    return total;
}

static void test_square(void)
{
    const float xy[] = { 0, 0, 1, 0, 1, 1, 0, 1 };
    const uint32_t ends[] = { 4 };
    size_t n;
    TriangulateError e;
    double a = run(xy, ends, 1, &n, &e);
    CHECK_EQ_U(e, TRIANGULATE_OK);
    CHECK_EQ_U(n, 2);
    CHECK_NEAR(a, 2.0, 1e-12);
    /* the other winding gives the same covering */
    const float rev[] = { 0, 1, 1, 1, 1, 0, 0, 0 };
    a = run(rev, ends, 1, &n, &e);
    CHECK_EQ_U(n, 2);
    CHECK_NEAR(a, 2.0, 1e-12);
}

static void test_concave_c(void)
{
    /* a "C": a 3 × 3 square with the 2 × 1 bite (1..3, 1..2) out of its right side; area 7 */
    const float xy[] = { 0, 0, 3, 0, 3, 1, 1, 1, 1, 2, 3, 2, 3, 3, 0, 3 };
    const uint32_t ends[] = { 8 };
    size_t n;
    TriangulateError e;
    double a = run(xy, ends, 1, &n, &e);
    CHECK_EQ_U(e, TRIANGULATE_OK);
    CHECK_EQ_U(n, 6); /* n - 2 */
    CHECK_NEAR(a, 14.0, 1e-12);
    /* no triangle covers the bite's middle */
    TriangulateOut out = { 0 };
    CHECK_EQ_U(triangulate_polygon(xy, ends, 1, 0, &out), TRIANGULATE_OK);
    for (size_t t = 0; t < out.count / 3; t++) {
        const uint32_t *abc = out.indices + 3 * t;
        double px = 2, py = 1.5, s[3];
        for (int k = 0; k < 3; k++) {
            uint32_t i = abc[k], j = abc[(k + 1) % 3];
            s[k] = (xy[2 * j] - xy[2 * i]) * (py - xy[2 * i + 1]) - (xy[2 * j + 1] - xy[2 * i + 1]) * (px - xy[2 * i]);
        }
        bool inside = (s[0] > 0 && s[1] > 0 && s[2] > 0) || (s[0] < 0 && s[1] < 0 && s[2] < 0);
        CHECK(!inside);
    }
    free(out.indices);
}

static void test_holes(void)
{
    /* a 10 × 10 square with a 2 × 2 hole, then a second one (either winding) */
    const float xy[] = { 0, 0, 10, 0, 10, 10, 0, 10,  /* outer */
                         2, 2, 4, 2, 4, 4, 2, 4,      /* hole 1 (same winding as the outer ring) */
                         6, 6, 6, 9, 9, 9, 9, 6 };    /* hole 2 (3 × 3, the other winding) */
    const uint32_t ends[] = { 4, 8, 12 };
    size_t n;
    TriangulateError e;
    double a = run(xy, ends, 2, &n, &e);
    CHECK_EQ_U(e, TRIANGULATE_OK);
    CHECK_EQ_U(n, 8); /* n + 2 × holes - 2 */
    CHECK_NEAR(a, 2 * (100.0 - 4), 1e-9);
    a = run(xy, ends, 3, &n, &e);
    CHECK_EQ_U(e, TRIANGULATE_OK);
    CHECK_EQ_U(n, 14);
    CHECK_NEAR(a, 2 * (100.0 - 4 - 9), 1e-9);
    /* index_base is added to every index */
    TriangulateOut out = { 0 };
    CHECK_EQ_U(triangulate_polygon(xy, ends, 3, 1000, &out), TRIANGULATE_OK);
    bool all_based = out.count == 42;
    for (size_t i = 0; i < out.count; i++) all_based = all_based && out.indices[i] >= 1000 && out.indices[i] < 1012;
    CHECK(all_based);
    /* appending: a second call adds after the first's */
    CHECK_EQ_U(triangulate_polygon(xy, ends, 1, 0, &out), TRIANGULATE_OK);
    CHECK_EQ_U(out.count, 42 + 6);
    free(out.indices);
}

static void test_collinear_and_duplicates(void)
{
    /* the unit square with a repeated point, points on its edges and a closing repeat of the first */
    const float xy[] = { 0, 0, 0.5f, 0, 1, 0, 1, 0, 1, 0.25f, 1, 1, 0, 1, 0, 0.5f, 0, 0 };
    const uint32_t ends[] = { 9 };
    size_t n;
    TriangulateError e;
    double a = run(xy, ends, 1, &n, &e);
    CHECK_EQ_U(e, TRIANGULATE_OK);
    CHECK_NEAR(a, 2.0, 1e-12);
    CHECK(n >= 2);
    /* all points on one line: no area, no triangles, no error */
    const float line[] = { 0, 0, 1, 1, 2, 2, 3, 3 };
    const uint32_t line_ends[] = { 4 };
    a = run(line, line_ends, 1, &n, &e);
    CHECK_EQ_U(e, TRIANGULATE_OK);
    CHECK_EQ_U(n, 0);
    /* three times the same point */
    const float same[] = { 5, 5, 5, 5, 5, 5 };
    const uint32_t same_ends[] = { 3 };
    a = run(same, same_ends, 1, &n, &e);
    CHECK_EQ_U(e, TRIANGULATE_OK);
    CHECK_EQ_U(n, 0);
    CHECK_NEAR(a, 0, 0);
}

static void test_bad_input(void)
{
    TriangulateOut out = { 0 };
    const float two[] = { 0, 0, 1, 1 };
    const uint32_t two_ends[] = { 2 };
    CHECK_EQ_U(triangulate_polygon(two, two_ends, 1, 0, &out), TRIANGULATE_ERR_INPUT);
    const float square[] = { 0, 0, 1, 0, 1, 1, 0, 1 };
    const uint32_t ends[] = { 4 };
    CHECK_EQ_U(triangulate_polygon(square, ends, 0, 0, &out), TRIANGULATE_ERR_INPUT);
    const uint32_t hole_too_small[] = { 4, 6 };
    const float six[] = { 0, 0, 1, 0, 1, 1, 0, 1, 0.2f, 0.2f, 0.4f, 0.4f };
    CHECK_EQ_U(triangulate_polygon(six, hole_too_small, 2, 0, &out), TRIANGULATE_ERR_INPUT);
    float nan_square[] = { 0, 0, 1, 0, NAN, 1, 0, 1 };
    CHECK_EQ_U(triangulate_polygon(nan_square, ends, 1, 0, &out), TRIANGULATE_ERR_INPUT);
    nan_square[4] = INFINITY;
    CHECK_EQ_U(triangulate_polygon(nan_square, ends, 1, 0, &out), TRIANGULATE_ERR_INPUT);
    CHECK_EQ_U(out.count, 0); /* nothing appended on an error */
    CHECK(triangulate_error_text(TRIANGULATE_ERR_MEMORY)[0] != '\0');
    free(out.indices);
}

/* A self-intersecting "bow tie" and a spiky star: whatever comes out, it is
 * in range and no crash (the fallbacks run). */
static void test_odd_shapes(void)
{
    const float bow[] = { 0, 0, 2, 2, 2, 0, 0, 2 };
    const uint32_t ends[] = { 4 };
    size_t n;
    TriangulateError e;
    run(bow, ends, 1, &n, &e);
    CHECK_EQ_U(e, TRIANGULATE_OK);
    CHECK(n <= 2);
    float star[2 * 200];
    for (int i = 0; i < 200; i++) {
        double r = i % 2 ? 1.0 : 0.3, t = 2 * 3.14159265358979 * i / 200;
        star[2 * i] = (float)(r * cos(t));
        star[2 * i + 1] = (float)(r * sin(t));
    }
    const uint32_t star_ends[] = { 200 };
    double a = run(star, star_ends, 1, &n, &e);
    CHECK_EQ_U(e, TRIANGULATE_OK);
    CHECK_EQ_U(n, 198);
    CHECK_NEAR(a, fabs(ring_area2(star, 0, 200)), 1e-9);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Every country of the real bundle: the triangles' area is the rings' area
 * (outer rings minus holes) within 1e-4 relative, every index in the
 * country's vertex range, all wound the same way. */
static void test_real_bundle(const char *path)
{
    size_t size;
    uint8_t *data = test_read_file(path, &size);
    if (!data) {
        printf("skip: no bundle given\n");
        return;
    }
    Bundle b;
    char message[256];
    bool opened = bundle_open(&b, data, size, message, sizeof message) == BUNDLE_OK;
    CHECK(opened);
    if (!opened) {
        printf("%s\n", message);
        free(data);
        return;
    }
    TriangulateOut out = { 0 };
    size_t total = 0, with_rings = 0, bad_range = 0, bad_area = 0, bad_winding = 0;
    double worst = 0;
    const char *worst_iso = "";
    for (uint32_t id = 1; id <= b.country_count; id++) {
        BundleCountry c = bundle_country(&b, id);
        if (!c.ring_count) continue;
        with_rings++;
        out.count = 0;
        CHECK_EQ_U(country_triangles(&b, id, &out), TRIANGULATE_OK);
        BundleRing first = bundle_ring(&b, c.ring_first), last = bundle_ring(&b, c.ring_first + c.ring_count - 1);
        uint32_t v0 = first.vert_first, v1 = last.vert_first + last.vert_count;
        double rings = 0, tris = 0;
        for (uint32_t k = 0; k < c.ring_count; k++) {
            BundleRing r = bundle_ring(&b, c.ring_first + k);
            double a = fabs(ring_area2(b.vert_xy, r.vert_first, r.vert_first + r.vert_count));
            rings += (r.flags & RING_FLAG_HOLE) ? -a : a;
        }
        for (size_t t = 0; t < out.count / 3; t++) {
            const uint32_t *abc = out.indices + 3 * t;
            if (abc[0] < v0 || abc[1] < v0 || abc[2] < v0 || abc[0] >= v1 || abc[1] >= v1 || abc[2] >= v1) {
                bad_range++;
                continue;
            }
            double a = tri_area2(b.vert_xy, abc);
            if (a < 0) bad_winding++;
            tris += a;
        }
        double rel = fabs(tris - rings) / rings;
        if (rel > worst) { worst = rel; worst_iso = c.iso3; }
        if (!(rel <= 1e-4)) {
            bad_area++;
            printf("  %s: triangles' area %.9g, rings' %.9g (%.2g relative)\n", c.iso3, tris / 2, rings / 2, rel);
        }
        total += out.count / 3;
    }
    CHECK(with_rings > 100);
    CHECK_EQ_U(bad_range, 0);
    CHECK_EQ_U(bad_winding, 0);
    CHECK_EQ_U(bad_area, 0);
    printf("real bundle: %zu countries with rings, %zu triangles; worst area difference %.2g (%s)\n", with_rings,
           total, worst, worst_iso);

    /* the time the GPU path spends in all, if every country were drawn */
    enum { RUNS = 7 };
    double ms[RUNS];
    for (int run_i = 0; run_i < RUNS; run_i++) {
        double t0 = now_ms();
        out.count = 0;
        for (uint32_t id = 1; id <= b.country_count; id++) country_triangles(&b, id, &out);
        ms[run_i] = now_ms() - t0;
    }
    qsort(ms, RUNS, sizeof ms[0], compare_double);
    printf("triangulating every country: %.2f ms (median of %d; min %.2f, max %.2f)\n", ms[RUNS / 2], RUNS, ms[0],
           ms[RUNS - 1]);
    CHECK_EQ_U(out.count / 3, total);
    free(out.indices);
    bundle_close(&b);
    free(data);
}

int main(int argc, char **argv)
{
    test_square();
    test_concave_c();
    test_holes();
    test_collinear_and_duplicates();
    test_bad_input();
    test_odd_shapes();
    test_real_bundle(argc > 1 ? argv[1] : NULL);
    return test_finish();
}
