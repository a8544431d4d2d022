// `caracal-twin run SCENARIO`: simulates one scenario and prints its alert timeline, readiness
// changes and invariants (--json for machines, --series for raw data).
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "analysis/paging.hpp"
#include "models/scenario/scenario.hpp"
#include "models/twin/twin.hpp"
#include "sim/base/error.hpp"
#include "sim/promql/parser.hpp"
#include "tools/catalog.hpp"
#include "tools/command.hpp"
#include "report/paging_report.hpp"
#include "report/run_report.hpp"
#include "tools/alertmanager_flag.hpp"

namespace caracal::tools {

namespace {

struct RunCommandOptions {
    std::string scenario;
    bool json = false;
    std::string series;
    SimulationFlags simulation;
    std::string output;
    bool prometheus3_ranges = false;
    std::string alertmanager;
};

int run_scenario(const RunCommandOptions& opts) {
    std::ostringstream report;
    try {
        const Scenario scenario = load_scenario(opts.scenario);
        const auto alertmanager = load_alertmanager(opts.alertmanager);
        RunOptions run_options = tools::run_options(opts.simulation);
        run_options.prometheus3_ranges = opts.prometheus3_ranges;
        const RunResult result = run(scenario, run_options);
        if (!opts.series.empty()) {
            try {
                report::write_series_csv(report, *result.storage, opts.series);
            } catch (const sim::promql::ParseError& e) {
                throw sim::InputError("--series", {1, e.pos().start + 1}, e.what());
            }
        } else if (opts.json) {
            auto doc = report::run_json(scenario, result);
            if (alertmanager) doc["alertmanager"] = report::paging_json(analysis::drill_paging(result, *alertmanager), opts.alertmanager);
            report << doc.dump(2) << "\n";
        } else {
            report::print_run_text(report, scenario, result);
            if (alertmanager) {
                report << "\n";
                report::print_paging_text(report, analysis::drill_paging(result, *alertmanager), opts.alertmanager);
            }
        }
    } catch (const sim::InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
    if (opts.output.empty()) {
        std::cout << report.str();
        return kExitPass;
    }
    try {
        write_file(opts.output, report.str());
    } catch (const sim::InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
    return kExitPass;
}

Command setup_run(CLI::App& app) {
    auto opts = std::make_shared<RunCommandOptions>();
    CLI::App* sub = app.add_subcommand("run", "Simulate one scenario and print its alert timeline");
    sub->add_option("scenario", opts->scenario, "Scenario file")->required();
    sub->add_flag("--json", opts->json, "Print the result as JSON");
    sub->add_option("--series", opts->series, "Dump the series matching this PromQL selector as CSV instead");
    add_simulation_flags(*sub, opts->simulation);
    sub->add_option("-o,--output", opts->output, "Write the report to this file instead of stdout");
    sub->add_flag("--prometheus3-ranges", opts->prometheus3_ranges,
                  "Left-open range windows and lookback, as Prometheus 3 (default: Prometheus 2.x's closed ones)");
    add_alertmanager_flag(*sub, opts->alertmanager);
    return {sub, [opts] { return run_scenario(*opts); }};
}

const bool registered = register_command(setup_run);

}  // namespace

}  // namespace caracal::tools
