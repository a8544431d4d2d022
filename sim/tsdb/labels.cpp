#include "sim/tsdb/labels.hpp"

#include <algorithm>
#include <cstdio>

namespace sim::tsdb {

namespace {
auto find_pos(std::vector<Label>& items, std::string_view name) {
    return std::lower_bound(items.begin(), items.end(), name,
                            [](const Label& l, std::string_view n) { return l.name < n; });
}
auto find_pos(const std::vector<Label>& items, std::string_view name) {
    return std::lower_bound(items.begin(), items.end(), name,
                            [](const Label& l, std::string_view n) { return l.name < n; });
}
bool contains(const std::vector<std::string>& names, std::string_view n) {
    return std::find(names.begin(), names.end(), n) != names.end();
}
}  // namespace

Labels::Labels(std::initializer_list<Label> labels) {
    for (const auto& l : labels) set(l.name, l.value);
}

Labels Labels::from_map(const std::map<std::string, std::string>& m) {
    Labels out;
    for (const auto& [k, v] : m)
        if (!v.empty()) out.items_.push_back({k, v});
    return out;
}

std::string_view Labels::get(std::string_view name) const {
    auto it = find_pos(items_, name);
    if (it != items_.end() && it->name == name) return it->value;
    return {};
}

bool Labels::has(std::string_view name) const {
    auto it = find_pos(items_, name);
    return it != items_.end() && it->name == name;
}

void Labels::set(std::string_view name, std::string_view value) {
    auto it = find_pos(items_, name);
    const bool present = it != items_.end() && it->name == name;
    if (value.empty()) {
        if (present) items_.erase(it);
        return;
    }
    if (present)
        it->value.assign(value);
    else
        items_.insert(it, Label{std::string(name), std::string(value)});
}

void Labels::erase(std::string_view name) { set(name, {}); }

Labels Labels::without_name() const {
    Labels out;
    out.items_.reserve(items_.size());
    for (const auto& l : items_)
        if (l.name != kMetricName) out.items_.push_back(l);
    return out;
}

Labels Labels::keep_only(const std::vector<std::string>& names) const {
    Labels out;
    for (const auto& l : items_)
        if (contains(names, l.name)) out.items_.push_back(l);
    return out;
}

Labels Labels::drop(const std::vector<std::string>& names) const {
    Labels out;
    for (const auto& l : items_)
        if (!contains(names, l.name)) out.items_.push_back(l);
    return out;
}

std::uint64_t Labels::hash() const {
    // FNV-1a with a separator byte that cannot occur in UTF-8 text, as Prometheus does with 0xff.
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&h](std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        h ^= 0xff;
        h *= 1099511628211ULL;
    };
    for (const auto& l : items_) {
        mix(l.name);
        mix(l.value);
    }
    return h;
}

std::string quote(std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\x%02x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
    return out;
}

std::string Labels::to_string() const {
    std::string out(get(kMetricName));
    out += '{';
    bool first = true;
    for (const auto& l : items_) {
        if (l.name == kMetricName) continue;
        if (!first) out += ", ";
        first = false;
        out += l.name;
        out += '=';
        out += quote(l.value);
    }
    out += '}';
    return out;
}

}  // namespace sim::tsdb
