/* search_box: the type-ahead box at the top left of the map.
 *
 * '/' or Ctrl+F focuses it; typed text arrives through SDL text input (so
 * composed characters and on-screen keyboards work); results update as you
 * type; Up/Down move through them, Enter or a click selects one and the map
 * flies there; Escape leaves the box. Matching and ranking live in the core
 * (core/search.c); this file only edits the query and draws. Positions are css px. */
#ifndef STEPPE_SEARCH_BOX_H
#define STEPPE_SEARCH_BOX_H

#include <stdbool.h>

#include "core/app.h"
#include "core/command.h"
#include "core/gesture.h"
#include "core/search.h"
#include "render/render.h"

#define SEARCH_QUERY_MAX 128
#define SEARCH_SHOWN_MAX 8

typedef struct SearchBox {
    float x, y, w, h;              /* the input field */
    bool focused;
    char query[SEARCH_QUERY_MAX];  /* UTF-8 */
    SearchIndex *index;            /* built once from the bundle */
    SearchResult results[SEARCH_SHOWN_MAX];
    int result_count;
    int highlighted;               /* -1 = none */
    int hover;                     /* result under the pointer, -1 = none */
    double caret_blink_ms;
    bool dirty;                    /* focus, text or results changed: draw again */
} SearchBox;

/* Builds the index. Returns false if memory runs out (the box then stays inert). */
bool search_box_init(SearchBox *box, const Bundle *bundle);
void search_box_free(SearchBox *box);
void search_box_layout(SearchBox *box, float x, float y, float w);
/* Handles input; clears the keys and text it used from *in so the map does not
 * also act on them. Returns true if the pointer is over the box or its list. */
bool search_box_update(SearchBox *box, const App *app, AppInput *in, CommandQueue *out);
void search_box_draw(const SearchBox *box, Renderer *r, const App *app);

#endif
