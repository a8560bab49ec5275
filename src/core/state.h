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
#include "quiz.h"
#include "screen_layout.h"
#include "state_basics.h"
#include "view.h"

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
    APP_REQUEST_FULLSCREEN = 1u << 3, /* fullscreen and back (the browser's Fullscreen API; SDL's desktop fullscreen) */
};

#define APP_HISTORY_MAX 64

/* One step of the selection history: what was selected and how far its
 * panel was scrolled when it was left (back and forward restore both). */
typedef struct HistoryEntry {
    Selection selection;
    float panel_scroll_css;
} HistoryEntry;

/* What is selected, where it came from, and whether its panel shows. */
typedef struct SelectionState {
    Selection current;
    HistoryEntry history[APP_HISTORY_MAX]; /* selections in the order they were made */
    int history_count, history_pos;
    bool panel_open;
    float panel_scroll_css;    /* the panel's scroll for the current selection, as the UI reports it
                                  (CMD_SET_PANEL_SCROLL); the UI starts a rebuilt panel there */
} SelectionState;

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
    int text_scale_percent;    /* 100..250: everything on screen this much larger, the layout reflowing
                                  as at a smaller window (the platform scales its css px by it) */
    bool spotlight;            /* a ring around the pointer, for a projector */
    bool clean;                /* only the map and the slide or question: no other chrome */
    bool help_open;            /* the card listing every shortcut ('?', core/key_help.h) */
    bool hint_visible;         /* the first visit's hint: what to click, where help is; gone once
                                  something is chosen or it is closed */
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

/* Modes beyond reading: X(ENUM, JSON name). Quizzes and the presenter add
 * theirs here, with their state in AppMode. */
#define APP_MODES(X)                      \
    X(APP_MODE_NONE, "none")              \
    X(APP_MODE_TOUR_LIST, "tours")        /* the panel lists the tours */ \
    X(APP_MODE_TOUR, "tour")              /* a guided tour plays */ \
    X(APP_MODE_QUIZ, "quiz")              /* a quiz is asked (core/quiz_mode.c) */

typedef enum AppModeKind {
#define MODE_ENUM(kind, name) kind,
    APP_MODES(MODE_ENUM)
#undef MODE_ENUM
    APP_MODE_COUNT
} AppModeKind;

#define APP_RESUME_MAX 1024

/* A guided tour being played (core/tour.c). */
typedef struct TourState {
    uint32_t tour;             /* bundle tour id */
    uint32_t stop;             /* 0-based */
    uint32_t stop_count;
    bool blank;                /* the screen is blanked (a clicker's "black screen") */
    double started_ms;         /* when the tour started (the presenter's clock) */
} TourState;

/* A quiz being asked (core/quiz.c generates and grades, quiz_mode.c plays). */
typedef struct QuizMode {
    Quiz quiz;
    QuizProgress progress;
    QuizResult feedback;       /* the current question's result once answered; QUIZ_REFUSED before */
} QuizMode;

typedef struct AppMode {
    AppModeKind kind;
    TourState tour;
    QuizMode quiz;
    /* What the teacher had before a tour or quiz, as a state string, and the
     * view: leaving returns there. */
    char resume_state[APP_RESUME_MAX];
    View resume_view;
    bool resume_valid;
} AppMode;

typedef struct App {
    const Bundle *bundle;
    GeoProjection projection;
    View view;
    HitIndex *country_hits;    /* spatial index of country rings, built at load */
    struct EventMarkers *markers; /* derived: this frame's markers and clusters (event_markers.h) */
    double region_bounds[4];   /* world units: the bundle's home region (the five states and their neighbours) */
    double home_bounds[4];     /* world units: the region and a margin of its neighbours around it */
    double home_scale_px;      /* the home view's scale in the current viewport (app_fit_home) */
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

/* Whether the panel takes its part of the screen (a selection's panel, or a
 * tour's slide or list): the map leaves room for it. */
static inline bool app_panel_open(const App *app)
{
    return app->select.panel_open || app->mode.kind != APP_MODE_NONE;
}

#endif
