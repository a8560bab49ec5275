/* test_gesture: input -> commands (core/gesture.c), with the fixture bundle. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app_json.h"
#include "test_support.h"

static App app;
static double now = 1000;

static AppInput at(double x, double y)
{
    AppInput in = { .now_ms = now += 16, .width_css = 800, .height_css = 600, .pointer_x = x, .pointer_y = y,
                    .pointer_inside = true };
    return in;
}

static void keys(uint64_t pressed)
{
    AppInput in = at(-100, -100);
    in.pointer_inside = false;
    in.keys_pressed = pressed;
    tb_update(&app, &in);
}

/* The regression of issue 10: wheel steps about a point between pixels keep
 * it under the pointer, however many steps (the web build's pointer is now
 * fractional too, see src/platform/sdl_input.c). */
static void test_wheel_many_steps(void)
{
    Command land = cmd_simple(CMD_LAND_FLIGHT);
    app_apply(&app, &land, now);
    const double x = 412.637, y = 287.219;
    double wx, wy;
    view_screen_to_world(&app.view, x, y, &wx, &wy);
    double worst = 0;
    for (int i = 0; i < 24; i++) {
        AppInput in = at(x, y);
        in.wheel_steps = i < 12 ? 2.4 : -0.3; /* notches of deltaY -240 in, then touchpad steps out */
        tb_update(&app, &in);
        double sx, sy;
        view_world_to_screen(&app.view, wx, wy, &sx, &sy);
        worst = fmax(worst, hypot(sx - x, sy - y));
    }
    CHECK(worst < 1e-6);
    if (worst >= 1e-6) printf("  drifted %.6f px\n", worst);
    CHECK(app.view.scale_px > app.home_scale_px * 4);
    CHECK(app.interacting);
}

/* The home view, landed, nothing selected; (x, y) inside KAZ. */
static void home_with_nothing_selected(double *x, double *y)
{
    app_apply(&app, &(Command){ .kind = CMD_FLY_HOME }, now);
    Command land = cmd_simple(CMD_LAND_FLIGHT);
    app_apply(&app, &land, now);
    app_apply(&app, &(Command){ .kind = CMD_SELECT, .u.selection = { SELECTION_NONE, 0 } }, now);
    CHECK(app.select.current.kind == SELECTION_NONE && !app.select.panel_open);
    view_world_to_screen(&app.view, 1.5, 0.5, x, y); /* inside KAZ */
}

static void press(double x, double y)
{
    AppInput in = at(x, y);
    in.pointer_pressed = in.pointer_down = true;
    tb_update(&app, &in);
}

static void hold(double x, double y, int touches)
{
    AppInput in = at(x, y);
    in.pointer_down = true;
    in.touch_count = touches;
    tb_update(&app, &in);
}

static void release(double x, double y)
{
    AppInput in = at(x, y);
    in.pointer_released = true;
    tb_update(&app, &in);
}

static bool kaz_selected(void) { return app.select.current.kind == SELECTION_COUNTRY && app.select.current.id == 1; }

/* Issue 16: a press and hold on a country selects nothing, opens no panel and
 * starts no flight; its release (not having moved) selects. */
static void test_press_hold_then_release_selects(void)
{
    double x, y;
    home_with_nothing_selected(&x, &y);
    press(x, y);
    for (int i = 0; i < 30; i++) hold(x + (i & 1), y, 1); /* half a second, a pixel of jitter */
    CHECK(app.select.current.kind == SELECTION_NONE);
    CHECK(!app.select.panel_open && !app.view.flight.active);
    CHECK(!tb_gesture.dragging);
    release(x + 1, y);
    CHECK(kaz_selected());
    CHECK(app.select.panel_open);
    CHECK(app.view.flight.active);
    /* A press and its release in the same frame (a quick click) is a click too. */
    home_with_nothing_selected(&x, &y);
    AppInput in = at(x, y);
    in.pointer_pressed = in.pointer_released = true;
    tb_update(&app, &in);
    CHECK(kaz_selected());
}

/* A drag that starts on a country pans and selects nothing, even if it ends
 * back where it began; so does a drag from water (the selection stays). */
