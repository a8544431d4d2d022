// Issue 13.7: which verdict items depend on timing, from a drill's headline verdict and the
// verdicts of its timing redraws.
#include <catch2/catch.hpp>

#include "report/check_report.hpp"

using namespace caracal;
using report::check_items;
using report::tally_timing;

namespace {

// A drill expecting alert A; A fired (5 min after injection) or never did.
DrillVerdict drill(bool a_fired) {
    DrillVerdict v;
    AlertVerdict a;
    a.expected.names = {"A"};
    if (a_fired) a.detection = Detection{{"A", "", sim::Duration::minutes(5)}, sim::Duration::minutes(3),
                                         sim::Duration::minutes(2), sim::Duration(), true};
    v.alerts.push_back(a);
    return v;
}

std::vector<DrillVerdict> redraws(std::size_t fired, std::size_t not_fired) {
    std::vector<DrillVerdict> out(fired, drill(true));
    out.insert(out.end(), not_fired, drill(false));
    return out;
}

std::optional<std::size_t> held_in_redraws(const DrillVerdict& headline, const report::TimingTally& tally,
                                           const std::string& item) {
    for (const auto& [i, held] : check_items(headline, {}, tally))
        if (i.name == item) return held;
    FAIL("no item " << item);
    return std::nullopt;
}

}  // namespace

TEST_CASE("issue 13.7: an expected alert that fired in 5 of 8 timing redraws depends on timing (held in 5 of 8)") {
    const auto tally = tally_timing(redraws(5, 3));
    CHECK(tally.runs == 8);
    CHECK(held_in_redraws(drill(true), tally, "A") == std::optional<std::size_t>(5));
    CHECK(held_in_redraws(drill(false), tally, "A") == std::optional<std::size_t>(5));
}

TEST_CASE("issue 13.7: an outcome every redraw shares is not marked, whether it held or failed") {
    CHECK_FALSE(held_in_redraws(drill(true), tally_timing(redraws(8, 0)), "A").has_value());
    CHECK_FALSE(held_in_redraws(drill(false), tally_timing(redraws(0, 8)), "A").has_value());
}

TEST_CASE("issue 13.7: a headline outcome that no redraw shares is marked (held in 8 of 8 after a failed headline)") {
    CHECK(held_in_redraws(drill(false), tally_timing(redraws(8, 0)), "A") == std::optional<std::size_t>(8));
    CHECK(held_in_redraws(drill(true), tally_timing(redraws(0, 8)), "A") == std::optional<std::size_t>(0));
}

TEST_CASE("issue 13.7: notes and an unsampled drill are never marked") {
    for (const auto& [item, held] : check_items(drill(true), {}, tally_timing(redraws(1, 1))))
        if (item.status == report::ItemStatus::Note) CHECK_FALSE(held.has_value());
    for (const auto& [item, held] : check_items(drill(false), {}, report::TimingTally{})) CHECK_FALSE(held.has_value());
}
