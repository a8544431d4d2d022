// Errors caused by user input carry where in which file the problem is, so the CLI can print one
// positioned line and exit 2 instead of crashing.
#pragma once

#include <stdexcept>
#include <string>

namespace sim {

struct SourcePos {
    int line = 0;    // 1-based; 0 = unknown
    int column = 0;  // 1-based; 0 = unknown
};

class InputError : public std::runtime_error {
public:
    InputError(std::string file, SourcePos pos, const std::string& message);
    const std::string& file() const { return file_; }
    SourcePos pos() const { return pos_; }
    // The message without the location prefix.
    const std::string& message() const { return message_; }

private:
    std::string file_;
    SourcePos pos_;
    std::string message_;
};

// "file:line:col: message", leaving out the parts that are unknown.
std::string format_location(const std::string& file, SourcePos pos);

}  // namespace sim
