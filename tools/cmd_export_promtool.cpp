// `caracal-twin export-promtool SCENARIO -o DIR`: runs the scenario and writes DIR/<name>.test.yml
// (a promtool rule unit test: the scraped series and the alerts they imply) with DIR/<name>.rules.yml
// (the rule groups it references), so `promtool test rules` can confirm the prediction.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "models/promtool_export.hpp"
#include "models/scenario.hpp"
#include "models/twin.hpp"
#include "sim/base/error.hpp"
#include "tools/command.hpp"

namespace caracal::tools {

namespace {

struct ExportOptions {
    std::string scenario;
    std::string dir;
    std::optional<std::uint64_t> seed;
    std::string rules = kDefaultRulesFile;
    std::string profile;
};

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    if (!out) throw sim::InputError(path.string(), {}, "cannot write the file");
}

std::string offset_text(const std::optional<Duration>& d) {
    return d ? "+" + sim::format_duration(*d) : std::string("-");
}

int export_scenario(const ExportOptions& opts) {
    try {
        const Scenario scenario = load_scenario(opts.scenario);
        RunOptions run_options;
        if (!opts.profile.empty()) run_options.profile = load_profile(opts.profile);
        run_options.rules_file = opts.rules;
        run_options.seed = opts.seed;
        const RunResult result = run(scenario, run_options);
        const std::string rules_name = scenario.name + ".rules.yml";
        const PromtoolExport exported =
            export_promtool(result, scenario.apply_overrides(run_options.profile), opts.rules, rules_name);

        std::error_code ec;
        std::filesystem::create_directories(opts.dir, ec);
        if (ec) throw sim::InputError(opts.dir, {}, "cannot create the folder: " + ec.message());
        const auto test_path = std::filesystem::path(opts.dir) / (scenario.name + ".test.yml");
        write_file(std::filesystem::path(opts.dir) / rules_name, exported.rules_yaml);
        write_file(test_path, exported.test_yaml);

        std::cout << test_path.string() << "\n";
        std::cout << "first firing since the run's start (twin / on the scrape grid):\n";
        for (const auto& s : exported.shifts)
            std::cout << "  " << s.alert << "  " << offset_text(s.twin_firing) << " / " << offset_text(s.grid_firing)
                      << "\n";
    } catch (const sim::InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
    return kExitPass;
}

Command setup_export_promtool(CLI::App& app) {
    auto opts = std::make_shared<ExportOptions>();
    CLI::App* sub = app.add_subcommand("export-promtool", "Write a scenario's run as a promtool rule unit test");
    sub->add_option("scenario", opts->scenario, "Scenario file")->required();
    sub->add_option("-o,--output", opts->dir, "Folder for <name>.test.yml and <name>.rules.yml")->required();
    sub->add_option("--seed", opts->seed, "Seed (overrides the scenario's)");
    sub->add_option("--rules", opts->rules, "Alert rule file (plain or PrometheusRule)")->capture_default_str();
    sub->add_option("--profile", opts->profile, "Deployment profile (default: the built-in defaults)");
    return {sub, [opts] { return export_scenario(*opts); }};
}

const bool registered = register_command(setup_export_promtool);

}  // namespace

}  // namespace caracal::tools
