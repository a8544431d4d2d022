// End-to-end tests of the what-if commands (compare, sweep, advise) on short fixture scenarios.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "sim/base/time.hpp"
#include "tests/tools/cli_process.hpp"

using cli_test::run_twin;
using cli_test::ScratchDir;
using nlohmann::json;

namespace {

const std::string kFixtures = "tests/fixtures/whatif/";
const std::string kDrill = kFixtures + "sts-block.yaml";
const std::string kRulesA = kFixtures + "rules-a.yaml";
const std::string kRulesB = kFixtures + "rules-b.yaml";
const std::string kNoFault = kFixtures + "no-fault.yaml";
const std::string kCircuitOpen = "CaracalGatewaySTSCircuitOpen";

json json_of(const cli_test::CliResult& r) {
    INFO(r.out << r.err);
    REQUIRE(!r.out.empty());
    return json::parse(r.out);
}

// Every regression of a compare JSON document as "drill file: alert: regression".
std::vector<std::string> regressions(const json& doc) {
    std::vector<std::string> out;
    for (const auto& d : doc.at("drills"))
        for (const auto& a : d.at("alerts"))
            if (!a.at("regression").is_null())
                out.push_back(d.at("file").get<std::string>() + ": " + a.at("alert").get<std::string>() + ": " +
                              a.at("regression").get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("compare reports exactly the alert whose raised for outlasts the fault as lost and exits 1") {
    const auto r = run_twin("compare --json --rules " + kRulesA + " --against " + kRulesB + " --no-fault " + kNoFault +
                            " " + kDrill);
    CHECK(r.exit_code == 1);
    const json doc = json_of(r);
    CHECK(regressions(doc) == std::vector<std::string>{kDrill + ": " + kCircuitOpen + ": expected alert lost"});
    CHECK(doc.at("regressions").at("expected_alerts_lost") == 1);
    CHECK(doc.at("regressions").at("new_false_positives") == 0);
    CHECK(doc.at("passed") == false);
}

TEST_CASE("compare prints the lost alert's row with fired under A only and a failing verdict") {
    const auto r = run_twin("compare --rules " + kRulesA + " --against " + kRulesB + " --no-fault " + kNoFault + " " + kDrill);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Matches("(.|\n)*" + kCircuitOpen + " +yes +no +\\+\\d\\d:\\d\\d +- +- (.|\n)*✗ expected alert lost(.|\n)*"));
    CHECK_THAT(r.out, Catch::Contains("Regressions under B: 1 expected alert(s) lost, 0 new false positive(s), 0 slower detection(s): FAIL"));
}

TEST_CASE("compare of a rule pack against itself finds no regression and exits 0") {
    const auto r = run_twin("compare --json --rules " + kRulesA + " --against " + kRulesA + " --no-fault " + kNoFault +
                            " " + kDrill);
    CHECK(r.exit_code == 0);
    const json doc = json_of(r);
    CHECK(regressions(doc).empty());
    for (const auto& d : doc.at("drills"))
        for (const auto& a : d.at("alerts")) CHECK(a.at("ttd_p95_delta_seconds") == (a.at("a").at("fired") == 1 ? json(0.0) : json()));
}

TEST_CASE("sweep over fault duration fires a for 5m alert above its onset plus 5m and not below") {
    // The alert's onset (pending − injection), measured by the drill check on a long fault.
    const json check = json_of(run_twin("check --json --rules " + kRulesA + " " + kDrill));
    double onset = -1;
    for (const auto& a : check.at("scenarios").at(0).at("alerts"))
        if (a.at("expected") == kCircuitOpen) onset = a.at("detection").at("onset_seconds").get<double>();
    REQUIRE(onset >= 0);

    const auto r = run_twin("sweep " + kDrill + " --json --rules " + kRulesA + " --set rule." + kCircuitOpen +
                            ".for=5m --set scenario.fault_duration=3m,4m,5m,6m,7m,8m,9m");
    CHECK(r.exit_code == 0);
    const json doc = json_of(r);
    // Margins: the condition lags the fault's end by up to a breaker open period plus a scrape, and
    // the firing waits for an evaluation tick.
    const double threshold = onset + 300;
    int fired_above = 0, quiet_below = 0;
    for (const auto& point : doc.at("points")) {
        const double duration = sim::parse_duration(point.at("settings").at("scenario.fault_duration").get<std::string>())->secs();
        for (const auto& a : point.at("alerts")) {
            if (a.at("alert") != kCircuitOpen) continue;
            INFO("fault " << duration << "s, onset " << onset << "s: " << a.dump());
            const bool fired = a.at("fired") == 1;
            if (duration >= threshold + 60) {
                CHECK(fired);
                fired_above += fired;
            } else if (duration <= threshold - 120) {
                CHECK_FALSE(fired);
                quiet_below += !fired;
            }
        }
    }
    CHECK(fired_above >= 2);
    CHECK(quiet_below >= 1);
}

TEST_CASE("sweep with an unknown key exits 2 with one line listing the valid keys") {
    const auto r = run_twin("sweep " + kDrill + " --set scenario.nope=1m,2m");
    CHECK(r.exit_code == 2);
    REQUIRE(r.err_lines().size() == 1);
    CHECK_THAT(r.err, Catch::Contains("scenario.nope=1m: not an editable scenario key; editable: scenario.warmup, "
                                      "scenario.fault_duration"));
    CHECK(r.out.empty());
    const auto family = run_twin("sweep " + kDrill + " --set bogus=1");
    CHECK(family.exit_code == 2);
    CHECK_THAT(family.err, Catch::StartsWith("--set: unknown key \"bogus\"; valid: scenario.warmup,"));
    CHECK_THAT(family.err, Catch::Contains("faults.0.from, faults.0.to, faults.0.<parameter>, profile.<key>, "
                                           "rule.<name>.for, rule.<name>.keep_firing_for, rule.<name>.threshold"));
}

TEST_CASE("sweep table shows one row per combination and alert with fired and TTD") {
    const auto r = run_twin("sweep " + kDrill + " --rules " + kRulesA + " --set rule." + kCircuitOpen +
                            ".for=1m,10m");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Matches("(.|\n)*\n1m +" + kCircuitOpen + " +yes +\\+\\d\\d:\\d\\d(.|\n)*"));
    CHECK_THAT(r.out, Catch::Matches("(.|\n)*\n10m +" + kCircuitOpen + " +no +- +-\n(.|\n)*"));
}

TEST_CASE("sweep csv has a header and a row per combination and alert") {
    const auto r = run_twin("sweep " + kDrill + " --csv --rules " + kRulesA + " --set profile.gateway.sts_breaker_failures=5,50");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::StartsWith("profile.gateway.sts_breaker_failures,alert,expected,replications,fired,p_fired,"
                                        "ttd_min_s,ttd_p50_s,ttd_p95_s,ttd_max_s,ttr_min_s,ttr_p50_s,ttr_p95_s,ttr_max_s\n"));
    CHECK_THAT(r.out, Catch::Contains("\n5," + kCircuitOpen + ",true,1,1,1,"));
    CHECK_THAT(r.out, Catch::Contains("\n50," + kCircuitOpen + ",true,1,"));
}

