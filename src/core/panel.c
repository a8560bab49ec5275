/* panel: the side panel's content for a selection. See panel.h. */
#include "panel.h"

#include "quiz.h"
#include "text_out.h"

#include <math.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const MONTHS[12] = { "January", "February", "March", "April", "May", "June", "July",
                                        "August", "September", "October", "November", "December" };

void panel_format_date(char *out, size_t out_size, unsigned year, unsigned month, unsigned day, unsigned precision)
{
    if (precision >= DATE_PRECISION_DAY && month >= 1 && month <= 12 && day >= 1)
        snprintf(out, out_size, "%u %s %u", day, MONTHS[month - 1], year);
    else if (precision >= DATE_PRECISION_MONTH && month >= 1 && month <= 12)
        snprintf(out, out_size, "%s %u", MONTHS[month - 1], year);
    else
        snprintf(out, out_size, "%u", year);
}

/* Reads 1 to max_digits decimal digits at *s into *value, advancing *s. */
static bool read_digits(const char **s, unsigned max_digits, unsigned *value)
{
    unsigned n = 0, v = 0;
    while (n < max_digits && (*s)[n] >= '0' && (*s)[n] <= '9') v = v * 10 + (unsigned)((*s)[n++] - '0');
    *s += n;
    *value = v;
    return n > 0;
}

/* By hand rather than sscanf("%4u-%2u-%2u"): sscanf brought the whole scanf
 * engine into the page's code, 2.2 KiB gzipped (issue 12). */
void panel_format_iso_date(char *out, size_t out_size, const char *iso)
{
    unsigned y = 0, m = 0, d = 0, fields = 0;
    const char *s = iso;
    if (read_digits(&s, 4, &y)) {
        fields = 1;
        if (*s == '-' && (s++, read_digits(&s, 2, &m))) {
            fields = 2;
            if (*s == '-' && (s++, read_digits(&s, 2, &d))) fields = 3;
        }
    }
    if (fields == 0) { snprintf(out, out_size, "%s", iso); return; }
    panel_format_date(out, out_size, y, m, d, fields);
}

void panel_format_byline(char *out, size_t out_size, const BundleArticle *a)
{
    char date[48];
    panel_format_iso_date(date, sizeof date, a->date);
    const char *sep = date[0] ? " · " : "";
    if (a->author[0] && a->outlet[0]) snprintf(out, out_size, "%s, %s%s%s", a->author, a->outlet, sep, date);
    else if (a->author[0]) snprintf(out, out_size, "%s · no outlet named in the document%s%s", a->author, sep, date);
    else if (a->outlet[0]) snprintf(out, out_size, "%s · no author named in the document%s%s", a->outlet, sep, date);
    else snprintf(out, out_size, "No author or outlet named in the document%s%s", sep, date);
}

void panel_format_citation(char *out, size_t out_size, const BundleArticle *a)
{
    char date[48];
    panel_format_iso_date(date, sizeof date, a->date);
    snprintf(out, out_size, "%s, “%s”, %s%s%s.", a->author[0] ? a->author : "No author named in the document", a->title,
             a->outlet[0] ? a->outlet : "no outlet named in the document", date[0] ? ", " : "", date);
}

/* Appends a block with formatted text; marks the document truncated when full. */
static PanelBlock *add(PanelDoc *doc, PanelStyle style, const char *fmt, ...)
{
    if (doc->block_count >= PANEL_MAX_BLOCKS - 1) { doc->truncated = true; return NULL; }
    size_t room = PANEL_TEXT_SIZE - doc->text_used;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(doc->text + doc->text_used, room, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= room) {
        doc->text[doc->text_used] = 0;
        doc->truncated = true;
        return NULL;
    }
    PanelBlock *blk = &doc->blocks[doc->block_count++];
    blk->style = style;
    blk->text = doc->text_used;
    blk->link.kind = SELECTION_NONE;
    blk->link.id = 0;
    blk->category = 0xFF;
    blk->tour = 0;
    blk->quiz_action = PANEL_QUIZ_NONE;
    blk->quiz_choice = 0;
    doc->text_used += (uint32_t)n + 1;
    return blk;
}

