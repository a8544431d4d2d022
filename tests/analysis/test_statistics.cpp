#include <catch2/catch.hpp>

#include "analysis/statistics.hpp"

using caracal::analysis::AlertOutcome;
using caracal::analysis::case_statistics;
using caracal::analysis::Outcome;
using caracal::analysis::quantile;
using caracal::analysis::spread;
using sim::Duration;

namespace {

std::vector<Duration> seconds(std::initializer_list<int> values) {
    std::vector<Duration> out;
    for (const int v : values) out.push_back(Duration::seconds(v));
    return out;
}

Outcome run_with(bool passed, std::optional<int> ttd_seconds) {
    Outcome o{passed, {{"Expected", true, false, false, std::nullopt, std::nullopt}}, {}};
    if (ttd_seconds) {
        o.alerts[0].fired = true;
        o.alerts[0].ttd = Duration::seconds(*ttd_seconds);
        o.alerts[0].ttr = Duration::seconds(*ttd_seconds * 2);
    }
    return o;
}

}  // namespace

TEST_CASE("nearest-rank quantiles pick the ceil(p n)-th smallest sample whatever the input order") {
    // 1..20 s shuffled: p50 is the 10th smallest, p95 the 19th, p100 the largest, p0 the smallest.
    const auto samples = seconds({7, 20, 1, 14, 3, 18, 9, 11, 5, 16, 2, 19, 8, 13, 4, 17, 10, 12, 6, 15});
    CHECK(quantile(samples, 50) == Duration::seconds(10));
    CHECK(quantile(samples, 95) == Duration::seconds(19));
    CHECK(quantile(samples, 100) == Duration::seconds(20));
    CHECK(quantile(samples, 0) == Duration::seconds(1));
    // With 3 samples the p95 rank is ceil(2.85) = 3 and the p50 rank ceil(1.5) = 2.
    CHECK(quantile(seconds({30, 10, 20}), 95) == Duration::seconds(30));
    CHECK(quantile(seconds({30, 10, 20}), 50) == Duration::seconds(20));
}

TEST_CASE("a spread reports min, p50, p95 and max of its samples and is empty without samples") {
    const auto s = spread(seconds({40, 10, 30, 20}));
    REQUIRE(s);
    CHECK(s->samples == 4);
    CHECK(s->min == Duration::seconds(10));
    CHECK(s->p50 == Duration::seconds(20));
    CHECK(s->p95 == Duration::seconds(40));
    CHECK(s->max == Duration::seconds(40));
    CHECK_FALSE(spread({}));
}

TEST_CASE("case statistics count firings per alert and take times only from the replications that fired") {
    const std::vector<Outcome> runs{run_with(true, 60), run_with(false, std::nullopt), run_with(true, 90),
                                    run_with(true, 30)};
    std::vector<const Outcome*> replications;
    for (const auto& r : runs) replications.push_back(&r);
    auto with_noise = runs;
    with_noise[1].alerts.push_back({"Noise", false, true, true, Duration::seconds(5), std::nullopt});
    const auto stats = case_statistics(replications);
    CHECK(stats.replications == 4);
    CHECK(stats.passed == 3);
    REQUIRE(stats.alerts.size() == 1);
    const auto& a = stats.alerts[0];
    CHECK(a.fired == 3);
    CHECK(a.p_fired() == Approx(0.75));
    REQUIRE(a.ttd);
    CHECK(a.ttd->samples == 3);
    CHECK(a.ttd->min == Duration::seconds(30));
    CHECK(a.ttd->max == Duration::seconds(90));
    CHECK(a.ttr->p50 == Duration::seconds(120));
    CHECK_FALSE(stats.detected_always());

    std::vector<const Outcome*> noisy;
    for (const auto& r : with_noise) noisy.push_back(&r);
    const auto noisy_stats = case_statistics(noisy);
    REQUIRE(noisy_stats.alerts.size() == 2);
    CHECK(noisy_stats.alerts[1].alert == "Noise");
    CHECK_FALSE(noisy_stats.alerts[1].expected);
    CHECK(noisy_stats.alerts[1].fired == 1);
    CHECK_FALSE(noisy_stats.alerts[1].ttr);
}

TEST_CASE("a case detects always only when every expected alert fired in every replication") {
    const std::vector<Outcome> runs{run_with(false, 60), run_with(false, 45)};
    const auto stats = case_statistics({&runs[0], &runs[1]});
    CHECK(stats.detected_always());
    CHECK(stats.passed == 0);
}

TEST_CASE("issue 13.6: case statistics count the failed checks per class, most frequent first") {
    Outcome pass = run_with(true, 30);
    Outcome order = run_with(false, 30);
    order.failed = {"order"};
    Outcome both = run_with(false, std::nullopt);
    both.failed = {"alert Expected", "order", "recovery backlogs_drained"};
    const auto stats = case_statistics({&pass, &order, &both, &order});
    CHECK(stats.passed == 1);
    using Count = std::pair<std::string, std::size_t>;
    CHECK(stats.failed_checks ==
          std::vector<Count>{{"order", 3}, {"alert Expected", 1}, {"recovery backlogs_drained", 1}});
    const auto json = caracal::analysis::to_json(stats);
    CHECK(json.at("failed_checks").at(0).at("check") == "order");
    CHECK(json.at("failed_checks").at(0).at("replications") == 3);
}
