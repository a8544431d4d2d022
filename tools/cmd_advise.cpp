// `caracal-twin advise [SCENARIO...] [--alerts NAME...]`: per alert, the shortest `for` among the
// candidates that stays quiet in every no-fault replication and still fires in every replication
// of every drill expecting it, with the TTD p95 per drill at that `for` (analysis/advise.hpp).
// Exit 0 (advice, not a check), 2 on bad input. Takes --replications (default 10), --shard K/N and
// --threads like check.
#include <iostream>
#include <algorithm>
#include <memory>

#include "analysis/advise.hpp"
#include "sim/base/error.hpp"
#include "report/advise_report.hpp"
#include "tools/catalog.hpp"
#include "report/check_report.hpp"
#include "tools/command.hpp"
#include "tools/coverage_notice.hpp"
#include "tools/command_output.hpp"
#include "tools/replication_flags.hpp"
#include "tools/summaries.hpp"

namespace caracal::tools {

namespace {

struct AdviseOptions {
    std::vector<std::string> scenarios;
    std::vector<std::string> alerts;
    std::vector<std::string> candidates{"0s", "30s", "1m", "2m", "3m", "5m", "10m", "15m"};
    std::string no_fault = analysis::kDefaultNoFaultScenario;
    bool json = false;
    SimulationFlags simulation;
    ReplicationFlags replication;
    std::string output;
};

// Ascending and without repeats: the first candidate that works is the shortest.
std::vector<Duration> candidate_durations(const std::vector<std::string>& texts) {
    std::vector<Duration> out;
    for (const auto& t : texts) {
        const auto d = sim::parse_duration(t);
        if (!d) throw sim::InputError("--candidates", {}, "\"" + t + "\" is not a duration (like 30s, 5m)");
        out.push_back(*d);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// The advised alerts with their current `for`: the named ones, or every alert of the pack.
std::map<std::string, Duration> advised_alerts(const std::vector<std::string>& names, const sim::alerting::RuleFacts& rules) {
    std::map<std::string, Duration> out;
    for (const auto& [name, facts] : rules)
        if (names.empty() || std::find(names.begin(), names.end(), name) != names.end()) out.emplace(name, facts.hold);
    for (const auto& name : names)
        if (!rules.count(name)) {
            std::string valid;
            for (const auto& [alert, _] : rules) valid += (valid.empty() ? "" : ", ") + alert;
            throw sim::InputError("--alerts", {}, "no alerting rule named \"" + name + "\"; alerts: " + valid);
        }
    return out;
}

analysis::AdvisedScenario advised(const Scenario& s) {
    analysis::AdvisedScenario out{report::drill_title(s.name, s.drill, s.variant), s.file, {}};
    for (const auto& group : s.expectations.alerts)
        for (const auto& name : group.names) out.expects.emplace(name, group.label());
    return out;
}

analysis::Summary advise(const AdviseOptions& opts) {
    const CatalogInputs in = load_catalog(opts.scenarios, opts.simulation, "");
    const std::vector<Duration> candidates = candidate_durations(opts.candidates);
    const std::map<std::string, Duration> alerts = advised_alerts(opts.alerts, in.rules);
    std::vector<Scenario> scenarios{analysis::load_no_fault_scenario(opts.no_fault)};
    scenarios.insert(scenarios.end(), in.scenarios.begin(), in.scenarios.end());
    std::vector<analysis::AdvisedScenario> described;
    for (const auto& s : scenarios) described.push_back(advised(s));
    std::vector<std::string> names, files = input_files(in, opts.simulation);
    for (const auto& [name, _] : alerts) names.push_back(name);
    files.push_back(opts.no_fault);
    auto header = analysis::advise_header(opts.simulation.rules, alerts, candidates, described, opts.json ? "json" : "text");
    auto cases = analysis::advise_cases(scenarios, names, candidates, in.run);
    announce_unpredictable(std::cerr, in.run);
    return run_shardable(kAdviseCommand, std::move(header), files, std::move(cases), opts.replication, opts.simulation);
}

Command setup_advise(CLI::App& app) {
    auto opts = std::make_shared<AdviseOptions>();
    opts->replication.replications = 10;
    CLI::App* sub = app.add_subcommand(
        "advise",
        "Per alert, the shortest `for` from the candidates with no false positive in any no-fault replication that "
        "still fires in every replication of every drill expecting it, and the TTD p95 per drill at that `for`. "
        "Each candidate is run with every advised alert at that `for`. With --shard K/N the output is a shard file "
        "for `caracal-twin merge`");
    sub->add_option("scenarios", opts->scenarios, "Drill scenario files (default: scenarios/*.yaml)");
    sub->add_option("--alerts", opts->alerts, "Alerts to advise on (default: every alert of the pack)");
    sub->add_option("--candidates", opts->candidates, "Candidate `for` values, comma-separated")
        ->delimiter(',')
        ->capture_default_str();
    sub->add_option("--no-fault", opts->no_fault, "No-fault scenario for false positives")->capture_default_str();
    sub->add_flag("--json", opts->json, "Print JSON (times in seconds)");
    add_run_flags(*sub, opts->simulation, opts->replication, opts->output);
    return {sub, [opts] { return deliver(opts->output, [&] { return advise(*opts); }); }};
}

const bool registered = register_command(setup_advise);

}  // namespace

}  // namespace caracal::tools
