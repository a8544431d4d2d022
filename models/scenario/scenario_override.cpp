#include "models/scenario/scenario_override.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>

#include "models/scenario/scenario_limits.hpp"
#include "sim/alerting/yaml_merge_keys.hpp"
#include "sim/base/error.hpp"
#include "sim/base/input_file.hpp"

namespace caracal {

namespace {

constexpr const char* kFaults = "faults";
constexpr const char* kProfile = "profile";

// `scenario.` and the field's path in the file.
const std::vector<std::string>& top_level_keys() {
    static const std::vector<std::string> keys{"scenario.warmup", "scenario.fault_duration", "scenario.recovery",
                                               "scenario.seed", "scenario.traffic.multiplier"};
    return keys;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

std::vector<std::string> split_dots(const std::string& key) {
    std::vector<std::string> parts;
    std::istringstream in(key);
    for (std::string part; std::getline(in, part, '.');) parts.push_back(part);
    return parts;
}

// The fault step index of `faults.N.<field>`, when N is a step of this scenario.
std::optional<std::size_t> step_index(const std::string& text, std::size_t steps) {
    std::size_t index = 0;
    // from_chars refuses signs, spaces and indices beyond 64 bits (where std::stoul would throw).
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return index < steps ? std::optional(index) : std::nullopt;
}

}  // namespace

ScenarioSource ScenarioSource::load(const std::string& path) {
    return ScenarioSource(sim::read_input_file(path, "cannot read the scenario file", kMaxScenarioBytes), path);
}

ScenarioSource::ScenarioSource(std::string text, std::string file)
    : text_(std::move(text)), file_(std::move(file)), scenario_(parse_scenario_text(text_, file_)) {}

Scenario ScenarioSource::edited(const std::vector<ScenarioEdit>& edits) const {
    if (edits.empty()) return scenario_;
    YAML::Node root = YAML::Load(text_);  // parsed once already: cannot fail
    sim::alerting::resolve_merge_keys(root);  // edits land on the merged steps
    std::vector<std::string> described;
    for (const auto& edit : edits) {
        described.push_back(edit.key + "=" + edit.value);
        const auto fail = [&](const std::string& message) {
            throw sim::InputError(file_, {}, described.back() + ": " + message);
        };
        const std::vector<std::string> parts = split_dots(edit.key);
        const auto& top = top_level_keys();
        if (std::find(top.begin(), top.end(), edit.key) != top.end()) {
            if (parts.size() == 2) root[parts[1]] = edit.value;
            else root[parts[1]][parts[2]] = edit.value;  // scenario.traffic.multiplier
        } else if (parts.size() == 3 && parts[0] == kFaults && parts[2] != "primitive") {
            const auto index = step_index(parts[1], scenario_.faults.size());
            if (!index) fail("no fault step " + parts[1] + " (the scenario has " + std::to_string(scenario_.faults.size()) + ")");
            root[kFaults][*index][parts[2]] = edit.value;
        } else if (parts.size() > 1 && parts[0] == kProfile) {
            root[kProfile][edit.key.substr(std::string(kProfile).size() + 1)] = edit.value;
        } else {
            fail("not an editable scenario key; editable: " + join(keys(), ", "));
        }
    }
    std::ostringstream text;
    text << root;
    try {
        return parse_scenario_text(text.str(), file_);
    } catch (const sim::InputError& e) {
        // Positions would point into the edited text, which nobody sees: name the edits instead.
        throw sim::InputError(file_, {}, join(described, " ") + ": " + e.message());
    }
}

std::vector<std::string> ScenarioSource::keys() const {
    std::vector<std::string> keys = top_level_keys();
    const YAML::Node steps = YAML::Load(text_)[kFaults];
    for (std::size_t i = 0; i < scenario_.faults.size(); ++i) {
        const std::string prefix = std::string(kFaults) + "." + std::to_string(i) + ".";
        keys.push_back(prefix + "at");
        keys.push_back(prefix + "duration");
        for (const auto& kv : steps[i]) {
            const std::string name = kv.first.as<std::string>();
            if (name != "primitive" && name != "at" && name != "duration") keys.push_back(prefix + name);
        }
        keys.push_back(prefix + "<parameter>");
    }
    keys.push_back(std::string(kProfile) + ".<key>");
    return keys;
}

}  // namespace caracal
