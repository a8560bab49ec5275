/* test_tour: guided tours played through commands, on a bundle compiled from
 * assets/ with tests/unit/fixtures/tours.json (STEPPE_TOUR_BUNDLE), and every
 * stop of the real bundle's tours (argv[1]) applies cleanly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app_json.h"
#include "deeplink.h"
#include "gesture.h"
#include "panel.h"
#include "tour.h"
#include "test_support.h"

static App app;
static PanelDoc doc;

static bool run(Command c) { return app_apply(&app, &c, 1000); }
static Command start_cmd(uint32_t id, uint32_t stop)
{
    Command c = { .kind = CMD_TOUR_START };
    c.u.tour.id = id;
    c.u.tour.stop = stop;
    return c;
}
static Command step_cmd(int d)
{
    Command c = { .kind = CMD_TOUR_STEP };
    c.u.direction = d;
    return c;
}

static void hash(char *out, size_t size) { deeplink_write(&app, out, size); }

static void test_fixture(const Bundle *b)
{
    CHECK_EQ_U(b->tour_count, 2);
    uint32_t id = bundle_find_tour(b, "fixture-tour");
    CHECK(id == 1);
    CHECK_EQ_U(bundle_tour(b, id).stop_count, 3);
    CHECK_STR(bundle_tour_stop(b, id, 0).state, "c=KAZ&t=2018-2019");
    CHECK_STR(bundle_tour_stop(b, id, 1).state, "v=45.00000,60.00000,-1.00&f=diplomacy&l=markers,relations");
    CHECK_STR(bundle_tour_stop(b, id, 2).notes, "Third.");
    CHECK_STR(bundle_tour_stop(b, id, 3).state, ""); /* out of range */
    CHECK(!bundle_find_tour(b, "nope"));

    /* What the teacher had before: Uzbekistan, in high contrast. */
    CHECK(tb_apply_state(&app, "c=UZB&theme=contrast", NULL));
    Command land = cmd_simple(CMD_LAND_FLIGHT);
    run(land);
    double before_x = app.view.center_x, before_scale = app.view.scale_px;

    CHECK(!run(start_cmd(0, 0)));
    CHECK(!run(start_cmd(99, 0)));
    CHECK(!run(step_cmd(+1)));           /* no tour plays */
    CHECK(run(start_cmd(id, 0)));
    CHECK(app.mode.kind == APP_MODE_TOUR && app.mode.tour.stop == 0);
    CHECK(app.select.current.kind == SELECTION_COUNTRY && !strcmp(bundle_country(b, app.select.current.id).iso3, "KAZ"));
    CHECK(app.timeline.filter.year_from == 2018 && app.timeline.filter.year_to == 2019);
    CHECK(app.display.theme == THEME_ID_DEFAULT); /* the stop says the whole state */
    CHECK(app_panel_visible(&app) && app.screen.tour_progress.w > 0);
    char h[256];
    hash(h, sizeof h);
    CHECK_STR(h, "tour=fixture-tour&stop=1");
    char sel[256];
    deeplink_selection(&app, sel, sizeof sel);
    CHECK_STR(sel, "tour=fixture-tour&stop=1"); /* each stop its own history entry */

    /* The slide is the panel. */
    panel_build_for(&doc, &app);
    CHECK(doc.subject == PANEL_ABOUT_TOUR_STOP && doc.block_count >= 4);
    CHECK_STR(panel_block_text(&doc, 0), "Kazakhstan");
    CHECK_STR(panel_block_text(&doc, 1), "A fixture tour · 1 / 3");

    CHECK(!run(step_cmd(-1)));           /* at the first stop */
    CHECK(run(step_cmd(+1)));
    CHECK(app.mode.tour.stop == 1 && app.select.current.kind == SELECTION_NONE);
    CHECK(app.view.flight.active);       /* a flight to the stop's view */
    CHECK(app.display.layers == (LAYER_MARKERS | LAYER_RELATIONS));
    CHECK_EQ_U(app.timeline.filter.category_mask, 1u << CATEGORY_DIPLOMACY);
    CHECK(run(step_cmd(+1)));
    CHECK(app.select.current.kind == SELECTION_ARTICLE);
    CHECK(!run(step_cmd(+1)));           /* at the last */
    Command go = { .kind = CMD_TOUR_GO };
    go.u.tour.stop = 0;
    CHECK(run(go));
    CHECK(app.mode.tour.stop == 0);
    go.u.tour.stop = UINT32_MAX;         /* End: the last stop */
    CHECK(run(go));
    CHECK(app.mode.tour.stop == 2);

    /* Blank and back, then Escape leaves the tour: back to Uzbekistan in high contrast. */
    CHECK(run(cmd_toggle(CMD_TOUR_BLANK, TOGGLE_FLIP)));
    CHECK(app.mode.tour.blank);
    CHECK(run(cmd_simple(CMD_ESCAPE)));
    CHECK(!app.mode.tour.blank && app.mode.kind == APP_MODE_TOUR); /* Escape unblanks first */
    CHECK(run(cmd_simple(CMD_ESCAPE)));
    CHECK(app.mode.kind == APP_MODE_NONE);
    CHECK(app.select.current.kind == SELECTION_COUNTRY && !strcmp(bundle_country(b, app.select.current.id).iso3, "UZB"));
    CHECK(app.display.theme == THEME_ID_HIGH_CONTRAST);
    run(land);
    CHECK_NEAR(app.view.center_x, before_x, 1e-9);
    CHECK_NEAR(app.view.scale_px, before_scale, 1e-9 * before_scale);

    /* A link opens a tour at a stop (1-based in the string); another link leaves it. */
    DeeplinkReport report;
    CHECK(tb_apply_state(&app, "tour=fixture-tour&stop=2", &report));
    CHECK_EQ_U(report.ignored, 0);
    CHECK(app.mode.kind == APP_MODE_TOUR && app.mode.tour.stop == 1);
    CHECK(tb_apply_state(&app, "tour=fixture-tour&stop=3", NULL)); /* back/forward within the tour */
    CHECK(app.mode.tour.stop == 2);
    CHECK(tb_apply_state(&app, "tour=fixture-tour&stop=99", NULL)); /* past the end: the last */
    CHECK(app.mode.tour.stop == 2);
    CHECK(tb_apply_state(&app, "tour=nope&stop=0", &report));
    CHECK_EQ_U(report.ignored, 2);
    CHECK(app.mode.kind == APP_MODE_NONE);
    CHECK(tb_apply_state(&app, "tour=second-tour", NULL));
    CHECK(app.mode.kind == APP_MODE_TOUR && app.mode.tour.tour == 2 && app.mode.tour.stop == 0);
    CHECK(tb_apply_state(&app, "c=KAZ", NULL));
    CHECK(app.mode.kind == APP_MODE_NONE && app.select.current.kind == SELECTION_COUNTRY);

    /* The list: opened, closed, and a tour started from it. */
    CHECK(run(cmd_toggle(CMD_TOUR_LIST, TOGGLE_ON)));
    CHECK(app.mode.kind == APP_MODE_TOUR_LIST && app_panel_visible(&app));
    panel_build_for(&doc, &app);
    int links = 0;
    for (int i = 0; i < doc.block_count; i++) links += doc.blocks[i].tour != 0;
    CHECK_EQ_U(links, 2);
    CHECK(run(cmd_simple(CMD_ESCAPE)));
    CHECK(app.mode.kind == APP_MODE_NONE);
    CHECK(run(cmd_toggle(CMD_TOUR_LIST, TOGGLE_FLIP)));
    CHECK(run(start_cmd(2, 0)));
    CHECK(app.mode.kind == APP_MODE_TOUR);
    CHECK(run(cmd_simple(CMD_TOUR_END)));
    CHECK(app.mode.kind == APP_MODE_NONE && app.select.current.kind == SELECTION_COUNTRY);

    /* Keys, as a presentation clicker sends them. */
    CHECK(run(start_cmd(1, 0)));
    AppInput in = { .now_ms = 2000, .width_css = 800, .height_css = 600, .keys_pressed = APP_KEY_PAGE_DOWN };
    tb_update(&app, &in);
    CHECK(app.mode.tour.stop == 1);
    in.now_ms += 16;
    in.keys_pressed = APP_KEY_SPACE;
    tb_update(&app, &in);
    CHECK(app.mode.tour.stop == 2);
    in.now_ms += 16;
    in.keys_pressed = APP_KEY_PAGE_UP;
    tb_update(&app, &in);
    CHECK(app.mode.tour.stop == 1);
    in.now_ms += 16;
    in.keys_pressed = APP_KEY_RESET; /* Home */
    tb_update(&app, &in);
    CHECK(app.mode.tour.stop == 0);
    in.now_ms += 16;
    in.keys_pressed = APP_KEY_END;
    tb_update(&app, &in);
    CHECK(app.mode.tour.stop == 2);
    in.now_ms += 16;
    in.keys_pressed = APP_KEY_BLANK;
    tb_update(&app, &in);
    CHECK(app.mode.tour.blank);
    double cx = app.view.center_x;
    in.now_ms += 16;
    in.keys_pressed = 0;
    in.keys_down = APP_KEY_LEFT;     /* held arrows do not pan in a tour */
    tb_update(&app, &in);
    in.keys_down = 0;
    CHECK(app.view.flight.active || app.view.center_x == cx);

    char json[4096];
    app_state_json(&app, json, sizeof json);
    CHECK(strstr(json, "\"mode\":\"tour\"") != NULL);
    CHECK(strstr(json, "\"tour\":{\"id\":\"fixture-tour\",\"stop\":3,\"stops\":3,\"blank\":true}") != NULL);
    TextOut o = { 0 };
    text_out_reset_growing(&o);
    app_json_tours(&app, &o);
    CHECK_STR(text_out_result(&o, ""), "[{\"id\":\"fixture-tour\",\"title\":\"A fixture tour\",\"stops\":3},"
                                       "{\"id\":\"second-tour\",\"title\":\"A second tour\",\"stops\":1}]");
    text_out_free(&o);
    run(cmd_simple(CMD_TOUR_END));
}

