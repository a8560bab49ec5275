/* test_view: the camera. Round trips, zoom about a point, clamping, fit,
 * resize, and fly-to as a pure function of time. */
#include "app.h"
#include "command.h"
#include "gesture.h"
#include "legend.h"
#include "view.h"

#include "test_support.h"

static const double world[4] = { -2, -1, 2, 1 };    /* limits.bounds, world units */
static const double home[4] = { -0.5, -0.25, 0.5, 0.25 };

static View make_view(void)
{
    View v;
    ViewLimits limits = { .bounds = { world[0], world[1], world[2], world[3] } };
    view_init(&v, &limits, 800, 600, home);
    return v;
}

static void test_init_and_fit(void)
{
    View v = make_view();
    /* home is 1 x 0.5 world units into 800 x 600: width decides, 800 px/unit. */
    CHECK_NEAR(v.scale_px, 800, 1e-9);
    CHECK_NEAR(v.center_x, 0, 1e-12);
    CHECK_NEAR(v.center_y, 0, 1e-12);
    double sx, sy;
    view_world_to_screen(&v, home[0], home[1], &sx, &sy);
    CHECK_NEAR(sx, 0, 1e-9);
    CHECK_NEAR(sy, 300 - 0.25 * 800, 1e-9);
    CHECK(!v.flight.active);

    /* Fit with a margin: the rectangle's corners land margin px inside. */
    const double r[4] = { 0.2, 0.1, 0.6, 0.9 };  /* 0.4 x 0.8: height decides */
    view_fit(&v, r, 50);
    CHECK_NEAR(v.scale_px, 500.0 / 0.8, 1e-9);
    view_world_to_screen(&v, r[0], r[1], &sx, &sy);
    CHECK_NEAR(sy, 50, 1e-9);
    view_world_to_screen(&v, r[2], r[3], &sx, &sy);
    CHECK_NEAR(sy, 550, 1e-9);
    CHECK_NEAR(v.center_x, 0.4, 1e-12);

    /* Fitting a single point zooms in as far as allowed; NaN leaves the view alone. */
    const double pt[4] = { 0.1, 0.1, 0.1, 0.1 };
    view_fit(&v, pt, 0);
    double s_max = v.scale_px;
    CHECK(s_max > 1e5);
    CHECK_NEAR(v.center_x, 0.1, 1e-12);
    const double nan_bounds[4] = { NAN, 0, 1, 1 };
    view_fit(&v, nan_bounds, 0);
    CHECK_NEAR(v.scale_px, s_max, 1e-9);

    /* A margin too large for the viewport is ignored rather than inverted. */
    view_fit(&v, home, 1000);
    CHECK_NEAR(v.scale_px, 800, 1e-9);
}

static void test_round_trips(void)
{
    View v = make_view();
    int bad = 0;
    uint64_t rng = 42;
    for (int z = 0; z < 40; z++) {
        v.scale_px = 0;  /* let zoom_about clamp from the minimum upwards */
        view_resize(&v, 800, 600);
        view_zoom_about(&v, pow(1.6, z), 400, 300);
        for (int i = 0; i < 50; i++) {
            double wx = -2 + 4 * test_rand_unit(&rng), wy = -1 + 2 * test_rand_unit(&rng);
            double sx, sy, wx2, wy2, sx2, sy2;
            view_world_to_screen(&v, wx, wy, &sx, &sy);
            view_screen_to_world(&v, sx, sy, &wx2, &wy2);
            view_world_to_screen(&v, wx2, wy2, &sx2, &sy2);
            double tol_w = 1e-9 * (1 + fabs(sx) / v.scale_px);
            if (fabs(wx2 - wx) > tol_w || fabs(wy2 - wy) > tol_w || fabs(sx2 - sx) > 1e-6 * (1 + fabs(sx)) ||
                fabs(sy2 - sy) > 1e-6 * (1 + fabs(sy)))
                bad++;
        }
    }
    CHECK_EQ_U(bad, 0);
}

