// What-if edits of a scenario file: a value written into the scenario's YAML at a dotted key, then
// the whole file parsed again, so an edited scenario is validated exactly as a file is (a fault
// step whose duration follows fault_duration follows it here too).
//
// Keys: a top-level field (`scenario.fault_duration`, `.warmup`, `.recovery`, `.seed`,
// `.traffic.multiplier`),
// a field of fault step N counted from 0 (`faults.0.at`, `faults.0.duration`, or any parameter its
// primitive reads, e.g. `faults.0.error_rate`), or a profile key (`profile.gateway.sts_timeout`),
// which goes into the scenario's own `profile:` overrides and so wins over a --profile file.
#pragma once

#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace caracal {

struct ScenarioEdit {
    std::string key;
    std::string value;  // as it would be written in the file
};

// A scenario file's text, kept to be edited and parsed again.
class ScenarioSource {
public:
    // Throws sim::InputError when the file cannot be read or does not parse.
    static ScenarioSource load(const std::string& path);
    ScenarioSource(std::string text, std::string file);

    const std::string& file() const { return file_; }
    const Scenario& scenario() const { return scenario_; }

    // The scenario with the edits applied in order. Throws sim::InputError naming the file and
    // `key=value` when a key is not editable (listing the keys that are) or the edited scenario
    // does not validate.
    Scenario edited(const std::vector<ScenarioEdit>& edits) const;

    // The editable keys of this scenario; a fault step's unwritten parameters and every profile
    // key are shown as `faults.N.<parameter>` and `profile.<key>`.
    std::vector<std::string> keys() const;

private:
    std::string text_, file_;
    Scenario scenario_;
};

}  // namespace caracal
