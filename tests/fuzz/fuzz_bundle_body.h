/* fuzz_bundle_body: the body of the bundle fuzz target, shared by the
 * libFuzzer entry (fuzz_bundle.c) and the ctest driver
 * (tests/unit/test_bundle_fuzz.c), which runs it over deterministic mutations.
 *
 * It opens the input and, if the reader accepts it, reads every record
 * through every accessor and touches every string byte, so ASan sees any read
 * that validation let through, then closes it (so LeakSanitizer sees a
 * decoded array that is not freed). It also checks the reader's own promises:
 * a failure leaves the Bundle zeroed with nothing allocated and writes a
 * "bundle: " message; decoded vertices are finite. */
#ifndef STEPPE_FUZZ_BUNDLE_BODY_H
#define STEPPE_FUZZ_BUNDLE_BODY_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "country_triangles.h"
#include "hit.h"

/* Reads a string to its end, so ASan checks the terminator is in bounds. */
static inline size_t fuzz_touch(const char *s)
{
    return strlen(s);
}

/* Returns the error code; aborts if the reader broke one of its promises. */
static inline BundleError fuzz_bundle_one(const uint8_t *data, size_t size)
{
    Bundle b;
    char msg[256];
    BundleError e = bundle_open(&b, data, size, msg, sizeof msg);
    if (e != BUNDLE_OK) {
        if (b.data || b.country_count || b.vert_xy || strncmp(msg, "bundle: ", 8) != 0) abort();
        if ((unsigned)e >= BUNDLE_ERROR_COUNT) abort();
        return e;
    }
    volatile size_t sink = 0;
    BundleMeta m = bundle_meta(&b);
    sink += fuzz_touch(m.title) + fuzz_touch(m.attribution) + fuzz_touch(m.projection_name) +
            fuzz_touch(m.built_from);
    for (uint32_t i = 0; i < b.vert_count; i++) {
        float x, y;
        bundle_vertex(&b, i, &x, &y);
        if (!isfinite(x) || !isfinite(y)) abort();
        sink += x == y;
    }
    for (uint32_t i = 0; i < b.ring_count; i++) {
        BundleRing r = bundle_ring(&b, i);
        if (r.vert_count < 3 || (uint64_t)r.vert_first + r.vert_count > b.vert_count) abort();
    }
    for (uint32_t id = 1; id <= b.country_count; id++) {
        BundleCountry c = bundle_country(&b, id);
        sink += fuzz_touch(c.iso3) + fuzz_touch(c.name) + fuzz_touch(c.name_local) + fuzz_touch(c.profile);
        if ((uint64_t)c.ring_first + c.ring_count > b.ring_count) abort();
        /* the GPU path's fill: cut from the rings, every index inside the
         * country's vertices (rings are contiguous, in order) */
        TriangulateOut tris = { 0 };
        if (c.ring_count && country_triangles(&b, id, &tris) == TRIANGULATE_OK) {
            BundleRing first = bundle_ring(&b, c.ring_first), last = bundle_ring(&b, c.ring_first + c.ring_count - 1);
            for (size_t k = 0; k < tris.count; k++)
                if (tris.indices[k] < first.vert_first || tris.indices[k] >= last.vert_first + last.vert_count) abort();
        }
        free(tris.indices);
        if (c.capital > b.place_count) abort();
        sink += bundle_find_country(&b, c.iso3);
    }
    for (uint32_t id = 1; id <= b.place_count; id++) {
        BundlePlace p = bundle_place(&b, id);
        sink += fuzz_touch(p.key) + fuzz_touch(p.name) + fuzz_touch(p.name_local) +
                fuzz_touch(p.alt_names) + fuzz_touch(p.kind);
        if (p.country > b.country_count) abort();
    }
    for (uint32_t id = 1; id <= b.article_count; id++) {
        BundleArticle a = bundle_article(&b, id);
        sink += fuzz_touch(a.key) + fuzz_touch(a.title) + fuzz_touch(a.author) + fuzz_touch(a.outlet) +
                fuzz_touch(a.date) + fuzz_touch(a.date_note) + fuzz_touch(a.summary) +
                fuzz_touch(a.key_points) + fuzz_touch(a.topics) + fuzz_touch(a.file);
    }
    for (uint32_t id = 1; id <= b.event_count; id++) {
        BundleEvent ev = bundle_event(&b, id);
        sink += fuzz_touch(ev.key) + fuzz_touch(ev.title) + fuzz_touch(ev.summary);
        if (ev.place == 0 || ev.place > b.place_count || ev.source_count == 0) abort();
        sink += fuzz_touch(bundle_category_name(ev.category));
        for (uint32_t k = 0; k < ev.country_count; k++) {
            uint32_t c = bundle_list_id(&b, ev.country_first + k);
            if (c == 0 || c > b.country_count) abort();
        }
        for (uint32_t k = 0; k < ev.source_count; k++) {
            BundleSource s = bundle_source(&b, ev.source_first + k);
            if (s.article == 0 || s.article > b.article_count) abort();
            sink += fuzz_touch(s.locator) + fuzz_touch(bundle_article(&b, s.article).title);
        }
    }
    for (uint32_t id = 1; id <= b.relation_count; id++) {
        BundleRelation r = bundle_relation(&b, id);
        sink += fuzz_touch(r.key) + fuzz_touch(r.kind) + fuzz_touch(r.label) + fuzz_touch(r.group) +
                fuzz_touch(r.unit);
        if (r.country_a == 0 || r.country_a > b.country_count || r.country_b > b.country_count) abort();
        for (uint32_t k = 0; k < r.source_count; k++) sink += fuzz_touch(bundle_source(&b, r.source_first + k).locator);
    }
    for (uint32_t id = 1; id <= b.figure_count; id++) {
        BundleFigure f = bundle_figure(&b, id);
        sink += fuzz_touch(f.label) + fuzz_touch(f.value);
        for (uint32_t k = 0; k < f.source_count; k++) sink += fuzz_touch(bundle_source(&b, f.source_first + k).locator);
    }
    for (uint32_t i = 0; i < b.source_count; i++) sink += fuzz_touch(bundle_source(&b, i).locator);
    for (uint32_t i = 0; i < b.list_count; i++) sink += bundle_list_id(&b, i);
    /* Fonts: read every byte of each blob. */
    const BundleBlob *fonts[2] = { &b.font_regular, &b.font_bold };
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < fonts[k]->size; i++) sink += fonts[k]->data[i];
    /* The picking index must build and answer over any accepted geometry. */
    HitIndex *h = hit_index_create(&b);
    if (h) {
        sink += hit_country_at(h, &b, m.home_bounds[0], m.home_bounds[1]);
        for (uint32_t i = 0; i < b.vert_count && i < 64; i++) {
            float x, y;
            bundle_vertex(&b, i, &x, &y);
            sink += hit_country_at(h, &b, x, y);
        }
        hit_index_destroy(h);
    }
    bundle_close(&b);
    if (b.vert_xy || b.data) abort();
    (void)sink;
    return e;
}

#endif
