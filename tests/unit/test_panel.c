/* test_panel: the panel documents built from a selection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "panel.h"
#include "test_support.h"

static PanelDoc doc; /* large: keep it off the stack */

static int find_block(const PanelDoc *d, PanelStyle style, const char *needle)
{
    for (int i = 0; i < d->block_count; i++)
        if (d->blocks[i].style == style && strstr(panel_block_text(d, i), needle)) return i;
    return -1;
}

static void test_dates(void)
{
    char s[64];
    panel_format_date(s, sizeof s, 2019, 6, 9, DATE_PRECISION_DAY);
    CHECK_STR(s, "9 June 2019");
    panel_format_date(s, sizeof s, 2019, 6, 0, DATE_PRECISION_MONTH);
    CHECK_STR(s, "June 2019");
    panel_format_date(s, sizeof s, 2019, 0, 0, DATE_PRECISION_YEAR);
    CHECK_STR(s, "2019");
    panel_format_date(s, sizeof s, 2019, 13, 40, DATE_PRECISION_DAY); /* nonsense falls back to the year */
    CHECK_STR(s, "2019");
    panel_format_iso_date(s, sizeof s, "2021-06-07");
    CHECK_STR(s, "7 June 2021");
    panel_format_iso_date(s, sizeof s, "2020-05");
    CHECK_STR(s, "May 2020");
    panel_format_iso_date(s, sizeof s, "");
    CHECK_STR(s, "");
    panel_format_iso_date(s, sizeof s, "1991");
    CHECK_STR(s, "1991");
    panel_format_iso_date(s, sizeof s, "2021-6-7"); /* one digit each, as sscanf's %2u read them */
    CHECK_STR(s, "7 June 2021");
    panel_format_iso_date(s, sizeof s, "2021-06-"); /* a dangling dash keeps the month */
    CHECK_STR(s, "June 2021");
    panel_format_iso_date(s, sizeof s, "20210607"); /* four digits, then no dash: the year */
    CHECK_STR(s, "2021");
    panel_format_iso_date(s, sizeof s, "circa 1995"); /* no leading digits: shown as written */
    CHECK_STR(s, "circa 1995");
}

static void test_country(const Bundle *b)
{
    panel_build(&doc, b, (Selection){ SELECTION_COUNTRY, 1 });
    CHECK(doc.block_count > 5);
    CHECK_STR(panel_block_text(&doc, 0), "Kazakhstan");
    CHECK(doc.blocks[0].style == PANEL_TITLE);
    CHECK(find_block(&doc, PANEL_SUBTITLE, "Қазақстан") >= 0);
    int cap = find_block(&doc, PANEL_META, "Capital: Astana");
    CHECK(cap >= 0);
    if (cap >= 0) CHECK(doc.blocks[cap].link.kind == SELECTION_PLACE && doc.blocks[cap].link.id == 1);
    CHECK(find_block(&doc, PANEL_BULLET, "Population: 20 million (2023)") >= 0);
    int rel = find_block(&doc, PANEL_BULLET, "Trade KAZ-UZB: 4.5 billion USD (2022)");
    CHECK(rel >= 0);
    if (rel >= 0) CHECK(doc.blocks[rel].link.kind == SELECTION_COUNTRY && doc.blocks[rel].link.id == 2);
    CHECK(find_block(&doc, PANEL_BULLET, "CSTO member") >= 0);
    /* Events involving KAZ (e1 lists KAZ, UZB; e2 lists UZB, TKM), in date order. */
    int e1 = find_block(&doc, PANEL_LINK, "2019 — Summit");
    CHECK(e1 >= 0);
    CHECK(find_block(&doc, PANEL_LINK, "Deal") < 0);
    if (e1 >= 0) CHECK(doc.blocks[e1].link.kind == SELECTION_EVENT && doc.blocks[e1].link.id == 1);
    CHECK(!doc.truncated);
}

static void test_event(const Bundle *b)
{
    panel_build(&doc, b, (Selection){ SELECTION_EVENT, 2 });
    CHECK_STR(panel_block_text(&doc, 0), "Deal");
    CHECK(find_block(&doc, PANEL_SUBTITLE, "May 2020 · trade") >= 0);
    CHECK(find_block(&doc, PANEL_META, "Place: Tashkent, Uzbekistan") >= 0);
    CHECK(find_block(&doc, PANEL_HEADING, "Sources") >= 0);
    /* Both sources name their article (a link) and their passage. */
    int a2 = find_block(&doc, PANEL_LINK, "Second article"), a3 = find_block(&doc, PANEL_LINK, "Third article");
    CHECK(a2 >= 0 && a3 >= 0);
    if (a2 >= 0) CHECK(doc.blocks[a2].link.kind == SELECTION_ARTICLE && doc.blocks[a2].link.id == 2);
    CHECK(find_block(&doc, PANEL_QUOTE, "para 2") >= 0);
    CHECK(find_block(&doc, PANEL_QUOTE, "a quoted phrase") >= 0);
    CHECK(find_block(&doc, PANEL_BULLET, "Turkmenistan") >= 0);
}