static void add_link(PanelDoc *doc, PanelStyle style, SelectionKind kind, uint32_t id, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    PanelBlock *blk = add(doc, style, "%s", line);
    if (blk && id) {
        blk->link.kind = kind;
        blk->link.id = id;
    }
}

/* Each line of a '\n'-separated string as one block. */
static void add_lines(PanelDoc *doc, PanelStyle style, const char *text)
{
    while (*text) {
        const char *end = strchr(text, '\n');
        size_t len = end ? (size_t)(end - text) : strlen(text);
        if (len > 0) add(doc, style, "%.*s", (int)len, text);
        text += len + (end ? 1 : 0);
    }
}

static void add_event_link(PanelDoc *doc, const Bundle *b, uint32_t event_id)
{
    BundleEvent e = bundle_event(b, event_id);
    char date[48];
    panel_format_date(date, sizeof date, e.year, e.month, e.day, e.precision);
    add_link(doc, PANEL_LINK, SELECTION_EVENT, event_id, "%s — %s", date, e.title);
    doc->blocks[doc->block_count - 1].category = e.category;
}

/* The sources of a fact: article title (a link), its byline, and the passage. */
static void add_sources(PanelDoc *doc, const Bundle *b, uint32_t first, uint32_t count, bool with_passage)
{
    for (uint32_t i = 0; i < count; i++) {
        BundleSource s = bundle_source(b, first + i);
        BundleArticle a = bundle_article(b, s.article);
        add_link(doc, PANEL_LINK, SELECTION_ARTICLE, s.article, "%s", a.title);
        char byline[512];
        panel_format_byline(byline, sizeof byline, &a);
        add(doc, PANEL_META, "%s", byline);
        if (with_passage && s.locator[0]) add(doc, PANEL_QUOTE, "%s", s.locator);
    }
}

static void source_note(char *out, size_t size, const Bundle *b, uint32_t first, uint32_t count)
{
    out[0] = 0;
    size_t used = 0;
    for (uint32_t i = 0; i < count && used + 1 < size; i++) {
        BundleArticle a = bundle_article(b, bundle_source(b, first + i).article);
        /* The title, not the author: one author wrote several of the documents. */
        int n = snprintf(out + used, size - used, "%s%s", i ? "; " : "", a.title);
        if (n < 0) break;
        used += (size_t)n;
    }
}

/* "a|b|c" -> "a, b, c" (alternative names and topics are '|'-separated). */
static void join_list(char *out, size_t size, const char *list)
{
    size_t used = 0;
    for (; *list && used + 3 < size; list++) {
        if (*list == '|') { out[used++] = ','; out[used++] = ' '; }
        else out[used++] = *list;
    }
    out[used] = 0;
}

static bool event_involves(const Bundle *b, const BundleEvent *e, uint32_t country_id)
{
    for (uint32_t i = 0; i < e->country_count; i++)
        if (bundle_list_id(b, e->country_first + i) == country_id) return true;
    return false;
}

static bool event_cites(const Bundle *b, const BundleEvent *e, uint32_t article_id)
{
    for (uint32_t i = 0; i < e->source_count; i++)
        if (bundle_source(b, e->source_first + i).article == article_id) return true;
    return false;
}

static void format_relation(char *out, size_t size, const Bundle *b, const BundleRelation *r)
{
    char value[64] = "";
    if (!isnan(r->value)) {
        if (r->value == floorf(r->value)) snprintf(value, sizeof value, ": %.0f %s", (double)r->value, r->unit);
        else snprintf(value, sizeof value, ": %.2g %s", (double)r->value, r->unit);
    }
    char year[16] = "";
    if (r->year) snprintf(year, sizeof year, " (%u)", r->year);
    (void)b;
    snprintf(out, size, "%s%s%s", r->label, value, year);
}

