/* fuzz_bundle: a libFuzzer target for the bundle reader.
 *
 * Not built by CMake (it needs clang's -fsanitize=fuzzer): tools/fuzz.sh builds
 * it with -DFUZZ_FIX_CHECKSUM and runs it from corpus/bundle/ (the test
 * fixture bundle of test_support.h, and its first 64 bytes), e.g.
 *   tools/fuzz.sh 600 bundle
 * Why FUZZ_FIX_CHECKSUM: almost every mutation breaks the CRC, so without it
 * the fuzzer never gets past check 3. With it, the input's checksum field is
 * recomputed before the reader sees it (both paths are worth running).
 * The ctest driver (tests/unit/test_bundle_fuzz.c) runs the same body over
 * deterministic mutations, and fuzz_replay.c over corpus/bundle/. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_bundle_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#ifdef FUZZ_FIX_CHECKSUM
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    memcpy(copy, data, size);
    if (size >= 16) {
        uint32_t crc = bundle_crc32(copy + 16, size - 16);
        for (int i = 0; i < 4; i++) copy[12 + i] = (uint8_t)(crc >> (8 * i));
    }
    fuzz_bundle_one(copy, size);
    free(copy);
#else
    fuzz_bundle_one(data, size);
#endif
    return 0;
}
