/* test_event_markers: layout, clustering, filtering and picking of markers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "event_markers.h"
#include "test_support.h"

static App app;

static uint32_t glyph_total(const EventMarkers *m)
{
    uint32_t total = 0;
    for (size_t i = 0; i < m->glyph_count; i++) total += m->glyphs[i].count;
    return total;
}

int main(void)
{
    size_t size;
    uint8_t *data = tb_fixture_bundle(&size);
    Bundle b;
    char message[256];
    CHECK(bundle_open(&b, data, size, message, sizeof message) == BUNDLE_OK);
    CHECK(app_init(&app, &b, 800, 600, 0));
    EventMarkers *m = app.markers;
    CHECK(m != NULL);

    /* Zoomed so the three places (0.5+ world units apart) are far apart on screen. */
    view_cancel_flight(&app.view);
    app.view.scale_px = 400;
    app.view.center_x = 1.5;
    app.view.center_y = 0.8;
    event_markers_update(m, &app);
    CHECK_EQ_U(m->visible, 3);
    CHECK_EQ_U(m->glyph_count, 3);
    CHECK_EQ_U(glyph_total(m), 3);
    CHECK_EQ_U(m->edge_count, 0);

    /* Each marker is where its place projects, and picking finds it. */
    for (size_t i = 0; i < m->glyph_count; i++) {
        const MarkerGlyph *g = &m->glyphs[i];
        BundlePlace p = bundle_place(&b, bundle_event(&b, g->event).place);
        double x, y;
        view_world_to_screen(&app.view, p.x, p.y, &x, &y);
        CHECK_NEAR(g->x, x, 1e-6);
        CHECK_NEAR(g->y, y, 1e-6);
        CHECK(event_markers_hit(m, x + 3, y - 3) == (int)i);
    }
    CHECK(event_markers_hit(m, -500, -500) == -1);

    /* An event whose place leaves the map area is pointed at from the edge,
     * and a click there selects the place. */
    app.view.center_y = 1.5; /* Astana (y 0.2) is now 520 px above the top */
    event_markers_update(m, &app);
    CHECK_EQ_U(m->edge_count, 1);
    CHECK_EQ_U(m->glyph_count + m->edge_count, 3);
    if (m->edge_count == 1) {
        const EdgeIndicator *e = &m->edges[0];
        CHECK_EQ_U(e->place, 1);
        CHECK_EQ_U(e->count, 1);
        CHECK(e->dy < -0.9);                       /* pointing up */
        CHECK(e->y >= EDGE_TOP_CSS && e->y < 120); /* at the top of the map area */
        CHECK(event_markers_hit_edge(m, e->x, e->y) == 0);
        AppInput in = { .now_ms = 5, .width_css = 800, .height_css = 600, .pointer_inside = true,
                        .pointer_x = e->x, .pointer_y = e->y, .pointer_pressed = true, .pointer_down = true };
        app_update(&app, &in);
        CHECK(app.selection.kind == SELECTION_PLACE && app.selection.id == 1);
        view_cancel_flight(&app.view);
    }
    app.view.center_x = 1.5;
    app.view.center_y = 0.8;

    /* Zoomed far out, all three gather into one cluster that counts them. */
    app.view.scale_px = 2;
    event_markers_update(m, &app);
    CHECK_EQ_U(m->glyph_count, 1);
    CHECK_EQ_U(m->glyphs[0].count, 3);
    CHECK_EQ_U(glyph_total(m), 3);

    /* The filter: years and categories. */
    app.view.scale_px = 400;
    app_set_years(&app, 2020, 2021);
    event_markers_update(m, &app);
    CHECK_EQ_U(m->visible, 2);
    app_toggle_category(&app, CATEGORY_TRADE, false);
    event_markers_update(m, &app);
    CHECK_EQ_U(m->visible, 1);
    CHECK(!app_event_visible(&app, 2));
    CHECK(app_event_visible(&app, 3));
    app_toggle_category(&app, CATEGORY_CULTURE, true); /* solo */
    CHECK_EQ_U(app.filter.category_mask, 1u << CATEGORY_CULTURE);
    app_toggle_category(&app, CATEGORY_CULTURE, true); /* solo again: everything back */
    CHECK_EQ_U(app.filter.category_mask, (1u << CATEGORY_COUNT) - 1);

    /* Playing reveals events as their date comes. */
    app_set_years(&app, 2019, 2021);
    app_toggle_play(&app);
    CHECK(app.playing && app.play_year == 2019);
    CHECK(app_event_visible(&app, 1) == false); /* 2019 (year precision) counts from mid-year */
    app.play_year = 2019.6;
    CHECK(app_event_visible(&app, 1));
    CHECK(!app_event_visible(&app, 2));          /* May 2020 not yet */

    /* A click on a single marker selects its event; the state says so. */
    app.playing = false;
    event_markers_update(m, &app);
    int found = -1;
    for (size_t i = 0; i < m->glyph_count; i++) if (m->glyphs[i].count == 1) found = (int)i;
    CHECK(found >= 0);
    if (found >= 0) {
        AppInput in = { .now_ms = 10, .width_css = 800, .height_css = 600, .pointer_inside = true,
                        .pointer_x = m->glyphs[found].x, .pointer_y = m->glyphs[found].y,
                        .pointer_pressed = true, .pointer_down = true };
        uint32_t want = m->glyphs[found].event;
        app_update(&app, &in);
        CHECK(app.selection.kind == SELECTION_EVENT && app.selection.id == want);
    }
    app_destroy(&app);
    free(data);
    return test_finish();
}
