/* search: folding, matching and ranking. See search.h. */
#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define MAX_CODEPOINTS 64
#define SCORE_EXACT 1000
#define SCORE_PREFIX 800
#define SCORE_WORD_PREFIX 600
#define SCORE_CONTAINS 400
#define SCORE_FUZZY 300
#define ALIAS_PENALTY 40

typedef struct SearchName {
    uint32_t entry;      /* index into entries */
    uint32_t folded;     /* offset into the arena */
    const char *original;
    size_t original_len;
    uint8_t alias;
} SearchName;

typedef struct SearchEntry {
    SelectionKind kind;
    uint32_t id;
    const char *label;
    int boost;
} SearchEntry;

struct SearchIndex {
    SearchEntry *entries;
    size_t entry_count, entry_cap;
    SearchName *names;
    size_t name_count, name_cap;
    char *arena;         /* folded names, NUL-separated */
    size_t arena_used, arena_cap;
};

/* --- folding ------------------------------------------------------------------ */

/* Base letters of U+00C0..U+017F (Latin-1 Supplement letters and Latin
 * Extended-A), lower case; '.' drops the character. */
static const char LATIN_BASE[] =
    "aaaaaaaceeeeiiii" "dnooooo.ouuuuyts" /* U+00C0 */
    "aaaaaaaceeeeiiii" "dnooooo.ouuuuyty" /* U+00E0 */
    "aaaaaaccccccccdd" "ddeeeeeeeeeegggg" /* U+0100 */
    "gggghhhhiiiiiiii" "iiiijjkkklllllll" /* U+0120 */
    "lllnnnnnnnnnoooo" "oooorrrrrrssssss" /* U+0140 */
    "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs"; /* U+0160 */

static uint32_t fold_codepoint(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') return cp + 32;
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return cp;
        if (cp == '\'') return 0; /* dropped: O'zbekiston = Ozbekiston */
        return ' ';
    }
    if (cp >= 0xC0 && cp <= 0x17F) {
        char base = LATIN_BASE[cp - 0xC0];
        return base == '.' ? ' ' : (uint32_t)base;
    }
    if (cp == 0x18F || cp == 0x259) return 'e'; /* Ə ə (Azerbaijani) */
    if (cp == 0x2BB || cp == 0x2BC || cp == 0x2019 || cp == 0x2018 || cp == 0x60 || cp == 0xB4) return 0;
    if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;           /* Cyrillic А–Я */
    if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;                  /* Ѐ–Џ */
    if (cp == 0x451) return 0x435;                               /* ё -> е */
    /* U+04C0..U+04CF pair odd capitals with even small letters, unlike the
     * rest of the block (found by tests/fuzz: ӂ folded to Ӄ), and the
     * palochka's capital Ӏ (U+04C0) has its small form at U+04CF. */
    if (cp == 0x4C0) return 0x4CF;
    if (cp >= 0x4C1 && cp <= 0x4CE) return (cp & 1) ? cp + 1 : cp;
    if (cp >= 0x460 && cp <= 0x4FF && cp != 0x4CF && !(cp & 1) && cp != 0x482 && (cp < 0x483 || cp > 0x489))
        return cp + 1;                                           /* Ә Ғ Қ Ң Ө Ұ Ү Һ ... paired upper/lower */
    if (cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2014 || cp == 0xA0) return ' ';
    return cp;
}

