/* hit: picking. What country is under a world point, which marker is nearest
 * to it, which markers lie in a rectangle, and how markers group into
 * clusters on screen.
 *
 * Every index here is built once (create) and freed once (destroy); queries
 * never allocate. All indexes are uniform grids of buckets: simple, fast
 * enough for 100,000+ points, and easy to draw as a debug overlay.
 * Coordinate spaces: countries and PointIndex use world units (geo.h);
 * cluster_points uses whatever space its points are in, normally css px.
 * Ids are the caller's (bundle ids are 1-based); 0 always means "none".
 * Depends on the C library and bundle.h only. */
#ifndef STEPPE_HIT_H
#define STEPPE_HIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"

/* --- countries ------------------------------------------------------------- */

/* A grid over the bundle's rings: each cell lists the rings whose bounding box
 * touches it. Holds ring indices, not vertices, so it needs the same Bundle
 * at query time. */
typedef struct HitIndex HitIndex;

/* Builds the index from every country's rings. Returns NULL only if memory
 * runs out. A bundle without geometry gives an index that never hits. */
HitIndex *hit_index_create(const Bundle *b);
void hit_index_destroy(HitIndex *index);

/* The country id under a world point (even-odd over each country's rings, so
 * holes and enclaves resolve), or 0 for water, outside the map, a NULL index
 * or a non-finite point. A point exactly on a border shared by two countries
 * belongs to exactly one of them (the crossing rule is half-open and computed
 * the same way for both sides). If countries overlap (bad data), the lowest
 * id wins. */
uint32_t hit_country_at(const HitIndex *index, const Bundle *b, double wx, double wy);

/* Whether one country contains a world point, by the same rule, without an
 * index (linear in the country's vertex count). False for id 0 or out of range. */
bool hit_country_contains(const Bundle *b, uint32_t country_id, double wx, double wy);

/* For a debug overlay: the grid's world rectangle and size in cells, and how
 * many (ring, cell) entries it holds. All zero for a NULL or empty index. */
void hit_index_grid(const HitIndex *index, double out_bounds[4], uint32_t *cols, uint32_t *rows,
                    size_t *entries);

/* --- markers ----------------------------------------------------------------- */

typedef struct HitPoint {
    double x, y;  /* world units for PointIndex; any one space for cluster_points */
    uint32_t id;  /* caller's id; 0 is reserved for "none" */
} HitPoint;

typedef struct PointIndex PointIndex;

/* Builds a grid over a copy of the points. Points with id 0 or a non-finite
 * coordinate are left out. Returns NULL only if memory runs out (count 0 is
 * fine: an empty index). */
PointIndex *point_index_create(const HitPoint *points, size_t count);
void point_index_destroy(PointIndex *index);
/* How many points the index holds (after leaving out the invalid ones). */
size_t point_index_count(const PointIndex *index);

/* The id of the point nearest to (wx, wy) within radius_world (inclusive), or
 * 0 if there is none. Equal distances go to the lowest id, so picks are
 * deterministic. */
uint32_t point_index_nearest(const PointIndex *index, double wx, double wy, double radius_world);

/* As point_index_nearest, considering only points for which accept(id, user)
 * returns true (e.g. events inside the timeline's year range). accept may be NULL. */
typedef bool (*PointFilter)(uint32_t id, void *user);
uint32_t point_index_nearest_where(const PointIndex *index, double wx, double wy,
                                   double radius_world, PointFilter accept, void *user);

/* Ids of the points inside rect (min_x, min_y, max_x, max_y, inclusive).
 * Writes at most max_out ids to out_ids (which may be NULL when max_out is 0)
 * and returns how many points matched in total, which may be more than
 * max_out. The order is deterministic (grid row-major, then input order). */
size_t point_index_query_rect(const PointIndex *index, const double rect[4], uint32_t *out_ids,
                              size_t max_out);

/* --- clusters ------------------------------------------------------------------ */

typedef struct Cluster {
    double x, y;     /* the mean of the members' positions, same space as the input */
    uint32_t count;  /* members, >= 1 */
    uint32_t id;     /* representative: the id of the first member in input order */
} Cluster;

/* Scratch space for cluster_points, sized for up to capacity points, so that
 * clustering every frame allocates nothing. Returns NULL if memory runs out. */
typedef struct Clusterer Clusterer;
Clusterer *clusterer_create(size_t capacity);
void clusterer_destroy(Clusterer *c);

/* Greedy grid clustering, deterministic for a given input order: each point
 * not yet taken starts a cluster and takes every untaken point within
 * radius (inclusive) of it. Pass the most important points first: they
 * become the representatives. radius <= 0 gives one cluster per point.
 * Points with a non-finite coordinate are skipped. Writes at most max_out
 * clusters and returns how many it wrote; points left over once out is full
 * are not clustered. If out_cluster_of is not NULL, it receives for each
 * input point the index of its cluster in out, or UINT32_MAX if skipped.
 * Returns 0 (and clusters nothing) if count exceeds the capacity. */
size_t cluster_points(Clusterer *c, const HitPoint *points, size_t count, double radius,
                      Cluster *out, size_t max_out, uint32_t *out_cluster_of);

#endif
