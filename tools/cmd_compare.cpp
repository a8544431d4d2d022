// `caracal-twin compare --rules A.yaml --against B.yaml [--against-profile P] [SCENARIO...]`: the drill
// catalog (or the given scenarios) and a long no-fault run under both rule packs (and B's profile); per drill and alert, fired and
// TTD / TTR under A and B with the deltas, and B's regressions (analysis/compare.hpp). Exit 1 when
// B loses an expected alert or adds a false positive, 2 on bad input; slower detection is
// reported without failing. Takes --replications, --shard K/N and --threads like check.
#include <iostream>
#include <memory>

#include "analysis/compare.hpp"
#include "sim/base/error.hpp"
#include "tools/catalog.hpp"
#include "report/check_report.hpp"
#include "tools/command.hpp"
#include "tools/coverage_notice.hpp"
#include "tools/command_output.hpp"
#include "report/compare_report.hpp"
#include "tools/replication_flags.hpp"
#include "tools/summaries.hpp"

namespace caracal::tools {

namespace {

struct CompareOptions {
    std::vector<std::string> scenarios;
    std::string against;
    std::string against_profile;  // empty: B runs with A's profile
    std::string no_fault = analysis::kDefaultNoFaultScenario;
    bool json = false;
    SimulationFlags simulation;
    ReplicationFlags replication;
    std::string output;
};

analysis::Summary compare(const CompareOptions& opts) {
    const CatalogInputs in = load_catalog(opts.scenarios, opts.simulation, "");
    std::vector<Scenario> scenarios = in.scenarios;
    if (!opts.no_fault.empty()) scenarios.push_back(analysis::load_no_fault_scenario(opts.no_fault));
    std::vector<analysis::ComparedScenario> compared;
    for (const auto& s : scenarios)
        compared.push_back({report::drill_title(s.name, s.drill, s.variant), s.file, !opts.no_fault.empty() && s.file == opts.no_fault});
    RunOptions b = in.run;
    b.rules_file = opts.against;
    const std::string profile_b = opts.against_profile.empty() ? opts.simulation.profile : opts.against_profile;
    if (!opts.against_profile.empty()) b.profile = load_profile(opts.against_profile);
    std::vector<std::string> files = input_files(in, opts.simulation);
    files.push_back(opts.against);
    if (!opts.against_profile.empty()) files.push_back(opts.against_profile);
    if (!opts.no_fault.empty()) files.push_back(opts.no_fault);
    auto header = analysis::compare_header({opts.simulation.rules, opts.simulation.profile}, {opts.against, profile_b},
                                           compared, opts.json ? "json" : "text");
    auto cases = analysis::compare_cases(scenarios, in.run, b);
    announce_unpredictable(std::cerr, in.run);
    announce_unpredictable(std::cerr, b);
    return run_shardable(kCompareCommand, std::move(header), files, std::move(cases), opts.replication, opts.simulation);
}

Command setup_compare(CLI::App& app) {
    auto opts = std::make_shared<CompareOptions>();
    // One shared draw by default: without it each pack would evaluate at the phases Prometheus hashes
    // from its file's name, and TTDs would move by up to an evaluation interval with no rule change.
    opts->replication.replications = 1;
    CLI::App* sub = app.add_subcommand(
        "compare",
        "Run the drill catalog and a long no-fault run under rule pack A (--rules) and B (--against); per drill and "
        "alert: fired, TTD and TTR under A and B and the deltas (B − A).\n"
        "Regressions: an expected alert lost, a new false positive in the no-fault run (both exit 1), slower "
        "detection (reported, exit 0). A and B share every replication's random draws (phases, fault start, "
        "noise), so deltas come from the rules; --replications defaults to 1 (0: each pack at its file's hashed "
        "evaluation phases, as Prometheus would run it). With --shard K/N the output is a shard file for `caracal-twin merge`");
    sub->add_option("scenarios", opts->scenarios, "Scenario files (default: scenarios/*.yaml)");
    sub->add_option("--against", opts->against, "Rule pack B (plain or PrometheusRule)")->required();
    sub->add_option("--against-profile", opts->against_profile,
                    "Deployment profile of side B, loaded over the built-in one (default: A's, from --profile); with "
                    "B's rule pack, another release of Caracal");
    sub->add_option("--no-fault", opts->no_fault, "No-fault scenario for false positives (\"\" to skip)")
        ->capture_default_str();
    sub->add_flag("--json", opts->json, "Print JSON (times in seconds)");
    add_run_flags(*sub, opts->simulation, opts->replication, opts->output);
    return {sub, [opts] { return deliver(opts->output, [&] { return compare(*opts); }); }};
}

const bool registered = register_command(setup_compare);

}  // namespace

}  // namespace caracal::tools
