/* search: type-ahead over everything the atlas names and says.
 *
 * The index holds, for every country, place, article and event, its display
 * name and every other name it answers to (local names, ISO codes, each
 * alternative spelling of a place: Astana finds Nur-Sultan's record and
 * Alma-Ata finds Almaty), and the text its panel shows: a country's profile,
 * key figures and relations, an article's summary, key points, topics,
 * author and outlet, an event's summary and place note. Names and texts are
 * folded once at build time — case, Latin diacritics (ö→o, ş→s, ı→i), the
 * Uzbek ʻ, punctuation — so queries match however they are typed ("C5+1"
 * and "c5 1" are the same). In names small typos are forgiven (one edit for
 * 4–7 letters, two from 8). Ranking: exact name, then prefix of the name, then
 * prefix of a word, then contained, then fuzzy; an alias ranks a little below
 * the name itself. Below every name hit come text hits (two characters or
 * more): the query as a phrase starting a word of the text, then all its
 * words starting words of one text in any order; a record is found by its
 * text only if none of its names matches. Ties go to countries, places,
 * articles, events, then A–Z.
 * Building allocates; queries do not.
 * Depends on the C library, bundle.h and utf8.h. */
#ifndef STEPPE_SEARCH_H
#define STEPPE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "bundle.h"

typedef struct SearchIndex SearchIndex;

/* Scores: every name hit scores at least SEARCH_SCORE_NAME_MIN (a fuzzy
 * match with two edits on an alias), every text hit at most SEARCH_SCORE_TEXT_MAX. */
#define SEARCH_SCORE_NAME_MIN 140
#define SEARCH_SCORE_TEXT_MAX 100

/* Where a result was found: one of its names, or a text of its panel. */
typedef enum SearchField {
    SEARCH_FIELD_NAME,
    SEARCH_FIELD_SUMMARY,
    SEARCH_FIELD_PROFILE,
    SEARCH_FIELD_FIGURE,     /* a key figure's label or value */
    SEARCH_FIELD_RELATION,   /* a relation's label or group */
    SEARCH_FIELD_KEY_POINTS,
    SEARCH_FIELD_TOPICS,
    SEARCH_FIELD_PEOPLE,     /* an article's author */
    SEARCH_FIELD_NOTE,       /* an article's outlet, an event's place note */
} SearchField;

typedef struct SearchResult {
    SelectionKind kind;
    uint32_t id;          /* bundle id of that kind */
    int score;            /* higher is better */
    const char *label;    /* the display name (points into the bundle) */
    /* What matched, matched_len bytes, not NUL-terminated: the name (may be
     * an alias), or for a text hit the words of text that matched. */
    const char *matched;
    size_t matched_len;
    SearchField field;
    const char *text;     /* a text hit: the whole text (matched lies inside it); NULL for a name */
    size_t text_len;
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

/* Adds a text (its panel's prose, a figure...) to the record added last;
 * it is matched only as running text, never for typos. The string must
 * outlive the index. Returns 0 on out of memory. */
int search_index_add_text(SearchIndex *index, SearchField field, const char *text);

/* The best matches for a query (UTF-8, any case), best first. Writes at most
 * max_results and returns how many it wrote (0 for an empty query). */
size_t search_run(const SearchIndex *index, const char *query, SearchResult *out, size_t max_results);
/* The same, and *total (if not NULL): how many records match in all, which
 * may be more than were written. */
size_t search_run_counted(const SearchIndex *index, const char *query, SearchResult *out, size_t max_results,
                          size_t *total);

/* A field's name for a result row ("profile", "key figure"...). */
const char *search_field_name(SearchField field);

/* Folds text for matching (lower case, no diacritics, words separated by one
 * space). Writes at most out_size - 1 bytes and a NUL; returns the length. */
size_t search_fold(const char *text, size_t len, char *out, size_t out_size);

#endif
