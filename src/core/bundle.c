/* bundle: the reader for Steppe Atlas bundles (format: bundle_format.md).
 *
 * Owns: validation of an untrusted (pointer, size) buffer, read-only views of
 * its records, and the decoded geometry. Records, strings and fonts are read
 * in place (a Bundle points into the caller's buffer); the packed VERT
 * section is decoded once into an array, because a varint stream cannot be
 * indexed. Every offset, count, string, id and varint is checked
 * once in bundle_open, in the order the format page lists, so the accessors
 * can read without checks (they still return zeroed records for ids out of
 * range, which is a caller mistake, not bad data).
 * Must not depend on: anything but the C library (no SDL, no Emscripten).
 * Coordinate spaces: it only passes values through; vertices, bounds, label
 * anchors and place x/y are world units (geo.h), lon/lat are degrees.
 *
 * Why the schema tables below: every table's fields are described once
 * (offset, kind, target table), and one loop checks them all. Adding a field
 * to the format is then one line here, and the error messages come for free. */
#include "bundle.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_internal.h"

/* --- error table and CRC ---------------------------------------------------- */

static const char *const error_texts[] = {
#define BUNDLE_TEXT(code, text) text,
    BUNDLE_ERRORS(BUNDLE_TEXT)
#undef BUNDLE_TEXT
};

const char *bundle_error_text(BundleError e)
{
    if ((unsigned)e >= BUNDLE_ERROR_COUNT) return "unknown error";
    return error_texts[e];
}

uint32_t bundle_crc32(const void *data, size_t size)
{
    /* Table built on first use; the result is identical whichever thread wins. */
    static uint32_t table[256];
    static int table_ready;
    if (!table_ready) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        table_ready = 1;
    }
    const uint8_t *p = data;
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < size; i++) crc = table[(crc ^ p[i]) & 0xFFu] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

const char *bundle_category_name(unsigned category)
{
    static const char *const names[CATEGORY_COUNT] = {
#define CATEGORY_NAME(id, name, label) name,
        EVENT_CATEGORIES(CATEGORY_NAME)
#undef CATEGORY_NAME
    };
    return category < CATEGORY_COUNT ? names[category] : "";
}

const char *bundle_category_label(unsigned category)
{
    static const char *const labels[CATEGORY_COUNT] = {
#define CATEGORY_LABEL(id, name, label) label,
        EVENT_CATEGORIES(CATEGORY_LABEL)
#undef CATEGORY_LABEL
    };
    return category < CATEGORY_COUNT ? labels[category] : "";
}

/* --- the schema ----------------------------------------------------------- */

enum {
    HEADER_SIZE = 24,
    SECTION_ENTRY_SIZE = 16,
    VERT_HEADER_SIZE = 8, /* the f64 quantum before the first vertex */
    VARINT_MAX_BYTES = 5, /* 5 x 7 bits hold a u32 */
};

/* Sections in the order of bundle_format.md. Record size 0 means a blob or,
 * for VERT, a packed varint stream (see packed_bounds). */
#define SECTIONS(X)              \
    X(SEC_STRS, "STRS", 0)       \
    X(SEC_META, "META", 64)      \
    X(SEC_VERT, "VERT", 0)       \
    X(SEC_RING, "RING", 16)      \
    X(SEC_CTRY, "CTRY", BUNDLE_CTRY_RECORD_SIZE) \
    X(SEC_PLAC, "PLAC", 40)      \
    X(SEC_ARTC, "ARTC", 44)      \
    X(SEC_EVNT, "EVNT", 40)      \
    X(SEC_RELN, "RELN", 44)      \
    X(SEC_FIGR, "FIGR", 28)      \
    X(SEC_SRCS, "SRCS", 8)       \
    X(SEC_LIST, "LIST", 4)       \
    X(SEC_ENOT, "ENOT", 8)       \
    X(SEC_TOUR, "TOUR", 20)      \
    X(SEC_TSTP, "TSTP", 28)      \
    X(SEC_FNTR, "FNTR", 0)       \
    X(SEC_FNTB, "FNTB", 0)

typedef enum SectionId {
#define SEC_ENUM(id, tag, rec) id,
    SECTIONS(SEC_ENUM)
#undef SEC_ENUM
    SEC_COUNT
} SectionId;

static const struct { char tag[5]; uint32_t record_size; /* 0 = blob */ } section_info[SEC_COUNT] = {
#define SEC_INFO(id, tag, rec) { tag, rec },
    SECTIONS(SEC_INFO)
#undef SEC_INFO
};

/* Sections a bundle may leave out (bundle_format.md): a bundle without event
 * notes or tours is still valid. */
static bool section_optional(SectionId s) { return s == SEC_ENOT || s == SEC_TOUR || s == SEC_TSTP; }

