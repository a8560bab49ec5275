/* triangulate: earcut's ear clipping, in C. See triangulate.h.
 *
 * The structure follows mapbox earcut 2.2.4 (src/earcut.js) function for
 * function, so its comments and its behaviour on odd input carry over; the
 * differences are C's: nodes come from one pool sized up front (so nothing
 * is allocated, nor can fail, in the middle of the algorithm), point
 * indices instead of offsets into the flat array, the holes sorted with a
 * tie-break (qsort is not stable), and a bound on the fallbacks' recursion.
 *
 * earcut's licence, which this port carries:
 *
 * ISC License
 *
 * Copyright (c) 2016, Mapbox
 *
 * Permission to use, copy, modify, and/or distribute this software for any purpose
 * with or without fee is hereby granted, provided that the above copyright notice
 * and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH
 * REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND
 * FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT,
 * INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS
 * OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER
 * TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF
 * THIS SOFTWARE. */
#include "triangulate.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

typedef struct Node {
    uint32_t i;                  /* the point's index in the input */
    double x, y;
    struct Node *prev, *next;    /* the ring, a circular list */
    uint32_t z;                  /* z-order (Morton) code of the point, 0 = not computed */
    struct Node *prev_z, *next_z; /* the ring sorted by z (NULL-terminated) */
    bool steiner;                /* a one-point hole: never filtered away */
} Node;

typedef struct Ctx {
    Node *pool;
    size_t pool_used, pool_cap;
    uint32_t *tris;              /* where triangles go (reserved up front) */
    size_t tri_used, tri_cap;    /* in indices */
    uint32_t base;
    bool hashed;                 /* z-order hashing on (rings of more than 80 points, as earcut) */
    double min_x, min_y, inv_size;
    bool overflow;               /* the pool or the output ran out: cannot happen (sizes below) */
} Ctx;

/* The fallbacks call each other recursively (split -> earcut of each half ->
 * split ...). On real rings they rarely go past a level or two; the bound
 * keeps a pathological input from overflowing a small stack (WebAssembly's
 * is 64 KiB by default): what is left at that depth stays unfilled. */
#define MAX_DEPTH 48

static Node *node_new(Ctx *c, uint32_t i, double x, double y)
{
    if (c->pool_used >= c->pool_cap) {
        c->overflow = true;
        return NULL;
    }
    Node *p = &c->pool[c->pool_used++];
    *p = (Node){ .i = i, .x = x, .y = y };
    return p;
}

static void emit(Ctx *c, const Node *a, const Node *b, const Node *d)
{
    if (c->tri_used + 3 > c->tri_cap) {
        c->overflow = true;
        return;
    }
    c->tris[c->tri_used++] = c->base + a->i;
    c->tris[c->tri_used++] = c->base + b->i;
    c->tris[c->tri_used++] = c->base + d->i;
}

/* Twice the signed area of triangle p, q, r: negative when p, q, r turn the
 * way an ear of an outer ring (as linked) turns. */
static double area(const Node *p, const Node *q, const Node *r)
{
    return (q->y - p->y) * (r->x - q->x) - (q->x - p->x) * (r->y - q->y);
}

static bool equals(const Node *a, const Node *b) { return a->x == b->x && a->y == b->y; }

static int sign(double v) { return v > 0 ? 1 : v < 0 ? -1 : 0; }

static Node *insert_node(Ctx *c, uint32_t i, double x, double y, Node *last)
{
    Node *p = node_new(c, i, x, y);
    if (!p) return last;
    if (!last) {
        p->prev = p->next = p;
    } else {
        p->next = last->next;
        p->prev = last;
        last->next->prev = p;
        last->next = p;
    }
    return p;
}

static void remove_node(Node *p)
{
    p->next->prev = p->prev;
    p->prev->next = p->next;
    if (p->prev_z) p->prev_z->next_z = p->next_z;
    if (p->next_z) p->next_z->prev_z = p->prev_z;
}

/* Twice the signed area of points [start, end), in earcut's sense (positive
 * = clockwise with y up). */
