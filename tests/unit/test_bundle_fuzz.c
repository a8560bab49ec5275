/* test_bundle_fuzz: runs the fuzz target's body (tests/fuzz/fuzz_bundle_body.h)
 * over ~20,000 deterministic mutations of the fixture bundle, so the reader
 * (and its varint decoding) is fuzzed under ASan/UBSan on every ctest run. Half the mutations keep the
 * wrong checksum (testing that it is checked first); the other half get it
 * recomputed, so the mutation reaches the section, string and id checks. */
#include "test_support.h"

#include "../fuzz/fuzz_bundle_body.h"

enum { MUTATIONS = 20000 };

static void mutate(uint8_t *d, size_t *size, size_t cap, uint64_t *rng)
{
    int edits = 1 + (int)(test_rand(rng) % 4);
    for (int k = 0; k < edits; k++) {
        size_t n = *size;
        switch (test_rand(rng) % 8) {
        case 0: /* flip a bit */
            if (n) d[test_rand(rng) % n] ^= (uint8_t)(1u << (test_rand(rng) % 8));
            break;
        case 1: /* write a random byte */
            if (n) d[test_rand(rng) % n] = (uint8_t)test_rand(rng);
            break;
        case 2: /* write an interesting u32 at an aligned place (offsets, counts, ids) */
            if (n >= 4) {
                static const uint32_t vals[] = { 0, 1, 2, 3, 4, 0x7FFFFFFF, 0x80000000u, 0xFFFFFFFFu,
                                                 0xFFFFFFFCu, 16, 24, 64, 1000 };
                size_t at = (test_rand(rng) % (n / 4)) * 4;
                le32_put(d + at, vals[test_rand(rng) % (sizeof vals / sizeof vals[0])]);
            }
            break;
        case 3: /* small arithmetic on a u32 */
            if (n >= 4) {
                size_t at = (test_rand(rng) % (n / 4)) * 4;
                le32_put(d + at, le32_get(d + at) + (uint32_t)(test_rand(rng) % 9) - 4u);
            }
            break;
        case 4: /* truncate */
            *size = n ? test_rand(rng) % n : 0;
            break;
        case 5: /* extend with junk, and keep the header's file_size in step half the time */
            if (n < cap) {
                size_t grow = 1 + test_rand(rng) % (cap - n < 64 ? cap - n : 64);
                for (size_t i = 0; i < grow; i++) d[n + i] = (uint8_t)test_rand(rng);
                *size = n + grow;
                if (n >= 12 && test_rand(rng) % 2) le32_put(d + 8, (uint32_t)*size);
            }
            break;
        case 6: /* a section table field */
            if (n >= 24 + 16) {
                uint32_t sections = le32_get(d + 16);
                if (sections && 24 + 16 * (size_t)(sections % 64) <= n) {
                    size_t at = 24 + 16 * (test_rand(rng) % (sections % 64 ? sections % 64 : 1)) +
                                4 * (test_rand(rng) % 4);
                    if (at + 4 <= n) le32_put(d + at, (uint32_t)test_rand(rng) % (uint32_t)(n + 8));
                }
            }
            break;
        default: /* copy a run of bytes over another (duplicates strings, records) */
            if (n > 8) {
                size_t len = 1 + test_rand(rng) % 16, from = test_rand(rng) % (n - 1),
                       to = test_rand(rng) % (n - 1);
                if (from + len > n) len = n - from;
                if (to + len > n) len = n - to;
                memmove(d + to, d + from, len);
            }
            break;
        }
    }
}

/* A few hundred mutations of the real bundle (argv[1]) when it exists: its
 * geometry and fonts are bigger than the fixture's, so fewer runs suffice. */
static void fuzz_real_bundle(const char *path)
{
    size_t size = 0;
    uint8_t *real = test_read_real_bundle(path, &size);
    if (!real) return;
    CHECK_EQ_U(fuzz_bundle_one(real, size), BUNDLE_OK);
    uint8_t *d = malloc(size + 256);
    uint64_t rng = 0xB0B;
    int accepted = 0;
    for (int i = 0; i < 200; i++) {
        size_t n = size;
        memcpy(d, real, size);
        mutate(d, &n, size + 256, &rng);
        tb_fix_checksum(d, n);
        accepted += fuzz_bundle_one(d, n) == BUNDLE_OK;
    }
    printf("real bundle: 200 mutations, %d accepted\n", accepted);
    free(d);
    free(real);
}

int main(int argc, char **argv)
{
    size_t size;
    uint8_t *fixture = tb_fixture_bundle(&size);
    size_t cap = size + 256;
    uint8_t *d = malloc(cap);
    unsigned by_code[BUNDLE_ERROR_COUNT] = { 0 };
    uint64_t rng = 0x5EED5EED;

    /* The unmutated fixture must open. */
    CHECK_EQ_U(fuzz_bundle_one(fixture, size), BUNDLE_OK);
    for (int i = 0; i < MUTATIONS; i++) {
        size_t n = size;
        memcpy(d, fixture, size);
        mutate(d, &n, cap, &rng);
        if (i % 2) tb_fix_checksum(d, n);
        /* Copy to an exact-size heap block so ASan catches a read one past the end. */
        uint8_t *exact = malloc(n ? n : 1);
        memcpy(exact, d, n);
        BundleError e = fuzz_bundle_one(exact, n);
        free(exact);
        if ((unsigned)e < BUNDLE_ERROR_COUNT) by_code[e]++;
    }
    printf("%d mutations:", MUTATIONS);
    for (int e = 0; e < BUNDLE_ERROR_COUNT; e++)
        if (by_code[e]) printf(" %s=%u", e == 0 ? "ok" : bundle_error_text((BundleError)e), by_code[e]);
    printf("\n");
    /* The mix must reach deep: some accepted, some rejected past the checksum. */
    CHECK(by_code[BUNDLE_OK] > 0);
    CHECK(by_code[BUNDLE_ERR_CHECKSUM] > 0);
    CHECK(by_code[BUNDLE_ERR_TRUNCATED] > 0);
    CHECK(by_code[BUNDLE_ERR_SECTION_BOUNDS] + by_code[BUNDLE_ERR_SECTION_SIZE] > 0);
    CHECK(by_code[BUNDLE_ERR_STRING] > 0);
    CHECK(by_code[BUNDLE_ERR_REFERENCE] > 0);
    CHECK(by_code[BUNDLE_ERR_ENCODING] > 0); /* into the packed VERT */
    free(d);
    free(fixture);
    fuzz_real_bundle(argc > 1 ? argv[1] : NULL);
    return test_finish();
}
