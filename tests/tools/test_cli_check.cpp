#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/tools/cli_process.hpp"

using cli_test::run_twin;
using cli_test::ScratchDir;

namespace {

const std::string kFixtures = "tests/fixtures/check/";
const std::string kShort = kFixtures + "provider-short.yaml";

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

// The terminal report of a check that must find a failed expectation (exit 1).
std::string failing_check(const std::string& args) {
    const auto r = run_twin("check " + args);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    return r.out;
}

}  // namespace

TEST_CASE("check passes a drill whose expectations hold, with TTD decomposition and TTRs") {
    const auto r = run_twin("check " + cli_test::kInventedRules + " " + kShort);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(has(r.out, "Provider credential refresh failure [short] — " + kShort));
    CHECK(std::regex_search(r.out, std::regex(R"(✓ CaracalSTSProviderCircuitOpen: CaracalSTSProviderCircuitOpen fired \+\d\d:\d\d = onset \+\d\d:\d\d \+ for 2m \+ phase \S+, during the fault)")));
    CHECK(std::regex_search(r.out, std::regex(R"(✓ order CaracalSTSProviderRefreshErrors then CaracalSTSProviderCircuitOpen: )")));
    CHECK(std::regex_search(r.out, std::regex(R"(✓ recovery alerts_resolved: TTR \+\d\d:\d\d)")));
    CHECK(std::regex_search(r.out, std::regex(R"(· green baseline TTR: \+\d\d:\d\d after the fault)")));
    CHECK(has(r.out, "1 of 1 scenario(s) passed: PASS"));
}

TEST_CASE("check reports an expected alert whose for outlasts the fault as missing and exits 1") {
    const auto out = failing_check("--rules " + kFixtures + "rules-long-for.yaml " + kShort);
    CHECK(has(out, "✗ CaracalSTSProviderCircuitOpen: never fired; CaracalSTSProviderCircuitOpen pending at +"));
    CHECK(has(out, "✓ CaracalSTSProviderRefreshErrors: "));
}

TEST_CASE("check with a fault shortened to 30s reports the long-for alerts absent") {
    const auto out = failing_check(cli_test::kInventedRules + " " + kFixtures + "provider-30s.yaml");
    CHECK(has(out, "✗ CaracalSTSProviderCircuitOpen: never fired"));
    CHECK(has(out, "✗ order CaracalSTSProviderRefreshErrors then CaracalSTSProviderCircuitOpen: CaracalSTSProviderCircuitOpen never fired"));
}

TEST_CASE("check --docs reports a documented alert that cannot fire and a drill without a scenario") {
    const auto out = failing_check(cli_test::kInventedRules + " --docs " + kFixtures + "docs-unfireable.md " + kShort);
    CHECK(has(out, "✗ CaracalAuditTamperDetected (docs): never fired"));
    CHECK(has(out, "✗ docs drift: documented alert CaracalAuditTamperDetected is not expected by the scenario"));
    CHECK(std::regex_search(out, std::regex(R"(✗ tests/fixtures/check/docs-unfireable\.md:\d+:1: documented drill "Audit tamper detection" has no scenario)")));
}

TEST_CASE("check --docs with the documented order reversed reports an order failure") {
    const auto out = failing_check(cli_test::kInventedRules + " --docs " + kFixtures + "docs-reversed.md " + kShort);
    CHECK(std::regex_search(out, std::regex(R"(✗ order CaracalSTSProviderCircuitOpen then CaracalSTSProviderRefreshErrors \(docs\): CaracalSTSProviderCircuitOpen \+\d\d:\d\d, CaracalSTSProviderRefreshErrors \+\d\d:\d\d)")));
    CHECK(has(out, "✗ docs drift: documented order CaracalSTSProviderCircuitOpen then CaracalSTSProviderRefreshErrors is not asserted"));
    CHECK(run_twin("check " + cli_test::kInventedRules + " --docs " + kFixtures + "docs-matching.md " + kShort).exit_code == 0);
}

