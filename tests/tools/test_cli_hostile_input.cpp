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

namespace {

// The example scenario with `from` replaced by `to` (one line of it), written to dir/name.
std::string scenario_with(const ScratchDir& dir, const std::string& from, const std::string& to,
                          const std::string& name = "s.yaml") {
    std::string text = cli_test::read_file(std::string(SOURCE_DIR) + "/scenarios/examples/redis-outage.yaml");
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    write(dir.path() / name, text);
    return (dir.path() / name).string();
}

// A test file whose one alert test is at `eval_time`, evaluated every `interval`.
std::string test_file_at(const ScratchDir& dir, const std::string& eval_time, const std::string& interval) {
    write(dir.path() / "r.yml", "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: m > 0\n");
    write(dir.path() / "t.yml", "rule_files: [r.yml]\nevaluation_interval: " + interval +
                                    "\ntests:\n- interval: 1m\n  input_series: [{series: m, values: '1x5'}]\n"
                                    "  alert_rule_test:\n  - eval_time: " + eval_time + "\n    alertname: A\n");
    return (dir.path() / "t.yml").string();
}

}  // namespace

TEST_CASE("issue 15.1: a scenario duration beyond 64-bit milliseconds is refused at its position") {
    ScratchDir dir;
    refused(run_twin("run " + scenario_with(dir, "fault_duration: 15m", "fault_duration: 99999999999h")),
            "s.yaml:6:17: expected a duration like 30s or 1m30s for \"fault_duration\", got \"99999999999h\"");
}

TEST_CASE("issue 15.1: scenario, warm-up and recovery durations beyond the longest run are refused, not aborted or hung") {
    ScratchDir dir;
    refused(run_twin("run " + scenario_with(dir, "fault_duration: 15m", "fault_duration: 2562047h")),
            "s.yaml:6:17: \"fault_duration\" must be at most 5w, the longest run");
    refused(run_twin("run " + scenario_with(dir, "recovery: 15m", "recovery: 2562047h")),
            "s.yaml:7:11: \"recovery\" must be at most 5w, the longest run");
    refused(run_twin("run " + scenario_with(dir, "recovery: 15m", "recovery: 15m\nwarmup: 36d")),
            "s.yaml:8:9: \"warmup\" must be at most 5w, the longest run");
    refused(run_twin("check " + scenario_with(dir, "fault_duration: 15m", "fault_duration: 20d\nwarmup: 15d")),
            "warmup + fault_duration + recovery is 5w15m; a run spans at most 5w");
    refused(run_twin("run " + scenario_with(dir, "component: redis", "component: redis\n    duration: 2562047h")),
            "\"duration\" must be at most 5w, the longest run");
}

TEST_CASE("issue 16: a duration is refused only beyond what a Go time.Duration holds, as promtool refuses it") {
    ScratchDir dir;
    refused(run_twin("test-rules " + test_file_at(dir, "99999999999h", "1m")), "t.yml:7:16: duration out of range");
    refused(run_twin("test-rules " + test_file_at(dir, "2562048h", "1m")), "t.yml:7:16: duration out of range");
    refused(run_twin("test-rules " + test_file_at(dir, "1x", "1m")), "t.yml:7:16: not a valid duration string");
    // 2562047h fits (2^63-1 ns is 2562047h47m16.854775807s): the file loads and fails its test.
    const auto r = run_twin("test-rules " + test_file_at(dir, "2m", "2562047h"));
    INFO(r.err);
    CHECK(r.exit_code == 1);
}

TEST_CASE("issue 16: --max-evaluations refuses a test group needing more, naming the file, the group and the limit") {
    ScratchDir dir;
    const std::string file = test_file_at(dir, "199m", "1m");  // 200 evaluations: 0m, 1m, ..., 199m
    refused(run_twin("test-rules --max-evaluations 100 " + file),
            "t.yml:4:3: test group 1 needs more than 100 rule evaluations (eval_time 3h19m at evaluation_interval "
            "1m), the limit --max-evaluations sets");
    // Without the option there is no limit, as in promtool; at 200 the group fits it.
    for (const std::string option : {"", "--max-evaluations 200 "}) {
        const auto r = run_twin("test-rules " + option + file);
        INFO(option << r.err);
        CHECK(r.exit_code == 0);
    }
}

TEST_CASE("issue 15.2: a YAML complex key in a profile or scenario is refused at its position, not a crash") {
    ScratchDir dir;
    write(dir.path() / "p.yaml", "gateway:\n  ? [a, b]\n  : 1\n");
    refused(run_twin("run --profile " + (dir.path() / "p.yaml").string() + " scenarios/examples/redis-outage.yaml"),
            "p.yaml:2:5: expected a name as key, found a complex key");
    refused(run_twin("run " + scenario_with(dir, "seed: 1", "? [a, b]\n: 1")), "s.yaml:5:3: expected a name as key");
    refused(run_twin("run " + scenario_with(dir, "seed: 1", "profile:\n  ? {a: 1}\n  : 2")), "s.yaml:6:5: expected a name as key");
}

TEST_CASE("issue 15.2: a sweep step index beyond 64 bits is refused, not an uncaught exception") {
    refused(run_twin("sweep scenarios/examples/redis-outage.yaml --set faults.99999999999999999999999.at=1m"),
            "no fault step 99999999999999999999999");
}

TEST_CASE("issue 15.3: a scenario file beyond 1 MiB or with more than 10000 fault steps is refused") {
    ScratchDir dir;
    std::string steps;
    for (int i = 0; i < 10001; ++i) steps += "  - {primitive: outage, component: redis}\n";
    refused(run_twin("run " + scenario_with(dir, "faults:\n  - primitive: outage\n    component: redis\n", "faults:\n" + steps)),
            "s.yaml:9:3: 10001 fault steps; a scenario may have at most 10000");
    const std::string big = scenario_with(dir, "name: redis-outage", "name: redis-outage\n#" + std::string(1 << 20, 'x'));
    refused(run_twin("run " + big), "is larger than 1048576 bytes, the most this input may have");
    refused(run_twin("run /dev/zero"), "/dev/zero: is larger than 1048576 bytes");
}

TEST_CASE("issue 15.3: a runaway subquery in a promtool test is an evaluation error naming the limit, not a hang") {
    ScratchDir dir;
    write(dir.path() / "r.yml", "groups: []\n");
    write(dir.path() / "t.yml", "rule_files: [r.yml]\ntests:\n- interval: 1m\n  input_series: [{series: m, values: '1x5'}]\n"
                                "  promql_expr_test:\n  - expr: count_over_time(m[1y:1ms])\n    eval_time: 1m\n");
    const auto r = run_twin("test-rules " + (dir.path() / "t.yml").string());
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("err: query processing would load too many samples into memory in query "
                                      "execution (limit 50000000)"));
}
