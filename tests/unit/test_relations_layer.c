/* test_relations_layer: the trade arcs' labels on the real atlas (issue 16
 * item 6). At several window sizes and views, every label shown is clear of
 * its own arc, of the markers and edge badges, of the map's names, of the
 * controls and the key, and of the other labels, and lies in the map; most
 * arcs in view get theirs; pledged targets are targets in style and words. */
#include "app.h"
#include "command.h"
#include "event_markers.h"
#include "legend.h"
#include "relations_layer.h"
#include "test_support.h"

static float fake_width(void *user, int face, float size_css, const char *utf8)
{
    (void)user;
    (void)face;
    return (float)strlen(utf8) * size_css * 0.55f;
}

static const char *fake_name(void *user, const App *a, const char *english, const char *local)
{
    (void)user;
    (void)a;
    (void)local;
    return english;
}

static bool overlap(RectCss a, RectCss b) { return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h; }

static bool circle_in(double cx, double cy, double r, RectCss b)
{
    double nx = fmax(b.x, fmin(cx, b.x + b.w)), ny = fmax(b.y, fmin(cy, b.y + b.h));
    return (cx - nx) * (cx - nx) + (cy - ny) * (cy - ny) < r * r;
}

static int shown_total, arcs_in_view_total;

static void check_view(App *app, LabelPlacer *names, const LabelFonts *fonts, const char *what)
{
    static RelationsLayer layer;
    event_markers_update(app->markers, app);
    labels_place(names, app, fonts);
    relations_layout(&layer, app, fonts, names);
    /* Called again with nothing changed, it keeps the same layout. */
    int shown = layer.labels_shown, count = layer.count;
    relations_layout(&layer, app, fonts, names);
    CHECK(layer.labels_shown == shown && layer.count == count && layer.valid);
    const EventMarkers *m = app->markers;
    int problems = 0, in_view = 0;
    LegendLayout key;
    legend_layout(app, &key);
    RectCss key_box = { (float)key.x, (float)key.y, (float)key.w, (float)key.h };
    for (int i = 0; i < layer.count; i++) {
        const RelationArc *a = &layer.arcs[i];
        bool visible = false;
        for (int k = 0; k <= RELATION_ARC_STEPS; k++)
            visible |= a->pts[2 * k] >= m->area[0] && a->pts[2 * k] <= m->area[2] && a->pts[2 * k + 1] >= m->area[1] &&
                       a->pts[2 * k + 1] <= m->area[3];
        in_view += visible;
        if (!a->label_shown) continue;
        RectCss box = a->label_box;
        bool bad = box.x < m->area[0] || box.y < m->area[1] || box.x + box.w > m->area[2] || box.y + box.h > m->area[3];
        for (int k = 0; k < RELATION_ARC_STEPS; k++)
            bad |= relations_segment_hits_rect(a->pts[2 * k], a->pts[2 * k + 1], a->pts[2 * k + 2], a->pts[2 * k + 3], box,
                                               a->width_css / 2);
        for (int j = 0; j < layer.count; j++)
            bad |= j != i && layer.arcs[j].label_shown && overlap(layer.arcs[j].label_box, box);
        for (size_t g = 0; g < m->glyph_count; g++)
            bad |= circle_in(m->glyphs[g].x, m->glyphs[g].y, marker_glyph_radius(&m->glyphs[g]), box);
        for (size_t e = 0; e < m->edge_count; e++) bad |= circle_in(m->edges[e].x, m->edges[e].y, EDGE_RADIUS_CSS, box);
        for (int n = 0; n < names->placed_count; n++) bad |= overlap(names->placed[n].box, box);
        for (int b = 1; b < SCREEN_BUTTON_COUNT; b++) bad |= app->screen.buttons[b].w > 0 && overlap(app->screen.buttons[b], box);
        bad |= overlap(app->screen.search, box) || overlap(key_box, box);
        if (bad) {
            problems++;
            printf("  %s: the label \"%s\" covers something\n", what, a->label);
        }
        BundleRelation rel = bundle_relation(app->bundle, a->relation);
        bool target = !strcmp(rel.kind, "trade-target");
        CHECK(a->target == target);
        CHECK((strstr(a->label, ": target ") != NULL) == target);
        shown_total++;
    }
    CHECK(problems == 0);
    CHECK(layer.labels_shown + layer.labels_left_out <= layer.count);
    arcs_in_view_total += in_view;
    printf("  %s: %d arcs, %d in view, %d labelled, %d left out\n", what, layer.count, in_view, layer.labels_shown,
           layer.labels_left_out);
}

int main(int argc, char **argv)
{
    size_t size = 0;
    uint8_t *data = test_read_real_bundle(argc > 1 ? argv[1] : NULL, &size);
    if (!data) return test_finish();
    LabelFonts fonts = { fake_width, fake_name, NULL };
    static const double sizes[3][2] = { { 1280, 800 }, { 1024, 768 }, { 390, 844 } };
    int targets = 0;
    for (int s = 0; s < 3; s++) {
        Bundle b;
        App app;
        if (!tb_open_app(data, size, &b, &app, sizes[s][0], sizes[s][1])) break;
        if (s == 0)
            for (uint32_t i = 1; i <= b.relation_count; i++) targets += !strcmp(bundle_relation(&b, i).kind, "trade-target");
        Command layer = { .kind = CMD_SET_LAYER };
        layer.u.layer.bit = LAYER_RELATIONS;
        layer.u.layer.on = TOGGLE_ON;
        CHECK(app_apply(&app, &layer, 0));
        LabelPlacer names = { 0 };
        char what[64];
        snprintf(what, sizeof what, "%.0fx%.0f home", sizes[s][0], sizes[s][1]);
        check_view(&app, &names, &fonts, what);
        Command kaz = cmd_select(SELECTION_COUNTRY, bundle_find_country(&b, "KAZ"));
        CHECK(app_apply(&app, &kaz, 0));
        Command land = cmd_simple(CMD_LAND_FLIGHT);
        app_apply(&app, &land, 0);
        snprintf(what, sizeof what, "%.0fx%.0f Kazakhstan", sizes[s][0], sizes[s][1]);
        check_view(&app, &names, &fonts, what);
        Command zoom = { .kind = CMD_ZOOM_ABOUT };
        zoom.u.zoom.factor = 2;
        zoom.u.zoom.x_css = app.view.width_css / 3;
        zoom.u.zoom.y_css = app.view.height_css / 2;
        CHECK(app_apply(&app, &zoom, 0));
        snprintf(what, sizeof what, "%.0fx%.0f zoomed", sizes[s][0], sizes[s][1]);
        check_view(&app, &names, &fonts, what);
        labels_free(&names);
        app_destroy(&app);
        bundle_close(&b);
    }
    /* The sources' three pledged targets and goals are kind trade-target. */
    CHECK_EQ_U(targets, 3);
    /* Most arcs in view get their figure (not a layer that hides its labels). */
    CHECK(shown_total * 2 >= arcs_in_view_total);
    printf("  %d labels shown for %d arcs in view\n", shown_total, arcs_in_view_total);
    free(data);
    return test_finish();
}
