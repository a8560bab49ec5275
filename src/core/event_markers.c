/* event_markers: layout, picking and clicking of event markers, clusters,
 * fans and edge indicators. See event_markers.h. */
#include "event_markers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "event_markers_internal.h"
#include "timeline.h"

#define PI 3.14159265358979323846

/* --- set-up -------------------------------------------------------------------- */

bool event_markers_init(EventMarkers *m, const Bundle *b)
{
    memset(m, 0, sizeof *m);
    m->shift_threshold = MARKERS_SHIFT_WHILE_PANNING;
    m->shift_k = 1;
    size_t n = b->event_count ? b->event_count : 1;
    size_t np = (size_t)b->place_count + 1;
    m->capacity = b->event_count;
    m->place_capacity = b->place_count;
    m->event_place = calloc(n + 1, sizeof *m->event_place);
    m->event_category = calloc(n + 1, sizeof *m->event_category);
    m->passing = calloc(n, sizeof *m->passing);
    m->points = calloc(n, sizeof *m->points);
    m->cluster_of = calloc(n, sizeof *m->cluster_of);
    m->clusters = calloc(n, sizeof *m->clusters);
    m->clusterer = clusterer_create(n);
    m->members = calloc(n, sizeof *m->members);
    m->fill = calloc(n, sizeof *m->fill);
    m->glyphs = calloc(n, sizeof *m->glyphs);
    m->place_x = calloc(np, sizeof *m->place_x);
    m->place_y = calloc(np, sizeof *m->place_y);
    m->place_world = calloc(2 * np, sizeof *m->place_world);
    m->place_off_count = calloc(np, sizeof *m->place_off_count);
    m->place_off_event = calloc(np, sizeof *m->place_off_event);
    m->edge_scratch = calloc(np, event_markers_edge_scratch_size());
    m->edge_places = calloc(np, sizeof *m->edge_places);
    m->edge_pos = calloc(np, sizeof *m->edge_pos);
    m->edge_gap = calloc(np, sizeof *m->edge_gap);
    m->place_events = calloc(np, sizeof *m->place_events);
    m->edges = calloc(np, sizeof *m->edges);
    HitPoint *at_places = calloc(n, sizeof *at_places);
    if (!m->event_place || !m->event_category || !m->passing || !m->points || !m->cluster_of || !m->clusters || !m->clusterer ||
        !m->members || !m->fill || !m->glyphs || !m->place_x || !m->place_y || !m->place_world || !m->place_off_count ||
        !m->place_off_event || !m->edge_scratch || !m->edge_places || !m->edge_pos || !m->edge_gap || !m->place_events || !m->edges || !at_places) {
        free(at_places);
        event_markers_free(m);
        return false;
    }
    for (uint32_t p = 1; p <= b->place_count; p++) {
        BundlePlace pl = bundle_place(b, p);
        m->place_world[2 * p] = pl.x;
        m->place_world[2 * p + 1] = pl.y;
    }
    /* Each event's place, and a spatial index of the events at their places. */
    size_t indexed = 0;
    for (uint32_t e = 1; e <= b->event_count; e++) {
        uint32_t place = bundle_event(b, e).place;
        if (place == 0 || place > b->place_count) continue; /* validated bundles never do this */
        m->event_place[e] = place;
        m->event_category[e] = (uint8_t)(bundle_event(b, e).category % CATEGORY_COUNT);
        m->place_events[place]++;
        at_places[indexed++] = (HitPoint){ m->place_world[2 * place], m->place_world[2 * place + 1], e };
    }
    m->index = point_index_create(at_places, indexed);
    free(at_places);
    if (!m->index) {
        event_markers_free(m);
        return false;
    }
    m->hover.index = -1;
    return true;
}

void event_markers_free(EventMarkers *m)
{
    free(m->event_place);
    free(m->event_category);
    free(m->passing);
    free(m->points);
    free(m->cluster_of);
    free(m->clusters);
    clusterer_destroy(m->clusterer);
    free(m->members);
    free(m->fill);
    free(m->glyphs);
    free(m->place_x);
    free(m->place_y);
    free(m->place_world);
    free(m->place_off_count);
    free(m->place_off_event);
    free(m->edge_scratch);
    free(m->edge_places);
    free(m->edge_pos);
    free(m->edge_gap);
    free(m->place_events);
    free(m->edges);
    point_index_destroy(m->index);
    memset(m, 0, sizeof *m);
}

