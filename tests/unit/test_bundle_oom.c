/* test_bundle_oom: bundle_open reports running out of memory, leaks nothing
 * and leaves the Bundle zeroed. The decoded geometry is the reader's only
 * allocation; to fail it on purpose, this test is linked with GNU ld's
 * --wrap=malloc (tests/CMakeLists.txt), so every malloc in the program comes
 * here first and can be refused. Under ASan, LeakSanitizer then checks that
 * a half-done open frees what it got. */
#include "test_support.h"
#include "country_triangles.h"

void *__real_malloc(size_t size);
void *__wrap_malloc(size_t size);

/* Mallocs to let through before refusing one; -1 lets everything through. */
static int mallocs_until_failure = -1;

void *__wrap_malloc(size_t size)
{
    if (mallocs_until_failure == 0) return NULL;
    if (mallocs_until_failure > 0) mallocs_until_failure--;
    return __real_malloc(size);
}

int main(void)
{
    size_t size;
    uint8_t *data = tb_fixture_bundle(&size);
    char msg[256];
    Bundle b;

    /* The first and second allocation (the vertices, and their integer
     * steps that back-references copy) refused in turn. */
    for (int allowed = 0; allowed < 2; allowed++) {
        mallocs_until_failure = allowed;
        BundleError e = bundle_open(&b, data, size, msg, sizeof msg);
        mallocs_until_failure = -1;
        CHECK_EQ_U(e, BUNDLE_ERR_MEMORY);
        CHECK(strstr(msg, allowed < 1 ? "bundle: out of memory decoding 20 vertices (160 bytes)"
                                      : "bundle: out of memory decoding 20 vertices (160 bytes of steps)") != NULL);
        if (!strstr(msg, "out of memory")) printf("  message: %s\n", msg);
        CHECK(b.data == NULL && b.vert_xy == NULL && b.vert_count == 0);
        bundle_close(&b);
    }
    CHECK_STR(bundle_error_text(BUNDLE_ERR_MEMORY), "out of memory");

    /* With memory, the same bytes open. */
    CHECK_EQ_U(bundle_open(&b, data, size, msg, sizeof msg), BUNDLE_OK);
    CHECK_EQ_U(b.vert_count, 20);

    /* Cutting a country's fill without memory for the triangulator's nodes
     * is an error, and leaves what was cut before as it was (KAZ, a square
     * with a square hole: 8 triangles). */
    TriangulateOut out = { 0 };
    CHECK_EQ_U(country_triangles(&b, 3, &out), TRIANGULATE_OK); /* TKM: a square */
    CHECK_EQ_U(out.count, 6);
    mallocs_until_failure = 0;
    TriangulateError te = country_triangles(&b, 1, &out);
    mallocs_until_failure = -1;
    CHECK_EQ_U(te, TRIANGULATE_ERR_MEMORY);
    CHECK_EQ_U(out.count, 6);
    CHECK_EQ_U(country_triangles(&b, 1, &out), TRIANGULATE_OK);
    CHECK_EQ_U(out.count, 6 + 3 * 8);
    free(out.indices);
    bundle_close(&b);
    free(data);
    return test_finish();
}
