/* web_api: window.steppeAtlas's C half (web/steppe.js is the other).
 *
 * Reads go through the core's JSON writers (core/app_json.c), which escape
 * every string; changes go through commands, like a user's clicks. */
#include <emscripten.h>
#include <emscripten/emmalloc.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/app_json.h"
#include "core/panel.h"
#include "core/deeplink.h"
#include "core/key_help.h"
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
EMSCRIPTEN_KEEPALIVE const char *steppe_presenter_json(void);

/* What the presenter window shows while a tour plays: the tour, the stop and
 * the next one, and the teacher's notes; null otherwise. */
EMSCRIPTEN_KEEPALIVE const char *steppe_presenter_json(void)
{
    static TextOut json;
    const App *app = &g_platform.app;
    text_out_reset_growing(&json);
    if (app->mode.kind != APP_MODE_TOUR) return "null";
    uint32_t id = app->mode.tour.tour, i = app->mode.tour.stop;
    BundleTour t = bundle_tour(app->bundle, id);
    BundleTourStop now = bundle_tour_stop(app->bundle, id, i), next = bundle_tour_stop(app->bundle, id, i + 1);
    text_out_raw(&json, "{\"tour\":");
    text_out_json_string(&json, t.key);
    text_out_raw(&json, ",\"title\":");
    text_out_json_string(&json, t.title);
    text_out_printf(&json, ",\"stop\":%u,\"stops\":%u,\"current\":{\"title\":", i + 1, t.stop_count);
    text_out_json_string(&json, now.title);
    text_out_raw(&json, ",\"text\":");
    text_out_json_string(&json, now.text);
    text_out_raw(&json, ",\"notes\":");
    text_out_json_string(&json, now.notes);
    text_out_raw(&json, "},\"next\":");
    text_out_json_string_or_null(&json, next.title);
    text_out_raw(&json, "}");
    return text_out_result(&json, "null");
}

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
EMSCRIPTEN_KEEPALIVE int steppe_select(const char *kind, const char *key);
EMSCRIPTEN_KEEPALIVE int steppe_focus(const char *kind, const char *key);
EMSCRIPTEN_KEEPALIVE int steppe_do(const char *what, double a, double b);
EMSCRIPTEN_KEEPALIVE int steppe_set_theme(const char *name);
EMSCRIPTEN_KEEPALIVE void steppe_open_search(void);
EMSCRIPTEN_KEEPALIVE const char *steppe_panel_document(void);
EMSCRIPTEN_KEEPALIVE const char *steppe_mirror_json(void);
EMSCRIPTEN_KEEPALIVE const char *steppe_theme_colors(const char *name);
EMSCRIPTEN_KEEPALIVE const char *steppe_key_help(void);
EMSCRIPTEN_KEEPALIVE void steppe_frame_now(void);
EMSCRIPTEN_KEEPALIVE double steppe_heap_in_use(void);
EMSCRIPTEN_KEEPALIVE double steppe_wasm_bytes(void);
EMSCRIPTEN_KEEPALIVE double steppe_frame_rgb_hash(void);

/* Bytes of the heap that allocations hold now (emmalloc): the wasm memory's
 * size only ever grows, to the highest point the heap reached, so a soak
 * measures leaks with this instead. Walks the free lists: not per frame. */
EMSCRIPTEN_KEEPALIVE double steppe_heap_in_use(void)
{
    return (double)(emmalloc_dynamic_heap_size() - emmalloc_free_dynamic_memory());
}

/* For tests: FNV-1a (32-bit) over the red, green and blue bytes of the last
 * software frame, row by row; 0 without software frames. The canvas, read
 * back, must give the same: frames reach it as the parts that changed
 * (web_main.c, present_software). */
