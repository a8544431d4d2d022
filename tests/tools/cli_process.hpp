// Runs the built caracal-twin binary (TWIN_BINARY) from the source tree and captures its exit code,
// stdout and stderr separately, for end-to-end CLI tests.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cli_test {

struct CliResult {
    int exit_code = -1;
    std::string out;
    std::string err;

    std::vector<std::string> err_lines() const {
        std::vector<std::string> lines;
        std::istringstream in(err);
        for (std::string line; std::getline(in, line);) lines.push_back(line);
        return lines;
    }
};

// The twin's earlier, invented alert pack (a fixture since issue 14.1): every selector it reads is
// simulated, and the tests that pin its windows and outcomes name it explicitly.
inline const std::string kInventedRules = "--rules tests/fixtures/rules/invented-pack.yaml";

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A scratch folder of its own for each test case, removed afterwards.
class ScratchDir {
public:
    ScratchDir() {
        path_ = std::filesystem::temp_directory_path() /
                ("caracal-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() { std::filesystem::remove_all(path_); }
    const std::filesystem::path& path() const { return path_; }

private:
    static int& counter() {
        static int n = 0;
        return n;
    }
    std::filesystem::path path_;
};

// `args` is appended to the binary's path as shell words; runs in `cwd` (default: the source tree).
inline CliResult run_twin(const std::string& args, const std::string& cwd = SOURCE_DIR) {
    ScratchDir scratch;
    const auto out = scratch.path() / "stdout";
    const auto err = scratch.path() / "stderr";
    const std::string command = "cd '" + cwd + "' && '" + std::string(TWIN_BINARY) + "' " + args + " >'" +
                                out.string() + "' 2>'" + err.string() + "' </dev/null";
    const int status = std::system(command.c_str());
    CliResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

}  // namespace cli_test
