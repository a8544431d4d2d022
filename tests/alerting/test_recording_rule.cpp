#include <catch2/catch.hpp>

#include "rule_test_helpers.hpp"

using namespace test_support;

TEST_CASE("a recording rule renames its result and applies its labels, an empty value removing one") {
    tsdb::Storage storage;
    storage.append(series("m", {{"i", "a"}, {"drop", "x"}}), at_min(0), 3);
    auto rule = make_recording_rule("job:m:copy", "m", {{"env", "prod"}, {"drop", ""}});
    const auto out = rule->eval(at_min(0), Duration(), storage, {});
    REQUIRE(out);
    REQUIRE(out->size() == 1);
    CHECK((*out)[0].metric == tsdb::Labels{{"__name__", "job:m:copy"}, {"env", "prod"}, {"i", "a"}});
    CHECK((*out)[0].v == 3);
    CHECK((*out)[0].t == at_min(0));
}

TEST_CASE("a recording rule whose labels make two results identical fails") {
    tsdb::Storage storage;
    storage.append(series("m", {{"i", "a"}}), at_min(0), 1);
    storage.append(series("m", {{"i", "b"}}), at_min(0), 2);
    auto rule = make_recording_rule("r", "m", {{"i", "same"}});
    CHECK_FALSE(rule->eval(at_min(0), Duration(), storage, {}));
    CHECK(rule->last_error() == "vector contains metrics with the same labelset after applying rule labels");
}

TEST_CASE("a recording rule producing more series than the limit fails") {
    tsdb::Storage storage;
    storage.append(series("m", {{"i", "a"}}), at_min(0), 1);
    storage.append(series("m", {{"i", "b"}}), at_min(0), 2);
    auto rule = make_recording_rule("r", "m");
    CHECK(rule->eval(at_min(0), Duration(), storage, {}, 2));
    CHECK_FALSE(rule->eval(at_min(0), Duration(), storage, {}, 1));
    CHECK(rule->last_error() == "exceeded limit of 1 with 2 series");
}

TEST_CASE("a scalar result is recorded as one series without labels") {
    tsdb::Storage storage;
    auto rule = make_recording_rule("answer", "42");
    const auto out = rule->eval(at_min(3), Duration(), storage, {});
    REQUIRE(out);
    REQUIRE(out->size() == 1);
    CHECK((*out)[0].metric == tsdb::Labels{{"__name__", "answer"}});
    CHECK((*out)[0].v == 42);
}

TEST_CASE("a recording rule with a query offset evaluates and stamps at ts minus the offset") {
    tsdb::Storage storage;
    storage.append(series("m"), at_min(0), 1);
    storage.append(series("m"), at_min(1), 2);
    auto rule = make_recording_rule("r", "m");
    const auto out = rule->eval(at_min(1), Duration::minutes(1), storage, {});
    REQUIRE(out);
    REQUIRE(out->size() == 1);
    CHECK((*out)[0].v == 1);
    CHECK((*out)[0].t == at_min(0));
}
