/* test_quiz: quiz generation, grading and texts (core/quiz.h).
 *
 * On a quiz fixture built here (the standard fixture plus records made to be
 * ambiguous: a trade tie, a doubled trade figure, mixed units, three events at
 * one place on one date, two events with one title, a region, a sea, a place
 * at (0, 0), countries without geometry or with a shared name, titles that
 * give their answer away) and on the real bundle (argv[1]). Every answer key
 * is re-derived here from the bundle, without the engine's helpers. */
#include "quiz.h"
#include "test_support.h"

/* The fixture quiz for seed 7, count 5: kind:record:answer (see test_fixture_determinism). */
#define QUIZ_GOLDEN_SEED7 "when:2:2 where:12:6 country:2:2 which:1:2 country:5:5"

static const EventFilter all_years = { 1, 9999, (1u << CATEGORY_COUNT) - 1 };

/* --- the quiz fixture ------------------------------------------------------------- */

/* Fixture ids the checks name (the standard fixture holds countries 1-3,
 * places 1-4, events 1-3). */
enum {
    QF_KAZ = 1, QF_UZB = 2, QF_TKM = 3, QF_RUS = 4, QF_CHN = 5, QF_NOGEO = 6, QF_TWIN1 = 7, QF_TWIN2 = 8,
};
enum { QF_MOSCOW = 5, QF_BEIJING = 6, QF_STEPPE = 7, QF_NULL_ISLAND = 8, QF_OLDTOWN = 9 };
enum {
    QF_TALKS_IN_MOSCOW = 4, QF_PIPELINE = 5, QF_GAS = 6, QF_VISIT_2016 = 7, QF_VISIT_2017 = 8,
    QF_STEPPE_CONGRESS = 9, QF_CASPIAN_SUMMIT = 10, QF_NULL_MEETING = 11, QF_PLAN = 12, QF_OLD_MARKET = 13,
    QF_VIEILLE_VILLE = 14, QF_BORDER_TREATY = 15, QF_EVENT_LAST = 15,
};

/* A country drawn as a unit square at x0 (one ring). */
static void qf_country(Tb *tb, const char *iso3, const char *name, uint32_t id, float x0, bool geometry)
{
    uint32_t ring = tb_count(tb, TB_RING);
    if (geometry) tb_rect_ring(tb, x0, 0, x0 + 1, 1, id, 0);
    tb_country(tb, &(TbCountry){ .iso3 = iso3, .name = name, .flags = geometry ? COUNTRY_FLAG_HAS_GEOMETRY : 0,
                                 .label_x = x0 + 0.5f, .label_y = 0.5f, .label_rank = 3,
                                 .bbox = { x0, 0, x0 + 1, 1 }, .ring_first = ring,
                                 .ring_count = geometry ? 1 : 0 });
}

static void qf_event(Tb *tb, const char *key, const char *title, int year, int month, int day,
                     uint32_t place, int category, uint32_t list_first, uint32_t list_count)
{
    uint8_t precision = day ? DATE_PRECISION_DAY : month ? DATE_PRECISION_MONTH : DATE_PRECISION_YEAR;
    tb_event(tb, &(TbEvent){ .key = key, .title = title, .summary = "What happened.", .year = (uint16_t)year,
                             .month = (uint8_t)month, .day = (uint8_t)day, .precision = precision,
                             .category = (uint8_t)category, .place = place, .country_first = list_first,
                             .country_count = list_count, .source_first = 1, .source_count = 1 });
}

static void qf_trade(Tb *tb, uint32_t a, uint32_t b, float value_busd, int year, const char *unit)
{
    tb_relation(tb, &(TbRelation){ .key = "t", .kind = "trade", .label = "Trade", .group = "", .unit = unit,
                                   .country_a = a, .country_b = b, .value = value_busd,
                                   .year = (uint16_t)year, .source_first = 2, .source_count = 1 });
}

