/* app: input -> state. See app.h for the design. */
#include "app.h"

#include "event_markers.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DRAG_THRESHOLD_CSS 4.0   /* a press that moves less than this is a click */
#define WHEEL_ZOOM_PER_STEP 1.25
#define KEY_PAN_CSS_PER_S 500.0
#define KEY_ZOOM_FACTOR 1.5
#define FLY_MARGIN_CSS 48.0
#define INTERACTION_LINGER_MS 150.0
#define PLAY_YEARS_PER_S 1.5

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
    /* Show a little of the neighbours around the five states. */
    double mx = (app->home_bounds[2] - app->home_bounds[0]) * 0.06;
    double my = (app->home_bounds[3] - app->home_bounds[1]) * 0.06;
    app->home_bounds[0] -= mx;
    app->home_bounds[1] -= my;
    app->home_bounds[2] += mx;
    app->home_bounds[3] += my;
    ViewLimits limits = {0};
    for (int i = 0; i < 4; i++) limits.bounds[i] = m.world_bounds[i];
    view_init(&app->view, &limits, width_css, height_css, app->home_bounds);
    app->home_scale_px = app->view.scale_px;
    app->first_year = 1991; /* independence: the timeline starts here even if no event does */
    app->last_year = 1991;
    for (uint32_t e = 1; e <= bundle->event_count; e++) {
        int y = bundle_event(bundle, e).year;
        if (y > app->last_year) app->last_year = y;
        if (y < app->first_year) app->first_year = y;
    }
    app->filter.year_from = app->first_year;
    app->filter.year_to = app->last_year;
    app->filter.category_mask = (1u << CATEGORY_COUNT) - 1;
    app->layers = LAYER_MARKERS | LAYER_LABELS;
    app->needs_redraw = true;
    app->last_now_ms = now_ms;
    app->country_hits = hit_index_create(bundle);
    app->markers = calloc(1, sizeof *app->markers);
    if (!app->country_hits || !app->markers || !event_markers_init(app->markers, bundle)) return false;
    event_markers_update(app->markers, app);
    return true;
}

void app_destroy(App *app)
{
    hit_index_destroy(app->country_hits);
    if (app->markers) event_markers_free(app->markers);
    free(app->markers);
    memset(app, 0, sizeof *app);
}

void app_toast(App *app, const char *text, double now_ms)
{
    snprintf(app->toast, sizeof app->toast, "%s", text);
    app->toast_until_ms = now_ms + 2000;
    app->needs_redraw = true;
}

/* An event's date as a fractional year: the middle of its month or year when
 * the day or month is unknown, so play reveals it at a fair moment. */
static double event_fractional_year(const BundleEvent *e)
{
    if (e->precision >= DATE_PRECISION_DAY) return e->year + (e->month - 1) / 12.0 + (e->day - 1) / 365.0;
    if (e->precision >= DATE_PRECISION_MONTH) return e->year + (e->month - 0.5) / 12.0;
    return e->year + 0.5;
}

bool app_event_visible(const App *app, uint32_t event_id)
{
    if (event_id == 0 || event_id > app->bundle->event_count) return false;
    BundleEvent e = bundle_event(app->bundle, event_id);
    if (e.year < app->filter.year_from || e.year > app->filter.year_to) return false;
    if (!(app->filter.category_mask & (1u << e.category))) return false;
    if (app->playing && event_fractional_year(&e) > app->play_year) return false;
    return true;
}

void app_set_years(App *app, int year_from, int year_to)
{
    if (year_from > year_to) { int t = year_from; year_from = year_to; year_to = t; }
    if (year_from < app->first_year) year_from = app->first_year;
    if (year_to > app->last_year) year_to = app->last_year;
    if (year_from > app->last_year) year_from = app->last_year;
    if (year_to < app->first_year) year_to = app->first_year;
    app->filter.year_from = year_from;
    app->filter.year_to = year_to;
    app->needs_redraw = true;
}

