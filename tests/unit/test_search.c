/* test_search: folding, matching, typos and ranking. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "test_support.h"

static SearchIndex *idx;

static void add(SelectionKind kind, uint32_t id, const char *label, const char *aliases)
{
    const char *names[1] = { aliases };
    CHECK(search_index_add(idx, kind, id, label, names, aliases ? 1 : 0, 0));
}

static const SearchResult *top(const char *query)
{
    static SearchResult r[8];
    size_t n = search_run(idx, query, r, 8);
    return n ? &r[0] : NULL;
}

#define CHECK_TOP(query, kind_, id_) do { const SearchResult *t_ = top(query); \
    if (!t_ || t_->kind != (kind_) || t_->id != (id_)) { test_failed++; \
        printf("%s:%d: top result for \"%s\" is %s (id %u)\n", __FILE__, __LINE__, query, t_ ? t_->label : "nothing", t_ ? t_->id : 0); } \
    else test_passed++; } while (0)

static void test_fold(void)
{
    char out[64];
    search_fold("Oʻzbekiston", strlen("Oʻzbekiston"), out, sizeof out);
    CHECK_STR(out, "ozbekiston");
    search_fold("  Türkmenistan!! ", strlen("  Türkmenistan!! "), out, sizeof out);
    CHECK_STR(out, "turkmenistan");
    search_fold("Қазақстан", strlen("Қазақстан"), out, sizeof out);
    CHECK_STR(out, "қазақстан");
    search_fold("Alma-Ata", 8, out, sizeof out);
    CHECK_STR(out, "alma ata");
    search_fold("Azərbaycan", strlen("Azərbaycan"), out, sizeof out);
    CHECK_STR(out, "azerbaycan");
    search_fold("ŞIŞLI ığdır", strlen("ŞIŞLI ığdır"), out, sizeof out);
    CHECK_STR(out, "sisli igdir");
    search_fold("\xff\xfe bad", 6, out, sizeof out); /* malformed bytes fold to something harmless */
    CHECK(strstr(out, "bad") != NULL);
    char tiny[4];
    CHECK(search_fold("Kazakhstan", 10, tiny, sizeof tiny) == 3 && strlen(tiny) == 3);
}