static void test_press_drag_release_selects_nothing(void)
{
    double x, y;
    home_with_nothing_selected(&x, &y);
    press(x, y);
    /* Moving less than the threshold is still a click... */
    hold(x + 2, y + 1, 1);
    CHECK(!tb_gesture.dragging);
    double cx = app.view.center_x;
    for (int i = 1; i <= 5; i++) hold(x + 10 * i, y, 1);
    CHECK(tb_gesture.dragging);
    CHECK(app.view.center_x < cx);
    CHECK(app.hover.dragging);
    CHECK(app.select.current.kind == SELECTION_NONE);
    for (int i = 4; i >= 0; i--) hold(x + 10 * i, y, 1); /* ...but back to the start is still a drag */
    release(x, y);
    CHECK(!tb_gesture.dragging && !app.hover.dragging);
    CHECK(app.select.current.kind == SELECTION_NONE && !app.select.panel_open);
    /* A press and release in one frame that moved past the threshold is no click. */
    home_with_nothing_selected(&x, &y);
    press(x - 30, y);
    release(x, y);
    CHECK(app.select.current.kind == SELECTION_NONE);
    /* With Kazakhstan selected, a drag from water keeps it; a click on water clears it. */
    press(x, y);
    release(x, y);
    CHECK(kaz_selected());
    Command land = cmd_simple(CMD_LAND_FLIGHT);
    app_apply(&app, &(Command){ .kind = CMD_FLY_HOME }, now);
    app_apply(&app, &land, now);
    double wx, wy;
    view_world_to_screen(&app.view, 2.9, 0.1, &wx, &wy); /* outside every ring */
    press(wx, wy);
    for (int i = 1; i <= 3; i++) hold(wx - 10 * i, wy, 1);
    release(wx - 30, wy);
    CHECK(kaz_selected());
    press(wx, wy);
    release(wx, wy);
    CHECK(app.select.current.kind == SELECTION_NONE);
}

/* A pinch that starts on a country zooms and selects nothing, whichever
 * finger lifts first and however still the first one stayed. */
static void test_pinch_on_a_country_selects_nothing(void)
{
    double x, y;
    home_with_nothing_selected(&x, &y);
    double s0 = app.view.scale_px;
    press(x, y); /* the first finger (SDL's mouse from touch) */
    hold(x, y, 2); /* the second finger lands */
    AppInput in = at(x, y);
    in.pointer_down = true;
    in.touch_count = 2;
    in.pinch_factor = 1.4;
    in.pinch_x = x + 40;
    in.pinch_y = y;
    tb_update(&app, &in);
    CHECK(app.view.scale_px > s0 * 1.3);
    hold(x, y, 1); /* the second finger lifts */
    release(x, y); /* then the first, where it landed */
    CHECK(app.select.current.kind == SELECTION_NONE && !app.select.panel_open);
    /* A second finger that lands and lifts without the distance changing: still no click. */
    press(x, y);
    hold(x, y, 2);
    hold(x, y, 1);
    release(x, y);
    CHECK(app.select.current.kind == SELECTION_NONE);
    /* The next plain tap selects again. */
    press(x, y);
    release(x, y);
    CHECK(kaz_selected());
}

/* Issue 16: click Kazakhstan, Escape (the panel closes), click Kazakhstan:
 * the panel opens again (only "Details" did). */
static void test_click_reopens_closed_panel(void)
{
    double x, y;
    home_with_nothing_selected(&x, &y);
    press(x, y);
    release(x, y);
    CHECK(kaz_selected() && app.select.panel_open);
    int history = app.select.history_count;
    keys(APP_KEY_ESCAPE);
    CHECK(kaz_selected() && !app.select.panel_open);
    view_world_to_screen(&app.view, 1.5, 0.5, &x, &y);
    press(x, y);
    release(x, y);
    CHECK(kaz_selected() && app.select.panel_open);
    CHECK(app.select.history_count == history); /* the same selection: no new history entry */
}

static void test_double_click_and_pinch(void)
{
    double s0 = app.view.scale_px;
    AppInput in = at(400, 300);
    in.double_clicks = 1;
    tb_update(&app, &in);
    CHECK(app.view.flight.active);
    CHECK_NEAR(app.view.flight.to_scale, s0 * 2, 1e-9 * s0);
    Command land = cmd_simple(CMD_LAND_FLIGHT);
    app_apply(&app, &land, now);
    s0 = app.view.scale_px;
    in = at(400, 300);
    in.pinch_factor = 0.5;
    in.pinch_x = 200.5;
    in.pinch_y = 150.25;
    double wx, wy, sx, sy;
    view_screen_to_world(&app.view, 200.5, 150.25, &wx, &wy);
    tb_update(&app, &in);
    CHECK_NEAR(app.view.scale_px, s0 * 0.5, 1e-9 * s0);
    view_world_to_screen(&app.view, wx, wy, &sx, &sy);
    CHECK_NEAR(sx, 200.5, 1e-6);
    CHECK_NEAR(sy, 150.25, 1e-6);
}

