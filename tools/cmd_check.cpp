// `caracal-twin check [SCENARIO...]`: the drill catalog against its expectations and, with
// --docs, the documentation page (DESIGN.md §7). Exit 0 when everything holds, 1 when any
// expectation failed or the docs drifted, 2 on bad input.
#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include "sim/base/error.hpp"
#include "tools/catalog.hpp"
#include "tools/check_report.hpp"
#include "tools/command.hpp"

namespace caracal::tools {

namespace {

struct CheckCommandOptions {
    std::vector<std::string> scenarios;
    std::string docs;
    bool strict = false;
    bool json = false;
    std::string junit;
    SimulationFlags simulation;
    std::string output;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
};

// Runs are independent and deterministic, so they share out over `jobs` threads; each verdict
// lands at its scenario's index, keeping the report's order (and bytes) whatever the timing.
CheckReport check_catalog(const CatalogInputs& in, const CheckCommandOptions& opts) {
    CheckReport report;
    report.drills.resize(in.scenarios.size());
    parallel_for(in.scenarios.size(), opts.jobs, [&](std::size_t i) {
        const Scenario& scenario = in.scenarios[i];
        report.drills[i] = check_drill(scenario, run(scenario, in.run), check_options(scenario, in, opts.strict));
    });
    if (in.docs) report.docs_drift = uncovered_drills(*in.docs, in.docs_file, in.scenarios);
    return report;
}

int run_check(const CheckCommandOptions& opts) {
    try {
        const CatalogInputs inputs = load_catalog(opts.scenarios, opts.simulation, opts.docs);
        const CheckReport report = check_catalog(inputs, opts);
        std::ostringstream text;
        if (opts.json) text << check_json(report).dump(2) << "\n";
        else print_check_text(text, report);
        if (opts.output.empty()) std::cout << text.str();
        else write_file(opts.output, text.str());
        if (!opts.junit.empty()) {
            std::ostringstream junit;
            write_check_junit(junit, report);
            write_file(opts.junit, junit.str());
        }
        return report.passed() ? kExitPass : kExitFail;
    } catch (const sim::InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
}

Command setup_check(CLI::App& app) {
    auto opts = std::make_shared<CheckCommandOptions>();
    CLI::App* sub = app.add_subcommand("check", "Check the drill catalog against its expectations (and the docs)");
    sub->add_option("scenarios", opts->scenarios, "Scenario files (default: scenarios/*.yaml)");
    sub->add_option("--docs", opts->docs, "The failure-drills docs page (markdown) to check for drift");
    sub->add_flag("--strict", opts->strict, "Alerts that fire without being expected fail the check");
    sub->add_flag("--json", opts->json, "Print the verdicts as JSON");
    sub->add_option("--junit", opts->junit, "Also write JUnit XML to this file");
    add_simulation_flags(*sub, opts->simulation);
    sub->add_option("-o,--output", opts->output, "Write the report to this file instead of stdout");
    sub->add_option("-j,--jobs", opts->jobs, "Scenarios simulated in parallel (default: one per core)")
        ->check(CLI::PositiveNumber);
    return {sub, [opts] { return run_check(*opts); }};
}

const bool registered = register_command(setup_check);

}  // namespace

}  // namespace caracal::tools