static void build_country(PanelDoc *doc, const Bundle *b, uint32_t id)
{
    BundleCountry c = bundle_country(b, id);
    add(doc, PANEL_TITLE, "%s", c.name);
    if (c.name_local[0] && strcmp(c.name_local, c.name) != 0) add(doc, PANEL_SUBTITLE, "%s", c.name_local);
    if (c.capital) {
        BundlePlace cap = bundle_place(b, c.capital);
        add_link(doc, PANEL_META, SELECTION_PLACE, c.capital, "Capital: %s", cap.name);
    }
    if (c.profile[0]) {
        add(doc, PANEL_HEADING, "Profile");
        add_lines(doc, PANEL_BODY, c.profile);
    }
    bool heading = false;
    for (uint32_t f = 1; f <= b->figure_count; f++) {
        BundleFigure fig = bundle_figure(b, f);
        if (fig.country != id) continue;
        if (!heading) { add(doc, PANEL_HEADING, "Key figures"); heading = true; }
        char year[16] = "";
        if (fig.year) snprintf(year, sizeof year, " (%u)", fig.year);
        add(doc, PANEL_BULLET, "%s: %s%s", fig.label, fig.value, year);
        char note[256];
        source_note(note, sizeof note, b, fig.source_first, fig.source_count);
        if (fig.source_count) {
            BundleSource s = bundle_source(b, fig.source_first);
            add_link(doc, PANEL_META, SELECTION_ARTICLE, s.article, "Source: %s", note);
        }
    }
    heading = false;
    for (uint32_t r = 1; r <= b->relation_count; r++) {
        BundleRelation rel = bundle_relation(b, r);
        if (rel.country_a != id && rel.country_b != id) continue;
        if (!heading) { add(doc, PANEL_HEADING, "Relations"); heading = true; }
        char line[512];
        format_relation(line, sizeof line, b, &rel);
        uint32_t other = rel.country_a == id ? rel.country_b : rel.country_a;
        if (other) add_link(doc, PANEL_BULLET, SELECTION_COUNTRY, other, "%s", line);
        else add(doc, PANEL_BULLET, "%s", line);
        char note[256];
        source_note(note, sizeof note, b, rel.source_first, rel.source_count);
        if (rel.source_count)
            add_link(doc, PANEL_META, SELECTION_ARTICLE, bundle_source(b, rel.source_first).article, "Source: %s", note);
    }
    heading = false;
    for (uint32_t e = 1; e <= b->event_count; e++) {
        BundleEvent ev = bundle_event(b, e);
        if (!event_involves(b, &ev, id)) continue;
        if (!heading) { add(doc, PANEL_HEADING, "Events"); heading = true; }
        add_event_link(doc, b, e);
    }
    if (!c.profile[0] && !heading) add(doc, PANEL_META, "The source documents say little about this country.");
}

static void build_event(PanelDoc *doc, const Bundle *b, uint32_t id)
{
    BundleEvent e = bundle_event(b, id);
    char date[48];
    panel_format_date(date, sizeof date, e.year, e.month, e.day, e.precision);
    add(doc, PANEL_TITLE, "%s", e.title);
    add(doc, PANEL_SUBTITLE, "%s%s%s%s · %s", date, e.date_note[0] ? " (" : "", e.date_note,
        e.date_note[0] ? ")" : "", bundle_category_name(e.category));
    BundlePlace p = bundle_place(b, e.place);
    BundleCountry pc = bundle_country(b, p.country);
    add_link(doc, PANEL_META, SELECTION_PLACE, e.place, "Place: %s%s%s", p.name, pc.name[0] ? ", " : "", pc.name);
    if (e.place_note[0]) add(doc, PANEL_META, "%s", e.place_note);
    add_lines(doc, PANEL_BODY, e.summary);
    if (e.country_count) {
        add(doc, PANEL_HEADING, "Countries involved");
        for (uint32_t i = 0; i < e.country_count; i++) {
            uint32_t cid = bundle_list_id(b, e.country_first + i);
            add_link(doc, PANEL_BULLET, SELECTION_COUNTRY, cid, "%s", bundle_country(b, cid).name);
        }
    }
    add(doc, PANEL_HEADING, e.source_count == 1 ? "Source" : "Sources");
    add_sources(doc, b, e.source_first, e.source_count, true);
}

