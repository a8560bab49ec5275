/* test_ui_idle: the panel laid out ahead in idle frames (ui_idle) is the
 * panel a click opens, pixel for pixel.
 *
 * Two worlds on the direct-pixel path, each with its own App, Renderer and
 * Ui over the same bundle: in one the pointer rests on a country (or an
 * event's marker) and an idle frame lays its panel out ahead; in the other
 * no idle frame runs. Then both select it and draw a frame. The first must
 * have swapped the laid-out panel in (not built it again), and both frames
 * must be the same bytes. Moving to another country, changing the window's
 * size and a tour must each leave the spare unused.
 * The map key is a retained layer too (its body above the scale bar): while
 * the map zooms it is copied, not drawn again, and the frames must match a
 * world that draws it afresh every frame. */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "command.h"
#include "event_markers.h"
#include "render/render.h"
#include "test_support.h"
#include "test_world.h"
#include "ui/ui.h"
#include "view.h"

static World A, B;
static Bundle bundle;

static void apply(World *w, Command c) { world_apply(w, c); }
static void draw(World *w) { world_draw(w); }

/* A frame drawn with another theme (render_begin picks the app's). */
static void draw_in_theme(World *w, const Theme *theme)
{
    render_begin(&w->renderer, &w->app, 1.0f);
    const Theme *own = w->renderer.theme;
    w->renderer.theme = theme;
    render_map(&w->renderer, &w->app);
    ui_draw(&w->ui, &w->app);
    render_flush(&w->renderer);
    w->renderer.theme = own;
}

/* The pointer rests at (x, y) over what is there: the hover as the gesture
 * recogniser would set it. */
static void hover(World *w, double x, double y)
{
    event_markers_update(w->app.markers, &w->app);
    MarkerHit hit = event_markers_pick(w->app.markers, x, y);
    Command h = { .kind = CMD_HOVER };
    h.u.hover.at.x_css = x;
    h.u.hover.at.y_css = y;
    if (hit.kind == MARKER_HIT_GLYPH) h.u.hover.at.event = hit.event;
    else if (hit.kind == MARKER_HIT_NONE) h.u.hover.at.country = app_country_at(&w->app, x, y);
    h.u.hover.marker = &hit;
    apply(w, h);
}

static bool same_frame(const World *a, const World *b)
{
    const SDL_Surface *sa = a->surface, *sb = b->surface;
    if (sa->w != sb->w || sa->h != sb->h) return false;
    for (int y = 0; y < sa->h; y++)
        if (memcmp((const uint8_t *)sa->pixels + (size_t)y * (size_t)sa->pitch,
                   (const uint8_t *)sb->pixels + (size_t)y * (size_t)sb->pitch, (size_t)sa->w * 4))
        {
            int x0 = -1, x1 = -1;
            for (int x = 0; x < sa->w; x++)
                if (((const uint32_t *)sa->pixels)[(size_t)y * (size_t)sa->pitch / 4 + (size_t)x] !=
                    ((const uint32_t *)sb->pixels)[(size_t)y * (size_t)sb->pitch / 4 + (size_t)x]) { if (x0 < 0) x0 = x; x1 = x; }
            fprintf(stderr, "frames differ first in row %d, columns %d..%d: %08x %08x (panel x %.1f)\n", y, x0, x1,
                    ((const uint32_t *)sa->pixels)[(size_t)y * (size_t)sa->pitch / 4 + (size_t)x0],
                    ((const uint32_t *)sb->pixels)[(size_t)y * (size_t)sb->pitch / 4 + (size_t)x0], (double)A.ui.panel.x);
            return false;
        }
    return true;
}

