/* theme: the atlas's colours, in one place. Calm, printed-atlas tones; the five
 * Central Asian states carry the strongest colours, water is clearly water.
 * Each country's palette slot (0..5) comes from the bundle, which colours the
 * country graph so that neighbours differ. */
#ifndef STEPPE_THEME_H
#define STEPPE_THEME_H

#include <stdint.h>

#include "core/state.h"

typedef struct Rgba { uint8_t r, g, b, a; } Rgba;

typedef struct Theme {
    Rgba water;
    Rgba land_focus[6];   /* Central Asian states, by palette slot */
    Rgba land_other[6];   /* everyone else, muted */
    Rgba border, border_focus, coast;
    Rgba hover_tint;      /* blended over the fill of the hovered country */
    Rgba hover_outline;   /* the hovered country's outline */
    Rgba selected_outline;
    Rgba label, label_halo, label_minor;
    Rgba panel_bg, panel_text, panel_muted, panel_rule;
    Rgba link, button_hover;
    Rgba category[CATEGORY_COUNT];     /* event categories (EventCategory order), colour-blind-safe hues */
    Rgba symbol_outline;  /* the rim around event symbols, clusters and edge badges */
    Rgba arc;             /* trade arcs of the relations layer */
} Theme;

extern const Theme THEME_DEFAULT;
extern const Theme THEME_HIGH_CONTRAST;
extern const Theme THEME_DARK;

/* The colours of a theme id (core/state.h). */
const Theme *theme_for(ThemeId id);

/* The fill of a country in the theme (not hovered, not selected). */
Rgba theme_country_fill(const Theme *t, uint32_t flags, uint32_t color_slot);

#endif
