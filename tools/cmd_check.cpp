// `caracal-twin check [SCENARIO...]`: the drill catalog against its expectations and, with
// --docs, the documentation page (DESIGN.md §7). Exit 0 when everything holds, 1 when any
// expectation failed or the docs drifted, 2 on bad input.
#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "models/drill_check.hpp"
#include "models/drill_docs.hpp"
#include "models/scenario.hpp"
#include "models/twin.hpp"
#include "sim/base/error.hpp"
#include "tools/check_report.hpp"
#include "tools/command.hpp"

namespace caracal::tools {

namespace {

// The catalog: scenarios/*.yaml (not the examples below it), relative to the working directory.
constexpr const char* kCatalogDir = "scenarios";

struct CheckCommandOptions {
    std::vector<std::string> scenarios;
    std::string docs;
    bool strict = false;
    bool json = false;
    std::string junit;
    std::optional<std::uint64_t> seed;
    std::string rules = kDefaultRulesFile;
    std::string profile;
    std::string output;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
};

std::vector<std::string> catalog_files() {
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(kCatalogDir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw sim::InputError(kCatalogDir, {}, "no scenario files (*.yaml) to check");
    return files;
}

void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    if (!out) throw sim::InputError(path, {}, "cannot write the report");
}

// Everything read before the first run, so bad input stops the check before any simulation.
struct CheckInputs {
    std::vector<Scenario> scenarios;
    RunOptions run;
    AlertRules rules;
    std::optional<DrillDocs> docs;
};

CheckInputs load_inputs(const CheckCommandOptions& opts) {
    CheckInputs in;
    for (const auto& path : opts.scenarios.empty() ? catalog_files() : opts.scenarios)
        in.scenarios.push_back(load_scenario(path));
    if (!opts.profile.empty()) in.run.profile = load_profile(opts.profile);
    in.run.rules_file = opts.rules;
    in.run.seed = opts.seed;
    in.rules = alert_rules(sim::alerting::load_rule_file(opts.rules));
    if (!opts.docs.empty()) in.docs = load_drill_docs(opts.docs);
    return in;
}

const DocumentedDrill* documented(const std::optional<DrillDocs>& docs, const std::string& heading) {
    if (!docs) return nullptr;
    const auto it = std::find_if(docs->drills.begin(), docs->drills.end(),
                                 [&](const DocumentedDrill& d) { return d.heading == heading; });
    return it == docs->drills.end() ? nullptr : &*it;
}

DrillVerdict check_one(const Scenario& scenario, const CheckInputs& in, const CheckCommandOptions& opts) {
    CheckOptions options;
    options.rules = &in.rules;
    options.lookback = scenario.apply_overrides(in.run.profile).prometheus.lookback_delta;
    options.strict = opts.strict;
    options.docs_given = in.docs.has_value();
    options.documented = documented(in.docs, scenario.drill);
    return check_drill(scenario, run(scenario, in.run), options);
}

// Runs are independent and deterministic, so they share out over `jobs` threads; each verdict
// lands at its scenario's index, keeping the report's order (and bytes) whatever the timing.
CheckReport check_catalog(const CheckInputs& in, const CheckCommandOptions& opts) {
    CheckReport report;
    report.drills.resize(in.scenarios.size());
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    const auto worker = [&] {
        for (std::size_t i = next++; i < in.scenarios.size(); i = next++) {
            try {
                report.drills[i] = check_one(in.scenarios[i], in, opts);
            } catch (...) {
                const std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
            }
        }
    };
    std::vector<std::thread> threads;
    const std::size_t jobs = std::min<std::size_t>(opts.jobs, in.scenarios.size());
    for (std::size_t t = 1; t < jobs; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
    if (in.docs) report.docs_drift = uncovered_drills(*in.docs, opts.docs, in.scenarios);
    return report;
}

int run_check(const CheckCommandOptions& opts) {
    try {
        const CheckInputs inputs = load_inputs(opts);
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
    sub->add_option("--seed", opts->seed, "Seed for every scenario (overrides theirs)");
    sub->add_option("--rules", opts->rules, "Alert rule file (plain or PrometheusRule)")->capture_default_str();
    sub->add_option("--profile", opts->profile, "Deployment profile (default: the built-in defaults)");
    sub->add_option("-o,--output", opts->output, "Write the report to this file instead of stdout");
    sub->add_option("-j,--jobs", opts->jobs, "Scenarios simulated in parallel (default: one per core)")
        ->check(CLI::PositiveNumber);
    return {sub, [opts] { return run_check(*opts); }};
}

const bool registered = register_command(setup_check);

}  // namespace

}  // namespace caracal::tools
