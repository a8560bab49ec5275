/* test_app: input -> state, with the fixture bundle (no SDL, no browser). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app.h"
#include "app_json.h"
#include "test_support.h"

static App app; /* large: keep it off the stack */

static AppInput frame_input(double now_ms, double x, double y)
{
    AppInput in = { .now_ms = now_ms, .width_css = 800, .height_css = 600, .pointer_x = x, .pointer_y = y,
                    .pointer_inside = true };
    return in;
}

static void screen_of(double wx, double wy, double *x, double *y) { view_world_to_screen(&app.view, wx, wy, x, y); }

static void test_click_selects_and_history(void)
{
    double x, y, now = 1000;
    screen_of(1.5, 0.5, &x, &y); /* inside KAZ, outside its hole */
    AppInput in = frame_input(now, x, y);
    in.pointer_pressed = in.pointer_down = true;
    tb_update(&app, &in);
    CHECK(app.select.current.kind == SELECTION_NONE); /* selects on release (gesture.c) */
    in = frame_input(now += 16, x, y);
    in.pointer_released = true;
    tb_update(&app, &in);
    CHECK(app.select.current.kind == SELECTION_COUNTRY && app.select.current.id == 1);
    CHECK(app.select.panel_open);
    CHECK_EQ_U(app.hover.country, 1);

    tb_select(&app, (Selection){ SELECTION_EVENT, 2 }, now);
    tb_select(&app, (Selection){ SELECTION_PLACE, 1 }, now);
    CHECK(app.select.current.kind == SELECTION_PLACE);
    CHECK(tb_history(&app, -1, now));
    CHECK(app.select.current.kind == SELECTION_EVENT && app.select.current.id == 2);
    CHECK(tb_history(&app, -1, now));
    CHECK(app.select.current.kind == SELECTION_COUNTRY && app.select.current.id == 1);
    CHECK(!tb_history(&app, -1, now)); /* at the start */
    CHECK(tb_history(&app, +1, now));
    CHECK(app.select.current.kind == SELECTION_EVENT);
    /* A new selection drops the forward part. */
    tb_select(&app, (Selection){ SELECTION_ARTICLE, 3 }, now);
    CHECK(!tb_history(&app, +1, now));
    /* A command with an id the bundle lacks is refused and changes nothing. */
    CHECK(!tb_select(&app, (Selection){ SELECTION_EVENT, 77 }, now));
    CHECK(app.select.current.kind == SELECTION_ARTICLE && app.select.current.id == 3);
    CHECK(!tb_select(&app, (Selection){ (SelectionKind)99, 1 }, now));
    CHECK(app.select.current.kind == SELECTION_ARTICLE);
    CHECK(!app_selection_valid(&app, (Selection){ SELECTION_COUNTRY, 4 }));
    CHECK(app_selection_valid(&app, (Selection){ SELECTION_COUNTRY, 3 }));
}

static void test_wheel_keeps_point_fixed(void)
{
    double now = 5000;
    view_cancel_flight(&app.view);
    double sx = 300, sy = 250, wx0, wy0, wx1, wy1;
    view_screen_to_world(&app.view, sx, sy, &wx0, &wy0);
    double scale0 = app.view.scale_px;
    AppInput in = frame_input(now, sx, sy);
    in.wheel_steps = 2;
    tb_update(&app, &in);
    CHECK(app.view.scale_px > scale0 * 1.5);
    view_screen_to_world(&app.view, sx, sy, &wx1, &wy1);
    CHECK_NEAR(wx1, wx0, 1e-9);
    CHECK_NEAR(wy1, wy0, 1e-9);
    CHECK(app.interacting);
    /* Once the motion is over, the app asks for one more (crisp) frame. */
    Command drawn = cmd_toggle(CMD_FRAME_DRAWN, TOGGLE_OFF);
    app_apply(&app, &drawn, now);
    CHECK(!app.needs_redraw);
    in = frame_input(now + 1000, sx, sy);
    tb_update(&app, &in);
    CHECK(!app.interacting);
    CHECK(app.needs_redraw);
}

static void test_drag_pans_without_selecting(void)
{
    double now = 9000;
    tb_select(&app, (Selection){ SELECTION_NONE, 0 }, now);
    view_cancel_flight(&app.view);
    double x = 400, y = 300, wx0, wy0, wx1, wy1;
    view_screen_to_world(&app.view, x, y, &wx0, &wy0);
    AppInput in = frame_input(now, x, y);
    in.pointer_pressed = in.pointer_down = true;
    tb_update(&app, &in);
    for (int i = 1; i <= 10; i++) {
        in = frame_input(now + i * 16, x + i * 10, y + i * 5);
        in.pointer_down = true;
        tb_update(&app, &in);
    }
    CHECK(tb_gesture.dragging);
    /* The world point first under the pointer follows it. */
    view_screen_to_world(&app.view, x + 100, y + 50, &wx1, &wy1);
    CHECK_NEAR(wx1, wx0, 1e-9);
    CHECK_NEAR(wy1, wy0, 1e-9);
    in = frame_input(now + 200, x + 100, y + 50);
    in.pointer_released = true;
    tb_update(&app, &in);
    CHECK(!tb_gesture.dragging);
}