static void build_article(PanelDoc *doc, const Bundle *b, uint32_t id)
{
    BundleArticle a = bundle_article(b, id);
    add(doc, PANEL_TITLE, "%s", a.title);
    char line[1024];
    panel_format_byline(line, sizeof line, &a);
    add(doc, PANEL_SUBTITLE, "%s", line);
    if (a.date_note[0]) add(doc, PANEL_META, "Dating: %s", a.date_note);
    add(doc, PANEL_HEADING, "Summary");
    add_lines(doc, PANEL_BODY, a.summary);
    if (a.key_points[0]) {
        add(doc, PANEL_HEADING, "Key points");
        add_lines(doc, PANEL_BULLET, a.key_points);
    }
    bool heading = false;
    for (uint32_t e = 1; e <= b->event_count; e++) {
        BundleEvent ev = bundle_event(b, e);
        if (!event_cites(b, &ev, id)) continue;
        if (!heading) { add(doc, PANEL_HEADING, "Events it reports"); heading = true; }
        add_event_link(doc, b, e);
    }
    if (a.topics[0]) {
        add(doc, PANEL_HEADING, "Topics");
        char topics[1024];
        join_list(topics, sizeof topics, a.topics);
        add(doc, PANEL_META, "%s", topics);
    }
    add(doc, PANEL_HEADING, "How to cite it");
    panel_format_citation(line, sizeof line, &a);
    add(doc, PANEL_META, "%s", line);
}

static void build_place(PanelDoc *doc, const Bundle *b, uint32_t id)
{
    BundlePlace p = bundle_place(b, id);
    add(doc, PANEL_TITLE, "%s", p.name);
    if (p.name_local[0] && strcmp(p.name_local, p.name) != 0) add(doc, PANEL_SUBTITLE, "%s", p.name_local);
    if (p.country) add_link(doc, PANEL_META, SELECTION_COUNTRY, p.country, "%s in %s", p.kind, bundle_country(b, p.country).name);
    else add(doc, PANEL_META, "%s", p.kind);
    if (p.alt_names[0]) {
        char names[1024];
        join_list(names, sizeof names, p.alt_names);
        add(doc, PANEL_META, "Also: %s", names);
    }
    add(doc, PANEL_META, "%.2f°%c, %.2f°%c", fabs((double)p.lat_deg), p.lat_deg >= 0 ? 'N' : 'S',
        fabs((double)p.lon_deg), p.lon_deg >= 0 ? 'E' : 'W');
    bool heading = false;
    for (uint32_t e = 1; e <= b->event_count; e++) {
        BundleEvent ev = bundle_event(b, e);
        if (ev.place != id) continue;
        if (!heading) { add(doc, PANEL_HEADING, "Events here"); heading = true; }
        add_event_link(doc, b, e);
    }
}

static void doc_reset(PanelDoc *doc, PanelSubject subject)
{
    doc->subject = subject;
    doc->about = (Selection){ SELECTION_NONE, 0 };
    doc->tour = doc->stop = 0;
    doc->block_count = 0;
    doc->text_used = 0;
    doc->truncated = false;
}

void panel_build_tour_list(PanelDoc *doc, const Bundle *b)
{
    doc_reset(doc, PANEL_ABOUT_TOUR_LIST);
    add(doc, PANEL_TITLE, "Guided tours");
    add(doc, PANEL_SUBTITLE, "Stories told with the map, stop by stop");
    for (uint32_t id = 1; id <= b->tour_count; id++) {
        BundleTour t = bundle_tour(b, id);
        PanelBlock *blk = add(doc, PANEL_HEADING, "%s", t.title);
        (void)blk;
        if (t.summary[0]) add(doc, PANEL_BODY, "%s", t.summary);
        PanelBlock *link = add(doc, PANEL_LINK, "Start the tour (%u stops) ›", t.stop_count);
        if (link) link->tour = id;
    }
    add(doc, PANEL_META, "In a tour: → or Space for the next stop, ← for the previous, Home and End for the first "
                         "and last, B to blank the screen, Esc to leave.");
}

