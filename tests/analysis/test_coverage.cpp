#include <catch2/catch.hpp>

#include "analysis/coverage.hpp"

using namespace caracal::analysis;
using sim::Duration;

namespace {

const std::string kRules = std::string(SOURCE_DIR) + "/tests/fixtures/coverage/selectors.rules.yml";

struct Expected {
    std::string selector;
    bool covered;
};

std::vector<Expected> selectors(const RuleCoverage& r) {
    std::vector<Expected> out;
    for (const auto& s : r.selectors) out.push_back({s.selector, s.covered});
    return out;
}

bool operator==(const Expected& a, const Expected& b) { return a.selector == b.selector && a.covered == b.covered; }

}  // namespace

TEST_CASE("issue 14.4: every vector selector, in ranges, subqueries and recording rules too, is matched by name and labels against the catalogue") {
    sim::tsdb::Storage catalogue;
    const auto t = sim::Time::epoch();
    catalogue.append({{"__name__", "up"}, {"job", "a"}}, t, 1);
    catalogue.append({{"__name__", "m_total"}, {"pod", "p-1"}}, t, 1);
    catalogue.append({{"__name__", "job:up:sum"}, {"job", "a"}}, t, 1);
    const auto rules = sim::alerting::RuleManager::load({kRules}, {});
    const Coverage c = rule_coverage(rules, catalogue, "selectors.rules.yml", Duration::minutes(70));

    REQUIRE(c.rules.size() == 4);
    CHECK(c.series == 3);
    CHECK_FALSE(c.rules[0].alerting);
    CHECK(selectors(c.rules[0]) == std::vector<Expected>{{"up{job=\"a\"}", true}});
    CHECK(selectors(c.rules[1]) == std::vector<Expected>{{"m_total{pod=~\"p-.*\"}", true}});
    CHECK(c.rules[1].covered());
    CHECK(selectors(c.rules[2]) == std::vector<Expected>{{"missing_metric", false}});
    CHECK(selectors(c.rules[3]) == std::vector<Expected>{{"up{job=\"b\"}", false}, {"job:up:sum", true}});
    CHECK(c.rules[3].uncovered() == std::vector<std::string>{"up{job=\"b\"}"});
    CHECK_FALSE(c.complete());
    const auto unpredictable = c.unpredictable_alerts();
    REQUIRE(unpredictable.size() == 2);
    CHECK(unpredictable[0]->name == "WithOffset");
    CHECK(unpredictable[1]->name == "WrongLabel");
}

TEST_CASE("issue 14.4: the twin's baseline catalogue holds scraped, synthetic and recorded series") {
    caracal::RunOptions o;
    o.rules_file = kRules;
    const Coverage c = rule_coverage(o, Duration::minutes(5));
    CHECK(c.baseline == Duration::minutes(5));
    CHECK(c.series > 0);
    // up{job="a"} matches nothing in the twin (its jobs are caracal-*), so the recorded series does
    // not exist either; m_total is not a Caracal metric.
    for (const auto& r : c.rules) CHECK_FALSE(r.covered());
}
