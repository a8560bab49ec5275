/* hit: spatial indexes for picking (see hit.h for the API).
 *
 * Owns: three bucket grids. HitIndex lists, per cell, the (country, ring)
 * pairs whose ring bounding box touches the cell; PointIndex holds a copy of
 * the markers sorted by cell (a counting sort into one array, CSR style);
 * Clusterer hashes screen cells so that points far off screen cost no memory.
 * Must not depend on: SDL, the view, or the app; only the C library and
 * bundle.h. Every allocation happens in a create function.
 * Coordinate spaces: world units for countries and PointIndex; the caller's
 * space (css px) for clustering.
 *
 * Why a grid of ring boxes, not of edges: a query then runs the plain
 * even-odd test over the few rings that can contain the point, which makes
 * holes and enclaves trivially right. A large ring (Russia) is tested whole,
 * a few thousand vertices: microseconds, once per pointer move.
 * Why float -> cell conversion is clamped in double first: converting an
 * out-of-range double to an integer is undefined behaviour. */
#include "hit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --- a uniform grid over a rectangle ----------------------------------------- */

typedef struct Grid {
    double min_x, min_y;
    double inv_cell_w, inv_cell_h; /* cells per world unit */
    uint32_t cols, rows;
} Grid;

/* The cell column of x, clamped into the grid. Monotone in x, so a box's
 * corner cells bound the cells of every point inside it. */
static uint32_t grid_col(const Grid *g, double x)
{
    double c = floor((x - g->min_x) * g->inv_cell_w);
    if (!(c > 0)) return 0; /* also NaN */
    if (c >= g->cols - 1) return g->cols - 1;
    return (uint32_t)c;
}
static uint32_t grid_row(const Grid *g, double y)
{
    double r = floor((y - g->min_y) * g->inv_cell_h);
    if (!(r > 0)) return 0;
    if (r >= g->rows - 1) return g->rows - 1;
    return (uint32_t)r;
}

/* Sizes a grid over bounds with about target_cells cells of roughly square
 * shape, at most max_side cells a side. */
static void grid_init(Grid *g, const double b[4], double target_cells, uint32_t max_side)
{
    double w = b[2] - b[0], h = b[3] - b[1];
    if (!(w > 0)) w = 0;
    if (!(h > 0)) h = 0;
    if (target_cells < 1) target_cells = 1;
    double cell;
    if (w > 0 && h > 0) cell = sqrt(w * h / target_cells);
    else if (w > 0 || h > 0) cell = (w > h ? w : h) / target_cells;
    else cell = 1;
    double cols = w > 0 ? ceil(w / cell) : 1, rows = h > 0 ? ceil(h / cell) : 1;
    if (cols < 1) cols = 1;
    if (rows < 1) rows = 1;
    if (cols > max_side) cols = max_side;
    if (rows > max_side) rows = max_side;
    g->min_x = b[0];
    g->min_y = b[1];
    g->cols = (uint32_t)cols;
    g->rows = (uint32_t)rows;
    g->inv_cell_w = w > 0 ? g->cols / w : 0;
    g->inv_cell_h = h > 0 ? g->rows / h : 0;
}

/* --- countries ----------------------------------------------------------------- */

typedef struct HitEntry { uint32_t country, ring; } HitEntry;

struct HitIndex {
    Grid grid;
    double bounds[4];
    uint32_t *cell_start;   /* cols*rows + 1 offsets into entries */
    HitEntry *entries;      /* per cell, sorted by country then ring */
    size_t entry_count;
    float *ring_box;        /* 4 floats per bundle ring: min_x, min_y, max_x, max_y */
    uint32_t ring_count;
};

/* Even-odd crossing test of one ring against a ray from (wx, wy) towards +x.
 * Each edge is taken with its lower end first, so the two rings sharing a
 * border compute bit-identical crossings and a point on the border falls to
 * exactly one side (half-open: inside means [left, right) x [top, bottom)). */
