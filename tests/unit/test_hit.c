/* test_hit: picking on tiny hand-made shapes, a grid of many countries
 * checked against brute force, 100,000 markers, and clustering. */
#include "test_support.h"

#include <time.h>

#include "hit.h"

/* Wraps a Tb holding only geometry into an opened bundle (fonts and meta
 * included, since every section is required). */
static uint8_t *finish_geometry(Tb *tb, Bundle *b)
{
    tb_meta(tb, &(TbMeta){ .title = "hit", .lon0 = 68, .lat0 = 45, .lat1 = 38, .lat2 = 52,
                           .world_bounds = { 0, 0, 100, 100 }, .home_bounds = { 0, 0, 10, 10 } });
    tb_fake_font(tb, TB_FNTR);
    tb_fake_font(tb, TB_FNTB);
    size_t size;
    uint8_t *d = tb_finish(tb, &size);
    tb_free(tb);
    char msg[256];
    BundleError e = bundle_open(b, d, size, msg, sizeof msg);
    CHECK_EQ_U(e, BUNDLE_OK);
    if (e != BUNDLE_OK) printf("  %s\n", msg);
    return d;
}

static uint32_t add_country(Tb *tb, const char *iso3, uint32_t ring_first, uint32_t ring_count)
{
    return tb_country(tb, &(TbCountry){ .iso3 = iso3, .name = iso3, .ring_first = ring_first,
                                        .ring_count = ring_count, .flags = COUNTRY_FLAG_HAS_GEOMETRY });
}

enum { SQUARE = 1, HOLED, ENCLAVE, LEFT, RIGHT, UPPER, LOWER, TRI_A, TRI_B };

