// A label set: name/value pairs kept sorted by name, as Prometheus keeps them, so equality,
// ordering and hashing are structural.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sim::tsdb {

inline constexpr std::string_view kMetricName = "__name__";

struct Label {
    std::string name;
    std::string value;
    auto operator<=>(const Label&) const = default;
};

class Labels {
public:
    Labels() = default;
    Labels(std::initializer_list<Label> labels);
    static Labels from_map(const std::map<std::string, std::string>& m);

    // Empty string when absent, as in Prometheus (an empty value means "no such label").
    std::string_view get(std::string_view name) const;
    bool has(std::string_view name) const;
    // Setting an empty value removes the label.
    void set(std::string_view name, std::string_view value);
    void erase(std::string_view name);

    Labels without_name() const;                                   // drops __name__
    Labels keep_only(const std::vector<std::string>& names) const;  // `on(...)`, `by(...)`
    Labels drop(const std::vector<std::string>& names) const;       // `ignoring(...)`, `without(...)`

    const std::vector<Label>& items() const { return items_; }
    bool empty() const { return items_.empty(); }
    std::size_t size() const { return items_.size(); }
    std::uint64_t hash() const;

    // `name{a="b", c="d"}` when __name__ is set, `{a="b"}` otherwise; values Go-quoted.
    std::string to_string() const;

    auto operator<=>(const Labels&) const = default;
    bool operator==(const Labels&) const = default;

private:
    std::vector<Label> items_;
};

// Go's strconv.Quote for the ASCII/UTF-8 text we see in label values.
std::string quote(std::string_view s);

struct LabelsHash {
    std::size_t operator()(const Labels& l) const { return static_cast<std::size_t>(l.hash()); }
};

}  // namespace sim::tsdb
