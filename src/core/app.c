/* app: setting up the atlas and reading its state. See app.h; the one
 * writer of the state, app_apply, is in command.c. */
#include "app.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "event_markers.h"
#include "timeline.h"

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
    for (int i = 0; i < 4; i++) app->region_bounds[i] = app->home_bounds[i];
    /* Show a little of the neighbours around the five states. */
    double mx = (app->home_bounds[2] - app->home_bounds[0]) * 0.06;
    double my = (app->home_bounds[3] - app->home_bounds[1]) * 0.06;
    app->home_bounds[0] -= mx;
    app->home_bounds[1] -= my;
    app->home_bounds[2] += mx;
    app->home_bounds[3] += my;
    ViewLimits limits = {0};
    for (int i = 0; i < 4; i++) limits.bounds[i] = m.world_bounds[i];
    limits.max_scale_px = APP_MAX_SCALE_PX;
    view_init(&app->view, &limits, width_css, height_css, app->home_bounds);
    app_fit_home(app, &app->view);
    app->home_scale_px = app->view.scale_px;
    if (app->view.limits.max_scale_px < app->home_scale_px * 2) { /* a bundle of a far smaller area */
        app->view.limits.max_scale_px = app->home_scale_px * 2;
        view_resize(&app->view, width_css, height_css);
    }
    TimelineState *t = &app->timeline;
    t->first_year = 1991; /* independence: the timeline starts here even if no event does */
    t->last_year = 1991;
    for (uint32_t e = 1; e <= bundle->event_count; e++) {
        int y = bundle_event(bundle, e).year;
        if (y > t->last_year) t->last_year = y;
        if (y < t->first_year) t->first_year = y;
    }
    t->filter.year_from = t->first_year;
    t->filter.year_to = t->last_year;
    t->filter.category_mask = (1u << CATEGORY_COUNT) - 1;
    app->display.layers = LAYERS_DEFAULT;
    app->display.theme = THEME_ID_DEFAULT;
    app->display.text_scale_percent = 100;
    app->needs_redraw = true;
    app->now_ms = now_ms;
    ScreenInputs screen = { width_css, height_css, false, false, bundle->tour_count > 0, false, false };
    screen_layout_compute(&screen, &app->screen);
    app->country_hits = hit_index_create(bundle);
    app->markers = calloc(1, sizeof *app->markers);
    if (!app->country_hits || !app->markers || !event_markers_init(app->markers, bundle)) return false;
    event_markers_update(app->markers, app);
    return true;
}

void app_fit_home(const App *app, View *v)
{
    double w = v->width_css, h = v->height_css;
    double top = SCREEN_TOP_BAND_CSS, bottom = SCREEN_TIMELINE_HEIGHT_CSS;
    if (h - top - bottom < h * 0.5) top = bottom = 0; /* a window too short for it: the whole of it */
    /* The region and its margin fill the window, as far as the region
     * itself then stays clear of the search band and the timeline (the
     * margin may go under them); at a large text scale the bands take more
     * of the window and the view steps back. */
    View whole = *v, clear = *v;
    view_fit(&whole, app->home_bounds, 0);
    clear.height_css = h - top - bottom;
    view_fit(&clear, app->region_bounds, 0);
    double scale = fmin(whole.scale_px, clear.scale_px);
    v->scale_px = scale;
    v->center_x = clear.center_x;
    v->center_y = clear.center_y + (bottom - top) / 2 / scale; /* the region's middle in the clear part */
    view_resize(v, w, h);                                     /* clamped at the full size */
}

void app_destroy(App *app)
{
    hit_index_destroy(app->country_hits);
    if (app->markers) event_markers_free(app->markers);
    free(app->markers);
    memset(app, 0, sizeof *app);
}

bool app_event_visible(const App *app, uint32_t event_id)
{
    return timeline_event_visible(&app->timeline, app->bundle, event_id);
}

void app_count_events(const App *app, uint32_t counts[CATEGORY_COUNT], uint32_t *visible_total)
{
    timeline_count_events(&app->timeline, app->bundle, counts, visible_total);
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

void app_selection_names(const App *app, Selection sel, const char **key, const char **name)
{
    const Bundle *b = app->bundle;
    *key = *name = "";
    if (sel.kind == SELECTION_NONE || !app_selection_valid(app, sel)) return;
    switch (sel.kind) {
    case SELECTION_COUNTRY: { BundleCountry c = bundle_country(b, sel.id); *key = c.iso3; *name = c.name; break; }
    case SELECTION_PLACE: { BundlePlace p = bundle_place(b, sel.id); *key = p.key; *name = p.name; break; }
    case SELECTION_EVENT: { BundleEvent e = bundle_event(b, sel.id); *key = e.key; *name = e.title; break; }
    case SELECTION_ARTICLE: { BundleArticle a = bundle_article(b, sel.id); *key = a.key; *name = a.title; break; }
    default: break;
    }
}

const char *app_selection_kind_name(SelectionKind kind)
{
    static const char *const names[SELECTION_KIND_COUNT] = {
#define KIND_NAME(k, field, name) name,
        SELECTION_KINDS(KIND_NAME)
#undef KIND_NAME
    };
    return (unsigned)kind < SELECTION_KIND_COUNT ? names[kind] : "none";
}

const char *app_selection_kind_field(SelectionKind kind)
{
    static const char *const fields[SELECTION_KIND_COUNT] = {
#define KIND_FIELD(k, field, name) field,
        SELECTION_KINDS(KIND_FIELD)
#undef KIND_FIELD
    };
    return (unsigned)kind < SELECTION_KIND_COUNT ? fields[kind] : "";
}

const char *app_layer_name(int index)
{
    static const char *const names[LAYER_COUNT] = {
#define LAYER_NAME(name, bit, text) text,
        MAP_LAYERS(LAYER_NAME)
#undef LAYER_NAME
    };
    return index >= 0 && index < LAYER_COUNT ? names[index] : "";
}

uint32_t app_layer_bit(int index) { return index >= 0 && index < LAYER_COUNT ? 1u << index : 0; }

const char *app_theme_link_value(ThemeId theme)
{
    static const char *const values[THEME_ID_COUNT] = {
#define THEME_LINK(id, link, name) link,
        THEMES(THEME_LINK)
#undef THEME_LINK
    };
    return (unsigned)theme < THEME_ID_COUNT ? values[theme] : "default";
}

const char *app_theme_name(ThemeId theme)
{
    static const char *const names[THEME_ID_COUNT] = {
#define THEME_NAME(id, link, name) name,
        THEMES(THEME_NAME)
#undef THEME_NAME
    };
    return (unsigned)theme < THEME_ID_COUNT ? names[theme] : "default";
}

const char *app_mode_name(AppModeKind kind)
{
    static const char *const names[APP_MODE_COUNT] = {
#define MODE_NAME(k, name) name,
        APP_MODES(MODE_NAME)
#undef MODE_NAME
    };
    return (unsigned)kind < APP_MODE_COUNT ? names[kind] : "none";
}