static void test_small_shapes(void)
{
    Tb tb;
    tb_init(&tb);
    /* 1: a square. 2: a square with a hole. 3: an enclave inside 2's hole.
     * 4, 5: two squares sharing the edge x = 11. 6, 7: sharing y = 11.
     * 8, 9: two triangles sharing the diagonal (20,0)-(21,1), in opposite directions. */
    tb_rect_ring(&tb, 0, 0, 1, 1, SQUARE, 0);
    add_country(&tb, "SQR", 0, 1);
    tb_rect_ring(&tb, 2, 2, 5, 5, HOLED, 0);
    tb_rect_ring(&tb, 3, 3, 4, 4, HOLED, RING_FLAG_HOLE);
    add_country(&tb, "HOL", 1, 2);
    tb_rect_ring(&tb, 3.25f, 3.25f, 3.75f, 3.75f, ENCLAVE, 0);
    add_country(&tb, "ENC", 3, 1);
    tb_rect_ring(&tb, 10, 0, 11, 1, LEFT, 0);
    add_country(&tb, "LFT", 4, 1);
    tb_rect_ring(&tb, 11, 0, 12, 1, RIGHT, 0);
    add_country(&tb, "RGT", 5, 1);
    tb_rect_ring(&tb, 10, 10, 11, 11, UPPER, 0);
    add_country(&tb, "UPR", 6, 1);
    tb_rect_ring(&tb, 10, 11, 11, 12, LOWER, 0);
    add_country(&tb, "LWR", 7, 1);
    const float tri_a[] = { 20, 0, 21, 1, 20, 1 };
    const float tri_b[] = { 20, 0, 21, 0, 21, 1 };
    tb_ring(&tb, tri_a, 3, TRI_A, 0);
    add_country(&tb, "TRA", 8, 1);
    tb_ring(&tb, tri_b, 3, TRI_B, 0);
    add_country(&tb, "TRB", 9, 1);
    Bundle b;
    uint8_t *data = finish_geometry(&tb, &b);
    HitIndex *h = hit_index_create(&b);
    CHECK(h != NULL);
    if (!h || b.country_count != 9) {
        hit_index_destroy(h);
        bundle_close(&b);
        free(data);
        return;
    }

    CHECK_EQ_U(hit_country_at(h, &b, 0.5, 0.5), SQUARE);
    CHECK_EQ_U(hit_country_at(h, &b, 0.01, 0.99), SQUARE);
    CHECK_EQ_U(hit_country_at(h, &b, 1.5, 0.5), 0);
    CHECK_EQ_U(hit_country_at(h, &b, -0.1, 0.5), 0);
    CHECK_EQ_U(hit_country_at(h, &b, 0.5, -1e-9), 0);

    CHECK_EQ_U(hit_country_at(h, &b, 2.5, 2.5), HOLED);
    CHECK_EQ_U(hit_country_at(h, &b, 4.5, 3.5), HOLED);
    CHECK_EQ_U(hit_country_at(h, &b, 3.1, 3.1), 0);       /* in the hole, outside the enclave */
    CHECK_EQ_U(hit_country_at(h, &b, 3.9, 3.5), 0);
    CHECK_EQ_U(hit_country_at(h, &b, 3.5, 3.5), ENCLAVE);  /* enclave inside the hole */
    CHECK(!hit_country_contains(&b, HOLED, 3.5, 3.5));
    CHECK(hit_country_contains(&b, ENCLAVE, 3.5, 3.5));

    /* A shared vertical edge, its end points, and a shared horizontal edge:
     * exactly one owner, the same every time. */
    const double on_edges[][2] = {
        { 11, 0.5 }, { 11, 0 }, { 11, 0.999 }, { 11, 0.25 },
        { 10.5, 11 }, { 10, 11 }, { 10.999, 11 },
    };
    for (size_t i = 0; i < sizeof on_edges / sizeof on_edges[0]; i++) {
        double x = on_edges[i][0], y = on_edges[i][1];
        int owners = 0;
        for (uint32_t id = 1; id <= b.country_count; id++) owners += hit_country_contains(&b, id, x, y);
        CHECK_EQ_U(owners, 1);
        uint32_t first = hit_country_at(h, &b, x, y);
        CHECK(first != 0);
        CHECK(hit_country_contains(&b, first, x, y));
        CHECK_EQ_U(hit_country_at(h, &b, x, y), first);
    }
    CHECK_EQ_U(hit_country_at(h, &b, 11, 0.5), RIGHT);  /* half-open: left edges belong inside */
    CHECK_EQ_U(hit_country_at(h, &b, 10.5, 11), LOWER); /* and top edges */

    /* Points on (and next to) the shared diagonal: never both, never neither. */
    int bad = 0;
    for (int i = 1; i < 1000; i++) {
        double t = i / 1000.0;
        const double pts[3][2] = { { 20 + t, t }, { 20 + t, nextafter(t, 0) }, { nextafter(20 + t, 30), t } };
        for (int k = 0; k < 3; k++) {
            int owners = hit_country_contains(&b, TRI_A, pts[k][0], pts[k][1]) +
                         hit_country_contains(&b, TRI_B, pts[k][0], pts[k][1]);
            uint32_t id = hit_country_at(h, &b, pts[k][0], pts[k][1]);
            if (owners != 1 || (id != TRI_A && id != TRI_B)) bad++;
        }
    }
    CHECK_EQ_U(bad, 0);

    /* Outside everything, non-finite, and NULLs. */
    CHECK_EQ_U(hit_country_at(h, &b, 50, 50), 0);
    CHECK_EQ_U(hit_country_at(h, &b, -1e300, 1e300), 0);
    CHECK_EQ_U(hit_country_at(h, &b, NAN, 0.5), 0);
    CHECK_EQ_U(hit_country_at(h, &b, 0.5, INFINITY), 0);
    CHECK_EQ_U(hit_country_at(NULL, &b, 0.5, 0.5), 0);
    CHECK(!hit_country_contains(&b, 0, 0.5, 0.5));
    CHECK(!hit_country_contains(&b, 99, 0.5, 0.5));

    double gb[4];
    uint32_t cols, rows;
    size_t entries;
    hit_index_grid(h, gb, &cols, &rows, &entries);
    CHECK(cols >= 1 && rows >= 1 && entries >= 10);
    CHECK_NEAR(gb[0], 0, 0);
    CHECK_NEAR(gb[2], 21, 0);
    hit_index_destroy(h);
    hit_index_destroy(NULL);
    bundle_close(&b);
    free(data);
}

