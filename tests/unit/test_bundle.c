/* test_bundle: the bundle reader on fixtures built in code (test_support.h),
 * on tables of bad input (each asserting the specific error code and that the
 * message names the field), and a smoke test of the real bundle (argv[1]). */
#include "test_support.h"

#include "bundle.h"

static char msg[512];

/* Opens (data, size) and checks the code and that the message contains want_text. */
#define EXPECT_ERR(buf, len, code, want_text)                                             \
    do {                                                                                  \
        Bundle opened_;                                                                   \
        BundleError err_ = bundle_open(&opened_, (buf), (len), msg, sizeof msg);          \
        CHECK_EQ_U(err_, (code));                                                         \
        if (err_ != (code)) printf("  message: %s\n", msg);                               \
        CHECK(strstr(msg, (want_text)) != NULL);                                          \
        if (!strstr(msg, (want_text))) printf("  message: %s (wanted \"%s\")\n", msg, (want_text)); \
        CHECK(opened_.data == NULL && opened_.country_count == 0);                        \
        bundle_close(&opened_); /* frees nothing unless the check above failed */        \
    } while (0)

static void test_crc32(void)
{
    CHECK_EQ_U(bundle_crc32("123456789", 9), 0xCBF43926u); /* the standard check value */
    CHECK_EQ_U(bundle_crc32("", 0), 0u);
    CHECK_EQ_U(bundle_crc32("The quick brown fox jumps over the lazy dog", 43), 0x414FA339u);
}

static void test_error_texts(void)
{
    CHECK_STR(bundle_error_text(BUNDLE_OK), "ok");
    CHECK_STR(bundle_error_text(BUNDLE_ERR_CHECKSUM), "checksum mismatch (corrupted)");
    CHECK_STR(bundle_error_text((BundleError)999), "unknown error");
    for (int e = 0; e < BUNDLE_ERROR_COUNT; e++) CHECK(bundle_error_text((BundleError)e)[0] != 0);
    CHECK_STR(bundle_category_name(CATEGORY_DIPLOMACY), "diplomacy");
    CHECK_STR(bundle_category_name(CATEGORY_CULTURE), "culture");
    CHECK_STR(bundle_category_name(CATEGORY_COUNT), "");
}