/* --- markers, clusters and fans ---------------------------------------------------- */

/* Rings of a fan: ring j (from 0) has radius (j + 1) * spacing and room for
 * 2π(j + 1) symbols. A fan uses as few rings as it can and shares its events
 * among them in proportion to their length, so every ring is evenly filled.
 * Returns the radius and angle (radians, clockwise from east) of slot i. */
static void fan_slot(uint32_t i, uint32_t size, double *radius, double *angle)
{
    uint32_t rings = 0, room = 0;
    while (room < size) room += (uint32_t)floor(2 * PI * (++rings));
    uint32_t weight_total = rings * (rings + 1) / 2, before = 0;
    for (uint32_t j = 0; j < rings; j++) {
        /* Cumulative rounding keeps the ring sizes summing to size. */
        uint32_t upto = j + 1 == rings ? size
                                       : (uint32_t)floor((double)size * (j + 1) * (j + 2) / 2 / weight_total + 0.5);
        uint32_t cap = (uint32_t)floor(2 * PI * (j + 1));
        if (upto - before > cap) upto = before + cap;
        if (upto < before) upto = before;
        if (i < upto || j + 1 == rings) {
            uint32_t in_ring = upto - before ? upto - before : 1, k = i - before;
            *radius = (j + 1) * FAN_SPACING_CSS;
            /* Clockwise from the top, earliest first, alternate rings turned by half a step; a pair sits side by side. */
            double step = 2 * PI / in_ring;
            double start = in_ring == 2 ? PI : -PI / 2 + (j % 2 ? step / 2 : 0);
            *angle = start + step * k;
            return;
        }
        before = upto;
    }
}

static double fan_radius(uint32_t size)
{
    double r = 0, a = 0;
    if (size) fan_slot(size - 1, size, &r, &a);
    return r;
}

/* Whether a place's cluster can fan out without its rings touching any other
 * glyph (checked only while there are few clusters; many mean crowding). */
static bool fan_fits(const EventMarkers *m, size_t clusters, size_t c)
{
    if (clusters > 400) return false;
    const Cluster *a = &m->clusters[c];
    double ra = fan_radius(a->count) + MARKER_RADIUS_CSS;
    for (size_t d = 0; d < clusters; d++) {
        if (d == c) continue;
        const Cluster *o = &m->clusters[d];
        double ro = o->count > 1 ? fan_radius(o->count) + MARKER_RADIUS_CSS : MARKER_RADIUS_CSS + 3;
        if (hypot(a->x - o->x, a->y - o->y) < ra + ro) return false;
    }
    return true;
}

