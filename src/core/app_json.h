/* app_json: the state as JSON, for window.steppeAtlas and tests.
 *
 * Every string from the bundle goes through text_out's escaping writer, so a
 * teacher's bundle with a quote in a key cannot break the page's JSON.
 * Depends on app.h, event_markers.h and text_out.h. */
#ifndef STEPPE_APP_JSON_H
#define STEPPE_APP_JSON_H

#include "app.h"
#include "text_out.h"

/* state(): view, selection, hover, markers, layers, filter, panel. */
void app_json_state(const App *app, TextOut *out);
/* markers(): the glyphs and edge badges as drawn now, and the key's box. */
void app_json_markers(const App *app, TextOut *out);
/* events(): the events passing the filter, wherever they are. */
void app_json_events(const App *app, TextOut *out);

/* tours(): [{ id, title, stops }]. */
void app_json_tours(const App *app, TextOut *out);
/* The page's screen-reader mirror (web/steppe.js): the countries with
 * content (a profile, key figures, relations or events) as {key, name, focus
 * (Central Asian)}, the events passing the filter (at most max_events, in id
 * order; "more" counts the rest) as {key, title, date, when (YYYYMMDD,
 * for sorting), category, place}, and the categories as {name, label, on,
 * count (in the year range)}. */
void app_json_mirror(const App *app, TextOut *out, unsigned max_events);

/* app_json_state into a fixed buffer; returns the length stored. */
int app_state_json(const App *app, char *out, int out_size);

#endif
