#include "tools/injection_instant.hpp"

#include "sim/base/error.hpp"

namespace caracal::tools {

sim::Time injection_instant(const std::optional<live::ServeStatus>& status, const std::string& injected_at) {
    if (status) return sim::Time::from_millis(status->injected_at_unix_ms);
    if (!injected_at.empty() && injected_at.find_first_not_of("0123456789") == std::string::npos && injected_at.size() <= 15)
        return sim::Time::from_millis(std::stoll(injected_at));
    if (injected_at.find('T') != std::string::npos)
        if (const auto t = sim::parse_timestamp(injected_at)) return *t;
    throw sim::InputError("--injected-at", {}, "expected RFC 3339 or Unix milliseconds, got \"" + injected_at + "\"");
}

}  // namespace caracal::tools
