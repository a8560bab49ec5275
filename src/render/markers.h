/* render/markers: draws the map's overlays from the core's layout: event
 * symbols, clusters and fans, edge indicators, tooltips, the relations
 * layer's trade arcs, and the key with its scale bar. Reads state only; where
 * things go is decided in core/event_markers.c and core/legend.c, so picking
 * matches what is drawn. Draws with render.h only; render/compose.c calls it
 * (render_map), the UI calls render_legend. Positions are css px. */
#ifndef STEPPE_RENDER_MARKERS_H
#define STEPPE_RENDER_MARKERS_H

#include "render/render.h"

/* Event markers, clusters, fans, edge indicators and their tooltips. */
void render_markers(Renderer *r, const App *app);
/* The relations layer (when App.layers has LAYER_RELATIONS). */
void render_relations(Renderer *r, const App *app);

/* The map key with its scale bar, where core/legend.c puts it (legend_layout:
 * the bottom left of the map area). */
void render_legend(Renderer *r, const App *app);

/* A category's symbol: its colour and its shape (circle, diamond, square,
 * triangle up, triangle down, hexagon, bullseye, cross, star), so it never
 * relies on colour alone. radius is the symbol's size in css px; outline_css
 * is the rim in outline colour around it (0 = none). */
void render_category_symbol(Renderer *r, unsigned category, float cx, float cy, float radius, Rgba fill,
                            Rgba outline, float outline_css);

#endif
