// promtool's expanding series notation (`1+2x3 _ stale`).
#include "sim/alerting/series_notation.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        sim::alerting::expand_series_values(fuzz::text_of(data, size));
    } catch (const sim::alerting::NotationError&) {
    }
    return 0;
}