static uint8_t *quiz_fixture_bundle(size_t *size)
{
    Tb tb;
    tb_fixture(&tb);
    qf_country(&tb, "RUS", "Russia", QF_RUS, 3, true);
    qf_country(&tb, "CHN", "China", QF_CHN, 4, true);
    qf_country(&tb, "NOG", "Nogeoland", QF_NOGEO, 5, false);
    qf_country(&tb, "TWA", "Twinland", QF_TWIN1, 6, true);
    qf_country(&tb, "TWB", "Twinland", QF_TWIN2, 7, true);
    tb_place(&tb, &(TbPlace){ .key = "moscow", .name = "Moscow", .kind = "capital", .country = QF_RUS,
                              .lon_deg = 37.6f, .lat_deg = 55.75f, .x = 3.5f, .y = 0.5f });
    tb_place(&tb, &(TbPlace){ .key = "beijing", .name = "Beijing", .kind = "capital", .country = QF_CHN,
                              .lon_deg = 116.4f, .lat_deg = 39.9f, .x = 4.5f, .y = 0.5f });
    tb_place(&tb, &(TbPlace){ .key = "steppe", .name = "The Steppe", .kind = "region",
                              .lon_deg = 70, .lat_deg = 48, .x = 1, .y = 0.5f });
    tb_place(&tb, &(TbPlace){ .key = "null-island", .name = "Null Island", .kind = "site",
                              .lon_deg = 0, .lat_deg = 0, .x = 0, .y = 0 });
    tb_place(&tb, &(TbPlace){ .key = "oldtown", .name = "Oldtown", .alt_names = "Vieille Ville|Altstadt",
                              .kind = "city", .country = QF_KAZ, .lon_deg = 60, .lat_deg = 45, .x = 0.5f,
                              .y = 0.5f });
    /* country lists: [3] RUS, [4] CHN, [5] NOGEO, [6] TWIN1, [7] TWIN2, [8] KAZ, [9] UZB */
    uint32_t l_rus = tb_list(&tb, QF_RUS), l_chn = tb_list(&tb, QF_CHN), l_nogeo = tb_list(&tb, QF_NOGEO);
    uint32_t l_twins = tb_list(&tb, QF_TWIN1);
    tb_list(&tb, QF_TWIN2);
    uint32_t l_kaz = tb_list(&tb, QF_KAZ);
    tb_list(&tb, QF_UZB);
    /* three events at Moscow in 2018 (year precision): no where question for any */
    qf_event(&tb, "e4", "Talks in Moscow", 2018, 0, 0, QF_MOSCOW, CATEGORY_DIPLOMACY, l_rus, 1);
    qf_event(&tb, "e5", "Pipeline deal", 2018, 0, 0, QF_MOSCOW, CATEGORY_TRADE, l_rus, 1);
    qf_event(&tb, "e6", "Gas accord", 2018, 0, 0, QF_MOSCOW, CATEGORY_ECONOMY, l_rus, 1);
    /* one title, two events: neither is asked */
    qf_event(&tb, "e7", "Visit", 2016, 0, 0, QF_BEIJING, CATEGORY_DIPLOMACY, l_chn, 1);
    qf_event(&tb, "e8", "Visit", 2017, 0, 0, 1, CATEGORY_DIPLOMACY, l_kaz, 1);
    qf_event(&tb, "e9", "Steppe congress", 2015, 0, 0, QF_STEPPE, CATEGORY_POLITICS, l_nogeo, 1);
    qf_event(&tb, "e10", "Caspian summit", 2014, 8, 12, 4, CATEGORY_DIPLOMACY, l_twins, 2);
    qf_event(&tb, "e11", "Null meeting", 2013, 0, 0, QF_NULL_ISLAND, CATEGORY_DIPLOMACY, l_kaz, 1);
    qf_event(&tb, "e12", "Plan 2020-2025", 2019, 2, 0, QF_BEIJING, CATEGORY_ECONOMY, l_chn, 1);
    qf_event(&tb, "e13", "Old market opens", 2012, 0, 0, QF_OLDTOWN, CATEGORY_CULTURE, l_kaz, 1);
    qf_event(&tb, "e14", "Talks in Vieille Ville", 2011, 0, 0, QF_OLDTOWN, CATEGORY_SECURITY, l_kaz, 1);
    qf_event(&tb, "e15", "Border treaty", 2010, 3, 4, 2, CATEGORY_SECURITY, l_kaz, 2);
    /* 2018: four partners, Russia on top (one stored the other way round) */
    qf_trade(&tb, QF_KAZ, QF_RUS, 18, 2018, "billion USD");
    qf_trade(&tb, QF_KAZ, QF_CHN, 11, 2018, "billion USD");
    qf_trade(&tb, QF_KAZ, QF_UZB, 2, 2018, "billion USD");
    qf_trade(&tb, QF_TKM, QF_KAZ, 0.9f, 2018, "billion USD");
    /* 2019: Russia and China tied at the top */
    qf_trade(&tb, QF_KAZ, QF_RUS, 10, 2019, "billion USD");
    qf_trade(&tb, QF_KAZ, QF_CHN, 10, 2019, "billion USD");
    qf_trade(&tb, QF_KAZ, QF_UZB, 1, 2019, "billion USD");
    qf_trade(&tb, QF_KAZ, QF_TKM, 0.5f, 2019, "billion USD");
    /* 2017: five partners, China on top (three of four distractors are drawn) */
    qf_trade(&tb, QF_KAZ, QF_RUS, 7, 2017, "billion USD");
    qf_trade(&tb, QF_KAZ, QF_CHN, 9, 2017, "billion USD");
    qf_trade(&tb, QF_KAZ, QF_UZB, 3, 2017, "billion USD");
    qf_trade(&tb, QF_KAZ, QF_TKM, 1, 2017, "billion USD");
    qf_trade(&tb, QF_KAZ, QF_NOGEO, 2, 2017, "billion USD");
    /* 2016: two figures for Russia */
    qf_trade(&tb, QF_KAZ, QF_RUS, 5, 2016, "billion USD");
    qf_trade(&tb, QF_KAZ, QF_RUS, 6, 2016, "billion USD");
    qf_trade(&tb, QF_KAZ, QF_CHN, 3, 2016, "billion USD");
    qf_trade(&tb, QF_KAZ, QF_UZB, 2, 2016, "billion USD");
    qf_trade(&tb, QF_KAZ, QF_TKM, 1, 2016, "billion USD");
    /* 2015: millions beside billions */
    qf_trade(&tb, QF_KAZ, QF_RUS, 5, 2015, "billion USD");
    qf_trade(&tb, QF_KAZ, QF_CHN, 300, 2015, "million USD");
    qf_trade(&tb, QF_KAZ, QF_UZB, 1, 2015, "billion USD");
    qf_trade(&tb, QF_KAZ, QF_TKM, 0.2f, 2015, "billion USD");
    uint8_t *d = tb_finish(&tb, size);
    tb_free(&tb);
    return d;
}

