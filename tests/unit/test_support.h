/* test_support: a tiny check macro set and a bundle builder for the unit tests.
 *
 * Checks: CHECK(cond), CHECK_EQ_U(a, b), CHECK_NEAR(a, b, eps), CHECK_STR(a, b)
 * print one line per failure with file:line and keep going; test_finish()
 * prints "N passed, N failed" and returns the exit code.
 *
 * Builder: Tb collects records per section, tb_finish lays out a valid
 * version-4 bundle (header, section table, 4-aligned sections, checksum) in a
 * malloc'd buffer. Vertices are collected unpacked (f32 x, y) and packed by
 * tb_finish as bundle_format.md says: vertices
 * snapped to tb->quantum (1e-6 unless a test changes it), zig-zag varint
 * deltas, and points repeated from an earlier ring as back-references. A test can also hand tb_finish the packed bytes itself
 * (tb_set_packed) to try malformed encodings. Fixtures are built in code so
 * every byte is explained by the test that made it. Everything is static
 * inline so a test that uses only part of it compiles without
 * unused-function warnings. */
#ifndef STEPPE_TEST_SUPPORT_H
#define STEPPE_TEST_SUPPORT_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"

/* --- checks ---------------------------------------------------------------- */

static int test_passed, test_failed;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (cond) test_passed++;                                               \
        else {                                                                 \
            test_failed++;                                                     \
            printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);    \
        }                                                                      \
    } while (0)

#define CHECK_EQ_U(a, b)                                                               \
    do {                                                                               \
        unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b); \
        if (a_ == b_) test_passed++;                                                   \
        else {                                                                         \
            test_failed++;                                                             \
            printf("%s:%d: %s == %s failed: %llu != %llu\n", __FILE__, __LINE__, #a,    \
                   #b, a_, b_);                                                        \
        }                                                                              \
    } while (0)

