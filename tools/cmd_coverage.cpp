// `caracal-twin coverage [--rules F] [--profile F] [--json]` (issue 14.4): which selectors of a rule
// pack match series the twin produces. Exit 0 when every selector matches, 1 when some match
// nothing, 2 on bad input.
#include <memory>
#include <sstream>

#include "analysis/coverage.hpp"
#include "report/coverage_report.hpp"
#include "tools/catalog.hpp"
#include "tools/command.hpp"
#include "tools/command_output.hpp"

namespace caracal::tools {

namespace {

struct CoverageCommandOptions {
    SimulationFlags simulation;
    bool json = false;
    std::string output;
};

Command setup_coverage(CLI::App& app) {
    auto opts = std::make_shared<CoverageCommandOptions>();
    CLI::App* sub = app.add_subcommand(
        "coverage",
        "For every rule of the pack, whether each of its series selectors matches a series the twin "
        "produces in a " + sim::format_duration(analysis::kCoverageBaseline) +
            " no-fault run; exit 1 when some selector matches nothing");
    add_simulation_flags(*sub, opts->simulation);
    sub->add_flag("--json", opts->json, "Print the coverage as JSON");
    sub->add_option("-o,--output", opts->output, "Write the report to this file instead of stdout");
    return {sub, [opts] {
                return deliver(opts->output, [&]() -> analysis::Summary {
                    const analysis::Coverage coverage = analysis::rule_coverage(run_options(opts->simulation));
                    std::ostringstream text;
                    if (opts->json) text << report::coverage_json(coverage).dump(2) << "\n";
                    else report::print_coverage_text(text, coverage);
                    return {text.str(), coverage.complete()};
                });
            }};
}

const bool registered = register_command(setup_coverage);

}  // namespace

}  // namespace caracal::tools
