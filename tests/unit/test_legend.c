/* test_legend: the map key's place and the scale bar's length. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "legend.h"
#include "app.h"
#include "app_json.h"
#include "test_support.h"

/* 1, 2 or 5 times a power of ten. */
static bool is_round(double km)
{
    double step = pow(10, floor(log10(km) + 1e-9)), k = km / step;
    return fabs(k - 1) < 1e-9 || fabs(k - 2) < 1e-9 || fabs(k - 5) < 1e-9;
}

int main(void)
{
    size_t size;
    uint8_t *data = tb_fixture_bundle(&size);
    Bundle b;
    App app;
    if (!tb_open_app(data, size, &b, &app, 1200, 800)) {
        free(data);
        return test_finish();
    }

    /* The bar is a round length, no longer than asked, and its length in px
     * times the local km per px (measured independently here, vertically)
     * gives back its kilometres, at many zooms and places. */
    const double scales[] = { 800, 2000, 8000, 40000, 200000 };
    const double lonlat[][2] = { { 68, 45 }, { 71.4, 51.2 }, { 58, 38 }, { 85, 56 } };
    for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
        for (size_t c = 0; c < 4; c++) {
            WorldPoint w = geo_project(&app.projection, lonlat[c][0], lonlat[c][1]);
            app.view.scale_px = scales[i];
            app.view.center_x = w.x;
            app.view.center_y = w.y;
            double km = 0, px = 0;
            CHECK(legend_scale_bar(&app, 130, &km, &px));
            CHECK(is_round(km));
            CHECK(px <= 130 + 1e-9);
            CHECK(px > 130 / 5.0 - 1e-9); /* the next round length would not fit */
            double wx, wy, lon0, lat0, lon1, lat1;
            view_screen_to_world(&app.view, 600, 400 - 20, &wx, &wy);
            CHECK(geo_unproject(&app.projection, (WorldPoint){ wx, wy }, &lon0, &lat0));
            view_screen_to_world(&app.view, 600, 400 + 20, &wx, &wy);
            CHECK(geo_unproject(&app.projection, (WorldPoint){ wx, wy }, &lon1, &lat1));
            double km_per_px = geo_distance_km(lon0, lat0, lon1, lat1) / 40;
            /* An equal-area conic stretches one way what it squeezes the other:
             * only near the standard parallels do both directions agree. */
            CHECK(fabs(px * km_per_px / km - 1) < 0.35);
        }
    }
    /* Scale follows latitude: the same screen length spans different
     * distances north and south in an equal-area conic. */
    app.view.scale_px = 3000;
    WorldPoint north = geo_project(&app.projection, 68, 66), south = geo_project(&app.projection, 68, 30);
    app.view.center_x = north.x;
    app.view.center_y = north.y;
    double km_n, px_n, km_s, px_s;
    CHECK(legend_scale_bar(&app, 130, &km_n, &px_n));
    app.view.center_x = south.x;
    app.view.center_y = south.y;
    CHECK(legend_scale_bar(&app, 130, &km_s, &px_s));
    CHECK(fabs(km_n / px_n - km_s / px_s) > 1e-3 * (km_s / px_s));
    CHECK(!legend_scale_bar(&app, 0, &km_n, &px_n));

    /* The key sits at the bottom left of the map area, above the timeline. */
    app.screen.chrome_inset_bottom_css = 78;
    LegendLayout l;
    legend_layout(&app, &l);
    CHECK(l.open);
    CHECK_NEAR(l.x, LEGEND_MARGIN_CSS, 1e-9);
    CHECK_NEAR(l.y + l.h, 800 - 78 - LEGEND_MARGIN_CSS, 1e-9);
    CHECK_EQ_U(l.category_rows, 3);
    CHECK(!l.arcs);
    bool toggle = false;
    CHECK(legend_contains(&l, l.x + 5, l.y + 5, &toggle) && toggle);
    CHECK(legend_contains(&l, l.x + 5, l.y + l.h - 2, &toggle) && !toggle);
    CHECK(!legend_contains(&l, l.x + l.w + 1, l.y + 5, &toggle) && !toggle);
    double open_h = l.h;
    app.display.layers |= LAYER_RELATIONS;
    legend_layout(&app, &l);
    CHECK(l.arcs && l.h > open_h);
    /* Folded: a header and the scale bar, still at the bottom. */
    app.display.legend_flipped = true;
    legend_layout(&app, &l);
    CHECK(!l.open && !l.arcs && l.h < open_h);
    CHECK_NEAR(l.y + l.h, 800 - 78 - LEGEND_MARGIN_CSS, 1e-9);
    CHECK(l.scale_y > l.y && l.scale_y < l.y + l.h);
    /* On a small screen it starts folded, and a flip opens it. */
    app.view.width_css = 400;
    app.display.legend_flipped = false;
    legend_layout(&app, &l);
    CHECK(!l.open);
    app.display.legend_flipped = true;
    legend_layout(&app, &l);
    CHECK(l.open);
    /* A projector's 1024 x 768: folded too, so it does not hide Turkmenistan
     * (issue 16 item 16); 1280 x 800 has room for it open. */
    app.view.width_css = 1024;
    app.view.height_css = 768;
    app.display.legend_flipped = false;
    legend_layout(&app, &l);
    CHECK(!l.open && l.w <= LEGEND_FOLDED_WIDTH_CSS);
    app.view.width_css = 1280;
    app.view.height_css = 800;
    legend_layout(&app, &l);
    CHECK(l.open);
    app.view.width_css = 1200;
    app.display.legend_flipped = true;
    /* A panel at the bottom (narrow screens) lifts it. */
    app.select.panel_open = true;
    app.screen.panel_inset_bottom_css = 300;
    legend_layout(&app, &l);
    CHECK_NEAR(l.y + l.h, 800 - 78 - 300 - LEGEND_MARGIN_CSS, 1e-9);

    app_destroy(&app);
    bundle_close(&b);
    free(data);
    return test_finish();
}
