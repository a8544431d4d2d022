// A twin run in step with the wall clock and answered over HTTP (`caracal-twin serve`): the
// targets a Prometheus discovers (http_sd_configs JSON), each simulated pod's /metrics page at the
// instant of the request (failing as the simulated handler fails: status and delay), and the
// session's status with the scrape log. Independent of any HTTP library: requests come in as
// HttpRequest with their arrival instant.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "live/http_message.hpp"
#include "live/scrape_log.hpp"
#include "live/wall_clock.hpp"
#include "models/twin/twin.hpp"

namespace caracal::live {

// Where a session stands: before the injection, while a fault step may act, after it.
enum class SessionPhase { WarmUp, Fault, Recovery, Ended };
const char* phase_name(SessionPhase p);

class LiveTwin {
public:
    // `address`: host:port the targets are scraped at (the server's own).
    LiveTwin(TwinSession& twin, WallClock clock, std::string address)
        : twin_(twin), clock_(clock), address_(std::move(address)) {}

    // Runs the simulation up to the wall clock's instant `unix_ms` (never past the scenario's end).
    void advance_to(std::int64_t unix_ms);
    bool ended() const { return twin_.now() >= twin_.end(); }
    SessionPhase phase() const;
    const WallClock& clock() const { return clock_; }

    // Answers `request` arriving at `unix_ms` (advancing the simulation to that instant first).
    HttpResponse handle(const HttpRequest& request, std::int64_t unix_ms);

    // GET /targets: one http_sd_configs group per target scraped now.
    nlohmann::json targets() const;
    // GET /status: simulated time, phase, the scenario's instants in Unix ms, the scrape log and
    // each scraped target's instance label.
    nlohmann::json status() const;

private:
    HttpResponse pod_metrics(const std::string& target, std::int64_t unix_ms);
    // The `instance` label Prometheus gives the target scraped now (its series carry it).
    std::string instance_label(const std::string& target) const;

    TwinSession& twin_;
    WallClock clock_;
    std::string address_;
    ScrapeLog log_;
};

// The URL path of a target's page: /pods/<target>/metrics.
std::string metrics_path(const std::string& target);

}  // namespace caracal::live
