#include "live/serve_status.hpp"

#include "sim/base/error.hpp"
#include "sim/base/input_file.hpp"
#include "sim/base/json_position.hpp"

namespace caracal::live {

namespace {

std::int64_t unix_ms(const nlohmann::json& status, const char* key, const std::string& path) {
    if (!status.contains(key) || !status[key].is_number_integer())
        throw sim::InputError(path, {}, std::string("expected \"") + key + "\" (Unix ms) in serve's status file");
    return status[key].get<std::int64_t>();
}

}  // namespace

ServeStatus read_serve_status(const std::string& path) {
    const std::string text = sim::read_input_file(path, "cannot read serve's status file");
    nlohmann::json status;
    try {
        status = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw sim::InputError(path, sim::json_error_position(text, e.byte), "expected serve's status file (JSON)");
    }
    if (!status.is_object()) throw sim::InputError(path, {}, "expected serve's status file (a JSON object)");
    ServeStatus out;
    out.start_unix_ms = unix_ms(status, "start_unix_ms", path);
    out.injected_at_unix_ms = unix_ms(status, "injected_at_unix_ms", path);
    if (!status.contains("scrape_log")) throw sim::InputError(path, {}, "expected \"scrape_log\" in serve's status file");
    out.scrape_log = ScrapeLog::from_json(status["scrape_log"], status.value("scrape_instances", nlohmann::json()), path);
    return out;
}

std::vector<sim::scrape::ReplayedScrape> paired_scrapes(const std::vector<std::int64_t>& arrivals,
                                                        const std::vector<std::int64_t>& stamps,
                                                        sim::Duration timeout, std::int64_t start_unix_ms) {
    const auto simulated = [&](std::int64_t unix_ms) { return sim::Time::from_millis(unix_ms - start_unix_ms); };
    std::vector<sim::scrape::ReplayedScrape> out;
    auto next = stamps.begin();
    for (std::int64_t arrival : arrivals) {
        // The latest stamp at or before the request; older unpaired ones were scrapes that never
        // reached serve (a target's scrapes are an interval apart, longer than the timeout).
        auto latest = stamps.end();
        while (next != stamps.end() && *next <= arrival) latest = next++;
        if (latest != stamps.end() && arrival - *latest <= timeout.ms())
            out.push_back({simulated(*latest), simulated(arrival)});
        else
            out.push_back({simulated(arrival), simulated(arrival)});
    }
    return out;
}

RunOptions replay_options(const ServeStatus& status, const ScrapeStamps& stamps, RunOptions base,
                          std::optional<sim::Duration> evaluation_phase, const Profile& profile) {
    // The simulation starts at Time::epoch(), which the live session pinned to start_unix_ms.
    ScrapeInstants instants;
    const auto& instances = status.scrape_log.instances();
    for (const auto& [target, arrivals] : status.scrape_log.instants()) {
        const auto instance = instances.find(target);
        const auto stamped = instance == instances.end() ? stamps.end() : stamps.find(instance->second);
        instants[target] = paired_scrapes(arrivals, stamped == stamps.end() ? std::vector<std::int64_t>{} : stamped->second,
                                          profile.prometheus.scrape_timeout, status.start_unix_ms);
    }
    base.scrape_replay = std::move(instants);
    if (evaluation_phase) {
        const std::int64_t i = profile.prometheus.evaluation_interval.ms();
        base.perturbation.evaluation_phase =
            sim::Duration::millis(((evaluation_phase->ms() - status.start_unix_ms) % i + i) % i);
    }
    return base;
}

}  // namespace caracal::live