static void layout_glyphs(EventMarkers *m, const App *app, size_t n)
{
    size_t clusters = cluster_points(m->clusterer, m->points, n, CLUSTER_RADIUS_CSS, m->clusters, m->capacity,
                                     m->cluster_of);
    /* Members grouped by cluster, in id order (the earliest first). */
    uint32_t *first = m->fill;
    uint32_t offset = 0;
    for (size_t c = 0; c < clusters; c++) {
        first[c] = offset;
        offset += m->clusters[c].count;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t c = m->cluster_of[i];
        if (c < clusters) m->members[first[c]++] = m->points[i].id;
    }
    for (size_t c = 0; c < clusters; c++) first[c] -= m->clusters[c].count;
    double home = app->home_scale_px > 0 ? app->home_scale_px : app->view.scale_px;
    bool zoomed_in = app->view.scale_px >= home * FAN_ZOOM;
    /* The selected event's cluster: fanned if its events share one place,
     * else the event leaves it (moved to the end of its members, the rest
     * keeping their order) to be drawn on its own. */
    size_t selected_cluster = SIZE_MAX;
    bool pull_out = false;
    for (size_t i = 0; m->selected_event && i < n; i++)
        if (m->points[i].id == m->selected_event) selected_cluster = m->cluster_of[i];
    if (selected_cluster < clusters && m->clusters[selected_cluster].count > 1) {
        uint32_t *mem = m->members + first[selected_cluster], count = m->clusters[selected_cluster].count;
        uint32_t place = m->event_place[mem[0]];
        for (uint32_t k = 1; k < count && place; k++)
            if (m->event_place[mem[k]] != place) place = 0;
        if (!place) {
            uint32_t k = 0;
            while (k < count && mem[k] != m->selected_event) k++;
            if (k < count) {
                memmove(mem + k, mem + k + 1, (count - 1 - k) * sizeof *mem);
                mem[count - 1] = m->selected_event;
                pull_out = true;
            }
        }
    }
    /* Two passes: lone markers and clusters, then fans on top of them. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t c = 0; c < clusters; c++) {
            const Cluster *cl = &m->clusters[c];
            uint32_t count = cl->count - (c == selected_cluster && pull_out ? 1 : 0);
            double cx = cl->x, cy = cl->y;
            if (count < cl->count) { /* the mean of those left */
                uint32_t p = m->event_place[m->selected_event];
                cx = (cl->x * cl->count - m->place_x[p]) / count;
                cy = (cl->y * cl->count - m->place_y[p]) / count;
            }
            uint32_t place = m->event_place[m->members[first[c]]];
            for (uint32_t k = 1; k < count && place; k++)
                if (m->event_place[m->members[first[c] + k]] != place) place = 0;
            bool fan = count > 1 && place &&
                       (place == m->expanded_place || (c == selected_cluster && !pull_out) ||
                        (zoomed_in && count <= FAN_MAX_AUTO && fan_fits(m, clusters, c)));
            if (fan != (pass == 1)) continue;
            if (!fan) {
                MarkerGlyph *g = &m->glyphs[m->glyph_count++];
                *g = (MarkerGlyph){ .x = cx, .y = cy, .anchor_x = cx, .anchor_y = cy, .count = count,
                                    .event = m->members[first[c]], .place = place, .first = first[c],
                                    .selected = count == 1 && m->members[first[c]] == m->selected_event };
                /* Counted here, once per layout, not by the renderer every frame. */
                for (uint32_t k = 0; k < count; k++) g->per_category[m->event_category[m->members[first[c] + k]]]++;
                continue;
            }
            double outer = fan_radius(count);
            for (uint32_t k = 0; k < count; k++) {
                double r, a;
                fan_slot(k, count, &r, &a);
                uint32_t ev = m->members[first[c] + k];
                m->glyphs[m->glyph_count++] = (MarkerGlyph){
                    .x = cx + r * cos(a), .y = cy + r * sin(a), .anchor_x = cx, .anchor_y = cy,
                    .count = 1, .event = ev, .place = place, .first = first[c] + k, .fanned = true,
                    .selected = ev == m->selected_event, .fan_slot = (uint16_t)(k < 65535 ? k : 65535),
                    .fan_size = (uint16_t)(count < 65535 ? count : 65535), .fan_radius = outer };
                m->glyphs[m->glyph_count - 1].per_category[m->event_category[ev]] = 1;
            }
        }
    }
    if (pull_out) { /* last: on top of everything, and picked first */
        const Cluster *cl = &m->clusters[selected_cluster];
        uint32_t p = m->event_place[m->selected_event], at = first[selected_cluster] + cl->count - 1;
        MarkerGlyph *g = &m->glyphs[m->glyph_count++];
        *g = (MarkerGlyph){ .x = m->place_x[p], .y = m->place_y[p], .anchor_x = m->place_x[p],
                            .anchor_y = m->place_y[p], .count = 1, .event = m->selected_event, .place = p,
                            .first = at, .selected = true };
        g->per_category[m->event_category[m->selected_event]] = 1;
    }
    for (size_t c = 0; c < clusters; c++) m->represented += m->clusters[c].count;
}

double event_markers_apart_scale(const EventMarkers *m, uint32_t event)
{
    if (!m->event_place || event == 0 || event > m->capacity || !m->event_place[event]) return 0;
    uint32_t p = m->event_place[event];
    double px = m->place_world[2 * p], py = m->place_world[2 * p + 1], nearest = INFINITY;
    for (size_t i = 0; i < m->passing_count; i++) {
        uint32_t q = m->event_place[m->passing[i]];
        if (!q || q == p) continue;
        double d = hypot(m->place_world[2 * q] - px, m->place_world[2 * q + 1] - py);
        if (d > 0 && d < nearest) nearest = d;
    }
    return isfinite(nearest) ? 2 * CLUSTER_RADIUS_CSS / nearest : 0;
}

/* --- the layout ------------------------------------------------------------------------ */

static void map_area(const App *app, double area[4]) { screen_map_area(&app->screen, app_panel_open(app), area); }

