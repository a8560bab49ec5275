/* view: the camera (see view.h for the API).
 *
 * Owns: centre, scale, viewport size, their clamping, the world <-> screen
 * mapping and fly-to animations. Clamping happens here and nowhere else.
 * Must not depend on: anything but the C library (no SDL, no bundle, no clock:
 * time comes in as now_ms, so tests can step flights).
 * Coordinate spaces: world units (geo.h; x east, y south) and css px (origin
 * top-left, y down). Because both spaces have y down, the mapping is a scale
 * and an offset with no flip:  screen = (world - centre) * scale_px + size / 2.
 *
 * Default zoom limits (a ViewLimits field of 0 means "use the default"):
 *   min_scale_px = the scale that fits limits.bounds into the viewport, / 1.5
 *                  (you can zoom out a little past the whole map, not further);
 *   max_scale_px = 1000 x that fit scale (for the world's bounds in a 1000 px
 *                  window about 25 m per css px, past the borders' detail).
 * Both follow the viewport, so they are recomputed on every clamp, not stored.
 * If limits.bounds is empty (max <= min), the centre is not clamped and the
 * default limits fall back to VIEW_FALLBACK_MIN/MAX_SCALE. */
#include "view.h"

#include <math.h>
#include <string.h>

#define VIEW_MIN_OUT_FACTOR 1.5      /* default min scale = bounds fit / this */
#define VIEW_MAX_IN_FACTOR 1000.0    /* default max scale = bounds fit * this */
#define VIEW_FALLBACK_MIN_SCALE 1e-3
#define VIEW_FALLBACK_MAX_SCALE 1e7
#define VIEW_DEFAULT_FLIGHT_MS 600.0
/* van Wijk & Nuij's rho: how much a flight zooms out to travel. sqrt(2) is
 * their recommendation and d3's default. */
#define VIEW_RHO 1.4142135623730951

static double viewport_w(const View *v) { return v->width_css > 1.0 ? v->width_css : 1.0; }
static double viewport_h(const View *v) { return v->height_css > 1.0 ? v->height_css : 1.0; }

static bool bounds_valid(const double b[4])
{
    return isfinite(b[0]) && isfinite(b[1]) && isfinite(b[2]) && isfinite(b[3]) &&
           b[2] > b[0] && b[3] > b[1];
}

/* The scale that fits a rectangle into w x h px; 0 if the rectangle is empty. */
static double fit_scale(const double b[4], double w, double h)
{
    double bw = b[2] - b[0], bh = b[3] - b[1];
    double sx = bw > 0 ? w / bw : INFINITY, sy = bh > 0 ? h / bh : INFINITY;
    double s = sx < sy ? sx : sy;
    return isfinite(s) ? s : 0;
}

static void scale_limits(const View *v, double *min_s, double *max_s)
{
    double lo = VIEW_FALLBACK_MIN_SCALE, hi = VIEW_FALLBACK_MAX_SCALE;
    if (bounds_valid(v->limits.bounds)) {
        double fit = fit_scale(v->limits.bounds, viewport_w(v), viewport_h(v));
        lo = fit / VIEW_MIN_OUT_FACTOR;
        hi = fit * VIEW_MAX_IN_FACTOR;
    }
    if (v->limits.min_scale_px > 0 && isfinite(v->limits.min_scale_px)) lo = v->limits.min_scale_px;
    if (v->limits.max_scale_px > 0 && isfinite(v->limits.max_scale_px)) hi = v->limits.max_scale_px;
    if (hi < lo) hi = lo;
    *min_s = lo;
    *max_s = hi;
}

static double clamp(double x, double lo, double hi) { return x < lo ? lo : x > hi ? hi : x; }

static double clamp_scale(const View *v, double s)
{
    double lo, hi;
    scale_limits(v, &lo, &hi);
    if (!isfinite(s) || s <= 0) return lo;  /* NaN or nonsense: the safest view is zoomed out */
    return clamp(s, lo, hi);
}

