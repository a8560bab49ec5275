/* command: app_apply, the one writer of the App. See command.h. */
#include "command.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "deeplink.h"
#include "command_internal.h"
#include "event_markers.h"

#define FLY_MARGIN_CSS 48.0
#define INTERACTION_LINGER_MS 150.0
#define PLAY_YEARS_PER_S 1.5
#define TOAST_MS 2000.0
#define ALL_CATEGORIES ((1u << CATEGORY_COUNT) - 1)
#define ALL_LAYERS ((1u << LAYER_COUNT) - 1)

const char *command_name(CommandKind kind)
{
    static const char *const names[COMMAND_KIND_COUNT] = {
#define COMMAND_NAME(k, name) name,
        COMMAND_KINDS(COMMAND_NAME)
#undef COMMAND_NAME
    };
    return (unsigned)kind < COMMAND_KIND_COUNT ? names[kind] : "";
}

static bool toggled(bool now, Toggle on) { return on == TOGGLE_FLIP ? !now : on == TOGGLE_ON; }
static bool toggle_valid(Toggle on) { return on == TOGGLE_OFF || on == TOGGLE_ON || on == TOGGLE_FLIP; }

/* The layout follows the viewport and whether the panel shows. */
static void refresh_screen(App *app)
{
    ScreenInputs in = { app->view.width_css, app->view.height_css, app_panel_visible(app),
                        app->select.current.kind != SELECTION_NONE, app->bundle->tour_count > 0,
                        app->mode.kind == APP_MODE_TOUR, app->display.hint_visible };
    screen_layout_compute(&in, &app->screen);
}

/* --- flights ------------------------------------------------------------------- */

/* How much of the map the open panel hides, and the timeline always. */
static double inset_right(const App *app) { return app_panel_open(app) ? app->screen.panel_inset_right_css : 0; }
static double inset_bottom(const App *app)
{
    return (app_panel_open(app) ? app->screen.panel_inset_bottom_css : 0) + app->screen.chrome_inset_bottom_css;
}

/* Flies so a world rectangle shows with a margin in the part of the map the
 * panel and the timeline leave visible, clear of the search band (the margin
 * may go under it), never zooming out just to frame something huge (Russia)
 * unless allowed to. Where little of the map shows (200 % text on a 1024 x 768
 * projector leaves a strip of 112 css px above the panel) the margin shrinks
 * with it, and a strip too short for the band's clearance ignores the band:
 * a fixed margin there once left 24 px to fit Kazakhstan into, and the view
 * flew out to the whole world. */
static void fly_to_bounds(App *app, const double bounds[4], bool allow_zoom_out, double now_ms)
{
    double w = app->view.width_css, h = app->view.height_css;
    double visible_w = fmax(40.0, w - inset_right(app)), visible_h = fmax(40.0, h - inset_bottom(app));
    double margin = fmin(FLY_MARGIN_CSS, 0.12 * fmin(visible_w, visible_h));
    double top = fmax(margin, (double)SCREEN_TOP_BAND_CSS);
    if (visible_h - margin - top < 0.4 * (visible_h - 2 * margin)) top = margin;
    View target = app->view;
    target.width_css = visible_w - 2 * margin;
    target.height_css = visible_h - margin - top;
    view_fit(&target, bounds, 0);
    double scale = target.scale_px;
    if (!allow_zoom_out && scale < app->view.scale_px) scale = app->view.scale_px;
    /* The rectangle's middle at the middle of the box it was fitted into. */
    double box_x = margin + target.width_css / 2, box_y = top + target.height_css / 2;
    double cx = target.center_x + (w / 2 - box_x) / scale;
    double cy = target.center_y + (h / 2 - box_y) / scale;
    view_fly_to(&app->view, cx, cy, scale, now_ms, 0);
}

/* Flies to a point, zooming in to at least a regional close-up, and centres it
 * in the part of the map the panel leaves visible. */
