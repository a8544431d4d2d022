#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/tools/cli_process.hpp"

using cli_test::run_twin;
using cli_test::ScratchDir;

namespace {

// A short provider credential expiry, written into `dir`.
std::string short_scenario(const ScratchDir& dir, const std::string& extra = "") {
    const auto path = dir.path() / "scenario.yaml";
    std::ofstream(path) << "name: short-credential\ndrill: Provider credential refresh failure\nwarmup: 2m\n"
                           "fault_duration: 6m\nrecovery: 8m\nfaults:\n  - {primitive: expire_credential}\n"
                        << extra;
    return path.string();
}

}  // namespace

TEST_CASE("run prints the alert timeline relative to injection, readiness changes and invariants") {
    ScratchDir dir;
    const auto r = run_twin("run " + cli_test::kInventedRules + " " + short_scenario(dir));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Scenario: short-credential (drill: Provider credential refresh failure)") != std::string::npos);
    CHECK(std::regex_search(r.out, std::regex(R"(CaracalSTSProviderCircuitOpen +warning +\{.*pod="caracal-sts-0".*\} +\+\d\d:\d\d +\+\d\d:\d\d +\+\d\d:\d\d)")));
    CHECK(r.out.find("Readiness changes\n") != std::string::npos);
    CHECK(std::regex_search(r.out, std::regex(R"(\n  no_dispatch_without_exchange: held \()")));
    CHECK(r.out.find("fault expire_credential(provider) at +00:00, removed +06:00") != std::string::npos);
}

TEST_CASE("run --json is byte-identical for the same inputs and carries the documented keys") {
    ScratchDir dir;
    const auto scenario = short_scenario(dir);
    const auto a = run_twin("run " + cli_test::kInventedRules + " --json " + scenario);
    const auto b = run_twin("run " + cli_test::kInventedRules + " --json " + scenario);
    REQUIRE(a.exit_code == 0);
    CHECK(a.out == b.out);
    const auto doc = nlohmann::json::parse(a.out);
    CHECK(doc["scenario"] == "short-credential");
    CHECK(doc["faults"][0]["removed_at"] == 360.0);
    bool circuit_open = false;
    for (const auto& alert : doc["alerts"])
        if (alert["alertname"] == "CaracalSTSProviderCircuitOpen") {
            circuit_open = true;
            CHECK(alert["episodes"][0]["firing_at"].get<double>() > 0);
        }
    CHECK(circuit_open);
    CHECK(doc["invariants"].size() == 5);
}

TEST_CASE("run --seed changes the seed reported and -o writes the report to a file") {
    ScratchDir dir;
    const auto out = (dir.path() / "report.json").string();
    const auto r = run_twin("run --json --seed 5 -o " + out + " " + short_scenario(dir));
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(nlohmann::json::parse(cli_test::read_file(out))["seed"] == 5);
}

TEST_CASE("run --series dumps the matching series as CSV") {
    ScratchDir dir;
    const auto r = run_twin("run --series 'caracal_sts_provider_circuit_open_total{pod=\"caracal-sts-1\"}' " + short_scenario(dir));
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.rfind("series,t,value\n", 0) == 0);
    CHECK(std::regex_search(r.out, std::regex(R"(\n"caracal_sts_provider_circuit_open_total\{.*pod=""caracal-sts-1"".*\}",\d+(\.\d+)?,[1-9]\d*\n)")));
    CHECK(r.out.find("caracal-sts-0") == std::string::npos);
}

TEST_CASE("run exits 2 with one file:line:col line on bad input") {
    ScratchDir dir;
    const auto bad = run_twin("run " + short_scenario(dir, "  - {primitive: explode}\n"));
    CHECK(bad.exit_code == 2);
    REQUIRE(bad.err_lines().size() == 1);
    CHECK(std::regex_match(bad.err_lines()[0], std::regex(R"(.*scenario\.yaml:8:17: explode: unknown fault primitive .*)")));

    const auto selector = run_twin("run --series 'up{' " + short_scenario(dir));
    CHECK(selector.exit_code == 2);
    REQUIRE(selector.err_lines().size() == 1);
    CHECK(selector.err_lines()[0].rfind("--series:1:", 0) == 0);

    const auto missing = run_twin("run /nonexistent.yaml");
    CHECK(missing.exit_code == 2);
    CHECK(missing.err == "/nonexistent.yaml: cannot read the scenario file\n");
}

TEST_CASE("graph prints the dependency graph as Graphviz DOT") {
    const auto r = run_twin("graph");
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.rfind("digraph \"caracal\" {\n", 0) == 0);
    CHECK(r.out.find("\"gateway\" -> \"sts\"") != std::string::npos);
    CHECK(r.out.find("\"redis\" [shape=cylinder];") != std::string::npos);
}
