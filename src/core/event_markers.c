/* event_markers: layout and picking of event markers. See event_markers.h. */
#include "event_markers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool event_markers_init(EventMarkers *m, const Bundle *b)
{
    memset(m, 0, sizeof *m);
    size_t n = b->event_count ? b->event_count : 1;
    m->capacity = n;
    m->points = calloc(n, sizeof *m->points);
    m->cluster_of = calloc(n, sizeof *m->cluster_of);
    m->clusters = calloc(n, sizeof *m->clusters);
    m->glyphs = calloc(n, sizeof *m->glyphs);
    m->members = calloc(n, sizeof *m->members);
    m->fill = calloc(n, sizeof *m->fill);
    m->clusterer = clusterer_create(n);
    m->place_capacity = b->place_count;
    m->edges = calloc(b->place_count + 1, sizeof *m->edges);
    m->edge_of_place = calloc(b->place_count + 1, sizeof *m->edge_of_place);
    if (!m->points || !m->cluster_of || !m->clusters || !m->glyphs || !m->members || !m->fill || !m->clusterer || !m->edges || !m->edge_of_place) {
        event_markers_free(m);
        return false;
    }
    return true;
}

void event_markers_free(EventMarkers *m)
{
    free(m->points);
    free(m->cluster_of);
    free(m->clusters);
    free(m->glyphs);
    free(m->members);
    free(m->fill);
    free(m->edges);
    free(m->edge_of_place);
    clusterer_destroy(m->clusterer);
    memset(m, 0, sizeof *m);
}

/* Indicators on one side of the map are spread along it so none overlap
 * (at least EDGE_SPACING_CSS apart, in order), and only those with room get
 * their name written beside them: on the top and bottom sides names run
 * along the edge and need more room than the markers do. */
#define EDGE_SPACING_CSS 28.0
#define EDGE_LABEL_ROOM_CSS 120.0

static void spread_edges(EventMarkers *m, double right, double bottom, double top)
{
    for (size_t i = 0; i < m->edge_count; i++) {
        EdgeIndicator *e = &m->edges[i];
        if (e->y <= top + EDGE_MARGIN_CSS + 0.5) e->side = 0;
        else if (e->y >= bottom - EDGE_MARGIN_CSS - 0.5) e->side = 2;
        else e->side = e->x > right / 2 ? 1 : 3;
    }
    for (int side = 0; side < 4; side++) {
        bool horizontal = side == 0 || side == 2;
        double lo = horizontal ? EDGE_MARGIN_CSS : top + EDGE_MARGIN_CSS;
        double hi = horizontal ? right - EDGE_MARGIN_CSS : bottom - EDGE_MARGIN_CSS;
        /* Insertion sort of this side's indicators by position (few of them). */
        size_t idx[64];
        size_t k = 0;
        for (size_t i = 0; i < m->edge_count && k < 64; i++) {
            if (m->edges[i].side != side) continue;
            size_t j = k++;
            double v = horizontal ? m->edges[i].x : m->edges[i].y;
            while (j > 0 && (horizontal ? m->edges[idx[j - 1]].x : m->edges[idx[j - 1]].y) > v) {
                idx[j] = idx[j - 1];
                j--;
            }
            idx[j] = i;
        }
        /* Forward sweep for spacing, then a backward one to stay inside the side. */
        for (size_t j = 0; j < k; j++) {
            double *v = horizontal ? &m->edges[idx[j]].x : &m->edges[idx[j]].y;
            double min = j ? (horizontal ? m->edges[idx[j - 1]].x : m->edges[idx[j - 1]].y) + EDGE_SPACING_CSS : lo;
            if (*v < min) *v = min;
        }
        for (size_t j = k; j-- > 0;) {
            double *v = horizontal ? &m->edges[idx[j]].x : &m->edges[idx[j]].y;
            double max = j + 1 < k ? (horizontal ? m->edges[idx[j + 1]].x : m->edges[idx[j + 1]].y) - EDGE_SPACING_CSS : hi;
            if (*v > max) *v = max;
        }
        /* Names: on the left and right sides each fits; along the top and the
         * bottom, only where the next indicator is far enough away. */
        double last_label_end = -1e30;
        for (size_t j = 0; j < k; j++) {
            EdgeIndicator *e = &m->edges[idx[j]];
            if (!horizontal) { e->labelled = true; continue; }
            double next = j + 1 < k ? m->edges[idx[j + 1]].x : 1e30;
            e->labelled = e->x >= last_label_end && next - e->x >= EDGE_LABEL_ROOM_CSS;
            if (e->labelled) last_label_end = e->x + EDGE_LABEL_ROOM_CSS;
        }
    }
}

