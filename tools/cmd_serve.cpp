// `caracal-twin serve SCENARIO --listen ADDR`: the scenario simulated in step with the wall clock
// and served to a real Prometheus (http_sd_configs targets, each pod's /metrics, /status) until it
// ends or SIGTERM. Exit 0 when it ran to the end or was stopped, 2 on bad input.
#include <iostream>
#include <memory>

#include "live/serve.hpp"
#include "sim/base/error.hpp"
#include "tools/catalog.hpp"
#include "tools/command.hpp"

namespace caracal::tools {

namespace {

struct ServeCommandOptions {
    std::string scenario;
    SimulationFlags simulation;
    live::ServeOptions serve;
};

int run_serve(const ServeCommandOptions& opts) {
    try {
        const Scenario scenario = load_scenario(opts.scenario);
        TwinSession twin(scenario, run_options(opts.simulation));
        live::serve(twin, opts.serve, std::cout);
        return kExitPass;
    } catch (const sim::InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
}

Command setup_serve(CLI::App& app) {
    auto opts = std::make_shared<ServeCommandOptions>();
    CLI::App* sub = app.add_subcommand("serve", "Run a scenario in step with the wall clock and serve it to Prometheus");
    sub->add_option("scenario", opts->scenario, "Scenario file")->required();
    sub->add_option("--listen", opts->serve.listen, "host:port to serve on (port 0: any free one)")->capture_default_str();
    add_simulation_flags(*sub, opts->simulation);
    sub->add_option("--scrape-log", opts->serve.scrape_log,
                    "At the end, write the status (injection instant, scrape log) to this JSON file");
    return {sub, [opts] { return run_serve(*opts); }};
}

const bool registered = register_command(setup_serve);

}  // namespace

}  // namespace caracal::tools
