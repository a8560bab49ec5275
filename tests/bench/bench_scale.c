/* bench_scale: what one bundle costs natively, for tools/bench/scale.sh's
 * table (how each figure grows with the events and the borders' detail).
 *
 * On the bundle file argv[1] it prints the medians of:
 *   - load: reading the file and bundle_open + bundle_close (every check of
 *     bundle_format.md and decoding the packed geometry), LOADS runs;
 *   - first frame: setting up the app, UI and renderer (bench_frame.h, the
 *     direct-pixel path) at the home view and drawing until nothing is left
 *     to draw, OPENS runs;
 *   - pan frames: PAN_ROUNDS drags from the home view through the real
 *     input path (press, PAN_MOVES moves of 4, 2 css px, one frame each, the
 *     harness's drag; release; frames until it settles; then the same back),
 *     every move's frame timed: median and 95th percentile;
 *   - pick: PICKS picks at random points of the map at the home view, as the
 *     hover does each frame: event_markers_pick, and app_country_at where no
 *     marker is; and each of the two alone over the same points.
 * The last line, `scale: key=value ...`, is what scale.sh reads.
 * A benchmark, not a test: it prints figures and always succeeds on a valid
 * bundle; it is not registered with ctest. Build it optimised (the native
 * preset), then
 *   build/native/tests/bench_scale build/native/atlas.bundle [WxH] */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "country_triangles.h"
#include "event_markers.h"
#include "bench_frame.h"
#include "test_support.h"

#define LOADS 21
#define OPENS 3
#define PAN_ROUNDS 4
#define PAN_MOVES 60
#define PICKS 10000

static BenchFrame B;

/* The value below which a share p of the sorted v lies (nearest rank). */
static double percentile(const double *sorted, size_t n, double p)
{
    if (!n) return 0;
    size_t rank = (size_t)(p * (double)n + 0.999999);
    return sorted[(rank ? rank : 1) - 1];
}

/* One drag of PAN_MOVES moves of (dx, dy) css px from (x, y); each move's
 * frame time goes to times; then frames until nothing moves. Returns how far
 * the view's centre moved during the moves, in css px, and adds the move
 * frames that drew to *drawn (a pan that did not pan would show here). */
