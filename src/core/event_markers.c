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
    if (!m->points || !m->cluster_of || !m->clusters || !m->glyphs || !m->members || !m->fill || !m->clusterer) {
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
    clusterer_destroy(m->clusterer);
    memset(m, 0, sizeof *m);
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
    if (!(app->layers & LAYER_MARKERS)) return;
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
