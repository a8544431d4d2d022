#include <catch2/catch.hpp>

#include "tests/tools/cli_process.hpp"

using cli_test::run_twin;

namespace {

const std::string kConfigs = "tests/alertmanager/configs/";

}  // namespace

TEST_CASE("issue 18.2: routes test prints the receivers and exits 1 on a wrong --verify-receivers") {
    const std::string config = " --config " + kConfigs + "valid_full.yml ";
    const auto both = run_twin("routes test" + config + "severity=critical team=db");
    CHECK(both.exit_code == 0);
    CHECK(both.out == "pager\n");

    const auto verified = run_twin("routes test" + config + "--verify-receivers pager severity=critical team=db");
    CHECK(verified.exit_code == 0);
    CHECK(verified.out == "pager\n");

    const auto wrong = run_twin("routes test" + config + "--verify.receivers=pager,default severity=critical team=db");
    CHECK(wrong.exit_code == 1);
    CHECK(wrong.out == "pager\nWARNING: Expected receivers did not match resolved receivers.\n");
}

TEST_CASE("issue 18.2: routes on a configuration Alertmanager refuses exits 2 with one file:line:col line") {
    const auto r = run_twin("routes show --config " + kConfigs + "bad_undefined_receiver.yml");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == kConfigs + "bad_undefined_receiver.yml:3:23: undefined receiver \"nobody\" used in route\n");

    const auto label = run_twin("routes test --config " + kConfigs + "valid_minimal.yml 'severity=~crit'");
    CHECK(label.exit_code == 2);
    CHECK(label.err == "label \"severity=~crit\": labels must be specified as key=value pairs\n");
}
