#include "sim/alerting/yaml_merge_keys.hpp"

#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace sim::alerting {

namespace {

// A plain `<<` (or one tagged !!merge); a quoted "<<" is an ordinary string key in both Go libraries.
bool is_merge_key(const YAML::Node& key) {
    return key.IsScalar() && key.Scalar() == "<<" && (key.Tag() == "?" || key.Tag() == "tag:yaml.org,2002:merge");
}

std::optional<std::string> key_name(const YAML::Node& key) {
    if (!key.IsScalar()) return std::nullopt;
    return key.Scalar();
}

struct Entry {
    YAML::Node key;
    YAML::Node value;
    bool merged = false;      // came from a `<<` source rather than being written in the mapping
    bool overridden = false;  // replaced by a later entry of the same key
};
// Entries are never assigned to one another: assigning a YAML::Node writes through to the node it
// refers to (yaml-cpp's reference semantics), which would rewrite the anchored mapping itself.

class Resolver {
public:
    explicit Resolver(const MergeRules& rules) : rules_(rules) {}

    void resolve(YAML::Node node, bool go_map) {
        if (!node.IsMap() && !node.IsSequence()) return;
        if (!first_visit(node)) return;  // an alias of a collection already resolved (or being resolved)
        if (node.IsSequence()) {
            for (auto item : node) resolve(item, false);
            return;
        }
        std::vector<Entry> entries;
        bool has_merge = false;
        for (auto kv : node) {
            entries.push_back({kv.first, kv.second});
            if (is_merge_key(kv.first)) {
                has_merge = true;
            } else {
                const auto name = key_name(kv.first);
                resolve(kv.second, name && rules_.go_map_keys.count(*name) > 0);
            }
        }
        if (!has_merge) return;
        const auto result = rules_.dialect == MergeDialect::yaml_v3 ? merge_v3(entries) : merge_v2(entries, go_map);
        for (const auto& e : entries) node.remove(e.key);
        for (const auto& e : result)
            if (!e.overridden) node.force_insert(e.key, e.value);
    }

private:
    // Identity of collections, looked up by source offset first: an alias is the anchored node itself.
    bool first_visit(const YAML::Node& node) {
        const auto [lo, hi] = visited_.equal_range(node.Mark().pos);
        for (auto it = lo; it != hi; ++it)
            if (it->second.is(node)) return false;
        visited_.emplace(node.Mark().pos, node);
        return true;
    }

    // The mappings a `<<` value names, each resolved first (a merged mapping may merge in turn).
    std::vector<YAML::Node> sources(const YAML::Node& merge_key, const YAML::Node& value) {
        const auto want_map = [&] {
            throw YAML::Exception(merge_key.Mark(), "map merge requires map or sequence of maps as the value");
        };
        std::vector<YAML::Node> out;
        if (value.IsMap()) {
            out.push_back(value);
        } else if (value.IsSequence()) {
            for (const auto& item : value) {
                if (!item.IsMap()) want_map();
                out.push_back(item);
            }
        } else {
            want_map();
        }
        for (const auto& s : out) resolve(s, false);
        return out;
    }

    // yaml.v3: explicit keys first, wherever written; then merged keys not yet present, earlier first.
    std::vector<Entry> merge_v3(const std::vector<Entry>& entries) {
        std::vector<Entry> out;
        std::set<std::string> present;
        for (const auto& e : entries) {
            if (is_merge_key(e.key)) continue;
            out.push_back(e);
            if (const auto name = key_name(e.key)) present.insert(*name);
        }
        for (const auto& e : entries) {
            if (!is_merge_key(e.key)) continue;
            for (const auto& source : sources(e.key, e.value)) {
                for (auto kv : source) {
                    const auto name = key_name(kv.first);
                    if (name && !present.insert(*name).second) continue;
                    out.push_back({kv.first, kv.second, true});
                }
            }
        }
        return out;
    }

    // yaml.v2: entries applied in order, merged lists last to first so the earlier mapping wins.
    // A struct field set again through a merge is overwritten; two explicit settings (or any repeat
    // in a Go map) are kept for the reader to reject.
    std::vector<Entry> merge_v2(const std::vector<Entry>& entries, bool go_map) {
        std::vector<Entry> out;
        const auto set = [&](const Entry& e) {
            const auto name = key_name(e.key);
            if (!go_map && name) {
                for (auto& existing : out) {
                    if (!existing.overridden && key_name(existing.key) == name && (existing.merged || e.merged)) {
                        existing.overridden = true;
                        break;
                    }
                }
            }
            out.push_back(e);
        };
        for (const auto& e : entries) {
            if (!is_merge_key(e.key)) {
                set(e);
                continue;
            }
            const auto list = sources(e.key, e.value);
            for (auto it = list.rbegin(); it != list.rend(); ++it)
                for (auto kv : *it) set({kv.first, kv.second, true});
        }
        return out;
    }

    const MergeRules& rules_;
    std::multimap<int, YAML::Node> visited_;
};

}  // namespace

void resolve_merge_keys(YAML::Node& root, const MergeRules& rules) {
    Resolver(rules).resolve(root, false);
}

}  // namespace sim::alerting