static double signed_area(const float *xy, uint32_t start, uint32_t end)
{
    double sum = 0;
    for (uint32_t i = start, j = end - 1; i < end; j = i++)
        sum += ((double)xy[2 * j] - xy[2 * i]) * ((double)xy[2 * i + 1] + xy[2 * j + 1]);
    return sum;
}

/* A ring as a circular list, in the winding asked for (clockwise for the
 * outer ring, the other way for holes), whatever the input's. */
static Node *linked_list(Ctx *c, const float *xy, uint32_t start, uint32_t end, bool clockwise)
{
    Node *last = NULL;
    if (clockwise == (signed_area(xy, start, end) > 0)) {
        for (uint32_t i = start; i < end; i++) last = insert_node(c, i, xy[2 * i], xy[2 * i + 1], last);
    } else {
        for (uint32_t i = end; i-- > start;) last = insert_node(c, i, xy[2 * i], xy[2 * i + 1], last);
    }
    if (last && equals(last, last->next)) { /* the ring repeats its first point at the end */
        remove_node(last);
        last = last->next;
    }
    return last;
}

/* Removes duplicate and collinear points between start and end (the whole
 * ring when end is NULL): they make zero-area ears and confuse the tests. */
static Node *filter_points(Node *start, Node *end)
{
    if (!start) return start;
    if (!end) end = start;
    Node *p = start;
    bool again;
    do {
        again = false;
        if (!p->steiner && (equals(p, p->next) || area(p->prev, p, p->next) == 0)) {
            remove_node(p);
            p = end = p->prev;
            if (p == p->next) break;
            again = true;
        } else {
            p = p->next;
        }
    } while (again || p != end);
    return end;
}

/* Whether p lies in the triangle a, b, c (edges included). */
static bool point_in_triangle(double ax, double ay, double bx, double by, double cx, double cy, double px,
                              double py)
{
    return (cx - px) * (ay - py) >= (ax - px) * (cy - py) && (ax - px) * (by - py) >= (bx - px) * (ay - py) &&
           (bx - px) * (cy - py) >= (cx - px) * (by - py);
}

/* The point's Morton code on a 32768 × 32768 grid over the outer ring's
 * bounding box: points near each other in the plane are near in z, so an ear
 * test walks only the z range of the ear's bounding box. Clamped, so a point
 * outside the box (a hole poking out of bad input) cannot overflow. */
static uint32_t z_order(const Ctx *c, double x, double y)
{
    double fx = (x - c->min_x) * c->inv_size, fy = (y - c->min_y) * c->inv_size;
    uint32_t ux = fx > 0 ? (fx < 32767 ? (uint32_t)fx : 32767u) : 0u;
    uint32_t uy = fy > 0 ? (fy < 32767 ? (uint32_t)fy : 32767u) : 0u;
    ux = (ux | (ux << 8)) & 0x00FF00FFu;
    ux = (ux | (ux << 4)) & 0x0F0F0F0Fu;
    ux = (ux | (ux << 2)) & 0x33333333u;
    ux = (ux | (ux << 1)) & 0x55555555u;
    uy = (uy | (uy << 8)) & 0x00FF00FFu;
    uy = (uy | (uy << 4)) & 0x0F0F0F0Fu;
    uy = (uy | (uy << 2)) & 0x33333333u;
    uy = (uy | (uy << 1)) & 0x55555555u;
    return ux | (uy << 1);
}

/* Simon Tatham's merge sort of a NULL-terminated list by z (stable, no
 * allocation). */
static Node *sort_linked(Node *list)
{
    int in_size = 1, merges;
    do {
        Node *p = list, *tail = NULL;
        list = NULL;
        merges = 0;
        while (p) {
            merges++;
            Node *q = p;
            int p_size = 0;
            for (int i = 0; i < in_size; i++) {
                p_size++;
                q = q->next_z;
                if (!q) break;
            }
            int q_size = in_size;
            while (p_size > 0 || (q_size > 0 && q)) {
                Node *e;
                if (p_size != 0 && (q_size == 0 || !q || p->z <= q->z)) {
                    e = p; p = p->next_z; p_size--;
                } else {
                    e = q; q = q->next_z; q_size--;
                }
                if (tail) tail->next_z = e;
                else list = e;
                e->prev_z = tail;
                tail = e;
            }
            p = q;
        }
        tail->next_z = NULL;
        in_size *= 2;
    } while (merges > 1);
    return list;
}

