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
} PanelBlock;

#define PANEL_MAX_BLOCKS 512
#define PANEL_TEXT_SIZE (96 * 1024)

typedef struct PanelDoc {
    Selection about;    /* what the document describes */
    PanelBlock blocks[PANEL_MAX_BLOCKS];
    int block_count;
    char text[PANEL_TEXT_SIZE]; /* NUL-separated strings */
    uint32_t text_used;
    bool truncated;     /* blocks or text ran out; the panel says so at the end */
} PanelDoc;

/* Builds the document for a selection (an empty one for SELECTION_NONE). */
void panel_build(PanelDoc *doc, const Bundle *b, Selection about);

/* The text of a block. */
const char *panel_block_text(const PanelDoc *doc, int index);

/* The whole document as plain text, one block per line (bullets start "• ",
 * quotations are in quotes). Returns the length (truncated to out_size - 1). */
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
