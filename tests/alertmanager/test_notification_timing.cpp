#include <catch2/catch.hpp>

#include "dispatch_fixture.hpp"
#include "sim/alertmanager/dispatcher.hpp"

using namespace dispatch_fixture;

namespace {

std::vector<Time> instants(const NotificationTimeline& t) {
    std::vector<Time> out;
    for (const auto& n : t.notifications) out.push_back(n.at);
    return out;
}

}  // namespace

TEST_CASE("issue 18.5: a new group's first notification waits group_wait after the group was created") {
    Route root = route("pager");
    root.group_wait = Duration::seconds(30);
    const auto a = alert("Down");
    std::vector<PostableAlert> posts;
    resend(posts, a, at_m(10), at_m(10), at_m(12));
    const auto t = dispatch(config(root), posts, at_m(20));
    REQUIRE(t.notifications.size() == 1);
    CHECK(t.notifications[0].at == at_m(10) + Duration::seconds(30));
    CHECK(t.notifications[0].receiver == "pager");
    CHECK(t.notifications[0].firing == std::vector<tsdb::Labels>{a});
    CHECK(t.notifications[0].group_labels == alert("Down"));
    CHECK(t.unnotified.empty());
}

TEST_CASE("issue 18.5: an alert whose StartsAt is older than group_wait flushes a new group at once") {
    Route root = route("pager");
    root.group_wait = Duration::seconds(30);
    // Received at 10m, firing since 8m (as after an Alertmanager restart): no wait.
    const auto t = dispatch(config(root), {firing(alert("Down"), at_m(10), at_m(8))}, at_m(20));
    REQUIRE(!t.notifications.empty());
    CHECK(t.notifications[0].at == at_m(10));
}

TEST_CASE("issue 18.5: a second alert joining inside group_wait is batched into the first notification") {
    Route root = route("pager");
    root.group_by.labels = {"component"};
    const auto a = alert("Down", {{"component", "api"}});
    const auto b = alert("Slow", {{"component", "api"}});
    const auto t = dispatch(config(root), in_order({firing(a, at_s(600)), firing(b, at_s(620))}), at_m(12));
    REQUIRE(t.notifications.size() == 1);
    CHECK(t.notifications[0].at == at_s(630));
    CHECK(t.notifications[0].firing == std::vector<tsdb::Labels>{a, b});
    CHECK(t.notifications[0].group_labels == tsdb::Labels{{"component", "api"}});
}

TEST_CASE("issue 18.5: an alert joining after the first flush waits for the next group_interval tick") {
    Route root = route("pager");
    root.group_by.labels = {"component"};
    const auto a = alert("Down", {{"component", "api"}});
    const auto b = alert("Slow", {{"component", "api"}});
    std::vector<PostableAlert> posts;
    resend(posts, a, at_m(10), at_m(10), at_m(30));
    resend(posts, b, at_m(12), at_m(12), at_m(30));
    const auto t = dispatch(config(root), in_order(posts), at_m(30));
    // First flush 10m30s; ticks every 5m from there; b joins at 12m and goes out at 15m30s.
    REQUIRE(instants(t) == std::vector<Time>{at_s(630), at_s(930)});
    CHECK(t.notifications[1].firing == std::vector<tsdb::Labels>{a, b});
}

TEST_CASE("issue 18.5: repeat_interval is rounded up to the next group_interval tick after it has passed") {
    Route root = route("pager");
    root.group_interval = Duration::minutes(5);
    root.repeat_interval = Duration::minutes(20);
    const auto a = alert("Down");
    std::vector<PostableAlert> posts;
    resend(posts, a, at_m(0), at_m(0), at_m(60));
    const auto t = dispatch(config(root), posts, at_m(60));
    // Ticks at 30s + 5m·k. The tick exactly 20m after the first notification is not past it (the
    // log stamps a notification after it went out), so the repeat waits one more tick: 25m30s.
    REQUIRE(instants(t) == std::vector<Time>{at_s(30), at_s(30 + 25 * 60), at_s(30 + 50 * 60)});
}

TEST_CASE("issue 18.5: a resolved alert is notified when the receiver sends resolved and not otherwise") {
    const auto a = alert("Down");
    std::vector<PostableAlert> posts;
    resend(posts, a, at_m(0), at_m(0), at_m(3));
    posts.push_back(resolved(a, at_m(3), at_m(0)));
    for (const bool send_resolved : {true, false}) {
        const auto t = dispatch(config(route("pager"), {receiver("pager", send_resolved)}), in_order(posts), at_m(30));
        if (send_resolved) {
            // Resolved at 3m, notified on the tick at 5m30s.
            REQUIRE(instants(t) == std::vector<Time>{at_s(30), at_s(330)});
            CHECK(t.notifications[1].firing.empty());
            CHECK(t.notifications[1].resolved == std::vector<tsdb::Labels>{a});
        } else {
            REQUIRE(instants(t) == std::vector<Time>{at_s(30)});
        }
    }
}

TEST_CASE("issue 18.5: an alert whose ValidUntil passes without a resend counts as resolved") {
    const auto a = alert("Down");
    // One post, valid four minutes, never resent: resolved at 4m, notified at the 5m30s tick.
    const auto t = dispatch(config(route("pager"), {receiver("pager", true)}), {firing(a, at_m(0))}, at_m(30));
    REQUIRE(instants(t) == std::vector<Time>{at_s(30), at_s(330)});
    CHECK(t.notifications[1].resolved == std::vector<tsdb::Labels>{a});
}

