/* fuzz_search_body: the body of the search fuzz target, shared by the
 * libFuzzer entry (fuzz_search.c) and the replay driver (fuzz_replay.c).
 * The input is a query: arbitrary bytes up to the first NUL. It is run
 * against an index of the test fixture bundle (test_support.h) plus a few
 * records added with search_index_add (Latin with diacritics, Cyrillic,
 * the Uzbek ʻ, CJK, a name longer than the matcher's 64 code points, a
 * punctuation-only name), built once.
 *
 * search_fold (on the query and on every result's matched name):
 *  - its output is valid UTF-8, without ASCII capitals, without a leading,
 *    trailing or double space, and shorter than out_size;
 *  - it is idempotent: folding folded text changes nothing;
 *  - it ignores case: the query with its Latin and Cyrillic letters in upper
 *    case folds to the same text (the header: "queries match however they
 *    are typed").
 * search_run:
 *  - at most max_results results, each a real record (its id exists, its
 *    label is that record's display name), with a score in the possible
 *    range, and the matched name one of that record's names (an alias
 *    without its '|'), which folds to something; or, for a hit in a panel's
 *    text, a score below every name's and the matched words inside that text;
 *  - best first by the header's order (score, then countries, places,
 *    articles, events, then label A–Z, then id), no record twice;
 *  - with room for every record, every record one of whose names starts
 *    with the folded query is there;
 *  - fewer results asked for give a prefix of the same list, and the same
 *    query twice gives the same list;
 *  - the upper-cased query gives the same list. */
#ifndef STEPPE_FUZZ_SEARCH_BODY_H
#define STEPPE_FUZZ_SEARCH_BODY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "bundle.h"
#include "fuzz_common.h"
#include "search.h"
#include "test_support.h"
#include "utf8.h"

#define FUZZ_SEARCH_MAX_QUERY 1024
#define FUZZ_SEARCH_RESULTS 64
#define FUZZ_SEARCH_EXTRA_ID 1000

typedef struct FuzzSearchExtra {
    const char *label;
    const char *names[2];
} FuzzSearchExtra;

static const FuzzSearchExtra fuzz_search_extras[] = {
    { "Şymkent", { "Shymkent|Chimkent", "Шымкент" } },
    { "Oʻzbekiston", { "O'zbekiston", "Ўзбекистон" } },
    { "Қарағанды", { "Karaganda|Qaraghandy", NULL } },
    { "Бишкек", { "Bishkek|Frunze|Пишпек", NULL } },
    { "Ürümqi", { "Urumchi|乌鲁木齐", NULL } },
    { "Türkmenbaşy", { "Krasnovodsk", "Türkmenbaşy" } },
    { "Ashgabat — the capital, on the edge of the Karakum, with its marble and its fountains and more", { NULL, NULL } },
    { "---", { "|||", "" } },
    { "Almaty Region", { "Алматы облысы", NULL } },
};
#define FUZZ_SEARCH_EXTRA_COUNT (sizeof fuzz_search_extras / sizeof fuzz_search_extras[0])

static struct {
    bool ready;
    uint8_t *data;
    Bundle bundle;
    SearchIndex *index;
} fuzz_search;

static inline void fuzz_search_setup(void)
{
    if (fuzz_search.ready) return;
    size_t size;
    char message[256];
    fuzz_search.data = tb_fixture_bundle(&size);
    if (bundle_open(&fuzz_search.bundle, fuzz_search.data, size, message, sizeof message) != BUNDLE_OK) abort();
    fuzz_search.index = search_index_build_from_bundle(&fuzz_search.bundle);
    if (!fuzz_search.index) abort();
    for (size_t i = 0; i < FUZZ_SEARCH_EXTRA_COUNT; i++) {
        const FuzzSearchExtra *e = &fuzz_search_extras[i];
        int n = e->names[1] ? 2 : e->names[0] ? 1 : 0;
        if (!search_index_add(fuzz_search.index, SELECTION_PLACE, FUZZ_SEARCH_EXTRA_ID + (uint32_t)i, e->label,
                              e->names, n, (int)i * 10))
            abort();
    }
    fuzz_search.ready = true;
}

