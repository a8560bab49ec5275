/* quiz: generation, grading and texts. See quiz.h.
 *
 * Generation lists every answerable candidate of each kind in bundle order,
 * shuffles each list with the seed's PRNG, and deals from them in turn (in a
 * shuffled order of kinds) so a short quiz still mixes kinds; the dealt
 * questions are shuffled once more, then their choices drawn. Every draw is
 * an integer from splitmix64, in a fixed order: no rand(), no floating point
 * in what is chosen (float figures are only compared, exactly). */
#include "quiz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "timeline.h"

/* --- the PRNG ------------------------------------------------------------------ */

typedef struct QuizRng { uint64_t state; } QuizRng;

/* splitmix64 (Steele, Lea, Flood 2014): a full-period 64-bit generator, exact
 * on every platform. */
static uint64_t rng_next(QuizRng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0: rejection removes the modulo bias, so the draw
 * is the same function of the seed everywhere. */
static uint32_t rng_below(QuizRng *r, uint32_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do x = rng_next(r);
    while (x >= limit);
    return (uint32_t)(x % n);
}

static void shuffle_u32(QuizRng *r, uint32_t *a, uint32_t n)
{
    for (uint32_t i = n; i > 1; i--) {
        uint32_t j = rng_below(r, i), t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

/* --- small helpers ----------------------------------------------------------------- */

const char *quiz_kind_name(QuizKind kind)
{
    static const char *const names[] = {
#define QUIZ_KIND_NAME(kind, name) name,
        QUIZ_KINDS(QUIZ_KIND_NAME)
#undef QUIZ_KIND_NAME
    };
    return (unsigned)kind < QUIZ_KIND_COUNT ? names[kind] : "";
}

bool quiz_count_valid(int count) { return count == 5 || count == 10 || count == 20; }

static char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* Whether text contains needle[0..n), ASCII letters folded (names are matched
 * as written; a non-ASCII letter must match exactly). */
static bool contains_folded(const char *text, const char *needle, size_t n)
{
    if (n == 0) return false;
    for (const char *t = text; *t; t++) {
        size_t i = 0;
        while (i < n && t[i] && ascii_lower(t[i]) == ascii_lower(needle[i])) i++;
        if (i == n) return true;
    }
    return false;
}

/* A run of exactly four digits from 1000 to 2999: a year written in a title
 * ("Strategy for Central Asia 2019–2025") gives a when question away. */
static bool has_year_number(const char *s)
{
    for (size_t i = 0; s[i];) {
        if (s[i] < '0' || s[i] > '9') { i++; continue; }
        size_t start = i;
        while (s[i] >= '0' && s[i] <= '9') i++;
        if (i - start == 4 && (s[start] == '1' || s[start] == '2')) return true;
    }
    return false;
}

static bool event_passes(const Bundle *b, const EventFilter *f, uint32_t id)
{
    TimelineState t = { .filter = *f };
    return timeline_event_visible(&t, b, id);
}

static bool same_date(const BundleEvent *x, const BundleEvent *y)
{
    return x->year == y->year && x->month == y->month && x->day == y->day && x->precision == y->precision;
}

/* An event that is the only one with its title (else "which one?"). */
static bool title_unique(const Bundle *b, uint32_t id, const char *title)
{
    if (!title[0]) return false;
    for (uint32_t o = 1; o <= b->event_count; o++)
        if (o != id && strcmp(bundle_event(b, o).title, title) == 0) return false;
    return true;
}

/* --- candidates ------------------------------------------------------------------- */

/* COUNTRY: drawn on the map (so it can be clicked), named uniquely, and
 * involved in an event the filter passes (which ties the question to the
 * quiz's years and categories and gives it a source). Returns that event, 0 if none. */
static uint32_t country_candidate(const Bundle *b, const EventFilter *f, uint32_t c)
{
    BundleCountry country = bundle_country(b, c);
    /* a country with rings has a fill: the compiler writes no ring of zero area */
    if (!(country.flags & COUNTRY_FLAG_HAS_GEOMETRY) || country.ring_count == 0) return 0;
    if (!country.name[0]) return 0;
    for (uint32_t o = 1; o <= b->country_count; o++)
        if (o != c && strcmp(bundle_country(b, o).name, country.name) == 0) return 0;
    for (uint32_t e = 1; e <= b->event_count; e++) {
        BundleEvent ev = bundle_event(b, e);
        if (ev.source_count == 0 || !event_passes(b, f, e)) continue;
        for (uint32_t i = 0; i < ev.country_count; i++)
            if (bundle_list_id(b, ev.country_first + i) == c) return e;
    }
    return 0;
}

/* A place a click can answer: a point (not a region or a sea), with
 * coordinates, and a name no other place has. */
static bool place_is_specific(const Bundle *b, uint32_t id)
{
    if (id == 0 || id > b->place_count) return false;
    BundlePlace p = bundle_place(b, id);
    if (strcmp(p.kind, "region") == 0 || strcmp(p.kind, "sea") == 0) return false;
    if (!isfinite(p.lon_deg) || !isfinite(p.lat_deg) || !isfinite(p.x) || !isfinite(p.y)) return false;
    if (fabsf(p.lon_deg) > 180 || fabsf(p.lat_deg) > 90 || (p.lon_deg == 0 && p.lat_deg == 0)) return false;
    if (!p.name[0]) return false;
    for (uint32_t o = 1; o <= b->place_count; o++)
        if (o != id && strcmp(bundle_place(b, o).name, p.name) == 0) return false;
    return true;
}

/* Whether a title names the place (its name or any other name): "Nazarbayev
 * visits Washington" answers its own where question. */
static bool title_names_place(const char *title, const BundlePlace *p)
{
    if (contains_folded(title, p->name, strlen(p->name))) return true;
    for (const char *s = p->alt_names; *s;) {
        const char *bar = strchr(s, '|');
        size_t n = bar ? (size_t)(bar - s) : strlen(s);
        if (contains_folded(title, s, n)) return true;
        s += n + (bar ? 1 : 0);
    }
    return false;
}

static bool where_candidate(const Bundle *b, const EventFilter *f, uint32_t id)
{
    BundleEvent ev = bundle_event(b, id);
    if (ev.source_count == 0 || !event_passes(b, f, id) || !title_unique(b, id, ev.title)) return false;
    if (!place_is_specific(b, ev.place)) return false;
    /* A pin with a place note is the atlas's convention (the capital, the
     * region), not where the sources say it happened: never asked. */
    if (ev.place_note[0]) return false;
    BundlePlace p = bundle_place(b, ev.place);
    if (title_names_place(ev.title, &p)) return false;
    /* Several events at one place on one date: the place no longer singles
     * out the event (and their markers stack). */
    for (uint32_t o = 1; o <= b->event_count; o++) {
        if (o == id) continue;
        BundleEvent other = bundle_event(b, o);
        if (other.place == ev.place && same_date(&other, &ev)) return false;
    }
    return true;
}

static bool when_candidate(const Bundle *b, const EventFilter *f, uint32_t id)
{
    BundleEvent ev = bundle_event(b, id);
    if (ev.source_count == 0 || !event_passes(b, f, id) || !title_unique(b, id, ev.title)) return false;
    if (ev.year < 6 || ev.precision < DATE_PRECISION_YEAR) return false; /* room for earlier choices */
    return !has_year_number(ev.title);
}

/* A trade relation with a figure for a year, between two countries. */
static bool trade_figure(const BundleRelation *r)
{
    return strcmp(r->kind, "trade") == 0 && isfinite(r->value) && r->year > 0 && r->country_a && r->country_b
           && r->country_a != r->country_b && r->unit[0];
}

static uint32_t trade_partner(const BundleRelation *r, uint32_t subject)
{
    return r->country_a == subject ? r->country_b : r->country_b == subject ? r->country_a : 0;
}

/* WHICH for (subject, year): the subject's trade figures that year, with at
 * least four partners (the choices), each partner once, one unit, every
 * partner named, every figure sourced, and a top figure above all others (no
 * tie). Writes those relations to out[0..cap), largest value first; returns
 * how many, 0 if the pair cannot be asked. */
static uint32_t which_candidate(const Bundle *b, uint32_t subject, int year, uint32_t *out, uint32_t cap)
{
    uint32_t n = 0;
    const char *unit = NULL;
    for (uint32_t id = 1; id <= b->relation_count; id++) {
        BundleRelation r = bundle_relation(b, id);
        if (!trade_figure(&r) || r.year != year) continue;
        uint32_t partner = trade_partner(&r, subject);
        if (!partner) continue;
        if (r.source_count == 0 || !bundle_country(b, partner).name[0]) return 0;
        if (unit && strcmp(unit, r.unit) != 0) return 0;
        unit = r.unit;
        for (uint32_t i = 0; i < n; i++) {
            BundleRelation seen = bundle_relation(b, out[i]);
            if (trade_partner(&seen, subject) == partner) return 0; /* two figures for one partner: which is right? */
        }
        if (n == cap) return 0;
        out[n++] = id;
    }
    if (n < QUIZ_MAX_CHOICES) return 0;
    /* insertion sort by value, largest first; equal values keep bundle order */
    for (uint32_t i = 1; i < n; i++) {
        uint32_t v = out[i], j = i;
        float value = bundle_relation(b, v).value;
        while (j > 0 && bundle_relation(b, out[j - 1]).value < value) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = v;
    }
    if (!(bundle_relation(b, out[0]).value > bundle_relation(b, out[1]).value)) return 0; /* a tie at the top */
    return n;
}

/* The (subject, year) pairs, each once, in bundle order: a relation's side a
 * then side b, first seen first. pair[k] = subject, year. */
typedef struct WhichPair { uint32_t subject; int year; } WhichPair;

static uint32_t which_pairs(const Bundle *b, const EventFilter *f, WhichPair *pairs, uint32_t *scratch,
                            uint32_t scratch_cap)
{
    uint32_t n = 0;
    if (!(f->category_mask & (1u << CATEGORY_TRADE))) return 0; /* trade figures are the trade category */
    for (uint32_t id = 1; id <= b->relation_count; id++) {
        BundleRelation r = bundle_relation(b, id);
        if (!trade_figure(&r) || r.year < f->year_from || r.year > f->year_to) continue;
        uint32_t sides[2] = { r.country_a, r.country_b };
        for (int s = 0; s < 2; s++) {
            bool seen = false;
            for (uint32_t k = 0; k < n && !seen; k++) seen = pairs[k].subject == sides[s] && pairs[k].year == r.year;
            if (seen || !which_candidate(b, sides[s], r.year, scratch, scratch_cap)) continue;
            pairs[n++] = (WhichPair){ sides[s], r.year };
        }
    }
    return n;
}

/* --- generation ---------------------------------------------------------------------- */

static void set_source(QuizQuestion *qq, const Bundle *b, uint32_t source_first)
{
    qq->source_index = source_first;
    qq->source_article = bundle_source(b, source_first).article;
}

/* The first event the filter passes that involves country c, has a source
 * and is not yet asked about in this quiz; 0 if none. */
static uint32_t country_event(const Bundle *b, const EventFilter *f, uint32_t c, const bool *event_used)
{
    for (uint32_t e = 1; e <= b->event_count; e++) {
        BundleEvent ev = bundle_event(b, e);
        if (event_used[e] || ev.source_count == 0 || !event_passes(b, f, e)) continue;
        for (uint32_t i = 0; i < ev.country_count; i++)
            if (bundle_list_id(b, ev.country_first + i) == c) return e;
    }
    return 0;
}

/* Makes a question of a candidate; false if it would repeat an event already
 * asked about (a where question's date answers a when question on the same
 * event; a country's feedback names its event). */
static bool build_question(QuizQuestion *qq, const Bundle *b, const EventFilter *f, QuizKind kind,
                           uint32_t candidate, const WhichPair *pairs, bool *event_used)
{
    *qq = (QuizQuestion){ .kind = kind };
    if (kind == QUIZ_COUNTRY) {
        uint32_t e = country_event(b, f, candidate, event_used);
        if (!e) return false;
        qq->country = candidate;
        qq->event = e;
        qq->answer = (QuizAnswer){ QUIZ_ANSWER_COUNTRY, candidate };
    } else if (kind == QUIZ_WHERE || kind == QUIZ_WHEN) {
        if (event_used[candidate]) return false;
        BundleEvent ev = bundle_event(b, candidate);
        qq->event = candidate;
        qq->year = ev.year;
        if (kind == QUIZ_WHERE) qq->answer = (QuizAnswer){ QUIZ_ANSWER_PLACE, ev.place };
    } else {
        qq->country = pairs[candidate].subject;
        qq->year = pairs[candidate].year;
    }
    if (qq->event) {
        event_used[qq->event] = true;
        set_source(qq, b, bundle_event(b, qq->event).source_first);
    }
    return true;
}

/* WHEN: the year and three others within five years of it, ascending. */
static void draw_years(QuizQuestion *qq, QuizRng *rng)
{
    uint32_t others[10], n = 0;
    for (int d = -5; d <= 5; d++)
        if (d != 0) others[n++] = (uint32_t)(qq->year + d);
    for (uint32_t i = 0; i < QUIZ_MAX_CHOICES - 1; i++) {
        uint32_t j = i + rng_below(rng, n - i), t = others[i];
        others[i] = others[j];
        others[j] = t;
    }
    uint32_t years[QUIZ_MAX_CHOICES] = { (uint32_t)qq->year, others[0], others[1], others[2] };
    for (int i = 1; i < QUIZ_MAX_CHOICES; i++)
        for (int j = i; j > 0 && years[j - 1] > years[j]; j--) {
            uint32_t t = years[j];
            years[j] = years[j - 1];
            years[j - 1] = t;
        }
    qq->choice_count = QUIZ_MAX_CHOICES;
    for (int i = 0; i < QUIZ_MAX_CHOICES; i++) {
        qq->choices[i] = years[i];
        if (years[i] == (uint32_t)qq->year) qq->answer = (QuizAnswer){ QUIZ_ANSWER_CHOICE, (uint32_t)i };
    }
}

/* WHICH: the top partner and three of the others, in a drawn order. */
static void draw_partners(QuizQuestion *qq, const Bundle *b, QuizRng *rng, uint32_t *ranked, uint32_t cap)
{
    uint32_t n = which_candidate(b, qq->country, qq->year, ranked, cap);
    for (uint32_t i = 1; i < QUIZ_MAX_CHOICES; i++) { /* partial shuffle of ranked[1..n) */
        uint32_t j = i + rng_below(rng, n - i), t = ranked[i];
        ranked[i] = ranked[j];
        ranked[j] = t;
    }
    uint32_t picked[QUIZ_MAX_CHOICES] = { ranked[0], ranked[1], ranked[2], ranked[3] };
    shuffle_u32(rng, picked, QUIZ_MAX_CHOICES);
    qq->choice_count = QUIZ_MAX_CHOICES;
    qq->relation = ranked[0];
    for (int i = 0; i < QUIZ_MAX_CHOICES; i++) {
        BundleRelation r = bundle_relation(b, picked[i]);
        qq->choice_relations[i] = picked[i];
        qq->choices[i] = trade_partner(&r, qq->country);
        if (picked[i] == ranked[0]) qq->answer = (QuizAnswer){ QUIZ_ANSWER_CHOICE, (uint32_t)i };
    }
    set_source(qq, b, bundle_relation(b, ranked[0]).source_first);
}

bool quiz_generate(Quiz *q, const Bundle *b, const QuizSettings *settings)
{
    memset(q, 0, sizeof *q);
    q->settings = *settings;
    if (settings->count < 1 || settings->count > QUIZ_MAX_QUESTIONS) return false;
    const EventFilter *f = &settings->filter;
    uint32_t pair_cap = 2 * b->relation_count + 1, scratch_cap = b->relation_count + 1;
    uint32_t *pool[QUIZ_KIND_COUNT] = {
        malloc(sizeof(uint32_t) * (b->country_count + 1)), malloc(sizeof(uint32_t) * (b->event_count + 1)),
        malloc(sizeof(uint32_t) * (b->event_count + 1)), malloc(sizeof(uint32_t) * pair_cap),
    };
    WhichPair *pairs = malloc(sizeof *pairs * pair_cap);
    uint32_t *scratch = malloc(sizeof *scratch * scratch_cap);
    bool *event_used = calloc(b->event_count + 1, sizeof *event_used);
    bool ok = pairs && scratch && event_used;
    for (int k = 0; k < QUIZ_KIND_COUNT; k++) ok = ok && pool[k];
    uint32_t n[QUIZ_KIND_COUNT] = { 0 };
    if (ok) {
        for (uint32_t c = 1; c <= b->country_count; c++)
            if (country_candidate(b, f, c)) pool[QUIZ_COUNTRY][n[QUIZ_COUNTRY]++] = c;
        for (uint32_t e = 1; e <= b->event_count; e++) {
            if (where_candidate(b, f, e)) pool[QUIZ_WHERE][n[QUIZ_WHERE]++] = e;
            if (when_candidate(b, f, e)) pool[QUIZ_WHEN][n[QUIZ_WHEN]++] = e;
        }
        n[QUIZ_WHICH] = which_pairs(b, f, pairs, scratch, scratch_cap);
        for (uint32_t i = 0; i < n[QUIZ_WHICH]; i++) pool[QUIZ_WHICH][i] = i;
        for (int k = 0; k < QUIZ_KIND_COUNT; k++) q->available[k] = (int)n[k];

        QuizRng rng = { settings->seed };
        for (int k = 0; k < QUIZ_KIND_COUNT; k++) shuffle_u32(&rng, pool[k], n[k]);
        uint32_t order[QUIZ_KIND_COUNT] = { QUIZ_COUNTRY, QUIZ_WHERE, QUIZ_WHEN, QUIZ_WHICH };
        shuffle_u32(&rng, order, QUIZ_KIND_COUNT);
        /* Deal one of each kind in turn until the count is reached or every list is spent. */
        uint32_t taken[QUIZ_KIND_COUNT] = { 0 };
        bool dealt = true;
        while (q->count < settings->count && dealt) {
            dealt = false;
            for (int i = 0; i < QUIZ_KIND_COUNT && q->count < settings->count; i++) {
                QuizKind k = (QuizKind)order[i];
                while (taken[k] < n[k]) {
                    uint32_t candidate = pool[k][taken[k]++];
                    if (build_question(&q->questions[q->count], b, f, k, candidate, pairs, event_used)) {
                        q->count++;
                        dealt = true;
                        break;
                    }
                }
            }
        }
        for (int i = q->count; i > 1; i--) { /* so the kinds do not come in a fixed rotation */
            int j = (int)rng_below(&rng, (uint32_t)i);
            QuizQuestion t = q->questions[i - 1];
            q->questions[i - 1] = q->questions[j];
            q->questions[j] = t;
        }
        for (int i = 0; i < q->count; i++) {
            QuizQuestion *qq = &q->questions[i];
            if (qq->kind == QUIZ_WHEN) draw_years(qq, &rng);
            else if (qq->kind == QUIZ_WHICH) draw_partners(qq, b, &rng, scratch, scratch_cap);
        }
    }
    for (int k = 0; k < QUIZ_KIND_COUNT; k++) free(pool[k]);
    free(pairs);
    free(scratch);
    free(event_used);
    if (!ok) {
        memset(q, 0, sizeof *q);
        q->settings = *settings;
        return false;
    }
    return q->count == settings->count;
}

/* --- grading ------------------------------------------------------------------------- */

bool quiz_grade(const Quiz *q, int index, QuizAnswer answer)
{
    if (index < 0 || index >= q->count || answer.kind == QUIZ_ANSWER_NONE || answer.kind == QUIZ_ANSWER_SKIP)
        return false;
    QuizAnswer right = q->questions[index].answer;
    return answer.kind == right.kind && answer.value == right.value;
}

QuizAnswer quiz_answer_from_selection(const Bundle *b, Selection selection)
{
    QuizAnswer none = { QUIZ_ANSWER_NONE, 0 };
    if (selection.id == 0) return none;
    switch (selection.kind) {
    case SELECTION_COUNTRY:
        return selection.id <= b->country_count ? (QuizAnswer){ QUIZ_ANSWER_COUNTRY, selection.id } : none;
    case SELECTION_PLACE:
        return selection.id <= b->place_count ? (QuizAnswer){ QUIZ_ANSWER_PLACE, selection.id } : none;
    case SELECTION_EVENT:
        if (selection.id > b->event_count) return none;
        return (QuizAnswer){ QUIZ_ANSWER_PLACE, bundle_event(b, selection.id).place };
    default:
        return none;
    }
}

void quiz_progress_init(QuizProgress *p) { memset(p, 0, sizeof *p); }

bool quiz_finished(const Quiz *q, const QuizProgress *p) { return p->index >= q->count; }

QuizResult quiz_answer(const Quiz *q, QuizProgress *p, QuizAnswer answer)
{
    if (quiz_finished(q, p) || p->index < 0 || p->given[p->index].kind != QUIZ_ANSWER_NONE) return QUIZ_REFUSED;
    const QuizQuestion *qq = &q->questions[p->index];
    if (answer.kind == QUIZ_ANSWER_NONE) return QUIZ_REFUSED;
    if (answer.kind != QUIZ_ANSWER_SKIP) {
        if (answer.kind != qq->answer.kind) return QUIZ_REFUSED;
        if (answer.kind == QUIZ_ANSWER_CHOICE && answer.value >= (uint32_t)qq->choice_count) return QUIZ_REFUSED;
    }
    bool right = quiz_grade(q, p->index, answer);
    p->given[p->index] = answer;
    p->correct[p->index] = right;
    p->answered++;
    p->score += right;
    return right ? QUIZ_RIGHT : QUIZ_WRONG;
}

bool quiz_next(const Quiz *q, QuizProgress *p)
{
    if (quiz_finished(q, p) || p->index < 0 || p->given[p->index].kind == QUIZ_ANSWER_NONE) return false;
    p->index++;
    return true;
}

/* --- texts ----------------------------------------------------------------------------- */

static const QuizQuestion *question_at(const Quiz *q, int index)
{
    return index >= 0 && index < q->count ? &q->questions[index] : NULL;
}

/* "2019", "March 2019" or "19 March 2019", as precise as the record. */
static void write_date(TextOut *o, const BundleEvent *e)
{
    static const char *const months[12] = { "January", "February", "March", "April", "May", "June", "July",
                                            "August", "September", "October", "November", "December" };
    bool has_month = e->precision >= DATE_PRECISION_MONTH && e->month >= 1 && e->month <= 12;
    if (has_month && e->precision >= DATE_PRECISION_DAY && e->day >= 1) text_out_printf(o, "%u ", e->day);
    if (has_month) text_out_printf(o, "%s ", months[e->month - 1]);
    text_out_printf(o, "%u", e->year);
}

/* "Kazakhstan's", "United States'". */
static void write_possessive(TextOut *o, const char *name)
{
    size_t n = strlen(name);
    text_out_raw(o, name);
    text_out_raw(o, n && name[n - 1] == 's' ? "'" : "'s");
}

static void write_question(TextOut *o, const QuizQuestion *qq, const Bundle *b)
{
    BundleEvent ev = bundle_event(b, qq->event);
    switch (qq->kind) {
    case QUIZ_COUNTRY:
        text_out_printf(o, "Click on %s.", bundle_country(b, qq->country).name);
        break;
    case QUIZ_WHERE:
        text_out_printf(o, "Where did this happen: \"%s\" (", ev.title);
        write_date(o, &ev);
        text_out_raw(o, ")? Click its place on the map.");
        break;
    case QUIZ_WHEN:
        text_out_printf(o, "In which year: \"%s\"?", ev.title);
        break;
    case QUIZ_WHICH:
        text_out_raw(o, "Which of these was ");
        write_possessive(o, bundle_country(b, qq->country).name);
        text_out_printf(o, " largest trading partner in %d?", qq->year);
        break;
    default:
        break;
    }
}

static void write_choice(TextOut *o, const QuizQuestion *qq, int choice, const Bundle *b)
{
    if (choice < 0 || choice >= qq->choice_count) return;
    if (qq->kind == QUIZ_WHEN) text_out_printf(o, "%u", qq->choices[choice]);
    else text_out_raw(o, bundle_country(b, qq->choices[choice]).name);
}

static void write_answer(TextOut *o, const QuizQuestion *qq, QuizAnswer a, const Bundle *b)
{
    switch (a.kind) {
    case QUIZ_ANSWER_NONE: text_out_raw(o, "no answer"); break;
    case QUIZ_ANSWER_SKIP: text_out_raw(o, "skipped"); break;
    case QUIZ_ANSWER_COUNTRY: text_out_raw(o, bundle_country(b, a.value).name); break;
    case QUIZ_ANSWER_PLACE: text_out_raw(o, bundle_place(b, a.value).name); break;
    case QUIZ_ANSWER_CHOICE:
        if (a.value < (uint32_t)qq->choice_count) {
            text_out_printf(o, "%c) ", 'a' + (int)a.value);
            write_choice(o, qq, (int)a.value, b);
        } else {
            text_out_raw(o, "?");
        }
        break;
    }
}

/* A sentence's end: the summary follows the record's own words. */
static void write_summary_after(TextOut *o, const char *summary)
{
    if (summary[0]) text_out_printf(o, " %s", summary);
}

static void write_feedback(TextOut *o, const QuizQuestion *qq, const Bundle *b)
{
    BundleEvent ev = bundle_event(b, qq->event);
    BundlePlace place = bundle_place(b, ev.place);
    switch (qq->kind) {
    case QUIZ_COUNTRY: {
        BundleCountry c = bundle_country(b, qq->country);
        text_out_printf(o, "This is %s", c.name);
        if (c.capital) text_out_printf(o, " (capital: %s)", bundle_place(b, c.capital).name);
        text_out_printf(o, ". In the atlas: \"%s\" (", ev.title);
        write_date(o, &ev);
        text_out_raw(o, ").");
        break;
    }
    case QUIZ_WHERE:
    case QUIZ_WHEN:
        text_out_printf(o, "\"%s\": ", ev.title);
        write_date(o, &ev);
        if (place.name[0]) {
            text_out_printf(o, ", in %s", place.name);
            if (place.country) {
                const char *country = bundle_country(b, place.country).name;
                if (country[0] && strcmp(country, place.name) != 0) text_out_printf(o, ", %s", country);
            }
        }
        text_out_raw(o, ".");
        write_summary_after(o, ev.summary);
        break;
    case QUIZ_WHICH: {
        BundleRelation top = bundle_relation(b, qq->relation);
        text_out_printf(o, "%s: ", bundle_country(b, trade_partner(&top, qq->country)).name);
        write_possessive(o, bundle_country(b, qq->country).name);
        text_out_printf(o, " trade in %d was ", qq->year);
        /* the four choices' figures, largest first, so the class sees the ranking */
        bool listed[QUIZ_MAX_CHOICES] = { false };
        for (int k = 0; k < qq->choice_count; k++) {
            int best = -1;
            for (int i = 0; i < qq->choice_count; i++)
                if (!listed[i] && (best < 0 || bundle_relation(b, qq->choice_relations[i]).value
                                                   > bundle_relation(b, qq->choice_relations[best]).value))
                    best = i;
            listed[best] = true;
            BundleRelation r = bundle_relation(b, qq->choice_relations[best]);
            text_out_printf(o, "%s%s %g %s", k ? ", " : "", bundle_country(b, qq->choices[best]).name,
                            (double)r.value, r.unit);
        }
        text_out_raw(o, ".");
        break;
    }
    default:
        break;
    }
}

/* The answer as the end of a sentence: "Astana." but "Washington, D.C." */
static void write_answer_sentence(TextOut *o, const QuizQuestion *qq, QuizAnswer a, const Bundle *b)
{
    char text[256];
    TextOut t;
    text_out_fixed(&t, text, sizeof text);
    write_answer(&t, qq, a, b);
    size_t n = text_out_stored(&t);
    text_out_raw(o, text);
    if (n == 0 || text[n - 1] != '.') text_out_raw(o, ".");
}

static void write_source(TextOut *o, const QuizQuestion *qq, const Bundle *b)
{
    if (!qq->source_article) return;
    BundleSource s = bundle_source(b, qq->source_index);
    text_out_raw(o, bundle_article(b, s.article).title);
    if (s.locator[0]) text_out_printf(o, ", %s", s.locator);
}

size_t quiz_question_text(const Quiz *q, int index, const Bundle *b, char *out, size_t size)
{
    TextOut o;
    text_out_fixed(&o, out, size);
    const QuizQuestion *qq = question_at(q, index);
    if (qq) write_question(&o, qq, b);
    return o.len;
}

size_t quiz_choice_text(const Quiz *q, int index, int choice, const Bundle *b, char *out, size_t size)
{
    TextOut o;
    text_out_fixed(&o, out, size);
    const QuizQuestion *qq = question_at(q, index);
    if (qq) write_choice(&o, qq, choice, b);
    return o.len;
}

size_t quiz_answer_text(const Quiz *q, int index, QuizAnswer answer, const Bundle *b, char *out, size_t size)
{
    TextOut o;
    text_out_fixed(&o, out, size);
    const QuizQuestion *qq = question_at(q, index);
    if (qq) write_answer(&o, qq, answer, b);
    return o.len;
}

size_t quiz_feedback_text(const Quiz *q, int index, const Bundle *b, char *out, size_t size)
{
    TextOut o;
    text_out_fixed(&o, out, size);
    const QuizQuestion *qq = question_at(q, index);
    if (qq) write_feedback(&o, qq, b);
    return o.len;
}

size_t quiz_source_text(const Quiz *q, int index, const Bundle *b, char *out, size_t size)
{
    TextOut o;
    text_out_fixed(&o, out, size);
    const QuizQuestion *qq = question_at(q, index);
    if (qq) write_source(&o, qq, b);
    return o.len;
}

void quiz_summary_write(const Quiz *q, const QuizProgress *p, const Bundle *b, TextOut *o)
{
    text_out_printf(o, "Score: %d / %d (%d answered)\n", p->score, q->count, p->answered);
    for (int i = 0; i < q->count; i++) {
        const QuizQuestion *qq = &q->questions[i];
        text_out_printf(o, "%d. ", i + 1);
        write_question(o, qq, b);
        text_out_raw(o, "\n   Your answer: ");
        write_answer(o, qq, p->given[i], b);
        if (p->given[i].kind != QUIZ_ANSWER_NONE) text_out_raw(o, p->correct[i] ? " (right)" : " (wrong)");
        text_out_raw(o, ". Right answer: ");
        write_answer_sentence(o, qq, qq->answer, b);
        text_out_raw(o, "\n");
    }
}

size_t quiz_summary_text(const Quiz *q, const QuizProgress *p, const Bundle *b, char *out, size_t size)
{
    TextOut o;
    text_out_fixed(&o, out, size);
    quiz_summary_write(q, p, b, &o);
    return o.len;
}

void quiz_print(const Quiz *q, const Bundle *b, TextOut *o)
{
    const QuizSettings *s = &q->settings;
    text_out_printf(o, "Quiz: seed %u, %d of %d questions, years %d-%d, categories", s->seed, q->count,
                    s->count, s->filter.year_from, s->filter.year_to);
    for (unsigned c = 0; c < CATEGORY_COUNT; c++)
        if (s->filter.category_mask & (1u << c)) text_out_printf(o, " %s", bundle_category_name(c));
    text_out_raw(o, "\n\n");
    for (int i = 0; i < q->count; i++) {
        const QuizQuestion *qq = &q->questions[i];
        text_out_printf(o, "%d. ", i + 1);
        write_question(o, qq, b);
        text_out_raw(o, "\n");
        for (int c = 0; c < qq->choice_count; c++) {
            text_out_printf(o, "   %c) ", 'a' + c);
            write_choice(o, qq, c, b);
            text_out_raw(o, "\n");
        }
    }
    text_out_raw(o, "\nAnswer key\n");
    for (int i = 0; i < q->count; i++) {
        const QuizQuestion *qq = &q->questions[i];
        text_out_printf(o, "%d. ", i + 1);
        write_answer_sentence(o, qq, qq->answer, b);
        text_out_raw(o, " ");
        write_feedback(o, qq, b);
        text_out_raw(o, "\n   Source: ");
        write_source(o, qq, b);
        text_out_raw(o, "\n");
    }
}
