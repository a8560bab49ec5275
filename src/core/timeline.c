/* timeline: the event filter. See timeline.h. */
#include "timeline.h"

#include <stdio.h>

double timeline_event_fractional_year(const BundleEvent *e)
{
    if (e->precision >= DATE_PRECISION_DAY) return e->year + (e->month - 1) / 12.0 + (e->day - 1) / 365.0;
    if (e->precision >= DATE_PRECISION_MONTH) return e->year + (e->month - 0.5) / 12.0;
    return e->year + 0.5;
}

bool timeline_event_visible(const TimelineState *t, const Bundle *b, uint32_t event_id)
{
    if (event_id == 0 || event_id > b->event_count) return false;
    BundleEvent e = bundle_event(b, event_id);
    if (e.year < t->filter.year_from || e.year > t->filter.year_to) return false;
    if (!(t->filter.category_mask & (1u << e.category))) return false;
    if (t->playing && timeline_event_fractional_year(&e) > t->play_year) return false;
    return true;
}

void timeline_count_events(const TimelineState *t, const Bundle *b, uint32_t counts[CATEGORY_COUNT],
                           uint32_t *visible_total)
{
    uint32_t total = 0;
    for (int c = 0; c < CATEGORY_COUNT; c++) counts[c] = 0;
    for (uint32_t e = 1; e <= b->event_count; e++) {
        BundleEvent ev = bundle_event(b, e);
        if (ev.year >= t->filter.year_from && ev.year <= t->filter.year_to && ev.category < CATEGORY_COUNT)
            counts[ev.category]++;
        if (timeline_event_visible(t, b, e)) total++;
    }
    if (visible_total) *visible_total = total;
}

void timeline_count_label(uint32_t count, char *out, size_t size)
{
    if (!out || !size) return;
    if (count < 1000) snprintf(out, size, "%u", (unsigned)count);
    else if (count < 10000) snprintf(out, size, "%u.%uk", (unsigned)(count / 1000), (unsigned)(count / 100 % 10));
    else if (count < 1000000) snprintf(out, size, "%uk", (unsigned)(count / 1000));
    else if (count < 10000000) snprintf(out, size, "%u.%uM", (unsigned)(count / 1000000), (unsigned)(count / 100000 % 10));
    else snprintf(out, size, "%uM", (unsigned)(count / 1000000));
}

void timeline_count_full(uint32_t count, char *out, size_t size)
{
    if (!out || !size) return;
    char digits[16], grouped[24];
    int n = snprintf(digits, sizeof digits, "%u", (unsigned)count), k = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) grouped[k++] = ',';
        grouped[k++] = digits[i];
    }
    grouped[k] = '\0';
    snprintf(out, size, "%s", grouped);
}