/* 40 x 25 countries on a jittered grid, every third with a hole, every ninth
 * with an enclave of its neighbour in the hole; the index against brute force. */
static void test_many_countries(void)
{
    Tb tb;
    tb_init(&tb);
    const int nx = 40, ny = 25;
    uint32_t id = 0;
    for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
            id++;
            uint32_t first = tb_count(&tb, TB_RING), count = 1;
            /* A pentagon with a slanted side, so edges are not all axis-aligned. */
            float x0 = (float)i, y0 = (float)j;
            const float ring[] = { x0, y0, x0 + 1, y0, x0 + 1, y0 + 0.6f, x0 + 0.8f, y0 + 1, x0, y0 + 1 };
            tb_ring(&tb, ring, 5, id, 0);
            if (id % 3 == 0) {
                tb_rect_ring(&tb, x0 + 0.2f, y0 + 0.2f, x0 + 0.6f, y0 + 0.6f, id, RING_FLAG_HOLE);
                count++;
            }
            tb_country(&tb, &(TbCountry){ .iso3 = "", .ring_first = first, .ring_count = count });
        }
    }
    /* Enclaves appended as extra countries. */
    for (uint32_t k = 9; k <= id; k += 9) {
        uint32_t i = (k - 1) % (uint32_t)nx, j = (k - 1) / (uint32_t)nx;
        uint32_t first = tb_count(&tb, TB_RING);
        uint32_t cid = tb_count(&tb, TB_CTRY) + 1;
        tb_rect_ring(&tb, (float)i + 0.3f, (float)j + 0.3f, (float)i + 0.5f, (float)j + 0.5f, cid, 0);
        tb_country(&tb, &(TbCountry){ .iso3 = "ENC", .ring_first = first, .ring_count = 1 });
    }
    Bundle b;
    uint8_t *data = finish_geometry(&tb, &b);
    HitIndex *h = hit_index_create(&b);
    CHECK(h != NULL);
    uint64_t rng = 7;
    int mismatches = 0, hits = 0;
    for (int q = 0; q < 5000; q++) {
        double x = -1 + (nx + 2) * test_rand_unit(&rng), y = -1 + (ny + 2) * test_rand_unit(&rng);
        uint32_t want = 0;
        for (uint32_t c = 1; c <= b.country_count && !want; c++)
            if (hit_country_contains(&b, c, x, y)) want = c;
        uint32_t got = hit_country_at(h, &b, x, y);
        if (got != want && mismatches++ < 5) printf("  (%g, %g): index %u, brute %u\n", x, y, got, want);
        hits += got != 0;
    }
    CHECK_EQ_U(mismatches, 0);
    CHECK(hits > 2500);
    /* Exact grid corners, where four countries meet: one owner each. */
    int bad = 0;
    for (int j = 1; j < ny; j++) {
        for (int i = 1; i < nx; i++) {
            int owners = 0;
            for (uint32_t c = 1; c <= b.country_count; c++) owners += hit_country_contains(&b, c, i, j);
            uint32_t got = hit_country_at(h, &b, i, j);
            /* The corner under the pentagon's cut (x0+0.8..1, y0+0.6..1) is water. */
            if (owners > 1 || (owners == 1) != (got != 0)) bad++;
        }
    }
    CHECK_EQ_U(bad, 0);
    hit_index_destroy(h);
    bundle_close(&b);
    free(data);

    /* A bundle without geometry: an index that never hits. */
    Tb empty;
    tb_init(&empty);
    tb_country(&empty, &(TbCountry){ .iso3 = "NOG" });
    Bundle e;
    uint8_t *edata = finish_geometry(&empty, &e);
    HitIndex *eh = hit_index_create(&e);
    CHECK(eh != NULL);
    CHECK_EQ_U(hit_country_at(eh, &e, 0, 0), 0);
    hit_index_destroy(eh);
    bundle_close(&e);
    free(edata);
}

