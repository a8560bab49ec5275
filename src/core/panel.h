/* panel: what the side panel says about the current selection, as plain data.
 *
 * panel_build turns a selection (country, place, event or article) into a
 * list of styled blocks of UTF-8 text — headings, paragraphs, bullets,
 * quotations, links — that the UI lays out and draws, and that is also the
 * plain-text mirror of the panel (panel_plain_text) for copying, tests and,
 * as JSON (panel_json), the page's screen-reader DOM. Every country, place, event or article named
 * in a block that can be selected carries a link to it.
 * Depends on the C library and bundle.h only. */
#ifndef STEPPE_PANEL_H
#define STEPPE_PANEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "bundle.h"
#include "text_out.h"

typedef enum PanelStyle {
    PANEL_TITLE,     /* the selection's name */
    PANEL_SUBTITLE,  /* local name, or kind and date */
    PANEL_HEADING,   /* a section: "Key figures", "Sources", ... */
    PANEL_BODY,      /* a paragraph */
    PANEL_BULLET,    /* an item of a list */
    PANEL_QUOTE,     /* a passage from a source, set apart */
    PANEL_META,      /* small print: authors, outlets, dates */
    PANEL_LINK,      /* a line that selects something when clicked */
} PanelStyle;

typedef struct PanelBlock {
    PanelStyle style;
    uint32_t text;      /* offset into PanelDoc.text */
    Selection link;     /* SELECTION_NONE if the block is not a link */
    uint8_t category;   /* for event links: the category (colour swatch), else 0xFF */
    uint32_t tour;      /* a link that starts this tour (the tour list), else 0 */
    uint8_t quiz_action; /* a link in a quiz: PANEL_QUIZ_*, else PANEL_QUIZ_NONE */
    uint8_t quiz_choice; /* PANEL_QUIZ_CHOICE: the choice's index */
} PanelBlock;

enum { PANEL_QUIZ_NONE, PANEL_QUIZ_CHOICE, PANEL_QUIZ_SKIP, PANEL_QUIZ_NEXT, PANEL_QUIZ_END };

#define PANEL_MAX_BLOCKS 512
#define PANEL_TEXT_SIZE (96 * 1024)

typedef enum PanelSubject {
    PANEL_ABOUT_SELECTION, PANEL_ABOUT_TOUR_LIST, PANEL_ABOUT_TOUR_STOP, PANEL_ABOUT_QUIZ
} PanelSubject;

typedef struct PanelDoc {
    PanelSubject subject; /* a selection, the tour list, or a tour's stop */
    Selection about;    /* what the document describes */
    uint32_t tour, stop; /* PANEL_ABOUT_TOUR_STOP: the tour and its stop (0-based); PANEL_ABOUT_QUIZ: seed, step */
    PanelBlock blocks[PANEL_MAX_BLOCKS];
    int block_count;
    char text[PANEL_TEXT_SIZE]; /* NUL-separated strings */
    uint32_t text_used;
    bool truncated;     /* blocks or text ran out; the panel says so at the end */
} PanelDoc;

/* An article's byline as the document states it: "Author, Outlet · 7 June
 * 2021", saying in words which the document does not name ("Wilder Alejandro
 * Sanchez · no outlet named in the document · 2019"). */
void panel_format_byline(char *out, size_t out_size, const BundleArticle *a);
/* A full citation: "Author, “Title”, Outlet, date." with the same words for
 * what the document does not name. */
void panel_format_citation(char *out, size_t out_size, const BundleArticle *a);

/* The caption of an exported figure: its title ("Steppe Atlas — Kazakhstan,
 * events 1990–2022") and its sources ("Sources: Title (2019); ..."), the
 * documents the panel cites for what is shown (all of them when nothing is
 * selected). */
void panel_figure_caption(const App *app, char *title, size_t title_size, char *sources, size_t sources_size);

/* Builds the document for a selection (an empty one for SELECTION_NONE). */
void panel_build(PanelDoc *doc, const Bundle *b, Selection about);

/* The list of tours, each a link that starts it. */
void panel_build_tour_list(PanelDoc *doc, const Bundle *b);
/* A tour stop's slide: its title, "Tour · 4 / 15", its text and sources. */
void panel_build_tour_stop(PanelDoc *doc, const Bundle *b, uint32_t tour, uint32_t stop);
/* A quiz's current question (with its choices), its feedback once answered,
 * or the summary at the end. */
void panel_build_quiz(PanelDoc *doc, const App *app);
/* Whether doc describes what the app shows now (else it is built again). */
bool panel_doc_is_current(const PanelDoc *doc, const App *app);
/* Builds the document for what the app shows: a tour's slide or list, or the selection. */
void panel_build_for(PanelDoc *doc, const App *app);

/* The text of a block. */
const char *panel_block_text(const PanelDoc *doc, int index);
/* Whether a block does something when clicked: selects, opens a tour stop, answers. */
static inline bool panel_block_is_link(const PanelBlock *block)
{
    return block->link.kind != SELECTION_NONE || block->tour || block->quiz_action != PANEL_QUIZ_NONE;
}

/* The whole document as plain text, one block per line, as the panel shows
 * it (bullets start "• ", a passage is its locator as written). Returns the
 * length (truncated to out_size - 1). */
size_t panel_plain_text(const PanelDoc *doc, char *out, size_t out_size);

/* The style's name in panel_json: "title", "subtitle", "heading", "body",
 * "bullet", "quote", "meta", "link" ("" out of range). */
const char *panel_style_name(PanelStyle style);

/* The document as JSON, for the page's screen-reader mirror:
 * {"about":KIND,"key":KEY|null,"truncated":BOOL,"blocks":[{"style":STYLE,"text":TEXT
 *  [,"link":{"kind":KIND,"key":KEY}][,"category":NAME]}]}; KIND is a
 * selection kind's JSON name (state.h), every string escaped by text_out. */
void panel_json(const PanelDoc *doc, const Bundle *b, TextOut *out);

/* "9 June 2019", "June 2019" or "2019", after the event's precision. */
void panel_format_date(char *out, size_t out_size, unsigned year, unsigned month, unsigned day, unsigned precision);

/* "2019-06-09" style ISO dates from articles, formatted the same way. */
void panel_format_iso_date(char *out, size_t out_size, const char *iso);

#endif