static void fly_to_point(App *app, double wx, double wy, double min_scale, double now_ms)
{
    double scale = app->view.scale_px;
    if (scale < app->home_scale_px * 2.5) scale = app->home_scale_px * 2.5;
    if (scale < min_scale) scale = min_scale;
    View target = app->view; /* clamped first, so the insets below are at the scale it lands at */
    target.scale_px = scale;
    view_resize(&target, target.width_css, target.height_css);
    scale = target.scale_px;
    view_fly_to(&app->view, wx + inset_right(app) / 2 / scale, wy + inset_bottom(app) / 2 / scale, scale, now_ms, 0);
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
        fly_to_point(app, p.x, p.y, 0, now_ms);
        break;
    }
    case SELECTION_EVENT: { /* close enough for its symbol to stand apart from other places' */
        BundlePlace p = bundle_place(b, bundle_event(b, sel.id).place);
        fly_to_point(app, p.x, p.y, app->markers ? event_markers_apart_scale(app->markers, sel.id) : 0, now_ms);
        break;
    }
    default: break;
    }
}

/* Whether the view is the home framing for its size, at rest (untouched
 * since the start or since "home" landed). */
static bool view_at_home(const App *app)
{
    const View *v = &app->view;
    if (v->flight.active) return false;
    View home = *v;
    app_fit_home(app, &home);
    double tol = 1e-9 * fmax(1.0, fabs(home.center_x) + fabs(home.center_y));
    return fabs(v->scale_px - home.scale_px) <= 1e-9 * home.scale_px && fabs(v->center_x - home.center_x) <= tol &&
           fabs(v->center_y - home.center_y) <= tol;
}

static void fly_home(App *app, double now_ms)
{
    View target = app->view;
    app_fit_home(app, &target);
    view_fly_to(&app->view, target.center_x, target.center_y, target.scale_px, now_ms, 0);
}

/* --- selection and history --------------------------------------------------------- */

static bool selection_equal(Selection a, Selection b) { return a.kind == b.kind && a.id == b.id; }

static void show_selection(App *app, Selection sel, double now_ms)
{
    app->select.current = sel;
    app->select.panel_open = sel.kind != SELECTION_NONE;
    refresh_screen(app);
    fly_to_selection(app, sel, now_ms);
}

static bool select(App *app, Selection sel, double now_ms)
{
    if (!app_selection_valid(app, sel)) return false;
    SelectionState *s = &app->select;
    if (selection_equal(sel, s->current)) {
        if (sel.kind != SELECTION_NONE) s->panel_open = true;
        return true;
    }
    /* A new selection drops the forward part of the history, like a browser;
     * the history's current entry selected again keeps its scroll. */
    if (s->history_count > 0 && selection_equal(s->history[s->history_pos].selection, sel)) {
        s->panel_scroll_css = s->history[s->history_pos].panel_scroll_css;
    } else {
        if (s->history_count > 0) s->history_count = s->history_pos + 1;
        if (s->history_count == APP_HISTORY_MAX) {
            memmove(s->history, s->history + 1, (APP_HISTORY_MAX - 1) * sizeof s->history[0]);
            s->history_count--;
        }
        s->history[s->history_count++] = (HistoryEntry){ sel, 0 };
        s->history_pos = s->history_count - 1;
        s->panel_scroll_css = 0;
    }
    show_selection(app, sel, now_ms);
    return true;
}

/* Back or forward one entry: its selection, and its panel scrolled as it was
 * left (issue 16: it started at the top). */
static bool history_step(App *app, int direction, double now_ms)
{
    SelectionState *s = &app->select;
    if (direction == 0) return false;
    int pos = s->history_pos + (direction < 0 ? -1 : 1);
    if (s->history_count == 0 || pos < 0 || pos >= s->history_count) return false;
    s->history_pos = pos;
    s->panel_scroll_css = s->history[pos].panel_scroll_css;
    show_selection(app, s->history[pos].selection, now_ms);
    return true;
}

/* A link's selection: the entry just before or after the current one in the
 * history is stepped to, not added again, so the browser's back and forward
 * buttons (which apply the previous page's link) walk the same history as
 * the panel's arrows and restore the panel's scroll too. (Were both
 * neighbours the same selection, the earlier one is taken: the link alone
 * does not say which way the browser went.) */
