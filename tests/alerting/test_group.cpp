#include <catch2/catch.hpp>

#include <cmath>

#include "rule_test_helpers.hpp"
#include "sim/alerting/group.hpp"
#include "sim/alerting/xxhash.hpp"

using namespace test_support;

namespace {

Group make_group(std::vector<std::unique_ptr<Rule>> rules, Duration query_offset = {}, std::string name = "g") {
    GroupSpec spec;
    spec.name = std::move(name);
    spec.file = "rules.yml";
    spec.query_offset = query_offset;
    return Group(std::move(spec), std::move(rules));
}

// The value of `labels` at exactly `t`, if a sample was written there.
std::optional<double> value_at(const tsdb::Storage& storage, const tsdb::Labels& labels, Time t) {
    auto id = storage.find(labels);
    if (!id) return std::nullopt;
    for (const auto& s : storage.series(*id).samples)
        if (s.t == t) return s.v;
    return std::nullopt;
}

}  // namespace

TEST_CASE("later rules in a group see earlier rules' output at the same timestamp") {
    std::vector<std::unique_ptr<Rule>> rules;
    rules.push_back(make_recording_rule("m:doubled", "m * 2"));
    rules.push_back(make_alerting_rule({.name = "Doubled", .expr = "m:doubled > 1"}));
    rules.push_back(make_recording_rule("alerts:count", "count(ALERTS{alertstate=\"firing\"})"));
    Group group = make_group(std::move(rules));
    tsdb::Storage storage;
    storage.append(series("m"), at_min(0), 1);
    REQUIRE(group.eval(at_min(0), storage, {}));
    CHECK(value_at(storage, series("m:doubled"), at_min(0)) == 2.0);
    CHECK(value_at(storage, series("ALERTS", {{"alertname", "Doubled"}, {"alertstate", "firing"}}), at_min(0)) == 1.0);
    CHECK(value_at(storage, series("alerts:count"), at_min(0)) == 1.0);
}

TEST_CASE("series a rule wrote last evaluation and not this one get a stale marker now") {
    std::vector<std::unique_ptr<Rule>> rules;
    rules.push_back(make_recording_rule("r", "m > 0"));
    rules.push_back(make_alerting_rule({.expr = "m > 0", .hold = Duration::minutes(5)}));
    Group group = make_group(std::move(rules));
    tsdb::Storage storage;
    storage.append(series("m", {{"i", "a"}}), at_min(0), 1);
    storage.append(series("m", {{"i", "b"}}), at_min(0), 1);
    storage.append(series("m", {{"i", "a"}}), at_min(1), 1);
    storage.append(series("m", {{"i", "b"}}), at_min(1), 0);
    REQUIRE(group.eval(at_min(0), storage, {}));
    REQUIRE(group.eval(at_min(1), storage, {}));
    const auto stale_b = value_at(storage, series("r", {{"i", "b"}}), at_min(1));
    REQUIRE(stale_b);
    CHECK(tsdb::is_stale_nan(*stale_b));
    CHECK(value_at(storage, series("r", {{"i", "a"}}), at_min(1)) == 1.0);
    const auto pending_b = series("ALERTS", {{"alertname", "HighValue"}, {"alertstate", "pending"}, {"i", "b"}});
    REQUIRE(value_at(storage, pending_b, at_min(1)));
    CHECK(tsdb::is_stale_nan(*value_at(storage, pending_b, at_min(1))));
}

TEST_CASE("an alert moving from pending to firing leaves a stale marker on its pending series") {
    std::vector<std::unique_ptr<Rule>> rules;
    rules.push_back(make_alerting_rule({.hold = Duration::minutes(1)}));
    Group group = make_group(std::move(rules));
    tsdb::Storage storage;
    storage.append(series("m"), at_min(0), 1);
    group.eval(at_min(0), storage, {});
    group.eval(at_min(1), storage, {});
    const auto pending = series("ALERTS", {{"alertname", "HighValue"}, {"alertstate", "pending"}});
    const auto firing = series("ALERTS", {{"alertname", "HighValue"}, {"alertstate", "firing"}});
    CHECK(value_at(storage, pending, at_min(0)) == 1.0);
    CHECK(tsdb::is_stale_nan(value_at(storage, pending, at_min(1)).value_or(0)));
    CHECK(value_at(storage, firing, at_min(1)) == 1.0);
}

