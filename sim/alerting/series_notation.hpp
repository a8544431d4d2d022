// promtool's expanding notation for input series values: `1 2 _ stale`, `a+bxn`, `a-bxn`, `axn`,
// `_xn`. Sample i of the expansion belongs at start + i·interval.
#pragma once

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

// Expands the notation as Prometheus 2.42's series parser does: `a+bxn` gives n+1 samples, each
// the previous plus b (so rounding accumulates as in Go), `_xn` gives n gaps. Throws NotationError.
SeriesValues expand_series_values(std::string_view text);

}  // namespace sim::alerting
