/* text_sizes: every size text is drawn at, in one table.
 *
 * Sizes are css px of font-size, as a browser means it: the em square, so
 * 15 here is the size a web page's `font-size: 15px` would be (the font
 * back end maps the em, not ascent to descent, to these pixels). At 100 %
 * text scale body text is 15 px and nothing a reader needs is under
 * TEXT_MIN_CSS (issue 16 item 12: the panel's body had been 10.6 px, the
 * map key 8). The presenter's text scale multiplies all of them.
 * The renderer records the smallest size it draws (render_smallest_text_css)
 * so a test can hold the whole screen to the minimum.
 * Depends on nothing. */
#ifndef STEPPE_TEXT_SIZES_H
#define STEPPE_TEXT_SIZES_H

#define TEXT_MIN_CSS 12.0f            /* nothing essential smaller */

/* The panel's document. */
#define TEXT_PANEL_TITLE_CSS 22.0f
#define TEXT_PANEL_SUBTITLE_CSS 15.0f
#define TEXT_PANEL_HEADING_CSS 15.0f
#define TEXT_PANEL_BODY_CSS 15.0f
#define TEXT_PANEL_QUOTE_CSS 15.0f
#define TEXT_PANEL_META_CSS 13.0f     /* sources, dates, bylines */

/* Controls and messages. */
#define TEXT_BUTTON_CSS 14.0f         /* labelled buttons: "Details", "Tours" */
#define TEXT_MESSAGE_CSS 14.0f        /* notices and toasts */
#define TEXT_SEARCH_QUERY_CSS 15.0f
#define TEXT_SEARCH_TITLE_CSS 14.0f   /* a result's name */
#define TEXT_SEARCH_DETAIL_CSS 12.5f  /* its kind and snippet */
#define TEXT_TIMELINE_CSS 12.5f       /* the range line, the category switches */
#define TEXT_TIMELINE_YEAR_CSS 12.0f  /* the years under the track */
#define TEXT_KEY_TITLE_CSS 13.5f      /* "Map key" */
#define TEXT_KEY_CSS 12.5f            /* its rows and the scale bar */
#define TEXT_KEY_NOTE_CSS 12.0f       /* the projection's name */
#define TEXT_ATTRIBUTION_CSS 12.0f
#define TEXT_FIGURE_CAPTION_CSS 12.0f /* an exported figure's sources and attribution */
#define TEXT_ICON_GLYPH_CSS 18.0f     /* a glyph used as an icon: the close button's "×" */
#define TEXT_HINT_CSS 14.0f          /* the first visit's hint */
#define TEXT_HELP_TITLE_CSS 18.0f     /* the '?' card */
#define TEXT_HELP_CSS 14.0f

/* The presenter window (native --presenter): read from arm's length. */
#define TEXT_PRESENTER_TOUR_CSS 13.0f
#define TEXT_PRESENTER_WHERE_CSS 16.0f
#define TEXT_PRESENTER_CLOCK_CSS 26.0f
#define TEXT_PRESENTER_TITLE_CSS 24.0f
#define TEXT_PRESENTER_HEADING_CSS 12.0f
#define TEXT_PRESENTER_NOTES_CSS 17.0f
#define TEXT_PRESENTER_NEXT_CSS 15.0f
#define TEXT_PRESENTER_HINT_CSS 12.0f

/* On the map. */
#define TEXT_COUNTRY_RANK1_CSS 16.0f  /* the five states' names */
#define TEXT_COUNTRY_RANK2_CSS 14.0f
#define TEXT_COUNTRY_RANK3_CSS 13.0f
#define TEXT_COUNTRY_RANK4_CSS 12.0f
#define TEXT_PLACE_CAPITAL_CSS 13.0f
#define TEXT_PLACE_CSS 12.0f
#define TEXT_HOVER_NAME_CSS 14.0f     /* the name beside the pointer */
#define TEXT_TOOLTIP_TITLE_CSS 14.0f
#define TEXT_TOOLTIP_CSS 13.0f
#define TEXT_MARKER_COUNT_CSS 12.0f   /* a cluster's or an edge badge's count */
#define TEXT_ARC_LABEL_CSS 12.5f      /* trade figures on the relations layer */
#define TEXT_MAP_TITLE_CSS 15.0f      /* the atlas's name over the map */

/* Inside drawn symbols (the key's sample cluster): part of a picture whose
 * meaning the row's text gives, so allowed under the minimum. */
#define TEXT_SYMBOL_CSS 9.0f

#endif
