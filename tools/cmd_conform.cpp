// `caracal-twin conform SCENARIO --observed FILE|DIR`: what a real Prometheus recorded of a drill
// (its query_range answers for ALERTS and ALERTS_FOR_STATE) against the twin's prediction, per
// alert instance. Exit 0 all conform, 1 some do not, 2 bad input.
#include <iostream>
#include <memory>
#include <sstream>

#include "analysis/conformance.hpp"
#include "analysis/observed_alerts.hpp"
#include "live/serve_status.hpp"
#include "report/conform_report.hpp"
#include "sim/base/error.hpp"
#include "tools/catalog.hpp"
#include "tools/command.hpp"
#include "tools/injection_instant.hpp"

namespace caracal::tools {

namespace {

struct ConformCommandOptions {
    std::string scenario;
    std::string observed;
    std::string injected_at;
    std::string status;
    std::string scrape_log;
    std::string tolerance;
    SimulationFlags simulation;
    bool json = false;
    std::string junit;
};

int run_conform(const ConformCommandOptions& opts) {
    try {
        const int sources = !opts.injected_at.empty() + !opts.status.empty() + !opts.scrape_log.empty();
        if (sources != 1)
            throw sim::InputError("conform", {}, "expected exactly one of --injected-at, --status and --scrape-log");
        std::optional<live::ServeStatus> status;
        if (!opts.status.empty()) status = live::read_serve_status(opts.status);
        if (!opts.scrape_log.empty()) status = live::read_serve_status(opts.scrape_log);
        const sim::Time injected = injection_instant(status, opts.injected_at);
        std::optional<sim::Duration> tolerance;
        if (!opts.tolerance.empty()) {
            tolerance = sim::parse_duration(opts.tolerance);
            if (!tolerance) throw sim::InputError("--tolerance", {}, "expected a duration such as 45s, got \"" + opts.tolerance + "\"");
        }
        const Scenario scenario = load_scenario(opts.scenario);
        const analysis::ObservedAlerts observed = analysis::read_observed(opts.observed);
        RunOptions options = run_options(opts.simulation);
        const Profile profile = scenario.apply_overrides(options.profile);
        const sim::Duration interval = profile.prometheus.evaluation_interval;
        const auto phase = analysis::observed_evaluation_phase(observed, interval);
        // The exact replay: the live scrapes and evaluation phase, and no tolerance.
        if (!opts.scrape_log.empty()) {
            if (observed.up.empty())
                throw sim::InputError(opts.observed, {},
                                      "expected Prometheus' up samples (the answer to up[range]) for the exact replay");
            options = live::replay_options(*status, analysis::scrape_stamps(observed), std::move(options), phase, profile);
            tolerance = tolerance.value_or(sim::Duration());
        }
        const RunResult run = caracal::run(scenario, options);
        const analysis::ConformanceReport report = analysis::conform_observed(
            scenario.name, run, observed, injected, interval, tolerance.value_or(analysis::default_tolerance(profile)));
        std::ostringstream text;
        if (opts.json)
            text << report::conform_json(report).dump(2) << "\n";
        else
            report::write_conform_text(text, report);
        std::cout << text.str();
        if (!opts.junit.empty()) {
            std::ostringstream junit;
            report::write_conform_junit(junit, report);
            write_file(opts.junit, junit.str());
        }
        return report.conforms() ? kExitPass : kExitFail;
    } catch (const sim::InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
}

Command setup_conform(CLI::App& app) {
    auto opts = std::make_shared<ConformCommandOptions>();
    CLI::App* sub = app.add_subcommand("conform", "Compare the alerts a real Prometheus recorded with the prediction");
    sub->add_option("scenario", opts->scenario, "Scenario file")->required();
    sub->add_option("--observed", opts->observed,
                    "query_range answers for ALERTS and ALERTS_FOR_STATE (and, for --scrape-log, the answer to "
                    "up[range]): one JSON file, or a folder of them")
        ->required();
    sub->add_option("--injected-at", opts->injected_at, "The injection instant: RFC 3339 or Unix milliseconds");
    sub->add_option("--status", opts->status, "serve's status file (its --scrape-log), for the injection instant");
    sub->add_option("--scrape-log", opts->scrape_log,
                    "Exact replay: serve's status file; the prediction re-run with the live scrapes (state at "
                    "each request's arrival, stamped at Prometheus' instant) and evaluation phase, tolerance 0");
    sub->add_option("--tolerance", opts->tolerance,
                    "Largest difference that conforms (default: one scrape plus one evaluation interval)");
    add_simulation_flags(*sub, opts->simulation);
    sub->add_flag("--json", opts->json, "Print the comparison as JSON");
    sub->add_option("--junit", opts->junit, "Also write JUnit XML to this file");
    return {sub, [opts] { return run_conform(*opts); }};
}

const bool registered = register_command(setup_conform);

}  // namespace

}  // namespace caracal::tools
