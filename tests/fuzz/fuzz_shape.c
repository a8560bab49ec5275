/* fuzz_shape: a libFuzzer target for Arabic shaping and the simplified bidi (src/core/shape.h).
 * The invariants it checks are listed in fuzz_shape_body.h, which the ctest
 * replay driver (fuzz_replay.c) runs over corpus/shape/ and regressions/shape/.
 * Built and run by tools/fuzz.sh (clang -fsanitize=fuzzer,address,undefined). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_shape_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_shape_one(data, size);
    return 0;
}