static void select_from_link(App *app, Selection sel, double now_ms)
{
    const SelectionState *s = &app->select;
    for (int direction = -1; direction <= 1; direction += 2) {
        int pos = s->history_pos + direction;
        if (s->history_count > 0 && pos >= 0 && pos < s->history_count && selection_equal(s->history[pos].selection, sel)) {
            history_step(app, direction, now_ms);
            return;
        }
    }
    select(app, sel, now_ms);
}

/* The UI scrolled the selection's panel: remembered with the history's entry. */
static bool set_panel_scroll(App *app, float y)
{
    SelectionState *s = &app->select;
    if (!(y >= 0) || !isfinite(y)) return false;
    s->panel_scroll_css = y;
    if (s->history_count > 0 && selection_equal(s->history[s->history_pos].selection, s->current))
        s->history[s->history_pos].panel_scroll_css = y;
    return true;
}

/* --- the timeline ----------------------------------------------------------------- */

/* A year range in order and inside the timeline, for the map's filter and a quiz's. */
static void clamp_years(const TimelineState *t, int *year_from, int *year_to)
{
    if (*year_from > *year_to) { int swap = *year_from; *year_from = *year_to; *year_to = swap; }
    if (*year_from < t->first_year) *year_from = t->first_year;
    if (*year_to > t->last_year) *year_to = t->last_year;
    if (*year_from > t->last_year) *year_from = t->last_year;
    if (*year_to < t->first_year) *year_to = t->first_year;
}

static void set_years(App *app, int year_from, int year_to)
{
    clamp_years(&app->timeline, &year_from, &year_to);
    app->timeline.filter.year_from = year_from;
    app->timeline.filter.year_to = year_to;
}

static void set_playing(App *app, bool on)
{
    TimelineState *t = &app->timeline;
    if (on && !t->playing) t->play_year = t->filter.year_from;
    t->playing = on;
}

static bool set_category(App *app, unsigned category, Toggle on, bool solo)
{
    if (category >= CATEGORY_COUNT || !toggle_valid(on)) return false;
    uint32_t bit = 1u << category, *mask = &app->timeline.filter.category_mask;
    if (solo) *mask = *mask == bit ? ALL_CATEGORIES : bit;
    else if (toggled((*mask & bit) != 0, on)) *mask |= bit;
    else *mask &= ~bit;
    return true;
}

/* --- deep links -------------------------------------------------------------------- */

/* What a state string describes, back to a fresh atlas's: what it leaves out
 * must not linger (the browser's back button restores exactly the page it
 * names). The view and the map key's folding are not reset. */
static void reset_to_defaults(App *app)
{
    app->select.current = (Selection){ SELECTION_NONE, 0 };
    app->select.panel_open = false;
    set_years(app, app->timeline.first_year, app->timeline.last_year);
    app->timeline.filter.category_mask = ALL_CATEGORIES;
    app->timeline.playing = false;
    app->display.layers = LAYERS_DEFAULT;
    app->display.local_names = false;
    app->display.theme = THEME_ID_DEFAULT;
}