static bool open_bundle(Bundle *b, const uint8_t *data, size_t size)
{
    char message[256];
    BundleError e = bundle_open(b, data, size, message, sizeof message);
    CHECK_EQ_U(e, BUNDLE_OK);
    if (e != BUNDLE_OK) printf("  bundle: %s\n", message);
    return e == BUNDLE_OK;
}

/* --- independent checks ----------------------------------------------------------- */

static bool passes(const Bundle *b, const EventFilter *f, uint32_t event)
{
    BundleEvent e = bundle_event(b, event);
    return e.year >= f->year_from && e.year <= f->year_to && (f->category_mask >> e.category & 1u);
}

static int events_titled(const Bundle *b, const char *title)
{
    int n = 0;
    for (uint32_t e = 1; e <= b->event_count; e++) n += strcmp(bundle_event(b, e).title, title) == 0;
    return n;
}

static bool event_involves(const Bundle *b, uint32_t event, uint32_t country)
{
    BundleEvent e = bundle_event(b, event);
    for (uint32_t i = 0; i < e.country_count; i++)
        if (bundle_list_id(b, e.country_first + i) == country) return true;
    return false;
}

/* The largest trade figure of subject in year over all its partners, and
 * whether more than one partner reaches it. */
static uint32_t top_trade_partner(const Bundle *b, uint32_t subject, int year, float *top_value, bool *tied)
{
    uint32_t best = 0;
    *top_value = -INFINITY;
    *tied = false;
    for (uint32_t id = 1; id <= b->relation_count; id++) {
        BundleRelation r = bundle_relation(b, id);
        if (strcmp(r.kind, "trade") != 0 || r.year != year || isnan(r.value)) continue;
        uint32_t partner = r.country_a == subject ? r.country_b : r.country_b == subject ? r.country_a : 0;
        if (!partner) continue;
        if (r.value > *top_value) { *top_value = r.value; best = partner; *tied = false; }
        else if (r.value == *top_value && partner != best) *tied = true;
    }
    return best;
}

/* Checks one question against the bundle: its answer is right, unambiguous
 * and inside the filter. Returns the number of failed checks it added. */
