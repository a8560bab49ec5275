/* test_app_json: the JSON the page reads (state, markers, events) and the one
 * writer behind it (text_out), with keys that need escaping. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app_json.h"
#include "event_markers.h"
#include "text_out.h"
#include "test_support.h"

static App app;

static void test_text_out_fixed_and_growing(void)
{
    char small[8];
    TextOut o;
    text_out_fixed(&o, small, sizeof small);
    text_out_raw(&o, "abcdef");
    text_out_printf(&o, "%d", 12345);
    CHECK_EQ_U(o.len, 11);                 /* counts what it would have written */
    CHECK_EQ_U(text_out_stored(&o), 7);
    CHECK_STR(small, "abcdef1");           /* a NUL-terminated prefix */
    text_out_raw(&o, "more");              /* past the end: nothing written out of bounds */
    CHECK_STR(small, "abcdef1");

    TextOut g = { 0 };
    text_out_reset_growing(&g);
    for (int i = 0; i < 2000; i++) text_out_printf(&g, "%04d,", i);
    CHECK_EQ_U(g.len, 10000);
    CHECK(!g.failed);
    CHECK(strncmp(text_out_result(&g, ""), "0000,0001,", 10) == 0);
    CHECK(strcmp(text_out_result(&g, "") + 9995, "1999,") == 0);
    text_out_reset_growing(&g);
    text_out_json_string(&g, "a\"b\\c\nd\x01");
    CHECK_STR(text_out_result(&g, ""), "\"a\\\"b\\\\c\\nd\\u0001\"");
    text_out_reset_growing(&g);
    text_out_json_string_or_null(&g, "");
    text_out_json_string_or_null(&g, NULL);
    CHECK_STR(text_out_result(&g, ""), "nullnull");
    text_out_free(&g);
}

/* A teacher's bundle may have any characters in its keys: the JSON must still
 * be JSON. */
static void test_keys_are_escaped(void)
{
    tb_fixture_event1_key = "e\"1\\x";
    size_t size;
    uint8_t *data = tb_fixture_bundle(&size);
    tb_fixture_event1_key = "e1";
    Bundle b;
    if (!tb_open_app(data, size, &b, &app, 800, 600)) { free(data); return; }
    CHECK_STR(bundle_event(&b, 1).key, "e\"1\\x");
    TextOut o = { 0 };
    text_out_reset_growing(&o);
    app_json_events(&app, &o);
    const char *events = text_out_result(&o, "");
    CHECK(strstr(events, "{\"key\":\"e\\\"1\\\\x\",") != NULL);
    CHECK(strstr(events, "e\"1") == NULL); /* never unescaped */
    /* The event's marker: select it so the view is on Astana, then list markers. */
    Command c = cmd_select(SELECTION_EVENT, 1);
    CHECK(app_apply(&app, &c, 0));
    Command land = cmd_simple(CMD_LAND_FLIGHT);
    CHECK(app_apply(&app, &land, 0));
    event_markers_update(app.markers, &app);
    text_out_reset_growing(&o);
    app_json_markers(&app, &o);
    const char *markers = text_out_result(&o, "");
    CHECK(strstr(markers, "\"event\":\"e\\\"1\\\\x\"") != NULL);
    CHECK(strstr(markers, "e\"1") == NULL);
    text_out_reset_growing(&o);
    app_json_state(&app, &o);
    const char *state = text_out_result(&o, "");
    CHECK(strstr(state, "\"selection\":\"e\\\"1\\\\x\"") != NULL);
    CHECK(strstr(state, "\"selectionKind\":\"event\"") != NULL);
    text_out_free(&o);
    app_destroy(&app);
    bundle_close(&b);
    free(data);
}

/* The screen-reader mirror's lists: countries with content, events passing
 * the filter (capped), categories with their counts; state() reports the
 * theme and reduced motion. */
static void test_mirror(void)
{
    size_t size;
    uint8_t *data = tb_fixture_bundle(&size);
    Bundle b;
    if (!tb_open_app(data, size, &b, &app, 800, 600)) { free(data); return; }
    TextOut o = { 0 };
    text_out_reset_growing(&o);
    app_json_mirror(&app, &o, 1000);
    const char *j = text_out_result(&o, "");
    CHECK(strncmp(j, "{\"countries\":[{\"key\":", 21) == 0);
    char want[256];
    snprintf(want, sizeof want, "{\"key\":\"%s\",\"name\":\"%s\",", bundle_country(&b, 1).iso3, bundle_country(&b, 1).name);
    CHECK(strstr(j, want) != NULL);
    snprintf(want, sizeof want, "{\"key\":\"%s\",\"title\":\"%s\",\"date\":", bundle_event(&b, 1).key, bundle_event(&b, 1).title);
    CHECK(strstr(j, want) != NULL);
    CHECK(strstr(j, "\"more\":0,") != NULL);
    CHECK(strstr(j, "{\"name\":\"diplomacy\",\"label\":\"Diplomacy\",\"on\":true,\"count\":") != NULL);
    /* Capped at one event: the rest are counted. */
    text_out_reset_growing(&o);
    app_json_mirror(&app, &o, 1);
    j = text_out_result(&o, "");
    char more[32];
    snprintf(more, sizeof more, "\"more\":%u,", b.event_count - 1);
    CHECK(strstr(j, more) != NULL);
    /* A category switched off: its events leave the list. */
    Command off = { .kind = CMD_SET_CATEGORIES };
    off.u.mask = 0;
    CHECK(app_apply(&app, &off, 0));
    text_out_reset_growing(&o);
    app_json_mirror(&app, &o, 1000);
    j = text_out_result(&o, "");
    CHECK(strstr(j, "\"events\":[],\"more\":0,") != NULL);
    CHECK(strstr(j, "\"on\":true") == NULL);
    Command rm = cmd_toggle(CMD_SET_REDUCED_MOTION, TOGGLE_ON);
    CHECK(app_apply(&app, &rm, 0));
    text_out_reset_growing(&o);
    app_json_state(&app, &o);
    j = text_out_result(&o, "");
    CHECK(strstr(j, "\"theme\":\"default\"") != NULL);
    CHECK(strstr(j, "\"reducedMotion\":true") != NULL);
    text_out_free(&o);
    app_destroy(&app);
    bundle_close(&b);
    free(data);
}

int main(void)
{
    test_text_out_fixed_and_growing();
    test_keys_are_escaped();
    test_mirror();
    return test_finish();
}
