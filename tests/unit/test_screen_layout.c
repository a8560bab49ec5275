/* test_screen_layout: every rectangle on screen, for phone, tablet and
 * desktop, with the panel open and closed. */
#include <stdio.h>

#include "screen_layout.h"
#include "test_support.h"

static bool inside(RectCss inner, RectCss outer)
{
    return inner.x >= outer.x - 1e-3f && inner.y >= outer.y - 1e-3f && inner.x + inner.w <= outer.x + outer.w + 1e-3f &&
           inner.y + inner.h <= outer.y + outer.h + 1e-3f;
}

static bool overlap(RectCss a, RectCss b)
{
    return a.w > 0 && b.w > 0 && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* What must hold at any size. */
static void check_sane(const ScreenLayout *l, const char *what)
{
    RectCss screen = { 0, 0, l->width, l->height };
    CHECK(inside(l->map, screen));
    CHECK(inside(l->timeline, screen));
    CHECK(inside(l->search, l->map));
    CHECK(l->timeline.y + 1e-3f >= l->map.y + l->map.h); /* the strip sits below the map */
    for (int b = SCREEN_BUTTON_CLOSE; b < SCREEN_BUTTON_COUNT; b++) {
        if (l->buttons[b].w == 0) continue;
        CHECK(inside(l->buttons[b], screen));
        CHECK(!overlap(l->buttons[b], l->search));
        for (int c = b + 1; c < SCREEN_BUTTON_COUNT; c++)
            if (overlap(l->buttons[b], l->buttons[c])) {
                printf("  %s: buttons %d and %d overlap\n", what, b, c);
                CHECK(false);
            }
    }
    if (l->panel_visible) {
        CHECK(!overlap(l->panel, l->map));
        CHECK(!overlap(l->panel, l->timeline));
        CHECK(inside(l->panel_content, l->panel));
        CHECK(l->buttons[SCREEN_BUTTON_OPEN_PANEL].w == 0);
        CHECK(inside(l->buttons[SCREEN_BUTTON_CLOSE], l->panel));
        CHECK(inside(l->buttons[SCREEN_BUTTON_BACK], l->panel));
    }
    /* The zoom column stays in the map, clear of the edge badges' keep-out. */
    RectCss zoom = l->buttons[SCREEN_BUTTON_RESET];
    CHECK(inside(zoom, l->map));
    CHECK(zoom.y + zoom.h <= l->controls_h_css);
    CHECK(l->map.x + l->map.w - zoom.x <= l->controls_w_css);
    CHECK(l->search.y + l->search.h <= l->edge_top_css);
}

static void test_desktop(void)
{
    ScreenLayout l;
    screen_layout_compute(&(ScreenInputs){ 1280, 800, false, false, false, false, false }, &l);
    CHECK(!l.narrow);
    CHECK_NEAR(l.map.w, 1280, 1e-3);
    CHECK_NEAR(l.map.h, 800 - SCREEN_TIMELINE_HEIGHT_CSS, 1e-3);
    CHECK_NEAR(l.panel.w, 396.8, 1e-3);      /* 31 % of the width, within 300..460 */
    CHECK(l.buttons[SCREEN_BUTTON_CLOSE].w == 0 && l.buttons[SCREEN_BUTTON_OPEN_PANEL].w == 0);
    CHECK_NEAR(l.panel_inset_right_css, l.panel.w, 1e-3);
    CHECK_NEAR(l.panel_inset_bottom_css, 0, 1e-9);
    check_sane(&l, "desktop closed");

    screen_layout_compute(&(ScreenInputs){ 1280, 800, true, true, false, false, false }, &l);
    CHECK_NEAR(l.map.w, 1280 - l.panel.w, 1e-3);
    CHECK_NEAR(l.timeline.w, l.map.w, 1e-3);  /* the strip stops at the panel */
    CHECK_NEAR(l.buttons[SCREEN_BUTTON_ZOOM_IN].x, l.map.w - SCREEN_BUTTON_CSS - SCREEN_MARGIN_CSS, 1e-3);
    check_sane(&l, "desktop open");

    /* Selected with the panel closed: "Details" at the top right, the zoom column below it. */
    screen_layout_compute(&(ScreenInputs){ 1280, 800, false, true, false, false, false }, &l);
    CHECK(l.buttons[SCREEN_BUTTON_OPEN_PANEL].w > 0);
    CHECK(l.buttons[SCREEN_BUTTON_ZOOM_IN].y >= l.buttons[SCREEN_BUTTON_OPEN_PANEL].y + l.buttons[SCREEN_BUTTON_OPEN_PANEL].h);
    check_sane(&l, "desktop details");

    /* Very wide: the panel stops growing. */
    screen_layout_compute(&(ScreenInputs){ 2560, 1440, true, true, false, false, false }, &l);
    CHECK_NEAR(l.panel.w, 460, 1e-3);
    check_sane(&l, "wide");
}

static void test_tablet(void)
{
    ScreenLayout l;
    screen_layout_compute(&(ScreenInputs){ 768, 1024, true, true, false, false, false }, &l);
    CHECK(!l.narrow);
    CHECK_NEAR(l.panel.w, 300, 1e-3);         /* at its minimum */
    check_sane(&l, "tablet portrait");
    screen_layout_compute(&(ScreenInputs){ 1024, 768, true, true, false, false, false }, &l);
    check_sane(&l, "tablet landscape");
    CHECK(l.panel.w <= 0.32f * 1024);         /* the map first: the panel had taken 42 % (issue 16 item 16) */
    screen_layout_compute(&(ScreenInputs){ 1024, 768, false, true, false, false, false }, &l);
    check_sane(&l, "tablet details");
}

static void test_phone(void)
{
    ScreenLayout l;
    screen_layout_compute(&(ScreenInputs){ 360, 640, true, true, false, false, false }, &l);
    CHECK(l.narrow);
    /* A bottom sheet: the lower 48 %, the map and the strip above it. */
    CHECK_NEAR(l.panel.y, 332, 1e-3);
    CHECK_NEAR(l.panel.w, 360, 1e-3);
    CHECK_NEAR(l.timeline.y + l.timeline.h, l.panel.y, 1e-3);
    CHECK_NEAR(l.panel_inset_right_css, 0, 1e-9);
    CHECK_NEAR(l.panel_inset_bottom_css, l.panel.h, 1e-3);
    CHECK(l.search.w <= 360 - SCREEN_BUTTON_CSS - 40 + 1e-3);
    check_sane(&l, "phone open");
    screen_layout_compute(&(ScreenInputs){ 360, 640, false, true, false, false, false }, &l);
    /* "Show details" sits at the bottom centre over the strip. */
    RectCss d = l.buttons[SCREEN_BUTTON_OPEN_PANEL];
    CHECK(d.w > 0 && d.y + d.h <= 640 && d.x + d.w / 2 > 179 && d.x + d.w / 2 < 181);
    CHECK_NEAR(l.map.h, 640 - SCREEN_TIMELINE_HEIGHT_CSS, 1e-3);
    check_sane(&l, "phone closed");
}

/* With tours: a "Tours" button under the column, kept clear of the edge
 * badges; in a tour, the stops' bar lies in the panel's header between its
 * arrows and its close button. */
static void test_tours(void)
{
    ScreenLayout l;
    screen_layout_compute(&(ScreenInputs){ 1280, 800, true, false, true, true, false }, &l);
    RectCss t = l.buttons[SCREEN_BUTTON_TOURS];
    CHECK(t.w > 0 && t.y >= l.buttons[SCREEN_BUTTON_RESET].y + l.buttons[SCREEN_BUTTON_RESET].h);
    CHECK(t.y + t.h <= l.controls_h_css);
    CHECK(l.map.x + l.map.w - t.x <= l.controls_w_css);
    RectCss pr = l.tour_progress;
    CHECK(pr.w > 0);
    CHECK(pr.x >= l.buttons[SCREEN_BUTTON_FORWARD].x + l.buttons[SCREEN_BUTTON_FORWARD].w);
    CHECK(pr.x + pr.w <= l.buttons[SCREEN_BUTTON_CLOSE].x);
    CHECK(pr.y >= l.panel.y && pr.y + pr.h <= l.panel.y + SCREEN_PANEL_HEADER_CSS);
    check_sane(&l, "desktop tour");
    screen_layout_compute(&(ScreenInputs){ 360, 640, true, false, true, true, false }, &l);
    CHECK(l.tour_progress.w > 0);
    check_sane(&l, "phone tour");
    screen_layout_compute(&(ScreenInputs){ 1280, 800, false, false, false, false, false }, &l);
    CHECK(l.buttons[SCREEN_BUTTON_TOURS].w == 0 && l.tour_progress.w == 0);
}

static void test_map_area(void)
{
    ScreenLayout l;
    screen_layout_compute(&(ScreenInputs){ 1000, 700, true, true, false, false, false }, &l);
    double a[4];
    screen_map_area(&l, true, a);
    CHECK_NEAR(a[2], 1000 - l.panel.w, 1e-3);
    CHECK_NEAR(a[3], 700 - SCREEN_TIMELINE_HEIGHT_CSS, 1e-3);
    screen_map_area(&l, false, a);
    CHECK_NEAR(a[2], 1000, 1e-9);
    CHECK(rect_css_contains(l.search, l.search.x + 1, l.search.y + 1));
    CHECK(!rect_css_contains(l.buttons[SCREEN_BUTTON_OPEN_PANEL], 0, 0)); /* w == 0 holds nothing */
}

/* Onboarding (issue 16 item 17): the title beside the search box where the
 * controls leave room, the first visit's hint under it with its close
 * button, and the '?' button in the column, below home. */
static void test_onboarding(void)
{
    ScreenLayout l;
    screen_layout_compute(&(ScreenInputs){ 1280, 800, false, false, true, false, true }, &l);
    check_sane(&l, "desktop hint");
    CHECK(l.title.w >= 110 && l.title.x >= l.search.x + l.search.w);
    CHECK(l.title.x + l.title.w <= l.buttons[SCREEN_BUTTON_ZOOM_IN].x);
    CHECK(l.hint.w >= 300 && l.hint.y >= l.search.y + l.search.h && inside(l.hint, l.map));
    CHECK(inside(l.buttons[SCREEN_BUTTON_HINT_CLOSE], l.hint));
    CHECK(l.notice_top >= l.hint.y + l.hint.h); /* a notice on a first visit goes under the hint */
    RectCss help = l.buttons[SCREEN_BUTTON_HELP], home = l.buttons[SCREEN_BUTTON_RESET];
    CHECK(help.w > 0 && inside(help, l.map) && help.y >= home.y + home.h && help.x == home.x);
    CHECK(help.y + help.h <= l.controls_h_css);
    /* No hint: neither it nor its button. */
    screen_layout_compute(&(ScreenInputs){ 1280, 800, false, false, true, false, false }, &l);
    CHECK(l.hint.w == 0 && l.buttons[SCREEN_BUTTON_HINT_CLOSE].w == 0);
    CHECK_NEAR(l.notice_top, l.search.y + l.search.h + 8, 1e-3); /* no hint: right under the search box */
    CHECK(l.buttons[SCREEN_BUTTON_HELP].w > 0);
    /* A phone: the hint fits the map beside the column; no room for the title. */
    screen_layout_compute(&(ScreenInputs){ 360, 640, false, false, true, false, true }, &l);
    check_sane(&l, "phone hint");
    CHECK(l.hint.w > 0 && l.hint.x + l.hint.w <= l.buttons[SCREEN_BUTTON_HELP].x);
    CHECK(l.title.w == 0);
    CHECK(l.notice_top >= l.hint.y + l.hint.h);
    /* The buttons in a row (a large text scale): '?' is in the row. */
    screen_layout_compute(&(ScreenInputs){ 512, 240, false, false, true, false, false }, &l);
    help = l.buttons[SCREEN_BUTTON_HELP];
    CHECK(help.w > 0 && help.y == l.buttons[SCREEN_BUTTON_ZOOM_IN].y && inside(help, l.map));
}

/* The presenter's window: on the display the atlas is not on, centred, 80 %. */
static void test_second_window(void)
{
    RectCss displays[3] = { { 0, 0, 1920, 1040 }, { 1920, 0, 1024, 768 }, { -1280, 0, 1280, 800 } };
    RectCss w;
    CHECK(!screen_place_second_window(displays, 0, 0, &w));
    /* One display: there, centred, 800 x 600. */
    CHECK(screen_place_second_window(displays, 1, 0, &w));
    CHECK(w.w == 800 && w.h == 600 && w.x == 560 && w.y == 220);
    /* The atlas on the projector (display 1): the presenter on the laptop (0), and the other way round. */
    CHECK(screen_place_second_window(displays, 2, 1, &w));
    CHECK(w.x >= 0 && w.x + w.w <= 1920 && w.w == 1536);
    CHECK(screen_place_second_window(displays, 2, 0, &w));
    CHECK(w.x >= 1920 && w.x + w.w <= 1920 + 1024 && w.w == 819 && w.h == 614);
    /* Three displays: a display other than the atlas's; an unknown one counts as the first. */
    CHECK(screen_place_second_window(displays, 3, 2, &w) && w.x >= 0 && w.x + w.w <= 1920);
    CHECK(screen_place_second_window(displays, 3, -1, &w) && w.x >= 1920);
    /* A small display: never more than it has; a small other one: at least 640 x 480. */
    RectCss small[2] = { { 0, 0, 700, 400 }, { 700, 0, 700, 500 } };
    CHECK(screen_place_second_window(small, 1, 0, &w));
    CHECK(w.w == 700 && w.h == 400 && w.x == 0 && w.y == 0);
    CHECK(screen_place_second_window(small, 2, 0, &w));
    CHECK(w.w == 640 && w.h == 480 && w.x == 730 && w.y == 10);
}

int main(void)
{
    test_second_window();
    test_onboarding();
    test_desktop();
    test_tablet();
    test_phone();
    test_tours();
    test_map_area();
    return test_finish();
}
