/* test_bundle: the bundle reader on fixtures built in code (test_support.h),
 * on tables of bad input (each asserting the specific error code and that the
 * message names the field), the packed geometry (known coordinates round
 * trip; truncated, overlong and out-of-range varints), and a smoke test of
 * the real bundle (argv[1]). */
#include "test_support.h"

#include "bundle.h"

static char msg[512];

/* Opens a bundle that must open; on failure counts it, says why and frees d. */
static bool open_ok(Bundle *b, uint8_t *d, size_t size)
{
    BundleError e = bundle_open(b, d, size, msg, sizeof msg);
    CHECK_EQ_U(e, BUNDLE_OK);
    if (e == BUNDLE_OK) return true;
    printf("  message: %s\n", msg);
    free(d);
    return false;
}

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
        CHECK(opened_.vert_xy == NULL);                                                    \
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
    if (!open_ok(&b, d, size)) return;
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
    CHECK(c.ring_first == 0 && c.ring_count == 2);
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
    bundle_vertex(&b2, 9, &x, &y);
    CHECK(x == 2 && y == 1);
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
    CHECK(b.vert_xy == NULL && b.vert_count == 0 && b.data == NULL);
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

    /* A version-1 (f32 vertices), version-2 (no back-references) or
     * version-3 bundle (triangles in TRIS) is refused by number, whatever
     * follows. */
    memcpy(c, d, size);
    le32_put(c + 4, 1);
    EXPECT_ERR(c, size, BUNDLE_ERR_VERSION, "unsupported format version 1, this reader understands version 4");
    memcpy(c, d, size);
    le32_put(c + 4, 2);
    EXPECT_ERR(c, size, BUNDLE_ERR_VERSION, "unsupported format version 2, this reader understands version 4");
    memcpy(c, d, size);
    le32_put(c + 4, 3);
    EXPECT_ERR(c, size, BUNDLE_ERR_VERSION, "unsupported format version 3, this reader understands version 4");
    memcpy(c, d, size);
    le32_put(c + 4, 5);
    EXPECT_ERR(c, size, BUNDLE_ERR_VERSION, "unsupported format version 5");

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
    FRESH(); le32_put(tb_record(c, "RING", 16, 4) + 4, 2);
    EXPECT(BUNDLE_ERR_VALUE, "RING[4].vert_count = 2");

    FRESH(); le32_put(tb_record(c, "RING", 16, 4) + 0, vert_count - 3);
    EXPECT(BUNDLE_ERR_REFERENCE, "RING[4].vert_first + vert_count");

    FRESH(); le32_put(tb_record(c, "RING", 16, 2) + 8, 4);
    EXPECT(BUNDLE_ERR_REFERENCE, "RING[2].country = 4 beyond CTRY count 3");

    FRESH(); le32_put(tb_record(c, "CTRY", BUNDLE_CTRY_RECORD_SIZE, 2) + 60, 2);
    EXPECT(BUNDLE_ERR_REFERENCE, "CTRY[2].ring_first + ring_count");

    FRESH(); le32_put(tb_record(c, "CTRY", BUNDLE_CTRY_RECORD_SIZE, 0) + 16, 5);
    EXPECT(BUNDLE_ERR_REFERENCE, "CTRY[0].capital = 5 beyond PLAC count 4");

    FRESH(); le32_put(tb_record(c, "CTRY", BUNDLE_CTRY_RECORD_SIZE, 1) + 24, 6);
    EXPECT(BUNDLE_ERR_VALUE, "CTRY[1].color = 6");

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

/* --- packed geometry ---------------------------------------------------------- */

/* A bundle with one country whose one ring is xy[0..2n), on the builder's
 * quantum (1e-6 unless quantum > 0). */
static uint8_t *geometry_bundle(const float *xy, uint32_t n, double quantum, size_t *size)
{
    Tb tb;
    tb_init(&tb);
    if (quantum > 0) tb.quantum = quantum;
    tb_meta(&tb, &(TbMeta){ .title = "Geometry", .world_bounds = { -3, -3, 3, 3 }, .home_bounds = { -1, -1, 1, 1 } });
    tb_ring(&tb, xy, n, 1, 0);
    tb_country(&tb, &(TbCountry){ .iso3 = "GEO", .name = "Geometry", .flags = COUNTRY_FLAG_HAS_GEOMETRY,
                                  .ring_first = 0, .ring_count = 1 });
    tb_fake_font(&tb, TB_FNTR);
    tb_fake_font(&tb, TB_FNTB);
    uint8_t *d = tb_finish(&tb, size);
    tb_free(&tb);
    return d;
}

