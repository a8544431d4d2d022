#include "analysis/advise.hpp"

namespace caracal::analysis {

namespace {

// `label` (an expected group, or an unexpected alert's name) in a case: never fired when absent.
AlertStatistics stats_of(const CaseStatistics& stats, const std::string& label) {
    for (const auto& a : stats.alerts)
        if (a.alert == label) return a;
    return {label, false, stats.replications, 0, std::nullopt, std::nullopt};
}

// The drills expecting `alert` that missed it in some replication.
std::vector<std::string> misses(const std::string& alert, const std::vector<AdvisedScenario>& scenarios,
                                const std::vector<CaseStatistics>& runs) {
    std::vector<std::string> out;
    for (std::size_t j = 1; j < scenarios.size(); ++j) {
        const auto group = scenarios[j].expects.find(alert);
        if (group == scenarios[j].expects.end()) continue;
        const AlertStatistics s = stats_of(runs[j], group->second);
        if (s.fired < s.replications) out.push_back(scenarios[j].title);
    }
    return out;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

}  // namespace

std::vector<Case> advise_cases(const std::vector<Scenario>& scenarios, const std::vector<std::string>& alerts,
                               const std::vector<Duration>& candidates, const RunOptions& base) {
    std::vector<Case> cases;
    for (const Duration candidate : candidates) {
        RunOptions run = base;
        for (const auto& alert : alerts) run.rule_overrides.push_back({alert, "for", sim::format_duration(candidate)});
        for (const auto& s : scenarios) cases.push_back(what_if_case(s.file, s, run, {}));
    }
    return cases;
}

Advice advise_alert(const std::string& alert, Duration current, const std::vector<Duration>& candidates,
                    const std::vector<AdvisedScenario>& scenarios, const CandidateRuns& runs) {
    Advice out{alert, current, std::nullopt, {}, {}};
    std::optional<std::size_t> first_quiet;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        const std::size_t false_positives = stats_of(runs[k][0], alert).fired;
        if (false_positives > 0) continue;
        if (!first_quiet) first_quiet = k;
        if (!misses(alert, scenarios, runs[k]).empty()) continue;
        out.advised = candidates[k];
        for (std::size_t j = 1; j < scenarios.size(); ++j)
            if (const auto group = scenarios[j].expects.find(alert); group != scenarios[j].expects.end())
                out.drills.push_back({scenarios[j].title, stats_of(runs[k][j], group->second)});
        return out;
    }
    if (!first_quiet)
        out.reason = "fires in the no-fault run at every candidate up to " + sim::format_duration(candidates.back());
    else
        out.reason = "quiet from " + sim::format_duration(candidates[*first_quiet]) + ", but then missed by " +
                     join(misses(alert, scenarios, runs[*first_quiet]));
    return out;
}

nlohmann::ordered_json advise_header(const std::string& rules, const std::map<std::string, Duration>& alerts,
                                     const std::vector<Duration>& candidates,
                                     const std::vector<AdvisedScenario>& scenarios, const nlohmann::ordered_json& extra) {
    nlohmann::ordered_json alert_list = nlohmann::ordered_json::array(), candidate_list = nlohmann::ordered_json::array(),
                           scenario_list = nlohmann::ordered_json::array();
    for (const auto& [name, hold] : alerts) alert_list.push_back({{"alert", name}, {"for", sim::format_duration(hold)}});
    for (const Duration c : candidates) candidate_list.push_back(sim::format_duration(c));
    for (const auto& s : scenarios) scenario_list.push_back({{"title", s.title}, {"file", s.file}, {"expects", s.expects}});
    return {{"rules", rules},       {"alerts", alert_list}, {"candidates", candidate_list},
            {"scenarios", scenario_list}, {"output", extra}};
}

AdviceReport advice_of(const Results& results) {
    const auto& h = results.header;
    AdviceReport report{h.at("rules").get<std::string>(), "", {}, results.plan, 0, {}};
    for (const auto& c : h.at("candidates")) report.candidates.push_back(*sim::parse_duration(c.get<std::string>()));
    std::vector<AdvisedScenario> scenarios;
    for (const auto& s : h.at("scenarios"))
        scenarios.push_back({s.at("title").get<std::string>(), s.at("file").get<std::string>(),
                             s.at("expects").get<std::map<std::string, std::string>>()});
    report.no_fault = scenarios.front().file;
    report.drills = scenarios.size() - 1;
    CandidateRuns runs(report.candidates.size());
    for (std::size_t k = 0; k < runs.size(); ++k)
        for (std::size_t j = 0; j < scenarios.size(); ++j)
            runs[k].push_back(case_statistics(results.replications_of(k * scenarios.size() + j)));
    for (const auto& a : h.at("alerts"))
        report.alerts.push_back(advise_alert(a.at("alert").get<std::string>(),
                                             *sim::parse_duration(a.at("for").get<std::string>()), report.candidates,
                                             scenarios, runs));
    return report;
}

}  // namespace caracal::analysis
