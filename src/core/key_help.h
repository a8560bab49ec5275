/* key_help: every shortcut, in one table, as the '?' card lists it.
 *
 * The card (ui/ui.c), the page's accessible list of shortcuts and the unit
 * test read the same rows, and the test checks that each APP_KEY_* bit
 * (core/gesture.h) is documented by some row, so a new key cannot go
 * unlisted. The rows name keys as people say them; the platform layer
 * (platform/sdl_input.c) maps the real keys to the bits.
 * Depends on gesture.h. */
#ifndef STEPPE_KEY_HELP_H
#define STEPPE_KEY_HELP_H

#include <stddef.h>
#include <stdint.h>

typedef enum KeyHelpGroup { KEY_HELP_MAP, KEY_HELP_READING, KEY_HELP_TIME, KEY_HELP_CLASSROOM, KEY_HELP_GROUP_COUNT } KeyHelpGroup;

typedef struct KeyHelpRow {
    KeyHelpGroup group;
    const char *keys;     /* "+ or =" */
    const char *action;   /* "Zoom in" */
    uint64_t bits;        /* the APP_KEY_* bits the row documents (0: a pointer gesture) */
} KeyHelpRow;

extern const KeyHelpRow KEY_HELP_ROWS[];
extern const size_t KEY_HELP_ROW_COUNT;

const char *key_help_group_name(KeyHelpGroup group);

/* The rows as plain text, one "keys: action" a line under each group's
 * name (for the page's screen-reader list and the man page's check).
 * Returns the length it needed (snprintf's contract). */
size_t key_help_text(char *out, size_t out_size);

#endif
