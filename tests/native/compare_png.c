/* compare_png: compares a screenshot with its reference image.
 *   compare_png EXPECTED.png ACTUAL.png [MAX_PIXELS [TOLERANCE [DIFF.png]]]
 * A pixel differs when any of its channels (R, G, B, A) differs by more than
 * TOLERANCE (0..255, default 2). Prints the number of differing pixels, the
 * largest channel difference seen anywhere and the box the differences lie
 * in; with DIFF.png, and if any pixel differs, writes an image of the
 * differences there (differing pixels red over a faded copy of EXPECTED). Exit status: 0 if the sizes match and at
 * most MAX_PIXELS (default 0) pixels differ, 1 if not, 2 for a bad command
 * line or an image that cannot be read. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STB_IMAGE_WRITE_IMPLEMENTATION
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
#endif
#include <stb_image.h>
#include <stb_image_write.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

static int usage(void)
{
    fprintf(stderr, "usage: compare_png EXPECTED.png ACTUAL.png [MAX_PIXELS [TOLERANCE [DIFF.png]]]\n");
    return 2;
}

/* A whole number in [0, max] and nothing else. */
static int parse_count(const char *s, long max, long *out)
{
    if (s[0] < '0' || s[0] > '9') return 0;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno || *end || v > max) return 0;
    *out = v;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 6) return usage();
    long max_pixels = 0, tolerance = 2;
    if (argc > 3 && !parse_count(argv[3], 1L << 30, &max_pixels)) return usage();
    if (argc > 4 && !parse_count(argv[4], 255, &tolerance)) return usage();
    const char *diff_path = argc > 5 ? argv[5] : NULL;

    int ew, eh, aw, ah, n;
    unsigned char *e = stbi_load(argv[1], &ew, &eh, &n, 4);
    if (!e) { printf("FAIL: cannot read %s: %s\n", argv[1], stbi_failure_reason()); return 2; }
    unsigned char *a = stbi_load(argv[2], &aw, &ah, &n, 4);
    if (!a) { printf("FAIL: cannot read %s: %s\n", argv[2], stbi_failure_reason()); stbi_image_free(e); return 2; }
    if (ew != aw || eh != ah) {
        printf("FAIL: sizes differ: %s is %dx%d, %s is %dx%d\n", argv[1], ew, eh, argv[2], aw, ah);
        stbi_image_free(e);
        stbi_image_free(a);
        return 1;
    }

    size_t count = (size_t)ew * (size_t)eh;
    unsigned char *diff = diff_path ? malloc(count * 4) : NULL;
    long differing = 0;
    int max_delta = 0, x0 = ew, y0 = eh, x1 = -1, y1 = -1;
    for (int y = 0; y < eh; y++)
        for (int x = 0; x < ew; x++) {
            size_t i = ((size_t)y * (size_t)ew + (size_t)x) * 4;
            int worst = 0;
            for (int c = 0; c < 4; c++) {
                int d = abs((int)e[i + c] - (int)a[i + c]);
                if (d > worst) worst = d;
            }
            if (worst > max_delta) max_delta = worst;
            int over = worst > tolerance;
            if (over) {
                differing++;
                if (x < x0) x0 = x;
                if (y < y0) y0 = y;
                if (x > x1) x1 = x;
                if (y > y1) y1 = y;
            }
            if (diff) {
                for (int c = 0; c < 3; c++) diff[i + c] = (unsigned char)(191 + e[i + c] / 4);
                diff[i + 3] = 255;
                if (over) { diff[i] = 255; diff[i + 1] = 0; diff[i + 2] = 0; }
            }
        }

    printf("%s: %ld of %zu pixels differ by more than %ld (max difference %d)", argv[2], differing, count, tolerance,
           max_delta);
    if (differing) printf(", in x %d..%d, y %d..%d", x0, x1, y0, y1);
    printf("\n");
    int status = differing > max_pixels ? 1 : 0;
    if (status) printf("FAIL: more than %ld pixels differ from %s\n", max_pixels, argv[1]);
    if (diff && differing) {
        if (!stbi_write_png(diff_path, ew, eh, 4, diff, ew * 4)) {
            printf("FAIL: cannot write %s\n", diff_path);
            status = status ? status : 2;
        } else {
            printf("differences drawn in %s\n", diff_path);
        }
    }
    free(diff);
    stbi_image_free(e);
    stbi_image_free(a);
    return status;
}
