/* fuzz_bundle_lzma_body: the body of the compressed-bundle fuzz target
 * (src/core/bundle_lzma.h), shared by the libFuzzer entry
 * (fuzz_bundle_lzma.c) and the replay driver (fuzz_replay.c).
 *
 * It unpacks the input and checks the decoder's promises: a failure gives no
 * buffer, a zero size and a message that starts with its error's text; a
 * success gives exactly the size the header names, bytes whose CRC-32 is
 * the header's, and no message; without a message buffer the result is the
 * same. ASan sees any read outside the input or write outside the output,
 * LeakSanitizer any buffer not freed. */
#ifndef STEPPE_FUZZ_BUNDLE_LZMA_BODY_H
#define STEPPE_FUZZ_BUNDLE_LZMA_BODY_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "bundle_lzma.h"
#include "fuzz_common.h"

static inline uint32_t fuzz_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void fuzz_bundle_lzma_one(const uint8_t *data, size_t size)
{
    unsigned char *out = (unsigned char *)1;
    size_t out_size = 1;
    char msg[256];
    BundleLzmaError e = bundle_lzma_unpack(data, size, &out, &out_size, msg, sizeof msg);
    unsigned char *out2 = (unsigned char *)1;
    size_t out2_size = 1;
    BundleLzmaError e2 = bundle_lzma_unpack(data, size, &out2, &out2_size, NULL, 0);
    FUZZ_CHECK(e == e2);
    if (e != BUNDLE_LZMA_OK) {
        const char *text = bundle_lzma_error_text(e);
        FUZZ_CHECK(strcmp(text, "unknown error") != 0);
        FUZZ_CHECK(strncmp(msg, text, strlen(text)) == 0);
        FUZZ_CHECK(out == NULL && out_size == 0 && out2 == NULL && out2_size == 0);
        return;
    }
    FUZZ_CHECK(size >= BUNDLE_LZMA_HEADER_SIZE && msg[0] == '\0');
    FUZZ_CHECK(out != NULL && out_size == fuzz_le32(data + 8));
    FUZZ_CHECK(bundle_crc32(out, out_size) == fuzz_le32(data + 12));
    FUZZ_CHECK(out2 != NULL && out2_size == out_size && memcmp(out, out2, out_size) == 0);
    free(out);
    free(out2);
}

#endif