/* Moves the glyphs of the last layout to where their points lie in view v
 * (its centre and scale changed, nothing else): a point the layout put at p
 * is now at p * k + (offset_x, offset_y). Glyphs keep their size, so while
 * zooming they crowd or spread until the next layout; edge indicators stay on
 * the edge. Both are laid out afresh when the view comes to rest. */
static void shift_layout(EventMarkers *m, const View *v)
{
    double k = v->scale_px / m->layout_key[2];
    double offset_x = v->width_css / 2 * (1 - k) + (m->layout_key[0] - v->center_x) * v->scale_px;
    double offset_y = v->height_css / 2 * (1 - k) + (m->layout_key[1] - v->center_y) * v->scale_px;
    for (size_t i = 0; i < m->glyph_count; i++) {
        MarkerGlyph *g = &m->glyphs[i];
        /* Back to where the layout put it, then to the new view. */
        g->x = (g->x - m->shift_x) / m->shift_k * k + offset_x;
        g->y = (g->y - m->shift_y) / m->shift_k * k + offset_y;
        g->anchor_x = (g->anchor_x - m->shift_x) / m->shift_k * k + offset_x;
        g->anchor_y = (g->anchor_y - m->shift_y) / m->shift_k * k + offset_y;
    }
    m->shift_x = offset_x;
    m->shift_y = offset_y;
    m->shift_k = k;
    m->shifted = true;
}

void event_markers_update(EventMarkers *m, const App *app)
{
    if (!m->event_place) return;
    const View *v = &app->view;
    /* Zooming well out from where a place's events were fanned by a click folds them back. */
    if (m->expanded_place && v->scale_px < m->expanded_scale * 0.75) m->expanded_place = 0;

    const TimelineState *t = &app->timeline;
    double filter_key[6] = { t->filter.year_from, t->filter.year_to, t->filter.category_mask,
                             t->playing ? t->play_year : -1e9, (double)app->bundle->event_count, 0 };
    if (!m->filter_valid || memcmp(filter_key, m->filter_key, sizeof filter_key) != 0) {
        m->passing_count = 0;
        for (uint32_t e = 1; e <= m->capacity; e++)
            if (timeline_event_visible(t, app->bundle, e)) m->passing[m->passing_count++] = e;
        memcpy(m->filter_key, filter_key, sizeof filter_key);
        m->filter_valid = true;
        m->valid = false;
    }
    double area[4];
    map_area(app, area);
    uint32_t selected = app->select.current.kind == SELECTION_EVENT ? app->select.current.id : 0;
    double key[16] = { v->center_x, v->center_y, v->scale_px, v->width_css, v->height_css, area[2], area[3],
                       app->display.layers, app->display.legend_flipped, m->expanded_place, app->home_scale_px,
                       app->display.local_names, selected, app->screen.edge_top_css, 0, 0 };
    bool same = m->valid && memcmp(key, m->layout_key, sizeof key) == 0;
    if (same && !m->shifted) return;
    /* Only the centre and the scale changed, by under a factor of two. */
    bool only_view_moved = m->valid && memcmp(key + 3, m->layout_key + 3, sizeof key - 3 * sizeof key[0]) == 0 &&
                           v->scale_px < m->layout_key[2] * 2 && v->scale_px > m->layout_key[2] / 2;
    if (only_view_moved && app->interacting && m->passing_count > m->shift_threshold) {
        shift_layout(m, v);
        return;
    }
    memcpy(m->layout_key, key, sizeof key);
    m->valid = true;
    m->shifted = false;
    m->shift_x = m->shift_y = 0;
    m->shift_k = 1;
    memcpy(m->area, area, sizeof area);
    m->edge_top_css = app->screen.edge_top_css;
    m->local_names = app->display.local_names;
    m->selected_event = selected <= m->capacity ? selected : 0;
    m->controls_w_css = app->screen.controls_w_css;
    m->controls_h_css = app->screen.controls_h_css;
    legend_layout(app, &m->legend);
    m->glyph_count = m->edge_count = 0;
    m->visible = (uint32_t)m->passing_count;
    m->represented = 0;
    m->hover = (MarkerHit){ .index = -1 }; /* indices into the old layout mean nothing now */
    if (!(app->display.layers & LAYER_MARKERS)) return;

    for (uint32_t p = 1; p <= m->place_capacity; p++) {
        view_world_to_screen(v, m->place_world[2 * p], m->place_world[2 * p + 1], &m->place_x[p], &m->place_y[p]);
        m->place_off_count[p] = m->place_off_event[p] = 0;
    }
    /* Events inside the map area are clustered; the others count towards
     * their place's edge indicator. */
    size_t n = 0;
    for (size_t i = 0; i < m->passing_count; i++) {
        uint32_t e = m->passing[i], p = m->event_place[e];
        if (!p) continue;
        double x = m->place_x[p], y = m->place_y[p];
        if (x >= area[0] && x <= area[2] && y >= area[1] && y <= area[3]) {
            m->points[n++] = (HitPoint){ x, y, e };
        } else if (!m->place_off_count[p]++) {
            m->place_off_event[p] = e;
        }
    }
    event_markers_layout_edges(m, app);
    layout_glyphs(m, app, n);
}