static int check_question(const Bundle *b, const Quiz *q, int i, const EventFilter *f)
{
    int failed_before = test_failed;
    const QuizQuestion *qq = &q->questions[i];
    char text[1024];
    quiz_question_text(q, i, b, text, sizeof text);
    CHECK(text[0] != 0);
    CHECK(qq->source_article != 0);
    CHECK(qq->source_index < b->source_count);
    CHECK_EQ_U(bundle_source(b, qq->source_index).article, qq->source_article);
    BundleEvent ev = bundle_event(b, qq->event);
    switch (qq->kind) {
    case QUIZ_COUNTRY: {
        BundleCountry c = bundle_country(b, qq->country);
        CHECK_EQ_U(qq->answer.kind, QUIZ_ANSWER_COUNTRY);
        CHECK_EQ_U(qq->answer.value, qq->country);
        CHECK(c.flags & COUNTRY_FLAG_HAS_GEOMETRY);
        CHECK(c.ring_count > 0);
        /* the name in the question picks out exactly one country: the answer */
        int named = 0;
        for (uint32_t o = 1; o <= b->country_count; o++) {
            char want[300];
            snprintf(want, sizeof want, "Click on %s.", bundle_country(b, o).name);
            if (strcmp(text, want) == 0) { named++; CHECK_EQ_U(o, qq->country); }
        }
        CHECK_EQ_U(named, 1);
        CHECK(passes(b, f, qq->event));
        CHECK(event_involves(b, qq->event, qq->country));
        CHECK_EQ_U(qq->source_index, ev.source_first);
        break;
    }
    case QUIZ_WHERE: {
        BundlePlace p = bundle_place(b, ev.place);
        CHECK_EQ_U(qq->answer.kind, QUIZ_ANSWER_PLACE);
        CHECK_EQ_U(qq->answer.value, ev.place);
        CHECK(passes(b, f, qq->event));
        CHECK_EQ_U(events_titled(b, ev.title), 1);
        CHECK(strcmp(p.kind, "region") != 0 && strcmp(p.kind, "sea") != 0);
        CHECK(!(p.lon_deg == 0 && p.lat_deg == 0));
        CHECK(strstr(ev.title, p.name) == NULL);
        for (uint32_t o = 1; o <= b->event_count; o++) {
            BundleEvent other = bundle_event(b, o);
            if (o == qq->event || other.place != ev.place) continue;
            CHECK(!(other.year == ev.year && other.month == ev.month && other.day == ev.day));
        }
        CHECK(strstr(text, ev.title) != NULL);
        CHECK_EQ_U(qq->source_index, ev.source_first);
        break;
    }
    case QUIZ_WHEN: {
        CHECK_EQ_U(qq->answer.kind, QUIZ_ANSWER_CHOICE);
        CHECK_EQ_U(qq->choice_count, 4);
        CHECK(qq->answer.value < 4);
        CHECK_EQ_U(qq->choices[qq->answer.value], ev.year);
        CHECK(passes(b, f, qq->event));
        CHECK_EQ_U(events_titled(b, ev.title), 1);
        for (int c = 0; c < qq->choice_count; c++) {
            CHECK((int)qq->choices[c] >= ev.year - 5 && (int)qq->choices[c] <= ev.year + 5);
            if (c) CHECK(qq->choices[c] > qq->choices[c - 1]); /* distinct, ascending */
        }
        CHECK(strstr(text, ev.title) != NULL);
        CHECK_EQ_U(qq->source_index, ev.source_first);
        break;
    }
    case QUIZ_WHICH: {
        float top_value;
        bool tied;
        uint32_t top = top_trade_partner(b, qq->country, qq->year, &top_value, &tied);
        CHECK(!tied);
        CHECK_EQ_U(qq->answer.kind, QUIZ_ANSWER_CHOICE);
        CHECK_EQ_U(qq->choice_count, 4);
        CHECK(qq->answer.value < 4);
        CHECK_EQ_U(qq->choices[qq->answer.value], top);
        CHECK(qq->year >= f->year_from && qq->year <= f->year_to);
        CHECK(f->category_mask & (1u << CATEGORY_TRADE));
        for (int c = 0; c < qq->choice_count; c++) {
            BundleRelation r = bundle_relation(b, qq->choice_relations[c]);
            CHECK_EQ_U(r.year, qq->year);
            CHECK(r.country_a == qq->country || r.country_b == qq->country);
            CHECK(r.country_a == qq->choices[c] || r.country_b == qq->choices[c]);
            if ((uint32_t)c != qq->answer.value) CHECK(r.value < top_value);
            for (int d = 0; d < c; d++) CHECK(qq->choices[d] != qq->choices[c]);
        }
        CHECK_EQ_U(qq->source_index, bundle_relation(b, qq->relation).source_first);
        break;
    }
    default:
        CHECK(!"a question of no known kind");
    }
    return test_failed - failed_before;
}

/* No question twice (by text) and no event behind two questions. */
static void check_distinct(const Bundle *b, const Quiz *q)
{
    for (int i = 0; i < q->count; i++) {
        char a[1024];
        quiz_question_text(q, i, b, a, sizeof a);
        for (int j = 0; j < i; j++) {
            char c[1024];
            quiz_question_text(q, j, b, c, sizeof c);
            CHECK(strcmp(a, c) != 0);
            if (q->questions[i].event) CHECK(q->questions[i].event != q->questions[j].event);
        }
    }
}

static void check_quiz(const Bundle *b, const Quiz *q, const EventFilter *f)
{
    for (int i = 0; i < q->count; i++)
        if (check_question(b, q, i, f)) printf("  in question %d (%s)\n", i + 1, quiz_kind_name(q->questions[i].kind));
    check_distinct(b, q);
}

static char *printed(const Quiz *q, const Bundle *b)
{
    TextOut o = { 0 }; /* reset_growing reads whether it already owns a buffer */
    text_out_reset_growing(&o);
    quiz_print(q, b, &o);
    CHECK(!o.failed);
    return o.data; /* the growing buffer is the caller's to free */
}

/* --- fixture tests ----------------------------------------------------------------- */

