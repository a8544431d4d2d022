// Hostile input at the command line, where a user meets it: every case exits 2 with one line on
// stderr that names the input and what is wrong — never a signal, a hang or a silent answer.
#include <catch2/catch.hpp>

#include <fstream>

#include "tests/tools/cli_process.hpp"

using cli_test::run_twin;
using cli_test::ScratchDir;

namespace {

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

// A rule file with one alert whose summary annotation is `summary`, and a test file for it.
void alert_with_summary(const ScratchDir& dir, const std::string& summary, const std::string& expected_summary) {
    write(dir.path() / "r.yml", "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: m > 0\n"
                                "    annotations:\n      summary: '" + summary + "'\n");
    write(dir.path() / "t.yml", "rule_files: [r.yml]\nevaluation_interval: 1m\ntests:\n- interval: 1m\n"
                                "  input_series:\n  - series: 'm{job=\"api\"}'\n    values: '1x5'\n"
                                "  alert_rule_test:\n  - eval_time: 2m\n    alertname: A\n    exp_alerts:\n"
                                "    - exp_labels: {job: api}\n      exp_annotations: {summary: '" +
                                    expected_summary + "'}\n");
}

// Exit 2 and exactly one stderr line that contains `text`.
void refused(const cli_test::CliResult& r, const std::string& text) {
    INFO(r.err);
    CHECK(r.exit_code == 2);
    const auto lines = r.err_lines();
    REQUIRE(lines.size() == 1);
    CHECK_THAT(lines[0], Catch::Contains(text));
}

}  // namespace

TEST_CASE("an annotation that declares a variable and then reads dot renders the alert's labels") {
    ScratchDir dir;
    alert_with_summary(dir, "{{ $x := 1 }}{{ $y := 2 }}{{ $z := 3 }}{{ .Labels.job }}/{{ $x }}", "api/1");
    const auto r = run_twin("test-rules " + (dir.path() / "t.yml").string());
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("SUCCESS"));
}

TEST_CASE("templates nested thousands deep are refused at their position, not a stack overflow") {
    ScratchDir dir;
    std::string ifs;
    for (int i = 0; i < 3000; ++i) ifs += "{{if 1}}";
    for (int i = 0; i < 3000; ++i) ifs += "{{end}}";
    alert_with_summary(dir, ifs, "");
    refused(run_twin("test-rules " + (dir.path() / "t.yml").string()), "r.yml:7:");
    alert_with_summary(dir, "{{ " + std::string(5000, '(') + "1" + std::string(5000, ')') + " }}", "");
    refused(run_twin("test-rules " + (dir.path() / "t.yml").string()), "nested too deeply");
}

TEST_CASE("a directory where a file is expected is refused, not read as an empty input") {
    ScratchDir dir;
    const std::string d = dir.path().string();
    refused(run_twin("test-rules " + d), d + ": is a directory, not a file");
    write(dir.path() / "t.yml", "rule_files: [.]\ntests: [{interval: 1m, input_series: []}]\n");
    refused(run_twin("test-rules " + (dir.path() / "t.yml").string()), "is a directory, not a file");
    refused(run_twin("run --rules " + d + " scenarios/examples/redis-outage.yaml"), d + ": is a directory");
    refused(run_twin("check --rules " + d + " scenarios/redis-outage-unavailable.yaml"), d + ": is a directory");
    refused(run_twin("export-promtool --rules " + d + " scenarios/redis-outage-unavailable.yaml -o " + d),
            d + ": is a directory");
    refused(run_twin("run --profile " + d + " scenarios/examples/redis-outage.yaml"), d + ": is a directory");
    refused(run_twin("run " + d), d + ": is a directory");
    refused(run_twin("check --docs " + d + " scenarios/redis-outage-unavailable.yaml"), d + ": is a directory");
    refused(run_twin("merge " + d), d + ": is a directory");
}

TEST_CASE("numeric flags out of range are refused instead of wrapping around") {
    refused(run_twin("run --seed -1 scenarios/examples/redis-outage.yaml"), "--seed");
    refused(run_twin("check --replications -1 scenarios/redis-outage-unavailable.yaml"), "--replications");
    refused(run_twin("check --replications 100001 scenarios/redis-outage-unavailable.yaml"), "--replications");
}

TEST_CASE("a stray comma at a YAML document's top level is an error at its position, not a hang") {
    ScratchDir dir;
    for (const std::string text : {",", ",,", "\"x\" ,", "[a] ,", "# c\n,", "---\n,"}) {
        INFO(text);
        write(dir.path() / "r.yml", text);
        refused(run_twin("run --rules " + (dir.path() / "r.yml").string() + " scenarios/examples/redis-outage.yaml"),
                "invalid YAML: unexpected ',' outside a flow collection");
    }
}
