// The drill check: one scenario's run judged against its expectations and, when the
// docs page is given, against its documented drill. Times in a verdict are offsets: detection
// times from the injection instant, recovery times (TTR) from the end of the fault.
//
// Decisions the docs leave open:
//   - an expected alert counts once it fires at or after injection, during the fault or only in
//     recovery (reported which);
//   - an order pair holds only when the earlier alert's first firing is strictly before the
//     later one's: two alerts firing at the same evaluation were not seen "then" one another;
//   - readiness "degraded" holds when at least one pod lost readiness (so also when all did),
//     "unready" when every pod did, "ready" when none did; a pod stopped by a fault lost its
//     readiness; the pods counted are those running just before injection;
//   - alert TTRs are signed: an alert that resolved before the fault ended has a negative TTR and
//     is reported as "resolved during the fault" (alerts_resolved's TTR is their signed maximum);
//   - a backlog is judged only when it rose above its warm-up range (its warm-up maximum plus 10%,
//     at least 1) after injection, and is drained once back within that range for good; the DLQ
//     counts only when the scenario replays it (a replay_dlq step);
//   - freshness is restored when the freshness alerts' own expressions (revocation snapshot,
//     policy bundle) return nothing, so the thresholds are those of the rule file in use;
//   - with the docs, documented alerts and orders the scenario omits are checked as well as
//     reported as drift.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/drill_docs.hpp"
#include "models/scenario/expectations.hpp"
#include "models/scenario/scenario.hpp"
#include "models/twin/twin.hpp"
#include "sim/alerting/rule_file.hpp"

namespace caracal {

// Where an expectation comes from.
enum class Source { Scenario, Docs };

// The rules and the PromQL lookback are those the run carries (RunResult::rules, ::profile).
struct CheckOptions {
    Duration sample_step = Duration::seconds(5);  // grid on which series conditions are read
    bool strict = false;                          // unexpected alerts fail
    bool docs_given = false;
    const DocumentedDrill* documented = nullptr;  // the scenario's drill on the docs page, if any
};

// An alert instance seen at some instant (`at` from injection).
struct AlertSighting {
    std::string alert;
    std::string labels;
    Duration at;
};

struct BaselineVerdict {
    std::vector<AlertSighting> firing;       // fired before injection
    std::vector<AlertSighting> pending;      // pending before injection without firing then
    std::vector<std::string> unready_pods;   // not ready at injection
    std::size_t pods = 0;                    // running at injection
    bool held() const { return firing.empty() && unready_pods.empty(); }
};

// TTD = onset + hold + quantisation: when PromQL first saw the condition, the rule's `for`, and
// what the scrape and evaluation phases added.
struct Detection {
    AlertSighting fired;  // the first firing instance (of any member of the group)
    Duration onset;       // pending − injection
    Duration hold;
    Duration quantisation;  // firing − pending − hold
    bool during_fault = false;
};

struct AlertVerdict {
    ExpectedAlert expected;
    Source source = Source::Scenario;
    std::optional<Detection> detection;     // unset: no member fired after injection
    std::optional<AlertSighting> pending;   // when unfired: the first member that went pending
    std::vector<std::string> missing_rules; // members the rule file does not define
    // Why, in one line: what the condition's signal did during the fault and what in Caracal moves
    // it (models/METRICS.md); empty when the rule file has no such alert.
    std::string mechanism;
    bool held() const { return detection.has_value(); }
};

struct OrderVerdict {
    ExpectedOrder expected;
    Source source = Source::Scenario;
    std::optional<Duration> earlier_at, later_at;  // first firings after injection
    bool held() const { return earlier_at && later_at && *earlier_at < *later_at; }
};

struct BehaviorVerdict {
    std::string name;  // "readiness.api", "fail_closed", ...
    bool held = false;
    std::string detail;
};

// TTR is signed: the latest resolution of any instance minus the end of the fault, negative when
// the alert cleared while the fault was still in place ("resolved during the fault").
struct AlertRecovery {
    std::string alert;
    std::optional<Duration> ttr;  // unset: still active at the end
    bool unresolved = false;      // some instance still active at the end (ttr unset)
    bool during_fault() const { return ttr && *ttr < Duration(); }
};

struct RecoveryVerdict {
    RecoveryCondition condition = RecoveryCondition::AlertsResolved;
    bool required = false;  // listed by the scenario; the others are reported only
    std::optional<Duration> ttr;  // unset: not restored by the end
    std::string detail;
    bool held() const { return ttr.has_value(); }
};

struct DrillVerdict {
    std::string scenario, file, drill, variant;
    std::uint64_t seed = 0;
    Duration fault_duration, recovery_window;
    bool strict = false;

    BaselineVerdict baseline;
    std::vector<AlertVerdict> alerts;
    std::vector<OrderVerdict> order;
    std::vector<BehaviorVerdict> behavior;
    std::vector<InvariantCheck> invariants;
    std::vector<std::string> rule_errors;
    std::vector<AlertRecovery> alert_recovery;  // every alert active after injection, by name
    std::vector<RecoveryVerdict> recovery;      // the four conditions, in schema order
    std::optional<Duration> green_ttr;          // all four restored: the latest of them
    std::vector<AlertSighting> unexpected;      // fired after injection, not expected
    std::vector<std::string> drift;             // docs vs this scenario

    bool passed() const;
    // The checks that failed, one name per class, in report order: "green baseline", "alert <label>",
    // "order", "<behaviour>", "invariant <name>", "rule evaluation", "recovery <condition>",
    // "unexpected alerts" (strict only), "docs drift". Empty iff passed().
    std::vector<std::string> failed_checks() const;
};

DrillVerdict check_drill(const Scenario& scenario, const RunResult& run, const CheckOptions& options);

// Docs drift across the catalog: documented drills no scenario implements (`file:line: ...`).
std::vector<std::string> uncovered_drills(const DrillDocs& docs, const std::string& docs_file,
                                          const std::vector<Scenario>& scenarios);

}  // namespace caracal