/* Known coordinates come back as the nearest multiple of the quantum, rounded
 * to float: never further than half a quantum (plus the float's own rounding)
 * from where they were, and identical for identical inputs. */

/* The optional ENOT section: absent, every note is ""; present, each event
 * gets its two notes; a count other than EVNT's, or a string outside the
 * pool, is refused. */
static void test_event_notes(void)
{
    Tb tb;
    tb_fixture(&tb);
    uint32_t place_note = tb_str(&tb, "The sources give no place; shown at the capital.");
    uint32_t date_note = tb_str(&tb, "from context");
    size_t size;
    uint8_t *d = tb_finish(&tb, &size);
    tb_free(&tb);

    Bundle b;
    CHECK_EQ_U(bundle_open(&b, d, size, msg, sizeof msg), BUNDLE_OK);
    CHECK_EQ_U(b.event_note_count, 0);
    CHECK_STR(bundle_event(&b, 1).place_note, "");
    CHECK_STR(bundle_event(&b, 1).date_note, "");
    bundle_close(&b);

    const uint32_t notes[6] = { place_note, 0, 0, date_note, place_note, date_note };
    size_t n;
    uint8_t *with = tb_with_event_notes(d, size, notes, 3, &n);
    CHECK_EQ_U(bundle_open(&b, with, n, msg, sizeof msg), BUNDLE_OK);
    CHECK_EQ_U(b.event_note_count, 3);
    CHECK_STR(bundle_event(&b, 1).place_note, "The sources give no place; shown at the capital.");
    CHECK_STR(bundle_event(&b, 1).date_note, "");
    CHECK_STR(bundle_event(&b, 2).place_note, "");
    CHECK_STR(bundle_event(&b, 2).date_note, "from context");
    CHECK_STR(bundle_event(&b, 3).date_note, "from context");
    CHECK_STR(bundle_event(&b, 2).title, "Deal"); /* the rest is unchanged */
    CHECK_STR(bundle_event(&b, 4).place_note, "");  /* out of range */
    bundle_close(&b);
    free(with);

    with = tb_with_event_notes(d, size, notes, 2, &n);
    EXPECT_ERR(with, n, BUNDLE_ERR_SECTION_SIZE, "ENOT count 2 != EVNT count 3");
    free(with);

    const uint32_t bad[6] = { 0, 0, 0xFFFFFF00u, 0, 0, 0 };
    with = tb_with_event_notes(d, size, bad, 3, &n);
    EXPECT_ERR(with, n, BUNDLE_ERR_STRING, "ENOT[1].place_note");
    free(with);
    free(d);
}

static void test_packed_round_trip(void)
{
    static const float xy[] = {
        0, 0,                       /* the ring's first vertex: a delta from (0, 0) */
        0.5f, -0.25f,               /* exact multiples of 1e-6 */
        1.2345674f, -1.2345675f,    /* halfway-ish cases */
        2.4999996f, -2.4999996f,    /* near the edge of the world */
        -2.4f, 2.4f,                /* a jump of 4.9 million steps: a 4-byte varint */
        1e-7f, -4e-7f,              /* below half a step: snaps to 0 */
        -0.0000015f, 0.0000025f,    /* a few steps */
        -0.0000015f, 0.0000025f,    /* a repeated point: zero deltas */
    };
    enum { N = sizeof xy / sizeof xy[0] / 2 };
    size_t size;
    uint8_t *d = geometry_bundle(xy, N, 0, &size);
    Bundle b;
    if (!open_ok(&b, d, size)) return;
    CHECK_EQ_U(b.vert_count, N);
    for (uint32_t i = 0; i < N; i++) {
        float x, y;
        bundle_vertex(&b, i, &x, &y);
        for (int axis = 0; axis < 2; axis++) {
            float got = axis ? y : x, given = xy[2 * i + axis];
            float want = (float)((double)llround((double)given / 1e-6) * 1e-6);
            CHECK(got == want);
            CHECK_NEAR(got, given, 0.5e-6 + 2.5e-7); /* half a step, plus f32 rounding at |v| < 2.5 */
            if (got != want) printf("  vertex %u axis %d: %.9g, want %.9g\n", i, axis, got, want);
        }
    }
    float x, y;
    bundle_vertex(&b, 1, &x, &y);
    CHECK(x == 0.5f && y == -0.25f);
    bundle_vertex(&b, 5, &x, &y);
    CHECK(x == 0 && y == 0);
    bundle_close(&b);
    free(d);

    /* The quantum is the file's, not a constant of the reader. */
    static const float coarse[] = { 0.3f, 0.3f, 1.1f, 0.3f, 1.1f, 0.9f };
    d = geometry_bundle(coarse, 3, 0.25, &size);
    CHECK_EQ_U(bundle_open(&b, d, size, msg, sizeof msg), BUNDLE_OK);
    bundle_vertex(&b, 0, &x, &y);
    CHECK(x == 0.25f && y == 0.25f);
    bundle_vertex(&b, 2, &x, &y);
    CHECK(x == 1.0f && y == 1.0f);
    bundle_close(&b);
    free(d);
}

