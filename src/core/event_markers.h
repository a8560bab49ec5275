/* event_markers: where the events go on the map this frame, as plain data.
 *
 * Every event passing the filter (App.filter, and the play cursor) sits at its
 * place. Events closer on screen than CLUSTER_RADIUS_CSS (several at one
 * place, or many at low zoom) gather into one cluster showing their count.
 * Events at one place spread out in rings around it ("fanned") once zoomed in
 * far enough, or as soon as the user clicks their cluster, so each is
 * clickable. Events whose place lies outside the map area (Washington from
 * Central Asia, or Almaty from Washington) are pointed at from its edge by
 * indicators, one per direction (at most EDGE_MAX_PER_SIDE a side and
 * EDGE_MAX_BADGES in all), with the place's name and a count, so every
 * event of the bundle stays one click away. The selected event is never
 * inside a cluster: its place's events fan out around it if they all share
 * it, else it is pulled out of its cluster and drawn on its own, last (on
 * top); either way its symbol is marked `selected`.
 *
 * The layout is recomputed only when the view, the filter, the layers or the
 * map area changed, into arrays sized at load time: a frame allocates nothing.
 * Picking (event_markers_pick) and clicking (event_markers_click) use the same
 * layout the renderer draws, and take precedence over the country below.
 * Screen positions are css px; places are world units (geo.h).
 * Reads the App (state.h) and never writes it: a click becomes a command.
 * Depends on bundle.h, command_kinds.h, hit.h, legend.h, state.h and view.h. */
#ifndef STEPPE_EVENT_MARKERS_H
#define STEPPE_EVENT_MARKERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "command_kinds.h"
#include "text_layout.h"
#include "hit.h"
#include "legend.h"

#define MARKER_RADIUS_CSS 7.0    /* a single event's symbol */
#define CLUSTER_RADIUS_CSS 22.0  /* events closer than this on screen gather into a cluster */
#define FAN_ZOOM 4.0             /* from this zoom (× the home view) a place's events fan out by themselves */
#define FAN_SPACING_CSS 19.0     /* between fanned symbols, and between their rings */
#define FAN_MAX_AUTO 40          /* more events than this at one place fan out only on a click */

#define EDGE_MARGIN_CSS 24.0     /* an edge indicator's centre, in from the map area's side */
#define EDGE_BOTTOM_MARGIN_CSS 38.0 /* ... from the bottom, clear of the attribution */
#define EDGE_RADIUS_CSS 12.0     /* an edge indicator's badge */
#define EDGE_SPACING_CSS 30.0    /* between badges along the edge */
#define EDGE_MAX_PER_SIDE 2      /* badges on one side of the map area at most ... */
#define EDGE_MAX_BADGES 6        /* ... and in all: nearby directions merge ("Brussels +4") */
/* With more events than this passing the filter, a layout takes longer than
 * a frame can spare (bench_pick: ~9 ms for 100,000), so while the view is
 * being panned or zoomed the last one is moved and scaled along instead, and
 * laid out afresh when the view comes to rest. Below it every frame gets a
 * fresh layout. */
#define MARKERS_SHIFT_WHILE_PANNING 20000

typedef struct MarkerGlyph {
    double x, y;               /* css px, where it is drawn */
    double anchor_x, anchor_y; /* css px of its place (the centre of its fan) */
    uint32_t count;            /* events in it (1 = a single event) */
    uint32_t event;            /* the earliest of them */
    uint32_t place;            /* their place if they all share one, else 0 */
    uint32_t first;            /* index of its first member in EventMarkers.members */
    bool fanned;               /* one of several events of a place, spread around it */
    bool selected;             /* the selected event's own symbol: never inside a cluster, drawn last */
    uint16_t fan_slot, fan_size; /* its position in the fan, and the fan's size */
    double fan_radius;         /* css px, the outer ring of its fan */
    uint32_t per_category[CATEGORY_COUNT]; /* its events by category (the cluster's ring) */
} MarkerGlyph;

/* An indicator on the map area's edge for events beyond it. Places in about
 * the same direction share one, named after the one with most events there. */
typedef struct EdgeIndicator {
    double x, y;               /* badge centre, css px */
    double dx, dy;             /* unit direction towards its places */
    uint32_t place;            /* the place it is named after */
    uint32_t event;            /* the event, if it stands for exactly one, else 0 */
    uint32_t count;            /* events */
    uint32_t place_count;      /* places */
    uint32_t first;            /* its places: EventMarkers.edge_places[first .. first + place_count) */
    int side;                  /* 0 top, 1 right, 2 bottom, 3 left */
    bool labelled;             /* its name fits beside it (else it shows on hover) */
    double label_x, label_y, label_w; /* the name's box: left, baseline, estimated width */
} EdgeIndicator;

/* How far a glyph's symbol reaches from its centre (css px): clusters grow
 * a little with their count. The renderer draws to it and picking uses it. */
static inline double marker_glyph_radius(const MarkerGlyph *g)
{
    return g->count <= 1 ? MARKER_RADIUS_CSS : g->count < 10 ? 11.0 : g->count < 100 ? 13.0 : 15.5;
}

typedef enum MarkerHitKind {
    MARKER_HIT_NONE, MARKER_HIT_GLYPH, MARKER_HIT_EDGE, MARKER_HIT_LEGEND
} MarkerHitKind;