static void test_keys(void)
{
    keys(APP_KEY_CONTRAST);
    CHECK(app.display.theme == THEME_ID_HIGH_CONTRAST);
    keys(APP_KEY_CONTRAST);
    CHECK(app.display.theme == THEME_ID_DEFAULT);
    keys(APP_KEY_RELATIONS | APP_KEY_LANGUAGE);
    CHECK((app.display.layers & LAYER_RELATIONS) && app.display.local_names);
    keys(APP_KEY_RELATIONS | APP_KEY_LANGUAGE);
    CHECK(!(app.display.layers & LAYER_RELATIONS) && !app.display.local_names);
    Command years = { .kind = CMD_SET_YEARS };
    years.u.years.from = 2019;
    years.u.years.to = 2020;
    app_apply(&app, &years, now);
    keys(APP_KEY_YEAR_LATER);
    CHECK(app.timeline.filter.year_from == 2020 && app.timeline.filter.year_to == 2021);
    keys(APP_KEY_YEAR_LATER); /* would leave the span: nothing */
    CHECK(app.timeline.filter.year_to == 2021);
    keys(APP_KEY_YEAR_EARLIER);
    CHECK(app.timeline.filter.year_from == 2019);
    keys(APP_KEY_PLAY);
    CHECK(app.timeline.playing);
    keys(APP_KEY_PLAY);
    CHECK(!app.timeline.playing);
    keys(APP_KEY_COPY | APP_KEY_COPY_LINK);
    CHECK_EQ_U(app.requests, APP_REQUEST_COPY_TEXT | APP_REQUEST_COPY_LINK);
    app_apply(&app, &(Command){ .kind = CMD_REQUESTS_TAKEN }, now);
    double s0 = app.view.scale_px;
    keys(APP_KEY_ZOOM_IN);
    CHECK_NEAR(app.view.flight.to_scale, s0 * 1.5, 1e-9 * s0);
    keys(APP_KEY_RESET);
    Command land = cmd_simple(CMD_LAND_FLIGHT);
    app_apply(&app, &land, now);
    CHECK_NEAR(app.view.scale_px, app.home_scale_px, 1e-9 * app.home_scale_px);
    /* Held arrows pan by speed x time (500 css px a second). */
    double cx = app.view.center_x;
    AppInput in = at(-100, -100);
    in.pointer_inside = false;
    in.keys_down = APP_KEY_LEFT;
    tb_update(&app, &in);
    CHECK_NEAR((cx - app.view.center_x) * app.view.scale_px, 500.0 * 16 / 1000, 1e-6); /* the map moves right */
    /* Selection history with keys, and Escape closing then clearing. */
    app_apply(&app, &(Command){ .kind = CMD_SELECT, .u.selection = { SELECTION_COUNTRY, 2 } }, now);
    app_apply(&app, &(Command){ .kind = CMD_SELECT, .u.selection = { SELECTION_EVENT, 1 } }, now);
    keys(APP_KEY_BACK);
    CHECK(app.select.current.kind == SELECTION_COUNTRY && app.select.current.id == 2);
    keys(APP_KEY_FORWARD);
    CHECK(app.select.current.kind == SELECTION_EVENT);
    keys(APP_KEY_ESCAPE);
    CHECK(!app.select.panel_open && app.select.current.kind == SELECTION_EVENT);
    keys(APP_KEY_ESCAPE);
    CHECK(app.select.current.kind == SELECTION_NONE);
}

static void test_resize_and_hover(void)
{
    AppInput in = at(100, 100);
    in.width_css = 360;
    in.height_css = 640;
    tb_update(&app, &in);
    CHECK(app.view.width_css == 360 && app.screen.narrow);
    Command land = cmd_simple(CMD_LAND_FLIGHT);
    app_apply(&app, &(Command){ .kind = CMD_FLY_HOME }, now);
    app_apply(&app, &land, now);
    double x, y;
    view_world_to_screen(&app.view, 1.5, 0.5, &x, &y);
    in = at(x, y);
    in.width_css = 360;
    in.height_css = 640;
    tb_update(&app, &in);
    CHECK_EQ_U(app.hover.country, 1);
    CHECK_NEAR(app.hover.x_css, x, 1e-9);
    in.pointer_inside = false;
    in.now_ms = now += 16;
    tb_update(&app, &in);
    CHECK_EQ_U(app.hover.country, 0);
}

int main(void)
{
    size_t size;
    uint8_t *data = tb_fixture_bundle(&size);
    Bundle b;
    if (!tb_open_app(data, size, &b, &app, 800, 600)) {
        free(data);
        return test_finish();
    }
    Command tick = cmd_simple(CMD_TICK);
    app_apply(&app, &tick, now); /* the clock the recogniser starts from */
    test_wheel_many_steps();
    test_press_hold_then_release_selects();
    test_press_drag_release_selects_nothing();
    test_pinch_on_a_country_selects_nothing();
    test_click_reopens_closed_panel();
    test_double_click_and_pinch();
    test_keys();
    test_resize_and_hover();
    app_destroy(&app);
    bundle_close(&b);
    free(data);
    return test_finish();
}
