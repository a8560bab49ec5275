/* labels: where country and place names go on the map, clear of each other
 * and of the event markers, as plain data the renderer draws (render/labels.c).
 * See labels.h. Moved here from the renderer so it can be unit-tested: text
 * widths and the displayed names come through LabelFonts. */
#include "labels.h"

#include <math.h>
#include <stdlib.h>

#include "text_sizes.h"
#include <string.h>

#include "app.h"
#include "event_markers.h"

#define LABEL_CELL_CSS 32.0f
#define LABEL_GRID_MARGIN_CSS 64.0f

static void add_placed(LabelPlacer *r, const PlacedLabel *label)
{
    if (r->placed_count == r->placed_cap) {
        int cap = r->placed_cap ? r->placed_cap * 2 : 128;
        PlacedLabel *grown = realloc(r->placed, (size_t)cap * sizeof *grown);
        if (!grown) return;
        r->placed = grown;
        r->placed_cap = cap;
    }
    r->placed[r->placed_count++] = *label;
}

/* Empties the placed boxes and lays the grid over a view of w x h css px. */
static void label_boxes_reset(LabelPlacer *r, double w, double h)
{
    r->box_count = 0;
    r->entry_count = 0;
    r->grid_x0 = r->grid_y0 = -LABEL_GRID_MARGIN_CSS;
    int cw = (int)ceil((w + 2 * LABEL_GRID_MARGIN_CSS) / LABEL_CELL_CSS);
    int ch = (int)ceil((h + 2 * LABEL_GRID_MARGIN_CSS) / LABEL_CELL_CSS);
    if (cw < 1) cw = 1;
    if (ch < 1) ch = 1;
    if (cw * ch > r->cell_cap) {
        int *grown = realloc(r->cell_head, (size_t)cw * (size_t)ch * sizeof *grown);
        if (!grown) { r->cells_w = r->cells_h = 0; return; }
        r->cell_head = grown;
        r->cell_cap = cw * ch;
    }
    r->cells_w = cw;
    r->cells_h = ch;
    for (int i = 0; i < cw * ch; i++) r->cell_head[i] = -1;
}

/* The grid cells a box overlaps (clamped: boxes beyond the grid land in its border cells). */
static void label_cells_of(const LabelPlacer *r, RectCss box, int *cx0, int *cy0, int *cx1, int *cy1)
{
    float fx0 = (box.x - r->grid_x0) / LABEL_CELL_CSS, fy0 = (box.y - r->grid_y0) / LABEL_CELL_CSS;
    float fx1 = (box.x + box.w - r->grid_x0) / LABEL_CELL_CSS, fy1 = (box.y + box.h - r->grid_y0) / LABEL_CELL_CSS;
    int w = r->cells_w, h = r->cells_h;
    *cx0 = fx0 < 0 ? 0 : fx0 >= (float)w ? w - 1 : (int)fx0;
    *cy0 = fy0 < 0 ? 0 : fy0 >= (float)h ? h - 1 : (int)fy0;
    *cx1 = fx1 < 0 ? 0 : fx1 >= (float)w ? w - 1 : (int)fx1;
    *cy1 = fy1 < 0 ? 0 : fy1 >= (float)h ? h - 1 : (int)fy1;
}

