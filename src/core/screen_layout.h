/* screen_layout: where everything goes on screen, computed once per change of
 * the viewport or of what is open, in one place.
 *
 * The map, the side panel (or, on narrow screens, the bottom sheet), the
 * timeline strip, the search box, the button column, the map key's corner,
 * the toast and the notice all get their rectangle here, so the UI draws into
 * them, the core hit-tests and keeps markers clear of them, and flights frame
 * their target in what is left, all from the same numbers.
 * Positions are css px, origin top-left. Depends on the C library only. */
#ifndef STEPPE_SCREEN_LAYOUT_H
#define STEPPE_SCREEN_LAYOUT_H

#include <stdbool.h>

typedef struct RectCss { float x, y, w, h; } RectCss;

#define SCREEN_NARROW_BELOW_CSS 640.0f  /* narrower than this: a bottom sheet, not a side panel */
#define SCREEN_TIMELINE_HEIGHT_CSS 88.0f /* years and switches at core/text_sizes.h's sizes */
#define SCREEN_PANEL_PAD_CSS 20.0f
#define SCREEN_PANEL_HEADER_CSS 46.0f
#define SCREEN_BUTTON_CSS 34.0f
#define SCREEN_SEARCH_HEIGHT_CSS 36.0f
#define SCREEN_MARGIN_CSS 12.0f
/* The band along the top the search box takes (its margin, its height and a gap): what lies below it is clear */
#define SCREEN_TOP_BAND_CSS (SCREEN_MARGIN_CSS + SCREEN_SEARCH_HEIGHT_CSS + 8.0f)

/* What decides the layout besides the viewport. */
typedef struct ScreenInputs {
    double width_css, height_css;
    bool panel_visible;        /* a selection's panel is open */
    bool has_selection;        /* something is selected (the "Details" button shows when the panel is closed) */
    bool has_tours;            /* the bundle has guided tours (the "Tours" button shows) */
    bool tour_playing;         /* the panel is a tour's slide: its header holds the stops' progress bar */
    bool hint_visible;         /* the first visit's hint shows under the search box */
} ScreenInputs;

typedef enum ScreenButton {
    SCREEN_BUTTON_NONE, SCREEN_BUTTON_CLOSE, SCREEN_BUTTON_BACK, SCREEN_BUTTON_FORWARD, SCREEN_BUTTON_OPEN_PANEL,
    SCREEN_BUTTON_ZOOM_IN, SCREEN_BUTTON_ZOOM_OUT, SCREEN_BUTTON_RESET, SCREEN_BUTTON_TOURS,
    SCREEN_BUTTON_HELP,        /* "?": every shortcut (issue 16 item 17) */
    SCREEN_BUTTON_HINT_CLOSE,  /* the first visit's hint's "×" */
    SCREEN_BUTTON_COUNT
} ScreenButton;

typedef struct ScreenLayout {
    float width, height;       /* the viewport */
    bool narrow;               /* bottom sheet instead of a side panel */
    bool panel_visible;
    RectCss panel;             /* where the panel is, open or not (flights leave room for it) */
    RectCss panel_content;     /* its scrolled text */
    RectCss buttons[SCREEN_BUTTON_COUNT]; /* w == 0: not shown */
    RectCss timeline;          /* the strip along the map's bottom */
    RectCss search;            /* the search field (its results hang below it) */
    RectCss map;               /* the part of the window the map shows in, above the timeline */
    RectCss tour_progress;     /* in a tour: the stops' bar in the panel's header (a click jumps), else w == 0 */
    RectCss title;             /* the atlas's name over the map, beside the search box (w == 0: no room) */
    RectCss hint;              /* the first visit's hint under the search box (w == 0: not shown) */
    float notice_top;          /* where a notice (a bundle that did not open) starts: under the search box, or under the hint while it shows */
    /* The exported figure (a PNG of the map, 'e'): the map with the strip
     * below it, where the figure's caption (title, sources, attribution)
     * takes the timeline's place. */
    RectCss figure, figure_caption;
    /* What the open panel hides of the map (its width beside it, or its
     * height below it) and what the timeline always hides: flights centre
     * their target in what is left. */
    double panel_inset_right_css, panel_inset_bottom_css, chrome_inset_bottom_css;
    /* Keep-outs for the edge badges: the band the search box takes at the
     * top, and the button column's corner (at its lowest, below the
     * "Details" button). */
    double edge_top_css;
    double controls_w_css, controls_h_css;
} ScreenLayout;

void screen_layout_compute(const ScreenInputs *in, ScreenLayout *out);

/* The map area (left, top, right, bottom) when the panel is open or not. */
void screen_map_area(const ScreenLayout *l, bool panel_open, double out[4]);

/* Where a second window (the presenter's) opens, in the desktop's
 * coordinates, given each display's usable area and the display the atlas
 * window is on: on another display if there is one (the teacher's laptop
 * while the atlas fills the projector), centred, 80 % of its usable area
 * and at least 640 x 480; else on the same display, centred, 800 x 600 (it
 * must leave the map to be seen); never larger than the display. false
 * when there is no display. */
bool screen_place_second_window(const RectCss *displays, int display_count, int atlas_display, RectCss *out);

/* Whether a css point lies in a rectangle (w == 0 never contains anything). */
static inline bool rect_css_contains(RectCss r, double x_css, double y_css)
{
    return r.w > 0 && x_css >= r.x && y_css >= r.y && x_css < r.x + r.w && y_css < r.y + r.h;
}

#endif
