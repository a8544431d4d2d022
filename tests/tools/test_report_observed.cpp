// `caracal-twin report --observed` (issue 17: "report --observed FILE fills the report's Observed
// cells from the same data"): observed files written by hand from the prediction — one alert as
// predicted, one shifted past the tolerance, one missing — and the cells each alert row gets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "cli_process.hpp"
#include "observed_answers.hpp"

using cli_test::kInjectedAt;
using cli_test::Observed;
using cli_test::run_twin;
using cli_test::ScratchDir;
using nlohmann::json;

namespace {

// A drill in which three alerts fire (the live fixture has two).
const std::string kScenario = "scenarios/provider-credential-failure.yaml";

// The cells of the Expected alerts row of `alert` (trimmed), empty when there is none.
std::vector<std::string> alert_row(const std::string& markdown, const std::string& alert) {
    std::istringstream lines(markdown);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("| `" + alert + "`", 0) != 0) continue;
        std::vector<std::string> cells;
        std::size_t from = 2;
        for (std::size_t bar; (bar = line.find(" |", from)) != std::string::npos; from = bar + 3)
            cells.push_back(line.substr(from, bar - from));
        return cells;
    }
    return {};
}

// Columns of the Expected alerts table.
enum Column { kPending = 3, kPendingObserved, kFiring, kFiringObserved, kResolved, kResolvedObserved };

}  // namespace

TEST_CASE("issue 17: report --observed fills each alert's Observed cells with the observed offsets and the verdict") {
    const auto predicted = run_twin("run " + kScenario + " --json");
    REQUIRE(predicted.exit_code == 0);
    const json run = json::parse(predicted.out);
    std::vector<std::string> names;
    for (const auto& a : run["alerts"])
        if (std::find(names.begin(), names.end(), a["alertname"]) == names.end()) names.push_back(a["alertname"]);
    REQUIRE(names.size() >= 3);
    const std::string& as_predicted = names[0];
    const std::string& shifted = names[1];
    const std::string& missing = names[2];

    ScratchDir scratch;
    Observed observed;
    for (const auto& a : run["alerts"])
        if (a["alertname"] != missing)
            observed.add(a, a["alertname"] == shifted ? 90000 : 0, run["end_seconds"].get<double>());
    observed.write(scratch.path() / "observed");
    const std::string args = "report " + kScenario;
    const auto r = run_twin(args + " --observed '" + (scratch.path() / "observed").string() + "' --injected-at " +
                            std::to_string(kInjectedAt));
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);

    const auto same = alert_row(r.out, as_predicted);
    REQUIRE(same.size() > kResolvedObserved);
    CHECK(same[kPendingObserved] == same[kPending]);
    CHECK(same[kFiringObserved] == same[kFiring] + " — conforms");

    // The default tolerance is one scrape plus one evaluation interval: 1m here.
    const auto late = alert_row(r.out, shifted);
    REQUIRE(late.size() > kResolvedObserved);
    CHECK(late[kFiringObserved].find(" (Δ +01:30) — differs") != std::string::npos);
    CHECK(late[kFiringObserved].rfind(late[kFiring], 0) != 0);

    // The shifted alert's other instance, which no row shows, is listed under the table.
    const auto also = r.out.find("**Also observed, not as predicted:**");
    REQUIRE(also != std::string::npos);
    CHECK(r.out.find("- `" + shifted + "{", also) != std::string::npos);
    CHECK(r.out.find("- `" + as_predicted + "{", also) == std::string::npos);

    const auto absent = alert_row(r.out, missing);
    REQUIRE(absent.size() > kResolvedObserved);
    CHECK(absent[kPendingObserved] == "not observed");
    CHECK(absent[kFiringObserved] == "predicted, not observed");

    // The HTML report fills the same cells.
    const auto html = run_twin(args + " --format html --observed '" + (scratch.path() / "observed").string() +
                               "' --injected-at " + std::to_string(kInjectedAt));
    REQUIRE(html.exit_code == 0);
    CHECK(html.out.find("<td class=\"observed\">" + same[kFiring] + " — conforms</td>") != std::string::npos);
    CHECK(html.out.find("<td class=\"observed\">predicted, not observed</td>") != std::string::npos);
}

TEST_CASE("issue 17: report --observed with malformed JSON gives exit 2 naming the file, line and column") {
    ScratchDir scratch;
    const auto file = scratch.path() / "ALERTS.json";
    std::ofstream(file) << "{\"status\": \"success\",\n  \"data\": {\"resultType\": \"matrix\", \"result\": [}\n}\n";
    const auto r = run_twin("report " + kScenario + " --observed '" + file.string() + "' --injected-at " +
                            std::to_string(kInjectedAt));
    CHECK(r.exit_code == 2);
    REQUIRE(r.err_lines().size() == 1);
    CHECK(r.err_lines()[0].rfind(file.string() + ":2:", 0) == 0);
}

TEST_CASE("issue 17: report --observed wants one drill and exactly one source of the injection instant") {
    ScratchDir scratch;
    const std::string observed = " --observed '" + scratch.path().string() + "'";
    CHECK(run_twin("report " + kScenario + observed).exit_code == 2);
    const auto two = run_twin("report " + kScenario + " tests/fixtures/check/provider-30s.yaml" + observed +
                              " --injected-at 0");
    CHECK(two.exit_code == 2);
    CHECK(two.err.find("exactly one scenario") != std::string::npos);
    CHECK(run_twin("report " + kScenario + " --injected-at 0").exit_code == 2);
}
