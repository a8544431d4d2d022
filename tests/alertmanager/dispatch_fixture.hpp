// Alertmanager configurations and posts built by hand for the timing tests: a root route and its
// children with the settings each test needs, and alerts as Prometheus would post them.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "sim/alertmanager/config.hpp"
#include "sim/alertmanager/postable_alert.hpp"

namespace dispatch_fixture {

using namespace sim;
using namespace sim::alertmanager;

inline Time at_s(int seconds) { return Time::epoch() + Duration::seconds(seconds); }
inline Time at_m(int minutes) { return Time::epoch() + Duration::minutes(minutes); }

inline tsdb::Matcher eq(std::string name, std::string value) {
    return tsdb::Matcher(std::move(name), tsdb::MatchOp::Equal, std::move(value));
}

inline tsdb::Labels alert(const std::string& name, std::initializer_list<tsdb::Label> more = {}) {
    tsdb::Labels l(more);
    l.set("alertname", name);
    return l;
}

// A route to `receiver` grouped by alertname, with Alertmanager's default timings.
inline Route route(std::string receiver, std::vector<tsdb::Matcher> matchers = {}, std::string key = "{}") {
    Route r;
    r.receiver = std::move(receiver);
    r.group_by.labels = {"alertname"};
    r.matchers = std::move(matchers);
    r.key = std::move(key);
    return r;
}

inline Receiver receiver(std::string name, bool send_resolved = false) { return {std::move(name), send_resolved, false}; }

inline Config config(Route root, std::vector<Receiver> receivers = {receiver("pager")}) {
    Config c;
    c.file = "alertmanager.yml";
    c.root = std::move(root);
    c.receivers = std::move(receivers);
    return c;
}

// Posted at `at`, firing since `starts_at`, valid for four minutes (a 1m resend delay).
inline PostableAlert firing(const tsdb::Labels& labels, Time at, Time starts_at) {
    return {at, labels, starts_at, at + Duration::minutes(4)};
}
inline PostableAlert firing(const tsdb::Labels& labels, Time at) { return firing(labels, at, at); }
inline PostableAlert resolved(const tsdb::Labels& labels, Time at, Time starts_at) { return {at, labels, starts_at, at}; }

// Prometheus' resends of a firing alert every minute from `from` up to `until` (exclusive).
inline void resend(std::vector<PostableAlert>& posts, const tsdb::Labels& labels, Time starts_at, Time from, Time until) {
    for (Time t = from; t < until; t += Duration::minutes(1)) posts.push_back(firing(labels, t, starts_at));
}

// The posts in order of arrival, as dispatch() takes them.
inline std::vector<PostableAlert> in_order(std::vector<PostableAlert> posts) {
    std::stable_sort(posts.begin(), posts.end(),
                     [](const PostableAlert& a, const PostableAlert& b) { return a.received_at < b.received_at; });
    return posts;
}

}  // namespace dispatch_fixture
