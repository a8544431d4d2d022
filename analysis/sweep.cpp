#include "analysis/sweep.hpp"

namespace caracal::analysis {

std::vector<Case> sweep_cases(const ScenarioSource& source, const std::vector<std::vector<Setting>>& points,
                              const RunOptions& base, const CheckOptions& check) {
    std::vector<Case> cases;
    for (const auto& point : points) {
        const WhatIf change = what_if(point, source);
        RunOptions run = base;
        run.rule_overrides.insert(run.rule_overrides.end(), change.rules.begin(), change.rules.end());
        cases.push_back(what_if_case(source.file(), source.edited(change.scenario), std::move(run), check));
    }
    return cases;
}

nlohmann::ordered_json sweep_header(const std::string& title, const std::string& file, const std::string& rules,
                                    const std::vector<Parameter>& parameters, const nlohmann::ordered_json& extra) {
    nlohmann::ordered_json keys = nlohmann::ordered_json::array(), points = nlohmann::ordered_json::array();
    for (const auto& p : parameters) keys.push_back(p.key);
    for (const auto& point : grid(parameters)) {
        nlohmann::ordered_json values = nlohmann::ordered_json::array();
        for (const auto& s : point) values.push_back(s.value);
        points.push_back(values);
    }
    return {{"title", title}, {"file", file}, {"rules", rules}, {"keys", keys}, {"points", points}, {"output", extra}};
}

Sweep sweep_of(const Results& results) {
    const auto& h = results.header;
    Sweep sweep{h.at("title").get<std::string>(), h.at("file").get<std::string>(), h.at("rules").get<std::string>(), h.at("keys").get<std::vector<std::string>>(), results.plan, {}};
    const auto& points = h.at("points");
    for (std::size_t i = 0; i < results.cases; ++i)
        sweep.points.push_back({points.at(i).get<std::vector<std::string>>(), case_statistics(results.replications_of(i))});
    return sweep;
}

}  // namespace caracal::analysis
