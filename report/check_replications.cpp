// The replicated check's report, built from Results alone so one run and merged shards print the
// same bytes.
#include "report/check_replications.hpp"

#include <algorithm>
#include <sstream>

#include "report/check_report.hpp"

namespace caracal::report {

bool ReplicatedCheckReport::passed() const {
    return docs_drift.empty() && std::all_of(drills.begin(), drills.end(), [](const ReplicatedDrill& d) {
               return d.stats.detected_always();
           });
}

nlohmann::ordered_json replicated_check_header(const std::vector<Scenario>& scenarios,
                                               const std::vector<std::string>& docs_drift, bool json) {
    nlohmann::ordered_json drills = nlohmann::ordered_json::array();
    for (const auto& s : scenarios) drills.push_back({{"title", drill_title(s.name, s.drill, s.variant)}, {"file", s.file}});
    return {{"format", json ? "json" : "text"}, {"drills", drills}, {"docs_drift", docs_drift}};
}

analysis::Summary replicated_check_summary(const analysis::Results& results) {
    ReplicatedCheckReport report;
    report.plan = results.plan;
    const auto& drills = results.header.at("drills");
    for (std::size_t i = 0; i < results.cases; ++i)
        report.drills.push_back({drills.at(i).at("title").get<std::string>(), drills.at(i).at("file").get<std::string>(),
                                 analysis::case_statistics(results.replications_of(i))});
    report.docs_drift = results.header.at("docs_drift").get<std::vector<std::string>>();
    std::ostringstream text;
    if (results.header.at("format") == "json") text << replicated_check_json(report).dump(2) << "\n";
    else print_replicated_check_text(text, report);
    return {text.str(), report.passed()};
}

}  // namespace caracal::report