/* A record's display label and up to three name strings (NULL where none). */
static inline bool fuzz_search_record(SelectionKind kind, uint32_t id, const char **label, const char *names[3])
{
    const Bundle *b = &fuzz_search.bundle;
    names[0] = names[1] = names[2] = NULL;
    if (id >= FUZZ_SEARCH_EXTRA_ID) {
        if (kind != SELECTION_PLACE || id - FUZZ_SEARCH_EXTRA_ID >= FUZZ_SEARCH_EXTRA_COUNT) return false;
        const FuzzSearchExtra *e = &fuzz_search_extras[id - FUZZ_SEARCH_EXTRA_ID];
        *label = e->label;
        names[0] = e->label;
        names[1] = e->names[0];
        names[2] = e->names[1];
        return true;
    }
    switch (kind) {
    case SELECTION_COUNTRY: {
        if (id == 0 || id > b->country_count) return false;
        BundleCountry c = bundle_country(b, id);
        *label = names[0] = c.name;
        names[1] = c.name_local;
        names[2] = c.iso3;
        return true;
    }
    case SELECTION_PLACE: {
        if (id == 0 || id > b->place_count) return false;
        BundlePlace p = bundle_place(b, id);
        *label = names[0] = p.name;
        names[1] = p.name_local;
        names[2] = p.alt_names;
        return true;
    }
    case SELECTION_ARTICLE:
        if (id == 0 || id > b->article_count) return false;
        *label = names[0] = bundle_article(b, id).title;
        return true;
    case SELECTION_EVENT:
        if (id == 0 || id > b->event_count) return false;
        *label = names[0] = bundle_event(b, id).title;
        return true;
    default:
        return false;
    }
}

static inline int fuzz_search_kind_rank(SelectionKind k)
{
    return k == SELECTION_COUNTRY ? 0 : k == SELECTION_PLACE ? 1 : k == SELECTION_ARTICLE ? 2 : k == SELECTION_EVENT ? 3 : 4;
}

/* The header's order: true if a is strictly before b. */
static inline bool fuzz_search_before(const SearchResult *a, const SearchResult *b)
{
    if (a->score != b->score) return a->score > b->score;
    if (a->kind != b->kind) return fuzz_search_kind_rank(a->kind) < fuzz_search_kind_rank(b->kind);
    int c = strcmp(a->label, b->label);
    if (c) return c < 0;
    return a->id < b->id;
}

/* search_fold into a 256-byte buffer, with the output's own invariants checked. */
static inline size_t fuzz_search_fold(const char *text, size_t len, char folded[256])
{
    size_t n = search_fold(text, len, folded, 256);
    FUZZ_CHECK(n < 256 && folded[n] == 0 && strlen(folded) == n);
    FUZZ_CHECK(n == 0 || (folded[0] != ' ' && folded[n - 1] != ' '));
    FUZZ_CHECK(strstr(folded, "  ") == NULL);
    size_t pos = 0;
    while (pos < n) {
        size_t at = pos;
        uint32_t cp = utf8_next(folded, n, &pos);
        char enc[4];
        FUZZ_CHECK(fuzz_utf8_put(cp, enc) == pos - at && memcmp(enc, folded + at, pos - at) == 0); /* valid UTF-8 */
        FUZZ_CHECK(!(cp >= 'A' && cp <= 'Z'));
    }
    char again[256];
    size_t n2 = search_fold(folded, n, again, sizeof again);
    FUZZ_CHECK(n2 == n && memcmp(again, folded, n) == 0); /* idempotent */
    return n;
}

/* The upper-case partner of a lower-case Latin or Cyrillic letter (cp itself if none). */
static inline uint32_t fuzz_search_upper(uint32_t cp)
{
    if (cp >= 'a' && cp <= 'z') return cp - 32;
    if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 0x20;
    if (cp == 0xFF) return 0x178;
    if ((cp >= 0x101 && cp <= 0x12F && (cp & 1)) || (cp >= 0x133 && cp <= 0x137 && (cp & 1)) ||
        (cp >= 0x13A && cp <= 0x148 && !(cp & 1)) || (cp >= 0x14B && cp <= 0x177 && (cp & 1)) ||
        (cp >= 0x17A && cp <= 0x17E && !(cp & 1)))
        return cp - 1;
    if (cp >= 0x430 && cp <= 0x44F) return cp - 0x20;
    if (cp >= 0x450 && cp <= 0x45F) return cp - 0x50;
    if ((cp >= 0x461 && cp <= 0x481 && (cp & 1)) || (cp >= 0x48B && cp <= 0x4BF && (cp & 1)) ||
        (cp >= 0x4C2 && cp <= 0x4CE && !(cp & 1)) || (cp >= 0x4D1 && cp <= 0x4FF && (cp & 1)))
        return cp - 1;
    if (cp == 0x4CF) return 0x4C0;
    return cp;
}

