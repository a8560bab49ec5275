/* Tests for bundle_lzma: the built-in bundle's compressed copy (as
 * tools/bundle/pack.mjs writes it for the build, STEPPE_BUNDLE_LZMA) unpacks
 * to exactly the plain bundle's bytes (argv[1]), and every way a container
 * can be damaged gives an error that names what is wrong, never a crash or a
 * bundle. */
#include "bundle_lzma.h"
#include "test_support.h"

static char msg[256];

static void test_error_texts(void)
{
    CHECK_STR(bundle_lzma_error_text(BUNDLE_LZMA_OK), "ok");
    CHECK_STR(bundle_lzma_error_text(BUNDLE_LZMA_ERR_DATA), "the LZMA stream is corrupt");
    CHECK_STR(bundle_lzma_error_text((BundleLzmaError)999), "unknown error");
    CHECK(bundle_lzma_is_compressed("SATZ", 4));
    CHECK(!bundle_lzma_is_compressed("SATL....", 8));
    CHECK(!bundle_lzma_is_compressed("SAT", 3));
    CHECK(!bundle_lzma_is_compressed(NULL, 0));
}

/* Unpacks d[0..size), expecting error want whose message contains needle. */
static void expect_error(const char *what, const uint8_t *d, size_t size, BundleLzmaError want, const char *needle)
{
    unsigned char *out = (unsigned char *)1;
    size_t out_size = 123;
    BundleLzmaError e = bundle_lzma_unpack(d, size, &out, &out_size, msg, sizeof msg);
    if (e != want || !strstr(msg, needle)) printf("  %s: got %d \"%s\", want %d \"%s...\"\n", what, e, msg, want, needle);
    CHECK_EQ_U(e, want);
    CHECK(strstr(msg, needle) != NULL);
    CHECK(out == NULL);
    CHECK_EQ_U(out_size, 0);
}

static void test_header_errors(const uint8_t *packed, size_t size)
{
    expect_error("nothing", NULL, 0, BUNDLE_LZMA_ERR_TOO_SMALL, "smaller than a compressed-bundle header (0 bytes");
    expect_error("24 bytes", packed, 24, BUNDLE_LZMA_ERR_TOO_SMALL, "(24 bytes, the header is 25)");
    uint8_t *d = malloc(size);
    memcpy(d, packed, size);
    memcpy(d, "SATL", 4);
    expect_error("a plain bundle's magic", d, size, BUNDLE_LZMA_ERR_MAGIC, "not a compressed bundle (bad magic)");
    memcpy(d, packed, size);
    d[4] = 2;
    expect_error("version 2", d, size, BUNDLE_LZMA_ERR_VERSION, "unsupported compressed-bundle version 2, this reader understands version 1");
    memcpy(d, packed, size);
    d[20] = 225; /* lc/lp/pb beyond 9 * 5 * 5 */
    expect_error("properties", d, size, BUNDLE_LZMA_ERR_PROPERTIES, "unsupported LZMA properties (e1 ");
    memcpy(d, packed, size);
    d[12] ^= 1;
    expect_error("the header's checksum", d, size, BUNDLE_LZMA_ERR_CHECKSUM, "checksum of the decoded bundle does not match");
    memcpy(d, packed, size);
    uint32_t plain = le32_get(d + 8);
    le32_put(d + 8, plain + 1);
    expect_error("a size one byte more", d, size, BUNDLE_LZMA_ERR_SHORT, "the LZMA stream ends before the bundle's last byte");
    le32_put(d + 8, plain - 1);
    expect_error("a size one byte less", d, size, BUNDLE_LZMA_ERR_TRAILING, "goes on past the bundle's last byte");
    le32_put(d + 8, 0xffffffffu);
    expect_error("a size of 4 GiB", d, size, BUNDLE_LZMA_ERR_TOO_LARGE, "the header names a bundle over 256 MiB (4294967295 bytes)");
    free(d);
}

