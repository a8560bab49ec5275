/* fuzz_text_layout: a libFuzzer target for UTF-8 decoding (src/core/utf8.h) and word wrapping (src/core/text_layout.h).
 * The invariants it checks are listed in fuzz_text_layout_body.h, which the ctest
 * replay driver (fuzz_replay.c) runs over corpus/text_layout/ and regressions/text_layout/.
 * Built and run by tools/fuzz.sh (clang -fsanitize=fuzzer,address,undefined). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_text_layout_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_text_layout_one(data, size);
    return 0;
}
