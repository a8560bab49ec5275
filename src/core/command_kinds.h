/* command_kinds: the Command type itself — its kinds and payloads, and
 * shorthands to make one. Modules that only produce commands (event_markers,
 * the UI) need this and not the applier (command.h).
 * Depends on state.h and text_layout.h. */
#ifndef STEPPE_COMMAND_KINDS_H
#define STEPPE_COMMAND_KINDS_H

#include <stdbool.h>
#include <stdint.h>

#include "state.h"
#include "text_layout.h"

/* X(ENUM, name): the name is what tests and logs print. */
#define COMMAND_KINDS(X)                                                          \
    X(CMD_NONE, "none")                                                           \
    X(CMD_TICK, "tick")                 /* the frame clock: flights, play, toasts */ \
    X(CMD_RESIZE, "resize")             /* size: the viewport changed */          \
    X(CMD_SELECT, "select")             /* selection (NONE clears); flies to it */ \
    X(CMD_HISTORY_STEP, "history")      /* direction: -1 back, +1 forward */      \
    X(CMD_PAN_BY, "pan")                /* point: the world moves by dx, dy css px */ \
    X(CMD_ZOOM_ABOUT, "zoom-about")     /* zoom: at once, keeping the point under (x, y) */ \
    X(CMD_ZOOM_BY, "zoom")              /* zoom.factor: animated, about the centre */ \
    X(CMD_ZOOM_INTO, "zoom-into")       /* zoom: animated, towards the world point under (x, y) */ \
    X(CMD_FLY_HOME, "home")             /* back to the whole region */            \
    X(CMD_FLY_TO_BOUNDS, "fit")         /* fit: a world rectangle, framed beside the panel */ \
    X(CMD_EXPAND_PLACE, "expand-place") /* id: zoom in about a place and fan its events out */ \
    X(CMD_SET_YEARS, "years")           /* years: from, to (clamped, swapped if reversed) */ \
    X(CMD_SHIFT_YEARS, "shift-years")   /* shift_years: move the range by so many years, if it stays inside */ \
    X(CMD_SET_PLAYING, "play")          /* toggle */                              \
    X(CMD_SET_CATEGORY, "category")     /* category: one category on, off or flipped, or solo */ \
    X(CMD_SET_CATEGORIES, "categories") /* mask */                                \
    X(CMD_SET_LAYER, "layer")           /* layer: one layer on, off or flipped */ \
    X(CMD_SET_LOCAL_NAMES, "language")  /* toggle */                              \
    X(CMD_SET_THEME, "theme")           /* theme (or flip: high contrast, or back from it to default) */ \
    X(CMD_SET_PANEL_OPEN, "panel")      /* toggle */                              \
    X(CMD_SET_LEGEND_FLIPPED, "legend") /* toggle: the map key folded against its default */ \
    X(CMD_ESCAPE, "escape")             /* the notice, else the panel, else the selection */ \
    X(CMD_APPLY_STATE, "apply-state")   /* text: a deep-link state string; what it leaves out returns to defaults */ \
    X(CMD_RESET, "reset")               /* everything but the view back to a fresh atlas's */ \
    X(CMD_REQUEST, "request")           /* mask: APP_REQUEST_* for the platform */ \
    X(CMD_TOAST, "toast")               /* text: a short confirmation */          \
    X(CMD_HOVER, "hover")               /* hover: what the pointer rests on */    \
    X(CMD_INTERACTING, "interacting")   /* the view is being moved by hand (keeps the map's moving copy) */ \
    X(CMD_LAND_FLIGHT, "land")          /* finish any flight at once (a link shows where it points) */ \
    X(CMD_REQUESTS_TAKEN, "requests-taken") /* the platform has carried out the requests */ \
    X(CMD_NOTICE, "notice")             /* text: a problem the user must see ("" clears) */ \
    X(CMD_REDRAW, "redraw")             /* the window was exposed or resized: draw again */ \
    X(CMD_FRAME_DRAWN, "frame-drawn")   /* toggle: ON if the renderer still has work (bands to draw) */ \
    X(CMD_SET_LABEL_METRICS, "label-metrics") /* metrics: the edge badges' name font, css px (NULL: estimate) */ \
    X(CMD_TOUR_LIST, "tour-list")       /* toggle: the panel lists the tours */   \
    X(CMD_TOUR_START, "tour-start")     /* tour: id, stop (0-based): play a tour from a stop */ \
    X(CMD_TOUR_STEP, "tour-step")       /* direction: -1 previous stop, +1 next */ \
    X(CMD_TOUR_GO, "tour-go")           /* tour.stop: jump to a stop (0-based; past the end: the last) */ \
    X(CMD_TOUR_END, "tour-end")         /* leave the tour, back to what was shown before it */ \
    X(CMD_TOUR_BLANK, "tour-blank")     /* toggle: blank the screen (and back) */ \
    X(CMD_QUIZ_START, "quiz-start")     /* quiz: settings (seed, count 5/10/20, filter) */ \
    X(CMD_QUIZ_ANSWER, "quiz-answer")   /* answer: a country, a place, a choice, or skip */ \
    X(CMD_QUIZ_NEXT, "quiz-next")       /* the next question once answered; after the last, the summary */ \
    X(CMD_QUIZ_END, "quiz-end")         /* leave the quiz, back to what was shown before it */ \
    X(CMD_SET_REDUCED_MOTION, "reduced-motion") /* toggle: while on, every flight lands at once (a cut) */ \
    X(CMD_SET_TEXT_SCALE, "text-scale") /* text_scale_percent: 100..250 (refused outside) */ \
    X(CMD_SET_SPOTLIGHT, "spotlight")   /* toggle: a ring around the pointer */ \
    X(CMD_SET_CLEAN, "clean")           /* toggle: hide all chrome but the map and the slide or question */ \
    X(CMD_SET_FOCUS, "focus")           /* selection: a country or event the keyboard is on, marked like a hover (NONE clears) */ \
    X(CMD_SET_PANEL_SCROLL, "panel-scroll") /* panel_scroll_css: the selection's panel scrolled this far (the UI says) */ \
    X(CMD_SET_HELP, "help")             /* toggle: the card of every shortcut */ \
    X(CMD_SET_HINT, "hint")             /* toggle: the first visit's hint (the platform shows it, choosing hides it) */