void command_apply_state(App *app, const char *text, DeeplinkReport *report, double now_ms, bool from_mode, bool fly)
{
    DeeplinkState st;
    deeplink_parse(app, text, &st, report);
    if (!from_mode) {
        /* A link to a tour stop opens the tour there; any other link leaves a tour. */
        if (st.text_scale_percent) app->display.text_scale_percent = st.text_scale_percent;
        if (st.tour) {
            tour_open_from_link(app, st.tour, st.tour_stop, now_ms);
            return;
        }
        if (st.has_quiz) {
            /* The quiz's filter is the link's years and categories, else all. */
            QuizSettings qs = { st.quiz_seed, st.quiz_count ? st.quiz_count : 10,
                                { app->timeline.first_year, app->timeline.last_year, ALL_CATEGORIES } };
            if (st.has_years) { /* clamped as for the map (found by tests/fuzz: "quiz=30&t=2-2020") */
                qs.filter.year_from = st.year_from;
                qs.filter.year_to = st.year_to;
                clamp_years(&app->timeline, &qs.filter.year_from, &qs.filter.year_to);
            }
            if (st.has_categories) qs.filter.category_mask = st.category_mask;
            if (app->mode.kind == APP_MODE_QUIZ && app->mode.quiz.quiz.settings.seed == qs.seed &&
                app->mode.quiz.quiz.settings.count == qs.count &&
                !memcmp(&app->mode.quiz.quiz.settings.filter, &qs.filter, sizeof qs.filter))
                return; /* the same quiz (its own hash, published back) */
            if (app->mode.kind != APP_MODE_NONE) mode_restore(app, now_ms);
            quiz_mode_open(app, &qs, now_ms);
            return;
        }
        if (app->mode.kind != APP_MODE_NONE) tour_leave(app);
    }
    reset_to_defaults(app);
    if (st.selection.kind != SELECTION_NONE) select_from_link(app, st.selection, now_ms);
    if (st.has_view) {
        WorldPoint w = geo_project(&app->projection, st.lon_deg, st.lat_deg);
        View *v = &app->view;
        view_cancel_flight(v);
        View target = *v;
        target.center_x = w.x;
        target.center_y = w.y;
        target.scale_px = app->home_scale_px * pow(2.0, st.zoom);
        if (from_mode) { /* a tour's view: the point in the middle of what the slide leaves of the map */
            target.center_x += inset_right(app) / 2 / target.scale_px;
            target.center_y += inset_bottom(app) / 2 / target.scale_px;
        }
        view_resize(&target, v->width_css, v->height_css); /* re-clamps centre and scale */
        if (fly) view_fly_to(v, target.center_x, target.center_y, target.scale_px, now_ms, 0);
        else *v = target;
    }
    if (st.has_years) set_years(app, st.year_from, st.year_to);
    if (st.has_categories) app->timeline.filter.category_mask = st.category_mask;
    if (st.has_layers) app->display.layers = st.layers;
    app->display.local_names = st.local_names;
    app->display.theme = st.theme;
    if (st.panel_closed) app->select.panel_open = false;
    if (!from_mode) app->display.text_scale_percent = st.text_scale_percent ? st.text_scale_percent : 100;
    refresh_screen(app);
}

void command_refresh_screen(App *app) { refresh_screen(app); }

/* --- the clock ---------------------------------------------------------------------- */

static void tick(App *app, double now_ms)
{
    /* Clamp the frame delta: a background tab or a debugger pause must not
     * make play jump across decades. */
    double dt_ms = now_ms - app->now_ms;
    if (dt_ms < 0 || !isfinite(dt_ms)) dt_ms = 0;
    if (dt_ms > 100) dt_ms = 100;
    app->now_ms = now_ms;
    View *v = &app->view;
    if (view_step(v, now_ms)) app->needs_redraw = true;
    TimelineState *t = &app->timeline;
    if (t->playing) {
        t->play_year += PLAY_YEARS_PER_S * dt_ms / 1000.0;
        if (t->play_year >= t->filter.year_to + 1) t->playing = false;
        app->needs_redraw = true;
    }
    if (app->messages.toast[0] && now_ms >= app->messages.toast_until_ms) {
        app->messages.toast[0] = 0;
        app->needs_redraw = true;
    }
    /* "Interacting" lets the renderer show a scaled copy of the map while the
     * view moves, and redraw it crisply once it stops. */
    if (v->flight.active) app->interaction_until_ms = now_ms + INTERACTION_LINGER_MS;
    bool interacting = now_ms < app->interaction_until_ms;
    if (app->interacting && !interacting) app->needs_redraw = true;
    app->interacting = interacting;
}

/* Where the keyboard's focus shows on the map this frame: a country at its
 * label point; an event at its marker or cluster, or else at the edge badge
 * pointing at its place. Writes the hover that marks it; false if it shows
 * nowhere (an event filtered out). */