static void test_zoom_about(void)
{
    View v = make_view();
    const double cursors[][2] = { { 400, 300 }, { 100, 50 }, { 700, 580 }, { 13.5, 411.25 } };
    const double factors[] = { 1.25, 0.8, 2, 0.5, 1.1, 3 };
    for (size_t c = 0; c < 4; c++) {
        for (size_t f = 0; f < 6; f++) {
            View w = v;
            double wx, wy, wx2, wy2;
            view_screen_to_world(&w, cursors[c][0], cursors[c][1], &wx, &wy);
            view_zoom_about(&w, factors[f], cursors[c][0], cursors[c][1]);
            CHECK_NEAR(w.scale_px, v.scale_px * factors[f], 1e-9);
            view_screen_to_world(&w, cursors[c][0], cursors[c][1], &wx2, &wy2);
            CHECK_NEAR(wx2, wx, 1e-12);
            CHECK_NEAR(wy2, wy, 1e-12);
        }
    }
    /* Many small steps in and back out return to the start. */
    View w = v;
    for (int i = 0; i < 10; i++) view_zoom_about(&w, 1.25, 250, 200);
    for (int i = 0; i < 10; i++) view_zoom_about(&w, 0.8, 250, 200);
    CHECK_NEAR(w.scale_px, v.scale_px, 1e-6);
    CHECK_NEAR(w.center_x, v.center_x, 1e-9);
    CHECK_NEAR(w.center_y, v.center_y, 1e-9);
    /* Nonsense factors are ignored. */
    view_zoom_about(&w, 0, 1, 1);
    view_zoom_about(&w, -2, 1, 1);
    view_zoom_about(&w, NAN, 1, 1);
    view_zoom_about(&w, INFINITY, 1, 1);
    CHECK_NEAR(w.scale_px, v.scale_px, 1e-6);
}

static void test_clamping(void)
{
    View v = make_view();
    /* Default limits: min = fit(world bounds)/1.5, max = 1000 x fit.
     * World is 4 x 2 in 800 x 600: fit = 200 px/unit. */
    view_zoom_about(&v, 1e-6, 400, 300);
    CHECK_NEAR(v.scale_px, 200 / 1.5, 1e-9);
    view_zoom_about(&v, 1e12, 400, 300);
    CHECK_NEAR(v.scale_px, 200 * 1000.0, 1e-6);

    /* Explicit limits win. */
    ViewLimits limits = { .min_scale_px = 300, .max_scale_px = 5000, .bounds = { -2, -1, 2, 1 } };
    View e;
    view_init(&e, &limits, 800, 600, home);
    view_zoom_about(&e, 100, 400, 300);
    CHECK_NEAR(e.scale_px, 5000, 1e-9);
    view_zoom_about(&e, 1e-5, 400, 300);
    CHECK_NEAR(e.scale_px, 300, 1e-9);
    const double huge[4] = { -100, -100, 100, 100 };
    view_fit(&e, huge, 0);
    CHECK_NEAR(e.scale_px, 300, 1e-9);

    /* Pan is clamped so the centre stays inside the bounds. */
    View p = make_view();
    view_pan_by(&p, -1e6, 0);   /* drag left: the world moves left, the centre east */
    CHECK_NEAR(p.center_x, 2, 1e-12);
    view_pan_by(&p, 0, 1e6);
    CHECK_NEAR(p.center_y, -1, 1e-12);
    view_pan_by(&p, 80, -40);   /* 80 px at 800 px/unit = 0.1 unit */
    CHECK_NEAR(p.center_x, 1.9, 1e-12);
    CHECK_NEAR(p.center_y, -0.95, 1e-12);
    view_pan_by(&p, NAN, 0);
    CHECK_NEAR(p.center_x, 1.9, 1e-12);

    /* Zoom about a point near the edge: the centre is still clamped. */
    View q = make_view();
    view_zoom_about(&q, 0.5, 0, 0);
    CHECK(q.center_x >= -2 && q.center_x <= 2 && q.center_y >= -1 && q.center_y <= 1);

    /* No bounds: no centre clamp, fallback zoom limits. */
    View u;
    view_init(&u, NULL, 800, 600, home);
    view_pan_by(&u, -1e9, 0);
    CHECK(u.center_x > 1e5);
    view_zoom_about(&u, 1e-30, 0, 0);
    CHECK(u.scale_px > 0);
}

