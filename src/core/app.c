/* app: input -> state. See app.h for the design. */
#include "app.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define DRAG_THRESHOLD_CSS 4.0   /* a press that moves less than this is a click */
#define WHEEL_ZOOM_PER_STEP 1.25
#define KEY_PAN_CSS_PER_S 500.0
#define KEY_ZOOM_FACTOR 1.5
#define FLY_MARGIN_CSS 48.0

static void home_bounds_of(const Bundle *b, double out[4])
{
    BundleMeta m = bundle_meta(b);
    for (int i = 0; i < 4; i++) out[i] = m.home_bounds[i];
}

bool app_init(App *app, const Bundle *bundle, double width_css, double height_css, double now_ms)
{
    memset(app, 0, sizeof *app);
    app->bundle = bundle;
    BundleMeta m = bundle_meta(bundle);
    if (!geo_projection_init(&app->projection, m.proj_lon0_deg, m.proj_lat0_deg,
                             m.proj_lat1_deg, m.proj_lat2_deg))
        return false;
    home_bounds_of(bundle, app->home_bounds);
    ViewLimits limits = {0};
    for (int i = 0; i < 4; i++) limits.bounds[i] = m.world_bounds[i];
    view_init(&app->view, &limits, width_css, height_css, app->home_bounds);
    app->needs_redraw = true;
    app->last_now_ms = now_ms;
    app->country_hits = hit_index_create(bundle);
    return app->country_hits != NULL;
}

void app_destroy(App *app)
{
    hit_index_destroy(app->country_hits);
    memset(app, 0, sizeof *app);
}

uint32_t app_country_at(const App *app, double x_css, double y_css)
{
    double wx, wy;
    view_screen_to_world(&app->view, x_css, y_css, &wx, &wy);
    return hit_country_at(app->country_hits, app->bundle, wx, wy);
}

void app_project(const App *app, double lon_deg, double lat_deg, double *x_css, double *y_css)
{
    WorldPoint w = geo_project(&app->projection, lon_deg, lat_deg);
    view_world_to_screen(&app->view, w.x, w.y, x_css, y_css);
}

void app_select_country(App *app, uint32_t country_id, double now_ms)
{
    if (country_id > app->bundle->country_count) country_id = 0;
    app->selection.kind = country_id ? SELECTION_COUNTRY : SELECTION_NONE;
    app->selection.id = country_id;
    app->panel_open = country_id != 0;
    app->needs_redraw = true;
    if (!country_id) return;
    BundleCountry c = bundle_country(app->bundle, country_id);
    if (!c.ring_count) return;
    /* Fly so the whole country shows, but never zoom out past the home view
     * just to frame Russia: keep the current scale if it already shows it. */
    View target = app->view;
    double bounds[4] = { c.bbox[0], c.bbox[1], c.bbox[2], c.bbox[3] };
    view_fit(&target, bounds, FLY_MARGIN_CSS);
    double scale = target.scale_px;
    if (scale < app->view.scale_px && c.label_rank > 1) scale = app->view.scale_px;
    view_fly_to(&app->view, target.center_x, target.center_y, scale, now_ms, 0);
}

static uint32_t arrow_keys(uint32_t keys) { return keys & (APP_KEY_LEFT | APP_KEY_RIGHT | APP_KEY_UP | APP_KEY_DOWN); }