/* The standard fixture with VERT replaced by hand-made bytes. */
static uint8_t *fixture_with_packed(int which, const uint8_t *bytes, size_t n, uint32_t count, size_t *size)
{
    Tb tb;
    tb_fixture(&tb);
    tb_set_packed(&tb, which, bytes, n, count);
    uint8_t *d = tb_finish(&tb, size);
    tb_free(&tb);
    return d;
}

/* The fixture's own packed VERT bytes (quantum, then 20 vertices; the first,
 * KAZ's corner (0, 0), is two one-byte varints 0x00 0x00 at offset 8). */
static size_t fixture_vert_bytes(uint8_t *out, size_t cap)
{
    size_t size;
    uint8_t *d = tb_fixture_bundle(&size);
    size_t n = le32_get(tb_entry(d, "VERT") + 8);
    if (n <= cap) memcpy(out, tb_section(d, "VERT"), n);
    free(d);
    return n <= cap ? n : 0;
}

static void test_packed_errors(void)
{
    uint8_t good[256], bad[272];
    size_t n = fixture_vert_bytes(good, sizeof good);
    CHECK(n > 8 + 40 && good[8] == 1 && good[9] == 0); /* vertex 0 (0, 0): x is zig-zag 0 plus 1 */
    if (!(n > 8 + 40)) return;
    size_t size;
    uint8_t *d;
#define TRY_VERT(len, code, text)                                             \
    do {                                                                      \
        d = fixture_with_packed(TB_VERT, bad, (len), 20, &size);              \
        EXPECT_ERR(d, size, code, text);                                      \
        free(d);                                                              \
    } while (0)

    /* Unchanged, the hand-over path itself works. */
    memcpy(bad, good, n);
    d = fixture_with_packed(TB_VERT, bad, n, 20, &size);
    Bundle b;
    CHECK_EQ_U(bundle_open(&b, d, size, msg, sizeof msg), BUNDLE_OK);
    bundle_close(&b);
    free(d);

    /* A truncated varint: the last byte says "more follows", but VERT ends. */
    memcpy(bad, good, n);
    bad[n - 1] |= 0x80;
    /* (Vertex 19, TKM's (2, 2), repeats UZB's vertex 10: a back-reference, 0x00 then its distance.) */
    TRY_VERT(n, BUNDLE_ERR_ENCODING, "VERT[19].ref: varint runs past the end of VERT (at byte ");
    /* One varint short: the section ends after the reference's 0. */
    TRY_VERT(n - 1, BUNDLE_ERR_ENCODING, "VERT[19].ref: varint runs past the end of VERT");
    /* Two short: it ends after vertex 18's y, before vertex 19 starts. */
    TRY_VERT(n - 2, BUNDLE_ERR_ENCODING, "VERT[19].x: varint runs past the end of VERT");

    /* Overlong varints in place of vertex 0's x (one byte, 0x00). */
    static const struct { uint8_t bytes[6]; size_t len; const char *want; } overlong[] = {
        { { 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, 6, "VERT[0].x: varint longer than 5 bytes" },
        { { 0xFF, 0xFF, 0xFF, 0xFF, 0x10 }, 5, "VERT[0].x: varint exceeds 32 bits" },
        { { 0x80, 0x00 }, 2, "VERT[0].x: varint not in its shortest form" },
        { { 0x80, 0x80, 0x80, 0x80, 0x00 }, 5, "VERT[0].x: varint not in its shortest form" },
    };
    for (size_t k = 0; k < sizeof overlong / sizeof overlong[0]; k++) {
        memcpy(bad, good, 8);
        memcpy(bad + 8, overlong[k].bytes, overlong[k].len);
        memcpy(bad + 8 + overlong[k].len, good + 9, n - 9);
        TRY_VERT(n - 1 + overlong[k].len, BUNDLE_ERR_ENCODING, overlong[k].want);
    }
    /* A 5-byte varint is fine as a varint: 0xFFFFFFFE as a literal's x is
     * zig-zag 0xFFFFFFFD, -(2^31 - 1) steps, which is in range (and then far
     * from every other point). */
    memcpy(bad, good, 8);
    memcpy(bad + 8, (const uint8_t[]){ 0xFE, 0xFF, 0xFF, 0xFF, 0x0F }, 5);
    memcpy(bad + 13, good + 9, n - 9);
    d = fixture_with_packed(TB_VERT, bad, n + 4, 20, &size);
    CHECK_EQ_U(bundle_open(&b, d, size, msg, sizeof msg), BUNDLE_OK);
    float x, y;
    bundle_vertex(&b, 0, &x, &y);
    CHECK_NEAR(x, -2147.483647, 1e-3);
    bundle_close(&b);
    free(d);
    /* ... but a second such step leaves 32 bits. Vertex 1 (x = 2: 4 bytes)
     * follows vertex 0's y; make vertex 0's y -2^31 (zig-zag 0xFFFFFFFF) and
     * vertex 1's y one step further down. */
    memcpy(bad, good, 9);
    memcpy(bad + 9, (const uint8_t[]){ 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, 5);
    memcpy(bad + 14, (const uint8_t[]){ 0x01 }, 1); /* vertex 1 x: +0 (zig-zag 0, plus 1) */
    memcpy(bad + 15, (const uint8_t[]){ 0x01 }, 1); /* vertex 1 y: -1 step: below -2^31 */
    memcpy(bad + 16, good + 10 + 4 + 1, n - 15);
    TRY_VERT(n + 1, BUNDLE_ERR_VALUE, "VERT[1].y = -2147483649 steps, outside 32 bits");

    /* Bytes after the last vertex. */
    memcpy(bad, good, n);
    bad[n] = 0;
    TRY_VERT(n + 1, BUNDLE_ERR_ENCODING, "VERT: 1 bytes left after the last vertex");

    /* The quantum: positive and finite; and a quantum so large the product is no float. */
    static const double quanta[] = { 0, -1e-6, NAN, INFINITY };
    for (size_t k = 0; k < sizeof quanta / sizeof quanta[0]; k++) {
        memcpy(bad, good, n);
        uint64_t bits;
        memcpy(&bits, &quanta[k], sizeof bits);
        for (int i = 0; i < 8; i++) bad[i] = (uint8_t)(bits >> (8 * i));
        TRY_VERT(n, BUNDLE_ERR_VALUE, "VERT.quantum = ");
    }
    memcpy(bad, good, n);
    {
        double huge = 1e36;
        uint64_t bits;
        memcpy(&bits, &huge, sizeof bits);
        for (int i = 0; i < 8; i++) bad[i] = (uint8_t)(bits >> (8 * i));
    }
    TRY_VERT(n, BUNDLE_ERR_VALUE, "VERT[1].x = 2e+42 is not a finite float");

    /* The section table bounds a packed section's count by its size: at least
     * 1 byte per varint, at most 5 (so a count cannot ask for huge arrays). */
    d = fixture_with_packed(TB_VERT, good, n, 0x10000000u, &size);
    EXPECT_ERR(d, size, BUNDLE_ERR_SECTION_SIZE, "section VERT size");
    free(d);
    d = fixture_with_packed(TB_VERT, good, n, 21, &size);
    EXPECT_ERR(d, size, BUNDLE_ERR_VALUE, "RING: the rings cover 20 vertices but VERT count is 21");
    free(d);
    d = fixture_with_packed(TB_VERT, good, 8, 0, &size);
    EXPECT_ERR(d, size, BUNDLE_ERR_REFERENCE, "RING[0].vert_first + vert_count");
    free(d);
#undef TRY_VERT

    /* A country's first ring must be an outer ring: its polygons are an
     * outer ring and the holes after it (country_triangles.h). */
    size_t fixture_size;
    uint8_t *c = tb_fixture_bundle(&fixture_size);
    le32_put(tb_record(c, "CTRY", BUNDLE_CTRY_RECORD_SIZE, 1) + 56, 1); /* UZB from KAZ's hole: rings 1..2 */
    tb_fix_checksum(c, fixture_size);
    EXPECT_ERR(c, fixture_size, BUNDLE_ERR_VALUE, "CTRY[1].ring_first = 1 is a hole");
    free(c);

    /* Rings must cover VERT in order: VERT's deltas restart at each ring. */
    c = tb_fixture_bundle(&fixture_size);
    le32_put(tb_record(c, "RING", 16, 1), 3);
    le32_put(tb_record(c, "RING", 16, 1) + 4, 5);
    tb_fix_checksum(c, fixture_size);
    EXPECT_ERR(c, fixture_size, BUNDLE_ERR_VALUE, "RING[1].vert_first = 3, expected 4: rings must cover VERT in order");
    free(c);
}

/* --- back-references (format 3) --------------------------------------------- */

/* One country of two triangle rings, vertices 0..2 and 3..5, with VERT given
 * as bytes (after the quantum 1e-6). */
static uint8_t *two_ring_bundle(const uint8_t *bytes, size_t n, size_t *size)
{
    uint8_t vert[64];
    double quantum = 1e-6;
    uint64_t bits;
    memcpy(&bits, &quantum, sizeof bits);
    for (int i = 0; i < 8; i++) vert[i] = (uint8_t)(bits >> (8 * i));
    if (n > sizeof vert - 8) n = sizeof vert - 8;
    memcpy(vert + 8, bytes, n);
    static const float xy[6] = { 0, 0, 5e-6f, 0, 0, 5e-6f };
    Tb tb;
    tb_init(&tb);
    tb_meta(&tb, &(TbMeta){ .title = "Refs", .world_bounds = { -3, -3, 3, 3 }, .home_bounds = { -1, -1, 1, 1 } });
    tb_ring(&tb, xy, 3, 1, 0);
    tb_ring(&tb, xy, 3, 1, 0); /* its points are replaced by the VERT bytes */
    tb_country(&tb, &(TbCountry){ .iso3 = "REF", .name = "Refs", .flags = COUNTRY_FLAG_HAS_GEOMETRY,
                                  .ring_first = 0, .ring_count = 2 });
    tb_fake_font(&tb, TB_FNTR);
    tb_fake_font(&tb, TB_FNTB);
    tb_set_packed(&tb, TB_VERT, vert, 8 + n, 6);
    uint8_t *d = tb_finish(&tb, size);
    tb_free(&tb);
    return d;
}

static void test_back_references(void)
{
    /* Ring 0: (0, 0), (5, 0), (0, 5) steps as literals (x: zig-zag + 1, y: zig-zag).
     * Ring 1: vertex 3 = vertex 2 (0x00, then zig-zag of 2 - 0), vertex 4 =
     * vertex 1 (zig-zag of 1 - 2, from the previous reference), vertex 5 a
     * literal (0, +5) from vertex 4's point: (5, 5). */
    static const uint8_t good[] = { 0x01, 0x00, 0x0B, 0x00, 0x0A, 0x0A, 0x00, 0x04, 0x00, 0x01, 0x01, 0x0A };
    size_t size;
    uint8_t *d = two_ring_bundle(good, sizeof good, &size);
    Bundle b;
    if (!open_ok(&b, d, size)) return;
    static const float want[12] = { 0, 0, 5e-6f, 0, 0, 5e-6f, 0, 5e-6f, 5e-6f, 0, 5e-6f, 5e-6f };
    for (uint32_t i = 0; i < 6; i++) {
        float x, y;
        bundle_vertex(&b, i, &x, &y);
        CHECK(x == want[2 * i] && y == want[2 * i + 1]);
        if (!(x == want[2 * i] && y == want[2 * i + 1])) printf("  vertex %u: %.9g %.9g\n", i, x, y);
    }
    bundle_close(&b);
    free(d);

    /* Bad references: each names the vertex, its "ref" field and the byte, and nothing is kept. */
    static const struct { uint8_t bytes[16]; size_t len; BundleError code; const char *want; } bad[] = {
        /* vertex 3 refers to itself, to a later vertex, below 0 */
        { { 0x01, 0x00, 0x0B, 0x00, 0x0A, 0x0A, 0x00, 0x06, 0x00, 0x01, 0x01, 0x0A }, 12, BUNDLE_ERR_REFERENCE,
          "VERT[3].ref = 3 does not point back to an earlier vertex (must be < 3) (at byte " },
        { { 0x01, 0x00, 0x0B, 0x00, 0x0A, 0x0A, 0x00, 0x0A, 0x00, 0x01, 0x01, 0x0A }, 12, BUNDLE_ERR_REFERENCE,
          "VERT[3].ref = 5 does not point back" },
        { { 0x01, 0x00, 0x0B, 0x00, 0x0A, 0x0A, 0x00, 0x01, 0x00, 0x01, 0x01, 0x0A }, 12, BUNDLE_ERR_REFERENCE,
          "VERT[3].ref = -1, below 0 (at byte " },
        /* vertex 4's distance counts from vertex 3's source (2): 2 - 3 = -1 */
        { { 0x01, 0x00, 0x0B, 0x00, 0x0A, 0x0A, 0x00, 0x04, 0x00, 0x05, 0x01, 0x0A }, 12, BUNDLE_ERR_REFERENCE,
          "VERT[4].ref = -1, below 0" },
        /* the very first vertex has nothing before it */
        { { 0x00, 0x00, 0x0B, 0x00, 0x0A, 0x0A, 0x00, 0x04, 0x00, 0x01, 0x01, 0x0A }, 12, BUNDLE_ERR_REFERENCE,
          "VERT[0].ref = 0 does not point back to an earlier vertex (must be < 0)" },
        /* the largest distances either way */
        { { 0x01, 0x00, 0x0B, 0x00, 0x0A, 0x0A, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0x01, 0x01, 0x0A }, 16,
          BUNDLE_ERR_REFERENCE, "VERT[3].ref = -2147483648, below 0" },
        { { 0x01, 0x00, 0x0B, 0x00, 0x0A, 0x0A, 0x00, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0x01, 0x01, 0x0A }, 16,
          BUNDLE_ERR_REFERENCE, "VERT[3].ref = 2147483647 does not point back" },
        /* a reference's distance is a varint like any other */
        { { 0x01, 0x00, 0x0B, 0x00, 0x0A, 0x0A, 0x00, 0x84, 0x00, 0x00, 0x01, 0x01, 0x0A }, 13, BUNDLE_ERR_ENCODING,
          "VERT[3].ref: varint not in its shortest form (at byte " },
        { { 0x01, 0x00, 0x0B, 0x00, 0x0A, 0x0A, 0x01, 0x00, 0x01, 0x00, 0x00, 0x84 }, 12, BUNDLE_ERR_ENCODING,
          "VERT[5].ref: varint runs past the end of VERT" },
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        d = two_ring_bundle(bad[k].bytes, bad[k].len, &size);
        EXPECT_ERR(d, size, bad[k].code, bad[k].want);
        free(d);
    }

    /* The builder's references (the fixture's shared corners) decode to the
     * very points of the same fixture written with literals only, as v2 did;
     * and take fewer bytes. */
    Tb tb;
    tb_fixture(&tb);
    tb.no_refs = 1;
    size_t plain_size;
    uint8_t *plain = tb_finish(&tb, &plain_size);
    tb_free(&tb);
    d = tb_fixture_bundle(&size);
    Bundle p;
    if (!open_ok(&b, d, size)) { free(plain); return; }
    if (!open_ok(&p, plain, plain_size)) { bundle_close(&b); free(d); return; }
    CHECK_EQ_U(b.vert_count, p.vert_count);
    CHECK(memcmp(b.vert_xy, p.vert_xy, sizeof(float) * 2 * b.vert_count) == 0);
    CHECK(le32_get(tb_entry(d, "VERT") + 8) < le32_get(tb_entry(plain, "VERT") + 8));
    bundle_close(&p);
    bundle_close(&b);
    free(plain);
    free(d);
}

static void test_real_bundle(const char *path)
{
    size_t size = 0;
    uint8_t *d = test_read_real_bundle(path, &size);
    if (!d) return;
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
    CHECK(b.vert_count > 0 && b.ring_count > 0);
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
    /* Every decoded vertex lies inside META's world bounds (the compiler
     * computes them from the same snapped points, so exactly). */
    BundleMeta m = bundle_meta(&b);
    uint32_t outside = 0;
    for (uint32_t i = 0; i < b.vert_count; i++) {
        float x, y;
        bundle_vertex(&b, i, &x, &y);
        outside += !(x >= m.world_bounds[0] && y >= m.world_bounds[1] && x <= m.world_bounds[2] && y <= m.world_bounds[3]);
    }
    CHECK_EQ_U(outside, 0);
    printf("real bundle: %zu bytes, %u countries, %u places, %u events, %u articles, %u vertices\n",
           size, b.country_count, b.place_count, b.event_count, b.article_count, b.vert_count);
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
    test_event_notes();
    test_packed_round_trip();
    test_packed_errors();
    test_back_references();
    test_real_bundle(argc > 1 ? argv[1] : NULL);
    return test_finish();
}
