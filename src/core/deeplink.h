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
 *   tour=ID&stop=N     a guided tour at stop N (1-based); written alone while a
 *                      tour plays (the stop says what the map shows)
 *   ts=PERCENT         text scale, 100..250 (omitted at 100)
 *   quiz=SEED&qn=N     a seeded quiz of N questions (5, 10, 20; default 10),
 *                      with t= and f= as its filter: every student opening the
 *                      link is asked the same questions
 * e.g.  c=KAZ&v=48.00000,67.00000,1.50&t=2018-2019&f=diplomacy,trade
 * Keys are percent-encoded where needed. Reading is for untrusted input: each
 * malformed or unknown field is skipped and counted, the rest still applies,
 * input is read up to DEEPLINK_MAX_INPUT bytes, and nothing can crash it.
 * Depends on the C library, bundle.h, geo.h, view.h and state.h. */
#ifndef STEPPE_DEEPLINK_H
#define STEPPE_DEEPLINK_H

#include <stdbool.h>
#include <stddef.h>

#include "state.h"

#define DEEPLINK_MAX_INPUT 4096
#define DEEPLINK_MAX_FIELD 256

typedef struct DeeplinkReport {
    int applied;        /* fields understood */
    int ignored;        /* fields malformed, unknown, out of range or naming nothing */
    char first_problem[128]; /* e.g. "v: latitude 95 out of range" ("" if none) */
} DeeplinkReport;

/* What a state string says, checked against the bundle. Fields it leaves out
 * are at their defaults (has_* false, the default theme, English names). */
typedef struct DeeplinkState {
    Selection selection;            /* SELECTION_NONE if none (or none valid) */
    bool has_view;
    double lat_deg, lon_deg, zoom;  /* zoom: log2 of the scale over the home view's */
    bool has_years;
    int year_from, year_to;
    bool has_categories;
    uint32_t category_mask;
    bool has_layers;
    uint32_t layers;
    bool local_names;
    ThemeId theme;
    bool panel_closed;
    uint32_t tour;                  /* tour=KEY: a bundle tour id, 0 if none */
    uint32_t tour_stop;             /* stop=N (1-based in the string), 0-based here */
    bool has_quiz;                  /* quiz=SEED */
    uint32_t quiz_seed;
    int quiz_count;                 /* qn=N (5, 10 or 20); 0 if not given */
    int text_scale_percent;         /* ts=PERCENT (100..250); 0 if not given */
} DeeplinkState;

/* Writes the state of app into out (always NUL-terminated). Returns the length
 * it needed, like snprintf; the output is cut if out_size is too small. */
size_t deeplink_write(const App *app, char *out, size_t out_size);

/* Reads a state string (a leading '#' is allowed) into *out, checking keys
 * against app's bundle and years against its timeline. Changes nothing: the
 * CMD_APPLY_STATE command applies the result. report may be NULL. */
void deeplink_parse(const App *app, const char *text, DeeplinkState *out, DeeplinkReport *report);

/* The part of a state string that names the selection ("c=KAZ"), for deciding
 * whether a change is a new history entry. Writes "" for no selection. */
void deeplink_selection(const App *app, char *out, size_t out_size);

#endif
