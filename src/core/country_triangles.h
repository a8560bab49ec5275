/* country_triangles: a bundle country's fill as triangles, cut from its
 * rings (core/triangulate.h) when the GPU path first draws it
 * (render/countries.c). Bundle format 4 no longer stores triangles.
 *
 * A country's rings form polygons as bundle_format.md says: a ring without
 * RING_FLAG_HOLE starts a polygon, and the hole rings right after it are its
 * holes. The compiler (tools/bundle/compile.mjs) writes every polygon that
 * way, outer ring first; the reader checks that a country's first ring is
 * not a hole. */
#ifndef STEPPE_COUNTRY_TRIANGLES_H
#define STEPPE_COUNTRY_TRIANGLES_H

#include "bundle.h"
#include "triangulate.h"

/* Appends the triangles of country `id` (1-based) to out: three indices per
 * triangle, 0-based into the bundle's vertices (bundle_vertex), all inside
 * the country's vertex range. A country without rings appends nothing. A
 * polygon that cannot be triangulated (a ring of fewer than 3 points cannot
 * come from a valid bundle) is skipped; running out of memory returns
 * TRIANGULATE_ERR_MEMORY with out as it was before the call. */
TriangulateError country_triangles(const Bundle *b, uint32_t id, TriangulateOut *out);

#endif
