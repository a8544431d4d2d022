#include "sim/alertmanager/config.hpp"

namespace sim::alertmanager {

const Receiver* Config::receiver(const std::string& name) const {
    for (const auto& r : receivers) {
        if (r.name == name) return &r;
    }
    return nullptr;
}

}  // namespace sim::alertmanager