static void test_state_json(void)
{
    tb_select(&app, (Selection){ SELECTION_COUNTRY, 2 }, 0);
    char json[2048];
    int n = app_state_json(&app, json, sizeof json);
    CHECK(n > 0 && (size_t)n == strlen(json));
    CHECK(strstr(json, "\"selection\":\"UZB\"") != NULL);
    CHECK(strstr(json, "\"selectionKind\":\"country\"") != NULL);
    CHECK(strstr(json, "\"panelOpen\":true") != NULL);
    char tiny[16];
    n = app_state_json(&app, tiny, sizeof tiny);
    CHECK(n == 15 && strlen(tiny) == 15);
}

static bool scroll_to(float y)
{
    Command c = { .kind = CMD_SET_PANEL_SCROLL };
    c.u.panel_scroll_css = y;
    return app_apply(&app, &c, 2000);
}

/* Issue 16: back and forward restore the panel's scroll as it was left, with
 * the panel's arrows (CMD_HISTORY_STEP) and with the browser's buttons (which
 * apply the previous entry's link); a new selection starts at the top. */
static void test_history_keeps_panel_scroll(void)
{
    double now = 2000;
    tb_select(&app, (Selection){ SELECTION_PLACE, 1 }, now); /* the entry before: neither country */
    tb_select(&app, (Selection){ SELECTION_COUNTRY, 3 }, now);
    CHECK(app.select.panel_scroll_css == 0);
    CHECK(scroll_to(300));
    tb_select(&app, (Selection){ SELECTION_COUNTRY, 1 }, now);
    CHECK(app.select.panel_scroll_css == 0); /* a new selection: the top */
    CHECK(scroll_to(50));
    int count = app.select.history_count;
    CHECK(tb_history(&app, -1, now));
    CHECK(app.select.current.id == 3 && app.select.panel_scroll_css == 300);
    CHECK(tb_history(&app, +1, now));
    CHECK(app.select.current.id == 1 && app.select.panel_scroll_css == 50);
    /* The browser's back button: the previous page's link, stepped to, not added. */
    CHECK(tb_apply_state(&app, "c=TKM", NULL));
    CHECK(app.select.current.id == 3 && app.select.panel_scroll_css == 300);
    CHECK(app.select.history_count == count && app.select.history_pos == count - 2);
    CHECK(scroll_to(120)); /* scrolled further there */
    CHECK(tb_apply_state(&app, "c=KAZ", NULL)); /* forward */
    CHECK(app.select.current.id == 1 && app.select.panel_scroll_css == 50);
    CHECK(tb_apply_state(&app, "", NULL)); /* a page with nothing selected */
    CHECK(tb_apply_state(&app, "c=KAZ", NULL)); /* and back: the same entry */
    CHECK(app.select.panel_scroll_css == 50 && app.select.history_count == count);
    CHECK(tb_history(&app, -1, now));
    CHECK(app.select.current.id == 3 && app.select.panel_scroll_css == 120);
    /* Closing and reopening the panel keeps it; a bad value is refused. */
    app_apply(&app, &(Command){ .kind = CMD_ESCAPE }, now);
    CHECK(!app.select.panel_open);
    tb_select(&app, (Selection){ SELECTION_COUNTRY, 3 }, now);
    CHECK(app.select.panel_open && app.select.panel_scroll_css == 120);
    CHECK(!scroll_to(-1) && !scroll_to(NAN));
    CHECK(app.select.panel_scroll_css == 120);
    /* A link elsewhere is a new entry at the top. */
    CHECK(tb_apply_state(&app, "c=UZB", NULL));
    CHECK(app.select.current.id == 2 && app.select.panel_scroll_css == 0);
    CHECK(app.select.history_count == count && app.select.history_pos == count - 1); /* KAZ after TKM dropped */
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
    test_click_selects_and_history();
    test_wheel_keeps_point_fixed();
    test_drag_pans_without_selecting();
    test_state_json();
    test_history_keeps_panel_scroll();
    app_destroy(&app);
    bundle_close(&b);
    free(data);
    return test_finish();
}
