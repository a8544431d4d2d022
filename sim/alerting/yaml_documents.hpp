// Every YAML document of a text, as YAML::LoadAll reads them with merge keys resolved (yaml.v3), but never hanging: yaml-cpp 0.7 (the
// version Debian ships) loops for ever, allocating, when a document's top level holds a stray `,`
// (upstream issue #1040): its parser reports the same document again without consuming the token.
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace sim::alerting {

// Throws YAML::Exception (with the mark of the problem) on invalid YAML, that case included.
std::vector<YAML::Node> load_yaml_documents(const std::string& text);

}  // namespace sim::alerting
