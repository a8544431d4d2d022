#include "live/scrape_log.hpp"

#include "sim/base/error.hpp"

namespace caracal::live {

nlohmann::json ScrapeLog::to_json() const {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [target, instants] : instants_) out[target] = instants;
    return out;
}

ScrapeLog ScrapeLog::from_json(const nlohmann::json& j, const nlohmann::json& instances, const std::string& file) {
    ScrapeLog log;
    if (!j.is_object()) throw sim::InputError(file, {}, "expected the scrape log: an object of target -> [unix ms]");
    if (!instances.is_null() && !instances.is_object())
        throw sim::InputError(file, {}, "expected the scrape targets: an object of target -> instance label");
    for (const auto& [target, instants] : j.items()) {
        if (!instants.is_array())
            throw sim::InputError(file, {}, "expected an array of Unix milliseconds for target " + target);
        for (const auto& t : instants) {
            if (!t.is_number_integer())
                throw sim::InputError(file, {}, "expected Unix milliseconds (an integer) for target " + target);
            log.instants_[target].push_back(t.get<std::int64_t>());
        }
    }
    if (instances.is_object())
        for (const auto& [target, instance] : instances.items()) {
            if (!instance.is_string()) throw sim::InputError(file, {}, "expected an instance label (a string) for target " + target);
            log.instances_[target] = instance.get<std::string>();
        }
    return log;
}

}  // namespace caracal::live
