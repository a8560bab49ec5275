/* search: folding, matching and ranking. See search.h. */
#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define MAX_CODEPOINTS 64
#define MAX_QUERY_WORDS 8
#define SCORE_EXACT 1000
#define SCORE_PREFIX 800
#define SCORE_WORD_PREFIX 600
#define SCORE_CONTAINS 400
#define SCORE_FUZZY 300
#define ALIAS_PENALTY 40
/* Text hits: always below the weakest name hit (fuzzy, two edits, an alias: 140). */
#define SCORE_TEXT_PHRASE 80 /* the query as typed, from the start of a word */
#define SCORE_TEXT_WORDS 50  /* each of its words starts a word of the text, anywhere in it */

_Static_assert(SCORE_FUZZY - 2 * 60 - ALIAS_PENALTY == SEARCH_SCORE_NAME_MIN, "the weakest name hit");
_Static_assert(SCORE_TEXT_PHRASE + 10 + 100 / 10 == SEARCH_SCORE_TEXT_MAX, "the best text hit: phrase, field, boost");
_Static_assert(SEARCH_SCORE_TEXT_MAX < SEARCH_SCORE_NAME_MIN, "text hits rank below name hits");

typedef struct SearchName {
    uint32_t folded;     /* offset into the arena */
    const char *original;
    size_t original_len;
    uint8_t alias;
} SearchName;

typedef struct SearchText {
    uint32_t folded;     /* offset into the arena */
    const char *original;
    size_t original_len;
    SearchField field;
} SearchText;

typedef struct SearchEntry {
    SelectionKind kind;
    uint32_t id;
    const char *label;
    int boost;
    uint32_t name_first, name_end; /* its names: names[name_first, name_end) */
    uint32_t text_first, text_end; /* its texts */
} SearchEntry;

struct SearchIndex {
    SearchEntry *entries;
    size_t entry_count, entry_cap;
    SearchName *names;
    size_t name_count, name_cap;
    SearchText *texts;
    size_t text_count, text_cap;
    char *arena;         /* folded names and texts, NUL-separated */
    size_t arena_used, arena_cap;
};

const char *search_field_name(SearchField field)
{
    switch (field) {
    case SEARCH_FIELD_SUMMARY: return "summary";
    case SEARCH_FIELD_PROFILE: return "profile";
    case SEARCH_FIELD_FIGURE: return "key figure";
    case SEARCH_FIELD_RELATION: return "relation";
    case SEARCH_FIELD_KEY_POINTS: return "key points";
    case SEARCH_FIELD_TOPICS: return "topics";
    case SEARCH_FIELD_PEOPLE: return "by";
    case SEARCH_FIELD_NOTE: return "note";
    default: return "name";
    }
}

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

