/* search_box: the type-ahead box at the top left of the map.
 *
 * '/' or Ctrl+F focuses it; typed text arrives through SDL text input (so
 * composed characters and on-screen keyboards work) and is edited like any
 * text field (core/text_field.h: caret, Shift-selection, Home/End, word
 * keys, select all), applying AppInput.edits in the order they came.
 *
 * Phones (web/search_input.js): where touch is the input (a coarse pointer,
 * or the first touch), a real <input type="search"> lies over the field (its
 * rectangle from steppe_search_json, page css px), so a tap raises the
 * on-screen keyboard. Focused, the <input> shows the query, its caret and
 * selection and an IME's composition itself (native caret, selection handles
 * and composition underline stay on the text they belong to), and the canvas
 * draws the field's frame and the results without its text (page_input).
 * Every edit sends the whole text with its caret (search_box_set_text), so
 * the results are those of what the <input> shows. Enter selects the
 * highlighted (first) result, Up and Down move it, Esc closes; losing the
 * focus to the map leaves the press to the canvas (a result tapped is
 * chosen, elsewhere closes), to anything else closes the box. Screen readers
 * get the <input> as a labelled combobox over a listbox of the results. With
 * a mouse and keyboard the <input> is not shown and the canvas takes the keys.
 *
 * Results update as you type; a hit in a panel's text
 * shows the words that matched in their sentence; when there are more than
 * fit, the list scrolls (wheel, Up/Down) and its last row says how many
 * there are. Enter or a click selects one and the map flies there; Escape
 * leaves the box. Matching and ranking live in the core (core/search.c);
 * this file only edits the query and draws. Positions are css px. */
#ifndef STEPPE_SEARCH_BOX_H
#define STEPPE_SEARCH_BOX_H

#include <stdbool.h>

#include "core/app.h"
#include "core/command.h"
#include "core/gesture.h"
#include "core/search.h"
#include "render/render.h"

#include "core/text_field.h"

#define SEARCH_QUERY_MAX TEXT_FIELD_MAX
#define SEARCH_SHOWN_MAX 8    /* rows at most, fewer where the map is short */
#define SEARCH_RESULTS_MAX 40 /* results kept to scroll through */

typedef struct SearchBox {
    float x, y, w, h;              /* the input field */
    float list_bottom;             /* the result list ends above this */
    bool focused;
    /* The web page's own <input> lies over the field and shows the query,
     * its caret and selection (phones: it raises the on-screen keyboard):
     * the canvas draws the field's frame without its text. */
    bool page_input;
    TextField field;               /* the query (UTF-8), its caret and selection */
    const Bundle *bundle;          /* what the index is built from */
    SearchIndex *index;            /* built once from the bundle, on first need (NULL before) */
    SearchResult results[SEARCH_RESULTS_MAX];
    int result_count;
    size_t total;                  /* how many records match (may be more than result_count) */
    int first;                     /* the first result row shown (the list's scroll) */
    int highlighted;               /* -1 = none */
    int hover;                     /* result under the pointer, -1 = none */
    double caret_blink_ms;
    bool dirty;                    /* focus, text or results changed: draw again */
} SearchBox;

/* An empty box for the bundle. Its index is built by search_box_prepare: in
 * an idle frame (ui_idle) or by the first query, not on the first load's
 * path (it took about 15 ms of the web page's first frame; issue 15). */
void search_box_init(SearchBox *box, const Bundle *bundle);
/* Builds the index if it is not built yet. Returns false if memory runs out
 * (the box then finds nothing, and tries again on the next query). */
bool search_box_prepare(SearchBox *box);
void search_box_free(SearchBox *box);
/* The field's rectangle; the result list hangs below it down to list_bottom at most. */
void search_box_layout(SearchBox *box, float x, float y, float w, float list_bottom);
/* How many result rows show (the rest scroll). */
int search_box_rows(const SearchBox *box);
/* Sets the query, caret and anchor (byte offsets) at once and focuses the
 * box: the page's own text input on phones. */
void search_box_set_text(SearchBox *box, const char *text, size_t caret, size_t anchor);
/* Moves the highlight one result down (dir > 0) or up, as Down and Up do. */
void search_box_step(SearchBox *box, int dir);
/* What Enter does: selects the highlighted result (*out) and leaves the box,
 * its query cleared. Returns false, changing nothing, if there is none. */
bool search_box_take(SearchBox *box, Selection *out);
/* Leaves the box, keeping its query (as Escape does). */
void search_box_close(SearchBox *box);
/* Handles input; clears the keys and text it used from *in so the map does not
 * also act on them. Returns true if the pointer is over the box or its list. */
bool search_box_update(SearchBox *box, const App *app, AppInput *in, CommandQueue *out);
void search_box_draw(const SearchBox *box, Renderer *r, const App *app);

#endif