static void test_truncated(const uint8_t *packed, size_t size)
{
    /* The container cut short: its header says more than is there. */
    char want[96];
    snprintf(want, sizeof want, "shorter than its header says (%zu bytes, %zu present)", size - 25, size - 26);
    expect_error("one byte cut", packed, size - 1, BUNDLE_LZMA_ERR_TRUNCATED, want);
    /* The stream cut short, its header made to agree: decoding runs out. */
    size_t cuts[] = { 25, 26, 30, 1000, size / 2, size - 100, size - 6 };
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        uint8_t *d = malloc(cuts[i]);
        memcpy(d, packed, cuts[i]);
        le32_put(d + 16, (uint32_t)(cuts[i] - 25));
        expect_error("stream cut", d, cuts[i], BUNDLE_LZMA_ERR_SHORT, "ends before the bundle's last byte");
        free(d);
    }
    /* Bytes after the stream's end marker. */
    uint8_t *d = malloc(size + 3);
    memcpy(d, packed, size);
    memset(d + size, 0, 3);
    le32_put(d + 16, le32_get(d + 16) + 3);
    expect_error("after the end marker", d, size + 3, BUNDLE_LZMA_ERR_TRAILING, "(its end marker at byte");
    free(d);
}

/* Flips bytes through the stream: each gives an error (most often the
 * decoder's, else the checksum's), never a bundle and never a crash (the ASan
 * build runs this too). */
static void test_corrupted(const uint8_t *packed, size_t size)
{
    uint8_t *d = malloc(size);
    int data = 0, checksum = 0, other = 0;
    for (size_t at = 25; at < size; at += 997) {
        memcpy(d, packed, size);
        d[at] ^= 0x5a;
        unsigned char *out = NULL;
        size_t out_size = 0;
        BundleLzmaError e = bundle_lzma_unpack(d, size, &out, &out_size, msg, sizeof msg);
        CHECK(e != BUNDLE_LZMA_OK);
        CHECK(out == NULL);
        CHECK(msg[0] != '\0');
        if (e == BUNDLE_LZMA_ERR_DATA) {
            data++;
            CHECK(strstr(msg, "the LZMA stream is corrupt at byte ") != NULL);
        } else if (e == BUNDLE_LZMA_ERR_CHECKSUM) {
            checksum++;
        } else {
            other++;
            CHECK(e == BUNDLE_LZMA_ERR_SHORT || e == BUNDLE_LZMA_ERR_TRAILING);
        }
        free(out);
    }
    printf("  corrupted streams: %d corrupt, %d checksum, %d short or trailing\n", data, checksum, other);
    CHECK(data + checksum + other > 100);
    CHECK(data > 0);
    free(d);
}

static void test_round_trip(const uint8_t *packed, size_t size, const uint8_t *plain, size_t plain_size)
{
    unsigned char *out = NULL;
    size_t out_size = 0;
    BundleLzmaError e = bundle_lzma_unpack(packed, size, &out, &out_size, msg, sizeof msg);
    if (e != BUNDLE_LZMA_OK) printf("  round trip: %s\n", msg);
    CHECK_EQ_U(e, BUNDLE_LZMA_OK);
    CHECK_STR(msg, "");
    CHECK_EQ_U(out_size, plain_size);
    CHECK(out && out_size == plain_size && memcmp(out, plain, plain_size) == 0);
    /* It is a bundle that opens. */
    Bundle b;
    CHECK_EQ_U(out ? bundle_open(&b, out, out_size, msg, sizeof msg) : BUNDLE_ERR_TOO_SMALL, BUNDLE_OK);
    if (out) bundle_close(&b);
    free(out);
    /* A plain bundle's size and CRC are the header's. */
    CHECK_EQ_U(le32_get(packed + 8), plain_size);
    CHECK_EQ_U(le32_get(packed + 12), bundle_crc32(plain, plain_size));
    CHECK(size < plain_size / 2);
}

int main(int argc, char **argv)
{
    test_error_texts();
    size_t plain_size = 0, size = 0;
    uint8_t *plain = test_read_real_bundle(argc > 1 ? argv[1] : NULL, &plain_size);
    const char *packed_path = getenv("STEPPE_BUNDLE_LZMA");
    uint8_t *packed = test_read_file(packed_path, &size);
    if (!packed) printf("skip: compressed bundle not readable at %s\n", packed_path ? packed_path : "(STEPPE_BUNDLE_LZMA unset)");
    if (plain && packed) {
        test_round_trip(packed, size, plain, plain_size);
        test_header_errors(packed, size);
        test_truncated(packed, size);
        test_corrupted(packed, size);
    } else {
        CHECK(!"the plain and the compressed bundle are both readable");
    }
    free(plain);
    free(packed);
    return test_finish();
}
