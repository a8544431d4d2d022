// Mapping keys as text, for every YAML reader of the models (profiles, scenarios, expectations).
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

namespace caracal {

// A mapping key as text. A complex key (`? [a, b]`: a list or mapping as key) is a sim::InputError
// at its position: no key in our files is one, and yaml-cpp would throw an unpositioned conversion
// error. A null key reads as "null", which no mapping knows.
std::string yaml_key(const YAML::Node& key, const std::string& file);

}  // namespace caracal