static void test_round_trip(void)
{
    size_t size;
    uint8_t *d = tb_fixture_bundle(&size);
    Bundle b;
    BundleError e = bundle_open(&b, d, size, msg, sizeof msg);
    CHECK_EQ_U(e, BUNDLE_OK);
    if (e != BUNDLE_OK) {
        printf("  message: %s\n", msg);
        free(d);
        return;
    }
    CHECK_EQ_U(b.country_count, 3);
    CHECK_EQ_U(b.place_count, 4);
    CHECK_EQ_U(b.article_count, 3);
    CHECK_EQ_U(b.event_count, 3);
    CHECK_EQ_U(b.relation_count, 2);
    CHECK_EQ_U(b.figure_count, 1);
    CHECK_EQ_U(b.source_count, 4);
    CHECK_EQ_U(b.list_count, 3);
    CHECK_EQ_U(b.ring_count, 5);
    CHECK_EQ_U(b.vert_count, 20);
    CHECK_EQ_U(b.tri_count, 4);

    BundleMeta m = bundle_meta(&b);
    CHECK_STR(m.title, "Test Atlas");
    CHECK_STR(m.attribution, "Borders: test");
    CHECK_STR(m.projection_name, "Albers");
    CHECK_STR(m.built_from, "test_support.h");
    CHECK_NEAR(m.proj_lon0_deg, 68, 0);
    CHECK_NEAR(m.proj_lat2_deg, 52, 0);
    CHECK_NEAR(m.world_bounds[2], 3, 0);
    CHECK_NEAR(m.home_bounds[3], 2, 0);

    float x, y;
    bundle_vertex(&b, 1, &x, &y);
    CHECK_NEAR(x, 2, 0);
    CHECK_NEAR(y, 0, 0);
    bundle_vertex(&b, 99, &x, &y); /* out of range: zeros, no crash */
    CHECK(x == 0 && y == 0);
    uint32_t abc[3];
    bundle_triangle(&b, 3, abc);
    CHECK(abc[0] == 16 && abc[1] == 17 && abc[2] == 18);
    BundleRing r = bundle_ring(&b, 1);
    CHECK(r.vert_first == 4 && r.vert_count == 4 && r.country == 1 && r.flags == RING_FLAG_HOLE);

    uint32_t kaz = bundle_find_country(&b, "KAZ");
    CHECK_EQ_U(kaz, 1);
    CHECK_EQ_U(bundle_find_country(&b, "TKM"), 3);
    CHECK_EQ_U(bundle_find_country(&b, "XXX"), 0);
    CHECK_EQ_U(bundle_find_country(&b, ""), 0);
    CHECK_EQ_U(bundle_find_country(&b, NULL), 0);
    BundleCountry c = bundle_country(&b, kaz);
    CHECK_STR(c.iso3, "KAZ");
    CHECK_STR(c.name_local, "Қазақстан");
    CHECK_STR(c.profile, "Big.");
    CHECK(c.capital == 1 && c.flags == 7 && c.color == 1);
    CHECK(c.ring_first == 0 && c.ring_count == 2 && c.tri_first == 0 && c.tri_count == 2);
    CHECK_NEAR(c.label_x, 1.5, 0);
    CHECK_NEAR(c.bbox[2], 2, 0);
    BundleCountry none = bundle_country(&b, 0);
    CHECK_STR(none.name, "");
    CHECK_EQ_U(none.ring_count, 0);
    CHECK_STR(bundle_country(&b, 4).iso3, "");

    BundlePlace p = bundle_place(&b, bundle_find_place(&b, "astana"));
    CHECK_STR(p.name, "Astana");
    CHECK_STR(p.name_local, "Астана");
    CHECK_STR(p.alt_names, "Nur-Sultan|Akmola");
    CHECK_STR(p.kind, "capital");
    CHECK_EQ_U(p.country, 1);
    CHECK_NEAR(p.lat_deg, 51.13, 1e-5);
    CHECK_NEAR(p.x, 1.5, 0);
    CHECK_STR(bundle_place(&b, 5).key, "");
    CHECK_EQ_U(bundle_find_place(&b, "caspian"), 4);

    BundleArticle a = bundle_article(&b, bundle_find_article(&b, "a2"));
    CHECK_STR(a.title, "Second article");
    CHECK_STR(a.date, "2020-05");
    CHECK_STR(a.key_points, "one\ntwo");
    CHECK_STR(a.file, "a.txt");
    CHECK_STR(bundle_article(&b, 0).title, "");

    uint32_t e2 = bundle_find_event(&b, "e2");
    CHECK_EQ_U(e2, 2);
    BundleEvent ev = bundle_event(&b, e2);
    CHECK_STR(ev.title, "Deal");
    CHECK_STR(ev.summary, "");
    CHECK(ev.year == 2020 && ev.month == 5 && ev.day == 0);
    CHECK(ev.precision == DATE_PRECISION_MONTH && ev.category == CATEGORY_TRADE);
    CHECK(ev.place == 2 && ev.country_first == 1 && ev.country_count == 2);
    CHECK(ev.source_first == 1 && ev.source_count == 2);
    CHECK_EQ_U(bundle_list_id(&b, ev.country_first), 2);
    CHECK_EQ_U(bundle_list_id(&b, ev.country_first + 1), 3);
    CHECK_EQ_U(bundle_list_id(&b, 3), 0);
    BundleSource s = bundle_source(&b, ev.source_first + 1);
    CHECK_EQ_U(s.article, 3);
    CHECK_STR(s.locator, "\"a quoted phrase\"");
    CHECK_STR(bundle_source(&b, 4).locator, "");

    BundleRelation rel = bundle_relation(&b, 1);
    CHECK_STR(rel.group, "");
    CHECK_STR(rel.unit, "billion USD");
    CHECK(rel.country_a == 1 && rel.country_b == 2 && rel.year == 2022);
    CHECK_NEAR(rel.value, 4.5, 0);
    BundleRelation rel2 = bundle_relation(&b, 2);
    CHECK_STR(rel2.group, "CSTO");
    CHECK(isnan(rel2.value));
    CHECK(isnan(bundle_relation(&b, 3).value));

    BundleFigure f = bundle_figure(&b, 1);
    CHECK_STR(f.label, "Population");
    CHECK_STR(f.value, "20 million");
    CHECK(f.country == 1 && f.year == 2023 && f.source_first == 3 && f.source_count == 1);

    CHECK_EQ_U(b.font_regular.size, 32);
    CHECK(b.font_regular.data && b.font_regular.data[1] == 1);
    CHECK_EQ_U(b.font_bold.size, 32);

    /* Same bytes at an odd address: the reader must not rely on alignment. */
    uint8_t *shifted = malloc(size + 1);
    memcpy(shifted + 1, d, size);
    Bundle b2;
    CHECK_EQ_U(bundle_open(&b2, shifted + 1, size, NULL, 0), BUNDLE_OK);
    CHECK_STR(bundle_country(&b2, 2).name, "Uzbekistan");
    CHECK_NEAR(bundle_place(&b2, 3).y, 0.8, 1e-6);
    bundle_close(&b2);
    free(shifted);

    /* An unknown section is ignored. */
    Tb tb;
    tb_fixture(&tb);
    tb.add_unknown = 1;
    size_t size3;
    uint8_t *d3 = tb_finish(&tb, &size3);
    tb_free(&tb);
    CHECK_EQ_U(bundle_open(&b2, d3, size3, msg, sizeof msg), BUNDLE_OK);
    bundle_close(&b2);
    /* ... but a known tag twice is an error. */
    memcpy(tb_entry(d3, "ZZZZ"), "EVNT", 4);
    tb_fix_checksum(d3, size3);
    EXPECT_ERR(d3, size3, BUNDLE_ERR_SECTION_TABLE, "EVNT appears twice");
    free(d3);

    /* bundle_close zeroes the Bundle, and a second close (or a close of a
     * failed or never-opened Bundle) is harmless. */
    bundle_close(&b);
    CHECK(b.vert_count == 0 && b.data == NULL);
    bundle_close(&b);
    Bundle never;
    memset(&never, 0, sizeof never);
    bundle_close(&never);
    free(d);
}

