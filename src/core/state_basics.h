/* state_basics: the smallest pieces of the state, which modules below the App
 * (the quiz engine) need without the whole of state.h. state.h includes this.
 * Depends on the C library only. */
#ifndef STEPPE_STATE_BASICS_H
#define STEPPE_STATE_BASICS_H

#include <stdbool.h>
#include <stdint.h>

/* What can be selected: X(ENUM, deep-link field, JSON name). The one list the
 * deep link, the JSON state and the selection switch all read. */
#define SELECTION_KINDS(X)                  \
    X(SELECTION_NONE, "", "none")           \
    X(SELECTION_COUNTRY, "c", "country")    \
    X(SELECTION_PLACE, "p", "place")        \
    X(SELECTION_EVENT, "e", "event")        \
    X(SELECTION_ARTICLE, "a", "article")

typedef enum SelectionKind {
#define SELECTION_ENUM(kind, field, name) kind,
    SELECTION_KINDS(SELECTION_ENUM)
#undef SELECTION_ENUM
    SELECTION_KIND_COUNT
} SelectionKind;

typedef struct Selection {
    SelectionKind kind;
    uint32_t id; /* bundle id of that kind */
} Selection;

/* Which events are shown: a year range and categories (bit i = EventCategory i). */
typedef struct EventFilter {
    int year_from, year_to;    /* inclusive */
    uint32_t category_mask;
} EventFilter;

#endif
