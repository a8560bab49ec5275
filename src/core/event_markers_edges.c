/* event_markers_edges: the badges on the map area's edge that point at events
 * beyond it, and their names. See event_markers.h (EdgeIndicator) and
 * event_markers_internal.h. */
#include "event_markers_internal.h"

#include "event_markers.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A place beyond the map area's edge: where the line from the centre towards
 * it leaves the area, as a distance along the edge (clockwise from the top
 * left corner). */
typedef struct EdgePlace {
    double s;
    uint32_t place, count, event;
} EdgePlace;

size_t event_markers_edge_scratch_size(void) { return sizeof(EdgePlace); }

/* --- edge indicators ------------------------------------------------------------- */

/* The rectangle the badges' centres run along, and its perimeter. */
typedef struct EdgeFrame {
    double left, top, right, bottom; /* badge centres lie on this rectangle */
    double w, h, perimeter;
    double forbidden[16][2];         /* stretches of the perimeter kept clear, sorted, merged */
    int forbidden_count;
    double allowed;                  /* perimeter less the forbidden stretches */
} EdgeFrame;

static void perimeter_point(const EdgeFrame *f, double s, double *x, double *y, int *side)
{
    if (s < f->w) { *x = f->left + s; *y = f->top; *side = 0; return; }
    s -= f->w;
    if (s < f->h) { *x = f->right; *y = f->top + s; *side = 1; return; }
    s -= f->h;
    if (s < f->w) { *x = f->right - s; *y = f->bottom; *side = 2; return; }
    s -= f->w;
    *x = f->left;
    *y = f->bottom - fmin(s, f->h);
    *side = 3;
}

static void add_forbidden(EdgeFrame *f, double s0, double s1)
{
    if (s1 <= s0 || f->forbidden_count == 16) return;
    f->forbidden[f->forbidden_count][0] = fmax(0, s0);
    f->forbidden[f->forbidden_count][1] = fmin(f->perimeter, s1);
    f->forbidden_count++;
}

/* Keeps badges off a rectangle (x0, y0, x1, y1): on each side it crosses,
 * the stretch whose badges would touch it is forbidden. */
static void keep_out(EdgeFrame *f, double x0, double y0, double x1, double y1)
{
    double pad = EDGE_RADIUS_CSS + 3;
    x0 -= pad; y0 -= pad; x1 += pad; y1 += pad;
    double a, b;
    if (f->top >= y0 && f->top <= y1 && (a = fmax(f->left, x0)) < (b = fmin(f->right, x1)))
        add_forbidden(f, a - f->left, b - f->left);
    if (f->right >= x0 && f->right <= x1 && (a = fmax(f->top, y0)) < (b = fmin(f->bottom, y1)))
        add_forbidden(f, f->w + a - f->top, f->w + b - f->top);
    if (f->bottom >= y0 && f->bottom <= y1 && (a = fmax(f->left, x0)) < (b = fmin(f->right, x1)))
        add_forbidden(f, f->w + f->h + f->right - b, f->w + f->h + f->right - a);
    if (f->left >= x0 && f->left <= x1 && (a = fmax(f->top, y0)) < (b = fmin(f->bottom, y1)))
        add_forbidden(f, 2 * f->w + f->h + f->bottom - b, 2 * f->w + f->h + f->bottom - a);
}