static bool ring_contains(const Bundle *b, BundleRing ring, double wx, double wy)
{
    bool inside = false;
    float px, py;
    bundle_vertex(b, ring.vert_first + ring.vert_count - 1, &px, &py);
    for (uint32_t i = 0; i < ring.vert_count; i++) {
        float x, y;
        bundle_vertex(b, ring.vert_first + i, &x, &y);
        double x1 = px, y1 = py, x2 = x, y2 = y;
        if (y1 > y2) {
            double t = x1; x1 = x2; x2 = t;
            t = y1; y1 = y2; y2 = t;
        }
        if (y1 <= wy && wy < y2) {
            double cross_x = x1 + (wy - y1) * (x2 - x1) / (y2 - y1);
            if (wx < cross_x) inside = !inside;
        }
        px = x;
        py = y;
    }
    return inside;
}

static bool box_contains(const float *box, double wx, double wy)
{
    return wx >= box[0] && wx <= box[2] && wy >= box[1] && wy <= box[3];
}

bool hit_country_contains(const Bundle *b, uint32_t country_id, double wx, double wy)
{
    if (!b || country_id == 0 || country_id > b->country_count || !isfinite(wx) || !isfinite(wy))
        return false;
    BundleCountry c = bundle_country(b, country_id);
    bool inside = false;
    for (uint32_t r = 0; r < c.ring_count; r++)
        if (ring_contains(b, bundle_ring(b, c.ring_first + r), wx, wy)) inside = !inside;
    return inside;
}

HitIndex *hit_index_create(const Bundle *b)
{
    HitIndex *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    h->ring_count = b->ring_count;
    h->ring_box = malloc(sizeof(float) * 4 * (b->ring_count ? b->ring_count : 1));
    if (!h->ring_box) goto fail;

    /* Ring boxes, and the bounds of all of them. */
    double bounds[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
    for (uint32_t r = 0; r < b->ring_count; r++) {
        BundleRing ring = bundle_ring(b, r);
        float box[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
        for (uint32_t i = 0; i < ring.vert_count; i++) {
            float x, y;
            bundle_vertex(b, ring.vert_first + i, &x, &y);
            if (x < box[0]) box[0] = x;
            if (y < box[1]) box[1] = y;
            if (x > box[2]) box[2] = x;
            if (y > box[3]) box[3] = y;
        }
        memcpy(h->ring_box + 4 * (size_t)r, box, sizeof box);
        for (int k = 0; k < 2; k++) {
            if (box[k] < bounds[k]) bounds[k] = box[k];
            if (box[k + 2] > bounds[k + 2]) bounds[k + 2] = box[k + 2];
        }
    }
    size_t pairs = 0;
    for (uint32_t id = 1; id <= b->country_count; id++) pairs += bundle_country(b, id).ring_count;
    if (pairs == 0 || !(bounds[2] >= bounds[0])) {
        /* Nothing to hit: a 1x1 grid with no entries. */
        bounds[0] = bounds[1] = bounds[2] = bounds[3] = 0;
    }
    memcpy(h->bounds, bounds, sizeof bounds);
    /* About four cells per ring, at most 512 a side: 256k cells, 1 MB of offsets. */
    grid_init(&h->grid, bounds, 4.0 * (double)pairs, 512);
    size_t cells = (size_t)h->grid.cols * h->grid.rows;
    h->cell_start = calloc(cells + 1, sizeof *h->cell_start);
    if (!h->cell_start) goto fail;

    /* Two passes over (country, ring) pairs: count per cell, then fill. The
     * fill visits countries in id order, so each cell's list comes out sorted
     * by country and a query can take each country's parity as one run. */
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t id = 1; id <= b->country_count; id++) {
            BundleCountry c = bundle_country(b, id);
            for (uint32_t k = 0; k < c.ring_count; k++) {
                uint32_t r = c.ring_first + k;
                const float *box = h->ring_box + 4 * (size_t)r;
                uint32_t c0 = grid_col(&h->grid, box[0]), c1 = grid_col(&h->grid, box[2]);
                uint32_t r0 = grid_row(&h->grid, box[1]), r1 = grid_row(&h->grid, box[3]);
                for (uint32_t row = r0; row <= r1; row++) {
                    for (uint32_t col = c0; col <= c1; col++) {
                        size_t cell = (size_t)row * h->grid.cols + col;
                        if (pass == 0) h->cell_start[cell + 1]++;
                        else h->entries[h->cell_start[cell]++] = (HitEntry){ id, r };
                    }
                }
            }
        }
        if (pass == 0) {
            for (size_t i = 0; i < cells; i++) {
                /* Prefix sums; 32-bit is plenty (entries <= rings x cells), but stop if not. */
                if ((uint64_t)h->cell_start[i + 1] + h->cell_start[i] > UINT32_MAX) goto fail;
                h->cell_start[i + 1] += h->cell_start[i];
            }
            h->entry_count = h->cell_start[cells];
            h->entries = malloc(sizeof *h->entries * (h->entry_count ? h->entry_count : 1));
            if (!h->entries) goto fail;
        } else {
            /* The fill advanced each start to the next cell's start: shift back. */
            for (size_t i = cells; i > 0; i--) h->cell_start[i] = h->cell_start[i - 1];
            h->cell_start[0] = 0;
        }
    }
    return h;
fail:
    hit_index_destroy(h);
    return NULL;
}