/* What lies under a css point among the overlays. */
typedef struct MarkerHit {
    MarkerHitKind kind;
    int index;                 /* glyph or edge index, -1 otherwise */
    uint32_t event;            /* a single event's marker (lone or fanned): its id, else 0 */
    uint32_t place;            /* a glyph's shared place or an edge's named place, else 0 */
    bool toggle;               /* MARKER_HIT_LEGEND on the key's header (folds it) */
} MarkerHit;

typedef struct EventMarkers {
    /* sized at init */
    size_t capacity;           /* events in the bundle */
    size_t place_capacity;     /* places in the bundle */
    uint32_t *event_place;     /* [capacity + 1] place of each event */
    uint8_t *event_category;   /* [capacity + 1] category of each event */
    uint32_t *place_events;    /* [place_capacity + 1] events at each place, whatever the filter */
    PointIndex *index;         /* events at their places, world units, for event_markers_event_at */
    uint32_t *passing;         /* event ids passing the filter, in id order */
    size_t passing_count;
    HitPoint *points;          /* scratch: events inside the map area, css px */
    uint32_t *cluster_of;      /* scratch: cluster index per point */
    Cluster *clusters;
    Clusterer *clusterer;
    uint32_t *members;         /* event ids grouped by glyph */
    uint32_t *fill;            /* scratch: members placed per cluster */
    double *place_world;       /* [2 * (place_capacity + 1)] each place's world x, y */
    double *place_x, *place_y; /* scratch, per place: css px this layout */
    uint32_t *place_off_count, *place_off_event; /* scratch, per place: events beyond the edge */
    void *edge_scratch;        /* scratch, per place: places beyond the edge, sorted along it */
    double *edge_pos, *edge_gap; /* scratch, per place: indicator positions along the edge, spacing */
    uint32_t *edge_places;     /* place ids grouped by indicator */
    /* the layout */
    MarkerGlyph *glyphs;
    size_t glyph_count;
    EdgeIndicator *edges;
    size_t edge_count;
    uint32_t visible;          /* events passing the filter */
    uint32_t represented;      /* of those, drawn as a marker, in a cluster or behind an edge indicator */
    LegendLayout legend;
    double area[4];            /* the map area: left, top, right, bottom, css px */
    double edge_top_css, controls_w_css, controls_h_css; /* keep-outs from the screen layout */
    /* state */
    uint32_t expanded_place;   /* a place whose events were fanned out by a click, 0 = none */
    uint32_t selected_event;   /* the selected event (this layout's), 0 = none */
    double expanded_scale;     /* the view's scale then; zooming well out folds them back */
    MarkerHit hover;           /* under the pointer (set by the hover command) */
    double layout_key[16], filter_key[6];
    bool valid, filter_valid;
    size_t shift_threshold;    /* MARKERS_SHIFT_WHILE_PANNING (tests lower it) */
    TextMetrics label_metrics; /* the badges' names' font in css px; advance NULL: estimated */
    bool local_names;          /* the names are measured in the local script (as drawn) */
    bool shifted;              /* the layout is the last one, moved: p * shift_k + (shift_x, shift_y) */
    double shift_x, shift_y, shift_k;
} EventMarkers;

/* Allocates every buffer for the bundle and indexes its events. Returns false
 * (everything freed) if memory runs out. */
bool event_markers_init(EventMarkers *m, const Bundle *b);
void event_markers_free(EventMarkers *m);

/* Recomputes the layout if the view, filter, layers or map area changed since
 * the last call (otherwise returns at once). While a large set of markers
 * (MARKERS_SHIFT_WHILE_PANNING) is panned or zoomed, moves the last layout
 * instead. */
void event_markers_update(EventMarkers *m, const App *app);

/* What the layout shows at a css point: the key, then an edge indicator, then
 * a marker (fanned ones first, else the nearest within its radius). */
MarkerHit event_markers_pick(const EventMarkers *m, double x_css, double y_css);

/* The command a click on what event_markers_pick found means: a single
 * marker selects its event; a cluster zooms to fit its members, or, if they
 * share one place, zooms in about it and fans them out; an edge indicator
 * selects its event (if it has one), its place (one place) or flies to fit
 * its places; the key's header folds or unfolds it. Returns false, writing
 * nothing, where a click does nothing (MARKER_HIT_NONE, the key's body). */
bool event_markers_command(const EventMarkers *m, const App *app, MarkerHit hit, Command *out);

/* Measures the edge badges' names with these metrics (css px, the font the
 * renderer draws them in) instead of estimating; NULL goes back to the
 * estimate. Forces a new layout. */
void event_markers_set_label_metrics(EventMarkers *m, const TextMetrics *metrics);

/* Records what is under the pointer. Returns true if that changed. */
bool event_markers_set_hover(EventMarkers *m, MarkerHit hit);

/* The event nearest to a css point within radius_css among those passing the
 * filter, whatever the clustering (through the spatial index), or 0. */
uint32_t event_markers_event_at(const EventMarkers *m, const App *app, double x_css, double y_css,
                                double radius_css);

/* The scale (css px per world unit) from which an event's place lies at
 * least twice CLUSTER_RADIUS_CSS from every other place with events passing
 * the filter, so its symbol stands apart; 0 if no other place has any. */
double event_markers_apart_scale(const EventMarkers *m, uint32_t event);

/* The world bounds (min_x, min_y, max_x, max_y) of an edge indicator's places.
 * Returns false for an index out of range. */
bool event_markers_edge_bounds(const EventMarkers *m, const Bundle *b, size_t edge, double out[4]);

#endif