EMSCRIPTEN_KEEPALIVE double steppe_frame_rgb_hash(void)
{
    const SDL_Surface *f = g_platform.frame_surface;
    if (!g_platform.software || !f) return 0;
    uint32_t h = 2166136261u;
    for (int y = 0; y < f->h; y++) {
        const uint8_t *row = (const uint8_t *)f->pixels + (size_t)y * (size_t)f->pitch;
        for (int x = 0; x < f->w; x++)
            for (int c = 0; c < 3; c++) h = (h ^ row[4 * x + c]) * 16777619u;
    }
    return (double)h;
}

/* How long start-up took to unpack the built-in LZMA-compressed bundle, ms
 * (-1 if it was never unpacked: a ?bundle= file opened instead). */
EMSCRIPTEN_KEEPALIVE double steppe_bundle_unpack_ms(void);
EMSCRIPTEN_KEEPALIVE double steppe_bundle_unpack_ms(void) { return platform_default_bundle_unpack_ms(); }

/* The wasm memory's size in bytes (64 KiB pages). */
EMSCRIPTEN_KEEPALIVE double steppe_wasm_bytes(void) { return (double)__builtin_wasm_memory_size(0) * 65536.0; }

/* A frame now, from a DOM event's handler (a release: a click's end), so
 * what it selects is drawn in that event rather than at the next animation
 * frame, up to a frame sooner (issue 15). The main loop's next frame then
 * finds the input taken. */
EMSCRIPTEN_KEEPALIVE void steppe_frame_now(void) { platform_frame(); }

/* Every shortcut as text (core/key_help.c), for the page's list of them. */
EMSCRIPTEN_KEEPALIVE const char *steppe_key_help(void)
{
    static char text[4096];
    key_help_text(text, sizeof text);
    return text;
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
    DeeplinkReport report;
    Command c = { .kind = CMD_APPLY_STATE };
    c.u.text.text = hash;
    c.u.text.report = &report;
    platform_command(p, c);
    deeplink_write(&p->app, p->last_hash, sizeof p->last_hash);
    deeplink_selection(&p->app, p->last_selection, sizeof p->last_selection);
    /* Fields it ignored: the state shown goes back into the URL once at rest. */
    if (report.ignored > 0) web_url_holds(p, hash);
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

/* Positions on the page are the atlas's css px times the text scale. */
EMSCRIPTEN_KEEPALIVE double steppe_project_x(double lon, double lat)
{
    double x, y;
    app_project(&g_platform.app, lon, lat, &x, &y);
    return x * platform_text_scale(&g_platform);
}

EMSCRIPTEN_KEEPALIVE double steppe_project_y(double lon, double lat)
{
    double x, y;
    app_project(&g_platform.app, lon, lat, &x, &y);
    return y * platform_text_scale(&g_platform);
}

EMSCRIPTEN_KEEPALIVE double steppe_text_scale(void);
EMSCRIPTEN_KEEPALIVE double steppe_text_scale(void) { return platform_text_scale(&g_platform); }

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
        /* The notice on screen (a bundle that did not open), "" if none. */
        json.data[--json.len] = 0;
        text_out_raw(&json, ",\"notice\":");
        text_out_json_string(&json, g_platform.app.messages.notice);
        text_out_raw(&json, "}");
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
    web_present_whole_next();
    platform_update_sizes(p);
}

/* --- the page's screen-reader mirror and keyboard controls (web/steppe.js) ------------- */

/* A selection named as in the JSON ("country", "KAZ"); SELECTION_NONE if the
 * kind or the key is unknown. */
static Selection find_selection(const char *kind, const char *key)
{
    const Bundle *b = &g_platform.bundle;
    Selection s = { SELECTION_NONE, 0 };
    if (!kind || !key || !key[0]) return s;
    if (!strcmp(kind, "country")) s = (Selection){ SELECTION_COUNTRY, bundle_find_country(b, key) };
    else if (!strcmp(kind, "place")) s = (Selection){ SELECTION_PLACE, bundle_find_place(b, key) };
    else if (!strcmp(kind, "event")) s = (Selection){ SELECTION_EVENT, bundle_find_event(b, key) };
    else if (!strcmp(kind, "article")) s = (Selection){ SELECTION_ARTICLE, bundle_find_article(b, key) };
    if (!s.id) s.kind = SELECTION_NONE;
    return s;
}

