/* font: stb_truetype metrics and a shelf-packed glyph atlas. See font.h. */
#include "font.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define STB_TRUETYPE_IMPLEMENTATION
#define STBTT_STATIC
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wsign-compare"
#endif
#include <stb_truetype.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

/* Kerning and advances in font units, remembered per pair and per character:
 * stb_truetype looks kerning up in GPOS lookup by lookup, and wrapping and
 * drawing text ask for every pair of every line each time. Direct-mapped; a
 * collision just replaces the entry. */
#define FONT_KERN_CACHE 4096
#define FONT_ADVANCE_CACHE 1024
typedef struct KernEntry {
    uint32_t left, right;
    int32_t kern;            /* font units; valid if left or right is non-zero */
} KernEntry;
typedef struct AdvanceEntry {
    uint32_t codepoint;      /* 0 = empty (the advance of U+0000 is not asked for) */
    int32_t advance;
} AdvanceEntry;

struct Font {
    stbtt_fontinfo info;
    float units_scale_1px; /* font units to px at a size of 1 px: the em, as CSS font-size means it */
    KernEntry *kern_cache;   /* FONT_KERN_CACHE entries */
    AdvanceEntry *advance_cache; /* FONT_ADVANCE_CACHE entries */
};

typedef struct AtlasEntry {
    uint32_t codepoint;
    uint16_t px_x4;  /* size in quarter pixels */
    uint8_t face;
    uint8_t phase;   /* horizontal offset in quarter pixels, 0..3 */
    AtlasGlyph glyph;
} AtlasEntry;

Font *font_create(const uint8_t *ttf, size_t size)
{
    if (!ttf || size < 12 || size > 0x7fffffff) return NULL;
    Font *font = calloc(1, sizeof *font);
    if (!font) return NULL;
    int offset = stbtt_GetFontOffsetForIndex(ttf, 0);
    if (offset < 0 || !stbtt_InitFont(&font->info, ttf, offset)) {
        free(font);
        return NULL;
    }
    /* Sizes are em sizes, as in CSS: ScaleForPixelHeight would map ascent to
     * descent to the size instead, and drew "15 px" text at 11 (issue 16). */
    font->units_scale_1px = stbtt_ScaleForMappingEmToPixels(&font->info, 1.0f);
    font->kern_cache = calloc(FONT_KERN_CACHE, sizeof *font->kern_cache);
    font->advance_cache = calloc(FONT_ADVANCE_CACHE, sizeof *font->advance_cache);
    if (!font->kern_cache || !font->advance_cache) {
        font_destroy(font);
        return NULL;
    }
    return font;
}

void font_destroy(Font *font)
{
    if (!font) return;
    free(font->kern_cache);
    free(font->advance_cache);
    free(font);
}

void font_vmetrics(const Font *font, float px, float *ascent, float *descent, float *line_gap)
{
    int a, d, g;
    stbtt_GetFontVMetrics(&font->info, &a, &d, &g);
    float s = font->units_scale_1px * px;
    if (ascent) *ascent = (float)a * s;
    if (descent) *descent = (float)d * s;
    if (line_gap) *line_gap = (float)g * s;
}

float font_advance(const Font *font, float px, uint32_t codepoint)
{
    AdvanceEntry *e = &font->advance_cache[(codepoint * 2654435761u >> 16) & (FONT_ADVANCE_CACHE - 1)];
    if (e->codepoint != codepoint || codepoint == 0) {
        int adv, lsb;
        stbtt_GetCodepointHMetrics(&font->info, (int)codepoint, &adv, &lsb);
        *e = (AdvanceEntry){ codepoint, adv };
    }
    return (float)e->advance * font->units_scale_1px * px;
}

