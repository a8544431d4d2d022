#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "sim/alerting/yaml_merge_keys.hpp"

using sim::alerting::MergeDialect;
using sim::alerting::MergeRules;
using sim::alerting::resolve_merge_keys;

namespace {

YAML::Node resolved(const std::string& text, const MergeRules& rules = {}) {
    YAML::Node root = YAML::Load(text);
    resolve_merge_keys(root, rules);
    return root;
}

const MergeRules kV2{MergeDialect::yaml_v2_strict, {"exp_labels"}};

// The keys of a mapping in order, with their scalar values: `a=1 b=2`.
std::string entries(const YAML::Node& map) {
    std::ostringstream out;
    for (const auto& kv : map) out << (out.tellp() > 0 ? " " : "") << kv.first.Scalar() << "=" << kv.second.Scalar();
    return out.str();
}

}  // namespace

TEST_CASE("issue 16.2: yaml.v3 merges: written keys win wherever they stand, the earlier merged map wins") {
    const auto root = resolved(R"(
a: &common {team: infra, severity: page}
after: {<<: *common, severity: warning}
before: {severity: ticket, <<: *common}
list: {<<: [{team: one, x: "1"}, {team: two, y: "2"}]}
)");
    CHECK(root["after"]["severity"].Scalar() == "warning");
    CHECK(root["after"]["team"].Scalar() == "infra");
    CHECK(root["before"]["severity"].Scalar() == "ticket");
    CHECK(root["list"]["team"].Scalar() == "one");
    CHECK(root["list"]["x"].Scalar() == "1");
    CHECK(root["list"]["y"].Scalar() == "2");
    CHECK_FALSE(root["after"]["<<"]);
    // The anchored mapping itself is untouched by what merged it.
    CHECK(entries(root["a"]) == "team=infra severity=page");
}

TEST_CASE("issue 16.2: yaml.v2 struct merges apply in order: a merge after a written field overwrites it") {
    const auto root = resolved(R"(
base: &s {series: x, values: 0 0}
later: {<<: *s, series: 'x{a="b"}'}
earlier: {series: 'x{a="c"}', <<: *s}
list: {<<: [{series: first}, {series: second, values: "1"}]}
)",
                               kV2);
    CHECK(root["later"]["series"].Scalar() == "x{a=\"b\"}");
    CHECK(root["earlier"]["series"].Scalar() == "x");
    CHECK(root["list"]["series"].Scalar() == "first");
    CHECK(root["list"]["values"].Scalar() == "1");
    CHECK(root["base"]["series"].Scalar() == "x");  // never written through the alias
}

TEST_CASE("issue 16.2: a Go map key set twice through a merge stays twice, for the reader to refuse") {
    const auto root = resolved("exp_labels: {<<: {team: a, severity: page}, severity: warning}\nother: {<<: {k: a}, k: b}",
                               kV2);
    CHECK(entries(root["exp_labels"]) == "team=a severity=page severity=warning");
    CHECK(entries(root["other"]) == "k=b");  // a struct field: overwritten, not repeated
}

TEST_CASE("issue 16.2: merging anything but maps is an error at the merge key, in yaml's words") {
    for (const std::string text : {"a:\n  <<: scalar", "a:\n  <<: [{k: v}, 3]", "l: &l [1, 2]\na:\n  <<: *l", "a:\n  <<:"}) {
        try {
            resolved(text);
            FAIL("accepted: " << text);
        } catch (const YAML::Exception& e) {
            CHECK(e.msg == "map merge requires map or sequence of maps as the value");
            CHECK(e.mark.column == 2);
        }
    }
}

TEST_CASE("issue 16.2: nested merges resolve through their anchors, and a quoted \"<<\" is an ordinary key") {
    const auto root = resolved(R"(
inner: &inner {a: "1", b: "1"}
middle: &middle {<<: *inner, b: "2", c: "2"}
outer: {<<: *middle, c: "3"}
quoted: {"<<": {a: b}}
)");
    CHECK(entries(root["outer"]) == "c=3 b=2 a=1");  // middle resolved first: b, c written, then a merged
    CHECK(root["quoted"]["<<"].IsMap());
}

TEST_CASE("issue 16.2: merged values keep the line and column where they were written") {
    const auto root = resolved("base: &b\n  severity: page\nrule:\n  <<: *b\n");
    const YAML::Mark m = root["rule"]["severity"].Mark();
    CHECK(m.line == 1);
    CHECK(m.column == 12);
}

TEST_CASE("issue 16.2: a self-referencing anchor does not loop") {
    const auto root = resolved("a: &a {x: 1, self: *a}\nb: {<<: *a}");
    CHECK(root["b"]["x"].Scalar() == "1");
}