static bool focus_hover(const App *app, Selection f, HoverState *at, MarkerHit *hit)
{
    const EventMarkers *m = app->markers;
    if (f.kind == SELECTION_COUNTRY) {
        BundleCountry c = bundle_country(app->bundle, f.id);
        view_world_to_screen(&app->view, c.label_x, c.label_y, &at->x_css, &at->y_css);
        at->country = f.id;
        return true;
    }
    if (f.kind != SELECTION_EVENT || !m) return false;
    for (size_t i = 0; i < m->glyph_count; i++) {
        const MarkerGlyph *g = &m->glyphs[i];
        for (uint32_t k = 0; k < g->count; k++)
            if (m->members[g->first + k] == f.id) {
                *hit = (MarkerHit){ MARKER_HIT_GLYPH, (int)i, g->count == 1 ? f.id : 0, g->place, false };
                at->event = hit->event;
                at->x_css = g->x;
                at->y_css = g->y;
                return true;
            }
    }
    uint32_t place = bundle_event(app->bundle, f.id).place;
    for (size_t i = 0; i < m->edge_count; i++) {
        const EdgeIndicator *e = &m->edges[i];
        for (uint32_t k = 0; k < e->place_count; k++)
            if (m->edge_places[e->first + k] == place) {
                *hit = (MarkerHit){ MARKER_HIT_EDGE, (int)i, 0, e->place, false };
                at->place = e->place;
                at->x_css = e->x;
                at->y_css = e->y;
                return true;
            }
    }
    return false;
}

/* The pointer's hover, unless the keyboard's focus holds: then the focus is
 * marked instead, until the pointer moves or drags. */
static bool hover(App *app, const HoverState *pointer, const MarkerHit *pointer_marker)
{
    HoverState *h = &app->hover;
    HoverState focused = { 0 };
    MarkerHit focus_marker = { MARKER_HIT_NONE, -1, 0, 0, false };
    const HoverState *at = pointer;
    const MarkerHit *marker = pointer_marker;
    if (h->focus.kind != SELECTION_NONE) {
        if (pointer->x_css != h->focus_pointer_x || pointer->y_css != h->focus_pointer_y || pointer->dragging) {
            h->focus = (Selection){ SELECTION_NONE, 0 };
        } else {
            focused.x_css = pointer->x_css;
            focused.y_css = pointer->y_css;
            focus_hover(app, h->focus, &focused, &focus_marker);
            at = &focused;
            marker = &focus_marker;
        }
    }
    HoverState quiet;
    if (quiz_mode_hides_names(app)) { /* a name under the pointer would answer the question */
        quiet = *at;
        quiet.country = quiet.event = quiet.place = 0;
        at = &quiet;
        marker = NULL;
    }
    if (at->dragging != h->dragging) {
        h->dragging = at->dragging;
        app->needs_redraw = true;
    }
    if (at->x_css != h->x_css || at->y_css != h->y_css) {
        h->x_css = at->x_css;
        h->y_css = at->y_css;
        if (h->country || app->display.spotlight) app->needs_redraw = true; /* the name or the ring follows the pointer */
    }
    MarkerHit none = { MARKER_HIT_NONE, -1, 0, 0, false };
    if (app->markers && event_markers_set_hover(app->markers, marker ? *marker : none)) app->needs_redraw = true;
    if (at->country != h->country || at->event != h->event || at->place != h->place) {
        h->country = at->country;
        h->event = at->event;
        h->place = at->place;
        app->needs_redraw = true;
    }
    return true;
}

/* --- the applier --------------------------------------------------------------------- */

