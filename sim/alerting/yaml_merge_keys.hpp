// YAML merge keys (`<<: *anchor`, `<<: [*a, *b]`) resolved the way Prometheus' Go YAML libraries do;
// yaml-cpp parses `<<` as an ordinary key and never merges. Two dialects, because promtool 2.42 reads
// rule files with yaml.v3 and unit-test files with yaml.v2 (strict):
//
// - MergeDialect::yaml_v3: a key written in the mapping itself wins wherever it stands; among merged
//   mappings the earlier one in a `<<: [...]` list wins.
// - MergeDialect::yaml_v2_strict: the mapping is read in order, merged entries setting fields as they
//   come (a `<<` after an explicit key overwrites it; in a list the earlier mapping wins). Into a Go
//   map a key may be set only once: for mappings under `go_map_keys` every entry is kept, repeats
//   included, so the reader reports the repeat as yaml.v2 does ("key ... already set in map").
//
// The resolution rewrites the tree in place (node marks survive, so later errors still name the line
// and column where a value was written). Merging anything but a mapping or a list of mappings throws
// YAML::Exception at the `<<` value, with yaml's message.
#pragma once

#include <set>
#include <string>

#include <yaml-cpp/yaml.h>

namespace sim::alerting {

enum class MergeDialect { yaml_v3, yaml_v2_strict };

struct MergeRules {
    MergeDialect dialect = MergeDialect::yaml_v3;
    std::set<std::string> go_map_keys;  // yaml_v2_strict only: keys whose mapping value is a Go map
};

void resolve_merge_keys(YAML::Node& root, const MergeRules& rules = {});

}  // namespace sim::alerting
