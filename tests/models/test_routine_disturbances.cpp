#include <catch2/catch.hpp>

#include "models/platform/default_profile.hpp"
#include "models/scenario/routine_disturbances.hpp"

using namespace caracal;

namespace {

std::vector<std::string> described(const std::vector<FaultStep>& steps) {
    std::vector<std::string> out;
    for (const auto& s : steps) out.push_back(s.fault->describe() + " at " + sim::format_duration(s.at));
    return out;
}

std::vector<FaultStep> four_weeks(std::uint64_t seed) {
    sim::des::RngStream rng(seed, "routine-disturbances");
    return draw_routine_disturbances(default_profile(), Duration::hours(4 * 7 * 24), rng);
}

}  // namespace

TEST_CASE("issue 19.2: the same seed draws the same routine disturbances, another seed others") {
    CHECK(described(four_weeks(7)) == described(four_weeks(7)));
    CHECK(described(four_weeks(7)) != described(four_weeks(8)));
}

TEST_CASE("issue 19.1: routine disturbances come in time order, with every kind of the profile over four weeks") {
    const auto steps = four_weeks(1);
    REQUIRE_FALSE(steps.empty());
    for (std::size_t i = 1; i < steps.size(); ++i) CHECK(steps[i - 1].at <= steps[i].at);
    const auto text = described(steps);
    for (const char* primitive : {"rolling_deploy(", "outage(redis)", "block(", "latency(postgres", "pause(audit-ingestor)", "load("})
        CHECK(std::any_of(text.begin(), text.end(), [&](const std::string& t) { return t.rfind(primitive, 0) == 0; }));
}

TEST_CASE("issue 19.1: pod operations of a baseline never overlap, so none restores another's reduced replica count") {
    Profile p = default_profile();
    p.set("disturbances.rolling_deploy.per_week", "50");
    p.set("disturbances.pod_eviction.per_week", "50");
    p.set("disturbances.node_drain.per_week", "50");
    sim::des::RngStream rng(3, "routine-disturbances");
    Duration busy_until;
    for (const auto& s : draw_routine_disturbances(p, Duration::hours(7 * 24), rng)) {
        const std::string d = s.fault->describe();
        if (d.rfind("rolling_deploy", 0) != 0 && d.rfind("scale", 0) != 0 && d != "drain_node") continue;
        CHECK(s.at >= busy_until);
        busy_until = s.at + *s.duration;
    }
}

TEST_CASE("issue 19.1: a profile whose disturbance has a shortest above its longest is refused at the position of that disturbance") {
    try {
        load_profile_text("disturbances:\n  redis_failover:\n    shortest: 10s\n    longest: 5s\n", "p.yaml");
        FAIL("expected an error");
    } catch (const sim::InputError& e) {
        CHECK(std::string(e.what()).find("p.yaml:3:5") != std::string::npos);
        CHECK(std::string(e.what()).find("shortest <= longest") != std::string::npos);
    }
}
