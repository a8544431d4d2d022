// Statistics of one case's replications, per alert: P(fired) and the spread of TTD and TTR.
//
// Quantiles are nearest-rank (Hyndman & Fan type 1): the p-quantile of n sorted samples is the
// ceil(p·n)-th smallest (the smallest for p = 0). Every reported time is one that some replication
// measured, so it stays a whole millisecond and needs no rounding.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/outcome.hpp"

namespace caracal::analysis {

struct DurationSpread {
    std::size_t samples = 0;
    Duration min, p50, p95, max;
};

// nullopt for no samples.
std::optional<DurationSpread> spread(const std::vector<Duration>& samples);
// Nearest-rank quantile of non-empty samples in any order; `percent` in [0, 100] (integer, so the
// rank is exact: ceil(percent·n / 100)).
Duration quantile(std::vector<Duration> samples, unsigned percent);

struct AlertStatistics {
    std::string alert;
    bool expected = false;
    std::size_t replications = 0;
    std::size_t fired = 0;
    std::optional<DurationSpread> ttd;  // over the replications where it fired
    std::optional<DurationSpread> ttr;  // over those where it also resolved by the end

    double p_fired() const { return replications == 0 ? 0.0 : static_cast<double>(fired) / replications; }
};

struct CaseStatistics {
    std::size_t replications = 0;
    std::size_t passed = 0;  // replications whose drill check passed
    // Per failed check (Outcome::failed), the replications it failed in: most often first, ties
    // by name.
    std::vector<std::pair<std::string, std::size_t>> failed_checks;
    // Every alert that is expected or fired in some replication: expected ones in the outcomes'
    // order, then the others by name.
    std::vector<AlertStatistics> alerts;

    // Every expected alert fired in every replication.
    bool detected_always() const;
};

CaseStatistics case_statistics(const std::vector<const Outcome*>& replications);

// Times in seconds; keys in a fixed order.
nlohmann::ordered_json to_json(const DurationSpread& spread);
nlohmann::ordered_json to_json(const AlertStatistics& stats);
nlohmann::ordered_json to_json(const CaseStatistics& stats);

}  // namespace caracal::analysis