/* What a click on the thing does: CMD_SELECT. An unknown kind or key does
 * nothing and returns 0. */
EMSCRIPTEN_KEEPALIVE int steppe_select(const char *kind, const char *key)
{
    Selection s = find_selection(kind, key);
    if (s.kind == SELECTION_NONE) return 0;
    platform_command(&g_platform, cmd_select(s.kind, s.id));
    return 1;
}

/* The keyboard is on a country or an event of the mirror: marked on the map
 * like a hover until the pointer moves (CMD_SET_FOCUS). kind "" clears it.
 * Returns 0 for an unknown key (and clears). */
EMSCRIPTEN_KEEPALIVE int steppe_focus(const char *kind, const char *key)
{
    Selection s = find_selection(kind, key);
    Command c = { .kind = CMD_SET_FOCUS };
    c.u.selection = s.kind == SELECTION_COUNTRY || s.kind == SELECTION_EVENT ? s : (Selection){ SELECTION_NONE, 0 };
    platform_command(&g_platform, c);
    return c.u.selection.kind != SELECTION_NONE;
}

/* The mirror's controls, as the canvas's buttons and keys do them:
 * "zoom" (a: factor), "home", "escape", "years" (a, b: from, to),
 * "category" (a: index, b: 0 off, 1 on, 2 flip), "reduced-motion" (a: 0 or 1).
 * Returns whether the command applied. */
EMSCRIPTEN_KEEPALIVE int steppe_do(const char *what, double a, double b)
{
    Command c = { .kind = CMD_NONE };
    if (!strcmp(what, "zoom")) {
        c.kind = CMD_ZOOM_BY;
        c.u.zoom.factor = a;
    } else if (!strcmp(what, "home")) {
        c.kind = CMD_FLY_HOME;
    } else if (!strcmp(what, "escape")) {
        c.kind = CMD_ESCAPE;
    } else if (!strcmp(what, "years")) {
        if (!isfinite(a) || !isfinite(b) || fabs(a) > 1e6 || fabs(b) > 1e6) return 0;
        c.kind = CMD_SET_YEARS;
        c.u.years.from = (int)a;
        c.u.years.to = (int)b;
    } else if (!strcmp(what, "category")) {
        if (!(a >= 0 && a < CATEGORY_COUNT) || !(b == 0 || b == 1 || b == 2)) return 0;
        c.kind = CMD_SET_CATEGORY;
        c.u.category.index = (unsigned)a;
        c.u.category.on = b == 0 ? TOGGLE_OFF : b == 1 ? TOGGLE_ON : TOGGLE_FLIP;
    } else if (!strcmp(what, "tour-step")) { /* the presenter window's arrows */
        if (a != 1 && a != -1) return 0;
        c.kind = CMD_TOUR_STEP;
        c.u.direction = (int)a;
    } else if (!strcmp(what, "tour-go")) {
        if (!(a >= 0 && a < 100000)) return 0;
        c.kind = CMD_TOUR_GO;
        c.u.tour.stop = (uint32_t)a;
    } else if (!strcmp(what, "reduced-motion")) {
        c = cmd_toggle(CMD_SET_REDUCED_MOTION, a != 0 ? TOGGLE_ON : TOGGLE_OFF);
    } else if (!strcmp(what, "help") || !strcmp(what, "hint")) { /* a: 0 off, 1 on, 2 flip */
        if (!(a == 0 || a == 1 || a == 2)) return 0;
        c = cmd_toggle(!strcmp(what, "help") ? CMD_SET_HELP : CMD_SET_HINT,
                       a == 0 ? TOGGLE_OFF : a == 1 ? TOGGLE_ON : TOGGLE_FLIP);
    } else {
        return 0;
    }
    return app_apply(&g_platform.app, &c, platform_now_ms());
}

