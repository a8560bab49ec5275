/* test_text_field: the search box's editing model: caret, selection, words, UTF-8. */
#include <stdio.h>
#include <string.h>

#include "test_support.h"
#include "text_field.h"

static void type(TextField *f, const char *s) { text_field_insert(f, s, strlen(s)); }

static void key(TextField *f, TextEditOp op, unsigned mods, int times)
{
    for (int i = 0; i < times; i++) text_field_edit(f, op, mods);
}

/* The text is valid UTF-8 and caret and anchor lie on character boundaries. */
static bool well_formed(const TextField *f)
{
    if (strlen(f->text) != f->len || f->caret > f->len || f->anchor > f->len) return false;
    if ((f->caret < f->len && ((unsigned char)f->text[f->caret] & 0xC0) == 0x80) ||
        (f->anchor < f->len && ((unsigned char)f->text[f->anchor] & 0xC0) == 0x80))
        return false;
    return true;
}

static void test_typing_and_backspace(void)
{
    TextField f;
    text_field_clear(&f);
    type(&f, "agreemen");
    key(&f, TEXT_EDIT_BACKSPACE, 0, 8); /* the report: 8 Backspaces, then "resign" */
    type(&f, "resign");
    CHECK_STR(f.text, "resign");
    CHECK(f.caret == 6 && f.anchor == 6);
    key(&f, TEXT_EDIT_BACKSPACE, 0, 10); /* more than there is */
    CHECK(f.len == 0 && f.caret == 0);
    CHECK(!text_field_edit(&f, TEXT_EDIT_BACKSPACE, 0)); /* nothing changed */
}

static void test_caret_moves(void)
{
    TextField f;
    text_field_clear(&f);
    type(&f, "Astna");
    key(&f, TEXT_EDIT_LEFT, 0, 2);
    type(&f, "a"); /* the missing letter, in the middle */
    CHECK_STR(f.text, "Astana");
    CHECK(f.caret == 4);
    key(&f, TEXT_EDIT_HOME, 0, 1);
    CHECK(f.caret == 0);
    key(&f, TEXT_EDIT_LEFT, 0, 1); /* stays */
    CHECK(f.caret == 0);
    text_field_edit(&f, TEXT_EDIT_DELETE, 0);
    CHECK_STR(f.text, "stana");
    key(&f, TEXT_EDIT_END, 0, 1);
    CHECK(f.caret == 5);
    CHECK(!text_field_edit(&f, TEXT_EDIT_DELETE, 0)); /* nothing after the caret */
    key(&f, TEXT_EDIT_RIGHT, 0, 1);
    CHECK(f.caret == 5);
}

static void test_selection(void)
{
    TextField f;
    text_field_clear(&f);
    type(&f, "Nur-Sultan");
    text_field_edit(&f, TEXT_EDIT_SELECT_ALL, 0);
    size_t a, b;
    CHECK(text_field_selection(&f, &a, &b) == 10 && a == 0 && b == 10);
    type(&f, "Astana"); /* typing replaces the selection */
    CHECK_STR(f.text, "Astana");
    CHECK(text_field_selection(&f, NULL, NULL) == 0);
    /* Shift+Left twice selects "na"; Backspace removes just that. */
    key(&f, TEXT_EDIT_LEFT, TEXT_EDIT_SHIFT, 2);
    CHECK(text_field_selection(&f, &a, &b) == 2 && a == 4 && b == 6 && f.caret == 4 && f.anchor == 6);
    text_field_edit(&f, TEXT_EDIT_BACKSPACE, 0);
    CHECK_STR(f.text, "Asta");
    /* Shift+Home selects to the start; Left collapses it to its start. */
    text_field_edit(&f, TEXT_EDIT_HOME, TEXT_EDIT_SHIFT);
    CHECK(text_field_selection(&f, &a, &b) == 4 && a == 0 && b == 4);
    text_field_edit(&f, TEXT_EDIT_LEFT, 0);
    CHECK(f.caret == 0 && f.anchor == 0);
    /* Shift+End from the start, then Right collapses to the end. */
    text_field_edit(&f, TEXT_EDIT_END, TEXT_EDIT_SHIFT);
    CHECK(text_field_selection(&f, NULL, NULL) == 4);
    text_field_edit(&f, TEXT_EDIT_RIGHT, 0);
    CHECK(f.caret == 4 && f.anchor == 4);
    /* Shift+Right then Shift+Left: back to nothing selected. */
    key(&f, TEXT_EDIT_HOME, 0, 1);
    text_field_edit(&f, TEXT_EDIT_RIGHT, TEXT_EDIT_SHIFT);
    text_field_edit(&f, TEXT_EDIT_LEFT, TEXT_EDIT_SHIFT);
    CHECK(text_field_selection(&f, NULL, NULL) == 0);
    /* Delete removes a selection too. */
    text_field_edit(&f, TEXT_EDIT_SELECT_ALL, 0);
    CHECK(text_field_edit(&f, TEXT_EDIT_DELETE, 0) && f.len == 0);
}

