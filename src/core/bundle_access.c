/* bundle_access: reading the records of an opened bundle (bundle.h).
 * bundle_open (bundle.c) has validated every offset, id and range these
 * follow, so they only assemble bytes; an id out of range gives a record of
 * empty strings and zeros. */
#include "bundle.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_internal.h"

/* --- accessors ------------------------------------------------------------ */

/* A validated str field; "" for a zeroed (unopened) bundle. */
static const char *str_at(const Bundle *b, const uint8_t *field)
{
    if (!b->strs) return "";
    uint32_t off = rd_u32(field);
    return off < b->strs_size ? (const char *)b->strs + off : "";
}

BundleMeta bundle_meta(const Bundle *b)
{
    BundleMeta m = { "", "", "", "", 0, 0, 0, 0, { 0 }, { 0 } };
    const uint8_t *p = b->meta;
    if (!p) return m;
    m.title = str_at(b, p);
    m.attribution = str_at(b, p + 4);
    m.projection_name = str_at(b, p + 8);
    m.proj_lon0_deg = rd_f32(p + 12);
    m.proj_lat0_deg = rd_f32(p + 16);
    m.proj_lat1_deg = rd_f32(p + 20);
    m.proj_lat2_deg = rd_f32(p + 24);
    for (int i = 0; i < 4; i++) {
        m.world_bounds[i] = rd_f32(p + 28 + 4 * i);
        m.home_bounds[i] = rd_f32(p + 44 + 4 * i);
    }
    m.built_from = str_at(b, p + 60);
    return m;
}

void bundle_vertex(const Bundle *b, uint32_t index, float *x, float *y)
{
    if (index >= b->vert_count) {
        *x = *y = 0;
        return;
    }
    *x = b->vert_xy[2 * (size_t)index];
    *y = b->vert_xy[2 * (size_t)index + 1];
}

BundleRing bundle_ring(const Bundle *b, uint32_t index)
{
    BundleRing r = { 0, 0, 0, 0 };
    if (index >= b->ring_count) return r;
    const uint8_t *p = b->ring + (size_t)index * 16;
    r.vert_first = rd_u32(p);
    r.vert_count = rd_u32(p + 4);
    r.country = rd_u32(p + 8);
    r.flags = rd_u32(p + 12);
    return r;
}

BundleCountry bundle_country(const Bundle *b, uint32_t id)
{
    BundleCountry c;
    memset(&c, 0, sizeof c);
    c.iso3 = c.name = c.name_local = c.profile = "";
    if (id == 0 || id > b->country_count) return c;
    const uint8_t *p = b->ctry + (size_t)(id - 1) * BUNDLE_CTRY_RECORD_SIZE;
    c.iso3 = str_at(b, p);
    c.name = str_at(b, p + 4);
    c.name_local = str_at(b, p + 8);
    c.profile = str_at(b, p + 12);
    c.capital = rd_u32(p + 16);
    c.flags = rd_u32(p + 20);
    c.color = rd_u32(p + 24);
    c.label_x = rd_f32(p + 28);
    c.label_y = rd_f32(p + 32);
    c.label_rank = rd_f32(p + 36);
    for (int i = 0; i < 4; i++) c.bbox[i] = rd_f32(p + 40 + 4 * i);
    c.ring_first = rd_u32(p + 56);
    c.ring_count = rd_u32(p + 60);
    return c;
}

BundlePlace bundle_place(const Bundle *b, uint32_t id)
{
    BundlePlace pl;
    memset(&pl, 0, sizeof pl);
    pl.key = pl.name = pl.name_local = pl.alt_names = pl.kind = "";
    if (id == 0 || id > b->place_count) return pl;
    const uint8_t *p = b->plac + (size_t)(id - 1) * 40;
    pl.key = str_at(b, p);
    pl.name = str_at(b, p + 4);
    pl.name_local = str_at(b, p + 8);
    pl.alt_names = str_at(b, p + 12);
    pl.kind = str_at(b, p + 16);
    pl.country = rd_u32(p + 20);
    pl.lon_deg = rd_f32(p + 24);
    pl.lat_deg = rd_f32(p + 28);
    pl.x = rd_f32(p + 32);
    pl.y = rd_f32(p + 36);
    return pl;
}

BundleArticle bundle_article(const Bundle *b, uint32_t id)
{
    BundleArticle a;
    const char **fields[] = { &a.key, &a.title, &a.author, &a.outlet, &a.date,
                              &a.date_note, &a.summary, &a.key_points, &a.topics, &a.file };
    bool valid = id != 0 && id <= b->article_count;
    const uint8_t *p = valid ? b->artc + (size_t)(id - 1) * 44 : NULL;
    for (int i = 0; i < 10; i++) *fields[i] = valid ? str_at(b, p + 4 * i) : "";
    return a;
}

