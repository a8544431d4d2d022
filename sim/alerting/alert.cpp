#include "sim/alerting/alert.hpp"

namespace sim::alerting {

std::string_view to_string(AlertState s) {
    switch (s) {
        case AlertState::Inactive: return "inactive";
        case AlertState::Pending: return "pending";
        case AlertState::Firing: return "firing";
    }
    return "unknown";
}

}  // namespace sim::alerting
