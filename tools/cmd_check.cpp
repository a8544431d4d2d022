// `caracal-twin check [SCENARIO...]`: the drill catalog against its expectations and, with
// --docs, the documentation page. Exit 0 when everything holds, 1 when any
// expectation failed or the docs drifted, 2 on bad input. With --replications N, Monte Carlo
// statistics per drill and alert instead (report/check_replications.hpp), shardable with --shard.
#include <iostream>
#include <memory>
#include <sstream>

#include "analysis/paging.hpp"
#include "analysis/timing_sample.hpp"
#include "analysis/whatif.hpp"
#include "analysis/worker_pool.hpp"
#include "sim/base/error.hpp"
#include "tools/catalog.hpp"
#include "report/check_replications.hpp"
#include "report/check_report.hpp"
#include "report/paging_report.hpp"
#include "tools/alertmanager_flag.hpp"
#include "tools/command.hpp"
#include "tools/command_output.hpp"
#include "tools/coverage_notice.hpp"
#include "tools/replication_flags.hpp"
#include "tools/summaries.hpp"

namespace caracal::tools {

namespace {

// Each redraw is a full run of the drill: beyond this a check is a Monte Carlo study, which
// --replications does better (statistics, shards).
constexpr std::size_t kMaxTimingRuns = 1000;

struct CheckCommandOptions {
    std::vector<std::string> scenarios;
    std::string docs;
    bool strict = false;
    bool json = false;
    std::string junit;
    std::size_t timing_runs = 8;
    std::string no_fault = analysis::kDefaultNoFaultScenario;
    CLI::Option* no_fault_flag = nullptr;
    CLI::Option* timing_flag = nullptr;  // to tell an explicit --timing-runs from the default
    SimulationFlags simulation;
    ReplicationFlags replication;
    std::string output;
    std::string alertmanager;
};

// Runs are independent and deterministic, so they share out over threads; each verdict lands at
// its scenario's index, keeping the report's order (and bytes) whatever the timing. Each drill's
// timing redraws draw from its own seed, so they too are the same whatever the thread.
// The no-fault run expects every alert of the pack, so that each one that fires there is reported
// with its mechanism like a drill's expected alert.
Scenario expecting_every_alert(Scenario no_fault, const sim::alerting::RuleFacts& rules) {
    for (const auto& [name, facts] : rules) no_fault.expectations.alerts.push_back({{name}, {}});
    return no_fault;
}

report::CheckReport check_catalog(const CatalogInputs& in, const CheckCommandOptions& opts) {
    const auto alertmanager = load_alertmanager(opts.alertmanager);
    report::CheckReport report;
    report.drills.resize(in.scenarios.size());
    report.paging.resize(in.scenarios.size());
    if (opts.timing_runs > 0) report.timing.resize(in.scenarios.size());
    std::optional<Scenario> no_fault;
    if (!opts.no_fault.empty()) {
        no_fault = expecting_every_alert(analysis::load_no_fault_scenario(opts.no_fault), in.rules);
        report.no_fault_file = opts.no_fault;
    }
    // One more index than there are drills: the no-fault run shares out with them.
    analysis::for_each_index(in.scenarios.size() + 1, opts.replication.threads, [&](std::size_t i) {
        if (i == in.scenarios.size()) {
            if (no_fault) report.no_fault = check_drill(*no_fault, run(*no_fault, in.run), CheckOptions{});
            return;
        }
        const Scenario& scenario = in.scenarios[i];
        const analysis::Case drill{scenario.name, scenario, in.run, check_options(scenario, in, opts.strict)};
        const RunResult result = run(scenario, drill.run);
        report.drills[i] = check_drill(scenario, result, drill.check);
        const auto paging = alertmanager ? std::optional(analysis::drill_paging(result, *alertmanager)) : std::nullopt;
        report.paging[i] = report::paging_items(scenario.expectations.paged, paging ? &*paging : nullptr);
        if (opts.timing_runs == 0) return;
        const analysis::TimingPlan plan{opts.timing_runs, report.drills[i].seed};
        report.timing[i] = report::tally_timing(analysis::timing_sample(drill, plan));
    });
    if (in.docs) report.docs_drift = uncovered_drills(*in.docs, in.docs_file, in.scenarios);
    report.unpredictable = unpredictable_alerts(in.run);
    report.strict = opts.strict;
    return report;
}

analysis::Summary single_check(const CatalogInputs& in, const CheckCommandOptions& opts) {
    const report::CheckReport report = check_catalog(in, opts);
    std::ostringstream text;
    if (opts.json) text << report::check_json(report).dump(2) << "\n";
    else report::print_check_text(text, report);
    if (!opts.junit.empty()) {
        std::ostringstream junit;
        report::write_check_junit(junit, report);
        write_file(opts.junit, junit.str());
    }
    return {text.str(), report.passed()};
}

// A case per scenario, identified by its name: the same drill gets the same replications
// whichever other scenarios run with it.
analysis::Summary replicated_check(const CatalogInputs& in, const CheckCommandOptions& opts) {
    if (!opts.junit.empty()) throw sim::InputError("--junit", {}, "not available with --replications");
    announce_unpredictable(std::cerr, in.run);
    auto files = input_files(in, opts.simulation);
    std::vector<analysis::Case> cases;
    for (const auto& s : in.scenarios) cases.push_back({s.name, s, in.run, check_options(s, in, opts.strict)});
    const auto drift = in.docs ? uncovered_drills(*in.docs, in.docs_file, in.scenarios) : std::vector<std::string>{};
    auto header = report::replicated_check_header(in.scenarios, drift, opts.json);
    return run_shardable(kCheckCommand, std::move(header), std::move(files), std::move(cases), opts.replication,
                         opts.simulation);
}

int run_check(const CheckCommandOptions& opts) {
    return deliver(opts.output, [&] {
        const bool replicated = opts.replication.replications > 0;
        if (!replicated && !opts.replication.shard.empty())
            throw sim::InputError("--shard", {}, "needs --replications (a plain check is not sharded)");
        if (replicated && opts.no_fault_flag->count() > 0)
            throw sim::InputError("--no-fault", {}, "not with --replications (compare runs no-fault replications)");
        if (replicated && !opts.alertmanager.empty())
            throw sim::InputError("--alertmanager", {}, "not with --replications (paging is shown per run)");
        if (replicated && opts.timing_flag->count() > 0)
            throw sim::InputError("--timing-runs", {}, "not with --replications (every replication redraws the timing)");
        const CatalogInputs inputs = load_catalog(opts.scenarios, opts.simulation, opts.docs);
        return replicated ? replicated_check(inputs, opts) : single_check(inputs, opts);
    });
}

Command setup_check(CLI::App& app) {
    auto opts = std::make_shared<CheckCommandOptions>();
    CLI::App* sub = app.add_subcommand(
        "check",
        "Check the drill catalog against its expectations (and the docs).\n"
        "With --replications N: per drill and alert, P(fired) and TTD/TTR min/p50/p95/max over N perturbed "
        "runs; exit 1 unless every expected alert fired in every replication (or when the docs drifted). "
        "With --shard K/N the output is a shard file for `caracal-twin merge`");
    sub->add_option("scenarios", opts->scenarios, "Scenario files (default: scenarios/*.yaml)");
    sub->add_option("--docs", opts->docs, "The failure-drills docs page (markdown) to check for drift");
    sub->add_flag("--strict", opts->strict,
                  "Alerts that fire without being expected, and alerts whose selectors match no simulated series, fail the check");
    sub->add_flag("--json", opts->json, "Print the verdicts as JSON");
    sub->add_option("--junit", opts->junit, "Also write JUnit XML to this file (not with --replications)");
    opts->timing_flag =
        sub->add_option("--timing-runs", opts->timing_runs,
                        "Re-run each drill this many times with only the scrape and evaluation phases and the fault "
                        "start redrawn, and mark outcomes that differ as \"depends on timing (held in k of n)\"; "
                        "0: off (default 8)")
            ->check(unsigned_integer(kMaxTimingRuns));
    opts->no_fault_flag = sub->add_option("--no-fault", opts->no_fault,
                                          "A long run with no fault, every alert expected: the alerts that fire in it are "
                                          "reported before any drill (\"\" to skip)")
                              ->capture_default_str();
    add_run_flags(*sub, opts->simulation, opts->replication, opts->output);
    add_alertmanager_flag(*sub, opts->alertmanager);
    return {sub, [opts] { return run_check(*opts); }};
}

const bool registered = register_command(setup_check);

}  // namespace

}  // namespace caracal::tools