void app_update(App *app, const AppInput *in)
{
    View *v = &app->view;
    /* Clamp the frame delta: a background tab or a debugger pause must not make
     * key panning jump across the continent. */
    double dt_ms = in->now_ms - app->last_now_ms;
    if (dt_ms < 0) dt_ms = 0;
    if (dt_ms > 100) dt_ms = 100;
    app->last_now_ms = in->now_ms;

    if (in->width_css != v->width_css || in->height_css != v->height_css) {
        view_resize(v, in->width_css, in->height_css);
        app->needs_redraw = true;
    }

    /* Pointer gestures: drag pans, a press-release without moving is a click. */
    if (in->pointer_pressed) {
        app->press_x = app->last_x = in->pointer_x;
        app->press_y = app->last_y = in->pointer_y;
        app->dragging = false;
    }
    if (in->pointer_down && !in->pointer_pressed) {
        double dx = in->pointer_x - app->last_x, dy = in->pointer_y - app->last_y;
        if (!app->dragging && hypot(in->pointer_x - app->press_x, in->pointer_y - app->press_y) >= DRAG_THRESHOLD_CSS) {
            app->dragging = true;
            dx = in->pointer_x - app->press_x;
            dy = in->pointer_y - app->press_y;
        }
        if (app->dragging && (dx != 0 || dy != 0)) {
            view_cancel_flight(v);
            view_pan_by(v, dx, dy);
            app->needs_redraw = true;
        }
        if (app->dragging) {
            app->last_x = in->pointer_x;
            app->last_y = in->pointer_y;
        }
    }
    /* Selection on press (not release): the click-to-panel latency users feel
     * starts at mousedown, and a drag that follows only pans. */
    if (in->pointer_pressed && in->pointer_inside) {
        uint32_t id = app_country_at(app, in->pointer_x, in->pointer_y);
        if (id != app->selection.id || app->selection.kind != SELECTION_COUNTRY)
            app_select_country(app, id, in->now_ms);
    }
    if (in->pointer_released) app->dragging = false;

    if (in->wheel_steps != 0 && in->pointer_inside) {
        view_cancel_flight(v);
        view_zoom_about(v, pow(WHEEL_ZOOM_PER_STEP, in->wheel_steps), in->pointer_x, in->pointer_y);
        app->needs_redraw = true;
    }
    if (in->pinch_factor > 0 && in->pinch_factor != 1) {
        view_cancel_flight(v);
        view_zoom_about(v, in->pinch_factor, in->pinch_x, in->pinch_y);
        app->needs_redraw = true;
    }
    if (in->double_clicks > 0 && in->pointer_inside) {
        view_cancel_flight(v);
        double wx, wy;
        view_screen_to_world(v, in->pointer_x, in->pointer_y, &wx, &wy);
        view_fly_to(v, wx, wy, v->scale_px * 2.0, in->now_ms, 300);
    }

    /* Keyboard. */
    if (in->keys_pressed & APP_KEY_ZOOM_IN)
        view_fly_to(v, v->center_x, v->center_y, v->scale_px * KEY_ZOOM_FACTOR, in->now_ms, 250);
    if (in->keys_pressed & APP_KEY_ZOOM_OUT)
        view_fly_to(v, v->center_x, v->center_y, v->scale_px / KEY_ZOOM_FACTOR, in->now_ms, 250);
    if (in->keys_pressed & APP_KEY_RESET) {
        View target = *v;
        view_fit(&target, app->home_bounds, 0);
        view_fly_to(v, target.center_x, target.center_y, target.scale_px, in->now_ms, 0);
    }
    if (in->keys_pressed & APP_KEY_ESCAPE) app_select_country(app, 0, in->now_ms);
    uint32_t arrows = arrow_keys(in->keys_down);
    if (arrows) {
        double step = KEY_PAN_CSS_PER_S * dt_ms / 1000.0;
        double dx = 0, dy = 0;
        if (arrows & APP_KEY_LEFT) dx += step;
        if (arrows & APP_KEY_RIGHT) dx -= step;
        if (arrows & APP_KEY_UP) dy += step;
        if (arrows & APP_KEY_DOWN) dy -= step;
        view_cancel_flight(v);
        view_pan_by(v, dx, dy);
        app->needs_redraw = true;
    }

    if (view_step(v, in->now_ms)) app->needs_redraw = true;

    /* Hover: only while not dragging, so panning doesn't flicker highlights. */
    uint32_t hover = 0;
    if (in->pointer_inside && !app->dragging) hover = app_country_at(app, in->pointer_x, in->pointer_y);
    if (hover != app->hover_country) {
        app->hover_country = hover;
        app->needs_redraw = true;
    }
}

/* A bounded text writer: keeps counting past the end, like snprintf, and
 * always leaves a NUL-terminated prefix. */
typedef struct TextOut { char *buf; int size, len; } TextOut;

static void out_raw(TextOut *o, const char *s)
{
    for (; *s; s++, o->len++)
        if (o->len < o->size - 1) o->buf[o->len] = *s;
}

static void out_fmt(TextOut *o, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    out_raw(o, tmp);
}

/* A JSON string literal, or null for "". */
static void out_json_string(TextOut *o, const char *s)
{
    if (!*s) { out_raw(o, "null"); return; }
    out_raw(o, "\"");
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        char esc[8];
        if (ch == '"' || ch == '\\') snprintf(esc, sizeof esc, "\\%c", ch);
        else if (ch < 0x20) snprintf(esc, sizeof esc, "\\u%04x", ch);
        else { esc[0] = (char)ch; esc[1] = 0; }
        out_raw(o, esc);
    }
    out_raw(o, "\"");
}

static const char *selection_kind_name(SelectionKind k)
{
    switch (k) {
    case SELECTION_COUNTRY: return "country";
    case SELECTION_PLACE: return "place";
    case SELECTION_EVENT: return "event";
    case SELECTION_ARTICLE: return "article";
    default: return "none";
    }
}

int app_state_json(const App *app, char *out, int out_size)
{
    if (out_size <= 0) return 0;
    TextOut o = { out, out_size, 0 };
    const View *v = &app->view;
    double lon = 0, lat = 0;
    geo_unproject(&app->projection, (WorldPoint){ v->center_x, v->center_y }, &lon, &lat);
    View home = *v;
    view_fit(&home, app->home_bounds, 0);
    uint32_t selected_country = app->selection.kind == SELECTION_COUNTRY ? app->selection.id : 0;
    BundleCountry sel = bundle_country(app->bundle, selected_country);
    out_fmt(&o, "{\"view\":{\"lon\":%.5f,\"lat\":%.5f,\"zoom\":%.4f,\"scalePx\":%.3f,"
                "\"width\":%.1f,\"height\":%.1f,\"flying\":%s},",
            lon, lat, log2(v->scale_px / home.scale_px), v->scale_px, v->width_css, v->height_css,
            v->flight.active ? "true" : "false");
    out_fmt(&o, "\"selectionKind\":\"%s\",\"selection\":", selection_kind_name(app->selection.kind));
    out_json_string(&o, sel.iso3);
    out_raw(&o, ",\"selectionName\":");
    out_json_string(&o, sel.name);
    out_raw(&o, ",\"hover\":");
    out_json_string(&o, bundle_country(app->bundle, app->hover_country).iso3);
    out_fmt(&o, ",\"panelOpen\":%s}", app->panel_open ? "true" : "false");
    out[o.len < out_size ? o.len : out_size - 1] = 0;
    return o.len < out_size ? o.len : out_size - 1;
}
