// What every simulating command shares: the --seed/--rules/--profile flags, the catalog of
// scenario files, loading every input before the first simulation (so bad input stops a command
// before any run).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "models/drill/drill_check.hpp"
#include "models/scenario/drill_docs.hpp"
#include "models/scenario/scenario.hpp"
#include "models/twin/twin.hpp"

namespace caracal::tools {

struct SimulationFlags {
    std::optional<std::uint64_t> seed;
    std::string rules = kDefaultRulesFile;
    std::string profile;
};
void add_simulation_flags(CLI::App& sub, SimulationFlags& flags);

// Digits only, at most `max`: CLI11 would read "-1" into an unsigned option as its largest value.
CLI::Validator unsigned_integer(std::uint64_t max = std::numeric_limits<std::uint64_t>::max());
// Throws sim::InputError when the profile does not load.
RunOptions run_options(const SimulationFlags& flags);

// The catalog: scenarios/*.yaml (not the examples below it) relative to the working directory,
// sorted. Throws sim::InputError when there is none.
std::vector<std::string> catalog_files();

// Scenarios (the catalog when `files` is empty), run options, the facts of the rules they run with
// (loaded now, so bad rules stop a command before any run) and the docs.
struct CatalogInputs {
    std::vector<Scenario> scenarios;
    RunOptions run;
    sim::alerting::RuleFacts rules;
    std::string docs_file;  // empty: no docs page
    std::optional<DrillDocs> docs;
};
CatalogInputs load_catalog(const std::vector<std::string>& files, const SimulationFlags& flags,
                           const std::string& docs_file);

// The check options for one scenario of the catalog (its drill looked up on the docs page).
CheckOptions check_options(const Scenario& scenario, const CatalogInputs& in, bool strict);

// Throws sim::InputError when the file cannot be written.
void write_file(const std::string& path, const std::string& text);

}  // namespace caracal::tools