/* Panel text: found below every name, with the words that matched. */
static void test_text(void)
{
    idx = search_index_create();
    const char *none[1] = { NULL };
    CHECK(search_index_add(idx, SELECTION_COUNTRY, 1, "Kazakhstan", none, 0, 60));
    CHECK(search_index_add_text(idx, SEARCH_FIELD_PROFILE,
                                "Its successor, Kassym-Jomart Tokayev, had twice been foreign minister. "
                                "It takes part in the C5+1 format with the United States."));
    CHECK(search_index_add_text(idx, SEARCH_FIELD_FIGURE, "Trade with Russia"));
    CHECK(search_index_add(idx, SELECTION_EVENT, 7, "Tokayev at the United Nations in Geneva", none, 0, 0));
    CHECK(search_index_add_text(idx, SEARCH_FIELD_SUMMARY, "A post held years before he became president."));
    CHECK(search_index_add(idx, SELECTION_PLACE, 3, "Kassymovka", none, 0, 0)); /* a name: ranks first */
    CHECK(search_index_add(idx, SELECTION_EVENT, 8, "Президент Тоқаев", none, 0, 0));
    CHECK(search_index_add_text(idx, SEARCH_FIELD_SUMMARY, "Қасым-Жомарт Тоқаев сайланды."));
    CHECK(search_index_add_text(idx, SEARCH_FIELD_SUMMARY, "")); /* nothing to add: fine */

    SearchResult r[8];
    size_t total = 0;
    size_t n = search_run_counted(idx, "C5+1", r, 8, &total);
    CHECK(n == 1 && total == 1 && r[0].kind == SELECTION_COUNTRY && r[0].field == SEARCH_FIELD_PROFILE);
    CHECK(n == 1 && r[0].matched_len == 4 && strncmp(r[0].matched, "C5+1", 4) == 0); /* the original bytes */
    CHECK(n == 1 && r[0].text && r[0].matched >= r[0].text && r[0].matched + r[0].matched_len <= r[0].text + r[0].text_len);
    CHECK(search_run(idx, "c5", r, 8) == 1 && r[0].field == SEARCH_FIELD_PROFILE);
    CHECK(search_run(idx, "c5 1", r, 8) == 1);
    /* A name hit outranks a text hit, whatever the boost. */
    n = search_run_counted(idx, "Kassym", r, 8, &total);
    CHECK(n == 2 && total == 2 && r[0].kind == SELECTION_PLACE && r[0].field == SEARCH_FIELD_NAME && r[0].text == NULL);
    CHECK(n == 2 && r[1].kind == SELECTION_COUNTRY && r[1].score < r[0].score);
    CHECK(n == 2 && strncmp(r[1].matched, "Kassym", r[1].matched_len) == 0 && r[1].matched_len == 6);
    /* A phrase. */
    n = search_run(idx, "became president", r, 8);
    CHECK(n == 1 && r[0].kind == SELECTION_EVENT && r[0].id == 7 && r[0].field == SEARCH_FIELD_SUMMARY);
    CHECK(n == 1 && r[0].matched_len == strlen("became president") && strncmp(r[0].matched, "became president", r[0].matched_len) == 0);
    /* All the words in any order, in one text; the phrase scores higher. */
    n = search_run(idx, "president became", r, 8);
    CHECK(n == 1 && r[0].id == 7 && r[0].score < SEARCH_SCORE_NAME_MIN);
    CHECK(search_run(idx, "kassym geneva", r, 8) == 0); /* words in two records' texts: not a match */
    /* Key figures, UTF-8 text, case. */
    CHECK(search_run(idx, "TRADE WITH", r, 8) == 1 && r[0].field == SEARCH_FIELD_FIGURE);
    n = search_run(idx, "жомарт", r, 8);
    CHECK(n == 1 && r[0].id == 8 && strncmp(r[0].matched, "Жомарт", r[0].matched_len) == 0);
    /* Words start a word of the text ("resident" is not "president"); one letter finds only names. */
    CHECK(search_run(idx, "resident", r, 8) == 0);
    CHECK(search_run(idx, "j", r, 8) == 0);
    /* No typos in text: that is for names. */
    CHECK(search_run(idx, "kasym jomart", r, 8) == 0);
    /* The total counts every match even when fewer are asked for. */
    n = search_run_counted(idx, "tokayev", r, 1, &total);
    CHECK(n == 1 && total == 2);
    search_index_destroy(idx);
}

