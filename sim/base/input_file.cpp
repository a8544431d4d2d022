#include "sim/base/input_file.hpp"

#include <array>
#include <filesystem>
#include <fstream>

#include "sim/base/error.hpp"

namespace sim {

std::string read_input_file(const std::string& path, const std::string& cannot_read, std::uintmax_t max_bytes) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (std::filesystem::is_directory(status)) throw InputError(path, {}, "is a directory, not a file");
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
        !std::filesystem::is_fifo(status) && !std::filesystem::is_character_file(status))
        throw InputError(path, {}, "is not a regular file");
    const auto too_large = [&] {
        return InputError(path, {}, "is larger than " + std::to_string(max_bytes) + " bytes, the most this input may have");
    };
    if (std::filesystem::is_regular_file(status)) {
        const auto size = std::filesystem::file_size(path, ec);
        if (!ec && size > max_bytes) throw too_large();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, {}, cannot_read);
    // Chunked, so that a stream without end is refused once past the limit, not read into memory.
    std::string text;
    std::array<char, 1 << 16> chunk;
    while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
        text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_bytes) throw too_large();
    }
    if (in.bad()) throw InputError(path, {}, cannot_read);
    return text;
}

}  // namespace sim
