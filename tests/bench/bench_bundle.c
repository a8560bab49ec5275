/* bench_bundle: how long opening the bundle takes at start-up.
 *
 * Reads a bundle file (argv[1], default build/native/atlas.bundle), then
 * prints the median, fastest and slowest of RUNS calls of bundle_open +
 * bundle_close (every check of bundle_format.md, and decoding the packed
 * geometry), and of bundle_crc32 over the same bytes, which is the part of
 * the open that does not depend on the format's layout. With a compressed
 * copy (argv[2], default the bundle's path + ".satz", as the build writes
 * it), also bundle_lzma_unpack of it: what start-up adds to unpack the
 * embedded bundle.
 * A benchmark, not a test: it prints figures and is not registered with
 * ctest. Build it optimised (the native preset):
 *   cmake --preset native && cmake --build --preset native --target bench_bundle
 *   build/native/tests/bench_bundle build/native/atlas.bundle [build/native/atlas.bundle.satz] */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_support.h"
#include "bundle_lzma.h"
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
    printf("bench_bundle: %s, %zu bytes, %u vertices, %u rings\n", path, size, b.vert_count, b.ring_count);
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

    char packed_path[4096];
    snprintf(packed_path, sizeof packed_path, "%s.satz", path);
    size_t packed_size = 0;
    uint8_t *packed = test_read_file(argc > 2 ? argv[2] : packed_path, &packed_size);
    if (packed) {
        double unpack_us[RUNS];
        for (int i = 0; i < RUNS; i++) {
            unsigned char *out = NULL;
            size_t out_size = 0;
            double t0 = bench_now_us();
            BundleLzmaError e = bundle_lzma_unpack(packed, packed_size, &out, &out_size, message, sizeof message);
            unpack_us[i] = bench_now_us() - t0;
            if (e != BUNDLE_LZMA_OK) {
                fprintf(stderr, "bench_bundle: %s: %s\n", argc > 2 ? argv[2] : packed_path, message);
                free(packed);
                free(data);
                return 1;
            }
            sink += out[out_size / 2];
            free(out);
        }
        printf("  compressed copy: %zu bytes\n", packed_size);
        report("bundle_lzma_unpack:", unpack_us, RUNS);
        free(packed);
    }
    (void)sink;
    free(data);
    return 0;
}
