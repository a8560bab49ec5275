/* render: draws the App with SDL2's renderer.
 *
 * Reads state, never changes it. Filled country polygons are triangulated at
 * build time (tools/bundle), so a frame only transforms the visible ones to
 * device pixels and hands them to SDL_RenderGeometry in one batch. Borders are
 * anti-aliased by drawing each ring as a strip with a one-pixel alpha feather on
 * both sides, which looks the same in WebGL, OpenGL and the software renderer.
 * Text comes from a glyph atlas (core/font.c) uploaded to one texture.
 * Works on any SDL_Renderer, including one on an offscreen surface. */
#ifndef STEPPE_RENDER_H
#define STEPPE_RENDER_H

#include <SDL2/SDL.h>
#include <stdbool.h>

#include "core/app.h"
#include "core/font.h"
#include "render/theme.h"

enum { FACE_REGULAR = 0, FACE_BOLD = 1 };

typedef struct VertexBatch {
    SDL_Vertex *verts;
    int *indices;
    int vert_count, index_count;
    int vert_cap, index_cap;
} VertexBatch;

typedef struct Renderer {
    SDL_Renderer *sdl;
    SDL_Texture *atlas_texture;  /* white RGB, glyph coverage in alpha */
    uint32_t atlas_generation;
    FontAtlas atlas;
    Font *faces[2];
    const Theme *theme;
    float dpr;                   /* device px per css px for this frame */
    VertexBatch fill, stroke, text;
    SDL_FPoint *ring_scratch;    /* one ring in device px, after decimation */
    int ring_scratch_cap;
    SDL_FRect *label_boxes;      /* placed label rectangles, for collision */
    int label_box_count, label_box_cap;
} Renderer;

/* Creates textures and fonts for a validated bundle. Returns false and writes
 * a message if the fonts cannot be loaded. */
bool render_init(Renderer *r, SDL_Renderer *sdl, const Bundle *bundle, char *message, size_t message_size);
void render_shutdown(Renderer *r);

/* Draws one complete frame (does not present). dpr = output px / css px. */
void render_frame(Renderer *r, const App *app, float dpr);

/* Text in css px at a baseline; returns the advance width in css px. */
float render_text(Renderer *r, int face, float size_css, float x_css, float y_css, const char *utf8, Rgba color);
float render_text_width(Renderer *r, int face, float size_css, const char *utf8);

#endif