static void test_header_errors(void)
{
    size_t size;
    uint8_t *d = tb_fixture_bundle(&size);

    /* Every truncation: too small below the header, truncated after it. */
    int wrong = 0;
    for (size_t len = 0; len < size; len++) {
        Bundle b;
        BundleError e = bundle_open(&b, d, len, msg, sizeof msg);
        BundleError want = len < 24 ? BUNDLE_ERR_TOO_SMALL : BUNDLE_ERR_TRUNCATED;
        if (e != want) {
            if (wrong++ < 5) printf("  truncated to %zu: got %d, want %d (%s)\n", len, e, want, msg);
        }
    }
    CHECK_EQ_U(wrong, 0);
    EXPECT_ERR(d, 23, BUNDLE_ERR_TOO_SMALL, "23 bytes");
    EXPECT_ERR(d, 100, BUNDLE_ERR_TRUNCATED, "file_size");
    EXPECT_ERR(NULL, 100, BUNDLE_ERR_TOO_SMALL, "0 bytes");

    /* Trailing bytes are as wrong as missing ones. */
    uint8_t *longer = calloc(1, size + 4);
    memcpy(longer, d, size);
    EXPECT_ERR(longer, size + 4, BUNDLE_ERR_TRUNCATED, "file_size");
    free(longer);

    uint8_t *c = malloc(size);
    memcpy(c, d, size);
    c[3] = 'X';
    EXPECT_ERR(c, size, BUNDLE_ERR_MAGIC, "magic");

    memcpy(c, d, size);
    le32_put(c + 4, 2);
    EXPECT_ERR(c, size, BUNDLE_ERR_VERSION, "version 2");
    CHECK(strstr(msg, "version 1") != NULL);

    /* Any flipped bit in the checksummed range (or in the checksum). */
    wrong = 0;
    for (size_t i = 12; i < size; i++) {
        memcpy(c, d, size);
        c[i] ^= (uint8_t)(1u << (i % 8));
        Bundle b;
        if (bundle_open(&b, c, size, msg, sizeof msg) != BUNDLE_ERR_CHECKSUM && wrong++ < 5)
            printf("  flipped byte %zu: %s\n", i, msg);
    }
    CHECK_EQ_U(wrong, 0);
    memcpy(c, d, size);
    c[size - 1] ^= 0x40;
    EXPECT_ERR(c, size, BUNDLE_ERR_CHECKSUM, "checksum");

    /* A tiny message buffer is truncated, not overrun; NULL is fine. */
    char tiny[10];
    Bundle b;
    CHECK_EQ_U(bundle_open(&b, c, size, tiny, sizeof tiny), BUNDLE_ERR_CHECKSUM);
    CHECK_EQ_U(strlen(tiny), sizeof tiny - 1);
    CHECK_EQ_U(bundle_open(&b, c, size, NULL, 0), BUNDLE_ERR_CHECKSUM);
    CHECK_EQ_U(bundle_open(&b, c, size, tiny, 0), BUNDLE_ERR_CHECKSUM);

    /* The accessors of a failed (zeroed) bundle return empty records. */
    CHECK_STR(bundle_meta(&b).title, "");
    CHECK_STR(bundle_country(&b, 1).name, "");
    CHECK_EQ_U(bundle_find_country(&b, "KAZ"), 0);
    free(c);
    free(d);
}