/* The presenter view's content: the tour, "stop N / M", the current stop's
 * title, text and notes, the next stop and the clock since the tour began;
 * and its keys as the atlas window's commands. */
static void test_presenter(const Bundle *b)
{
    TourPresenterText pt;
    tour_presenter_text(&app, 5000, &pt);
    CHECK(!pt.playing);
    CHECK_STR(pt.message, "No tour is playing in the atlas window: press t there to choose one.");
    CHECK_STR(pt.title, "");
    CHECK_STR(pt.clock, "00:00");
    Command out[3];
    CHECK(tour_presenter_commands(&app, APP_KEY_RIGHT, out) == 0); /* no tour: the keys do nothing */

    uint32_t id = bundle_find_tour(b, "fixture-tour");
    Command start = start_cmd(id, 0);
    CHECK(app_apply(&app, &start, 10000));
    tour_presenter_text(&app, 10000 + 65400, &pt); /* 1 min 5.4 s later */
    CHECK(pt.playing && !pt.blank);
    CHECK_STR(pt.message, "");
    CHECK_STR(pt.tour_title, "A fixture tour");
    CHECK_STR(pt.where, "stop 1 / 3");
    CHECK_STR(pt.title, "Kazakhstan");
    CHECK(!strncmp(pt.text, "one two three", 13));
    CHECK_STR(pt.notes, "(No notes for this stop.)"); /* the first stop has none */
    CHECK_STR(pt.next, "Next: Wide");
    CHECK_STR(pt.clock, "01:05");

    /* The presenter's Right is the atlas's next stop. */
    CHECK(tour_presenter_commands(&app, APP_KEY_RIGHT, out) == 1);
    CHECK(out[0].kind == CMD_TOUR_STEP && out[0].u.direction == 1);
    CHECK(app_apply(&app, &out[0], 20000));
    tour_presenter_text(&app, 20000, &pt);
    CHECK_STR(pt.where, "stop 2 / 3");
    CHECK_STR(pt.title, "Wide");
    CHECK_STR(pt.notes, "Ask the class.");
    CHECK_STR(pt.next, "Next: An article");
    CHECK_STR(pt.clock, "00:10"); /* still since the tour began, not since the stop */

    /* End: the last stop, which has no next one. */
    CHECK(tour_presenter_commands(&app, APP_KEY_END, out) == 1);
    CHECK(out[0].kind == CMD_TOUR_GO && out[0].u.tour.stop == UINT32_MAX);
    CHECK(app_apply(&app, &out[0], 20000));
    tour_presenter_text(&app, 10000 + 3600000 + 62000, &pt);
    CHECK_STR(pt.where, "stop 3 / 3");
    CHECK_STR(pt.notes, "Third.");
    CHECK_STR(pt.next, "This is the last stop.");
    CHECK_STR(pt.clock, "1:01:02");

    /* Left, PageUp and Backspace go back; Home to the first stop. */
    uint64_t back[] = { APP_KEY_LEFT, APP_KEY_UP, APP_KEY_PAGE_UP, APP_KEY_BACK | APP_KEY_DELETE };
    for (size_t i = 0; i < sizeof back / sizeof back[0]; i++) {
        CHECK(tour_presenter_commands(&app, back[i], out) == 1);
        CHECK(out[0].kind == CMD_TOUR_STEP && out[0].u.direction == -1);
    }
    uint64_t next[] = { APP_KEY_DOWN, APP_KEY_SPACE, APP_KEY_ENTER, APP_KEY_PAGE_DOWN };
    for (size_t i = 0; i < sizeof next / sizeof next[0]; i++) {
        CHECK(tour_presenter_commands(&app, next[i], out) == 1);
        CHECK(out[0].kind == CMD_TOUR_STEP && out[0].u.direction == 1);
    }
    CHECK(tour_presenter_commands(&app, APP_KEY_RESET, out) == 1);
    CHECK(out[0].kind == CMD_TOUR_GO && out[0].u.tour.stop == 0);
    CHECK(app_apply(&app, &out[0], 20000));
    CHECK(app.mode.tour.stop == 0);
    /* Keys that are the map's, not the tour's, do nothing here. */
    CHECK(tour_presenter_commands(&app, APP_KEY_ZOOM_IN | APP_KEY_PLAY | APP_KEY_LANGUAGE, out) == 0);

    /* b blanks the atlas window (the presenter says so); Esc shows it again, then leaves. */
    CHECK(tour_presenter_commands(&app, APP_KEY_BLANK, out) == 1);
    CHECK(out[0].kind == CMD_TOUR_BLANK && out[0].u.toggle == TOGGLE_FLIP);
    CHECK(app_apply(&app, &out[0], 20000));
    tour_presenter_text(&app, 20000, &pt);
    CHECK(pt.blank);
    CHECK(tour_presenter_commands(&app, APP_KEY_ESCAPE, out) == 1);
    CHECK(out[0].kind == CMD_ESCAPE);
    CHECK(app_apply(&app, &out[0], 20000));
    CHECK(tour_playing(&app) && !app.mode.tour.blank);
    CHECK(app_apply(&app, &out[0], 20000));
    CHECK(!tour_playing(&app));
    tour_presenter_text(&app, 20000, &pt);
    CHECK(!pt.playing);

    /* A new tour restarts the clock. */
    start = start_cmd(bundle_find_tour(b, "second-tour"), 0);
    CHECK(app_apply(&app, &start, 50000));
    tour_presenter_text(&app, 50999, &pt);
    CHECK_STR(pt.tour_title, "A second tour");
    CHECK_STR(pt.where, "stop 1 / 1");
    CHECK_STR(pt.next, "This is the last stop.");
    CHECK_STR(pt.clock, "00:00");
    run(cmd_simple(CMD_TOUR_END));
}

