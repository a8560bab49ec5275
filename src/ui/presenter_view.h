/* presenter_view: the presenter view, what the teacher's laptop shows while
 * the projector shows the map (natively a second window: platform/
 * native_presenter.c; on the web web/presenter.js shows the same): the tour
 * and "stop N / M", an elapsed-time clock, the current stop's title, the
 * notes for the teacher and the slide's text (wrapped with core/text_layout),
 * the next stop, and the keys. The content is core/tour.c's
 * TourPresenterText; this file only lays it out and draws it, in the App's
 * theme and text scale, with a Renderer of its own (its window's).
 * Depends on render/ and core/, never on the platform layer. */
#ifndef STEPPE_PRESENTER_VIEW_H
#define STEPPE_PRESENTER_VIEW_H

#include "core/tour.h"
#include "render/render.h"

/* Draws a whole frame (begin to flush, not presented) of width x height css
 * px at dpr device px per css px. */
void presenter_view_draw(Renderer *r, const App *app, const TourPresenterText *t, float width_css, float height_css,
                         float dpr);

#endif
