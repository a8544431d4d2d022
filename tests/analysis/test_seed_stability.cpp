// Issue 13: the catalog's verdict does not depend on the seed. The seed drives the traffic (Poisson
// arrivals and the slow random walk on every rate); a check that passes at one seed and fails at
// another must be one that already depends on when the fault meets the scrape and evaluation
// ticks, which a single `check` marks by re-running the drill with only timing redrawn.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "analysis/timing_sample.hpp"
#include "tests/support/catalog.hpp"

using namespace caracal;

namespace {

std::vector<Scenario> catalog() {
    auto out = testing::catalog();
    REQUIRE(out.size() >= 13);
    return out;
}

using Checks = std::set<std::string>;

Checks failed(const DrillVerdict& v) {
    const auto names = v.failed_checks();
    return {names.begin(), names.end()};
}

// The checks whose outcome differs between timing-only redraws of the drill at its own seed: the
// ones a single check run reports as "depends on timing".
Checks timing_dependent(const Scenario& scenario) {
    const analysis::Case c{scenario.file, scenario, RunOptions{}, CheckOptions{}};
    std::map<std::string, std::size_t> failures;
    const auto sample = analysis::timing_sample(c, analysis::TimingPlan{});
    for (const auto& v : sample)
        for (const auto& name : failed(v)) ++failures[name];
    Checks out;
    for (const auto& [name, n] : failures)
        if (n < sample.size()) out.insert(name);
    return out;
}

Checks without(Checks checks, const Checks& excluded) {
    for (const auto& name : excluded) checks.erase(name);
    return checks;
}

}  // namespace

TEST_CASE("issue 13: every catalog drill fails the same checks at seeds 1 to 10, apart from checks its timing "
          "redraws mark as depending on timing") {
    for (const auto& scenario : catalog()) {
        INFO(scenario.file);
        const Checks timing = timing_dependent(scenario);
        std::optional<Checks> at_seed_1;
        std::optional<bool> passed_at_seed_1;
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            INFO("seed " << seed);
            RunOptions options;
            options.seed = seed;
            const DrillVerdict v = check_drill(scenario, run(scenario, options), {});
            const Checks stable = without(failed(v), timing);
            if (!at_seed_1) {
                at_seed_1 = stable;
                passed_at_seed_1 = v.passed();
                continue;
            }
            CHECK(stable == *at_seed_1);
            if (timing.empty()) CHECK(v.passed() == *passed_at_seed_1);
        }
    }
}