#define CHECK_NEAR(a, b, eps)                                                          \
    do {                                                                               \
        double a_ = (double)(a), b_ = (double)(b);                                     \
        if (fabs(a_ - b_) <= (eps)) test_passed++;                                     \
        else {                                                                         \
            test_failed++;                                                             \
            printf("%s:%d: %s ~= %s failed: %.12g vs %.12g (eps %g)\n", __FILE__,       \
                   __LINE__, #a, #b, a_, b_, (double)(eps));                           \
        }                                                                              \
    } while (0)

#define CHECK_STR(a, b)                                                                \
    do {                                                                               \
        const char *a_ = (a), *b_ = (b);                                               \
        if (a_ && b_ && strcmp(a_, b_) == 0) test_passed++;                            \
        else {                                                                         \
            test_failed++;                                                             \
            printf("%s:%d: %s == %s failed: \"%s\" vs \"%s\"\n", __FILE__, __LINE__,    \
                   #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                    \
        }                                                                              \
    } while (0)

static inline int test_finish(void)
{
    printf("%d passed, %d failed\n", test_passed, test_failed);
    return test_failed ? 1 : 0;
}

/* A deterministic PRNG (xorshift64*), so fuzz-like tests repeat exactly. */
static inline uint64_t test_rand(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1DULL;
}
static inline double test_rand_unit(uint64_t *state) { return (double)(test_rand(state) >> 11) / 9007199254740992.0; }

/* --- little-endian writers --------------------------------------------------- */

static inline void le32_put(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static inline uint32_t le32_get(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline void le32_put_f(uint8_t *p, float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    le32_put(p, u);
}

/* --- the builder --------------------------------------------------------------- */

enum {
    TB_STRS, TB_META, TB_VERT, TB_RING, TB_CTRY, TB_PLAC, TB_ARTC,
    TB_EVNT, TB_RELN, TB_FIGR, TB_SRCS, TB_LIST, TB_FNTR, TB_FNTB, TB_SECTION_COUNT
};
static const char tb_tags[TB_SECTION_COUNT][5] = {
    "STRS", "META", "VERT", "RING", "CTRY", "PLAC", "ARTC",
    "EVNT", "RELN", "FIGR", "SRCS", "LIST", "FNTR", "FNTB",
};
/* Record sizes as collected here; VERT (f32 x, y) is packed into varints by
 * tb_finish, so its size is the builder's, not the file's. */
static const uint32_t tb_record_size[TB_SECTION_COUNT] = { 0, 64, 8, 16, 68, 40, 44, 40, 44, 28, 8, 4, 0, 0 };

typedef struct TbSection { uint8_t *bytes; size_t size, cap; } TbSection;

/* Packed bytes a test supplies for VERT instead of the encoded records. */
typedef struct TbPacked { const uint8_t *bytes; size_t size; uint32_t count; int set; } TbPacked;

typedef struct Tb {
    TbSection sec[TB_SECTION_COUNT]; /* VERT holds unpacked records until tb_finish */
    int omit;               /* a section to leave out (-1: none), for the missing-section test */
    int add_unknown;        /* append an unknown "ZZZZ" section, which readers must ignore */
    double quantum;         /* VERT's quantum: world units per step */
    int no_refs;            /* VERT: write every vertex as a literal (no back-references) */
    TbPacked packed;        /* VERT: verbatim section bytes, if set */
} Tb;

static inline void tb_section_bytes(TbSection *sec, const void *data, size_t n)
{
    if (sec->size + n > sec->cap) {
        size_t cap = sec->cap ? sec->cap : 256;
        while (cap < sec->size + n) cap *= 2;
        sec->bytes = realloc(sec->bytes, cap);
        if (!sec->bytes) abort();
        sec->cap = cap;
    }
    if (n) memcpy(sec->bytes + sec->size, data, n);
    sec->size += n;
}
static inline void tb_bytes(Tb *tb, int s, const void *data, size_t n) { tb_section_bytes(&tb->sec[s], data, n); }
static inline void tb_u32(Tb *tb, int s, uint32_t v) { uint8_t b[4]; le32_put(b, v); tb_bytes(tb, s, b, 4); }
static inline void tb_f32(Tb *tb, int s, float v) { uint8_t b[4]; le32_put_f(b, v); tb_bytes(tb, s, b, 4); }
static inline void tb_u16(Tb *tb, int s, uint16_t v) { uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) }; tb_bytes(tb, s, b, 2); }
static inline void tb_u8(Tb *tb, int s, uint8_t v) { tb_bytes(tb, s, &v, 1); }
static inline uint32_t tb_count(const Tb *tb, int s) { return (uint32_t)(tb->sec[s].size / tb_record_size[s]); }

/* Appends a string to the pool and returns its offset ("" is offset 0). */
static inline uint32_t tb_str(Tb *tb, const char *s)
{
    if (!s || !s[0]) return 0;
    uint32_t off = (uint32_t)tb->sec[TB_STRS].size;
    tb_bytes(tb, TB_STRS, s, strlen(s) + 1);
    return off;
}

/* A minimal TrueType-looking blob: sfnt version 1.0, one table ('head') of 4 bytes. */
static inline void tb_fake_font(Tb *tb, int s)
{
    static const uint8_t font[32] = {
        0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, /* header */
        'h', 'e', 'a', 'd', 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 4,              /* directory */
        0x00, 0x01, 0x00, 0x00,                                                   /* the table */
    };
    tb_bytes(tb, s, font, sizeof font);
}

static inline void tb_init(Tb *tb)
{
    memset(tb, 0, sizeof *tb);
    tb->omit = -1;
    tb->quantum = 1e-6;
    tb_u8(tb, TB_STRS, 0);
}

/* Makes tb_finish write these bytes as VERT (which = TB_VERT, the only
 * packed section), with this record count, instead of packing the records. */
static inline void tb_set_packed(Tb *tb, int which, const uint8_t *bytes, size_t size, uint32_t count)
{
    (void)which;
    tb->packed = (TbPacked){ bytes, size, count, 1 };
}

/* --- packing (the encoder of bundle_format.md, written again for the tests) --- */

static inline void tb_varint(TbSection *out, uint32_t v)
{
    while (v >= 0x80) {
        uint8_t b = (uint8_t)(v | 0x80);
        tb_section_bytes(out, &b, 1);
        v >>= 7;
    }
    uint8_t b = (uint8_t)v;
    tb_section_bytes(out, &b, 1);
}
static inline uint32_t tb_zigzag(int64_t v) { return v >= 0 ? (uint32_t)(2 * v) : (uint32_t)(-2 * v - 1); }

/* The step count nearest to a world coordinate (what the compiler's quantize does). */
static inline int64_t tb_steps(double world, double quantum) { return (int64_t)llround(world / quantum); }

/* VERT (format 3 and 4): the f64 quantum, then per ring, per vertex, a literal
 * (zig-zag delta of x from the previous vertex plus 1, zig-zag delta of y) or,
 * for a point an earlier ring already has, a back-reference: 0, then the
 * zig-zag distance from the previous reference's vertex, preferring the
 * neighbour of that vertex (a run along a shared border), as compile.mjs does.
 * tb->no_refs writes every vertex as a literal. */
static inline void tb_pack_vertices(const Tb *tb, TbSection *out)
{
    uint8_t q[8];
    uint64_t bits;
    memcpy(&bits, &tb->quantum, sizeof bits);
    for (int i = 0; i < 8; i++) q[i] = (uint8_t)(bits >> (8 * i));
    tb_section_bytes(out, q, 8);
    const TbSection *ring = &tb->sec[TB_RING], *vert = &tb->sec[TB_VERT];
    size_t n = vert->size / 8;
    int64_t *st = calloc(2 * n + 1, sizeof *st);
    for (size_t v = 0; v < 2 * n; v++) {
        uint32_t u = le32_get(vert->bytes + 4 * v);
        float f;
        memcpy(&f, &u, sizeof f);
        st[v] = tb_steps(f, tb->quantum);
    }
    int64_t last_ref = 0;
    for (size_t r = 0; r + 16 <= ring->size; r += 16) {
        uint32_t first = le32_get(ring->bytes + r), count = le32_get(ring->bytes + r + 4);
        int64_t prev[2] = { 0, 0 };
        for (uint32_t v = first; v < first + count; v++) {
            int64_t src = -1;
            for (uint32_t i = 0; i < first && !tb->no_refs; i++) {
                if (st[2 * i] != st[2 * v] || st[2 * i + 1] != st[2 * v + 1]) continue;
                if (src < 0 || i == last_ref - 1 || i == last_ref + 1) src = i;
            }
            if (src >= 0) {
                tb_varint(out, 0);
                tb_varint(out, tb_zigzag(src - last_ref));
                last_ref = src;
            } else {
                tb_varint(out, tb_zigzag(st[2 * v] - prev[0]) + 1);
                tb_varint(out, tb_zigzag(st[2 * v + 1] - prev[1]));
            }
            prev[0] = st[2 * v];
            prev[1] = st[2 * v + 1];
        }
    }
    free(st);
}

static inline void tb_free(Tb *tb)
{
    for (int s = 0; s < TB_SECTION_COUNT; s++) free(tb->sec[s].bytes);
    memset(tb, 0, sizeof *tb);
}

typedef struct TbMeta {
    const char *title, *attribution, *projection_name, *built_from;
    float lon0, lat0, lat1, lat2;
    float world_bounds[4], home_bounds[4];
} TbMeta;

static inline void tb_meta(Tb *tb, const TbMeta *m)
{
    tb_u32(tb, TB_META, tb_str(tb, m->title));
    tb_u32(tb, TB_META, tb_str(tb, m->attribution));
    tb_u32(tb, TB_META, tb_str(tb, m->projection_name));
    tb_f32(tb, TB_META, m->lon0); tb_f32(tb, TB_META, m->lat0);
    tb_f32(tb, TB_META, m->lat1); tb_f32(tb, TB_META, m->lat2);
    for (int i = 0; i < 4; i++) tb_f32(tb, TB_META, m->world_bounds[i]);
    for (int i = 0; i < 4; i++) tb_f32(tb, TB_META, m->home_bounds[i]);
    tb_u32(tb, TB_META, tb_str(tb, m->built_from));
}

static inline uint32_t tb_vertex(Tb *tb, float x, float y)
{
    uint32_t index = tb_count(tb, TB_VERT);
    tb_f32(tb, TB_VERT, x);
    tb_f32(tb, TB_VERT, y);
    return index;
}
/* Adds a ring from n (x, y) pairs; returns its 0-based index. */
static inline uint32_t tb_ring(Tb *tb, const float *xy, uint32_t n, uint32_t country, uint32_t flags)
{
    uint32_t index = tb_count(tb, TB_RING);
    uint32_t first = tb_count(tb, TB_VERT);
    for (uint32_t i = 0; i < n; i++) tb_vertex(tb, xy[2 * i], xy[2 * i + 1]);
    tb_u32(tb, TB_RING, first); tb_u32(tb, TB_RING, n);
    tb_u32(tb, TB_RING, country); tb_u32(tb, TB_RING, flags);
    return index;
}
/* An axis-aligned rectangle ring. */
static inline uint32_t tb_rect_ring(Tb *tb, float x0, float y0, float x1, float y1, uint32_t country, uint32_t flags)
{
    float xy[8] = { x0, y0, x1, y0, x1, y1, x0, y1 };
    return tb_ring(tb, xy, 4, country, flags);
}

typedef struct TbCountry {
    const char *iso3, *name, *name_local, *profile;
    uint32_t capital, flags, color;
    float label_x, label_y, label_rank;
    float bbox[4];
    uint32_t ring_first, ring_count;
} TbCountry;

static inline uint32_t tb_country(Tb *tb, const TbCountry *c)
{
    int s = TB_CTRY;
    tb_u32(tb, s, tb_str(tb, c->iso3)); tb_u32(tb, s, tb_str(tb, c->name));
    tb_u32(tb, s, tb_str(tb, c->name_local)); tb_u32(tb, s, tb_str(tb, c->profile));
    tb_u32(tb, s, c->capital); tb_u32(tb, s, c->flags); tb_u32(tb, s, c->color);
    tb_f32(tb, s, c->label_x); tb_f32(tb, s, c->label_y); tb_f32(tb, s, c->label_rank);
    for (int i = 0; i < 4; i++) tb_f32(tb, s, c->bbox[i]);
    tb_u32(tb, s, c->ring_first); tb_u32(tb, s, c->ring_count);
    tb_u32(tb, s, 0);
    return tb_count(tb, s);
}

typedef struct TbPlace {
    const char *key, *name, *name_local, *alt_names, *kind;
    uint32_t country;
    float lon_deg, lat_deg, x, y;
} TbPlace;

static inline uint32_t tb_place(Tb *tb, const TbPlace *p)
{
    int s = TB_PLAC;
    tb_u32(tb, s, tb_str(tb, p->key)); tb_u32(tb, s, tb_str(tb, p->name));
    tb_u32(tb, s, tb_str(tb, p->name_local)); tb_u32(tb, s, tb_str(tb, p->alt_names));
    tb_u32(tb, s, tb_str(tb, p->kind)); tb_u32(tb, s, p->country);
    tb_f32(tb, s, p->lon_deg); tb_f32(tb, s, p->lat_deg); tb_f32(tb, s, p->x); tb_f32(tb, s, p->y);
    return tb_count(tb, s);
}

static inline uint32_t tb_article(Tb *tb, const char *key, const char *title, const char *date)
{
    int s = TB_ARTC;
    const char *f[10] = { key, title, "", "", date, "", "A summary.", "one\ntwo", "trade|energy", "a.txt" };
    for (int i = 0; i < 10; i++) tb_u32(tb, s, tb_str(tb, f[i]));
    tb_u32(tb, s, 0);
    return tb_count(tb, s);
}

typedef struct TbEvent {
    const char *key, *title, *summary;
    uint16_t year;
    uint8_t month, day, precision, category;
    uint32_t place, country_first, country_count, source_first, source_count;
} TbEvent;

static inline uint32_t tb_event(Tb *tb, const TbEvent *e)
{
    int s = TB_EVNT;
    tb_u32(tb, s, tb_str(tb, e->key)); tb_u32(tb, s, tb_str(tb, e->title));
    tb_u32(tb, s, tb_str(tb, e->summary));
    tb_u16(tb, s, e->year); tb_u8(tb, s, e->month); tb_u8(tb, s, e->day);
    tb_u8(tb, s, e->precision); tb_u8(tb, s, e->category); tb_u16(tb, s, 0);
    tb_u32(tb, s, e->place);
    tb_u32(tb, s, e->country_first); tb_u32(tb, s, e->country_count);
    tb_u32(tb, s, e->source_first); tb_u32(tb, s, e->source_count);
    return tb_count(tb, s);
}

typedef struct TbRelation {
    const char *key, *kind, *label, *group, *unit;
    uint32_t country_a, country_b;
    float value;
    uint16_t year;
    uint32_t source_first, source_count;
} TbRelation;

static inline uint32_t tb_relation(Tb *tb, const TbRelation *r)
{
    int s = TB_RELN;
    tb_u32(tb, s, tb_str(tb, r->key)); tb_u32(tb, s, tb_str(tb, r->kind));
    tb_u32(tb, s, tb_str(tb, r->label)); tb_u32(tb, s, tb_str(tb, r->group));
    tb_u32(tb, s, r->country_a); tb_u32(tb, s, r->country_b); tb_f32(tb, s, r->value);
    tb_u32(tb, s, tb_str(tb, r->unit)); tb_u16(tb, s, r->year); tb_u16(tb, s, 0);
    tb_u32(tb, s, r->source_first); tb_u32(tb, s, r->source_count);
    return tb_count(tb, s);
}

static inline uint32_t tb_figure(Tb *tb, uint32_t country, const char *label, const char *value,
                                 uint16_t year, uint32_t source_first, uint32_t source_count)
{
    int s = TB_FIGR;
    tb_u32(tb, s, country); tb_u32(tb, s, tb_str(tb, label)); tb_u32(tb, s, tb_str(tb, value));
    tb_u16(tb, s, year); tb_u16(tb, s, 0);
    tb_u32(tb, s, source_first); tb_u32(tb, s, source_count); tb_u32(tb, s, 0);
    return tb_count(tb, s);
}

static inline uint32_t tb_source(Tb *tb, uint32_t article, const char *locator)
{
    uint32_t index = tb_count(tb, TB_SRCS);
    tb_u32(tb, TB_SRCS, article);
    tb_u32(tb, TB_SRCS, tb_str(tb, locator));
    return index;
}
static inline uint32_t tb_list(Tb *tb, uint32_t id)
{
    uint32_t index = tb_count(tb, TB_LIST);
    tb_u32(tb, TB_LIST, id);
    return index;
}

/* Recomputes the header checksum of a bundle buffer (after a test corrupts it). */
static inline void tb_fix_checksum(uint8_t *data, size_t size)
{
    if (size >= 16) le32_put(data + 12, bundle_crc32(data + 16, size - 16));
}

/* Lays the bundle out; returns a malloc'd buffer (caller frees) and its size. */
static inline uint8_t *tb_finish(Tb *tb, size_t *out_size)
{
    /* What each section holds in the file: the records, or for VERT its
     * packed form (and the record count, which the bytes no longer give). */
    TbSection packed = { 0 };
    const uint8_t *bytes[TB_SECTION_COUNT];
    size_t sizes[TB_SECTION_COUNT];
    uint32_t counts[TB_SECTION_COUNT];
    for (int s = 0; s < TB_SECTION_COUNT; s++) {
        bytes[s] = tb->sec[s].bytes;
        sizes[s] = tb->sec[s].size;
        counts[s] = tb_record_size[s] ? tb_count(tb, s) : 0;
    }
    if (tb->packed.set) {
        bytes[TB_VERT] = tb->packed.bytes;
        sizes[TB_VERT] = tb->packed.size;
        counts[TB_VERT] = tb->packed.count;
    } else {
        tb_pack_vertices(tb, &packed);
        bytes[TB_VERT] = packed.bytes;
        sizes[TB_VERT] = packed.size;
    }
    int order[TB_SECTION_COUNT + 1], n = 0;
    for (int s = 0; s < TB_SECTION_COUNT; s++)
        if (s != tb->omit) order[n++] = s;
    int total_sections = n + (tb->add_unknown ? 1 : 0);
    size_t pos = 24 + 16 * (size_t)total_sections;
    size_t offsets[TB_SECTION_COUNT + 1];
    for (int i = 0; i < n; i++) {
        pos = (pos + 3) & ~(size_t)3;
        offsets[i] = pos;
        pos += sizes[order[i]];
    }
    size_t unknown_at = (pos + 3) & ~(size_t)3;
    if (tb->add_unknown) pos = unknown_at + 8;
    size_t size = (pos + 3) & ~(size_t)3;
    uint8_t *d = calloc(1, size);
    if (!d) abort();
    memcpy(d, "SATL", 4);
    le32_put(d + 4, BUNDLE_VERSION);
    le32_put(d + 8, (uint32_t)size);
    le32_put(d + 16, (uint32_t)total_sections);
    for (int i = 0; i < n; i++) {
        int s = order[i];
        uint8_t *e = d + 24 + 16 * i;
        memcpy(e, tb_tags[s], 4);
        le32_put(e + 4, (uint32_t)offsets[i]);
        le32_put(e + 8, (uint32_t)sizes[s]);
        le32_put(e + 12, counts[s]);
        if (sizes[s]) memcpy(d + offsets[i], bytes[s], sizes[s]);
    }
    free(packed.bytes);
    if (tb->add_unknown) {
        uint8_t *e = d + 24 + 16 * n;
        memcpy(e, "ZZZZ", 4);
        le32_put(e + 4, (uint32_t)unknown_at);
        le32_put(e + 8, 8);
        le32_put(e + 12, 2);
        memset(d + unknown_at, 0xAB, 8);
    }
    tb_fix_checksum(d, size);
    *out_size = size;
    return d;
}

/* Finds a section's table entry in a finished bundle (NULL if absent). */
static inline uint8_t *tb_entry(uint8_t *data, const char *tag)
{
    uint32_t n = le32_get(data + 16);
    for (uint32_t i = 0; i < n; i++)
        if (memcmp(data + 24 + 16 * i, tag, 4) == 0) return data + 24 + 16 * i;
    return NULL;
}
/* Start of a section's data, and of record i of a table, in a finished bundle. */
static inline uint8_t *tb_section(uint8_t *data, const char *tag) { return data + le32_get(tb_entry(data, tag) + 4); }
static inline uint8_t *tb_record(uint8_t *data, const char *tag, uint32_t record_size, uint32_t i)
{
    return tb_section(data, tag) + (size_t)record_size * i;
}

/* The standard fixture: three countries (KAZ with a hole holding an enclave of
 * UZB, UZB, and TKM touching UZB), four places, three articles, three events,
 * a relation, a figure, sources, a country list and two fake fonts. */
/* The first event's key: a test of escaping gives it quotes and backslashes. */
static const char *tb_fixture_event1_key = "e1";

static inline void tb_fixture(Tb *tb)
{
    tb_init(tb);
    TbMeta m = {
        .title = "Test Atlas", .attribution = "Borders: test", .projection_name = "Albers",
        .built_from = "test_support.h", .lon0 = 68, .lat0 = 45, .lat1 = 38, .lat2 = 52,
        .world_bounds = { -1, -1, 3, 3 }, .home_bounds = { 0, 0, 2, 2 },
    };
    tb_meta(tb, &m);
    /* KAZ: [0,2]x[0,1] with a hole [0.5,1]x[0.25,0.75]; UZB: [0,2]x[1,2] plus an
     * enclave [0.6,0.9]x[0.4,0.6] inside KAZ's hole; TKM: [2,3]x[1,2]. */
    uint32_t r0 = tb_rect_ring(tb, 0, 0, 2, 1, 1, RING_FLAG_COAST);
    tb_rect_ring(tb, 0.5f, 0.25f, 1, 0.75f, 1, RING_FLAG_HOLE);
    uint32_t r2 = tb_rect_ring(tb, 0, 1, 2, 2, 2, 0);
    tb_rect_ring(tb, 0.6f, 0.4f, 0.9f, 0.6f, 2, 0);
    uint32_t r4 = tb_rect_ring(tb, 2, 1, 3, 2, 3, 0);
    tb_country(tb, &(TbCountry){ .iso3 = "KAZ", .name = "Kazakhstan", .name_local = "Қазақстан",
                                 .profile = "Big.", .capital = 1, .flags = 7, .color = 1,
                                 .label_x = 1.5f, .label_y = 0.5f, .label_rank = 1,
                                 .bbox = { 0, 0, 2, 1 }, .ring_first = r0, .ring_count = 2 });
    tb_country(tb, &(TbCountry){ .iso3 = "UZB", .name = "Uzbekistan", .capital = 2, .flags = 7,
                                 .color = 2, .label_x = 1, .label_y = 1.5f, .label_rank = 1,
                                 .bbox = { 0, 0.4f, 2, 2 }, .ring_first = r2, .ring_count = 2 });
    tb_country(tb, &(TbCountry){ .iso3 = "TKM", .name = "Turkmenistan", .capital = 0, .flags = 5,
                                 .color = 3, .label_x = 2.5f, .label_y = 1.5f, .label_rank = 2,
                                 .bbox = { 2, 1, 3, 2 }, .ring_first = r4, .ring_count = 1 });
    tb_place(tb, &(TbPlace){ .key = "astana", .name = "Astana", .name_local = "Астана",
                             .alt_names = "Nur-Sultan|Akmola", .kind = "capital", .country = 1,
                             .lon_deg = 71.43f, .lat_deg = 51.13f, .x = 1.5f, .y = 0.2f });
    tb_place(tb, &(TbPlace){ .key = "tashkent", .name = "Tashkent", .kind = "capital", .country = 2,
                             .lon_deg = 69.24f, .lat_deg = 41.3f, .x = 1, .y = 1.5f });
    tb_place(tb, &(TbPlace){ .key = "almaty", .name = "Almaty", .kind = "city", .country = 1,
                             .lon_deg = 76.9f, .lat_deg = 43.24f, .x = 1.8f, .y = 0.8f });
    tb_place(tb, &(TbPlace){ .key = "caspian", .name = "Caspian Sea", .kind = "sea", .country = 0,
                             .lon_deg = 50.5f, .lat_deg = 42, .x = -0.5f, .y = 1 });
    tb_article(tb, "a1", "First article", "2019");
    tb_article(tb, "a2", "Second article", "2020-05");
    tb_article(tb, "a3", "Third article", "2021-06-07");
    tb_source(tb, 1, "para 1");
    tb_source(tb, 2, "para 2");
    tb_source(tb, 3, "\"a quoted phrase\"");
    tb_source(tb, 1, "para 4");
    tb_list(tb, 1);
    tb_list(tb, 2);
    tb_list(tb, 3);
    tb_event(tb, &(TbEvent){ .key = tb_fixture_event1_key, .title = "Summit", .summary = "They met.", .year = 2019,
                             .precision = DATE_PRECISION_YEAR, .category = CATEGORY_DIPLOMACY,
                             .place = 1, .country_first = 0, .country_count = 2,
                             .source_first = 0, .source_count = 1 });
    tb_event(tb, &(TbEvent){ .key = "e2", .title = "Deal", .year = 2020, .month = 5,
                             .precision = DATE_PRECISION_MONTH, .category = CATEGORY_TRADE,
                             .place = 2, .country_first = 1, .country_count = 2,
                             .source_first = 1, .source_count = 2 });
    tb_event(tb, &(TbEvent){ .key = "e3", .title = "Forum", .year = 2021, .month = 6, .day = 7,
                             .precision = DATE_PRECISION_DAY, .category = CATEGORY_CULTURE,
                             .place = 3, .country_first = 2, .country_count = 1,
                             .source_first = 3, .source_count = 1 });
    tb_relation(tb, &(TbRelation){ .key = "r1", .kind = "trade", .label = "Trade KAZ-UZB",
                                   .group = "", .unit = "billion USD", .country_a = 1,
                                   .country_b = 2, .value = 4.5f, .year = 2022,
                                   .source_first = 0, .source_count = 2 });
    tb_relation(tb, &(TbRelation){ .key = "r2", .kind = "membership", .label = "CSTO member",
                                   .group = "CSTO", .country_a = 1, .value = NAN,
                                   .source_first = 2, .source_count = 1 });
    tb_figure(tb, 1, "Population", "20 million", 2023, 3, 1);
    tb_fake_font(tb, TB_FNTR);
    tb_fake_font(tb, TB_FNTB);
}

/* Builds the standard fixture straight into a buffer. */
static inline uint8_t *tb_fixture_bundle(size_t *size)
{
    Tb tb;
    tb_fixture(&tb);
    uint8_t *d = tb_finish(&tb, size);
    tb_free(&tb);
    return d;
}

/* Reads a whole file (for the real-bundle smoke tests); NULL if unreadable. */
static inline uint8_t *test_read_file(const char *path, size_t *size)
{
    if (!path) return NULL;
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 1 << 16;
            uint8_t *nb = realloc(buf, cap);
            if (!nb) { free(buf); fclose(f); return NULL; }
            buf = nb;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    fclose(f);
    *size = len;
    return buf;
}

/* The real bundle (argv[1]) for a smoke test; NULL, after saying the test is
 * skipped, if it cannot be read. */
static inline uint8_t *test_read_real_bundle(const char *path, size_t *size)
{
    uint8_t *data = test_read_file(path, size);
    if (!data) printf("skip: real bundle not readable at %s\n", path ? path : "(no argv[1])");
    return data;
}

/* Appends an optional ENOT section (event notes, bundle_format.md) to a
 * finished bundle: the section table grows by one entry, every section moves
 * 16 bytes on, and the notes go at the end. notes[] holds a place_note and a
 * date_note string offset per record. The caller frees the result. */
static inline uint8_t *tb_with_event_notes(const uint8_t *d, size_t size, const uint32_t *notes, uint32_t count, size_t *out_size)
{
    uint32_t sections = le32_get(d + 16);
    size_t table_end = 24 + 16 * (size_t)sections;
    size_t at = size + 16; /* size is a multiple of 4 */
    size_t total = at + 8 * (size_t)count;
    uint8_t *o = calloc(1, total);
    if (!o) abort();
    memcpy(o, d, table_end);
    memcpy(o + table_end + 16, d + table_end, size - table_end);
    for (uint32_t i = 0; i < sections; i++) le32_put(o + 24 + 16 * i + 4, le32_get(o + 24 + 16 * i + 4) + 16);
    uint8_t *e = o + table_end;
    memcpy(e, "ENOT", 4);
    le32_put(e + 4, (uint32_t)at);
    le32_put(e + 8, 8 * count);
    le32_put(e + 12, count);
    for (uint32_t i = 0; i < 2 * count; i++) le32_put(o + at + 4 * i, notes[i]);
    le32_put(o + 16, sections + 1);
    le32_put(o + 8, (uint32_t)total);
    tb_fix_checksum(o, total);
    *out_size = total;
    return o;
}

/* --- an App on a test's bundle ----------------------------------------------- */

/* Opens data as a bundle and an App of w x h css px on it. Returns false
 * (a failed check, with the reason; nothing left open) if either fails; the
 * caller then frees data. Tests that use it include app.h first. */
#ifdef STEPPE_APP_H
#include "command.h"
#include "deeplink.h"
#include "gesture.h"

static Gesture tb_gesture;
static bool tb_gesture_ready;

static inline bool tb_open_app(const uint8_t *data, size_t size, Bundle *b, App *app, double w, double h)
{
    char message[256];
    BundleError error = bundle_open(b, data, size, message, sizeof message);
    CHECK(error == BUNDLE_OK);
    if (error != BUNDLE_OK) {
        printf("  bundle: %s\n", message);
        return false;
    }
    bool ok = app_init(app, b, w, h, 0);
    CHECK(ok);
    if (!ok) bundle_close(b);
    tb_gesture_ready = false;
    return ok;
}

/* One frame of input through the gesture recogniser (core/gesture.c), as the
 * platform does it; one recogniser per test program. */
static inline void tb_update(App *app, const AppInput *in)
{
    if (!tb_gesture_ready) {
        gesture_init(&tb_gesture, app->now_ms);
        tb_gesture_ready = true;
    }
    gesture_update(&tb_gesture, app, in);
}

/* Commands, applied as the UI or a deep link would. Each returns whether the
 * command was applied. */
static inline bool tb_select(App *app, Selection sel, double now_ms)
{
    Command c = cmd_select(sel.kind, sel.id);
    return app_apply(app, &c, now_ms);
}
static inline bool tb_history(App *app, int direction, double now_ms)
{
    Command c = { .kind = CMD_HISTORY_STEP };
    c.u.direction = direction;
    return app_apply(app, &c, now_ms);
}
static inline bool tb_years(App *app, int from, int to)
{
    Command c = { .kind = CMD_SET_YEARS };
    c.u.years.from = from;
    c.u.years.to = to;
    return app_apply(app, &c, app->now_ms);
}
static inline bool tb_category(App *app, unsigned category, bool solo)
{
    Command c = { .kind = CMD_SET_CATEGORY };
    c.u.category.index = category;
    c.u.category.on = TOGGLE_FLIP;
    c.u.category.solo = solo;
    return app_apply(app, &c, app->now_ms);
}
static inline bool tb_toggle(App *app, CommandKind kind)
{
    Command c = cmd_toggle(kind, TOGGLE_FLIP);
    return app_apply(app, &c, app->now_ms);
}
static inline bool tb_apply_state(App *app, const char *text, DeeplinkReport *report)
{
    Command c = { .kind = CMD_APPLY_STATE };
    c.u.text.text = text;
    c.u.text.report = report;
    return app_apply(app, &c, app->now_ms);
}
#endif

#endif