/* Writes text with its letters upper-cased (malformed bytes copied); returns its length. */
static inline size_t fuzz_search_upper_text(const char *text, size_t len, char *out)
{
    size_t pos = 0, n = 0;
    while (pos < len) {
        size_t at = pos;
        uint32_t cp = utf8_next(text, len, &pos);
        uint32_t cpu = fuzz_search_upper(cp);
        if (cpu == cp) {
            memcpy(out + n, text + at, pos - at);
            n += pos - at;
        } else {
            n += fuzz_utf8_put(cpu, out + n);
        }
    }
    out[n] = 0;
    return n;
}

static inline void fuzz_search_check_results(const char *query, const SearchResult *r, size_t count)
{
    (void)query;
    for (size_t i = 0; i < count; i++) {
        const char *label, *names[3];
        FUZZ_CHECK(fuzz_search_record(r[i].kind, r[i].id, &label, names)); /* a real record */
        FUZZ_CHECK(r[i].label == label);
        for (size_t j = 0; j < i; j++) FUZZ_CHECK(!(r[j].kind == r[i].kind && r[j].id == r[i].id)); /* once */
        if (i) FUZZ_CHECK(fuzz_search_before(&r[i - 1], &r[i])); /* best first */
        if (r[i].field != SEARCH_FIELD_NAME) { /* a text hit: below every name, inside its text */
            FUZZ_CHECK(r[i].score > 0 && r[i].score <= SEARCH_SCORE_TEXT_MAX);
            FUZZ_CHECK(r[i].text && r[i].matched >= r[i].text && r[i].matched_len > 0 &&
                       r[i].matched + r[i].matched_len <= r[i].text + r[i].text_len);
            char folded_hit[256];
            FUZZ_CHECK(fuzz_search_fold(r[i].matched, r[i].matched_len > 255 ? 255 : r[i].matched_len, folded_hit) > 0);
            continue;
        }
        FUZZ_CHECK(r[i].text == NULL);
        FUZZ_CHECK(r[i].score >= SEARCH_SCORE_NAME_MIN && r[i].score <= 1100); /* fuzzy - 2 edits - alias .. exact + boost */
        bool found = false;
        for (int k = 0; k < 3 && !found; k++) {
            const char *s = names[k];
            if (!s) continue;
            size_t len = strlen(s);
            found = r[i].matched >= s && r[i].matched + r[i].matched_len <= s + len;
        }
        FUZZ_CHECK(found); /* the matched name is one of the record's names */
        FUZZ_CHECK(r[i].matched_len > 0 && memchr(r[i].matched, '|', r[i].matched_len) == NULL);
        char folded[256];
        FUZZ_CHECK(fuzz_search_fold(r[i].matched, r[i].matched_len, folded) > 0);
    }
}

static inline bool fuzz_search_same(const SearchResult *a, const SearchResult *b)
{
    return a->kind == b->kind && a->id == b->id && a->score == b->score && a->label == b->label &&
           a->matched == b->matched && a->matched_len == b->matched_len && a->field == b->field &&
           a->text == b->text && a->text_len == b->text_len;
}

/* Whether the folded query is a prefix of a folded name (one alias at a time). */
static inline bool fuzz_search_prefix_of(const char *folded_query, size_t qlen, const char *name)
{
    for (const char *s = name; s && *s;) {
        const char *bar = strchr(s, '|');
        size_t len = bar ? (size_t)(bar - s) : strlen(s);
        char folded[256];
        size_t n = search_fold(s, len, folded, sizeof folded);
        if (n >= qlen && memcmp(folded, folded_query, qlen) == 0) return true;
        s = bar ? bar + 1 : NULL;
    }
    return false;
}

