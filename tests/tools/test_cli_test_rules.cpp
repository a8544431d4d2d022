#include <catch2/catch.hpp>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <nlohmann/json.hpp>
#include <fstream>
#include <regex>

#include "tests/tools/cli_process.hpp"

using cli_test::run_twin;

namespace {
const std::string kDir = "tests/fixtures/test_rules/";
std::string fixture(const std::string& name) { return kDir + name; }
}  // namespace

TEST_CASE("test-rules exits 0 and prints SUCCESS when every test passes") {
    const auto r = run_twin("test-rules " + fixture("passing.yml"));
    CHECK(r.exit_code == 0);
    CHECK(r.out == "Unit Testing:  " + fixture("passing.yml") + "\n  SUCCESS\n\n");
    CHECK(r.err.empty());
}

TEST_CASE("test-rules exits 1 when an alert, PromQL or evaluation check fails, with details on stderr") {
    for (const auto* name : {"failing_alert.yml", "failing_promql.yml", "eval_error.yml"}) {
        INFO(name);
        const auto r = run_twin("test-rules " + fixture(name));
        CHECK(r.exit_code == 1);
        CHECK(r.err.rfind("  FAILED:\n", 0) == 0);
        CHECK(r.out.find("SUCCESS") == std::string::npos);
    }
}

TEST_CASE("test-rules exits 2 on malformed input with exactly one file:line:col line on stderr") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"bad_unknown_field.yml", "bad_unknown_field.yml:5:5: "},
        {"bad_notation.yml", "bad_notation.yml:7:21: "},
        {"bad_promql.yml", "bad_promql.yml:6:21: "},
        {"bad_rule_file.yml", "broken.rules.yml:5:"},
    };
    for (const auto& [name, location] : cases) {
        INFO(name);
        const auto r = run_twin("test-rules " + fixture(name));
        CHECK(r.exit_code == 2);
        const auto lines = r.err_lines();
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].find(location) != std::string::npos);
        CHECK(std::regex_search(lines[0], std::regex(R"(^\S+:\d+:\d+: \S)")));
    }
}

TEST_CASE("issue 16.7: test-rules --promtool-exit-codes exits 1 on malformed input, as promtool does") {
    for (const auto* name : {"bad_promql.yml", "bad_rule_file.yml"}) {
        INFO(name);
        CHECK(run_twin("test-rules " + fixture(name)).exit_code == 2);
        const auto r = run_twin("test-rules --promtool-exit-codes " + fixture(name));
        CHECK(r.exit_code == 1);
        CHECK(r.err_lines().size() == 1);  // the same one positioned line
    }
    // Passing and failing files keep their codes.
    CHECK(run_twin("test-rules --promtool-exit-codes " + fixture("passing.yml")).exit_code == 0);
    CHECK(run_twin("test-rules --promtool-exit-codes " + fixture("failing_alert.yml")).exit_code == 1);
}

TEST_CASE("test-rules exits 2 for a missing file and for a command line it does not understand") {
    CHECK(run_twin("test-rules " + fixture("no-such-file.yml")).exit_code == 2);
    CHECK(run_twin("test-rules").exit_code == 2);
    CHECK(run_twin("test-rules --no-such-flag " + fixture("passing.yml")).exit_code == 2);
    CHECK(run_twin("no-such-command").exit_code == 2);
    CHECK(run_twin("").exit_code == 2);
}

TEST_CASE("with several files the worst verdict decides the exit code and every file is reported") {
    const auto failed = run_twin("test-rules " + fixture("passing.yml") + " " + fixture("failing_alert.yml"));
    CHECK(failed.exit_code == 1);
    CHECK(failed.out.find("Unit Testing:  " + fixture("failing_alert.yml")) != std::string::npos);
    const auto bad = run_twin("test-rules " + fixture("bad_notation.yml") + " " + fixture("failing_alert.yml"));
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("alertname: InstanceDown") != std::string::npos);
}

TEST_CASE("test-rules --run keeps only test groups whose name matches one of the expressions") {
    const std::string file = fixture("filtered.yml");
    CHECK(run_twin("test-rules " + file).exit_code == 1);
    CHECK(run_twin("test-rules --run alpha " + file).exit_code == 0);
    CHECK(run_twin("test-rules --run alpha --run gamma " + file).exit_code == 0);
    const auto beta = run_twin("test-rules --run 'ta f' " + file);
    CHECK(beta.exit_code == 1);
    CHECK(beta.err.find("name: beta fails") != std::string::npos);
    CHECK(run_twin("test-rules --run 'nothing matches' " + file).exit_code == 0);
}

TEST_CASE("test-rules --run with an invalid regular expression is bad input") {
    const auto r = run_twin("test-rules --run '(' " + fixture("filtered.yml"));
    CHECK(r.exit_code == 2);
    CHECK(r.err_lines().size() == 1);
}

