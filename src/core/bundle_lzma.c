/* bundle_lzma: see bundle_lzma.h. */
#include "bundle_lzma.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"

/* The LZMA SDK's decoder (lzma-dev; -isystem /usr/include/lzma). */
#include "LzmaDec.h"

static const char *const error_texts[] = {
#define BUNDLE_LZMA_TEXT(code, text) text,
    BUNDLE_LZMA_ERRORS(BUNDLE_LZMA_TEXT)
#undef BUNDLE_LZMA_TEXT
};

const char *bundle_lzma_error_text(BundleLzmaError e)
{
    size_t n = sizeof error_texts / sizeof error_texts[0];
    return (unsigned)e < n ? error_texts[e] : "unknown error";
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static BundleLzmaError fail(BundleLzmaError e, char *message, size_t message_size, const char *fmt, ...)
{
    if (message && message_size) {
        int n = snprintf(message, message_size, "%s", bundle_lzma_error_text(e));
        if (fmt && n >= 0 && (size_t)n < message_size) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(message + n, message_size - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    return e;
}

bool bundle_lzma_is_compressed(const void *data, size_t size)
{
    return data && size >= 4 && memcmp(data, BUNDLE_LZMA_MAGIC, 4) == 0;
}

static void *lzma_alloc(void *p, size_t size)
{
    (void)p;
    return malloc(size);
}

static void lzma_free(void *p, void *address)
{
    (void)p;
    free(address);
}

BundleLzmaError bundle_lzma_unpack(const void *data, size_t size, unsigned char **out, size_t *out_size,
                                   char *message, size_t message_size)
{
    const unsigned char *d = data;
    *out = NULL;
    *out_size = 0;
    if (message && message_size) message[0] = '\0';
    if (!d || size < BUNDLE_LZMA_HEADER_SIZE)
        return fail(BUNDLE_LZMA_ERR_TOO_SMALL, message, message_size, " (%zu bytes, the header is %u)", d ? size : 0,
                    BUNDLE_LZMA_HEADER_SIZE);
    if (!bundle_lzma_is_compressed(d, size)) return fail(BUNDLE_LZMA_ERR_MAGIC, message, message_size, NULL);
    uint32_t version = le32(d + 4);
    if (version != BUNDLE_LZMA_VERSION)
        return fail(BUNDLE_LZMA_ERR_VERSION, message, message_size, " %u, this reader understands version %u",
                    (unsigned)version, BUNDLE_LZMA_VERSION);
    uint32_t plain_size = le32(d + 8), plain_crc = le32(d + 12), stream_size = le32(d + 16);
    size_t available = size - BUNDLE_LZMA_HEADER_SIZE;
    if (stream_size > available)
        return fail(BUNDLE_LZMA_ERR_TRUNCATED, message, message_size, " (%u bytes, %zu present)",
                    (unsigned)stream_size, available);
    if (plain_size > BUNDLE_LZMA_MAX_SIZE)
        return fail(BUNDLE_LZMA_ERR_TOO_LARGE, message, message_size, " (%u bytes)", (unsigned)plain_size);
    unsigned char *plain = malloc(plain_size ? (size_t)plain_size : 1);
    if (!plain)
        return fail(BUNDLE_LZMA_ERR_MEMORY, message, message_size, " (%u bytes for the decoded bundle)",
                    (unsigned)plain_size);
    /* One call: the output buffer is the dictionary (LZMA_FINISH_END: the
     * stream must end at the bundle's last byte). Decoding in steps, so that
     * a WebAssembly engine could switch from its baseline code to optimised
     * code between them, measured no faster in Node. */
    SizeT dest_len = plain_size, src_len = stream_size;
    ELzmaStatus status = LZMA_STATUS_NOT_SPECIFIED;
    ISzAlloc alloc = { lzma_alloc, lzma_free };
    SRes r = LzmaDecode(plain, &dest_len, d + BUNDLE_LZMA_HEADER_SIZE, &src_len, d + 20, LZMA_PROPS_SIZE,
                        LZMA_FINISH_END, &status, &alloc);
    BundleLzmaError e = BUNDLE_LZMA_OK;
    if (r == SZ_ERROR_UNSUPPORTED) {
        e = fail(BUNDLE_LZMA_ERR_PROPERTIES, message, message_size, " (%02x %02x %02x %02x %02x)", d[20], d[21], d[22],
                 d[23], d[24]);
    } else if (r == SZ_ERROR_MEM) {
        e = fail(BUNDLE_LZMA_ERR_MEMORY, message, message_size, " (the decoder's tables)");
    } else if (r == SZ_ERROR_DATA && dest_len == plain_size && status == LZMA_STATUS_NOT_FINISHED) {
        /* LZMA_FINISH_END: the bundle's last byte is not the stream's. */
        e = fail(BUNDLE_LZMA_ERR_TRAILING, message, message_size, " (the header says %u bytes)", (unsigned)plain_size);
    } else if (r == SZ_ERROR_INPUT_EOF || (r == SZ_OK && dest_len < plain_size)) {
        e = fail(BUNDLE_LZMA_ERR_SHORT, message, message_size, ": %zu of %u bytes decoded from %zu of %u",
                 (size_t)dest_len, (unsigned)plain_size, (size_t)src_len, (unsigned)stream_size);
    } else if (r != SZ_OK) {
        e = fail(BUNDLE_LZMA_ERR_DATA, message, message_size, " at byte %zu of %u (%zu of %u bytes decoded)",
                 (size_t)src_len, (unsigned)stream_size, (size_t)dest_len, (unsigned)plain_size);
    } else if (src_len != stream_size) {
        e = fail(BUNDLE_LZMA_ERR_TRAILING, message, message_size, " (its end marker at byte %zu of %u)",
                 (size_t)src_len, (unsigned)stream_size);
    } else {
        uint32_t crc = bundle_crc32(plain, plain_size);
        if (crc != plain_crc)
            e = fail(BUNDLE_LZMA_ERR_CHECKSUM, message, message_size, " (%08x, the header says %08x)", (unsigned)crc,
                     (unsigned)plain_crc);
    }
    if (e != BUNDLE_LZMA_OK) {
        free(plain);
        return e;
    }
    *out = plain;
    *out_size = plain_size;
    return BUNDLE_LZMA_OK;
}
