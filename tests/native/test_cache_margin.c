/* test_cache_margin: a new map cache is drawn at first only where the
 * viewport shows it, and its margin later (render_idle, or at once when the
 * view moves); either way it ends up the same pixels as a cache drawn whole
 * in one pass, and so do the frames after a pan.
 *
 * Three worlds on the direct-pixel path over one bundle: A finishes the
 * margin in idle frames, B draws every cache whole (cache_in_one_pass), C
 * pans before any idle frame, with no SDL renderer at all (as the page
 * draws). Also: no glyph texture is made for a direct-
 * drawing renderer, and one is made for a software renderer drawn through
 * SDL. */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "command.h"
#include "render/render.h"
#include "test_support.h"
#include "test_world.h"
#include "ui/ui.h"

static World A, B, C;
static Bundle bundle;

static void apply(World *w, Command c) { world_apply(w, c); }
static void draw(World *w) { world_draw(w); }

static bool same_image(const RasterImage *a, const RasterImage *b, const char *what)
{
    if (!a->pixels || !b->pixels || a->width != b->width || a->height != b->height) {
        fprintf(stderr, "%s: no image or another size\n", what);
        return false;
    }
    long differ = 0;
    int x0 = a->width, y0 = a->height, x1 = -1, y1 = -1;
    for (int y = 0; y < a->height; y++)
        for (int x = 0; x < a->width; x++) {
            uint32_t pa = a->pixels[(size_t)y * (size_t)a->stride + (size_t)x];
            uint32_t pb = b->pixels[(size_t)y * (size_t)b->stride + (size_t)x];
            if (pa == pb) continue;
            if (!differ++) fprintf(stderr, "%s: first differs at (%d, %d): %08x %08x\n", what, x, y, pa, pb);
            if (x < x0) x0 = x;
            if (y < y0) y0 = y;
            if (x > x1) x1 = x;
            if (y > y1) y1 = y;
        }
    if (differ) fprintf(stderr, "%s: %ld pixels differ, within (%d, %d)-(%d, %d)\n", what, differ, x0, y0, x1, y1);
    return differ == 0;
}

static bool same_frame(const World *a, const World *b)
{
    RasterImage fa = { a->surface->pixels, a->surface->w, a->surface->h, a->surface->pitch / 4 };
    RasterImage fb = { b->surface->pixels, b->surface->w, b->surface->h, b->surface->pitch / 4 };
    return same_image(&fa, &fb, "frame");
}

static void pan(World *w, double dx_css, double dy_css)
{
    Command c = { .kind = CMD_PAN_BY };
    c.u.point.dx_css = dx_css;
    c.u.point.dy_css = dy_css;
    apply(w, c);
}

int main(int argc, char **argv)
{
    uint8_t *data;
    if (!world_read_bundle(argc, argv, &bundle, &data)) return test_finish();
    CHECK(world_open(&A, &bundle, 1280, 800, DIRECT));
    CHECK(world_open(&B, &bundle, 1280, 800, DIRECT));
    CHECK(world_open(&C, &bundle, 1280, 800, DIRECT_NO_SDL)); /* and C has no SDL renderer */
    B.renderer.cache_in_one_pass = true;

    /* The first frame: the same pixels, A's and C's cache only partly drawn. */
    draw(&A);
    draw(&B);
    draw(&C);
    CHECK(same_frame(&A, &B));
    CHECK(same_frame(&C, &B));
    CHECK(A.renderer.cache_margin_todo == 0xF && B.renderer.cache_margin_todo == 0);
    RasterRect core = A.renderer.cache_core;
    CHECK(core.x0 > 0 && core.y0 > 0 && core.x1 < A.renderer.cache_w && core.y1 < A.renderer.cache_h);
    CHECK(core.x1 - core.x0 >= 1280 && core.y1 - core.y0 >= 800);
    /* A direct-drawing renderer has no glyph texture: it reads the atlas in place. */
    CHECK(A.renderer.atlas_texture == NULL);

    /* Idle frames finish A's margin, one strip each; then A's cache is B's. */
    int idle_frames = 0;
    while (render_idle(&A.renderer, &A.app)) idle_frames++;
    CHECK(idle_frames == 4 && A.renderer.cache_margin_todo == 0);
    CHECK(!render_idle(&B.renderer, &B.app));
    CHECK(same_image(&A.renderer.cache_image, &B.renderer.cache_image, "cache after idle frames"));

    /* A pan shows the margin: C finishes it within the frame. */
    for (int step = 0; step < 3; step++) {
        pan(&A, 37, -23);
        pan(&B, 37, -23);
        pan(&C, 37, -23);
        draw(&A);
        draw(&B);
        draw(&C);
        CHECK(C.renderer.cache_margin_todo == 0);
        CHECK(same_frame(&A, &B));
        CHECK(same_frame(&C, &B));
    }
    CHECK(same_image(&C.renderer.cache_image, &B.renderer.cache_image, "cache after a pan"));

    /* A new look (the names in their own languages) draws a new cache the
     * same way: partly, then whole in idle frames. */
    apply(&A, cmd_toggle(CMD_SET_LOCAL_NAMES, TOGGLE_ON));
    apply(&B, cmd_toggle(CMD_SET_LOCAL_NAMES, TOGGLE_ON));
    draw(&A);
    draw(&B);
    CHECK(same_frame(&A, &B));
    CHECK(A.renderer.cache_margin_todo != 0);
    while (render_idle(&A.renderer, &A.app)) {}
    CHECK(same_image(&A.renderer.cache_image, &B.renderer.cache_image, "cache of the local names"));

    /* A selection before the margin is done: finished first, same frames. */
    apply(&A, cmd_toggle(CMD_SET_LOCAL_NAMES, TOGGLE_OFF));
    apply(&B, cmd_toggle(CMD_SET_LOCAL_NAMES, TOGGLE_OFF));
    draw(&A);
    draw(&B);
    CHECK(A.renderer.cache_margin_todo != 0);
    uint32_t kaz = bundle_find_country(&bundle, "KAZ");
    apply(&A, cmd_select(SELECTION_COUNTRY, kaz));
    apply(&B, cmd_select(SELECTION_COUNTRY, kaz));
    draw(&A);
    draw(&B);
    CHECK(A.renderer.cache_margin_todo == 0);
    CHECK(same_frame(&A, &B));
    world_close(&A);
    world_close(&B);
    world_close(&C);

    /* A software renderer drawn through SDL (no pixels given) makes its
     * glyph texture when text is first drawn. */
    CHECK(world_open(&A, &bundle, 640, 480, THROUGH_SDL));
    CHECK(A.renderer.atlas_texture == NULL);
    draw(&A);
    CHECK(A.renderer.atlas_texture != NULL);
    world_close(&A);

    bundle_close(&bundle);
    free(data);
    return test_finish();
}