/* The standard fixture's shapes (KAZ with a hole holding an UZB enclave). */
static void test_fixture_shapes(void)
{
    size_t size;
    uint8_t *d = tb_fixture_bundle(&size);
    Bundle b;
    CHECK_EQ_U(bundle_open(&b, d, size, NULL, 0), BUNDLE_OK);
    HitIndex *h = hit_index_create(&b);
    uint32_t kaz = bundle_find_country(&b, "KAZ"), uzb = bundle_find_country(&b, "UZB"),
             tkm = bundle_find_country(&b, "TKM");
    CHECK_EQ_U(hit_country_at(h, &b, 1.5, 0.5), kaz);
    CHECK_EQ_U(hit_country_at(h, &b, 0.55, 0.3), 0);   /* KAZ's hole */
    CHECK_EQ_U(hit_country_at(h, &b, 0.75, 0.5), uzb); /* UZB's enclave in it */
    CHECK_EQ_U(hit_country_at(h, &b, 1, 1.5), uzb);
    CHECK_EQ_U(hit_country_at(h, &b, 2.5, 1.5), tkm);
    CHECK_EQ_U(hit_country_at(h, &b, 1, 1), uzb);      /* the KAZ/UZB border belongs to one */
    CHECK_EQ_U(hit_country_at(h, &b, 2, 1.5), tkm);    /* the UZB/TKM border too */
    CHECK_EQ_U(hit_country_at(h, &b, 2.5, 0.5), 0);
    hit_index_destroy(h);
    bundle_close(&b);
    free(d);
}

static uint32_t brute_nearest(const HitPoint *pts, size_t n, double x, double y, double r)
{
    double best = r * r;
    uint32_t id = 0;
    for (size_t i = 0; i < n; i++) {
        if (pts[i].id == 0 || !isfinite(pts[i].x) || !isfinite(pts[i].y)) continue;
        double dx = pts[i].x - x, dy = pts[i].y - y, d2 = dx * dx + dy * dy;
        if (d2 < best || (d2 == best && (id == 0 || pts[i].id < id))) {
            best = d2;
            id = pts[i].id;
        }
    }
    return id;
}

static bool only_even(uint32_t id, void *user)
{
    (*(int *)user)++;
    return id % 2 == 0;
}