void panel_build_tour_stop(PanelDoc *doc, const Bundle *b, uint32_t tour, uint32_t stop)
{
    doc_reset(doc, PANEL_ABOUT_TOUR_STOP);
    doc->tour = tour;
    doc->stop = stop;
    BundleTour t = bundle_tour(b, tour);
    BundleTourStop st = bundle_tour_stop(b, tour, stop);
    if (!t.stop_count || stop >= t.stop_count) return;
    add(doc, PANEL_TITLE, "%s", st.title);
    add(doc, PANEL_SUBTITLE, "%s · %u / %u", t.title, stop + 1, t.stop_count);
    add(doc, PANEL_BODY, "%s", st.text);
    add(doc, PANEL_HEADING, "Sources");
    add_sources(doc, b, st.source_first, st.source_count, true);
}

/* Where a quiz is: its question, whether answered, or finished. */
static uint32_t quiz_step(const App *app)
{
    const QuizMode *m = &app->mode.quiz;
    return (uint32_t)m->progress.index * 4u + (uint32_t)m->feedback;
}

static void quiz_link(PanelDoc *doc, int action, int choice, const char *text)
{
    PanelBlock *blk = add(doc, PANEL_LINK, "%s", text);
    if (!blk) return;
    blk->quiz_action = (uint8_t)action;
    blk->quiz_choice = (uint8_t)choice;
}

void panel_build_quiz(PanelDoc *doc, const App *app)
{
    const Bundle *b = app->bundle;
    const QuizMode *m = &app->mode.quiz;
    const Quiz *q = &m->quiz;
    doc_reset(doc, PANEL_ABOUT_QUIZ);
    doc->tour = q->settings.seed;
    doc->stop = quiz_step(app);
    char text[1024];
    if (quiz_finished(q, &m->progress)) {
        add(doc, PANEL_TITLE, "Quiz finished");
        add(doc, PANEL_SUBTITLE, "%d right out of %d", m->progress.score, q->count);
        TextOut o;
        static char summary[8192];
        text_out_fixed(&o, summary, sizeof summary);
        quiz_summary_write(q, &m->progress, b, &o);
        add_lines(doc, PANEL_BODY, summary);
        quiz_link(doc, PANEL_QUIZ_END, 0, "Leave the quiz ›");
        return;
    }
    int i = m->progress.index;
    const QuizQuestion *qq = &q->questions[i];
    add(doc, PANEL_TITLE, "Question %d of %d", i + 1, q->count);
    add(doc, PANEL_SUBTITLE, "Score %d / %d · seed %u", m->progress.score, m->progress.answered, q->settings.seed);
    quiz_question_text(q, i, b, text, sizeof text);
    add(doc, PANEL_BODY, "%s", text);
    if (m->feedback == QUIZ_REFUSED) {
        for (int c = 0; c < qq->choice_count; c++) {
            char choice[256];
            quiz_choice_text(q, i, c, b, choice, sizeof choice);
            snprintf(text, sizeof text, "%c) %s", 'a' + c, choice);
            quiz_link(doc, PANEL_QUIZ_CHOICE, c, text);
        }
        if (qq->choice_count == 0) add(doc, PANEL_META, "Answer by clicking the map.");
        quiz_link(doc, PANEL_QUIZ_SKIP, 0, "I don't know");
        return;
    }
    add(doc, PANEL_HEADING, "%s", m->feedback == QUIZ_RIGHT ? "Right" : "Not quite");
    if (m->feedback != QUIZ_RIGHT) {
        quiz_answer_text(q, i, qq->answer, b, text, sizeof text);
        add(doc, PANEL_BODY, "The answer: %s (shown on the map).", text);
    }
    quiz_feedback_text(q, i, b, text, sizeof text);
    add(doc, PANEL_BODY, "%s", text);
    add(doc, PANEL_HEADING, "Source");
    BundleSource src = bundle_source(b, qq->source_index);
    add_sources(doc, b, qq->source_index, src.article ? 1 : 0, true);
    quiz_link(doc, PANEL_QUIZ_NEXT, 0, i + 1 < q->count ? "Next question ›" : "See the results ›");
}

