/* shape: display shaping of Arabic-script text for a font renderer that does
 * no shaping (stb_truetype draws one glyph per code point, left to right).
 *
 * shape_display turns logical-order UTF-8 into display-order UTF-8:
 *  - Arabic letters become their Arabic Presentation Forms (U+FB50..U+FDFF,
 *    U+FE70..U+FEFF): isolated, final, initial or medial by the joining type
 *    of the letter and its neighbours (dual- or right-joining; marks are
 *    transparent; tatweel and ZWJ join), and lam + alef become the lam-alef
 *    ligature. A letter with no presentation form (several Pashto letters,
 *    e.g. ټ ښ ځ) stays the base letter and is treated as non-joining, since
 *    its one glyph cannot connect to its neighbours.
 *  - Right-to-left runs are put in visual order for a left-to-right paragraph
 *    (a simplified bidi): a run starts at a right-to-left letter and takes in
 *    the letters, their marks and the spaces, punctuation and numbers between
 *    them, up to the last right-to-left letter (plus a closing bracket whose
 *    opening one is in the run); it is reversed by cluster (a letter keeps
 *    its marks after it), numbers inside it stay left to right, and brackets
 *    in it are mirrored. Unlike the full Unicode algorithm, a number after
 *    the last letter stays outside the run, so a count the UI appends to a
 *    name ("الناقورة +1") stays after it. Latin, Cyrillic, CJK etc. are
 *    untouched.
 *  - ZWNJ, ZWJ, LRM and RLM steer the above and are dropped.
 * Everything else, malformed UTF-8 included, is copied byte for byte, so the
 * output decodes to the same U+FFFD replacements as the input.
 *
 * The result is for drawing and measuring only; anything read by people or
 * programs as text (panel text, state JSON, search) keeps the logical string.
 * Pure C: no allocation, bounded work, never reads or writes out of bounds.
 * Depends on the C library and utf8.h. */
#ifndef STEPPE_SHAPE_H
#define STEPPE_SHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What shape_display returns when `out` is too small. */
#define SHAPE_TOO_SMALL ((size_t)-1)

/* A capacity that is always enough for shaping `len` bytes: a two-byte
 * letter becomes at most a three-byte presentation form; plus the NUL. */
#define SHAPE_CAPACITY(len) ((len) + (len) / 2 + 1)

/* Whether text[0..len) has anything shape_display would change (Arabic or
 * Hebrew script, presentation forms, the direction and joiner controls).
 * When false, the display string is the text itself. */
bool shape_needed(const char *text, size_t len);

/* Writes the display form of text[0..len) and a NUL to out[0..cap).
 * Returns its length (without the NUL), or SHAPE_TOO_SMALL if it does not
 * fit (out then holds an empty string if cap > 0). */
size_t shape_display(const char *text, size_t len, char *out, size_t cap);

/* The presentation form of an Arabic letter: form 0 isolated, 1 final,
 * 2 initial, 3 medial. Returns 0 if the letter has no such form. */
uint32_t shape_form(uint32_t letter, int form);

#endif
