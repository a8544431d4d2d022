// Prometheus rule files: YAML, group and rule schema, PromQL expressions and label/annotation
// templates, all parsed at load. Anything but a positioned InputError is a bug.
#include "sim/alerting/rule_file.hpp"
#include "sim/base/error.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        sim::alerting::load_rule_text(fuzz::text_of(data, size), "fuzz.yml");
    } catch (const sim::InputError&) {
    }
    return 0;
}