typedef enum CommandKind {
#define COMMAND_ENUM(kind, name) kind,
    COMMAND_KINDS(COMMAND_ENUM)
#undef COMMAND_ENUM
    COMMAND_KIND_COUNT
} CommandKind;

/* For on/off settings: set to a value, or flip. */
typedef enum Toggle { TOGGLE_OFF, TOGGLE_ON, TOGGLE_FLIP } Toggle;

#define COMMAND_TEXT_MAX 4096

typedef struct Command {
    CommandKind kind;
    union {
        struct { double width_css, height_css; } size;
        Selection selection;
        int direction;
        struct { double dx_css, dy_css; } point;
        struct { double factor, x_css, y_css; } zoom;
        struct { double bounds[4]; bool allow_zoom_out; } fit;
        uint32_t id;
        struct { int from, to; } years;
        int shift_years;
        int text_scale_percent;
        float panel_scroll_css;
        struct { unsigned index; Toggle on; bool solo; } category;
        struct { uint32_t bit; Toggle on; } layer;
        uint32_t mask;
        Toggle toggle;
        struct { ThemeId id; bool flip; } theme;
        struct { HoverState at; const struct MarkerHit *marker; } hover; /* marker: what event_markers_pick found, may be NULL */
        struct { const char *text; struct DeeplinkReport *report; } text; /* borrowed for the call; report may be NULL */
        const TextMetrics *metrics; /* must outlive the App (the UI's fonts) */
        struct { uint32_t id, stop; } tour;
        QuizSettings quiz;
        QuizAnswer answer;
    } u;
} Command;

/* Shorthands for the commonest commands. */
static inline Command cmd_select(SelectionKind kind, uint32_t id)
{
    Command c = { .kind = CMD_SELECT };
    c.u.selection = (Selection){ kind, id };
    return c;
}
static inline Command cmd_simple(CommandKind kind)
{
    Command c = { .kind = kind };
    return c;
}
static inline Command cmd_toggle(CommandKind kind, Toggle on)
{
    Command c = { .kind = kind };
    c.u.toggle = on;
    return c;
}

#endif
