/* test_labels: name placement (core/labels.c) on the fixture bundle, with a
 * fake font (7 px a character): names do not overlap, nor the event markers'
 * places; the labels layer off places none; the local names are asked for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "command.h"
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

int main(void)
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
    return test_finish();
}
