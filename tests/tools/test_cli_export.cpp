#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include <yaml-cpp/yaml.h>

#include "tests/tools/cli_process.hpp"

using cli_test::read_file;
using cli_test::run_twin;
using cli_test::ScratchDir;

namespace {

// A short provider credential expiry (its two alerts fire within the fault), written into `dir`.
std::string short_scenario(const ScratchDir& dir) {
    const auto path = dir.path() / "scenario.yaml";
    std::ofstream(path) << "name: short-credential\nwarmup: 2m\nfault_duration: 6m\nrecovery: 8m\n"
                           "faults:\n  - {primitive: expire_credential}\n";
    return path.string();
}

}  // namespace

TEST_CASE("export-promtool writes the test file and the plain rule groups it references by relative name") {
    ScratchDir dir;
    const auto out = dir.path() / "export";
    const auto r = run_twin("export-promtool " + cli_test::kInventedRules + " " + short_scenario(dir) + " -o " + out.string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string rules = read_file(out / "short-credential.rules.yml");
    const std::string test = read_file(out / "short-credential.test.yml");
    CHECK(rules.rfind("groups:", 0) == 0);
    CHECK(rules.find("kind: PrometheusRule") == std::string::npos);
    CHECK(rules.find("alert: CaracalSTSProviderCircuitOpen") != std::string::npos);
    CHECK(std::regex_search(test, std::regex(R"(rule_files:\n  - short-credential\.rules\.yml\n)")));
    CHECK(test.find("evaluation_interval: 30s") != std::string::npos);
    CHECK(test.find("interval: 30s") != std::string::npos);
    CHECK(std::regex_search(test, std::regex(R"(series: 'caracal_sts_provider_circuit_open_total\{.*pod="caracal-sts-0")")));
    CHECK(std::regex_search(test, std::regex(R"(alertname: CaracalSTSProviderCircuitOpen\n\s+exp_alerts:)")));
    // stdout: the test file, then each firing instance with its twin and grid firing offsets.
    CHECK(std::regex_search(r.out, std::regex(R"(CaracalSTSProviderCircuitOpen\{.*\}  \+\S+ / \+\S+\n)")));
}

TEST_CASE("an exported test passes caracal-twin test-rules and asserts both firing and resolved alerts") {
    ScratchDir dir;
    const auto out = dir.path() / "export";
    REQUIRE(run_twin("export-promtool " + cli_test::kInventedRules + " " + short_scenario(dir) + " -o " + out.string()).exit_code == 0);
    const auto test_file = (out / "short-credential.test.yml").string();
    const auto r = run_twin("test-rules " + test_file);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("SUCCESS") != std::string::npos);
    // The alert resolves once the circuit-open count leaves increase[5m]: a test expecting it is followed by one expecting none.
    const YAML::Node tests = YAML::LoadFile(test_file)["tests"][0]["alert_rule_test"];
    bool fired = false, resolved = false;
    for (const auto& t : tests) {
        if (t["alertname"].as<std::string>() != "CaracalSTSProviderCircuitOpen") continue;
        if (t["exp_alerts"]) fired = true;
        else if (fired) resolved = true;
    }
    CHECK(fired);
    CHECK(resolved);
}

TEST_CASE("export-promtool exits 2 with the file named when the scenario or rules cannot be read") {
    ScratchDir dir;
    const auto missing = run_twin("export-promtool " + (dir.path() / "none.yaml").string() + " -o " +
                                  (dir.path() / "out").string());
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("none.yaml") != std::string::npos);
    const auto bad_rules = run_twin("export-promtool " + short_scenario(dir) + " --rules " +
                                    (dir.path() / "no-rules.yaml").string() + " -o " + (dir.path() / "out").string());
    CHECK(bad_rules.exit_code == 2);
    CHECK(bad_rules.err.find("no-rules.yaml") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "out" / "short-credential.test.yml"));
}
