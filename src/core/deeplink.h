/* deeplink: the app's state as a short, readable string — the page's URL hash
 * and the native --state option — and back.
 *
 * Grammar: fields separated by '&', each NAME=VALUE, in this order when written:
 *   c=ISO3 | p=PLACE | e=EVENT | a=ARTICLE   the selection (by stable key)
 *   v=LAT,LON,ZOOM     view centre in degrees and zoom (log2, 0 = the home view)
 *   t=FROM-TO          year range (omitted when it is the whole span)
 *   f=CAT,CAT,...      categories shown (omitted when all are)
 *   l=LAYER,...        layers shown: markers, labels, relations (omitted at the default)
 *   lang=local         place names in the local language (omitted for English)
 *   theme=contrast     the high-contrast theme (omitted for the default)
 *   panel=0            the panel is closed although something is selected
 * e.g.  c=KAZ&v=48.00000,67.00000,1.50&t=2018-2019&f=diplomacy,trade
 * Keys are percent-encoded where needed. Reading is for untrusted input: each
 * malformed or unknown field is skipped and counted, the rest still applies,
 * input is read up to DEEPLINK_MAX_INPUT bytes, and nothing can crash it.
 * Depends on the C library, bundle.h, view.h and app.h. */
#ifndef STEPPE_DEEPLINK_H
#define STEPPE_DEEPLINK_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"

#define DEEPLINK_MAX_INPUT 4096
#define DEEPLINK_MAX_FIELD 256

typedef struct DeeplinkReport {
    int applied;        /* fields applied */
    int ignored;        /* fields malformed, unknown, out of range or naming nothing */
    char first_problem[128]; /* e.g. "v: latitude 95 out of range" ("" if none) */
} DeeplinkReport;

/* Writes the state of app into out (always NUL-terminated). Returns the length
 * it needed, like snprintf; the output is cut if out_size is too small. */
size_t deeplink_write(const App *app, char *out, size_t out_size);

/* Applies a state string (a leading '#' is allowed) to app: selection (without
 * a flight), view, filter, layers, language, panel. Fields not in the string
 * keep their defaults of a fresh app (call on a freshly initialised app, or
 * accept that absent fields reset to defaults). report may be NULL. */
void deeplink_apply(App *app, const char *text, DeeplinkReport *report);

/* The part of a state string that names the selection ("c=KAZ"), for deciding
 * whether a change is a new history entry. Writes "" for no selection. */
void deeplink_selection(const App *app, char *out, size_t out_size);

#endif
