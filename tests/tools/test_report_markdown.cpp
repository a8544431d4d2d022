// `caracal-twin report` (Markdown): GitHub tables with an Observed column next to predicted times,
// the provenance, a finding whose mechanism comes from the run, byte-identical output, bad input.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "tests/tools/cli_process.hpp"

using cli_test::run_twin;

namespace {

const std::string kShortFault = "tests/fixtures/check/provider-30s.yaml";

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

// Cells of a Markdown table row (`\|` is not a separator).
std::size_t cells(const std::string& row) {
    std::size_t n = 0;
    for (std::size_t i = 1; i < row.size(); ++i)
        if (row[i] == '|' && row[i - 1] != '\\') ++n;
    return n;
}

}  // namespace

TEST_CASE("report markdown states its inputs, lists every drill and keeps each table's columns aligned") {
    const auto r = run_twin("report --seed 3 " + kShortFault);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(has(r.out, "# Pre-drill expectation report"));
    CHECK(has(r.out, "| Rule file | `models/rules/caracal-alerts.yaml` |"));
    CHECK(has(r.out, "| Seed | 3 |"));
    CHECK(has(r.out, "| Docs page | `scenarios/failure-drills.md` |"));
    CHECK(std::regex_search(r.out, std::regex(R"(\| Tool \| caracal-twin \d+\.\d+\.\d+ \|)")));
    CHECK(has(r.out, "| [Provider credential refresh failure [fault-30s]](#provider-30s) |"));
    for (const char* heading : {"### 1. Injection", "### 2. Expected alerts", "### 3. Timeline", "### 4. Traffic and invariants",
                                "### 5. Recovery", "### 6. Findings"})
        CHECK(has(r.out, heading));
    CHECK(has(r.out, "```mermaid\ngantt\n"));
    // Every table row has as many cells as its header; every Observed column is blank.
    std::istringstream lines(r.out);
    std::size_t columns = 0, rows = 0;
    std::vector<std::size_t> observed;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("|", 0) != 0) {
            columns = 0;
            continue;
        }
        if (columns == 0) {
            columns = cells(line);
            observed.clear();
            std::size_t col = 0;
            for (std::size_t i = 1; i < line.size(); ++i)
                if (line[i] == '|') ++col;
                else if (line.compare(i, 10, " Observed ") == 0) observed.push_back(col);
            continue;
        }
        INFO(line);
        CHECK(cells(line) == columns);
        ++rows;
        if (line.rfind("| ---", 0) == 0) continue;
        std::vector<std::string> fields;
        std::string field;
        for (std::size_t i = 1; i < line.size(); ++i) {
            if (line[i] == '|' && line[i - 1] != '\\') fields.push_back(field), field.clear();
            else field += line[i];
        }
        for (std::size_t c : observed) CHECK(fields.at(c) == "  ");
    }
    CHECK(rows > 20);
}

TEST_CASE("report markdown explains an alert that cannot fire in a 30s fault by its pending time and signal peak") {
    const auto a = run_twin("report " + cli_test::kInventedRules + " " + kShortFault);
    const auto b = run_twin("report " + cli_test::kInventedRules + " " + kShortFault);
    REQUIRE(a.exit_code == 0);
    CHECK(a.out == b.out);
    CHECK(has(a.out, "**expected alert CaracalSTSProviderCircuitOpen does not fire**"));
    CHECK(std::regex_search(a.out, std::regex(R"(CaracalSTSProviderCircuitOpen \(for 2m\) (went pending at \+\d\d:\d\d but its condition cleared before the `for` elapsed|never went pending); its signal .* peaked at \d+ \([+-]\d\d:\d\d\) against > 0)")));
    CHECK(has(a.out, "**expected order CaracalSTSProviderRefreshErrors then CaracalSTSProviderCircuitOpen does not hold**"));
    CHECK(has(a.out, "⚠ "));
}

TEST_CASE("report with a missing scenario file prints one located error line and exits 2") {
    const auto r = run_twin("report --format html no-such-scenario.yaml");
    CHECK(r.exit_code == 2);
    REQUIRE(r.err_lines().size() == 1);
    CHECK(has(r.err_lines()[0], "no-such-scenario.yaml"));
    CHECK(run_twin("report --format pdf " + kShortFault).exit_code != 0);
}