/* Adds a box labels must keep clear of; false if memory runs out. */
static bool label_box_reserve(LabelPlacer *r, RectCss box)
{
    if (!(box.x == box.x) || !(box.y == box.y) || r->cells_w == 0) return false; /* NaN, or no grid */
    int cx0, cy0, cx1, cy1;
    label_cells_of(r, box, &cx0, &cy0, &cx1, &cy1);
    int cells = (cx1 - cx0 + 1) * (cy1 - cy0 + 1);
    if (r->entry_count + cells > r->entry_cap) {
        int cap = r->entry_cap ? r->entry_cap : 1024;
        while (cap < r->entry_count + cells) cap *= 2;
        LabelEntry *grown = realloc(r->entries, (size_t)cap * sizeof *grown);
        if (!grown) return false;
        r->entries = grown;
        r->entry_cap = cap;
    }
    if (r->box_count == r->box_cap) {
        int cap = r->box_cap ? r->box_cap * 2 : 128;
        RectCss *grown = realloc(r->boxes, (size_t)cap * sizeof *grown);
        if (!grown) return false;
        r->boxes = grown;
        r->box_cap = cap;
    }
    int index = r->box_count++;
    r->boxes[index] = box;
    for (int cy = cy0; cy <= cy1; cy++)
        for (int cx = cx0; cx <= cx1; cx++) {
            int cell = cy * r->cells_w + cx;
            r->entries[r->entry_count] = (LabelEntry){ index, r->cell_head[cell] };
            r->cell_head[cell] = r->entry_count++;
        }
    return true;
}

/* Whether a box overlaps one reserved, except those in [skip_first, skip_end). */
static bool label_box_collides(const LabelPlacer *r, RectCss box, int skip_first, int skip_end)
{
    if (r->cells_w == 0) return true; /* no grid (out of memory): place nothing */
    int cx0, cy0, cx1, cy1;
    label_cells_of(r, box, &cx0, &cy0, &cx1, &cy1);
    for (int cy = cy0; cy <= cy1; cy++)
        for (int cx = cx0; cx <= cx1; cx++)
            for (int e = r->cell_head[cy * r->cells_w + cx]; e >= 0; e = r->entries[e].next) {
                int i = r->entries[e].box;
                if (i >= skip_first && i < skip_end) continue;
                RectCss o = r->boxes[i];
                if (box.x < o.x + o.w && o.x < box.x + box.w && box.y < o.y + o.h && o.y < box.y + box.h) return true;
            }
    return false;
}

/* Each place's naming pass, worked out once per bundle. */
static const uint8_t *place_ranks(LabelPlacer *r, const Bundle *b)
{
    if (r->place_rank && r->place_rank_count == b->place_count) return r->place_rank;
    free(r->place_rank);
    r->place_rank = malloc((size_t)b->place_count + 1);
    r->place_rank_count = r->place_rank ? b->place_count : 0;
    if (!r->place_rank) return NULL;
    r->place_rank[0] = 3;
    for (uint32_t id = 1; id <= b->place_count; id++) {
        BundlePlace p = bundle_place(b, id);
        bool capital = strcmp(p.kind, "capital") == 0;
        bool focus = (bundle_country(b, p.country).flags & COUNTRY_FLAG_CENTRAL_ASIA) != 0;
        bool never = !capital && (strcmp(p.kind, "sea") == 0 || strcmp(p.kind, "region") == 0);
        r->place_rank[id] = never ? 3 : capital && focus ? 0 : capital ? 1 : 2;
    }
    return r->place_rank;
}

/* Whether a label's box is clear of those placed; if so it is placed. */
static bool label_box_free(LabelPlacer *r, RectCss box)
{
    return !label_box_collides(r, box, 0, 0) && label_box_reserve(r, box);
}

/* Country names, most important first; a label that would overlap one already
 * placed, or that is much wider than its country on screen, is dropped. */