static void clamp_center(View *v)
{
    const double *b = v->limits.bounds;
    if (!isfinite(v->center_x)) v->center_x = bounds_valid(b) ? (b[0] + b[2]) / 2 : 0;
    if (!isfinite(v->center_y)) v->center_y = bounds_valid(b) ? (b[1] + b[3]) / 2 : 0;
    if (!bounds_valid(b)) return;
    v->center_x = clamp(v->center_x, b[0], b[2]);
    v->center_y = clamp(v->center_y, b[1], b[3]);
}

static void clamp_all(View *v)
{
    v->scale_px = clamp_scale(v, v->scale_px);
    clamp_center(v);
}

void view_init(View *v, const ViewLimits *limits, double width_css, double height_css,
               const double home_bounds[4])
{
    memset(v, 0, sizeof *v);
    if (limits) v->limits = *limits;
    v->width_css = width_css;
    v->height_css = height_css;
    view_fit(v, home_bounds, 0);
}

void view_resize(View *v, double width_css, double height_css)
{
    v->width_css = width_css;
    v->height_css = height_css;
    clamp_all(v);
}

void view_fit(View *v, const double bounds[4], double margin_css)
{
    double w = viewport_w(v), h = viewport_h(v);
    if (!(margin_css > 0) || 2 * margin_css >= w || 2 * margin_css >= h) margin_css = 0;
    double b[4] = { bounds[0], bounds[1], bounds[2], bounds[3] };
    if (!(isfinite(b[0]) && isfinite(b[1]) && isfinite(b[2]) && isfinite(b[3])) ||
        b[2] < b[0] || b[3] < b[1]) {
        clamp_all(v);  /* nothing sensible to fit: keep the view, clamped */
        return;
    }
    double s = fit_scale(b, w - 2 * margin_css, h - 2 * margin_css);
    /* A point (empty rectangle) fits at any scale: zoom in as far as allowed. */
    v->scale_px = s > 0 ? s : INFINITY;
    double lo, hi;
    scale_limits(v, &lo, &hi);
    if (!isfinite(v->scale_px)) v->scale_px = hi;
    v->center_x = (b[0] + b[2]) / 2;
    v->center_y = (b[1] + b[3]) / 2;
    clamp_all(v);
}

void view_world_to_screen(const View *v, double wx, double wy, double *sx, double *sy)
{
    *sx = (wx - v->center_x) * v->scale_px + v->width_css / 2;
    *sy = (wy - v->center_y) * v->scale_px + v->height_css / 2;
}

void view_screen_to_world(const View *v, double sx, double sy, double *wx, double *wy)
{
    double s = v->scale_px > 0 ? v->scale_px : 1.0;
    *wx = (sx - v->width_css / 2) / s + v->center_x;
    *wy = (sy - v->height_css / 2) / s + v->center_y;
}

void view_pan_by(View *v, double dx_css, double dy_css)
{
    if (!isfinite(dx_css) || !isfinite(dy_css) || !(v->scale_px > 0)) return;
    v->center_x -= dx_css / v->scale_px;
    v->center_y -= dy_css / v->scale_px;
    clamp_center(v);
}

void view_zoom_about(View *v, double factor, double sx, double sy)
{
    if (!(factor > 0) || !isfinite(factor) || !isfinite(sx) || !isfinite(sy)) return;
    double wx, wy;
    view_screen_to_world(v, sx, sy, &wx, &wy);
    v->scale_px = clamp_scale(v, v->scale_px * factor);
    /* Solve screen_to_world(sx, sy) == (wx, wy) for the new centre. */
    v->center_x = wx - (sx - v->width_css / 2) / v->scale_px;
    v->center_y = wy - (sy - v->height_css / 2) / v->scale_px;
    clamp_center(v);
}

