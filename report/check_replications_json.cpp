// `caracal-twin check --replications N --json`.
#include "report/check_replications.hpp"

namespace caracal::report {

nlohmann::ordered_json replicated_check_json(const ReplicatedCheckReport& report) {
    nlohmann::ordered_json drills = nlohmann::ordered_json::array();
    for (const auto& d : report.drills) {
        nlohmann::ordered_json j{{"title", d.title}, {"file", d.file}};
        j.update(analysis::to_json(d.stats));
        drills.push_back(std::move(j));
    }
    return {{"replications", report.plan.replications},
            {"master_seed", report.plan.master_seed},
            {"quantiles", "nearest-rank"},
            {"drills", drills},
            {"docs_drift", report.docs_drift},
            {"passed", report.passed()}};
}

}  // namespace caracal::report