static void edge_frame_init(EdgeFrame *f, const EventMarkers *m)
{
    memset(f, 0, sizeof *f);
    f->left = m->area[0] + EDGE_MARGIN_CSS;
    f->top = m->area[1] + m->edge_top_css + EDGE_MARGIN_CSS;
    f->right = fmax(f->left + 1, m->area[2] - EDGE_MARGIN_CSS);
    f->bottom = fmax(f->top + 1, m->area[3] - EDGE_BOTTOM_MARGIN_CSS);
    f->w = f->right - f->left;
    f->h = f->bottom - f->top;
    f->perimeter = 2 * (f->w + f->h);
    /* Corners: badges on two sides meeting there would crowd each other. */
    double c = EDGE_SPACING_CSS * 0.75;
    add_forbidden(f, 0, c);
    add_forbidden(f, f->w - c, f->w + c);
    add_forbidden(f, f->w + f->h - c, f->w + f->h + c);
    add_forbidden(f, 2 * f->w + f->h - c, 2 * f->w + f->h + c);
    add_forbidden(f, f->perimeter - c, f->perimeter);
    /* The zoom buttons and the key. */
    keep_out(f, m->area[2] - m->controls_w_css, m->area[1], m->area[2], m->area[1] + m->controls_h_css);
    const LegendLayout *l = &m->legend;
    keep_out(f, l->x, l->y, l->x + l->w, l->y + l->h);
    /* Sort by start and merge overlaps. */
    for (int i = 1; i < f->forbidden_count; i++)
        for (int j = i; j > 0 && f->forbidden[j - 1][0] > f->forbidden[j][0]; j--) {
            double t0 = f->forbidden[j][0], t1 = f->forbidden[j][1];
            f->forbidden[j][0] = f->forbidden[j - 1][0];
            f->forbidden[j][1] = f->forbidden[j - 1][1];
            f->forbidden[j - 1][0] = t0;
            f->forbidden[j - 1][1] = t1;
        }
    int k = 0;
    for (int i = 0; i < f->forbidden_count; i++) {
        if (k > 0 && f->forbidden[i][0] <= f->forbidden[k - 1][1]) {
            f->forbidden[k - 1][1] = fmax(f->forbidden[k - 1][1], f->forbidden[i][1]);
        } else {
            f->forbidden[k][0] = f->forbidden[i][0];
            f->forbidden[k][1] = f->forbidden[i][1];
            k++;
        }
    }
    f->forbidden_count = k;
    f->allowed = f->perimeter;
    for (int i = 0; i < k; i++) f->allowed -= f->forbidden[i][1] - f->forbidden[i][0];
    if (f->allowed < EDGE_SPACING_CSS) { /* a tiny map: never mind the keep-outs */
        f->forbidden_count = 0;
        f->allowed = f->perimeter;
    }
}

/* Perimeter position <-> position along the allowed stretches only (a
 * forbidden stretch collapses to a point). */
static double to_allowed(const EdgeFrame *f, double s)
{
    double a = s;
    for (int i = 0; i < f->forbidden_count; i++) {
        if (s <= f->forbidden[i][0]) break;
        a -= fmin(s, f->forbidden[i][1]) - f->forbidden[i][0];
    }
    return a;
}

static double from_allowed(const EdgeFrame *f, double a)
{
    double s = a;
    for (int i = 0; i < f->forbidden_count; i++)
        if (s >= f->forbidden[i][0]) s += f->forbidden[i][1] - f->forbidden[i][0];
    return fmin(s, f->perimeter - 1e-6);
}

static bool edge_place_before(const EdgePlace *a, const EdgePlace *b)
{
    return a->s < b->s || (a->s == b->s && a->place < b->place);
}

static void sift_down(EdgePlace *ep, size_t i, size_t size)
{
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= size) return;
        if (c + 1 < size && edge_place_before(&ep[c], &ep[c + 1])) c++;
        if (!edge_place_before(&ep[i], &ep[c])) return;
        EdgePlace t = ep[i];
        ep[i] = ep[c];
        ep[c] = t;
        i = c;
    }
}

/* Heapsort by position along the edge: in place and O(n log n), where qsort
 * may allocate a scratch buffer (a frame allocates nothing). */
static void sort_edge_places(EdgePlace *ep, size_t n)
{
    for (size_t k = n / 2; k-- > 0;) sift_down(ep, k, n);
    for (size_t end = n; end > 1; end--) {
        EdgePlace t = ep[0];
        ep[0] = ep[end - 1];
        ep[end - 1] = t;
        sift_down(ep, 0, end - 1);
    }
}

/* Groups places whose badges would be closer than the spacing: consecutive
 * (along the edge) within gap of the previous one, and within twice the gap
 * of the group's first. Writes each group's first index into starts; returns
 * the number of groups. */
static size_t group_edge_places(const EdgePlace *ep, size_t n, double gap, uint32_t *starts)
{
    size_t groups = 0;
    for (size_t i = 0; i < n; i++) {
        if (groups == 0 || ep[i].s - ep[i - 1].s >= gap || ep[i].s - ep[starts[groups - 1]].s >= 2 * gap)
            starts[groups++] = (uint32_t)i;
    }
    return groups;
}

/* The side (0 top, 1 right, 2 bottom, 3 left) a group's badge goes to: that
 * of the middle of its places along the edge. */
