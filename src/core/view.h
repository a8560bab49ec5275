/* view: the camera. Centre, zoom, the viewport, and the mapping between world
 * units (see geo.h) and screen pixels, in both directions.
 *
 * Screen space here is CSS/logical pixels ("css_px"), origin top-left, y down;
 * the platform layer multiplies by the device pixel ratio when it draws.
 * Zoom is stored as pixels per world unit (scale_px). Clamping of zoom and of
 * the centre happens here and nowhere else. A fly-to animation is a pure
 * function of time so it can be stepped by tests.
 * Depends on the C library only. */
#ifndef STEPPE_VIEW_H
#define STEPPE_VIEW_H

#include <stdbool.h>

typedef struct ViewLimits {
    double min_scale_px, max_scale_px;  /* zoom limits, px per world unit; 0 = default */
    double bounds[4];                   /* the centre stays inside min_x, min_y, max_x, max_y */
} ViewLimits;

typedef struct ViewFlight {
    bool active;
    double t0_ms, duration_ms;
    double from_x, from_y, from_scale;
    double to_x, to_y, to_scale;
} ViewFlight;

typedef struct View {
    double center_x, center_y;   /* world units at the middle of the viewport */
    double scale_px;             /* css px per world unit */
    double width_css, height_css;/* viewport size in css px */
    ViewLimits limits;
    ViewFlight flight;
} View;

/* Sets limits and the viewport, and fits home_bounds (world units) into it. */
void view_init(View *v, const ViewLimits *limits, double width_css, double height_css,
               const double home_bounds[4]);
/* Changes the viewport size, keeping the centre and scale (re-clamped). */
void view_resize(View *v, double width_css, double height_css);
/* Fits a world rectangle into the viewport with a margin in css px (clamped). */
void view_fit(View *v, const double bounds[4], double margin_css);

void view_world_to_screen(const View *v, double wx, double wy, double *sx, double *sy);
void view_screen_to_world(const View *v, double sx, double sy, double *wx, double *wy);

/* Pans so the world moves by (dx, dy) css px on screen (drag direction). */
void view_pan_by(View *v, double dx_css, double dy_css);
/* Multiplies the scale by factor, keeping the world point under (sx, sy) fixed
 * (unless a limit is hit, in which case the scale is clamped first). */
void view_zoom_about(View *v, double factor, double sx, double sy);

/* Starts an animated flight to a centre and scale (clamped); now_ms is any
 * monotonic clock in milliseconds. duration_ms 0 = default (~600 ms). */
void view_fly_to(View *v, double to_x, double to_y, double to_scale, double now_ms, double duration_ms);
/* Advances an active flight to now_ms. Returns true while the view is still moving. */
bool view_step(View *v, double now_ms);
/* Any user pan or zoom cancels a flight; call this before applying it. */
void view_cancel_flight(View *v);

/* The visible world rectangle (min_x, min_y, max_x, max_y). */
void view_visible_bounds(const View *v, double out[4]);
/* Whether a world bounding box {x0, y0, x1, y1} meets the visible rectangle. */
static inline bool view_bbox_visible(const float bbox[4], const double visible[4])
{
    return !(bbox[2] < visible[0] || bbox[0] > visible[2] || bbox[3] < visible[1] || bbox[1] > visible[3]);
}

#endif
