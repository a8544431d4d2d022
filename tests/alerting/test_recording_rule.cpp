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

TEST_CASE("issue 16.5: a rule runs its printed expression, so absent() sees the matchers sorted") {
    tsdb::Storage storage;
    // As written the regex comes first and job="api" survives (promql_expr_test gives {job="api"});
    // printed, `job="api"` sorts first and the regex then drops it, as 2.42's rule manager does.
    auto rule = make_recording_rule("absent:api", R"(absent(up{job=~"a.*", job="api"}))");
    const auto out = rule->eval(at_min(1), Duration(), storage, {});
    REQUIRE(out);
    REQUIRE(out->size() == 1);
    CHECK((*out)[0].metric == tsdb::Labels{{"__name__", "absent:api"}});
}

TEST_CASE("issue 16.1: a rule with @ reads at the pinned time at every evaluation") {
    tsdb::Storage storage;
    for (int m = 0; m <= 10; ++m) storage.append(series("replicas", {}), at_min(m), m < 4 ? 3 : 5);
    auto rule = make_recording_rule("replicas:at_2m", "replicas @ 120 offset 1m");
    for (int m : {2, 6, 10}) {
        const auto out = rule->eval(at_min(m), Duration(), storage, {});
        REQUIRE(out);
        REQUIRE(out->size() == 1);
        CHECK((*out)[0].v == 3);  // the value at 60s
        CHECK((*out)[0].t == at_min(m));
    }
}