TEST_CASE("test-rules --junit writes well-formed XML with a testsuite per file and a testcase per test group") {
    cli_test::ScratchDir scratch;
    const auto xml = scratch.path() / "report.xml";
    const auto r = run_twin("test-rules --junit '" + xml.string() + "' " + fixture("passing.yml") + " " +
                            fixture("filtered.yml") + " " + fixture("bad_promql.yml"));
    CHECK(r.exit_code == 2);
    boost::property_tree::ptree tree;
    REQUIRE_NOTHROW(boost::property_tree::read_xml(xml.string(), tree));
    const auto& root = tree.get_child("testsuites");
    CHECK(root.get<int>("<xmlattr>.tests") == 6);
    CHECK(root.get<int>("<xmlattr>.failures") == 1);
    CHECK(root.get<int>("<xmlattr>.errors") == 1);
    std::vector<std::string> suites;
    int failures = 0, errors = 0, cases = 0;
    for (const auto& [tag, suite] : root) {
        if (tag != "testsuite") continue;
        suites.push_back(suite.get<std::string>("<xmlattr>.name"));
        for (const auto& [ctag, testcase] : suite) {
            if (ctag != "testcase") continue;
            ++cases;
            failures += static_cast<int>(testcase.count("failure"));
            errors += static_cast<int>(testcase.count("error"));
            if (testcase.count("failure"))
                CHECK(testcase.get<std::string>("<xmlattr>.name") == "beta fails");
        }
    }
    CHECK(suites == std::vector<std::string>{fixture("passing.yml"), fixture("filtered.yml"), fixture("bad_promql.yml")});
    CHECK(cases == 6);
    CHECK(failures == 1);
    CHECK(errors == 1);
}

TEST_CASE("test-rules --timeline prints each alert instance's active, firing and resolved times") {
    const auto r = run_twin("test-rules --timeline " + fixture("passing.yml"));
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Timeline: instance down fires after its for duration\n") != std::string::npos);
    CHECK(std::regex_search(r.out, std::regex(R"(ALERTNAME +LABELS +ACTIVE +FIRING +RESOLVED)")));
    CHECK(std::regex_search(
        r.out, std::regex(R"(InstanceDown +\{instance="a", job="api", severity="page"\} +2m +4m +6m)")));
    CHECK(std::regex_search(r.out, std::regex(R"(HighLatency +\{severity="ticket"\} +1m +1m +-)")));
}

TEST_CASE("test-rules --timeline shows an alert that was pending and went away as never firing") {
    cli_test::ScratchDir scratch;
    const auto file = scratch.path() / "pending_only.yml";
    std::ofstream(file) << "rule_files: ['" << SOURCE_DIR << "/" << kDir << "alerts.rules.yml']\n"
                        << "tests:\n  - name: blip\n    interval: 1m\n"
                        << "    input_series: [{series: 'up{job=\"api\", instance=\"a\"}', values: '1 0 0 1'}]\n"
                        << "    alert_rule_test: [{eval_time: 4m, alertname: InstanceDown}]\n";
    const auto r = run_twin("test-rules --timeline '" + file.string() + "'");
    CHECK(r.exit_code == 0);
    CHECK(std::regex_search(r.out, std::regex(R"(InstanceDown +\{instance="a", job="api", severity="page"\} +1m +- +3m)")));
}

TEST_CASE("test-rules --timeline columns line up") {
    const auto r = run_twin("test-rules --timeline " + fixture("passing.yml"));
    const auto header = r.out.find("  ALERTNAME");
    REQUIRE(header != std::string::npos);
    const auto row = r.out.find("  InstanceDown", header);
    REQUIRE(row != std::string::npos);
    const auto header_line = r.out.substr(header, r.out.find('\n', header) - header);
    const auto row_line = r.out.substr(row, r.out.find('\n', row) - row);
    CHECK(header_line.find("FIRING") == row_line.find("4m"));
}

TEST_CASE("test-rules --json prints verdicts, failures and timelines as one JSON document") {
    const auto r = run_twin("test-rules --json " + fixture("passing.yml") + " " + fixture("failing_promql.yml"));
    CHECK(r.exit_code == 1);
    const auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["passed"] == false);
    REQUIRE(doc["files"].size() == 2);
    const auto& passing = doc["files"][0];
    CHECK(passing["status"] == "passed");
    const auto& episode = passing["tests"][0]["timeline"][0];
    CHECK(episode["alertname"] == "InstanceDown");
    CHECK(episode["labels"]["instance"] == "a");
    CHECK(episode["active_at"] == "2m");
    CHECK(episode["firing_at"] == "4m");
    CHECK(episode["resolved_at"] == "6m");
    CHECK(passing["tests"][1]["timeline"][0]["resolved_at"].is_null());
    const auto& failing = doc["files"][1];
    CHECK(failing["status"] == "failed");
    CHECK(failing["tests"][0]["status"] == "failed");
    CHECK(failing["tests"][0]["failures"][0].get<std::string>().find("3E+00") != std::string::npos);
}

TEST_CASE("test-rules --json reports malformed input as an error entry and still exits 2") {
    const auto r = run_twin("test-rules --json " + fixture("bad_notation.yml"));
    CHECK(r.exit_code == 2);
    const auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["files"][0]["status"] == "error");
    CHECK(doc["files"][0]["error"].get<std::string>().find(fixture("bad_notation.yml") + ":7:21: ") == 0);
}