static void test_words(void)
{
    TextField f;
    text_field_clear(&f);
    type(&f, "Kassym-Jomart Tokayev  ");
    text_field_edit(&f, TEXT_EDIT_BACKSPACE, TEXT_EDIT_WORD); /* the spaces and the word before them */
    CHECK_STR(f.text, "Kassym-Jomart ");
    text_field_edit(&f, TEXT_EDIT_BACKSPACE, TEXT_EDIT_WORD);
    CHECK_STR(f.text, "Kassym-");
    key(&f, TEXT_EDIT_HOME, 0, 1);
    text_field_edit(&f, TEXT_EDIT_RIGHT, TEXT_EDIT_WORD);
    CHECK(f.caret == 6);
    text_field_edit(&f, TEXT_EDIT_LEFT, TEXT_EDIT_WORD | TEXT_EDIT_SHIFT);
    CHECK(text_field_selection(&f, NULL, NULL) == 6);
    key(&f, TEXT_EDIT_HOME, 0, 1);
    text_field_edit(&f, TEXT_EDIT_DELETE, TEXT_EDIT_WORD);
    CHECK_STR(f.text, "-");
    /* Cyrillic words are words. */
    text_field_clear(&f);
    type(&f, "Қасым-Жомарт Тоқаев");
    text_field_edit(&f, TEXT_EDIT_BACKSPACE, TEXT_EDIT_WORD);
    CHECK_STR(f.text, "Қасым-Жомарт ");
    text_field_edit(&f, TEXT_EDIT_LEFT, TEXT_EDIT_WORD);
    CHECK(f.caret == strlen("Қасым-"));
    CHECK(well_formed(&f));
}

static void test_utf8(void)
{
    TextField f;
    text_field_clear(&f);
    type(&f, "Қазақстан");
    CHECK(f.len == 18 && f.caret == 18);
    text_field_edit(&f, TEXT_EDIT_BACKSPACE, 0); /* one letter: two bytes */
    CHECK_STR(f.text, "Қазақста");
    key(&f, TEXT_EDIT_LEFT, 0, 3);
    CHECK(f.caret == 10 && well_formed(&f));
    text_field_edit(&f, TEXT_EDIT_DELETE, 0);
    CHECK_STR(f.text, "Қазақта");
    key(&f, TEXT_EDIT_RIGHT, TEXT_EDIT_SHIFT, 2);
    CHECK(text_field_selection(&f, NULL, NULL) == 4 && well_formed(&f));
    type(&f, "ʻ"); /* a two-byte letter over two others */
    CHECK_STR(f.text, "Қазақʻ");
    CHECK(well_formed(&f));
    /* Four-byte characters, and malformed input becomes U+FFFD, never broken bytes. */
    text_field_clear(&f);
    type(&f, "a\xF0\x9F\x97\xBA" "b");
    text_field_edit(&f, TEXT_EDIT_LEFT, 0);
    text_field_edit(&f, TEXT_EDIT_BACKSPACE, 0);
    CHECK_STR(f.text, "ab");
    text_field_insert(&f, "\xC3", 1);
    CHECK_STR(f.text, "a\xEF\xBF\xBD" "b");
    CHECK(well_formed(&f));
    /* Controls (a stray Backspace or Tab as text) are not typed. */
    text_field_clear(&f);
    type(&f, "a\b\tb\x7f");
    CHECK_STR(f.text, "ab");
    /* Full: what does not fit is dropped at a character boundary. */
    text_field_clear(&f);
    for (int i = 0; i < 100; i++) type(&f, "Ж");
    CHECK(f.len == TEXT_FIELD_MAX - 1 - ((TEXT_FIELD_MAX - 1) % 2) && well_formed(&f));
    CHECK(!text_field_insert(&f, "Ж", 2) || f.len < TEXT_FIELD_MAX);
    /* set: clamps caret and anchor to boundaries. */
    text_field_set(&f, "Ташкент", 3, 100);
    CHECK(f.caret == 2 && f.anchor == f.len && well_formed(&f));
    text_field_set(&f, NULL, 0, 0);
    CHECK(f.len == 0);
}

int main(void)
{
    test_typing_and_backspace();
    test_caret_moves();
    test_selection();
    test_words();
    test_utf8();
    return test_finish();
}