/* Writes cp as UTF-8 into enc; returns its length. */
static size_t encode(uint32_t cp, char enc[4])
{
    if (cp < 0x80) { enc[0] = (char)cp; return 1; }
    if (cp < 0x800) { enc[0] = (char)(0xC0 | (cp >> 6)); enc[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        enc[0] = (char)(0xE0 | (cp >> 12)); enc[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        enc[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    enc[0] = (char)(0xF0 | (cp >> 18)); enc[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    enc[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); enc[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
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
        size_t k = encode(cp, enc);
        if (n + k + (pending_space ? 1 : 0) >= out_size) break;
        if (pending_space) out[n++] = ' ';
        pending_space = false;
        memcpy(out + n, enc, k);
        n += k;
    }
    out[n] = 0;
    return n;
}

/* The bytes of the original text that folded to folded[from, to): walks the
 * fold again (search_fold with room for everything) and notes where the
 * code points that produced those bytes begin and end. */
static void unfold_range(const char *text, size_t len, size_t from, size_t to, size_t *start, size_t *end)
{
    size_t n = 0, pos = 0;
    bool pending_space = false, started = false;
    *start = *end = len;
    while (pos < len) {
        size_t at = pos;
        uint32_t cp = fold_codepoint(utf8_next(text, len, &pos));
        if (cp == 0) continue;
        if (cp == ' ') { pending_space = n > 0; continue; }
        char enc[4];
        if (pending_space) n++;
        pending_space = false;
        if (n >= to) break;
        if (!started && n >= from) { *start = at; started = true; }
        n += encode(cp, enc);
        *end = pos;
    }
    if (!started) *start = *end = len;
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
    free(index->texts);
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

static int add_name(SearchIndex *index, const char *name, size_t len, bool alias)
{
    char folded[256];
    size_t n = search_fold(name, len, folded, sizeof folded);
    if (n == 0) return 1; /* nothing searchable (punctuation only) */
    if (!grow((void **)&index->names, &index->name_cap, index->name_count + 1, sizeof *index->names) ||
        !grow((void **)&index->arena, &index->arena_cap, index->arena_used + n + 1, 1))
        return 0;
    memcpy(index->arena + index->arena_used, folded, n + 1);
    index->names[index->name_count++] = (SearchName){ (uint32_t)index->arena_used, name, len, (uint8_t)alias };
    index->arena_used += n + 1;
    index->entries[index->entry_count - 1].name_end = (uint32_t)index->name_count;
    return 1;
}

int search_index_add(SearchIndex *index, SelectionKind kind, uint32_t id, const char *label,
                     const char *const *names, int name_count, int boost)
{
    if (!grow((void **)&index->entries, &index->entry_cap, index->entry_count + 1, sizeof *index->entries)) return 0;
    uint32_t entry = (uint32_t)index->entry_count++;
    index->entries[entry] = (SearchEntry){ kind, id, label, boost < 0 ? 0 : boost > 100 ? 100 : boost,
                                           (uint32_t)index->name_count, (uint32_t)index->name_count,
                                           (uint32_t)index->text_count, (uint32_t)index->text_count };
    if (!add_name(index, label, strlen(label), false)) return 0;
    for (int i = 0; i < name_count; i++) {
        const char *s = names[i];
        while (s && *s) {
            const char *bar = strchr(s, '|');
            size_t len = bar ? (size_t)(bar - s) : strlen(s);
            if (len && !add_name(index, s, len, true)) return 0;
            s = bar ? bar + 1 : NULL;
        }
    }
    return 1;
}

int search_index_add_text(SearchIndex *index, SearchField field, const char *text)
{
    if (!index->entry_count || !text || !text[0]) return 1;
    size_t len = strlen(text);
    /* Folding at most triples a byte (a malformed one becomes U+FFFD). */
    if (len > (UINT32_MAX - index->arena_used) / 4) return 0;
    if (!grow((void **)&index->texts, &index->text_cap, index->text_count + 1, sizeof *index->texts) ||
        !grow((void **)&index->arena, &index->arena_cap, index->arena_used + 3 * len + 1, 1))
        return 0;
    size_t n = search_fold(text, len, index->arena + index->arena_used, 3 * len + 1);
    if (n == 0) return 1;
    index->texts[index->text_count++] = (SearchText){ (uint32_t)index->arena_used, text, len, field };
    index->arena_used += n + 1;
    index->entries[index->entry_count - 1].text_end = (uint32_t)index->text_count;
    return 1;
}

/* The texts of a country's panel: its profile, its key figures and its relations. */
static int add_country_texts(SearchIndex *index, const Bundle *b, uint32_t id, const BundleCountry *c)
{
    if (!search_index_add_text(index, SEARCH_FIELD_PROFILE, c->profile)) return 0;
    for (uint32_t f = 1; f <= b->figure_count; f++) {
        BundleFigure fig = bundle_figure(b, f);
        if (fig.country != id) continue;
        if (!search_index_add_text(index, SEARCH_FIELD_FIGURE, fig.label) ||
            !search_index_add_text(index, SEARCH_FIELD_FIGURE, fig.value))
            return 0;
    }
    for (uint32_t r = 1; r <= b->relation_count; r++) {
        BundleRelation rel = bundle_relation(b, r);
        if (rel.country_a != id && rel.country_b != id) continue;
        if (!search_index_add_text(index, SEARCH_FIELD_RELATION, rel.label) ||
            !search_index_add_text(index, SEARCH_FIELD_RELATION, rel.group))
            return 0;
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
        ok = search_index_add(index, SELECTION_COUNTRY, i, c.name, names, 2, boost) &&
             add_country_texts(index, b, i, &c);
    }
    for (uint32_t i = 1; ok && i <= b->place_count; i++) {
        BundlePlace p = bundle_place(b, i);
        const char *names[2] = { p.name_local, p.alt_names };
        ok = search_index_add(index, SELECTION_PLACE, i, p.name, names, 2, strcmp(p.kind, "capital") == 0 ? 20 : 10);
    }
    for (uint32_t i = 1; ok && i <= b->article_count; i++) {
        BundleArticle a = bundle_article(b, i);
        ok = search_index_add(index, SELECTION_ARTICLE, i, a.title, NULL, 0, 0) &&
             search_index_add_text(index, SEARCH_FIELD_SUMMARY, a.summary) &&
             search_index_add_text(index, SEARCH_FIELD_KEY_POINTS, a.key_points) &&
             search_index_add_text(index, SEARCH_FIELD_TOPICS, a.topics) &&
             search_index_add_text(index, SEARCH_FIELD_PEOPLE, a.author) &&
             search_index_add_text(index, SEARCH_FIELD_NOTE, a.outlet);
    }
    for (uint32_t i = 1; ok && i <= b->event_count; i++) {
        BundleEvent e = bundle_event(b, i);
        ok = search_index_add(index, SELECTION_EVENT, i, e.title, NULL, 0, 0) &&
             search_index_add_text(index, SEARCH_FIELD_SUMMARY, e.summary) &&
             search_index_add_text(index, SEARCH_FIELD_NOTE, e.place_note);
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
static int score_name(const char *name, const char *query, size_t ql, const uint32_t *q, int nq)
{
    size_t nl = strlen(name);
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

/* The first place where word (wl bytes) begins a word of the folded text; NULL if nowhere. */
static const char *find_at_word_start(const char *text, const char *word)
{
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word))
        if (p == text || p[-1] == ' ') return p;
    return NULL;
}

/* A folded query split into its words, for matching running text. */
typedef struct QueryWords {
    char buf[256];
    const char *word[MAX_QUERY_WORDS];
    size_t len[MAX_QUERY_WORDS];
    int count;
} QueryWords;

static void split_words(const char *folded, QueryWords *w)
{
    size_t n = strlen(folded);
    memcpy(w->buf, folded, n + 1);
    w->count = 0;
    for (char *s = w->buf; *s && w->count < MAX_QUERY_WORDS;) {
        char *sp = strchr(s, ' ');
        if (sp) *sp = 0;
        w->word[w->count] = s;
        w->len[w->count++] = strlen(s);
        s = sp ? sp + 1 : s + strlen(s);
    }
}

/* How well a folded text answers the query (0 = not at all); *hit and
 * *hit_len: the folded bytes that matched (the phrase, or the first word). */
static int score_text(const char *text, const char *query, size_t ql, const QueryWords *w, size_t *hit, size_t *hit_len)
{
    const char *p = find_at_word_start(text, query);
    if (p) {
        *hit = (size_t)(p - text);
        *hit_len = ql;
        return SCORE_TEXT_PHRASE;
    }
    if (w->count < 2) return 0;
    const char *first = NULL;
    for (int i = 0; i < w->count; i++) {
        const char *at = find_at_word_start(text, w->word[i]);
        if (!at) return 0;
        if (i == 0) first = at;
    }
    *hit = (size_t)(first - text);
    *hit_len = w->len[0];
    return SCORE_TEXT_WORDS;
}

static int field_weight(SearchField f)
{
    switch (f) {
    case SEARCH_FIELD_SUMMARY: case SEARCH_FIELD_PROFILE: case SEARCH_FIELD_PEOPLE: return 10;
    case SEARCH_FIELD_FIGURE: case SEARCH_FIELD_RELATION: case SEARCH_FIELD_KEY_POINTS: return 6;
    default: return 0;
    }
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

/* The best of an entry's names, or failing that of its texts; 0 if none matches. */
static int score_entry(const SearchIndex *index, const SearchEntry *e, const char *folded, size_t ql,
                       const uint32_t *q, int nq, const QueryWords *words, SearchResult *r)
{
    int best = 0;
    for (uint32_t i = e->name_first; i < e->name_end; i++) {
        const SearchName *nm = &index->names[i];
        int score = score_name(index->arena + nm->folded, folded, ql, q, nq);
        if (!score) continue;
        if (nm->alias) score -= ALIAS_PENALTY;
        score += e->boost;
        if (score <= best) continue;
        best = score;
        *r = (SearchResult){ e->kind, e->id, score, e->label, nm->original, nm->original_len,
                             SEARCH_FIELD_NAME, NULL, 0 };
    }
    if (best || ql < 2) return best;
    size_t best_hit = 0, best_len = 0;
    const SearchText *best_text = NULL;
    for (uint32_t i = e->text_first; i < e->text_end; i++) {
        const SearchText *t = &index->texts[i];
        size_t hit, hit_len;
        int score = score_text(index->arena + t->folded, folded, ql, words, &hit, &hit_len);
        if (!score) continue;
        score += field_weight(t->field) + e->boost / 10;
        if (score <= best) continue;
        best = score;
        best_text = t;
        best_hit = hit;
        best_len = hit_len;
    }
    if (best_text) {
        size_t start, end;
        unfold_range(best_text->original, best_text->original_len, best_hit, best_hit + best_len, &start, &end);
        *r = (SearchResult){ e->kind, e->id, best, e->label, best_text->original + start, end - start,
                             best_text->field, best_text->original, best_text->original_len };
    }
    return best;
}

size_t search_run_counted(const SearchIndex *index, const char *query, SearchResult *out, size_t max_results,
                          size_t *total)
{
    if (total) *total = 0;
    if (!index || !query || !max_results) return 0;
    char folded[256];
    size_t ql = search_fold(query, strlen(query), folded, sizeof folded);
    if (ql == 0) return 0;
    uint32_t q[MAX_CODEPOINTS];
    int nq = to_codepoints(folded, q, MAX_CODEPOINTS);
    QueryWords words;
    split_words(folded, &words);
    size_t count = 0, matched = 0;
    for (size_t i = 0; i < index->entry_count; i++) {
        SearchResult r;
        if (!score_entry(index, &index->entries[i], folded, ql, q, nq, &words, &r)) continue;
        matched++;
        /* Insertion into the sorted top-N. */
        size_t pos = count;
        while (pos > 0 && better(&r, &out[pos - 1])) pos--;
        if (pos >= max_results) continue;
        size_t move = (count < max_results ? count : max_results - 1) - pos;
        memmove(out + pos + 1, out + pos, move * sizeof *out);
        out[pos] = r;
        if (count < max_results) count++;
    }
    if (total) *total = matched;
    return count;
}

size_t search_run(const SearchIndex *index, const char *query, SearchResult *out, size_t max_results)
{
    return search_run_counted(index, query, out, max_results, NULL);
}