static void test_fixture_candidates(const Bundle *b)
{
    Quiz q;
    QuizSettings s = { .seed = 1, .count = 20, .filter = all_years };
    bool full = quiz_generate(&q, b, &s);
    /* Counted by hand from quiz_fixture_bundle: countries KAZ UZB TKM RUS CHN
     * (not the geometry-less one nor the two Twinlands); where: events 1 2 3
     * 12 13 15; when: every unique title without a year in it (all but 7 8 12);
     * which: KAZ 2018 and 2017 (not the tie, the doubled figure, the mixed units). */
    CHECK_EQ_U(q.available[QUIZ_COUNTRY], 5);
    CHECK_EQ_U(q.available[QUIZ_WHERE], 6);
    CHECK_EQ_U(q.available[QUIZ_WHEN], 12);
    CHECK_EQ_U(q.available[QUIZ_WHICH], 2);
    /* 25 candidates, but one event is behind one question at most: the 15
     * events and the 2 trade questions make at most 17. Every event a where or
     * when question could use (13 of them) is used by something, so at least 15. */
    CHECK(!full);
    CHECK(q.count >= 15 && q.count <= 17);
    check_quiz(b, &q, &s.filter);

    /* Over many seeds, the ambiguous records never make a question. */
    int which_2018 = 0, which_2017 = 0;
    for (uint32_t seed = 0; seed < 200; seed++) {
        s.seed = seed;
        s.count = 10;
        quiz_generate(&q, b, &s);
        for (int i = 0; i < q.count; i++) {
            const QuizQuestion *qq = &q.questions[i];
            if (qq->kind == QUIZ_WHERE) {
                uint32_t e = qq->event;
                CHECK(e != QF_TALKS_IN_MOSCOW && e != QF_PIPELINE && e != QF_GAS && e != QF_STEPPE_CONGRESS
                      && e != QF_CASPIAN_SUMMIT && e != QF_NULL_MEETING && e != QF_VIEILLE_VILLE);
            }
            if (qq->kind == QUIZ_WHERE || qq->kind == QUIZ_WHEN)
                CHECK(qq->event != QF_VISIT_2016 && qq->event != QF_VISIT_2017);
            if (qq->kind == QUIZ_WHEN) CHECK(qq->event != QF_PLAN);
            if (qq->kind == QUIZ_COUNTRY)
                CHECK(qq->country != QF_NOGEO && qq->country != QF_TWIN1 && qq->country != QF_TWIN2);
            if (qq->kind == QUIZ_WHICH) {
                CHECK(qq->country == QF_KAZ && (qq->year == 2018 || qq->year == 2017));
                which_2018 += qq->year == 2018;
                which_2017 += qq->year == 2017;
                /* 2017 has five partners: the drawn three never include a rival to China */
                if (qq->year == 2017) CHECK_EQ_U(qq->choices[qq->answer.value], QF_CHN);
                if (qq->year == 2018) CHECK_EQ_U(qq->choices[qq->answer.value], QF_RUS);
            }
        }
        check_quiz(b, &q, &s.filter);
    }
    CHECK(which_2018 > 0 && which_2017 > 0); /* both answerable pairs do get asked */
}

static void test_fixture_determinism(const Bundle *b)
{
    QuizSettings s = { .seed = 42, .count = 10, .filter = all_years };
    Quiz q1, q2, other;
    quiz_generate(&q1, b, &s);
    /* Another quiz in between: the engine keeps no state of its own. */
    QuizSettings s_other = { .seed = 43, .count = 5, .filter = all_years };
    quiz_generate(&other, b, &s_other);
    quiz_generate(&q2, b, &s);
    char *t1 = printed(&q1, b), *t2 = printed(&q2, b), *t3 = printed(&other, b);
    CHECK_STR(t1, t2);
    CHECK(strcmp(t1, t3) != 0);
    CHECK(memcmp(&q1, &q2, sizeof q1) == 0);
    free(t1);
    free(t2);
    free(t3);

    /* The seed in a shared link must give the same questions on every build
     * and every platform: this pins the draw (splitmix64 and the dealing order)
     * for one seed. If it changes on purpose, every quiz link ever shared
     * changes its questions, so say so in the change. */
    s = (QuizSettings){ .seed = 7, .count = 5, .filter = all_years };
    quiz_generate(&q1, b, &s);
    char signature[256] = "";
    for (int i = 0; i < q1.count; i++) {
        const QuizQuestion *qq = &q1.questions[i];
        char one[48];
        snprintf(one, sizeof one, "%s%s:%u:%u", i ? " " : "", quiz_kind_name(qq->kind),
                 qq->kind == QUIZ_COUNTRY || qq->kind == QUIZ_WHICH ? qq->country : qq->event, qq->answer.value);
        strcat(signature, one);
    }
    printf("fixture seed 7: %s\n", signature);
    CHECK_STR(signature, QUIZ_GOLDEN_SEED7);
}

static void test_fixture_filters(const Bundle *b)
{
    Quiz q;
    /* Only 2018: three when questions at most (events 4-6, all Moscow, so no
     * where), Russia as the country (its events), and the 2018 trade question.
     * The country takes one of the three events, so 4 questions, not 20. */
    QuizSettings s = { .seed = 5, .count = 20, .filter = { 2018, 2018, all_years.category_mask } };
    CHECK(!quiz_generate(&q, b, &s));
    CHECK_EQ_U(q.count, 4);
    CHECK_EQ_U(q.available[QUIZ_WHERE], 0);
    CHECK_EQ_U(q.available[QUIZ_WHICH], 1);
    check_quiz(b, &q, &s.filter);
    int kinds[QUIZ_KIND_COUNT] = { 0 };
    for (int i = 0; i < q.count; i++) kinds[q.questions[i].kind]++;
    CHECK_EQ_U(kinds[QUIZ_COUNTRY], 1);
    CHECK_EQ_U(kinds[QUIZ_WHEN], 2);
    CHECK_EQ_U(kinds[QUIZ_WHICH], 1);

    /* Diplomacy only: no trade question, and every event asked about (or
     * bringing a country in) is diplomacy. */
    s = (QuizSettings){ .seed = 9, .count = 10, .filter = { 1, 9999, 1u << CATEGORY_DIPLOMACY } };
    for (uint32_t seed = 0; seed < 50; seed++) {
        s.seed = seed;
        quiz_generate(&q, b, &s);
        CHECK(q.count > 0);
        CHECK_EQ_U(q.available[QUIZ_WHICH], 0);
        for (int i = 0; i < q.count; i++) {
            CHECK(q.questions[i].kind != QUIZ_WHICH);
            CHECK_EQ_U(bundle_event(b, q.questions[i].event).category, CATEGORY_DIPLOMACY);
        }
        check_quiz(b, &q, &s.filter);
    }

    /* Nothing passes: no question at all, and it says so. */
    s = (QuizSettings){ .seed = 1, .count = 5, .filter = { 1900, 1901, all_years.category_mask } };
    CHECK(!quiz_generate(&q, b, &s));
    CHECK_EQ_U(q.count, 0);
    s.filter = (EventFilter){ 1, 9999, 0 };
    CHECK(!quiz_generate(&q, b, &s));
    CHECK_EQ_U(q.count, 0);
}

