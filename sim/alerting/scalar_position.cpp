#include "sim/alerting/scalar_position.hpp"

#include <algorithm>

namespace sim::alerting {

// Folding and indentation change only whitespace, so the n-th non-blank character of the value is
// the n-th non-blank character of the scalar's source (escapes in double-quoted scalars shift this
// slightly).
SourcePos position_in_scalar(std::string_view source, const YAML::Node& node, std::string_view value, int offset) {
    const YAML::Mark m = node.Mark();
    if (m.is_null()) return {};
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    const auto upto = std::min<std::size_t>(std::max(offset, 0), value.size());
    const auto wanted = std::count_if(value.begin(), value.begin() + upto, [&](char c) { return !blank(c); });

    SourcePos at{m.line + 1, m.column + 1};
    SourcePos last = at;
    std::size_t i = m.pos;
    // Skip the block indicator line (`|`, `>-`, ...) or the opening quote.
    const bool block = i < source.size() && (source[i] == '|' || source[i] == '>');
    const bool quoted = i < source.size() && (source[i] == '"' || source[i] == '\'');
    const auto skip = block ? std::min(source.find('\n', i), source.size()) - i : quoted ? 1 : 0;
    i += skip;
    at.column += static_cast<int>(skip);
    // At the end of the value, the place just past its last character: the scalar may be
    // followed by more of the file, whose characters are not the value's.
    const bool at_end = upto == value.size() && wanted > 0;
    const long target = at_end ? wanted - 1 : wanted;
    for (long seen = 0; i < source.size(); ++i) {
        const char c = source[i];
        if (!blank(c)) {
            if (seen++ == target) return at_end ? SourcePos{at.line, at.column + 1} : at;
            last = at;
        }
        if (c == '\n') {
            ++at.line;
            at.column = 1;
        } else {
            ++at.column;
        }
    }
    return {last.line, last.column + 1};  // the end of the text: just past its last character
}

}  // namespace sim::alerting
