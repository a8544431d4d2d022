// `caracal-twin graph`: the deployment's dependency graph as Graphviz DOT.
#include <iostream>

#include "models/world/world.hpp"
#include "tools/command.hpp"

namespace caracal::tools {

namespace {

Command setup_graph(CLI::App& app) {
    CLI::App* sub = app.add_subcommand("graph", "Print the Caracal dependency graph as Graphviz DOT");
    return {sub, [] {
                std::cout << World::topology().to_dot("caracal");
                return kExitPass;
            }};
}

const bool registered = register_command(setup_graph);

}  // namespace

}  // namespace caracal::tools