TEST_CASE("a failing rule fails the group evaluation but the following rules still run") {
    std::vector<std::unique_ptr<Rule>> rules;
    rules.push_back(make_recording_rule("dup", "m", {{"i", "same"}}));
    rules.push_back(make_recording_rule("after", "count(m)"));
    Group group = make_group(std::move(rules));
    tsdb::Storage storage;
    storage.append(series("m", {{"i", "a"}}), at_min(0), 1);
    storage.append(series("m", {{"i", "b"}}), at_min(0), 1);
    CHECK_FALSE(group.eval(at_min(0), storage, {}));
    CHECK(group.rules()[0]->last_error().has_value());
    CHECK_FALSE(group.rules()[1]->last_error().has_value());
    CHECK(value_at(storage, series("after"), at_min(0)) == 2.0);
    CHECK_FALSE(storage.find(series("dup", {{"i", "same"}})));
}

TEST_CASE("a group's stale markers are stamped at ts minus its query offset") {
    std::vector<std::unique_ptr<Rule>> rules;
    rules.push_back(make_recording_rule("r", "m > 0"));
    Group group = make_group(std::move(rules), Duration::minutes(1));
    tsdb::Storage storage;
    storage.append(series("m"), at_min(0), 1);
    storage.append(series("m"), at_min(1), 0);
    group.eval(at_min(1), storage, {});
    group.eval(at_min(2), storage, {});
    CHECK(value_at(storage, series("r"), at_min(0)) == 1.0);
    CHECK(tsdb::is_stale_nan(value_at(storage, series("r"), at_min(1)).value_or(0)));
}

TEST_CASE("xxhash64 matches the reference XXH64 implementation") {
    // Vectors computed with libxxhash 0.8.1 (XXH64, seed 0); they cover every tail path.
    CHECK(xxhash64("") == 17241709254077376921ULL);
    CHECK(xxhash64("a") == 15154266338359012955ULL);
    CHECK(xxhash64("abcd") == 15997673941747208908ULL);
    CHECK(xxhash64(std::string_view("file\xffrules.yml\xffname\xffg\xff")) == 17114319361632510205ULL);
    CHECK(xxhash64(std::string(100, 'x')) == 10588207204368892052ULL);
    CHECK(xxhash64("0123456789abcdef0123456789abcdef01234") == 4578069767930525700ULL);
}

TEST_CASE("evaluation slots fall at a stable per-group phase, one interval apart") {
    const Group g = make_group({});
    const Duration interval = Duration::minutes(1);
    const Duration phase = g.phase(interval);
    CHECK(phase >= Duration());
    CHECK(phase < interval);
    const Time first = g.next_slot(at_min(10), interval);
    CHECK(first >= at_min(10));
    CHECK(first - at_min(10) < interval);
    CHECK(((first - Time::epoch()) % interval) == phase);
    CHECK(g.next_slot(first, interval) == first);
    CHECK(g.next_slot(first + Duration::millis(1), interval) == first + interval);
    // Another group in the same file lands on another phase.
    CHECK(make_group({}, {}, "other").phase(interval) != phase);
}

TEST_CASE("the phase is Prometheus' label-set hash of file and name modulo the interval in nanoseconds") {
    const Group g = make_group({});
    const std::uint64_t hash = xxhash64(std::string_view("file\xffrules.yml\xffname\xffg\xff"));
    const Duration interval = Duration::seconds(30);
    CHECK(g.phase(interval).ms() == static_cast<std::int64_t>(hash % 30'000'000'000ULL / 1'000'000));
}