/* Bylines and citations name the author, outlet and date the document
 * states, and say in words which it does not name (never a file name). */
static void test_citations(void)
{
    char s[512];
    BundleArticle a = { .key = "a", .title = "A Rising Global Player", .author = "Wilder Alejandro Sanchez", .outlet = "",
                        .date = "2020", .date_note = "", .summary = "", .key_points = "", .topics = "", .file = "003_x.txt" };
    panel_format_byline(s, sizeof s, &a);
    CHECK_STR(s, "Wilder Alejandro Sanchez · no outlet named in the document · 2020");
    panel_format_citation(s, sizeof s, &a);
    CHECK_STR(s, "Wilder Alejandro Sanchez, “A Rising Global Player”, no outlet named in the document, 2020.");
    a.outlet = "The Diplomatic Pouch";
    a.date = "2022-06";
    panel_format_byline(s, sizeof s, &a);
    CHECK_STR(s, "Wilder Alejandro Sanchez, The Diplomatic Pouch · June 2022");
    panel_format_citation(s, sizeof s, &a);
    CHECK_STR(s, "Wilder Alejandro Sanchez, “A Rising Global Player”, The Diplomatic Pouch, June 2022.");
    a.author = "";
    panel_format_byline(s, sizeof s, &a);
    CHECK_STR(s, "The Diplomatic Pouch · no author named in the document · June 2022");
    a.outlet = "";
    a.date = "2021";
    panel_format_byline(s, sizeof s, &a);
    CHECK_STR(s, "No author or outlet named in the document · 2021");
    panel_format_citation(s, sizeof s, &a);
    CHECK_STR(s, "No author named in the document, “A Rising Global Player”, no outlet named in the document, 2021.");
}

static void test_article_and_place(const Bundle *b)
{
    panel_build(&doc, b, (Selection){ SELECTION_ARTICLE, 1 });
    CHECK_STR(panel_block_text(&doc, 0), "First article");
    /* the citation, not the seed's file name */
    int cite = find_block(&doc, PANEL_HEADING, "How to cite it");
    CHECK(cite >= 0);
    if (cite >= 0) CHECK(strstr(panel_block_text(&doc, cite + 1), "“First article”") != NULL);
    CHECK(find_block(&doc, PANEL_META, "Document:") < 0);
    CHECK(find_block(&doc, PANEL_META, ".txt") < 0);
    /* a1 is cited by e1 (source 0) and e3 (source 3). */
    CHECK(find_block(&doc, PANEL_LINK, "Summit") >= 0);
    CHECK(find_block(&doc, PANEL_LINK, "Forum") >= 0);
    CHECK(find_block(&doc, PANEL_LINK, "Deal") < 0);

    panel_build(&doc, b, (Selection){ SELECTION_PLACE, 1 });
    CHECK_STR(panel_block_text(&doc, 0), "Astana");
    CHECK(find_block(&doc, PANEL_META, "Nur-Sultan, Akmola") >= 0);
    CHECK(find_block(&doc, PANEL_META, "51.13°N, 71.43°E") >= 0);
    CHECK(find_block(&doc, PANEL_LINK, "Summit") >= 0);
}


/* Event notes (the optional ENOT section) reach the panel: the date note in
 * brackets after the date, the place note under the place. Without notes the
 * panel is as before (test_event). */
static void test_event_notes(void)
{
    Tb tb;
    tb_fixture(&tb);
    uint32_t place_note = tb_str(&tb, "The sources give no place; shown at the capital.");
    uint32_t date_note = tb_str(&tb, "from context");
    size_t size;
    uint8_t *d = tb_finish(&tb, &size);
    tb_free(&tb);
    const uint32_t notes[6] = { place_note, date_note, 0, 0, 0, 0 };
    size_t n;
    uint8_t *with = tb_with_event_notes(d, size, notes, 3, &n);
    Bundle b;
    char message[256];
    CHECK(bundle_open(&b, with, n, message, sizeof message) == BUNDLE_OK);
    panel_build(&doc, &b, (Selection){ SELECTION_EVENT, 1 });
    CHECK(find_block(&doc, PANEL_SUBTITLE, "2019 (from context) · diplomacy") >= 0);
    int place = find_block(&doc, PANEL_META, "Place: Astana, Kazakhstan");
    int note = find_block(&doc, PANEL_META, "The sources give no place; shown at the capital.");
    CHECK(place >= 0 && note == place + 1);
    char text[4096];
    panel_plain_text(&doc, text, sizeof text);
    CHECK(strstr(text, "2019 (from context)") != NULL);
    CHECK(strstr(text, "The sources give no place; shown at the capital.") != NULL);
    /* an event without notes shows neither */
    panel_build(&doc, &b, (Selection){ SELECTION_EVENT, 2 });
    CHECK(find_block(&doc, PANEL_SUBTITLE, "May 2020 · trade") >= 0);
    CHECK(find_block(&doc, PANEL_META, "The sources give no place") < 0);
    bundle_close(&b);
    free(with);
    free(d);
}

