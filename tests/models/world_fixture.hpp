// A World on a fresh simulation and store, with the helpers fault and invariant tests share:
// parsing one fault step from YAML text and reading a pod's metric as Prometheus would scrape it.
#pragma once

#include <string>

#include "models/faults/fault.hpp"
#include "models/world/invariants.hpp"
#include "models/world/world.hpp"
#include "sim/des/simulation.hpp"
#include "sim/tsdb/storage.hpp"

namespace world_test {

struct WorldFixture {
    explicit WorldFixture(caracal::Profile p = {}, std::uint64_t seed = 1) : profile(std::move(p)), sim(seed), world(sim, storage, profile) {}

    caracal::Profile profile;
    sim::des::Simulation sim;
    sim::tsdb::Storage storage;
    caracal::World world;

    void run_for(sim::Duration d) { sim.run_until(sim.now() + d); }

    // Applies the fault written as one scenario step (`{primitive: block, from: gateway, to: sts}`).
    caracal::Revert apply(const std::string& step_yaml, double baseline_load = 1) {
        const YAML::Node step = YAML::Load(step_yaml);
        caracal::FaultParams params(step["primitive"].as<std::string>(), step, "test");
        caracal::FaultTarget target{world, baseline_load};
        return caracal::parse_fault(step["primitive"].as<std::string>(), params)->apply(target);
    }

    // The sum over the pod's exposed series named `name`, as a scrape now would see it.
    double metric(const caracal::Pod& pod, const std::string& name) const {
        double sum = 0;
        for (const auto& s : pod.metrics.expose(sim.now()))
            if (s.labels.get("__name__") == name) sum += s.value;
        return sum;
    }
    caracal::Pod& pod(caracal::Service s, int index = 0) { return *world.service(s).deployment().pods().at(index); }

    caracal::Verdict verdict(const std::string& invariant) {
        for (const auto& c : caracal::check_invariants(world, {sim.now(), false}).checks)
            if (c.name == invariant) return c.verdict;
        return caracal::Verdict::Violated;
    }
};

}  // namespace world_test