void event_markers_update(EventMarkers *m, const App *app)
{
    if (!m->capacity) return;
    const View *v = &app->view;
    double view_key[4] = { v->center_x, v->center_y, v->scale_px, v->width_css * 10000 + v->height_css };
    uint32_t filter_key[4] = { (uint32_t)app->filter.year_from, (uint32_t)app->filter.year_to,
                               app->filter.category_mask, app->layers };
    double play_key = app->playing ? app->play_year : -1;
    if (m->valid && !memcmp(view_key, m->view_key, sizeof view_key) && !memcmp(filter_key, m->filter_key, sizeof filter_key) &&
        play_key == m->play_key)
        return;
    memcpy(m->view_key, view_key, sizeof view_key);
    memcpy(m->filter_key, filter_key, sizeof filter_key);
    m->play_key = play_key;
    m->valid = true;
    m->glyph_count = 0;
    m->visible = 0;
    const Bundle *b = app->bundle;
    size_t n = 0;
    for (uint32_t e = 1; e <= b->event_count && n < m->capacity; e++) {
        if (!app_event_visible(app, e)) continue;
        m->visible++;
        BundlePlace p = bundle_place(b, bundle_event(b, e).place);
        double x, y;
        view_world_to_screen(v, p.x, p.y, &x, &y);
        m->points[n++] = (HitPoint){ x, y, e };
    }
    m->edge_count = 0;
    if (!(app->layers & LAYER_MARKERS)) return;
    /* The map area: the viewport less what the panel and the timeline hide. */
    double right = v->width_css - (app->panel_open ? app->panel_inset_right_css : 0);
    double bottom = v->height_css - (app->panel_open ? app->panel_inset_bottom_css : 0) - app->chrome_inset_bottom_css;
    double top = EDGE_TOP_CSS; /* the search box and the zoom buttons sit above */
    double cx = right / 2, cy = (top + bottom) / 2;
    size_t inside = 0;
    memset(m->edge_of_place, 0, (m->place_capacity + 1) * sizeof *m->edge_of_place);
    for (size_t i = 0; i < n; i++) {
        HitPoint pt = m->points[i];
        if (pt.x >= 0 && pt.y >= 0 && pt.x <= right && pt.y <= bottom) {
            m->points[inside++] = pt;
            continue;
        }
        /* Off the map area: count it on its place's indicator, which sits where
         * the line from the centre towards the place leaves the area. */
        uint32_t place = bundle_event(b, pt.id).place;
        if (place > m->place_capacity) continue;
        uint32_t slot = m->edge_of_place[place];
        if (!slot) {
            double dx = pt.x - cx, dy = pt.y - cy, len = hypot(dx, dy);
            if (len < 1e-9) continue;
            dx /= len;
            dy /= len;
            double hx = right / 2 - EDGE_MARGIN_CSS, hy = (bottom - top) / 2 - EDGE_MARGIN_CSS;
            double t = fmin(fabs(dx) > 1e-9 ? hx / fabs(dx) : 1e30, fabs(dy) > 1e-9 ? hy / fabs(dy) : 1e30);
            m->edges[m->edge_count] = (EdgeIndicator){ cx + dx * t, cy + dy * t, dx, dy, place, 0, 0, false };
            slot = m->edge_of_place[place] = (uint32_t)++m->edge_count;
        }
        m->edges[slot - 1].count++;
    }
    spread_edges(m, right, bottom, top);
    n = inside;
    size_t clusters = cluster_points(m->clusterer, m->points, n, CLUSTER_RADIUS_CSS, m->clusters, m->capacity, m->cluster_of);
    /* Members grouped by cluster: count, then place. */
    uint32_t offset = 0;
    for (size_t c = 0; c < clusters; c++) {
        m->glyphs[c] = (MarkerGlyph){ m->clusters[c].x, m->clusters[c].y, m->clusters[c].count, m->clusters[c].id, offset };
        offset += m->clusters[c].count;
    }
    memset(m->fill, 0, clusters * sizeof *m->fill);
    for (size_t i = 0; i < n; i++) {
        uint32_t c = m->cluster_of[i];
        if (c >= clusters) continue;
        m->members[m->glyphs[c].first + m->fill[c]++] = m->points[i].id;
    }
    m->glyph_count = clusters;
}

int event_markers_hit_edge(const EventMarkers *m, double x, double y)
{
    for (size_t i = 0; i < m->edge_count; i++)
        if (fabs(m->edges[i].x - x) <= 13 && fabs(m->edges[i].y - y) <= 13) return (int)i;
    return -1;
}

int event_markers_hit(const EventMarkers *m, double x, double y)
{
    int best = -1;
    double best_d = 1e30;
    for (size_t i = 0; i < m->glyph_count; i++) {
        const MarkerGlyph *g = &m->glyphs[i];
        double r = g->count > 1 ? MARKER_RADIUS_CSS + 4 : MARKER_RADIUS_CSS + 2;
        double d = hypot(g->x - x, g->y - y);
        if (d <= r && d < best_d) {
            best = (int)i;
            best_d = d;
        }
    }
    return best;
}
