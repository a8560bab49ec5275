/* app: the atlas's behaviour as a pure state machine.
 *
 * Design: state in, state out. Each frame the platform layer fills an AppInput
 * (pointer in css px, buttons, wheel, keys, viewport size, time) and calls
 * app_update, which turns it into changes of the App (view, hover, selection).
 * The renderer and the UI only read the App. Nothing here touches SDL, the
 * browser or the GPU, so every behaviour can be unit-tested and replayed.
 * Screen positions are css px (see view.h); geography is lon/lat degrees;
 * geometry is world units (see geo.h). */
#ifndef STEPPE_APP_H
#define STEPPE_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "bundle.h"
#include "geo.h"
#include "hit.h"
#include "view.h"

/* Keys the app understands, as bits of AppInput.keys_pressed (edge-triggered)
 * and AppInput.keys_down (held). */
enum {
    APP_KEY_LEFT = 1u << 0,
    APP_KEY_RIGHT = 1u << 1,
    APP_KEY_UP = 1u << 2,
    APP_KEY_DOWN = 1u << 3,
    APP_KEY_ZOOM_IN = 1u << 4,  /* + or = */
    APP_KEY_ZOOM_OUT = 1u << 5, /* - */
    APP_KEY_RESET = 1u << 6,    /* 0 or Home */
    APP_KEY_ESCAPE = 1u << 7,
    APP_KEY_BACK = 1u << 8,     /* Backspace, Alt+Left: previous selection */
    APP_KEY_FORWARD = 1u << 9,  /* Alt+Right: next selection */
    APP_KEY_SEARCH = 1u << 10,  /* '/' or Ctrl+F: focus the search box */
    APP_KEY_ENTER = 1u << 11,
    APP_KEY_PAGE_UP = 1u << 12,
    APP_KEY_PAGE_DOWN = 1u << 13,
    APP_KEY_DELETE = 1u << 14,  /* Backspace as an editing key (also sets APP_KEY_BACK) */
    APP_KEY_PLAY = 1u << 15,    /* 'p': play / pause the timeline */
    APP_KEY_LANGUAGE = 1u << 16,/* 'l': English / local names */
    APP_KEY_YEAR_EARLIER = 1u << 17, /* '[': move the year range one year back */
    APP_KEY_YEAR_LATER = 1u << 18,   /* ']': ... one year on */
    APP_KEY_COPY = 1u << 19,    /* Ctrl+C: copy the panel's text */
    APP_KEY_EXPORT = 1u << 20,  /* 'e': save a PNG of the current view */
    APP_KEY_COPY_LINK = 1u << 21, /* 'k': copy a link to exactly this view */
    APP_KEY_RELATIONS = 1u << 22, /* 'r': show or hide the relations layer */
    APP_KEY_CONTRAST = 1u << 23,  /* 'h': high-contrast theme on or off */
};

/* Things only the platform can do, asked for by the app (App.requests). */
enum {
    APP_REQUEST_COPY_TEXT = 1u << 0,
    APP_REQUEST_EXPORT_PNG = 1u << 1,
    APP_REQUEST_COPY_LINK = 1u << 2,
};

#define APP_TEXT_MAX 64

typedef struct AppInput {
    double now_ms;                /* monotonic clock */
    double width_css, height_css; /* viewport */
    double pointer_x, pointer_y;  /* css px */
    bool pointer_inside;          /* the pointer is over the map */
    bool pointer_down;            /* primary button / one finger held */
    bool pointer_pressed;         /* went down this frame */
    bool pointer_released;        /* went up this frame */
    int double_clicks;            /* double clicks (or double taps) this frame */
    double wheel_steps;           /* mouse wheel notches this frame, > 0 zooms in */
    double pinch_factor;          /* multiplicative zoom from a pinch this frame, 0 or 1 = none */
    double pinch_x, pinch_y;      /* pinch centre, css px */
    uint32_t keys_pressed;        /* APP_KEY_* */
    uint32_t keys_down;
    char text[APP_TEXT_MAX];      /* UTF-8 typed this frame (SDL text input, so IMEs and on-screen keyboards work) */
} AppInput;

typedef enum SelectionKind {
    SELECTION_NONE, SELECTION_COUNTRY, SELECTION_PLACE, SELECTION_EVENT, SELECTION_ARTICLE
} SelectionKind;

typedef struct Selection {
    SelectionKind kind;
    uint32_t id; /* bundle id of that kind */
} Selection;

/* Map layers that can be switched on and off (App.layers). */
enum {
    LAYER_MARKERS = 1u << 0,   /* event markers, clusters and edge indicators */
    LAYER_LABELS = 1u << 1,    /* country and place names */
    LAYER_RELATIONS = 1u << 2, /* arcs from Kazakhstan to its partners */
};

/* Which events are shown: a year range and categories (bit i = EventCategory i). */
typedef struct EventFilter {
    int year_from, year_to;    /* inclusive */
    uint32_t category_mask;
} EventFilter;

#define APP_HISTORY_MAX 64