TEST_CASE("check --json is byte-identical for the same inputs and seed and carries the verdicts") {
    const auto a = run_twin("check " + cli_test::kInventedRules + " --json " + kShort + " " + kFixtures + "provider-30s.yaml");
    const auto b = run_twin("check " + cli_test::kInventedRules + " --json " + kShort + " " + kFixtures + "provider-30s.yaml");
    REQUIRE(a.exit_code == 1);
    CHECK(a.out == b.out);
    const auto doc = nlohmann::json::parse(a.out);
    CHECK(doc["passed"] == false);
    REQUIRE(doc["scenarios"].size() == 2);
    const auto& first = doc["scenarios"][0];
    CHECK(first["passed"] == true);
    const auto& circuit = first["alerts"][1];
    CHECK(circuit["expected"] == "CaracalSTSProviderCircuitOpen");
    const auto& d = circuit["detection"];
    CHECK(d["for_seconds"] == 120.0);
    CHECK(d["ttd_seconds"].get<double>() ==
          Approx(d["onset_seconds"].get<double>() + d["for_seconds"].get<double>() + d["phase_seconds"].get<double>()));
    CHECK(doc["scenarios"][1]["alerts"][1]["detection"].is_null());
    CHECK(run_twin("check --json --seed 2 " + kShort).out != a.out);
}