/* --- picking and clicking ---------------------------------------------------------------- */

MarkerHit event_markers_pick(const EventMarkers *m, double x, double y)
{
    MarkerHit hit = { MARKER_HIT_NONE, -1, 0, 0, false };
    if (!m->valid) return hit;
    bool toggle = false;
    if (legend_contains(&m->legend, x, y, &toggle)) {
        hit.kind = MARKER_HIT_LEGEND;
        hit.toggle = toggle;
        return hit;
    }
    for (size_t i = 0; i < m->edge_count; i++) {
        const EdgeIndicator *e = &m->edges[i];
        bool on_badge = hypot(e->x - x, e->y - y) <= EDGE_RADIUS_CSS + 3;
        bool on_label = e->labelled && x >= e->label_x - 2 && x <= e->label_x + e->label_w + 2 &&
                        y >= e->label_y - 13 && y <= e->label_y + 4;
        if (on_badge || on_label) {
            hit = (MarkerHit){ MARKER_HIT_EDGE, (int)i, e->event, e->place, false };
            return hit;
        }
    }
    /* The selected event's symbol and fans lie over the rest: they win;
     * otherwise the nearest glyph. They come last in the layout (the
     * selected symbol, if pulled out of its cluster, at the very end), so
     * the first pass can stop at the first other one. */
    for (int pass = 0; pass < 2 && hit.kind == MARKER_HIT_NONE; pass++) {
        double best = INFINITY;
        for (size_t k = 0; k < m->glyph_count; k++) {
            size_t i = pass == 0 ? m->glyph_count - 1 - k : k;
            const MarkerGlyph *g = &m->glyphs[i];
            bool on_top = g->fanned || (g->selected && i == m->glyph_count - 1);
            if (pass == 0 && !on_top) break;
            if (pass == 1 && on_top) break;
            double dx = g->x - x, dy = g->y - y, reach = marker_glyph_radius(g) + 3, d = dx * dx + dy * dy;
            if (d <= reach * reach && d < best) {
                best = d;
                hit = (MarkerHit){ MARKER_HIT_GLYPH, (int)i, g->count == 1 ? g->event : 0, g->place, false };
            }
        }
    }
    return hit;
}

bool event_markers_set_hover(EventMarkers *m, MarkerHit hit)
{
    bool changed = hit.kind != m->hover.kind || hit.index != m->hover.index || hit.toggle != m->hover.toggle;
    m->hover = hit;
    return changed;
}

bool event_markers_edge_bounds(const EventMarkers *m, const Bundle *b, size_t edge, double out[4])
{
    if (edge >= m->edge_count) return false;
    const EdgeIndicator *e = &m->edges[edge];
    out[0] = out[1] = INFINITY;
    out[2] = out[3] = -INFINITY;
    for (uint32_t i = 0; i < e->place_count; i++) {
        uint32_t p = m->edge_places[e->first + i];
        double x = m->place_world[2 * p], y = m->place_world[2 * p + 1];
        out[0] = fmin(out[0], x);
        out[1] = fmin(out[1], y);
        out[2] = fmax(out[2], x);
        out[3] = fmax(out[3], y);
    }
    return e->place_count > 0;
}

#define FIT_PAD_CSS 70.0

/* The rectangle to fly to so a world rectangle shows, zooming in at most
 * max_zoom times: a box around places a few pixels apart would otherwise mean
 * a dizzying dive. */
