#include "models/platform/yaml_mapping.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/platform/yaml_key.hpp"

namespace caracal {

sim::SourcePos yaml_pos(const YAML::Node& node) { return {node.Mark().line + 1, node.Mark().column + 1}; }

YamlMapping::YamlMapping(YAML::Node node, std::string file, std::string prefix, std::vector<std::string> also_allowed)
    : node_(std::move(node)), file_(std::move(file)), prefix_(std::move(prefix)), read_(std::move(also_allowed)) {
    if (!node_.IsMap()) throw sim::InputError(file_, yaml_pos(node_), prefix_ + "expected a mapping");
}

YAML::Node YamlMapping::child(const std::string& key) {
    read_.push_back(key);
    return node_[key];
}

void YamlMapping::fail(const std::string& key, const std::string& message) const {
    const YAML::Node v = node_[key];
    throw sim::InputError(file_, yaml_pos(v ? v : node_), prefix_ + message);
}

std::optional<std::string> YamlMapping::optional_text(const std::string& key) {
    const YAML::Node v = child(key);
    if (!v) return std::nullopt;
    if (!v.IsScalar()) fail(key, "expected a single value for \"" + key + "\"");
    return v.Scalar();
}

std::string YamlMapping::text(const std::string& key) {
    auto t = optional_text(key);
    if (!t) fail(key, "missing \"" + key + "\"");
    return *t;
}

std::optional<sim::Duration> YamlMapping::optional_duration(const std::string& key) {
    const auto t = optional_text(key);
    if (!t) return std::nullopt;
    const auto d = sim::parse_duration(*t);
    if (!d) fail(key, "expected a duration like 30s or 1m30s for \"" + key + "\", got \"" + *t + "\"");
    return d;
}

sim::Duration YamlMapping::duration(const std::string& key) {
    auto d = optional_duration(key);
    if (!d) fail(key, "missing \"" + key + "\"");
    return *d;
}

std::optional<double> YamlMapping::optional_number(const std::string& key, double min, double max) {
    const auto t = optional_text(key);
    if (!t) return std::nullopt;
    double v = 0;
    try {
        std::size_t used = 0;
        v = std::stod(*t, &used);
        if (used != t->size()) throw std::invalid_argument(*t);
    } catch (const std::exception&) {
        fail(key, "expected a number for \"" + key + "\", got \"" + *t + "\"");
    }
    if (!(v >= min && v <= max))
        fail(key, "\"" + key + "\" must lie between " + YAML::Node(min).Scalar() + " and " + YAML::Node(max).Scalar());
    return v;
}

double YamlMapping::number(const std::string& key, double min, double max) {
    auto v = optional_number(key, min, max);
    if (!v) fail(key, "missing \"" + key + "\"");
    return *v;
}

std::optional<int> YamlMapping::optional_count(const std::string& key, int min, int max) {
    const auto v = optional_number(key, min, max);
    if (!v) return std::nullopt;
    if (*v != static_cast<int>(*v)) fail(key, "expected a whole number for \"" + key + "\"");
    return static_cast<int>(*v);
}

int YamlMapping::count(const std::string& key, int min, int max) {
    auto v = optional_count(key, min, max);
    if (!v) fail(key, "missing \"" + key + "\"");
    return *v;
}

bool YamlMapping::flag(const std::string& key, bool fallback) {
    const auto t = optional_text(key);
    if (!t) return fallback;
    if (*t == "true") return true;
    if (*t == "false") return false;
    fail(key, "expected true or false for \"" + key + "\", got \"" + *t + "\"");
}

void YamlMapping::fixed(const std::string& key, const std::string& only) {
    const auto v = optional_text(key);
    if (v && *v != only) fail(key, "only \"" + only + "\" is modelled for \"" + key + "\"");
}

void YamlMapping::finish() const {
    for (const auto& kv : node_) {
        const std::string key = yaml_key(kv.first, file_);
        if (std::find(read_.begin(), read_.end(), key) == read_.end())
            throw sim::InputError(file_, yaml_pos(kv.first), prefix_ + "unknown key \"" + key + "\"");
    }
}

}  // namespace caracal
