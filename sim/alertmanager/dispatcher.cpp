#include "sim/alertmanager/dispatcher.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "sim/alertmanager/inhibitor.hpp"
#include "sim/alertmanager/notification_log.hpp"
#include "sim/alertmanager/route_match.hpp"
#include "sim/alertmanager/time_stages.hpp"

namespace sim::alertmanager {

namespace {

// The labels that key an alert's group on a route: the group_by labels it has, or all of them.
tsdb::Labels group_labels(const GroupBy& by, const tsdb::Labels& labels) {
    return by.all_labels ? labels : labels.keep_only(by.labels);
}

struct AggrGroup {
    const Route* route = nullptr;
    tsdb::Labels labels;
    std::size_t created = 0;  // creation sequence: orders flushes due at the same instant
    std::map<tsdb::Labels, HeldAlert> alerts;
    Time next_flush;
    bool has_flushed = false;
    std::optional<NotificationLogEntry> log;  // the route's receiver's last notification
};

// One firing stretch of an alert (its labels and StartsAt), and whether anyone heard of it.
struct Episode {
    tsdb::Labels labels;
    Time starts_at;
    bool notified = false;
    std::vector<Suppression> reasons;
};

class Dispatcher {
public:
    explicit Dispatcher(const Config& config) : config_(config) {}

    void receive(const PostableAlert& post);
    // The group due first at or before `limit` (ties: the older group); nullptr when none is.
    AggrGroup* next_due(Time limit);
    void flush(AggrGroup& group);
    NotificationTimeline finish();

private:
    using GroupKey = std::pair<std::string, tsdb::Labels>;

    Episode& episode(const HeldAlert& alert);
    void suppress(const HeldAlert& alert, Suppression why);
    std::vector<HeldAlert> held() const;

    const Config& config_;
    std::map<GroupKey, AggrGroup> groups_;
    std::size_t groups_created_ = 0;
    std::map<tsdb::Labels, HeldAlert> held_;  // every alert received, as its last post left it
    std::vector<Episode> episodes_;           // by first post
    std::map<std::pair<tsdb::Labels, Time>, std::size_t> episode_index_;
    NotificationTimeline timeline_;
};

Episode& Dispatcher::episode(const HeldAlert& alert) {
    const auto [it, added] = episode_index_.try_emplace({alert.labels, alert.starts_at}, episodes_.size());
    if (added) episodes_.push_back({alert.labels, alert.starts_at, false, {}});
    return episodes_[it->second];
}

void Dispatcher::suppress(const HeldAlert& alert, Suppression why) {
    auto& reasons = episode(alert).reasons;
    if (std::find(reasons.begin(), reasons.end(), why) == reasons.end()) reasons.push_back(std::move(why));
}

std::vector<HeldAlert> Dispatcher::held() const {
    std::vector<HeldAlert> out;
    for (const auto& [labels, alert] : held_) out.push_back(alert);
    return out;
}

void Dispatcher::receive(const PostableAlert& post) {
    const HeldAlert alert{post.labels, post.starts_at, post.ends_at};
    const Time now = post.received_at;
    held_.insert_or_assign(post.labels, alert);
    if (!alert.resolved_at(now)) episode(alert);
    for (const Route* route : matching_routes(config_.root, post.labels)) {
        const GroupKey key{route->key, group_labels(route->group_by, post.labels)};
        auto it = groups_.find(key);
        if (it == groups_.end()) {
            AggrGroup created{route, key.second, groups_created_++, {}, now + route->group_wait, false, std::nullopt};
            it = groups_.emplace(key, std::move(created)).first;
        }
        AggrGroup& group = it->second;
        group.alerts.insert_or_assign(post.labels, alert);
        // An alert already older than group_wait flushes a group that has not flushed yet at once.
        if (!group.has_flushed && alert.starts_at + route->group_wait < now) group.next_flush = now;
    }
}

AggrGroup* Dispatcher::next_due(Time limit) {
    AggrGroup* due = nullptr;
    for (auto& [key, group] : groups_) {
        if (group.next_flush > limit) continue;
        if (!due || std::tie(group.next_flush, group.created) < std::tie(due->next_flush, due->created)) due = &group;
    }
    return due;
}

void Dispatcher::flush(AggrGroup& group) {
    const Time now = group.next_flush;
    const Route& route = *group.route;
    group.next_flush = now + route.group_interval;
    group.has_flushed = true;

    std::vector<HeldAlert> alerts;
    for (const auto& [labels, alert] : group.alerts) alerts.push_back(alert);
    // MuteStage (inhibition), then the time stages and the receiver's integrations.
    const auto sources = held();
    std::vector<HeldAlert> kept;
    for (const auto& a : alerts) {
        const auto source = inhibiting_alert(config_.inhibit_rules, a.labels, sources, now);
        if (!source) kept.push_back(a);
        else if (!a.resolved_at(now)) suppress(a, {SuppressionKind::Inhibited, source->to_string(), now, *source});
    }
    const Receiver* receiver = config_.receiver(route.receiver);
    std::optional<Suppression> silenced = time_suppression(config_, route, now);
    if (!silenced && (!receiver || receiver->is_null))
        silenced = Suppression{SuppressionKind::NullReceiver, route.receiver, now, {}};
    if (silenced) {
        for (const auto& a : kept)
            if (!a.resolved_at(now)) suppress(a, *silenced);
    } else if (!kept.empty()) {
        AlertSet firing, resolved;
        for (const auto& a : kept) (a.resolved_at(now) ? resolved : firing).insert(a.labels);
        const NotificationLogEntry* last = group.log ? &*group.log : nullptr;
        if (needs_update(last, firing, resolved, receiver->send_resolved, route.repeat_interval, now)) {
            // Without send_resolved, a flush with nothing firing is logged but not sent.
            if (!firing.empty() || receiver->send_resolved) {
                Notification n{now, route.receiver, route.key, group.labels, {firing.begin(), firing.end()}, {}};
                if (receiver->send_resolved) n.resolved.assign(resolved.begin(), resolved.end());
                timeline_.notifications.push_back(std::move(n));
            }
            group.log = NotificationLogEntry{now, firing, resolved};
        }
        for (const auto& a : kept)
            if (group.log && group.log->firing.count(a.labels) && !a.resolved_at(now)) episode(a).notified = true;
    }
    // The pipeline succeeded, so the resolved alerts leave the group, notified or not.
    for (const auto& a : alerts)
        if (a.resolved_at(now)) group.alerts.erase(a.labels);
    if (group.alerts.empty()) groups_.erase({route.key, group.labels});
}

NotificationTimeline Dispatcher::finish() {
    for (const auto& e : episodes_)
        if (!e.notified) timeline_.unnotified.push_back({e.labels, e.starts_at, e.reasons});
    return std::move(timeline_);
}

}  // namespace

NotificationTimeline dispatch(const Config& config, const std::vector<PostableAlert>& posts, Time end) {
    Dispatcher dispatcher(config);
    std::size_t next = 0;
    while (true) {
        const Time next_post = next < posts.size() ? std::min(posts[next].received_at, end) : end;
        // Posts first: a flush due at the same instant sees them.
        if (next < posts.size() && next_post < end) {
            if (AggrGroup* due = dispatcher.next_due(next_post - Duration::millis(1))) {
                dispatcher.flush(*due);
            } else {
                dispatcher.receive(posts[next++]);
            }
            continue;
        }
        AggrGroup* due = dispatcher.next_due(end - Duration::millis(1));
        if (!due) break;
        dispatcher.flush(*due);
    }
    return dispatcher.finish();
}

}  // namespace sim::alertmanager
