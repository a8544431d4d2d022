#include <catch2/catch.hpp>

#include "eval_fixture.hpp"

using namespace eval_test;

namespace {
Db paths() {
    Db db;
    db.series(R"(g{job="a",path="/x/y"})", {1});
    return db;
}
std::string dst(const Db& db, std::string_view expr) {
    const auto v = db.vec(expr, at(0));
    return v.size() == 1 ? std::string(v[0].metric.get("dst")) : "<" + std::to_string(v.size()) + " elements>";
}
}  // namespace

TEST_CASE("label_replace expands $1 and ${1} and named groups like Go's Regexp.Expand") {
    const Db db = paths();
    CHECK(dst(db, R"x(label_replace(g, "dst", "$1-$2", "path", "/(.*)/(.*)"))x") == "x-y");
    // `$1x` names a group "1x" (empty); `${1}x` is group 1 then "x".
    CHECK(dst(db, R"x(label_replace(g, "dst", "${1}x$1x", "path", "/(.*)/(.*)"))x") == "xx");
    CHECK(dst(db, R"x(label_replace(g, "dst", "$$1 $ ${2", "path", "/(.*)/(.*)"))x") == "$1 $ ${2");
    CHECK(dst(db, R"x(label_replace(g, "dst", "$01 $0", "path", "/(.*)/(.*)"))x") == " /x/y");
    CHECK(dst(db, R"x(label_replace(g, "dst", "$name", "path", "/(?P<name>.*)/.*"))x") == "x");
}

TEST_CASE("label_replace is anchored, leaves non-matching elements alone and can remove a label") {
    const Db db = paths();
    CHECK(dst(db, R"x(label_replace(g, "dst", "z", "path", "x"))x") == "");  // "x" must match all of "/x/y"
    const auto removed = db.vec(R"x(label_replace(g, "job", "", "path", ".*"))x", at(0));
    CHECK_FALSE(removed[0].metric.has("job"));
    CHECK(removed[0].metric.get("__name__") == "g");  // the name is kept
    CHECK(db.vec(R"x(label_replace(g, "__name__", "h", "", ""))x", at(0))[0].metric.get("__name__") == "h");
}

TEST_CASE("label_replace rejects a bad regex or destination name even without input") {
    const Db db = paths();
    CHECK(db.error(R"x(label_replace(nothing, "dst", "x", "path", "("))x", at(0)) ==
          "invalid regular expression in label_replace(): (");
    CHECK(db.error(R"x(label_replace(g, "1dst", "x", "path", ".*"))x", at(0)) ==
          "invalid destination label name in label_replace(): 1dst");
}

TEST_CASE("label_replace that merges series is an error") {
    Db db = paths();
    db.series(R"(g{job="b",path="/x/y"})", {2});
    CHECK(db.error(R"x(label_replace(g, "job", "same", "", ""))x", at(0)) ==
          "vector cannot contain metrics with the same labelset");
}

TEST_CASE("label_join joins source values, missing ones as empty strings") {
    const Db db = paths();
    CHECK(dst(db, R"(label_join(g, "dst", ",", "job", "path", "missing"))") == "a,/x/y,");
    CHECK(db.vec(R"(label_join(g, "job", "", "missing"))", at(0))[0].metric.has("job") == false);
    CHECK(db.error(R"(label_join(g, "dst", "-", "bad-name"))", at(0)) ==
          "invalid source label name in label_join(): bad-name");
}
