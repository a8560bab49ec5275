/* timeline_bar: the strip along the bottom of the map: a play button, a track
 * from the first to the last year with a tick per event (in its category's
 * colour), the selected year range with two handles, and a row of category
 * switches with their counts. It changes the filter through commands.
 * Positions are css px. */
#ifndef STEPPE_TIMELINE_BAR_H
#define STEPPE_TIMELINE_BAR_H

#include <stdbool.h>

#include "core/app.h"
#include "core/command.h"
#include "core/gesture.h"
#include "render/render.h"

typedef struct TimelineBar {
    float x, y, w, h;              /* the whole strip */
    float play_x, play_y, play_size;
    float track_x0, track_x1, track_y;
    float chip_x[CATEGORY_COUNT], chip_w[CATEGORY_COUNT], chip_y, chip_h;
    bool compact;                  /* narrow screens: chips show colour and count only */
    int dragging;                  /* 0 none, 1 start handle, 2 end handle, 3 new range */
    int drag_anchor_year;
    int hover_chip;                /* -1 = none */
    bool hover_play;
    bool dirty;                    /* its hover changed: draw again */
} TimelineBar;

#define TIMELINE_BAR_HEIGHT SCREEN_TIMELINE_HEIGHT_CSS

/* Places the strip in a rectangle (the map area's bottom). */
void timeline_bar_layout(TimelineBar *bar, Renderer *r, float x, float y, float w);
/* Handles pointer input on the strip; returns true if it used the pointer. */
bool timeline_bar_update(TimelineBar *bar, const App *app, const AppInput *in, CommandQueue *out);
void timeline_bar_draw(const TimelineBar *bar, Renderer *r, const App *app);

#endif
