// `caracal-twin report [SCENARIO...] --format md|html -o FILE`: the pre-drill expectation report —
// per drill what is injected, the alerts to expect and when, the timeline, traffic, recovery and
// the findings where the prediction disagrees with the docs. With --observed (one drill), the alert
// rows' Observed cells are filled from what a real Prometheus recorded of it, as `conform` reads
// it. Exit 0 when written (findings and differences are content, not failures), 2 on bad input.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include "analysis/conformance.hpp"
#include "analysis/paging.hpp"
#include "analysis/worker_pool.hpp"
#include "report/paging_report.hpp"
#include "report/report_model.hpp"
#include "report/report_writers.hpp"
#include "sim/base/error.hpp"
#include "tools/alertmanager_flag.hpp"
#include "tools/catalog.hpp"
#include "tools/command.hpp"
#include "tools/coverage_notice.hpp"
#include "tools/injection_instant.hpp"

namespace caracal::tools {

namespace {

constexpr const char* kDefaultDocs = "scenarios/failure-drills.md";

struct ReportCommandOptions {
    std::vector<std::string> scenarios;
    std::string format = "md";
    std::string docs;
    SimulationFlags simulation;
    std::string output;
    std::string alertmanager;
    std::string observed;     // report --observed: what a real Prometheus recorded of the drill
    std::string injected_at;  // and when its fault was injected, given
    std::string status;       // or read from serve's status file
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
};

report::ReportProvenance provenance(const CatalogInputs& in, const ReportCommandOptions& opts) {
    return {opts.simulation.rules, opts.simulation.profile.empty() ? "built-in defaults" : opts.simulation.profile,
            opts.simulation.seed ? std::to_string(*opts.simulation.seed) : "each scenario's own", in.docs_file,
            CARACAL_TWIN_VERSION};
}

// A drill observed live: the alerts a real Prometheus recorded and the injection instant.
struct ObservedDrill {
    analysis::ObservedAlerts alerts;
    sim::Time injected;
};

std::optional<ObservedDrill> read_observed_drill(const ReportCommandOptions& opts, const CatalogInputs& in) {
    if (opts.observed.empty()) {
        if (!opts.injected_at.empty() || !opts.status.empty())
            throw sim::InputError("report", {}, "expected --observed with --injected-at or --status");
        return std::nullopt;
    }
    if (in.scenarios.size() != 1)
        throw sim::InputError("--observed", {}, "expected exactly one scenario: the drill that was observed");
    if (opts.injected_at.empty() == opts.status.empty())
        throw sim::InputError("--observed", {}, "expected exactly one of --injected-at and --status");
    std::optional<live::ServeStatus> status;
    if (!opts.status.empty()) status = live::read_serve_status(opts.status);
    const sim::Time injected = injection_instant(status, opts.injected_at);
    return ObservedDrill{analysis::read_observed(opts.observed), injected};
}

// Each drill is simulated, checked and gathered on its own thread; its run (and series store) is
// dropped as soon as its report is gathered.
report::Report gather_report(const CatalogInputs& in, const ReportCommandOptions& opts,
                             const std::optional<ObservedDrill>& observed) {
    const auto alertmanager = load_alertmanager(opts.alertmanager);
    report::Report report{provenance(in, opts), {}};
    report.drills.resize(in.scenarios.size());
    analysis::for_each_index(in.scenarios.size(), opts.jobs, [&](std::size_t i) {
        const Scenario& scenario = in.scenarios[i];
        const CheckOptions check = check_options(scenario, in, false);
        const RunResult result = run(scenario, in.run);
        report.drills[i] =
            report::gather_drill_report(scenario, result, check_drill(scenario, result, check), check.documented);
        if (alertmanager)
            report.drills[i].paging = report::paging_text(analysis::drill_paging(result, *alertmanager), opts.alertmanager);
        if (observed) {
            const Profile& profile = result.profile;
            report::add_observed(report.drills[i], analysis::conform_observed(scenario.name, result, observed->alerts,
                                                                              observed->injected,
                                                                              profile.prometheus.evaluation_interval,
                                                                              analysis::default_tolerance(profile)));
        }
    });
    return report;
}

int run_report(ReportCommandOptions opts) {
    try {
        if (opts.docs.empty() && std::filesystem::exists(kDefaultDocs)) opts.docs = kDefaultDocs;
        const CatalogInputs inputs = load_catalog(opts.scenarios, opts.simulation, opts.docs);
        announce_unpredictable(std::cerr, inputs.run);
        const std::optional<ObservedDrill> observed = read_observed_drill(opts, inputs);
        const report::Report report = gather_report(inputs, opts, observed);
        std::ostringstream text;
        if (opts.format == "html") report::write_report_html(text, report);
        else report::write_report_markdown(text, report);
        if (opts.output.empty()) std::cout << text.str();
        else write_file(opts.output, text.str());
        return kExitPass;
    } catch (const sim::InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
}

Command setup_report(CLI::App& app) {
    auto opts = std::make_shared<ReportCommandOptions>();
    CLI::App* sub = app.add_subcommand("report", "Write the pre-drill expectation report (Markdown or HTML)");
    sub->add_option("scenarios", opts->scenarios, "Scenario files (default: scenarios/*.yaml)");
    sub->add_option("--format", opts->format, "md (GitHub Markdown) or html (one self-contained page)")
        ->check(CLI::IsMember({"md", "html"}))
        ->capture_default_str();
    sub->add_option("--docs", opts->docs, std::string("The failure-drills docs page (default: ") + kDefaultDocs + " if present)");
    add_simulation_flags(*sub, opts->simulation);
    add_alertmanager_flag(*sub, opts->alertmanager);
    sub->add_option("-o,--output", opts->output, "Write the report to this file instead of stdout");
    sub->add_option("--observed", opts->observed,
                    "Fill the alerts' Observed cells of the one drill from the query_range answers for ALERTS and "
                    "ALERTS_FOR_STATE a real Prometheus gave (one JSON file, or a folder of them)");
    sub->add_option("--injected-at", opts->injected_at, "With --observed: the injection instant, RFC 3339 or Unix ms");
    sub->add_option("--status", opts->status, "With --observed: serve's status file, for the injection instant");
    sub->add_option("-j,--jobs", opts->jobs, "Scenarios simulated in parallel (default: one per core)")
        ->check(CLI::PositiveNumber);
    return {sub, [opts] { return run_report(*opts); }};
}

const bool registered = register_command(setup_report);

}  // namespace

}  // namespace caracal::tools
