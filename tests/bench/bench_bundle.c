/* bench_bundle: how long opening the bundle takes at start-up.
 *
 * Reads a bundle file (argv[1], default build/native/atlas.bundle), then
 * prints the median, fastest and slowest of RUNS calls of bundle_open +
 * bundle_close (every check of bundle_format.md, and decoding the packed
 * geometry), and of bundle_crc32 over the same bytes, which is the part of
 * the open that does not depend on the format's layout.
 * A benchmark, not a test: it prints figures and is not registered with
 * ctest. Build it optimised (the native preset):
 *   cmake --preset native && cmake --build --preset native --target bench_bundle
 *   build/native/tests/bench_bundle build/native/atlas.bundle */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_support.h"
#include "test_support.h"

#define RUNS 101

/* Sorts v and prints its median, minimum and maximum. */
static void report(const char *what, double *v, size_t n)
{
    qsort(v, n, sizeof *v, bench_compare_doubles);
    printf("  %-28s %8.1f us median (min %.1f, max %.1f, %zu runs)\n", what, v[n / 2], v[0], v[n - 1], n);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "build/native/atlas.bundle";
    size_t size = 0;
    uint8_t *data = test_read_file(path, &size);
    if (!data) {
        fprintf(stderr, "bench_bundle: cannot read %s\n", path);
        return 1;
    }
    char message[512];
    Bundle b;
    if (bundle_open(&b, data, size, message, sizeof message) != BUNDLE_OK) {
        fprintf(stderr, "bench_bundle: %s: %s\n", path, message);
        free(data);
        return 1;
    }
    printf("bench_bundle: %s, %zu bytes, %u vertices, %u triangles\n", path, size, b.vert_count, b.tri_count);
    bundle_close(&b);

    double open_us[RUNS], crc_us[RUNS];
    volatile uint32_t sink = 0;
    for (int i = 0; i < RUNS; i++) {
        double t0 = bench_now_us();
        BundleError e = bundle_open(&b, data, size, NULL, 0);
        bundle_close(&b);
        open_us[i] = bench_now_us() - t0;
        sink += (uint32_t)e;
        t0 = bench_now_us();
        sink += bundle_crc32(data, size);
        crc_us[i] = bench_now_us() - t0;
    }
    report("bundle_open + bundle_close:", open_us, RUNS);
    report("of which CRC-32 of the file:", crc_us, RUNS);
    (void)sink;
    free(data);
    return 0;
}