size_t search_fold(const char *text, size_t len, char *out, size_t out_size)
{
    size_t n = 0, pos = 0;
    if (!out_size) return 0;
    bool pending_space = false;
    while (pos < len) {
        uint32_t cp = fold_codepoint(utf8_next(text, len, &pos));
        if (cp == 0) continue;
        if (cp == ' ') { pending_space = n > 0; continue; }
        char enc[4];
        size_t k;
        if (cp < 0x80) { enc[0] = (char)cp; k = 1; }
        else if (cp < 0x800) { enc[0] = (char)(0xC0 | (cp >> 6)); enc[1] = (char)(0x80 | (cp & 0x3F)); k = 2; }
        else if (cp < 0x10000) {
            enc[0] = (char)(0xE0 | (cp >> 12)); enc[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            enc[2] = (char)(0x80 | (cp & 0x3F)); k = 3;
        } else {
            enc[0] = (char)(0xF0 | (cp >> 18)); enc[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
            enc[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); enc[3] = (char)(0x80 | (cp & 0x3F)); k = 4;
        }
        if (n + k + (pending_space ? 1 : 0) >= out_size) break;
        if (pending_space) out[n++] = ' ';
        pending_space = false;
        memcpy(out + n, enc, k);
        n += k;
    }
    out[n] = 0;
    return n;
}

/* --- building ------------------------------------------------------------------- */

SearchIndex *search_index_create(void)
{
    return calloc(1, sizeof(SearchIndex));
}

void search_index_destroy(SearchIndex *index)
{
    if (!index) return;
    free(index->entries);
    free(index->names);
    free(index->arena);
    free(index);
}

static bool grow(void **items, size_t *cap, size_t need, size_t item_size)
{
    if (need <= *cap) return true;
    size_t cap2 = *cap ? *cap * 2 : 256;
    while (cap2 < need) cap2 *= 2;
    void *grown = realloc(*items, cap2 * item_size);
    if (!grown) return false;
    *items = grown;
    *cap = cap2;
    return true;
}

static int add_name(SearchIndex *index, uint32_t entry, const char *name, size_t len, bool alias)
{
    char folded[256];
    size_t n = search_fold(name, len, folded, sizeof folded);
    if (n == 0) return 1; /* nothing searchable (punctuation only) */
    if (!grow((void **)&index->names, &index->name_cap, index->name_count + 1, sizeof *index->names) ||
        !grow((void **)&index->arena, &index->arena_cap, index->arena_used + n + 1, 1))
        return 0;
    memcpy(index->arena + index->arena_used, folded, n + 1);
    index->names[index->name_count++] = (SearchName){ entry, (uint32_t)index->arena_used, name, len, (uint8_t)alias };
    index->arena_used += n + 1;
    return 1;
}

int search_index_add(SearchIndex *index, SelectionKind kind, uint32_t id, const char *label,
                     const char *const *names, int name_count, int boost)
{
    if (!grow((void **)&index->entries, &index->entry_cap, index->entry_count + 1, sizeof *index->entries)) return 0;
    uint32_t entry = (uint32_t)index->entry_count++;
    index->entries[entry] = (SearchEntry){ kind, id, label, boost < 0 ? 0 : boost > 100 ? 100 : boost };
    if (!add_name(index, entry, label, strlen(label), false)) return 0;
    for (int i = 0; i < name_count; i++) {
        const char *s = names[i];
        while (s && *s) {
            const char *bar = strchr(s, '|');
            size_t len = bar ? (size_t)(bar - s) : strlen(s);
            if (len && !add_name(index, entry, s, len, true)) return 0;
            s = bar ? bar + 1 : NULL;
        }
    }
    return 1;
}

SearchIndex *search_index_build_from_bundle(const Bundle *b)
{
    SearchIndex *index = search_index_create();
    if (!index) return NULL;
    int ok = 1;
    for (uint32_t i = 1; ok && i <= b->country_count; i++) {
        BundleCountry c = bundle_country(b, i);
        if (!c.name[0]) continue;
        const char *names[2] = { c.name_local, c.iso3 };
        int boost = (c.flags & COUNTRY_FLAG_CENTRAL_ASIA) ? 60 : c.profile[0] ? 30 : 0;
        ok = search_index_add(index, SELECTION_COUNTRY, i, c.name, names, 2, boost);
    }
    for (uint32_t i = 1; ok && i <= b->place_count; i++) {
        BundlePlace p = bundle_place(b, i);
        const char *names[2] = { p.name_local, p.alt_names };
        ok = search_index_add(index, SELECTION_PLACE, i, p.name, names, 2, strcmp(p.kind, "capital") == 0 ? 20 : 10);
    }
    for (uint32_t i = 1; ok && i <= b->article_count; i++) {
        BundleArticle a = bundle_article(b, i);
        ok = search_index_add(index, SELECTION_ARTICLE, i, a.title, NULL, 0, 0);
    }
    for (uint32_t i = 1; ok && i <= b->event_count; i++) {
        BundleEvent e = bundle_event(b, i);
        ok = search_index_add(index, SELECTION_EVENT, i, e.title, NULL, 0, 0);
    }
    if (!ok) {
        search_index_destroy(index);
        return NULL;
    }
    return index;
}

/* --- matching --------------------------------------------------------------------- */

static int to_codepoints(const char *s, uint32_t *out, int max)
{
    size_t len = strlen(s), pos = 0;
    int n = 0;
    while (pos < len && n < max) out[n++] = utf8_next(s, len, &pos);
    return n;
}

/* Optimal-string-alignment distance (Damerau–Levenshtein with adjacent
 * transpositions), giving up early once it exceeds limit. */
static int edit_distance(const uint32_t *a, int na, const uint32_t *b, int nb, int limit)
{
    if (abs(na - nb) > limit) return limit + 1;
    int rows[3][MAX_CODEPOINTS + 1];
    int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (int j = 0; j <= nb; j++) prev[j] = j;
    for (int i = 1; i <= na; i++) {
        cur[0] = i;
        int best = cur[0];
        for (int j = 1; j <= nb; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            if (prev[j - 1] + cost < v) v = prev[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            cur[j] = v;
            if (v < best) best = v;
        }
        if (best > limit) return limit + 1;
        int *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[nb];
}

/* How well a folded name answers a folded query (0 = not at all). */
static int score_name(const char *name, const char *query, const uint32_t *q, int nq)
{
    size_t ql = strlen(query), nl = strlen(name);
    if (nl == ql && memcmp(name, query, ql) == 0) return SCORE_EXACT;
    if (nl > ql && memcmp(name, query, ql) == 0) return SCORE_PREFIX - (int)(nl - ql > 50 ? 50 : nl - ql);
    for (const char *w = strchr(name, ' '); w; w = strchr(w + 1, ' '))
        if (strncmp(w + 1, query, ql) == 0) return SCORE_WORD_PREFIX;
    if (ql >= 3 && strstr(name, query)) return SCORE_CONTAINS;
    int limit = nq >= 8 ? 2 : nq >= 4 ? 1 : 0;
    if (!limit) return 0;
    /* Typos: compare with the whole name, its start, and each word's start. */
    uint32_t n[MAX_CODEPOINTS];
    int nn = to_codepoints(name, n, MAX_CODEPOINTS);
    int best = limit + 1;
    for (int start = 0; start < nn; start++) {
        if (start > 0 && n[start - 1] != ' ') continue;
        int rest = nn - start;
        for (int len = nq - limit; len <= nq + limit; len++) {
            if (len <= 0 || len > rest) continue;
            /* Only whole words, or the query's own length as a prefix. */
            if (start + len < nn && n[start + len] != ' ' && len != nq) continue;
            int d = edit_distance(q, nq, n + start, len, limit);
            if (d < best) best = d;
        }
    }
    return best <= limit ? SCORE_FUZZY - 60 * best : 0;
}

static int kind_rank(SelectionKind k)
{
    switch (k) {
    case SELECTION_COUNTRY: return 0;
    case SELECTION_PLACE: return 1;
    case SELECTION_ARTICLE: return 2;
    case SELECTION_EVENT: return 3;
    default: return 4;
    }
}

/* true if a should come before b */
static bool better(const SearchResult *a, const SearchResult *b)
{
    if (a->score != b->score) return a->score > b->score;
    if (kind_rank(a->kind) != kind_rank(b->kind)) return kind_rank(a->kind) < kind_rank(b->kind);
    int c = strcmp(a->label, b->label);
    if (c != 0) return c < 0;
    return a->id < b->id;
}

size_t search_run(const SearchIndex *index, const char *query, SearchResult *out, size_t max_results)
{
    if (!index || !query || !max_results) return 0;
    char folded[256];
    if (search_fold(query, strlen(query), folded, sizeof folded) == 0) return 0;
    uint32_t q[MAX_CODEPOINTS];
    int nq = to_codepoints(folded, q, MAX_CODEPOINTS);
    size_t count = 0;
    uint32_t last_entry = UINT32_MAX;
    for (size_t i = 0; i < index->name_count; i++) {
        const SearchName *nm = &index->names[i];
        int score = score_name(index->arena + nm->folded, folded, q, nq);
        if (!score) continue;
        if (nm->alias) score -= ALIAS_PENALTY;
        const SearchEntry *e = &index->entries[nm->entry];
        score += e->boost;
        /* Keep each record once, with its best-scoring name. Names of one
         * record are consecutive, so only the last result can be the same. */
        if (nm->entry == last_entry && count > 0) {
            SearchResult *prev = NULL;
            for (size_t k = 0; k < count; k++)
                if (out[k].kind == e->kind && out[k].id == e->id) prev = &out[k];
            if (prev) {
                if (score <= prev->score) continue;
                /* Remove it and re-insert below with the better score. */
                size_t at = (size_t)(prev - out);
                memmove(out + at, out + at + 1, (count - at - 1) * sizeof *out);
                count--;
            }
        }
        SearchResult r = { e->kind, e->id, score, e->label, nm->original, nm->original_len };
        /* Insertion into the sorted top-N. */
        size_t pos = count;
        while (pos > 0 && better(&r, &out[pos - 1])) pos--;
        if (pos >= max_results) continue;
        size_t move = (count < max_results ? count : max_results - 1) - pos;
        memmove(out + pos + 1, out + pos, move * sizeof *out);
        out[pos] = r;
        if (count < max_results) count++;
        last_entry = nm->entry;
    }
    return count;
}
