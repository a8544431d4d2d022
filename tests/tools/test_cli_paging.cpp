#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

#include "tests/tools/cli_process.hpp"

using cli_test::run_twin;
using cli_test::ScratchDir;

namespace {

constexpr const char* kReferenceRouting = "--alertmanager models/profiles/alertmanager.yml";

// A short provider credential expiry under the reference pack, written into `dir`.
std::string short_scenario(const ScratchDir& dir, const std::string& expectations = "") {
    const auto path = dir.path() / "scenario.yaml";
    std::ofstream(path) << "name: short-credential\nwarmup: 2m\nfault_duration: 6m\nrecovery: 8m\nfaults:\n"
                           "  - {primitive: expire_credential}\n"
                        << expectations;
    return path.string();
}

}  // namespace

TEST_CASE("issue 18.3: run --alertmanager adds who was paged and when after the unchanged run report") {
    ScratchDir dir;
    const auto scenario = short_scenario(dir);
    const auto plain = run_twin("run " + scenario);
    const auto paged = run_twin("run " + std::string(kReferenceRouting) + " " + scenario);
    INFO(paged.err);
    REQUIRE(plain.exit_code == 0);
    REQUIRE(paged.exit_code == 0);
    CHECK(paged.out.compare(0, plain.out.size(), plain.out) == 0);
    CHECK(paged.out.find("Notifications (Alertmanager models/profiles/alertmanager.yml)\n") != std::string::npos);
    CHECK(std::regex_search(paged.out, std::regex(R"(\n  paged ticket at \+\d\d:\d\d \(group \{component="sts", severity="warning"\}: )")));
    CHECK(paged.out.find("\nTime to fire and time to page\n") != std::string::npos);
    CHECK(paged.out.find("\nAlerts that reached no one\n") != std::string::npos);
}

TEST_CASE("issue 18.3: check evaluates paged: only with --alertmanager and says so without it") {
    ScratchDir dir;
    const auto scenario = short_scenario(dir, "expectations:\n  paged: {receiver: ticket, within: 10m}\n");
    const auto without = run_twin("check --timing-runs 0 --no-fault '' " + scenario);
    CHECK(without.out.find("· paged ticket within 10m: not checked: needs --alertmanager") != std::string::npos);
    const auto with = run_twin("check --timing-runs 0 --no-fault '' " + std::string(kReferenceRouting) + " " + scenario);
    INFO(with.out);
    CHECK(with.out.find("✓ paged ticket within 10m: paged ticket at +") != std::string::npos);
    CHECK(with.out.find("· time to page: ") != std::string::npos);

    const auto late = short_scenario(dir, "expectations:\n  paged: {receiver: pager, within: 10m}\n");
    const auto failed = run_twin("check --timing-runs 0 --no-fault '' " + std::string(kReferenceRouting) + " " + late);
    CHECK(failed.exit_code == 1);
    CHECK(failed.out.find("✗ paged pager within 10m: no page to pager") != std::string::npos);
}

TEST_CASE("issue 18.3: a bad --alertmanager file stops the command with its position, exit 2") {
    ScratchDir dir;
    const auto bad = dir.path() / "am.yml";
    std::ofstream(bad) << "route:\n  receiver: nobody\n";
    const auto r = run_twin("run --alertmanager " + bad.string() + " " + short_scenario(dir));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(bad.string() + ":") == 0);
}
