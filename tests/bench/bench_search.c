/* bench_search: how long building the search index and one query take.
 *
 * Reads a bundle file (argv[1], default build/native/atlas.bundle), times
 * search_index_build_from_bundle (median of RUNS builds: argv[2], default 51)
 * and then each query of QUERIES RUNS times (what one keystroke in the search box costs: the box
 * runs the whole query again on every change), printing the median, fastest
 * and slowest of each and the median over all queries.
 * A benchmark, not a test: it prints figures and is not registered with
 * ctest. Build it optimised (the native preset):
 *   cmake --build --preset native --target bench_search
 *   build/native/tests/bench_search build/native/atlas.bundle [RUNS]
 * tools/bench/synthetic_bundle.mjs writes a bundle with 100,000 more events
 * to time it at that size. */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "search.h"
#include "bench_support.h"
#include "test_support.h"

#define RUNS_MAX 101
#define MAX_RESULTS 64

/* Names, old names, typos, words from the panels' text, and the worst case:
 * short prefixes that match nearly everything. */
static const char *const QUERIES[] = {
    "k", "ka", "kaz", "Kazakhstan", "kazakstan", "Nur-Sultan", "Alma-Ata", "Қазақстан",
    "C5+1", "C5", "Kassym", "became president", "uranium", "trade with russia", "zzzzzzzz",
};
#define QUERY_COUNT (sizeof QUERIES / sizeof QUERIES[0])

/* Sorts v and returns its median after printing it with its minimum and maximum. */
static double report(const char *what, double *v, size_t n, size_t found)
{
    qsort(v, n, sizeof *v, bench_compare_doubles);
    printf("  %-22s %9.1f us median (min %.1f, max %.1f), %zu records match\n", what, v[n / 2], v[0], v[n - 1], found);
    return v[n / 2];
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "build/native/atlas.bundle";
    int runs = argc > 2 ? atoi(argv[2]) : 51;
    if (runs < 1 || runs > RUNS_MAX) runs = 51;
    size_t size = 0;
    uint8_t *data = test_read_file(path, &size);
    if (!data) {
        fprintf(stderr, "bench_search: cannot read %s\n", path);
        return 1;
    }
    char message[512];
    Bundle b;
    if (bundle_open(&b, data, size, message, sizeof message) != BUNDLE_OK) {
        fprintf(stderr, "bench_search: %s: %s\n", path, message);
        free(data);
        return 1;
    }
    printf("bench_search: %s, %u countries, %u places, %u articles, %u events\n", path, b.country_count,
           b.place_count, b.article_count, b.event_count);
    double build_us[RUNS_MAX];
    SearchIndex *index = NULL;
    for (int i = 0; i < runs; i++) {
        search_index_destroy(index);
        double t0 = bench_now_us();
        index = search_index_build_from_bundle(&b);
        build_us[i] = bench_now_us() - t0;
        if (!index) {
            fprintf(stderr, "bench_search: out of memory\n");
            return 1;
        }
    }
    report("build the index:", build_us, (size_t)runs, 0);
    static SearchResult results[MAX_RESULTS];
    double medians[QUERY_COUNT];
    for (size_t q = 0; q < QUERY_COUNT; q++) {
        double us[RUNS_MAX];
        size_t found = 0;
        for (int i = 0; i < runs; i++) {
            double t0 = bench_now_us();
            search_run_counted(index, QUERIES[q], results, MAX_RESULTS, &found);
            us[i] = bench_now_us() - t0;
        }
        char what[64];
        snprintf(what, sizeof what, "\"%s\":", QUERIES[q]);
        medians[q] = report(what, us, (size_t)runs, found);
    }
    qsort(medians, QUERY_COUNT, sizeof *medians, bench_compare_doubles);
    printf("  median query: %.1f us, slowest query's median: %.1f us\n", medians[QUERY_COUNT / 2],
           medians[QUERY_COUNT - 1]);
    search_index_destroy(index);
    bundle_close(&b);
    free(data);
    return 0;
}
