// A scenario's `expectations:` — what its drill must show, in the docs' terms:
//
//   expectations:
//     alerts:                    # each must reach firing; a name, or {any_of: [names]} (the docs'
//       - CaracalAuditConsumerLagHigh   #   "A / B": satisfied when any member fires)
//       - any_of: [CaracalGatewayAuditReplayBacklogOld, CaracalSTSAuditReplayBacklogOld]
//     order:                     # the docs' "then": [earlier, later], by first firing time
//       - [CaracalGatewaySTSExchangeErrors, CaracalGatewaySTSCircuitOpen]
//     behavior:                  # all optional; a flag set to false asserts nothing
//       readiness: {api: unready}  # per service during the fault: ready | degraded | unready
//       fail_closed: true
//       last_good_policy: true
//       nothing_lost: true
//       revocations_applied: true
//     recovery: [alerts_resolved, readiness_restored, backlogs_drained, freshness_restored]
//     paged: {receiver: pager, within: 5m}  # checked only with an Alertmanager configuration
//
// Every problem (unknown key, wrong shape, an order naming an alert the list does not expect, a
// duplicate) is a sim::InputError at the offending node.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "models/platform/service.hpp"
#include "sim/base/error.hpp"
#include "sim/base/time.hpp"

namespace caracal {

// One expected alert: satisfied when any of `names` fires (a plain name is a group of one).
struct ExpectedAlert {
    std::vector<std::string> names;
    sim::SourcePos pos;

    // `A` or `any_of(A, B)`, for reports.
    std::string label() const;
};

struct ExpectedOrder {
    std::string earlier, later;
    sim::SourcePos pos;
};

// How a service's pods fared during the fault.
enum class ReadinessLevel {
    Ready,     // no pod lost readiness
    Degraded,  // some pod did (every pod losing it is degraded too)
    Unready,   // every pod did at some point
};
std::string_view to_string(ReadinessLevel level);

struct ExpectedReadiness {
    Service service = Service::Api;
    ReadinessLevel level = ReadinessLevel::Ready;
    sim::SourcePos pos;
};

struct ExpectedBehavior {
    std::vector<ExpectedReadiness> readiness;  // in file order
    bool fail_closed = false;
    bool last_good_policy = false;
    bool nothing_lost = false;
    bool revocations_applied = false;
};

enum class RecoveryCondition { AlertsResolved, ReadinessRestored, BacklogsDrained, FreshnessRestored };
inline constexpr RecoveryCondition kRecoveryConditions[] = {
    RecoveryCondition::AlertsResolved, RecoveryCondition::ReadinessRestored, RecoveryCondition::BacklogsDrained,
    RecoveryCondition::FreshnessRestored};
// The schema's snake_case name: "alerts_resolved".
std::string_view to_string(RecoveryCondition c);

// `paged:`: the receiver must get a notification with an alert firing in it within `within` of
// the injection (issue 18.3). Only `check --alertmanager` can tell; without it the expectation is
// reported as not checked.
struct ExpectedPage {
    std::string receiver;
    sim::Duration within;
    sim::SourcePos pos;
};

struct Expectations {
    std::vector<ExpectedAlert> alerts;
    std::vector<ExpectedOrder> order;
    ExpectedBehavior behavior;
    std::vector<RecoveryCondition> recovery;  // in file order, no duplicates
    std::optional<ExpectedPage> paged;

    // Whether `name` is expected, alone or as a member of an any_of group.
    bool mentions(const std::string& name) const;
    // Whether `order` has the pair `earlier` then `later`.
    bool asserts_order(const std::string& earlier, const std::string& later) const;
    bool requires_recovery(RecoveryCondition c) const;
};

// `node` is the value of the `expectations:` key (undefined or null: no expectations).
Expectations parse_expectations(const YAML::Node& node, const std::string& file);

}  // namespace caracal
