#include "sim/base/input_file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/base/error.hpp"

namespace sim {

std::string read_input_file(const std::string& path, const std::string& cannot_read) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (std::filesystem::is_directory(status)) throw InputError(path, {}, "is a directory, not a file");
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
        !std::filesystem::is_fifo(status) && !std::filesystem::is_character_file(status))
        throw InputError(path, {}, "is not a regular file");
    if (std::filesystem::is_regular_file(status)) {
        const auto size = std::filesystem::file_size(path, ec);
        if (!ec && size > kMaxInputFileBytes)
            throw InputError(path, {}, "is " + std::to_string(size) + " bytes; input files may have at most " +
                                           std::to_string(kMaxInputFileBytes) + " bytes");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, {}, cannot_read);
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw InputError(path, {}, cannot_read);
    return text.str();
}

}  // namespace sim