void hit_index_destroy(HitIndex *h)
{
    if (!h) return;
    free(h->cell_start);
    free(h->entries);
    free(h->ring_box);
    free(h);
}

uint32_t hit_country_at(const HitIndex *h, const Bundle *b, double wx, double wy)
{
    if (!h || !b || !isfinite(wx) || !isfinite(wy) || h->entry_count == 0) return 0;
    if (wx < h->bounds[0] || wx > h->bounds[2] || wy < h->bounds[1] || wy > h->bounds[3]) return 0;
    size_t cell = (size_t)grid_row(&h->grid, wy) * h->grid.cols + grid_col(&h->grid, wx);
    uint32_t i = h->cell_start[cell], end = h->cell_start[cell + 1];
    while (i < end) {
        uint32_t country = h->entries[i].country;
        bool inside = false;
        for (; i < end && h->entries[i].country == country; i++) {
            uint32_t r = h->entries[i].ring;
            if (r >= h->ring_count || r >= b->ring_count) continue; /* a different bundle: ignore */
            if (box_contains(h->ring_box + 4 * (size_t)r, wx, wy) &&
                ring_contains(b, bundle_ring(b, r), wx, wy))
                inside = !inside;
        }
        if (inside) return country;
    }
    return 0;
}

void hit_index_grid(const HitIndex *h, double out_bounds[4], uint32_t *cols, uint32_t *rows, size_t *entries)
{
    for (int k = 0; k < 4; k++) out_bounds[k] = h ? h->bounds[k] : 0;
    if (cols) *cols = h ? h->grid.cols : 0;
    if (rows) *rows = h ? h->grid.rows : 0;
    if (entries) *entries = h ? h->entry_count : 0;
}

/* --- markers ------------------------------------------------------------------- */

struct PointIndex {
    Grid grid;
    double bounds[4];
    uint32_t *cell_start;   /* cols*rows + 1 offsets into points */
    HitPoint *points;       /* sorted by cell (row-major), then input order */
    size_t count;
};

PointIndex *point_index_create(const HitPoint *points, size_t count)
{
    PointIndex *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    if (count > UINT32_MAX - 1) goto fail;
    p->points = malloc(sizeof *p->points * (count ? count : 1));
    HitPoint *tmp = malloc(sizeof *tmp * (count ? count : 1));
    if (!p->points || !tmp) {
        free(tmp);
        goto fail;
    }
    double b[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        HitPoint q = points[i];
        if (q.id == 0 || !isfinite(q.x) || !isfinite(q.y)) continue;
        tmp[n++] = q;
        if (q.x < b[0]) b[0] = q.x;
        if (q.y < b[1]) b[1] = q.y;
        if (q.x > b[2]) b[2] = q.x;
        if (q.y > b[3]) b[3] = q.y;
    }
    if (n == 0) b[0] = b[1] = b[2] = b[3] = 0;
    memcpy(p->bounds, b, sizeof b);
    p->count = n;
    /* About two points per cell: a pick then looks at a handful of points. */
    grid_init(&p->grid, b, (double)n / 2.0, 2048);
    size_t cells = (size_t)p->grid.cols * p->grid.rows;
    p->cell_start = calloc(cells + 1, sizeof *p->cell_start);
    if (!p->cell_start) {
        free(tmp);
        goto fail;
    }
    /* Stable counting sort by cell. */
    for (size_t i = 0; i < n; i++)
        p->cell_start[(size_t)grid_row(&p->grid, tmp[i].y) * p->grid.cols + grid_col(&p->grid, tmp[i].x) + 1]++;
    for (size_t i = 0; i < cells; i++) p->cell_start[i + 1] += p->cell_start[i];
    for (size_t i = 0; i < n; i++) {
        size_t cell = (size_t)grid_row(&p->grid, tmp[i].y) * p->grid.cols + grid_col(&p->grid, tmp[i].x);
        p->points[p->cell_start[cell]++] = tmp[i];
    }
    for (size_t i = cells; i > 0; i--) p->cell_start[i] = p->cell_start[i - 1];
    p->cell_start[0] = 0;
    free(tmp);
    return p;
fail:
    point_index_destroy(p);
    return NULL;
}