static void test_points_small(void)
{
    const HitPoint pts[] = {
        { 0, 0, 1 }, { 1, 0, 2 }, { 0, 1, 3 }, { 5, 5, 4 }, { 5, 5, 9 }, /* 4 and 9 coincide */
        { 3, 3, 0 },            /* id 0: left out */
        { NAN, 2, 5 },          /* non-finite: left out */
        { 2, INFINITY, 6 },
        { -3, 4, 7 },
    };
    PointIndex *p = point_index_create(pts, sizeof pts / sizeof pts[0]);
    CHECK(p != NULL);
    CHECK_EQ_U(point_index_count(p), 6);
    CHECK_EQ_U(point_index_nearest(p, 0.1, 0.1, 0.5), 1);
    CHECK_EQ_U(point_index_nearest(p, 0.9, 0.1, 0.5), 2);
    CHECK_EQ_U(point_index_nearest(p, 0.5, 0.5, 0.5), 0);   /* all at 0.707: outside the radius */
    CHECK_EQ_U(point_index_nearest(p, 0.5, 0.5, 0.75), 1);  /* three at equal distance: lowest id */
    CHECK_EQ_U(point_index_nearest(p, 1, 0, 0), 2);         /* radius 0: exact hits only */
    CHECK_EQ_U(point_index_nearest(p, 5, 5, 1), 4);         /* coincident: lowest id */
    CHECK_EQ_U(point_index_nearest(p, 3, 3, 0.1), 0);
    CHECK_EQ_U(point_index_nearest(p, 100, 100, 1), 0);
    CHECK_EQ_U(point_index_nearest(p, 100, 100, 1e3), 4);   /* huge radius still works */
    CHECK_EQ_U(point_index_nearest(p, NAN, 0, 1), 0);
    CHECK_EQ_U(point_index_nearest(p, 0, 0, -1), 0);
    CHECK_EQ_U(point_index_nearest(p, 0, 0, NAN), 0);
    CHECK_EQ_U(point_index_nearest(NULL, 0, 0, 1), 0);
    int calls = 0;
    CHECK_EQ_U(point_index_nearest_where(p, 0.1, 0.1, 2, only_even, &calls), 2);
    CHECK(calls > 0);
    CHECK_EQ_U(point_index_nearest_where(p, 5, 5, 0.1, only_even, &calls), 4); /* 4 and 9 coincide */

    uint32_t ids[8];
    const double all[4] = { -10, -10, 10, 10 };
    CHECK_EQ_U(point_index_query_rect(p, all, ids, 8), 6);
    const double box[4] = { 0, 0, 1, 1 };   /* inclusive edges */
    size_t n = point_index_query_rect(p, box, ids, 8);
    CHECK_EQ_U(n, 3);
    uint32_t sum = 0;
    for (size_t i = 0; i < n; i++) sum += ids[i];
    CHECK_EQ_U(sum, 1 + 2 + 3);
    CHECK_EQ_U(point_index_query_rect(p, box, ids, 1), 3);  /* total, though only one written */
    CHECK_EQ_U(point_index_query_rect(p, box, NULL, 0), 3);
    const double miss[4] = { 50, 50, 60, 60 };
    CHECK_EQ_U(point_index_query_rect(p, miss, ids, 8), 0);
    const double nan_rect[4] = { NAN, 0, 1, 1 };
    CHECK_EQ_U(point_index_query_rect(p, nan_rect, ids, 8), 0);
    point_index_destroy(p);

    PointIndex *empty = point_index_create(NULL, 0);
    CHECK(empty != NULL);
    CHECK_EQ_U(point_index_nearest(empty, 0, 0, 100), 0);
    CHECK_EQ_U(point_index_query_rect(empty, all, ids, 8), 0);
    point_index_destroy(empty);
    point_index_destroy(NULL);

    /* All points at one spot, and all on one line: degenerate grids. */
    HitPoint same[50], line[50];
    for (uint32_t i = 0; i < 50; i++) {
        same[i] = (HitPoint){ 2, 3, 50 - i };
        line[i] = (HitPoint){ i * 0.5, 7, i + 1 };
    }
    PointIndex *ps = point_index_create(same, 50), *pl = point_index_create(line, 50);
    CHECK_EQ_U(point_index_nearest(ps, 2, 3, 0.1), 1);
    CHECK_EQ_U(point_index_nearest(pl, 10.1, 7.2, 0.5), 21);
    CHECK_EQ_U(point_index_query_rect(pl, (const double[4]){ 0, 7, 4.9, 7 }, ids, 0), 10);
    point_index_destroy(ps);
    point_index_destroy(pl);
}

