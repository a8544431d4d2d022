// promtool's expanding notation for input series values: `1 2 _ stale`, `a+bxn`, `a-bxn`, `axn`,
// `_xn`. Sample i of the expansion belongs at start + i·interval.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sim::alerting {

// A slot is nullopt where the notation leaves a gap (`_`); a stale marker is tsdb::stale_nan().
using SeriesValues = std::vector<std::optional<double>>;

// Bad notation; `offset` is the byte offset in the values text.
class NotationError : public std::runtime_error {
public:
    NotationError(int offset, const std::string& message) : std::runtime_error(message), offset_(offset) {}
    int offset() const { return offset_; }

private:
    int offset_;
};

// One item of the notation, not yet expanded: `count` slots, the first holding `first` (nullopt: a
// gap) and each next one the previous plus `step` (added one slot at a time, so rounding accumulates
// as in Go), or a copy of `first` when there is no step (`axn`: -0 and NaN payloads stay as written).
struct SeriesRun {
    std::optional<double> first;
    std::optional<double> step;
    std::uint64_t count = 1;
};

// A values text as its runs. promtool 2.42 has no limit on a repetition count but materialises every
// sample (about 90 bytes each); runs cost the same for `1x10` and `1+0x10000000`, and Samples walks
// them lazily, so a long series costs memory only for the samples a test actually reaches.
class SeriesRuns {
public:
    void append(const SeriesRun& run) { runs_.push_back(run); }
    // Slots of the expansion, gaps included (saturating at the largest count).
    std::uint64_t size() const;
    // Every slot, for short series only: the expansion is allocated whole.
    SeriesValues materialize() const;

    // The slots holding a value, in order, computed one at a time; gap runs are skipped whole.
    class Samples {
    public:
        struct Slot {
            std::uint64_t index;
            double value;
        };
        explicit Samples(const SeriesRuns& runs) : runs_(&runs.runs_) {}
        std::optional<Slot> next();

    private:
        const std::vector<SeriesRun>* runs_;
        std::size_t run_ = 0;
        std::uint64_t within_ = 0;  // slots of the current run already given
        std::uint64_t base_ = 0;    // index of the current run's first slot
        double value_ = 0;
    };

private:
    std::vector<SeriesRun> runs_;
};

// Reads the notation as Prometheus 2.42's series parser does: `a+bxn` gives n+1 samples, each the
// previous plus b, `axn` n+1 copies, `_xn` n gaps; n is any unsigned 64-bit count. Throws
// NotationError.
SeriesRuns parse_series_runs(std::string_view text);
// parse_series_runs(text).materialize().
SeriesValues expand_series_values(std::string_view text);

}  // namespace sim::alerting
