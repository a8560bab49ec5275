/* bundle: reads and validates a Steppe Atlas data bundle held in memory.
 *
 * The format is described in bundle_format.md (beside this file). bundle_open
 * checks everything up front (magic, version, size, checksum, every section,
 * every offset, count and id, every varint and back-reference of the packed
 * geometry), so the accessors below never need to check again and never read
 * out of bounds.
 * Strings, records and fonts are read in place: the Bundle points into the
 * caller's buffer, which must outlive it. Only the vertices (VERT) are
 * packed in the file, so bundle_open decodes them into an array the Bundle
 * owns; bundle_close frees it. The bundle holds no triangles (since format
 * 4): country_triangles.h cuts a country's fill from its rings.
 * Depends on the C library only. Ids are 1-based; 0 means "none". */
#ifndef STEPPE_BUNDLE_H
#define STEPPE_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BUNDLE_VERSION 4u
#define BUNDLE_CTRY_RECORD_SIZE 68u /* bytes per CTRY record (bundle_format.md) */
#define BUNDLE_MAGIC "SATL"

/* One list of error codes and their short texts, so the two cannot drift. */
#define BUNDLE_ERRORS(X)                                                  \
    X(BUNDLE_OK, "ok")                                                    \
    X(BUNDLE_ERR_TOO_SMALL, "smaller than a bundle header")               \
    X(BUNDLE_ERR_MAGIC, "not a Steppe Atlas bundle (bad magic)")          \
    X(BUNDLE_ERR_VERSION, "unsupported format version")                   \
    X(BUNDLE_ERR_TRUNCATED, "file size does not match the header")        \
    X(BUNDLE_ERR_CHECKSUM, "checksum mismatch (corrupted)")               \
    X(BUNDLE_ERR_SECTION_TABLE, "section table does not fit")             \
    X(BUNDLE_ERR_SECTION_BOUNDS, "section lies outside the file")         \
    X(BUNDLE_ERR_SECTION_SIZE, "section size does not match its count")   \
    X(BUNDLE_ERR_SECTION_MISSING, "required section missing")             \
    X(BUNDLE_ERR_STRING, "string reference outside the string pool")      \
    X(BUNDLE_ERR_REFERENCE, "reference to a record that does not exist")  \
    X(BUNDLE_ERR_VALUE, "field value out of range")                       \
    X(BUNDLE_ERR_FONT, "embedded font is malformed")                      \
    X(BUNDLE_ERR_ENCODING, "packed geometry is malformed")                \
    X(BUNDLE_ERR_MEMORY, "out of memory")

typedef enum BundleError {
#define BUNDLE_ENUM(code, text) code,
    BUNDLE_ERRORS(BUNDLE_ENUM)
#undef BUNDLE_ENUM
    BUNDLE_ERROR_COUNT
} BundleError;

/* Event categories, in the bundle's order: X(ENUM, name in files and links,
 * label on screen). The one list every module reads. */
#define EVENT_CATEGORIES(X)                                \
    X(CATEGORY_DIPLOMACY, "diplomacy", "Diplomacy")        \
    X(CATEGORY_SECURITY, "security", "Security")           \
    X(CATEGORY_TRADE, "trade", "Trade")                    \
    X(CATEGORY_ECONOMY, "economy", "Economy")              \
    X(CATEGORY_POLITICS, "politics", "Politics")           \
    X(CATEGORY_EDUCATION, "education", "Education")        \
    X(CATEGORY_ENVIRONMENT, "environment", "Environment")  \
    X(CATEGORY_HEALTH, "health", "Health")                 \
    X(CATEGORY_CULTURE, "culture", "Culture")

typedef enum EventCategory {
#define CATEGORY_ENUM(id, name, label) id,
    EVENT_CATEGORIES(CATEGORY_ENUM)
#undef CATEGORY_ENUM
    CATEGORY_COUNT
} EventCategory;

enum { DATE_PRECISION_YEAR = 1, DATE_PRECISION_MONTH = 2, DATE_PRECISION_DAY = 3 };

enum {
    COUNTRY_FLAG_CENTRAL_ASIA = 1u << 0,
    COUNTRY_FLAG_FOCUS = 1u << 1,
    COUNTRY_FLAG_HAS_GEOMETRY = 1u << 2,
};
enum { RING_FLAG_HOLE = 1u << 0, RING_FLAG_COAST = 1u << 1 };

/* Views of records. Strings are NUL-terminated UTF-8 inside the bundle buffer
 * (never NULL: missing text is ""). All float fields are in the units named. */
typedef struct BundleMeta {
    const char *title, *attribution, *projection_name, *built_from;
    float proj_lon0_deg, proj_lat0_deg, proj_lat1_deg, proj_lat2_deg;
    float world_bounds[4]; /* min_x, min_y, max_x, max_y, world units */
    float home_bounds[4];
} BundleMeta;

typedef struct BundleRing {
    uint32_t vert_first, vert_count, country, flags;
} BundleRing;

typedef struct BundleCountry {
    const char *iso3, *name, *name_local, *profile;
    uint32_t capital;            /* place id */
    uint32_t flags;              /* COUNTRY_FLAG_* */
    uint32_t color;              /* palette slot 0..5 */
    float label_x, label_y;      /* world units */
    float label_rank;            /* 1 = most important */
    float bbox[4];               /* world units */
    uint32_t ring_first, ring_count; /* its rings: an outer ring, then its holes, per polygon */
} BundleCountry;

typedef struct BundlePlace {
    const char *key, *name, *name_local, *alt_names, *kind;
    uint32_t country;
    float lon_deg, lat_deg, x, y;
} BundlePlace;

/* A guided tour (assets/tours.json): its stops are tour_stop(tour, 0 ..
 * stop_count - 1). */
