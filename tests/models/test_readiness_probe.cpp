#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "models/kube/readiness_probe.hpp"

using namespace caracal;
using sim::des::Simulation;
using Transition = ReadinessProbe::Transition;

namespace {

Time at_s(std::int64_t s) { return Time::epoch() + Duration::seconds(s); }

ReadinessProbeConfig config(int failure_threshold = 3, int success_threshold = 1) {
    ReadinessProbeConfig c;
    c.initial_delay = Duration::seconds(5);
    c.period = Duration::seconds(10);
    c.timeout = Duration::seconds(2);
    c.failure_threshold = failure_threshold;
    c.success_threshold = success_threshold;
    return c;
}

// /ready answers instantly: healthy before `broken_at`, unhealthy after.
ReadinessProbe::Check healthy_until(Time broken_at) {
    return [broken_at](Time now) { return now < broken_at ? ProbeOutcome::success() : ProbeOutcome::failure(); };
}

}  // namespace

TEST_CASE("a pod starts unready and turns ready at its first successful probe") {
    Simulation sim(1);
    ReadinessProbe probe(sim, config(), healthy_until(at_s(1000)));
    CHECK_FALSE(probe.ready());
    sim.run_until(at_s(5) - Duration::millis(1));
    CHECK_FALSE(probe.ready());
    sim.run_until(at_s(5));
    CHECK(probe.ready());
    CHECK(probe.transitions() == std::vector<Transition>{{at_s(5), true}});
}

TEST_CASE("readiness turns false at the failure_threshold-th consecutive failed probe") {
    Simulation sim(1);
    ReadinessProbe probe(sim, config(3), healthy_until(at_s(20)));
    // Probes at 5, 15 succeed; 25, 35, 45 fail.
    sim.run_until(at_s(44));
    CHECK(probe.ready());
    sim.run_until(at_s(45));
    CHECK_FALSE(probe.ready());
    CHECK(probe.transitions().back() == Transition{at_s(45), false});
    CHECK(probe.probes() == 5);
    CHECK(probe.failed_probes() == 3);
}

TEST_CASE("a hanging check fails at the probe timeout, a slow answer within it counts at its latency") {
    Simulation sim(1);
    ReadinessProbe hanging(sim, config(1), [](Time) { return ProbeOutcome::hang(); });
    ReadinessProbeConfig start_ready = config(1);
    start_ready.initially_ready = true;
    ReadinessProbe too_slow(sim, start_ready, [](Time) { return ProbeOutcome::success(Duration::seconds(3)); });
    ReadinessProbe slow(sim, config(1), [](Time) { return ProbeOutcome::success(Duration::millis(1500)); });
    sim.run_until(at_s(30));
    CHECK(too_slow.transitions() == std::vector<Transition>{{at_s(7), false}});
    CHECK(slow.transitions() == std::vector<Transition>{{at_s(5) + Duration::millis(1500), true}});
    CHECK(hanging.transitions().empty());  // unready from the start
    CHECK(hanging.failed_probes() == 3);
}

TEST_CASE("success_threshold needs that many consecutive successes; a failure in between restarts the run") {
    Simulation sim(1);
    // Probe times 5, 15, 25, 35, 45: ok, fail, ok, ok, ok.
    ReadinessProbe probe(sim, config(3, 3), [](Time now) {
        return now == at_s(15) ? ProbeOutcome::failure() : ProbeOutcome::success();
    });
    sim.run_until(at_s(44));
    CHECK_FALSE(probe.ready());
    sim.run_until(at_s(45));
    CHECK(probe.transitions() == std::vector<Transition>{{at_s(45), true}});
}

TEST_CASE("a pod configured to start ready stays ready without a transition while probes pass") {
    Simulation sim(1);
    ReadinessProbeConfig c = config();
    c.initially_ready = true;
    ReadinessProbe probe(sim, c, healthy_until(at_s(1000)));
    CHECK(probe.ready());
    sim.run_until(at_s(100));
    CHECK(probe.ready());
    CHECK(probe.transitions().empty());
}

TEST_CASE("probe settings that the kubelet would not run are rejected") {
    Simulation sim(1);
    const auto check = healthy_until(at_s(0));
    ReadinessProbeConfig c = config();
    c.timeout = Duration::seconds(11);
    CHECK_THROWS_AS(ReadinessProbe(sim, c, check), std::invalid_argument);
    c = config(0);
    CHECK_THROWS_AS(ReadinessProbe(sim, c, check), std::invalid_argument);
    c = config();
    c.period = Duration{};
    CHECK_THROWS_AS(ReadinessProbe(sim, c, check), std::invalid_argument);
}
