#include "live/live_twin.hpp"

#include "models/platform/metric_contract.hpp"
#include "sim/scrape/exposition.hpp"

namespace caracal::live {

namespace {

constexpr int kNotFound = 404;
constexpr int kMethodNotAllowed = 405;
constexpr const char* kJson = "application/json";
constexpr std::string_view kPodsPrefix = "/pods/";
constexpr std::string_view kMetricsSuffix = "/metrics";

HttpResponse json_response(const nlohmann::json& j) { return {200, kJson, j.dump(2) + "\n", {}}; }

HttpResponse plain(int status, std::string body) { return {status, "text/plain; charset=utf-8", std::move(body) + "\n", {}}; }

}  // namespace

const char* phase_name(SessionPhase p) {
    switch (p) {
        case SessionPhase::WarmUp: return "warm-up";
        case SessionPhase::Fault: return "fault";
        case SessionPhase::Recovery: return "recovery";
        case SessionPhase::Ended: return "ended";
    }
    return "ended";
}

std::string metrics_path(const std::string& target) {
    return std::string(kPodsPrefix) + target + std::string(kMetricsSuffix);
}

void LiveTwin::advance_to(std::int64_t unix_ms) { twin_.advance_to(clock_.to_sim(unix_ms)); }

SessionPhase LiveTwin::phase() const {
    const sim::Time now = twin_.now();
    if (now >= twin_.end()) return SessionPhase::Ended;
    if (now >= twin_.fault_end()) return SessionPhase::Recovery;
    if (now >= twin_.injection()) return SessionPhase::Fault;
    return SessionPhase::WarmUp;
}

HttpResponse LiveTwin::handle(const HttpRequest& request, std::int64_t unix_ms) {
    advance_to(unix_ms);
    if (request.method != "GET") return plain(kMethodNotAllowed, "only GET is served");
    const std::string path = request.target.substr(0, request.target.find('?'));
    if (path == "/targets") return json_response(targets());
    if (path == "/status") return json_response(status());
    if (path.size() > kPodsPrefix.size() + kMetricsSuffix.size() && path.starts_with(kPodsPrefix) &&
        path.ends_with(kMetricsSuffix))
        return pod_metrics(path.substr(kPodsPrefix.size(), path.size() - kPodsPrefix.size() - kMetricsSuffix.size()),
                           unix_ms);
    return plain(kNotFound, "no such page: " + path);
}

HttpResponse LiveTwin::pod_metrics(const std::string& target, std::int64_t unix_ms) {
    // Past the end the session stands still at its last instant, and so does every answer.
    std::optional<sim::scrape::ScrapeResult> answer = twin_.world().answer_scrape(target, twin_.now());
    if (!answer) return plain(kNotFound, "no such target now: " + target);
    log_.record(target, instance_label(target), unix_ms);
    if (answer->status == sim::scrape::ScrapeResult::Status::Failed) {
        HttpResponse failed = plain(answer->http_status, "the simulated /metrics handler failed");
        failed.delay = answer->response_time;
        return failed;
    }
    HttpResponse page{200, sim::scrape::kExpositionContentType,
                      sim::scrape::render_exposition(answer->samples, metric_family), answer->response_time};
    return page;
}

std::string LiveTwin::instance_label(const std::string& target) const {
    for (const ScrapeTargetView& t : twin_.world().scrape_targets())
        if (t.name == target) return std::string(t.labels.get("instance"));
    return "";
}

nlohmann::json LiveTwin::targets() const {
    nlohmann::json groups = nlohmann::json::array();
    const Profile& profile = twin_.profile();
    for (const ScrapeTargetView& t : twin_.world().scrape_targets()) {
        nlohmann::json labels = nlohmann::json::object();
        for (const auto& l : t.labels.items()) labels[l.name] = l.value;
        labels["__metrics_path__"] = metrics_path(t.name);
        // The profile's timing, so the scrape config need not repeat it.
        labels["__scrape_interval__"] = sim::format_duration(profile.prometheus.scrape_interval);
        labels["__scrape_timeout__"] = sim::format_duration(profile.prometheus.scrape_timeout);
        groups.push_back({{"targets", {address_}}, {"labels", labels}});
    }
    return groups;
}

nlohmann::json LiveTwin::status() const {
    const sim::Time now = twin_.now();
    return {
        {"simulated_time_ms", (now - twin_.start()).ms()},
        {"simulated_time", sim::format_duration(now - twin_.start())},
        {"phase", phase_name(phase())},
        {"start_unix_ms", clock_.to_unix_ms(twin_.start())},
        {"injected_at_unix_ms", clock_.to_unix_ms(twin_.injection())},
        {"fault_end_unix_ms", clock_.to_unix_ms(twin_.fault_end())},
        {"end_unix_ms", clock_.to_unix_ms(twin_.end())},
        {"scrape_log", log_.to_json()},
        {"scrape_instances", log_.instances_json()},
    };
}

}  // namespace caracal::live
