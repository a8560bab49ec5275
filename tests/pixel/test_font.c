/* test_font: the font back end's sizes are em sizes, as CSS font-size means
 * them (pixel/font.c). Issue 16 item 12 found "14.5 px" body text drawn with
 * a 10.6 px em because ascent-to-descent had been mapped to the size. Uses
 * the Noto Sans the bundle's subsets are made from (fonts-noto-core, which
 * tools/setup.sh installs). */
#include "font.h"
#include "test_support.h"

#define NOTO_REGULAR "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"

static uint8_t *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *data = n > 0 ? malloc((size_t)n) : NULL;
    if (data && fread(data, 1, (size_t)n, f) != (size_t)n) { free(data); data = NULL; }
    fclose(f);
    *size = data ? (size_t)n : 0;
    return data;
}

int main(void)
{
    size_t size;
    uint8_t *ttf = read_all(NOTO_REGULAR, &size);
    CHECK(ttf != NULL);
    if (!ttf) { fprintf(stderr, "cannot read %s (fonts-noto-core)\n", NOTO_REGULAR); return test_finish(); }
    Font *font = font_create(ttf, size);
    CHECK(font != NULL);
    /* Noto Sans: 1000 units a em, 'M' advances 907, capitals 714 tall,
     * ascent 1069 and descent -293. At an em of 100 px: */
    CHECK_NEAR(font_advance(font, 100.0f, 'M'), 90.7, 0.05);
    float ascent, descent, gap;
    font_vmetrics(font, 100.0f, &ascent, &descent, &gap);
    CHECK_NEAR(ascent, 106.9, 0.05);
    CHECK_NEAR(descent, -29.3, 0.05);
    FontAtlas atlas;
    CHECK(font_atlas_init(&atlas));
    AtlasGlyph g;
    CHECK(font_atlas_glyph(&atlas, font, 0, 100.0f, 'H', &g));
    CHECK(g.h >= 71 && g.h <= 73); /* 71.4 px of ink, plus antialiasing's row */
    /* The same text at 15 px measures as a browser's 15 px: "Kazakhstan" is
     * 10 glyphs of about half an em. */
    float w = 0;
    for (const char *c = "Kazakhstan"; *c; c++) w += font_advance(font, 15.0f, (uint32_t)*c);
    CHECK(w > 70.0f && w < 90.0f);
    font_atlas_free(&atlas);
    font_destroy(font);
    free(ttf);
    return test_finish();
}
