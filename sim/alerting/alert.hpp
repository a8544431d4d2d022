// One alert instance of an alerting rule, and the record of its state changes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/base/time.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::alerting {

enum class AlertState { Inactive, Pending, Firing };

// "inactive", "pending", "firing": the values of the ALERTS series' `alertstate` label.
std::string_view to_string(AlertState s);

struct Alert {
    tsdb::Labels labels;       // the identity: result labels minus __name__, rule labels, alertname
    tsdb::Labels annotations;  // expanded; an annotation that expands to "" is absent
    AlertState state = AlertState::Pending;
    double value = 0;          // the query result of the latest evaluation that returned it
    Time active_at;
    std::optional<Time> fired_at;
    std::optional<Time> resolved_at;
    std::optional<Time> keep_firing_since;
};

// One state change, recorded when a transition log is attached to the rule.
struct AlertTransition {
    Time at;
    std::string alertname;
    tsdb::Labels labels;
    AlertState from = AlertState::Inactive;
    AlertState to = AlertState::Inactive;
    double value = 0;
};

}  // namespace sim::alerting
