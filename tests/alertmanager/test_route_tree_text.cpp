#include <catch2/catch.hpp>

#include "sim/alertmanager/config_reader.hpp"
#include "sim/alertmanager/route_match.hpp"
#include "sim/alertmanager/route_tree_text.hpp"

using namespace sim::alertmanager;

namespace {

const char* kTree = R"(route:
  receiver: default
  routes:
  - matchers: ['severity=~"critical|page"', team="db"]
    receiver: pager
    continue: true
    routes:
    - match: {env: prod}
      receiver: prod
    - match: {env: stage}
  - match_re: {team: "db|web"}
    receiver: team
  - matchers: ['msg="say \"hi\""']
receivers: [{name: default}, {name: pager}, {name: prod}, {name: team}]
)";

// A branch still open below is drawn as `│`, two no-break spaces and a space.
const std::string kOpen = "\u2502\u00a0\u00a0 ";

}  // namespace

TEST_CASE("issue 18.2: routes show draws every route as amtool 0.25 does") {
    const Config cfg = parse_config(kTree, "am.yml");
    CHECK(route_tree_text(cfg.root) ==
          ".\n"
          "└── default-route  receiver: default\n"
          "    ├── {severity=~\"critical|page\",team=\"db\"}  continue: true  receiver: pager\n"
          "    " + kOpen + "├── {env=\"prod\"}  receiver: prod\n"
          "    " + kOpen + "└── {env=\"stage\"}  receiver: pager\n"
          "    ├── {team=~\"^(?:db|web)$\"}  receiver: team\n"
          "    └── {msg=\"say \\\"hi\\\"\"}  receiver: default\n");
}

TEST_CASE("issue 18.2: routes test --tree draws the routes an alert passes, receivers where it ends") {
    const Config cfg = parse_config(kTree, "am.yml");
    const sim::tsdb::Labels labels{{"severity", "page"}, {"team", "db"}, {"env", "stage"}};
    CHECK(matching_tree_text(cfg.root, labels) ==
          ".\n"
          "└── default-route\n"
          "    ├── {severity=~\"critical|page\",team=\"db\"}\n"
          "    " + kOpen + "└── {env=\"stage\"}  receiver: pager\n"
          "    └── {team=~\"^(?:db|web)$\"}  receiver: team\n");
    std::vector<std::string> receivers;
    for (const Route* r : matching_routes(cfg.root, labels)) receivers.push_back(r->receiver);
    CHECK(receivers == std::vector<std::string>{"pager", "team"});
}
