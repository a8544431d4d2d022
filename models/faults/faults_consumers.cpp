// Faults on stream consumer groups: pause (the group reads nothing; the backlog is read once it
// resumes) and delay (the group handles an entry only once it is `by` old).
#include <memory>

#include "models/faults/fault.hpp"
#include "models/world/world.hpp"

namespace caracal {

std::unique_ptr<Fault> parse_consumer_fault(const std::string& primitive, FaultParams& params) {
    if (primitive == "pause") {
        const std::string group = params.consumer_group("consumer_group");
        return std::make_unique<SettingFault>(
            "pause(" + group + ")", [group](World& w) { w.ctx().consumers.pause(group, true); },
            [group](World& w) { w.ctx().consumers.pause(group, false); });
    }
    if (primitive == "delay") {
        const std::string group = params.consumer_group("consumer_group");
        const Duration by = params.duration("by");
        if (by <= Duration()) params.fail("by", "\"by\" must be positive");
        return std::make_unique<SettingFault>(
            "delay(" + group + ", " + sim::format_duration(by) + ")",
            [group, by](World& w) { w.ctx().consumers.delay(group, by); },
            [group](World& w) { w.ctx().consumers.delay(group, Duration()); });
    }
    return nullptr;
}

}  // namespace caracal
