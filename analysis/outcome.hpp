// One drill run reduced to what analysis across runs compares: per alert, whether it fired after
// injection and how fast it was detected and resolved, plus whether the drill check passed. Small
// enough to keep thousands of them (a run's series store is dropped once its outcome is taken) and
// to write to shard files exactly (times in whole milliseconds).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/drill/drill_check.hpp"
#include "sim/base/time.hpp"

namespace caracal::analysis {

using sim::Duration;

struct AlertOutcome {
    // An expected alert group by its label (`A`, or `any_of(A, B)` for the docs' "A / B"); an
    // unexpected alert by its name.
    std::string alert;
    bool expected = false;       // by the scenario or the docs page
    bool fired = false;          // at or after injection (an expected group: any member)
    bool during_fault = false;   // first fired before the fault ended
    std::optional<Duration> ttd;  // first firing − injection; set iff fired
    // Resolution − fault end, of the member that fired first; unset when it never fired or was
    // still active at the end of the run.
    std::optional<Duration> ttr;
};

struct Outcome {
    bool passed = false;  // DrillVerdict::passed()
    // Expected groups in the verdict's order (scenario, then docs), then unexpected alerts that
    // fired, by name.
    std::vector<AlertOutcome> alerts;
    std::vector<std::string> failed;  // DrillVerdict::failed_checks(): empty iff passed

    // nullptr when the run has no such alert (an unexpected alert that did not fire).
    const AlertOutcome* find(const std::string& alert) const;
};

Outcome outcome_of(const DrillVerdict& verdict);

// Keys in a fixed order; the round trip is exact.
nlohmann::ordered_json to_json(const Outcome& outcome);
// Throws nlohmann::json::exception on a document of the wrong shape.
Outcome outcome_from_json(const nlohmann::json& json);

}  // namespace caracal::analysis
