/* text_field: the editing model of a one-line text field (the search box).
 *
 * UTF-8 text with a caret and a selection (the bytes between the anchor and
 * the caret), edited the way a text field is: typing replaces the
 * selection; Backspace and Delete remove it or the character (with
 * TEXT_EDIT_WORD, the word) before or after the caret; Left, Right, Home and
 * End move the caret, and with TEXT_EDIT_SHIFT extend the selection instead
 * (Left and Right without Shift collapse a selection to its edge); select
 * all. Positions are byte offsets that always lie on a character boundary;
 * a character is a code point (combining marks are their own). Words are
 * runs of letters and digits (any non-ASCII code point counts as a letter,
 * so Cyrillic words are words).
 * Depends on the C library and utf8.h. */
#ifndef STEPPE_TEXT_FIELD_H
#define STEPPE_TEXT_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#define TEXT_FIELD_MAX 128 /* bytes, with the NUL */

typedef enum TextEditOp {
    TEXT_EDIT_NONE,
    TEXT_EDIT_BACKSPACE,
    TEXT_EDIT_DELETE,
    TEXT_EDIT_LEFT,
    TEXT_EDIT_RIGHT,
    TEXT_EDIT_HOME,
    TEXT_EDIT_END,
    TEXT_EDIT_SELECT_ALL,
} TextEditOp;

enum {
    TEXT_EDIT_SHIFT = 1, /* extend the selection */
    TEXT_EDIT_WORD = 2,  /* by words (Ctrl, or Alt on a Mac) */
};

typedef struct TextField {
    char text[TEXT_FIELD_MAX]; /* UTF-8, NUL-terminated */
    size_t len;
    size_t caret, anchor;      /* byte offsets; anchor == caret: nothing selected */
} TextField;

void text_field_clear(TextField *f);
/* Replaces the text (cut at a character boundary to fit), the caret and the
 * anchor (each clamped to the text and moved back to a boundary). */
void text_field_set(TextField *f, const char *text, size_t caret, size_t anchor);
/* Types n bytes of UTF-8 at the caret, over the selection. What does not fit
 * is dropped at a character boundary; control characters are dropped.
 * Returns true if the text changed. */
bool text_field_insert(TextField *f, const char *s, size_t n);
/* Applies one editing key; mods are TEXT_EDIT_SHIFT | TEXT_EDIT_WORD.
 * Returns true if the text changed (a move changes only caret or anchor). */
bool text_field_edit(TextField *f, TextEditOp op, unsigned mods);
/* The selection as [*start, *end); returns its length (0: none). */
size_t text_field_selection(const TextField *f, size_t *start, size_t *end);

#endif
