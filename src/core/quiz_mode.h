/* quiz_mode: a quiz asked through commands (CMD_QUIZ_*, command.h); the
 * engine is quiz.h. What the rest of the atlas needs to know about it.
 * Depends on state.h. */
#ifndef STEPPE_QUIZ_MODE_H
#define STEPPE_QUIZ_MODE_H

#include <stdbool.h>

#include "state.h"

/* Whether the current question is answered by clicking the map (click the
 * country, click where): a click there is an answer, not a selection. */
bool quiz_mode_wants_map(const App *app);
/* Whether names under the pointer would give the answer away (a question
 * waits for its answer). */
bool quiz_mode_hides_names(const App *app);

#endif
