// promtool test files: schema, durations, series notation, PromQL and expectations. Rule file
// patterns resolve against a folder that does not exist, so the harness never reads the disk.
#include "sim/alerting/unittest_file.hpp"
#include "sim/base/error.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        sim::alerting::parse_unittest_text(fuzz::text_of(data, size), "fuzz.yml", "/nonexistent-fuzz-dir");
    } catch (const sim::InputError&) {
    }
    return 0;
}
