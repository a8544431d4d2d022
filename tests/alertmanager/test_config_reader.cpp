#include <catch2/catch.hpp>

#include <string>

#include "sim/alertmanager/config_reader.hpp"
#include "sim/alertmanager/matcher_syntax.hpp"

using namespace sim;
using namespace sim::alertmanager;

namespace {

void check_error(const std::string& yaml, int line, int column, const std::string& message_part) {
    INFO(yaml);
    try {
        parse_config(yaml, "am.yml");
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        INFO(e.what());
        CHECK(e.file() == "am.yml");
        CHECK(e.pos().line == line);
        CHECK(e.pos().column == column);
        CHECK_THAT(e.message(), Catch::Contains(message_part));
    }
}

const char* kInheriting = R"(route:
  receiver: default
  group_by: [alertname]
  group_wait: 10s
  routes:
  - matchers: ['team="db"']
    receiver: db
    repeat_interval: 1h
    mute_time_intervals: [nights]
    routes:
    - match: {severity: critical}
      group_by: ['...']
      group_interval: 1m
    - match_re: {env: "prod|stage"}
      group_by: []
  - matchers: [env!=dev]
    group_by: [cluster, alertname]
receivers:
- name: default
- name: db
time_intervals:
- name: nights
  time_intervals:
  - times: [{start_time: "00:00", end_time: "06:00"}]
)";

}  // namespace

TEST_CASE("issue 18.1: a route inherits receiver, group_by and timings from its parent, never time intervals") {
    const Config cfg = parse_config(kInheriting, "am.yml");
    const Route& root = cfg.root;
    CHECK(root.receiver == "default");
    CHECK(root.group_wait == Duration::seconds(10));
    CHECK(root.group_interval == kDefaultGroupInterval);
    CHECK(root.repeat_interval == kDefaultRepeatInterval);
    REQUIRE(root.routes.size() == 2);

    const Route& db = root.routes[0];
    CHECK(db.receiver == "db");
    CHECK(db.group_by.labels == std::vector<std::string>{"alertname"});
    CHECK(db.group_wait == Duration::seconds(10));
    CHECK(db.repeat_interval == Duration::hours(1));
    CHECK(db.mute_time_intervals == std::vector<std::string>{"nights"});
    REQUIRE(db.routes.size() == 2);

    const Route& critical = db.routes[0];
    CHECK(critical.receiver == "db");
    CHECK(critical.group_by.all_labels);
    CHECK(critical.group_interval == Duration::minutes(1));
    CHECK(critical.repeat_interval == Duration::hours(1));
    CHECK(critical.mute_time_intervals.empty());
    // An empty group_by sets nothing: the parent's applies.
    const Route& env = db.routes[1];
    CHECK_FALSE(env.group_by.all_labels);
    CHECK(env.group_by.labels == std::vector<std::string>{"alertname"});
    CHECK(format_matchers(env.matchers) == R"({env=~"^(?:prod|stage)$"})");

    const Route& not_dev = root.routes[1];
    CHECK(not_dev.receiver == "default");
    CHECK(not_dev.group_by.labels == std::vector<std::string>{"alertname", "cluster"});
    CHECK(critical.key == R"({}/{team="db"}/{severity="critical"})");
}

TEST_CASE("issue 18.1: receivers know whether resolved notifications go out, by each integration's default") {
    const Config cfg = parse_config(R"(global: {smtp_smarthost: "mail:25", smtp_from: am@x, slack_api_url: "http://slack/"}
route: {receiver: none}
receivers:
- name: none
- name: hook
  webhook_configs: [{url: "http://x/"}]
- name: mail
  email_configs: [{to: a@b}]
- name: mail_resolved
  email_configs: [{to: a@b, send_resolved: true}]
- name: quiet_hook
  webhook_configs: [{url: "http://x/", send_resolved: false}]
- name: mixed
  slack_configs: [{channel: x}]
  pagerduty_configs: [{routing_key: k}]
)", "am.yml");
    const auto sends = [&](const std::string& name) { return cfg.receiver(name)->send_resolved; };
    CHECK(cfg.receiver("none")->is_null);
    CHECK_FALSE(cfg.receiver("hook")->is_null);
    CHECK(sends("hook"));
    CHECK_FALSE(sends("mail"));
    CHECK(sends("mail_resolved"));
    CHECK_FALSE(sends("quiet_hook"));
    CHECK(sends("mixed"));
    CHECK(cfg.receiver("nobody") == nullptr);
}

