/* font: TrueType metrics and a glyph atlas, as plain data (stb_truetype).
 *
 * The atlas is a single 8-bit coverage bitmap that glyphs are packed into on
 * first use (shelf packing). The renderer uploads the rows that changed
 * (font_atlas_dirty_rows) to a texture; nothing here knows about SDL.
 * Sizes are in device pixels. Only fonts that the bundle compiler embedded and
 * the bundle reader checksummed are given to stb_truetype, which trusts its input.
 * Depends on the C library and stb_truetype only. */
#ifndef STEPPE_FONT_H
#define STEPPE_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Font Font;

/* Returns NULL if the font cannot be parsed. The data must outlive the font. */
Font *font_create(const uint8_t *ttf, size_t size);
void font_destroy(Font *font);

/* Vertical metrics at an em size of px (CSS font-size). descent is negative. */
void font_vmetrics(const Font *font, float px, float *ascent, float *descent, float *line_gap);
/* Horizontal advance of a codepoint, and the kerning between two, in px. */
float font_advance(const Font *font, float px, uint32_t codepoint);
float font_kern(const Font *font, float px, uint32_t left, uint32_t right);
bool font_has_glyph(const Font *font, uint32_t codepoint);

typedef struct AtlasGlyph {
    uint16_t x, y, w, h;     /* rectangle in the atlas, px */
    int16_t off_x, off_y;    /* from the pen position on the baseline to the bitmap's top-left */
    float advance;           /* px */
} AtlasGlyph;

#define FONT_ATLAS_SIZE 1024
#define FONT_MAX_FACES 4
#define FONT_ATLAS_SLOTS 8192

typedef struct FontAtlas {
    uint8_t *pixels;         /* FONT_ATLAS_SIZE², one byte of coverage per pixel */
    int shelf_x, shelf_y, shelf_h;
    int dirty_y0, dirty_y1;  /* rows changed since the last upload, y0 >= y1 if none */
    struct AtlasEntry *entries; /* FONT_ATLAS_SLOTS / 2 of them */
    int *slots;                 /* hash of entry index + 1 */
    int entry_count;
    uint32_t generation;     /* bumped when the atlas is cleared (full) */
} FontAtlas;

bool font_atlas_init(FontAtlas *atlas);
void font_atlas_free(FontAtlas *atlas);
/* Finds or rasterises a glyph of face (0..FONT_MAX_FACES-1) at px. When the
 * atlas is full it is cleared and refilled (generation changes). Returns false
 * only if the glyph is larger than the whole atlas. */
bool font_atlas_glyph(FontAtlas *atlas, const Font *font, int face, float px, uint32_t codepoint,
                      AtlasGlyph *out);
/* The same, rasterised phase quarter pixels (0..3) to the right of the
 * whole-pixel position the caller draws it at: text set at fractional pen
 * positions keeps its spacing even while every glyph lands on whole pixels. */
bool font_atlas_glyph_at(FontAtlas *atlas, const Font *font, int face, float px, uint32_t codepoint, int phase,
                         AtlasGlyph *out);
/* Returns true and the changed row range [y0, y1) if there is anything to upload, then resets it. */
bool font_atlas_take_dirty(FontAtlas *atlas, int *y0, int *y1);
/* Marks every row changed (the texture it was uploaded to was replaced). */
void font_atlas_mark_all_dirty(FontAtlas *atlas);

#endif
