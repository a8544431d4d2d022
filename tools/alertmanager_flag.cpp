#include "tools/alertmanager_flag.hpp"

#include "sim/alertmanager/config_reader.hpp"

namespace caracal::tools {

void add_alertmanager_flag(CLI::App& sub, std::string& file) {
    sub.add_option("--alertmanager", file,
                   "Dispatch the alerts through this Alertmanager configuration (alertmanager.yml, 0.25) and show "
                   "who is paged and when, next to when each alert fired (e.g. models/profiles/alertmanager.yml)");
}

std::optional<sim::alertmanager::Config> load_alertmanager(const std::string& file) {
    if (file.empty()) return std::nullopt;
    return sim::alertmanager::load_config(file);
}

}  // namespace caracal::tools
