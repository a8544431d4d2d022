// An Alertmanager configuration as the twin uses it (Alertmanager 0.25 schema): the routing tree
// with every inherited setting already resolved, the receivers by name, the inhibition rules and
// the named time intervals. Nothing here sends anything; the twin only predicts when it would.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/alertmanager/time_interval.hpp"
#include "sim/base/error.hpp"
#include "sim/base/time.hpp"
#include "sim/tsdb/matcher.hpp"

namespace sim::alertmanager {

// Alertmanager's defaults for a route that sets nothing (config.go, DefaultRouteOpts).
inline constexpr Duration kDefaultGroupWait = Duration::seconds(30);
inline constexpr Duration kDefaultGroupInterval = Duration::minutes(5);
inline constexpr Duration kDefaultRepeatInterval = Duration::hours(4);

// `group_by`: the label names that key an aggregation group, or `...` (every label, so each alert
// is its own group).
struct GroupBy {
    bool all_labels = false;          // `group_by: ['...']`
    std::vector<std::string> labels;  // sorted, unique; ignored when all_labels
};

// One node of the routing tree. Settings a route leaves out are inherited from its parent when the
// file is read, so every node carries its effective values.
struct Route {
    std::string receiver;
    GroupBy group_by;
    // `matchers`, `match` and `match_re`, all ANDed, sorted by name, value and operator as
    // Alertmanager sorts them. A `match_re` value is held anchored (`^(?:re)$`), as Alertmanager
    // holds and prints it.
    std::vector<tsdb::Matcher> matchers;
    bool continue_matching = false;       // `continue`
    Duration group_wait = kDefaultGroupWait;
    Duration group_interval = kDefaultGroupInterval;
    Duration repeat_interval = kDefaultRepeatInterval;
    std::vector<std::string> mute_time_intervals;    // the route's own: never inherited
    std::vector<std::string> active_time_intervals;  // the route's own: never inherited
    std::vector<Route> routes;  // children, in file order
    SourcePos pos;              // where the route begins in the file, for messages

    // Alertmanager's route key: the path of matcher sets from the root ("{}/{severity=\"critical\"}"),
    // which names the route in aggregation-group keys and in `routes show`.
    std::string key;
};

struct Receiver {
    std::string name;
    // Whether a resolved notification is sent: true when any of the receiver's integrations has
    // `send_resolved` in effect (each integration type has its own default).
    bool send_resolved = false;
    // A receiver with no integrations at all: alerts routed to it reach no one.
    bool is_null = true;
};

struct InhibitRule {
    std::vector<tsdb::Matcher> source_matchers;  // `source_matchers` and legacy `source_match(_re)`
    std::vector<tsdb::Matcher> target_matchers;  // `target_matchers` and legacy `target_match(_re)`
    std::vector<std::string> equal;
    SourcePos pos;
};

struct Config {
    std::string file;  // as given, for messages
    Route root;
    std::vector<Receiver> receivers;
    std::vector<InhibitRule> inhibit_rules;
    std::map<std::string, TimeInterval> time_intervals;  // `time_intervals` and `mute_time_intervals`
    Duration resolve_timeout = Duration::minutes(5);     // global.resolve_timeout

    const Receiver* receiver(const std::string& name) const;  // nullptr when undefined
};

}  // namespace sim::alertmanager