void app_toggle_play(App *app)
{
    app->playing = !app->playing;
    if (app->playing) app->play_year = app->filter.year_from;
    app->needs_redraw = true;
}

void app_toggle_category(App *app, unsigned category, bool solo)
{
    if (category >= CATEGORY_COUNT) return;
    uint32_t bit = 1u << category, all = (1u << CATEGORY_COUNT) - 1;
    if (solo) app->filter.category_mask = app->filter.category_mask == bit ? all : bit;
    else app->filter.category_mask ^= bit;
    app->needs_redraw = true;
}

void app_count_events(const App *app, uint32_t counts[CATEGORY_COUNT], uint32_t *visible_total)
{
    uint32_t total = 0;
    for (int c = 0; c < CATEGORY_COUNT; c++) counts[c] = 0;
    for (uint32_t e = 1; e <= app->bundle->event_count; e++) {
        BundleEvent ev = bundle_event(app->bundle, e);
        /* Per-category counts ignore the category filter, so a switched-off
         * category still shows what it would add. */
        if (ev.year >= app->filter.year_from && ev.year <= app->filter.year_to && ev.category < CATEGORY_COUNT)
            counts[ev.category]++;
        if (app_event_visible(app, e)) total++;
    }
    if (visible_total) *visible_total = total;
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

/* Flies so a world rectangle shows with a margin, never zooming out just to
 * frame something huge (Russia) unless asked to. */
static double inset_right(const App *app) { return app->panel_open ? app->panel_inset_right_css : 0; }
static double inset_bottom(const App *app)
{
    return (app->panel_open ? app->panel_inset_bottom_css : 0) + app->chrome_inset_bottom_css;
}

static void fly_to_bounds(App *app, const double bounds[4], bool allow_zoom_out, double now_ms)
{
    /* Fit into the part of the map the panel leaves visible, then shift the
     * centre so the target sits in the middle of that part. */
    View target = app->view;
    double visible_w = fmax(120.0, app->view.width_css - inset_right(app));
    double visible_h = fmax(120.0, app->view.height_css - inset_bottom(app));
    target.width_css = visible_w;
    target.height_css = visible_h;
    view_fit(&target, bounds, FLY_MARGIN_CSS);
    double scale = target.scale_px;
    if (!allow_zoom_out && scale < app->view.scale_px) scale = app->view.scale_px;
    double cx = (bounds[0] + bounds[2]) / 2 + inset_right(app) / 2 / scale;
    double cy = (bounds[1] + bounds[3]) / 2 + inset_bottom(app) / 2 / scale;
    if (!allow_zoom_out && scale == app->view.scale_px) {
        cx = target.center_x + inset_right(app) / 2 / scale;
        cy = target.center_y + inset_bottom(app) / 2 / scale;
    }
    view_fly_to(&app->view, cx, cy, scale, now_ms, 0);
}

/* Flies to a point, zooming in to at least a regional close-up, and centres it
 * in the part of the map the panel leaves visible. */
static void fly_to_point(App *app, double wx, double wy, double now_ms)
{
    double scale = app->view.scale_px;
    if (scale < app->home_scale_px * 2.5) scale = app->home_scale_px * 2.5;
    view_fly_to(&app->view, wx + inset_right(app) / 2 / scale, wy + inset_bottom(app) / 2 / scale, scale,
                now_ms, 0);
}

static void fly_to_selection(App *app, Selection sel, double now_ms)
{
    const Bundle *b = app->bundle;
    switch (sel.kind) {
    case SELECTION_COUNTRY: {
        BundleCountry c = bundle_country(b, sel.id);
        if (!c.ring_count) return;
        double bounds[4] = { c.bbox[0], c.bbox[1], c.bbox[2], c.bbox[3] };
        fly_to_bounds(app, bounds, c.label_rank <= 1, now_ms);
        break;
    }
    case SELECTION_PLACE: {
        BundlePlace p = bundle_place(b, sel.id);
        fly_to_point(app, p.x, p.y, now_ms);
        break;
    }
    case SELECTION_EVENT: {
        BundlePlace p = bundle_place(b, bundle_event(b, sel.id).place);
        fly_to_point(app, p.x, p.y, now_ms);
        break;
    }
    default: break;
    }
}

static bool selection_equal(Selection a, Selection b) { return a.kind == b.kind && a.id == b.id; }

static void apply_selection(App *app, Selection sel, double now_ms)
{
    app->selection = sel;
    app->panel_open = sel.kind != SELECTION_NONE;
    app->needs_redraw = true;
    fly_to_selection(app, sel, now_ms);
}

void app_select(App *app, Selection sel, double now_ms)
{
    if (!app_selection_valid(app, sel)) sel = (Selection){ SELECTION_NONE, 0 };
    if (selection_equal(sel, app->selection)) {
        if (sel.kind != SELECTION_NONE) app->panel_open = true;
        app->needs_redraw = true;
        return;
    }
    /* A new selection drops the forward part of the history, like a browser. */
    if (app->history_count == 0 || !selection_equal(app->history[app->history_pos], sel)) {
        if (app->history_count > 0) app->history_count = app->history_pos + 1;
        if (app->history_count == APP_HISTORY_MAX) {
            memmove(app->history, app->history + 1, (APP_HISTORY_MAX - 1) * sizeof app->history[0]);
            app->history_count--;
        }
        app->history[app->history_count++] = sel;
        app->history_pos = app->history_count - 1;
    }
    apply_selection(app, sel, now_ms);
}

bool app_history_step(App *app, int direction, double now_ms)
{
    int pos = app->history_pos + (direction < 0 ? -1 : 1);
    if (app->history_count == 0 || pos < 0 || pos >= app->history_count) return false;
    app->history_pos = pos;
    apply_selection(app, app->history[pos], now_ms);
    return true;
}

bool app_selection_valid(const App *app, Selection sel)
{
    const Bundle *b = app->bundle;
    switch (sel.kind) {
    case SELECTION_NONE: return true;
    case SELECTION_COUNTRY: return sel.id >= 1 && sel.id <= b->country_count;
    case SELECTION_PLACE: return sel.id >= 1 && sel.id <= b->place_count;
    case SELECTION_EVENT: return sel.id >= 1 && sel.id <= b->event_count;
    case SELECTION_ARTICLE: return sel.id >= 1 && sel.id <= b->article_count;
    default: return false;
    }
}

void app_select_country(App *app, uint32_t country_id, double now_ms)
{
    app_select(app, (Selection){ country_id ? SELECTION_COUNTRY : SELECTION_NONE, country_id }, now_ms);
}

void app_select_event(App *app, uint32_t event_id, double now_ms)
{
    app_select(app, (Selection){ event_id ? SELECTION_EVENT : SELECTION_NONE, event_id }, now_ms);
}

void app_fly_to_bounds(App *app, const double bounds[4], bool allow_zoom_out, double now_ms)
{
    fly_to_bounds(app, bounds, allow_zoom_out, now_ms);
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
        View home = *v;
        view_fit(&home, app->home_bounds, 0);
        app->home_scale_px = home.scale_px;
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
        /* Markers, clusters, edge indicators and the key lie over the countries. */
        event_markers_update(app->markers, app);
        MarkerHit hit = event_markers_pick(app->markers, in->pointer_x, in->pointer_y);
        if (!event_markers_click(app, hit, in->now_ms)) {
            uint32_t id = app_country_at(app, in->pointer_x, in->pointer_y);
            if (id != app->selection.id || app->selection.kind != SELECTION_COUNTRY)
                app_select_country(app, id, in->now_ms);
        }
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
    /* A double click on a marker, cluster, edge badge or the key is two clicks
     * on it, not a zoom of the map. */
    if (in->double_clicks > 0 && in->pointer_inside &&
        event_markers_pick(app->markers, in->pointer_x, in->pointer_y).kind == MARKER_HIT_NONE) {
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
    if (in->keys_pressed & APP_KEY_ESCAPE) {
        if (app->notice[0]) app->notice[0] = 0;
        else if (app->panel_open) app->panel_open = false;
        else app_select(app, (Selection){ SELECTION_NONE, 0 }, in->now_ms);
        app->needs_redraw = true;
    }
    if (in->keys_pressed & APP_KEY_COPY) app->requests |= APP_REQUEST_COPY_TEXT;
    if (in->keys_pressed & APP_KEY_EXPORT) app->requests |= APP_REQUEST_EXPORT_PNG;
    if (in->keys_pressed & APP_KEY_COPY_LINK) app->requests |= APP_REQUEST_COPY_LINK;
    if (app->toast[0] && in->now_ms >= app->toast_until_ms) {
        app->toast[0] = 0;
        app->needs_redraw = true;
    }
    if (in->keys_pressed & APP_KEY_PLAY) app_toggle_play(app);
    if (in->keys_pressed & APP_KEY_CONTRAST) {
        app->high_contrast = !app->high_contrast;
        app->needs_redraw = true;
    }
    if (in->keys_pressed & APP_KEY_RELATIONS) {
        app->layers ^= LAYER_RELATIONS;
        app->needs_redraw = true;
    }
    if (in->keys_pressed & APP_KEY_LANGUAGE) {
        app->local_names = !app->local_names;
        app->needs_redraw = true;
    }
    if (in->keys_pressed & (APP_KEY_YEAR_EARLIER | APP_KEY_YEAR_LATER)) {
        int shift = (in->keys_pressed & APP_KEY_YEAR_LATER) ? 1 : -1;
        int from = app->filter.year_from + shift, to = app->filter.year_to + shift;
        if (from >= app->first_year && to <= app->last_year) app_set_years(app, from, to);
    }
    if (in->keys_pressed & APP_KEY_BACK) app_history_step(app, -1, in->now_ms);
    if (in->keys_pressed & APP_KEY_FORWARD) app_history_step(app, +1, in->now_ms);
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

    if (app->playing) {
        app->play_year += PLAY_YEARS_PER_S * dt_ms / 1000.0;
        if (app->play_year >= app->filter.year_to + 1) app->playing = false;
        app->needs_redraw = true;
    }

    /* "Interacting" lets the renderer show a scaled copy of the map while the
     * view moves, and redraw it crisply once it stops. */
    if (app->dragging || in->wheel_steps != 0 || (in->pinch_factor > 0 && in->pinch_factor != 1) || arrows ||
        v->flight.active)
        app->interaction_until_ms = in->now_ms + INTERACTION_LINGER_MS;
    bool interacting = in->now_ms < app->interaction_until_ms;
    if (app->interacting && !interacting) app->needs_redraw = true;
    app->interacting = interacting;

    if (in->pointer_x != app->pointer_x || in->pointer_y != app->pointer_y) {
        app->pointer_x = in->pointer_x;
        app->pointer_y = in->pointer_y;
        if (app->hover_country) app->needs_redraw = true; /* the name follows the pointer */
    }
    /* Hover: only while not dragging, so panning doesn't flicker highlights.
     * A marker under the pointer takes precedence over the country below it. */
    event_markers_update(app->markers, app);
    uint32_t hover = 0, hover_event = 0, hover_place = 0;
    MarkerHit hit = { MARKER_HIT_NONE, -1, 0, 0, false };
    if (in->pointer_inside && !app->dragging) {
        hit = event_markers_pick(app->markers, in->pointer_x, in->pointer_y);
        if (hit.kind == MARKER_HIT_GLYPH) hover_event = hit.event; /* 0 for a cluster */
        else if (hit.kind == MARKER_HIT_EDGE) hover_place = hit.place;
        else if (hit.kind == MARKER_HIT_NONE) hover = app_country_at(app, in->pointer_x, in->pointer_y);
    }
    if (event_markers_set_hover(app->markers, hit)) app->needs_redraw = true;
    if (hover != app->hover_country || hover_event != app->hover_event || hover_place != app->hover_place) {
        app->hover_country = hover;
        app->hover_event = hover_event;
        app->hover_place = hover_place;
        app->needs_redraw = true;
    }
}

void app_selection_names(const App *app, Selection sel, const char **key, const char **name)
{
    const Bundle *b = app->bundle;
    switch (sel.kind) {
    case SELECTION_COUNTRY: { BundleCountry c = bundle_country(b, sel.id); *key = c.iso3; *name = c.name; break; }
    case SELECTION_PLACE: { BundlePlace p = bundle_place(b, sel.id); *key = p.key; *name = p.name; break; }
    case SELECTION_EVENT: { BundleEvent e = bundle_event(b, sel.id); *key = e.key; *name = e.title; break; }
    case SELECTION_ARTICLE: { BundleArticle a = bundle_article(b, sel.id); *key = a.key; *name = a.title; break; }
    default: *key = *name = ""; break;
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

/* The event markers' part of the state: glyphs drawn (markers, clusters and
 * fanned markers), edge indicators, and the events they stand for. */
static void app_markers_state_json(const App *app, TextOut *o)
{
    const EventMarkers *m = app->markers;
    out_fmt(o, ",\"markers\":%zu,\"edgeIndicators\":%zu,\"visibleMarkers\":%u",
            m ? m->glyph_count : (size_t)0, m ? m->edge_count : (size_t)0, m ? m->represented : 0u);
    out_fmt(o, ",\"legendOpen\":%s,\"layers\":[", !m || m->legend.open ? "true" : "false");
    static const char *const names[] = { "markers", "labels", "relations" };
    for (int i = 0, n = 0; i < 3; i++)
        if (app->layers & (1u << i)) out_fmt(o, "%s\"%s\"", n++ ? "," : "", names[i]);
    out_raw(o, "]");
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
    out_fmt(&o, "{\"view\":{\"lon\":%.5f,\"lat\":%.5f,\"zoom\":%.4f,\"scalePx\":%.3f,"
                "\"width\":%.1f,\"height\":%.1f,\"flying\":%s},",
            lon, lat, log2(v->scale_px / home.scale_px), v->scale_px, v->width_css, v->height_css,
            v->flight.active ? "true" : "false");
    const char *key = "", *name = "";
    app_selection_names(app, app->selection, &key, &name);
    out_fmt(&o, "\"selectionKind\":\"%s\",\"selection\":", selection_kind_name(app->selection.kind));
    out_json_string(&o, key);
    out_raw(&o, ",\"selectionName\":");
    out_json_string(&o, name);
    out_raw(&o, ",\"hover\":");
    out_json_string(&o, bundle_country(app->bundle, app->hover_country).iso3);
    out_raw(&o, ",\"hoverEvent\":");
    out_json_string(&o, bundle_event(app->bundle, app->hover_event).key);
    app_markers_state_json(app, &o);
    uint32_t counts[CATEGORY_COUNT], visible;
    app_count_events(app, counts, &visible);
    out_fmt(&o, ",\"years\":[%d,%d],\"categories\":%u,\"visibleEvents\":%u,\"playing\":%s,\"localNames\":%s,\"highContrast\":%s",
            app->filter.year_from, app->filter.year_to, app->filter.category_mask, visible,
            app->playing ? "true" : "false", app->local_names ? "true" : "false",
            app->high_contrast ? "true" : "false");
    out_fmt(&o, ",\"panelOpen\":%s}", app->panel_open ? "true" : "false");
    out[o.len < out_size ? o.len : out_size - 1] = 0;
    return o.len < out_size ? o.len : out_size - 1;
}
