/* command: the one way to change the atlas.
 *
 * Everything that changes what the atlas shows is a Command: a click on a
 * country or a marker, a key, a UI button, a panel link, a deep link, the
 * JavaScript API, and later a tour stop or a quiz answer. app_apply is the
 * only function that writes the App (state.h); it checks every id and value
 * and refuses, changing nothing, what it cannot apply. Producers never touch
 * the state, so a tour or a quiz drives the atlas exactly as a user does, and
 * a recorded list of commands replays a session.
 * Screen positions are css px; world positions are world units (geo.h).
 * Depends on state.h and deeplink.h. */
#ifndef STEPPE_COMMAND_H
#define STEPPE_COMMAND_H

#include <stdbool.h>
#include <stdint.h>

#include "command_kinds.h"
#include "state.h"

/* The command's name ("select"), "" if out of range. */
const char *command_name(CommandKind kind);

/* Applies one command at time now_ms (any monotonic clock, ms). Returns false
 * if it was refused (an unknown kind, an id the bundle lacks, a value out of
 * range, a malformed state string's unusable fields are skipped but the rest
 * applies) and changed nothing; true if it applied. Any applied command that
 * changes what is shown asks for a redraw. */
bool app_apply(struct App *app, const Command *cmd, double now_ms);

/* A short queue for a frame's commands: producers push, the frame applies
 * them in order. Overflowing commands are dropped and counted. */
#define COMMAND_QUEUE_MAX 32
typedef struct CommandQueue {
    Command items[COMMAND_QUEUE_MAX];
    int count;
    int dropped;
    char text[2][COMMAND_TEXT_MAX]; /* storage for up to two text payloads a frame */
    int text_used;
} CommandQueue;

void command_queue_push(CommandQueue *q, Command c);
/* Pushes a command whose text payload is copied into the queue. */
void command_queue_push_text(CommandQueue *q, CommandKind kind, const char *text);
/* Applies every queued command in order and empties the queue. */
void command_queue_apply(CommandQueue *q, struct App *app, double now_ms);

#endif
