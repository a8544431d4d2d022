// A YAML mapping read key by key, strictly: every problem is a sim::InputError at the offending
// node saying what was expected, and keys nobody read are rejected. Scenario files and fault steps
// are read through it, so both report errors the same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "sim/base/error.hpp"
#include "sim/base/time.hpp"

namespace caracal {

sim::SourcePos yaml_pos(const YAML::Node& node);

class YamlMapping {
public:
    // `prefix` starts every message (e.g. "block: "); `also_allowed` are keys read elsewhere.
    // Throws if `node` is not a mapping.
    YamlMapping(YAML::Node node, std::string file, std::string prefix, std::vector<std::string> also_allowed = {});

    const YAML::Node& node() const { return node_; }
    const std::string& file() const { return file_; }

    // The raw node under `key` (marked as read); undefined when absent.
    YAML::Node child(const std::string& key);
    std::optional<std::string> optional_text(const std::string& key);
    std::string text(const std::string& key);
    std::optional<sim::Duration> optional_duration(const std::string& key);
    sim::Duration duration(const std::string& key);
    // `min` and `max` bound the value (inclusive).
    std::optional<double> optional_number(const std::string& key, double min, double max);
    double number(const std::string& key, double min, double max);
    std::optional<int> optional_count(const std::string& key, int min, int max);
    int count(const std::string& key, int min, int max);
    bool flag(const std::string& key, bool fallback);
    // An optional key that, when given, must be `only` (the one target modelled so far).
    void fixed(const std::string& key, const std::string& only);

    // A problem with the value under `key` (or with the whole mapping when the key is absent).
    [[noreturn]] void fail(const std::string& key, const std::string& message) const;
    // Rejects every key that was neither read nor allowed.
    void finish() const;

private:
    YAML::Node node_;
    std::string file_;
    std::string prefix_;
    std::vector<std::string> read_;
};

}  // namespace caracal