static void test_fixture_counts(const Bundle *b)
{
    Quiz q;
    int sizes[3] = { 5, 10, 20 };
    for (int k = 0; k < 3; k++) CHECK(quiz_count_valid(sizes[k]));
    /* The fixture fills 5 and 10 (20 is past it: test_fixture_candidates; the
     * real bundle fills all three: test_real_bundle). */
    for (int k = 0; k < 2; k++) {
        QuizSettings s = { .seed = 3, .count = sizes[k], .filter = all_years };
        CHECK(quiz_generate(&q, b, &s));
        CHECK_EQ_U(q.count, sizes[k]);
        check_quiz(b, &q, &s.filter);
    }
    CHECK(!quiz_count_valid(0) && !quiz_count_valid(7) && !quiz_count_valid(21));
    /* Out of the engine's range: nothing generated. */
    QuizSettings s = { .seed = 3, .count = 0, .filter = all_years };
    CHECK(!quiz_generate(&q, b, &s));
    CHECK_EQ_U(q.count, 0);
    s.count = QUIZ_MAX_QUESTIONS + 1;
    CHECK(!quiz_generate(&q, b, &s));
    CHECK_EQ_U(q.count, 0);
    /* A short quiz still mixes kinds: the kinds are dealt in turn. */
    s.count = 4;
    quiz_generate(&q, b, &s);
    int kinds[QUIZ_KIND_COUNT] = { 0 };
    for (int i = 0; i < q.count; i++) kinds[q.questions[i].kind]++;
    for (int k = 0; k < QUIZ_KIND_COUNT; k++) CHECK_EQ_U(kinds[k], 1);
}

/* The index of the question of a kind in q, -1 if none. */
static int find_kind(const Quiz *q, QuizKind kind)
{
    for (int i = 0; i < q->count; i++)
        if (q->questions[i].kind == kind) return i;
    return -1;
}

static void test_fixture_grading(const Bundle *b)
{
    Quiz q;
    QuizSettings s = { .seed = 11, .count = 4, .filter = all_years };
    quiz_generate(&q, b, &s);
    CHECK_EQ_U(q.count, 4);
    QuizProgress p;
    quiz_progress_init(&p);
    CHECK(!quiz_next(&q, &p)); /* not before an answer */
    CHECK_EQ_U(p.index, 0);
    for (int i = 0; i < q.count; i++) {
        const QuizQuestion *qq = &q.questions[i];
        QuizAnswer right = qq->answer, wrong = right;
        if (right.kind == QUIZ_ANSWER_CHOICE) wrong.value = (right.value + 1) % 4;
        else wrong.value = right.value == 1 ? 2 : 1;
        CHECK(quiz_grade(&q, i, right));
        CHECK(!quiz_grade(&q, i, wrong));
        CHECK(!quiz_grade(&q, i, (QuizAnswer){ QUIZ_ANSWER_SKIP, right.value }));
        /* An answer of another kind (a country clicked for a where question)
         * or past the choices is refused, and the question stays open. */
        QuizAnswerKind other = right.kind == QUIZ_ANSWER_COUNTRY ? QUIZ_ANSWER_PLACE : QUIZ_ANSWER_COUNTRY;
        CHECK_EQ_U(quiz_answer(&q, &p, (QuizAnswer){ other, 1 }), QUIZ_REFUSED);
        if (right.kind == QUIZ_ANSWER_CHOICE)
            CHECK_EQ_U(quiz_answer(&q, &p, (QuizAnswer){ QUIZ_ANSWER_CHOICE, 4 }), QUIZ_REFUSED);
        CHECK_EQ_U(quiz_answer(&q, &p, (QuizAnswer){ QUIZ_ANSWER_NONE, 0 }), QUIZ_REFUSED);
        CHECK_EQ_U(p.answered, i);
        /* Questions 1 and 3 right, 2 wrong, 4 skipped. */
        QuizAnswer given = i == 0 || i == 2 ? right : i == 1 ? wrong : (QuizAnswer){ QUIZ_ANSWER_SKIP, 0 };
        CHECK_EQ_U(quiz_answer(&q, &p, given), i == 0 || i == 2 ? QUIZ_RIGHT : QUIZ_WRONG);
        CHECK_EQ_U(quiz_answer(&q, &p, right), QUIZ_REFUSED); /* no answering twice */
        CHECK(quiz_next(&q, &p));
        CHECK_EQ_U(p.index, i + 1);
    }
    CHECK(quiz_finished(&q, &p));
    CHECK(!quiz_next(&q, &p));
    CHECK_EQ_U(quiz_answer(&q, &p, q.questions[0].answer), QUIZ_REFUSED);
    CHECK_EQ_U(p.score, 2);
    CHECK_EQ_U(p.answered, 4);
    CHECK(p.correct[0] && !p.correct[1] && p.correct[2] && !p.correct[3]);

    char summary[4096];
    size_t n = quiz_summary_text(&q, &p, b, summary, sizeof summary);
    CHECK(n > 0 && n < sizeof summary);
    CHECK(strncmp(summary, "Score: 2 / 4 (4 answered)\n", 26) == 0);
    /* Every question is in it with its right answer; the wrong one shows what was given. */
    for (int i = 0; i < q.count; i++) {
        char question[512], right[256], line[800];
        quiz_question_text(&q, i, b, question, sizeof question);
        quiz_answer_text(&q, i, q.questions[i].answer, b, right, sizeof right);
        snprintf(line, sizeof line, "%d. %s\n", i + 1, question);
        CHECK(strstr(summary, line) != NULL);
        snprintf(line, sizeof line, "Right answer: %s", right);
        CHECK(strstr(summary, line) != NULL);
    }
    char wrong_given[256], line[400];
    quiz_answer_text(&q, 1, p.given[1], b, wrong_given, sizeof wrong_given);
    snprintf(line, sizeof line, "Your answer: %s (wrong)", wrong_given);
    CHECK(strstr(summary, line) != NULL);
    CHECK(strstr(summary, "Your answer: skipped (wrong)") != NULL);
    int rights = 0;
    for (const char *s2 = summary; (s2 = strstr(s2, "(right)")) != NULL; s2++) rights++;
    CHECK_EQ_U(rights, 2);
    /* A small buffer: cut, NUL-terminated, the length still the whole text's. */
    char small[16];
    CHECK_EQ_U(quiz_summary_text(&q, &p, b, small, sizeof small), n);
    CHECK_EQ_U(strlen(small), sizeof small - 1);
}