TEST_CASE("issue 18.1: inhibit rules read new and legacy matchers and the equal labels") {
    const Config cfg = parse_config(R"(route: {receiver: r}
receivers: [{name: r}]
inhibit_rules:
- source_matchers: [severity="critical"]
  target_match: {severity: warning}
  target_match_re: {team: "db.*"}
  equal: [cluster, alertname]
)", "am.yml");
    REQUIRE(cfg.inhibit_rules.size() == 1);
    const InhibitRule& rule = cfg.inhibit_rules[0];
    CHECK(format_matchers(rule.source_matchers) == R"({severity="critical"})");
    CHECK(format_matchers(rule.target_matchers) == R"({severity="warning",team=~"^(?:db.*)$"})");
    CHECK(rule.equal == std::vector<std::string>{"cluster", "alertname"});
    CHECK(rule.pos.line == 4);
}

TEST_CASE("issue 18.1: configuration mistakes name the file, line and column") {
    check_error("route:\n  receiver: a\n  recever: b\nreceivers: [{name: a}]\n", 3, 3, "field recever not found in route");
    check_error("route:\n  receiver: a\n  routes:\n  - matchers: ['a=~\"(b\"']\nreceivers: [{name: a}]\n", 4, 16,
                "error parsing regexp");
    check_error("route:\n  receiver: a\n  routes:\n  - matchers: ['a=\"b\"c\"']\nreceivers: [{name: a}]\n", 4, 16,
                "unescaped double quote");
    check_error("route:\n  receiver: a\n  routes:\n  - receiver: b\nreceivers: [{name: a}]\n", 4, 15,
                "undefined receiver \"b\" used in route");
    check_error("route:\n  receiver: a\n  matchers: [x=y]\nreceivers: [{name: a}]\n", 3, 13, "root route must not have any matchers");
    check_error("route: {receiver: a}\nreceivers: [{name: a}, {name: a}]\n", 2, 24, "\"a\" is not unique");
    check_error("route:\n  receiver: a\n  routes:\n  - mute_time_intervals: [weekend]\nreceivers: [{name: a}]\n", 4, 27,
                "undefined time interval \"weekend\"");
    check_error("route:\n  receiver: a\n  group_wait: soon\nreceivers: [{name: a}]\n", 3, 15, "not a valid duration");
    check_error("receivers: [{name: a}]\n", 1, 1, "no route provided");
    check_error("route: {receiver: a, continue: true}\nreceivers: [{name: a}]\n", 1, 8, "cannot have continue in root route");
    check_error("route: {receiver: a, group_by: [x, '...']}\nreceivers: [{name: a}]\n", 1, 32, "wildcard group_by");
    check_error("route: {receiver: a}\nreceivers: [{name: a, webhook_configs: [{url: 'http://x/', retries: 3}]}]\n", 2, 60,
                "field retries not found in an entry of webhook_configs");
    check_error("route: {receiver: a}\nreceivers: [{name: a, email_configs: [{to: x@y, from: z@y}]}]\n", 2, 39,
                "no global SMTP smarthost set");
    check_error("route: {receiver: a, routes: [{repeat_interval: 0s}]}\nreceivers: [{name: a}]\n", 1, 49,
                "repeat_interval cannot be zero");
}

TEST_CASE("issue 18.1: matchers read Alertmanager's syntax: quoted or bare values, lists in braces, escapes") {
    const auto text = [](std::string_view s) { return format_matchers(parse_matchers(s)); };
    CHECK(text(R"({foo = "bar", dings != "bums", })") == R"({foo="bar",dings!="bums"})");
    CHECK(text("foo=bar,dings!~bu.*") == R"({foo="bar",dings!~"bu.*"})");
    CHECK(text(R"({quote="She said: \"Hi, ladies!\""})") == R"({quote="She said: \"Hi, ladies!\""})");
    CHECK(text(R"(path="C:\temp")") == R"({path="C:\\temp"})");
    CHECK(text("") == "{}");
    CHECK(parse_matcher(R"(a="x\ny")").value() == "x\ny");
    CHECK_THROWS_WITH(parse_matcher("1a=b"), Catch::Contains("bad matcher format"));
    CHECK_THROWS_WITH(parse_matchers("a=b,,c=d"), Catch::Contains("bad matcher format"));
    CHECK_THROWS_WITH(parse_matcher(R"(a="b)"), Catch::Contains("unescaped double quote"));
}
