#include "live/scrape_log.hpp"

#include "sim/base/error.hpp"

namespace caracal::live {

nlohmann::json ScrapeLog::to_json() const {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [target, instants] : instants_) out[target] = instants;
    return out;
}

ScrapeLog ScrapeLog::from_json(const nlohmann::json& j, const std::string& file) {
    ScrapeLog log;
    if (!j.is_object()) throw sim::InputError(file, {}, "expected the scrape log: an object of target -> [unix ms]");
    for (const auto& [target, instants] : j.items()) {
        if (!instants.is_array())
            throw sim::InputError(file, {}, "expected an array of Unix milliseconds for target " + target);
        for (const auto& t : instants) {
            if (!t.is_number_integer())
                throw sim::InputError(file, {}, "expected Unix milliseconds (an integer) for target " + target);
            log.record(target, t.get<std::int64_t>());
        }
    }
    return log;
}

}  // namespace caracal::live