void point_index_destroy(PointIndex *p)
{
    if (!p) return;
    free(p->cell_start);
    free(p->points);
    free(p);
}

size_t point_index_count(const PointIndex *p) { return p ? p->count : 0; }

/* The range of cells a rectangle touches; false if it misses the grid's
 * bounds entirely. Sets *linear when the range has more cells than the index
 * has points, where scanning the sorted points is cheaper (and gives the same
 * order, because a row-major sub-range is a subsequence of row-major order). */
static bool cell_range(const PointIndex *p, const double r[4], uint32_t *c0, uint32_t *c1,
                       uint32_t *r0, uint32_t *r1, bool *linear)
{
    if (!p || p->count == 0) return false;
    if (!(r[0] <= p->bounds[2] && r[2] >= p->bounds[0] && r[1] <= p->bounds[3] && r[3] >= p->bounds[1]))
        return false; /* also rejects NaN */
    *c0 = grid_col(&p->grid, r[0]);
    *c1 = grid_col(&p->grid, r[2]);
    *r0 = grid_row(&p->grid, r[1]);
    *r1 = grid_row(&p->grid, r[3]);
    *linear = (uint64_t)(*c1 - *c0 + 1) * (*r1 - *r0 + 1) > p->count;
    return true;
}

uint32_t point_index_nearest_where(const PointIndex *p, double wx, double wy, double radius_world,
                                   PointFilter accept, void *user)
{
    if (!isfinite(wx) || !isfinite(wy) || !(radius_world >= 0)) return 0;
    double rect[4] = { wx - radius_world, wy - radius_world, wx + radius_world, wy + radius_world };
    uint32_t c0, c1, r0, r1;
    bool linear;
    if (!cell_range(p, rect, &c0, &c1, &r0, &r1, &linear)) return 0;
    double best_d2 = radius_world * radius_world;
    uint32_t best = 0;
    for (uint32_t row = r0; row <= r1; row++) {
        size_t first = linear ? 0 : p->cell_start[(size_t)row * p->grid.cols + c0];
        size_t last = linear ? p->count : p->cell_start[(size_t)row * p->grid.cols + c1 + 1];
        for (size_t i = first; i < last; i++) {
            const HitPoint *q = &p->points[i];
            double dx = q->x - wx, dy = q->y - wy, d2 = dx * dx + dy * dy;
            if (d2 > best_d2 || (d2 == best_d2 && best != 0 && q->id >= best)) continue;
            if (accept && !accept(q->id, user)) continue;
            best_d2 = d2;
            best = q->id;
        }
        if (linear) break;
    }
    return best;
}

uint32_t point_index_nearest(const PointIndex *p, double wx, double wy, double radius_world)
{
    return point_index_nearest_where(p, wx, wy, radius_world, NULL, NULL);
}

size_t point_index_query_rect(const PointIndex *p, const double rect[4], uint32_t *out_ids, size_t max_out)
{
    uint32_t c0, c1, r0, r1;
    bool linear;
    if (!cell_range(p, rect, &c0, &c1, &r0, &r1, &linear)) return 0;
    size_t found = 0;
    for (uint32_t row = r0; row <= r1; row++) {
        size_t first = linear ? 0 : p->cell_start[(size_t)row * p->grid.cols + c0];
        size_t last = linear ? p->count : p->cell_start[(size_t)row * p->grid.cols + c1 + 1];
        for (size_t i = first; i < last; i++) {
            const HitPoint *q = &p->points[i];
            if (q->x < rect[0] || q->x > rect[2] || q->y < rect[1] || q->y > rect[3]) continue;
            if (found < max_out && out_ids) out_ids[found] = q->id;
            found++;
        }
        if (linear) break;
    }
    return found;
}

/* --- clusters --------------------------------------------------------------------- */

