// promtool's expanding series notation (`1+2x3 _ stale`).
#include "sim/alerting/series_notation.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        // Walk a bounded prefix: a repetition may stand for 2^64 samples.
        const auto runs = sim::alerting::parse_series_runs(fuzz::text_of(data, size));
        sim::alerting::SeriesRuns::Samples samples(runs);
        for (int i = 0; i < 1000 && samples.next(); ++i) {
        }
    } catch (const sim::alerting::NotationError&) {
    }
    return 0;
}
