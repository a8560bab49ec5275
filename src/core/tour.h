/* tour: guided tours, played through commands (CMD_TOUR_*, command.h).
 *
 * A tour is content (assets/tours.json, compiled into the bundle's TOUR and
 * TSTP sections): each stop is a slide — title, 40–120 words, sources,
 * speaker notes — and a deep-link state string saying what the map shows
 * (selection, view, years, categories, layers). Playing a stop applies that
 * string as a link would, so the tour drives the atlas exactly as a user
 * does. Starting a tour remembers what the teacher had; leaving it (Esc)
 * returns there. The URL names the tour and stop (deeplink.h), so a link
 * opens the tour at that stop and the browser's back button steps back.
 * Depends on bundle.h, command.h and state.h (the presenter's keys: gesture.h). */
#ifndef STEPPE_TOUR_H
#define STEPPE_TOUR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "command_kinds.h"
#include "state.h"

/* Whether a tour plays (any stop). */
static inline bool tour_playing(const App *app) { return app->mode.kind == APP_MODE_TOUR; }

/* The stop shown now (its fields "" if no tour plays). */
BundleTourStop tour_current_stop(const App *app);

/* What the presenter view shows, for the teacher's laptop while the
 * projector shows the map: the same as the web's presenter (web/presenter.js,
 * from web_api.c's steppe_presenter_json). Strings point into the bundle or
 * into the struct; none is NULL. */
typedef struct TourPresenterText {
    bool playing;              /* a tour plays; if not, only `message` says anything */
    bool blank;                /* the atlas window is blanked */
    const char *tour_title;    /* "A Rising Global Player" */
    char where[32];            /* "stop 4 / 15" */
    const char *title;         /* the current stop's title */
    const char *text;          /* its slide text */
    const char *notes;         /* its notes for the teacher, or "(No notes for this stop.)" */
    char next[320];            /* "Next: TITLE", or "This is the last stop." */
    char clock[16];            /* time since the tour started (tour_format_clock) */
    const char *message;       /* "" while a tour plays; else what to do ("press t ...") */
} TourPresenterText;
void tour_presenter_text(const App *app, double now_ms, TourPresenterText *out);

/* Elapsed time as "mm:ss" (00:00 to 59:59), then "h:mm:ss"; below 0 is 00:00. */
void tour_format_clock(double elapsed_ms, char *out, size_t size);

/* The keys the presenter view takes (APP_KEY_* bits, core/gesture.h), as the
 * commands the atlas window's own keys give in a tour: next (Right, Down,
 * Space, Enter, PageDown), previous (Left, Up, PageUp, Backspace), the first
 * and last stop (Home, End), blank (b, .) and Esc. Writes at most 3 commands
 * and returns how many (0 when no tour plays). */
int tour_presenter_commands(const App *app, uint64_t keys_pressed, Command out[3]);

#endif
