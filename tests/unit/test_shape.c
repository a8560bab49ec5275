/* test_shape: Arabic presentation forms and visual order for display, with the
 * content's own names (Afghanistan, Iran, Kabul, Damascus, Naqoura) and the
 * edge cases: empty text, malformed UTF-8, a buffer too small, mixed scripts. */
#include <string.h>

#include "shape.h"
#include "test_support.h"
#include "utf8.h"

/* Encodes code points as UTF-8 (valid ones only: these are expectations). */
static size_t encode(const uint32_t *cps, int n, char *out)
{
    size_t o = 0;
    for (int i = 0; i < n; i++) {
        uint32_t c = cps[i];
        if (c < 0x80) out[o++] = (char)c;
        else if (c < 0x800) { out[o++] = (char)(0xC0 | (c >> 6)); out[o++] = (char)(0x80 | (c & 0x3F)); }
        else if (c < 0x10000) {
            out[o++] = (char)(0xE0 | (c >> 12));
            out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[o++] = (char)(0xF0 | (c >> 18));
            out[o++] = (char)(0x80 | ((c >> 12) & 0x3F));
            out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out[o] = '\0';
    return o;
}

/* Shapes `in` and checks the display string is exactly `expect` (code points
 * in visual order, left to right), that the capacity bound holds and that the
 * bytes after the NUL were not touched. */
static void check_shape(const char *in, size_t in_len, const uint32_t *expect, int n, int line)
{
    char want[256], got[256];
    size_t want_len = encode(expect, n, want);
    memset(got, 0x55, sizeof got);
    size_t len = shape_display(in, in_len, got, sizeof got);
    if (len == SHAPE_TOO_SMALL || len != want_len || memcmp(got, want, len) != 0 || got[len] != '\0') {
        test_failed++;
        printf("test_shape.c:%d: got", line);
        if (len == SHAPE_TOO_SMALL) printf(" SHAPE_TOO_SMALL");
        else
            for (size_t p = 0; p < len;) printf(" U+%04X", utf8_next(got, len, &p));
        printf(", expected");
        for (int i = 0; i < n; i++) printf(" U+%04X", expect[i]);
        printf("\n");
        return;
    }
    test_passed++;
    CHECK(len + 1 <= SHAPE_CAPACITY(in_len));
    CHECK((unsigned char)got[len + 1] == 0x55 || len + 1 == sizeof got);
    /* Exactly enough room works; one byte less does not, and leaves "". */
    char tight[256];
    CHECK_EQ_U(shape_display(in, in_len, tight, len + 1), len);
    if (len > 0) {
        memset(tight, 0x55, sizeof tight);
        CHECK_EQ_U(shape_display(in, in_len, tight, len), SHAPE_TOO_SMALL);
        CHECK(tight[0] == '\0');
        CHECK((unsigned char)tight[len] == 0x55); /* nothing written past cap */
    }
}

#define SHAPE(in, ...) do { uint32_t e_[] = { __VA_ARGS__ }; \
    check_shape(in, sizeof(in) - 1, e_, (int)(sizeof e_ / sizeof e_[0]), __LINE__); } while (0)

int main(void)
{
    /* Afghanistan (Pashto/Dari): ا ف غ ا ن س ت ا ن — alef isolated, feh initial,
     * ghain medial, alef final, noon initial, seen and teh medial, alef final,
     * noon isolated; drawn right to left. */
    SHAPE("افغانستان", 0xFEE5, 0xFE8E, 0xFE98, 0xFEB4, 0xFEE7, 0xFE8E, 0xFED0, 0xFED3, 0xFE8D);
    /* Iran (Persian): ا ی ر ا ن — Farsi yeh initial (U+FBFE), reh final. */
    SHAPE("ایران", 0xFEE5, 0xFE8D, 0xFEAE, 0xFBFE, 0xFE8D);
    /* Kabul: keheh initial (U+FB90), alef final, beh initial, lam final. */
    SHAPE("کابل", 0xFEDE, 0xFE91, 0xFE8E, 0xFB90);
    /* Damascus: dal isolated, meem initial, sheen medial, qaf final. */
    SHAPE("دمشق", 0xFED6, 0xFEB8, 0xFEE3, 0xFEA9);
    /* Naqoura: teh marbuta isolated after reh (right-joining, joins nothing on). */
    SHAPE("الناقورة", 0xFE93, 0xFEAD, 0xFEEE, 0xFED7, 0xFE8E, 0xFEE8, 0xFEDF, 0xFE8D);
    /* Single letters are isolated. */
    SHAPE("ب", 0xFE8F);
    SHAPE("ا", 0xFE8D);

    /* Lam-alef: isolated at the start, final after a joining letter; the alef
     * ends the join, so meem after it is isolated. */
    SHAPE("لا", 0xFEFB);
    SHAPE("سلام", 0xFEE1, 0xFEFC, 0xFEB3);
    SHAPE("الله", 0xFEEA, 0xFEE0, 0xFEDF, 0xFE8D);  /* lam lam heh: no alef after lam */
    SHAPE("لآ", 0xFEF5);
    SHAPE("بلإ", 0xFEFA, 0xFE91);

    /* Marks are transparent: beh still joins across the kasra, which stays
     * after its letter in visual order. */
    SHAPE("بِت", 0xFE96, 0xFE91, 0x0650);
    /* Tatweel and ZWJ join; ZWNJ breaks the join (Persian می‌شود); all the
     * controls are dropped. */
    SHAPE("بـ", 0x0640, 0xFE91);
    SHAPE("ب\u200D", 0xFE91);
    SHAPE("می\u200Cشود", 0xFEA9, 0xFEEE, 0xFEB7, 0xFBFD, 0xFEE3);
    /* Pashto letters without presentation forms stay base letters and join
     * nothing: in پښتو (Pashto) peh before sheen-with-dots is isolated, teh
     * starts a new join with waw. */
    SHAPE("پښتو", 0xFEEE, 0xFE97, 0x069A, 0xFB56);
    /* Persian letters with forms: گ چ پ ژ. */
    SHAPE("گچپژ", 0xFB8B, 0xFB59, 0xFB7D, 0xFB94);
    /* Pashto ې (U+06D0) has forms; ۍ (U+06CD) does not. */
    SHAPE("بې", 0xFBE5, 0xFE91);
    SHAPE("بۍ", 0x06CD, 0xFE8F);

    /* The Islamic Republic of Iran. Meem after lam-alef starts a new join;
     * reh after waw and yeh after reh are isolated (neither joins onwards).
     * Words keep their order reversed around the spaces between them. */
    SHAPE("جمهوری اسلامی ایران",
          0xFEE5, 0xFE8D, 0xFEAE, 0xFBFE, 0xFE8D, ' ',
          0xFBFD, 0xFEE3, 0xFEFC, 0xFEB3, 0xFE8D, ' ',
          0xFBFC, 0xFEAD, 0xFEEE, 0xFEEC, 0xFEE4, 0xFE9F);
    /* Mixed scripts: Latin stays left to right around the right-to-left run,
     * and the spaces at the run's ends stay where they are. */
    SHAPE("Kabul کابل city", 'K', 'a', 'b', 'u', 'l', ' ', 0xFEDE, 0xFE91, 0xFE8E, 0xFB90, ' ', 'c', 'i', 't', 'y');
    SHAPE("کابل Kabul", 0xFEDE, 0xFE91, 0xFE8E, 0xFB90, ' ', 'K', 'a', 'b', 'u', 'l');
    SHAPE("中国 ایران", 0x4E2D, 0x56FD, ' ', 0xFEE5, 0xFE8D, 0xFEAE, 0xFBFE, 0xFE8D);
    /* Digits between right-to-left words stay left to right as one number
     * (European and Extended Arabic-Indic) and move with the run; a number
     * after the last letter (a count the UI appends) stays after it. */
    SHAPE("سال 2024", 0xFEDD, 0xFE8E, 0xFEB3, ' ', '2', '0', '2', '4');
    SHAPE("الناقورة +1", 0xFE93, 0xFEAD, 0xFEEE, 0xFED7, 0xFE8E, 0xFEE8, 0xFEDF, 0xFE8D, ' ', '+', '1');
    SHAPE("سال ۱۴۰۳ ب", 0xFE8F, ' ', 0x06F1, 0x06F4, 0x06F0, 0x06F3, ' ', 0xFEDD, 0xFE8E, 0xFEB3);
    SHAPE("ب 1,5 ت", 0xFE95, ' ', '1', ',', '5', ' ', 0xFE8F);
    /* Digits before any right-to-left letter are left to right text. */
    SHAPE("2024 ب", '2', '0', '2', '4', ' ', 0xFE8F);
    /* Brackets opened inside a run close inside it and are mirrored; a pair
     * around a run from outside stays as it is. */
    SHAPE("ب (ت) x", '(', 0xFE95, ')', ' ', 0xFE8F, ' ', 'x');
    SHAPE("(ب)", '(', 0xFE8F, ')');
    SHAPE("ب (ت", 0xFE95, ')', ' ', 0xFE8F);
    /* Presentation forms already in the text pass through as right-to-left. */
    SHAPE("\uFE8F\uFE95", 0xFE95, 0xFE8F);
    /* Hebrew is reversed, not shaped. */
    SHAPE("שלום", 0x05DD, 0x05D5, 0x05DC, 0x05E9);
    /* LRM ends a run (but, like every format character, is transparent to
     * joining); RLM starts or continues one; both vanish. */
    SHAPE("ب\u200Eت", 0xFE91, 0xFE96);
    SHAPE("ب\u200F ت", 0xFE95, ' ', 0xFE8F);

    /* Text with nothing to shape is copied as is (and shape_needed says so). */
    SHAPE("Қазақстан", 0x049A, 0x0430, 0x0437, 0x0430, 0x049B, 0x0441, 0x0442, 0x0430, 0x043D);
    CHECK(!shape_needed("Қазақстан O\xCA\xBBzbekiston 中国", strlen("Қазақстан O\xCA\xBBzbekiston 中国")));
    CHECK(shape_needed("Kabul کابل", strlen("Kabul کابل")));
    CHECK(shape_needed("a\u200Cb", strlen("a\u200Cb")));
    CHECK(!shape_needed("", 0));
    CHECK(!shape_needed("\xD8", 1)); /* a truncated Arabic lead byte is U+FFFD */

    /* Empty text. */
    char buf[8];
    memset(buf, 'x', sizeof buf);
    CHECK_EQ_U(shape_display("", 0, buf, sizeof buf), 0);
    CHECK(buf[0] == '\0');
    CHECK_EQ_U(shape_display("", 0, buf, 1), 0);
    CHECK_EQ_U(shape_display("", 0, buf, 0), SHAPE_TOO_SMALL);
    CHECK(buf[1] == 'x');
    CHECK_EQ_U(shape_display("ab", 2, buf, 2), SHAPE_TOO_SMALL); /* no room for the NUL */
    CHECK(buf[0] == '\0');

    /* Malformed UTF-8 is copied byte for byte and ends a run. */
    {
        const char in[] = "\xD8\xA8\xFF\xD8\xAA\xD8";     /* beh, bad byte, teh, truncated lead */
        const char want[] = "\xEF\xBA\x8F\xFF\xEF\xBA\x95\xD8"; /* isolated beh, FF, isolated teh, D8 */
        char out[32];
        size_t n = shape_display(in, sizeof in - 1, out, sizeof out);
        CHECK_EQ_U(n, sizeof want - 1);
        CHECK(n == sizeof want - 1 && memcmp(out, want, n) == 0);
    }
    /* Only len bytes are read: the letter after the end does not join. */
    SHAPE("بب", 0xFE90, 0xFE91);
    {
        char out[16];
        size_t n = shape_display("\xD8\xA8\xD8\xA8", 2, out, sizeof out);
        CHECK(n == 3 && memcmp(out, "\xEF\xBA\x8F", 3) == 0);
    }

    /* Every byte string up to 3 bytes from an alphabet of interesting bytes,
     * and pseudo-random strings of Arabic, marks, digits, spaces and junk:
     * no crash (ASan/UBSan), the bound holds, the result is NUL-terminated
     * and re-shaping into a buffer of exactly the reported size works. */
    {
        static const unsigned char alpha[] = { 0x00, ' ', '(', '1', 'a', 0x80, 0xBF, 0xC2, 0xD8, 0xD9, 0xDB,
                                               0xE2, 0x80, 0x8C, 0xEF, 0xFF };
        const size_t na = sizeof alpha;
        int bad = 0;
        for (size_t a = 0; a < na; a++)
            for (size_t b = 0; b < na; b++)
                for (size_t c = 0; c < na; c++) {
                    char in[3] = { (char)alpha[a], (char)alpha[b], (char)alpha[c] }, out[16];
                    size_t n = shape_display(in, 3, out, SHAPE_CAPACITY(3));
                    if (n == SHAPE_TOO_SMALL || out[n] != '\0') bad++;
                }
        CHECK_EQ_U(bad, 0);

        static const char *pieces[] = { "ب", "ا", "ل", "ی", "ک", "ة", "ـ", "\u064E", "\u0670", "ښ", " ", "1", "۲",
                                        "(", ")", "a", "ж", "中", "\xFF", "\xD8", "\u200C", "\u200D", "\u200F",
                                        "\u200E", ".", "\uFEFB", "ש" };
        uint64_t seed = 0x5A17E;
        for (int iter = 0; iter < 20000; iter++) {
            char in[128], out[256], again[256];
            size_t len = 0;
            int count = (int)(test_rand(&seed) % 24);
            for (int k = 0; k < count; k++) {
                const char *p = pieces[test_rand(&seed) % (sizeof pieces / sizeof pieces[0])];
                size_t pl = strlen(p);
                if (len + pl > sizeof in) break;
                memcpy(in + len, p, pl);
                len += pl;
            }
            size_t n = shape_display(in, len, out, SHAPE_CAPACITY(len));
            if (n == SHAPE_TOO_SMALL || out[n] != '\0') { bad++; continue; }
            if (shape_display(in, len, again, n + 1) != n || memcmp(out, again, n) != 0) bad++;
            if (n > 0 && shape_display(in, len, again, n) != SHAPE_TOO_SMALL) bad++;
        }
        CHECK_EQ_U(bad, 0);
    }

    /* shape_form: the table's answers and refusals. */
    CHECK_EQ_U(shape_form(0x0628, 0), 0xFE8F);
    CHECK_EQ_U(shape_form(0x0628, 3), 0xFE92);
    CHECK_EQ_U(shape_form(0x0627, 2), 0);      /* alef has no initial form */
    CHECK_EQ_U(shape_form(0x067C, 0), 0);      /* teh with ring (Pashto): none */
    CHECK_EQ_U(shape_form(0x0628, 4), 0);
    CHECK_EQ_U(shape_form('a', 0), 0);
    return test_finish();
}
