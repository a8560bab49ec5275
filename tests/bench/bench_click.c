/* bench_click: what a click on a country costs to paint, on the direct-pixel
 * path the web page uses where WebGL is emulated (and --screenshot natively):
 * pixel/raster.c drawing into memory, the base map cached.
 *
 * One window-sized frame buffer, the real bundle (argv[1]), the UI and the
 * app driven frame by frame in the order src/platform/frame.c uses (UI first,
 * its commands, then the gesture recogniser, then a draw if anything asks for
 * one). For each round the pointer rests on a country (hover frames until
 * nothing more is drawn), then presses and releases there (one frame each,
 * as a fast click arrives), then frames run on the real clock until the
 * flight lands and nothing is left to draw; Escape ends the round. Prints
 * medians (and the slowest) over the rounds of:
 *   - the frame in which the selection appears (the click frame),
 *   - press to the end of that frame (all frames from the press on),
 *   - each frame of the flight that follows, and their sum,
 *   - a frame at rest with the pointer moving over the same country.
 * A benchmark, not a test: it prints figures and always succeeds; it is not
 * registered with ctest. Build it optimised (the native preset), then
 *   build/native/tests/bench_click build/native/atlas.bundle [ROUNDS] [WxH]
 * Native code is faster than the browser's WebAssembly (about 1.5-2x here);
 * compare builds side by side, not with the harness's milliseconds. */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "event_markers.h"
#include "bench_frame.h"
#include "test_support.h"
#include "view.h"

#define MAX_ROUNDS 400

static double max_of(const double *v, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++) m = v[i] > m ? v[i] : m;
    return m;
}

static BenchFrame B;

static double frame(bool *drew) { return bench_frame_run(&B, drew); }

/* A point of the country with no marker, badge or key over it, nearest its
 * label point (a click there selects the country itself); false if none. */
static bool country_point(uint32_t id, const BundleCountry *c, double *x, double *y)
{
    double lx, ly;
    view_world_to_screen(&B.app.view, c->label_x, c->label_y, &lx, &ly);
    double area[4]; /* left, top, right, bottom of the map above the timeline; the panel is closed */
    screen_map_area(&B.app.screen, false, area);
    event_markers_update(B.app.markers, &B.app);
    for (int ring = 0; ring <= 40; ring++)
        for (int dy = -ring; dy <= ring; dy++)
            for (int dx = -ring; dx <= ring; dx++) {
                if (abs(dx) != ring && abs(dy) != ring) continue; /* the ring's edge only */
                double px = lx + 6 * dx, py = ly + 6 * dy;
                if (px < area[0] || py < area[1] || px >= area[2] || py >= area[3]) continue;
                if (app_country_at(&B.app, px, py) != id) continue;
                if (event_markers_pick(B.app.markers, px, py).kind != MARKER_HIT_NONE) continue;
                *x = px;
                *y = py;
                return true;
            }
    return false;
}

static int settle(double *times, int cap) { return bench_frame_settle(&B, times, cap); }

int main(int argc, char **argv)
{
    size_t size;
    uint8_t *data = test_read_file(argc > 1 ? argv[1] : NULL, &size);
    if (!data) { fprintf(stderr, "usage: bench_click BUNDLE [ROUNDS] [WxH]\n"); return 1; }
    int rounds = argc > 2 ? atoi(argv[2]) : 60;
    if (rounds < 1 || rounds > MAX_ROUNDS) rounds = 60;
    int w = 1280, h = 800;
    if (argc > 3 && sscanf(argv[3], "%dx%d", &w, &h) != 2) { w = 1280; h = 800; }
    Bundle bundle;
    char message[256];
    if (bundle_open(&bundle, data, size, message, sizeof message) != BUNDLE_OK) {
        fprintf(stderr, "bench_click: %s\n", message);
        return 1;
    }
    if (!bench_frame_open(&B, &bundle, w, h, message, sizeof message)) {
        fprintf(stderr, "bench_click: %s\n", message);
        return 1;
    }

    static const char *const countries[] = { "KAZ", "UZB", "TKM", "KGZ", "TJK", "AFG", "KAZ", "UZB" };
    static double click_frame[MAX_ROUNDS], press_to_paint[MAX_ROUNDS], flight_sum[MAX_ROUNDS], rest[MAX_ROUNDS];
    static double flight[MAX_ROUNDS * 64];
    int flight_n = 0, clicks = 0;
    for (int r = 0; r < rounds; r++) {
        const char *iso3 = countries[r % (sizeof countries / sizeof countries[0])];
        uint32_t id = bundle_find_country(&bundle, iso3);
        BundleCountry c = bundle_country(&bundle, id);
        Command home = cmd_simple(CMD_FLY_HOME); /* each round from the home view */
        app_apply(&B.app, &home, bench_now_us() / 1000);
        settle(NULL, 0);
        double x, y;
        if (!country_point(id, &c, &x, &y)) { fprintf(stderr, "bench_click: no free point in %s\n", iso3); continue; }
        B.in.pointer_inside = true;
        B.in.pointer_x = x;
        B.in.pointer_y = y;
        settle(NULL, 0); /* hover: tint and outline drawn, the rest at rest */
        B.in.pointer_x = x + 1;
        bool drew;
        rest[r] = frame(&drew);
        settle(NULL, 0);
        /* The click: press, a frame, release, a frame; then on until it shows. */
        double sum = 0;
        bool shown = false;
        B.in.pointer_down = B.in.pointer_pressed = true;
        for (int f = 0; f < 2 + 8 && !shown; f++) {
            if (f == 1) { B.in.pointer_down = false; B.in.pointer_released = true; }
            double t = frame(&drew);
            sum += t;
            if (B.app.select.current.kind == SELECTION_COUNTRY && B.app.select.current.id == id && drew) {
                click_frame[clicks] = t;
                press_to_paint[clicks] = sum;
                shown = true;
            }
        }
        double ft[64];
        int n = settle(ft, 64);
        double fs = 0;
        for (int i = 0; i < n && i < 64; i++) { flight[flight_n++] = ft[i]; fs += ft[i]; }
        if (shown) flight_sum[clicks++] = fs;
        else fprintf(stderr, "bench_click: round %d: a click on %s at %.0f,%.0f selected kind %d id %u\n", r, iso3, x, y,
                     (int)B.app.select.current.kind, B.app.select.current.id);
        /* Escape closes the panel; the next round clicks another country. */
        B.in.keys_pressed = APP_KEY_ESCAPE;
        settle(NULL, 0);
        B.in.keys_pressed = APP_KEY_ESCAPE;
        settle(NULL, 0);
    }
    printf("bench_click: %dx%d, dpr %.0f, %d rounds, %d clicks selected\n", w, h, (double)B.dpr, rounds, clicks);
    printf("  click frame (the selection drawn)   median %7.2f ms  max %7.2f\n", bench_median(click_frame, (size_t)clicks), max_of(click_frame, (size_t)clicks));
    printf("  press to the end of that frame      median %7.2f ms  max %7.2f\n", bench_median(press_to_paint, (size_t)clicks), max_of(press_to_paint, (size_t)clicks));
    printf("  flight frames after it (%4d)       median %7.2f ms  max %7.2f\n", flight_n, bench_median(flight, (size_t)flight_n), max_of(flight, (size_t)flight_n));
    printf("  the flight's frames, summed         median %7.2f ms\n", bench_median(flight_sum, (size_t)clicks));
    printf("  a frame at rest, pointer moving     median %7.2f ms\n", bench_median(rest, (size_t)rounds));
    bench_frame_close(&B);
    bundle_close(&bundle);
    free(data);
    return 0;
}
