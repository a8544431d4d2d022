#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <unistd.h>

#include "sim/alerting/rule_manager.hpp"

using namespace sim;
using namespace sim::alerting;

namespace {

Time at_s(int seconds) { return Time::epoch() + Duration::seconds(seconds); }

tsdb::Labels series(const std::string& name, std::initializer_list<tsdb::Label> labels = {}) {
    tsdb::Labels out(labels);
    out.set(tsdb::kMetricName, name);
    return out;
}

RuleManager manager(const std::string& yaml, RuleManagerOptions options = {}) {
    return RuleManager(load_rule_text(yaml, "rules.yml"), std::move(options));
}

// A rule file in the temp directory, removed at the end of the test; named per test and process,
// as ctest runs test cases in parallel processes.
struct TempRuleFile {
    TempRuleFile(const std::string& test, const std::string& text)
        : path((std::filesystem::temp_directory_path() /
                ("caracal-rule-manager-" + test + "-" + std::to_string(::getpid()) + ".yml"))
                   .string()) {
        std::ofstream(path) << text;
    }
    ~TempRuleFile() { std::remove(path.c_str()); }
    std::string path;
};

constexpr const char* kHigh = R"(groups:
  - name: alerts
    rules:
      - alert: High
        expr: m > 1
        for: 1m
)";

}  // namespace

TEST_CASE("the rule manager loads several rule files in order and applies the overrides") {
    const TempRuleFile first("overrides-first", R"(groups:
  - name: recorded
    rules:
      - record: m:doubled
        expr: m * 2
)");
    const TempRuleFile second("overrides-second", kHigh);
    const RuleManager rules = RuleManager::load({first.path, second.path},
                                                {{"High", "for", "5m"}, {"High", "threshold", "3"}});
    REQUIRE(rules.groups().size() == 2);
    CHECK(rules.groups()[0].name() == "recorded");
    CHECK(rules.groups()[1].file() == second.path);
    REQUIRE(rules.alerting_rules().size() == 1);
    CHECK(rules.alerting_rules()[0]->hold() == Duration::minutes(5));
    CHECK(rules.alerting_rules()[0]->expr_text() == "m > 3");
    CHECK(rules.facts().at("High").watched->threshold == 3);

    CHECK_THROWS_AS(RuleManager::load({second.path}, {{"Nope", "for", "1m"}}), InputError);
}

TEST_CASE("restored alerting rules write ALERTS and log their transitions to the attached log") {
    tsdb::Storage storage;
    storage.append(series("m"), at_s(0), 2);
    const tsdb::Labels pending = series("ALERTS", {{"alertname", "High"}, {"alertstate", "pending"}});

    RuleManager fresh = manager(kHigh);
    REQUIRE(fresh.eval(0, at_s(0), storage));
    CHECK_FALSE(storage.find(pending));  // not restored: no ALERTS yet

    RuleManager restored = manager(kHigh);
    std::vector<AlertTransition> log;
    restored.restore();
    restored.set_transition_log(&log);
    REQUIRE(restored.alerting_rules()[0]->restored());
    REQUIRE(restored.eval(0, at_s(0), storage));
    CHECK(storage.find(pending));
    REQUIRE(log.size() == 1);
    CHECK(log[0].alertname == "High");
    CHECK(log[0].to == AlertState::Pending);
}

TEST_CASE("a group evaluates at its own interval or the global one, with the matching subquery step") {
    const std::string yaml = R"(groups:
  - name: own
    interval: 30s
    rules: []
  - name: global
    rules: []
)";
    RuleManagerOptions options;
    options.evaluation_interval = Duration::seconds(15);
    options.lookback = Duration::minutes(2);
    const RuleManager by_group = manager(yaml, options);
    CHECK(by_group.interval(0) == Duration::seconds(30));
    CHECK(by_group.interval(1) == Duration::seconds(15));
    CHECK(by_group.context(0).engine.default_subquery_step == Duration::seconds(30));
    CHECK(by_group.context(1).engine.default_subquery_step == Duration::seconds(15));
    CHECK(by_group.context(0).engine.lookback == Duration::minutes(2));

    options.subquery_step = SubqueryStep::GlobalInterval;
    const RuleManager global = manager(yaml, options);
    CHECK(global.interval(0) == Duration::seconds(30));
    CHECK(global.context(0).engine.default_subquery_step == Duration::seconds(15));
    CHECK(global.engine().default_subquery_step == Duration::seconds(15));
}

TEST_CASE("a group's first slot is at its hashed phase, or at a given phase modulo its interval") {
    const std::string yaml = R"(groups:
  - name: own
    interval: 30s
    rules: []
)";
    const RuleManager rules = manager(yaml);
    const Group& group = rules.groups()[0];
    const Time from = at_s(100);
    CHECK(rules.first_slot(0, from) == group.next_slot(from, Duration::seconds(30)));
    CHECK(rules.first_slot(0, from, Duration::seconds(70)) == at_s(100));  // 70s % 30s: slots at 10s + k·30s
    CHECK(rules.first_slot(0, from, Duration::seconds(5)) == at_s(125));
}

TEST_CASE("failed rule evaluations are collected with the rule's name, position and instant") {
    RuleManager rules = manager(R"(groups:
  - name: g
    rules:
      - record: dup
        expr: m
        labels:
          i: same
      - record: fine
        expr: count(m)
)");
    tsdb::Storage storage;
    storage.append(series("m", {{"i", "a"}}), at_s(0), 1);
    REQUIRE(rules.eval(0, at_s(0), storage));
    storage.append(series("m", {{"i", "b"}}), at_s(30), 1);
    storage.append(series("m", {{"i", "a"}}), at_s(30), 1);
    CHECK_FALSE(rules.eval(0, at_s(30), storage));
    CHECK_FALSE(rules.eval(0, at_s(60), storage));
    REQUIRE(rules.errors().size() == 2);
    const RuleEvalError& e = rules.errors()[0];
    CHECK(e.rule == "dup");
    CHECK(e.pos.line == 4);
    CHECK(e.at == at_s(30));
    CHECK(e.error == "vector contains metrics with the same labelset after applying rule labels");
    CHECK(rules.errors()[1].at == at_s(60));
}

TEST_CASE("eval_all evaluates the groups in the evaluation order, unlisted groups as if listed first") {
    // `reader` copies what `writer` records: it sees it at the same instant only when `writer` runs first.
    const auto reader_sees_writer = [](const std::optional<std::vector<std::string>>& order) {
        RuleManager rules = manager(R"(groups:
  - name: writer
    rules:
      - record: written
        expr: vector(1)
  - name: reader
    rules:
      - record: seen
        expr: written
)");
        if (order) rules.set_evaluation_order(*order);
        tsdb::Storage storage;
        REQUIRE(rules.eval_all(at_s(0), storage));
        return storage.find(series("seen")).has_value();
    };
    CHECK(reader_sees_writer(std::nullopt));  // file order
    CHECK_FALSE(reader_sees_writer(std::vector<std::string>{"reader", "writer"}));
    CHECK_FALSE(reader_sees_writer(std::vector<std::string>{"other", "writer"}));  // reader unlisted
    CHECK(reader_sees_writer(std::vector<std::string>{"writer", "reader"}));
}
