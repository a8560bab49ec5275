/* theme: colour tables. See theme.h. */
#include "theme.h"

#include "core/bundle.h"

const Theme THEME_DEFAULT = {
    .water = { 0xB9, 0xD3, 0xE3, 255 },
    .land_focus = {
        { 0xEE, 0xCB, 0x7E, 255 }, /* sand gold */
        { 0xA9, 0xCF, 0x9A, 255 }, /* sage */
        { 0xE8, 0xA8, 0x8E, 255 }, /* terracotta */
        { 0xC4, 0xB2, 0xDD, 255 }, /* lavender */
        { 0xDE, 0xA8, 0xC8, 255 }, /* orchid */
        { 0x9F, 0xCB, 0xC4, 255 }, /* teal */
    },
    .land_other = {
        { 0xEE, 0xEA, 0xDF, 255 },
        { 0xE6, 0xE1, 0xD2, 255 },
        { 0xF1, 0xEE, 0xE6, 255 },
        { 0xE9, 0xE4, 0xD8, 255 },
        { 0xE2, 0xDD, 0xCF, 255 },
        { 0xEC, 0xE8, 0xDC, 255 },
    },
    .border = { 0x8E, 0x86, 0x78, 255 },
    .border_focus = { 0x5A, 0x4E, 0x42, 255 },
    .coast = { 0x6F, 0x95, 0xAE, 255 },
    .hover_tint = { 0xFF, 0xFF, 0xFF, 90 },
    .selected_outline = { 0xB0, 0x2E, 0x26, 255 },
    .label = { 0x2B, 0x25, 0x20, 255 },
    .label_halo = { 0xFF, 0xFD, 0xF7, 210 },
    .label_minor = { 0x5C, 0x55, 0x4C, 255 },
    .panel_bg = { 0xFF, 0xFD, 0xF8, 255 },
    .panel_text = { 0x22, 0x1F, 0x1B, 255 },
    .panel_muted = { 0x6B, 0x64, 0x5A, 255 },
    .panel_rule = { 0xD9, 0xD2, 0xC4, 255 },
    .link = { 0x1D, 0x5C, 0x8C, 255 },
    .button_hover = { 0xF0, 0xEA, 0xDD, 255 },
    /* Okabe–Ito based: distinguishable with the common colour-vision deficiencies. */
    .category = {
        { 0x00, 0x72, 0xB2, 255 }, /* diplomacy: blue */
        { 0xD5, 0x5E, 0x00, 255 }, /* security: vermillion */
        { 0x00, 0x9E, 0x73, 255 }, /* trade: bluish green */
        { 0xE6, 0x9F, 0x00, 255 }, /* economy: orange */
        { 0xCC, 0x79, 0xA7, 255 }, /* politics: reddish purple */
        { 0x56, 0xB4, 0xE9, 255 }, /* education: sky blue */
        { 0x6B, 0x8E, 0x23, 255 }, /* environment: olive */
        { 0x88, 0x22, 0x55, 255 }, /* health: wine */
        { 0x7E, 0x6B, 0x5A, 255 }, /* culture: umber */
    },
};

Rgba theme_country_fill(const Theme *t, uint32_t flags, uint32_t color_slot)
{
    color_slot %= 6;
    return (flags & COUNTRY_FLAG_CENTRAL_ASIA) ? t->land_focus[color_slot] : t->land_other[color_slot];
}