static int group_side(const EdgeFrame *f, const EdgePlace *ep, size_t n, const uint32_t *starts, size_t groups,
                      size_t g, const double *pos)
{
    size_t i0 = starts[g], i1 = g + 1 < groups ? starts[g + 1] : n;
    double x, y;
    int side;
    perimeter_point(f, from_allowed(f, pos ? pos[g] : (ep[i0].s + ep[i1 - 1].s) / 2), &x, &y, &side);
    return side;
}

static uint32_t group_count(const EdgePlace *ep, size_t n, const uint32_t *starts, size_t groups, size_t g)
{
    uint32_t count = 0;
    for (size_t i = starts[g], i1 = g + 1 < groups ? starts[g + 1] : n; i < i1; i++) count += ep[i].count;
    return count;
}

/* At most EDGE_MAX_PER_SIDE badges on a side and EDGE_MAX_BADGES in all (a
 * row of eight names along the top was clutter): neighbouring groups merge,
 * those with the fewest events first, into one badge named after its
 * place with most events, "+N" for the others. The sides are those of
 * the middles of the groups' places, or, given the badges' positions along
 * the edge (pos, after spreading), theirs, and then one pair merges at most.
 * Returns the number of groups. */
static size_t limit_edge_groups(const EdgeFrame *f, const EdgePlace *ep, size_t n, uint32_t *starts, size_t groups,
                                const double *pos)
{
    for (int merged = 0; !(pos && merged); merged++) {
        int per_side[4] = { 0 }, crowded = -1;
        for (size_t g = 0; g < groups; g++) per_side[group_side(f, ep, n, starts, groups, g, pos)]++;
        for (int k = 0; k < 4; k++)
            if (per_side[k] > EDGE_MAX_PER_SIDE && (crowded < 0 || per_side[k] > per_side[crowded])) crowded = k;
        if (crowded < 0 && groups <= EDGE_MAX_BADGES) return groups;
        /* The neighbouring pair with fewest events (on the crowded side, if one is). */
        size_t best = SIZE_MAX;
        uint32_t best_count = UINT32_MAX;
        for (size_t g = 0; g + 1 < groups; g++) {
            if (crowded >= 0 && (group_side(f, ep, n, starts, groups, g, pos) != crowded ||
                                 group_side(f, ep, n, starts, groups, g + 1, pos) != crowded))
                continue;
            uint32_t c = group_count(ep, n, starts, groups, g) + group_count(ep, n, starts, groups, g + 1);
            if (c < best_count) {
                best_count = c;
                best = g;
            }
        }
        if (best == SIZE_MAX) return groups; /* cannot happen: a crowded side has neighbours */
        memmove(starts + best + 1, starts + best + 2, (groups - best - 2) * sizeof *starts);
        groups--;
    }
    return groups;
}

/* An estimate of a bold 12 px (TEXT_PLACE_CSS) label's width, for when no font metrics were
 * given (unit tests): enough to keep names apart and to hit-test them. */
static double label_width_estimate(const char *utf8, uint32_t more_places)
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)utf8; *p; p++)
        if ((*p & 0xC0) != 0x80) chars++;
    return (double)chars * 7.0 + (more_places ? 26 : 0);
}

/* The width of a badge's name as the renderer draws it ("Brussels +5"), in
 * css px: measured with the renderer's font where it gave its metrics. */
static double label_width(const EventMarkers *m, const Bundle *b, uint32_t place, uint32_t place_count)
{
    BundlePlace p = bundle_place(b, place);
    const char *name = m->local_names && p.name_local[0] ? p.name_local : p.name;
    if (!m->label_metrics.advance) return label_width_estimate(name, place_count > 1);
    char label[192];
    if (place_count > 1) snprintf(label, sizeof label, "%s +%u", name, place_count - 1);
    else snprintf(label, sizeof label, "%s", name);
    return text_width(label, strlen(label), &m->label_metrics);
}

void event_markers_set_label_metrics(EventMarkers *m, const TextMetrics *metrics)
{
    if (metrics) m->label_metrics = *metrics;
    else memset(&m->label_metrics, 0, sizeof m->label_metrics);
    m->valid = false;
}

