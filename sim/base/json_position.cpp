#include "sim/base/json_position.hpp"

#include <algorithm>

namespace sim {

SourcePos json_error_position(const std::string& text, std::size_t byte) {
    SourcePos pos{1, 1};
    const std::size_t end = std::min(byte == 0 ? 0 : byte - 1, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            pos.column = 1;
        } else {
            ++pos.column;
        }
    }
    return pos;
}

}  // namespace sim