/* A point of the country nearest its label point with no marker over it. */
static bool country_point(const World *w, uint32_t id, double *x, double *y)
{
    BundleCountry c = bundle_country(&bundle, id);
    double lx, ly;
    view_world_to_screen(&w->app.view, c.label_x, c.label_y, &lx, &ly);
    event_markers_update(w->app.markers, &w->app);
    for (int ring = 0; ring <= 40; ring++)
        for (int dy = -ring; dy <= ring; dy++)
            for (int dx = -ring; dx <= ring; dx++) {
                double px = lx + 6 * dx, py = ly + 6 * dy;
                if (app_country_at(&w->app, px, py) != id) continue;
                if (event_markers_pick(w->app.markers, px, py).kind != MARKER_HIT_NONE) continue;
                *x = px;
                *y = py;
                return true;
            }
    return false;
}

/* Hover at (x, y) in both worlds, an idle frame in A only, then both select
 * sel and draw. Returns whether A's spare was taken; *same says whether the
 * frames match. */
static bool click_both(double x, double y, Selection sel, bool *same)
{
    hover(&A, x, y);
    hover(&B, x, y);
    draw(&A);
    draw(&B);
    ui_idle(&A.ui, &A.app);
    bool ready = A.ui.spare_valid && A.ui.spare_doc.about.kind == sel.kind && A.ui.spare_doc.about.id == sel.id;
    /* ... and its pixels drawn ahead, while the frame's own are left as they were. */
    uint64_t ahead_key = A.renderer.layers[RENDER_LAYER_PANEL_AHEAD].key;
    ready = ready && A.renderer.layers[RENDER_LAYER_PANEL_AHEAD].valid && same_frame(&A, &B);
    apply(&A, cmd_select(sel.kind, sel.id));
    apply(&B, cmd_select(sel.kind, sel.id));
    draw(&A);
    draw(&B);
    *same = same_frame(&A, &B);
    /* The click's frame showed the panel drawn ahead (now the panel layer). */
    bool reused = A.renderer.layers[RENDER_LAYER_PANEL].valid && A.renderer.layers[RENDER_LAYER_PANEL].key == ahead_key;
    return ready && reused && !A.ui.spare_valid;
}