static inline void fuzz_search_one(const uint8_t *data, size_t size)
{
    fuzz_search_setup();
    if (size > FUZZ_SEARCH_MAX_QUERY) size = FUZZ_SEARCH_MAX_QUERY;
    char *query = malloc(size + 1);
    char *upper = malloc(2 * size + 1); /* a letter grows at most from 1 to 2 bytes */
    if (!query || !upper) abort();
    if (size) memcpy(query, data, size);
    query[size] = 0;
    size_t qlen = strlen(query);

    char folded[256];
    size_t fl = fuzz_search_fold(query, qlen, folded);
    size_t ul = fuzz_search_upper_text(query, qlen, upper);
    char folded_upper[256];
    size_t ful = fuzz_search_fold(upper, ul, folded_upper);
    FUZZ_CHECK(ful == fl && memcmp(folded_upper, folded, fl) == 0); /* case does not matter */

    SearchResult all[FUZZ_SEARCH_RESULTS], again[FUZZ_SEARCH_RESULTS], few[FUZZ_SEARCH_RESULTS];
    size_t count = search_run(fuzz_search.index, query, all, FUZZ_SEARCH_RESULTS);
    FUZZ_CHECK(count <= FUZZ_SEARCH_RESULTS);
    if (fl == 0) FUZZ_CHECK(count == 0);
    fuzz_search_check_results(query, all, count);

    /* Every record one of whose names starts with the query is found (there is room for all). */
    const Bundle *b = &fuzz_search.bundle;
    static const SelectionKind kinds[4] = { SELECTION_COUNTRY, SELECTION_PLACE, SELECTION_ARTICLE, SELECTION_EVENT };
    uint32_t totals[4] = { b->country_count, b->place_count, b->article_count, b->event_count };
    FUZZ_CHECK(totals[0] + totals[1] + totals[2] + totals[3] + FUZZ_SEARCH_EXTRA_COUNT <= FUZZ_SEARCH_RESULTS);
    if (fl > 0) {
        for (int k = 0; k < 5; k++) {
            uint32_t first = k < 4 ? 1 : FUZZ_SEARCH_EXTRA_ID;
            uint32_t last = k < 4 ? totals[k] : FUZZ_SEARCH_EXTRA_ID + (uint32_t)FUZZ_SEARCH_EXTRA_COUNT - 1;
            SelectionKind kind = k < 4 ? kinds[k] : SELECTION_PLACE;
            for (uint32_t id = first; id <= last; id++) {
                const char *label, *names[3];
                if (!fuzz_search_record(kind, id, &label, names)) abort();
                if (kind == SELECTION_COUNTRY && !label[0]) continue; /* nameless countries are not indexed */
                bool prefix = false;
                for (int n = 0; n < 3 && !prefix; n++) prefix = fuzz_search_prefix_of(folded, fl, names[n]);
                if (!prefix) continue;
                bool listed = false;
                for (size_t i = 0; i < count && !listed; i++) listed = all[i].kind == kind && all[i].id == id;
                FUZZ_CHECK(listed);
            }
        }
    }

    /* The same again; fewer give a prefix. */
    size_t count2 = search_run(fuzz_search.index, query, again, FUZZ_SEARCH_RESULTS);
    FUZZ_CHECK(count2 == count);
    for (size_t i = 0; i < count; i++) FUZZ_CHECK(fuzz_search_same(&again[i], &all[i]));
    size_t wants[3] = { 1, count / 2, count > 1 ? count - 1 : 1 };
    for (int k = 0; k < 3; k++) {
        if (!wants[k]) continue;
        size_t got = search_run(fuzz_search.index, query, few, wants[k]);
        FUZZ_CHECK(got == (wants[k] < count ? wants[k] : count));
        for (size_t i = 0; i < got; i++) FUZZ_CHECK(fuzz_search_same(&few[i], &all[i]));
    }
    FUZZ_CHECK(search_run(fuzz_search.index, query, few, 0) == 0);

    /* Upper case finds the same. */
    size_t count_upper = search_run(fuzz_search.index, upper, few, FUZZ_SEARCH_RESULTS);
    FUZZ_CHECK(count_upper == count);
    for (size_t i = 0; i < count; i++) FUZZ_CHECK(fuzz_search_same(&few[i], &all[i]));
    free(upper);
    free(query);
}

#endif
