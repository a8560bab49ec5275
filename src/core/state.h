/* state: everything the atlas shows, as plain data, nested by concern.
 *
 * The App is written by exactly one function, app_apply (command.h); every
 * other module reads it. Each concern has its own struct so a new mode (a
 * guided tour, a quiz, a presenter) adds a member to AppMode and commands to
 * command.h, and touches nothing else here.
 * Screen positions are css px (see view.h); geography is lon/lat degrees;
 * geometry is world units (see geo.h). Depends on bundle.h, geo.h, hit.h,
 * screen_layout.h and view.h; no functions live here. */
#ifndef STEPPE_STATE_H
#define STEPPE_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "bundle.h"
#include "geo.h"
#include "hit.h"
#include "screen_layout.h"
#include "view.h"

/* What can be selected: X(ENUM, deep-link field, JSON name). The one list the
 * deep link, the JSON state and the selection switch all read. */
#define SELECTION_KINDS(X)                  \
    X(SELECTION_NONE, "", "none")           \
    X(SELECTION_COUNTRY, "c", "country")    \
    X(SELECTION_PLACE, "p", "place")        \
    X(SELECTION_EVENT, "e", "event")        \
    X(SELECTION_ARTICLE, "a", "article")

typedef enum SelectionKind {
#define SELECTION_ENUM(kind, field, name) kind,
    SELECTION_KINDS(SELECTION_ENUM)
#undef SELECTION_ENUM
    SELECTION_KIND_COUNT
} SelectionKind;

typedef struct Selection {
    SelectionKind kind;
    uint32_t id; /* bundle id of that kind */
} Selection;

/* Map layers that can be switched on and off: X(ENUM, bit, name). */
#define MAP_LAYERS(X)                       \
    X(LAYER_MARKERS, 0, "markers")          /* event markers, clusters and edge indicators */ \
    X(LAYER_LABELS, 1, "labels")            /* country and place names */ \
    X(LAYER_RELATIONS, 2, "relations")      /* arcs from Kazakhstan to its partners */

enum {
#define LAYER_ENUM(name, bit, text) name = 1u << (bit),
    MAP_LAYERS(LAYER_ENUM)
#undef LAYER_ENUM
};
#define LAYER_COUNT 3
#define LAYERS_DEFAULT (LAYER_MARKERS | LAYER_LABELS)

/* Colour themes: X(ENUM, deep-link value, JSON name). */
#define THEMES(X)                                   \
    X(THEME_ID_DEFAULT, "default", "default")       \
    X(THEME_ID_HIGH_CONTRAST, "contrast", "high-contrast") \
    X(THEME_ID_DARK, "dark", "dark")

typedef enum ThemeId {
#define THEME_ENUM(id, link, name) id,
    THEMES(THEME_ENUM)
#undef THEME_ENUM
    THEME_ID_COUNT
} ThemeId;

/* Things only the platform can do, asked for by the app (App.requests). */
enum {
    APP_REQUEST_COPY_TEXT = 1u << 0,
    APP_REQUEST_EXPORT_PNG = 1u << 1,
    APP_REQUEST_COPY_LINK = 1u << 2,
};

#define APP_HISTORY_MAX 64

/* What is selected, where it came from, and whether its panel shows. */
typedef struct SelectionState {
    Selection current;
    Selection history[APP_HISTORY_MAX]; /* selections in the order they were made */
    int history_count, history_pos;
    bool panel_open;
} SelectionState;

/* Which events are shown: a year range and categories (bit i = EventCategory i). */
typedef struct EventFilter {
    int year_from, year_to;    /* inclusive */
    uint32_t category_mask;
} EventFilter;

/* The timeline: the filter, the span of years, and play. */
typedef struct TimelineState {
    EventFilter filter;
    int first_year, last_year; /* the years the bundle's events span */
    bool playing;              /* events appear as their date comes */
    double play_year;          /* fractional year reached while playing */
} TimelineState;

/* How the map looks. */
typedef struct DisplayState {
    uint32_t layers;           /* LAYER_* */
    bool local_names;          /* labels in the local language and script */
    ThemeId theme;
    bool legend_flipped;       /* the map key is folded or unfolded against its default (see legend.h) */
    bool reduced_motion;       /* the user asked for less motion: every flight lands at once (a cut) */
} DisplayState;

/* What the pointer rests on (set by the gesture recogniser's hover command). */
typedef struct HoverState {
    uint32_t country;          /* country id under the pointer, 0 = none */
    uint32_t event;            /* event id of the marker under the pointer, 0 = none */
    uint32_t place;            /* place id of the edge indicator under the pointer, 0 = none */
    double x_css, y_css;       /* the pointer, for tooltips */
    bool dragging;             /* the pointer is dragging the map (no tooltips then) */
    /* The keyboard's focus on a country or an event (the page's DOM mirror):
     * marked on the map as if hovered until the pointer moves away from
     * where it was when the focus came (focus_pointer_*). */
    Selection focus;
    double focus_pointer_x, focus_pointer_y;
} HoverState;

typedef struct MessageState {
    char notice[640];          /* a problem the user must see (e.g. a bundle that failed to open), "" = none */
    char toast[160];           /* a short confirmation ("Link copied"), shown until toast_until_ms */
    double toast_until_ms;
} MessageState;

/* Modes beyond reading. Tours, quizzes and the presenter add their state here. */
typedef enum AppModeKind { APP_MODE_NONE } AppModeKind;
typedef struct AppMode {
    AppModeKind kind;
} AppMode;

typedef struct App {
    const Bundle *bundle;
    GeoProjection projection;
    View view;
    HitIndex *country_hits;    /* spatial index of country rings, built at load */
    struct EventMarkers *markers; /* derived: this frame's markers and clusters (event_markers.h) */
    double home_bounds[4];     /* world units */
    double home_scale_px;      /* the scale that fits home_bounds in the current viewport */
    ScreenLayout screen;       /* every rectangle on screen, from the viewport and what is open */
    SelectionState select;
    TimelineState timeline;
    DisplayState display;
    HoverState hover;
    MessageState messages;
    AppMode mode;
    uint32_t requests;         /* APP_REQUEST_*, taken and cleared by the platform layer */
    /* redraw bookkeeping: the renderer skips frames where nothing changed */
    bool needs_redraw;
    bool interacting;          /* zooming, panning or flying now (or within the last 150 ms) */
    double interaction_until_ms;
    double now_ms;             /* the clock of the last tick */
} App;

#endif