static void index_curve(Ctx *c, Node *start)
{
    Node *p = start;
    do {
        if (p->z == 0) p->z = z_order(c, p->x, p->y);
        p->prev_z = p->prev;
        p->next_z = p->next;
        p = p->next;
    } while (p != start);
    p->prev_z->next_z = NULL;
    p->prev_z = NULL;
    sort_linked(p);
}

/* Whether ear's prev, ear, next is an ear: convex, and no reflex point of
 * the ring inside it. O(n) per test: fine for small rings. */
static bool is_ear(const Node *ear)
{
    const Node *a = ear->prev, *b = ear, *c = ear->next;
    if (area(a, b, c) >= 0) return false; /* reflex */
    double x0 = fmin(a->x, fmin(b->x, c->x)), x1 = fmax(a->x, fmax(b->x, c->x));
    double y0 = fmin(a->y, fmin(b->y, c->y)), y1 = fmax(a->y, fmax(b->y, c->y));
    for (const Node *p = c->next; p != a; p = p->next) {
        if (p->x >= x0 && p->x <= x1 && p->y >= y0 && p->y <= y1 &&
            point_in_triangle(a->x, a->y, b->x, b->y, c->x, c->y, p->x, p->y) && area(p->prev, p, p->next) >= 0)
            return false;
    }
    return true;
}

static bool blocks_ear(const Node *p, const Node *a, const Node *b, const Node *c, double x0, double y0, double x1,
                       double y1)
{
    return p->x >= x0 && p->x <= x1 && p->y >= y0 && p->y <= y1 && p != a && p != c &&
           point_in_triangle(a->x, a->y, b->x, b->y, c->x, c->y, p->x, p->y) && area(p->prev, p, p->next) >= 0;
}

/* is_ear, looking only at the points whose z lies in the ear's bounding
 * box's range, both ways from the ear in z order. */
static bool is_ear_hashed(const Ctx *ctx, const Node *ear)
{
    const Node *a = ear->prev, *b = ear, *c = ear->next;
    if (area(a, b, c) >= 0) return false;
    double x0 = fmin(a->x, fmin(b->x, c->x)), x1 = fmax(a->x, fmax(b->x, c->x));
    double y0 = fmin(a->y, fmin(b->y, c->y)), y1 = fmax(a->y, fmax(b->y, c->y));
    uint32_t min_z = z_order(ctx, x0, y0), max_z = z_order(ctx, x1, y1);
    const Node *p = ear->prev_z, *n = ear->next_z;
    while (p && p->z >= min_z && n && n->z <= max_z) {
        if (blocks_ear(p, a, b, c, x0, y0, x1, y1)) return false;
        p = p->prev_z;
        if (blocks_ear(n, a, b, c, x0, y0, x1, y1)) return false;
        n = n->next_z;
    }
    for (; p && p->z >= min_z; p = p->prev_z)
        if (blocks_ear(p, a, b, c, x0, y0, x1, y1)) return false;
    for (; n && n->z <= max_z; n = n->next_z)
        if (blocks_ear(n, a, b, c, x0, y0, x1, y1)) return false;
    return true;
}

/* Whether q lies on segment p-r, given that the three are collinear. */
static bool on_segment(const Node *p, const Node *q, const Node *r)
{
    return q->x <= fmax(p->x, r->x) && q->x >= fmin(p->x, r->x) && q->y <= fmax(p->y, r->y) &&
           q->y >= fmin(p->y, r->y);
}

static bool intersects(const Node *p1, const Node *q1, const Node *p2, const Node *q2)
{
    int o1 = sign(area(p1, q1, p2)), o2 = sign(area(p1, q1, q2));
    int o3 = sign(area(p2, q2, p1)), o4 = sign(area(p2, q2, q1));
    if (o1 != o2 && o3 != o4) return true;
    if (o1 == 0 && on_segment(p1, p2, q1)) return true;
    if (o2 == 0 && on_segment(p1, q2, q1)) return true;
    if (o3 == 0 && on_segment(p2, p1, q2)) return true;
    if (o4 == 0 && on_segment(p2, q1, q2)) return true;
    return false;
}

