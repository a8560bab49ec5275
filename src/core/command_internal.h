/* command_internal: what the applier's mode files (tour.c, later quiz.c)
 * share with command.c. Not for use outside src/core's applier. */
#ifndef STEPPE_COMMAND_INTERNAL_H
#define STEPPE_COMMAND_INTERNAL_H

#include <stdbool.h>

#include "command.h"
#include "deeplink.h"
#include "quiz_mode.h"

/* Applies a state string: what it leaves out returns to defaults. With
 * from_mode, the string is a mode's own (a tour stop): it does not start or
 * leave a mode, and with fly its view is flown to rather than cut to. */
void command_apply_state(App *app, const char *text, DeeplinkReport *report, double now_ms, bool from_mode, bool fly);
/* Recomputes the screen layout after the panel's visibility may have changed. */
void command_refresh_screen(App *app);

/* tour.c: the tour commands (CMD_TOUR_*), Escape while a tour mode is on, and
 * a state string that names a tour (tour=ID&stop=N). */
bool tour_apply(App *app, const Command *c, double now_ms);
bool tour_escape(App *app, double now_ms);
void tour_open_from_link(App *app, uint32_t tour_id, uint32_t stop, double now_ms);
/* Leaves any mode without restoring anything (a link elsewhere was opened). */
void tour_leave(App *app);
/* Remembers what the teacher has before a tour or quiz starts (kept if one
 * already runs), and goes back there, leaving the mode. */
void mode_remember(App *app);
void mode_restore(App *app, double now_ms);

/* quiz_mode.c: the quiz commands (CMD_QUIZ_*), Escape in a quiz, a link
 * naming a quiz (quiz=SEED&qn=N), and map clicks as answers. */
bool quiz_mode_apply(App *app, const Command *c, double now_ms);
void quiz_mode_open(App *app, const QuizSettings *settings, double now_ms);

#endif
