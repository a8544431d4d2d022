#include "report/output_json.hpp"

#include <algorithm>

#include "report/output_timeline.hpp"

namespace caracal::report {

namespace {

nlohmann::json offset_json(const std::optional<sim::Time>& t, sim::Time start) {
    if (!t) return nullptr;
    return format_offset(t, start);
}

nlohmann::json labels_json(const sim::tsdb::Labels& labels) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& l : labels.items()) out[l.name] = l.value;
    return out;
}

nlohmann::json group_json(const sim::alerting::TestGroupResult& g) {
    nlohmann::json timeline = nlohmann::json::array();
    for (const auto& e : sim::alerting::alert_episodes(g.transitions))
        timeline.push_back({{"alertname", e.alertname},
                            {"labels", labels_json(e.labels)},
                            {"active_at", offset_json(e.active_at, g.start)},
                            {"firing_at", offset_json(e.firing_at, g.start)},
                            {"resolved_at", offset_json(e.resolved_at, g.start)}});
    return {{"name", g.name},
            {"index", g.index},
            {"line", g.pos.line},
            {"status", g.passed() ? "passed" : "failed"},
            {"failures", g.failures},
            {"timeline", timeline}};
}

}  // namespace

nlohmann::json test_rules_json(const std::vector<TestFileReport>& reports) {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& r : reports) {
        nlohmann::json groups = nlohmann::json::array();
        for (const auto& g : r.result.groups) groups.push_back(group_json(g));
        files.push_back({{"file", r.path},
                         {"status", r.error ? "error" : r.passed() ? "passed" : "failed"},
                         {"error", r.error ? nlohmann::json(*r.error) : nlohmann::json(nullptr)},
                         {"warnings", r.warnings},
                         {"tests", groups}});
    }
    const bool passed = std::all_of(reports.begin(), reports.end(), [](const TestFileReport& r) { return r.passed(); });
    return {{"passed", passed}, {"files", files}};
}

}  // namespace caracal::report