static bool boxes_overlap(const double a[4], const double b[4])
{
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/* Names go beside their badges, most events first, where they overlap no
 * badge, no other name, the zoom buttons or the key. */
static void place_edge_labels(EventMarkers *m, const Bundle *b)
{
    size_t n = m->edge_count;
    uint32_t *order = m->fill; /* free again by now: reused as scratch */
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (j > 0 && m->edges[order[j - 1]].count < m->edges[i].count) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = (uint32_t)i;
    }
    const double r = EDGE_RADIUS_CSS;
    double controls[4] = { m->area[2] - m->controls_w_css, m->area[1], m->area[2], m->area[1] + m->controls_h_css };
    double key[4] = { m->legend.x, m->legend.y, m->legend.x + m->legend.w, m->legend.y + m->legend.h };
    for (size_t k = 0; k < n; k++) {
        EdgeIndicator *e = &m->edges[order[k]];
        double w = label_width(m, b, e->place, e->place_count);
        /* Inward from the right side; elsewhere to the right, or else the left. */
        double tries[2] = { e->x + r + 5, e->x - r - 5 - w };
        if (e->side == 1) { tries[0] = tries[1]; }
        e->labelled = false;
        for (int t = 0; t < 2 && !e->labelled; t++) {
            double box[4] = { tries[t], e->y - 9, tries[t] + w, e->y + 6 };
            bool ok = box[0] >= m->area[0] + 2 && box[2] <= m->area[2] - 2 && !boxes_overlap(box, controls) &&
                      !boxes_overlap(box, key);
            for (size_t i = 0; i < n && ok; i++) {
                const EdgeIndicator *o = &m->edges[i];
                double badge[4] = { o->x - r, o->y - r, o->x + r, o->y + r };
                if (o != e && boxes_overlap(box, badge)) ok = false;
                if (o != e && o->labelled) {
                    double other[4] = { o->label_x, o->label_y - 9, o->label_x + o->label_w, o->label_y + 6 };
                    if (boxes_overlap(box, other)) ok = false;
                }
            }
            if (ok) {
                e->labelled = true;
                e->label_x = tries[t];
                e->label_y = e->y + 4;
                e->label_w = w;
            }
        }
    }
}

/* Moves positions (sorted, along the allowed stretches of the edge) as little
 * as it can so that each is at least gap_before[i] after the one before it
 * and all lie in [0, length). */
static void spread_along_edge(double *pos, const double *gap_before, size_t n, double length)
{
    for (size_t g = 0; g < n; g++) pos[g] = fmax(pos[g], g ? pos[g - 1] + gap_before[g] : 0);
    for (size_t g = n; g-- > 0;) pos[g] = fmin(pos[g], g + 1 < n ? pos[g + 1] - gap_before[g + 1] : length - 1e-3);
    for (size_t g = 0; g < n; g++) pos[g] = fmax(pos[g], 0);
}

static void place_edge_groups(EventMarkers *m, const Bundle *b, const EdgeFrame *frame, const EdgePlace *ep, size_t n,
                              const uint32_t *starts, size_t groups);