bool panel_doc_is_current(const PanelDoc *doc, const App *app)
{
    switch (app->mode.kind) {
    case APP_MODE_QUIZ:
        return doc->subject == PANEL_ABOUT_QUIZ && doc->tour == app->mode.quiz.quiz.settings.seed &&
               doc->stop == quiz_step(app);
    case APP_MODE_TOUR:
        return doc->subject == PANEL_ABOUT_TOUR_STOP && doc->tour == app->mode.tour.tour && doc->stop == app->mode.tour.stop;
    case APP_MODE_TOUR_LIST: return doc->subject == PANEL_ABOUT_TOUR_LIST;
    default:
        return doc->subject == PANEL_ABOUT_SELECTION && doc->about.kind == app->select.current.kind &&
               doc->about.id == app->select.current.id;
    }
}

void panel_build_for(PanelDoc *doc, const App *app)
{
    switch (app->mode.kind) {
    case APP_MODE_TOUR: panel_build_tour_stop(doc, app->bundle, app->mode.tour.tour, app->mode.tour.stop); break;
    case APP_MODE_TOUR_LIST: panel_build_tour_list(doc, app->bundle); break;
    case APP_MODE_QUIZ: panel_build_quiz(doc, app); break;
    default: panel_build(doc, app->bundle, app->select.current); break;
    }
}

void panel_build(PanelDoc *doc, const Bundle *b, Selection about)
{
    doc_reset(doc, PANEL_ABOUT_SELECTION);
    doc->about = about;
    switch (about.kind) {
    case SELECTION_COUNTRY: if (about.id && about.id <= b->country_count) build_country(doc, b, about.id); break;
    case SELECTION_EVENT: if (about.id && about.id <= b->event_count) build_event(doc, b, about.id); break;
    case SELECTION_ARTICLE: if (about.id && about.id <= b->article_count) build_article(doc, b, about.id); break;
    case SELECTION_PLACE: if (about.id && about.id <= b->place_count) build_place(doc, b, about.id); break;
    default: break;
    }
    if (doc->truncated) {
        doc->block_count = doc->block_count < PANEL_MAX_BLOCKS ? doc->block_count : PANEL_MAX_BLOCKS - 1;
        doc->truncated = false;
        add(doc, PANEL_META, "(The rest is too long to show.)");
        doc->truncated = true;
    }
}

const char *panel_block_text(const PanelDoc *doc, int index)
{
    if (index < 0 || index >= doc->block_count) return "";
    return doc->text + doc->blocks[index].text;
}

size_t panel_plain_text(const PanelDoc *doc, char *out, size_t out_size)
{
    if (!out_size) return 0;
    size_t used = 0;
    for (int i = 0; i < doc->block_count && used + 1 < out_size; i++) {
        const char *t = panel_block_text(doc, i);
        /* As the screen shows it: a bullet's dot, a passage as written (its
         * locator already carries the document's quotation marks). */
        const char *pre = doc->blocks[i].style == PANEL_BULLET ? "• " : "";
        int n = snprintf(out + used, out_size - used, "%s%s\n", pre, t);
        if (n < 0) break;
        used += (size_t)n;
        if (used >= out_size) used = out_size - 1;
    }
    out[used] = 0;
    return used;
}

const char *panel_style_name(PanelStyle style)
{
    static const char *const names[] = { "title", "subtitle", "heading", "body", "bullet", "quote", "meta", "link" };
    return (unsigned)style < sizeof names / sizeof names[0] ? names[style] : "";
}