typedef enum FieldKind {
    FK_STR,       /* u32 offset into STRS */
    FK_ID,        /* u32 1-based id into target, never 0 */
    FK_ID_OR_0,   /* u32 1-based id into target, or 0 for none */
    FK_RANGE,     /* u32 first (0-based) here, u32 count at +4; count >= min */
    FK_U8,        /* u8 in [min, max] */
    FK_U32,       /* u32 in [min, max] */
    FK_FINITE,    /* f32 that must be finite */
} FieldKind;

typedef struct FieldRule {
    uint8_t offset;
    uint8_t kind;       /* FieldKind */
    uint8_t target;     /* SectionId, for ids, indices and ranges */
    uint8_t min, max;   /* for FK_U8/FK_U32 values; min also for FK_RANGE counts */
    const char *name;   /* for FK_RANGE: the "first" field; "count" is the next name */
    const char *count_name;
} FieldRule;

#define STR(off, nm) { off, FK_STR, 0, 0, 0, nm, NULL }
#define ID(off, tgt, nm) { off, FK_ID, tgt, 0, 0, nm, NULL }
#define ID0(off, tgt, nm) { off, FK_ID_OR_0, tgt, 0, 0, nm, NULL }
#define RANGE(off, tgt, min, nm, cnt) { off, FK_RANGE, tgt, min, 0, nm, cnt }
#define U8(off, lo, hi, nm) { off, FK_U8, 0, lo, hi, nm, NULL }
#define U32(off, lo, hi, nm) { off, FK_U32, 0, lo, hi, nm, NULL }
#define FINITE(off, nm) { off, FK_FINITE, 0, 0, 0, nm, NULL }

static const FieldRule meta_rules[] = {
    STR(0, "title"), STR(4, "attribution"), STR(8, "projection_name"),
    FINITE(12, "proj_lon0_deg"), FINITE(16, "proj_lat0_deg"),
    FINITE(20, "proj_lat1_deg"), FINITE(24, "proj_lat2_deg"),
    FINITE(28, "world_bounds[0]"), FINITE(32, "world_bounds[1]"),
    FINITE(36, "world_bounds[2]"), FINITE(40, "world_bounds[3]"),
    FINITE(44, "home_bounds[0]"), FINITE(48, "home_bounds[1]"),
    FINITE(52, "home_bounds[2]"), FINITE(56, "home_bounds[3]"),
    STR(60, "built_from"),
};
static const FieldRule ring_rules[] = {
    RANGE(0, SEC_VERT, 3, "vert_first", "vert_count"),
    ID(8, SEC_CTRY, "country"),
};
static const FieldRule ctry_rules[] = {
    STR(0, "iso3"), STR(4, "name"), STR(8, "name_local"), STR(12, "profile"),
    ID0(16, SEC_PLAC, "capital"),
    U32(24, 0, 5, "color"),
    FINITE(28, "label_x"), FINITE(32, "label_y"), FINITE(36, "label_rank"),
    FINITE(40, "bbox[0]"), FINITE(44, "bbox[1]"), FINITE(48, "bbox[2]"), FINITE(52, "bbox[3]"),
    RANGE(56, SEC_RING, 0, "ring_first", "ring_count"),
};
static const FieldRule plac_rules[] = {
    STR(0, "key"), STR(4, "name"), STR(8, "name_local"), STR(12, "alt_names"), STR(16, "kind"),
    ID0(20, SEC_CTRY, "country"),
    FINITE(24, "lon_deg"), FINITE(28, "lat_deg"), FINITE(32, "x"), FINITE(36, "y"),
};
static const FieldRule artc_rules[] = {
    STR(0, "key"), STR(4, "title"), STR(8, "author"), STR(12, "outlet"), STR(16, "date"),
    STR(20, "date_note"), STR(24, "summary"), STR(28, "key_points"), STR(32, "topics"),
    STR(36, "file"),
};
static const FieldRule evnt_rules[] = {
    STR(0, "key"), STR(4, "title"), STR(8, "summary"),
    U8(14, 0, 12, "month"), U8(15, 0, 31, "day"),
    U8(16, DATE_PRECISION_YEAR, DATE_PRECISION_DAY, "precision"),
    U8(17, 0, CATEGORY_COUNT - 1, "category"),
    ID(20, SEC_PLAC, "place"),
    RANGE(24, SEC_LIST, 0, "country_first", "country_count"),
    RANGE(32, SEC_SRCS, 1, "source_first", "source_count"),
};
static const FieldRule reln_rules[] = {
    STR(0, "key"), STR(4, "kind"), STR(8, "label"), STR(12, "group"),
    ID(16, SEC_CTRY, "country_a"), ID0(20, SEC_CTRY, "country_b"),
    STR(28, "unit"),
    RANGE(36, SEC_SRCS, 0, "source_first", "source_count"),
};
static const FieldRule figr_rules[] = {
    ID(0, SEC_CTRY, "country"), STR(4, "label"), STR(8, "value"),
    RANGE(16, SEC_SRCS, 0, "source_first", "source_count"),
};
static const FieldRule srcs_rules[] = { ID(0, SEC_ARTC, "article"), STR(4, "locator") };
static const FieldRule list_rules[] = { ID(0, SEC_CTRY, "id") };
static const FieldRule enot_rules[] = { STR(0, "place_note"), STR(4, "date_note") };
static const FieldRule tour_rules[] = {
    STR(0, "key"), STR(4, "title"), STR(8, "summary"),
    RANGE(12, SEC_TSTP, 1, "stop_first", "stop_count"),
};
static const FieldRule tstp_rules[] = {
    ID(0, SEC_TOUR, "tour"), STR(4, "title"), STR(8, "text"), STR(12, "notes"), STR(16, "state"),
    RANGE(20, SEC_SRCS, 1, "source_first", "source_count"),
};

