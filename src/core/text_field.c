/* text_field: caret, selection and editing over UTF-8. See text_field.h. */
#include "text_field.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

static bool continuation(char c) { return ((unsigned char)c & 0xC0) == 0x80; }

/* The boundary at or before pos. */
static size_t boundary(const TextField *f, size_t pos)
{
    if (pos > f->len) pos = f->len;
    while (pos > 0 && continuation(f->text[pos])) pos--;
    return pos;
}

static size_t prev_char(const TextField *f, size_t pos)
{
    if (pos == 0) return 0;
    return boundary(f, pos - 1);
}

static size_t next_char(const TextField *f, size_t pos)
{
    if (pos >= f->len) return f->len;
    utf8_next(f->text, f->len, &pos);
    return pos;
}

static uint32_t char_at(const TextField *f, size_t pos)
{
    return utf8_next(f->text, f->len, &pos);
}

/* Letters and digits; any code point past ASCII but for spaces and
 * punctuation (Latin-1's, General Punctuation) counts as a letter. */
static bool word_char(uint32_t cp)
{
    if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp >= 0xA0 && cp <= 0xBF) return false;
    if (cp >= 0x2000 && cp <= 0x206F) return false;
    if (cp == 0xD7 || cp == 0xF7 || cp == 0x3000) return false;
    return true;
}

/* The start of the word before pos (skipping what separates it first). */
static size_t word_left(const TextField *f, size_t pos)
{
    while (pos > 0 && !word_char(char_at(f, prev_char(f, pos)))) pos = prev_char(f, pos);
    while (pos > 0 && word_char(char_at(f, prev_char(f, pos)))) pos = prev_char(f, pos);
    return pos;
}

/* The end of the word after pos. */
static size_t word_right(const TextField *f, size_t pos)
{
    while (pos < f->len && !word_char(char_at(f, pos))) pos = next_char(f, pos);
    while (pos < f->len && word_char(char_at(f, pos))) pos = next_char(f, pos);
    return pos;
}

void text_field_clear(TextField *f)
{
    f->text[0] = 0;
    f->len = f->caret = f->anchor = 0;
}

size_t text_field_selection(const TextField *f, size_t *start, size_t *end)
{
    size_t a = f->anchor < f->caret ? f->anchor : f->caret, b = f->anchor < f->caret ? f->caret : f->anchor;
    if (start) *start = a;
    if (end) *end = b;
    return b - a;
}

/* Removes [a, b) and puts the caret there. */
static void remove_range(TextField *f, size_t a, size_t b)
{
    memmove(f->text + a, f->text + b, f->len - b + 1);
    f->len -= b - a;
    f->caret = f->anchor = a;
}

bool text_field_insert(TextField *f, const char *s, size_t n)
{
    size_t a, b;
    bool changed = text_field_selection(f, &a, &b) > 0;
    if (changed) remove_range(f, a, b);
    size_t pos = 0;
    while (pos < n) {
        uint32_t cp = utf8_next(s, n, &pos);
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) continue; /* controls */
        char enc[4];
        size_t k;
        if (cp < 0x80) { enc[0] = (char)cp; k = 1; }
        else if (cp < 0x800) { enc[0] = (char)(0xC0 | (cp >> 6)); enc[1] = (char)(0x80 | (cp & 0x3F)); k = 2; }
        else if (cp < 0x10000) {
            enc[0] = (char)(0xE0 | (cp >> 12)); enc[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            enc[2] = (char)(0x80 | (cp & 0x3F)); k = 3;
        } else {
            enc[0] = (char)(0xF0 | (cp >> 18)); enc[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
            enc[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); enc[3] = (char)(0x80 | (cp & 0x3F)); k = 4;
        }
        if (f->len + k >= TEXT_FIELD_MAX) break; /* full: the rest is dropped */
        memmove(f->text + f->caret + k, f->text + f->caret, f->len - f->caret + 1);
        memcpy(f->text + f->caret, enc, k);
        f->len += k;
        f->caret += k;
        changed = true;
    }
    f->anchor = f->caret;
    return changed;
}

void text_field_set(TextField *f, const char *text, size_t caret, size_t anchor)
{
    text_field_clear(f);
    if (text) text_field_insert(f, text, strlen(text));
    f->caret = boundary(f, caret);
    f->anchor = boundary(f, anchor);
}

/* Moves the caret to pos; with Shift the anchor stays (the selection grows). */
static void move_to(TextField *f, size_t pos, unsigned mods)
{
    f->caret = pos;
    if (!(mods & TEXT_EDIT_SHIFT)) f->anchor = pos;
}

bool text_field_edit(TextField *f, TextEditOp op, unsigned mods)
{
    size_t a, b;
    bool selected = text_field_selection(f, &a, &b) > 0;
    bool word = (mods & TEXT_EDIT_WORD) != 0;
    switch (op) {
    case TEXT_EDIT_BACKSPACE:
        if (!selected) {
            b = f->caret;
            a = word ? word_left(f, b) : prev_char(f, b);
        }
        if (a == b) return false;
        remove_range(f, a, b);
        return true;
    case TEXT_EDIT_DELETE:
        if (!selected) {
            a = f->caret;
            b = word ? word_right(f, a) : next_char(f, a);
        }
        if (a == b) return false;
        remove_range(f, a, b);
        return true;
    case TEXT_EDIT_LEFT:
        if (selected && !(mods & TEXT_EDIT_SHIFT) && !word) move_to(f, a, 0);
        else move_to(f, word ? word_left(f, f->caret) : prev_char(f, f->caret), mods);
        return false;
    case TEXT_EDIT_RIGHT:
        if (selected && !(mods & TEXT_EDIT_SHIFT) && !word) move_to(f, b, 0);
        else move_to(f, word ? word_right(f, f->caret) : next_char(f, f->caret), mods);
        return false;
    case TEXT_EDIT_HOME: move_to(f, 0, mods); return false;
    case TEXT_EDIT_END: move_to(f, f->len, mods); return false;
    case TEXT_EDIT_SELECT_ALL:
        f->anchor = 0;
        f->caret = f->len;
        return false;
    default: return false;
    }
}