static void test_fixture_texts(const Bundle *b)
{
    Quiz q;
    QuizSettings s = { .seed = 2, .count = 20, .filter = all_years };
    quiz_generate(&q, b, &s);
    char text[1024];
    int which = find_kind(&q, QUIZ_WHICH), when = find_kind(&q, QUIZ_WHEN), where = find_kind(&q, QUIZ_WHERE);
    CHECK(which >= 0 && when >= 0 && where >= 0);
    if (which >= 0) {
        quiz_question_text(&q, which, b, text, sizeof text);
        char want[128];
        snprintf(want, sizeof want, "Which of these was Kazakhstan's largest trading partner in %d?",
                 q.questions[which].year);
        CHECK_STR(text, want);
        quiz_feedback_text(&q, which, b, text, sizeof text);
        CHECK(strstr(text, q.questions[which].year == 2018 ? "Russia 18 billion USD" : "China 9 billion USD") != NULL);
    }
    if (when >= 0) {
        const QuizQuestion *qq = &q.questions[when];
        char year[16], want[16];
        quiz_choice_text(&q, when, (int)qq->answer.value, b, year, sizeof year);
        snprintf(want, sizeof want, "%d", bundle_event(b, qq->event).year);
        CHECK_STR(year, want);
    }
    /* The fixture's e1: "Summit", 2019 in Astana (where or when, whichever was drawn). */
    for (int i = 0; i < q.count; i++) {
        if (q.questions[i].event != 1 || q.questions[i].kind == QUIZ_COUNTRY) continue;
        quiz_feedback_text(&q, i, b, text, sizeof text);
        CHECK_STR(text, "\"Summit\": 2019, in Astana, Kazakhstan. They met.");
        quiz_source_text(&q, i, b, text, sizeof text);
        CHECK_STR(text, "First article, para 1");
    }
    /* Clicks become answers: a marker answers with its event's place. */
    QuizAnswer a = quiz_answer_from_selection(b, (Selection){ SELECTION_EVENT, 2 });
    CHECK(a.kind == QUIZ_ANSWER_PLACE && a.value == 2);
    a = quiz_answer_from_selection(b, (Selection){ SELECTION_COUNTRY, QF_RUS });
    CHECK(a.kind == QUIZ_ANSWER_COUNTRY && a.value == QF_RUS);
    a = quiz_answer_from_selection(b, (Selection){ SELECTION_PLACE, QF_OLDTOWN });
    CHECK(a.kind == QUIZ_ANSWER_PLACE && a.value == QF_OLDTOWN);
    CHECK_EQ_U(quiz_answer_from_selection(b, (Selection){ SELECTION_ARTICLE, 1 }).kind, QUIZ_ANSWER_NONE);
    CHECK_EQ_U(quiz_answer_from_selection(b, (Selection){ SELECTION_EVENT, 999 }).kind, QUIZ_ANSWER_NONE);
    /* Out of range: empty texts, false grades. */
    CHECK_EQ_U(quiz_question_text(&q, q.count, b, text, sizeof text), 0);
    CHECK_STR(text, "");
    CHECK(!quiz_grade(&q, -1, q.questions[0].answer));
}