int main(int argc, char **argv)
{
    uint8_t *data;
    if (!world_read_bundle(argc, argv, &bundle, &data)) return test_finish();
    CHECK(world_open(&A, &bundle, 1280, 800, DIRECT));
    CHECK(world_open(&B, &bundle, 1280, 800, DIRECT));

    uint32_t kaz = bundle_find_country(&bundle, "KAZ"), uzb = bundle_find_country(&bundle, "UZB");
    double x, y;
    CHECK(kaz && country_point(&A, kaz, &x, &y));

    /* Idle frames lay out ahead the panel of what the pointer rests on
     * first (a click may follow at once), then build the search index; a
     * world that had no idle frame builds it for its first query. */
    CHECK(A.ui.search.index == NULL && B.ui.search.index == NULL);
    hover(&A, x, y);
    draw(&A);
    ui_idle(&A.ui, &A.app);
    CHECK(A.ui.spare_valid && A.ui.search.index == NULL);
    ui_idle(&A.ui, &A.app);
    CHECK(A.ui.search.index != NULL);
    A.ui.spare_valid = false;

    /* A country: laid out ahead, swapped in, the same frame. */
    bool same = false;
    CHECK(click_both(x, y, (Selection){ SELECTION_COUNTRY, kaz }, &same));
    CHECK(same);
    CHECK(A.ui.line_count > 10 && A.ui.line_count == B.ui.line_count);
    CHECK(!memcmp(A.ui.lines, B.ui.lines, (size_t)A.ui.line_count * sizeof A.ui.lines[0]));

    /* The selected country hovered: nothing to lay out ahead. */
    ui_idle(&A.ui, &A.app);
    CHECK(!A.ui.spare_valid);

    /* Another country, with the panel open already: swapped in, same frame. */
    CHECK(uzb && country_point(&A, uzb, &x, &y));
    CHECK(click_both(x, y, (Selection){ SELECTION_COUNTRY, uzb }, &same));
    CHECK(same);

    /* Laid out for one country, another selected: built afresh, same frame. */
    CHECK(country_point(&A, kaz, &x, &y));
    hover(&A, x, y);
    hover(&B, x, y);
    ui_idle(&A.ui, &A.app);
    CHECK(A.ui.spare_valid && A.ui.spare_doc.about.id == kaz);
    uint32_t tkm = bundle_find_country(&bundle, "TKM");
    apply(&A, cmd_select(SELECTION_COUNTRY, tkm));
    apply(&B, cmd_select(SELECTION_COUNTRY, tkm));
    draw(&A);
    draw(&B);
    CHECK(A.ui.spare_valid); /* not taken: it is Kazakhstan's */
    CHECK(same_frame(&A, &B));

    /* An event's marker: its panel laid out ahead too. */
    apply(&A, cmd_simple(CMD_ESCAPE));
    apply(&B, cmd_simple(CMD_ESCAPE));
    draw(&A);
    draw(&B);
    event_markers_update(A.app.markers, &A.app);
    bool found = false;
    for (int py = 100; py < 700 && !found; py += 3)
        for (int px = 100; px < 1200 && !found; px += 3) {
            MarkerHit hit = event_markers_pick(A.app.markers, px, py);
            if (hit.kind != MARKER_HIT_GLYPH || !hit.event) continue;
            found = true;
            CHECK(click_both(px, py, (Selection){ SELECTION_EVENT, hit.event }, &same));
            CHECK(same);
        }
    CHECK(found);

    /* The map key while the map zooms: A keeps its body, B draws it afresh
     * each frame; the scale bar changes with the zoom, the body's key not. */
    apply(&A, cmd_simple(CMD_ESCAPE));
    apply(&B, cmd_simple(CMD_ESCAPE));
    draw(&A);
    draw(&B);
    CHECK(A.renderer.layers[RENDER_LAYER_LEGEND].valid);
    uint64_t legend_key = A.renderer.layers[RENDER_LAYER_LEGEND].key;
    size_t frame_bytes = (size_t)A.surface->pitch * (size_t)A.surface->h;
    uint8_t *before_zoom = malloc(frame_bytes);
    CHECK(before_zoom != NULL);
    if (before_zoom) memcpy(before_zoom, A.surface->pixels, frame_bytes);
    for (int step = 0; step < 6; step++) {
        for (World *w = &A; w; w = w == &A ? &B : NULL) {
            Command z = { .kind = CMD_ZOOM_ABOUT };
            z.u.zoom.factor = step < 3 ? 1.6 : 0.7;
            z.u.zoom.x_css = 600;
            z.u.zoom.y_css = 400;
            apply(w, z);
        }
        B.renderer.layers[RENDER_LAYER_LEGEND].valid = false;
        draw(&A);
        draw(&B);
        CHECK(same_frame(&A, &B));
        CHECK(A.renderer.layers[RENDER_LAYER_LEGEND].valid && A.renderer.layers[RENDER_LAYER_LEGEND].key == legend_key);
    }
    CHECK(!before_zoom || memcmp(before_zoom, A.surface->pixels, frame_bytes) != 0);
    free(before_zoom);
    /* Folded: another body, drawn afresh, the same pixels as B's. */
    apply(&A, cmd_toggle(CMD_SET_LEGEND_FLIPPED, TOGGLE_FLIP));
    apply(&B, cmd_toggle(CMD_SET_LEGEND_FLIPPED, TOGGLE_FLIP));
    B.renderer.layers[RENDER_LAYER_LEGEND].valid = false;
    draw(&A);
    draw(&B);
    CHECK(same_frame(&A, &B));
    CHECK(A.renderer.layers[RENDER_LAYER_LEGEND].key != legend_key);
    apply(&A, cmd_toggle(CMD_SET_LEGEND_FLIPPED, TOGGLE_FLIP));
    apply(&B, cmd_toggle(CMD_SET_LEGEND_FLIPPED, TOGGLE_FLIP));

    /* The pointer on the selected country during the flight a click starts:
     * no hover outline (B's would be green), the same frame as A's. Over
     * another country B's green outline shows. */
    Theme green = *B.renderer.theme;
    green.hover_outline = (Rgba){ 0, 255, 0, 255 };
    A.renderer.software = B.renderer.software = true; /* as in the page: the base map redrawn in bands */
    for (World *w = &A; w; w = w == &A ? &B : NULL) { /* from Uzbekistan, landed and drawn */
        Command later = cmd_select(SELECTION_COUNTRY, uzb);
        app_apply(&w->app, &later, 1000);
        later = cmd_simple(CMD_REDRAW);
        app_apply(&w->app, &later, 9000);
        draw(w);
    }
    CHECK(country_point(&A, kaz, &x, &y));
    hover(&A, x, y);
    hover(&B, x, y);
    for (World *w = &A; w; w = w == &A ? &B : NULL) {
        Command later = cmd_select(SELECTION_COUNTRY, kaz);
        app_apply(&w->app, &later, 10000);
        later = cmd_simple(CMD_REDRAW); /* 150 ms into the flight the click starts */
        app_apply(&w->app, &later, 10150);
    }
    draw(&A);
    draw_in_theme(&B, &green);
    CHECK(!A.renderer.base_shows_selection);
    CHECK(same_frame(&A, &B));
    CHECK(country_point(&A, uzb, &x, &y));
    hover(&A, x, y);
    hover(&B, x, y);
    draw(&A);
    draw_in_theme(&B, &green);
    CHECK(!same_frame(&A, &B));
    apply(&A, cmd_simple(CMD_ESCAPE)); /* the panel closes; the next Escape clears the selection */
    apply(&B, cmd_simple(CMD_ESCAPE));
    A.renderer.software = B.renderer.software = false;

    /* A new window size after the idle frame: the width differs, so the
     * spare is left and the panel wrapped afresh, the same as B's. */
    apply(&A, cmd_simple(CMD_ESCAPE));
    apply(&B, cmd_simple(CMD_ESCAPE));
    draw(&A);
    draw(&B);
    CHECK(country_point(&A, kaz, &x, &y));
    hover(&A, x, y);
    ui_idle(&A.ui, &A.app);
    CHECK(A.ui.spare_valid);
    for (World *w = &A; w; w = w == &A ? &B : NULL) {
        Command c = { .kind = CMD_RESIZE };
        c.u.size.width_css = 1000;
        c.u.size.height_css = 700;
        apply(w, c);
        apply(w, cmd_select(SELECTION_COUNTRY, kaz));
        draw(w);
    }
    CHECK(A.ui.spare_valid);
    CHECK(A.ui.line_count == B.ui.line_count && A.ui.content_height == B.ui.content_height);

    /* In a tour nothing is laid out ahead (its panel is the tour's). */
    if (bundle.tour_count > 0) {
        A.ui.spare_valid = false;
        Command t = { .kind = CMD_TOUR_START };
        t.u.tour.id = 0;
        t.u.tour.stop = 0;
        apply(&A, t);
        hover(&A, x, y);
        ui_idle(&A.ui, &A.app);
        CHECK(A.app.mode.kind != APP_MODE_TOUR || !A.ui.spare_valid);
    }

    CHECK(B.ui.search.index == NULL);
    search_box_set_text(&B.ui.search, "Astana", 6, 6);
    CHECK(B.ui.search.index != NULL && B.ui.search.result_count > 0);
    search_box_set_text(&A.ui.search, "Astana", 6, 6);
    CHECK(A.ui.search.result_count == B.ui.search.result_count &&
          !memcmp(A.ui.search.results, B.ui.search.results, sizeof A.ui.search.results));

    world_close(&A);
    world_close(&B);
    bundle_close(&bundle);
    free(data);
    return test_finish();
}
