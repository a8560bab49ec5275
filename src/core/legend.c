/* legend: the key's layout and the scale bar's length. See legend.h. */
#include "legend.h"

#include <math.h>

void legend_layout(const App *app, LegendLayout *out)
{
    const View *v = &app->view;
    double bottom = v->height_css - app->screen.chrome_inset_bottom_css -
                    (app_panel_open(app) ? app->screen.panel_inset_bottom_css : 0) - LEGEND_MARGIN_CSS;
    LegendLayout l = { 0 };
    /* Open by default, folded by default where it would hide much of a small map. */
    bool small = v->width_css < LEGEND_SMALL_WIDTH_CSS || v->height_css < LEGEND_SMALL_HEIGHT_CSS;
    l.open = small ? app->display.legend_flipped : !app->display.legend_flipped;
    l.arcs = l.open && (app->display.layers & LAYER_RELATIONS) != 0;
    l.category_rows = l.open ? (CATEGORY_COUNT + 2) / 3 : 0;
    double h = LEGEND_HEADER_CSS + LEGEND_SCALE_CSS + LEGEND_PAD_CSS / 2;
    if (l.open) {
        h += l.category_rows * LEGEND_ROW_CSS + 6;   /* symbols by category */
        h += 2 * LEGEND_ROW_CSS;                      /* clusters, edge indicators */
        if (l.arcs) h += LEGEND_ROW_CSS;              /* trade arcs */
        h += 2 * 15.0;                                /* the projection, two short lines */
    }
    l.w = l.open ? LEGEND_WIDTH_CSS : LEGEND_FOLDED_WIDTH_CSS;
    l.h = h;
    l.x = LEGEND_MARGIN_CSS;
    l.y = bottom - h;
    l.toggle[0] = l.x;
    l.toggle[1] = l.y;
    l.toggle[2] = l.w;
    l.toggle[3] = LEGEND_HEADER_CSS;
    l.scale_y = l.y + l.h - LEGEND_SCALE_CSS - LEGEND_PAD_CSS / 2;
    *out = l;
}

bool legend_contains(const LegendLayout *l, double x, double y, bool *on_toggle)
{
    bool inside = x >= l->x && x <= l->x + l->w && y >= l->y && y <= l->y + l->h;
    if (on_toggle)
        *on_toggle = inside && x >= l->toggle[0] && x <= l->toggle[0] + l->toggle[2] && y >= l->toggle[1] &&
                     y <= l->toggle[1] + l->toggle[3];
    return inside;
}

bool legend_scale_bar(const App *app, double max_px, double *km, double *px)
{
    /* Kilometres per css px along a short horizontal stretch through the centre. */
    const View *v = &app->view;
    const double half = 50;
    double cx = v->width_css / 2, cy = v->height_css / 2, wx, wy, lon0, lat0, lon1, lat1;
    view_screen_to_world(v, cx - half, cy, &wx, &wy);
    if (!geo_unproject(&app->projection, (WorldPoint){ wx, wy }, &lon0, &lat0)) return false;
    view_screen_to_world(v, cx + half, cy, &wx, &wy);
    if (!geo_unproject(&app->projection, (WorldPoint){ wx, wy }, &lon1, &lat1)) return false;
    double km_per_px = geo_distance_km(lon0, lat0, lon1, lat1) / (2 * half);
    if (!(km_per_px > 0) || !isfinite(km_per_px) || !(max_px > 0)) return false;
    double target = max_px * km_per_px, step = pow(10, floor(log10(target))), length = step;
    if (step * 5 <= target) length = step * 5;
    else if (step * 2 <= target) length = step * 2;
    *km = length;
    *px = length / km_per_px;
    return true;
}
