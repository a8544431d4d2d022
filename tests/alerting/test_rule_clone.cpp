#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "sim/alerting/alerting_rule.hpp"
#include "sim/alerting/rule_file.hpp"
#include "sim/alerting/rule_file_cache.hpp"
#include "sim/base/error.hpp"

using namespace sim;
using namespace sim::alerting;

namespace {

constexpr const char* kRules = R"(groups:
  - name: g
    rules:
      - record: m:doubled
        expr: m * 2
      - alert: High
        expr: m > 1
        for: 1m
        keep_firing_for: 2m
        labels:
          severity: page
        annotations:
          summary: "m is {{ $value }}"
)";

Time at_min(int m) { return Time::epoch() + Duration::minutes(m); }

AlertingRule& alert_of(RuleSet& rules) { return *rules.groups.at(0).rules().at(1)->as_alerting(); }

// Evaluates the only group at `t` with m = 2, so High is pending afterwards.
void eval_with_high_m(RuleSet& rules, Time t) {
    tsdb::Storage storage;
    storage.append(tsdb::Labels{{"__name__", "m"}}, t, 2);
    REQUIRE(rules.groups.at(0).eval(t, storage, {}));
}

// A rule file in the temp directory, removed at the end of the test.
// Named per test and process: ctest runs test cases in parallel processes, which must not write
// each other's file.
struct TempRuleFile {
    explicit TempRuleFile(const std::string& test)
        : path((std::filesystem::temp_directory_path() /
                ("caracal-rule-clone-" + test + "-" + std::to_string(::getpid()) + ".yml"))
                   .string()) {}
    std::string path;
    void write(const std::string& text) const { std::ofstream(path) << text; }
    ~TempRuleFile() { std::remove(path.c_str()); }
};

}  // namespace

TEST_CASE("a cloned rule set has the same rules sharing their expressions, without the original's alerts") {
    RuleSet original = load_rule_text(kRules, "rules.yml");
    eval_with_high_m(original, at_min(0));
    REQUIRE(alert_of(original).active_alerts().size() == 1);

    RuleSet copy = original.clone();
    REQUIRE(copy.groups.size() == 1);
    REQUIRE(copy.groups[0].rules().size() == 2);
    CHECK(copy.groups[0].name() == "g");
    CHECK(copy.groups[0].file() == "rules.yml");
    for (std::size_t i = 0; i < 2; ++i) {
        const Rule& a = *original.groups[0].rules()[i];
        const Rule& b = *copy.groups[0].rules()[i];
        CHECK(b.name() == a.name());
        CHECK(b.expr_text() == a.expr_text());
        CHECK(&b.expr() == &a.expr());
    }
    const AlertingRule& high = alert_of(copy);
    CHECK(high.active_alerts().empty());
    CHECK_FALSE(high.restored());
    CHECK(high.hold() == Duration::minutes(1));
    CHECK(high.keep_firing_for() == Duration::minutes(2));
    REQUIRE(high.annotations().size() == 1);
    CHECK(high.annotations()[0].value.text() == "m is {{ $value }}");
    REQUIRE(high.labels().size() == 1);
    CHECK(high.labels()[0].value == "page");
}

TEST_CASE("evaluating a clone leaves the original's alert state alone") {
    RuleSet original = load_rule_text(kRules, "rules.yml");
    RuleSet copy = original.clone();
    eval_with_high_m(copy, at_min(0));
    eval_with_high_m(copy, at_min(1));
    REQUIRE(alert_of(copy).active_alerts().size() == 1);
    CHECK(alert_of(copy).active_alerts()[0].state == AlertState::Firing);
    CHECK(alert_of(original).active_alerts().empty());
}

TEST_CASE("a cached rule file is parsed once per content and every load gets its own alert state") {
    TempRuleFile file("parsed-once");
    file.write(kRules);
    RuleSet first = load_rule_file_cached(file.path);
    RuleSet second = load_rule_file_cached(file.path);
    CHECK(&first.groups.at(0).rules().at(0)->expr() == &second.groups.at(0).rules().at(0)->expr());
    CHECK(first.groups.at(0).file() == file.path);
    eval_with_high_m(first, at_min(0));
    CHECK(alert_of(first).active_alerts().size() == 1);
    CHECK(alert_of(second).active_alerts().empty());
}

TEST_CASE("a cached rule file that changed on disk is parsed again") {
    TempRuleFile file("changed");
    file.write(kRules);
    CHECK(load_rule_file_cached(file.path).groups.at(0).rules().at(0)->name() == "m:doubled");
    file.write("groups:\n  - name: g\n    rules:\n      - record: m:tripled\n        expr: m * 3\n");
    const RuleSet changed = load_rule_file_cached(file.path);
    REQUIRE(changed.groups.at(0).rules().size() == 1);
    CHECK(changed.groups.at(0).rules().at(0)->name() == "m:tripled");
}

TEST_CASE("loading a missing rule file through the cache fails as an uncached load does") {
    const std::string path = "no/such/rules.yml";
    CHECK_THROWS_WITH(load_rule_file_cached(path), Catch::Contains("cannot open rule file"));
    CHECK_THROWS_AS(load_rule_file_cached(path), InputError);
}
