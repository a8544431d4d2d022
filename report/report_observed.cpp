// add_observed(): each alert row paired with the conformance row of the same instance and episode.
#include <algorithm>

#include "report/report_model.hpp"

namespace caracal::report {

namespace {

using analysis::ConformanceVerdict;
using analysis::InstanceConformance;
using analysis::InstantComparison;

// The conformance row of the episode `row` shows: the same instance, predicted to fire (or, when
// it was not, to go pending) at the row's instant; a row predicting neither takes an observed
// instance of its alert that the twin did not predict.
bool shows(const AlertRow& row, const InstanceConformance& c) {
    if (row.firing) return c.alertname + c.labels == row.instance && c.firing.predicted == row.firing;
    if (row.pending) return c.alertname == row.alert && !c.firing.predicted && c.pending.predicted == row.pending;
    return c.alertname == row.alert && c.verdict == ConformanceVerdict::NotPredicted;
}

InstantComparison unobserved(const std::optional<Duration>& predicted) { return {predicted, std::nullopt, !predicted}; }

// A row nothing observed matches: conforming only when the twin predicted no alert either.
InstanceConformance not_observed(const AlertRow& row) {
    const bool predicted = row.pending || row.firing;
    return {row.alert, "", 1, unobserved(row.pending), unobserved(row.firing), unobserved(row.resolved),
            predicted ? ConformanceVerdict::NotObserved : ConformanceVerdict::Conforms};
}

}  // namespace

void add_observed(DrillReport& drill, const analysis::ConformanceReport& conformance) {
    std::vector<bool> shown(conformance.instances.size(), false);
    for (AlertRow& row : drill.alerts) {
        for (std::size_t i = 0; i < conformance.instances.size() && !row.observed; ++i)
            if (!shown[i] && shows(row, conformance.instances[i])) {
                row.observed = conformance.instances[i];
                shown[i] = true;
            }
        if (!row.observed) row.observed = not_observed(row);
    }
    for (std::size_t i = 0; i < conformance.instances.size(); ++i)
        if (!shown[i] && (conformance.instances[i].verdict == ConformanceVerdict::Differs ||
                          conformance.instances[i].verdict == ConformanceVerdict::NotPredicted))
            drill.observed_elsewhere.push_back(conformance.instances[i]);
}

}  // namespace caracal::report
