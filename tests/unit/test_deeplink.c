/* test_deeplink: state strings out and back, and untrusted input. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deeplink.h"
#include "app.h"
#include "app_json.h"
#include "test_support.h"

static App a, b; /* large: keep them off the stack */
static Bundle bundle;

static void fresh(App *app)
{
    if (app->bundle) app_destroy(app);
    CHECK(app_init(app, &bundle, 800, 600, 0));
}

static void test_round_trip(void)
{
    fresh(&a);
    tb_select(&a, (Selection){ SELECTION_EVENT, 2 }, 0);
    view_step(&a.view, 1e9);
    /* The fixture's shapes are not real geography: centre on a real point. */
    WorldPoint w = geo_project(&a.projection, 67, 48);
    a.view.center_x = w.x;
    a.view.center_y = w.y;
    tb_years(&a, 2019, 2020);
    tb_category(&a, CATEGORY_TRADE, false);
    a.display.layers = LAYER_MARKERS | LAYER_RELATIONS;
    a.display.local_names = true;
    a.select.panel_open = false;
    char s1[512], s2[512];
    deeplink_write(&a, s1, sizeof s1);
    CHECK(strstr(s1, "e=e2") == s1);
    CHECK(strstr(s1, "&t=2019-2020") != NULL);
    CHECK(strstr(s1, "&f=diplomacy,security,economy,politics,education,environment,health,culture") != NULL);
    CHECK(strstr(s1, "&l=markers,relations") != NULL);
    CHECK(strstr(s1, "&lang=local") != NULL);
    CHECK(strstr(s1, "&panel=0") != NULL);

    fresh(&b);
    DeeplinkReport rep;
    tb_apply_state(&b, s1, &rep);
    CHECK_EQ_U(rep.ignored, 0);
    CHECK(rep.applied >= 6);
    deeplink_write(&b, s2, sizeof s2);
    CHECK_STR(s2, s1);
    CHECK(b.select.current.kind == SELECTION_EVENT && b.select.current.id == 2);
    CHECK(!b.select.panel_open);
    CHECK_NEAR(b.view.center_x, a.view.center_x, 1e-4);
    CHECK_NEAR(b.view.scale_px / a.view.scale_px, 1.0, 0.01);

    /* The default state writes only the view. */
    fresh(&b);
    deeplink_write(&b, s2, sizeof s2);
    CHECK(strncmp(s2, "v=", 2) == 0 && !strchr(s2, '&'));
    char sel[64];
    deeplink_selection(&a, sel, sizeof sel);
    CHECK_STR(sel, "e=e2");
    /* A tiny buffer is cut but terminated, and the needed length is returned. */
    char tiny[5];
    size_t need = deeplink_write(&a, tiny, sizeof tiny);
    CHECK(need == strlen(s1) && strlen(tiny) == 4);
}