/* --- the real bundle ---------------------------------------------------------------- */

static void test_real_bundle(const char *path)
{
    size_t size = 0;
    uint8_t *d = test_read_real_bundle(path, &size);
    if (!d) return;
    Bundle b;
    if (!open_bundle(&b, d, size)) { free(d); return; }
    Quiz q;
    QuizSettings s = { .seed = 1, .count = 20, .filter = all_years };
    CHECK(quiz_generate(&q, &b, &s));
    printf("real bundle: candidates country %d, where %d, when %d, which %d\n", q.available[QUIZ_COUNTRY],
           q.available[QUIZ_WHERE], q.available[QUIZ_WHEN], q.available[QUIZ_WHICH]);
    /* Few events have a place the sources give (the rest carry a place
     * note and are never asked where): at least one. */
    CHECK(q.available[QUIZ_COUNTRY] >= 5 && q.available[QUIZ_WHERE] >= 1 && q.available[QUIZ_WHEN] >= 5);
    for (int i = 0; i < q.count; i++)
        if (q.questions[i].kind == QUIZ_WHERE) CHECK(bundle_event(&b, q.questions[i].event).place_note[0] == 0);
    CHECK(q.available[QUIZ_WHICH] >= 1); /* Kazakhstan's partners in 2018 */

    /* Every seed gives a full quiz of every teacher's size, all answerable. */
    char *texts[20] = { 0 };
    int sizes[3] = { 5, 10, 20 };
    for (uint32_t seed = 0; seed < 20; seed++) {
        for (int k = 0; k < 3; k++) {
            s = (QuizSettings){ .seed = seed * 7919u, .count = sizes[k], .filter = all_years };
            CHECK(quiz_generate(&q, &b, &s));
            CHECK_EQ_U(q.count, sizes[k]);
            check_quiz(&b, &q, &s.filter);
            if (sizes[k] == 10) texts[seed] = printed(&q, &b);
        }
        /* same seed, same text */
        s.count = 10;
        quiz_generate(&q, &b, &s);
        char *again = printed(&q, &b);
        CHECK_STR(again, texts[seed]);
        free(again);
    }
    /* different seeds, different quizzes */
    for (int i = 0; i < 20; i++)
        for (int j = 0; j < i; j++) CHECK(strcmp(texts[i], texts[j]) != 0);
    for (int i = 0; i < 20; i++) free(texts[i]);

    /* The 2018 trade question, re-derived: Russia, $18 billion. */
    uint32_t kaz = bundle_find_country(&b, "KAZ"), rus = bundle_find_country(&b, "RUS");
    s = (QuizSettings){ .seed = 4, .count = 20, .filter = { 2018, 2018, 1u << CATEGORY_TRADE } };
    quiz_generate(&q, &b, &s);
    int which = find_kind(&q, QUIZ_WHICH);
    CHECK(which >= 0);
    if (which >= 0) {
        CHECK_EQ_U(q.questions[which].country, kaz);
        CHECK_EQ_U(q.questions[which].choices[q.questions[which].answer.value], rus);
    }
    check_quiz(&b, &q, &s.filter);

    /* A year range: 2019-2020, every category. */
    s = (QuizSettings){ .seed = 8, .count = 10, .filter = { 2019, 2020, all_years.category_mask } };
    CHECK(quiz_generate(&q, &b, &s));
    CHECK_EQ_U(q.available[QUIZ_WHICH], 0); /* the 2020 trade figures are targets for two partners only */
    check_quiz(&b, &q, &s.filter);

    /* A narrow filter asks for more than there is: fewer questions, said so. */
    s = (QuizSettings){ .seed = 8, .count = 20, .filter = { 2021, 2022, 1u << CATEGORY_SECURITY } };
    CHECK(!quiz_generate(&q, &b, &s));
    CHECK(q.count > 0 && q.count < 20);
    check_quiz(&b, &q, &s.filter);

    /* The whole printed quiz: every question numbered, an answer key, a source per answer. */
    s = (QuizSettings){ .seed = 2026, .count = 10, .filter = all_years };
    quiz_generate(&q, &b, &s);
    char *text = printed(&q, &b);
    CHECK(strstr(text, "\nAnswer key\n") != NULL);
    int sources = 0;
    for (const char *t = text; (t = strstr(t, "   Source: ")) != NULL; t++) sources++;
    CHECK_EQ_U(sources, 10);
    if (getenv("STEPPE_QUIZ_PRINT")) fputs(text, stdout);
    free(text);

    bundle_close(&b);
    free(d);
}

int main(int argc, char **argv)
{
    size_t size = 0;
    uint8_t *d = quiz_fixture_bundle(&size);
    Bundle b;
    if (open_bundle(&b, d, size)) {
        test_fixture_candidates(&b);
        test_fixture_determinism(&b);
        test_fixture_filters(&b);
        test_fixture_counts(&b);
        test_fixture_grading(&b);
        test_fixture_texts(&b);
        bundle_close(&b);
    }
    free(d);
    test_real_bundle(argc > 1 ? argv[1] : NULL);
    return test_finish();
}
