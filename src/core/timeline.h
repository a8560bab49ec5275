/* timeline: which events pass the year range, the categories and, while the
 * timeline plays, the play cursor. Pure functions of TimelineState.
 * Depends on bundle.h and state.h. */
#ifndef STEPPE_TIMELINE_H
#define STEPPE_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "state.h"

/* An event's date as a fractional year: the middle of its month or year when
 * the day or month is unknown, so play reveals it at a fair moment. */
double timeline_event_fractional_year(const BundleEvent *e);

/* Whether an event passes the filter (and has happened by the play cursor). */
bool timeline_event_visible(const TimelineState *t, const Bundle *b, uint32_t event_id);

/* Events passing the year range, per category (ignoring the category
 * switches, so a switched-off category still shows what it would add), and
 * in total passing everything (visible_total may be NULL). */
void timeline_count_events(const TimelineState *t, const Bundle *b, uint32_t counts[CATEGORY_COUNT],
                           uint32_t *visible_total);

/* A count as a category switch shows it, in at most four characters, so
 * the switch's width holds it at any count: 0..999 whole, then 1.2k, 12k,
 * 123k, 1.2M, 12M ... (rounded down, so 999,999 is 999k, not 1000k). */
void timeline_count_label(uint32_t count, char *out, size_t size);

/* A count in full with thousands separated by commas (100,084), as the
 * timeline's range line gives the events shown. */
void timeline_count_full(uint32_t count, char *out, size_t size);

#endif
