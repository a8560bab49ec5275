/* fuzz_bundle_lzma: a libFuzzer target for the compressed-bundle decoder (src/core/bundle_lzma.h).
 * The invariants it checks are listed in fuzz_bundle_lzma_body.h, which the ctest
 * replay driver (fuzz_replay.c) runs over corpus/bundle_lzma/.
 * Built and run by tools/fuzz.sh (clang -fsanitize=fuzzer,address,undefined). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_bundle_lzma_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_bundle_lzma_one(data, size);
    return 0;
}
