/* labels: where the map's country and place names go, as plain data.
 *
 * Country names by rank, capitals (Central Asia's first), other places once
 * zoomed in; each placed only where it overlaps no name placed before it (a
 * grid of cells over the view, so a name is checked against its neighbours
 * only: a bundle may have 100,000 places), kept clear of every place that
 * has event markers, tried right, left, below and above its dot. The
 * renderer draws what labels_place leaves in `placed` (render/labels.c).
 * Text widths and displayed names (local or English, as the fonts can draw
 * them) come from the caller through LabelFonts. Positions are css px.
 * Depends on state.h. */
#ifndef STEPPE_LABELS_H
#define STEPPE_LABELS_H

#include <stdbool.h>
#include <stdint.h>

#include "screen_layout.h"
#include "state.h"

enum { LABEL_FACE_REGULAR = 0, LABEL_FACE_BOLD = 1 }; /* the renderer's FACE_* */

typedef struct LabelFonts {
    float (*width)(void *user, int face, float size_css, const char *utf8); /* css px */
    const char *(*display_name)(void *user, const App *app, const char *english, const char *local);
    void *user;
} LabelFonts;

typedef struct PlacedLabel {
    RectCss box;               /* what it takes, css px */
    float x, y, size;          /* text origin and size, css px */
    int face;                  /* LABEL_FACE_* */
    const char *text;          /* in the bundle */
    bool minor;                /* the theme's minor label colour */
    float dot_x, dot_y, dot_halo, dot_radius; /* a place's dot; dot_radius 0 for none */
} PlacedLabel;

typedef struct LabelEntry { int box, next; } LabelEntry;

typedef struct LabelPlacer {
    RectCss *boxes;            /* placed rectangles, for collision */
    int box_count, box_cap;
    int *cell_head;            /* first entry per grid cell, -1 = none */
    int cells_w, cells_h, cell_cap;
    float grid_x0, grid_y0;
    LabelEntry *entries;
    int entry_count, entry_cap;
    uint8_t *place_rank;       /* per place: 0 focus capital, 1 capital, 2 other, 3 never named */
    uint32_t place_rank_count;
    PlacedLabel *placed;       /* the result, in drawing order */
    int placed_count, placed_cap;
} LabelPlacer;

/* Places the names for the App's view and layers (none when the labels
 * layer is off). */
void labels_place(LabelPlacer *r, const App *app, const LabelFonts *fonts);
void labels_free(LabelPlacer *r);

#endif