static void test_garbage(void)
{
    static const char *const inputs[] = {
        "", "#", "&&&", "=", "c=", "c", "%", "c=%zz", "c=%4", "v=abc,1,2", "v=1e999,2,3", "v=nan,1,1",
        "v=95,10,1", "v=1,2", "v=1,2,3,4", "t=abc", "t=2019-", "f=", "f=bogus", "l=bogus", "lang=fr",
        "panel=2", "zzz=1", "c=KAZ&c=UZB", "c=NOPE", "e=%00", "t=-5-3", "v=10,10,999",
        "c=K%C3%A1Z", "\xff\xfe=\x80", "c=KAZ&&v=1,2,3&", "t=3000-4000",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        fresh(&b);
        DeeplinkReport rep;
        tb_apply_state(&b, inputs[i], &rep);
        CHECK(rep.applied + rep.ignored >= 0);
        CHECK(b.view.scale_px > 0 && isfinite(b.view.center_x) && isfinite(b.view.center_y));
        CHECK(b.timeline.filter.year_from <= b.timeline.filter.year_to);
    }
    /* Good fields still apply around bad ones. */
    fresh(&b);
    DeeplinkReport rep;
    tb_apply_state(&b, "zzz=1&c=UZB&v=abc&t=2020-2021&f=nope", &rep);
    CHECK(b.select.current.kind == SELECTION_COUNTRY && b.select.current.id == 2);
    CHECK(b.timeline.filter.year_from == 2020 && b.timeline.filter.year_to == 2021);
    CHECK_EQ_U(rep.applied, 2);
    CHECK_EQ_U(rep.ignored, 3);
    CHECK(rep.first_problem[0] != 0);
    /* Reversed years are swapped; the last selection field wins. */
    fresh(&b);
    tb_apply_state(&b, "t=2021-2019&c=KAZ&c=TKM", NULL);
    CHECK(b.timeline.filter.year_from == 2019 && b.timeline.filter.year_to == 2021);
    CHECK(b.select.current.id == 3);
    /* Overlong input: bounded work, no crash, nothing past the limit applies. */
    size_t n = 100000;
    char *big = malloc(n + 16);
    memset(big, 'x', n);
    memcpy(big + n, "&c=KAZ", 7);
    fresh(&b);
    tb_apply_state(&b, big, &rep);
    CHECK(b.select.current.kind == SELECTION_NONE);
    free(big);
    /* Random bytes. */
    uint64_t seed = 42;
    char junk[300];
    for (int round = 0; round < 2000; round++) {
        size_t len = test_rand(&seed) % (sizeof junk - 1);
        for (size_t i = 0; i < len; i++) {
            static const char alphabet[] = "cvtflpea=&%,-.0123456789KAZUBxyz\x80\xff#+";
            junk[i] = alphabet[test_rand(&seed) % (sizeof alphabet - 1)];
        }
        junk[len] = 0;
        fresh(&b);
        tb_apply_state(&b, junk, NULL);
        CHECK(isfinite(b.view.scale_px) && b.view.scale_px > 0);
    }
}

/* The view's numbers: what strtod read, read by hand (deeplink.c). */
static bool parsed_view(const char *text, double *lat, double *lon, double *zoom)
{
    fresh(&b);
    DeeplinkState st;
    DeeplinkReport rep;
    deeplink_parse(&b, text, &st, &rep);
    *lat = st.lat_deg;
    *lon = st.lon_deg;
    *zoom = st.zoom;
    return st.has_view;
}

static void test_numbers(void)
{
    double lat, lon, zoom;
    CHECK(parsed_view("v=48.12345,67.5,1.25", &lat, &lon, &zoom));
    CHECK(lat == 48.12345 && lon == 67.5 && zoom == 1.25); /* correctly rounded: the same doubles */
    CHECK(parsed_view("v=-0.00001,+67,-2", &lat, &lon, &zoom));
    CHECK(lat == -0.00001 && lon == 67 && zoom == -2);
    CHECK(parsed_view("v=4.5e1,.5,2.", &lat, &lon, &zoom)); /* exponents and bare points, as strtod */
    CHECK(lat == 45 && lon == 0.5 && zoom == 2);
    CHECK(parsed_view("v= 41.5, 69.25,3", &lat, &lon, &zoom)); /* a '+' in a query decodes to a space */
    CHECK(lat == 41.5 && lon == 69.25 && zoom == 3);
    CHECK(parsed_view("v=41.123456789012345678901234,0.000000000000000000000000001e27,3", &lat, &lon, &zoom));
    CHECK_NEAR(lat, 41.123456789012345678901234, 1e-13);
    CHECK_NEAR(lon, 1.0, 1e-15);
    static const char *const bad[] = { "v=,1,2", "v=.,1,2", "v=-,1,2", "v=1e,1,2", "v=1e+,1,2", "v=0x10,1,2",
                                       "v=1..2,1,2", "v=1 ,1,2", "v=inf,1,2", "v=1e400,1,2", "v=12a,1,2" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        bool has = parsed_view(bad[i], &lat, &lon, &zoom);
        if (has) printf("accepted: %s\n", bad[i]);
        CHECK(!has);
    }
}

int main(void)
{
    size_t size;
    uint8_t *data = tb_fixture_bundle(&size);
    char message[256];
    CHECK(bundle_open(&bundle, data, size, message, sizeof message) == BUNDLE_OK);
    test_round_trip();
    test_garbage();
    test_numbers();
    app_destroy(&a);
    app_destroy(&b);
    bundle_close(&bundle);
    free(data);
    return test_finish();
}
