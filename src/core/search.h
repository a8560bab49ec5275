/* search: type-ahead over everything the atlas names.
 *
 * The index holds, for every country, place, article and event, its display
 * name and every other name it answers to (local names, ISO codes, each
 * alternative spelling of a place: Astana finds Nur-Sultan's record and
 * Alma-Ata finds Almaty). Names are folded once at build time — case,
 * Latin diacritics (ö→o, ş→s, ı→i), the Uzbek ʻ, punctuation — so queries
 * match however they are typed, and small typos are forgiven (one edit for
 * 4–7 letters, two from 8). Ranking: exact name, then prefix of the name, then
 * prefix of a word, then contained, then fuzzy; an alias ranks a little below
 * the name itself; ties go to countries, places, articles, events, then A–Z.
 * Building allocates; queries do not.
 * Depends on the C library, bundle.h and utf8.h. */
#ifndef STEPPE_SEARCH_H
#define STEPPE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "bundle.h"

typedef struct SearchIndex SearchIndex;

typedef struct SearchResult {
    SelectionKind kind;
    uint32_t id;          /* bundle id of that kind */
    int score;            /* higher is better */
    const char *label;    /* the display name (points into the bundle) */
    const char *matched;  /* the name that matched (may be an alias): matched_len bytes, not NUL-terminated */
    size_t matched_len;
} SearchResult;

/* An empty index; add entries with search_index_add. NULL if memory runs out. */
SearchIndex *search_index_create(void);
/* Indexes every country, place, event and article of a bundle. NULL on out of memory. */
SearchIndex *search_index_build_from_bundle(const Bundle *b);
void search_index_destroy(SearchIndex *index);

/* Adds one record under a display label and its names ('|'-separated
 * aliases allowed in each). boost (0..100) lifts important records among
 * equally good matches (the Central Asian states before Taiwan for "ta").
 * The strings must outlive the index. Returns 0 on out of memory. */
int search_index_add(SearchIndex *index, SelectionKind kind, uint32_t id, const char *label,
                     const char *const *names, int name_count, int boost);

/* The best matches for a query (UTF-8, any case), best first. Writes at most
 * max_results and returns how many it wrote (0 for an empty query). */
size_t search_run(const SearchIndex *index, const char *query, SearchResult *out, size_t max_results);

/* Folds text for matching (lower case, no diacritics, words separated by one
 * space). Writes at most out_size - 1 bytes and a NUL; returns the length. */
size_t search_fold(const char *text, size_t len, char *out, size_t out_size);

#endif