static double drag(double x, double y, double dx, double dy, double *times, int *drawn)
{
    bool drew;
    B.in.pointer_inside = true;
    B.in.pointer_x = x;
    B.in.pointer_y = y;
    bench_frame_settle(&B, NULL, 0);
    B.in.pointer_down = B.in.pointer_pressed = true;
    bench_frame_run(&B, &drew);
    double x0 = B.app.view.center_x, y0 = B.app.view.center_y;
    for (int i = 0; i < PAN_MOVES; i++) {
        B.in.pointer_x += dx;
        B.in.pointer_y += dy;
        times[i] = bench_frame_run(&B, &drew);
        *drawn += drew;
    }
    double moved_css = hypot(B.app.view.center_x - x0, B.app.view.center_y - y0) * B.app.view.scale_px;
    B.in.pointer_down = false;
    B.in.pointer_released = true;
    bench_frame_run(&B, &drew);
    bench_frame_settle(&B, NULL, 0);
    return moved_css;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : NULL;
    int w = 1280, h = 800;
    if (argc > 2 && sscanf(argv[2], "%dx%d", &w, &h) != 2) { w = 1280; h = 800; }
    size_t size = 0;
    uint8_t *data = test_read_file(path, &size);
    if (!data) { fprintf(stderr, "usage: bench_scale BUNDLE [WxH]\n"); return 1; }
    char message[512];
    Bundle bundle;
    if (bundle_open(&bundle, data, size, message, sizeof message) != BUNDLE_OK) {
        fprintf(stderr, "bench_scale: %s: %s\n", path, message);
        return 1;
    }
    /* the triangles the GPU path cuts from the rings (the bundle has none since format 4) */
    TriangulateOut tris = { 0 };
    for (uint32_t id = 1; id <= bundle.country_count; id++) country_triangles(&bundle, id, &tris);
    printf("bench_scale: %s, %zu bytes, %u events, %u vertices, %zu triangles, %dx%d css px\n", path, size,
           bundle.event_count, bundle.vert_count, tris.count / 3, w, h);
    free(tris.indices);
    bundle_close(&bundle);
    free(data);

    /* Load: the file as the native program reads it (from the page cache
     * after the first run), then every check. */
    double load_ms[LOADS];
    for (int i = 0; i < LOADS; i++) {
        double t0 = bench_now_ms();
        data = test_read_file(path, &size);
        BundleError e = data ? bundle_open(&bundle, data, size, NULL, 0) : BUNDLE_ERR_TRUNCATED;
        if (e == BUNDLE_OK) bundle_close(&bundle);
        free(data);
        load_ms[i] = bench_now_ms() - t0;
    }
    double load_median = bench_median(load_ms, LOADS);
    printf("  load (read + bundle_open):    %9.3f ms median of %d\n", load_median, LOADS);

    /* First frame, then the rest on the last of these set-ups. */
    data = test_read_file(path, &size);
    if (!data || bundle_open(&bundle, data, size, message, sizeof message) != BUNDLE_OK) return 1;
    double open_ms[OPENS];
    for (int i = 0; i < OPENS; i++) {
        if (i) bench_frame_close(&B);
        memset(&B, 0, sizeof B);
        double t0 = bench_now_ms();
        if (!bench_frame_open(&B, &bundle, w, h, message, sizeof message)) {
            fprintf(stderr, "bench_scale: %s\n", message);
            return 1;
        }
        open_ms[i] = bench_now_ms() - t0;
    }
    double first_median = bench_median(open_ms, OPENS);
    printf("  first frame (set-up, drawn):  %9.2f ms median of %d\n", first_median, OPENS);

    /* Pan: from the middle of the map, down-right and back, PAN_ROUNDS times. */
    static double pan_ms[PAN_ROUNDS * 2 * PAN_MOVES];
    double area[4]; /* left, top, right, bottom of the map area, css px */
    screen_map_area(&B.app.screen, false, area);
    double cx = (area[0] + area[2]) / 2 - 120, cy = (area[1] + area[3]) / 2 - 60;
    double moved_css = 0;
    int pan_drawn = 0;
    for (int r = 0; r < PAN_ROUNDS; r++) {
        moved_css += drag(cx, cy, 4, 2, pan_ms + (2 * r) * PAN_MOVES, &pan_drawn);
        moved_css += drag(cx + 4 * PAN_MOVES, cy + 2 * PAN_MOVES, -4, -2, pan_ms + (2 * r + 1) * PAN_MOVES, &pan_drawn);
    }
    size_t pan_n = PAN_ROUNDS * 2 * PAN_MOVES;
    double pan_median = bench_median(pan_ms, pan_n); /* sorts pan_ms */
    double pan_p95 = percentile(pan_ms, pan_n, 0.95);
    printf("  pan frames (%zu, %d drew):    %9.2f ms median, %.2f ms p95, %.2f ms max; the view moved %.0f css px "
           "a drag (%.0f asked)\n", pan_n, pan_drawn, pan_median, pan_p95, pan_ms[pan_n - 1],
           moved_css / (2 * PAN_ROUNDS), hypot(4, 2) * PAN_MOVES);

    /* Pick at the home view, over the same random points three ways. */
    Command home = cmd_simple(CMD_FLY_HOME);
    app_apply(&B.app, &home, bench_now_ms());
    B.in.pointer_inside = false;
    bench_frame_settle(&B, NULL, 0);
    event_markers_update(B.app.markers, &B.app);
    static double xs[PICKS], ys[PICKS], hover_us[PICKS], marker_us[PICKS], country_us[PICKS];
    uint64_t seed = 42;
    for (int i = 0; i < PICKS; i++) {
        xs[i] = area[0] + (area[2] - area[0]) * test_rand_unit(&seed);
        ys[i] = area[1] + (area[3] - area[1]) * test_rand_unit(&seed);
    }
    uint32_t on_marker = 0, on_country = 0;
    volatile uint32_t sink = 0;
    for (int i = 0; i < PICKS; i++) {
        double t0 = bench_now_us();
        MarkerHit hit = event_markers_pick(B.app.markers, xs[i], ys[i]);
        uint32_t id = hit.kind == MARKER_HIT_NONE ? app_country_at(&B.app, xs[i], ys[i]) : 0;
        hover_us[i] = bench_now_us() - t0;
        on_marker += hit.kind != MARKER_HIT_NONE;
        on_country += id != 0;
    }
    for (int i = 0; i < PICKS; i++) {
        double t0 = bench_now_us();
        sink += (uint32_t)event_markers_pick(B.app.markers, xs[i], ys[i]).kind;
        marker_us[i] = bench_now_us() - t0;
        t0 = bench_now_us();
        sink += app_country_at(&B.app, xs[i], ys[i]);
        country_us[i] = bench_now_us() - t0;
    }
    (void)sink;
    double hover = bench_median(hover_us, PICKS), marker = bench_median(marker_us, PICKS),
           country = bench_median(country_us, PICKS);
    printf("  pick, hover (marker, else country): %7.3f us median of %d (%u on a marker, %u on a country)\n", hover,
           PICKS, on_marker, on_country);
    printf("  pick, markers alone:                %7.3f us median (%zu glyphs drawn)\n", marker,
           B.app.markers->glyph_count);
    printf("  pick, country alone:                %7.3f us median\n", country);
    printf("scale: load_ms=%.3f first_frame_ms=%.2f pan_median_ms=%.2f pan_p95_ms=%.2f pick_us=%.3f "
           "pick_marker_us=%.3f pick_country_us=%.3f glyphs=%zu\n",
           load_median, first_median, pan_median, pan_p95, hover, marker, country, B.app.markers->glyph_count);
    bench_frame_close(&B);
    bundle_close(&bundle);
    free(data);
    return 0;
}
