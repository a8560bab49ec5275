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
};

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
} AppInput;

typedef enum SelectionKind {
    SELECTION_NONE, SELECTION_COUNTRY, SELECTION_PLACE, SELECTION_EVENT, SELECTION_ARTICLE
} SelectionKind;

typedef struct Selection {
    SelectionKind kind;
    uint32_t id; /* bundle id of that kind */
} Selection;

typedef struct App {
    const Bundle *bundle;
    GeoProjection projection;
    View view;
    HitIndex *country_hits;    /* spatial index of country rings, built at load */
    double home_bounds[4];     /* world units */
    uint32_t hover_country;    /* country id under the pointer, 0 = none */
    Selection selection;
    bool panel_open;
    /* pointer gesture */
    bool dragging;             /* moved far enough since press to be a drag */
    double press_x, press_y;   /* css px at press */
    double last_x, last_y;     /* css px at the previous frame */
    /* redraw bookkeeping: the renderer skips frames where nothing changed */
    bool needs_redraw;
    double last_now_ms;
} App;

/* Sets up the app for a validated bundle and a viewport, building its indexes.
 * Returns false if the bundle's projection parameters are unusable or memory
 * runs out. */
bool app_init(App *app, const Bundle *bundle, double width_css, double height_css, double now_ms);
void app_destroy(App *app);

/* One step: applies input to the state. */
void app_update(App *app, const AppInput *input);

/* Selects a country (0 = clear) and flies to it. */
void app_select_country(App *app, uint32_t country_id, double now_ms);

/* Country id at a css px position (0 = water or nothing). */
uint32_t app_country_at(const App *app, double x_css, double y_css);

/* Geographic point -> css px in the current view. */
void app_project(const App *app, double lon_deg, double lat_deg, double *x_css, double *y_css);

/* Writes the state as JSON (for window.steppeAtlas.state() and --list). Returns
 * the length written (truncated to out_size - 1). */
int app_state_json(const App *app, char *out, int out_size);

#endif