TEST_CASE("issue 18.5: an inhibited alert is left out while its source fires and notified after the source resolves") {
    Route root = route("pager");
    root.group_by.labels = {"alertname", "component"};
    Config c = config(root);
    c.inhibit_rules.push_back({{eq("severity", "critical")}, {eq("severity", "warning")}, {"component"}, {}});
    const auto critical = alert("Down", {{"component", "api"}, {"severity", "critical"}});
    const auto warning = alert("Slow", {{"component", "api"}, {"severity", "warning"}});
    const auto other = alert("Slow", {{"component", "db"}, {"severity", "warning"}});
    std::vector<PostableAlert> posts;
    resend(posts, critical, at_m(0), at_m(0), at_m(10));
    posts.push_back(resolved(critical, at_m(10), at_m(0)));
    resend(posts, warning, at_m(1), at_m(1), at_m(30));
    resend(posts, other, at_m(1), at_m(1), at_m(30));
    const auto t = dispatch(c, in_order(posts), at_m(30));
    std::vector<std::pair<Time, tsdb::Labels>> pages;
    for (const auto& n : t.notifications)
        for (const auto& f : n.firing) pages.emplace_back(n.at, f);
    // The db warning has no critical of its component: paged after group_wait. The api warning
    // is muted until the critical resolves at 10m, then paged on its group's next tick (11m30s).
    CHECK(pages == std::vector<std::pair<Time, tsdb::Labels>>{
                       {at_s(30), critical}, {at_s(90), other}, {at_s(690), warning}});
    CHECK(t.unnotified.empty());
}

TEST_CASE("issue 18.5: an alert matching both sides of an inhibition rule does not inhibit itself") {
    Config c = config(route("pager"));
    c.inhibit_rules.push_back({{eq("alertname", "Down")}, {eq("alertname", "Down")}, {}, {}});
    const auto t = dispatch(c, {firing(alert("Down"), at_m(0))}, at_m(2));
    REQUIRE(t.notifications.size() == 1);
}

TEST_CASE("issue 18.5: an inhibited alert that never gets through is reported with its inhibitor") {
    Config c = config(route("pager"));
    c.inhibit_rules.push_back({{eq("alertname", "Down")}, {eq("alertname", "Slow")}, {}, {}});
    std::vector<PostableAlert> posts;
    resend(posts, alert("Down"), at_m(0), at_m(0), at_m(10));
    resend(posts, alert("Slow"), at_m(0), at_m(0), at_m(10));
    const auto t = dispatch(c, in_order(posts), at_m(10));
    REQUIRE(t.unnotified.size() == 1);
    CHECK(t.unnotified[0].labels == alert("Slow"));
    REQUIRE(t.unnotified[0].reasons.size() == 1);
    CHECK(t.unnotified[0].reasons[0].describe() == "inhibited by {alertname=\"Down\"}");
}

TEST_CASE("issue 18.5: a mute time interval silences the route's flushes inside it, and the next flush outside notifies") {
    Route root = route("pager");
    root.mute_time_intervals = {"first-hour"};
    Config c = config(root);
    TimeIntervalEntry first_hour;
    first_hour.times = {{0, 60}};  // 00:00-01:00 UTC; the epoch is midnight
    c.time_intervals["first-hour"] = TimeInterval{"first-hour", {first_hour}};
    std::vector<PostableAlert> posts;
    resend(posts, alert("Down"), at_m(50), at_m(50), at_m(70));
    const auto t = dispatch(c, posts, at_m(70));
    // Flushes at 50m30s and 55m30s are muted and log nothing; the 60m30s one notifies.
    REQUIRE(instants(t) == std::vector<Time>{at_s(60 * 60 + 30)});
}

TEST_CASE("issue 18.5: an alert routed to a receiver without integrations reaches no one") {
    Config c = config(route("blackhole"), {Receiver{"blackhole", false, true}});
    const auto t = dispatch(c, {firing(alert("Down"), at_m(0))}, at_m(10));
    CHECK(t.notifications.empty());
    REQUIRE(t.unnotified.size() == 1);
    REQUIRE(t.unnotified[0].reasons.size() == 1);
    CHECK(t.unnotified[0].reasons[0].describe() == "null receiver blackhole");
}

TEST_CASE("issue 18.5: a route with continue sends the alert to its own receiver and to the next matching route's") {
    Route root = route("default");
    Route pager = route("pager", {eq("severity", "critical")}, "{}/{severity=\"critical\"}");
    pager.continue_matching = true;
    Route ticket = route("ticket", {}, "{}/{}");
    ticket.group_wait = Duration::minutes(1);
    root.routes = {pager, ticket};
    const Config c = config(root, {receiver("default"), receiver("pager"), receiver("ticket")});
    const auto t = dispatch(c, {firing(alert("Down", {{"severity", "critical"}}), at_m(0))}, at_m(3));
    REQUIRE(t.notifications.size() == 2);
    CHECK(t.notifications[0].receiver == "pager");
    CHECK(t.notifications[0].at == at_s(30));
    CHECK(t.notifications[1].receiver == "ticket");
    CHECK(t.notifications[1].at == at_s(60));
}
