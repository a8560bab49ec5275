/* test_labels: name placement (core/labels.c) on the fixture bundle, with a
 * fake font (7 px a character): names do not overlap, nor the event markers'
 * places; the labels layer off places none; the local names are asked for. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "command.h"
#include "event_markers.h"
#include "labels.h"
#include "test_support.h"

static App app;
static int asked_local;

static float fake_width(void *user, int face, float size_css, const char *utf8)
{
    (void)user;
    (void)face;
    return (float)strlen(utf8) * size_css * 0.5f;
}

static const char *fake_name(void *user, const App *a, const char *english, const char *local)
{
    (void)user;
    if (a->display.local_names && local[0]) { asked_local++; return local; }
    return english;
}

static bool overlap(RectCss a, RectCss b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void check_no_overlap(const LabelPlacer *p)
{
    for (int i = 0; i < p->placed_count; i++)
        for (int j = i + 1; j < p->placed_count; j++)
            if (overlap(p->placed[i].box, p->placed[j].box)) {
                printf("  '%s' overlaps '%s'\n", p->placed[i].text, p->placed[j].text);
                CHECK(false);
            }
}

/* Whether a box and a disc overlap. */
static bool box_meets_disc(RectCss b, double cx, double cy, double r)
{
    double nx = cx < b.x ? b.x : cx > b.x + b.w ? b.x + b.w : cx;
    double ny = cy < b.y ? b.y : cy > b.y + b.h ? b.y + b.h : cy;
    return hypot(nx - cx, ny - cy) < r;
}

/* The disc a glyph covers: a fan's backdrop (drawn behind its events, see
 * render/markers.c), a cluster's or a single symbol's circle. */
static double glyph_disc(const MarkerGlyph *g, double *cx, double *cy)
{
    if (g->fanned) {
        *cx = g->anchor_x;
        *cy = g->anchor_y;
        return g->fan_radius + MARKER_RADIUS_CSS + 5;
    }
    *cx = g->x;
    *cy = g->y;
    return marker_glyph_radius(g);
}

/* Issue 16, item 14: place names collided on small screens, and a place's
 * spread-out events covered its name. On the real atlas, zooming in about
 * Astana, Tashkent and Almaty at 1280x800 and 390x844: no two names
 * overlap, and no place's name is under a cluster, a symbol, a fan (its
 * own fan included) or an edge badge. */
static void test_real_bundle(const char *path)
{
    size_t size = 0;
    uint8_t *data = test_read_real_bundle(path, &size);
    if (!data) return;
    static const double sizes[2][2] = { { 1280, 800 }, { 390, 844 } };
    static const double centres[3][2] = { { 71.43, 51.17 }, { 69.24, 41.31 }, { 76.95, 43.24 } };
    LabelFonts fonts = { fake_width, fake_name, NULL };
    for (int s = 0; s < 2; s++) {
        Bundle b;
        App a;
        if (!tb_open_app(data, size, &b, &a, sizes[s][0], sizes[s][1])) break;
        LabelPlacer placer = { 0 };
        int views = 0, place_labels = 0, fans = 0, covered = 0;
        for (int c = 0; c < 3; c++) {
            WorldPoint w = geo_project(&a.projection, centres[c][0], centres[c][1]);
            for (double scale = a.home_scale_px; scale <= APP_MAX_SCALE_PX * 1.01; scale *= 1.25) {
                view_cancel_flight(&a.view);
                a.view.center_x = w.x;
                a.view.center_y = w.y;
                a.view.scale_px = scale;
                view_resize(&a.view, a.view.width_css, a.view.height_css);
                event_markers_update(a.markers, &a);
                labels_place(&placer, &a, &fonts);
                views++;
                check_no_overlap(&placer);
                const EventMarkers *m = a.markers;
                for (int i = 0; i < placer.placed_count; i++) {
                    const PlacedLabel *l = &placer.placed[i];
                    if (l->dot_radius <= 0) continue; /* a country's name */
                    place_labels++;
                    for (size_t k = 0; k < m->edge_count; k++)
                        if (box_meets_disc(l->box, m->edges[k].x, m->edges[k].y, EDGE_RADIUS_CSS + 1)) {
                            if (covered++ < 8)
                                printf("  %.0fx%.0f zoom %.2f: '%s' under an edge badge\n", sizes[s][0], sizes[s][1],
                                       scale / a.home_scale_px, l->text);
                            CHECK(false);
                        }
                    for (size_t k = 0; k < m->glyph_count; k++) {
                        const MarkerGlyph *g = &m->glyphs[k];
                        if (g->fanned && g->fan_slot == 0) fans++;
                        double cx, cy, r = glyph_disc(g, &cx, &cy);
                        if (box_meets_disc(l->box, cx, cy, r)) {
                            if (covered++ < 8)
                                printf("  %.0fx%.0f zoom %.2f: '%s' under a %s of %u\n", sizes[s][0], sizes[s][1],
                                       scale / a.home_scale_px, l->text, g->fanned ? "fan" : "glyph",
                                       g->fanned ? g->fan_size : g->count);
                            CHECK(false);
                            break;
                        }
                    }
                }
            }
        }
        printf("  %.0fx%.0f: %d views, %d place names, %d names covered\n", sizes[s][0], sizes[s][1], views,
               place_labels, covered);
        CHECK_EQ_U(covered, 0);
        CHECK(place_labels > views); /* names are still placed */
        CHECK(fans > 0);             /* fans were put to the test */
        labels_free(&placer);
        app_destroy(&a);
        bundle_close(&b);
    }
    free(data);
}

