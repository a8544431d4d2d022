// The `caracal-twin` entry point: parses the command line and hands over to the subcommand.
#include <iostream>
#include <memory>

#include "tools/command.hpp"

namespace caracal::tools {

namespace {
std::vector<CommandSetup>& registry() {
    // A function-local static: commands register during static initialisation of other files.
    static std::vector<CommandSetup> setups;
    return setups;
}
}  // namespace

bool register_command(CommandSetup setup) {
    registry().push_back(std::move(setup));
    return true;
}

const std::vector<CommandSetup>& registered_commands() { return registry(); }

}  // namespace caracal::tools

int main(int argc, char** argv) {
    using namespace caracal::tools;
    CLI::App app{"caracal-twin: a digital twin of a Prometheus alerting setup"};
    app.set_version_flag("--version", CARACAL_TWIN_VERSION);
    app.require_subcommand(1);
    std::vector<Command> commands;
    for (const auto& setup : registered_commands()) commands.push_back(setup(app));
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // One line, as for any other bad input (CLI11's own printer adds a second).
        std::cerr << e.what() << " (see --help)\n";
        return kExitBadInput;
    }
    for (const auto& c : commands)
        if (c.app->parsed()) return c.run();
    return kExitBadInput;
}
