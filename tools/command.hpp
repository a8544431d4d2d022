// How subcommands plug into the `caracal-twin` CLI: each tools/cmd_*.cpp registers itself, so
// adding a command never touches main.cpp.
#pragma once

#include <functional>
#include <vector>

#include <CLI/CLI.hpp>

namespace caracal::tools {

// The CLI contract's exit codes.
inline constexpr int kExitPass = 0;
inline constexpr int kExitFail = 1;      // a test, check or expectation failed
inline constexpr int kExitBadInput = 2;  // malformed input or usage

// A subcommand added to the app, and what runs it once the command line is parsed.
struct Command {
    CLI::App* app = nullptr;
    std::function<int()> run;
};

// Adds one subcommand (its options bound to state the returned runner owns) to the app.
using CommandSetup = std::function<Command(CLI::App& app)>;

// Call from a namespace-scope initializer in the command's file:
//   const bool registered = register_command(setup_my_command);
bool register_command(CommandSetup setup);
const std::vector<CommandSetup>& registered_commands();

}  // namespace caracal::tools
