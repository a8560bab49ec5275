/* check_png: verifies a screenshot of the atlas independently of the app.
 *   check_png FILE.png X_CSS Y_CSS DPR '#rrggbb'
 * Passes when the image is not blank (it has water, land and many colours) and
 * the colour near (X, Y) css px matches the expected fill within a small
 * tolerance (a 5x5 device-pixel neighbourhood may hold one exact match). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
#endif
#include <stb_image.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

static int passed, failed;
#define CHECK(cond, ...) do { if (cond) passed++; else { failed++; printf("%s:%d: FAIL: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

int main(int argc, char **argv)
{
    if (argc != 6) { fprintf(stderr, "usage: check_png FILE X_CSS Y_CSS DPR #rrggbb\n"); return 2; }
    int w, h, n;
    unsigned char *px = stbi_load(argv[1], &w, &h, &n, 4);
    if (!px) { printf("FAIL: cannot read %s\n", argv[1]); return 1; }
    double x = atof(argv[2]), y = atof(argv[3]), dpr = atof(argv[4]);
    unsigned er, eg, eb;
    if (sscanf(argv[5], "#%02x%02x%02x", &er, &eg, &eb) != 3) { fprintf(stderr, "bad colour %s\n", argv[5]); return 2; }

    /* Not blank: count distinct colours on a coarse grid. */
    int distinct = 0;
    unsigned seen[256];
    for (int gy = 0; gy < h; gy += h / 40 + 1)
        for (int gx = 0; gx < w; gx += w / 40 + 1) {
            const unsigned char *p = px + 4 * ((size_t)gy * w + gx);
            unsigned c = (unsigned)p[0] << 16 | (unsigned)p[1] << 8 | p[2];
            int known = 0;
            for (int i = 0; i < distinct; i++) known |= seen[i] == c;
            if (!known && distinct < 256) seen[distinct++] = c;
        }
    CHECK(distinct >= 8, "image looks blank: only %d distinct colours on a 40x40 grid", distinct);

    int cx = (int)lround(x * dpr), cy = (int)lround(y * dpr);
    CHECK(cx >= 0 && cy >= 0 && cx < w && cy < h, "probe (%d, %d) outside the %dx%d image", cx, cy, w, h);
    int best = 1 << 30;
    for (int dy = -2; dy <= 2; dy++)
        for (int dx = -2; dx <= 2; dx++) {
            int qx = cx + dx, qy = cy + dy;
            if (qx < 0 || qy < 0 || qx >= w || qy >= h) continue;
            const unsigned char *p = px + 4 * ((size_t)qy * w + qx);
            int d = abs(p[0] - (int)er) + abs(p[1] - (int)eg) + abs(p[2] - (int)eb);
            if (d < best) best = d;
        }
    CHECK(best <= 6, "colour near (%d, %d) differs from %s by %d", cx, cy, argv[5], best);
    stbi_image_free(px);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
