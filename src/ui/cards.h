/* ui/cards: the title, the first visit's hint and the '?' card over the
 * map (issue 16 item 17), in the rectangles core/screen_layout.c gives
 * them, and the text wrapping the UI's cards and captions share.
 * Plain rectangles and the renderer in, pixels out: it knows nothing of
 * the Ui (ui.c calls it). Depends on the renderer. */
#ifndef STEPPE_UI_CARDS_H
#define STEPPE_UI_CARDS_H

#include "render/render.h"

/* Draws text over lines as wide as w from (x, y) down, breaking at spaces;
 * returns the baseline after the last line (at most max_lines; the last one
 * ends in "…" if the text goes on). */
float ui_draw_wrapped(Renderer *r, int face, float size, float x, float y, float w, float line_h, int max_lines,
                      const char *text, Rgba color);

/* A square button with a glyph for its icon ("?"). */
void cards_draw_button(Renderer *r, RectCss rect, bool hovered, const char *glyph);
/* The atlas's name beside the search box: in full where it fits, else short. */
void cards_draw_title(Renderer *r, RectCss rect);
/* The first visit's hint under the search box, with its close button. */
void cards_draw_hint(Renderer *r, RectCss hint, RectCss close, bool close_hovered);
/* The '?' card of every key, centred on the map; returns where it is. */
RectCss cards_draw_help(Renderer *r, const App *app, float window_h);

#endif
