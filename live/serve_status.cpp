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
    out.scrape_log = ScrapeLog::from_json(status["scrape_log"], path);
    return out;
}

RunOptions replay_options(const ServeStatus& status, RunOptions base, std::optional<sim::Duration> evaluation_phase,
                          sim::Duration evaluation_interval) {
    // The simulation starts at Time::epoch(), which the live session pinned to start_unix_ms.
    ScrapeInstants instants;
    for (const auto& [target, at] : status.scrape_log.instants())
        for (std::int64_t t : at) instants[target].push_back(sim::Time::from_millis(t - status.start_unix_ms));
    base.scrape_replay = std::move(instants);
    if (evaluation_phase) {
        const std::int64_t i = evaluation_interval.ms();
        base.perturbation.evaluation_phase =
            sim::Duration::millis(((evaluation_phase->ms() - status.start_unix_ms) % i + i) % i);
    }
    return base;
}

}  // namespace caracal::live