/* The search box, as '/' opens it: the next frame takes the key. */
EMSCRIPTEN_KEEPALIVE void steppe_open_search(void) { g_platform.input.keys_pressed |= APP_KEY_SEARCH; }

/* --- the page's own search <input> (web/search_input.js): phones' on-screen keyboard --- */
EMSCRIPTEN_KEEPALIVE const char *steppe_search_json(void);
EMSCRIPTEN_KEEPALIVE void steppe_search_text(const char *text, int caret, int anchor);
EMSCRIPTEN_KEEPALIVE int steppe_search_key(const char *what);

/* The search box: { shown, focused, pageInput, x, y, w, h (page css px),
 * fontPx, query, caret, anchor (bytes), total, highlighted,
 * results: [{ kind, key, label }] } (the rows the list holds). */
EMSCRIPTEN_KEEPALIVE const char *steppe_search_json(void)
{
    static TextOut json;
    const App *app = &g_platform.app;
    const SearchBox *b = &g_platform.ui.search;
    double k = platform_text_scale(&g_platform);
    bool shown = !app->display.clean || app->mode.kind != APP_MODE_NONE;
    text_out_reset_growing(&json);
    text_out_printf(&json, "{\"shown\":%s,\"focused\":%s,\"pageInput\":%s,\"x\":%.2f,\"y\":%.2f,\"w\":%.2f,"
                           "\"h\":%.2f,\"scale\":%.3f,\"fontPx\":%.2f,\"query\":",
                    shown ? "true" : "false", b->focused ? "true" : "false", b->page_input ? "true" : "false",
                    b->x * k, b->y * k, b->w * k, b->h * k, k, TEXT_SEARCH_QUERY_CSS * k);
    text_out_json_string(&json, b->field.text);
    text_out_printf(&json, ",\"caret\":%zu,\"anchor\":%zu,\"total\":%zu,\"highlighted\":%d,\"results\":[",
                    b->field.caret, b->field.anchor, b->total, b->highlighted);
    for (int i = 0; i < b->result_count; i++) {
        const char *key = "", *name = "";
        Selection s = { b->results[i].kind, b->results[i].id };
        app_selection_names(app, s, &key, &name);
        text_out_printf(&json, "%s{\"kind\":\"%s\",\"key\":", i ? "," : "", app_selection_kind_name(s.kind));
        text_out_json_string(&json, key ? key : "");
        text_out_raw(&json, ",\"label\":");
        text_out_json_string(&json, b->results[i].label ? b->results[i].label : "");
        text_out_raw(&json, "}");
    }
    text_out_raw(&json, "]}");
    return text_out_result(&json, "null");
}

/* The page's <input> has the focus and holds text (UTF-8) with its caret and
 * anchor (byte offsets): the box takes them as its query and shows its
 * results; the canvas leaves the text to the <input>. Offsets out of range
 * are clamped (text_field_set). */
EMSCRIPTEN_KEEPALIVE void steppe_search_text(const char *text, int caret, int anchor)
{
    SearchBox *b = &g_platform.ui.search;
    search_box_set_text(b, text ? text : "", caret < 0 ? 0 : (size_t)caret, anchor < 0 ? 0 : (size_t)anchor);
    b->page_input = true;
    platform_command(&g_platform, cmd_simple(CMD_REDRAW));
}

/* The <input>'s keys, applied at once: "enter" selects the highlighted
 * result (returns 1 if there was one), "up" and "down" move the highlight,
 * "close" leaves the box (Escape, or the <input> lost the focus), "detach"
 * gives the text back to the canvas (the focus went to the map: its press
 * decides whether the box stays). Returns 0 for anything else. */