static void test_invalid_and_plain_text(const Bundle *b)
{
    panel_build(&doc, b, (Selection){ SELECTION_COUNTRY, 99 });
    CHECK_EQ_U(doc.block_count, 0);
    panel_build(&doc, b, (Selection){ SELECTION_NONE, 0 });
    CHECK_EQ_U(doc.block_count, 0);
    panel_build(&doc, b, (Selection){ SELECTION_EVENT, 0 });
    CHECK_EQ_U(doc.block_count, 0);

    panel_build(&doc, b, (Selection){ SELECTION_EVENT, 2 });
    char text[4096];
    size_t n = panel_plain_text(&doc, text, sizeof text);
    CHECK(n == strlen(text));
    CHECK(strncmp(text, "Deal\n", 5) == 0);
    /* A passage is copied as the screen shows it: no quotation marks added
     * around a locator that has none, none doubled around one that has. */
    CHECK(strstr(text, "\npara 2\n") != NULL);
    CHECK(strstr(text, "\n\"a quoted phrase\"\n") != NULL);
    CHECK(strstr(text, "“") == NULL && strstr(text, "”") == NULL);
    CHECK(strstr(text, "• Uzbekistan") != NULL);
    /* A tiny buffer is filled safely and terminated. */
    char small[8];
    n = panel_plain_text(&doc, small, sizeof small);
    CHECK(n == 7 && strlen(small) == 7);
}

/* An exported figure's caption: the atlas's name, what is shown and the
 * documents cited for it (all five when nothing is selected). */
static void test_figure_caption(const Bundle *rb)
{
    static App app;
    CHECK(app_init(&app, rb, 1000, 700, 0));
    char title[512], sources[2048];
    panel_figure_caption(&app, title, sizeof title, sources, sizeof sources);
    CHECK(strncmp(title, "Steppe Atlas — Central Asia, events ", 36 + 2) == 0);
    CHECK(strncmp(sources, "Sources: ", 9) == 0);
    for (uint32_t i = 1; i <= rb->article_count; i++) CHECK(strstr(sources, bundle_article(rb, i).title) != NULL);
    /* an event: its own sources only */
    uint32_t ev = 0;
    for (uint32_t i = 1; i <= rb->event_count && !ev; i++)
        if (bundle_event(rb, i).source_count == 1) ev = i;
    CHECK(ev > 0);
    Command c = cmd_select(SELECTION_EVENT, ev);
    app_apply(&app, &c, 0);
    panel_figure_caption(&app, title, sizeof title, sources, sizeof sources);
    BundleEvent e = bundle_event(rb, ev);
    BundleArticle a = bundle_article(rb, bundle_source(rb, e.source_first).article);
    CHECK(strstr(title, e.title) != NULL);
    char want[1024];
    snprintf(want, sizeof want, "Source: %s (", a.title);
    CHECK(strncmp(sources, want, strlen(want)) == 0);
    /* the figure is the map and the strip below it; the caption takes the timeline's place */
    const ScreenLayout *l = &app.screen;
    CHECK(l->figure.w == l->map.w && l->figure.h == l->map.h + l->timeline.h && l->figure.x == l->map.x);
    CHECK(l->figure_caption.y == l->map.y + l->map.h && l->figure_caption.h == l->timeline.h);
    app_destroy(&app);
}

/* The copy text holds every block's text as the panel draws it, one line
 * each: a passage's quotation marks are the locator's own, never doubled. */
static void check_copy_matches_screen(const PanelDoc *d)
{
    static char text[PANEL_TEXT_SIZE + 4096];
    panel_plain_text(d, text, sizeof text);
    CHECK(strstr(text, "“\"") == NULL && strstr(text, "\"”") == NULL);
    const char *at = text;
    for (int i = 0; i < d->block_count; i++) {
        char line[2048];
        snprintf(line, sizeof line, "%s%s\n", d->blocks[i].style == PANEL_BULLET ? "• " : "", panel_block_text(d, i));
        const char *found = strstr(at, line);
        CHECK(found == at);
        if (found != at) { printf("  copy text differs at block %d: %s", i, line); return; }
        at += strlen(line);
    }
}