static void test_resize_and_visible(void)
{
    View v = make_view();
    double b[4];
    view_visible_bounds(&v, b);
    CHECK_NEAR(b[0], -0.5, 1e-12);
    CHECK_NEAR(b[2], 0.5, 1e-12);
    CHECK_NEAR(b[1], -300.0 / 800, 1e-12);
    CHECK_NEAR(b[3], 300.0 / 800, 1e-12);
    view_resize(&v, 400, 300);
    CHECK_NEAR(v.scale_px, 800, 1e-9);  /* scale and centre kept */
    CHECK_NEAR(v.center_x, 0, 1e-12);
    view_visible_bounds(&v, b);
    CHECK_NEAR(b[2] - b[0], 0.5, 1e-12);
    /* Shrinking far lowers the default min zoom: the old scale remains legal. */
    view_resize(&v, 40, 30);
    CHECK_NEAR(v.scale_px, 800, 1e-9);
    /* Growing huge raises the default min zoom above the current scale: clamped up. */
    view_resize(&v, 40000, 30000);
    CHECK_NEAR(v.scale_px, 10000 / 1.5, 1e-6);
    /* A zero-size viewport does not divide by zero. */
    view_resize(&v, 0, 0);
    CHECK(isfinite(v.scale_px) && v.scale_px > 0);
    double sx, sy;
    view_world_to_screen(&v, 1, 1, &sx, &sy);
    CHECK(isfinite(sx) && isfinite(sy));
}

static void test_fly_to(void)
{
    View v = make_view();
    double t0 = 1000;
    double tx = 1.5, ty = -0.6, ts = 4000;
    view_fly_to(&v, tx, ty, ts, t0, 800);
    CHECK(v.flight.active);
    double dx = tx - 0, dy = ty - 0;
    double prev_u = -1;
    int non_monotone = 0, steps = 0;
    bool moving = true;
    for (double now = t0; now <= t0 + 1000 && moving; now += 16) {
        moving = view_step(&v, now);
        steps++;
        double u = (v.center_x * dx + v.center_y * dy) / (dx * dx + dy * dy);
        if (u < prev_u - 1e-12) non_monotone++;
        prev_u = u;
        CHECK(v.scale_px > 0 && isfinite(v.center_x));
    }
    CHECK_EQ_U(non_monotone, 0);
    CHECK(!moving || !v.flight.active);
    CHECK_NEAR(v.center_x, tx, 1e-12);
    CHECK_NEAR(v.center_y, ty, 1e-12);
    CHECK_NEAR(v.scale_px, ts, 1e-9);
    CHECK(steps > 40 && steps < 60);
    CHECK(!view_step(&v, t0 + 2000));
    CHECK(!v.flight.active);

    /* The step that lands returns true once (the view moved), then false. */
    View w = make_view();
    view_fly_to(&w, 0.2, 0.1, 900, 0, 100);
    CHECK(view_step(&w, 50));
    CHECK(view_step(&w, 150));
    CHECK_NEAR(w.center_x, 0.2, 1e-12);
    CHECK(!view_step(&w, 160));

    /* Mid-flight the camera zooms out to travel (van Wijk): below both ends. */
    View z = make_view();
    z.scale_px = 5000;
    view_fly_to(&z, -1.8, 0.9, 5000, 0, 1000);
    view_step(&z, 500);
    CHECK(z.scale_px < 5000);
    CHECK(z.center_x < 0 && z.center_x > -1.8);

    /* Pure zoom without travel: log-scale monotone. */
    View p = make_view();
    view_fly_to(&p, 0, 0, 8000, 0, 0);   /* 0 = default duration */
    CHECK(p.flight.duration_ms > 300 && p.flight.duration_ms < 1500);
    double prev_s = p.scale_px;
    int bad = 0;
    for (double now = 0; view_step(&p, now); now += 10) {
        if (p.scale_px < prev_s - 1e-9) bad++;
        prev_s = p.scale_px;
    }
    CHECK_EQ_U(bad, 0);
    CHECK_NEAR(p.scale_px, 8000, 1e-9);

    /* The target is clamped; cancel stops a flight where it is. */
    View c = make_view();
    view_fly_to(&c, 50, 50, 1e12, 0, 100);
    CHECK_NEAR(c.flight.to_x, 2, 1e-12);
    CHECK_NEAR(c.flight.to_y, 1, 1e-12);
    CHECK_NEAR(c.flight.to_scale, 200000, 1e-6);
    view_step(&c, 30);
    double cx = c.center_x;
    view_cancel_flight(&c);
    CHECK(!view_step(&c, 60));
    CHECK_NEAR(c.center_x, cx, 0);
    /* A clock that runs backwards does not move the view outside the path. */
    View r = make_view();
    view_fly_to(&r, 1, 0, 800, 100, 100);
    CHECK(view_step(&r, 50));
    CHECK_NEAR(r.center_x, 0, 1e-12);
}