int main(int argc, char **argv)
{
    size_t size;
    uint8_t *data = tb_fixture_bundle(&size);
    Bundle b;
    if (!tb_open_app(data, size, &b, &app, 800, 600)) { free(data); return test_finish(); }
    LabelFonts fonts = { fake_width, fake_name, NULL };
    LabelPlacer placer = { 0 };
    labels_place(&placer, &app, &fonts);
    CHECK(placer.placed_count >= 2);
    check_no_overlap(&placer);
    bool kaz = false, astana = false;
    for (int i = 0; i < placer.placed_count; i++) {
        const PlacedLabel *l = &placer.placed[i];
        if (!strcmp(l->text, "Kazakhstan")) kaz = l->face == LABEL_FACE_BOLD && !l->minor && l->dot_radius == 0;
        if (!strcmp(l->text, "Astana")) astana = l->dot_radius > 0;
        CHECK(l->box.w > 0 && l->box.h > 0);
        CHECK(l->box.w >= fake_width(NULL, l->face, l->size, l->text)); /* the box holds the name */
    }
    CHECK(kaz);    /* a rank-1 country, bold */
    CHECK(astana); /* a capital, with its dot */
    /* Zoomed in, more places get a name, still none overlapping. */
    Command zoom = { .kind = CMD_ZOOM_ABOUT };
    zoom.u.zoom.factor = 4;
    zoom.u.zoom.x_css = 400;
    zoom.u.zoom.y_css = 300;
    app_apply(&app, &zoom, 0);
    labels_place(&placer, &app, &fonts);
    check_no_overlap(&placer);
    /* Local names are asked for when the display wants them. */
    Command local = cmd_toggle(CMD_SET_LOCAL_NAMES, TOGGLE_ON);
    app_apply(&app, &local, 0);
    labels_place(&placer, &app, &fonts);
    CHECK(asked_local > 0);
    /* The labels layer off: none. */
    Command off = { .kind = CMD_SET_LAYER };
    off.u.layer.bit = LAYER_LABELS;
    off.u.layer.on = TOGGLE_OFF;
    app_apply(&app, &off, 0);
    labels_place(&placer, &app, &fonts);
    CHECK_EQ_U(placer.placed_count, 0);
    labels_free(&placer);
    app_destroy(&app);
    bundle_close(&b);
    free(data);
    test_real_bundle(argc > 1 ? argv[1] : NULL);
    return test_finish();
}
