#include "analysis/summary_registry.hpp"

#include <map>

#include "sim/base/error.hpp"

namespace caracal::analysis {

namespace {
std::map<std::string, Summary>& registry() {
    // A function-local static: commands register during static initialisation of other files.
    static std::map<std::string, Summary> summaries;
    return summaries;
}
}  // namespace

bool register_summary(const std::string& command, Summary summary) {
    registry()[command] = std::move(summary);
    return true;
}

const Summary& find_summary(const std::string& command) {
    const auto it = registry().find(command);
    if (it == registry().end()) throw sim::InputError(command, {}, "no command of this name writes shard files");
    return it->second;
}

}  // namespace caracal::analysis