/* Whether the diagonal a-b crosses an edge of the ring. */
static bool intersects_polygon(const Node *a, const Node *b)
{
    const Node *p = a;
    do {
        if (p->i != a->i && p->next->i != a->i && p->i != b->i && p->next->i != b->i && intersects(p, p->next, a, b))
            return true;
        p = p->next;
    } while (p != a);
    return false;
}

/* Whether the diagonal a-b leaves a into the polygon's inside. */
static bool locally_inside(const Node *a, const Node *b)
{
    return area(a->prev, a, a->next) < 0 ? area(a, b, a->next) >= 0 && area(a, a->prev, b) >= 0
                                         : area(a, b, a->prev) < 0 || area(a, a->next, b) < 0;
}

/* Whether the middle of a-b is inside the ring (even-odd). */
static bool middle_inside(const Node *a, const Node *b)
{
    const Node *p = a;
    bool inside = false;
    double px = (a->x + b->x) / 2, py = (a->y + b->y) / 2;
    do {
        if (((p->y > py) != (p->next->y > py)) && p->next->y != p->y &&
            (px < (p->next->x - p->x) * (py - p->y) / (p->next->y - p->y) + p->x))
            inside = !inside;
        p = p->next;
    } while (p != a);
    return inside;
}

static bool is_valid_diagonal(const Node *a, const Node *b)
{
    return a->next->i != b->i && a->prev->i != b->i && !intersects_polygon(a, b) &&
           ((locally_inside(a, b) && locally_inside(b, a) && middle_inside(a, b) &&
             (area(a->prev, a, b->prev) != 0 || area(a, b->prev, b) != 0)) || /* no opposite-facing sectors */
            (equals(a, b) && area(a->prev, a, a->next) > 0 && area(b->prev, b, b->next) > 0)); /* zero length */
}

/* Joins a and b by a diagonal: splits one ring in two, or (a on the outer
 * ring, b on a hole) merges two into one. Returns b's copy (on the other
 * side of the cut), NULL if the pool ran out. */
static Node *split_polygon(Ctx *c, Node *a, Node *b)
{
    Node *a2 = node_new(c, a->i, a->x, a->y), *b2 = node_new(c, b->i, b->x, b->y);
    if (!a2 || !b2) return NULL;
    Node *an = a->next, *bp = b->prev;
    a->next = b; b->prev = a;
    a2->next = an; an->prev = a2;
    b2->next = a2; a2->prev = b2;
    bp->next = b2; b2->prev = bp;
    return b2;
}

static void earcut_linked(Ctx *c, Node *ear, int pass, int depth);

/* Fallback 2: cuts off the triangle of each small self-intersection (a, p,
 * p.next, b where a-p and p.next-b cross). */
static Node *cure_local_intersections(Ctx *c, Node *start)
{
    Node *p = start;
    do {
        Node *a = p->prev, *b = p->next->next;
        if (!equals(a, b) && intersects(a, p, p->next, b) && locally_inside(a, b) && locally_inside(b, a)) {
            emit(c, a, p, b);
            remove_node(p);
            remove_node(p->next);
            p = start = b;
        }
        p = p->next;
    } while (p != start);
    return filter_points(p, NULL);
}

/* Fallback 3: finds a valid diagonal and triangulates the two halves. */
static void split_earcut(Ctx *c, Node *start, int depth)
{
    Node *a = start;
    do {
        for (Node *b = a->next->next; b != a->prev; b = b->next) {
            if (a->i != b->i && is_valid_diagonal(a, b)) {
                Node *h = split_polygon(c, a, b);
                if (!h) return;
                a = filter_points(a, a->next);
                h = filter_points(h, h->next);
                earcut_linked(c, a, 0, depth + 1);
                earcut_linked(c, h, 0, depth + 1);
                return;
            }
        }
        a = a->next;
    } while (a != start);
}