float font_kern(const Font *font, float px, uint32_t left, uint32_t right)
{
    if (!font->info.kern && !font->info.gpos) return 0.0f;
    uint32_t slot = ((left * 2654435761u) ^ (right * 40503u)) >> 8 & (FONT_KERN_CACHE - 1);
    KernEntry *e = &font->kern_cache[slot];
    if (e->left != left || e->right != right || (left == 0 && right == 0))
        *e = (KernEntry){ left, right, stbtt_GetCodepointKernAdvance(&font->info, (int)left, (int)right) };
    return (float)e->kern * font->units_scale_1px * px;
}

bool font_has_glyph(const Font *font, uint32_t codepoint)
{
    return stbtt_FindGlyphIndex(&font->info, (int)codepoint) != 0;
}

bool font_atlas_init(FontAtlas *atlas)
{
    memset(atlas, 0, sizeof *atlas);
    atlas->pixels = calloc(FONT_ATLAS_SIZE * FONT_ATLAS_SIZE, 1);
    atlas->entries = calloc(FONT_ATLAS_SLOTS / 2, sizeof *atlas->entries);
    atlas->slots = calloc(FONT_ATLAS_SLOTS, sizeof *atlas->slots);
    if (!atlas->pixels || !atlas->entries || !atlas->slots) {
        font_atlas_free(atlas);
        return false;
    }
    atlas->shelf_x = atlas->shelf_y = 1; /* keep a 1px empty border, and pixel (0,0) empty */
    atlas->dirty_y0 = 0;
    atlas->dirty_y1 = FONT_ATLAS_SIZE;
    /* A solid 2x2 block at (FONT_ATLAS_SIZE-2, FONT_ATLAS_SIZE-2) lets the renderer draw
     * untextured shapes with the same texture (no texture switch in a batch). */
    for (int y = FONT_ATLAS_SIZE - 3; y < FONT_ATLAS_SIZE; y++)
        for (int x = FONT_ATLAS_SIZE - 3; x < FONT_ATLAS_SIZE; x++)
            atlas->pixels[y * FONT_ATLAS_SIZE + x] = 255;
    return true;
}

void font_atlas_free(FontAtlas *atlas)
{
    free(atlas->pixels);
    free(atlas->entries);
    free(atlas->slots);
    memset(atlas, 0, sizeof *atlas);
}

static void atlas_clear(FontAtlas *atlas)
{
    memset(atlas->pixels, 0, (size_t)FONT_ATLAS_SIZE * (FONT_ATLAS_SIZE - 3));
    atlas->entry_count = 0;
    memset(atlas->slots, 0, FONT_ATLAS_SLOTS * sizeof *atlas->slots);
    atlas->shelf_x = atlas->shelf_y = 1;
    atlas->shelf_h = 0;
    atlas->dirty_y0 = 0;
    atlas->dirty_y1 = FONT_ATLAS_SIZE;
    atlas->generation++;
}

static uint32_t entry_hash(uint32_t codepoint, uint16_t px_x4, int face, int phase)
{
    uint32_t h = codepoint * 2654435761u ^ ((uint32_t)px_x4 * 40503u) ^ ((uint32_t)face << 29) ^ ((uint32_t)phase << 26);
    return (h ^ (h >> 15)) & (FONT_ATLAS_SLOTS - 1);
}

bool font_atlas_glyph(FontAtlas *atlas, const Font *font, int face, float px, uint32_t codepoint,
                      AtlasGlyph *out)
{
    return font_atlas_glyph_at(atlas, font, face, px, codepoint, 0, out);
}

