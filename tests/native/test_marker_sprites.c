/* test_marker_sprites: event symbols composited as sprites (render/markers.c,
 * where thousands of events show) give the frame drawing each symbol gives,
 * to 3 units a channel, when the symbols sit on whole pixels (a sprite is
 * placed on whole pixels; elsewhere a symbol moves by up to half of one).
 * Two worlds over the atlas's bundle on the direct-pixel path: S with
 * sprites from one symbol on, D with none; the hovered symbol is drawn as
 * always in both; a second frame draws no new sprite. */
#include <SDL.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "event_markers.h"
#include "test_support.h"
#include "test_world.h"

static World S, D;
static Bundle bundle;

/* Every symbol on a whole css (= device) pixel, the same in both worlds. */
static void snap_glyphs(World *w)
{
    EventMarkers *m = w->app.markers;
    for (size_t i = 0; i < m->glyph_count; i++) {
        m->glyphs[i].x = floor(m->glyphs[i].x);
        m->glyphs[i].y = floor(m->glyphs[i].y);
    }
}

static int worst_difference(const World *a, const World *b, long *differing)
{
    int worst = 0;
    *differing = 0;
    for (int y = 0; y < a->surface->h; y++) {
        const uint32_t *pa = (const uint32_t *)((const uint8_t *)a->surface->pixels + (size_t)y * (size_t)a->surface->pitch);
        const uint32_t *pb = (const uint32_t *)((const uint8_t *)b->surface->pixels + (size_t)y * (size_t)b->surface->pitch);
        for (int x = 0; x < a->surface->w; x++) {
            if (pa[x] == pb[x]) continue;
            (*differing)++;
            for (int k = 0; k < 32; k += 8) {
                int d = abs((int)((pa[x] >> k) & 255) - (int)((pb[x] >> k) & 255));
                if (d > worst) worst = d;
            }
        }
    }
    return worst;
}

int main(int argc, char **argv)
{
    uint8_t *data;
    if (!world_read_bundle(argc, argv, &bundle, &data)) return test_finish();
    CHECK(world_open(&S, &bundle, 1280, 800, DIRECT_NO_SDL));
    CHECK(world_open(&D, &bundle, 1280, 800, DIRECT_NO_SDL));
    S.renderer.sprites_from_glyphs = 1;
    D.renderer.sprites_from_glyphs = INT_MAX;
    CHECK(D.renderer.sprites_from_glyphs > RENDER_SPRITES_FROM_GLYPHS && RENDER_SPRITES_FROM_GLYPHS > 84);

    /* Settle both (the layout, the cache), then put the symbols on whole pixels. */
    world_draw(&S);
    world_draw(&D);
    size_t glyphs = S.app.markers->glyph_count;
    CHECK(glyphs >= 5 && glyphs == D.app.markers->glyph_count);
    snap_glyphs(&S);
    snap_glyphs(&D);
    world_draw(&S);
    world_draw(&D);
    int singles = 0, clusters = 0;
    for (size_t i = 0; i < glyphs; i++) {
        if (S.app.markers->glyphs[i].count == 1) singles++;
        else clusters++;
    }
    CHECK(singles > 0 && clusters > 0); /* both kinds of sprite */
    CHECK(S.renderer.sprite_count > 0 && (size_t)S.renderer.sprite_count <= glyphs);
    CHECK(D.renderer.sprite_count == 0);
    long differing = 0;
    int worst = worst_difference(&S, &D, &differing);
    printf("sprites: %d for %zu symbols; %ld pixels differ, by at most %d\n", S.renderer.sprite_count, glyphs, differing,
           worst);
    CHECK(worst <= 3);

    /* The next frame draws every symbol from the sprites it has. */
    int drawn = S.renderer.sprite_count;
    Command redraw = cmd_simple(CMD_REDRAW);
    world_apply(&S, redraw);
    world_draw(&S);
    CHECK(S.renderer.sprite_count == drawn);

    /* Hovered: that symbol is drawn as always, in both. */
    const MarkerGlyph *g = &S.app.markers->glyphs[0];
    MarkerHit hit = event_markers_pick(S.app.markers, g->x, g->y);
    CHECK(hit.kind == MARKER_HIT_GLYPH);
    Command hover = { .kind = CMD_HOVER };
    hover.u.hover.at.x_css = g->x;
    hover.u.hover.at.y_css = g->y;
    hover.u.hover.at.event = hit.event;
    hover.u.hover.marker = &hit;
    world_apply(&S, hover);
    world_apply(&D, hover);
    world_draw(&S);
    world_draw(&D);
    CHECK(S.app.markers->hover.kind == MARKER_HIT_GLYPH);
    CHECK(worst_difference(&S, &D, &differing) <= 3);

    world_close(&S);
    world_close(&D);
    bundle_close(&bundle);
    free(data);
    return test_finish();
}
