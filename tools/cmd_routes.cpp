// `caracal-twin routes [show] --config FILE` and `caracal-twin routes test --config FILE
// [--verify-receivers R1,R2] [--tree] LABEL=VALUE...`: an Alertmanager configuration's routing
// tree, and the receivers an alert with those labels reaches, printed exactly as `amtool config
// routes` 0.25 prints them. A failed --verify-receivers exits 1, as amtool does; a bad
// configuration or label exits 2 with a positioned message (amtool exits 1).
#include <functional>
#include <iostream>
#include <map>
#include <memory>

#include "sim/alertmanager/config_reader.hpp"
#include "sim/alertmanager/matcher_syntax.hpp"
#include "sim/alertmanager/route_match.hpp"
#include "sim/alertmanager/route_tree_text.hpp"
#include "sim/base/error.hpp"
#include "tools/command.hpp"

namespace caracal::tools {

namespace {

namespace am = sim::alertmanager;

struct RoutesOptions {
    std::string config;
    std::string verify_receivers;
    bool tree = false;
    std::vector<std::string> labels;
};

// amtool's label arguments: each a matcher with `=` (quotes and escapes as in matchers); a label
// given twice keeps its last value.
sim::tsdb::Labels parse_label_args(const std::vector<std::string>& args) {
    std::map<std::string, std::string> labels;
    for (const auto& arg : args) {
        try {
            const auto m = am::parse_matcher(arg);
            if (m.op() != sim::tsdb::MatchOp::Equal) throw std::invalid_argument("labels must be specified as key=value pairs");
            labels[m.name()] = m.value();
        } catch (const std::invalid_argument& e) {
            throw sim::InputError("label \"" + arg + "\"", {}, e.what());
        }
    }
    return sim::tsdb::Labels::from_map(labels);
}

int show_routes(const RoutesOptions& opts) {
    const auto cfg = am::load_config(opts.config);
    std::cout << "Routing tree:\n" << am::route_tree_text(cfg.root) << "\n";
    return kExitPass;
}

int test_routes(const RoutesOptions& opts) {
    const auto cfg = am::load_config(opts.config);
    const auto labels = parse_label_args(opts.labels);
    if (opts.tree) std::cout << "Matching routes:\n" << am::matching_tree_text(cfg.root, labels) << "\n\n";
    std::string receivers;
    for (const auto* route : am::matching_routes(cfg.root, labels)) receivers += (receivers.empty() ? "" : ",") + route->receiver;
    std::cout << receivers << "\n";
    if (!opts.verify_receivers.empty() && opts.verify_receivers != receivers) {
        std::cout << "WARNING: Expected receivers did not match resolved receivers.\n";
        return kExitFail;
    }
    return kExitPass;
}

int reporting_bad_input(const std::function<int()>& run) {
    try {
        return run();
    } catch (const sim::InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
}

Command setup_routes(CLI::App& app) {
    auto opts = std::make_shared<RoutesOptions>();
    CLI::App* routes = app.add_subcommand("routes", "An Alertmanager routing tree, as `amtool config routes` shows and tests it");
    // amtool's spellings too (--config.file, --verify.receivers), so scripts can swap the tools.
    routes->add_option("--config,--config.file", opts->config, "Alertmanager configuration file")->required();
    // --config may also follow `show` or `test`, as amtool's --config.file may.
    routes->fallthrough();
    routes->require_subcommand(0, 1);
    routes->add_subcommand("show", "Print the routing tree (the default)");
    CLI::App* test = routes->add_subcommand("test", "Print the receivers an alert with these labels reaches");
    test->add_option("--verify-receivers,--verify.receivers", opts->verify_receivers,
                     "Exit 1 unless the receivers, comma-separated in tree order, are exactly these");
    test->add_flag("--tree", opts->tree, "Also print the routes the alert passes through");
    test->add_option("labels", opts->labels, "LABEL=VALUE ...");
    return {routes, [opts, test] {
                return reporting_bad_input([&] { return test->parsed() ? test_routes(*opts) : show_routes(*opts); });
            }};
}

const bool registered = register_command(setup_routes);

}  // namespace

}  // namespace caracal::tools
