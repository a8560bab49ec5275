/* triangulate: a polygon with holes cut into triangles, for the GPU path's
 * country fills (render/countries.c), which used to read precomputed
 * triangles from the bundle (format version 3's TRIS; see bundle_format.md).
 *
 * A port of the algorithm of mapbox earcut 2.2 (ISC licence), the library
 * the bundle compiler used: ear clipping on a doubly linked list of the
 * points; holes joined to the outer ring by bridges (the hole with the
 * leftmost point first); duplicate and collinear points filtered out; when no
 * ear is left, the fallbacks earcut has (filter, cure local
 * self-intersections, split the polygon in two); and earcut's z-order hash
 * for large rings, so an ear test looks only at nearby points. A port, not
 * the library: Debian packages no C triangulator, and earcut's C++ header
 * (earcut.hpp) would bring C++ and its runtime into the page's wasm, which
 * has to get smaller (issue 12).
 *
 * It is not a robust triangulator for arbitrary input: like earcut, it
 * always returns something for a self-intersecting polygon, not necessarily
 * a correct covering. The bundle's rings are simple (tools/bundle/geometry.mjs
 * repairs simplification's crossings).
 *
 * Platform-free (C library only), no globals, deterministic: the same input
 * gives the same triangles on every platform (double arithmetic, no hashing
 * of addresses). */
#ifndef STEPPE_TRIANGULATE_H
#define STEPPE_TRIANGULATE_H

#include <stddef.h>
#include <stdint.h>

typedef enum TriangulateError {
    TRIANGULATE_OK = 0,
    TRIANGULATE_ERR_INPUT,  /* no rings, a ring of fewer than 3 points, a coordinate not finite */
    TRIANGULATE_ERR_MEMORY, /* out of memory (out keeps what it held before the call) */
} TriangulateError;

/* Where triangles go: indices, three per triangle, appended at count and grown
 * with realloc. Start zeroed; the caller frees indices. */
typedef struct TriangulateOut {
    uint32_t *indices;
    size_t count, capacity; /* in indices (3 per triangle) */
} TriangulateOut;

/* Triangulates one polygon: ring 0 is the outer ring, rings 1.. its holes.
 * xy holds the points of all rings in order (x, y per point); ring k's points
 * end before point ring_ends[k] (ring 0 starts at point 0, ring k at
 * ring_ends[k - 1]); rings are closed implicitly (no repeated first point
 * needed, but a repeat is harmless). Either winding is accepted for every
 * ring. Each triangle is appended as index_base + point index (into xy), all
 * wound the same way whatever the input's winding: counter-clockwise with y
 * up, so clockwise on the map's y-down screen, like the bundle's outer rings
 * (tests/unit/test_triangulate.c checks it). Indices of a hole's bridge repeat points of
 * the rings; no point is added.
 * A polygon of zero area (all points on a line) gives no triangles and
 * TRIANGULATE_OK. On an error nothing is appended. */
TriangulateError triangulate_polygon(const float *xy, const uint32_t *ring_ends, size_t ring_count,
                                     uint32_t index_base, TriangulateOut *out);

const char *triangulate_error_text(TriangulateError e);

#endif
