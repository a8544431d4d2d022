// `--alertmanager FILE` (issue 18.3): the Alertmanager configuration `run`, `check` and `report`
// dispatch a drill's alerts through, to say who is paged and when. Without it nothing is
// dispatched and every output is what it was before the flag existed.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "sim/alertmanager/config.hpp"

namespace caracal::tools {

void add_alertmanager_flag(CLI::App& sub, std::string& file);

// nullopt when `file` is empty. Throws sim::InputError when the file does not load.
std::optional<sim::alertmanager::Config> load_alertmanager(const std::string& file);

}  // namespace caracal::tools
