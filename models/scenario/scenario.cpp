#include "models/scenario/scenario.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "models/platform/yaml_key.hpp"
#include "models/platform/yaml_mapping.hpp"
#include "models/scenario/scenario_limits.hpp"
#include "sim/alerting/yaml_merge_keys.hpp"
#include "sim/base/input_file.hpp"

namespace caracal {

namespace {

void within_run_span(const YamlMapping& m, const std::string& key, Duration d) {
    if (d > kMaxRunSpan)
        m.fail(key, "\"" + key + "\" must be at most " + sim::format_duration(kMaxRunSpan) + ", the longest run");
}

// Each phase is checked alone first, so that their sum cannot overflow.
void check_run_span(const YamlMapping& top, const Scenario& s) {
    within_run_span(top, "warmup", s.warmup);
    within_run_span(top, "fault_duration", s.fault_duration);
    within_run_span(top, "recovery", s.recovery);
    const Duration span = s.warmup + s.fault_duration + s.recovery;
    if (span > kMaxRunSpan)
        top.fail("fault_duration", "warmup + fault_duration + recovery is " + sim::format_duration(span) +
                                       "; a run spans at most " + sim::format_duration(kMaxRunSpan));
}

FaultStep parse_step(const YAML::Node& node, const Scenario& s) {
    if (!node.IsMap()) throw sim::InputError(s.file, yaml_pos(node), "expected a fault step (a mapping with \"primitive\")");
    YamlMapping step(node, s.file, "fault step: ");
    const std::string primitive = step.text("primitive");
    FaultStep out;
    out.pos = yaml_pos(node);
    out.at = step.optional_duration("at").value_or(Duration());
    if (step.optional_text("duration") == std::optional<std::string>("until_recovered"))
        out.duration.reset();
    else
        out.duration = step.optional_duration("duration").value_or(s.fault_duration);
    if (out.duration && *out.duration <= Duration()) step.fail("duration", "\"duration\" must be positive");
    if (out.duration) within_run_span(step, "duration", *out.duration);
    // Recovery actions (a DLQ replay, a roll-forward) may come during the recovery window.
    if (out.at > s.fault_duration + s.recovery) step.fail("at", "\"at\" lies after the end of the run (fault_duration + recovery)");
    FaultParams params(primitive, node, s.file);
    out.fault = parse_fault(primitive, params);
    return out;
}

std::vector<ProfileOverride> parse_overrides(YamlMapping& top) {
    std::vector<ProfileOverride> out;
    const YAML::Node node = top.child("profile");
    if (!node) return out;
    if (!node.IsMap()) top.fail("profile", "expected a mapping of profile key to value");
    Profile check;
    for (const auto& kv : node) {
        if (!kv.second.IsScalar())
            throw sim::InputError(top.file(), yaml_pos(kv.second), "expected a single value for a profile key");
        ProfileOverride o{yaml_key(kv.first, top.file()), kv.second.Scalar(), yaml_pos(kv.first)};
        try {
            check.set(o.key, o.value);
        } catch (const std::invalid_argument& e) {
            throw sim::InputError(top.file(), o.pos, std::string("profile: ") + e.what());
        }
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace

Profile Scenario::apply_overrides(Profile base) const {
    for (const auto& o : profile) base.set(o.key, o.value);
    return base;
}

Scenario parse_scenario_text(const std::string& text, const std::string& file_name) {
    YAML::Node root;
    try {
        root = YAML::Load(text);
        sim::alerting::resolve_merge_keys(root);
    } catch (const YAML::Exception& e) {
        throw sim::InputError(file_name, {e.mark.line + 1, e.mark.column + 1}, e.msg);
    }
    if (!root.IsMap()) throw sim::InputError(file_name, yaml_pos(root), "expected a scenario (a mapping with \"name\")");
    YamlMapping top(root, file_name, "");
    Scenario s;
    s.file = file_name;
    s.name = top.text("name");
    s.drill = top.optional_text("drill").value_or("");
    s.variant = top.optional_text("variant").value_or("");
    s.seed = static_cast<std::uint64_t>(top.optional_count("seed", 0, 2147483647).value_or(1));
    s.warmup = top.optional_duration("warmup").value_or(s.warmup);
    s.fault_duration = top.duration("fault_duration");
    s.recovery = top.optional_duration("recovery").value_or(Duration());
    check_run_span(top, s);
    if (const YAML::Node traffic = top.child("traffic")) {
        YamlMapping t(traffic, file_name, "traffic: ");
        s.traffic_multiplier = t.optional_number("multiplier", 0, 1000).value_or(1);
        t.finish();
    }
    s.profile = parse_overrides(top);
    if (const YAML::Node faults = top.child("faults")) {
        if (!faults.IsSequence()) top.fail("faults", "expected a list of fault steps");
        if (faults.size() > kMaxFaultSteps)
            top.fail("faults", std::to_string(faults.size()) + " fault steps; a scenario may have at most " +
                                   std::to_string(kMaxFaultSteps));
        for (const auto& step : faults) s.faults.push_back(parse_step(step, s));
    }
    if (const auto d = top.optional_text("disturbances")) {
        if (*d != "routine") top.fail("disturbances", "expected \"routine\" (the profile's routine disturbances)");
        s.routine_disturbances = true;
    }
    s.expectations = parse_expectations(top.child("expectations"), file_name);
    top.finish();
    return s;
}

Scenario load_scenario(const std::string& path) {
    return parse_scenario_text(sim::read_input_file(path, "cannot read the scenario file", kMaxScenarioBytes), path);
}

}  // namespace caracal
