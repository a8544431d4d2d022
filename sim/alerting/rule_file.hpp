// Loads Prometheus rule files: plain `groups:` files and Kubernetes PrometheusRule objects
// (`spec.groups`, several YAML documents per file), validated as Prometheus 2.42 validates them.
#pragma once

#include <string>
#include <vector>

#include "sim/alerting/group.hpp"

namespace sim::alerting {

struct RuleSet {
    std::vector<Group> groups;

    // Every group cloned (Group::clone): the same rules, none evaluated yet.
    RuleSet clone() const;
};

// Throws sim::InputError naming file:line:col and what was expected on any problem.
RuleSet load_rule_file(const std::string& path);
// The file's text; throws sim::InputError when it cannot be read.
std::string read_rule_file(const std::string& path);
RuleSet load_rule_text(const std::string& text, const std::string& file_name);

}  // namespace sim::alerting
