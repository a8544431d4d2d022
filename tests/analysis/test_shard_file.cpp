#include <catch2/catch.hpp>

#include <limits>

#include "analysis/shard_file.hpp"
#include "sim/base/error.hpp"

using namespace caracal::analysis;
using sim::Duration;

namespace {

const std::string kScenario = "tests/fixtures/check/provider-short.yaml";

Outcome outcome_for(std::size_t unit) {
    return {unit % 2 == 0, {{"A", true, true, true, Duration::millis(1000 + unit), Duration::millis(-250)},
                            {"B", false, true, false, Duration::seconds(600), std::nullopt}}, {}};
}

// Shard K/N of a run of 3 cases × 4 replications, outcomes derived from the unit number.
ShardFile shard_of(std::size_t k, std::size_t n) {
    const ReplicationPlan plan{4, 9};
    ShardFile f{"check", fingerprint("check", {{"format", "text"}}, plan, 3, {kScenario}), {k, n}, plan, 3,
                {{"format", "text"}}, {}};
    for (std::size_t u = 0; u < plan.units(3); ++u)
        if (f.shard.owns(u)) f.outcomes.emplace_back(u, outcome_for(u));
    return f;
}

bool same(const Outcome& a, const Outcome& b) { return to_json(a) == to_json(b); }

void check_refused(const std::vector<ShardFile>& files, const std::string& fragment) {
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < files.size(); ++i) paths.push_back("shard" + std::to_string(i) + ".json");
    try {
        merge_shards(files, paths);
        FAIL("merged");
    } catch (const sim::InputError& e) {
        CHECK_THAT(e.what(), Catch::Contains(fragment));
    }
}

}  // namespace

TEST_CASE("a shard file reads back exactly as written") {
    const ShardFile f = shard_of(2, 3);
    const ShardFile back = parse_shard_file(shard_file_text(f), "s.json");
    CHECK(back.command == f.command);
    CHECK(back.fingerprint == f.fingerprint);
    CHECK(back.shard.text() == "2/3");
    CHECK(back.plan.replications == 4);
    CHECK(back.plan.master_seed == 9);
    CHECK(back.cases == 3);
    CHECK(back.header == f.header);
    REQUIRE(back.outcomes.size() == f.outcomes.size());
    for (std::size_t i = 0; i < f.outcomes.size(); ++i) {
        CHECK(back.outcomes[i].first == f.outcomes[i].first);
        CHECK(same(back.outcomes[i].second, f.outcomes[i].second));
    }
    CHECK(shard_file_text(back) == shard_file_text(f));
}

TEST_CASE("merging every shard in any order gives every unit's outcome in unit order") {
    const Results r = merge_shards({shard_of(3, 3), shard_of(1, 3), shard_of(2, 3)}, {"c", "a", "b"});
    CHECK(r.command == "check");
    CHECK(r.cases == 3);
    REQUIRE(r.outcomes.size() == 12);
    for (std::size_t u = 0; u < 12; ++u) CHECK(same(r.outcomes[u], outcome_for(u)));
    const auto second_case = r.replications_of(1);
    REQUIRE(second_case.size() == 4);
    CHECK(same(*second_case[0], outcome_for(4)));
}

TEST_CASE("merge refuses a missing shard, a shard given twice and shards of another run") {
    check_refused({shard_of(1, 3), shard_of(3, 3)}, "shard 2/3 is missing");
    check_refused({shard_of(1, 2), shard_of(1, 2), shard_of(2, 2)}, "shard 1/2 given twice");
    check_refused({shard_of(1, 2), shard_of(2, 3)}, "not a shard of the same run");
    ShardFile other = shard_of(2, 2);
    other.fingerprint = fingerprint("check", {{"format", "json"}}, other.plan, 3, {kScenario});
    check_refused({shard_of(1, 2), other}, "not a shard of the same run");
    ShardFile stray = shard_of(2, 2);
    stray.outcomes.emplace_back(0, outcome_for(0));
    check_refused({shard_of(1, 2), stray}, "unit 0 does not belong to shard 2/2");
}

TEST_CASE("the fingerprint changes with the header, the plan and the input files' bytes") {
    const ReplicationPlan plan{4, 1};
    const auto base = fingerprint("sweep", {{"x", 1}}, plan, 2, {kScenario});
    CHECK(base == fingerprint("sweep", {{"x", 1}}, plan, 2, {kScenario}));
    CHECK(base != fingerprint("check", {{"x", 1}}, plan, 2, {kScenario}));
    CHECK(base != fingerprint("sweep", {{"x", 2}}, plan, 2, {kScenario}));
    CHECK(base != fingerprint("sweep", {{"x", 1}}, {5, 1}, 2, {kScenario}));
    CHECK(base != fingerprint("sweep", {{"x", 1}}, {4, 2}, 2, {kScenario}));
    CHECK(base != fingerprint("sweep", {{"x", 1}}, plan, 2, {"tests/fixtures/check/provider-30s.yaml"}));
}

TEST_CASE("a file that is not a shard file is bad input naming the file") {
    for (const char* text : {"not json", "{}", R"({"format": "something-else/1"})"}) {
        INFO(text);
        CHECK_THROWS_WITH(parse_shard_file(text, "x.json"), Catch::StartsWith("x.json: "));
    }
}

TEST_CASE("issue 15.2: a shard with a negative, absurd or non-numeric time is refused naming the file, unit and field") {
    const std::string good = shard_file_text(shard_of(1, 1));
    const std::string ttd = "\"ttd_ms\":1000,";
    REQUIRE(good.find(ttd) != std::string::npos);
    for (const std::string bad : {"-5", "1e300", "-1e300", "0.5", "\"7\"", "3024000001"}) {
        INFO(bad);
        std::string text = good;
        text.replace(text.find(ttd), ttd.size(), "\"ttd_ms\":" + bad + ",");
        CHECK_THROWS_WITH(parse_shard_file(text, "x.json"),
                          Catch::StartsWith("x.json: unit 0: ttd_ms ") && Catch::Contains(" is not a whole number of milliseconds"));
    }
    std::string text = good;
    text.replace(text.find("\"ttr_ms\":-250"), 13, "\"ttr_ms\":-3024000001");
    CHECK_THROWS_WITH(parse_shard_file(text, "x.json"), Catch::Contains("ttr_ms -3024000001 is not a whole number"));
}

TEST_CASE("issue 15.2: shard counts that are negative or not whole numbers are refused, not wrapped") {
    const std::string good = shard_file_text(shard_of(1, 1));
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"\"replications\":4", "\"replications\":-4"},
                                   {"\"cases\":3", "\"cases\":1e300"},
                                   {"\"count\":1", "\"count\":18446744073709551616"}}) {
        INFO(to);
        std::string text = good;
        REQUIRE(text.find(from) != std::string::npos);
        text.replace(text.find(from), from.size(), to);
        CHECK_THROWS_WITH(parse_shard_file(text, "x.json"), Catch::Contains("is not a whole number >= 0"));
    }
}

TEST_CASE("issue 15.2: merge does not size anything by a shard count it has not checked") {
    ShardFile f = shard_of(1, 1);
    f.shard.count = std::numeric_limits<std::size_t>::max();
    check_refused({f}, "unit 1 does not belong to shard 1/18446744073709551615");
}
