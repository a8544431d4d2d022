// Reading an input file (rules, tests, scenarios, profiles, docs, shards) whole, with the checks
// every reader needs: it exists, it is a regular file (a directory opens as an empty stream on
// Linux and would read as an empty input), and it is not absurdly large.
#pragma once

#include <cstdint>
#include <string>

namespace sim {

// Input files are read whole into memory; past this size a file is refused rather than read.
inline constexpr std::uintmax_t kMaxInputFileBytes = 64u << 20;

// The file's bytes. Throws InputError naming the path: `cannot_read` when it cannot be opened or
// read, and saying so when it is a directory (or another non-regular file) or has more than
// `max_bytes` (also a pipe or device, such as /dev/zero, which has no size to check first).
std::string read_input_file(const std::string& path, const std::string& cannot_read,
                            std::uintmax_t max_bytes = kMaxInputFileBytes);

}  // namespace sim