#undef STR
#undef ID
#undef ID0
#undef RANGE
#undef U8
#undef U32
#undef FINITE

#define RULES(a) a, sizeof a / sizeof a[0]
static const struct { SectionId section; const FieldRule *rules; size_t rule_count; } schema[] = {
    { SEC_META, RULES(meta_rules) }, { SEC_RING, RULES(ring_rules) },
    { SEC_CTRY, RULES(ctry_rules) }, { SEC_PLAC, RULES(plac_rules) },
    { SEC_ARTC, RULES(artc_rules) }, { SEC_EVNT, RULES(evnt_rules) },
    { SEC_RELN, RULES(reln_rules) }, { SEC_FIGR, RULES(figr_rules) },
    { SEC_SRCS, RULES(srcs_rules) }, { SEC_LIST, RULES(list_rules) },
    { SEC_ENOT, RULES(enot_rules) }, { SEC_TOUR, RULES(tour_rules) }, { SEC_TSTP, RULES(tstp_rules) },
};
#undef RULES

/* --- validation ----------------------------------------------------------- */

typedef struct Section { uint32_t offset, size, count; bool present; } Section;

typedef struct Check {
    const uint8_t *data;
    size_t size;
    char *message;
    size_t message_size;
    Section sec[SEC_COUNT];
} Check;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static BundleError fail(Check *c, BundleError e, const char *fmt, ...)
{
    if (c->message && c->message_size) {
        int n = snprintf(c->message, c->message_size, "bundle: ");
        if (n >= 0 && (size_t)n < c->message_size) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(c->message + n, c->message_size - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    return e;
}

/* Number of records of a section, as a 64-bit value for overflow-free sums. */
static uint64_t table_count(const Check *c, SectionId s) { return c->sec[s].count; }

static BundleError check_field(Check *c, SectionId s, uint32_t record, const FieldRule *r)
{
    const char *tag = section_info[s].tag;
    uint64_t at = (uint64_t)c->sec[s].offset + (uint64_t)record * section_info[s].record_size + r->offset;
    const uint8_t *p = c->data + at;
    const char *ttag = section_info[r->target].tag;
    switch ((FieldKind)r->kind) {
    case FK_STR: {
        uint32_t v = rd_u32(p);
        if (v >= c->sec[SEC_STRS].size)
            return fail(c, BUNDLE_ERR_STRING, "%s[%u].%s = %u beyond STRS size %u (at byte %llu)",
                        tag, record, r->name, v, c->sec[SEC_STRS].size, (unsigned long long)at);
        return BUNDLE_OK;
    }
    case FK_ID:
    case FK_ID_OR_0: {
        uint32_t v = rd_u32(p);
        if (v == 0 && r->kind == FK_ID)
            return fail(c, BUNDLE_ERR_REFERENCE, "%s[%u].%s = 0 but a %s id is required (at byte %llu)",
                        tag, record, r->name, ttag, (unsigned long long)at);
        if (v > table_count(c, r->target))
            return fail(c, BUNDLE_ERR_REFERENCE, "%s[%u].%s = %u beyond %s count %u (at byte %llu)",
                        tag, record, r->name, v, ttag, c->sec[r->target].count, (unsigned long long)at);
        return BUNDLE_OK;
    }
    case FK_RANGE: {
        uint32_t first = rd_u32(p), count = rd_u32(p + 4);
        if (count < r->min)
            return fail(c, BUNDLE_ERR_VALUE, "%s[%u].%s = %u, at least %u required (at byte %llu)",
                        tag, record, r->count_name, count, (unsigned)r->min, (unsigned long long)at + 4);
        if ((uint64_t)first + count > table_count(c, r->target))
            return fail(c, BUNDLE_ERR_REFERENCE,
                        "%s[%u].%s + %s = %u + %u beyond %s count %u (at byte %llu)", tag, record,
                        r->name, r->count_name, first, count, ttag, c->sec[r->target].count,
                        (unsigned long long)at);
        return BUNDLE_OK;
    }
    case FK_U8:
    case FK_U32: {
        uint32_t v = r->kind == FK_U8 ? p[0] : rd_u32(p);
        if (v < r->min || v > r->max)
            return fail(c, BUNDLE_ERR_VALUE, "%s[%u].%s = %u outside %u..%u (at byte %llu)", tag,
                        record, r->name, v, (unsigned)r->min, (unsigned)r->max, (unsigned long long)at);
        return BUNDLE_OK;
    }
    case FK_FINITE: {
        float f = rd_f32(p);
        if (!isfinite(f))
            return fail(c, BUNDLE_ERR_VALUE, "%s[%u].%s is not a finite number (at byte %llu)", tag,
                        record, r->name, (unsigned long long)at);
        return BUNDLE_OK;
    }
    }
    return BUNDLE_OK;
}

/* Runs every rule whose kind is (or is not) FK_STR over every record. Strings
 * are checked in a pass of their own because the format page orders them
 * before ids (step 5 before step 6). */
static BundleError check_records(Check *c, bool strings)
{
    for (size_t t = 0; t < sizeof schema / sizeof schema[0]; t++) {
        SectionId s = schema[t].section;
        for (uint32_t i = 0; i < c->sec[s].count; i++) {
            for (size_t k = 0; k < schema[t].rule_count; k++) {
                const FieldRule *r = &schema[t].rules[k];
                if ((r->kind == FK_STR) != strings) continue;
                BundleError e = check_field(c, s, i, r);
                if (e != BUNDLE_OK) return e;
            }
        }
    }
    return BUNDLE_OK;
}

/* The smallest and largest byte size of a packed section of `count` records
 * (every varint takes 1..VARINT_MAX_BYTES bytes). Checked with the section
 * table, so that a count can never ask for more memory than a few times the
 * file's size. Returns false for sections that are not packed. */
static bool packed_bounds(SectionId s, uint32_t count, uint64_t *min, uint64_t *max)
{
    uint64_t header = 0, varints = 0;
    if (s == SEC_VERT) header = VERT_HEADER_SIZE, varints = 2 * (uint64_t)count;
    else return false;
    *min = header + varints;
    *max = header + varints * VARINT_MAX_BYTES;
    return true;
}

static BundleError check_sections(Check *c, uint32_t section_count)
{
    uint64_t table_end = HEADER_SIZE + (uint64_t)section_count * SECTION_ENTRY_SIZE;
    if (table_end > c->size)
        return fail(c, BUNDLE_ERR_SECTION_TABLE,
                    "section table of %u entries ends at byte %llu, beyond end (size %zu)",
                    section_count, (unsigned long long)table_end, c->size);
    for (uint32_t i = 0; i < section_count; i++) {
        const uint8_t *e = c->data + HEADER_SIZE + (size_t)i * SECTION_ENTRY_SIZE;
        uint32_t offset = rd_u32(e + 4), size = rd_u32(e + 8), count = rd_u32(e + 12);
        size_t entry_at = HEADER_SIZE + (size_t)i * SECTION_ENTRY_SIZE;
        char tag[5];
        for (int k = 0; k < 4; k++) tag[k] = (e[k] >= 0x20 && e[k] < 0x7F) ? (char)e[k] : '?';
        tag[4] = 0;
        if ((uint64_t)offset + size > c->size)
            return fail(c, BUNDLE_ERR_SECTION_BOUNDS,
                        "section %s offset %u + size %u beyond end (size %zu) (entry at byte %zu)",
                        tag, offset, size, c->size, entry_at);
        if (offset % 4 != 0)
            return fail(c, BUNDLE_ERR_SECTION_BOUNDS,
                        "section %s offset %u is not a multiple of 4 (entry at byte %zu)", tag,
                        offset, entry_at);
        int s = -1;
        for (int k = 0; k < SEC_COUNT; k++)
            if (memcmp(e, section_info[k].tag, 4) == 0) s = k;
        if (s < 0) continue; /* unknown tags are ignored: a later minor addition stays readable */
        if (c->sec[s].present)
            return fail(c, BUNDLE_ERR_SECTION_TABLE, "section %s appears twice (entry at byte %zu)",
                        tag, entry_at);
        uint32_t rec = section_info[s].record_size;
        uint64_t packed_min, packed_max;
        if (packed_bounds((SectionId)s, count, &packed_min, &packed_max)) {
            if (size < packed_min || size > packed_max)
                return fail(c, BUNDLE_ERR_SECTION_SIZE,
                            "section %s size %u cannot hold count %u (%llu..%llu bytes) (entry at byte %zu)",
                            tag, size, count, (unsigned long long)packed_min,
                            (unsigned long long)packed_max, entry_at + 8);
        } else if (rec == 0 && count != 0)
            return fail(c, BUNDLE_ERR_SECTION_SIZE,
                        "section %s is a blob but has count %u (entry at byte %zu)", tag, count,
                        entry_at + 12);
        if (rec != 0 && (uint64_t)count * rec != size)
            return fail(c, BUNDLE_ERR_SECTION_SIZE,
                        "section %s size %u != count %u x record size %u (entry at byte %zu)", tag,
                        size, count, rec, entry_at + 8);
        if (s == SEC_META && count != 1)
            return fail(c, BUNDLE_ERR_SECTION_SIZE,
                        "section META has count %u, exactly 1 required (entry at byte %zu)", count,
                        entry_at + 12);
        c->sec[s] = (Section){ offset, size, count, true };
    }
    for (int k = 0; k < SEC_COUNT; k++)
        if (!c->sec[k].present && !section_optional((SectionId)k))
            return fail(c, BUNDLE_ERR_SECTION_MISSING, "required section %s missing",
                        section_info[k].tag);
    if (c->sec[SEC_ENOT].present && c->sec[SEC_ENOT].count != c->sec[SEC_EVNT].count)
        return fail(c, BUNDLE_ERR_SECTION_SIZE, "ENOT count %u != EVNT count %u (one note record per event)",
                    c->sec[SEC_ENOT].count, c->sec[SEC_EVNT].count);
    if (c->sec[SEC_TOUR].present != c->sec[SEC_TSTP].present)
        return fail(c, BUNDLE_ERR_SECTION_MISSING, "section %s without %s (tours need both)",
                    c->sec[SEC_TOUR].present ? "TOUR" : "TSTP", c->sec[SEC_TOUR].present ? "TSTP" : "TOUR");
    return BUNDLE_OK;
}

/* Only what stb_truetype needs before it can be trusted with the rest (the
 * checksum covers the bytes themselves): a known signature, and a table
 * directory whose every table lies inside the blob. */
static BundleError check_font(Check *c, SectionId s)
{
    const char *tag = section_info[s].tag;
    const uint8_t *p = c->data + c->sec[s].offset;
    uint32_t size = c->sec[s].size;
    uint32_t at = c->sec[s].offset;
    if (size < 12)
        return fail(c, BUNDLE_ERR_FONT, "%s: %u bytes, too small for a font header (at byte %u)",
                    tag, size, at);
    uint32_t signature = rd_be32(p);
    if (signature != 0x00010000u && signature != 0x74727565u /* 'true' */ &&
        signature != 0x4F54544Fu /* 'OTTO' */)
        return fail(c, BUNDLE_ERR_FONT, "%s: signature 0x%08X is not TrueType/OpenType (at byte %u)",
                    tag, signature, at);
    uint32_t tables = rd_be16(p + 4);
    if (tables == 0)
        return fail(c, BUNDLE_ERR_FONT, "%s: numTables = 0 (at byte %u)", tag, at + 4);
    uint64_t dir_end = 12 + (uint64_t)tables * 16;
    if (dir_end > size)
        return fail(c, BUNDLE_ERR_FONT, "%s: table directory of %u tables ends at %llu, beyond %u (at byte %u)",
                    tag, tables, (unsigned long long)dir_end, size, at + 4);
    for (uint32_t i = 0; i < tables; i++) {
        const uint8_t *rec = p + 12 + (size_t)i * 16;
        uint32_t t_off = rd_be32(rec + 8), t_len = rd_be32(rec + 12);
        if ((uint64_t)t_off + t_len > size)
            return fail(c, BUNDLE_ERR_FONT, "%s: table %u offset %u + length %u beyond %u (at byte %llu)",
                        tag, i, t_off, t_len, size, (unsigned long long)at + 12 + (uint64_t)i * 16);
    }
    return BUNDLE_OK;
}

/* --- packed geometry (VERT) ----------------------------------------------- */

/* A cursor over one packed section; positions are file offsets, so that
 * messages can name the byte. */
typedef struct VarintStream {
    const uint8_t *data;
    uint64_t at, end;
} VarintStream;

/* Reads one varint: little-endian groups of 7 bits, high bit set on all but
 * the last byte; at most 5 bytes, at most 32 bits, and in its shortest form
 * (so one value has one encoding). Errors name tag[record].field. */
static BundleError read_varint(Check *c, VarintStream *in, const char *tag, uint32_t record,
                               const char *field, uint32_t *out)
{
    uint64_t start = in->at;
    uint32_t value = 0;
    for (int k = 0;; k++) {
        if (k == VARINT_MAX_BYTES)
            return fail(c, BUNDLE_ERR_ENCODING, "%s[%u].%s: varint longer than %d bytes (at byte %llu)", tag,
                        record, field, VARINT_MAX_BYTES, (unsigned long long)start);
        if (in->at >= in->end)
            return fail(c, BUNDLE_ERR_ENCODING, "%s[%u].%s: varint runs past the end of %s (at byte %llu)",
                        tag, record, field, tag, (unsigned long long)start);
        uint8_t byte = in->data[in->at++];
        if (byte < 0x80) {
            /* The fifth byte holds bits 28..34, of which only 28..31 fit a u32. */
            if (k == VARINT_MAX_BYTES - 1 && byte > 0x0F)
                return fail(c, BUNDLE_ERR_ENCODING, "%s[%u].%s: varint exceeds 32 bits (at byte %llu)", tag,
                            record, field, (unsigned long long)start);
            if (byte == 0 && k > 0)
                return fail(c, BUNDLE_ERR_ENCODING,
                            "%s[%u].%s: varint not in its shortest form (at byte %llu)", tag, record, field,
                            (unsigned long long)start);
            *out = value | (uint32_t)byte << (7 * k);
            return BUNDLE_OK;
        }
        value |= (uint32_t)(byte & 0x7F) << (7 * k);
    }
}

/* Zig-zag: 0, 1, 2, 3, 4 ... stand for 0, -1, 1, -2, 2 ..., so small deltas
 * of either sign take one byte. */
static int64_t unzigzag(uint32_t u) { return (int64_t)(u >> 1) ^ -(int64_t)(u & 1); }

static BundleError trailing_bytes(Check *c, const VarintStream *in, const char *tag, const char *what)
{
    if (in->at == in->end) return BUNDLE_OK;
    return fail(c, BUNDLE_ERR_ENCODING, "%s: %llu bytes left after the last %s (at byte %llu)", tag,
                (unsigned long long)(in->end - in->at), what, (unsigned long long)in->at);
}

/* Step 7: VERT's literal deltas restart at every ring, so the rings must cover its
 * vertices exactly, in order. (Step 6 already put each ring inside VERT.) */
static BundleError check_ring_cover(Check *c)
{
    const Section *ring = &c->sec[SEC_RING];
    uint64_t next = 0;
    for (uint32_t r = 0; r < ring->count; r++) {
        uint64_t at = (uint64_t)ring->offset + (uint64_t)r * 16;
        uint32_t first = rd_u32(c->data + at), count = rd_u32(c->data + at + 4);
        if (first != next)
            return fail(c, BUNDLE_ERR_VALUE,
                        "RING[%u].vert_first = %u, expected %llu: rings must cover VERT in order (at byte %llu)",
                        r, first, (unsigned long long)next, (unsigned long long)at);
        next += count;
    }
    if (next != c->sec[SEC_VERT].count)
        return fail(c, BUNDLE_ERR_VALUE, "RING: the rings cover %llu vertices but VERT count is %u",
                    (unsigned long long)next, c->sec[SEC_VERT].count);
    /* A country's polygons are an outer ring and the hole rings after it
     * (country_triangles.h), so its first ring must not be a hole. The
     * record checks have put every ring range inside RING. */
    const Section *ctry = &c->sec[SEC_CTRY];
    for (uint32_t k = 0; k < ctry->count; k++) {
        uint64_t at = (uint64_t)ctry->offset + (uint64_t)k * section_info[SEC_CTRY].record_size + 56;
        uint32_t first = rd_u32(c->data + at), count = rd_u32(c->data + at + 4);
        if (count && (rd_u32(c->data + ring->offset + (uint64_t)first * 16 + 12) & RING_FLAG_HOLE))
            return fail(c, BUNDLE_ERR_VALUE,
                        "CTRY[%u].ring_first = %u is a hole (a country's first ring must be an outer ring) (at byte %llu)",
                        k, first, (unsigned long long)at);
    }
    return BUNDLE_OK;
}

/* Decodes VERT into xy (2 floats per vertex): an f64 quantum, then per ring,
 * per vertex, either a literal or a back-reference. A literal is the zig-zag
 * varint delta of x plus 1, then that of y, in quantum steps from the
 * previous vertex ((0, 0) before a ring's first); x = steps * quantum in
 * double, rounded to float, as the compiler does. A first varint of 0 is a
 * back-reference: the next varint is the zig-zag distance from the previous
 * reference's vertex (0 before the first) to an earlier vertex, whose point
 * this one repeats; it must point back (0 <= source < this vertex), so every
 * source is decoded already. steps[] keeps the integer steps of every vertex
 * so that a literal after a reference continues from exact steps. */
static BundleError decode_vertices(Check *c, float *xy, int32_t *steps)
{
    const Section *sec = &c->sec[SEC_VERT];
    double quantum = rd_f64(c->data + sec->offset);
    if (!(isfinite(quantum) && quantum > 0))
        return fail(c, BUNDLE_ERR_VALUE, "VERT.quantum = %g is not a positive finite number (at byte %u)",
                    quantum, sec->offset);
    VarintStream in = { c->data, (uint64_t)sec->offset + VERT_HEADER_SIZE, (uint64_t)sec->offset + sec->size };
    const uint8_t *rings = c->data + c->sec[SEC_RING].offset;
    uint32_t v = 0;
    int64_t last_ref = 0;
    for (uint32_t r = 0; r < c->sec[SEC_RING].count; r++) {
        uint32_t count = rd_u32(rings + (size_t)r * 16 + 4);
        int64_t prev[2] = { 0, 0 };
        for (uint32_t k = 0; k < count; k++, v++) {
            uint64_t at = in.at;
            uint32_t first;
            BundleError e = read_varint(c, &in, "VERT", v, "x", &first);
            if (e != BUNDLE_OK) return e;
            if (first == 0) {
                uint64_t ref_at = in.at;
                uint32_t zz;
                if ((e = read_varint(c, &in, "VERT", v, "ref", &zz)) != BUNDLE_OK) return e;
                int64_t src = last_ref + unzigzag(zz);
                if (src < 0)
                    return fail(c, BUNDLE_ERR_REFERENCE, "VERT[%u].ref = %lld, below 0 (at byte %llu)", v,
                                (long long)src, (unsigned long long)ref_at);
                if (src >= v)
                    return fail(c, BUNDLE_ERR_REFERENCE,
                                "VERT[%u].ref = %lld does not point back to an earlier vertex (must be < %u) (at byte %llu)",
                                v, (long long)src, v, (unsigned long long)ref_at);
                last_ref = src;
                for (int axis = 0; axis < 2; axis++) {
                    prev[axis] = steps[2 * (size_t)src + (size_t)axis];
                    steps[2 * (size_t)v + (size_t)axis] = (int32_t)prev[axis];
                    xy[2 * (size_t)v + (size_t)axis] = xy[2 * (size_t)src + (size_t)axis];
                }
                continue;
            }
            for (int axis = 0; axis < 2; axis++) {
                const char *field = axis ? "y" : "x";
                uint32_t zz = first - 1;
                if (axis == 1) {
                    at = in.at;
                    if ((e = read_varint(c, &in, "VERT", v, field, &zz)) != BUNDLE_OK) return e;
                }
                prev[axis] += unzigzag(zz);
                if (prev[axis] < INT32_MIN || prev[axis] > INT32_MAX)
                    return fail(c, BUNDLE_ERR_VALUE, "VERT[%u].%s = %lld steps, outside 32 bits (at byte %llu)", v,
                                field, (long long)prev[axis], (unsigned long long)at);
                double world = (double)prev[axis] * quantum;
                /* Also keeps the conversion to float defined (C11 6.3.1.5). */
                if (!(fabs(world) <= FLT_MAX))
                    return fail(c, BUNDLE_ERR_VALUE, "VERT[%u].%s = %g is not a finite float (at byte %llu)", v,
                                field, world, (unsigned long long)at);
                steps[2 * (size_t)v + (size_t)axis] = (int32_t)prev[axis];
                xy[2 * (size_t)v + (size_t)axis] = (float)world;
            }
        }
    }
    return trailing_bytes(c, &in, "VERT", "vertex");
}

static BundleError validate(Check *c)
{
    if (c->size < HEADER_SIZE)
        return fail(c, BUNDLE_ERR_TOO_SMALL, "%zu bytes, smaller than the %d-byte header", c->size,
                    HEADER_SIZE);
    const uint8_t *d = c->data;
    if (memcmp(d, BUNDLE_MAGIC, 4) != 0)
        return fail(c, BUNDLE_ERR_MAGIC, "magic %02X %02X %02X %02X is not \"SATL\" (at byte 0)",
                    d[0], d[1], d[2], d[3]);
    uint32_t version = rd_u32(d + 4);
    if (version != BUNDLE_VERSION)
        return fail(c, BUNDLE_ERR_VERSION,
                    "unsupported format version %u, this reader understands version %u (at byte 4)",
                    version, BUNDLE_VERSION);
    uint32_t file_size = rd_u32(d + 8);
    if (file_size != c->size)
        return fail(c, BUNDLE_ERR_TRUNCATED, "header file_size %u but the buffer has %zu bytes (at byte 8)",
                    file_size, c->size);
    uint32_t stored = rd_u32(d + 12);
    uint32_t actual = bundle_crc32(d + 16, c->size - 16);
    if (stored != actual)
        return fail(c, BUNDLE_ERR_CHECKSUM, "checksum 0x%08X stored, 0x%08X computed (at byte 12)",
                    stored, actual);

    BundleError e = check_sections(c, rd_u32(d + 16));
    if (e != BUNDLE_OK) return e;

    const Section *strs = &c->sec[SEC_STRS];
    if (strs->size == 0 || d[strs->offset] != 0)
        return fail(c, BUNDLE_ERR_STRING, "STRS does not start with NUL (at byte %u)", strs->offset);
    if (d[(size_t)strs->offset + strs->size - 1] != 0)
        return fail(c, BUNDLE_ERR_STRING, "STRS does not end with NUL (at byte %u)",
                    strs->offset + strs->size - 1);

    if ((e = check_records(c, true)) != BUNDLE_OK) return e;
    if ((e = check_records(c, false)) != BUNDLE_OK) return e;
    if ((e = check_font(c, SEC_FNTR)) != BUNDLE_OK) return e;
    if ((e = check_font(c, SEC_FNTB)) != BUNDLE_OK) return e;
    return check_ring_cover(c);
}

BundleError bundle_open(Bundle *b, const void *data, size_t size, char *message, size_t message_size)
{
    memset(b, 0, sizeof *b);
    if (message && message_size) message[0] = 0;
    Check c = { .data = data, .size = data ? size : 0, .message = message, .message_size = message_size };
    BundleError e = validate(&c);
    if (e != BUNDLE_OK) return e;

    /* Step 8: decode the geometry. The section table check bounded the
     * count by the section's size, so the array takes at most 4 bytes per
     * file byte (8 while the steps array below lives); still, a 32-bit
     * size_t (WebAssembly) could not hold that for a file over 1 GB, so the
     * size is checked in 64 bits. "+ 1" because malloc(0) may return NULL. */
    uint32_t vert_count = c.sec[SEC_VERT].count;
    uint64_t xy_bytes = sizeof(float) * 2 * (uint64_t)vert_count;
    float *vert_xy = xy_bytes < SIZE_MAX ? malloc((size_t)xy_bytes + 1) : NULL;
    if (!vert_xy)
        e = fail(&c, BUNDLE_ERR_MEMORY, "out of memory decoding %u vertices (%llu bytes)", vert_count,
                 (unsigned long long)xy_bytes);
    /* The integer steps, needed only while decoding (a reference copies its
     * source's steps); the same size as vert_xy. */
    int32_t *steps = e == BUNDLE_OK ? malloc((size_t)xy_bytes + 1) : NULL;
    if (e == BUNDLE_OK && !steps)
        e = fail(&c, BUNDLE_ERR_MEMORY, "out of memory decoding %u vertices (%llu bytes of steps)", vert_count,
                 (unsigned long long)xy_bytes);
    if (e == BUNDLE_OK) e = decode_vertices(&c, vert_xy, steps);
    free(steps);
    if (e != BUNDLE_OK) {
        free(vert_xy);
        return e;
    }

    const uint8_t *d = data;
#define VIEW(ptr, id) (b->ptr = d + c.sec[id].offset)
    b->data = d;
    b->size = size;
    VIEW(strs, SEC_STRS); b->strs_size = c.sec[SEC_STRS].size;
    VIEW(meta, SEC_META);
    b->vert_xy = vert_xy; b->vert_count = vert_count;
    VIEW(ring, SEC_RING); b->ring_count = c.sec[SEC_RING].count;
    VIEW(ctry, SEC_CTRY); b->country_count = c.sec[SEC_CTRY].count;
    VIEW(plac, SEC_PLAC); b->place_count = c.sec[SEC_PLAC].count;
    VIEW(artc, SEC_ARTC); b->article_count = c.sec[SEC_ARTC].count;
    VIEW(evnt, SEC_EVNT); b->event_count = c.sec[SEC_EVNT].count;
    VIEW(reln, SEC_RELN); b->relation_count = c.sec[SEC_RELN].count;
    VIEW(figr, SEC_FIGR); b->figure_count = c.sec[SEC_FIGR].count;
    VIEW(srcs, SEC_SRCS); b->source_count = c.sec[SEC_SRCS].count;
    VIEW(list, SEC_LIST); b->list_count = c.sec[SEC_LIST].count;
    if (c.sec[SEC_ENOT].present) { VIEW(enot, SEC_ENOT); b->event_note_count = c.sec[SEC_ENOT].count; }
    if (c.sec[SEC_TOUR].present) {
        VIEW(tour, SEC_TOUR); b->tour_count = c.sec[SEC_TOUR].count;
        VIEW(tstp, SEC_TSTP); b->tour_stop_count = c.sec[SEC_TSTP].count;
    }
#undef VIEW
    b->font_regular = (BundleBlob){ d + c.sec[SEC_FNTR].offset, c.sec[SEC_FNTR].size };
    b->font_bold = (BundleBlob){ d + c.sec[SEC_FNTB].offset, c.sec[SEC_FNTB].size };
    return BUNDLE_OK;
}

void bundle_close(Bundle *b)
{
    free(b->vert_xy);
    memset(b, 0, sizeof *b);
}