TEST_CASE("merged sweep shards equal the unsharded replicated sweep byte for byte") {
    ScratchDir dir;
    const std::string args = "sweep " + kDrill + " --json --rules " + kRulesA + " --replications 3 --set rule." +
                             kCircuitOpen + ".for=1m,5m";
    const auto whole = run_twin(args + " --threads 2");
    REQUIRE(whole.exit_code == 0);
    std::string files;
    for (const char* shard : {"1/2", "2/2"}) {
        const std::string file = (dir.path() / ("shard-" + std::string(1, shard[0]) + ".json")).string();
        REQUIRE(run_twin(args + " --shard " + shard + " -o " + file).exit_code == 0);
        files += " " + file;
    }
    const auto merged = run_twin("merge" + files);
    CHECK(merged.exit_code == 0);
    CHECK(merged.out == whole.out);
}

TEST_CASE("a replicated compare gives the same bytes on one thread and on two") {
    const std::string args = "compare --rules " + kRulesA + " --against " + kRulesB + " --no-fault " + kNoFault + " " +
                             kDrill + " --replications 2";
    const auto one = run_twin(args + " --threads 1");
    const auto two = run_twin(args + " --threads 2");
    CHECK(one.exit_code == 1);
    CHECK(two.exit_code == 1);
    CHECK(one.out == two.out);
    CHECK_THAT(one.out, Catch::Contains("Monte Carlo: 2 replication(s)"));
}

TEST_CASE("advise reports no candidate for an alert whose every candidate outlasts the fault") {
    const auto r = run_twin("advise --json " + kDrill + " --rules " + kRulesA + " --no-fault " + kNoFault +
                            " --alerts " + kCircuitOpen + " --candidates 10m,15m --replications 1");
    CHECK(r.exit_code == 0);
    const json doc = json_of(r);
    REQUIRE(doc.at("alerts").size() == 1);
    const json& advice = doc.at("alerts").at(0);
    CHECK(advice.at("alert") == kCircuitOpen);
    CHECK(advice.at("advised_for").is_null());
    CHECK(advice.at("reason") == "quiet from 10m, but then missed by STS unreachable from Gateway [short]");
}

