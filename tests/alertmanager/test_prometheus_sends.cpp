#include <catch2/catch.hpp>

#include "dispatch_fixture.hpp"
#include "sim/alertmanager/prometheus_sends.hpp"

using namespace dispatch_fixture;

namespace {

alerting::AlertEpisode episode(Time active, std::optional<Time> firing, std::optional<Time> resolved) {
    return {"Down", alert("Down"), active, firing, resolved};
}

SendSchedule every(Duration interval, Time end) {
    SendSchedule s;
    s.evaluation_interval["Down"] = interval;
    s.end = end;
    return s;
}

std::vector<Time> arrivals(const std::vector<PostableAlert>& posts) {
    std::vector<Time> out;
    for (const auto& p : posts) out.push_back(p.received_at);
    return out;
}

}  // namespace

TEST_CASE("issue 18.1: Prometheus sends a firing alert when it fires, then when the last send is more than the resend delay old") {
    // 30s evaluations, 1m resend delay: 0, 30s is not after 0+1m, 60s is not (equal), 90s is.
    const auto posts = prometheus_sends({episode(at_m(0), at_m(0), std::nullopt)}, every(Duration::seconds(30), at_s(200)));
    CHECK(arrivals(posts) == std::vector<Time>{at_s(0), at_s(90), at_s(180)});
    CHECK(posts[0].starts_at == at_s(0));
    // ValidUntil: four times max(resend delay, interval).
    CHECK(posts[1].ends_at == at_s(90) + Duration::minutes(4));
}

TEST_CASE("issue 18.1: Prometheus sends StartsAt = the firing instant, not the instant the alert went pending") {
    const auto posts = prometheus_sends({episode(at_m(0), at_m(5), std::nullopt)}, every(Duration::minutes(1), at_m(6)));
    REQUIRE(posts.size() == 1);
    CHECK(posts[0].starts_at == at_m(5));
}

TEST_CASE("issue 18.1: Prometheus sends a resolved alert on the evaluation that resolves it and keeps resending it for 15 minutes") {
    const auto posts = prometheus_sends({episode(at_m(0), at_m(0), at_m(3))}, every(Duration::minutes(1), at_m(60)));
    // Firing: 0, 2 (1m is not after 0+1m). Resolved at 3 (EndsAt 3), then 5, 7, ... while within 15m.
    CHECK(arrivals(posts) == std::vector<Time>{at_m(0), at_m(2), at_m(3), at_m(5), at_m(7), at_m(9), at_m(11), at_m(13),
                                               at_m(15), at_m(17)});
    CHECK(posts[2].ends_at == at_m(3));
    CHECK(posts.back().ends_at == at_m(3));
}

TEST_CASE("issue 18.1: a pending alert that never fires is never sent") {
    CHECK(prometheus_sends({episode(at_m(0), std::nullopt, at_m(3))}, every(Duration::minutes(1), at_m(60))).empty());
}