BundleEvent bundle_event(const Bundle *b, uint32_t id)
{
    BundleEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.key = ev.title = ev.summary = ev.place_note = ev.date_note = "";
    if (id == 0 || id > b->event_count) return ev;
    if (id <= b->event_note_count) {
        const uint8_t *n = b->enot + (size_t)(id - 1) * 8;
        ev.place_note = str_at(b, n);
        ev.date_note = str_at(b, n + 4);
    }
    const uint8_t *p = b->evnt + (size_t)(id - 1) * 40;
    ev.key = str_at(b, p);
    ev.title = str_at(b, p + 4);
    ev.summary = str_at(b, p + 8);
    ev.year = rd_u16(p + 12);
    ev.month = p[14];
    ev.day = p[15];
    ev.precision = p[16];
    ev.category = p[17];
    ev.place = rd_u32(p + 20);
    ev.country_first = rd_u32(p + 24);
    ev.country_count = rd_u32(p + 28);
    ev.source_first = rd_u32(p + 32);
    ev.source_count = rd_u32(p + 36);
    return ev;
}

BundleRelation bundle_relation(const Bundle *b, uint32_t id)
{
    BundleRelation r;
    memset(&r, 0, sizeof r);
    r.key = r.kind = r.label = r.group = r.unit = "";
    r.value = NAN;
    if (id == 0 || id > b->relation_count) return r;
    const uint8_t *p = b->reln + (size_t)(id - 1) * 44;
    r.key = str_at(b, p);
    r.kind = str_at(b, p + 4);
    r.label = str_at(b, p + 8);
    r.group = str_at(b, p + 12);
    r.country_a = rd_u32(p + 16);
    r.country_b = rd_u32(p + 20);
    r.value = rd_f32(p + 24);
    r.unit = str_at(b, p + 28);
    r.year = rd_u16(p + 32);
    r.source_first = rd_u32(p + 36);
    r.source_count = rd_u32(p + 40);
    return r;
}

BundleFigure bundle_figure(const Bundle *b, uint32_t id)
{
    BundleFigure f;
    memset(&f, 0, sizeof f);
    f.label = f.value = "";
    if (id == 0 || id > b->figure_count) return f;
    const uint8_t *p = b->figr + (size_t)(id - 1) * 28;
    f.country = rd_u32(p);
    f.label = str_at(b, p + 4);
    f.value = str_at(b, p + 8);
    f.year = rd_u16(p + 12);
    f.source_first = rd_u32(p + 16);
    f.source_count = rd_u32(p + 20);
    return f;
}

BundleSource bundle_source(const Bundle *b, uint32_t index)
{
    BundleSource s = { 0, "" };
    if (index >= b->source_count) return s;
    const uint8_t *p = b->srcs + (size_t)index * 8;
    s.article = rd_u32(p);
    s.locator = str_at(b, p + 4);
    return s;
}

uint32_t bundle_list_id(const Bundle *b, uint32_t index)
{
    return index < b->list_count ? rd_u32(b->list + (size_t)index * 4) : 0;
}

/* Linear scan over the first str field of each record. An empty key never
 * matches, so unnamed land (iso3 "") cannot be found by "". */
static uint32_t find_by_key(const Bundle *b, const uint8_t *table, uint32_t count,
                            size_t record_size, size_t field, const char *key)
{
    if (!key || !key[0] || !table) return 0;
    for (uint32_t i = 0; i < count; i++)
        if (strcmp(str_at(b, table + (size_t)i * record_size + field), key) == 0) return i + 1;
    return 0;
}

uint32_t bundle_find_country(const Bundle *b, const char *iso3)
{
    return find_by_key(b, b->ctry, b->country_count, BUNDLE_CTRY_RECORD_SIZE, 0, iso3);
}
uint32_t bundle_find_place(const Bundle *b, const char *key)
{
    return find_by_key(b, b->plac, b->place_count, 40, 0, key);
}
uint32_t bundle_find_event(const Bundle *b, const char *key)
{
    return find_by_key(b, b->evnt, b->event_count, 40, 0, key);
}
uint32_t bundle_find_article(const Bundle *b, const char *key)
{
    return find_by_key(b, b->artc, b->article_count, 44, 0, key);
}

BundleTour bundle_tour(const Bundle *b, uint32_t id)
{
    BundleTour t = { "", "", "", 0, 0 };
    if (id == 0 || id > b->tour_count) return t;
    const uint8_t *p = b->tour + (size_t)(id - 1) * 20;
    t.key = str_at(b, p);
    t.title = str_at(b, p + 4);
    t.summary = str_at(b, p + 8);
    t.stop_first = rd_u32(p + 12);
    t.stop_count = rd_u32(p + 16);
    return t;
}

BundleTourStop bundle_tour_stop(const Bundle *b, uint32_t tour_id, uint32_t index)
{
    BundleTourStop s = { 0, "", "", "", "", 0, 0 };
    BundleTour t = bundle_tour(b, tour_id);
    if (index >= t.stop_count) return s;
    const uint8_t *p = b->tstp + (size_t)(t.stop_first + index) * 28;
    s.tour = rd_u32(p);
    s.title = str_at(b, p + 4);
    s.text = str_at(b, p + 8);
    s.notes = str_at(b, p + 12);
    s.state = str_at(b, p + 16);
    s.source_first = rd_u32(p + 20);
    s.source_count = rd_u32(p + 24);
    return s;
}

uint32_t bundle_find_tour(const Bundle *b, const char *key)
{
    for (uint32_t id = 1; key && id <= b->tour_count; id++)
        if (!strcmp(bundle_tour(b, id).key, key)) return id;
    return 0;
}