TEST_CASE("advise picks the shortest quiet candidate that detects the drill, with its TTD p95") {
    const auto r = run_twin("advise --json " + kDrill + " --rules " + kRulesA + " --no-fault " + kNoFault +
                            " --candidates 10m,1m,30s --replications 2");
    CHECK(r.exit_code == 0);
    const json doc = json_of(r);
    CHECK(doc.at("candidates") == json::array({"30s", "1m", "10m"}));
    for (const auto& advice : doc.at("alerts")) {
        INFO(advice.dump());
        REQUIRE(advice.at("advised_for").is_string());
        CHECK(advice.at("advised_for") != "10m");
        REQUIRE(advice.at("drills").size() == 1);
        const json& stats = advice.at("drills").at(0).at("stats");
        CHECK(stats.at("fired") == 2);
        CHECK(stats.at("ttd").at("p95_seconds").get<double>() > 0);
    }
}

TEST_CASE("advise with an unknown alert exits 2 listing the alerts") {
    const auto r = run_twin("advise " + kDrill + " --rules " + kRulesA + " --alerts Nope");
    CHECK(r.exit_code == 2);
    CHECK(r.err == "--alerts: no alerting rule named \"Nope\"; alerts: CaracalGatewaySTSCircuitOpen, "
                   "CaracalGatewaySTSExchangeErrors\n");
}

TEST_CASE("issue 13.5: a sweep key with no effect exits 2 with one line naming the key and why") {
    const auto r = run_twin("sweep " + kDrill + " " + cli_test::kInventedRules + " --set profile.prometheus.evaluation_interval=15s,30s,60s");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 2);
    REQUIRE(r.err_lines().size() == 1);
    CHECK_THAT(r.err, Catch::Contains("profile.prometheus.evaluation_interval has no effect: every rule group of "
                                      "tests/fixtures/rules/invented-pack.yaml sets its own interval"));
    CHECK(r.out.empty());
    const auto seed = run_twin("sweep " + kDrill + " --replications 2 --set scenario.seed=1,2");
    CHECK(seed.exit_code == 2);
    CHECK_THAT(seed.err, Catch::Contains("scenario.seed has no effect: with --replications"));
}

TEST_CASE("issue 13.5: a sweep key with a partial effect runs with one warning") {
    const auto r = run_twin("sweep " + kDrill + " --rules " + kFixtures +
                            "rules-mixed-interval.yaml --set profile.prometheus.evaluation_interval=30s,60s");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    REQUIRE(r.err_lines().size() == 1);
    CHECK_THAT(r.err, Catch::Contains("warning: profile.prometheus.evaluation_interval applies only to 1 of 2 rule group(s)"));
    CHECK_FALSE(r.out.empty());
}

TEST_CASE("issue 14.6: compare of the two releases (pack and profile each) in the Postgres block drill: what fires "
          "at 46a980b6c is blind at 6b5b47f21, whose /metrics refuse the ServiceMonitor") {
    const auto r = run_twin("compare --json --rules models/rules/caracal-alerts.yaml --against "
                            "models/rules/caracal-alerts-6b5b47f21.yaml --against-profile "
                            "models/profiles/caracal-6b5b47f21.yaml --no-fault \"\" scenarios/postgres-outage-block.yaml");
    CHECK(r.exit_code == 0);  // nothing expected was lost: the drill's documented alerts fire under neither
    const json doc = json_of(r);
    CHECK(doc.at("profile_a") == "");
    CHECK(doc.at("profile_b") == "models/profiles/caracal-6b5b47f21.yaml");
    std::size_t fired_a = 0, fired_b = 0;
    for (const auto& a : doc.at("drills").at(0).at("alerts")) {
        fired_a += a.at("a").at("fired").get<std::size_t>();
        fired_b += a.at("b").at("fired").get<std::size_t>();
    }
    CHECK(fired_a >= 5);  // the Gateway's snapshot, circuit and exchange alerts among them
    CHECK(fired_b == 0);
    const auto text = run_twin("compare --rules models/rules/caracal-alerts.yaml --against "
                               "models/rules/caracal-alerts-6b5b47f21.yaml --against-profile "
                               "models/profiles/caracal-6b5b47f21.yaml --no-fault \"\" scenarios/postgres-outage-block.yaml");
    CHECK_THAT(text.out, Catch::Contains("Profile A: built-in\nProfile B: models/profiles/caracal-6b5b47f21.yaml\n"));
}

TEST_CASE("issue 14.6: compare --against-profile with a profile that does not load exits 2 naming the file") {
    ScratchDir dir;
    const auto bad = dir.path() / "bad-profile.yaml";
    std::ofstream(bad) << "readiness:\n  gateway: [redis, mq]\n";
    const auto r = run_twin("compare --rules " + kRulesA + " --against " + kRulesB + " --against-profile " + bad.string() +
                            " --no-fault \"\" " + kDrill);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("bad-profile.yaml:2:"));
}
