// Label sets share one representation between copies: a change must never leak into another copy,
// and what is derived from a set (its hash, the set without its name) must follow its contents.
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "sim/tsdb/labels.hpp"

using sim::tsdb::Label;
using sim::tsdb::Labels;

TEST_CASE("changing a copy of a label set leaves the original as it was") {
    const Labels original{{"__name__", "up"}, {"job", "api"}};
    Labels copy = original;
    REQUIRE(copy == original);
    copy.set("job", "sts");
    copy.set("pod", "sts-0");
    CHECK(original.get("job") == "api");
    CHECK_FALSE(original.has("pod"));
    CHECK(copy.get("job") == "sts");
    CHECK(copy != original);
    CHECK(copy.hash() != original.hash());
}

TEST_CASE("the hash of a label set depends only on its contents") {
    Labels built_up;
    built_up.set("pod", "a-0");
    built_up.set("job", "a");
    const Labels listed{{"job", "a"}, {"pod", "a-0"}};
    CHECK(built_up.hash() == listed.hash());
    CHECK(built_up == listed);
    built_up.erase("pod");
    built_up.erase("job");
    CHECK(built_up.empty());
    CHECK(built_up.hash() == Labels().hash());
    CHECK(built_up == Labels());
}

TEST_CASE("subset_hash is the hash of the subset it describes") {
    const Labels l{{"__name__", "x"}, {"job", "a"}, {"pod", "a-1"}, {"zone", "z"}};
    auto keep = [](std::string_view n) { return n == "job" || n == "zone"; };
    const Labels kept = l.subset(keep);
    CHECK(kept == Labels{{"job", "a"}, {"zone", "z"}});
    CHECK(l.subset_hash(keep) == kept.hash());
    CHECK(l.subset([](std::string_view) { return false; }).empty());
    CHECK(l.subset([](std::string_view) { return true; }) == l);
}

TEST_CASE("without_name follows the label set after it changes in place") {
    Labels l{{"__name__", "x"}, {"job", "a"}};
    CHECK(l.without_name() == Labels{{"job", "a"}});
    CHECK(l.without_name() == Labels{{"job", "a"}});  // the kept result
    l.set("job", "b");
    CHECK(l.without_name() == Labels{{"job", "b"}});
    const Labels copy = l;
    l.set("job", "c");
    CHECK(copy.without_name() == Labels{{"job", "b"}});
    CHECK(l.without_name() == Labels{{"job", "c"}});
    CHECK(Labels{{"__name__", "only"}}.without_name().empty());
}

TEST_CASE("a label set shared between threads gives every thread the same set without its name") {
    const Labels shared{{"__name__", "x"}, {"instance", "i:9090"}, {"job", "a"}};
    const Labels expected{{"instance", "i:9090"}, {"job", "a"}};
    std::vector<std::thread> threads;
    std::vector<int> matches(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 1000; ++i) matches[t] += shared.without_name() == expected ? 1 : 0;
        });
    for (auto& th : threads) th.join();
    for (int m : matches) CHECK(m == 1000);
}