void view_fly_to(View *v, double to_x, double to_y, double to_scale, double now_ms, double duration_ms)
{
    /* Clamp the target by running it through a copy of the view. */
    View target = *v;
    target.center_x = to_x;
    target.center_y = to_y;
    target.scale_px = to_scale;
    clamp_all(&target);
    ViewFlight *f = &v->flight;
    f->active = true;
    f->t0_ms = isfinite(now_ms) ? now_ms : 0;
    f->duration_ms = duration_ms > 0 && isfinite(duration_ms) ? duration_ms : VIEW_DEFAULT_FLIGHT_MS;
    f->from_x = v->center_x;
    f->from_y = v->center_y;
    f->from_scale = v->scale_px > 0 ? v->scale_px : target.scale_px;
    f->to_x = target.center_x;
    f->to_y = target.center_y;
    f->to_scale = target.scale_px;
}

static double ease_in_out_cubic(double t)
{
    return t < 0.5 ? 4 * t * t * t : 1 - pow(-2 * t + 2, 3) / 2;
}

/* van Wijk & Nuij, "Smooth and efficient zooming and panning" (2003), as in
 * d3.interpolateZoom: the camera zooms out while it travels far, so the
 * ground seems to move at a steady speed. Why not a plain lerp: over a long
 * trip at high zoom a lerp streaks the map past unreadably fast.
 * The view is (ux, uy, w) with w = viewport width in world units. */
static void flight_at(const ViewFlight *f, double width_css, double t, double *x, double *y, double *scale)
{
    const double rho = VIEW_RHO, rho2 = rho * rho, rho4 = rho2 * rho2;
    double w0 = width_css / f->from_scale, w1 = width_css / f->to_scale;
    double dx = f->to_x - f->from_x, dy = f->to_y - f->from_y;
    double d2 = dx * dx + dy * dy;
    double w;
    if (d2 < 1e-24 * (w0 * w0 + w1 * w1) || d2 == 0) {
        /* No travel: zoom on a log scale (and a negligible straight pan). */
        *x = f->from_x + t * dx;
        *y = f->from_y + t * dy;
        w = w0 * exp(t * log(w1 / w0));
    } else {
        double d1 = sqrt(d2);
        double b0 = (w1 * w1 - w0 * w0 + rho4 * d2) / (2 * w0 * rho2 * d1);
        double b1 = (w1 * w1 - w0 * w0 - rho4 * d2) / (2 * w1 * rho2 * d1);
        /* log(sqrt(b^2+1) - b) == -asinh(b), without the cancellation for large b */
        double r0 = -asinh(b0), r1 = -asinh(b1);
        double S = (r1 - r0) / rho;
        double s = t * S;
        double u = w0 / (rho2 * d1) * (cosh(r0) * tanh(rho * s + r0) - sinh(r0));
        *x = f->from_x + u * dx;
        *y = f->from_y + u * dy;
        w = w0 * cosh(r0) / cosh(rho * s + r0);
    }
    *scale = width_css / w;
}

bool view_step(View *v, double now_ms)
{
    ViewFlight *f = &v->flight;
    if (!f->active) return false;
    double t = (now_ms - f->t0_ms) / f->duration_ms;
    if (!(t > 0)) t = 0;  /* also catches NaN */
    if (t >= 1) {
        /* Land exactly on the target; this frame still moved, so return true
         * once, and false from the next call on. */
        v->center_x = f->to_x;
        v->center_y = f->to_y;
        v->scale_px = f->to_scale;
        f->active = false;
        clamp_all(v);
        return true;
    }
    double x, y, s;
    flight_at(f, viewport_w(v), ease_in_out_cubic(t), &x, &y, &s);
    if (isfinite(x) && isfinite(y) && isfinite(s) && s > 0) {
        v->center_x = x;
        v->center_y = y;
        v->scale_px = s;
    }
    clamp_all(v);
    return true;
}

void view_cancel_flight(View *v) { v->flight.active = false; }

void view_visible_bounds(const View *v, double out[4])
{
    view_screen_to_world(v, 0, 0, &out[0], &out[1]);
    view_screen_to_world(v, v->width_css, v->height_css, &out[2], &out[3]);
}
