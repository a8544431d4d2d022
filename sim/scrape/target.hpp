// A scrape target as the model declares it: identity labels, timing, and the callback through which
// it exposes its metrics.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/base/time.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::scrape {

// One line of a /metrics page: labels including __name__, and the value.
struct ExposedSample {
    tsdb::Labels labels;
    double value = 0;
};

// What a target answered to one scrape.
struct ScrapeResult {
    enum class Status { Answered, Failed };

    Status status = Status::Answered;
    std::vector<ExposedSample> samples;
    // How long the answer took; longer than the target's scrape timeout means the scrape timed out.
    Duration response_time;
    // The HTTP status of the answer (what a live server replays; Prometheus only tells 2xx apart).
    int http_status = kHttpOk;

    static constexpr int kHttpOk = 200;
    static constexpr int kHttpInternalError = 500;

    static ScrapeResult success(std::vector<ExposedSample> samples, Duration response_time = {});
    // Connection refused, HTTP error, unparsable page: Prometheus treats all as an empty scrape.
    static ScrapeResult failure(Duration response_time = {}, int http_status = kHttpInternalError);
};

// Called at each scrape time with that time.
using Exporter = std::function<ScrapeResult(Time)>;

// One scrape of a real server, replayed. Prometheus stamps a scrape's samples (and `up`) with the
// instant the scrape started, `stamped`; the target answers with its state when the request reaches
// it, `answered`, a few milliseconds later. Across a state change the two sit on either side of it.
struct ReplayedScrape {
    Time stamped;
    Time answered;  // >= stamped
    auto operator<=>(const ReplayedScrape&) const = default;
};

struct TargetConfig {
    std::string job;
    std::string instance;
    // Further target labels (pod, namespace, ...); must not contain job, instance or __name__.
    tsdb::Labels labels;
    Duration interval = Duration::minutes(1);  // Prometheus' default scrape_interval
    Duration timeout = Duration::seconds(10);  // and scrape_timeout
    // Offset of the scrape ticks within the interval: ticks fall at k·interval + phase (Unix time).
    // Unset: derived from a hash of the target labels, as Prometheus spreads its targets.
    std::optional<Duration> phase;
    // Set: scraped exactly at these (those answered at or after the target is added) instead of
    // every interval — the replay of a real server's scrapes.
    std::optional<std::vector<ReplayedScrape>> instants;
};

}  // namespace sim::scrape
