// False pages on a baseline (issue 19.5): in a run with no drill every firing is a false page.
// Counted per alert per simulated week, and each traced to the routine disturbance behind it, so
// compare, sweep and advise can weigh a rule's `for` against the pages it costs.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/twin/twin.hpp"

namespace caracal::analysis {

// One firing of an alert instance and the disturbance that explains it.
struct FalsePage {
    std::string alert;
    sim::tsdb::Labels labels;  // identity labels, alertname included
    sim::Time active_at;       // became pending (or fired at once)
    sim::Time firing_at;
    // The fault step in effect when the alert became active (the latest applied of several), else
    // the last one removed before then (its signal outlives it through range windows and `for`);
    // unset when no step came before.
    std::optional<AppliedStep> disturbance;
    bool disturbance_in_effect = false;  // at active_at
};

// Every firing at or after injection, in order of firing.
std::vector<FalsePage> false_pages(const RunResult& run);

// Firings per simulated week of [injection, end), by alert name; every alerting rule of the run is
// listed, with 0 when it never fired.
std::map<std::string, double> false_pages_per_week(const RunResult& run);

}  // namespace caracal::analysis