static void test_points_many(void)
{
    enum { N = 100000, QUERIES = 3000 };
    HitPoint *pts = malloc(sizeof *pts * N);
    uint64_t rng = 12345;
    for (uint32_t i = 0; i < N; i++) {
        /* Mostly uniform, with a dense cluster (many events at one city). */
        if (i % 10 == 0)
            pts[i] = (HitPoint){ 3 + 0.01 * test_rand_unit(&rng), 2 + 0.01 * test_rand_unit(&rng), i + 1 };
        else
            pts[i] = (HitPoint){ 10 * test_rand_unit(&rng), 6 * test_rand_unit(&rng), i + 1 };
    }
    clock_t t0 = clock();
    PointIndex *p = point_index_create(pts, N);
    double build_ms = 1000.0 * (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(p != NULL);
    CHECK_EQ_U(point_index_count(p), N);

    double qx[QUERIES], qy[QUERIES], qr[QUERIES];
    for (int q = 0; q < QUERIES; q++) {
        qx[q] = -0.5 + 11 * test_rand_unit(&rng);
        qy[q] = -0.5 + 7 * test_rand_unit(&rng);
        qr[q] = q % 3 == 0 ? 0.002 : q % 3 == 1 ? 0.02 : 0.1;
        if (q % 50 == 0) { qx[q] = 3.005; qy[q] = 2.005; }  /* inside the dense cluster */
    }
    uint32_t got[QUERIES];
    t0 = clock();
    for (int q = 0; q < QUERIES; q++) got[q] = point_index_nearest(p, qx[q], qy[q], qr[q]);
    double pick_us = 1e6 * (double)(clock() - t0) / CLOCKS_PER_SEC / QUERIES;
    int mismatches = 0;
    /* Brute force on a sample (every tenth query) to keep the test quick. */
    for (int q = 0; q < QUERIES; q += 10) {
        uint32_t want = brute_nearest(pts, N, qx[q], qy[q], qr[q]);
        if (want != got[q] && mismatches++ < 5) printf("  query %d: index %u, brute %u\n", q, got[q], want);
    }
    CHECK_EQ_U(mismatches, 0);
    printf("100k points: build %.1f ms, %.2f us per pick (sanitizers may be on)\n", build_ms, pick_us);
    CHECK(pick_us < 1000.0);

    /* Rectangle queries against brute force counts. */
    static uint32_t ids[N];
    for (int q = 0; q < 20; q++) {
        double x0 = 10 * test_rand_unit(&rng), y0 = 6 * test_rand_unit(&rng);
        double rect[4] = { x0, y0, x0 + 3 * test_rand_unit(&rng), y0 + 2 * test_rand_unit(&rng) };
        if (q == 0) { rect[0] = -1; rect[1] = -1; rect[2] = 11; rect[3] = 7; }
        size_t want = 0;
        for (size_t i = 0; i < N; i++)
            want += pts[i].x >= rect[0] && pts[i].x <= rect[2] && pts[i].y >= rect[1] && pts[i].y <= rect[3];
        size_t n = point_index_query_rect(p, rect, ids, N);
        CHECK_EQ_U(n, want);
        bool inside = true;
        for (size_t i = 0; i < n; i++) {
            const HitPoint *pt = &pts[ids[i] - 1];
            inside &= pt->x >= rect[0] && pt->x <= rect[2] && pt->y >= rect[1] && pt->y <= rect[3];
        }
        CHECK(inside);
    }
    point_index_destroy(p);
    free(pts);
}

static void test_clusters(void)
{
    enum { N = 20000 };
    HitPoint *pts = malloc(sizeof *pts * (N + 3));
    uint64_t rng = 99;
    for (uint32_t i = 0; i < N; i++)
        pts[i] = (HitPoint){ 1200 * test_rand_unit(&rng) - 100, 900 * test_rand_unit(&rng) - 100, i + 1 };
    pts[N] = (HitPoint){ NAN, 5, N + 1 };            /* skipped */
    pts[N + 1] = (HitPoint){ 1e300, -1e300, N + 2 }; /* far off screen: still its own cluster */
    pts[N + 2] = (HitPoint){ 1e300, -1e300, N + 3 }; /* ... together with its twin */
    size_t n = N + 3;
    Clusterer *c = clusterer_create(n);
    CHECK(c != NULL);
    Cluster *out = malloc(sizeof *out * n);
    uint32_t *of = malloc(sizeof *of * n);
    const double radius = 24;
    size_t k = cluster_points(c, pts, n, radius, out, n, of);
    CHECK(k > 100 && k < N);
    size_t total = 0;
    for (size_t i = 0; i < k; i++) total += out[i].count;
    CHECK_EQ_U(total, N + 2);
    CHECK_EQ_U(of[N], UINT32_MAX);
    CHECK_EQ_U(of[N + 1], of[N + 2]);
    /* Each member lies within the radius of its cluster's representative, and
     * the representative is the cluster's first member in input order. */
    int bad = 0;
    uint32_t *first = calloc(k, sizeof *first);
    for (size_t i = 0; i < n; i++) {
        if (of[i] == UINT32_MAX) continue;
        if (of[i] >= k) { bad++; continue; }
        if (!first[of[i]]) first[of[i]] = pts[i].id;
        const HitPoint *rep = &pts[out[of[i]].id - 1];
        double dx = pts[i].x - rep->x, dy = pts[i].y - rep->y;
        if (i < N && dx * dx + dy * dy > radius * radius) bad++;
    }
    for (size_t i = 0; i < k; i++) bad += first[i] != out[i].id;
    CHECK_EQ_U(bad, 0);
    /* Deterministic: the same input gives the same clusters. */
    Cluster *again = malloc(sizeof *again * n);
    CHECK_EQ_U(cluster_points(c, pts, n, radius, again, n, NULL), k);
    CHECK(memcmp(out, again, sizeof *out * k) == 0);
    /* No point is within radius of two different representatives' clusters' ... seeds
     * that came later: a later seed was not within radius of any earlier seed. */
    bad = 0;
    for (size_t i = 1; i < k && i < 300; i++) {
        const HitPoint *si = &pts[out[i].id - 1];
        for (size_t j = 0; j < i; j++) {
            const HitPoint *sj = &pts[out[j].id - 1];
            double dx = si->x - sj->x, dy = si->y - sj->y;
            if (dx * dx + dy * dy <= radius * radius) bad++;
        }
    }
    CHECK_EQ_U(bad, 0);

    /* Radius 0: one cluster per (finite) point. */
    CHECK_EQ_U(cluster_points(c, pts, n, 0, out, n, NULL), N + 2);
    /* Limits: more points than the capacity, and a small output. */
    Clusterer *small = clusterer_create(10);
    CHECK_EQ_U(cluster_points(small, pts, 11, radius, out, n, NULL), 0);
    CHECK_EQ_U(cluster_points(small, pts, 10, radius, out, 3, of), 3);
    CHECK_EQ_U(cluster_points(small, pts, 0, radius, out, 3, NULL), 0);
    clusterer_destroy(small);

    /* Three points: two close together, one apart. */
    const HitPoint few[] = { { 10, 10, 7 }, { 15, 12, 8 }, { 100, 10, 9 } };
    CHECK_EQ_U(cluster_points(c, few, 3, 20, out, 3, of), 2);
    CHECK(out[0].id == 7 && out[0].count == 2 && out[1].id == 9 && out[1].count == 1);
    CHECK_NEAR(out[0].x, 12.5, 1e-12);
    CHECK_NEAR(out[0].y, 11, 1e-12);
    CHECK(of[0] == 0 && of[1] == 0 && of[2] == 1);

    clusterer_destroy(c);
    clusterer_destroy(NULL);
    free(first);
    free(again);
    free(out);
    free(of);
    free(pts);
}

static void test_real_bundle(const char *path)
{
    size_t size = 0;
    uint8_t *d = test_read_real_bundle(path, &size);
    if (!d) return;
    Bundle b;
    if (bundle_open(&b, d, size, NULL, 0) != BUNDLE_OK) {
        printf("skip: real bundle does not open (test_bundle reports why)\n");
        free(d);
        return;
    }
    HitIndex *h = hit_index_create(&b);
    CHECK(h != NULL);
    /* Capitals should lie inside their countries. Simplified coastlines may
     * leave a seaside capital just outside, so only most must; Astana must. */
    uint32_t checked = 0, wrong = 0;
    for (uint32_t id = 1; id <= b.country_count; id++) {
        BundleCountry c = bundle_country(&b, id);
        if (!c.capital || !c.ring_count) continue;
        BundlePlace p = bundle_place(&b, c.capital);
        uint32_t got = hit_country_at(h, &b, p.x, p.y);
        checked++;
        if (got != id) {
            wrong++;
            printf("  note: capital %s of %s picks country %u\n", p.key, c.iso3, got);
        }
    }
    CHECK(wrong * 5 <= checked);
    uint32_t kaz = bundle_find_country(&b, "KAZ");
    BundleCountry kc = bundle_country(&b, kaz);
    if (kc.capital) {
        BundlePlace astana = bundle_place(&b, kc.capital);
        CHECK_EQ_U(hit_country_at(h, &b, astana.x, astana.y), kaz);
    }
    printf("real bundle: %u capitals picked, %u outside their country\n", checked, wrong);

    /* Random points over the map: the index agrees with brute force, fast. */
    BundleMeta m = bundle_meta(&b);
    uint64_t rng = 2024;
    enum { PICKS = 2000 };
    double px[PICKS], py[PICKS];
    uint32_t got[PICKS];
    for (int i = 0; i < PICKS; i++) {
        const float *r = i % 2 ? m.home_bounds : m.world_bounds;
        px[i] = r[0] + (r[2] - r[0]) * test_rand_unit(&rng);
        py[i] = r[1] + (r[3] - r[1]) * test_rand_unit(&rng);
    }
    clock_t t0 = clock();
    for (int i = 0; i < PICKS; i++) got[i] = hit_country_at(h, &b, px[i], py[i]);
    double pick_us = 1e6 * (double)(clock() - t0) / CLOCKS_PER_SEC / PICKS;
    int mismatches = 0, land = 0;
    for (int i = 0; i < PICKS; i += 4) {
        uint32_t want = 0;
        for (uint32_t id = 1; id <= b.country_count && !want; id++)
            if (hit_country_contains(&b, id, px[i], py[i])) want = id;
        if (want != got[i] && mismatches++ < 5) printf("  (%g, %g): index %u, brute %u\n", px[i], py[i], got[i], want);
        land += want != 0;
    }
    CHECK_EQ_U(mismatches, 0);
    CHECK(land > 0);
    printf("real bundle: %.2f us per country pick (sanitizers may be on)\n", pick_us);
    CHECK(pick_us < 1000.0);
    hit_index_destroy(h);
    bundle_close(&b);
    free(d);
}

/* The clusterer keeps points side by side per cell where their cells span a
 * small grid (a map's area), and chains them through a hash table where they
 * do not (a point far off): both give the same clusters, with the same sums
 * to the last bit. Here the same points, dense with a few crowds, alone (the
 * grid) and with one far point after them (the chains; it only adds a last
 * cluster of its own). */
static void test_clusters_grid_equals_chains(void)
{
    enum { N = 30000 };
    HitPoint *pts = malloc(sizeof *pts * (N + 1));
    uint64_t rng = 7;
    for (uint32_t i = 0; i < N; i++) {
        bool crowd = i % 3 == 0; /* a third at a few cities */
        double cx = 100 + 200 * (double)(i % 5), cy = 150 + 100 * (double)(i % 4);
        pts[i] = crowd ? (HitPoint){ cx + 30 * test_rand_unit(&rng), cy + 30 * test_rand_unit(&rng), i + 1 }
                       : (HitPoint){ 1280 * test_rand_unit(&rng), 800 * test_rand_unit(&rng), i + 1 };
    }
    pts[N] = (HitPoint){ 1e12, 1e12, N + 1 };
    Clusterer *c = clusterer_create(N + 1);
    Cluster *grid = malloc(sizeof *grid * (N + 1)), *chains = malloc(sizeof *chains * (N + 1));
    uint32_t *of_grid = malloc(sizeof *of_grid * (N + 1)), *of_chains = malloc(sizeof *of_chains * (N + 1));
    size_t k = cluster_points(c, pts, N, 24, grid, N + 1, of_grid);
    size_t k2 = cluster_points(c, pts, N + 1, 24, chains, N + 1, of_chains);
    CHECK(k > 100);
    CHECK_EQ_U(k2, k + 1);
    CHECK(memcmp(grid, chains, sizeof *grid * k) == 0);
    CHECK(memcmp(of_grid, of_chains, sizeof *of_grid * N) == 0);
    CHECK(chains[k].count == 1 && chains[k].id == N + 1);
    clusterer_destroy(c);
    free(pts);
    free(grid);
    free(chains);
    free(of_grid);
    free(of_chains);
}

int main(int argc, char **argv)
{
    test_small_shapes();
    test_many_countries();
    test_fixture_shapes();
    test_points_small();
    test_points_many();
    test_clusters();
    test_clusters_grid_equals_chains();
    test_real_bundle(argc > 1 ? argv[1] : NULL);
    return test_finish();
}
