#include "models/platform/yaml_key.hpp"

#include "sim/base/error.hpp"

namespace caracal {

std::string yaml_key(const YAML::Node& key, const std::string& file) {
    if (key.IsSequence() || key.IsMap())
        throw sim::InputError(file, {key.Mark().line + 1, key.Mark().column + 1},
                              "expected a name as key, found a complex key");
    return key.as<std::string>();
}

}  // namespace caracal