static bool apply(App *app, const Command *c, double now_ms)
{
    View *v = &app->view;
    const Bundle *b = app->bundle;
    switch (c->kind) {
    case CMD_TICK:
        tick(app, now_ms);
        return true;
    case CMD_RESIZE: {
        double w = c->u.size.width_css, h = c->u.size.height_css;
        if (!(w >= 1 && h >= 1 && isfinite(w) && isfinite(h))) return false;
        if (w != v->width_css || h != v->height_css) {
            /* A view still at the home framing stays the home framing: a
             * window made smaller at start (a text scale, --text-scale 200)
             * or a projector's new resolution shows the whole region, not
             * the middle of Kazakhstan. A view the user moved keeps its scale. */
            bool at_home = view_at_home(app);
            view_resize(v, w, h);
            View home = *v;
            app_fit_home(app, &home);
            app->home_scale_px = home.scale_px;
            if (at_home) *v = home;
        }
        break;
    }
    case CMD_SELECT:
        if (!select(app, c->u.selection, now_ms)) return false;
        break;
    case CMD_HISTORY_STEP:
        if (!history_step(app, c->u.direction, now_ms)) return false;
        break;
    case CMD_PAN_BY:
        if (!isfinite(c->u.point.dx_css) || !isfinite(c->u.point.dy_css)) return false;
        view_cancel_flight(v);
        view_pan_by(v, c->u.point.dx_css, c->u.point.dy_css);
        break;
    case CMD_ZOOM_ABOUT:
        if (!(c->u.zoom.factor > 0) || !isfinite(c->u.zoom.factor)) return false;
        view_cancel_flight(v);
        view_zoom_about(v, c->u.zoom.factor, c->u.zoom.x_css, c->u.zoom.y_css);
        break;
    case CMD_ZOOM_BY:
        if (!(c->u.zoom.factor > 0) || !isfinite(c->u.zoom.factor)) return false;
        view_fly_to(v, v->center_x, v->center_y, v->scale_px * c->u.zoom.factor, now_ms, 250);
        break;
    case CMD_ZOOM_INTO: {
        if (!(c->u.zoom.factor > 0) || !isfinite(c->u.zoom.factor)) return false;
        view_cancel_flight(v);
        double wx, wy;
        view_screen_to_world(v, c->u.zoom.x_css, c->u.zoom.y_css, &wx, &wy);
        view_fly_to(v, wx, wy, v->scale_px * c->u.zoom.factor, now_ms, 300);
        break;
    }
    case CMD_FLY_HOME:
        fly_home(app, now_ms);
        break;
    case CMD_FLY_TO_BOUNDS: {
        const double *r = c->u.fit.bounds;
        for (int i = 0; i < 4; i++)
            if (!isfinite(r[i])) return false;
        if (r[0] > r[2] || r[1] > r[3]) return false;
        fly_to_bounds(app, r, c->u.fit.allow_zoom_out, now_ms);
        break;
    }
    case CMD_EXPAND_PLACE: {
        if (c->u.id == 0 || c->u.id > b->place_count || !app->markers) return false;
        BundlePlace p = bundle_place(b, c->u.id);
        app->markers->expanded_place = c->u.id;
        app->markers->expanded_scale = v->scale_px;
        view_fly_to(v, p.x, p.y, v->scale_px * 3.0, now_ms, 0);
        break;
    }
    case CMD_SET_YEARS:
        set_years(app, c->u.years.from, c->u.years.to);
        break;
    case CMD_SHIFT_YEARS: {
        int from = app->timeline.filter.year_from + c->u.shift_years, to = app->timeline.filter.year_to + c->u.shift_years;
        if (from < app->timeline.first_year || to > app->timeline.last_year) return false;
        set_years(app, from, to);
        break;
    }
    case CMD_SET_PLAYING:
        if (!toggle_valid(c->u.toggle)) return false;
        set_playing(app, toggled(app->timeline.playing, c->u.toggle));
        break;
    case CMD_SET_CATEGORY:
        if (!set_category(app, c->u.category.index, c->u.category.on, c->u.category.solo)) return false;
        break;
    case CMD_SET_CATEGORIES:
        if (c->u.mask & ~ALL_CATEGORIES) return false;
        app->timeline.filter.category_mask = c->u.mask;
        break;
    case CMD_SET_LAYER: {
        uint32_t bit = c->u.layer.bit;
        if (!bit || (bit & (bit - 1)) || (bit & ~ALL_LAYERS) || !toggle_valid(c->u.layer.on)) return false;
        if (toggled((app->display.layers & bit) != 0, c->u.layer.on)) app->display.layers |= bit;
        else app->display.layers &= ~bit;
        break;
    }
    case CMD_SET_LOCAL_NAMES:
        if (!toggle_valid(c->u.toggle)) return false;
        app->display.local_names = toggled(app->display.local_names, c->u.toggle);
        break;
    case CMD_SET_THEME:
        if (c->u.theme.flip) /* 'h': high contrast from any theme, and back from it to the default */
            app->display.theme = app->display.theme == THEME_ID_HIGH_CONTRAST ? THEME_ID_DEFAULT : THEME_ID_HIGH_CONTRAST;
        else if ((unsigned)c->u.theme.id < THEME_ID_COUNT) app->display.theme = c->u.theme.id;
        else return false;
        break;
    case CMD_SET_PANEL_OPEN: {
        if (!toggle_valid(c->u.toggle)) return false;
        bool open = toggled(app->select.panel_open, c->u.toggle);
        if (open && app->select.current.kind == SELECTION_NONE) return false; /* nothing to show */
        app->select.panel_open = open;
        break;
    }
    case CMD_SET_LEGEND_FLIPPED:
        if (!toggle_valid(c->u.toggle)) return false;
        app->display.legend_flipped = toggled(app->display.legend_flipped, c->u.toggle);
        break;
    case CMD_ESCAPE:
        if (app->display.help_open) app->display.help_open = false;
        else if (app->messages.notice[0]) app->messages.notice[0] = 0;
        else if (tour_escape(app, now_ms)) break;
        else if (app->mode.kind == APP_MODE_QUIZ) mode_restore(app, now_ms);
        else if (app->select.panel_open) app->select.panel_open = false;
        else select(app, (Selection){ SELECTION_NONE, 0 }, now_ms);
        break;
    case CMD_APPLY_STATE:
        if (!c->u.text.text) return false;
        command_apply_state(app, c->u.text.text, c->u.text.report, now_ms, false, false);
        break;
    case CMD_RESET:
        reset_to_defaults(app);
        break;
    case CMD_REQUEST:
        if (c->u.mask & ~(uint32_t)(APP_REQUEST_COPY_TEXT | APP_REQUEST_EXPORT_PNG | APP_REQUEST_COPY_LINK |
                                    APP_REQUEST_FULLSCREEN))
            return false;
        app->requests |= c->u.mask;
        return true;
    case CMD_REQUESTS_TAKEN:
        app->requests = 0;
        return true;
    case CMD_TOAST:
        if (!c->u.text.text) return false;
        snprintf(app->messages.toast, sizeof app->messages.toast, "%s", c->u.text.text);
        app->messages.toast_until_ms = now_ms + TOAST_MS;
        break;
    case CMD_NOTICE:
        if (!c->u.text.text) return false;
        snprintf(app->messages.notice, sizeof app->messages.notice, "%s", c->u.text.text);
        break;
    case CMD_HOVER:
        return hover(app, &c->u.hover.at, c->u.hover.marker);
    case CMD_INTERACTING:
        app->interaction_until_ms = now_ms + INTERACTION_LINGER_MS;
        return true;
    case CMD_LAND_FLIGHT:
        view_step(v, 1e12);
        view_cancel_flight(v);
        break;
    case CMD_REDRAW:
        break;
    case CMD_SET_LABEL_METRICS:
        if (!app->markers) return false;
        if (c->u.metrics && !c->u.metrics->advance) return false;
        event_markers_set_label_metrics(app->markers, c->u.metrics);
        break;
    case CMD_TOUR_LIST: case CMD_TOUR_START: case CMD_TOUR_STEP: case CMD_TOUR_GO: case CMD_TOUR_END:
    case CMD_TOUR_BLANK:
        if (!tour_apply(app, c, now_ms)) return false;
        break;
    case CMD_QUIZ_START: case CMD_QUIZ_ANSWER: case CMD_QUIZ_NEXT: case CMD_QUIZ_END:
        if (!quiz_mode_apply(app, c, now_ms)) return false;
        break;
    case CMD_SET_TEXT_SCALE:
        if (c->u.text_scale_percent < 100 || c->u.text_scale_percent > 250) return false;
        app->display.text_scale_percent = c->u.text_scale_percent;
        break;
    case CMD_SET_HELP:
        if (!toggle_valid(c->u.toggle)) return false;
        app->display.help_open = toggled(app->display.help_open, c->u.toggle);
        break;
    case CMD_SET_HINT:
        if (!toggle_valid(c->u.toggle)) return false;
        app->display.hint_visible = toggled(app->display.hint_visible, c->u.toggle);
        break;
    case CMD_SET_SPOTLIGHT:
        if (!toggle_valid(c->u.toggle)) return false;
        app->display.spotlight = toggled(app->display.spotlight, c->u.toggle);
        break;
    case CMD_SET_CLEAN:
        if (!toggle_valid(c->u.toggle)) return false;
        app->display.clean = toggled(app->display.clean, c->u.toggle);
        break;
    case CMD_SET_REDUCED_MOTION:
        if (!toggle_valid(c->u.toggle)) return false;
        app->display.reduced_motion = toggled(app->display.reduced_motion, c->u.toggle);
        break; /* a flight under way lands below */
    case CMD_SET_FOCUS: {
        Selection f = c->u.selection;
        if (f.kind != SELECTION_NONE && f.kind != SELECTION_COUNTRY && f.kind != SELECTION_EVENT) return false;
        if (f.kind != SELECTION_NONE && !app_selection_valid(app, f)) return false;
        HoverState *h = &app->hover;
        if (h->focus.kind == SELECTION_NONE) { /* the pointer is where the last hover left it */
            h->focus_pointer_x = h->x_css;
            h->focus_pointer_y = h->y_css;
        }
        h->focus = f;
        HoverState still = { .x_css = h->focus_pointer_x, .y_css = h->focus_pointer_y };
        hover(app, &still, NULL);
        break;
    }
    case CMD_SET_PANEL_SCROLL:
        return set_panel_scroll(app, c->u.panel_scroll_css); /* the UI draws it already */
    case CMD_FRAME_DRAWN:
        if (!toggle_valid(c->u.toggle)) return false;
        app->needs_redraw = c->u.toggle == TOGGLE_ON;
        return true;
    default:
        return false;
    }
    app->needs_redraw = true;
    return true;
}

