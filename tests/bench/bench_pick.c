/* bench_pick: how fast markers are picked and laid out with many events.
 *
 * Builds a bundle of 100,000 synthetic events, each at its own place,
 * scattered over Central Asia (a tenth of them beyond the home view, so the
 * edge indicators have work too), then prints:
 *   - the time to build the PointIndex of the events,
 *   - the median time of one pick through it (point_index_nearest, 12 px
 *     radius at the home view) over 10,000 random points,
 *   - the median time of one pick through the frame's layout
 *     (event_markers_pick) over 10,000 random points,
 *   - the median time of a full marker layout (filter, clustering, edge
 *     indicators) at the home view, and of one after a filter change,
 *   - the median time of the marker update in each frame of a drag (60
 *     moves of 4, 2 px: the layout is moved along) and of the layout when
 *     the drag stops, and in each of 30 wheel steps.
 * A benchmark, not a test: it prints figures and always succeeds; it is not
 * registered with ctest. Build it optimised (the native preset):
 *   cmake --preset native && cmake --build --preset native --target bench_pick
 *   build/native/tests/bench_pick */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "event_markers.h"
#include "bench_support.h"
#include "test_support.h"

#define EVENTS 100000
#define PICKS 10000
#define LAYOUTS 31

/* The region as the atlas frames it: 46–88°E, 35–56°N, in the atlas's projection. */
static uint8_t *synthetic_bundle(size_t *size)
{
    GeoProjection proj;
    geo_projection_init(&proj, GEO_DEFAULT_LON0, GEO_DEFAULT_LAT0, GEO_DEFAULT_LAT1, GEO_DEFAULT_LAT2);
    double home[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
    for (int i = 0; i <= 20; i++) {
        WorldPoint edge[4] = { geo_project(&proj, 46 + 2.1 * i, 35), geo_project(&proj, 46 + 2.1 * i, 56),
                               geo_project(&proj, 46, 35 + 1.05 * i), geo_project(&proj, 88, 35 + 1.05 * i) };
        for (int k = 0; k < 4; k++) {
            home[0] = fmin(home[0], edge[k].x);
            home[1] = fmin(home[1], edge[k].y);
            home[2] = fmax(home[2], edge[k].x);
            home[3] = fmax(home[3], edge[k].y);
        }
    }
    Tb tb;
    tb_fixture(&tb); /* countries, articles, sources and fonts; its meta is replaced */
    tb.sec[TB_META].size = 0;
    TbMeta meta = {
        .title = "Benchmark", .attribution = "synthetic", .projection_name = "Albers", .built_from = "bench_pick.c",
        .lon0 = GEO_DEFAULT_LON0, .lat0 = GEO_DEFAULT_LAT0, .lat1 = GEO_DEFAULT_LAT1, .lat2 = GEO_DEFAULT_LAT2,
        .world_bounds = { -3, -3, 3, 3 },
        .home_bounds = { (float)home[0], (float)home[1], (float)home[2], (float)home[3] },
    };
    tb_meta(&tb, &meta);
    uint64_t seed = 0x5eed5eedULL;
    for (int i = 0; i < EVENTS; i++) {
        /* Nine in ten over the region, the rest in a wide ring around it. */
        bool far = i % 10 == 9;
        double lon = far ? 10 + 130 * test_rand_unit(&seed) : 46 + 42 * test_rand_unit(&seed);
        double lat = far ? 5 + 70 * test_rand_unit(&seed) : 35 + 21 * test_rand_unit(&seed);
        WorldPoint w = geo_project(&proj, lon, lat);
        char key[24];
        snprintf(key, sizeof key, "p%d", i);
        uint32_t place = tb_place(&tb, &(TbPlace){ .key = key, .name = key, .kind = "city", .country = 0,
                                                  .lon_deg = (float)lon, .lat_deg = (float)lat,
                                                  .x = (float)w.x, .y = (float)w.y });
        snprintf(key, sizeof key, "e%d", i);
        tb_event(&tb, &(TbEvent){ .key = key, .title = key, .year = (uint16_t)(1991 + i % 32),
                                  .precision = DATE_PRECISION_YEAR, .category = (uint8_t)(i % CATEGORY_COUNT),
                                  .place = place, .source_first = 0, .source_count = 1 });
    }
    uint8_t *data = tb_finish(&tb, size);
    tb_free(&tb);
    return data;
}

int main(void)
{
    size_t size;
    uint8_t *data = synthetic_bundle(&size);
    Bundle b;
    char message[256];
    if (bundle_open(&b, data, size, message, sizeof message) != BUNDLE_OK) {
        fprintf(stderr, "bench_pick: synthetic bundle: %s\n", message);
        return 1;
    }
    App app;
    if (!app_init(&app, &b, 1280, 800, 0)) {
        fprintf(stderr, "bench_pick: app_init failed\n");
        return 1;
    }
    app.screen.chrome_inset_bottom_css = 78;
    EventMarkers *m = app.markers;
    printf("bench_pick: %u events at %u places, viewport 1280x800 css px at the home view\n", b.event_count,
           b.place_count);

    /* The spatial index on its own. */
    HitPoint *points = malloc(b.event_count * sizeof *points);
    for (uint32_t e = 1; e <= b.event_count; e++) {
        BundlePlace p = bundle_place(&b, bundle_event(&b, e).place);
        points[e - 1] = (HitPoint){ p.x, p.y, e };
    }
    double t0 = bench_now_us();
    PointIndex *index = point_index_create(points, b.event_count);
    double build_ms = (bench_now_us() - t0) / 1000;
    printf("  PointIndex build:             %8.2f ms\n", build_ms);

    double *times = malloc(PICKS * sizeof *times);
    uint64_t seed = 42;
    double radius_world = 12 / app.view.scale_px, visible[4];
    view_visible_bounds(&app.view, visible);
    uint32_t found = 0;
    for (int i = 0; i < PICKS; i++) {
        double wx = visible[0] + (visible[2] - visible[0]) * test_rand_unit(&seed);
        double wy = visible[1] + (visible[3] - visible[1]) * test_rand_unit(&seed);
        double s = bench_now_us();
        found += point_index_nearest(index, wx, wy, radius_world) != 0;
        times[i] = bench_now_us() - s;
    }
    printf("  pick, PointIndex (12 px):     %8.3f us median (%u of %d found something)\n", bench_median(times, PICKS), found,
           PICKS);

    /* The layout at home: clustering 90,000 events on screen, edge badges for the rest. */
    double *layout = malloc(LAYOUTS * sizeof *layout);
    for (int i = 0; i < LAYOUTS; i++) {
        m->valid = false;
        double s = bench_now_us();
        event_markers_update(m, &app);
        layout[i] = (bench_now_us() - s) / 1000;
    }
    printf("  layout at home (view change): %8.2f ms median  (%zu glyphs, %zu edge indicators, %u events)\n",
           bench_median(layout, LAYOUTS), m->glyph_count, m->edge_count, m->represented);
    for (int i = 0; i < LAYOUTS; i++) {
        m->valid = false;
        m->filter_valid = false;
        double s = bench_now_us();
        event_markers_update(m, &app);
        layout[i] = (bench_now_us() - s) / 1000;
    }
    printf("  layout at home (filter too):  %8.2f ms median\n", bench_median(layout, LAYOUTS));

    /* A drag: 60 moves of (4, 2) css px, as ../shared/bench drives it. */
    double pan[60];
    app.interacting = true;
    for (int i = 0; i < 60; i++) {
        view_pan_by(&app.view, 4, 2);
        double s = bench_now_us();
        event_markers_update(m, &app);
        pan[i] = (bench_now_us() - s) / 1000;
    }
    double pan_median = bench_median(pan, 60), pan_max = pan[59];
    app.interacting = false;
    double s_stop = bench_now_us();
    event_markers_update(m, &app);
    printf("  drag, per frame:              %8.3f ms median, %.3f ms max; when it stops: %.2f ms\n", pan_median,
           pan_max, (bench_now_us() - s_stop) / 1000);
    view_pan_by(&app.view, -240, -120);
    event_markers_update(m, &app);

    /* The wheel: 30 steps in by 1.117 at the centre (the harness's zoom), the
     * layout scaled along and redone whenever it drifts past a factor of two. */
    double wheel[30];
    View home_view = app.view;
    app.interacting = true;
    for (int i = 0; i < 30; i++) {
        view_zoom_about(&app.view, 1.117, 640, 361);
        double s = bench_now_us();
        event_markers_update(m, &app);
        wheel[i] = (bench_now_us() - s) / 1000;
    }
    double wheel_median = bench_median(wheel, 30), wheel_max = wheel[29];
    app.interacting = false;
    printf("  wheel, per step:              %8.3f ms median, %.2f ms max (a layout every factor of two)\n",
           wheel_median, wheel_max);
    app.view = home_view;
    event_markers_update(m, &app);

    /* Picking through the layout, as hover and clicks do every frame. */
    found = 0;
    for (int i = 0; i < PICKS; i++) {
        double x = 1280 * test_rand_unit(&seed), y = 722 * test_rand_unit(&seed);
        double s = bench_now_us();
        found += event_markers_pick(m, x, y).kind != MARKER_HIT_NONE;
        times[i] = bench_now_us() - s;
    }
    printf("  pick, layout (%5zu glyphs):  %8.3f us median (%u of %d found something)\n", m->glyph_count,
           bench_median(times, PICKS), found, PICKS);

    free(layout);
    free(times);
    free(points);
    point_index_destroy(index);
    app_destroy(&app);
    bundle_close(&b);
    free(data);
    return 0;
}
