/* relations_layer: arcs and their labels. See relations_layer.h. */
#include "relations_layer.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "event_markers.h"
#include "legend.h"
#include "text_sizes.h"
#include "view.h"

static bool is_trade(const BundleRelation *rel)
{
    return (!strcmp(rel->kind, "trade") || !strcmp(rel->kind, "trade-target")) && rel->country_b &&
           isfinite(rel->value) && rel->value > 0;
}

static void country_anchor(const Bundle *b, uint32_t id, double *wx, double *wy)
{
    BundleCountry c = bundle_country(b, id);
    if (c.capital) {
        BundlePlace p = bundle_place(b, c.capital);
        *wx = p.x;
        *wy = p.y;
    } else {
        *wx = c.label_x;
        *wy = c.label_y;
    }
}

void relations_format_value(char *out, size_t size, double value, const char *unit)
{
    if (!strcmp(unit, "billion USD")) {
        if (value >= 1) snprintf(out, size, "$%.1f bn", value);
        else snprintf(out, size, "$%.0f m", value * 1000);
    } else if (!strcmp(unit, "million USD")) {
        snprintf(out, size, "$%.0f m", value);
    } else {
        snprintf(out, size, "%.3g %s", value, unit);
    }
}

static bool rects_overlap(RectCss a, RectCss b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

bool relations_segment_hits_rect(float ax, float ay, float bx, float by, RectCss r, float pad)
{
    float x0 = r.x - pad, y0 = r.y - pad, x1 = r.x + r.w + pad, y1 = r.y + r.h + pad;
    /* Liang-Barsky: the part of the segment inside the rectangle, if any. */
    float t0 = 0, t1 = 1, dx = bx - ax, dy = by - ay;
    float p[4] = { -dx, dx, -dy, dy }, q[4] = { ax - x0, x1 - ax, ay - y0, y1 - ay };
    for (int j = 0; j < 4; j++) {
        if (p[j] == 0) {
            if (q[j] < 0) return false;
            continue;
        }
        float t = q[j] / p[j];
        if (p[j] < 0) { if (t > t1) return false; if (t > t0) t0 = t; }
        else { if (t < t0) return false; if (t < t1) t1 = t; }
    }
    return t0 <= t1;
}

static bool circle_hits_rect(double cx, double cy, double radius, RectCss r)
{
    double nx = cx < r.x ? r.x : cx > r.x + r.w ? r.x + r.w : cx;
    double ny = cy < r.y ? r.y : cy > r.y + r.h ? r.y + r.h : cy;
    return (cx - nx) * (cx - nx) + (cy - ny) * (cy - ny) < radius * radius;
}

/* Whether a label's box is clear of everything a label must not cover. */
static bool box_free(const RelationsLayer *out, int self, RectCss box, const App *app, const LabelPlacer *names,
                     const float area[4])
{
    if (box.x < area[0] || box.y < area[1] || box.x + box.w > area[2] || box.y + box.h > area[3]) return false;
    /* Its own arc never runs through it (labels are drawn over the other
     * arcs, which pass under their backing); no label covers another. */
    const RelationArc *own = &out->arcs[self];
    float pad = own->width_css / 2 + 2;
    for (int k = 0; k < RELATION_ARC_STEPS; k++)
        if (relations_segment_hits_rect(own->pts[2 * k], own->pts[2 * k + 1], own->pts[2 * k + 2], own->pts[2 * k + 3], box, pad))
            return false;
    for (int i = 0; i < out->count; i++)
        if (i != self && out->arcs[i].label_shown && rects_overlap(out->arcs[i].label_box, box)) return false;
    const EventMarkers *m = app->markers;
    if (m && (app->display.layers & LAYER_MARKERS)) {
        for (size_t i = 0; i < m->glyph_count; i++)
            if (circle_hits_rect(m->glyphs[i].x, m->glyphs[i].y, marker_glyph_radius(&m->glyphs[i]) + 3, box)) return false;
        for (size_t i = 0; i < m->edge_count; i++) {
            const EdgeIndicator *e = &m->edges[i];
            if (circle_hits_rect(e->x, e->y, EDGE_RADIUS_CSS + 10, box)) return false;
            RectCss name = { (float)(e->label_x < e->x ? e->x - EDGE_RADIUS_CSS - 5 - e->label_w : e->label_x),
                             (float)e->label_y - 12, (float)e->label_w, 16 };
            if (e->labelled && rects_overlap(name, box)) return false;
        }
    }
    if (names)
        for (int i = 0; i < names->placed_count; i++)
            if (rects_overlap(names->placed[i].box, box)) return false;
    const ScreenLayout *s = &app->screen;
    for (int b = 1; b < SCREEN_BUTTON_COUNT; b++)
        if (s->buttons[b].w > 0 && rects_overlap(s->buttons[b], box)) return false;
    if (rects_overlap(s->search, box) || (s->title.w > 0 && rects_overlap(s->title, box)) ||
        (s->hint.w > 0 && rects_overlap(s->hint, box)))
        return false;
    LegendLayout key;
    legend_layout(app, &key);
    RectCss key_box = { (float)key.x, (float)key.y, (float)key.w, (float)key.h };
    return !rects_overlap(key_box, box);
}

static void make_label(char *out, size_t size, const BundleRelation *rel, const App *app, const LabelFonts *fonts,
                       uint32_t hub)
{
    const Bundle *b = app->bundle;
    char value[48];
    relations_format_value(value, sizeof value, rel->value, rel->unit);
    BundleCountry ca = bundle_country(b, rel->country_a), cb = bundle_country(b, rel->country_b);
    const char *nb = fonts->display_name(fonts->user, app, cb.name, cb.name_local);
    char who[96];
    if (rel->country_a == hub) snprintf(who, sizeof who, "%s", nb);
    else snprintf(who, sizeof who, "%s–%s", fonts->display_name(fonts->user, app, ca.name, ca.name_local), nb);
    bool target = !strcmp(rel->kind, "trade-target");
    if (target && rel->year) snprintf(out, size, "%s: target %s by %u", who, value, rel->year);
    else if (target) snprintf(out, size, "%s: target %s", who, value);
    else if (rel->year) snprintf(out, size, "%s %s (%u)", who, value, rel->year);
    else snprintf(out, size, "%s %s", who, value);
}

void relations_layout(RelationsLayer *out, const App *app, const LabelFonts *fonts, const LabelPlacer *names)
{
    if (!(app->display.layers & LAYER_RELATIONS)) {
        out->count = out->labels_shown = out->labels_left_out = 0;
        out->valid = false;
        return;
    }
    const View *v = &app->view;
    const EventMarkers *m = app->markers;
    const EventFilter *f = &app->timeline.filter;
    double key[24] = { v->center_x, v->center_y, v->scale_px, v->width_css, v->height_css, app->display.layers,
                       app->display.local_names, app->display.legend_flipped, app->display.hint_visible,
                       app->screen.map.w, app->screen.map.h, f->year_from, f->year_to, f->category_mask,
                       m ? (double)m->glyph_count : -1, m ? (double)m->edge_count : -1, m ? m->area[2] : 0,
                       m ? m->area[3] : 0, names ? names->placed_count : -1, (double)(uintptr_t)names,
                       m ? m->expanded_place : 0, app->select.current.kind, app->select.current.id, app->mode.kind };
    if (out->valid && !memcmp(key, out->key, sizeof key)) return;
    memcpy(out->key, key, sizeof key);
    out->valid = true;
    out->count = out->labels_shown = out->labels_left_out = 0;
    const Bundle *b = app->bundle;
    double max_value = 0;
    uint32_t hub = 0, hub_count = 0; /* the country most arcs start from: its labels name only the partner */
    for (uint32_t i = 1; i <= b->relation_count; i++) {
        BundleRelation rel = bundle_relation(b, i);
        if (!is_trade(&rel)) continue;
        if (rel.value > max_value) max_value = rel.value;
        uint32_t n = 0;
        for (uint32_t j = 1; j <= b->relation_count; j++) {
            BundleRelation other = bundle_relation(b, j);
            n += is_trade(&other) && other.country_a == rel.country_a;
        }
        if (n > hub_count) { hub = rel.country_a; hub_count = n; }
    }
    if (max_value <= 0) return;
    float area[4] = { 0, 0, (float)app->view.width_css, (float)app->view.height_css };
    if (app->markers) for (int i = 0; i < 4; i++) area[i] = (float)app->markers->area[i];
    for (uint32_t i = 1; i <= b->relation_count && out->count < RELATION_ARCS_MAX; i++) {
        BundleRelation rel = bundle_relation(b, i);
        if (!is_trade(&rel)) continue;
        double ax, ay, bx, by, sx0, sy0, sx1, sy1;
        country_anchor(b, rel.country_a, &ax, &ay);
        country_anchor(b, rel.country_b, &bx, &by);
        view_world_to_screen(&app->view, ax, ay, &sx0, &sy0);
        view_world_to_screen(&app->view, bx, by, &sx1, &sy1);
        double dx = sx1 - sx0, dy = sy1 - sy0, len = hypot(dx, dy);
        if (len < 6 || !isfinite(len)) continue;
        RelationArc *a = &out->arcs[out->count++];
        memset(a, 0, sizeof *a);
        a->relation = i;
        a->target = !strcmp(rel.kind, "trade-target");
        a->width_css = (float)(1.2 + 6.5 * sqrt(rel.value / max_value));
        /* A quadratic curve bowed by a fifth of its length, to the side nearer the pole. */
        double side = dx >= 0 ? -1 : 1; /* the normal (dy, -dx) * side points up the screen */
        double mx = (sx0 + sx1) / 2 + dy * 0.2 * side, my = (sy0 + sy1) / 2 - dx * 0.2 * side;
        for (int k = 0; k <= RELATION_ARC_STEPS; k++) {
            double u = (double)k / RELATION_ARC_STEPS, p = (1 - u) * (1 - u), c = 2 * u * (1 - u), d = u * u;
            a->pts[2 * k] = (float)(p * sx0 + c * mx + d * sx1);
            a->pts[2 * k + 1] = (float)(p * sy0 + c * my + d * sy1);
        }
        make_label(a->label, sizeof a->label, &rel, app, fonts, hub);
    }
    /* Labels once every arc is known: heaviest trade first, each at the
     * first free place along the visible part of its arc, nearest the middle. */
    bool tried[RELATION_ARCS_MAX] = { false };
    for (int pass = 0; pass < out->count; pass++) {
        int best = -1;
        for (int i = 0; i < out->count; i++)
            if (!tried[i] && (best < 0 || out->arcs[i].width_css > out->arcs[best].width_css)) best = i;
        if (best < 0) break;
        tried[best] = true;
        RelationArc *a = &out->arcs[best];
        int k0 = -1, k1 = -1;
        for (int k = 0; k <= RELATION_ARC_STEPS; k++) {
            float x = a->pts[2 * k], y = a->pts[2 * k + 1];
            if (x >= area[0] && y >= area[1] && x <= area[2] && y <= area[3]) {
                if (k0 < 0) k0 = k;
                k1 = k;
            }
        }
        if (k0 < 0) continue; /* the arc is off the map: no label, nothing left out */
        float w = fonts->width(fonts->user, LABEL_FACE_BOLD, TEXT_ARC_LABEL_CSS, a->label) + 2 * RELATION_LABEL_PAD_CSS;
        float h = RELATION_LABEL_HEIGHT_CSS, gap = a->width_css / 2 + 5;
        int mid = (k0 + k1) / 2, span = k1 - k0;
        bool placed = false;
        for (int off = 0; off <= span / 2 + 1 && !placed; off++) {
            for (int side = 0; side < (off ? 2 : 1) && !placed; side++) {
                int k = side ? mid + off : mid - off;
                if (k < k0 || k > k1) continue;
                float x = a->pts[2 * k], y = a->pts[2 * k + 1];
                int kn = k < RELATION_ARC_STEPS ? k + 1 : k - 1;
                bool steep = fabsf(a->pts[2 * kn + 1] - y) > fabsf(a->pts[2 * kn] - x);
                /* Beside the arc where it runs up the screen, else above or
                 * below it; then a little further off. */
                RectCss across[4] = { { x - w / 2, y - gap - h, w, h }, { x - w / 2, y + gap, w, h },
                                      { x - w / 2, y - gap - h - 14, w, h }, { x - w / 2, y + gap + 14, w, h } };
                RectCss beside[4] = { { x + gap, y - h / 2, w, h }, { x - gap - w, y - h / 2, w, h },
                                      { x + gap + 14, y - h / 2, w, h }, { x - gap - 14 - w, y - h / 2, w, h } };
                RectCss tries[8];
                for (int t = 0; t < 4; t++) tries[t] = steep ? beside[t] : across[t], tries[t + 4] = steep ? across[t] : beside[t];
                for (int t = 0; t < 8 && !placed; t++) {
                    if (!box_free(out, best, tries[t], app, names, area)) continue;
                    a->label_box = tries[t];
                    a->label_x = tries[t].x + RELATION_LABEL_PAD_CSS;
                    a->label_baseline = tries[t].y + h / 2 + TEXT_ARC_LABEL_CSS * 0.36f;
                    a->label_shown = placed = true;
                }
            }
        }
        if (placed) out->labels_shown++;
        else out->labels_left_out++;
    }
}