typedef struct App {
    const Bundle *bundle;
    GeoProjection projection;
    View view;
    HitIndex *country_hits;    /* spatial index of country rings, built at load */
    struct EventMarkers *markers; /* this frame's event markers and clusters (event_markers.h) */
    double home_bounds[4];     /* world units */
    double home_scale_px;      /* the scale that fits home_bounds in the current viewport */
    uint32_t hover_country;    /* country id under the pointer, 0 = none */
    double pointer_x, pointer_y; /* css px, for tooltips */
    uint32_t hover_event;      /* event id of the marker under the pointer, 0 = none */
    uint32_t hover_place;      /* place id of the edge indicator under the pointer, 0 = none */
    Selection selection;
    Selection history[APP_HISTORY_MAX]; /* selections in the order they were made */
    int history_count, history_pos;
    EventFilter filter;
    int first_year, last_year; /* the years the bundle's events span */
    bool playing;              /* the timeline plays: events appear as their date comes */
    double play_year;          /* fractional year reached while playing */
    uint32_t layers;           /* LAYER_* */
    bool local_names;          /* labels in the local language and script */
    bool high_contrast;        /* the high-contrast theme (projectors) */
    bool legend_flipped;       /* the map key is folded or unfolded against its default (see legend.h) */
    bool panel_open;
    /* How much of the map the open panel hides (set by the UI each frame):
     * its width as a side panel, or its height as a bottom sheet. Flights
     * centre their target in what is left. */
    double panel_inset_right_css, panel_inset_bottom_css;
    double chrome_inset_bottom_css; /* always hidden at the bottom (the timeline) */
    /* pointer gesture */
    bool dragging;             /* moved far enough since press to be a drag */
    double press_x, press_y;   /* css px at press */
    double last_x, last_y;     /* css px at the previous frame */
    char notice[640];          /* a problem the user must see (e.g. a bundle that failed to open), "" = none */
    char toast[160];           /* a short confirmation ("Link copied"), shown until toast_until_ms */
    double toast_until_ms;
    uint32_t requests;         /* APP_REQUEST_*, taken and cleared by the platform layer */
    /* redraw bookkeeping: the renderer skips frames where nothing changed */
    bool needs_redraw;
    bool interacting;          /* zooming, panning or flying now (or within the last 150 ms) */
    double interaction_until_ms;
    double last_now_ms;
} App;

/* Sets up the app for a validated bundle and a viewport, building its indexes.
 * Returns false if the bundle's projection parameters are unusable or memory
 * runs out. */
bool app_init(App *app, const Bundle *bundle, double width_css, double height_css, double now_ms);
void app_destroy(App *app);

/* One step: applies input to the state. */
void app_update(App *app, const AppInput *input);

/* Selects anything (SELECTION_NONE clears), opens the panel, records the
 * selection in the history and flies to it. An invalid id clears the selection. */
void app_select(App *app, Selection selection, double now_ms);
/* Shorthand for a country (0 = clear). */
void app_select_country(App *app, uint32_t country_id, double now_ms);
/* Shorthand for an event (0 or an unknown id clears): opens its panel and flies to its place. */
void app_select_event(App *app, uint32_t event_id, double now_ms);
/* Flies so a world rectangle fills the part of the map the panel leaves
 * visible; without allow_zoom_out the view never zooms out to do so. */
void app_fly_to_bounds(App *app, const double bounds[4], bool allow_zoom_out, double now_ms);
/* Moves back (direction < 0) or forward in the selection history. Returns
 * false, changing nothing, at either end. */
bool app_history_step(App *app, int direction, double now_ms);
/* The stable key (ISO3 for countries) and display name of a selection ("" if none). */
void app_selection_names(const App *app, Selection selection, const char **key, const char **name);
/* Whether a selection's id exists in the bundle (SELECTION_NONE is valid). */
bool app_selection_valid(const App *app, Selection selection);

/* Shows a short confirmation for two seconds. */
void app_toast(App *app, const char *text, double now_ms);

/* --- the event filter (timeline and categories) --- */

/* Whether an event passes the year range, the categories and, while playing,
 * has happened by the play cursor. */
bool app_event_visible(const App *app, uint32_t event_id);
/* Sets the year range (clamped to first_year..last_year, swapped if reversed). */
void app_set_years(App *app, int year_from, int year_to);
/* Starts or stops playing through the range from its first year. */
void app_toggle_play(App *app);
/* Flips one category on or off; solo = only that category (or all, if it was alone). */
void app_toggle_category(App *app, unsigned category, bool solo);
/* Events passing the filter, per category and in total (visible_total may be NULL). */
void app_count_events(const App *app, uint32_t counts[CATEGORY_COUNT], uint32_t *visible_total);

/* Country id at a css px position (0 = water or nothing). */
uint32_t app_country_at(const App *app, double x_css, double y_css);

/* Geographic point -> css px in the current view. */
void app_project(const App *app, double lon_deg, double lat_deg, double *x_css, double *y_css);

/* Writes the state as JSON (for window.steppeAtlas.state() and --list). Returns
 * the length written (truncated to out_size - 1). */
int app_state_json(const App *app, char *out, int out_size);

#endif