TEST_CASE("check --junit writes a testsuite per drill and a testcase per expectation") {
    ScratchDir dir;
    const auto junit = (dir.path() / "check.xml").string();
    const auto r = run_twin("check " + cli_test::kInventedRules + " --junit " + junit + " " + kShort + " " + kFixtures + "provider-30s.yaml");
    CHECK(r.exit_code == 1);
    const std::string xml = cli_test::read_file(junit);
    CHECK(has(xml, "<testsuite name=\"Provider credential refresh failure [short]\""));
    CHECK(has(xml, "<testsuite name=\"Provider credential refresh failure [fault-30s]\""));
    CHECK(std::regex_search(xml, std::regex(R"(<testcase name="CaracalSTSProviderCircuitOpen" classname="provider-30s">\n +<failure message="never fired)")));
    CHECK(has(xml, "<testcase name=\"CaracalSTSProviderCircuitOpen\" classname=\"provider-short\"/>"));
}

TEST_CASE("check exits 2 with one file:line:col line on bad input") {
    ScratchDir dir;
    const auto path = dir.path() / "bad.yaml";
    std::ofstream(path) << "name: bad\nfault_duration: 1m\nexpectations:\n  alerts: [A]\n  order: [[A, B]]\n";
    const auto r = run_twin("check " + path.string());
    CHECK(r.exit_code == 2);
    REQUIRE(r.err_lines().size() == 1);
    CHECK(std::regex_match(r.err_lines()[0], std::regex(R"(.*bad\.yaml:5:15: expectations: "B" is ordered but not in "alerts")")));
    CHECK(run_twin("check --docs " + kFixtures + "missing.md " + kShort).exit_code == 2);
}

TEST_CASE("issue 13.4: check reports an alert that cleared in the Postgres block drill as resolved during the fault") {
    // Since issue 14.2 DLQGrowth no longer fires here (a black-holed Postgres holds the Audit
    // consumer, nothing reaches the DLQ); the alerts that fire and clear during the block remain.
    const auto r = run_twin("check " + cli_test::kInventedRules + " scenarios/postgres-outage-block.yaml");
    INFO(r.out << r.err);
    CHECK(std::regex_search(r.out, std::regex(R"(Caracal\w+ -\d\d:\d\d \(resolved during the fault\))")));
    CHECK_FALSE(std::regex_search(r.out, std::regex(R"(alert TTR: .*\+00:00)")));
}

TEST_CASE("issue 13.1: check and check --profile models/profiles/default.yaml give identical verdicts") {
    const std::string scenario = "scenarios/audit-backpressure-datastore.yaml";
    const auto built_in = run_twin("check " + scenario);
    const auto file = run_twin("check --profile models/profiles/default.yaml " + scenario);
    INFO(built_in.out << built_in.err << file.err);
    CHECK(built_in.exit_code == file.exit_code);
    CHECK(built_in.out == file.out);
    CHECK(has(built_in.out, "MAXLEN"));
}

TEST_CASE("issue 13.3: a revocation committed in the last 30 s of the run does not fail revocations_applied") {
    const auto r = run_twin("check --seed 2 scenarios/revocation-propagation-lag.yaml");
    INFO(r.out << r.err);
    CHECK(has(r.out, "still pending"));  // seed 2 commits revocations within the last budget
    CHECK(has(r.out, "✓ revocations_applied: "));
    CHECK_FALSE(has(r.out, "✗ revocations_applied"));
}

TEST_CASE("issue 13.7: check re-runs each drill with redrawn timing and states it, in text and JSON") {
    const auto text = run_twin("check --timing-runs 3 " + kShort);
    INFO(text.out << text.err);
    CHECK(std::regex_search(text.out, std::regex(R"(· timing: (every outcome the same|\d+ outcome\(s\) differ) over 3 redraws of the scrape and evaluation phases and the fault start)")));

    const auto json = run_twin("check --json --timing-runs 3 " + kShort);
    REQUIRE(json.exit_code != 2);
    const auto doc = nlohmann::json::parse(json.out);
    CHECK(doc["scenarios"][0]["timing"]["redraws"] == 3);
    CHECK(doc["scenarios"][0]["timing"]["depends_on_timing"].is_array());

    const auto off = run_twin("check --json --timing-runs 0 " + kShort);
    CHECK_FALSE(nlohmann::json::parse(off.out)["scenarios"][0].contains("timing"));
}

TEST_CASE("issue 13.7: --timing-runs with --replications exits 2 with one line, since replications redraw timing") {
    const auto r = run_twin("check --timing-runs 3 --replications 2 " + kShort);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "--timing-runs: not with --replications (every replication redraws the timing)\n");
}

TEST_CASE("issue 14.5: an alert that never fired says why in one line: a metric the twin does not produce, or the "
          "extreme its signal reached against the threshold") {
    const std::string out = failing_check("--timing-runs 0 --rules " + kFixtures + "rules-mechanisms.yaml " + kShort);
    CHECK(has(out, "✗ CaracalSTSProviderRefreshErrors: not simulated — cannot be predicted: "
                   "caracal_sts_no_such_metric_total\n"));
    CHECK(has(out, "✗ CaracalSTSProviderCircuitOpen: never fired — why: never held: max(up) reached at most 1 during "
                   "the fault, against > 1\n"));
}

TEST_CASE("issue 14.5: an alert that fires with no fault at all is reported before any drill, with its mechanism") {
    const auto r = run_twin("check --timing-runs 0 scenarios/bad-policy-activation.yaml");
    INFO(r.out << r.err);
    const auto block = r.out.find("Alerts that fire with no fault at all (scenarios/examples/baseline.yaml, 6h after its warm-up)");
    REQUIRE(block != std::string::npos);
    CHECK(block < r.out.find("Detection times from injection"));
    // The STS policy age counts from the last compile of a changed bundle, so it passes 300 s in
    // steady state (services/sts/internal/opa.go:355-360@46a980b6c).
    CHECK(std::regex_search(r.out, std::regex(R"(· CaracalSTSPolicyBundleStale fired \+\d\d:\d\d after its warm-up — why: its condition held from [-+]\d\d:\d\d \(caracal_sts_opa_max_policy_age_seconds > 300\); caracal_sts_opa_max_policy_age_seconds: .*opa\.go:242-263,355-360)")));

    const auto json = nlohmann::json::parse(run_twin("check --json --timing-runs 0 scenarios/bad-policy-activation.yaml").out);
    REQUIRE(json["no_fault"]["fired"].size() == 1);
    CHECK(json["no_fault"]["fired"][0]["alert"] == "CaracalSTSPolicyBundleStale");

    const auto skipped = run_twin("check --no-fault '' --timing-runs 0 scenarios/bad-policy-activation.yaml");
    CHECK_FALSE(has(skipped.out, "no fault at all"));
    CHECK(run_twin("check --no-fault '' --replications 2 scenarios/bad-policy-activation.yaml").exit_code == 2);
}