bool app_apply(App *app, const Command *cmd, double now_ms)
{
    if (!app || !cmd || !app->bundle) return false;
    bool applied = apply(app, cmd, now_ms);
    /* The first visit's hint says what to click: once something is chosen
     * (a click, a link, a tour or a quiz) it has done its work. */
    if (app->display.hint_visible && (app->select.current.kind != SELECTION_NONE || app->mode.kind != APP_MODE_NONE)) {
        app->display.hint_visible = false;
        applied = true;
    }
    if (applied) refresh_screen(app);
    /* Reduced motion: whatever started a flight, it lands now (a cut). */
    if (applied && app->display.reduced_motion && app->view.flight.active) {
        view_step(&app->view, 1e12);
        view_cancel_flight(&app->view);
        app->needs_redraw = true;
    }
    return applied;
}

void command_queue_push(CommandQueue *q, Command c)
{
    if (q->count < COMMAND_QUEUE_MAX) q->items[q->count++] = c;
    else q->dropped++;
}

void command_queue_push_text(CommandQueue *q, CommandKind kind, const char *text)
{
    if (q->text_used >= 2 || q->count >= COMMAND_QUEUE_MAX) { q->dropped++; return; }
    char *copy = q->text[q->text_used++];
    snprintf(copy, COMMAND_TEXT_MAX, "%s", text ? text : "");
    Command c = { .kind = kind };
    c.u.text.text = copy;
    command_queue_push(q, c);
}

void command_queue_apply(CommandQueue *q, App *app, double now_ms)
{
    for (int i = 0; i < q->count; i++) app_apply(app, &q->items[i], now_ms);
    q->count = 0;
    q->text_used = 0;
}
