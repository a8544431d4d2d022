// `caracal-twin conform` on observed files written by hand from the prediction (issue 17.2): the
// prediction itself conforms; an alert shifted past the tolerance, a missing one and an extra one
// each fail and are named; malformed JSON is bad input with its position.
#include <catch2/catch.hpp>

#include <functional>

#include <nlohmann/json.hpp>

#include "cli_process.hpp"
#include "observed_answers.hpp"

using cli_test::kInjectedAt;
using cli_test::Observed;
using cli_test::run_twin;
using cli_test::ScratchDir;
using nlohmann::json;

namespace {

const std::string kScenario = "tests/fixtures/live/postgres-outage-short.yaml";
const std::string kPack = "--rules tests/fixtures/live/live-pack.yaml";

json prediction() {
    const auto r = run_twin("run " + kScenario + " " + kPack + " --json");
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

// The observed files for the prediction with `edit` applied to the alert list first.
cli_test::CliResult conform_with(const ScratchDir& scratch, const std::function<void(json&)>& edit,
                                 const std::function<std::int64_t(const std::string&)>& shift) {
    json run = prediction();
    REQUIRE(run["alerts"].size() >= 2);
    edit(run["alerts"]);
    Observed observed;
    for (const auto& a : run["alerts"]) observed.add(a, shift(a["alertname"]), run["end_seconds"].get<double>());
    observed.write(scratch.path() / "observed");
    return run_twin("conform " + kScenario + " " + kPack + " --observed '" + (scratch.path() / "observed").string() +
                    "' --injected-at " + std::to_string(kInjectedAt));
}

const auto no_edit = [](json&) {};
const auto no_shift = [](const std::string&) { return std::int64_t{0}; };

}  // namespace

TEST_CASE("issue 17.2: observed alerts equal to the prediction conform (exit 0)") {
    ScratchDir scratch;
    const auto r = conform_with(scratch, no_edit, no_shift);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("CONFORMS") != std::string::npos);
}

TEST_CASE("issue 17.2: an alert shifted beyond the tolerance gives exit 1 and names the alert") {
    ScratchDir scratch;
    const std::string shifted = prediction()["alerts"][0]["alertname"];
    // The default tolerance is one scrape plus one evaluation interval: 10s here.
    const auto r = conform_with(scratch, no_edit, [&](const std::string& name) { return name == shifted ? 30000 : 0; });
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    bool named = false;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind(shifted, 0) == 0 && line.find("differs") != std::string::npos) named = true;
    CHECK(named);
    CHECK(r.out.find("(+30s) !") != std::string::npos);
}

TEST_CASE("issue 17.2: a predicted alert that was not observed gives exit 1 and names it") {
    ScratchDir scratch;
    std::string dropped;
    const auto r = conform_with(
        scratch,
        [&](json& alerts) {
            dropped = alerts.back()["alertname"];
            alerts.erase(alerts.size() - 1);
        },
        no_shift);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find(dropped) != std::string::npos);
    CHECK(r.out.find("predicted, not observed") != std::string::npos);
}

TEST_CASE("issue 17.2: an observed alert that was not predicted gives exit 1 and names it") {
    ScratchDir scratch;
    const auto r = conform_with(
        scratch,
        [](json& alerts) {
            json extra = alerts[0];
            extra["alertname"] = "CaracalNotInThePack";
            extra["labels"]["alertname"] = "CaracalNotInThePack";
            alerts.push_back(extra);
        },
        no_shift);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("CaracalNotInThePack") != std::string::npos);
    CHECK(r.out.find("observed, not predicted") != std::string::npos);
}

TEST_CASE("issue 17.2: malformed observed JSON gives exit 2 naming the file, line and column") {
    ScratchDir scratch;
    const auto file = scratch.path() / "ALERTS.json";
    std::ofstream(file) << "{\"status\": \"success\",\n  \"data\": {\"resultType\": \"matrix\", \"result\": [}\n}\n";
    const auto r = run_twin("conform " + kScenario + " " + kPack + " --observed '" + file.string() +
                            "' --injected-at 2027-01-15T08:00:00Z");
    CHECK(r.exit_code == 2);
    REQUIRE(r.err_lines().size() == 1);
    CHECK(r.err_lines()[0].rfind(file.string() + ":2:", 0) == 0);
}

TEST_CASE("issue 17.2: conform wants exactly one source of the injection instant") {
    ScratchDir scratch;
    const auto r = run_twin("conform " + kScenario + " --observed '" + scratch.path().string() + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--injected-at") != std::string::npos);
}
