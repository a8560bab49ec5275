/* web_api: window.steppeAtlas's C half (web/steppe.js is the other).
 *
 * Reads go through the core's JSON writers (core/app_json.c), which escape
 * every string; changes go through commands, like a user's clicks. */
#include <emscripten.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/app_json.h"
#include "core/deeplink.h"
#include "platform/web.h"

EMSCRIPTEN_KEEPALIVE double steppe_project_x(double lon, double lat);
EMSCRIPTEN_KEEPALIVE double steppe_project_y(double lon, double lat);
EMSCRIPTEN_KEEPALIVE const char *steppe_state_json(void);
EMSCRIPTEN_KEEPALIVE int steppe_country_fill(const char *iso3);
EMSCRIPTEN_KEEPALIVE void steppe_resize(double width_css, double height_css);
EMSCRIPTEN_KEEPALIVE const char *steppe_panel_text(void);
EMSCRIPTEN_KEEPALIVE void steppe_apply_hash(const char *hash);
EMSCRIPTEN_KEEPALIVE const char *steppe_hash(void);
EMSCRIPTEN_KEEPALIVE const char *steppe_markers_json(void);
EMSCRIPTEN_KEEPALIVE const char *steppe_events_json(void);
EMSCRIPTEN_KEEPALIVE void steppe_pointer_at(double x_css, double y_css);
EMSCRIPTEN_KEEPALIVE const char *steppe_tours_json(void);
EMSCRIPTEN_KEEPALIVE const char *steppe_panel_links_json(void);

/* The panel's link lines on screen: [{ text, x, y, w, h }] in css px. */
EMSCRIPTEN_KEEPALIVE const char *steppe_panel_links_json(void)
{
    static TextOut json;
    static UiLink links[256];
    static char text[1024];
    text_out_reset_growing(&json);
    size_t n = ui_panel_links(&g_platform.ui, &g_platform.app, links, 256);
    text_out_raw(&json, "[");
    for (size_t i = 0; i < n; i++) {
        size_t len = links[i].len < sizeof text - 1 ? links[i].len : sizeof text - 1;
        memcpy(text, links[i].text, len);
        text[len] = 0;
        text_out_raw(&json, i ? ",{\"text\":" : "{\"text\":");
        text_out_json_string(&json, text);
        text_out_printf(&json, ",\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f}", links[i].x, links[i].y, links[i].w,
                        links[i].h);
    }
    text_out_raw(&json, "]");
    return text_out_result(&json, "[]");
}

EMSCRIPTEN_KEEPALIVE const char *steppe_tours_json(void)
{
    static TextOut json;
    text_out_reset_growing(&json);
    app_json_tours(&g_platform.app, &json);
    return text_out_result(&json, "[]");
}

/* The page reports the pointer's fractional position on the canvas with
 * every mouse event (SDL's events round it to whole pixels). */
EMSCRIPTEN_KEEPALIVE void steppe_pointer_at(double x_css, double y_css)
{
    Platform *p = &g_platform;
    p->precise_pointer_valid = isfinite(x_css) && isfinite(y_css);
    p->precise_x = x_css;
    p->precise_y = y_css;
}

EMSCRIPTEN_KEEPALIVE const char *steppe_markers_json(void)
{
    static TextOut json;
    text_out_reset_growing(&json);
    app_json_markers(&g_platform.app, &json);
    return text_out_result(&json, "null");
}

EMSCRIPTEN_KEEPALIVE const char *steppe_events_json(void)
{
    static TextOut json;
    text_out_reset_growing(&json);
    app_json_events(&g_platform.app, &json);
    return text_out_result(&json, "null");
}

/* The browser's back/forward buttons (popstate) or an edited hash: the state
 * string describes the whole page, so what it leaves out returns to its
 * default (CMD_APPLY_STATE), the theme included. */
EMSCRIPTEN_KEEPALIVE void steppe_apply_hash(const char *hash)
{
    Platform *p = &g_platform;
    if (hash[0] == '#') hash++;
    if (!strcmp(hash, p->last_hash)) return;
    Command c = { .kind = CMD_APPLY_STATE };
    c.u.text.text = hash;
    platform_command(p, c);
    deeplink_write(&p->app, p->last_hash, sizeof p->last_hash);
    deeplink_selection(&p->app, p->last_selection, sizeof p->last_selection);
}

EMSCRIPTEN_KEEPALIVE const char *steppe_hash(void)
{
    static char hash[1024];
    deeplink_write(&g_platform.app, hash, sizeof hash);
    return hash;
}

/* What the panel shows, as plain text ("" when it is closed). */
EMSCRIPTEN_KEEPALIVE const char *steppe_panel_text(void)
{
    static char text[PANEL_TEXT_SIZE + 4096];
    ui_panel_text(&g_platform.ui, &g_platform.app, text, sizeof text);
    return text;
}

EMSCRIPTEN_KEEPALIVE double steppe_project_x(double lon, double lat)
{
    double x, y;
    app_project(&g_platform.app, lon, lat, &x, &y);
    return x;
}

EMSCRIPTEN_KEEPALIVE double steppe_project_y(double lon, double lat)
{
    double x, y;
    app_project(&g_platform.app, lon, lat, &x, &y);
    return y;
}

EMSCRIPTEN_KEEPALIVE const char *steppe_state_json(void)
{
    static TextOut json;
    text_out_reset_growing(&json);
    app_json_state(&g_platform.app, &json);
    /* The UI's layout is the platform's to report: where the timeline's years
     * lie, so tests and embedders can drive it like a user. */
    const TimelineBar *t = &g_platform.ui.timeline;
    if (json.len > 0 && !json.failed && json.data[json.len - 1] == '}') {
        json.data[--json.len] = 0;
        text_out_printf(&json, ",\"timeline\":{\"x0\":%.1f,\"x1\":%.1f,\"y\":%.1f,\"firstYear\":%d,\"lastYear\":%d}}",
                        t->track_x0, t->track_x1, t->track_y, g_platform.app.timeline.first_year,
                        g_platform.app.timeline.last_year);
    }
    return text_out_result(&json, "null");
}

/* The theme's fill of a country as 0xRRGGBB, or -1 if unknown (for tests). */
EMSCRIPTEN_KEEPALIVE int steppe_country_fill(const char *iso3)
{
    uint32_t id = bundle_find_country(&g_platform.bundle, iso3);
    if (!id) return -1;
    BundleCountry c = bundle_country(&g_platform.bundle, id);
    Rgba f = theme_country_fill(theme_for(g_platform.app.display.theme), c.flags, c.color);
    return (f.r << 16) | (f.g << 8) | f.b;
}

/* The page calls this when the canvas's css size or the pixel ratio changes. */
EMSCRIPTEN_KEEPALIVE void steppe_resize(double width_css, double height_css)
{
    Platform *p = &g_platform;
    if (width_css < 1 || height_css < 1) return;
    SDL_SetWindowSize(p->window, (int)width_css, (int)height_css);
    platform_update_sizes(p);
}
