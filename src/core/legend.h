/* legend: where the map key sits and what its scale bar measures, as plain data.
 *
 * The key (bottom left of the map area) explains the event symbols, clusters,
 * edge indicators and, when shown, the trade arcs; it names the projection and
 * carries the scale bar. It can be folded down to a header and the scale bar
 * (a click on its header; it starts folded on small screens).
 * The renderer draws into the rectangles computed here, the app hit-tests
 * them, and the edge indicators keep clear of them, so all three agree.
 * The scale bar is measured, not assumed: an equal-area conic's scale changes
 * with latitude, so its length comes from the great-circle distance between
 * two unprojected screen points at the centre of the view.
 * Screen positions are css px. Depends on state.h, geo.h and view.h. */
#ifndef STEPPE_LEGEND_H
#define STEPPE_LEGEND_H

#include <stdbool.h>

#include "state.h"

#define LEGEND_MARGIN_CSS 10.0   /* from the map area's left and bottom edges */
#define LEGEND_WIDTH_CSS 318.0   /* its rows at core/text_sizes.h's TEXT_KEY_CSS */
#define LEGEND_FOLDED_WIDTH_CSS 180.0 /* folded: the header and the scale bar */
#define LEGEND_PAD_CSS 10.0
#define LEGEND_HEADER_CSS 26.0   /* the "Key" title row, which folds and unfolds it */
#define LEGEND_ROW_CSS 21.0      /* one row of the key */
#define LEGEND_SCALE_CSS 28.0    /* the scale bar's row */
#define LEGEND_SCALE_MAX_CSS 130.0 /* longest scale bar */
/* Below this width or height the key starts folded: at 1024 x 768 (a
 * projector) the open key hid Turkmenistan (issue 16 item 16). */
#define LEGEND_SMALL_WIDTH_CSS 1200.0
#define LEGEND_SMALL_HEIGHT_CSS 720.0

typedef struct LegendLayout {
    double x, y, w, h;          /* the whole box */
    double toggle[4];           /* the header row (x, y, w, h): a click folds or unfolds */
    bool open;                  /* showing the key, not just its header and the scale bar */
    int category_rows;          /* rows of the category grid (3 columns) */
    bool arcs;                  /* the trade-arc row is shown */
    double scale_y;             /* top of the scale bar's row */
} LegendLayout;

/* The key's boxes for the app's viewport, insets, layers and folding state. */
void legend_layout(const App *app, LegendLayout *out);

/* A scale bar for the view: the longest round length (1, 2 or 5 × 10^n km)
 * whose bar is at most max_px css px long, measured at the centre of the
 * view. Returns false (leaving *km and *px untouched) where the centre cannot
 * be unprojected. */
bool legend_scale_bar(const App *app, double max_px, double *km, double *px);

/* Whether a css point lies on the key (*on_toggle: on its header row). */
bool legend_contains(const LegendLayout *l, double x_css, double y_css, bool *on_toggle);

#endif
