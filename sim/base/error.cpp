#include "sim/base/error.hpp"

namespace sim {

std::string format_location(const std::string& file, SourcePos pos) {
    std::string out = file.empty() ? "<input>" : file;
    if (pos.line > 0) {
        out += ":" + std::to_string(pos.line);
        if (pos.column > 0) out += ":" + std::to_string(pos.column);
    }
    return out;
}

InputError::InputError(std::string file, SourcePos pos, const std::string& message)
    : std::runtime_error(format_location(file, pos) + ": " + message),
      file_(std::move(file)),
      pos_(pos),
      message_(message) {}

}  // namespace sim
