// A label matcher (`=`, `!=`, `=~`, `!~`). Regexes are RE2, fully anchored, exactly as
// Prometheus compiles them (`^(?:re)$`), so `.` does not match a newline.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace sim::tsdb {

enum class MatchOp { Equal, NotEqual, Regex, NotRegex };

std::string_view to_string(MatchOp op);

class Matcher {
public:
    // Throws std::invalid_argument with RE2's message when a regex does not compile.
    Matcher(std::string name, MatchOp op, std::string value);

    const std::string& name() const { return name_; }
    MatchOp op() const { return op_; }
    const std::string& value() const { return value_; }

    // A label that is absent matches as the empty string, as in Prometheus.
    bool matches(std::string_view label_value) const;
    bool matches_empty() const { return matches(""); }

    std::string to_string() const;  // name="value"

private:
    std::string name_;
    MatchOp op_;
    std::string value_;
    std::shared_ptr<const re2::RE2> re_;
};

}  // namespace sim::tsdb
