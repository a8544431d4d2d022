#include <catch2/catch.hpp>

#include <filesystem>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "models/scenario/scenario.hpp"
#include "models/twin/twin.hpp"

using caracal::parse_scenario_text;
using sim::Duration;

namespace {

// The error a scenario text raises, as `line:col: message` (the file name is always "s.yaml").
std::string error_of(const std::string& text) {
    try {
        parse_scenario_text(text, "s.yaml");
    } catch (const sim::InputError& e) {
        REQUIRE(e.file() == "s.yaml");
        return std::to_string(e.pos().line) + ":" + std::to_string(e.pos().column) + ": " + e.message();
    }
    return "no error";
}

}  // namespace

TEST_CASE("a scenario file gives name, drill, timings, fault steps and expectations") {
    const auto s = parse_scenario_text(R"(
name: sts-unreachable
drill: STS unreachable from Gateway
variant: block
seed: 7
warmup: 5m
fault_duration: 10m
recovery: 15m
traffic: {multiplier: 1.5}
profile: {gateway.sts_timeout: 5s}
faults:
  - primitive: block
    from: gateway
    to: sts
  - primitive: revoke
    at: 2m
    duration: until_recovered
expectations:
  alerts: [CaracalGatewaySTSExchangeErrors, CaracalGatewaySTSCircuitOpen]
  order: [[CaracalGatewaySTSExchangeErrors, CaracalGatewaySTSCircuitOpen]]
)",
                                       "s.yaml");
    CHECK(s.name == "sts-unreachable");
    CHECK(s.drill == "STS unreachable from Gateway");
    CHECK(s.variant == "block");
    CHECK(s.seed == 7);
    CHECK(s.warmup == Duration::minutes(5));
    CHECK(s.fault_duration == Duration::minutes(10));
    CHECK(s.recovery == Duration::minutes(15));
    CHECK(s.traffic_multiplier == 1.5);
    REQUIRE(s.faults.size() == 2);
    CHECK(s.faults[0].fault->describe() == "block(gateway, sts)");
    CHECK(s.faults[0].at == Duration());
    CHECK(s.faults[0].duration == Duration::minutes(10));  // defaults to fault_duration
    CHECK(s.faults[1].at == Duration::minutes(2));
    CHECK_FALSE(s.faults[1].duration.has_value());  // until the fault phase ends
    CHECK(s.faults[1].pos.line == 15);
    REQUIRE(s.expectations.alerts.size() == 2);
    CHECK(s.expectations.alerts[1].names == std::vector<std::string>{"CaracalGatewaySTSCircuitOpen"});
    REQUIRE(s.expectations.order.size() == 1);
    CHECK(s.expectations.order[0].earlier == "CaracalGatewaySTSExchangeErrors");
    CHECK(s.apply_overrides({}).gateway.sts_timeout == Duration::seconds(5));
}

TEST_CASE("a minimal scenario takes the documented defaults") {
    const auto s = parse_scenario_text("name: baseline\nfault_duration: 1h\n", "s.yaml");
    CHECK(s.warmup == Duration::minutes(10));
    CHECK(s.recovery == Duration());
    CHECK(s.seed == 1);
    CHECK(s.traffic_multiplier == 1);
    CHECK(s.faults.empty());
    CHECK(s.expectations.alerts.empty());
}

TEST_CASE("scenario schema errors name the position and what was expected") {
    CHECK(error_of("name: x\nfault_duration: 1m\nfaults_: []\n") == "3:1: unknown key \"faults_\"");
    CHECK(error_of("fault_duration: 1m\n") == "1:1: missing \"name\"");
    CHECK(error_of("name: x\n") == "1:1: missing \"fault_duration\"");
    CHECK(error_of("name: x\nfault_duration: ten\n") ==
          "2:17: expected a duration like 30s or 1m30s for \"fault_duration\", got \"ten\"");
    CHECK(error_of("name: x\nfault_duration: 1m\nseed: -1\n") == "3:7: \"seed\" must lie between 0 and 2147483647");
    CHECK(error_of("name: x\nfault_duration: 1m\nfaults: {a: 1}\n") == "3:9: expected a list of fault steps");
    CHECK(error_of("name: x\nfault_duration: 1m\ntraffic: {multiplier: 2, shape: sine}\n") ==
          "3:26: traffic: unknown key \"shape\"");
    CHECK(error_of("name: x\nfault_duration: 1m\nexpectations: {alerts: Foo}\n") ==
          "3:24: expectations: expected a list of alert names or {any_of: [names]}");
    CHECK(error_of("name: [x\n").rfind("2:1: ", 0) == 0);  // YAML syntax errors keep yaml-cpp's position
}