static void place_country_labels(LabelPlacer *r, const App *app, const LabelFonts *fonts, int first_rank, int last_rank)
{
    const Bundle *b = app->bundle;
    double visible[4];
    view_visible_bounds(&app->view, visible);
    for (int rank = first_rank; rank <= last_rank; rank++) {
        for (uint32_t id = 1; id <= b->country_count; id++) {
            BundleCountry c = bundle_country(b, id);
            int crank = c.label_rank < 1.5f ? 1 : c.label_rank < 2.5f ? 2 : c.label_rank < 3.5f ? 3 : 4;
            if (crank != rank || !c.ring_count || !c.name[0] || !view_bbox_visible(c.bbox, visible)) continue;
            const char *name = fonts->display_name(fonts->user, app, c.name, c.name_local);
            float size = rank == 1 ? TEXT_COUNTRY_RANK1_CSS : rank == 2 ? TEXT_COUNTRY_RANK2_CSS
                       : rank == 3 ? TEXT_COUNTRY_RANK3_CSS : TEXT_COUNTRY_RANK4_CSS;
            int face = rank == 1 ? LABEL_FACE_BOLD : LABEL_FACE_REGULAR;
            double x, y;
            view_world_to_screen(&app->view, c.label_x, c.label_y, &x, &y);
            if (x < 0 || y < 0 || x > app->view.width_css || y > app->view.height_css) {
                /* The anchor is off screen (Russia, China at the region's zoom): label
                 * the visible part instead, if its middle lies inside the country. */
                static const double tries[5][2] = { { .5, .5 }, { .5, .12 }, { .5, .88 }, { .2, .12 }, { .8, .12 } };
                double x0 = fmax(c.bbox[0], visible[0]), x1 = fmin(c.bbox[2], visible[2]);
                double y0 = fmax(c.bbox[1], visible[1]), y1 = fmin(c.bbox[3], visible[3]);
                int k = 0;
                for (; k < 5; k++) {
                    double cx = x0 + (x1 - x0) * tries[k][0], cy = y0 + (y1 - y0) * tries[k][1];
                    if (hit_country_contains(b, id, cx, cy)) {
                        view_world_to_screen(&app->view, cx, cy, &x, &y);
                        break;
                    }
                }
                if (k == 5) continue;
            }
            double width_on_screen = (c.bbox[2] - c.bbox[0]) * app->view.scale_px;
            float w = fonts->width(fonts->user, face, size, name);
            /* A name wider than its country on screen (a phone's home view)
             * steps down towards the smallest country size, not below it. */
            while (w > width_on_screen * 0.85 && size - 1 >= TEXT_COUNTRY_RANK4_CSS) {
                size -= 1;
                w = fonts->width(fonts->user, face, size, name);
            }
            if (rank > 1 && w > width_on_screen * 1.3) continue;
            /* Em sizes: capitals 0.71 em tall, centred on the anchor; descenders below. */
            RectCss box = { (float)x - w / 2 - 3, (float)y - size * 0.5f, w + 6, size * 1.12f };
            if (box.x + box.w < 0 || box.y + box.h < 0 || box.x > app->view.width_css || box.y > app->view.height_css) continue;
            if (!label_box_free(r, box)) continue;
            add_placed(r, &(PlacedLabel){ .box = box, .x = (float)x - w / 2, .y = (float)y + size * 0.36f,
                                          .size = size, .face = face, .text = name, .minor = rank > 2 });
        }
    }
}

/* How far a place's name starts from its point: clear of the event marker or
 * cluster drawn there, if the place has events (all of its events in one
 * cluster, whatever the filter: a cluster of 30 reaches 15.5 px). */
static float place_label_gap(const App *app, uint32_t place)
{
    bool marked = app->markers && (app->display.layers & LAYER_MARKERS) && place <= app->markers->place_capacity &&
                  app->markers->place_events[place] > 0;
    if (!marked) return 5.0f;
    MarkerGlyph all = { .count = app->markers->place_events[place] };
    return fmaxf(14.0f, (float)marker_glyph_radius(&all) + 2.5f);
}

/* A place's events spread around it (a fan) in the markers' layout: its
 * centre and the reach of its backdrop, in the labels' view, css px. */
typedef struct LabelFan { uint32_t place; float x, y, radius; } LabelFan;
#define LABEL_FANS_MAX 64

/* Keeps names off what the event markers' current layout draws (clusters,
 * symbols, fans, edge badges and their names: the renderer draws them over
 * the names), if it was laid out
 * at this view's scale (clustering depends on it; only the centre and the
 * viewport may differ, as for the base map's margin). Lists the fans found
 * in fans (their own place's name goes outside them); returns how many. */
