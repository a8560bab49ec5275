/* screen_layout: every rectangle on screen. See screen_layout.h.
 * Computed in float, as the UI draws in float: the same expressions give the
 * same pixels whichever module asks. */
#include "screen_layout.h"

#include <math.h>
#include <string.h>

void screen_layout_compute(const ScreenInputs *in, ScreenLayout *out)
{
    ScreenLayout l;
    memset(&l, 0, sizeof l);
    float w = (float)in->width_css, h = (float)in->height_css;
    const float B = SCREEN_BUTTON_CSS, M = SCREEN_MARGIN_CSS;
    l.width = w;
    l.height = h;
    l.narrow = w < SCREEN_NARROW_BELOW_CSS;
    l.panel_visible = in->panel_visible;
    if (l.narrow) {
        l.panel = (RectCss){ 0, floorf(h * 0.52f), w, h - floorf(h * 0.52f) };
    } else {
        /* The map first: under a third of the width (it had been 42 % at
         * 1024 px), never so narrow that body text wraps every few words. */
        float pw = fminf(fmaxf(w * 0.31f, 300.0f), 460.0f);
        l.panel = (RectCss){ w - pw, 0, pw, h };
    }
    RectCss p = l.panel;
    l.panel_content = (RectCss){ p.x + SCREEN_PANEL_PAD_CSS, p.y + SCREEN_PANEL_HEADER_CSS,
                                 p.w - 2 * SCREEN_PANEL_PAD_CSS, p.h - SCREEN_PANEL_HEADER_CSS - 8 };
    if (in->panel_visible) {
        l.buttons[SCREEN_BUTTON_BACK] = (RectCss){ p.x + 8, p.y + 6, B, B };
        l.buttons[SCREEN_BUTTON_FORWARD] = (RectCss){ p.x + 8 + B + 4, p.y + 6, B, B };
        l.buttons[SCREEN_BUTTON_CLOSE] = (RectCss){ p.x + p.w - B - 8, p.y + 6, B, B };
    } else if (in->has_selection) {
        l.buttons[SCREEN_BUTTON_OPEN_PANEL] = l.narrow ? (RectCss){ w / 2 - 60, h - 44, 120, 36 }
                                                       : (RectCss){ w - 112, 12, 100, 36 };
    }
    float map_right = in->panel_visible && !l.narrow ? p.x : w;
    float sheet_top = in->panel_visible && l.narrow ? p.y : h;
    l.timeline = (RectCss){ 0, sheet_top - SCREEN_TIMELINE_HEIGHT_CSS, map_right, SCREEN_TIMELINE_HEIGHT_CSS };
    l.search = (RectCss){ M, M, fminf(340.0f, map_right - B - 40), SCREEN_SEARCH_HEIGHT_CSS };
    l.map = (RectCss){ 0, 0, map_right, sheet_top - SCREEN_TIMELINE_HEIGHT_CSS };
    l.figure = (RectCss){ 0, 0, map_right, sheet_top };
    l.figure_caption = l.timeline;

    /* The zoom and home buttons, a column in the map's top-right corner,
     * below the "Details" button when that shows there, and "Tours" under
     * it; where the map is too short for the column (a large text scale, a
     * bottom sheet), one row along the top instead, beside a shorter search
     * box. */
    float zx = map_right - B - M, zy = l.buttons[SCREEN_BUTTON_OPEN_PANEL].w > 0 && !l.narrow ? 60.0f : M;
    float column_bottom = zy + 4 * (B + 4) + (in->has_tours ? 4 + 30 : -4);
    bool row = column_bottom > l.map.y + l.map.h - 8;
    float row_left = zx;       /* the leftmost button of the column or the row */
    if (!row) {
        l.buttons[SCREEN_BUTTON_ZOOM_IN] = (RectCss){ zx, zy, B, B };
        l.buttons[SCREEN_BUTTON_ZOOM_OUT] = (RectCss){ zx, zy + B + 4, B, B };
        l.buttons[SCREEN_BUTTON_RESET] = (RectCss){ zx, zy + 2 * (B + 4), B, B };
        l.buttons[SCREEN_BUTTON_HELP] = (RectCss){ zx, zy + 3 * (B + 4), B, B };
        if (in->has_tours) l.buttons[SCREEN_BUTTON_TOURS] = (RectCss){ map_right - M - 58, zy + 4 * (B + 4) + 4, 58, 30 };
        if (in->has_tours) row_left = map_right - M - 58;
        if (l.buttons[SCREEN_BUTTON_OPEN_PANEL].w > 0 && !l.narrow) row_left = fminf(row_left, l.buttons[SCREEN_BUTTON_OPEN_PANEL].x);
    } else {
        float x = map_right - M;
        if (in->has_tours) l.buttons[SCREEN_BUTTON_TOURS] = (RectCss){ x -= 58, M + 2, 58, 30 }, x -= 4;
        l.buttons[SCREEN_BUTTON_HELP] = (RectCss){ x -= B, M, B, B }, x -= 4;
        l.buttons[SCREEN_BUTTON_RESET] = (RectCss){ x -= B, M, B, B };
        l.buttons[SCREEN_BUTTON_ZOOM_OUT] = (RectCss){ x -= B + 4, M, B, B };
        l.buttons[SCREEN_BUTTON_ZOOM_IN] = (RectCss){ x -= B + 4, M, B, B };
        if (l.buttons[SCREEN_BUTTON_OPEN_PANEL].w > 0 && !l.narrow) /* "Details" goes below the row */
            l.buttons[SCREEN_BUTTON_OPEN_PANEL].y = M + B + 8;
        l.search.w = fmaxf(60.0f, fminf(l.search.w, x - 8 - l.search.x));
        row_left = x;
    }
    /* The title beside the search box, where the controls leave room for
     * at least the short one ("Steppe Atlas", ~100 px at 15 px bold). */
    float title_x = l.search.x + l.search.w + 16, title_w = row_left - 12 - title_x;
    if (title_w >= 110) l.title = (RectCss){ title_x, M, title_w, SCREEN_SEARCH_HEIGHT_CSS };
    /* The hint hangs under the search box, a little wider than it where
     * the map allows; its "×" at its right end. */
    if (in->hint_visible) {
        float hw = fminf(440.0f, map_right - 2 * M - B - M);
        l.hint = (RectCss){ M, SCREEN_TOP_BAND_CSS, hw, hw >= 400 ? 62.0f : 100.0f };
        l.buttons[SCREEN_BUTTON_HINT_CLOSE] = (RectCss){ l.hint.x + hw - 32, l.hint.y + 4, 28, 28 };
    }
    if (in->panel_visible && in->tour_playing) {
        float x0 = l.buttons[SCREEN_BUTTON_FORWARD].x + B + 12, x1 = l.buttons[SCREEN_BUTTON_CLOSE].x - 12;
        l.tour_progress = (RectCss){ x0, p.y + 6 + B / 2 - 7, x1 > x0 ? x1 - x0 : 0, 14 };
    }

    l.panel_inset_right_css = l.narrow ? 0 : p.w;
    l.panel_inset_bottom_css = l.narrow ? p.h : 0;
    l.chrome_inset_bottom_css = SCREEN_TIMELINE_HEIGHT_CSS;
    l.edge_top_css = SCREEN_TOP_BAND_CSS;                        /* 56 */
    if (l.hint.w > 0) l.edge_top_css = l.hint.y + l.hint.h + 8;  /* ... below the hint while it shows */
    l.notice_top = (float)l.edge_top_css;                        /* a notice on a first visit goes under the hint, not over it */
    l.controls_w_css = M + B + M;                                /* 58 */
    l.controls_h_css = 60.0 + 4 * B + 3 * 4 + 8;                 /* 216: the column at its lowest, and a gap */
    if (in->has_tours) l.controls_h_css += 4 + 30 + 4;           /* ... and "Tours" under it */
    if (in->has_tours) l.controls_w_css = M + 58 + M;
    if (row) { /* the row: as wide as its buttons, as tall as one */
        l.controls_w_css = map_right - l.buttons[SCREEN_BUTTON_ZOOM_IN].x + M;
        l.controls_h_css = M + B + 8;
        if (l.buttons[SCREEN_BUTTON_OPEN_PANEL].w > 0 && !l.narrow) l.controls_h_css += 36 + 8;
    }
    *out = l;
}

void screen_map_area(const ScreenLayout *l, bool panel_open, double out[4])
{
    out[0] = 0;
    out[1] = 0;
    out[2] = (double)l->width - (panel_open ? l->panel_inset_right_css : 0);
    out[3] = (double)l->height - (panel_open ? l->panel_inset_bottom_css : 0) - l->chrome_inset_bottom_css;
}

bool screen_place_second_window(const RectCss *displays, int display_count, int atlas_display, RectCss *out)
{
    if (display_count <= 0) return false;
    int d = atlas_display >= 0 && atlas_display < display_count ? atlas_display : 0;
    if (display_count > 1) d = (d + 1) % display_count; /* the next display: with two, the other one */
    RectCss u = displays[d];
    /* Alone on the atlas's display it must leave the map to be seen. */
    float w = display_count > 1 ? fmaxf(640.0f, roundf(u.w * 0.8f)) : 800.0f;
    float h = display_count > 1 ? fmaxf(480.0f, roundf(u.h * 0.8f)) : 600.0f;
    w = fminf(u.w, w);
    h = fminf(u.h, h);
    *out = (RectCss){ u.x + roundf((u.w - w) / 2), u.y + roundf((u.h - h) / 2), w, h };
    return true;
}
