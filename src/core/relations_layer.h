/* relations_layer: the trade arcs of the relations layer and where their
 * figures go, as plain data (issue 16 item 6).
 *
 * An arc runs from each trade partner's capital to the other's, bowed
 * poleward like a great circle, as wide as the square root of the volume. A
 * pledged target or goal (relation kind "trade-target") is drawn dashed and
 * its label says "target … by YEAR", so it cannot be read as a volume.
 * Labels are placed where their own arc does not run through them and they
 * cover no event marker or edge badge, no map name, no control and no other
 * label (other arcs pass under their backing): along
 * the arc's visible part, above or below it, nearest its middle first; a
 * label with no free place is left out (the panel lists every figure).
 * The renderer draws every arc first and the labels over them
 * (render/markers.c). Text widths come through LabelFonts (core/labels.h).
 * Positions are css px. Depends on state.h, labels.h, event_markers.h. */
#ifndef STEPPE_RELATIONS_LAYER_H
#define STEPPE_RELATIONS_LAYER_H

#include <stdbool.h>
#include <stdint.h>

#include "labels.h"
#include "state.h"

enum { RELATION_ARC_STEPS = 64, RELATION_ARCS_MAX = 64 };

typedef struct RelationArc {
    uint32_t relation;         /* the bundle's relation id */
    bool target;               /* a pledged target, not a recorded volume */
    float width_css;           /* stroke width */
    float pts[2 * (RELATION_ARC_STEPS + 1)]; /* the curve, css px (may run far off screen) */
    bool label_shown;
    RectCss label_box;         /* the label's backing, css px */
    float label_x, label_baseline;
    char label[192];
} RelationArc;

typedef struct RelationsLayer {
    RelationArc arcs[RELATION_ARCS_MAX];
    int count;
    int labels_shown, labels_left_out;
    double key[24];            /* what the last layout depended on: an unchanged frame keeps it */
    bool valid;
} RelationsLayer;

#define RELATION_LABEL_PAD_CSS 5.0f   /* around the text, inside the backing */
#define RELATION_LABEL_HEIGHT_CSS 20.0f

/* Lays out the arcs and labels for the app's view. names: the map's names
 * as placed for this view (may be NULL). Nothing when the layer is off.
 * Returns at once when nothing it depends on changed since the last call
 * (the view, the layers, the filter, the controls, the markers and names). */
void relations_layout(RelationsLayer *out, const App *app, const LabelFonts *fonts, const LabelPlacer *names);

/* A figure as the sources give it, compactly: "$18.0 bn", "$315 m", else
 * the number and its unit. */
void relations_format_value(char *out, size_t size, double value, const char *unit);

/* Whether a segment crosses (or lies in) a rectangle grown by pad. */
bool relations_segment_hits_rect(float ax, float ay, float bx, float by, RectCss r, float pad);

#endif
