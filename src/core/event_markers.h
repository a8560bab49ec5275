/* event_markers: where the events go on the map this frame, as plain data.
 *
 * Every event passing the filter sits at its place; events closer on screen
 * than a marker's radius (several at one place, or many at low zoom) gather
 * into one cluster showing their count. The layout is recomputed only when
 * the view or the filter changed, into arrays sized at load time, so a frame
 * allocates nothing. Hit-testing uses the same layout the renderer draws.
 * Screen positions are css px. Depends on app.h, bundle.h, hit.h and view.h. */
#ifndef STEPPE_EVENT_MARKERS_H
#define STEPPE_EVENT_MARKERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "hit.h"

#define MARKER_RADIUS_CSS 7.0
#define CLUSTER_RADIUS_CSS 18.0

typedef struct MarkerGlyph {
    double x, y;          /* css px */
    uint32_t count;       /* events in it (1 = a single event) */
    uint32_t event;       /* the event id (the earliest, for a cluster) */
    uint32_t first;       /* index of its first member in EventMarkers.members */
} MarkerGlyph;

/* Events outside the map area are pointed at from its edge, one indicator per
 * place (Washington, New York, Brussels ...), so no event is out of reach. */
typedef struct EdgeIndicator {
    double x, y;          /* on the map area's edge, css px */
    double dx, dy;        /* unit direction towards the place */
    uint32_t place;       /* place id */
    uint32_t count;       /* events there passing the filter */
    int side;             /* 0 top, 1 right, 2 bottom, 3 left */
    bool labelled;        /* room for its name beside it (else only on hover) */
} EdgeIndicator;

#define EDGE_MARGIN_CSS 26.0
#define EDGE_TOP_CSS 56.0

typedef struct EventMarkers {
    HitPoint *points;      /* scratch: visible events in css px */
    uint32_t *cluster_of;  /* scratch: cluster index per point */
    Cluster *clusters;
    Clusterer *clusterer;
    MarkerGlyph *glyphs;
    uint32_t *members;     /* event ids grouped by glyph */
    uint32_t *fill;        /* scratch: members placed per glyph */
    size_t capacity;       /* events in the bundle */
    size_t glyph_count;
    EdgeIndicator *edges;  /* one slot per place */
    uint32_t *edge_of_place; /* scratch: index + 1 into edges, per place */
    size_t edge_count, place_capacity;
    uint32_t visible;      /* events passing the filter */
    /* what the layout was computed for */
    double view_key[4];
    uint32_t filter_key[4];
    double play_key;
    bool valid;
} EventMarkers;

bool event_markers_init(EventMarkers *m, const Bundle *b);
void event_markers_free(EventMarkers *m);
/* Recomputes the layout if the view or the filter changed since last time. */
void event_markers_update(EventMarkers *m, const App *app);
/* The glyph under a css point (index), or -1. */
int event_markers_hit(const EventMarkers *m, double x_css, double y_css);
/* The edge indicator under a css point (index), or -1. */
int event_markers_hit_edge(const EventMarkers *m, double x_css, double y_css);

#endif
