#include "tools/catalog.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "sim/base/error.hpp"

namespace caracal::tools {

namespace {
constexpr const char* kCatalogDir = "scenarios";
}

void add_simulation_flags(CLI::App& sub, SimulationFlags& flags) {
    sub.add_option("--seed", flags.seed, "Seed for every scenario (overrides theirs)")->check(unsigned_integer());
    sub.add_option("--rules", flags.rules, "Alert rule file (plain or PrometheusRule)")->capture_default_str();
    sub.add_option("--profile", flags.profile, "Deployment profile, loaded over the built-in one (default: models/profiles/default.yaml, compiled in)");
}

RunOptions run_options(const SimulationFlags& flags) {
    RunOptions options;
    if (!flags.profile.empty()) options.profile = load_profile(flags.profile);
    options.rules_file = flags.rules;
    options.seed = flags.seed;
    return options;
}

std::vector<std::string> catalog_files() {
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(kCatalogDir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw sim::InputError(kCatalogDir, {}, "no scenario files (*.yaml)");
    return files;
}

CLI::Validator unsigned_integer(std::uint64_t max) {
    return CLI::Validator(
        [max](std::string& text) -> std::string {
            const bool digits = !text.empty() && text.size() <= 20 &&
                                std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
            // Twenty digits may still pass 2^64 - 1: compare as text of equal length.
            const std::string limit = std::to_string(max);
            if (!digits || text.size() > limit.size() || (text.size() == limit.size() && text > limit))
                return "expected an integer from 0 to " + limit + ", got \"" + text + "\"";
            return "";
        },
        "UINT");
}

CatalogInputs load_catalog(const std::vector<std::string>& files, const SimulationFlags& flags,
                           const std::string& docs_file) {
    CatalogInputs in;
    for (const auto& path : files.empty() ? catalog_files() : files) in.scenarios.push_back(load_scenario(path));
    in.run = run_options(flags);
    in.rules = rule_facts(in.run);
    in.docs_file = docs_file;
    if (!docs_file.empty()) in.docs = load_drill_docs(docs_file);
    return in;
}

CheckOptions check_options(const Scenario& scenario, const CatalogInputs& in, bool strict) {
    CheckOptions options;
    options.strict = strict;
    options.docs_given = in.docs.has_value();
    if (in.docs) {
        const auto& drills = in.docs->drills;
        const auto it = std::find_if(drills.begin(), drills.end(),
                                     [&](const DocumentedDrill& d) { return d.heading == scenario.drill; });
        if (it != drills.end()) options.documented = &*it;
    }
    return options;
}

void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    if (!out) throw sim::InputError(path, {}, "cannot write the file");
}

}  // namespace caracal::tools
