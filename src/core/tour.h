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
 * Depends on bundle.h, command.h and state.h. */
#ifndef STEPPE_TOUR_H
#define STEPPE_TOUR_H

#include <stdbool.h>
#include <stdint.h>

#include "state.h"

/* Whether a tour plays (any stop). */
static inline bool tour_playing(const App *app) { return app->mode.kind == APP_MODE_TOUR; }

/* The stop shown now (its fields "" if no tour plays). */
BundleTourStop tour_current_stop(const App *app);

#endif
