// `caracal-twin export-promtool SCENARIO -o DIR`: runs the scenario and writes DIR/<name>.test.yml
// (a promtool rule unit test: the scraped series and the alerts they imply) with DIR/<name>.rules.yml
// (the rule groups it references), so `promtool test rules` can confirm the prediction.
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "models/export/promtool_export.hpp"
#include "models/scenario/scenario.hpp"
#include "models/twin/twin.hpp"
#include "sim/base/error.hpp"
#include "tools/catalog.hpp"
#include "tools/command.hpp"

namespace caracal::tools {

namespace {

struct ExportOptions {
    std::string scenario;
    std::string dir;
    SimulationFlags simulation;
};

std::string offset_text(const std::optional<Duration>& d) {
    return d ? "+" + sim::format_duration(*d) : std::string("-");
}

int export_scenario(const ExportOptions& opts) {
    try {
        const Scenario scenario = load_scenario(opts.scenario);
        const RunOptions run_options = tools::run_options(opts.simulation);
        const RunResult result = run(scenario, run_options);
        const std::string rules_name = scenario.name + ".rules.yml";
        const PromtoolExport exported = export_promtool(result, opts.simulation.rules, rules_name);

        std::error_code ec;
        std::filesystem::create_directories(opts.dir, ec);
        if (ec) throw sim::InputError(opts.dir, {}, "cannot create the folder: " + ec.message());
        const auto test_path = std::filesystem::path(opts.dir) / (scenario.name + ".test.yml");
        write_file((std::filesystem::path(opts.dir) / rules_name).string(), exported.rules_yaml);
        write_file(test_path.string(), exported.test_yaml);

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
    add_simulation_flags(*sub, opts->simulation);
    return {sub, [opts] { return export_scenario(*opts); }};
}

const bool registered = register_command(setup_export_promtool);

}  // namespace

}  // namespace caracal::tools
