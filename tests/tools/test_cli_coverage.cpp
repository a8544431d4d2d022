#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/tools/cli_process.hpp"

using cli_test::read_file;
using cli_test::run_twin;
using cli_test::ScratchDir;

namespace {

const std::string kReferencePack = "models/rules/caracal-alerts.yaml";

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

// The reference pack with caracal_audit_dlq_size (read by CaracalAuditDLQNonEmpty and
// CaracalAuditDLQGrowth) renamed to a metric the twin does not export.
std::string renamed_pack(const ScratchDir& dir) {
    std::string text = read_file(std::string(SOURCE_DIR) + "/" + kReferencePack);
    const std::string from = "caracal_audit_dlq_size", to = "caracal_audit_dlq_entries";
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    const auto path = dir.path() / "renamed.yaml";
    std::ofstream(path) << text;
    return path.string();
}

}  // namespace

TEST_CASE("issue 14.4: coverage exits 0 on the reference pack (the chart's 19 rules): every selector matches a simulated series") {
    const auto r = run_twin("coverage --rules " + kReferencePack);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(has(r.out, "Coverage of " + kReferencePack + " against the series of a 1h10m no-fault run"));
    CHECK(has(r.out, "✓ CaracalReadinessFlapping\n"));
    CHECK(has(r.out, "19 of 19 rule(s) covered: PASS"));
}

TEST_CASE("issue 14.4: coverage of a pack with one metric renamed exits 1 naming the rule and the selector") {
    ScratchDir dir;
    const auto r = run_twin("coverage --rules " + renamed_pack(dir));
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(has(r.out, "✗ CaracalAuditDLQNonEmpty: no simulated series for caracal_audit_dlq_entries\n"));
    CHECK(has(r.out, "✗ CaracalAuditDLQGrowth: no simulated series for caracal_audit_dlq_entries\n"));
    CHECK(has(r.out, "17 of 19 rule(s) covered: FAIL"));
}

TEST_CASE("issue 14.4: check --strict with a pack whose alert reads an unsimulated metric exits 1 and says not simulated") {
    ScratchDir dir;
    const std::string pack = renamed_pack(dir);
    const std::string scenario = " scenarios/audit-backpressure-datastore.yaml";
    const auto strict = run_twin("check --strict --rules " + pack + scenario);
    INFO(strict.out << strict.err);
    CHECK(strict.exit_code == 1);
    CHECK(has(strict.out, "CaracalAuditDLQNonEmpty: not simulated — cannot be predicted: caracal_audit_dlq_entries\n"));
    CHECK(strict.out.find("not simulated") < strict.out.find("Detection times from injection"));
    CHECK(has(strict.out, "2 alert(s) not simulated: FAIL"));
    // Reported in place of "never fired" wherever the drill expects it.
    CHECK_FALSE(std::regex_search(strict.out, std::regex("CaracalAuditDLQ\\w+: never fired")));
}

TEST_CASE("issue 14.4: coverage --json gives the pack, the baseline and each rule's selectors with covered flags") {
    ScratchDir dir;
    const auto r = run_twin("coverage --json --rules " + renamed_pack(dir));
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("baseline_seconds") == 4200);
    CHECK(j.at("complete") == false);
    CHECK(j.at("series").get<int>() > 0);
    REQUIRE(j.at("rules").size() == 19);
    for (const auto& rule : j.at("rules")) {
        CHECK(rule.at("kind") == "alert");
        CHECK(rule.at("group").is_string());
        CHECK(rule.at("line").get<int>() > 0);
        CHECK_FALSE(rule.at("selectors").empty());
    }
    const auto dlq = std::find_if(j.at("rules").begin(), j.at("rules").end(),
                                  [](const auto& rule) { return rule.at("name") == "CaracalAuditDLQNonEmpty"; });
    REQUIRE(dlq != j.at("rules").end());
    CHECK(dlq->at("covered") == false);
    CHECK(dlq->at("selectors") == nlohmann::json::parse(R"([{"selector": "caracal_audit_dlq_entries", "covered": false}])"));
    CHECK(run_twin("coverage --json --rules " + kReferencePack).out == run_twin("coverage --json --rules " + kReferencePack).out);
}

TEST_CASE("issue 14.4: coverage with a rules file that does not load exits 2 with one error line") {
    const auto r = run_twin("coverage --rules tests/fixtures/bad_input/bad_promql.rules.yml");
    CHECK(r.exit_code == 2);
    CHECK(r.err_lines().size() == 1);
    CHECK(r.out.empty());
}

TEST_CASE("issue 14.6: the 6b5b47f21 pack is covered under its release's profile (21 of 21) and not under 46a980b6c's, "
          "whose Gateway exports no caracal_gateway_audit_dropped_total (STS's counter exists in both)") {
    const std::string pack = "models/rules/caracal-alerts-6b5b47f21.yaml";
    const auto later = run_twin("coverage --rules " + pack + " --profile models/profiles/caracal-6b5b47f21.yaml");
    INFO(later.out << later.err);
    CHECK(later.exit_code == 0);
    CHECK(has(later.out, "21 of 21 rule(s) covered: PASS"));
    const auto earlier = run_twin("coverage --rules " + pack);
    INFO(earlier.out << earlier.err);
    CHECK(earlier.exit_code == 1);
    CHECK(has(earlier.out, "✗ CaracalGatewayAuditEvidenceLost: no simulated series for caracal_gateway_audit_dropped_total"));
    CHECK(has(earlier.out, "✓ CaracalSTSAuditEvidenceLost\n"));
    CHECK(has(earlier.out, "20 of 21 rule(s) covered: FAIL"));
}
