#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <regex>

#include "tests/tools/cli_process.hpp"

using cli_test::read_file;
using cli_test::run_twin;
using cli_test::ScratchDir;

namespace {

const std::string kShort = "tests/fixtures/check/provider-short.yaml";
const std::string kReplicated = "check " + cli_test::kInventedRules + " --replications 4 " + kShort;

}  // namespace

TEST_CASE("a replicated check reports P(fired) and TTD and TTR spreads per alert") {
    const auto r = run_twin(kReplicated + " --threads 2");
    INFO(r.out << r.err);
    CHECK((r.exit_code == 0 || r.exit_code == 1));
    CHECK(r.err.empty());  // no progress bar when stderr is not a terminal
    CHECK(std::regex_search(r.out, std::regex(R"(Monte Carlo: 4 replication\(s\) per drill, master seed 1)")));
    CHECK(std::regex_search(
        r.out, std::regex(R"([✓✗] CaracalSTSProviderCircuitOpen +\d\.\d{3} \(\d/4\) +(\+\d\d:\d\d / ){3}\+\d\d:\d\d)")));

    const auto j = run_twin(kReplicated + " --json");
    INFO(j.out << j.err);
    const auto doc = nlohmann::json::parse(j.out);
    CHECK(doc.at("replications") == 4);
    const auto& alerts = doc.at("drills").at(0).at("alerts");
    REQUIRE_FALSE(alerts.empty());
    CHECK(alerts.at(0).at("replications") == 4);
    const bool always = doc.at("drills").at(0).at("detected_always");
    CHECK(j.exit_code == (always ? 0 : 1));
}

TEST_CASE("a replicated check prints the same bytes on one thread and on two") {
    for (const std::string format : {"", " --json"}) {
        const auto one = run_twin(kReplicated + format + " --threads 1");
        const auto two = run_twin(kReplicated + format + " --threads 2");
        INFO(one.err << two.err);
        CHECK(one.exit_code == two.exit_code);
        CHECK(one.out == two.out);
        CHECK_FALSE(one.out.empty());
    }
}

TEST_CASE("two shards merged print byte for byte what the unsharded run prints, with its exit status") {
    ScratchDir dir;
    for (const std::string format : {"", " --json"}) {
        const auto whole = run_twin(kReplicated + format);
        const auto s1 = dir.path() / "s1.json";
        const auto s2 = dir.path() / "s2.json";
        const auto first = run_twin(kReplicated + format + " --shard 1/2 -o " + s1.string());
        const auto second = run_twin(kReplicated + format + " --shard 2/2 -o " + s2.string());
        INFO(first.err << second.err);
        REQUIRE(first.exit_code == 0);
        REQUIRE(second.exit_code == 0);
        CHECK(read_file(s1) != read_file(s2));
        const auto merged = run_twin("merge " + s2.string() + " " + s1.string());
        INFO(merged.err);
        CHECK(merged.exit_code == whole.exit_code);
        CHECK(merged.out == whole.out);
    }
}

TEST_CASE("merge refuses shards of different runs and an incomplete set with one line and exit 2") {
    ScratchDir dir;
    const auto a = (dir.path() / "a.json").string();
    const auto b = (dir.path() / "b.json").string();
    REQUIRE(run_twin(kReplicated + " --shard 1/2 -o " + a).exit_code == 0);
    REQUIRE(run_twin("check --replications 3 " + kShort + " --shard 2/2 -o " + b).exit_code == 0);
    const auto mismatched = run_twin("merge " + a + " " + b);
    CHECK(mismatched.exit_code == 2);
    REQUIRE(mismatched.err_lines().size() == 1);
    CHECK(mismatched.err_lines()[0] == b + ": not a shard of the same run as " + a +
                                           " (another command, input, plan or shard count)");
    const auto incomplete = run_twin("merge " + a);
    CHECK(incomplete.exit_code == 2);
    CHECK(incomplete.err == "merge: shard 2/2 is missing\n");
}

TEST_CASE("a malformed shard, or a shard without replications, is bad input with one line and exit 2") {
    for (const std::string& args : {kReplicated + " --shard 3/2", kReplicated + " --shard x", "check " + kShort + " --shard 1/2"}) {
        const auto r = run_twin(args);
        INFO(args << "\n" << r.err);
        CHECK(r.exit_code == 2);
        REQUIRE(r.err_lines().size() == 1);
        CHECK(r.err_lines()[0].rfind("--shard: ", 0) == 0);
        CHECK(r.out.empty());
    }
}

TEST_CASE("issue 13.6: the replicated check names the checks that failed and in how many replications") {
    const auto r = run_twin("check --replications 4 scenarios/postgres-outage-block.yaml");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    // "drill check passed in 0/4 (alert CaracalReadinessFlapping failed in 4/4, ...)"
    CHECK(std::regex_search(r.out, std::regex(R"(drill check passed in 0/4 \(.*alert CaracalReadinessFlapping failed in 4/4)")));
}
