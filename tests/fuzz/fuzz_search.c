/* fuzz_search: a libFuzzer target for the search query path: folding and search_run over a fixture index (src/core/search.h).
 * The invariants it checks are listed in fuzz_search_body.h, which the ctest
 * replay driver (fuzz_replay.c) runs over corpus/search/ and regressions/search/.
 * Built and run by tools/fuzz.sh (clang -fsanitize=fuzzer,address,undefined). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_search_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_search_one(data, size);
    return 0;
}