EMSCRIPTEN_KEEPALIVE int steppe_search_key(const char *what)
{
    Platform *p = &g_platform;
    SearchBox *b = &p->ui.search;
    int done = 1;
    Selection s;
    if (!what) return 0;
    if (!strcmp(what, "enter")) {
        done = search_box_take(b, &s);
        if (done) platform_command(p, cmd_select(s.kind, s.id));
    } else if (!strcmp(what, "up") || !strcmp(what, "down")) {
        search_box_step(b, what[0] == 'd' ? 1 : -1);
    } else if (!strcmp(what, "close")) {
        search_box_close(b);
    } else if (!strcmp(what, "detach")) {
        b->page_input = false;
    } else {
        return 0;
    }
    platform_command(p, cmd_simple(CMD_REDRAW));
    return done;
}

/* The theme by its JSON name ("default", "high-contrast", "dark"). */
static int theme_named(const char *name)
{
    for (int t = 0; t < THEME_ID_COUNT; t++)
        if (name && !strcmp(name, app_theme_name((ThemeId)t))) return t;
    return -1;
}

EMSCRIPTEN_KEEPALIVE int steppe_set_theme(const char *name)
{
    int t = theme_named(name);
    if (t < 0) return 0;
    Command c = { .kind = CMD_SET_THEME };
    c.u.theme.id = (ThemeId)t;
    platform_command(&g_platform, c);
    return 1;
}

/* The panel's document for the current selection (panel_json), and whether
 * the panel shows it. */
EMSCRIPTEN_KEEPALIVE const char *steppe_panel_document(void)
{
    static PanelDoc doc;
    static TextOut json;
    const App *app = &g_platform.app;
    panel_build(&doc, app->bundle, app->select.current);
    text_out_reset_growing(&json);
    text_out_printf(&json, "{\"open\":%s,\"document\":", app_panel_visible(app) ? "true" : "false");
    panel_json(&doc, app->bundle, &json);
    text_out_raw(&json, "}");
    return text_out_result(&json, "null");
}

#define MIRROR_MAX_EVENTS 400

EMSCRIPTEN_KEEPALIVE const char *steppe_mirror_json(void)
{
    static TextOut json;
    text_out_reset_growing(&json);
    app_json_mirror(&g_platform.app, &json, MIRROR_MAX_EVENTS);
    return text_out_result(&json, "null");
}

static void json_rgba(TextOut *o, const char *name, Rgba c)
{
    text_out_printf(o, "\"%s\":[%u,%u,%u,%u],", name, c.r, c.g, c.b, c.a);
}

static void json_rgba_list(TextOut *o, const char *name, const Rgba *c, int n)
{
    text_out_printf(o, "\"%s\":[", name);
    for (int i = 0; i < n; i++) text_out_printf(o, "%s[%u,%u,%u,%u]", i ? "," : "", c[i].r, c[i].g, c[i].b, c[i].a);
    text_out_raw(o, "],");
}

/* A theme's colours as {field: [r, g, b, a]} (theme.h's names), for the
 * contrast test; null for an unknown theme. */
EMSCRIPTEN_KEEPALIVE const char *steppe_theme_colors(const char *name)
{
    static TextOut json;
    int id = theme_named(name);
    if (id < 0) return "null";
    const Theme *t = theme_for((ThemeId)id);
    text_out_reset_growing(&json);
    text_out_raw(&json, "{");
    json_rgba_list(&json, "land_focus", t->land_focus, 6);
    json_rgba_list(&json, "land_other", t->land_other, 6);
    json_rgba_list(&json, "category", t->category, CATEGORY_COUNT);
#define RGBA(field) json_rgba(&json, #field, t->field);
    RGBA(water) RGBA(border) RGBA(border_focus) RGBA(coast) RGBA(hover_tint) RGBA(hover_outline)
    RGBA(selected_outline) RGBA(label) RGBA(label_halo) RGBA(label_minor) RGBA(panel_bg) RGBA(panel_text)
    RGBA(panel_muted) RGBA(panel_rule) RGBA(link) RGBA(button_hover) RGBA(symbol_outline) RGBA(arc)
#undef RGBA
    text_out_json_string(&json, "name");
    text_out_raw(&json, ":");
    text_out_json_string(&json, app_theme_name((ThemeId)id));
    text_out_raw(&json, "}");
    return text_out_result(&json, "null");
}
