/* bundle_lzma: the built-in bundle as the programs embed it, LZMA-compressed
 * (issue 12: the web page's first load), and its decoder.
 *
 * Only the embedded copy is compressed: a bundle opened from a file, a
 * ?bundle= URL or a drop is the plain format of bundle_format.md. The
 * container ("compressed bundle" in bundle_format.md) is written by
 * tools/bundle/pack.mjs with `xz --format=lzma -9e`:
 *
 *   offset 0   u8[4] "SATZ"
 *          4   u32   container version, 1
 *          8   u32   size of the plain bundle
 *          12  u32   CRC-32 (bundle_crc32) of all of the plain bundle's bytes
 *          16  u32   size of the LZMA stream
 *          20  u8[5] LZMA properties (lc/lp/pb, dictionary size)
 *          25  the LZMA stream (an end marker after the last byte is allowed)
 *
 * bundle_lzma_unpack decodes it with the LZMA SDK's LzmaDecode (Debian's
 * lzma-dev, public domain, compiled in from /usr/include/lzma/LzmaDec.c):
 * the output buffer is the dictionary, so decoding needs only that buffer
 * and the decoder's ~30 KB of probabilities, whatever dictionary size the
 * properties name. Depends on the C library only (no SDL). */
#ifndef STEPPE_BUNDLE_LZMA_H
#define STEPPE_BUNDLE_LZMA_H

#include <stdbool.h>
#include <stddef.h>

#define BUNDLE_LZMA_MAGIC "SATZ"
#define BUNDLE_LZMA_VERSION 1u
#define BUNDLE_LZMA_HEADER_SIZE 25u
/* The largest bundle a header may name (the atlas's is 0.3 MB; 1:10m borders
 * with 100,000 events a few MB): a damaged size field is refused, not allocated. */
#define BUNDLE_LZMA_MAX_SIZE (256u << 20)

#define BUNDLE_LZMA_ERRORS(X)                                                          \
    X(BUNDLE_LZMA_OK, "ok")                                                            \
    X(BUNDLE_LZMA_ERR_TOO_SMALL, "smaller than a compressed-bundle header")            \
    X(BUNDLE_LZMA_ERR_MAGIC, "not a compressed bundle (bad magic)")                    \
    X(BUNDLE_LZMA_ERR_VERSION, "unsupported compressed-bundle version")                \
    X(BUNDLE_LZMA_ERR_TRUNCATED, "the LZMA stream is shorter than its header says")    \
    X(BUNDLE_LZMA_ERR_TOO_LARGE, "the header names a bundle over 256 MiB")             \
    X(BUNDLE_LZMA_ERR_PROPERTIES, "unsupported LZMA properties")                       \
    X(BUNDLE_LZMA_ERR_DATA, "the LZMA stream is corrupt")                              \
    X(BUNDLE_LZMA_ERR_SHORT, "the LZMA stream ends before the bundle's last byte")     \
    X(BUNDLE_LZMA_ERR_TRAILING, "the LZMA stream goes on past the bundle's last byte") \
    X(BUNDLE_LZMA_ERR_CHECKSUM, "checksum of the decoded bundle does not match")      \
    X(BUNDLE_LZMA_ERR_MEMORY, "out of memory")

typedef enum {
#define BUNDLE_LZMA_ENUM(code, text) code,
    BUNDLE_LZMA_ERRORS(BUNDLE_LZMA_ENUM)
#undef BUNDLE_LZMA_ENUM
} BundleLzmaError;

/* True if data starts with the container's magic (a plain bundle starts "SATL"). */
bool bundle_lzma_is_compressed(const void *data, size_t size);

/* Decodes a compressed bundle into a malloc'd buffer of the plain bundle's
 * bytes (the caller frees it with free) and its size. Every byte of the
 * header and the stream is checked: a short, corrupt or trailing stream, or
 * one whose output does not match the header's size and checksum, returns
 * the error and writes a one-line explanation (with the offsets and sizes
 * involved) into message[0..message_size) if message is not NULL; then *out
 * is NULL and nothing is allocated. Never reads outside data[0..size). */
BundleLzmaError bundle_lzma_unpack(const void *data, size_t size, unsigned char **out, size_t *out_size,
                                   char *message, size_t message_size);

/* The short text of an error code ("unknown error" for values out of range). */
const char *bundle_lzma_error_text(BundleLzmaError e);

#endif