static int reserve_marker_layout(LabelPlacer *r, const App *app, LabelFan *fans)
{
    const EventMarkers *m = app->markers;
    if (!m || !m->valid || m->shifted || !(app->display.layers & LAYER_MARKERS)) return 0;
    const View *v = &app->view;
    double layout_cx = m->layout_key[0], layout_cy = m->layout_key[1], layout_scale = m->layout_key[2];
    double layout_w = m->layout_key[3], layout_h = m->layout_key[4];
    if (!(layout_scale > 0) || fabs(layout_scale - v->scale_px) > 1e-9 * v->scale_px) return 0;
    /* layout css px -> world -> this view's css px: a shift, as the scales are the same */
    double dx = (layout_cx - v->center_x) * v->scale_px + (v->width_css - layout_w) / 2;
    double dy = (layout_cy - v->center_y) * v->scale_px + (v->height_css - layout_h) / 2;
    int fan_count = 0;
    for (size_t i = 0; i < m->glyph_count; i++) {
        const MarkerGlyph *g = &m->glyphs[i];
        double x = g->x + dx, y = g->y + dy, reach = marker_glyph_radius(g) + 1;
        if (g->fanned) {
            if (g->fan_slot != 0) continue;
            x = g->anchor_x + dx;
            y = g->anchor_y + dy;
            reach = g->fan_radius + MARKER_RADIUS_CSS + 5; /* the backdrop, render/markers.c */
            if (fan_count < LABEL_FANS_MAX)
                fans[fan_count++] = (LabelFan){ g->place, (float)x, (float)y, (float)reach };
        }
        label_box_reserve(r, (RectCss){ (float)(x - reach), (float)(y - reach), (float)(2 * reach), (float)(2 * reach) });
    }
    /* The edge badges (with their arrowheads) and their names. */
    for (size_t i = 0; i < m->edge_count; i++) {
        const EdgeIndicator *e = &m->edges[i];
        double reach = EDGE_RADIUS_CSS + 10, x = e->x + dx, y = e->y + dy;
        label_box_reserve(r, (RectCss){ (float)(x - reach), (float)(y - reach), (float)(2 * reach), (float)(2 * reach) });
        if (e->labelled)
            label_box_reserve(r, (RectCss){ (float)(e->label_x + dx - 2), (float)(e->label_y + dy - 13),
                                            (float)(e->label_w + 4), 17 });
    }
    return fan_count;
}

/* Capitals always (Central Asian ones first), other named places once zoomed in
 * enough; each as a dot and a name to its right, dropped if it would collide. */
