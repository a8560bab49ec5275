/* country_triangles: see country_triangles.h. */
#include "country_triangles.h"

#include <stdlib.h>

TriangulateError country_triangles(const Bundle *b, uint32_t id, TriangulateOut *out)
{
    BundleCountry c = bundle_country(b, id);
    size_t start_count = out->count;
    uint32_t ends_small[64];
    uint32_t *ends = ends_small;
    size_t ends_cap = sizeof ends_small / sizeof ends_small[0];
    TriangulateError result = TRIANGULATE_OK;
    for (uint32_t k = 0; k < c.ring_count;) {
        /* one polygon: an outer ring, then the holes that follow it */
        BundleRing outer = bundle_ring(b, c.ring_first + k);
        uint32_t n = 1;
        while (k + n < c.ring_count && (bundle_ring(b, c.ring_first + k + n).flags & RING_FLAG_HOLE)) n++;
        if (n > ends_cap) {
            uint32_t *grown = malloc(n * sizeof *grown);
            if (!grown) { result = TRIANGULATE_ERR_MEMORY; break; }
            if (ends != ends_small) free(ends);
            ends = grown;
            ends_cap = n;
        }
        /* the polygon's rings are contiguous in VERT: ends relative to the outer ring's first vertex */
        for (uint32_t j = 0; j < n; j++) {
            BundleRing r = bundle_ring(b, c.ring_first + k + j);
            ends[j] = r.vert_first + r.vert_count - outer.vert_first;
        }
        TriangulateError e = triangulate_polygon(b->vert_xy + 2 * (size_t)outer.vert_first, ends, n,
                                                 outer.vert_first, out);
        if (e == TRIANGULATE_ERR_MEMORY) { result = e; break; }
        k += n;
    }
    if (ends != ends_small) free(ends);
    if (result != TRIANGULATE_OK) out->count = start_count;
    return result;
}
