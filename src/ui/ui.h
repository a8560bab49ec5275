/* ui: the panel and the controls drawn over the map.
 *
 * Immediate-mode in spirit, with a layout kept between frames: ui_update
 * reads the frame's input against the layout (so a click on the panel never
 * reaches the map) and emits commands; ui_draw draws into the core's screen
 * layout. Panel
 * text comes from core/panel.c as styled blocks and is wrapped here with the
 * renderer's font metrics. Positions are css px.
 * Depends on render/ and core/, never on the platform layer. */
#ifndef STEPPE_UI_H
#define STEPPE_UI_H

#include <stdbool.h>

#include "core/app.h"
#include "core/command.h"
#include "core/gesture.h"
#include "core/panel.h"
#include "render/render.h"
#include "ui/search_box.h"
#include "ui/timeline_bar.h"

typedef struct UiRect { float x, y, w, h; } UiRect;

/* A face at one size, for the core's text measuring (TextMetrics.user). */
typedef struct UiFontSize { const Font *font; float px; } UiFontSize;

typedef struct UiLine {
    int block;               /* index into the PanelDoc */
    uint32_t start, end;     /* byte range of the block's text */
    float x, y;              /* baseline start, relative to the content's top-left */
    float width;
} UiLine;

#define UI_MAX_LINES 2048

/* The buttons, in the screen layout's order (core/screen_layout.h). */
typedef enum UiButton {
    UI_BUTTON_NONE = SCREEN_BUTTON_NONE, UI_BUTTON_CLOSE = SCREEN_BUTTON_CLOSE, UI_BUTTON_BACK = SCREEN_BUTTON_BACK,
    UI_BUTTON_FORWARD = SCREEN_BUTTON_FORWARD, UI_BUTTON_OPEN_PANEL = SCREEN_BUTTON_OPEN_PANEL,
    UI_BUTTON_ZOOM_IN = SCREEN_BUTTON_ZOOM_IN, UI_BUTTON_ZOOM_OUT = SCREEN_BUTTON_ZOOM_OUT,
    UI_BUTTON_RESET = SCREEN_BUTTON_RESET, UI_BUTTON_TOURS = SCREEN_BUTTON_TOURS, UI_BUTTON_HELP = SCREEN_BUTTON_HELP,
    UI_BUTTON_HINT_CLOSE = SCREEN_BUTTON_HINT_CLOSE, UI_BUTTON_COUNT = SCREEN_BUTTON_COUNT
} UiButton;

typedef struct Ui {
    Renderer *r;
    /* layout, css px */
    float width, height;
    bool narrow;             /* bottom sheet instead of a side panel */
    UiRect panel, panel_content;
    UiRect tour_progress;    /* the stops' bar in a tour's header */
    bool hover_progress;
    UiRect title, hint;      /* the atlas's name, the first visit's hint (w == 0: not shown) */
    UiRect help_card;        /* the '?' card when it is open (ui_draw sizes it to its rows) */
    bool pressed_on_help;
    bool pressed_on_progress; /* the current press began on a tour's stops' bar */    /* the current press began while the card was open: its release closes it */
    UiRect buttons[UI_BUTTON_COUNT];
    TimelineBar timeline;
    SearchBox search;
    float map_right, map_bottom; /* the part of the window the map shows in, above the timeline */
    /* panel document and its wrapped lines */
    PanelDoc doc;
    bool doc_valid;
    uint32_t doc_generation; /* bumped when the document or its wrapping changes (the panel layer's key) */
    float wrapped_width;     /* content width the lines were wrapped for */
    UiLine lines[UI_MAX_LINES];
    int line_count;
    float content_height;
    float scroll_y;
    /* The panel of what the pointer rests on, laid out in an idle frame
     * (ui_idle): a click on it swaps it in instead of building and
     * wrapping the document in the click's own frame. */
    PanelDoc spare_doc;
    UiLine spare_lines[UI_MAX_LINES];
    int spare_line_count;
    float spare_content_height, spare_width, spare_dpr;
    uint32_t spare_generation;
    bool spare_valid;
    bool search_prepared;         /* ui_idle has built the search index (or tried) */
    uint32_t generations;    /* the last generation given to a document laid out */
    /* pointer state */
    int hover_line;          /* a link line under the pointer, -1 = none */
    UiButton hover_button;
    UiButton pressed_button; /* the button the current press began on (it acts on release over it) */
    bool pressed_on_panel;   /* the current press began on the panel */
    bool dragging_panel;
    float drag_last_y;
    bool dirty;              /* something only the UI shows changed (a hover, a scroll): draw again */
    UiFontSize label_font;   /* the edge badges' names (render/markers.c draws them, TEXT_PLACE_CSS bold) */
    TextMetrics label_metrics;
} Ui;

/* Sets up the UI for a bundle. Its search index is built by the first idle
 * frame (ui_idle) or the first query, whichever comes first. */
void ui_init(Ui *ui, Renderer *r, const Bundle *bundle);
void ui_shutdown(Ui *ui);
/* Rasterises the glyphs panels use most, ahead of the first click (idle time). */
void ui_prewarm(Ui *ui, float dpr);

/* Handles the frame's input aimed at the UI, clearing from *in the keys and
 * text it used, and queues the commands its buttons, links and widgets mean.
 * Returns true if the pointer is over the UI, in which case the caller must
 * not give pointer, click or wheel input to the map this frame. */
bool ui_update(Ui *ui, const App *app, AppInput *in, CommandQueue *out);
/* Metrics of the font the edge badges' names are drawn in, css px, for the
 * core's marker layout (CMD_SET_LABEL_METRICS); they live as long as the Ui. */
const TextMetrics *ui_edge_label_metrics(Ui *ui);
/* A link line of the panel as laid out now (css px), for tests and embedders. */
typedef struct UiLink {
    const char *text; size_t len;  /* the line's text (a part of its block's) */
    float x, y, w, h;              /* its box on screen; clipped lines are left out */
} UiLink;
/* The panel's link lines that are on screen now; returns how many (at most max). */
size_t ui_panel_links(Ui *ui, const App *app, UiLink *out, size_t max);

/* Idle time (a frame that draws nothing): lays out ahead the panel a click
 * would open on what the pointer rests on (a country or an event), so the
 * click's frame only swaps it in; the first idle frame with nothing of that
 * to do builds the search index. Changes nothing that is drawn. */
void ui_idle(Ui *ui, const App *app);

/* Whether the UI needs a redraw of its own since the last call. */
bool ui_take_dirty(Ui *ui);

/* Draws the UI over the map (between render_map and render_flush). */
void ui_draw(Ui *ui, const App *app);

/* Draws an exported figure's own parts over the map (drawn with the
 * renderer's `figure` set): the map key and, in the strip below the map
 * (the screen layout's figure_caption, where the timeline was), its title,
 * sources and attribution. No panel, buttons, search box, timeline, toast
 * or pointer marks. */
void ui_draw_figure(Ui *ui, const App *app);

/* The panel as plain text (what it shows), for copying and tests. */
size_t ui_panel_text(Ui *ui, const App *app, char *out, size_t out_size);

#endif