static void place_place_labels(LabelPlacer *r, const App *app, const LabelFonts *fonts)
{
    const Bundle *b = app->bundle;
    double home_scale = app->home_scale_px > 0 ? app->home_scale_px : app->view.scale_px;
    double zoom = app->view.scale_px / home_scale;
    /* Event markers are drawn over the labels every frame: keep names clear
     * of every place that has events (a checkpoint's marker beside a capital
     * would hide the capital's name). Its own name is set off by its gap. */
    const uint8_t *ranks = place_ranks(r, b);
    if (!ranks) return;
    double view_w = app->view.width_css, view_h = app->view.height_css;
    int markers_first = r->box_count;
    for (uint32_t id = 1; id <= b->place_count; id++) {
        if (place_label_gap(app, id) <= 5.0f) continue;
        BundlePlace p = bundle_place(b, id);
        double x, y;
        view_world_to_screen(&app->view, p.x, p.y, &x, &y);
        if (x < -30 || y < -30 || x > view_w + 30 || y > view_h + 30) continue; /* no name goes that far */
        RectCss marker = { (float)x - 9, (float)y - 9, 18, 18 };
        label_box_reserve(r, marker);
    }
    LabelFan fans[LABEL_FANS_MAX];
    int fan_count = reserve_marker_layout(r, app, fans);
    int markers_end = r->box_count;
    for (int pass = 0; pass < 3; pass++) {
        if (pass == 2 && zoom < 2.0) break;
        for (uint32_t id = 1; id <= b->place_count; id++) {
            if (ranks[id] != pass) continue;
            BundlePlace p = bundle_place(b, id);
            bool capital = pass < 2;
            double x, y;
            view_world_to_screen(&app->view, p.x, p.y, &x, &y);
            if (x < -50 || y < -20 || x > view_w + 50 || y > view_h + 20) continue;
            RectCss dot = { (float)x - 3, (float)y - 3, 6, 6 };
            float gap = place_label_gap(app, id);
            const LabelFan *fan = NULL;
            for (int k = 0; k < fan_count && !fan; k++)
                if (fans[k].place == id) fan = &fans[k];
            if (fan) gap = fan->radius + 2; /* its name goes outside its fan */
            /* A dot may lie under another place's marker (a checkpoint by a
             * capital): the name, set beside it, still reads. Tested before
             * the name is measured: among many places most stop here. */
            bool marked = gap > 5.0f; /* its dot lies under its own marker */
            if (!marked && label_box_collides(r, dot, markers_first, markers_end)) continue;
            if (marked) { /* if a speck of each place a name could go is taken, none fits */
                float fx = (float)x, fy = (float)y;
                RectCss specks[4] = { { fx + gap + 1, fy - 2, 2, 2 }, { fx - gap - 3, fy - 2, 2, 2 },
                                        { fx - 1, fy + gap + 2, 2, 2 }, { fx - 1, fy - gap - 4, 2, 2 } };
                bool all_taken = true;
                for (int k = 0; k < 4 && all_taken; k++) all_taken = label_box_collides(r, specks[k], 0, 0);
                if (all_taken) continue;
            }
            if (!marked && !label_box_reserve(r, dot)) continue;
            const char *name = fonts->display_name(fonts->user, app, p.name, p.name_local);
            float size = pass == 0 ? TEXT_PLACE_CAPITAL_CSS : TEXT_PLACE_CSS;
            float w = fonts->width(fonts->user, LABEL_FACE_REGULAR, size, name);
            /* To the right, else the left, else below or above, else dropped
             * (a fanned place: below its fan first, where one looks for it). */
            float h = size * 1.1f, right = (float)x + gap, left = (float)x - gap - 4 - w;
            float centred = (float)x - (w + 4) / 2, below = (float)y + gap - 2, above = (float)y - gap - h + 2;
            if (fan) below = (float)y + gap, above = (float)y - gap - h;
            RectCss side_right = { right, (float)y - size * 0.55f, w + 4, h }, side_left = { left, (float)y - size * 0.55f, w + 4, h };
            RectCss under = { centred, below, w + 4, h }, over = { centred, above, w + 4, h };
            RectCss candidates[4] = { side_right, side_left, under, over };
            if (fan) {
                candidates[0] = under;
                candidates[1] = over;
                candidates[2] = side_right;
                candidates[3] = side_left;
            }
            int chosen = -1;
            for (int k = 0; k < 4 && chosen < 0; k++)
                if (label_box_free(r, candidates[k])) chosen = k;
            if (chosen < 0) continue;
            RectCss box = candidates[chosen];
            add_placed(r, &(PlacedLabel){ .box = box, .x = box.x + 2, .y = box.y + size * 0.85f,
                                          .size = size, .face = LABEL_FACE_REGULAR, .text = name, .minor = pass == 2,
                                          .dot_x = (float)x, .dot_y = (float)y, .dot_halo = capital ? 3.6f : 2.8f,
                                          .dot_radius = capital ? 2.6f : 1.9f });
        }
    }
}

void labels_place(LabelPlacer *r, const App *app, const LabelFonts *fonts)
{
    r->placed_count = 0;
    if (!(app->display.layers & LAYER_LABELS)) return;
    label_boxes_reset(r, app->view.width_css, app->view.height_css);
    /* Order is priority: earlier labels win collisions. */
    place_country_labels(r, app, fonts, 1, 2);
    place_place_labels(r, app, fonts);
    place_country_labels(r, app, fonts, 3, 4);
}

void labels_free(LabelPlacer *r)
{
    free(r->boxes);
    free(r->cell_head);
    free(r->entries);
    free(r->place_rank);
    free(r->placed);
    memset(r, 0, sizeof *r);
}