static Command fit_command(const App *app, const double bounds[4], double max_zoom, bool allow_zoom_out)
{
    const View *v = &app->view;
    const ScreenLayout *s = &app->screen;
    double min_w = v->width_css / 2 / (v->scale_px * max_zoom), min_h = v->height_css / 2 / (v->scale_px * max_zoom);
    double cx = (bounds[0] + bounds[2]) / 2, cy = (bounds[1] + bounds[3]) / 2;
    double hw = fmax((bounds[2] - bounds[0]) / 2, min_w / 2), hh = fmax((bounds[3] - bounds[1]) / 2, min_h / 2);
    /* Leave room around the places for their markers' fans and names, and
     * for the search box above: pad by FIT_PAD_CSS at the scale it lands at. */
    bool open = app_panel_open(app);
    double visible_w = v->width_css - (open ? s->panel_inset_right_css : 0) - 2 * FIT_PAD_CSS;
    double visible_h = v->height_css - (open ? s->panel_inset_bottom_css : 0) - s->chrome_inset_bottom_css -
                       s->edge_top_css - 2 * FIT_PAD_CSS;
    double scale = fmin(fmax(visible_w, 60) / (2 * hw), fmax(visible_h, 60) / (2 * hh));
    hw += FIT_PAD_CSS / scale;
    hh += (FIT_PAD_CSS + s->edge_top_css / 2) / scale;
    Command c = { .kind = CMD_FLY_TO_BOUNDS };
    c.u.fit.bounds[0] = cx - hw;
    c.u.fit.bounds[1] = cy - hh;
    c.u.fit.bounds[2] = cx + hw;
    c.u.fit.bounds[3] = cy + hh;
    c.u.fit.allow_zoom_out = allow_zoom_out;
    return c;
}

bool event_markers_command(const EventMarkers *m, const App *app, MarkerHit hit, Command *out)
{
    const Bundle *b = app->bundle;
    switch (hit.kind) {
    case MARKER_HIT_LEGEND:
        if (!hit.toggle) return false;
        *out = cmd_toggle(CMD_SET_LEGEND_FLIPPED, TOGGLE_FLIP);
        return true;
    case MARKER_HIT_EDGE: {
        if (hit.index < 0 || (size_t)hit.index >= m->edge_count) return false;
        const EdgeIndicator *e = &m->edges[hit.index];
        if (e->event) *out = cmd_select(SELECTION_EVENT, e->event);
        else if (e->place_count == 1) *out = cmd_select(SELECTION_PLACE, e->place);
        else {
            double bounds[4];
            event_markers_edge_bounds(m, b, (size_t)hit.index, bounds);
            *out = fit_command(app, bounds, 8, true);
        }
        return true;
    }
    case MARKER_HIT_GLYPH: {
        if (hit.index < 0 || (size_t)hit.index >= m->glyph_count) return false;
        const MarkerGlyph *g = &m->glyphs[hit.index];
        if (g->count == 1) {
            *out = cmd_select(SELECTION_EVENT, g->event);
        } else if (g->place) {
            /* One place: zoom in about it and spread its events around it. */
            *out = (Command){ .kind = CMD_EXPAND_PLACE };
            out->u.id = g->place;
        } else {
            double bounds[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
            for (uint32_t k = 0; k < g->count; k++) {
                BundlePlace p = bundle_place(b, m->event_place[m->members[g->first + k]]);
                bounds[0] = fmin(bounds[0], p.x);
                bounds[1] = fmin(bounds[1], p.y);
                bounds[2] = fmax(bounds[2], p.x);
                bounds[3] = fmax(bounds[3], p.y);
            }
            *out = fit_command(app, bounds, 6, false);
        }
        return true;
    }
    default: return false;
    }
}

/* --- the spatial index --------------------------------------------------------------------- */

typedef struct FilterOf { const TimelineState *timeline; const Bundle *bundle; } FilterOf;
static bool passes_filter(uint32_t id, void *user)
{
    const FilterOf *f = user;
    return timeline_event_visible(f->timeline, f->bundle, id);
}

uint32_t event_markers_event_at(const EventMarkers *m, const App *app, double x, double y, double radius_css)
{
    if (!m->index || !(app->view.scale_px > 0)) return 0;
    double wx, wy;
    view_screen_to_world(&app->view, x, y, &wx, &wy);
    FilterOf filter = { &app->timeline, app->bundle };
    return point_index_nearest_where(m->index, wx, wy, radius_css / app->view.scale_px, passes_filter, &filter);
}
