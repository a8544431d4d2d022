// The failure-drills docs page (Markdown) that `check --docs` compares scenarios against.
#include "models/scenario/drill_docs.hpp"
#include "sim/base/error.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        caracal::parse_drill_docs(fuzz::text_of(data, size), "fuzz.md");
    } catch (const sim::InputError&) {
    }
    return 0;
}