typedef struct BundleTour {
    const char *key, *title, *summary;
    uint32_t stop_first, stop_count;
} BundleTour;

/* One stop: a slide (title, text, sources, the teacher's notes) and what the
 * map shows, as a deep-link state string (src/core/deeplink.h) the compiler
 * wrote from the stop's selection, view, years, categories and layers. */
typedef struct BundleTourStop {
    uint32_t tour;
    const char *title, *text, *notes, *state;
    uint32_t source_first, source_count; /* into bundle_source */
} BundleTourStop;

typedef struct BundleArticle {
    const char *key, *title, *author, *outlet, *date, *date_note, *summary,
        *key_points, *topics, *file;
} BundleArticle;

typedef struct BundleEvent {
    const char *key, *title, *summary;
    uint16_t year;
    uint8_t month, day, precision, category;
    uint32_t place;
    uint32_t country_first, country_count; /* into bundle_list_id */
    uint32_t source_first, source_count;   /* into bundle_source */
    /* From the optional ENOT section ("" when absent): how the pin relates to
     * the sources, and a short date qualifier shown as "2022 (from context)". */
    const char *place_note, *date_note;
} BundleEvent;

typedef struct BundleRelation {
    const char *key, *kind, *label, *group, *unit;
    uint32_t country_a, country_b;
    float value; /* NaN if none */
    uint16_t year;
    uint32_t source_first, source_count;
} BundleRelation;

typedef struct BundleFigure {
    uint32_t country;
    const char *label, *value;
    uint16_t year;
    uint32_t source_first, source_count;
} BundleFigure;

typedef struct BundleSource {
    uint32_t article; /* article id */
    const char *locator;
} BundleSource;

typedef struct BundleBlob { const uint8_t *data; size_t size; } BundleBlob;

/* A validated bundle. Read it only through the functions below. */
typedef struct Bundle {
    const uint8_t *data;
    size_t size;
    /* section views, filled by bundle_open */
    const uint8_t *strs; uint32_t strs_size;
    const uint8_t *meta;
    /* the decoded geometry, owned by the Bundle (freed by bundle_close) */
    float *vert_xy; uint32_t vert_count;   /* x, y per vertex, world units */
    const uint8_t *ring; uint32_t ring_count;
    const uint8_t *ctry; uint32_t country_count;
    const uint8_t *plac; uint32_t place_count;
    const uint8_t *artc; uint32_t article_count;
    const uint8_t *evnt; uint32_t event_count;
    const uint8_t *reln; uint32_t relation_count;
    const uint8_t *figr; uint32_t figure_count;
    const uint8_t *srcs; uint32_t source_count;
    const uint8_t *list; uint32_t list_count;
    const uint8_t *enot; uint32_t event_note_count; /* optional: 0 if the bundle has no ENOT */
    const uint8_t *tour; uint32_t tour_count;       /* optional: guided tours (TOUR and TSTP) */
    const uint8_t *tstp; uint32_t tour_stop_count;
    BundleBlob font_regular, font_bold;
} Bundle;

/* Validates (data, size), decodes its geometry and fills *b. On failure
 * returns the error code, writes a one-line message naming the field and byte
 * offset into message[0..message_size) (if message is not NULL), and leaves
 * *b zeroed with nothing allocated. On success call bundle_close when done.
 * *b is overwritten: close an open Bundle before opening another into it. */
BundleError bundle_open(Bundle *b, const void *data, size_t size,
                        char *message, size_t message_size);

/* Frees the geometry bundle_open decoded and zeroes *b. Safe on a zeroed or
 * failed Bundle, and when called twice. */
void bundle_close(Bundle *b);

/* The short text of an error code ("unknown error" for values out of range). */
const char *bundle_error_text(BundleError e);

/* CRC-32 (IEEE, as zlib), exposed for tests and tools. */
uint32_t bundle_crc32(const void *data, size_t size);

BundleMeta bundle_meta(const Bundle *b);

/* Geometry. index is 0-based here (these are array positions, not ids). */
void bundle_vertex(const Bundle *b, uint32_t index, float *x, float *y);
BundleRing bundle_ring(const Bundle *b, uint32_t index);

/* Content by id (1-based). Passing 0 or an id beyond the count returns a
 * zeroed record with "" strings. */
BundleCountry bundle_country(const Bundle *b, uint32_t id);
BundlePlace bundle_place(const Bundle *b, uint32_t id);
BundleArticle bundle_article(const Bundle *b, uint32_t id);
BundleEvent bundle_event(const Bundle *b, uint32_t id);
BundleRelation bundle_relation(const Bundle *b, uint32_t id);
BundleFigure bundle_figure(const Bundle *b, uint32_t id);
/* 0-based positions into SRCS and LIST, as stored in the records above. */
BundleSource bundle_source(const Bundle *b, uint32_t index);
uint32_t bundle_list_id(const Bundle *b, uint32_t index);

/* Lookups by stable key / ISO code; return 0 if not found. Linear scans:
 * call at load time or on user action, not per frame. */
uint32_t bundle_find_country(const Bundle *b, const char *iso3);
uint32_t bundle_find_place(const Bundle *b, const char *key);
uint32_t bundle_find_event(const Bundle *b, const char *key);
uint32_t bundle_find_article(const Bundle *b, const char *key);
uint32_t bundle_find_tour(const Bundle *b, const char *key);

/* Tours ("" strings and zeros for an id or index out of range). */
BundleTour bundle_tour(const Bundle *b, uint32_t id);
BundleTourStop bundle_tour_stop(const Bundle *b, uint32_t tour_id, uint32_t index);

const char *bundle_category_name(unsigned category); /* "diplomacy", ... or "" */
const char *bundle_category_label(unsigned category); /* "Diplomacy", ... (on screen) or "" */

#endif
