#include <catch2/catch.hpp>

#include "models/platform/default_profile.hpp"
#include "models/platform/profile.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>
#include "sim/base/error.hpp"

using caracal::Profile;

TEST_CASE("issue 13.1: the built-in profile is models/profiles/default.yaml, stream MAXLEN included") {
    const std::string path = std::string(SOURCE_DIR) + "/models/profiles/default.yaml";
    const Profile file = caracal::load_profile(path);
    const Profile& builtin = caracal::default_profile();
    for (const auto& key : Profile::keys()) {
        INFO(key);
        CHECK(file.get(key) == builtin.get(key));
    }
    CHECK(builtin.redis.maxlen == file.redis.maxlen);
    CHECK(builtin.maxlen("caracal.policy.invalidate") == 100000);
    // The embedded text is the file's bytes, and the file sets every key (so nothing is left to
    // the struct's member initialisers).
    std::ifstream in(path);
    std::stringstream bytes;
    bytes << in.rdbuf();
    CHECK(bytes.str() == caracal::kDefaultProfileText);
    const YAML::Node root = YAML::Load(bytes.str());
    for (const auto& key : Profile::keys()) {
        INFO(key);
        // Keys nest by their dots (`disturbances.rolling_deploy.per_week`).
        YAML::Node node = root;
        for (std::size_t from = 0, dot = 0; dot != std::string::npos; from = dot + 1) {
            dot = key.find('.', from);
            node.reset(node[key.substr(from, dot == std::string::npos ? dot : dot - from)]);
        }
        CHECK(node.IsDefined());
    }
    // The audit streams carry no MAXLEN at 46a980b6c; the API and Coordinator producers ~100000.
    CHECK(file.redis.maxlen == std::map<std::string, std::int64_t>{{"caracal.agents.lifecycle", 100000},
                                                                   {"caracal.audit.events", 0},
                                                                   {"caracal.audit.events.dlq", 0},
                                                                   {"caracal.keys.invalidate", 100000},
                                                                   {"caracal.policy.invalidate", 100000},
                                                                   {"caracal.sessions.revoke", 100000}});
}

TEST_CASE("profile keys are set from text and read back in the same form") {
    Profile p;
    p.set("gateway.sts_timeout", "5s");
    CHECK(p.gateway.sts_timeout == sim::Duration::seconds(5));
    CHECK(p.get("gateway.sts_timeout") == "5s");
    p.set("readiness.gateway", "postgres,sts");
    CHECK(p.readiness.gateway == std::vector<std::string>{"postgres", "sts"});
    p.set("traffic.rate_noise", "0.5");
    CHECK(p.get("traffic.rate_noise") == "0.5");
}

TEST_CASE("unknown keys and ill-typed values are rejected, naming the valid keys") {
    Profile p;
    try {
        p.set("gateway.nope", "1");
        FAIL("expected an error");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()).find("gateway.sts_timeout") != std::string::npos);
    }
    CHECK_THROWS_AS(p.set("gateway.sts_timeout", "five"), std::invalid_argument);
    CHECK_THROWS_AS(p.set("replicas.api", "-1"), std::invalid_argument);
    CHECK_THROWS_AS(p.set("readiness.api", "postgres,kafka"), std::invalid_argument);
}

TEST_CASE("a bad profile file is reported with its line and column") {
    try {
        caracal::load_profile_text("gateway:\n  sts_timeout: 2s\n  sts_breakers: 5\n", "p.yaml");
        FAIL("expected an error");
    } catch (const sim::InputError& e) {
        CHECK(e.pos().line == 3);
        CHECK(e.pos().column == 3);
        CHECK(std::string(e.what()).find("gateway.sts_breakers") != std::string::npos);
    }
    try {
        caracal::load_profile_text("readiness:\n  api: [postgres, mq]\n", "p.yaml");
        FAIL("expected an error");
    } catch (const sim::InputError& e) {
        CHECK(e.pos().line == 2);
    }
}

TEST_CASE("issue 14.3/14.6: every value of a release profile says its source (path:line@that commit) or that it is "
          "an assumption") {
    struct Release {
        const char* file;
        const char* commit;
        int at_least;  // values in the file: the 46a980b6c profile is whole, a later one only differs
    };
    for (const Release r : {Release{"models/profiles/default.yaml", "@46a980b6c", 50},
                            Release{"models/profiles/caracal-6b5b47f21.yaml", "@6b5b47f21", 3}}) {
        INFO(r.file);
        std::ifstream in(r.file);
        REQUIRE(in);
        std::string line;
        int number = 0, values = 0;
        while (std::getline(in, line)) {
            ++number;
            const auto hash = line.find('#');
            const std::string body = line.substr(0, hash);
            const auto colon = body.find(':');
            if (colon == std::string::npos || body.find_first_not_of(" \t", colon + 1) == std::string::npos) continue;
            ++values;  // a key with a value on its line
            INFO("line " << number << ": " << line);
            const std::string comment = hash == std::string::npos ? "" : line.substr(hash);
            const bool sourced = comment.find("source: ") != std::string::npos && comment.find(r.commit) != std::string::npos;
            CHECK((sourced || comment.find("assumption: ") != std::string::npos));
        }
        CHECK(values >= r.at_least);
    }
}