/* The main loop: cuts off ears until 3 points are left; when a whole turn
 * finds none, the next fallback (filter again, cure intersections, split). */
static void earcut_linked(Ctx *c, Node *ear, int pass, int depth)
{
    if (!ear || depth > MAX_DEPTH || c->overflow) return;
    if (!pass && c->hashed) index_curve(c, ear);
    Node *stop = ear;
    while (ear->prev != ear->next) {
        Node *prev = ear->prev, *next = ear->next;
        if (c->hashed ? is_ear_hashed(c, ear) : is_ear(ear)) {
            emit(c, prev, ear, next);
            remove_node(ear);
            /* skipping the next point makes fewer slivers */
            ear = next->next;
            stop = next->next;
            continue;
        }
        ear = next;
        if (ear == stop) {
            if (pass == 0) earcut_linked(c, filter_points(ear, NULL), 1, depth);
            else if (pass == 1) earcut_linked(c, cure_local_intersections(c, filter_points(ear, NULL)), 2, depth);
            else split_earcut(c, ear, depth);
            break;
        }
    }
}

static Node *get_leftmost(Node *start)
{
    Node *p = start, *leftmost = start;
    do {
        if (p->x < leftmost->x || (p->x == leftmost->x && p->y < leftmost->y)) leftmost = p;
        p = p->next;
    } while (p != start);
    return leftmost;
}

static bool sector_contains_sector(const Node *m, const Node *p)
{
    return area(m->prev, m, p->prev) < 0 && area(p->next, m, m->next) < 0;
}

/* David Eberly's bridge: the outer point that the hole's leftmost point sees
 * along a ray to the left (or, if points of the outer ring lie in the way,
 * the one of them at the smallest angle to the ray). */
static Node *find_hole_bridge(Node *hole, Node *outer)
{
    Node *p = outer, *m = NULL;
    double hx = hole->x, hy = hole->y, qx = -INFINITY;
    do {
        if (hy <= p->y && hy >= p->next->y && p->next->y != p->y) {
            double x = p->x + (hy - p->y) * (p->next->x - p->x) / (p->next->y - p->y);
            if (x <= hx && x > qx) {
                qx = x;
                m = p->x < p->next->x ? p : p->next;
                if (x == hx) return m; /* the hole touches the outer ring */
            }
        }
        p = p->next;
    } while (p != outer);
    if (!m) return NULL;
    Node *stop = m;
    double mx = m->x, my = m->y, tan_min = INFINITY;
    p = m;
    do {
        if (hx >= p->x && p->x >= mx && hx != p->x &&
            point_in_triangle(hy < my ? hx : qx, hy, mx, my, hy < my ? qx : hx, hy, p->x, p->y)) {
            double tan = fabs(hy - p->y) / (hx - p->x);
            if (locally_inside(p, hole) &&
                (tan < tan_min || (tan == tan_min && (p->x > m->x || (p->x == m->x && sector_contains_sector(m, p)))))) {
                m = p;
                tan_min = tan;
            }
        }
        p = p->next;
    } while (p != stop);
    return m;
}

static Node *eliminate_hole(Ctx *c, Node *hole, Node *outer)
{
    Node *bridge = find_hole_bridge(hole, outer);
    if (!bridge) return outer; /* a hole outside the outer ring: left out */
    Node *reverse = split_polygon(c, bridge, hole);
    if (!reverse) return outer;
    filter_points(reverse, reverse->next);
    return filter_points(bridge, bridge->next);
}

static int compare_x(const void *pa, const void *pb)
{
    const Node *a = *(Node *const *)pa, *b = *(Node *const *)pb;
    if (a->x != b->x) return a->x < b->x ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i; /* qsort is not stable: ties by input order, as earcut's sort */
}

const char *triangulate_error_text(TriangulateError e)
{
    switch (e) {
    case TRIANGULATE_OK: return "ok";
    case TRIANGULATE_ERR_INPUT: return "bad polygon (no ring, a ring of fewer than 3 points, or a coordinate not finite)";
    case TRIANGULATE_ERR_MEMORY: return "out of memory";
    }
    return "unknown error";
}