TEST_CASE("profile overrides are validated by key and value where they are written") {
    CHECK(error_of("name: x\nfault_duration: 1m\nprofile: {gateway.sts_timout: 5s}\n").rfind("3:11: profile: ", 0) == 0);
    CHECK(error_of("name: x\nfault_duration: 1m\nprofile:\n  gateway.sts_timeout: soon\n").rfind("4:3: profile: ", 0) ==
          0);
}

TEST_CASE("fault step errors point at the primitive or parameter at fault") {
    const std::string head = "name: x\nfault_duration: 10m\nfaults:\n";
    CHECK(error_of(head + "  - primitive: explode\n").rfind("4:16: explode: unknown fault primitive (expected one of outage, ", 0) == 0);
    CHECK(error_of(head + "  - primitive: block\n    from: gateway\n    to: sts\n    via: istio\n") ==
          "7:5: block: unknown key \"via\"");
    CHECK(error_of(head + "  - primitive: block\n    from: gateway\n") == "4:5: block: missing \"to\"");
    CHECK(error_of(head + "  - primitive: outage\n    component: mysql\n") ==
          "5:16: outage: unknown component \"mysql\" (expected one of postgres, redis, provider, api, sts, gateway, "
          "audit, coordinator)");
    CHECK(error_of(head + "  - primitive: scale\n    service: sts\n    replicas: 1.5\n") ==
          "6:15: scale: expected a whole number for \"replicas\"");
    CHECK(error_of(head + "  - primitive: pause\n    consumer_group: nobody\n") ==
          "5:21: pause: unknown consumer group \"nobody\"");
    CHECK(error_of(head + "  - primitive: fault_datastore\n    error_rate: 2\n") ==
          "5:17: fault_datastore: \"error_rate\" must lie between 0 and 1");
    CHECK(error_of(head + "  - primitive: revoke\n    at: 11m\n") ==
          "5:9: fault step: \"at\" lies after the end of the run (fault_duration + recovery)");
    CHECK(error_of(head + "  - primitive: revoke\n    duration: forever\n") ==
          "5:15: fault step: expected a duration like 30s or 1m30s for \"duration\", got \"forever\"");
    CHECK(error_of(head + "  - primitive: latency\n    component: redis\n    add: 1s\n") ==
          "5:16: latency: latency is only modelled for postgres so far");
    CHECK(error_of(head + "  - 3\n") == "4:5: expected a fault step (a mapping with \"primitive\")");
}

TEST_CASE("every example scenario loads") {
    int loaded = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(SOURCE_DIR) + "/scenarios/examples")) {
        INFO(entry.path().string());
        CHECK_NOTHROW(caracal::load_scenario(entry.path().string()));
        ++loaded;
    }
    CHECK(loaded >= 3);
}

TEST_CASE("an unreadable scenario file is an input error naming the file") {
    CHECK_THROWS_AS(caracal::load_scenario("/nonexistent/scenario.yaml"), sim::InputError);
}

namespace {

// The comment lines (`# ...`) of a scenario file, joined by spaces.
std::string scenario_comment(const std::string& path) {
    std::ifstream in(path);
    std::string line, text;
    while (std::getline(in, line))
        if (line.rfind("#", 0) == 0) text += line.substr(1) + " ";
    return text;
}

}  // namespace