bool font_atlas_glyph_at(FontAtlas *atlas, const Font *font, int face, float px, uint32_t codepoint, int phase,
                         AtlasGlyph *out)
{
    phase &= 3;
    /* Looked up for every character drawn every frame: an open-addressing hash of
     * entry indices keeps that O(1). Slots hold index + 1, 0 = empty. */
    float quarter_px = px * 4.0f + 0.5f; /* rounded without lroundf, a call in WebAssembly */
    uint16_t px_x4 = quarter_px >= 1.0f && quarter_px < 65535.0f ? (uint16_t)quarter_px : 0;
    uint32_t slot = entry_hash(codepoint, px_x4, face, phase);
    for (;;) {
        int index = atlas->slots[slot] - 1;
        if (index < 0) break;
        const AtlasEntry *e = &atlas->entries[index];
        if (e->codepoint == codepoint && e->px_x4 == px_x4 && e->face == (uint8_t)face && e->phase == (uint8_t)phase) {
            *out = e->glyph;
            return true;
        }
        slot = (slot + 1) & (FONT_ATLAS_SLOTS - 1);
    }
    float scale = font->units_scale_1px * (float)px_x4 / 4.0f;
    int glyph = stbtt_FindGlyphIndex(&font->info, (int)codepoint);
    int x0, y0, x1, y1;
    float shift = (float)phase * 0.25f;
    stbtt_GetGlyphBitmapBoxSubpixel(&font->info, glyph, scale, scale, shift, 0.0f, &x0, &y0, &x1, &y1);
    int w = x1 - x0, h = y1 - y0;
    if (w < 0) w = 0;
    if (h < 0) h = 0;
    if (w + 2 > FONT_ATLAS_SIZE || h + 2 > FONT_ATLAS_SIZE - 4) return false;
    if (atlas->shelf_x + w + 1 > FONT_ATLAS_SIZE) { /* next shelf */
        atlas->shelf_y += atlas->shelf_h + 1;
        atlas->shelf_x = 1;
        atlas->shelf_h = 0;
    }
    if (atlas->shelf_y + h + 1 > FONT_ATLAS_SIZE - 4 || atlas->entry_count >= FONT_ATLAS_SLOTS / 2) {
        atlas_clear(atlas);
        slot = entry_hash(codepoint, px_x4, face, phase);
    }
    AtlasGlyph g = {0};
    g.x = (uint16_t)atlas->shelf_x;
    g.y = (uint16_t)atlas->shelf_y;
    g.w = (uint16_t)w;
    g.h = (uint16_t)h;
    g.off_x = (int16_t)x0;
    g.off_y = (int16_t)y0;
    int adv, lsb;
    stbtt_GetGlyphHMetrics(&font->info, glyph, &adv, &lsb);
    g.advance = (float)adv * scale;
    if (w > 0 && h > 0) {
        stbtt_MakeGlyphBitmapSubpixel(&font->info, atlas->pixels + g.y * FONT_ATLAS_SIZE + g.x, w, h,
                                      FONT_ATLAS_SIZE, scale, scale, shift, 0.0f, glyph);
        if (atlas->dirty_y0 >= atlas->dirty_y1) {
            atlas->dirty_y0 = g.y;
            atlas->dirty_y1 = g.y + h;
        } else {
            if (g.y < atlas->dirty_y0) atlas->dirty_y0 = g.y;
            if (g.y + h > atlas->dirty_y1) atlas->dirty_y1 = g.y + h;
        }
    }
    atlas->shelf_x += w + 1;
    if (h > atlas->shelf_h) atlas->shelf_h = h;
    atlas->slots[slot] = atlas->entry_count + 1;
    AtlasEntry *e = &atlas->entries[atlas->entry_count++];
    e->codepoint = codepoint;
    e->px_x4 = px_x4;
    e->face = (uint8_t)face;
    e->phase = (uint8_t)phase;
    e->glyph = g;
    *out = g;
    return true;
}

bool font_atlas_take_dirty(FontAtlas *atlas, int *y0, int *y1)
{
    if (atlas->dirty_y0 >= atlas->dirty_y1) return false;
    *y0 = atlas->dirty_y0;
    *y1 = atlas->dirty_y1;
    atlas->dirty_y0 = FONT_ATLAS_SIZE;
    atlas->dirty_y1 = 0;
    return true;
}

void font_atlas_mark_all_dirty(FontAtlas *atlas)
{
    atlas->dirty_y0 = 0;
    atlas->dirty_y1 = FONT_ATLAS_SIZE;
}
