/* fuzz_deeplink_body: the body of the URL-state (deeplink) fuzz target,
 * shared by the libFuzzer entry (fuzz_deeplink.c) and the replay driver
 * (fuzz_replay.c). The input is a state string: arbitrary bytes up to the
 * first NUL, applied to a fresh App on the test fixture bundle
 * (test_support.h).
 *
 * deeplink_parse, through CMD_APPLY_STATE:
 *  - the report adds up: every non-empty '&'-separated field of the first
 *    DEEPLINK_MAX_INPUT bytes is either applied or ignored, exactly once;
 *    first_problem is terminated, and empty exactly when nothing was ignored;
 *  - the state stays sane: a finite view with a positive scale, a selection
 *    that exists, years in order within the bundle's span, categories and
 *    layers that exist.
 * deeplink_write / deeplink_selection:
 *  - the length is what snprintf would say: a small buffer gets the same
 *    text cut and terminated; the selection part is the string's first field.
 * Round trip: the written string, applied to another fresh App, is applied
 * without a single ignored field and gives the same state (selection,
 * years, categories, layers, language, theme, panel; the view within the
 * written precision), and writing that App gives the same string. */
#ifndef STEPPE_FUZZ_DEEPLINK_BODY_H
#define STEPPE_FUZZ_DEEPLINK_BODY_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app_json.h"
#include "command.h"
#include "deeplink.h"
#include "fuzz_common.h"
#include "test_support.h"

static struct {
    bool ready;
    uint8_t *data;
    Bundle bundle;
    App apps[2]; /* large: kept off the stack */
} fuzz_deeplink;

/* Fields deeplink_parse must account for: non-empty '&'-separated parts of
 * the text after a leading '#', up to DEEPLINK_MAX_INPUT bytes. */
static inline int fuzz_deeplink_fields(const char *text)
{
    if (*text == '#') text++;
    size_t total = 0;
    while (total < DEEPLINK_MAX_INPUT && text[total]) total++;
    int fields = 0;
    size_t len = 0;
    for (size_t i = 0; i <= total; i++) {
        if (i == total || text[i] == '&') {
            fields += len > 0;
            len = 0;
        } else {
            len++;
        }
    }
    return fields;
}

static inline void fuzz_deeplink_check_state(const App *app)
{
    const View *v = &app->view;
    FUZZ_CHECK(isfinite(v->center_x) && isfinite(v->center_y));
    FUZZ_CHECK(isfinite(v->scale_px) && v->scale_px > 0);
    FUZZ_CHECK(app_selection_valid(app, app->select.current));
    FUZZ_CHECK(app->timeline.filter.year_from <= app->timeline.filter.year_to);
    FUZZ_CHECK(app->timeline.filter.year_from >= app->timeline.first_year && app->timeline.filter.year_to <= app->timeline.last_year);
    FUZZ_CHECK((app->timeline.filter.category_mask & ~((1u << CATEGORY_COUNT) - 1)) == 0);
    FUZZ_CHECK((app->display.layers & ~(uint32_t)(LAYER_MARKERS | LAYER_LABELS | LAYER_RELATIONS)) == 0);
}

static inline void fuzz_deeplink_check_report(const DeeplinkReport *r, int fields)
{
    FUZZ_CHECK(r->applied >= 0 && r->ignored >= 0);
    FUZZ_CHECK(r->applied + r->ignored == fields);
    FUZZ_CHECK(memchr(r->first_problem, 0, sizeof r->first_problem) != NULL);
    FUZZ_CHECK((r->first_problem[0] != 0) == (r->ignored > 0));
}

/* The view field "v=LAT,LON,ZOOM" of a written string. */
static inline bool fuzz_deeplink_view_field(const char *s, double v[3])
{
    const char *p = strncmp(s, "v=", 2) == 0 ? s : strstr(s, "&v=");
    if (!p) return false;
    p += p[0] == '&' ? 3 : 2;
    return sscanf(p, "%lf,%lf,%lf", &v[0], &v[1], &v[2]) == 3;
}

/* A state string applied as the atlas applies it: CMD_APPLY_STATE. */
static inline void fuzz_deeplink_apply(App *app, const char *text, DeeplinkReport *report)
{
    Command c = { .kind = CMD_APPLY_STATE };
    c.u.text.text = text;
    c.u.text.report = report;
    FUZZ_CHECK(app_apply(app, &c, 0));
}