/* Structural errors behind a valid checksum: each case corrupts a fresh copy
 * of the fixture, recomputes the checksum, and names what it expects. */
static void test_structure_errors(void)
{
    size_t size;
    uint8_t *d = tb_fixture_bundle(&size);
    uint8_t *c = malloc(size);
#define FRESH() memcpy(c, d, size)
#define EXPECT(code, text) do { tb_fix_checksum(c, size); EXPECT_ERR(c, size, code, text); } while (0)

    FRESH(); le32_put(c + 16, 0x10000000u);
    EXPECT(BUNDLE_ERR_SECTION_TABLE, "section table");

    FRESH(); le32_put(tb_entry(c, "EVNT") + 4, (uint32_t)size);
    EXPECT(BUNDLE_ERR_SECTION_BOUNDS, "section EVNT offset");

    FRESH(); le32_put(tb_entry(c, "STRS") + 4, 0xFFFFFFFCu); /* offset + size wraps in 32 bits */
    EXPECT(BUNDLE_ERR_SECTION_BOUNDS, "section STRS offset 4294967292");

    FRESH(); le32_put(tb_entry(c, "VERT") + 8, 0xFFFFFFF8u);
    EXPECT(BUNDLE_ERR_SECTION_BOUNDS, "section VERT");

    FRESH(); le32_put(tb_entry(c, "EVNT") + 4, le32_get(tb_entry(c, "EVNT") + 4) + 2);
    EXPECT(BUNDLE_ERR_SECTION_BOUNDS, "not a multiple of 4");

    FRESH(); le32_put(tb_entry(c, "EVNT") + 12, 4);
    EXPECT(BUNDLE_ERR_SECTION_SIZE, "section EVNT size 120 != count 4");

    FRESH(); le32_put(tb_entry(c, "VERT") + 12, 0x20000001u); /* count x 8 wraps to 8 in 32 bits */
    EXPECT(BUNDLE_ERR_SECTION_SIZE, "section VERT");

    FRESH(); le32_put(tb_entry(c, "META") + 12, 0); le32_put(tb_entry(c, "META") + 8, 0);
    EXPECT(BUNDLE_ERR_SECTION_SIZE, "META has count 0");

    FRESH(); le32_put(tb_entry(c, "FNTR") + 12, 1);
    EXPECT(BUNDLE_ERR_SECTION_SIZE, "FNTR is a blob");

    FRESH(); memcpy(tb_entry(c, "FIGR"), "FIGX", 4);
    EXPECT(BUNDLE_ERR_SECTION_MISSING, "FIGR");

    {
        Tb tb;
        tb_fixture(&tb);
        tb.omit = TB_LIST;
        size_t n;
        uint8_t *m = tb_finish(&tb, &n);
        tb_free(&tb);
        EXPECT_ERR(m, n, BUNDLE_ERR_SECTION_MISSING, "required section LIST missing");
        free(m);
    }

    uint32_t strs_size = le32_get(tb_entry(d, "STRS") + 8);
    FRESH(); le32_put(tb_record(c, "PLAC", 40, 1) + 4, strs_size);
    EXPECT(BUNDLE_ERR_STRING, "PLAC[1].name");

    FRESH(); le32_put(tb_record(c, "META", 64, 0) + 60, 0xFFFFFFFFu);
    EXPECT(BUNDLE_ERR_STRING, "META[0].built_from");

    FRESH(); le32_put(tb_record(c, "SRCS", 8, 3) + 4, strs_size + 100);
    EXPECT(BUNDLE_ERR_STRING, "SRCS[3].locator");

    FRESH(); tb_section(c, "STRS")[strs_size - 1] = 'x';
    EXPECT(BUNDLE_ERR_STRING, "STRS does not end with NUL");

    FRESH(); tb_section(c, "STRS")[0] = 'x';
    EXPECT(BUNDLE_ERR_STRING, "STRS does not start with NUL");

    FRESH(); le32_put(tb_record(c, "EVNT", 40, 2) + 20, 931);
    EXPECT(BUNDLE_ERR_REFERENCE, "EVNT[2].place = 931 beyond PLAC count 4 (at byte ");

    FRESH(); le32_put(tb_record(c, "EVNT", 40, 1) + 20, 0);
    EXPECT(BUNDLE_ERR_REFERENCE, "EVNT[1].place = 0");

    FRESH(); le32_put(tb_record(c, "EVNT", 40, 0) + 32, 0xFFFFFFFFu);
    EXPECT(BUNDLE_ERR_REFERENCE, "EVNT[0].source_first + source_count = 4294967295 + 1");

    FRESH(); le32_put(tb_record(c, "EVNT", 40, 0) + 36, 0);
    EXPECT(BUNDLE_ERR_VALUE, "EVNT[0].source_count = 0");

    FRESH(); le32_put(tb_record(c, "EVNT", 40, 2) + 28, 0xFFFFFFFFu);
    EXPECT(BUNDLE_ERR_REFERENCE, "EVNT[2].country_first + country_count");

    FRESH(); tb_record(c, "EVNT", 40, 0)[17] = CATEGORY_COUNT;
    EXPECT(BUNDLE_ERR_VALUE, "EVNT[0].category = 9");

    FRESH(); tb_record(c, "EVNT", 40, 0)[16] = 0;
    EXPECT(BUNDLE_ERR_VALUE, "EVNT[0].precision = 0");

    FRESH(); tb_record(c, "EVNT", 40, 1)[14] = 13;
    EXPECT(BUNDLE_ERR_VALUE, "EVNT[1].month = 13");

    uint32_t vert_count = le32_get(tb_entry(d, "VERT") + 12);
    FRESH(); le32_put(tb_record(c, "TRIS", 12, 1) + 8, vert_count);
    EXPECT(BUNDLE_ERR_REFERENCE, "TRIS[1].c = 20 beyond VERT count 20");

    FRESH(); le32_put(tb_record(c, "RING", 16, 4) + 4, 2);
    EXPECT(BUNDLE_ERR_VALUE, "RING[4].vert_count = 2");

    FRESH(); le32_put(tb_record(c, "RING", 16, 4) + 0, vert_count - 3);
    EXPECT(BUNDLE_ERR_REFERENCE, "RING[4].vert_first + vert_count");

    FRESH(); le32_put(tb_record(c, "RING", 16, 2) + 8, 4);
    EXPECT(BUNDLE_ERR_REFERENCE, "RING[2].country = 4 beyond CTRY count 3");

    FRESH(); le32_put(tb_record(c, "CTRY", 76, 2) + 60, 2);
    EXPECT(BUNDLE_ERR_REFERENCE, "CTRY[2].ring_first + ring_count");

    FRESH(); le32_put(tb_record(c, "CTRY", 76, 0) + 16, 5);
    EXPECT(BUNDLE_ERR_REFERENCE, "CTRY[0].capital = 5 beyond PLAC count 4");

    FRESH(); le32_put(tb_record(c, "CTRY", 76, 1) + 24, 6);
    EXPECT(BUNDLE_ERR_VALUE, "CTRY[1].color = 6");

    FRESH(); le32_put_f(tb_record(c, "VERT", 8, 7) + 4, NAN);
    EXPECT(BUNDLE_ERR_VALUE, "VERT[7].y is not a finite number");

    FRESH(); le32_put_f(tb_record(c, "PLAC", 40, 0) + 32, INFINITY);
    EXPECT(BUNDLE_ERR_VALUE, "PLAC[0].x");

    FRESH(); le32_put(tb_record(c, "LIST", 4, 1), 0);
    EXPECT(BUNDLE_ERR_REFERENCE, "LIST[1].id = 0");

    FRESH(); le32_put(tb_record(c, "SRCS", 8, 0), 4);
    EXPECT(BUNDLE_ERR_REFERENCE, "SRCS[0].article = 4 beyond ARTC count 3");

    FRESH(); le32_put(tb_record(c, "RELN", 44, 0) + 20, 7);
    EXPECT(BUNDLE_ERR_REFERENCE, "RELN[0].country_b = 7");

    FRESH(); le32_put(tb_record(c, "FIGR", 28, 0) + 16, 4);
    EXPECT(BUNDLE_ERR_REFERENCE, "FIGR[0].source_first");

    /* Fonts: signature, directory, table extents (TrueType is big-endian). */
    FRESH(); tb_section(c, "FNTR")[0] = 0x7F;
    EXPECT(BUNDLE_ERR_FONT, "FNTR: signature");

    FRESH(); memcpy(tb_section(c, "FNTB"), "OTTO", 4);
    tb_fix_checksum(c, size);
    Bundle b;
    CHECK_EQ_U(bundle_open(&b, c, size, msg, sizeof msg), BUNDLE_OK);
    bundle_close(&b);
    FRESH(); memcpy(tb_section(c, "FNTB"), "true", 4);
    tb_fix_checksum(c, size);
    CHECK_EQ_U(bundle_open(&b, c, size, msg, sizeof msg), BUNDLE_OK);
    bundle_close(&b);

    FRESH(); tb_section(c, "FNTB")[5] = 2; /* two tables: the directory no longer fits */
    EXPECT(BUNDLE_ERR_FONT, "FNTB: table directory");

    FRESH(); tb_section(c, "FNTR")[5] = 0;
    EXPECT(BUNDLE_ERR_FONT, "FNTR: numTables = 0");

    FRESH(); tb_section(c, "FNTR")[27] = 5; /* 'head' length 5 at offset 28 of 32 */
    EXPECT(BUNDLE_ERR_FONT, "FNTR: table 0 offset 28 + length 5");

    FRESH(); memset(tb_section(c, "FNTR") + 20, 0xFF, 8); /* offset + length overflows 32 bits */
    EXPECT(BUNDLE_ERR_FONT, "FNTR: table 0");

    FRESH(); le32_put(tb_entry(c, "FNTB") + 8, 8);
    EXPECT(BUNDLE_ERR_FONT, "too small for a font header");

#undef FRESH
#undef EXPECT
    free(c);
    free(d);
}

