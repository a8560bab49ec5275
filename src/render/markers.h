/* render/markers: draws the map's overlays from the core's layout: event
 * symbols, clusters and fans, edge indicators, tooltips, the relations
 * layer's trade arcs, and the key with its scale bar (render_legend, declared
 * in render.h). Reads state only; where things go is decided in
 * core/event_markers.c and core/legend.c, so picking matches what is drawn.
 * Positions are css px. */
#ifndef STEPPE_RENDER_MARKERS_H
#define STEPPE_RENDER_MARKERS_H

#include "render/render.h"

/* Event markers, clusters, fans, edge indicators and their tooltips. */
void render_markers(Renderer *r, const App *app);
/* The relations layer (when App.layers has LAYER_RELATIONS). */
void render_relations(Renderer *r, const App *app);

/* A category's symbol: its colour and its shape (circle, diamond, square,
 * triangle up, triangle down, hexagon, bullseye, cross, star), so it never
 * relies on colour alone. radius is the symbol's size in css px; outline_css
 * is the rim in outline colour around it (0 = none). */
void render_category_symbol(Renderer *r, unsigned category, float cx, float cy, float radius, Rgba fill,
                            Rgba outline, float outline_css);

#endif