static inline void fuzz_deeplink_one(const uint8_t *data, size_t size)
{
    if (!fuzz_deeplink.ready) {
        size_t bundle_size;
        char message[256];
        fuzz_deeplink.data = tb_fixture_bundle(&bundle_size);
        if (bundle_open(&fuzz_deeplink.bundle, fuzz_deeplink.data, bundle_size, message, sizeof message) != BUNDLE_OK)
            abort();
        fuzz_deeplink.ready = true;
    }
    if (size > 2 * DEEPLINK_MAX_INPUT) size = 2 * DEEPLINK_MAX_INPUT;
    char *text = malloc(size + 1);
    if (!text) abort();
    if (size) memcpy(text, data, size);
    text[size] = 0;
    App *a = &fuzz_deeplink.apps[0], *b = &fuzz_deeplink.apps[1];
    FUZZ_CHECK(app_init(a, &fuzz_deeplink.bundle, 800, 600, 0));

    DeeplinkReport rep;
    fuzz_deeplink_apply(a, text, &rep);
    fuzz_deeplink_check_report(&rep, fuzz_deeplink_fields(text));
    fuzz_deeplink_check_state(a);

    char s1[1024], s2[1024], cut[1024], sel[512];
    size_t n1 = deeplink_write(a, s1, sizeof s1);
    FUZZ_CHECK(n1 < sizeof s1 && strlen(s1) == n1);
    size_t cut_size = size ? data[0] % (n1 + 2) : 0;
    FUZZ_CHECK(deeplink_write(a, cut, cut_size) == n1);
    if (cut_size) FUZZ_CHECK(strlen(cut) == (n1 < cut_size ? n1 : cut_size - 1) && memcmp(cut, s1, strlen(cut)) == 0);
    deeplink_selection(a, sel, sizeof sel);
    size_t sl = strlen(sel);
    /* The selection part begins the link; the rest follows after a '&', or
     * there is no rest (a view off the projection, everything else default:
     * found by tests/fuzz). */
    FUZZ_CHECK(sl < sizeof sel && strncmp(s1, sel, sl) == 0 && (sl == 0 || s1[sl] == '&' || s1[sl] == 0));
    /* The selection part names the selection, or in a tour or quiz the mode. */
    bool in_mode = a->mode.kind == APP_MODE_TOUR || a->mode.kind == APP_MODE_QUIZ;
    FUZZ_CHECK((sl == 0) == (a->select.current.kind == SELECTION_NONE && !in_mode));
    char json[4096];
    int jl = app_state_json(a, json, sizeof json);
    FUZZ_CHECK(jl >= 0 && (size_t)jl < sizeof json && strlen(json) == (size_t)jl);

    /* Round trip. */
    FUZZ_CHECK(app_init(b, &fuzz_deeplink.bundle, 800, 600, 0));
    DeeplinkReport rep2;
    fuzz_deeplink_apply(b, s1, &rep2);
    if (rep2.ignored) fprintf(stderr, "round trip of \"%s\": %s\n", s1, rep2.first_problem);
    fuzz_deeplink_check_report(&rep2, fuzz_deeplink_fields(s1));
    FUZZ_CHECK(rep2.ignored == 0);
    fuzz_deeplink_check_state(b);
    FUZZ_CHECK(b->select.current.kind == a->select.current.kind && b->select.current.id == a->select.current.id);
    FUZZ_CHECK(b->timeline.filter.year_from == a->timeline.filter.year_from && b->timeline.filter.year_to == a->timeline.filter.year_to);
    FUZZ_CHECK(b->timeline.filter.category_mask == a->timeline.filter.category_mask);
    FUZZ_CHECK(b->display.layers == a->display.layers);
    FUZZ_CHECK(b->display.local_names == a->display.local_names && b->display.theme == a->display.theme);
    if (a->select.current.kind != SELECTION_NONE) FUZZ_CHECK(b->select.panel_open == a->select.panel_open);
    /* The view, within what the string holds (5 decimals of degrees, 2 of
     * zoom): the link is where the view is, or, where the centre lies off
     * the projection (no longitude and latitude there), it leaves the view out. */
    double va[3], vb[3];
    double lon = 0, lat = 0;
    bool on_earth = geo_unproject(&a->projection, (WorldPoint){ a->view.center_x, a->view.center_y }, &lon, &lat);
    if (in_mode) on_earth = false; /* a tour's or quiz's string names the mode, not the view */
    FUZZ_CHECK(fuzz_deeplink_view_field(s1, va) == on_earth);
    FUZZ_CHECK(b->mode.kind == a->mode.kind);
    size_t n2 = deeplink_write(b, s2, sizeof s2);
    FUZZ_CHECK(n2 < sizeof s2);
    if (on_earth) {
        FUZZ_CHECK(fabs(lat - va[0]) <= 1e-5 && fabs(lon - va[1]) <= 1e-5);
        FUZZ_CHECK(fabs(b->view.scale_px / a->view.scale_px - 1.0) < 0.01);
        FUZZ_CHECK(fabs(b->view.center_x - a->view.center_x) < 1e-5 && fabs(b->view.center_y - a->view.center_y) < 1e-5);
        FUZZ_CHECK(fuzz_deeplink_view_field(s2, vb));
        FUZZ_CHECK(fabs(va[0] - vb[0]) <= 2.1e-5 && fabs(va[1] - vb[1]) <= 2.1e-5 && fabs(va[2] - vb[2]) <= 0.011);
    }
    /* Apart from the view's last digits, the same string. */
    if (on_earth && strcmp(s1, s2) != 0) {
        const char *e1 = strchr(strstr(s1, "v=") ? strstr(s1, "v=") : s1, '&');
        const char *e2 = strchr(strstr(s2, "v=") ? strstr(s2, "v=") : s2, '&');
        FUZZ_CHECK(strcmp(e1 ? e1 : "", e2 ? e2 : "") == 0);
        FUZZ_CHECK(strncmp(s1, s2, sl) == 0);
    }
    app_destroy(b);
    app_destroy(a);
    free(text);
}

#endif
