// `caracal-twin sweep SCENARIO --set KEY=V1,V2,... ...`: the scenario over every combination of
// the given values (analysis/parameter.hpp lists the keys); per combination and alert, fired and
// TTD / TTR. With --replications N, Monte Carlo statistics per combination; --shard K/N writes a
// shard file for `caracal-twin merge`. Exit 0, or 2 on bad input (an unknown key lists the valid
// ones; a key that would change nothing says why, analysis::check_effect) before anything runs.
#include <iostream>
#include <memory>

#include "analysis/sweep.hpp"
#include "sim/alerting/rule_manager.hpp"
#include "sim/base/error.hpp"
#include "tools/catalog.hpp"
#include "report/check_report.hpp"
#include "tools/command.hpp"
#include "tools/coverage_notice.hpp"
#include "tools/command_output.hpp"
#include "tools/replication_flags.hpp"
#include "tools/summaries.hpp"
#include "report/sweep_report.hpp"

namespace caracal::tools {

namespace {

struct SweepOptions {
    std::string scenario;
    std::vector<std::string> sets;
    bool csv = false;
    bool json = false;
    SimulationFlags simulation;
    ReplicationFlags replication;
    std::string output;
};

analysis::Summary sweep(const SweepOptions& opts) {
    std::vector<analysis::Parameter> parameters;
    for (const auto& s : opts.sets) parameters.push_back(analysis::parse_parameter(s));
    const ScenarioSource source = ScenarioSource::load(opts.scenario);
    const CatalogInputs in = load_catalog({opts.scenario}, opts.simulation, "");
    const Scenario& s = source.scenario();
    const auto rules = sim::alerting::RuleManager::load({opts.simulation.rules}, {});
    for (const auto& warning :
         analysis::check_effect(parameters, rules.groups(), opts.simulation.rules, opts.replication.replications))
        std::cerr << "caracal-twin sweep: warning: " << warning << "\n";
    const report::SweepFormat format = opts.json ? report::SweepFormat::Json : opts.csv ? report::SweepFormat::Csv : report::SweepFormat::Table;
    auto header = analysis::sweep_header(report::drill_title(s.name, s.drill, s.variant), s.file, opts.simulation.rules,
                                         parameters, report::sweep_format_json(format));
    auto files = input_files(in, opts.simulation);
    auto cases = analysis::sweep_cases(source, analysis::grid(parameters), in.run, check_options(s, in, false));
    announce_unpredictable(std::cerr, in.run);
    return run_shardable(kSweepCommand, std::move(header), std::move(files), std::move(cases), opts.replication,
                         opts.simulation);
}

Command setup_sweep(CLI::App& app) {
    auto opts = std::make_shared<SweepOptions>();
    CLI::App* sub = app.add_subcommand(
        "sweep",
        "Run one scenario over a grid of parameter values; per combination and alert: fired, TTD, TTR.\n"
        "Keys: scenario.{fault_duration,warmup,recovery,seed,traffic.multiplier}; faults.N.{at,duration,<parameter>} "
        "(step N from 0, any parameter its primitive reads); profile.<key> (every key of the deployment profile); "
        "rule.<alert>.{for,keep_firing_for,threshold} (threshold: the number of the expression's top-level "
        "comparison). Every combination's replications share their random draws, so differences come from the "
        "parameters. With --shard K/N the output is a shard file for `caracal-twin merge`");
    sub->add_option("scenario", opts->scenario, "Scenario file")->required();
    sub->add_option("--set", opts->sets, "KEY=V1,V2,... (repeatable; the first key varies slowest)")->required();
    sub->add_flag("--csv", opts->csv, "Print CSV (times in seconds)");
    sub->add_flag("--json", opts->json, "Print JSON (times in seconds)")->excludes(sub->get_option("--csv"));
    add_run_flags(*sub, opts->simulation, opts->replication, opts->output);
    return {sub, [opts] { return deliver(opts->output, [&] { return sweep(*opts); }); }};
}

const bool registered = register_command(setup_sweep);

}  // namespace

}  // namespace caracal::tools