TriangulateError triangulate_polygon(const float *xy, const uint32_t *ring_ends, size_t ring_count,
                                     uint32_t index_base, TriangulateOut *out)
{
    if (!xy || !ring_ends || !out || ring_count == 0) return TRIANGULATE_ERR_INPUT;
    uint32_t start = 0;
    for (size_t k = 0; k < ring_count; k++) {
        if (ring_ends[k] < start || ring_ends[k] - start < 3) return TRIANGULATE_ERR_INPUT;
        start = ring_ends[k];
    }
    uint32_t n = ring_ends[ring_count - 1], outer_end = ring_ends[0];
    for (size_t i = 0; i < 2 * (size_t)n; i++)
        if (!isfinite(xy[i])) return TRIANGULATE_ERR_INPUT;

    /* Sizes, so nothing can run out later: each hole's bridge adds 2 nodes,
     * giving N = n + 2 × holes; an ear cut takes a node away and a split
     * adds 2 and makes one more ring of at least 3, so there are at most
     * N - 2 triangles and N - 3 splits, at most 3N nodes. */
    size_t holes = ring_count - 1, big_n = (size_t)n + 2 * holes;
    if (big_n > SIZE_MAX / (3 * sizeof(Node)) || big_n > (SIZE_MAX - out->count) / 3) return TRIANGULATE_ERR_MEMORY;
    if (index_base > UINT32_MAX - n) return TRIANGULATE_ERR_INPUT;
    size_t need = out->count + 3 * big_n;
    if (need > out->capacity) {
        if (need > SIZE_MAX / sizeof(uint32_t)) return TRIANGULATE_ERR_MEMORY;
        size_t cap = out->capacity ? out->capacity : 256;
        while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
        if (cap > SIZE_MAX / sizeof(uint32_t)) cap = need;
        uint32_t *grown = realloc(out->indices, cap * sizeof *grown);
        if (!grown) return TRIANGULATE_ERR_MEMORY;
        out->indices = grown;
        out->capacity = cap;
    }
    Ctx c = { .pool_cap = 3 * big_n, .tris = out->indices, .tri_used = out->count, .tri_cap = out->capacity,
              .base = index_base };
    c.pool = malloc(c.pool_cap * sizeof *c.pool);
    Node **queue = holes ? malloc(holes * sizeof *queue) : NULL;
    if (!c.pool || (holes && !queue)) {
        free(c.pool);
        free(queue);
        return TRIANGULATE_ERR_MEMORY;
    }

    Node *outer = linked_list(&c, xy, 0, outer_end, true);
    if (outer && outer->next != outer->prev) {
        if (holes) {
            for (size_t k = 0; k < holes; k++) {
                Node *list = linked_list(&c, xy, ring_ends[k], ring_ends[k + 1], false);
                if (list == list->next) list->steiner = true;
                queue[k] = get_leftmost(list);
            }
            qsort(queue, holes, sizeof *queue, compare_x);
            for (size_t k = 0; k < holes; k++) outer = eliminate_hole(&c, queue[k], outer);
        }
        if (n > 80) { /* earcut's threshold: below it, hashing costs more than it saves */
            double x0 = xy[0], y0 = xy[1], x1 = x0, y1 = y0;
            for (uint32_t i = 1; i < outer_end; i++) {
                x0 = fmin(x0, xy[2 * i]); x1 = fmax(x1, xy[2 * i]);
                y0 = fmin(y0, xy[2 * i + 1]); y1 = fmax(y1, xy[2 * i + 1]);
            }
            double size = fmax(x1 - x0, y1 - y0);
            c.hashed = size != 0;
            c.min_x = x0; c.min_y = y0;
            c.inv_size = size != 0 ? 32767 / size : 0;
        }
        earcut_linked(&c, outer, 0, 0);
    }
    free(queue);
    free(c.pool);
    if (c.overflow) return TRIANGULATE_ERR_MEMORY; /* unreachable by the sizes above; out->count unchanged */
    out->count = c.tri_used;
    return TRIANGULATE_OK;
}