int main(void)
{
    test_fold();
    idx = search_index_create();
    add(SELECTION_COUNTRY, 1, "Kazakhstan", "Қазақстан|KAZ");
    add(SELECTION_COUNTRY, 2, "Uzbekistan", "Oʻzbekiston|UZB");
    add(SELECTION_COUNTRY, 3, "Kyrgyzstan", "Кыргызстан|KGZ");
    add(SELECTION_PLACE, 1, "Astana", "Астана|Nur-Sultan|Nursultan|Akmola|Tselinograd");
    add(SELECTION_PLACE, 2, "Almaty", "Алматы|Alma-Ata|Vernyi");
    add(SELECTION_PLACE, 3, "Tashkent", "Toshkent|Ташкент");
    add(SELECTION_EVENT, 1, "Astana International Forum", NULL);
    add(SELECTION_EVENT, 2, "Kazakhstan joins the WTO", NULL);
    add(SELECTION_ARTICLE, 1, "The Future of US-Kazakhstan Relations", NULL);

    CHECK_TOP("Astana", SELECTION_PLACE, 1);
    CHECK_TOP("nur-sultan", SELECTION_PLACE, 1);
    CHECK_TOP("Nursultan", SELECTION_PLACE, 1);
    CHECK_TOP("Alma-Ata", SELECTION_PLACE, 2);
    CHECK_TOP("alma ata", SELECTION_PLACE, 2);
    CHECK_TOP("almaty", SELECTION_PLACE, 2);
    CHECK_TOP("ALMATY", SELECTION_PLACE, 2);
    CHECK_TOP("kazakstan", SELECTION_COUNTRY, 1);   /* a missing letter */
    CHECK_TOP("kazkahstan", SELECTION_COUNTRY, 1);  /* two swapped letters */
    CHECK_TOP("Қазақстан", SELECTION_COUNTRY, 1);
    CHECK_TOP("қазақстан", SELECTION_COUNTRY, 1);
    CHECK_TOP("Oʻzbekiston", SELECTION_COUNTRY, 2);
    CHECK_TOP("Ozbekiston", SELECTION_COUNTRY, 2);
    CHECK_TOP("O'zbekiston", SELECTION_COUNTRY, 2);
    CHECK_TOP("tashkent", SELECTION_PLACE, 3);
    CHECK_TOP("toshkent", SELECTION_PLACE, 3);
    CHECK_TOP("kyrg", SELECTION_COUNTRY, 3);
    CHECK_TOP("forum", SELECTION_EVENT, 1);          /* a word inside a title */
    CHECK_TOP("kgz", SELECTION_COUNTRY, 3);

    /* The exact country outranks the event and the article that contain its name. */
    SearchResult r[8];
    size_t n = search_run(idx, "Kazakhstan", r, 8);
    CHECK(n == 3);
    CHECK(r[0].kind == SELECTION_COUNTRY && r[0].score > r[1].score);
    /* "astana": the place first (exact), then the event (prefix). */
    n = search_run(idx, "astana", r, 8);
    CHECK(n == 2 && r[0].kind == SELECTION_PLACE && r[1].kind == SELECTION_EVENT);
    /* Which name matched is reported. */
    n = search_run(idx, "tselinograd", r, 8);
    CHECK(n == 1 && r[0].matched_len == 11 && strncmp(r[0].matched, "Tselinograd", 11) == 0);
    /* Each record appears once, and results are limited. */
    n = search_run(idx, "a", r, 2);
    CHECK(n <= 2);
    /* Nothing for empty, blank, short typos or nonsense; long queries are safe. */
    CHECK(search_run(idx, "", r, 8) == 0);
    CHECK(search_run(idx, "   ", r, 8) == 0);
    CHECK(search_run(idx, "zzzzzzzz", r, 8) == 0);
    CHECK(search_run(idx, "kaz", r, 0) == 0);
    char longq[1000];
    memset(longq, 'k', sizeof longq - 1);
    longq[sizeof longq - 1] = 0;
    CHECK(search_run(idx, longq, r, 8) == 0);
    /* Deterministic: the same query gives the same order. */
    SearchResult r2[8];
    size_t n1 = search_run(idx, "stan", r, 8), n2 = search_run(idx, "stan", r2, 8);
    int same = n1 == n2;
    for (size_t i = 0; same && i < n1; i++) /* field by field: struct padding is not compared */
        same = r[i].kind == r2[i].kind && r[i].id == r2[i].id && r[i].score == r2[i].score;
    CHECK(same);
    search_index_destroy(idx);

    /* From a bundle: every kind is indexed. */
    size_t size;
    uint8_t *data = tb_fixture_bundle(&size);
    Bundle b;
    char message[256];
    CHECK(bundle_open(&b, data, size, message, sizeof message) == BUNDLE_OK);
    idx = search_index_build_from_bundle(&b);
    CHECK(idx != NULL);
    CHECK_TOP("Nur-Sultan", SELECTION_PLACE, 1);
    CHECK_TOP("Forum", SELECTION_EVENT, 3);
    CHECK_TOP("second article", SELECTION_ARTICLE, 2);
    CHECK_TOP("turkmenstan", SELECTION_COUNTRY, 3);
    /* The fixture's panels: an event's summary, a country's profile, figures and relations. */
    CHECK_TOP("they met", SELECTION_EVENT, 1);
    CHECK_TOP("20 million", SELECTION_COUNTRY, 1);
    CHECK_TOP("csto", SELECTION_COUNTRY, 1);
    n = search_run(idx, "Trade KAZ", r, 8); /* a relation: on both countries' panels */
    CHECK(n == 2 && r[0].field == SEARCH_FIELD_RELATION && r[1].field == SEARCH_FIELD_RELATION);
    /* Importance breaks near-ties: a Central Asian state before a distant country. */
    SearchIndex *boosted = search_index_create();
    const char *none[1] = { NULL };
    CHECK(search_index_add(boosted, SELECTION_COUNTRY, 1, "Taiwan", none, 0, 0));
    CHECK(search_index_add(boosted, SELECTION_COUNTRY, 2, "Tajikistan", none, 0, 60));
    n = search_run(boosted, "ta", r, 8);
    CHECK(n == 2 && r[0].id == 2);
    /* ...but never above a better kind of match. */
    n = search_run(boosted, "taiwan", r, 8);
    CHECK(n >= 1 && r[0].id == 1);
    search_index_destroy(boosted);
    search_index_destroy(idx);
    test_text();
    bundle_close(&b);
    free(data);
    return test_finish();
}