static void test_clock(void)
{
    char c[16];
    tour_format_clock(0, c, sizeof c);
    CHECK_STR(c, "00:00");
    tour_format_clock(-5000, c, sizeof c);
    CHECK_STR(c, "00:00");
    tour_format_clock(59999, c, sizeof c);
    CHECK_STR(c, "00:59");
    tour_format_clock(600000, c, sizeof c);
    CHECK_STR(c, "10:00");
    tour_format_clock(3599999, c, sizeof c);
    CHECK_STR(c, "59:59");
    tour_format_clock(3600000, c, sizeof c);
    CHECK_STR(c, "1:00:00");
    tour_format_clock(1e300, c, sizeof c);
    CHECK_STR(c, "99:59:59");
}

/* Every stop of every tour in the real bundle applies with no field ignored,
 * and selects what it names. */
static void test_real_tours(const char *path)
{
    size_t size;
    uint8_t *data = test_read_file(path, &size);
    if (!data) { printf("skip: no real bundle at %s\n", path ? path : "(none)"); return; }
    Bundle b;
    App real;
    if (!tb_open_app(data, size, &b, &real, 1280, 800)) { free(data); return; }
    printf("real bundle: %u tours\n", b.tour_count);
    for (uint32_t t = 1; t <= b.tour_count; t++) {
        BundleTour tour = bundle_tour(&b, t);
        CHECK(tour.stop_count >= 1);
        for (uint32_t s = 0; s < tour.stop_count; s++) {
            BundleTourStop st = bundle_tour_stop(&b, t, s);
            DeeplinkState parsed;
            DeeplinkReport report;
            deeplink_parse(&real, st.state, &parsed, &report);
            if (report.ignored) printf("  %s stop %u: %s: %s\n", tour.key, s + 1, st.state, report.first_problem);
            CHECK_EQ_U(report.ignored, 0);
            CHECK(st.title[0] && st.text[0] && st.source_count >= 1);
            Command go = start_cmd(t, s);
            CHECK(app_apply(&real, &go, 0));
            CHECK(real.mode.tour.stop == s);
            CHECK(real.select.current.kind == parsed.selection.kind && real.select.current.id == parsed.selection.id);
        }
    }
    app_destroy(&real);
    bundle_close(&b);
    free(data);
}

int main(int argc, char **argv)
{
    const char *fixture = getenv("STEPPE_TOUR_BUNDLE");
    size_t size;
    uint8_t *data = test_read_file(fixture, &size);
    CHECK(data != NULL);
    if (data) {
        Bundle b;
        if (tb_open_app(data, size, &b, &app, 800, 600)) {
            test_fixture(&b);
            test_presenter(&b);
            app_destroy(&app);
            bundle_close(&b);
        }
        free(data);
    }
    test_clock();
    test_real_tours(argc > 1 ? argv[1] : NULL);
    return test_finish();
}
