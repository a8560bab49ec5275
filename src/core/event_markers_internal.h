/* event_markers_internal: the edge indicators' layout (event_markers_edges.c), a part of
 * event_markers.c's layout kept in its own file. Only event_markers.c and
 * event_markers_edges.c include this. */
#ifndef STEPPE_EVENT_MARKERS_INTERNAL_H
#define STEPPE_EVENT_MARKERS_INTERNAL_H

#include <stddef.h>

/* Forward declarations, so that this header and event_markers.h do not
 * include each other. */
struct EventMarkers;
struct App;

/* Bytes per place of EventMarkers.edge_scratch. */
size_t event_markers_edge_scratch_size(void);

/* Lays out the edge indicators for the places whose events lie beyond the
 * map area (m->place_off_count, set by the caller), and their names. */
void event_markers_layout_edges(struct EventMarkers *m, const struct App *app);

#endif