/* The real atlas's zoom stops where its borders' detail ends
 * (APP_MAX_SCALE_PX: Natural Earth 1:50m, a vertex every ~8 km): the wheel,
 * the keys, double clicks, a pinch, the zoom buttons' command and a deep link
 * asking for more all stop there, and the scale bar never shows less than
 * 20 km. Before, the atlas zoomed to a 5 km scale bar and further. */
static void run_frames(App *app, AppInput in, int frames)
{
    for (int i = 0; i < frames; i++) {
        in.now_ms = app->now_ms + 16;
        tb_update(app, &in);
    }
    /* Let any flight land. */
    AppInput idle = { .now_ms = app->now_ms + 2000, .width_css = in.width_css, .height_css = in.height_css };
    tb_update(app, &idle);
}

static void check_at_limit(const App *app, const char *what)
{
    double km = 0, px = 0;
    bool bar = legend_scale_bar(app, LEGEND_SCALE_MAX_CSS, &km, &px);
    bool ok = app->view.scale_px <= APP_MAX_SCALE_PX * (1 + 1e-9) && bar && km >= 20;
    if (!ok) printf("  %s: scale %.1f (max %.1f), scale bar %g km\n", what, app->view.scale_px, APP_MAX_SCALE_PX, km);
    CHECK(ok);
}

static void test_zoom_limit_real(const char *path)
{
    size_t size = 0;
    uint8_t *data = test_read_real_bundle(path, &size);
    if (!data) return;
    static const double sizes[2][2] = { { 1280, 800 }, { 390, 844 } };
    for (int s = 0; s < 2; s++) {
        double w = sizes[s][0], h = sizes[s][1];
        Bundle b;
        App app;
        if (!tb_open_app(data, size, &b, &app, w, h)) break;
        CHECK(app.view.limits.max_scale_px > app.home_scale_px * 4); /* still a good close-up */
        AppInput base = { .width_css = w, .height_css = h, .pointer_inside = true, .pointer_x = w / 2,
                          .pointer_y = h / 2 };
        AppInput wheel = base;
        wheel.wheel_steps = 3;
        run_frames(&app, wheel, 200);
        check_at_limit(&app, "wheel");
        CHECK_NEAR(app.view.scale_px, APP_MAX_SCALE_PX, APP_MAX_SCALE_PX * 1e-9); /* it does get there */
        Command go_home = { .kind = CMD_FLY_HOME };
        app_apply(&app, &go_home, app.now_ms);
        run_frames(&app, base, 1);
        AppInput key = base;
        key.keys_pressed = APP_KEY_ZOOM_IN;
        run_frames(&app, key, 60);
        check_at_limit(&app, "keys");
        app_apply(&app, &go_home, app.now_ms);
        run_frames(&app, base, 1);
        for (int i = 0; i < 30; i++) {
            AppInput dbl = base;
            dbl.double_clicks = 1;
            run_frames(&app, dbl, 1);
        }
        check_at_limit(&app, "double click");
        app_apply(&app, &go_home, app.now_ms);
        run_frames(&app, base, 1);
        AppInput pinch = base;
        pinch.pinch_factor = 1.5;
        pinch.pinch_x = w / 3;
        pinch.pinch_y = h / 3;
        run_frames(&app, pinch, 80);
        check_at_limit(&app, "pinch");
        Command zoom = { .kind = CMD_ZOOM_ABOUT };
        zoom.u.zoom.factor = 1e6;
        zoom.u.zoom.x_css = w / 2;
        zoom.u.zoom.y_css = h / 2;
        app_apply(&app, &zoom, app.now_ms);
        run_frames(&app, base, 1);
        check_at_limit(&app, "zoom command");
        /* A deep link with a bigger zoom (2^12 the home view) is clamped. */
        CHECK(tb_apply_state(&app, "v=51.17,71.43,12", NULL));
        run_frames(&app, base, 1);
        check_at_limit(&app, "deep link");
        CHECK_NEAR(app.view.scale_px, APP_MAX_SCALE_PX, APP_MAX_SCALE_PX * 1e-9);
        app_destroy(&app);
        bundle_close(&b);
    }
    free(data);
}

int main(int argc, char **argv)
{
    test_init_and_fit();
    test_round_trips();
    test_zoom_about();
    test_clamping();
    test_resize_and_visible();
    test_fly_to();
    test_zoom_limit_real(argc > 1 ? argv[1] : NULL);
    return test_finish();
}