struct Clusterer {
    size_t capacity;
    size_t bucket_mask;     /* buckets - 1, a power of two */
    uint32_t *head;         /* per bucket: first point index + 1, 0 = empty */
    uint32_t *next;         /* per point: next point index + 1 in its bucket */
    uint32_t *owner;        /* per point: cluster index, UINT32_MAX = untaken */
    int64_t *cell;          /* per point: cell x, cell y */
    /* The dense grid, where the points' cells span few enough (a map's
     * area always does): each cell's points side by side, so a seed reads
     * its neighbours in order instead of chasing a chain through memory. */
    size_t grid_cap;        /* cells the grid can hold */
    uint32_t *cell_start;   /* per cell + 1: first slot */
    uint32_t *cell_live;    /* per cell: its first slot not taken (or the cell's end) */
    uint32_t *slot_next;    /* per slot: the next slot of its cell not taken */
    double *slot_xy;        /* per slot: the point's x, y */
    uint32_t *slot_point;   /* per slot: the point's index */
    uint8_t *slot_taken;    /* per slot: taken by a cluster */
    uint32_t *point_slot;   /* per point: its slot */
};

#define CLUSTER_UNTAKEN UINT32_MAX
/* Cell coordinates are clamped to this so the double -> int64 conversion is defined. */
#define CLUSTER_CELL_LIMIT 1e15

Clusterer *clusterer_create(size_t capacity)
{
    Clusterer *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    if (capacity > UINT32_MAX / 4) goto fail;
    c->capacity = capacity;
    size_t buckets = 16;
    while (buckets < 2 * capacity) buckets *= 2;
    c->bucket_mask = buckets - 1;
    size_t n = capacity ? capacity : 1;
    c->head = malloc(sizeof *c->head * buckets);
    c->next = malloc(sizeof *c->next * n);
    c->owner = malloc(sizeof *c->owner * n);
    c->cell = malloc(sizeof *c->cell * 2 * n);
    c->grid_cap = 4 * n + 4096;
    c->cell_start = malloc(sizeof *c->cell_start * (c->grid_cap + 1));
    c->cell_live = malloc(sizeof *c->cell_live * c->grid_cap);
    c->slot_next = malloc(sizeof *c->slot_next * n);
    c->slot_xy = malloc(sizeof *c->slot_xy * 2 * n);
    c->slot_point = malloc(sizeof *c->slot_point * n);
    c->slot_taken = malloc(n);
    c->point_slot = malloc(sizeof *c->point_slot * n);
    if (!c->head || !c->next || !c->owner || !c->cell || !c->cell_start || !c->cell_live || !c->slot_next || !c->slot_xy || !c->slot_point ||
        !c->slot_taken || !c->point_slot)
        goto fail;
    return c;
fail:
    clusterer_destroy(c);
    return NULL;
}

void clusterer_destroy(Clusterer *c)
{
    if (!c) return;
    free(c->head);
    free(c->next);
    free(c->owner);
    free(c->cell);
    free(c->cell_start);
    free(c->cell_live);
    free(c->slot_next);
    free(c->slot_xy);
    free(c->slot_point);
    free(c->slot_taken);
    free(c->point_slot);
    free(c);
}

static int64_t cell_coord(double v, double inv_r)
{
    double q = floor(v * inv_r);
    if (q < -CLUSTER_CELL_LIMIT) q = -CLUSTER_CELL_LIMIT;
    if (q > CLUSTER_CELL_LIMIT) q = CLUSTER_CELL_LIMIT;
    return (int64_t)q;
}

static size_t cell_bucket(const Clusterer *c, int64_t cx, int64_t cy)
{
    uint64_t h = (uint64_t)cx * 0x9E3779B97F4A7C15ull ^ (uint64_t)cy * 0xC2B2AE3D27D4EB4Full;
    h ^= h >> 29;
    return (size_t)(h & c->bucket_mask);
}

/* Where the points' cells span a small grid: cols x rows cells from
 * (min_x, min_y), the cells in c->cell. */
typedef struct ClusterGrid {
    int64_t min_x, min_y;
    size_t cols, rows;
} ClusterGrid;

/* A cluster's members so far. */
typedef struct ClusterSums {
    double x, y;
    uint32_t members;
} ClusterSums;

/* Puts each cell's points side by side: a cell lists its points from the
 * last index to the first, the order of the hash chains below (each point
 * is pushed onto its chain's head), so both take the same points in the same
 * order and the sums come out the same to the last bit. */