/* The key a selection is known by in links and the URL, or NULL. */
static const char *selection_key(const Bundle *b, Selection s)
{
    switch (s.kind) {
    case SELECTION_COUNTRY: return s.id && s.id <= b->country_count ? bundle_country(b, s.id).iso3 : NULL;
    case SELECTION_PLACE: return s.id && s.id <= b->place_count ? bundle_place(b, s.id).key : NULL;
    case SELECTION_EVENT: return s.id && s.id <= b->event_count ? bundle_event(b, s.id).key : NULL;
    case SELECTION_ARTICLE: return s.id && s.id <= b->article_count ? bundle_article(b, s.id).key : NULL;
    default: return NULL;
    }
}

void panel_json(const PanelDoc *doc, const Bundle *b, TextOut *o)
{
    text_out_raw(o, "{\"about\":");
    text_out_json_string(o, app_selection_kind_name(doc->about.kind));
    text_out_raw(o, ",\"key\":");
    text_out_json_string_or_null(o, selection_key(b, doc->about));
    text_out_printf(o, ",\"truncated\":%s,\"blocks\":[", doc->truncated ? "true" : "false");
    for (int i = 0; i < doc->block_count; i++) {
        const PanelBlock *k = &doc->blocks[i];
        text_out_printf(o, "%s{\"style\":\"%s\",\"text\":", i ? "," : "", panel_style_name(k->style));
        text_out_json_string(o, panel_block_text(doc, i));
        const char *key = selection_key(b, k->link);
        if (key) {
            text_out_printf(o, ",\"link\":{\"kind\":\"%s\",\"key\":", app_selection_kind_name(k->link.kind));
            text_out_json_string(o, key);
            text_out_raw(o, "}");
        }
        if (k->category < CATEGORY_COUNT) text_out_printf(o, ",\"category\":\"%s\"", bundle_category_name(k->category));
        text_out_raw(o, "}");
    }
    text_out_raw(o, "]}");
}

void panel_figure_caption(const App *app, char *title, size_t title_size, char *sources, size_t sources_size)
{
    const Bundle *b = app->bundle;
    const char *key = NULL, *name = NULL;
    app_selection_names(app, app->select.current, &key, &name);
    const EventFilter *f = &app->timeline.filter;
    snprintf(title, title_size, "Steppe Atlas — %s, events %d–%d", name && name[0] ? name : "Central Asia", f->year_from,
             f->year_to);
    /* The documents cited, in the order the panel cites them. */
    static PanelDoc cited;
    panel_build_for(&cited, app);
    uint32_t ids[64];
    size_t n = 0;
    if (app->select.current.kind == SELECTION_ARTICLE) ids[n++] = app->select.current.id;
    for (int i = 0; i < cited.block_count && n < 64; i++) {
        const PanelBlock *k = &cited.blocks[i];
        if (k->link.kind != SELECTION_ARTICLE || !k->link.id) continue;
        bool seen = false;
        for (size_t j = 0; j < n; j++) seen = seen || ids[j] == k->link.id;
        if (!seen) ids[n++] = k->link.id;
    }
    if (n == 0)
        for (uint32_t id = 1; id <= b->article_count && n < 64; id++) ids[n++] = id;
    size_t used = (size_t)snprintf(sources, sources_size, "%s", n == 1 ? "Source: " : "Sources: ");
    for (size_t i = 0; i < n && used < sources_size; i++) {
        BundleArticle a = bundle_article(b, ids[i]);
        char year[8] = "";
        snprintf(year, sizeof year, "%.4s", a.date);
        int w = snprintf(sources + used, sources_size - used, "%s%s (%s%s%s)", i ? "; " : "", a.title,
                         a.author[0] ? a.author : "", a.author[0] && year[0] ? ", " : "", year);
        if (w < 0) break;
        used += (size_t)w;
    }
    if (sources_size) sources[sources_size - 1] = 0;
}
