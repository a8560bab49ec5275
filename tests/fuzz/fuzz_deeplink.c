/* fuzz_deeplink: a libFuzzer target for the URL-state parser and writer (src/core/deeplink.h).
 * The invariants it checks are listed in fuzz_deeplink_body.h, which the ctest
 * replay driver (fuzz_replay.c) runs over corpus/deeplink/ and regressions/deeplink/.
 * Built and run by tools/fuzz.sh (clang -fsanitize=fuzzer,address,undefined). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_deeplink_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_deeplink_one(data, size);
    return 0;
}
