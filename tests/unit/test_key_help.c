/* test_key_help: every key bit is documented, and the text form lists the rows. */
#include "gesture.h"
#include "key_help.h"
#include "test_support.h"

int main(void)
{
    uint64_t documented = 0;
    for (size_t i = 0; i < KEY_HELP_ROW_COUNT; i++) {
        const KeyHelpRow *row = &KEY_HELP_ROWS[i];
        CHECK(row->keys[0] && row->action[0]);
        CHECK((row->bits & ~APP_KEY_ALL) == 0);
        documented |= row->bits;
    }
    /* Each APP_KEY_* bit is in some row: a new key cannot go unlisted. */
    for (int bit = 0; bit < 64; bit++) {
        uint64_t b = UINT64_C(1) << bit;
        if (!(APP_KEY_ALL & b)) continue;
        if (!(documented & b)) fprintf(stderr, "APP_KEY bit %d has no row in key_help.c\n", bit);
        CHECK(documented & b);
    }
    CHECK(documented == APP_KEY_ALL);
    char text[4096];
    size_t n = key_help_text(text, sizeof text);
    CHECK(n < sizeof text);
    CHECK(strstr(text, "The map\n") == text);
    CHECK(strstr(text, "\nReading\n") != NULL);
    CHECK(strstr(text, "? or F1: This list\n") != NULL);
    CHECK(strstr(text, "p: Play the years\n") != NULL);
    /* Too small a buffer: cut, terminated, and the length it needed. */
    char small[16];
    CHECK_EQ_U(key_help_text(small, sizeof small), n);
    CHECK_EQ_U(strlen(small), sizeof small - 1);
    return test_finish();
}
