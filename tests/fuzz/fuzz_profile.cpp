// Deployment profiles (--profile): nested keys over the built-in defaults.
#include "models/platform/profile.hpp"
#include "sim/base/error.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        caracal::load_profile_text(fuzz::text_of(data, size), "fuzz.yaml");
    } catch (const sim::InputError&) {
    }
    return 0;
}
