/* app: the atlas as a state machine — setting it up, and reading it.
 *
 * Design: the state (state.h) changes only through commands (command.h,
 * app_apply, included by whoever applies them); input becomes commands in
 * gesture.h, the UI's buttons and
 * links emit them, and so do deep links and the JavaScript API. The renderer
 * and the UI only read the App. Nothing here touches SDL, the browser or the
 * GPU, so every behaviour can be unit-tested and replayed.
 * Screen positions are css px (see view.h); geography is lon/lat degrees;
 * geometry is world units (see geo.h). */
#ifndef STEPPE_APP_H
#define STEPPE_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "bundle.h"
#include "state.h"

/* The deepest zoom, as css px per world unit (1 world unit = Earth's radius,
 * 6371 km: geo.h): no finer than APP_FINEST_KM_PER_CSS_PX. The borders are
 * Natural Earth 1:50m, kept whole in and around Central Asia
 * (tools/bundle/geometry.mjs); there they have a vertex every 8 km (median;
 * a quarter of the segments are under 5.3 km, three quarters under 12.5 km:
 * world-atlas countries-50m.json, 45-90°E, 33-56°N). At 0.3 km per css px
 * a median segment is 27 px long: zoomed further, borders are visibly
 * straight lines (the hands-on test's "5 km scale bar"). The scale bar
 * stops at 20 km (130 px at most). About 12x the home view at 1280x800. A
 * bundle of a far smaller area still zooms to twice its home view. */
#define APP_FINEST_KM_PER_CSS_PX 0.3
#define APP_MAX_SCALE_PX (6371.0 / APP_FINEST_KM_PER_CSS_PX)

/* Sets up the app for a validated bundle and a viewport, building its indexes.
 * Returns false if the bundle's projection parameters are unusable or memory
 * runs out. */
bool app_init(App *app, const Bundle *bundle, double width_css, double height_css, double now_ms);
void app_destroy(App *app);
/* Sets v's centre and scale to the home view for v's size: home_bounds
 * (the region and a margin) fitted into the viewport, stepping back as far
 * as needed for the region itself to lie clear of the search band at the
 * top and the timeline at the bottom (at any text scale), and centred in
 * what they leave; clamped. */
void app_fit_home(const App *app, View *v);

/* The stable key (ISO3 for countries) and display name of a selection ("" if none). */
void app_selection_names(const App *app, Selection selection, const char **key, const char **name);
/* Whether a selection's id exists in the bundle (SELECTION_NONE is valid). */
bool app_selection_valid(const App *app, Selection selection);
/* A selection kind's JSON name ("country") and deep-link field ("c", "" for none). */
const char *app_selection_kind_name(SelectionKind kind);
const char *app_selection_kind_field(SelectionKind kind);
/* A layer's name ("markers") by index 0..LAYER_COUNT-1, and its bit. */
const char *app_layer_name(int index);
uint32_t app_layer_bit(int index);
/* A theme's deep-link value ("contrast") and JSON name ("high-contrast"). */
const char *app_theme_link_value(ThemeId theme);
const char *app_theme_name(ThemeId theme);

/* Whether the panel shows: the selection's, or a tour's slide or list. */
static inline bool app_panel_visible(const App *app)
{
    if (app->mode.kind != APP_MODE_NONE) return true;
    return app->select.panel_open && app->select.current.kind != SELECTION_NONE;
}
/* The mode's JSON name ("none", "tour", ...). */
const char *app_mode_name(AppModeKind kind);

/* Whether an event passes the year range, the categories and, while playing,
 * has happened by the play cursor. */
bool app_event_visible(const App *app, uint32_t event_id);
/* Events passing the filter, per category and in total (visible_total may be NULL). */
void app_count_events(const App *app, uint32_t counts[CATEGORY_COUNT], uint32_t *visible_total);

/* Country id at a css px position (0 = water or nothing). */
uint32_t app_country_at(const App *app, double x_css, double y_css);

/* Geographic point -> css px in the current view. */
void app_project(const App *app, double lon_deg, double lat_deg, double *x_css, double *y_css);

#endif