static void grid_fill(Clusterer *c, const HitPoint *points, size_t count, const ClusterGrid *g)
{
    size_t cells = g->cols * g->rows;
    uint32_t *start = c->cell_start;
    memset(start, 0, sizeof *start * (cells + 1));
    for (size_t i = 0; i < count; i++) {
        c->owner[i] = CLUSTER_UNTAKEN;
        if (!isfinite(points[i].x) || !isfinite(points[i].y)) continue;
        start[(size_t)(c->cell[2 * i + 1] - g->min_y) * g->cols + (size_t)(c->cell[2 * i] - g->min_x) + 1]++;
    }
    for (size_t k = 0; k < cells; k++) start[k + 1] += start[k];
    for (size_t i = count; i-- > 0;) {
        if (!isfinite(points[i].x) || !isfinite(points[i].y)) continue;
        size_t cell = (size_t)(c->cell[2 * i + 1] - g->min_y) * g->cols + (size_t)(c->cell[2 * i] - g->min_x);
        uint32_t slot = start[cell]++;
        c->slot_xy[2 * slot] = points[i].x;
        c->slot_xy[2 * slot + 1] = points[i].y;
        c->slot_point[slot] = (uint32_t)i;
        c->slot_taken[slot] = 0;
        c->point_slot[i] = slot;
    }
    /* start[k] is now cell k's end, which is cell k + 1's start: shifted back. */
    memmove(start + 1, start, sizeof *start * cells);
    start[0] = 0;
    /* The slots not taken, per cell, as a list in slot order: a slot taken
     * leaves it, so later seeds pass over what is still free only (at
     * 100,000 events a crowded city's cell was read again by every seed
     * around it). */
    for (size_t k = 0; k < cells; k++) c->cell_live[k] = start[k];
    for (size_t slot = 0; slot < start[cells]; slot++) c->slot_next[slot] = (uint32_t)slot + 1;
}

/* The hash chains, for points whose cells span too much for a grid (a point
 * far off): each point pushed onto its bucket's chain. */
static void chains_fill(Clusterer *c, const HitPoint *points, size_t count, double inv_r, bool grouping)
{
    memset(c->head, 0, sizeof *c->head * (c->bucket_mask + 1));
    for (size_t i = 0; i < count; i++) {
        c->owner[i] = CLUSTER_UNTAKEN;
        if (!grouping || !isfinite(points[i].x) || !isfinite(points[i].y)) continue;
        int64_t cx = cell_coord(points[i].x, inv_r), cy = cell_coord(points[i].y, inv_r);
        c->cell[2 * i] = cx;
        c->cell[2 * i + 1] = cy;
        size_t bucket = cell_bucket(c, cx, cy);
        c->next[i] = c->head[bucket];
        c->head[bucket] = (uint32_t)i + 1;
    }
}

/* Everything within radius of the seed lies in the 3x3 cells around it:
 * takes those points still free into cluster k. */
static void gather_from_grid(Clusterer *c, const ClusterGrid *g, size_t seed_index, const HitPoint *seed,
                             double r2, uint32_t k, ClusterSums *sums)
{
    c->slot_taken[c->point_slot[seed_index]] = 1;
    int64_t cx = c->cell[2 * seed_index] - g->min_x, cy = c->cell[2 * seed_index + 1] - g->min_y;
    for (int64_t dy = -1; dy <= 1; dy++) {
        if (cy + dy < 0 || cy + dy >= (int64_t)g->rows) continue;
        for (int64_t dx = -1; dx <= 1; dx++) {
            if (cx + dx < 0 || cx + dx >= (int64_t)g->cols) continue;
            size_t cell = (size_t)(cy + dy) * g->cols + (size_t)(cx + dx);
            uint32_t end = c->cell_start[cell + 1], *link = &c->cell_live[cell];
            while (*link < end) {
                uint32_t slot = *link;
                if (c->slot_taken[slot]) { /* the seed itself */
                    *link = c->slot_next[slot];
                    continue;
                }
                double ddx = c->slot_xy[2 * slot] - seed->x, ddy = c->slot_xy[2 * slot + 1] - seed->y;
                if (ddx * ddx + ddy * ddy > r2) {
                    link = &c->slot_next[slot];
                    continue;
                }
                c->slot_taken[slot] = 1;
                c->owner[c->slot_point[slot]] = k;
                sums->x += c->slot_xy[2 * slot];
                sums->y += c->slot_xy[2 * slot + 1];
                sums->members++;
                *link = c->slot_next[slot];
            }
        }
    }
}