/* The document as JSON for the page's screen-reader mirror. */
static void test_json(const Bundle *b)
{
    TextOut o = { 0 };
    text_out_reset_growing(&o);
    panel_build(&doc, b, (Selection){ SELECTION_EVENT, 2 });
    panel_json(&doc, b, &o);
    const char *j = text_out_result(&o, "");
    CHECK(strncmp(j, "{\"about\":\"event\",\"key\":", 23) == 0);
    CHECK(strstr(j, "\"blocks\":[{\"style\":\"title\",\"text\":\"Deal\"}") != NULL);
    CHECK(strstr(j, "{\"style\":\"heading\",\"text\":\"Sources\"}") != NULL);
    char want[256];
    snprintf(want, sizeof want, "{\"style\":\"link\",\"text\":\"Second article\",\"link\":{\"kind\":\"article\",\"key\":\"%s\"}}",
             bundle_article(b, 2).key);
    CHECK(strstr(j, want) != NULL);
    CHECK(strstr(j, "\"style\":\"quote\"") != NULL);
    CHECK(j[strlen(j) - 1] == '}');
    /* A country's event links carry their category. */
    panel_build(&doc, b, (Selection){ SELECTION_COUNTRY, 1 });
    text_out_reset_growing(&o);
    panel_json(&doc, b, &o);
    j = text_out_result(&o, "");
    CHECK(strstr(j, "\"link\":{\"kind\":\"event\"") != NULL);
    CHECK(strstr(j, "\"category\":\"") != NULL);
    panel_build(&doc, b, (Selection){ SELECTION_NONE, 0 });
    text_out_reset_growing(&o);
    panel_json(&doc, b, &o);
    CHECK_STR(text_out_result(&o, ""), "{\"about\":\"none\",\"key\":null,\"truncated\":false,\"blocks\":[]}");
    CHECK_STR(panel_style_name(PANEL_LINK), "link");
    CHECK_STR(panel_style_name((PanelStyle)99), "");
    text_out_free(&o);
}

int main(int argc, char **argv)
{
    size_t size;
    uint8_t *data = tb_fixture_bundle(&size);
    Bundle b;
    char message[256];
    CHECK(bundle_open(&b, data, size, message, sizeof message) == BUNDLE_OK);
    test_dates();
    test_country(&b);
    test_event(&b);
    test_citations();
    test_article_and_place(&b);
    test_invalid_and_plain_text(&b);
    test_event_notes();
    test_json(&b);
    /* Every record of the real bundle builds a document without running out. */
    size_t real_size;
    uint8_t *real = argc > 1 ? test_read_file(argv[1], &real_size) : NULL;
    Bundle rb;
    if (real && bundle_open(&rb, real, real_size, message, sizeof message) == BUNDLE_OK) {
        int built = 0;
        for (uint32_t i = 1; i <= rb.country_count; i++, built++) panel_build(&doc, &rb, (Selection){ SELECTION_COUNTRY, i });
        for (uint32_t i = 1; i <= rb.event_count; i++, built++) {
            panel_build(&doc, &rb, (Selection){ SELECTION_EVENT, i });
            CHECK(doc.block_count >= 4 && !doc.truncated);
            check_copy_matches_screen(&doc);
        }
        for (uint32_t i = 1; i <= rb.article_count; i++, built++) {
            panel_build(&doc, &rb, (Selection){ SELECTION_ARTICLE, i });
            CHECK(find_block(&doc, PANEL_HEADING, "Summary") >= 0);
            CHECK(find_block(&doc, PANEL_HEADING, "How to cite it") >= 0);
            /* every real document's byline names an author or says none is named */
            BundleArticle ra = bundle_article(&rb, i);
            CHECK(find_block(&doc, PANEL_SUBTITLE, ra.author[0] ? ra.author : "No author") >= 0);
            if (!ra.outlet[0]) CHECK(find_block(&doc, PANEL_SUBTITLE, "outlet named in the document") >= 0);
            CHECK(find_block(&doc, PANEL_META, ra.file) < 0);
        }
        for (uint32_t i = 1; i <= rb.place_count; i++, built++) panel_build(&doc, &rb, (Selection){ SELECTION_PLACE, i });
        printf("built %d documents from the real bundle\n", built);
        test_figure_caption(&rb);
        bundle_close(&rb);
    } else {
        printf("skip: no real bundle given\n");
    }
    free(real);
    bundle_close(&b);
    free(data);
    return test_finish();
}
