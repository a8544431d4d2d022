// Alertmanager configuration files: YAML, the routing tree, matchers, receivers' integrations,
// inhibit rules and time intervals, all checked at load. Anything but a positioned InputError is a bug.
#include "sim/alertmanager/config_reader.hpp"
#include "sim/base/error.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        sim::alertmanager::parse_config(fuzz::text_of(data, size), "fuzz.yml");
    } catch (const sim::InputError& e) {
        if (e.pos().line == 0) fuzz::broken(std::string("an error without a line: ") + e.what());
    }
    return 0;
}