void event_markers_layout_edges(EventMarkers *m, const App *app)
{
    const Bundle *b = app->bundle;
    EdgeFrame f;
    edge_frame_init(&f, m);
    double cx = (f.left + f.right) / 2, cy = (f.top + f.bottom) / 2;
    EdgePlace *ep = m->edge_scratch;
    size_t n = 0;
    for (uint32_t p = 1; p <= m->place_capacity; p++) {
        if (!m->place_off_count[p]) continue;
        double dx = m->place_x[p] - cx, dy = m->place_y[p] - cy;
        if (!isfinite(dx) || !isfinite(dy) || (dx == 0 && dy == 0)) { dx = 0; dy = -1; }
        /* Where the ray from the centre leaves the badges' rectangle. */
        double tx = dx != 0 ? (f.w / 2) / fabs(dx) : INFINITY, ty = dy != 0 ? (f.h / 2) / fabs(dy) : INFINITY;
        double s;
        if (tx < ty) {
            double y = cy + dy * tx;
            s = dx > 0 ? f.w + (y - f.top) : 2 * f.w + f.h + (f.bottom - y);
        } else {
            double x = cx + dx * ty;
            s = dy < 0 ? x - f.left : f.w + f.h + (f.right - x);
        }
        ep[n++] = (EdgePlace){ to_allowed(&f, fmin(fmax(s, 0), f.perimeter - 1e-6)), p, m->place_off_count[p],
                               m->place_off_event[p] };
    }
    if (!n) return;
    sort_edge_places(ep, n);
    /* Group places in about the same direction; if the groups would not fit
     * along the edge at their spacing, group more coarsely. */
    uint32_t *starts = m->cluster_of; /* free until clustering: reused as scratch */
    double gap = EDGE_SPACING_CSS;
    size_t groups = group_edge_places(ep, n, gap, starts);
    for (int tries = 0; tries < 12 && (double)groups * EDGE_SPACING_CSS > f.allowed; tries++) {
        gap *= 1.6;
        groups = group_edge_places(ep, n, gap, starts);
    }
    groups = limit_edge_groups(&f, ep, n, starts, groups, NULL);
    const double *pos = m->edge_pos;
    /* Spreading may push a badge round a corner onto a side that is full:
     * then two more merge and the badges are placed again. */
    for (size_t before = SIZE_MAX; groups > 1 && groups != before;) {
        before = groups;
        place_edge_groups(m, b, &f, ep, n, starts, groups);
        groups = limit_edge_groups(&f, ep, n, starts, groups, pos);
    }
    place_edge_groups(m, b, &f, ep, n, starts, groups);
    /* The indicators. */
    uint32_t placed = 0;
    for (size_t g = 0; g < groups; g++) {
        size_t i0 = starts[g], i1 = g + 1 < groups ? starts[g + 1] : n;
        EdgeIndicator *e = &m->edges[m->edge_count++];
        memset(e, 0, sizeof *e);
        perimeter_point(&f, from_allowed(&f, pos[g]), &e->x, &e->y, &e->side);
        e->first = placed;
        uint32_t best = 0;
        double ux = 0, uy = 0;
        for (size_t i = i0; i < i1; i++) {
            uint32_t p = ep[i].place;
            m->edge_places[placed++] = p;
            e->place_count++;
            e->count += ep[i].count;
            if (ep[i].count > best) {
                best = ep[i].count;
                e->place = p;
            }
            double dx = m->place_x[p] - cx, dy = m->place_y[p] - cy, len = hypot(dx, dy);
            if (len > 0 && isfinite(len)) {
                ux += dx / len * ep[i].count;
                uy += dy / len * ep[i].count;
            }
        }
        double len = hypot(ux, uy);
        e->dx = len > 0 ? ux / len : 0;
        e->dy = len > 0 ? uy / len : -1;
        e->event = e->count == 1 ? ep[i0].event : 0;
        m->represented += e->count;
    }
    place_edge_labels(m, b);
}

/* Each group's badge at the middle of its places, then spread apart: into
 * m->edge_pos, positions along the allowed stretches of the edge. */
static void place_edge_groups(EventMarkers *m, const Bundle *b, const EdgeFrame *frame, const EdgePlace *ep, size_t n,
                              const uint32_t *starts, size_t groups)
{
    const EdgeFrame f = *frame;
    double *pos = m->edge_pos, *gap_before = m->edge_gap;
    for (size_t g = 0; g < groups; g++) {
        size_t i0 = starts[g], i1 = g + 1 < groups ? starts[g + 1] : n;
        pos[g] = (ep[i0].s + ep[i1 - 1].s) / 2;
        gap_before[g] = EDGE_SPACING_CSS;
    }
    spread_along_edge(pos, gap_before, groups, f.allowed);
    /* Along the top and the bottom, names run beside their badges: where
     * there is room, spread neighbours on those sides far enough apart for
     * the name between them (the top runs left to right, the bottom right to
     * left, and names sit to the right of their badges). */
    double total = 0;
    for (size_t g = 0; g < groups; g++) {
        gap_before[g] = EDGE_SPACING_CSS;
        if (g == 0) continue;
        double x, y;
        int side_a, side_b;
        perimeter_point(&f, from_allowed(&f, pos[g - 1]), &x, &y, &side_a);
        perimeter_point(&f, from_allowed(&f, pos[g]), &x, &y, &side_b);
        if (side_a != side_b || (side_a != 0 && side_a != 2)) continue;
        size_t named = side_a == 0 ? g - 1 : g; /* whose name lies between the two */
        size_t i0 = starts[named], i1 = named + 1 < groups ? starts[named + 1] : n, best = i0;
        for (size_t i = i0; i < i1; i++) if (ep[i].count > ep[best].count) best = i;
        gap_before[g] = 2 * EDGE_RADIUS_CSS + 14 + label_width(m, b, ep[best].place, (uint32_t)(i1 - i0));
        total += gap_before[g];
    }
    if (total < f.allowed) spread_along_edge(pos, gap_before, groups, f.allowed);
}