/* The same through the hash chains. A point once taken leaves its chain, so
 * the seeds after this one walk only what is still free (at 100,000 events
 * the seeds had walked every taken neighbour again); the free points keep
 * their order. */
static void gather_from_chains(Clusterer *c, const HitPoint *points, size_t seed_index, const HitPoint *seed,
                               double r2, uint32_t k, ClusterSums *sums)
{
    int64_t cx = c->cell[2 * seed_index], cy = c->cell[2 * seed_index + 1];
    for (int64_t dy = -1; dy <= 1; dy++) {
        for (int64_t dx = -1; dx <= 1; dx++) {
            int64_t nx = cx + dx, ny = cy + dy;
            uint32_t *link = &c->head[cell_bucket(c, nx, ny)];
            while (*link) {
                size_t j = *link - 1;
                if (c->owner[j] != CLUSTER_UNTAKEN) {
                    *link = c->next[j];
                    continue;
                }
                double ddx = points[j].x - seed->x, ddy = points[j].y - seed->y;
                if (c->cell[2 * j] != nx || c->cell[2 * j + 1] != ny || ddx * ddx + ddy * ddy > r2) {
                    link = &c->next[j];
                    continue;
                }
                c->owner[j] = k;
                sums->x += points[j].x;
                sums->y += points[j].y;
                sums->members++;
                *link = c->next[j];
            }
        }
    }
}

size_t cluster_points(Clusterer *c, const HitPoint *points, size_t count, double radius,
                      Cluster *out, size_t max_out, uint32_t *out_cluster_of)
{
    if (!c || count > c->capacity || (count && !points)) return 0;
    bool grouping = radius > 0 && isfinite(radius);
    double inv_r = grouping ? 1.0 / radius : 0, r2 = radius * radius;
    /* The dense grid where the points' cells span few enough cells (a map's
     * area always does), else the hash chains. */
    ClusterGrid grid = { 0, 0, 0, 0 };
    bool dense = false;
    if (grouping && count > 0) {
        int64_t min_x = INT64_MAX, min_y = INT64_MAX, max_x = INT64_MIN, max_y = INT64_MIN;
        for (size_t i = 0; i < count; i++) {
            if (!isfinite(points[i].x) || !isfinite(points[i].y)) continue;
            int64_t cx = cell_coord(points[i].x, inv_r), cy = cell_coord(points[i].y, inv_r);
            c->cell[2 * i] = cx;
            c->cell[2 * i + 1] = cy;
            if (cx < min_x) min_x = cx;
            if (cx > max_x) max_x = cx;
            if (cy < min_y) min_y = cy;
            if (cy > max_y) max_y = cy;
        }
        /* In doubles: the span of clamped cells can exceed int64. */
        double cols = min_x <= max_x ? (double)max_x - (double)min_x + 1 : 0;
        double rows = min_y <= max_y ? (double)max_y - (double)min_y + 1 : 0;
        dense = cols > 0 && rows > 0 && cols * rows <= (double)c->grid_cap;
        if (dense) grid = (ClusterGrid){ min_x, min_y, (size_t)cols, (size_t)rows };
    }
    if (dense) grid_fill(c, points, count, &grid);
    else chains_fill(c, points, count, inv_r, grouping);
    size_t clusters = 0;
    for (size_t i = 0; i < count && clusters < max_out; i++) {
        if (c->owner[i] != CLUSTER_UNTAKEN) continue;
        const HitPoint *seed = &points[i];
        if (!isfinite(seed->x) || !isfinite(seed->y)) continue;
        uint32_t k = (uint32_t)clusters++;
        ClusterSums sums = { seed->x, seed->y, 1 };
        c->owner[i] = k;
        if (dense) gather_from_grid(c, &grid, i, seed, r2, k, &sums);
        else if (grouping) gather_from_chains(c, points, i, seed, r2, k, &sums);
        out[k] = (Cluster){ sums.x / sums.members, sums.y / sums.members, sums.members, seed->id };
    }
    if (out_cluster_of)
        for (size_t i = 0; i < count; i++) out_cluster_of[i] = c->owner[i];
    return clusters;
}