static void test_real_bundle(const char *path)
{
    size_t size = 0;
    uint8_t *d = test_read_file(path, &size);
    if (!d) {
        printf("skip: real bundle not readable at %s\n", path ? path : "(no argv[1])");
        return;
    }
    Bundle b;
    BundleError e = bundle_open(&b, d, size, msg, sizeof msg);
    CHECK_EQ_U(e, BUNDLE_OK);
    if (e != BUNDLE_OK) {
        printf("  real bundle: %s\n", msg);
        free(d);
        return;
    }
    CHECK(b.country_count > 0);
    CHECK(b.place_count > 0);
    CHECK(b.event_count > 0);
    CHECK(b.article_count > 0);
    CHECK(b.vert_count > 0 && b.tri_count > 0 && b.ring_count > 0);
    CHECK(b.font_regular.size > 0 && b.font_bold.size > 0);
    uint32_t kaz = bundle_find_country(&b, "KAZ");
    CHECK(kaz != 0);
    BundleCountry c = bundle_country(&b, kaz);
    CHECK(c.ring_count > 0);
    CHECK(c.flags & COUNTRY_FLAG_CENTRAL_ASIA);
    for (uint32_t id = 1; id <= b.event_count; id++) {
        BundleEvent ev = bundle_event(&b, id);
        if (ev.place == 0 || ev.source_count == 0) {
            CHECK(ev.place != 0 && ev.source_count != 0);
            break;
        }
    }
    printf("real bundle: %zu bytes, %u countries, %u places, %u events, %u articles\n", size,
           b.country_count, b.place_count, b.event_count, b.article_count);
    bundle_close(&b);
    free(d);
}

int main(int argc, char **argv)
{
    test_crc32();
    test_error_texts();
    test_round_trip();
    test_header_errors();
    test_structure_errors();
    test_real_bundle(argc > 1 ? argv[1] : NULL);
    return test_finish();
}