TEST_CASE("issue 13: scenario comments name the pack's for values and range windows") {
    const std::string pack_path = std::string(SOURCE_DIR) + "/" + caracal::kDefaultRulesFile;
    caracal::RunOptions options;
    options.rules_file = pack_path;
    const auto rules = caracal::rule_facts(options);
    std::ifstream pack_in(pack_path);
    std::stringstream pack;
    pack << pack_in.rdbuf();
    for (const auto& entry : std::filesystem::directory_iterator(std::string(SOURCE_DIR) + "/scenarios")) {
        if (entry.path().extension() != ".yaml") continue;
        const std::string comment = scenario_comment(entry.path().string());
        INFO(entry.path().filename().string() << ": " << comment);
        // "X has no `for`": the pack's X (or CaracalX) holds for 0.
        static const std::regex no_for(R"((\w+) has no `for`)");
        for (std::sregex_iterator m(comment.begin(), comment.end(), no_for), e; m != e; ++m) {
            const std::string name = (*m)[1];
            const auto it = std::find_if(rules.begin(), rules.end(), [&](const auto& r) {
                return r.first.size() >= name.size() && r.first.compare(r.first.size() - name.size(), name.size(), name) == 0;
            });
            REQUIRE(it != rules.end());
            CHECK(it->second.hold == Duration());
        }
        // "X ... held Nm" / "X ... for Nm" within one clause: some rule named like X holds for N.
        static const std::regex held(R"((\w+) \([^()]*?(?:held|for) (\d+[smh])\))");
        for (std::sregex_iterator m(comment.begin(), comment.end(), held), e; m != e; ++m) {
            const std::string name = (*m)[1];
            const auto hold = sim::parse_duration((*m)[2].str());
            const auto it = rules.count(name) ? rules.find(name) : rules.find("Caracal" + name);
            if (it == rules.end()) continue;
            CHECK(it->second.hold == *hold);
        }
        // A PromQL range function named with its window (`increase[1h]`) is one the pack uses.
        static const std::regex ranged(R"((rate|increase|delta|changes|resets)\[(\d+[smh])\])");
        for (std::sregex_iterator m(comment.begin(), comment.end(), ranged), e; m != e; ++m) {
            INFO((*m)[0]);
            CHECK(pack.str().find("[" + std::string((*m)[2]) + "]") != std::string::npos);
        }
    }
}

TEST_CASE("issue 16.2: scenario fault steps share fields through YAML merge keys, written keys winning") {
    const auto s = parse_scenario_text(R"(
name: sts-flaps
fault_duration: 10m
faults:
  - &block
    primitive: block
    from: gateway
    to: sts
    duration: 1m
  - <<: *block
    at: 3m
  - at: 6m
    <<: *block
    duration: 2m
)",
                                       "s.yaml");
    REQUIRE(s.faults.size() == 3);
    CHECK(s.faults[1].fault->describe() == "block(gateway, sts)");
    CHECK(s.faults[1].at == Duration::minutes(3));
    CHECK(s.faults[1].duration == Duration::minutes(1));
    CHECK(s.faults[2].at == Duration::minutes(6));
    CHECK(s.faults[2].duration == Duration::minutes(2));
    CHECK(error_of("name: x\nfault_duration: 1m\nfaults:\n  - <<: [1]\n") ==
          "4:5: map merge requires map or sequence of maps as the value");
}

TEST_CASE("issue 18.3: a scenario expects a page with paged: {receiver, within}") {
    const auto s = parse_scenario_text("name: x\nfault_duration: 1m\nexpectations: {paged: {receiver: pager, within: 5m}}\n",
                                       "s.yaml");
    REQUIRE(s.expectations.paged);
    CHECK(s.expectations.paged->receiver == "pager");
    CHECK(s.expectations.paged->within == Duration::minutes(5));
    CHECK(!parse_scenario_text("name: x\nfault_duration: 1m\n", "s.yaml").expectations.paged);
}

TEST_CASE("issue 18.3: a malformed paged: expectation is an error at its node") {
    CHECK(error_of("name: x\nfault_duration: 1m\nexpectations: {paged: {receiver: pager}}\n") ==
          "3:23: expectations: paged: missing \"within\"");
    CHECK(error_of("name: x\nfault_duration: 1m\nexpectations: {paged: {receiver: pager, within: soon}}\n").find(
              "3:") == 0);
    CHECK(error_of("name: x\nfault_duration: 1m\nexpectations: {paged: {receiver: pager, within: 5m, to: x}}\n")
              .find("to") != std::string::npos);
    CHECK(error_of("name: x\nfault_duration: 1m\nexpectations: {paged: pager}\n") ==
          "3:23: expectations: paged: expected a mapping");
}
