// Scenario files: schema, durations and limits, fault steps, profile overrides, expectations.
#include "models/scenario/scenario.hpp"
#include "sim/base/error.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        caracal::parse_scenario_text(fuzz::text_of(data, size), "fuzz.yaml");
    } catch (const sim::InputError&) {
    }
    return 0;
}
